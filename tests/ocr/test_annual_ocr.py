"""OCR of the House paper Form A, Schedule A, on synthetic scans drawn by tests/annualgen.py
(the truth of every mark is known), read through the real Tesseract engine; and the bad inputs:
a blank report, a report with no Schedule A grid, a page whose grid cannot be found."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from annualgen import XS, Row, schedule_a_page
from formgen import pdf_of, scanned
from warstock.archive import Archive
from warstock.ocr import annual
from warstock.ocr.engine import Engine, OcrUnavailable, tessdata_dir
from warstock.records import ParseResult
from warstock.sources import house_annual, house_annual_ocr
from warstock.stages import ocr as ocr_stage
from warstock.warehouse import db, derive
from warstock.warehouse.load import load_document

try:
    tessdata_dir()
except OcrUnavailable as exc:  # ./ws test installs it; without it these tests cannot run
    pytest.skip(f"Tesseract not installed: {exc}", allow_module_level=True)

ROWS = [
    Row("", "SCHWAB BROKERAGE"),  # no marks, first on the page: the account of the rows below
    Row("SP", "LOCKHEED MARTIN CORP", values=[3], types=[1], income=[2], tx="P"),
    Row("", "VANGUARD 500 INDEX FUND", values=[0], types=[0], income=[0]),
    Row("JT", "BOEING CO", values=[11], types=[1, 4], income=[7]),
    Row("DC", "GENERAL DYNAMICS CORP", values=[2, 4], types=[1], income=[1]),  # two value marks
    Row("SP", "RAYTHEON TECHNOLOGIES", types=[1], income=[3]),  # no value mark
    Row("", "NORTHROP GRUMMAN CORP", values=[12], types=[4], income=[11]),
]


def _check_rows(rows: list[annual.Holding], account: set[str | None] | None = None) -> None:
    squeeze = str.maketrans("", "", " .")  # Tesseract may split a typed word or read a space as a dot
    assert [(r.asset.value or "").translate(squeeze) for r in rows] == [r.asset.translate(squeeze) for r in ROWS[1:]]
    assert [r.owner.value for r in rows] == ["spouse", "self", "joint", "dependent_child", "spouse", "self"]
    # the heading row names the account of the rows below, or (read with low confidence, as a
    # speck of dust can make it) none: never another name
    assert {r.subholding_of for r in rows} in (account or ({"SCHWAB BROKERAGE"},))
    values = [r.value.value and r.value.value[:3] for r in rows]
    assert values == [("band", 15_001, 50_000), ("none", None, None), ("band", 50_000_001, None), None, None,
                      ("band", 1_000_001, None)]
    # the two rows without exactly one value mark are flagged for it; no other row's value is
    # (a typed name Tesseract reads with low confidence may flag its row too: not asserted)
    assert [any(x.startswith("value") for x in r.review) for r in rows] == [False, False, False, True, True, False]
    assert [r.income_types for r in rows] == [["Dividends"], ["None"], ["Dividends", "Capital Gains"],
                                              ["Dividends"], ["Dividends"], ["Capital Gains"]]
    incomes = [r.income.value and r.income.value[:3] for r in rows]
    assert incomes == [("band", 201, 1_000), ("none", None, None), ("band", 50_001, 100_000), ("band", 1, 200),
                       ("band", 1_001, 2_500), ("band", 1_000_001, None)]
    assert rows[0].transaction == "P" and rows[1].transaction is None


@pytest.mark.parametrize("turns", [0, 1])
def test_reads_owners_bands_and_marks_of_a_drawn_schedule_a(engine: Engine, turns: int) -> None:
    page = scanned(schedule_a_page(ROWS), turns, noise=0.0005)
    pr = annual.read_page(engine, page, page=3)
    assert pr.title == "A" and pr.layout is not None and pr.layout.template.name == "form_a"
    _check_rows(pr.rows, account=({"SCHWAB BROKERAGE"}, {None}))


@pytest.mark.parametrize("turns", [0, 1])
def test_a_heading_row_names_the_account_of_the_rows_below(engine: Engine, turns: int) -> None:
    pr = annual.read_page(engine, scanned(schedule_a_page(ROWS), turns), page=3)
    _check_rows(pr.rows)
    assert any("read as a heading" in n for n in pr.notes)


def test_a_lost_ruling_is_put_back_from_the_printed_form(engine: Engine) -> None:
    # the rulings around value columns C and D (a dashed line the scan lost), and one in Block D
    lost = (5, 6, 27)
    pr = annual.read_page(engine, schedule_a_page(ROWS, lost=lost), page=3)
    assert pr.layout is not None
    for i in lost:
        assert abs(pr.layout.xs[i] - XS[i]) <= 8
    _check_rows(pr.rows)


def test_report_pdf_to_records_with_flags_and_index_filing(engine: Engine) -> None:
    cover = np.full((1674, 2162), 255, np.uint8)
    cover[200:210, 100:2000] = 0  # a page with ink and no grid (a cover the reader does not read)
    data = pdf_of([scanned(cover, 0), scanned(schedule_a_page(ROWS), 1)])
    r = house_annual_ocr.parse(data, doc_id="8299999", filed=date(2025, 2, 11), filing_type="T", year=2025,
                               engine=engine)
    assert r.status == "parsed_with_notes", r.reason
    assert r.filing is not None
    assert (r.filing["report_type"], r.filing["filer_status_code"], r.filing["filing_year"],
            r.filing["holding_count"], r.filing["liability_count"]) == ("termination", "former_member", 2025, 6, None)
    by_name = {rec["asset_name"].replace(" ", ""): rec for rec in r.records}
    assert by_name["LOCKHEEDMARTINCORP"]["value_min_usd"] == 15_001
    assert by_name["LOCKHEEDMARTINCORP"]["tx_over_1000"] is True
    assert by_name["GENERALDYNAMICSCORP"]["value_min_usd"] is None
    assert by_name["GENERALDYNAMICSCORP"]["needs_review"] is True
    assert "value 0% (2 marked)" in by_name["GENERALDYNAMICSCORP"]["review_reason"]
    assert by_name["RAYTHEONTECHNOLOGIES"]["review_reason"].startswith("value 0% (none marked)")
    assert {n.code for n in r.notes} >= {"ocr_review", "schedules_not_read"}


def test_reports_without_a_readable_schedule_a_fail_with_their_reason(engine: Engine) -> None:
    blank = np.full((1674, 2162), 255, np.uint8)
    r = house_annual_ocr.parse(pdf_of([blank, blank]), doc_id="8299998", engine=engine)
    assert r.status == "failed" and r.reason == "no Schedule A grid found on 2 page(s)"
    assert house_annual_ocr.parse(b"", doc_id="x").reason == "empty file (0 bytes)"
    assert house_annual_ocr.parse(b"GIF89a", doc_id="x").reason == "not a PDF"
    assert house_annual_ocr.parse(b"%PDF-1.4 truncated", doc_id="x").status == "failed"


def test_a_schedule_a_page_whose_grid_is_lost_is_a_note_and_the_others_are_kept(engine: Engine) -> None:
    gridless = schedule_a_page([], ruled=False)  # the title printed, no rulings
    data = pdf_of([schedule_a_page(ROWS), gridless])
    r = house_annual_ocr.parse(data, doc_id="8299997", filing_type="A", year=2024, engine=engine)
    assert r.status == "parsed_with_notes" and len(r.records) == 6
    assert any(n.page == 2 and n.level == "row_unreadable" and "grid could not be found" in n.message
               for n in r.notes)


def test_an_ocr_read_report_is_a_parsed_annual_filing_in_the_warehouse() -> None:
    con = db.connect(None)
    con.execute("INSERT INTO raw_house__index (doc_id, year, filing_type, filing_date, last_name, first_name, "
                "state_district, source_sha256, read_method) VALUES "
                "('8299996', 2025, 'T', DATE '2025-02-11', 'Example', 'Jane', 'CO05', 'idx', 'text')")
    stub = ParseResult("needs_ocr", "scanned report: no text layer on 2 page(s)",
                       filing={"doc_id": "8299996", "page_count": 2})
    load_document(con, source="house_annual", sha256="s", doc_id="8299996", official_url=None, result=stub)
    derive.refresh(con)
    assert con.execute("SELECT status FROM out_coverage__annual WHERE doc_id = '8299996'").fetchone() == (
        "needs_ocr",)
    ocr = ParseResult("parsed_with_notes", filing={"doc_id": "8299996", "page_count": 2, "report_type": "termination",
                                                   "filing_year": 2025, "filing_date": date(2025, 2, 11),
                                                   "holding_count": 1},
                      records=[{"row_number": 1, "owner": "spouse", "asset_name": "LOCKHEED MARTIN CORP",
                                "value_category": "band", "value_min_usd": 15_001, "value_max_usd": 50_000,
                                "ocr_confidence": 97.0, "needs_review": False}])
    load_document(con, source="house_annual_ocr", sha256="s", doc_id="8299996", official_url=None, result=ocr)
    derive.refresh(con)
    assert con.execute("SELECT status, read_method, ocr_rows FROM out_coverage__annual "
                       "WHERE doc_id = '8299996'").fetchone() == ("parsed_with_notes", "ocr", 1)
    assert con.execute("SELECT report_type, report_year, as_of_date FROM core_annual__filings "
                       "WHERE doc_id = '8299996'").fetchall() == [("termination", 2025, date(2025, 2, 11))]
    assert con.execute("SELECT asset_name, value_min_usd, read_method, needs_review FROM core_holdings "
                       "WHERE doc_id = '8299996'").fetchall() == [("LOCKHEED MARTIN CORP", 15_001, "ocr", False)]


def test_writing_in_the_rows_with_no_marks_read_fails_the_report(engine: Engine) -> None:
    # typed marks too small to read, say: the names are there, no mark is: not an empty schedule
    page = schedule_a_page([Row("", "VOYA FINANCIAL"), Row("", "TRADITIONAL IRA"), Row("SP", "SEP ACCOUNT")])
    r = house_annual_ocr.parse(pdf_of([page]), doc_id="8299995", filing_type="C", year=2025, engine=engine)
    assert r.status == "failed"
    assert r.reason is not None and "no row's marks were read" in r.reason


def test_warstock_ocr_reads_the_scanned_report_the_text_parser_left(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "archive")
    data = pdf_of([scanned(schedule_a_page(ROWS), 1)])
    entry, _ = archive.add_bytes(data, source="house_annual", doc_id="8299994", origin="test", year=2025)
    con = db.connect(None)
    con.execute("INSERT INTO raw_house__index (doc_id, year, filing_type, filing_date, last_name, first_name, "
                "state_district, source_sha256, read_method) VALUES "
                "('8299994', 2025, 'T', DATE '2025-02-11', 'Example', 'Jane', 'CO05', 'idx', 'text')")
    stub = house_annual.parse(data, doc_id="8299994")  # the real text parser: no text layer
    assert stub.status == "needs_ocr"
    load_document(con, source="house_annual", sha256=entry.sha256, doc_id="8299994", official_url=None,
                  result=stub)
    derive.refresh(con)
    jobs, skipped = ocr_stage.plan(archive, con)
    assert [(j.source, j.doc_id, j.filing_type, j.year, j.filed) for j in jobs] == [
        ("house_annual_ocr", "8299994", "T", 2025, date(2025, 2, 11))]
    summary = ocr_stage.ocr(archive, con, workers=1)
    assert summary.read == {"parsed_with_notes": 1} and summary.rows == 6
    assert con.execute("SELECT report_type, report_year FROM core_annual__filings WHERE doc_id = '8299994'"
                       ).fetchall() == [("termination", 2025)]
    assert con.execute("SELECT status, read_method, ocr_rows FROM out_coverage__annual WHERE doc_id = '8299994'"
                       ).fetchone() == ("parsed_with_notes", "ocr", 6)
    assert con.execute("SELECT count(*), count(value_min_usd) FROM core_holdings WHERE doc_id = '8299994'"
                       ).fetchone() == (6, 3)
    # read again only when asked: the reading is kept
    assert ocr_stage.plan(archive, con) == ([], 1)
