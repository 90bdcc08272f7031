"""generator.read.quickyaml: the layout `atlas fmt` writes, read into the parser's very tree, and nothing else.

The one property that matters: whatever the quick reader returns is the tree the
YAML parser builds of the same text (values, lines, columns), from a text the
parser finds nothing wrong with. Otherwise it must give up and leave the text to
the parser, which reports what is wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus import SHAPES, write_corpus
from generator.read import characters, quickyaml, yamlsource
from generator.read.yamltree import Mapping, Scalar, Sequence

from .conftest import FIXTURES, REPO


def _same_as_parser(text: str) -> bool:
    """Whether the quick reader gave up on ``text`` or read the parser's tree of it (and the parser found it clean)."""
    quick = quickyaml.read(text)
    if quick is None:
        return False
    tree, diags = yamlsource.parsed("f.yaml", text)
    assert diags == [], (text, diags)
    assert quick == tree, text
    return True


def _texts(*roots: Path) -> list[str]:
    out = []
    for root in roots:
        for path in sorted(root.rglob("*.yaml")):
            text, *_ = yamlsource._decode(str(path), path.read_bytes())
            if text is not None:
                out.append(text)
    return out


def test_every_record_of_the_repository_and_fixtures_reads_as_the_parser_reads_it() -> None:
    texts = _texts(*(REPO / folder for folder in ("provisions", "content", "archive")), FIXTURES)
    read = sum(_same_as_parser(text) for text in texts)
    # nearly all are in the canonical layout: the quick reader is what reads them (a flow mapping and the
    # fixtures written to be odd are left to the parser)
    assert len(texts) > 300 and read >= len(texts) - 5


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_the_bench_corpora_read_as_the_parser_reads_them(tmp_path: Path, shape: str) -> None:
    write_corpus(tmp_path, 60, **SHAPES[shape])
    texts = _texts(tmp_path)
    assert len(texts) > 60 and all(_same_as_parser(text) for text in texts)


def test_the_canonical_layout_is_read_with_its_values_lines_and_columns() -> None:
    text = (
        "# a comment\n"
        "title: Plain, text 'quoted' C#1\n"
        "quoted: 'it''s'\n"
        'double: "x: y # z"\n'
        "list: [a-1, b.2]\n"
        "empty: []\n"
        "folded: >-\n  one\n  two\n\n\n  three\n\n"
        "literal: |-\n  keep\n    this\n\n  # not a comment\n"
        "items:\n- code: EU\n  laws: []\n- plain\n"
        "nested:\n  deeper:\n    key: value\n"
    )
    tree = quickyaml.read(text)
    assert isinstance(tree, Mapping) and (tree.line, tree.col) == (2, 1)
    assert tree.get("title") == Scalar("Plain, text 'quoted' C#1", True, 2, 8)
    assert tree.get("quoted") == Scalar("it's", False, 3, 9)
    assert tree.get("double") == Scalar("x: y # z", False, 4, 9)
    assert tree.get("list") == Sequence(5, 7, [Scalar("a-1", True, 5, 8), Scalar("b.2", True, 5, 13)])
    assert tree.get("folded") == Scalar("one two\n\nthree", False, 7, 9)
    assert tree.get("literal") == Scalar("keep\n  this\n\n# not a comment", False, 14, 10)
    items = tree.get("items")
    assert isinstance(items, Sequence) and (items.line, items.col) == (20, 1)
    assert isinstance(items.items[0], Mapping) and (items.items[0].line, items.items[0].col) == (20, 3)
    assert items.items[1] == Scalar("plain", True, 22, 3)
    assert _same_as_parser(text)


#: Valid YAML (or not) in any layout but the canonical one: the quick reader leaves each to the parser.
LEFT_TO_THE_PARSER = {
    "escapes": 'a: "tab\\there"\n',
    "anchor and alias": "a: &x 1\nb: *x\n",
    "tag": "a: !!str 1\n",
    "flow mapping": "a: {b: 1}\n",
    "multi-line plain text": "a: one\n  two\n",
    "comment after a value": "a: one # two\n",
    "indented comment": "a:\n  # c\n  b: 1\n",
    "tab": "a:\tb\n",
    "space at a line's end": "a: b \n",
    "duplicate key": "a: 1\na: 2\n",
    "key without a value": "a:\nb: 1\n",
    "key without a value at the end": "a: 1\nb:\n",
    "document marker": "---\na: 1\n",
    "second document": "a: 1\n---\nb: 2\n",
    "more indented folded line": "a: >-\n  one\n    two\n",
    "folded text starting with an empty line": "a: >-\n\n  one\n",
    "keep chomping": "a: >\n  one\n",
    "no space after the colon": "a:b\n",
    "two spaces after the colon": "a:  b\n",
    "quoted key": "'a': 1\n",
    "complex key": "? a\n: 1\n",
    "list in a list": "a:\n- - 1\n",
    "text block in a list": "a:\n- >-\n  x\n",
    "unclosed quote": "a: 'one\n  two'\n",
    "odd list item": "a: [b c]\n",
    "list with a comment": "a: [b] # c\n",
    "indented root": "  a: 1\n",
    "wider indent below": "a:\n  b: 1\n   c: 2\n",
    "sequence under a key, then junk": "a:\n  - 1\n  b: 2\n",
    "carriage return": "a: 1\r\nb: 2\r\n",
    "line separator": "a: one\u2028two\n",
    "a non-character the parser refuses": "a: \ufffe\n",
    "a key longer than the parser takes": "k" * 1025 + ": v\n",
    "plain text starting with an indicator": "a: -1\n",
    "plain text ending with a colon": "a: b:\n",
    "empty dash": "a:\n-\n- b\n",
    "directive": "%YAML 1.2\n---\na: 1\n",
    "deep nesting": "".join(f"{'  ' * i}k{i}:\n" for i in range(14)) + "  " * 14 + "x: 1\n",
}


@pytest.mark.parametrize("name", sorted(LEFT_TO_THE_PARSER))
def test_any_other_layout_is_left_to_the_parser(name: str) -> None:
    text = LEFT_TO_THE_PARSER[name]
    assert quickyaml.read(text) is None
    decoded, refused, _ = yamlsource._decode("f.yaml", text.encode())  # what comes before either reader
    expected = (None, refused) if decoded is None else yamlsource.parsed("f.yaml", decoded)
    assert yamlsource.parse("f.yaml", text.encode()) == expected


def test_a_plain_text_holds_nothing_the_reader_or_the_forbidden_character_check_would_find() -> None:
    every = "".join(map(chr, range(0x110000)))
    found = set(quickyaml._UNREAD.findall(every)) | set(characters.FORBIDDEN.findall(every))
    assert set(quickyaml._UNPLAIN.findall(every)) == found
    assert quickyaml.plain("a: b\nc: [d, e]\n") and not quickyaml.plain("a: b\u200b\n")


# Documents made of the layout's pieces and of what lies just outside it, for the property below.
_WORD = st.sampled_from(["a", "b1", "x-y", "x_y", "yes", "null", "~", "2025-01-01", "1.0", "…", "語", "C#", "e.g."])
_RISKY = st.sampled_from([" ", ":", ": ", " #", "#", "'", "''", '"', "\\", "-", "- ", "[", "]", ",", ", ", "&", "*"])
_PLAIN = st.lists(st.one_of(_WORD, _RISKY), min_size=1, max_size=6).map("".join)
_KEYS = st.sampled_from(["title", "a", "b", "code", "laws", "note", "x-y", "k_1"])


def _scalar_line(value: str, style: str) -> str:
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        return '"' + value + '"'
    if style == "list":
        return "[" + value + "]"
    return value


def _block(indent: int, lines: list[str], marker: str) -> str:
    pad = " " * (indent + 2)
    return f"{marker}\n" + "".join(f"{pad}{line}\n" if line else "\n" for line in lines)


@st.composite
def _value(draw: st.DrawFn, indent: int, depth: int) -> str:
    kind = draw(st.sampled_from(["scalar", "block", "mapping", "sequence"] if depth < 3 else ["scalar", "block"]))
    if kind == "scalar":
        style = draw(st.sampled_from(["plain", "single", "double", "list"]))
        return " " + _scalar_line(draw(_PLAIN), style) + "\n"
    if kind == "block":
        lines = draw(st.lists(st.one_of(_PLAIN, st.just(""), _PLAIN.map(lambda s: " " + s)), min_size=1, max_size=4))
        return " " + _block(indent, lines, draw(st.sampled_from([">-", "|-", ">", "|"])))
    if kind == "mapping":
        return "\n" + draw(_mapping(indent + 2, depth + 1))
    step = draw(st.sampled_from([0, 2]))
    return "\n" + draw(_sequence(indent + step, depth + 1))


@st.composite
def _mapping(draw: st.DrawFn, indent: int, depth: int) -> str:
    keys = draw(st.lists(_KEYS, min_size=1, max_size=4))
    out = ""
    for key in keys:
        if draw(st.booleans()) and draw(st.booleans()):
            out += draw(st.sampled_from(["# c\n", "\n", " " * indent + "# c\n"]))
        out += " " * indent + key + ":" + draw(_value(indent, depth))
    return out


@st.composite
def _sequence(draw: st.DrawFn, indent: int, depth: int) -> str:
    out = ""
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            body = draw(_mapping(indent + 2, depth + 1))
            out += " " * indent + "- " + body[indent + 2 :]
        else:
            out += " " * indent + "- " + _scalar_line(draw(_PLAIN), draw(st.sampled_from(["plain", "single"]))) + "\n"
    return out


@settings(max_examples=400, deadline=None)
@given(_mapping(0, 0))
def test_whatever_the_quick_reader_reads_is_the_parser_s_tree(text: str) -> None:
    quick = quickyaml.read(text)
    if quick is not None:
        tree, diags = yamlsource.parsed("f.yaml", text)
        assert diags == [] and quick == tree
