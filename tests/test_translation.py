"""Translations of records: stamped with the English they translate, and stale when that English changes."""

from __future__ import annotations

from pathlib import Path

from generator.project import Project, check
from generator.read.english import covered, english_digest

from .conftest import Atlas

RECORD = "provisions/globex/terrorism.yaml"
JA = """translations:
  ja:
    method: machine
    digest: {digest}
    title: テロリズムと暴力的過激主義
    summary: テロリズムを*助長する*コンテンツの禁止。
    text: Globexをテロリズムの助長に使用してはならない。
    history:
    - date: 2024-03-01
      summary: 利用規約で初めて公表された。
"""


def _translate(basic: Path, digest: str = "0" * 64, block: str = JA) -> Path:
    path = basic / RECORD
    text = path.read_text(encoding="utf-8").replace("sources:", block.format(digest=digest) + "sources:", 1)
    path.write_text(text, encoding="utf-8")
    return path


def test_stamp_records_the_english_digest_and_check_then_passes(atlas: Atlas, basic: Path) -> None:
    path = _translate(basic)
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 0  # a stale translation is a warning
    assert err.splitlines()[0].startswith(
        f"{RECORD}:14:13: warning: the ja translation was made from other English: it has fallen behind (update it,"
        f" then `atlas translation stamp {RECORD}` (the English digest is now "
    )
    code, out, err = atlas("--root", str(basic), "translation", "stamp", str(path))
    assert (code, out, err) == (0, f"stamped {RECORD}\n", "")
    assert "# " not in path.read_text(encoding="utf-8").split("translations:")[1].split("sources:")[0]
    code, out, err = atlas("--root", str(basic), "check")
    assert code == 0 and "warning" not in err
    p = check(Project(basic)).records.provisions
    terror = next(q for q in p if q.id == "globex/terrorism")
    assert terror.translations is not None and terror.translations.ja is not None
    assert terror.translations.ja.digest == english_digest(terror)
    assert covered(terror, terror.translations.ja) == {
        "title": True,
        "summary": True,
        "text": True,
        "interpretive_note": None,
        "affects": None,
        "exposure_rationale": None,
        "jurisdictions": None,
        "analogues": None,
        "compliance": None,
        "history": True,
    }
    # the English changes: the translation has fallen behind
    path.write_text(path.read_text(encoding="utf-8").replace("*promotes*", "*praises*"), encoding="utf-8")
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 0 and "warning: the ja translation was made from other English" in err


def test_a_translated_note_must_belong_to_the_record(atlas: Atlas, basic: Path) -> None:
    block = JA.replace("    - date: 2024-03-01", "    - date: 2024-03-02")
    _translate(basic, block=block)
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 1
    assert (
        f"{RECORD}:19:13: error: the translated history entry '2024-03-02' is not in the English record"
        in err.splitlines()
    )
