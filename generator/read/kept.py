"""What a long-lived process keeps between its checks: files unchanged since it read them, and what it worked out.

``atlas serve`` checks the whole project again after every save. On the wide
bench corpus at 1,000 provisions (3,000 archived versions of 50 KB), a third of
that check was reading the archived texts again, hashing them and decoding them
as UTF-8, though one record had changed. Within :func:`keeping`, the load stage
reads a file through :func:`read`, which returns the very bytes object it read
before while the file's status (``lstat``: size, modification and change times,
inode) is unchanged; and what was worked out of those bytes (:func:`worked`: a
text's SHA-256, its decoded text) is looked up by that object instead of worked
out again. Outside :func:`keeping` nothing is kept: a one-off check or build
would only hold the memory longer.

Like Git's index, this trusts a file's status to tell a change. A file changed in
the same clock tick as it was read could look unchanged ("racily clean", in Git's
words), so a file modified less than ``RACY_NS`` before it was read is not kept;
it is read again next time.
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

    def __len__(self) -> int:
        return len(self._files)

    def read(self, path: str, limit: int | None) -> bytes:
        """``confine.read(path, limit)``, or the bytes read before if the file's status is unchanged."""
        try:
            info: os.stat_result | None = os.lstat(path)
        except OSError:
            info = None
        entry = self._files.get(path)
        if entry is not None and info is not None and stat.S_ISREG(info.st_mode) and entry.status == _status(info):
            return entry.data
        self._forget(path)
        data = confine.read(path, limit)  # refuses a link, a pipe, a file too large: as without a store
        settled = info is not None and stat.S_ISREG(info.st_mode) and time.time_ns() - info.st_mtime_ns >= RACY_NS
        # the same object read twice is Python's one empty bytes (or a one-byte one): not kept, its id is shared
        if info is not None and settled and id(data) not in self._of:
            kept = _Entry(_status(info), data)
            self._files[path] = kept
            self._of[id(data)] = kept
        return data

    def worked(self, data: bytes, what: Hashable, work: Callable[[bytes], T]) -> T:
        """``work(data)``, remembered with ``data`` if these bytes are a kept file's."""
        entry = self._of.get(id(data))
        if entry is None or entry.data is not data:
            return work(data)
        if what not in entry.worked:
            entry.worked[what] = work(data)
        answer: T = entry.worked[what]
        return answer

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


def read(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of the project's file at ``path`` (see ``confine.read``), kept within :func:`keeping`."""
    store = _STORE.get()
    return confine.read(path, limit) if store is None else store.read(str(path), limit)


def worked(data: bytes, what: Hashable, work: Callable[[bytes], T]) -> T:
    """``work(data)``; within :func:`keeping`, remembered for as long as ``data`` is a kept file's bytes."""
    store = _STORE.get()
    return work(data) if store is None else store.worked(data, what, work)
