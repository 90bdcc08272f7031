"""Citations of a provision: plain text, BibTeX and CSL-JSON from the same facts, on the page and in open data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest
from pybtex.database import parse_string

from generator.project import Project, check
from generator.read.model import ArchivedVersion, ArchiveSource, Origin
from generator.relate.catalog import build_catalog
from generator.render import i18n
from generator.render.citation import ENGLISH, cite, words
from generator.settings import AtlasSettings

from .conftest import REPO, Atlas, Built

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


#: The plain text's own words as a Japanese page says them (the catalogue, site_templates/locale/ja).
JAPANESE = words(i18n.translations(REPO / "site_templates" / "pages", "ja").gettext, "ja")
#: An archived version of Globex's terms (the fixture corpus has none): what a quote's citation is dated by.
VERSION = ArchivedVersion(
    id="globex/terms/2025-06-10",
    platform="globex",
    document="terms",
    slug="2025-06-10",
    source=ArchiveSource(None, None, None, "https://archive.example/globex-terms", None),
    recorded=dt.date(2025, 6, 10),
    effective=None,
    url="https://globex.example/terms",
    licence="CC-BY-4.0",
    attribution=None,
    sha256="0" * 64,
    text="You may not use Globex to promote terrorism.",
    text_digest="0" * 64,
    origin=Origin("archive/globex/terms/2025-06-10.yaml"),
)


def test_a_japanese_page_cites_in_japanese_words_and_keeps_what_it_cites(catalog) -> None:  # type: ignore[no-untyped-def]
    undated = cite(catalog, catalog.provisions["acme/csam-generation"], HOSTED, DAY, JAPANESE)
    assert undated.text() == (
        "Acme AI（日付なし）「No sexual content involving minors」、Acceptable Use Policy（文言なし）。Provision Atlas。"
        "https://atlas.example.org/provisions/acme/csam-generation/（2026年11月30日閲覧）。"
    )
    quoted = dataclasses.replace(
        cite(catalog, catalog.provisions["globex/terrorism"], HOSTED, DAY, JAPANESE), version=VERSION
    )
    assert quoted.text() == (
        "Globex（2025年6月10日）「Terrorism & violent extremism」、Terms of Service（アーカイブ版2025-06-10の原文どおりの文言）。"
        "Provision Atlas。https://atlas.example.org/provisions/globex/terrorism/（2026年11月30日閲覧）。"
    )
    english = dataclasses.replace(quoted, words=ENGLISH)
    assert english.text() == (
        "Globex. (2025-06-10). Terrorism & violent extremism. In Terms of Service (verbatim text of the version "
        "archived as 2025-06-10). Provision Atlas. https://atlas.example.org/provisions/globex/terrorism/ "
        "(accessed 2026-11-30)."
    )
    # for programs, the same in both languages: BibTeX as it is, CSL-JSON saying the page cited is Japanese
    assert quoted.bibtex() == english.bibtex()
    assert "howpublished = {Terms of Service, verbatim text}" in quoted.bibtex()
    assert quoted.csl() == {**english.csl(), "language": "ja"} and "language" not in english.csl()
    assert quoted.csl()["genre"] == "verbatim text" and quoted.csl()["container-title"] == "Terms of Service"


def test_the_japanese_tree_cites_in_japanese_and_its_open_data_in_english(japanese: Built) -> None:
    def plain_text(page: Path) -> str:
        found = re.search(r'<pre id="cite-text"[^>]*>(.*?)</pre>', page.read_text(encoding="utf-8"), re.S)
        assert found is not None
        return html.unescape(found.group(1))

    terrorism = "provisions/globex/terrorism/index.html"
    data = "data/provisions/globex/terrorism.json"
    ja_data = json.loads((japanese.hosted / "ja" / data).read_text(encoding="utf-8"))["provision"]["citation"]
    en_data = json.loads((japanese.hosted / data).read_text(encoding="utf-8"))["provision"]["citation"]
    built = dt.date(*en_data["csl"]["accessed"]["date-parts"][0])  # the build date (SOURCE_DATE_EPOCH or the records')
    assert plain_text(japanese.hosted / "ja" / terrorism) == (
        "Globex（日付なし）「テロリズムの助長の禁止」、Terms of Service（原文どおりの文言）。Provision Atlas。"
        f"/ja/provisions/globex/terrorism/（{built.year}年{built.month}月{built.day}日閲覧）。"
    )
    english = plain_text(japanese.hosted / terrorism)
    assert english == (
        "Globex. (n.d.). Terrorism & violent extremism. In Terms of Service (verbatim text). Provision Atlas. "
        f"/provisions/globex/terrorism/ (accessed {built.isoformat()})."
    )
    assert ja_data == en_data and ja_data["text"] == english  # open data: the same, English, in both trees
