"""Who owns what: positions from annual reports carried forward through PTR trades, net worth
ranges, and what a ban on owning would make members sell.

Owning is not trading. A position rests on one of two things, always said:
- a **reported holding**: a row of an annual report (House Schedule A, Senate Part 3) with
  its value band as of the report's date, then carried forward through the member's later PTR
  trades of the same asset by the same owner: a full sale ends it, a partial sale leaves it
  held with its value unknown beyond the band reported, a purchase after a sale opens it again;
- **trades only**: where no annual report of the member is loaded, a position is inferred
  from the PTR trades alone (a purchase opens one, a full sale ends it); its value is not
  known, only the band of the trades.

Every money figure is a sum of bands (low, high), open-ended bands and unknown values
counted apart; nothing is a point estimate.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb

from warstock.analysis.defense import universe_issuers
from warstock.warehouse.db import in_year, in_year_args, rows

BUYS = ("purchase",)
SALES = ("sale",)  # a full sale; a partial sale leaves the position held
# an exchange can be the way in or the way out (a merger, a conversion): it leaves the position
# as it was, with its value no longer known
# a row read from a document's text, or by OCR without a review flag (an imported row is neither)
CONFIDENT = "(t.read_method = 'text' OR NOT coalesce(t.needs_review, true))"


@dataclass
class Position:
    member_id_bioguide: str
    member_name: str | None
    owner: str | None
    asset_key: str  # issuer id where the asset matched one, else ticker, else the printed name
    issuer_id: str | None
    asset_name: str | None
    ticker: str | None
    asset_type_code: str | None
    basis: str  # reported_holding | trades_only
    status: str  # held | sold
    as_of: date  # the date the position is told for
    reported_as_of: date | None = None
    value_min_usd: int | None = None
    value_max_usd: int | None = None
    open_ended: int = 0
    value_known: bool = True  # false: held, but no band says for how much (inferred, or partly sold)
    held_from: date | None = None  # the first document date in the chain that shows it held
    sold_on: date | None = None
    trades: int = 0
    last_document_date: date | None = None
    documents: list[str] = field(default_factory=list)
    source_urls: list[str] = field(default_factory=list)
    not_on_later_report: date | None = None

    @property
    def rests_on(self) -> str:
        if self.basis == "reported_holding":
            text = f"reported holding as of {self.reported_as_of}"
            if self.not_on_later_report:
                return text + f"; not on the report as of {self.not_on_later_report}: ended by then"
            if self.status == "sold" and self.sold_on == self.reported_as_of:
                text += " (value None: disposed of during the year it covers)"
            return text + (f", carried through {self.trades} later trade{'s' if self.trades != 1 else ''}"
                           if self.trades else "")
        if self.basis == "trades_after_report":
            return (f"trades after the report as of {self.reported_as_of}, which does not list it "
                    f"({self.trades} trade{'s' if self.trades != 1 else ''})")
        return f"trades only ({self.trades} trade{'s' if self.trades != 1 else ''}; no annual report loaded)"

    def as_row(self) -> dict[str, Any]:
        return {
            "member_id_bioguide": self.member_id_bioguide, "member_name": self.member_name, "owner": self.owner,
            "issuer_id": self.issuer_id, "asset_name": self.asset_name, "ticker": self.ticker,
            "asset_type_code": self.asset_type_code, "status": self.status, "basis": self.basis,
            "rests_on": self.rests_on, "as_of": self.as_of, "reported_as_of": self.reported_as_of,
            "amount_min_usd": self.value_min_usd, "amount_max_usd": self.value_max_usd,
            "open_ended_bands": self.open_ended, "unread_amounts": 0 if self.value_known else 1,
            "value_known": self.value_known, "held_from": self.held_from, "sold_on": self.sold_on,
            "trades": self.trades, "last_document_date": self.last_document_date,
            "documents": ", ".join(self.documents), "source_url": self.source_urls[0] if self.source_urls else None,
        }


_KEY = "coalesce(issuer_id, upper(ticker), lower(trim(asset_name)))"


def positions(con: duckdb.DuckDBPyConnection, as_of: date, member: str | None = None) -> list[Position]:
    """Every position of every member (or one) as of a date: held then, or sold on or before
    it after the report or trades that showed it held."""
    where, params = ("AND member_id_bioguide = ?", [member]) if member else ("", [])
    # min(), not any_value(): two runs over the same warehouse must give the same names and links
    reported = rows(con, f"""
        SELECT member_id_bioguide, min(coalesce(m.member_name, h.filer_name)) AS member_name, owner,
               {_KEY} AS asset_key,
               min(issuer_id) AS issuer_id, min(asset_name) AS asset_name, min(ticker) AS ticker,
               min(asset_type_code) AS asset_type_code, as_of_date, doc_id, min(source_url) AS source_url,
               min(filing_date) AS filing_date,
               sum(value_min_usd) AS value_min_usd, sum(coalesce(value_max_usd, value_min_usd)) AS value_max_usd,
               count(*) FILTER (WHERE value_min_usd IS NOT NULL AND value_max_usd IS NULL) AS open_ended,
               bool_and(value_min_usd IS NOT NULL) AS value_known,
               bool_and(value_category = 'none') AS disposed
        FROM core_holdings h LEFT JOIN core_members m USING (member_id_bioguide)
        WHERE is_current AND member_id_bioguide IS NOT NULL AND as_of_date <= ? {where}
          AND NOT coalesce(h.needs_review, false)  -- a holding OCR read with doubt is told apart
        GROUP BY member_id_bioguide, owner, asset_key, as_of_date, doc_id
        ORDER BY as_of_date, doc_id, member_id_bioguide, owner, asset_key""", [as_of, *params])
    trades = rows(con, f"""
        SELECT member_id_bioguide, coalesce(m.member_name, t.filer_name) AS member_name, t.owner,
               coalesce(t.issuer_id, upper(t.ticker), lower(trim(t.asset_name))) AS asset_key, t.issuer_id,
               t.asset_name, t.ticker, t.asset_type_code, t.transaction_date, t.transaction_type,
               t.amount_min_usd, t.amount_max_usd, t.doc_id, t.source_url, t.first_reported_date
        FROM core_transactions t LEFT JOIN core_members m USING (member_id_bioguide)
        WHERE t.is_current AND t.member_id_bioguide IS NOT NULL AND t.transaction_date <= ? AND {CONFIDENT}
          {where.replace('member_id_bioguide', 't.member_id_bioguide')}
        ORDER BY t.transaction_date, t.doc_id, t.row_number""", [as_of, *params])
    # the member's latest report decides what was held on its date: a holding it no longer lists,
    # or a position inferred from earlier trades that it does not list, had ended by then
    last_report = dict(con.execute(
        f"SELECT member_id_bioguide, max(as_of_date) FROM core_annual__filings WHERE is_current AND "
        f"member_id_bioguide IS NOT NULL AND as_of_date <= ? AND report_type IN ('annual', 'termination', "
        f"'new_filer') {where} GROUP BY 1", [as_of, *params]).fetchall())
    latest: dict[tuple[str, str | None, str], dict[str, Any]] = {}
    for r in reported:  # ordered by date: the last one wins
        latest[(r["member_id_bioguide"], r["owner"], r["asset_key"])] = r
    by_key: dict[tuple[str, str | None, str], list[dict[str, Any]]] = defaultdict(list)
    for t in trades:
        by_key[(t["member_id_bioguide"], t["owner"], t["asset_key"])].append(t)
    out = []
    for key in sorted(set(latest) | set(by_key), key=lambda k: (k[0], k[1] or "", k[2] or "")):
        rep, ts = latest.get(key), by_key.get(key, [])
        if rep is not None:
            p = Position(key[0], rep["member_name"], key[1], key[2], rep["issuer_id"], rep["asset_name"],
                         rep["ticker"], rep["asset_type_code"], "reported_holding", "held", as_of,
                         reported_as_of=rep["as_of_date"], value_min_usd=rep["value_min_usd"],
                         value_max_usd=rep["value_max_usd"], open_ended=rep["open_ended"],
                         value_known=bool(rep["value_known"]) and rep["value_min_usd"] is not None,
                         held_from=rep["as_of_date"], last_document_date=rep["filing_date"] or rep["as_of_date"],
                         documents=[rep["doc_id"]], source_urls=[rep["source_url"]] if rep["source_url"] else [])
            if rep["disposed"]:  # value "None" at the report's date: held during its year, gone by its end
                p.status, p.sold_on, p.value_known = "sold", rep["as_of_date"], False
                p.value_min_usd = p.value_max_usd = None
            later = last_report.get(key[0])
            if later is not None and later > rep["as_of_date"]:  # the later report does not list it
                p.status, p.sold_on, p.value_known = "sold", later, False
                p.value_min_usd = p.value_max_usd = None
                p.not_on_later_report = later
            cutoff = later if later is not None and later > rep["as_of_date"] else rep["as_of_date"]
            ts = [t for t in ts if t["transaction_date"] > cutoff]
        elif ts:
            later = last_report.get(key[0])
            if later is not None:  # a report later than these trades does not list the asset
                ts = [t for t in ts if t["transaction_date"] > later]
            if not ts:
                continue
            ts_first = ts[0]
            p = Position(key[0], ts_first["member_name"], key[1], key[2], ts_first["issuer_id"],
                         ts_first["asset_name"], ts_first["ticker"], ts_first["asset_type_code"],
                         "trades_only" if later is None else "trades_after_report", "held", as_of,
                         value_known=False, reported_as_of=later)
        else:
            continue
        _carry(p, ts)
        if p.basis != "reported_holding" and p.held_from is None:
            continue  # only sales of something never shown held (and never bought): nothing to tell
        out.append(p)
    return out


def doubtful_holdings(con: duckdb.DuckDBPyConnection, as_of: date, member: str | None = None) -> list[dict[str, Any]]:
    """Holdings rows of current reports as of a date that OCR read with doubt: never a position,
    shown apart with the reason."""
    where, params = ("AND member_id_bioguide = ?", [member]) if member else ("", [])
    return rows(con, f"""
        SELECT coalesce(m.member_name, h.filer_name) AS member_name, h.owner, h.asset_name, h.value_text,
               h.value_min_usd AS amount_min_usd, h.value_max_usd AS amount_max_usd, h.review_reason, h.doc_id,
               h.page, h.row_number, h.as_of_date, h.source_url
        FROM core_holdings h LEFT JOIN core_members m USING (member_id_bioguide)
        WHERE h.is_current AND h.needs_review AND h.as_of_date <= ? {where}
        ORDER BY member_name, h.doc_id, h.row_number""", [as_of, *params])


def series(con: duckdb.DuckDBPyConnection, first: int, last: int, member: str | None = None,
           issuers: set[str] | None = None) -> list[dict[str, Any]]:
    """Holdings as a time series: for each year end from FIRST to LAST, every position held on
    that day or ended during that year, per member, owner and asset, with its value band and what
    it rests on (the same carrying forward as `positions`, told at each 31 December)."""
    out = []
    for year in range(first, last + 1):
        end = date(year, 12, 31)
        for p in positions(con, end, member):
            if issuers is not None and p.issuer_id not in issuers:
                continue
            if p.status == "sold" and (p.sold_on is None or p.sold_on.year != year):
                continue  # ended in an earlier year: already told there
            out.append({"year_end": end, **p.as_row()})
    return out


def _carry(p: Position, trades: list[dict[str, Any]]) -> None:
    """Walk the trades after the report (or all of them) in date order."""
    for t in trades:
        p.trades += 1
        p.documents.append(t["doc_id"])
        if t["source_url"] and t["source_url"] not in p.source_urls:
            p.source_urls.append(t["source_url"])
        p.last_document_date = max(filter(None, [p.last_document_date, t["first_reported_date"],
                                                 t["transaction_date"]]))
        kind = t["transaction_type"]
        if kind in SALES:
            if p.held_from is None:  # trades only: a sale shows it was held before
                p.held_from = t["transaction_date"]
            p.status, p.sold_on = "sold", t["transaction_date"]
            p.value_min_usd = p.value_max_usd = None
            p.open_ended, p.value_known = 0, False
        elif kind in BUYS:
            if p.status == "sold" or p.basis == "trades_only" and p.held_from is None:
                p.held_from = p.held_from or t["transaction_date"]
                p.status, p.sold_on = "held", None
            p.value_known = False  # bought more (or again): the value is no longer the band reported
        elif kind == "exchange":
            p.value_known = False
        elif kind == "partial_sale":
            if p.held_from is None:
                p.held_from = t["transaction_date"]
            p.value_known = False
    if not p.value_known and p.status == "held":
        p.value_min_usd = p.value_max_usd = None
        p.open_ended = 0


def members_with_reports(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows(con, """SELECT member_id_bioguide, doc_id, report_type, report_year, as_of_date, source_url
                          FROM core_annual__filings WHERE is_current AND member_id_bioguide IS NOT NULL
                          ORDER BY as_of_date"""):
        out[r["member_id_bioguide"]].append(r)
    return out


def net_worth(con: duckdb.DuckDBPyConnection, member: str | None = None) -> list[dict[str, Any]]:
    """Per member and report: assets minus liabilities, as a range (low = assets low - liabilities
    high, high = assets high - liabilities low), with the bands that have no dollar figure or no
    upper bound counted apart.

    An account listed with a value of its own and with valued holdings under it ("IRA ⇒ Lockheed
    Martin") is read both ways the form allows: its value may include its holdings or be only the
    rest (cash). So the low counts the larger of the two lows, not their sum, and the high counts
    both: no double count on the low side, nothing lost on the high side (`nested_accounts`).
    Rows OCR read with doubt (flagged for review) are left out of the sums and counted
    (`rows_flagged`)."""
    where, params = ("AND f.member_id_bioguide = ?", [member]) if member else ("", [])
    return rows(con, f"""
        WITH held AS (SELECT * FROM core_holdings WHERE NOT coalesce(needs_review, false)),
        owed AS (SELECT * FROM core_liabilities WHERE NOT coalesce(needs_review, false)),
        flagged AS (
            SELECT doc_id, count(*) AS n FROM (
                SELECT doc_id FROM core_holdings WHERE needs_review
                UNION ALL SELECT doc_id FROM core_liabilities WHERE needs_review) GROUP BY doc_id),
        nested AS (
            SELECT p.doc_id, p.row_number, any_value(p.value_min_usd) AS parent_min,
                   sum(c.value_min_usd) AS children_min
            FROM held p
            JOIN held c ON c.doc_id = p.doc_id AND c.subholding_of = p.asset_name
                                AND c.row_number <> p.row_number
            WHERE p.value_min_usd IS NOT NULL AND c.value_min_usd IS NOT NULL
            GROUP BY p.doc_id, p.row_number),
        overlap AS (
            SELECT doc_id, sum(least(parent_min, children_min)) AS overlap_min, count(*) AS nested_accounts
            FROM nested GROUP BY doc_id),
        a AS (
            SELECT doc_id, sum(value_min_usd) - coalesce(any_value(o.overlap_min), 0) AS assets_min,
                   sum(coalesce(value_max_usd, value_min_usd)) AS assets_max,
                   count(*) AS assets, count(*) FILTER (WHERE value_min_usd IS NOT NULL AND value_max_usd IS NULL)
                     AS assets_open_ended,
                   count(*) FILTER (WHERE value_min_usd IS NULL) AS assets_without_band,
                   coalesce(any_value(o.nested_accounts), 0) AS nested_accounts
            FROM held LEFT JOIN overlap o USING (doc_id) GROUP BY doc_id),
        l AS (
            SELECT doc_id, sum(amount_min_usd) AS liabilities_min,
                   sum(coalesce(amount_max_usd, amount_min_usd)) AS liabilities_max, count(*) AS liabilities,
                   count(*) FILTER (WHERE amount_min_usd IS NOT NULL AND amount_max_usd IS NULL)
                     AS liabilities_open_ended
            FROM owed GROUP BY doc_id)
        SELECT f.member_id_bioguide, coalesce(m.member_name, f.filer_name) AS member_name, f.chamber, f.doc_id,
               f.report_type, f.report_year, f.as_of_date, f.source_url,
               coalesce(a.assets, 0) AS assets, coalesce(a.assets_min, 0) AS assets_min_usd,
               coalesce(a.assets_max, 0) AS assets_max_usd, coalesce(a.assets_open_ended, 0) AS assets_open_ended,
               coalesce(a.assets_without_band, 0) AS assets_without_band,
               coalesce(a.nested_accounts, 0) AS nested_accounts, coalesce(fl.n, 0) AS rows_flagged,
               coalesce(l.liabilities, 0) AS liabilities, coalesce(l.liabilities_min, 0) AS liabilities_min_usd,
               coalesce(l.liabilities_max, 0) AS liabilities_max_usd,
               coalesce(l.liabilities_open_ended, 0) AS liabilities_open_ended,
               coalesce(a.assets_min, 0) - coalesce(l.liabilities_max, 0) AS amount_min_usd,
               coalesce(a.assets_max, 0) - coalesce(l.liabilities_min, 0) AS amount_max_usd
        FROM core_annual__filings f
        LEFT JOIN a USING (doc_id) LEFT JOIN l USING (doc_id) LEFT JOIN flagged fl USING (doc_id)
        LEFT JOIN core_members m USING (member_id_bioguide)
        WHERE f.is_current AND f.member_id_bioguide IS NOT NULL {where}
        ORDER BY member_name, f.as_of_date, f.doc_id""", params)


# --- ban policies ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Policy:
    policy_id: str
    title: str
    owners: tuple[str, ...]
    assets: str  # universe | individual_stocks
    covered_asset_types: tuple[str, ...]
    exempt_asset_types: tuple[str, ...]
    universe: str | None  # an edition, or "widest-dod": the DoD edition with the most companies
    committee_set: str | None
    source: str


def policies(con: duckdb.DuckDBPyConnection) -> dict[str, Policy]:
    out = {}
    for r in rows(con, "SELECT * FROM core_policies ORDER BY policy_id"):
        def split(v: str | None) -> tuple[str, ...]:
            return tuple(x for x in (v or "").split(";") if x)
        out[r["policy_id"]] = Policy(r["policy_id"], r["title"], split(r["owners"]), r["assets"],
                                     split(r["covered_asset_types"]), split(r["exempt_asset_types"]),
                                     r["universe"] or None, r["committee_set"] or None, r["source"])
    return out


def policy_universe(con: duckdb.DuckDBPyConnection, policy: Policy, override: str | None = None) -> str | None:
    if policy.assets != "universe":
        return None
    if override:
        return override
    if policy.universe == "widest-dod":
        row = con.execute("""SELECT universe_id FROM core_universe__memberships WHERE universe_id LIKE 'dod-%'
                             GROUP BY 1 ORDER BY count(DISTINCT issuer_id) DESC, universe_id DESC LIMIT 1""").fetchone()
        return str(row[0]) if row else None
    return policy.universe


@dataclass
class BanImpact:
    policy: Policy
    year: int
    universe: str | None
    members: list[dict[str, Any]]
    positions: list[dict[str, Any]]
    trades: list[dict[str, Any]]
    totals: dict[str, Any]


def ban_impact(con: duckdb.DuckDBPyConnection, policy: Policy, year: int, universe: str | None = None) -> BanImpact:
    """What the policy would have prohibited in YEAR: positions held at any time in the year
    (as of its last day, or sold during it), and purchases made in it, by covered owners of
    covered members in covered assets; per member, what the estimate rests on."""
    uni = policy_universe(con, policy, universe)
    issuers = universe_issuers(con, uni) if uni else set()
    end, start = date(year, 12, 31), date(year, 1, 1)
    on_committee: set[str] | None = None
    if policy.committee_set:
        on_committee = {r[0] for r in con.execute("""
            SELECT DISTINCT s.member_id_bioguide FROM core_congress__seats s
            JOIN core_congress__committee_sets c ON c.committee_code = s.committee_code AND c.set_id = ?
            WHERE s.valid_from <= ? AND (s.ends_before IS NULL OR s.ends_before > ?)""",
            [policy.committee_set, end, start]).fetchall()}

    terms: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for bioguide, t_start, t_end in con.execute(
            "SELECT DISTINCT member_id_bioguide, term_start, term_end FROM core_member_terms "
            "WHERE term_start IS NOT NULL AND term_end IS NOT NULL").fetchall():
        terms[bioguide].append((t_start, t_end))

    def in_office(member: str, on: date) -> bool:
        """A ban binds members in office (a term ends at noon on its last day: it no longer counts)."""
        return any(t_start <= on < t_end for t_start, t_end in terms.get(member, []))

    def covered(owner: str | None, issuer: str | None, code: str | None, member: str, on: date) -> bool:
        if not in_office(member, on):
            return False
        if owner not in policy.owners or (on_committee is not None and member not in on_committee):
            return False
        if code in policy.exempt_asset_types:
            return False
        if policy.assets == "universe":
            return issuer in issuers and (code in policy.covered_asset_types or code is None)
        return code in policy.covered_asset_types

    held = [p for p in positions(con, end)
            if (p.status == "held" and covered(p.owner, p.issuer_id, p.asset_type_code, p.member_id_bioguide, end))
            or (p.status == "sold" and p.sold_on is not None and p.sold_on >= start
                and covered(p.owner, p.issuer_id, p.asset_type_code, p.member_id_bioguide, p.sold_on))]
    pos_rows = [p.as_row() for p in held]
    trade_rows = rows(con, f"""
        SELECT t.member_id_bioguide, coalesce(m.member_name, t.filer_name) AS member_name, t.owner, t.issuer_id,
               t.ticker, t.asset_name, t.asset_type_code, t.transaction_date, t.transaction_type, t.amount_min_usd,
               t.amount_max_usd, t.doc_id, t.row_number, t.source_url, t.read_method,
               {CONFIDENT} AS confident
        FROM core_transactions t LEFT JOIN core_members m USING (member_id_bioguide)
        WHERE t.is_current AND t.member_id_bioguide IS NOT NULL AND {in_year("t.transaction_date")}
          AND t.transaction_type = 'purchase'
        ORDER BY member_name, t.transaction_date, t.doc_id, t.row_number""", in_year_args(year))
    trade_rows = [t for t in trade_rows if covered(t["owner"], t["issuer_id"], t["asset_type_code"],
                                                   t["member_id_bioguide"], t["transaction_date"])]
    doubtful = [t for t in trade_rows if not t["confident"]]  # a paper form's date in doubt, or an import's
    trade_rows = [t for t in trade_rows if t["confident"]]
    reports = members_with_reports(con)
    members: dict[str, dict[str, Any]] = {}
    for r in pos_rows + trade_rows:
        m = members.setdefault(r["member_id_bioguide"], {
            "member_id_bioguide": r["member_id_bioguide"], "member_name": r["member_name"], "positions": 0,
            "held_at_year_end": 0, "amount_min_usd": 0, "amount_max_usd": 0, "open_ended_bands": 0,
            "unread_amounts": 0, "prohibited_trades": 0})
        if "status" in r:
            m["positions"] += 1
            m["held_at_year_end"] += r["status"] == "held"
            if r["status"] == "held":
                if r["value_known"]:
                    m["amount_min_usd"] += r["amount_min_usd"] or 0
                    m["amount_max_usd"] += r["amount_max_usd"] or 0
                    m["open_ended_bands"] += r["open_ended_bands"]
                else:
                    m["unread_amounts"] += 1
        else:
            m["prohibited_trades"] += 1
    for bioguide, m in members.items():
        reps = [r for r in reports.get(bioguide, []) if r["as_of_date"] <= end]
        if reps:
            last = reps[-1]
            m["rests_on"] = (f"holdings reported as of {last['as_of_date']} ({last['report_type']} report "
                             f"{last['doc_id']}), carried forward through later PTR trades to {end}")
        elif any(r["as_of_date"] > end for r in reports.get(bioguide, [])):
            m["rests_on"] = f"trades only for {year}: the member's annual reports loaded are of later years"
        else:
            m["rests_on"] = f"trades only: no annual report of this member for {year} or before is loaded"
    member_rows = sorted(members.values(), key=lambda m: (-(m["amount_max_usd"] or 0), -m["positions"],
                                                          m["member_name"] or ""))
    totals = {"members": len(member_rows), "positions": len(pos_rows),
              "held_at_year_end": sum(m["held_at_year_end"] for m in member_rows),
              "amount_min_usd": sum(m["amount_min_usd"] for m in member_rows),
              "amount_max_usd": sum(m["amount_max_usd"] for m in member_rows),
              "open_ended_bands": sum(m["open_ended_bands"] for m in member_rows),
              "unread_amounts": sum(m["unread_amounts"] for m in member_rows),
              "prohibited_trades": len(trade_rows),
              "doubtful_purchases_not_counted": len(doubtful),
              "members_on_reports": sum(1 for m in member_rows if m["rests_on"].startswith("holdings")),
              "members_on_trades_only": sum(1 for m in member_rows if m["rests_on"].startswith("trades only"))}
    return BanImpact(policy, year, uni, member_rows, pos_rows, trade_rows, totals)
