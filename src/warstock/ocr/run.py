"""`warstock ocr`: read every paper filing the parsers marked "needs OCR".

Explicit and separate from `build`, so the main report never waits for it. Parallel (one
Tesseract engine per worker process), resumable (a filing already read by the current OCR
version is skipped; each filing is committed as soon as it is read, so an interrupted run
keeps what it finished), and a failure is recorded with its reason, never raised.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from warstock import warehouse
from warstock.archive import Archive
from warstock.records import ParseResult
from warstock.sources import house_ptr_ocr, senate_ptr_ocr

VERSIONS = {"house_ptr_ocr": house_ptr_ocr.PARSER_VERSION, "senate_ptr_ocr": senate_ptr_ocr.PARSER_VERSION}


@dataclass(frozen=True)
class Job:
    source: str  # house_ptr_ocr | senate_ptr_ocr
    doc_id: str
    sha256: str  # the document the job reads (House PDF, Senate stub)
    official_url: str | None
    paths: tuple[tuple[str, str | None], ...]  # (name, archived path or None) in page order
    filed: date | None = None


@dataclass
class OcrSummary:
    read: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    rows: int = 0
    review_rows: int = 0
    pages: int = 0
    seconds: float = 0.0


def plan(archive: Archive, con: duckdb.DuckDBPyConnection, *, force: bool = False,
         doc_ids: list[str] | None = None, year: int | None = None) -> tuple[list[Job], int]:
    """The paper filings to read: (jobs, how many were skipped as already read)."""
    by_doc = {(e.source, e.doc_id): e for e in archive.entries()}
    done = set() if force else {
        (s, d, sha) for s, d, sha in con.execute(
            "SELECT source, doc_id, source_sha256 FROM raw_parse__documents WHERE source IN ? "
            "AND parser_version IN ?", [list(VERSIONS), list(VERSIONS.values())]).fetchall()}
    jobs: list[Job] = []
    skipped = 0
    house = con.execute("""
        SELECT d.doc_id, d.source_sha256, i.filing_date, i.year
        FROM raw_parse__documents d LEFT JOIN core_house__index_latest i USING (doc_id)
        WHERE d.source = 'house_ptr' AND d.status = 'needs_ocr' ORDER BY d.doc_id""").fetchall()
    for doc_id, sha, filed, idx_year in house:
        if doc_ids and doc_id not in doc_ids or year and idx_year != year:
            continue
        if ("house_ptr_ocr", doc_id, sha) in done:
            skipped += 1
            continue
        entry = by_doc.get(("house_ptr", doc_id))
        if entry is None:
            continue
        jobs.append(Job("house_ptr_ocr", doc_id, sha, entry.official_url,
                        ((f"{doc_id}.pdf", str(archive.path_of(sha))),), filed))
    senate = con.execute("""
        SELECT d.doc_id, d.source_sha256, f.image_urls FROM raw_parse__documents d
        JOIN raw_senate__filings f ON f.doc_id = d.doc_id AND f.source_sha256 = d.source_sha256
        WHERE d.source = 'senate_ptr' AND d.status = 'needs_ocr' ORDER BY d.doc_id""").fetchall()
    for doc_id, sha, urls in senate:
        if doc_ids and doc_id not in doc_ids:
            continue
        if year and f"/media/{year}/" not in (urls or ""):
            continue
        if ("senate_ptr_ocr", doc_id, sha) in done:
            skipped += 1
            continue
        stub = by_doc.get(("senate_ptr", doc_id))
        paths = []
        for url in (urls or "").split():
            name = url.rsplit("/", 1)[-1]
            img = by_doc.get(("senate_paper", name.rsplit(".", 1)[0]))
            paths.append((name, str(archive.path_of(img.sha256)) if img else None))
        jobs.append(Job("senate_ptr_ocr", doc_id, sha, stub.official_url if stub else None, tuple(paths)))
    return jobs, skipped


_ENGINE: Any = None


def _init_worker() -> None:
    global _ENGINE
    from warstock.ocr.engine import Engine

    _ENGINE = Engine()


def read_job(job: Job) -> tuple[Job, ParseResult, float]:
    """Worker: one filing. Never raises: an error is the filing's recorded reason."""
    started = time.perf_counter()
    global _ENGINE
    try:
        if _ENGINE is None:
            _init_worker()
        if job.source == "house_ptr_ocr":
            data = Path(job.paths[0][1] or "").read_bytes()
            result = house_ptr_ocr.parse(data, doc_id=job.doc_id, filed=job.filed, engine=_ENGINE)
        else:
            images = [(name, Path(p).read_bytes() if p else None) for name, p in job.paths]
            result = senate_ptr_ocr.parse_pages(images, doc_id=job.doc_id, engine=_ENGINE)
    except Exception as exc:  # an OCR bug or a crash in one filing must not stop the run
        result = ParseResult("failed", f"OCR error: {type(exc).__name__}: {exc}")
    return job, result, time.perf_counter() - started


def _run(jobs: list[Job], workers: int) -> Iterator[tuple[Job, ParseResult, float]]:
    if workers <= 1 or len(jobs) < 2:
        for job in jobs:
            yield read_job(job)
        return
    # the biggest filings first, so no worker is left with a long one at the end
    todo = sorted(jobs, key=lambda j: -sum(Path(p).stat().st_size for _, p in j.paths if p and Path(p).exists()))
    rounds = 0
    while todo:
        # Tesseract can abort its process on a pathological image. The pool then fails every
        # filing still in it; those go to a fresh pool, and after two such rounds each is read
        # alone, so only the filing that crashes is recorded as failed.
        rounds += 1
        if rounds > 2:
            for job in todo:
                with ProcessPoolExecutor(max_workers=1, initializer=_init_worker) as solo:
                    try:
                        yield solo.submit(read_job, job).result()
                    except BrokenProcessPool:
                        yield job, ParseResult("failed", "the OCR worker process crashed on this filing"), 0.0
            return
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
            futures = {pool.submit(read_job, job): job for job in todo}
            todo = []
            for fut in as_completed(futures):
                try:
                    yield fut.result()
                except BrokenProcessPool:
                    todo.append(futures[fut])


def ocr(archive: Archive, con: duckdb.DuckDBPyConnection, *, workers: int = 2, force: bool = False,
        doc_ids: list[str] | None = None, year: int | None = None,
        progress: Callable[[str, int, int], None] | None = None) -> OcrSummary:
    from warstock import pipeline

    started = time.perf_counter()
    summary = OcrSummary()
    jobs, summary.skipped = plan(archive, con, force=force, doc_ids=doc_ids, year=year)
    for n, (job, result, _) in enumerate(_run(jobs, workers), 1):
        if result.filing is not None and job.source == "senate_ptr_ocr":
            urls = con.execute("SELECT image_urls FROM raw_senate__filings WHERE doc_id = ? LIMIT 1",
                               [job.doc_id]).fetchone()
            result.filing["image_urls"] = urls[0] if urls else None
        warehouse.load_document(con, source=job.source, sha256=job.sha256, doc_id=job.doc_id,
                                official_url=job.official_url, parser_version=VERSIONS[job.source], result=result)
        summary.read[result.status] = summary.read.get(result.status, 0) + 1
        summary.rows += len(result.records)
        summary.review_rows += sum(1 for r in result.records if r.get("needs_review"))
        summary.pages += len(job.paths) if job.source == "senate_ptr_ocr" else (result.filing or {}).get(
            "page_count") or 0
        if progress:
            progress(job.doc_id, n, len(jobs))
    if jobs:
        pipeline.refresh(con)
    summary.seconds = time.perf_counter() - started
    return summary
