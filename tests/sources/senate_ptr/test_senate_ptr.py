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


# --- a page that is not whole never passes as complete (level "incomplete") -----------------

def _page(n: int = 4, **row: str) -> bytes:
    return senate_ptr("The Honorable Jane Roe", "01/02/2025",
                      [{"date": f"01/0{i + 1}/2025", "asset": f"Asset {i}", **row} for i in range(n)])


def _incomplete(r: parser.ParseResult) -> set[str]:
    return {n.code for n in r.notes if n.level == "incomplete"}


def test_whole_page_has_no_incomplete_note() -> None:
    r = parser.parse(_page())
    assert r.status == "parsed" and not r.notes


def test_page_cut_at_a_row_boundary() -> None:
    page = _page()
    cut = page[: page.index(b"</tr>", page.index(b"<tbody>")) + len(b"</tr>")]  # the first row only
    r = parser.parse(cut)
    assert r.status == "parsed_with_notes"
    assert len(r.records) == 1  # lxml repairs the page: the row read is kept
    assert {"page_truncated", "table_truncated", "row_number_gap"} <= _incomplete(r)


def test_removed_row_leaves_a_gap() -> None:
    page = _page()
    start = page.index(b"<tr><td>3</td>")
    r = parser.parse(page[:start] + page[page.index(b"</tr>", start) + 5:])
    assert r.status == "parsed_with_notes" and len(r.records) == 3
    assert _incomplete(r) == {"row_number_gap"}
    assert "# 3 missing" in r.notes[0].message


def test_repeated_row() -> None:
    page = _page()
    start = page.index(b"<tr><td>2</td>")
    row = page[start: page.index(b"</tr>", start) + 5]
    r = parser.parse(page.replace(row, row + row))
    assert _incomplete(r) == {"row_number_repeated"} and r.status == "parsed_with_notes"


def test_non_statutory_band_is_kept_and_noted() -> None:
    r = parser.parse(_page(1, amount="$1,001 - $95,000"))
    (rec,) = r.records
    assert (rec["amount_min_usd"], rec["amount_max_usd"]) == (1_001, 95_000)
    assert r.status == "parsed_with_notes" and _incomplete(r) == {"non_statutory_amount"}
    assert r.notes[0].row_number == 1


def test_an_incomplete_note_alone_makes_parsed_with_notes() -> None:
    r = parser.ParseResult("parsed", records=[{"row_number": 1}])
    r.note("page_truncated", "cut", level="incomplete")
    assert r.finish("no transactions").status == "parsed_with_notes"


def test_damaged_bytes_and_junk_characters_are_noted() -> None:
    page = _page()
    assert "control_bytes" in _incomplete(parser.parse(page.replace(b"Asset 1", b"Asset\x00 1")))
    assert "undecodable_bytes" in _incomplete(parser.parse(page.replace(b"Asset 1", b"Asset\xff 1")))
    junk = parser.parse(page.replace(b"Asset 1", "Asset\u200b 1".encode()))
    assert "odd_characters" in _incomplete(junk) and junk.status == "parsed_with_notes"


def test_cut_paper_stub_is_noted() -> None:
    stub = paper_stub(["https://efd-media-public.senate.gov/media/a.gif", "https://efd-media-public.senate.gov/b.gif"])
    r = parser.parse(stub[: stub.index(b"b.gif")])
    assert r.status == "needs_ocr" and _incomplete(r) == {"page_truncated"}
    assert not parser.parse(stub).notes
