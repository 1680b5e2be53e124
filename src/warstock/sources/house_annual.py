"""House Financial Disclosure reports on Form A (annual, candidate, new filer, termination,
amendment), born-digital PDFs.

What the document looks like (e.g. 10066169, Pelosi's report for calendar 2024): page 1 has
the title "Financial Disclosure Report" and "Filing ID #<DocID>", a "Filer Information" block
(Name:, Status:, State/District:) and a "Filing Information" block (Filing Type:, Filing Year:,
Filing Date:, and on candidate and amendment reports Period Covered:). Then the schedules,
each under a heading "Schedule X: <title>", in order A (Assets and "Unearned" Income),
B (Transactions; annual and termination reports only), C (Earned Income), D (Liabilities),
E, F, G, H, I, J, then "Schedule A and B Investment Vehicle Details", "Exclusion of Spouse,
Dependent, or Trust Information", "Comments" and "Certification and Signature" ("Digitally
Signed: <name> , MM/DD/YYYY"). A schedule with nothing to report prints "None disclosed.".

Schedules A, B and D are HTML tables printed to PDF: a header row (repeated at the top of each
continuation page) and rows whose cells wrap over several lines and can run over a page break.
Schedule A's columns are Asset, Owner, Value of Asset, Income Type(s), Income, and either
"Tx. > $1,000?" (a drawn checkbox; annual reports) or a second income column ("Income Current
Year to Filing" / "Income Preceding Year"; candidate reports). An asset held through an account
or entity prints as "Parent ⇒ Asset (TICKER) [TY]". Lines under a row's cells begin with a
small-caps label ("Location:", "Description:", "Comments:"). Headings and labels are drawn in
faux small caps that PDFium cannot map to Unicode (see warstock.pdftext.UNMAPPED); the parser
recognises them by their skeleton ("Description:" reads as D + 10 unmapped glyphs, "D10").

The parser reads positioned words (warstock.pdftext), learns the columns of a table from its
header on every page, and starts a new row at a line whose value (or amount, or transaction
type) cell starts while the previous row's is complete, or whose asset cell starts after the
previous row's asset closed with its [type code]. Scanned (paper) reports have no text layer
and come back as ``needs_ocr``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium

from warstock.amounts import Band, BandError, parse_band
from warstock.pdftext import UNMAPPED, Page, Word, page_words
from warstock.records import (
    HOUSE_ASSET_TYPES,
    OCR_COLUMNS,
    OWNER_CODES,
    TRANSACTION_TYPES,
    Column,
    ParseResult,
    parse_us_date,
)
from warstock.sources import clerk_pdf
from warstock.sources.clerk_pdf import Columns, LayoutError, Line, PathBoxes, clean, group_lines, skeleton
from warstock.sources.spec import Expect, SourceSpec, Table

PARSER_VERSION = "house_annual/1.0"

# --- categories (explicit lookups; an unknown value is a parse note, never a default) ------

REPORT_TYPES = {
    "ANNUAL REPORT": "annual",
    "CANDIDATE REPORT": "candidate",
    "TERMINATED FILER REPORT": "termination",
    "NEW FILER REPORT": "new_filer",
    "AMENDMENT REPORT": "amendment",
}
FILER_STATUSES = {
    "MEMBER": "member",
    "FORMER MEMBER": "former_member",
    "CONGRESSIONAL CANDIDATE": "candidate",
    "OFFICER OR EMPLOYEE": "officer_or_employee",
    "OFFICER": "officer_or_employee",
    "EMPLOYEE": "officer_or_employee",
}
# Value of Asset cells that are not dollar bands.
VALUE_WORDS = {"NONE": "none", "UNDETERMINED": "undetermined"}
# Income cells that are not dollar amounts.
INCOME_WORDS = {"NONE": "none", "NOT APPLICABLE": "not_applicable"}

# Small-caps labels under a row, by skeleton (first letter + count of unmapped glyphs).
LABELS = {"D10": "description", "L7": "location", "C7": "comments", "S9 O1": "subholding_of"}
PLAIN_LABELS = {"description": "description", "location": "location", "comments": "comments",
                "subholding of": "subholding_of"}
# Headings other than "Schedule X:", by skeleton and as plain text.
HEADINGS = {
    "F8 D9 R5": "title", "Financial Disclosure Report": "title",
    "F4 I10": "filer_information", "Filer Information": "filer_information",
    "F5 I10": "filing_information", "Filing Information": "filing_information",
    "S7 A I9 V6 D6": "vehicle_details", "Schedule A Investment Vehicle Details": "vehicle_details",
    "S7 A 3 B I9 V6 D6": "vehicle_details",
    "Schedule A and B Investment Vehicle Details": "vehicle_details",
    "E9 2 S,5 D,8 2 T4 I10": "exclusions",
    "Exclusions of Spouse, Dependent, or Trust Information": "exclusions",
    "C12 3 S8": "certification", "Certification and Signature": "certification",
    "C7": "comments", "Comments": "comments",
}
# The schedule titles the parser reads, to check a "Schedule X:" heading is the one expected.
SCHEDULE_TITLES = {"A": ('A5 3 "U"7 I5', 'Assets and "Unearned" Income'),
                   "B": ("T11", "Transactions"), "D": ("L10", "Liabilities")}
PTR_TITLES = ("P7 T10 R5", "Periodic Transaction Report")

# --- columns (the warehouse appends the provenance columns) --------------------------------

FILING_COLUMNS = (
    Column("doc_id", "VARCHAR", "House DocID (Filing ID # on the PDF)", False),
    Column("filer_name", "VARCHAR", "filer name as printed (Name:)"),
    Column("filer_status", "VARCHAR", "Status: as printed (Member, Former Member, Congressional Candidate)"),
    Column("filer_status_code", "VARCHAR", "member, former_member, candidate or officer_or_employee"),
    Column("state_district", "VARCHAR", "State/District: as printed, e.g. CA11"),
    Column("report_type_text", "VARCHAR", "Filing Type: as printed (Annual Report, Candidate Report, ...)"),
    Column("report_type", "VARCHAR", "annual, candidate, termination, new_filer or amendment"),
    Column("filing_year", "INTEGER", "Filing Year: as printed (the calendar year covered, on annual reports)"),
    Column("filing_date", "DATE", "Filing Date: as printed"),
    Column("period_start", "DATE", "first day of Period Covered:, where printed"),
    Column("period_end", "DATE", "last day of Period Covered:, where printed"),
    Column("signed_name", "VARCHAR", "name on the digital signature"),
    Column("signed_date", "DATE", "date of the digital signature"),
    Column("page_count", "INTEGER", "pages in the PDF"),
    Column("holding_count", "INTEGER", "Schedule A rows read"),
    Column("transaction_count", "INTEGER", "Schedule B rows read"),
    Column("liability_count", "INTEGER", "Schedule D rows read"),
    Column("schedule_a_none_disclosed", "BOOLEAN", "Schedule A prints \"None disclosed.\""),
)

_ASSET_COLUMNS = (
    Column("owner", "VARCHAR", "self, spouse, joint or dependent_child (blank owner cell = self)"),
    Column("asset_name", "VARCHAR", "asset as printed, parent account, ticker and type code removed"),
    Column("ticker", "VARCHAR", "ticker as printed in parentheses"),
    Column("asset_type_code", "VARCHAR", "House asset type code as printed in brackets (ST, MF, RP, ...)"),
    Column("subholding_of", "VARCHAR", "account or entity holding the asset (\"Parent ⇒ Asset\")"),
)
_SUB_LINES = (
    Column("description", "VARCHAR", "Description: printed under the row"),
    Column("location", "VARCHAR", "Location: printed under the row"),
    Column("comments", "VARCHAR", "Comments: printed under the row"),
)
HOLDING_COLUMNS = (
    Column("doc_id", "VARCHAR", "House DocID of the report", False),
    Column("row_number", "INTEGER", "1-based row in Schedule A", False),
    Column("page", "INTEGER", "page where the row starts"),
    *_ASSET_COLUMNS,
    Column("value_text", "VARCHAR", "Value of Asset as printed"),
    Column("value_category", "VARCHAR", "band, none or undetermined (none/undetermined: no dollar figures)"),
    Column("value_min_usd", "BIGINT", "value band low; null unless value_category = band"),
    Column("value_max_usd", "BIGINT", "value band high; null for an open-ended band or a non-band value"),
    Column("income_type", "VARCHAR", "Income Type(s) as printed (Dividends, Rent, Capital Gains, ...)"),
    Column("income_text", "VARCHAR", "Income as printed (candidate reports: Current Year to Filing)"),
    Column("income_category", "VARCHAR",
           "band, exact (one dollar figure), none or not_applicable; null when the cell is blank"),
    Column("income_min_usd", "BIGINT", "income low (the figure itself when exact)"),
    Column("income_max_usd", "BIGINT", "income high; null for an open-ended band (Over $5,000,000)"),
    Column("income_preceding_year_text", "VARCHAR", "candidate reports: Income Preceding Year as printed"),
    Column("income_preceding_year_category", "VARCHAR", "band, exact, none or not_applicable"),
    Column("income_preceding_year_min_usd", "BIGINT", "preceding-year income low"),
    Column("income_preceding_year_max_usd", "BIGINT", "preceding-year income high"),
    Column("tx_over_1000", "BOOLEAN", "annual reports: \"Tx. > $1,000?\" box ticked (null where none is drawn)"),
    *_SUB_LINES,
    *OCR_COLUMNS,  # paper reports read by house_annual_ocr; null on rows read from the text layer
)
TRANSACTION_COLUMNS = (
    Column("doc_id", "VARCHAR", "House DocID of the report", False),
    Column("row_number", "INTEGER", "1-based row in Schedule B", False),
    Column("page", "INTEGER", "page where the row starts"),
    *_ASSET_COLUMNS,
    Column("transaction_date_text", "VARCHAR", "Date as printed (a date, or e.g. \"Bi-weekly\")"),
    Column("transaction_date", "DATE", "Date, where it is a date"),
    Column("transaction_type", "VARCHAR", "purchase, sale, partial_sale or exchange"),
    Column("amount_text", "VARCHAR", "Amount as printed"),
    Column("amount_category", "VARCHAR", "band, or exact where one dollar figure is printed"),
    Column("amount_min_usd", "BIGINT", "band low (the figure itself when exact)"),
    Column("amount_max_usd", "BIGINT", "band high; null for an open-ended band"),
    Column("cap_gains_over_200", "BOOLEAN", "\"Cap. Gains > $200?\" box ticked (null where none is drawn)"),
    *_SUB_LINES,
)
LIABILITY_COLUMNS = (
    Column("doc_id", "VARCHAR", "House DocID of the report", False),
    Column("row_number", "INTEGER", "1-based row in Schedule D", False),
    Column("page", "INTEGER", "page where the row starts"),
    Column("owner", "VARCHAR", "self, spouse, joint or dependent_child (blank owner cell = self)"),
    Column("creditor", "VARCHAR", "Creditor as printed"),
    Column("date_incurred_text", "VARCHAR", "Date Incurred as printed (e.g. \"September 2016\", \"2015\")"),
    Column("liability_type", "VARCHAR", "Type as printed (Mortgage on ..., Car Loan, ...)"),
    Column("amount_text", "VARCHAR", "Amount of Liability as printed"),
    Column("amount_category", "VARCHAR", "band, or exact where one dollar figure is printed (e.g. $8,698.00)"),
    Column("amount_min_usd", "BIGINT", "band low (the figure itself when exact)"),
    Column("amount_max_usd", "BIGINT", "band high; null for an open-ended band"),
    *_SUB_LINES,
    *OCR_COLUMNS,  # paper reports read by house_annual_ocr; null on rows read from the text layer
)

SPEC = SourceSpec(
    name="house_annual",
    publisher="Clerk of the U.S. House of Representatives",
    format="PDF, Form A financial disclosure report (annual, candidate, new filer, termination, amendment) "
    "generated by the Clerk's e-filing system; scanned paper reports have no text layer",
    yields="one filing (filer, status, report type, period) and its Schedule A holdings, Schedule B "
    "transactions, Schedule D liabilities",
    official_url="https://disclosures-clerk.house.gov/public_disc/financial-pdfs/{year}/{doc_id}.pdf",
    paths=(r"(?:^|/)house/annual/(?P<doc>\d+)\.pdf$",),
    tables=(
        Table("raw_house__annual_filings", FILING_COLUMNS, "filing"),
        Table("raw_house__holdings", HOLDING_COLUMNS, "records"),
        Table("raw_house__annual_transactions", TRANSACTION_COLUMNS, "extra"),
        Table("raw_house__liabilities", LIABILITY_COLUMNS, "extra"),
    ),
    after=("house_index",),
    parser_version=PARSER_VERSION,
    expect=Expect(rows_per_document=(0, 5000)),
    caveats="Schedule A may be 'None disclosed.' (a parsed report with no holdings); value 'None' and "
    "'Undetermined' are kept as text with null dollar figures (value_category says which); candidate "
    "reports print two income columns (current year to filing, preceding year) and no Tx. > $1,000 box; "
    "Schedule B dates may be words ('Bi-weekly'); headings and labels are faux small caps PDFium cannot "
    "map to Unicode; the PDFs carry the Clerk's encryption with an empty user password (PDFium opens them "
    "without one); scanned paper reports (DocIDs starting 8 or 9) need OCR and are not read here.",
)

# --- layout constants ----------------------------------------------------------------------

_HEADER_DEPTH = 42.0  # a table header's sub-lines lie within this many points below its first line
# Header words per schedule: the word, its column key; a word may map to a column only once.
_HEADER_KEYS = {
    "A": {"Asset": "asset", "Owner": "owner", "Value": "value", "Tx.": "tx"},
    "B": {"Asset": "asset", "Owner": "owner", "Date": "date", "Tx.": "type", "Amount": "amount", "Cap.": "cap"},
    "D": {"Owner": "owner", "Creditor": "creditor", "Date": "date", "Type": "type", "Amount": "amount"},
}
_HEADER_FIRST = {"A": "Asset", "B": "Asset", "D": "Owner"}
_HEADER_NEEDS = {"A": {"asset", "value", "income_type"}, "B": {"asset", "date", "type", "amount"},
                 "D": {"creditor", "amount"}}
# Words of a header's second and later lines, and the columns they sit in.
_HEADER_SUBWORDS = {"Current", "Year", "to", "Filing", "Preceding", "$1,000?", "Type", "Gains", ">", "$200?",
                    "Liability"}
_CLIPPED_BAND = 10.0  # points below a header's last line where only clipped glyph remnants print
_HEADER_LINE_GAP = 14.0  # points between a header's lines (text lines are about 11 apart)
_HEADER_SUBCOLS = {"A": {"income", "income_prev", "tx"}, "B": {"type", "cap"}, "D": {"amount"}}
_BOX_COLUMN = {"A": "tx", "B": "cap"}

_TICKER_TYPE_RE = re.compile(r"\s*(?:\((?P<ticker>[^()]{1,40})\))?\s*\[(?P<code>[A-Za-z0-9]{2})\]\s*$")
_BAND_START = re.compile(r"^(?:\$\s?[0-9][0-9,]*(?:\.[0-9]+)?(?:\s*[-–—].*)?$|over\b|spouse/dc\b|none$|undetermined$)",
                         re.I)
_INCOMPLETE = re.compile(r"(?:[-–—]|\bover|spouse/dc)\s*$", re.I)
_OVER_RE = re.compile(r"^(?:spouse/dc\s+)?over\s*\$\s?([0-9][0-9,]*)$", re.I)
_FILING_ID_RE = re.compile(r"Filing ID\s*#\s*(\d{5,9})")
_PERIOD_RE = re.compile(r"(\d{1,2}/\d{1,2}/\d{4})\s*[-–—]\s*(\d{1,2}/\d{1,2}/\d{4})")
_SCHEDULE_RE = re.compile(r"^([A-J]):$")


@dataclass
class _Row:
    page: int
    y: float
    cells: dict[str, list[str]] = field(default_factory=dict)
    asset_lines: list[str] = field(default_factory=list)
    labels: dict[str, list[str]] = field(default_factory=dict)
    current_label: str | None = None
    box: bool | None = None

    def cell(self, key: str) -> str:
        return clean(" ".join(self.cells.get(key, [])))


@dataclass
class _Table:
    kind: str  # A, B or D
    rows: list[_Row] = field(default_factory=list)
    cols: Columns | None = None
    none_disclosed: bool = False


# --- parse ---------------------------------------------------------------------------------


def parse(data: bytes, *, doc_id: str | None = None) -> ParseResult:
    """One Form A report PDF in; its filing, Schedule A holdings (records), Schedule B
    transactions and Schedule D liabilities (extra) out. Never raises for bad input: the
    result's status and reason say what went wrong."""
    return clerk_pdf.parse_pdf(data, lambda doc: _parse_doc(doc, doc_id))


def _empty_filing(doc_id: str | None, n_pages: int | None) -> dict[str, Any]:
    filing: dict[str, Any] = {c.name: None for c in FILING_COLUMNS}
    filing["doc_id"] = doc_id
    filing["page_count"] = n_pages
    return filing


def _parse_doc(doc: pdfium.PdfDocument, doc_id: str | None) -> ParseResult:
    n_pages = len(doc)
    if n_pages == 0:
        return ParseResult("failed", "PDF has no pages")
    pages: list[Page] = []
    page_objs: list[pdfium.PdfPage] = []
    try:
        for i in range(n_pages):
            page_obj = doc[i]
            page_objs.append(page_obj)
            pages.append(page_words(page_obj, i + 1))
        if sum(p.char_count for p in pages) == 0:
            return ParseResult("needs_ocr", f"scanned report: no text layer on {n_pages} page(s)",
                               filing=_empty_filing(doc_id, n_pages))
        return _read(pages, page_objs, doc_id)
    finally:
        for p in page_objs:
            p.close()


def _read(pages: list[Page], page_objs: list[pdfium.PdfPage], doc_id: str | None) -> ParseResult:
    result = ParseResult("parsed")
    head = " ".join(skeleton(w.text) for w in pages[0].words[:16])
    if any(t.lower() in head.lower() for t in PTR_TITLES):
        raise LayoutError("a Periodic Transaction Report, not a Form A financial disclosure report")
    if "F8 D9 R5" not in head and "financial disclosure report" not in head.lower():
        raise LayoutError("page 1 has no 'Financial Disclosure Report' title")

    filing = _filer_info(pages, result)
    filing["page_count"] = len(pages)
    clerk_pdf.settle_doc_id(filing, doc_id, result)

    tables: dict[str, _Table] = {}
    section: str | None = None
    table: _Table | None = None
    seen_a = False
    for page, page_obj in zip(pages, page_objs, strict=True):
        boxes: PathBoxes | None = None
        skip_above: float | None = None  # y of a header's lowest line: words above it are the header
        header_top: float | None = None
        for line in group_lines(page.words, page.number):
            if header_top is not None and skip_above is not None and skip_above - 0.5 <= line.y <= header_top + 0.5:
                continue  # the header's sub-lines
            if skip_above is not None and skip_above - _CLIPPED_BAND < line.y < skip_above - 0.5:
                # Glyph remnants of a row split by the page break, clipped under the repeated
                # header (10066169 page 8: "5 p p / / 3 5 p p / / 4"); rows start >= 14 pt lower.
                result.note("clipped_text", f"text clipped under the table header dropped: {line.text()!r}",
                            page=page.number)
                continue
            text = line.text()
            if line.words[0].text == "Filing" and _FILING_ID_RE.search(text):
                continue  # "Filing ID #10066169" page furniture
            heading = _heading(line)
            if heading is not None:
                section, title = heading
                if section in SCHEDULE_TITLES:
                    seen_a = seen_a or section == "A"
                    if title not in SCHEDULE_TITLES[section]:
                        result.note("unexpected_schedule_title",
                                    f"Schedule {section} titled {title!r}", page=page.number)
                    if section in tables:
                        result.note("schedule_repeated", f"Schedule {section} heading printed twice",
                                    page=page.number)
                    table = tables.setdefault(section, _Table(section))
                else:
                    table = None
                continue
            if table is None:
                continue
            if line.words[0].text == "*":
                table = None  # "* For the complete list of asset type abbreviations ..." ends the table
                continue
            if text == "None disclosed." and not table.rows:
                table.none_disclosed = True
                continue
            header = _header(line, page, table.kind)
            if header is not None:
                table.cols, skip_above = header
                header_top = line.y
                box_col = _BOX_COLUMN.get(table.kind)
                boxes = PathBoxes(page_obj, table.cols[box_col]) if box_col and box_col in table.cols else None
                continue
            if table.cols is None:
                result.note("text_before_header", f"Schedule {table.kind}: text before its table header: {text!r}",
                            page=page.number)
                continue
            _assign(line, table, result, boxes)

    if not seen_a:
        raise LayoutError("no 'Schedule A' heading")
    a = tables.get("A") or _Table("A")
    if a.cols is None and not a.none_disclosed:
        raise LayoutError("Schedule A has neither a table header nor 'None disclosed.'")
    if a.none_disclosed and a.rows:
        result.note("none_disclosed_with_rows", "Schedule A prints 'None disclosed.' and rows")
    number = {"A": 0, "B": 0, "D": 0}
    out: dict[str, list[dict[str, Any]]] = {"A": [], "B": [], "D": []}
    builders = {"A": _holding, "B": _transaction, "D": _liability}
    for kind, t in tables.items():
        for row in t.rows:
            number[kind] += 1
            rec = builders[kind](row, number[kind], t, result)
            rec["doc_id"] = filing["doc_id"]
            out[kind].append(rec)
    result.records = out["A"]
    result.extra = {"raw_house__annual_transactions": out["B"], "raw_house__liabilities": out["D"]}
    filing["holding_count"] = len(out["A"])
    filing["transaction_count"] = len(out["B"])
    filing["liability_count"] = len(out["D"])
    filing["schedule_a_none_disclosed"] = a.none_disclosed
    result.filing = filing
    if result.notes:
        result.status = "parsed_with_notes"
    return result


def _heading(line: Line) -> tuple[str, str] | None:
    """(section, title) for a heading line: "Schedule A: Assets and ..." -> ("A", title skeleton);
    other headings -> (name, ""). None for any other line."""
    words = line.words
    first = words[0].text
    if len(words) >= 2 and (skeleton(first) == "S7" or first.lower() == "schedule"):
        m = _SCHEDULE_RE.match(words[1].text)
        if m:
            title = " ".join(w.text for w in words[2:])
            return m.group(1), (skeleton(title) if UNMAPPED in title else title)
    text = line.text()
    name = HEADINGS.get(skeleton(text) if UNMAPPED in text else text)
    if name is not None and ":" not in text:
        return name, ""
    return None


def _header(line: Line, page: Page, kind: str) -> tuple[Columns, float] | None:
    """Column left edges from a table header line, and the y of the header's lowest line."""
    words = line.words
    if words[0].text != _HEADER_FIRST[kind]:
        return None
    keys = _HEADER_KEYS[kind]
    cols: dict[str, float] = {}
    incomes = 0
    for i, w in enumerate(words):
        if kind == "A" and w.text == "Income":
            nxt = words[i + 1].text if i + 1 < len(words) else ""
            if nxt == "Type(s)":
                cols.setdefault("income_type", w.x)
            else:
                cols.setdefault(("income", "income_prev")[min(incomes, 1)], w.x)
                incomes += 1
            continue
        col = keys.get(w.text)
        if col and col not in cols:
            cols[col] = w.x
    if not _HEADER_NEEDS[kind] <= cols.keys():
        return None
    columns = Columns(cols)
    sub_cols = _HEADER_SUBCOLS[kind]
    bottom = line.y
    below = sorted((w for w in page.words if line.y - _HEADER_DEPTH < w.y < line.y - 0.5
                    and w.text in _HEADER_SUBWORDS and columns.of(w.x) in sub_cols), key=lambda w: -w.y)
    for w in below:  # the header's own lines follow each other closely
        if bottom - w.y < _HEADER_LINE_GAP:
            bottom = min(bottom, w.y)
    return columns, bottom


def _label_of(line: Line) -> str | None:
    first = line.words[0].text
    if UNMAPPED in first:
        if ":" not in line.text():
            return None
        return LABELS.get(skeleton(first)) or LABELS.get(skeleton(" ".join(w.text for w in line.words[:2])))
    head = " ".join(w.text for w in line.words[:2]).split(":", 1)
    if len(head) == 2:
        return PLAIN_LABELS.get(head[0].strip().lower())
    return None


def _band_cell_continues(text: str) -> bool:
    """A value or amount cell read so far that its next line continues ("$5,000,001 -")."""
    return bool(text) and bool(_INCOMPLETE.search(text))


def _starts_row(kind: str, by_col: dict[str, list[Word]], row: _Row | None, cols: Columns) -> bool:
    """Whether a (non-label) line is the first line of a new row. Every row's first line has
    text in its asset (Schedule D: creditor) cell, and in the cell that says the row started:
    a value or amount that begins while the previous row's is complete, a transaction type,
    a date where the previous row has one, or (before any label line) an asset after the
    previous row's asset closed with its [type code]."""
    if row is None:
        return True
    asset_words = by_col.get("creditor" if kind == "D" else "asset", [])
    if not asset_words:
        return False
    band_col = "value" if kind == "A" else "amount"
    band_text = " ".join(w.text for w in by_col.get(band_col, []))
    if band_text and _BAND_START.match(band_text) and not _band_cell_continues(row.cell(band_col)):
        return True
    if kind == "B":
        if any(clerk_pdf.is_type_mark(w, cols["type"]) for w in by_col.get("type", [])):
            return True
        if row.cell("date") and any(clerk_pdf.DATE_RE.match(w.text) for w in by_col.get("date", [])):
            return True
    if kind in ("A", "B") and row.current_label is None and _TICKER_TYPE_RE.search(clean(" ".join(row.asset_lines))):
        return True
    if kind == "D" and row.current_label is None:
        owner = " ".join(w.text for w in by_col.get("owner", []))
        if owner and owner.upper() in OWNER_CODES and row.cell("date"):
            return True
    return False


def _assign(line: Line, table: _Table, result: ParseResult, boxes: PathBoxes | None) -> None:
    assert table.cols is not None
    cols = table.cols
    label = _label_of(line)
    rows = table.rows
    row = rows[-1] if rows else None
    if label is None:
        by_col: dict[str, list[Word]] = {}
        for w in line.words:
            by_col.setdefault(cols.of(w.x), []).append(w)
        if _starts_row(table.kind, by_col, row, cols):
            row = _Row(line.page, line.y)
            rows.append(row)
            if boxes is not None:
                row.box = boxes.state(line.y)
            _add_cells(row, by_col, table.kind)
            return
    if row is None:
        result.note("text_before_first_row", f"Schedule {table.kind}: text before the first row: {line.text()!r}",
                    page=line.page)
        return
    first = line.words[0]
    if label is None and UNMAPPED in first.text and ":" in line.text():
        result.note("unknown_label", f"unknown label {skeleton(line.text().split(':')[0])!r}",
                    page=line.page, row_number=len(rows))
        label = "comments"
    if label is not None:
        text = line.text()
        row.labels.setdefault(label, []).append(text.split(":", 1)[1].strip() if ":" in text else "")
        row.current_label = label
        return
    if row.current_label is not None:
        row.labels[row.current_label].append(line.text())
        return
    by_col = {}
    for w in line.words:
        by_col.setdefault(cols.of(w.x), []).append(w)
    _add_cells(row, by_col, table.kind)


def _add_cells(row: _Row, by_col: dict[str, list[Word]], kind: str) -> None:
    for col, words in by_col.items():
        if col == "asset":
            row.asset_lines.append(" ".join(w.text for w in words))
        else:
            row.cells.setdefault(col, []).extend(w.text for w in words)


# --- records -------------------------------------------------------------------------------


def _owner(row: _Row, number: int, result: ParseResult) -> str | None:
    raw = row.cell("owner")
    owner = OWNER_CODES.get(raw.upper())
    if owner is None:
        result.note("unknown_owner", f"owner code {raw!r} not recognised", level="row_unreadable",
                    page=row.page, row_number=number)
    row.cells.pop("owner", None)
    return owner


def _asset(row: _Row, number: int, result: ParseResult, kind: str) -> dict[str, Any]:
    def note(code: str, msg: str, level: str = "note") -> None:
        result.note(code, f"Schedule {kind}: {msg}", level=level, page=row.page, row_number=number)

    text = clean(" ".join(row.asset_lines))
    parent = None
    if "⇒" in text:
        # "Closely Held Businesses ⇒ C Saunders Roberson, Jr. - Personal ⇒ 307 SHADY ..." (10070379):
        # the holding chain is kept as printed, the asset is the last link
        parent, text = (s.strip() for s in text.rsplit("⇒", 1))
    ticker = code = None
    m = _TICKER_TYPE_RE.search(text)
    if m:
        ticker, code = m.group("ticker"), m.group("code").upper()
        if ticker and not clerk_pdf.TICKER_SHAPE.match(ticker.strip()):
            # "(Bitcoin) [CT]", "(GLAS Funds, LP) [HN]": a parenthetical of the name, not a ticker
            text = text[: m.start()] + f" ({ticker})"
            ticker = None
        else:
            text = text[: m.start()]
        # "Savings [BA] [BA]": the filer typed the code into the name as well (10070526)
        text = re.sub(rf"\s*\[{code}\]\s*$", "", text, flags=re.I) if code else text
    else:
        note("asset_type_missing", f"no [type code] after asset {text!r}")
    text = text.strip().rstrip(",").strip()
    if code is not None and code not in HOUSE_ASSET_TYPES:
        note("unknown_asset_type", f"asset type code [{code}] not in the House list")
    if not text:
        note("asset_missing", "row has no asset name", "row_unreadable")
    labelled_parent = clean(" ".join(row.labels.pop("subholding_of", []))) or None
    return {"asset_name": text or None, "ticker": ticker.strip() if ticker else None, "asset_type_code": code,
            "subholding_of": parent or labelled_parent}


def _money(text: str) -> tuple[Band, str]:
    """A band or a single dollar figure, and its category (band / exact). "Over $X" starts at
    X + 1 (parse_band keeps X unless X + 1 is a statutory low, as for "Over $50,000,000")."""
    band = parse_band(text)
    if band.high is None:
        m = _OVER_RE.match(text)
        if m and band.low == int(m.group(1).replace(",", "")):
            band = Band(band.low + 1, None, band.text)
        return band, "band"
    return band, ("exact" if band.low == band.high and "-" not in text else "band")


def _amount(row: _Row, col: str, words: dict[str, str], number: int, result: ParseResult,
            kind: str, what: str, required: bool) -> dict[str, Any]:
    """text, category, min, max of a value/income/amount cell."""
    text = row.cell(col)
    row.cells.pop(col, None)
    out: dict[str, Any] = {"text": text or None, "category": None, "min": None, "max": None}
    if not text:
        if required:
            result.note(f"{what}_missing", f"Schedule {kind}: no {what.replace('_', ' ')}", level="row_unreadable",
                        page=row.page, row_number=number)
        return out
    word = words.get(text.upper())
    if word is not None:
        out["category"] = word
        return out
    try:
        band, category = _money(text)
    except BandError:
        result.note(f"bad_{what}", f"Schedule {kind}: {what.replace('_', ' ')} {text!r} is not a band or amount",
                    level="row_unreadable", page=row.page, row_number=number)
        return out
    out.update(category=category, min=band.low, max=band.high)
    return out


def _sub_lines(row: _Row, rec: dict[str, Any]) -> None:
    for key in ("description", "location", "comments"):
        rec[key] = clean(" ".join(row.labels.pop(key, []))) or None


def _leftovers(row: _Row, number: int, result: ParseResult, kind: str) -> None:
    for col, words in row.cells.items():
        if words:
            result.note("leftover_text", f"Schedule {kind}: unassigned text in column {col}: {' '.join(words)!r}",
                        page=row.page, row_number=number)


def _holding(row: _Row, number: int, table: _Table, result: ParseResult) -> dict[str, Any]:
    rec: dict[str, Any] = {"row_number": number, "page": row.page}
    rec["owner"] = _owner(row, number, result)
    rec.update(_asset(row, number, result, "A"))
    value = _amount(row, "value", VALUE_WORDS, number, result, "A", "value", True)
    rec.update(value_text=value["text"], value_category=value["category"], value_min_usd=value["min"],
               value_max_usd=value["max"])
    if value["category"] == "exact":
        result.note("value_exact", f"Schedule A: value {value['text']!r} is one figure, not a band",
                    page=row.page, row_number=number)
    rec["income_type"] = row.cell("income_type") or None
    row.cells.pop("income_type", None)
    income = _amount(row, "income", INCOME_WORDS, number, result, "A", "income", False)
    rec.update(income_text=income["text"], income_category=income["category"], income_min_usd=income["min"],
               income_max_usd=income["max"])
    prev = _amount(row, "income_prev", INCOME_WORDS, number, result, "A", "income_preceding_year", False)
    rec.update(income_preceding_year_text=prev["text"], income_preceding_year_category=prev["category"],
               income_preceding_year_min_usd=prev["min"], income_preceding_year_max_usd=prev["max"])
    rec["tx_over_1000"] = row.box
    _sub_lines(row, rec)
    _leftovers(row, number, result, "A")
    return rec


def _transaction(row: _Row, number: int, table: _Table, result: ParseResult) -> dict[str, Any]:
    rec: dict[str, Any] = {"row_number": number, "page": row.page}
    rec["owner"] = _owner(row, number, result)
    rec.update(_asset(row, number, result, "B"))
    date_text = row.cell("date")
    row.cells.pop("date", None)
    rec["transaction_date_text"] = date_text or None
    rec["transaction_date"] = parse_us_date(date_text) if clerk_pdf.DATE_RE.match(date_text) else None
    if rec["transaction_date"] is None:
        result.note("date_not_a_date", f"Schedule B: date {date_text!r} is not a date", page=row.page,
                    row_number=number)
    type_text = row.cell("type")
    row.cells.pop("type", None)
    rec["transaction_type"] = TRANSACTION_TYPES.get(type_text.upper())
    if rec["transaction_type"] is None:
        result.note("unknown_transaction_type", f"Schedule B: transaction type {type_text!r} not recognised",
                    level="row_unreadable", page=row.page, row_number=number)
    amount = _amount(row, "amount", {}, number, result, "B", "amount", True)
    rec.update(amount_text=amount["text"], amount_category=amount["category"], amount_min_usd=amount["min"],
               amount_max_usd=amount["max"])
    rec["cap_gains_over_200"] = row.box
    _sub_lines(row, rec)
    _leftovers(row, number, result, "B")
    return rec


def _liability(row: _Row, number: int, table: _Table, result: ParseResult) -> dict[str, Any]:
    rec: dict[str, Any] = {"row_number": number, "page": row.page}
    rec["owner"] = _owner(row, number, result)
    rec["creditor"] = row.cell("creditor") or None
    rec["date_incurred_text"] = row.cell("date") or None
    rec["liability_type"] = row.cell("type") or None
    for key in ("creditor", "date", "type"):
        row.cells.pop(key, None)
    if rec["creditor"] is None:
        result.note("creditor_missing", "Schedule D: row has no creditor", level="row_unreadable",
                    page=row.page, row_number=number)
    amount = _amount(row, "amount", {}, number, result, "D", "amount", True)
    rec.update(amount_text=amount["text"], amount_category=amount["category"], amount_min_usd=amount["min"],
               amount_max_usd=amount["max"])
    if row.asset_lines:
        result.note("leftover_text", f"Schedule D: unassigned text {' '.join(row.asset_lines)!r}",
                    page=row.page, row_number=number)
    _sub_lines(row, rec)
    _leftovers(row, number, result, "D")
    return rec


def _filer_info(pages: list[Page], result: ParseResult) -> dict[str, Any]:
    """The Filer and Filing Information blocks of page 1; Filing ID and signature anywhere."""
    filing = _empty_filing(None, None)
    fields = (("Name:", "filer_name"), ("Status:", "filer_status"), ("State/District:", "state_district"),
              ("Filing Type:", "report_type_text"), ("Filing Year:", "filing_year"),
              ("Filing Date:", "filing_date"), ("Period Covered:", "period"))
    raw: dict[str, str] = {}
    for ln in group_lines(pages[0].words, 1):
        text = ln.text()
        for label, key in fields:
            if text.startswith(label) and key not in raw:
                raw[key] = clean(text[len(label):])
    for key in ("filer_name", "filer_status", "state_district", "report_type_text"):
        filing[key] = raw.get(key) or None
    if filing["filer_status"]:
        filing["filer_status_code"] = FILER_STATUSES.get(filing["filer_status"].upper())
        if filing["filer_status_code"] is None:
            result.note("unknown_filer_status", f"filer status {filing['filer_status']!r} not recognised", page=1)
    if filing["report_type_text"]:
        filing["report_type"] = REPORT_TYPES.get(filing["report_type_text"].upper())
        if filing["report_type"] is None:
            result.note("unknown_report_type", f"filing type {filing['report_type_text']!r} not recognised", page=1)
    year = raw.get("filing_year", "")
    filing["filing_year"] = int(year) if year.isdigit() else None
    if year and filing["filing_year"] is None:
        result.note("bad_filing_year", f"filing year {year!r} is not a year", page=1)
    filed = raw.get("filing_date", "")
    filing["filing_date"] = parse_us_date(filed) if filed else None
    if filed and filing["filing_date"] is None:
        result.note("bad_filing_date", f"filing date {filed!r} is not a date", page=1)
    period = raw.get("period")
    if period:
        m = _PERIOD_RE.search(period)
        if m:
            filing["period_start"], filing["period_end"] = parse_us_date(m.group(1)), parse_us_date(m.group(2))
        else:
            result.note("bad_period", f"period covered {period!r} not read", page=1)
    for page in pages:
        joined = " ".join(w.text for w in page.words)
        m = _FILING_ID_RE.search(joined)
        if m and filing["doc_id"] is None:
            filing["doc_id"] = m.group(1)
        s = clerk_pdf.SIGNED_RE.search(joined)
        if s:
            filing["signed_name"] = clean(s.group("name")) or None
            filing["signed_date"] = parse_us_date(s.group("date"))
    for key in ("filer_name", "state_district", "report_type_text"):
        if not filing.get(key):
            result.note("filer_field_missing", f"{key} not found on page 1", page=1)
    return filing
