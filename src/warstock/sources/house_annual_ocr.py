"""House paper financial disclosure reports (Form A / Form B scanned, no text layer), read by OCR.

The same archived PDF that ``house_annual`` records as "needs OCR" is read here by
``warstock ocr``: every page rendered at 200 dpi, turned upright and levelled, its title read
("SCHEDULE A - ASSETS & "UNEARNED INCOME""), and on Schedule A pages the ruled grid fitted to
the printed form (warstock.ocr.annual). Value and income bands come from marks in the checkbox
columns, owner codes and asset names from Tesseract. Rows go to ``raw_house__holdings`` with
``read_method = 'ocr'``, ``ocr_confidence``, ``needs_review`` and ``review_reason``.

The cover page is not read: the filer, the report type and the year come from the Clerk's
index (the stage passes the index's FilingType, year and filing date), as for the paper PTRs.
Schedule D (liabilities) is read where a page titled "SCHEDULE D" has the form's grid: owner,
creditor, date and type as written, the amount from one mark in columns A-K, into
``raw_house__liabilities``. Schedule B (transactions) is not read yet: the filing row says so
(transaction_count is null, not zero) and a note on the document says it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from warstock.records import ParseResult
from warstock.sources.house_annual import FILING_COLUMNS
from warstock.sources.spec import Expect, SourceSpec

if TYPE_CHECKING:  # OpenCV and Tesseract load only when a filing is read
    from warstock.ocr.engine import Engine

PARSER_VERSION = "house_annual_ocr/1.4"

# the Clerk's index FilingType of a Form A/B report -> (report_type, filer_status_code)
INDEX_TYPES = {
    "A": ("annual", "member"),
    "T": ("termination", "former_member"),
    "C": ("candidate", "candidate"),
    "O": ("new_filer", None),
    "H": ("new_filer", None),
}

SPEC = SourceSpec(
    name="house_annual_ocr",
    publisher="Clerk of the U.S. House of Representatives",
    format="scanned paper financial disclosure report (image-only PDF): House Form A (members) or Form B "
    "(candidates, new filers), Schedule A a ruled grid of checkbox columns",
    yields="Schedule A holdings (owner, asset, value band, income types and band) and Schedule D liabilities, "
    "with a confidence per row and a review flag",
    official_url="https://disclosures-clerk.house.gov/public_disc/financial-pdfs/{year}/{doc_id}.pdf",
    reads="house_annual",  # the same archived PDF that house_annual records as "needs OCR"
    writes_like="house_annual",
    after=("house_index",),  # the filer and report type come from the Clerk's index
    parser_version=PARSER_VERSION,
    read_by="ocr",
    expect=Expect(rows_per_document=(0, 5000)),
    caveats="handwritten asset names are read poorly by Tesseract: such rows are flagged for review; the "
    "form prints no asset type code, so none is given; the cover page is not read (filer, report type and "
    "year come from the Clerk's index); Schedule B is not read; a value band is taken only from "
    "exactly one mark in Block B",
)


def parse(data: bytes, *, doc_id: str | None = None, filed: date | None = None, filing_type: str | None = None,
          year: int | None = None, engine: Engine | None = None) -> ParseResult:
    """One scanned report PDF in; its filing row and Schedule A holdings out. ``filing_type``,
    ``year`` and ``filed``: the Clerk's index entry for the report (FilingType, year, date)."""
    from warstock.ocr.engine import engine_for
    from warstock.ocr.images import PageError, scanned_pdf

    try:
        pages = scanned_pdf(data)
    except PageError as exc:
        return ParseResult("failed", str(exc))
    with engine_for(engine) as eng:
        return read_pages(eng, pages, doc_id=doc_id, filed=filed, filing_type=filing_type, year=year)


def read_pages(engine: Engine, pages: list[tuple[int, Any]], *, doc_id: str | None, filed: date | None = None,
               filing_type: str | None = None, year: int | None = None) -> ParseResult:
    """Pure apart from Tesseract: page images in, the report's ParseResult out."""
    from warstock.ocr import annual
    from warstock.ocr.images import PageError

    result = ParseResult("parsed")
    holdings: list[annual.Holding] = []
    liabilities: list[annual.Liability] = []
    d_pages: list[int] = []
    forms: set[str] = set()
    schedule_pages: list[int] = []
    hint: int | None = None
    for page_no, img in pages:
        if isinstance(img, PageError):
            result.note("page_unreadable", str(img), level="row_unreadable", page=page_no)
            continue
        try:
            pr = annual.read_page(engine, img, page=page_no, hint=hint)
        except Exception as exc:  # one page that breaks the reader must not lose the others
            result.note("page_unreadable", f"page {page_no}: {type(exc).__name__}: {exc}", level="row_unreadable",
                        page=page_no)
            continue
        hint = pr.rotation
        for n in pr.notes:
            level = "row_unreadable" if "not read" in n and "grid" in n else "note"
            result.note("page_note", f"page {page_no}: {n}", level=level, page=page_no)
        if pr.layout is not None and pr.layout.template is annual.SCHEDULE_D:
            d_pages.append(page_no)
            liabilities.extend(pr.liabilities)
            continue
        if pr.layout is not None:
            schedule_pages.append(page_no)
            forms.add(pr.layout.template.name)
        holdings.extend(pr.rows)
    report_type, status_code = INDEX_TYPES.get(filing_type or "", (None, None))
    filing: dict[str, Any] = {c.name: None for c in FILING_COLUMNS}
    filing.update(doc_id=doc_id, page_count=len(pages), report_type=report_type, filer_status_code=status_code,
                  filing_year=year, filing_date=filed, holding_count=len(holdings),
                  liability_count=len(liabilities) if d_pages else None,
                  report_type_text=f"index FilingType {filing_type}" if filing_type else None,
                  schedule_a_none_disclosed=None)
    result.filing = filing
    if not pages:
        return ParseResult("failed", "no pages", filing=filing)
    if filing_type and report_type is None:
        result.note("unknown_report_type", f"index FilingType {filing_type!r} is not a Form A/B report type")
    form = " and ".join(sorted(forms))
    for i, h in enumerate(holdings, start=1):
        result.records.append({**annual.record(h, i, form), "doc_id": doc_id})
        if h.review:
            result.note("ocr_review", "; ".join(h.review), level="ocr_review", page=h.page, row_number=i)
    result.extra = {"raw_house__liabilities": [
        {**annual.liability_record(li, i), "doc_id": doc_id} for i, li in enumerate(liabilities, start=1)]}
    for li in liabilities:
        if li.review:
            result.note("ocr_review", "Schedule D: " + "; ".join(li.review), level="ocr_review", page=li.page)
    if not schedule_pages:
        unread = "; ".join(n.message for n in result.notes if n.level == "row_unreadable")[:300]
        return ParseResult("failed", f"no Schedule A grid found on {len(pages)} page(s)"
                           + (f" ({unread})" if unread else ""), filing=filing, notes=result.notes)
    result.note("schedules_not_read", "Schedule B (transactions) of paper reports is not read by OCR yet"
                + ("" if d_pages else "; no Schedule D (liabilities) page was found") + "; the cover page is not "
                "read (filer and report type from the Clerk's index)")
    unmarked = [n for n in result.notes if "writing with no marks" in n.message]
    if not holdings and unmarked:
        # writing in the rows and no marks read: the marks were missed (typed marks too small, a
        # faint scan), not an empty schedule
        return ParseResult("failed", f"the Schedule A grid was found on page(s) {schedule_pages} but no "
                           f"row's marks were read ({len(unmarked)} row(s) of writing without marks)",
                           filing=filing, notes=result.notes)
    if not holdings:
        result.note("no_holdings", f"the Schedule A grid was read on page(s) {schedule_pages} and no row holds an "
                    "asset")
    result.status = "parsed_with_notes"
    return result
