"""``atlas fmt``: one canonical layout for every record, comments kept.

Keys are put in the order of the field definitions (:mod:`generator.read.fields`),
recursively; indentation is 2 spaces with block sequences level with their key;
quoting, folded text and comments are kept as written (ruamel.yaml round-trip);
the ``yaml-language-server`` modeline that points editors at the JSON Schema is
added when missing. Formatting is idempotent. Files that are not safe, valid
YAML are never rewritten: their diagnostics are reported instead.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.diagnostics import Diagnostic
from generator.read import yamlsource
from generator.read.fieldtypes import ListOf
from generator.read.kinds import BY_NAME, RecordKind
from generator.read.load import Loaded, load
from generator.read.recordspec import Object, RecordSpec

MODELINE_PREFIX = "# yaml-language-server: $schema="


@dataclass(frozen=True, slots=True)
class FmtResult:
    changed: tuple[str, ...]  # files rewritten (or, with check, that would be)
    diagnostics: tuple[Diagnostic, ...]  # files left alone because they do not parse


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap prose
    y.indent(mapping=2, sequence=2, offset=0)
    return y


#: The round-trip loader and dumper (comments, quotes and prose kept), for tools that edit records.
round_trip = _yaml


def modeline(path: Path, root: Path, kind: RecordKind) -> str:
    rel = os.path.relpath(root / "schema" / kind.schema_file, path.parent).replace(os.sep, "/")
    return MODELINE_PREFIX + rel


def _reorder(node: Any, spec: RecordSpec) -> None:
    if not isinstance(node, CommentedMap):
        return
    order = [name for name in spec.names if name in node] + [key for key in node if key not in spec.names]
    for key in order:
        node.move_to_end(key)
    for field in spec.fields:
        value = node.get(field.name)
        ftype = field.type
        if isinstance(ftype, Object):
            _reorder(value, ftype.spec)
        elif isinstance(ftype, ListOf) and isinstance(ftype.item, Object) and isinstance(value, CommentedSeq):
            for item in value:
                _reorder(item, ftype.item.spec)


def format_text(text: str, spec: RecordSpec, is_list: bool, mode: str) -> str:
    """The canonical form of one record file's text."""
    y = _yaml()
    data = y.load(text)
    if is_list and isinstance(data, CommentedSeq):
        for item in data:
            _reorder(item, spec)
    else:
        _reorder(data, spec)
    out = io.StringIO()
    y.dump(data, out)
    lines = [line.rstrip() for line in out.getvalue().splitlines()]
    if not lines or not lines[0].startswith(MODELINE_PREFIX):
        lines.insert(0, mode)
    else:
        lines[0] = mode
    return "\n".join(lines).strip("\n") + "\n"


def format_project(root: Path, only: set[str] | None = None, *, check: bool = False) -> FmtResult:
    """Format every record file (or those in ``only``); with ``check``, write nothing."""
    loaded: Loaded = load(root)
    changed: list[str] = []
    diagnostics: list[Diagnostic] = []
    for source in loaded.files:
        if only is not None and source.path not in only:
            continue
        if source.data is None:
            diagnostics.extend(d for d in loaded.diagnostics if d.path == source.path)
            continue
        _tree, problems = yamlsource.parse(source.path, source.data)
        if problems:  # never rewrite a file our reader refuses: report why instead
            diagnostics.extend(problems)
            continue
        path = root / source.path
        original = source.data.decode("utf-8-sig")
        kind = BY_NAME[source.kind]
        formatted = format_text(original, kind.spec, kind.listed, modeline(path, root, kind))
        if formatted != original:
            changed.append(source.path)
            if not check:
                # Refuse to write anything our own reader would not accept.
                _tree, problems = yamlsource.parse(source.path, formatted.encode())
                if problems:  # pragma: no cover - a bug in the formatter, never the editor's fault
                    diagnostics.extend(problems)
                    continue
                path.write_text(formatted, encoding="utf-8")
    return FmtResult(tuple(changed), tuple(diagnostics))
