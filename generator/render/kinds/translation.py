"""The translation status page: what each language's translations cover, per platform and per field, how they
were made, and which have fallen behind the English (also listed on the maintenance page); and the same of the
pages written by people (content/pages, translated in content/pages/<lang>/)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.read.english import FIELDS
from generator.read.model import Platform, Provision
from generator.relate.catalog import Catalog
from generator.relate.localize import Localization, Localized
from generator.render import urls
from generator.render.context import Inputs, PageContext


@dataclass(frozen=True, kw_only=True)
class Counts:
    records: int
    translated: int  # with a translation, however much of the record it covers
    complete: int  # with nothing left in English
    machine: int
    human: int
    stale: int  # made from English that has changed since

    @classmethod
    def of(cls, found: Iterable[Localized]) -> Counts:
        every = list(found)
        made = [loc for loc in every if loc.method is not None]
        return cls(
            records=len(every),
            translated=len(made),
            complete=sum(1 for loc in made if not loc.fallback),
            machine=sum(1 for loc in made if loc.method == "machine"),
            human=sum(1 for loc in made if loc.method == "human"),
            stale=sum(1 for loc in made if loc.stale),
        )


@dataclass(frozen=True, kw_only=True)
class FieldCoverage:
    field: str  # generator.read.english.FIELDS
    english: int  # records with something to translate in the field
    translated: int  # of which the translation has it


@dataclass(frozen=True, kw_only=True)
class StaleTranslation:
    provision: Provision
    platform: Platform
    lang: str
    method: str


@dataclass(frozen=True, kw_only=True)
class PageCoverage:
    """A prose page and its translation into one language."""

    slug: str
    title: str  # as the tree shows it
    method: str | None  # None: not translated
    stale: bool


@dataclass(frozen=True, kw_only=True)
class LanguageCoverage:
    lang: str
    total: Counts
    platforms: tuple[tuple[Platform, Counts], ...]
    fields: tuple[FieldCoverage, ...]
    stale: tuple[StaleTranslation, ...]
    pages: tuple[PageCoverage, ...] = ()


@dataclass(frozen=True, kw_only=True)
class TranslationContext(PageContext):
    languages: tuple[LanguageCoverage, ...]


def stale_translations(cat: Catalog, coverage: Iterable[Localization]) -> tuple[StaleTranslation, ...]:
    """The translations made from English that has changed since, in the catalog's order."""
    return tuple(
        StaleTranslation(provision=p, platform=cat.platforms[p.platform], lang=local.lang, method=loc.method or "")
        for local in coverage
        for p in cat.provisions.values()
        if (loc := local.provisions.get(p.id)) is not None and loc.stale
    )


def _language(cat: Catalog, local: Localization) -> LanguageCoverage:
    mine = [(p, local.provisions[p.id]) for p in cat.provisions.values() if p.id in local.provisions]
    fields = tuple(
        FieldCoverage(
            field=name,
            english=sum(1 for _, loc in mine if name in loc.fields),
            translated=sum(1 for _, loc in mine if name in loc.translated),
        )
        for name in FIELDS
    )
    platforms = tuple((pl, Counts.of(loc for p, loc in mine if p.platform == pl.id)) for pl in cat.platforms.values())
    return LanguageCoverage(
        lang=local.lang,
        total=Counts.of(loc for _, loc in mine),
        platforms=platforms,
        fields=fields,
        stale=stale_translations(cat, [local]),
        pages=tuple(
            PageCoverage(slug=pg.slug, title=pg.title, method=found.method, stale=found.stale)
            for pg in cat.pages
            if (found := local.pages.get(pg.slug)) is not None
        ),
    )


def translation_page(run: Inputs) -> Iterator[TranslationContext]:
    yield TranslationContext(
        **run.base(urls.TRANSLATIONS, run.gettext("Translation status")),
        languages=tuple(_language(run.cat, local) for local in run.coverage),
    )
