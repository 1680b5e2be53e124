"""archive -> parse (parallel, pure) -> load (DuckDB raw_) -> resolve -> core_/out_ views."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from warstock import warehouse
from warstock.archive import Archive, Entry
from warstock.records import ParseResult
from warstock.resolve.issuers import IssuerIndex
from warstock.resolve.members import MemberIndex
from warstock.resolve.seats import build_seats
from warstock.sources import SOURCES

# Sources whose output later sources' loads depend on go first.
ORDER = {"legislators": 0, "committees": 0, "committee_membership": 0, "votes": 0, "house_index": 1,
         "house_ptr": 2, "senate_ptr": 2}


@dataclass
class BuildSummary:
    parsed: dict[str, dict[str, int]] = field(default_factory=dict)
    skipped_unchanged: int = 0
    no_parser: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def count(self, source: str, status: str) -> None:
        self.parsed.setdefault(source, {}).setdefault(status, 0)
        self.parsed[source][status] += 1


def _parse_one(args: tuple[str, str, str | None]) -> ParseResult:
    """Worker: read one archived document and parse it. Never raises."""
    source, path, doc_id = args
    parser = SOURCES[source].parser
    assert parser is not None
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return ParseResult("failed", f"cannot read archived file: {exc}")
    try:
        return parser(data, doc_id=doc_id)
    except Exception as exc:  # a parser bug must not stop the run; record it
        return ParseResult("failed", f"parser error: {type(exc).__name__}: {exc}")


def _parse_all(jobs: list[tuple[str, str, str | None]], workers: int) -> Iterator[ParseResult]:
    if workers <= 1 or len(jobs) < 8:
        for job in jobs:
            yield _parse_one(job)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_parse_one, jobs, chunksize=4)


def build(archive: Archive, con: duckdb.DuckDBPyConnection, *, workers: int = 2,
          force: bool = False, progress: Callable[[str, int, int], None] | None = None
          ) -> BuildSummary:
    """Parse every archived document not yet parsed by the current parser version, load it,
    then rebuild the resolutions and views."""
    started = time.perf_counter()
    summary = BuildSummary()
    entries = archive.entries()
    load_manifest(con, entries)
    done = set(con.execute("SELECT source_sha256, doc_id, parser_version FROM raw_parse__documents").fetchall())
    todo: list[Entry] = []
    for e in entries:
        src = SOURCES[e.source]
        if src.parser is None:
            summary.no_parser[e.source] = summary.no_parser.get(e.source, 0) + 1
            continue
        if not force and (e.sha256, e.doc_id, src.parser_version) in done:
            summary.skipped_unchanged += 1
            continue
        todo.append(e)
    todo.sort(key=lambda e: (ORDER.get(e.source, 9), e.doc_id or ""))
    jobs = [(e.source, str(archive.path_of(e.sha256)), e.doc_id) for e in todo]
    for n, (entry, result) in enumerate(zip(todo, _parse_all(jobs, workers), strict=True), 1):
        src = SOURCES[entry.source]
        warehouse.load_document(con, source=entry.source, sha256=entry.sha256,
                                doc_id=entry.doc_id, official_url=entry.official_url,
                                parser_version=src.parser_version or "", result=result)
        summary.count(entry.source, result.status)
        if progress:
            progress(entry.source, n, len(todo))
    refresh(con)
    summary.seconds = time.perf_counter() - started
    return summary


def load_manifest(con: duckdb.DuckDBPyConnection, entries: list[Entry]) -> None:
    con.execute("DELETE FROM raw_archive__manifest")
    warehouse._insert(con, "raw_archive__manifest", [
        {**asdict(e), "registered_at": datetime.fromisoformat(e.registered_at).replace(tzinfo=None)}
        for e in entries
    ])


def refresh(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild everything derived: universe tables, filer and asset resolutions, views."""
    warehouse.load_universe(con)
    warehouse.load_congress_reference(con)
    resolve_filers(con)
    match_assets(con)
    build_committee_seats(con)
    warehouse.create_views(con)


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def resolve_filers(con: duckdb.DuckDBPyConnection) -> None:
    terms = _rows(con, """
        SELECT DISTINCT member_id_bioguide, first_name, middle_name, last_name, nickname,
               term_type, term_start, term_end, state, district
        FROM raw_congress__legislator_terms""")
    index = MemberIndex(terms)
    # every PTR the index lists (parsed or not, so coverage can be told per member), and any
    # parsed PTR the index does not list
    filings = _rows(con, """
        WITH idx AS (SELECT * FROM raw_house__index WHERE filing_type = 'P' QUALIFY row_number() OVER
                     (PARTITION BY doc_id ORDER BY year DESC) = 1)
        SELECT coalesce(f.doc_id, i.doc_id) AS doc_id, f.filer_name, f.state_district AS printed_sd,
               i.last_name, i.first_name, i.state_district, i.filing_date, f.signed_date
        FROM raw_house__filings f
        FULL OUTER JOIN idx i USING (doc_id)""")
    out = []
    for f in filings:
        last, first = f["last_name"], f["first_name"]
        if last is None and f["filer_name"]:
            parts = f["filer_name"].replace("Hon.", "").split()
            last, first = (parts[-1] if parts else None), (parts[0] if parts else None)
        r = index.resolve_house(f["doc_id"], last, first,
                                f["state_district"] or f["printed_sd"],
                                f["filing_date"] or f["signed_date"])
        out.append([r.doc_id, r.member_id_bioguide, r.method, r.reason])
    cols = [("doc_id", "VARCHAR"), ("member_id_bioguide", "VARCHAR"), ("method", "VARCHAR"),
            ("reason", "VARCHAR")]
    _replace_table(con, "core_house__filer_resolution", cols, out)
    senate = [index.resolve_senate(f["doc_id"], f["filer_name"], f["filed_date"] or f["report_date"])
              for f in _rows(con, "SELECT doc_id, filer_name, filed_date, report_date FROM raw_senate__filings "
                                  "WHERE filer_name IS NOT NULL")]
    _replace_table(con, "core_senate__filer_resolution", cols,
                   [[r.doc_id, r.member_id_bioguide, r.method, r.reason] for r in senate])


def match_assets(con: duckdb.DuckDBPyConnection) -> None:
    index = IssuerIndex(
        _rows(con, "SELECT * FROM core_universe__tickers"),
        _rows(con, "SELECT * FROM core_universe__aliases"),
        _rows(con, "SELECT * FROM core_universe__issuers"),
    )
    rows = con.execute("""SELECT doc_id, row_number, ticker, asset_name, transaction_date
                          FROM raw_house__transactions
                          UNION ALL
                          SELECT doc_id, row_number, ticker, asset_name, transaction_date
                          FROM raw_senate__transactions""").fetchall()
    out = []
    for doc_id, row_number, ticker, asset_name, tdate in rows:
        m = index.match(ticker, asset_name, tdate)
        if m:
            out.append([doc_id, row_number, m.issuer_id, m.method, m.matched_on])
    cols = [("doc_id", "VARCHAR"), ("row_number", "INTEGER"), ("issuer_id", "VARCHAR"),
            ("match_method", "VARCHAR"), ("matched_on", "VARCHAR")]
    _replace_table(con, "core_asset_matches", cols, out)


def build_committee_seats(con: duckdb.DuckDBPyConnection) -> None:
    partial = {r[0] for r in con.execute("SELECT snapshot_date FROM core_congress__partial_snapshots").fetchall()}
    obs = _rows(con, """SELECT snapshot_date, committee_code, member_id_bioguide, title, rank, party_side
                        FROM raw_congress__committee_seats""")
    seats = build_seats(obs, partial)
    cols = [("member_id_bioguide", "VARCHAR"), ("committee_code", "VARCHAR"), ("valid_from", "DATE"),
            ("last_seen", "DATE"), ("ends_before", "DATE"), ("title", "VARCHAR"), ("rank", "INTEGER"),
            ("party_side", "VARCHAR"), ("snapshots_seen", "INTEGER")]
    _replace_table(con, "core_congress__committee_seats", cols,
                   [[s.member_id_bioguide, s.committee_code, s.valid_from, s.last_seen, s.ends_before, s.title,
                     s.rank, s.party_side, s.snapshots_seen] for s in seats])


def _replace_table(con: duckdb.DuckDBPyConnection, table: str, cols: list[tuple[str, str]],
                   rows: list[list[Any]]) -> None:
    con.execute(f"CREATE OR REPLACE TABLE {table} ({', '.join(f'{n} {t}' for n, t in cols)})")
    warehouse.insert_rows(con, table, cols,
                          [dict(zip([n for n, _ in cols], r, strict=True)) for r in rows])
