"""The fast path changes nothing: what the engine is spared (engine/shortcuts.py) and the language trees built side
by side (engineruns.py) give the very site the engine's own way gives, one tree after the other."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import jinja2
import markdown
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta
from pymdownx.slugs import slugify

from generator.project import Project
from generator.site.build import build
from generator.site.engine.rawblocks import RawBlockStash
from generator.site.engine.shortcuts import MEMO_BLOCKS, MEMO_PARTIALS, Headings, Shortcuts, prerender, signature

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


def test_the_frame_and_partials_are_rendered_once_per_signature_for_pages_outside_the_navigation() -> None:
    renders: list[str] = []
    blocks = "".join(f"{{% block {name} %}}{{{{ seen('{name}') }}}}{{% endblock %}}" for name in MEMO_BLOCKS)
    templates = {name: f"{{{{ seen('{name}') }}}}" for name in MEMO_PARTIALS}
    templates["base.html"] = blocks + "{% block title %}{{ page.url }}{% endblock %}"
    env = jinja2.Environment(loader=jinja2.DictLoader(templates))
    env.globals["seen"] = lambda name: renders.append(name) or name
    plugin = Shortcuts()
    in_nav = SimpleNamespace(url="platforms/")
    plugin.on_nav(SimpleNamespace(pages=[in_nav]), config=None, files=None)
    plugin.on_env(env, config=None, files=None)
    pages = ["provisions/a/x/", "provisions/b/y/", "assets/a/x/", "platforms/"]
    pages_html = [env.get_template("base.html").render(page=SimpleNamespace(url=url)) for url in pages]
    pages_html.append(env.get_template("base.html").render(page=in_nav))
    partial = env.get_template(MEMO_PARTIALS[0]).render(page=SimpleNamespace(url="provisions/c/z/"))
    assert all(html.endswith(url) for html, url in zip(pages_html, pages, strict=False)) and partial
    # once for provisions/*/*/ (both pages and the partial), once for assets/, once for platforms/ out of the
    # navigation, and once more for the page in it
    assert renders.count("footer") == 4 and renders.count("config") == 4
    assert renders.count(MEMO_PARTIALS[0]) == 1
