"""Citations of a provision: plain text, BibTeX and CSL-JSON from the same facts, on the page and in open data."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest
from pybtex.database import parse_string

from generator.project import Project, check
from generator.relate.catalog import build_catalog
from generator.render.citation import cite
from generator.settings import AtlasSettings

from .conftest import Atlas

DAY = dt.date(2026, 11, 30)
HOSTED = AtlasSettings(site_url="https://atlas.example.org/")


@pytest.fixture
def catalog(basic: Path):  # type: ignore[no-untyped-def]  # the fixture corpus's catalog
    result = check(Project(basic))
    assert result.ok
    return build_catalog(result.records)


def test_an_undated_paraphrase_says_n_d(catalog) -> None:  # type: ignore[no-untyped-def]
    c = cite(catalog, catalog.provisions["acme/csam-generation"], HOSTED, DAY)
    assert c.version is None and c.dated is None
    assert c.text().startswith("Acme AI. (n.d.). ")
    assert c.url == "https://atlas.example.org/provisions/acme/csam-generation/"
    assert "(accessed 2026-11-30)" in c.text()
    assert "issued" not in c.csl() and "year" not in c.bibtex()


def test_bibtex_parses_and_keeps_the_corporate_author_whole(catalog) -> None:  # type: ignore[no-untyped-def]
    for p in catalog.provisions.values():
        c = cite(catalog, p, HOSTED, DAY)
        db = parse_string(c.bibtex(), "bibtex")
        ((key, entry),) = db.entries.items()
        assert entry.type == "misc"
        assert entry.fields["url"] == c.url and entry.fields["urldate"] == "2026-11-30"
        assert re.fullmatch(r"[A-Za-z0-9-]+", key)
        assert entry.persons["author"][0].last_names == ["{" + catalog.platforms[p.platform].name + "}"]


def test_special_characters_are_escaped_for_tex() -> None:
    from generator.render.citation import _bib

    assert _bib("R&D 100% of $5 #1 a_b {x} ~ ^ \\") == (
        r"R\&D 100\% of \$5 \#1 a\_b \{x\} \textasciitilde\{\} \^\{\} \textbackslash\{\}"
    )


CSL_TYPES = {"id": str, "type": str, "title": str, "container-title": str, "URL": str, "publisher": str, "genre": str}


def test_csl_json_has_the_types_csl_processors_expect(catalog) -> None:  # type: ignore[no-untyped-def]
    for p in catalog.provisions.values():
        item = json.loads(json.dumps(cite(catalog, p, HOSTED, DAY).csl()))
        for name, kind in CSL_TYPES.items():
            assert isinstance(item[name], kind), (p.id, name)
        assert item["author"] == [{"literal": catalog.platforms[p.platform].name}]
        assert item["accessed"] == {"date-parts": [[2026, 11, 30]]}


def test_the_page_offers_three_formats_and_open_data_carries_them(atlas: Atlas, basic: Path) -> None:
    code, _, err = atlas("--root", str(basic), "build")
    assert code == 0, err
    page = (basic / "site/provisions/globex/terrorism/index.html").read_text(encoding="utf-8")
    texts = {
        name: html.unescape(re.search(rf'<pre id="cite-{name}"[^>]*>(.*?)</pre>', page, re.S).group(1))  # type: ignore[union-attr]
        for name in ("text", "bibtex", "csl")
    }
    data = json.loads((basic / "site/data/provisions/globex/terrorism.json").read_text(encoding="utf-8"))
    citation = data["provision"]["citation"]
    assert texts["text"] == citation["text"]
    assert texts["bibtex"] == citation["bibtex"]
    assert json.loads(texts["csl"]) == [citation["csl"]]
    assert parse_string(texts["bibtex"], "bibtex").entries
    assert 'data-copy="cite-bibtex"' in page and "assets/atlas-tools.js" in page
    assert 'href="../../../feeds/provisions/globex/terrorism.xml"' in page
