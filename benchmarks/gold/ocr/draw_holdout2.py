"""Draw the fourth, second held-out half of the by-eye OCR gold (`holdout2`, issue 11).

`holdout` was opened for readers 1.5, so it is no longer blind. Every scanned House filing that
no file of the repository names was used by `draw_holdout.py`, so this half is drawn at PAGE
level, WITHOUT a warehouse and without warstock's OCR: only the files in ../shared/data,
`git grep` and what a person saw on low-resolution page images (SURVEY below). It appends the
drawn (filing, page) lines to selection.csv with half `holdout2`, keeping the other lines
unchanged.

    PYTHONPATH=src .venv/bin/python benchmarks/gold/ocr/draw_holdout2.py [--data ../shared/data]

Reproducible at its draw commit only (later commits add halves to selection.csv and name
filings in tests/, which changes the pool; SURVEY then no longer matches and the script says so).

The pool: pages of the scanned House PTR PDFs (house/ptr-scanned/<DocID>.pdf) such that
  - the (doc_id, page) pair is not in selection.csv (any half: tune, check, holdout);
  - the DocID does not occur in tests/ (a filing named in a test was likely looked at page by
    page while the reader was tuned). Filings named only in the gold files, BENCHMARKS.md,
    README or benchmarks/results are allowed: their selected pages are left out, the other
    pages were never read into gold or tests. So this half is untouched at page level only;
  - not 8221212 (a printed e-filing, read by a different path) and not report.pdf (no DocID).

The survey sample (effort bounded): with the seed, up to SURVEY_PER_FILING pages of each pool
filing (all of them when it has fewer). A person looked at each of those pages (70 dpi, turned
upright) and wrote into SURVEY what it holds and about how many trade rows:
  - handwritten: the transaction dates are written by hand;
  - typed: typed dates (typewriter, a filled-in PDF form, or a printed schedule);
  - none: no trade on the page (a cover page "SEE SCHEDULES ATTACHED" / "Please see the
    attached", "Nothing to report", an empty continuation form, a letter).

The draw, from the surveyed pages only (so at most SURVEY_PER_FILING pages per filing):
  - handwritten: the pages in seeded order, at least N_HAND_MIN of them and on until the
    survey's row estimates reach HAND_ROWS (the brief: up to 8 pages, and at least 30
    handwritten rows where they exist; the handwritten pages hold 1 to 4 rows, so 8 pages
    would give about 20 rows and the row aim wins);
  - typed: the pages in seeded order until N_TYPED pages or the survey's row estimates reach
    TYPED_ROWS (the brief: about 12 pages, 120-200 rows in all; printed schedules hold up to
    38 rows a page, so 12 of them could exceed the aim);
  - none: N_NONE pages with the seed: any row warstock reads from them is an extra row.
The row estimates only stop the seeded sequence; they never choose which page comes next.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import subprocess
from pathlib import Path

from draw_holdout import page_count  # the same count of a PDF's pages (this folder is on sys.path)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SEED = 20261204
EXCLUDE = {"8221212"}  # a printed e-filing among the scans, read by a different path
SURVEY_PER_FILING = 3
N_HAND_MIN = 8
HAND_ROWS = 30
N_TYPED = 12
TYPED_ROWS = 110
N_NONE = 2

# The seeded survey sample (186 pages of 93 filings), looked at by eye on 2026-12-03 before the
# draw: 70 dpi renders turned upright, nothing else read from these files. (stratum, about how
# many trade rows the page holds; rows of schedules are counted roughly from the thumbnail).
SURVEY: dict[tuple[str, int], tuple[str, int]] = {
    ("8219339", 1): ("handwritten", 1),
    ("8219353", 1): ("none", 0),  # "Please see the attached"
    ("8219353", 2): ("typed", 4),
    ("8219353", 7): ("typed", 20),
    ("8219356", 1): ("typed", 3),
    ("8219356", 2): ("none", 0),  # empty continuation form
    ("8219384", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8219384", 2): ("typed", 36),
    ("8219384", 4): ("typed", 36),
    ("8219414", 1): ("handwritten", 4),
    ("8219414", 2): ("handwritten", 1),
    ("8219415", 1): ("handwritten", 2),
    ("8219417", 2): ("typed", 4),
    ("8219417", 6): ("typed", 24),
    ("8219417", 11): ("typed", 25),
    ("8219420", 1): ("handwritten", 1),
    ("8219425", 1): ("typed", 4),
    ("8219425", 2): ("none", 0),  # empty continuation form
    ("8219430", 1): ("handwritten", 1),
    ("8219432", 4): ("typed", 30),
    ("8219432", 5): ("typed", 30),
    ("8219432", 6): ("typed", 24),
    ("8219436", 1): ("handwritten", 1),
    ("8219442", 1): ("typed", 2),
    ("8219442", 2): ("none", 0),  # empty continuation form
    ("8219444", 6): ("typed", 24),
    ("8219444", 9): ("typed", 24),
    ("8219444", 16): ("typed", 24),
    ("8219447", 1): ("none", 0),  # "Nothing to report for March 2023"
    ("8219455", 1): ("handwritten", 1),
    ("8219469", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8219469", 2): ("typed", 32),
    ("8219469", 5): ("typed", 30),
    ("8219485", 1): ("handwritten", 2),
    ("8219521", 7): ("typed", 24),
    ("8219521", 13): ("typed", 24),
    ("8219521", 18): ("typed", 4),
    ("8219522", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8219522", 2): ("typed", 38),
    ("8219522", 5): ("typed", 20),
    ("8219524", 1): ("handwritten", 2),
    ("8219525", 1): ("none", 0),  # "Nothing to report for April 2023"
    ("8219742", 1): ("typed", 1),
    ("8219742", 2): ("none", 0),  # empty continuation form
    ("8219748", 1): ("none", 0),  # "Nothing to report for May 2023"
    ("8219808", 1): ("handwritten", 3),
    ("8219814", 1): ("typed", 4),
    ("8219826", 1): ("none", 0),  # "Please see the attached"
    ("8219826", 11): ("typed", 17),
    ("8219826", 32): ("typed", 13),
    ("8219843", 1): ("handwritten", 1),
    ("8219854", 1): ("typed", 2),
    ("8219893", 1): ("typed", 1),
    ("8219904", 1): ("handwritten", 1),
    ("8219905", 1): ("handwritten", 2),
    ("8219921", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8219921", 2): ("typed", 38),
    ("8219921", 3): ("typed", 36),
    ("8219922", 1): ("none", 0),  # "Nothing to report for July 2023"
    ("8219971", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8219971", 5): ("typed", 36),
    ("8219971", 6): ("typed", 16),
    ("8219992", 6): ("typed", 20),
    ("8219992", 11): ("typed", 18),
    ("8219992", 14): ("typed", 17),
    ("8220010", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8220010", 3): ("typed", 36),
    ("8220010", 4): ("typed", 36),
    ("8220023", 1): ("none", 0),  # "Nothing to report for September 2023"
    ("8220037", 1): ("handwritten", 1),
    ("8220039", 2): ("typed", 5),
    ("8220039", 15): ("typed", 20),
    ("8220039", 18): ("typed", 18),
    ("8220046", 4): ("typed", 36),
    ("8220046", 5): ("typed", 36),
    ("8220046", 7): ("typed", 36),
    ("8220049", 1): ("typed", 5),
    ("8220049", 2): ("typed", 6),
    ("8220049", 3): ("typed", 2),
    ("8220051", 1): ("none", 0),  # "Nothing to report for October 2023"
    ("8220060", 1): ("handwritten", 1),
    ("8220067", 3): ("typed", 18),
    ("8220067", 13): ("typed", 17),
    ("8220067", 14): ("typed", 10),
    ("8220068", 1): ("handwritten", 4),
    ("8220068", 2): ("handwritten", 2),
    ("8220078", 2): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8220078", 3): ("typed", 36),
    ("8220078", 7): ("typed", 36),
    ("8220079", 1): ("typed", 5),
    ("8220127", 10): ("typed", 18),
    ("8220127", 15): ("typed", 18),
    ("8220127", 21): ("typed", 16),
    ("8220147", 1): ("typed", 6),
    ("8220147", 2): ("typed", 7),
    ("8220147", 3): ("typed", 5),
    ("8220155", 1): ("none", 0),  # handwritten "Nothing to Report for December 2023 / for January 2024"
    ("8220162", 3): ("typed", 36),
    ("8220162", 4): ("typed", 36),
    ("8220162", 6): ("typed", 34),
    ("8220173", 9): ("typed", 16),
    ("8220173", 14): ("typed", 17),
    ("8220173", 18): ("typed", 9),
    ("8220176", 1): ("none", 0),  # "Nothing to report for February 2024"
    ("8220177", 1): ("handwritten", 3),
    ("8220188", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8220188", 3): ("typed", 36),
    ("8220188", 6): ("typed", 14),
    ("8220192", 12): ("typed", 17),
    ("8220192", 15): ("typed", 18),
    ("8220192", 17): ("typed", 1),
    ("8220205", 1): ("handwritten", 4),
    ("8220205", 2): ("handwritten", 2),
    ("8220214", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8220214", 2): ("typed", 36),
    ("8220214", 6): ("typed", 36),
    ("8220252", 10): ("typed", 18),
    ("8220252", 21): ("typed", 17),
    ("8220252", 25): ("typed", 3),
    ("8220312", 1): ("handwritten", 4),
    ("8220320", 2): ("typed", 36),
    ("8220320", 7): ("typed", 36),
    ("8220320", 8): ("typed", 25),
    ("8220451", 1): ("none", 0),  # "Please see the attached"
    ("8220451", 15): ("typed", 17),
    ("8220451", 22): ("typed", 17),
    ("8220516", 4): ("typed", 32),
    ("8220516", 8): ("typed", 32),
    ("8220516", 9): ("typed", 32),
    ("8220529", 1): ("none", 0),  # "Nothing to report for May 2024"
    ("8220534", 2): ("typed", 17),
    ("8220534", 4): ("typed", 17),
    ("8220534", 7): ("typed", 17),
    ("8220536", 1): ("typed", 1),
    ("8220567", 1): ("none", 0),  # "NOTHING TO REPORT"
    ("8220570", 7): ("typed", 17),
    ("8220570", 13): ("typed", 17),
    ("8220570", 15): ("typed", 17),
    ("8220589", 1): ("handwritten", 4),
    ("8220589", 2): ("handwritten", 2),
    ("8220615", 1): ("typed", 30),
    ("8220615", 2): ("typed", 28),
    ("8220615", 4): ("typed", 20),
    ("8220628", 1): ("none", 0),  # "Nothing to report for August 2024"
    ("8220643", 8): ("typed", 30),
    ("8220643", 10): ("typed", 30),
    ("8220643", 12): ("typed", 15),
    ("8220660", 1): ("none", 0),  # "Please see the attached"
    ("8220660", 3): ("typed", 16),
    ("8220660", 17): ("typed", 17),
    ("8220661", 1): ("typed", 26),
    ("8220661", 2): ("typed", 28),
    ("8220661", 3): ("typed", 15),
    ("8220665", 1): ("handwritten", 1),
    ("8220674", 2): ("typed", 17),
    ("8220674", 9): ("typed", 17),
    ("8220674", 10): ("typed", 17),
    ("8220682", 13): ("typed", 8),
    ("8220682", 15): ("typed", 8),
    ("8220682", 24): ("typed", 8),
    ("8220683", 1): ("typed", 5),
    ("8220683", 2): ("typed", 4),
    ("8220691", 1): ("none", 0),  # "Please see the attached"
    ("8220691", 10): ("typed", 17),
    ("8220691", 24): ("typed", 17),
    ("8220695", 1): ("none", 0),  # handwritten "Nothing to report for October 2024"
    ("8220698", 1): ("typed", 2),
    ("8220706", 1): ("typed", 28),
    ("8220706", 2): ("typed", 28),
    ("8220706", 11): ("typed", 24),
    ("8220731", 1): ("handwritten", 4),
    ("8220731", 2): ("handwritten", 1),
    ("8220770", 1): ("none", 0),  # a letter: the PTR of 2025-02-20 was filed in error
    ("8220782", 1): ("none", 0),  # "Nothing to report for February 2025"
    ("8220799", 1): ("typed", 4),
    ("8220799", 2): ("typed", 5),
    ("8220903", 1): ("typed", 4),
    ("8220903", 2): ("typed", 6),
    ("8221238", 1): ("handwritten", 1),
    ("8221263", 1): ("typed", 28),
    ("8221263", 2): ("typed", 22),
    ("8221264", 16): ("typed", 18),
    ("8221264", 17): ("typed", 18),
    ("8221264", 19): ("typed", 17),
    ("8221276", 1): ("handwritten", 4),
    ("9115546", 1): ("none", 0),  # faint scan, "Nothing to report for June 2025"
}


def test_ids() -> set[str]:
    """Every 7-digit House DocID that occurs in the repository's tests/ folder (tracked files)."""
    text = subprocess.run(["git", "grep", "-h", "-I", "-e", "", "--", "tests/"],
                          cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return set(re.findall(r"(?<![0-9])[89][0-9]{6}(?![0-9])", text))


def pool(data: Path, selected: set[tuple[str, int]]) -> dict[str, list[int]]:
    """doc_id -> its pool pages (1-based)."""
    tests = test_ids()
    out = {}
    for p in sorted((data / "house" / "ptr-scanned").glob("*.pdf")):
        d = p.stem
        if not re.fullmatch(r"[89][0-9]{6}", d) or d in tests or d in EXCLUDE:
            continue
        pages = [i for i in range(1, page_count(p) + 1) if (d, i) not in selected]
        if pages:
            out[d] = pages
    return out


Page = tuple[str, int]


def draw_strata(rng: random.Random, strata: dict[str, list[Page]], survey: dict[Page, tuple[str, int]],
                limits: dict[str, tuple[int, int, int]]) -> dict[str, list[Page]]:
    """Each stratum's pages in seeded order (strata in the order of ``limits``), taken until
    max_pages, or until min_pages are taken and the survey's row estimates reach rows: the
    estimates only stop the sequence, never choose the next page. Prints what was drawn."""
    drawn: dict[str, list[Page]] = {}
    for k, (min_pages, max_pages, rows) in limits.items():
        out: list[Page] = []
        for x in rng.sample(strata[k], len(strata[k])):
            if len(out) >= max_pages or (len(out) >= min_pages and sum(survey[y][1] for y in out) >= rows):
                break
            out.append(x)
        drawn[k] = out
        print(f"{k}: {len(out)} of {len(strata[k])} surveyed pages, about {sum(survey[x][1] for x in out)} rows: "
              + ", ".join(f"{d} p{p}" for d, p in sorted(out)))
    return drawn


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    args = ap.parse_args()
    data = Path(args.data)
    sel = HERE / "selection.csv"
    with sel.open(newline="") as f:
        old = [r for r in csv.DictReader(f) if r["half"] != "holdout2"]
    selected = {(r["doc_id"], int(r["page"])) for r in old if r["chamber"] == "house" and r["page"]}
    docs = pool(data, selected)
    rng = random.Random(SEED)
    sample = [(d, p) for d in sorted(docs)
              for p in sorted(rng.sample(docs[d], min(SURVEY_PER_FILING, len(docs[d]))))]
    if set(sample) != set(SURVEY):
        diff = sorted(set(sample) ^ set(SURVEY))
        raise SystemExit(f"SURVEY does not match the seeded sample: {diff} (look at those pages)")
    strata = {k: sorted(x for x in sample if SURVEY[x][0] == k) for k in ("handwritten", "typed", "none")}

    drawn = draw_strata(rng, strata, SURVEY, {"handwritten": (N_HAND_MIN, len(strata["handwritten"]), HAND_ROWS),
                                               "typed": (1, N_TYPED, TYPED_ROWS), "none": (N_NONE, N_NONE, 0)})
    picks = sorted(x for v in drawn.values() for x in v)
    with sel.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["chamber", "doc_id", "page", "half"])
        for r in old:
            w.writerow([r["chamber"], r["doc_id"], r["page"], r["half"]])
        for d, p in picks:
            w.writerow(["house", d, p, "holdout2"])
    print(f"pool: {sum(map(len, docs.values()))} pages of {len(docs)} filings; surveyed {len(sample)} "
          f"({', '.join(f'{k} {len(v)}' for k, v in strata.items())}); drawn {len(picks)} pages of "
          f"{len({d for d, _ in picks})} filings -> {sel}")


if __name__ == "__main__":
    main()
