"""Senate eFD Periodic Transaction Reports (the report page, HTML).

An electronic report page (``https://efdsearch.senate.gov/search/view/ptr/<UUID>/``) has an
``<h1>`` "Periodic Transaction Report for MM/DD/YYYY" (with "(Amendment N)" on amendments), an
``<h2 class="filedReport">`` with the filer ("The Honorable Thomas R Carper (Former Senator)"),
"Filed MM/DD/YYYY @ HH:MM AM", and one table: #, Transaction Date, Owner, Ticker, Asset Name
(details such as coupon and maturity, or option terms, in a muted div), Asset Type, Type,
Amount, Comment. A paper filing is served instead as a "Filing Document - Print View" page
of GIF page images: warstock records it as needing OCR, with its image URLs.
"""

from __future__ import annotations

import re
from typing import Any

from warstock.amounts import BandError, parse_band
from warstock.records import OCR_COLUMNS, Column, ParseResult, parse_us_date
from warstock.sources.clerk_pdf import odd_characters, statutory_or_exact
from warstock.sources.efd_html import (
    FILED_RE,
    body_rows,
    closing_markup,
    header,
    owner,
    paper,
    parse_page,
    text,
    top_divs,
    transaction_type,
    value_or_none,
)
from warstock.sources.spec import Expect, SourceSpec, Table

SPEC = SourceSpec(
    name="senate_ptr",
    publisher="Secretary of the Senate, Office of Public Records (eFD)",
    format="HTML report page; paper filings as a page of GIF images",
    yields="one filing (filer, report date, amendment number, filed date) and its transactions",
    official_url="https://efdsearch.senate.gov/search/view/ptr/{doc_id}/",
    paths=(r"(?:^|/)senate/ptr/(?P<doc>[0-9a-f-]{36})\.html?$",),
    tables=(
        Table("raw_senate__filings", (
        Column("doc_id", "VARCHAR", "eFD report UUID", False),
        Column("filer_name", "VARCHAR", "filer as printed (\"The Honorable ...\")"),
        Column("filer_status", "VARCHAR", "status in parentheses (Senator, Former Senator, ...)"),
        Column("report_date", "DATE", "the report's date (\"Periodic Transaction Report for ...\")"),
        Column("amendment_number", "INTEGER", "0 for an original report, N for \"(Amendment N)\""),
        Column("filed_date", "DATE", "date filed"),
        Column("paper_pages", "INTEGER", "page images of a paper filing"),
        Column("image_urls", "VARCHAR", "page image URLs of a paper filing, space-separated"),
        Column("transaction_count", "INTEGER", "transaction rows read"),
        ), "filing"),
        Table("raw_senate__transactions", (
        Column("doc_id", "VARCHAR", "eFD report UUID", False),
        Column("row_number", "INTEGER", "1-based row in the table", False),
        Column("transaction_number", "VARCHAR", "the # column"),
        Column("transaction_date", "DATE", "date of the trade"),
        Column("owner", "VARCHAR", "self, spouse, joint or dependent_child"),
        Column("ticker", "VARCHAR", "ticker as printed"),
        Column("asset_name", "VARCHAR", "asset as printed"),
        Column("asset_details", "VARCHAR", "details printed under the asset (coupon, maturity, option terms)"),
        Column("asset_type", "VARCHAR", "Senate asset type (Stock, Stock Option, Corporate Bond, ...)"),
        Column("transaction_type", "VARCHAR", "purchase, sale, partial_sale or exchange"),
        Column("amount_text", "VARCHAR", "amount band as printed"),
        Column("amount_min_usd", "BIGINT", "band low"),
        Column("amount_max_usd", "BIGINT", "band high; null for an open-ended band"),
        Column("comment", "VARCHAR", "comment"),
        *OCR_COLUMNS,
        )),
    ),
    parser_version="senate_ptr/1.2",
    expect=Expect(rows_per_document=(1, 2000)),
    caveats="amendments restate the whole report; paper filings are images (need OCR)",
)

ASSET_TYPES = {"Stock", "Stock Option", "Other Securities", "Other", "Corporate Bond", "Municipal Security",
               "Non-Public Stock", "Mutual Fund", "Exchange Traded Fund", "Government Security",
               "Cryptocurrency", "Commodities/Futures Contract", "PDF Disclosed Filing", "Bank Deposit",
               "Hedge Fund", "Private Equity Fund", "Real Estate", "Annuity", "Brokerage Account"}
COLUMNS = ["#", "Transaction Date", "Owner", "Ticker", "Asset Name", "Asset Type", "Type", "Amount", "Comment"]

_TITLE = re.compile(r"Periodic Transaction Report for (\d{1,2}/\d{1,2}/\d{4})(?:\s*\(Amendment\s+(\d+)\))?", re.I)


def parse(data: bytes, *, doc_id: str | None = None) -> ParseResult:
    """One eFD PTR page in, its filing and transactions out. A page that is not whole (cut
    short, damaged bytes, a row missing from the # sequence, a band no statute prints) is read
    as far as it goes and noted at level ``incomplete``, so it never passes as complete."""
    return parse_page(data, lambda root: _parse(root, doc_id, data))


def _parse(root: Any, doc_id: str | None, data: bytes) -> ParseResult:
    h1 = root.find(".//h1")
    heading = text(h1)
    if heading.startswith("Filing Document"):
        filing = {"doc_id": doc_id, "filer_name": None, "filer_status": None, "report_date": None,
                  "amendment_number": None, "filed_date": None}
        stub = paper(root, filing, no_images="paper filing stub lists no page images",
                     needs_ocr="needs OCR: paper filing, {n} page image(s)")
        closing_markup(data, stub, table=False)  # a cut stub lists fewer page images
        return stub
    m = _TITLE.search(heading)
    if not m:
        return ParseResult("failed", f"unknown layout: heading {heading[:80]!r}")
    result = ParseResult("parsed")
    filer_raw = text(root.find(".//h2"))
    status = None
    sm = re.search(r"\(([^)]*)\)\s*$", filer_raw)
    if sm:
        status = sm.group(1)
        filer_raw = filer_raw[: sm.start()].strip()
    filed = FILED_RE.search(text(root))
    result.filing = {
        "doc_id": doc_id, "filer_name": filer_raw or None, "filer_status": status,
        "report_date": parse_us_date(m.group(1)), "amendment_number": int(m.group(2) or 0),
        "filed_date": parse_us_date(filed.group(1)) if filed else None, "paper_pages": None,
    }
    tables = root.findall(".//table")
    if not tables:
        return ParseResult("failed", "unknown layout: no transactions table", filing=result.filing)
    table = tables[0]
    found = header(table)
    if found != COLUMNS:
        return ParseResult("failed", f"unknown layout: columns {found}", filing=result.filing)
    for n, cells in body_rows(table, len(COLUMNS), result):
        result.records.append(_row(cells, n, result))
    result.filing["transaction_count"] = len(result.records)
    closing_markup(data, result, table=True)
    _check_numbers(result)
    for key in ("filer_name", "filer_status"):
        odd = odd_characters(result.filing[key] or "")
        if odd:
            result.note("odd_characters", f"{key} has characters no filing prints: {odd!r}", level="incomplete")
    if not result.records:
        result.note("no_transactions", "the report's table has no rows")
        result.status = "parsed_with_notes"
        return result
    return result.finish("no transactions")


def _check_numbers(result: ParseResult) -> None:
    """The # column numbers the report's rows 1..N (in any order: eFD lists them newest
    first, and amended reports mix them); a gap is a row lost, a repeat a row doubled."""
    numbers: list[int] = []
    for rec in result.records:
        raw = rec["transaction_number"] or ""
        if not raw.isdigit():
            result.note("row_number_unreadable", f"# {raw!r} is not a row number", level="incomplete",
                        row_number=rec["row_number"])
            continue
        numbers.append(int(raw))
    if len(numbers) < len(result.records):
        return
    seen = set(numbers)
    repeated = sorted(n for n in seen if numbers.count(n) > 1)
    missing = sorted(set(range(1, max(numbers, default=0) + 1)) - seen)
    if repeated:
        result.note("row_number_repeated", f"# {', '.join(map(str, repeated))} printed more than once",
                    level="incomplete")
    if missing:
        shown = ", ".join(map(str, missing[:20])) + (" ..." if len(missing) > 20 else "")
        result.note("row_number_gap", f"# {shown} missing from 1..{max(numbers)}", level="incomplete")


def _row(cells: list[Any], n: int, result: ParseResult) -> dict[str, Any]:
    def note(code: str, msg: str, level: str = "note") -> None:
        result.note(code, msg, level=level, row_number=n)

    number, tdate, owner_cell, ticker, asset, asset_type, ttype, amount, comment = cells
    # muted <div>s under the name: option terms, coupon and maturity, or "Company:" and
    # "Description:" of a private holding (two divs)
    divs = top_divs(asset)
    detail_text = " ".join(t for t in (text(d) for d in divs) if t) or None
    for d in divs:
        d.drop_tree()
    rec: dict[str, Any] = {"row_number": n, "transaction_number": value_or_none(text(number))}
    rec["transaction_date"] = parse_us_date(text(tdate))
    if rec["transaction_date"] is None:
        note("bad_transaction_date", f"transaction date {text(tdate)!r}", "row_unreadable")
    rec["owner"] = owner(text(owner_cell), result, n)
    rec["ticker"] = value_or_none(text(ticker))
    rec["asset_name"] = value_or_none(text(asset))
    rec["asset_details"] = detail_text or None
    rec["asset_type"] = value_or_none(text(asset_type))
    if rec["asset_type"] and rec["asset_type"] not in ASSET_TYPES:
        note("unknown_asset_type", f"asset type {rec['asset_type']!r} not in the known list")
    rec["transaction_type"] = transaction_type(text(ttype), result, n)
    rec["amount_text"] = value_or_none(text(amount))
    rec["amount_min_usd"] = rec["amount_max_usd"] = None
    try:
        band = parse_band(rec["amount_text"] or "")
        rec["amount_min_usd"], rec["amount_max_usd"] = band.low, band.high
        if not statutory_or_exact(band):
            note("non_statutory_amount", f"amount {rec['amount_text']!r} is not a statutory band", "incomplete")
    except BandError:
        note("bad_amount", f"amount {rec['amount_text']!r} is not a band", "row_unreadable")
    rec["comment"] = value_or_none(text(comment))
    for key in ("transaction_number", "ticker", "asset_name", "asset_details", "comment"):
        odd = odd_characters(rec[key] or "")
        if odd:
            note("odd_characters", f"{key} has characters no filing prints: {odd!r}", "incomplete")
    return rec
