"""Stage 2, validate: decode every file into typed records and run every check.

Decoding against the field definitions is the first check (shape: fields, types,
value sets), done per file by :mod:`generator.read.decode` together with the checks
of FILE scope — cached by content and run on all cores. Then each other
registered check in :mod:`generator.read.checks` runs on the scope it declares: one
record at a time, or the whole set of records (references, uniqueness). Every
problem in every file is collected; nothing stops early.

The checks are a pure function of every file's content: when no file changed
since the last run (the same digests, the same code), their diagnostics are taken
from the cache instead of being worked out again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator import cachefile
from generator.diagnostics import Diagnostic, sort_diagnostics
from generator.read import checks, decode, kept, quotes
from generator.read.decode import decode_all, digests_of
from generator.read.kinds import KINDS
from generator.read.load import Loaded
from generator.read.model import Records, locating_in
from generator.read.translation import TRANSLATED

#: The record checks' processes, at most (as many as the machine has cores: generator.workers.usable).
CHECK_WORKERS = 8


def validate(loaded: Loaded, cache_dir: Path | None = None) -> tuple[Records, list[Diagnostic]]:
    """Decode and check everything; return the records and every diagnostic, sorted.

    The collector stays off throughout: decoding and checking make millions of objects that hold no cycles,
    and its scans of them found nothing (0.4 s of a cold check at 10,000 provisions)."""
    with cachefile.no_collection():
        diags: list[Diagnostic] = list(loaded.diagnostics)
        by_kind: dict[str, list[Any]] = {kind.name: [] for kind in KINDS}
        digests = digests_of(loaded.files)
        decoded = decode_all(loaded.files, cache_dir, digests=digests)
        for result in decoded.results:
            by_kind[result.kind].extend(result.records)
            diags.extend(result.diagnostics)
        records = Records(
            **{kind.data_key: tuple(by_kind[kind.name]) for kind in KINDS},
            pages=loaded.pages,
        )
        diags.extend(_checked(loaded, records, digests, cache_dir, decoded.save))  # the cache written beside them
        return records, sort_diagnostics(diags)


def _checked(
    loaded: Loaded, records: Records, digests: list[bytes], cache_dir: Path | None, beside: Callable[[], None]
) -> list[Diagnostic]:
    """The record and catalog checks' diagnostics: from the cache when no file changed, else worked out;
    ``beside()`` is run meanwhile (by a worker, when the checks have workers)."""
    key = hashlib.blake2b(digest_size=16)
    for source, digest in zip(loaded.files, digests, strict=True):
        key.update(source.path.encode() + b"\0" + digest)
    for page in loaded.pages:
        key.update(page.path.encode() + b"\0" + page.markdown.encode())
        for t in (getattr(page.translations, lang) for lang in TRANSLATED) if page.translations else ():
            if t is not None:  # a page's translation: its digest and where it is said
                key.update(f"{t.path}\0{t.digest}\0{t.digest_at}".encode())
    cache_file = cache_dir / f"checked-{decode.code_version()}.pickle" if cache_dir else None
    cached = kept.load_cache(cache_file)
    if cached.get("key") == key.digest():
        beside()
        return list(cached["diagnostics"])
    # checks locate problems by re-reading the files; quotes found before are remembered by content
    with locating_in(loaded.root), quotes.remembered(cache_dir):
        found = checks.run_all(records, workers=CHECK_WORKERS, beside=beside)
    kept.save_cache(cache_file, {"key": key.digest(), "diagnostics": found}, replaces="checked-*.pickle")
    return found
