"""Where each page lives, and relative links between pages.

Pages are addressed by their *source path* in the generated docs folder
(``provisions/openai/csam.md``). The engine turns those into URLs either as
directories (``provisions/openai/csam/``, the hosted site) or as files
(``provisions/openai/csam.html``, the offline export that must work from
``file://``). Links are always relative, so the site works under any prefix.
"""

from __future__ import annotations

import posixpath
import urllib.parse
from dataclasses import dataclass, field

from generator.read.model import ArchiveSource


def home() -> str:
    return "index.md"


def category(cat_id: str) -> str:
    return f"categories/{cat_id}.md"


def platform(platform_id: str) -> str:
    return f"platforms/{platform_id}.md"


def provision(provision_id: str) -> str:
    return f"provisions/{provision_id}.md"


def jurisdiction(code: str) -> str:
    return f"jurisdictions/{code.lower()}.md"


def metric(metric_id: str) -> str:
    return f"transparency/{metric_id}.md"


def document(platform_id: str, document_id: str) -> str:
    return f"documents/{platform_id}/{document_id}.md"


def provision_data(provision_id: str) -> str:
    """The stable address of one provision's JSON file (open data), relative to the site root."""
    return f"data/provisions/{provision_id}.json"


def archived_source(source: ArchiveSource) -> str:
    """Where an archived text can be read at its source: the repository's file at its commit, or the address."""
    if source.repository and source.path and source.commit:
        return f"https://github.com/{source.repository}/blob/{source.commit}/{urllib.parse.quote(source.path)}"
    return source.url or ""


def prose(slug: str) -> str:
    return f"{slug}.md"


CATEGORIES = "categories/index.md"
PLATFORMS = "platforms/index.md"
JURISDICTIONS = "jurisdictions/index.md"
TRANSPARENCY = "transparency/index.md"
MATRIX = "matrix.md"
COMPARE = "compare.md"
FORMAT = "format.md"
CHANGES = "changes.md"
MAINTENANCE = "maintenance.md"
TRANSLATIONS = "translations.md"
DATA = "data/index.md"


def url_path(src: str, directory_urls: bool) -> str:
    """The URL path (relative to the site root) of the page built from ``src``."""
    stem = src.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def across(src: str, directory_urls: bool, here: str, there: str) -> str:
    """A relative link from the page built from ``src`` in the tree of language ``here`` to the same page in the tree
    of ``there``: the trees mirror each other, English at the site root and any other language in its own folder
    (``ja/``)."""
    here_link = Linker(src, directory_urls)
    if here == there:
        return here_link.to(src)
    base = here_link.base
    up = "" if base == "." else "../" * (base.count("/") + 1)
    if here != "en":
        up += "../"
    return up + ("" if there == "en" else f"{there}/") + url_path(src, directory_urls) or "./"


def link_from_file(from_path: str, src: str, directory_urls: bool, anchor: str = "") -> str:
    """A relative link from a plain file at ``from_path`` (a feed, a redirect) to the page built from ``src``."""
    return _link(src, posixpath.dirname(from_path) or ".", directory_urls, anchor)


def _link(src: str, base: str, directory_urls: bool, anchor: str) -> str:
    """A relative link from the folder ``base`` to the page built from ``src``."""
    target = url_path(src, directory_urls)
    rel = _relative(target.rstrip("/") or ".", base)
    if directory_urls:
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def _relative(target: str, base: str) -> str:
    """``posixpath.relpath`` for clean relative paths (no ``..``), without its file-system calls."""
    t = [] if target == "." else target.split("/")
    b = [] if base == "." else base.split("/")
    common = 0
    while common < min(len(t), len(b)) and t[common] == b[common]:
        common += 1
    parts = [".."] * (len(b) - common) + t[common:]
    return "/".join(parts) or "."


@dataclass(frozen=True, slots=True)
class Linker:
    """Relative links from one page (``here``) to any other page."""

    here: str
    directory_urls: bool = True
    #: the folder links start from, worked out once (a page makes hundreds of links)
    base: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        here = url_path(self.here, self.directory_urls)
        base = (here.rstrip("/") if self.directory_urls else posixpath.dirname(here)) or "."
        object.__setattr__(self, "base", base)  # a frozen dataclass sets a derived field this way

    def to(self, src: str, anchor: str = "") -> str:
        return _link(src, self.base, self.directory_urls, anchor)

    # Shortcuts for templates: a link to each kind of page.
    def provision(self, provision_id: str, anchor: str = "") -> str:
        return self.to(provision(provision_id), anchor)

    def platform(self, platform_id: str, anchor: str = "") -> str:
        return self.to(platform(platform_id), anchor)

    def category(self, category_id: str, anchor: str = "") -> str:
        return self.to(category(category_id), anchor)

    def jurisdiction(self, code: str, anchor: str = "") -> str:
        return self.to(jurisdiction(code), anchor)

    def metric(self, metric_id: str, anchor: str = "") -> str:
        return self.to(metric(metric_id), anchor)

    def document(self, platform_id: str, document_id: str, anchor: str = "") -> str:
        return self.to(document(platform_id, document_id), anchor)

    def prose(self, slug: str, anchor: str = "") -> str:
        return self.to(prose(slug), anchor)

    def file(self, path: str) -> str:
        """A link to a plain file (an asset, a download) at ``path`` below the site root."""
        return posixpath.relpath(path, self.base)
