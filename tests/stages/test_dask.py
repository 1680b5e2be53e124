"""The parse and OCR stages on a real Dask cluster (distributed.LocalCluster: 2 worker
processes, one thread each) give the same warehouse as the local pool: also when a worker is
killed while jobs are in flight, and when a document kills every worker it lands on."""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

distributed = pytest.importorskip("distributed")
import cloudpickle  # noqa: E402
import dask  # noqa: E402
from distributed import Client, LocalCluster, WorkerPlugin  # noqa: E402

from synthetic import make_shared  # noqa: E402
from warstock.archive import Archive  # noqa: E402
from warstock.stages import parse as pipeline  # noqa: E402
from warstock.stages.cluster import DaskExecutor  # noqa: E402
from warstock.stages.ingest import ingest  # noqa: E402
from warstock.warehouse import db as warehouse  # noqa: E402

# the workers are other processes: send this module's functions and plugins by value
cloudpickle.register_pickle_by_value(sys.modules[__name__])

TIMING = {"parsed_at", "registered_at"}  # when a row was written: differs between any two runs


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    # a job that was on 2 dying workers comes back as KilledWorker (the default is 4)
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, memory_limit="768MiB",
                         dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_shared(tmp_path_factory.mktemp("dask"))


def raw_tables(con: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every raw_ table, every row, in order, without the columns that say when it was written."""
    names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables WHERE table_name "
                                       "LIKE 'raw%' AND table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
    out = {}
    for t in names:
        cols = [c for (c,) in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                                          "ORDER BY ordinal_position", [t]).fetchall() if c not in TIMING]
        out[t] = con.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in cols)} FROM {t} ORDER BY ALL"
                             ).fetchall()
    return out


def build(data: Path, home: Path, executor: Any = None) -> tuple[Any, pipeline.BuildSummary]:
    archive = Archive(home / "archive")
    ingest(archive, [data])
    con = warehouse.connect(home / "warstock.duckdb")
    return con, pipeline.build(archive, con, workers=1, executor=executor)


@pytest.fixture(scope="module")
def local(data: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Any, ...]]]:
    con, summary = build(data, tmp_path_factory.mktemp("local"))
    tables = raw_tables(con)
    assert summary.parsed["house_ptr"] == {"parsed": 4, "needs_ocr": 1}  # the synthetic archive, as in test_pipeline
    assert sum(len(v) for v in tables.values()) > 50
    return tables


def test_cluster_build_equals_the_local_build(cluster: LocalCluster, data: Path, local: dict[str, Any],
                                              tmp_path: Path) -> None:
    for ship in ("auto", "bytes"):
        executor = DaskExecutor(cluster.scheduler_address, ship=ship)
        con, summary = build(data, tmp_path / ship, executor)
        assert executor.mode == ("path" if ship == "auto" else "bytes")  # same machine: every worker sees the path
        assert executor.workers == 2
        assert raw_tables(con) == local, ship
        assert summary.failed_now == 0


class KillOnce(WorkerPlugin):
    """Ends the worker process (os._exit, as a crash or an out-of-memory kill would) when it
    starts its ``after``-th warstock job; only the first worker to get there, only once."""

    def __init__(self, marker: str, after: int) -> None:
        self.marker, self.after, self.started = marker, after, 0

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if finish == "executing" and str(key).startswith("warstock-"):
            self.started += 1
            if self.started >= self.after:
                try:
                    os.close(os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
                except FileExistsError:
                    return
                os._exit(1)


class Poison(WorkerPlugin):
    """Ends every worker process that starts reading the document ``doc_id``."""

    def __init__(self, doc_id: str, log: str) -> None:
        self.doc_id, self.log = doc_id, log

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if finish == "executing" and f"-{self.doc_id}-" in str(key):
            with open(self.log, "a") as fh:
                fh.write(f"{os.getpid()}\n")
            os._exit(1)


def _wait_for_workers(address: str, n: int) -> None:
    with Client(address, set_as_default=False) as client:
        client.wait_for_workers(n, timeout=60)


def test_a_worker_killed_mid_run_loses_nothing(cluster: LocalCluster, data: Path, local: dict[str, Any],
                                               tmp_path: Path) -> None:
    marker = tmp_path / "killed"
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        pids = set(client.run(os.getpid).values())
        client.register_plugin(KillOnce(str(marker), after=3), name="kill-once")
        try:
            con, summary = build(data, tmp_path / "home", DaskExecutor(cluster.scheduler_address))
        finally:
            client.unregister_worker_plugin("kill-once")
        _wait_for_workers(cluster.scheduler_address, 2)
        after = set(client.run(os.getpid).values())
    assert marker.exists()  # a worker did die mid-run ...
    assert pids - after  # ... and its process is gone (its nanny started a new one)
    assert raw_tables(con) == local  # its jobs were read elsewhere: nothing lost, nothing different
    assert summary.failed_now == 0


def test_a_poison_document_is_recorded_failed_and_the_rest_is_read(cluster: LocalCluster, data: Path,
                                                                  local: dict[str, Any], tmp_path: Path) -> None:
    log = tmp_path / "deaths"
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        client.register_plugin(Poison("20000002", str(log)), name="poison")
        try:
            con, summary = build(data, tmp_path / "home", DaskExecutor(cluster.scheduler_address))
        finally:
            client.unregister_worker_plugin("poison")
    _wait_for_workers(cluster.scheduler_address, 2)
    deaths = log.read_text().split()
    # allowed-failures 1: two deaths in the run, then two more when it is tried alone; never more
    assert len(deaths) == 4 and len(set(deaths)) == 4
    status, reason = con.execute("SELECT status, reason FROM raw_parse__documents WHERE doc_id = '20000002'").fetchone()
    assert status == "failed" and "worker process died" in reason
    assert summary.parsed["house_ptr"] == {"parsed": 3, "needs_ocr": 1, "failed": 1}
    # every other document is exactly as the local build read it (rows of 20000002 set aside on both sides)
    got = raw_tables(con)
    for table, rows in local.items():
        assert [r for r in got[table] if "20000002" not in r] == [r for r in rows if "20000002" not in r], table
    assert [r for r in local["raw_house__transactions"] if "20000002" in r]  # the local build did read it
    assert not [r for r in got["raw_house__transactions"] if "20000002" in r]


def work(job: int) -> str:
    if job == 4:
        raise ValueError("a bug in the reader of document 4")
    if job == 5:
        for _ in range(600):  # a document that never ends (in Python code)
            time.sleep(0.05)
    return f"ok {job}"


def died(job: int, reason: str) -> str:
    return f"failed {job}: {reason}"


def test_a_job_that_raises_or_runs_too_long_fails_alone(cluster: LocalCluster) -> None:
    started = time.perf_counter()
    executor = DaskExecutor(cluster.scheduler_address)
    got = dict(executor.map(work, range(8), died=died, time_limit=2.0))
    assert set(got) == set(range(8))
    assert all(got[j] == f"ok {j}" for j in (0, 1, 2, 3, 6, 7))
    assert got[4] == "failed 4: ValueError: a bug in the reader of document 4"
    assert got[5] == "failed 5: stopped after 2 s (the per-document time limit)"
    assert time.perf_counter() - started < 20  # the stuck job did not hold the run for its 30 s


def test_an_unreachable_scheduler_is_an_environment_error() -> None:
    from warstock.stages.executor import ExecutorUnavailable

    with pytest.raises(ExecutorUnavailable, match="cannot reach the Dask scheduler"):
        list(DaskExecutor("tcp://127.0.0.1:9", connect_timeout="2s").map(work, [1], died=died))


def test_ocr_on_the_cluster_equals_the_local_ocr(cluster: LocalCluster, tmp_path: Path) -> None:
    from warstock.ocr.engine import OcrUnavailable, tessdata_dir

    try:
        tessdata_dir()
    except OcrUnavailable as exc:
        pytest.skip(f"Tesseract not installed: {exc}")
    from formgen import Row, house_page, pdf_of, scanned
    from warstock.stages.ocr import ocr

    data = make_shared(tmp_path)
    rows = [Row("SP", "LOCKHEED MARTIN CORP", "purchase", "04/18/25", "04/25/25", 2),
            Row("", "BOEING CO COMMON", "sale", "04/20/25", "04/25/25", 0)]
    (data / "house" / "ptr-scanned" / "8000001.pdf").write_bytes(pdf_of([scanned(house_page(rows))]))
    con, _ = build(data, tmp_path / "base")
    con.close()
    results = []
    for name, executor in (("local", None), ("dask", DaskExecutor(cluster.scheduler_address))):
        home = tmp_path / name
        shutil.copytree(tmp_path / "base", home)
        con = warehouse.connect(home / "warstock.duckdb")
        summary = ocr(Archive(home / "archive"), con, workers=1, executor=executor)
        results.append((summary.read, raw_tables(con)))
    (local_read, local_ocr), (dask_read, dask_ocr) = results
    # the drawn House form is read; the synthetic Senate paper stub names page images that are
    # not in the archive, so it fails with its reason, on both
    assert local_read == dask_read and sum(local_read.values()) == 2 and local_read.get("failed") == 1, local_read
    assert dask_ocr == local_ocr
    ocr_rows = [r for r in dask_ocr["raw_house__transactions"] if "ocr" in r]
    assert len(ocr_rows) == 2  # the two trades drawn on the form
