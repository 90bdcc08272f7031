"""Characters no text the generator reads may hold, named as Unicode names them; and their removal from output.

Three groups (docs/security.md):

* **control characters**: C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F), tab, line feed and
  carriage return aside. They reach terminals as escape sequences, feeds as XML that is not well-formed,
  and pull requests as text a reviewer does not see;
* **bidirectional controls**: the characters of Unicode's Bidi_Control property (U+061C, U+200E, U+200F,
  U+202A–U+202E, U+2066–U+2069), which reorder how the text around them displays ("Trojan Source");
* **invisible characters**: zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF) and the line and
  paragraph separators (U+2028, U+2029).

Records, content files and prose pages may hold none of them (:data:`FORBIDDEN`). Archived texts, copied
from the policies themselves, may hold invisible characters, which real sources use (word joiners, zero-width
spaces), but no control or bidirectional character (:data:`FORBIDDEN_IN_ARCHIVE`). :func:`visible` replaces
the latter in anything the site writes, so that no raw control character reaches a page or a feed even
if one got past the reader.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from generator.diagnostics import Diagnostic

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # tab (09), line feed (0A) and carriage return (0D) allowed
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u200b-\u200d\u2028\u2029\u2060-\u2064\ufeff"

#: What a record, a content file or a prose page may not hold.
FORBIDDEN = re.compile(f"[{_CONTROL}{_BIDI}{_INVISIBLE}]")
#: What an archived text may not hold (invisible characters are kept as the source has them).
FORBIDDEN_IN_ARCHIVE = re.compile(f"[{_CONTROL}{_BIDI}]")

#: Unicode's names (formal aliases) of the control characters, which have no character name of their own.
_C0 = [
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "ALERT",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "INFORMATION SEPARATOR FOUR",
    "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
]
_C1 = [
    "PADDING CHARACTER",
    "HIGH OCTET PRESET",
    "BREAK PERMITTED HERE",
    "NO BREAK HERE",
    "INDEX",
    "NEXT LINE",
    "START OF SELECTED AREA",
    "END OF SELECTED AREA",
    "CHARACTER TABULATION SET",
    "CHARACTER TABULATION WITH JUSTIFICATION",
    "LINE TABULATION SET",
    "PARTIAL LINE FORWARD",
    "PARTIAL LINE BACKWARD",
    "REVERSE LINE FEED",
    "SINGLE SHIFT TWO",
    "SINGLE SHIFT THREE",
    "DEVICE CONTROL STRING",
    "PRIVATE USE ONE",
    "PRIVATE USE TWO",
    "SET TRANSMIT STATE",
    "CANCEL CHARACTER",
    "MESSAGE WAITING",
    "START OF GUARDED AREA",
    "END OF GUARDED AREA",
    "START OF STRING",
    "SINGLE GRAPHIC CHARACTER INTRODUCER",
    "SINGLE CHARACTER INTRODUCER",
    "CONTROL SEQUENCE INTRODUCER",
    "STRING TERMINATOR",
    "OPERATING SYSTEM COMMAND",
    "PRIVACY MESSAGE",
    "APPLICATION PROGRAM COMMAND",
]
CONTROL_NAMES: dict[str, str] = {chr(i): alias for i, alias in enumerate(_C0)} | {"\x7f": "DELETE"}
CONTROL_NAMES |= {chr(0x80 + i): alias for i, alias in enumerate(_C1)}


def name(char: str) -> str:
    """Unicode's name of ``char`` (``RIGHT-TO-LEFT OVERRIDE``; a control character's formal alias)."""
    if char in CONTROL_NAMES:
        return CONTROL_NAMES[char]
    return unicodedata.name(char, "UNNAMED CHARACTER")


def group(char: str) -> str:
    """Which kind of forbidden character ``char`` is, in words."""
    if char in CONTROL_NAMES:
        return "control character"
    if re.fullmatch(f"[{_BIDI}]", char):
        return "bidirectional control character"
    return "invisible character"


def describe(char: str) -> str:
    """``bidirectional control character U+202E RIGHT-TO-LEFT OVERRIDE``."""
    return f"{group(char)} U+{ord(char):04X} {name(char)}"


@dataclass(frozen=True, slots=True)
class Found:
    line: int  # from 1
    col: int  # from 1, in characters
    char: str


def find(text: str, pattern: re.Pattern[str] = FORBIDDEN) -> Iterator[Found]:
    """Every character of ``text`` that ``pattern`` forbids, with its line and column."""
    line, line_start, counted = 1, 0, 0
    for match in pattern.finditer(text):
        at = match.start()
        line += text.count("\n", counted, at)
        counted = at
        line_start = text.rfind("\n", 0, at) + 1
        yield Found(line, at - line_start + 1, match.group())


def diagnostics(
    path: str, text: str, hint: str, *, pattern: re.Pattern[str] = FORBIDDEN, prefix: str = "forbidden"
) -> list[Diagnostic]:
    """A ``forbidden-character`` diagnostic at each character of ``text`` that ``pattern`` forbids."""
    return [
        Diagnostic(path, f.line, f.col, "forbidden-character", f"{prefix} {describe(f.char)}", hint)
        for f in find(text, pattern)
    ]


#: What :func:`visible` shows in place of a control or bidirectional character.
REPLACEMENT = "\ufffd"


def visible(text: str) -> str:
    """``text`` with each control and bidirectional character replaced by U+FFFD (for output)."""
    if text.isascii() and text.isprintable():  # nothing to replace, known without a search (most values printed)
        return text
    return FORBIDDEN_IN_ARCHIVE.sub(REPLACEMENT, text) if FORBIDDEN_IN_ARCHIVE.search(text) else text
