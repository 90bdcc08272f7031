"""Translations of records and of prose pages: stamped with the English they translate, and stale when that English
changes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.project import Project, check
from generator.read.english import covered, english_digest, page_digest
from generator.read.model import ProsePage
from generator.read.translation import PageTranslation

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


# --- prose pages: content/pages/<lang>/<slug>.md ----------------------------------------------------------------

PAGE = "content/pages/ja/about.md"
ABOUT = "---\nmethod: machine\ndigest: {digest}\n---\n# このコーパスについて\n\nテスト用のコーパス。\n"


def _about(basic: Path) -> ProsePage:
    return next(page for page in check(Project(basic)).records.pages if page.slug == "about")


def _translate_page(basic: Path, text: str, rel: str = PAGE) -> Path:
    path = basic / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_page_translation_is_read_with_how_it_was_made_and_the_english_it_translates(basic: Path) -> None:
    digest = page_digest(_about(basic))
    _translate_page(basic, ABOUT.format(digest=digest))
    about = _about(basic)
    assert about.translations is not None and about.translations.ja is not None
    assert about.translations.ja == PageTranslation(
        lang="ja",
        method="machine",
        digest=digest,
        title="このコーパスについて",
        markdown="# このコーパスについて\n\nテスト用のコーパス。\n",
        path=PAGE,
        digest_at=(3, 9),
    )
    assert about.markdown.startswith("# About\n")  # the English page as it was
    methodology = next(page for page in check(Project(basic)).records.pages if page.slug == "methodology")
    assert methodology.translations is None
    assert page_digest(about) == hashlib.sha256((basic / "content/pages/about.md").read_bytes()).hexdigest()


def test_a_page_translation_from_other_english_is_a_warning_until_stamped(atlas: Atlas, basic: Path) -> None:
    path = _translate_page(basic, ABOUT.format(digest="0" * 64))
    digest = page_digest(_about(basic))
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 0  # a warning
    assert err.splitlines() == [
        f"{PAGE}:3:9: warning: the ja translation was made from other English (content/pages/about.md): it has "
        f"fallen behind (update it, then `atlas translation stamp {PAGE}` (the English digest is now {digest}))"
    ]
    code, out, err = atlas("--root", str(basic), "translation", "stamp", str(path))
    assert (code, out, err) == (0, f"stamped {PAGE}\n", "")
    assert path.read_text(encoding="utf-8") == ABOUT.format(digest=digest)  # the digest, and nothing else
    code, out, err = atlas("--root", str(basic), "check")
    assert code == 0 and "warning" not in err
    # the English changes: the translation has fallen behind again
    english = basic / "content/pages/about.md"
    english.write_text(english.read_text(encoding="utf-8").replace("fixture", "test"), encoding="utf-8")
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 0 and f"{PAGE}:3:9: warning: the ja translation was made from other English" in err


def test_what_is_wrong_with_a_page_translation_is_said_where_it_is(atlas: Atlas, basic: Path) -> None:
    _translate_page(basic, "# このコーパスについて\n")
    _translate_page(
        basic, "---\nmethod: by hand\ndigest: abc\nby: me\n---\n# 方法論\n", "content/pages/ja/methodology.md"
    )
    _translate_page(basic, ABOUT.format(digest="0" * 64), "content/pages/ja/nothing.md")
    _translate_page(basic, ABOUT.format(digest="0" * 64), "content/pages/fr/about.md")
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 1
    assert err.splitlines() == [
        "content/pages/fr/about.md: error: a prose page must be content/pages/<slug>.md, its translation "
        "content/pages/ja/<slug>.md",
        f"{PAGE}:1:1: error: a translated page must begin with front matter giving its method and digest (start the "
        "page with a '---' line, 'method: machine' (or human), 'digest: …' and a '---' line)",
        "content/pages/ja/methodology.md:2:9: error: 'method' must be one of machine, human, not 'by hand'",
        "content/pages/ja/methodology.md:3:9: error: 'digest' is not a SHA-256 digest (64 hex digits): 'abc' "
        "(lowercase hexadecimal digits)",
        "content/pages/ja/methodology.md:4:1: error: unknown field 'by'",
        "content/pages/ja/nothing.md:1:1: error: the translated page 'nothing' has no English page "
        "(content/pages/nothing.md) (translate an English page)",
        "6 errors in 4 files",
    ]
