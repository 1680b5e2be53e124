"""Draw the sixth, fourth held-out half of the by-eye OCR gold (`holdout4`, issue 11).

`holdout3` was looked at while tuning, so it is no longer blind. Like `draw_holdout3.py`, this
half is drawn at PAGE level, WITHOUT a warehouse and without warstock's OCR: only the files in
../shared/data, `git grep` and what a person saw on low-resolution page images (SURVEY below). It
appends the drawn (filing, page) lines to selection.csv with half `holdout4`, keeping the other
lines unchanged.

    PYTHONPATH=src .venv/bin/python benchmarks/gold/ocr/draw_holdout4.py [--data ../shared/data]
    PYTHONPATH=src .venv/bin/python benchmarks/gold/ocr/draw_holdout4.py --list-sample  # the survey sample

Reproducible at its draw commit only (later commits may add halves to selection.csv or name its
filings in tests/, which changes the pool, so SURVEY no longer matches the seeded sample and the
script says so).

The pool is `draw_holdout2.pool` (shared, not copied): pages of the scanned House PTR PDFs
(house/ptr-scanned/<DocID>.pdf) whose (doc_id, page) is not in selection.csv (any half: tune,
check, holdout, holdout2, holdout3), whose DocID does not occur in tests/, not 8221212 (a printed
e-filing) and not report.pdf (no DocID). As for holdout2 and holdout3, every filing of the pool
is named somewhere in the repository: the half is untouched at page level only (no drawn page is
in any gold file or test), and a filing's other pages may have been read while tuning.

The survey sample (effort bounded): with SEED, up to SURVEY_PER_FILING pages of each pool filing
(all of them when it has fewer). A person looked at each of those pages (70 dpi, turned upright,
images only, four thumbnails to a contact sheet) and wrote into SURVEY what it holds and about how
many trade rows:
  - handwritten: the transaction dates are written by hand;
  - typed: typed dates (typewriter, a filled-in PDF form, or a printed schedule);
  - none: no trade on the page (a cover page, "Nothing to report", an empty continuation form,
    a letter).

The draw, from the surveyed pages only (so at most SURVEY_PER_FILING pages per filing):
  - handwritten: the pages in seeded order, at least N_HAND_MIN of them and on until the
    survey's row estimates reach HAND_ROWS (at most N_HAND_MAX pages);
  - typed: the pages in seeded order until N_TYPED pages or the survey's row estimates reach
    TYPED_ROWS;
  - none: N_NONE page with the seed: any row warstock reads from it is an extra row.
The row estimates only stop each seeded sequence; they never choose which page comes next.

Run on 2026-12-03 (main e3b1465): pool 581 pages of 71 filings; surveyed 150 (handwritten 5,
typed 116, none 29). Handwritten pages are now scarce (3% of the survey: the earlier halves took
most of them, and every handwritten filing has at most 3 pages, so the survey holds all of its
pages): the stratum gives all 5 (about 10 rows: 8219808 p1, 8219904 p1, 8220037 p1, 8220068 p1,
8221238 p1), short of N_HAND_MIN and HAND_ROWS. Typed 4 pages, about 93 rows (8219522 p2,
8219826 p13, 8220451 p14, 8220516 p3); none 1 (8220010 p1, McCaul's cover page "SEE SCHEDULES
ATTACHED"). Drawn 10 pages of 10 filings.
"""

from __future__ import annotations

from draw_holdout3 import survey_draw  # the same pool rule, survey sample and draw (this folder is on sys.path)

SEED = 20261206
HALF = "holdout4"
SURVEY_PER_FILING = 3
N_HAND_MIN = 8
N_HAND_MAX = 14
HAND_ROWS = 25
N_TYPED = 4
TYPED_ROWS = 80
N_NONE = 1

# The seeded survey sample (150 pages of 71 filings), looked at by eye on 2026-12-03 before the draw: 70 dpi
# renders turned upright, nothing else read from these files. (stratum, about how many trade rows the
# page holds; rows of schedules are counted roughly from the thumbnail).
SURVEY: dict[tuple[str, int], tuple[str, int]] = {
    ("8219353", 3): ("typed", 19),
    ("8219353", 6): ("typed", 21),
    ("8219353", 14): ("typed", 20),
    ("8219356", 1): ("typed", 3),
    ("8219384", 2): ("typed", 35),
    ("8219384", 3): ("typed", 33),
    ("8219384", 5): ("typed", 12),
    ("8219417", 1): ("none", 0),  # "Please see the attached"
    ("8219417", 4): ("typed", 22),
    ("8219417", 12): ("typed", 24),
    ("8219425", 2): ("none", 0),  # empty continuation form
    ("8219432", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8219432", 2): ("typed", 34),
    ("8219432", 3): ("typed", 30),
    ("8219442", 1): ("typed", 2),
    ("8219442", 2): ("none", 0),  # empty continuation form
    ("8219444", 5): ("typed", 22),
    ("8219444", 13): ("typed", 22),
    ("8219444", 21): ("typed", 23),
    ("8219447", 1): ("none", 0),  # "Nothing to report for March 2023"
    ("8219469", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8219469", 2): ("typed", 34),
    ("8219469", 4): ("typed", 34),
    ("8219521", 3): ("typed", 19),
    ("8219521", 6): ("typed", 24),
    ("8219521", 9): ("typed", 26),
    ("8219522", 2): ("typed", 34),
    ("8219522", 3): ("typed", 30),
    ("8219522", 4): ("typed", 34),
    ("8219525", 1): ("none", 0),  # "Nothing to report for April 2023"
    ("8219742", 1): ("typed", 1),
    ("8219742", 2): ("none", 0),  # empty continuation form
    ("8219748", 1): ("none", 0),  # "Nothing to report for May 2023"
    ("8219808", 1): ("handwritten", 3),
    ("8219814", 1): ("typed", 4),
    ("8219826", 13): ("typed", 17),
    ("8219826", 18): ("typed", 17),
    ("8219826", 33): ("typed", 9),
    ("8219854", 1): ("typed", 2),
    ("8219893", 1): ("typed", 1),
    ("8219904", 1): ("handwritten", 1),
    ("8219921", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8219921", 3): ("typed", 35),
    ("8219921", 5): ("typed", 26),
    ("8219922", 1): ("none", 0),  # "Nothing to report for July 2023"
    ("8219971", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8219971", 3): ("typed", 36),
    ("8219971", 4): ("typed", 34),
    ("8219992", 8): ("typed", 18),
    ("8219992", 9): ("typed", 18),
    ("8219992", 15): ("typed", 18),
    ("8220010", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8220010", 3): ("typed", 34),
    ("8220010", 7): ("typed", 32),
    ("8220023", 1): ("none", 0),  # "Nothing to report for September 2023"
    ("8220037", 1): ("handwritten", 1),
    ("8220039", 2): ("typed", 5),
    ("8220039", 4): ("typed", 17),
    ("8220039", 38): ("typed", 17),
    ("8220046", 2): ("typed", 34),
    ("8220046", 4): ("typed", 34),
    ("8220046", 6): ("typed", 32),
    ("8220049", 1): ("typed", 5),
    ("8220049", 2): ("typed", 6),
    ("8220049", 3): ("typed", 2),
    ("8220051", 1): ("none", 0),  # "Nothing to report for October 2023"
    ("8220067", 2): ("typed", 17),
    ("8220067", 6): ("typed", 19),
    ("8220067", 12): ("typed", 18),
    ("8220068", 1): ("handwritten", 4),
    ("8220078", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8220078", 3): ("typed", 36),
    ("8220078", 7): ("typed", 34),
    ("8220079", 1): ("typed", 5),
    ("8220127", 1): ("none", 0),  # "Please see the attached"
    ("8220127", 5): ("typed", 18),
    ("8220127", 20): ("typed", 17),
    ("8220147", 1): ("typed", 6),
    ("8220147", 2): ("typed", 7),
    ("8220147", 3): ("typed", 6),
    ("8220155", 1): ("none", 0),  # handwritten "Nothing to Report for December 2023 / for January 2024"
    ("8220173", 8): ("typed", 17),
    ("8220173", 13): ("typed", 17),
    ("8220173", 14): ("typed", 17),
    ("8220176", 1): ("none", 0),  # "Nothing to report for February 2024"
    ("8220188", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8220188", 5): ("typed", 33),
    ("8220188", 6): ("typed", 11),
    ("8220192", 7): ("typed", 16),
    ("8220192", 9): ("typed", 17),
    ("8220192", 17): ("typed", 1),
    ("8220214", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8220214", 2): ("typed", 35),
    ("8220214", 4): ("typed", 34),
    ("8220252", 13): ("typed", 18),
    ("8220252", 15): ("typed", 18),
    ("8220252", 20): ("typed", 18),
    ("8220320", 5): ("typed", 30),
    ("8220320", 7): ("typed", 36),
    ("8220320", 8): ("typed", 25),
    ("8220451", 8): ("typed", 17),
    ("8220451", 14): ("typed", 17),
    ("8220451", 18): ("typed", 17),
    ("8220516", 3): ("typed", 25),
    ("8220516", 9): ("typed", 30),
    ("8220516", 10): ("typed", 30),
    ("8220529", 1): ("none", 0),  # "Nothing to report for May 2024"
    ("8220534", 1): ("none", 0),  # "Please see the attached"
    ("8220534", 4): ("typed", 16),
    ("8220534", 10): ("typed", 17),
    ("8220536", 1): ("typed", 1),
    ("8220567", 1): ("none", 0),  # "NOTHING TO REPORT"
    ("8220570", 2): ("typed", 16),
    ("8220570", 13): ("typed", 17),
    ("8220570", 22): ("typed", 17),
    ("8220615", 1): ("typed", 30),
    ("8220615", 2): ("typed", 25),
    ("8220615", 3): ("typed", 30),
    ("8220643", 8): ("typed", 30),
    ("8220643", 9): ("typed", 30),
    ("8220643", 10): ("typed", 30),
    ("8220661", 2): ("typed", 30),
    ("8220674", 1): ("none", 0),  # "Please see the attached"
    ("8220674", 12): ("typed", 17),
    ("8220674", 24): ("typed", 3),
    ("8220682", 10): ("typed", 8),
    ("8220682", 11): ("typed", 8),
    ("8220682", 12): ("typed", 8),
    ("8220683", 1): ("typed", 5),
    ("8220683", 2): ("typed", 4),
    ("8220691", 15): ("typed", 17),
    ("8220691", 16): ("typed", 17),
    ("8220691", 20): ("typed", 17),
    ("8220695", 1): ("none", 0),  # handwritten "Nothing to report for October 2024"
    ("8220698", 1): ("typed", 2),
    ("8220706", 3): ("typed", 26),
    ("8220706", 9): ("typed", 25),
    ("8220706", 10): ("typed", 28),
    ("8220770", 1): ("none", 0),  # a letter: the PTR of 2025-02-20 was filed in error
    ("8220782", 1): ("none", 0),  # "Nothing to report for February 2025"
    ("8220799", 1): ("typed", 4),
    ("8220799", 2): ("typed", 5),
    ("8220903", 1): ("typed", 4),
    ("8221238", 1): ("handwritten", 1),
    ("8221263", 1): ("typed", 23),
    ("8221263", 2): ("typed", 22),
    ("8221264", 3): ("typed", 11),
    ("8221264", 12): ("typed", 18),
    ("8221264", 20): ("typed", 14),
    ("9115546", 1): ("none", 0),  # faint scan, "Nothing to report for June 2025"
}


def main() -> None:
    survey_draw(HALF, SEED, SURVEY, SURVEY_PER_FILING, {"handwritten": (N_HAND_MIN, N_HAND_MAX, HAND_ROWS),
                                                        "typed": (1, N_TYPED, TYPED_ROWS), "none": (N_NONE, N_NONE, 0)})


if __name__ == "__main__":
    main()
