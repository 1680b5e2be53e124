"""The embedded snapshot: the raw_ tables as Parquet, shipped inside the package.

`warstock snapshot` writes it from a warehouse built by the pipeline from ../shared/data;
`warstock report` reads it into an in-memory DuckDB when no local warehouse exists, and the
same SQL builds core_ and out_ from it. Nothing in it is hand-made.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from warstock import warehouse
from warstock.records import TABLES
from warstock.settings import package_data

SNAPSHOT_TABLES = [t for t in TABLES if t.startswith("raw_")]


def snapshot_dir() -> Path:
    return package_data("snapshot")


def write(con: duckdb.DuckDBPyConnection, out: Path | None = None) -> dict[str, Any]:
    out = out or snapshot_dir()
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in SNAPSHOT_TABLES:
        query = f"SELECT * FROM {table}"
        if table == "raw_archive__manifest":
            # local paths say nothing to another machine: keep the part from shared/ on
            query = ("SELECT * REPLACE (regexp_replace(origin, '^.*/(shared/)', '\\1') AS origin) "
                     "FROM raw_archive__manifest")
        if table == "raw_congress__legislator_terms":
            # every snapshot repeats most terms; keep each distinct term once, newest snapshot
            query = ("SELECT * FROM raw_congress__legislator_terms QUALIFY row_number() OVER "
                     "(PARTITION BY member_id_bioguide, term_start ORDER BY snapshot DESC) = 1")
        con.execute(f"COPY ({query} ORDER BY ALL) TO '{out / (table + '.parquet')}' "
                    "(FORMAT parquet, COMPRESSION zstd)")
        counts[table] = con.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]  # type: ignore[index]
    meta = {"built_at": datetime.now(UTC).isoformat(timespec="seconds"), "git_commit": _git_commit(),
            "rows": counts,
            "note": "raw_ tables built by warstock's own pipeline from ../shared/data "
                    "(official House Clerk documents and unitedstates/congress-legislators)"}
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
    return json.loads(((directory or snapshot_dir()) / "snapshot.json").read_text())


def open_snapshot(directory: Path | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse loaded from the snapshot, with core_ and out_ built."""
    from warstock.pipeline import refresh

    d = directory or snapshot_dir()
    con = warehouse.connect(None)
    for table in SNAPSHOT_TABLES:
        path = d / f"{table}.parquet"
        if path.exists():
            have = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()}
            cols = ", ".join(c.name for c in TABLES[table] if c.name in have)
            con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM read_parquet('{path}')")
    refresh(con)
    return con


