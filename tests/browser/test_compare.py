"""The compare page in a real browser, on the hosted site and on the offline export from file://.

The tables are made by the page's script from the data the build ships; the rows
must be those generator.relate.alignment computes from the catalog.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from generator.relate.alignment import align
from generator.relate.catalog import Catalog
from generator.render import urls
from generator.render.runner import make_environment

from ..conftest import REPO
from ..test_i18n import untranslated
from .support import LANGUAGES, Site, Tab, needs_chromium
from .test_accessibility import SERIOUS, run_axe

pytestmark = needs_chromium

#: A pair with a stricter/looser link in child safety (deepseek/minors-content is stricter than
#: black-forest-labs/minors-out-of-scope).
PAIR, CATEGORY = ("black-forest-labs", "deepseek"), "child-safety"
STRICTER, LOOSER = "deepseek/minors-content", "black-forest-labs/minors-out-of-scope"
#: Four platforms with many links between them, for every category.
FOUR = ("anthropic", "mistral-ai", "openai", "stability-ai")
PHONE = {"width": 390, "height": 844}
MACROS = make_environment(REPO / "site_templates" / "pages").get_template("_macros.md.j2").module
RELATION_PHRASE: dict[str, str] = MACROS.RELATION_PHRASE  # type: ignore[attr-defined]

#: What the page shows, read from its tables: per category section, its header and rows.
READ_TABLES = """() => [...document.querySelectorAll('#atlas-compare-result section.atlas-compare-section')].map(s => ({
    category: s.querySelector('h2').id.replace(/^compare-/, ''),
    caption: s.querySelector('caption').textContent,
    columns: [...s.querySelectorAll('thead th')].map(th => th.textContent),
    rows: [...s.querySelectorAll('tbody tr')].map(tr => ({
        header: tr.querySelector('th[scope=row]').textContent,
        cells: [...tr.querySelectorAll('td')].map(td =>
            [...td.querySelectorAll('[data-provision]')].map(d => d.getAttribute('data-provision'))),
        labels: [...tr.querySelectorAll('td .atlas-compare-label')].map(l => l.textContent),
    })),
}))"""


def address(platforms: tuple[str, ...], category: str | None = None) -> str:
    return f"platforms={','.join(platforms)}" + (f"&category={category}" if category else "")


def expected(catalog: Catalog, platforms: tuple[str, ...], category: str | None) -> list[dict[str, Any]]:
    """The tables the page must show, from the catalog (columns in the site's order)."""
    columns = [pid for pid in catalog.platforms if pid in platforms]
    names = [catalog.platforms[pid].name for pid in columns]
    found = []
    for part in align(catalog, columns, category):
        if not part.rows:
            continue
        rows = []
        for n, row in enumerate(part.rows, 1):
            missing = ", ".join(catalog.platforms[pid].name for pid in row.missing)
            header = f"Row {n} " + (f"Not on: {missing}" if missing else "On every platform chosen")
            cells = [[p.id for p in cell] for cell in row.cells]
            rows.append({"header": header, "cells": cells, "labels": names})
        found.append({"category": part.category.id, "columns": ["Row", *names], "rows": rows})
    return found


def in_words(n: int, noun: str) -> str:
    """A count as the page says it: "three rows", "one row", "12 rows"."""
    numbers = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    return f"{numbers[n] if n < len(numbers) else n} {noun}{'' if n == 1 else 's'}"


def tables(page: Page) -> list[dict[str, Any]]:
    shown: list[dict[str, Any]] = page.evaluate(READ_TABLES)
    return shown


def without_captions(shown: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{key: value for key, value in part.items() if key != "caption"} for part in shown]


def tab_to(page: Page, element_id: str) -> None:
    """Press Tab until the element has the focus (within a form's worth of stops)."""
    for _ in range(30):
        if page.evaluate("document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def choose_by_keyboard(page: Page, catalog: Catalog) -> None:
    """The keyboard alone: Space checks a box, Tab moves on, typing picks an option of the select."""
    status = page.locator("#atlas-compare-status")
    first, second = (page.locator(f"#atlas-compare-platform-{pid}") for pid in PAIR)
    first.focus()
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    expect(status).to_have_text("Choose one more platform to compare.")
    tab_to(page, f"atlas-compare-platform-{PAIR[1]}")
    page.keyboard.press("Space")
    expect(second).to_be_checked()
    tab_to(page, "atlas-compare-category")
    page.keyboard.type(catalog.categories[CATEGORY].title[:5])
    expect(page.locator("#atlas-compare-category")).to_have_value(CATEGORY)


def test_choose_by_keyboard_read_the_address_and_reopen_it(site: Site, tab: Tab, catalog: Catalog) -> None:
    page = tab.page
    tab.open(urls.COMPARE)
    status = page.locator("#atlas-compare-status")
    expect(status).to_have_text("Choose two to four platforms to compare.")
    expect(page.locator("#atlas-compare-result table")).to_have_count(0)
    choose_by_keyboard(page, catalog)

    # the table: the rows of the alignment, marked where a platform has none, relations in words
    want = expected(catalog, PAIR, CATEGORY)
    expect(page.locator("#atlas-compare-result table")).to_have_count(1)
    shown = tables(page)
    assert without_captions(shown) == want
    title = catalog.categories[CATEGORY].title
    names = " and ".join(catalog.platforms[pid].name for pid in PAIR)
    assert shown[0]["caption"] == f"{title}: {names} side by side; provisions linked as analogues share a row"
    assert any(row["header"].startswith(f"Row {n} Not on: ") for n, row in enumerate(want[0]["rows"], 1))
    stricter = page.locator(f'[data-provision="{STRICTER}"] .atlas-compare-relation')
    other = catalog.provisions[LOOSER]
    expect(stricter).to_have_text(f"Stricter than {catalog.platforms[other.platform].name}: {other.title}")
    looser = page.locator(f'[data-provision="{LOOSER}"] .atlas-compare-relation')
    expect(looser).to_have_text(re.compile(rf"^Looser than {catalog.platforms[STRICTER.split('/')[0]].name}: "))
    rows, full = len(want[0]["rows"]), sum(1 for row in want[0]["rows"] if "Not on:" not in row["header"])
    expect(status).to_have_text(f"{names}, {title}: {in_words(rows, 'row')}.")  # the live region
    on_all = in_words(full, "row").split()[0] if full else "none"
    summary = f"{in_words(rows, 'row')}, {on_all} on every platform chosen."
    expect(page.locator(".atlas-compare-summary")).to_have_text(summary[0].upper() + summary[1:])  # none absent

    # the address keeps the choice; a fresh tab opened on it shows the same table
    assert page.url == site.url(urls.COMPARE, address(PAIR, CATEGORY))
    fresh = tab.new_page()
    fresh.goto(page.url)
    expect(fresh.locator("#atlas-compare-result table")).to_have_count(1)
    assert tables(fresh) == shown
    for pid in PAIR:
        expect(fresh.locator(f"#atlas-compare-platform-{pid}")).to_be_checked()
    expect(fresh.locator("#atlas-compare-category")).to_have_value(CATEGORY)
    expect(fresh.locator("#atlas-compare-status")).to_have_text(status.inner_text())
    tab.assert_clean()
    assert tab.blocked == []


def test_every_category_shows_the_rows_of_the_alignment(site: Site, tab: Tab, catalog: Catalog) -> None:
    """Four platforms, all categories: the page's rows, cell by cell, and each relation in words."""
    page = tab.page
    page.goto(site.url(urls.COMPARE, address(FOUR)))
    want = expected(catalog, FOUR, None)
    expect(page.locator("#atlas-compare-result table")).to_have_count(len(want))
    assert without_captions(tables(page)) == want
    columns = [pid for pid in catalog.platforms if pid in FOUR]
    checked = 0
    for part in align(catalog, columns):
        for row in part.rows:
            for r in row.relations:
                source = page.locator(f"#compare-{part.category.id} ~ table [data-provision='{r.source.id}']")
                text = f"{RELATION_PHRASE[r.relation]} {catalog.platforms[r.target.platform].name}: {r.target.title}"
                expect(source.locator(".atlas-compare-relation", has_text=text)).to_have_count(1)
                checked += 1
    assert checked > 10
    empty = [part.category.title for part in align(catalog, columns) if not part.rows]
    if empty:
        expect(page.locator(".atlas-compare-empty-categories")).to_contain_text(empty[0])
    # the others are disabled at four, and the status says why; unchecking one frees them again
    expect(page.locator("#atlas-compare-form input:disabled")).to_have_count(len(catalog.platforms) - 4)
    expect(page.locator("#atlas-compare-status")).to_contain_text("the most at once")
    page.locator(f"#atlas-compare-platform-{FOUR[0]}").focus()
    page.keyboard.press("Space")
    expect(page.locator("#atlas-compare-form input:disabled")).to_have_count(0)
    assert page.url == site.url(urls.COMPARE, address(FOUR[1:]))
    tab.assert_clean()


def test_the_address_is_read_again_when_it_changes(site: Site, tab: Tab, catalog: Catalog) -> None:
    page = tab.page
    page.goto(site.url(urls.COMPARE, address(("openai", "nobody", "anthropic"), "no-such-category")))
    expect(page.locator("#atlas-compare-category")).to_have_value("all")  # unknown ids are left out
    expect(page.locator("#atlas-compare-form input:checked")).to_have_count(2)
    five = tuple(list(catalog.platforms)[:5])
    page.goto(site.url(urls.COMPARE, address(five, CATEGORY)))  # the fragment alone changes: no new load
    expect(page.locator("#atlas-compare-form input:checked")).to_have_count(4)
    expect(page.locator("#atlas-compare-status")).to_contain_text("Only the first four platforms of the address")
    assert without_captions(tables(page)) == expected(catalog, five[:4], CATEGORY)
    tab.assert_clean()


def test_a_category_page_opens_the_compare_page_on_its_category(site: Site, tab: Tab, catalog: Catalog) -> None:
    page = tab.page
    tab.open(urls.category(CATEGORY))
    page.get_by_role("link", name="Compare platforms side by side").click()
    expect(page).to_have_url(site.url(urls.COMPARE, f"category={CATEGORY}"))
    expect(page.locator("#atlas-compare-category")).to_have_value(CATEGORY)
    title = catalog.categories[CATEGORY].title
    expect(page.locator("#atlas-compare-status")).to_have_text(f"Choose two to four platforms to compare in {title}.")
    tab.open(urls.home())
    page.get_by_role("link", name="Compare platforms side by side").click()
    expect(page).to_have_url(site.url(urls.COMPARE))
    expect(page.get_by_role("group", name="Platforms: choose two to four")).to_be_visible()
    tab.assert_clean()


def test_on_a_phone_each_row_is_a_card_of_labelled_cells(site: Site, tab: Tab, catalog: Catalog) -> None:
    page = tab.page
    page.set_viewport_size(PHONE)
    page.goto(site.url(urls.COMPARE, address(FOUR, CATEGORY)))
    table = page.locator("#atlas-compare-result table")
    expect(table).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing wider than the phone
    assert table.locator("thead").evaluate("e => e.getBoundingClientRect().width") <= 1  # hidden: the cells say it
    names = [catalog.platforms[pid].name for pid in catalog.platforms if pid in FOUR]
    row = table.locator("tbody tr").first
    boxes = [box for box in (c.bounding_box() for c in row.locator("th, td").all()) if box is not None]
    assert len(boxes) == 1 + len(names)
    for above, below in itertools.pairwise(boxes):  # one under the other, each as wide as the card
        assert below["y"] >= above["y"] + above["height"] - 1
        assert abs(below["x"] - above["x"]) < 2 and abs(below["width"] - above["width"]) < 2
    labels = row.locator("td .atlas-compare-label")
    expect(labels).to_have_text(names)
    for label in labels.all():
        expect(label).to_be_visible()
    tab.assert_clean()
    violations = [v for v in run_axe(tab) if v["impact"] in SERIOUS]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert tab.blocked == []


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)  # its tables, made by the script, in each tree
def test_axe_finds_no_serious_or_critical_violation_on_the_compare_page(site: Site, tab: Tab) -> None:
    page = tab.page
    page.goto(site.url(urls.COMPARE, address(FOUR)))
    expect(page.locator("#atlas-compare-result table").first).to_be_visible()
    expect(page.locator("td .atlas-compare-label").first).to_be_hidden()  # the column header names the cell
    tab.assert_clean()  # before axe: from file://, axe's own reads of the stylesheets log CORS errors
    violations = [v for v in run_axe(tab) if v["impact"] in SERIOUS]
    assert not violations, "\n".join(
        f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes']][:5]}" for v in violations
    )
    assert tab.blocked == []


def test_the_japanese_compare_page_says_everything_in_japanese(
    site: Site, tab: Tab, catalog: Catalog, tmp_path: Path
) -> None:
    """The script's words are the page's (the catalogue's): none of them is in English in the Japanese tree."""
    page = tab.page
    japanese = site.base + "ja/" + urls.url_path(urls.COMPARE, site.directory_urls)
    page.goto(japanese)
    status = page.locator("#atlas-compare-status")
    expect(status).to_have_text("比較するプラットフォームを2〜4つ選ぶ。")
    page.locator(f"#atlas-compare-platform-{PAIR[0]}").check()
    expect(status).to_have_text("比較するプラットフォームをあと1つ選ぶ。")
    page.goto(f"{japanese}#{address(PAIR, CATEGORY)}")
    title = page.locator(f"#atlas-compare-category option[value={CATEGORY}]").inner_text()
    assert title != catalog.categories[CATEGORY].title  # the category's Japanese name
    want = expected(catalog, PAIR, CATEGORY)[0]["rows"]
    rows, full = len(want), sum(1 for row in want if "Not on:" not in row["header"])
    names = "と".join(catalog.platforms[pid].name for pid in PAIR)
    expect(status).to_have_text(f"{names}、{title}：{rows}行。")
    on_all = (
        f"うち{full}行は選んだすべてのプラットフォームにある。"
        if full
        else "選んだすべてのプラットフォームにある行はない。"
    )
    expect(page.locator(".atlas-compare-summary")).to_have_text(f"{rows}行。{on_all}")
    expect(page.locator("caption")).to_have_text(
        f"{title}：{names}を並べたもの。類似規定として結び付けられた規定は同じ行に並ぶ"
    )
    expect(page.locator("thead th").first).to_have_text("行")
    headers = page.locator("tbody th[scope=row]")
    expect(headers.first).to_have_text(re.compile(r"^1行目 (規定なし：|選んだすべてのプラットフォームにある$)"))
    looser = page.locator(f'[data-provision="{STRICTER}"] .atlas-compare-relation a').inner_text()
    stricter = page.locator(f'[data-provision="{STRICTER}"] .atlas-compare-relation')
    expect(stricter).to_have_text(f"{catalog.platforms[LOOSER.split('/')[0]].name}より厳格：{looser}")
    expect(stricter.locator("strong")).to_have_text("より厳格")

    page.goto(f"{japanese}#{address(FOUR)}")  # every category: the most at once, categories with none
    expect(page.locator("#atlas-compare-result table").first).to_be_visible()
    expect(status).to_contain_text("カテゴリに")
    expect(status).to_contain_text("一度に比較できるのはここまでである。")
    (tmp_path / "compare.html").write_text(page.content(), encoding="utf-8")
    assert untranslated(tmp_path) == {}
    tab.assert_clean()
