"""The page cache: a page comes from the cache only when rendering it again would give the same Markdown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.project import Project, check
from generator.relate.catalog import build_catalog
from generator.render.page import RenderStats
from generator.render.pagecache import Digester
from generator.render.runner import render_pages
from tests.conftest import render_options

OPTIONS = render_options(today=dt.date(2026, 11, 2))


def render(root: Path, *, cache: bool = True, workers: int = 1) -> tuple[dict[str, str], RenderStats]:
    project = Project(root)
    result = check(project)
    assert result.ok, result.diagnostics
    stats: list[RenderStats] = []
    pages = render_pages(
        build_catalog(result.records),
        project.templates,
        OPTIONS,
        workers=workers,
        cache=project.cache if cache else None,
        stats=stats,
    )
    return {p.src: p.content for p in pages}, stats[0]


def test_second_run_takes_every_page_from_the_cache(basic: Path) -> None:
    first, cold = render(basic)
    second, warm = render(basic)
    assert cold.from_cache == 0 and cold.pages > 20
    assert warm == type(warm)(cold.pages, cold.pages)
    assert second == first
    assert list((basic / ".cache" / "atlas").glob("pages-dir-*.pickle"))


def test_an_edit_renders_again_exactly_the_pages_it_changes(basic: Path) -> None:
    render(basic)
    record = basic / "provisions" / "acme" / "no-extraction.yaml"
    record.write_text(record.read_text().replace("title: ", "title: Edited ", 1))
    cached, stats = render(basic)
    fresh, _ = render(basic, cache=False)
    assert cached == fresh  # the cache never serves a stale page
    assert 0 < stats.pages - stats.from_cache < stats.pages
    assert "Edited" in cached["provisions/acme/no-extraction.md"]


def test_pages_reading_the_whole_catalog_follow_any_change(basic: Path) -> None:
    render(basic)
    before, _ = render(basic)
    source = basic / "provisions" / "initech" / "extremism.yaml"
    (source.parent / "added.yaml").write_text(source.read_text().replace("title: ", "title: Added ", 1))
    cached, _ = render(basic)
    fresh, _ = render(basic, cache=False)
    assert cached == fresh
    assert "provisions/initech/added.md" in cached
    assert cached["index.md"] != before["index.md"]  # the home page counts the provisions


def test_a_template_change_renders_everything_again(basic: Path) -> None:
    render(basic)
    template = basic / "site_templates" / "pages" / "provision.md.j2"
    template.write_text(template.read_text() + "\n")
    _, stats = render(basic)
    assert stats.from_cache == 0


def test_an_unreadable_cache_is_ignored(basic: Path) -> None:
    first, _ = render(basic)
    for path in (basic / ".cache" / "atlas").glob("pages-*.pickle"):
        path.write_bytes(b"not a pickle")
    again, stats = render(basic)
    assert again == first and stats.from_cache == 0


def test_parallel_workers_use_the_cache_too(basic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.render.runner.PARALLEL_MIN_PAGES", 1)  # fork even for the small fixture
    first, _ = render(basic, workers=2)
    second, stats = render(basic, workers=2)
    assert second == first and stats.from_cache == stats.pages


def test_digests_are_by_value_and_stable() -> None:
    from generator.read.model import Category, Origin

    a = Category(id="x", title="X", description="d", group="g", origin=Origin("content/categories.yaml", 0))
    b = Category(id="x", title="X", description="d", group="g", origin=Origin("content/categories.yaml", 0))
    c = Category(id="x", title="Y", description="d", group="g", origin=Origin("content/categories.yaml", 0))
    digester = Digester()
    assert digester.digest(a) == Digester().digest(b)
    assert digester.digest(a) != digester.digest(c)
    assert digester.digest({"k": (a, 1)}) == Digester().digest({"k": (b, 1)})


def test_removing_a_prose_page_renders_the_pages_linking_to_it(basic: Path) -> None:
    before, _ = render(basic)
    (basic / "content" / "pages" / "methodology.md").unlink()  # status badges link to it when present
    cached, _ = render(basic)
    fresh, _ = render(basic, cache=False)
    assert cached == fresh
    page = "provisions/acme/no-extraction.md"
    assert "methodology" in before[page] and "methodology" not in cached[page]


EDITS = [
    ("content/categories.yaml", "title: Violent extremism", "title: Violent extremism (edited)"),
    ("content/jurisdictions.yaml", "name: United States", "name: United States of America"),
    ("content/jurisdictions.yaml", "title: PROTECT Act of 2003", "title: PROTECT Act (edited)"),
    ("content/metrics.yaml", "title: Reports sent to NCMEC", "title: Reports to NCMEC (edited)"),
    ("content/platforms/acme.yaml", "name: Acme AI", "name: Acme Intelligence"),
    ("content/platforms/acme.yaml", "title: Acceptable Use Policy", "title: Usage Rules"),
    ("provisions/globex/terrorism.yaml", "title: ", "title: Edited "),
    ("content/pages/about.md", "", "Edited prose.\n"),
]


@pytest.mark.parametrize(("path", "old", "new"), EDITS, ids=[f"{e[0]}:{e[2]}" for e in EDITS])
def test_any_edit_gives_what_a_fresh_render_gives(basic: Path, path: str, old: str, new: str) -> None:
    render(basic)
    target = basic / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text + new if not old else text.replace(old, new, 1), encoding="utf-8")
    cached, stats = render(basic)
    fresh, _ = render(basic, cache=False)
    assert cached == fresh
    assert stats.from_cache < stats.pages  # something was rendered again


def test_a_library_upgrade_renders_everything_again(basic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    from generator import cachefile

    render(basic)
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "99.0" if name == "nh3" else real(name))
    cachefile.package_digest.cache_clear()
    try:
        _, stats = render(basic)
    finally:
        cachefile.package_digest.cache_clear()
    assert stats.from_cache == 0


def test_templates_reach_the_whole_catalog_only_through_page_cat() -> None:
    """``page.cat`` is noted when read (the page is then cached against the whole catalog); ``page.catalog`` is not."""
    templates = Path(__file__).resolve().parent.parent / "site_templates" / "pages"
    for template in templates.glob("*.j2"):
        assert ".catalog" not in template.read_text(encoding="utf-8"), template.name
