"""The category embeds in a browser: each opened on its own, and one in an iframe made from the page's code to copy."""

from __future__ import annotations

import html

from playwright.sync_api import expect

from generator.relate.catalog import Catalog
from generator.render import embeds, urls

from .support import Site, Tab, needs_chromium
from .test_journeys import PROVISION, title_of

pytestmark = needs_chromium

#: What an embed holds, read by the browser.
CONTENT = """() => ({
    title: document.title,
    lang: document.documentElement.lang,
    h1: document.querySelector('h1').textContent,
    rows: document.querySelectorAll('tbody tr').length,
    scripts: document.scripts.length,
    stylesheets: [...document.styleSheets].map(s => s.href),
    links: [...document.links].map(a => [a.textContent, a.href, a.target]),
    text: document.body.innerText,
})"""


def test_every_embed_opens_on_its_own_and_links_back(site: Site, tab: Tab, catalog: Catalog) -> None:
    for c in catalog.categories.values():
        tab.page.goto(site.base + embeds.embed_url_path(c.id, site.directory_urls))
        found = tab.evaluate(CONTENT)
        assert found["title"] == f"{c.title}: how every platform handles this - Provision Atlas"
        assert (found["lang"], found["h1"]) == ("en", c.title)
        assert found["rows"] == len(catalog.by_category.get(c.id, ()))
        assert found["scripts"] == 0 and found["stylesheets"] == [None]  # its own inline style, nothing else
        assert all(target == "_top" for _, _, target in found["links"]), found["links"]
        back = [href for text, href, _ in found["links"] if text == "See the full comparison on Provision Atlas"]
        assert back == [site.url(urls.category(c.id))]
        for p in catalog.by_category.get(c.id, ()):
            assert [p.title, site.url(urls.provision(p.id)), "_top"] in found["links"]
        assert "Exposure" in found["text"] or not found["rows"]
    tab.page.get_by_role("link", name="See the full comparison on Provision Atlas").click()
    expect(tab.page).to_have_url(site.url(urls.category(c.id)))
    tab.assert_clean()


def test_the_code_to_copy_frames_the_embed_and_its_links_open_the_atlas(site: Site, tab: Tab, catalog: Catalog) -> None:
    """The category page's own code, put into the page as a reader would put it into theirs."""
    p = catalog.provisions[PROVISION]
    category = catalog.primary_category(p)
    page = tab.page
    tab.open(urls.category(category.id))
    code = page.locator("#embed-code").text_content() or ""
    assert code.startswith("<iframe ") and 'loading="lazy"' in code and 'width="100%"' in code
    assert f'title="{html.escape(embeds.iframe_title(category))}"' in code
    if site.kind == "hosted":  # served over HTTP: the address is made absolute, ready to paste elsewhere
        assert f'src="{site.base}{embeds.embed_url_path(category.id, True)}"' in code
    else:  # from the disk it stays relative to the page, as the build wrote it
        assert f'src="../{embeds.embed_path(category.id)}"' in code
    page.locator("article").evaluate("(article, code) => article.insertAdjacentHTML('beforeend', code)", code)
    frame_element = page.locator("article > iframe")
    frame_element.scroll_into_view_if_needed()  # it loads lazily
    frame = page.frame_locator("article > iframe")
    expect(frame.locator("h1")).to_have_text(category.title)
    expect(frame.locator("tbody tr")).to_have_count(len(catalog.by_category[category.id]))
    # a provision's link opens its page in the top window, not inside the frame
    frame.get_by_role("link", name=p.title, exact=True).first.click()
    expect(page).to_have_url(site.url(urls.provision(p.id)))
    expect(page).to_have_title(title_of(p.title))
    assert tab.blocked == []
    tab.assert_clean()
