"""Rendering: golden output for the fixture corpus; regenerate with `make golden`."""

from __future__ import annotations

import os
import pickle
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from markupsafe import Markup

from bench.corpus import SHAPES, write_corpus
from generator.project import Project, check
from generator.read.model import Provision
from generator.relate.catalog import build_catalog
from generator.render.kinds.provision import Lines
from generator.render.page import RenderedPage
from generator.render.runner import SupersededError, render_first, render_pages
from generator.render.writer import Written, nav, write_docs, write_first
from generator.settings import AtlasSettings
from tests.conftest import render_options

from .conftest import TODAY

GOLDEN = Path(__file__).resolve().parent / "golden" / "basic"
UPDATE = bool(os.environ.get("ATLAS_UPDATE_GOLDEN"))


def rendered(root: Path, directory_urls: bool = True) -> dict[str, str]:
    result = check(Project(root))
    assert result.ok
    options = render_options(directory_urls, settings=AtlasSettings(), today=TODAY)  # default settings, no edit links
    pages = render_pages(build_catalog(result.records), Project(root).templates, options)
    return {p.src: p.content for p in pages}


def test_golden_pages(basic: Path) -> None:
    pages = rendered(basic)
    if UPDATE:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for src, content in pages.items():
            (GOLDEN / src).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / src).write_bytes(content.encode("utf-8"))  # CSV keeps its CRLF
        pytest.skip("golden output regenerated")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8") for p in GOLDEN.rglob("*") if p.is_file()
    }
    assert sorted(pages) == sorted(expected), "pages added or removed: run `make golden` and review the diff"
    for src, content in pages.items():
        assert content == expected[src], f"{src} differs from tests/golden/basic/{src}: run `make golden` and review"


def test_every_page_kind_is_rendered(basic: Path) -> None:
    assert sorted(src for src in rendered(basic) if src.endswith(".md")) == [
        "about.md",
        "categories/child-safety.md",
        "categories/index.md",
        "categories/model-extraction.md",
        "categories/violent-extremism.md",
        "changes.md",
        "compare.md",
        "data/index.md",
        "documents/acme/aup.md",
        "documents/acme/transparency-2025.md",
        "documents/globex/terms.md",
        "documents/initech/usage.md",
        "format.md",
        "index.md",
        "jurisdictions/eu.md",
        "jurisdictions/index.md",
        "jurisdictions/us.md",
        "maintenance.md",
        "matrix.md",
        "methodology.md",
        "platforms/acme.md",
        "platforms/globex.md",
        "platforms/index.md",
        "platforms/initech.md",
        "provisions/acme/csam-generation.md",
        "provisions/acme/no-extraction.md",
        "provisions/globex/minors.md",
        "provisions/globex/terrorism.md",
        "provisions/initech/extremism.md",
        "translations.md",
        "transparency/index.md",
        "transparency/models-red-teamed.md",
        "transparency/ncmec-reports.md",
    ]


def test_generated_files_beside_the_pages(basic: Path) -> None:
    assert sorted(src for src in rendered(basic) if not src.endswith(".md")) == [
        "assets/compare-data.js",
        "data/atlas.json",
        "data/atlas.schema.json",
        "data/provisions.csv",
        "data/provisions/acme/csam-generation.json",
        "data/provisions/acme/no-extraction.json",
        "data/provisions/globex/minors.json",
        "data/provisions/globex/terrorism.json",
        "data/provisions/initech/extremism.json",
        "embed/child-safety/index.html",
        "embed/model-extraction/index.html",
        "embed/violent-extremism/index.html",
        "feeds/atlas.xml",
        "feeds/categories/child-safety.xml",
        "feeds/categories/model-extraction.xml",
        "feeds/categories/sitemap.xml",
        "feeds/categories/violent-extremism.xml",
        "feeds/platforms/acme.xml",
        "feeds/platforms/globex.xml",
        "feeds/platforms/initech.xml",
        "feeds/platforms/sitemap.xml",
        "feeds/provisions/acme/csam-generation.xml",
        "feeds/provisions/acme/no-extraction.xml",
        "feeds/provisions/acme/sitemap.xml",
        "feeds/provisions/globex/minors.xml",
        "feeds/provisions/globex/sitemap.xml",
        "feeds/provisions/globex/terrorism.xml",
        "feeds/provisions/initech/extremism.xml",
        "feeds/provisions/initech/sitemap.xml",
        "feeds/sitemap.xml",
        "provisions/globex/terror/index.html",
        "provisions/globex/violent-extremism/index.html",
    ]


def test_category_page_lists_every_platform(basic: Path) -> None:
    page = rendered(basic)["categories/model-extraction.md"]
    assert page.count("<em>No provision recorded.</em>") == 2
    assert '<a href="../../provisions/acme/no-extraction/">No model extraction</a>' in page


def test_the_compare_page_is_linked_from_home_and_each_category(basic: Path) -> None:
    pages = rendered(basic)
    assert '<a class="atlas-compare-link" href="compare/">Compare platforms side by side</a>' in pages["index.md"]
    category = pages["categories/model-extraction.md"]
    assert (
        '<a class="atlas-compare-link" href="../../compare/#category=model-extraction">Compare platforms side by side'
        in category
    )
    offline = rendered(basic, directory_urls=False)["categories/child-safety.md"]
    assert 'href="../compare.html#category=child-safety"' in offline


def test_the_compare_page_offers_every_platform_and_category(basic: Path) -> None:
    page = rendered(basic)["compare.md"]
    boxes = re.findall(r'<input type="checkbox" id="[^"]+" name="platform" value="([^"]+)">', page)
    assert boxes == ["acme", "globex", "initech"]
    assert re.findall(r'<option value="([^"]+)">', page) == [
        "all",
        "child-safety",
        "violent-extremism",
        "model-extraction",
    ]
    assert '<p class="atlas-compare-status" id="atlas-compare-status" role="status"' in page
    assert page.index('src="../assets/compare-data.js"') < page.index('src="../assets/compare.js"')
    assert '<span data-relation="stricter">Stricter than</span>' in page


def test_provision_page_shows_analogue_from_both_sides(basic: Path) -> None:
    pages = rendered(basic)
    assert 'atlas-relation-stricter">stricter<' in pages["provisions/acme/csam-generation.md"]
    assert 'atlas-relation-looser">looser<' in pages["provisions/globex/minors.md"]
    assert "found on <strong>2 of 3</strong> platforms" in pages["provisions/acme/csam-generation.md"]


def test_metric_page_says_not_reported(basic: Path) -> None:
    page = rendered(basic)["transparency/ncmec-reports.md"]
    assert page.count("<em>Not reported.</em>") == 2
    assert "<td>13</td> <td>2024-04-01 to 2025-04-30</td>" in page


def test_file_urls_for_offline_use(basic: Path) -> None:
    page = rendered(basic, directory_urls=False)["provisions/acme/csam-generation.md"]
    assert 'href="../../platforms/acme.html"' in page


def test_title_is_plain_text_everywhere(basic: Path, write) -> None:  # type: ignore[no-untyped-def]
    path = basic / "provisions/initech/extremism.yaml"
    write(
        "provisions/initech/extremism.yaml",
        path.read_text().replace("title: Violent extremism", "title: '*Bold* <b>x</b> & [y](z)'"),
    )
    page = rendered(basic)["provisions/initech/extremism.md"]
    # front matter: JSON-quoted, and HTML-escaped once for the engine (render.engine_title)
    assert 'title: "*Bold* &lt;b&gt;x&lt;/b&gt; &amp; [y](z)"' in page
    assert "# \\*Bold\\* &lt;b&gt;x&lt;/b&gt; &amp; \\[y\\]\\(z\\)" in page


def test_a_same_category_line_is_rendered_once_and_as_each_page_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A provision page's list of other platforms' provisions: each line is rendered once for every page of the run
    (generator.render.kinds.provision.Lines), and the pages are those rendering it on each page gives."""
    write_corpus(tmp_path, 40, **SHAPES["tiny"])  # 4 platforms, 3 categories: pages share lines
    project = Project(tmp_path)
    cat = build_catalog(check(project).records)
    once = render_pages(cat, project.templates, render_options())
    rendered: list[str] = []

    def every_time(self: Lines, q: Provision, caller: Callable[[], Markup]) -> Markup:
        rendered.append(q.id)
        return caller()

    monkeypatch.setattr(Lines, "line", every_time)
    assert [p.data for p in render_pages(cat, project.templates, render_options())] == [p.data for p in once]
    assert len(rendered) > len(set(rendered)) > 1  # the fixture's pages share lines
    lines = Lines()
    lines.line(cat.provisions[rendered[0]], lambda: Markup("<li>x</li>"))
    assert pickle.dumps(lines) == pickle.dumps(Lines())  # a page's digest does not depend on the pages before it


def test_write_docs_touches_only_changed_files(basic: Path, tmp_path: Path) -> None:
    pages = render_pages(build_catalog(check(Project(basic)).records), Project(basic).templates, render_options())
    docs = tmp_path / "docs"
    assets = Project(basic).assets
    first = write_docs(pages, assets, docs)
    assert len(first) == len(pages) + len(list(assets.rglob("*.*"))) and first.reshaped  # every file new
    assert set(first.paths) == {p.src for p in pages} | {
        f"assets/{a.relative_to(assets).as_posix()}" for a in assets.rglob("*.*")
    }
    (docs / "stale.md").write_text("old")
    again = write_docs(pages, assets, docs)
    assert len(again) == 0 and again.reshaped  # the stale file removed
    assert not (docs / "stale.md").exists()
    assert not write_docs(pages, assets, docs).reshaped


def test_a_write_replaces_a_file_and_leaves_a_link_to_it_as_it_was(tmp_path: Path) -> None:
    """A built site holds hard links to the docs folder's files (generator.site.engine.shortcuts): writing a changed
    page makes a new file, so the site's link keeps the content it was built with."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    site.mkdir()
    write_docs([RenderedPage.of("data.json", "[1]")], tmp_path / "no-assets", docs)
    os.link(docs / "data.json", site / "data.json")
    write_docs([RenderedPage.of("data.json", "[2]")], tmp_path / "no-assets", docs)
    write_first([RenderedPage.of("data.json", "[3]")], docs)
    assert (docs / "data.json").read_text() == "[3]" and (site / "data.json").read_text() == "[1]"


def test_write_docs_makes_no_copy_of_the_pages(tmp_path: Path) -> None:
    """The pages are written as they are held (UTF-8), not copied first: a tree's pages encoded at once were a
    second copy of them (360 MB at 10,000 provisions, the render's peak of memory)."""
    import tracemalloc

    pages = [RenderedPage.of(f"p{n}.md", f"# Page {n} ・ {'x' * 100_000}\n") for n in range(100)]
    tracemalloc.start()
    try:
        write_docs(pages, tmp_path / "no-assets", tmp_path / "docs")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (tmp_path / "docs/p7.md").read_text(encoding="utf-8") == pages[7].content
    assert peak < 2_000_000  # 100 pages of 100 KB: 10 MB, were they all encoded at once


def test_write_docs_manifest_skips_reads_yet_sees_outside_edits(basic: Path, tmp_path: Path) -> None:
    pages = render_pages(build_catalog(check(Project(basic)).records), Project(basic).templates, render_options())
    docs, manifest = tmp_path / "docs", tmp_path / "cache" / "manifest.pickle"
    assets = Project(basic).assets
    assert len(write_docs(pages, assets, docs, manifest=manifest)) > 0 and manifest.is_file()
    assert len(write_docs(pages, assets, docs, manifest=manifest)) == 0
    home = docs / "index.md"
    original = home.read_bytes()
    home.write_bytes(original.replace(b"Provision", b"Provisiox"))  # same size, changed by someone else
    assert write_docs(pages, assets, docs, manifest=manifest).paths == ("index.md",)
    assert home.read_bytes() == original
    (docs / "deep" / "er").mkdir(parents=True)
    (docs / "deep" / "er" / "left.md").write_text("left over")
    manifest.write_bytes(b"garbage")  # an unreadable manifest: every file is compared instead
    assert len(write_docs(pages, assets, docs, manifest=manifest)) == 0
    assert not (docs / "deep").exists()


def test_nav_holds_hub_pages_only(basic: Path) -> None:
    result = check(Project(basic))
    assert nav(build_catalog(result.records)) == [
        {"Home": "index.md"},
        {"Categories": "categories/index.md"},
        {"Platforms": "platforms/index.md"},
        {"Coverage matrix": "matrix.md"},
        {"Compare": "compare.md"},
        {"Jurisdictions": "jurisdictions/index.md"},
        {"Transparency": "transparency/index.md"},
        {"Changes": "changes.md"},
        {
            "About": [
                {"About": "about.md"},
                {"Methodology": "methodology.md"},
                {"Record format": "format.md"},
                {"Open data": "data/index.md"},
                {"Maintenance": "maintenance.md"},
                {"Translation status": "translations.md"},
            ]
        },
    ]


def test_edit_links_point_at_the_record(basic: Path) -> None:
    result = check(Project(basic))
    options = render_options(settings=AtlasSettings(edit_base="https://example.org/repo/edit/main/"))
    pages = {p.src: p.content for p in render_pages(build_catalog(result.records), Project(basic).templates, options)}
    link = '<a href="https://example.org/repo/edit/main/{}" rel="noopener noreferrer">Edit this record</a>'
    assert link.format("provisions/acme/csam-generation.yaml") in pages["provisions/acme/csam-generation.md"]
    assert link.format("content/platforms/globex.yaml") in pages["platforms/globex.md"]
    assert link.format("content/categories.yaml") in pages["categories/child-safety.md"]
    assert "Edit this record" not in pages["index.md"]


def test_parallel_rendering_gives_the_same_pages(basic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.render.runner as render

    result = check(Project(basic))
    catalog = build_catalog(result.records)
    serial = render_pages(catalog, Project(basic).templates, render_options())
    monkeypatch.setattr(render, "PARALLEL_MIN_PAGES", 1)
    parallel = render_pages(catalog, Project(basic).templates, render_options(), workers=2)
    assert [(p.src, p.content) for p in parallel] == [(p.src, p.content) for p in serial]


def test_pages_rendered_first_are_those_render_pages_gives(basic: Path) -> None:
    cat = build_catalog(check(Project(basic)).records)
    options = render_options(settings=AtlasSettings(), today=TODAY)
    wanted = frozenset({"provisions/acme/no-extraction.md", "provisions/globex/terrorism.md", "index.md"})
    first = render_first(cat, Project(basic).templates, options, wanted)
    every = {p.src: p.content for p in render_pages(cat, Project(basic).templates, options)}
    assert sorted(p.src for p in first) == sorted(wanted)
    assert all(p.content == every[p.src] for p in first)


def test_a_render_whose_stop_turns_true_gives_way(basic: Path) -> None:
    cat = build_catalog(check(Project(basic)).records)
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 3  # given way the fourth time it is asked (before a kind of page, before a page)

    with pytest.raises(SupersededError):
        render_pages(cat, Project(basic).templates, render_options(), stop=stop)
    assert len(asked) == 4


def test_write_first_writes_the_pages_that_differ_and_removes_nothing(basic: Path, tmp_path: Path) -> None:
    pages = render_pages(build_catalog(check(Project(basic)).records), Project(basic).templates, render_options())
    docs = tmp_path / "docs"
    write_docs(pages, Project(basic).assets, docs)
    (docs / "other.md").write_text("left alone", encoding="utf-8")
    home = next(p for p in pages if p.src == "index.md")
    edited = RenderedPage.of(home.src, home.content + "\nEdited.\n")
    assert write_first([edited, pages[1]], docs) == Written(("index.md",))  # the other page is as it was
    assert (docs / "index.md").read_text(encoding="utf-8").endswith("\nEdited.\n")
    assert (docs / "other.md").is_file()
    assert write_first([edited], docs) == Written()
    assert write_first([RenderedPage.of("new.md", "# New\n")], docs) == Written(("new.md",), reshaped=True)
