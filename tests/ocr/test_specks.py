"""What a scan leaves at the end of a name's line (a ruling's stub, a box's edge, dust) is not
part of the name: ``forms._trim_specks`` on word lists as Tesseract gives them (text,
confidence, box). The words and boxes below are shaped on readings of real cells (the comments
say which); the rule is geometric, so no OCR runs here."""

from __future__ import annotations

from warstock.ocr import forms
from warstock.ocr.engine import Engine, Word


def line(*words: tuple[str, float, int, int], top: int = 10, height: int = 30) -> list[Word]:
    return [Word(t, c, x0, top, x1, top + height) for t, c, x0, x1 in words]


def texts(lines: list[list[Word]]) -> list[str]:
    return [" ".join(w.text for w in ln) for ln in forms._trim_specks(lines)]


def test_specks_far_after_the_name_go() -> None:
    # "GE VERNOVA LLC  a  j": the a and j read at 0% and 8%, far to the right
    assert texts([line(("GE", 92, 40, 90), ("VERNOVA", 91, 100, 280), ("LLC", 96, 290, 350),
                       ("a", 0, 1270, 1310), ("j", 8, 1720, 1730))]) == ["GE VERNOVA LLC"]
    # "U.S. BANCORP CMN  7  |": a ruling read as | (high confidence, no letter) and a 7
    assert texts([line(("U.S.", 75, 0, 50), ("BANCORP", 90, 60, 225), ("CMN", 89, 235, 305),
                       ("7", 46, 460, 490), ("|", 80, 1010, 1022))]) == ["U.S. BANCORP CMN"]


def test_a_class_letter_or_a_short_word_at_a_words_space_stays() -> None:
    # "PGIM HIGH YIELD CL Z": CL and Z read at 39%, but Z follows CL at a word's space
    assert texts([line(("PGIM", 90, 0, 350), ("HIGH", 95, 100, 170), ("YIELD", 93, 180, 270),
                       ("CL", 39, 285, 320), ("Z", 39, 330, 350))]) == ["PGIM HIGH YIELD CL Z"]
    # "ISHARES GOLD TR ISHARES NEW (AU)": (AU) at 39%, right after NEW
    assert texts([line(("NEW", 97, 390, 455), ("(AU)", 39, 462, 525))]) == ["NEW (AU)"]
    # a whole word read with low confidence is the name's, however far: "FORD MOTOR COMPANY CMN"
    assert texts([line(("COMPANY", 93, 225, 400), ("CMN", 31, 700, 780))]) == ["COMPANY CMN"]
    # a letter read with confidence stays: "CME GROUP INC. CMN CLASS A"
    assert texts([line(("CLASS", 51, 370, 460), ("A", 95, 600, 620))]) == ["CLASS A"]


def test_a_line_of_specks_goes_and_the_name_on_the_next_line_stays() -> None:
    # "| / CHEMED CORP CMN -- —": a ruling's stub alone on the first line
    lines = [line(("|", 47, 1010, 1022), top=0),
             line(("CHEMED", 92, 0, 130), ("CORP", 89, 150, 235), ("CMN", 89, 245, 325),
                  ("--", 70, 640, 675), ("—", 63, 960, 1022), top=40)]
    assert texts(lines) == ["CHEMED CORP CMN"]
    assert texts([]) == []
    assert texts([line(("|", 90, 1000, 1010))]) == []
    # a word alone on its line stays, however faint and far right: a ticker written alone
    assert texts([line(("BOEING", 95, 0, 130), top=0), line(("BA", 30, 900, 950), top=40)]) == ["BOEING", "BA"]


def test_a_cells_name_is_read_without_the_stub_of_a_ruling_at_its_end(engine: Engine) -> None:
    # a name typed in a cell, and at the cell's right end the stub of a vertical ruling that the
    # cell's cleaning left (short of the cell's height, so not painted out as a ruling)
    import numpy as np
    from PIL import Image, ImageDraw

    from formgen import _font

    img = Image.new("L", (1000, 60), 255)
    d = ImageDraw.Draw(img)
    d.text((10, 12), "LOCKHEED MARTIN CORP", fill=0, font=_font(30))
    d.rectangle([985, 14, 989, 44], fill=0)
    gray = np.asarray(img)
    read, lines = engine.read_lines(gray)
    assert lines and [w.text for w in lines[0]][:3] == ["LOCKHEED", "MARTIN", "CORP"]
    assert all(w.x1 > w.x0 and w.y1 > w.y0 for ln in lines for w in ln)
    trimmed = forms._tesseract(engine, gray, whitelist=None, psm="block", trim=True)
    assert trimmed.text == "LOCKHEED MARTIN CORP"
    assert trimmed.confidence >= read.confidence  # the words kept are the name's, read surely
    # an image with nothing on it: no lines, no error
    assert engine.read_lines(np.full((60, 400), 255, np.uint8)) == (engine.read(np.full((60, 400), 255, np.uint8)), [])
