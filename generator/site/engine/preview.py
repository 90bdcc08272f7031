"""The engine's live preview (``atlas serve``): every language's tree, built and served by one live-reloading server.

MkDocs' own ``serve`` builds one configuration into one folder, and the site has a tree per language (English at
the root, Japanese in ``ja/``: decision 0010). So the preview runs MkDocs' live-reloading server (it serves a folder,
watches paths, calls a builder when they change and reloads the browsers once the builder is done) with a builder
of its own, which builds each tree, one after the other, into its folder of that one served site, configured as
``atlas build`` configures it (its language and the theme's words in it; no search). A rebuild builds each tree
by the files that changed in its docs folder (generator.site.engine.livebuild), whole when that would not give the
same pages. No page is served while a rebuild runs, and the browsers reload when every tree is built.

The preview runs in a process of its own (``Engine``, decision 0012), forked from the generator's, which tells it
down a pipe each tree's new navigation and what each of its writes did to a docs folder, and whose end stops it.

Part of the engine package (generator.site.engine), the only code that knows MkDocs.
"""

from __future__ import annotations

import functools
import gc
import logging
import multiprocessing as mp
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from generator.site.engine import _answer_probes, _engine_nav, _set_language, config_overrides, livebuild


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


def _builder(
    config_file: Path, trees: Sequence[LiveNav], site: Path, url: str, told: Sequence[livebuild.Changes] = ()
) -> Callable[[], None]:
    """What the server runs to (re)build the preview: every tree into its folder of ``site``. With ``told`` (what
    the generator said it changed in each tree's docs folder), a tree is rebuilt by its changed pages where that
    gives the same pages (generator.site.engine.livebuild); else, and without, whole (and dirty)."""
    below = frozenset(tree.folder.rstrip("/") for tree in trees if tree.folder)
    builds = [livebuild.LiveBuild(functools.partial(_config, config_file, tree, site, url)) for tree in trees]

    def builder() -> None:
        for i, (tree, live) in enumerate(zip(trees, builds, strict=True)):
            changed = told[i].take() if told else None
            live.build(changed, clean=tree.starting_build(site / tree.folder, keep=below))

    return builder


def _quiet() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    # The engine warns on every incremental ("dirty") rebuild; the preview knows.
    logging.getLogger("mkdocs.commands.build").addFilter(lambda r: "'dirty' build" not in r.getMessage())


def serve(
    config_file: Path,
    trees: Sequence[LiveNav],
    *,
    host: str,
    port: int,
    watch: Sequence[Path] = (),
    follow: Connection | None = None,
) -> None:
    """Serve every tree with live reload, the first at the root; rebuilds when the engine configuration or a path
    of ``watch`` changes, and when a tree's docs folder does: as ``follow`` (the generator's pipe) tells, or else as
    the engine's watcher finds (it polls every file twice a second). Returns when interrupted (Ctrl+C)."""
    from mkdocs.livereload import LiveReloadServer

    _quiet()
    site = Path(tempfile.mkdtemp(prefix="atlas-preview-"))
    told = [livebuild.Changes() for _ in trees] if follow is not None else []
    docs = [] if follow is not None else [tree.docs for tree in trees]  # told of, or found by the engine's watcher
    builder = _builder(config_file, trees, site, f"http://{host}:{port}/", told)
    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site))
    server.error_handler = lambda code: _error_page(site, code)
    if follow is not None:
        threading.Thread(target=_follow, args=(follow, trees, told, server), name="atlas-follow", daemon=True).start()
    try:
        builder()
        # What the first build made (both trees' pages, the engine's state: millions of objects) lives as long as
        # the preview: the collector leaves it out of its scans, which would otherwise cost each edit ~0.5 s.
        gc.freeze()
        for path in (*docs, config_file, *watch):
            server.watch(str(path))
        server.serve()  # type: ignore[no-untyped-call]  # MkDocs ships no type information
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # stopping: a second Ctrl+C (or the generator's end) waits
        server.shutdown()
        shutil.rmtree(site, ignore_errors=True)


class EngineTree:
    """The generator's handle on one tree the engine's process previews: ``update`` (as ``LiveNav.update``) sends
    a changed navigation there."""

    def __init__(
        self, language: str, items: list[dict[str, Any]], send: Callable[[tuple[str, str, Any]], None]
    ) -> None:
        self.language = language
        self._items = items
        self._send = send

    def update(self, nav: list[dict[str, Any]]) -> bool:
        new = _engine_nav(nav)
        if new == self._items:
            return False
        self._items = new
        self._send(("nav", self.language, nav))
        return True

    def wrote(self, paths: Sequence[str], reshaped: bool) -> None:
        """What the generator wrote into the tree's docs folder: the engine builds it now (its own watcher would
        find it by polling every file of the folder, twice a second: up to half a second late, and a core kept
        busy at 1,000 provisions). ``reshaped``: some files were added or removed."""
        if paths or reshaped:
            self._send(("wrote", self.language, (tuple(paths), reshaped)))


class Engine:
    """The engine's live preview of every tree (``serve``), in a process of its own, forked from the generator's.

    The generator (check, render, write: pure Python) and the engine (build, serve) each keep a core busy while an
    edit is worked out; in one process they would take turns on the interpreter's lock. The two share the docs
    folders, as a build's stages do, and a pipe: the generator sends down it each tree's changed navigation and
    what each of its writes did (the engine builds from that, instead of polling the docs folders), and its end
    closing (the generator stopped, however it stopped) stops the engine as Ctrl+C would.
    """

    def __init__(
        self, config_file: Path, trees: Sequence[LiveNav], *, host: str, port: int, watch: Sequence[Path] = ()
    ) -> None:
        context = mp.get_context("fork")  # the trees, their navigation and words as they are: nothing to pickle
        reader, self._writer = context.Pipe(duplex=False)
        self._lock = threading.Lock()
        self.process = context.Process(
            target=_engine_main, args=(config_file, trees, host, port, watch, reader, self._writer), name="atlas-engine"
        )
        self.process.start()
        reader.close()
        self.trees = [EngineTree(tree.language, tree.items, self._send) for tree in trees]

    def _send(self, message: tuple[str, str, Any]) -> None:
        with self._lock:
            self._writer.send(message)

    def running(self) -> bool:
        return self.process.is_alive()

    def stop(self) -> int:
        """Stop the engine's process (if it still runs); returns its exit code."""
        self._writer.close()
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
        return self.process.exitcode or 0


def _engine_main(
    config_file: Path,
    trees: Sequence[LiveNav],
    host: str,
    port: int,
    watch: Sequence[Path],
    reader: Connection,
    writer: Connection,
) -> None:
    writer.close()  # the generator's end: once the generator's process is gone, ours reads the end of the pipe
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started ignoring it (in the background)
    serve(config_file, trees, host=host, port=port, watch=watch, follow=reader)


def _follow(reader: Connection, trees: Sequence[LiveNav], told: Sequence[livebuild.Changes], server: Any) -> None:
    """Take what the generator says of each tree (its new navigation, the files it wrote), until it is gone; then
    stop as Ctrl+C would."""
    index = {tree.language: i for i, tree in enumerate(trees)}
    while True:
        try:
            what, language, value = reader.recv()
        except (EOFError, OSError):
            break
        if what == "nav":
            trees[index[language]].update(value)
        else:
            paths, reshaped = value
            told[index[language]].add(paths, reshaped=reshaped)
            # as the engine's own watcher does on a change (MkDocs 1.6 is no longer developed: this will not move)
            with server._rebuild_cond:
                server._want_rebuild = True
                server._rebuild_cond.notify_all()
    os.kill(os.getpid(), signal.SIGINT)


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
