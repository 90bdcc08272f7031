"""Checks of a provision's translations: made from the English it now has, and about the same things.

A translation holds the digest of the English it was made from
(:func:`generator.read.english.english_digest`); when the English has changed
since, it has fallen behind: a warning (the page still shows it, marked, and the
maintenance page lists it). Its notes name the jurisdiction flags, analogues and
history entries of the English record; one that names something the record no
longer has is an error, since it could never be shown. A prose page's translation
(``content/pages/<lang>/<slug>.md``, generator.read.prose) holds the digest of the
English page in the same way.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.diagnostics import Diagnostic, Severity
from generator.read.checks.archive import not_found
from generator.read.checks.base import Index, located
from generator.read.english import english_digest, page_digest, stale_languages, stale_page_languages
from generator.read.fieldtypes import did_you_mean
from generator.read.model import ProsePage, Provision
from generator.read.translation import TRANSLATED


def translation_current(p: Provision, ix: Index) -> Iterator[Diagnostic]:
    """Each translation was made from the English the record has now."""
    for lang in stale_languages(p):
        message = f"the {lang} translation was made from other English: it has fallen behind"
        hint = (
            f"update it, then `atlas translation stamp {p.origin.path}` (the English digest is now {english_digest(p)})"
        )
        yield located(
            p.origin, "stale-translation", message, "translations", lang, "digest", hint=hint, severity=Severity.WARNING
        )


def page_translation_current(page: ProsePage, ix: Index) -> Iterator[Diagnostic]:
    """Each translation of a prose page was made from the English page as it is now."""
    for lang in stale_page_languages(page):
        t = getattr(page.translations, lang)
        message = f"the {lang} translation was made from other English ({page.path}): it has fallen behind"
        hint = f"update it, then `atlas translation stamp {t.path}` (the English digest is now {page_digest(page)})"
        line, col = t.digest_at
        yield Diagnostic(t.path, line, col, "stale-translation", message, hint, Severity.WARNING)


def translation_targets(p: Provision, ix: Index) -> Iterator[Diagnostic]:
    """A translated note belongs to a jurisdiction flag, analogue or history entry the record has."""
    if p.translations is None:
        return
    own: dict[str, set[object]] = {
        "jurisdictions": {f.code for f in p.jurisdictions},
        "analogues": {a.provision for a in p.analogues},
        "history": {h.date for h in p.history},
    }
    for lang in TRANSLATED:
        t = getattr(p.translations, lang)
        if t is None:
            continue
        for field, key in (("jurisdictions", "code"), ("analogues", "provision"), ("history", "date")):
            for i, item in enumerate(getattr(t, field)):
                if getattr(item, key) not in own[field]:
                    message = f"the translated {field} entry '{getattr(item, key)}' is not in the English record"
                    yield located(p.origin, "translation-target", message, "translations", lang, field, i, key)


def translation_edition(p: Provision, ix: Index) -> Iterator[Diagnostic]:
    """Wording taken from a published edition names an archived edition in the translation's language, and
    every passage of it is found there (as a quote is found in its version)."""
    for lang in TRANSLATED:
        t = getattr(p.translations, lang) if p.translations else None
        if t is None or t.edition is None:
            continue
        editions = {name: e for name, e in ix.editions.get((p.platform, p.document), {}).items() if e.language == lang}
        edition = editions.get(t.edition.version)
        if edition is None:
            message = f"no archived {lang} edition '{t.edition.version}' of {p.platform}/{p.document}"
            hint = did_you_mean(t.edition.version, editions) or (
                "known: " + ", ".join(editions)
                if editions
                else f"archive it as archive/{p.platform}/{p.document}/<date>.{lang}.md and .yaml"
            )
            yield located(p.origin, "unknown-version", message, "translations", lang, "edition", "version", hint=hint)
            continue
        missing = not_found(p, t.edition.text, edition, "edition", ("translations", lang, "edition", "text"))
        if missing is not None:
            yield missing
