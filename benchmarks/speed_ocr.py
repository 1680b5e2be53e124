"""OCR speed: warstock's reading of the scanned House PTRs against plain full-page Tesseract
(what a tracker gets from `pytesseract.image_to_string` on each page), side by side.

1. The whole set: every PDF in ../shared/data/house/ptr-scanned through warstock's OCR on
   both cores (one Tesseract engine per process), each with its filing date from the Clerk's
   index (as `warstock ocr` reads it: the date window), timed once: total seconds and pages/minute.
2. A sample of pages (every Nth page of the set), timed --repeat times each way, fresh pool
   each run, both cores:
   - warstock: orientation, grid, marks, cell OCR (the full reading of the page);
   - baseline: Debian's `tesseract` command on the same page image (PNG, 200 dpi), --psm 3,
     text only. It yields no table, no marks and no confidences per field, so it is the floor
     of what a text dump costs, not an equal product.
   Medians and the ratio are printed.

    .venv/bin/python benchmarks/speed_ocr.py [--repeat 3] [--sample-every 12] [--skip-full]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ROOT.parent / "shared" / "data" / "house" / "ptr-scanned"

_ENGINE = None
_FILED: dict[str, object] = {}


def _init() -> None:
    global _ENGINE
    from warstock.ocr.engine import Engine
    from warstock.sources import house_index

    _ENGINE = Engine()
    for f in sorted((SCANNED.parent / "index").glob("*FD.xml")):  # the filing dates, as `warstock ocr` has them
        for rec in house_index.parse_xml(f.read_bytes()).records:
            _FILED[str(rec["doc_id"])] = rec.get("filing_date")


def _doc(path: str) -> tuple[int, int]:
    from warstock.sources import house_ptr_ocr

    r = house_ptr_ocr.parse(Path(path).read_bytes(), doc_id=Path(path).stem, engine=_ENGINE,
                            filed=_FILED.get(Path(path).stem))  # type: ignore[arg-type]
    return (r.filing or {}).get("page_count") or 0, len(r.records)


def _page_warstock(job: tuple[str, int]) -> int:
    from warstock.ocr import forms
    from warstock.ocr.images import pdf_pages

    path, page = job
    for n, img in pdf_pages(Path(path).read_bytes()):
        if n == page and not isinstance(img, Exception):
            try:
                return len(forms.read_page(_ENGINE, img, page=n, chamber="house").rows)
            except forms.FormError:
                return 0
    return 0


def _page_baseline(job: tuple[str, int]) -> int:
    from PIL import Image

    from warstock.ocr.images import pdf_pages

    path, page = job
    for n, img in pdf_pages(Path(path).read_bytes()):
        if n == page and not isinstance(img, Exception):
            with tempfile.NamedTemporaryFile(suffix=".png") as fh:
                Image.fromarray(img).save(fh.name)
                out = subprocess.run(["tesseract", fh.name, "stdout", "--psm", "3"], capture_output=True,
                                     text=True, check=False)
            return len(out.stdout)
    return 0


def _timed(fn, jobs: list, workers: int = 2, init=None) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers, initializer=init) as pool:
        list(pool.map(fn, jobs, chunksize=1))
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sample-every", type=int, default=12)
    ap.add_argument("--skip-full", action="store_true")
    args = ap.parse_args()
    if not SCANNED.is_dir():
        print(f"{SCANNED} not found", file=sys.stderr)
        return 2
    import pypdfium2 as pdfium

    pdfs = sorted(SCANNED.glob("*.pdf"))
    pages = [(str(p), n + 1) for p in pdfs for n in range(len(pdfium.PdfDocument(str(p))))]
    print(f"{len(pdfs)} scanned PDFs, {len(pages)} pages")
    if not args.skip_full:
        order = sorted(pdfs, key=lambda p: -p.stat().st_size)
        t = time.perf_counter()
        with ProcessPoolExecutor(max_workers=2, initializer=_init) as pool:
            res = list(pool.map(_doc, [str(p) for p in order], chunksize=1))
        full = time.perf_counter() - t
        n_pages = sum(p for p, _ in res)
        print(f"full set, warstock OCR, 2 processes: {full:.1f} s = {full / 60:.1f} min for {len(pdfs)} PDFs, "
              f"{n_pages} pages, {sum(r for _, r in res)} rows; {n_pages / full * 60:.1f} pages/min "
              f"(target: all 121 in under 15 min)")
    sample = pages[:: args.sample_every]
    print(f"sample: every {args.sample_every}th page = {len(sample)} pages; {args.repeat} runs each, 2 processes")
    ws, base = [], []
    for i in range(args.repeat):
        ws.append(_timed(_page_warstock, sample, init=_init))
        base.append(_timed(_page_baseline, sample))
        print(f"  run {i + 1}: warstock {ws[-1]:.1f} s, full-page tesseract CLI {base[-1]:.1f} s")
    mw, mb = statistics.median(ws), statistics.median(base)
    print(f"median: warstock {mw:.1f} s ({len(sample) / mw * 60:.1f} pages/min), "
          f"full-page tesseract CLI {mb:.1f} s ({len(sample) / mb * 60:.1f} pages/min); "
          f"warstock / baseline time = {mw / mb:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
