"""Build: parse every archived document not yet parsed by its source's current parser, load
each as its own unit, then derive everything else.

Parsing is pure and runs in worker processes (the local pool, or a Dask cluster: see
stages.executor); only this process writes the warehouse. A document that fails (the
parser's reason, a damaged archive object, a worker that died, a value the warehouse
refuses) is recorded as failed with its reason, and the run goes on. The exit status of a
build says whether any document is failed *now*, not only in this run, so a build and its
rerun agree.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path

import duckdb

from warstock.archive import Archive, ArchiveError, Entry, check_bytes, read_unverified, read_verified
from warstock.records import ParseResult
from warstock.sources import SOURCES, build_order, parser
from warstock.stages.executor import Executor, LocalPool
from warstock.warehouse import derive
from warstock.warehouse.db import insert_rows
from warstock.warehouse.load import load_document

TIME_LIMIT = float(os.environ.get("WARSTOCK_PARSE_TIME_LIMIT", "300"))  # seconds per document


@dataclass
class BuildSummary:
    parsed: dict[str, dict[str, int]] = field(default_factory=dict)
    skipped_unchanged: int = 0
    not_parsed_here: dict[str, int] = field(default_factory=dict)  # archived; read by `ocr` or no parser yet
    failed_now: int = 0  # documents whose latest parse failed, this run or before
    seconds: float = 0.0
    ran_on: str = ""  # where the parsing ran (the executor's description)
    load_seconds: float = 0.0  # time this process spent loading results (the part no worker shares)
    derive_seconds: float = 0.0

    def count(self, source: str, status: str) -> None:
        self.parsed.setdefault(source, {}).setdefault(status, 0)
        self.parsed[source][status] += 1


@dataclass(frozen=True)
class ParseJob:
    source: str
    sha256: str
    path: str
    doc_id: str | None
    data: bytes | None = field(default=None, compare=False, repr=False)  # sent to a worker that cannot read path


def parse_job(job: ParseJob) -> ParseResult:
    """Worker: read one archived document (hash checked) and parse it. Never raises."""
    try:
        data = check_bytes(job.data, job.sha256) if job.data is not None else read_verified(Path(job.path), job.sha256)
    except ArchiveError as exc:
        return ParseResult("failed", str(exc))
    try:
        return parser(job.source)(data, doc_id=job.doc_id)
    except Exception as exc:  # a parser bug must not stop the run; record it
        return ParseResult("failed", f"parser error: {type(exc).__name__}: {exc}")


def _died(job: ParseJob, reason: str) -> ParseResult:
    return ParseResult("failed", reason)


def _with_bytes(job: ParseJob) -> ParseJob:
    return replace(job, data=read_unverified(Path(job.path)))


def _label(job: ParseJob) -> str:
    return f"{job.source}-{job.doc_id or job.sha256[:12]}"


def build(archive: Archive, con: duckdb.DuckDBPyConnection, *, workers: int = 2, force: bool = False,
          progress: Callable[[str, int, int], None] | None = None, executor: Executor | None = None) -> BuildSummary:
    """Parse, load and derive. ``executor``: where the parsing runs (default: ``workers`` local
    processes); whichever it is, results are loaded here, one document per transaction."""
    started = time.perf_counter()
    summary = BuildSummary()
    entries = archive.entries()
    load_manifest(con, entries)
    done = set(con.execute("SELECT source_sha256, doc_id, parser_version FROM raw_parse__documents").fetchall())
    rank = {name: n for n, name in enumerate(build_order())}
    todo: list[Entry] = []
    for e in entries:
        spec = SOURCES.get(e.source)
        if spec is None or spec.read_by != "build":
            summary.not_parsed_here[e.source] = summary.not_parsed_here.get(e.source, 0) + 1
            continue
        if not force and (e.sha256, e.doc_id, spec.parser_version) in done:
            summary.skipped_unchanged += 1
            continue
        todo.append(e)
    todo.sort(key=lambda e: (rank.get(e.source, 99), e.doc_id or ""))
    jobs = [ParseJob(e.source, e.sha256, str(archive.path_of(e.sha256)), e.doc_id) for e in todo]
    by_job = dict(zip(jobs, todo, strict=True))
    runner = executor or LocalPool(workers)
    results = runner.map(parse_job, jobs, died=_died, time_limit=TIME_LIMIT, weight=lambda j: _size(j.path),
                         label=_label, attach=_with_bytes, sample=(jobs[0].path, jobs[0].sha256) if jobs else None)
    for n, (job, result) in enumerate(results, 1):
        entry = by_job[job]
        t0 = time.perf_counter()
        loaded = load_document(con, source=entry.source, sha256=entry.sha256, doc_id=entry.doc_id,
                               official_url=entry.official_url, result=result)
        summary.load_seconds += time.perf_counter() - t0
        summary.count(entry.source, loaded.status)
        if progress:
            progress(entry.source, n, len(jobs))
    summary.ran_on = runner.describe()
    t0 = time.perf_counter()
    derive.refresh(con)
    summary.derive_seconds = time.perf_counter() - t0
    summary.failed_now = failed_documents(con)
    summary.seconds = time.perf_counter() - started
    return summary


def _size(path: str) -> float:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0.0


def failed_documents(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(*) FROM out_coverage__documents WHERE status = 'failed'").fetchone()
    return int(row[0]) if row else 0


def load_manifest(con: duckdb.DuckDBPyConnection, entries: list[Entry]) -> None:
    con.execute("DELETE FROM raw_archive__manifest")
    insert_rows(con, "raw_archive__manifest", [
        {**asdict(e), "registered_at": datetime.fromisoformat(e.registered_at).replace(tzinfo=None)}
        for e in entries])
