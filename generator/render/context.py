"""What every page template gets, and what one render run knows before any page is made."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gettext
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.read.model import Category, Metric, Platform, Provision
from generator.read.translation import LANGUAGES
from generator.relate import history
from generator.relate.catalog import Catalog
from generator.relate.localize import Localization
from generator.render import urls
from generator.settings import AtlasSettings

#: Changes listed on the home, platform and category pages.
RECENT_LIMIT = 10


class _Reads(threading.local):
    """What the page being rendered has read (``PageContext.cat``)."""

    catalog = False


READ = _Reads()


@dataclass(frozen=True, kw_only=True)
class PageContext:
    """What every page template gets."""

    src: str
    title: str
    u: urls.Linker
    #: the whole catalog; templates read it as ``page.cat`` (noted: see ``cat``)
    catalog: Catalog
    edit_url: str = ""
    #: the page's Atom feed (path below the site root), linked from the head and the page, or ""
    feed: str = ""
    feed_title: str = ""
    #: slugs of the prose pages (methodology, about...): pages link to them when present
    prose_slugs: tuple[str, ...] = ()
    lang: str = "en"  # the language of the page's tree
    trees: tuple[str, ...] = LANGUAGES  # the language trees the site has (settings: extra.atlas.languages)

    def prose(self, slug: str) -> bool:
        return slug in self.prose_slugs

    def english_only(self, field: str) -> bool:
        """Whether the record's ``field`` is shown in English in another language's tree (provision pages)."""
        return False

    def across(self, lang: str) -> str:
        """A link to this very page in the tree of ``lang`` (the trees mirror each other)."""
        return urls.across(self.src, self.u.directory_urls, self.lang, lang)

    @property
    def cat(self) -> Catalog:
        """The whole catalog, for hub pages; reading it makes the page depend on all of it.

        The page cache (generator.render.pagecache) stores a page that read it against
        the digest of the whole catalog. Detail pages get what they show in
        their own fields instead (``Refs``).
        """
        READ.catalog = True
        return self.catalog


@dataclass(frozen=True, slots=True)
class Refs:
    """The records a page names besides its own, and only those.

    Detail pages look names up here rather than in the whole catalog, so what
    they show (and their key in the page cache, generator.render.pagecache) depends on
    the records they name, not on every record of the atlas.
    """

    platforms: dict[str, Platform]
    categories: dict[str, Category]
    metrics: dict[str, Metric]


def refs(cat: Catalog, provisions: Iterable[Provision], metrics: Iterable[str] = ()) -> Refs:
    shown = list(provisions)
    return Refs(
        platforms={pid: cat.platforms[pid] for pid in sorted({p.platform for p in shown})},
        categories={cid: cat.categories[cid] for cid in sorted({c for p in shown for c in p.categories})},
        metrics={mid: cat.metrics[mid] for mid in sorted(set(metrics))},
    )


@dataclass(frozen=True, kw_only=True)
class Inputs:
    """What one render run knows before it makes any page; every page builder reads it, none changes it."""

    cat: Catalog
    directory_urls: bool
    settings: AtlasSettings
    day: dt.date  # the build's date (review freshness)
    changes: tuple[history.Change, ...]  # every history change, newest first
    feed_titles: dict[str, str]  # feed path -> title
    #: the generated files (feeds, open data, redirects) by path; only for kinds made after them
    files: dict[str, str] | None = None
    lang: str = "en"  # the language of the tree being rendered
    #: its interface strings (generator.render.i18n), and what each record's translation covers
    strings: gettext.NullTranslations = dataclasses.field(default_factory=gettext.NullTranslations)
    local: Localization | None = None
    #: the catalog of the records as they are, for open data, when this tree's names are translated
    data_catalog: Catalog | None = None
    data_settings: AtlasSettings | None = None  # and the site's own settings it is written with
    #: what each language's translations cover, worked out from the English records (the translation status page)
    coverage: tuple[Localization, ...] = ()

    def gettext(self, message: str) -> str:
        """``message`` (an interface string) in the tree's language."""
        return self.strings.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of a string holding the count ``n`` in the tree's language."""
        return self.strings.ngettext(singular, plural, n)

    def base(self, src: str, title: str, edit: str = "", feed: str = "") -> dict[str, Any]:
        """The fields every page context has, for the page at ``src``."""
        edit_base = self.settings.edit_base
        return {
            "src": src,
            "title": title,
            "u": urls.Linker(src, self.directory_urls),
            "catalog": self.cat,
            "edit_url": f"{edit_base}{edit}" if edit_base and edit else "",
            "feed": feed,
            "feed_title": self.feed_titles.get(feed, ""),
            "prose_slugs": self.prose_slugs,
            "lang": self.lang,
            "trees": self.settings.languages,
        }

    @functools.cached_property
    def prose_slugs(self) -> tuple[str, ...]:
        return tuple(p.slug for p in self.cat.pages)
