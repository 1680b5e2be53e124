"""Draw the by-eye OCR gold sample and split it into a tuning half and a check half (issue 11).

Run once, before any tuning, on the warehouse built from ../shared/data (OCR done). Writes
selection.csv: one line per (filing, page) to read by eye, with its half. Filings named anywhere
in the repository before the draw (tests, BENCHMARKS, README: pages earlier sessions looked at)
are left out, so the check half holds only pages nobody tuned the reader to.

    .venv/bin/python benchmarks/gold/ocr/draw.py --home DIR
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SEED = 20261202


def named_ids() -> set[str]:
    out = subprocess.run(["git", "grep", "-ohE", r"\b(8|9)[0-9]{6}\b|[0-9a-f]{8}-[0-9a-f]{4}", "--", "*.py", "*.md"],
                         cwd=ROOT, capture_output=True, text=True).stdout
    return {m.split("-")[0] for m in out.split()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", required=True)
    args = ap.parse_args()
    con = duckdb.connect(str(Path(args.home) / "warstock.duckdb"), read_only=True)
    named = named_ids()
    house = con.sql("""select doc_id, page, count(*) n from raw_house__transactions where read_method = 'ocr'
                       group by all order by all""").fetchall()
    per_doc: dict[str, list[tuple[int, int]]] = {}
    for doc, page, n in house:
        per_doc.setdefault(doc, []).append((page, n))
    rng = random.Random(SEED)
    small = sorted(d for d, ps in per_doc.items() if d not in named and 3 <= sum(n for _, n in ps) <= 40)
    large = sorted(d for d, ps in per_doc.items() if d not in named and sum(n for _, n in ps) > 40)
    picks: list[tuple[str, str, int | None]] = []
    for d in rng.sample(small, 10):
        picks.extend(("house", d, p) for p, _ in per_doc[d])
    for d in rng.sample(large, 8):
        pages = [p for p, n in per_doc[d] if n >= 8]
        picks.append(("house", d, rng.choice(pages)))
    senate = sorted(r[0] for r in con.sql("""select distinct doc_id from raw_senate__transactions
                                              where read_method = 'ocr'""").fetchall())
    for d in rng.sample([d for d in senate if d.split("-")[0] not in named], 2):
        picks.append(("senate", d, None))
    half: dict[str, str] = {}
    for chamber in ("house", "senate"):  # each chamber split in two, so both halves hold both
        docs = sorted({d for c, d, _ in picks if c == chamber})
        rng.shuffle(docs)
        half.update({d: ("tune" if i % 2 == 0 else "check") for i, d in enumerate(docs)})
    with open(HERE / "selection.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["chamber", "doc_id", "page", "half"])
        for chamber, d, p in sorted(picks, key=lambda x: (half[x[1]], x[1], x[2] or 0)):
            w.writerow([chamber, d, "" if p is None else p, half[d]])
    print(f"{len(half)} filings, {len(picks)} pages -> {HERE / 'selection.csv'}")


if __name__ == "__main__":
    main()
