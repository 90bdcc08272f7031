"""What ``atlas build`` spares the engine, for the very same output (docs/decisions/0011-sparing-the-engine.md).

Three things MkDocs and Material would do for every page, whose result the generator's pages make certain, and
one for every other file (copies):

* **Markdown.** A generated page is ATX headings between HTML blocks the generator has rendered and fenced
  (``mark_raw_blocks``). :class:`Headings` converts each distinct heading once, with the engine's own Markdown
  and settings (the same ids, permalinks and table-of-contents entries), numbers a repeated id as the toc
  extension does, and the page is handed its HTML and table of contents: its Markdown is never parsed. A page
  with anything else (a prose page, the format reference) goes the engine's own way.
* **Navigation and frame.** Every page outside the navigation (the detail pages: nearly all of them) shows the
  same navigation and tabs but for relative links, which depend only on how deep the page is, its first folder
  and how many leading folders it shares with each navigation entry; so do the page frame's styles, scripts,
  configuration and footer, and the header's search field, logo, repository link and colour toggle. Those
  partials and blocks of Material's (``MEMO_PARTIALS``, ``MEMO_BLOCKS``) are rendered once per such
  *signature* (:func:`signature`) and reused. The table of contents depends on a page's headings alone: it is
  rendered once for the pages whose headings are the same (most provision pages). What is left of the page,
  with those in it, is made once per shape of page and filled in with each page's own words (``frames.py``).

* **Front matter.** Written one JSON value per line, it is read line by line (`frontmatter.py`), not by
  PyYAML.
* **Copies.** The files the generator wrote beside the pages (open data, feeds: 20,000 a tree at 10,000
  provisions) are hard-linked into the site rather than copied (``_linked``): 0.3 s a tree instead of 3.4 to 8. The
  docs folder's files are replaced, never written in place (generator.render.writer), so a built site never
  changes under a later render. Where the file system cannot link, the engine copies as always.

``tests/test_engine_shortcuts.py`` builds the fixture corpus both ways and compares every file byte for byte.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import Any

import markdown
from markdown.extensions.toc import nest_toc_tokens, unique
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File
from mkdocs.structure.pages import _ExtractTitleTreeprocessor
from mkdocs.structure.toc import get_toc

from generator.site.engine.frames import Frames, framed, headings_below
from generator.site.engine.frontmatter import reader
from generator.site.engine.rawblocks import RAW_CLOSE, RAW_OPEN

_HEADING = re.compile(r"#{1,6} [^\n]*\Z")
#: The partials whose output depends on a page outside the navigation only through its relative links (see the
#: module): the navigation and tabs, and the header's search field, repository link and colour-scheme toggle.
MEMO_PARTIALS = (
    "partials/nav.html",
    "partials/tabs.html",
    "partials/search.html",
    "partials/source.html",
    "partials/palette.html",
    "partials/logo.html",
)
#: Material's page (the theme's ``main.html``), made once per shape of page and filled in (engine/frames.py).
PAGE_TEMPLATE = "main.html"
#: The table of contents (the secondary sidebar), which depends on a page's headings alone: rendered once for the
#: pages that have the same.
TOC_PARTIAL = "partials/toc.html"
#: The same of Material's page frame (base.html): its styles, scripts, configuration and footer (a page outside the
#: navigation has no previous or next page).
MEMO_BLOCKS = ("styles", "libs", "fonts", "analytics", "footer", "config", "scripts")


@dataclass(frozen=True, slots=True)
class Heading:
    html: str  # as the engine writes it: <hN id="…">…<a class="headerlink" …></hN>
    token: dict[str, Any]  # its table-of-contents entry (Python-Markdown's toc token)
    title: str | None  # the page title the engine takes from it, if it is an h1 opening the page


#: A heading's text that the engine's Markdown passes through as it is: words (letters and digits) joined by single
#: spaces and plain punctuation, nothing its inline patterns or the HTML serializer would change.
_PLAIN_TEXT = re.compile(r"(?!.*(?:  |--|\.\.))[^\W_]+(?:[ ,.:()-]{1,3}[^\W_]+)*[.)]?\Z")  # no "  ", "--", ".."
#: The heading each level's plain headings are made from (see ``Headings``); its id is its slug.
_PROBE = "Atlasprobe"
_PROBED = re.compile(f"({_PROBE}|{_PROBE.lower()})")


class Headings:
    """Each distinct heading line, converted once by the engine's Markdown with the engine's settings.

    A heading of plain text (``_PLAIN_TEXT``: most pages' titles, each converted once only) is made from the
    conversion of a probe heading at its level, its text and the slug of the engine's ``toc`` extension put in
    the probe's places: the same HTML, table-of-contents entry and title (``tests/test_engine_shortcuts.py``
    holds the two ways to the same on any such text)."""

    def __init__(self, extensions: list[Any], configs: dict[str, Any]) -> None:
        self._md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        self._title = _ExtractTitleTreeprocessor()
        self._title._register(self._md)
        self._known: dict[str, Heading] = {}
        # Python-Markdown's Registry has no get(): ruff's SIM401 would call one
        toc = self._md.treeprocessors["toc"] if "toc" in self._md.treeprocessors else None  # noqa: SIM401
        self._slug: Callable[[str], str] | None = (lambda text: toc.slugify(text, toc.sep)) if toc else None
        self._probes: dict[str, Heading | None] = {}

    def __call__(self, line: str) -> Heading | None:
        found = self._known.get(line)
        if found is None:
            found = self._plain(line) or self._converted(line)
            if found is None:
                return None
            self._known[line] = found
        return found

    def _converted(self, line: str) -> Heading | None:
        self._md.reset()
        self._title.title = None
        html = self._md.convert(line)
        tokens = getattr(self._md, "toc_tokens", [])
        if len(tokens) != 1 or "\n" in html:  # not one heading after all: leave the page to the engine
            return None
        return Heading(html, tokens[0], self._title.title)

    def _plain(self, line: str) -> Heading | None:
        """The heading made from its level's probe, if its text is plain and the probe shows where it goes."""
        marks, _, text = line.partition(" ")
        if self._slug is None or not _PLAIN_TEXT.match(text):
            return None
        slug = self._slug(text)
        if marks not in self._probes:  # usable if the probe's id is its slug, as _PROBED finds it
            probe = self._converted(f"{marks} {_PROBE}")
            self._probes[marks] = probe if self._slug(_PROBE) == _PROBE.lower() else None
        probe = self._probes[marks]
        if not slug or probe is None:
            return None
        put = {_PROBE: text, _PROBE.lower(): slug}

        def fill(value: Any) -> Any:
            return _PROBED.sub(lambda m: put[m.group()], value) if isinstance(value, str) else value

        token = {key: fill(value) for key, value in probe.token.items()}
        return Heading(fill(probe.html), token, fill(probe.title))


@dataclass(frozen=True, slots=True)
class Rendered:
    html: str
    toc: list[Any]  # nested toc tokens (Python-Markdown's, as mkdocs.structure.toc.get_toc takes them)
    title: str | None
    ids: frozenset[str]


def prerender(markdown_text: str, headings: Headings) -> Rendered | None:
    """The page's HTML and table of contents as the engine would make them, or None when the page holds
    anything but fenced HTML blocks and single-line ATX headings."""
    parts: list[str] = []
    tokens: list[dict[str, Any]] = []
    used: set[str] = set()
    title = None
    for block in markdown_text.split("\n\n"):
        text = block.strip("\n")
        if not text:
            continue
        if text.startswith(RAW_OPEN + "\n") and text.endswith("\n" + RAW_CLOSE):
            inner = text[len(RAW_OPEN) + 1 : -len(RAW_CLOSE) - 1]
            if RAW_OPEN in inner or RAW_CLOSE in inner:
                return None
            parts.append(inner)
            continue
        heading = headings(text) if _HEADING.match(text) else None
        if heading is None:
            return None
        html, token = heading.html, dict(heading.token, children=[])
        if token["id"] in used:  # the toc extension's numbering of a repeated id
            new = unique(token["id"], used)
            html = html.replace(f'id="{token["id"]}"', f'id="{new}"', 1)
            html = html.replace(f'href="#{token["id"]}"', f'href="#{new}"', 1)
            token["id"] = new
        else:
            used.add(token["id"])
        if not parts:
            title = heading.title
        parts.append(html)
        tokens.append(token)
    return Rendered("\n".join(parts), nest_toc_tokens(tokens), title, frozenset(used))


def _give(page: Any, done: Rendered) -> Callable[[Any, Any], None]:
    """A ``render`` for ``page`` that sets what the engine's own would (mkdocs.structure.pages.Page.render)."""

    def render(config: Any, files: Any) -> None:
        page.content = done.html
        page.toc = get_toc(done.toc)
        page._title_from_render = done.title
        page.present_anchor_ids = set(done.ids)
        page.links_to_anchors = {}

    return render


def signature(url: str, nav_urls: list[list[str]]) -> tuple[int, tuple[int, ...]]:
    """What a relative link from the page at ``url`` depends on: its depth, and how many leading folders it
    shares with each navigation entry."""
    folders = url.split("/")[:-1]
    shared = []
    for entry in nav_urls:
        n = 0
        while n < min(len(entry), len(folders)) and entry[n] == folders[n]:
            n += 1
        shared.append(n)
    return len(folders), tuple(shared)


class Shortcuts(BasePlugin):  # type: ignore[type-arg, no-untyped-call]  # MkDocs' plugin base is untyped
    """The engine plugin that spares it the work above (installed by ``generator.site.engine.build``)."""

    def __init__(self) -> None:
        self.headings: Headings | None = None
        self.in_nav: set[int] = set()
        self.nav_urls: list[list[str]] = []
        self.memo: dict[tuple[str, Any], str] = {}
        self.keys: dict[str, tuple[str, Any]] = {}  # each page's part of its memo keys, by its URL
        self.handed = 0  # pages whose Markdown the engine was spared (for tests and timings)
        self.frames = Frames()

    def on_config(self, config: Any) -> Any:
        self.headings = Headings(config["markdown_extensions"], config["mdx_configs"] or {})
        return config

    def on_files(self, files: Any, /, *, config: Any) -> Any:
        docs, folders = os.path.join(os.path.abspath(config["docs_dir"]), ""), set[str]()
        for file in files:
            if not file.is_documentation_page() and (file.abs_src_path or "").startswith(docs):
                file.copy_file = _linked(file, folders)
        return files

    def on_nav(self, nav: Any, /, *, config: Any, files: Any) -> Any:
        self.in_nav = {id(page) for page in nav.pages}
        self.nav_urls = [(page.url or "").split("/")[:-1] for page in nav.pages]
        return nav

    def on_pre_page(self, page: Any, /, *, config: Any, files: Any) -> Any:
        page.read_source = reader(page)  # its front matter read without a YAML parser
        return page

    @event_priority(110)  # before the hooks' raw-block stash, which would hide the fences
    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any, files: Any) -> str:
        assert self.headings is not None
        done = prerender(markdown, self.headings)
        if done is None:
            return markdown
        page.render = _give(page, done)
        self.handed += 1
        return ""  # read by nothing now (the hooks' stash would only hide the fences again)

    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:
        for name in MEMO_PARTIALS:
            template = env.get_template(name)
            template.root_render_func = self._memoized(name, template.root_render_func, self._by_links)
        frame = env.get_template("base.html")
        for name in MEMO_BLOCKS:
            frame.blocks[name] = self._memoized(f"base.html#{name}", frame.blocks[name], self._by_links)
        toc = env.get_template(TOC_PARTIAL)
        toc.root_render_func = self._memoized(TOC_PARTIAL, toc.root_render_func, headings_below)
        framed(env.get_template(PAGE_TEMPLATE), self._by_links, self.frames)
        return env

    def _by_links(self, page: Any) -> Hashable | None:
        """What a memoized partial's relative links depend on: a page outside the navigation's signature (None for
        a page in it, rendered as always)."""
        if id(page) in self.in_nav or page.url is None:
            return None
        url = page.url
        if url not in self.keys:
            # and its first folder: a link into a folder outside the navigation (assets/) is relative to it too
            self.keys[url] = (url.split("/", 1)[0], signature(url, self.nav_urls))
        return self.keys[url]

    def _memoized(
        self, name: str, render: Callable[[Any], Iterator[str]], key_of: Callable[[Any], Hashable | None]
    ) -> Callable[[Any], Iterator[str]]:
        def cached(context: Any) -> Iterator[str]:
            page = context.get("page")
            part = None if page is None else key_of(page)
            if part is None:
                yield from render(context)
                return
            key = (name, part)
            if key not in self.memo:
                self.memo[key] = "".join(render(context))
            yield self.memo[key]

        return cached


def _linked(file: File, folders: set[str]) -> Callable[[bool], None]:
    """``file``'s ``copy_file``, by a hard link to the docs folder's file (see the module); ``folders`` holds the
    site's folders made so far. A link that fails (another file system, a file already there) is a copy."""

    def copy_file(dirty: bool = False) -> None:
        if dirty and not file.is_modified():
            return
        target = file.abs_dest_path
        folder = os.path.dirname(target)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        try:
            os.link(str(file.abs_src_path), target)
        except OSError:
            File.copy_file(file, dirty)

    return copy_file
