"""Stage 2, validate: decode every tree into typed records and run every check.

Decoding against the field definitions is the first check (shape: fields, types,
value sets). Then each registered check in :mod:`generator.checks` runs on the
scope it declares: one record at a time, or the whole set of records (references,
uniqueness). Every problem in every file is collected; nothing stops early.
"""

from __future__ import annotations

from typing import Any

from generator import checks, fields
from generator.checks import Records
from generator.diagnostics import Diagnostic, sort_diagnostics
from generator.load import Kind, Loaded, SourceFile
from generator.model import Origin
from generator.yamlsource import Sequence, kind_name


def _decode_list(source: SourceFile, spec: fields.RecordSpec, diags: list[Diagnostic]) -> list[Any]:
    tree = source.tree
    assert tree is not None
    if not isinstance(tree, Sequence):
        diags.append(
            Diagnostic(
                source.path,
                tree.line,
                tree.col,
                "wrong-type",
                f"file must be a list of {spec.name} entries, not {kind_name(tree)}",
            )
        )
        return []
    out = []
    for item in tree.items:
        record = spec.decode(item, source.path, diags, implied={"origin": Origin(source.path, item)}, partial=True)
        # A partial entry is kept for the checks only if it can be identified.
        if record is not None and getattr(record, spec.fields[0].name) is not None:
            out.append(record)
    return out


def _decode_file(source: SourceFile, diags: list[Diagnostic]) -> tuple[Kind, list[Any]]:
    tree = source.tree
    assert tree is not None
    origin = Origin(source.path, tree)
    parts = source.parts
    if source.kind is Kind.CATEGORIES:
        return source.kind, _decode_list(source, fields.CATEGORY, diags)
    if source.kind is Kind.JURISDICTIONS:
        return source.kind, _decode_list(source, fields.JURISDICTION, diags)
    if source.kind is Kind.METRICS:
        return source.kind, _decode_list(source, fields.METRIC, diags)
    if source.kind is Kind.PLATFORM:
        implied = {"id": parts[-1].removesuffix(".yaml"), "origin": origin}
        record = fields.PLATFORM.decode(tree, source.path, diags, implied=implied, partial=True)
    else:
        platform, slug = parts[-2], parts[-1].removesuffix(".yaml")
        implied = {"id": f"{platform}/{slug}", "platform": platform, "slug": slug, "origin": origin}
        spec = fields.PROVISION if source.kind is Kind.PROVISION else fields.REPORT
        record = spec.decode(tree, source.path, diags, implied=implied, partial=True)
    return source.kind, [record] if record is not None else []


def decode(loaded: Loaded) -> tuple[Records, list[Diagnostic]]:
    """Decode all files into records; records that do not fit are left out, with diagnostics."""
    diags: list[Diagnostic] = []
    by_kind: dict[Kind, list[Any]] = {kind: [] for kind in Kind}
    for source in loaded.files:
        if source.tree is None:
            continue
        kind, decoded = _decode_file(source, diags)
        by_kind[kind].extend(decoded)
    records = Records(
        categories=tuple(by_kind[Kind.CATEGORIES]),
        jurisdictions=tuple(by_kind[Kind.JURISDICTIONS]),
        metrics=tuple(by_kind[Kind.METRICS]),
        platforms=tuple(by_kind[Kind.PLATFORM]),
        provisions=tuple(by_kind[Kind.PROVISION]),
        reports=tuple(by_kind[Kind.REPORT]),
        pages=loaded.pages,
    )
    return records, diags


def validate(loaded: Loaded) -> tuple[Records, list[Diagnostic]]:
    """Decode and check everything; return the records and every diagnostic, sorted."""
    records, diags = decode(loaded)
    diags.extend(loaded.diagnostics)
    diags.extend(checks.run_all(records))
    return records, sort_diagnostics(diags)
