"""The dashboard's answers as Docs, beside report/views.py: a year's overview with filters, a
company, a key vote and the trades around it, a filtered list of trades, search.

Like views.py, each function takes an open warehouse and the question's parameters, checks
them (BadRequest naming what is known) and lays the answer out; the web layer renders a Doc
as a page, JSON, CSV or Parquet. Every trade row keeps its filing's doc_id, page, row_number
and official source_url, so every figure leads back to the filings behind it.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any, NamedTuple

import duckdb

from warstock.analysis import browse, context, defense, quality
from warstock.analysis.defense import DefenseReport
from warstock.report.render import COMPANY_COLUMNS, MEMBER_COLUMNS, coverage_lines, coverage_warning, headline
from warstock.report.tables import Col, Doc, Section, funded, money, plural
from warstock.report.views import POSITION_COLUMNS, BadRequest, Holdings

CHAMBERS = ("house", "senate")
WINDOW_MAX = 3650

TRADE_COLUMNS = [
    Col("transaction_date", "Trade date", wrap=False), Col("member_name", "Member"),
    Col("transaction_type", "Type"), Col("owner", "Owner"), Col("ticker", "Ticker"), Col("issuer_name", "Company"),
    money("Band"),
    Col("doc_id", "Filing", wrap=False,  # a row another project read says so (`warstock import`)
        show=lambda r: str(r["doc_id"]) + ("" if r.get("origin", "document") == "document" else f" ({r['origin']})")),
]
TOTAL_COLUMNS = [Col("trades", "Trades", right=True), Col("members", "Members", right=True), money("Range")]


class Known(NamedTuple):
    parties: list[str]
    sets: list[str]
    universes: list[str]


def filters(con: duckdb.DuckDBPyConnection, year: int | None, universe: str, chamber: str | None = None,
            party: str | None = None, committees: str | None = None, member: str | None = None,
            issuer: str | None = None, all_assets: bool = False, committee: str | None = None,
            known: Known | None = None) -> browse.Filters:
    """Checked filters (BadRequest naming the known values of a filter that names nothing); an
    empty value is no filter (a form's "any"). ``known``: the parties, committee sets and
    universe ids read before (the dashboard keeps them), not asked again."""
    chamber, party, committees, member, issuer, committee = (
        v or None for v in (chamber, party, committees, member, issuer, committee))
    if known is None or universe not in known.universes:
        try:
            defense.universe_title(con, universe)
        except ValueError as exc:
            raise BadRequest(str(exc)) from exc
    if year is not None and not 1990 <= year <= 2100:
        raise BadRequest(f"year {year} is out of range (1990-2100)")
    if chamber is not None and chamber not in CHAMBERS:
        raise BadRequest(f"unknown chamber {chamber!r}; known: {', '.join(CHAMBERS)}")
    known_parties = known.parties if known else browse.parties(con)
    if party is not None and party not in known_parties:
        raise BadRequest(f"unknown party {party!r}; known: {', '.join(known_parties)}")
    sets = known.sets if known else context.committee_sets(con)
    if committees is not None and committees not in sets:
        raise BadRequest(f"unknown committee set {committees!r}; known: {', '.join(sets)}")
    if committee is not None and not con.execute("SELECT 1 FROM core_congress__seats WHERE committee_code = ? LIMIT 1",
                                                 [committee]).fetchone():
        raise BadRequest(f"no seat on a committee with code {committee!r} (codes such as HSAS, SSAS)")
    if member is not None and not con.execute("SELECT 1 FROM core_members WHERE member_id_bioguide = ?",
                                              [member]).fetchone():
        raise BadRequest(f"no member has bioguide id {member!r}")
    if issuer is not None and browse.issuer(con, issuer) is None:
        raise BadRequest(f"no company has id {issuer!r} (search by name or ticker)")
    return browse.Filters(year, universe, chamber, party, committees, member, issuer,
                          None if all_assets else defense.EQUITY_CODES, committee)


def describe(f: browse.Filters) -> str:
    parts = [f"universe {f.universe}", f"year {f.year}" if f.year else "all years"]
    parts += [f"{k} {v}" for k, v in (("chamber", f.chamber), ("party", f.party), ("committee set", f.committees),
                                      ("committee", f.committee), ("member", f.member), ("company", f.issuer)) if v]
    parts.append("all asset types" if f.asset_types is None else "assets " + ", ".join(f.asset_types))
    return "; ".join(parts)


def coverage(con: duckdb.DuckDBPyConnection, year: int) -> tuple[list[str], str | None, list[dict[str, Any]]]:
    """(coverage lines, headline warning or None, coverage rows) for a year and the next
    (PTRs of December trades are filed in January)."""
    rep = DefenseReport(year, "", "", None, coverage=quality.coverage(con, [year, year + 1]))
    return coverage_lines(rep), coverage_warning(rep), rep.coverage


def overview(con: duckdb.DuckDBPyConnection, f: browse.Filters, note: str = "",
             cov: tuple[list[str], str | None, list[dict[str, Any]]] | None = None) -> Doc:
    """A year's universe trades: members ranked, trades by month, totals by company, party,
    chamber and committee."""
    if f.year is None:
        raise BadRequest("the overview needs a year")
    members = browse.members(con, f)
    by_chamber = browse.totals_by(con, f, "chamber")
    by_company = browse.totals_by(con, f, "issuer")
    t = {"trades": sum(r["trades"] for r in by_chamber), "members": len(members),
         "amount_min_usd": sum(r["amount_min_usd"] or 0 for r in by_chamber),
         "amount_max_usd": sum(r["amount_max_usd"] or 0 for r in by_chamber),
         "open_ended_bands": sum(r["open_ended_bands"] for r in by_chamber),
         "unread_amounts": sum(r["unread_amounts"] for r in by_chamber),
         "companies": len(by_company),
         "filings": sum(m["filings"] for m in members)}
    title = defense.universe_title(con, f.universe)
    rep = DefenseReport(f.year, f.universe, title, f.asset_types, totals=t)
    cov_lines, warning, cov_rows = cov or coverage(con, f.year)  # cov: coverage() of f.year, read before
    return Doc(
        title=f"Universe trades by members of Congress, {f.year}",
        lines=[*([warning] if warning else []), headline(rep), f"Universe: {f.universe} — {title}.",
               f"Filters: {describe(f)}. Every amount is a sum of disclosed bands (low – high)."],
        sections=[
            Section("members", "Members", MEMBER_COLUMNS, members, unit=("member", "members")),
            Section("by_month", "Trades by month", [Col("month", "Month", wrap=False), *TOTAL_COLUMNS],
                    browse.totals_by(con, f, "month")),
            Section("by_company", "By company", COMPANY_COLUMNS, by_company,
                    unit=("company", "companies")),
            Section("by_party", "By party", [Col("party", "Party"), *TOTAL_COLUMNS], browse.totals_by(con, f, "party")),
            Section("by_chamber", "By chamber", [Col("chamber", "Chamber"), *TOTAL_COLUMNS], by_chamber),
            Section("by_committee", "By committee (seat on the trade date)",
                    [Col("committee_name", "Committee"), Col("committee_code", "Code", wrap=False), *TOTAL_COLUMNS],
                    browse.totals_by_committee(con, f), unit=("committee", "committees"),
                    note="A trade counts under each full committee its member sat on that day, so these rows add "
                         "up to more than the total; trades of members on no committee that day are in none."),
        ],
        notes=["Coverage:", *cov_lines, note],
        data={"year": f.year, "universe": {"id": f.universe, "title": title}, "filters": describe(f),
              "totals": t, "coverage_warning": warning, "coverage": cov_rows, "source": note})


def trades(con: duckdb.DuckDBPyConnection, f: browse.Filters, note: str = "") -> Doc:
    """The trades behind a figure, each with its filing (official URL, page, row)."""
    found = browse.trades(con, f)
    return Doc(title="Universe trades", lines=[f"Filters: {describe(f)}."],
               sections=[Section("trades", "Trades", TRADE_COLUMNS, found, unit=("trade", "trades"))],
               notes=[note], data={"filters": describe(f), "source": note})


def holdings_day(year: int | None, today: date) -> date:
    """The day a company page tells positions for: the chosen year's last day, or today (for no
    year, or the year not yet over)."""
    return today if year is None or date(year, 12, 31) >= today else date(year, 12, 31)


def holders(con: duckdb.DuckDBPyConnection, held: Holdings | None = None,
            as_of: date | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every member's positions by company id (who holds or held each): as of ``as_of``, or as of
    the day ``held`` (else a new Holdings) was computed for."""
    from warstock.analysis.holdings import positions

    found_all = positions(con, as_of) if as_of is not None else \
        [p for mine in (held or Holdings(con)).positions.values() for p in mine]
    out: dict[str, list[dict[str, Any]]] = {}
    for p in found_all:
        if p.issuer_id:
            out.setdefault(p.issuer_id, []).append(p.as_row())
    for found in out.values():
        found.sort(key=lambda r: (-(r["amount_max_usd"] or 0), r["member_name"] or "", r["asset_name"] or ""))
    return out


def members_as_of(con: duckdb.DuckDBPyConnection, members: list[str], day: date, chamber: str | None,
                  party: str | None) -> set[str]:
    """Those of ``members`` who sat in ``chamber`` for ``party`` on ``day``: by the term begun
    latest by then (a member gone by then: their last term), else their latest known term."""
    return {m for (m,) in con.execute("""
        WITH asked AS (SELECT unnest(?::VARCHAR[]) AS member_id_bioguide, ?::DATE AS day)
        SELECT a.member_id_bioguide FROM asked a
        ASOF LEFT JOIN core_member_terms__dated th
          ON th.member_id_bioguide = a.member_id_bioguide AND a.day >= th.term_start
        LEFT JOIN core_members m ON m.member_id_bioguide = a.member_id_bioguide
        WHERE (?::VARCHAR IS NULL OR coalesce(th.chamber, m.chamber) = ?)
          AND (?::VARCHAR IS NULL OR coalesce(th.party, m.party) = ?)""",
        [members, day, chamber, chamber, party, party]).fetchall()}


def company(con: duckdb.DuckDBPyConnection, issuer_id: str, f: browse.Filters, note: str = "",
            held: dict[str, list[dict[str, Any]]] | None = None, today: date | None = None) -> Doc:
    """Who traded a company and when; who holds it (positions as of holdings_day(f.year): ``held``
    is holders() for that day computed before, as the dashboard keeps it); the committee seats
    they held on those dates; the universe editions that hold it."""
    info = browse.issuer(con, issuer_id)
    if info is None:
        raise BadRequest(f"no company has id {issuer_id!r} (search by name or ticker)")
    as_of = holdings_day(f.year, today or date.today())
    holding = (held if held is not None else holders(con, as_of=as_of)).get(issuer_id, [])
    if f.chamber or f.party:
        kept = members_as_of(con, sorted({r["member_id_bioguide"] for r in holding}), as_of, f.chamber, f.party)
        holding = [r for r in holding if r["member_id_bioguide"] in kept]
    f = dataclasses.replace(f, issuer=issuer_id)
    editions = browse.issuer_editions(con, issuer_id)
    return Doc(
        title=f"{info['issuer_name']} ({issuer_id.upper()})",
        lines=[f"Tickers: {info['tickers'] or '-'}. SEC CIK: {info['sec_cik'] or '-'}"
               + (f" ({info['sec_title']})" if info["sec_title"] else "") + ".",
               f"Also printed as: {info['aliases']}." if info["aliases"] else "",
               f"Subsidiaries (their DoD contract awards count for it; their names do not match trades): "
               f"{info['subsidiaries']}." if info.get("subsidiaries") else "",
               f"In {plural(len({e['universe_id'] for e in editions}), 'universe edition')}; "
               f"counted here: {describe(f)}."],
        sections=[
            Section("members", "Members who traded it", [
                Col("member_name", "Member"), Col("party", "Party"), Col("state", "State"), Col("chamber", "Chamber"),
                Col("trades", "Trades", right=True), Col("first_trade", "First", wrap=False),
                Col("last_trade", "Last", wrap=False), money("Range")], browse.issuer_members(con, f),
                unit=("member", "members")),
            Section("holders", f"Members who hold it, or held it, as of {as_of}", POSITION_COLUMNS,
                    holding, unit=("position", "positions"),
                    note=f"Positions as of {as_of} (the chosen year's last day, else today), resting on annual "
                         "reports carried forward through PTR trades (or, with no annual report loaded, on trades "
                         "only). The chamber and party filters apply (the member's on that day); the committee "
                         "filters do not: a holding has no trade date to place a seat on."),
            Section("trades", "Trades", TRADE_COLUMNS, browse.trades(con, f), unit=("trade", "trades")),
            Section("seats", "Their committee seats on the trade dates", [
                Col("member_name", "Member"), Col("committee_code", "Code", wrap=False),
                Col("committee_name", "Committee"), Col("title", "Title"),
                Col("trades_while_seated", "Trades while seated", right=True),
                Col("in_defense_set", "Defense committee")], browse.issuer_seats(con, f), unit=("seat", "seats")),
            Section("editions", "Universe editions", [
                Col("universe_id", "Universe", wrap=False), Col("title", "Definition"),
                Col("completeness", "Complete?"), Col("rank", "Rank"), Col("source", "Source")], editions),
        ],
        notes=[note], data={"issuer": info, "filters": describe(f), "source": note})


def vote(con: duckdb.DuckDBPyConnection, vote_id: str, universe: str, window: int = 30, note: str = "") -> Doc:
    """A key vote: tallies recomputed from positions beside the official ones; members who traded
    universe stock within ``window`` days of it, how they voted, and those trades."""
    v = browse.key_vote(con, vote_id)
    if v is None:
        known = browse.key_vote_ids(con)
        raise BadRequest(f"{vote_id!r} is not in the key-vote catalog ({plural(len(known), 'vote')}; see /votes)")
    if not 0 <= window <= WINDOW_MAX:
        raise BadRequest(f"window must be between 0 and {WINDOW_MAX} days")
    try:
        defense.universe_title(con, universe)
    except ValueError as exc:
        raise BadRequest(str(exc)) from exc
    trades_near = browse.vote_trades(con, vote_id, universe, window)
    by_member: dict[str, dict[str, Any]] = {}
    for r in trades_near:
        m = by_member.setdefault(r["member_id_bioguide"], {
            "member_name": r["member_name"], "member_id_bioguide": r["member_id_bioguide"], "party": r["party"],
            "state": r["state"], "position": r["position"], "trades": 0, "amount_min_usd": 0, "amount_max_usd": 0,
            "open_ended_bands": 0, "unread_amounts": 0})
        m["trades"] += 1
        m["funded_trades"] = m.get("funded_trades", 0) + bool(r["bill_funds_company"])
        m["amount_min_usd"] += r["amount_min_usd"] or 0
        m["amount_max_usd"] += r["amount_max_usd"] if r["amount_max_usd"] is not None else (r["amount_min_usd"] or 0)
        m["open_ended_bands"] += r["amount_min_usd"] is not None and r["amount_max_usd"] is None
        m["unread_amounts"] += r["amount_min_usd"] is None
    official = (v["official_yea"], v["official_nay"]) if v["official_yea"] is not None else \
        (v["expected_yea"], v["expected_nay"]) if v["expected_yea"] is not None else None
    check = "no official total to check against" if official is None else \
        ("recomputed tally equals the official one" if official == (v["yea"], v["nay"])
         else f"MISMATCH: recomputed {v['yea']}–{v['nay']}, official {official[0]}–{official[1]}")
    tally = [{"count": "recomputed from positions", "yea": v["yea"], "nay": v["nay"], "present": v["present"],
              "not_voting": v["not_voting"]}]
    if official is not None:
        tally.append({"count": "official" if v["official_yea"] is not None else "catalogued", "yea": official[0],
                      "nay": official[1], "present": v["expected_present"], "not_voting": v["expected_not_voting"]})
    counts = [Col("yea", "Yea", right=True), Col("nay", "Nay", right=True), Col("present", "Present", right=True),
              Col("not_voting", "Not voting", right=True)]
    return Doc(
        title=f"{v['label']} ({vote_id})",
        lines=[f"{(v['chamber'] or '?').capitalize()} vote of {v['vote_date']}: {v['question'] or ''} — "
               f"{v['result'] or 'result unknown'}. Topic: {v['topic']}.", f"Tally check: {check}.",
               f"What the bill funds: {v['funding_basis'] or 'not catalogued'}.",
               f"Universe {universe}; trades within {window} days before or after the vote; "
               f"{plural(sum(bool(r['bill_funds_company']) for r in trades_near), 'trade')} in a company the "
               "bill funds."],
        sections=[
            Section("tally", "Tally", [Col("count", "Count"), *counts], tally),
            Section("by_party", "By party (recomputed)", [Col("party", "Party"), *counts],
                    browse.vote_by_party(con, vote_id)),
            Section("members", "Members who traded universe stock near the vote", [
                Col("member_name", "Member"), Col("party", "Party"), Col("state", "State"), Col("position", "Voted"),
                Col("trades", "Trades", right=True),
                Col("funded_trades", "In companies the bill funds", right=True), money("Range")],
                list(by_member.values()), unit=("member", "members")),
            Section("trades", "Their trades", [
                Col("member_name", "Member"), Col("position", "Voted"), Col("transaction_date", "Trade date",
                                                                            wrap=False),
                Col("days_to_vote", "Days to vote", right=True), Col("transaction_type", "Type"),
                Col("ticker", "Ticker"), Col("issuer_name", "Company"), money("Band"),
                Col("bill_funds_company", "Bill funds it", show=funded), Col("doc_id", "Filing", wrap=False)],
                trades_near, unit=("trade", "trades"),
                note="Days to vote > 0: the trade came before the vote. Bill funds it: yes when the company is "
                     "one the bill funds (see above); no when the bill funds no company; unknown where the data "
                     "cannot say (an arms sale's contractor, or a company not among the DoD contract recipients "
                     "the data lists)."),
        ],
        notes=[f"Official record: {v['official_url']}" if v["official_url"] else "", note],
        data={"vote": v, "window_days": window, "universe": universe, "source": note})


def search(con: duckdb.DuckDBPyConnection, q: str, note: str = "", index: browse.SearchIndex | None = None) -> Doc:
    q = q.strip()
    if not q:
        raise BadRequest("search needs a word: a member's name or bioguide id, a company's name or a ticker")
    if len(q) > 100:
        raise BadRequest("search text is longer than 100 characters")
    found, companies = browse.search(con, q, index=index)
    return Doc(title=f"Search: {q}", sections=[
        Section("members", "Members", [Col("member_name", "Member"), Col("member_id_bioguide", "Bioguide"),
                                       Col("party", "Party"), Col("state", "State"), Col("chamber", "Chamber"),
                                       Col("trades", "Trades (all assets)", right=True)], found,
                unit=("member", "members")),
        Section("companies", "Companies", [
            Col("issuer_name", "Company"), Col("issuer_id", "Id"), Col("tickers", "Tickers"),
            Col("trades", "Trades (all members)", right=True)], companies, unit=("company", "companies")),
    ], notes=[note], data={"q": q, "source": note})
