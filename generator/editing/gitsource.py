"""Reading a local clone of a versions repository without trusting it: git, with literal paths, and every file
refused before it is read when it is a link, a submodule, a folder or too large (generator.editing.archive)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from generator.read import characters
from generator.read.load import MAX_ATTACHED_BYTES


class ArchiveError(Exception):
    """The import cannot be done (a path that is not a repository, a refused overwrite); nothing was written."""


def git(repo: Path, *args: str) -> bytes:
    try:  # paths given to git are literal: no pathspec magic (":(top)", "*") in a path from outside
        proc = subprocess.run(["git", "--literal-pathspecs", "-C", str(repo), *args], capture_output=True, check=False)
    except OSError as exc:
        raise ArchiveError(f"cannot run git: {exc.strerror}") from None
    if proc.returncode != 0:
        raise ArchiveError(f"git {' '.join(args[:2])}: {proc.stderr.decode('utf-8', 'replace').strip() or 'failed'}")
    return proc.stdout


def repository_name(repo: Path) -> str:
    """``owner/name`` of a clone, from its ``origin`` remote (GitHub-style addresses)."""
    try:
        url = git(repo, "remote", "get-url", "origin").decode().strip()
    except ArchiveError:
        return ""
    match = re.search(r"[:/]([A-Za-z0-9][A-Za-z0-9_.-]*)/([A-Za-z0-9][A-Za-z0-9_.-]*?)(?:\.git)?/?$", url)
    return f"{match.group(1)}/{match.group(2)}" if match else ""


def require_repository(repo: Path) -> None:
    """ArchiveError unless ``repo`` is the top folder of a git repository."""
    if not repo.is_dir() or _is_not_repository(repo):
        raise ArchiveError(f"{repo}: not a git repository (clone the versions repository first)")


def repository_path(path: str) -> str:
    """``path`` when it names a file inside a repository (relative, not climbing out); else ArchiveError."""
    parts = path.split("/")
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        raise ArchiveError(f"{path!r}: not a file name git can hold") from None
    if not path or path.startswith("/") or any(part in ("", ".", "..") for part in parts) or "\\" in path:
        raise ArchiveError(f"{path!r}: give the file's path inside the repository, e.g. 'OpenAI/Usage Policies.md'")
    if characters.FORBIDDEN.search(path) or "\0" in path:
        raise ArchiveError(f"{path!r}: the path holds a control or invisible character")
    return path


def blob_at(repo: Path, commit: str, path: str) -> bytes | None:
    """The file ``path`` at ``commit`` (None when it is not there); ArchiveError for a link, a submodule, a
    folder or a file over the limit, refused before anything is read. Git follows no link in a path."""
    listed = git(repo, "ls-tree", "-l", "-z", commit, "--", path).split(b"\0")
    entry = next((e for e in listed if e.partition(b"\t")[2] == path.encode()), None)
    if entry is None:
        return None
    mode, kind, oid, size = entry.partition(b"\t")[0].split()
    where = f"{path} at commit {commit[:12]}"
    if mode == b"120000":
        raise ArchiveError(f"{where} is a symbolic link: an archived text is a file (the import follows no link)")
    if kind != b"blob":
        raise ArchiveError(f"{where} is not a file (a {kind.decode()})")
    if int(size) > MAX_ATTACHED_BYTES:
        raise ArchiveError(f"{where} is {int(size)} bytes, over {MAX_ATTACHED_BYTES}")
    return git(repo, "cat-file", "blob", oid.decode())


def _is_not_repository(repo: Path) -> bool:
    try:
        return git(repo, "rev-parse", "--show-toplevel").decode().strip() != str(repo.resolve())
    except ArchiveError:
        return True


def commits(repo: Path, path: str) -> list[tuple[str, str]]:
    """The commits of ``repo`` that change ``path``, oldest first, with their commit dates (ISO 8601)."""
    require_repository(repo)
    repository_path(path)
    log = git(repo, "log", "--reverse", "--format=%H %cI", "--", path).decode().split("\n")
    return [(commit, when) for commit, _, when in (line.partition(" ") for line in log if line)]
