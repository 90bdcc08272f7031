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
from generator.cli.archive import archive_parsers
from generator.cli.common import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    _project,
    _report,
    _report_build,
    _selected,
    _UsageError,
)
from generator.cli.translation import translation_parsers
from generator.diagnostics import no_errors
from generator.project import check, check_verdict
from generator.settings import SettingsError


def cmd_check(args: argparse.Namespace) -> int:
    """Validate everything; report on all files, or only on the named or changed ones."""
    project = _project(args)
    selected = _selected(project, args)
    r = check_verdict(project, strict_archive=args.strict_archive)
    diagnostics = [d for d in r.diagnostics if selected is None or d.path in selected]
    _report(diagnostics, args.format)
    if not no_errors(diagnostics):
        return EXIT_DATA
    if args.format == "text":
        scope = (
            ""
            if selected is None
            else f" ({len(selected)} file{'s' if len(selected) != 1 else ''} checked against them)"
        )
        print(f"ok: {r.provisions} provisions, {r.platforms} platforms, {r.categories} categories{scope}")
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from generator.site.build import build

    project = _project(args)
    out = Path(args.site_dir).resolve() if args.site_dir else None
    result = build(project, out=out)
    _report(result.diagnostics)
    if not result.checked:
        print("build not started: fix the errors above; the existing site was left untouched", file=sys.stderr)
        return EXIT_DATA
    _report_build(result.messages)
    if not result.ok:
        print("build failed: the existing site was left untouched", file=sys.stderr)
        return EXIT_DATA
    where = out or project.site
    print(f"built {result.pages} pages ({result.written} changed) into {os.path.relpath(where)}")
    if args.timings:
        for stage, seconds in result.timings.items():  # stages in order; INDEX_AND_CHECK's two parts ran at once
            print(f"timing {stage} {seconds:.3f}s")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from generator.editing.scaffold import ScaffoldError, new_platform, new_provision, write

    project = _project(args)
    records = check(project).records
    maker = new_provision if args.kind == "provision" else new_platform
    try:
        scaffold = maker(project.root, records, args.id)
        write(scaffold)
    except (ScaffoldError, FileExistsError) as exc:
        message = str(exc) if isinstance(exc, ScaffoldError) else "the file already exists; refusing to overwrite it"
        print(f"atlas new: error: {message}", file=sys.stderr)
        return EXIT_DATA
    rel = scaffold.path.relative_to(project.root).as_posix()
    print(f"wrote {rel}: replace every TODO, then run `atlas fmt {rel}` and `atlas check {rel}`")
    return EXIT_OK


def cmd_fmt(args: argparse.Namespace) -> int:
    from generator.editing.fmt import format_project

    project = _project(args)
    only = _selected(project, args)
    result = format_project(project.root, only, check=args.check)
    _report(result.diagnostics)
    for path in result.changed:
        print(f"would reformat {path}" if args.check else f"reformatted {path}")
    if result.diagnostics or (args.check and result.changed):
        return EXIT_DATA
    if not result.changed:
        print("all files already formatted")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from generator.site.export import ExportError, export

    project = _project(args)
    dist = Path(args.out_dir).resolve() if args.out_dir else None
    try:
        result = export(project, dist)
    except ExportError as exc:
        raise _UsageError(str(exc)) from exc
    built = result.build
    _report(built.diagnostics)
    if not built.checked:
        print("export not started: fix the errors above", file=sys.stderr)
        return EXIT_DATA
    _report_build(built.messages)
    for resource in result.external:
        print(f"error: {resource}: loaded from outside the site", file=sys.stderr)
    if result.path is None:
        print("export failed: nothing was written", file=sys.stderr)
        return EXIT_DATA
    print(f"exported {result.files} files ({result.size / 1_000_000:.1f} MB) into {os.path.relpath(result.path)}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from generator.editing.schema import write_if_changed, write_schemas
    from generator.read.reference import FIELD_REFERENCE_HEADER, field_reference

    project = _project(args)
    changed = write_schemas(project.root / "schema")
    reference = project.root / "docs" / "field-reference.md"
    if write_if_changed(reference, FIELD_REFERENCE_HEADER + field_reference()):
        changed.append(reference)
    for path in changed:
        print(f"wrote {path.relative_to(project.root).as_posix()}")
    if not changed:
        print("schema/ is up to date")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.site.serve import serve

    return serve(_project(args), host=args.host, port=args.port)


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="atlas", description="Check, build and preview a Provision Atlas.")
    ap.add_argument("--version", action="version", version=f"atlas {__version__}")
    ap.add_argument("--root", default=".", help="the site project folder (default: the current directory)")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("check", help="validate every record; print every problem")
    p.add_argument(
        "files", nargs="*", metavar="FILE", help="report only on these files (references still resolve against all)"
    )
    p.add_argument(
        "--changed", metavar="REF", help="report only on files changed since the git ref REF (e.g. origin/main)"
    )
    p.add_argument("--format", choices=("text", "github", "json"), default="text", help="output format (default: text)")
    p.add_argument(
        "--strict-archive",
        action="store_true",
        help="a quote the newest archived version no longer holds is an error, not a warning",
    )
    p.set_defaults(func=cmd_check)
    archive_parsers(sub)
    translation_parsers(sub)
    p = sub.add_parser("build", help="check, then build the site into site/")
    p.add_argument("--site-dir", help="build into this folder instead of site/")
    p.add_argument("--timings", action="store_true", help="print how long each stage took")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("new", help="write a commented skeleton for a new provision or platform")
    p.add_argument("kind", choices=("provision", "platform"))
    p.add_argument("id", help="<platform>/<slug> for a provision, <platform> for a platform")
    p.set_defaults(func=cmd_new)
    p = sub.add_parser("fmt", help="put records in canonical key order and layout (comments kept)")
    p.add_argument("files", nargs="*", metavar="FILE", help="only these files (default: every record)")
    p.add_argument("--changed", metavar="REF", help="only files changed since the git ref REF")
    p.add_argument("--check", action="store_true", help="write nothing; list files that would change (exit 1 if any)")
    p.set_defaults(func=cmd_fmt)
    p = sub.add_parser(
        "export", help="build the offline site (works from file://) as dist/provision-atlas-offline-<date>.zip"
    )
    p.add_argument("--out-dir", help="write the zip into this folder instead of dist/")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser(
        "schema", help="write the editors' JSON Schemas (schema/) and field reference (docs/field-reference.md)"
    )
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
    except (_UsageError, SettingsError) as exc:
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
