"""The kept verdict of `atlas check` (generator/read/verdict.py): reused only while nothing the check read changed."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostic, Severity
from generator.project import Project, check_verdict
from generator.read import verdict
from generator.read.verdict import Verdict

DAY = dt.date(2026, 11, 30)
PROVISION = "provisions/acme/csam-generation.yaml"


def _age(root: Path, seconds: float = 60.0) -> None:
    """Make every file the check reads older than the racy window, as an editor's files are."""
    then = time.time() - seconds
    for path in [root, *root.rglob("*")]:
        os.utime(path, (then, then), follow_symlinks=False)


def _counting(result: Verdict) -> tuple[Callable[[], Verdict], list[int]]:
    calls: list[int] = []

    def run() -> Verdict:
        calls.append(1)
        return result

    return run, calls


FOUND = Verdict((), 3, 2, 1)


def test_a_second_check_of_unchanged_files_reads_no_record(basic: Path, tmp_path: Path) -> None:
    _age(basic)
    run, calls = _counting(FOUND)
    assert verdict.checked(basic, tmp_path / "cache", run, DAY) == FOUND
    assert verdict.checked(basic, tmp_path / "cache", run, DAY) == FOUND
    assert len(calls) == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda root: (root / PROVISION).write_text((root / PROVISION).read_text() + "\n"),  # edited
        lambda root: os.utime(root / PROVISION, (1, 1)),  # same bytes, other time: touched back
        lambda root: (root / PROVISION).unlink(),  # removed
        lambda root: (root / "provisions/acme/new-one.yaml").write_text("id: new-one\n"),  # added
        lambda root: (root / "site_templates/pages/provision.md.j2").write_text("{{ x }}"),  # a template
        lambda root: (root / "mkdocs.yml").write_text("site_name: Other\n"),  # the engine configuration
    ],
    ids=["edited", "touched", "removed", "added", "template", "config"],
)
def test_any_change_to_what_the_check_reads_checks_again(
    basic: Path, tmp_path: Path, change: Callable[[Path], object]
) -> None:
    _age(basic)
    run, calls = _counting(FOUND)
    verdict.checked(basic, tmp_path / "cache", run, DAY)
    change(basic)
    verdict.checked(basic, tmp_path / "cache", run, DAY)
    assert len(calls) == 2


def test_another_day_checks_again(basic: Path, tmp_path: Path) -> None:
    _age(basic)
    run, calls = _counting(FOUND)
    verdict.checked(basic, tmp_path / "cache", run, DAY)
    verdict.checked(basic, tmp_path / "cache", run, DAY + dt.timedelta(days=1))
    assert len(calls) == 2


def test_files_younger_than_a_clock_tick_are_not_trusted(basic: Path, tmp_path: Path) -> None:
    """An edit in the same modification-time tick as the check would look unchanged: no verdict is kept."""
    _age(basic)
    (basic / PROVISION).write_text((basic / PROVISION).read_text())  # just now
    run, calls = _counting(FOUND)
    verdict.checked(basic, tmp_path / "cache", run, DAY)
    verdict.checked(basic, tmp_path / "cache", run, DAY)
    assert len(calls) == 2


def test_the_kept_verdict_says_what_the_full_check_said(
    basic: Path, atlas: Callable[..., tuple[int, str, str]]
) -> None:
    """Every diagnostic, located, and the exit status, word for word."""
    (basic / PROVISION).write_text((basic / PROVISION).read_text().replace("  level: high", "  level: severe"))
    _age(basic)
    first = atlas("--root", str(basic), "check")
    assert first[0] != 0 and f"{PROVISION}:14:10: error:" in first[1] + first[2], first
    assert list((basic / ".cache" / "atlas").glob("verdict-*.pickle"))
    assert atlas("--root", str(basic), "check") == first


def test_strict_archive_applies_to_a_kept_verdict(basic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outdated = Diagnostic(PROVISION, 9, 3, "quote-outdated", "no longer there", severity=Severity.WARNING)
    monkeypatch.setattr(verdict, "checked", lambda root, cache, run: Verdict((outdated,), 1, 1, 1))
    assert check_verdict(Project(basic)).diagnostics == (outdated,)
    assert check_verdict(Project(basic), strict_archive=True).diagnostics == (
        Diagnostic(PROVISION, 9, 3, "quote-outdated", "no longer there", severity=Severity.ERROR),
    )


def test_a_check_that_keeps_its_verdict_imports_no_reader() -> None:
    # more than half of a warm check at 10,000 provisions was importing the readers it did not run
    program = "import sys, generator.cli; print(sorted(m for m in sys.modules if m.startswith('generator.read.')))"
    found = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == str(["generator.read.confine", "generator.read.verdict"])
