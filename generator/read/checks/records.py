"""Checks on one record at a time that the field types alone cannot express."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostic
from generator.read.model import Provision, Report
from generator.read.yamltree import Mapping, Node, Scalar, Sequence

if TYPE_CHECKING:
    from generator.read.checks.base import Index


def _at(record: Provision | Report, code: str, message: str, *path: str | int, hint: str = "") -> Diagnostic:
    line, col = record.origin.at(*path)
    return Diagnostic(record.origin.path, line, col, code, message, hint)


def text_body(p: Provision, _: Index) -> Iterator[Diagnostic]:
    """A text needs a body unless its status is unavailable, and has none if it is."""
    if p.text is None:
        return  # the text itself did not decode; already reported
    if p.text.status != "unavailable" and p.text.body is None:
        yield _at(
            p,
            "missing-field",
            f"missing required field 'text.body' (status is '{p.text.status}')",
            "text",
            hint="add the wording, or set status: unavailable",
        )
    if p.text.status == "unavailable" and p.text.body is not None:
        yield _at(
            p,
            "unexpected-body",
            "'text.body' given although status is 'unavailable'",
            "text",
            "body",
            hint="set the status that fits the wording, or remove the body",
        )


def duplicate_categories(p: Provision, _: Index) -> Iterator[Diagnostic]:
    """A category is listed at most once."""
    seen: set[str] = set()
    for i, cat in enumerate(p.categories):
        if cat in seen:
            yield _at(p, "duplicate-category", f"category '{cat}' is listed twice", "categories", i)
        seen.add(cat)


def analogue_self(p: Provision, _: Index) -> Iterator[Diagnostic]:
    """A provision is not its own analogue."""
    for i, analogue in enumerate(p.analogues):
        if analogue.provision == p.id:
            yield _at(p, "analogue-self", "a provision cannot be its own analogue", "analogues", i, "provision")


def period_order(r: Report, _: Index) -> Iterator[Diagnostic]:
    """A reporting period ends on or after its start."""
    if r.period is None:
        return  # already reported
    if r.period.end < r.period.start:
        yield _at(r, "bad-period", f"period ends ({r.period.end}) before it starts ({r.period.start})", "period", "end")


def figure_once(r: Report, _: Index) -> Iterator[Diagnostic]:
    """Each metric appears at most once in a report."""
    seen: set[str] = set()
    for i, fig in enumerate(r.figures):
        if fig.metric in seen:
            yield _at(
                r, "duplicate-figure", f"metric '{fig.metric}' appears twice in this report", "figures", i, "metric"
            )
        seen.add(fig.metric)


_PLACEHOLDER = re.compile(r"\bTODO\b")


def _scalars(node: Node) -> Iterator[Scalar]:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Scalar):
            yield current
        elif isinstance(current, Mapping):
            stack.extend(value for _key, value in reversed(current.entries.values()))
        elif isinstance(current, Sequence):
            stack.extend(reversed(current.items))


def placeholders(path: str, kind: str, tree: Node) -> Iterator[Diagnostic]:
    """No TODO placeholder from a skeleton (`atlas new`) is left in a platform or provision."""
    if kind not in ("platform", "provision"):
        return
    for scalar in _scalars(tree):
        if "TODO" in scalar.value and _PLACEHOLDER.search(scalar.value):
            yield Diagnostic(
                path,
                scalar.line,
                scalar.col,
                "placeholder",
                "placeholder 'TODO' left from the skeleton",
                "replace it with the real value, or delete the field if it is optional",
            )
