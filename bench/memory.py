"""Run a command and measure the memory of its whole process tree, not of its largest process.

A build runs several processes at once (the render workers, the engine of each
language tree, Pagefind, the link scanner), so the peak that matters is the sum of
their memory at the same moment. ``run_sampled`` reads ``/proc`` every
``INTERVAL`` seconds while the command runs and reports the highest sum it saw.
Each process counts its proportional set size (PSS, ``smaps_rollup``): a page a
forked worker shares with its parent counts once between them, not in both as
resident sizes would (during the render, the sum of resident sizes was a third
higher than the memory in use). Where PSS cannot be read, the resident size
counts; where ``/proc`` is missing, the largest single process (``getrusage``),
and it says so.
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from pathlib import Path

#: How often the process tree is read, in seconds.
INTERVAL = 0.1
PROC = Path("/proc")


def _memory_kib(entry: Path, resident: int) -> int:
    """The proportional set size of the process at ``entry`` (KiB); ``resident`` if it cannot be read."""
    try:
        rollup = (entry / "smaps_rollup").read_text()
    except OSError:
        return resident
    for line in rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return resident


def _tree_memory_kib(root: int) -> int:
    """The memory of ``root`` and all its descendants (their proportional set sizes), in KiB."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:  # gone meanwhile
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(entry.name)] = int(fields.get("PPid", "0").strip() or 0)
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0] or 0)
    family, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in family} - family
        family |= more
        grew = bool(more)
    return sum(_memory_kib(PROC / str(pid), rss[pid]) for pid in family if pid in rss)


def run_sampled(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int, str, bool]:
    """Wall time, the peak memory of the process tree (KiB), the output, and whether the tree was sampled."""
    sampled = PROC.is_dir()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, **(env or {})}
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_memory_kib(proc.pid))
            done.wait(INTERVAL)

    sampler = threading.Thread(target=sample, daemon=True)
    if sampled:
        sampler.start()
    output, _ = proc.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    if sampled:
        sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{output}")
    largest = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return elapsed, peak[0] if sampled else largest, output, sampled
