"""Synthetic scanned Schedule A pages of the House paper Form A, with known marks.

The real form (../shared/data/house/annual/8220766, page 3) is a landscape grid: owner code,
asset name, EIF, thirteen Block B value columns (A-M), seven Block C income-type columns and a
wide "other type" column, twelve Block D income columns (I-XII) and a Block E transaction
column, under a tall printed header. The column rulings below are the ones measured on that
page at 200 dpi (so the test draws the printed form, not warstock's template of it). Names and
owner codes are typed; marks are drawn X's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw

from formgen import _font, draw_x

# rulings measured on 8220766 page 3 (x at 200 dpi): owner | asset | EIF | A..M | 7 types |
# other | I..XII | E
XS = [78, 120, 436, 470, 508, 546, 596, 647, 688, 726, 765, 803, 842, 881, 919, 959, 997, 1036, 1075, 1113,
      1153, 1192, 1232, 1281, 1393, 1431, 1470, 1509, 1547, 1586, 1625, 1664, 1703, 1740, 1778, 1816, 1853, 1997]
VALUE0, TYPE0, INCOME0 = 3, 16, 24  # first column of each block
HEADER_TOP, HEADER_H, NAME_H, ROW_H = 240, 380, 64, 42


@dataclass
class Row:
    owner: str  # "", "SP", "DC", "JT"
    asset: str
    values: list[int] = field(default_factory=list)  # Block B columns marked, 0..12 = A..M
    types: list[int] = field(default_factory=list)  # Block C columns marked, 0..6
    income: list[int] = field(default_factory=list)  # Block D columns marked, 0..11 = I..XII
    tx: str = ""  # Block E


def schedule_a_page(rows: list[Row], *, n_rows: int = 18, title: bool = True, lost: tuple[int, ...] = (),
                    ruled: bool = True) -> np.ndarray:
    """An upright Schedule A continuation page, grayscale, 200 dpi. ``lost``: indexes of
    column rulings the scan lost (drawn only in the header); ``ruled``: False draws the title
    and no grid (a scan too faint to show its rulings)."""
    W, H = 2162, 1674
    img = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(img)
    if title:
        d.text((90, 110), "SCHEDULE A - ASSETS & \"UNEARNED INCOME\"", fill=0, font=_font(34))
    d.text((1080, 130), "Name: Jane Example", fill=0, font=_font(30))
    if not ruled:
        return np.asarray(img)
    ys = [HEADER_TOP, HEADER_TOP + HEADER_H, HEADER_TOP + HEADER_H + NAME_H]
    for _ in range(n_rows):
        ys.append(ys[-1] + ROW_H)
    for i, x in enumerate(XS):
        bottom = ys[1] if i in lost else ys[-1]
        d.line([(x, ys[0]), (x, bottom)], fill=0, width=4 if i in (0, 3, 16, 24, 36, 37) else 2)
    for y in ys:
        d.line([(XS[0], y), (XS[-1], y)], fill=0, width=3)
    small = _font(16)
    d.text((XS[1] + 60, ys[0] + 20), "BLOCK A  Assets and/or Income Sources", fill=0, font=small)
    for k, letter in enumerate("ABCDEFGHIJKLM"):
        d.text((XS[VALUE0 + k] + 12, ys[0] + 30), letter, fill=0, font=small)
    for k, roman in enumerate(("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")):
        d.text((XS[INCOME0 + k] + 8, ys[0] + 30), roman, fill=0, font=small)
    d.text((XS[1] + 90, ys[1] + 20), "ASSET NAME", fill=0, font=_font(24))
    d.text((XS[2] + 4, ys[1] + 4), "EIF", fill=0, font=small)
    text = _font(21)
    for k, r in enumerate(rows):
        y0, y1 = ys[2 + k], ys[3 + k]
        cy = (y0 + y1) // 2
        if r.owner:
            d.text((XS[0] + 4, cy - 13), r.owner, fill=0, font=_font(24))
        d.text((XS[1] + 8, cy - 11), r.asset, fill=0, font=text)
        for start, marked in ((VALUE0, r.values), (TYPE0, r.types), (INCOME0, r.income)):
            for c in marked:
                draw_x(d, (XS[start + c] + XS[start + c + 1]) // 2, cy, 12, 3)
        if r.tx:
            d.text((XS[36] + 20, cy - 14), r.tx, fill=0, font=text)
    return np.asarray(img)
