"""``atlas serve``: a live preview of every language's tree that follows edits to records and templates.

We render the docs folder of each tree once (English at the root, Japanese in ``ja/``: the trees ``atlas build``
makes, ``site.trees.trees``), then hand them to the engine's live preview, which builds and serves them all
(generator.site.engine.preview). A watcher re-runs check → catalog → render of every tree whenever a record, a prose
page or a template changes; only pages whose content changed are rewritten, so the engine rebuilds and the browser
reloads. Errors are printed, located, and the last good preview (of every tree) stays up.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Sequence
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.diagnostics import format_diagnostic
from generator.project import SOURCE_FOLDERS, Project, check
from generator.relate.catalog import build_catalog
from generator.site.engine import preview
from generator.site.trees import Tree, docs_of, generate_trees, render_options, strings, tree_nav, trees

DEBOUNCE_SECONDS = 0.2

#: Each tree's navigation, by language.
Navs = dict[str, list[dict[str, Any]]]


def regenerate(project: Project, live: Sequence[preview.LiveNav] = ()) -> tuple[list[Tree], Navs] | None:
    """One check + render pass over every tree; returns the trees and their navigation, or None (errors printed)
    when the records are broken, and then nothing is written.

    With ``live`` (the running preview's trees), a changed navigation (a prose page added or retitled) reaches
    every page of its tree at the next rebuild.
    """
    result = check(project)
    for diag in result.diagnostics:
        print(format_diagnostic(diag), file=sys.stderr)
    if not result.ok:
        print("atlas serve: errors above; the preview keeps the last good version", file=sys.stderr)
        return None
    every = trees(result.records, build_catalog(result.records), render_options(project))
    navs = {tree.lang: tree_nav(project, tree) for tree in every}
    # before the pages: they trigger the rebuild
    changed = [tree.language for tree in live if tree.language in navs and tree.update(navs[tree.language])]
    pages, written = generate_trees(project, every)
    if written:
        print(f"atlas serve: {written} of {pages} pages changed", file=sys.stderr)
    for lang in changed:
        print(f"atlas serve: the navigation of the {lang} tree changed; its every page is rebuilt", file=sys.stderr)
    return every, navs


class _Rerender(FileSystemEventHandler):
    def __init__(self, project: Project, live: Sequence[preview.LiveNav]) -> None:
        self.project = project
        self.live = live
        self.pending = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("created", "modified", "deleted", "moved") and not event.is_directory:
            self.pending.set()

    def loop(self) -> None:
        while True:
            self.pending.wait()
            time.sleep(DEBOUNCE_SECONDS)  # let an editor finish saving
            self.pending.clear()
            try:
                regenerate(self.project, self.live)
            except Exception as exc:  # keep serving whatever happens to one pass
                print(f"atlas serve: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)


def serve(project: Project, *, host: str, port: int) -> int:
    first = regenerate(project)
    if first is None:
        return 1
    every, navs = first
    live = [
        preview.LiveNav(
            docs_of(project, tree.lang),
            navs[tree.lang],
            language=tree.lang,
            folder=tree.folder,
            strings=strings(project, tree.lang),
        )
        for tree in every
    ]
    handler = _Rerender(project, live)
    observer = Observer()
    for folder in (*SOURCE_FOLDERS, "site_templates"):
        path = project.root / folder
        if path.is_dir():
            observer.schedule(handler, str(path), recursive=True)
    observer.start()
    threading.Thread(target=handler.loop, daemon=True).start()
    languages = ", ".join(f"{tree.lang} at /{tree.folder}" for tree in every)
    print(f"atlas serve: previewing on http://{host}:{port}/ ({languages}; Ctrl+C to stop)", file=sys.stderr)
    try:
        preview.serve(project.config_file, live, host=host, port=port)
    finally:
        observer.stop()
    return 0
