"""`warstock ocr`: read every paper filing that the parsers marked "needs OCR".

Explicit and separate from `build`, so the main report never waits for it. Parallel (one
Tesseract engine per worker process, on the local pool or a Dask cluster: stages.executor), resumable (a filing already
read by the current OCR version is skipped; each filing is committed as soon as it is read,
so an interrupted run keeps what it finished), and a failure is recorded with its reason,
never raised.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from warstock.archive import Archive, ArchiveError, check_bytes, read_unverified, read_verified
from warstock.records import ParseResult
from warstock.sources import SOURCES, parser
from warstock.stages.executor import Executor, LocalPool
from warstock.warehouse import derive
from warstock.warehouse.load import load_document

OCR_SOURCES = [s.name for s in SOURCES.values() if s.ocr]
TIME_LIMIT = 900.0  # seconds per filing (the longest real one takes about 60 s)


@dataclass(frozen=True)
class Job:
    source: str  # house_ptr_ocr | house_annual_ocr | senate_ptr_ocr
    doc_id: str
    sha256: str  # the document the job reads (House PDF, Senate stub)
    official_url: str | None
    paths: tuple[tuple[str, str | None, str | None], ...]  # (name, archived path, sha256) in page order
    filed: date | None = None
    filing_type: str | None = None  # House: the index's FilingType (an annual report's kind)
    year: int | None = None  # House: the index's year
    data: tuple[bytes | None, ...] | None = field(default=None, compare=False, repr=False)  # pages' bytes, if sent


@dataclass
class OcrSummary:
    read: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    rows: int = 0
    review_rows: int = 0
    pages: int = 0
    seconds: float = 0.0
    ran_on: str = ""
    load_seconds: float = 0.0  # time this process spent loading results (the part no worker shares)


class UnknownDocument(ValueError):
    """An OCR run was asked for documents that no paper filing in the warehouse has."""


def plan(archive: Archive, con: duckdb.DuckDBPyConnection, *, force: bool = False,
         doc_ids: list[str] | None = None, year: int | None = None) -> tuple[list[Job], int]:
    """The paper filings to read: (jobs, how many were skipped as already read)."""
    by_doc = {(e.source, e.doc_id): e for e in archive.entries()}
    versions = [SOURCES[s].parser_version for s in OCR_SOURCES]
    done = set() if force else {
        (s, d, sha) for s, d, sha in con.execute(
            "SELECT source, doc_id, source_sha256 FROM raw_parse__documents WHERE source IN ? "
            "AND parser_version IN ?", [OCR_SOURCES, versions]).fetchall()}
    candidates = con.execute("""
        SELECT d.source, d.doc_id, d.source_sha256, i.filing_date, i.year, f.image_urls, i.filing_type
        FROM raw_parse__documents d
        LEFT JOIN core_house__index_latest i ON d.source IN ('house_ptr', 'house_annual') AND i.doc_id = d.doc_id
        LEFT JOIN raw_senate__filings f ON d.source = 'senate_ptr' AND f.doc_id = d.doc_id
                                       AND f.source_sha256 = d.source_sha256 AND f.read_method = 'text'
        WHERE d.status = 'needs_ocr' ORDER BY d.doc_id""").fetchall()
    if doc_ids:
        unknown = sorted(set(doc_ids) - {c[1] for c in candidates})
        if unknown:
            raise UnknownDocument(f"no paper filing awaiting or read by OCR has the id {', '.join(unknown)}")
    jobs: list[Job] = []
    skipped = 0
    reader = {SOURCES[s].reads: s for s in OCR_SOURCES}
    for source, doc_id, sha, filed, idx_year, urls, filing_type in candidates:
        ocr_source = reader.get(source)
        if ocr_source is None or doc_ids and doc_id not in doc_ids:
            continue
        house = source in ("house_ptr", "house_annual")
        doc_year = idx_year if house else _media_year(urls)
        if year and doc_year != year:
            continue
        if (ocr_source, doc_id, sha) in done:
            skipped += 1
            continue
        entry = by_doc.get((source, doc_id))
        url = SOURCES[ocr_source].url(doc_id, doc_year)
        if house:
            if entry is None:
                continue
            pages: tuple[tuple[str, str | None, str | None], ...] = (
                (f"{doc_id}.pdf", str(archive.path_of(sha)), sha),)
        else:
            names = [u.rsplit("/", 1)[-1] for u in (urls or "").split()]
            imgs = [by_doc.get(("senate_paper", n.rsplit(".", 1)[0])) for n in names]
            pages = tuple((n, str(archive.path_of(i.sha256)) if i else None, i.sha256 if i else None)
                          for n, i in zip(names, imgs, strict=True))
        jobs.append(Job(ocr_source, doc_id, sha, url or (entry.official_url if entry else None), pages, filed,
                        filing_type, idx_year))
    return jobs, skipped


def _media_year(urls: str | None) -> int | None:
    m = re.search(r"/media/(\d{4})/", urls or "")
    return int(m.group(1)) if m else None


_ENGINE: Any = None


def _init_worker() -> None:
    global _ENGINE
    from warstock.ocr.engine import Engine

    _ENGINE = Engine()


def read_job(job: Job) -> ParseResult:
    """Worker: one filing. Never raises: an error is the filing's recorded reason."""
    try:
        if _ENGINE is None:
            _init_worker()
        pages = [(name, _page(job, n)) for n, (name, _, _) in enumerate(job.paths)]
        if job.source == "house_ptr_ocr":
            return parser(job.source)(pages[0][1] or b"", doc_id=job.doc_id, filed=job.filed, engine=_ENGINE)
        if job.source == "house_annual_ocr":
            return parser(job.source)(pages[0][1] or b"", doc_id=job.doc_id, filed=job.filed,
                                      filing_type=job.filing_type, year=job.year, engine=_ENGINE)
        return parser(job.source)(pages, doc_id=job.doc_id, engine=_ENGINE)
    except ArchiveError as exc:
        return ParseResult("failed", str(exc))
    except Exception as exc:  # an OCR bug or a crash in one filing must not stop the run
        return ParseResult("failed", f"OCR error: {type(exc).__name__}: {exc}")


def _page(job: Job, n: int) -> bytes | None:
    _, path, sha = job.paths[n]
    if not sha:
        return None
    if job.data is not None and job.data[n] is not None:
        return check_bytes(job.data[n] or b"", sha)
    return read_verified(Path(path), sha) if path else None


def _died(job: Job, reason: str) -> ParseResult:
    return ParseResult("failed", f"OCR: {reason}")


def _with_bytes(job: Job) -> Job:
    return replace(job, data=tuple(read_unverified(Path(p)) if p and sha else None for _, p, sha in job.paths))


def _label(job: Job) -> str:
    return f"{job.source}-{job.doc_id}"


def _weight(job: Job) -> float:
    return sum(Path(p).stat().st_size for _, p, _ in job.paths if p and Path(p).exists())


def ocr(archive: Archive, con: duckdb.DuckDBPyConnection, *, workers: int = 2, force: bool = False,
        doc_ids: list[str] | None = None, year: int | None = None,
        progress: Callable[[str, int, int], None] | None = None, executor: Executor | None = None) -> OcrSummary:
    """Read the paper filings; ``executor``: where (default: ``workers`` local processes).
    Whichever it is, each filing is loaded here, in its own transaction, as it comes back."""
    started = time.perf_counter()
    summary = OcrSummary()
    jobs, summary.skipped = plan(archive, con, force=force, doc_ids=doc_ids, year=year)
    runner = executor or LocalPool(workers)
    sample = next(((p, sha) for j in jobs for _, p, sha in j.paths if p and sha), None)
    results = runner.map(read_job, jobs, died=_died, init=_init_worker, time_limit=TIME_LIMIT, weight=_weight,
                         label=_label, attach=_with_bytes, sample=sample)
    for n, (job, result) in enumerate(results, 1):
        if result.filing is not None and job.source == "senate_ptr_ocr":
            urls = con.execute("SELECT image_urls FROM raw_senate__filings WHERE doc_id = ? AND read_method = 'text' "
                               "LIMIT 1", [job.doc_id]).fetchone()
            result.filing["image_urls"] = urls[0] if urls else None
        t0 = time.perf_counter()
        loaded = load_document(con, source=job.source, sha256=job.sha256, doc_id=job.doc_id,
                               official_url=job.official_url, result=result)
        summary.load_seconds += time.perf_counter() - t0
        summary.read[loaded.status] = summary.read.get(loaded.status, 0) + 1
        summary.rows += len(loaded.records)
        summary.review_rows += sum(1 for r in loaded.records if r.get("needs_review"))
        summary.pages += len(job.paths) if job.source == "senate_ptr_ocr" else (loaded.filing or {}).get(
            "page_count") or 0
        if progress:
            progress(job.doc_id, n, len(jobs))
    summary.ran_on = runner.describe()
    if jobs:
        derive.refresh(con)
    summary.seconds = time.perf_counter() - started
    return summary
