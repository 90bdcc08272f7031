"""What a long-lived process keeps between its checks: files unchanged since it read them, and what it worked out.

``atlas serve`` checks the whole project again after every save. On the wide
bench corpus at 1,000 provisions (3,000 archived versions of 50 KB), a third of
that check was reading the archived texts again, hashing them and decoding them
as UTF-8, though one record had changed. Within :func:`keeping`, the load stage
reads a file through :func:`read`, which returns the very bytes object it read
before while the file's status (``lstat``: size, modification and change times,
inode) is unchanged; and what was worked out of those bytes (:func:`worked`: a
text's SHA-256, its decoded text) is looked up by that object instead of worked
out again. The check's own caches (the decoded files, the checks' diagnostics) are
kept too: :func:`load_cache` gives what :func:`save_cache` saved last, which writes
a cache file the first time and then only as the block ends. Outside
:func:`keeping` nothing is kept: a one-off check or build would only hold the
memory longer.

Like Git's index, this trusts a file's status to tell a change. A file changed in
the same clock tick as it was read could look unchanged ("racily clean", in Git's
words), so a file modified (or, for a copy that kept an older modification time,
changed) less than ``RACY_NS`` before it was read is not kept; it is read again
next time.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from generator import cachefile
from generator.read import confine

T = TypeVar("T")

#: A file modified less than this long before it was read is read again next time (nanoseconds).
RACY_NS = 2_000_000_000


def _status(info: os.stat_result) -> tuple[int, int, int, int, int]:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


@dataclass(slots=True)
class _Entry:
    status: tuple[int, int, int, int, int]
    data: bytes
    worked: dict[Hashable, Any] = field(default_factory=dict)


class Store:
    """Files read, by path, with their status when read; and what was worked out of their bytes."""

    def __init__(self) -> None:
        self._files: dict[str, _Entry] = {}
        self._of: dict[int, _Entry] = {}  # id() of an entry's bytes → the entry (which holds them: the id stays theirs)
        self._caches: dict[Path, tuple[dict[Any, Any], str]] = {}  # cache file → its content and what it replaces
        self._unwritten: set[Path] = set()  # cache files whose content here is newer than on disk
        self._seen: set[str] = set()  # files read since the last sweep

    def __len__(self) -> int:
        return len(self._files)

    def read(self, path: str, limit: int | None) -> bytes:
        """``confine.read(path, limit)``, or the bytes read before if the file's status is unchanged."""
        self._seen.add(path)
        try:
            info: os.stat_result | None = os.lstat(path)
        except OSError:
            info = None
        if info is None or not stat.S_ISREG(info.st_mode):  # gone, a link, a pipe: confine.read says so
            self._forget(path)
            return confine.read(path, limit)
        entry = self._files.get(path)
        if entry is not None and entry.status == _status(info):
            return entry.data
        self._forget(path)
        data = confine.read(path, limit)  # refuses a link put in place since, a file too large: as without a store
        settled = time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) >= RACY_NS  # a copy may keep an old mtime
        # the same object read twice is Python's one empty bytes (or a one-byte one): not kept, its id is shared
        if settled and id(data) not in self._of:
            kept = _Entry(_status(info), data)
            self._files[path] = kept
            self._of[id(data)] = kept
        return data

    def worked(self, data: bytes, what: Hashable, work: Callable[[bytes], T]) -> T:
        """``work(data)``, remembered with ``data`` if these bytes are a kept file's. Equal bytes may be one object
        (Python's one empty bytes): what ``work`` makes of other things than the bytes belongs in ``what``."""
        entry = self._of.get(id(data))
        if entry is None or entry.data is not data:
            return work(data)
        if what not in entry.worked:
            entry.worked[what] = work(data)
        answer: T = entry.worked[what]
        return answer

    def sweep(self) -> None:
        """Forget the files not read since the last sweep (deleted or moved since): a long preview does not hold them."""
        for path in [path for path in self._files if path not in self._seen]:
            self._forget(path)
        self._seen.clear()

    def load_cache(self, path: Path) -> dict[Any, Any]:
        """The cache file's content as last saved here (the same object: not to be changed), else as on disk."""
        kept = self._caches.get(path)
        return kept[0] if kept is not None else cachefile.load(path)

    def save_cache(self, path: Path, data: dict[Any, Any], replaces: str) -> None:
        """Save a cache file: written the first time, then kept here and written by ``flush``."""
        first = path not in self._caches
        self._caches[path] = (data, replaces)
        if first:
            cachefile.save(path, data, replaces=replaces)
        else:
            self._unwritten.add(path)

    def flush(self) -> None:
        """Write the cache files kept here that are newer than on disk."""
        for path in sorted(self._unwritten):
            data, replaces = self._caches[path]
            cachefile.save(path, data, replaces=replaces)
        self._unwritten.clear()

    def _forget(self, path: str) -> None:
        entry = self._files.pop(path, None)
        if entry is not None and self._of.get(id(entry.data)) is entry:
            del self._of[id(entry.data)]


_STORE: ContextVar[Store | None] = ContextVar("kept_store", default=None)


@contextmanager
def keeping(store: Store) -> Iterator[Store]:
    """Within the block, files are read through ``store`` and what is worked out of them is kept there."""
    token = _STORE.set(store)
    try:
        yield store
    finally:
        _STORE.reset(token)
        store.flush()


def read(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of the project's file at ``path`` (see ``confine.read``), kept within :func:`keeping`."""
    store = _STORE.get()
    return confine.read(path, limit) if store is None else store.read(str(path), limit)


def load_cache(path: Path | None) -> dict[Any, Any]:
    """``cachefile.load(path)``; within :func:`keeping`, the content last saved there by this process if any (the same
    object: not to be changed)."""
    store = _STORE.get()
    return cachefile.load(path) if store is None or path is None else store.load_cache(path)


def save_cache(path: Path | None, data: dict[Any, Any], *, replaces: str = "") -> None:
    """``cachefile.save``; within :func:`keeping`, the file is written the first time, then only when the block
    ends: a preview's later passes keep their caches in memory (pickling them took 0.1 s of each pass)."""
    store = _STORE.get()
    if store is None or path is None:
        cachefile.save(path, data, replaces=replaces)
    else:
        store.save_cache(path, data, replaces)


def in_memory() -> bool:
    """Whether :func:`save_cache` keeps what it saves in this process (within :func:`keeping`): then it is to be
    called here, not in a forked worker, whose memory is its own."""
    return _STORE.get() is not None


def sweep() -> None:
    """Within :func:`keeping`, forget the files not read since the last sweep (after a whole check, those gone)."""
    store = _STORE.get()
    if store is not None:
        store.sweep()


def worked(data: bytes, what: Hashable, work: Callable[[bytes], T]) -> T:
    """``work(data)``; within :func:`keeping`, remembered for as long as ``data`` is a kept file's bytes."""
    store = _STORE.get()
    return work(data) if store is None else store.worked(data, what, work)
