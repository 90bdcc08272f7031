"""The whole pipeline through the engine: a strict build, links checked, old site kept on failure."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.project import Project
from generator.site.build import build

from .conftest import tree_digest

Write = Callable[[str, str | bytes], Path]


def test_build_writes_every_page_kind(basic: Path) -> None:
    result = build(Project(basic))
    assert result.ok, result.messages
    assert result.messages == ()  # strict: not a single engine warning
    site = basic / "site"
    for page in (
        "index.html",
        "categories/index.html",
        "categories/child-safety/index.html",
        "platforms/acme/index.html",
        "provisions/acme/csam-generation/index.html",
        "jurisdictions/us/index.html",
        "matrix/index.html",
        "compare/index.html",
        "assets/compare.js",  # the compare page's script, and its data made by the build
        "assets/compare-data.js",
        "transparency/ncmec-reports/index.html",
        "methodology/index.html",
        "embed/child-safety/index.html",  # copied through: a generated file, not a page of the theme
        "assets/print.css",
        "assets/atlas.css",
        "pagefind/pagefind.js",  # the hosted search (Material's lunr index is the offline export's)
    ):
        assert (site / page).is_file(), page
    html = (site / "provisions/acme/csam-generation/index.html").read_text()
    assert "<title>No sexual content involving minors - Provision Atlas</title>" in html
    # detail pages are not in the navigation: the provision page carries hub links only
    assert 'href="../../../categories/"' in html
    assert "globex/terrorism/" not in (site / "index.html").read_text()


def test_failed_check_writes_nothing(basic: Path, write: Write) -> None:
    assert build(Project(basic)).ok
    before = tree_digest(basic / "site")
    docs_before = tree_digest(basic / "build")
    write("provisions/acme/csam-generation.yaml", "title: [broken\n")
    result = build(Project(basic))
    assert not result.ok and not result.checked
    assert tree_digest(basic / "site") == before
    assert tree_digest(basic / "build") == docs_before


def test_failed_engine_or_link_check_keeps_the_old_site(basic: Path, write: Write) -> None:
    assert build(Project(basic)).ok
    before = tree_digest(basic / "site")
    write("content/pages/about.md", "# About\n\nSee [nowhere](nowhere.md).\n")
    result = build(Project(basic))
    assert result.checked and not result.ok
    assert any("nowhere.md" in m.text for m in result.messages)
    assert tree_digest(basic / "site") == before
    assert not list(basic.glob(".site-*"))  # no staging folder left behind


def test_the_replaced_site_is_deleted_by_a_process_the_build_does_not_wait_for(
    basic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new site is in place when the build returns; the old one, and one a killed deletion left, are deleted
    by a detached process (unlinking 130,000 files took 10 s at the end of a build at 10,000 provisions)."""
    from generator.site import build as build_module

    assert build(Project(basic)).ok
    left = basic / ".site-old-killed" / "site"
    left.mkdir(parents=True)
    (left / "index.html").write_text("a deletion was killed here", encoding="utf-8")
    deleting: list[Any] = []
    monkeypatch.setattr(build_module, "_DELETING", deleting)
    assert build(Project(basic)).ok
    assert (basic / "site/index.html").is_file()
    assert len(deleting) == 1  # both old folders, in one process
    folders = {Path(arg).name for arg in deleting[0].args if ".site-old-" in str(arg)}
    assert len(folders) == 2 and ".site-old-killed" in folders
    assert deleting[0].wait(timeout=60) == 0
    assert not list(basic.glob(".site-*"))


def test_the_engine_starts_without_the_render_s_memos(basic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fields' HTML and the versions' changes, remembered for the render, are let go of before the engine runs
    (its allocations reuse the room: generator.site.trees.let_go)."""
    from generator.read.markup import render_markdown
    from generator.relate import documents
    from generator.site import build as build_module

    real = build_module._engine_stage
    seen: list[int] = []

    def engine_stage(*args: Any, **kwargs: Any) -> Any:
        seen.append(render_markdown.cache_info().currsize + len(documents._CHANGED))
        return real(*args, **kwargs)

    render_markdown("Rendered *before* the engine.")
    documents._CHANGED[("a", "b")] = ((), False)
    monkeypatch.setattr(build_module, "_engine_stage", engine_stage)
    assert build(Project(basic)).ok
    assert seen == [0]


def test_the_records_are_let_go_of_before_the_search_index_is_written(
    basic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind's write is the build's peak of memory: by then the build holds no record (BuildResult keeps the
    check's diagnostics only)."""
    from generator.read.model import Records
    from generator.site import build as build_module

    checked: list[int] = []
    alive: list[bool] = []
    real_check, real_last = build_module.check, build_module._index_and_check

    def check(project: Project, **kwargs: Any) -> Any:
        result = real_check(project, **kwargs)
        checked.append(id(result.records))
        return result

    def last_stage(*args: Any, **kwargs: Any) -> Any:
        gc.collect()
        alive.append(any(id(o) == checked[0] and isinstance(o, Records) for o in gc.get_objects()))
        return real_last(*args, **kwargs)

    monkeypatch.setattr(build_module, "check", check)
    monkeypatch.setattr(build_module, "_index_and_check", last_stage)
    result = build(Project(basic))
    assert result.ok and result.checked and alive == [False]


def test_build_into_another_folder(basic: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere"
    assert build(Project(basic), out=out).ok
    assert (out / "index.html").is_file()
    assert not (basic / "site").exists()


def test_a_site_in_english_alone_has_no_japanese_tree_and_no_switch_to_one(basic: Path) -> None:
    config = basic / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\n  atlas:\n", "\n  atlas:\n    languages: [en]\n", 1), encoding="utf-8")
    result = build(Project(basic))
    assert result.ok, result.messages[:3]  # no link into a tree that is not built
    site = basic / "site"
    assert not (site / "ja").exists()
    page = (site / "provisions" / "acme" / "csam-generation" / "index.html").read_text(encoding="utf-8")
    assert "hreflang" not in page and "日本語" not in page
