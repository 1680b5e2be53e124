"""The defense-trading report as a Doc: headline, members, companies, coverage.

When less of a year's record was read than a reader would assume (a year whose paper
filings are not OCR'd, or whose index is mostly not archived), the headline says so first.
"""

from __future__ import annotations

from warstock.amounts import fmt_usd
from warstock.analysis.defense import DefenseReport
from warstock.analysis.quality import read_share
from warstock.report.tables import Col, Doc, Section, money, plural

LOW_COVERAGE = 0.9  # below this share of a year's documents read, the headline warns first

PARTY = {"Democrat": "D", "Republican": "R", "Independent": "I"}


def party(p: str | None) -> str:
    return PARTY.get(p or "", p or "?")


def coverage_lines(report: DefenseReport) -> list[str]:
    lines = []
    for c in report.coverage:
        read = c["parsed"] + c["parsed_with_notes"]
        parts = [f"{plural(read, 'PTR')} parsed" + (f" ({c['parsed_with_notes']} with notes)"
                                                      if c["parsed_with_notes"] else "")]
        if c["ocr"]:
            parts.append(f"{plural(c['ocr'], 'paper filing')} read by OCR ({plural(c['ocr_rows'], 'row')}, "
                         f"mean confidence {c['ocr_confidence']}%, {c['ocr_review_rows']} flagged for review)")
        parts.append(f"{c['needs_ocr']} paper awaiting OCR")
        parts.append(f"{c['failed']} failed")
        if c["chamber"] == "house":
            parts.append(f"{c['not_archived']} not in the archive")
            lines.append(f"House {c['year']}: {plural(c['listed'], 'PTR')} in the Clerk's index; " + "; ".join(parts))
        else:
            lines.append(f"Senate {c['year']}: {plural(c['listed'], 'report')} in the archive (no official index "
                         "loaded); " + "; ".join(parts))
    if not report.coverage:
        lines.append("No House index loaded for these years: coverage unknown.")
    return lines


def coverage_warning(report: DefenseReport) -> str | None:
    """A warning for the headline when the year's own record was mostly not read."""
    low = [c for c in report.coverage if c["year"] == report.year and c["listed"] and read_share(c) < LOW_COVERAGE]
    if not low and not any(c["year"] == report.year for c in report.coverage):
        return f"Coverage unknown: no index or report of {report.year} is loaded, so these totals may be partial."
    if not low:
        return None
    parts = [f"{c['chamber'].capitalize()} {c['year']}: read {c['parsed'] + c['parsed_with_notes'] + c['ocr']} "
             f"of {c['listed']}" for c in low]
    return "PARTIAL: only part of this year's filings were read (" + "; ".join(parts) + "). The totals below " \
           "count only what was read."


def headline(report: DefenseReport) -> str:
    t = report.totals
    if not t.get("trades"):
        return f"No trades in universe companies found for {report.year}."
    return (
        f"{plural(t['members'], 'filer')} traded {report.universe_id} stock {plural(t['trades'], 'time')} in "
        f"{report.year}, between {fmt_usd(t['amount_min_usd'])} and {fmt_usd(t['amount_max_usd'])}"
        + (f" (+{plural(t['open_ended_bands'], 'open-ended band')})" if t["open_ended_bands"] else "")
        + (f" (+{plural(t['unread_amounts'], 'trade')} whose band OCR did not read)" if t.get("unread_amounts")
           else "")
        + f", in {plural(t['companies'], 'company', 'companies')}, from {plural(t['filings'], 'filing')}."
    )


MEMBER_COLUMNS = [
    Col("member_name", "Member", show=lambda m: m["member_name"] + ("" if m["member_id_bioguide"] else " (?)"),
        min_width=14),
    Col("party", "Seat", show=lambda m: f"{(m['chamber'] or '?')[:1].upper()} {party(m['party'])}-{m['state'] or '?'}",
        wrap=False),
    Col("trades", "Trades", right=True, min_width=6),
    Col("purchases", "Buy/Sell", right=True, show=lambda m: f"{m['purchases']}/{m['sales']}", wrap=False),
    money("Range"),
    Col("companies", "Companies", min_width=14),
]
COMPANY_COLUMNS = [
    Col("issuer_name", "Company", show=lambda c: f"{c['issuer_name']} ({c['issuer_id'].upper()})"),
    Col("trades", "Trades", right=True),
    Col("members", "Members", right=True),
    money("Range"),
]


def report_doc(report: DefenseReport, limit: int | None = None) -> Doc:
    types = ", ".join(report.asset_types) if report.asset_types else "all asset types"
    warning = coverage_warning(report)
    lines = [*([warning] if warning else []), headline(report),
             f"Universe: {report.universe_id} — {report.universe_title}. Assets: {types}; trades by transaction "
             "date; every amount is a sum of disclosed bands (low – high). (?) = filer not resolved to a member.",
             "TRADED, not holds: this counts what members bought and sold in the year. What they own is in "
             "`warstock holdings` and `warstock ban-impact`."]
    return Doc(
        title=f"Defense-contractor stock trading by members of Congress, {report.year}",
        lines=lines,
        sections=[
            Section("members", "Members", MEMBER_COLUMNS, report.members, unit=("member", "members"), limit=limit),
            Section("by_company", "By company", COMPANY_COLUMNS, report.issuers, unit=("company", "companies"),
                    limit=10 if limit else None),
        ],
        notes=["Coverage:", *coverage_lines(report), *([report.source_note] if report.source_note else [])],
        data={"year": report.year, "universe": {"id": report.universe_id, "title": report.universe_title},
              "asset_types": list(report.asset_types) if report.asset_types else "all",
              "headline": headline(report), "coverage_warning": warning, "totals": report.totals,
              "coverage": report.coverage, "source": report.source_note},
    )
