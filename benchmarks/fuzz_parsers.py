"""Fuzz the House and Senate PTR parsers with damaged copies of the real documents.

    .venv/bin/python benchmarks/fuzz_parsers.py [--shared ../shared/data] [--n 306] [--seed 2026]

Draws ``--n`` mutants (a fixed seed: the run repeats exactly), half from the House PTR PDFs in
<shared>/house/ptr and half from the Senate eFD PTR pages in <shared>/senate/ptr, cycling
through the mutation kinds of tests/fuzz/mutate.py (truncate, flip, zero, delete_row,
duplicate_row, header_label, junk), and parses each in a child process with a time limit.
Prints how each parse ended: crash, hang, clean failure (failed or needs OCR, with a reason),
unchanged (the original records and filing), changed with a note, changed silently. The
target is no silent change: a damaged document either fails, reads as before, or carries a note.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

from mutate import HTML_KINDS, OUTCOMES, PDF_KINDS, Runner, html_mutant, judge, pdf_mutant  # noqa: E402

from warstock.sources import house_ptr, senate_ptr  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=306)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--timeout", type=float, default=20.0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    sources = [
        ("house_ptr", house_ptr, sorted((args.shared / "house" / "ptr").glob("*.pdf")), pdf_mutant, PDF_KINDS),
        ("senate_ptr", senate_ptr, sorted((args.shared / "senate" / "ptr").glob("*.html")), html_mutant, HTML_KINDS),
    ]
    counts: Counter[tuple[str, str, str]] = Counter()
    bad: list[str] = []
    started = time.perf_counter()
    for name, module, paths, mutant, kinds in sources:
        runner = Runner(module.parse, args.timeout)
        originals: dict[Path, tuple[object, ...]] = {}
        try:
            for i in range(args.n // 2 + (args.n % 2 if name == "house_ptr" else 0)):
                kind = kinds[i % len(kinds)]
                for _ in range(50):  # a document the kind applies to (a row to delete needs rows)
                    path = rng.choice(paths)
                    data = path.read_bytes()
                    damaged = mutant(data, kind, rng)
                    if damaged is not None and damaged != data:
                        break
                else:
                    counts[(name, kind, "not applicable")] += 1
                    continue
                doc_id = module.SPEC.match(path.as_posix())[0]
                if path not in originals:
                    run = runner.run(data, doc_id=doc_id)
                    assert run[0] == "ok", (path, run)
                    originals[path] = run[1]
                outcome = judge(originals[path], runner.run(damaged, doc_id=doc_id))
                counts[(name, kind, outcome)] += 1
                if outcome in ("crash", "hang", "changed silently"):
                    bad.append(f"{outcome}: {name} {path.name} {kind}")
        finally:
            runner.close()
    elapsed = time.perf_counter() - started

    print(f"fuzz_parsers: {args.n} mutants of the real documents in {args.shared} (seed {args.seed}, "
          f"{args.timeout:.0f} s limit per parse), {elapsed:.0f} s")
    names = [s[0] for s in sources]
    kinds = list(dict.fromkeys(PDF_KINDS + HTML_KINDS))
    short = {"crash": "crash", "hang": "hang", "clean failure": "failed", "unchanged": "same",
             "changed with a note": "noted", "changed silently": "SILENT"}
    print()
    print(f"{'source':<11} {'mutation':<14}" + "".join(f"{short[o]:>8}" for o in OUTCOMES))
    for name in names:
        for kind in kinds:
            row = [counts[(name, kind, o)] for o in OUTCOMES]
            if sum(row):
                print(f"{name:<11} {kind:<14}" + "".join(f"{v:>8}" for v in row))
    print()
    print("outcome              " + "".join(f"{n:>12}" for n in names) + f"{'total':>8}")
    for o in OUTCOMES:
        per = [sum(v for (n, _, oo), v in counts.items() if n == name and oo == o) for name in names]
        print(f"{o:<21}" + "".join(f"{v:>12}" for v in per) + f"{sum(per):>8}")
    print(f"{'all':<21}" + "".join(f"{sum(v for (n, _, _), v in counts.items() if n == name):>12}"
                                    for name in names) + f"{sum(counts.values()):>8}")
    print()
    print("\n".join(bad) if bad else "no crash, no hang, no silent change")


if __name__ == "__main__":
    main()
