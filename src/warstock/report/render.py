"""The defense-trading report as text (Rich), Markdown, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from typing import Any

from rich.console import Console
from rich.table import Table

from warstock.amounts import fmt_sum, fmt_usd
from warstock.analysis.defense import DefenseReport

MEMBER_COLUMNS = [
    "member_name", "member_id_bioguide", "chamber", "party", "state", "trades", "purchases",
    "sales", "amount_min_usd", "amount_max_usd", "open_ended_bands", "unread_amounts", "companies", "filings",
]


def _party(p: str | None) -> str:
    return {"Democrat": "D", "Republican": "R", "Independent": "I"}.get(p or "", p or "?")


def coverage_lines(report: DefenseReport) -> list[str]:
    lines = []
    for c in report.coverage:
        parsed = f"parsed {c['parsed'] + c['parsed_with_notes']} ({c['parsed_with_notes']} with notes)"
        ocr = ""
        if c.get("ocr"):
            ocr = (f"; {c['ocr']} paper filings read by OCR ({c['ocr_rows']} rows, mean confidence "
                   f"{c['ocr_confidence']}%, {c['ocr_review_rows']} rows flagged for review)")
        if c["chamber"] == "house":
            lines.append(f"House {c['year']} index: {c['listed']} PTRs listed; {parsed}{ocr}; {c['needs_ocr']} "
                         f"scanned, awaiting OCR; {c['failed']} failed; {c['not_archived']} not in the archive")
        else:
            lines.append(f"Senate {c['year']}: {c['listed']} reports in the archive (no official index "
                         f"loaded); {parsed}{ocr}; {c['needs_ocr']} paper, awaiting OCR; {c['failed']} failed")
    if not report.coverage:
        lines.append("No House index loaded for these years: coverage unknown.")
    return lines


def headline(report: DefenseReport) -> str:
    t = report.totals
    if not t.get("trades"):
        return f"No trades in universe companies found for {report.year}."
    return (
        f"{t['members']} filers traded {report.universe_id} stock {t['trades']} times in "
        f"{report.year}, between {fmt_usd(t['amount_min_usd'])} and "
        f"{fmt_usd(t['amount_max_usd'])}"
        + (f" (+{t['open_ended_bands']} open-ended bands)" if t["open_ended_bands"] else "")
        + (f" (+{t['unread_amounts']} trades whose band OCR did not read)" if t.get("unread_amounts") else "")
        + f", in {t['companies']} companies, from {t['filings']} filings."
    )


def render_text(report: DefenseReport, console: Console, limit: int | None = None) -> None:
    console.print(f"[bold]Defense-contractor stock trading by members of Congress, {report.year}[/]")
    console.print(f"Universe: {report.universe_id} — {report.universe_title}")
    types = ", ".join(report.asset_types) if report.asset_types else "all asset types"
    console.print(f"Assets: {types}; trades by transaction date; amounts are band ranges.")
    console.print()
    table = Table(show_lines=False)
    for col, kw in (("Member", {"no_wrap": True}), ("Ch.", {}), ("Party", {}), ("St.", {}),
                    ("Trades", {"justify": "right"}), ("Buy/Sell", {"justify": "right"}),
                    ("Range (low – high)", {"justify": "right", "no_wrap": True}),
                    ("Companies", {"overflow": "fold"})):
        table.add_column(col, **kw)
    rows = report.members[:limit] if limit else report.members
    for m in rows:
        table.add_row(
            m["member_name"] + ("" if m["member_id_bioguide"] else " (unresolved)"),
            (m["chamber"] or "")[:1].upper(), _party(m["party"]), m["state"] or "",
            str(m["trades"]), f"{m['purchases']}/{m['sales']}",
            fmt_sum(m),
            m["companies"] or "",
        )
    console.print(table)
    if limit and len(report.members) > limit:
        console.print(f"… and {len(report.members) - limit} more (use --limit 0 for all)")
    console.print(f"[bold]{headline(report)}[/]")
    console.print()
    companies = Table(title="By company (top 10)")
    for col in ("Company", "Trades", "Members", "Range (low – high)"):
        companies.add_column(col, justify="left" if col == "Company" else "right")
    for c in report.issuers[:10]:
        companies.add_row(f"{c['issuer_name']} ({c['issuer_id'].upper()})", str(c["trades"]), str(c["members"]),
                          fmt_sum(c))
    console.print(companies)
    console.print()
    console.print("[bold]Coverage[/]")
    for line in coverage_lines(report):
        console.print("  " + line)
    if report.source_note:
        console.print(f"[dim]{report.source_note}[/]")


def render_markdown(report: DefenseReport) -> str:
    out = [f"# Defense-contractor stock trading, {report.year}", "",
           f"Universe: `{report.universe_id}` — {report.universe_title}", "",
           headline(report), "",
           "| Member | Chamber | Party | State | Trades | Buy/Sell | Range | Companies |",
           "|---|---|---|---|---:|---:|---:|---|"]
    for m in report.members:
        out.append(
            f"| {m['member_name']} | {m['chamber'] or ''} | {_party(m['party'])} | {m['state'] or ''} "
            f"| {m['trades']} | {m['purchases']}/{m['sales']} "
            f"| {fmt_sum(m)} "
            f"| {m['companies'] or ''} |")
    out += ["", "## By company", "", "| Company | Trades | Members | Range |", "|---|---:|---:|---:|"]
    out += [f"| {c['issuer_name']} ({c['issuer_id'].upper()}) | {c['trades']} | {c['members']} "
            f"| {fmt_sum(c)} |" for c in report.issuers]
    out += ["", "## Coverage", ""] + [f"- {line}" for line in coverage_lines(report)]
    if report.source_note:
        out += ["", report.source_note]
    return "\n".join(out) + "\n"


def render_csv(report: DefenseReport) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["year", "universe_id", *MEMBER_COLUMNS])
    w.writeheader()
    for m in report.members:
        w.writerow({"year": report.year, "universe_id": report.universe_id,
                    **{k: m.get(k) for k in MEMBER_COLUMNS}})
    return buf.getvalue()


def _json_default(o: Any) -> Any:
    if isinstance(o, date | datetime):
        return o.isoformat()
    raise TypeError(type(o).__name__)


def render_json(report: DefenseReport) -> str:
    return json.dumps(report.as_dict(), indent=2, default=_json_default)
