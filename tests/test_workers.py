"""generator.workers: forked pieces give what one process gives, and the side job runs once."""

from __future__ import annotations

import os
import time

from generator.workers import fork_map


def _squares(indices: range) -> list[tuple[int, int, int]]:
    return [(i, i * i, os.getpid()) for i in indices]


def _slow_squares(indices: range) -> list[tuple[int, int, int]]:
    time.sleep(0.05)  # a piece long enough that a worker, once started, takes some
    return _squares(indices)


def test_forked_pieces_give_every_result_once_and_the_side_job_once() -> None:
    done, side = fork_map(_squares, 100, workers=2, minimum=10, beside=os.getpid)
    assert sorted((i, sq) for i, sq, _ in done) == [(i, i * i) for i in range(100)]
    assert side != os.getpid()  # in a worker


def test_the_caller_takes_pieces_beside_its_workers() -> None:
    done, side = fork_map(_slow_squares, 100, workers=2, minimum=10, beside=os.getpid)
    assert sorted((i, sq) for i, sq, _ in done) == [(i, i * i) for i in range(100)]
    pids = {pid for *_, pid in done}
    assert os.getpid() in pids and side in pids and len(pids) == 2  # the caller and its one worker


def test_below_the_minimum_it_runs_here() -> None:
    done, side = fork_map(_squares, 5, workers=2, minimum=10, beside=os.getpid)
    assert [(i, sq) for i, sq, _ in done] == [(i, i * i) for i in range(5)]
    assert {pid for *_, pid in done} == {os.getpid()} and side == os.getpid()
    assert fork_map(_squares, 0, workers=2, minimum=0, beside=lambda: "x") == ([], "x")


def test_without_here_the_caller_only_waits_for_as_many_workers() -> None:
    done, side = fork_map(_slow_squares, 100, workers=2, minimum=10, beside=os.getpid, here=False)
    assert sorted((i, sq) for i, sq, _ in done) == [(i, i * i) for i in range(100)]
    pids = {pid for *_, pid in done}
    assert os.getpid() not in pids and len(pids) == 2 and side in pids  # two workers, the caller none
