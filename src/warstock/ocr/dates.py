"""Dates on the paper forms: a grammar that turns what an OCR engine read in a date cell into
the dates it can mean, and the checks every date read from a form must pass.

The grammar. A date cell holds month, day and year (``5/31/24``, ``05/31/2024``,
``05-31-2024``, ``053124``). Engines misread it in a few known ways, each of which the grammar
undoes at a cost (one per change):

- a slash read as a 1 (handwritten ``8/7/23`` read ``817123``), or not read at all;
- a ruling at the cell's edge read as a 1 after the year (``10/31/231``);
- a digit taken for a like one (3 and 8, 5 and 6, 0 and 8, 1 and 7, ...), tried only when
  the date as read is impossible or outside the window (``2028`` for ``2023``).

Only real calendar dates inside the window (from six years before the filing to the day after
it) are candidates. Two engines that read the same cell are taken to agree when some date is
a candidate of both; the cheapest such date wins.

The checks (``check_rows``): on one filing, transaction <= notification <= filing date; a
trade's copies (the same asset, type and amount on several rows, as spouse and joint
accounts report one trade) carry the same dates; and a date read by one engine only is
looked at beside its neighbouring rows. A date that fails a check is flagged with the reason.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

_CHARS = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1", "|": "1", "i": "1", "!": "1",
                        "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "\\": "/", "-": "/", ".": "/", ",": "/",
                        " ": "/"})

AGREED = 95.0  # two engines read the same date (or one read it and checks bear it out)
RESOLVED = 90.0  # two engines agree once the grammar undoes a known misreading
SINGLE = 50.0  # one engine's reading, no check bearing it out: flagged
DISAGREE = 25.0  # the engines read different dates: flagged


@dataclass(frozen=True, order=True)
class Candidate:
    cost: int  # changes the grammar made to what was read (0: as read)
    value: date = field(compare=False)
    how: str = field(default="", compare=False)
    changed: bool = field(default=False, compare=False)  # a digit changed (not only separators restored)


# digits OCR engines take for one another (printed and handwritten)
CONFUSED = {"0": "869", "1": "74", "2": "7", "3": "859", "4": "91", "5": "638", "6": "580", "7": "12",
            "8": "03659", "9": "4803"}


def normalise(text: str) -> str:
    t = text.strip().translate(_CHARS)
    t = re.sub(r"[^0-9/]", "", t)
    return re.sub(r"/+", "/", t).strip("/")


def _years(y: str) -> int | None:
    if not y.isdigit():
        return None
    if len(y) == 2:
        return 2000 + int(y)
    if len(y) == 4 and y.startswith("20"):
        return int(y)
    return None


def _splits(s: str, part: int, cost: int, out: list[tuple[int, int, int, int, int]], m: int = 0, d: int = 0,
            gaps: tuple[int, ...] = (), widths: tuple[int, ...] = ()) -> None:
    """Every reading of ``s`` as month, day, year with their separators: (m, d, y, cost,
    separators not read where a character may as well have been dropped). A separator not
    read between two parts written full width (``05/092023``: day 09, year 2023) is only a
    lost separator; beside a one-digit part (``076/24``) a digit may have been lost too."""
    if part == 2:
        y = _years(s)
        cut = 0
        if y is None and len(s) in (3, 5) and s[-1] == "1":
            # a ruling or the cell's edge read as a 1 after the year (``10/31/231``): a guess (the
            # year may as well have lost a digit), taken only when another reading bears it out
            y, cut, s = _years(s[:-1]), 1, s[:-1]
        if y is not None:
            full = (*widths, len(s))
            doubtful = sum(1 for g in gaps if full[g] != 2 or full[g + 1] not in ((2, 4) if g == 1 else (2,)))
            out.append((m, d, y, cost + cut, doubtful + cut))
        return
    for n in (1, 2):
        head, rest = s[:n], s[n:]
        if len(head) < n or "/" in head or not rest:
            continue
        v = int(head)
        nxt = (v, d) if part == 0 else (m, v)
        w = (*widths, n)
        if rest[0] == "/":  # a separator as written
            _splits(rest[1:], part + 1, cost, out, *nxt, gaps, w)
        else:
            if rest[0] == "1" and len(rest) > 1:  # a slash read as a 1
                _splits(rest[1:], part + 1, cost + 1, out, *nxt, gaps, w)
            _splits(rest, part + 1, cost + 1, out, *nxt, (*gaps, part), w)  # no separator read


def one_digit_away(digits: str, positions: Iterable[int] = range(8)) -> Iterator[tuple[str, date]]:
    """The real dates (as ``mmddyyyy`` and as a date) one easily confused digit (``CONFUSED``)
    away from ``digits`` (``mmddyyyy``), changing only the digits at ``positions``."""
    for k in positions:
        for alt in CONFUSED.get(digits[k], ""):
            t = digits[:k] + alt + digits[k + 1:]
            with contextlib.suppress(ValueError):
                yield t, date(int(t[4:]), int(t[:2]), int(t[2:4]))


def candidates(text: str, lo: date | None = None, hi: date | None = None) -> list[Candidate]:
    """The dates ``text`` can mean, cheapest first (several at one cost: ambiguous)."""
    s = normalise(text)
    if len(s) < 4:
        return []
    found: list[tuple[int, int, int, int, int]] = []
    _splits(s, 0, 0, found)
    if s.isdigit() and len(s) in (6, 8) and _years(s[4:]):  # mmddyy / mmddyyyy typed without separators
        found.append((int(s[:2]), int(s[2:4]), _years(s[4:]) or 0, 0, 0))
    best: dict[date, Candidate] = {}

    def add(v: date, cost: int, how: str, changed: bool = False) -> None:
        if (lo and v < lo) or (hi and v > hi):
            return
        if v not in best or cost < best[v].cost:
            best[v] = Candidate(cost, v, how, changed)

    for m, d, y, cost, missing in found:
        try:
            v = date(y, m, d)
        except ValueError:
            v = None
        if v is not None:
            add(v, cost, "as read" if cost == 0 else "separators restored", missing > 0)
        if lo and hi and (v is None or not lo <= v <= hi):
            # impossible as read, or outside the window: the dates one confusable digit away
            digits = f"{m:02d}{d:02d}{y:04d}"
            for t, alt_date in one_digit_away(digits):
                add(alt_date, cost + 1, f"{digits[:2]}/{digits[2:4]}/{digits[4:]} read for {t[:2]}/{t[2:4]}/{t[4:]}",
                    True)
    # at one cost, the date nearest before the filing first (a PTR reports recent trades)
    return sorted(best.values(), key=lambda c: (c.cost, c.changed, (hi - c.value).days if hi else 0))


def two_dates(text: str, lo: date | None = None, hi: date | None = None) -> tuple[str, str] | None:
    """The two dates of a cell that holds both of a row's dates (a ruling between the date
    columns lost in the scan: ``09/13/2410/02/24``), as the texts of each, when both are real
    dates as written, inside the window, in order (the first not after the second); else None."""
    s = normalise(text)
    for first in (r"\d{1,2}/\d{1,2}/\d{4}", r"\d{1,2}/\d{1,2}/\d{2}"):
        m = re.fullmatch(rf"({first})/?(\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}}))", s)
        if not m:
            continue
        a = [c for c in candidates(m.group(1), lo, hi) if c.cost == 0]
        b = [c for c in candidates(m.group(2), lo, hi) if c.cost == 0]
        if a and b and a[0].value <= b[0].value:
            return m.group(1), m.group(2)
    return None


def agree(a: list[Candidate], b: list[Candidate]) -> Candidate | None:
    """The cheapest date both lists hold (cost: the sum of both; changed: a digit changed in
    both readings, so that neither engine read that date as written), or None."""
    bv = {c.value: c for c in b}
    common = [Candidate(c.cost + bv[c.value].cost, c.value, c.how if c.cost >= bv[c.value].cost else bv[c.value].how,
                        c.changed and bv[c.value].changed)
              for c in a if c.value in bv]
    return min(common, key=lambda c: (c.cost, c.changed)) if common else None


def unambiguous(cs: list[Candidate]) -> Candidate | None:
    """The single cheapest candidate, or None when two tie."""
    if not cs or (len(cs) > 1 and (cs[1].cost, cs[1].changed) == (cs[0].cost, cs[0].changed)):
        return None
    return cs[0]


def window(filed: date | None, lookback_days: int = 6 * 365) -> tuple[date | None, date | None]:
    if filed is None:
        return None, None
    return filed - timedelta(days=lookback_days), filed + timedelta(days=1)


# --- readings of one cell, resolved ---------------------------------------------------------------

TESSERACT, PPOCR = "tesseract", "ppocr"
LIKELIEST = "ppocr-likeliest"  # PP-OCR's likeliest date in the window (``cells.likeliest``): text mm/dd/yyyy,
# confidence its log-odds over the next date (not a percentage)
LIKELIEST_MARGIN = 1.0  # log-odds under which PP-OCR's likeliest date is not taken
LIKELIEST_COST = 6.0  # log-odds per pass of the network's free reading over the date above which it is not asked
SURE_SINGLE = {TESSERACT: 85.0, PPOCR: 90.0}  # an engine's confidence that lets its lone reading stand with checks


@dataclass
class Reading:
    engine: str  # tesseract | ppocr
    text: str
    confidence: float  # 0-100


@dataclass
class Resolved:
    value: date | None
    confidence: float
    state: str  # empty | agreed | single | disagree | unread
    note: str  # what was read and how it was resolved (for review_reason)
    options: list[Candidate] = field(default_factory=list)  # every engine's candidates, cheapest first
    sure_single: bool = False  # one engine's lone reading, as read, confident and unambiguous
    likeliest: bool = False  # the value is PP-OCR's likeliest date alone (no engine's text bears it out)


def _merge(cs: list[Candidate]) -> list[Candidate]:
    best: dict[date, Candidate] = {}
    for c in cs:
        if c.value not in best or (c.cost, c.changed) < (best[c.value].cost, best[c.value].changed):
            best[c.value] = c
    return sorted(best.values(), key=lambda c: (c.cost, c.changed))


def written_outside(readings: list[Reading], lo: date, hi: date) -> bool:
    """Whether an engine read a real date as written that lies outside the window (a date
    written so: no likeliest date inside the window is asked for then)."""
    return any(c.cost == 0 and not lo <= c.value <= hi for r in readings for c in candidates(r.text))


def resolve(readings: list[Reading], lo: date | None, hi: date | None) -> Resolved:
    """One date cell from its engines' readings (several per engine: rulings cleared, as
    scanned): the date both engines can mean, else one engine's, else none.

    When the engines' texts do not agree and PP-OCR's likeliest date in the window (a reading
    ``LIKELIEST``: the date whose CTC paths are likeliest over both of PP-OCR's passes) stands
    clear of the next by LIKELIEST_MARGIN: that date, agreed when Tesseract read it as written
    (and nothing else), else flagged. Its reading is not a third engine: it is PP-OCR's own
    output read as a date, so it never stands with PP-OCR's text alone."""
    likely = next((r for r in readings if r.engine == LIKELIEST), None)
    plain = [r for r in readings if r.engine != LIKELIEST]
    out = _resolve(plain, lo, hi)
    if likely is None or out.state == "agreed" or likely.confidence < LIKELIEST_MARGIN:
        return out
    cs = [c for c in candidates(likely.text, lo, hi) if c.cost == 0]
    if not cs:
        return out
    v = cs[0].value
    if v == out.value:
        return out  # what the texts gave already (a lone sure reading stays one, for the checks)
    shown = "; ".join(f"{r.engine} {r.text!r}" for r in plain if r.text) or "nothing read"
    note = f"PP-OCR's likeliest date {v}, log-odds {likely.confidence:.1f} over any other"
    # (its date is not added to the cell's options: a check may bear out only what a text read)
    tess = {c.value for r in plain if r.engine == TESSERACT for c in candidates(r.text, lo, hi) if c.cost == 0}
    other = any(c.cost == 0 and c.value != v for c in out.options)  # another date read as written
    if tess == {v} and not other:
        return Resolved(v, RESOLVED, "agreed", f"read alike by both engines ({shown}; {note})", out.options)
    if tess:
        return Resolved(v, DISAGREE, "disagree", f"the engines read different dates ({shown}; {note})",
                        out.options, likeliest=True)
    return Resolved(v, SINGLE, "single", f"read by ppocr only ({shown}; {note})", out.options, likeliest=True)


def _resolve(readings: list[Reading], lo: date | None, hi: date | None) -> Resolved:
    shown = "; ".join(f"{r.engine} {r.text!r}" for r in readings if r.text) or "nothing read"
    per: dict[str, list[Candidate]] = {}
    for r in readings:
        per.setdefault(r.engine, []).extend(candidates(r.text, lo, hi))
    per = {k: _merge(v) for k, v in per.items() if v}
    both = agree(per.get(TESSERACT, []), per.get(PPOCR, []))
    options = _merge([c for v in per.values() for c in v])
    if both is not None and any(c.cost == 0 and c.value != both.value for c in options):
        both = None  # a reading (either engine, either pass) gave another date as written: no agreement
    if both is not None and both.changed:
        # both read a date impossible here: the nearest possible one is a guess, named in the
        # note and not taken (a check may still bear it out: a copy of the trade read alike)
        return Resolved(None, 0.0, "repaired", f"both engines read an impossible date ({shown}); perhaps "
                                               f"{both.value} ({both.how})", options)
    if both is not None:
        conf = AGREED if both.cost == 0 else RESOLVED
        how = "" if both.cost == 0 else f", {both.how}"
        return Resolved(both.value, conf, "agreed", f"read alike by both engines ({shown}{how})", options)
    if not per:
        return Resolved(None, 0.0, "unread", f"no date read ({shown})")
    if len(per) == 1:
        engine, cs = next(iter(per.items()))
        u = unambiguous(cs)
        best_conf = max((r.confidence for r in readings if r.engine == engine and candidates(r.text, lo, hi)),
                        default=0.0)
        sure = bool(u and u.cost == 0 and best_conf >= SURE_SINGLE[engine])
        pick = u or cs[0]
        if pick.changed:  # a digit changed or a character assumed lost: a guess, named and not taken
            return Resolved(None, 0.0, "single", f"read by {engine} only ({shown}); perhaps {pick.value}", options)
        return Resolved(pick.value, SINGLE, "single", f"read by {engine} only ({shown})", options, sure)
    # the engines differ: the date both read as written, when a third reading dissented
    # (``2/6/2023`` read so by Tesseract and by one of PP-OCR's two passes); else PP-OCR's reading as written (the
    # better reader on the tuning pages). Flagged either way.
    if both is None:
        both = agree(per.get(TESSERACT, []), per.get(PPOCR, []))
    written = [c for c in per[PPOCR] if not c.changed] or [c for c in per[TESSERACT] if not c.changed]
    if both is not None and both.cost == 0:  # as written by both
        written = [both]
    if not written:
        return Resolved(None, 0.0, "disagree", f"the engines read different dates ({shown})", options)
    pick = unambiguous(written) or written[0]
    return Resolved(pick.value, DISAGREE, "disagree", f"the engines read different dates ({shown})", options)
