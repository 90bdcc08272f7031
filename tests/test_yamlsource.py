"""The YAML reader: located trees, and every YAML hazard refused with a located message."""

from __future__ import annotations

import pytest

from generator.diagnostics import format_diagnostic
from generator.read.yamlsource import MAX_FILE_BYTES, locate, parse
from generator.read.yamltree import Mapping, Scalar, Sequence


def messages(data: bytes) -> list[str]:
    tree, diags = parse("f.yaml", data)
    assert tree is None or not diags
    return [format_diagnostic(d) for d in diags]


def test_tree_keeps_positions_and_raw_text() -> None:
    tree, diags = parse("f.yaml", b"title: 2025-04-01\nlist:\n- yes\n- '0.10'\nmap: {a: 1}\n")
    assert diags == []
    assert isinstance(tree, Mapping)
    title = tree.get("title")
    assert title == Scalar("2025-04-01", True, 1, 8)
    items = tree.get("list")
    assert isinstance(items, Sequence)
    assert items.items == [Scalar("yes", True, 3, 3), Scalar("0.10", False, 4, 3)]
    assert locate(tree, "map", "a") == (5, 10)
    assert locate(tree, "missing", "deeper") == (1, 1)


def test_bom_is_accepted() -> None:
    tree, diags = parse("f.yaml", "\ufefftitle: x\n".encode())
    assert diags == [] and isinstance(tree, Mapping)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "f.yaml:1:1: error: file is empty"),
        (b"# only a comment\n\n", "f.yaml:1:1: error: file is empty"),
        (
            b"title: [unclosed\n",
            "f.yaml:2:1: error: YAML syntax error: did not find expected ',' or ']' "
            "(check the indentation and quoting on this line or the one before)",
        ),
        (
            b"title: x\ntitle: y\n",
            "f.yaml:2:1: error: duplicate key 'title' (first defined at line 1) "
            "(keep only one; if it belongs to the entry above, indent it to line up with that entry's keys)",
        ),
        (b"a: &x 1\n", "f.yaml:1:4: error: anchors are not allowed (&x) (remove the anchor)"),
        (
            b"a: !!binary aGk=\n",
            "f.yaml:1:4: error: tags are not allowed (tag:yaml.org,2002:binary) "
            "(remove the tag; quote the value if it is text)",
        ),
        (
            b"a: !custom x\n",
            "f.yaml:1:4: error: tags are not allowed (!custom) (remove the tag; quote the value if it is text)",
        ),
        (
            b"a: 1\n---\na: 2\n",
            "f.yaml:2:1: error: file holds more than one YAML document "
            "(remove the '---' separator and keep one record per file)",
        ),
        (b"title: caf\xe9\n", "f.yaml:1:11: error: file is not valid UTF-8 (byte 0xe9) (save the file as UTF-8)"),
        (b"? [a]\n: b\n", "f.yaml:1:3: error: a key must be plain text"),
        (
            "title: a\u202eb\n".encode(),
            "f.yaml:1:9: error: forbidden bidirectional control character U+202E RIGHT-TO-LEFT OVERRIDE "
            "(delete it; it is invisible or changes how text displays)",
        ),
        (
            "title: a\u200bb\n".encode(),
            "f.yaml:1:9: error: forbidden invisible character U+200B ZERO WIDTH SPACE "
            "(delete it; it is invisible or changes how text displays)",
        ),
        (
            b"title: a\x07b\n",
            "f.yaml:1:9: error: forbidden control character U+0007 ALERT "
            "(delete it; it is invisible or changes how text displays)",
        ),
    ],
)
def test_hazards_are_located(data: bytes, expected: str) -> None:
    assert messages(data) == [expected]


def test_alias_bomb_is_refused_before_expansion() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    out = messages("\n".join(lines).encode())
    assert out[0] == "f.yaml:1:4: error: anchors are not allowed (&a) (remove the anchor)"
    assert "aliases are not allowed (*a)" in out[-1]


def test_deep_nesting_is_refused_without_recursion() -> None:
    out = messages(b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n")
    assert out == ["f.yaml:1:15: error: nesting deeper than 12 levels (flatten the structure)"]


def test_size_limit() -> None:
    out = messages(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    assert out == [
        f"f.yaml:1:1: error: file is {MAX_FILE_BYTES + 4} bytes, over the limit of {MAX_FILE_BYTES} bytes "
        "(split it or shorten the text)"
    ]
