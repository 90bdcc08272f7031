"""The engine's live preview (``atlas serve``): every language's tree, built and served by one live-reloading server.

MkDocs' own ``serve`` builds one configuration into one folder, and the site has a tree per language (English at
the root, Japanese in ``ja/``: decision 0010). So the preview runs MkDocs' live-reloading server (it serves a folder,
watches paths, calls a builder when they change and reloads the browsers once the builder is done) with a builder
of its own, which builds each tree, one after the other, into its folder of that one served site, configured as
``atlas build`` configures it (its language and the theme's words in it; no search). Every rebuild builds every
tree, "dirty": only the pages whose files changed are rendered again, so an edit shows in seconds at any size, and
a tree whose files did not change costs little. No page is served while a rebuild runs, and the browsers reload
when every tree is built.

Part of the engine package (generator.site.engine), the only code that knows MkDocs.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from generator.site.engine import _answer_probes, _engine_nav, _set_language, config_overrides


class LiveNav:
    """One tree of a running preview (its docs folder, language and folder below the site) and its navigation,
    which the engine reads again on every rebuild.

    ``update`` swaps in a new navigation. The preview rebuilds only the pages whose files changed ("dirty" builds),
    so a page left alone would keep the old navigation. So, as the tree's build starts (``starting_build``, in the
    server's own thread), the navigation is compared with the one its last complete build had, and when they
    differ the pages built before are removed: that build renders them all. Deciding there, not in the watcher's
    thread, means a build already under way is never disturbed."""

    def __init__(
        self,
        docs: Path,
        nav: list[dict[str, Any]],
        *,
        language: str = "en",
        folder: str = "",
        strings: Callable[[str], str] = str,
    ) -> None:
        self.docs = docs
        self.language = language
        self.folder = folder  # where the tree sits below the served site ("", "ja/"), as the build puts it
        self.strings = strings  # the engine configuration's own words in the tree's language
        self.items: list[dict[str, Any]] = _engine_nav(nav)  # the very list the engine's config holds
        self.generation = 0  # counts the changes of navigation
        self._built = 0  # the generation every page was last rendered with

    def update(self, nav: list[dict[str, Any]]) -> bool:
        """Use ``nav`` from the next rebuild on; returns whether it differs from the last."""
        new = _engine_nav(nav)
        if new == self.items:
            return False
        self.items[:] = new
        self.generation += 1
        return True

    def starting_build(self, site: Path, keep: frozenset[str] = frozenset()) -> bool:
        """The tree's build is starting into ``site``: after a change of navigation, clear the pages built before
        (but not the folders named in ``keep``: other trees below it), so that it renders every page. Returns
        whether it cleared them."""
        generation = self.generation
        if generation == self._built:
            return False
        for child in site.iterdir() if site.is_dir() else ():
            if child.name in keep:
                continue
            if child.is_dir():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
        self._built = generation
        return True


def _config(config_file: Path, tree: LiveNav, site: Path, url: str) -> Any:
    """The engine's configuration of one tree of the preview, read afresh (as MkDocs' own preview does)."""
    from mkdocs.config import load_config

    overrides = config_overrides(tree.docs, site / tree.folder, [], True)
    overrides.update(nav=tree.items, strict=False, site_url=url)
    # No search in the preview: the hosted search index is Pagefind's, written by
    # `atlas build`, and Material's in-browser one re-reads every changed page on
    # each rebuild (2 s of a 3 s budget per edit at 1,000 provisions). Without the
    # plugin the theme draws no search field (partials/header.html).
    overrides["plugins"] = plugins_without_search(config_file)
    config = load_config(str(config_file), **overrides)
    if tree.language != "en":
        _set_language(config, tree.language, tree.strings)  # its address too: url + ja/
    _answer_probes(config)  # the theme's lookup of a sitemap beside each page's alternates, as hosted
    return config


def _builder(config_file: Path, trees: Sequence[LiveNav], site: Path, url: str) -> Callable[[], None]:
    """What the server runs to (re)build the preview: every tree into its folder of ``site``, dirty."""
    from mkdocs.commands.build import build

    below = frozenset(tree.folder.rstrip("/") for tree in trees if tree.folder)

    def builder() -> None:
        for tree in trees:
            tree.starting_build(site / tree.folder, keep=below)
            config = _config(config_file, tree, site, url)
            build(config, serve_url=config.site_url, dirty=True)

    return builder


def _quiet() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    # The engine warns on every incremental ("dirty") rebuild; the preview knows.
    logging.getLogger("mkdocs.commands.build").addFilter(lambda r: "'dirty' build" not in r.getMessage())


def serve(config_file: Path, trees: Sequence[LiveNav], *, host: str, port: int, watch: Sequence[Path] = ()) -> None:
    """Serve every tree with live reload, the first at the root; rebuilds when a tree's docs folder (which we
    rewrite), the engine configuration or a path of ``watch`` changes. Returns when interrupted (Ctrl+C)."""
    from mkdocs.livereload import LiveReloadServer

    _quiet()
    site = Path(tempfile.mkdtemp(prefix="atlas-preview-"))
    builder = _builder(config_file, trees, site, f"http://{host}:{port}/")
    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site))
    server.error_handler = lambda code: _error_page(site, code)
    try:
        builder()
        for path in (*(tree.docs for tree in trees), config_file, *watch):
            server.watch(str(path))
        server.serve()  # type: ignore[no-untyped-call]  # MkDocs ships no type information
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        shutil.rmtree(site, ignore_errors=True)


def _error_page(site: Path, code: int) -> bytes | None:
    """The site's own 404 page for a missing file, as MkDocs' preview answers."""
    page = site / f"{code}.html"
    return page.read_bytes() if code == 404 and page.is_file() else None


def plugins_without_search(config_file: Path) -> list[Any]:
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
