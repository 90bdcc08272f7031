"""Typed records, exactly as the editors' format describes them.

Attribute names are the YAML field names; :mod:`generator.read.fields` says which
field has which type and whether it is required. Records are immutable. The
identifiers that come from a file's path (platform, provision and report ids) are
set by the loader, and every top-level record remembers its :class:`Origin` so
that any later check can point at the line that is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.read import yamlsource
from generator.read.translation import NameTranslations, PageTranslations, ProvisionTranslations
from generator.read.yamlsource import locate
from generator.read.yamltree import Node

# Records are frozen dataclasses without __slots__ on purpose: the decode cache
# unpickles tens of thousands of them, and plain instances restore in C.

#: The project root that located checks re-read files from (set by the validate stage).
SOURCE_ROOT: ContextVar[Path] = ContextVar("SOURCE_ROOT")


@lru_cache(maxsize=256)
def _reparse(root: Path, path: str) -> Node | None:
    try:
        tree, _ = yamlsource.parse(path, (root / path).read_bytes())
    except OSError:
        return None
    return tree


@contextmanager
def locating_in(root: Path) -> Iterator[None]:
    """Within this block, :meth:`Origin.at` re-reads files from ``root`` (as they are now)."""
    _reparse.cache_clear()
    token = SOURCE_ROOT.set(root)
    try:
        yield
    finally:
        SOURCE_ROOT.reset(token)
        _reparse.cache_clear()


@dataclass(frozen=True)
class Origin:
    """Where a record came from: its file (relative to the project root) and, in a list
    file, its position. Records do not keep their YAML tree (they are cached and sent
    between processes); a check that needs a line re-reads the file, which only
    happens when there is an error to report.
    """

    path: str
    item: int | None = None

    def at(self, *path: str | int) -> tuple[int, int]:
        root = SOURCE_ROOT.get(None)
        tree = _reparse(root, self.path) if root is not None else None
        if tree is None:
            return (0, 0)
        if self.item is not None:
            return locate(tree, self.item, *path)
        return locate(tree, *path)


# --- content/categories.yaml --------------------------------------------------


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    description: str
    group: str | None
    origin: Origin
    translations: NameTranslations | None = None


# --- content/jurisdictions.yaml -----------------------------------------------


@dataclass(frozen=True)
class Law:
    id: str
    title: str
    citation: str | None
    url: str | None
    translations: NameTranslations | None = None


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    name: str
    laws: tuple[Law, ...]
    origin: Origin
    translations: NameTranslations | None = None


# --- content/platforms/<platform>.yaml ------------------------------------------


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    kind: str
    url: str
    language: str


@dataclass(frozen=True)
class Platform:
    id: str
    name: str
    homepage: str
    headquarters: str | None
    description: str | None
    documents: tuple[Document, ...]
    origin: Origin
    translations: NameTranslations | None = None

    def document(self, doc_id: str) -> Document | None:
        return next((d for d in self.documents if d.id == doc_id), None)


# --- provisions/<platform>/<slug>.yaml ----------------------------------------


@dataclass(frozen=True)
class Text:
    status: str
    body: str | None
    language: str
    version: str | None = None  # the archived version the wording was taken from (archive/<platform>/<document>/)

    @property
    def excerpt(self) -> bool:
        """Whether the body may leave words out (marked …); a verbatim body is compared whole."""
        return self.status == "excerpt"


@dataclass(frozen=True)
class Exposure:
    level: str
    rationale: str


@dataclass(frozen=True)
class JurisdictionFlag:
    code: str
    laws: tuple[str, ...]
    note: str | None


@dataclass(frozen=True)
class Analogue:
    provision: str
    relation: str
    note: str | None


@dataclass(frozen=True)
class Compliance:
    regulatory_landscape: str | None
    contract_implications: str | None
    considerations: str | None


@dataclass(frozen=True)
class HistoryEntry:
    date: dt.date
    summary: str
    previous_text: str | None = None  # the wording before this change, if held


@dataclass(frozen=True)
class Response:
    """A reply to the record by the platform it describes (or another party it names), shown as theirs."""

    date: dt.date
    by: str
    url: str
    summary: str


@dataclass(frozen=True)
class Source:
    url: str
    retrieved: dt.date | None
    title: str | None


@dataclass(frozen=True)
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
    responses: tuple[Response, ...]  # replies to the record (right of reply), as written
    translations: ProvisionTranslations | None
    sources: tuple[Source, ...]
    last_reviewed: dt.date | None
    origin: Origin
    aliases: tuple[str, ...] = ()  # former ids; their addresses redirect here


# --- content/metrics.yaml and content/reports/<platform>/<report>.yaml ------------


@dataclass(frozen=True)
class Metric:
    id: str
    title: str
    unit: str
    description: str | None
    origin: Origin
    translations: NameTranslations | None = None


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Figure:
    metric: str
    value: int | float
    note: str | None


@dataclass(frozen=True)
class Report:
    id: str  # "<platform>/<report>", from the path
    platform: str
    slug: str
    document: str
    period: Period
    figures: tuple[Figure, ...]
    origin: Origin


# --- content/pages/*.md -----------------------------------------------------------


@dataclass(frozen=True)
class ProsePage:
    """A hand-written Markdown page; trusted project prose, copied to the site. Its translations are files of
    their own (``content/pages/<lang>/<slug>.md``: generator.read.translation.PageTranslation)."""

    slug: str
    title: str
    markdown: str
    path: str
    translations: PageTranslations | None = None


# --- archive/<platform>/<document>/<version>.yaml (and .md) ------------------------


@dataclass(frozen=True)
class ArchiveSource:
    """Where an archived text was taken from: a file of a repository at a commit, or an address."""

    repository: str | None  # "owner/name"
    path: str | None  # the file in that repository
    commit: str | None  # the commit it was taken at (40 hex digits)
    url: str | None  # a page address or a stored public copy
    title: str | None


@dataclass(frozen=True)
class ArchivedVersion:
    """One kept version of a platform's document: its text and where, when and under what licence it was recorded."""

    id: str  # "<platform>/<document>/<version>", from the path
    platform: str  # from the path
    document: str  # from the path
    slug: str  # the version's name: its date (``dated``), "-2" for a second one that day
    source: ArchiveSource
    recorded: dt.date | None  # None: a stored copy whose recording date is unknown
    effective: dt.date | None
    url: str
    licence: str
    attribution: str | None
    sha256: str  # as the provenance states it
    text: str  # the archived text: the .md file beside the provenance
    text_digest: str  # the SHA-256 of that file as it is now (differs from ``sha256`` when it was edited)
    origin: Origin
    #: set only on an edition: the document published in another language than its own (named <date>.<language>)
    language: str | None = None
    publisher: str | None = None  # who published an edition, when not the platform itself (a third party)

    @property
    def edition(self) -> bool:
        """An edition in another language, kept beside the versions of the document's own language (which alone
        have a history and prove quotes)."""
        return self.language is not None

    @property
    def dated(self) -> dt.date | None:
        """The date that names and orders the version: when it was recorded, else (for a stored copy whose
        recording date is unknown) the date the document states."""
        return self.recorded or self.effective


@dataclass(frozen=True)
class TrackedSource:
    """A document of a versions repository the archive follows (content/archive.yaml)."""

    to: str  # "<platform>/<document>"
    repository: str
    path: str
    licence: str | None
    attribution: str | None
    origin: Origin


def version_order(recorded: dt.date | None, name: str) -> tuple[dt.date, int, str]:
    """How archived versions of one document are ordered, oldest first: by the date recorded, then by
    name ("2025-01-29" before "2025-01-29-2" before "2025-01-29-10"); a version without a valid date first."""
    return (recorded or dt.date.min, len(name), name)


# --- everything read from one project -----------------------------------------------


@dataclass(frozen=True, slots=True)
class Records:
    """Everything decoded from one project, before references are resolved.

    One field per record kind, named by its key in the registry (generator.read.kinds), and the prose pages.
    """

    categories: tuple[Category, ...]
    jurisdictions: tuple[Jurisdiction, ...]
    metrics: tuple[Metric, ...]
    platforms: tuple[Platform, ...]
    provisions: tuple[Provision, ...]
    reports: tuple[Report, ...]
    versions: tuple[ArchivedVersion, ...]
    tracked: tuple[TrackedSource, ...]
    pages: tuple[ProsePage, ...]
