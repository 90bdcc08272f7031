"""Cite this and follow one provision, in the browser: the formats parse, the copy button copies, the feed is Atom."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import expect
from pybtex.database import parse_string

from generator.relate.catalog import Catalog
from generator.render import urls

from .support import Site, Tab, needs_chromium
from .test_journeys import PROVISION

pytestmark = needs_chromium
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_citation_formats_parse_and_copy(site: Site, tab: Tab, catalog: Catalog) -> None:
    page = tab.page
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab.open(urls.provision(PROVISION))
    p = catalog.provisions[PROVISION]
    bibtex = page.locator("#cite-bibtex").inner_text()
    ((_, entry),) = parse_string(bibtex, "bibtex").entries.items()
    assert entry.fields["title"].strip("{}") == p.title
    (item,) = json.loads(page.locator("#cite-csl").inner_text())
    assert item["id"] == PROVISION and item["title"] == p.title
    assert item["author"] == [{"literal": catalog.platforms[p.platform].name}]
    button = page.locator('button[data-copy="cite-bibtex"]')
    button.press("Enter")  # by keyboard
    if site.kind == "hosted":  # a secure context (localhost): the clipboard API copies
        expect(button).to_have_text("Copied")
        assert page.evaluate("navigator.clipboard.readText()") == page.locator("#cite-bibtex").text_content()
    else:  # file://: the text is selected for the reader to copy, or copied the old way
        expect(button).to_have_text(re.compile(r"^(Copied|Selected: press Ctrl\+C)$"))
    tab.assert_clean()


@pytest.mark.parametrize("site", ["hosted"], indirect=True)
def test_a_provision_feed_is_linked_and_is_atom(site: Site, tab: Tab) -> None:
    page = tab.page
    tab.open(urls.provision(PROVISION))
    link = page.locator("p.atlas-follow a.atlas-feed")
    head = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    expect(head).to_have_count(1)
    href = link.get_attribute("href") or ""
    response = page.request.get(page.evaluate("h => new URL(h, document.baseURI).href", href))
    assert response.ok
    feed = ET.fromstring(response.body())
    assert feed.tag == ATOM + "feed"
    assert feed.findtext(ATOM + "id") == f"tag:provision-atlas.invalid,2026:feeds/provisions/{PROVISION}"
    tab.assert_clean()
