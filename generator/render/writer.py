"""Writing the rendered pages into the engine's docs folder, and the site's navigation."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import cachefile
from generator.relate.catalog import Catalog
from generator.render import urls
from generator.render.page import RenderedPage


def _wanted(pages: list[RenderedPage], assets: Path) -> dict[str, bytes]:
    wanted: dict[str, bytes] = {p.src: p.data for p in pages}
    if assets.is_dir():
        for path in sorted(assets.rglob("*")):
            if path.is_file():
                wanted["assets/" + path.relative_to(assets).as_posix()] = path.read_bytes()
    return wanted


def _remove_others(root: str, wanted: dict[str, bytes]) -> bool:
    """Remove the files below ``root`` that are not wanted, and folders left empty; returns whether any was."""
    removed = False
    for dirpath, _subdirs, filenames in os.walk(root, topdown=False):
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        for name in filenames:
            if prefix + name not in wanted:
                os.unlink(os.path.join(dirpath, name))
                removed = True
        if dirpath != root and not os.listdir(dirpath):
            os.rmdir(dirpath)
    return removed


@dataclass(frozen=True)
class Written:
    """What a write did to a docs folder: the files it wrote (relative, with ``/``), and whether it added or
    removed any (the folder's shape changed: the engine's navigation and links may too)."""

    paths: tuple[str, ...] = ()
    reshaped: bool = False

    def __len__(self) -> int:
        return len(self.paths)


def write_docs(pages: list[RenderedPage], assets: Path, docs: Path, *, manifest: Path | None = None) -> Written:
    """Write pages and assets into ``docs``, touching only files whose content changed.

    Files left over from an earlier run are removed. Returns what was written (its ``len``: how many files).
    With a ``manifest`` file (in the cache folder), a file whose size and
    modification time are those this function left it with, and whose new
    content hashes the same, is not even read: at 10,000 provisions that is
    20,000 reads saved per build. Anything else is compared byte for byte.
    """
    wanted = _wanted(pages, assets)
    known: dict[str, tuple[int, int, bytes]] = cachefile.load(manifest)
    seen: dict[str, tuple[int, int, bytes]] = {}
    root = str(docs)
    written: list[str] = []
    added = False
    for rel, data in wanted.items():
        target = os.path.join(root, rel)
        digest = hashlib.blake2b(data, digest_size=16).digest()
        try:
            stat = os.stat(target)
        except FileNotFoundError:
            stat = None
        if stat is not None and stat.st_size == len(data):
            signature = (stat.st_size, stat.st_mtime_ns, digest)
            if known.get(rel) == signature or Path(target).read_bytes() == data:
                seen[rel] = signature
                continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        added = added or stat is None
        _replace(target, data)
        stat = os.stat(target)
        seen[rel] = (stat.st_size, stat.st_mtime_ns, digest)
        written.append(rel)
    removed = _remove_others(root, wanted)
    cachefile.save(manifest, seen)
    return Written(tuple(written), added or removed)


def _replace(target: str, data: bytes) -> None:
    """Write ``data`` as a new file at ``target``, never into the file there: a built site may hold a hard link to
    it (generator.site.engine.shortcuts), and keeps what it was built with."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(target)
    with open(target, "wb") as handle:
        handle.write(data)


def write_first(pages: list[RenderedPage], docs: Path) -> Written:
    """Write ``pages`` into ``docs`` ahead of the others (``write_docs`` finds them written): those whose content
    differs from the file's. Nothing is removed. Returns what was written."""
    written: list[str] = []
    added = False
    for page in pages:
        target, data = docs / page.src, page.data
        exists = target.is_file()
        if exists and target.stat().st_size == len(data) and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(str(target), data)
        written.append(page.src)
        added = added or not exists
    return Written(tuple(written), added)


def _same(message: str) -> str:
    return message


def nav(cat: Catalog, gettext: Callable[[str], str] = _same) -> list[dict[str, Any]]:
    """The navigation, with plain-text titles in the tree's language (``gettext``): hub pages only;
    detail pages are reached through them."""
    _ = gettext
    items: list[dict[str, Any]] = [
        {_("Home"): urls.home()},
        {_("Categories"): urls.CATEGORIES},
        {_("Platforms"): urls.PLATFORMS},
        {_("Coverage matrix"): urls.MATRIX},
        {_("Compare"): urls.COMPARE},
        {_("Jurisdictions"): urls.JURISDICTIONS},
        {_("Transparency"): urls.TRANSPARENCY},
        {_("Changes"): urls.CHANGES},
    ]
    items.append(
        {
            _("About"): [
                *({p.title: urls.prose(p.slug)} for p in cat.pages),
                {_("Record format"): urls.FORMAT},
                {_("Open data"): urls.DATA},
                {_("Maintenance"): urls.MAINTENANCE},
                {_("Translation status"): urls.TRANSLATIONS},
            ]
        }
    )
    return items
