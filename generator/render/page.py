"""What the render stage hands on: pages described without any engine's vocabulary.

A page is a title, a Markdown body and how it is laid out (navigation beside it,
a table of contents, whether search indexes it). Turning that into the source
file an engine reads (its front-matter keys, how generated HTML blocks pass
through its Markdown) is the engine's work: the site stage passes a
:data:`SourceWriter` in :class:`RenderOptions` (generator.site.engine.page_source).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.read.translation import LANGUAGES
from generator.relate.catalog import Catalog
from generator.relate.localize import Localization
from generator.render import i18n, urls
from generator.settings import AtlasSettings


@dataclass(frozen=True, slots=True)
class Layout:
    """How a page is shown, in the reader's terms."""

    navigation: bool = False  # the site's navigation beside the page (hub and prose pages)
    toc: bool = True  # the page's own table of contents
    searchable: bool = True  # found by the site's search


#: Detail and hub pages: the page takes the width; the top tabs navigate.
WIDE = Layout()


@dataclass(frozen=True, slots=True)
class Alternate:
    """The same page in one language's tree of the site."""

    lang: str
    name: str  # the language's name in itself ("日本語")
    href: str  # relative to the page
    current: bool  # the page's own language


def alternates(src: str, directory_urls: bool, lang: str, built: tuple[str, ...] = LANGUAGES) -> tuple[Alternate, ...]:
    """The page built from ``src`` in every language's tree the site has (``built``: the settings' languages),
    linked from its tree of ``lang``; none when the site has one language."""
    if len(built) < 2:
        return ()
    return tuple(
        Alternate(other, i18n.NAMES[other], urls.across(src, directory_urls, lang, other), other == lang)
        for other in LANGUAGES
        if other in built
    )


@dataclass(frozen=True, slots=True)
class PageSource:
    """One page as the engine receives it."""

    title: str | None  # plain text; None: the engine titles the page with the site's name (the home page)
    body: str
    #: True when the body's HTML blocks were rendered and sanitized here and must pass through untouched;
    #: False for Markdown written by people (prose pages), which the engine renders itself
    generated: bool
    layout: Layout
    feed: str = ""  # a relative link to the page's Atom feed, or ""
    feed_title: str = ""
    #: the page in each language's tree (the header's switch between them); ``hreflang``: whether the head
    #: names them too (hosted builds only: see ``engine.page_source``)
    alternates: tuple[Alternate, ...] = ()
    hreflang: bool = False
    #: the language of a body written in another than the tree's (a page in English only), else ""
    body_lang: str = ""


#: Writes one page's source file for the engine (generator.site.engine.page_source).
SourceWriter = Callable[[PageSource], str]


@dataclass(frozen=True, slots=True)
class RenderOptions:
    directory_urls: bool = True
    #: the generator's settings; None reads them from the project's mkdocs.yml (see generator.settings)
    settings: AtlasSettings | None = None
    #: the build's date for review freshness; None means the build date (generator.relate.dating)
    today: dt.date | None = None
    #: the engine's writer of page source files (the site stage passes its engine's)
    source: SourceWriter = field(kw_only=True)
    #: the language of the tree being rendered ("en", "ja"), and what its records' translations cover
    language: str = field(default="en", kw_only=True)
    localization: Localization | None = field(default=None, kw_only=True)
    #: the untranslated catalog, whose records the open data of a translated tree carries as they are, and the
    #: site's own settings it is written with (its addresses lead into the English tree, as in the English data)
    data_catalog: Catalog | None = field(default=None, kw_only=True)
    data_settings: AtlasSettings | None = field(default=None, kw_only=True)
    #: what each language's translations cover (the translation status page, in every tree); empty: worked out
    #: from the catalog when it is the English one
    coverage: tuple[Localization, ...] = field(default=(), kw_only=True)


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """One file of a docs folder, held as the UTF-8 it is written in: a page's text with one character beyond
    Latin-1 (a dash, an arrow, any Japanese) takes two or four bytes a character in memory, its UTF-8 little more
    than one (2,000 English provision pages at 10,000 provisions: 55.6 MB as text, 27.7 MB as UTF-8)."""

    src: str  # path inside the docs folder
    data: bytes

    @classmethod
    def of(cls, src: str, content: str) -> RenderedPage:
        return cls(src, content.encode("utf-8"))

    @property
    def content(self) -> str:
        return self.data.decode("utf-8")


@dataclass(frozen=True, slots=True)
class RenderStats:
    pages: int  # pages rendered from templates in this run (the generated files aside)
    from_cache: int  # of which taken unchanged from the last run (generator.render.pagecache)
