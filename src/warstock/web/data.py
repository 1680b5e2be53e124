"""The server's own copy of the warehouse's answers: every core_ and out_ table or view,
read once from the (read-only) warehouse into an in-memory DuckDB that cannot touch a file.

Two reasons: the nested views cost 40-70 ms of planning per query, a copied table a few; and
the server then holds no handle on the warehouse at all, so no request can write to it.
"""

from __future__ import annotations

import duckdb

from warstock.analysis.browse import tables


def in_memory_copy(src: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    dst = duckdb.connect(":memory:")
    for name in tables(src):  # names come from the warehouse's catalog, not from a request
        data = src.sql(f"SELECT * FROM {name}").to_arrow_table()
        dst.register("_incoming", data)
        dst.execute(f"CREATE TABLE {name} AS SELECT * FROM _incoming")
        dst.unregister("_incoming")
    # no file reads or writes from SQL from here on, and no way to turn that back on
    dst.execute("SET enable_external_access = false")
    dst.execute("SET lock_configuration = true")
    return dst
