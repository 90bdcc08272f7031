"""atlas fmt: canonical key order and layout, comments kept, idempotent, never rewriting broken files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.editing.fmt import format_project

Atlas = Callable[..., tuple[int, str, str]]

MESSY = """\
# A comment above everything.
sources:
  - url: https://acme.example/aup   # where it came from
    title: AUP
text: {body: 'Quoted body.', status: paraphrase}
summary: >-
  Folded text that
  stays folded.
categories: [model-extraction]
document: aup
title: "Messy"
"""

CANONICAL = """\
# yaml-language-server: $schema=../../schema/provision.schema.json
# A comment above everything.
title: "Messy"
document: aup
categories: [model-extraction]
summary: >-
  Folded text that
  stays folded.
text: {status: paraphrase, body: 'Quoted body.'}
sources:
- url: https://acme.example/aup     # where it came from
  title: AUP
"""


def test_canonical_order_layout_and_comments(basic: Path) -> None:
    path = basic / "provisions/acme/messy.yaml"
    path.write_text(MESSY)
    result = format_project(basic, {"provisions/acme/messy.yaml"})
    assert result.changed == ("provisions/acme/messy.yaml",)
    assert path.read_text() == CANONICAL
    assert format_project(basic, {"provisions/acme/messy.yaml"}).changed == ()  # idempotent


def test_check_mode_writes_nothing(atlas: Atlas, basic: Path) -> None:
    path = basic / "provisions/acme/messy.yaml"
    path.write_text(MESSY)
    code, out, _err = atlas("--root", str(basic), "fmt", "--check")
    assert code == 1
    assert "would reformat provisions/acme/messy.yaml\n" in out
    assert path.read_text() == MESSY


def test_fixture_corpus_and_shipped_records_are_formatted(atlas: Atlas, basic: Path) -> None:
    atlas("--root", str(basic), "fmt")
    assert atlas("--root", str(basic), "fmt", "--check") == (0, "all files already formatted\n", "")
    repo = Path(__file__).resolve().parent.parent
    assert atlas("--root", str(repo), "fmt", "--check") == (0, "all files already formatted\n", "")


def test_broken_files_are_reported_not_rewritten(atlas: Atlas, basic: Path) -> None:
    path = basic / "provisions/acme/broken.yaml"
    path.write_text("title: [unclosed\n")
    code, _out, err = atlas("--root", str(basic), "fmt", str(path))
    assert code == 1
    assert err.startswith("provisions/acme/broken.yaml:2:1: error: YAML syntax error")
    assert path.read_text() == "title: [unclosed\n"
