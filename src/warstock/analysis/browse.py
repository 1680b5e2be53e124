"""Questions the dashboard asks beyond the report: one year's trades filtered by chamber, party
and committee set; a company's trades and who made them; a key vote and the trades around it;
search by name, company or ticker.

Every parameter reaches SQL as a bound parameter; only fixed fragments chosen here are
pasted into the text.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import duckdb

from warstock.analysis.defense import BAND_COUNTS, EQUITY_CODES, asset_type_filter
from warstock.warehouse.db import in_year, in_year_args, rows

SEP = "\x00"  # between the names in SearchIndex.names

SUMS = ("sum(amount_min_usd) AS amount_min_usd, sum(coalesce(amount_max_usd, amount_min_usd)) AS amount_max_usd, "
        + BAND_COUNTS)
TRADE_COLUMNS = """t.transaction_date, t.member_id_bioguide, t.member_name, t.party, t.state,
    t.member_chamber AS chamber, t.transaction_type, t.owner, t.ticker, t.issuer_id, t.issuer_name,
    t.asset_name, t.asset_type_code, t.amount_text, t.amount_min_usd, t.amount_max_usd, t.read_method,
    t.needs_review, t.filing_date, t.doc_id, t.page, t.row_number, t.source_url, t.origin"""


@dataclass(frozen=True)
class Filters:
    """Which universe trades a page counts. None = no filter on that field."""
    year: int | None
    universe: str
    chamber: str | None = None  # house, senate
    party: str | None = None  # Democrat, Republican, Independent
    committees: str | None = None  # a committee set: the member sat on one of its committees on the trade date
    member: str | None = None  # bioguide id
    issuer: str | None = None
    asset_types: tuple[str, ...] | None = EQUITY_CODES
    committee: str | None = None  # one committee's code: the member sat on it on the trade date

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause over out_universe__trades aliased ``t``, with its parameters."""
        sql: list[str] = ["t.universe_id = ?"]
        args: list[Any] = [self.universe]
        if self.year is not None:
            sql.append(in_year("t.transaction_date"))
            args += in_year_args(self.year)
        for column, value in (("t.member_chamber", self.chamber), ("t.party", self.party),
                              ("t.member_id_bioguide", self.member), ("t.issuer_id", self.issuer)):
            if value is not None:
                sql.append(f"{column} = ?")
                args.append(value)
        if self.committees is not None:
            sql.append("""EXISTS (SELECT 1 FROM core_congress__seats s JOIN core_congress__committee_sets cs
                USING (committee_code) WHERE cs.set_id = ? AND s.member_id_bioguide = t.member_id_bioguide
                AND s.valid_from <= t.transaction_date
                AND (s.ends_before IS NULL OR t.transaction_date < s.ends_before))""")
            args.append(self.committees)
        if self.committee is not None:
            sql.append("""EXISTS (SELECT 1 FROM core_congress__seats s WHERE s.committee_code = ?
                AND s.member_id_bioguide = t.member_id_bioguide AND s.valid_from <= t.transaction_date
                AND (s.ends_before IS NULL OR t.transaction_date < s.ends_before))""")
            args.append(self.committee)
        types, targs = asset_type_filter(self.asset_types)
        return " AND ".join(sql) + types.replace("asset_type_code", "t.asset_type_code"), args + targs


def years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Years with any current trade, newest first."""
    return [r[0] for r in con.execute("""SELECT DISTINCT year(transaction_date) FROM core_transactions
        WHERE is_current AND transaction_date IS NOT NULL ORDER BY 1 DESC""").fetchall()]


def parties(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT DISTINCT party FROM core_members WHERE party IS NOT NULL ORDER BY 1")
            .fetchall()]


def members(con: duckdb.DuckDBPyConnection, f: Filters) -> list[dict[str, Any]]:
    where, args = f.where()
    return rows(con, f"""
        SELECT coalesce(t.member_id_bioguide, 'unresolved: ' || t.filer_name) AS member_key,
               t.member_id_bioguide, any_value(t.member_name) AS member_name,
               arg_max(t.member_chamber, t.transaction_date) AS chamber,
               arg_max(t.party, t.transaction_date) AS party, arg_max(t.state, t.transaction_date) AS state,
               count(*) AS trades,
               count(*) FILTER (WHERE t.transaction_type = 'purchase') AS purchases,
               count(*) FILTER (WHERE t.transaction_type IN ('sale', 'partial_sale')) AS sales,
               {SUMS},
               string_agg(DISTINCT coalesce(t.ticker, upper(t.issuer_id)), ', '
                          ORDER BY coalesce(t.ticker, upper(t.issuer_id))) AS companies,
               count(DISTINCT t.doc_id) AS filings
        FROM out_universe__trades t WHERE {where}
        GROUP BY ALL ORDER BY amount_max_usd DESC NULLS LAST, amount_min_usd DESC, member_name""", args)


def totals_by(con: duckdb.DuckDBPyConnection, f: Filters, by: str) -> list[dict[str, Any]]:
    """Trades and range grouped by 'issuer', 'party', 'chamber' or 'month'."""
    key = {"issuer": "t.issuer_id, any_value(t.issuer_name) AS issuer_name",
           "party": "coalesce(t.party, '(unresolved)') AS party",
           "chamber": "t.member_chamber AS chamber",
           "month": "strftime(t.transaction_date, '%Y-%m') AS month"}[by]
    order = "month" if by == "month" else "amount_max_usd DESC NULLS LAST, trades DESC, 1"
    where, args = f.where()
    return rows(con, f"""
        SELECT {key}, count(*) AS trades, count(DISTINCT coalesce(t.member_id_bioguide, t.filer_name)) AS members,
               {SUMS}
        FROM out_universe__trades t WHERE {where} GROUP BY ALL ORDER BY {order}""", args)


def totals_by_committee(con: duckdb.DuckDBPyConnection, f: Filters) -> list[dict[str, Any]]:
    """Trades and range per full committee (subcommittees left out) the trading member sat on
    on the trade date: a trade counts once under each such committee, so the rows add up to
    more than the total."""
    where, args = f.where()
    return rows(con, f"""
        WITH pairs AS (
            SELECT DISTINCT s.committee_code, t.member_id_bioguide, t.doc_id, t.page, t.row_number, t.origin,
                   t.transaction_date, t.issuer_id, t.amount_min_usd, t.amount_max_usd
            FROM out_universe__trades t
            JOIN core_congress__seats s ON s.member_id_bioguide = t.member_id_bioguide
             AND s.valid_from <= t.transaction_date AND (s.ends_before IS NULL OR t.transaction_date < s.ends_before)
            WHERE {where})
        SELECT p.committee_code, any_value(coalesce(c.committee_name, p.committee_code)) AS committee_name,
               count(*) AS trades, count(DISTINCT p.member_id_bioguide) AS members, {SUMS}
        FROM pairs p LEFT JOIN (SELECT committee_code, any_value(committee_name) AS committee_name,
                                       bool_or(parent_code IS NOT NULL) AS is_sub
                                FROM core_congress__committees GROUP BY 1) c USING (committee_code)
        WHERE NOT coalesce(c.is_sub, false)
        GROUP BY p.committee_code ORDER BY amount_max_usd DESC NULLS LAST, trades DESC, 1""", args)


def trades(con: duckdb.DuckDBPyConnection, f: Filters, limit: int | None = None) -> list[dict[str, Any]]:
    where, args = f.where()
    return rows(con, f"""SELECT {TRADE_COLUMNS} FROM out_universe__trades t WHERE {where}
        ORDER BY t.transaction_date, t.member_name, t.doc_id, t.row_number""" + (" LIMIT ?" if limit else ""),
                args + ([limit] if limit else []))


def issuer(con: duckdb.DuckDBPyConnection, issuer_id: str) -> dict[str, Any] | None:
    found = rows(con, """SELECT i.issuer_id, i.name AS issuer_name, i.sec_cik, i.sec_title,
            (SELECT string_agg(DISTINCT ticker, ', ' ORDER BY ticker) FROM core_universe__tickers k
             WHERE k.issuer_id = $1) AS tickers,
            (SELECT string_agg(DISTINCT alias, '; ' ORDER BY alias) FROM core_universe__aliases a
             WHERE a.issuer_id = $1) AS aliases,
            (SELECT string_agg(DISTINCT subsidiary, '; ' ORDER BY subsidiary) FROM core_universe__subsidiaries s
             WHERE s.issuer_id = $1) AS subsidiaries
        FROM core_universe__issuers i WHERE i.issuer_id = $1""", [issuer_id])  # not correlated: ~5x cheaper to plan
    return found[0] if found else None


def issuer_editions(con: duckdb.DuckDBPyConnection, issuer_id: str) -> list[dict[str, Any]]:
    return rows(con, """SELECT m.universe_id, e.title, e.completeness, m.rank, m.source
        FROM core_universe__memberships m JOIN core_universe__editions e USING (universe_id)
        WHERE m.issuer_id = ? ORDER BY m.universe_id, m.rank, m.source""",
                [issuer_id])


def issuer_members(con: duckdb.DuckDBPyConnection, f: Filters) -> list[dict[str, Any]]:
    """Who traded the company (f.issuer), with first and last trade dates."""
    where, args = f.where()
    return rows(con, f"""
        SELECT t.member_id_bioguide, any_value(t.member_name) AS member_name,
               arg_max(t.party, t.transaction_date) AS party, arg_max(t.state, t.transaction_date) AS state,
               arg_max(t.member_chamber, t.transaction_date) AS chamber, count(*) AS trades,
               min(t.transaction_date) AS first_trade, max(t.transaction_date) AS last_trade, {SUMS}
        FROM out_universe__trades t WHERE {where}
        GROUP BY ALL ORDER BY amount_max_usd DESC NULLS LAST, member_name""", args)


def issuer_seats(con: duckdb.DuckDBPyConnection, f: Filters) -> list[dict[str, Any]]:
    """Committee seats the company's traders held on the dates they traded it."""
    where, args = f.where()
    return rows(con, f"""
        SELECT t.member_id_bioguide, any_value(t.member_name) AS member_name, s.committee_code,
               min(s.committee_name) AS committee_name, min(s.title) AS title,
               count(*) AS trades_while_seated, min(t.transaction_date) AS first_trade,
               max(t.transaction_date) AS last_trade,
               bool_or(cs.set_id IS NOT NULL) AS in_defense_set
        FROM out_universe__trades t
        JOIN core_congress__seats s ON s.member_id_bioguide = t.member_id_bioguide
         AND s.valid_from <= t.transaction_date AND (s.ends_before IS NULL OR t.transaction_date < s.ends_before)
        LEFT JOIN core_congress__committee_sets cs ON cs.committee_code = s.committee_code AND cs.set_id = 'defense'
        WHERE {where}
        GROUP BY t.member_id_bioguide, s.committee_code
        ORDER BY member_name, in_defense_set DESC, s.committee_code""", args)


def key_vote(con: duckdb.DuckDBPyConnection, vote_id: str) -> dict[str, Any] | None:
    """The vote, its tallies, and what its bill funds (core_congress__vote_funding)."""
    found = rows(con, """SELECT v.*, f.funds, f.basis AS funding_basis FROM out_key_votes v
        LEFT JOIN core_congress__vote_funding f ON f.topic = v.topic WHERE v.vote_id = ?""", [vote_id])
    return found[0] if found else None


def key_vote_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT vote_id FROM core_congress__key_votes ORDER BY 1").fetchall()]


def vote_by_party(con: duckdb.DuckDBPyConnection, vote_id: str) -> list[dict[str, Any]]:
    return rows(con, """SELECT coalesce(party, '?') AS party,
            sum(members) FILTER (WHERE position = 'yea') AS yea, sum(members) FILTER (WHERE position = 'nay') AS nay,
            sum(members) FILTER (WHERE position = 'present') AS present,
            sum(members) FILTER (WHERE position = 'not_voting') AS not_voting
        FROM out_key_votes__by_party WHERE vote_id = ? GROUP BY ALL ORDER BY 1""", [vote_id])


def vote_trades(con: duckdb.DuckDBPyConnection, vote_id: str, universe: str, window_days: int,
                asset_types: tuple[str, ...] | None = EQUITY_CODES) -> list[dict[str, Any]]:
    """Universe trades within ``window_days`` of the vote by members who voted on it."""
    types, targs = asset_type_filter(asset_types)
    return rows(con, f"""
        SELECT member_name, member_id_bioguide, party, state, position, transaction_date, days_to_vote,
               transaction_type, owner, ticker, issuer_id, issuer_name, amount_min_usd, amount_max_usd,
               doc_id, row_number, source_url, vote_url, bill_funds_company
        FROM out_conflicts__votes
        WHERE vote_id = ? AND universe_id = ? AND abs(days_to_vote) <= ? {types}
        ORDER BY member_name, transaction_date, doc_id, row_number""", [vote_id, universe, window_days, *targs])


@dataclass(frozen=True)
class SearchIndex:
    """Every member and company with what a search matches on, held in memory, so a search is
    not three SQL queries. Members (every member ever, ~12,000 with the historical list) are
    matched on one joined string of their names, searched with str.find: a Python test per
    member took ~8 ms a search, this well under 1 ms."""
    members: list[dict[str, Any]]
    companies: list[dict[str, Any]]
    tickers: dict[str, set[str]]  # issuer id -> lower-case tickers
    aliases: dict[str, list[str]]  # issuer id -> lower-case aliases
    member_keys: list[tuple[str, str, str]] = field(default_factory=list)  # lower name, id, last name
    # the lower-case names joined by SEP in member order, where each starts, and the members
    # each exact id or last name points to (their positions in ``members``)
    names: str = ""
    starts: list[int] = field(default_factory=list)
    exact: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, con: duckdb.DuckDBPyConnection) -> SearchIndex:
        members = rows(con, """
            SELECT m.member_id_bioguide, m.member_name, m.party, m.state, m.chamber, coalesce(t.n, 0) AS trades,
                   m.last_name
            FROM core_members m
            LEFT JOIN (SELECT member_id_bioguide, count(*) AS n FROM core_transactions WHERE is_current
                       GROUP BY 1) t USING (member_id_bioguide)
            ORDER BY trades DESC, m.member_name, m.member_id_bioguide""")
        companies = rows(con, """
            SELECT i.issuer_id, i.name AS issuer_name,
                   (SELECT string_agg(DISTINCT ticker, ', ' ORDER BY ticker) FROM core_universe__tickers k
                    WHERE k.issuer_id = i.issuer_id) AS tickers,
                   coalesce(t.n, 0) AS trades
            FROM core_universe__issuers i
            LEFT JOIN (SELECT issuer_id, count(*) AS n FROM core_transactions WHERE is_current GROUP BY 1) t
              USING (issuer_id)
            ORDER BY trades DESC, i.name, i.issuer_id""")
        tickers: dict[str, set[str]] = defaultdict(set)
        for issuer, ticker in con.execute("SELECT issuer_id, lower(ticker) FROM core_universe__tickers").fetchall():
            tickers[issuer].add(ticker)
        aliases: dict[str, list[str]] = defaultdict(list)
        for issuer, alias in con.execute("SELECT issuer_id, lower(alias) FROM core_universe__aliases").fetchall():
            aliases[issuer].append(alias)
        keys = [((m["member_name"] or "").lower().replace(SEP, " "), m["member_id_bioguide"].lower(),
                 (m.pop("last_name") or "").lower()) for m in members]
        starts, at = [], 0
        exact: dict[str, list[int]] = defaultdict(list)
        for i, (name, bioguide, last) in enumerate(keys):
            starts.append(at)
            at += len(name) + len(SEP)
            for k in {bioguide, last}:
                exact[k].append(i)
        names = SEP.join(k[0] for k in keys) + SEP
        return cls(members, companies, dict(tickers), dict(aliases), keys, names, starts, dict(exact))

    def find(self, q: str, limit: int = 50) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        like = q.strip().lower()
        found = [self.members[i] for i in self._member_positions(like, limit)]
        companies = [c for c in self.companies
                     if like in (c["issuer_name"] or "").lower() or like == c["issuer_id"].lower()
                     or like in self.tickers.get(c["issuer_id"], ())
                     or any(like in a for a in self.aliases.get(c["issuer_id"], ()))]
        companies.sort(key=lambda c: c["issuer_id"].lower() != like)  # stable: an exact id first
        return found, companies[:limit]

    def _member_positions(self, like: str, limit: int) -> list[int]:
        """The first ``limit`` members (in index order) whose name contains ``like`` or whose id
        or last name is ``like``. The joined names are in index order, so the first ``limit``
        lines holding a match, with the exact hits, hold the answer."""
        if SEP in like:  # no name holds the separator
            hits: set[int] = set()
        elif not like:  # every name contains the empty string
            hits = set(range(min(limit, len(self.members))))
        else:
            hits = set()
            pos = self.names.find(like)
            while pos >= 0 and len(hits) < limit:
                line = bisect.bisect_right(self.starts, pos) - 1
                hits.add(line)
                nxt = line + 1
                pos = self.names.find(like, self.starts[nxt]) if nxt < len(self.starts) else -1
        return sorted(hits.union(self.exact.get(like, ())))[:limit]


def search(con: duckdb.DuckDBPyConnection, q: str, limit: int = 50, index: SearchIndex | None = None,
           ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(members, companies) whose name, id, alias or ticker contains ``q`` (case-insensitive):
    members by trades, then name; companies with an exact id first, then by trades and name.
    ``index``: one built before (the dashboard keeps one for its read-only copy)."""
    return (index or SearchIndex.build(con)).find(q, limit)


def tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every core_ and out_ table or view, for `warstock export`."""
    return [r[0] for r in con.execute("""SELECT table_name FROM information_schema.tables
        WHERE table_name LIKE 'core\\_%' ESCAPE '\\' OR table_name LIKE 'out\\_%' ESCAPE '\\'
        ORDER BY table_name""").fetchall()]
