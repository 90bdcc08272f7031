"""Check every internal link and anchor in a built site.

The engine validates Markdown links, but generated pages link through HTML that
the engine does not look into. This stage reads the built HTML and fails the
build on any relative link to a missing file or a missing ``#anchor``.
External links (with a scheme) are not followed: the build is offline.
"""

from __future__ import annotations

import posixpath
import urllib.parse
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path


@dataclass(frozen=True, slots=True, order=True)
class BrokenLink:
    page: str  # path of the HTML file, relative to the site
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: broken link '{self.target}' ({self.reason})"


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name"):
                self.ids.add(value)
            elif (name == "href" and tag in ("a", "link", "area")) or (name == "src" and tag in ("img", "script")):
                self.links.append(value)


def _scan(path: Path) -> _Scan:
    scan = _Scan()
    scan.feed(path.read_text(encoding="utf-8", errors="replace"))
    return scan


def check_links(site: Path, *, skip: tuple[str, ...] = ("404.html",)) -> list[BrokenLink]:
    """Every broken internal link or anchor in the HTML files below ``site``."""
    pages = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}
    scans = {rel: _scan(path) for rel, path in pages.items() if rel not in skip}
    broken: list[BrokenLink] = []
    for rel, scan in scans.items():
        for link in scan.links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("//", "mailto:")):
                continue
            fragment = urllib.parse.unquote(parts.fragment)
            if not parts.path:
                target = rel
            else:
                joined = posixpath.normpath(posixpath.join(posixpath.dirname(rel), urllib.parse.unquote(parts.path)))
                if joined.startswith(".."):
                    broken.append(BrokenLink(rel, link, "points outside the site"))
                    continue
                target = joined
                if parts.path.endswith("/") or (site / target).is_dir():
                    target = posixpath.join(target, "index.html") if target != "." else "index.html"
                if not (site / target).is_file():
                    broken.append(BrokenLink(rel, link, "no such page"))
                    continue
            if fragment and target.endswith(".html"):
                ids = scans[target].ids if target in scans else _scan(site / target).ids
                if fragment not in ids:
                    broken.append(BrokenLink(rel, link, f"no anchor '#{fragment}'"))
    return sorted(set(broken))
