"""The atlas command: exit status 0 clean, 1 data errors, 2 usage errors; no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

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
    assert out.startswith("built 24 pages (25 changed) into ")


def test_build_refuses_bad_records(atlas: Atlas, basic: Path) -> None:
    (basic / "content/categories.yaml").write_text("- id: Bad\n")
    code, out, err = atlas("--root", str(basic), "build")
    assert code == 1 and out == ""
    assert err.endswith("build not started: fix the errors above; the existing site was left untouched\n")
    assert not (basic / "site").exists()


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
