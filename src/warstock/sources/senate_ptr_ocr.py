"""Senate paper PTRs: the GIF page images an eFD "Filing Document - Print View" stub lists,
read by OCR.

The stub (parsed by ``senate_ptr`` as "needs OCR") names its page images; ``warstock ocr``
reads them from the archive in order. The Senate form ("Periodic Disclosure of Financial
Transactions") prints the filer's name above the table and the Secretary's received stamp
("RECEIVED BY: SECRETARY OF THE SENATE Date: March 04, 2025") at the top of every page: warstock
reads both. Rows go to ``raw_senate__transactions`` with their OCR confidence.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from warstock.records import ParseResult
from warstock.sources.spec import Expect, SourceSpec

if TYPE_CHECKING:  # OpenCV and Tesseract load only when a filing is read
    from warstock.ocr.engine import Engine

SPEC = SourceSpec(
    name="senate_ptr_ocr",
    publisher="Secretary of the Senate, Office of Public Records (eFD)",
    format="GIF page images of the paper Periodic Disclosure of Financial Transactions form",
    yields="filer name and received date as read, transaction rows with confidences",
    official_url="https://efdsearch.senate.gov/search/view/paper/{doc_id}/",
    reads="senate_ptr",  # the stub page senate_ptr records as "needs OCR", and its senate_paper images
    writes_like="senate_ptr",
    after=("senate_paper",),
    parser_version="senate_ptr_ocr/1.14",
    read_by="ocr",
    expect=Expect(rows_per_document=(1, 2000)),
    caveats="the filer name is OCR'd text, resolved to a senator like the electronic reports",
)

_RECEIVED = re.compile(r"Date:?\s*([A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})")
_FORM_WORDS = re.compile(r"\W?O?Amendment|Senate\s+Office|Agency\s+in\s+Which\s+Employed|Page\s+Number|"
                         r"United\s+States(?:\s+Senate)?|\bU\.?S\.?\s+Senate|Cl\b|\d+", re.I)
_PERSON = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-zA-Z'\-]+){1,2})\b")


def received_date(text: str) -> date | None:
    m = _RECEIVED.search(text)
    if not m:
        return None
    raw = m.group(1).replace(".", "").replace(",", "")
    for fmt in ("%B %d %Y", "%b %d %Y"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    return None


def filer_name(text: str) -> str | None:
    """The name typed under "Reporting Individual's Name": the first capitalised two- to
    four-word run after that label once the form's own words are removed (OCR may read the
    form's boxes in either order)."""
    m = re.search(r"Individual'?s\s+Name", text, re.I)
    if not m:
        return None
    rest = _FORM_WORDS.sub(" ", text[m.end():])
    p = _PERSON.search(rest)
    return p.group(1) if p else None


def parse(images: list[tuple[str, bytes | None]], *, doc_id: str | None = None,
                engine: Engine | None = None) -> ParseResult:
    """``images``: (image id, bytes or None when the archive lacks it), in page order."""
    from warstock.ocr.document import read_pages
    from warstock.ocr.engine import engine_for
    from warstock.ocr.images import PageError, image_page

    if not images:
        return ParseResult("failed", "paper filing stub lists no page images")
    missing = [name for name, data in images if data is None]
    if missing:
        return ParseResult("failed", f"page image(s) not in the archive: {', '.join(missing)}")
    pages: list[tuple[int, object]] = []
    for n, (name, data) in enumerate(images, start=1):
        assert data is not None
        try:
            pages.append((n, image_page(data)))
        except PageError as exc:
            pages.append((n, PageError(f"{name}: {exc}")))
    with engine_for(engine) as eng:
        result = read_pages(eng, pages, chamber="senate", doc_id=doc_id, filed=None,  # type: ignore[arg-type]
                            filed_from=received_date)
    header: str = (result.filing or {}).get("header_text") or ""
    filed = received_date(header)
    for rec in result.records:  # a trade dated after the Secretary received the form is a misreading
        if filed and rec["transaction_date"] and rec["transaction_date"] > filed:
            rec["review_reason"] = "; ".join(filter(None, [rec["review_reason"],
                                                           f"transaction date {rec['transaction_date']} after "
                                                           f"the received date {filed}"]))
            rec["transaction_date"], rec["needs_review"], rec["ocr_confidence"] = None, True, 0.0
    if result.filing is not None:
        result.filing.pop("header_text", None)
        filer = filer_name(header)
        result.filing.update({"filer_name": f"The Honorable {filer}" if filer else None, "filer_status": None,
                              "report_date": filed, "amendment_number": 0, "filed_date": filed,
                              "paper_pages": len(images)})
        if filer is None:
            result.note("filer_unread", "the filer's name could not be read from the form")
            result.status = "parsed_with_notes" if result.status == "parsed" else result.status
    return result
