"""Record Markdown → safe HTML, and plain text → text safe inside generated Markdown.

Record fields are rendered here, by us, not by the site engine: Python-Markdown
with no attribute syntax, then sanitized by nh3 to a small allow-list, so nothing
from a record can inject markup, script or event handlers into the site. Every
link gets ``rel="noopener noreferrer"``.
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup, escape

_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
_SCHEMES = {"http", "https", "mailto"}
# Characters Python-Markdown treats as syntax and accepts a backslash escape for
# (markdown.Markdown.ESCAPED_CHARS; '>' becomes an entity below instead).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    """One converter, reset before each use: building one costs more than converting a field."""
    return markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


#: A field is rendered on its own page and again on comparison pages: remembered for the
#: run (at 10,000 provisions there are some 50,000 distinct fields).
@lru_cache(maxsize=1 << 16)
def render_markdown(text: str) -> Markup:
    """Render a record's Markdown field to sanitized HTML."""
    html = _converter().reset().convert(text)
    return Markup(
        nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES, link_rel="noopener noreferrer")
    )


def render_inline(text: str) -> Markup:
    """Render Markdown meant for one line (a table cell): the outer paragraph is dropped."""
    html = str(render_markdown(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def md_text(text: str) -> Markup:
    """Plain text made safe to place in generated Markdown (a heading, a link text).

    Markdown syntax characters are backslash-escaped and HTML special characters
    become entities, so the text shows exactly as written and never becomes markup.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return Markup(escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def plain(text: str) -> Markup:
    """Escape plain text for HTML (what autoescape does), for use in filters."""
    return escape(text)
