"""A category comparison to embed in another site: one small page per category, for an iframe.

``embed/<category>/index.html`` (in both URL styles: the file is reached by its own
address) is a self-contained HTML document, written as a generated file and copied
through by the engine, not drawn by its theme: inline CSS, no script, nothing loaded
from anywhere. It lists each platform's provisions in the category with their text
status and exposure in words (the labels of ``_macros.md.j2``), names the platforms
with none, and links back to the full comparison. Every link opens in the top window
(``target="_top"``), not inside the frame.

Links are relative to the embed's own address, which is also what a browser resolves
them against inside an iframe on another site; with ``site_url`` set in ``mkdocs.yml``
they are absolute. The category page shows the ``<iframe>`` to copy
(:class:`EmbedCode`); docs/embedding.md is the embedders' guide.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from generator.read.model import Category, Platform, Provision
from generator.relate.catalog import Catalog
from generator.render import i18n, urls
from generator.render.i18n import Gettext
from generator.settings import AtlasSettings

#: The embed's template, in site_templates/pages/ beside the macros whose labels it shows.
TEMPLATE = "embed.html.j2"
#: The iframe's suggested height: room for the heading, the table's head and the links, and a row per provision.
BASE_HEIGHT, ROW_HEIGHT, MAX_HEIGHT = 200, 40, 1200


def embed_path(category_id: str) -> str:
    """The embed's file, below the site root."""
    return f"embed/{category_id}/index.html"


def embed_url_path(category_id: str, directory_urls: bool) -> str:
    """The embed's address below the site root: its folder on the hosted site, its file offline."""
    return f"embed/{category_id}/" if directory_urls else embed_path(category_id)


def iframe_title(category: Category, gettext: Gettext = i18n.same) -> str:
    return gettext("%(category)s: how every platform handles this (Provision Atlas)") % {"category": category.title}


@dataclass(frozen=True, slots=True)
class EmbedCode:
    """What the category page offers to copy: an ``<iframe>`` of its embed."""

    src: str  # absolute with a site_url, else relative to the category page
    title: str
    height: int  # pixels; the frame scrolls when its table is longer
    preview: str  # a link from the category page to the embed, always relative (the link check follows it)

    @property
    def snippet(self) -> str:
        src, title = html.escape(self.src), html.escape(self.title)
        return f'<iframe src="{src}" title="{title}" width="100%" height="{self.height}" loading="lazy"></iframe>'


def embed_code(
    category: Category, provisions: int, *, here: urls.Linker, settings: AtlasSettings, gettext: Gettext = i18n.same
) -> EmbedCode:
    """The iframe for ``category``'s embed, as the category page at ``here`` shows it (titled by ``gettext``)."""
    relative = here.file(embed_path(category.id))
    if here.directory_urls:
        relative = relative.removesuffix("index.html")
    src = settings.absolute(embed_url_path(category.id, here.directory_urls)) or relative
    height = min(BASE_HEIGHT + ROW_HEIGHT * provisions, MAX_HEIGHT)
    return EmbedCode(src=src, title=iframe_title(category, gettext), height=height, preview=relative)


@dataclass(frozen=True, slots=True)
class EmbedRow:
    platform: Platform
    provisions: tuple[tuple[Provision, str], ...]  # each with the link to its page


@dataclass(frozen=True, kw_only=True)
class EmbedContext:
    """What the embed template gets (as ``e``)."""

    category: Category
    title: str
    rows: tuple[EmbedRow, ...]  # platforms with a provision in the category
    missing: tuple[Platform, ...]  # platforms without one
    comparison: str  # link to the full comparison
    home: str  # link to the atlas's home page


def embed_context(
    cat: Catalog, category: Category, *, directory_urls: bool, settings: AtlasSettings, gettext: Gettext = i18n.same
) -> EmbedContext:
    here = embed_path(category.id)

    def link(src: str) -> str:
        return settings.absolute(urls.url_path(src, directory_urls)) or urls.link_from_file(here, src, directory_urls)

    of_platform: dict[str, list[Provision]] = {}
    for p in cat.by_category.get(category.id, ()):
        of_platform.setdefault(p.platform, []).append(p)
    platforms = tuple(cat.platforms.values())
    rows = tuple(
        EmbedRow(platform=pl, provisions=tuple((p, link(urls.provision(p.id))) for p in of_platform[pl.id]))
        for pl in platforms
        if pl.id in of_platform
    )
    return EmbedContext(
        category=category,
        title=gettext("%(category)s: how every platform handles this - Provision Atlas") % {"category": category.title},
        rows=rows,
        missing=tuple(pl for pl in platforms if pl.id not in of_platform),
        comparison=link(urls.category(category.id)),
        home=link(urls.home()),
    )


def embed_files(
    cat: Catalog,
    render: Callable[[EmbedContext], str],
    *,
    directory_urls: bool,
    settings: AtlasSettings,
    gettext: Gettext = i18n.same,
) -> list[tuple[str, str]]:
    """One embed per category, as (path below the site root, HTML); ``render`` fills the template."""
    return [
        (
            embed_path(c.id),
            render(embed_context(cat, c, directory_urls=directory_urls, settings=settings, gettext=gettext)),
        )
        for c in cat.categories.values()
    ]
