"""OCR on real paper filings in ../shared/data, checked against what the page images show
(read by eye: tests/integration/README notes which rows and boxes)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from warstock.ocr.engine import OcrUnavailable, tessdata_dir
from warstock.sources import house_ptr_ocr, senate_ptr_ocr

pytestmark = pytest.mark.integration

try:
    tessdata_dir()
except OcrUnavailable as exc:
    pytest.skip(f"Tesseract not installed: {exc}", allow_module_level=True)


def test_house_handwritten_form_marks(shared_data: Path) -> None:
    # 8219352 (Rep. Malliotakis, Feb 2023): a handwritten form; by eye: "US Treasury Bill",
    # Purchase, box D ($100,001-$250,000); "Verizon Stock", Purchase, box A ($1,001-$15,000).
    data = (shared_data / "house" / "ptr-scanned" / "8219352.pdf").read_bytes()
    r = house_ptr_ocr.parse(data, doc_id="8219352", filed=date(2023, 2, 7))
    got = [(x["transaction_type"], x["amount_min_usd"], x["amount_max_usd"]) for x in r.records]
    assert got == [("purchase", 100_001, 250_000), ("purchase", 1_001, 15_000)]
    # handwriting: a date that is not read by both engines alike (or borne out by a check) is
    # flagged; a wrong or missing date is never left without a flag
    for x in r.records:
        assert x["transaction_date"] == date(2023, 2, 6) or x["needs_review"]
        assert "transaction date" in (x["review_reason"] or "") or x["transaction_date"] == date(2023, 2, 6)


def test_house_typed_form_first_page_rows(shared_data: Path) -> None:
    # 8219783 (Rep. Khanna, June 2023), page 2 by eye: DC; Atlassian Purchase 05/05/23, A;
    # then four sales ticked with "Partial Transaction" (Nvidia 05/18, Marvell 05/18, Nvidia
    # 05/25, Nvidia 05/31), all notified 06/05/23, all box A.
    data = (shared_data / "house" / "ptr-scanned" / "8219783.pdf").read_bytes()
    r = house_ptr_ocr.parse(data, doc_id="8219783", filed=date(2023, 6, 6))
    page2 = [x for x in r.records if x["page"] == 2]
    assert [x["transaction_type"] for x in page2] == ["purchase"] + ["partial_sale"] * 4
    assert [x["transaction_date"] for x in page2 if not x["needs_review"]] == [
        d for d, x in zip([date(2023, 5, 5), date(2023, 5, 18), date(2023, 5, 18), date(2023, 5, 25),
                           date(2023, 5, 31)], page2, strict=True) if not x["needs_review"]]
    assert all(x["amount_min_usd"] == 1_001 for x in page2)
    assert "ATLASSIAN" in (page2[0]["asset_name"] or "")
    assert len(r.records) > 600  # 27 pages of trades


def test_senate_paper_filing(shared_data: Path) -> None:
    # Stub d7d35e4a... lists 000000012.gif and 000000013.gif (Sen. Blumenthal, received
    # January 21, 2025); page 2 by eye: three "(S) MH Northbound Train LLC" purchases on
    # 12/27/24 in the $1,001-$15,000 column, under three spouse holding companies.
    imgs = [(n, (shared_data / "senate" / "paper-images" / n).read_bytes()) for n in ("000000012.gif", "000000013.gif")]
    r = senate_ptr_ocr.parse(imgs, doc_id="d7d35e4a-545e-4215-a318-f90031461bc3")
    assert r.filing and r.filing["filer_name"] == "The Honorable Richard Blumenthal"
    assert r.filing["filed_date"] == date(2025, 1, 21)
    got = [(x["owner"], x["transaction_type"], x["transaction_date"], x["amount_min_usd"]) for x in r.records]
    assert got == [("spouse", "purchase", date(2024, 12, 27), 1_001)] * 3
    assert all("Northbound" in (x["asset_name"] or "") for x in r.records)


def test_printed_e_filing_read_as_lines_of_text(shared_data: Path) -> None:
    # 8221212 (Rep. McClain, received 2025-10-23): a paper form (page 1), a letter listing ten
    # trades in a small table (pages 2-3), then the e-filing's "Print Preview" printed and
    # scanned (pages 4-14, "1/11" to "11/11"), no ruled form. By eye: page 5 ("2/11") holds ten
    # trades, all SP, notified 10/01/2025, $1,001 - $15,000, starting with Amgen (S, 09/25/2025),
    # Apple (P, 09/11/2025) and ASML (P, 09/25/2025); page 6 ("3/11") ten more (Church & Dwight
    # to CoStar). The whole filing holds 6 + 10 + 93 = 109 trades.
    from warstock.ocr.document import read_pages
    from warstock.ocr.engine import Engine
    from warstock.ocr.images import pdf_pages

    data = (shared_data / "house" / "ptr" / "8221212.pdf").read_bytes()
    pages = [(n, img) for n, img in pdf_pages(data) if n in (5, 6)]
    eng = Engine()
    try:
        r = read_pages(eng, pages, chamber="house", doc_id="8221212", filed=date(2025, 10, 23))
    finally:
        eng.close()
    assert r.status in ("parsed", "parsed_with_notes"), r.reason
    by_page = {p: [x for x in r.records if x["page"] == p] for p in (5, 6)}
    assert len(by_page[5]) == 10 and len(by_page[6]) == 10
    # by eye every one of the 20 is SP and $1,001 - $15,000: read so, or flagged
    assert all(x["owner"] == "spouse" or x["needs_review"] for x in r.records)
    assert all(x["amount_min_usd"] == 1_001 or x["needs_review"] for x in r.records)
    assert sum(x["owner"] == "spouse" for x in r.records) >= 18
    first = [(x["ticker"], x["transaction_type"], x["transaction_date"]) for x in by_page[5][:3]]
    assert first == [("AMGN", "sale", date(2025, 9, 25)), ("AAPL", "purchase", date(2025, 9, 11)),
                     ("ASML", "purchase", date(2025, 9, 25))]
    # every date is right or flagged: never a wrong date kept silently
    for x in r.records:
        assert x["notification_date"] == date(2025, 10, 1) or x["needs_review"]
        assert x["transaction_date"] in (date(2025, 9, 11), date(2025, 9, 25)) or x["needs_review"]
