"""Where the parse and OCR stages run their jobs: one interface, two implementations.

- ``LocalPool``: worker processes on this machine (stages.pool), the default.
- ``DaskExecutor`` (stages.cluster): the workers of a Dask distributed cluster, chosen by
  ``--scheduler tcp://HOST:PORT`` or ``$WARSTOCK_SCHEDULER``. ``distributed`` is imported only
  then (it costs about a second), so a user without a cluster never pays for it.

Both give the same contract to the stages: ``map`` yields ``(job, result)`` as jobs finish, in
any order, never raises for a job, and makes the result of a job whose worker died or which ran
past its time limit with ``died(job, reason)``. Only the caller (the client) writes the
warehouse, one document at a time, as results arrive.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

from warstock.stages import pool

J = TypeVar("J")
R = TypeVar("R")

SCHEDULER_ENV = "WARSTOCK_SCHEDULER"
SHIP_ENV = "WARSTOCK_SHIP"
SHIP_MODES = ("auto", "path", "bytes")


class ExecutorUnavailable(Exception):
    """The cluster asked for cannot be used (unreachable scheduler, no workers, no Dask installed)."""


class Executor(Protocol):
    def map(self, fn: Callable[[J], R], jobs: Iterable[J], *, died: Callable[[J, str], R],
            init: Callable[[], None] | None = None, time_limit: float | None = None,
            weight: Callable[[J], float] | None = None, label: Callable[[J], str] | None = None,
            attach: Callable[[J], J] | None = None,
            sample: tuple[str, str] | None = None) -> Iterator[tuple[J, R]]:
        """Yield (job, fn(job)) as jobs finish.

        ``fn`` and ``init`` must be module-level functions (they are sent to other processes).
        ``weight``: heavier jobs start first. ``label``: a short name for a job (shown by the
        Dask dashboard). ``attach(job)``: the same job carrying its documents' bytes, for
        workers that cannot read the archive path. ``sample``: (path, sha256) of one archived
        object, which a worker must be able to read for paths to be sent instead of bytes.
        """
        ...

    def describe(self) -> str:
        """Where the last ``map`` ran, in a few words for the command's summary line."""
        ...


class LocalPool:
    """Worker processes on this machine (the crash-tolerant pool in stages.pool)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers

    def map(self, fn: Callable[[J], R], jobs: Iterable[J], *, died: Callable[[J, str], R],
            init: Callable[[], None] | None = None, time_limit: float | None = None,
            weight: Callable[[J], float] | None = None, label: Callable[[J], str] | None = None,
            attach: Callable[[J], J] | None = None,
            sample: tuple[str, str] | None = None) -> Iterator[tuple[J, R]]:
        # the local workers see the archive: label, attach and sample do not apply
        return pool.run(fn, jobs, workers=self.workers, died=died, init=init, time_limit=time_limit, weight=weight)

    def describe(self) -> str:
        return f"on {self.workers} local worker process{'es' if self.workers != 1 else ''}"


def scheduler_address(given: str | None) -> str | None:
    """The scheduler to use: the option, else $WARSTOCK_SCHEDULER, else none (the local pool)."""
    return (given or os.environ.get(SCHEDULER_ENV) or "").strip() or None


def executor_for(workers: int, scheduler: str | None = None, ship: str | None = None) -> Executor:
    """The local pool, or the Dask cluster at ``scheduler`` (or $WARSTOCK_SCHEDULER).

    ``ship`` (or $WARSTOCK_SHIP): how Dask workers get the documents. ``path``: they read the
    archive at the client's path (a shared file system); ``bytes``: the client reads each
    document and sends it with its job; ``auto`` (default): ``path`` when every worker can read
    and verify one archived object at that path, else ``bytes``."""
    address = scheduler_address(scheduler)
    if address is None:
        return LocalPool(workers)
    mode = (ship or os.environ.get(SHIP_ENV) or "auto").strip().lower()
    if mode not in SHIP_MODES:
        raise ValueError(f"ship must be one of {', '.join(SHIP_MODES)}, not {mode!r}")
    try:
        from warstock.stages.cluster import DaskExecutor
    except ImportError as exc:  # pragma: no cover - dask is a pinned dependency
        raise ExecutorUnavailable(f"--scheduler needs dask and distributed installed: {exc}") from exc
    return DaskExecutor(address, ship=mode)
