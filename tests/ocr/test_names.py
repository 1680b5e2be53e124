"""An asset's name read a second time (issue 11): a name Tesseract read unsure is read by PP-OCR
line by line; the name is sure only when both agree and PP-OCR is sure of it. The cells are
drawn here; the decision is tested on readings shaped like real ones (the comments say which)."""

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


def name_cell(*lines: str, size: int = 30, w: int = 700, speck: bool = False) -> np.ndarray:
    """An asset cell at 200 dpi holding ``lines`` of print, and, with ``speck``, a dot of dust
    and the stub of a ruling at its bottom edge."""
    h = 20 + len(lines) * (size + 16)
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    for k, text in enumerate(lines):
        d.text((16, 10 + k * (size + 16)), text, fill=0, font=formgen._font(size))
    if speck:
        d.rectangle((w - 60, h - 6, w - 57, h - 4), fill=0)  # dust: 3 px tall
        d.rectangle((0, h - 5, w - 1, h - 4), fill=0)  # a ruling's edge across the cell
    return np.ascontiguousarray(np.asarray(img))


def test_text_lines_finds_each_line_top_first() -> None:
    got = cells.text_lines(name_cell("NETAPP INC", "COMMON STOCK", speck=True))
    assert len(got) == 2  # the dust and the ruling's edge are no line
    assert got[0].shape[1] < got[1].shape[1]  # "NETAPP INC" is the shorter line, and first
    assert cells.text_lines(np.full((60, 300), 255, np.uint8)) == []  # blank paper


def test_text_lines_leaves_out_a_rulings_stub_at_the_cells_edge() -> None:
    clean = name_cell("NASDAQ INC. CMN")
    stub = clean.copy()
    stub[8:40, 0:3] = 0  # what is left of the column's ruling, left of the name (PP-OCR reads "1")
    (a,), (b,) = cells.text_lines(clean), cells.text_lines(stub)
    assert a.shape == b.shape


def test_read_name_reads_every_line(engine: Engine) -> None:
    r = engine.cells.read_name(name_cell("LOCKHEED MARTIN", "CORP CMN"))
    assert r.text == "LOCKHEED MARTIN CORP CMN"
    assert r.confidence > 80
    assert engine.cells.read_name(np.full((60, 300), 255, np.uint8)).text == ""


def read(text: str, confidence: float) -> cells.CellRead:
    return cells.CellRead(text, confidence)


def test_agreeing_readings_make_a_sure_name() -> None:
    # holdout2: Tesseract 'ALPRABET INC' at 45%, PP-OCR 'ALPHABET INC' at 90%
    f = forms._second_reading(forms.Field("ALPRABET INC", 45.0, "ALPRABET INC"), read("ALPHABET INC", 90.0))
    assert f.value == "ALPHABET INC"  # the surer reading's text
    assert f.confidence == 90.0 and f.confidence >= forms.REVIEW_BELOW
    assert "tesseract 'ALPRABET INC' 45%" in f.raw and "ppocr 'ALPHABET INC' 90%" in f.raw
    assert ";" not in cells.NAME_CHARS  # a reading never splits the row's review_reason
    # a stub read as J before the name is no owner's prefix: PP-OCR's text, sure
    f = forms._second_reading(forms.Field("J NETAPP INC", 40.0, ""), read("NETAPP INC", 95.0))
    assert f.value == "NETAPP INC" and f.confidence == 95.0
    f = forms._second_reading(forms.Field("J.M. SMUCKER CO", 45.0, ""), read("JM SMUCKER CO", 92.0))
    assert f.value == "JM SMUCKER CO" and f.confidence == 92.0


def test_agreeing_on_a_garbled_hand_is_not_sure() -> None:
    # check half: a handwritten "NetApp, Inc. stock" read 'Me-Aan Tae. seek' (22%) and
    # 'Me-Aan.Fe.sek.' (67%): alike, both wrong, and PP-OCR unsure
    f = forms._second_reading(forms.Field("Me-Aan Tae. seek", 22.0, ""), read("Me-Aan.Fe.sek.", 67.0))
    assert f.confidence == 22.0 < forms.REVIEW_BELOW  # still flagged
    assert f.value == "Me-Aan Tae. seek"  # PP-OCR unsure: Tesseract's text


def test_ppocr_text_that_runs_words_together_or_drops_the_owner_is_not_taken() -> None:
    # 8219353 p17: Tesseract 'SP ALPHABET INC. CMN CLASS A' (51%), PP-OCR 'SPALPHABETINCCMN CASSA'
    # (90%): Tesseract's words and owner's prefix kept; its letters are not PP-OCR's (CLASS,
    # CASSA), so the name stays flagged
    f = forms._second_reading(forms.Field("SP ALPHABET INC. CMN CLASS A", 51.0, ""),
                              read("SPALPHABETINCCMN CASSA", 90.0))
    assert f.value == "SP ALPHABET INC. CMN CLASS A" and f.confidence == 51.0
    # the owner's prefix run into the name, the letters the same: Tesseract's text, sure
    f = forms._second_reading(forms.Field("SP PFIZER INC. CMN", 54.0, ""), read("SPPFIZER INC. CMN", 98.0))
    assert f.value == "SP PFIZER INC. CMN" and f.confidence == 98.0


def test_disagreeing_readings_stay_flagged_whatever_ppocr_says() -> None:
    # PP-OCR sure of a text Tesseract does not see: kept (the surer), never sure
    f = forms._second_reading(forms.Field("Cael Morar <o", 30.0, ""), read("Ford Motor Co", 95.0))
    assert f.value == "Ford Motor Co" and f.confidence == 30.0
    # PP-OCR surer than Tesseract but under NAME_SURE: Tesseract's text
    f = forms._second_reading(forms.Field("WanZOn Cran ac", 30.0, ""), read("Con loc", 70.0))
    assert f.value == "WanZOn Cran ac" and f.confidence == 30.0
    # Tesseract the surer: its text stays
    f = forms._second_reading(forms.Field("HUMANA INC", 55.0, ""), read("HUM", 40.0))
    assert f.value == "HUMANA INC" and f.confidence == 55.0
    # nothing read by PP-OCR: Tesseract's reading as it was
    t = forms.Field("GEAEROSPACE", 0.5, "GEAEROSPACE")
    assert forms._second_reading(t, read("", 0.0)) is t


def test_a_house_trade_of_nasdaq_or_ibm_is_no_example(engine: Engine) -> None:
    # 8220252: trades of Nasdaq, Inc. were dropped as the Senate form's example (any name with
    # NASDAQ in it was); the House form's example is Mega Corp., printed above the first trade
    rows = [Row("SP", "NASDAQ INC. CMN", "purchase", "04/25/24", "05/01/24", 1),
            Row("", "IBM CORP CMN", "sale", "04/23/24", "05/01/24", 2)]
    result = forms.read_page(engine, scanned(house_page(rows), 1), page=1, chamber="house",
                             not_after=date(2024, 5, 3), not_before=date(2019, 1, 1))
    names = [(r.asset.value or "").upper().replace(" ", "") for r in result.rows]
    assert len(names) == 2 and "NASDAQ" in names[0] and "IBMCORP" in names[1], names
    assert forms._is_example("Microsoft (stock) NASDAQ", senate_top=False)  # the whole example, anywhere
    assert forms._is_example("IBM Corp.", senate_top=True) and not forms._is_example("IBM Corp.", senate_top=False)
