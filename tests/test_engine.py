"""The engine adapter: the hooks that pass generated HTML blocks through MkDocs."""

from __future__ import annotations

from pathlib import Path

from generator.project import Project
from generator.site.build import build
from generator.site.engine.rawblocks import RAW_BLOCK, RawBlockStash, mark_raw_blocks

from .conftest import REPO


def test_stash_swaps_fenced_blocks_for_placeholders_and_back() -> None:
    page = mark_raw_blocks("## Heading\n\n<table><tr><td>*not emphasis*</td></tr></table>\n\nPlain *text*.\n")
    stash = RawBlockStash()
    markdown = stash.take("a.md", page)
    assert markdown == "## Heading\n\nATLASRAW0BLOCK\n\nPlain *text*.\n"
    html = "<h2>Heading</h2>\n<p>ATLASRAW0BLOCK</p>\n<p>Plain <em>text</em>.</p>"
    assert stash.put_back("a.md", html) == (
        "<h2>Heading</h2>\n<table><tr><td>*not emphasis*</td></tr></table>\n<p>Plain <em>text</em>.</p>"
    )
    assert stash.put_back("a.md", "<p>ATLASRAW0BLOCK</p>") == "<p>ATLASRAW0BLOCK</p>"  # taken once only


def test_engine_configuration_declares_the_hooks() -> None:
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    hooks = [name for name in config.plugins if name.endswith("engine/hooks.py")]
    assert hooks, "mkdocs.yml must declare site_templates/engine/hooks.py under hooks:"
    plugin = config.plugins[hooks[0]]
    assert callable(getattr(plugin, "on_page_markdown", None))
    assert callable(getattr(plugin, "on_page_content", None))


def test_built_pages_keep_blocks_and_leak_no_placeholder(basic: Path) -> None:
    result = build(Project(basic))
    assert result.ok, result.messages
    pages = list((basic / "site").rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "ATLASRAW" not in text and "atlas:raw" not in text, page
    # every fenced block of a generated page reaches the built page byte for byte
    built = (basic / "site" / "provisions" / "acme" / "csam-generation" / "index.html").read_text(encoding="utf-8")
    source = (basic / "build" / "docs" / "provisions" / "acme" / "csam-generation.md").read_text(encoding="utf-8")
    blocks = RAW_BLOCK.findall(source)
    assert len(blocks) > 3
    for block in blocks:
        assert block in built


def test_pages_are_held_packed_between_their_reading_and_their_template() -> None:
    from types import SimpleNamespace

    from generator.site import engine

    config = SimpleNamespace(plugins={})
    engine._pack_pages(config)
    packed = config.plugins["atlas/packed-pages"]
    html = "<h1>Titre</h1><p>" + "mot " * 500 + "</p>"
    page = SimpleNamespace(markdown="# Titre", content=None, render=lambda *_: None)
    held = packed.on_page_content(html, page=page, config=config, files=None)
    assert held == "" and page.markdown is None and "render" not in vars(page)  # the shortcuts' copy gone too
    assert len(page.atlas_packed) < len(html) // 10
    context = {"page": page}
    assert packed.on_page_context(context, page=page, config=config, nav=None) is context
    assert page.content == html and not hasattr(page, "atlas_packed")  # as made, for the template
    assert packed.on_post_page("<html>…</html>", page=page, config=config) == "<html>…</html>"
    assert page.content is None
