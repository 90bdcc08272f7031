"""The preview's rebuilds by page (generator.site.engine.livebuild): the pages a whole build gives, and when whole."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

from generator.project import Project
from generator.site.engine import livebuild, preview
from generator.site.serve import regenerate

PAGE = "provisions/acme/no-extraction.md"


def _html(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


@pytest.fixture
def english(basic: Path) -> tuple[Project, preview.LiveNav]:
    """The basic project rendered, and its English tree as the preview configures it."""
    project = Project(basic)
    made = regenerate(project)
    assert made is not None
    _, navs = made
    return project, preview.LiveNav(project.docs, navs["en"])


def _live(project: Project, tree: preview.LiveNav, site: Path) -> livebuild.LiveBuild:
    return livebuild.LiveBuild(functools.partial(preview._config, project.config_file, tree, site, "http://x/"))


def test_a_changed_page_is_built_by_itself_as_a_whole_build_builds_it(
    english: tuple[Project, preview.LiveNav], tmp_path: Path
) -> None:
    project, tree = english
    live = _live(project, tree, tmp_path / "live")
    assert live.build([]) == "whole"  # the first build is whole, whatever it is told
    page = project.docs / PAGE
    page.write_text(page.read_text(encoding="utf-8").replace("# ", "# Edited: ", 1), encoding="utf-8")
    assert live.build([PAGE]) == "pages: 1"
    assert b"Edited: " in (tmp_path / "live" / "provisions/acme/no-extraction/index.html").read_bytes()

    fresh = _live(project, tree, tmp_path / "fresh")
    assert fresh.build(None) == "whole"
    assert _html(tmp_path / "live") == _html(tmp_path / "fresh")  # every page, the edited one among them


@pytest.fixture
def built(english: tuple[Project, preview.LiveNav], tmp_path: Path) -> tuple[Project, livebuild.LiveBuild]:
    """The English tree built whole into ``tmp_path/site``, and its ``LiveBuild``."""
    project, tree = english
    live = _live(project, tree, tmp_path / "site")
    live.build(None)
    return project, live


def test_a_build_is_whole_when_told_so_or_when_the_engine_configuration_changed(
    built: tuple[Project, livebuild.LiveBuild],
) -> None:
    project, live = built
    assert live.build([PAGE]) == "pages: 1"
    assert live.build(None) == "whole"  # the tree's shape changed
    assert live.build([PAGE], clean=True) == "whole"  # its navigation changed
    stat = project.config_file.stat()
    os.utime(project.config_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert live.build([PAGE]) == "whole"  # a new configuration is read
    assert live.build([PAGE]) == "pages: 1"


def test_a_file_the_engine_does_not_build_is_passed_over(
    built: tuple[Project, livebuild.LiveBuild], tmp_path: Path
) -> None:
    _, live = built
    assert live.build(["no/such/page.md"]) == "pages: 1"  # told of it, found nothing to build
    assert not (tmp_path / "site" / "no").exists()


def test_the_changes_told_are_taken_once() -> None:
    told = livebuild.Changes()
    told.add(["provisions/a.md", "index.md"])
    told.add(["feeds/a.xml", "index.md"])
    assert told.take() == ["feeds/a.xml", "index.md", "provisions/a.md"]
    assert told.take() == []


def test_a_file_added_or_removed_asks_for_a_whole_build() -> None:
    told = livebuild.Changes()
    told.add(["index.md"])
    told.add(["new.md"], reshaped=True)
    told.add(["other.md"])
    assert told.take() is None
    assert told.take() == []  # and once built, nothing is left
