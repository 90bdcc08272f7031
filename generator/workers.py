"""Every core at work: forked worker processes that inherit their inputs and send back only results.

Decoding record files (generator.read.decode), the record checks
(generator.read.checks) and rendering pages (generator.render.runner) are the
stages whose work splits into many small, independent pieces. All use
:func:`fork_map`: the caller's task is a closure over everything it needs (files,
page contexts that hold the whole catalog), which a forked worker inherits instead
of receiving it pickled; the pieces are interleaved ranges of indices (or runs of
neighbours), so that both cores stay busy to the end; the caller takes pieces too; and one more job (the render's generated files) may
run ``beside`` them in the same pool.

Below ``minimum`` pieces, or with one worker, or where the platform cannot fork,
the task simply runs here: starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R")
B = TypeVar("B")

#: How many pieces (interleaved, or runs of neighbours) the indices are cut into (more than workers: for balance).
CHUNKS = 16

#: The task, side job, pieces and shared next-piece counter of the current fork_map, for the forked workers.
_PENDING: tuple[Callable[[range], list[Any]], Callable[[], Any] | None, list[range], Any] | None = None


def _drain() -> list[Any]:
    """Take the next untaken piece, work it, and again, until none is left (the caller and each worker)."""
    assert _PENDING is not None
    task, _, pieces, taken = _PENDING
    done: list[Any] = []
    while True:
        with taken.get_lock():
            index = taken.value
            taken.value += 1
        if index >= len(pieces):
            return done
        done.extend(task(pieces[index]))


def _beside() -> Any:
    assert _PENDING is not None and _PENDING[1] is not None
    return _PENDING[1]()


def nothing() -> None:
    """The side job of a ``fork_map`` that has none."""


def usable(workers: int) -> int:
    """``workers``, no more than the machine has cores (at least 1)."""
    return max(1, min(workers or 1, os.cpu_count() or 1))


def fork_map(
    task: Callable[[range], list[R]],
    count: int,
    *,
    workers: int,
    minimum: int,
    beside: Callable[[], B],
    contiguous: bool = False,
    here: bool = True,
) -> tuple[list[R], B]:
    """``task`` over ``range(count)`` in pieces, on up to ``workers`` processes (this one among them), and ``beside()``.

    ``task`` takes some of the indices and returns a list of results for them (in
    any order: a task that needs its order back returns the index with each). The
    results of all pieces are concatenated. The pieces are interleaved (every
    ``CHUNKS``-th index: costly and cheap neighbours spread evenly), or with
    ``contiguous`` runs of consecutive indices (for a task whose neighbours share
    work that each process does once, such as proving quotes of the same text).

    The caller is one of the ``workers``: it forks one fewer and takes pieces
    itself, from a counter the workers share, while they take theirs (and one of
    them runs ``beside`` first). What the caller works out needs no pickling
    back, and it does not sit idle waiting. Without ``here``, it forks as many as
    ``workers`` and only waits: for a task whose passing garbage, made among the
    results it keeps, would leave the caller's heap scattered for the rest of its life.
    """
    global _PENDING
    workers = usable(workers)
    if workers == 1 or count < minimum or "fork" not in mp.get_all_start_methods():
        return task(range(count)), beside()
    context = mp.get_context("fork")
    pieces = _contiguous(count) if contiguous else [range(i, count, CHUNKS) for i in range(min(CHUNKS, count))]
    _PENDING = (task, beside, pieces, context.Value("i", 0))
    try:
        forked = workers - 1 if here else workers
        with context.Pool(forked) as pool:
            side = pool.apply_async(_beside)
            theirs = [pool.apply_async(_drain) for _ in range(forked)]
            done: list[R] = _drain() if here else []
            for part in theirs:
                done.extend(part.get())
            return done, side.get()
    finally:
        _PENDING = None


def _contiguous(count: int) -> list[range]:
    """``range(count)`` cut into ``CHUNKS`` runs of consecutive indices (fewer if ``count`` is smaller)."""
    size = max(1, -(-count // CHUNKS))
    return [range(start, min(start + size, count)) for start in range(0, count, size)]
