"""Who traded universe (defense-contractor) stock in a year, and for how much.

Money is a range: the sum of band lows and the sum of band highs; open-ended bands are
counted beside the high (their low is in both sums, their high is unknown).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

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
    source_note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "universe": {"id": self.universe_id, "title": self.universe_title},
            "asset_types": list(self.asset_types) if self.asset_types else "all",
            "members": self.members,
            "totals": self.totals,
            "by_company": self.issuers,
            "coverage": self.coverage,
            "source": self.source_note,
        }


# a band with no upper bound ("Over $50,000,000") vs a trade whose band OCR did not read
BAND_COUNTS = ("count(*) FILTER (WHERE amount_min_usd IS NOT NULL AND amount_max_usd IS NULL) AS open_ended_bands, "
               "count(*) FILTER (WHERE amount_min_usd IS NULL) AS unread_amounts")


def _dicts(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def _filter(asset_types: tuple[str, ...] | None) -> tuple[str, list[Any]]:
    if not asset_types:
        return "", []
    return f" AND asset_type_code IN ({', '.join('?' for _ in asset_types)})", list(asset_types)


def defense_trading(con: duckdb.DuckDBPyConnection, year: int, universe_id: str,
                    asset_types: tuple[str, ...] | None = EQUITY_CODES) -> DefenseReport:
    title_row = con.execute("SELECT title FROM core_universe__editions WHERE universe_id = ?",
                            [universe_id]).fetchone()
    if title_row is None:
        known = [r[0] for r in con.execute(
            "SELECT universe_id FROM core_universe__editions ORDER BY 1").fetchall()]
        raise ValueError(f"unknown universe {universe_id!r}; known: {', '.join(known)}")
    report = DefenseReport(year, universe_id, title_row[0], asset_types)
    where, params = _filter(asset_types)
    base = f"""
        FROM out_universe__trades
        WHERE universe_id = ? AND year(transaction_date) = ? {where}"""
    args = [universe_id, year, *params]
    report.members = _dicts(con.execute(f"""
        SELECT coalesce(member_id_bioguide, 'unresolved: ' || filer_name) AS member_key,
               member_id_bioguide,
               any_value(member_name) AS member_name,
               any_value(member_chamber) AS chamber,
               any_value(party) AS party,
               any_value(state) AS state,
               count(*) AS trades,
               count(*) FILTER (WHERE transaction_type = 'purchase') AS purchases,
               count(*) FILTER (WHERE transaction_type IN ('sale', 'partial_sale')) AS sales,
               sum(amount_min_usd) AS amount_min_usd,
               sum(coalesce(amount_max_usd, amount_min_usd)) AS amount_max_usd,
               {BAND_COUNTS},
               string_agg(DISTINCT coalesce(ticker, upper(issuer_id)), ', '
                          ORDER BY coalesce(ticker, upper(issuer_id))) AS companies,
               count(DISTINCT doc_id) AS filings
        {base}
        GROUP BY ALL
        ORDER BY amount_max_usd DESC NULLS LAST, amount_min_usd DESC, member_name""", args))
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
    report.issuers = _dicts(con.execute(f"""
        SELECT issuer_id, any_value(issuer_name) AS issuer_name, count(*) AS trades,
               count(DISTINCT coalesce(member_id_bioguide, filer_name)) AS members,
               sum(amount_min_usd) AS amount_min_usd,
               sum(coalesce(amount_max_usd, amount_min_usd)) AS amount_max_usd,
               {BAND_COUNTS}
        {base}
        GROUP BY ALL ORDER BY amount_max_usd DESC NULLS LAST, trades DESC, issuer_id""", args))
    report.coverage = coverage(con, [year, year + 1])
    return report


def coverage(con: duckdb.DuckDBPyConnection, years: list[int]) -> list[dict[str, Any]]:
    """Per chamber and year: the House PTRs the Clerk's index lists, the Senate reports
    warstock has, and what became of each."""
    return _dicts(con.execute(f"""
        SELECT chamber, year,
               count(*) AS listed,
               count(*) FILTER (WHERE status = 'parsed') AS parsed,
               count(*) FILTER (WHERE status = 'parsed_with_notes') AS parsed_with_notes,
               count(*) FILTER (WHERE status = 'needs_ocr') AS needs_ocr,
               count(*) FILTER (WHERE status IN ('ocr', 'ocr_with_review')) AS ocr,
               count(*) FILTER (WHERE status = 'ocr_with_review') AS ocr_with_review,
               coalesce(sum(ocr_rows), 0) AS ocr_rows,
               coalesce(sum(ocr_review_rows), 0) AS ocr_review_rows,
               round(sum(ocr_confidence * ocr_rows) / nullif(sum(ocr_rows), 0), 1) AS ocr_confidence,
               count(*) FILTER (WHERE status = 'failed') AS failed,
               count(*) FILTER (WHERE status = 'not_archived') AS not_archived
        FROM out_coverage
        WHERE year IN ({', '.join('?' for _ in years)})
        GROUP BY ALL ORDER BY chamber, year""", years))
