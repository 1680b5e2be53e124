"""Draw the fifth, third held-out half of the by-eye OCR gold (`holdout3`, issue 11).

`holdout2` was opened for readers 1.6/1.7, so it is no longer blind. Like `draw_holdout2.py`, this
half is drawn at PAGE level, WITHOUT a warehouse and without warstock's OCR: only the files in
../shared/data, `git grep` and what a person saw on low-resolution page images (SURVEY below). It
appends the drawn (filing, page) lines to selection.csv with half `holdout3`, keeping the other
lines unchanged.

    PYTHONPATH=src .venv/bin/python benchmarks/gold/ocr/draw_holdout3.py [--data ../shared/data]

Reproducible at its draw commit (d806b9d: `git worktree add W d806b9d`, run it there): later
commits add holdout3's own lines to selection.csv and name some of its filings in tests/, which
changes the pool, so SURVEY no longer matches the seeded sample and the script says so.

The pool is `draw_holdout2.pool` (shared, not copied): pages of the scanned House PTR PDFs
(house/ptr-scanned/<DocID>.pdf) whose (doc_id, page) is not in selection.csv (any half: tune,
check, holdout, holdout2), whose DocID does not occur in tests/, not 8221212 (a printed e-filing)
and not report.pdf (no DocID). As for holdout2, every filing of the pool is named somewhere in the
repository: the half is untouched at page level only (no drawn page is in any gold file or test),
and a filing's other pages may have been read while tuning.

The survey sample (effort bounded): with SEED, up to SURVEY_PER_FILING pages of each pool filing
(all of them when it has fewer). A person looked at each of those pages (about 70 dpi, turned
upright, images only, several thumbnails to a sheet) and wrote into SURVEY what it holds and
about how many trade rows:
  - handwritten: the transaction dates are written by hand;
  - typed: typed dates (typewriter, a filled-in PDF form, or a printed schedule);
  - none: no trade on the page (a cover page, "Nothing to report", an empty continuation form,
    a letter).

The draw, from the surveyed pages only (so at most SURVEY_PER_FILING pages per filing), aiming
at 10-14 pages and 90-140 trade rows:
  - handwritten: the pages in seeded order, at least N_HAND_MIN of them and on until the
    survey's row estimates reach HAND_ROWS (at most N_HAND_MAX pages);
  - typed: the pages in seeded order until N_TYPED pages or the survey's row estimates reach
    TYPED_ROWS;
  - none: N_NONE page with the seed: any row warstock reads from it is an extra row.
The row estimates only stop each seeded sequence; they never choose which page comes next.

Run on 2026-12-03 (main cbb8ea9): pool 601 pages of 81 filings; surveyed 125 (handwritten 15,
typed 83, none 27); drawn 14 pages of 13 filings: handwritten 10 pages (the N_HAND_MAX cap, about
21 rows), typed 3 (8220039 p24, 8220162 p4, 8220188 p3, about 92 rows), none 1 (8219992 p1).
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from draw_holdout2 import draw_strata, pool  # the same pool rule and draw (this folder is on sys.path)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SEED = 20261205
HALF = "holdout3"
SURVEY_PER_FILING = 2
N_HAND_MIN = 6
N_HAND_MAX = 10
HAND_ROWS = 22
N_TYPED = 5
TYPED_ROWS = 80
N_NONE = 1

# The seeded survey sample (125 pages of 81 filings), looked at by eye on 2026-12-03 before the draw: 70 dpi renders
# turned upright, nothing else read from these files. (stratum, about how many trade rows the
# page holds; rows of schedules are counted roughly from the thumbnail).
SURVEY: dict[tuple[str, int], tuple[str, int]] = {
    ("8219353", 1): ("none", 0),  # "Please see the attached"
    ("8219353", 13): ("typed", 22),
    ("8219356", 1): ("typed", 3),
    ("8219384", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8219384", 5): ("typed", 20),
    ("8219415", 1): ("handwritten", 2),
    ("8219417", 11): ("typed", 25),
    ("8219417", 14): ("typed", 24),
    ("8219420", 1): ("handwritten", 1),
    ("8219425", 2): ("none", 0),  # empty continuation form
    ("8219430", 1): ("handwritten", 1),
    ("8219432", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8219432", 6): ("typed", 24),
    ("8219442", 1): ("typed", 2),
    ("8219442", 2): ("none", 0),  # empty continuation form
    ("8219444", 1): ("none", 0),  # "Please see the attached"
    ("8219444", 18): ("typed", 22),
    ("8219447", 1): ("none", 0),  # "Nothing to report for March 2023"
    ("8219455", 1): ("handwritten", 1),
    ("8219469", 4): ("typed", 30),
    ("8219469", 5): ("typed", 30),
    ("8219521", 8): ("typed", 24),
    ("8219521", 11): ("typed", 22),
    ("8219522", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8219522", 3): ("typed", 34),
    ("8219525", 1): ("none", 0),  # "Nothing to report for April 2023"
    ("8219742", 1): ("typed", 1),
    ("8219742", 2): ("none", 0),  # empty continuation form
    ("8219748", 1): ("none", 0),  # "Nothing to report for May 2023"
    ("8219808", 1): ("handwritten", 3),
    ("8219814", 1): ("typed", 4),
    ("8219826", 6): ("typed", 17),
    ("8219826", 31): ("typed", 20),
    ("8219843", 1): ("handwritten", 1),
    ("8219854", 1): ("typed", 2),
    ("8219893", 1): ("typed", 1),
    ("8219904", 1): ("handwritten", 1),
    ("8219905", 1): ("handwritten", 2),
    ("8219921", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8219921", 2): ("typed", 38),
    ("8219922", 1): ("none", 0),  # "Nothing to report for July 2023"
    ("8219971", 3): ("typed", 36),
    ("8219971", 4): ("typed", 36),
    ("8219992", 1): ("none", 0),  # "Please see the attached"
    ("8219992", 7): ("typed", 17),
    ("8220010", 3): ("typed", 36),
    ("8220010", 4): ("typed", 36),
    ("8220023", 1): ("none", 0),  # "Nothing to report for September 2023"
    ("8220037", 1): ("handwritten", 1),
    ("8220039", 24): ("typed", 20),
    ("8220039", 38): ("typed", 20),
    ("8220046", 4): ("typed", 36),
    ("8220046", 11): ("typed", 20),
    ("8220049", 2): ("typed", 6),
    ("8220049", 3): ("typed", 2),
    ("8220051", 1): ("none", 0),  # "Nothing to report for October 2023"
    ("8220067", 4): ("typed", 20),
    ("8220067", 14): ("typed", 10),
    ("8220068", 1): ("handwritten", 4),
    ("8220078", 3): ("typed", 36),
    ("8220078", 8): ("typed", 36),
    ("8220079", 1): ("typed", 5),
    ("8220127", 4): ("typed", 18),
    ("8220127", 19): ("typed", 22),
    ("8220147", 1): ("typed", 6),
    ("8220147", 3): ("typed", 5),
    ("8220155", 1): ("none", 0),  # handwritten "Nothing to Report for December 2023 / for January 2024"
    ("8220162", 3): ("typed", 36),
    ("8220162", 4): ("typed", 36),
    ("8220173", 1): ("none", 0),  # "Please see the attached"
    ("8220173", 7): ("typed", 16),
    ("8220176", 1): ("none", 0),  # "Nothing to report for February 2024"
    ("8220188", 3): ("typed", 36),
    ("8220188", 6): ("typed", 20),
    ("8220192", 12): ("typed", 17),
    ("8220192", 18): ("typed", 10),
    ("8220205", 1): ("handwritten", 4),
    ("8220214", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8220214", 2): ("typed", 36),
    ("8220252", 17): ("typed", 17),
    ("8220252", 22): ("typed", 17),
    ("8220320", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8220320", 2): ("typed", 36),
    ("8220451", 17): ("typed", 17),
    ("8220451", 20): ("typed", 16),
    ("8220516", 3): ("typed", 32),
    ("8220516", 9): ("typed", 32),
    ("8220529", 1): ("none", 0),  # "Nothing to report for May 2024"
    ("8220534", 7): ("typed", 17),
    ("8220534", 14): ("typed", 16),
    ("8220536", 1): ("typed", 1),
    ("8220567", 1): ("none", 0),  # "NOTHING TO REPORT"
    ("8220570", 8): ("typed", 17),
    ("8220570", 14): ("typed", 17),
    ("8220615", 1): ("typed", 30),
    ("8220615", 4): ("typed", 20),
    ("8220643", 1): ("typed", 28),
    ("8220643", 10): ("typed", 28),
    ("8220661", 2): ("typed", 28),
    ("8220674", 6): ("typed", 17),
    ("8220674", 7): ("typed", 17),
    ("8220682", 10): ("typed", 8),
    ("8220682", 15): ("typed", 8),
    ("8220683", 1): ("typed", 5),
    ("8220683", 2): ("typed", 4),
    ("8220691", 8): ("typed", 17),
    ("8220691", 27): ("typed", 12),
    ("8220695", 1): ("none", 0),  # handwritten "Nothing to report for October 2024"
    ("8220698", 1): ("typed", 2),
    ("8220706", 5): ("typed", 36),
    ("8220706", 6): ("typed", 36),
    ("8220731", 1): ("handwritten", 4),
    ("8220731", 2): ("handwritten", 1),
    ("8220770", 1): ("none", 0),  # a letter: the PTR of 2025-02-20 was filed in error
    ("8220782", 1): ("none", 0),  # "Nothing to report for February 2025"
    ("8220799", 1): ("typed", 4),
    ("8220799", 2): ("typed", 5),
    ("8220903", 1): ("typed", 4),
    ("8221238", 1): ("handwritten", 1),
    ("8221263", 1): ("typed", 28),
    ("8221263", 2): ("typed", 22),
    ("8221264", 18): ("typed", 16),
    ("8221264", 20): ("typed", 16),
    ("8221276", 1): ("handwritten", 4),
    ("9115546", 1): ("none", 0),  # faint scan, "Nothing to report for June 2025"
}


def survey_draw(half: str, seed: int, survey: dict[tuple[str, int], tuple[str, int]], per_filing: int,
                limits: dict[str, tuple[int, int, int]]) -> None:
    """The page-level draw of a held-out half (this script's and draw_holdout4's): the seeded
    survey sample of up to ``per_filing`` pages of each pool filing (``--list-sample`` prints it),
    checked against ``survey``, then ``draw_strata`` with ``limits``; the drawn pages are
    appended to selection.csv as ``half``."""
    ap = argparse.ArgumentParser(description=f"Draw the held-out half {half} of the OCR gold.")
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--list-sample", action="store_true", help="print the seeded survey sample and stop")
    args = ap.parse_args()
    data = Path(args.data)
    sel = HERE / "selection.csv"
    with sel.open(newline="") as f:
        old = [r for r in csv.DictReader(f) if r["half"] != half]
    selected = {(r["doc_id"], int(r["page"])) for r in old if r["chamber"] == "house" and r["page"]}
    docs = pool(data, selected)
    rng = random.Random(seed)
    sample = [(d, p) for d in sorted(docs)
              for p in sorted(rng.sample(docs[d], min(per_filing, len(docs[d]))))]
    if args.list_sample:
        for d, p in sample:
            print(d, p)
        return
    if set(sample) != set(survey):
        diff = sorted(set(sample) ^ set(survey))
        raise SystemExit(f"SURVEY does not match the seeded sample: {diff} (look at those pages)")
    strata = {k: sorted(x for x in sample if survey[x][0] == k) for k in ("handwritten", "typed", "none")}
    drawn = draw_strata(rng, strata, survey, limits)
    picks = sorted(x for v in drawn.values() for x in v)
    with sel.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["chamber", "doc_id", "page", "half"])
        for r in old:
            w.writerow([r["chamber"], r["doc_id"], r["page"], r["half"]])
        for d, p in picks:
            w.writerow(["house", d, p, half])
    print(f"pool: {sum(map(len, docs.values()))} pages of {len(docs)} filings; surveyed {len(sample)} "
          f"({', '.join(f'{k} {len(v)}' for k, v in strata.items())}); drawn {len(picks)} pages of "
          f"{len({d for d, _ in picks})} filings -> {sel}")


def main() -> None:
    survey_draw(HALF, SEED, SURVEY, SURVEY_PER_FILING, {"handwritten": (N_HAND_MIN, N_HAND_MAX, HAND_ROWS),
                                                        "typed": (1, N_TYPED, TYPED_ROWS), "none": (N_NONE, N_NONE, 0)})


if __name__ == "__main__":
    main()
