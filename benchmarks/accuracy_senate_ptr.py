"""Accuracy of the Senate eFD PTR parser on the real pages in ../shared/data/senate/ptr.

    .venv/bin/python benchmarks/accuracy_senate_ptr.py [--shared ../shared/data] [--out benchmarks/results]

1. Row recall against an independent count: the <tr> elements inside each page's <tbody>,
   counted on the raw bytes.
2. Field-by-field comparison with the other project's Senate parse
   (peers/congress-trading-signal/senate/<year>/06_senate_<year>_FINAL.csv) on the reports both
   have, rows aligned per report as in accuracy_house_ptr.py; every disagreement is written to
   <out>/senate_ptr_disagreements.csv.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy_house_ptr import FIELDS, align, norm_ticker  # noqa: E402
from warstock.amounts import parse_band  # noqa: E402
from warstock.sources import senate_ptr  # noqa: E402

PEER_TYPES = {"Purchase": "purchase", "Sale": "sale", "Sale (Full)": "sale", "Sale (Partial)": "partial_sale",
              "Exchange": "exchange"}
PEER_OWNERS = {"Self": "self", "Spouse": "spouse", "Joint": "joint", "Dependent Child": "dependent_child",
               "SELF": "self", "SP": "spouse", "JT": "joint", "DC": "dependent_child"}


def ours(rec: dict[str, Any]) -> dict[str, Any]:
    return {"owner": rec["owner"], "ticker": norm_ticker(rec["ticker"]), "asset_type_code": rec["asset_type"],
            "transaction_type": rec["transaction_type"], "transaction_date": rec["transaction_date"],
            "amount": (rec["amount_min_usd"], rec["amount_max_usd"]), "asset": rec["asset_name"] or ""}


def peer(r: dict[str, str]) -> dict[str, Any]:
    try:
        b = parse_band(r["amount_range"])
        amount: tuple[int | None, int | None] = (b.low, b.high)
    except ValueError:
        amount = (None, None)
    return {"owner": PEER_OWNERS.get(r["owner"], r["owner"]), "ticker": norm_ticker(r["ticker"]),
            "asset_type_code": r["asset_type"] or None,
            "transaction_type": PEER_TYPES.get(r["operation_type"], r["operation_type"]),
            "transaction_date": date.fromisoformat(r["transaction_date"]) if r["transaction_date"] else None,
            "amount": amount, "asset": r["asset_description"] or ""}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "results"))
    args = ap.parse_args()
    shared, out = Path(args.shared), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    status: Counter[str] = Counter()
    parsed: dict[str, list[dict[str, Any]]] = {}
    found = expected = 0
    for path in sorted((shared / "senate" / "ptr").glob("*.html")):
        data = path.read_bytes()
        r = senate_ptr.parse(data, doc_id=path.stem)
        status[r.status] += 1
        if r.status not in ("parsed", "parsed_with_notes"):
            continue
        body = data.split(b"<tbody>", 1)[1].split(b"</tbody>", 1)[0] if b"<tbody>" in data else b""
        expected += len(re.findall(rb"<tr[\s>]", body))
        found += len(r.records)
        parsed[path.stem] = [ours(x) for x in r.records]

    peers: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in sorted((shared / "peers" / "congress-trading-signal" / "senate").glob("*/06_senate_*_FINAL.csv")):
        with open(f, newline="", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                if r["doc_id"] in parsed:
                    peers[r["doc_id"]].append(peer(r))

    agree: Counter[str] = Counter()
    compared: Counter[str] = Counter()
    only_ours = only_peer = 0
    rows_out = []
    for doc_id, prow in peers.items():
        mine = parsed[doc_id]
        pairs, uo, up = align(mine, prow)
        only_ours += len(uo)
        only_peer += len(up)
        for i in uo:
            rows_out.append({"doc_id": doc_id, "field": "row", "warstock": f"{mine[i]['asset'][:60]} | "
                             f"{mine[i]['transaction_date']}", "peer": ""})
        for j in up:
            rows_out.append({"doc_id": doc_id, "field": "row", "warstock": "",
                             "peer": f"{prow[j]['asset'][:60]} | {prow[j]['transaction_date']}"})
        for i, j in pairs:
            for field in FIELDS:
                compared[field] += 1
                if mine[i][field] == prow[j][field]:
                    agree[field] += 1
                else:
                    rows_out.append({"doc_id": doc_id, "field": field, "warstock": str(mine[i][field]),
                                     "peer": str(prow[j][field])})
    with open(out / "senate_ptr_disagreements.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["doc_id", "field", "warstock", "peer"])
        w.writeheader()
        w.writerows(rows_out)

    print(f"pages: {sum(status.values())}; statuses: {dict(status)}")
    print(f"row recall vs <tr> count: {found}/{expected} = {found / max(expected, 1):.4%}")
    print(f"reports in both: {len(peers)}; peer rows {sum(len(v) for v in peers.values())}; "
          f"warstock rows {sum(len(parsed[d]) for d in peers)}; only warstock {only_ours}; only peer {only_peer}")
    total = sum(compared.values())
    print(f"fields agreeing on aligned rows: {sum(agree.values())}/{total} = {sum(agree.values()) / max(total, 1):.4%}")
    for field in FIELDS:
        print(f"   {field:18s} {agree[field]}/{compared[field]} = {agree[field] / max(compared[field], 1):.4%}")
    kinds = Counter((r["field"], r["warstock"] if r["field"] in ("asset_type_code", "owner") else "",
                     r["peer"] if r["field"] in ("asset_type_code", "owner") else "") for r in rows_out)
    print("disagreements (field, warstock, peer):")
    for (field, a, b), n in kinds.most_common(25):
        print(f"   {n:5d}  {field:16s} {a} | {b}")


if __name__ == "__main__":
    main()
