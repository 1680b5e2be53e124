"""Everything derived from the raw tables: reference data, resolutions, seats, URLs, checks, views.

``refresh`` rebuilds it all after a build or an OCR run (or on an embedded snapshot that does
not ship it): the shipped universes and congressional reference data, filers resolved to
members, assets matched to issuers, committee seats with dates, every document's official URL
(built by its source's spec), the expectation checks of each source, then the SQL views
(core_ before out_).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from warstock.resolve.issuers import IssuerIndex
from warstock.resolve.members import MemberIndex, Resolution
from warstock.resolve.seats import build_seats, detect_partial
from warstock.settings import package_data
from warstock.sources import SOURCES, tables
from warstock.warehouse.db import insert_rows, replace_table, rows, sql_string

# Shipped reference data: table -> (package data folder, CSV file, columns)
REFERENCE: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    "core_universe__issuers": ("universe", "issuers.csv", [
        ("issuer_id", "VARCHAR"), ("name", "VARCHAR"), ("sec_cik", "VARCHAR"), ("sec_title", "VARCHAR"),
        ("country", "VARCHAR")]),
    "core_universe__tickers": ("universe", "tickers.csv", [
        ("issuer_id", "VARCHAR"), ("ticker", "VARCHAR"), ("valid_from", "DATE"), ("valid_to", "DATE"),
        ("source", "VARCHAR")]),
    "core_universe__aliases": ("universe", "aliases.csv", [
        ("issuer_id", "VARCHAR"), ("alias", "VARCHAR"), ("source", "VARCHAR")]),
    "core_universe__memberships": ("universe", "memberships.csv", [
        ("universe_id", "VARCHAR"), ("issuer_id", "VARCHAR"), ("rank", "VARCHAR"), ("source", "VARCHAR"),
        ("name_in_source", "VARCHAR"), ("amount_usd_m", "DOUBLE"), ("amount_kind", "VARCHAR"),
        ("source_row", "VARCHAR")]),
    "core_universe__editions": ("universe", "editions.csv", [
        ("universe_id", "VARCHAR"), ("title", "VARCHAR"), ("family", "VARCHAR"), ("source", "VARCHAR"),
        ("source_url", "VARCHAR"), ("source_date", "VARCHAR"), ("retrieved", "VARCHAR"), ("basis", "VARCHAR"),
        ("period", "VARCHAR"), ("ranked_by", "VARCHAR"), ("completeness", "VARCHAR"), ("list_size", "INTEGER"),
        ("note", "VARCHAR")]),
    "core_universe__subsidiaries": ("universe", "subsidiaries.csv", [
        ("issuer_id", "VARCHAR"), ("subsidiary", "VARCHAR"), ("uei", "VARCHAR"), ("valid_from", "DATE"),
        ("valid_to", "DATE"), ("relation", "VARCHAR"), ("source", "VARCHAR")]),
    "core_congress__key_votes": ("congress", "key_votes.csv", [
        ("vote_id", "VARCHAR"), ("label", "VARCHAR"), ("topic", "VARCHAR"), ("bill", "VARCHAR"),
        ("expected_yea", "INTEGER"), ("expected_nay", "INTEGER"), ("expected_present", "INTEGER"),
        ("expected_not_voting", "INTEGER"), ("expected_by_party", "VARCHAR"), ("expected_source", "VARCHAR")]),
    "core_congress__committee_sets": ("congress", "committee_sets.csv", [
        ("set_id", "VARCHAR"), ("committee_code", "VARCHAR"), ("label", "VARCHAR")]),
    "core_congress__partial_snapshots": ("congress", "partial_snapshots.csv", [
        ("snapshot_date", "DATE"), ("reason", "VARCHAR")]),
    "core_policies": ("policies", "policies.csv", [
        ("policy_id", "VARCHAR"), ("title", "VARCHAR"), ("owners", "VARCHAR"), ("assets", "VARCHAR"),
        ("covered_asset_types", "VARCHAR"), ("exempt_asset_types", "VARCHAR"), ("universe", "VARCHAR"),
        ("committee_set", "VARCHAR"), ("source", "VARCHAR")]),
}


def refresh(con: duckdb.DuckDBPyConnection, *, resolved: bool = False) -> None:
    """Rebuild everything derived. ``resolved``: the resolution tables are already there (an
    embedded snapshot ships them), so only reference data and views are rebuilt."""
    load_reference(con)
    home = _home_of(con)
    if home is not None:
        load_fetched_universes(con, home)
    if not resolved:
        sources_table(con)
        resolve_filers(con)
        match_assets(con)
        resolve_import_filers(con)
        match_import_assets(con)
        build_committee_seats(con)
        document_urls(con)
        check_expectations(con)
    create_views(con)


def load_reference(con: duckdb.DuckDBPyConnection, root: Path | None = None) -> None:
    """The shipped CSVs, read by DuckDB itself (typed as declared above; an empty cell is null)."""
    for table, (folder, name, columns) in REFERENCE.items():
        path = (root / folder if root else package_data(folder)) / name
        types = ", ".join(f"'{n}': '{t}'" for n, t in columns)
        con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM read_csv({sql_string(str(path))}, "
                    f"header = true, columns = {{{types}}}, nullstr = '', quote = '\"', escape = '\"')")


def _home_of(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The warehouse's home (the folder of its database file); None in memory."""
    row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    return Path(row[0]).parent if row and row[0] else None


def load_fetched_universes(con: duckdb.DuckDBPyConnection, home: Path) -> list[str]:
    """Editions fetched by `warstock universe fetch` into ``home``/universes join the shipped
    ones (a fetched edition with a shipped edition's id replaces it). Returns their ids."""
    from warstock.resolve.universe import fetched_editions

    ids = []
    for ed, members in fetched_editions(home):
        uid = ed["universe_id"]
        ids.append(uid)
        for table in ("core_universe__editions", "core_universe__memberships"):
            con.execute(f"DELETE FROM {table} WHERE universe_id = ?", [uid])
        insert_rows(con, "core_universe__editions", [ed], REFERENCE["core_universe__editions"][2])
        insert_rows(con, "core_universe__memberships",
                    [{**m, "amount_usd_m": float(m["amount_usd_m"]) if m.get("amount_usd_m") else None}
                     for m in members], REFERENCE["core_universe__memberships"][2])
    return ids


def member_index(con: duckdb.DuckDBPyConnection) -> MemberIndex:
    """Every member with dated terms, and former members known only by their ids."""
    return MemberIndex(rows(con, """
        SELECT DISTINCT member_id_bioguide, first_name, middle_name, last_name, nickname,
               term_type, term_start, term_end, state, district
        FROM raw_congress__legislator_terms"""),
        rows(con, """SELECT member_id_bioguide, first_name, last_name, last_term_type FROM raw_congress__legislator_ids
                     WHERE member_id_bioguide NOT IN (SELECT member_id_bioguide FROM raw_congress__legislator_terms)
                     ORDER BY 1"""))


def resolve_filers(con: duckdb.DuckDBPyConnection) -> None:
    index = member_index(con)
    # every PTR the index lists (parsed or not, so coverage can be told per member), and any
    # parsed PTR the index does not list
    filings = rows(con, """
        WITH idx AS (SELECT * FROM raw_house__index WHERE filing_type = 'P' QUALIFY row_number() OVER
                     (PARTITION BY doc_id ORDER BY year DESC) = 1)
        SELECT coalesce(f.doc_id, i.doc_id) AS doc_id, f.filer_name, f.state_district AS printed_sd,
               i.last_name, i.first_name, i.state_district, i.filing_date, f.signed_date
        FROM (SELECT doc_id, filer_name, state_district, signed_date FROM raw_house__filings
              QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY filer_name IS NULL, read_method DESC,
                                         source_sha256) = 1) f
        FULL OUTER JOIN idx i USING (doc_id)
        ORDER BY 1""")
    out = []
    for f in filings:
        last, first = _names(f)
        r = index.resolve_house(f["doc_id"], last, first, f["state_district"] or f["printed_sd"],
                                f["filing_date"] or f["signed_date"])
        out.append({"doc_id": r.doc_id, "member_id_bioguide": r.member_id_bioguide, "method": r.method,
                    "reason": r.reason})
    out += [_as_dict(r) for r in resolve_house_annual(con, index)]
    replace_table(con, "core_house__filer_resolution", out)
    senate = [index.resolve_senate(f["doc_id"], f["filer_name"], f["filed_date"] or f["report_date"])
              for f in rows(con, """
                  SELECT doc_id, filer_name, filed_date, report_date FROM raw_senate__filings
                  WHERE filer_name IS NOT NULL
                  QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY read_method DESC, source_sha256) = 1
                  ORDER BY 1""")]
    senate += [index.resolve_senate(f["doc_id"], f["filer_name"], f["filed_date"] or f["as_of"])
               for f in rows(con, """
                  SELECT doc_id, filer_name, filed_date, make_date(report_year, 12, 31) AS as_of
                  FROM raw_senate__annual_filings WHERE filer_name IS NOT NULL
                  QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY read_method DESC, source_sha256) = 1
                  ORDER BY 1""")]
    replace_table(con, "core_senate__filer_resolution", [_as_dict(r) for r in senate])


def _names(f: dict[str, Any]) -> tuple[str | None, str | None]:
    """(last, first): the Clerk's index names, else the name printed on the document ("Hon. Ann Able")."""
    if f["last_name"] is not None or not f["filer_name"]:
        return f["last_name"], f["first_name"]
    parts = f["filer_name"].replace("Hon.", "").split()
    return (parts[-1], parts[0]) if parts else (None, None)


def _as_dict(r: Resolution) -> dict[str, Any]:
    return {"doc_id": r.doc_id, "member_id_bioguide": r.member_id_bioguide, "method": r.method, "reason": r.reason}


def resolve_house_annual(con: duckdb.DuckDBPyConnection, index: MemberIndex) -> list[Resolution]:
    """Annual, new-filer and termination reports resolve like PTRs, by the index's name and
    state/district on the date the report speaks for; a candidate's report (the index's
    FilingType C, or "Congressional Candidate" printed) is recorded as a candidate's, not as a
    member who failed to resolve."""
    out = []
    for f in rows(con, """
            WITH idx AS (SELECT * FROM raw_house__index QUALIFY row_number() OVER
                         (PARTITION BY doc_id ORDER BY year DESC) = 1)
            SELECT a.doc_id, a.filer_name, a.filer_status_code, a.report_type, i.filing_type,
                   i.last_name, i.first_name, coalesce(i.state_district, a.state_district) AS state_district,
                   coalesce(a.period_end, CASE WHEN a.report_type = 'annual' THEN make_date(a.filing_year, 12, 31)
                                              END, a.filing_date, a.signed_date) AS on_date
            FROM (SELECT * FROM raw_house__annual_filings QUALIFY row_number() OVER
                  -- a paper report: its OCR reading, not the "needs OCR" stub the text parser left
                  (PARTITION BY doc_id ORDER BY read_method = 'ocr' DESC, source_sha256) = 1) a
            LEFT JOIN idx i USING (doc_id)
            ORDER BY 1"""):
        if f["filing_type"] == "C" or f["filer_status_code"] == "candidate":
            out.append(Resolution(f["doc_id"], None, "candidate",
                                  "a candidate for the House (not a member): the report is read, not counted"))
            continue
        last, first = _names(f)
        out.append(index.resolve_house(f["doc_id"], last, first, f["state_district"], f["on_date"]))
    return out


def issuer_index(con: duckdb.DuckDBPyConnection) -> IssuerIndex:
    return IssuerIndex(rows(con, "SELECT * FROM core_universe__tickers"),
                       rows(con, "SELECT * FROM core_universe__aliases"),
                       rows(con, "SELECT * FROM core_universe__issuers"))


def match_assets(con: duckdb.DuckDBPyConnection) -> None:
    index = issuer_index(con)
    out = []
    for doc_id, row_number, ticker, asset_name, tdate in con.execute("""
            SELECT doc_id, row_number, ticker, asset_name, transaction_date FROM raw_house__transactions
            UNION ALL
            SELECT doc_id, row_number, ticker, asset_name, transaction_date FROM raw_senate__transactions
            UNION ALL  -- holdings, on the date their report speaks for (tickers have validity dates)
            SELECT h.doc_id, h.row_number, h.ticker, h.asset_name, make_date(f.filing_year, 12, 31)
            FROM raw_house__holdings h LEFT JOIN (  -- one year per report (a paper one has a stub and its OCR)
                SELECT doc_id, max(filing_year) AS filing_year FROM raw_house__annual_filings GROUP BY doc_id) f
                USING (doc_id)
            UNION ALL
            SELECT h.doc_id, h.row_number, h.ticker, h.asset_name, make_date(f.report_year, 12, 31)
            FROM raw_senate__holdings h LEFT JOIN raw_senate__annual_filings f USING (doc_id)
            ORDER BY 1, 2""").fetchall():
        m = index.match(ticker, asset_name, tdate)
        if m:
            out.append({"doc_id": doc_id, "row_number": row_number, "issuer_id": m.issuer_id,
                        "match_method": m.method, "matched_on": m.matched_on})
    replace_table(con, "core_asset_matches", out)


def import_tables() -> dict[str, str]:
    """Import source -> its raw table (the sources that `warstock import` reads)."""
    return {name: tables(name)[0].name for name, spec in SOURCES.items() if spec.read_by == "import"}


def resolve_import_filers(con: duckdb.DuckDBPyConnection) -> None:
    """Imported filers resolved by warstock's own rules, as a filing of the same chamber would be
    (House: the name's last word, first names and state-district on the disclosure date; Senate:
    the printed name). The peer's own bioguide id is kept beside, never used in its place."""
    index = member_index(con)
    out = []
    for source, table in import_tables().items():
        for f in rows(con, f"""
                SELECT doc_id, chamber, filer_name, state_district, any_value(peer_member_id_bioguide) AS peer,
                       min(coalesce(filing_date, transaction_date)) AS on_date
                FROM {table} WHERE doc_id IS NOT NULL GROUP BY ALL ORDER BY ALL"""):
            if f["chamber"] == "senate":
                r = index.resolve_senate(f["doc_id"], f["filer_name"], f["on_date"])
            else:
                # "Gilbert Ray Cisneros, Jr.", "Neal Patrick Dunn, MD, FACS": the name is before the comma
                words = (f["filer_name"] or "").split(",")[0].split()
                words = [w for w in words if w.strip(".").lower() not in ("jr", "sr", "ii", "iii", "iv", "mrs", "mr")]
                r = index.resolve_house(f["doc_id"], words[-1] if words else None, " ".join(words[:-1]),
                                        f["state_district"], f["on_date"])
            out.append({"source": source, "doc_id": f["doc_id"], "filer_name": f["filer_name"],
                        "state_district": f["state_district"], **{k: v for k, v in _as_dict(r).items()
                                                                 if k != "doc_id"},
                        "peer_member_id_bioguide": f["peer"]})
    replace_table(con, "core_import__filer_resolution", out)


def match_import_assets(con: duckdb.DuckDBPyConnection) -> None:
    """Imported assets matched to issuers by the same rules as the documents' rows."""
    index = issuer_index(con)
    out = []
    for source, table in import_tables().items():
        for sha, row_number, ticker, asset_name, tdate in con.execute(
                f"SELECT source_sha256, row_number, ticker, asset_name, transaction_date FROM {table} "
                "ORDER BY 1, 2").fetchall():
            m = index.match(ticker, asset_name, tdate)
            if m:
                out.append({"source": source, "source_sha256": sha, "row_number": row_number,
                            "issuer_id": m.issuer_id, "match_method": m.method, "matched_on": m.matched_on})
    replace_table(con, "core_import__asset_matches", out)


def build_committee_seats(con: duckdb.DuckDBPyConnection) -> None:
    observations = rows(con, """SELECT snapshot_date, committee_code, member_id_bioguide, title, rank, party_side
                                FROM raw_congress__committee_seats ORDER BY ALL""")
    shipped = {r[0] for r in con.execute("SELECT snapshot_date FROM core_congress__partial_snapshots").fetchall()}
    detected = detect_partial(observations)
    insert_rows(con, "core_congress__partial_snapshots",
                [{"snapshot_date": d, "reason": f"detected: {why}"} for d, why in sorted(detected.items())
                 if d not in shipped], REFERENCE["core_congress__partial_snapshots"][2])
    seats = build_seats(observations, shipped | set(detected))
    replace_table(con, "core_congress__committee_seats", [
        {"member_id_bioguide": s.member_id_bioguide, "committee_code": s.committee_code, "valid_from": s.valid_from,
         "last_seen": s.last_seen, "ends_before": s.ends_before, "title": s.title, "rank": s.rank,
         "party_side": s.party_side, "snapshots_seen": s.snapshots_seen} for s in seats])


def sources_table(con: duckdb.DuckDBPyConnection) -> None:
    replace_table(con, "core_sources", [
        {"name": s.name, "publisher": s.publisher, "format": s.format, "yields": s.yields,
         "official_url": s.official_url, "parser_version": s.parser_version, "read_by": s.read_by, "reads": s.reads,
         "tables": ", ".join(t.name for t in tables(s.name))} for s in SOURCES.values()])


def document_urls(con: duckdb.DuckDBPyConnection) -> None:
    """Every archived document's official URL, from its source's spec: the one place it is built.
    A House PTR archived from a local folder learns its year from the Clerk's index."""
    docs = rows(con, """
        WITH idx AS (SELECT doc_id, max(year) AS year FROM raw_house__index GROUP BY 1)
        SELECT DISTINCT m.source, m.doc_id, coalesce(m.year, idx.year) AS year
        FROM raw_archive__manifest m LEFT JOIN idx USING (doc_id)
        ORDER BY 1, 2""")
    out = [{**d, "official_url": SOURCES[d["source"]].url(d["doc_id"], d["year"]) if d["source"] in SOURCES else None}
           for d in docs]
    for spec in SOURCES.values():  # an OCR source's documents are those it reads, at its own URL
        if spec.ocr and spec.reads:
            out += [{**d, "source": spec.name, "official_url": spec.url(d["doc_id"], d["year"])}
                    for d in docs if d["source"] == spec.reads]
    replace_table(con, "core_documents", out)


def check_expectations(con: duckdb.DuckDBPyConnection) -> None:
    """Documents whose row count falls outside what their source expects, and years with fewer
    documents than expected: listed by `warstock problems`."""
    out = []
    for spec in SOURCES.values():
        rng = spec.expect.rows_per_document
        if rng:
            low, high = rng
            for doc_id, n in con.execute(
                    "SELECT doc_id, doc_rows FROM raw_parse__documents WHERE source = ? AND status IN "
                    "('parsed', 'parsed_with_notes') AND (doc_rows < ? OR doc_rows > ?) ORDER BY 1",
                    [spec.name, low, high]).fetchall():
                code = "rows_below_expected" if n < low else "rows_above_expected"
                out.append({"source": spec.name, "doc_id": doc_id, "code": code,
                            "message": f"{n} rows read; a complete {spec.name} document has {low} to {high}"})
        for year, expected in spec.expect.documents_per_year.items():
            have = con.execute("SELECT count(DISTINCT doc_id) FROM raw_archive__manifest WHERE source = ? AND year = ?",
                               [spec.name, year]).fetchone()
            n = have[0] if have else 0
            if n < expected:
                out.append({"source": spec.name, "doc_id": None, "code": "documents_below_expected",
                            "message": f"{year}: {n} documents archived of {expected} expected"})
    replace_table(con, "core_parse__expectations", out)


def view_sql() -> list[str]:
    """The SQL files in warehouse/sql, in name order (core_ before out_)."""
    sql_dir = resources.files("warstock.warehouse").joinpath("sql")
    return [item.read_text(encoding="utf-8") for item in sorted(sql_dir.iterdir(), key=lambda p: p.name)
            if item.name.endswith(".sql")]


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """Run the SQL files in warehouse/sql in name order (core_ before out_)."""
    for text in view_sql():
        con.execute(text)
