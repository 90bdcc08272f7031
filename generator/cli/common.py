"""What every ``atlas`` subcommand shares: exit codes, reporting diagnostics, the project and its selected files."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.diagnostics import (
    BuildMessage,
    Diagnostic,
    as_json,
    format_build_message,
    format_diagnostic,
    format_github,
)
from generator.editing.gitchanges import GitError, changed_files
from generator.project import Project

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _report(diagnostics: Sequence[Diagnostic], fmt: str = "text") -> None:
    if fmt == "json":
        json.dump([as_json(d) for d in diagnostics], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    for diag in diagnostics:
        if fmt == "github":
            print(format_github(diag))
        else:
            print(format_diagnostic(diag), file=sys.stderr)
    errors = sum(1 for d in diagnostics if d.is_error)
    if errors:
        files = len({d.path for d in diagnostics if d.is_error})
        print(f"{errors} error{'s' if errors != 1 else ''} in {files} file{'s' if files != 1 else ''}", file=sys.stderr)


def _report_build(messages: Sequence[BuildMessage]) -> None:
    for message in messages:
        print(format_build_message(message), file=sys.stderr)


def _project(args: argparse.Namespace) -> Project:
    root = Path(args.root).resolve()
    if not root.is_dir():
        raise _UsageError(f"--root {args.root}: no such directory")
    return Project(root)


class _UsageError(Exception):
    pass


def _selected(project: Project, args: argparse.Namespace) -> set[str] | None:
    """The files to report on (paths relative to the root), or None for all of them."""
    if not args.files and not args.changed:
        return None
    selected = set()
    for name in args.files:
        path = Path(name).resolve()
        if not path.exists():
            raise _UsageError(f"{name}: no such file")
        try:
            selected.add(path.relative_to(project.root).as_posix())
        except ValueError:
            raise _UsageError(f"{name}: not inside the project {project.root}") from None
    if args.changed:
        try:
            selected |= changed_files(project.root, args.changed)
        except GitError as exc:
            raise _UsageError(str(exc)) from None
    return selected
