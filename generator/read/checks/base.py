"""What every check is given and how it is registered: the :class:`Index` of all records, the :class:`Scope`
a check works on, and :class:`Check` itself. The registry is in ``generator.read.checks``."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.diagnostics import Diagnostic, Severity
from generator.read.model import (
    ArchivedVersion,
    Jurisdiction,
    Metric,
    Origin,
    Platform,
    Provision,
    Records,
    version_order,
)


@dataclass(frozen=True, slots=True)
class Index:
    """Look-up tables over :class:`Records`, built once per run and shared by the checks."""

    records: Records
    categories: frozenset[str]
    jurisdictions: dict[str, Jurisdiction]
    laws: dict[str, str]  # law id -> its jurisdiction's code
    platforms: dict[str, Platform]
    provisions: dict[str, Provision]
    metrics: dict[str, Metric]
    #: archived versions by (platform, document), then by version name (editions in other languages apart)
    versions: dict[tuple[str, str], dict[str, ArchivedVersion]]
    editions: dict[tuple[str, str], dict[str, ArchivedVersion]]

    @classmethod
    def of(cls, records: Records) -> Index:
        return cls(
            records=records,
            categories=frozenset(c.id for c in records.categories),
            jurisdictions={j.code: j for j in records.jurisdictions},
            laws={law.id: j.code for j in records.jurisdictions for law in j.laws},
            platforms={p.id: p for p in records.platforms},
            provisions={p.id: p for p in records.provisions},
            metrics={m.id: m for m in records.metrics},
            versions=_versions(v for v in records.versions if not v.edition),
            editions=_versions(v for v in records.versions if v.edition),
        )


def _versions(versions: Iterable[ArchivedVersion]) -> dict[tuple[str, str], dict[str, ArchivedVersion]]:
    found: dict[tuple[str, str], dict[str, ArchivedVersion]] = {}
    for v in sorted(versions, key=lambda v: version_order(v.dated, v.slug)):  # oldest first
        found.setdefault((v.platform, v.document), {})[v.slug] = v
    return found


def located(
    origin: Origin, code: str, message: str, *path: str | int, hint: str = "", severity: Severity = Severity.ERROR
) -> Diagnostic:
    """A diagnostic at the node ``path`` of the record from ``origin`` (re-read from its file)."""
    line, col = origin.at(*path)
    return Diagnostic(origin.path, line, col, code, message, hint, severity)


class Scope(enum.Enum):
    FILE = "file"  # one file's YAML tree, before decoding: run (cached) per file
    PROVISION = "provision"
    PLATFORM = "platform"
    REPORT = "report"
    VERSION = "version"  # one archived version of a document
    PAGE = "page"  # one prose page (with its translations)
    CATALOG = "catalog"


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    scope: Scope
    run: Callable[..., Iterable[Diagnostic]]

    @property
    def doc(self) -> str:
        return (self.run.__doc__ or "").strip().splitlines()[0]
