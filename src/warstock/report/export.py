"""Bulk exports: a Doc section as CSV or Parquet (what the dashboard's download links serve),
and every core_ and out_ table or view of the warehouse as files (`warstock export`)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from warstock.analysis.browse import tables
from warstock.report.tables import Doc, Section, to_csv
from warstock.warehouse.db import sql_string

FORMATS = ("parquet", "csv")


def section_csv(section: Section) -> str:
    return to_csv(Doc(sections=[section]))


def section_parquet(section: Section) -> bytes:
    """The section's rows with every field, typed by Arrow from the values."""
    keys: list[str] = []
    for r in section.rows:
        keys += [k for k in r if k not in keys]
    columns: dict[str, list[Any]] = {k: [r.get(k) for r in section.rows] for k in keys}
    data = pa.table({k: pa.array(v) for k, v in columns.items()}) if keys else pa.table({})
    buf = io.BytesIO()
    pq.write_table(data, buf, compression="zstd")
    return buf.getvalue()


def export_all(con: duckdb.DuckDBPyConnection, out: Path, fmt: str) -> dict[str, int]:
    """Write each core_/out_ table or view to ``out/<name>.<fmt>``; returns rows per table."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    option = "(FORMAT parquet, COMPRESSION zstd)" if fmt == "parquet" else "(FORMAT csv, HEADER true)"
    for name in tables(con):
        target = out / f"{name}.{fmt}"
        con.execute(f"COPY (SELECT * FROM {name}) TO {sql_string(str(target))} {option}")
        row = con.execute(f"SELECT count(*) FROM {name}").fetchone()
        counts[name] = int(row[0]) if row else 0
    counts[SERIES] = _series(con, out / f"{SERIES}.{fmt}", option)
    return counts


SERIES = "out_holdings__series"


def _series(con: duckdb.DuckDBPyConnection, target: Path, option: str) -> int:
    """Holdings year end by year end, from the first year any document covers to the last: a
    query (positions carried through trades), written beside the tables."""
    from warstock.analysis.holdings import series

    span = con.execute("""SELECT min(y), max(y) FROM (
        SELECT year(as_of_date) AS y FROM core_annual__filings WHERE is_current
        UNION ALL SELECT year(transaction_date) FROM core_transactions WHERE is_current)""").fetchone()
    rows_ = series(con, span[0], span[1]) if span and span[0] is not None else []
    data = pa.Table.from_pylist(rows_) if rows_ else pa.table({"year_end": pa.array([], pa.date32())})
    con.register("_series", data)
    try:
        con.execute(f"COPY (SELECT * FROM _series) TO {sql_string(str(target))} {option}")
    finally:
        con.unregister("_series")
    return len(rows_)
