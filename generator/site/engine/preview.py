"""The engine's live preview (``atlas serve``): MkDocs' own live-reloading server over the generated docs folder.

Part of the engine package (generator.site.engine), the only code that knows MkDocs."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from generator.site.engine import _engine_nav, config_overrides


class LiveNav:
    """The navigation of a running preview: the engine reads it again on every rebuild.

    ``update`` swaps in a new navigation. The preview's engine rebuilds only the pages whose files changed ("dirty"
    builds), so a page left alone would keep the old navigation. So, when a build starts, the engine's hook
    (``preview_build_starting``, in the engine's own thread) compares the navigation it gets with the one the last
    complete build had, and when they differ it removes the pages built before: that build renders them all.
    Deciding there, not in the watcher's thread, means a build already under way is never disturbed."""

    def __init__(self, docs: Path, nav: list[dict[str, Any]]) -> None:
        self.docs = docs
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

    def starting_build(self, site: Path) -> bool:
        """A preview build is starting into ``site``: after a change of navigation, clear the pages built
        before, so that it renders every page. Returns whether it cleared them."""
        generation = self.generation
        if generation == self._built:
            return False
        for child in site.iterdir() if site.is_dir() else ():
            if child.is_dir():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
        self._built = generation
        return True


#: The running preview's navigation (``serve``), for the engine's hook; None outside ``atlas serve``.
_LIVE: LiveNav | None = None


def preview_build_starting(site_dir: str) -> None:
    """Called by the engine's hook (``on_files``) as each build starts; acts only in ``atlas serve``."""
    if _LIVE is not None:
        _LIVE.starting_build(Path(site_dir))


def serve(config_file: Path, nav: LiveNav, *, host: str, port: int, watch: list[Path]) -> None:
    """Serve the site with live reload; rebuilds when ``nav.docs`` (which we rewrite) changes."""
    from mkdocs.commands import serve as mkdocs_serve

    global _LIVE
    _LIVE = nav
    overrides = config_overrides(nav.docs, nav.docs.parent / "serve-site", [], True)
    overrides.pop("site_dir")
    overrides["nav"] = nav.items
    overrides["strict"] = False
    # No search in the preview: the hosted search index is Pagefind's, written by
    # `atlas build`, and Material's in-browser one re-reads every changed page on
    # each rebuild (2 s of a 3 s budget per edit at 1,000 provisions). Without the
    # plugin the theme draws no search field (partials/header.html).
    overrides["plugins"] = plugins_without_search(config_file)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    # The engine warns on every incremental ("dirty") rebuild; the preview knows.
    logging.getLogger("mkdocs.commands.build").addFilter(lambda r: "'dirty' build" not in r.getMessage())
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
