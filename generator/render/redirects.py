"""Redirects from a provision's former ids (``aliases``) to its page, so old links keep working.

Each alias gets a tiny static HTML page at the address its page used to have —
``provisions/<old>/index.html`` with directory URLs, ``provisions/<old>.html``
with file URLs — holding a ``<meta http-equiv="refresh">``, a canonical link and
a visible link, for readers and crawlers alike. The engine copies the files
through unchanged; the link check follows their links like any other page's.
"""

from __future__ import annotations

import html

from generator.relate.catalog import Catalog
from generator.render import i18n, urls
from generator.render.i18n import Gettext
from generator.settings import AtlasSettings


def redirect_path(alias: str, directory_urls: bool) -> str:
    """Where the page for ``alias`` used to be, as a file below the site root."""
    path = urls.url_path(urls.provision(alias), directory_urls)
    return path + "index.html" if path.endswith("/") else path


def redirect_page(title: str, href: str, canonical: str, gettext: Gettext = i18n.same, lang: str = "en") -> str:
    t, h, c = html.escape(title), html.escape(href), html.escape(canonical)
    moved = html.escape(gettext("Moved: %(title)s - Provision Atlas") % {"title": title})
    text = gettext('This provision has a new address: <a href="%(href)s">%(title)s</a>.') % {"href": h, "title": t}
    return (
        "<!doctype html>\n"
        f'<html lang="{lang}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{moved}</title>\n"
        f'<link rel="canonical" href="{c}">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={h}">\n'
        "</head>\n"
        "<body>\n"
        f"<p>{text}</p>\n"
        "</body>\n"
        "</html>\n"
    )


def redirect_files(
    cat: Catalog, *, directory_urls: bool, settings: AtlasSettings, gettext: Gettext = i18n.same, lang: str = "en"
) -> list[tuple[str, str]]:
    """One redirect page per alias, as (path relative to the site root, HTML), in ``lang``."""
    out = []
    for p in cat.provisions.values():
        src = urls.provision(p.id)
        for alias in p.aliases:
            path = redirect_path(alias, directory_urls)
            href = urls.link_from_file(path, src, directory_urls)
            canonical = settings.absolute(urls.url_path(src, directory_urls)) or href
            out.append((path, redirect_page(p.title, href, canonical, gettext, lang)))
    return sorted(out)
