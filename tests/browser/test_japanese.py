"""The Japanese edition in a browser, hosted and offline: a machine-translated provision's page says so, keeps the
platform's words in English, and switches to the English page and back. (The journeys and the accessibility checks
run in the Japanese tree too: test_journeys.py, test_accessibility.py.)"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from generator.relate.catalog import Catalog
from generator.render import urls

from ..test_i18n import untranslated
from .support import Site, Tab, needs_chromium
from .test_journeys import PROVISION, title_of

pytestmark = needs_chromium

LANG = "() => document.documentElement.lang"


def japanese(site: Site, src: str) -> str:
    """The address of the page built from ``src`` in the Japanese tree (``ja/`` below the site root)."""
    return site.base + "ja/" + urls.url_path(src, site.directory_urls)


def test_a_japanese_provision_page_and_the_switch_between_the_languages(site: Site, tab: Tab, catalog: Catalog) -> None:
    page, src = tab.page, urls.provision(PROVISION)
    page.goto(japanese(site, src))
    assert tab.evaluate(LANG) == "ja"
    japanese_title = page.locator("article h1").inner_text().rstrip("¶").strip()
    assert japanese_title and japanese_title != catalog.provisions[PROVISION].title
    expect(page.locator(".atlas-translation-note")).to_contain_text("機械翻訳")
    expect(page.locator("blockquote.atlas-wording")).to_have_attribute("lang", "en")
    translation = page.locator(".atlas-translation")
    expect(translation).to_have_attribute("lang", "ja")
    expect(translation.locator(".atlas-translation-label")).to_contain_text("翻訳（機械翻訳）")
    date = page.locator("article time").first  # dates as Japanese readers write them, ISO for machines
    expect(date).to_have_text(re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$"))
    expect(date).to_have_attribute("datetime", re.compile(r"^\d{4}-\d{2}-\d{2}$"))
    switch = page.locator("header a.atlas-language")
    expect(switch).to_have_text("English")
    expect(switch).to_be_visible()
    switch.click()
    expect(page).to_have_url(site.url(src))
    expect(page).to_have_title(title_of(catalog.provisions[PROVISION].title))
    assert tab.evaluate(LANG) == "en"
    expect(page.locator(".atlas-translation-note")).to_have_count(0)
    page.locator("header a.atlas-language", has_text="日本語").click()
    expect(page).to_have_url(japanese(site, src))
    expect(page).to_have_title(title_of(japanese_title))
    assert tab.evaluate(LANG) == "ja"
    # the notice's own link leads to the English page too
    page.locator(".atlas-translation-note a").click()
    expect(page).to_have_url(site.url(src))
    tab.assert_clean()


def test_no_japanese_page_of_the_atlas_shows_an_interface_string_in_english(site: Site) -> None:
    """tests/test_i18n.py's check, over the shipped records' Japanese tree as each site has it."""
    assert len(list((site.root / "ja").rglob("*.html"))) > 300
    assert untranslated(site.root / "ja") == {}
