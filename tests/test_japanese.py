"""The Japanese tree of a built site: a provision's page says how its record was translated and keeps the
platform's words apart from their translation; every page links to itself in the other language; the
translation status page; feeds, embeds, redirects, open data; pages written by people, translated or in English
only, and the anchors of Japanese headings."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from generator.project import Project, check
from generator.relate.catalog import build_catalog
from generator.relate.localize import coverage
from generator.render import urls
from generator.render.runner import render_pages
from generator.settings import AtlasSettings
from generator.site.trees import trees

from .conftest import REPO, Built, copy_project, render_options, translate

TERRORISM = "provisions/globex/terrorism"  # machine-translated, up to date; one history entry of three
CSAM = "provisions/acme/csam-generation"  # translated by a person, from older English; most fields in English


def _page(tree: Path, path: str, directory_urls: bool = True) -> str:
    file = tree / (f"{path}/index.html" if directory_urls else f"{path}.html")
    return file.read_text(encoding="utf-8")


def _article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def _resolves(tree: Path, page: str, href: str) -> Path:
    """The file a relative link from ``page`` (a path below ``tree``) leads to."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))
    found = tree / target
    return found / "index.html" if href.endswith("/") or found.is_dir() else found


def test_a_machine_translated_record_says_so_and_keeps_the_wording_in_english(japanese: Built) -> None:
    html = _page(japanese.hosted / "ja", TERRORISM)
    assert '<html lang="ja"' in html
    article = _article(html)
    note = re.search(r'<div class="atlas-translation-note" role="note">(.*?)</div>', article, re.S)
    assert note is not None and "機械翻訳" in note.group(1)
    english = re.search(r'<a href="([^"]+)" hreflang="en" target="_self">このページを英語で読む</a>', note.group(1))
    assert english is not None
    assert _resolves(japanese.hosted, f"ja/{TERRORISM}/index.html", english.group(1)) == (
        japanese.hosted / TERRORISM / "index.html"
    )
    # the platform's words stay in their language, in the quote; the translation follows, never as the quote
    quote = (
        '<blockquote class="atlas-wording" lang="en"><p>You may not use Globex to promote terrorism.</p></blockquote>'
    )
    assert quote in article
    translation = article[article.index(quote) + len(quote) :]
    assert translation.startswith('\n<div class="atlas-translation" lang="ja">\n<p class="atlas-translation-label">')
    assert "<strong>翻訳（機械翻訳）</strong>" in translation.split("</div>")[0]
    assert "<p>テロリズムの助長にGlobexを使用してはならない。</p>" in translation.split("</blockquote>")[0]
    assert article.count("<blockquote") == 1 and "テロリズムの助長に" not in article.split("</blockquote>")[0]
    assert "atlas-translation-stale" not in article  # stamped with the English as it is
    # the history entries its translation does not hold are marked as English; the one it holds is not
    assert '<time datetime="2024-03-01">2024年3月1日</time> 利用規約で初めて公表された。' in article
    assert '<time datetime="2024-09-15">2024年9月15日</time> <span lang="en">Extended from terrorism' in article


def test_fields_shown_in_english_say_so_and_a_stale_translation_may_be_out_of_date(japanese: Built) -> None:
    article = _article(_page(japanese.hosted / "ja", CSAM))
    assert "この記録は英語から人が翻訳したものである。" in article and "機械翻訳" not in article
    stale = '<p class="atlas-translation-stale"><strong>この翻訳の作成後に英語の記録が変更されている。'
    assert stale in article
    notice = '<p class="atlas-in-english" lang="ja">この項目は英語のみです。</p>'
    assert f'<div class="atlas-affects" lang="en">{notice}<p>Users, API developers' in article
    assert f'{notice}\n<div lang="en"><p>Criminal liability in every major jurisdiction.</p></div>' in article
    assert '<td lang="en">Mandatory reporting to the NCMEC CyberTipline.</td>' in article
    assert '<td lang="en">Acme also covers stylized output.</td>' in article
    assert '<div lang="en"><p>Criminal statutes apply everywhere.</p></div>' in article
    assert '<span lang="en">Reworded to cover stylized output.</span>' in article
    assert (
        article.count('class="atlas-in-english"') == 6
    )  # affects, rationale, jurisdictions, compliance, analogues, history
    # what the translation holds is shown without a notice
    assert '<div class="atlas-summary"><p>写実的か様式化されたものかを問わず' in article
    assert '<div class="atlas-note"><p>正確な文言は入手できなかった。' in article


def test_a_record_with_no_translation_is_shown_in_english_and_says_so(japanese: Built) -> None:
    article = _article(_page(japanese.hosted / "ja", "provisions/initech/extremism"))
    assert "この記録はまだ翻訳されていない。" in article
    assert '<div class="atlas-summary" lang="en"><p class="atlas-in-english" lang="ja">' in article


def test_english_pages_say_nothing_of_translations(japanese: Built) -> None:
    for path in (TERRORISM, CSAM):
        article = _article(_page(japanese.hosted, path))
        for mark in ("atlas-translation", "atlas-in-english", '<div lang="en">', '<span lang="en">', "機械翻訳"):
            assert mark not in article, (path, mark)
        assert '<time datetime="2024-03-01">2024-03-01</time>' in article or path == CSAM


def test_dates_are_japanese_to_the_reader_and_iso_to_machines(japanese: Built) -> None:
    article = _article(_page(japanese.hosted / "ja", "changes", True))
    assert re.search(r'<time datetime="(\d{4})-(\d{2})-(\d{2})">\1年\d{1,2}月\d{1,2}日</time>', article)
    assert not re.search(r">\d{4}-\d{2}-\d{2}<", article)
    assert ">2025年6月<a" in article and "June 2025" not in article  # the months as headings


def test_every_page_links_to_itself_in_the_other_language(japanese: Built) -> None:
    for tree, other, prefix in (
        (japanese.hosted, japanese.hosted / "ja", ""),
        (japanese.hosted / "ja", japanese.hosted, "ja/"),
    ):
        pages = [p for p in tree.rglob("index.html") if "ja" not in p.relative_to(tree).parts or prefix]
        assert len(pages) > 30
        for page in pages:
            rel = page.relative_to(tree).as_posix()
            html = page.read_text(encoding="utf-8")
            if "<article" not in html or rel.startswith(("embed/", "provisions/globex/terror/")):
                continue  # embeds and redirects are no pages of the theme
            switch = re.search(r'<a class="md-header__button atlas-language" href="([^"]+)" hreflang="(\w+)"', html)
            assert switch is not None, rel
            assert _resolves(japanese.hosted, prefix + rel, switch.group(1)) == other / rel, rel
            alternates = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', html))
            assert set(alternates) == {"en", "ja"}, rel
            for lang, href in alternates.items():
                target = _resolves(japanese.hosted, prefix + rel, href)
                assert target == (japanese.hosted / ("" if lang == "en" else "ja/") / rel), (rel, lang)
                # the theme's script asks for a sitemap beside each alternate: it finds one
                ET.fromstring(target.with_name("sitemap.xml").read_bytes())


def test_the_offline_site_switches_language_by_file_and_names_no_alternates(japanese: Built) -> None:
    html = _page(japanese.offline / "ja", TERRORISM, directory_urls=False)
    switch = re.search(r'<a class="md-header__button atlas-language" href="([^"]+)" hreflang="en" lang="en"', html)
    assert switch is not None and switch.group(1) == "../../../provisions/globex/terrorism.html"
    assert (japanese.offline / "provisions/globex/terrorism.html").is_file()
    back = _page(japanese.offline, TERRORISM, directory_urls=False)
    assert 'href="../../ja/provisions/globex/terrorism.html" hreflang="ja" lang="ja" target="_self">日本語</a>' in back
    # from file:// the theme's lookup of a sitemap beside each alternate could only fail: none is named
    assert '<link rel="alternate" hreflang' not in html and '<link rel="alternate" hreflang' not in back
    assert not (japanese.offline / "provisions/globex/sitemap.xml").exists()
    assert not (japanese.offline / "ja/provisions/globex/sitemap.xml").exists()


def test_the_translation_status_page_in_both_trees(japanese: Built) -> None:
    ja = _article(_page(japanese.hosted / "ja", "translations"))
    en = _article(_page(japanese.hosted, "translations"))
    assert "翻訳の状況" in ja and "Translation status" in en
    assert "<strong>5件中2件</strong>の記録が翻訳済みで、うち1件は全体が翻訳されている。" in ja
    assert "by machine translation, 1 by a person. 1 have fallen behind the English." in en
    assert (
        '<tr><th scope="row"><a href="../platforms/acme/">Acme AI</a></th> <td>2</td> <td>1</td> <td>0</td> <td>0</td> <td>1</td> <td>1</td></tr>'
        in en
    )
    assert '<tr><th scope="row">Wording</th> <td>4</td> <td>1</td> <td>25%</td></tr>' in en
    assert '<tr><th scope="row">Title</th> <td>5</td> <td>2</td> <td>40%</td></tr>' in en
    # the pages written by people: counted, each with how it was made and whether it is behind the English
    assert (
        "人が書いたページは<strong>2件中2件</strong>が翻訳済みである。機械翻訳によるものが1件、人によるものが1件である。"
        "1件は英語の更新に遅れている。"
    ) in ja
    assert (
        "<strong>2 of 2</strong> pages written by people are translated: 1 by machine translation, 1 by a person. "
        "1 have fallen behind the English."
    ) in en
    assert (
        '<tr><th scope="row"><a href="../about/">このコーパスについて</a></th> <td>最新</td> <td>機械翻訳</td></tr>'
        in ja
    )
    assert (
        '<tr><th scope="row"><a href="../methodology/">Methodology</a></th> <td>behind the English</td> <td>a person</td></tr>'
        in en
    )
    for article, title in ((en, "No sexual content involving minors"), (ja, "未成年者が関わる性的コンテンツの禁止")):
        stale = article[article.index("atlas check") :]
        assert f'<a href="../provisions/acme/csam-generation/">{title}</a>' in stale
        assert "globex/terrorism/" not in stale
    for tree in (japanese.hosted, japanese.hosted / "ja"):  # linked from the maintenance page and the navigation
        maintenance = _page(tree, "maintenance")
        assert 'href="../translations/"' in _article(maintenance)
        assert "acme/csam-generation/" in _article(maintenance).split("atlas translation stamp")[1]
        assert 'href="../translations/"' in maintenance.split("<article")[0]


def _japanese_sources(root: Path) -> dict[str, str]:
    """The page sources of the Japanese tree of the project at ``root``, as the build renders them."""
    records = check(Project(root)).records
    every = trees(records, build_catalog(records), render_options(today=dt.date(2026, 11, 30)))
    assert every[1].lang == "ja"
    return {
        p.src: p.content for p in render_pages(every[1].catalog, REPO / "site_templates" / "pages", every[1].options)
    }


def test_pages_written_in_english_say_so_in_the_japanese_tree(japanese: Built, tmp_path: Path) -> None:
    html = _page(japanese.hosted / "ja", "format")  # the record format is never translated
    assert '<article class="md-content__inner md-typeset" data-pagefind-body lang="en">' in html
    assert '<p class="atlas-in-english" lang="ja">このページは英語のみです。</p>' in html
    assert 'lang="en"' not in _article(_page(japanese.hosted, "format"))[:200]
    # a prose page with no translation (here, none of the fixture's has one) is shown as it is, said to be English
    about = _japanese_sources(copy_project("basic", tmp_path / "project"))["about.md"]
    assert (
        'body_lang: "en"\n---\n\n# About\n\n<p class="atlas-in-english" lang="ja">このページは英語のみです。</p>\n\n'
        in about
    )


def test_a_translated_page_says_how_it_was_made_and_links_the_english(japanese: Built) -> None:
    html = _page(japanese.hosted / "ja", "about")
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in html  # in the tree's language
    assert "<title>このコーパスについて - Provision Atlas</title>" in html
    article = _article(html)
    note = (
        '<div class="atlas-translation-note" role="note">\n<p>このページは英語から機械翻訳したものである。'
        '基準となるのは英語のページである：<a href="../../about/" hreflang="en" target="_self">'
        "このページを英語で読む</a>。</p>\n</div>"
    )
    assert note in article and "atlas-translation-stale" not in article and "atlas-in-english" not in article
    assert _resolves(japanese.hosted, "ja/about/index.html", "../../about/") == japanese.hosted / "about/index.html"
    assert '<p>テスト用のコーパス。<a href="../methodology/">方法論</a>を参照。</p>' in article
    # a person's translation made from other English: it may be out of date
    article = _article(_page(japanese.hosted / "ja", "methodology"))
    assert "このページは英語から人が翻訳したものである。" in article and "機械翻訳" not in article
    stale = "<strong>この翻訳の作成後に英語のページが変更されている。翻訳は古くなっている可能性がある。</strong>"
    assert stale in article
    # the English pages say nothing of it
    assert "atlas-translation-note" not in _article(_page(japanese.hosted, "about"))


def test_japanese_headings_have_anchors_in_their_words_and_keep_those_the_site_links_to(japanese: Built) -> None:
    methodology = _article(_page(japanese.hosted / "ja", "methodology"))
    assert (
        '<h2 id="文言の状態"><span id="text-status"></span>文言の状態'
        '<a class="headerlink" href="#文言の状態" title="Permanent link">&para;</a></h2>'
    ) in methodology
    assert '<h2 id="エクスポージャー"><span id="exposure"></span>エクスポージャー' in methodology
    provision = _article(_page(japanese.hosted / "ja", TERRORISM))
    assert '<h2 id="引用する">引用する' in provision and 'id="_' not in provision  # not "_1", "_2"
    assert 'href="../../../methodology/#text-status"' in provision  # a status badge: resolved by the build's check
    english = _article(_page(japanese.hosted, "methodology"))  # English anchors as they were
    assert '<h2 id="text-status">Text status' in english and '<h2 id="exposure">Exposure' in english
    assert "<span id=" not in english


def test_feeds_embeds_and_redirects_of_the_japanese_tree(japanese: Built) -> None:
    feed = ET.fromstring((japanese.hosted / "ja/feeds/atlas.xml").read_bytes())
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ja"
    assert feed.findtext(f"{atom}title") == "Provision Atlas：変更点"
    titles = [e.findtext(f"{atom}title") for e in feed.iter(f"{atom}entry")]
    assert "Globex: テロリズムの助長の禁止（2025年6月10日に変更）" in titles
    embed = (japanese.hosted / "ja/embed/violent-extremism/index.html").read_text(encoding="utf-8")
    assert '<html lang="ja">' in embed and "各プラットフォームの扱い" in embed and "Exposure" not in embed
    redirect = (japanese.hosted / "ja/provisions/globex/terror/index.html").read_text(encoding="utf-8")
    assert '<html lang="ja">' in redirect and "この規定のアドレスは変わった" in redirect
    english = (japanese.hosted / "feeds/atlas.xml").read_text(encoding="utf-8")
    assert 'xml:lang="en"' in english and "<title>Provision Atlas: what changed</title>" in english


def test_links_across_the_trees() -> None:
    assert urls.across("provisions/a/b.md", True, "en", "ja") == "../../../ja/provisions/a/b/"
    assert urls.across("provisions/a/b.md", True, "ja", "en") == "../../../../provisions/a/b/"
    assert urls.across("provisions/a/b.md", False, "ja", "en") == "../../../provisions/a/b.html"
    assert urls.across("index.md", True, "en", "ja") == "ja/"
    assert urls.across("index.md", True, "ja", "en") == "../"
    assert urls.across("index.md", False, "en", "ja") == "ja/index.html"
    assert urls.across("categories/index.md", True, "en", "en") == "./"


def test_coverage_per_field_from_the_english_records(tmp_path: Path) -> None:
    root = copy_project("basic", tmp_path / "project")
    translate(root)
    local = coverage(check(Project(root)).records.provisions, "ja")
    machine, human = local.provisions["globex/terrorism"], local.provisions["acme/csam-generation"]
    assert (machine.method, machine.stale, human.method, human.stale) == ("machine", False, "human", True)
    assert machine.fields == ("title", "summary", "text", "history") == machine.translated
    assert human.translated == ("title", "summary", "interpretive_note")
    assert human.fallback == ("affects", "exposure_rationale", "jurisdictions", "analogues", "compliance", "history")
    none = local.provisions["initech/extremism"]
    assert none.method is None and none.translated == () and none.fallback == none.fields


def test_the_open_data_is_the_same_in_both_trees_with_a_site_url(tmp_path: Path) -> None:
    """Open data is the records as they are, in every tree: its addresses (a citation's too) lead into the English
    tree, wherever the tree's own pages are."""
    root = copy_project("basic", tmp_path / "project")
    translate(root)
    records = check(Project(root)).records
    hosted = AtlasSettings(site_url="https://atlas.example.org/")
    every = trees(records, build_catalog(records), render_options(settings=hosted, today=dt.date(2026, 11, 30)))
    data = [
        {
            page.src: page.content
            for page in render_pages(tree.catalog, REPO / "site_templates" / "pages", tree.options)
            if page.src.startswith("data/") and not page.src.endswith(".md")
        }
        for tree in every
    ]
    assert [tree.lang for tree in every] == ["en", "ja"]
    assert data[0] == data[1] and "data/atlas.json" in data[0]
    assert '"site_url":"https://atlas.example.org/"' in data[0]["data/atlas.json"]
    assert "https://atlas.example.org/provisions/globex/terrorism/ (accessed 2026-11-30)" in data[1]["data/atlas.json"]


def test_the_compare_pages_script_reads_its_words_from_the_page_in_its_language(japanese: Built) -> None:
    """compare.js has no words of its own: the page gives them (generator/render/kinds/compare.py), translated."""

    def words(tree: Path) -> dict[str, str | list[str]]:
        html = _page(tree, "compare")
        found = re.search(r'<script type="application/json" id="atlas-compare-strings">(.*?)</script>', html, re.S)
        assert found is not None
        said: dict[str, str | list[str]] = json.loads(found.group(1))
        return said

    ja, en = words(japanese.hosted / "ja"), words(japanese.hosted)
    assert ja.keys() == en.keys()
    assert en["rows"] == ["%(num)s row", "%(num)s rows"] and ja["rows"] == ["%(num)s行", "%(num)s行"]
    assert en["numbers"][:4] == ["no", "one", "two", "three"] and ja["numbers"] == [str(n) for n in range(11)]
    assert en["relation"] == "%(relation)s %(platform)s: %(provision)s"
    assert ja["relation"] == "%(platform)s%(relation)s：%(provision)s"
    assert ja["notOn"] == "規定なし：%(platforms)s" and ja["comma"] == "、"
    every = [said for value in ja.values() for said in (value if isinstance(value, list) else [value])]
    assert [said for said in every if re.search(r"[A-Za-z]{2,}", re.sub(r"%\(\w+\)s", "", said))] == []
    assert '<span data-relation="stricter">より厳格</span>' in _page(japanese.hosted / "ja", "compare")
