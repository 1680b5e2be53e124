"""The backfill since 2012: documents per year and chamber, and the projected wall time.

Counts: the House Clerk's yearly indexes in ../shared/data/house/index (2020-2026; 2026 is
partial, the snapshot was taken about June 2026). Years without an index here (2012-2019) are
estimated as the mean of the complete indexed years, and the paper share as 2020's (the
highest of the indexed years). The Senate has no index here: its PTRs per year are estimated
from another project's collection (peers/congress-trading-signal, 2023-2025: reports with at
least one trade), its annual reports as one per senator. Costs per document come from
benchmarks/speed_dask.py (give them as options).

Projected wall time on N workers = max(worker seconds / N, client load seconds) + derive:
workers parse and OCR in parallel while the client loads each result as it arrives, so
the larger of the two sets the pace; derive runs once at the end on the client. Fetching the
documents (network, rate-limited) is not in it.

    .venv/bin/python benchmarks/backfill_plan.py [--ptr 0.073] [--ocr-page 1.5] ...
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
INDEX = ROOT.parent / "shared" / "data" / "house" / "index"
YEARS = range(2012, 2027)
ANNUAL = ("O", "A", "T", "H")  # original annual, amendment, termination, new filer (members' Form A reports)
SENATE_PTR_PER_YEAR = round((114 + 129 + 166) / 3)  # peer collection 2023-2025
SENATE_PAPER_SHARE = (15 + 14 + 21) / (114 + 129 + 166)
SENATE_ANNUAL_PER_YEAR = 100
SENATE_PAGES_PER_PAPER = 4  # the 4 paper filings here: 16 GIF pages
HOUSE_OCR_PAGES_PER_PAPER = 1072 / 156  # the House paper PTRs OCR'd here: pages per filing
HOUSE_TEXT_PAGES = 997 / 324


def paper(doc_id: str) -> bool:
    return len(doc_id) == 7 and doc_id[:1] in "89"  # the Clerk's scanned filings


def house_counts() -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    for path in sorted(INDEX.glob("*FD.xml")):
        year = int(re.match(r"(\d{4})", path.name).group(1))  # type: ignore[union-attr]
        members = etree.parse(str(path)).getroot()
        ptr = [m.findtext("DocID") or "" for m in members if m.findtext("FilingType") == "P"]
        ann = [m.findtext("DocID") or "" for m in members if m.findtext("FilingType") in ANNUAL]
        out[year] = {"ptr": len(ptr), "ptr_paper": sum(map(paper, ptr)), "annual": len(ann),
                     "annual_paper": sum(map(paper, ann)), "indexed": True}
    complete = [y for y in out if y <= 2025]
    mean_ptr = sum(out[y]["ptr"] for y in complete) / len(complete)
    mean_ann = sum(out[y]["annual"] for y in complete if y <= 2024) / len([y for y in complete if y <= 2024])
    first = min(out)
    share = out[first]["ptr_paper"] / out[first]["ptr"]
    ann_share = out[first]["annual_paper"] / out[first]["annual"]
    for y in YEARS:
        if y not in out:
            out[y] = {"ptr": round(mean_ptr), "ptr_paper": round(mean_ptr * share), "annual": round(mean_ann),
                      "annual_paper": round(mean_ann * ann_share), "indexed": False}
    return dict(sorted(out.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ptr", type=float, default=0.073, help="worker s per House e-filed PTR")
    ap.add_argument("--senate-ptr", type=float, default=0.013, help="worker s per Senate PTR page")
    ap.add_argument("--annual", type=float, default=0.27, help="worker s per annual report")
    ap.add_argument("--ocr-page", type=float, default=1.5, help="worker s per House scanned page")
    ap.add_argument("--senate-ocr-page", type=float, default=1.5, help="worker s per Senate paper page")
    ap.add_argument("--load", type=float, default=0.15, help="client s to load one document")
    ap.add_argument("--ocr-load", type=float, default=0.5, help="client s to load one OCR'd filing")
    ap.add_argument("--derive", type=float, default=20.0, help="client s for the final derive")
    a = ap.parse_args()

    house = house_counts()
    print("year  house PTR (paper)  house annual (paper)  senate PTR (paper)  senate annual   source")
    tot: dict[str, float] = dict.fromkeys(("hp", "hpp", "ha", "hap", "sp", "spp", "sa"), 0)
    for y, h in house.items():
        sp = SENATE_PTR_PER_YEAR if y < 2026 else SENATE_PTR_PER_YEAR // 2
        spp = round(sp * SENATE_PAPER_SHARE)
        sa = SENATE_ANNUAL_PER_YEAR if y < 2026 else 0
        print(f"{y}  {h['ptr']:9.0f} ({h['ptr_paper']:4.0f})  {h['annual']:12.0f} ({h['annual_paper']:4.0f})"
              f"  {sp:10d} ({spp:3d})  {sa:13d}   {'House index' if h['indexed'] else 'House estimated'}")
        for k, v in (("hp", h["ptr"]), ("hpp", h["ptr_paper"]), ("ha", h["annual"]), ("hap", h["annual_paper"]),
                     ("sp", sp), ("spp", spp), ("sa", sa)):
            tot[k] += v
    print(f"total {tot['hp']:8.0f} ({tot['hpp']:4.0f})  {tot['ha']:12.0f} ({tot['hap']:4.0f})  {tot['sp']:10.0f}"
          f" ({tot['spp']:3.0f})  {tot['sa']:13.0f}")

    h_pages = tot["hpp"] * HOUSE_OCR_PAGES_PER_PAPER
    s_pages = tot["spp"] * SENATE_PAGES_PER_PAPER
    parse_w = ((tot["hp"] - tot["hpp"]) * a.ptr + (tot["sp"] - tot["spp"]) * a.senate_ptr
               + (tot["ha"] - tot["hap"]) * a.annual + tot["sa"] * a.annual)
    ocr_w = h_pages * a.ocr_page + s_pages * a.senate_ocr_page
    docs = tot["hp"] + tot["sp"] + tot["ha"] + tot["sa"]
    load = docs * a.load + (tot["hpp"] + tot["spp"]) * a.ocr_load
    print(f"\nworker seconds: parse {parse_w:,.0f} (House e-filed {(tot['hp'] - tot['hpp']):,.0f} x {a.ptr}, Senate "
          f"{(tot['sp'] - tot['spp']):,.0f} x {a.senate_ptr}, annual {(tot['ha'] - tot['hap'] + tot['sa']):,.0f} x "
          f"{a.annual}); OCR {ocr_w:,.0f} (House {h_pages:,.0f} pages x {a.ocr_page}, Senate {s_pages:,.0f} "
          f"pages x {a.senate_ocr_page}); the {tot['hap']:,.0f} scanned annual reports have no OCR reader yet")
    print(f"client load seconds: {docs:,.0f} documents x {a.load} + {tot['hpp'] + tot['spp']:,.0f} OCR'd filings x "
          f"{a.ocr_load} = {load:,.0f}; derive {a.derive:.0f}")
    print("\nworkers  parse+load s  OCR s (+its load)   total h")
    for n in (1, 8, 64):
        p = max(parse_w / n, docs * a.load) + a.derive
        o = max(ocr_w / n, (tot["hpp"] + tot["spp"]) * a.ocr_load)
        print(f"{n:7d}  {p:12,.0f}  {o:17,.0f}   {(p + o) / 3600:7.2f}")


if __name__ == "__main__":
    main()
