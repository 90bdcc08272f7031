"""Shared helpers: fixture corpora copied into a temporary project, and a CLI runner."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
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


#: The CLI run in-process (the ``atlas`` fixture): (exit status, stdout, stderr).
Atlas = Callable[..., tuple[int, str, str]]

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


# --- a versions repository, as Open Terms Archive keeps them (tests of the archive) -------------

AUP = "Acme/Acceptable Use Policy.md"
MINORS = "* You may not create content that sexualizes minors in any form.\n"
V1 = "# Acceptable Use\n\nLast updated: March 1, 2024\n\n* You may not use Globex to promote terrorism.\n" + MINORS
V2 = (
    "# Acceptable Use\n\nLast updated: June 10, 2025\n\n* You may not use Globex to promote terrorism.\n* Be kind.\n"
    + MINORS
)


def git_at(repo: Path, *args: str, date: str = "2024-03-02T10:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    env |= {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example", "GIT_COMMITTER_NAME": "t"}
    env |= {"GIT_COMMITTER_EMAIL": "t@example"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def versions_repo(tmp_path: Path) -> Path:
    """A versions repository in Open Terms Archive's layout: one commit per recorded version."""
    repo = tmp_path / "versions"
    (repo / "Acme").mkdir(parents=True)
    git_at(repo, "init", "-q")
    git_at(repo, "remote", "add", "origin", "https://github.com/OpenTermsArchive/test-versions.git")
    for text, date in (
        (V1, "2024-03-02T10:00:00+00:00"),
        (V1, "2024-05-01T10:00:00+00:00"),
        (V2, "2025-06-11T09:00:00+02:00"),
    ):
        (repo / AUP).write_text(text, encoding="utf-8")
        (repo / "README.md").write_text(date, encoding="utf-8")  # a commit even when the text is the same
        git_at(repo, "add", "-A")
        git_at(repo, "commit", "-q", "-m", "Record new changes of Acme Acceptable Use Policy", date=date)
    return repo


# --- the fixture corpus with Japanese translations, built once (tests/test_i18n.py, tests/test_japanese.py) --

#: A machine translation of globex/terrorism, made from its English as it is (stamped below): title, summary,
#: the wording and one of its three history entries.
JA_MACHINE = """translations:
  ja:
    method: machine
    digest: {digest}
    title: テロリズムの助長の禁止
    summary: テロリズムを*助長する*コンテンツを禁じる。
    text: テロリズムの助長にGlobexを使用してはならない。
    history:
    - date: 2024-03-01
      summary: 利用規約で初めて公表された。
"""
#: A person's translation of acme/csam-generation made from other English (stale): most fields left in English.
JA_HUMAN_STALE = """translations:
  ja:
    method: human
    digest: {digest}
    title: 未成年者が関わる性的コンテンツの禁止
    summary: 写実的か様式化されたものかを問わず、未成年者が関わる性的コンテンツの生成にモデルを使うことを禁じる。
    interpretive_note: 正確な文言は入手できなかった。この記録はポリシーを説明する。
"""


#: A machine translation of the fixture's About page, made from its English as it is (stamped below).
JA_ABOUT = """---
method: machine
digest: {digest}
---
# このコーパスについて

テスト用のコーパス。[方法論](methodology.md)を参照。
"""
#: A person's translation of the fixture's methodology, made from other English (stale); its headings keep the
#: English page's anchors, which the badges link to.
JA_METHODOLOGY = """---
method: human
digest: "{digest}"
---
# 方法論

## 文言の状態 {{#text-status}}

原文どおり、抜粋、言い換え、文言なしの意味。

## エクスポージャー {{#exposure}}

レベルの決め方。
"""


def translate(root: Path) -> None:
    """Give two records of the project at ``root`` their Japanese translations (JA_MACHINE, JA_HUMAN_STALE), and
    its two prose pages theirs (JA_ABOUT, JA_METHODOLOGY)."""
    from generator.read.english import english_digest, page_digest

    records = check(Project(root)).records
    english = {p.id: p for p in records.provisions}
    about = next(page for page in records.pages if page.slug == "about")
    (root / "content/pages/ja").mkdir()
    (root / "content/pages/ja/about.md").write_text(JA_ABOUT.format(digest=page_digest(about)), encoding="utf-8")
    (root / "content/pages/ja/methodology.md").write_text(JA_METHODOLOGY.format(digest="0" * 64), encoding="utf-8")
    for record, block, digest in (
        ("globex/terrorism", JA_MACHINE, english_digest(english["globex/terrorism"])),
        ("acme/csam-generation", JA_HUMAN_STALE, "0" * 64),
    ):
        path = root / "provisions" / f"{record}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("sources:", block.format(digest=digest) + "sources:", 1), encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Built:
    """The translated fixture corpus built as the hosted site and as the offline one (file URLs)."""

    root: Path  # the project
    hosted: Path
    offline: Path


@pytest.fixture(scope="session")
def japanese(tmp_path_factory: pytest.TempPathFactory) -> Built:
    from generator.site.build import build

    root = copy_project("basic", tmp_path_factory.mktemp("japanese") / "project")
    translate(root)
    hosted = build(Project(root))
    assert hosted.ok, hosted.messages
    offline = build(Project(root), out=root / "offline", directory_urls=False)
    assert offline.ok, offline.messages
    return Built(root, root / "site", root / "offline")
