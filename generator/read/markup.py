"""Record Markdown → safe HTML, and plain text → text safe inside generated Markdown.

Record fields are rendered here, by us, not by the site engine: Python-Markdown
with no attribute syntax, then sanitized by nh3 to a small allow-list, so nothing
from a record can inject markup, script or event handlers into the site. Every
link gets ``rel="noopener noreferrer"``. A control or bidirectional character (which the
reader refuses in records) is shown as U+FFFD in every output here (generator.read.characters).
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3
from markupsafe import Markup

from generator.read.characters import visible

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
    """Python-Markdown's HTML for ``text``; plain paragraphs are written directly (``_plain_html``)."""
    plain = _plain_html(text)
    return plain if plain is not None else _converted(text)


def _converted(text: str) -> str:
    """Python-Markdown's HTML for ``text``, by its whole block and inline machinery."""
    return str(_converter().reset().convert(text))


def _plain_html(text: str) -> str | None:
    """The HTML of ``text`` if it is plain paragraphs, else None.

    Most record fields are plain prose; for those the converter's whole block and
    inline machinery gives exactly ``<p>`` around each paragraph (a property test,
    tests/test_mdrender.py, holds the two to the same output), at a fraction of its
    cost: at 10,000 provisions that is most of the Markdown time of a build.
    """
    paragraphs = _plain_paragraphs(text)
    return None if paragraphs is None else "\n".join(f"<p>{para}</p>" for para in paragraphs)


def _plain_paragraphs(text: str) -> list[str] | None:
    """The paragraphs of ``text`` if it is plain paragraphs (``_NOT_PLAIN``), else None."""
    if _NOT_PLAIN.search(text):
        return None
    paragraphs = _BLANK_LINES.split(text.strip("\n"))
    # every line written, and with no white space (of any kind) to trim at its ends
    if all(line and line == line.strip() for para in paragraphs for line in para.split("\n")):
        return paragraphs
    return None


#: A field is rendered on its own page and again on comparison pages: remembered for the
#: run (at 10,000 provisions there are some 50,000 distinct fields).
@lru_cache(maxsize=1 << 16)
def render_markdown(text: str) -> Markup:
    """Render a record's Markdown field to sanitized HTML."""
    return markdown_html(text)


def markdown_html(text: str) -> Markup:
    """``render_markdown``, not remembered: for a text rendered once (an archived document, tens of KB, whose words
    are compared with its neighbours')."""
    shown = visible(text)
    plain = _plain_html(shown)
    if plain is not None and "\xa0" not in plain:
        # paragraphs of text with no markup, no "&" and no no-break space (which it writes as "&nbsp;"): the
        # sanitizer would give them back unchanged (a property test, tests/test_mdrender.py), so it is spared them
        return Markup(plain)
    return Markup(_sanitized(plain if plain is not None else _converted(shown)))  # plain: not tried again


def _sanitized(html: str) -> str:
    """``html`` with nothing but the allowed tags, attributes and link schemes left, every link ``noopener``."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES, link_rel="noopener noreferrer")


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
    escaped = _MD_SPECIAL.sub(r"\\\1", visible(text))
    return Markup(escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


#: Elements that start a paragraph of their own in plain text.
_BLOCKS = {"p", "blockquote", "pre", "ul", "ol", "table", "hr", "h3", "h4", "h5", "h6"}
_SPACE = re.compile(r"[ \t\r\n]+")


class _PlainText(HTMLParser):
    """The text of sanitized record HTML: paragraphs, list items on lines of their own."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[str]] = [[]]
        self.lists: list[int] = []  # per open list: the next item's number, 0 for a bulleted list
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.paragraphs.append([])
        if tag in ("ul", "ol"):
            self.lists.append(1 if tag == "ol" else 0)
        elif tag == "li":
            number = self.lists[-1] if self.lists else 0
            if self.lists and number:
                self.lists[-1] += 1
            self.paragraphs[-1].append(("\n" if self.paragraphs[-1] else "") + (f"{number}. " if number else "• "))
        elif tag in ("br", "tr"):
            self.paragraphs[-1].append("\n")
        elif tag in ("td", "th"):
            self.paragraphs[-1].append(" ")
        self.pre += tag == "pre"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        self.pre -= tag == "pre" and self.pre > 0
        if tag in _BLOCKS:
            self.paragraphs.append([])

    def handle_data(self, data: str) -> None:
        self.paragraphs[-1].append(data if self.pre else _SPACE.sub(" ", data))

    def text(self) -> str:
        paragraphs = ("".join(parts) for parts in self.paragraphs)
        lines = ("\n".join(line.strip(" ") for line in para.strip("\n").split("\n")) for para in paragraphs)
        return "\n\n".join(para for para in (p.strip() for p in lines) if para)


def plain_text(text: str) -> str:
    """A record's Markdown field as plain text: what a reader sees of it, without markup.

    Paragraphs are separated by a blank line, list items start lines of their own
    (``•`` or their number), line breaks stay; links keep their text only. For
    places where the text is set as text, never as HTML (the compare page's data).
    Plain prose (``_to_html``'s fast path) is taken as it is, without Markdown or
    parsing; a property test holds the two ways to the same text.
    """
    text = visible(text)
    paragraphs = _plain_paragraphs(text)
    if paragraphs is not None:
        return "\n\n".join(_SPACE.sub(" ", para) for para in paragraphs)
    return _plain_from_html(text)


def _plain_from_html(text: str) -> str:
    parser = _PlainText()
    parser.feed(str(render_markdown(text)))
    parser.close()
    return parser.text()
