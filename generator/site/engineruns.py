"""The engine over every language tree: English in this process, each other tree in a process of its own beside it.

The engine's run of one tree is one core's work from start to end (MkDocs renders page after page), and the
trees are independent: each has its own docs folder, navigation and place in the site. So on a machine with
more than one core, ``run_engine`` forks a process for every tree but the first before the engine starts, and
the trees are built side by side. A forked tree streams each page it writes back up a pipe; a thread here hands
it to the same page readers as the English pages (the link check, and hosted, the search index), one page at a
time (``_Readers``), so that they read the whole site as before. Forking shares the catalog and templates
already in memory (copy on write: the heap is frozen, so the collector does not touch it) and needs nothing
pickled but the pages and the outcome. The site is the same file for file as one tree after the other
(``fast=False``), which tests/test_engine_shortcuts.py holds.

Processes: the build's own, one per further tree (``fork``), and the two page readers it started before
(Pagefind and the link scanner: generator.site.searchindex, generator.site.linkcheck); docs/architecture.md
shows them.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path

from generator.diagnostics import BuildMessage, Severity
from generator.project import Project
from generator.site import engine
from generator.site.trees import Tree, docs_of, strings, tree_nav


@dataclass(frozen=True, slots=True)
class _Job:
    """One tree's engine run: everything ``engine.build`` is given but the page reader."""

    config_file: Path
    docs: Path
    site: Path
    nav: list[dict[str, object]]
    directory_urls: bool
    language: str
    strings: Callable[[str], str]
    spare: bool
    folder: str  # where the tree's pages are, below the site root

    def run(self, read: engine.PageSink | None) -> engine.EngineResult:
        return engine.build(
            self.config_file,
            self.docs,
            self.site,
            self.nav,
            directory_urls=self.directory_urls,
            pages=read,
            language=self.language,
            strings=self.strings,
            spare=self.spare,
        )


def _jobs(project: Project, every: list[Tree], staging: Path, directory_urls: bool, fast: bool) -> list[_Job]:
    return [
        _Job(
            project.config_file,
            docs_of(project, tree.lang),
            staging / tree.folder if tree.folder else staging,
            tree_nav(project, tree),
            directory_urls,
            tree.lang,
            strings(project, tree.lang),
            fast,
            tree.folder,
        )
        for tree in every
    ]


class _Readers:
    """The page readers, told each page's path below the site root, one page at a time (the English engine and
    the threads forwarding the other trees' pages call them at once)."""

    def __init__(self, read: engine.PageSink) -> None:
        self._read = read
        self._lock = threading.Lock()

    def below(self, folder: str) -> engine.PageSink:
        def sink(path: str, html: str) -> None:
            with self._lock:
                self._read(folder + path, html)

        return sink


def _child(job: _Job, out: Connection) -> None:
    """A forked tree's engine run: each page it writes, then its outcome, up ``out``."""
    try:
        outcome = job.run(lambda path, html: out.send((path, html)))
    except BaseException as exc:
        outcome = engine.EngineResult(False, (BuildMessage(engine.ENGINE, Severity.ERROR, repr(exc)),))
    out.send(("", outcome))
    out.close()


class _Forked:
    """A tree built in a forked process, its pages handed to the readers by a thread of this one. It is built in
    a folder of its own beside the site (the English run begins by emptying the site's folder, which holds the
    tree's), and moved into its place once built."""

    def __init__(self, job: _Job) -> None:
        self.place = job.site
        self.job = replace(job, site=Path(tempfile.mkdtemp(prefix=f".tree-{job.language}-", dir=job.site.parent)))
        self._pages, child_end = multiprocessing.Pipe(duplex=False)
        context = multiprocessing.get_context("fork")
        self._process = context.Process(target=_child, args=(self.job, child_end), daemon=True)
        self._process.start()
        child_end.close()
        self._outcome: engine.EngineResult | None = None
        self._thread: threading.Thread | None = None

    def forward(self, readers: _Readers) -> None:
        self._thread = threading.Thread(target=self._forward, args=(readers.below(self.job.folder),), daemon=True)
        self._thread.start()

    def _forward(self, read: engine.PageSink) -> None:
        try:
            while True:
                path, payload = self._pages.recv()
                if not path:
                    self._outcome = payload
                    return
                read(path, payload)
        except (EOFError, OSError):
            return  # the process died: ``finish`` says so

    def finish(self) -> engine.EngineResult:
        if self._thread is not None:
            self._thread.join()
        self._process.join()
        outcome = self._outcome or engine.EngineResult(
            False,
            (BuildMessage(engine.ENGINE, Severity.ERROR, f"the {self.job.language} tree's engine run ended abruptly"),),
        )
        if outcome.ok:
            os.replace(self.job.site, self.place)
        else:
            shutil.rmtree(self.job.site, ignore_errors=True)
        return outcome


def side_by_side() -> bool:
    """Whether the trees can be built at once: a second core, and ``fork`` (not on Windows, say)."""
    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()


class EngineRuns:
    """The engine runs of a build: start them (``start``, before any thread exists), then ``finish`` them."""

    def __init__(self, project: Project, every: list[Tree], staging: Path, directory_urls: bool, fast: bool) -> None:
        self._jobs = _jobs(project, every, staging, directory_urls, fast)
        self._forked: list[_Forked] = []
        self._parallel = fast and len(self._jobs) > 1 and side_by_side()

    @property
    def folders(self) -> list[str]:
        """Where each tree's pages are, below the site root, in the order they are built."""
        return [job.folder for job in self._jobs]

    def start(self) -> None:
        """Fork a process for each tree but the first, which start building at once."""
        if self._parallel:
            self._forked = [_Forked(job) for job in self._jobs[1:]]

    def finish(self, read: engine.PageSink) -> engine.EngineResult:
        """Build the first tree here (every tree, one after the other, when not forked), hand every page to
        ``read``, and wait for the others; the outcome of them all."""
        readers = _Readers(read)
        for forked in self._forked:
            forked.forward(readers)
        here = self._jobs[:1] if self._forked else self._jobs
        messages: list[BuildMessage] = []
        ok = True
        for job in here:
            outcome = job.run(readers.below(job.folder))
            messages += outcome.messages
            ok = ok and outcome.ok
            if not ok:
                break
        for forked in self._forked:
            outcome = forked.finish()
            messages += outcome.messages
            ok = ok and outcome.ok
        return engine.EngineResult(ok, tuple(messages))
