"""Check every internal link and anchor in a built site.

The engine validates Markdown links, but generated pages link through HTML that
the engine does not look into. This stage reads the built HTML and fails the
build on any relative link to a missing file or a missing ``#anchor``. A
fragment holding ``=`` is not an anchor but a page's state, read by its script
(the compare page's ``#platforms=a,b&category=c``): only its page is checked.
External links (with a scheme) are not followed: the build is offline.

It reads every page of every build (10,000 pages at 10,000 provisions), so it
is written for speed and room: regular expressions collect the attributes in C,
a link is resolved once per place it leads (the theme's links repeat on every
page), each distinct link or id is held as one string however many pages hold
it, and in a build the pages are read while the engine writes them, by a process
of their own on the core the engine leaves idle (:class:`LinkScanner`): after
the engine only resolving the links is left.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import posixpath
import re
import shutil
import struct
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator import memory
from generator.diagnostics import BuildMessage, Severity

#: How the link check's messages are signed (BuildMessage.origin).
LINKS = "links"


@dataclass(frozen=True, slots=True, order=True)
class BrokenLink:
    page: str  # path of the HTML file, relative to the site
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: broken link '{self.target}' ({self.reason})"

    def message(self) -> BuildMessage:
        return BuildMessage(LINKS, Severity.ERROR, str(self))


# The built HTML is machine-written (engine, theme, our templates), so regular
# expressions read what we need from it, at a small fraction of an HTML parser's
# cost, on its UTF-8 bytes as written (no page is decoded whole: only the values
# found). Comments, scripts and styles are cut out first (a script's own tag
# stays: its ``src`` is a link). Attributes are read in the form those writers
# use, ` name="value"`, by a pattern Python's engine runs fast. A page where that
# form does not account for every ``href`` and ``src`` (in any case, however
# spaced: a missed link would pass unseen) and every ``id=`` is read again with
# the general pattern (other quotes, spacing or case).
_SKIP = re.compile(rb"<(?:!--.*?-->|(script\b[^>]*>).*?</script>|style\b[^>]*>.*?</style>)", re.DOTALL | re.IGNORECASE)
_ATTR = re.compile(rb' (href|src|id)="([^"]*)"')
_ANY_ATTR = re.compile(rb"""\s(href|src|id)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


@dataclass(slots=True)
class _Scan:
    links: tuple[str, ...]
    ids: frozenset[str]  # sized to fit, unlike a set grown one id at a time


def _named_in(data: bytes) -> int:
    """How many times the UTF-8 ``data`` names an ``href``, ``src`` or ``id=`` in any case: every page's
    alternates name a language (``hreflang``), not a link, and no reason to read the page again. Counted with
    ASCII letters lowered, as HTML reads a name (a page lowered as a ``str`` took twice as long, and no other
    character lowers into one of these: ``tests/test_linkcheck.py``)."""
    lowered = data.lower()
    return lowered.count(b"href") - lowered.count(b"hreflang") + lowered.count(b"src") + lowered.count(b"id=")


def _scan(path: Path) -> _Scan:
    return scan_bytes(path.read_bytes())


def scan_text(text: str) -> _Scan:
    """The links (``href``, ``src``) and the ids of one page's HTML."""
    return scan_bytes(text.encode("utf-8", "surrogatepass"))


def scan_bytes(data: bytes) -> _Scan:
    """The links (``href``, ``src``) and the ids of one page's HTML, in UTF-8 (a byte that is not UTF-8 reads as
    U+FFFD)."""
    data = _SKIP.sub(lambda m: b"<" + m.group(1) if m.group(1) else b" ", data)
    found: list[tuple[bytes, bytes]] = _ATTR.findall(data)
    if len(found) != _named_in(data):
        found = [(kind.lower(), double or single) for kind, double, single in _ANY_ATTR.findall(data)]
    links: list[str] = []
    ids: set[str] = set()
    for kind, raw in found:
        value = raw.decode("utf-8", "replace")
        if "&" in value:
            value = html.unescape(value)
        # one string for each distinct value: a build's 2.4 million links are 100,000 strings (the theme's repeat)
        if kind == b"id":
            ids.add(sys.intern(value))
        else:
            links.append(sys.intern(value))
    return _Scan(tuple(links), frozenset(ids))


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


def _where(
    link: str,
    base: str,
    shared: dict[tuple[str, str], _Resolved | None],
    near: dict[str, _Resolved | None],
    files: set[str],
    dirs: set[str],
) -> _Resolved | None:
    """``_resolve``, remembered: in ``shared`` where the link leads to the same place from every folder, else
    in ``near``, which holds one folder's links (a site with directory URLs has a folder per page: remembering
    every page's own links held a million answers at 10,000 provisions, 300 MiB, each asked for once or twice)."""
    key = _memo_key(base, link)
    if key[0] == base and base:
        if link not in near:
            near[link] = _resolve(link, base, files, dirs)
        return near[link]
    if key not in shared:
        shared[key] = _resolve(key[1], key[0], files, dirs)
    return shared[key]


def check_links(
    site: Path, *, skip: tuple[str, ...] = ("404.html",), scans: Mapping[str, _Scan] | None = None
) -> list[BrokenLink]:
    """Every broken internal link or anchor in the HTML files below ``site``.

    ``scans`` holds pages already read (by a :class:`LinkScanner`, as the engine
    wrote them), by path below ``site``; the others are read here.
    """
    files: set[str] = set()
    dirs: set[str] = {"."}
    root = str(site)
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        dirs.update(prefix + d for d in dirnames)
        files.update(prefix + f for f in filenames)
    known = scans or {}
    shared: dict[tuple[str, str], _Resolved | None] = {}  # links that lead to the same place from every folder
    near: dict[str, _Resolved | None] = {}  # the links of the folder of the pages being read (one folder at a time)
    near_base = None
    broken: list[BrokenLink] = []
    anchors: list[tuple[str, str, str, str]] = []  # page, link, target page, fragment: looked up once all are read
    ids: dict[str, frozenset[str]] = {}
    for rel in sorted(rel for rel in files if rel.endswith(".html") and rel not in skip):
        scan = known.get(rel) or _scan(site / rel)
        ids[rel] = scan.ids
        base = posixpath.dirname(rel)
        if base != near_base:
            near, near_base = {}, base
        for link in scan.links:
            where = _where(link, base, shared, near, files, dirs)
            if where is None:
                continue
            if isinstance(where, str):
                broken.append(BrokenLink(rel, link, where))
                continue
            target, fragment = where
            if fragment and "=" not in fragment and (target or rel).endswith(".html"):  # with "=": state (below)
                read = known.get(target or rel)
                if read is None:
                    anchors.append((rel, link, target or rel, fragment))
                elif fragment not in read.ids:
                    broken.append(BrokenLink(rel, link, f"no anchor '#{fragment}'"))
    for rel, link, target, fragment in anchors:
        found = ids[target] if target in ids else _scan(site / target).ids  # the skipped pages (404)
        if fragment not in found:
            broken.append(BrokenLink(rel, link, f"no anchor '#{fragment}'"))
    return sorted(set(broken))


class LinkScanner:
    """Reads the links and ids of each page the engine writes, in a process of its own; use ``open``.

    ``add`` is the engine's page sink (generator.site.engine.PageSink): it writes the
    page down a pipe to ``python -m generator.site.linkcheck``, which reads it on the
    core the engine leaves idle. ``check`` then has that process check the
    finished site with what it read, reading only the files the engine copied
    rather than wrote (redirects). Should the process fail, ``check`` reads the
    whole site itself: the result is the same.
    """

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process
        self._failed = False

    @classmethod
    @contextmanager
    def open(cls) -> Iterator[LinkScanner]:
        process = subprocess.Popen(
            niced([sys.executable, "-m", "generator.site.linkcheck"]), stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert process.stdin is not None
        with contextlib.suppress(ImportError, AttributeError, OSError):  # Linux: room for pages, the engine never waits
            import fcntl

            fcntl.fcntl(process.stdin.fileno(), fcntl.F_SETPIPE_SZ, PIPE_SIZE)
        try:
            yield cls(process)
        finally:
            process.kill()
            process.wait()

    def add(self, path: str, html_text: str) -> None:
        """Read the page the engine wrote at ``path`` (below the site root) with this HTML."""
        if not self._failed:
            # encoded as the engine writes it (mkdocs.commands.build)
            self._send(path.encode("utf-8"), html_text.encode("utf-8", errors="xmlcharrefreplace"))

    def check(self, site: Path, *, skip: tuple[str, ...] = ("404.html",)) -> list[BrokenLink]:
        """Every broken internal link or anchor in ``site``, once the engine has written it."""
        if not self._failed:
            self._send(b"", json.dumps({"site": str(site), "skip": skip}).encode("utf-8"))
        if not self._failed:
            try:
                out, _ = self._process.communicate()
                if self._process.returncode == 0:
                    return [BrokenLink(*found) for found in json.loads(out)]
            except (OSError, ValueError):
                pass
        return check_links(site, skip=skip)  # the process failed: read the site here instead

    def _send(self, name: bytes, data: bytes) -> None:
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(_FRAME.pack(len(name), len(data)))
            self._process.stdin.write(name)
            self._process.stdin.write(data)
        except OSError:
            self._failed = True


#: How much lower than the engine the page readers run (the search index's Pagefind too).
NICE = 10


def niced(argv: list[str]) -> list[str]:
    """``argv`` run below the engine's priority (``NICE``), where the system has ``nice``: a page
    reader takes the time the engine leaves. Both readers (this one and Pagefind) start so."""
    found = shutil.which("nice")
    return [found, "-n", str(NICE), *argv] if found else argv


#: The pipe to the scanning process holds this much (about 30 pages) before the engine would wait.
PIPE_SIZE = 1 << 20

#: A frame on the scanning process's input: the lengths of a page's path and of its HTML,
#: then both; an empty path ends the pages, and its data says which site to check.
_FRAME = struct.Struct("<II")


def _serve() -> None:
    """The scanning process: read pages until told which site they make, then check it."""
    source = sys.stdin.buffer
    scans: dict[str, _Scan] = {}
    while header := source.read(_FRAME.size):
        name_size, data_size = _FRAME.unpack(header)
        name, data = source.read(name_size).decode("utf-8"), source.read(data_size)
        if not name:
            job = json.loads(data)
            memory.give_back()  # every page is read: the room their HTML took goes back before links are resolved
            broken = check_links(Path(job["site"]), skip=tuple(job["skip"]), scans=scans)
            json.dump([[b.page, b.target, b.reason] for b in broken], sys.stdout)
            return
        scans[name] = scan_bytes(data)
    sys.exit(1)  # the pages ended without a site to check


if __name__ == "__main__":
    _serve()
