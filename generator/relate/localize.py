"""The records as read in another language: names and prose replaced by their translations, gaps kept.

``localize(records, "ja")`` returns the same records with every translated name
(categories, groups, jurisdictions, laws, metrics, platforms' descriptions) and
every translated field of every provision in Japanese, and a :class:`Localization`
saying, per provision, how its translation was made, which fields fell back to
the English (the page says so beside each), whether the translation has fallen
behind the English, and the translation of its wording (shown as a translation,
never in place of the platform's own words: ``text.body`` is left as it is).
The catalog is then built from these records as from any others, so that every
page, feed and data file of the Japanese tree reads Japanese wherever it can.
Prose pages are replaced by their translations where they have one
(``content/pages/ja/<slug>.md``), and the localization says of each how it was
made and whether it has fallen behind (:class:`LocalizedPage`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.read.english import covered, english_digest, stale_page_languages
from generator.read.model import ProsePage, Provision, Records
from generator.read.translation import NameTranslations, ProvisionTranslation


@dataclass(frozen=True, slots=True)
class Localized:
    """What a provision's page in another language must say about its translation."""

    method: str | None  # "machine" or "human"; None: not translated at all
    fallback: tuple[str, ...]  # fields shown in English (generator.read.english.FIELDS names, in that order)
    stale: bool  # the English has changed since it was translated
    text: str | None  # the translation of the wording
    #: the fields that have English to translate (the rest are empty in the record), in FIELDS order
    fields: tuple[str, ...] = ()

    @property
    def translated(self) -> tuple[str, ...]:
        """The fields shown in the translation's language."""
        return tuple(f for f in self.fields if f not in self.fallback)


@dataclass(frozen=True, slots=True)
class LocalizedPage:
    """What a prose page in another language's tree says of its translation."""

    method: str | None  # "machine" or "human"; None: not translated, shown in English
    stale: bool  # the English page has changed since it was translated


@dataclass(frozen=True, slots=True)
class Localization:
    lang: str
    provisions: dict[str, Localized]
    pages: dict[str, LocalizedPage] = dataclasses.field(default_factory=dict)  # by slug


def _page(page: ProsePage, lang: str) -> tuple[ProsePage, LocalizedPage]:
    """``page`` as ``lang``'s tree shows it: its translation, where it has one."""
    t = getattr(page.translations, lang, None) if page.translations else None
    if t is None:
        return page, LocalizedPage(None, False)
    shown = dataclasses.replace(page, title=t.title, markdown=t.markdown)
    return shown, LocalizedPage(t.method, lang in stale_page_languages(page))


def _name(obj: Any, lang: str, **fields: str) -> Any:
    """``obj`` with each of ``fields`` (attribute → translation key) replaced where translated."""
    found: NameTranslations | None = getattr(obj, "translations", None)
    t = getattr(found, lang, None) if found else None
    if t is None:
        return obj
    changes = {attr: getattr(t, key) for attr, key in fields.items() if getattr(t, key)}
    return dataclasses.replace(obj, **changes) if changes else obj


def _notes(items: tuple[Any, ...], translated: tuple[Any, ...], key: str, text: str, field: str) -> tuple[Any, ...]:
    by_key = {getattr(t, key): getattr(t, text) for t in translated}
    return tuple(
        dataclasses.replace(i, **{field: by_key[getattr(i, key)]}) if getattr(i, key) in by_key else i for i in items
    )


def _provision(p: Provision, t: ProvisionTranslation) -> Provision:
    c = p.compliance
    if c is not None and t.compliance is not None:
        c = dataclasses.replace(
            c,
            regulatory_landscape=t.compliance.regulatory_landscape or c.regulatory_landscape,
            contract_implications=t.compliance.contract_implications or c.contract_implications,
            considerations=t.compliance.considerations or c.considerations,
        )
    exposure = p.exposure
    if exposure is not None and t.exposure_rationale:
        exposure = dataclasses.replace(exposure, rationale=t.exposure_rationale)
    return dataclasses.replace(
        p,
        title=t.title,
        summary=t.summary or p.summary,
        interpretive_note=t.interpretive_note or p.interpretive_note,
        affects=t.affects or p.affects,
        exposure=exposure,
        compliance=c,
        jurisdictions=_notes(p.jurisdictions, t.jurisdictions, "code", "note", "note"),
        analogues=_notes(p.analogues, t.analogues, "provision", "note", "note"),
        history=_notes(p.history, t.history, "date", "summary", "summary"),
    )


def _localized(p: Provision, lang: str) -> tuple[Provision, Localized]:
    t = getattr(p.translations, lang, None) if p.translations else None
    if t is None:
        every = tuple(name for name, has in covered(p, _EMPTY).items() if has is not None)
        return p, Localized(None, every, False, None, every)
    found = covered(p, t)
    fallback = tuple(name for name, has in found.items() if has is False)
    fields = tuple(name for name, has in found.items() if has is not None)
    return _provision(p, t), Localized(t.method, fallback, t.digest != english_digest(p), t.text, fields)


def coverage(provisions: Iterable[Provision], lang: str, pages: Iterable[ProsePage] = ()) -> Localization:
    """What ``lang``'s translations of the (English) ``provisions`` and prose ``pages`` cover, without localizing
    anything else."""
    return Localization(
        lang, {p.id: _localized(p, lang)[1] for p in provisions}, {pg.slug: _page(pg, lang)[1] for pg in pages}
    )


def localize(records: Records, lang: str) -> tuple[Records, Localization]:
    """``records`` as read in ``lang`` (see the module); English records are returned as they are."""
    if lang == "en":
        return records, Localization(lang, {})
    provisions, local = [], {}
    pages = [_page(pg, lang) for pg in records.pages]
    for p in records.provisions:
        q, info = _localized(p, lang)
        provisions.append(q)
        local[p.id] = info
    jurisdictions = tuple(
        dataclasses.replace(_name(j, lang, name="name"), laws=tuple(_name(law, lang, title="title") for law in j.laws))
        for j in records.jurisdictions
    )
    localized = dataclasses.replace(
        records,
        categories=tuple(
            _name(c, lang, title="title", description="description", group="group") for c in records.categories
        ),
        jurisdictions=jurisdictions,
        metrics=tuple(_name(m, lang, title="title", description="description") for m in records.metrics),
        platforms=tuple(_name(pl, lang, description="description") for pl in records.platforms),
        provisions=tuple(provisions),
        pages=tuple(shown for shown, _ in pages),
    )
    return localized, Localization(lang, local, {shown.slug: info for shown, info in pages})


_EMPTY = ProvisionTranslation("machine", "", "", None, None, None, None, None, (), (), None, ())
