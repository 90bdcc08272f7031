"""Translations of records: what each holds, and the digest of the English it translates.

The atlas is read in English and in Japanese. English is the record; a
translation is an optional part of it (``translations: {ja: ...}``), made by a
person or by machine (``method``), and for a provision it holds the digest of
the English it was made from: when any English field it could translate changes,
the digest (generator.read.english) no longer matches and ``atlas check`` warns that the translation has
fallen behind (and the maintenance page lists it). Names (categories,
jurisdictions, laws, platforms' descriptions, metrics) are short and translated
by hand; they carry no digest. A prose page (``content/pages/<slug>.md``) is
translated in a file of its own, ``content/pages/<lang>/<slug>.md``, whose front
matter gives its ``method`` and the ``digest`` of the English page it translates
(:class:`PageTranslation`); it falls behind in the same way.

A translation never stands in for the platform's wording: ``text`` is a
translation *of* the quoted or paraphrased wording and is shown as one, beside
the original (see decision 0010).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: The languages the atlas is read in; English is the records' own.
LANGUAGES = ("en", "ja")
TRANSLATED = ("ja",)
METHODS = ("machine", "human")


@dataclass(frozen=True)
class JurisdictionNote:
    code: str
    note: str


@dataclass(frozen=True)
class AnalogueNote:
    provision: str
    note: str


@dataclass(frozen=True)
class HistoryNote:
    date: Any  # dt.date; typed loosely to keep this module free of the model's imports at run time
    summary: str


@dataclass(frozen=True)
class EditionWording:
    """The wording as the document's edition in the translation's language publishes it: quoted from that
    archived edition (``version``, named <date>.<language>) and proved against it by ``atlas check``."""

    version: str
    text: str


@dataclass(frozen=True)
class ProvisionTranslation:
    """One language's translation of a provision's prose. ``text`` translates the wording."""

    method: str  # "machine" or "human" (a person made or reviewed it)
    digest: str  # english_digest() of the record when it was translated
    title: str
    summary: str | None
    text: str | None
    interpretive_note: str | None
    affects: str | None
    exposure_rationale: str | None
    jurisdictions: tuple[JurisdictionNote, ...]
    analogues: tuple[AnalogueNote, ...]
    compliance: Any  # model.Compliance | None (this module sits below the model)
    history: tuple[HistoryNote, ...]
    edition: EditionWording | None = None  # the wording in a published edition of the document in this language


@dataclass(frozen=True)
class ProvisionTranslations:
    ja: ProvisionTranslation | None


@dataclass(frozen=True)
class PageTranslation:
    """A prose page in another language: how it was made, the English it translates, and its own Markdown."""

    lang: str
    method: str  # "machine" or "human"
    digest: str  # generator.read.english.page_digest() of the English page when it was translated
    title: str  # its '# Title'
    markdown: str  # the page, its front matter left out
    path: str  # content/pages/<lang>/<slug>.md
    digest_at: tuple[int, int]  # line and column of its ``digest`` in the file, where a diagnostic points


@dataclass(frozen=True)
class PageTranslations:
    ja: PageTranslation | None


@dataclass(frozen=True)
class NameTranslation:
    """A name (and, for categories and platforms, a description) in another language."""

    title: str | None
    name: str | None
    description: str | None
    group: str | None


@dataclass(frozen=True)
class NameTranslations:
    ja: NameTranslation | None
