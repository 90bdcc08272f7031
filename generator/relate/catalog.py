"""Stage 3, catalog: resolve ids into one immutable, cross-indexed catalog.

Runs only on records that passed validation, so every reference resolves.
Analogues become two-way here: a pair listed on either provision is shown on
both, with the relation inverted on the other side ("stricter" ↔ "looser").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.read import quotes
from generator.read.fields import INVERSE_RELATION
from generator.read.model import (
    ArchivedVersion,
    Category,
    Figure,
    Jurisdiction,
    Law,
    Metric,
    Platform,
    ProsePage,
    Provision,
    Records,
    Report,
    version_order,
)
from generator.relate.wording import ArchivedWording, wordings


@dataclass(frozen=True, slots=True)
class AnalogueLink:
    """An analogue as seen from one provision: ``relation`` reads from that provision."""

    other: Provision
    relation: str
    note: str | None


@dataclass(frozen=True, slots=True)
class ReportedFigure:
    report: Report
    figure: Figure


@dataclass(frozen=True, slots=True)
class Catalog:
    categories: dict[str, Category]  # taxonomy order
    groups: tuple[tuple[str, tuple[Category, ...]], ...]  # (group heading or "", categories)
    jurisdictions: dict[str, Jurisdiction]  # file order
    laws: dict[str, tuple[Law, Jurisdiction]]
    platforms: dict[str, Platform]  # by name
    provisions: dict[str, Provision]  # by id
    metrics: dict[str, Metric]
    reports: tuple[Report, ...]
    pages: tuple[ProsePage, ...]
    analogues: dict[str, tuple[AnalogueLink, ...]]  # provision id -> links, both directions
    by_category: dict[str, tuple[Provision, ...]]  # any listed category
    by_platform: dict[str, tuple[Provision, ...]]
    by_jurisdiction: dict[str, tuple[Provision, ...]]
    by_law: dict[str, tuple[Provision, ...]]
    by_metric: dict[str, tuple[ReportedFigure, ...]]
    #: archived versions of each document, (platform, document) -> oldest first
    versions: dict[tuple[str, str], tuple[ArchivedVersion, ...]]
    #: the document as published in other languages, (platform, document) -> oldest first (model.ArchivedVersion)
    editions: dict[tuple[str, str], tuple[ArchivedVersion, ...]]
    wordings: dict[str, ArchivedWording]  # provision id -> its quote's archived timeline

    def primary_category(self, provision: Provision) -> Category:
        return self.categories[provision.categories[0]]

    def platforms_in_category(self, category_id: str) -> tuple[Platform, ...]:
        """Platforms with at least one provision in the category, in platform order."""
        present = {p.platform for p in self.by_category.get(category_id, ())}
        return tuple(p for p in self.platforms.values() if p.id in present)

    def covered_categories(self, platform_id: str) -> tuple[Category, ...]:
        """Categories in which the platform has at least one provision, in taxonomy order."""
        present = {c for p in self.by_platform.get(platform_id, ()) for c in p.categories}
        return tuple(c for c in self.categories.values() if c.id in present)

    def latest_review(self) -> dt.date | None:
        dates = [p.last_reviewed for p in self.provisions.values() if p.last_reviewed]
        return max(dates) if dates else None


def _sort_key(p: Provision) -> tuple[str, str]:
    return (p.platform, p.slug)


def build_catalog(records: Records, same_wording: Catalog | None = None, *, cache: Path | None = None) -> Catalog:
    """Resolve and index validated records. ``same_wording``: a catalog of the same records in another
    language (decision 0010), whose quotes' archived timelines hold here too and are not worked out again.
    ``cache``: the cache folder, where the quotes looked up in the archive are remembered by content, as the
    check remembers its own (a quote no longer in the newest version costs a search for its nearest passage)."""
    if cache is not None:
        with quotes.remembered(cache):
            return build_catalog(records, same_wording)
    platforms = {p.id: p for p in sorted(records.platforms, key=lambda p: (p.name.casefold(), p.id))}
    provisions = {p.id: p for p in sorted(records.provisions, key=_sort_key)}

    grouped: dict[str, list[Category]] = {}
    for cat in records.categories:
        grouped.setdefault(cat.group or "", []).append(cat)

    links: dict[str, dict[str, AnalogueLink]] = defaultdict(dict)
    for p in provisions.values():
        for a in p.analogues:
            other = provisions[a.provision]
            links[p.id].setdefault(other.id, AnalogueLink(other, a.relation, a.note))
            links[other.id].setdefault(p.id, AnalogueLink(p, INVERSE_RELATION[a.relation], a.note))

    by_category, by_platform, by_jurisdiction, by_law = _indexes(provisions.values())
    frozen_versions = _by_document(v for v in records.versions if not v.edition)

    by_metric: dict[str, list[ReportedFigure]] = defaultdict(list)
    reports = tuple(sorted(records.reports, key=lambda r: (r.platform, r.period.start, r.slug)))
    for r in reports:
        for fig in r.figures:
            by_metric[fig.metric].append(ReportedFigure(r, fig))

    return Catalog(
        categories={c.id: c for c in records.categories},
        groups=tuple((name, tuple(cats)) for name, cats in grouped.items()),
        jurisdictions={j.code: j for j in records.jurisdictions},
        laws={law.id: (law, j) for j in records.jurisdictions for law in j.laws},
        platforms=platforms,
        provisions=provisions,
        metrics={m.id: m for m in records.metrics},
        reports=reports,
        pages=tuple(sorted(records.pages, key=lambda pg: pg.slug)),
        analogues={
            pid: tuple(sorted(found.values(), key=lambda link: (platforms[link.other.platform].name, link.other.id)))
            for pid, found in sorted(links.items())
        },
        by_category=by_category,
        by_platform=by_platform,
        by_jurisdiction=by_jurisdiction,
        by_law=by_law,
        by_metric={key: tuple(v) for key, v in sorted(by_metric.items())},
        versions=frozen_versions,
        editions=_by_document(v for v in records.versions if v.edition),
        wordings=_wordings(provisions, frozen_versions, same_wording),
    )


def _by_document(versions: Iterable[ArchivedVersion]) -> dict[tuple[str, str], tuple[ArchivedVersion, ...]]:
    found: dict[tuple[str, str], list[ArchivedVersion]] = defaultdict(list)
    for v in sorted(versions, key=lambda v: (v.platform, v.document, version_order(v.dated, v.slug))):
        found[(v.platform, v.document)].append(v)
    return {key: tuple(vs) for key, vs in found.items()}


def _wordings(
    provisions: dict[str, Provision],
    versions: dict[tuple[str, str], tuple[ArchivedVersion, ...]],
    same_wording: Catalog | None,
) -> dict[str, ArchivedWording]:
    if same_wording is None:
        return wordings(provisions.values(), versions)
    return {pid: dataclasses.replace(w, provision=provisions[pid]) for pid, w in same_wording.wordings.items()}


Index = dict[str, tuple[Provision, ...]]


def _indexes(provisions: Iterable[Provision]) -> tuple[Index, Index, Index, Index]:
    """Provisions by category (any listed), platform, jurisdiction and law."""
    by_category: dict[str, list[Provision]] = defaultdict(list)
    by_platform: dict[str, list[Provision]] = defaultdict(list)
    by_jurisdiction: dict[str, list[Provision]] = defaultdict(list)
    by_law: dict[str, list[Provision]] = defaultdict(list)
    for p in provisions:
        by_platform[p.platform].append(p)
        for cat_id in p.categories:
            by_category[cat_id].append(p)
        for flag in p.jurisdictions:
            by_jurisdiction[flag.code].append(p)
            for law in flag.laws:
                by_law[law].append(p)

    def freeze(index: dict[str, list[Provision]]) -> Index:
        return {key: tuple(value) for key, value in sorted(index.items())}

    return freeze(by_category), freeze(by_platform), freeze(by_jurisdiction), freeze(by_law)
