"""Loading one parsed document into the raw tables: atomically, and never stopping the run.

Everything loaded from a document is replaced by its new parse in one transaction. Rows read
from page images (OCR) and rows read from the text of the same document share tables and are
told apart by ``read_method``: each reading replaces only its own rows. A value the warehouse
rejects (a number beyond BIGINT, a date it cannot store) fails that document, with the reason,
and the run goes on.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import duckdb

from warstock.records import ParseResult
from warstock.sources import SOURCES, tables
from warstock.warehouse.db import insert_rows

LOADABLE = ("parsed", "parsed_with_notes")


def read_method(source: str) -> str:
    """text, ocr, or import (another project's reading, loaded by `warstock import`)."""
    return {"ocr": "ocr", "import": "import"}.get(SOURCES[source].read_by or "", "text")


def load_document(con: duckdb.DuckDBPyConnection, *, source: str, sha256: str, doc_id: str | None,
                  official_url: str | None, result: ParseResult) -> ParseResult:
    """Replace everything loaded from this document by this parse. Returns the result as
    loaded: the parse itself, or a failure saying why the warehouse refused it."""
    try:
        _load(con, source, sha256, doc_id, official_url, result)
        return result
    except (duckdb.Error, ValueError, TypeError, OverflowError) as exc:
        failed = ParseResult("failed", f"could not load: {type(exc).__name__}: {str(exc).splitlines()[0][:300]}",
                             notes=result.notes)
        _load(con, source, sha256, doc_id, official_url, failed)
        return failed


def _load(con: duckdb.DuckDBPyConnection, source: str, sha256: str, doc_id: str | None,
          official_url: str | None, result: ParseResult) -> None:
    spec = SOURCES[source]
    method = read_method(source)
    prov = {"source_sha256": sha256, "source_doc_id": doc_id, "source_url": official_url,
            "parser_version": spec.parser_version, "read_method": method}
    by_role = {t.role: t.name for t in tables(source) if t.role != "extra"}
    extra_tables = {t.name for t in tables(source) if t.role == "extra"}
    con.execute("BEGIN TRANSACTION")
    try:
        for t in tables(source):
            con.execute(f"DELETE FROM {t.name} WHERE source_sha256 = ? AND source_doc_id IS NOT DISTINCT FROM ? "
                        "AND read_method = ?", [sha256, doc_id, method])
        for table in ("raw_parse__problems", "raw_parse__documents"):
            con.execute(f"DELETE FROM {table} WHERE source_sha256 = ? AND doc_id IS NOT DISTINCT FROM ? "
                        "AND source = ?", [sha256, doc_id, source])
        loaded = result.status in LOADABLE
        if loaded and "records" in by_role:
            insert_rows(con, by_role["records"], [r if "doc_id" in r else {**r, "doc_id": doc_id}
                                                  for r in result.records], constants=prov)
        if (loaded or result.status == "needs_ocr") and "filing" in by_role and result.filing is not None:
            # a paper filing's stub is kept too: it lists the page images OCR will read
            insert_rows(con, by_role["filing"], [result.filing], constants=prov)
        if loaded:
            for table, extra_rows in result.extra.items():
                if table not in extra_tables:
                    raise ValueError(f"source {source} may not write {table}")
                insert_rows(con, table, extra_rows, constants=prov)
        level = {"failed": "document_failed", "needs_ocr": "needs_ocr"}.get(result.status)
        problems: list[dict[str, Any]] = []
        if level:
            problems.append({"level": level, "code": result.status, "message": result.reason or ""})
        problems += [{"level": n.level, "code": n.code, "message": n.message, "page": n.page,
                      "row_number": n.row_number} for n in result.notes]
        insert_rows(con, "raw_parse__problems", [
            {"source": source, "doc_id": doc_id, "source_sha256": sha256,
             "parser_version": spec.parser_version, **p} for p in problems])
        ocr = method == "ocr"
        insert_rows(con, "raw_parse__documents", [{
            "source": source, "doc_id": doc_id, "source_sha256": sha256, "status": result.status,
            "reason": result.reason, "doc_rows": len(result.records),
            "mean_confidence": _mean([r.get("ocr_confidence") for r in result.records]) if ocr else None,
            "review_rows": sum(1 for r in result.records if r.get("needs_review")) if ocr else None,
            "parser_version": spec.parser_version, "read_method": method,
            "parsed_at": datetime.now(UTC).replace(tzinfo=None),
        }])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def forget_document(con: duckdb.DuckDBPyConnection, *, source: str, sha256: str, doc_id: str | None) -> int:
    """Remove everything loaded from one archived document (every reading of it: text and
    OCR), as when a newer version of the document supersedes it. Returns the parse records
    removed (0 when nothing of it was loaded)."""
    readers = [source] + [s.name for s in SOURCES.values() if s.reads == source]
    row = con.execute("SELECT count(*) FROM raw_parse__documents WHERE source_sha256 = ? "
                      "AND doc_id IS NOT DISTINCT FROM ? AND source IN ?", [sha256, doc_id, readers]).fetchone()
    n = int(row[0]) if row else 0
    if not n:
        return 0
    con.execute("BEGIN TRANSACTION")
    try:
        for t in tables(source):
            con.execute(f"DELETE FROM {t.name} WHERE source_sha256 = ? AND source_doc_id IS NOT DISTINCT FROM ?",
                        [sha256, doc_id])
        for table in ("raw_parse__problems", "raw_parse__documents"):
            con.execute(f"DELETE FROM {table} WHERE source_sha256 = ? AND doc_id IS NOT DISTINCT FROM ? "
                        "AND source IN ?", [sha256, doc_id, readers])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return n


def _mean(values: list[Any]) -> float | None:
    nums = [float(v) for v in values if v is not None]
    return round(sum(nums) / len(nums), 1) if nums else None
