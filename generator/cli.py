"""The ``atlas`` command: check, build and preview a Provision Atlas project.

Exit status: 0 when clean, 1 when the records have errors (or the build failed),
2 on a usage error. No Python traceback ever reaches the editor.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator import __version__
from generator.diagnostics import (
    BuildMessage,
    Diagnostic,
    as_json,
    format_build_message,
    format_diagnostic,
    format_github,
)
from generator.editing.gitchanges import GitError, changed_files
from generator.project import Project, check
from generator.read.model import Records
from generator.settings import SettingsError

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


def cmd_check(args: argparse.Namespace) -> int:
    """Validate everything; report on all files, or only on the named or changed ones."""
    project = _project(args)
    selected = _selected(project, args)
    result = check(project, strict_archive=args.strict_archive)
    diagnostics = [d for d in result.diagnostics if selected is None or d.path in selected]
    _report(diagnostics, args.format)
    if any(d.is_error for d in diagnostics):
        return EXIT_DATA
    if args.format == "text":
        r = result.records
        scope = (
            ""
            if selected is None
            else f" ({len(selected)} file{'s' if len(selected) != 1 else ''} checked against them)"
        )
        print(
            f"ok: {len(r.provisions)} provisions, {len(r.platforms)} platforms, {len(r.categories)} categories{scope}"
        )
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from generator.site.build import build

    project = _project(args)
    out = Path(args.site_dir).resolve() if args.site_dir else None
    result = build(project, out=out)
    _report(result.check.diagnostics)
    if not result.check.ok:
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
    _report(built.check.diagnostics)
    if not built.check.ok:
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


def _archive_target(records: Records, to: str) -> str:
    """The document's address, checking that ``to`` names a known platform's document (else a usage error)."""
    platform_id, _, document_id = to.partition("/")
    platform = next((p for p in records.platforms if p.id == platform_id), None)
    document = platform.document(document_id) if platform else None
    if document is None:
        raise _UsageError(f"--to {to}: not a document of a known platform (write <platform>/<document>)")
    return document.url


def _checked_records(project: Project) -> Records | None:
    """The project's records when the files the archive commands read (content/archive.yaml and the platforms)
    are valid; else None, their errors reported. Errors elsewhere (a quote the new versions break) do not stop them."""
    result = check(project)
    relied_on = [
        d
        for d in result.diagnostics
        if d.is_error and (d.path == "content/archive.yaml" or d.path.startswith("content/platforms/"))
    ]
    if not relied_on:
        return result.records
    _report(relied_on)
    print("archive: nothing done: fix the errors above first", file=sys.stderr)
    return None


def _archive_update(project: Project, records: Records, clones: Path) -> int:
    """Import every tracked source from its clone below ``clones``/<owner>/<name>."""
    from generator.editing import archive

    for t in records.tracked:
        licence, attribution = archive.default_licence(t.repository, t.licence, t.attribution)
        provenance = archive.Provenance(_archive_target(records, t.to), licence, attribution)
        clone = clones / t.repository
        written = archive.import_history(project.root, clone, t.path, t.to, provenance, t.repository)
        print(f"{t.to}: {len(written) // 2} new version{'s' if len(written) != 2 else ''} from {t.repository}")
    return EXIT_OK


def cmd_archive(args: argparse.Namespace) -> int:
    from generator.editing import archive

    project = _project(args)
    records = _checked_records(project)
    if records is None:
        return EXIT_DATA
    if args.action == "sources":
        for repository in dict.fromkeys(t.repository for t in records.tracked):
            print(repository)
        return EXIT_OK
    if args.action == "update":
        try:
            return _archive_update(project, records, Path(args.clones))
        except archive.ArchiveError as exc:
            raise _UsageError(str(exc)) from exc
    document_url = _archive_target(records, args.to)  # a usage error when the document is not known
    url = args.url or document_url
    try:
        if args.action == "import":
            archive.require_repository(Path(args.clone))
            repository = args.repository or archive.repository_name(Path(args.clone))
            licence, attribution = archive.default_licence(repository, args.licence, args.attribution)
            provenance = archive.Provenance(url, licence, attribution)
            written = archive.import_history(project.root, Path(args.clone), args.path, args.to, provenance, repository)
        else:
            if not args.licence:
                raise _UsageError("archive add: --licence is required (the licence the source gives the text under)")
            source = archive.source_of(args.repository, args.path, args.commit, args.source_url, args.title)
            provenance = archive.Provenance(url, args.licence, args.attribution or "")
            written = archive.add_file(
                project.root, Path(args.file), args.to, args.recorded, source, provenance, args.effective
            )
    except archive.ArchiveError as exc:
        raise _UsageError(str(exc)) from exc
    versions = len(written) // 2
    print(f"archived {versions} new version{'s' if versions != 1 else ''} of {args.to}")
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
    _archive_parsers(sub)
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


def _date_or_unknown(value: str) -> dt.date | None:
    return None if value == "unknown" else dt.date.fromisoformat(value)


def _archive_parsers(sub: Any) -> None:
    p = sub.add_parser("archive", help="store dated versions of a policy document in archive/")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = actions.add_parser("import", help="every changed version of one file of a versions repository's clone")
    a.add_argument("clone", help="a local clone of the versions repository")
    a.add_argument("path", help="the document's file in it, e.g. 'OpenAI/Acceptable Use Policy.md'")
    a.add_argument("--repository", help="its owner/name (default: from the clone's origin remote)")
    b = actions.add_parser("add", help="one file, with the provenance you state")
    b.add_argument("file", help="the text to store (UTF-8)")
    b.add_argument(
        "--recorded",
        required=True,
        type=_date_or_unknown,
        help="when the source recorded it (YYYY-MM-DD), or 'unknown' for a stored copy of unknown date",
    )
    b.add_argument(
        "--effective", type=dt.date.fromisoformat, help="the date the document states (default: read from it)"
    )
    b.add_argument("--repository", help="the repository it was taken from, owner/name (with --path and --commit)")
    b.add_argument("--path", help="its file in that repository")
    b.add_argument("--commit", help="the commit it was taken at")
    b.add_argument("--source-url", help="or: the address it was taken from")
    b.add_argument("--title", help="the source's title")
    for q in (a, b):
        q.add_argument("--to", required=True, help="<platform>/<document> it is a version of")
        q.add_argument("--url", help="the document's original address (default: the platform file's)")
        q.add_argument("--licence", help="the licence of the text (Open Terms Archive's collections: ODC-BY-1.0)")
        q.add_argument("--attribution", help="how the source asks to be credited")
    u = actions.add_parser("update", help="import every source of content/archive.yaml from local clones")
    u.add_argument("--clones", required=True, help="the folder holding each clone as <owner>/<name>")
    actions.add_parser("sources", help="print the repositories content/archive.yaml follows, one per line")
    p.set_defaults(func=cmd_archive)


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
