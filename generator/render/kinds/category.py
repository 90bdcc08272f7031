"""A category's comparison ("how every platform handles this"), and the list of categories."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.read.model import Category, Platform, Provision
from generator.relate import history
from generator.render import embeds, feeds, urls
from generator.render.context import RECENT_LIMIT, Inputs, PageContext, Refs, refs

#: Up to this many platforms without a provision get a row each on a comparison page.
GAP_ROWS_LIMIT = 20


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
    embed: embeds.EmbedCode  # the iframe the page offers to copy

    @property
    def compact_gaps(self) -> bool:
        """Many platforms without a provision: list them once, folded, not as a wall of rows."""
        return len(self.rows) - self.found_on > GAP_ROWS_LIMIT

    changes: tuple[history.Change, ...]  # the most recent, newest first


@dataclass(frozen=True, kw_only=True)
class CategoryIndexContext(PageContext):
    pass


def category_pages(run: Inputs) -> Iterator[CategoryContext]:
    cat = run.cat
    for c in cat.categories.values():
        of_platform: dict[str, list[Provision]] = {}
        for q in cat.by_category.get(c.id, ()):
            of_platform.setdefault(q.platform, []).append(q)
        rows = tuple(
            CategoryRow(platform=pl, provisions=tuple(of_platform.get(pl.id, ()))) for pl in cat.platforms.values()
        )
        recent = tuple(ch for ch in run.changes if c.id in ch.provision.categories)[:RECENT_LIMIT]
        base = run.base(urls.category(c.id), c.title, "content/categories.yaml", feeds.category_feed(c.id))
        yield CategoryContext(
            **base,
            category=c,
            rows=rows,
            found_on=sum(1 for r in rows if r.provisions),
            changes=recent,
            refs=refs(cat, (ch.provision for ch in recent)),
            embed=embeds.embed_code(
                c, sum(len(r.provisions) for r in rows), here=base["u"], settings=run.settings, gettext=run.gettext
            ),
        )


def category_index(run: Inputs) -> Iterator[CategoryIndexContext]:
    yield CategoryIndexContext(**run.base(urls.CATEGORIES, run.gettext("Categories")))
