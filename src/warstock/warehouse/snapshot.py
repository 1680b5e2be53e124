"""The embedded snapshot: the warehouse's tables as Parquet, shipped inside the package.

`warstock snapshot` writes it from a warehouse built by the pipeline from ../shared/data: the
raw tables (what the parsers read) and the derived tables (resolutions, seats, URLs, checks),
so that opening it is cheap. `warstock report` opens it when no local warehouse exists: each
table becomes a view over its Parquet file in an in-memory DuckDB (nothing is copied), the
shipped reference data is loaded, and the same SQL builds core_ and out_ on top. Nothing in
it is hand-made.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from warstock.settings import package_data
from warstock.warehouse import derive, schema
from warstock.warehouse.db import connect, sql_string

TABLES = [*schema.RAW, *schema.CORE]


def snapshot_dir() -> Path:
    return package_data("snapshot")


def write(con: duckdb.DuckDBPyConnection, out: Path | None = None) -> dict[str, Any]:
    out = out or snapshot_dir()
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        query = f"SELECT * FROM {table}"
        if table == "raw_archive__manifest":
            # local paths say nothing to another machine: keep the part from shared/ on
            query = ("SELECT * REPLACE (regexp_replace(origin, '^.*/(shared/)', '\\1') AS origin) "
                     "FROM raw_archive__manifest")
        if table == "raw_congress__legislator_terms":
            # every snapshot repeats most terms; keep each distinct term once, newest snapshot
            query = ("SELECT * FROM raw_congress__legislator_terms QUALIFY row_number() OVER "
                     "(PARTITION BY member_id_bioguide, term_start ORDER BY snapshot DESC) = 1")
        target = out / f"{table}.parquet"
        con.execute(f"COPY ({query} ORDER BY ALL) TO {sql_string(str(target))} (FORMAT parquet, COMPRESSION zstd)")
        counts[table] = con.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]  # type: ignore[index]
    meta = {"built_at": datetime.now(UTC).isoformat(timespec="seconds"), "git_commit": _git_commit(),
            "schema_version": schema.version(), "rows": counts,
            "note": "raw_ and derived core_ tables built by warstock's own pipeline from ../shared/data "
                    "(official House Clerk and Senate documents, unitedstates/congress-legislators, votes)"
                    + ("; plus other projects' data loaded by `warstock import` (raw_import__ tables, every row "
                       "labelled import:<format>)" if any(counts[t] for t in counts if t.startswith("raw_import__"))
                       else "")}
    (out / "snapshot.json").write_text(json.dumps(meta, indent=2) + "\n")
    return meta


def _git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip() or None
    except (OSError, subprocess.CalledProcessError):
        return None


def available(directory: Path | None = None) -> bool:
    d = directory or snapshot_dir()
    return (d / "snapshot.json").exists()


def meta(directory: Path | None = None) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(((directory or snapshot_dir()) / "snapshot.json").read_text())
    return data


def open_snapshot(directory: Path | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse whose tables are views over the snapshot's Parquet files."""
    d = directory or snapshot_dir()
    current = meta(d).get("schema_version") == schema.version()
    if not current:  # an older snapshot: load what it has into the current tables and derive the rest
        con = connect(None)
        for table in schema.RAW:
            path = d / f"{table}.parquet"
            if path.exists():
                have = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet({sql_string(str(path))})")
                        .fetchall()}
                cols = ", ".join(c for c in schema.RAW[table].names if c in have)
                con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM read_parquet({sql_string(str(path))})")
        derive.refresh(con)
        return con
    con = duckdb.connect(":memory:")
    for table in TABLES:
        path = d / f"{table}.parquet"
        if path.exists():
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet({sql_string(str(path))})")
        else:
            con.execute(schema.TABLES[table].ddl())
    derive.refresh(con, resolved=True)
    return con
