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
from markupsafe import Markup

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


#: What makes a text more than plain paragraphs to Python-Markdown: a character of
#: its inline syntax, escapes, entities or HTML (anywhere); a line that could open a
#: list, heading, quote, table, code block or setext underline; a line ending in a
#: space (a hard break); tabs and control characters (normalized by the converter).
_NOT_PLAIN = re.compile(r"[\\`*_\[\]!<>&#|\t\r\x00-\x08\x0b-\x1f\x7f]|^[ =+\-]|^\d+[.)]| $", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{2,}")


def _to_html(text: str) -> str:
    """Python-Markdown's HTML for ``text``; plain paragraphs are written directly.

    Most record fields are plain prose; for those the converter's whole block and
    inline machinery gives exactly ``<p>`` around each paragraph (a property test,
    tests/test_mdrender.py, holds the two to the same output), at a fraction of its
    cost: at 10,000 provisions that is most of the Markdown time of a build.
    """
    if not _NOT_PLAIN.search(text):
        paragraphs = _BLANK_LINES.split(text.strip("\n"))
        # every line written, and with no white space (of any kind) to trim at its ends
        if all(line and line == line.strip() for para in paragraphs for line in para.split("\n")):
            return "\n".join(f"<p>{para}</p>" for para in paragraphs)
    return str(_converter().reset().convert(text))


#: A field is rendered on its own page and again on comparison pages: remembered for the
#: run (at 10,000 provisions there are some 50,000 distinct fields).
@lru_cache(maxsize=1 << 16)
def render_markdown(text: str) -> Markup:
    """Render a record's Markdown field to sanitized HTML."""
    return Markup(
        nh3.clean(
            _to_html(text), tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES, link_rel="noopener noreferrer"
        )
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
