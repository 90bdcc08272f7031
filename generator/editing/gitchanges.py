"""Which files changed against a git ref, for ``atlas check --changed REF``."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    pass


def changed_files(root: Path, ref: str) -> set[str]:
    """Paths (relative to ``root``) changed since ``ref``: committed, staged, unstaged or untracked."""
    if ref.startswith("-"):
        raise GitError(f"--changed {ref}: not a git ref")

    def git(*args: str) -> list[str]:
        try:
            proc = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
        except OSError as exc:
            raise GitError(f"cannot run git: {exc.strerror}") from None
        if proc.returncode != 0:
            raise GitError(f"git {' '.join(args)}: {proc.stderr.strip() or 'failed'}")
        return [line for line in proc.stdout.splitlines() if line]

    # Both commands print paths relative to ``root`` (the working directory).
    names = git("diff", "--name-only", "--relative", ref, "--")
    names += git("ls-files", "--others", "--exclude-standard")
    return set(names)
