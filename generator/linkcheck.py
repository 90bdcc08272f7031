"""Check every internal link and anchor in a built site.

The engine validates Markdown links, but generated pages link through HTML that
the engine does not look into. This stage reads the built HTML and fails the
build on any relative link to a missing file or a missing ``#anchor``.
External links (with a scheme) are not followed: the build is offline.
"""

from __future__ import annotations

import html
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


# The built HTML is machine-written (engine, theme, our templates) with quoted
# attributes, so one regular expression reads what we need from it, at a small
# fraction of an HTML parser's cost (this runs over every page of every build).
_SKIP = re.compile(r"<!--.*?-->|(<script\b[^>]*>).*?</script>|<style\b[^>]*>.*?</style>", re.DOTALL | re.IGNORECASE)
_ATTR = re.compile(r"""\s(href|src|id)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


@dataclass(slots=True)
class _Scan:
    links: list[str]
    ids: set[str]


def _scan(path: Path) -> _Scan:
    text = _SKIP.sub(lambda m: m.group(1) or " ", path.read_text(encoding="utf-8", errors="replace"))
    scan = _Scan([], set())
    for match in _ATTR.finditer(text):
        value = html.unescape(match.group(2) if match.group(2) is not None else match.group(3))
        if match.group(1).lower() == "id":
            scan.ids.add(value)
        else:
            scan.links.append(value)
    return scan


def check_links(site: Path, *, skip: tuple[str, ...] = ("404.html",)) -> list[BrokenLink]:
    """Every broken internal link or anchor in the HTML files below ``site``."""
    files: set[str] = set()
    dirs: set[str] = {"."}
    for dirpath, dirnames, filenames in os.walk(site):
        rel_dir = os.path.relpath(dirpath, site).replace(os.sep, "/")
        dirs.update(posixpath.normpath(posixpath.join(rel_dir, d)) for d in dirnames)
        files.update(posixpath.normpath(posixpath.join(rel_dir, f)) for f in filenames)
    scans = {rel: _scan(site / rel) for rel in sorted(files) if rel.endswith(".html") and rel not in skip}
    broken: list[BrokenLink] = []
    for rel, scan in scans.items():
        base = posixpath.dirname(rel)
        for link in scan.links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("//", "mailto:")):
                continue
            fragment = urllib.parse.unquote(parts.fragment)
            if not parts.path:
                target = rel
            else:
                joined = posixpath.normpath(posixpath.join(base, urllib.parse.unquote(parts.path)))
                if joined.startswith(".."):
                    broken.append(BrokenLink(rel, link, "points outside the site"))
                    continue
                target = joined
                if parts.path.endswith("/") or target in dirs:
                    target = posixpath.join(target, "index.html") if target != "." else "index.html"
                if target not in files:
                    broken.append(BrokenLink(rel, link, "no such page"))
                    continue
            if fragment and target.endswith(".html"):
                ids = scans[target].ids if target in scans else _scan(site / target).ids
                if fragment not in ids:
                    broken.append(BrokenLink(rel, link, f"no anchor '#{fragment}'"))
    return sorted(set(broken))
