"""Annual financial disclosure parsers on the real documents in ../shared/data, read in place.

House: ../shared/data/house/annual/*.pdf (225 Form A reports, 11 scanned). Senate:
../shared/data/senate/annual/*.html (2 eFD annual reports). The expected numbers were read by
eye from the documents (page images of the PDFs, the HTML source), not from the parser.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from warstock.pdftext import UNMAPPED
from warstock.records import OCR_COLUMNS, ParseResult
from warstock.sources import house_annual, senate_annual

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def house_dir(shared_data: Path) -> Path:
    path = shared_data / "house" / "annual"
    if not path.is_dir():
        pytest.skip(f"{path} not found: the House annual reports are read in place")
    return path


@cache
def _parse(path: Path) -> ParseResult:
    return house_annual.parse(path.read_bytes(), doc_id=path.stem)


def test_pelosi_2024_counts_read_by_eye(house_dir: Path) -> None:
    """10066169 (calendar 2024): Schedule A has 63 rows on pages 1-6, of which 59 carry a dollar
    band and 4 do not (NVIDIA [OP] None, Tesla None, The Art of Power Undetermined, U.S. Bank
    Money Market None); Schedule D has 9 liabilities (8 on page 8, 1 on page 9)."""
    r = _parse(house_dir / "10066169.pdf")
    assert r.status in ("parsed", "parsed_with_notes"), r.reason
    assert len(r.records) == 63
    categories = Counter(x["value_category"] for x in r.records)
    assert categories["band"] == 59
    assert categories["none"] + categories["undetermined"] == 4
    assert {x["asset_name"] for x in r.records if x["value_category"] != "band"} == {
        "NVIDIA", "Tesla, Inc.", "The Art of Power Book Contract", "U.S. Bank - Money Market Account"}
    assert len(r.extra["raw_house__liabilities"]) == 9
    assert len(r.extra["raw_house__annual_transactions"]) == 14
    first = r.records[0]
    assert (first["asset_name"], first["asset_type_code"], first["owner"], first["income_type"]) == (
        "11 Zinfandel Lane - Home & Vineyard", "RP", "joint", "Grape Sales")
    assert (first["value_min_usd"], first["value_max_usd"], first["location"]) == (
        5_000_001, 25_000_000, "St. Helena/Napa, CA, US")
    apple = next(x for x in r.records if x["ticker"] == "AAPL")
    assert (apple["income_text"], apple["income_min_usd"], apple["income_max_usd"]) == (
        "Over $5,000,000", 5_000_001, None)
    # ticked "Tx. > $1,000?" boxes on the page images (pages 1-6): AAPL, AVGO (p. 2), Forge (p. 3),
    # MSFT, NVIDIA [OP], NVDA, PANW (p. 4), REOF XXVI, TSLA (p. 5), V (p. 6)
    assert {x["ticker"] or x["asset_name"] for x in r.records if x["tx_over_1000"]} == {
        "AAPL", "AVGO", "Forge Investments, LLC", "MSFT", "NVIDIA", "NVDA", "PANW", "REOF XXVI, LLC", "TSLA", "V"}
    assert sum(x["tx_over_1000"] is False for x in r.records) == 53
    last = r.extra["raw_house__liabilities"][-1]
    assert (last["creditor"], last["date_incurred_text"], last["amount_min_usd"]) == (
        "City National Securities", "Ongoing", 25_000_001)
    f = r.filing
    assert f is not None
    assert (f["filer_name"], f["report_type"], f["filing_year"]) == ("Hon. Nancy Pelosi", "annual", 2024)


def test_every_report_parses_or_says_why(house_dir: Path) -> None:
    files = sorted(house_dir.glob("*.pdf"))
    status = Counter()
    for path in files:
        r = _parse(path)
        status[r.status] += 1
        assert r.status in ("parsed", "parsed_with_notes", "needs_ocr", "failed"), path
        if r.status in ("needs_ocr", "failed"):
            assert r.reason, path
        else:
            assert r.filing is not None and r.filing["doc_id"] == path.stem
            assert r.filing["holding_count"] == len(r.records)
    # 11 scanned paper reports (DocIDs 822xxxx and 9115xxx), no failures
    assert len(files) == 225
    assert status["needs_ocr"] == 11 and status["failed"] == 0
    assert status["parsed"] + status["parsed_with_notes"] == 214


def test_row_shapes_match_the_spec(house_dir: Path) -> None:
    r = _parse(house_dir / "10066169.pdf")
    for table in house_annual.SPEC.tables:
        rows = {"records": r.records, "filing": [r.filing]}.get(table.role) or r.extra[table.name]
        ocr_only = {c.name for c in OCR_COLUMNS}  # filled by house_annual_ocr on paper reports
        assert rows and set(rows[0]) == {c.name for c in table.columns} - ocr_only, table.name


SCHEDULE = re.compile(r"^S" + UNMAPPED + r"+ ([A-J]):")
CODE = re.compile(r"\[[A-Z0-9]{2}\]")
DOUBLED = re.compile(r"(\[[A-Z0-9]{2}\])\s*\1")
LABEL = re.compile(r"^[A-Z]" + UNMAPPED + r"+:")


def _codes_in_schedule_a(path: Path) -> int:
    """Asset type codes printed in Schedule A, from PDFium's flat text (not the parser's
    positioned words): one per asset; a code the filer also typed into the name ("Savings
    [BA] [BA]") counts once. The full comparison, with pdfplumber, is benchmarks/accuracy_annual.py."""
    doc = pdfium.PdfDocument(path.read_bytes())
    n = 0
    section = None
    try:
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            text = tp.get_text_range()
            tp.close()
            page.close()
            for line in text.splitlines():
                s = line.strip()
                m = SCHEDULE.match(s)
                if m:
                    section = m.group(1)
                elif s.startswith(("S" + UNMAPPED, "E" + UNMAPPED, "C" + UNMAPPED)) and ":" not in s:
                    section = None  # another heading
                elif section == "A" and not LABEL.match(s) and not s.startswith("*"):
                    n += len(CODE.findall(s)) - len(DOUBLED.findall(s))
    finally:
        doc.close()
    return n


def test_schedule_a_rows_equal_an_independent_count(house_dir: Path) -> None:
    disagree = []
    for path in sorted(house_dir.glob("*.pdf")):
        r = _parse(path)
        if r.status == "needs_ocr":
            continue
        counted = _codes_in_schedule_a(path)
        if counted != len(r.records):
            disagree.append((path.stem, len(r.records), counted))
    assert disagree == []


@pytest.fixture(scope="module")
def senate_dir(shared_data: Path) -> Path:
    path = shared_data / "senate" / "annual"
    if not path.is_dir():
        pytest.skip(f"{path} not found: the Senate annual reports are read in place")
    return path


@pytest.mark.parametrize("name, assets, transactions, liabilities, filer", [
    # Part 3 rows counted in the HTML: Blackburn 1-15 with sub-rows 3.1 ... 15.1 (41 rows),
    # Part 4b 34 purchases, Part 7 one mortgage; Slotkin 6 assets, no Part 4b table, one mortgage
    ("blackburn-2024-amendment1", 41, 34, 1, "Mrs. Marsha Blackburn"),
    ("slotkin-2024-amendment1", 6, 0, 1, "Ms. Elissa Slotkin"),
])
def test_senate_annual_reports(senate_dir: Path, name: str, assets: int, transactions: int, liabilities: int,
                               filer: str) -> None:
    r = senate_annual.parse((senate_dir / f"{name}.html").read_bytes(), doc_id=name)
    assert r.status == "parsed", (r.reason, r.notes)
    assert len(r.records) == assets
    assert len(r.extra["raw_senate__annual_transactions"]) == transactions
    assert len(r.extra["raw_senate__liabilities"]) == liabilities
    f = r.filing
    assert f is not None
    assert (f["filer_name"], f["report_year"], f["amendment_number"], f["report_type"]) == (filer, 2024, 1, "annual")
    assert all(x["owner"] in ("self", "spouse", "joint", "dependent_child") for x in r.records)


def test_blackburn_rows_read_by_eye(senate_dir: Path) -> None:
    r = senate_annual.parse((senate_dir / "blackburn-2024-amendment1.html").read_bytes(), doc_id="b")
    by_label = {x["row_label"]: x for x in r.records}
    abalx = by_label["5.1"]
    assert (abalx["ticker"], abalx["asset_name"], abalx["subholding_of"]) == (
        "ABALX", "American Funds American Balanced Fund Class A", "American Funds Brokerage Account")
    assert (abalx["value_min_usd"], abalx["value_max_usd"], abalx["income_min_usd"]) == (15_001, 50_000, 1_001)
    pension = by_label["7"]
    assert (pension["value_category"], pension["income_category"], pension["income_min_usd"]) == (
        "undetermined", "exact", 5138)
    assert by_label["3"]["value_category"] == "not_reported"
