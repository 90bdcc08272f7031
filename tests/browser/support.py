"""What the browser tests share: where Chromium is, the two sites, and a tab that watches the network."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Locator, Page, Route, expect

from bench.serving import CHROMIUM as BENCH_CHROMIUM
from generator.relate.catalog import Catalog
from generator.render import urls
from generator.site.engine.segment import WORD_BREAK  # where the offline Japanese index marks its words

from ..conftest import REPO, pagefind_fragments

#: Debian's Chromium and its flags, as the benchmark launches it (bench/serving.py); browser
#: downloads do not work here (``playwright install`` is never run).
CHROMIUM = Path(BENCH_CHROMIUM)
HAVE_CHROMIUM = CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)
SKIP_REASON = (
    f"SKIP browser tests: no Chromium at {CHROMIUM} "
    "(apt-get install chromium, or set ATLAS_CHROMIUM to a Chromium binary)"
)
needs_chromium = pytest.mark.skipif(not HAVE_CHROMIUM, reason=SKIP_REASON)

#: axe-core, pinned in package.json and installed by `make test` (npm ci) whenever Chromium is present.
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

VIEWPORT = {"width": 1280, "height": 1000}
PHONE = {"width": 390, "height": 844}  # a phone's CSS pixels


@dataclass(frozen=True, slots=True)
class Site:
    """One build of the atlas as a browser reaches it, read in one of its language trees."""

    kind: str  # "hosted" (served over HTTP on 127.0.0.1) or "offline" (the unzipped export, from file://)
    base: str  # URL of the site root, ending in "/"
    root: Path  # the folder holding its files
    directory_urls: bool
    folder: str = ""  # the language tree read: "" (English, at the root) or "ja/"

    def url(self, src: str, anchor: str = "") -> str:
        """The absolute URL of the page built from ``src`` (``provisions/openai/csam.md``) in the tree read."""
        return self.base + self.folder + urls.url_path(src, self.directory_urls) + (f"#{anchor}" if anchor else "")

    def inside(self, url: str) -> bool:
        """Whether ``url`` is a file of the site (of any tree)."""
        return url.startswith(self.base)


@dataclass(frozen=True, slots=True)
class Language:
    """One language's tree of the shipped records (generator.site.trees.trees), and what its reader is shown."""

    lang: str  # "en", "ja"
    folder: str  # where the tree sits below the site root: "", "ja/"
    catalog: Catalog  # the records as the tree shows them: names and prose in its language where translated
    gettext: Callable[[str], str]  # the interface strings in its language (the message catalogue)
    nav: list[dict[str, Any]]  # its navigation, titles in its language

    def t(self, msgid: str, **values: object) -> str:
        """An interface string as the tree's pages show it (the templates' ``_("…", name=value)``)."""
        text = self.gettext(msgid)
        return text % values if values else text


#: The language trees the journeys and the accessibility checks read (``language``, parametrized indirectly).
LANGUAGES = ("en", "ja")


@dataclass
class Tab:
    """A page in a fresh browser context where nothing may leave the site.

    Every request is routed: inside the site it goes ahead and is counted; to
    anywhere else it is aborted and recorded in ``blocked``. Console errors and
    uncaught exceptions are recorded in ``errors``.
    """

    site: Site
    context: BrowserContext
    page: Page = field(init=False)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.context.route("**/*", self._route)
        self.page = self.new_page()

    def new_page(self) -> Page:
        """Another page (a fresh tab) in the same context, its requests and errors recorded with the first's."""
        page = self.context.new_page()
        page.on("console", self._console)
        page.on("pageerror", self._pageerror)
        return page

    def _route(self, route: Route) -> None:
        url = route.request.url
        if self.site.inside(url):
            self.requests.append(url)
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def _pageerror(self, error: Error) -> None:
        self.errors.append(f"uncaught: {error.message}")

    def open(self, src: str) -> None:
        self.page.goto(self.site.url(src))

    def evaluate(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def assert_clean(self) -> None:
        """Not one request outside the site, not one console error (once the page has gone quiet)."""
        self.page.wait_for_load_state("networkidle")  # late fetches report their errors too
        assert self.blocked == [], f"requests outside the site: {self.blocked}"
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.requests, "no request was seen: the routing did not apply"


#: The hosted build's search bundle (generator/site/engine/, PAGEFIND_BUNDLE).
PAGEFIND = "pagefind/"

#: How long a search may take to show its first result, in milliseconds. Offline, the first query waits while lunr
#: indexes the whole tree inside the page (2 to 3 s for either tree of the shipped records on an idle machine, more
#: on a busy one; Playwright's own 5 s was at times too short): this bound only ends a search that never answers,
#: it measures nothing.
SEARCH_ANSWERS = 60_000


def search(page: Page, query: str) -> Locator:
    """Type ``query`` into the header's search field as a reader does; returns the results once the first shows.

    Material's search (offline) reads the field when a key is released, when it gains focus and when its index is
    ready, not on ``input``: Playwright's ``fill`` puts the text in without a key, and if the index was ready in
    between, the query was never read. So a key is released after it, as a reader's last key (or an input method's
    confirmation) is: End, which changes nothing. Pagefind's search (hosted) reads ``input``."""
    field = page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=SEARCH_ANSWERS)
    return results


def indexed_pages(site: Site, word: str) -> set[str]:
    """The URL paths (below the root of the tree read) of the pages of that tree whose search entry holds ``word``.

    Read from the index the build wrote: Pagefind's fragments on the hosted site
    (gzip, a signature, JSON; one bundle for every tree), Material's lunr index on the offline one (one per tree).
    """
    if site.kind == "hosted":
        assert not (site.root / "search").exists(), "the hosted site ships Material's lunr index"
        paths = {
            fragment["url"].lstrip("/")
            for fragment in pagefind_fragments(site.root)
            if word in f"{fragment['meta'].get('title', '')} {fragment['content']}".lower()
        }
        below = tuple(f"{lang}/" for lang in LANGUAGES if lang != "en" and f"{lang}/" != site.folder)  # other trees
        return {p.removeprefix(site.folder) for p in paths if p.startswith(site.folder) and not p.startswith(below)}
    assert not (site.root / PAGEFIND).exists(), "the offline export ships Pagefind, which cannot load from file://"
    index = json.loads((site.root / site.folder / "search/search_index.json").read_text(encoding="utf-8"))
    return {
        d["location"].split("#")[0]
        for d in index["docs"]
        if word in f"{d['title']} {d['text']}".replace(WORD_BREAK, "").lower()
    }
