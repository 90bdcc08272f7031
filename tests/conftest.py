"""Shared helpers: fixture corpora copied into a temporary project, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def copy_project(fixture: str, dest: Path) -> Path:
    """A runnable site project: the fixture's records with the repository's engine config and templates."""
    shutil.copytree(FIXTURES / fixture, dest, dirs_exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "site_templates", dest / "site_templates", dirs_exist_ok=True)
    return dest


@pytest.fixture
def basic(tmp_path: Path) -> Path:
    return copy_project("basic", tmp_path / "project")


@pytest.fixture
def write(basic: Path) -> Callable[[str, str | bytes], Path]:
    """Write (or overwrite) one file of the ``basic`` project."""

    def _write(rel: str, content: str | bytes) -> Path:
        path = basic / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def atlas(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the CLI in-process; returns (exit status, stdout, stderr)."""

    def _run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run
