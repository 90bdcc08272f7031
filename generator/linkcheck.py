"""Check every internal link and anchor in a built site.

The engine validates Markdown links, but generated pages link through HTML that
the engine does not look into. This stage reads the built HTML and fails the
build on any relative link to a missing file or a missing ``#anchor``.
External links (with a scheme) are not followed: the build is offline.

It reads every page of every build (10,000 pages at 10,000 provisions), so it
is written for speed: regular expressions collect the attributes in C, a link
is resolved once per folder it appears from (the theme's links repeat on every
page), and the pages are read on all cores.
"""

from __future__ import annotations

import html
import multiprocessing as mp
import os
import posixpath
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True, order=True)
class BrokenLink:
    page: str  # path of the HTML file, relative to the site
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: broken link '{self.target}' ({self.reason})"


# The built HTML is machine-written (engine, theme, our templates), so regular
# expressions read what we need from it, at a small fraction of an HTML parser's
# cost. Comments, scripts and styles are cut out first (a script's own tag stays:
# its ``src`` is a link). Attributes are read in the form those writers use,
# ` name="value"`, by a pattern Python's engine runs fast. A page where that form
# does not account for every ``href`` and ``src`` (in any case, however spaced: a
# missed link would pass unseen) and every ``id=`` is read again with the general
# pattern (other quotes, spacing or case).
_SKIP = re.compile(r"<(?:!--.*?-->|(script\b[^>]*>).*?</script>|style\b[^>]*>.*?</style>)", re.DOTALL | re.IGNORECASE)
_ATTR = re.compile(r' (href|src|id)="([^"]*)"')
_ANY_ATTR = re.compile(r"""\s(href|src|id)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)

#: Below this many pages, one process reads them faster than starting workers.
PARALLEL_MIN_PAGES = 2000


@dataclass(slots=True)
class _Scan:
    links: list[str]
    ids: set[str]


def _scan(path: Path) -> _Scan:
    text = path.read_text(encoding="utf-8", errors="replace")
    text = _SKIP.sub(lambda m: f"<{m.group(1)}" if m.group(1) else " ", text)
    found: list[tuple[str, str]] = _ATTR.findall(text)
    lowered = text.lower()
    if len(found) != lowered.count("href") + lowered.count("src") + lowered.count("id="):
        found = [(kind.lower(), double or single) for kind, double, single in _ANY_ATTR.findall(text)]
    scan = _Scan([], set())
    for kind, value in found:
        if "&" in value:
            value = html.unescape(value)
        if kind == "id":
            scan.ids.add(value)
        else:
            scan.links.append(value)
    return scan


#: A link as resolved from one folder: (target file or None for this page, fragment) or a reason it is broken.
_Resolved = tuple[str | None, str] | str


def _resolve(link: str, base: str, files: set[str], dirs: set[str]) -> _Resolved | None:
    """Where ``link`` from a page in folder ``base`` leads; None for a link not checked (external)."""
    parts = urllib.parse.urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("//", "mailto:")):
        return None
    fragment = urllib.parse.unquote(parts.fragment)
    if not parts.path:
        return (None, fragment)
    target = posixpath.normpath(posixpath.join(base, urllib.parse.unquote(parts.path)))
    if target.startswith(".."):
        return "points outside the site"
    if parts.path.endswith("/") or target in dirs:
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    if target not in files:
        return "no such page"
    return (target, fragment)


def _memo_key(base: str, link: str) -> tuple[str, str]:
    """A link and its page's folder, reduced so links that lead to the same place share a key.

    With directory URLs every page has its own folder, but the theme's links
    climb to the site root first (``../../../categories/``): once a link climbs
    above its folder, where it leads no longer depends on the folder.
    """
    if not link.startswith("../") or not base:
        return (base, link)
    climbs = 0
    while link.startswith("../", climbs * 3):
        climbs += 1
    depth = base.count("/") + 1
    rest = link[depth * 3 :]
    if climbs < depth or not rest or rest[0] in "#?/":  # those depend on the page (or are the root itself)
        return (base, link)
    return ("", rest)


#: What checking some pages gives: links found broken, links whose anchor is still to be
#: looked up (page, link, target page, fragment), and the ids of those pages.
_Checked = tuple[list[BrokenLink], list[tuple[str, str, str, str]], dict[str, set[str]]]


@dataclass(frozen=True, slots=True)
class _Site:
    root: Path
    pages: list[str]  # the HTML pages to check
    files: set[str]  # every file, relative to the root
    dirs: set[str]


_PENDING: _Site | None = None


def _check_pages(site: _Site, indices: range) -> _Checked:
    resolved: dict[tuple[str, str], _Resolved | None] = {}
    broken: list[BrokenLink] = []
    anchors: list[tuple[str, str, str, str]] = []
    ids: dict[str, set[str]] = {}
    for i in indices:
        rel = site.pages[i]
        scan = _scan(site.root / rel)
        ids[rel] = scan.ids
        base = posixpath.dirname(rel)
        for link in scan.links:
            key = _memo_key(base, link)
            if key in resolved:
                where = resolved[key]
            else:
                where = resolved[key] = _resolve(key[1], key[0], site.files, site.dirs)
            if where is None:
                continue
            if isinstance(where, str):
                broken.append(BrokenLink(rel, link, where))
                continue
            target, fragment = where
            if fragment and (target or rel).endswith(".html"):
                anchors.append((rel, link, target or rel, fragment))
    return broken, anchors, ids


def _check_range(indices: range) -> _Checked:
    assert _PENDING is not None
    return _check_pages(_PENDING, indices)


def check_links(site: Path, *, skip: tuple[str, ...] = ("404.html",), workers: int = 1) -> list[BrokenLink]:
    """Every broken internal link or anchor in the HTML files below ``site``, read on ``workers`` cores."""
    files: set[str] = set()
    dirs: set[str] = {"."}
    root = str(site)
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        dirs.update(prefix + d for d in dirnames)
        files.update(prefix + f for f in filenames)
    pages = sorted(rel for rel in files if rel.endswith(".html") and rel not in skip)
    built = _Site(site, pages, files, dirs)
    workers = min(workers, os.cpu_count() or 1)
    if workers < 2 or len(pages) < PARALLEL_MIN_PAGES or "fork" not in mp.get_all_start_methods():
        parts = [_check_pages(built, range(len(pages)))]
    else:
        global _PENDING
        _PENDING = built  # forked workers inherit it
        try:
            with mp.get_context("fork").Pool(workers) as pool:
                parts = pool.map(_check_range, [range(i, len(pages), workers) for i in range(workers)])
        finally:
            _PENDING = None
    broken = [b for part in parts for b in part[0]]
    ids = {rel: found for part in parts for rel, found in part[2].items()}
    for rel, link, target, fragment in (anchor for part in parts for anchor in part[1]):
        known = ids[target] if target in ids else _scan(site / target).ids  # the skipped pages (404)
        if fragment not in known:
            broken.append(BrokenLink(rel, link, f"no anchor '#{fragment}'"))
    return sorted(set(broken))
