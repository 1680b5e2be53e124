"""Synthetic scanned paper PTR pages, drawn in the House form's layout.

The House paper PTR (see ../shared/data/house/ptr-scanned, e.g. 8219352) is a landscape table:
owner code, full asset name, four checkbox columns (Purchase, Sale, Partial Sale, Exchange),
date of transaction, date notified, eleven amount columns A-K; a tall header and a printed
example row above the rows to fill in. Scanned, it arrives on a portrait page turned a quarter
turn. These helpers draw that table at 200 dpi with typed names, dates and X marks, so the
OCR tests know the truth of every field.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFont

WIDTHS = [50, 400] + [66] * 4 + [170, 170] + [62] * 11  # owner, asset, types, dates, A-K
TYPES = ["purchase", "sale", "partial", "exchange"]
LABELS = {"purchase": "Purchase", "sale": "Sale", "partial": "Partial Sale", "exchange": "Exchange",
          "cap_gains": "Capital Gains"}


@dataclass
class Row:
    owner: str  # "", "SP", "DC", "JT"
    asset: str
    type: str  # one of TYPES; "" for a line with no mark
    date: str  # MM/DD/YY
    notified: str
    amount: int  # 0..10 = A..K; -1 for none


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def draw_x(d: ImageDraw.ImageDraw, cx: int, cy: int, r: int = 11, width: int = 3) -> None:
    d.line([(cx - r, cy - r), (cx + r, cy + r)], fill=0, width=width)
    d.line([(cx - r, cy + r), (cx + r, cy - r)], fill=0, width=width)


def house_page(rows: list[Row], *, boxes: bool = False, widths: list[int] | None = None,
               lost: tuple[int, ...] = (), shaded: dict[int, str] | None = None, row_h: int = 62,
               text_size: int = 30, bold_x: bool = False, types: list[str] | None = None,
               continuation: bool = False, stubs: bool = False, crossed: tuple[int, ...] = (),
               owner_stroke: int = 0, row_rulings: str = "solid") -> np.ndarray:
    """An upright (landscape) House form page, grayscale, 200 dpi. ``widths``: the columns'
    widths (default WIDTHS); ``lost``: indexes of vertical rulings the scan lost (0 = the
    table's left edge); ``shaded``: a shaded heading band naming an account, drawn before the
    row of that index; ``row_h``, ``text_size``: smaller print; ``bold_x``: marks typed as a
    bold X filling most of the cell's height; ``types``: the type columns as printed, left to
    right (default TYPES; a row marks the column of its type); ``continuation``: a filer's
    continuation sheet, rows from the top ruling on, with no headings and no example row;
    ``stubs``: in every amount cell of every row, the short bold edges a filled-in PDF form's
    printed box leaves in a scan (ink, but no mark: 8221233); ``crossed``: rows whose every type and
    amount box is marked alike; ``owner_stroke``: owner codes printed bold (strokes this many
    px wider each side, as on a typed schedule's scan: 8220162); ``row_rulings``: "dashed", the
    ruling between the rows of each pair (rows 0-1, 2-3, ...) drawn 1 px thin in dashes shorter
    than the grid's shortest line (a typed schedule printed with faint row borders, solid ones
    around its groups of rows, 8220192), every other ruling solid; "none": that ruling not
    drawn at all. An asset with a newline is typed over two lines, the dates beside its last
    (the schedule's cells aligned to their bottom, as every row's writing is with
    ``row_rulings`` other than "solid").
    """
    types = types or TYPES
    nt = len(types)
    widths = widths or WIDTHS[:2] + [66] * nt + WIDTHS[6:]
    shaded = shaded or {}
    W, H = max(2200, 240 + sum(widths)), 1700
    img = Image.new("L", (W, H), 255)
    d = ImageDraw.Draw(img)
    title = _font(34)
    d.text((700, 60), "UNITED STATES HOUSE OF REPRESENTATIVES", fill=0, font=title)
    d.text((820, 110), "Periodic Transaction Report", fill=0, font=_font(28))
    d.text((120, 200), "NAME: Jane Example    State: TN   District: 08", fill=0, font=_font(30))
    x0, top = 120, 320
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    header_h, example_h = 260, 40
    ys = [top] if continuation else [top, top + header_h, top + header_h + example_h]
    row_top: list[int] = []
    for k in range(max(len(rows), 4)):
        if k in shaded:  # a shaded band across the checkbox columns, the account's name beside it
            band = ys[-1] + 34
            d.rectangle([xs[2], ys[-1] + 4, xs[-1], band - 4], fill=80)
            d.text((xs[1] + 10, ys[-1] + 6), shaded[k], fill=0, font=_font(20))
            ys.append(band)
        row_top.append(ys[-1])
        ys.append(ys[-1] + row_h)
    for i, x in enumerate(xs):
        if i not in lost:
            d.line([(x, ys[0]), (x, ys[-1])], fill=0, width=3)
    for y in ys:
        if row_rulings == "none" and y in row_top[1::2]:
            continue
        if row_rulings == "dashed" and y in row_top[1::2]:
            for x in range(xs[0], xs[-1], 48):
                d.line([(x, y), (min(x + 40, xs[-1]), y)], fill=0, width=1)
        else:
            d.line([(xs[0], y), (xs[-1], y)], fill=0, width=3)
    small = _font(18)
    dc = 2 + nt  # the first date column
    if not continuation:
        _headings(img, d, xs, widths, types, top, dc, small)
    text = _font(text_size)
    for k in range(max(len(rows), 4)):
        y0, y1 = row_top[k], row_top[k] + row_h
        if boxes:  # the printed checkbox in every type and amount cell
            for c in list(range(2, dc)) + list(range(dc + 2, dc + 13)):
                d.rectangle([xs[c] + 12, y0 + 10, xs[c + 1] - 12, y1 - 10], outline=0, width=2)
        if stubs:
            for c in range(dc + 2, dc + 13):
                for sx in (xs[c] + 14, xs[c + 1] - 18):
                    d.rectangle([sx, y0 + 20, sx + 3, y0 + 31], fill=0)
        if k in crossed:  # every type and amount box of this row inked alike (no box tells the others apart)
            for c in list(range(2, dc)) + list(range(dc + 2, dc + 13)):
                draw_x(d, (xs[c] + xs[c + 1]) // 2, (y0 + y1) // 2, 11, 3)
        if k >= len(rows):
            continue
        r = rows[k]
        cy = (y0 + y1) // 2
        lift = text_size // 2 + 2
        names = r.asset.split("\n")
        if row_rulings != "solid":  # the schedule's writing sits at the bottom of its cells
            cy = y1 - text_size // 2 - 8
        if len(names) > 1:  # the name over two lines, the row's other writing beside the last
            d.text((xs[1] + 10, cy - lift - text_size - 6), names[0], fill=0, font=text)
        if r.owner:
            d.text((xs[0] + 6, cy - lift), r.owner, fill=0, font=_font(min(26, text_size)),
                   stroke_width=owner_stroke, stroke_fill=0)
        d.text((xs[1] + 10, cy - lift), names[-1], fill=0, font=text)
        r_x = max(5, row_h // 2 - 6) if bold_x else 11
        if r.type:  # "": a line with no mark (a heading, or the first line of a long entry)
            col = 2 + types.index(r.type)
            draw_x(d, (xs[col] + xs[col + 1]) // 2, cy, r_x, 5 if bold_x else 3)
        d.text((xs[dc] + 18, cy - lift), r.date, fill=0, font=text)
        d.text((xs[dc + 1] + 18, cy - lift), r.notified, fill=0, font=text)
        if r.amount >= 0:
            col = dc + 2 + r.amount
            draw_x(d, (xs[col] + xs[col + 1]) // 2, cy, r_x, 5 if bold_x else 3)
    return np.asarray(img)


def _headings(img: Image.Image, d: ImageDraw.ImageDraw, xs: list[int], widths: list[int], types: list[str],
              top: int, dc: int, small: ImageFont.ImageFont | ImageFont.FreeTypeFont) -> None:
    """The printed column headings and example row of a form's first sheet."""
    d.text((xs[1] + 20, top + 100), "FULL ASSET NAME", fill=0, font=_font(24))
    for i, t in enumerate(types):  # printed on their side, as on the House form
        label = Image.new("L", (220, 40), 255)
        ImageDraw.Draw(label).text((4, 8), LABELS[t], fill=0, font=_font(22))
        img.paste(label.rotate(90, expand=True), (xs[2 + i] + (widths[2 + i] - 40) // 2, top + 20))
    d.text((xs[dc] + 10, top + 200), "(MM/DD/YY)", fill=0, font=small)
    d.text((xs[dc + 1] + 10, top + 200), "(MM/DD/YY)", fill=0, font=small)
    for i, letter in enumerate("ABCDEFGHIJK"):
        d.text((xs[dc + 2 + i] + 24, top + 20), letter, fill=0, font=_font(22))
    # the printed example row
    ey = top + 260 + 8
    d.text((xs[0] + 8, ey), "JT", fill=0, font=small)
    d.text((xs[1] + 8, ey), "Example: Mega Corp. Common Stock", fill=0, font=small)
    d.text((xs[3] + 26, ey), "x", fill=0, font=small)
    d.text((xs[dc] + 30, ey), "02/05/20", fill=0, font=small)
    d.text((xs[dc + 3] + 24, ey), "x", fill=0, font=small)


def scanned(page: np.ndarray, quarter_turns: int = 1, noise: float = 0.0, seed: int = 0) -> np.ndarray:
    """The page as a scanner returns it: turned, and optionally with salt-and-pepper dust."""
    out = np.ascontiguousarray(np.rot90(page, quarter_turns))
    if noise:
        rng = np.random.default_rng(seed)
        mask = rng.random(out.shape) < noise
        out = out.copy()
        out[mask] = 0
    return out


def pdf_of(pages: list[np.ndarray]) -> bytes:
    """Image-only PDF (no text layer), one page per image at 200 dpi."""
    ims = [Image.fromarray(p) for p in pages]
    buf = io.BytesIO()
    ims[0].save(buf, format="PDF", save_all=True, append_images=ims[1:], resolution=200.0)
    return buf.getvalue()


def gif_of(page: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(page).save(buf, format="GIF")
    return buf.getvalue()
