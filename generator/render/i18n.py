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

import functools
import gettext
import hashlib
import io
from pathlib import Path

#: The message catalogues, below the templates' parent folder (site_templates/).
LOCALE = "locale"
DOMAIN = "messages"


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
