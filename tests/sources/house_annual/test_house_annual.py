"""House Form A parser on synthetic PDFs drawn in the Clerk's layout (formagen.py, this folder)."""

from __future__ import annotations

from datetime import date

import pytest
from formagen import Holding, Liability, build_form_a, image_only_pdf

from warstock.records import OCR_COLUMNS, Column
from warstock.sources import house_annual
from warstock.sources.spec import SourceSpec

OWNERS = {"": "self", "SP": "spouse", "JT": "joint", "DC": "dependent_child"}


def _codes(result: house_annual.ParseResult) -> list[str]:
    return [n.code for n in result.notes]


def test_header_and_one_row_every_field() -> None:
    pdf = build_form_a(
        [Holding(["Lockheed Martin Corporation Common Stock", "(LMT) [ST]"], owner="SP",
                 value_lines=["$250,001 -", "$500,000"], income_type_lines=["Capital Gains,", "Dividends"],
                 income_lines=["$5,001 -", "$15,000"], tx=True, description="held at Schwab",
                 location="Bethesda, MD, US", comments="sold in 2025")],
        [Liability("Union Bank of California", owner="JT", date="September 2016",
                   type_lines=["Mortgage on 11 Zinfandel Lane, St.", "Helena, CA"],
                   amount_lines=["$5,000,001 -", "$25,000,000"])],
        name="Hon. Jane Q. Doe", state_district="CA11", filing_id="10012345")
    r = house_annual.parse(pdf, doc_id="10012345")
    assert r.status == "parsed", r.notes
    f = r.filing
    assert f is not None
    assert (f["doc_id"], f["filer_name"], f["filer_status_code"], f["state_district"]) == (
        "10012345", "Hon. Jane Q. Doe", "member", "CA11")
    assert (f["report_type"], f["filing_year"], f["filing_date"]) == ("annual", 2024, date(2025, 5, 15))
    assert (f["signed_name"], f["signed_date"]) == ("Hon. Jane Q. Doe", date(2025, 5, 15))
    assert (f["holding_count"], f["transaction_count"], f["liability_count"]) == (1, 0, 1)
    (h,) = r.records
    assert h["doc_id"] == "10012345" and h["row_number"] == 1 and h["page"] == 1
    assert (h["owner"], h["asset_name"], h["ticker"], h["asset_type_code"]) == (
        "spouse", "Lockheed Martin Corporation Common Stock", "LMT", "ST")
    assert (h["value_text"], h["value_category"], h["value_min_usd"], h["value_max_usd"]) == (
        "$250,001 - $500,000", "band", 250_001, 500_000)
    assert h["income_type"] == "Capital Gains, Dividends"
    assert (h["income_text"], h["income_category"], h["income_min_usd"], h["income_max_usd"]) == (
        "$5,001 - $15,000", "band", 5_001, 15_000)
    assert h["tx_over_1000"] is True
    assert (h["description"], h["location"], h["comments"]) == ("held at Schwab", "Bethesda, MD, US", "sold in 2025")
    (li,) = r.extra["raw_house__liabilities"]
    assert (li["owner"], li["creditor"], li["date_incurred_text"]) == ("joint", "Union Bank of California",
                                                                       "September 2016")
    assert li["liability_type"] == "Mortgage on 11 Zinfandel Lane, St. Helena, CA"
    assert (li["amount_min_usd"], li["amount_max_usd"], li["amount_category"]) == (5_000_001, 25_000_000, "band")
    assert r.extra["raw_house__annual_transactions"] == []


def test_many_rows_over_pages_match_what_was_drawn() -> None:
    owners = ["", "SP", "JT", "DC"]
    spec = []
    for i in range(45):
        lines = [f"Company Number {i} Holdings Inc."]
        if i % 6 == 0:
            lines += ["Class B Common Stock, a long", "name that wraps"]
        lines.append(f"(T{i}) [ST]" if i % 5 else "[GS]")
        spec.append(Holding(lines, owner=owners[i % 4], tx=i % 7 == 0,
                            income_lines=[] if i % 3 == 0 else ["$201 - $1,000"],
                            description=f"row {i} description" if i % 4 == 1 else None))
    r = house_annual.parse(build_form_a(spec), doc_id="10099999")
    assert r.status == "parsed", r.notes
    assert r.filing is not None and r.filing["page_count"] >= 3
    assert len(r.records) == len(spec)
    for i, (row, rec) in enumerate(zip(spec, r.records, strict=True)):
        assert rec["row_number"] == i + 1
        assert rec["asset_name"] == " ".join(row.asset_lines).rsplit(" (", 1)[0].replace(" [GS]", "")
        assert rec["ticker"] == (f"T{i}" if i % 5 else None)
        assert rec["asset_type_code"] == ("ST" if i % 5 else "GS")
        assert rec["owner"] == OWNERS[owners[i % 4]]
        assert rec["tx_over_1000"] is (i % 7 == 0)
        assert rec["income_text"] == (None if i % 3 == 0 else "$201 - $1,000")
        assert rec["description"] == (f"row {i} description" if i % 4 == 1 else None)


@pytest.mark.parametrize("before", range(27, 33))
def test_a_row_wrapped_across_a_page_break(before: int) -> None:
    """A tall row drawn near the foot of a page continues on the next under the repeated header
    (with before=31 the name's lines and the description fall on pages 2 and 3)."""
    filler = [Holding([f"Filler {i} [BA]"], income_lines=[]) for i in range(before)]
    tall = Holding(["Wrapped Partnership Holdings", "line two of the name", "line three of the name",
                    "line four of the name", "(WRP) [OL]"], owner="JT", value_lines=["$1,000,001 -", "$5,000,000"],
                   income_type_lines=["Partnership", "Income"], income_lines=["$15,001 -", "$50,000"],
                   description="a description under the wrapped row")
    after = Holding(["After Row Inc. (AFT) [ST]"])
    r = house_annual.parse(build_form_a([*filler, tall, after]), doc_id="10099999")
    assert r.status == "parsed", r.notes
    assert len(r.records) == before + 2
    rec = r.records[before]
    assert rec["asset_name"] == ("Wrapped Partnership Holdings line two of the name line three of the name "
                                 "line four of the name")
    assert (rec["ticker"], rec["asset_type_code"], rec["owner"]) == ("WRP", "OL", "joint")
    assert (rec["value_min_usd"], rec["value_max_usd"]) == (1_000_001, 5_000_000)
    assert (rec["income_type"], rec["income_text"]) == ("Partnership Income", "$15,001 - $50,000")
    assert rec["description"] == "a description under the wrapped row"
    assert r.records[-1]["asset_name"] == "After Row Inc."


def test_non_band_values_subholdings_and_open_ended_income() -> None:
    r = house_annual.parse(build_form_a([
        Holding(["NVIDIA [OP]"], owner="SP", value_lines=["None"], income_type_lines=["None"], income_lines=[]),
        Holding(["The Art of Power Book Contract [IP]"], value_lines=["Undetermined"],
                income_type_lines=["Royalties"], income_lines=["$2,500.00"]),
        Holding(["Schwab IRA ⇒", "Apple Inc. (AAPL) [ST]"], value_lines=["$25,000,001 -", "$50,000,000"],
                income_lines=["Over $5,000,000"]),
        Holding(["Spouse Fund (SPF) [MF]"], owner="SP", value_lines=["Spouse/DC Over", "$1,000,000"],
                income_lines=["None"]),
    ]), doc_id="10099999")
    assert r.status == "parsed", r.notes
    a, b, c, d = r.records
    assert (a["value_text"], a["value_category"], a["value_min_usd"], a["value_max_usd"]) == (
        "None", "none", None, None)
    assert (b["value_text"], b["value_category"], b["value_min_usd"]) == ("Undetermined", "undetermined", None)
    assert (b["income_category"], b["income_min_usd"], b["income_max_usd"]) == ("exact", 2500, 2500)
    assert (c["subholding_of"], c["asset_name"], c["ticker"]) == ("Schwab IRA", "Apple Inc.", "AAPL")
    assert (c["income_category"], c["income_min_usd"], c["income_max_usd"]) == ("band", 5_000_001, None)
    assert (d["value_category"], d["value_min_usd"], d["value_max_usd"]) == ("band", 1_000_001, None)
    assert (d["income_text"], d["income_category"], d["income_min_usd"]) == ("None", "none", None)


def test_candidate_report_two_income_columns_and_period() -> None:
    pdf = build_form_a([Holding(["Vanguard 500 Index Fd Admiral Shs (VFIAX) [MF]"],
                                income_lines=["$15,001 -", "$50,000"], income_prev_lines=["$5,001 - $15,000"],
                                tx=None)],
                       [Liability("Navy Federal", date="July 2018", type_lines=["Credit Card"],
                                  amount_lines=["$8,698.00"])],
                       status="Congressional Candidate", filing_type="Candidate Report", filing_year="2025",
                       filing_date="10/12/2025", period="01/01/2024– 09/12/2025", candidate=True)
    r = house_annual.parse(pdf, doc_id="10099999")
    assert r.status == "parsed", r.notes
    f = r.filing
    assert f is not None
    assert (f["report_type"], f["filer_status_code"]) == ("candidate", "candidate")
    assert (f["period_start"], f["period_end"]) == (date(2024, 1, 1), date(2025, 9, 12))
    (h,) = r.records
    assert (h["income_text"], h["income_min_usd"], h["income_max_usd"]) == ("$15,001 - $50,000", 15_001, 50_000)
    assert (h["income_preceding_year_text"], h["income_preceding_year_min_usd"]) == ("$5,001 - $15,000", 5_001)
    assert h["tx_over_1000"] is None
    (li,) = r.extra["raw_house__liabilities"]
    assert (li["owner"], li["amount_category"], li["amount_min_usd"], li["amount_max_usd"]) == (
        "self", "exact", 8698, 8698)


def test_none_disclosed_is_a_parsed_report_with_no_holdings() -> None:
    r = house_annual.parse(build_form_a([], none_disclosed=True), doc_id="10099999")
    assert r.status == "parsed", r.notes
    assert r.records == []
    assert r.filing is not None and r.filing["schedule_a_none_disclosed"] is True
    assert r.filing["holding_count"] == 0


def test_unknown_owner_and_type_code_are_notes_not_defaults() -> None:
    r = house_annual.parse(build_form_a([Holding(["Odd Owner Co (ODD) [ST]"], owner="XY"),
                                         Holding(["Odd Type Co (ODT) [ZZ]"])]), doc_id="10099999")
    assert r.status == "parsed_with_notes"
    a, b = r.records
    assert a["owner"] is None
    assert b["asset_type_code"] == "ZZ" and b["owner"] == "self"
    notes = {(n.code, n.row_number, n.level) for n in r.notes}
    assert ("unknown_owner", 1, "row_unreadable") in notes
    assert ("unknown_asset_type", 2, "note") in notes


def test_scanned_report_needs_ocr() -> None:
    r = house_annual.parse(image_only_pdf(3), doc_id="8220728")
    assert r.status == "needs_ocr"
    assert r.reason is not None and "no text layer" in r.reason
    assert r.filing is not None and r.filing["page_count"] == 3 and r.filing["doc_id"] == "8220728"


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"<html>not a pdf</html>", "not a PDF"),
    (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "unreadable PDF"),
])
def test_bad_input_fails_with_a_reason(data: bytes, reason: str) -> None:
    r = house_annual.parse(data, doc_id="1")
    assert r.status == "failed"
    assert r.reason is not None and reason in r.reason


def test_truncated_report_fails_or_says_what_it_lost() -> None:
    pdf = build_form_a([Holding([f"Company {i} (C{i}) [ST]"]) for i in range(30)])
    r = house_annual.parse(pdf[: len(pdf) // 3], doc_id="10099999")
    assert r.status == "failed", (r.status, r.reason)
    assert r.reason


def test_a_ptr_is_not_read_as_form_a() -> None:
    from ptrgen import Row, build_ptr

    r = house_annual.parse(build_ptr([Row(["Lockheed Martin (LMT) [ST]"])]), doc_id="20099999")
    assert r.status == "failed"
    assert r.reason is not None and "Periodic Transaction Report" in r.reason


def test_spec_tables_and_paths() -> None:
    spec = house_annual.SPEC
    assert isinstance(spec, SourceSpec)
    assert [t.name for t in spec.tables] == ["raw_house__annual_filings", "raw_house__holdings",
                                             "raw_house__annual_transactions", "raw_house__liabilities"]
    provenance = {"source_sha256", "source_doc_id", "source_url", "parser_version", "read_method"}
    for table in spec.tables:
        names = [c.name for c in table.columns]
        assert all(isinstance(c, Column) for c in table.columns)
        assert len(names) == len(set(names)) and not provenance & set(names)
    assert spec.match("../shared/data/house/annual/10066169.pdf") == ("10066169", None)
    assert spec.url("10066169", 2025) == ("https://disclosures-clerk.house.gov/public_disc/financial-pdfs/2025/"
                                          "10066169.pdf")
    r = house_annual.parse(build_form_a([Holding(["A Co (A) [ST]"])]), doc_id="10099999")
    for role, rows in (("records", r.records), ("filing", [r.filing])):
        table = spec.table(role)
        assert table is not None
        ocr_only = {c.name for c in OCR_COLUMNS}  # filled by house_annual_ocr on paper reports
        assert set(rows[0]) == {c.name for c in table.columns} - ocr_only
