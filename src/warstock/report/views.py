"""Every answer as a Doc: the one place that decides what a command or a page shows.

Each view takes an open warehouse and the question's parameters, checks them (a bad one is a
``BadRequest`` naming what is known), runs the analysis and lays the result out. The CLI
prints a view in a format; the web layer renders the same view as a page or JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import duckdb

from warstock.amounts import fmt_sum
from warstock.analysis import context, defense, quality
from warstock.report.render import report_doc
from warstock.report.tables import Col, Doc, Section, funded, money, plural
from warstock.resolve import universe


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
    doubtful = {(r["doc_id"], r["row_number"]) for r in [  # a date read with doubt, or a seat that may have ended
        *context.committee_conflicts(con, year, universe, committees, certain=False),
        *context.vote_conflicts(con, year, universe, window, certain=False)]}
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
        notes=[f"Not shown: {plural(len(doubtful), 'trade')} whose date a paper form gives with doubt (`warstock "
               "problems --level ocr_review`), whose date another project read (`warstock import`), or that fall "
               "between the last roster listing the seat and the first not listing it: a doubt accuses no one.",
               "Each row's filing (source_url) and vote (vote_url) links are in --format json or csv.", note],
        data={"year": year, "universe": universe, "committee_set": committees, "window_days": window,
              "doubtful_trades_not_shown": len(doubtful), "source": note})


def late(con: duckdb.DuckDBPyConnection, year: int, note: str = "") -> Doc:
    rows = context.late_filings(con, year)
    return Doc(title=f"Late-reported transactions, {year}", sections=[
        Section("members", "Members", [
            Col("member_name", "Member"), Col("member_id_bioguide", "Bioguide", wrap=False),
            Col("late_transactions", "Late", right=True), Col("max_days_late", "Most days late", right=True),
            Col("median_days_late", "Median days late", right=True), money(), Col("filings", "Filings", right=True)],
            rows, unit=("member", "members")),
        Section("not_findings", "Shown apart: not a finding, with the reason", [
            Col("member_name", "Member"), Col("finding", "Why apart"), Col("doubt", "Reason"),
            Col("transaction_date", "Trade date", wrap=False), Col("notification_date", "Notified", wrap=False),
            Col("filing_date", "Filed", wrap=False), Col("doc_id", "Filing", wrap=False)],
            context.late_doubts(con, year), unit=("transaction", "transactions"),
            note="A transaction is called late only when its dates are consistent (trade ≤ notification ≤ filing) "
                 "and, on a paper form, read with confidence. These are not: they accuse no one."),
    ], notes=[note], data={"year": year, "source": note})


def find_member(con: duckdb.DuckDBPyConnection, who: str) -> str:
    """The bioguide id of the one member ``who`` names (BadRequest if none or several)."""
    exact = con.execute("SELECT member_id_bioguide FROM core_members WHERE member_id_bioguide = upper(?)",
                        [who.strip()]).fetchone()
    if exact is not None:  # a bioguide id names its member whatever names it is part of
        return str(exact[0])
    found = context.find_member(con, who)
    if not found:
        raise BadRequest(f"No member matches {who!r}.")
    if len(found) > 1 and found[0]["member_id_bioguide"] != who.upper():
        lines = [f"  {m['member_id_bioguide']}  {m['member_name']} ({m['party']}, {m['state']})" for m in found[:20]]
        raise BadRequest("Several members match; use a bioguide id:\n" + "\n".join(lines))
    return str(found[0]["member_id_bioguide"])


class Holdings:
    """Every member's positions (as of today) and net-worth rows, computed once and handed out
    per member: what the dashboard keeps, so a member page does not compute them again (the
    same rows as positions(con, day, member) and net_worth(con, member))."""

    def __init__(self, con: duckdb.DuckDBPyConnection, day: date | None = None) -> None:
        from warstock.analysis.holdings import net_worth, positions

        self.day = day or date.today()
        self.positions: dict[str, list[Any]] = {}
        for p in positions(con, self.day):
            self.positions.setdefault(p.member_id_bioguide, []).append(p)
        self.net_worth: dict[str, list[dict[str, Any]]] = {}
        for r in net_worth(con):
            self.net_worth.setdefault(r["member_id_bioguide"], []).append(r)


def member(con: duckdb.DuckDBPyConnection, who: str, universe: str, window: int = 30, note: str = "",
           holdings: Holdings | None = None,
           fixed: Callable[[str, str], dict[str, Any]] | None = None) -> Doc:
    """``fixed``: where the window-free part of a member's profile comes from (the dashboard
    keeps it per member and edition, so another window costs one query); default: asked here."""
    bioguide = find_member(con, who)
    _universe(con, universe)
    p = {**(fixed(bioguide, universe) if fixed else context.member_profile_fixed(con, bioguide, universe)),
         "vote_conflicts": context.member_vote_conflicts(con, bioguide, universe, window)}
    m = p["member"]
    district = f"-{m['district']}" if m["district"] is not None else ""
    ids = (f"ids: bioguide {m['member_id_bioguide']}, LIS {m['member_id_lis'] or '-'}, ICPSR "
           f"{m['member_id_icpsr'] or '-'}, GovTrack {m['member_id_govtrack'] or '-'}, FEC {m['member_id_fec'] or '-'}")
    when = [Col("transaction_date", "Trade date", wrap=False)]
    funded_pairs = sum(bool(r["bill_funds_company"]) for r in p["vote_conflicts"])
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
                Col("issuer_name", "Company"), money(), Col("doc_id", "Filing", wrap=False),
                Col("origin", "Read from")],
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
                Col("position", "Voted"), Col("days_to_vote", "Days to vote", right=True),
                Col("bill_funds_company", "Bill funds it", show=funded)],
                p["vote_conflicts"], unit=("trade", "trades"),
                count=len({(r["transaction_date"], r["ticker"], r["transaction_type"]) for r in p["vote_conflicts"]}),
                note=f"{plural(funded_pairs, 'trade-vote pair')} in a company the vote's bill funds: NDAA, "
                     "defense appropriations and war supplementals fund "
                     "the companies with DoD contract obligations (dod-any-contractor); war-powers and sanctions "
                     "votes fund none; unknown: an arms sale's contractor, or a company not among the DoD "
                     "contract recipients the data lists."),
            Section("late_filings", "Late-reported transactions", [
                Col("doc_id", "Filing", wrap=False), Col("asset_name", "Asset"), *when,
                Col("filing_date", "Filed", wrap=False), Col("due_date", "Due", wrap=False),
                Col("days_late", "Days late", right=True)], p["late_filings"], unit=("transaction", "transactions")),
            Section("coverage", "Coverage of this member's PTRs in the House index", [
                Col("year", "Year"), Col("status", "Status"), Col("filings", "Filings", right=True)], p["coverage"]),
            *_member_holdings(con, bioguide, universe, holdings),
        ],
        notes=[note], data={"member": m, "terms": p["terms"], "source": note})


def _member_holdings(con: duckdb.DuckDBPyConnection, bioguide: str, universe: str,
                     holdings: Holdings | None = None) -> list[Section]:
    """What the member holds in universe companies now (as of the latest document), and a
    net-worth range per annual report."""
    from datetime import date

    from warstock.analysis.holdings import net_worth, positions

    issuers = defense.universe_issuers(con, universe)
    mine = holdings.positions.get(bioguide, []) if holdings else positions(con, date.today(), bioguide)
    worth = holdings.net_worth.get(bioguide, []) if holdings else net_worth(con, bioguide)
    held = [p.as_row() for p in mine if p.issuer_id in issuers]
    return [
        Section("holdings", f"Holds in {universe} companies (latest documents)", POSITION_COLUMNS, held,
                unit=("position", "positions"),
                note="Holdings rest on annual reports carried forward through PTR trades; with no annual report "
                     "loaded, on trades only (values not known)."),
        Section("net_worth", "Net worth by annual report (assets minus liabilities)", NET_WORTH_COLUMNS,
                worth, unit=("report", "reports"), note=NET_WORTH_NOTE),
    ]


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


# --- holdings and bans ------------------------------------------------------------------------

def held_value(row: dict[str, Any]) -> str:
    """Summed value bands of held positions; positions whose value no band gives are counted, not summed."""
    unknown = row.get("unread_amounts") or 0
    if not row.get("amount_min_usd") and unknown:
        return f"not known ({plural(unknown, 'position')})"
    known = fmt_sum({**row, "unread_amounts": 0})
    return known + (f" (+{plural(unknown, 'position')} of unknown value)" if unknown else "")


NET_WORTH_COLUMNS = [
    Col("member_name", "Member"), Col("report_type", "Report"), Col("as_of_date", "As of", wrap=False),
    Col("assets", "Assets", right=True), Col("liabilities", "Liabilities", right=True),
    money("Net worth (low – high)"), Col("assets_open_ended", "Open-ended", right=True),
    Col("assets_without_band", "No band", right=True), Col("nested_accounts", "Nested", right=True),
    Col("rows_flagged", "Read with doubt", right=True),
    Col("doc_id", "Report id", wrap=False)]
NET_WORTH_NOTE = (
    "Low = assets low − liabilities high; high = assets high − liabilities low. Open-ended asset bands add only "
    "their low; assets valued 'None' or 'Undetermined' add nothing (counted). Nested: accounts listed with a value "
    "of their own and valued holdings under them; the form allows either reading (the account's value includes "
    "them, or is only the rest), so the low counts the larger of the two lows and the high counts both. Read with "
    "doubt: rows of a paper report OCR flagged for review, left out of the sums.")
DOUBT_COLUMNS = [
    Col("member_name", "Member"), Col("owner", "Owner"), Col("asset_name", "Asset as read"),
    Col("value_text", "Value as read"), Col("review_reason", "Why in doubt"), Col("doc_id", "Report", wrap=False),
    Col("page", "Page", right=True), Col("row_number", "Row", right=True)]
POSITION_COLUMNS = [
    Col("member_name", "Member"), Col("owner", "Owner"), Col("ticker", "Ticker"), Col("asset_name", "Asset"),
    Col("status", "Status"),
    Col("amount_max_usd", "Value (low – high)", right=True, min_width=15,
        show=lambda r: fmt_sum(r) if r["value_known"] else "not known"),
    Col("rests_on", "Rests on"),
    Col("last_document_date", "Last document", wrap=False)]


SERIES_COLUMNS = [Col("year_end", "Year end", wrap=False), *POSITION_COLUMNS]


def holdings(con: duckdb.DuckDBPyConnection, year: int, member: str | None, universe: str | None,
             note: str = "", since: int | None = None) -> Doc:
    """Positions as of the last day of YEAR, with what each rests on; with SINCE, also the
    year-end series from SINCE to YEAR."""
    from datetime import date

    from warstock.analysis.holdings import doubtful_holdings, net_worth, positions, series

    bioguide = find_member(con, member) if member else None
    issuers: set[str] | None = None
    if universe:
        _universe(con, universe)
        issuers = defense.universe_issuers(con, universe)
    rows = [p.as_row() for p in positions(con, date(year, 12, 31), bioguide)
            if issuers is None or p.issuer_id in issuers]
    held = [r for r in rows if r["status"] == "held"]
    worth = [w for w in net_worth(con, bioguide) if w["as_of_date"] is not None and w["as_of_date"].year <= year]
    if since is not None and not 1990 <= since <= year:
        raise BadRequest(f"--since must be a year from 1990 to {year}, got {since}")
    scope = f"in {universe} companies" if universe else "of every asset"
    return Doc(
        title=f"Holdings {scope} as of {year}-12-31" + (f": {rows[0]['member_name']}" if bioguide and rows else ""),
        lines=[f"{plural(len(held), 'position')} held, {len(rows) - len(held)} sold by then. A holding rests on an "
               "annual report (its value band as of the report's date) carried forward through later PTR trades, "
               "or on trades only where no annual report is loaded: then its value is not known. This is what "
               "members hold, not what they traded (see `warstock report`)."],
        sections=[
            Section("positions", "Positions", POSITION_COLUMNS, rows, unit=("position", "positions")),
            Section("net_worth", "Net worth by report (assets minus liabilities)", NET_WORTH_COLUMNS, worth,
                    unit=("report", "reports"),
                note=NET_WORTH_NOTE),
            Section("doubtful", "Read with doubt: holdings OCR flagged on paper reports (not counted)", DOUBT_COLUMNS,
                    doubtful_holdings(con, date(year, 12, 31), bioguide), unit=("row", "rows"),
                    note="No position and no net worth rests on these rows; each is one click from its page."),
            *([Section("series", f"Year by year, {since}–{year}: held at each year end or ended during the year",
                       SERIES_COLUMNS, series(con, since, year, bioguide, issuers), unit=("position", "positions"),
                       note="A position ended in a year is shown in that year only.")]
              if since is not None else []),
        ],
        notes=[note], data={"year": year, "member": bioguide, "universe": universe, "since": since, "source": note})


def ban_impact(con: duckdb.DuckDBPyConnection, policy_id: str, year: int, universe: str | None = None,
               note: str = "") -> Doc:
    from warstock.analysis.holdings import ban_impact as impact
    from warstock.analysis.holdings import policies

    known = policies(con)
    if policy_id not in known:
        raise BadRequest(f"unknown policy {policy_id!r}; known: {', '.join(known)}")
    if universe:
        _universe(con, universe)
    b = impact(con, known[policy_id], year, universe)
    t = b.totals
    fmt_total = held_value(t)
    return Doc(
        title=f"Ban impact: {policy_id}, {year}",
        lines=[b.policy.title + ".",
               f"Covered owners: {', '.join(b.policy.owners)}; assets: "
               + (f"stock of companies in {b.universe}" if b.universe else
                  f"individual stocks ({', '.join(b.policy.covered_asset_types)}), exempt: "
                  f"{', '.join(b.policy.exempt_asset_types)}")
               + (f"; members on a '{b.policy.committee_set}' committee in {year}" if b.policy.committee_set else "")
               + ".",
               f"HOLDS: {plural(t['members'], 'member')} with {plural(t['positions'], 'position')} the policy "
               f"would prohibit in {year} ({t['held_at_year_end']} still held on {year}-12-31; value "
               f"{fmt_total}). TRADED: "
               f"{plural(t['prohibited_trades'], 'purchase')} in {year} it would have prohibited.",
               f"What it rests on: {t['members_on_reports']} of these members on holdings reported in an annual "
               f"report, {t['members_on_trades_only']} on PTR trades only (no annual report loaded: their holdings "
               "are inferred, their values unknown)."],
        sections=[
            Section("members", "Members affected", [
                Col("member_name", "Member"), Col("positions", "Positions", right=True),
                Col("held_at_year_end", "Held at year end", right=True),
                Col("amount_max_usd", "Held value (low – high)", right=True, min_width=15, show=held_value),
                Col("prohibited_trades", "Purchases", right=True), Col("rests_on", "Rests on")],
                b.members, unit=("member", "members")),
            Section("positions", "Positions that would be prohibited", POSITION_COLUMNS, b.positions,
                    unit=("position", "positions")),
            Section("trades", f"Purchases in {year} that would have been prohibited", [
                Col("member_name", "Member"), Col("transaction_date", "Trade date", wrap=False),
                Col("owner", "Owner"), Col("ticker", "Ticker"), Col("asset_name", "Asset"), money(),
                Col("doc_id", "Filing", wrap=False)], b.trades, unit=("purchase", "purchases")),
        ],
        notes=[f"Policy source: {b.policy.source}", note],
        data={"policy": b.policy.__dict__, "year": year, "universe": b.universe, "totals": t, "source": note})


# --- universe editions (read from their files: no warehouse needed) ---------------------------

def _edition_lines(e: dict[str, Any]) -> list[str]:
    when = ", ".join(x for x in (f"published {e['source_date']}" if e.get("source_date") else "",
                                 f"retrieved {e['retrieved']}" if e.get("retrieved") else "") if x)
    size = f" of a list of {e['list_size']}" if e.get("list_size") else ""
    return [f"{e['title']}",
            f"Source: {e.get('source') or '?'}" + (f" ({e['source_url']})" if e.get("source_url") else "")
            + (f"; {when}" if when else ""),
            f"Basis: {e.get('basis') or '?'} year {e.get('period') or '?'}, ranked by {e.get('ranked_by') or '-'}; "
            f"completeness: {(e.get('completeness') or '?').upper()}{size}"
            + (f" — {e['note']}" if e.get("note") else "")]


def universe_list(cat: universe.Catalog) -> Doc:
    rows = universe.editions_table(cat)
    return Doc(sections=[Section("editions", "Universe editions", [
        Col("universe_id", "Universe", wrap=False), Col("companies", "Companies", right=True),
        Col("listed", "Listed", right=True), Col("completeness", "Complete?"),
        Col("period", "Year", wrap=False), Col("title", "Definition", min_width=30)], rows,
        unit=("edition", "editions"))],
        notes=["Listed: companies with a US ticker (only these can match a trade by ticker). "
               "Completeness: complete (the whole published list), fragment (the rows a source quoted), "
               "floor (fewer than the definition covers). `warstock universe show ID` lists one edition."])


def universe_show(cat: universe.Catalog, universe_id: str) -> Doc:
    try:
        ed, companies = universe.show(cat, universe_id)
    except universe.UnknownEdition as exc:
        raise BadRequest(str(exc)) from exc
    prov = ed.get("provenance") or {}
    notes = [f"Fetched: {json.dumps(prov, default=str)}"] if prov else []
    return Doc(title=f"Universe {universe_id}", lines=_edition_lines(ed), sections=[
        Section("companies", "Companies", [
            Col("rank", "Rank", right=True), Col("name", "Company"), Col("tickers", "Tickers"),
            Col("subsidiaries", "Subsidiaries"), Col("listed_as", "Listed as"), Col("source_rows", "Source row")],
            companies,
            unit=("company", "companies"))],
        notes=[*notes, "Tickers with dates are former tickers, valid only then (a 2019 trade in RTN is RTX's)."],
        data={"edition": {k: v for k, v in ed.items()}})


def universe_diff(cat: universe.Catalog, a: str, b: str) -> Doc:
    try:
        d = universe.diff(cat, a, b)
    except universe.UnknownEdition as exc:
        raise BadRequest(str(exc)) from exc
    cols = [Col("rank", "Rank", right=True), Col("name", "Company"), Col("tickers", "Ticker")]
    return Doc(title=f"Universe {a} vs {b}", lines=[
        f"{plural(len(d['only_a']), 'company', 'companies')} only in {a}, "
        f"{plural(len(d['only_b']), 'company', 'companies')} only in {b}, "
        f"{len(d['rank_changes'])} in both with another rank, {d['same_rank']} in both with the same rank."],
        sections=[
            Section("only_a", f"Only in {a}", cols, d["only_a"], unit=("company", "companies")),
            Section("only_b", f"Only in {b}", cols, d["only_b"], unit=("company", "companies")),
            Section("rank_changes", "Rank changes", [
                Col("name", "Company"), Col("tickers", "Ticker"), Col("rank_a", f"Rank in {a}", right=True),
                Col("rank_b", f"Rank in {b}", right=True), Col("change", "Up by", right=True)],
                d["rank_changes"], unit=("company", "companies"))],
        data={"a": a, "b": b, "same_rank": d["same_rank"]})


# --- imports ----------------------------------------------------------------------------------

IMPORT_COLUMNS = [
    Col("format", "Format"), Col("file_name", "File"), Col("status", "Status"),
    Col("rows_read", "Rows read", right=True), Col("loaded", "Loaded", right=True),
    Col("counted", "Counted", right=True), Col("superseded_by_documents", "Superseded by documents", right=True),
    Col("superseded_by_imports", "Superseded by another import", right=True),
    Col("unresolved", "Member unresolved", right=True), Col("truncated_bands", "Band cut short", right=True),
    Col("other_unread_bands", "Band not read", right=True), Col("rows_dropped", "Rows not read", right=True),
    Col("reason", "Why failed")]


def imports(con: duckdb.DuckDBPyConnection, failed: list[tuple[str, str]] | None = None,
            unchanged: list[str] | None = None) -> Doc:
    """Every imported file (its latest version) and what became of its rows."""
    from warstock.analysis.imports import import_counts, unresolved_filers

    counts = import_counts(con)
    lines = ["Imported rows are another project's reading of the official filings. A filing warstock read "
             "itself (text or OCR) wins over them; one import per filing counts; every counted row is labelled "
             "import:<format> wherever it appears, and its dates accuse no one (conflicts and late filings show "
             "it apart). A band cut short is not read: it adds nothing to any sum and is counted apart."]
    if unchanged:
        lines.append(f"Already imported, unchanged: {', '.join(unchanged)}.")
    for name, reason in failed or []:
        lines.append(f"FAILED {name}: {reason}")
    return Doc(title="Imports", lines=lines, sections=[
        Section("files", "Imported files", IMPORT_COLUMNS, counts, unit=("file", "files")),
        Section("unresolved", "Imported filers not resolved to a member (counted as '(?)')", [
            Col("format", "Format"), Col("filer_name", "Filer"), Col("state_district", "State"),
            Col("rows", "Rows", right=True), Col("filings", "Filings", right=True), Col("reason", "Why")],
            unresolved_filers(con)),
    ], data={"failed": [{"file": n, "reason": r} for n, r in failed or []]})

