"""The checks every date read from a paper form must pass, on the rows of one filing.

1. *Window.* Each date cell's readings are resolved again with the filing's window (six
   years before the filing date to the day after it; the Senate's received date is known only
   once every page is read).
2. *Copies of one trade.* Rows with the same asset, type and amount band are copies of one
   trade (spouse and joint accounts report it on several rows) or trades of one day (on
   adjacent rows, the same type and band suffice when an asset name is too poorly read to
   compare). A date
   that only one engine read, or on which the engines differ, is confirmed by a copy whose
   date both engines read, or whose date one engine read alike in its own cell (two cells,
   two readings; a cell the engines differ on needs two such copies), when that date is one
   the cell's readings can mean and no other date is read as written by more of them.
3. *Neighbouring rows.* A date one engine alone read, as written, with a high score and no
   other way to read it, gets full confidence when the next or previous row carries the same
   date with full confidence (a filer lists a day's trades together; a row so confirmed may
   confirm the next, each by its own reading). Where the engines differ and one of them read
   the neighbour's date as written, that date is taken, still flagged, unless another date is
   read as written by more of the cell's readings.
4. *Order.* transaction <= notification <= filing date. Dates that break it are flagged with
   the reason, both of them: which one is wrong cannot be told.

Before them, a cell holding both of a row's dates (the ruling between the two date columns
lost in the scan) beside an empty one is split in two (``_split_pair``). Between checks 3 and
4, a notification date one easily confused digit away from the one most of the filing's rows
carry is taken as theirs and flagged (``_one_digit_off``), and a transaction date on a
Saturday or a Sunday is flagged, the weekdays one confused digit away named (``_weekend``).

The rule for full confidence (no review flag): both engines read the date (as written, or
once the grammar undoes a slash read as a 1 or a year's digit), or one engine read it with
the support of check 2 or 3; the date passes check 4; and a transaction date falls on a
weekday. Everything else is flagged, with what each engine read.
"""

from __future__ import annotations

import re
from datetime import date

from warstock.ocr import dates
from warstock.ocr.forms import REVIEW_BELOW, Field, OcrRow

CONFIRMED = 85.0  # one engine's reading borne out by a copy of the trade or a neighbouring row
BROKEN = 30.0  # a date that breaks the order of a trade's dates
WEEKEND = 45.0  # a transaction date on a Saturday or a Sunday (``_weekend``)
MISPLACED = 40.0  # a type read on a row whose date columns were placed wrong
DOUBTFUL = ("single", "disagree", "repaired")  # resolved states a check may bear out
_LABELS = {"transaction_date": "transaction date", "notification_date": "notification date"}


def _key(r: OcrRow) -> tuple[str, object, object] | None:
    name = re.sub(r"[^a-z0-9]", "", (r.asset.value or "").lower())
    amount = r.amount.value[0] if r.amount.value else None
    if len(name) < 4 or r.transaction_type.value is None or amount is None:
        return None
    return name, r.transaction_type.value, amount


def _copies(rows: list[OcrRow]) -> list[list[int]]:
    """Groups of rows that are copies of one trade: the same asset (as read), type and amount
    band anywhere in the filing, or the same type and band on adjacent rows when either asset
    name is too poorly read to compare (handwriting)."""
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[str, object, object], int] = {}
    for i, r in enumerate(rows):
        k = _key(r)
        if k is not None:
            parent[find(i)] = find(first.setdefault(k, i))
        if i and r.transaction_type.value is not None and r.amount.value is not None:
            p = rows[i - 1]
            if (p.transaction_type.value == r.transaction_type.value and p.amount.value == r.amount.value
                    and min(p.asset.confidence, r.asset.confidence) < REVIEW_BELOW):
                parent[find(i)] = find(i - 1)
    groups: dict[int, list[int]] = {}
    for i in range(len(rows)):
        groups.setdefault(find(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def _outvoted(f: Field, v: date, lo: date | None, hi: date | None) -> bool:
    """Whether another date is read as written by more of the cell's readings than ``v`` (PP-OCR's
    likeliest date left out)."""
    n: dict[date, int] = {}
    for x in f.readings or []:
        if x.engine != dates.LIKELIEST:
            for d in {c.value for c in dates.candidates(x.text, lo, hi) if c.cost == 0}:
                n[d] = n.get(d, 0) + 1
    return any(k > n.get(v, 0) for d, k in n.items() if d != v)


def _date(f: Field | None) -> dates.Resolved | None:
    return f.resolved if f is not None and f.resolved is not None else None


def _set(f: Field, value: date | None, conf: float, note: str) -> None:
    assert f.resolved is not None
    f.value, f.confidence = value, conf
    f.raw = f"{f.resolved.note}; {note}" if note else f.resolved.note


def _split_pair(r: OcrRow, lo: date | None, hi: date | None) -> bool:
    """0. A row's two dates read in one cell (the ruling between the date columns lost in the
    scan) and nothing in the other: each engine's reading of that cell is split in two, the
    first date the transaction's, the second the notification's. Only when every reading that
    holds a date splits so, and the dates are in order (``dates.two_dates``)."""
    t, n = r.transaction_date, r.notification_date
    if n is None or t.split_from is not None:
        return False  # no second date column; or split before (the checks run per page, then per filing)
    def read(rs: list[dates.Reading] | None) -> list[dates.Reading] | None:  # what the engines read as text
        return None if rs is None else [x for x in rs if x.engine != dates.LIKELIEST]

    for full, empty in ((read(n.readings), read(t.readings)), (read(t.readings), read(n.readings))):
        # the other cell empty: no ink (no readings), or fewer than 4 digits read (a dot, a dash):
        # a cell holding anything like a date, even dates stacked in an unruled band, is not
        if full is None or any(sum(ch.isdigit() for ch in dates.normalise(x.text)) >= 4 for x in empty or []):
            continue
        pairs = [(x, dates.two_dates(x.text, lo, hi)) for x in full]
        if any(pair is None and any(c.cost == 0 for c in dates.candidates(x.text, lo, hi)) for x, pair in pairs):
            continue  # a reading of one date as written: the cell holds one date
        split = [(x, pair) for x, pair in pairs if pair is not None]
        if not split:
            continue
        shown = "; ".join(f"{x.engine} {x.text!r}" for x, _ in split)
        t.readings = [dates.Reading(x.engine, pair[0], x.confidence) for x, pair in split]
        n.readings = [dates.Reading(x.engine, pair[1], x.confidence) for x, pair in split]
        t.split_from = n.split_from = shown
        # the date columns were placed wrong on this page, so the type columns left of them may be too
        ty = r.transaction_type
        if ty.value is not None:
            ty.confidence = min(ty.confidence, MISPLACED)
            ty.raw = f"{ty.raw}; both dates read in one cell: the columns left of them may be misplaced too"
            r.review.append(f"type {ty.confidence:.0f}% ({ty.value} marked; both dates read in one cell, so the "
                            "type columns may be misplaced: a partial sale's box may have been missed)")
        return True
    return False


def _one_digit_off(rows: list[OcrRow]) -> None:
    """5. A notification date one easily confused digit away from the notification date most of
    the filing's rows carry (a statement's trades are usually notified on one day: 3/8/2023 read
    beside twenty rows of 3/6/2023) is taken as theirs and flagged, the reading named. Only
    where that date has at least 3 rows and 3 times as many as the one read; transaction dates
    differ by a digit on a real statement too, so they are not touched."""
    counts: dict[date, int] = {}
    for r in rows:
        n = r.notification_date
        if n is not None and n.value is not None and n.confidence >= REVIEW_BELOW:  # the majority read surely
            counts[n.value] = counts.get(n.value, 0) + 1
    for r in rows:
        n = r.notification_date
        if n is None or n.value is None:
            continue
        here = counts.get(n.value, 0)
        digits = n.value.strftime("%m%d%Y")
        for other, k in counts.items():
            if other == n.value or k < 3 or k < 3 * here:
                continue
            theirs = other.strftime("%m%d%Y")
            diff = [i for i in range(8) if digits[i] != theirs[i]]
            if len(diff) == 1 and theirs[diff[0]] in dates.CONFUSED.get(digits[diff[0]], ""):
                read = n.value
                n.value, n.confidence = other, min(n.confidence, dates.DISAGREE)
                n.raw = (f"{n.raw}; read {read}, one easily confused digit from {other}, the notification date "
                         f"of {k} rows of this filing: taken as theirs")
                break


WEEKEND_NOTE = "markets are closed that day"


def _weekend(rows: list[OcrRow], lo: date | None, hi: date | None) -> None:
    """6. A transaction date on a Saturday or a Sunday is flagged, whatever the engines agreed:
    trades are rarely dated so, and a bold 6 read as 8 by both engines moves a Thursday to a
    Saturday (McCaul's 11/16/2023 read 11/18 on three rows, no flag with readers 1.11). Of the
    born-digital House PTRs' 5,720 trades, 8 (0.14%) are dated on a weekend; of the 16,398 OCR
    rows of the 1.11 pass, 78 (0.48%), 21 of them unflagged. The days of the same month one
    easily confused digit away that are weekdays (and in the window, not after the notification)
    are named."""
    for r in rows:
        t, n = r.transaction_date, r.notification_date
        if t is None or t.value is None or t.value.weekday() < 5 or WEEKEND_NOTE in t.raw:
            continue
        notified = n.value if n is not None and n.value is not None and n.confidence >= REVIEW_BELOW \
            else None  # a doubtful notification date rules out nothing
        near = {d for _, d in dates.one_digit_away(t.value.strftime("%m%d%Y"), (2, 3))  # the day's digits
                if d.weekday() < 5 and (lo is None or d >= lo) and (hi is None or d <= hi)
                and (notified is None or d <= notified)}
        t.confidence = min(t.confidence, WEEKEND)
        t.raw = f"{t.raw}; a {t.value:%A}: {WEEKEND_NOTE}, so likelier a misread" + (
            f" (perhaps {' or '.join(str(d) for d in sorted(near))}, one easily confused digit away)" if near else "")


def check_rows(rows: list[OcrRow], *, lo: date | None, hi: date | None, filed: date | None) -> None:
    """Resolve and check the dates of one filing's rows in place, and flag the rows whose
    dates are doubtful (``OcrRow.review``)."""
    for r in rows:
        _split_pair(r, lo, hi)
    for r in rows:
        r.review = [x for x in r.review if not x.startswith(tuple(_LABELS.values()))]
        for f in (r.transaction_date, r.notification_date):
            if f is not None and f.readings is not None:
                first = dates.resolve(f.readings, lo, hi)
                f.resolved = first
                _set(f, first.value, first.confidence,
                     f"both dates read in one cell ({f.split_from}), split" if f.split_from else "")
    for attr in _LABELS:
        fields = [getattr(r, attr) for r in rows]
        agreed = [f if (res := _date(f)) is not None and res.state == "agreed" else None for f in fields]
        # 2. copies of one trade
        groups = _copies(rows)
        for idx in groups:
            votes: dict[date, set[int]] = {}
            for i in idx:
                res = _date(fields[i])
                if res is not None and res.state in ("agreed", "single") and fields[i].value is not None \
                        and not res.likeliest:  # PP-OCR's likeliest date alone bears out nothing
                    votes.setdefault(fields[i].value, set()).add(i)
            for i in idx:
                res = _date(fields[i])
                if res is None or res.state not in DOUBTFUL:
                    continue
                options = {c.value for c in res.options}
                support = {v: js - {i} for v, js in votes.items() if v in options and js - {i}}
                if not support:
                    continue
                v = max(support, key=lambda d: (any(agreed[j] for j in support[d]), len(support[d])))
                if _outvoted(fields[i], v, lo, hi):
                    # the cell's own readings outvote the copy's date (read 09-20-2023 by three
                    # passes, 08-20 by one, beside a row of the same bond, type and band dated
                    # 08-20): another trade of that asset, more likely than a copy of this one
                    continue
                j = min(support[v])
                where = f"row {rows[j].page}.{rows[j].band}"
                if res.state == "disagree" and len(idx) > 3:
                    # many rows of one asset, type and band: a series of trades more than copies
                    # of one; the date the engines differ on is taken from one of them, flagged
                    _set(fields[i], v, fields[i].confidence, f"taken as on {where}, the same asset, type and band")
                elif any(agreed[k] for k in support[v]):
                    _set(fields[i], v, CONFIRMED, f"as on {where}, a copy of the same trade read alike by both "
                                                  "engines")
                elif not res.likeliest and (res.state == "single" and fields[i].value == v or len(support[v]) >= 2):
                    _set(fields[i], v, CONFIRMED, f"read alike on {where}, a copy of the same trade")
                else:
                    _set(fields[i], v, fields[i].confidence, f"taken as on {where}, a copy of the same trade")
        # 3. neighbouring rows (a row confirmed so may confirm the next: each by its own reading)
        for _ in range(len(rows)):
            changed = False
            sure = [f if f is not None and f.value is not None and f.confidence >= CONFIRMED else None
                    for f in fields]
            for i, f in enumerate(fields):
                res = _date(f)
                if res is None or f.confidence >= REVIEW_BELOW or res.state not in DOUBTFUL:
                    continue
                near = [sure[j] for j in (i - 1, i + 1) if 0 <= j < len(rows) and sure[j] is not None]
                near_values = {n.value for n in near if n is not None}
                if res.state == "single" and res.sure_single and f.value in near_values:
                    _set(f, f.value, CONFIRMED, "the same date as the neighbouring row, read with full confidence")
                    changed = True
                elif res.state == "disagree" and "neighbouring" not in f.raw:
                    hit = next((c.value for c in res.options if c.value in near_values and not c.changed), None)
                    if hit is not None and not _outvoted(f, hit, lo, hi):
                        _set(f, hit, f.confidence, "taken as on the neighbouring row")
            if not changed:
                break
    _one_digit_off(rows)
    _weekend(rows, lo, hi)
    # 4. order of a trade's dates
    for r in rows:
        t, n = r.transaction_date, r.notification_date
        broken: list[str] = []
        if t.value and n is not None and n.value and t.value > n.value:
            broken.append(f"transaction date {t.value} after notification date {n.value}")
        for f, label in ((t, "transaction date"), (n, "notification date")):
            if f is not None and f.value and filed and f.value > filed:
                broken.append(f"{label} {f.value} after the filing date {filed}")
        if broken:
            for f in (t, n):
                if f is not None and f.value is not None:
                    f.confidence = min(f.confidence, BROKEN)
                    f.raw = f"{f.raw}; {'; '.join(broken)}"
        for attr, label in _LABELS.items():
            f = getattr(r, attr)
            if f is not None and f.confidence < REVIEW_BELOW:
                r.review.append(f"{label} {f.confidence:.0f}% ({f.raw or 'unread'})")
