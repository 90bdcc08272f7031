"""``atlas serve``: a live preview that follows edits to records and templates.

We render the docs folder once, then hand it to the engine's own live-reloading
server. A watcher re-runs check → catalog → render whenever a record, a prose
page or a template changes; only pages whose content changed are rewritten, so
the engine rebuilds and the browser reloads. Errors are printed, located, and
the last good preview stays up.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.diagnostics import format_diagnostic
from generator.project import SOURCE_FOLDERS, Project, check
from generator.relate.catalog import build_catalog
from generator.render.writer import nav
from generator.site.build import generate, render_options
from generator.site.engine import preview

DEBOUNCE_SECONDS = 0.2


def regenerate(project: Project, live: preview.LiveNav | None = None) -> list[dict[str, Any]] | None:
    """One check + render pass; returns the nav, or None (errors printed) when the records are broken.

    With ``live`` (the running preview's navigation), a changed navigation (a prose
    page added or retitled) reaches every page at the next rebuild.
    """
    result = check(project)
    for diag in result.diagnostics:
        print(format_diagnostic(diag), file=sys.stderr)
    if not result.ok:
        print("atlas serve: errors above; the preview keeps the last good version", file=sys.stderr)
        return None
    catalog = build_catalog(result.records)
    site_nav = nav(catalog)
    changed_nav = live is not None and live.update(site_nav)  # before the pages: they trigger the rebuild
    pages, written = generate(project, catalog, render_options(project))
    if written:
        print(f"atlas serve: {written} of {pages} pages changed", file=sys.stderr)
    if changed_nav:
        print("atlas serve: the navigation changed; every page is rebuilt", file=sys.stderr)
    return site_nav


class _Rerender(FileSystemEventHandler):
    def __init__(self, project: Project, live: preview.LiveNav) -> None:
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
    site_nav = regenerate(project)
    if site_nav is None:
        return 1
    live = preview.LiveNav(project.docs, site_nav)
    handler = _Rerender(project, live)
    observer = Observer()
    for folder in (*SOURCE_FOLDERS, "site_templates"):
        path = project.root / folder
        if path.is_dir():
            observer.schedule(handler, str(path), recursive=True)
    observer.start()
    threading.Thread(target=handler.loop, daemon=True).start()
    print(f"atlas serve: previewing on http://{host}:{port}/ (Ctrl+C to stop)", file=sys.stderr)
    try:
        preview.serve(project.config_file, live, host=host, port=port, watch=[])
    finally:
        observer.stop()
    return 0
