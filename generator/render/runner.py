"""Stage 4, render: the catalog → one Markdown document per page, from Jinja2 templates.

Each page kind (generator.render.kinds) has its own context dataclass, builder
and template in ``site_templates/pages/``. Templates run with autoescape and
StrictUndefined; record Markdown reaches them only through the sanitizing ``md``
filters. Pages whose inputs did not change since the last run come from the page
cache (generator.render.pagecache); the rest are rendered on every core. The
result is a list of :class:`RenderedPage`, each already in the engine's source
format (``RenderOptions.source``); writing them is generator.render.writer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.read.characters import visible
from generator.read.markup import md_text, render_inline, render_markdown
from generator.read.reference import field_reference
from generator.read.translation import TRANSLATED
from generator.relate import dating, history, wording
from generator.relate.catalog import Catalog
from generator.relate.localize import coverage
from generator.relate.wording import ArchivedWording
from generator.render import comparedata, embeds, feeds, i18n, opendata, redirects, urls
from generator.render.context import READ, Inputs, PageContext
from generator.render.i18n import Gettext
from generator.render.kinds import PAGE_KINDS, PageKind
from generator.render.page import PageSource, RenderedPage, RenderOptions, RenderStats, SourceWriter, alternates
from generator.render.pagecache import Digester, Entry, PageCache
from generator.render.prose import prose_source
from generator.settings import load_settings
from generator.workers import fork_map

FORMAT_INTRO = """# Record format

Every field an editor can write, generated from the field definitions the
validator uses (`generator/read/fields.py`). Ids are lowercase slugs
(`[a-z0-9]+(-[a-z0-9]+)*`), dates are `YYYY-MM-DD`, URLs are absolute `http(s)`
addresses, and Markdown fields never take raw HTML. JSON Schemas for editors are
in the repository's `schema/` folder.

"""
#: Below this many pages, one process renders faster than starting workers.
PARALLEL_MIN_PAGES = 500


class SupersededError(Exception):
    """A render was given up because its ``stop`` said a newer one is wanted (the preview, saved again)."""


def never() -> bool:
    """The ``stop`` of a run that is always wanted."""
    return False


def _go_on(stop: Callable[[], bool]) -> None:
    if stop():
        raise SupersededError


@dataclass(frozen=True, slots=True)
class Job:
    kind: PageKind
    context: PageContext


def _visible(value: object) -> object:
    """Every value a template prints, a control or bidirectional character shown as U+FFFD (Markup stays Markup)."""
    if isinstance(value, str):
        shown = visible(value)
        return value if shown is value else type(value)(shown)
    return value


def _number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


@functools.lru_cache(maxsize=8)
def make_environment(templates: Path, lang: str = "en") -> jinja2.Environment:
    """The templates' environment for one language, kept for the process: templates compile once (a
    template edited on disk is reloaded, as Jinja2 checks its modification time)."""
    env = jinja2.Environment(
        extensions=["jinja2.ext.i18n", i18n.ConstantStrings],
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_visible,
    )
    env.filters["md"] = render_markdown
    env.filters["md_inline"] = render_inline
    env.filters["mdtext"] = md_text
    env.filters["number"] = _number
    env.filters["isodate"] = lambda d: d.isoformat() if isinstance(d, dt.date) else ""  # machine-read: datetime=""
    env.filters["day"] = functools.partial(i18n.day, lang=lang)  # a date shown to the reader
    env.filters["month"] = functools.partial(i18n.month, lang=lang)  # "YYYY-MM" as a heading
    env.tests["in_english"] = lambda change: i18n.in_english(change, lang)  # a change's summary, untranslated
    env.filters["archived_source"] = urls.archived_source
    # newstyle: _() escapes like any other value and takes %(name)s arguments
    strings = i18n.translations(templates, lang)
    env.install_gettext_translations(strings, newstyle=True)  # type: ignore[attr-defined]  # added by the i18n extension
    env.extend(interface_strings=strings.gettext)  # read by i18n.ConstantStrings as templates compile
    env.globals["lang"] = lang
    return env


def _jobs(run: Inputs, *, after_files: bool, stop: Callable[[], bool] = never) -> Iterator[Job]:
    """The pages of every registered kind made before (or after) the generated files, one by one (``stop`` asked
    before each kind's)."""
    for kind in PAGE_KINDS:
        if kind.after_files == after_files:
            _go_on(stop)
            yield from (Job(kind, context) for context in kind.build(run))


def jobs_of(run: Inputs, *, after_files: bool, stop: Callable[[], bool] = never) -> list[Job]:
    """The pages of every registered kind made before (or after) the generated files."""
    return list(_jobs(run, after_files=after_files, stop=stop))


@dataclass(frozen=True, slots=True)
class _Run:
    """One render run, as its forked workers inherit it."""

    templates: Path
    jobs: list[Job]
    cache: PageCache
    catalog: bytes  # digest of the whole catalog
    digester: Digester  # with the records' digests, computed once
    write: SourceWriter
    files: Callable[[], dict[str, str]]  # the generated files (feeds, open data, redirects)
    lang: str  # the tree's language
    stop: Callable[[], bool]  # asked before each page: true when the run is no longer wanted


def _render_job(env: jinja2.Environment, job: Job, write: SourceWriter) -> tuple[str, bool]:
    """The page's source, and whether its template read the whole catalog."""
    READ.catalog = False
    body = env.get_template(job.kind.template).render(page=job.context)
    ctx = job.context
    feed = ctx.u.file(ctx.feed) if ctx.feed and ctx.u.directory_urls else ""  # file URLs: see generator.render.feeds
    page = PageSource(
        title=None if ctx.src == urls.home() else ctx.title,
        body=body,
        generated=True,
        layout=job.kind.layout,
        feed=feed,
        feed_title=ctx.feed_title if feed else "",
        alternates=alternates(ctx.src, ctx.u.directory_urls, ctx.lang, ctx.trees),
        hreflang=ctx.u.directory_urls,
    )
    return write(page), READ.catalog


#: What rendering one job gives: (index of the job, cache entry, whether it came from the cache)
_Rendered = tuple[int, Entry, bool]


def _render_range(run: _Run, indices: range) -> list[_Rendered]:
    """Render the jobs of ``run`` at ``indices``, or take them from its cache."""
    env: jinja2.Environment | None = None
    done: list[_Rendered] = []
    for i in indices:
        _go_on(run.stop)
        job = run.jobs[i]
        key = run.digester.digest(job.kind.template, job.kind.layout, job.context)
        entry = run.cache.get(job.context.src, key, run.catalog)
        if entry is not None:
            done.append((i, entry, True))
            continue
        env = env or make_environment(run.templates, run.lang)
        content, read_catalog = _render_job(env, job, run.write)
        done.append((i, Entry(key, run.catalog if read_catalog else None, content.encode("utf-8")), False))
    return done


def _render_all(run: _Run, workers: int) -> tuple[list[_Rendered], dict[str, str]]:
    """Every job of ``run``, and the generated files beside them (generator.workers: forked when it pays)."""
    return fork_map(
        functools.partial(_render_range, run),
        len(run.jobs),
        workers=workers,
        minimum=PARALLEL_MIN_PAGES,
        beside=run.files,
    )


def _after_files(run: _Run, inputs: Inputs, files: dict[str, str]) -> list[_Rendered]:
    """The pages made once the generated files exist (the open-data page gives their sizes)."""
    start = len(run.jobs)
    run.jobs.extend(jobs_of(dataclasses.replace(inputs, files=files), after_files=True))
    return _render_range(run, range(start, len(run.jobs)))


def _found_in_archive(gettext: Gettext, lang: str) -> Callable[[ArchivedWording], str]:
    """What a change found in the archive says (generator.relate.wording), in the tree's language."""

    def describe(w: ArchivedWording) -> str:
        assert w.gone is not None
        if w.gone.recorded is not None:
            return gettext(
                "Found in the archive: the wording quoted here is no longer in the version of this document recorded "
                "on %(date)s."
            ) % {"date": i18n.day(w.gone.recorded, lang)}
        return gettext(
            "Found in the archive: the wording quoted here is no longer in the version of this document dated "
            "%(date)s (a stored copy; when it was recorded is unknown)."
        ) % {"date": i18n.day(w.gone.effective, lang)}

    return describe


def _inputs(cat: Catalog, options: RenderOptions, templates: Path) -> Inputs:
    settings = options.settings or load_settings(templates.parent.parent / "mkdocs.yml")
    names = {pl.id: pl.name for pl in cat.platforms.values()}
    strings = i18n.translations(templates, options.language)
    found = wording.archive_changes(cat.wordings.values(), _found_in_archive(strings.gettext, options.language))
    changes = history.all_changes(cat.provisions.values(), names, found)
    known = options.coverage
    if not known and options.language == "en":  # the catalog holds the English records
        known = tuple(coverage(cat.provisions.values(), lang, cat.pages) for lang in TRANSLATED)
    return Inputs(
        cat=cat,
        directory_urls=options.directory_urls,
        settings=settings,
        day=options.today
        or dating.build_date(
            cat.provisions.values(), cat.reports, versions=itertools.chain(*cat.versions.values())
        ).day,
        changes=changes,
        feed_titles={},
        lang=options.language,
        strings=strings,
        local=options.localization,
        data_catalog=options.data_catalog,
        data_settings=options.data_settings,
        coverage=known,
    )


def _inputs_and_feeds(cat: Catalog, options: RenderOptions, templates: Path) -> tuple[Inputs, tuple[feeds.Feed, ...]]:
    """The run's inputs, with the titles of its feeds (which pages link to), and its feeds."""
    inputs = _inputs(cat, options, templates)
    all_feeds = feeds.feeds_of(cat, inputs.changes, inputs.gettext)
    return dataclasses.replace(inputs, feed_titles={f.path: f.title for f in all_feeds}), all_feeds


def render_first(cat: Catalog, templates: Path, options: RenderOptions, srcs: frozenset[str]) -> list[RenderedPage]:
    """The generated pages among ``srcs``, rendered as ``render_pages`` renders them, in one process: the preview
    writes them before the others, so that an edit shows as soon as its own page is made."""
    inputs, _ = _inputs_and_feeds(cat, options, templates)
    env = make_environment(templates, options.language)
    wanted = (job for job in _jobs(inputs, after_files=False) if job.context.src in srcs)
    jobs = list(itertools.islice(wanted, len(srcs)))  # the search stops once every page is found
    return [RenderedPage.of(job.context.src, _render_job(env, job, options.source)[0]) for job in jobs]


def render_pages(
    cat: Catalog,
    templates: Path,
    options: RenderOptions,
    *,
    workers: int = 1,
    cache: Path | None = None,
    stats: list[RenderStats] | None = None,
    stop: Callable[[], bool] = never,
) -> list[RenderedPage]:
    """Render every generated page, the prose pages, and the generated files, in a stable order.

    Besides Markdown pages the result holds plain files the engine copies through:
    Atom feeds (``feeds/``), open data (``data/``), redirects from former ids, the
    category comparisons to embed (``embed/``) and the compare page's data
    (``assets/compare-data.js``).
    Settings not given in ``options`` are read from the project's ``mkdocs.yml``
    (the one beside ``site_templates/``). With a ``cache`` folder, pages whose
    inputs did not change since the last run are taken from there
    (generator.render.pagecache); ``stats``, if given, receives how many. When
    ``stop`` turns true, the next page raises :class:`SupersededError` (nothing is kept).
    """
    inputs, all_feeds = _inputs_and_feeds(cat, options, templates)
    variant = f"{'dir' if options.directory_urls else 'file'}-{options.language}"
    page_cache = PageCache.open(cache, templates, f"{variant}-{i18n.catalogue_digest(templates, options.language)}")
    digester = Digester()
    make_files = functools.partial(_files, inputs, all_feeds, templates, stop)
    run = _Run(
        templates,
        jobs_of(inputs, after_files=False, stop=stop),
        page_cache,
        digester.catalog(cat),
        digester,
        options.source,
        make_files,
        options.language,
        stop,
    )
    done, files = _render_all(run, workers)
    done += _after_files(run, inputs, files)
    pages: list[RenderedPage] = []
    for i, entry, _ in done:
        page_cache.store(run.jobs[i].context.src, entry)
        pages.append(RenderedPage(run.jobs[i].context.src, entry.data))
    page_cache.save()
    if stats is not None:
        stats.append(RenderStats(len(done), sum(1 for *_, hit in done if hit)))
    pages += [RenderedPage.of(path, content) for path, content in files.items()]
    del files  # their text: the pages hold their UTF-8
    write = functools.partial(prose_source, inputs, options.source)
    pages += [
        RenderedPage.of(urls.prose(p.slug), write(urls.prose(p.slug), p.title, p.markdown, p.slug)) for p in cat.pages
    ]
    reference = write(urls.FORMAT, inputs.gettext("Record format"), FORMAT_INTRO + field_reference())
    pages.append(RenderedPage.of(urls.FORMAT, reference))
    return sorted(pages, key=lambda p: p.src)


def _files(
    run: Inputs, all_feeds: tuple[feeds.Feed, ...], templates: Path, stop: Callable[[], bool] = never
) -> dict[str, str]:
    """Feeds, open data, redirects, embeds and the compare page's data: (path below the site root → content)."""
    _go_on(stop)
    found: dict[str, str] = {}
    urls_style, settings = run.directory_urls, run.settings
    words = feeds.Words(run.lang, run.gettext)
    found.update(
        feeds.render_feeds(
            run.cat, run.changes, all_feeds, directory_urls=urls_style, settings=settings, day=run.day, words=words
        )
    )
    # open data is the records as they are (English, with their translations), in every tree
    _go_on(stop)
    data, data_settings = run.data_catalog or run.cat, run.data_settings or settings
    found.update(opendata.data_files(data, directory_urls=urls_style, settings=data_settings, day=run.day))
    found.update(
        redirects.redirect_files(
            run.cat, directory_urls=urls_style, settings=settings, gettext=run.gettext, lang=run.lang
        )
    )
    _go_on(stop)
    embed = make_environment(templates, run.lang).get_template(embeds.TEMPLATE)
    found.update(
        embeds.embed_files(
            run.cat, lambda e: embed.render(e=e), directory_urls=urls_style, settings=settings, gettext=run.gettext
        )
    )
    found.update(comparedata.compare_files(run.cat, directory_urls=urls_style))
    return found
