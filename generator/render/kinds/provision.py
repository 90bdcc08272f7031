"""A provision's own page: its text and provenance, exposure, jurisdictions, analogues, history."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from markupsafe import Markup

from generator.read.model import ArchivedVersion, Category, Document, Jurisdiction, Law, Platform, Provision
from generator.relate import history, review
from generator.relate.catalog import AnalogueLink, Catalog
from generator.relate.localize import Localized
from generator.relate.wording import ArchivedWording
from generator.render import feeds, opendata, urls
from generator.render.citation import Citation, Words, cite, words
from generator.render.context import Inputs, PageContext, Refs, refs

#: Other platforms' provisions listed on a provision page; the rest are on the comparison page.
SAME_CATEGORY_LIMIT = 12


@dataclass(frozen=True, kw_only=True)
class JurisdictionRow:
    jurisdiction: Jurisdiction
    flag_note: str | None
    laws: tuple[Law, ...]


@dataclass(frozen=True, slots=True)
class PublishedWording:
    """The wording in an archived edition of the document in the page's language (proved by ``atlas check``)."""

    text: str
    edition: ArchivedVersion


class Lines:
    """The lines of the same-category list (another platform's provision: its platform, its title, its text's
    status), each rendered once for every provision page of a run (``line``). A line links only outside the
    page's platform (to another platform's provision and platform page, and to the methodology), and every
    provision page is as deep as the others (``provisions/<platform>/<slug>``), so its links, and the line, are
    the same from each. Pickled empty: a page's digest (generator.render.pagecache) does not depend on the
    pages rendered before it."""

    def __init__(self) -> None:
        self._lines: dict[str, Markup] = {}

    def __reduce__(self) -> tuple[type[Lines], tuple[()]]:
        return (Lines, ())

    def line(self, q: Provision, caller: Callable[[], Markup]) -> Markup:
        """The line of ``q``, rendered by ``caller`` (the template's ``{% call %}`` block) the first time."""
        found = self._lines.get(q.id)
        if found is None:
            found = self._lines[q.id] = caller()
        return found


@dataclass(frozen=True, kw_only=True)
class ProvisionContext(PageContext):
    provision: Provision
    platform: Platform
    document: Document
    categories: tuple[Category, ...]
    primary: Category
    analogues: tuple[AnalogueLink, ...]
    same_category: tuple[Provision, ...]  # other platforms, primary category, not analogues; at most a few
    lines: Lines = field(compare=False)  # their lines, shared by the run's provision pages (a memo)
    same_category_more: int  # how many more the comparison page has (pages must not grow with the atlas)
    found_on: int
    platform_total: int
    jurisdictions: tuple[JurisdictionRow, ...]
    timeline: tuple[history.TimelineEntry, ...]  # newest first
    review: review.Review
    data_file: str  # this record as JSON, below the site root
    refs: Refs  # of the analogues and the same-category list
    wording: ArchivedWording | None  # its quote's archived timeline (generator.relate.wording)
    citation: Citation
    responses: tuple[history.Change, ...]  # replies to the record, oldest first (generator.relate.history)
    #: in another language's tree: how the record was translated, what of it is shown in English (else None)
    local: Localized | None = None
    published: PublishedWording | None = None  # in another language's tree: the wording in its edition, if any

    def english_only(self, field: str) -> bool:
        return self.local is not None and field in self.local.fallback


@dataclass(frozen=True, slots=True)
class _Peers:
    """Per category, computed once for all provision pages."""

    by_name: dict[str, tuple[Provision, ...]]  # provisions in platform-name order
    per_platform: dict[str, Counter[str]]  # how many each platform has
    found_on: dict[str, int]  # how many platforms have one
    lines: Lines  # the same-category lists' lines, each rendered once

    @classmethod
    def of(cls, cat: Catalog) -> _Peers:
        return cls(
            by_name={
                cid: tuple(sorted(ps, key=lambda q: (cat.platforms[q.platform].name, q.id)))
                for cid, ps in cat.by_category.items()
            },
            per_platform={cid: Counter(q.platform for q in ps) for cid, ps in cat.by_category.items()},
            found_on={cid: len(cat.platforms_in_category(cid)) for cid in cat.categories},
            lines=Lines(),
        )


def _same_category(cat: Catalog, peers: _Peers, p: Provision, primary: Category) -> tuple[list[Provision], int]:
    """A few other platforms' provisions of ``p``'s primary category (not its analogues), and how many more."""
    links = cat.analogues.get(p.id, ())
    linked = {link.other.id for link in links}
    same: list[Provision] = []
    for q in peers.by_name.get(primary.id, ()):
        if q.platform != p.platform and q.id not in linked:
            same.append(q)
            if len(same) == SAME_CATEGORY_LIMIT:
                break
    in_primary = sum(1 for link in links if primary.id in link.other.categories)
    others = len(cat.by_category.get(primary.id, ())) - peers.per_platform[primary.id][p.platform] - in_primary
    return same, max(0, others - len(same))


def _provision_page(run: Inputs, peers: _Peers, p: Provision, said: Words) -> ProvisionContext:
    cat = run.cat
    primary = cat.primary_category(p)
    links = cat.analogues.get(p.id, ())
    same, more = _same_category(cat, peers, p, primary)
    platform = cat.platforms[p.platform]
    document = platform.document(p.document)
    assert document is not None  # guaranteed by validation
    return ProvisionContext(
        **run.base(urls.provision(p.id), p.title, f"provisions/{p.id}.yaml", feeds.provision_feed(p.id)),
        provision=p,
        platform=platform,
        document=document,
        categories=tuple(cat.categories[c] for c in p.categories),
        primary=primary,
        analogues=links,
        same_category=tuple(same),
        lines=peers.lines,
        same_category_more=more,
        found_on=peers.found_on[primary.id],
        platform_total=len(cat.platforms),
        jurisdictions=tuple(
            JurisdictionRow(
                jurisdiction=cat.jurisdictions[f.code], flag_note=f.note, laws=tuple(cat.laws[law][0] for law in f.laws)
            )
            for f in p.jurisdictions
        ),
        timeline=history.timeline(p),
        review=review.Review(p, run.day, run.settings.review_max_age_days),
        data_file=opendata.provision_file(p.id),
        refs=refs(cat, [*(link.other for link in links), *same]),
        wording=cat.wordings.get(p.id),
        citation=cite(cat, p, run.settings, run.day, said),
        responses=tuple(history.response_changes([p])),
        local=run.local.provisions.get(p.id) if run.local and run.lang != "en" else None,
        published=_published(cat, p, run.lang),
    )


def _published(cat: Catalog, p: Provision, lang: str) -> PublishedWording | None:
    """``p``'s wording as the document's edition in ``lang`` has it, where its translation quotes one."""
    t = getattr(p.translations, lang) if p.translations is not None and lang != "en" else None
    if t is None or t.edition is None:
        return None
    editions = cat.editions.get((p.platform, p.document), ())
    found = next((e for e in editions if e.slug == t.edition.version), None)
    return PublishedWording(t.edition.text, found) if found is not None else None


def provision_pages(run: Inputs) -> Iterator[ProvisionContext]:
    peers = _Peers.of(run.cat)
    said = words(run.gettext, run.lang)  # the plain-text citation's own words, in the tree's language
    for p in run.cat.provisions.values():
        yield _provision_page(run, peers, p, said)
