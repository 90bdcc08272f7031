"""The site project: its paths, and the check every command starts with.

Kept apart from :mod:`generator.site.build` so that ``atlas check`` never imports the
renderer or the engine: an editor's check should cost only what checking costs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostic, Severity, no_errors
from generator.read import verdict
from generator.read.confine import SOURCE_FOLDERS as SOURCE_FOLDERS  # re-exported: the watchers and the export name it

if TYPE_CHECKING:  # the readers are imported by ``check`` when it runs: a check with nothing changed needs none
    from generator.read.model import Records


@dataclass(frozen=True, slots=True)
class Project:
    """The paths of one site project (the repository, or a copy with other records)."""

    root: Path

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def templates(self) -> Path:
        return self.root / "site_templates" / "pages"

    @property
    def assets(self) -> Path:
        return self.root / "site_templates" / "assets"

    @property
    def work(self) -> Path:
        return self.root / "build"

    @property
    def docs(self) -> Path:
        return self.work / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def cache(self) -> Path:
        """Decoded records keyed by file content; safe to delete at any time."""
        return self.root / ".cache" / "atlas"


@dataclass(frozen=True, slots=True)
class CheckResult:
    records: Records
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return no_errors(self.diagnostics)


#: Warnings that ``strict_archive`` makes errors: wording the newest archived version no longer holds.
STRICT_ARCHIVE = frozenset({"quote-outdated"})


def check(project: Project, *, strict_archive: bool = False) -> CheckResult:
    """Load and validate every source file; with ``strict_archive``, outdated quotes are errors."""
    from generator.read.load import load
    from generator.read.validate import validate

    records, diagnostics = validate(load(project.root), project.cache)
    return CheckResult(records, strictly(diagnostics) if strict_archive else tuple(diagnostics))


def strictly(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """The diagnostics with ``STRICT_ARCHIVE``'s warnings made errors (``--strict-archive``)."""
    return tuple(
        dataclasses.replace(d, severity=Severity.ERROR) if d.code in STRICT_ARCHIVE else d for d in diagnostics
    )


def check_verdict(project: Project, *, strict_archive: bool = False) -> verdict.Verdict:
    """What ``check`` finds, kept from the last check while nothing it read has changed (generator.read.verdict)."""

    def run() -> verdict.Verdict:
        found = check(project)
        r = found.records
        return verdict.Verdict(found.diagnostics, len(r.provisions), len(r.platforms), len(r.categories))

    found = verdict.checked(project.root, project.cache, run)
    return dataclasses.replace(found, diagnostics=strictly(found.diagnostics)) if strict_archive else found
