"""Accessibility, checked in the browser: axe-core, table semantics, and meaning carried by text, in each
language's tree, hosted and offline."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.relate.catalog import Catalog
from generator.render import urls

from .support import AXE, LANGUAGES, PHONE, VIEWPORT, Language, Site, Tab, needs_chromium, search
from .test_journeys import PROVISION, SEARCH_WORDS

#: Every check in each language's tree.
pytestmark = [needs_chromium, pytest.mark.parametrize("language", LANGUAGES, indirect=True)]

#: The scenario pages: home, a category comparison, a provision, the coverage matrix, the compare page
#: before a choice (tests/browser/test_compare.py checks it with its tables), and one of each other page kind
#: that carries badges, chips or tables.
PAGES = {
    "home": urls.home(),
    "comparison": urls.category("child-safety"),
    "provision": urls.provision(PROVISION),
    "matrix": urls.MATRIX,
    "compare": urls.COMPARE,
    "platform": urls.platform("openai"),
    "document": urls.document("openai", "usage-policies"),
    "changes": urls.CHANGES,
    "data": urls.DATA,
}
#: How the reader sees them: the scheme their system asks for, and a desktop or a phone's width.
LOOKS = {
    "light": ("light", VIEWPORT),
    "dark": ("dark", VIEWPORT),
    "light-phone": ("light", PHONE),
    "dark-phone": ("dark", PHONE),
}
SERIOUS = ("serious", "critical")

#: Violations known, owned elsewhere and waived until fixed: (page, axe rule) -> why. Each must
#: still occur; once it is fixed the test fails until its line here is removed.
KNOWN_ISSUES: dict[tuple[str, str], str] = {}


def run_axe(tab: Tab) -> list[dict[str, Any]]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test` (it installs the pinned axe-core with npm ci)")
    tab.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    # axe's default rule set: WCAG 2.x A and AA, and best practices; not its experimental rules
    result: dict[str, Any] = tab.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert result["testEngine"]["version"] == "4.14.1"
    violations: list[dict[str, Any]] = result["violations"]
    return violations


@pytest.fixture(params=LOOKS)
def looked(request: pytest.FixtureRequest, browser: Any, site: Site) -> Iterator[Tab]:
    """A tab whose system asks for the light or the dark scheme, at a desktop's or a phone's width."""
    scheme, viewport = LOOKS[request.param]
    context = browser.new_context(viewport=viewport, color_scheme=scheme, offline=site.kind == "offline")
    try:
        yield Tab(site, context)
    finally:
        context.close()


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_or_critical_violation(site: Site, looked: Tab, name: str) -> None:
    tab = looked
    tab.open(PAGES[name])
    scheme = tab.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    wanted = "slate" if tab.page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "default"
    assert scheme == wanted  # the site follows the reader's setting
    tab.assert_clean()  # before axe: from file://, axe's own reads of the stylesheets log CORS errors
    violations = [v for v in run_axe(tab) if v["impact"] in SERIOUS]
    serious = [
        f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if (name, v["id"]) not in KNOWN_ISSUES
    ]
    assert not serious, "\n".join(serious)
    assert tab.blocked == []
    found = {v["id"] for v in violations}
    for (page, rule), why in KNOWN_ISSUES.items():
        if page == name and rule not in found:
            pytest.fail(f"known issue fixed, remove it from KNOWN_ISSUES: {rule} on {page} ({why})")


def test_axe_finds_no_serious_or_critical_violation_in_search_results(site: Site, tab: Tab, language: Language) -> None:
    """The search dialog open with results: Pagefind's on the hosted site, Material's lunr offline."""
    tab.open(PAGES["home"])
    expect(search(tab.page, SEARCH_WORDS[language.lang])).to_have_count(1)
    # the results fade in: axe-core reads the colours as drawn, so it runs once they are wholly there
    expect(tab.page.locator(".md-search__output")).to_have_css("opacity", "1")
    tab.assert_clean()
    serious = [v for v in run_axe(tab) if v["impact"] in SERIOUS]
    assert not serious, "\n".join(
        f"{v['impact']}: {v['id']} at {n['target']}: {n.get('failureSummary', '')}" for v in serious for n in v["nodes"]
    )


@pytest.mark.parametrize("name", ["comparison", "provision", "matrix"])
def test_every_table_has_a_caption_and_headers(site: Site, tab: Tab, name: str) -> None:
    tab.open(PAGES[name])
    tables = tab.evaluate(
        """() => [...document.querySelectorAll('article table')].map(t => ({
            caption: t.caption ? t.caption.textContent.trim() : '',
            columns: [...t.querySelectorAll('thead th[scope=col]')].map(th => th.textContent.trim()),
            rows: t.tBodies[0] ? t.tBodies[0].rows.length : 0,
        }))"""
    )
    assert tables, "the page has no table"
    for table in tables:
        assert table["caption"], table
        assert table["columns"] and all(table["columns"]), table
        assert table["rows"] > 0, table


def test_badges_and_cells_say_what_their_colour_says(
    site: Site, tab: Tab, catalog: Catalog, language: Language
) -> None:
    """Status and exposure badges, matrix cells and relations all carry their meaning in text."""
    page, t = tab.page, language.t
    tab.open(PAGES["comparison"])
    statuses = {t("Verbatim text"), t("Excerpt"), t("Paraphrase"), t("Text unavailable")}
    levels = [t(level) for level in ("high", "medium", "low")]
    exposures = {*(t("Exposure: %(level)s", level=level) for level in levels), t("Exposure not rated")}
    category = catalog.categories["child-safety"]
    listed = catalog.by_category[category.id]
    status_texts = page.locator("table.atlas-comparison .atlas-badge.atlas-status").all_inner_texts()
    assert len(status_texts) == len(listed) and set(status_texts) <= statuses
    exposure_texts = page.locator("table.atlas-comparison .atlas-badge[class*=atlas-exposure]").all_inner_texts()
    assert len(exposure_texts) == len(listed) and set(exposure_texts) <= exposures

    tab.open(PAGES["matrix"])
    cells = page.locator("a.atlas-cell").all_inner_texts()
    assert cells and set(cells) <= {*levels, t("yes")}
    empty, none = page.locator(".atlas-none"), f"– {t('no provision recorded')}"
    expect(empty.first).to_have_text(none)
    assert set(empty.all_text_contents()) == {none}

    tab.open(PAGES["provision"])
    relations = page.locator(".atlas-others td.atlas-relation").all_inner_texts()
    assert len(relations) == len(catalog.analogues[PROVISION]) and all(relations)
    tab.assert_clean()
