"""Rendering the language trees: side by side, a process each, the docs folders are those rendered one tree
after the other, and each process renders whole trees."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.project import Project, check
from generator.relate.catalog import build_catalog
from generator.site import trees as trees_module
from generator.site.trees import docs_of, generate_trees, render_options, trees

from .conftest import copy_project, translate


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _render(root: Path, workers: int) -> tuple[tuple[int, int], dict[str, dict[str, bytes]]]:
    project = Project(root)
    records = check(project).records
    every = trees(records, build_catalog(records), render_options(project))
    for tree in every:
        shutil.rmtree(docs_of(project, tree.lang), ignore_errors=True)
    shutil.rmtree(project.cache, ignore_errors=True)
    counts = generate_trees(project, every, workers=workers)
    return counts, {tree.lang: _files(docs_of(project, tree.lang)) for tree in every}


@pytest.mark.skipif(
    not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="side by side needs fork and two cores"
)
def test_trees_side_by_side_are_the_trees_one_after_the_other(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project("basic", tmp_path / "project")
    translate(root)
    alone = _render(root, workers=1)

    log = tmp_path / "renderers"
    made = trees_module._made

    def logged(project, tree, workers, *rest):  # type: ignore[no-untyped-def]  # the wrapped one's
        with log.open("a") as out:  # a forked process's list would not come back: a file does
            out.write(f"{os.getpid()} {tree.lang} {workers}\n")
        return made(project, tree, workers, *rest)

    monkeypatch.setattr(trees_module, "_made", logged)
    side_by_side = _render(root, workers=2)

    assert side_by_side == alone
    assert set(alone[1]) == {"en", "ja"} and all(alone[1].values())
    renderers = sorted((lang, workers, pid) for pid, lang, workers in map(str.split, log.read_text().splitlines()))
    assert [(lang, workers) for lang, workers, _ in renderers] == [("en", "1"), ("ja", "1")]
    assert renderers[0][2] != renderers[1][2]  # two processes, one tree each
