"""MkDocs hooks of the site (``hooks:`` in mkdocs.yml): the engine side of the generator's pages.

The generator fences the HTML blocks it has already rendered and sanitized
(``<!--atlas:raw-->``, see generator/site/engine/, mark_raw_blocks). These hooks hand them through
Python-Markdown untouched, which otherwise re-parses them at great cost on large
pages. Declared in the engine's configuration, they apply to every run of the
engine on the generated Markdown: ``atlas build``, ``atlas serve``, and a plain
``mkdocs build`` (the benchmark's engine baseline). Without them the site is the
same, only slower to build. The logic lives in the engine package, generator/site/engine/.
"""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority

from generator.site.engine.rawblocks import RawBlockStash

_STASH = RawBlockStash()


@event_priority(100)  # before any other plugin reads the Markdown
def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    return _STASH.take(page.file.src_uri, markdown)


@event_priority(100)  # before any other plugin (search) reads the content
def on_page_content(html: str, page: Any, **_: Any) -> str:
    return _STASH.put_back(page.file.src_uri, html)
