"""The two sites under test, built once per session from the shipped content, and one shared browser.

A test reads the English tree; one parametrized with ``language`` over ``support.LANGUAGES`` (indirect) reads each
tree in turn: ``site`` then leads into it (``Site.folder``), and ``catalog`` is the records as it shows them.

``hosted``: ``build()`` with directory URLs, served over HTTP on 127.0.0.1.
``offline``: ``export()``'s zip, unzipped and opened from ``file://`` in a
context that is offline and where every request is routed: only files of the
site get through, and anything else is counted and refused.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bench.serving import CHROMIUM_ARGS, served
from generator.project import SOURCE_FOLDERS, Project, check
from generator.relate.catalog import Catalog, build_catalog
from generator.site.build import build
from generator.site.export import export
from generator.site.trees import render_options, strings, tree_nav, trees

from ..conftest import REPO
from .support import CHROMIUM, HAVE_CHROMIUM, SKIP_REASON, VIEWPORT, Language, Site, Tab


@pytest.fixture(scope="session")
def atlas_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's records, pages, templates and engine config."""
    root = tmp_path_factory.mktemp("atlas")
    for folder in (*SOURCE_FOLDERS, "site_templates"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture(scope="session")
def languages(atlas_project: Path) -> dict[str, Language]:
    """Each language's tree of the shipped records, as the build makes them."""
    project = Project(atlas_project)
    result = check(project)
    assert result.ok, [str(d) for d in result.diagnostics]
    every = trees(result.records, build_catalog(result.records), render_options(project))
    return {
        tree.lang: Language(tree.lang, tree.folder, tree.catalog, strings(project, tree.lang), tree_nav(project, tree))
        for tree in every
    }


@pytest.fixture(scope="session")
def language(request: pytest.FixtureRequest, languages: dict[str, Language]) -> Language:
    """The language tree a test reads: English, unless the test is parametrized over ``LANGUAGES`` (indirect)."""
    return languages[getattr(request, "param", "en")]


@pytest.fixture(scope="session")
def catalog(language: Language) -> Catalog:
    """The records as the tree read shows them."""
    return language.catalog


@pytest.fixture(scope="session")
def hosted_site(atlas_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    out = tmp_path_factory.mktemp("hosted") / "site"
    result = build(Project(atlas_project), out=out)
    assert result.ok, result.messages
    with served(out) as base:  # the benchmark's local server
        yield Site("hosted", base, out, directory_urls=True)


@pytest.fixture(scope="session")
def offline_zip(atlas_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = export(Project(atlas_project), tmp_path_factory.mktemp("dist"), environ={})
    assert result.ok and result.path is not None, (result.build.messages, result.external)
    return result.path


@pytest.fixture(scope="session")
def offline_site(offline_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Site:
    where = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as zf:
        zf.extractall(where)
    (root,) = where.iterdir()  # the zip holds one folder
    return Site("offline", root.as_uri() + "/", root, directory_urls=False)


@pytest.fixture(scope="session", params=["hosted", "offline"])
def site(request: pytest.FixtureRequest, language: Language) -> Site:
    """The hosted site or the offline one, read in the tree of ``language``."""
    built: Site = request.getfixturevalue(f"{request.param}_site")
    return replace(built, folder=language.folder)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not HAVE_CHROMIUM:
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser: Any, site: Site) -> Iterator[Tab]:
    """A fresh context on ``site``; the offline one has networking switched off as well."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light", offline=site.kind == "offline")
    try:
        yield Tab(site, context)
    finally:
        context.close()
