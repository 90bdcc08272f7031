"""Typed records, exactly as the editors' format describes them.

Attribute names are the YAML field names; :mod:`generator.fields` says which
field has which type and whether it is required. Records are immutable. The
identifiers that come from a file's path (platform, provision and report ids) are
set by the loader, and every top-level record remembers its :class:`Origin` so
that any later check can point at the line that is wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.yamlsource import Mapping, Node, locate


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record came from: its path relative to the project root, and its tree."""

    path: str
    node: Node

    def at(self, *path: str | int) -> tuple[int, int]:
        return locate(self.node, *path)


# --- content/categories.yaml --------------------------------------------------


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    title: str
    description: str
    group: str | None
    origin: Origin


# --- content/jurisdictions.yaml -----------------------------------------------


@dataclass(frozen=True, slots=True)
class Law:
    id: str
    title: str
    citation: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    code: str
    name: str
    laws: tuple[Law, ...]
    origin: Origin


# --- content/platforms/<platform>.yaml ------------------------------------------


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    title: str
    kind: str
    url: str
    language: str


@dataclass(frozen=True, slots=True)
class Platform:
    id: str
    name: str
    homepage: str
    headquarters: str | None
    description: str | None
    documents: tuple[Document, ...]
    origin: Origin

    def document(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == doc_id), None)


# --- provisions/<platform>/<slug>.yaml ----------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    status: str
    body: str | None
    language: str


@dataclass(frozen=True, slots=True)
class Exposure:
    level: str
    rationale: str


@dataclass(frozen=True, slots=True)
class JurisdictionFlag:
    code: str
    laws: tuple[str, ...]
    note: str | None


@dataclass(frozen=True, slots=True)
class Analogue:
    provision: str
    relation: str
    note: str | None


@dataclass(frozen=True, slots=True)
class Compliance:
    regulatory_landscape: str | None
    contract_implications: str | None
    considerations: str | None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    date: dt.date
    summary: str
    previous_text: str | None = None  # the wording before this change, if held


@dataclass(frozen=True, slots=True)
class Source:
    url: str
    retrieved: dt.date | None
    title: str | None


@dataclass(frozen=True, slots=True)
class Provision:
    id: str  # "<platform>/<slug>", from the path
    platform: str  # from the path
    slug: str  # from the path
    title: str
    document: str
    section: str | None
    categories: tuple[str, ...]
    summary: str
    text: Text
    interpretive_note: str | None
    affects: str | None
    exposure: Exposure | None
    jurisdictions: tuple[JurisdictionFlag, ...]
    analogues: tuple[Analogue, ...]
    compliance: Compliance | None
    history: tuple[HistoryEntry, ...]
    sources: tuple[Source, ...]
    last_reviewed: dt.date | None
    origin: Origin
    aliases: tuple[str, ...] = ()  # former ids; their addresses redirect here


# --- content/metrics.yaml and content/reports/<platform>/<report>.yaml ------------


@dataclass(frozen=True, slots=True)
class Metric:
    id: str
    title: str
    unit: str
    description: str | None
    origin: Origin


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date


@dataclass(frozen=True, slots=True)
class Figure:
    metric: str
    value: int | float
    note: str | None


@dataclass(frozen=True, slots=True)
class Report:
    id: str  # "<platform>/<report>", from the path
    platform: str
    slug: str
    document: str
    period: Period
    figures: tuple[Figure, ...]
    origin: Origin


# --- content/pages/*.md -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProsePage:
    """A hand-written Markdown page; trusted project prose, copied to the site."""

    slug: str
    title: str
    markdown: str
    path: str


def empty_origin(path: str) -> Origin:
    return Origin(path, Mapping(1, 1))
