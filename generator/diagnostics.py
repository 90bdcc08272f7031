"""Diagnostics are data: every problem found in the sources is one ``Diagnostic``.

There is exactly one text formatter (:func:`format_diagnostic`), so every command
reports problems the same way: ``path:line:col: error: message (hint)``. What the
build's later stages say about the site (the engine, the search index, the link
check) is a :class:`BuildMessage`, with its one formatter too.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One located problem. ``line`` and ``col`` are 1-based; 0 means unknown."""

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def no_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """None of ``diagnostics`` is an error (warnings allowed): what a check must find for a build to go on."""
    return not any(d.is_error for d in diagnostics)


@dataclass(frozen=True, slots=True)
class BuildMessage:
    """Something a build stage said about the site it made (not about a record): an engine
    warning, a search-index failure, a broken link. ``origin`` names the stage."""

    origin: str  # "mkdocs", "pagefind", "links"
    severity: Severity
    text: str


def format_build_message(message: BuildMessage) -> str:
    """One build message as a line: ``origin: severity: text``."""
    return f"{message.origin}: {message.severity.value}: {message.text}"


#: Characters never written raw in a diagnostic: control characters (line breaks and tabs too: a file named
#: ``a\nb: error: …`` must not forge a line), line separators and bidirectional controls. A file name may
#: hold them (generator.read.characters refuses them in the files' text).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with each control or bidirectional character written as an escape (``\\u202e``)."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def format_diagnostic(diag: Diagnostic) -> str:
    """Render one diagnostic as a single ``path:line:col: severity: message`` line."""
    where = printable(diag.path)
    if diag.line:
        where += f":{diag.line}"
        if diag.col:
            where += f":{diag.col}"
    text = f"{where}: {diag.severity.value}: {printable(diag.message)}"
    if diag.hint:
        text += f" ({printable(diag.hint)})"
    return text


def sort_diagnostics(diags: list[Diagnostic]) -> list[Diagnostic]:
    """Order by file, then position, so output is stable whatever order checks ran in."""
    return sorted(set(diags), key=lambda d: (d.path, d.line, d.col, d.code, d.message))


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(diag: Diagnostic) -> str:
    """A GitHub Actions workflow command, shown as an annotation on the pull request's diff."""
    props = [f"file={_github_escape(printable(diag.path), prop=True)}"]
    if diag.line:
        props.append(f"line={diag.line}")
        if diag.col:
            props.append(f"col={diag.col}")
    props.append(f"title={_github_escape(diag.code, prop=True)}")
    message = diag.message + (f" ({diag.hint})" if diag.hint else "")
    return f"::{diag.severity.value} {','.join(props)}::{_github_escape(printable(message))}"


def as_json(diag: Diagnostic) -> dict[str, object]:
    """A diagnostic as plain data, for ``--format json``."""
    return {
        "path": diag.path,
        "line": diag.line,
        "col": diag.col,
        "severity": diag.severity.value,
        "code": diag.code,
        "message": diag.message,
        "hint": diag.hint,
    }
