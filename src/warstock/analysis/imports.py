"""What each imported file brought: rows read, loaded, counted, superseded, unresolved, unread."""

from __future__ import annotations

from typing import Any

import duckdb

from warstock.warehouse.db import rows

# row-level codes that keep a row out of the warehouse (the rest keep the row with a value unread)
DROPPED = ("row_not_an_object", "row_missing_fields", "no_filing_id", "row_wrong_width", "unknown_chamber")


def import_counts(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """One row per imported file (its latest version): what happened to its rows."""
    drop_list = ", ".join(f"'{c}'" for c in DROPPED)
    return rows(con, f"""
        WITH r AS (
            SELECT source, file_name,
                   count(*) FILTER (WHERE import_status = 'counted') AS counted,
                   count(*) FILTER (WHERE import_status = 'superseded_by_document') AS superseded_by_documents,
                   count(*) FILTER (WHERE import_status = 'superseded_by_import') AS superseded_by_imports,
                   count(*) FILTER (WHERE import_status = 'counted' AND member_id_bioguide IS NULL) AS unresolved,
                   count(*) FILTER (WHERE import_status = 'counted' AND amount_truncated) AS truncated_bands,
                   count(*) FILTER (WHERE import_status = 'counted' AND amount_min_usd IS NULL
                                    AND NOT amount_truncated) AS other_unread_bands,
                   count(DISTINCT doc_id) FILTER (WHERE import_status = 'counted') AS filings_counted,
                   count(DISTINCT doc_id) FILTER (WHERE import_status = 'superseded_by_document')
                       AS filings_read_by_warstock,
                   min(transaction_date) AS first_trade, max(transaction_date) AS last_trade
            FROM core_import__rows GROUP BY ALL
        ),
        p AS (
            SELECT f.source, f.file_name,
                   count(*) FILTER (WHERE p.code IN ({drop_list})) AS rows_dropped,
                   count(*) FILTER (WHERE p.level IN ('row_unreadable', 'incomplete')) AS row_problems
            FROM core_import__files f
            JOIN raw_parse__problems p ON p.source = f.source AND p.doc_id = f.file_name
                                      AND p.source_sha256 = f.source_sha256
            GROUP BY ALL
        )
        SELECT f.format, f.file_name, substr(f.source_sha256, 1, 12) AS sha256, f.status, f.reason,
               coalesce(f.doc_rows, 0) + coalesce(p.rows_dropped, 0) AS rows_read,
               coalesce(f.doc_rows, 0) AS loaded, coalesce(p.rows_dropped, 0) AS rows_dropped,
               coalesce(r.counted, 0) AS counted, coalesce(r.superseded_by_documents, 0) AS superseded_by_documents,
               coalesce(r.superseded_by_imports, 0) AS superseded_by_imports,
               coalesce(r.unresolved, 0) AS unresolved, coalesce(r.truncated_bands, 0) AS truncated_bands,
               coalesce(r.other_unread_bands, 0) AS other_unread_bands,
               coalesce(p.row_problems, 0) AS row_problems,
               coalesce(r.filings_counted, 0) AS filings_counted,
               coalesce(r.filings_read_by_warstock, 0) AS filings_read_by_warstock,
               r.first_trade, r.last_trade
        FROM core_import__files f
        LEFT JOIN r USING (source, file_name)
        LEFT JOIN p USING (source, file_name)
        ORDER BY f.format, f.file_name""")


def unresolved_filers(con: duckdb.DuckDBPyConnection, limit: int = 20) -> list[dict[str, Any]]:
    """Imported filers warstock could not resolve to a member, with the rows they carry."""
    return rows(con, """
        SELECT format, filer_name, state_district, any_value(resolution_reason) AS reason,
               count(*) AS rows, count(DISTINCT doc_id) AS filings
        FROM core_import__rows WHERE import_status = 'counted' AND member_id_bioguide IS NULL
        GROUP BY ALL ORDER BY rows DESC, filer_name LIMIT ?""", [limit])
