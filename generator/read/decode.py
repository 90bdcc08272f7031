"""Stage 2a: one source file → its records and the problems found in it alone.

:func:`decode_source` is a pure function of a file's path, kind and bytes: parse
(:mod:`generator.read.yamlsource`), decode against the field definitions
(:mod:`generator.read.fields`), run the FILE-scope checks on the tree. Being pure, it
is cached by content and run on every core by :func:`decode_all`; the checks
that need the whole catalog run afterwards, in :mod:`generator.read.validate`.

The cache lives in ``.cache/atlas/`` under the project (safe to delete). Its key
is the file's path and a hash of its bytes; its name carries a hash of the code
that decodes, so changing the generator invalidates it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import cachefile
from generator.diagnostics import Diagnostic
from generator.read import characters, checks, kept, recordspec, yamlsource
from generator.read.kinds import BY_NAME
from generator.read.load import SourceFile
from generator.read.model import Origin
from generator.read.yamlsource import kind_name
from generator.read.yamltree import Mapping, Node, Sequence
from generator.workers import fork_map, nothing

#: Below this many files to decode, one process is faster than starting workers.
PARALLEL_MIN_FILES = 400


@dataclass(frozen=True)  # no __slots__: unpickling plain instances is several times faster
class FileResult:
    kind: str  # the name of its RecordKind
    records: tuple[Any, ...]
    diagnostics: tuple[Diagnostic, ...]


def _decode_list(path: str, tree: Node, spec: recordspec.RecordSpec, diags: list[Diagnostic]) -> list[Any]:
    if not isinstance(tree, Sequence):
        message = f"file must be a list of {spec.name} entries, not {kind_name(tree)}"
        diags.append(Diagnostic(path, tree.line, tree.col, "wrong-type", message))
        return []
    out = []
    for i, item in enumerate(tree.items):
        record = spec.decode(item, path, diags, implied={"origin": Origin(path, i)}, partial=True)
        # A partial entry is kept for the checks only if it can be identified.
        if record is not None and getattr(record, spec.fields[0].name) is not None:
            out.append(record)
    return out


def _decode_tree(source: SourceFile, tree: Node, diags: list[Diagnostic]) -> list[Any]:
    kind = BY_NAME[source.kind]
    if kind.listed:
        return _decode_list(source.path, tree, kind.spec, diags)
    implied: dict[str, Any] = {**kind.implied_values(source.path), "origin": Origin(source.path)}
    if kind.attached:
        implied["text"] = _attached_text(source, kind.attached, diags)
        implied["text_digest"] = _sha256(source.attachment or b"").hex()
    record = kind.spec.decode(tree, source.path, diags, implied=implied, partial=True)
    if record is not None and kind.attached and record.sha256 and source.attachment is not None:
        actual = record.text_digest
        if actual != record.sha256:
            line, col = _located(tree, "sha256")
            message = f"the text does not match its digest (the file's is {actual})"
            hint = "archived text is kept as imported: import the new version instead of editing this one"
            diags.append(Diagnostic(source.path, line, col, "text-changed", message, hint))
    return [record] if record is not None else []


def _located(tree: Node, key: str) -> tuple[int, int]:
    node = tree.get(key) if isinstance(tree, Mapping) else None
    return (node.line, node.col) if node is not None else (tree.line, tree.col)


def _attached_text(source: SourceFile, suffix: str, diags: list[Diagnostic]) -> str:
    """The attached file's text ("" when it is missing: reported by the load stage, not UTF-8, or damaged)."""
    if source.attachment is None:
        return ""
    path = source.path.removesuffix(".yaml") + suffix
    try:
        text = source.attachment.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = f"file is not valid UTF-8 (byte {exc.start})"
        diags.append(Diagnostic(path, 1, 1, "not-utf8", message, "import the text again: it must be UTF-8"))
        return ""
    found = list(itertools.islice(characters.find(text, characters.FORBIDDEN_IN_ARCHIVE), 2))
    if found:
        first = found[0]
        more = " (and more after it)" if len(found) > 1 else ""
        message = f"the archived text holds a {characters.describe(first.char)}{more}"
        hint = "archived text is kept as imported: import a clean copy, or report it to the source"
        diags.append(Diagnostic(path, first.line, first.col, "forbidden-character", message, hint))
        return ""
    return text


def decode_source(source: SourceFile) -> FileResult:
    """Parse, decode and check one file on its own."""
    if source.data is None:  # unreadable: reported by the load stage
        return FileResult(source.kind, (), ())
    tree, diags = yamlsource.parse(source.path, source.data)
    if tree is None:
        return FileResult(source.kind, (), tuple(diags))
    records = _decode_tree(source, tree, diags)
    for check in checks.CHECKS:
        if check.scope is checks.Scope.FILE:
            diags.extend(check.run(source.path, source.kind, tree))
    return FileResult(source.kind, tuple(records), tuple(diags))


def code_version() -> str:
    """A hash of the generator's code (all of it: cachefile.package_digest) and of the Python that ran it."""
    return cachefile.package_digest()


def _sha256(data: bytes) -> bytes:
    """An attached text's SHA-256 (hardware-accelerated where the CPU has it), kept with its bytes (generator.read.kept)."""
    return kept.worked(data, "sha256", lambda b: hashlib.sha256(b).digest())


def _digest(data: bytes | None, attachment: bytes | None = None) -> bytes:
    h = hashlib.blake2b(data or b"", digest_size=16)
    if attachment is not None:
        h.update(b"\0attached\0" + _sha256(attachment))
    return h.digest()


Entries = dict[str, tuple[bytes, FileResult]]


def _without_text(result: FileResult) -> FileResult:
    """The result as the cache keeps it: an attached text (an archived version's) is left out, being read
    with its file anyway; at 1,000 archived versions that is 50 MB less to pickle and unpickle."""
    if not BY_NAME[result.kind].attached or not result.records:
        return result
    return dataclasses.replace(result, records=tuple(dataclasses.replace(r, text="") for r in result.records))


def _with_text(result: FileResult, source: SourceFile, digest: bytes) -> FileResult:
    """A cached result with its attached text put back (the bytes were decoded before: the digest is the same).

    What this made is kept with the text's bytes (generator.read.kept) and found there next time."""
    if source.attachment is None:
        return result
    # by path too: what is put back depends on the file (its record's id), and equal bytes may be one object (b"")
    return kept.worked(source.attachment, ("decoded", source.path, digest), lambda _: _put_back(result, source))


def _put_back(result: FileResult, source: SourceFile) -> FileResult:
    suffix = BY_NAME[result.kind].attached
    if not suffix or not result.records or source.attachment is None:
        return result
    if any(d.path.endswith(suffix) for d in result.diagnostics):
        return result  # the text could not be used (reported when these bytes were decoded): it stays ""
    text = source.attachment.decode("utf-8")  # these very bytes were decoded and found clean before
    return dataclasses.replace(result, records=tuple(dataclasses.replace(r, text=text) for r in result.records))


def digests_of(files: tuple[SourceFile, ...]) -> list[bytes]:
    """Each file's digest: its bytes, and its attached text's."""
    return [_digest(f.data, f.attachment) for f in files]


@dataclass(frozen=True)
class Decoded:
    """Every file's result, in the files' order, and the writing of the cache of those decoded now.

    The cache is written by :meth:`save`, left to the caller: a cold check has it
    written by a worker beside the record checks (generator.read.validate), where it
    cost half a second of the main process's time at 10,000 provisions. Where this
    process keeps its caches in memory (``kept.in_memory``: a preview), it is saved
    here at once, and ``save`` does nothing: a worker's memory is its own."""

    results: list[FileResult]
    save: Callable[[], None]


def decode_all(
    files: tuple[SourceFile, ...],
    cache_dir: Path | None = None,
    workers: int | None = None,
    digests: list[bytes] | None = None,
) -> Decoded:
    """Decode every file: from the cache when its bytes are unchanged, else on all cores.

    ``digests``, if given, are ``digests_of(files)``, worked out by the caller."""
    cache_file = cache_dir / f"decoded-{code_version()}.pickle" if cache_dir else None
    cached: Entries = kept.load_cache(cache_file)
    digests = digests if digests is not None else digests_of(files)
    results: list[FileResult | None] = []
    misses: list[int] = []
    for i, (source, digest) in enumerate(zip(files, digests, strict=True)):
        hit = cached.get(source.path)
        if hit is not None and hit[0] == digest and hit[1].kind == source.kind:
            results.append(_with_text(hit[1], source, digest))
        else:
            results.append(None)
            misses.append(i)
    pending = [files[i] for i in misses]

    def decode_some(indices: range) -> list[tuple[int, FileResult]]:  # a worker's, pickled back without the texts
        return [(misses[i], _without_text(decode_source(pending[i]))) for i in indices]

    with cachefile.no_collection():  # what decoding makes holds no cycles: the collector's scans are wasted on it
        decoded, _ = fork_map(
            decode_some, len(pending), workers=workers or 8, minimum=PARALLEL_MIN_FILES, beside=nothing
        )
    fresh = dict(decoded)  # as the cache keeps them: without their texts
    for i, result in fresh.items():
        results[i] = _put_back(result, files[i])  # from the bytes this process holds
    done = [r for r in results if r is not None]

    def save() -> None:
        if cache_file is None or not (misses or len(cached) != len(files)):
            return
        entries = {  # a hit is kept as it was read, and what was decoded now as the workers sent it
            f.path: (d, fresh[i] if i in fresh else cached[f.path][1])
            for i, (f, d) in enumerate(zip(files, digests, strict=True))
        }
        kept.save_cache(cache_file, entries, replaces="decoded-*.pickle")

    if kept.in_memory():
        save()
        return Decoded(done, nothing)
    return Decoded(done, save)
