"""Atom feeds (RFC 4287) of what changed: the whole atlas, each platform, each category, each provision.

Feeds are plain files the generator writes into the docs folder; the engine copies
them through. They are reproducible: every date comes from the records' history
(an entry's ``updated`` is its history date at 00:00 UTC; a feed's ``updated`` is
its newest entry's), never from the clock, and every id is a ``tag:`` URI
(RFC 4151) made of the provision id and the history date, so it is the same in
every build and wherever the site is hosted. A feed with no entries yet takes the
newest change in the whole atlas as its ``updated``; when the atlas records no
change at all, the build date (generator.relate.dating: SOURCE_DATE_EPOCH, else the
newest date anywhere in the records, else one fixed date).

Links are relative to the feed's own address, which Atom resolves like HTML does;
with ``site_url`` set in ``mkdocs.yml`` they are absolute instead.

Each feed folder also gets an empty ``sitemap.xml``. The theme (Material) takes
every ``<link rel="alternate">`` in a page for a translation of the site and asks
for the ``sitemap.xml`` beside it; the empty answer keeps that probe from failing
(a 404 in the console). File-URL builds (the offline export, read from ``file://``
where nothing can be fetched and no feed can be followed) leave the head link out.
"""

from __future__ import annotations

import datetime as dt
import html
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from generator import __version__
from generator.read.characters import visible
from generator.read.markup import render_markdown
from generator.relate.catalog import Catalog
from generator.relate.history import Change, WordDiff, marked, timeline
from generator.render import i18n, urls
from generator.render.i18n import Gettext
from generator.render.i18n import marked as _
from generator.settings import AtlasSettings

ATOM_NS = "http://www.w3.org/2005/Atom"
#: the permanent prefix of every feed and entry id; never change it (readers would see every entry as new)
TAG_PREFIX = "tag:provision-atlas.invalid,2026:"
ATLAS = "feeds/atlas.xml"
#: at most this many entries per feed, newest first; older changes stay on the pages
FEED_LIMIT = 100
NO_CHANGE = "1970-01-01T00:00:00Z"
AUTHOR = _("Provision Atlas editors")
RIGHTS = _("Records: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Not legal advice.")


def platform_feed(platform_id: str) -> str:
    return f"feeds/platforms/{platform_id}.xml"


def category_feed(category_id: str) -> str:
    return f"feeds/categories/{category_id}.xml"


def provision_feed(provision_id: str) -> str:
    return f"feeds/provisions/{provision_id}.xml"


@dataclass(frozen=True, slots=True)
class Feed:
    path: str  # the feed file, relative to the site root
    key: str  # the feed id's tail: "atlas", "platforms/acme", ...
    title: str
    subtitle: str
    page: str  # source path of the HTML page the feed belongs to
    changes: tuple[Change, ...]  # newest first


def rfc3339(date: Change | dt.date | None) -> str:
    day = date.date if isinstance(date, Change) else date
    return f"{day.isoformat()}T00:00:00Z" if day is not None else NO_CHANGE


def entry_id(change: Change, lang: str = "en") -> str:
    """An entry's permanent id; a translated tree's entries have their own (``ja/`` after the prefix)."""
    return f"{TAG_PREFIX}{_tree(lang)}provisions/{change.provision.id}/{change.key}"


def _tree(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def feeds_of(cat: Catalog, changes: tuple[Change, ...], gettext: Gettext = i18n.same) -> tuple[Feed, ...]:
    """The atlas feed, then one per platform, one per category (any listed category) and one per provision;
    titled in the language of ``gettext``."""
    _ = gettext
    out = [
        Feed(
            ATLAS,
            "atlas",
            _("Provision Atlas: what changed"),
            _("Dated changes to the AI platform policy provisions recorded in the atlas."),
            urls.CHANGES,
            changes,
        )
    ]
    for pl in cat.platforms.values():
        out.append(
            Feed(
                platform_feed(pl.id),
                f"platforms/{pl.id}",
                _("Provision Atlas: changes to %(platform)s's policies") % {"platform": pl.name},
                _("Dated changes to the provisions of %(platform)s recorded in the atlas.") % {"platform": pl.name},
                urls.platform(pl.id),
                tuple(ch for ch in changes if ch.provision.platform == pl.id),
            )
        )
    for c in cat.categories.values():
        out.append(
            Feed(
                category_feed(c.id),
                f"categories/{c.id}",
                _("Provision Atlas: changes in %(category)s") % {"category": c.title},
                _("Dated changes to provisions in the category %(category)s, on every platform.")
                % {"category": c.title},
                urls.category(c.id),
                tuple(ch for ch in changes if c.id in ch.provision.categories),
            )
        )
    return (*out, *_provision_feeds(cat, changes, gettext))


def _provision_feeds(cat: Catalog, changes: tuple[Change, ...], _: Gettext) -> list[Feed]:
    """One feed per provision: its editors' history and the changes found in the archive, to follow one rule."""
    own: dict[str, list[Change]] = {}
    for ch in changes:
        own.setdefault(ch.provision.id, []).append(ch)
    return [
        Feed(
            provision_feed(p.id),
            f"provisions/{p.id}",
            _("Provision Atlas: %(platform)s, %(provision)s")
            % {"platform": cat.platforms[p.platform].name, "provision": p.title},
            _(
                "Dated changes to this one provision of %(platform)s: its recorded history and changes found in the "
                "archive of its document."
            )
            % {"platform": cat.platforms[p.platform].name},
            urls.provision(p.id),
            tuple(own.get(p.id, ())),
        )
        for p in cat.provisions.values()
    ]


def diff_html(diff: WordDiff) -> str:
    """The inline diff as HTML with the change marked in text: ``[-old-]`` and ``{+new+}``."""
    return marked(diff, html.escape, "<del>{}</del>", "<ins>{}</ins>")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """An element; a control character, which XML does not allow, or a bidirectional one is shown as U+FFFD."""
    el = ET.SubElement(parent, tag, {name: visible(value) for name, value in attrs.items()})
    if text is not None:
        el.text = visible(text)
    return el


@dataclass(frozen=True, slots=True)
class Words:
    """The language a feed is written in: its tag, its interface strings and how it writes a date."""

    lang: str = "en"
    gettext: Gettext = i18n.same

    def day(self, date: dt.date) -> str:
        return i18n.day(date, self.lang)


def _entry_title(ch: Change, platform: str, words: Words) -> str:
    _ = words.gettext
    if ch.archived:
        when = _("%(provision)s (found in the archive, recorded %(date)s)")
    elif ch.response:
        when = _("%(provision)s (response of %(date)s)")
    else:
        when = _("%(provision)s (changed %(date)s)")
    return f"{platform}: " + when % {"provision": ch.provision.title, "date": words.day(ch.date)}


def _summary(ch: Change, gettext: Gettext) -> str:
    """What the entry says: the editors' summary, or a reply's, named as the replier's."""
    if ch.response is None:
        return ch.entry.summary
    return gettext("Response from %(by)s: %(summary)s") % {"by": ch.response.by, "summary": ch.response.summary}


def render_feed(
    feed: Feed,
    cat: Catalog,
    *,
    directory_urls: bool,
    settings: AtlasSettings,
    newest: dt.date | None,
    words: Words = Words(),  # frozen: one shared default is safe
) -> str:
    """One feed as Atom XML in the language of ``words``; ``newest`` is the date an empty feed is ``updated``
    (see the module)."""

    def link(src: str, anchor: str = "") -> str:
        absolute = settings.absolute(urls.url_path(src, directory_urls))
        if absolute:
            return absolute + (f"#{anchor}" if anchor else "")
        return urls.link_from_file(feed.path, src, directory_urls, anchor)

    diffs = {
        (p.id, t.change.key): t.diff
        for p in {ch.provision.id: ch.provision for ch in feed.changes[:FEED_LIMIT]}.values()
        for t in timeline(p)
        if t.diff is not None and t.diff.changed
    }
    root = ET.Element("feed", {"xmlns": ATOM_NS, "{http://www.w3.org/XML/1998/namespace}lang": words.lang})
    _sub(root, "id", TAG_PREFIX + _tree(words.lang) + "feeds/" + feed.key)
    _sub(root, "title", feed.title)
    _sub(root, "subtitle", feed.subtitle)
    _sub(root, "updated", rfc3339(feed.changes[0] if feed.changes else newest))
    self_href = settings.absolute(feed.path) or feed.path.rsplit("/", 1)[-1]
    _sub(root, "link", rel="self", type="application/atom+xml", href=self_href)
    _sub(root, "link", rel="alternate", type="text/html", href=link(feed.page))
    author = _sub(root, "author")
    _sub(author, "name", words.gettext(AUTHOR))
    _sub(root, "rights", words.gettext(RIGHTS))
    _sub(root, "generator", "Provision Atlas", version=__version__)
    for ch in feed.changes[:FEED_LIMIT]:
        p = ch.provision
        platform = cat.platforms[p.platform]
        entry = _sub(root, "entry")
        _sub(entry, "id", entry_id(ch, words.lang))
        _sub(entry, "title", _entry_title(ch, platform.name, words))
        stamp = rfc3339(ch)
        _sub(entry, "published", stamp)
        _sub(entry, "updated", stamp)
        _sub(entry, "link", rel="alternate", type="text/html", href=link(urls.provision(p.id), ch.anchor))
        for cat_id in p.categories:
            _sub(entry, "category", term=cat_id, label=cat.categories[cat_id].title)
        body = str(render_markdown(_summary(ch, words.gettext)))
        diff = ch.found_diff if ch.archived else diffs.get((p.id, ch.key))
        if diff is not None:
            body += "<p>" + words.gettext("Wording: %(diff)s") % {"diff": diff_html(diff)} + "</p>"
        _sub(entry, "summary", body, type="html")
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    "<!-- Answers the theme's probe for translations of a <link rel=alternate> target; lists nothing. -->\n"
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)


def render_feeds(
    cat: Catalog,
    changes: tuple[Change, ...],
    all_feeds: tuple[Feed, ...],
    *,
    directory_urls: bool,
    settings: AtlasSettings,
    day: dt.date,
    words: Words = Words(),  # frozen: one shared default is safe
) -> list[tuple[str, str]]:
    """Every feed of ``feeds_of(cat, changes)`` as (path relative to the site root, XML); ``day``: the build date."""
    newest = changes[0].date if changes else day
    out = [
        (f.path, render_feed(f, cat, directory_urls=directory_urls, settings=settings, newest=newest, words=words))
        for f in all_feeds
    ]
    folders = sorted({f.path.rsplit("/", 1)[0] for f in all_feeds})
    return out + [(f"{folder}/sitemap.xml", EMPTY_SITEMAP) for folder in folders]
