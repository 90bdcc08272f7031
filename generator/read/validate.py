"""Stage 2, validate: decode every file into typed records and run every check.

Decoding against the field definitions is the first check (shape: fields, types,
value sets), done per file by :mod:`generator.read.decode` together with the checks
of FILE scope — cached by content and run on all cores. Then each other
registered check in :mod:`generator.read.checks` runs on the scope it declares: one
record at a time, or the whole set of records (references, uniqueness). Every
problem in every file is collected; nothing stops early.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostic, sort_diagnostics
from generator.read import checks, quotes
from generator.read.decode import decode_all
from generator.read.kinds import KINDS
from generator.read.load import Loaded
from generator.read.model import Records, locating_in


def validate(loaded: Loaded, cache_dir: Path | None = None) -> tuple[Records, list[Diagnostic]]:
    """Decode and check everything; return the records and every diagnostic, sorted."""
    diags: list[Diagnostic] = list(loaded.diagnostics)
    by_kind: dict[str, list[Any]] = {kind.name: [] for kind in KINDS}
    for result in decode_all(loaded.files, cache_dir):
        by_kind[result.kind].extend(result.records)
        diags.extend(result.diagnostics)
    records = Records(
        **{kind.data_key: tuple(by_kind[kind.name]) for kind in KINDS},
        pages=loaded.pages,
    )
    # checks locate problems by re-reading the files; quotes found before are remembered by content
    with locating_in(loaded.root), quotes.remembered(cache_dir):
        diags.extend(checks.run_all(records))
    return records, sort_diagnostics(diags)
