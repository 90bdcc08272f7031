"""The built-site link checker finds missing pages and anchors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site import linkcheck
from generator.site.linkcheck import LinkScanner, check_links, scan_text


def test_broken_links_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="a/#gone">x</a><a href="b/">x</a>'
        '<a href="https://example.org/">external</a><a href="#top">x</a><a href="../up.html">x</a>'
    )
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">Here</h2><a href="../">home</a>')
    assert [str(b) for b in check_links(tmp_path)] == [
        "index.html: broken link '#top' (no anchor '#top')",
        "index.html: broken link '../up.html' (points outside the site)",
        "index.html: broken link 'a/#gone' (no anchor '#gone')",
        "index.html: broken link 'b/' (no such page)",
    ]


def test_a_fragment_holding_state_is_not_an_anchor(tmp_path: Path) -> None:
    """The compare page keeps its choice in the fragment: the page must exist, no id is looked for."""
    (tmp_path / "compare").mkdir()
    (tmp_path / "compare" / "index.html").write_text("<p>Compare</p>")
    (tmp_path / "index.html").write_text(
        '<a href="compare/#category=child-safety">ok</a><a href="compare/#platforms=a,b&amp;category=c">ok</a>'
        '<a href="gone/#category=x">x</a><a href="compare/#top">x</a>'
    )
    assert [str(b) for b in check_links(tmp_path)] == [
        "index.html: broken link 'compare/#top' (no anchor '#top')",
        "index.html: broken link 'gone/#category=x' (no such page)",
    ]


def test_attributes_written_otherwise_are_read_too(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<a href=\'single/\'>x</a>\n<a\nhref="newline/">x</a> <A HREF="upper/">x</A> <a href = "spaced/">x</a>'
        '<!-- <a href="commented/">x</a> --><script src="missing.js">var a = \' href="in-script/"\';</script>'
    )
    assert [str(b) for b in check_links(tmp_path)] == [
        "index.html: broken link 'missing.js' (no such page)",
        "index.html: broken link 'newline/' (no such page)",
        "index.html: broken link 'single/' (no such page)",
        "index.html: broken link 'spaced/' (no such page)",
        "index.html: broken link 'upper/' (no such page)",
    ]


def test_the_same_link_from_different_folders(tmp_path: Path) -> None:
    for folder in ("a/b", "c", "x"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "x" / "index.html").write_text('<p id="top">x</p>')
    (tmp_path / "a" / "b" / "index.html").write_text('<a href="../../x/#top">ok</a><a href="../x/">x</a>')
    (tmp_path / "c" / "index.html").write_text(
        '<a href="../x/#top">ok</a><a href="../../x/">x</a><a href="../x/#no">x</a>'
    )
    assert [str(b) for b in check_links(tmp_path)] == [
        "a/b/index.html: broken link '../x/' (no such page)",
        "c/index.html: broken link '../../x/' (points outside the site)",
        "c/index.html: broken link '../x/#no' (no anchor '#no')",
    ]


def test_pages_read_as_the_engine_writes_them_check_as_the_site_does(tmp_path: Path) -> None:
    for n in range(12):
        (tmp_path / f"p{n}").mkdir()
        (tmp_path / f"p{n}" / "index.html").write_text(
            f'<h2 id="s{n}">S</h2><a href="../p{(n + 1) % 12}/#s{(n + 1) % 12}">next</a>'
            f'<a href="../p{n + 12}/">gone</a><a href="#s{n + 1}">self</a>'
        )
    (tmp_path / "old.html").write_text('<a href="p3/#s9">moved</a>')  # copied by the engine, not handed over
    whole = check_links(tmp_path)
    assert len(whole) == 25
    with LinkScanner.open() as scanner:
        for page in sorted(tmp_path.glob("p*/index.html")):
            scanner.add(page.relative_to(tmp_path).as_posix(), page.read_text())
        assert scanner.check(tmp_path) == whole
    # what is checked is the HTML handed over, not a second reading of the file
    with LinkScanner.open() as scanner:
        scanner.add("p0/index.html", '<h2 id="s0">S</h2><a href="../nowhere/">x</a>')
        found = [str(b) for b in scanner.check(tmp_path) if b.page == "p0/index.html"]
    assert found == ["p0/index.html: broken link '../nowhere/' (no such page)"]


def test_the_site_is_read_whole_if_the_scanning_process_fails(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<a href="gone/">x</a>')
    with LinkScanner.open() as scanner:
        scanner.add("index.html", (tmp_path / "index.html").read_text())
        scanner._process.kill()
        scanner._process.wait()
        assert [str(b) for b in scanner.check(tmp_path)] == ["index.html: broken link 'gone/' (no such page)"]


def test_links_climbing_to_the_root(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "index.html").write_text(
        '<p id="local">x</p><a href="../../#local">x</a><a href="../../#top">ok</a><a href="../../">ok</a>'
        '<a href="../..//a/">x</a>'
    )
    assert [str(b) for b in check_links(tmp_path)] == [
        "a/b/index.html: broken link '../../' (no such page)",
        "a/b/index.html: broken link '../../#local' (no such page)",
        "a/b/index.html: broken link '../../#top' (no such page)",
        "a/b/index.html: broken link '../..//a/' (no such page)",
    ]
    (tmp_path / "index.html").write_text('<h1 id="top">Home</h1>')
    (tmp_path / "a" / "index.html").write_text("a")
    assert [str(b) for b in check_links(tmp_path)] == [
        "a/b/index.html: broken link '../../#local' (no anchor '#local')"
    ]


def test_each_odd_spelling_alone_is_still_read(tmp_path: Path) -> None:
    for n, anchor in enumerate(('<A HREF="gone/">', '<a href ="gone/">', '<a Href = "gone/">')):
        (tmp_path / f"p{n}.html").write_text(f"<p>{anchor}x</a></p>")
    (tmp_path / "s.html").write_text("<SCRIPT>var a = ' href=\"nowhere/\"';</SCRIPT>")
    assert [str(b) for b in check_links(tmp_path)] == [
        f"p{n}.html: broken link 'gone/' (no such page)" for n in range(3)
    ]


def test_a_relative_link_is_resolved_from_each_page_s_own_folder_though_folders_alternate(tmp_path: Path) -> None:
    """Read in order a/b.html, a/c/index.html, a/d.html: what "x.html" meant in folder a is not taken for a/c."""
    (tmp_path / "a" / "c").mkdir(parents=True)
    (tmp_path / "a" / "x.html").write_text('<p id="here">x</p>')
    for page in ("a/b.html", "a/c/index.html", "a/d.html"):
        (tmp_path / page).write_text('<a href="x.html">x</a><a href="x.html#here">x</a><a href="x.html#gone">x</a>')
    assert [str(b) for b in check_links(tmp_path)] == [
        "a/b.html: broken link 'x.html#gone' (no anchor '#gone')",
        "a/c/index.html: broken link 'x.html' (no such page)",
        "a/c/index.html: broken link 'x.html#gone' (no such page)",
        "a/c/index.html: broken link 'x.html#here' (no such page)",
        "a/d.html: broken link 'x.html#gone' (no anchor '#gone')",
    ]


def test_a_page_s_language_alternates_do_not_send_it_to_the_general_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    """``hreflang`` is no link: a page whose links are all in the writers' form is read once (every page of a
    site with two languages names its alternates), and an odd spelling beside them still sends the page to the
    general pattern."""
    general = linkcheck._ANY_ATTR
    read_again: list[bytes] = []

    class Counted:
        def findall(self, data: bytes) -> list[tuple[bytes, bytes, bytes]]:
            read_again.append(data)
            return general.findall(data)

    monkeypatch.setattr(linkcheck, "_ANY_ATTR", Counted())
    alternates = '<link rel="alternate" href="../ja/" hreflang="ja"><link rel="alternate" HREFLANG="en" href="./">'
    assert scan_text(alternates + '<a href="#top" id="top">x</a>').links == ("../ja/", "./", "#top")
    assert read_again == []
    odd = scan_text(alternates + '<a Href = "odd/">x</a>')
    assert odd.links == ("../ja/", "./", "odd/") and len(read_again) == 1


@settings(max_examples=2000, deadline=None)
@given(st.text(st.sampled_from([*"hrefHREFsrcSRCidID=lang <>\"'", "\u212a", "\u0130", "\u017f", "\u00e9", "利"])))
def test_names_are_counted_as_a_lowered_page_counts_them(text: str) -> None:
    """The count that sends a page to the general pattern is the one of the whole page lowered (``str.lower``)."""
    lowered = text.lower()
    expected = lowered.count("href") - lowered.count("hreflang") + lowered.count("src") + lowered.count("id=")
    assert linkcheck._named_in(text.encode("utf-8", "surrogatepass")) == expected
