"""generator.read.decode: per-file decoding, cached by content and spread over the cores."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.read import decode
from generator.read.load import load


def test_forked_decoding_gives_what_one_process_gives(basic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = load(basic).files
    serial = decode.decode_all(files, workers=1).results
    monkeypatch.setattr(decode, "PARALLEL_MIN_FILES", 1)
    assert decode.decode_all(files, workers=2).results == serial
    assert [r.kind for r in serial] == [f.kind for f in files]


def test_the_cache_answers_for_unchanged_files_only(
    basic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    files = load(basic).files
    decoded_first = decode.decode_all(files, cache)
    decoded_first.save()
    first = decoded_first.results
    decoded: list[str] = []
    real = decode.decode_source
    monkeypatch.setattr(decode, "decode_source", lambda source: decoded.append(source.path) or real(source))
    assert decode.decode_all(files, cache).results == first and decoded == []
    edited = basic / files[-1].path
    edited.write_bytes(edited.read_bytes() + b"\n")
    assert decode.decode_all(load(basic).files, cache).results == first
    assert decoded == [files[-1].path]


def test_the_cache_is_named_by_all_of_the_generators_code() -> None:
    from generator import cachefile

    assert decode.code_version() == cachefile.package_digest()
