"""Files in the cache folder (``.cache/atlas/``): the hashes that name them, reading and writing them.

Every cache here is an optimization only: a file that cannot be read is an
empty cache, one that cannot be written is skipped, and the folder is safe to
delete. A cache file's name carries a hash of the code (and anything else) its
content depends on, so a change of code never meets an old file.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import importlib.metadata
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any


def source_digest(root: Path, paths: Iterable[Path], extra: Iterable[str] = ()) -> str:
    """A hash of Python's version, of ``extra`` and of the files ``paths`` below ``root`` (names and bytes)."""
    h = hashlib.blake2b(digest_size=8)
    h.update(sys.version.encode())
    for item in extra:
        h.update(item.encode())
    for path in sorted(paths):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


#: The generator package: every cache is versioned by all of its code, not by the modules one thinks matter.
PACKAGE = Path(__file__).resolve().parent


@functools.cache
def package_digest(*libraries: str) -> str:
    """A hash of Python's version, of every module of the generator, and of the named libraries' versions."""
    versions = [f"{name}=={importlib.metadata.version(name)}" for name in libraries]
    return source_digest(PACKAGE, PACKAGE.rglob("*.py"), versions)


def load(path: Path | None) -> dict[Any, Any]:
    """The mapping pickled at ``path``, or an empty one if there is none that can be read."""
    if path is None:
        return {}
    try:
        with path.open("rb") as handle, no_collection():
            data = pickle.load(handle)
    except Exception:  # missing, truncated, or written by other code: start afresh
        return {}
    return data if isinstance(data, dict) else {}


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """The cyclic garbage collector off while a cache is unpickled (or records are decoded): it would scan the
    millions of objects being made again and again (at 10,000 provisions, a third of a warm check), and they
    hold no cycles."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def save(path: Path | None, data: dict[Any, Any], *, replaces: str = "") -> None:
    """Pickle ``data`` to ``path`` atomically; also remove the files matching ``replaces`` (older versions)."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if replaces:
            for stale in path.parent.glob(replaces):
                if stale != path:
                    stale.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written only costs time
