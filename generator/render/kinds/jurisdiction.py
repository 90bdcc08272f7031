"""A jurisdiction's page (provisions flagged for it, by law), and the list of jurisdictions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.read.model import Jurisdiction, Law, Provision
from generator.render import urls
from generator.render.context import Inputs, PageContext, Refs, refs


@dataclass(frozen=True, kw_only=True)
class JurisdictionContext(PageContext):
    jurisdiction: Jurisdiction
    by_law: tuple[tuple[Law, tuple[Provision, ...]], ...]
    without_law: tuple[Provision, ...]
    flagged: int  # provisions flagged for the jurisdiction
    refs: Refs  # of the provisions listed


@dataclass(frozen=True, kw_only=True)
class JurisdictionIndexContext(PageContext):
    pass


def jurisdiction_pages(run: Inputs) -> Iterator[JurisdictionContext]:
    for j in run.cat.jurisdictions.values():
        flagged = run.cat.by_jurisdiction.get(j.code, ())
        by_law = tuple(
            (law, tuple(p for p in flagged if any(law.id in f.laws for f in p.jurisdictions if f.code == j.code)))
            for law in j.laws
        )
        without = tuple(p for p in flagged if not any(f.laws for f in p.jurisdictions if f.code == j.code))
        yield JurisdictionContext(
            **run.base(urls.jurisdiction(j.code), j.name, "content/jurisdictions.yaml"),
            jurisdiction=j,
            by_law=by_law,
            without_law=without,
            flagged=len(flagged),
            refs=refs(run.cat, flagged),
        )


def jurisdiction_index(run: Inputs) -> Iterator[JurisdictionIndexContext]:
    yield JurisdictionIndexContext(**run.base(urls.JURISDICTIONS, run.gettext("Jurisdictions")))
