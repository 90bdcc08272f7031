"""Reading only the project's own files: no symbolic link is followed, and nothing outside the project is read.

A pull request can hold symbolic links, and a link can point anywhere: at a file outside the repository
(``/etc/passwd``, a key in the home folder) whose bytes would then be published, or at a folder that loops.
Every folder the generator reads (``content/``, ``provisions/``, ``archive/``, ``site_templates/``) is walked
here: a link, to a file or to a folder, is reported where it is (``symbolic-link``) and never followed or
read, wherever it points. Files are opened with ``O_NOFOLLOW`` as well, so that a link put in place after
the walk is refused by the system too. Only regular files are read: a device or a pipe is left alone.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from generator.diagnostics import Diagnostic

#: The folders an editor writes, below a project's root: records, prose, the archive of policy versions.
SOURCE_FOLDERS = ("content", "provisions", "archive")
#: Files and folders of the project read as its code (the engine's configuration, the templates): never
#: through a link either. (Here, not in generator.read.load: a check with nothing changed reads only these
#: names, generator.read.verdict, and need not import the readers.)
READ_AS_CODE = ("mkdocs.yml", "site_templates")

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
#: The hint of every link refused.
LINK_HINT = "replace the link with the file or folder itself; the generator reads only the project's own files"


class FileTooLargeError(ValueError):
    """A file over the size given to :func:`read`; ``size`` is its size in bytes."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


def read(path: str | Path, limit: int | None = None) -> bytes:
    """The bytes of the regular file at ``path``, never through a link (OSError); over ``limit``: FileTooLargeError.

    A pipe or a device is refused (OSError) without waiting on it: opening does not block."""
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if limit is not None and info.st_size > limit:
            raise FileTooLargeError(info.st_size)
        return handle.read()


def walk(folder: str) -> tuple[list[str], list[str]]:
    """Every non-hidden regular file below ``folder`` (paths as strings, sorted), and every link met, not followed.

    The folder itself is not checked here (see :func:`refused`)."""
    files: list[str] = []
    links: list[str] = []
    stack = [folder]
    while stack:
        try:
            entries = os.scandir(stack.pop())
        except OSError:
            continue  # a folder that vanished or cannot be listed: as os.walk, nothing below it
        with entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_symlink():
                    links.append(entry.path)
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    files.append(entry.path)
    return sorted(files), sorted(links)


def link_diagnostic(root: Path, path: str | Path) -> Diagnostic:
    """``symbolic-link``: the link at ``path`` (below ``root``) is refused; says whether it leads outside."""
    rel = str(path)[len(str(root)) + 1 :].replace(os.sep, "/")
    real_root = os.path.realpath(root)
    target = os.path.realpath(path)
    inside = target == real_root or target.startswith(real_root + os.sep)
    where = "to a path inside the project" if inside else "to a path outside the project"
    return Diagnostic(rel, 0, 0, "symbolic-link", f"a symbolic link ({where}) is not read", LINK_HINT)


def refused(root: Path, rel: str) -> Diagnostic | None:
    """A diagnostic when the file or folder ``rel`` below ``root``, or a folder on the way to it, is a link."""
    path = root
    for part in rel.split("/"):
        path = path / part
        if path.is_symlink():
            return link_diagnostic(root, path)
        if not path.exists():
            return None
    return None


def links_in(root: Path, rel: str) -> list[Diagnostic]:
    """Every link at or below ``rel`` (a file or a folder the generator reads, such as the templates)."""
    problem = refused(root, rel)
    if problem is not None:
        return [problem]
    path = root / rel
    if not path.is_dir():
        return []
    return [link_diagnostic(root, link) for link in walk(str(path))[1]]
