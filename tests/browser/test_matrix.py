"""The coverage matrix on screens of every width: whole words in its headers, and a category column that stays put."""

from __future__ import annotations

import re

import pytest

from generator.relate.catalog import Catalog
from generator.render import urls

from .support import VIEWPORT, Site, Tab, needs_chromium

pytestmark = needs_chromium

PHONE = {"width": 390, "height": 844}

#: A word, as the test reads it: a hyphenated compound may break after its hyphen ("non-" "consensual"), never inside a part.
WORD = r"[^\s-]+-?"
#: Every word of every header cell, and how many boxes the browser draws it in (one: it is not broken).
WORD_BOXES = """(pattern) => {
    const words = [];
    for (const th of document.querySelectorAll('table.atlas-matrix th')) {
        const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.data.matchAll(new RegExp(pattern, 'g'))) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                words.push([m[0], [...range.getClientRects()].filter(r => r.width > 0).length]);
            }
        }
    }
    return words;
}"""


@pytest.mark.parametrize("viewport", [VIEWPORT, PHONE], ids=["desktop", "phone"])
def test_no_header_word_is_broken_across_lines(
    site: Site, tab: Tab, catalog: Catalog, viewport: dict[str, int]
) -> None:
    tab.page.set_viewport_size(viewport)
    tab.open(urls.MATRIX)
    words = tab.evaluate(WORD_BOXES, WORD)
    assert {w for pl in catalog.platforms.values() for w in re.findall(WORD, pl.name)} <= {w for w, _ in words}
    assert [(word, boxes) for word, boxes in words if boxes != 1] == []
    tab.assert_clean()


#: Where the first column and a later one are, before and after the matrix is scrolled sideways.
SCROLL = """() => {
    const wrap = document.querySelector('.atlas-matrix-wrap');
    const row = document.querySelector('table.atlas-matrix tbody tr:not(.atlas-group)');
    const head = document.querySelector('table.atlas-matrix thead th');
    const edges = () => ({
        first: row.cells[0].getBoundingClientRect().left,
        head: head.getBoundingClientRect().left,
        later: row.cells[3].getBoundingClientRect().left,
    });
    const before = edges();
    wrap.scrollLeft = 200;
    const after = edges();
    const cell = row.cells[0].getBoundingClientRect();
    const over = document.elementFromPoint(cell.left + 4, cell.top + cell.height / 2);
    return {
        before, after, scrolled: wrap.scrollLeft,
        overflow: wrap.scrollWidth - wrap.clientWidth,
        page_overflow: document.documentElement.scrollWidth - window.innerWidth,
        backgrounds: [getComputedStyle(row.cells[0]).backgroundColor, getComputedStyle(head).backgroundColor],
        on_top: row.cells[0].contains(over),
    };
}"""


def _opaque(colour: str) -> bool:
    """A computed colour with no transparency: rgb(...), or rgba(...) with alpha 1."""
    return colour.startswith("rgb(") or (
        colour.startswith("rgba(") and colour.rstrip(")").split(",")[-1].strip() == "1"
    )


@pytest.mark.parametrize("site", ["hosted", "offline"], indirect=True)
def test_on_a_phone_the_category_column_stays_while_the_rest_scrolls(site: Site, tab: Tab) -> None:
    tab.page.set_viewport_size(PHONE)
    tab.open(urls.MATRIX)
    tab.page.locator("table.atlas-matrix").scroll_into_view_if_needed()
    found = tab.evaluate(SCROLL)
    assert found["overflow"] > 200 and found["scrolled"] == 200, found  # the matrix scrolls in its wrapper
    assert found["page_overflow"] <= 0, found  # and the page itself does not
    assert abs(found["after"]["first"] - found["before"]["first"]) < 1, found  # the category column stays
    assert abs(found["after"]["head"] - found["before"]["head"]) < 1, found  # its header too
    assert abs(found["before"]["later"] - found["after"]["later"] - 200) < 1, found  # the rest moves under it
    # the cells scrolling under it do not show through, and it is drawn over them
    assert all(_opaque(colour) for colour in found["backgrounds"]), found["backgrounds"]
    assert found["on_top"], found
    tab.assert_clean()
