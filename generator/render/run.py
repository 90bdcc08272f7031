"""Stage 4, render: the catalog → one Markdown document per page, from Jinja2 templates.

Each page kind has its own context dataclass and its own template in
``site_templates/pages/``. Templates run with autoescape and StrictUndefined;
record Markdown reaches them only through the sanitizing ``md`` filters. The
result is a list of :class:`RenderedPage`; writing them is :func:`write_docs`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import html
import json
import multiprocessing as mp
import os
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator import cachefile
from generator.editing.schema import field_reference
from generator.read.markup import md_text, render_inline, render_markdown
from generator.read.model import Category, Document, Jurisdiction, Law, Metric, Platform, ProsePage, Provision, Report
from generator.relate import history, review
from generator.relate.catalog import AnalogueLink, Catalog, ReportedFigure
from generator.render import feeds, opendata, redirects, urls
from generator.render.pagecache import Digester, Entry, PageCache
from generator.settings import AtlasSettings, load_settings, today
from generator.site.engine import RAW_CLOSE, RAW_OPEN

RECENT_LIMIT = 10
#: Other platforms' provisions listed on a provision page; the rest are on the comparison page.
SAME_CATEGORY_LIMIT = 12
#: Up to this many platforms without a provision get a row each on a comparison page.
GAP_ROWS_LIMIT = 20
FORMAT_INTRO = """# Record format

Every field an editor can write, generated from the field definitions the
validator uses (`generator/fields.py`). Ids are lowercase slugs
(`[a-z0-9]+(-[a-z0-9]+)*`), dates are `YYYY-MM-DD`, URLs are absolute `http(s)`
addresses, and Markdown fields never take raw HTML. JSON Schemas for editors are
in the repository's `schema/` folder.

"""


@dataclass(frozen=True, slots=True)
class RenderOptions:
    directory_urls: bool = True
    #: the generator's settings; None reads them from the project's mkdocs.yml (see generator.settings)
    settings: AtlasSettings | None = None
    #: the build's date for review freshness; None means generator.settings.today()
    today: dt.date | None = None


@dataclass(frozen=True, slots=True)
class RenderedPage:
    src: str  # path inside the docs folder
    content: str


@dataclass(frozen=True, kw_only=True)
class PageContext:
    """What every page template gets."""

    src: str
    title: str
    u: urls.Linker
    #: the whole catalog; templates read it as ``page.cat`` (noted: see ``cat``)
    catalog: Catalog
    edit_url: str = ""
    #: the page's Atom feed (path below the site root), linked from the head and the page, or ""
    feed: str = ""
    feed_title: str = ""
    #: slugs of the prose pages (methodology, about...): pages link to them when present
    prose_slugs: tuple[str, ...] = ()

    def prose(self, slug: str) -> bool:
        return slug in self.prose_slugs

    @property
    def cat(self) -> Catalog:
        """The whole catalog, for hub pages; reading it makes the page depend on all of it.

        The page cache (generator.render.pagecache) stores a page that read it against
        the digest of the whole catalog. Detail pages get what they show in
        their own fields instead (``Refs``).
        """
        _READ.catalog = True
        return self.catalog


@dataclass(frozen=True, kw_only=True)
class HomeContext(PageContext):
    recent: tuple[Provision, ...]
    awaiting_review: int


@dataclass(frozen=True, kw_only=True)
class JurisdictionRow:
    jurisdiction: Jurisdiction
    flag_note: str | None
    laws: tuple[Law, ...]


@dataclass(frozen=True, slots=True)
class Refs:
    """The records a page names besides its own, and only those.

    Detail pages look names up here rather than in the whole catalog, so what
    they show (and their key in the page cache, generator.render.pagecache) depends on
    the records they name, not on every record of the atlas.
    """

    platforms: dict[str, Platform]
    categories: dict[str, Category]
    metrics: dict[str, Metric]


def _refs(cat: Catalog, provisions: Iterable[Provision], metrics: Iterable[str] = ()) -> Refs:
    shown = list(provisions)
    return Refs(
        platforms={pid: cat.platforms[pid] for pid in sorted({p.platform for p in shown})},
        categories={cid: cat.categories[cid] for cid in sorted({c for p in shown for c in p.categories})},
        metrics={mid: cat.metrics[mid] for mid in sorted(set(metrics))},
    )


@dataclass(frozen=True, kw_only=True)
class ProvisionContext(PageContext):
    provision: Provision
    platform: Platform
    document: Document
    categories: tuple[Category, ...]
    primary: Category
    analogues: tuple[AnalogueLink, ...]
    same_category: tuple[Provision, ...]  # other platforms, primary category, not analogues; at most a few
    same_category_more: int  # how many more the comparison page has (pages must not grow with the atlas)
    found_on: int
    platform_total: int
    jurisdictions: tuple[JurisdictionRow, ...]
    timeline: tuple[history.TimelineEntry, ...]  # newest first
    review: review.Review
    data_file: str  # this record as JSON, below the site root
    refs: Refs  # of the analogues and the same-category list


@dataclass(frozen=True, kw_only=True)
class CategoryRow:
    platform: Platform
    provisions: tuple[Provision, ...]


@dataclass(frozen=True, kw_only=True)
class CategoryContext(PageContext):
    category: Category
    rows: tuple[CategoryRow, ...]
    found_on: int
    refs: Refs  # of the recent changes

    @property
    def compact_gaps(self) -> bool:
        """Many platforms without a provision: list them once, folded, not as a wall of rows."""
        return len(self.rows) - self.found_on > GAP_ROWS_LIMIT

    changes: tuple[history.Change, ...]  # the most recent, newest first


@dataclass(frozen=True, kw_only=True)
class CategoryIndexContext(PageContext):
    pass


@dataclass(frozen=True, kw_only=True)
class PlatformContext(PageContext):
    platform: Platform
    headquarters: Jurisdiction | None
    by_category: tuple[tuple[Category, tuple[Provision, ...]], ...]
    missing: tuple[Category, ...]
    reports: tuple[Report, ...]
    changes: tuple[history.Change, ...]  # the most recent, newest first
    provision_count: int
    category_total: int
    refs: Refs  # of the recent changes, and the reports' metrics


@dataclass(frozen=True, kw_only=True)
class PlatformIndexContext(PageContext):
    pass


@dataclass(frozen=True, kw_only=True)
class JurisdictionContext(PageContext):
    jurisdiction: Jurisdiction
    by_law: tuple[tuple[Law, tuple[Provision, ...]], ...]
    without_law: tuple[Provision, ...]
    flagged: int  # provisions flagged for the jurisdiction
    refs: Refs  # of the provisions listed


@dataclass(frozen=True, kw_only=True)
class JurisdictionIndexContext(PageContext):
    pass


@dataclass(frozen=True, kw_only=True)
class MatrixContext(PageContext):
    platforms: tuple[Platform, ...]
    cells: dict[tuple[str, str], tuple[Provision, ...]]  # (category, platform) -> provisions


@dataclass(frozen=True, kw_only=True)
class MetricRow:
    platform: Platform
    figures: tuple[ReportedFigure, ...]


@dataclass(frozen=True, kw_only=True)
class MetricContext(PageContext):
    metric: Metric
    rows: tuple[MetricRow, ...]


@dataclass(frozen=True, kw_only=True)
class MetricIndexContext(PageContext):
    pass


@dataclass(frozen=True, kw_only=True)
class ChangesContext(PageContext):
    months: tuple[tuple[str, str, tuple[history.Change, ...]], ...]  # ("2025-04", "April 2025", changes)
    total: int
    refs: Refs  # of the changes


@dataclass(frozen=True, kw_only=True)
class MaintenanceContext(PageContext):
    today: dt.date
    max_age_days: int
    due: tuple[review.Review, ...]  # oldest review first
    never: tuple[review.Review, ...]


@dataclass(frozen=True, kw_only=True)
class DataFile:
    path: str  # below the site root
    title: str
    description: str
    size: int  # bytes


@dataclass(frozen=True, kw_only=True)
class DataContext(PageContext):
    files: tuple[DataFile, ...]
    columns: tuple[opendata.Column, ...]
    schema_version: str
    licence: dict[str, str]
    citation: str
    example: Provision | None  # a provision whose JSON file the page links as an example


@dataclass(frozen=True, slots=True)
class _Job:
    template: str
    context: PageContext
    front: dict[str, Any] = field(default_factory=lambda: {"hide": ["navigation"]})


def _number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


class _Reads(threading.local):
    """What the page being rendered has read (``PageContext.cat``)."""

    catalog = False


_READ = _Reads()


@functools.lru_cache(maxsize=8)
def make_environment(templates: Path) -> jinja2.Environment:
    """The templates' environment, kept for the process: templates compile once (a
    template edited on disk is reloaded, as Jinja2 checks its modification time)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = render_markdown
    env.filters["md_inline"] = render_inline
    env.filters["mdtext"] = md_text
    env.filters["number"] = _number
    env.filters["isodate"] = lambda d: d.isoformat() if isinstance(d, dt.date) else ""
    return env


def _jobs(
    cat: Catalog,
    options: RenderOptions,
    settings: AtlasSettings,
    changes: tuple[history.Change, ...],
    all_feeds: tuple[feeds.Feed, ...],
) -> tuple[list[_Job], Callable[[dict[str, str]], _Job]]:
    """Every page to render, and how to make the open-data page once the data files exist."""
    day = options.today or today()
    feed_titles = {f.path: f.title for f in all_feeds}
    prose_slugs = tuple(p.slug for p in cat.pages)

    def base(src: str, title: str, edit: str = "", feed: str = "") -> dict[str, Any]:
        edit_url = f"{settings.edit_base}{edit}" if settings.edit_base and edit else ""
        return {
            "src": src,
            "title": title,
            "u": urls.Linker(src, options.directory_urls),
            "catalog": cat,
            "edit_url": edit_url,
            "feed": feed,
            "feed_title": feed_titles.get(feed, ""),
            "prose_slugs": prose_slugs,
        }

    jobs: list[_Job] = []
    reviewed = sorted(
        (p for p in cat.provisions.values() if p.last_reviewed), key=lambda p: (p.last_reviewed, p.id), reverse=True
    )
    jobs.append(
        _Job(
            "home.md.j2",
            HomeContext(
                **base(urls.home(), "Provision Atlas", feed=feeds.ATLAS),
                recent=tuple(reviewed[:RECENT_LIMIT]),
                awaiting_review=sum(1 for p in cat.provisions.values() if p.last_reviewed is None),
            ),
            {"hide": ["navigation"]},
        )
    )
    total = len(cat.platforms)
    # Per category: provisions in platform-name order, and how many each platform has.
    by_name = {
        cid: tuple(sorted(ps, key=lambda q: (cat.platforms[q.platform].name, q.id)))
        for cid, ps in cat.by_category.items()
    }
    per_platform = {cid: Counter(q.platform for q in ps) for cid, ps in cat.by_category.items()}
    found_on = {cid: len(cat.platforms_in_category(cid)) for cid in cat.categories}
    for p in cat.provisions.values():
        primary = cat.primary_category(p)
        links = cat.analogues.get(p.id, ())
        linked = {link.other.id for link in links}
        same: list[Provision] = []
        for q in by_name.get(primary.id, ()):
            if q.platform != p.platform and q.id not in linked:
                same.append(q)
                if len(same) == SAME_CATEGORY_LIMIT:
                    break
        in_primary = sum(1 for link in links if primary.id in link.other.categories)
        others = len(cat.by_category.get(primary.id, ())) - per_platform[primary.id][p.platform] - in_primary
        flags = tuple(
            JurisdictionRow(
                jurisdiction=cat.jurisdictions[f.code], flag_note=f.note, laws=tuple(cat.laws[law][0] for law in f.laws)
            )
            for f in p.jurisdictions
        )
        platform = cat.platforms[p.platform]
        document = platform.document(p.document)
        assert document is not None  # guaranteed by validation
        jobs.append(
            _Job(
                "provision.md.j2",
                ProvisionContext(
                    **base(urls.provision(p.id), p.title, f"provisions/{p.id}.yaml"),
                    provision=p,
                    platform=platform,
                    document=document,
                    categories=tuple(cat.categories[c] for c in p.categories),
                    primary=primary,
                    analogues=links,
                    same_category=tuple(same),
                    same_category_more=max(0, others - len(same)),
                    found_on=found_on[primary.id],
                    platform_total=total,
                    jurisdictions=flags,
                    timeline=history.timeline(p),
                    review=review.Review(p, day, settings.review_max_age_days),
                    data_file=opendata.provision_file(p.id),
                    refs=_refs(cat, [*(link.other for link in links), *same]),
                ),
            )
        )
    for c in cat.categories.values():
        of_platform: dict[str, list[Provision]] = {}
        for q in cat.by_category.get(c.id, ()):
            of_platform.setdefault(q.platform, []).append(q)
        rows = tuple(
            CategoryRow(platform=pl, provisions=tuple(of_platform.get(pl.id, ()))) for pl in cat.platforms.values()
        )
        recent = tuple(ch for ch in changes if c.id in ch.provision.categories)[:RECENT_LIMIT]
        jobs.append(
            _Job(
                "category.md.j2",
                CategoryContext(
                    **base(urls.category(c.id), c.title, "content/categories.yaml", feeds.category_feed(c.id)),
                    category=c,
                    rows=rows,
                    found_on=sum(1 for r in rows if r.provisions),
                    changes=recent,
                    refs=_refs(cat, (ch.provision for ch in recent)),
                ),
            )
        )
    jobs.append(_Job("categories.md.j2", CategoryIndexContext(**base(urls.CATEGORIES, "Categories"))))
    for pl in cat.platforms.values():
        mine = cat.by_platform.get(pl.id, ())
        grouped = tuple((c, tuple(p for p in mine if c.id in p.categories)) for c in cat.categories.values())
        reports = tuple(r for r in cat.reports if r.platform == pl.id)
        recent_here = tuple(ch for ch in changes if ch.provision.platform == pl.id)[:RECENT_LIMIT]
        jobs.append(
            _Job(
                "platform.md.j2",
                PlatformContext(
                    **base(
                        urls.platform(pl.id), pl.name, f"content/platforms/{pl.id}.yaml", feeds.platform_feed(pl.id)
                    ),
                    platform=pl,
                    headquarters=cat.jurisdictions.get(pl.headquarters) if pl.headquarters else None,
                    by_category=tuple(g for g in grouped if g[1]),
                    missing=tuple(c for c, ps in grouped if not ps),
                    reports=reports,
                    changes=recent_here,
                    provision_count=len(mine),
                    category_total=len(cat.categories),
                    refs=_refs(
                        cat, (ch.provision for ch in recent_here), (f.metric for r in reports for f in r.figures)
                    ),
                ),
            )
        )
    jobs.append(_Job("platforms.md.j2", PlatformIndexContext(**base(urls.PLATFORMS, "Platforms"))))
    for j in cat.jurisdictions.values():
        flagged = cat.by_jurisdiction.get(j.code, ())
        by_law = tuple(
            (law, tuple(p for p in flagged if any(law.id in f.laws for f in p.jurisdictions if f.code == j.code)))
            for law in j.laws
        )
        without = tuple(p for p in flagged if not any(f.laws for f in p.jurisdictions if f.code == j.code))
        jobs.append(
            _Job(
                "jurisdiction.md.j2",
                JurisdictionContext(
                    **base(urls.jurisdiction(j.code), j.name, "content/jurisdictions.yaml"),
                    jurisdiction=j,
                    by_law=by_law,
                    without_law=without,
                    flagged=len(flagged),
                    refs=_refs(cat, flagged),
                ),
            )
        )
    jobs.append(_Job("jurisdictions.md.j2", JurisdictionIndexContext(**base(urls.JURISDICTIONS, "Jurisdictions"))))
    in_cell: dict[tuple[str, str], list[Provision]] = {}
    for cid, provisions in cat.by_category.items():
        for q in provisions:
            in_cell.setdefault((cid, q.platform), []).append(q)
    cells = {
        (cid, pl.id): tuple(in_cell.get((cid, pl.id), ())) for cid in cat.categories for pl in cat.platforms.values()
    }
    jobs.append(
        _Job(
            "matrix.md.j2",
            MatrixContext(**base(urls.MATRIX, "Coverage matrix"), platforms=tuple(cat.platforms.values()), cells=cells),
            {"hide": ["navigation", "toc"]},
        )
    )
    for m in cat.metrics.values():
        figs = cat.by_metric.get(m.id, ())
        metric_rows = tuple(
            MetricRow(platform=pl, figures=tuple(f for f in figs if f.report.platform == pl.id))
            for pl in cat.platforms.values()
        )
        jobs.append(
            _Job(
                "metric.md.j2",
                MetricContext(**base(urls.metric(m.id), m.title, "content/metrics.yaml"), metric=m, rows=metric_rows),
            )
        )
    jobs.append(_Job("metrics.md.j2", MetricIndexContext(**base(urls.TRANSPARENCY, "Transparency figures"))))
    jobs += _monitoring_jobs(cat, changes, settings, day, base)
    return jobs, functools.partial(_data_job, cat, base)


def _monitoring_jobs(
    cat: Catalog,
    changes: tuple[history.Change, ...],
    settings: AtlasSettings,
    day: dt.date,
    base: Any,
) -> list[_Job]:
    """The changes page and the editors' maintenance page."""
    all_reviews = review.reviews(cat.provisions.values(), day, settings.review_max_age_days)
    return [
        _Job(
            "changes.md.j2",
            ChangesContext(
                **base(urls.CHANGES, "What changed", feed=feeds.ATLAS),
                months=history.by_month(changes),
                total=len(changes),
                refs=_refs(cat, (ch.provision for ch in changes)),
            ),
        ),
        _Job(
            "maintenance.md.j2",
            MaintenanceContext(
                **base(urls.MAINTENANCE, "Maintenance"),
                today=day,
                max_age_days=settings.review_max_age_days,
                due=review.due(all_reviews),
                never=review.never_reviewed(all_reviews),
            ),
            # an editors' page listing every record's title: keep it out of the readers' search
            {"hide": ["navigation"], "search": {"exclude": True}},
        ),
    ]


def _data_job(cat: Catalog, base: Any, files: dict[str, str]) -> _Job:
    """The open-data page: what each data file holds, and its size."""
    described = {
        opendata.ATLAS_JSON: (
            "The whole atlas (JSON)",
            "Every record: categories, jurisdictions and laws, platforms and documents, provisions, metrics and reports.",
        ),
        opendata.PROVISIONS_CSV: (
            "Provisions (CSV)",
            'One row per provision, one column per scalar field; lists joined with "; ".',
        ),
        opendata.SCHEMA_FILE: (
            "JSON Schema of atlas.json",
            "JSON Schema 2020-12; $defs/provision_file describes a provision's own file.",
        ),
    }
    data_files = tuple(
        DataFile(path=path, title=title, description=text, size=len(files.get(path, "").encode("utf-8")))
        for path, (title, text) in described.items()
    )
    return _Job(
        "data.md.j2",
        DataContext(
            **base(urls.DATA, "Open data"),
            files=data_files,
            columns=opendata.COLUMNS,
            schema_version=opendata.SCHEMA_VERSION,
            licence=opendata.LICENCE,
            citation=opendata.CITATION.format(version=opendata.SCHEMA_VERSION),
            example=next(iter(cat.provisions.values()), None),
        ),
    )


_HTML_BLOCK = re.compile(r"^<[a-zA-Z]")


def mark_raw_blocks(markdown: str) -> str:
    """Fence the HTML blocks of a generated page so the engine can pass them through.

    Our pages are Markdown for their headings (the table of contents) and HTML
    blocks we have already rendered and sanitized. A Markdown engine would parse
    that HTML again, at great cost on large pages; the fences (HTML comments, so
    harmless anywhere) let an engine adapter hand the blocks through untouched.
    """
    blocks = markdown.split("\n\n")
    return "\n\n".join(
        f"{RAW_OPEN}\n{block.strip(chr(10))}\n{RAW_CLOSE}" if _HTML_BLOCK.match(block.lstrip("\n")) else block
        for block in blocks
    )


def engine_title(title: str) -> str:
    """A plain-text title as the engine expects it: HTML.

    MkDocs and Material print page and nav titles into ``<title>``, the header
    and the search index without escaping (titles may carry markup there), so a
    record's plain-text title is HTML-escaped here, once, and shows as written.
    """
    return html.escape(title, quote=False)


def _front_matter(title: str | None, extra: dict[str, Any]) -> str:
    """Front matter; no title for the home page, which the engine titles with the site name."""
    # JSON is valid YAML: a safe way to write any title into front matter.
    lines = [f"title: {json.dumps(engine_title(title), ensure_ascii=False)}"] if title is not None else []
    lines += [f"{key}: {json.dumps(value)}" for key, value in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


#: Below this many pages, one process renders faster than starting workers.
PARALLEL_MIN_PAGES = 500
#: How many pieces the pages are split into for the workers (interleaved, for balance).
CHUNKS = 16


@dataclass(frozen=True, slots=True)
class _Run:
    """One render run, as its forked workers inherit it."""

    templates: Path
    jobs: list[_Job]
    cache: PageCache
    catalog: bytes  # digest of the whole catalog
    digester: Digester  # with the records' digests, computed once
    files: Callable[[], dict[str, str]]  # the generated files (feeds, open data, redirects)


_PENDING: _Run | None = None


def _render_job(env: jinja2.Environment, job: _Job) -> tuple[str, bool]:
    """The page's Markdown, and whether its template read the whole catalog."""
    _READ.catalog = False
    body = env.get_template(job.template).render(page=job.context)
    front = dict(job.front)
    if job.context.feed and job.context.u.directory_urls:  # file URLs: see generator.render.feeds
        front["feed"] = job.context.feed
        front["feed_title"] = job.context.feed_title
    title = None if job.context.src == urls.home() else job.context.title
    return _front_matter(title, front) + mark_raw_blocks(body), _READ.catalog


#: What rendering one job gives: (index of the job, cache entry, whether it came from the cache)
_Rendered = tuple[int, Entry, bool]


def _render_range(indices: range | list[int]) -> list[_Rendered]:
    """Render the jobs at ``indices`` of the pending run, or take them from its cache."""
    assert _PENDING is not None
    templates, jobs, page_cache, catalog, digester = (
        _PENDING.templates,
        _PENDING.jobs,
        _PENDING.cache,
        _PENDING.catalog,
        _PENDING.digester,
    )
    env: jinja2.Environment | None = None
    done: list[_Rendered] = []
    for i in indices:
        job = jobs[i]
        key = digester.digest(job.template, job.front, job.context)
        entry = page_cache.get(job.context.src, key, catalog)
        if entry is not None:
            done.append((i, entry, True))
            continue
        env = env or make_environment(templates)
        content, read_catalog = _render_job(env, job)
        done.append((i, Entry(key, catalog if read_catalog else None, content), False))
    return done


@dataclass(frozen=True, slots=True)
class RenderStats:
    pages: int  # pages rendered from templates in this run (the generated files aside)
    from_cache: int  # of which taken unchanged from the last run (generator.render.pagecache)


def render_pages(
    cat: Catalog,
    templates: Path,
    options: RenderOptions = RenderOptions(),
    *,
    workers: int = 1,
    cache: Path | None = None,
    stats: list[RenderStats] | None = None,
) -> list[RenderedPage]:
    """Render every generated page, the prose pages, and the generated files, in a stable order.

    Besides Markdown pages the result holds plain files the engine copies through:
    Atom feeds (``feeds/``), open data (``data/``) and redirects from former ids.
    Settings not given in ``options`` are read from the project's ``mkdocs.yml``
    (the one beside ``site_templates/``). With a ``cache`` folder, pages whose
    inputs did not change since the last run are taken from there
    (generator.render.pagecache); ``stats``, if given, receives how many.
    """
    settings = options.settings or load_settings(templates.parent.parent / "mkdocs.yml")
    changes = history.all_changes(cat.provisions.values(), {pl.id: pl.name for pl in cat.platforms.values()})
    all_feeds = feeds.feeds_of(cat, changes)
    jobs, data_job = _jobs(cat, options, settings, changes, all_feeds)
    page_cache = PageCache.open(cache, templates, "dir" if options.directory_urls else "file")
    digester = Digester()
    global _PENDING
    _PENDING = _Run(
        templates,
        jobs,
        page_cache,
        digester.catalog(cat),
        digester,
        functools.partial(_files, cat, options.directory_urls, settings, changes, all_feeds),
    )
    try:
        workers = min(workers or 1, os.cpu_count() or 1)
        if workers > 1 and len(jobs) >= PARALLEL_MIN_PAGES and "fork" in mp.get_all_start_methods():
            # Forked workers inherit the jobs (contexts hold the whole catalog: too big to send).
            # The generated files are made by a worker too, beside the pages; small
            # interleaved chunks keep both workers busy to the end.
            chunks = [range(i, len(jobs), CHUNKS) for i in range(CHUNKS)]
            with mp.get_context("fork").Pool(workers) as pool:
                making = pool.apply_async(_make_files)
                done = [item for chunk in pool.map(_render_range, chunks, chunksize=1) for item in chunk]
                files = making.get()
        else:
            files = _PENDING.files()
            done = _render_range(range(len(jobs)))
        jobs.append(data_job(files))  # the open-data page gives the data files' sizes
        done += _render_range([len(jobs) - 1])
    finally:
        _PENDING = None
    pages: list[RenderedPage] = []
    for i, entry, _ in done:
        page_cache.store(jobs[i].context.src, entry)
        pages.append(RenderedPage(jobs[i].context.src, entry.content))
    page_cache.save()
    if stats is not None:
        stats.append(RenderStats(len(done), sum(1 for *_, hit in done if hit)))
    pages += [RenderedPage(path, content) for path, content in files.items()]
    for prose in cat.pages:
        pages.append(RenderedPage(urls.prose(prose.slug), _prose(prose)))
    pages.append(RenderedPage(urls.FORMAT, _front_matter("Record format", {}) + FORMAT_INTRO + field_reference()))
    return sorted(pages, key=lambda p: p.src)


def _make_files() -> dict[str, str]:
    assert _PENDING is not None
    return _PENDING.files()


def _files(
    cat: Catalog,
    directory_urls: bool,
    settings: AtlasSettings,
    changes: tuple[history.Change, ...],
    all_feeds: tuple[feeds.Feed, ...],
) -> dict[str, str]:
    """Feeds, open data and redirects: (path below the site root → content)."""
    found: dict[str, str] = {}
    found.update(feeds.render_feeds(cat, changes, all_feeds, directory_urls=directory_urls, settings=settings))
    found.update(opendata.data_files(cat, directory_urls=directory_urls, settings=settings))
    found.update(redirects.redirect_files(cat, directory_urls=directory_urls, settings=settings))
    return found


def _prose(page: ProsePage) -> str:
    return _front_matter(page.title, {}) + page.markdown


def write_docs(pages: list[RenderedPage], assets: Path, docs: Path, *, manifest: Path | None = None) -> int:
    """Write pages and assets into ``docs``, touching only files whose content changed.

    Files left over from an earlier run are removed. Returns the number written.
    With a ``manifest`` file (in the cache folder), a file whose size and
    modification time are those this function left it with, and whose new
    content hashes the same, is not even read: at 10,000 provisions that is
    20,000 reads saved per build. Anything else is compared byte for byte.
    """
    wanted: dict[str, bytes] = {p.src: p.content.encode("utf-8") for p in pages}
    if assets.is_dir():
        for path in sorted(assets.rglob("*")):
            if path.is_file():
                wanted["assets/" + path.relative_to(assets).as_posix()] = path.read_bytes()
    known: dict[str, tuple[int, int, bytes]] = cachefile.load(manifest)
    seen: dict[str, tuple[int, int, bytes]] = {}
    root = str(docs)
    written = 0
    for rel, data in wanted.items():
        target = os.path.join(root, rel)
        digest = hashlib.blake2b(data, digest_size=16).digest()
        try:
            stat = os.stat(target)
        except FileNotFoundError:
            stat = None
        if stat is not None and stat.st_size == len(data):
            signature = (stat.st_size, stat.st_mtime_ns, digest)
            if known.get(rel) == signature or Path(target).read_bytes() == data:
                seen[rel] = signature
                continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)
        stat = os.stat(target)
        seen[rel] = (stat.st_size, stat.st_mtime_ns, digest)
        written += 1
    for dirpath, _subdirs, filenames in os.walk(root, topdown=False):
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        for name in filenames:
            if prefix + name not in wanted:
                os.unlink(os.path.join(dirpath, name))
        if dirpath != root and not os.listdir(dirpath):
            os.rmdir(dirpath)
    cachefile.save(manifest, seen)
    return written


def nav(cat: Catalog) -> list[dict[str, Any]]:
    """The engine's navigation: hub pages only; detail pages are reached through them."""
    items: list[dict[str, Any]] = [
        {"Home": urls.home()},
        {"Categories": urls.CATEGORIES},
        {"Platforms": urls.PLATFORMS},
        {"Coverage matrix": urls.MATRIX},
        {"Jurisdictions": urls.JURISDICTIONS},
        {"Transparency": urls.TRANSPARENCY},
        {"Changes": urls.CHANGES},
    ]
    items.append(
        {
            "About": [
                *({engine_title(p.title): urls.prose(p.slug)} for p in cat.pages),
                {"Record format": urls.FORMAT},
                {"Open data": urls.DATA},
                {"Maintenance": urls.MAINTENANCE},
            ]
        }
    )
    return items
