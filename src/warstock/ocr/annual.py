"""Reading Schedule A of the House paper Form A (annual, termination, new-filer and candidate
financial disclosure reports): which page is Schedule A, which column is which, and each row's
owner, asset name, value band, income types and income band, every field with a confidence.

Schedule A is a ruled grid printed landscape: an owner column (SP, DC, JT; blank is the filer),
the asset name (mostly handwritten), an EIF box, Block B "Value of Asset" (thirteen checkbox
columns A-M: None, the eleven statutory bands $1-$1,000 ... Over $50,000,000, and
"Spouse/DC Asset over $1,000,000"), Block C "Type of Income" (seven checkbox columns: None,
Dividends, Rent, Interest, Capital Gains, Excepted/Blind Trust, Tax-Deferred, and a wide
"Other type" text column), Block D "Amount of Income" (twelve checkbox columns I-XII) and on
the members' form a Block E "Transaction" text column (P, S, S(part), E). The candidates' and
new filers' form (Form B) prints two income blocks instead (Current Year to Filing and
Preceding Year) and no Block E.

The scans lose rulings (a dashed line, a faint one), so columns are not counted: the printed
form's column edges, as fractions of the table's width (measured on 8220766 and 8220737 for
Form A, 8220945 for Form B), are laid over the rulings found on the page, fitted by least
squares to the rulings that line up, and each edge snaps to a ruling found near it (else keeps
the template's place). The template that lines up with more rulings names the form.

A value band is a mark in exactly one Block B column; none or several marks give no band and
flag the row (a band is never guessed). Names are read by Tesseract and flagged when its
confidence is low.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

import cv2
import numpy as np

from warstock.amounts import BANDS, SPOUSE_OVER_1M, band_label
from warstock.ocr import grid
from warstock.ocr.engine import Engine

REVIEW_BELOW = 60.0  # a field under this confidence flags its row for review
# an asset name under this one: Tesseract gives misread handwriting up to the high 70s
# ("Valp Alto" for Palo Alto at 70, "YoT Belly" for Pot Belly at 79, 8220945 page 3)
NAME_REVIEW_BELOW = 80.0
HEADING_AT = REVIEW_BELOW  # a row of writing with no marks is taken as an account heading from this confidence
HEADER_HEADING_AT = 50.0  # and writing above the table (bigger, freer hand) from this one


def _wordy(text: str) -> bool:
    """Writing read as words (one of at least four letters), not scattered strokes."""
    return any(len(re.sub(r"[^A-Za-z]", "", w)) >= 4 for w in text.split())
MARK_ON = 25  # px of mark ink at 200 dpi (a handwritten X is 60-400; an empty cell 0)
MARK_OFF = 10  # below this a cell is surely empty; between the two: uncertain

# Block B, columns A-M: (category, low, high, text as the form prints it)
VALUE_COLUMNS: tuple[tuple[str, int | None, int | None, str], ...] = (
    ("none", None, None, "None"),
    *(("band", lo, hi, band_label(lo, hi)) for lo, hi in BANDS),
    ("band", *SPOUSE_OVER_1M, "Spouse/DC Asset over $1,000,000"),
)
INCOME_TYPES = ("None", "Dividends", "Rent", "Interest", "Capital Gains", "Excepted/Blind Trust", "Tax-Deferred")
# Block D, columns I-XII
_INCOME_BANDS = ((1, 200), (201, 1_000), (1_001, 2_500), (2_501, 5_000), (5_001, 15_000), (15_001, 50_000),
                 (50_001, 100_000), (100_001, 1_000_000), (1_000_001, 5_000_000))
INCOME_COLUMNS: tuple[tuple[str, int | None, int | None, str], ...] = (
    ("none", None, None, "None"),
    *(("band", lo, hi, band_label(lo, hi)) for lo, hi in _INCOME_BANDS),
    ("band", 5_000_001, None, "Over $5,000,000"),
    ("band", 1_000_001, None, "Spouse/DC Asset with Income over $1,000,000"),
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


@dataclass(frozen=True)
class Template:
    """A printed Schedule A grid: its column edges as fractions of the table's width, and
    the role of each column."""

    name: str
    edges: tuple[float, ...]
    roles: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.edges) != len(self.roles) + 1:
            raise ValueError(f"{self.name}: {len(self.edges)} edges for {len(self.roles)} columns")


_LEFT = ("owner", "asset", "eif", *["value"] * 13, *["income_type"] * 7, "other_type")
FORM_A = Template("form_a", (
    0.0, 0.021, 0.186,
    0.202, 0.222, 0.243, 0.269, 0.296, 0.316, 0.336, 0.356, 0.377, 0.397, 0.417, 0.437, 0.457,  # A-M
    0.478, 0.498, 0.518, 0.538, 0.559, 0.579, 0.599,  # income types
    0.627,  # other type
    0.684, 0.704, 0.725, 0.745, 0.764, 0.784, 0.805, 0.824, 0.845, 0.865, 0.885, 0.905,  # I-XII
    0.925, 1.0), (*_LEFT, *["income"] * 12, "transaction"))
FORM_B = Template("form_b", (
    0.0, 0.020, 0.178,
    0.197, 0.215, 0.234, 0.250, 0.270, 0.290, 0.307, 0.324, 0.341, 0.358, 0.375, 0.392, 0.409,
    0.426, 0.444, 0.462, 0.481, 0.499, 0.518, 0.536,
    0.560,
    0.603, 0.619, 0.636, 0.652, 0.669, 0.686, 0.703, 0.719, 0.736, 0.751, 0.768, 0.785,  # current year
    0.802, 0.818, 0.835, 0.851, 0.867, 0.885, 0.901, 0.917, 0.934, 0.950, 0.966, 0.983,  # preceding year
    1.0), (*_LEFT, *["income"] * 12, *["income_prev"] * 12))
TEMPLATES = (FORM_A, FORM_B)
# Schedule D (liabilities), the same on both forms (measured on 8220766, 8220737, 8220945):
# owner, creditor, date incurred, type, amount A-K
SCHEDULE_D = Template("schedule_d", (
    0.0, 0.044, 0.286, 0.363, 0.573,
    0.612, 0.652, 0.691, 0.730, 0.769, 0.807, 0.845, 0.884, 0.923, 0.959, 1.0),
    ("owner", "creditor", "date", "type", *["amount"] * 11))
# its amount columns A-K: (category, low, high, text)
LIABILITY_COLUMNS: tuple[tuple[str, int | None, int | None, str], ...] = (
    *(("band", lo, hi, band_label(lo, hi)) for lo, hi in (
        (10_001, 15_000), *BANDS[2:])),
    ("band", *SPOUSE_OVER_1M, "Over $1,000,000 (Spouse/DC liability)"),
)
_MARK_ROLES = ("value", "income_type", "income", "income_prev", "amount")
MIN_HITS = 0.7  # share of the checkbox columns' edges that must meet a ruling found on the page

# the form's printed labels and examples in the rows' cells, as Tesseract may misspell them
PRINTED_LABELS = ("ASSET NAME", "EXAMPLES", "MEGA CORP STOCK", "SIMON & SCHUSTER", "ABC HEDGE FUND", "SP, DC, JT",
                  "FIRST BANK OF WILMINGTON", "MORTGAGE ON RENTAL PROPERTY")
EXAMPLE_ROWS = 3  # printed example rows under the header of the first Schedule A page
INSTRUCTION_WORDS = 25  # words read in Block A of the header that make it the printed instructions


def printed_label(text: str | None) -> bool:
    """Whether a cell's text is one of the form's printed labels or examples (fuzzy: 70% alike,
    the whole text or any run of as many words)."""
    if not text:
        return False
    words = re.sub(r"[^A-Z0-9&, ]", "", text.upper()).split()
    for label in PRINTED_LABELS:
        n = len(label.split())
        for i in range(max(1, len(words) - n + 1)):
            if SequenceMatcher(None, " ".join(words[i:i + n]), label).ratio() >= 0.7:
                return True
    return False
_TITLE = re.compile(r"schedule\s*([a-j])\b", re.I)
_OWNER = {"SP": "spouse", "DC": "dependent_child", "JT": "joint"}
_OWNER_PARTIAL = {"S": "spouse", "P": "spouse", "D": "dependent_child", "C": "dependent_child", "J": "joint",
                  "T": "joint"}


class ScheduleError(ValueError):
    """A page whose grid is not a Schedule A warstock can read."""


@dataclass
class Field:
    value: Any
    confidence: float  # 0-100
    raw: str = ""


@dataclass
class Holding:
    page: int
    band: int  # row band on the page, 1-based
    owner: Field
    asset: Field
    value: Field  # value: (category, low, high, text) or None
    income_types: list[str]
    other_type: str | None
    income: Field  # value: (category, low, high, text) or None
    income_prev: Field | None  # Form B only
    transaction: str | None  # Form A Block E, as read
    subholding_of: str | None = None
    review: list[str] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        """The row's confidence: its weakest field that a holding needs (owner, asset, value)."""
        return min(self.owner.confidence, self.asset.confidence, self.value.confidence)


@dataclass
class Liability:
    page: int
    band: int
    owner: Field
    creditor: Field
    date_text: str | None
    liability_type: str | None
    amount: Field  # value: (category, low, high, text) or None
    review: list[str] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        return min(self.owner.confidence, self.creditor.confidence, self.amount.confidence)


@dataclass
class Layout:
    template: Template
    xs: list[int]  # fitted column edges on the page
    hits: float  # share of the template's checkbox edges that met a ruling

    def cols(self, role: str) -> list[int]:
        return [i for i, r in enumerate(self.template.roles) if r == role]

    def col(self, role: str) -> int:
        return self.cols(role)[0]


@dataclass
class PageResult:
    page: int
    rotation: int
    title: str  # the schedule letter read in the page's title ("" when not read)
    layout: Layout | None = None
    rows: list[Holding] = field(default_factory=list)
    liabilities: list[Liability] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- layout --------------------------------------------------------------------------------------


def fit(g: grid.Grid, templates: tuple[Template, ...] = TEMPLATES) -> Layout | None:
    """The template that best lines up with the rulings found, fitted to them; None when no
    template lines up with enough of them."""
    found = np.array(g.xs, dtype=float)
    best: Layout | None = None
    ends = [(i, j) for i in range(min(3, len(found))) for j in range(len(found) - 1, max(len(found) - 4, i), -1)]
    for t in templates:
        edges = np.array(t.edges)
        marks = [k for k in range(len(t.roles)) if t.roles[k] in _MARK_ROLES] + [
            k + 1 for k in range(len(t.roles)) if t.roles[k] in _MARK_ROLES]
        marks = sorted(set(marks))
        for i, j in ends:
            width = found[j] - found[i]
            if width < 0.5 * g.shape[1]:
                continue
            a, b = width, found[i]  # x = a * fraction + b
            for _ in range(2):
                pred = a * edges + b
                near = np.abs(found[None, :] - pred[:, None])
                k = near.argmin(axis=1)
                tol = max(6.0, 0.004 * a)
                ok = near[np.arange(len(edges)), k] <= tol
                if ok.sum() < 4:
                    break
                a, b = np.polyfit(edges[ok], found[k[ok]], 1)
            pred = a * edges + b
            near = np.abs(found[None, :] - pred[:, None])
            k = near.argmin(axis=1)
            ok = near[np.arange(len(edges)), k] <= max(6.0, 0.004 * a)
            hits = float(ok[marks].mean())
            xs = [int(found[k[e]]) if ok[e] else int(round(pred[e])) for e in range(len(edges))]
            if sorted(xs) != xs or len(set(xs)) != len(xs):
                continue
            if best is None or hits > best.hits:
                best = Layout(t, xs, hits)
    if best is None or best.hits < MIN_HITS:
        return None
    return best


# --- marks and text ------------------------------------------------------------------------------


def _marks(bw: np.ndarray, xs: list[int], cols: list[int], y0: int, y1: int) -> list[int]:
    return [grid.mark_ink(grid.cell(bw, xs[c], xs[c + 1], y0, y1, inset=0.12)) for c in cols]


def choose(values: list[int], labels: list[Any]) -> Field:
    """Exactly one marked column: its label, with a confidence from how clear the marks are;
    none or several: no value, confidence 0 (never a guess)."""
    on = [i for i, v in enumerate(values) if v >= MARK_ON]
    unsure = [i for i, v in enumerate(values) if MARK_OFF <= v < MARK_ON]
    if len(on) == 1:
        conf = 97.0 if values[on[0]] >= 2 * MARK_ON else 85.0
        if unsure:
            conf = min(conf, 50.0)
        return Field(labels[on[0]], conf, f"{values[on[0]]}px")
    if not on and len(unsure) == 1:
        return Field(labels[unsure[0]], 40.0, f"faint {values[unsure[0]]}px")
    if not on and not unsure:
        return Field(None, 0.0, "none marked")
    return Field(None, 0.0, f"{len(on)} marked" + (f" and {len(unsure)} faint" if unsure else ""))


def _text(engine: Engine, gray: np.ndarray, bw: np.ndarray, x0: int, x1: int, y0: int, y1: int, *,
          whitelist: str | None = None, psm: str = "line", strict: bool = False) -> Field:
    """A text cell: empty (sure of it) when it holds no writing (``strict``: by
    grid.has_writing, for a cell whose emptiness decides a value), else Tesseract's reading of
    the cell with its rulings painted out."""
    c_bw = grid.cell(bw, x0, x1, y0, y1, px=3)
    if not (grid.has_writing(c_bw) if strict else grid.text_ink(c_bw) >= 40):
        return Field(None, 100.0, "")
    crop = grid.clean_cell(grid.cell(gray, x0, x1, y0, y1, px=2))
    if crop.shape[0] < 80:  # Tesseract reads best with letters 20-30 px tall
        crop = cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    r = engine.read(crop, psm=psm, whitelist=whitelist)
    if not r.text:  # inked and read as nothing: once more as scanned, as a block
        r = engine.read(grid.cell(gray, x0, x1, y0, y1, px=4), psm="block", whitelist=whitelist)
    return Field(r.text or None, r.confidence if r.text else 0.0, r.text)


def _owner(engine: Engine, gray: np.ndarray, bw: np.ndarray, x0: int, x1: int, y0: int, y1: int) -> Field:
    f = _text(engine, gray, bw, x0, x1, y0, y1, whitelist="SPDCJT", psm="word", strict=True)
    if f.value is None and f.confidence == 100.0:
        return Field("self", 90.0, "")  # a blank owner cell (no letter-high stroke in it) is the filer
    code = re.sub(r"[^A-Z]", "", (f.value or "").upper())
    if code in _OWNER:
        return Field(_OWNER[code], max(f.confidence, 80.0), f.raw)
    if len(code) == 1 and code in _OWNER_PARTIAL:
        return Field(_OWNER_PARTIAL[code], min(f.confidence, 55.0), f.raw)  # likely, flagged
    return Field(None, 0.0, f.raw or "ink in the owner column, unread")


def _band(field_: Field) -> tuple[str | None, int | None, int | None, str | None]:
    if field_.value is None:
        return None, None, None, None
    category, low, high, text = field_.value
    return category, low, high, text


# --- pages ---------------------------------------------------------------------------------------


def title_of(engine: Engine, upright: np.ndarray) -> str:
    """The schedule letter printed at the top left of the page ("SCHEDULE A - ..."), or ""."""
    h, w = upright.shape
    top = upright[: int(h * 0.13), : int(w * 0.6)]
    m = _TITLE.search(engine.read(top, psm="sparse").text)
    return m.group(1).upper() if m else ""


def upright_page(engine: Engine, gray: np.ndarray, hint: int | None) -> tuple[np.ndarray, int, int]:
    """(the page turned upright and levelled, quarter turns applied, confident words read: a lower
    bound when the turn was settled on part of the page)."""
    from warstock.ocr.forms import orient  # the PTR reader's orientation vote (words read per turn)

    rotation, score, _ = orient(engine, gray, hint)
    upright = np.ascontiguousarray(np.rot90(gray, rotation))
    upright = grid.rotate(upright, grid.skew_angle(grid.binarize(upright)))
    return upright, rotation, score


def find_layout(bw: np.ndarray, templates: tuple[Template, ...] = TEMPLATES) -> tuple[grid.Grid, Layout] | None:
    """The page's table and its fitted layout (solid rulings first, then dotted)."""
    best: tuple[grid.Grid, Layout] | None = None
    for bridge in (False, True):
        g = grid.find_table(bw, bridge=bridge)
        if g is None:
            continue
        lay = fit(g, templates)
        if lay is not None and (best is None or lay.hits > best[1].hits):
            best = (g, lay)
        if best is not None and best[1].hits >= 0.95:
            break
    return best


def read_page(engine: Engine, gray: np.ndarray, *, page: int, hint: int | None = None) -> PageResult:
    """One page: turned upright, its title read; when its grid is a Schedule A, its rows."""
    if grid.ink(grid.binarize(gray)) < 0.002:
        return PageResult(page, 0, "", notes=["blank page"])
    found = None
    if hint is not None:
        # the previous page's turn, taken without the word vote when the page it gives has a
        # Schedule A grid and its title says so (a page turned wrong has neither)
        upright = np.ascontiguousarray(np.rot90(gray, hint))
        upright = grid.rotate(upright, grid.skew_angle(grid.binarize(upright)))
        bw = grid.binarize(upright)
        found = find_layout(bw)
        title = title_of(engine, upright) if found is not None and found[1].hits >= 0.9 else ""
        rotation = hint
        if title != "A":
            found = None
    if found is None:
        upright, rotation, _ = upright_page(engine, gray, hint)
        title = title_of(engine, upright)
        bw = grid.binarize(upright)
        found = find_layout(bw)
    result = PageResult(page, rotation, title)
    if title == "D":
        liabilities = find_layout(bw, (SCHEDULE_D,))
        if liabilities is None:
            result.notes.append("a Schedule D page whose grid could not be found or does not fit the form: its "
                                "liabilities are not read")
            return result
        g, layout = liabilities
        result.layout = layout
        result.liabilities = read_liabilities(engine, upright, bw, g, layout, page=page, notes=result.notes)
        return result
    if found is None:
        if title == "A":
            result.notes.append("a Schedule A page whose grid could not be found or does not fit the form: "
                                "its rows are not read")
        return result
    g, layout = found
    if title and title != "A":
        return result  # another schedule whose grid happens to fit (not seen; kept apart)
    result.layout = layout
    result.rows = read_rows(engine, upright, bw, g, layout, page=page, notes=result.notes)
    return result


def _heading_above(engine: Engine, gray: np.ndarray, bw: np.ndarray, layout: Layout, y0: int,
                   y1: int) -> Field | None:
    """A filer's heading written in Block A of the column header (continuation pages print
    only "Block A / Assets and/or Income Sources" there): the account the page's rows sit in.
    On the first Schedule A page the printed instructions fill it: a Field with value None."""
    xa, xb = layout.xs[layout.col("owner")], layout.xs[layout.col("eif") + 1]
    top = y0 + int((y1 - y0) * 0.22)  # below the printed block title
    region_bw = bw[top:y1 - 4, xa + 4:xb - 4]
    if region_bw.size == 0 or grid.text_ink(region_bw) < 400:
        return None
    r = engine.read(gray[top:y1 - 4, xa + 4:xb - 4], psm="block")
    if not r.text:
        return None
    if len(r.text.split()) >= INSTRUCTION_WORDS:
        return Field(None, r.confidence, "printed instructions")  # the first Schedule A page
    text = " ".join(r.text.split()).strip(" ()|")
    return Field(text, r.confidence, r.text)


def read_rows(engine: Engine, gray: np.ndarray, bw: np.ndarray, g: grid.Grid, layout: Layout, *, page: int,
              notes: list[str]) -> list[Holding]:
    xs = layout.xs
    rows = g.rows
    if not rows:
        return []
    heights = [b - a for a, b in rows]
    header = max(range(min(4, len(rows))), key=lambda r: heights[r])  # the tall printed column header
    body = [(b, y0, y1) for b, (y0, y1) in enumerate(rows) if b > header and y1 - y0 >= 18]
    body_h = float(np.median([y1 - y0 for _, y0, y1 in body])) if body else 0.0
    value_cols, type_cols = layout.cols("value"), layout.cols("income_type")
    income_cols, prev_cols = layout.cols("income"), layout.cols("income_prev")
    owner_c, asset_c = layout.col("owner"), layout.col("asset")
    subholding: str | None = None
    head = _heading_above(engine, gray, bw, layout, *rows[header])
    if head is not None and head.value is None:
        # the first Schedule A page: its printed examples (with marks) fill the first rows
        body = body[EXAMPLE_ROWS:]
        notes.append(f"first Schedule A page: the {EXAMPLE_ROWS} printed example rows skipped")
    elif head is not None:
        if head.confidence >= HEADER_HEADING_AT and _wordy(head.value):
            subholding = head.value
            notes.append(f"heading above the table read as the account of this page's rows: {head.value!r}")
        else:
            notes.append(f"a heading is written above the table and was not read with confidence "
                         f"({head.confidence:.0f}%: {head.value!r}); rows are not given an account")
    out: list[Holding] = []
    # first every band's marks, so a row of writing with no marks can be told by what follows it
    band_marks = []
    for _band_no, y0, y1 in body:
        m = (_marks(bw, xs, value_cols, y0, y1), _marks(bw, xs, type_cols, y0, y1),
             _marks(bw, xs, income_cols, y0, y1), _marks(bw, xs, prev_cols, y0, y1) if prev_cols else [])
        # a block with marks in several columns where one is expected is writing that runs
        # over the cells (an asset's second line), not marks
        real = [b for b, limit in zip(m, (3, 4, 3, 3), strict=True) if sum(v >= MARK_ON for v in b) < limit]
        band_marks.append((m, max((v for b in real for v in b), default=0) >= MARK_ON))
    previous_band = -2
    for pos, (_band_no, y0, y1) in enumerate(body):
        (vm, tm, im, pm), any_mark = band_marks[pos]
        asset = _text(engine, gray, bw, xs[asset_c], xs[asset_c + 1], y0, y1)
        printed = _text(engine, gray, bw, xs[owner_c], xs[layout.col("eif") + 1], y0, y1) if (
            not out and (asset.value or any_mark)) else Field(None, 100.0)
        if printed_label(printed.value) or printed_label(asset.value):
            continue  # the printed "ASSET NAME" band or the printed examples
        if not out and body_h and y1 - y0 < 0.8 * body_h and pos < 4:
            continue  # the examples are printed in shorter rows than the ones to fill in
        if not any_mark:
            if asset.value is None:
                continue  # an empty row
            written = re.sub(r"\s*:\s*", " ", asset.value).strip(" |_-—.,:;")
            next_marked = pos + 1 < len(body) and band_marks[pos + 1][1]
            if out and out[-1].page == page and previous_band == pos - 1 and not next_marked:
                # writing with no marks right under a row, and no row of marks after it: the
                # asset name of the row above goes on
                prev = out[-1]
                prev.asset = Field(f"{prev.asset.value or ''} {written}".strip(),
                                   min(prev.asset.confidence, asset.confidence), f"{prev.asset.raw} / {asset.raw}")
                notes.append(f"row band {pos + 1}: writing with no marks read as the name of the row above "
                             f"going on ({written!r})")
                previous_band = pos
            elif asset.confidence >= HEADING_AT and _wordy(written):
                # a line of writing over rows of marks: the account they are held in
                subholding = written
                notes.append(f"row band {pos + 1}: writing with no marks read as a heading (the account of the "
                             f"rows below): {written!r}")
            else:
                notes.append(f"row band {pos + 1}: writing with no marks, not read with confidence "
                             f"({asset.confidence:.0f}%: {written!r}); not a holding")
            continue
        owner = _owner(engine, gray, bw, xs[owner_c], xs[owner_c + 1], y0, y1)
        name = (asset.value or "").strip(" |_-—.,:;'\"") or None
        asset = Field(name, asset.confidence if name else 0.0, asset.raw)
        value = choose(vm, list(VALUE_COLUMNS))
        types_on = [INCOME_TYPES[i] for i, v in enumerate(tm) if v >= MARK_ON]
        other = None
        if "other_type" in layout.template.roles:
            oc = layout.col("other_type")
            o = _text(engine, gray, bw, xs[oc], xs[oc + 1], y0, y1)
            other = o.value
        income = choose(im, list(INCOME_COLUMNS))
        income_prev = choose(pm, list(INCOME_COLUMNS)) if prev_cols else None
        tx = None
        if "transaction" in layout.template.roles:
            tc = layout.col("transaction")
            tx = _text(engine, gray, bw, xs[tc], xs[tc + 1], y0, y1, whitelist="PSEpart(),/ ").value
        row = Holding(page, pos + 1, owner, asset, value, types_on, other, income, income_prev, tx, subholding)
        for label, f, below in (("owner", owner, REVIEW_BELOW), ("asset", asset, NAME_REVIEW_BELOW),
                                ("value", value, REVIEW_BELOW)):
            if f.confidence < below:
                row.review.append(f"{label} {f.confidence:.0f}% ({f.raw or 'unread'})")
        for label, maybe, marks in (("income", income, im), ("preceding-year income", income_prev, pm)):
            if maybe is not None and maybe.value is None and max(marks, default=0) >= MARK_OFF:
                row.review.append(f"{label}: {maybe.raw}")
        out.append(row)
        previous_band = pos
    return out


def read_liabilities(engine: Engine, gray: np.ndarray, bw: np.ndarray, g: grid.Grid, layout: Layout, *,
                     page: int, notes: list[str]) -> list[Liability]:
    """Schedule D rows: owner, creditor, date incurred and type as written, the amount from
    exactly one mark in columns A-K. The printed example row is skipped; writing with no mark
    right under a row continues its creditor."""
    xs = layout.xs
    rows = g.rows
    if not rows:
        return []
    heights = [b - a for a, b in rows]
    header = max(range(min(3, len(rows))), key=lambda r: heights[r])
    body = [(y0, y1) for b, (y0, y1) in enumerate(rows) if b > header and y1 - y0 >= 18]
    amount_cols = layout.cols("amount")
    col = {r: layout.col(r) for r in ("owner", "creditor", "date", "type")}

    def text(role: str, y0: int, y1: int) -> Field:
        c = col[role]
        return _text(engine, gray, bw, xs[c], xs[c + 1], y0, y1)

    out: list[Liability] = []
    previous = -2
    last_marks: list[int] = []
    for pos, (y0, y1) in enumerate(body):
        marks = _marks(bw, xs, amount_cols, y0, y1)
        marked = sum(v >= MARK_ON for v in marks)
        creditor, kind = text("creditor", y0, y1), text("type", y0, y1)
        if printed_label(creditor.value) or printed_label(kind.value) or printed_label(text("owner", y0, y1).value):
            continue  # the printed example row
        if marked == 0 or marked >= 3:  # no mark, or writing running over the amount columns
            if creditor.value is None and kind.value is None:
                continue
            if out and previous == pos - 1:
                last = out[-1]
                last.creditor = Field(f"{last.creditor.value or ''} {creditor.value or ''}".strip() or None,
                                      min(last.creditor.confidence, creditor.confidence), last.creditor.raw)
                if kind.value:
                    last.liability_type = f"{last.liability_type or ''} {kind.value}".strip()
                notes.append(f"Schedule D row band {pos + 1}: writing with no mark read as the row above going on")
                previous = pos
                continue
        if marked == 0 and creditor.confidence < NAME_REVIEW_BELOW:
            notes.append(f"Schedule D row band {pos + 1}: writing with no mark, not read with confidence "
                         f"({creditor.confidence:.0f}%: {creditor.value!r}); not a liability")
            continue
        on = [i for i, v in enumerate(marks) if v >= MARK_ON]
        if creditor.value is None and out and previous == pos - 1 and on and all(
                last_marks[i] >= MARK_ON for i in on):
            # a mark across the ruling under the row above, counted there already
            notes.append(f"Schedule D row band {pos + 1}: a mark with no writing, in the column marked in the "
                         "row above: the same mark across the ruling, not a second liability")
            continue
        owner = _owner(engine, gray, bw, xs[col["owner"]], xs[col["owner"] + 1], y0, y1)
        name = (creditor.value or "").strip(" |_-—.,:;'\"") or None
        creditor = Field(name, creditor.confidence if name else 0.0, creditor.raw)
        amount = choose(marks, list(LIABILITY_COLUMNS))
        last_marks = marks
        row = Liability(page, pos + 1, owner, creditor, text("date", y0, y1).value, kind.value, amount)
        for label, f, below in (("owner", owner, REVIEW_BELOW), ("creditor", creditor, NAME_REVIEW_BELOW),
                                ("amount", amount, REVIEW_BELOW)):
            if f.confidence < below:
                row.review.append(f"{label} {f.confidence:.0f}% ({f.raw or 'unread'})")
        out.append(row)
        previous = pos
    return out


def liability_record(li: Liability, row_number: int) -> dict[str, Any]:
    """A Schedule D row in the shape of raw_house__liabilities (with the OCR columns)."""
    import json

    cat, lo, hi, text = _band(li.amount)
    return {
        "row_number": row_number, "page": li.page, "owner": li.owner.value, "creditor": li.creditor.value,
        "date_incurred_text": li.date_text, "liability_type": li.liability_type, "amount_text": text,
        "amount_category": cat, "amount_min_usd": lo, "amount_max_usd": hi,
        "description": f"paper report read by OCR (page {li.page})", "location": None, "comments": None,
        "ocr_confidence": round(li.confidence, 1), "needs_review": bool(li.review),
        "review_reason": "; ".join(li.review) or None,
        "ocr_fields": json.dumps({"owner": round(li.owner.confidence), "creditor": round(li.creditor.confidence),
                                  "amount": round(li.amount.confidence)}),
    }


def record(h: Holding, row_number: int, form: str) -> dict[str, Any]:
    """A Schedule A row in the shape of raw_house__holdings (with the OCR columns)."""
    import json

    v_cat, v_lo, v_hi, v_text = _band(h.value)
    i_cat, i_lo, i_hi, i_text = _band(h.income)
    rec: dict[str, Any] = {
        "row_number": row_number, "page": h.page, "owner": h.owner.value, "asset_name": h.asset.value,
        "ticker": None, "asset_type_code": None, "subholding_of": h.subholding_of,
        "value_text": v_text, "value_category": v_cat, "value_min_usd": v_lo, "value_max_usd": v_hi,
        "income_type": ", ".join(h.income_types + ([h.other_type] if h.other_type else [])) or None,
        "income_text": i_text, "income_category": i_cat, "income_min_usd": i_lo, "income_max_usd": i_hi,
        "tx_over_1000": (h.transaction is not None) if form == "form_a" else None,
        "description": f"paper report read by OCR ({form.replace('_', ' ').title()}, page {h.page})",
        "location": None,
        "comments": f"Block E transaction as read: {h.transaction}" if h.transaction else None,
        "ocr_confidence": round(h.confidence, 1),
        "needs_review": bool(h.review),
        "review_reason": "; ".join(h.review) or None,
        "ocr_fields": json.dumps({"owner": round(h.owner.confidence), "asset": round(h.asset.confidence),
                                  "value": round(h.value.confidence), "income": round(h.income.confidence)}),
    }
    if h.income_prev is not None:
        p_cat, p_lo, p_hi, p_text = _band(h.income_prev)
        rec.update(income_preceding_year_text=p_text, income_preceding_year_category=p_cat,
                   income_preceding_year_min_usd=p_lo, income_preceding_year_max_usd=p_hi)
    return rec
