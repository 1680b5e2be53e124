"""The one worker pool: a dying worker or a job past its time limit fails that job alone."""

from __future__ import annotations

import os
import time

from warstock.stages import pool


def work(job: int) -> str:
    if job == 3:
        os._exit(9)  # a crash in a C library, an out-of-memory kill: the worker is gone
    if job == 5:
        time.sleep(30)  # a document that never ends
    return f"ok {job}"


def died(job: int, reason: str) -> str:
    return f"failed {job}: {reason}"


def test_a_dead_worker_or_a_stuck_job_fails_only_itself() -> None:
    started = time.perf_counter()
    got = dict(pool.run(work, range(8), workers=2, died=died, time_limit=2.0))
    assert set(got) == set(range(8))
    assert all(got[j] == f"ok {j}" for j in (0, 1, 2, 4, 6, 7))
    assert got[3].startswith("failed 3: the worker process died")
    assert got[5].startswith("failed 5:") and "time limit" in got[5]
    assert time.perf_counter() - started < 25  # the stuck job did not hold the run for its 30 s


def test_inline_runs_have_the_soft_time_limit_too() -> None:
    got = dict(pool.run(work, [1, 5], workers=1, died=died, time_limit=1.0))
    assert got[1] == "ok 1" and "time limit" in got[5]
