"""The atlas command: exit status 0 clean, 1 data errors, 2 usage errors; no tracebacks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Atlas = Callable[..., tuple[int, str, str]]


def test_check_clean(atlas: Atlas, basic: Path) -> None:
    assert atlas("--root", str(basic), "check") == (0, "ok: 5 provisions, 3 platforms, 3 categories\n", "")


def test_check_errors(atlas: Atlas, basic: Path) -> None:
    (basic / "provisions/acme/no-extraction.yaml").write_text(
        "title: T\ndocument: aup\ncategories:\n- model-extracton\nsummary: S\ntext: {status: paraphrase, body: B}\n"
        "sources: [{url: 'https://a.example'}]\n"
    )
    assert atlas("--root", str(basic), "check") == (
        1,
        "",
        "provisions/acme/no-extraction.yaml:4:3: error: unknown category 'model-extracton' "
        "(did you mean 'model-extraction'?)\n1 error in 1 file\n",
    )


def test_build(atlas: Atlas, basic: Path) -> None:
    code, out, err = atlas("--root", str(basic), "build")
    assert (code, err) == (0, "")
    # in each of the two trees (English, Japanese): 33 Markdown pages (4 of them documents, one the translation
    # status, one the compare page) and 32 generated files (feeds, one per provision too, open data, redirects,
    # an embed per category, the compare page's data), every one written the first time; the theme's assets
    # copied beside them are not counted
    assert re.match(r"built 130 pages \(130 changed\) into ", out), out
    page = basic / "content/pages/about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    code, out, err = atlas("--root", str(basic), "build")
    # the page in English, and in Japanese (where it falls back to the English), nothing else
    assert (code, err) == (0, "") and re.match(r"built 130 pages \(2 changed\) into ", out), out


def test_build_refuses_bad_records(atlas: Atlas, basic: Path) -> None:
    (basic / "content/categories.yaml").write_text("- id: Bad\n")
    code, out, err = atlas("--root", str(basic), "build")
    assert code == 1 and out == ""
    assert err.endswith("build not started: fix the errors above; the existing site was left untouched\n")
    assert not (basic / "site").exists()


def test_build_messages_say_which_stage_said_them(atlas: Atlas, basic: Path) -> None:
    (basic / "content/pages/about.md").write_text("# About\n\nSee [nowhere](nowhere.md).\n", encoding="utf-8")
    code, out, err = atlas("--root", str(basic), "build")
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[-1] == "build failed: the existing site was left untouched"
    assert lines[:-1], err
    for line in lines[:-1]:  # every message is signed by its stage: origin: severity: text
        assert re.match(r"(mkdocs|pagefind|links): (error|warning): \S", line), line
    assert any("nowhere.md" in line for line in lines)


def test_usage_errors(atlas: Atlas, tmp_path: Path) -> None:
    assert atlas("frobnicate")[0] == 2
    assert atlas()[0] == 2
    assert atlas("--root", str(tmp_path / "missing"), "check") == (
        2,
        "",
        f"atlas: error: --root {tmp_path / 'missing'}: no such directory\n",
    )


def test_python_dash_m_and_no_traceback(basic: Path) -> None:
    (basic / "provisions/acme/x.yaml").write_bytes(b"\xff\xfe garbage: [")
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "check"], cwd=basic, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("provisions/acme/x.yaml:1:1: error: file is not valid UTF-8 (byte 0xff)")


def _break(basic: Path) -> None:
    (basic / "provisions/acme/no-extraction.yaml").write_text(
        "title: T\ndocument: aup\ncategories:\n- model-extracton\nsummary: S\ntext: {status: paraphrase, body: B}\n"
        "sources: [{url: 'https://a.example'}]\n"
    )


def test_check_github_annotations(atlas: Atlas, basic: Path) -> None:
    _break(basic)
    code, out, err = atlas("--root", str(basic), "check", "--format", "github")
    assert code == 1
    assert out == (
        "::error file=provisions/acme/no-extraction.yaml,line=4,col=3,title=unknown-category::"
        "unknown category 'model-extracton' (did you mean 'model-extraction'?)\n"
    )
    assert err == "1 error in 1 file\n"


def test_check_json(atlas: Atlas, basic: Path) -> None:
    _break(basic)
    code, out, _err = atlas("--root", str(basic), "check", "--format", "json")
    assert code == 1
    assert json.loads(out) == [
        {
            "path": "provisions/acme/no-extraction.yaml",
            "line": 4,
            "col": 3,
            "severity": "error",
            "code": "unknown-category",
            "message": "unknown category 'model-extracton'",
            "hint": "did you mean 'model-extraction'?",
        }
    ]


def test_check_named_files_resolves_against_everything(atlas: Atlas, basic: Path) -> None:
    _break(basic)
    # the broken file is not named: its error is not reported, yet references still resolve
    assert atlas("--root", str(basic), "check", str(basic / "provisions/acme/csam-generation.yaml")) == (
        0,
        "ok: 5 provisions, 3 platforms, 3 categories (1 file checked against them)\n",
        "",
    )
    assert atlas("--root", str(basic), "check", str(basic / "provisions/acme/no-extraction.yaml"))[0] == 1
    assert atlas("--root", str(basic), "check", str(basic / "nope.yaml"))[0] == 2


def test_check_changed_against_git_ref(atlas: Atlas, basic: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=basic, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "base", "--allow-empty")
    git("add", "-A")
    git("-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "corpus")
    assert atlas("--root", str(basic), "check", "--changed", "HEAD")[1].endswith("(0 files checked against them)\n")
    _break(basic)
    code, _out, err = atlas("--root", str(basic), "check", "--changed", "HEAD")
    assert code == 1 and err.startswith("provisions/acme/no-extraction.yaml:4:3: error: unknown category")
    assert atlas("--root", str(basic), "check", "--changed", "no-such-ref")[0] == 2


HAZARDS = [
    (b"title: [unclosed\n", "2:1: error: YAML syntax error"),
    (b"title: x\ntitle: y\n", "2:1: error: duplicate key 'title'"),
    (b"a: &x 1\nb: *x\n", "1:4: error: anchors are not allowed (&x)"),
    (b"title: !!python/object/apply:os.system ['true']\n", "1:8: error: tags are not allowed"),
    (b"title: !!binary aGk=\n", "1:8: error: tags are not allowed"),
    (b"title: a\n---\ntitle: b\n", "2:1: error: file holds more than one YAML document"),
    (b"", "1:1: error: file is empty"),
    (b"title: caf\xe9\n", "1:11: error: file is not valid UTF-8"),
    (
        "title: a\u202eb\n".encode(),
        "1:9: error: forbidden bidirectional control character U+202E RIGHT-TO-LEFT OVERRIDE",
    ),
    ("title: a\u200bb\n".encode(), "1:9: error: forbidden invisible character U+200B ZERO WIDTH SPACE"),
    (b"title: a\x1bb\n", "1:9: error: forbidden control character U+001B ESCAPE"),
    (b"a: " + b"[" * 100 + b"]" * 100 + b"\n", "1:15: error: nesting deeper than 12 levels"),
    (b"a: " + b"x" * 300_000 + b"\n", "1:1: error: file is 300004 bytes, over the limit"),
    (b"last_reviewed: 2026-13-45\n", "1:16: error: 'last_reviewed' is not a valid date: '2026-13-45'"),
    (b"summary: '<script>alert(1)</script>'\n", "1:10: error: raw HTML is not allowed in 'summary'"),
    (b"summary: '[x](JAVASCRIPT:alert(1))'\n", "1:10: error: link target uses the forbidden scheme 'javascript:'"),
    (b"summary: '[x](&#100;ata:text/html,x)'\n", "1:10: error: link target uses the forbidden scheme 'data:'"),
    (b"summary: '[x](vbscript:x)'\n", "1:10: error: link target uses the forbidden scheme 'vbscript:'"),
]


@pytest.mark.parametrize(("data", "expected"), HAZARDS, ids=[h[1].split("error: ")[1][:30] for h in HAZARDS])
def test_every_hazard_exits_1_with_its_located_message(atlas: Atlas, basic: Path, data: bytes, expected: str) -> None:
    (basic / "provisions/acme/hazard.yaml").write_bytes(data)
    code, out, err = atlas("--root", str(basic), "check")
    assert code == 1 and out == ""
    assert f"provisions/acme/hazard.yaml:{expected}" in err, err
    assert "Traceback" not in err
