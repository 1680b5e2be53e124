"""What the warehouse read and what it could not: coverage, problems, sources."""

from __future__ import annotations

from typing import Any

import duckdb

from warstock.warehouse.db import rows

# Every level `out_problems` uses, with what it means.
PROBLEM_LEVELS = {
    "document_failed": "a document that could not be read, and why",
    "needs_ocr": "a scanned document still awaiting `warstock ocr`",
    "incomplete": "a document or year short of what its source expects",
    "row_unreadable": "a row that could not be read (document, page, row)",
    "ocr_review": "a row read by OCR with a field under the confidence threshold",
    "note": "a value the parser noted (an unknown code, a missing field)",
    "unresolved_filer": "a filer who resolves to no member of Congress",
    "unresolved_member": "a vote position or seat whose member is unknown",
    "unresolved_asset": "a stock row with no ticker that matched no company",
    "unknown_committee": "a seat on a committee code the committee list does not name",
}


def coverage(con: duckdb.DuckDBPyConnection, years: list[int]) -> list[dict[str, Any]]:
    """Per chamber and year: the House PTRs the Clerk's index lists, the Senate reports
    warstock has, and what became of each."""
    return rows(con, f"""
        SELECT chamber, year,
               count(*) AS listed,
               count(*) FILTER (WHERE status = 'parsed') AS parsed,
               count(*) FILTER (WHERE status = 'parsed_with_notes') AS parsed_with_notes,
               count(*) FILTER (WHERE status = 'needs_ocr') AS needs_ocr,
               count(*) FILTER (WHERE status IN ('ocr', 'ocr_with_review')) AS ocr,
               count(*) FILTER (WHERE status = 'ocr_with_review') AS ocr_with_review,
               coalesce(sum(ocr_rows), 0) AS ocr_rows,
               coalesce(sum(ocr_review_rows), 0) AS ocr_review_rows,
               round(sum(ocr_confidence * ocr_rows) / nullif(sum(ocr_rows), 0), 1) AS ocr_confidence,
               count(*) FILTER (WHERE status = 'failed') AS failed,
               count(*) FILTER (WHERE status = 'not_archived') AS not_archived,
               -- filings warstock did not read (not archived, failed, awaiting OCR) whose trades an import gives
               count(*) FILTER (WHERE status IN ('not_archived', 'failed', 'needs_ocr') AND (chamber, doc_id) IN
                                (SELECT (chamber, doc_id) FROM core_import__rows WHERE import_status = 'counted'))
                   AS imported
        FROM out_coverage
        WHERE year IN ({', '.join('?' for _ in years)})
        GROUP BY ALL ORDER BY chamber, year""", years)


def read_share(c: dict[str, Any]) -> float:
    """Share of a coverage row's documents that were read (parsed or OCR'd)."""
    return (c["parsed"] + c["parsed_with_notes"] + c["ocr"]) / c["listed"] if c["listed"] else 0.0


def problem_sources(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT DISTINCT source FROM out_problems ORDER BY 1").fetchall()]


def problems(con: duckdb.DuckDBPyConnection, level: str | None = None, source: str | None = None,
             limit: int | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(counts by level and code, the problems themselves) for `warstock problems`."""
    where, args = [], []
    if level:
        where.append("level = ?")
        args.append(level)
    if source:
        where.append("source = ?")
        args.append(source)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    summary = rows(con, f"SELECT level, code, count(*) AS count FROM out_problems {clause} "
                        "GROUP BY ALL ORDER BY level, count DESC, code", args)
    detail = rows(con, f"SELECT source, doc_id, level, page, row_number, code, message FROM out_problems {clause} "
                       "ORDER BY level, source, doc_id, page, row_number, code"
                       + (" LIMIT ?" if limit else ""), args + ([limit] if limit else []))
    return summary, detail


def sources(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Each source as its spec declares it, with how many of its documents are archived and read."""
    return rows(con, """
        SELECT s.name, s.publisher, s.format, s.parser_version, s.read_by, s.tables,
               (SELECT count(*) FROM core_documents d WHERE d.source = s.name) AS documents,
               (SELECT count(*) FROM core_parse__latest p WHERE p.source = s.name
                  AND p.status IN ('parsed', 'parsed_with_notes')) AS read,
               (SELECT count(*) FROM core_parse__latest p WHERE p.source = s.name AND p.status = 'failed') AS failed
        FROM core_sources s ORDER BY s.name""")
