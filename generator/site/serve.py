"""``atlas serve``: a live preview of every language's tree that follows edits to records and templates.

We render the docs folder of each tree once (English at the root, Japanese in ``ja/``: the trees ``atlas build``
makes, ``site.trees.trees``), then hand them to the engine's live preview, in a process of its own, which builds
and serves them all (generator.site.engine.preview, decision 0012). A watcher re-runs check → catalog → render of
every tree whenever a record, a prose page or a template changes: the pages of the provisions it edited first (the
engine is told of them at once), then every page, only those whose content changed rewritten, so the engine
rebuilds them and the browser reloads. A newer change stops a pass at its next page. Errors are printed, located,
and the last good preview (of every tree) stays up.
"""

from __future__ import annotations

import gc
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from generator.diagnostics import format_diagnostic
from generator.project import SOURCE_FOLDERS, Project, check
from generator.read import kept
from generator.read.model import Report
from generator.relate.catalog import Catalog, build_catalog
from generator.render import urls
from generator.render.runner import SupersededError, never
from generator.render.writer import Written
from generator.site.engine import preview
from generator.site.trees import Tree, docs_of, generate_trees, render_options, strings, tree_nav, trees

#: How long a change waits for the next (an editor's save is several events): a pass starts after the last.
DEBOUNCE_SECONDS = 0.1

#: The file events that are changes, for the watcher of the sources: not openings, reads and closings without a
#: write, which inotify reports for every file the check reads on each pass.
CHANGES = (FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent)

#: Each tree's navigation, by language.
Navs = dict[str, list[dict[str, Any]]]


def regenerate(
    project: Project,
    live: Sequence[preview.EngineTree] = (),
    before: Catalog | None = None,
    stop: Callable[[], bool] = never,
) -> tuple[list[Tree], Navs] | None:
    """One check + render pass over every tree; returns the trees and their navigation, or None (errors printed)
    when the records are broken, and then nothing is written.

    With ``live`` (the running preview's trees), a changed navigation (a prose page added or retitled) reaches
    every page of its tree at the next rebuild. With ``before`` (the English catalog of the last pass), the pages
    of the provisions that changed since are written first, in every tree: the edit shows before the rest is done.
    When ``stop`` turns true while the pages are rendered, the pass gives up (``SupersededError``): a newer one is due.
    """
    result = check(project)
    kept.sweep()  # the files this check did not read are gone: their bytes are not kept any longer
    for diag in result.diagnostics:
        print(format_diagnostic(diag), file=sys.stderr)
    if not result.ok:
        print("atlas serve: errors above; the preview keeps the last good version", file=sys.stderr)
        return None
    catalog = build_catalog(result.records, cache=project.cache)
    every = trees(result.records, catalog, render_options(project))
    navs = {tree.lang: tree_nav(project, tree) for tree in every}
    # before the pages: they trigger the rebuild
    changed = [tree.language for tree in live if tree.language in navs and tree.update(navs[tree.language])]
    told = {tree.language: tree for tree in live}

    def wrote(lang: str, written: Written) -> None:
        if lang in told:
            told[lang].wrote(written.paths, written.reshaped)

    pages, written = generate_trees(project, every, first=edited(before, catalog), wrote=wrote, stop=stop)
    if written:
        print(f"atlas serve: {written} of {pages} pages changed", file=sys.stderr)
    for lang in changed:
        print(f"atlas serve: the navigation of the {lang} tree changed; its every page is rebuilt", file=sys.stderr)
    return every, navs


#: An edit of more records than this at once (a search and replace) gets no pages written first.
FIRST_AT_MOST = 8


def _changed(before: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """The keys whose value differs from ``before``'s, or is new."""
    return [key for key, value in now.items() if before.get(key) != value]


def _reported(before: tuple[Report, ...], now: tuple[Report, ...]) -> set[str]:
    """The metrics of the reports that differ from ``before`` or are new, as they are and as they were."""
    was = {r.id: r for r in before}
    metrics: set[str] = set()
    for report in now:
        if was.get(report.id) != report:
            metrics.update(f.metric for f in report.figures)
            metrics.update(f.metric for f in (was[report.id].figures if report.id in was else ()))
    return metrics


def edited(before: Catalog | None, now: Catalog) -> frozenset[str]:
    """The pages of the records that differ from ``before`` or are new: each provision's, platform's, category's,
    jurisdiction's and metric's own page, and a report's metrics' pages; none if there are more than
    ``FIRST_AT_MOST``, or nothing to compare with."""
    if before is None:
        return frozenset()
    pages = [
        *(urls.provision(key) for key in _changed(before.provisions, now.provisions)),
        *(urls.platform(key) for key in _changed(before.platforms, now.platforms)),
        *(urls.category(key) for key in _changed(before.categories, now.categories)),
        *(urls.jurisdiction(key) for key in _changed(before.jurisdictions, now.jurisdictions)),
        *(urls.metric(key) for key in _changed(before.metrics, now.metrics)),
        *(urls.metric(metric) for metric in _reported(before.reports, now.reports)),
    ]
    unique = frozenset(pages)
    return unique if len(unique) <= FIRST_AT_MOST else frozenset()


class _Rerender(FileSystemEventHandler):
    def __init__(self, project: Project, live: Sequence[preview.EngineTree], shown: Catalog) -> None:
        self.project = project
        self.live = live
        self.pending = threading.Event()
        self.shown = shown  # the English catalog of the last complete pass: what the preview shows

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("created", "modified", "deleted", "moved") and not event.is_directory:
            self.pending.set()

    def loop(self, running: Callable[[], bool]) -> None:
        """A pass after each change, for as long as ``running``."""
        while running():
            if not self.pending.wait(timeout=0.5):
                continue
            time.sleep(DEBOUNCE_SECONDS)  # let an editor finish saving
            self.pending.clear()
            try:
                made = regenerate(self.project, self.live, self.shown, stop=self.pending.is_set)
                self.shown = made[0][0].catalog if made else self.shown
            except SupersededError:  # saved again while the pages were rendered: the next pass starts at once
                continue
            except Exception as exc:  # keep serving whatever happens to one pass
                print(f"atlas serve: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)


def serve(project: Project, *, host: str, port: int) -> int:
    """Preview the project until interrupted; returns the exit status (1: the records are broken, or the engine's
    preview stopped on its own, having said why).

    Each pass's check reads again only the files changed since the last (generator.read.kept): at 1,000
    provisions with 3,000 archived versions, reading, hashing and decoding their texts took 0.4 s of every pass."""
    with kept.keeping(kept.Store()):
        return _serve(project, host=host, port=port)


def _serve(project: Project, *, host: str, port: int) -> int:
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
    # What this pass made lives as long as the preview: the collector leaves it out of its scans from now on (and
    # the engine's process, forked from this one, shares it instead of copying what the scans would touch).
    gc.freeze()
    # the engine's own inputs (its theme's overrides, its hooks) are below site_templates/: it watches them itself
    templates = [project.root / "site_templates"] if (project.root / "site_templates").is_dir() else []
    engine = preview.Engine(project.config_file, live, host=host, port=port, watch=templates)
    handler = _Rerender(project, engine.trees, every[0].catalog)
    observer = Observer()
    for folder in (*SOURCE_FOLDERS, "site_templates"):
        path = project.root / folder
        if path.is_dir():
            observer.schedule(handler, str(path), recursive=True, event_filter=list(CHANGES))
    observer.start()
    languages = ", ".join(f"{tree.lang} at /{tree.folder}" for tree in every)
    print(f"atlas serve: previewing on http://{host}:{port}/ ({languages}; Ctrl+C to stop)", file=sys.stderr)
    try:
        handler.loop(engine.running)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # stopping: a second Ctrl+C waits for the engine to stop
        observer.stop()
        status = engine.stop()
    return 1 if status else 0
