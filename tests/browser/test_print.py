"""Printing, checked on paper: pages printed to PDF by Chromium (print media) and their text read back with pypdf.

What a reader prints is the page itself: the provision, the comparison, the matrix;
not the site's header, tabs, search, sidebars or footer, and not the tools that only
work on a screen ("Edit this record", copy buttons). External links show their
address, table rows stay whole, and badges are black on white with a border.
"""

from __future__ import annotations

import io
import re
from typing import Any

from playwright.sync_api import expect
from pypdf import PdfReader

from generator.relate.catalog import Catalog
from generator.render import urls

from .support import Site, Tab, needs_chromium
from .test_journeys import PROVISION

pytestmark = needs_chromium

#: The comparison printed: many platforms, several with more than one provision, over several pages.
COMPARISON = "child-safety"
#: A link's address as print.css writes it after the link, when the text is read back.
ADDRESS = re.compile(r"\s\(https?://[^)]*\)")


def squeezed(text: str) -> str:
    """Text without any whitespace: what pypdf reads back spaces and breaks lines its own way."""
    return re.sub(r"\s+", "", text)


def printed(tab: Tab) -> list[Any]:
    """The open page printed to PDF as a reader's browser prints it (print media, the page's own size)."""
    tab.page.emulate_media(media="print")
    pdf = tab.page.pdf(prefer_css_page_size=True)
    return list(PdfReader(io.BytesIO(pdf)).pages)


def page_texts(pages: list[Any], *, addresses: bool = True) -> list[str]:
    """Each printed page's text, squeezed; without the printed link addresses unless ``addresses``."""
    texts = [re.sub(r"\s+", " ", page.extract_text()) for page in pages]
    return [squeezed(text if addresses else ADDRESS.sub("", text)) for text in texts]


def site_chrome(tab: Tab) -> dict[str, list[str]]:
    """The words of the site around the page, read on screen: tab labels, the header's title and repository."""
    chrome: dict[str, list[str]] = tab.evaluate(
        """() => ({
            tabs: [...document.querySelectorAll('.md-tabs__link')].map(a => a.textContent.trim()),
            header: [...document.querySelectorAll('.md-header__topic, .md-source__repository')]
                .map(e => e.textContent.trim()).filter(Boolean),
            search: [document.querySelector('input.md-search__input')?.placeholder || ''],
        })"""
    )
    assert len(chrome["tabs"]) >= 7 and chrome["header"] and chrome["search"] == ["Search"], chrome
    return chrome


def assert_without_chrome(text: str, chrome: dict[str, list[str]], article: str) -> None:
    """None of the site's own words is on paper (those the article says itself aside)."""
    assert squeezed("".join(chrome["tabs"])) not in text  # the tab bar
    own = squeezed(article)
    absent = [w for words in chrome.values() for w in words if squeezed(w) not in own]
    assert len(absent) >= 5, absent  # enough of them to mean something
    assert [w for w in absent if squeezed(w) in text] == []


def test_a_provision_prints_without_the_site_around_it(site: Site, tab: Tab, catalog: Catalog) -> None:
    p = catalog.provisions[PROVISION]
    document = catalog.platforms[p.platform].document(p.document)
    assert document is not None
    tab.open(urls.provision(p.id))
    chrome = site_chrome(tab)
    article = tab.page.locator("article").inner_text()
    wording = tab.page.locator(".atlas-wording").inner_text()
    expect(tab.page.locator(".atlas-edit")).to_have_text("Edit this record")  # on screen
    text = "".join(page_texts(printed(tab)))

    assert squeezed(p.title) in text
    assert squeezed(wording) in text
    assert squeezed(f"{document.title} ({document.url})") in text  # the address after the external link
    assert "(../" not in text and "(#" not in text  # links within the atlas and permalinks print no address
    assert_without_chrome(text, chrome, article)
    assert "Editthisrecord" not in text
    for label in ("Plain text", "BibTeX", "CSL-JSON"):  # the citation formats are printed, their copy buttons not
        assert squeezed(label) in text and squeezed(f"{label} Copy") not in text
    assert tab.blocked == []


def _comparison_rows(tab: Tab) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = tab.evaluate(
        """() => {
            let platform = '';
            return [...document.querySelectorAll('table.atlas-comparison tbody tr:not(.atlas-gap)')].map(tr => {
                const th = tr.querySelector('th');
                if (th) platform = th.innerText.trim();
                return {
                    platform, first: !!th,
                    title: tr.querySelector('td strong').innerText.trim(),
                    summary: tr.querySelector('.atlas-cell-summary').innerText.trim(),
                    badges: [...tr.querySelectorAll('.atlas-badge')].map(b => b.innerText.trim()),
                };
            });
        }"""
    )
    return rows


def test_a_comparison_prints_whole_rows_and_grey_badges(site: Site, tab: Tab, catalog: Catalog) -> None:
    tab.open(urls.category(COMPARISON))
    chrome = site_chrome(tab)
    article = tab.page.locator("article").inner_text()
    rows = _comparison_rows(tab)
    assert len(rows) == len(catalog.by_category[COMPARISON]) and any(not r["first"] for r in rows)
    pages = printed(tab)
    texts = page_texts(pages, addresses=False)
    assert len(pages) >= 3  # the table runs over several pages: rows meet page breaks

    # a row is on one page: its platform (in the row or the row group it starts) and title, its whole summary,
    # its badges; the platform and the first title are printed side by side
    for row in rows:
        start = squeezed(f"{row['platform']} {row['title']}" if row["first"] else row["title"])
        whole = [squeezed(row["summary"]), squeezed(" ".join(row["badges"]))]
        on = [i for i, text in enumerate(texts) if start in text and all(part in text for part in whole)]
        assert on, f"the row of {row['platform']}: {row['title']} is split between pages (or not printed)"
        if not row["first"]:
            assert any(squeezed(row["platform"]) in texts[i] for i in on), row
    assert_without_chrome("".join(texts), chrome, article)
    assert "Embedthiscomparison" not in "".join(texts)  # the code to copy is a screen tool

    # badges in grey: black words on white, with a border
    styles = tab.evaluate(
        """() => [...document.querySelectorAll('article .atlas-badge, article .atlas-chip')].map(b => {
            const s = getComputedStyle(b);
            return [s.color, s.backgroundColor, s.borderTopWidth, s.borderTopStyle, s.filter];
        })"""
    )
    assert styles and {tuple(s[:2]) for s in styles} == {("rgb(0, 0, 0)", "rgb(255, 255, 255)")}
    assert all(s[2] == "1px" and s[3] in ("solid", "dashed", "dotted") and s[4] == "none" for s in styles), styles
    assert tab.blocked == []


def _text_origins(page: Any) -> list[tuple[str, float]]:
    """Each piece of text the PDF page draws, with the x of its origin in the page's coordinates."""
    found: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, _size: Any) -> None:
        if text.strip():
            found.append((text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4]))

    page.extract_text(visitor_text=visit)
    return found


def test_the_matrix_prints_every_column_on_a_landscape_page(site: Site, tab: Tab, catalog: Catalog) -> None:
    tab.open(urls.MATRIX)
    cells = tab.page.locator("a.atlas-cell").count()
    assert cells > 0
    pages = printed(tab)
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in pages)  # landscape
    text = " ".join(page.extract_text() for page in pages)
    for pl in catalog.platforms.values():
        assert squeezed(pl.name) in squeezed(text), pl.name
    # every cell is printed, and nothing is drawn past the paper's right edge (a column cut off)
    assert len(re.findall(r"\b(?:high|medium|low|yes)\b", text)) == cells
    for page in pages:
        width = float(page.mediabox.width)
        outside = [(t, round(x)) for t, x in _text_origins(page) if not 0 <= x < width]
        assert outside == [], f"drawn off the page ({width:.0f} wide): {outside[:5]}"
    assert tab.blocked == []
