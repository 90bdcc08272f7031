"""``atlas archive``: store dated versions of a policy document in archive/."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.cli.common import EXIT_DATA, EXIT_OK, _project, _report, _UsageError
from generator.project import Project, check

if TYPE_CHECKING:
    from generator.read.model import Records


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
    from generator.editing import archive, gitsource

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
            gitsource.require_repository(Path(args.clone))
            repository = args.repository or gitsource.repository_name(Path(args.clone))
            licence, attribution = archive.default_licence(repository, args.licence, args.attribution)
            provenance = archive.Provenance(url, licence, attribution)
            written = archive.import_history(project.root, Path(args.clone), args.path, args.to, provenance, repository)
        else:
            if not args.licence:
                raise _UsageError("archive add: --licence is required (the licence the source gives the text under)")
            source = archive.source_of(args.repository, args.path, args.commit, args.source_url, args.title)
            provenance = archive.Provenance(
                url, args.licence, args.attribution or "", args.language or "", args.publisher or ""
            )
            written = archive.add_file(
                project.root, Path(args.file), args.to, args.recorded, source, provenance, args.effective
            )
    except archive.ArchiveError as exc:
        raise _UsageError(str(exc)) from exc
    versions = len(written) // 2
    print(f"archived {versions} new version{'s' if versions != 1 else ''} of {args.to}")
    return EXIT_OK


def _date_or_unknown(value: str) -> dt.date | None:
    return None if value == "unknown" else dt.date.fromisoformat(value)


def archive_parsers(sub: Any) -> None:
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
    b.add_argument("--language", help="for an edition: the language it is published in (not the document's own)")
    b.add_argument("--publisher", help="for an edition a third party published: who (default: the platform)")
    for q in (a, b):
        q.add_argument("--to", required=True, help="<platform>/<document> it is a version of")
        q.add_argument("--url", help="the document's original address (default: the platform file's)")
        q.add_argument("--licence", help="the licence of the text (Open Terms Archive's collections: ODC-BY-1.0)")
        q.add_argument("--attribution", help="how the source asks to be credited")
    u = actions.add_parser("update", help="import every source of content/archive.yaml from local clones")
    u.add_argument("--clones", required=True, help="the folder holding each clone as <owner>/<name>")
    actions.add_parser("sources", help="print the repositories content/archive.yaml follows, one per line")
    p.set_defaults(func=cmd_archive)
