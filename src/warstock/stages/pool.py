"""One worker-pool runner for every stage that reads documents in parallel (parse and OCR).

Each job runs in a worker process and returns its result; a job never stops the run:
- an exception in a job is that job's failure (the worker function turns it into a result);
- a worker that dies (killed, out of memory, a crash in a C library) fails the jobs it held,
  which are given to a fresh pool; after two such rounds each remaining job runs alone, so only
  the job that kills its worker is recorded as failed;
- a job that runs past its time limit is stopped (the worker is interrupted, and killed if
  the job does not return to Python) and recorded as failed;
- workers die with their parent (Linux: PR_SET_PDEATHSIG), so a killed run leaves none behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

J = TypeVar("J")
R = TypeVar("R")


class JobTimeout(Exception):
    """The job ran past its time limit."""


_LIMIT: float | None = None
_IN_WORKER = False


def _worker_init(init: Callable[[], None] | None, limit: float | None) -> None:
    global _LIMIT, _IN_WORKER
    _LIMIT, _IN_WORKER = limit, True
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # die with the parent: PR_SET_PDEATHSIG = 1
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if init is not None:
        init()


def _on_alarm(signum: int, frame: Any) -> None:
    # soft limit: interrupt Python code; in a worker, arm the hard limit (the default action of
    # SIGALRM ends the process) in case the job is stuck in C and never sees this exception
    if _IN_WORKER:
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_REAL, max(5.0, (_LIMIT or 0) / 2))
    raise JobTimeout(f"stopped after {_LIMIT:.0f} s (the per-document time limit)")


def _call(fn: Callable[[J], R], job: J) -> R:
    if _LIMIT and hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, _LIMIT)
        try:
            return fn(job)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
    return fn(job)


def run(fn: Callable[[J], R], jobs: Iterable[J], *, workers: int,
        died: Callable[[J, str], R], init: Callable[[], None] | None = None,
        time_limit: float | None = None, weight: Callable[[J], float] | None = None) -> Iterator[tuple[J, R]]:
    """Yield (job, fn(job)) as jobs finish. ``fn`` must be a module-level function that turns
    its own errors into a result; ``died(job, reason)`` makes the result of a job whose worker
    died or ran out of time. ``weight``: heavier jobs start first (no long one left for last)."""
    todo = list(jobs)
    if weight is not None:
        todo.sort(key=lambda j: -weight(j))
    if workers <= 1 or len(todo) < 2:
        yield from _run_inline(fn, todo, died, init, time_limit)
        return
    for round_ in (1, 2, 3):
        if not todo:
            return
        size = workers if round_ < 3 else 1
        if round_ == 3:  # each alone, so only the job that kills its worker fails
            for job in todo:
                yield from _pool_round(fn, [job], 1, died, init, time_limit, last=True)
            return
        failed: list[J] = []
        for job, result in _pool_round(fn, todo, size, died, init, time_limit, last=False):
            if result is _RETRY:
                failed.append(job)
            else:
                yield job, result
        todo = failed


_RETRY: Any = object()


def _pool_round(fn: Callable[[J], R], jobs: list[J], size: int, died: Callable[[J, str], R],
                init: Callable[[], None] | None, limit: float | None, *, last: bool) -> Iterator[tuple[J, R]]:
    pool = ProcessPoolExecutor(max_workers=size, initializer=_worker_init, initargs=(init, limit))
    try:
        futures: dict[Future[R], J] = {pool.submit(_call, fn, job): job for job in jobs}
        for fut in as_completed(list(futures)):
            job = futures.pop(fut)  # a finished document's records are let go as soon as they are loaded
            try:
                result = fut.result()
                del fut  # as_completed drops its own reference once a future is yielded
                yield job, result
            except BrokenProcessPool:
                yield job, (died(job, "the worker process died while reading this document "
                                      "(killed, out of memory, a crash or the time limit)") if last else _RETRY)
            except JobTimeout as exc:
                yield job, died(job, str(exc))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _run_inline(fn: Callable[[J], R], jobs: list[J], died: Callable[[J, str], R],
                init: Callable[[], None] | None, limit: float | None) -> Iterator[tuple[J, R]]:
    global _LIMIT
    if init is not None:
        init()
    _LIMIT = limit if limit and os.name == "posix" else None
    try:
        for job in jobs:
            try:
                yield job, _call(fn, job)
            except JobTimeout as exc:
                yield job, died(job, str(exc))
    finally:
        _LIMIT = None
