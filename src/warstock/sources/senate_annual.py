"""Senate eFD annual Financial Disclosure reports (the report page, HTML).

What the page looks like (``https://efdsearch.senate.gov/search/view/annual/<UUID>/``, e.g. the
Blackburn and Slotkin reports for calendar 2024, both "Amendment 1"): an ``<h1>`` "Annual
Report for Calendar 2024" (with "(Amendment N)" on amendments), an ``<h2 class="filedReport">``
with the filer ("Mrs. Marsha Blackburn (Blackburn, Marsha)": name, then last, first), "Filed
MM/DD/YYYY @ HH:MM AM", then one ``<section class="card">`` per part, each headed by an
``<h3>`` "Part N. Title" and a yes/no question; where the answer is yes, a table follows:

- Part 3. Assets: (row number, "3.1" for an asset held in account 3), Asset (name in
  ``<strong>``, a ticker as a link before " - ", details in muted divs: location, "Type:",
  "Company:", "Description:", "Provider:", "Filer comment:"), Asset Type (category, with the
  sub-type in a muted div), Owner, Value, Income Type, Income.
- Part 4b. Transactions: #, Owner, Ticker, Asset Name, Transaction Type, Transaction Date,
  Amount, Comments.
- Part 7. Liabilities: #, Incurred, Debtor, Type, Points, Rate (Term), Amount, Creditor (with
  its location in a muted div), Comments.

Values and incomes are bands as on the House form, or words: value "--" (an account whose
holdings are listed under it), "Unascertainable"; income "None (or less than $201)", or
"Other $5,138.46" (an exact figure). A paper filing is served as a "Filing Document" page of
GIF page images: it comes back as ``needs_ocr``.
"""

from __future__ import annotations

import re
from typing import Any

from warstock.amounts import Band, BandError, parse_band
from warstock.records import Column, ParseResult, parse_us_date
from warstock.sources import efd_html
from warstock.sources.efd_html import (
    FILED_RE,
    body_rows,
    owner,
    paper,
    parse_page,
    top_divs,
    transaction_type,
    value_or_none,
)
from warstock.sources.spec import Expect, SourceSpec, Table

PARSER_VERSION = "senate_annual/1.0"

# --- categories (explicit lookups; an unknown value is a parse note, never a default) ------

REPORT_TYPES = {"ANNUAL": "annual", "CANDIDATE": "candidate", "NEW FILER": "new_filer",
                "TERMINATION": "termination", "TERMINATED FILER": "termination"}
# eFD asset categories (the Asset Type column's first line).
ASSET_TYPES = {
    "Accounts Receivable", "Annuity", "Bank Deposit", "Brokerage/Managed Account", "Business Entity",
    "Commodities/Futures", "Corporate Securities", "Cryptocurrency", "Deferred Compensation",
    "Education Savings Plans", "Farm", "Government Securities", "Intellectual Property", "Life Insurance",
    "Mutual Funds", "Other Securities", "Personal Property", "Real Estate", "Retirement Plans", "Trust",
    "UGMA/UTMA", "Other",
}
# Value cells that are not dollar bands (same categories as the House table).
VALUE_WORDS = {"--": "not_reported", "UNASCERTAINABLE": "undetermined", "NONE": "none",
               "NONE (OR LESS THAN $1,001)": "none"}
INCOME_WORDS = {"NONE (OR LESS THAN $201)": "none", "NONE": "none", "--": "not_reported"}

# --- columns (the warehouse appends the provenance columns) --------------------------------

FILING_COLUMNS = (
    Column("doc_id", "VARCHAR", "eFD report UUID (or the archived file's name)", False),
    Column("filer_name", "VARCHAR", "filer as printed (\"Mrs. Marsha Blackburn\")"),
    Column("filer_sort_name", "VARCHAR", "name in parentheses after it (\"Blackburn, Marsha\")"),
    Column("report_type_text", "VARCHAR", "report kind as printed in the title (Annual, Candidate, ...)"),
    Column("report_type", "VARCHAR", "annual, candidate, new_filer or termination"),
    Column("report_year", "INTEGER", "calendar year covered (\"Report for Calendar 2024\")"),
    Column("amendment_number", "INTEGER", "0 for an original report, N for \"(Amendment N)\""),
    Column("filed_date", "DATE", "date filed"),
    Column("paper_pages", "INTEGER", "page images of a paper filing"),
    Column("image_urls", "VARCHAR", "page image URLs of a paper filing, space-separated"),
    Column("holding_count", "INTEGER", "Part 3 asset rows read"),
    Column("transaction_count", "INTEGER", "Part 4b transaction rows read"),
    Column("liability_count", "INTEGER", "Part 7 liability rows read"),
)
HOLDING_COLUMNS = (
    Column("doc_id", "VARCHAR", "eFD report UUID", False),
    Column("row_number", "INTEGER", "1-based row in Part 3", False),
    Column("row_label", "VARCHAR", "the row's number as printed (\"3\", \"3.1\" for an asset held in account 3)"),
    Column("owner", "VARCHAR", "self, spouse, joint or dependent_child"),
    Column("asset_name", "VARCHAR", "asset as printed, ticker removed"),
    Column("ticker", "VARCHAR", "ticker as printed (the link before \" - \", or in parentheses after the name)"),
    Column("asset_type", "VARCHAR", "eFD asset category (Corporate Securities, Mutual Funds, Bank Deposit, ...)"),
    Column("asset_subtype", "VARCHAR", "sub-type printed under it (Stock, Mutual Fund, Variable Annuity, ...)"),
    Column("subholding_of", "VARCHAR", "asset name of the account row the asset is listed under"),
    Column("value_text", "VARCHAR", "Value as printed (null for \"--\")"),
    Column("value_category", "VARCHAR", "band, undetermined (Unascertainable), none or not_reported (\"--\")"),
    Column("value_min_usd", "BIGINT", "value band low; null unless value_category = band"),
    Column("value_max_usd", "BIGINT", "value band high; null for an open-ended band or a non-band value"),
    Column("income_type", "VARCHAR", "Income Type as printed (Dividends, Capital Gains, Interest, ...)"),
    Column("income_text", "VARCHAR", "Income as printed"),
    Column("income_category", "VARCHAR", "band, exact (\"Other $5,138.46\"), none or not_reported"),
    Column("income_min_usd", "BIGINT", "income low (the figure itself when exact)"),
    Column("income_max_usd", "BIGINT", "income high; null for an open-ended band"),
    Column("description", "VARCHAR", "details printed under the asset (Type:, Company:, Description:, Provider:)"),
    Column("location", "VARCHAR", "location printed under the asset"),
    Column("comments", "VARCHAR", "Filer comment printed under the asset"),
)
TRANSACTION_COLUMNS = (
    Column("doc_id", "VARCHAR", "eFD report UUID", False),
    Column("row_number", "INTEGER", "1-based row in Part 4b", False),
    Column("transaction_number", "VARCHAR", "the # column"),
    Column("owner", "VARCHAR", "self, spouse, joint or dependent_child"),
    Column("ticker", "VARCHAR", "ticker as printed (null for \"--\")"),
    Column("asset_name", "VARCHAR", "asset as printed"),
    Column("transaction_type", "VARCHAR", "purchase, sale, partial_sale or exchange"),
    Column("transaction_date", "DATE", "date of the trade"),
    Column("amount_text", "VARCHAR", "amount band as printed"),
    Column("amount_min_usd", "BIGINT", "band low"),
    Column("amount_max_usd", "BIGINT", "band high; null for an open-ended band"),
    Column("comments", "VARCHAR", "comments (null for \"n/a\")"),
)
LIABILITY_COLUMNS = (
    Column("doc_id", "VARCHAR", "eFD report UUID", False),
    Column("row_number", "INTEGER", "1-based row in Part 7", False),
    Column("liability_number", "VARCHAR", "the # column"),
    Column("owner", "VARCHAR", "the Debtor column: self, spouse, joint or dependent_child"),
    Column("creditor", "VARCHAR", "Creditor as printed"),
    Column("creditor_location", "VARCHAR", "location printed under the creditor"),
    Column("date_incurred_text", "VARCHAR", "Incurred as printed (a year, or month and year)"),
    Column("liability_type", "VARCHAR", "Type as printed (Mortgage, ...)"),
    Column("points", "VARCHAR", "Points as printed"),
    Column("rate_term", "VARCHAR", "Rate (Term) as printed (\"2.5% (30 year fixed)\")"),
    Column("amount_text", "VARCHAR", "Amount as printed"),
    Column("amount_min_usd", "BIGINT", "band low"),
    Column("amount_max_usd", "BIGINT", "band high; null for an open-ended band"),
    Column("comments", "VARCHAR", "comments (null for \"n/a\")"),
)

SPEC = SourceSpec(
    name="senate_annual",
    publisher="Secretary of the Senate, Office of Public Records (eFD)",
    format="HTML report page (annual, candidate, new filer or termination report); paper filings as a page "
    "of GIF images",
    yields="one filing (filer, report year, amendment number, filed date) and its Part 3 assets, Part 4b "
    "transactions and Part 7 liabilities",
    official_url="https://efdsearch.senate.gov/search/view/annual/{doc_id}/",
    paths=(r"(?:^|/)senate/annual/(?P<doc>[^/]+)\.html?$",),
    tables=(
        Table("raw_senate__annual_filings", FILING_COLUMNS, "filing"),
        Table("raw_senate__holdings", HOLDING_COLUMNS, "records"),
        Table("raw_senate__annual_transactions", TRANSACTION_COLUMNS, "extra"),
        Table("raw_senate__liabilities", LIABILITY_COLUMNS, "extra"),
    ),
    parser_version=PARSER_VERSION,
    expect=Expect(rows_per_document=(0, 5000)),
    caveats="amendments restate the whole report; an account row (value \"--\") and the assets listed under it "
    "(\"3.1\", ...) are all rows, so sum values over rows whose value_category is band; Part 4a (PTR "
    "transactions already filed) is not repeated on the page and not read; paper filings need OCR.",
)

# --- parse ---------------------------------------------------------------------------------

_TITLE = re.compile(r"^(?P<kind>.+?)\s+Report\s+for\s+(?:Calendar\s+(?:Year\s+)?)?(?P<year>\d{4})"
                    r"(?:\s*\(Amendment\s+(?P<n>\d+)\))?", re.I)
_PART = re.compile(r"^Part\s+(\d+[a-z]?)\.", re.I)
_TICKER_NAME = re.compile(r"^(?P<ticker>[A-Z0-9.\-/$]{1,12})\s+-\s+(?P<name>.+)$")
_TICKER_PAREN = re.compile(r"\s*\((?P<ticker>[A-Z]{1,5}(?:[./][A-Z])?)\)$")
_OTHER_AMOUNT = re.compile(r"^Other\s+(\$\s?[0-9][0-9,]*(?:\.[0-9]+)?)$", re.I)
_OVER_RE = re.compile(r"^over\s*\$\s?([0-9][0-9,]*)$", re.I)

HOLDING_HEADER = ["", "Asset", "Asset Type", "Owner", "Value", "Income Type", "Income"]
TRANSACTION_HEADER = ["", "#", "Owner", "Ticker", "Asset Name", "Transaction Type", "Transaction Date", "Amount",
                      "Comments"]
LIABILITY_HEADER = ["", "#", "Incurred", "Debtor", "Type", "Points", "Rate (Term)", "Amount", "Creditor", "Comments"]


class LayoutError(Exception):
    """The page is HTML but not laid out as an eFD annual report warstock knows."""


def _text(el: Any) -> str:
    """An element's text, whitespace collapsed; text either side of a tag (a <br>) is two words."""
    return efd_html.text(el, words_at_tags=True)


def parse(data: bytes, *, doc_id: str | None = None) -> ParseResult:
    """One eFD annual report page in; its filing, Part 3 holdings (records), Part 4b
    transactions and Part 7 liabilities (extra) out. Never raises for bad input."""
    return parse_page(data, lambda root: _read(root, doc_id))


def _read(root: Any, doc_id: str | None) -> ParseResult:
    try:
        return _parse(root, doc_id)
    except LayoutError as exc:
        return ParseResult("failed", f"unknown layout: {exc}")


def _empty_filing(doc_id: str | None) -> dict[str, Any]:
    filing: dict[str, Any] = {c.name: None for c in FILING_COLUMNS}
    filing["doc_id"] = doc_id
    return filing


def _parse(root: Any, doc_id: str | None) -> ParseResult:
    heading = _text(root.find(".//h1"))
    if heading.startswith("Filing Document"):
        return paper(root, _empty_filing(doc_id), no_images="paper filing page lists no page images",
                     needs_ocr="paper filing: {n} page image(s), no text")
    m = _TITLE.search(heading)
    if not m:
        raise LayoutError(f"heading {heading[:80]!r} is not '<kind> Report for Calendar <year>'")
    if "periodic transaction" in m.group("kind").lower():
        raise LayoutError("a Periodic Transaction Report, not an annual report")
    result = ParseResult("parsed")
    filing = _empty_filing(doc_id)
    kind = m.group("kind").strip()
    filing["report_type_text"] = kind
    filing["report_type"] = REPORT_TYPES.get(kind.upper())
    if filing["report_type"] is None:
        result.note("unknown_report_type", f"report kind {kind!r} not recognised")
    filing["report_year"] = int(m.group("year"))
    filing["amendment_number"] = int(m.group("n") or 0)
    filer = _text(root.find(".//h2"))
    sm = re.search(r"\(([^()]*)\)\s*$", filer)
    if sm:
        filing["filer_sort_name"] = sm.group(1).strip() or None
        filer = filer[: sm.start()].strip()
    filing["filer_name"] = filer or None
    if not filing["filer_name"]:
        result.note("filer_field_missing", "no filer name in the <h2>")
    filed = FILED_RE.search(_text(root))
    filing["filed_date"] = parse_us_date(filed.group(1)) if filed else None
    result.filing = filing

    parts = _parts(root)
    if "3" not in parts:
        raise LayoutError("no 'Part 3. Assets' section")
    holdings = _holdings(parts["3"], doc_id, result)
    transactions = _table_rows(parts.get("4b"), TRANSACTION_HEADER, "Part 4b", result, _transaction, doc_id)
    liabilities = _table_rows(parts.get("7"), LIABILITY_HEADER, "Part 7", result, _liability, doc_id)
    result.records = holdings
    result.extra = {"raw_senate__annual_transactions": transactions, "raw_senate__liabilities": liabilities}
    filing.update(holding_count=len(holdings), transaction_count=len(transactions),
                  liability_count=len(liabilities))
    if result.notes:
        result.status = "parsed_with_notes"
    return result


def _parts(root: Any) -> dict[str, Any]:
    """Each part's <section>, by its number ("3", "4b", "7")."""
    out: dict[str, Any] = {}
    for section in root.iterfind(".//section"):
        m = _PART.match(_text(section.find(".//h3")))
        if m:
            out[m.group(1).lower()] = section
    return out


def _table(section: Any, header: list[str], part: str) -> Any | None:
    """The part's table, checked against the header warstock knows; None when the part has no
    table (the filer answered no)."""
    tables = section.findall(".//table")
    if not tables:
        return None
    table = tables[0]
    found = efd_html.header(table, words_at_tags=True)
    if found != header:
        raise LayoutError(f"{part} columns {found}, expected {header}")
    return table


def _band(text: str, words: dict[str, str]) -> tuple[str | None, int | None, int | None]:
    """(category, low, high) of a value, income or amount cell; category None if unreadable."""
    word = words.get(text.upper())
    if word is not None:
        return word, None, None
    other = _OTHER_AMOUNT.match(text)
    try:
        band = parse_band(other.group(1) if other else text)
    except BandError:
        return None, None, None
    if band.high is None:
        m = _OVER_RE.match(text)
        if m and band.low == int(m.group(1).replace(",", "")):
            band = Band(band.low + 1, None, band.text)  # "Over $5,000,000" starts at $5,000,001
        return "band", band.low, None
    exact = band.low == band.high and "-" not in text
    return ("exact" if exact else "band"), band.low, band.high


def _holdings(section: Any, doc_id: str | None, result: ParseResult) -> list[dict[str, Any]]:
    table = _table(section, HOLDING_HEADER, "Part 3")
    if table is None:
        return []
    out: list[dict[str, Any]] = []
    names: dict[str, str | None] = {}
    for n, cells in body_rows(table, len(HOLDING_HEADER), result, "Part 3 row"):
        rec = _holding(cells, n, result)
        rec["doc_id"] = doc_id
        label = rec["row_label"] or ""
        names[label] = rec["asset_name"]
        parent = label.rsplit(".", 1)[0] if "." in label else None
        rec["subholding_of"] = names.get(parent) if parent else None
        if parent and parent not in names:
            result.note("parent_row_missing", f"Part 3 row {label} listed under a row {parent} not on the page",
                        row_number=n)
        out.append(rec)
    return out


def _holding(cells: list[Any], n: int, result: ParseResult) -> dict[str, Any]:
    def note(code: str, msg: str, level: str = "note") -> None:
        result.note(code, f"Part 3: {msg}", level=level, row_number=n)

    number, asset, asset_type, owner_cell, value, income_type, income = cells
    rec: dict[str, Any] = {"row_number": n, "row_label": value_or_none(_text(number))}
    strong = asset.find(".//strong")
    link = strong.find(".//a") if strong is not None else None
    name = _text(strong) if strong is not None else ""
    rec["ticker"] = None
    if link is not None:
        m = _TICKER_NAME.match(name)
        ticker = _text(link)
        if m and m.group("ticker") == ticker:
            rec["ticker"], name = ticker, m.group("name")
        else:
            note("ticker_link_unread", f"ticker link {ticker!r} in asset {name!r} not in 'TICKER - name' form")
    if rec["ticker"] is None:
        m = _TICKER_PAREN.search(name)  # "International Business Machines Corporation (IBM)" (Slotkin)
        if m:
            rec["ticker"], name = m.group("ticker"), name[: m.start()].strip()
    rec["asset_name"] = name or None
    if not name:
        note("asset_missing", "row has no asset name", "row_unreadable")
    description: list[str] = []
    rec["location"] = rec["comments"] = None
    for div in top_divs(asset):
        text = _text(div)
        if not text:
            continue
        classes = (div.get("class") or "").split()
        em = _text(div.find(".//em"))
        if "noWrap" in classes and text.startswith("(") and text.endswith(")"):
            rec["location"] = text[1:-1].strip()
        elif em.lower().startswith("filer comment"):
            rec["comments"] = text.split(":", 1)[1].strip() if ":" in text else text
        else:
            description.append(text)
    rec["description"] = " ".join(description) or None

    sub = asset_type.find("div")
    rec["asset_subtype"] = value_or_none(_text(sub)) if sub is not None else None
    if sub is not None:
        sub.drop_tree()
    rec["asset_type"] = value_or_none(_text(asset_type))
    if rec["asset_type"] is not None and rec["asset_type"] not in ASSET_TYPES:
        note("unknown_asset_type", f"asset type {rec['asset_type']!r} not in the known list")

    rec["owner"] = owner(_text(owner_cell), result, n, "Part 3: ")

    value_text = _text(value)
    category, low, high = _band(value_text, VALUE_WORDS)
    if category is None:
        note("bad_value", f"value {value_text!r} is not a band", "row_unreadable")
    rec.update(value_text=value_or_none(value_text), value_category=category,
               value_min_usd=low if category in ("band", "exact") else None,
               value_max_usd=high if category in ("band", "exact") else None)
    rec["income_type"] = value_or_none(_text(income_type))
    income_text = _text(income)
    rec["income_text"] = income_text or None
    rec["income_category"] = rec["income_min_usd"] = rec["income_max_usd"] = None
    if income_text:
        category, low, high = _band(income_text, INCOME_WORDS)
        if category is None:
            note("bad_income", f"income {income_text!r} is not a band or amount", "row_unreadable")
        rec.update(income_category=category, income_min_usd=low, income_max_usd=high)
    return rec


def _table_rows(section: Any | None, header: list[str], part: str, result: ParseResult,
                build: Any, doc_id: str | None) -> list[dict[str, Any]]:
    if section is None:
        return []
    table = _table(section, header, part)
    if table is None:
        return []
    out = []
    for n, cells in body_rows(table, len(header), result, f"{part} row"):
        rec = build(cells, n, result)
        rec["doc_id"] = doc_id
        out.append(rec)
    return out


def _comment(cell: Any) -> str | None:
    text = _text(cell)
    return None if text.lower() in ("", "n/a", "--") else text


def _amount(rec: dict[str, Any], text: str, part: str, n: int, result: ParseResult) -> None:
    rec["amount_text"] = value_or_none(text)
    category, low, high = _band(text, {})
    if category is None:
        result.note("bad_amount", f"{part}: amount {text!r} is not a band", level="row_unreadable", row_number=n)
    rec["amount_min_usd"], rec["amount_max_usd"] = low, high


def _transaction(cells: list[Any], n: int, result: ParseResult) -> dict[str, Any]:
    _, number, owner_cell, ticker, asset, ttype, tdate, amount, comment = cells
    rec: dict[str, Any] = {"row_number": n, "transaction_number": value_or_none(_text(number))}
    rec["owner"] = owner(_text(owner_cell), result, n, "Part 4b: ")
    rec["ticker"] = value_or_none(_text(ticker))
    rec["asset_name"] = value_or_none(_text(asset))
    rec["transaction_type"] = transaction_type(_text(ttype), result, n, "Part 4b: ")
    rec["transaction_date"] = parse_us_date(_text(tdate))
    if rec["transaction_date"] is None:
        result.note("bad_transaction_date", f"Part 4b: date {_text(tdate)!r}", level="row_unreadable", row_number=n)
    _amount(rec, _text(amount), "Part 4b", n, result)
    rec["comments"] = _comment(comment)
    return rec


def _liability(cells: list[Any], n: int, result: ParseResult) -> dict[str, Any]:
    _, number, incurred, debtor, ltype, points, rate, amount, creditor, comment = cells
    rec: dict[str, Any] = {"row_number": n, "liability_number": value_or_none(_text(number))}
    rec["date_incurred_text"] = value_or_none(_text(incurred))
    rec["owner"] = owner(_text(debtor), result, n, "Part 7: ")
    rec["liability_type"] = value_or_none(_text(ltype))
    rec["points"] = value_or_none(_text(points))
    rec["rate_term"] = value_or_none(_text(rate))
    _amount(rec, _text(amount), "Part 7", n, result)
    loc = creditor.find("div")
    rec["creditor_location"] = value_or_none(_text(loc)) if loc is not None else None
    if loc is not None:
        loc.drop_tree()
    rec["creditor"] = value_or_none(_text(creditor))
    rec["comments"] = _comment(comment)
    return rec
