"""A platform's page (its provisions by category, its gaps, reports, changes), and the list of platforms."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.read.model import Category, Jurisdiction, Platform, Provision, Report
from generator.relate import history
from generator.render import feeds, urls
from generator.render.context import RECENT_LIMIT, Inputs, PageContext, Refs, refs


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
    archived: dict[str, int]  # document id -> how many versions are archived


@dataclass(frozen=True, kw_only=True)
class PlatformIndexContext(PageContext):
    pass


def _platform_page(run: Inputs, pl: Platform) -> PlatformContext:
    cat = run.cat
    mine = cat.by_platform.get(pl.id, ())
    grouped = tuple((c, tuple(p for p in mine if c.id in p.categories)) for c in cat.categories.values())
    reports = tuple(r for r in cat.reports if r.platform == pl.id)
    recent = tuple(ch for ch in run.changes if ch.provision.platform == pl.id)[:RECENT_LIMIT]
    return PlatformContext(
        **run.base(urls.platform(pl.id), pl.name, f"content/platforms/{pl.id}.yaml", feeds.platform_feed(pl.id)),
        platform=pl,
        headquarters=cat.jurisdictions.get(pl.headquarters) if pl.headquarters else None,
        by_category=tuple(g for g in grouped if g[1]),
        missing=tuple(c for c, ps in grouped if not ps),
        reports=reports,
        changes=recent,
        provision_count=len(mine),
        category_total=len(cat.categories),
        refs=refs(cat, (ch.provision for ch in recent), (f.metric for r in reports for f in r.figures)),
        archived={d.id: len(cat.versions.get((pl.id, d.id), ())) for d in pl.documents},
    )


def platform_pages(run: Inputs) -> Iterator[PlatformContext]:
    for pl in run.cat.platforms.values():
        yield _platform_page(run, pl)


def platform_index(run: Inputs) -> Iterator[PlatformIndexContext]:
    yield PlatformIndexContext(**run.base(urls.PLATFORMS, run.gettext("Platforms")))
