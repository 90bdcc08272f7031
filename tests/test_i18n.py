"""The interface strings in Japanese: the catalogue is a fresh extraction, every string is translated, and no page
of the Japanese tree shows one in English; dates as Japanese readers write them."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from generator.render import i18n

from .conftest import REPO, Built

LOCALE = REPO / "site_templates" / "locale"
POT = LOCALE / "messages.pot"
JA = LOCALE / "ja" / "LC_MESSAGES" / "messages.po"
#: as `make messages` extracts them (Makefile)
EXTRACT = ["pybabel", "-q", "extract", "-F", "babel.cfg", "-k", "gettext", "-k", "_", "--no-location", "--sort-output"]


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _ids(catalogue: Catalog) -> set[str | tuple[str, ...]]:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalogue if m.id}


def test_the_committed_catalogue_template_is_a_fresh_extraction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)  # babel.cfg names the files from the repository's root
    CommandLineInterface().run([*EXTRACT, "--omit-header", "-o", str(tmp_path / "fresh.pot"), "."])
    fresh, committed = _ids(_read(tmp_path / "fresh.pot")), _ids(_read(POT))
    assert fresh - committed == set(), "strings not in the catalogue: run `make messages` and translate them"
    assert committed - fresh == set(), "strings no page uses any more: run `make messages`"
    assert len(fresh) > 300


#: The markup a string may hold: its tags, each with its attributes (translations keep them as they are).
_TAG = re.compile(r"<[^>]+>")
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _checked(message: Message) -> list[str]:
    """What is wrong with one message of the Japanese catalogue."""
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    strings = [message.string] if isinstance(message.string, str) else list(message.string)
    wrong = []
    if message.fuzzy or not strings or not all(s.strip() for s in strings):
        return [f"untranslated or fuzzy: {ids[0]!r}"]
    for string in strings:
        if Counter(_PLACEHOLDER.findall(string)) != Counter(_PLACEHOLDER.findall(ids[0])):
            wrong.append(f"placeholders differ: {ids[0]!r} -> {string!r}")
        if Counter(_TAG.findall(string)) != Counter(_TAG.findall(ids[0])):
            wrong.append(f"markup differs: {ids[0]!r} -> {string!r}")
        if string.count('"') > ids[0].count('"'):  # a straight quote more could end an attribute the string is in
            wrong.append(f'a " more than in the English: {string!r}')
    return wrong


def test_every_string_has_its_japanese_with_the_same_placeholders_and_markup() -> None:
    ja, template = _read(JA, "ja"), _read(POT)
    assert "machine translation" in ja.header_comment.lower()
    assert ja.num_plurals == 1  # Japanese has one form; ngettext's plural forms all translate to it
    assert _ids(ja) == _ids(template), "run `make messages`"
    assert not ja.obsolete, "entries left from strings no page uses: remove them"
    wrong = [problem for message in ja if message.id for problem in _checked(message)]
    assert wrong == []


def test_the_build_reads_the_catalogue_and_english_needs_none() -> None:
    templates = REPO / "site_templates" / "pages"
    ja, en = i18n.translations(templates, "ja"), i18n.translations(templates, "en")
    assert ja.gettext("Categories") == "カテゴリ"
    assert ja.gettext("Translation (machine translation)") == "翻訳（機械翻訳）"
    assert ja.ngettext("%(num)s archived version", "%(num)s archived versions", 3) == "アーカイブ版%(num)s件"
    assert en.gettext("Categories") == "Categories"
    assert i18n.catalogue_digest(templates, "en") == "source" != i18n.catalogue_digest(templates, "ja")


def test_dates_as_each_language_writes_them() -> None:
    day = dt.date(2026, 11, 30)
    assert i18n.day(day, "ja") == "2026年11月30日"
    assert i18n.day(dt.date(2025, 4, 1), "ja") == "2025年4月1日"  # no leading zeros
    assert i18n.day(day, "en") == "2026-11-30"
    assert i18n.day(None, "ja") == ""
    assert (i18n.month("2025-04", "ja"), i18n.month("2025-04", "en")) == ("2025年4月", "April 2025")


# --- no page of the Japanese tree shows an interface string in English --------------------------------------

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Shown(HTMLParser):
    """The text nodes of a page's article, less what is marked as written in another language than ``lang``
    (record content shown in English: quotes, untranslated fields, pages written in English only) and code."""

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.open: list[tuple[str, bool]] = []  # (tag, whether it or an ancestor is left out)
        self.article = False
        self.nodes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        found = dict(attrs)
        self.article = self.article or tag == "article"
        other = found.get("lang", self.lang) != self.lang or tag in ("code", "pre", "script", "style")
        self.open.append((tag, other or bool(self.open and self.open[-1][1])))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass
        if tag == "article":
            self.article = False

    def handle_data(self, data: str) -> None:
        if self.article and data.strip() and not (self.open and self.open[-1][1]):
            self.nodes.append(" ".join(data.split()))


def _english_words(message: str) -> list[str]:
    """The stretches of an English string a page would show as they are: its text between placeholders and tags."""
    text = html.unescape(_TAG.sub(" ", message))
    return [
        part.strip(" .,:;()—·–")
        for part in _PLACEHOLDER.split(text)[::2]
        if re.search(r"[A-Za-z]{2,}", part) and part.strip(" .,:;()—·–") != "Provision Atlas"  # the site's name
    ]


def untranslated(tree: Path, lang: str = "ja") -> dict[str, list[str]]:
    """Each English stretch of the catalogue that the pages of ``tree`` show, with the pages: a stretch of three
    words or more anywhere in the article's text, a shorter one as a whole text node."""
    stretches = {
        w for m in _read(POT) if m.id for i in ([m.id] if isinstance(m.id, str) else m.id) for w in _english_words(i)
    }
    found: dict[str, list[str]] = {}
    for page in sorted(tree.rglob("*.html")):
        shown = _Shown(lang)
        shown.feed(page.read_text(encoding="utf-8"))
        text, nodes = "\n".join(shown.nodes), set(shown.nodes)
        for words in stretches:
            if words in nodes or (len(words.split()) >= 3 and words in text):
                found.setdefault(words, []).append(page.relative_to(tree).as_posix())
    return found


def test_no_page_of_the_japanese_tree_shows_an_interface_string_in_english(japanese: Built) -> None:
    for tree in (japanese.hosted / "ja", japanese.offline / "ja"):
        pages = list(tree.rglob("*.html"))
        assert len(pages) > 30
        assert untranslated(tree) == {}


def test_the_check_finds_english_strings_where_they_are(japanese: Built) -> None:
    """The same check on the English tree finds the interface's strings on every kind of page."""
    found = untranslated(japanese.hosted, "en")
    assert "How other platforms handle this" in found and "Coverage matrix" in found
    assert {"index.html", "provisions/globex/terrorism/index.html", "translations/index.html"} <= {
        page for pages in found.values() for page in pages
    }


def test_the_engine_configurations_words_are_in_the_catalogue(japanese: Built) -> None:
    """The scheme toggle's titles come from mkdocs.yml: each is marked for the catalogue, and shown in Japanese."""
    from mkdocs.utils.yaml import yaml_load

    from generator.site.trees import ENGINE_WORDS

    with (REPO / "mkdocs.yml").open(encoding="utf-8") as handle:
        palette = yaml_load(handle)["theme"]["palette"]
    assert {option["toggle"]["name"] for option in palette} == set(ENGINE_WORDS)
    header = (japanese.hosted / "ja/index.html").read_text(encoding="utf-8").split("<article")[0]
    assert "ダークモードに切り替える" in header and "Switch to dark mode" not in header
    assert "Switch to dark mode" in (japanese.hosted / "index.html").read_text(encoding="utf-8")
