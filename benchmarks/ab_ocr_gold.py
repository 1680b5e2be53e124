"""OCR readers side by side on the by-eye gold pages, with no warehouse: every House page of the
chosen halves read by `forms.read_page` (page by page, the page's own checks and then the
filing-level checks on that page's rows), once with the baseline source tree and once with this
one, each in its own process, and scored with `accuracy_ocr_gold.score`.

    .venv/bin/python benchmarks/ab_ocr_gold.py --baseline /path/to/old/checkout [--halves tune,check]

(Make the baseline with `git worktree add /tmp/base <commit>`.) This is a quick A/B for a change
of the reader, not the accuracy of record: the pages are read one by one (no previous page's
turn or columns, no copies of a trade on other pages) and the Senate filings are left out, so
the figures differ a little from `accuracy_ocr_gold.py` on a full `warstock ocr` pass. Never run
it on a half that has not been opened: scoring a held-out half opens it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT.parent / "shared" / "data" / "house"


def read_half(half: str, index: dict[str, str]) -> list[tuple[list[dict], list[dict]]]:
    """(gold rows, warstock rows) per House page of ``half``, read with the warstock on sys.path."""
    from datetime import date

    import accuracy_ocr_gold as acc
    from warstock.ocr import document, forms
    from warstock.ocr.checks import check_rows
    from warstock.ocr.engine import Engine
    from warstock.ocr.images import pdf_pages

    engine = Engine()
    gold = acc.read_gold(half)
    units = []
    for chamber, doc, page in acc.read_selection(half):
        if chamber != "house" or page is None:
            continue
        g = sorted((r for r in gold if r["chamber"] == "house" and r["doc_id"] == doc and r["page"] == str(page)),
                   key=lambda r: int(r["row"]))
        filed = date.fromisoformat(index[doc]) if index.get(doc) else None
        lo, hi = (filed - timedelta(days=6 * 365), filed + timedelta(days=1)) if filed else (None, None)
        path = next((p for p in (DATA / "ptr-scanned" / f"{doc}.pdf", DATA / "ptr" / f"{doc}.pdf") if p.exists()), None)
        rows: list = []
        if path is not None:
            for n, img in pdf_pages(path.read_bytes()):
                if n == page and not isinstance(img, Exception):
                    try:
                        rows = forms.read_page(engine, img, page=n, chamber="house", not_after=hi, not_before=lo).rows
                    except forms.FormError:
                        rows = []
        check_rows(rows, lo=lo, hi=hi, filed=filed)
        ws = []
        for i, r in enumerate(rows, 1):
            rec = document._record(r, i, "house")
            for k in ("transaction_date", "notification_date"):
                rec[k] = str(rec[k]) if rec.get(k) else None
            ws.append({**rec, "_chamber": "house", "doc_id": doc})
        units.append((g, ws))
    return units


def filing_dates() -> dict[str, str]:
    """DocID -> filing date, from the Clerk's yearly index files in ../shared/data (warstock's parser)."""
    from warstock.sources import house_index

    out: dict[str, str] = {}
    for f in sorted((DATA / "index").glob("*FD.xml")):
        for rec in house_index.parse_xml(f.read_bytes()).records:
            if rec.get("filing_date"):
                out[str(rec["doc_id"])] = str(rec["filing_date"])
    return out


def child(src: str, halves: list[str], out: str) -> None:
    sys.path[:0] = [src, str(HERE)]
    import accuracy_ocr_gold as acc

    index = filing_dates()
    t0 = time.perf_counter()
    result = {}
    for half in halves:
        tallies, _ = acc.score(read_half(half, index))
        result[half] = {"text": acc.format_summary(half, tallies, 0)}
    result["seconds"] = time.perf_counter() - t0
    Path(out).write_text(json.dumps(result, default=str))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", help="a checkout of the baseline commit (its src/ is used)")
    ap.add_argument("--halves", default="tune,check", help="opened halves only (default tune,check)")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    halves = args.halves.split(",")
    if args.child:
        child(args.child[0], halves, args.child[1])
        return 0
    if not args.baseline:
        ap.error("--baseline is required")
    runs = {}
    for name, src in (("baseline", Path(args.baseline) / "src"), ("this", ROOT / "src")):
        out = Path(f"/tmp/ab_ocr_gold_{name}.json")
        with open(f"/tmp/ab_ocr_gold_{name}.log", "w") as log:  # (Leptonica's messages; a traceback)
            subprocess.run([sys.executable, __file__, "--halves", args.halves, "--child", str(src), out], check=True,
                           stderr=log)
        runs[name] = json.loads(out.read_text())
    for half in halves:
        print(f"== {half}: baseline | this")
        for a, b in zip(runs["baseline"][half]["text"].splitlines(), runs["this"][half]["text"].splitlines(),
                        strict=False):
            if a.lstrip().startswith(("transaction_date", "notification_date", "owner", "exact", "warstock rows")) \
                    and "[" not in a:
                print(f"  {a.strip()}\n  {b.strip()}")
            if a.startswith("[transaction date typed]"):
                break
    print(f"seconds: baseline {runs['baseline']['seconds']:.0f}, this {runs['this']['seconds']:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
