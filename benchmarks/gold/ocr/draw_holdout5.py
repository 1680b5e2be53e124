"""Draw the seventh, fifth held-out half of the by-eye OCR gold (`holdout5`, issue 11).

`holdout4` was scored and opened (readers 1.10), so it is no longer blind. Like `draw_holdout4.py`, this
half is drawn at PAGE level, WITHOUT a warehouse and without warstock's OCR: only the files in
../shared/data, `git grep` and what a person saw on low-resolution page images (SURVEY below). It
appends the drawn (filing, page) lines to selection.csv with half `holdout5`, keeping the other
lines unchanged.

    PYTHONPATH=src .venv/bin/python benchmarks/gold/ocr/draw_holdout5.py [--data ../shared/data]
    PYTHONPATH=src .venv/bin/python benchmarks/gold/ocr/draw_holdout5.py --list-sample  # the survey sample

Reproducible at its draw commit only (later commits may add halves to selection.csv or name its
filings in tests/, which changes the pool, so SURVEY no longer matches the seeded sample and the
script says so).

The pool, survey sample and draw are `draw_holdout3.survey_draw` with `draw_holdout2.pool` (shared,
not copied): pages of the scanned House PTR PDFs (house/ptr-scanned/<DocID>.pdf) whose (doc_id,
page) is not in selection.csv (any half: tune, check, holdout, holdout2, holdout3, holdout4), whose
DocID does not occur in tests/, not 8221212 (a printed e-filing) and not report.pdf (no DocID).
As for the earlier page-level halves, every filing of the pool is named somewhere in the
repository: the half is untouched at page level only (no drawn page is in any gold file or test),
and a filing's other pages may have been read while tuning.

The survey sample: with SEED, up to SURVEY_PER_FILING pages of each pool filing. A person looked
at each of those pages (70 dpi, images only, six thumbnails to a contact sheet, sideways scans
read turned) and wrote into SURVEY what it holds and about how many trade rows (handwritten: the
transaction dates written by hand; typed: typewriter, a filled-in PDF form or a printed schedule;
none: a cover page, "Nothing to report", an empty continuation form, a letter).

The draw, from the surveyed pages only, aiming at about 8-12 pages and 100-150 trade rows (the
limits were set before the survey was looked at):
  - handwritten: every handwritten page the survey finds (up to N_HAND_MAX);
  - typed: the pages in seeded order until N_TYPED pages or the survey's row estimates reach
    TYPED_ROWS (printed McCaul/Khanna schedules hold up to ~38 rows a page);
  - none: N_NONE page with the seed: any row warstock reads from it is an extra row.
The row estimates only stop each seeded sequence; they never choose which page comes next.

Senate paper filings: the four Senate PTR stubs in senate/ptr/ that link page GIFs are 14607985
(holdout), 4fbbf6be (tune), 8e8ae815 (check) and d7d35e4a (named in
tests/integration/test_real_ocr.py); the 16 GIFs in senate/paper-images are all linked by these
four. No Senate paper filing is left, so this half has none.

Run on 2026-12-07 (main 37cc478): pool 563 pages of 65 filings; surveyed 142 (handwritten 0,
typed 116, none 26). No handwritten page is left in the sample (holdout4 drew the last 5; every
filing with handwritten dates had at most 3 pages, so the survey would hold all of its pool
pages). Typed 6 pages, about 114 estimated rows (8219353 p14, 8219432 p4, 8219826 p7, 8220516 p4,
8220516 p11, 8220799 p2); none 1 (8219742 p2, an empty continuation form). Drawn 7 pages of 6
filings (one short of the 8-page aim: the schedule pages reach the row limit in 6 typed pages).
"""

from __future__ import annotations

from draw_holdout3 import survey_draw  # the same pool rule, survey sample and draw (this folder is on sys.path)

SEED = 20261207
HALF = "holdout5"
SURVEY_PER_FILING = 3
N_HAND_MIN = 14  # every handwritten page the survey finds (up to 14)
N_HAND_MAX = 14
HAND_ROWS = 30
N_TYPED = 10
TYPED_ROWS = 110
N_NONE = 1

# The seeded survey sample (142 pages of 65 filings), looked at by eye on 2026-12-07 before the draw: 70 dpi renders,
# six thumbnails to a contact sheet, nothing else read from these files. (stratum, about how many trade rows the
# page holds; rows of schedules are counted roughly from the thumbnail).
SURVEY: dict[tuple[str, int], tuple[str, int]] = {
    ("8219353", 2): ("typed", 4),
    ("8219353", 6): ("typed", 22),
    ("8219353", 14): ("typed", 22),
    ("8219356", 1): ("typed", 3),
    ("8219384", 2): ("typed", 35),
    ("8219384", 3): ("typed", 34),
    ("8219384", 5): ("typed", 17),
    ("8219417", 1): ("none", 0),  # "Please see the attached"
    ("8219417", 2): ("typed", 4),
    ("8219417", 5): ("typed", 24),
    ("8219425", 2): ("none", 0),  # empty continuation form
    ("8219432", 3): ("typed", 30),
    ("8219432", 4): ("typed", 34),
    ("8219432", 6): ("typed", 30),
    ("8219442", 1): ("typed", 2),
    ("8219442", 2): ("none", 0),  # empty continuation form
    ("8219444", 1): ("none", 0),  # "Please see the attached"
    ("8219444", 7): ("typed", 23),
    ("8219444", 22): ("typed", 21),
    ("8219447", 1): ("none", 0),  # "Nothing to report for March 2023"
    ("8219469", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8219469", 2): ("typed", 34),
    ("8219469", 4): ("typed", 34),
    ("8219521", 7): ("typed", 23),
    ("8219521", 8): ("typed", 22),
    ("8219521", 13): ("typed", 22),
    ("8219522", 3): ("typed", 30),
    ("8219522", 4): ("typed", 34),
    ("8219522", 5): ("typed", 20),
    ("8219525", 1): ("none", 0),  # "Nothing to report for April 2023"
    ("8219742", 1): ("typed", 1),
    ("8219742", 2): ("none", 0),  # empty continuation form
    ("8219748", 1): ("none", 0),  # "Nothing to report for May 2023"
    ("8219814", 1): ("typed", 4),
    ("8219826", 4): ("typed", 20),
    ("8219826", 7): ("typed", 20),
    ("8219826", 18): ("typed", 17),
    ("8219854", 1): ("typed", 2),
    ("8219893", 1): ("typed", 1),
    ("8219921", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8219921", 3): ("typed", 35),
    ("8219921", 5): ("typed", 26),
    ("8219922", 1): ("none", 0),  # "Nothing to report for July 2023"
    ("8219971", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8219971", 5): ("typed", 36),
    ("8219971", 6): ("typed", 15),
    ("8219992", 8): ("typed", 18),
    ("8219992", 13): ("typed", 18),
    ("8219992", 15): ("typed", 18),
    ("8220023", 1): ("none", 0),  # "Nothing to report for September 2023"
    ("8220039", 5): ("typed", 17),
    ("8220039", 6): ("typed", 17),
    ("8220039", 11): ("typed", 17),
    ("8220046", 3): ("typed", 33),
    ("8220046", 9): ("typed", 35),
    ("8220046", 10): ("typed", 34),
    ("8220049", 1): ("typed", 5),
    ("8220049", 2): ("typed", 6),
    ("8220049", 3): ("typed", 2),
    ("8220051", 1): ("none", 0),  # "Nothing to report for October 2023"
    ("8220067", 3): ("typed", 18),
    ("8220067", 7): ("typed", 18),
    ("8220067", 10): ("typed", 18),
    ("8220078", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8220078", 2): ("none", 0),  # "SEE SCHEDULES ATTACHED" (a second cover page)
    ("8220078", 5): ("typed", 30),
    ("8220079", 1): ("typed", 5),
    ("8220127", 8): ("typed", 18),
    ("8220127", 18): ("typed", 17),
    ("8220127", 19): ("typed", 17),
    ("8220147", 1): ("typed", 6),
    ("8220147", 2): ("typed", 7),
    ("8220147", 3): ("typed", 6),
    ("8220155", 1): ("none", 0),  # handwritten "Nothing to Report for December 2023 / for January 2024"
    ("8220173", 3): ("typed", 20),
    ("8220173", 10): ("typed", 17),
    ("8220173", 13): ("typed", 17),
    ("8220176", 1): ("none", 0),  # "Nothing to report for February 2024"
    ("8220188", 2): ("typed", 35),
    ("8220188", 4): ("typed", 35),
    ("8220188", 6): ("typed", 13),
    ("8220192", 5): ("typed", 17),
    ("8220192", 9): ("typed", 17),
    ("8220192", 14): ("typed", 17),
    ("8220214", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8220214", 4): ("typed", 34),
    ("8220214", 5): ("typed", 34),
    ("8220252", 6): ("typed", 18),
    ("8220252", 11): ("typed", 18),
    ("8220252", 23): ("typed", 17),
    ("8220320", 6): ("typed", 33),
    ("8220320", 7): ("typed", 33),
    ("8220320", 8): ("typed", 25),
    ("8220451", 2): ("typed", 17),
    ("8220451", 5): ("typed", 17),
    ("8220451", 25): ("typed", 17),
    ("8220516", 1): ("none", 0),  # "SEE SCHEDULES ATTACHED"
    ("8220516", 4): ("typed", 30),
    ("8220516", 11): ("typed", 3),
    ("8220529", 1): ("none", 0),  # "Nothing to report for May 2024"
    ("8220534", 3): ("typed", 17),
    ("8220534", 10): ("typed", 17),
    ("8220534", 14): ("typed", 12),
    ("8220536", 1): ("typed", 1),
    ("8220567", 1): ("none", 0),  # "NOTHING TO REPORT"
    ("8220570", 11): ("typed", 17),
    ("8220570", 17): ("typed", 17),
    ("8220570", 22): ("typed", 17),
    ("8220615", 1): ("typed", 28),
    ("8220615", 2): ("typed", 30),
    ("8220615", 3): ("typed", 30),
    ("8220643", 6): ("typed", 23),
    ("8220643", 7): ("typed", 27),
    ("8220643", 12): ("typed", 12),
    ("8220661", 2): ("typed", 28),
    ("8220674", 13): ("typed", 16),
    ("8220674", 15): ("typed", 17),
    ("8220674", 22): ("typed", 10),
    ("8220682", 2): ("typed", 8),
    ("8220682", 19): ("typed", 8),
    ("8220682", 23): ("typed", 8),
    ("8220683", 1): ("typed", 5),
    ("8220683", 2): ("typed", 5),
    ("8220691", 2): ("typed", 17),
    ("8220691", 6): ("typed", 17),
    ("8220691", 21): ("typed", 17),
    ("8220695", 1): ("none", 0),  # handwritten "Nothing to report for October 2024"
    ("8220698", 1): ("typed", 2),
    ("8220706", 5): ("typed", 27),
    ("8220706", 9): ("typed", 28),
    ("8220706", 11): ("typed", 22),
    ("8220770", 1): ("none", 0),  # a letter: the PTR of 2025-02-20 was filed in error
    ("8220782", 1): ("none", 0),  # "Nothing to report for February 2025"
    ("8220799", 1): ("typed", 4),
    ("8220799", 2): ("typed", 5),
    ("8220903", 1): ("typed", 4),
    ("8221263", 1): ("typed", 24),
    ("8221263", 2): ("typed", 22),
    ("8221264", 2): ("typed", 18),
    ("8221264", 16): ("typed", 16),
    ("8221264", 21): ("typed", 15),
    ("9115546", 1): ("none", 0),  # faint scan, "Nothing to report for June 2025"
}


def main() -> None:
    survey_draw(HALF, SEED, SURVEY, SURVEY_PER_FILING, {"handwritten": (N_HAND_MIN, N_HAND_MAX, HAND_ROWS),
                                                        "typed": (1, N_TYPED, TYPED_ROWS), "none": (N_NONE, N_NONE, 0)})


if __name__ == "__main__":
    main()
