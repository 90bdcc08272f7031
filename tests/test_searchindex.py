"""Search by build: Pagefind on the hosted site, Material's lunr in the offline export (decision 0006)."""

from __future__ import annotations

import json
import re
import subprocess
import threading
import zipfile
from pathlib import Path

import pytest

from generator.diagnostics import format_build_message
from generator.render import urls
from generator.site import searchindex
from generator.site.build import INDEX_AND_CHECK, Project, build
from generator.site.export import export
from generator.site.searchparts import SearchParts

from .conftest import REPO, pagefind_fragments

TEMPLATES = REPO / "site_templates"


def fragments(site: Path) -> dict[str, str]:
    """What Pagefind indexed, by URL: the text of its fragments."""
    return {fragment["url"]: fragment["content"] for fragment in pagefind_fragments(site)}


def test_hosted_build_is_searched_by_pagefind_only(basic: Path) -> None:
    result = build(Project(basic))
    assert result.ok, result.messages
    site = basic / "site"
    bundle = site / searchindex.PAGEFIND_BUNDLE
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert not (site / "search").exists()  # no lunr index for a browser to download whole
    assert not [name for name in searchindex.PAGEFIND_UNUSED if (bundle / name).exists()]

    # only the articles marked for it are indexed; the editors' maintenance page and the 404 page are not
    marked = {
        "/" + p.relative_to(site).as_posix().removesuffix("index.html")
        for p in site.rglob("*.html")
        if "data-pagefind-body" in p.read_text(encoding="utf-8")
    }
    text = fragments(site)
    urls_indexed = set(text)
    assert urls_indexed == marked
    assert "/provisions/acme/csam-generation/" in urls_indexed
    assert f"/{urls.url_path(urls.MAINTENANCE, True)}" not in urls_indexed
    assert "data-pagefind-body" not in (site / "404.html").read_text(encoding="utf-8")
    # a provision is found by its own words: not by its permalink signs, nor by the
    # other platforms' provisions it points to ("How other platforms handle this")
    provision = text["/provisions/acme/csam-generation/"]
    assert "How other platforms handle this" in provision and "found on" not in provision
    assert "¶" not in provision
    # nor by what every provision page says in the same words (searchindex.PAGEFIND_BOILERPLATE)
    assert "Prohibits using the models" in provision  # its summary
    for boilerplate in ("not legal advice", "BibTeX", "Awaiting review", "Follow this provision", "Edit this record"):
        assert boilerplate not in provision
    japanese = text["/ja/provisions/acme/csam-generation/"]
    assert "翻訳" not in japanese  # the note on its translation (the Japanese tree's boilerplate)
    # a hub is found by its own words, not by the listings of other records it holds
    category = text["/categories/child-safety/"]
    assert "Prohibitions on generating" in category  # its description
    platform = text["/platforms/acme/"]
    for title in ("No model extraction", "No sexual content involving minors"):
        assert title not in category and title not in platform
        assert any(title in t for url, t in text.items() if url.startswith("/provisions/"))
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(urls_indexed)

    # the header's search field is drawn for Pagefind, without Material's lunr machinery
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-atlas-pagefind="pagefind/pagefind.js"' in home
    assert 'data-md-component="search"' not in home and 'name="search"' not in home
    assert (site / "assets/pagefind-search.js").is_file()

    # the index is written beside the link check, the last stage of the build; each is timed
    assert list(result.timings)[3:] == ["engine", searchindex.SEARCH_INDEX_STAGE, "link check", INDEX_AND_CHECK]
    assert result.timings[searchindex.SEARCH_INDEX_STAGE] > 0
    assert not list(site.parent.glob(".search-*"))  # the bundle was moved into the site


def test_the_index_made_page_by_page_is_the_one_pagefind_makes_of_the_finished_site(
    basic: Path, tmp_path: Path
) -> None:
    from pagefind_bin_extended import get_executable  # the build the service runs (Japanese segmented)

    assert build(Project(basic)).ok
    site = basic / "site"
    command = [str(get_executable()), "--site", str(site), "--output-path", str(tmp_path / "cli" / "pagefind")]
    command += ["--exclude-selectors", ", ".join(searchindex.PAGEFIND_EXCLUDE), "--quiet"]
    subprocess.run(command, check=True, cwd=tmp_path, capture_output=True)
    streamed, whole = pagefind_fragments(site), pagefind_fragments(tmp_path / "cli")
    assert len(streamed) > 20
    assert sorted(streamed, key=lambda f: f["url"]) == sorted(whole, key=lambda f: f["url"])


def test_what_the_index_leaves_out_is_written_by_the_templates() -> None:
    """A renamed class would put its boilerplate back into every page's index, silently: each selector
    left out names an element or a class that a template writes."""
    written = "\n".join(p.read_text(encoding="utf-8") for p in TEMPLATES.rglob("*") if p.suffix in {".j2", ".html"})
    classes = set(re.findall(r'class="([^"{}]*)', written))
    names = {name for value in classes for name in value.split()}
    for selector in searchindex.PAGEFIND_EXCLUDE:
        if selector.startswith("."):
            assert selector[1:] in names or selector == ".headerlink", selector  # the engine's permalinks
        else:
            assert f"<{selector}>" in written, selector


def test_an_index_in_a_piece_per_tree_is_the_one_of_one_process(basic: Path, tmp_path: Path) -> None:
    """generator.site.searchparts: each tree indexed by a Pagefind of its own, the pieces put together."""
    assert build(Project(basic)).ok
    site = basic / "site"
    pages = [(p.relative_to(site).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))]
    with searchindex.SearchIndex.open() as one:
        for path, html in pages:
            one.add(path, html)
        assert one.write(tmp_path / "one") == ()
    with SearchParts.open(["", "ja/"]) as parts:
        for path, html in pages:
            parts.add(path, html)
        assert parts.write(tmp_path / "parts") == ()
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert len(files) > 20 and files == sorted(
        p.relative_to(tmp_path / "parts") for p in (tmp_path / "parts").rglob("*") if p.is_file()
    )
    assert [(tmp_path / "parts" / f).read_bytes() for f in files] == [
        (tmp_path / "one" / f).read_bytes() for f in files
    ]
    assert not list(tmp_path.glob("parts-part-*"))  # the pieces were moved in


class _Piece:
    """A stand-in for one tree's Pagefind: notes when it is written, and whether the first piece was by then."""

    def __init__(self, said: list[str], first: threading.Event, fails: bool = False) -> None:
        self.said, self.first, self.fails = said, first, fails

    def write(self, piece: Path) -> tuple[()]:
        self.said.append(f"{piece.name} (first written: {self.first.is_set()})")
        if self.fails:
            raise OSError("disk full")
        piece.mkdir()
        (piece / searchindex.PAGEFIND_ENTRY).write_text("{}")
        return ()

    def stop(self) -> None:
        pass


def test_the_first_piece_written_is_told_and_so_is_a_failure(tmp_path: Path) -> None:
    """The build checks its links once the first tree's piece is written (generator.site.build), and never waits
    for a piece that failed."""
    said: list[str] = []
    first = threading.Event()
    pieces = [("", _Piece(said, first)), ("ja/", _Piece(said, first))]
    assert SearchParts(pieces).write(tmp_path / "bundle", first) == () and first.is_set()  # type: ignore[arg-type]  # a stand-in
    assert said == ["bundle-part-0 (first written: False)", "bundle-part-1 (first written: True)"]
    failing = threading.Event()
    with pytest.raises(OSError, match="disk full"):
        SearchParts([("", _Piece([], failing, fails=True))]).write(tmp_path / "other", failing)  # type: ignore[list-item]  # a stand-in
    assert failing.is_set()


@pytest.mark.parametrize(
    ("path", "url"),
    [
        ("index.html", "/"),
        ("provisions/acme/x/index.html", "/provisions/acme/x/"),
        ("404.html", "/404.html"),
        ("notindex.html", "/notindex.html"),
    ],
)
def test_page_url_is_the_command_lines(path: str, url: str) -> None:
    assert searchindex.page_url(path) == url


def test_offline_export_keeps_lunr_and_ships_no_pagefind(basic: Path, tmp_path: Path) -> None:
    result = export(Project(basic), tmp_path / "dist", environ={})
    assert result.ok and result.path is not None
    with zipfile.ZipFile(result.path) as zf:
        names = [n.split("/", 1)[1] for n in zf.namelist()]
        home = zf.read(next(n for n in zf.namelist() if n.endswith("/index.html") and n.count("/") == 1)).decode()
    assert "search/search_index.js" in names
    assert not [n for n in names if n.startswith(searchindex.PAGEFIND_BUNDLE)]
    assert 'data-md-component="search"' in home and "data-atlas-pagefind" not in home
    assert "data-pagefind-body" not in home
    assert searchindex.SEARCH_INDEX_STAGE not in result.build.timings


def test_a_failing_index_fails_the_build_and_keeps_the_old_site(basic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert build(Project(basic)).ok
    before = (basic / "site/index.html").read_bytes()
    monkeypatch.setattr(searchindex, "PAGEFIND_EXCLUDE", ("[[not a selector",))
    result = build(Project(basic))
    assert not result.ok
    # one message for every page Pagefind could not take, naming the first
    first = format_build_message(result.messages[0])
    assert first.startswith("pagefind: error: could not index / (and "), result.messages
    assert (basic / "site/index.html").read_bytes() == before
