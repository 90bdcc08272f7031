"""Shared helpers: fixture corpora copied into a temporary project, and a CLI runner."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.project import Project, check
from generator.relate.catalog import Catalog, build_catalog
from generator.render.page import RenderOptions
from generator.site.engine import page_source

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


#: The date the fixture corpus is rendered as of (review freshness depends on it).
TODAY = dt.date(2026, 11, 2)


def render_options(*args: Any, **kwargs: Any) -> RenderOptions:
    """Render options with the engine's writer of page sources (as the build passes them)."""
    return RenderOptions(*args, source=page_source, **kwargs)


def catalog(root: Path) -> Catalog:
    """The catalog of the project at ``root``, whose records must be valid."""
    result = check(Project(root))
    assert result.ok, [str(d) for d in result.diagnostics]
    return build_catalog(result.records)


def tree_digest(root: Path) -> dict[str, str]:
    """Every file below ``root`` by relative path: its sha256."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def pagefind_fragments(site: Path) -> list[dict[str, Any]]:
    """What the hosted search shows of each page (Pagefind's fragments: gzip, a signature, JSON)."""
    found = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        found.append(json.loads(data[len(b"pagefind_dcd") :]))
    return found


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
