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

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import cv2
import numpy as np

from warstock.amounts import HOUSE_PTR_COLUMNS, SENATE_PTR_COLUMNS
from warstock.ocr import cells, dates, grid, headings
from warstock.ocr.engine import Engine, Read, Word
from warstock.records import OWNER_CODES

AMOUNT_ORDER = {"house": HOUSE_PTR_COLUMNS, "senate": SENATE_PTR_COLUMNS}  # the forms' amount columns, in order

TEXT_PAGE_WORDS = 60  # confident words on a page with no table that make it worth saying so
REVIEW_BELOW = 60.0  # a field under this confidence flags its row for review
MARK_ON = 25   # px of mark ink at 200 dpi (a typed X is 35-110, an empty box 0)
MARK_OFF = 10  # below this the box is surely empty; between the two: uncertain

_EXAMPLE = re.compile(r"example|m[ae]g[ae]\s*c[o0]rp|microsoft\s*\(stock\)|\(stock\)\s*(nyse|nasdaq)", re.I)
# the Senate form's example companies alone: real companies too (Nasdaq, Inc. and IBM are
# traded), so only on the Senate form, in the first rows under its headings
_EXAMPLE_SENATE = re.compile(r"[il1][bs8]m\s*corp|nasdaq", re.I)
_OWNER_PREFIX = re.compile(r"^\s*[\(\[]?\s*(SP|DC|JT|S|J)\s*[\)\]]?[\s:.,_|-]+(?=\S)", re.I)
# a code before the last words of a name whose writing sits at the bottom of its row, on a form
# whose owner column was not found: "LABORATORY CORPORATION OF AMER / SP CMN"
_OWNER_LAST_LINE = re.compile(r"\s[\(\[]?(SP|DC|JT)[\)\]]?[\s:.,_|-]+(?!AD[RS]\b)((?:\S+\s*){1,3})$")  # not "SP ADR"
# the House codes, and the single letters some paper filers write
_OWNER_CODES = {**{k: v for k, v in OWNER_CODES.items() if len(k) == 2}, "S": "spouse", "J": "joint"}
_OWNER_PARTIAL = {"D": "dependent_child", "C": "dependent_child", "P": "spouse", "T": "joint"}


class FormError(ValueError):
    """A page that is not a form warstock can read (no table, unknown columns)."""


@dataclass
class Field:
    value: Any
    confidence: float  # 0-100
    raw: str = ""
    readings: list[dates.Reading] | None = None  # a date cell: what each engine read
    resolved: dates.Resolved | None = None  # a date cell: how the readings were resolved
    split_from: str | None = None  # a date split from a cell that held both of the row's dates: what was read


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
    y0: int = 0  # the row's band on the upright page (pixels)
    y1: int = 0

    def fields(self) -> dict[str, Field]:
        out = {"owner": self.owner, "asset": self.asset, "transaction_type": self.transaction_type,
               "transaction_date": self.transaction_date, "amount": self.amount}
        if self.notification_date is not None:
            out["notification_date"] = self.notification_date
        if self.cap_gains is not None:
            out["cap_gains"] = self.cap_gains
        return out

    @property
    def confidence(self) -> float:
        """The row's confidence: its weakest field that a trade needs (owner, asset, type,
        transaction date, amount)."""
        fields = [self.owner, self.asset, self.transaction_type, self.transaction_date, self.amount]
        return min(f.confidence for f in fields)


@dataclass
class Layout:
    """Which column is which on a page (carried to the next page when its rulings do not fit)."""

    roles: dict[int, str]  # column index -> role
    amounts: list[int]  # column indexes of the eleven amount columns, in printed order
    header_band: int  # index of the header row band
    cuts: int = 0  # rulings put back where the scan lost them, and margin columns dropped
    # types whose column is in doubt ("*": every type), with the reason (the headings disagree)
    type_doubt: dict[str, str] = field(default_factory=dict)


@dataclass
class PageResult:
    page: int
    rotation: int  # quarter turns counter-clockwise applied to read the page
    rows: list[OcrRow]
    blank: bool = False
    notes: list[str] = field(default_factory=list)
    header_text: str = ""  # the text above the table (Senate: filer name, received stamp)
    table: grid.Grid | None = None  # the columns read on this page, for the next page
    layout: Layout | None = None
    unread: str | None = None  # why text on this page that may hold trades was not read
    missed: list[str] = field(default_factory=list)  # bands that may be trades, not read


# --- orientation ---------------------------------------------------------------------------------


ORIENT_ENOUGH = 12  # confident words that settle a turn
ORIENT_STRIPS = 3  # a turn is read a horizontal strip at a time, stopping once it has ENOUGH
ORIENT_SWITCH = 6  # confident words another turn needs (and twice the hinted turn's) to overrule the hint


def _confident(words: list[tuple[str, float]]) -> int:
    return sum(1 for w, c in words if c >= 80 and sum(ch.isalpha() for ch in w) >= 3)


def _orientation_score(engine: Engine, gray: np.ndarray) -> int:
    """Confident words of three letters or more read on the whole (turned) page, in one read
    (strips cut lines and words at their edges: the whole page's count decides what it is)."""
    return _confident(engine.words(np.ascontiguousarray(gray[::2, ::2]), psm="sparse"))  # 100 dpi


def _strip_scores(engine: Engine, gray: np.ndarray) -> Iterator[int]:
    """Confident words read in each horizontal strip of the (turned) page, top first."""
    small = gray[::2, ::2]  # 100 dpi is enough to tell words from noise
    h = small.shape[0]
    for k in range(ORIENT_STRIPS):
        strip = np.ascontiguousarray(small[h * k // ORIENT_STRIPS: h * (k + 1) // ORIENT_STRIPS])
        yield _confident(engine.words(strip, psm="sparse"))


def orient(engine: Engine, gray: np.ndarray, hint: int | None = None,
           fits: Callable[[int], bool] | None = None) -> tuple[int, int, bool]:
    """(quarter turns counter-clockwise that make the text upright, confident words read, whether
    that count covers the whole page).

    With the previous page's turn (``hint``): that turn is read a horizontal third at a time and
    taken as soon as its thirds hold ORIENT_ENOUGH confident words (most pages: its top third).
    Otherwise every turn is read whole, and another turn is taken only when it reads at least
    ORIENT_SWITCH words and twice the hinted turn's: a page too faint or too handwritten to
    read words on keeps its filing's turn rather than one picked by noise.
    With no hint: the top thirds of all four turns, one taken only with a clear lead (enough
    words, twice any other: an upside-down page or a stamp written sideways must not settle
    it); else every turn read whole and the best taken.
    ``fits``: whether the page's ruled form fits whole in a turn (``_fits_whole``, no OCR). With no
    hint before any word is read, and with one before any turn is read whole, the one turn of
    four in which the form fits whole is taken, if there is one: turned over, the form's
    columns come in reverse order, and on its side the rulings do not make them. Measured on
    every sixth page of the 121 scanned PDFs (141 pages): where one turn fits whole, it is the
    turn the words choose on every page where they are sure (12 confident words or more);
    turned over, a form fits only with rulings put back or as the older ten-column form, never
    whole."""
    if hint is None and fits is not None:
        # no page before: the form's fit first (no OCR); a page it settles needs no words
        fitting = [r for r in (0, 1, 3, 2) if fits(r)]
        if len(fitting) == 1:
            return fitting[0], 0, True
    if hint is not None:
        total, strips = 0, 0
        for n in _strip_scores(engine, np.rot90(gray, hint)):
            total, strips = total + n, strips + 1
            if total >= ORIENT_ENOUGH:
                return hint, total, strips == ORIENT_STRIPS
    else:
        first = {r: next(_strip_scores(engine, np.rot90(gray, r))) for r in (0, 1, 3, 2)}
        ranked = sorted(first, key=lambda r: -first[r])
        if first[ranked[0]] >= ORIENT_ENOUGH and first[ranked[0]] >= 2 * first[ranked[1]]:
            return ranked[0], first[ranked[0]], False
    if fits is not None:
        fitting = [r for r in (0, 1, 3, 2) if fits(r)]
        if len(fitting) == 1:
            return fitting[0], 0, True
    whole = {r: _orientation_score(engine, np.rot90(gray, r)) for r in (0, 1, 3, 2)}
    best = max(whole, key=lambda r: whole[r])
    if hint is not None and (whole[best] < ORIENT_SWITCH or whole[best] < 2 * whole[hint]):
        best = hint
    return best, whole[best], True


FORM_TURN_ROWS = 4  # ruled rows a form needs for its fit to settle the page's turn


def _upright(gray: np.ndarray, turn: int, chamber: str
             ) -> tuple[np.ndarray, np.ndarray, tuple[grid.Grid, grid.Grid, Layout | FormError] | None]:
    """The page turned, levelled (by its rulings), binarised, and its table as ``find_form``
    reads it."""
    upright = np.ascontiguousarray(np.rot90(gray, turn))
    upright = grid.rotate(upright, grid.skew_angle(grid.binarize(upright)))  # level the rulings
    bw = grid.binarize(upright)
    return upright, bw, find_form(bw, chamber)


def _fits_whole(table: tuple[grid.Grid, grid.Grid, Layout | FormError] | None, chamber: str) -> bool:
    """The form's columns found whole: every amount column of the chamber's current form, no
    ruling put back nor margin dropped, and at least FORM_TURN_ROWS rows."""
    if table is None or not isinstance(table[2], Layout):
        return False
    layout = table[2]
    return (len(layout.amounts) == len(AMOUNT_ORDER[chamber]) and layout.cuts == 0
            and len(table[1].rows) >= FORM_TURN_ROWS)


# --- layout --------------------------------------------------------------------------------------


def _merge_slivers(g: grid.Grid) -> grid.Grid:
    """Drop a ruling that makes a sliver of a column (a doubled line, a stray stroke)."""
    xs = list(g.xs)
    changed = True
    while changed and len(xs) > 3:
        changed = False
        widths = [b - a for a, b in zip(xs, xs[1:], strict=False)]
        typical = float(np.median(widths))
        for i, w in enumerate(widths):
            if w < max(22.0, 0.35 * typical):
                left = widths[i - 1] if i > 0 else None
                right = widths[i + 1] if i + 1 < len(widths) else None
                # join the sliver to its narrower neighbour (remove the ruling between them)
                if right is None or (left is not None and left <= right):
                    del xs[i]
                else:
                    del xs[i + 1]
                changed = True
                break
    return grid.Grid(xs, g.ys, g.shape)


def layout_of(g: grid.Grid, chamber: str = "house") -> tuple[grid.Grid, Layout]:
    """Columns by the forms' shape, read from the right: the amount columns (House A-K, or A-J
    on the older form; Senate 11), one or two date columns before them (no narrower than the
    checkbox columns), three to five narrow checkbox columns for the transaction types (named
    by their count), the asset column (wide), and left of it an owner column and, on some
    filers' versions, an account column. A ruling the scan lost between two amount columns is
    put back by splitting a column about k times the usual width into k; one lost between two
    type columns (dashed rulings) by halving the widest, tried only when no reading of the
    same columns fits without it. Up to two slivers of page margin right of the table are
    ignored. The first reading that fits is taken."""
    g = _merge_slivers(g)
    cols_all = g.columns
    if len(cols_all) < 10:
        raise FormError(f"table has {len(cols_all)} columns; a PTR form has at least 14")
    found = None
    for drop in (0, 1, 2):
        for split_type in (False, True):
            found = _fit(g, chamber, len(cols_all) - drop, split_type)
            if found:
                break
        if found:
            break
    if found is None:
        raise FormError(f"columns do not fit a PTR form (widths {[b - a for a, b in cols_all]})")
    n, dates, zone, tk, asset, span, amount_cols, amount_cuts = found
    xs = g.xs
    cols: list[tuple[int, int, str]] = []  # (left, right, role) of each column as the form has it
    asset_w = xs[asset + 1] - xs[asset - span]
    for j in range(asset - span):  # left of the asset: owner code (Senate: row number), or an account
        w = xs[j + 1] - xs[j]
        role = ("row_number" if chamber == "senate" else "owner") if (
            j == asset - span - 1 and w < 0.3 * asset_w) else "account"
        cols.append((xs[j], xs[j + 1], role))
    cols.append((xs[asset - span], xs[asset + 1], "asset"))
    type_roles = iter(headings.TYPE_TEMPLATES[sum(tk)])
    for j, k in zip(zone, tk, strict=True):
        cols += [(a, b, next(type_roles)) for a, b in _parts(xs, j, [i / k for i in range(1, k)])]
    cols.append((xs[dates[0]], xs[dates[0] + 1], "transaction_date"))
    if len(dates) == 2:
        cols.append((xs[dates[1]], xs[dates[1] + 1], "notification_date"))
    for j, fractions in zip(amount_cols, amount_cuts, strict=True):
        cols += [(a, b, "amount") for a, b in _parts(xs, j, fractions)]
    new = grid.Grid([cols[0][0]] + [right for _, right, _ in cols], g.ys, g.shape)
    roles = {i: role for i, (_, _, role) in enumerate(cols) if role != "amount"}
    amounts = [i for i, (_, _, role) in enumerate(cols) if role == "amount"]
    rows = new.rows
    header = max(range(min(3, len(rows))), key=lambda r: rows[r][1] - rows[r][0])
    cuts = len(cols) - (n - span) + drop
    return new, Layout(roles, amounts, header, cuts)


def _parts(xs: list[int], j: int, fractions: list[float]) -> list[tuple[int, int]]:
    """Column j cut at these fractions of its width (none: the column whole)."""
    edges = [xs[j]] + [round(xs[j] + (xs[j + 1] - xs[j]) * f) for f in fractions] + [xs[j + 1]]
    return list(zip(edges, edges[1:], strict=False))


def _even(widths: list[int], parts: list[int], aw: float) -> bool:
    """Each column cut into its parts gives parts about as wide as an amount column (aw)."""
    return all(0.6 * aw <= w / k <= 1.45 * aw for w, k in zip(widths, parts, strict=True))


def _fit(g: grid.Grid, chamber: str, n: int, split_type: bool) -> tuple | None:
    """The first reading of the leftmost ``n`` columns as a PTR form, or None."""
    counts = (11,) if chamber == "senate" else (11, 10)
    widths = [b - a for a, b in g.columns[:n]]
    for c in range(8, min(n - 5, 22)):
        tail = widths[n - c:]
        aw = float(np.median(tail))
        ks = [max(1, round(w / aw)) for w in tail]

        fits = sum(ks) in counts and _even(tail, ks, aw)
        wide_k = chamber == "house" and _even(tail[:-1], ks[:-1], aw)
        if wide_k and 1.45 * aw < tail[-1] <= 3.3 * aw and sum(ks[:-1]) + 1 in counts:
            # some House forms print column K ("spouse or dependent child asset over
            # $1,000,000") up to three times as wide as the others: read as one column first
            ks, fits = ks[:-1] + [1], True
        cuts = [[i / k for i in range(1, k)] for k in ks]
        if not fits and wide_k and 2.4 * aw <= tail[-1] <= 4.5 * aw and sum(ks[:-1]) + 2 == 11:
            # the ruling between J and a wide K lost: J as wide as I, the rest is K
            fits = True
            cuts = cuts[:-1] + [[tail[-2] / tail[-1]]]
        if not fits:
            continue
        for nd in (2, 1):
            dates = list(range(n - c - nd, n - c))
            for nt in (5, 4, 3):
                m = nt - 1 if split_type else nt
                zone = list(range(dates[0] - m, dates[0]))
                asset = zone[0] - 1
                if asset < 0:
                    continue
                zw = [widths[i] for i in zone]
                tk = [1] * m
                if split_type:
                    tk[int(np.argmax(zw))] = 2
                tw = [w / k for w, k in zip(zw, tk, strict=True)]
                dw = [widths[i] for i in dates]
                if not (min(dw) >= 1.05 * aw and min(dw) >= max(tw)
                        and all(0.45 * aw <= w <= 1.6 * aw for w in tw)):
                    continue
                # the asset column, perhaps cut in two by a stray vertical stroke of the scan
                span = 0
                while asset - span >= 0 and sum(widths[asset - span:asset + 1]) < 3 * aw and span < 2:
                    span += 1
                if asset - span >= 0 and sum(widths[asset - span:asset + 1]) >= 3 * aw:
                    return n, dates, zone, tk, asset, span, list(range(n - c, n)), cuts
    return None


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
    """The one date ``text`` reads as written (no misreading undone), or None."""
    cs = [c for c in dates.candidates(text, date(2012, 1, 1), not_after) if c.cost == 0]
    return cs[0].value if len(cs) == 1 else None


def _read_date(engine: Engine, gray: np.ndarray, bw: np.ndarray, g: grid.Grid, col: int, y0: int, y1: int,
               not_after: date | None, not_before: date | None, *, likeliest: bool = True) -> Field:
    """A date cell read by two engines, Tesseract and PP-OCR (``cells.py``), each on the cell
    with its rulings painted out and, when they do not agree on a date, on the cell as scanned
    too. The date is what both can mean under the grammar of ``dates.py``; a date one engine
    alone read, or on which they differ, is kept with a low confidence (the document's checks
    may bear it out, ``dates.check_rows``)."""
    c_bw = grid.cell(bw, g.xs[col], g.xs[col + 1], y0, y1, px=3)
    if grid.text_ink(c_bw) < 40:
        return Field(None, 100.0, "", resolved=dates.Resolved(None, 100.0, "empty", ""))  # empty, and sure of it
    scanned = grid.cell(gray, g.xs[col], g.xs[col + 1], y0, y1, px=2)
    cleared = grid.clean_cell(scanned)
    readings: list[dates.Reading] = []
    outputs: list[np.ndarray] = []  # PP-OCR's per-step probabilities, for its likeliest date
    for crop in (cleared, scanned):
        t = _tesseract(engine, crop, whitelist="0123456789/-.", psm="line")
        p, probs = engine.cells.read_date(cells.text_box(crop))
        if probs is not None:
            outputs.append(probs)
        readings += [dates.Reading(dates.TESSERACT, t.text, t.confidence),
                     dates.Reading(dates.PPOCR, p.text, p.confidence)]
        res = dates.resolve(readings, not_before, not_after)
        if res.state == "agreed":
            break
    else:  # the engines' texts do not agree: PP-OCR's likeliest date in the window, over both passes
        best = None
        if likeliest and not_before and not_after and outputs and \
                not dates.written_outside(readings, not_before, not_after):
            trie = cells.trie_for(not_before, not_after, [x.text for x in readings])
            labels = engine.cells.date_labels
            best = cells.likeliest(trie, outputs, labels)
        if best is not None and best.cost <= dates.LIKELIEST_COST:
            readings.append(dates.Reading(dates.LIKELIEST, best.value.strftime("%m/%d/%Y"), best.margin))
            res = dates.resolve(readings, not_before, not_after)
    return Field(res.value, res.confidence, res.note, readings=readings, resolved=res)


def _tesseract(engine: Engine, crop: np.ndarray, *, whitelist: str | None, psm: str, trim: bool = False) -> Read:
    """Tesseract's reading of a cell. ``trim``: without the specks at the ends of its lines
    (``_trim_specks``), its confidence that of the words kept."""
    def once(img: np.ndarray) -> tuple[Read, list[list[Word]] | None]:
        if trim:
            return engine.read_lines(img, psm=psm, whitelist=whitelist)
        return engine.read(img, psm=psm, whitelist=whitelist), None

    small = crop.shape[0] < 80  # Tesseract reads best with letters 20-30 px tall: enlarged
    r, lines = once(cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC) if small else crop)
    if not r.text and small:
        # an inked cell read as nothing when enlarged (Tesseract 5.5 drops some lines of small
        # print so): once more as scanned
        r, lines = once(crop)
    if not lines:
        return r
    kept = [w for line in _trim_specks(lines) for w in line]
    if not kept:
        return Read("", 0.0)
    return Read(" ".join(" ".join(w.text for w in kept).split()), float(np.mean([w.confidence for w in kept])))


SPECK_CONF = 50  # a word read under this confidence ...
SPECK_CHARS = 2  # ... with at most this many letters and digits ...
SPECK_GAP = 1.5  # ... this many text heights or more from the word before it, ends no name


def _trim_specks(lines: list[list[Word]]) -> list[list[Word]]:
    """Each line without what a scan leaves at its end: the stub of a ruling, a box's edge or a
    speck of dust, read as "|", ":", "7", "oe" or "a j" after the name ("GE VERNOVA LLC  a  j",
    "TAPESTRY INC  OO", "U.S. BANCORP CMN  7  |"). From the end of a line, a word goes when it
    holds no letter or digit, or when it was read with low confidence (under SPECK_CONF), holds
    at most SPECK_CHARS letters and digits and stands apart (a gap of SPECK_GAP text heights
    or more from the word before it): a class letter or a fund's share class ("CL A", "Cl Z")
    follows its word at a word's space, and is kept. A line's first word goes only when it holds
    no letter or digit (a ticker written alone, "BA", stays however faint). A line left with
    nothing goes."""
    out: list[list[Word]] = []
    for line in lines:
        words = [w for w in line if w.text]
        heights = sorted(w.y1 - w.y0 for w in words if sum(c.isalnum() for c in w.text) >= 2)
        h = heights[len(heights) // 2] if heights else 0
        while words:
            w = words[-1]
            alnum = sum(c.isalnum() for c in w.text)
            apart = len(words) > 1 and h and w.x0 - words[-2].x1 >= SPECK_GAP * h
            if alnum == 0 or (apart and w.confidence < SPECK_CONF and alnum <= SPECK_CHARS):
                words.pop()
                continue
            break
        if words:
            out.append(words)
    return out


def _owner_prefix(name: str) -> re.Match[str] | None:
    """An owner code that prefixes an asset name ("SP Apple Inc", "(S) ..."): SP, DC or JT, or a
    bracketed S or J; a bare S or J is a name's initial ("J.M. SMUCKER")."""
    m = _OWNER_PREFIX.match(name)
    if m and (m.group(1).upper() in ("SP", "DC", "JT") or name.lstrip().startswith(("(", "["))):
        return m
    return None


def _read_text(engine: Engine, gray: np.ndarray, bw: np.ndarray, g: grid.Grid, col: int, y0: int, y1: int,
               *, whitelist: str | None = None, psm: str = "block", clean: bool = True, strict: bool = False,
               trim: bool = False) -> Field:
    """Tesseract's reading of a text cell; empty (and sure of it) when it holds no writing
    (``strict``: by grid.has_writing, for a cell whose emptiness decides a value; ``trim``: a
    name, without the specks at the ends of its lines)."""
    c_bw = grid.cell(bw, g.xs[col], g.xs[col + 1], y0, y1, px=3)
    if not (grid.has_writing(c_bw) if strict else grid.text_ink(c_bw) >= 40):
        return Field(None, 100.0, "")  # empty cell: nothing to read, and sure of it
    crop = grid.cell(gray, g.xs[col], g.xs[col + 1], y0, y1, px=2 if clean else 4)
    if clean:
        crop = grid.clean_cell(crop)
    r = _tesseract(engine, crop, whitelist=whitelist, psm=psm, trim=trim)
    return Field(r.text or None, r.confidence if r.text else 0.0, r.text)


NAME_AGREE = 0.8  # two readings of a name this alike (difflib ratio, letters and digits) agree
NAME_SURE = 80.0  # PP-OCR's confidence a name it agrees on needs


def _name_key(text: str) -> str:
    return " ".join(re.sub(r"[^A-Z0-9]+", " ", text.upper()).split())


def _read_asset(engine: Engine, gray: np.ndarray, bw: np.ndarray, g: grid.Grid, col: int, y0: int, y1: int) -> Field:
    """An asset's name: Tesseract's reading (``_read_text``, without specks); one it read under
    REVIEW_BELOW (handwriting, a blurred scan) is read again by PP-OCR (``CellReader.read_name``,
    line by line), as ``_second_reading`` decides."""
    t = _read_text(engine, gray, bw, g, col, y0, y1, trim=True)
    if not t.value or t.confidence >= REVIEW_BELOW:
        return t
    return _second_reading(t, engine.cells.read_name(grid.clean_cell(grid.cell(gray, g.xs[col], g.xs[col + 1],
                                                                                 y0, y1, px=2))))


def _second_reading(t: Field, p: cells.CellRead) -> Field:
    """A name Tesseract read unsure (``t``) with PP-OCR's reading of the same cell (``p``).

    The text: PP-OCR's when it read it at NAME_SURE or more and surer than Tesseract, unless it
    runs together words Tesseract kept apart or loses the owner's prefix Tesseract read
    ("SPALPHABETINCCMN CASSA" for "SP ALPHABET INC. CMN CLASS A"); else Tesseract's. The name
    is sure (PP-OCR's confidence) only when the two readings agree (NAME_AGREE, difflib on
    letters, digits and spaces), PP-OCR read it at NAME_SURE or more, and the text kept is
    PP-OCR's or the same letters and digits as it; otherwise it stays flagged (Tesseract's
    confidence), with both readings. Two readers of one garbled hand can agree on the same
    wrong letters, but then PP-OCR is unsure: on the gold pages of the tune and check halves,
    every pair that agreed with PP-OCR at 80% or more matched the name a person read."""
    if not p.text or not t.value:
        return t
    a, b = _name_key(t.value), _name_key(p.text)
    agree = bool(a and b) and difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= NAME_AGREE
    joined = len(p.text.split()) < len(t.value.split()) - 1 or \
        (_owner_prefix(t.value) is not None and _owner_prefix(p.text) is None)
    take_p = p.confidence >= NAME_SURE and p.confidence > t.confidence and not joined
    value = p.text if take_p else t.value
    raw = f"tesseract {t.value!r} {t.confidence:.0f}%, ppocr {p.text!r} {p.confidence:.0f}%"
    if agree and p.confidence >= NAME_SURE and (take_p or a.replace(" ", "") == b.replace(" ", "")):
        return Field(value, p.confidence, raw)
    return Field(value, t.confidence, raw)


def _read_owner(engine: Engine, gray: np.ndarray, bw: np.ndarray, g: grid.Grid, col: int, y0: int,
                y1: int) -> Field:
    """The owner code cell (House): blank is the filer, sure; SP, DC or JT read whole by either
    engine (Tesseract, then PP-OCR restricted to those letters when Tesseract did not read a
    whole code with a high score); a lone 0 (some filers' "none") is the filer; one letter of a code is a likely
    owner, flagged; ink that neither engine reads as a code is unread and flagged, never taken
    for the filer."""
    # blank decides a value (the filer), so only a cell with no letter-high stroke is blank
    o = _read_text(engine, gray, bw, g, col, y0, y1, whitelist="SPDCJT/", psm="block", strict=True)
    if o.value is None and o.confidence == 100.0:
        return Field("self", 95.0, "blank owner cell")
    if o.value is None:  # ink, nothing read: once more as a line
        o = _read_text(engine, gray, bw, g, col, y0, y1, whitelist="SPDCJT", psm="line", strict=True)
    t_code = re.sub(r"[^A-Z]", "", (o.value or "").upper())
    if t_code in ("SP", "DC", "JT") and o.confidence >= 80:  # a whole code, read with a high score
        return Field(_OWNER_CODES[t_code], o.confidence, o.value or "")
    crop = grid.clean_cell(grid.cell(gray, g.xs[col], g.xs[col + 1], y0, y1, px=2))
    p = engine.cells.read(cells.text_box(crop), charset="SPDCJT0Oo")
    p_code = p.text.upper()
    if len(p.chars) == 1 and p_code in ("0", "O") and t_code in ("", "O", "D"):
        c, pc, alt, pa = p.chars[0]
        if pc + (pa if alt in "0Oo" else 0.0) >= 0.8:  # a round glyph alone, 0 or O: some filers' "none"
            return Field("self", 80.0, "0 in the owner column (none: the filer)")
    if t_code in _OWNER_CODES and t_code == p_code:
        return Field(_OWNER_CODES[t_code], 95.0, f"{o.value} (both engines)")
    for code, conf, raw in ((t_code, max(o.confidence, 80.0), o.value or ""), (p_code, p.confidence, p.text)):
        if code in _OWNER_CODES and len(code) == 2 and conf >= 60:  # one of three codes read whole
            return Field(_OWNER_CODES[code], max(conf, 80.0), raw)
    for code, raw in ((t_code, o.value or ""), (p_code, p.text)):
        if code in _OWNER_CODES:
            return Field(_OWNER_CODES[code], 55.0, raw)
    for code, raw in ((t_code, o.value or ""), (p_code, p.text)):
        if code in _OWNER_PARTIAL:  # one letter of the code read: a likely owner, flagged
            return Field(_OWNER_PARTIAL[code], 55.0, raw)
    return Field(None, 0.0, f"ink in the owner column, unread ({o.value or ''}/{p.text})")


def _lead_owner(engine: Engine, gray: np.ndarray, bw: np.ndarray, g: grid.Grid, by_role: dict[str, int],
                y0: int, y1: int) -> Field | None:
    """The owner cell of a line with no mark and no date, when it holds writing: the first line
    of a trade written over several lines (an account's heading leaves the owner column
    blank). Its code as read; writing no engine reads as a code is the owner unread, never
    the filer. None for a blank cell."""
    if "owner" not in by_role:
        return None
    code = _read_owner(engine, gray, bw, g, by_role["owner"], y0, y1)
    if code.raw == "blank owner cell":
        return None
    return code if code.value is not None else Field(None, 0.0, f"{code.raw}, on the entry's first line")


def _is_example(name: str, *, senate_top: bool = True) -> bool:
    """The form's printed example row ("Example: Mega Corp. Common Stock"), however OCR reads it.
    ``senate_top``: the row is one of the Senate form's first rows under its headings, where
    its example ("IBM Corp.", "Microsoft (stock) NASDAQ") stands; anywhere else a name with
    NASDAQ or IBM Corp in it is a trade (House 8220252: trades of Nasdaq, Inc. were taken for
    the example once their names were read right)."""
    if _EXAMPLE.search(name) or (senate_top and _EXAMPLE_SENATE.search(name)):
        return True
    letters = re.sub(r"[^a-z]", "", name.lower())
    return any(difflib.SequenceMatcher(None, letters[:len(w) + 3], w).ratio() >= 0.75
               for w in ("examplemegacorp", "megacorpcommonstock"))


def _is_trade(bw: np.ndarray, g: grid.Grid, layout: Layout, y0: int, y1: int) -> bool:
    """A band marked as a trade is: one type box and one amount box (column labels ink them all)."""
    types = [i for i, r in sorted(layout.roles.items()) if r in TYPE_COLUMNS and r != "cap_gains"]
    return [sum(1 for v in _marks(bw, g, y0, y1, idx) if v >= MARK_ON) for idx in (types, layout.amounts)] == [1, 1]


def _header_band(bw: np.ndarray, g: grid.Grid, layout: Layout) -> int:
    """The last band of the column headings: the amount columns all carry printed labels there
    (a shaded band is not labels). The headings end where the trades begin: a band marked as a
    trade is never a heading, nor is any band below it (on a filled-in form every amount cell
    holds a printed box, whose ink looks like labels: 8221233 lost its 8 trades so). With no
    labels found (a continuation sheet, or labels too faint), the tallest of the first three
    bands, unless a band up to it is a trade (a continuation sheet begins with one)."""
    last = -1
    for b, (y0, y1) in enumerate(g.rows[:5]):
        if _is_trade(bw, g, layout, y0, y1):
            return last
        cells = [grid.cell(bw, g.xs[i], g.xs[i + 1], y0, y1, px=3) for i in layout.amounts]
        if np.mean([grid.ink(c) for c in cells]) > 0.25:
            continue  # a shaded band (a filer's section heading across the table), not labels
        if sum(1 for c in cells if grid.text_ink(c) >= 40) >= 6:
            last = b
    if last >= 0:
        return last
    for b in range(min(layout.header_band, len(g.rows) - 1) + 1):
        if _is_trade(bw, g, layout, *g.rows[b]):
            return b - 1
    return layout.header_band


def _shaded(bw: np.ndarray, g: grid.Grid, layout: Layout) -> list[tuple[int, int]]:
    """Horizontal stripes shaded across the amount columns (at least 20 px tall, every pixel
    row a third inked and the stripe 40%: a ruling is 2-8 px), where some filers head an
    account's rows (a thick ruling beside a row of box edges is under 20 px)."""
    x0, x1 = g.xs[layout.amounts[0]], g.xs[layout.amounts[-1] + 1]
    share = (bw[:, x0:x1] > 0).mean(axis=1)
    # every row of the stripe inked (a ruling beside a row of box edges leaves a gap between)
    return [(a, b) for a, b in grid._runs(share > 0.33, gap=0) if b - a >= 20 and share[a:b].mean() > 0.4]


def _cut_at(bands: list[tuple[int, int, int]], stripes: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Row bands cut at the edges of shaded stripes (the scan may rule none of them)."""
    out: list[tuple[int, int, int]] = []
    for b, y0, y1 in bands:
        edges = sorted({y0, y1, *(y for s in stripes for y in s if y0 < y < y1)})
        out.extend((b, a, c) for a, c in zip(edges, edges[1:], strict=False))
    return out


FAINT_RULING = 0.6  # share of the table's width a missed ruling inks (text never fills as much)


def _split_by_dates(bw: np.ndarray, g: grid.Grid, col: int, bands: list[tuple[int, int, int]],
                    asset: int | None = None) -> list[tuple[int, int, int]]:
    """Rows the scan did not rule (or ruled too faintly to find): a band whose date column
    holds several lines of writing is cut between them, one row per date: half way between
    the two dates, unless that lies on a line of writing in the asset column (``asset``,
    ``_writing``), as on a schedule whose cells align their writing to the bottom, where a name
    on two lines, its date beside the last, was cut through ("SBA COMMUNICATIONS" /
    "CORPORATION CMN"): then at the ruling the grid missed between the dates (faint or broken,
    ``_faint_ruling``), or with none, in the middle of the nearest gap between lines of writing
    (``_gap_middle``). (A cut at a missed ruling that half way would not need is not made: a
    ruling just under a date's writing, cut along, leaves its stub on the date's cell.)"""
    out: list[tuple[int, int, int]] = []
    x0, x1 = g.xs[col] + 4, g.xs[col + 1] - 4
    for b, y0, y1 in bands:
        cell = bw[y0 + 3:y1 - 3, x0:x1]
        lines: list[tuple[int, int]] = []
        if cell.size:
            clean = cv2.subtract(cell, cv2.dilate(grid._open(cell, max(8, int(cell.shape[1] * 0.5)), 1,
                                                             paper_outside=True), np.ones((3, 3), np.uint8)))
            prof = (clean > 0).sum(axis=1)
            lines = [(a, c) for a, c in grid._runs(prof > 1, gap=3) if c - a >= 8]
        if len(lines) < 2:
            out.append((b, y0, y1))
            continue
        cuts = [y0]
        for (_, end), (start, _) in zip(lines, lines[1:], strict=False):
            lo, hi = y0 + 3 + end, y0 + 3 + start  # between the two dates' writing
            cut = (lo + hi) // 2
            written = _writing(bw, g, asset, lo, hi) if asset is not None else np.zeros(0, bool)
            if written.size and written[cut - lo]:
                # half way strikes a name's writing: the ruling the grid missed, or the gap
                # between lines of writing. (A ruling is taken even where it touches a line of
                # writing: refusing those sent 8219992's cuts back between a name's lines.)
                ruled = _faint_ruling(bw, g, lo, hi)
                cut = ruled if ruled is not None else lo + _gap_middle(written, cut - lo)
            cuts.append(cut)
        cuts.append(y1)
        out.extend((b, cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1))
    return out


def _faint_ruling(bw: np.ndarray, g: grid.Grid, lo: int, hi: int) -> int | None:
    """The height of a ruling across the table between ``lo`` and ``hi`` that the grid missed:
    where the most of the table's width holds ink within 2 px above or below (a thin ruling
    drifts a pixel or two across a page), gaps of up to 8 px bridged (a dashed or broken one),
    if that is FAINT_RULING of it or more (the middle of the heights that tie); else None."""
    a, z = max(0, lo - 2), min(bw.shape[0], hi + 2)
    strip = bw[a:z, g.xs[0]:g.xs[-1]]
    if strip.shape[0] < 5 or strip.shape[1] == 0:
        return None
    strip = cv2.dilate(strip, np.ones((1, 9), np.uint8)) > 0
    near = np.lib.stride_tricks.sliding_window_view(strip, 5, axis=0).any(axis=2)  # heights a+2 ..
    share = near.mean(axis=1)
    top = np.flatnonzero(share >= share.max())
    return a + 2 + int(top[len(top) // 2]) if share.max() >= FAINT_RULING else None


LINE_TALL = 8  # px: a run of inked heights at least this tall is a line of writing, not a ruling


def _writing(bw: np.ndarray, g: grid.Grid, col: int, lo: int, hi: int) -> np.ndarray:
    """For each height from ``lo`` to ``hi``, whether it lies on a line of writing in column
    ``col``: a run of heights with 3 px of ink or more, LINE_TALL or taller (a ruling, however
    thick or drifting, is a few px tall)."""
    ink = (bw[max(0, lo):max(0, hi), g.xs[col] + 4:g.xs[col + 1] - 4] > 0).sum(axis=1) >= 3
    out = np.zeros(ink.size, bool)
    for a, b in grid._runs(ink, gap=1):
        if b - a >= LINE_TALL:
            out[a:b] = True
    return out


def _gap_middle(written: np.ndarray, at: int) -> int:
    """The middle of the gap between lines of writing (``written``, from ``_writing``) nearest
    index ``at``; ``at`` itself when it is on no line, or when there is no gap. The middle, not
    the gap's edge: a cell's crop is drawn in a little from it."""
    if not written[at] or written.all():
        return at
    gaps = grid._runs(~written, gap=0)
    a, b = min(gaps, key=lambda r: min(abs(r[0] - at), abs(r[1] - 1 - at)))
    return (a + b) // 2


def read_rows(engine: Engine, gray: np.ndarray, bw: np.ndarray, g: grid.Grid, layout: Layout, *, page: int,
              chamber: str, header_band: int, not_after: date | None = None,
              not_before: date | None = None) -> list[OcrRow]:
    """The trades on a page's table (``bw``: the page binarised; ``header_band``: the last band
    of its headings, ``_header_band``)."""
    roles = layout.roles
    by_role = {r: i for i, r in roles.items()}
    type_cols = [(i, r) for i, r in sorted(roles.items()) if r in ("purchase", "sale", "partial", "exchange")]
    order = AMOUNT_ORDER[chamber][:len(layout.amounts)]  # the older House form stops at J
    out: list[OcrRow] = []
    subholding: str | None = None
    date_col = by_role["transaction_date"]
    bands = [(b, y0, y1) for b, (y0, y1) in enumerate(g.rows) if b > header_band]
    shaded = _shaded(bw, g, layout)
    headings_read: set[tuple[int, int]] = set()
    bands = _split_by_dates(bw, g, date_col, _cut_at(bands, shaded), by_role.get("asset"))
    heights = [y1 - y0 for _, y0, y1 in bands[1:]]
    body_h = float(np.median(heights)) if heights else 0.0
    # lines with no mark and no date from one whose owner cell holds writing on: the first lines
    # of a trade written over several ruled lines ("SP  ARIZONA STATE" / "TRANSPRTN BRD" / ... /
    # "REV 5%  X  3/29/23", the owner cell blank on the line with the marks), or an account's
    # heading with its owner ("DC  2010 MCCAUL CHILDREN TRUSTS", the trades below with their
    # own codes). Which, the next trade's line tells: kept until then.
    lead: list[tuple[Field, Field]] = []

    def headings(lines: list[tuple[Field, Field]]) -> None:
        nonlocal subholding
        for _, a in lines:
            if a.value and a.confidence >= 50:
                subholding = a.value.rstrip(": ")  # a heading row: the account the rows below sit in

    for pos, (b, y0, y1) in enumerate(bands):
        stripe = next(((s0, s1) for s0, s1 in shaded if s0 <= y0 + 2 and y1 - 2 <= s1), None)
        if stripe is not None:
            headings(lead)
            lead = []
            # a shaded band across the table: the filer's heading for the account below
            if stripe not in headings_read:
                headings_read.add(stripe)
                head = _read_text(engine, gray, bw, g, by_role["asset"], max(0, stripe[0] - 6), stripe[1] + 6,
                                  trim=True)
                if head.value and head.confidence >= 50:
                    subholding = head.value.strip(" :|")
            continue
        if y1 - y0 < 18:
            continue
        type_marks = _marks(bw, g, y0, y1, [i for i, _ in type_cols])
        amount_marks = _marks(bw, g, y0, y1, layout.amounts)
        asset = _read_asset(engine, gray, bw, g, by_role["asset"], y0, y1)
        senate_top = chamber == "senate" and b <= header_band + 2  # (a grid row: split bands share it)
        if asset.value and _is_example(asset.value, senate_top=senate_top):
            continue
        if pos == 0 and b == header_band + 1 and body_h and (y1 - y0) < 0.8 * body_h:
            continue  # the printed example row under the header is shorter than the rows to fill in
        any_mark = max(type_marks + amount_marks, default=0) >= MARK_ON
        tdate = _read_date(engine, gray, bw, g, by_role["transaction_date"], y0, y1, not_after, not_before)
        if not any_mark and not tdate.raw:
            code = _lead_owner(engine, gray, bw, g, by_role, y0, y1) if chamber == "house" else None
            if code is not None:  # an entry's first line, or a heading with its owner: a new lead
                headings(lead)
                lead = [(code, asset)]
            elif lead and asset.value:
                lead.append((Field(None, 0.0, ""), asset))
            else:  # a heading; or a blank line, which ends a lead (as headings)
                headings([*lead, (Field(None, 0.0, ""), asset)])
                lead = []
            continue
        # owner: its own column (House) or a prefix of the asset text ("SP", "(S)")
        if chamber == "senate":
            owner = Field("self", 90.0, "no (S)/(DC)/(J) prefix")  # a prefix in the asset sets it below
        elif "owner" in by_role:
            owner = _read_owner(engine, gray, bw, g, by_role["owner"], y0, y1)
        else:  # the House form has an owner column; not found on this scan, so not known
            owner = Field(None, 0.0, "no owner column found on this page")
        if lead and owner.raw == "blank owner cell" and tdate.raw:
            # the entry's owner code is on its first line; flagged: a heading with its owner over
            # trades whose own cells are blank would look the same
            first = lead[0][0]
            owner = first if first.value is None else Field(
                first.value, min(first.confidence, 55.0), f"{first.raw} on the line above, taken as this entry's")
            parts = [a for _, a in lead if a.value] + [asset]
            asset = Field(" ".join(a.value for a in parts if a.value) or None,
                          min(a.confidence for a in parts if a.value) if any(a.value for a in parts) else 0.0,
                          " / ".join(a.raw for a in parts if a.raw))
        elif lead:
            headings(lead)  # this line has its own owner: those were headings
        lead = []
        name = (asset.value or "").lstrip(" |\u2014-_.,;:'\"\u2018\u2019") or None  # a ruling read as | first
        m = _owner_prefix(name or "")
        if name and m:
            owner = Field(_OWNER_CODES[m.group(1).upper()], asset.confidence, m.group(0))
            name = name[m.end():].strip()
        elif name and chamber == "house" and "owner" not in by_role and (k := _OWNER_LAST_LINE.search(name)):
            # no owner column, and the code before the name's last words (its last line, beside
            # the row's other writing): a likely owner, flagged (a name can hold "DC" or "SP")
            owner = Field(_OWNER_CODES[k.group(1)], min(asset.confidence, 55.0),
                          f"{k.group(1)} before the name's last words, taken as its owner")
            name = f"{name[:k.start()]} {k.group(2)}".strip()
        name = (name or "").strip(" |\u2014-_.,;:'\"\u2018\u2019") or None  # rulings read as | or a dash
        asset = Field(name, asset.confidence if name else 0.0, asset.raw)
        if name and _is_example(name, senate_top=senate_top):
            continue
        ttype = _choose(type_marks, [{"partial": "partial_sale"}.get(r, r) for _, r in type_cols])
        partial_col = [k for k, (_, r) in enumerate(type_cols) if r == "partial"]
        if partial_col and type_marks[partial_col[0]] >= MARK_ON and ttype.value is None:
            # Khanna-style forms tick Sale and "Partial Transaction" together
            others = [k for k, v in enumerate(type_marks) if v >= MARK_ON and k != partial_col[0]]
            if len(others) == 1 and type_cols[others[0]][1] == "sale":
                ttype = Field("partial_sale", 90.0, "sale + partial")
            elif len(others) == 1:
                ttype = Field(type_cols[others[0]][1], 85.0, "partial marked with another type")
        doubt = layout.type_doubt.get(ttype.value or "") or layout.type_doubt.get("*")
        if doubt and ttype.value is not None:
            ttype = Field(ttype.value, min(ttype.confidence, 40.0), doubt)
        amount = _choose(amount_marks, list(order))
        has_name = len(re.sub(r"[^A-Za-z0-9]", "", name or "")) >= 3
        if not has_name and (ttype.value is None and amount.value is None or tdate.raw == ""):
            # no type, no amount and no asset; or no asset and no date: not a trade (a lone
            # owner code, the edges of a scan's doubled boxes read as marks)
            continue
        ndate: Field | None = None
        if "notification_date" in by_role:
            ndate = _read_date(engine, gray, bw, g, by_role["notification_date"], y0, y1, not_after, not_before)
        cap = None
        if "cap_gains" in by_role:
            v = _marks(bw, g, y0, y1, [by_role["cap_gains"]])[0]
            cap = Field(v >= MARK_ON, 95.0 if (v >= 2 * MARK_ON or v < MARK_OFF) else 50.0, f"{v}px")
        account = subholding
        if "account" in by_role:  # a filer's own column naming the account or trust
            acc = _read_text(engine, gray, bw, g, by_role["account"], y0, y1, trim=True)
            account = acc.value or subholding
        row = OcrRow(page, pos + 1, owner, asset, ttype, tdate, ndate, amount, cap, account, y0=y0, y1=y1)
        for label, f in (("owner", owner), ("asset", asset), ("type", ttype), ("amount", amount)):
            if f.confidence < REVIEW_BELOW:
                row.review.append(f"{label} {f.confidence:.0f}% ({f.raw or 'unread'})")
        out.append(row)
    return out


def read_page(engine: Engine, gray: np.ndarray, *, page: int, chamber: str, rotation_hint: int | None = None,
              not_after: date | None = None, not_before: date | None = None,
              previous: tuple[grid.Grid, Layout] | None = None) -> PageResult:
    """Read one page: turn it upright, level it, find its table, name its columns, read its
    rows. ``rotation_hint`` (the previous page's turn) is tried first. When this page's
    rulings do not fit a form on their own (a ruling lost in the scan), the previous page's
    columns (``previous``) are laid over this page's rulings, if enough of them line up."""
    bw0 = grid.binarize(gray)
    if grid.ink(bw0) < 0.002:
        return PageResult(page, 0, [], blank=True, notes=["blank page"])
    reads: dict[int, tuple[np.ndarray, np.ndarray, Any]] = {}

    def turned(t: int) -> tuple[np.ndarray, np.ndarray, Any]:
        if t not in reads:
            reads[t] = _upright(gray, t, chamber)
        return reads[t]

    def fits(t: int) -> bool:
        return _fits_whole(turned(t)[2], chamber)

    if rotation_hint is not None and (fits(rotation_hint) or _same_form(previous, turned(rotation_hint)[2])):
        # the previous page's turn, and this page's form fits whole in it or is the previous
        # page's form column for column: no words need reading
        rotation, score, whole = rotation_hint, 0, True
    else:
        rotation, score, whole = orient(engine, gray, rotation_hint, fits=fits)
    upright, bw, table = turned(rotation)
    if (table is None or not isinstance(table[2], Layout)) and not whole:
        # the turn was settled on part of the page: what the page is needs the whole count
        score, whole = _orientation_score(engine, np.rot90(gray, rotation)), True
    if table is None:
        if score < 5:
            raise FormError(f"no ruled table and no readable text (orientation score {score})")
        if chamber == "house" and score >= TEXT_PAGE_WORDS:
            # a printed e-filing, a letter listing trades, or a statement (the Senate's first
            # page is its cover): read as lines of text
            return _text_page(engine, upright, page, rotation, score, not_before, not_after)
        return PageResult(page, rotation, [], notes=["no ruled table on this page (a cover or attachment)"])
    notes: list[str] = []
    found, g, fitted = table
    if isinstance(fitted, Layout):
        layout = fitted
        if layout.cuts and previous is not None and previous[1].cuts == 0:
            # this page's columns fit only with lost rulings put back or columns dropped; the
            # previous page's form, read whole, laid over this page's rulings is surer
            carried = _carry_over(found, previous, min_hits=0.7)
            if carried is not None:
                g, layout = carried
                notes.append("columns taken from the previous page (rulings lost on this scan)")
    else:
        carried = _carry_over(found, previous)
        if carried is None and chamber == "house" and score >= TEXT_PAGE_WORDS:
            return _text_page(engine, upright, page, rotation, score, not_before, not_after)  # a letter's table
        if carried is None:
            raise fitted
        g, layout = carried
        notes.append(f"columns taken from the previous page ({fitted})")
    if notes and notes[0].startswith("columns taken from the previous page"):
        pass  # the previous page's columns, checked there
    elif previous is not None and _same_columns(previous, g, layout):
        layout = replace(layout, type_doubt=previous[1].type_doubt)  # the same form as the page before
    else:
        g, layout, note = _check_types(engine, upright, bw, g, layout)
        if note:
            notes.append(note)
    header_text = ""
    if chamber == "senate" and g.ys[0] > 40:
        header_text = engine.read(upright[:g.ys[0]], psm="sparse").text
    hb = _header_band(bw, g, layout)
    rows = read_rows(engine, upright, bw, g, layout, page=page, chamber=chamber, header_band=hb,
                     not_after=not_after, not_before=not_before)
    from warstock.ocr.checks import check_rows  # (checks reads this module's rows)

    check_rows(rows, lo=not_before, hi=not_after, filed=None)  # again on the whole filing by document.py
    return PageResult(page, rotation, rows, notes=notes, header_text=header_text, table=g,
                      layout=layout, missed=_dated_headings(engine, upright, bw, g, layout, hb, not_after,
                                                            not_before))


def _dated_headings(engine: Engine, gray: np.ndarray, bw: np.ndarray, g: grid.Grid, layout: Layout,
                    header_band: int, not_after: date | None, not_before: date | None) -> list[str]:
    """Bands taken for the column headings whose transaction-date cell holds a date: a trade whose
    marks could not be read (every box of a filled-in form inked alike), not read. Headings
    print "Date of Transaction" there, which no date reading makes a date of; the printed example
    row ("Example: Mega Corp.", 02/05/20) is no trade either. One date cell read per heading band
    (one or two a page)."""
    col = next((i for i, r in layout.roles.items() if r == "transaction_date"), None)
    asset = next((i for i, r in layout.roles.items() if r == "asset"), None)
    if col is None or asset is None:
        return []
    out = []
    for b in range(min(header_band, len(g.rows) - 1) + 1):
        y0, y1 = g.rows[b]
        d = _read_date(engine, gray, bw, g, col, y0, y1, not_after, not_before, likeliest=False)
        if d.value is None:  # nothing read as a date as written (a guess such as the example's 02/05/20 is not one)
            continue
        name = _read_text(engine, gray, bw, g, asset, y0, y1).value
        if not (name and _is_example(name)):
            out.append(f"band {b + 1}, taken for the column headings, holds a date ({d.raw or d.value}): a trade "
                       "whose marks could not be read may be missing there")
    return out


TYPE_COLUMNS = ("purchase", "sale", "partial", "exchange", "cap_gains")


def _check_types(engine: Engine, gray: np.ndarray, bw: np.ndarray, g: grid.Grid,
                 layout: Layout) -> tuple[grid.Grid, Layout, str | None]:
    """The type columns' roles checked against their printed headings (headings.judge): kept,
    named again, or, when the scan lost the ruling left of "Purchase", that column split off the
    asset column where its ruling shows faintly. Anything else that disagrees puts every type on
    the page in doubt (Layout.type_doubt)."""
    idx = [i for i, r in sorted(layout.roles.items()) if r in TYPE_COLUMNS]
    if len(idx) < 2:
        return g, layout, None
    hb = _header_band(bw, g, layout)
    if hb < 0 or hb >= len(g.rows):
        return g, layout, None
    y0, y1 = g.rows[hb]
    labels = headings.read_labels(engine, gray, [(g.xs[i], g.xs[i + 1]) for i in idx], y0, y1)
    verdict = headings.judge([layout.roles[i] for i in idx], labels)
    if verdict.kind in ("agree", "unread"):
        return g, layout, None
    roles = dict(layout.roles)
    if verdict.kind == "renamed":
        roles.update(zip(idx, verdict.roles, strict=True))
        return g, replace(layout, roles=roles), verdict.reason
    if verdict.kind == "lost_left":
        asset = next(i for i, r in layout.roles.items() if r == "asset")
        widths = [g.xs[i + 1] - g.xs[i] for i in idx]
        x, seen = _lost_ruling(bw, g, asset, float(np.median(widths)), y1)
        head = headings.read_labels(engine, gray, [(x, g.xs[asset + 1])], y0, y1)[0]
        if head in (None, "purchase"):
            xs = g.xs[:asset + 1] + [x] + g.xs[asset + 1:]
            shifted = {(i + 1 if i > asset else i): r for i, r in layout.roles.items()}
            shifted.update(zip([asset + 1] + [i + 1 for i in idx], verdict.roles, strict=True))
            doubt = {} if seen else {"purchase": f"{verdict.reason}; the Purchase column's left edge is "
                                                 "estimated (no trace of its ruling)"}
            new = replace(layout, roles=shifted, amounts=[i + 1 for i in layout.amounts], cuts=layout.cuts + 1,
                          type_doubt=doubt)
            return grid.Grid(xs, g.ys, g.shape), new, verdict.reason
        verdict = headings.Verdict("doubt", verdict.roles, f"{verdict.reason}; but the column split off reads {head}")
    return g, replace(layout, type_doubt={"*": verdict.reason}), verdict.reason


def _same_form(previous: tuple[grid.Grid, Layout] | None,
               table: tuple[grid.Grid, grid.Grid, Layout | FormError] | None) -> bool:
    """This page's rulings, in the turn tried, make the previous page's form column for column
    (``_same_columns``), with none put back, and at least FORM_TURN_ROWS rows: the form of a
    filing the chamber's current form does not fit whole (the older ten-column House form),
    upright as it was on the page before. Turned over, the columns would come in reverse order,
    their widths unlike the previous page's."""
    if previous is None or table is None:
        return False
    g, layout = table[1], table[2]
    return (isinstance(layout, Layout) and layout.cuts == 0 and len(g.rows) >= FORM_TURN_ROWS
            and _same_columns(previous, g, layout))


def _same_columns(previous: tuple[grid.Grid, Layout], g: grid.Grid, layout: Layout) -> bool:
    """This page's columns are the previous page's (same roles, widths within 6 px), so the
    check of its type headings there holds here."""
    pg, pl = previous
    if pl.roles != layout.roles or len(pg.xs) != len(g.xs):
        return False
    return all(abs((b - a) - (d - c)) <= 6 for (a, b), (c, d) in zip(pg.columns, g.columns, strict=True))


def _lost_ruling(bw: np.ndarray, g: grid.Grid, asset: int, width: float, below: int) -> tuple[int, bool]:
    """Where, in the right end of the asset column, the lost ruling was: the most inked pixel
    column between half and one and a half type-column widths from its right edge, if inked
    over at least half the rows' height (a faint ruling the table finder missed); else one
    type-column width from the edge (False: estimated)."""
    right = g.xs[asset + 1]
    guess = int(round(right - width))
    lo, hi = int(right - 1.5 * width), int(right - 0.5 * width)
    body = bw[below:g.ys[-1], max(lo, g.xs[asset] + 1):hi] > 0
    if body.size == 0:
        return guess, False
    share = body.mean(axis=0)
    k = int(np.argmax(share))
    return (max(lo, g.xs[asset] + 1) + k, True) if share[k] >= 0.5 else (guess, False)


def _text_page(engine: Engine, upright: np.ndarray, page: int, rotation: int, score: int,
               not_before: date | None, not_after: date | None) -> PageResult:
    from warstock.ocr.checks import check_rows
    from warstock.ocr.textlines import read_text_rows

    rows = read_text_rows(engine, upright, page=page)
    if not rows:
        return PageResult(page, rotation, [], unread=f"page {page}: {score} words of text and no ruled table, and "
                                                     "no line of it reads as a trade (an attachment?): trades on "
                                                     "it, if any, are not read")
    check_rows(rows, lo=not_before, hi=not_after, filed=None)
    return PageResult(page, rotation, rows, notes=[f"no ruled form: {len(rows)} trade(s) read from lines of printed "
                                                   "text (a printed e-filing or a letter)"])


def find_form(bw: np.ndarray, chamber: str) -> tuple[grid.Grid, grid.Grid, Layout | FormError] | None:
    """The page's table as found, and with its columns named (or the reason they do not fit
    a form).
    The rulings are read solid first; when that reading does not fit the form whole (no fit,
    a lost ruling put back, the older ten-column reading, or no row lines), dotted and dashed
    rulings are bridged too, and the reading that fits better is kept."""
    best: tuple[tuple[int, ...], grid.Grid, grid.Grid, Layout | FormError] | None = None
    for bridge in (False, True):
        found = grid.find_table(bw, bridge=bridge)
        if found is None:
            continue
        g = found
        try:
            g, layout = layout_of(found, chamber)
        except FormError as exc:
            key: tuple[int, ...] = (0, 0, 0, len(found.columns))
            fitted: Layout | FormError = exc
        else:
            key = (1, len(layout.amounts), -layout.cuts, len(g.rows))
            fitted = layout
        if best is None or key > best[0]:
            best = (key, found, g, fitted)
        if key[0] and key[1] == 11 and key[2] == 0 and key[3] >= 4:
            break  # fits the form whole: no need to bridge
    return None if best is None else best[1:]


def _carry_over(g: grid.Grid, previous: tuple[grid.Grid, Layout] | None,
                min_hits: float = 0.6) -> tuple[grid.Grid, Layout] | None:
    """The previous page's columns shifted onto this page: used when at least ``min_hits`` of
    them meet a ruling found here (within 12 px after the best common shift)."""
    if previous is None:
        return None
    pg, layout = previous
    here = np.array(g.xs)
    shifts = [int(here[np.abs(here - x).argmin()] - x) for x in pg.xs]
    shift = int(np.median(shifts))
    snapped, hits = [], 0
    for x in pg.xs:
        near = int(here[np.abs(here - (x + shift)).argmin()])
        if abs(near - (x + shift)) <= 12:
            snapped.append(near)
            hits += 1
        else:
            snapped.append(x + shift)
    if hits < min_hits * len(pg.xs) or sorted(snapped) != snapped:
        return None
    return grid.Grid(snapped, g.ys, g.shape), layout
