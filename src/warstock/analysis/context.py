"""Trades in context: committee seats on the trade date, key votes near it, late filings,
and a member's whole record."""

from __future__ import annotations

from typing import Any

import duckdb

from warstock.analysis.defense import BAND_COUNTS, EQUITY_CODES, asset_type_filter
from warstock.warehouse.db import in_year, in_year_args, rows


def committee_sets(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT DISTINCT set_id FROM core_congress__committee_sets ORDER BY 1")
            .fetchall()]


def committee_conflicts(con: duckdb.DuckDBPyConnection, year: int, universe_id: str, set_id: str = "defense",
                        asset_types: tuple[str, ...] | None = EQUITY_CODES, certain: bool = True
                        ) -> list[dict[str, Any]]:
    """Trades on a committee seat; ``certain=False``: those whose date a paper form gives with doubt, or
    that fall between the last roster listing the seat and the first not listing it."""
    where, params = asset_type_filter(asset_types)
    return rows(con, f"""
        SELECT member_name, member_id_bioguide, party, state, transaction_date, transaction_type, ticker,
               issuer_name, amount_min_usd, amount_max_usd,
               string_agg(DISTINCT committee_name || coalesce(' (' || committee_title || ')', ''), '; '
                          ORDER BY committee_name || coalesce(' (' || committee_title || ')', '')) AS committees,
               bool_and(seat_certain) AS seat_certain, doc_id, row_number, source_url
        FROM out_conflicts__committee
        WHERE universe_id = ? AND set_id = ? AND {in_year("transaction_date")} AND (date_certain AND seat_certain) = ?
          {where}
        GROUP BY ALL
        ORDER BY member_name, transaction_date, doc_id, row_number""",
        [universe_id, set_id, *in_year_args(year), certain, *params])


def vote_conflicts(con: duckdb.DuckDBPyConnection, year: int, universe_id: str, window_days: int = 30,
                   asset_types: tuple[str, ...] | None = EQUITY_CODES, certain: bool = True) -> list[dict[str, Any]]:
    """Trades near a key vote; ``certain=False``: those whose date a paper form gives with doubt."""
    where, params = asset_type_filter(asset_types)
    return rows(con, f"""
        SELECT member_name, member_id_bioguide, party, state, transaction_date, transaction_type, ticker,
               issuer_name, amount_min_usd, amount_max_usd, vote_id, vote_label, vote_topic, vote_date,
               position, days_to_vote, doc_id, row_number, source_url, vote_url
        FROM out_conflicts__votes
        WHERE universe_id = ? AND {in_year("transaction_date")} AND abs(days_to_vote) <= ? AND date_certain = ?
          {where}
        ORDER BY member_name, transaction_date, vote_date, vote_id, doc_id, row_number""",
        [universe_id, *in_year_args(year), window_days, certain, *params])


def key_votes(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The key-vote catalog with tallies recomputed from positions, and whether they match the
    official (or catalogued) totals."""
    out = rows(con, "SELECT * FROM out_key_votes ORDER BY vote_date, vote_id")
    for r in out:
        ok = r["expected_yea"] is None or (r["yea"], r["nay"]) == (r["expected_yea"], r["expected_nay"])
        r["check"] = "" if r["expected_yea"] is None else ("ok" if ok else "MISMATCH")
    return out


def late_doubts(con: duckdb.DuckDBPyConnection, year: int) -> list[dict[str, Any]]:
    """Rows that would look late but rest on dates that are inconsistent or read with doubt."""
    return rows(con, f"""
        SELECT member_name, member_id_bioguide, finding, doubt, doc_id, row_number, transaction_date,
               notification_date, filing_date, days_late, source_url
        FROM out_late_filings__all WHERE finding <> 'late' AND {in_year("transaction_date")}
        ORDER BY finding, member_name, transaction_date, doc_id, row_number""", in_year_args(year))


def late_filings(con: duckdb.DuckDBPyConnection, year: int) -> list[dict[str, Any]]:
    return rows(con, f"""
        SELECT member_name, member_id_bioguide, count(*) AS late_transactions,
               max(days_late) AS max_days_late, median(days_late) AS median_days_late,
               sum(amount_min_usd) AS amount_min_usd, sum(coalesce(amount_max_usd, amount_min_usd)) AS amount_max_usd,
               count(DISTINCT doc_id) AS filings
        FROM out_late_filings WHERE {in_year("transaction_date")}
        GROUP BY ALL ORDER BY late_transactions DESC, max_days_late DESC, member_name, member_id_bioguide""",
                in_year_args(year))


def find_member(con: duckdb.DuckDBPyConnection, query: str) -> list[dict[str, Any]]:
    q = query.strip()
    if not q:
        return []
    like = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")  # a name, not a pattern
    return rows(con, """
        SELECT * FROM core_members
        WHERE member_id_bioguide = upper(?)
           OR lower(member_name) LIKE '%' || lower(?) || '%' ESCAPE '\\'
           OR lower(last_name) = lower(?)
        ORDER BY member_id_bioguide = upper(?) DESC, member_name""", [q, like, q, q])


def member_profile(con: duckdb.DuckDBPyConnection, bioguide: str, universe_id: str,
                   window_days: int = 30) -> dict[str, Any]:
    return {**member_profile_fixed(con, bioguide, universe_id),
            "vote_conflicts": member_vote_conflicts(con, bioguide, universe_id, window_days)}


def member_vote_conflicts(con: duckdb.DuckDBPyConnection, bioguide: str, universe_id: str,
                          window_days: int) -> list[dict[str, Any]]:
    """The member's universe trades within ``window_days`` of a key vote they cast (dates read
    with confidence only): the one part of the profile that depends on the window."""
    return rows(con, """SELECT transaction_date, transaction_type, ticker, vote_id,
        vote_label, vote_date, position, days_to_vote, bill_funds_company FROM out_conflicts__votes
        WHERE member_id_bioguide = ? AND universe_id = ? AND abs(days_to_vote) <= ? AND date_certain
        ORDER BY transaction_date, vote_date, vote_id, doc_id, row_number""", [bioguide, universe_id, window_days])


def member_profile_fixed(con: duckdb.DuckDBPyConnection, bioguide: str, universe_id: str) -> dict[str, Any]:
    """Everything of the member's profile but the trades near key votes (no window in it)."""
    one = [bioguide]
    profile: dict[str, Any] = {}
    profile["member"] = rows(con, "SELECT * FROM core_members WHERE member_id_bioguide = ?", one)[0]
    profile["terms"] = rows(con, """SELECT term_type, term_start, term_end, state, district, party
        FROM core_member_terms WHERE member_id_bioguide = ?
        ORDER BY term_start, term_type, term_end, state, district, party""", one)
    profile["committees"] = rows(con, """SELECT committee_code, committee_name, title, valid_from,
        last_seen, ends_before FROM core_congress__seats WHERE member_id_bioguide = ?
        ORDER BY committee_code, valid_from, committee_name, title, last_seen, ends_before""", one)
    profile["trades_by_year"] = rows(con, f"""SELECT year(transaction_date) AS year, count(*) AS trades,
        sum(amount_min_usd) AS amount_min_usd, sum(coalesce(amount_max_usd, amount_min_usd)) AS amount_max_usd,
        {BAND_COUNTS}
        FROM core_transactions WHERE member_id_bioguide = ? AND is_current GROUP BY 1 ORDER BY 1""", one)
    profile["universe_trades"] = rows(con, """SELECT transaction_date, transaction_type, owner, ticker,
        issuer_name, asset_type_code, amount_min_usd, amount_max_usd, doc_id, row_number, source_url, origin
        FROM out_universe__trades WHERE member_id_bioguide = ? AND universe_id = ?
        ORDER BY transaction_date, doc_id, row_number""", [bioguide, universe_id])
    profile["key_votes"] = rows(con, """SELECT k.vote_id, k.label, k.topic, v.vote_date, p.position,
        v.official_url FROM core_vote_positions p JOIN core_congress__key_votes k USING (vote_id)
        JOIN core_votes v USING (vote_id) WHERE p.member_id_bioguide = ? ORDER BY v.vote_date, k.vote_id""", one)
    profile["committee_conflicts"] = rows(con, """SELECT transaction_date, ticker, committee_name,
        amount_min_usd, amount_max_usd, seat_certain, doc_id, row_number FROM out_conflicts__committee
        WHERE member_id_bioguide = ? AND universe_id = ? AND date_certain AND seat_certain
        ORDER BY transaction_date, doc_id, row_number, committee_name""",
        [bioguide, universe_id])
    profile["late_filings"] = rows(con, """SELECT doc_id, row_number, asset_name, transaction_date,
        notification_date, filing_date, due_date, days_late FROM out_late_filings WHERE member_id_bioguide = ?
        ORDER BY days_late DESC, doc_id, row_number""", one)
    profile["coverage"] = rows(con, """SELECT c.year, c.status, count(*) AS filings
        FROM out_coverage__house c JOIN core_house__filer_resolution r USING (doc_id)
        WHERE r.member_id_bioguide = ? GROUP BY ALL ORDER BY 1, 2""", one)
    return profile
