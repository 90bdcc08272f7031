"""The generator's HTML blocks, fenced for the engine: how they pass through its Markdown untouched.

Our pages are Markdown for their headings (the table of contents) and HTML blocks we have already rendered and
sanitized. ``mark_raw_blocks`` fences each block (HTML comments, harmless anywhere); the engine's hook
(site_templates/engine/hooks.py) has ``RawBlockStash`` swap each fenced block for a placeholder before
Python-Markdown runs and put it back right after, in every run of the engine: ``atlas build``, ``atlas serve``
and a plain ``mkdocs build``. ``atlas build`` goes further (shortcuts.py): a page made only of fenced blocks and
headings is not parsed at all.
"""

from __future__ import annotations

import re

#: The fences around an HTML block the engine must pass through untouched (``mark_raw_blocks``).
RAW_OPEN, RAW_CLOSE = "<!--atlas:raw-->", "<!--/atlas:raw-->"
_HTML_BLOCK = re.compile(r"^<[a-zA-Z]")


def mark_raw_blocks(markdown: str) -> str:
    """Fence the HTML blocks of a generated page so that the engine hook passes them through.

    Our pages are Markdown for their headings (the table of contents) and HTML blocks we have already rendered and
    sanitized. A Markdown engine would parse that HTML again, at great cost on large pages; the fences (HTML
    comments, so harmless anywhere) let the hook (``RawBlockStash``) hand the blocks through untouched."""
    blocks = markdown.split("\n\n")
    return "\n\n".join(
        f"{RAW_OPEN}\n{block.strip(chr(10))}\n{RAW_CLOSE}" if _HTML_BLOCK.match(block.lstrip("\n")) else block
        for block in blocks
    )


RAW_BLOCK = re.compile(f"{re.escape(RAW_OPEN)}\n(.*?)\n{re.escape(RAW_CLOSE)}", re.DOTALL)
_PLACEHOLDER = re.compile(r"<p>ATLASRAW(\d+)BLOCK</p>")


class RawBlockStash:
    """Passes the generator's fenced HTML blocks through the engine's Markdown untouched.

    The blocks are already rendered and sanitized (``mark_raw_blocks``); Python-Markdown would only re-parse them,
    which dominates build time on large pages. ``take`` swaps each block for a placeholder paragraph before
    Markdown runs; ``put_back`` restores them right after, before any other plugin (search) reads the content.
    MkDocs calls both through site_templates/engine/hooks.py, declared under ``hooks:`` in mkdocs.yml."""

    def __init__(self) -> None:
        self._blocks: dict[str, list[str]] = {}

    def take(self, key: str, markdown: str) -> str:
        blocks: list[str] = []

        def keep(match: re.Match[str]) -> str:
            blocks.append(match.group(1))
            return f"ATLASRAW{len(blocks) - 1}BLOCK"

        replaced = RAW_BLOCK.sub(keep, markdown)
        self._blocks[key] = blocks
        return replaced

    def put_back(self, key: str, html: str) -> str:
        blocks = self._blocks.pop(key, [])

        def restore(match: re.Match[str]) -> str:
            index = int(match.group(1))
            return blocks[index] if index < len(blocks) else match.group(0)

        return _PLACEHOLDER.sub(restore, html)
