"""The DuckDB warehouse: raw_ tables loaded from parser output, core_ and out_ built in SQL.

raw_*   what the parsers read, row for row, with provenance (document sha256, official URL,
        parser version); one transaction per document, so a failure loses nothing else.
core_*  deduplicated and joined: amendments applied, filers resolved to bioguide ids,
        assets matched to issuers, universes loaded from the package's data.
out_*   the analysis the reports show.
"""

from __future__ import annotations

import csv
import hashlib
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from warstock.records import TABLES, ParseResult, ddl
from warstock.settings import package_data

# Which raw table each source's records go to, and the per-document filing table if any.
RECORD_TABLES = {
    "house_index": "raw_house__index",
    "house_ptr": "raw_house__transactions",
    "legislators": "raw_congress__legislator_terms",
    "committee_membership": "raw_congress__committee_seats",
    "committees": "raw_congress__committees",
    "votes": "raw_votes__votes",
    "senate_ptr": "raw_senate__transactions",
    "house_ptr_ocr": "raw_house__transactions",
    "senate_ptr_ocr": "raw_senate__transactions",
}
FILING_TABLES = {"house_ptr": "raw_house__filings", "senate_ptr": "raw_senate__filings",
                 "house_ptr_ocr": "raw_house__filings", "senate_ptr_ocr": "raw_senate__filings"}
# OCR sources write into the same tables as the parsers of the same documents; each replaces
# only its own rows (told apart by parser version).
OCR_SOURCES = {"house_ptr_ocr", "senate_ptr_ocr"}
EXTRA_TABLES = {"votes": ("raw_votes__positions",)}


def connect(path: Path | str | None) -> duckdb.DuckDBPyConnection:
    if path is None:
        con = duckdb.connect(":memory:")
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(path))
    ensure_schema(con)
    return con


def schema_version() -> str:
    return hashlib.sha256("\n".join(ddl(t) for t in TABLES).encode()).hexdigest()[:16]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables; if they were made by a different schema, drop and recreate them
    (every document is then parsed again on the next build: the archive is the source of truth)."""
    con.execute("CREATE TABLE IF NOT EXISTS warstock_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    row = con.execute("SELECT value FROM warstock_meta WHERE key = 'schema_version'").fetchone()
    version = schema_version()
    if row is not None and row[0] != version:
        for table in TABLES:
            con.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    for table in TABLES:
        con.execute(ddl(table))
    con.execute("INSERT OR REPLACE INTO warstock_meta VALUES ('schema_version', ?)", [version])


_ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DATE": pa.date32(),
    "BOOLEAN": pa.bool_(),
    "TIMESTAMP": pa.timestamp("us"),
    "DOUBLE": pa.float64(),
}


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]],
                rows: list[dict[str, Any]]) -> None:
    """Bulk insert through Arrow (DuckDB's executemany costs ~1 ms a row)."""
    if not rows:
        return
    schema = pa.schema([(name, _ARROW_TYPES[typ]) for name, typ in columns])
    data = pa.Table.from_pylist(
        [{n: _coerce(r.get(n), t) for n, t in columns} for r in rows], schema=schema)
    view = f"_incoming_{table}"
    con.register(view, data)
    try:
        names = ", ".join(n for n, _ in columns)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {view}")
    finally:
        con.unregister(view)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    insert_rows(con, table, [(c.name, c.type) for c in TABLES[table]], rows)


def load_document(con: duckdb.DuckDBPyConnection, *, source: str, sha256: str,
                  doc_id: str | None, official_url: str | None, parser_version: str,
                  result: ParseResult, snapshot: str | None = None) -> None:
    """Replace everything loaded from this document with this parse, atomically."""
    prov = {"source_sha256": sha256, "source_doc_id": doc_id, "source_url": official_url,
            "parser_version": parser_version}
    con.execute("BEGIN TRANSACTION")
    try:
        own = ("split_part(parser_version, '/', 1) = ?" if source in OCR_SOURCES
               else "coalesce(split_part(parser_version, '/', 1), '') NOT LIKE '%\\_ocr' ESCAPE '\\' AND ? IS NOT NULL")
        for table in {RECORD_TABLES.get(source), FILING_TABLES.get(source), *EXTRA_TABLES.get(source, ())} - {None}:
            con.execute(f"DELETE FROM {table} WHERE source_sha256 = ? AND source_doc_id IS NOT DISTINCT FROM ? "
                        f"AND {own}", [sha256, doc_id, source])
        for table in ("raw_parse__problems", "raw_parse__documents"):
            con.execute(f"DELETE FROM {table} WHERE source_sha256 = ? AND doc_id IS NOT DISTINCT FROM ? AND source = ?",
                        [sha256, doc_id, source])
        if source in RECORD_TABLES and result.status in ("parsed", "parsed_with_notes"):
            extra: dict[str, Any] = {"snapshot": snapshot or doc_id}
            rows = [{**extra, **r, **prov, "doc_id": r.get("doc_id", doc_id)} for r in result.records]
            _insert(con, RECORD_TABLES[source], rows)
            if source in FILING_TABLES and result.filing is not None:
                _insert(con, FILING_TABLES[source], [{**result.filing, **prov}])
            for table, extra_rows in result.extra.items():
                if table not in EXTRA_TABLES.get(source, ()):
                    raise ValueError(f"source {source} may not write {table}")
                _insert(con, table, [{**r, **prov} for r in extra_rows])
        if result.status == "needs_ocr" and source in FILING_TABLES and result.filing is not None:
            _insert(con, FILING_TABLES[source], [{**result.filing, **prov}])  # a paper stub: its page images
        level = {"failed": "document_failed", "needs_ocr": "needs_ocr"}.get(result.status)
        problems: list[dict[str, Any]] = []
        if level:
            problems.append({"level": level, "code": result.status, "message": result.reason or ""})
        problems += [
            {"level": n.level, "code": n.code, "message": n.message, "page": n.page,
             "row_number": n.row_number}
            for n in result.notes
        ]
        _insert(con, "raw_parse__problems", [
            {"source": source, "doc_id": doc_id, "source_sha256": sha256,
             "parser_version": parser_version, **p} for p in problems
        ])
        _insert(con, "raw_parse__documents", [{
            "source": source, "doc_id": doc_id, "source_sha256": sha256, "status": result.status,
            "reason": result.reason, "doc_rows": len(result.records),
            "mean_confidence": _mean([r.get("ocr_confidence") for r in result.records]),
            "review_rows": sum(1 for r in result.records if r.get("needs_review")) if source in OCR_SOURCES else None,
            "parser_version": parser_version, "parsed_at": datetime.now(UTC).replace(tzinfo=None),
        }])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _mean(values: list[Any]) -> float | None:
    nums = [float(v) for v in values if v is not None]
    return round(sum(nums) / len(nums), 1) if nums else None


def load_universe(con: duckdb.DuckDBPyConnection, directory: Path | None = None) -> None:
    """(Re)load the shipped universe CSVs into core_universe__* tables."""
    directory = directory or package_data("universe")
    specs = {
        "core_universe__issuers": ("issuers.csv",
                                   "issuer_id VARCHAR, name VARCHAR, sec_cik VARCHAR, sec_title VARCHAR"),
        "core_universe__tickers": ("tickers.csv",
                                   "issuer_id VARCHAR, ticker VARCHAR, valid_from DATE, valid_to DATE, source VARCHAR"),
        "core_universe__aliases": ("aliases.csv", "issuer_id VARCHAR, alias VARCHAR, source VARCHAR"),
        "core_universe__memberships": ("memberships.csv",
                                       "universe_id VARCHAR, issuer_id VARCHAR, rank VARCHAR, source VARCHAR"),
        "core_universe__editions": ("editions.csv", "universe_id VARCHAR, title VARCHAR"),
    }
    for table, (name, cols) in specs.items():
        con.execute(f"CREATE OR REPLACE TABLE {table} ({cols})")
        columns = [(c.split()[0], c.split()[1]) for c in cols.split(",")]
        with open(directory / name, newline="", encoding="utf-8") as fh:
            rows = [dict(r) for r in csv.DictReader(fh)]  # insert_rows coerces to the column types
        insert_rows(con, table, columns, rows)


def load_congress_reference(con: duckdb.DuckDBPyConnection, directory: Path | None = None) -> None:
    """Shipped congressional reference data: key-vote catalog, committee sets, partial snapshots."""
    directory = directory or package_data("congress")
    specs = {
        "core_congress__key_votes": ("key_votes.csv", [
            ("vote_id", "VARCHAR"), ("label", "VARCHAR"), ("topic", "VARCHAR"), ("bill", "VARCHAR"),
            ("expected_yea", "INTEGER"), ("expected_nay", "INTEGER"), ("expected_present", "INTEGER"),
            ("expected_not_voting", "INTEGER"), ("expected_by_party", "VARCHAR"), ("expected_source", "VARCHAR")]),
        "core_congress__committee_sets": ("committee_sets.csv", [
            ("set_id", "VARCHAR"), ("committee_code", "VARCHAR"), ("label", "VARCHAR")]),
        "core_congress__partial_snapshots": ("partial_snapshots.csv", [
            ("snapshot_date", "DATE"), ("reason", "VARCHAR")]),
    }
    for table, (name, columns) in specs.items():
        con.execute(f"CREATE OR REPLACE TABLE {table} ({', '.join(f'{n} {t}' for n, t in columns)})")
        with open(directory / name, newline="", encoding="utf-8") as fh:
            rows = [dict(r) for r in csv.DictReader(fh)]
        insert_rows(con, table, columns, rows)


def _coerce(value: Any, typ: str) -> Any:
    """Values as the column type wants them (parsers hand over YAML/CSV strings)."""
    if value is None or not isinstance(value, str):
        return value
    if value == "":
        return None
    if typ == "DATE":
        return date.fromisoformat(value[:10])
    if typ in ("INTEGER", "BIGINT"):
        return int(value)
    if typ == "TIMESTAMP":
        return datetime.fromisoformat(value).replace(tzinfo=None)
    return value



def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """Run the SQL files in warehouse/sql in name order (core_ before out_)."""
    sql_dir = resources.files("warstock.warehouse").joinpath("sql")
    for item in sorted(sql_dir.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".sql"):
            con.execute(item.read_text(encoding="utf-8"))
