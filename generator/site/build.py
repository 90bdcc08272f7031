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
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator import settings
from generator.diagnostics import BuildMessage
from generator.project import CheckResult, Project, check
from generator.read.model import Records
from generator.read.translation import TRANSLATED
from generator.relate import dating
from generator.relate.catalog import Catalog, build_catalog
from generator.relate.localize import localize
from generator.render.i18n import marked as _
from generator.render.i18n import translations
from generator.render.page import RenderOptions
from generator.render.runner import render_pages
from generator.render.writer import nav, write_docs
from generator.site import engine
from generator.site.linkcheck import BrokenLink, LinkScanner
from generator.site.searchindex import PAGEFIND_BUNDLE, SEARCH_INDEX_STAGE, SearchIndex


@dataclass(frozen=True, slots=True)
class BuildResult:
    check: CheckResult
    pages: int = 0
    written: int = 0
    messages: tuple[BuildMessage, ...] = field(default=())  # from the engine, the search index, the link check
    ok: bool = False
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, in order


def generate(project: Project, catalog: Catalog, options: RenderOptions, *, workers: int = 1) -> tuple[int, int]:
    """Render the catalog into the docs folder of its language; returns (pages, files written).

    Pages whose inputs are unchanged since the last run come from the project's
    cache folder (generator.render.pagecache).
    """
    pages = render_pages(catalog, project.templates, options, workers=workers, cache=project.cache)
    docs, lang = docs_of(project, options.language), options.language
    return len(pages), write_docs(pages, project.assets, docs, manifest=project.cache / f"docs-manifest-{lang}.pickle")


def docs_of(project: Project, lang: str) -> Path:
    """The engine's docs folder for one language's tree (build/docs, build/docs-ja)."""
    return project.docs if lang == "en" else project.work / f"docs-{lang}"


@dataclass(frozen=True, slots=True)
class Tree:
    """One language's tree of the site: its catalog (names and prose in that language) and how to render it."""

    lang: str
    catalog: Catalog
    options: RenderOptions

    @property
    def folder(self) -> str:
        """Where the tree sits below the site root ("" for English, "ja/")."""
        return "" if self.lang == "en" else f"{self.lang}/"


def trees(records: Records, catalog: Catalog, options: RenderOptions) -> list[Tree]:
    """English (the records as they are), then each language the records are translated into (those
    ``extra.atlas.languages`` asks for); every tree knows what each language's translations cover (its
    translation status page)."""
    wanted = options.settings.languages if options.settings else ("en", *TRANSLATED)
    made = [(lang, *localize(records, lang)) for lang in TRANSLATED]
    coverage = tuple(local for _, _, local in made)
    out = [Tree("en", catalog, replace(options, coverage=coverage))]
    for lang, localized, local in made:
        if lang not in wanted:
            continue
        tree = replace(
            options,
            language=lang,
            localization=local,
            coverage=coverage,
            data_catalog=catalog,
            data_settings=options.settings,
            settings=_below_site(options, lang),
        )
        out.append(Tree(lang, build_catalog(localized, same_wording=catalog), tree))
    return out


#: The last stage: the search index and the link check, side by side (their own times are reported too).
INDEX_AND_CHECK = "search index + link check"


def _index_and_check(
    site: Path, search: SearchIndex | None, links: LinkScanner, timings: dict[str, float]
) -> tuple[tuple[BuildMessage, ...], list[BrokenLink]]:
    """Write the search index and check the links at once; both have read every page already.

    Pagefind writes its bundle beside the site while the link check resolves the
    links of the site, and the bundle is moved in once both are done. Returns
    Pagefind's complaints and the broken links; adds each one's own time to ``timings``.
    """

    def timed_write(bundle: Path) -> tuple[tuple[BuildMessage, ...], float]:
        assert search is not None
        start = time.perf_counter()
        return search.write(bundle), time.perf_counter() - start

    with tempfile.TemporaryDirectory(prefix=".search-", dir=site.parent) as spare:
        bundle = Path(spare) / "bundle"
        with ThreadPoolExecutor(max_workers=1) as pool:
            indexing = pool.submit(timed_write, bundle) if search else None
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


def _run_engine(
    project: Project, every: list[Tree], staging: Path, directory_urls: bool, read: engine.PageSink
) -> engine.EngineResult:
    """The engine over each language's tree, English first, the others below it (decision 0010)."""
    messages: list[BuildMessage] = []
    for tree in every:
        outcome = engine.build(
            project.config_file,
            docs_of(project, tree.lang),
            staging / tree.folder if tree.folder else staging,
            tree_nav(project, tree),
            directory_urls=directory_urls,
            pages=_below(tree.folder, read),
            language=tree.lang,
            strings=strings(project, tree.lang),
        )
        messages += outcome.messages
        if not outcome.ok:
            return engine.EngineResult(False, tuple(messages))
    return engine.EngineResult(True, tuple(messages))


def _below_site(options: RenderOptions, lang: str) -> settings.AtlasSettings | None:
    """The settings of a translated tree: its absolute links (``site_url``) lead into it, below the site's."""
    own = options.settings
    if own is None or not own.site_url:
        return own
    return replace(own, site_url=own.site_url.rstrip("/") + f"/{lang}/")


def generate_trees(project: Project, every: list[Tree], *, workers: int = 1) -> tuple[int, int]:
    """Render each language's tree into its docs folder; returns (pages, files written) over all of them."""
    made = [generate(project, tree.catalog, tree.options, workers=workers) for tree in every]
    return sum(pages for pages, _ in made), sum(written for _, written in made)


def _below(folder: str, read: engine.PageSink) -> engine.PageSink:
    """``read``, told each page's path below the site root (the tree's pages are written below ``folder``)."""

    def sink(path: str, html: str) -> None:
        read(folder + path, html)

    return sink


#: The engine configuration's own words the pages show (mkdocs.yml: the scheme toggle's titles), marked for the
#: message catalogue; tests/test_i18n.py holds them to mkdocs.yml.
ENGINE_WORDS = (_("Switch to dark mode"), _("Switch to light mode"))


def strings(project: Project, lang: str) -> Callable[[str], str]:
    """The interface strings of ``lang``'s tree (English: as written)."""
    return translations(project.templates, lang).gettext


def tree_nav(project: Project, tree: Tree) -> list[dict[str, Any]]:
    """The navigation of ``tree``, its titles in its language."""
    return nav(tree.catalog, strings(project, tree.lang))


def render_options(project: Project, *, directory_urls: bool = True, day: dt.date | None = None) -> RenderOptions:
    """How ``project`` renders: its settings (read once from its engine config), URL style and date."""
    return RenderOptions(
        directory_urls=directory_urls,
        settings=settings.load_settings(project.config_file),
        today=day,
        source=engine.page_source,
    )


def _swap_in(new: Path, target: Path) -> None:
    """Replace ``target`` with ``new`` in two renames, so readers never see half a site."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=target.parent))
        os.replace(target, old / "site")
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


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
    with settings.pinned_epoch(when.seconds):
        yield when.day


def build(
    project: Project, *, out: Path | None = None, directory_urls: bool = True, checked: CheckResult | None = None
) -> BuildResult:
    """Check, then build the site into ``out`` (default ``site/``); nothing is written on failure.

    The whole build runs as of one date (``SOURCE_DATE_EPOCH``, or the newest date
    in the records): review freshness, the engine's dates and gzip headers.
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
    if not result.ok:
        return BuildResult(result, timings=timings)
    catalog = build_catalog(result.records)
    lap("catalog")
    target = out or project.site
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=target.parent))
    try:
        with ExitStack() as stack:
            day = stack.enter_context(dated(result.records))
            options = render_options(project, directory_urls=directory_urls, day=day)
            every = trees(result.records, catalog, options)
            pages, written = generate_trees(project, every, workers=os.cpu_count() or 1)
            lap("render")
            # Each page the engine writes is read at once, beside it, for links and (hosted) for search.
            links = stack.enter_context(LinkScanner.open())
            # the hosted edition (directory URLs) searches with Pagefind; the offline one keeps lunr (engine.build)
            search = stack.enter_context(SearchIndex.open()) if directory_urls else None
            sinks = [links.add, *([search.add] if search else [])]

            def read(path: str, html: str) -> None:
                for sink in sinks:
                    sink(path, html)

            with _frozen_heap():
                outcome = _run_engine(project, every, staging, directory_urls, read)
            lap("engine")
            if not outcome.ok:
                return BuildResult(result, pages, written, outcome.messages, ok=False, timings=timings)
            complaints, broken = _index_and_check(staging, search, links, timings)
            lap(INDEX_AND_CHECK)
        if complaints or broken:
            messages = (*outcome.messages, *complaints, *(b.message() for b in broken))
            return BuildResult(result, pages, written, messages, ok=False, timings=timings)
        _swap_in(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(result, pages, written, outcome.messages, ok=True, timings=timings)
