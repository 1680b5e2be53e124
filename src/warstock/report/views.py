"""Every answer as a Doc: the one place that decides what a command or a page shows.

Each view takes an open warehouse and the question's parameters, checks them (a bad one is a
``BadRequest`` naming what is known), runs the analysis and lays the result out. The CLI
prints a view in a format; the web layer renders the same view as a page or JSON.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from warstock.analysis import context, defense, quality
from warstock.report.render import report_doc
from warstock.report.tables import Col, Doc, Section, money, plural


class BadRequest(ValueError):
    """A parameter that names nothing in the warehouse (unknown universe, member, ...)."""


def _universe(con: duckdb.DuckDBPyConnection, universe: str) -> None:
    try:
        defense.universe_title(con, universe)
    except ValueError as exc:
        raise BadRequest(str(exc)) from exc


def report(con: duckdb.DuckDBPyConnection, year: int, universe: str, all_assets: bool = False,
           limit: int | None = None, note: str = "") -> Doc:
    _universe(con, universe)
    rep = defense.defense_trading(con, year, universe, None if all_assets else defense.EQUITY_CODES)
    rep.source_note = note
    return report_doc(rep, limit)


TRADE = [Col("member_name", "Member"), Col("transaction_date", "Trade date", wrap=False),
         Col("transaction_type", "Type"), Col("ticker", "Ticker")]


def conflicts(con: duckdb.DuckDBPyConnection, year: int, universe: str, committees: str = "defense",
              window: int = 30, note: str = "") -> Doc:
    known = context.committee_sets(con)
    if committees not in known:
        raise BadRequest(f"unknown committee set {committees!r}; known: {', '.join(known)}")
    _universe(con, universe)
    seats = context.committee_conflicts(con, year, universe, committees)
    votes = context.vote_conflicts(con, year, universe, window)
    vote_trades = len({(r["doc_id"], r["row_number"]) for r in votes})
    return Doc(
        title=f"Universe trades in conflict, {year}",
        sections=[
            Section("committee_conflicts", f"Trades while on a '{committees}' committee", [
                *TRADE, money(), Col("committees", "Committees"), Col("seat_certain", "Seat certain"),
                Col("doc_id", "Filing", wrap=False)], seats, unit=("trade", "trades")),
            Section("vote_conflicts", f"Trades within {window} days of a key vote", [
                *TRADE, money(), Col("vote_id", "Vote", wrap=False), Col("vote_label", "Vote on"),
                Col("position", "Voted"), Col("days_to_vote", "Days to vote", right=True)],
                votes, unit=("trade", "trades"), count=vote_trades,
                note=f"{plural(len(votes), 'trade–vote pair')}. Days to vote > 0: the trade came before the vote."),
        ],
        notes=["Each row's filing (source_url) and vote (vote_url) links are in --format json or csv.", note],
        data={"year": year, "universe": universe, "committee_set": committees, "window_days": window,
              "source": note})


def late(con: duckdb.DuckDBPyConnection, year: int, note: str = "") -> Doc:
    rows = context.late_filings(con, year)
    return Doc(title=f"Late-reported transactions, {year}", sections=[
        Section("members", "Members", [
            Col("member_name", "Member"), Col("member_id_bioguide", "Bioguide", wrap=False),
            Col("late_transactions", "Late", right=True), Col("max_days_late", "Most days late", right=True),
            Col("median_days_late", "Median days late", right=True), money(), Col("filings", "Filings", right=True)],
            rows, unit=("member", "members"))], notes=[note], data={"year": year, "source": note})


def find_member(con: duckdb.DuckDBPyConnection, who: str) -> str:
    """The bioguide id of the one member ``who`` names (BadRequest if none or several)."""
    found = context.find_member(con, who)
    if not found:
        raise BadRequest(f"No member matches {who!r}.")
    if len(found) > 1 and found[0]["member_id_bioguide"] != who.upper():
        lines = [f"  {m['member_id_bioguide']}  {m['member_name']} ({m['party']}, {m['state']})" for m in found[:20]]
        raise BadRequest("Several members match; use a bioguide id:\n" + "\n".join(lines))
    return str(found[0]["member_id_bioguide"])


def member(con: duckdb.DuckDBPyConnection, who: str, universe: str, window: int = 30, note: str = "") -> Doc:
    bioguide = find_member(con, who)
    _universe(con, universe)
    p = context.member_profile(con, bioguide, universe, window)
    m = p["member"]
    district = f"-{m['district']}" if m["district"] is not None else ""
    ids = (f"ids: bioguide {m['member_id_bioguide']}, LIS {m['member_id_lis'] or '-'}, ICPSR "
           f"{m['member_id_icpsr'] or '-'}, GovTrack {m['member_id_govtrack'] or '-'}, FEC {m['member_id_fec'] or '-'}")
    when = [Col("transaction_date", "Trade date", wrap=False)]
    return Doc(
        title=f"{m['member_name']} — {m['party']}, {m['state']}{district} ({m['chamber']})",
        lines=[ids],
        sections=[
            Section("committees", "Committee seats (from dated rosters)", [
                Col("committee_code", "Code", wrap=False), Col("committee_name", "Committee"), Col("title", "Title"),
                Col("valid_from", "From", wrap=False), Col("last_seen", "Last seen", wrap=False),
                Col("ends_before", "Gone by", wrap=False)], p["committees"], unit=("seat", "seats")),
            Section("trades_by_year", "Trades by year (all assets, current rows)", [
                Col("year", "Year"), Col("trades", "Trades", right=True), money()], p["trades_by_year"]),
            Section("universe_trades", f"Universe trades ({universe})", [
                *when, Col("transaction_type", "Type"), Col("owner", "Owner"), Col("ticker", "Ticker"),
                Col("issuer_name", "Company"), money(), Col("doc_id", "Filing", wrap=False)],
                p["universe_trades"], unit=("trade", "trades")),
            Section("key_votes", "Key votes cast", [
                Col("vote_date", "Date", wrap=False), Col("vote_id", "Vote", wrap=False), Col("label", "On"),
                Col("position", "Voted")], p["key_votes"], unit=("vote", "votes")),
            Section("committee_conflicts", "Universe trades while on a defense committee", [
                *when, Col("ticker", "Ticker"), Col("committee_name", "Committee"),
                Col("seat_certain", "Seat certain"), Col("doc_id", "Filing", wrap=False)],
                p["committee_conflicts"], unit=("trade", "trades")),
            Section("vote_conflicts", f"Universe trades within {window} days of a key vote", [
                *when, Col("transaction_type", "Type"), Col("ticker", "Ticker"), Col("vote_id", "Vote", wrap=False),
                Col("position", "Voted"), Col("days_to_vote", "Days to vote", right=True)],
                p["vote_conflicts"], unit=("trade", "trades"),
                count=len({(r["transaction_date"], r["ticker"], r["transaction_type"]) for r in p["vote_conflicts"]})),
            Section("late_filings", "Late-reported transactions", [
                Col("doc_id", "Filing", wrap=False), Col("asset_name", "Asset"), *when,
                Col("filing_date", "Filed", wrap=False), Col("due_date", "Due", wrap=False),
                Col("days_late", "Days late", right=True)], p["late_filings"], unit=("transaction", "transactions")),
            Section("coverage", "Coverage of this member's PTRs in the House index", [
                Col("year", "Year"), Col("status", "Status"), Col("filings", "Filings", right=True)], p["coverage"]),
        ],
        notes=[note], data={"member": m, "terms": p["terms"], "source": note})


def votes(con: duckdb.DuckDBPyConnection, note: str = "") -> Doc:
    return Doc(title="Key votes", sections=[Section("votes", "Key votes", [
        Col("vote_date", "Date", wrap=False), Col("vote_id", "Vote", wrap=False), Col("topic", "Topic"),
        Col("label", "On"), Col("yea", "Yea", right=True), Col("nay", "Nay", right=True),
        Col("present", "Present", right=True), Col("not_voting", "Not voting", right=True),
        Col("expected_yea", "Official yea", right=True), Col("expected_nay", "Official nay", right=True),
        Col("check", "Check")], context.key_votes(con), unit=("vote", "votes"))], notes=[note])


def coverage(con: duckdb.DuckDBPyConnection, year: int, note: str = "") -> Doc:
    return Doc(title=f"Coverage, {year}", sections=[Section("coverage", "Documents by state", [
        Col("chamber", "Chamber"), Col("year", "Year"), Col("listed", "Listed", right=True),
        Col("parsed", "Parsed", right=True), Col("parsed_with_notes", "Parsed with notes", right=True),
        Col("ocr", "Read by OCR", right=True), Col("ocr_with_review", "OCR, rows flagged", right=True),
        Col("ocr_confidence", "OCR mean confidence", right=True), Col("needs_ocr", "Awaiting OCR", right=True),
        Col("failed", "Failed", right=True), Col("not_archived", "Not archived", right=True)],
        quality.coverage(con, [year]))], notes=[note])


def problem_filters(level: str | None, source: str | None, sources: Iterable[str]) -> None:
    """BadRequest unless the level and source name ones that exist."""
    if level is not None and level not in quality.PROBLEM_LEVELS:
        raise BadRequest(f"unknown level {level!r}; known: {', '.join(quality.PROBLEM_LEVELS)}")
    known = list(sources)
    if source is not None and source not in known:
        raise BadRequest(f"unknown source {source!r}; known: {', '.join(known)}")


def problems(con: duckdb.DuckDBPyConnection, level: str | None, source: str | None, limit: int | None,
             note: str = "") -> Doc:
    summary, detail = quality.problems(con, level, source, limit)
    return Doc(title="Problems", sections=[
        Section("by_kind", "By kind", [Col("level", "Level"), Col("code", "Code"), Col("count", "Count", right=True)],
                summary),
        Section("problems", "Problems" + (f" (first {limit})" if limit else ""), [
            Col("source", "Source"), Col("doc_id", "Document", wrap=False), Col("level", "Level"),
            Col("page", "Page", right=True), Col("row_number", "Row", right=True), Col("message", "What")], detail),
    ], notes=[note])


def universes(con: duckdb.DuckDBPyConnection) -> Doc:
    return Doc(sections=[Section("universes", "Universe editions", [
        Col("universe_id", "Universe", wrap=False), Col("companies", "Companies", right=True),
        Col("title", "Definition")], defense.universes(con))])


def sources(con: duckdb.DuckDBPyConnection) -> Doc:
    return Doc(sections=[Section("sources", "Sources", [
        Col("name", "Source", wrap=False), Col("publisher", "Publisher"), Col("parser_version", "Parser"),
        Col("read_by", "Read by"), Col("documents", "Archived", right=True), Col("read", "Read", right=True),
        Col("failed", "Failed", right=True)], quality.sources(con))])
