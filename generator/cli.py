"""The ``atlas`` command: check, build and preview a Provision Atlas project.

Exit status: 0 when clean, 1 when the records have errors (or the build failed),
2 on a usage error. No Python traceback ever reaches the editor.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.build import Project, build, check
from generator.diagnostics import Diagnostic, format_diagnostic

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _report(diagnostics: Sequence[Diagnostic]) -> None:
    for diag in diagnostics:
        print(format_diagnostic(diag), file=sys.stderr)
    errors = sum(1 for d in diagnostics if d.is_error)
    if errors:
        files = len({d.path for d in diagnostics if d.is_error})
        print(f"{errors} error{'s' if errors != 1 else ''} in {files} file{'s' if files != 1 else ''}", file=sys.stderr)


def _project(args: argparse.Namespace) -> Project:
    root = Path(args.root).resolve()
    if not root.is_dir():
        raise _UsageError(f"--root {args.root}: no such directory")
    return Project(root)


class _UsageError(Exception):
    pass


def cmd_check(args: argparse.Namespace) -> int:
    result = check(_project(args))
    _report(result.diagnostics)
    if result.ok:
        r = result.records
        print(f"ok: {len(r.provisions)} provisions, {len(r.platforms)} platforms, {len(r.categories)} categories")
        return EXIT_OK
    return EXIT_DATA


def cmd_build(args: argparse.Namespace) -> int:
    project = _project(args)
    out = Path(args.site_dir).resolve() if args.site_dir else None
    result = build(project, out=out)
    _report(result.check.diagnostics)
    if not result.check.ok:
        print("build not started: fix the errors above; the existing site was left untouched", file=sys.stderr)
        return EXIT_DATA
    for message in result.engine_messages:
        print(f"mkdocs: {message}", file=sys.stderr)
    if not result.ok:
        print("build failed: the existing site was left untouched", file=sys.stderr)
        return EXIT_DATA
    where = out or project.site
    print(f"built {result.pages} pages ({result.written} changed) into {os.path.relpath(where)}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from generator.schema import write_schemas

    project = _project(args)
    changed = write_schemas(project.root / "schema")
    for path in changed:
        print(f"wrote {path.relative_to(project.root).as_posix()}")
    if not changed:
        print("schema/ is up to date")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.serve import serve

    return serve(_project(args), host=args.host, port=args.port)


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="atlas", description="Check, build and preview a Provision Atlas.")
    ap.add_argument("--version", action="version", version=f"atlas {__version__}")
    ap.add_argument("--root", default=".", help="the site project folder (default: the current directory)")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("check", help="validate every record; print every problem")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("build", help="check, then build the site into site/")
    p.add_argument("--site-dir", help="build into this folder instead of site/")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("schema", help="write the editors' JSON Schemas into schema/")
    p.set_defaults(func=cmd_schema)
    p = sub.add_parser("serve", help="live preview that rebuilds when a record or template changes")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)  # exits with status 2 on a usage error
    try:
        return int(args.func(args))
    except _UsageError as exc:
        print(f"atlas: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug in atlas itself: say so plainly, without a traceback
        if os.environ.get("ATLAS_DEBUG"):
            raise
        print(f"atlas: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        print(
            "atlas: this is a bug in atlas, not in your records; rerun with ATLAS_DEBUG=1 and report it",
            file=sys.stderr,
        )
        return EXIT_DATA
