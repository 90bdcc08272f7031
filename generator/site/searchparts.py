"""The hosted search index in one piece per language tree: a Pagefind process each, written one after the other.

Pagefind keeps what it reads of the pages until it writes its bundle, and needs several times that while it
writes (generator.site.searchindex). Its languages are separate indexes already (each its own files, named by
language: ``index/en_…``, ``pagefind.ja_….pf_meta``), so each tree is indexed by a process of its own, and
written one after the other: each process ends, handing its memory back, before the next writes. At 10,000
provisions one process for both trees held 2 GB at its peak (docs/performance.md). The pieces are then put
together into the one bundle the pages load, with one entry file listing every language: the same files one
process writes for the same pages.

Processes: one Pagefind per tree, started with the engine stage (generator/site/build.py); docs/architecture.md
shows them.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from generator.diagnostics import BuildMessage
from generator.site.searchindex import PAGEFIND_ENTRY, SearchIndex, write_entry


class SearchParts:
    """One :class:`SearchIndex` per tree folder ("" for the site's root, "ja/"); use ``open``."""

    def __init__(self, parts: Sequence[tuple[str, SearchIndex]]) -> None:
        # the longest folder first: a page goes to the index of the innermost tree that holds it
        self._parts = list(parts)
        self._routes = sorted(self._parts, key=lambda part: -len(part[0]))

    @classmethod
    @contextmanager
    def open(cls, folders: Sequence[str]) -> Iterator[SearchParts]:
        """Start a Pagefind process for each tree; each is stopped once written, or when the block ends."""
        with ExitStack() as stack:
            yield cls([(folder, stack.enter_context(SearchIndex.open())) for folder in folders])

    def add(self, path: str, html: str) -> None:
        """Index the page the engine wrote at ``path`` below the site root, in its tree's piece."""
        for folder, index in self._routes:
            if path.startswith(folder):
                index.add(path, html)
                return

    def write(self, bundle: Path, first: threading.Event | None = None) -> tuple[BuildMessage, ...]:
        """Write each piece in turn, stopping its process as soon as it is written, then put them together into
        ``bundle``; returns what Pagefind complained of, piece by piece. ``first`` is set once the first piece is
        written (or the writing failed)."""
        complaints: list[BuildMessage] = []
        pieces = []
        try:
            for number, (_, index) in enumerate(self._parts):
                piece = bundle.parent / f"{bundle.name}-part-{number}"
                complaints += index.write(piece)
                index.stop()
                pieces.append(piece)
                if first is not None:
                    first.set()
        finally:
            if first is not None:
                first.set()
        if not complaints:
            join(pieces, bundle)
        return tuple(complaints)


def join(pieces: Sequence[Path], bundle: Path) -> None:
    """Put bundles of distinct languages together into ``bundle``: every file of each (those they share, such as
    ``pagefind.js``, are the same bytes), and one entry file listing the languages of all."""
    languages: dict[str, Any] = {}
    entry: dict[str, Any] = {}
    bundle.mkdir(parents=True, exist_ok=True)
    for piece in pieces:
        entry = json.loads((piece / PAGEFIND_ENTRY).read_text(encoding="utf-8"))
        languages.update(entry.get("languages", {}))
        for path in sorted(piece.rglob("*")):
            target = bundle / path.relative_to(piece)
            if path.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            elif path.name != PAGEFIND_ENTRY and not target.exists():
                os.replace(path, target)
        shutil.rmtree(piece)
    write_entry(bundle / PAGEFIND_ENTRY, {**entry, "languages": languages})
