"""The defense-trading report as a Doc: headline, members, companies, coverage.

When less of a year's record was read than a reader would assume (a year whose paper
filings are not OCR'd, or whose index is mostly not archived), the headline says so first.
"""

from __future__ import annotations

from warstock.amounts import fmt_range, fmt_usd
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
        if c.get("imported"):
            parts.append(f"{plural(c['imported'], 'filing')} not read here carried by an import")
        if c["chamber"] == "house":
            parts.insert(len(parts) - (1 if c.get("imported") else 0), f"{c['not_archived']} not in the archive")
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
             f"of {c['listed']}" + (f"; imports carry {c['imported']} more" if c.get("imported") else "")
             for c in low]
    counted = "what was read and what the imports carry (split below)" if any(c.get("imported") for c in low) \
        else "what was read"
    return "PARTIAL: only part of this year's filings were read (" + "; ".join(parts) + "). The totals below " \
           f"count only {counted}."


def headline(report: DefenseReport) -> str:
    t = report.totals
    if not t.get("trades"):
        return f"No trades in universe companies found for {report.year}."
    return (
        f"{plural(t['members'], 'filer')} traded {report.universe_id} stock {plural(t['trades'], 'time')} in "
        f"{report.year}, between {fmt_usd(t['amount_min_usd'])} and {fmt_usd(t['amount_max_usd'])}"
        + (f" (+{plural(t['open_ended_bands'], 'open-ended band')})" if t["open_ended_bands"] else "")
        + _unread(report)
        + f", in {plural(t['companies'], 'company', 'companies')}, from {plural(t['filings'], 'filing')}."
    )


def _unread(report: DefenseReport) -> str:
    """Trades whose band was not read: by OCR on a paper form, or cut short or missing in an import."""
    by_ocr = sum(o["unread_amounts"] for o in report.origins if o["origin"] == "document")
    by_import = sum(o["unread_amounts"] for o in report.origins if o["origin"] != "document")
    if not report.origins:  # a report made without the split
        by_ocr = report.totals.get("unread_amounts") or 0
    parts = [f"+{plural(by_ocr, 'trade')} whose band OCR did not read"] if by_ocr else []
    if by_import:
        parts.append(f"+{plural(by_import, 'imported trade')} whose band the import cut short or left out")
    return "".join(f" ({p})" for p in parts)


def origin_lines(report: DefenseReport) -> list[str]:
    """Which part of the totals was read from documents and which came from imports, never mixed silently."""
    imported = [o for o in report.origins if o["origin"] != "document"]
    if not imported:
        return []
    parts = []
    for o in report.origins:
        what = "read from documents" if o["origin"] == "document" else f"from {o['origin']}"
        cut = (f"; +{plural(o['truncated_bands'], 'band')} cut short, not read"
               if o.get("truncated_bands") else "")
        money = fmt_range(o["amount_min_usd"], o["amount_max_usd"], o["open_ended_bands"])
        parts.append(f"{what}: {plural(o['trades'], 'trade')}, {money} ({plural(o['members'], 'filer')}, "
                     f"{plural(o['filings'], 'filing')}{cut})")
    return ["Of which " + "; ".join(parts) + ". Imported rows are another project's reading of filings warstock "
            "has not read itself (not archived, failed, or awaiting OCR); where warstock read a filing, its own "
            "reading replaces them. Their dates accuse no one: `conflicts` and `late` show them apart. "
            "Column 'Imported': a member's trades that come from imports."]


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
IMPORTED_COLUMN = Col("imported_trades", "Imported", right=True)
COMPANY_COLUMNS = [
    Col("issuer_name", "Company", show=lambda c: f"{c['issuer_name']} ({c['issuer_id'].upper()})"),
    Col("trades", "Trades", right=True),
    Col("members", "Members", right=True),
    money("Range"),
]


def report_doc(report: DefenseReport, limit: int | None = None) -> Doc:
    types = ", ".join(report.asset_types) if report.asset_types else "all asset types"
    warning = coverage_warning(report)
    lines = [*([warning] if warning else []), headline(report), *origin_lines(report),
             f"Universe: {report.universe_id} — {report.universe_title}. Assets: {types}; trades by transaction "
             "date; every amount is a sum of disclosed bands (low – high). (?) = filer not resolved to a member.",
             "TRADED, not holds: this counts what members bought and sold in the year. What they own is in "
             "`warstock holdings` and `warstock ban-impact`."]
    return Doc(
        title=f"Defense-contractor stock trading by members of Congress, {report.year}",
        lines=lines,
        sections=[
            Section("members", "Members", MEMBER_COLUMNS + ([IMPORTED_COLUMN] if origin_lines(report) else []),
                    report.members, unit=("member", "members"), limit=limit),
            Section("by_company", "By company", COMPANY_COLUMNS, report.issuers, unit=("company", "companies"),
                    limit=10 if limit else None),
        ],
        notes=["Coverage:", *coverage_lines(report), *([report.source_note] if report.source_note else [])],
        data={"year": report.year, "universe": {"id": report.universe_id, "title": report.universe_title},
              "asset_types": list(report.asset_types) if report.asset_types else "all",
              "headline": headline(report), "coverage_warning": warning, "totals": report.totals,
              "by_origin": report.origins,
              "coverage": report.coverage, "source": report.source_note},
    )
