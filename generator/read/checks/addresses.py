"""Checks that keep the site's addresses stable and unambiguous."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostic

if TYPE_CHECKING:
    from generator.read.checks.base import Index


def aliases(ix: Index) -> Iterator[Diagnostic]:
    """A former id (alias) is unique and is not the id of a live provision."""
    first: dict[str, tuple[str, int]] = {}
    for p in ix.records.provisions:
        for i, alias in enumerate(p.aliases):
            line, col = p.origin.at("aliases", i)
            if alias == p.id:
                yield Diagnostic(
                    p.origin.path, line, col, "alias-collision", f"alias '{alias}' is this provision's own id"
                )
            elif alias in ix.provisions:
                yield Diagnostic(
                    p.origin.path,
                    line,
                    col,
                    "alias-collision",
                    f"alias '{alias}' is the id of a live provision",
                    "an alias is a former id; its address must not belong to another record",
                )
            elif alias in first:
                path, at_line = first[alias]
                where = f"line {at_line}" if path == p.origin.path else f"{path}:{at_line}"
                yield Diagnostic(
                    p.origin.path, line, col, "duplicate-alias", f"alias '{alias}' is already used (at {where})"
                )
            else:
                first[alias] = (p.origin.path, line)
