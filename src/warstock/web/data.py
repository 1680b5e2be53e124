"""The server's own copy of the warehouse's answers: every core_ and out_ table or view,
read once from the (read-only) warehouse into an in-memory DuckDB that cannot touch a file.

Two reasons: the nested views cost 40-70 ms of planning per query, a copied table a few; and
the server then holds no handle on the warehouse at all, so no request can write to it.

Each table is stored sorted by member (then universe edition) where it has those columns: a
member page asks for one member's rows, and DuckDB skips every row group whose range of
member ids leaves that member out (the member's key votes, from 976k vote positions: ~60 ms
unsorted, ~9 ms sorted). Row order means nothing otherwise: every query orders its answer.
"""

from __future__ import annotations

import duckdb

from warstock.analysis.browse import tables

SORT_KEYS = ("member_id_bioguide", "universe_id")  # the columns pages look rows up by, most selective first


def in_memory_copy(src: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    dst = duckdb.connect(":memory:")
    for name in tables(src):  # names come from the warehouse's catalog, not from a request
        data = src.sql(f"SELECT * FROM {name}").to_arrow_table()
        keys = [k for k in SORT_KEYS if k in data.column_names]
        dst.register("_incoming", data)
        dst.execute(f"CREATE TABLE {name} AS SELECT * FROM _incoming"
                    + (f" ORDER BY {', '.join(keys)}" if keys else ""))
        dst.unregister("_incoming")
    # each request's queries run on the thread that asks (the server's pool): DuckDB's own
    # worker threads only add hand-offs when many small queries arrive at once
    dst.execute("SET threads = 1")
    # no file reads or writes from SQL from here on, and no way to turn that back on
    dst.execute("SET enable_external_access = false")
    dst.execute("SET lock_configuration = true")
    return dst
