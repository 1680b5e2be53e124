"""The server's own copy of the warehouse's answers: the warehouse's tables read once (it is
opened read-only) into an in-memory DuckDB that cannot touch a file, this code's views defined
over them, and every core_ and out_ view then stored as a table.

Three reasons: the nested views cost 40-70 ms of planning per query, a stored table a few; the
server then holds no handle on the warehouse at all, so no request can write to it; and the
views are always this version's, even over a warehouse an older warstock built (its own view
definitions, stored in the file, are not used: a view a newer page asks for would be missing,
an older one would answer differently from `warstock report`).

Each table is stored sorted by member (then universe edition) where it has those columns: a
member page asks for one member's rows, and DuckDB skips every row group whose range of
member ids leaves that member out (the member's key votes, from 976k vote positions: ~60 ms
unsorted, ~9 ms sorted). Row order means nothing otherwise: every query orders its answer.
"""

from __future__ import annotations

import re

import duckdb

from warstock.analysis.browse import tables
from warstock.warehouse.derive import create_views, view_sql

SORT_KEYS = ("member_id_bioguide", "universe_id")  # the columns pages look rows up by, most selective first


class WarehouseMismatch(RuntimeError):
    """The warehouse's tables do not fit this version's views (built by an older warstock)."""


def view_names() -> set[str]:
    """The views this version's SQL files define (warehouse/sql)."""
    return {m.group(1) for text in view_sql() for m in re.finditer(r"CREATE\s+OR\s+REPLACE\s+VIEW\s+(\w+)", text, re.I)}


def _names(con: duckdb.DuckDBPyConnection, kind: str | None = None) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND (?::VARCHAR IS NULL OR table_type = ?) ORDER BY table_name", [kind, kind]).fetchall()]


def _store(dst: duckdb.DuckDBPyConnection, name: str, view: bool) -> None:
    """View (or table) ``name`` of dst stored as a table sorted by SORT_KEYS where it has them."""
    cols = [r[0] for r in dst.execute(f"DESCRIBE SELECT * FROM {name}").fetchall()]
    keys = [k for k in SORT_KEYS if k in cols]
    dst.execute(f"CREATE TABLE _stored AS SELECT * FROM {name}" + (f" ORDER BY {', '.join(keys)}" if keys else ""))
    dst.execute(f"DROP {'VIEW' if view else 'TABLE'} {name}")
    dst.execute(f"ALTER TABLE _stored RENAME TO {name}")


def in_memory_copy(src: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """``src``: a warehouse (its tables) or the embedded snapshot (views over its Parquet
    files): everything in it that this version's SQL does not define is copied as a table."""
    dst = duckdb.connect(":memory:")
    ours = view_names()
    for name in _names(src):  # names come from the warehouse's catalog, not from a request
        if name in ours:
            continue
        data = src.sql(f"SELECT * FROM {name}").to_arrow_table()
        dst.register("_incoming", data)
        dst.execute(f"CREATE TABLE {name} AS SELECT * FROM _incoming")
        dst.unregister("_incoming")
    try:
        create_views(dst)  # this version's views over the warehouse's tables
        views = set(_names(dst, "VIEW"))
        for name in tables(dst):  # core_ before out_: a view stored later reads the tables stored before it
            _store(dst, name, name in views)
    except duckdb.Error as exc:
        raise WarehouseMismatch(
            f"the warehouse's tables do not fit this version of warstock ({str(exc).splitlines()[0]}); "
            "run `warstock build` to bring the warehouse up to date") from exc
    for name in _names(dst, "BASE TABLE"):
        if name.startswith("raw_"):  # every view that read them is stored now
            dst.execute(f"DROP TABLE {name}")
    # each request's queries run on the thread that asks (the server's pool): DuckDB's own
    # worker threads only add hand-offs when many small queries arrive at once
    dst.execute("SET threads = 1")
    # no file reads or writes from SQL from here on, and no way to turn that back on
    dst.execute("SET enable_external_access = false")
    dst.execute("SET lock_configuration = true")
    return dst
