"""Speed of the House PTR parser against the baselines, same documents, one run.

    .venv/bin/python benchmarks/speed_house_ptr.py [--shared ../shared/data] [--repeat 3]

Each method runs in its own fresh process (so its peak memory is its own) over every PDF in
../shared/data/house/ptr, reading the bytes from disk inside the timed loop:

  pdfplumber     pdfplumber's extract_text() on every page: what existing trackers use
  pypdfium2      bare PDFium text extraction of every page: about the floor
  warstock       warstock's full parse (positions, rows, fields, checkboxes), one process
  warstock-2p    the same over a pool of 2 worker processes (both cores)

Machines here are shared and noisy: the script reports the median of --repeat runs (one run
for pdfplumber unless --repeat-plumber is set) and ratios between medians.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))


def _warstock_one(path: str) -> int:
    from warstock.sources import house_ptr

    return len(house_ptr.parse(Path(path).read_bytes(), doc_id=Path(path).stem).records)


def run_method(method: str, paths: list[str]) -> dict[str, float]:
    started = time.perf_counter()
    units = 0
    if method == "pdfplumber":
        import pdfplumber

        for p in paths:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    units += len(page.extract_text() or "")
    elif method == "pypdfium2":
        import pypdfium2 as pdfium

        for p in paths:
            doc = pdfium.PdfDocument(Path(p).read_bytes())
            for i in range(len(doc)):
                page = doc[i]
                tp = page.get_textpage()
                units += len(tp.get_text_range())
                tp.close()
                page.close()
            doc.close()
    elif method == "warstock":
        for p in paths:
            units += _warstock_one(p)
    elif method == "warstock-2p":
        with ProcessPoolExecutor(max_workers=2) as pool:
            units = sum(pool.map(_warstock_one, paths, chunksize=4))
    else:
        raise SystemExit(f"unknown method {method}")
    elapsed = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": elapsed, "units": units, "peak_mb": peak_kb / 1024,
            "children_peak_mb": children_kb / 1024}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--repeat-plumber", type=int, default=1)
    ap.add_argument("--method", help=argparse.SUPPRESS)
    args = ap.parse_args()
    paths = sorted(str(p) for p in (Path(args.shared) / "house" / "ptr").glob("*.pdf"))
    if args.method:  # child process
        print(json.dumps(run_method(args.method, paths)))
        return

    import pypdfium2 as pdfium

    pages = sum(len(pdfium.PdfDocument(p)) for p in paths)
    print(f"{len(paths)} PDFs, {pages} pages, from {Path(args.shared) / 'house' / 'ptr'}")
    results: dict[str, list[dict[str, float]]] = {}
    order = ["pypdfium2", "warstock", "warstock-2p", "pdfplumber"]
    for rep in range(max(args.repeat, args.repeat_plumber)):
        for method in order:
            n = args.repeat_plumber if method == "pdfplumber" else args.repeat
            if rep >= n:
                continue
            out = subprocess.run([sys.executable, __file__, "--shared", args.shared, "--method", method],
                                 capture_output=True, text=True, check=True)
            r = json.loads(out.stdout)
            results.setdefault(method, []).append(r)
            print(f"  run {rep + 1} {method:12s} {r['seconds']:7.2f}s  peak {r['peak_mb']:6.0f} MB"
                  + (f" (workers {r['children_peak_mb']:.0f} MB each at most)" if method == "warstock-2p" else ""),
                  flush=True)
    med = {m: statistics.median(x["seconds"] for x in rs) for m, rs in results.items()}
    print()
    print(f"{'method':12s} {'median s':>9s} {'pages/s':>8s} {'peak MB':>8s} {'runs':>5s}")
    for m in order:
        if m in med:
            peak = max(max(x["peak_mb"], x["children_peak_mb"]) for x in results[m])
            print(f"{m:12s} {med[m]:9.2f} {pages / med[m]:8.0f} {peak:8.0f} {len(results[m]):5d}")
    print()
    if "pdfplumber" in med:
        print(f"warstock vs pdfplumber extract_text: {med['pdfplumber'] / med['warstock']:.1f}x faster (one process)")
    print(f"warstock / bare pypdfium2 text:      {med['warstock'] / med['pypdfium2']:.2f}x the floor")
    print(f"warstock 2 processes vs 1:           {med['warstock'] / med['warstock-2p']:.2f}x faster")


if __name__ == "__main__":
    main()
