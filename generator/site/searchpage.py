"""What of a page the search index reads: its language and its article, without what Pagefind leaves out.

Pagefind is told which elements to leave out (``PAGEFIND_EXCLUDE``, its ``exclude_selectors``), but it parses
them all the same. The ones the templates write as a plain start tag (a class attribute naming one of those
classes, or a ``<caption>``) are cut before the page is sent (``without_excluded``): the same index, byte for
byte, for less of Pagefind's reading. At 10,000 provisions (wide shape), 10,000 provision pages: 14.1–14.8
CPU-s of Pagefind's reading became 10.9, and the bundle was the same bytes (docs/performance.md).
``tests/test_searchpage.py`` indexes the fixture's pages cut and whole and compares the two bundles file by file;
``tests/test_searchindex.py`` holds the index made page by page to the one Pagefind's command line makes of the
finished site, which it reads whole.
"""

from __future__ import annotations

import functools
import re

#: What Pagefind leaves out of the articles it indexes: the headings' permalink signs;
#: a provision's "How other platforms handle this" (other records' titles, each
#: indexed on its own page: kept in, they made every provision of a category match
#: the others' words, and at 10,000 provisions tripled the index a query loads); and
#: the listings of hub pages (``atlas-listing``: comparison tables, lists of a
#: platform's or a jurisdiction's provisions, the matrix), so that a hub is found by
#: its own words and a query for one provision does not fetch listings of thousands.
#: And what a page says in the same words as every other page of its kind, its
#: particulars aside: the notes on a translation, on a field in English only, on
#: what a text status means and how the wording was checked; the exposure level's
#: rule; the feed, citation, embed, review, open-data and edit notes; the
#: disclaimer; legends; tables' captions (they name what the page's title names).
#: Indexed on each of 10,000 provision pages, that was half of an English page's
#: words and more of a Japanese page's (segmented into many short ones): a query for
#: "legal advice", "BibTeX" or 翻訳 matched every provision, and Pagefind held twice
#: the memory (docs/performance.md).
PAGEFIND_BOILERPLATE = (
    "caption",
    ".atlas-translation-note",
    ".atlas-in-english",
    ".atlas-provenance",
    ".atlas-edition-label",
    ".atlas-translation-label",
    ".atlas-archived",
    ".atlas-rule",
    ".atlas-follow",
    ".atlas-cite",
    ".atlas-embed",
    ".atlas-reviewed",
    ".atlas-record-data",
    ".atlas-edit",
    ".atlas-disclaimer",
    ".atlas-note-small",
    ".atlas-diff-legend",
    ".atlas-attribution",
)
PAGEFIND_EXCLUDE = (".headerlink", ".atlas-others", ".atlas-listing", *PAGEFIND_BOILERPLATE)
_BODY = "data-pagefind-body"
_TAG_NAME = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*")
#: An id attribute in a start tag.
_ID = re.compile(r"\sid=")
#: The elements with no end tag: cutting one cuts its start tag alone.
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


#: A class attribute (double quotes, as the templates and the engine write it) naming one of the excluded classes.
#: Its literal start lets the search skip ahead: a pattern for every start tag took four times as long.
_CLASSES = "|".join(re.escape(selector[1:]) for selector in PAGEFIND_EXCLUDE if selector.startswith("."))
_EXCLUDED_CLASS = re.compile(rf'class="(?:[^"<>]*\s)?(?:{_CLASSES})(?=[\s"])')
#: The excluded elements' names (``caption``), whose start tags are found as text.
_EXCLUDED_NAMES = tuple(selector for selector in PAGEFIND_EXCLUDE if _TAG_NAME.fullmatch(selector))


@functools.lru_cache(maxsize=64)
def _tags(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}\b", re.IGNORECASE)


def _element_end(html: str, start: int, name: str) -> int:
    """Where the element whose start tag is at ``start`` ends (past its end tag's ``>``); -1 if it does not."""
    depth = 0
    for found in _tags(name).finditer(html, start):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return html.find(">", found.end()) + 1 or -1
    return -1


def _search(html: str, at: int, name: str) -> tuple[int, int] | None:
    """Where the next start tag of an excluded element may begin, from ``at`` on, and where the search goes on
    past it: an element of that ``name``, or (``name`` empty) one with an excluded class. None if there is none."""
    if name:
        start = html.find(f"<{name}", at)
        return None if start < 0 else (start, start + 1 + len(name))
    by_class = _EXCLUDED_CLASS.search(html, at)
    while by_class and not html[by_class.start() - 1].isspace():  # data-class="…", say
        by_class = _EXCLUDED_CLASS.search(html, by_class.end())
    return None if by_class is None else (html.rfind("<", 0, by_class.start()), by_class.end())


#: The searches ``_next_start`` makes: by class, then by each excluded element's name.
_SEARCHES = ("", *_EXCLUDED_NAMES)


def _next_start(html: str, at: int, ahead: dict[str, tuple[int, int] | None]) -> tuple[int, int, str] | None:
    """The nearest of the searches' places from ``at`` on, and the name the element must have (empty: any, as its
    class says); None if there is none. ``ahead`` keeps what each search found beyond ``at`` (None: nothing left),
    so none is made again until the cutting has passed what it found: a caption is looked for once a page, not
    once a cut (provision pages of both shapes and languages: 118–128 µs a page to 99–106)."""
    found: tuple[int, int, str] | None = None
    for name in _SEARCHES:
        if name not in ahead or ((known := ahead[name]) is not None and known[1] <= at):
            ahead[name] = _search(html, at, name)
        candidate = ahead[name]
        if candidate is not None and (found is None or candidate[0] < found[0]):
            found = (candidate[0], candidate[1], name)
    return found


def _excluded(html: str, at: int, ahead: dict[str, tuple[int, int] | None]) -> tuple[int, int] | None:
    """The next excluded element from ``at`` on: where it starts and ends (-1: it is not closed); None if none."""
    while found := _next_start(html, at, ahead):
        start, at, required = found
        name = _TAG_NAME.match(html, start + 1)
        tag_end = html.find(">", at)
        if name is None or required not in ("", name.group(0).lower()) or html.find(">", start, at) >= 0 or tag_end < 0:
            continue  # not in a start tag of its own: text, or markup this does not follow (Pagefind's to judge)
        if _ID.search(html, start, tag_end):
            continue  # Pagefind keeps the element's id as an anchor of the page, though not its text
        if name.group(0).lower() in _VOID or html[tag_end - 1] == "/":
            return start, tag_end + 1
        return start, _element_end(html, start, name.group(0))
    return None


def without_excluded(html: str) -> str:
    """``html`` without the excluded elements (``_EXCLUDED_CLASS``, ``_EXCLUDED_NAMES``) but those whose start tag
    has an id; the same text if one of them is not closed, since then where it ends is Pagefind's to judge."""
    kept: list[str] = []
    ahead: dict[str, tuple[int, int] | None] = {}
    at = 0
    while cut := _excluded(html, at, ahead):
        start, end = cut
        if end < 0:
            return html
        kept.append(html[at:start])
        at = end
    return "".join(kept) + html[at:] if kept else html


def indexed_part(html: str) -> str | None:
    """What Pagefind reads of a page: its ``<html>`` tag (the language) and the element marked
    ``data-pagefind-body`` without the excluded elements (``without_excluded``); None for a page without one,
    which Pagefind leaves out.

    Pagefind parses whatever it is given; handing it the article alone, not the
    navigation and header around it (60 % of a page), spares it and the pipe
    that work. A page with other ``data-pagefind-`` marks outside that element
    (metadata, filters), or whose markup this cannot follow, goes whole.
    """
    at = html.find(_BODY)
    if at < 0:
        return None
    start = html.rfind("<", 0, at)
    name = _TAG_NAME.match(html, start + 1)
    root = html.find("<html")
    if name is None or root < 0:
        return html
    end = _element_end(html, start, name.group(0))
    if end < 0:
        return html
    body = html[start:end]
    if body.count("data-pagefind-") != html.count("data-pagefind-"):
        return html
    return f"{html[root : html.find('>', root) + 1]}<body>{without_excluded(body)}</body></html>"
