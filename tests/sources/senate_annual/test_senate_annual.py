"""Senate eFD annual report parser on a synthetic page (annual_report.html, this folder) that
mirrors the eFD markup; the real pages are read by tests/integration/test_real_annual.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from warstock.sources import senate_annual

PAGE = (Path(__file__).parent / "annual_report.html").read_bytes()


def test_header() -> None:
    r = senate_annual.parse(PAGE, doc_id="0a1b2c3d-0000-4000-8000-000000000001")
    f = r.filing
    assert f is not None
    assert (f["filer_name"], f["filer_sort_name"]) == ("Ms. Jane Doe", "Doe, Jane")
    assert (f["report_type"], f["report_year"], f["amendment_number"]) == ("annual", 2024, 2)
    assert f["filed_date"] == date(2025, 8, 14)
    assert (f["holding_count"], f["transaction_count"], f["liability_count"]) == (5, 2, 1)


def test_assets_every_field() -> None:
    r = senate_annual.parse(PAGE, doc_id="x")
    bank, account, lmt, pension, farm = r.records
    assert [x["row_number"] for x in r.records] == [1, 2, 3, 4, 5]
    assert all(x["doc_id"] == "x" for x in r.records)
    assert (bank["asset_name"], bank["asset_type"], bank["owner"], bank["location"], bank["description"]) == (
        "First Example Bank", "Bank Deposit", "joint", "Nashville, TN", "Type: Checking")
    assert (bank["value_min_usd"], bank["value_max_usd"], bank["income_type"]) == (15_001, 50_000, "Interest")
    assert (bank["income_text"], bank["income_category"], bank["income_min_usd"]) == (
        "None (or less than $201)", "none", None)
    assert (account["value_text"], account["value_category"], account["income_text"]) == (None, "not_reported", None)
    assert (lmt["row_label"], lmt["ticker"], lmt["asset_name"], lmt["subholding_of"]) == (
        "2.1", "LMT", "Lockheed Martin Corporation", "Example Brokerage Account")
    assert (lmt["asset_type"], lmt["asset_subtype"], lmt["comments"]) == ("Corporate Securities", "Stock",
                                                                          "Held since 2019.")
    assert (lmt["income_min_usd"], lmt["income_max_usd"]) == (2_501, 5_000)
    assert (pension["value_text"], pension["value_category"], pension["value_min_usd"]) == (
        "Unascertainable", "undetermined", None)
    assert (pension["income_text"], pension["income_category"], pension["income_min_usd"],
            pension["income_max_usd"]) == ("Other $5,138.46", "exact", 5138, 5138)
    assert farm["description"] == "Company: Family Farm LLC (Franklin, TN) Description: Cattle"
    assert (farm["value_min_usd"], farm["value_max_usd"]) == (50_000_001, None)
    assert (farm["income_min_usd"], farm["income_max_usd"]) == (5_000_001, None)


def test_unknown_owner_and_asset_type_are_notes_not_defaults() -> None:
    r = senate_annual.parse(PAGE, doc_id="x")
    farm = r.records[-1]
    assert farm["owner"] is None and farm["asset_type"] == "Mystery Assets"
    assert r.status == "parsed_with_notes"
    notes = {(n.code, n.row_number, n.level) for n in r.notes}
    assert ("unknown_owner", 5, "row_unreadable") in notes
    assert ("unknown_asset_type", 5, "note") in notes


def test_transactions_and_liabilities() -> None:
    r = senate_annual.parse(PAGE, doc_id="x")
    a, b = r.extra["raw_senate__annual_transactions"]
    assert (a["owner"], a["ticker"], a["asset_name"], a["transaction_type"], a["transaction_date"]) == (
        "self", None, "Example Growth Fund A", "purchase", date(2024, 1, 28))
    assert (a["amount_min_usd"], a["amount_max_usd"], a["comments"]) == (1_001, 15_000, None)
    assert (b["owner"], b["ticker"], b["transaction_type"], b["comments"]) == ("spouse", "RTX", "partial_sale",
                                                                              "rebalanced")
    (li,) = r.extra["raw_senate__liabilities"]
    assert (li["owner"], li["date_incurred_text"], li["liability_type"], li["rate_term"]) == (
        "self", "2011", "Mortgage", "4.875% (30 year fixed)")
    assert (li["creditor"], li["creditor_location"]) == ("Example Savings Bank", "Charlotte, North Carolina")
    assert (li["amount_min_usd"], li["amount_max_usd"], li["comments"]) == (100_001, 250_000, None)


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"   ", "empty page"),
    (b"<html><body><h1>Something else</h1></body></html>", "unknown layout"),
    (b"<html><body><h1>Periodic Transaction Report for 01/02/2025</h1></body></html>", "unknown layout"),
    (b"<html><body><h1>Annual Report for Calendar 2024</h1><h2>Ms. X</h2></body></html>", "no 'Part 3"),
])
def test_bad_pages_fail_with_a_reason(data: bytes, reason: str) -> None:
    r = senate_annual.parse(data, doc_id="x")
    assert r.status == "failed"
    assert r.reason is not None and reason in r.reason


def test_changed_columns_fail_the_document() -> None:
    r = senate_annual.parse(PAGE.replace(b'<th scope="col">Income Type</th>', b'<th scope="col">Kind</th>'),
                            doc_id="x")
    assert r.status == "failed" and r.reason is not None and "Part 3 columns" in r.reason


def test_no_assets_answered_no_is_parsed_empty() -> None:
    start = PAGE.index(b'<div class="table-responsive">')
    end = PAGE.index(b"</section>", start)
    r = senate_annual.parse(PAGE[:start] + PAGE[end:], doc_id="x")
    assert r.status in ("parsed", "parsed_with_notes")
    assert r.records == [] and r.filing is not None and r.filing["holding_count"] == 0


def test_paper_filing_needs_ocr() -> None:
    page = (b'<html><body><h1>Filing Document - Print View</h1>'
            b'<img class="filingImage" src="https://example.invalid/p1.gif"></body></html>')
    r = senate_annual.parse(page, doc_id="x")
    assert r.status == "needs_ocr" and r.filing is not None and r.filing["paper_pages"] == 1


def test_spec() -> None:
    spec = senate_annual.SPEC
    assert [t.name for t in spec.tables] == ["raw_senate__annual_filings", "raw_senate__holdings",
                                             "raw_senate__annual_transactions", "raw_senate__liabilities"]
    assert spec.match("../shared/data/senate/annual/blackburn-2024-amendment1.html") == (
        "blackburn-2024-amendment1", None)
    assert spec.url("abc", None) == "https://efdsearch.senate.gov/search/view/annual/abc/"
    r = senate_annual.parse(PAGE, doc_id="x")
    by_role = {t.role: t for t in spec.tables}
    assert set(r.records[0]) == {c.name for c in by_role["records"].columns}
    assert r.filing is not None and set(r.filing) == {c.name for c in by_role["filing"].columns}
    for table in spec.tables:
        if table.role == "extra":
            rows = r.extra[table.name]
            assert rows and set(rows[0]) == {c.name for c in table.columns}
