"""The fast path changes nothing: what the engine is spared (engine/shortcuts.py) and the language trees built side
by side (engineruns.py) give the very site the engine's own way gives, one tree after the other."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import markdown
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta
from pymdownx.slugs import slugify

from generator.project import Project
from generator.site.build import build
from generator.site.engine.rawblocks import RawBlockStash
from generator.site.engine.shortcuts import (
    MEMO_BLOCKS,
    MEMO_PARTIALS,
    PAGE_TEMPLATE,
    TOC_PARTIAL,
    Headings,
    Shortcuts,
    prerender,
    signature,
)

from .conftest import Built, tree_digest

#: The engine's Markdown settings in each tree (mkdocs.yml; the Japanese tree keeps Unicode in its anchors).
SETTINGS = {
    "docs": (["toc", "tables"], {"toc": {"permalink": True}}),
    "docs-ja": (["toc", "tables"], {"toc": {"permalink": True, "slugify": slugify(case="lower")}}),
}


def _engine_own(text: str, extensions: list[str], configs: dict[str, object]) -> tuple[str, str]:
    """The page's HTML and table of contents as the engine makes them (its hook's stash, then Markdown)."""
    stash = RawBlockStash()
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)
    html = stash.put_back("page", md.convert(stash.take("page", text)))
    return html, str(get_toc(md.toc_tokens))


def test_a_generated_page_is_handed_over_as_the_engine_would_make_it(japanese: Built) -> None:
    prose = {p.name for p in (japanese.root / "content" / "pages").glob("*.md")} | {"format.md"}
    handed = 0
    for folder, (extensions, configs) in SETTINGS.items():
        headings = Headings(extensions, configs)
        for path in sorted((japanese.root / "build" / folder).rglob("*.md")):
            text, _ = meta.get_data(path.read_text(encoding="utf-8"))
            done = prerender(text, headings)
            if done is None:  # prose (Markdown paragraphs, links, tables): the engine's own way
                assert path.name in prose, path
                continue
            handed += 1
            assert (done.html, str(get_toc(done.toc))) == _engine_own(text, extensions, configs), path
    assert handed >= 60  # every generated page of the fixture's two trees


def test_a_repeated_heading_is_numbered_as_the_engine_numbers_it() -> None:
    text = "# Title\n\n## Text\n\n<!--atlas:raw-->\n<p>a</p>\n<!--/atlas:raw-->\n\n## Text\n\n## Text"
    done = prerender(text, Headings(["toc"], {"toc": {"permalink": True}}))
    assert done is not None and done.title == "Title"
    assert (done.html, str(get_toc(done.toc))) == _engine_own(text, ["toc"], {"toc": {"permalink": True}})
    assert '<h2 id="text_2">' in done.html and done.ids == {"title", "text", "text_1", "text_2"}
    assert prerender("# Title\n\nA paragraph of Markdown.", Headings(["toc"], {})) is None


def test_relative_links_depend_only_on_depth_and_shared_folders() -> None:
    nav = [[], ["platforms"], ["categories"], ["documents", "openai"]]
    assert signature("provisions/openai/x/", nav) == signature("provisions/google/y/", nav)
    assert signature("platforms/openai/", nav) != signature("provisions/openai/", nav)
    assert signature("documents/openai/terms/", nav) != signature("documents/google/terms/", nav)


def test_the_fast_build_is_the_engines_own_build_file_for_file(japanese: Built, tmp_path: Path) -> None:
    # with two cores (side_by_side()) the fixture's trees were built at once, else one after the other
    for fast_site, directory_urls in ((japanese.hosted, True), (japanese.offline, False)):
        slow = build(Project(japanese.root), out=tmp_path / "slow", directory_urls=directory_urls, fast=False)
        assert slow.ok, slow.messages
        assert tree_digest(fast_site) == tree_digest(tmp_path / "slow"), directory_urls


def test_the_generated_files_are_linked_into_the_site_not_copied(japanese: Built, tmp_path: Path) -> None:
    """A file the generator wrote beside the pages (open data, feeds) is the docs folder's own file, linked (the
    sites and the docs folder are on one file system here); the engine's own way copies it (above: the same
    files). The docs folder's files are replaced, never rewritten: the offline build writes its own open data
    (its links are file URLs), and the hosted site keeps what it was built with."""
    docs = japanese.root / "build" / "docs"

    def data(site: Path) -> dict[str, tuple[bytes, bool]]:  # each JSON file: its bytes, and whether it is linked
        found = sorted((docs / "data").rglob("*.json"))
        return {
            p.relative_to(docs).as_posix(): (
                (site / p.relative_to(docs)).read_bytes(),
                p.samefile(site / p.relative_to(docs)),
            )
            for p in found
        }

    hosted, offline = tmp_path / "hosted", tmp_path / "offline"
    assert build(Project(japanese.root), out=hosted).ok
    built = data(hosted)
    assert built and all(linked for _, linked in built.values())
    assert build(Project(japanese.root), out=offline, directory_urls=False).ok
    assert all(linked for _, linked in data(offline).values())
    after = data(hosted)
    assert {path: content for path, (content, _) in after.items()} == {path: c for path, (c, _) in built.items()}
    assert not all(linked for _, linked in after.values())  # some were written anew for the offline site
    assert (offline / "index.html").stat().st_nlink == 1  # a page is the engine's to write


def _memoizing(templates: dict[str, str]) -> tuple[jinja2.Environment, list[str]]:
    """An environment of ``templates`` (the rest of the memoized ones empty) set up by the plugin; ``seen(x)``
    in a template notes ``x`` each time it is rendered."""
    renders: list[str] = []
    names = [*MEMO_PARTIALS, TOC_PARTIAL, PAGE_TEMPLATE]
    env = jinja2.Environment(loader=jinja2.DictLoader({**dict.fromkeys(names, ""), "base.html": FRAME, **templates}))
    env.globals["seen"] = lambda name: renders.append(name) or name
    plugin = Shortcuts()
    plugin.on_nav(SimpleNamespace(pages=[IN_NAV]), config=None, files=None)
    plugin.on_env(env, config=None, files=None)
    return env, renders


IN_NAV = SimpleNamespace(url="platforms/", toc=[])
#: A page frame of the memoized blocks, each noting its rendering, and one that is not (the page's URL).
FRAME = "".join(f"{{% block {name} %}}{{{{ seen('{name}') }}}}{{% endblock %}}" for name in MEMO_BLOCKS)
FRAME += "{% block title %}{{ page.url }}{% endblock %}"


def test_the_frame_and_partials_are_rendered_once_per_signature_for_pages_outside_the_navigation() -> None:
    env, renders = _memoizing({name: f"{{{{ seen('{name}') }}}}" for name in MEMO_PARTIALS})
    urls = ["provisions/a/x/", "provisions/b/y/", "assets/a/x/", "platforms/"]
    shown = [env.get_template("base.html").render(page=SimpleNamespace(url=url)) for url in urls]
    assert all(html.endswith(url) for html, url in zip(shown, urls, strict=True))
    env.get_template("base.html").render(page=IN_NAV)
    env.get_template(MEMO_PARTIALS[0]).render(page=SimpleNamespace(url="provisions/c/z/"))
    env.get_template(MEMO_PARTIALS[0]).render(page=SimpleNamespace(url="provisions/d/z/"))
    # once for provisions/*/*/, once for assets/, once for platforms/ out of the navigation, once for the page in it
    assert renders.count("footer") == 4 and renders.count("config") == 4
    assert renders.count(MEMO_PARTIALS[0]) == 1


def _entry(title: str, children: list[Any] | None = None) -> SimpleNamespace:
    return SimpleNamespace(id=title.lower(), title=title, level=2, children=children or [])


def test_the_table_of_contents_is_rendered_once_for_pages_with_the_same_headings() -> None:
    toc_html = "{% set toc = page.toc[0].children if page.toc[0].level == 1 else page.toc %}"
    env, renders = _memoizing({TOC_PARTIAL: toc_html + "{% for e in toc %}{{ seen(e.title) }}{% endfor %}"})
    toc = env.get_template(TOC_PARTIAL)
    same = [[_entry("Text"), _entry("Note", [_entry("Why")])], [_entry("Text"), _entry("Note", [_entry("Why")])]]
    other = [[_entry("Text"), _entry("Note", [_entry("How")])], [_entry("Text")]]
    same[1] = [SimpleNamespace(id="title", title="Title", level=1, children=same[1])]  # a title: its headings shown
    shown = [toc.render(page=SimpleNamespace(url=f"p{i}/", toc=entries)) for i, entries in enumerate(same + other)]
    assert shown == ["TextNote", "TextNote", "TextNote", "Text"]
    assert renders == ["Text", "Note", "Text", "Note", "Text"]  # the second page's came from the first's
    typeset = _entry("Typeset")
    typeset.typeset = SimpleNamespace(title="<b>Typeset</b>")  # more than its title: rendered every time
    toc.render(page=SimpleNamespace(url="t1/", toc=[typeset]))
    toc.render(page=SimpleNamespace(url="t2/", toc=[typeset]))
    assert renders.count("Typeset") == 2


#: Heading text as titles are written: words of letters (Latin, accented, Japanese) and digits, spaces, punctuation.
_WORDS = st.lists(
    st.text(st.sampled_from([*"AbcXyzéß09利用規約"]), min_size=1, max_size=6)
    | st.sampled_from([" ", ", ", ": ", " (", ")", "-", ".", "  ", "--", "_", "*", "&", "<b>", "`", "'"]),
    min_size=1,
    max_size=8,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(level=st.integers(1, 6), text=_WORDS)
def test_a_plain_heading_is_made_as_the_engine_converts_it(level: int, text: str) -> None:
    line = "#" * level + " " + text
    for extensions, configs in SETTINGS.values():
        headings = Headings(extensions, configs)
        made = headings._plain(line)
        event("made from the probe" if made is not None else "converted")
        if made is not None:
            assert made == headings._converted(line), line
