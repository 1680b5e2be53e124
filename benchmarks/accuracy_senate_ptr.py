"""Accuracy of the Senate eFD PTR parser on the real pages in ../shared/data/senate/ptr.

    .venv/bin/python benchmarks/accuracy_senate_ptr.py [--shared ../shared/data] [--out benchmarks/results]

1. Row recall against an independent count: the <tr> elements inside each page's <tbody>,
   counted on the raw bytes.
2. Every field of every row against an independent reading of the same pages: Python's own
   html.parser (no lxml, none of the parser's code) collecting each <tbody> cell's text, with the
   STOCK Act's printed vocabulary mapped the same documented way (dates MM/DD/YYYY, owners,
   types, bands).
3. Field-by-field comparison with the other project's Senate parse
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
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy_house_ptr import FIELDS, align, norm_ticker  # noqa: E402
from warstock.amounts import parse_band  # noqa: E402
from warstock.sources import senate_ptr  # noqa: E402


class _Cells(HTMLParser):
    """Cell texts of the first table's <tbody> rows; the muted <div> under an asset name apart."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[list[str]]] = []  # row -> cell -> [main text, div text]
        self.in_body = self.in_cell = False
        self.div_depth = 0
        self.tables = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables += 1
        elif tag == "tbody" and self.tables == 1:
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.rows.append([])
        elif tag == "td" and self.in_body:
            self.in_cell = True
            self.rows[-1].append(["", ""])
        elif tag == "div" and self.in_cell:
            self.div_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self.in_body = False
        elif tag == "td":
            self.in_cell = False
        elif tag == "div" and self.div_depth:
            self.div_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.in_cell and self.rows and self.rows[-1]:
            self.rows[-1][-1][1 if self.div_depth else 0] += data


def _clean(t: str) -> str | None:
    t = " ".join(t.split())
    return None if t in ("", "--") else t


def independent(data: bytes) -> list[dict[str, Any]]:
    p = _Cells()
    p.feed(data.decode("utf-8", errors="replace"))
    out = []
    for cells in p.rows:
        if len(cells) != 9:
            out.append({"shape": len(cells)})
            continue
        num, tdate, owner, ticker, asset, atype, ttype, amount, comment = [c[0] for c in cells]
        m, d, y = (int(x) for x in tdate.strip().split("/"))
        band = parse_band(" ".join(amount.split()))
        out.append({
            "transaction_number": _clean(num), "transaction_date": date(y, m, d),
            "owner": INDEPENDENT_OWNERS[" ".join(owner.split()).upper()], "ticker": _clean(ticker),
            "asset_name": _clean(asset), "asset_details": _clean(cells[4][1]), "asset_type": _clean(atype),
            "transaction_type": INDEPENDENT_TYPES[" ".join(ttype.split()).upper()],
            "amount_min_usd": band.low, "amount_max_usd": band.high, "comment": _clean(comment),
        })
    return out


INDEPENDENT_OWNERS = {"SELF": "self", "SPOUSE": "spouse", "JOINT": "joint", "DEPENDENT CHILD": "dependent_child",
                      "CHILD": "dependent_child"}
INDEPENDENT_TYPES = {"PURCHASE": "purchase", "SALE (FULL)": "sale", "SALE": "sale", "SALE (PARTIAL)": "partial_sale",
                     "EXCHANGE": "exchange"}
INDEPENDENT_FIELDS = ("transaction_number", "transaction_date", "owner", "ticker", "asset_name", "asset_details",
                      "asset_type", "transaction_type", "amount_min_usd", "amount_max_usd", "comment")
# the peer names some categories differently; these pairs mean the same thing
EQUIVALENT = {("asset_type_code", "Stock Option", "Option"), ("owner", "dependent_child", "Child")}


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
    ind_agree: Counter[str] = Counter()
    ind_total: Counter[str] = Counter()
    ind_rows_out = []
    for path in sorted((shared / "senate" / "ptr").glob("*.html")):
        data = path.read_bytes()
        r = senate_ptr.parse(data, doc_id=path.stem)
        status[r.status] += 1
        if r.status not in ("parsed", "parsed_with_notes"):
            continue
        check = independent(data)
        if len(check) != len(r.records):
            ind_rows_out.append({"doc_id": path.stem, "field": "rows", "warstock": len(r.records),
                                 "independent": len(check)})
        for rec, chk in zip(r.records, check, strict=False):
            for f in INDEPENDENT_FIELDS:
                ind_total[f] += 1
                if rec.get(f) == chk.get(f):
                    ind_agree[f] += 1
                else:
                    ind_rows_out.append({"doc_id": path.stem, "field": f, "warstock": rec.get(f),
                                         "independent": chk.get(f)})
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
    equivalent: Counter[str] = Counter()
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
                elif (field, mine[i][field], prow[j][field]) in EQUIVALENT:
                    agree[field] += 1
                    equivalent[field] += 1
                else:
                    rows_out.append({"doc_id": doc_id, "field": field, "warstock": str(mine[i][field]),
                                     "peer": str(prow[j][field])})
    with open(out / "senate_ptr_disagreements.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["doc_id", "field", "warstock", "peer"])
        w.writeheader()
        w.writerows(rows_out)

    print(f"pages: {sum(status.values())}; statuses: {dict(status)}")
    print(f"row recall vs <tr> count: {found}/{expected} = {found / max(expected, 1):.4%}")
    it = sum(ind_total.values())
    print(f"fields vs an independent reading (stdlib html.parser): {sum(ind_agree.values())}/{it} = "
          f"{sum(ind_agree.values()) / max(it, 1):.4%}")
    for f in INDEPENDENT_FIELDS:
        print(f"   {f:18s} {ind_agree[f]}/{ind_total[f]} = {ind_agree[f] / max(ind_total[f], 1):.4%}")
    for x in ind_rows_out[:20]:
        print("   differs:", x)
    with open(out / "senate_ptr_independent_disagreements.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["doc_id", "field", "warstock", "independent"])
        w.writeheader()
        w.writerows(ind_rows_out)
    print(f"reports in both: {len(peers)}; peer rows {sum(len(v) for v in peers.values())}; "
          f"warstock rows {sum(len(parsed[d]) for d in peers)}; only warstock {only_ours}; only peer {only_peer}")
    total = sum(compared.values())
    print(f"fields agreeing with the peer on aligned rows: {sum(agree.values())}/{total} = "
          f"{sum(agree.values()) / max(total, 1):.4%} (of which {sum(equivalent.values())} are the same category "
          f"named differently: {dict(equivalent)})")
    for field in FIELDS:
        print(f"   {field:18s} {agree[field]}/{compared[field]} = {agree[field] / max(compared[field], 1):.4%}")
    kinds = Counter((r["field"], r["warstock"] if r["field"] in ("asset_type_code", "owner") else "",
                     r["peer"] if r["field"] in ("asset_type_code", "owner") else "") for r in rows_out)
    print("disagreements (field, warstock, peer):")
    for (field, a, b), n in kinds.most_common(25):
        print(f"   {n:5d}  {field:16s} {a} | {b}")


if __name__ == "__main__":
    main()
