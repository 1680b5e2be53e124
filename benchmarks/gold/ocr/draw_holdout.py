"""Draw the third, held-out half of the by-eye OCR gold (`holdout`, issue 11).

The `check` half has been looked at while the reader was fixed, so it is no longer blind. This
script draws a new half from the paper filings nobody has named in the repository, WITHOUT a
warehouse and without warstock's OCR: only the files in ../shared/data, `git grep` and what a
person saw on the first page image of each candidate (FIRST_PAGE below). It appends the drawn
(filing, page) lines to selection.csv with half `holdout`, keeping the other lines unchanged.

    PYTHONPATH=src .venv/bin/python benchmarks/gold/ocr/draw_holdout.py [--data ../shared/data]

The pool:
  - House: scanned PTR PDFs (house/ptr-scanned/<DocID>.pdf) whose DocID does not occur in any
    *.py, *.md, *.csv or *.txt file of the repository. report.pdf has no DocID (the unindexed
    one) and is left out: warstock cannot give it a stable doc_id to score against.
  - Senate: PTR stub pages (senate/ptr/<uuid>.html) that link page GIFs (paper filings) whose
    uuid does not occur in those files either.

Strata, from FIRST_PAGE (a person looked at page 1 of every House candidate, images only):
  - handwritten: the transaction dates are written by hand. Up to N_HAND drawn with the seed.
  - typed: typed dates (typewriter or a filled-in PDF form). Up to N_TYPED drawn with the seed.
  - none: no trade on the page ("Nothing to report", or a letter). N_NONE drawn with the seed:
    any row warstock reads from them is an extra row.
House filings of at most LARGE pages are taken whole; a larger one would give PAGES_LARGE random
pages (there is none in this pool: the largest candidate has 3 pages). Every Senate candidate
is taken whole.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SEED = 20261203
BASE = "f0ebe42"  # main when this half was drawn: what was named before the draw
N_HAND = 4
N_TYPED = 12  # the pool holds 11 typed filings: all of them are taken (asked: about 10)
N_NONE = 3
LARGE = 3
PAGES_LARGE = 2

# Page 1 of every House candidate, looked at by eye (300 dpi render, turned upright) on
# 2026-12-02 before the draw. Nothing else was read from these files for the draw.
FIRST_PAGE = {
    "8219383": "handwritten",  # hand-filled form, dates and assets handwritten
    "8219447": "none",  # "Nothing to report for March 2023"
    "8219470": "typed",
    "8219483": "handwritten",  # dates 4/10/23 written by hand
    "8219525": "none",  # "Nothing to report for April 2023"
    "8219527": "typed",
    "8219748": "none",  # "Nothing to report for May 2023"
    "8219922": "none",  # "Nothing to report for July 2023"
    "8219959": "typed",
    "8219972": "none",  # "Nothing to report for August 2023"
    "8220023": "none",  # "Nothing to report for September 2023"
    "8220051": "none",  # "Nothing to report for October 2023"
    "8220155": "none",  # handwritten "Nothing to Report for December 2023 for January 2024"
    "8220176": "none",  # "Nothing to report for February 2024"
    "8220203": "none",  # "Nothing to report for March 2024"
    "8220271": "typed",
    "8220529": "none",  # "Nothing to report for May 2024"
    "8220567": "none",  # "NOTHING TO REPORT"
    "8220628": "none",  # "Nothing to report for August 2024"
    "8220672": "none",  # handwritten "Nothing to report for September 2024"
    "8220695": "none",  # handwritten "Nothing to report for October 2024"
    "8220765": "typed",
    "8220770": "none",  # a letter: the PTR of 2025-02-20 was filed in error, the purchase did not take place
    "8220782": "none",  # "Nothing to report for February 2025"
    "8220824": "typed",  # filled-in PDF form; typed dates
    "8220836": "typed",
    "8221177": "typed",  # filled-in PDF form
    "8221233": "typed",  # filled-in PDF form
    "8221270": "typed",
    "9115546": "none",  # faint scan, "Nothing to report for June 2025"
    "9115665": "typed",  # filled-in PDF form
}


def named_text() -> str:
    """Every *.py, *.md, *.csv and *.txt file of the repository at BASE (before this draw), as one text."""
    return subprocess.run(["git", "grep", "-h", "-I", "-e", "", BASE, "--", "*.py", "*.md", "*.csv", "*.txt"],
                          cwd=ROOT, capture_output=True, text=True, check=True).stdout


def house_pool(data: Path, named: str) -> list[str]:
    ids = set(re.findall(r"(?<![0-9])[89][0-9]{6}(?![0-9])", named))
    return sorted(p.stem for p in (data / "house" / "ptr-scanned").glob("*.pdf")
                  if re.fullmatch(r"[89][0-9]{6}", p.stem) and p.stem not in ids)


def senate_pool(data: Path, named: str) -> dict[str, list[str]]:
    """uuid -> the GIF names the stub links, in page order."""
    low = named.lower()
    out = {}
    for p in sorted((data / "senate" / "ptr").glob("*.html")):
        gifs = re.findall(r"/([0-9]+)\.gif", p.read_text(encoding="utf-8", errors="replace"))
        if gifs and p.stem.lower() not in low and p.stem.split("-")[0].lower() not in low:
            out[p.stem] = list(dict.fromkeys(gifs))
    return out


def page_count(pdf: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    args = ap.parse_args()
    data = Path(args.data)
    sel = HERE / "selection.csv"
    with sel.open(newline="") as f:
        old = [r for r in csv.DictReader(f) if r["half"] != "holdout"]
    named = named_text()
    house = house_pool(data, named)
    missing = set(house) ^ set(FIRST_PAGE)
    if missing:
        raise SystemExit(f"FIRST_PAGE does not match the pool: {sorted(missing)} (look at page 1 of each)")
    rng = random.Random(SEED)
    strata = {k: sorted(d for d in house if FIRST_PAGE[d] == k) for k in ("handwritten", "typed", "none")}
    drawn: dict[str, list[str]] = {
        "handwritten": sorted(rng.sample(strata["handwritten"], min(N_HAND, len(strata["handwritten"])))),
        "typed": sorted(rng.sample(strata["typed"], min(N_TYPED, len(strata["typed"])))),
        "none": sorted(rng.sample(strata["none"], min(N_NONE, len(strata["none"])))),
    }
    picks: list[tuple[str, str, int | None]] = []
    for stratum, docs in drawn.items():
        for d in docs:
            n = page_count(data / "house" / "ptr-scanned" / f"{d}.pdf")
            pages = list(range(1, n + 1)) if n <= LARGE else sorted(rng.sample(range(1, n + 1), PAGES_LARGE))
            picks.extend(("house", d, p) for p in pages)
            print(f"house {d} {stratum}: pages {pages} of {n}")
    senate = senate_pool(data, named)
    for uuid, gifs in senate.items():
        picks.append(("senate", uuid, None))
        print(f"senate {uuid}: {len(gifs)} GIFs {gifs}")
    with sel.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["chamber", "doc_id", "page", "half"])
        for r in old:
            w.writerow([r["chamber"], r["doc_id"], r["page"], r["half"]])
        for chamber, d, p in sorted(picks, key=lambda x: (x[0] != "house", x[1], x[2] or 0)):
            w.writerow([chamber, d, "" if p is None else p, "holdout"])
    n_docs = len({d for _, d, _ in picks})
    print(f"pool: {len(house)} House ({', '.join(f'{k} {len(v)}' for k, v in strata.items())}), "
          f"{len(senate)} Senate; drawn {n_docs} filings, {len(picks)} page units -> {sel}")


if __name__ == "__main__":
    main()
