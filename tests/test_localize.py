"""The Japanese tree: records read in Japanese (names and prose replaced, gaps kept), built beside the English."""

from __future__ import annotations

import filecmp
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from generator.project import Project, check
from generator.relate.localize import localize

from .conftest import Atlas

CATEGORY_JA = """  translations:
    ja:
      title: 暴力的過激主義
      group: 安全
"""
PROVISION_JA = """translations:
  ja:
    method: machine
    digest: '0000000000000000000000000000000000000000000000000000000000000000'
    title: テロリズムの助長の禁止
    summary: テロリズムを助長するコンテンツを禁止する。
    text: Globexをテロリズムの助長に使用してはならない。
"""


def _translate(atlas: Atlas, basic: Path) -> None:
    cats = basic / "content/categories.yaml"
    text = cats.read_text(encoding="utf-8").replace(
        "  title: Violent extremism\n", "  title: Violent extremism\n" + CATEGORY_JA, 1
    )
    cats.write_text(text, encoding="utf-8")
    record = basic / "provisions/globex/terrorism.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("sources:", PROVISION_JA + "sources:", 1), encoding="utf-8"
    )
    code, _, err = atlas("--root", str(basic), "translation", "stamp")
    assert code == 0, err


def test_records_read_in_japanese_keep_their_gaps(atlas: Atlas, basic: Path) -> None:
    _translate(atlas, basic)
    records = check(Project(basic)).records
    ja, local = localize(records, "ja")
    assert localize(records, "en")[0] is records
    terror = next(p for p in ja.provisions if p.id == "globex/terrorism")
    english = next(p for p in records.provisions if p.id == "globex/terrorism")
    assert terror.title == "テロリズムの助長の禁止" and terror.summary == "テロリズムを助長するコンテンツを禁止する。"
    assert terror.text == english.text  # the platform's wording is never replaced
    info = local.provisions["globex/terrorism"]
    assert info.method == "machine" and not info.stale
    assert info.text == "Globexをテロリズムの助長に使用してはならない。"
    assert info.fallback == ("history",)  # its history summaries are English only
    untranslated = local.provisions["acme/csam-generation"]
    assert untranslated.method is None and "title" in untranslated.fallback
    category = next(c for c in ja.categories if c.id == "violent-extremism")
    assert (category.title, category.group) == ("暴力的過激主義", "安全")
    assert next(c for c in ja.categories if c.id == "child-safety").title == "Child sexual abuse material"


def test_the_japanese_tree_is_built_beside_the_english(atlas: Atlas, basic: Path) -> None:
    _translate(atlas, basic)
    code, _, err = atlas("--root", str(basic), "build")
    assert code == 0, err
    site = basic / "site"
    assert '<html lang="ja"' in (site / "ja/index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (site / "index.html").read_text(encoding="utf-8")
    page = (site / "ja/provisions/globex/terrorism/index.html").read_text(encoding="utf-8")
    assert "<title>テロリズムの助長の禁止 - Provision Atlas</title>" in page
    # open data is the records as they are, in both trees
    assert filecmp.cmp(site / "data/atlas.json", site / "ja/data/atlas.json", shallow=False)
    data = json.loads((site / "data/provisions/globex/terrorism.json").read_text(encoding="utf-8"))
    assert data["provision"]["title"] == "Terrorism & violent extremism"
    assert data["provision"]["translations"]["ja"]["title"] == "テロリズムの助長の禁止"
    # each tree's feeds are its own: language and ids
    feed = ET.parse(site / "ja/feeds/atlas.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ja"
    ids = [e.text or "" for e in feed.iter("{http://www.w3.org/2005/Atom}id")]
    assert ids[0] == "tag:provision-atlas.invalid,2026:ja/feeds/atlas"
    assert all(i.startswith("tag:provision-atlas.invalid,2026:ja/") for i in ids)
    english = ET.parse(site / "feeds/atlas.xml").getroot()
    assert not set(ids) & {e.text for e in english.iter("{http://www.w3.org/2005/Atom}id")}
