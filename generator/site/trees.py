"""The site's language trees (decision 0010): what each is, how it is made from the records, and rendered.

English is the records as they are, at the site's root; each language the records are translated into is a
tree of its own below it (``ja/``), built from the records as read in that language (generator.relate.localize),
with its own docs folder, navigation and interface strings. ``generate_trees`` renders each into its docs folder;
generator/site/engineruns.py hands them to the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator import settings
from generator.project import Project
from generator.read.markup import render_markdown
from generator.read.model import Records
from generator.read.translation import TRANSLATED
from generator.relate import documents
from generator.relate.catalog import Catalog, build_catalog
from generator.relate.localize import localize
from generator.render.i18n import marked as _
from generator.render.i18n import translations
from generator.render.page import RenderOptions
from generator.render.runner import never, render_first, render_pages
from generator.render.writer import Written, nav, write_docs, write_first
from generator.site import engine
from generator.workers import fork_map, nothing, usable


def docs_of(project: Project, lang: str) -> Path:
    """The engine's docs folder for one language's tree (build/docs, build/docs-ja)."""
    return project.docs if lang == "en" else project.work / f"docs-{lang}"


@dataclass(frozen=True, slots=True)
class Tree:
    """One language's tree of the site: its catalog (names and prose in that language) and how to render it."""

    lang: str
    catalog: Catalog
    options: RenderOptions

    @property
    def folder(self) -> str:
        """Where the tree sits below the site root ("" for English, "ja/")."""
        return "" if self.lang == "en" else f"{self.lang}/"


def trees(records: Records, catalog: Catalog, options: RenderOptions) -> list[Tree]:
    """English (the records as they are), then each language the records are translated into (those
    ``extra.atlas.languages`` asks for); every tree knows what each language's translations cover (its
    translation status page)."""
    wanted = options.settings.languages if options.settings else ("en", *TRANSLATED)
    made = [(lang, *localize(records, lang)) for lang in TRANSLATED]
    coverage = tuple(local for _, _, local in made)
    out = [Tree("en", catalog, replace(options, coverage=coverage))]
    for lang, localized, local in made:
        if lang not in wanted:
            continue
        tree = replace(
            options,
            language=lang,
            localization=local,
            coverage=coverage,
            data_catalog=catalog,
            data_settings=options.settings,
            settings=_below_site(options, lang),
        )
        out.append(Tree(lang, build_catalog(localized, same_wording=catalog), tree))
    return out


@dataclass(frozen=True, slots=True)
class _Made:
    """What rendering one tree did: its pages, how many of them were written, and what was written."""

    pages: int
    pages_written: int
    written: Written


def _made(
    project: Project,
    tree: Tree,
    workers: int,
    stop: Callable[[], bool],
    wrote: Callable[[str, Written], None] = lambda lang, written: None,
) -> _Made:
    """Render ``tree`` into the docs folder of its language, and tell ``wrote`` what was written.

    Pages whose inputs are unchanged since the last run come from the project's cache folder
    (generator.render.pagecache). When ``stop`` turns true while the pages are rendered,
    :class:`generator.render.runner.SupersededError` is raised and nothing is written."""
    pages = render_pages(tree.catalog, project.templates, tree.options, workers=workers, cache=project.cache, stop=stop)
    docs, lang = docs_of(project, tree.lang), tree.lang
    written = write_docs(pages, project.assets, docs, manifest=project.cache / f"docs-manifest-{lang}.pickle")
    wrote(lang, written)
    return _Made(len(pages), len({page.src for page in pages}.intersection(written.paths)), written)


def _side_by_side(project: Project, every: list[Tree], workers: int, stop: Callable[[], bool]) -> list[_Made]:
    """Each tree rendered and written by a process of its own (this one among them, generator.workers), one
    core's work each: a tree's render has stretches one core does alone (its jobs listed, its feeds and open
    data, its pages cached and written), which the other tree's fills. Only what was written comes back.
    (One core per tree, also on a larger machine: a forked worker may not fork again.)"""

    def task(indices: range) -> list[tuple[int, _Made]]:
        return [(i, _made(project, every[i], 1, stop)) for i in indices]

    done, _ = fork_map(task, len(every), workers=workers, minimum=2, beside=nothing)
    return [made for _, made in sorted(done, key=lambda found: found[0])]


def _below_site(options: RenderOptions, lang: str) -> settings.AtlasSettings | None:
    """The settings of a translated tree: its absolute links (``site_url``) lead into it, below the site's."""
    own = options.settings
    if own is None or not own.site_url:
        return own
    return replace(own, site_url=own.site_url.rstrip("/") + f"/{lang}/")


def generate_trees(
    project: Project,
    every: list[Tree],
    *,
    workers: int = 1,
    first: frozenset[str] = frozenset(),
    wrote: Callable[[str, Written], None] = lambda lang, written: None,
    stop: Callable[[], bool] = never,
) -> tuple[int, int]:
    """Render each language's tree into its docs folder; returns (pages, pages written) over all of them.

    The pages of ``first`` (sources, such as an edited provision's page) are rendered and written into every
    tree before anything else is (the preview's first look at an edit: ``wrote`` is told which, by language),
    then every page as always, a tree's pages written once all are rendered: when ``stop`` turns true (``_made``),
    the trees not yet written stay as the last run wrote them, but for the pages of ``first``. With more than
    one worker and more than one tree, the trees are rendered side by side (``_side_by_side``)."""
    if every:  # what changed between versions: worked out once, for every tree (and kept for the next run)
        documents.known(every[0].catalog.versions.values(), workers=workers, cache=project.cache)
    for tree in every if first else ():
        ahead = render_first(tree.catalog, project.templates, tree.options, first)
        wrote(tree.lang, write_first(ahead, docs_of(project, tree.lang)))
    one_after_the_other = first or usable(workers) == 1 or len(every) == 1  # each tree told of once written
    if one_after_the_other:
        made = [_made(project, tree, workers, stop, wrote) for tree in every]
    else:
        made = _side_by_side(project, every, workers, stop)
        for tree, one in zip(every, made, strict=True):
            wrote(tree.lang, one.written)
    return sum(one.pages for one in made), sum(one.pages_written for one in made)


def let_go() -> None:
    """Forget what the render remembered for the run (each field's HTML; what changed between archived versions):
    the engine has no use for it, and its allocations can reuse the room (generator.site.build)."""
    render_markdown.cache_clear()
    documents.forget()


#: The engine configuration's own words the pages show (mkdocs.yml: the scheme toggle's titles), marked for the
#: message catalogue; tests/test_i18n.py holds them to mkdocs.yml.
ENGINE_WORDS = (_("Switch to dark mode"), _("Switch to light mode"))


def strings(project: Project, lang: str) -> Callable[[str], str]:
    """The interface strings of ``lang``'s tree (English: as written)."""
    return translations(project.templates, lang).gettext


def tree_nav(project: Project, tree: Tree) -> list[dict[str, Any]]:
    """The navigation of ``tree``, its titles in its language."""
    return nav(tree.catalog, strings(project, tree.lang))


def render_options(project: Project, *, directory_urls: bool = True, day: dt.date | None = None) -> RenderOptions:
    """How ``project`` renders: its settings (read once from its engine config), URL style and date."""
    return RenderOptions(
        directory_urls=directory_urls,
        settings=settings.load_settings(project.config_file),
        today=day,
        source=engine.page_source,
    )
