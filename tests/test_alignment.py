"""Side by side: rows of the chosen platforms' provisions, joined by analogue links, by category."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.project import Project, check
from generator.read.model import Analogue, Provision
from generator.relate.alignment import CategoryRows, align
from generator.relate.catalog import Catalog, build_catalog

from .conftest import catalog

#: The invented provisions below, by id: categories, and analogues as the record states them.
SPECS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = {
    "acme/a1": (("child-safety",), (("globex/g1", "stricter"),)),
    "acme/a2": (("child-safety",), ()),
    "acme/a3": (("child-safety", "violent-extremism"), (("initech/i1", "related"),)),
    "globex/g1": (("child-safety",), (("initech/i2", "equivalent"),)),
    "globex/g2": (("child-safety",), (("acme/a1", "equivalent"),)),  # a second globex one in a1's row
    "globex/g3": (("violent-extremism",), (("acme/a3", "equivalent"),)),  # not in child-safety
    "initech/i1": (("child-safety",), ()),
    "initech/i2": (("child-safety",), ()),
}


def _catalog(basic: Path) -> Catalog:
    result = check(Project(basic))
    assert result.ok
    model = result.records.provisions[0]
    provisions = tuple(_provision(model, pid, *spec) for pid, spec in SPECS.items())
    return build_catalog(dataclasses.replace(result.records, provisions=provisions))


def _provision(
    model: Provision, pid: str, categories: tuple[str, ...], links: tuple[tuple[str, str], ...]
) -> Provision:
    platform, slug = pid.split("/")
    return dataclasses.replace(
        model,
        id=pid,
        platform=platform,
        slug=slug,
        title=f"Title of {pid}",
        categories=categories,
        analogues=tuple(Analogue(other, relation, None) for other, relation in links),
    )


def _ids(found: CategoryRows) -> list[list[list[str]]]:
    return [[[p.id for p in cell] for cell in row.cells] for row in found.rows]


def test_linked_provisions_share_a_row_and_unlinked_ones_have_their_own(basic: Path) -> None:
    (found,) = align(_catalog(basic), ["acme", "globex", "initech"], "child-safety")
    assert found.category.id == "child-safety"
    assert _ids(found) == [
        [["acme/a1"], ["globex/g1", "globex/g2"], ["initech/i2"]],  # a1–g1–i2 through g1, g2 linked to a1
        [["acme/a2"], [], []],
        [["acme/a3"], [], ["initech/i1"]],
    ]
    assert [row.missing for row in found.rows] == [(), ("globex", "initech"), ("globex",)]
    assert found.absent == ()


def test_relations_are_read_from_each_side(basic: Path) -> None:
    (found,) = align(_catalog(basic), ["acme", "globex"], "child-safety")
    first = found.rows[0]
    assert [(r.source.id, r.relation, r.target.id) for r in first.relations] == [
        ("acme/a1", "stricter", "globex/g1"),
        ("acme/a1", "equivalent", "globex/g2"),
        ("globex/g1", "looser", "acme/a1"),
        ("globex/g2", "equivalent", "acme/a1"),
    ]
    assert [p.id for p in first.provisions] == ["acme/a1", "globex/g1", "globex/g2"]


def test_links_through_a_platform_not_chosen_do_not_join(basic: Path) -> None:
    """g1 joins a1 to i2; without globex they are apart."""
    (found,) = align(_catalog(basic), ["acme", "initech"], "child-safety")
    assert _ids(found) == [
        [["acme/a1"], []],
        [["acme/a2"], []],
        [["acme/a3"], ["initech/i1"]],
        [[], ["initech/i2"]],
    ]
    assert [row.missing for row in found.rows] == [("initech",), ("initech",), (), ("acme",)]
    assert found.rows[2].relations[0].relation == "related"


def test_columns_follow_the_order_given_and_rows_start_from_the_first_column(basic: Path) -> None:
    (found,) = align(_catalog(basic), ["initech", "acme"], "child-safety")
    assert _ids(found) == [
        [["initech/i1"], ["acme/a3"]],
        [["initech/i2"], []],
        [[], ["acme/a1"]],
        [[], ["acme/a2"]],
    ]


def test_links_outside_the_category_do_not_join(basic: Path) -> None:
    cat = _catalog(basic)
    (child,) = align(cat, ["acme", "globex"], "child-safety")
    assert all("globex/g3" not in [p.id for p in row.provisions] for row in child.rows)
    (extremism,) = align(cat, ["acme", "globex"], "violent-extremism")
    assert _ids(extremism) == [[["acme/a3"], ["globex/g3"]]]


def test_every_category_and_the_platforms_absent_from_it(basic: Path) -> None:
    found = align(_catalog(basic), ["globex", "initech"])
    assert [c.category.id for c in found] == ["child-safety", "violent-extremism", "model-extraction"]
    child, extremism, extraction = found
    assert _ids(extremism) == [[["globex/g3"], []]] and extremism.absent == ("initech",)
    assert extraction.rows == () and extraction.absent == ("globex", "initech")
    assert _ids(child) == [[["globex/g1"], ["initech/i2"]], [["globex/g2"], []], [[], ["initech/i1"]]]


def test_the_fixture_corpus(basic: Path) -> None:
    """acme/csam-generation is stricter than globex/minors: one row, the relation both ways."""
    (found,) = align(catalog(basic), ["acme", "globex"], "child-safety")
    (row,) = found.rows
    assert [[p.id for p in cell] for cell in row.cells] == [["acme/csam-generation"], ["globex/minors"]]
    assert [(r.source.id, r.relation) for r in row.relations] == [
        ("acme/csam-generation", "stricter"),
        ("globex/minors", "looser"),
    ]


@pytest.mark.parametrize(
    ("platforms", "category"),
    [(["acme", "nobody"], None), (["acme", "acme"], None), (["acme", "globex"], "no-such-category")],
)
def test_unknown_or_repeated_choices_are_refused(basic: Path, platforms: list[str], category: str | None) -> None:
    with pytest.raises(ValueError):
        align(catalog(basic), platforms, category)
