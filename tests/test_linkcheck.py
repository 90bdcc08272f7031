"""The built-site link checker finds missing pages and anchors."""

from __future__ import annotations

from pathlib import Path

from generator.linkcheck import check_links


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
