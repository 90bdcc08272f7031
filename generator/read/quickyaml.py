"""The quick reader: a record in the layout ``atlas fmt`` writes, read into the located tree without a YAML parser.

A cold ``atlas check`` at 10,000 provisions spent three quarters of its decoding
in the YAML parser's events (0.5 ms a file), though nearly every record is laid
out the one way ``atlas fmt`` lays it out: block mappings and sequences indented
by two, sequences level with their key, plain or single-quoted one-line values,
double-quoted ones without escapes, folded (``>-``) or literal (``|-``) text, one-line lists of identifiers
(``[a, b]``), comments on lines of their own. :func:`read` reads that layout,
and only that, line by line, into the same :class:`~generator.read.yamltree.Node`
tree the parser's events build (generator.read.yamltree) (the same values, lines and columns): ten times
faster. Anything else, however valid (escapes in double quotes, anchors,
tags, flow mappings, multi-line plain text, a comment after a value, an
indented comment, a tab, trailing spaces, a duplicate key, a missing value,
several documents), makes it give up (``None``), and the file is read by the
parser, which also reports whatever is wrong with it. It never reports anything
itself: the hazards and the errors stay the parser's to find.

``tests/test_quickyaml.py`` holds it to the parser's tree on every record of the
repository, of the fixtures and of the bench's corpora, and on generated
documents full of the layout's edge cases.
"""

from __future__ import annotations

import re

from generator.read.yamltree import MAX_DEPTH, Mapping, Node, Scalar, Sequence

#: ``key:`` then a space or the line's end; the keys of the format are identifiers.
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,1000}):(?: |$)")  # the parser takes keys of 1,024 characters at most
#: An item of a one-line list: identifiers (slugs, law and category ids).
_FLOW_ITEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
#: A single-quoted value closed on its line (a quote inside is doubled).
_QUOTED = re.compile(r"'((?:[^']|'')*)'")
#: A double-quoted value closed on its line, without escapes (a backslash leaves the value to the parser).
_DOUBLE = re.compile(r'"([^"\\]*)"')
#: Characters a plain value may not start with (YAML's indicators, and the space).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")
#: What the reader leaves to the parser wherever it appears: any character but the line feed and those the
#: parser accepts (control characters, U+FFFE, U+FFFF, surrogates: the parser refuses them), and of those, tabs,
#: carriage returns and the other characters YAML takes for line breaks (U+0085, U+2028, U+2029), and a byte
#: order mark (the caller removed the leading one).
_UNREAD = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
#: What ``_UNREAD`` finds, and the characters no record may hold (generator.read.characters), which its ranges
#: let through: the bidirectional controls and invisible characters (U+061C, U+200B–U+200F, U+202A–U+202E,
#: U+2060–U+2064, U+2066–U+2069). A record with none of them (nearly every one) is searched once, not twice.
_UNPLAIN = re.compile(
    "[^\n\x20-\x7e\xa0-\u061b\u061d-\u200a\u2010-\u2027\u202f-\u205f\u2065\u206a-\ud7ff"
    "\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
#: The same, at a line's end (a space) or start (a document marker): searched for as text, which is faster.
_UNREAD_TEXT = (" \n", "\n---", "\n...")
#: The indentation ``_Reader.skip`` gives at the end of the text.
_SKIPPED = -1


class _NotCanonicalError(Exception):
    """Not the canonical layout: the parser reads the file."""


def plain(text: str) -> bool:
    """Whether ``text`` holds no character this reader leaves to the parser and none a record may not hold."""
    return _UNPLAIN.search(text) is None


def read(text: str, *, plain: bool = False) -> Node | None:
    """The located tree of ``text`` (a record's YAML, decoded), or None if it is not laid out as ``atlas fmt`` lays
    records out. ``plain``: the caller found ``plain(text)`` true, and the characters need no search again."""
    if (not plain and _UNREAD.search(text) is not None) or text.endswith(" ") or text.startswith(("---", "...")):
        return None
    if any(mark in text for mark in _UNREAD_TEXT):
        return None
    try:
        return _Reader(text.split("\n")).document()
    except _NotCanonicalError:
        return None


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.end = len(lines)
        self.i = 0  # the line being read (0-based)

    def document(self) -> Node:
        if self.skip() != 0:
            raise _NotCanonicalError
        node = self.block(0, 1)
        self.skip()
        if self.i != self.end:
            raise _NotCanonicalError
        return node

    def skip(self) -> int:
        """Past empty lines and comments (a comment only from the line's start: indented ones are the parser's);
        the indentation of the line reached, or _SKIPPED at the end."""
        lines, i, end = self.lines, self.i, self.end
        while i < end:
            line = lines[i]
            if line and line[0] != "#":
                self.i = i
                return len(line) - len(line.lstrip(" "))
            i += 1
        self.i = i
        return _SKIPPED

    def block(self, indent: int, depth: int) -> Mapping | Sequence:
        """The mapping or sequence whose lines start at column ``indent`` (0-based)."""
        if depth >= MAX_DEPTH - 2:
            raise _NotCanonicalError  # deep nesting is the parser's to refuse
        if self.lines[self.i].startswith("- ", indent):
            return self.sequence(indent, depth)
        return self.mapping(indent, depth, inline=False)

    def mapping(self, indent: int, depth: int, *, inline: bool) -> Mapping:
        """A block mapping at ``indent``; ``inline``: its first key follows a sequence item's dash on this line."""
        node = Mapping(self.i + 1, indent + 1)
        entries = node.entries
        while True:
            if not inline:
                at = self.skip()
                if at < indent:  # the end (_SKIPPED), or a line of an enclosing block
                    return node
                if at > indent:
                    raise _NotCanonicalError
            inline = False
            found = _KEY.match(self.lines[self.i], indent)
            if found is None:
                raise _NotCanonicalError
            key = found.group(1)
            if key in entries:
                raise _NotCanonicalError
            label = Scalar(key, True, self.i + 1, indent + 1)
            entries[key] = (label, self.value(found.end(), indent, depth))

    def value(self, start: int, indent: int, depth: int) -> Node:
        """The value of the key whose line ends its ``key: `` at ``start``; the mapping is at ``indent``."""
        line = self.lines[self.i]
        if start < len(line):
            return self.inline(line[start:], start, indent)
        self.i += 1
        at = self.skip()
        if at > indent or (at == indent and self.lines[self.i].startswith("- ", indent)):
            return self.block(at, depth + 1)
        raise _NotCanonicalError  # a key without a value (null), at the end or not: the parser's

    def inline(self, rest: str, start: int, indent: int) -> Node:
        """A value written on the key's line from column ``start`` (0-based): ``rest``."""
        line_no, col = self.i + 1, start + 1
        first = rest[0]
        if rest in (">-", "|-"):
            return Scalar(self.block_text(indent, folded=first == ">"), False, line_no, col)
        self.i += 1
        if first == "[":
            return _flow(rest, line_no, col)
        if first == "'":
            quoted = _QUOTED.fullmatch(rest)
            if quoted is None:
                raise _NotCanonicalError
            return Scalar(quoted.group(1).replace("''", "'"), False, line_no, col)
        if first == '"':
            double = _DOUBLE.fullmatch(rest)
            if double is None:
                raise _NotCanonicalError
            return Scalar(double.group(1), False, line_no, col)
        if first in _INDICATORS or ": " in rest or " #" in rest or rest[-1] == ":":
            raise _NotCanonicalError
        return Scalar(rest, True, line_no, col)

    def sequence(self, indent: int, depth: int) -> Sequence:
        """A block sequence whose dashes are at ``indent``."""
        node = Sequence(self.i + 1, indent + 1)
        items = node.items
        item = indent + 2
        while True:
            at = self.skip()
            if at < indent:
                return node
            if at > indent:
                raise _NotCanonicalError
            line = self.lines[self.i]
            if not line.startswith("- ", indent):
                if line.startswith("-", indent):
                    raise _NotCanonicalError
                return node  # the next key of the mapping this sequence is level with
            if _KEY.match(line, item) is not None:
                if depth + 1 >= MAX_DEPTH - 2:
                    raise _NotCanonicalError
                items.append(self.mapping(item, depth + 1, inline=True))
            elif line.startswith(("-", " ", ">", "|"), item):
                raise _NotCanonicalError  # a list in a list, a wider indent, text blocks in lists: the parser's
            else:
                items.append(self.inline(line[item:], item, indent))

    def block_text(self, indent: int, *, folded: bool) -> str:
        """The text of a ``>-`` or ``|-`` value of a key at ``indent``; the line after it is next."""
        lines, end = self.lines, self.end
        first = i = self.i + 1
        if i >= end or not lines[i]:
            raise _NotCanonicalError  # empty, or starting with empty lines: the parser's
        inner = len(lines[i]) - len(lines[i].lstrip(" "))
        if inner <= indent:
            raise _NotCanonicalError
        pad = " " * inner
        while i < end and (not lines[i] or lines[i].startswith(pad)):
            i += 1
        self.i = i
        while i > first and not lines[i - 1]:
            i -= 1  # "-": the final line breaks are stripped
        body = [line[inner:] for line in lines[first:i]]
        if not folded:
            return "\n".join(body)
        if any(text.startswith(" ") for text in body):
            raise _NotCanonicalError  # a more indented line keeps its line breaks in folded text: the parser's
        return _fold(body)


def _fold(lines: list[str]) -> str:
    """Folded text: a line break between two lines of text is a space; each empty line between them, a line break."""
    if "" not in lines:
        return " ".join(lines)
    out: list[str] = []
    empty = 0
    for text in lines:
        if not text:
            empty += 1
            continue
        if out:
            out.append("\n" * empty if empty else " ")
        out.append(text)
        empty = 0
    return "".join(out)


def _flow(rest: str, line_no: int, col: int) -> Sequence:
    """A one-line list of identifiers: ``[a, b]``, ``[]``."""
    node = Sequence(line_no, col)
    if not rest.endswith("]"):
        raise _NotCanonicalError
    inner = rest[1:-1]
    if not inner:
        return node
    at = col + 1
    for item in inner.split(", "):
        if _FLOW_ITEM.fullmatch(item) is None:
            raise _NotCanonicalError
        node.items.append(Scalar(item, True, line_no, at))
        at += len(item) + 2
    return node
