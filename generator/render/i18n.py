"""Interface strings in the reader's language: the message catalogue behind the templates and page titles.

Templates mark their strings with Jinja2's i18n extension (``{{ _("…") }}``,
``{% trans %}``), Python code that names pages with ``run.gettext("…")``; ``make
messages`` extracts them into ``site_templates/locale/messages.pot`` and updates
each language's ``.po`` (Babel). English is the source language and needs no
catalogue. A build reads the ``.po`` directly (compiled in memory), so there is
no compiled ``.mo`` to forget to regenerate; a test fails when a string has no
translation (tests/test_i18n.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import hashlib
import io
import re
from collections.abc import Callable
from pathlib import Path

from jinja2.ext import Extension
from markupsafe import Markup

from generator.relate.history import MONTHS, Change

#: The message catalogues, below the templates' parent folder (site_templates/).
LOCALE = "locale"
DOMAIN = "messages"
#: Each language's name in itself, for the switch between the trees.
NAMES = {"en": "English", "ja": "日本語"}
#: A function that puts an interface string in the reader's language.
Gettext = Callable[[str], str]


def marked(message: str) -> str:
    """Marks a string for the catalogue where it is defined (imported as ``_``); the page that shows it
    translates it then (``run.gettext``)."""
    return message


def same(message: str) -> str:
    """English: the interface strings as written."""
    return message


def day(date: dt.date | None, lang: str) -> str:
    """A date as a reader of ``lang`` reads it: ``2026年11月30日`` in Japanese, ISO 8601 (``2026-11-30``) in English."""
    if not isinstance(date, dt.date):
        return ""
    return f"{date.year}年{date.month}月{date.day}日" if lang == "ja" else date.isoformat()


def month(key: str, lang: str) -> str:
    """A month (``YYYY-MM``) as a heading: ``2025年4月``, ``April 2025``."""
    year, number = int(key[:4]), int(key[5:7])
    return f"{year}年{number}月" if lang == "ja" else f"{MONTHS[number - 1]} {year}"


def catalogue(templates: Path, lang: str) -> Path:
    """``site_templates/locale/<lang>/LC_MESSAGES/messages.po`` for the templates in ``site_templates/pages``."""
    return templates.parent / LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.lru_cache(maxsize=8)
def _compiled(po: Path, stamp: float) -> gettext.NullTranslations:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        messages = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, messages, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translations(templates: Path, lang: str) -> gettext.NullTranslations:
    """The interface strings of ``lang``: none to translate for English (the source language)."""
    po = catalogue(templates, lang)
    if lang == "en" or not po.is_file():
        return gettext.NullTranslations()
    return _compiled(po, po.stat().st_mtime)


def catalogue_digest(templates: Path, lang: str) -> str:
    """A short digest of ``lang``'s catalogue, so that cached pages of another wording are not reused."""
    po = catalogue(templates, lang)
    return hashlib.sha256(po.read_bytes()).hexdigest()[:16] if lang != "en" and po.is_file() else "source"


def in_english(change: Change, lang: str) -> bool:
    """Whether what ``change`` says is in English in the tree of ``lang``: an editors' summary the record's
    translation does not hold, or a reply (in its sender's words). What the archive found is said in ``lang``."""
    if lang == "en" or change.archived:
        return False
    if change.response is not None:
        return True
    found = getattr(change.provision.translations, lang, None) if change.provision.translations else None
    return found is None or all(note.date != change.date for note in found.history)


#: ``_("…")`` with a plain literal and no arguments, as the templates write an interface string.
_PLAIN = re.compile(r'(?<![\w.])_\("([^"\\]*)"\)')


class ConstantStrings(Extension):
    """Puts each plain ``_("…")`` of a template in its translation as the template is compiled.

    The i18n extension calls gettext on every page for every string (tens of
    thousands of calls per thousand pages); a string with no arguments says the
    same on every page of a tree, so it is looked up once, as ``("…"|safe)``,
    which Jinja2 folds into the template's own text. The result is what newstyle
    gettext gives (a safe string, ``%%`` read as ``%``); a string that would
    fail to format is left to fail at render, as before.
    """

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        strings: Gettext | None = getattr(self.environment, "interface_strings", None)
        return source if strings is None else _PLAIN.sub(lambda found: _constant(found, strings), source)


def _constant(found: re.Match[str], strings: Gettext) -> str:
    try:
        text = str(Markup(strings(found.group(1))) % {})
    except (TypeError, ValueError, KeyError):
        return found.group(0)
    return '("' + text.replace("\\", "\\\\").replace('"', '\\"') + '"|safe)'
