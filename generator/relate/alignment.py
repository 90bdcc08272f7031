"""Side by side: the provisions of a few chosen platforms, category by category, aligned by analogue links.

The rule, for one category and the chosen platforms (the columns, in the order
given):

* the provisions considered are those listed in the category (any of their
  categories) whose platform is chosen;
* two of them share a row when an analogue link of the catalog joins them,
  directly or through other provisions considered (never through a provision of
  a platform not chosen, nor one outside the category): a row is a connected
  part of the links among the provisions considered, and every provision not
  linked to another gets a row of its own;
* rows come in the order of their first provision, the provisions taken by the
  columns' order, then the catalog's (platform, slug); inside a cell a platform's
  provisions keep the catalog's order.

The compare page does the same in the reader's browser, from the data the build
ships for it (generator.render.comparedata, site_templates/assets/compare.js);
the browser tests hold the two to the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.read.model import Category, Provision
from generator.relate.catalog import AnalogueLink, Catalog


@dataclass(frozen=True, slots=True)
class Relation:
    """An analogue link between two provisions of one row, read from ``source`` ("stricter": source is stricter)."""

    source: Provision
    relation: str
    target: Provision


@dataclass(frozen=True, slots=True)
class Row:
    #: one cell per chosen platform, in the columns' order: that platform's provisions in the row (maybe none)
    cells: tuple[tuple[Provision, ...], ...]
    #: the chosen platforms with no provision in the row (their ids, in the columns' order)
    missing: tuple[str, ...]
    #: every link between two provisions of the row, from each side (the catalog holds both)
    relations: tuple[Relation, ...]

    @property
    def provisions(self) -> tuple[Provision, ...]:
        return tuple(p for cell in self.cells for p in cell)


@dataclass(frozen=True, slots=True)
class CategoryRows:
    category: Category
    rows: tuple[Row, ...]  # none when no chosen platform has a provision in the category
    #: the chosen platforms with no provision in the category at all
    absent: tuple[str, ...]


def align(cat: Catalog, platforms: Sequence[str], category: str | None = None) -> tuple[CategoryRows, ...]:
    """The rows of the chosen ``platforms`` (ids; the columns) in ``category``, or in every category.

    Every category is listed (in taxonomy order), those where no chosen platform
    has a provision with no row. Unknown platform ids and a repeated id raise
    ``ValueError``; so does an unknown category.
    """
    columns = tuple(platforms)
    unknown = [pid for pid in columns if pid not in cat.platforms]
    if unknown or len(set(columns)) != len(columns):
        raise ValueError(f"platforms must be distinct platform ids: {list(columns)}")
    if category is not None and category not in cat.categories:
        raise ValueError(f"unknown category {category!r}")
    chosen = [category] if category is not None else list(cat.categories)
    return tuple(_category_rows(cat, columns, cat.categories[cid]) for cid in chosen)


def _category_rows(cat: Catalog, columns: tuple[str, ...], category: Category) -> CategoryRows:
    place = {pid: i for i, pid in enumerate(columns)}
    listed = [p for p in cat.by_category.get(category.id, ()) if p.platform in place]
    position = {p.id: i for i, p in enumerate(listed)}  # the catalog's order, among those considered
    seen: set[str] = set()
    rows: list[Row] = []
    for start in sorted(listed, key=lambda p: (place[p.platform], position[p.id])):
        if start.id in seen:
            continue
        members = _component(cat, start, position)
        seen.update(members)
        rows.append(_row(cat, columns, [p for p in listed if p.id in members]))
    present = {p.platform for p in listed}
    return CategoryRows(category=category, rows=tuple(rows), absent=tuple(pid for pid in columns if pid not in present))


def _links(cat: Catalog, p: Provision, considered: dict[str, int]) -> list[AnalogueLink]:
    return [link for link in cat.analogues.get(p.id, ()) if link.other.id in considered]


def _component(cat: Catalog, start: Provision, considered: dict[str, int]) -> set[str]:
    """The ids of the provisions considered that links join to ``start``, through provisions considered only."""
    found = {start.id}
    todo = [start]
    while todo:
        for link in _links(cat, todo.pop(), considered):
            if link.other.id not in found:
                found.add(link.other.id)
                todo.append(link.other)
    return found


def _row(cat: Catalog, columns: tuple[str, ...], members: list[Provision]) -> Row:
    """One row of ``members`` (in the catalog's order)."""
    cells = tuple(tuple(p for p in members if p.platform == pid) for pid in columns)
    inside = {p.id: i for i, p in enumerate(members)}
    ordered = [p for cell in cells for p in cell]
    relations = tuple(Relation(p, link.relation, link.other) for p in ordered for link in _links(cat, p, inside))
    missing = tuple(pid for pid, cell in zip(columns, cells, strict=True) if not cell)
    return Row(cells=cells, missing=missing, relations=relations)
