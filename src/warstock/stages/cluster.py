"""The parse and OCR stages on a Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

Imported only when a scheduler is given: ``distributed`` costs about a second to import.

How a worker gets a document. Jobs name their documents by content hash and archive path.
With ``ship="path"`` the worker reads the path itself (a shared file system: NFS, a mounted
volume, or the same machine) and checks the bytes against the hash; with ``ship="bytes"`` the
client reads each document and sends it with its job (the worker still checks the hash), so
workers need no access to the archive; ``ship="auto"`` asks every worker, before the first job,
to read and verify one archived object at the client's path, and sends paths only if all can.
Workers that join a running job after that check are assumed to see what the others saw.

Results come back as they finish (``as_completed``) and are handed to the caller, which loads
each document in its own transaction; at most ``window`` jobs are in flight, so neither the
client, the scheduler nor the workers hold more than that many documents or results at once.

Failures, the same as the local pool's:
- a job that raises fails alone with the exception as its reason (the stages' worker functions
  already turn their own errors into results);
- a job past its time limit: a watchdog thread in the worker raises an exception in the job's
  thread (Python code stops there; the job fails with "stopped after N s"); a job stuck in C
  code that does not return within a grace period has its worker process killed, which the
  worker's nanny restarts and which Dask treats as a worker death (below);
- a worker that dies (killed, out of memory, a crash in a C library): Dask gives its jobs to
  other workers. A job that was on ``allowed-failures + 1`` dying workers (the scheduler's
  ``distributed.scheduler.allowed-failures``, 3 by default) comes back as ``KilledWorker``;
  such jobs are run again at the end, one at a time with nothing else in flight, so a job that
  only happened to share a worker with a killer is read, and the job that kills every worker it
  lands on is recorded as failed with its reason, not retried forever.

Workers should run one thread each (``dask worker --nthreads 1``): the parsers are CPU-bound
Python (threads would share one GIL) and each OCR worker keeps one Tesseract engine.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from distributed import Client, as_completed
from distributed.scheduler import KilledWorker

from warstock.archive import ArchiveError, read_verified
from warstock.stages.executor import ExecutorUnavailable

J = TypeVar("J")
R = TypeVar("R")

DIED = ("the worker process died while reading this document (killed, out of memory, a crash or the time "
        "limit) on every Dask worker it was given to")
CONNECT_TIMEOUT = "15s"
WORKER_WAIT = 60.0  # seconds to wait for the first worker to join the scheduler


class DaskExecutor:
    """Run the stages' jobs on the Dask cluster at ``address``."""

    def __init__(self, address: str, *, ship: str = "auto", window: int | None = None,
                 connect_timeout: str = CONNECT_TIMEOUT) -> None:
        self.address = address
        self.connect_timeout = connect_timeout
        self.ship = ship
        self.window = window
        self.mode: str | None = None  # "path" or "bytes", decided by the last map
        self.workers = 0
        self.threads = 0

    def describe(self) -> str:
        how = {"path": "documents read from the shared archive path",
               "bytes": "documents sent to the workers"}.get(self.mode or "", "no job sent")
        return f"on the Dask cluster at {self.address} ({self.workers} workers, {self.threads} threads; {how})"

    def _connect(self) -> Client:
        try:
            client = Client(self.address, timeout=self.connect_timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ExecutorUnavailable(f"cannot reach the Dask scheduler at {self.address}: {exc}") from exc
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT)
        except (OSError, TimeoutError) as exc:
            client.close()
            raise ExecutorUnavailable(f"the Dask scheduler at {self.address} has no workers "
                                      f"(waited {WORKER_WAIT:.0f} s)") from exc
        nthreads = client.nthreads()
        self.workers, self.threads = len(nthreads), sum(nthreads.values())
        return client

    def _decide(self, client: Client, attach: Callable[[J], J] | None, sample: tuple[str, str] | None) -> str:
        if attach is None:
            return "path"
        if self.ship != "auto":
            return self.ship
        if sample is None:
            return "bytes"
        seen = client.run(_can_read, sample[0], sample[1], on_error="return")
        return "path" if seen and all(v is True for v in seen.values()) else "bytes"

    def map(self, fn: Callable[[J], R], jobs: Iterable[J], *, died: Callable[[J, str], R],
            init: Callable[[], None] | None = None, time_limit: float | None = None,
            weight: Callable[[J], float] | None = None, label: Callable[[J], str] | None = None,
            attach: Callable[[J], J] | None = None,
            sample: tuple[str, str] | None = None) -> Iterator[tuple[J, R]]:
        todo = list(jobs)
        if weight is not None:
            todo.sort(key=lambda j: -weight(j))
        if not todo:
            return
        client = self._connect()
        try:
            self.mode = self._decide(client, attach, sample)
            send: Callable[[J], J] = attach if self.mode == "bytes" and attach is not None else _same
            window = self.window or max(4, 2 * self.threads)
            run = _Runner(client, fn, died, init, time_limit, label or _no_label, send)
            suspects: list[J] = []
            for job, result in run.stream(todo, window):
                if result is _KILLED:
                    suspects.append(job)
                else:
                    yield job, result
            for job in suspects:  # each alone: only the job that kills its worker fails
                for one, result in run.stream([job], 1):
                    yield one, (died(one, DIED) if result is _KILLED else result)
        finally:
            with contextlib.suppress(Exception):
                client.close()


_KILLED: Any = object()


def _same(job: J) -> J:
    return job


def _no_label(job: Any) -> str:
    return "job"


class _Runner:
    def __init__(self, client: Client, fn: Callable[[Any], Any], died: Callable[[Any, str], Any],
                 init: Callable[[], None] | None, limit: float | None, label: Callable[[Any], str],
                 send: Callable[[Any], Any]) -> None:
        self.client, self.fn, self.died, self.init, self.limit = client, fn, died, init, limit
        self.label, self.send = label, send

    def stream(self, jobs: list[Any], window: int) -> Iterator[tuple[Any, Any]]:
        pending = iter(enumerate(jobs))
        in_flight: dict[str, Any] = {}
        done = as_completed(loop=self.client.loop)

        def submit_next() -> None:
            nxt = next(pending, None)
            if nxt is None:
                return
            n, job = nxt
            key = f"warstock-{_safe(self.label(job))}-{uuid.uuid4().hex[:10]}"
            fut = self.client.submit(_run_task, self.fn, self.send(job), self.init, self.limit, key=key,
                                     pure=False, priority=len(jobs) - n)
            in_flight[key] = job
            done.add(fut)

        for _ in range(window):
            submit_next()
        for fut in done:
            job = in_flight.pop(str(fut.key))
            try:
                kind, value = fut.result()
                result = value if kind == "ok" else self.died(job, value)
            except KilledWorker:
                result = _KILLED
            except Exception as exc:
                # not the document's doing (a job's own errors come back as results): the cluster
                # cannot run warstock's jobs (different software on the scheduler, a cancelled job).
                # Stop rather than record documents as failed; what was loaded stays, and a rerun
                # goes on from there.
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                raise ExecutorUnavailable(f"the Dask cluster could not run the job for {self.label(job)}: "
                                          f"{type(exc).__name__}: {first} (do the scheduler and workers run "
                                          "the same warstock and Python packages as this client?)") from exc
            fut.release()
            del fut
            submit_next()
            yield job, result


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in text)[:60] or "job"


# --- on the worker --------------------------------------------------------------------------

_READY: set[str] = set()
_READY_LOCK = threading.Lock()


class _Deadline(BaseException):
    """Raised in a job's thread by its watchdog (a BaseException, so a parser's own
    ``except Exception`` does not turn it into an ordinary parse failure)."""


def _run_task(fn: Callable[[Any], Any], job: Any, init: Callable[[], None] | None,
              limit: float | None) -> tuple[str, Any]:
    """One job on a Dask worker: ("ok", result), ("timeout", reason) or ("error", reason)."""
    if init is not None:
        name = f"{init.__module__}.{init.__qualname__}"
        with _READY_LOCK:
            if name not in _READY:
                init()
                _READY.add(name)
    try:
        return ("ok", _limited(fn, job, limit) if limit else fn(job))
    except _Deadline:
        return ("timeout", f"stopped after {limit:.0f} s (the per-document time limit)")
    except Exception as exc:
        return ("error", f"{type(exc).__name__}: {exc}")


def _limited(fn: Callable[[Any], Any], job: Any, limit: float) -> Any:
    tid = threading.get_ident()
    lock = threading.Lock()
    running = [True]

    def soft() -> None:  # stop Python code: raise _Deadline in the job's thread
        with lock:
            if running[0]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(_Deadline))

    def hard() -> None:  # stuck in C code: end the worker process (its nanny starts a new one)
        with lock:
            if running[0]:
                os.kill(os.getpid(), signal.SIGKILL)

    timers = [threading.Timer(limit, soft), threading.Timer(limit + max(5.0, limit / 2), hard)]
    for t in timers:
        t.daemon = True
        t.start()

    def stop() -> None:
        with lock:
            running[0] = False
        for t in timers:
            t.cancel()

    try:
        try:
            return fn(job)
        finally:
            stop()
    except _Deadline:
        stop()  # the exception may have arrived inside the first stop(); make sure it finished
        raise


def _can_read(path: str, sha256: str) -> bool:
    """On each worker, before the first job: can it read and verify this archived object?"""
    try:
        read_verified(Path(path), sha256)
    except ArchiveError:
        return False
    return True
