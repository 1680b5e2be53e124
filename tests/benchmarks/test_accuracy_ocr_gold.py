"""The gold scorer's alignment and arithmetic on a tiny hand-made case (offline: no warehouse).

Every expected figure below was counted by hand from the rows written here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "accuracy_ocr_gold.py"
_spec = importlib.util.spec_from_file_location("accuracy_ocr_gold", _PATH)
assert _spec is not None and _spec.loader is not None
gold_scorer = importlib.util.module_from_spec(_spec)
sys.modules["accuracy_ocr_gold"] = gold_scorer  # dataclasses look their module up there
_spec.loader.exec_module(gold_scorer)


def g(asset: str, *, chamber: str = "house", tdate: str = "2024-01-11", ndate: str = "2024-01-20",
      owner: str = "self", hand: str = "typed", ticker: str = "") -> dict[str, str]:
    return {"chamber": chamber, "doc_id": "D1", "page": "1", "row": "1", "owner": owner, "asset": asset,
            "ticker": ticker, "transaction_type": "purchase", "transaction_date": tdate,
            "notification_date": "" if chamber == "senate" else ndate, "amount_low": "1001",
            "amount_high": "15000", "cap_gains_over_200": "blank", "date_hand": hand, "legibility": "clear",
            "note": ""}


def w(asset: str | None, *, tdate: str | None = "2024-01-11", ndate: str | None = "2024-01-20",
      owner: str | None = "self", review: str | None = None, row: int = 1) -> dict[str, object]:
    return {"doc_id": "D1", "row_number": row, "page": 1, "owner": owner, "asset_name": asset,
            "transaction_type": "purchase", "transaction_date": tdate, "notification_date": ndate,
            "amount_min_usd": 1001, "amount_max_usd": 15000, "needs_review": review is not None,
            "review_reason": review}


def test_normalise_asset_drops_owner_codes_and_punctuation():
    assert gold_scorer.normalise_asset("(S) MH Built to Last LLC") == "MH BUILT TO LAST LLC"
    assert gold_scorer.normalise_asset("SP  Nucor Corp.") == "NUCOR CORP"
    assert gold_scorer.normalise_asset(None) == ""


def test_asset_similarity_tries_the_ticker_too():
    # the form prints "Name - TICK"; the gold keeps the ticker in its own column
    assert gold_scorer.asset_similarity("Snowflake Inc", "SNOW", "Snowflake Inc - SNOW") == 1.0
    assert gold_scorer.asset_similarity("Snowflake Inc", "", None) == 0.0


def test_align_pairs_by_similarity_then_equal_runs_by_position():
    # row 0 pairs on its name; row 1's names differ (0.3) but it is the only row left on both sides
    assert gold_scorer.align([[0.9, 0.1], [0.2, 0.3]]) == [(0, 0), (1, 1)]
    assert gold_scorer.align([[], []]) == [(0, None), (1, None)]
    assert gold_scorer.align([]) == []


def test_align_keeps_order_and_leaves_missed_and_extra_rows():
    def names(gold: list[str], ws: list[str]) -> list[list[float]]:
        return [[gold_scorer.asset_similarity(a, "", b) for b in ws] for a in gold]

    # a garbled name between two good ones pairs by position; a trailing extra stays extra
    gold = ["Apple Inc", "Boeing Co", "Caterpillar Inc", "Deere & Co"]
    ws = ["Apple Inc", "xq zzkk", "Caterpillar Inc", "Deere & Co", "unread"]
    assert gold_scorer.align(names(gold, ws)) == [(0, 0), (1, 1), (2, 2), (3, 3), (None, 4)]
    # a row warstock did not read: Bravo is missed, Charlie pairs with Charlie, not with Bravo
    gold = ["Alpha Corp", "Bravo Corp", "Charlie Corp"]
    ws = ["Alpha Corp", "Charlie Corp"]
    assert gold_scorer.align(names(gold, ws)) == [(0, 0), (1, None), (2, 1)]


def test_field_flagged_reads_review_reason_parts():
    reason = "owner 0% (C); transaction date 0% (02/11/23)"
    assert gold_scorer.field_flagged(reason, "owner")
    assert gold_scorer.field_flagged(reason, "transaction_date")
    assert not gold_scorer.field_flagged(reason, "band")
    assert not gold_scorer.field_flagged(reason, "transaction_type")
    assert gold_scorer.field_flagged("type 0% (none marked)", "transaction_type")
    assert not gold_scorer.field_flagged("asset type inferred from the name", "transaction_type")
    assert not gold_scorer.field_flagged(None, "owner")


@pytest.fixture
def scored():
    house_gold = [g("Apple Inc"), g("Boeing Co"), g("Caterpillar Inc"), g("Deere & Co", hand="handwritten")]
    house_ws = [
        w("APPLE INC", row=1),                                        # all right
        w(None, review="asset 0% (unread)", row=2),                   # extra, flagged
        w("BOEING CO", tdate="2024-01-12", row=3),                    # date wrong, no flag
        w("CATERPILLAR INC", tdate=None, owner=None,                  # date empty (flagged field),
          review="transaction date 0% (unread)", row=4),              # owner empty (field not named)
    ]                                                                 # Deere: missed
    senate_gold = [g("ELCM2 LLC", chamber="senate", owner="spouse")]
    senate_ws = [w("(S) ELCM2 LLC", owner="self", ndate=None)]        # owner wrong, no flag
    return gold_scorer.score([(house_gold, house_ws), (senate_gold, senate_ws)])


def test_score_counts_rows(scored):
    t = scored[0]["all"]
    assert (t.gold, t.ws, t.aligned, t.missed, t.extra, t.extra_unflagged) == (5, 5, 4, 1, 1, 0)
    assert t.flagged == 2  # the extra row and Caterpillar


def test_score_field_accuracy_and_flags(scored):
    t = scored[0]["all"]
    # transaction date: right on Apple and ELCM2; wrong on Boeing (silent, a value) and Caterpillar (empty)
    assert (t.right["transaction_date"], t.n_aligned["transaction_date"], t.n_gold["transaction_date"]) == (2, 4, 5)
    assert t.wrong_empty["transaction_date"] == 1
    assert t.wrong_no_flag["transaction_date"] == 1
    assert t.wrong_no_flag_value["transaction_date"] == 1
    assert t.wrong_field_unflagged["transaction_date"] == 0  # Caterpillar's date is named in review_reason
    # notification date: House rows only (the Senate form has no such column)
    assert (t.right["notification_date"], t.n_aligned["notification_date"], t.n_gold["notification_date"]) == (3, 3, 4)
    # owner: wrong on Caterpillar (empty, row flagged, owner not named) and ELCM2 (silent)
    assert (t.right["owner"], t.n_aligned["owner"], t.n_gold["owner"]) == (2, 4, 5)
    assert (t.wrong_empty["owner"], t.wrong_no_flag["owner"], t.wrong_field_unflagged["owner"]) == (1, 1, 1)
    assert (t.right["band"], t.right["transaction_type"]) == (4, 4)
    assert t.exact == 1  # Apple only


def test_score_splits_by_date_hand(scored):
    typed, hand = scored[0]["typed"], scored[0]["handwritten"]
    assert (typed.gold, typed.aligned, typed.missed, typed.ws, typed.flagged) == (4, 4, 0, 4, 1)
    assert (hand.gold, hand.aligned, hand.missed, hand.ws) == (1, 0, 1, 0)
    assert hand.n_gold["transaction_date"] == 1 and hand.right["transaction_date"] == 0


def test_disagreement_lines(scored):
    lines = scored[1]
    kinds = sorted((x["kind"], x["field"]) for x in lines)
    assert kinds == [("extra", "row"), ("missed", "row"), ("wrong", "owner"), ("wrong", "owner"),
                     ("wrong", "transaction_date"), ("wrong", "transaction_date")]


def test_summary_prints_the_figures(scored):
    text = gold_scorer.format_summary("tune", scored[0], 2)
    assert "gold rows 5, warstock rows 5, aligned 4, missed 1, extra 1" in text
    assert "2/4 = 50.0%" in text and "2/5 = 40.0%" in text
    assert "flagged for review: 2/5 = 40.0%" in text


# ---------------------------------------------------------------------------------------------
# the held-out half (benchmarks/gold/ocr/draw_holdout.py, gold_holdout.csv)


def test_parser_takes_every_half():
    for half in ("tune", "check", "holdout"):
        assert gold_scorer.parser().parse_args(["--half", half]).half == half
    with pytest.raises(SystemExit):
        gold_scorer.parser().parse_args(["--half", "other"])


def test_holdout_selection_is_disjoint_from_the_other_halves_and_matches_its_gold():
    sel = {h: gold_scorer.read_selection(h) for h in ("tune", "check", "holdout")}
    held = {d for _, d, _ in sel["holdout"]}
    assert len(sel["holdout"]) == 26 and len(held) == 17
    assert not held & {d for h in ("tune", "check") for _, d, _ in sel[h]}
    units = {(c, d, p) for c, d, p in sel["holdout"]}
    gold = gold_scorer.read_gold("holdout")
    assert len(gold) == 77
    for r in gold:  # every gold row lies on a page of the holdout selection
        key = (r["chamber"], r["doc_id"], int(r["page"]) if r["chamber"] == "house" else None)
        assert key in units, key


def test_every_half_is_its_own_pages_and_its_gold_lies_on_them():
    # page-level halves (holdout2 on) may share filings with earlier halves, never a page
    sel = {h: gold_scorer.read_selection(h) for h in gold_scorer.HALVES}
    for h in gold_scorer.HALVES:
        units = set(sel[h])
        assert units, h
        for other in gold_scorer.HALVES:
            if other != h:
                assert not units & set(sel[other]), (h, other)
        for r in gold_scorer.read_gold(h):
            key = (r["chamber"], r["doc_id"], int(r["page"]) if r["chamber"] == "house" else None)
            assert key in units, (h, key)
    assert len(sel["holdout5"]) == 7 and len(gold_scorer.read_gold("holdout5")) == 101


def test_units_for_reads_the_holdout_half_from_a_warehouse():
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    con.execute("""CREATE TABLE raw_house__transactions (doc_id VARCHAR, row_number INTEGER, page INTEGER,
        owner VARCHAR, asset_name VARCHAR, ticker VARCHAR, transaction_type VARCHAR, transaction_date DATE,
        notification_date DATE, amount_min_usd BIGINT, amount_max_usd BIGINT, needs_review BOOLEAN,
        review_reason VARCHAR, ocr_fields VARCHAR, read_method VARCHAR)""")
    con.execute("""CREATE TABLE raw_senate__transactions (doc_id VARCHAR, row_number INTEGER, comment VARCHAR,
        owner VARCHAR, asset_name VARCHAR, ticker VARCHAR, transaction_type VARCHAR, transaction_date DATE,
        amount_min_usd BIGINT, amount_max_usd BIGINT, needs_review BOOLEAN, review_reason VARCHAR,
        ocr_fields VARCHAR, read_method VARCHAR)""")
    # one House row as the gold reads it, one on a page outside the half, one not read by OCR
    con.execute("""INSERT INTO raw_house__transactions VALUES
        ('8221270', 1, 1, 'self', 'Sell AT&T Inc @ 25.51', NULL, 'sale', '2025-11-24', '2025-12-11', 1001, 15000,
         false, NULL, NULL, 'ocr'),
        ('8221270', 2, 2, 'self', 'Somewhere Else', NULL, 'sale', '2025-11-24', '2025-12-11', 1001, 15000,
         false, NULL, NULL, 'ocr'),
        ('8219470', 1, 1, 'joint', 'Synchrony Bank 4.9%', NULL, 'purchase', '2023-03-23', NULL, 100001, 250000,
         false, NULL, NULL, 'text')""")
    # a Senate row with the wrong band
    con.execute("""INSERT INTO raw_senate__transactions VALUES
        ('14607985-10ba-44a3-bd64-9840e003b06e', 1, '(page 2)', 'spouse', '(S) MH Four Winds LLC', NULL,
         'purchase', '2025-01-08', 500001, 1000000, true, 'amount 40% (F)', NULL, 'ocr')""")
    units = gold_scorer.units_for(con, "holdout")
    assert len(units) == 26
    assert sum(len(gd) for gd, _ in units) == 77
    assert sum(len(ws) for _, ws in units) == 2
    tallies, lines = gold_scorer.score(units)
    t = tallies["all"]
    assert (t.gold, t.aligned, t.missed, t.extra, t.exact) == (77, 2, 75, 0, 1)
    assert t.right["band"] == 1 and t.wrong_no_flag["band"] == 0
    wrong = [ln for ln in lines if ln["kind"] == "wrong"]
    assert [(ln["doc_id"], ln["field"], ln["gold_value"], ln["warstock_value"]) for ln in wrong] == [
        ("14607985-10ba-44a3-bd64-9840e003b06e", "band", "250001-500000", "500001-1000000")]
