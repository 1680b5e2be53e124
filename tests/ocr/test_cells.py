"""The second OCR engine (PP-OCR's recognition network on ONNX Runtime) on cells the tests
draw, and what the form reader makes of owners and rows (issue 11): a blank owner cell is the
filer, ink that is no code is unread and flagged, the printed example row and a row holding
only an owner code are not trades."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from PIL import Image, ImageDraw

import formgen
from formgen import Row, house_page, scanned
from warstock.ocr import cells, forms
from warstock.ocr.engine import Engine, OcrUnavailable, tessdata_dir

try:
    tessdata_dir()
    cells.model_path()
except (OcrUnavailable, cells.CellReaderUnavailable) as exc:  # ./ws installs both
    pytest.skip(f"OCR engines not installed: {exc}", allow_module_level=True)


def cell(text: str, *, size: int = 34, shear: float = 0.0, thick: int = 0, w: int = 230, h: int = 70) -> np.ndarray:
    """A date cell at 200 dpi: ``text`` typed, or slanted and thickened like a pen's strokes."""
    img = Image.new("L", (w, h), 255)
    ImageDraw.Draw(img).text((14, (h - size) // 2 - 2), text, fill=0, font=formgen._font(size))
    if shear:
        img = img.transform(img.size, Image.Transform.AFFINE, (1, shear, -shear * h / 2, 0, 1, 0), fillcolor=255)
    arr = np.asarray(img)
    if thick:
        import cv2

        arr = cv2.erode(arr, np.ones((thick, thick), np.uint8))
    return np.ascontiguousarray(arr)


@pytest.mark.parametrize(("text", "kw"), [
    ("05/18/23", {}),
    ("11/30/2023", {"size": 28}),
    ("8/7/23", {"shear": 0.25, "thick": 3, "size": 40}),  # slanted, heavy strokes
])
def test_ppocr_reads_a_date_cell(engine: Engine, text: str, kw: dict) -> None:
    r = engine.cells.read(cells.text_box(cell(text, **kw)))
    assert r.text == text
    assert r.confidence > 80 and len(r.chars) == len(text)


def test_ppocr_reads_only_the_characters_asked_for(engine: Engine) -> None:
    r = engine.cells.read(cells.text_box(cell("SP", size=36, w=80)), charset="SPDCJT")
    assert r.text == "SP"
    assert engine.cells.read(np.full((40, 120), 255, np.uint8)).text == ""  # blank paper: nothing


def test_text_box_crops_to_the_writing() -> None:
    c = cell("12/01/24", w=300, h=90)
    box = cells.text_box(c)
    assert box.shape[0] < 60 and box.shape[1] < 250
    assert (box < 128).any()
    blank = np.full((50, 100), 250, np.uint8)
    assert cells.text_box(blank).shape == blank.shape


ROWS = [Row("", "LOCKHEED MARTIN CORP", "purchase", "05/18/23", "06/01/23", 2),  # blank owner cell
        Row("XQ", "NVIDIA CORPORATION", "sale", "05/19/23", "06/01/23", 0),  # ink that is no owner code
        Row("", "Exampie: Meqa Corp. Common Stock", "sale", "02/05/20", "02/07/20", 1),  # the example, garbled
        Row("DC", "BOEING CO COMMON", "exchange", "04/02/23", "06/01/23", 10)]


def _page() -> np.ndarray:
    page = house_page(ROWS)
    # a fifth row holding only an owner code: no asset, no type, no date, no amount
    img = Image.fromarray(page)
    xs = [120]
    for w in formgen.WIDTHS:
        xs.append(xs[-1] + w)
    y = 320 + 260 + 40 + 4 * 62
    d = ImageDraw.Draw(img)
    d.line([(xs[0], y + 62), (xs[-1], y + 62)], fill=0, width=3)
    for x in xs:
        d.line([(x, y), (x, y + 62)], fill=0, width=3)
    d.text((xs[0] + 6, y + 16), "JT", fill=0, font=formgen._font(26))
    return np.asarray(img)


def test_owners_blank_unread_and_rows_that_are_not_trades(engine: Engine) -> None:
    result = forms.read_page(engine, scanned(_page(), 1), page=1, chamber="house", not_after=date(2023, 6, 3),
                             not_before=date(2018, 1, 1))
    names = [(r.asset.value or "").replace(" ", "") for r in result.rows]
    # the garbled example row and the row with only "JT" are not trades
    assert len(result.rows) == 3, names
    assert "LOCKHEEDMARTINCORP" in names[0] and "BOEING" in names[2]
    blank, unread, dc = result.rows
    assert blank.owner.value == "self" and blank.owner.confidence >= forms.REVIEW_BELOW  # blank cell: the filer
    assert not any(x.startswith("owner") for x in blank.review)
    assert unread.owner.value is None and any(x.startswith("owner") for x in unread.review)  # ink, no code
    assert dc.owner.value == "dependent_child"
    # dates read by both engines, in order and in the window: full confidence
    assert blank.transaction_date.value == date(2023, 5, 18)
    assert blank.transaction_date.confidence >= forms.REVIEW_BELOW
    assert blank.notification_date is not None and blank.notification_date.value == date(2023, 6, 1)


TRADES = [("SP", "Apple Inc. - Common Stock (AAPL)", "P", "09/11/2025", "10/01/2025", "$1,001 - $15,000"),
          ("", "Amgen Inc. - Common Stock (AMGN)", "S", "09/25/2025", "10/01/2025", "$15,001 - $50,000"),
          ("JT", "Boise Cascade, L.L.C. Common", "S (partial)", "09/25/2025", "10/02/2025", "$1,001 - $15,000")] + [
          ("SP", f"Holdings Number {k} Common Stock", "P", "09/12/2025", "10/01/2025", "$1,001 - $15,000")
          for k in range(1, 6)]


def _efiling_page() -> np.ndarray:
    """A page in the layout of the Clerk's e-filing "Print Preview", typed, as a printer and
    scanner leave it (no ruled form)."""
    img = Image.new("L", (1850, 2400), 255)
    d = ImageDraw.Draw(img)
    f, small = formgen._font(30), formgen._font(26)
    d.text((100, 60), "Periodic Transaction Report (PTR) Print Preview", fill=0, font=f)
    cols = [60, 150, 800, 1010, 1210, 1420]
    for x, head in zip(cols, ["Owner", "Asset", "Type", "Date", "Notification", "Amount"], strict=True):
        d.text((x, 130), head, fill=0, font=f)
    y = 200
    for owner, asset, ttype, t, n, amount in TRADES:
        for x, text in zip(cols, [owner, asset, ttype, t, n, amount], strict=True):
            d.text((x, y), text, fill=0, font=f)
        d.text((150, y + 40), "Stock (BCC) [ST]" if owner == "JT" else "[ST]", fill=0, font=f)
        d.text((170, y + 95), "FILING STATUS: New", fill=0, font=small)
        d.text((170, y + 135), "SUBHOLDING OF: Brokerage Account 924", fill=0, font=small)
        y += 270
    return np.asarray(img)


def test_a_printed_e_filing_is_read_as_lines_of_text(engine: Engine) -> None:
    from warstock.ocr.document import read_pages

    r = read_pages(engine, [(1, _efiling_page())], chamber="house", doc_id="8200010", filed=date(2025, 10, 23))
    got = [(x["owner"], x["ticker"], x["transaction_type"], x["transaction_date"], x["notification_date"],
            x["amount_min_usd"]) for x in r.records]
    assert got[:3] == [("spouse", "AAPL", "purchase", date(2025, 9, 11), date(2025, 10, 1), 1_001),
                       ("self", "AMGN", "sale", date(2025, 9, 25), date(2025, 10, 1), 15_001),
                       ("joint", "BCC", "partial_sale", date(2025, 9, 25), date(2025, 10, 2), 1_001)]
    assert len(got) == len(TRADES)
    assert "Boise Cascade" in (r.records[2]["asset_name"] or "") and "(BCC)" in (r.records[2]["asset_name"] or "")
    assert all(x["subholding_of"] == "Brokerage Account 924" for x in r.records)
    assert not any(x["needs_review"] for x in r.records)  # typed dates both engines read alike
    assert any("lines of printed text" in n.message for n in r.notes)

