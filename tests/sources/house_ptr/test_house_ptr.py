"""House PTR parser on synthetic PDFs drawn in the Clerk's layout (tests/ptrgen.py)."""

from __future__ import annotations

import io
from datetime import date

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import reportlab.rl_config

from ptrgen import Row, build_ptr, image_only_pdf, text_pdf
from warstock.sources import house_ptr


def test_reads_every_field_of_a_simple_row() -> None:
    pdf = build_ptr([Row(["Lockheed Martin Corporation Common Stock", "(LMT) [ST]"], owner="SP",
                         type_text="S (partial)", date="01/02/2025", notification="01/10/2025",
                         amount_lines=["$15,001 - $50,000"], cap_gains=True,
                         subholding="Schwab IRA", description="sold 20 shares")],
                    name="Hon. Jane Q. Doe", state_district="NJ05", filing_id="20012345")
    r = house_ptr.parse(pdf, doc_id="20012345")
    assert r.status == "parsed", r.notes
    assert r.filing is not None
    assert r.filing["filer_name"] == "Hon. Jane Q. Doe"
    assert r.filing["state_district"] == "NJ05"
    assert r.filing["doc_id"] == "20012345"
    assert r.filing["signed_date"] == date(2025, 3, 6)
    (rec,) = r.records
    assert rec["owner"] == "spouse"
    assert rec["asset_name"] == "Lockheed Martin Corporation Common Stock"
    assert rec["ticker"] == "LMT"
    assert rec["asset_type_code"] == "ST"
    assert rec["transaction_type"] == "partial_sale"
    assert rec["transaction_date"] == date(2025, 1, 2)
    assert rec["notification_date"] == date(2025, 1, 10)
    assert (rec["amount_min_usd"], rec["amount_max_usd"]) == (15_001, 50_000)
    assert rec["cap_gains_over_200"] is True
    assert rec["filing_status"] == "new"
    assert rec["subholding_of"] == "Schwab IRA"
    assert rec["description"] == "sold 20 shares"


def test_many_rows_across_pages_match_the_spec() -> None:
    owners = ["", "SP", "JT", "DC"]
    types = [("P", "purchase"), ("S", "sale"), ("S (partial)", "partial_sale"), ("E", "exchange")]
    bands = [("$1,001 - $15,000", 1_001, 15_000), ("$250,001 - $500,000", 250_001, 500_000),
             ("$1,000,001 - $5,000,000", 1_000_001, 5_000_000)]
    spec = []
    for i in range(37):
        lines = [f"Company Number {i} Holdings Inc."]
        if i % 3 == 0:
            lines.append("Class B Common Stock, a long")
            lines.append("name that wraps")
        lines.append(f"(T{i}) [ST]" if i % 5 else "[GS]")
        spec.append(Row(lines, owner=owners[i % 4], type_text=types[i % 4][0],
                        date=f"{1 + i % 12:02d}/{1 + i % 27:02d}/2025", notification="12/31/2025",
                        amount_lines=[bands[i % 3][0]], cap_gains=i % 7 == 0,
                        description=f"row {i} description" if i % 4 == 1 else None))
    pdf = build_ptr(spec)
    r = house_ptr.parse(pdf, doc_id="20099999")
    assert r.status == "parsed", r.notes
    assert r.filing is not None and r.filing["page_count"] > 2
    assert len(r.records) == len(spec)
    for i, (row, rec) in enumerate(zip(spec, r.records, strict=True)):
        assert rec["row_number"] == i + 1
        expected_asset = " ".join(row.asset_lines).rsplit(" (", 1)[0].replace(" [GS]", "")
        assert rec["asset_name"] == expected_asset
        assert rec["ticker"] == (f"T{i}" if i % 5 else None)
        assert rec["asset_type_code"] == ("ST" if i % 5 else "GS")
        assert rec["owner"] == {"": "self", "SP": "spouse", "JT": "joint", "DC": "dependent_child"}[owners[i % 4]]
        assert rec["transaction_type"] == types[i % 4][1]
        assert rec["transaction_date"] == date(2025, 1 + i % 12, 1 + i % 27)
        assert (rec["amount_min_usd"], rec["amount_max_usd"]) == bands[i % 3][1:]
        assert rec["cap_gains_over_200"] is (i % 7 == 0)
        assert rec["description"] == (f"row {i} description" if i % 4 == 1 else None)


def test_wrapped_amount_and_open_ended_band() -> None:
    pdf = build_ptr([
        Row(["Duke Street LLC, 50% Interest [OI]"], type_text="S",
            amount_lines=["$5,000,001 -", "$25,000,000"]),
        Row(["Big Fund LP [HN]"], amount_lines=["Over $50,000,000"]),
        Row(["Spouse Stock Co (SSC) [ST]"], owner="SP", amount_lines=["Spouse/DC Over", "$1,000,000"]),
    ])
    r = house_ptr.parse(pdf)
    assert [(x["amount_min_usd"], x["amount_max_usd"]) for x in r.records] == [
        (5_000_001, 25_000_000), (50_000_001, None), (1_000_001, None)]
    assert r.records[0]["asset_name"] == "Duke Street LLC, 50% Interest"
    assert r.records[0]["ticker"] is None


def test_row_carried_over_a_page_break_keeps_its_tail() -> None:
    filler = [Row([f"Filler {i} Corp (F{i}) [ST]"]) for i in range(12)]
    split = Row(["Alibaba Group Holding Limited", "American Depositary Shares each",
                 "(BABA) [ST]"], subholding="Morgan Stanley UMA", break_after_top=True)
    pdf = build_ptr([*filler, split, Row(["After Co (AFT) [ST]"])])
    r = house_ptr.parse(pdf)
    assert len(r.records) == 14
    rec = r.records[12]
    assert rec["asset_name"] == "Alibaba Group Holding Limited American Depositary Shares each"
    assert rec["ticker"] == "BABA"
    assert rec["subholding_of"] == "Morgan Stanley UMA"
    assert r.records[13]["ticker"] == "AFT"


def test_description_with_a_date_under_the_date_column_is_not_a_new_row() -> None:
    # 20026517 (2025): "Description: 15,000 units Oklahoma County, OK, Indep 3.00% 07/01/25"
    desc = "15,000 units Oklahoma County, OK, Indep 3.00% 07/01/25 and more words 07/01/25"
    pdf = build_ptr([Row(["Oklahoma Cnty OK Indep 3.00%", "07.01.25 [GS]"], description=desc),
                     Row(["Next (NXT) [ST]"])])
    r = house_ptr.parse(pdf)
    assert len(r.records) == 2
    assert r.records[0]["description"] == desc


def test_amended_and_deleted_rows_carry_status_and_id() -> None:
    pdf = build_ptr([Row(["Netflix, Inc. - Common Stock (NFLX) [ST]"], status="Amended",
                         transaction_id="2000137143"),
                     Row(["Echo Street GoodCo Select, LP [HN]"], status="Deleted")])
    r = house_ptr.parse(pdf)
    assert [x["filing_status"] for x in r.records] == ["amended", "deleted"]
    assert r.records[0]["transaction_id"] == "2000137143"


def test_unknown_codes_become_notes_not_defaults() -> None:
    pdf = build_ptr([Row(["Weird Asset (WRD) [ZZ]"], owner="XX", type_text="Q",
                         amount_lines=["lots of money"])])
    r = house_ptr.parse(pdf)
    assert r.status == "parsed_with_notes"
    codes = {n.code for n in r.notes}
    assert {"unknown_owner", "unknown_asset_type", "unknown_transaction_type", "bad_amount"} <= codes
    rec = r.records[0]
    assert rec["owner"] is None and rec["transaction_type"] is None and rec["amount_min_usd"] is None
    assert all(n.page == 1 and n.row_number == 1 for n in r.notes)


# --- bad input: each gets a recorded reason ---------------------------------------------

def test_empty_file() -> None:
    r = house_ptr.parse(b"")
    assert r.status == "failed" and "empty" in (r.reason or "")


def test_not_a_pdf() -> None:
    r = house_ptr.parse(b"<html><body>Not Found</body></html>")
    assert r.status == "failed" and "not a PDF" in (r.reason or "")


def test_truncated_pdf() -> None:
    pdf = build_ptr([Row([f"Co {i} (C{i}) [ST]"]) for i in range(30)])
    r = house_ptr.parse(pdf[: len(pdf) // 3])
    assert r.status == "failed"
    assert r.reason
    assert not r.records


def test_image_only_pdf_needs_ocr() -> None:
    r = house_ptr.parse(image_only_pdf())
    assert r.status == "needs_ocr"
    assert "needs OCR" in (r.reason or "")


def test_unknown_layout() -> None:
    r = house_ptr.parse(text_pdf(["Quarterly newsletter", "Nothing to see here"]))
    assert r.status == "failed" and (r.reason or "").startswith("unknown layout")


def test_ptr_without_transactions_table_is_unknown_layout() -> None:
    r = house_ptr.parse(build_ptr([], header=False))
    assert r.status == "failed" and "unknown layout" in (r.reason or "")


def test_a_parenthetical_that_is_not_a_ticker_stays_in_the_name() -> None:
    # 20030236 (2025): "New Water Capital Partners II, LP (GLAS Funds, LP) [HN]", amount "$823.45"
    pdf = build_ptr([Row(["New Water Capital Partners II, LP", "(GLAS Funds, LP) [HN]"], amount_lines=["$823.45"]),
                     Row(["Bitcoin (Bitcoin) [CT]"]), Row(["JPMorgan Chase Pfd (JPM$J) [ST]"])])
    r = house_ptr.parse(pdf)
    a, b, c = r.records
    assert a["asset_name"] == "New Water Capital Partners II, LP (GLAS Funds, LP)" and a["ticker"] is None
    assert a["asset_type_code"] == "HN" and (a["amount_min_usd"], a["amount_max_usd"]) == (823, 823)
    assert b["asset_name"] == "Bitcoin (Bitcoin)" and b["ticker"] is None
    assert c["ticker"] == "JPM$J"


def test_ticker_after_a_dash() -> None:
    # 20026796 (2025): "Direxion Daily Small Cap Bull 3X ETF - TNA"
    r = house_ptr.parse(build_ptr([Row(["Direxion Daily Small Cap Bull 3X ETF - TNA", "[EF]"]),
                                   Row(["Apple Inc. - Common Stock (AAPL) [ST]"])]))
    assert (r.records[0]["asset_name"], r.records[0]["ticker"]) == ("Direxion Daily Small Cap Bull 3X ETF", "TNA")
    assert (r.records[1]["asset_name"], r.records[1]["ticker"]) == ("Apple Inc. - Common Stock", "AAPL")


def test_rendered_and_vector_checkbox_readings_agree() -> None:
    spec = [Row([f"Co {i} (C{i}) [ST]"], cap_gains=i % 3 == 0) for i in range(25)]
    pdf = build_ptr(spec)
    rendered = [x["cap_gains_over_200"] for x in house_ptr.parse(pdf, checkboxes="render").records]
    paths = [x["cap_gains_over_200"] for x in house_ptr.parse(pdf, checkboxes="paths").records]
    assert rendered == paths == [row.cap_gains for row in spec]
    assert all(x["cap_gains_over_200"] is None for x in house_ptr.parse(pdf, checkboxes="none").records)


# --- a document that is not whole never passes as complete (level "incomplete") -------------

def _incomplete(r: house_ptr.ParseResult) -> set[str]:
    return {n.code for n in r.notes if n.level == "incomplete"}


def _two_pages() -> bytes:
    pdf = build_ptr([Row([f"Company {i} Inc", f"(C{i}) [ST]"]) for i in range(16)])
    return pdf


def test_whole_document_has_no_incomplete_note() -> None:
    pdf = _two_pages()
    r = house_ptr.parse(pdf, doc_id="20099999")
    assert r.status == "parsed" and not r.notes and r.filing is not None and r.filing["page_count"] == 2


def _blank_page_text(pdf: bytes, index: int) -> bytes:
    """The PDF with one page's text objects removed (its content stream regenerated)."""
    doc = pdfium.PdfDocument(pdf)
    page = doc[index]
    for obj in list(page.get_objects(max_depth=1)):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
            page.remove_obj(obj)
    page.gen_content()
    out = io.BytesIO()
    doc.save(out)
    doc.close()
    return out.getvalue()


def test_page_with_its_text_removed() -> None:
    r = house_ptr.parse(_blank_page_text(_two_pages(), 1), doc_id="20099999")
    assert r.status == "parsed_with_notes"
    assert "page_without_text" in _incomplete(r)
    assert any(n.code == "page_without_text" and n.page == 2 for n in r.notes)
    assert "signature_missing" in _incomplete(r)  # the signature was on that page


def test_missing_signature_line() -> None:
    # drawn with uncompressed content, the "Digitally Signed" line replaced by other text
    signed = b"Digitally Signed:"
    reportlab.rl_config.pageCompression = 0
    try:
        plain = build_ptr([Row(["Co (C) [ST]"])], name="Hon. Jane Q. Doe")
    finally:
        reportlab.rl_config.pageCompression = 1
    assert signed in plain
    r = house_ptr.parse(plain.replace(signed, b"Unsigned xxxxxxxx"), doc_id="20099999")
    assert r.status == "parsed_with_notes" and _incomplete(r) == {"signature_missing"}
    assert r.filing is not None and r.filing["signed_date"] is None
    assert r.records and r.notes[0].page == 1


def test_non_statutory_band_is_kept_and_noted() -> None:
    r = house_ptr.parse(build_ptr([Row(["Co (C) [ST]"], amount_lines=["$1,001 - $95,000"]),
                                   Row(["Fund LP [HN]"], amount_lines=["$823.45"])]))
    assert [(x["amount_min_usd"], x["amount_max_usd"]) for x in r.records] == [(1_001, 95_000), (823, 823)]
    assert r.status == "parsed_with_notes" and _incomplete(r) == {"non_statutory_amount"}
    assert [n.row_number for n in r.notes] == [1]  # an exact figure of $1,000 or less is a filer's own


def test_repeated_page_is_noted() -> None:
    pdf = _two_pages()
    doc, src = pdfium.PdfDocument(pdf), pdfium.PdfDocument(pdf)
    doc.import_pages(src, pages=[0], index=1)
    out = io.BytesIO()
    doc.save(out)
    doc.close()
    src.close()
    r = house_ptr.parse(out.getvalue(), doc_id="20099999")
    assert "page_repeated" in _incomplete(r) and r.status == "parsed_with_notes"


def test_missing_checkbox_is_noted() -> None:
    r = house_ptr.parse(build_ptr([Row(["Co (C) [ST]"]), Row(["Other (O) [ST]"])]), checkboxes="paths")
    assert r.status == "parsed"

    class NoBoxes(house_ptr.PathBoxes):
        def state(self, y: float) -> bool | None:
            return None

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(house_ptr, "PathBoxes", NoBoxes)
        r = house_ptr.parse(build_ptr([Row(["Co (C) [ST]"])]), checkboxes="paths")
    assert _incomplete(r) == {"cap_gains_box_missing"} and r.status == "parsed_with_notes"


def test_unparseable_transaction_date_is_noted() -> None:
    r = house_ptr.parse(build_ptr([Row(["Co (C) [ST]"], date="02/30/2025", notification="03/05/2025")]))
    assert r.status == "parsed_with_notes" and {n.code for n in r.notes} >= {"bad_transaction_date"}
