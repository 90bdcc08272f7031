"""Stage 4, render: the catalog → one Markdown document per page, from Jinja2 templates.

Each page kind has its own context dataclass and its own template in
``site_templates/pages/``. Templates run with autoescape and StrictUndefined;
record Markdown reaches them only through the sanitizing ``md`` filters. The
result is a list of :class:`RenderedPage`; writing them is :func:`write_docs`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator import urls
from generator.catalog import AnalogueLink, Catalog, ReportedFigure
from generator.mdrender import md_text, render_inline, render_markdown
from generator.model import Category, Document, Jurisdiction, Law, Metric, Platform, ProsePage, Provision, Report
from generator.schema import field_reference

RECENT_LIMIT = 10
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
    #: base URL of the record files in the repository ("edit this record"), or "".
    edit_base: str = ""


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
    cat: Catalog
    edit_url: str = ""

    def prose(self, slug: str) -> bool:
        return any(p.slug == slug for p in self.cat.pages)


@dataclass(frozen=True, kw_only=True)
class HomeContext(PageContext):
    recent: tuple[Provision, ...]
    awaiting_review: int


@dataclass(frozen=True, kw_only=True)
class JurisdictionRow:
    jurisdiction: Jurisdiction
    flag_note: str | None
    laws: tuple[Law, ...]


@dataclass(frozen=True, kw_only=True)
class ProvisionContext(PageContext):
    provision: Provision
    platform: Platform
    document: Document
    categories: tuple[Category, ...]
    primary: Category
    analogues: tuple[AnalogueLink, ...]
    same_category: tuple[Provision, ...]  # other platforms, primary category, not already analogues
    found_on: int
    platform_total: int
    jurisdictions: tuple[JurisdictionRow, ...]


@dataclass(frozen=True, kw_only=True)
class CategoryRow:
    platform: Platform
    provisions: tuple[Provision, ...]


@dataclass(frozen=True, kw_only=True)
class CategoryContext(PageContext):
    category: Category
    rows: tuple[CategoryRow, ...]
    found_on: int


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


@dataclass(frozen=True, kw_only=True)
class PlatformIndexContext(PageContext):
    pass


@dataclass(frozen=True, kw_only=True)
class JurisdictionContext(PageContext):
    jurisdiction: Jurisdiction
    by_law: tuple[tuple[Law, tuple[Provision, ...]], ...]
    without_law: tuple[Provision, ...]


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


@dataclass(frozen=True, slots=True)
class _Job:
    template: str
    context: PageContext
    front: dict[str, Any] = field(default_factory=lambda: {"hide": ["navigation"]})


def _number(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


def make_environment(templates: Path) -> jinja2.Environment:
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


def _jobs(cat: Catalog, options: RenderOptions) -> list[_Job]:
    def base(src: str, title: str, edit: str = "") -> dict[str, Any]:
        edit_url = f"{options.edit_base}{edit}" if options.edit_base and edit else ""
        return {
            "src": src,
            "title": title,
            "u": urls.Linker(src, options.directory_urls),
            "cat": cat,
            "edit_url": edit_url,
        }

    jobs: list[_Job] = []
    reviewed = sorted(
        (p for p in cat.provisions.values() if p.last_reviewed), key=lambda p: (p.last_reviewed, p.id), reverse=True
    )
    jobs.append(
        _Job(
            "home.md.j2",
            HomeContext(
                **base(urls.home(), "Provision Atlas"),
                recent=tuple(reviewed[:RECENT_LIMIT]),
                awaiting_review=sum(1 for p in cat.provisions.values() if p.last_reviewed is None),
            ),
            {"hide": ["navigation"]},
        )
    )
    total = len(cat.platforms)
    for p in cat.provisions.values():
        primary = cat.primary_category(p)
        links = cat.analogues.get(p.id, ())
        linked = {link.other.id for link in links}
        same = tuple(q for q in cat.by_category.get(primary.id, ()) if q.platform != p.platform and q.id not in linked)
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
                    same_category=tuple(sorted(same, key=lambda q: (cat.platforms[q.platform].name, q.id))),
                    found_on=len(cat.platforms_in_category(primary.id)),
                    platform_total=total,
                    jurisdictions=flags,
                ),
            )
        )
    for c in cat.categories.values():
        in_cat = cat.by_category.get(c.id, ())
        rows = tuple(
            CategoryRow(platform=pl, provisions=tuple(p for p in in_cat if p.platform == pl.id))
            for pl in cat.platforms.values()
        )
        jobs.append(
            _Job(
                "category.md.j2",
                CategoryContext(
                    **base(urls.category(c.id), c.title, "content/categories.yaml"),
                    category=c,
                    rows=rows,
                    found_on=sum(1 for r in rows if r.provisions),
                ),
            )
        )
    jobs.append(_Job("categories.md.j2", CategoryIndexContext(**base(urls.CATEGORIES, "Categories"))))
    for pl in cat.platforms.values():
        mine = cat.by_platform.get(pl.id, ())
        grouped = tuple((c, tuple(p for p in mine if c.id in p.categories)) for c in cat.categories.values())
        jobs.append(
            _Job(
                "platform.md.j2",
                PlatformContext(
                    **base(urls.platform(pl.id), pl.name, f"content/platforms/{pl.id}.yaml"),
                    platform=pl,
                    headquarters=cat.jurisdictions.get(pl.headquarters) if pl.headquarters else None,
                    by_category=tuple(g for g in grouped if g[1]),
                    missing=tuple(c for c, ps in grouped if not ps),
                    reports=tuple(r for r in cat.reports if r.platform == pl.id),
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
                ),
            )
        )
    jobs.append(_Job("jurisdictions.md.j2", JurisdictionIndexContext(**base(urls.JURISDICTIONS, "Jurisdictions"))))
    cells = {
        (c, p.id): tuple(q for q in cat.by_category.get(c, ()) if q.platform == p.id)
        for c in cat.categories
        for p in cat.platforms.values()
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
    return jobs


def _front_matter(title: str, extra: dict[str, Any]) -> str:
    # JSON is valid YAML: a safe way to write any title into front matter.
    lines = [f"title: {json.dumps(title, ensure_ascii=False)}"]
    lines += [f"{key}: {json.dumps(value)}" for key, value in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def render_pages(cat: Catalog, templates: Path, options: RenderOptions = RenderOptions()) -> list[RenderedPage]:
    """Render every generated page, plus the prose pages, in a stable order."""
    env = make_environment(templates)
    pages = []
    for job in _jobs(cat, options):
        body = env.get_template(job.template).render(page=job.context)
        pages.append(RenderedPage(job.context.src, _front_matter(job.context.title, job.front) + body))
    for prose in cat.pages:
        pages.append(RenderedPage(urls.prose(prose.slug), _prose(prose)))
    pages.append(RenderedPage(urls.FORMAT, _front_matter("Record format", {}) + FORMAT_INTRO + field_reference()))
    return sorted(pages, key=lambda p: p.src)


def _prose(page: ProsePage) -> str:
    return _front_matter(page.title, {}) + page.markdown


def write_docs(pages: list[RenderedPage], assets: Path, docs: Path) -> int:
    """Write pages and assets into ``docs``, touching only files whose content changed.

    Files left over from an earlier run are removed. Returns the number written.
    """
    wanted: dict[Path, bytes] = {docs / p.src: p.content.encode("utf-8") for p in pages}
    if assets.is_dir():
        for path in sorted(assets.rglob("*")):
            if path.is_file():
                wanted[docs / "assets" / path.relative_to(assets)] = path.read_bytes()
    written = 0
    for path, data in wanted.items():
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1
    if docs.is_dir():
        for path in sorted(docs.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
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
    ]
    items.append({"About": [*({p.title: urls.prose(p.slug)} for p in cat.pages), {"Record format": urls.FORMAT}]})
    return items
