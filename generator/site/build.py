"""The pipeline, top to bottom: load → validate → catalog → render → engine → link check.

Each stage is a typed function in its own module; this module only wires them
together and owns the one side effect that matters to readers: the finished
site is swapped into place only when every stage succeeded, so a failed build
leaves the previous ``site/`` exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator import memory, settings
from generator.diagnostics import BuildMessage, Diagnostic, no_errors
from generator.project import CheckResult, Project, check
from generator.read.model import Records
from generator.read.translation import TRANSLATED
from generator.relate import dating
from generator.relate.catalog import build_catalog
from generator.site import engine
from generator.site.engineruns import EngineRuns
from generator.site.linkcheck import BrokenLink, LinkScanner, niced
from generator.site.searchindex import PAGEFIND_BUNDLE, SEARCH_INDEX_STAGE
from generator.site.searchparts import SearchParts
from generator.site.trees import generate_trees, let_go, render_options, trees


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build did. It keeps the check's diagnostics, not its records: the build lets go of those before its
    last stage, where Pagefind writes the search index (the peak of its memory)."""

    diagnostics: tuple[Diagnostic, ...]  # the check's
    pages: int = 0
    written: int = 0
    messages: tuple[BuildMessage, ...] = field(default=())  # from the engine, the search index, the link check
    ok: bool = False
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, in order

    @property
    def checked(self) -> bool:
        """The check found no error (else nothing was built)."""
        return no_errors(self.diagnostics)


#: The last stage: the search index and the link check, side by side (their own times are reported too).
INDEX_AND_CHECK = "search index + link check"


def _index_and_check(
    site: Path, search: SearchParts | None, links: LinkScanner, timings: dict[str, float]
) -> tuple[tuple[BuildMessage, ...], list[BrokenLink]]:
    """Write the search index and check the links; both have read every page already.

    Pagefind writes its bundle beside the site, one tree's piece after the other (generator.site.searchparts),
    and the link check resolves the links of the site once the first piece is written: until then the next
    tree's Pagefind is still reading the pages it was sent during the engine stage (it takes the time the engine
    leaves), and the other core is busy; the last piece's writing, which leaves one core idle, is the link
    check's. At 10,000 provisions, two interleaved first builds: this stage took 26.2 and 22.5 s when both
    began at once, 22.4 and 20.5 s so, and the peak of memory did not rise (the wide shape's peak is Pagefind's
    own, one piece written beside the other's pages read: docs/performance.md). The bundle is moved in once both
    are done. Returns Pagefind's complaints and the broken links; adds each one's own time to ``timings``.
    """

    def timed_write(bundle: Path, first: threading.Event) -> tuple[tuple[BuildMessage, ...], float]:
        assert search is not None
        start = time.perf_counter()
        return search.write(bundle, first), time.perf_counter() - start

    with tempfile.TemporaryDirectory(prefix=".search-", dir=site.parent) as spare:
        bundle = Path(spare) / "bundle"
        with ThreadPoolExecutor(max_workers=1) as pool:
            first = threading.Event()
            indexing = pool.submit(timed_write, bundle, first) if search else None
            if indexing:
                first.wait()  # set by the writing once its first piece is written, or once it failed
            start = time.perf_counter()
            # the engine's 404 pages link from the server's root, wherever a reader was sent to them
            broken = links.check(site, skip=("404.html", *(f"{lang}/404.html" for lang in TRANSLATED)))
            checking = time.perf_counter() - start
            complaints: tuple[BuildMessage, ...] = ()
            if indexing:
                complaints, timings[SEARCH_INDEX_STAGE] = indexing.result()
            timings["link check"] = checking
        if search and not complaints:
            os.replace(bundle, site / PAGEFIND_BUNDLE)
    return complaints, broken


def _give_back_memory() -> None:
    """Hand the memory the render and the engine leave behind back to the system before Pagefind writes its index
    (the build's peak). The engine's objects hold cycles, which only the collector frees (their heap is no longer
    frozen once the engine stage ends: ``_engine_stage``); and glibc keeps freed memory in the process's heap for
    reuse (generator.memory). At 10,000 provisions this process held 1,200 MiB after the engine stage, 750 after
    this."""
    memory.give_back()


#: Where a replaced site waits to be deleted, beside the new one (``_swap_in``).
OLD_SITE = ".site-old-"

#: The deleting process's program: remove every folder it is given.
_DELETE = "import shutil, sys\nfor path in sys.argv[1:]:\n    shutil.rmtree(path, ignore_errors=True)\n"

#: The processes deleting replaced sites, kept to be reaped once done (``_throw_away``).
_DELETING: list[subprocess.Popen[bytes]] = []


def _swap_in(new: Path, target: Path) -> None:
    """Replace ``target`` with ``new`` in two renames, so readers never see half a site. The replaced site is
    deleted by a process of its own, which the build does not wait for (``_throw_away``)."""
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=OLD_SITE, dir=target.parent))
        os.replace(target, old / "site")
    os.replace(new, target)
    _throw_away(sorted(target.parent.glob(OLD_SITE + "*")))


def _throw_away(folders: list[Path]) -> None:
    """Delete ``folders`` in a detached process: the new site is in place, and unlinking the old one's files
    (130,000 at 10,000 provisions) took 10 s at the end of a build, while the new site's were being written
    back to the disk. Folders a deletion left (its process was killed) go with the next build's."""
    _DELETING[:] = [process for process in _DELETING if process.poll() is None]
    if folders:
        _DELETING.append(
            subprocess.Popen(
                niced([sys.executable, "-c", _DELETE, *map(str, folders)]),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,  # not stopped with the build's terminal
            )
        )


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Keep the objects alive so far (the catalog: millions at 10,000 provisions) out of the
    garbage collector's scans while the engine runs, as they are in an engine run of its own."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def dated(records: Records) -> Iterator[dt.date]:
    """Pin the build date (generator.relate.dating) for the engine's own dates (sitemap, gzip headers),
    so builds are reproducible; yields the day. A malformed SOURCE_DATE_EPOCH is a SettingsError."""
    when = dating.build_date(records.provisions, records.reports, versions=records.versions)
    del records  # the build lets go of them once its pages are made (this generator lives on to its end)
    with settings.pinned_epoch(when.seconds):
        yield when.day


def _engine_stage(
    runs: EngineRuns, stack: ExitStack, directory_urls: bool
) -> tuple[engine.EngineResult, LinkScanner, SearchParts | None]:
    """Run the engine over every tree, each page read at once, beside it, for links and (hosted) for search.

    The heap stays frozen for the stage only: what the engine leaves is the collector's again as it ends."""
    with _frozen_heap():
        runs.start()  # the other trees' processes fork before any reader's thread exists
        links = stack.enter_context(LinkScanner.open())
        # the hosted edition (directory URLs) searches with Pagefind; the offline one keeps lunr (engine.build)
        search = stack.enter_context(SearchParts.open(runs.folders)) if directory_urls else None
        sinks = [links.add, *([search.add] if search else [])]

        def read(path: str, html: str) -> None:
            for sink in sinks:
                sink(path, html)

        return runs.finish(read), links, search


def build(
    project: Project,
    *,
    out: Path | None = None,
    directory_urls: bool = True,
    checked: CheckResult | None = None,
    fast: bool = True,
) -> BuildResult:
    """Check, then build the site into ``out`` (default ``site/``); nothing is written on failure.

    The whole build runs as of one date (``SOURCE_DATE_EPOCH``, or the newest date
    in the records): review freshness, the engine's dates and gzip headers. ``fast`` (the default) spares the
    engine work whose result is known and builds the language trees side by side (engine.shortcuts,
    engineruns); without it the same site is built the engine's own way, one tree after the other.
    """
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = now - clock
        clock = now

    result = checked or check(project)  # a caller that has just checked passes its result
    lap("check")
    diagnostics = result.diagnostics
    if not result.ok:
        return BuildResult(diagnostics, timings=timings)
    catalog = build_catalog(result.records, cache=project.cache)
    lap("catalog")
    target = out or project.site
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=target.parent))
    try:
        with ExitStack() as stack:
            day = stack.enter_context(dated(result.records))
            every = trees(result.records, catalog, render_options(project, directory_urls=directory_urls, day=day))
            pages, written = generate_trees(project, every, workers=os.cpu_count() or 1)
            lap("render")
            runs = EngineRuns(project, every, staging, directory_urls, fast)
            del every, catalog, result, checked  # the engine needs its jobs only; the records go too (BuildResult)
            let_go()
            _give_back_memory()
            outcome, links, search = _engine_stage(runs, stack, directory_urls)
            lap("engine")
            del runs  # and the engine's leftovers: Pagefind's write needs the memory
            _give_back_memory()
            if not outcome.ok:
                return BuildResult(diagnostics, pages, written, outcome.messages, ok=False, timings=timings)
            complaints, broken = _index_and_check(staging, search, links, timings)
            lap(INDEX_AND_CHECK)
        if complaints or broken:
            messages = (*outcome.messages, *complaints, *(b.message() for b in broken))
            return BuildResult(diagnostics, pages, written, messages, ok=False, timings=timings)
        _swap_in(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(diagnostics, pages, written, outcome.messages, ok=True, timings=timings)
