"""A platform document's page: its archived versions, the records in the order the newest version has them,
the headings no record covers yet, and what changed from one version to the next."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from generator.read.model import ArchivedVersion, Document, Platform, Provision
from generator.relate import documents
from generator.relate.wording import ArchivedWording
from generator.render import urls
from generator.render.context import Inputs, PageContext, Refs, refs


@dataclass(frozen=True, kw_only=True)
class DocumentContext(PageContext):
    platform: Platform
    document: Document
    versions: tuple[ArchivedVersion, ...]  # newest first
    editions: tuple[ArchivedVersion, ...]  # the document as published in other languages, newest first
    provisions: tuple[Provision, ...]  # in the order the newest version has their wording
    wordings: dict[str, ArchivedWording]  # of those provisions that quote, by id
    uncovered: tuple[str, ...]  # headings of the newest version no record covers
    licences: tuple[tuple[str, str], ...]  # distinct (attribution, licence) of the archived texts
    refs: Refs  # of the provisions listed

    @functools.cached_property
    def changes(self) -> tuple[documents.VersionChange, ...]:
        """What changed between consecutive versions, newest first. Worked out only when the page is rendered:
        a page taken from the page cache (keyed by the versions themselves) never needs it."""
        return documents.changes(tuple(reversed(self.versions)))


def _document_page(run: Inputs, platform: Platform, document: Document) -> DocumentContext:
    cat = run.cat
    versions = cat.versions.get((platform.id, document.id), ())
    newest = versions[-1] if versions else None
    mine = tuple(p for p in cat.by_platform.get(platform.id, ()) if p.document == document.id)
    return DocumentContext(
        **run.base(urls.document(platform.id, document.id), f"{platform.name}: {document.title}"),
        platform=platform,
        document=document,
        versions=tuple(reversed(versions)),
        editions=tuple(reversed(cat.editions.get((platform.id, document.id), ()))),
        provisions=documents.in_order(mine, newest),
        wordings={p.id: cat.wordings[p.id] for p in mine if p.id in cat.wordings},
        uncovered=documents.uncovered(documents.outline(newest.text), mine) if newest else (),
        licences=tuple(dict.fromkeys((v.attribution or "", v.licence) for v in versions)),
        refs=refs(cat, mine),
    )


def document_pages(run: Inputs) -> Iterator[DocumentContext]:
    for platform in run.cat.platforms.values():
        for document in platform.documents:
            yield _document_page(run, platform, document)
