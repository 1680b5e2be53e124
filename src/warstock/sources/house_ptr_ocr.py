"""House paper PTRs (scanned, no text layer), read by OCR.

The same archived PDF that ``house_ptr`` records as "needs OCR" is read here by
``warstock ocr``: every page rendered at 200 dpi, turned upright, its ruled table found, the
checkbox columns (type of transaction, amount A-K) read as marks and the asset name and dates
by Tesseract. Rows go to ``raw_house__transactions`` with ``ocr_confidence``,
``needs_review`` and ``review_reason``; the filer comes from the Clerk's index.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from warstock.records import ParseResult
from warstock.sources.house_ptr import PTR_URL
from warstock.sources.spec import Expect, SourceSpec

if TYPE_CHECKING:  # OpenCV and Tesseract load only when a filing is read
    from warstock.ocr.engine import Engine

SPEC = SourceSpec(
    name="house_ptr_ocr",
    publisher="Clerk of the U.S. House of Representatives",
    format="scanned paper PTR (image-only PDF): House form with checkbox columns A-K",
    yields="transaction rows with a confidence per row and a review flag",
    official_url=PTR_URL,
    reads="house_ptr",  # the same archived PDF that house_ptr records as "needs OCR"
    writes_like="house_ptr",
    after=("house_index",),  # the filer comes from the Clerk's index
    parser_version="house_ptr_ocr/1.15",
    read_by="ocr",
    expect=Expect(rows_per_document=(0, 5000)),  # a form may report no trades; an unread one fails
    caveats="handwriting is read poorly by Tesseract: such rows are flagged for review; the "
    "form prints no asset type, so it is inferred from the name",
)


def parse(data: bytes, *, doc_id: str | None = None, filed: date | None = None,
          engine: Engine | None = None) -> ParseResult:
    from warstock.ocr.document import read_pages
    from warstock.ocr.engine import engine_for
    from warstock.ocr.images import PageError, scanned_pdf

    try:
        pages = scanned_pdf(data)
    except PageError as exc:
        return ParseResult("failed", str(exc))
    with engine_for(engine) as eng:
        result = read_pages(eng, pages, chamber="house", doc_id=doc_id, filed=filed)
    if result.filing is not None:
        result.filing.pop("header_text", None)
        result.filing["year"] = filed.year if filed else None
    return result
