"""The date grammar, the resolution of two engines' readings, and the checks on a filing's
rows (issue 11). Pure: strings and hand-made rows, no OCR engine."""

from __future__ import annotations

from datetime import date

import numpy as np

from warstock.ocr import cells, dates
from warstock.ocr.checks import check_rows
from warstock.ocr.dates import PPOCR, TESSERACT, Reading
from warstock.ocr.forms import REVIEW_BELOW, Field, OcrRow

FILED = date(2023, 9, 1)
LO, HI = dates.window(FILED)


def values(text: str, filed: date = FILED) -> list[date]:
    lo, hi = dates.window(filed)
    return [c.value for c in dates.candidates(text, lo, hi)]


def test_a_slash_read_as_a_1_is_undone() -> None:
    # handwritten 8/7/23 and 8/8/23 as PP-OCR read them on a real page (issue 11)
    assert values("817123")[0] == date(2023, 8, 7)  # 8/17/23 is possible too, but needs a dropped slash
    assert date(2023, 8, 17) in values("817123")
    assert values("8/8123")[0] == date(2023, 8, 8)
    assert [c.changed for c in dates.candidates("8/8123", LO, HI)][1:] == [True] * (len(values("8/8123")) - 1)
    assert values("5131/24", date(2024, 6, 3)) == [date(2024, 5, 31)]


def test_a_lost_separator_between_full_width_parts_is_no_guess() -> None:
    (c,) = dates.candidates("05/092023", LO, HI)
    assert c.value == date(2023, 5, 9) and not c.changed
    # beside a one-digit part a digit may have been lost as well: marked as a change
    assert [(c.value, c.changed) for c in dates.candidates("076/24", date(2018, 8, 1), date(2024, 8, 17))] == [
        (date(2024, 7, 6), True)]


def test_dates_as_written_in_the_usual_forms() -> None:
    assert values("05/18/23") == [date(2023, 5, 18)]
    assert values("05-18-2023") == [date(2023, 5, 18)]
    assert values("5.18.23") == [date(2023, 5, 18)]
    assert values("051823")[0] == date(2023, 5, 18)  # typed without separators
    assert values("O5/l8/23") == [date(2023, 5, 18)]  # letters for digits
    # no such day: only dates with a confusable digit changed, marked so (never taken alone)
    assert values("05/74/23") and all(c.changed for c in dates.candidates("05/74/23", LO, HI))
    assert date(2023, 5, 14) in values("05/74/23")
    assert values("") == [] and values("23") == []


def test_impossible_dates_are_repaired_only_by_a_confusable_digit_and_marked_so() -> None:
    # typed 06/30/2023 on a form filed 2023-05-31: after the filing; 05/30 is one digit away
    lo, hi = dates.window(date(2023, 5, 31))
    (c,) = dates.candidates("06/30/2023", lo, hi)
    assert c.value == date(2023, 5, 30) and c.changed and c.cost == 1
    # a year read 2028 on a form filed in December 2023: 2023 is one of the repairs
    assert date(2023, 11, 30) in values("11/30/2028", date(2023, 12, 11))
    # a date inside the window is never "repaired"
    assert values("11/30/2020", date(2023, 12, 11)) == [date(2020, 11, 30)]


def r(engine: str, text: str, conf: float = 90.0) -> Reading:
    return Reading(engine, text, conf)


def test_two_engines_that_read_one_date_agree() -> None:
    res = dates.resolve([r(TESSERACT, "11/16/23"), r(PPOCR, "11/16/23")], LO, date(2023, 12, 12))
    assert (res.value, res.state, res.confidence) == (date(2023, 11, 16), "agreed", dates.AGREED)
    # one engine's slash-as-1 reading agrees with the other's once the grammar undoes it
    res = dates.resolve([r(TESSERACT, "8/7/23"), r(PPOCR, "817123")], LO, HI)
    assert (res.value, res.state) == (date(2023, 8, 7), "agreed") and res.confidence >= REVIEW_BELOW


def test_engines_that_differ_or_read_alone_give_a_flagged_date() -> None:
    res = dates.resolve([r(TESSERACT, "11/18/23"), r(PPOCR, "11/16/23")], LO, date(2023, 12, 12))
    assert res.state == "disagree" and res.confidence < REVIEW_BELOW
    assert res.value == date(2023, 11, 16)  # PP-OCR's, the better reader of the two on the tuning pages
    res = dates.resolve([r(TESSERACT, ""), r(PPOCR, "5/31/24", 97)], date(2018, 6, 1), date(2024, 6, 4))
    assert (res.value, res.state, res.sure_single) == (date(2024, 5, 31), "single", True)
    assert res.confidence < REVIEW_BELOW
    res = dates.resolve([r(TESSERACT, "..."), r(PPOCR, "")], LO, HI)
    assert (res.value, res.state, res.confidence) == (None, "unread", 0.0)


def test_a_repaired_agreement_does_not_stand_against_a_date_read_as_written() -> None:
    # Tesseract dropped the 1 of 07/16/24 ("076/24"), PP-OCR read 07/16/24 then "0716/24":
    # 07/06/24 is a candidate of both, but PP-OCR read 07/16/24 as written
    res = dates.resolve([r(TESSERACT, "076/24"), r(PPOCR, "07/16/24"), r(TESSERACT, "076/24"),
                         r(PPOCR, "0716/24")], date(2018, 8, 1), date(2024, 8, 17))
    assert res.state == "disagree" and res.value == date(2024, 7, 16) and res.confidence < REVIEW_BELOW


def test_an_engine_whose_two_readings_differ_does_not_agree() -> None:
    # PP-OCR read 01/11/23 with the rulings cleared and 01/21/23 as scanned; Tesseract 01/21/23
    res = dates.resolve([r(TESSERACT, "01/21/23"), r(PPOCR, "01/11/23"), r(TESSERACT, "01/21/23"),
                         r(PPOCR, "01/21/23")], LO, HI)
    assert res.state == "disagree" and res.confidence < REVIEW_BELOW


def test_both_engines_reading_an_impossible_date_is_flagged() -> None:
    lo, hi = dates.window(date(2023, 5, 31))
    res = dates.resolve([r(TESSERACT, "06/30/2023"), r(PPOCR, "06/30/2023")], lo, hi)
    # the nearest possible date is named, not taken: nothing is filled in by guessing
    assert res.state == "repaired" and res.value is None and res.confidence < REVIEW_BELOW
    assert "perhaps 2023-05-30" in res.note


# --- checks on a filing's rows ---------------------------------------------------------------------


def date_field(*readings: tuple[str, str], conf: float = 95.0) -> Field:
    rs = [Reading(e, t, conf) for e, t in readings]
    return Field(None, 0.0, "", readings=rs, resolved=dates.Resolved(None, 0.0, "unread", ""))


def row(band: int, asset: str, tdate: Field, ndate: Field | None, *, ttype: str = "sale", low: int = 1_001,
        asset_conf: float = 90.0) -> OcrRow:
    return OcrRow(1, band, Field("self", 95.0), Field(asset, asset_conf), Field(ttype, 97.0), tdate, ndate,
                  Field((low, 15_000, "$1,001 - $15,000"), 97.0), None)


def both(text: str) -> Field:
    return date_field((TESSERACT, text), (PPOCR, text))


def alone(text: str) -> Field:
    return date_field((TESSERACT, ""), (PPOCR, text))


def test_a_notification_before_the_trade_flags_both_dates() -> None:
    rows = [row(1, "ACME CORP", both("08/20/23"), both("08/10/23"))]
    check_rows(rows, lo=LO, hi=HI, filed=FILED)
    (x,) = rows
    assert x.transaction_date.value == date(2023, 8, 20) and x.notification_date is not None
    assert x.transaction_date.confidence < REVIEW_BELOW and x.notification_date.confidence < REVIEW_BELOW
    assert any("after notification date" in m for m in x.review)


def test_dates_read_alike_by_both_engines_and_in_order_are_not_flagged() -> None:
    rows = [row(1, "ACME CORP", both("08/10/23"), both("08/20/23"))]
    check_rows(rows, lo=LO, hi=HI, filed=FILED)
    assert rows[0].review == [] and rows[0].transaction_date.confidence >= REVIEW_BELOW


def test_a_copy_of_the_same_trade_bears_out_one_engines_reading() -> None:
    # spouse and joint copies of one sale: the first read by both engines, the second by
    # PP-OCR only (the handwriting Tesseract leaves empty), the third by PP-OCR as another day
    rows = [row(1, "NETAPP INC", both("8/7/23"), None), row(2, "NETAPP INC", alone("817123"), None),
            row(3, "NETAPP INC", alone("8/9/23"), None)]
    check_rows(rows, lo=LO, hi=HI, filed=FILED)
    assert rows[1].transaction_date.value == date(2023, 8, 7) and rows[1].review == []
    assert "copy of the same trade" in rows[1].transaction_date.raw
    assert rows[2].transaction_date.value == date(2023, 8, 9) and rows[2].review  # nothing bears it out


def test_a_copy_does_not_override_a_date_the_cells_own_readings_outvote() -> None:
    # 8220010 p4: a bond sold 09-20-2023 (read so by PP-OCR twice and Tesseract once, 08-20 by
    # Tesseract once) two rows from a sale of the same bond in the same band on 08-20: that row
    # is another trade, not a copy; this one keeps 09-20, flagged as the engines differed
    rows = [row(1, "WAXAHACHIE TEX INDPT SCH", both("08-20-2023"), None),
            row(3, "WAXAHACHIE TEX INDPT SCH", date_field((TESSERACT, "08-20-2023"), (PPOCR, "09-20-2023"),
                                                          (TESSERACT, "09-20-2023"), (PPOCR, "09-20-2023")), None)]
    lo, hi = dates.window(date(2023, 10, 10))
    check_rows(rows, lo=lo, hi=hi, filed=date(2023, 10, 10))
    assert rows[1].transaction_date.value == date(2023, 9, 20) and rows[1].review
    assert "copy" not in rows[1].transaction_date.raw
    # where the cell's readings are split evenly, the copy still decides, as before
    rows = [row(1, "META PLATFORMS INC", both("01/28/23"), None),
            row(2, "META PLATFORMS INC", date_field((TESSERACT, "01/28/23"), (PPOCR, "01/25/23")), None)]
    check_rows(rows, lo=LO, hi=HI, filed=FILED)
    x = rows[1].transaction_date
    assert x.value == date(2023, 1, 28) and "copy of the same trade" in x.raw


def test_a_neighbouring_row_bears_out_a_sure_lone_reading_and_nothing_else() -> None:
    rows = [row(1, "ACME CORP", both("08/07/23"), None, ttype="purchase"),
            row(2, "OTHER CO", alone("08/07/23"), None),
            row(3, "THIRD CO", alone("08/15/23"), None, ttype="purchase", low=15_001)]
    check_rows(rows, lo=LO, hi=HI, filed=FILED)
    assert rows[1].review == [] and "neighbouring row" in rows[1].transaction_date.raw
    assert rows[2].transaction_date.value == date(2023, 8, 15) and rows[2].review


def test_a_guess_is_taken_only_when_a_copy_of_the_trade_bears_it_out() -> None:
    lo, hi = dates.window(date(2023, 5, 31))
    rows = [row(1, "PGIM HIGH YIELD", both("05/30/2023"), None), row(2, "PGIM HIGH YIELD", both("06/30/2023"), None),
            row(3, "OTHER FUND", both("06/29/2023"), None, ttype="purchase")]
    check_rows(rows, lo=lo, hi=hi, filed=date(2023, 5, 31))
    assert rows[1].transaction_date.value == date(2023, 5, 30) and rows[1].review == []
    assert rows[2].transaction_date.value is None and rows[2].review  # no copy: left empty, flagged


def test_checks_run_twice_give_the_same_flags() -> None:
    rows = [row(1, "ACME CORP", both("08/20/23"), both("08/10/23"))]
    check_rows(rows, lo=LO, hi=HI, filed=FILED)
    first = list(rows[0].review)
    check_rows(rows, lo=LO, hi=HI, filed=FILED)
    assert rows[0].review == first


def test_two_dates_read_in_one_cell_are_split_between_the_date_columns() -> None:
    # a ruling between the two date columns lost in the scan (8220660 p3): both dates land in
    # the notification cell, glued ("09/13/2410/02/24") or with a stray dot between them
    assert dates.two_dates("06/13/2307/02/23", LO, HI) == ("06/13/23", "07/02/23")
    assert dates.two_dates("06/13/23.07/02/23", LO, HI) == ("06/13/23", "07/02/23")
    assert dates.two_dates("06/13/202307/02/2023", LO, HI) == ("06/13/2023", "07/02/2023")
    assert dates.two_dates("07/02/23", LO, HI) is None and dates.two_dates("2/6/2023", LO, HI) is None
    assert dates.two_dates("07/02/2306/13/23", LO, HI) is None  # out of order: not a row's two dates
    assert dates.two_dates("06/13/2312/02/23", LO, HI) is None  # the second after the filing
    lo, hi = dates.window(date(2024, 10, 20))
    no_ink = Field(None, 100.0, "", resolved=dates.Resolved(None, 100.0, "empty", ""))  # as forms reads a clean cell
    rows = [row(1, "STRYKER CORP", date_field((TESSERACT, "."), (PPOCR, "")),
                date_field((TESSERACT, "09/13/2410/02/24"), (PPOCR, "09/13/24.10/02/24"))),
            row(2, "PEPSICO INC", date_field((TESSERACT, ""), (PPOCR, "")),
                date_field((TESSERACT, "09/23/2410/02/24"), (PPOCR, "10/02/24"))),
            row(3, "ALLSTATE CORP", no_ink, date_field((TESSERACT, "09/09/2410/02/24"), (PPOCR, "09/09/2410/02/24"))),
            # an unruled band holding two trades: dates stacked in both cells, not one row's pair
            row(4, "MERCK CO", date_field((TESSERACT, "09/13/24\n09/20/24"), (PPOCR, "09/13/24\n09/20/24")),
                date_field((TESSERACT, "10/02/24\n10/02/24"), (PPOCR, "10/02/24 10/02/24")))]
    check_rows(rows, lo=lo, hi=hi, filed=date(2024, 10, 20))
    first, second, third, stacked = rows
    assert third.transaction_date.value == date(2024, 9, 9) and third.notification_date is not None
    assert third.notification_date.value == date(2024, 10, 2)
    assert stacked.transaction_date.value != date(2024, 10, 2) and stacked.review
    assert stacked.transaction_date.split_from is None
    assert first.transaction_date.value == date(2024, 9, 13) and first.notification_date is not None
    assert first.notification_date.value == date(2024, 10, 2) and "split" in first.transaction_date.raw
    assert first.transaction_date.confidence >= REVIEW_BELOW and first.notification_date.confidence >= REVIEW_BELOW
    # the columns were misplaced: the type read left of them is flagged (a partial sale's box
    # may have been missed), the dates are not
    assert first.review and all(m.startswith("type") for m in first.review)
    first_review = list(first.review)
    check_rows(rows, lo=lo, hi=hi, filed=date(2024, 10, 20))  # run again: nothing added, nothing lost
    assert first.review == first_review and first.transaction_date.value == date(2024, 9, 13)
    assert "09/13/2410/02/24" in first.transaction_date.raw  # what was read stays named
    # one engine read a single date there: the cell is not split on the other's word alone
    assert second.transaction_date.value is None and second.review


def test_a_notification_date_one_digit_from_the_filings_is_taken_as_theirs_and_flagged() -> None:
    # McCaul's schedules: twenty rows notified 3/6/2023, a few read alike by both engines as
    # 3/8/2023 (6 and 8 confused): taken as 3/6 and flagged, never silently kept
    lo, hi = dates.window(date(2023, 3, 20))
    names = ["ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT"]
    rows = [row(i + 1, f"{n} CORP", both("2/6/2023"), both("3/6/2023")) for i, n in enumerate(names[:5])]
    rows.append(row(6, "FOXTROT CORP", both("2/8/2023"), both("3/8/2023")))
    check_rows(rows, lo=lo, hi=hi, filed=date(2023, 3, 20))
    odd = rows[5]
    assert odd.notification_date is not None and odd.notification_date.value == date(2023, 3, 6)
    assert odd.review and "one easily confused digit" in odd.notification_date.raw
    assert odd.transaction_date.value == date(2023, 2, 8)  # trades differ by a day on real statements
    assert all(r.review == [] for r in rows[:5])
    # two dates two rows each: neither outweighs the other, both kept as read
    rows = [row(i + 1, f"{n} CORP", both("2/6/2023"), both("3/6/2023" if i < 2 else "3/8/2023"))
            for i, n in enumerate(names[:4])]
    check_rows(rows, lo=lo, hi=hi, filed=date(2023, 3, 20))
    assert [r.notification_date.value for r in rows if r.notification_date] == [date(2023, 3, 6)] * 2 + [
        date(2023, 3, 8)] * 2
    assert all(r.review == [] for r in rows)


def test_a_ruling_read_as_a_1_after_the_year_is_dropped_at_a_cost() -> None:
    # Khanna's typed schedule: PP-OCR read 10/31/23 as "10/31/231" (the cell's right ruling)
    lo, hi = dates.window(date(2023, 11, 20))
    (c,) = dates.candidates("10/31/231", lo, hi)
    assert (c.value, c.cost, c.changed) == (date(2023, 10, 31), 1, True)  # a guess alone (a digit may be lost)
    res = dates.resolve([r(TESSERACT, "10/31/23"), r(PPOCR, "10/31/231")], lo, hi)
    assert (res.value, res.state) == (date(2023, 10, 31), "agreed")  # borne out by the other engine
    res = dates.resolve([r(TESSERACT, "5/3/201"), r(PPOCR, "5/3/201")], lo, hi)
    assert res.value is None  # both cut alike: 2019, 2020 or 2021, not taken
    assert values("10/31/2021", date(2021, 11, 20)) == [date(2021, 10, 31)]  # a year ending in 1 keeps it
    assert dates.candidates("10/31/237", lo, hi) == []  # only a 1 is taken for a ruling


def test_the_date_both_engines_read_as_written_outvotes_one_dissenting_pass() -> None:
    # McCaul's schedule: Tesseract and PP-OCR's second pass read 2/6/2023, PP-OCR's first 2/8/2023
    res = dates.resolve([r(TESSERACT, "2/6/2023"), r(PPOCR, "2/8/2023"), r(TESSERACT, "/.28/2023"),
                         r(PPOCR, "2/6/2023")], date(2017, 3, 1), date(2023, 3, 2))
    assert (res.value, res.state) == (date(2023, 2, 6), "disagree") and res.confidence < REVIEW_BELOW
    # with no date read alike by both, PP-OCR's reading as written is kept (flagged)
    res = dates.resolve([r(TESSERACT, "2/9/2023"), r(PPOCR, "2/8/2023")], date(2017, 3, 1), date(2023, 3, 2))
    assert (res.value, res.state) == (date(2023, 2, 8), "disagree")


# --- PP-OCR's likeliest date (cells.DateTrie), on hand-made network outputs -----------------------

LABELS = ["<blank>", *"0123456789", "/", "-", "."]


def steps(*chars: tuple[str, float] | tuple[str, float, str, float]) -> np.ndarray:
    """Per-step probabilities: each step a character with its probability (and a runner-up),
    the rest spread thin; a blank step between characters."""
    rows = []
    for c in chars:
        p = np.full(len(LABELS), 1e-4)
        p[LABELS.index(c[0])] = c[1]
        if len(c) == 4:
            p[LABELS.index(c[2])] = c[3]
        p[0] = max(1e-4, 1 - p.sum() + p[0])
        rows.append(p / p.sum())
        b = np.full(len(LABELS), 1e-4)
        b[0] = 1.0
        rows.append(b / b.sum())
    return np.array(rows)


def test_the_likeliest_date_takes_a_stroke_for_a_separator_where_a_date_needs_one() -> None:
    # handwritten 3/1/24 that greedy decoding reads "311124": each slash a little likelier a 1
    lo, hi = date(2018, 3, 1), date(2024, 3, 9)
    trie = cells.DateTrie(lo, hi)
    p = steps(("3", 0.9), ("1", 0.55, "/", 0.4), ("1", 0.9), ("1", 0.55, "/", 0.4), ("2", 0.9), ("4", 0.9))
    best = cells.likeliest(trie, [p], LABELS)
    assert best is not None and best.value == date(2024, 3, 1) and best.margin > 1.0
    assert best.cost < 1.0  # what the network read freely, but for two strokes it hesitated on
    # a date outside the window is never the answer: 3/1/25 would be read as written, but after the filing
    p = steps(("3", 0.9), ("/", 0.9), ("1", 0.9), ("/", 0.9), ("2", 0.9), ("5", 0.6, "4", 0.3))
    best = cells.likeliest(trie, [p], LABELS)
    assert best is not None and best.value == date(2024, 3, 1) and best.cost < dates.LIKELIEST_COST
    # and a date plainly written outside it (a sure 5) costs too much to be asked
    p = steps(("3", 0.9), ("/", 0.9), ("1", 0.9), ("/", 0.9), ("2", 0.9), ("5", 0.98))
    best = cells.likeliest(trie, [p], LABELS)
    assert best is not None and best.cost > dates.LIKELIEST_COST
    # a hesitation between two digits is weighed over both passes of the cell
    a = steps(("3", 0.9), ("/", 0.9), ("1", 0.9), ("1", 0.5, "7", 0.45), ("/", 0.9), ("2", 0.9), ("3", 0.9))
    b = steps(("3", 0.9), ("/", 0.9), ("1", 0.9), ("7", 0.8, "1", 0.15), ("/", 0.9), ("2", 0.9), ("3", 0.9))
    one, both = cells.likeliest(trie, [a], LABELS), cells.likeliest(trie, [a, b], LABELS)
    assert one is not None and both is not None
    assert (one.value, both.value) == (date(2023, 3, 11), date(2023, 3, 17))  # 3/11 by a hair, then 3/17
    assert one.margin < dates.LIKELIEST_MARGIN <= both.margin


def test_the_likeliest_date_is_agreed_only_with_tesseract_and_else_flagged() -> None:
    lo, hi = date(2018, 3, 1), date(2024, 3, 9)
    likely = Reading(dates.LIKELIEST, "03/01/2024", 2.5)
    res = dates.resolve([r(TESSERACT, "3/1/24"), r(PPOCR, "311124"), likely], lo, hi)
    assert (res.value, res.state, res.confidence) == (date(2024, 3, 1), "agreed", dates.RESOLVED)
    res = dates.resolve([r(TESSERACT, "/"), r(PPOCR, "311124"), likely], lo, hi)
    assert (res.value, res.state) == (date(2024, 3, 1), "single") and res.confidence < REVIEW_BELOW
    assert not res.sure_single  # a neighbour alone never confirms it
    res = dates.resolve([r(TESSERACT, "3/7/24"), r(PPOCR, "311124"), likely], lo, hi)
    assert (res.value, res.state) == (date(2024, 3, 1), "disagree") and res.confidence < REVIEW_BELOW
    # too close to the next date: as if it were not there
    close = Reading(dates.LIKELIEST, "03/01/2024", 0.4)
    assert dates.resolve([r(TESSERACT, "/"), r(PPOCR, "311124"), close], lo, hi) == dates.resolve(
        [r(TESSERACT, "/"), r(PPOCR, "311124")], lo, hi)
    # the engines' texts agree: PP-OCR's likeliest date is not asked
    res = dates.resolve([r(TESSERACT, "3/4/24"), r(PPOCR, "3/4/24"), likely], lo, hi)
    assert (res.value, res.state, res.confidence) == (date(2024, 3, 4), "agreed", dates.AGREED)


def test_a_likeliest_date_does_not_stop_two_dates_in_one_cell_being_split() -> None:
    # the glued cell's readings with PP-OCR's likeliest date among them, and an empty cell beside
    # it whose likeliest date (of a dot) would look like a date: the split still happens
    lo, hi = dates.window(date(2024, 10, 20))
    tdate = date_field((TESSERACT, "."), (PPOCR, ""), (dates.LIKELIEST, "10/02/2024"))
    ndate = date_field((TESSERACT, "09/13/2410/02/24"), (PPOCR, "09/13/24.10/02/24"), (dates.LIKELIEST, "09/13/2024"))
    first = row(1, "STRYKER CORP", tdate, ndate)
    check_rows([first], lo=lo, hi=hi, filed=date(2024, 10, 20))
    assert first.transaction_date.value == date(2024, 9, 13) and first.notification_date is not None
    assert first.notification_date.value == date(2024, 10, 2)


def test_a_date_written_outside_the_window_is_not_replaced_by_a_likely_one() -> None:
    lo, hi = dates.window(date(2023, 5, 1))
    assert dates.written_outside([r(TESSERACT, "05/18/23"), r(PPOCR, "05/18/23")], lo, hi)  # after the filing
    assert not dates.written_outside([r(TESSERACT, "04/18/23"), r(PPOCR, "311124")], lo, hi)


def test_a_doubled_character_needs_a_blank_and_a_held_one_is_one() -> None:
    lo, hi = date(2018, 3, 1), date(2024, 3, 9)
    trie = cells.DateTrie(lo, hi, "/", False)

    def held(*chars: str) -> np.ndarray:  # one character per step, no blank between
        out = np.full((len(chars), len(LABELS)), 1e-4)
        for t, c in enumerate(chars):
            out[t, LABELS.index(c)] = 0.99
        return out / out.sum(axis=1, keepdims=True)

    # "1" held over two steps is one 1: 1/1/24, not 11/1/24 (that needs a blank between the 1s)
    best = cells.likeliest(trie, [held("1", "1", "/", "1", "/", "2", "4")], LABELS)
    assert best is not None and best.value == date(2024, 1, 1)


def test_a_likeliest_date_is_not_agreed_against_another_date_read_as_written() -> None:
    lo, hi = date(2018, 6, 1), date(2024, 6, 9)
    likely = Reading(dates.LIKELIEST, "05/31/2024", 1.2)
    res = dates.resolve([r(TESSERACT, "5/31/24"), r(PPOCR, "5/21/24", 95), r(TESSERACT, "5/31/24"),
                         r(PPOCR, "5/31/241"), likely], lo, hi)
    assert res.state != "agreed" and res.confidence < REVIEW_BELOW


def test_a_likeliest_date_alone_is_borne_out_by_no_copy_and_bears_out_none() -> None:
    lo, hi = dates.window(date(2024, 6, 20))
    likely = (dates.LIKELIEST, "05/31/2024")
    # two copies of one trade, each with only PP-OCR's likeliest date: neither confirms the other
    rows = [row(1, "APPLE INC", date_field((TESSERACT, ""), (PPOCR, "5/3"), likely), None),
            row(2, "APPLE INC", date_field((TESSERACT, ""), (PPOCR, "5/3"), likely), None)]
    for f in (rows[0].transaction_date, rows[1].transaction_date):
        f.readings[-1] = Reading(dates.LIKELIEST, "05/31/2024", 2.0)
    check_rows(rows, lo=lo, hi=hi, filed=date(2024, 6, 20))
    assert all(x.transaction_date.confidence < REVIEW_BELOW and x.review for x in rows)
    # even a copy both engines read alike does not unflag it (only what a text read is borne out)
    rows = [row(1, "APPLE INC", both("5/31/24"), None),
            row(2, "APPLE INC", date_field((TESSERACT, ""), (PPOCR, "5/3"), (dates.LIKELIEST, "05/31/2024")), None)]
    rows[1].transaction_date.readings[-1] = Reading(dates.LIKELIEST, "05/31/2024", 2.0)
    check_rows(rows, lo=lo, hi=hi, filed=date(2024, 6, 20))
    assert rows[1].transaction_date.value == date(2024, 5, 31) and rows[1].transaction_date.confidence < REVIEW_BELOW
    # a date neither engine's text can mean is not made so by a copy (the likeliest date is no option)
    rows = [row(1, "APPLE INC", both("5/31/24"), None),
            row(2, "APPLE INC", date_field((TESSERACT, "5/21/24"), (TESSERACT, "5/21/24"), (PPOCR, "..."),
                                           (dates.LIKELIEST, "05/31/2024")), None)]
    rows[1].transaction_date.readings[-1] = Reading(dates.LIKELIEST, "05/31/2024", 2.0)
    check_rows(rows, lo=lo, hi=hi, filed=date(2024, 6, 20))
    assert rows[1].transaction_date.confidence < REVIEW_BELOW


def test_a_trade_dated_on_a_weekend_is_flagged_with_the_weekdays_a_digit_away() -> None:
    # 8220078 p5: 11/16/2023 (a Thursday) in bold print, read 11/18/2023 (a Saturday) by both engines
    lo, hi, filed = date(2023, 6, 1), date(2023, 12, 10), date(2023, 12, 9)
    rows = [row(1, "CHEVRON CORP", both("11/18/2023"), both("12/06/2023")),
            row(2, "OSHKOSH CORP", both("11/16/2023"), both("12/06/2023"))]
    check_rows(rows, lo=lo, hi=hi, filed=filed)
    t = rows[0].transaction_date
    assert t.value == date(2023, 11, 18)  # kept as read: the flag names what it may be, nothing is guessed
    assert t.confidence < REVIEW_BELOW and any("Saturday" in m for m in rows[0].review)
    assert "2023-11-16" in t.raw and "2023-11-13" in t.raw
    assert "2023-11-19" not in t.raw  # a Sunday is no better
    assert rows[1].review == []  # the Thursday read alike stays sure
    first = list(rows[0].review)
    check_rows(rows, lo=lo, hi=hi, filed=filed)  # run again on the whole filing: one note, not two
    assert rows[0].review == first and rows[0].transaction_date.raw.count("markets are closed") == 1
