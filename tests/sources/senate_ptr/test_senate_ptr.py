from __future__ import annotations

from datetime import date

from senategen import paper_stub, senate_ptr
from warstock.sources import senate_ptr as parser


def test_reads_the_report_and_every_field() -> None:
    page = senate_ptr("The Honorable Thomas R Carper (Former Senator)", "10/04/2022", [
        {"date": "09/19/2022", "owner": "Spouse", "ticker": "SH", "asset": "ProShares Short S&P500",
         "asset_type": "Other", "type": "Sale (Full)", "amount": "$15,001 - $50,000"},
        {"date": "09/15/2022", "owner": "Joint", "asset": "BCS Contingent Autocall COF",
         "details": "<em>Rate/Coupon:</em> 10%<br> <em>Matures:</em> 10/25/2024", "asset_type": "Corporate Bond",
         "type": "Sale (Partial)", "amount": "Over $50,000,000", "comment": "called"},
        {"date": "09/08/2022", "owner": "Dependent Child", "ticker": "LMT", "asset": "Lockheed Martin Corp",
         "type": "Exchange"},
    ], filed="10/05/2022")
    r = parser.parse(page, doc_id="0165d493-3c0e-4404-a4f0-dd99c1f95160")
    assert r.status == "parsed", r.notes
    assert r.filing is not None
    assert r.filing["filer_name"] == "The Honorable Thomas R Carper"
    assert r.filing["filer_status"] == "Former Senator"
    assert r.filing["report_date"] == date(2022, 10, 4) and r.filing["filed_date"] == date(2022, 10, 5)
    assert r.filing["amendment_number"] == 0
    a, b, c = r.records
    assert (a["owner"], a["ticker"], a["asset_name"], a["asset_type"], a["transaction_type"]) == (
        "spouse", "SH", "ProShares Short S&P500", "Other", "sale")
    assert (a["amount_min_usd"], a["amount_max_usd"]) == (15_001, 50_000)
    assert b["ticker"] is None and b["asset_name"] == "BCS Contingent Autocall COF"
    assert b["asset_details"] == "Rate/Coupon: 10% Matures: 10/25/2024"
    assert (b["transaction_type"], b["amount_min_usd"], b["amount_max_usd"], b["comment"]) == (
        "partial_sale", 50_000_001, None, "called")
    assert (c["owner"], c["transaction_type"], c["transaction_date"]) == ("dependent_child", "exchange",
                                                                           date(2022, 9, 8))


def test_amendment_number() -> None:
    r = parser.parse(senate_ptr("The Honorable Jane Roe", "01/02/2025", [{"date": "01/01/2025", "asset": "X"}],
                                amendment=2))
    assert r.filing is not None and r.filing["amendment_number"] == 2


def test_unknown_values_are_notes() -> None:
    r = parser.parse(senate_ptr("The Honorable Jane Roe", "01/02/2025", [
        {"date": "13/45/2025", "owner": "Cousin", "asset": "X", "asset_type": "Spaceship", "type": "Gift",
         "amount": "lots"}]))
    assert r.status == "parsed_with_notes"
    assert {n.code for n in r.notes} == {"bad_transaction_date", "unknown_owner", "unknown_asset_type",
                                         "unknown_transaction_type", "bad_amount"}


def test_paper_stub_needs_ocr_with_its_images() -> None:
    r = parser.parse(paper_stub(["https://efd-media-public.senate.gov/media/2025/2/000/000/000000039.gif",
                                 "https://efd-media-public.senate.gov/media/2025/2/000/000/000000040.gif"]))
    assert r.status == "needs_ocr" and "2 page image" in (r.reason or "")
    assert r.filing is not None and r.filing["paper_pages"] == 2


def test_bad_pages() -> None:
    assert parser.parse(b"").status == "failed"
    assert "no page images" in (parser.parse(paper_stub([])).reason or "")
    changed = senate_ptr("The Honorable Jane Roe", "01/02/2025", [{"date": "01/01/2025", "asset": "X"}],
                         columns=["#", "Date", "Owner", "Asset"])
    r = parser.parse(changed)
    assert r.status == "failed" and "unknown layout" in (r.reason or "")
    assert parser.parse(b"<html><h1>Something else</h1></html>").status == "failed"


def test_private_holding_keeps_company_and_description_out_of_the_name() -> None:
    # eFD prints a private holding with two muted divs: "Company: ..." and "Description: ..."
    two = ('<em>Company:</em> HC D Hill Partners, LP (Wilmington, DE)</div>'
           '<div class="text-muted"><em>Description:</em> LP')
    page = senate_ptr("The Honorable Jane Roe", "01/02/2025",
                      [{"date": "01/01/2025", "asset": "HC D Hill Partners, LP", "details": two}])
    (rec,) = parser.parse(page).records
    assert rec["asset_name"] == "HC D Hill Partners, LP"
    assert rec["asset_details"] == "Company: HC D Hill Partners, LP (Wilmington, DE) Description: LP"
