"""``atlas export``: the whole site as one zip that works from ``file://`` with no network.

The site is built with file URLs (``directory_urls=False``), which also makes the
engine set it up for ``file://``: the search index inlined as a script and a
local Web Worker shim, so search runs without a server. Before zipping we check
that no page or stylesheet loads anything from outside the site; links that a
reader clicks (the platforms' policies, laws) are allowed to leave it.

The zip is deterministic: entries sorted, one fixed timestamp, fixed
permissions, no directory entries. Its date (in the file name, the folder inside
and every entry's timestamp) is ``SOURCE_DATE_EPOCH`` when set, otherwise the
newest date the records carry, so the same records give the same bytes
(docs/decisions/0004-offline-export.md). The site is built as of that date too
(``SOURCE_DATE_EPOCH`` is pinned during the build), so what it says is due for
review is as of the edition's date, not the day someone ran the export.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import urllib.parse
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from generator import settings
from generator.project import Project, check
from generator.read.model import Records
from generator.read.translation import TRANSLATED
from generator.relate import dating
from generator.settings import SettingsError
from generator.site.build import BuildResult, build

NAME = "provision-atlas-offline"

#: The oldest time a zip entry can carry (the DOS epoch); also the date of records without any date.
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)

#: Built files that mean nothing without a web server (the site's sitemaps, the
#: server's 404 page) or only to a developer's tools (source maps); left out of the zip.
EXCLUDED_FILES = frozenset({"sitemap.xml", "sitemap.xml.gz", "404.html"})  # at the root of each language's tree
EXCLUDED_SUFFIXES = (".map",)
#: Where the translated trees sit below the site root (decision 0010): each has its own sitemaps and 404 page.
_TREES = tuple(f"{lang}/" for lang in TRANSLATED)

#: Elements and attributes through which a page loads something by itself.
_LOADING_ATTRIBUTES = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
}
#: ``<link rel>`` values that load nothing.
_NON_LOADING_RELS = frozenset({"canonical", "alternate", "author", "license", "help", "next", "prev", "search"})
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.IGNORECASE)

README = """\
Provision Atlas, offline edition of {date}
{underline}

What AI platforms' policies actually say, compared provision by provision:
{provisions} provisions from {platforms} platforms in {categories} categories.

HOW TO OPEN IT

1. Unzip the download. It makes one folder, {folder}.
2. In that folder, open index.html with a web browser: double-click it, or use
   the browser's File > Open, or drag it onto a browser window.

No web server, no installation and no network connection are needed. Navigation,
the comparison tables, the coverage matrix and search all work from the files
on your disk; nothing is fetched from the internet. The only links that leave
these pages are the ones to the platforms' policy documents and to laws, and
they open only when you click them.

Search is tested in Chromium, the engine of Google Chrome and Microsoft Edge. If
search stays empty in another browser, open the site in one of those, or serve
the folder locally: `python3 -m http.server` inside it, then open
http://127.0.0.1:8000/.

ABOUT THIS EDITION

Dated {date}: {date_basis}.
The site describes what policies say. It is not legal advice.
"""


class ExportError(Exception):
    """The export could not be written (its message says why)."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    build: BuildResult
    path: Path | None = None  # the zip, once written
    files: int = 0  # files in the zip, README.txt included
    size: int = 0  # bytes of the zip
    date: dt.date | None = None
    external: tuple[str, ...] = ()  # resources that would be loaded from outside the site

    @property
    def ok(self) -> bool:
        return self.path is not None


def export_time(records: Records, environ: Mapping[str, str]) -> tuple[dt.datetime, str]:
    """The export's timestamp and what it was taken from: the build date (generator.relate.dating),
    as a zip can hold it (UTC, whole even seconds, not before 1980). ExportError on a malformed SOURCE_DATE_EPOCH."""
    try:
        date = dating.build_date(records.provisions, records.reports, environ, records.versions)
    except SettingsError as exc:
        raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
        raise ExportError(f"SOURCE_DATE_EPOCH={raw!r} is not a number of seconds since 1970") from exc
    when = max(date.when, ZIP_EPOCH).replace(microsecond=0)
    return when.replace(second=when.second - when.second % 2), date.basis.value


class _Resources(HTMLParser):
    """The URLs an HTML page loads by itself, and the CSS inside its ``<style>`` and ``style=``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "style" in values:
            self.css.append(values["style"])
        if tag == "style":
            self._in_style = True
        if tag == "link" and set(values.get("rel", "").lower().split()) <= _NON_LOADING_RELS and values.get("rel"):
            return
        for name in _LOADING_ATTRIBUTES.get(tag, ()):
            value = values.get(name, "")
            if name == "srcset":
                self.urls.extend(part.split()[0] for part in value.split(",") if part.strip())
            elif value:
                self.urls.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.css.append(data)


def _leaves_site(url: str) -> bool:
    parts = urllib.parse.urlsplit(url.strip())
    return bool(parts.netloc) or url.strip().startswith("//") or parts.scheme not in ("", "data")


def _css_urls(css: str) -> list[str]:
    return [m.group(2) or m.group(4) for m in _CSS_URL.finditer(css)]


def external_resources(site: Path) -> list[str]:
    """``page: url`` for everything a page or stylesheet of ``site`` would load from outside it."""
    found: list[str] = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            scan = _Resources()
            scan.feed(path.read_text(encoding="utf-8", errors="replace"))
            urls = scan.urls + [u for css in scan.css for u in _css_urls(css)]
        elif path.suffix == ".css":
            urls = _css_urls(path.read_text(encoding="utf-8", errors="replace"))
        else:
            continue
        found.extend(f"{rel}: {url}" for url in urls if _leaves_site(url))
    return found


def _included(rel: str) -> bool:
    in_tree = next((rel.removeprefix(tree) for tree in _TREES if rel.startswith(tree)), rel)
    return in_tree not in EXCLUDED_FILES and not rel.endswith(EXCLUDED_SUFFIXES)


def write_zip(site: Path, zip_path: Path, folder: str, when: dt.datetime, readme: str) -> int:
    """Zip ``site`` under ``folder/`` with ``README.txt``, deterministically; returns the entry count."""
    entries: dict[str, bytes] = {
        f"{folder}/{p.relative_to(site).as_posix()}": p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and _included(p.relative_to(site).as_posix())
    }
    entries[f"{folder}/README.txt"] = readme.encode("utf-8")
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(zip_path, "w") as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3  # Unix, whatever machine writes it
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, entries[name], compresslevel=9)
    return len(entries)


def export(project: Project, dist: Path | None = None, *, environ: Mapping[str, str] | None = None) -> ExportResult:
    """Build the offline site and write ``<dist>/provision-atlas-offline-<date>.zip``.

    ``dist`` defaults to ``dist/`` in the project. Nothing is written to ``dist``
    unless the build, its link check and the self-containment check all pass.
    """
    environ = os.environ if environ is None else environ
    checked = check(project)
    if not checked.ok:
        return ExportResult(BuildResult(checked.diagnostics))
    when, basis = export_time(checked.records, environ)  # a bad SOURCE_DATE_EPOCH stops it here
    dist = dist or project.root / "dist"
    work = Path(tempfile.mkdtemp(prefix="atlas-export-"))
    try:
        site = work / "site"
        # built as of the edition's date: whatever the site dates by "today" (review due) says the same
        with settings.pinned_epoch(int(when.timestamp())):
            built = build(project, out=site, directory_urls=False, checked=checked)
        if not built.ok:
            return ExportResult(built)
        external = tuple(external_resources(site))
        if external:
            return ExportResult(built, date=when.date(), external=external)
        date = when.date().isoformat()
        folder = f"{NAME}-{date}"
        r = checked.records
        readme = README.format(
            date=date,
            underline="=" * len(f"Provision Atlas, offline edition of {date}"),
            provisions=len(r.provisions),
            platforms=len(r.platforms),
            categories=len(r.categories),
            folder=folder,
            date_basis=basis,
        )
        dist.mkdir(parents=True, exist_ok=True)
        target = dist / f"{folder}.zip"
        partial = dist / f".{folder}.zip.partial"  # renamed into place whole: never a half-written zip
        try:
            files = write_zip(site, partial, folder, when, readme)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        return ExportResult(built, target, files, target.stat().st_size, when.date())
    finally:
        shutil.rmtree(work, ignore_errors=True)
