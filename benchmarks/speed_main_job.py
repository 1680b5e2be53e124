"""The main job's speed and memory, side by side with a baseline revision, in one run.

    .venv/bin/python benchmarks/speed_main_job.py --home var-bench [--baseline 09ecdf9] [--repeat 7] [--build]

Each measurement is a fresh process of the `warstock` command (import time included), timed
from outside; its peak memory is the largest resident set of the process tree (wait4's
ru_maxrss). Runs are interleaved, so a noisy neighbour slows every variant alike; the script
prints medians and the ratios the issue sets as targets:

  report/snapshot   `warstock report --year 2025 --format json` with no local warehouse (the
                    embedded snapshot, the README's first command)
  report/warehouse  the same report from a built warehouse (--home, built by `warstock run`)
  baseline ...      the same two commands run by the baseline revision's code and snapshot
                    (a git worktree of --baseline, on the same interpreter and packages)

With --build it also times `warstock run ../shared/data` into a fresh home (new code and
baseline, --repeat-build times each): wall time and peak memory of the whole process tree.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak MB) of one command, its output thrown away."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}")
    return seconds, usage.ru_maxrss / 1024


def runner(src: Path, entry: str) -> list[str]:
    return [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(src)!r}); {entry}"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", type=Path, required=True, help="a home with a built warehouse (warstock run)")
    ap.add_argument("--baseline", default="09ecdf9", help="git revision to compare against")
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--build", action="store_true", help="also time `warstock run` of ../shared/data")
    ap.add_argument("--repeat-build", type=int, default=1)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="warstock-bench-"))
    base = work / "baseline"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(base), args.baseline],
                   check=True, capture_output=True)
    empty = work / "empty-home"
    env = {**os.environ, "COLUMNS": "160"}
    new = runner(ROOT / "src", "from warstock.cli import main; main()")
    old = runner(base / "src", "from warstock.cli import app; app()")
    report = ["report", "--year", "2025", "--format", "json"]
    variants = {
        "report/snapshot": new + [*report, "--home", str(empty)],
        "report/warehouse": new + [*report, "--home", str(args.home)],
        "baseline report/snapshot": old + [*report, "--home", str(empty)],
    }
    try:
        times: dict[str, list[tuple[float, float]]] = {k: [] for k in variants}
        for cmd in variants.values():  # warm the file cache once
            measure(cmd, env)
        for _ in range(args.repeat):
            for k, cmd in variants.items():
                times[k].append(measure(cmd, env))
        if args.build:
            builds = {"run ../shared/data": new, "baseline run ../shared/data": old}
            for k in builds:
                times[k] = []
            for _ in range(args.repeat_build):
                for k, cmd in builds.items():
                    home = work / f"home-{len(times[k])}-{k.split()[0]}"
                    times[k].append(measure(cmd + ["run", str(args.shared), "--home", str(home)], env))
                    shutil.rmtree(home, ignore_errors=True)
        print(f"{'variant':28} {'runs':>4} {'median s':>9} {'min s':>7} {'peak MB':>8}")
        med = {}
        for k, vals in times.items():
            secs = [s for s, _ in vals]
            peak = max(m for _, m in vals)
            med[k] = (statistics.median(secs), peak)
            print(f"{k:28} {len(vals):>4} {med[k][0]:>9.2f} {min(secs):>7.2f} {peak:>8.0f}")
        s, w, b = med["report/snapshot"], med["report/warehouse"], med["baseline report/snapshot"]
        print(f"\nreport from the snapshot / from a built warehouse: {s[0] / w[0]:.2f}x time "
              f"(target <= 1.5x); peak {s[1]:.0f} MB (target < 250 MB)")
        print(f"report from the snapshot, this revision / baseline {args.baseline}: {s[0] / b[0]:.2f}x time, "
              f"{s[1] / b[1]:.2f}x peak memory")
        if args.build:
            r, rb = med["run ../shared/data"], med["baseline run ../shared/data"]
            print(f"run ../shared/data, this revision / baseline: {r[0] / rb[0]:.2f}x time, peak {r[1]:.0f} MB vs "
                  f"{rb[1]:.0f} MB (target < 1024 MB, no slower)")
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
