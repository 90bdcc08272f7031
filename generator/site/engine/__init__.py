"""Stage 5, engine: turn the generated docs folder into a static site with MkDocs.

The engine package (this module, ``preview`` for ``atlas serve`` and ``segment`` for the offline search in Japanese)
is the only code that knows MkDocs and Material: the pipeline writes Markdown and assets into a folder, and moving to
another engine (ProperDocs, Zensical) means replacing this package. ``mkdocs.yml`` holds the theme and look; we
override what the generator owns: the docs and site folders, the navigation, URL style and language.

Search: the offline build keeps Material's lunr search (in Japanese, its words found as the site is built:
``segment``); the hosted build's is Pagefind's, fed each page as MkDocs writes it (a page sink, see ``build``;
generator.site.searchindex; docs/decisions/0006-pagefind-hosted-search.md).
"""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.diagnostics import BuildMessage, Severity
from generator.read.characters import visible
from generator.render.feeds import EMPTY_SITEMAP  # the theme's probe answered (_answer_probes), as for feeds
from generator.render.page import PageSource
from generator.site.engine import segment, shortcuts
from generator.site.engine.rawblocks import mark_raw_blocks
from generator.site.searchindex import PAGEFIND_BUNDLE

#: Folders of generated detail pages: reachable through hub pages and search, deliberately not in the navigation
#: (every page carries the whole nav).
DETAIL_FOLDERS = ("provisions", "categories", "platforms", "jurisdictions", "transparency", "documents")

#: The Web Worker shim that lets the search worker run from ``file://`` (vendored
#: iframe-worker, see generator/vendor/README.md). Material's offline plugin would
#: load it from a CDN; we name our copy first, so the plugin adds nothing.
WORKER_SHIM = Path(__file__).resolve().parents[2] / "vendor" / "iframe-worker-1.0.4.js"
WORKER_SHIM_URL = "assets/offline/iframe-worker.js"


#: How the engine's messages are signed (BuildMessage.origin).
ENGINE = "mkdocs"


@dataclass(frozen=True, slots=True)
class EngineResult:
    ok: bool
    messages: tuple[BuildMessage, ...]  # the engine's warnings and errors (origin "mkdocs")


#: Takes each page the engine writes: its path below the site root, and its HTML.
PageSink = Callable[[str, str], None]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[BuildMessage] = []

    def emit(self, record: logging.LogRecord) -> None:
        severity = Severity.ERROR if record.levelno >= logging.ERROR else Severity.WARNING
        self.messages.append(BuildMessage(ENGINE, severity, record.getMessage()))


@contextmanager
def _collect_logs() -> Iterator[_Collect]:
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def config_overrides(docs: Path, site: Path, nav: list[dict[str, Any]], directory_urls: bool) -> dict[str, Any]:
    not_in_nav = "\n".join(f"/{folder}/*.md" for folder in DETAIL_FOLDERS) + "\n/provisions/**/*.md\n/documents/**/*.md"
    return {
        "docs_dir": str(docs),
        "site_dir": str(site),
        "nav": _engine_nav(nav),
        "not_in_nav": not_in_nav,
        "use_directory_urls": directory_urls,
        "strict": True,
    }


def _enable_offline(config: Any) -> None:
    """Material's offline plugin (search index inlined as a script), with our local worker shim."""
    from material.plugins.offline.plugin import OfflinePlugin

    config.extra["polyfills"] = [*config.extra.get("polyfills", []), WORKER_SHIM_URL]
    if not any(name.split("/")[-1] == "offline" for name in config.plugins):
        plugin = OfflinePlugin()
        plugin.load_config({})
        config.plugins["material/offline"] = plugin


def _set_language(config: Any, language: str, strings: Callable[[str], str]) -> None:
    """A tree in another language (decision 0010): the theme's own strings and ``<html lang>`` in it, the title
    of its scheme toggle (``strings``), lunr's segmenter for it (offline), its own address below the site's, and
    its headings' anchors in its words (Unicode kept: ``テキストの状態``; the toc's default slugify makes ``_1``)."""
    from pymdownx.slugs import slugify

    config.theme["language"] = language
    config.mdx_configs.setdefault("toc", {})["slugify"] = slugify(case="lower")
    for option in config.theme.get("palette") or ():
        if isinstance(option, dict) and isinstance(option.get("toggle"), dict) and option["toggle"].get("name"):
            option["toggle"]["name"] = strings(option["toggle"]["name"])
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "search" and hasattr(plugin.config, "lang"):
            plugin.config.lang = [language]
    if config.site_url:  # its own address below the site's (canonical links, the sitemap)
        config.site_url = config.site_url.rstrip("/") + f"/{language}/"


#: Where the theme's TinySegmenter sits in a built site (lunr-languages' tinyseg.js, as Material ships it).
TINYSEG = "assets/javascripts/lunr/tinyseg.js"


def _segment_search(config: Any) -> None:
    """The offline tree in Japanese: its lunr index cut into words as it is written, with the segmenter the site
    ships (``segment``), so that the reader's browser does not do it on the page's own thread."""
    from mkdocs.exceptions import PluginError
    from mkdocs.plugins import BasePlugin, event_priority

    class SegmentIndex(BasePlugin):  # type: ignore[type-arg, no-untyped-call]  # see _tap_pages
        @event_priority(-50)  # after the search plugin writes its index, before the offline plugin inlines it (-100)
        def on_post_build(self, *, config: Any) -> None:
            site = Path(config.site_dir)
            index = site / "search" / "search_index.json"
            if index.is_file():
                try:
                    segment.segment_index_file(index, segment.load_model(site / TINYSEG))
                except (OSError, ValueError) as exc:
                    raise PluginError(f"the Japanese search index could not be segmented: {exc}") from exc

    config.plugins["atlas/segment-search"] = SegmentIndex()


def _use_pagefind(config: Any) -> None:
    """Hosted search by Pagefind: Material's lunr search off (no ``search/search_index.json`` for every reader to
    fetch and index on each page load), the theme told to mount Pagefind: ``extra.pagefind_bundle``, read by the
    overrides (``partials/header.html``, ``search.html``), puts the header's search field back, wires it to the
    bundle and marks each page's article as the part Pagefind indexes."""
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "search" and hasattr(plugin.config, "enabled"):
            plugin.config.enabled = False
    # one bundle at the site root serves every tree: a translated tree (below it, in ja/) reaches up to it
    config.extra["pagefind_bundle"] = PAGEFIND_BUNDLE if config.theme["language"] == "en" else "../" + PAGEFIND_BUNDLE


def _tap_pages(config: Any, sink: PageSink) -> None:
    """Hand ``sink`` each page as MkDocs writes it: its path, and its HTML after every plugin's changes."""
    from mkdocs.plugins import BasePlugin, event_priority

    # A plugin without options: MkDocs' base is generic over an options class (type-arg),
    # and the __init_subclass__ that reads that class is untyped (no-untyped-call).
    class PageTap(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
        @event_priority(-100)  # after every other plugin: the HTML as written
        def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
            if output.strip():  # MkDocs writes no file for an empty page
                sink(page.file.dest_uri, output)
            return output

    config.plugins["atlas/page-sink"] = PageTap()


def _pack_pages(config: Any) -> None:
    """Hold each page's HTML compressed from the moment the engine has made it until its own template renders it,
    and let go of it once the page is written. MkDocs reads and converts every page before it renders the first,
    and keeps them all to the end: each page's source and its HTML (spared, a third copy in the shortcuts'
    ``render``), 0.4 GB a tree at 10,000 provisions, though nothing reads them in between. What the engine checks
    after the pages (links to anchors) and the navigation (titles, URLs) stay."""
    import zlib

    from mkdocs.plugins import BasePlugin, event_priority

    class Packed(BasePlugin):  # type: ignore[type-arg, no-untyped-call]  # see _tap_pages
        @event_priority(-200)  # after every other plugin's look at the content
        def on_page_content(self, html: str, /, *, page: Any, config: Any, files: Any) -> str:
            page.atlas_packed = zlib.compress(html.encode("utf-8"), 1)
            page.markdown = None
            vars(page).pop("render", None)  # the shortcuts' (engine/shortcuts.py), holding the HTML too
            return ""  # the content until the page is rendered

        @event_priority(200)  # before any other plugin reads the content (the offline edition's search index)
        def on_page_context(self, context: Any, /, *, page: Any, config: Any, nav: Any) -> Any:
            page.content = zlib.decompress(page.atlas_packed).decode("utf-8")
            del page.atlas_packed
            return context

        @event_priority(-200)  # after every other plugin, the page sink too
        def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
            page.content = None
            return output

    config.plugins["atlas/packed-pages"] = Packed()


def engine_title(title: str) -> str:
    """A plain-text title as the engine expects it: HTML. MkDocs and Material print titles into ``<title>``, the
    header and the search index unescaped, so a record's title is escaped here, once, and shows as written (a
    control or bidirectional character as U+FFFD: generator.read.characters)."""
    return html.escape(visible(title), quote=False)


def _front_matter(title: str | None, extra: dict[str, Any]) -> str:
    """Front matter; no title for the home page, which the engine titles with the site name."""
    # JSON is valid YAML: a safe way to write any title into front matter.
    lines = [f"title: {json.dumps(engine_title(title), ensure_ascii=False)}"] if title is not None else []
    lines += [f"{key}: {json.dumps(value)}" for key, value in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def page_source(page: PageSource) -> str:
    """One page's source file for MkDocs and Material: front matter in Material's keys, then the body.

    The generator's ``SourceWriter`` for this engine (generator.render.page).
    """
    hidden = [name for name, shown in (("navigation", page.layout.navigation), ("toc", page.layout.toc)) if not shown]
    front: dict[str, Any] = {"hide": hidden} if hidden else {}
    if not page.layout.searchable:
        front["search"] = {"exclude": True}
    if page.feed:  # read by the theme overrides (main.html): the feed's <link> in the head
        front["feed"] = page.feed
        front["feed_title"] = page.feed_title
    # the overrides' switch to the other languages (partials/header.html) and, hosted, the head's hreflang links
    # (main.html; see _answer_probes): file-URL builds leave those out, like the feed's
    others = [{"lang": a.lang, "name": a.name, "href": a.href} for a in page.alternates if not a.current]
    if others:
        front["languages"] = others
    if page.hreflang and page.alternates:
        front["hreflang"] = [{"lang": a.lang, "href": a.href} for a in page.alternates]
    if page.body_lang:  # main.html: the article's own lang
        front["body_lang"] = page.body_lang
    return _front_matter(page.title, front) + (mark_raw_blocks(page.body) if page.generated else page.body)


def _answer_probes(config: Any) -> None:
    """Material's script fetches ``sitemap.xml`` beside the target of every ``<link rel="alternate">`` (its language
    selector's lookup), so an empty one is written beside each page whose head names its translations: no request
    of a reader's browser fails. The tree's root has the engine's own sitemap."""
    from mkdocs.plugins import BasePlugin

    class Probes(BasePlugin):  # type: ignore[type-arg, no-untyped-call]  # see _tap_pages
        def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
            folder = (Path(config.site_dir) / page.file.dest_uri).parent
            if page.meta.get("hreflang") and folder != Path(config.site_dir):
                folder.mkdir(parents=True, exist_ok=True)
                (folder / "sitemap.xml").write_text(EMPTY_SITEMAP, encoding="utf-8")
            return output

    config.plugins["atlas/alternate-probes"] = Probes()


def _engine_nav(nav: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The navigation with its plain-text titles as the engine expects them (``engine_title``)."""
    return [
        {engine_title(title): _engine_nav(target) if isinstance(target, list) else target}
        for item in nav
        for title, target in item.items()
    ]


def build(
    config_file: Path,
    docs: Path,
    site: Path,
    nav: list[dict[str, Any]],
    *,
    directory_urls: bool = True,
    pages: PageSink | None = None,
    language: str = "en",
    strings: Callable[[str], str] = str,
    spare: bool = True,
) -> EngineResult:
    """Build ``docs`` into ``site`` with the project's MkDocs configuration, strictly, in ``language`` (``strings``).

    ``spare`` (the default) spares the engine the Markdown of generated pages and the navigation it would render
    again and again (engine/shortcuts.py), for the very same site; without it the engine does all its own work.

    File URLs (``directory_urls=False``) make an offline site that works from ``file://`` with nothing fetched
    from outside it, search included: there Material's lunr search stays, with its index inlined as a script.
    Otherwise search is Pagefind's (``_use_pagefind``): its index is the caller's to make from the pages handed to
    ``pages``, and to write before the site is published. ``pages``, if given, receives every page as it is
    written, so that others read it while the engine goes on (the build's link check, and the hosted search
    index: generator.site.linkcheck.LinkScanner, generator.site.searchindex.SearchIndex)."""
    from mkdocs import exceptions
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    offline = not directory_urls
    with _collect_logs() as logs:
        try:
            config = load_config(str(config_file), **config_overrides(docs, site, nav, directory_urls))
            if language != "en":
                _set_language(config, language, strings)
            if offline:
                _enable_offline(config)
                if language == segment.LANGUAGE:
                    _segment_search(config)
            else:
                _use_pagefind(config)
                _answer_probes(config)
            if pages is not None:
                _tap_pages(config, pages)
            if spare:
                config.plugins["atlas/shortcuts"] = shortcuts.Shortcuts()
            _pack_pages(config)
            mkdocs_build.build(config)
            if offline:
                shim = site / WORKER_SHIM_URL
                shim.parent.mkdir(parents=True, exist_ok=True)
                shim.write_bytes(WORKER_SHIM.read_bytes())
        except (exceptions.MkDocsException, exceptions.Abort) as exc:
            return EngineResult(False, (*logs.messages, BuildMessage(ENGINE, Severity.ERROR, str(exc))))
    return EngineResult(not logs.messages, tuple(logs.messages))
