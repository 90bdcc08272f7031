"""Editions: a document as published in another language, archived beside its versions (``<date>.<language>``),
quoted by a record's translation and proved against it, and shown as the platform's own words or a third
party's translation, never in place of the original."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.project import Project, check
from generator.relate.catalog import build_catalog
from generator.render.runner import render_pages
from generator.site.trees import render_options, trees
from tests.conftest import Atlas

Write = Callable[[str, str | bytes], Path]

EDITION = "# 利用規約\n\n* テロリズムを助長するためにGlobexを使用してはなりません。\n* 親切にしてください。\n"
WORDING = "テロリズムを助長するためにGlobexを使用してはなりません。"
FOLDER = "archive/globex/terms"


def _add_edition(atlas: Atlas, basic: Path, *publisher: str, language: str = "ja") -> tuple[int, str, str]:
    source = basic.parent / "edition.txt"
    source.write_text(EDITION, encoding="utf-8")
    args = ["--to", "globex/terms", "--recorded", "2025-01-15", "--source-url", "https://globex.example/ja/terms"]
    args += ["--licence", "All rights reserved; quoted for comparison", "--language", language, *publisher]
    return atlas("--root", str(basic), "archive", "add", str(source), *args)


def _quote_edition(write: Write, basic: Path, text: str = WORDING, version: str = "2025-01-15.ja") -> None:
    """globex/terrorism's Japanese translation gives its wording from the edition."""
    path = basic / "provisions" / "globex" / "terrorism.yaml"
    record = path.read_text(encoding="utf-8")
    record = (
        record[: record.index("translations:")] + record[record.index("sources:") :]
        if "translations:" in record
        else record
    )
    block = (
        "translations:\n  ja:\n    method: machine\n    digest: " + "0" * 64 + "\n    title: テロリズムの助長\n"
        f"    edition:\n      version: {version}\n      text: {text}\n"
    )
    write("provisions/globex/terrorism.yaml", record.replace("sources:", block + "sources:"))


def test_an_edition_is_archived_beside_the_versions_named_by_its_language(atlas: Atlas, basic: Path) -> None:
    assert _add_edition(atlas, basic, "--publisher", "Example News") == (
        0,
        "archived 1 new version of globex/terms\n",
        "",
    )
    assert sorted(p.name for p in (basic / FOLDER).iterdir()) == ["2025-01-15.ja.md", "2025-01-15.ja.yaml"]
    provenance = (basic / FOLDER / "2025-01-15.ja.yaml").read_text(encoding="utf-8")
    assert provenance.endswith('\nlanguage: "ja"\npublisher: "Example News"\n')
    assert atlas("--root", str(basic), "fmt", "--check", str(basic / FOLDER / "2025-01-15.ja.yaml"))[0] == 0
    assert _add_edition(atlas, basic, "--publisher", "Example News")[1] == "archived 0 new versions of globex/terms\n"
    records = check(Project(basic)).records
    cat = build_catalog(records)
    assert cat.versions == {}  # an edition is no version of the document: no history, no quotes proved by it
    assert [e.id for e in cat.editions[("globex", "terms")]] == ["globex/terms/2025-01-15.ja"]


def test_an_edition_must_be_in_another_language_and_named_by_it(atlas: Atlas, basic: Path, write: Write) -> None:
    assert _add_edition(atlas, basic, language="en")[0] == 0
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 1
    assert err.splitlines()[0] == (
        f"{FOLDER}/2025-01-15.en.yaml:9:11: error: an edition must be in another language than its document (en) "
        "(leave out 'language': a version in the document's own language is one of its versions)"
    )
    (basic / FOLDER / "2025-01-15.en.yaml").unlink()
    (basic / FOLDER / "2025-01-15.en.md").unlink()
    assert _add_edition(atlas, basic)[0] == 0
    for suffix in (".yaml", ".md"):
        (basic / FOLDER / f"2025-01-15.ja{suffix}").rename(basic / FOLDER / f"2025-01-15{suffix}")
    code, _, err = atlas("--root", str(basic), "check")
    assert err.splitlines()[0] == (
        f"{FOLDER}/2025-01-15.yaml:5:11: error: the version's name '2025-01-15' is not the date it was recorded "
        "(2025-01-15) and its language (name its two files <recorded>.ja.yaml and <recorded>.ja.md "
        "(-2, -3... after the date for more that day))"
    )


def test_wording_from_an_edition_is_proved_against_it(atlas: Atlas, basic: Path, write: Write) -> None:
    assert _add_edition(atlas, basic)[0] == 0
    _quote_edition(write, basic)
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 0 and "quote-not-found" not in err and "no archived" not in err
    _quote_edition(write, basic, text="テロリズムを支援するためにGlobexを使用してはなりません。")
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 1
    assert (
        "provisions/globex/terrorism.yaml:18:13: error: the wording is not in the archived edition "
        "globex/terms/2025-01-15.ja: 'テロリズムを支援するためにGlobexを使用してはなりません。'"
    ) in err
    _quote_edition(write, basic, version="2025-01-16.ja")
    code, _, err = atlas("--root", str(basic), "check")
    assert (
        "provisions/globex/terrorism.yaml:17:16: error: no archived ja edition '2025-01-16.ja' of globex/terms "
        "(did you mean '2025-01-15.ja'?)"
    ) in err


def _japanese_pages(basic: Path) -> dict[str, str]:
    project = Project(basic)
    records = check(project).records
    ja = trees(records, build_catalog(records), render_options(project))[1]
    assert ja.lang == "ja"
    pages = render_pages(ja.catalog, project.templates, ja.options)
    return {page.src: page.content for page in pages}


def test_a_third_partys_translation_is_shown_as_such_beside_the_original(
    atlas: Atlas, basic: Path, write: Write
) -> None:
    assert _add_edition(atlas, basic, "--publisher", "Example News")[0] == 0
    _quote_edition(write, basic)
    pages = _japanese_pages(basic)
    page = pages["provisions/globex/terrorism.md"]
    original = page.index('<blockquote class="atlas-wording" lang="en">')
    edition = page.index('<div class="atlas-edition" lang="ja">')
    assert original < edition
    assert "<strong>Example Newsが公開した翻訳：</strong> Globex自身の文言ではない。" in page[edition:]
    assert (
        f'<blockquote class="atlas-wording atlas-edition-wording atlas-edition-third" lang="ja"><p>{WORDING}</p></blockquote>'
        in page
    )
    assert "atlas-translation-text" not in page  # the edition's wording, not a translation made here
    assert '（<a href="../../../documents/globex/terms/#editions">この文書の各言語版</a>）。' in page
    document = pages["documents/globex/terms.md"]
    assert "Example News（第三者による翻訳であり、プラットフォーム自身の文言ではない）" in document


def test_the_platforms_own_edition_is_shown_as_its_own_words(atlas: Atlas, basic: Path, write: Write) -> None:
    assert _add_edition(atlas, basic)[0] == 0
    _quote_edition(write, basic)
    pages = _japanese_pages(basic)
    page = pages["provisions/globex/terrorism.md"]
    assert "原文（英語）：Globex自身の文言。" in page
    assert "<strong>Globex自身の日本語版：</strong> これもプラットフォーム自身の文言である。" in page
    assert "Globex自身（プラットフォーム自身の文言）" in pages["documents/globex/terms.md"]
