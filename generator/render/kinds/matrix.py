"""The coverage matrix: categories by platforms, each cell the provisions recorded there."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.read.model import Platform, Provision
from generator.render import urls
from generator.render.context import Inputs, PageContext


@dataclass(frozen=True, kw_only=True)
class MatrixContext(PageContext):
    platforms: tuple[Platform, ...]
    cells: dict[tuple[str, str], tuple[Provision, ...]]  # (category, platform) -> provisions


def matrix_page(run: Inputs) -> Iterator[MatrixContext]:
    cat = run.cat
    in_cell: dict[tuple[str, str], list[Provision]] = {}
    for cid, provisions in cat.by_category.items():
        for q in provisions:
            in_cell.setdefault((cid, q.platform), []).append(q)
    cells = {
        (cid, pl.id): tuple(in_cell.get((cid, pl.id), ())) for cid in cat.categories for pl in cat.platforms.values()
    }
    yield MatrixContext(
        **run.base(urls.MATRIX, run.gettext("Coverage matrix")), platforms=tuple(cat.platforms.values()), cells=cells
    )
