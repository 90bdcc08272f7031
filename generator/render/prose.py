"""Pages written by people, the prose pages (``content/pages``) and the record format, as each tree shows them.

English shows them as written. Another language's tree shows a prose page's
translation where it has one (``content/pages/<lang>/<slug>.md``:
generator.read.prose), a note under its heading saying how it was made, linking
the English page and, when the English has changed since, saying it may be out
of date. A page with no translation is shown in English, said so in the tree's
language and marked ``lang="en"``.

A translated heading may keep the English page's anchor, for the links the site
makes to it (the text status and exposure badges link to the methodology's
``#text-status`` and ``#exposure``), written after it: ``## テキストの状態
{#text-status}``. The anchor is put inside the heading, which keeps its own
anchor in its words (the translated trees' slugify: generator.site.engine).
"""

from __future__ import annotations

import html
import re

from generator.relate.localize import LocalizedPage
from generator.render import urls
from generator.render.context import Inputs
from generator.render.i18n import marked as _
from generator.render.page import Layout, PageSource, SourceWriter, alternates

#: Prose pages and the record format: written by people, shown with the site's navigation.
PROSE = Layout(navigation=True)
#: What a translated page says of itself, under its heading.
MACHINE = _(
    'This page was machine-translated from English; the English page is the reference: <a href="%(href)s" '
    'hreflang="en" target="_self">read this page in English</a>.'
)
HUMAN = _(
    'This page was translated from English by a person; the English page is the reference: <a href="%(href)s" '
    'hreflang="en" target="_self">read this page in English</a>.'
)
STALE = _("The English page has changed since this translation was made: the translation may be out of date.")
ENGLISH_ONLY = _("This page is in English only.")
#: A heading that keeps the English page's anchor: ``## Heading {#anchor}``.
_ANCHORED = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*\{#([A-Za-z][\w-]*)\}[ \t]*$", re.MULTILINE)


def keep_anchors(markdown: str) -> str:
    """Each heading that ends with ``{#anchor}`` with that anchor at its start, as an empty element."""
    return _ANCHORED.sub(lambda m: f'{m.group(1)} <span id="{m.group(3)}"></span>{m.group(2)}', markdown)


def _translated(run: Inputs, src: str, found: LocalizedPage) -> str:
    """The note under a translated page's heading."""
    href = html.escape(urls.across(src, run.directory_urls, run.lang, "en"))
    made = MACHINE if found.method == "machine" else HUMAN
    said = run.gettext(made) % {"href": href}
    stale = f'<p class="atlas-translation-stale"><strong>{html.escape(run.gettext(STALE))}</strong></p>\n'
    return f'<div class="atlas-translation-note" role="note">\n<p>{said}</p>\n{stale if found.stale else ""}</div>'


def _under_heading(markdown: str, note: str) -> str:
    heading, newline, rest = markdown.partition("\n")
    return f"{heading}\n\n{note}\n{newline}{rest}" if heading.startswith("# ") else f"{note}\n\n{markdown}"


def prose_source(run: Inputs, write: SourceWriter, src: str, title: str, markdown: str, slug: str = "") -> str:
    """The source of the page at ``src`` written by people: the prose page ``slug`` (as the tree's catalog holds
    it: translated where it can be) or, with no slug, a page only ever in English."""
    body_lang = ""
    if run.lang != "en":
        found = run.local.pages.get(slug) if run.local is not None and slug else None
        if found is not None and found.method is not None:
            markdown = _under_heading(keep_anchors(markdown), _translated(run, src, found))
        else:
            body_lang = "en"
            notice = html.escape(run.gettext(ENGLISH_ONLY))
            markdown = _under_heading(markdown, f'<p class="atlas-in-english" lang="{run.lang}">{notice}</p>')
    page = PageSource(
        title,
        markdown,
        generated=False,
        layout=PROSE,
        alternates=alternates(src, run.directory_urls, run.lang, run.settings.languages),
        hreflang=run.directory_urls,
        body_lang=body_lang,
    )
    return write(page)
