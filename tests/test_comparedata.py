"""The compare page's data script: what the browser needs to align the rows, as a classic script."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from generator.project import Project
from generator.read.markup import plain_text
from generator.render import urls
from generator.render.comparedata import COMPARE_DATA, GLOBAL, compare_data, read_script, script
from generator.site.build import build

from .conftest import REPO, catalog

SCRIPT = REPO / "site_templates" / "assets" / "compare.js"
#: What the page's script must not use: markup from strings, requests (file:// refuses them), modules.
NOT_IN_SCRIPT = (
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "document.write",
    "eval(",
    "fetch(",
    "XMLHttpRequest",
    "import(",
)


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_built_data_holds_what_the_rows_need(basic: Path, directory_urls: bool) -> None:
    result = build(Project(basic), directory_urls=directory_urls)
    assert result.ok, result.messages
    site = basic / "site"
    data = read_script((site / COMPARE_DATA).read_text(encoding="utf-8"))
    cat = catalog(basic)
    assert data["format"] == 1
    assert [(p["id"], p["name"]) for p in data["platforms"]] == [(pl.id, pl.name) for pl in cat.platforms.values()]
    provisions = data["provisions"]
    assert [p["id"] for p in provisions] == list(cat.provisions)
    # each category lists its provisions (any of their categories), in the catalog's order
    assert [c["id"] for c in data["categories"]] == list(cat.categories)
    for c in data["categories"]:
        assert [provisions[i]["id"] for i in c["provisions"]] == [p.id for p in cat.by_category.get(c["id"], ())]
    # every analogue link, from both sides, with the relation read from the provision it is listed on
    for p in provisions:
        links = [(provisions[i]["id"], relation) for i, relation in p["links"]]
        assert links == [(a.other.id, a.relation) for a in cat.analogues.get(p["id"], ())]
        record = cat.provisions[p["id"]]
        assert (p["platform"], p["title"], p["status"], p["lang"]) == (
            record.platform,
            record.title,
            record.text.status,
            record.text.language,
        )
        assert p["exposure"] == (record.exposure.level if record.exposure else None)
        assert p["wording"] == (plain_text(record.text.body) if record.text.body else None)
    # links are relative to the compare page, and lead to built pages
    page = site / urls.url_path(urls.COMPARE, directory_urls)
    folder = page if directory_urls else page.parent
    hrefs = [p["href"] for p in provisions] + [x["href"] for key in ("platforms", "categories") for x in data[key]]
    for href in hrefs:
        target = Path(posixpath.normpath(folder / href))
        assert (target / "index.html" if directory_urls else target).is_file(), href
    # the page loads the data, then its script, with plain script elements
    html = page.joinpath("index.html").read_text() if directory_urls else page.read_text()
    scripts = re.findall(r'<script src="([^"]*compare[^"]*)"></script>', html)
    assert [posixpath.normpath(posixpath.join(posixpath.relpath(folder, site), s)) for s in scripts] == [
        COMPARE_DATA,
        "assets/compare.js",
    ]
    assert (site / "assets/compare.js").is_file()


def test_the_fixture_pair_and_its_relation(basic: Path) -> None:
    data = compare_data(catalog(basic))
    by_id = {p["id"]: p for p in data["provisions"]}
    ids = [p["id"] for p in data["provisions"]]
    assert by_id["acme/csam-generation"]["links"] == [[ids.index("globex/minors"), "stricter"]]
    assert by_id["globex/minors"]["links"] == [[ids.index("acme/csam-generation"), "looser"]]
    assert by_id["acme/csam-generation"]["wording"] is None  # text unavailable
    assert by_id["acme/csam-generation"]["href"] == "../provisions/acme/csam-generation/"
    assert compare_data(catalog(basic), directory_urls=False)["platforms"][0]["href"] == "platforms/acme.html"


def test_the_script_sets_the_global_and_reads_back() -> None:
    data = {"title": "</script><script>alert(1)</script>", "lines": "a\u2028b\u2029c", "quote": 'say "x"'}
    text = script(data)
    assert text.startswith("/*") and f"\nwindow.{GLOBAL} = " in text and text.endswith(";\n")
    assert "\u2028" not in text and "\u2029" not in text
    assert read_script(text) == data
    with pytest.raises(ValueError):
        read_script("var x = 1;\n")


def test_the_page_script_sets_text_never_markup_and_loads_nothing() -> None:
    """compare.js builds the tables with textContent: no HTML from strings, no request, no module."""
    source = SCRIPT.read_text(encoding="utf-8")
    for forbidden in NOT_IN_SCRIPT:
        assert forbidden not in source, forbidden
    assert not re.search(r"^\s*(import|export)\b", source, re.MULTILINE), "a module: file:// refuses it"
    assert "textContent" in source
