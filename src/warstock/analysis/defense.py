"""Who traded universe (defense-contractor) stock in a year, and for how much.

Money is a range: the sum of band lows and the sum of band highs; open-ended bands are
counted beside the high (their low is in both sums, their high is unknown).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from warstock.analysis.quality import coverage
from warstock.warehouse.db import in_year, in_year_args, rows

EQUITY_CODES = ("ST", "OP")


@dataclass
class DefenseReport:
    year: int
    universe_id: str
    universe_title: str
    asset_types: tuple[str, ...] | None
    members: list[dict[str, Any]] = field(default_factory=list)
    totals: dict[str, Any] = field(default_factory=dict)
    coverage: list[dict[str, Any]] = field(default_factory=list)
    issuers: list[dict[str, Any]] = field(default_factory=list)
    origins: list[dict[str, Any]] = field(default_factory=list)  # the totals split by where rows were read
    source_note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "universe": {"id": self.universe_id, "title": self.universe_title},
            "asset_types": list(self.asset_types) if self.asset_types else "all",
            "members": self.members,
            "totals": self.totals,
            "by_company": self.issuers,
            "by_origin": self.origins,
            "coverage": self.coverage,
            "source": self.source_note,
        }


# a band with no upper bound ("Over $50,000,000") vs a trade whose band OCR did not read
BAND_COUNTS = ("count(*) FILTER (WHERE amount_min_usd IS NOT NULL AND amount_max_usd IS NULL) AS open_ended_bands, "
               "count(*) FILTER (WHERE amount_min_usd IS NULL) AS unread_amounts")


def asset_type_filter(asset_types: tuple[str, ...] | None) -> tuple[str, list[Any]]:
    """A SQL condition (with its parameters) keeping only these asset type codes."""
    if not asset_types:
        return "", []
    return f" AND asset_type_code IN ({', '.join('?' for _ in asset_types)})", list(asset_types)


def defense_trading(con: duckdb.DuckDBPyConnection, year: int, universe_id: str,
                    asset_types: tuple[str, ...] | None = EQUITY_CODES) -> DefenseReport:
    report = DefenseReport(year, universe_id, universe_title(con, universe_id), asset_types)
    where, params = asset_type_filter(asset_types)
    base = f"""
        FROM out_universe__trades
        WHERE universe_id = ? AND {in_year("transaction_date")} {where}"""
    args = [universe_id, *in_year_args(year), *params]
    report.members = rows(con, f"""
        SELECT coalesce(member_id_bioguide, 'unresolved: ' || filer_name) AS member_key,
               member_id_bioguide,
               any_value(member_name) AS member_name,
               arg_max(member_chamber, transaction_date) AS chamber,  -- as of the member's latest trade
               arg_max(party, transaction_date) AS party,
               arg_max(state, transaction_date) AS state,
               count(*) AS trades,
               count(*) FILTER (WHERE transaction_type = 'purchase') AS purchases,
               count(*) FILTER (WHERE transaction_type IN ('sale', 'partial_sale')) AS sales,
               sum(amount_min_usd) AS amount_min_usd,
               sum(coalesce(amount_max_usd, amount_min_usd)) AS amount_max_usd,
               {BAND_COUNTS},
               string_agg(DISTINCT coalesce(ticker, upper(issuer_id)), ', '
                          ORDER BY coalesce(ticker, upper(issuer_id))) AS companies,
               count(DISTINCT doc_id) AS filings,
               count(*) FILTER (WHERE origin <> 'document') AS imported_trades
        {base}
        GROUP BY ALL
        ORDER BY amount_max_usd DESC NULLS LAST, amount_min_usd DESC, member_name""", args)
    tot = con.execute(f"""
        SELECT count(*), count(DISTINCT coalesce(member_id_bioguide, filer_name)),
               coalesce(sum(amount_min_usd), 0),
               coalesce(sum(coalesce(amount_max_usd, amount_min_usd)), 0),
               {BAND_COUNTS},
               count(DISTINCT issuer_id), count(DISTINCT doc_id)
        {base}""", args).fetchone()
    assert tot is not None
    report.totals = dict(zip(
        ["trades", "members", "amount_min_usd", "amount_max_usd", "open_ended_bands",
         "unread_amounts", "companies", "filings"], tot, strict=True))
    report.issuers = rows(con, f"""
        SELECT issuer_id, any_value(issuer_name) AS issuer_name, count(*) AS trades,
               count(DISTINCT coalesce(member_id_bioguide, filer_name)) AS members,
               sum(amount_min_usd) AS amount_min_usd,
               sum(coalesce(amount_max_usd, amount_min_usd)) AS amount_max_usd,
               {BAND_COUNTS}
        {base}
        GROUP BY ALL ORDER BY amount_max_usd DESC NULLS LAST, trades DESC, issuer_id""", args)
    # documents first, then each import: a total never mixes them without saying how much is whose
    report.origins = rows(con, f"""
        SELECT origin, count(*) AS trades, count(DISTINCT coalesce(member_id_bioguide, filer_name)) AS members,
               sum(amount_min_usd) AS amount_min_usd, sum(coalesce(amount_max_usd, amount_min_usd)) AS amount_max_usd,
               {BAND_COUNTS}, count(*) FILTER (WHERE amount_truncated) AS truncated_bands,
               count(DISTINCT doc_id) AS filings
        {base}
        GROUP BY origin ORDER BY origin <> 'document', origin""", args)
    report.coverage = coverage(con, [year, year + 1])
    return report


def universe_title(con: duckdb.DuckDBPyConnection, universe_id: str) -> str:
    """The edition's title; ValueError naming the known editions if there is no such edition."""
    row = con.execute("SELECT title FROM core_universe__editions WHERE universe_id = ?", [universe_id]).fetchone()
    if row is None:
        known = [r[0] for r in con.execute("SELECT universe_id FROM core_universe__editions ORDER BY 1").fetchall()]
        raise ValueError(f"unknown universe {universe_id!r}; known: {', '.join(known)}")
    return str(row[0])


def universe_issuers(con: duckdb.DuckDBPyConnection, universe_id: str) -> set[str]:
    return {r[0] for r in con.execute("SELECT DISTINCT issuer_id FROM core_universe__memberships "
                                      "WHERE universe_id = ?", [universe_id]).fetchall()}


def universes(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return rows(con, """
        SELECT e.universe_id, count(DISTINCT m.issuer_id) AS companies, any_value(e.title) AS title
        FROM core_universe__editions e LEFT JOIN core_universe__memberships m USING (universe_id)
        GROUP BY 1 ORDER BY 1""")
