"""Stage 5, engine: turn the generated docs folder into a static site with MkDocs.

This is the only module that imports MkDocs. The rest of the pipeline writes
plain Markdown and assets into a folder; moving to another engine (ProperDocs,
Zensical) means replacing these few functions. The project's ``mkdocs.yml`` holds
the theme and look; we override only what the generator owns: where the docs
are, where the site goes, the navigation and URL style.

Search is the engine's business too: the hosted build is indexed by Pagefind
after MkDocs has written it, and the offline build keeps Material's lunr search
(docs/decisions/0006-pagefind-hosted-search.md).
"""

from __future__ import annotations

import logging
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Folders of generated detail pages: reachable through hub pages and search,
#: deliberately not in the navigation (every page carries the whole nav).
DETAIL_FOLDERS = ("provisions", "categories", "platforms", "jurisdictions", "transparency")

#: The Web Worker shim that lets the search worker run from ``file://`` (vendored
#: iframe-worker, see generator/vendor/README.md). Material's offline plugin would
#: load it from a CDN; we name our copy first, so the plugin adds nothing.
WORKER_SHIM = Path(__file__).resolve().parent / "vendor" / "iframe-worker-1.0.4.js"
WORKER_SHIM_URL = "assets/offline/iframe-worker.js"

#: The hosted build's search bundle, below the site root: Pagefind's index, its
#: loader, worker and WebAssembly (docs/decisions/0006-pagefind-hosted-search.md).
PAGEFIND_BUNDLE = "pagefind/"
#: What Pagefind leaves out of the articles it indexes: the headings' permalink signs;
#: a provision's "How other platforms handle this" (other records' titles, each
#: indexed on its own page: kept in, they made every provision of a category match
#: the others' words, and at 10,000 provisions tripled the index a query loads); and
#: the listings of hub pages (``atlas-listing``: comparison tables, lists of a
#: platform's or a jurisdiction's provisions, the matrix), so that a hub is found by
#: its own words and a query for one provision does not fetch listings of thousands.
PAGEFIND_EXCLUDE = (".headerlink", ".atlas-others", ".atlas-listing")
#: Files of Pagefind's bundle the site does not use: its own search UIs and the
#: highlighter (the header's search field is Material's, assets/pagefind-search.js),
#: and its Web Worker (that script searches on the page's thread: 41 KB less per query).
PAGEFIND_UNUSED = (
    "pagefind-worker.js",
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
#: The build step that writes the search index, as the build's timings name it.
SEARCH_INDEX_STAGE = "search index"


@dataclass(frozen=True, slots=True)
class EngineResult:
    ok: bool
    messages: tuple[str, ...]  # the engine's warnings and errors, as it worded them
    #: the site's search is Pagefind's: ``index_search`` must index it before it is published
    needs_index: bool = False


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname.lower()}: {record.getMessage()}")


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
    not_in_nav = "\n".join(f"/{folder}/*.md" for folder in DETAIL_FOLDERS) + "\n/provisions/**/*.md"
    return {
        "docs_dir": str(docs),
        "site_dir": str(site),
        "nav": nav,
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


def _use_pagefind(config: Any) -> None:
    """Hosted search by Pagefind: Material's lunr search off, the theme told to mount Pagefind.

    With its ``search`` plugin disabled Material writes no ``search/search_index.json``
    (a reader's browser would fetch all of it and build the index on every page
    load). ``extra.pagefind_bundle`` is what the theme overrides read
    (``site_templates/overrides/partials/header.html`` and ``search.html``): it puts
    the header's search field back and wires it to the bundle, and marks each
    page's article as the part Pagefind indexes.
    """
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "search" and hasattr(plugin.config, "enabled"):
            plugin.config.enabled = False
    config.extra["pagefind_bundle"] = PAGEFIND_BUNDLE


def index_search(site: Path, bundle: Path) -> tuple[str, ...]:
    """Write the Pagefind index of the built ``site`` into ``bundle``; returns its complaints.

    The pages look for it at ``site/pagefind/`` (``PAGEFIND_BUNDLE``); a bundle
    written elsewhere (beside a link check still reading the site) must be moved
    there before the site is published.

    Like the engine, Pagefind is held to a strict standard: an error, or any
    warning it prints in quiet mode, comes back as a message and fails the build.

    Only ``data-pagefind-body`` elements are indexed (each page's article, see
    ``site_templates/overrides/main.html``): pages without one (the 404 page,
    redirects, pages whose front matter says ``search: {exclude: true}``) are left
    out, and so are navigation, table of contents, header and footer. The
    binary comes from the pinned ``pagefind_bin`` wheel; nothing is downloaded.
    """
    from pagefind_bin import get_executable

    command = [
        str(get_executable()),
        "--site",
        ".",
        "--output-path",
        str(bundle.resolve()),
        "--exclude-selectors",
        ", ".join(PAGEFIND_EXCLUDE),
        "--quiet",
    ]
    # run inside the site: Pagefind would read a pagefind.yml from its working directory
    proc = subprocess.run(command, cwd=site, capture_output=True, text=True, check=False)
    said = list(dict.fromkeys(line.strip() for line in f"{proc.stdout}\n{proc.stderr}".splitlines() if line.strip()))
    if proc.returncode != 0 or not (bundle / "pagefind.js").is_file():
        return (f"error: Pagefind could not index the site (exit {proc.returncode}): {' '.join(said[:5])}",)
    for name in PAGEFIND_UNUSED:
        (bundle / name).unlink(missing_ok=True)
    return tuple(f"warning: Pagefind: {line}" for line in said)


#: The fences around an HTML block the engine must pass through untouched (generator.render.mark_raw_blocks).
RAW_OPEN, RAW_CLOSE = "<!--atlas:raw-->", "<!--/atlas:raw-->"
RAW_BLOCK = re.compile(f"{re.escape(RAW_OPEN)}\n(.*?)\n{re.escape(RAW_CLOSE)}", re.DOTALL)
_PLACEHOLDER = re.compile(r"<p>ATLASRAW(\d+)BLOCK</p>")


class RawBlockStash:
    """Passes the generator's fenced HTML blocks through the engine's Markdown untouched.

    The blocks are already rendered and sanitized (generator.render.mark_raw_blocks);
    Python-Markdown would only re-parse them, which dominates build time on large
    pages. ``take`` swaps each block for a placeholder paragraph before Markdown
    runs; ``put_back`` restores them right after, before any other plugin (search)
    reads the content. MkDocs calls both through site_templates/engine/hooks.py,
    declared under ``hooks:`` in mkdocs.yml.
    """

    def __init__(self) -> None:
        self._blocks: dict[str, list[str]] = {}

    def take(self, key: str, markdown: str) -> str:
        blocks: list[str] = []

        def keep(match: re.Match[str]) -> str:
            blocks.append(match.group(1))
            return f"ATLASRAW{len(blocks) - 1}BLOCK"

        replaced = RAW_BLOCK.sub(keep, markdown)
        self._blocks[key] = blocks
        return replaced

    def put_back(self, key: str, html: str) -> str:
        blocks = self._blocks.pop(key, [])

        def restore(match: re.Match[str]) -> str:
            index = int(match.group(1))
            return blocks[index] if index < len(blocks) else match.group(0)

        return _PLACEHOLDER.sub(restore, html)


def build(
    config_file: Path,
    docs: Path,
    site: Path,
    nav: list[dict[str, Any]],
    *,
    directory_urls: bool = True,
) -> EngineResult:
    """Build ``docs`` into ``site`` with the project's MkDocs configuration, strictly.

    File URLs (``directory_urls=False``) make an offline site that works
    from ``file://`` with nothing fetched from outside it, search included: there
    Material's lunr search stays, with its index inlined as a script. Otherwise
    search is Pagefind's (``_use_pagefind``): the result says ``needs_index``, and
    the caller runs ``index_search`` on the built site.
    """
    from mkdocs import exceptions
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    offline = not directory_urls
    with _collect_logs() as logs:
        try:
            config = load_config(str(config_file), **config_overrides(docs, site, nav, directory_urls))
            if offline:
                _enable_offline(config)
            else:
                _use_pagefind(config)
            mkdocs_build.build(config)
            if offline:
                shim = site / WORKER_SHIM_URL
                shim.parent.mkdir(parents=True, exist_ok=True)
                shim.write_bytes(WORKER_SHIM.read_bytes())
        except (exceptions.MkDocsException, exceptions.Abort) as exc:
            return EngineResult(False, (*logs.messages, f"error: {exc}"))
    return EngineResult(not logs.messages, tuple(logs.messages), needs_index=not offline)


def serve(config_file: Path, docs: Path, nav: list[dict[str, Any]], *, host: str, port: int, watch: list[Path]) -> None:
    """Serve the site with live reload; rebuilds when ``docs`` (which we rewrite) changes."""
    from mkdocs.commands import serve as mkdocs_serve

    overrides = config_overrides(docs, docs.parent / "serve-site", nav, True)
    overrides.pop("site_dir")
    overrides["strict"] = False
    # No search in the preview: the hosted search index is Pagefind's, written by
    # `atlas build`, and Material's in-browser one re-reads every changed page on
    # each rebuild (2 s of a 3 s budget per edit at 1,000 provisions). Without the
    # plugin the theme draws no search field (partials/header.html).
    overrides["plugins"] = _plugins_without_search(config_file)
    # "dirty": after the first build, re-render only the pages whose files changed
    # (we rewrite only changed pages), so an edit shows in seconds at any size.
    mkdocs_serve.serve(
        str(config_file),
        livereload=True,
        build_type="dirty",
        watch=[str(w) for w in watch],
        dev_addr=f"{host}:{port}",
        **overrides,
    )


def _plugins_without_search(config_file: Path) -> list[Any]:
    """The ``plugins`` of the engine config, less its search plugin."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open(encoding="utf-8") as handle:
        config = yaml_load(handle) or {}
    plugins = config.get("plugins", ["search"])
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]

    def name(entry: Any) -> str:
        return str(next(iter(entry)) if isinstance(entry, dict) else entry)

    return [entry for entry in plugins if name(entry).split("/")[-1] != "search"]
