"""Read one YAML file into a small located tree, refusing every YAML hazard.

We never let a YAML library construct Python objects from editor input. Instead we
walk the parser's *events* and build a tree of :class:`Scalar`, :class:`Mapping`
and :class:`Sequence` nodes that remember where each value was written. This
gives us, in one pass and before anything is expanded:

* every value's line and column, so every later diagnostic is located;
* the scalar exactly as the editor typed it (``2025-04-01``, ``yes``, ``0.10``),
  so a field that expects text gets that text, never a date, bool or float;
* a refusal of anchors and aliases (no alias bomb can expand), tags, duplicate
  keys, non-text keys, several documents and excessive nesting.

Decoding bytes (UTF-8 with optional BOM), the size limit and forbidden characters
(control, bidi override, zero-width) are checked here too, so the rest of the
pipeline only ever sees well-formed trees.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from generator.diagnostics import Diagnostic
from generator.read import characters, quickyaml
from generator.read.yamltree import MAX_DEPTH, Mapping, Node, Scalar, Sequence

#: Largest record file accepted, in bytes (documented in docs/security.md).
MAX_FILE_BYTES = 256 * 1024

_BOM = "\ufeff"
#: The hint of every forbidden character in a record (generator.read.characters).
FORBIDDEN_HINT = "delete it; it is invisible or changes how text displays"


def kind_name(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return "a value"


def locate(node: Node | None, *path: str | int) -> tuple[int, int]:
    """Line and column of the value at ``path`` below ``node``, as deep as it exists."""
    if node is None:
        return (1, 1)
    current: Node = node
    for step in path:
        nxt: Node | None = None
        if isinstance(step, str) and isinstance(current, Mapping):
            nxt = current.get(step)
        elif isinstance(step, int) and isinstance(current, Sequence):
            nxt = current.items[step] if 0 <= step < len(current.items) else None
        if nxt is None:
            break
        current = nxt
    return (current.line, current.col)


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


class _Decoded(NamedTuple):
    """A record file's text (None if it cannot be read), what was wrong with it, and whether it is ``plain``."""

    text: str | None
    diagnostics: list[Diagnostic]
    #: holds no character the quick reader leaves to the parser, nor any forbidden one (quickyaml.plain)
    plain: bool = False


def _decode(path: str, data: bytes) -> _Decoded:
    if len(data) > MAX_FILE_BYTES:
        message = f"file is {len(data)} bytes, over the limit of {MAX_FILE_BYTES} bytes"
        return _Decoded(None, [Diagnostic(path, 1, 1, "file-too-large", message, "split it or shorten the text")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        line, col = _position(good, len(good))
        message = f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})"
        return _Decoded(None, [Diagnostic(path, line, col, "not-utf8", message, "save the file as UTF-8")])
    if text.startswith(_BOM):
        text = text[1:]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return _Decoded(None, [Diagnostic(path, 1, 1, "empty-file", "file is empty", "")])
    if quickyaml.plain(text):  # nearly every record: neither the search below nor the quick reader's finds anything
        return _Decoded(text, [], plain=True)
    diags = characters.diagnostics(path, text, FORBIDDEN_HINT)
    if diags:
        return _Decoded(None, diags)
    return _Decoded(text, [])


_PARSER = YAML(typ="safe")


class _TreeBuilder:
    """Builds the located tree from the parser's events, refusing every hazard with a located diagnostic."""

    def __init__(self, path: str, diags: list[Diagnostic]) -> None:
        self.path = path
        self.diags = diags
        self.stack: list[Mapping | Sequence] = []
        self.pending_key: list[Scalar | None] = []  # per open mapping: key awaiting its value
        self.root: Node | None = None
        self.documents = 0

    def complain(self, line: int, col: int, code: str, message: str, hint: str = "") -> None:
        self.diags.append(Diagnostic(self.path, line, col, code, message, hint))

    def attach(self, node: Node) -> None:
        """Attach a finished node to its parent (or make it the root, or the key awaiting its value)."""
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        if isinstance(parent, Sequence):
            parent.items.append(node)
            return
        key = self.pending_key[-1]
        if key is None:
            if not isinstance(node, Scalar):
                self.complain(node.line, node.col, "yaml-complex-key", "a key must be plain text")
                node = Scalar("", True, node.line, node.col)
            self.pending_key[-1] = node
            return
        self.pending_key[-1] = None
        if key.value in parent.entries:
            first = parent.entries[key.value][0]
            self.complain(
                key.line,
                key.col,
                "yaml-duplicate-key",
                f"duplicate key '{key.value}' (first defined at line {first.line})",
                "keep only one; if it belongs to the entry above, indent it to line up with that entry's keys",
            )
        else:
            parent.entries[key.value] = (key, node)

    def refused(self, event: Any, line: int, col: int) -> bool:
        """Report what the event carries that the format forbids; True when reading must stop."""
        if isinstance(event, DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                hint = "remove the '---' separator and keep one record per file"
                self.complain(line, col, "yaml-multiple-documents", "file holds more than one YAML document", hint)
                return True
        elif isinstance(event, AliasEvent):
            message = f"aliases are not allowed (*{event.anchor})"
            self.complain(line, col, "yaml-alias", message, "write the value out in full")
            return True
        elif isinstance(event, (ScalarEvent, MappingStartEvent, SequenceStartEvent)):
            if event.anchor is not None:
                self.complain(
                    line, col, "yaml-anchor", f"anchors are not allowed (&{event.anchor})", "remove the anchor"
                )
            if event.tag is not None:
                hint = "remove the tag; quote the value if it is text"
                self.complain(line, col, "yaml-tag", f"tags are not allowed ({event.tag})", hint)
        return False

    def escaped(self, value: str, line: int, col: int) -> None:
        """Report a forbidden character that a double-quoted value makes with an escape."""
        found = characters.FORBIDDEN.search(value)
        if found is not None:
            message = f"forbidden {characters.describe(found.group())}, written as an escape"
            self.complain(line, col, "forbidden-character", message, "delete the escape from the quoted text")

    def take(self, event: Any) -> bool:
        """Add one parser event to the tree; False when reading must stop."""
        kind = type(event)
        mark = event.start_mark
        line, col = mark.line + 1, mark.column + 1
        if kind is ScalarEvent:  # the most frequent event first, with its one test when it is clean
            if event.anchor is not None or event.tag is not None:
                self.refused(event, line, col)
            if event.style == '"':  # the one style with escapes: "\x1b", "\u202e" make what the file does not hold
                self.escaped(event.value, line, col)
            self.attach(Scalar(event.value, not event.style, line, col))
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            self.pending_key.pop()
            self.attach(self.stack.pop())
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                self.refused(event, line, col)
            if len(self.stack) >= MAX_DEPTH:
                message = f"nesting deeper than {MAX_DEPTH} levels"
                self.complain(line, col, "yaml-too-deep", message, "flatten the structure")
                return False
            self.stack.append(Mapping(line, col) if kind is MappingStartEvent else Sequence(line, col))
            self.pending_key.append(None)
        elif self.refused(event, line, col):
            return False
        return True


def parse(path: str, data: bytes) -> tuple[Node | None, list[Diagnostic]]:
    """Parse ``data`` (the bytes of file ``path``) into a located tree.

    Returns ``(tree, diagnostics)``; the tree is ``None`` whenever the file could
    not be read as exactly one document free of hazards.
    """
    text, diags, plain = _decode(path, data)
    if text is None:
        return None, diags
    quick = quickyaml.read(text, plain=plain)  # the layout `atlas fmt` writes, read without the parser (or None)
    if quick is not None:
        return quick, []
    return parsed(path, text)


def parsed(path: str, text: str) -> tuple[Node | None, list[Diagnostic]]:
    """``text`` (file ``path``'s, decoded) read by the YAML parser, every hazard refused: what :func:`parse`
    returns of a file the quick reader (generator.read.quickyaml) leaves to the parser."""
    diags: list[Diagnostic] = []
    tree = _TreeBuilder(path, diags)
    try:
        for event in _PARSER.parse(text):
            if not tree.take(event):
                break
    except MarkedYAMLError as exc:
        problem_mark = exc.problem_mark or exc.context_mark
        pline, pcol = (problem_mark.line + 1, problem_mark.column + 1) if problem_mark else (1, 1)
        message = exc.problem or exc.context or "invalid YAML"
        hint = "check the indentation and quoting on this line or the one before"
        tree.complain(pline, pcol, "yaml-syntax", f"YAML syntax error: {message}", hint)
    except (YAMLError, ValueError, RecursionError) as exc:  # any other parser refusal
        tree.complain(1, 1, "yaml-syntax", f"YAML syntax error: {str(exc).splitlines()[0]}", "")
    if diags:
        return None, diags
    return tree.root, []
