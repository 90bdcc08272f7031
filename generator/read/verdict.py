"""The last check's verdict, kept for as long as nothing it read has changed: a warm ``atlas check``.

``atlas check`` reads every source file to answer an editor who, most of the time,
has changed nothing since the last run, or has changed one file and run it again
after putting it back. The verdict (every diagnostic, located, and the counts the
check prints) is kept in the cache folder with the *stat* of every file the check
reads: the source folders, the engine configuration and the templates (each
file's path, kind, size, modification time and, for a link, its target). When a
new check finds the same files with the same stat, under the same code and on the
same day, it prints the kept verdict without reading a record; anything else
(a file added, removed, touched or edited) is a full check, as if there were no
verdict.

A modification time can hide an edit made within the same tick as the check
that read the file (git's "racy" files): a verdict is not kept while any file is
younger than ``RACY_SECONDS``, so the next check reads everything again.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator import cachefile
from generator.diagnostics import Diagnostic
from generator.read.confine import READ_AS_CODE, SOURCE_FOLDERS

#: What the check reads below a project's root: the editors' folders, and the files read as code.
WATCHED = (*SOURCE_FOLDERS, *READ_AS_CODE)
#: A file modified this recently may change again within its modification time's tick: no verdict kept.
RACY_SECONDS = 2.0

Stat = tuple[str, int, int, int, str]  # path, kind (st_mode's file type), size, mtime_ns, link target


@dataclass(frozen=True, slots=True)
class Verdict:
    """What a check found (before ``--strict-archive``), and the counts it reports."""

    diagnostics: tuple[Diagnostic, ...]
    provisions: int
    platforms: int
    categories: int


def survey(root: Path) -> tuple[Stat, ...]:
    """The stat of everything the check reads below ``root``, in a fixed order (no file is opened)."""
    found: list[Stat] = []
    for name in WATCHED:
        _walk(os.path.join(root, name), name, found)
    return tuple(sorted(found))


def _walk(path: str, rel: str, found: list[Stat]) -> None:
    # paths as strings: at 10,000 records, making Path objects took half of a check with nothing changed
    try:
        info = os.lstat(path)
    except OSError:
        return  # absent: the survey says so by its absence
    target = os.readlink(path) if stat.S_ISLNK(info.st_mode) else ""
    found.append((rel, stat.S_IFMT(info.st_mode), info.st_size, info.st_mtime_ns, target))
    if stat.S_ISDIR(info.st_mode):
        with os.scandir(path) as entries:
            for entry in entries:
                _walk(entry.path, f"{rel}/{entry.name}", found)


def _file(cache: Path) -> Path:
    """The verdict's file: named by the code, so that other code never reads it."""
    return cache / f"verdict-{cachefile.package_digest()}.pickle"


def kept(cache: Path, today: dt.date, files: tuple[Stat, ...]) -> Verdict | None:
    """The verdict of the last check, if it read exactly ``files`` on ``today``; None otherwise."""
    data = cachefile.load(_file(cache))
    if data.get("today") != today or data.get("files") != files:
        return None
    verdict = data.get("verdict")
    return verdict if isinstance(verdict, Verdict) else None


def keep(cache: Path, today: dt.date, files: tuple[Stat, ...], verdict: Verdict) -> None:
    """Keep ``verdict`` for the next check, unless a file it read is too young to be trusted (RACY_SECONDS)."""
    newest = max((mtime for _, _, _, mtime, _ in files), default=0)
    if newest >= time.time_ns() - RACY_SECONDS * 1e9:
        return
    cachefile.save(_file(cache), {"today": today, "files": files, "verdict": verdict}, replaces="verdict-*.pickle")


def checked(root: Path, cache: Path, run: Callable[[], Verdict], today: dt.date | None = None) -> Verdict:
    """The check's verdict: kept from the last run if nothing it read has changed since, else ``run()``."""
    day = today or dt.date.today()
    files = survey(root)
    verdict = kept(cache, day, files)
    if verdict is None:
        verdict = run()
        keep(cache, day, files, verdict)
    return verdict
