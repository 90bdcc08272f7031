"""The catalog: analogues two-way with the relation inverted, and the reverse indexes."""

from __future__ import annotations

from pathlib import Path

from .conftest import catalog


def test_analogues_are_two_way_and_inverted(basic: Path) -> None:
    cat = catalog(basic)
    acme = [(link.other.id, link.relation, link.note) for link in cat.analogues["acme/csam-generation"]]
    globex = [(link.other.id, link.relation, link.note) for link in cat.analogues["globex/minors"]]
    assert acme == [("globex/minors", "stricter", "Acme also covers stylized output.")]
    assert globex == [("acme/csam-generation", "looser", "Acme also covers stylized output.")]
    assert [link.relation for link in cat.analogues["initech/extremism"]] == ["equivalent"]


def test_reverse_indexes(basic: Path) -> None:
    cat = catalog(basic)
    assert [p.id for p in cat.by_category["child-safety"]] == ["acme/csam-generation", "globex/minors"]
    assert [p.id for p in cat.by_category["violent-extremism"]] == [
        "globex/minors",
        "globex/terrorism",
        "initech/extremism",
    ]
    assert [p.id for p in cat.by_platform["acme"]] == ["acme/csam-generation", "acme/no-extraction"]
    assert [p.id for p in cat.by_jurisdiction["EU"]] == ["acme/csam-generation", "globex/minors"]
    assert [p.id for p in cat.by_law["usc-2258a"]] == ["acme/csam-generation"]
    assert [(f.report.id, f.figure.value) for f in cat.by_metric["ncmec-reports"]] == [("acme/integrity-2024-2025", 13)]


def test_ordering_and_coverage(basic: Path) -> None:
    cat = catalog(basic)
    assert list(cat.platforms) == ["acme", "globex", "initech"]  # by name
    assert [(g, [c.id for c in cs]) for g, cs in cat.groups] == [
        ("Safety", ["child-safety", "violent-extremism"]),
        ("", ["model-extraction"]),
    ]
    assert [p.id for p in cat.platforms_in_category("violent-extremism")] == ["globex", "initech"]
    assert [c.id for c in cat.covered_categories("globex")] == ["child-safety", "violent-extremism"]
    assert str(cat.latest_review()) == "2026-11-01"
