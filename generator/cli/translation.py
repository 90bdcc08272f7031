"""``atlas translation``: record the digest of the English a translation was made from."""

from __future__ import annotations

import argparse
from typing import Any

from generator.cli.common import EXIT_DATA, EXIT_OK, _project, _report, _selected
from generator.project import check


def cmd_translation(args: argparse.Namespace) -> int:
    from generator.editing.translate import stamp, stamp_pages

    project = _project(args)
    only = _selected(project, args)
    result = check(project)
    errors = [d for d in result.diagnostics if d.is_error and (only is None or d.path in only)]
    _report(errors)  # a record that does not pass the check is left alone
    skip = {d.path for d in errors}
    changed = stamp(project.root, result.records.provisions, skip, only)
    changed += stamp_pages(project.root, result.records.pages, skip, only)
    for path in changed:
        print(f"stamped {path}")
    if not changed and not errors:
        print("every translation already names the English it was made from")
    return EXIT_DATA if errors else EXIT_OK


def translation_parsers(sub: Any) -> None:
    p = sub.add_parser("translation", help="record in each translation the digest of the English it translates")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    s = actions.add_parser("stamp", help="after translating or updating a translation: record its English digest")
    s.add_argument(
        "files", nargs="*", metavar="FILE", help="only these records or translated pages (default: every one)"
    )
    s.set_defaults(changed=None)
    p.set_defaults(func=cmd_translation)
