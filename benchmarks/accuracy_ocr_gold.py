"""OCR accuracy against the by-eye gold of issue 11 (benchmarks/gold/ocr/gold_<half>.csv).

    PYTHONPATH=src .venv/bin/python benchmarks/accuracy_ocr_gold.py --half HALF [--home DIR]

(HALF: tune, check, holdout, holdout2, holdout3 or holdout4.)

For every (filing, page) of the chosen half in benchmarks/gold/ocr/selection.csv, the rows a
person read off the page image (gold) are set beside the rows warstock's OCR wrote to the
warehouse (default $WARSTOCK_HOME; opened read-only): House pages from raw_house__transactions
(read_method 'ocr', same doc_id and page), Senate paper filings from raw_senate__transactions
(read_method 'ocr', the whole filing: that table has no page column). A page of the half with no
gold row (an empty form page) still counts: every warstock row on it is an extra row.

Alignment, per page (per filing for the Senate), keeping both sides in order:
  1. the asset names are normalised (upper case, letters and digits only, a leading owner code
     such as "(S)" or "SP" dropped) and compared with difflib's ratio; the gold name is also
     tried with its ticker appended (the forms often print "Name - TICK") and the better ratio
     kept;
  2. an order-keeping alignment (dynamic programming, the Needleman-Wunsch recurrence with no
     gap cost) pairs rows so that the sum of the ratios is largest, pairing only rows whose
     ratio is at least PAIR_MIN (0.5);
  3. between two paired rows (or the page's ends), a run of unpaired gold rows and a run of
     unpaired warstock rows of the same length pair up by position: OCR that garbled a name
     still read the row in its place.
A gold row left without a partner is a missed row; a warstock row left without one is an extra.

Fields scored: transaction date, notification date (House only: the Senate paper form has no
such column; a gold notification date left empty because the cell is empty is right only when
warstock also has none), owner, band (amount_low and amount_high both equal), type. Accuracy is
given on aligned rows and over all gold rows (a missed row counts as wrong in every field).
An exact row: every scored field right and the asset recognisable, i.e. its similarity (step 1)
at least EXACT_ASSET_MIN (0.8).

Flags: a row is flagged when needs_review is true. A field is flagged when review_reason has a
part (parts are separated by ";") naming it: "transaction date", "notification date", "owner",
"amount" (the band), "type" (not "asset type"). A wrong value "carries no flag" when its row is
not flagged (then no field of it is). Also counted: wrong values whose own field is not flagged
even though the row is flagged for something else. ocr_fields confidences are not flags: a user
sees needs_review and review_reason only.

Figures are split by the gold's date_hand (typed / handwritten). Prints the summary and writes it
to benchmarks/results/accuracy_ocr_gold_<half>.txt; every disagreement, missed and extra row to
benchmarks/results/ocr_gold_<half>_disagreements.csv.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold" / "ocr"
OUT = ROOT / "benchmarks" / "results"

PAIR_MIN = 0.5
EXACT_ASSET_MIN = 0.8
# holdout*: gold/ocr/draw_holdout*.py, read blind
HALVES = ("tune", "check", "holdout", "holdout2", "holdout3", "holdout4", "holdout5")
FIELDS = ("transaction_date", "notification_date", "owner", "band", "transaction_type")
GROUPS = ("all", "typed", "handwritten")
_FLAG_RX = {
    "transaction_date": re.compile(r"\btransaction date\b"),
    "notification_date": re.compile(r"\bnotification date\b"),
    "owner": re.compile(r"\bowner\b"),
    "band": re.compile(r"\bamount\b"),
    "transaction_type": re.compile(r"(?<!asset )\btype\b"),
}
_OWNER_PREFIX = re.compile(r"^\s*(\((S|SP|J|JT|DC)\)|(SP|JT|DC)\s)\s*", re.I)


# ---------------------------------------------------------------------------------------------
# pure functions: names, alignment, one row's comparison, tallies


def normalise_asset(name: str | None) -> str:
    s = _OWNER_PREFIX.sub("", name or "")
    s = re.sub(r"[^A-Z0-9]+", " ", s.upper())
    return " ".join(s.split())


def asset_similarity(gold_asset: str, gold_ticker: str, ws_asset: str | None) -> float:
    """difflib ratio of the normalised names; the gold name is also tried with its ticker."""
    w = normalise_asset(ws_asset)
    if not w:
        return 0.0
    best = 0.0
    for g in {normalise_asset(gold_asset), normalise_asset(f"{gold_asset} {gold_ticker}")}:
        if g:
            best = max(best, difflib.SequenceMatcher(None, g, w, autojunk=False).ratio())
    return best


def align(sim: list[list[float]], pair_min: float = PAIR_MIN) -> list[tuple[int | None, int | None]]:
    """Order-keeping alignment of gold rows (sim's rows) to warstock rows (its columns).

    Returns every gold and every warstock index once, in order: (i, j) for a pair, (i, None) for
    a missed gold row, (None, j) for an extra warstock row."""
    n = len(sim)
    m = len(sim[0]) if n else 0
    # best[i][j]: the largest total similarity aligning gold[i:] with warstock[j:]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            v = max(best[i + 1][j], best[i][j + 1])
            if sim[i][j] >= pair_min:
                v = max(v, sim[i][j] + best[i + 1][j + 1])
            best[i][j] = v
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] >= pair_min and abs(best[i][j] - (sim[i][j] + best[i + 1][j + 1])) < 1e-9:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif abs(best[i][j] - best[i + 1][j]) < 1e-9:
            i += 1
        else:
            j += 1
    # runs of equal length between anchors pair up by position
    anchors = [(-1, -1), *pairs, (n, m)]
    full: list[tuple[int | None, int | None]] = []
    for (a_i, a_j), (b_i, b_j) in zip(anchors, anchors[1:], strict=False):
        gi, wj = list(range(a_i + 1, b_i)), list(range(a_j + 1, b_j))
        if gi and len(gi) == len(wj):
            full += list(zip(gi, wj, strict=True))
        else:
            full += [(x, None) for x in gi] + [(None, y) for y in wj]
        if (b_i, b_j) != (n, m):
            full.append((b_i, b_j))
    return full


def field_flagged(review_reason: str | None, fld: str) -> bool:
    parts = [p.strip().lower() for p in (review_reason or "").split(";")]
    return any(_FLAG_RX[fld].search(p) for p in parts if p)


def gold_value(g: dict[str, str], fld: str) -> Any:
    if fld == "band":
        return (g["amount_low"] or None, g["amount_high"] or None)
    return g[fld] or None


def ws_value(w: dict[str, Any], fld: str) -> Any:
    if fld == "band":
        lo, hi = w.get("amount_min_usd"), w.get("amount_max_usd")
        return (str(lo) if lo is not None else None, str(hi) if hi is not None else None)
    v = w.get(fld)
    return str(v) if v not in (None, "") else None


def applies(g: dict[str, str], fld: str) -> bool:
    """The Senate paper form has no notification-date column."""
    return not (fld == "notification_date" and g["chamber"] == "senate")


@dataclass
class Compared:
    """One aligned pair: per field (right?, gold value, warstock value, field flagged?)."""
    fields: dict[str, tuple[bool, Any, Any, bool]]
    asset_sim: float
    row_flagged: bool

    @property
    def exact(self) -> bool:
        return self.asset_sim >= EXACT_ASSET_MIN and all(ok for ok, *_ in self.fields.values())


def compare(g: dict[str, str], w: dict[str, Any]) -> Compared:
    out = {}
    for fld in FIELDS:
        if not applies(g, fld):
            continue
        gv, wv = gold_value(g, fld), ws_value(w, fld)
        out[fld] = (gv == wv, gv, wv, field_flagged(w.get("review_reason"), fld))
    return Compared(out, asset_similarity(g["asset"], g.get("ticker", ""), w.get("asset_name")),
                    bool(w.get("needs_review")))


@dataclass
class Tally:
    gold: int = 0
    aligned: int = 0
    missed: int = 0
    ws: int = 0  # warstock rows (aligned + extra); in a date_hand group: aligned only
    extra: int = 0
    extra_unflagged: int = 0
    flagged: int = 0  # warstock rows with needs_review
    exact: int = 0
    right: Counter[str] = field(default_factory=Counter)
    n_aligned: Counter[str] = field(default_factory=Counter)  # aligned rows the field applies to
    n_gold: Counter[str] = field(default_factory=Counter)  # gold rows the field applies to
    wrong_empty: Counter[str] = field(default_factory=Counter)  # wrong because warstock left it empty
    wrong_no_flag: Counter[str] = field(default_factory=Counter)  # row not flagged
    wrong_no_flag_value: Counter[str] = field(default_factory=Counter)  # row not flagged, a value (not empty)
    wrong_field_unflagged: Counter[str] = field(default_factory=Counter)  # row flagged, field not

    def add_gold(self, g: dict[str, str], c: Compared | None) -> None:
        self.gold += 1
        for fld in FIELDS:
            if applies(g, fld):
                self.n_gold[fld] += 1
        if c is None:
            self.missed += 1
            return
        self.aligned += 1
        self.exact += c.exact
        for fld, (ok, _gv, wv, fflag) in c.fields.items():
            self.n_aligned[fld] += 1
            self.right[fld] += ok
            empty = wv is None or wv == (None, None)
            if not ok and empty:
                self.wrong_empty[fld] += 1
            if not ok and not c.row_flagged:
                self.wrong_no_flag[fld] += 1
                self.wrong_no_flag_value[fld] += not empty
            elif not ok and not fflag:
                self.wrong_field_unflagged[fld] += 1

    def add_ws(self, w: dict[str, Any], extra: bool) -> None:
        self.ws += 1
        self.flagged += bool(w.get("needs_review"))
        if extra:
            self.extra += 1
            self.extra_unflagged += not w.get("needs_review")


def score(units: list[tuple[list[dict[str, str]], list[dict[str, Any]]]]
          ) -> tuple[dict[str, Tally], list[dict[str, Any]]]:
    """Tallies per group (all, typed, handwritten) and the disagreement lines, for a list of
    (gold rows, warstock rows) units, each unit one page (or one Senate filing), in order."""
    tallies = {k: Tally() for k in GROUPS}
    lines: list[dict[str, Any]] = []
    for gold, ws in units:
        sim = [[asset_similarity(g["asset"], g.get("ticker", ""), w.get("asset_name")) for w in ws] for g in gold]
        for gi, wj in align(sim):
            g = gold[gi] if gi is not None else None
            w = ws[wj] if wj is not None else None
            c = compare(g, w) if g is not None and w is not None else None
            groups = ["all"] + ([g["date_hand"]] if g is not None and g.get("date_hand") in tallies else [])
            for k in groups:
                if g is not None:
                    tallies[k].add_gold(g, c)
                if w is not None and (k == "all" or g is not None):
                    tallies[k].add_ws(w, extra=g is None)
            base = _line_base(g, w)
            if c is None:
                lines.append({**base, "field": "row", "gold_value": "" if g is None else "trade",
                              "warstock_value": "" if w is None else "trade",
                              "kind": "missed" if w is None else "extra"})
                continue
            for fld, (ok, gv, wv, fflag) in c.fields.items():
                if not ok:
                    lines.append({**base, "field": fld, "gold_value": _show(gv), "warstock_value": _show(wv),
                                  "kind": "wrong", "field_flagged": fflag})
            if c.asset_sim < EXACT_ASSET_MIN:
                lines.append({**base, "field": "asset", "gold_value": g["asset"] if g else "",
                              "warstock_value": (w or {}).get("asset_name") or "", "kind": "asset_unrecognisable",
                              "field_flagged": "", "asset_similarity": round(c.asset_sim, 2)})
    return tallies, lines


def _show(v: Any) -> str:
    if isinstance(v, tuple):
        return "-".join("" if x is None else str(x) for x in v)
    return "" if v is None else str(v)


def _line_base(g: dict[str, str] | None, w: dict[str, Any] | None) -> dict[str, Any]:
    src = g or {}
    return {"chamber": src.get("chamber") or (w or {}).get("_chamber", ""),
            "doc_id": src.get("doc_id") or (w or {}).get("doc_id", ""),
            "page": src.get("page") or (w or {}).get("page") or "",
            "gold_row": src.get("row", ""), "warstock_row_number": (w or {}).get("row_number", ""),
            "date_hand": src.get("date_hand", ""), "legibility": src.get("legibility", ""),
            "gold_asset": src.get("asset", ""), "warstock_asset": (w or {}).get("asset_name") or "",
            "needs_review": "" if w is None else bool(w.get("needs_review")),
            "review_reason": (w or {}).get("review_reason") or ""}


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.1%}" if b else f"{a}/0 = n/a"


def format_summary(half: str, tallies: dict[str, Tally], pages: int) -> str:
    out = [f"OCR against the by-eye gold, {half} half: {pages} page units (House pages and Senate filings)"]
    for k in GROUPS:
        t = tallies[k]
        if k != "all" and t.gold == 0:
            out.append(f"\n[{k}] no gold rows")
            continue
        head = "all rows" if k == "all" else f"transaction date {k}"
        out.append(f"\n[{head}] gold rows {t.gold}, warstock rows {t.ws}"
                   + (" (aligned to these gold rows)" if k != "all" else "")
                   + f", aligned {t.aligned}, missed {t.missed}"
                   + (f", extra {t.extra} ({t.extra_unflagged} of them not flagged)" if k == "all" else ""))
        out.append(f"  {'field':18s} {'on aligned rows':>18s} {'over all gold rows':>19s} {'wrong':>7s}"
                   f" {'left empty':>12s} {'no flag':>9s} {'no flag, a value':>18s} {'field unflagged':>17s}")
        for fld in FIELDS:
            if not t.n_gold[fld]:
                continue
            wrong = t.n_aligned[fld] - t.right[fld]
            out.append(f"  {fld:18s} {_pct(t.right[fld], t.n_aligned[fld]):>18s} "
                       f"{_pct(t.right[fld], t.n_gold[fld]):>19s} {wrong:>7d} {t.wrong_empty[fld]:>12d} "
                       f"{t.wrong_no_flag[fld]:>9d} {t.wrong_no_flag_value[fld]:>18d} "
                       f"{t.wrong_no_flag[fld] + t.wrong_field_unflagged[fld]:>17d}")
        out.append(f"  exact rows (all fields right, asset similarity >= {EXACT_ASSET_MIN}): "
                   f"on aligned {_pct(t.exact, t.aligned)}; over all gold rows {_pct(t.exact, t.gold)}")
        out.append(f"  warstock rows flagged for review: {_pct(t.flagged, t.ws)}")
    out.append("\nwrong: wrong values on aligned rows; left empty: of them, warstock has no value; no flag: of them,"
               "\non rows warstock did not flag at all (the silent errors); no flag, a value: of those, warstock"
               "\nhas a value (not empty) that is wrong; field unflagged: wrong values whose field is not named in"
               "\nreview_reason (silent ones included). Missed rows count as wrong in 'over all gold rows' only.")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# files and the warehouse


def read_selection(half: str) -> list[tuple[str, str, int | None]]:
    with (GOLD / "selection.csv").open(newline="") as f:
        return [(r["chamber"], r["doc_id"], int(r["page"]) if r["page"] else None)
                for r in csv.DictReader(f) if r["half"] == half]


def read_gold(half: str) -> list[dict[str, str]]:
    with (GOLD / f"gold_{half}.csv").open(newline="") as f:
        return list(csv.DictReader(f))


def warehouse_rows(con: Any, chamber: str, doc_id: str, page: int | None) -> list[dict[str, Any]]:
    if chamber == "house":
        cols = ["doc_id", "row_number", "page", "owner", "asset_name", "ticker", "transaction_type",
                "transaction_date", "notification_date", "amount_min_usd", "amount_max_usd", "needs_review",
                "review_reason", "ocr_fields"]
        q = (f"SELECT {', '.join(cols)} FROM raw_house__transactions WHERE read_method = 'ocr' "
             "AND doc_id = ? AND page = ? ORDER BY row_number")
        params: list[Any] = [doc_id, page]
    else:
        cols = ["doc_id", "row_number", "comment", "owner", "asset_name", "ticker", "transaction_type",
                "transaction_date", "amount_min_usd", "amount_max_usd", "needs_review", "review_reason",
                "ocr_fields"]
        q = (f"SELECT {', '.join(cols)} FROM raw_senate__transactions WHERE read_method = 'ocr' "
             "AND doc_id = ? ORDER BY row_number")
        params = [doc_id]
    rows = [dict(zip(cols, r, strict=True)) for r in con.execute(q, params).fetchall()]
    for r in rows:
        r["_chamber"] = chamber
        r["ocr_fields"] = json.loads(r["ocr_fields"]) if r.get("ocr_fields") else {}
        if chamber == "senate":
            m = re.search(r"\(page (\d+)\)", r.get("comment") or "")
            r["page"] = int(m.group(1)) if m else None
    return rows


def units_for(con: Any, half: str) -> list[tuple[list[dict[str, str]], list[dict[str, Any]]]]:
    gold = read_gold(half)
    units = []
    for chamber, doc, page in read_selection(half):
        g = [r for r in gold if r["chamber"] == chamber and r["doc_id"] == doc
             and (page is None or r["page"] == str(page))]
        g.sort(key=lambda r: (int(r["page"] or 0), int(r["row"])) if chamber == "house" else int(r["row"]))
        units.append((g, warehouse_rows(con, chamber, doc, page)))
    return units


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--half", choices=HALVES, required=True)
    ap.add_argument("--home", help="warstock home holding warstock.duckdb (default $WARSTOCK_HOME)")
    return ap


def main() -> int:
    import duckdb

    from warstock.settings import get_settings

    args = parser().parse_args()
    if not (GOLD / f"gold_{args.half}.csv").exists():
        print(f"{GOLD / f'gold_{args.half}.csv'} not found", file=sys.stderr)
        return 2
    db = get_settings(args.home).db_path
    if not db.exists():
        print(f"no warehouse at {db}", file=sys.stderr)
        return 2
    con = duckdb.connect(str(db), read_only=True)
    units = units_for(con, args.half)
    tallies, lines = score(units)
    text = format_summary(args.half, tallies, len(units))
    print(text)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"accuracy_ocr_gold_{args.half}.txt").write_text(text + "\n", encoding="utf-8")
    cols = ["chamber", "doc_id", "page", "gold_row", "warstock_row_number", "kind", "field", "gold_value",
            "warstock_value", "needs_review", "field_flagged", "review_reason", "date_hand", "legibility",
            "gold_asset", "warstock_asset", "asset_similarity"]
    with (OUT / f"ocr_gold_{args.half}_disagreements.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        w.writerows(lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
