"""Searching the Japanese tree in Japanese: Pagefind (extended, which segments Japanese) hosted, lunr offline (its
index cut into words when the site is built: generator/site/engine/segment.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .support import Site, Tab, needs_chromium, search

pytestmark = needs_chromium

#: Words a Japanese reader types (child, election, deepfake); each is in translated titles or summaries.
QUERIES = ("児童", "選挙", "ディープフェイク")


@pytest.mark.parametrize("query", QUERIES)
def test_a_japanese_query_finds_japanese_pages(site: Site, tab: Tab, query: str) -> None:
    page = tab.page
    home = "ja/" if site.kind == "hosted" else "ja/index.html"
    page.goto(site.base + home)
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    results = search(page, query)
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    hrefs = [link.get_attribute("href") or "" for link in links.all()]
    targets = [page.evaluate("h => new URL(h, document.baseURI).href", h) for h in hrefs]
    assert targets and all(t.startswith(site.base + "ja/") for t in targets), targets  # Japanese pages only
    expect(results.first).to_contain_text(query)
    tab.assert_clean()
