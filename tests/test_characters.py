"""Control, bidirectional and invisible characters: refused, located and named wherever the generator reads text.

Records and content files (also when a double-quoted value makes one with an escape), prose pages and
archived texts; archive imports refuse them before writing; and a file's name that holds one is shown
escaped in every message (docs/security.md).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from generator.editing import archive
from generator.read import characters

from .conftest import REPO, Atlas, git_at

CLASSES = [
    ("\u202e", "bidirectional control character U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u202a", "bidirectional control character U+202A LEFT-TO-RIGHT EMBEDDING"),
    ("\u2066", "bidirectional control character U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\u2069", "bidirectional control character U+2069 POP DIRECTIONAL ISOLATE"),
    ("\u200e", "bidirectional control character U+200E LEFT-TO-RIGHT MARK"),
    ("\u200f", "bidirectional control character U+200F RIGHT-TO-LEFT MARK"),
    ("\u061c", "bidirectional control character U+061C ARABIC LETTER MARK"),
    ("\x1b", "control character U+001B ESCAPE"),
    ("\x00", "control character U+0000 NULL"),
    ("\x7f", "control character U+007F DELETE"),
    ("\x85", "control character U+0085 NEXT LINE"),
    ("\x9b", "control character U+009B CONTROL SEQUENCE INTRODUCER"),
]
INVISIBLE = [
    ("\u200b", "invisible character U+200B ZERO WIDTH SPACE"),
    ("\u2060", "invisible character U+2060 WORD JOINER"),
]
HINT = "(delete it; it is invisible or changes how text displays)"
IDS = [c[1].split(" U+")[1][:4] for c in CLASSES]


def test_every_control_character_is_named_as_unicode_names_it() -> None:
    for char, alias in characters.CONTROL_NAMES.items():
        assert unicodedata.lookup(alias) == char, alias
    assert [chr(i) for i in [*range(0x20), 0x7F, *range(0x80, 0xA0)]] == sorted(characters.CONTROL_NAMES)
    for char, description in CLASSES + INVISIBLE:
        assert characters.describe(char) == description
        assert characters.FORBIDDEN.search(char)
    assert not characters.FORBIDDEN.search("\t\n\r é — “x” \u00a0")


@pytest.mark.parametrize(("char", "description"), CLASSES + INVISIBLE, ids=[*IDS, "200B", "2060"])
def test_a_record_or_content_file_holding_one_is_a_located_error(
    atlas: Atlas, basic: Path, char: str, description: str
) -> None:
    record = basic / "provisions/acme/no-extraction.yaml"
    record.write_bytes(record.read_bytes().replace(b"model extraction", f"model{char} extraction".encode(), 1))
    categories = basic / "content/categories.yaml"
    categories.write_bytes(f"# note{char}\n".encode() + categories.read_bytes())
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 1
    assert f"provisions/acme/no-extraction.yaml:1:16: error: forbidden {description} {HINT}" in err
    assert f"content/categories.yaml:1:7: error: forbidden {description} {HINT}" in err


@pytest.mark.parametrize("escape", ["\\u202e", "\\u2066", "\\x1b", "\\x85", "\\N", "\\x00", "\\u200b", "\\L"])
def test_an_escape_in_a_double_quoted_value_cannot_make_one(atlas: Atlas, basic: Path, escape: str) -> None:
    record = basic / "provisions/acme/no-extraction.yaml"
    text = record.read_text(encoding="utf-8").replace("title: No model extraction", f'title: "No {escape}model"')
    record.write_text(text, encoding="utf-8")
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 1
    assert re.search(r"no-extraction\.yaml:1:8: error: forbidden .* U\+[0-9A-F]{4} [A-Z -]+, written as an escape", err)


@pytest.mark.parametrize(("char", "description"), CLASSES + INVISIBLE[:1], ids=[*IDS, "200B"])
def test_a_prose_page_holding_one_is_a_located_error(atlas: Atlas, basic: Path, char: str, description: str) -> None:
    page = basic / "content/pages/about.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"# About\n\nWhat this\tatlas is{char}, in a line.\n", encoding="utf-8")
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 1
    assert f"content/pages/about.md:3:19: error: forbidden {description} {HINT}" in err


def _archive_text(basic: Path, text: str) -> Path:
    """An archived version of globex/terms holding ``text``, with its provenance, as an import writes them."""
    folder = basic / "archive/globex/terms"
    folder.mkdir(parents=True)
    version = archive.Version(None, text.encode(), {"url": "https://x.example/t"}, archive.Provenance("u", "l"))
    (folder / "2024-03-02.yaml").write_text(
        archive.provenance_yaml(version).replace("\nurl: ", "\nrecorded: 2024-03-02\nurl: ")
    )
    (folder / "2024-03-02.md").write_bytes(version.text)
    return folder


@pytest.mark.parametrize(("char", "description"), CLASSES, ids=IDS)
def test_an_archived_text_holding_one_is_reported(atlas: Atlas, basic: Path, char: str, description: str) -> None:
    _archive_text(basic, f"# Terms\n\nDo not{char} do it.\n")
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 1
    assert f"archive/globex/terms/2024-03-02.md:3:7: error: the archived text holds a {description} (" in err


def test_an_archived_text_may_hold_invisible_characters_as_its_source_does(atlas: Atlas, basic: Path) -> None:
    _archive_text(basic, "# Terms\n\nDo not\u2060 do\u200b it.\n")
    err = atlas("--root", str(basic), "check")[2]
    assert "archive/globex/terms/2024-03-02.md" not in err, err


@pytest.mark.parametrize(("char", "description"), CLASSES[:1] + CLASSES[7:8] + CLASSES[10:11], ids=["202E", "1B", "85"])
def test_an_import_refuses_one_and_writes_nothing(
    atlas: Atlas, basic: Path, tmp_path: Path, char: str, description: str
) -> None:
    source = tmp_path / "copy.md"
    source.write_text(f"# Terms\n\nFine.\nDo not{char} do it.\n", encoding="utf-8")
    args = ["--to", "globex/terms", "--recorded", "2024-03-02", "--source-url", "https://x.example/t", "--licence", "l"]
    code, out, err = atlas("--root", str(basic), "archive", "add", str(source), *args)
    assert (code, out) == (2, "")
    assert f"line 4, column 7 holds a {description}; nothing was written" in err
    assert not (basic / "archive").exists()
    repo = tmp_path / "versions"
    (repo / "Acme").mkdir(parents=True)
    git_at(repo, "init", "-q")
    (repo / "Acme/Terms.md").write_bytes(source.read_bytes())
    git_at(repo, "add", "-A")
    git_at(repo, "commit", "-qm", "v1")
    args = ["--to", "globex/terms", "--repository", "o/n", "--licence", "l"]
    code, _, err = atlas("--root", str(basic), "archive", "import", str(repo), "Acme/Terms.md", *args)
    assert code == 2 and f"line 4, column 7 holds a {description}; nothing was written" in err
    assert not (basic / "archive").exists()


def test_the_shipped_archive_holds_only_invisible_characters_it_may_hold() -> None:
    held: set[str] = set()
    for text in sorted((REPO / "archive").rglob("*.md")):
        content = text.read_text(encoding="utf-8")
        assert not characters.FORBIDDEN_IN_ARCHIVE.search(content), text
        held |= {m.group() for m in characters.FORBIDDEN.finditer(content)}
    assert held <= {"\u200b", "\u2060"}  # zero-width spaces and word joiners, as the policies have them
    for folder in ("content", "provisions"):
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file():
                assert not characters.FORBIDDEN.search(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("name", ["a\x1b[2Jb.yaml", "a\u202eb.yaml", "a\nforged.yaml:1:1: error: forged.yaml"])
def test_a_file_name_holding_one_is_shown_escaped(atlas: Atlas, basic: Path, name: str) -> None:
    (basic / "provisions/acme" / name).write_text("title: x\n", encoding="utf-8")
    code, _, err = atlas("--root", str(basic), "check")
    escaped = name.replace("\x1b", r"\u001b").replace("\u202e", r"\u202e").replace("\n", r"\u000a")
    assert code == 1 and not characters.FORBIDDEN_IN_ARCHIVE.search(err)
    message = "a provision file must be at provisions/<platform>/<slug>.yaml (ids are lowercase letters, digits"
    assert err.splitlines() == [f"provisions/acme/{escaped}: error: {message} and single hyphens)", "1 error in 1 file"]
    code, out, _ = atlas("--root", str(basic), "check", "--format", "github")
    assert code == 1 and not characters.FORBIDDEN_IN_ARCHIVE.search(out) and len(out.splitlines()) == 1
