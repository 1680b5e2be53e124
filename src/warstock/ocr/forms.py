"""Reading the paper PTR forms: orientation, the table grid, which column is which, and each
row's marks and text, every field with a confidence.

The House paper PTR and the Senate "Periodic Disclosure of Financial Transactions" form are
ruled tables: an asset column, one checkbox column per transaction type, one or two date
columns, and eleven amount columns (House A-K, Senate its own order). A filer ticks a box or
types an X; warstock reads a mark as ink left in the cell after the straight strokes of a
printed box are removed, so the amount and the type of a trade come from geometry, not from
OCR. Tesseract reads the asset names and the dates, and its word confidences become the
fields' confidences. A row whose fields fall below the review threshold is flagged, never
silently guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import cv2
import numpy as np

from warstock.ocr import grid
from warstock.ocr.engine import Engine

# Amount columns in the order the forms print them: (low, high); high None = open-ended.
HOUSE_AMOUNTS: tuple[tuple[int, int | None, str], ...] = (
    (1_001, 15_000, "$1,001 - $15,000"), (15_001, 50_000, "$15,001 - $50,000"),
    (50_001, 100_000, "$50,001 - $100,000"), (100_001, 250_000, "$100,001 - $250,000"),
    (250_001, 500_000, "$250,001 - $500,000"), (500_001, 1_000_000, "$500,001 - $1,000,000"),
    (1_000_001, 5_000_000, "$1,000,001 - $5,000,000"), (5_000_001, 25_000_000, "$5,000,001 - $25,000,000"),
    (25_000_001, 50_000_000, "$25,000,001 - $50,000,000"), (50_000_001, None, "Over $50,000,000"),
    (1_000_001, None, "Spouse/DC Over $1,000,000"),
)
SENATE_AMOUNTS = HOUSE_AMOUNTS[:6] + ((1_000_001, None, "Over $1,000,000 (spouse/DC)"),) + HOUSE_AMOUNTS[6:10]
AMOUNT_ORDER = {"house": HOUSE_AMOUNTS, "senate": SENATE_AMOUNTS}

REVIEW_BELOW = 60.0  # a field under this confidence flags its row for review
MARK_ON = 25   # px of mark ink at 200 dpi (a typed X is 35-110, an empty box 0)
MARK_OFF = 10  # below this the box is surely empty; between the two: uncertain

_ROLE_WORDS = (  # first match wins
    ("partial", "partial"), ("purchas", "purchase"), ("exchan", "exchange"), ("capital", "cap_gains"),
    ("gains", "cap_gains"), ("notif", "notification_date"), ("sale", "sale"), ("date", "transaction_date"),
    ("mm/dd", "transaction_date"), ("mo., day", "transaction_date"),
)
_EXAMPLE = re.compile(r"example|mega\s*corp|[il1][bs8]m\s*corp|microsoft\s*\(stock\)|nasdaq|\(stock\)\s*nyse", re.I)
_OWNER_PREFIX = re.compile(r"^\s*[\(\[]?\s*(SP|DC|JT|S|J)\s*[\)\]]?[\s:.,-]+(?=\S)", re.I)
_OWNER_CODES = {"SP": "spouse", "S": "spouse", "DC": "dependent_child", "JT": "joint", "J": "joint"}
_OWNER_PARTIAL = {"D": "dependent_child", "C": "dependent_child", "P": "spouse", "T": "joint"}
_TICKER = re.compile(r"\(([A-Z][A-Z.]{0,5})\)")
_DATE_CHARS = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1", "|": "1", "i": "1",
                             "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "\\": "/", "-": "/", ".": "/"})


class FormError(ValueError):
    """A page that is not a form warstock can read (no table, unknown columns)."""


@dataclass
class Field:
    value: Any
    confidence: float  # 0-100
    raw: str = ""


@dataclass
class OcrRow:
    page: int
    band: int  # row band on the page, 1-based
    owner: Field
    asset: Field
    transaction_type: Field
    transaction_date: Field
    notification_date: Field | None
    amount: Field  # value: (low, high, text) or None
    cap_gains: Field | None
    subholding_of: str | None = None
    review: list[str] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        fields = [self.owner, self.asset, self.transaction_type, self.transaction_date, self.amount]
        return min(f.confidence for f in fields)


@dataclass
class Layout:
    """Which column is which, learned from a page's header and reused on pages of the same shape."""

    n_columns: int
    roles: dict[int, str]  # column index -> role
    amounts: list[int]  # column indexes of the eleven amount columns, in printed order
    header_band: int  # index of the header row band


@dataclass
class PageResult:
    page: int
    rotation: int  # quarter turns counter-clockwise applied to read the page
    rows: list[OcrRow]
    blank: bool = False
    notes: list[str] = field(default_factory=list)
    header_text: str = ""  # the text above the table (Senate: filer name, received stamp)


# --- orientation ---------------------------------------------------------------------------------


def _orientation_score(engine: Engine, gray: np.ndarray) -> int:
    small = gray[::2, ::2]  # 100 dpi is enough to tell words from noise
    words = engine.words(small, psm="sparse")
    return sum(1 for w, c in words if c >= 80 and sum(ch.isalpha() for ch in w) >= 3)


def orient(engine: Engine, gray: np.ndarray, hint: int | None = None) -> tuple[int, int]:
    """(quarter turns counter-clockwise that make the text upright, confident words read)."""
    tried: dict[int, int] = {}
    if hint is not None:
        tried[hint] = _orientation_score(engine, np.rot90(gray, hint))
        if tried[hint] >= 12:
            return hint, tried[hint]
    for r in (0, 1, 3, 2):
        if r not in tried:
            tried[r] = _orientation_score(engine, np.rot90(gray, r))
    best = max(tried, key=lambda r: tried[r])
    return best, tried[best]


# --- layout --------------------------------------------------------------------------------------


TYPE_TEMPLATES = {  # narrow checkbox columns between the asset and the dates, by count
    3: ("purchase", "sale", "exchange"),  # Senate form
    4: ("purchase", "sale", "partial", "exchange"),  # House form
    5: ("purchase", "sale", "exchange", "cap_gains", "partial"),  # House form as some filers retype it
}


def layout_of(g: grid.Grid) -> tuple[grid.Grid, Layout]:
    """Columns by the forms' shape, left to right: owner or row-number columns, the asset (the
    widest), narrow checkbox columns for the transaction types (named by their count), one or
    two wide date columns, then the eleven amount columns. A ruling the scan lost between two
    amount columns is put back by splitting a column twice the usual width."""
    cols = g.columns
    rows = g.rows
    if len(cols) < 10:
        raise FormError(f"table has {len(cols)} columns; a PTR form has at least 16")
    widths = [b - a for a, b in cols]
    asset = max(range(len(cols) // 2), key=lambda i: widths[i])
    right = widths[asset + 1:]
    narrow = float(np.median(right))
    wide = [i for i in range(asset + 2, len(cols)) if widths[i] > 1.35 * narrow]
    if not wide:
        raise FormError(f"no date column right of the asset column (widths {widths})")
    dates = [wide[0]] + ([wide[0] + 1] if wide[0] + 1 in wide else [])
    xs = list(g.xs)
    amount_w = float(np.median(widths[dates[-1] + 1:])) if len(widths) > dates[-1] + 1 else narrow
    n_amount = len(cols) - dates[-1] - 1
    if n_amount < 11:  # split columns about k times the usual width into k
        new_xs = xs[:dates[-1] + 2]
        for i in range(dates[-1] + 1, len(cols)):
            k = max(1, round(widths[i] / amount_w))
            for j in range(1, k):
                new_xs.append(round(xs[i] + widths[i] * j / k))
            new_xs.append(xs[i + 1])
        xs = new_xs
        g = grid.Grid(xs, g.ys, g.shape)
        cols = g.columns
        n_amount = len(cols) - dates[-1] - 1
    if n_amount != 11:
        raise FormError(f"{n_amount} amount columns after the dates; the forms have 11 (widths {widths})")
    roles: dict[int, str] = {asset: "asset"}
    for i in range(asset):
        roles[i] = "owner"
    roles[dates[0]] = "transaction_date"
    if len(dates) == 2:
        roles[dates[1]] = "notification_date"
    types = list(range(asset + 1, dates[0]))
    template = TYPE_TEMPLATES.get(len(types))
    if template is None:
        raise FormError(f"{len(types)} checkbox columns between the asset and the dates; "
                        f"known forms have {sorted(TYPE_TEMPLATES)}")
    for i, role in zip(types, template, strict=True):
        roles[i] = role
    header = max(range(min(3, len(rows))), key=lambda i: rows[i][1] - rows[i][0])
    return g, Layout(len(cols), roles, list(range(dates[-1] + 1, len(cols))), header)


# --- rows ----------------------------------------------------------------------------------------


def _marks(bw: np.ndarray, g: grid.Grid, y0: int, y1: int, idx: list[int]) -> list[int]:
    return [grid.mark_ink(grid.cell(bw, g.xs[i], g.xs[i + 1], y0, y1, inset=0.12)) for i in idx]


def _choose(values: list[int], labels: list[Any]) -> Field:
    """Exactly one marked box: its label, with a confidence from how clear the marks are."""
    on = [i for i, v in enumerate(values) if v >= MARK_ON]
    unsure = [i for i, v in enumerate(values) if MARK_OFF <= v < MARK_ON]
    if len(on) == 1:
        strength = values[on[0]]
        conf = 97.0 if strength >= 2 * MARK_ON else 85.0
        if unsure:
            conf = min(conf, 50.0)
        return Field(labels[on[0]], conf, f"{strength}px")
    if not on and len(unsure) == 1:
        return Field(labels[unsure[0]], 40.0, f"faint {values[unsure[0]]}px")
    raw = ", ".join(f"{labels[i]}={values[i]}px" for i in on + unsure)
    return Field(None, 0.0, f"{len(on)} marked: {raw}" if on else "none marked")


def parse_date(text: str, *, not_after: date | None = None) -> date | None:
    t = text.strip().translate(_DATE_CHARS)
    t = re.sub(r"[^0-9/]", "", t)
    t = re.sub(r"/+", "/", t).strip("/")
    parts = t.split("/")
    if len(parts) != 3:
        if len(parts) == 1 and len(t) in (6, 8):  # 051823 / 05182023
            parts = [t[:2], t[2:4], t[4:]]
        else:
            return None
    try:
        m, d, y = (int(p) for p in parts)
    except ValueError:
        return None
    if y < 100:
        y += 2000
    try:
        value = date(y, m, d)
    except ValueError:
        return None
    if value.year < 2012 or (not_after and value > not_after):
        return None
    return value


def _read_date(engine: Engine, gray: np.ndarray, bw: np.ndarray, g: grid.Grid, col: int, y0: int, y1: int,
               not_after: date | None, not_before: date | None) -> Field:
    """A date cell, read with its rulings painted out and, if that does not give a date, as
    scanned: the first reading that is a real date in the plausible window wins."""
    first: Field | None = None
    for clean in (True, False):
        f = _read_text(engine, gray, bw, g, col, y0, y1, whitelist="0123456789/-.", psm="line", clean=clean)
        if f.value is None and f.confidence == 100.0:
            return Field(None, 100.0, "")  # an empty cell
        value = parse_date(f.value or "", not_after=not_after)
        if value and not_before and value < not_before:
            value = None
        if value:
            return Field(value, f.confidence, f.raw)
        first = first or f
    assert first is not None
    return Field(None, 0.0, first.raw)


def _read_text(engine: Engine, gray: np.ndarray, bw: np.ndarray, g: grid.Grid, col: int, y0: int, y1: int,
               *, whitelist: str | None = None, psm: str = "block", clean: bool = True) -> Field:
    c_bw = grid.cell(bw, g.xs[col], g.xs[col + 1], y0, y1, px=5)
    if grid.ink(c_bw) < 0.004:
        return Field(None, 100.0, "")  # empty cell: nothing to read, and sure of it
    crop = grid.cell(gray, g.xs[col], g.xs[col + 1], y0, y1, px=2 if clean else 4)
    if clean:
        crop = grid.clean_cell(crop)
    if crop.shape[0] < 80:  # Tesseract reads best with letters 20-30 px tall
        crop = cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    r = engine.read(crop, psm=psm, whitelist=whitelist)
    return Field(r.text or None, r.confidence if r.text else 0.0, r.text)


def read_rows(engine: Engine, gray: np.ndarray, g: grid.Grid, layout: Layout, *, page: int, chamber: str,
              not_after: date | None = None, not_before: date | None = None) -> tuple[list[OcrRow], list[str]]:
    bw = grid.binarize(gray)
    roles = layout.roles
    by_role = {r: i for i, r in roles.items()}
    type_cols = [(i, r) for i, r in sorted(roles.items()) if r in ("purchase", "sale", "partial", "exchange")]
    order = AMOUNT_ORDER[chamber]
    out: list[OcrRow] = []
    notes: list[str] = []
    subholding: str | None = None
    heights = [y1 - y0 for y0, y1 in g.rows[layout.header_band + 1:]]
    body_h = float(np.median(heights)) if heights else 0.0
    for b, (y0, y1) in enumerate(g.rows):
        if b <= layout.header_band or y1 - y0 < 18:
            continue
        type_marks = _marks(bw, g, y0, y1, [i for i, _ in type_cols])
        amount_marks = _marks(bw, g, y0, y1, layout.amounts)
        asset = _read_text(engine, gray, bw, g, by_role["asset"], y0, y1)
        if asset.value and _EXAMPLE.search(asset.value):
            continue
        if b == layout.header_band + 1 and body_h and (y1 - y0) < 0.8 * body_h:
            continue  # the printed example row under the header is shorter than the rows to fill in
        any_mark = max(type_marks + amount_marks, default=0) >= MARK_ON
        tdate = _read_date(engine, gray, bw, g, by_role["transaction_date"], y0, y1, not_after, not_before)
        if not any_mark and not tdate.raw:
            if asset.value and asset.confidence >= 50:
                subholding = asset.value.rstrip(": ")  # a heading row: the account the rows below sit in
            continue
        # owner: its own column (House) or a prefix of the asset text ("SP", "(S)")
        owner = Field("self", 90.0 if asset.value else 50.0)
        if "owner" in by_role:
            o = _read_text(engine, gray, bw, g, by_role["owner"], y0, y1, whitelist="SPDCJT/", psm="word")
            if o.value is None and o.confidence == 0.0:
                owner = Field(None, 0.0, "ink in the owner column, unread")  # not "self": flagged instead
            elif o.value:
                code = re.sub(r"[^A-Z]", "", o.value.upper())
                if code in _OWNER_CODES:
                    owner = Field(_OWNER_CODES[code], o.confidence, o.value)
                elif code in _OWNER_PARTIAL:  # one letter of the code read: a likely owner, flagged
                    owner = Field(_OWNER_PARTIAL[code], min(o.confidence, 55.0), o.value)
                else:
                    owner = Field(None, 0.0, o.value)
        name = asset.value
        if name:
            m = _OWNER_PREFIX.match(name)
            if m and (m.group(1).upper() in ("SP", "DC", "JT") or name.lstrip().startswith(("(", "["))):
                owner = Field(_OWNER_CODES[m.group(1).upper()], asset.confidence, m.group(0))
                name = name[m.end():].strip()
        name = (name or "").strip(" |\u2014-_.,;:'\"\u2018\u2019") or None  # rulings read as | or a dash
        asset = Field(name, asset.confidence if name else 0.0, asset.raw)
        ttype = _choose(type_marks, [{"partial": "partial_sale"}.get(r, r) for _, r in type_cols])
        if ttype.value == "sale" and "partial" in by_role:
            pass
        partial_col = [k for k, (_, r) in enumerate(type_cols) if r == "partial"]
        if partial_col and type_marks[partial_col[0]] >= MARK_ON and ttype.value is None:
            # Khanna-style forms tick Sale and "Partial Transaction" together
            others = [k for k, v in enumerate(type_marks) if v >= MARK_ON and k != partial_col[0]]
            if len(others) == 1 and type_cols[others[0]][1] == "sale":
                ttype = Field("partial_sale", 90.0, "sale + partial")
            elif len(others) == 1:
                ttype = Field(type_cols[others[0]][1], 85.0, "partial marked with another type")
        amount = _choose(amount_marks, list(order))
        ndate: Field | None = None
        if "notification_date" in by_role:
            ndate = _read_date(engine, gray, bw, g, by_role["notification_date"], y0, y1, not_after, not_before)
        cap = None
        if "cap_gains" in by_role:
            v = _marks(bw, g, y0, y1, [by_role["cap_gains"]])[0]
            cap = Field(v >= MARK_ON, 95.0 if (v >= 2 * MARK_ON or v < MARK_OFF) else 50.0, f"{v}px")
        row = OcrRow(page, b + 1, owner, asset, ttype, tdate, ndate, amount, cap, subholding)
        for label, f in (("owner", owner), ("asset", asset), ("type", ttype), ("transaction date", tdate),
                         ("amount", amount)):
            if f.confidence < REVIEW_BELOW:
                row.review.append(f"{label} {f.confidence:.0f}% ({f.raw or 'unread'})")
        out.append(row)
    return out, notes


def read_page(engine: Engine, gray: np.ndarray, *, page: int, chamber: str, rotation_hint: int | None = None,
              not_after: date | None = None, not_before: date | None = None) -> PageResult:
    """Read one page: turn it upright, find its table, read its rows. ``rotation_hint`` (the
    previous page's turn) is tried first."""
    bw0 = grid.binarize(gray)
    if grid.ink(bw0) < 0.002:
        return PageResult(page, 0, [], blank=True, notes=["blank page"])
    rotation, score = orient(engine, gray, rotation_hint)
    upright = np.ascontiguousarray(np.rot90(gray, rotation))
    bw = grid.binarize(upright)
    g = grid.find_table(bw)
    if g is None:
        if score < 5:
            raise FormError(f"no ruled table and no readable text (orientation score {score})")
        return PageResult(page, rotation, [], notes=["no ruled table on this page (a cover or attachment)"])
    g, layout = layout_of(g)
    header_text = ""
    if chamber == "senate" and g.ys[0] > 40:
        header_text = engine.read(upright[:g.ys[0]], psm="sparse").text
    rows, notes = read_rows(engine, upright, g, layout, page=page, chamber=chamber, not_after=not_after,
                            not_before=not_before)
    return PageResult(page, rotation, rows, notes=notes, header_text=header_text)
