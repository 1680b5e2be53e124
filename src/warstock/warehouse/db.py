"""Opening the DuckDB warehouse, creating its tables, and moving rows in and out."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from warstock.records import Columns
from warstock.warehouse import schema


class WarehouseBusy(Exception):
    """Another process holds the warehouse (DuckDB allows one writer)."""


class WarehouseUnavailable(Exception):
    """The warehouse cannot be opened or written (read-only folder, disk full, ...)."""


def connect(path: Path | str | None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """The warehouse at ``path`` (None: in memory), with its raw tables created."""
    if path is None:
        con = duckdb.connect(":memory:")
    else:
        path = Path(path)
        try:
            if not read_only:
                path.parent.mkdir(parents=True, exist_ok=True)
            con = duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            text = str(exc)
            if "lock" in text.lower():
                pid = re.search(r"PID (\d+)", text)
                raise WarehouseBusy(f"another warstock{f' (pid {pid.group(1)})' if pid else ''} is using "
                                    f"{path}; wait for it or use another --home") from exc
            raise WarehouseUnavailable(f"cannot open {path}: {text.splitlines()[0]}") from exc
        except OSError as exc:
            raise WarehouseUnavailable(f"cannot open {path}: {exc}") from exc
    if not read_only:
        ensure_schema(con)
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables. A table whose columns differ from the schema is dropped and made
    again, and the documents of the sources that fill it are forgotten, so the next build parses
    them again (the archive is the source of truth); tables that did not change keep their rows
    (a new source does not cost a new OCR run)."""
    have: dict[str, list[tuple[str, str]]] = {}
    for table, column, typ in con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position").fetchall():
        have.setdefault(table, []).append((column, typ))
    changed = [name for name, t in schema.RAW.items()
               if name in have and have[name] != [(c.name, c.type) for c in t.columns]]
    if "raw_parse__documents" in changed or "raw_parse__problems" in changed:
        changed = [name for name in schema.RAW if name in have]
    for table in changed:
        con.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    for t in schema.RAW.values():
        con.execute(t.ddl())
    stale = sorted(schema.writers(changed))
    if stale and "raw_parse__documents" not in changed:
        con.execute("DELETE FROM raw_parse__documents WHERE source IN ?", [stale])
        con.execute("DELETE FROM raw_parse__problems WHERE source IN ?", [stale])


def _arrow_type(typ: str) -> Any:
    import pyarrow as pa  # only writing needs Arrow: a report that only reads never loads it

    return {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DATE": pa.date32(),
            "BOOLEAN": pa.bool_(), "TIMESTAMP": pa.timestamp("us"), "DOUBLE": pa.float64()}[typ]


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]] | Columns,
                columns: list[tuple[str, str]] | None = None, constants: dict[str, Any] | None = None) -> None:
    """Bulk insert through Arrow (DuckDB's executemany costs ~1 ms a row), a column at a time.
    Columns default to the table's definition in the schema; ``constants`` fill the same value
    into every row (provenance)."""
    n = len(rows)
    if not n:
        return
    if columns is None:
        columns = [(c.name, c.type) for c in schema.TABLES[table].columns]
    import pyarrow as pa

    constants = constants or {}
    arrays = []
    for name, typ in columns:
        if name in constants:
            values: list[Any] = [coerce(constants[name], typ)] * n
        elif isinstance(rows, Columns):
            values = [coerce(v, typ) for v in rows.data.get(name, [None] * n)]
        else:
            values = [coerce(r.get(name), typ) for r in rows]
        arrays.append(pa.array(values, type=_arrow_type(typ)))
    data = pa.Table.from_arrays(arrays, names=[name for name, _ in columns])
    view = f"_incoming_{table}"
    con.register(view, data)
    try:
        names = ", ".join(n for n, _ in columns)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {view}")
    finally:
        con.unregister(view)


def replace_table(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    """Recreate a derived table (declared in schema.CORE) with these rows."""
    con.execute(schema.CORE[table].ddl(replace=True))
    insert_rows(con, table, rows)


def coerce(value: Any, typ: str) -> Any:
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


def sql_string(text: str) -> str:
    """A SQL string literal, for the few statements that take no bound parameters (COPY, files
    read by a view or table function)."""
    return "'" + text.replace("'", "''") + "'"


def in_year(column: str) -> str:
    """A WHERE fragment for "``column`` falls in a calendar year", with in_year_args(year) as its two
    parameters. Not ``year(column) = ?``: DuckDB answers that too, but spends ~7 ms planning it
    (rewriting it to this range), which was most of each dashboard query."""
    return f"({column} >= ? AND {column} < ?)"


def in_year_args(year: int) -> list[date]:
    return [date(year, 1, 1), date(year + 1, 1, 1)]


def rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    """A query's rows as dicts keyed by column name."""
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
