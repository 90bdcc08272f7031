"""generator.read.kept: a long-lived process reads again only the files that changed, and is told every change."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from generator import cachefile
from generator.diagnostics import format_diagnostic
from generator.project import Project, check
from generator.read import kept
from tests.conftest import Atlas

LONG_AGO = time.time() - 3600  # a modification time well before RACY_NS


@pytest.fixture(autouse=True)
def _no_wait(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by a test are kept at once (their change time is now), but in the test of that very wait."""
    if "racily" not in request.node.name:
        monkeypatch.setattr(kept, "RACY_NS", 0)


def _settled(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    os.utime(path, (LONG_AGO, LONG_AGO))
    return path


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is(tmp_path: Path) -> None:
    path = _settled(tmp_path / "a.md", "one")
    with kept.keeping(kept.Store()) as store:
        first = kept.read(path)
        assert kept.read(path) is first and len(store) == 1
        _settled(path, "two")  # same size, same modification time: the change time tells
        assert kept.read(path) == b"two"


def test_a_file_just_written_is_read_again_next_time_lest_it_be_racily_clean(tmp_path: Path) -> None:
    """Changed within the clock tick it was read in, it could look unchanged: it is not kept. A copy that kept an
    old modification time (cp -p, rsync -t) was changed now all the same."""
    path = tmp_path / "a.md"
    path.write_text("one", encoding="utf-8")
    copy = _settled(tmp_path / "b.md", "two")  # its change time is now
    with kept.keeping(kept.Store()) as store:
        for each in (path, copy):
            first = kept.read(each)
            again = kept.read(each)
            assert again == first and again is not first
        assert len(store) == 0


def test_nothing_is_kept_outside_a_store(tmp_path: Path) -> None:
    path = _settled(tmp_path / "a.md", "one")
    assert kept.read(path) is not kept.read(path)
    calls: list[bytes] = []

    def length(data: bytes) -> int:
        calls.append(data)
        return len(data)

    data = kept.read(path)
    assert kept.worked(data, "length", length) == kept.worked(data, "length", length) == 3
    assert len(calls) == 2


def test_what_was_worked_out_is_kept_with_the_bytes_until_the_file_changes(tmp_path: Path) -> None:
    path = _settled(tmp_path / "a.md", "one")
    calls: list[bytes] = []

    def upper(data: bytes) -> bytes:
        calls.append(data)
        return data.upper()

    with kept.keeping(kept.Store()):
        data = kept.read(path)
        assert kept.worked(data, "upper", upper) == b"ONE" and kept.worked(data, "upper", upper) == b"ONE"
        assert kept.worked(b"one", "upper", upper) == b"ONE"  # equal bytes, but not the kept file's: worked out
        _settled(path, "two")
        assert kept.worked(kept.read(path), "upper", upper) == b"TWO"
    assert calls == [b"one", b"one", b"two"]


def test_files_read_as_one_object_are_kept_once(tmp_path: Path) -> None:
    """Python has one empty bytes object: the second empty file is not kept, and forgetting the first when it
    changes leaves the second as it is."""
    a, b = _settled(tmp_path / "a.md", ""), _settled(tmp_path / "b.md", "")
    with kept.keeping(kept.Store()) as store:
        assert kept.read(a) is kept.read(b) == b"" and len(store) == 1
        _settled(a, "x")
        assert kept.read(a) == b"x" and kept.read(b) == b"" and kept.worked(b"", "len", len) == 0


def test_a_kept_file_replaced_by_a_link_is_refused(tmp_path: Path) -> None:
    path = _settled(tmp_path / "a.md", "one")
    secret = _settled(tmp_path / "secret", "two")
    with kept.keeping(kept.Store()):
        kept.read(path)
        path.unlink()
        path.symlink_to(secret)
        with pytest.raises(OSError):
            kept.read(path)


def test_a_preview_s_checks_see_every_change_of_the_archive(atlas: Atlas, basic: Path) -> None:
    """The same diagnostics as a fresh check's after each change, though the unchanged files are not read again."""
    source = basic.parent / "terms.txt"
    source.write_text("You may not use Globex to promote terrorism.\n", encoding="utf-8")
    args = ["--to", "globex/terms", "--recorded", "2024-03-02", "--source-url", "https://web.archive.example/terms"]
    assert atlas("--root", str(basic), "archive", "add", str(source), *args, "--licence", "CC-BY-4.0")[0] == 0
    texts = sorted((basic / "archive").rglob("*.md"))
    for path in [*texts, *(basic / "provisions").rglob("*.yaml")]:
        os.utime(path, (LONG_AGO, LONG_AGO))
    project = Project(basic)

    def said() -> list[str]:
        return [format_diagnostic(d) for d in check(project).diagnostics]

    fresh = said()
    assert not any("does not match its digest" in line for line in fresh)
    with kept.keeping(kept.Store()) as store:
        assert said() == fresh and said() == fresh and len(store) > len(texts)
        _settled(texts[0], texts[0].read_text(encoding="utf-8") + "Added after it was archived.\n")
        damaged = said()
    assert damaged == said() != fresh  # the second: a check with nothing kept
    assert any("error: the text does not match its digest" in line for line in damaged)


def test_a_cache_saved_again_is_kept_in_memory_and_written_as_the_block_ends(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "decoded-1.pickle"
    with kept.keeping(kept.Store()):
        kept.save_cache(path, {"a": 1})
        assert cachefile.load(path) == {"a": 1}  # the first save is written at once
        second = {"a": 2}
        kept.save_cache(path, second)
        assert cachefile.load(path) == {"a": 1} and kept.load_cache(path) is second  # then kept here
    assert cachefile.load(path) == {"a": 2} == kept.load_cache(path)  # written as the block ended
    kept.save_cache(path, {"a": 3})  # outside a store: written at once
    assert cachefile.load(path) == {"a": 3}


def test_equal_bytes_of_two_files_keep_what_each_file_made_of_them(basic: Path, atlas: Atlas) -> None:
    """Two archived versions with empty texts (Python's one empty bytes object) stay two versions, pass after pass."""
    source = basic.parent / "empty.txt"
    source.write_text("", encoding="utf-8")
    args = ["--to", "globex/terms", "--recorded", "2024-03-02", "--source-url", "https://example.org/t"]
    assert atlas("--root", str(basic), "archive", "add", str(source), *args, "--licence", "CC-BY-4.0")[0] == 0
    shutil.copytree(basic / "archive/globex/terms", basic / "archive/initech/usage")  # the same bytes, twice
    project = Project(basic)
    with kept.keeping(kept.Store()):
        seen = [sorted(v.id for v in check(project).records.versions) for _ in range(3)]
    assert seen == [["globex/terms/2024-03-02", "initech/usage/2024-03-02"]] * 3


def test_a_file_no_longer_read_is_forgotten_at_the_next_sweep(tmp_path: Path) -> None:
    """A long preview does not hold the bytes of files deleted since it read them."""
    gone, stays = _settled(tmp_path / "gone.md", "one"), _settled(tmp_path / "stays.md", "two")
    with kept.keeping(kept.Store()) as store:
        kept.read(gone)
        kept.read(stays)
        kept.sweep()
        assert len(store) == 2
        gone.unlink()
        kept.read(stays)
        kept.sweep()
        assert len(store) == 1 and kept.read(stays) == b"two"
    kept.sweep()  # outside a store: nothing to do
