"""OCR of paper filings on synthetic scans drawn by tests/formgen.py (the truth of every field
is known), and the bad inputs the issue lists: blank, unreadable, rotated, truncated, a
Senate stub whose page images are missing."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pytest

import formgen
from formgen import Row, gif_of, house_page, pdf_of, scanned
from warstock.ocr import forms, grid
from warstock.ocr.engine import Engine, OcrUnavailable, tessdata_dir
from warstock.records import ParseResult
from warstock.sources import house_ptr_ocr, senate_ptr_ocr
from warstock.warehouse import db, derive
from warstock.warehouse.load import load_document

try:
    tessdata_dir()
except OcrUnavailable as exc:  # ./ws test installs it; without it these tests cannot run
    pytest.skip(f"Tesseract not installed: {exc}", allow_module_level=True)

ROWS = [
    Row("SP", "LOCKHEED MARTIN CORP", "purchase", "05/18/23", "06/01/23", 2),
    Row("", "NVIDIA CORPORATION", "sale", "05/19/23", "06/01/23", 0),
    Row("DC", "BOEING CO COMMON", "exchange", "04/02/23", "06/01/23", 10),
]


def test_mark_ink_tells_an_x_from_an_empty_printed_box() -> None:
    # the inside of a cell with its printed box (sides 88% of the inside, as on the House form)
    box = np.zeros((50, 50), np.uint8)
    box[3:47, 3:6] = box[3:47, 44:47] = box[3:6, 3:47] = box[44:47, 3:47] = 255
    marked = box.copy()
    for i in range(12, 38):  # a thin X
        marked[i, i - 1:i + 2] = 255
        marked[i, 49 - i - 1:49 - i + 2] = 255
    bold = box.copy()  # a bold typed X, whose middle has straight vertical runs
    for i in range(14, 34):
        bold[i, i - 3:i + 3] = 255
        bold[i, 49 - i - 3:49 - i + 3] = 255
    bold[18:31, 22:28] = 255
    assert grid.mark_ink(box) < forms.MARK_OFF
    assert grid.mark_ink(marked) >= forms.MARK_ON
    assert grid.mark_ink(bold) >= forms.MARK_ON
    assert grid.mark_ink(np.zeros((50, 50), np.uint8)) == 0


@pytest.mark.parametrize("turns", [1, 2, 3])
def test_reads_every_field_of_a_rotated_scan(engine: Engine, turns: int) -> None:
    page = scanned(house_page(ROWS, boxes=True), turns, noise=0.0005)
    result = forms.read_page(engine, page, page=1, chamber="house", not_after=date(2023, 6, 3),
                             not_before=date(2021, 1, 1))
    assert (result.rotation + turns) % 4 == 0  # turned back upright
    # with no page before it, the turn is settled by the top thirds of the four turns, or the
    # whole page; with the right turn as the hint, by the top third alone
    assert forms.orient(engine, page)[0] == result.rotation
    assert forms.orient(engine, page, hint=result.rotation) == (result.rotation, forms.orient(
        engine, page, hint=result.rotation)[1], False)
    wrong = (result.rotation + 1) % 4  # a hint that does not fit this page is overruled
    assert forms.orient(engine, page, hint=wrong)[0] == result.rotation
    # the marks are read by geometry: exact
    got = [(r.transaction_type.value, r.amount.value[:2] if r.amount.value else None) for r in result.rows]
    assert got == [("purchase", (50_001, 100_000)), ("sale", (1_001, 15_000)), ("exchange", (1_000_001, None))]
    # the printed example row (Mega Corp, 02/05/20) is not a trade; text fields are right, or
    # unread and flagged: never a wrong value taken silently
    truth = [("spouse", date(2023, 5, 18), date(2023, 6, 1)), ("self", date(2023, 5, 19), date(2023, 6, 1)),
             ("dependent_child", date(2023, 4, 2), date(2023, 6, 1))]
    for row, (owner, tdate, ndate) in zip(result.rows, truth, strict=True):
        assert row.owner.value == owner or (row.owner.value is None and any("owner" in x for x in row.review))
        assert row.transaction_date.value == tdate or (row.transaction_date.value is None and row.review)
        assert row.notification_date is not None and row.notification_date.value in (ndate, None)
    assert sum(r.transaction_date.value is not None for r in result.rows) >= 2
    assert "LOCKHEED" in (result.rows[0].asset.value or "").replace(" ", "")


@pytest.mark.parametrize("turns", [0, 1, 2, 3])
def test_the_turn_is_read_from_the_ruled_form_with_no_words_read(engine: Engine, turns: int,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    page = scanned(house_page(ROWS, boxes=True), turns, noise=0.0005)
    upright = (4 - turns) % 4
    # the form's columns fit whole in one turn only: turned over they come in reverse order
    assert [t for t in range(4) if forms._fits_whole(forms._upright(page, t, "house")[2], "house")] == [upright]
    for hint in (None, (upright + 2) % 4):  # no page before (the words' top thirds first); a wrong hint
        result = forms.read_page(engine, page, page=1, chamber="house", rotation_hint=hint,
                                 not_after=date(2023, 6, 3), not_before=date(2021, 1, 1))
        assert result.rotation == upright and len(result.rows) == 3
    # the previous page's turn, in which this page's form fits whole: no word is read to settle it
    words: list[int] = []
    monkeypatch.setattr(engine, "words", lambda *a, **k: words.append(1) or [])
    result = forms.read_page(engine, page, page=2, chamber="house", rotation_hint=upright,
                             not_after=date(2023, 6, 3), not_before=date(2021, 1, 1))
    assert result.rotation == upright and len(result.rows) == 3 and words == []
    # nor with no page before it: the one turn of four the form fits in is tried before any word
    result = forms.read_page(engine, page, page=1, chamber="house", not_after=date(2023, 6, 3),
                             not_before=date(2021, 1, 1))
    assert result.rotation == upright and words == []
    # and with a wrong hint whose words say little, the one turn the form fits in is taken
    monkeypatch.setattr(engine, "words", lambda *a, **k: [])
    assert forms.orient(engine, page, (upright + 1) % 4, fits=lambda t: forms._fits_whole(
        forms._upright(page, t, "house")[2], "house"))[0] == upright
    # a page whose form does not fit (here: only its top half, too few rows) is turned by its words
    half = page[: page.shape[0] // 3] if turns % 2 == 0 else page[:, : page.shape[1] // 3]
    assert not any(forms._fits_whole(forms._upright(half, t, "house")[2], "house") for t in range(4))


@pytest.mark.parametrize("turns", [1, 3])
def test_the_older_ten_column_form_keeps_the_previous_pages_turn_with_no_words_read(
        engine: Engine, turns: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # the older House form stops at column J: it never fits the current form whole, so its turn
    # is not settled by the fit alone; the page before's form, column for column, settles it
    ten = formgen.WIDTHS[:-1]
    rows = [*ROWS[:2], Row("DC", "BOEING CO COMMON", "exchange", "04/02/23", "06/01/23", 9)]  # A-J only
    page = scanned(house_page(rows, widths=ten), turns, noise=0.0005)
    upright = (4 - turns) % 4
    assert not any(forms._fits_whole(forms._upright(page, t, "house")[2], "house") for t in range(4))
    first = forms.read_page(engine, page, page=1, chamber="house", not_after=date(2023, 6, 3),
                            not_before=date(2021, 1, 1))  # no page before: its words settle the turn
    assert first.rotation == upright and first.layout is not None and len(first.layout.amounts) == 10
    previous = (first.table, first.layout)
    words: list[int] = []
    real_words = engine.words
    monkeypatch.setattr(engine, "words", lambda *a, **k: words.append(1) or real_words(*a, **k))
    again = forms.read_page(engine, page, page=2, chamber="house", rotation_hint=upright,
                            not_after=date(2023, 6, 3), not_before=date(2021, 1, 1), previous=previous)
    assert again.rotation == upright and len(again.rows) == 3 and words == []
    # turned over, the same form's columns come in reverse order: not the previous page's form,
    # so the words decide, and they turn it back
    over = np.rot90(page, 2)
    assert not forms._same_form(previous, forms._upright(over, upright, "house")[2])
    flipped = forms.read_page(engine, over, page=3, chamber="house", rotation_hint=upright,
                              not_after=date(2023, 6, 3), not_before=date(2021, 1, 1), previous=previous)
    assert (flipped.rotation - upright) % 4 == 2 and words != []
    # the current form laid over the older one's rulings is not the same form either
    eleven = forms.read_page(engine, scanned(house_page(ROWS, boxes=True), turns), page=1, chamber="house",
                             not_after=date(2023, 6, 3), not_before=date(2021, 1, 1))
    assert not forms._same_form((eleven.table, eleven.layout), forms._upright(page, upright, "house")[2])


def test_a_blank_page_does_not_reset_the_turn_the_next_page_is_tried_in(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    form = scanned(house_page(ROWS, boxes=True), 1, noise=0.0005)
    blank = np.full_like(form, 255)
    hints: list[int | None] = []
    real = forms.read_page
    monkeypatch.setattr(forms, "read_page", lambda *a, **k: hints.append(k.get("rotation_hint")) or real(*a, **k))
    r = house_ptr_ocr.parse(pdf_of([form, blank, form]), doc_id="8200009", filed=date(2023, 6, 2), engine=engine)
    assert hints == [None, 3, 3]  # the third page is tried in the first page's turn, not in the blank's 0
    assert len(r.records) == 6


def test_house_pdf_to_records_with_confidence_and_review_flags(engine: Engine) -> None:
    pdf = pdf_of([scanned(house_page(ROWS)), scanned(house_page(ROWS[:1]))])
    r = house_ptr_ocr.parse(pdf, doc_id="8200001", filed=date(2023, 6, 2), engine=engine)
    assert r.status in ("parsed", "parsed_with_notes")
    assert [x["row_number"] for x in r.records] == [1, 2, 3, 4]
    assert [x["amount_min_usd"] for x in r.records] == [50_001, 1_001, 1_000_001, 50_001]
    assert all(0 <= x["ocr_confidence"] <= 100 for x in r.records)
    import json
    for x in r.records:  # a confidence per field; the row's is its weakest
        fields = json.loads(x["ocr_fields"])
        assert {"owner", "asset", "transaction_type", "transaction_date", "amount"} <= set(fields)
        assert x["ocr_confidence"] == pytest.approx(min(fields[k] for k in ("owner", "asset", "transaction_type",
                                                                            "transaction_date", "amount")), abs=1)
    flagged = [x for x in r.records if x["needs_review"]]
    assert all(x["review_reason"] for x in flagged)
    notes = [n for n in r.notes if n.level == "ocr_review"]
    assert len(notes) == len(flagged)  # every flagged row is listed for `warstock problems`
    assert r.filing and r.filing["page_count"] == 2 and r.filing["year"] == 2023


def test_dates_outside_the_filing_window_are_not_taken(engine: Engine) -> None:
    pdf = pdf_of([scanned(house_page([Row("", "ACME CORP", "sale", "05/18/23", "06/01/23", 1)]))])
    r = house_ptr_ocr.parse(pdf, doc_id="8200002", filed=date(2023, 5, 1), engine=engine)  # filed before the trade
    (rec,) = r.records
    assert rec["transaction_date"] is None and rec["needs_review"]
    assert "transaction date" in rec["review_reason"]


def test_blank_scan_fails_with_its_reason(engine: Engine) -> None:
    r = house_ptr_ocr.parse(pdf_of([np.full((2200, 1700), 255, np.uint8)]), doc_id="8200003", engine=engine)
    assert r.status == "failed" and "blank" in (r.reason or "")


def test_unreadable_scan_fails_with_its_reason(engine: Engine) -> None:
    rng = np.random.default_rng(1)
    noise = (rng.random((2200, 1700)) < 0.3).astype(np.uint8) * 255
    r = house_ptr_ocr.parse(pdf_of([noise]), doc_id="8200004", engine=engine)
    assert r.status == "failed" and r.reason and "OCR" in r.reason
    assert any(n.code == "page_unreadable" for n in r.notes)


@pytest.mark.parametrize("data,reason", [(b"", "empty"), (b"<html>not a pdf</html>", "not a PDF"),
                                         (b"%PDF-1.4\n1 0 obj", "not a readable PDF")])
def test_broken_files_fail_with_their_reason(engine: Engine, data: bytes, reason: str) -> None:
    r = house_ptr_ocr.parse(data, doc_id="8200005", engine=engine)
    assert r.status == "failed" and reason in (r.reason or "")


def test_truncated_pdf_keeps_nothing_it_cannot_read(engine: Engine) -> None:
    pdf = pdf_of([scanned(house_page(ROWS))])
    r = house_ptr_ocr.parse(pdf[: len(pdf) // 2], doc_id="8200006", engine=engine)
    assert r.status == "failed" and r.reason


def test_senate_stub_with_missing_images_fails_with_their_names() -> None:
    r = senate_ptr_ocr.parse([("000000001.gif", b"GIF89a"), ("000000002.gif", None)], doc_id="stub")
    assert r.status == "failed" and "000000002.gif" in (r.reason or "")
    assert senate_ptr_ocr.parse([], doc_id="stub").status == "failed"


def test_senate_pages_with_a_broken_image_keep_the_readable_ones(engine: Engine) -> None:
    good = gif_of(scanned(house_page(ROWS[:2]), 0))
    r = senate_ptr_ocr.parse([("a.gif", good), ("b.gif", b"GIF89a-truncated")], doc_id="stub", engine=engine)
    assert r.records, r.reason
    assert any(n.code == "page_unreadable" and "b.gif" in n.message for n in r.notes)


def test_senate_header_reading() -> None:
    text = ("0000000000068 RECEIVED BY: SECRETARY OF THE SENATE Date: March 04, 2025 ... Reporting individual's "
            "Name Cl amendment Senate Office / Agency in Which Employed Page Number Richard Blumenthal United States")
    assert senate_ptr_ocr.received_date(text) == date(2025, 3, 4)
    assert senate_ptr_ocr.filer_name(text) == "Richard Blumenthal"
    assert senate_ptr_ocr.filer_name("nothing here") is None


def test_parse_date_rejects_impossible_and_out_of_window_dates() -> None:
    assert forms.parse_date("O5/18/23") == date(2023, 5, 18)
    assert forms.parse_date("05/74/23") is None
    assert forms.parse_date("05/18/73", not_after=date(2024, 1, 1)) is None
    assert forms.parse_date("051823") == date(2023, 5, 18)


def test_ocr_rows_and_parser_rows_do_not_overwrite_each_other() -> None:
    con = db.connect(None)
    con.execute("INSERT INTO raw_house__index (doc_id, year, filing_type, filing_date, source_sha256, read_method) "
                "VALUES "
                "('8200009', 2023, 'P', DATE '2023-06-02', 'idx', 'text')")
    needs = ParseResult("needs_ocr", "image-only PDF")
    load_document(con, source="house_ptr", sha256="s", doc_id="8200009", official_url=None, result=needs)
    ocr = ParseResult("parsed", filing={"doc_id": "8200009", "page_count": 1, "transaction_count": 1, "year": 2023},
                      records=[{"row_number": 1, "owner": "self", "asset_name": "ACME", "transaction_type": "sale",
                                "amount_min_usd": 1001, "amount_max_usd": 15000, "ocr_confidence": 91.0,
                                "needs_review": False}])
    load_document(con, source="house_ptr_ocr", sha256="s", doc_id="8200009", official_url=None, result=ocr)
    # the parser runs again (build --force): the OCR rows stay
    load_document(con, source="house_ptr", sha256="s", doc_id="8200009", official_url=None, result=needs)
    assert con.execute("SELECT count(*) FROM raw_house__transactions").fetchone() == (1,)
    assert con.execute("SELECT read_method FROM raw_house__transactions").fetchone() == ("ocr",)
    derive.refresh(con)
    status = con.execute("SELECT status, ocr_confidence, ocr_rows FROM out_coverage__house "
                         "WHERE doc_id = '8200009'").fetchone()
    assert status == ("ocr", 91.0, 1)


def test_ticker_typed_after_a_name_and_asset_type_inferred() -> None:
    from warstock.ocr.document import infer_asset_type, trailing_ticker

    assert trailing_ticker("Global X Defense SHLD") == "SHLD"
    assert trailing_ticker("NVIDIA CORPORATION") is None  # all capitals: the last word is a word
    assert trailing_ticker("Apple Inc ADR") is None
    assert infer_asset_type("LOCKHEED MARTIN CORP") == "ST"
    assert infer_asset_type("US Treasury Bill") == "GS"
    assert infer_asset_type("Dallas Cnty Tex Hosp Dist 5% 08/15/30") == "CS"
    assert infer_asset_type("Something") is None


MORE_ROWS = ROWS + [Row("JT", "RTX CORPORATION", "partial", "05/22/23", "06/01/23", 9)]
TRUTH = [("purchase", 50_001), ("sale", 1_001), ("exchange", 1_000_001), ("partial_sale", 50_000_001)]


def _marks_read(result: forms.PageResult) -> list[tuple[str | None, int | None]]:
    return [(r.transaction_type.value, r.amount.value[0] if r.amount.value else None) for r in result.rows]


@pytest.mark.parametrize(("widths", "lost"), [
    (None, (5,)),  # the ruling between Partial and Exchange lost: the wider type column is halved
    (formgen.WIDTHS[:-1] + [150], ()),  # column K printed twice as wide as the others
    (formgen.WIDTHS[:-1] + [150], (18,)),  # ... and the ruling between J and that wide K lost
    (None, (13,)),  # a ruling between two amount columns lost
], ids=["type-ruling-lost", "wide-K", "J-K-ruling-lost", "amount-ruling-lost"])
def test_rulings_the_scan_lost_are_put_back(engine: Engine, widths: list[int] | None, lost: tuple[int, ...]) -> None:
    page = scanned(house_page(MORE_ROWS, widths=widths, lost=lost), 1)
    result = forms.read_page(engine, page, page=1, chamber="house", not_after=date(2023, 6, 3))
    assert _marks_read(result) == TRUTH
    assert result.layout is not None and len(result.layout.amounts) == 11
    assert result.layout.cuts == len(lost)  # a put-back ruling is counted (a weaker fit)


def test_a_page_that_lost_several_rulings_takes_the_previous_pages_columns(engine: Engine) -> None:
    pdf = pdf_of([scanned(house_page(MORE_ROWS)), scanned(house_page(MORE_ROWS, lost=(5, 13, 16)))])
    r = house_ptr_ocr.parse(pdf, doc_id="8200003", filed=date(2023, 6, 2), engine=engine)
    got = [(x["transaction_type"], x["amount_min_usd"]) for x in r.records]
    assert got == TRUTH + TRUTH
    assert any(n.page == 2 and "columns taken from the previous page" in n.message for n in r.notes)


@pytest.mark.parametrize("own_columns", [True, False], ids=["ruled", "columns-carried"])
def test_a_continuation_sheet_keeps_its_first_trade(engine: Engine, own_columns: bool) -> None:
    # a filer's continuation sheet has no headings: its first band is a trade, not labels
    # (8219412 p7 lost its first row, a Wells Fargo sale, so)
    sheet = house_page(MORE_ROWS, continuation=True, lost=() if own_columns else (5, 13, 16))
    pdf = pdf_of([scanned(house_page(ROWS)), scanned(sheet)])
    r = house_ptr_ocr.parse(pdf, doc_id="8200004", filed=date(2023, 6, 2), engine=engine)
    got = [(x["transaction_type"], x["amount_min_usd"]) for x in r.records]
    assert got == TRUTH[:3] + TRUTH
    second = [x for x in r.records if x["page"] == 2]
    assert "LOCKHEED" in (second[0]["asset_name"] or "").replace(" ", "")


def test_rows_whose_empty_boxes_leave_ink_are_trades_not_headings(engine: Engine) -> None:
    # a filled-in form's printed boxes leave bold stubs in every amount cell, which look like
    # the headings' labels; the first row marked as a trade ends the headings (8221233 lost
    # all its trades on page 1 so, with no note)
    page = scanned(house_page(MORE_ROWS, stubs=True), 1)
    result = forms.read_page(engine, page, page=1, chamber="house", not_after=date(2023, 6, 3))
    assert _marks_read(result) == TRUTH


def test_a_row_taken_for_the_headings_that_holds_a_date_is_reported_missing(engine: Engine) -> None:
    # every box of the first row inked alike: no type or amount can be read, and above the
    # first trade its inked amount cells look like the headings' labels (8221233 p2, Western
    # Alliance). It is not read, but never lost silently: the page says a trade may be missing
    # (a filled-in form's sheet with no printed headings: its first row's inked boxes are all
    # the page has for labels)
    page = scanned(house_page(MORE_ROWS, crossed=(0,), stubs=True, continuation=True), 1)
    result = forms.read_page(engine, page, page=1, chamber="house", not_after=date(2023, 6, 3))
    assert _marks_read(result) == TRUTH[1:]
    assert len(result.missed) == 1 and "a trade whose marks could not be read" in result.missed[0]
    assert "05/18/23" in result.missed[0] or "2023-05-18" in result.missed[0]
    # under printed headings the same row is read, flagged: no type, no amount
    page = scanned(house_page(MORE_ROWS, crossed=(0,), stubs=True), 1)
    result = forms.read_page(engine, page, page=1, chamber="house", not_after=date(2023, 6, 3))
    assert _marks_read(result) == [(None, None), *TRUTH[1:]] and result.rows[0].review
    # the headings and the printed example row (Mega Corp, 02/05/20) are no such row
    clean = forms.read_page(engine, scanned(house_page(MORE_ROWS), 1), page=1, chamber="house",
                            not_after=date(2023, 6, 3))
    assert clean.missed == [] and _marks_read(clean) == TRUTH


def test_a_shaded_heading_band_names_the_account_of_the_rows_below(engine: Engine) -> None:
    page = scanned(house_page(MORE_ROWS, shaded={2: "SMITH FAMILY TRUST"}), 1)
    result = forms.read_page(engine, page, page=1, chamber="house", not_after=date(2023, 6, 3))
    assert _marks_read(result) == TRUTH  # the shaded band is not a trade with every box marked
    assert [r.subholding_of for r in result.rows][:2] == [None, None]
    assert all("TRUST" in (r.subholding_of or "").upper() for r in result.rows[2:])


def test_small_print_in_short_rows_with_bold_marks(engine: Engine) -> None:
    # rows 32 px tall at 200 dpi, as on typed filings printed small: a bold X fills most of
    # the cell, and a capital's stem runs most of the text cell's height (neither is a ruling)
    page = scanned(house_page(MORE_ROWS, row_h=32, text_size=20, bold_x=True), 1)
    result = forms.read_page(engine, page, page=1, chamber="house", not_after=date(2023, 6, 3))
    assert _marks_read(result) == TRUTH
    names = [(r.asset.value or "").replace(" ", "") for r in result.rows]
    assert "LOCKHEEDMARTINCORP" in names[0] and "NVIDIACORPORATION" in names[1]


def test_a_page_of_text_without_a_table_is_reported_unread(engine: Engine) -> None:
    # a brokerage statement or a printed e-filing scanned into a paper filing: its text may
    # hold trades the form reader cannot place, so it is listed as unread, not as a cover
    from PIL import Image, ImageDraw

    img = Image.new("L", (1700, 2200), 255)
    d = ImageDraw.Draw(img)
    font = formgen._font(30)
    for k in range(40):
        d.text((120, 120 + 48 * k), f"Purchase Lockheed Martin Corporation common stock {k + 1} shares settled",
               fill=0, font=font)
    pdf = pdf_of([scanned(house_page(ROWS), 1), np.asarray(img)])
    r = house_ptr_ocr.parse(pdf, doc_id="8200004", filed=date(2023, 6, 2), engine=engine)
    assert len(r.records) == 3  # the form's page is read
    unread = [n for n in r.notes if n.level == "row_unreadable" and n.page == 2]
    assert unread and "no ruled table" in unread[0].message and "not read" in unread[0].message


# The owner cell of a short row of a typed schedule (8220162 p4, 200 dpi, binarized, 21 x 70 px
# of it): the left ruling the cell's inset left, and "DC" in bold capitals 16 px tall.
_DC_CELL = """
#####..........................................................##.....
#####........................................#########.......#######..
#####.......................................###########....##########..
#####.......................................############...##########..
#####.......................................####...######..######.###..
#####.......................................####....#####.####.........
#####........................................###.....####.####.........
#####........................................###.....####.####.........
#####........................................###.....####.####.........
#####........................................###......###.####.........
#####........................................###.....####.####.........
#####........................................###.....####.####.........
#####........................................###....####..#####....##..
#####........................................###..######..#######.###..
#####........................................###########...###########.
#####........................................##########.....#########..
#####........................................#######.........#######...
#####.................................................................
#####.................................................................
#####.................................................................
#####................................................................."""


def _cell(art: str) -> np.ndarray:
    lines = art.strip("\n").splitlines()
    width = max(len(line) for line in lines)
    return np.array([[255 if ch == "#" else 0 for ch in line.ljust(width, ".")] for line in lines], np.uint8)


def test_bold_capitals_in_a_short_row_are_writing_not_rulings() -> None:
    # in a ~20 px tall cell a bold capital's stems run 0.7 of its height, so text_ink (which
    # paints such runs out as rulings) finds nothing; a blank owner cell is the filer at full
    # confidence, so emptiness there is decided by grid.has_writing, which also counts them
    cell = _cell(_DC_CELL)
    assert grid.text_ink(cell) < 40  # the reason for the stricter test
    assert grid.writing_ink(cell) >= 40 and grid.has_writing(cell)
    ruling_only = cell.copy()
    ruling_only[:, 6:] = 0
    ruling_only[20, :] = 255  # a horizontal ruling's edge, and dust
    ruling_only[8:10, 30:32] = 255
    assert not grid.has_writing(ruling_only)


def test_a_trade_written_over_several_lines_keeps_its_owner_and_name(engine: Engine) -> None:
    # handwritten filers write a long name over several ruled lines, the owner code on the first
    # and the marks and dates on the last (8219455); an account's heading with its owner code
    # stays a heading when the trades under it carry their own codes (McCaul's schedules)
    rows = [Row("SP", "ARIZONA STATE HWY", "", "", "", -1),
            Row("", "REVENUE BONDS", "purchase", "05/18/23", "06/01/23", 3),
            Row("DC", "SMITH FAMILY TRUST", "", "", "", -1),
            Row("DC", "NVIDIA CORPORATION", "sale", "05/19/23", "06/01/23", 0)]
    page = scanned(house_page(rows), 1)
    result = forms.read_page(engine, page, page=1, chamber="house", not_after=date(2023, 6, 3))
    assert [(r.transaction_type.value, r.owner.value) for r in result.rows] == [
        ("purchase", "spouse"), ("sale", "dependent_child")]
    first, second = result.rows
    assert "ARIZONA" in (first.asset.value or "") and "REVENUE" in (first.asset.value or "")
    assert first.subholding_of is None
    assert "NVIDIA" in (second.asset.value or "") and "SMITH" not in (second.asset.value or "")
    assert "TRUST" in (second.subholding_of or "").upper()


def test_a_line_above_with_an_owner_code_never_gives_an_unflagged_owner(engine: Engine) -> None:
    # a heading with its owner over trades whose own owner cells are blank looks like a long
    # entry's first line: the owner taken from it is flagged, and a second owner code on an
    # unmarked line starts a new lead (the first one was a heading)
    rows = [Row("DC", "SMITH FAMILY TRUST", "", "", "", -1),
            Row("SP", "JONES IRA", "", "", "", -1),
            Row("", "NVIDIA CORPORATION", "sale", "05/19/23", "06/01/23", 0),
            Row("", "BOEING CO COMMON", "purchase", "05/20/23", "06/01/23", 1)]
    page = scanned(house_page(rows), 1)
    result = forms.read_page(engine, page, page=1, chamber="house", not_after=date(2023, 6, 3))
    assert [r.transaction_type.value for r in result.rows] == ["sale", "purchase"]
    first, second = result.rows
    assert first.owner.value == "spouse" and first.owner.confidence < forms.REVIEW_BELOW
    assert any(x.startswith("owner") for x in first.review)
    assert "SMITH" not in (first.asset.value or "") and "TRUST" in (first.subholding_of or "").upper()
    assert (second.owner.value, second.owner.raw) == ("self", "blank owner cell")


TWO_LINE_ROWS = [
    Row("DC", "NASDAQ INC. CMN", "purchase", "03/18/24", "04/03/24", 0),
    Row("DC", "SBA COMMUNICATIONS\nCORPORATION CMN", "purchase", "03/22/24", "04/03/24", 0),
    Row("DC", "TESLA, INC. CMN", "purchase", "03/25/24", "04/03/24", 1),
    Row("DC", "BRISTOL-MYERS SQUIBB\nCOMPANY CMN", "purchase", "03/25/24", "04/03/24", 1),
    Row("DC", "GILEAD SCIENCES CMN", "purchase", "03/25/24", "04/03/24", 0),
]


@pytest.mark.parametrize("rulings", ["dashed", "none"])
def test_rows_ruled_too_faintly_for_the_grid_are_cut_off_their_names(engine: Engine, rulings: str) -> None:
    # a typed schedule with 1 px dashed row borders the grid does not find (8220192 p4), or none:
    # its rows are cut between their dates, and a name on two lines, its date beside the last,
    # was cut through ("NASDAQ INC. CMN CBA CPHAAAAI" / "CORPORATION CMN"); now at the dashed
    # ruling, or with none above the name's first line
    page = scanned(house_page(TWO_LINE_ROWS, row_h=64, text_size=22, row_rulings=rulings), 1)
    result = forms.read_page(engine, page, page=1, chamber="house", not_before=date(2024, 3, 1),
                             not_after=date(2024, 4, 5))
    names = [re.sub(r"[^A-Z]", "", (r.asset.value or "").upper()) for r in result.rows]
    assert names == ["NASDAQINCCMN", "SBACOMMUNICATIONSCORPORATIONCMN", "TESLAINCCMN",
                     "BRISTOLMYERSSQUIBBCOMPANYCMN", "GILEADSCIENCESCMN"]
    assert [r.transaction_date.value for r in result.rows] == [
        date(2024, 3, 18), date(2024, 3, 22), date(2024, 3, 25), date(2024, 3, 25), date(2024, 3, 25)]


def test_a_faint_ruling_is_told_from_a_line_of_writing() -> None:
    g = grid.Grid(xs=[0, 100, 200, 300, 400, 500], ys=[0, 200], shape=(200, 500))
    bw = np.zeros((200, 500), np.uint8)
    for x in range(0, 500, 12):  # a dashed 1 px ruling drifting 2 px down across the table
        bw[100 + x // 200, x:x + 6] = 255
    bw[40:60, 110:290] = 255  # a line of writing across two columns (a long name and its date)
    assert forms._faint_ruling(bw, g, 70, 130) == 101  # the middle of the drifting line
    bw[100:103] = 0
    assert forms._faint_ruling(bw, g, 70, 130) is None  # no ruling: none made up
    assert forms._faint_ruling(bw, g, 30, 70) is None
    assert 30 + forms._gap_middle(forms._writing(bw, g, 1, 30, 90), 50 - 30) == 75  # the nearer gap: 60-89
    bw[99:104, 100:200:3] = 255  # a ruling drifting over 5 px across the asset column ...
    lines = forms._writing(bw, g, 1, 30, 110)
    assert lines[10:30].all() and not lines[:10].any() and not lines[30:].any()  # ... is no writing
    assert 30 + forms._gap_middle(lines, 45 - 30) == 35  # the middle of the nearer gap, 30-39


def test_with_no_owner_column_a_code_on_a_names_last_line_is_a_likely_owner(engine: Engine) -> None:
    # the ruling between the owner and asset columns lost (8219992 p14, 8220252 p12): the code is
    # read with the name, as a prefix on a one-line name, before the last line of a two-line one
    # (the writing at the bottom of its row): there a likely owner, flagged
    rows = [Row("SP", "PFIZER INC. CMN", "purchase", "04/23/24", "05/01/24", 0),
            Row("SP", "LABORATORY CORPORATION\nOF AMER CMN", "purchase", "04/23/24", "05/01/24", 0),
            Row("DC", "METRO WASH DC ARPTS AT", "sale", "04/22/24", "05/01/24", 1),
            Row("SP", "MASTERCARD INCORPORATED\nCMN CLASS A", "purchase", "04/23/24", "05/01/24", 0),
            Row("", "TESLA, INC. CMN", "purchase", "04/24/24", "05/01/24", 1)]
    page = scanned(house_page(rows, row_h=64, text_size=22, row_rulings="dashed", lost=(1,)), 1)
    result = forms.read_page(engine, page, page=1, chamber="house", not_before=date(2024, 3, 1),
                             not_after=date(2024, 5, 5))
    assert "owner" not in result.layout.roles.values()
    got = [(r.owner.value, re.sub(r"[^A-Z]", "", (r.asset.value or "").upper())) for r in result.rows]
    assert got == [("spouse", "PFIZERINCCMN"), ("spouse", "LABORATORYCORPORATIONOFAMERCMN"),
                   ("dependent_child", "METROWASHDCARPTSAT"), ("spouse", "MASTERCARDINCORPORATEDCMNCLASSA"),
                   (None, "TESLAINCCMN")]
    assert [r.owner.confidence < forms.REVIEW_BELOW for r in result.rows] == [False, True, False, True, True]
    assert all(any(x.startswith("owner") for x in r.review) for r in result.rows if r.owner.confidence < 60)


def test_an_owner_code_underlined_or_ruled_off_is_still_a_prefix() -> None:
    m = forms._owner_prefix("SP__ CHIPOTLE MEXICAN GRILL, INC. CMN")
    assert m is not None and m.group(1) == "SP"
    assert forms._owner_prefix("SP| PFIZER INC. CMN") is not None
    assert forms._owner_prefix("SPDR S&P 500 ETF") is None
    assert forms._OWNER_LAST_LINE.search("NOVARTIS AG SP ADR") is None
    k = forms._OWNER_LAST_LINE.search("U.S. TREASURY NOTE 4.000000% SP 02/29/2028 FA")
    assert k is not None and k.group(1) == "SP" and k.group(2) == "02/29/2028 FA"
