"""OCR accuracy of the scanned House PTRs against the other project's OCR parse.

Reads a warehouse where `warstock ocr` has run (default $WARSTOCK_HOME or ./var) and the
peer's `06b_house_YYYY_ocr_transactions.csv` files in ../shared/data/peers. Rows are aligned per
document in document order: identical asset keys first (difflib's longest matching blocks),
then the rows between two matched blocks pair up by position when both sides have the same
number. Prints row counts, row recall, and field agreement on aligned rows; writes every
disagreement to benchmarks/results/ocr_disagreements.csv.

    .venv/bin/python benchmarks/accuracy_ocr.py [--home DIR]
"""

from __future__ import annotations

import argparse
import csv
import difflib
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import duckdb

from warstock.amounts import BandError, parse_band
from warstock.settings import get_settings

ROOT = Path(__file__).resolve().parents[1]
PEERS = ROOT.parent / "shared" / "data" / "peers" / "congress-trading-signal" / "house"
OUT = ROOT / "benchmarks" / "results"
TYPES = {"purchase": "purchase", "sale": "sale", "sale (partial)": "partial_sale", "partial sale": "partial_sale",
         "exchange": "exchange", "sale (full)": "sale"}
OWNERS = {"self": "self", "spouse": "spouse", "joint tenancy": "joint", "joint": "joint",
          "dependent child": "dependent_child"}


def key(name: str | None) -> str:
    return re.sub(r"[^A-Z0-9]", "", (name or "").upper())[:14]


def peer_rows() -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = defaultdict(list)
    for f in sorted(PEERS.glob("*/06b_house_*_ocr_transactions.csv")):
        with f.open(newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                out[r["doc_id"]].append(r)
    return out


def align(ours: list[dict], theirs: list[dict]) -> list[tuple[int, int]]:
    a = [key(r["asset_name"]) for r in ours]
    b = [key(r["asset_description"]) for r in theirs]
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    pairs: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs += list(zip(range(i1, i2), range(j1, j2), strict=True))
        elif tag == "replace":  # unequal stretches: pair the most similar names greedily, in order
            j = j1
            for i in range(i1, i2):
                best = max(range(j, j2), key=lambda k: difflib.SequenceMatcher(None, a[i], b[k]).ratio(), default=None)
                if best is not None and difflib.SequenceMatcher(None, a[i], b[best]).ratio() >= 0.5:
                    pairs.append((i, best))
                    j = best + 1
    return pairs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home")
    args = ap.parse_args()
    if not PEERS.is_dir():
        print(f"peer files not found at {PEERS}: nothing to compare", file=sys.stderr)
        return 2
    con = duckdb.connect(str(get_settings(args.home).db_path), read_only=True)
    ocr_docs = {d: (st, n) for d, st, n in con.execute(
        "SELECT doc_id, status, doc_rows FROM raw_parse__documents WHERE source = 'house_ptr_ocr'").fetchall()}
    cols = ["doc_id", "row_number", "page", "owner", "asset_name", "transaction_type", "transaction_date",
            "amount_min_usd", "amount_max_usd", "ocr_confidence", "needs_review"]
    ours_by_doc: dict[str, list[dict]] = defaultdict(list)
    for r in con.execute(f"SELECT {', '.join(cols)} FROM raw_house__transactions WHERE parser_version LIKE "
                         "'house_ptr_ocr/%' ORDER BY doc_id, row_number").fetchall():
        ours_by_doc[r[0]].append(dict(zip(cols, r, strict=True)))
    peers = peer_rows()
    shared = sorted(d for d in peers if d in ocr_docs)
    print(f"documents: {len(ocr_docs)} OCR'd by warstock, {len(peers)} in the peer's OCR files, {len(shared)} in both")
    print(f"peer documents warstock did not OCR: {sorted(set(peers) - set(ocr_docs))[:20]}")
    agree: Counter[str] = Counter()
    total: Counter[str] = Counter()
    agree_unflagged: Counter[str] = Counter()
    total_unflagged: Counter[str] = Counter()
    partial_vs_sale = 0
    n_ours = n_peer = n_pairs = 0
    per_doc = []
    disagreements = []
    for d in shared:
        ours, theirs = ours_by_doc.get(d, []), peers[d]
        pairs = align(ours, theirs)
        n_ours += len(ours)
        n_peer += len(theirs)
        n_pairs += len(pairs)
        per_doc.append((d, len(ours), len(theirs), len(pairs)))
        for i, j in pairs:
            o, t = ours[i], theirs[j]
            try:
                band = parse_band(t["amount_range"])
                peer_amount: tuple[int, int | None] | None = (band.low, band.high)
            except BandError:
                peer_amount = None
            checks = {
                "amount": ((o["amount_min_usd"], o["amount_max_usd"]), peer_amount),
                "type": (o["transaction_type"], TYPES.get(t["operation_type"].strip().lower())),
                "date": (str(o["transaction_date"]) if o["transaction_date"] else None, t["transaction_date"] or None),
                "owner": (o["owner"], OWNERS.get(t["owner"].strip().lower(), "self")),
            }
            for f, (ov, tv) in checks.items():
                if tv is None:
                    continue
                total[f] += 1
                if not o["needs_review"]:
                    total_unflagged[f] += 1
                if f == "type" and (ov, tv) == ("partial_sale", "sale"):
                    partial_vs_sale += 1  # the form's "Partial" box ticked beside Sale: the peer keeps "sale"
                if ov == tv:
                    agree[f] += 1
                    if not o["needs_review"]:
                        agree_unflagged[f] += 1
                else:
                    disagreements.append({"doc_id": d, "page": o["page"], "row_number": o["row_number"], "field": f,
                                          "warstock": ov, "peer": tv, "asset_warstock": o["asset_name"],
                                          "asset_peer": t["asset_description"], "ocr_confidence": o["ocr_confidence"],
                                          "needs_review": o["needs_review"]})
    print(f"rows: warstock {n_ours}, peer {n_peer} on the {len(shared)} shared documents")
    print(f"row recall (peer rows aligned to a warstock row): {n_pairs}/{n_peer} = {n_pairs / max(1, n_peer):.2%}")
    print(f"row count recall (sum of min(ours, peer) per document): "
          f"{sum(min(a, b) for _, a, b, _ in per_doc)}/{n_peer} = "
          f"{sum(min(a, b) for _, a, b, _ in per_doc) / max(1, n_peer):.2%}")
    print("field agreement on aligned rows (all rows | rows warstock did not flag for review):")
    for f in ("amount", "type", "date", "owner"):
        print(f"  {f:7s} {agree[f]}/{total[f]} = {agree[f] / max(1, total[f]):.2%} | "
              f"{agree_unflagged[f]}/{total_unflagged[f]} = {agree_unflagged[f] / max(1, total_unflagged[f]):.2%}")
    print(f"  of the type disagreements, {partial_vs_sale} are warstock 'partial_sale' where the peer has 'sale' "
          "(the form's Partial box is ticked beside Sale)")
    unflagged = sum(1 for d in shared for r in ours_by_doc.get(d, []) if not r["needs_review"])
    print(f"rows flagged for review: {n_ours - unflagged}/{n_ours} = {(n_ours - unflagged) / max(1, n_ours):.1%}")
    flagged = [x for x in disagreements if x["needs_review"]]
    print(f"disagreements: {len(disagreements)} ({len(flagged)} on rows warstock flagged for review)")
    print("largest row-count gaps (doc, warstock, peer, aligned):")
    for row in sorted(per_doc, key=lambda r: -abs(r[1] - r[2]))[:12]:
        print("  ", *row)
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "ocr_disagreements.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(disagreements[0]) if disagreements else ["doc_id"])
        w.writeheader()
        w.writerows(disagreements)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
