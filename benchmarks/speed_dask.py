"""The local pool and a Dask cluster side by side, over every document in ../shared/data.

Starts a distributed.LocalCluster on this machine (--workers processes, one thread each) and
runs, in this order, each timed once (a full OCR pass takes over ten minutes here):

1. local pool: ingest + build (parse, load, derive) into a fresh home, --workers processes;
2. Dask:       the same into another fresh home, parsing on the cluster;
3. Dask:       the OCR stage (every paper filing) on the cluster;
4. local pool: the OCR stage (skip with --skip-local-ocr).

It compares the two warehouses table by table (every raw_ table, rows as multisets, without
the columns that say when a row was written): after the builds, and again after both OCR
runs; with --skip-local-ocr, the OCR'd warehouse is compared with --reference instead (a
warehouse the local pool built and OCR'd with the same parser versions). It prints the cost per document of
each kind as the Dask workers measured it (the scheduler's task stream: compute time per job)
and the time the client spent loading results (which no number of workers shortens).

    nice .venv/bin/python benchmarks/speed_dask.py [--workers 2] [--root /tmp/dask-bench]
                                                     [--skip-ocr] [--skip-local-ocr]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TIMING = {"parsed_at", "registered_at"}


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def build(data: Path, home: Path, workers: int, executor: Any) -> dict[str, Any]:
    from warstock.archive import Archive
    from warstock.stages.ingest import ingest
    from warstock.stages.parse import build as run_build
    from warstock.warehouse import db

    if home.exists():
        shutil.rmtree(home)
    t0 = time.perf_counter()
    archive = Archive(home / "archive")
    ingest(archive, [data])
    t1 = time.perf_counter()
    con = db.connect(home / "warstock.duckdb")
    s = run_build(archive, con, workers=workers, executor=executor)
    t2 = time.perf_counter()
    con.close()
    return {"ingest_s": t1 - t0, "build_s": t2 - t1, "total_s": t2 - t0, "load_s": s.load_seconds,
            "derive_s": s.derive_seconds, "ran_on": s.ran_on, "failed_now": s.failed_now,
            "parsed": s.parsed}


def ocr(home: Path, workers: int, executor: Any) -> dict[str, Any]:
    from warstock.archive import Archive
    from warstock.stages.ocr import ocr as run_ocr
    from warstock.warehouse import db

    con = db.connect(home / "warstock.duckdb")
    t0 = time.perf_counter()
    s = run_ocr(Archive(home / "archive"), con, workers=workers, executor=executor)
    total = time.perf_counter() - t0
    con.close()
    return {"total_s": total, "load_s": s.load_seconds, "pages": s.pages, "rows": s.rows, "read": s.read,
            "ran_on": s.ran_on}


def compare(a: Path, b: Path) -> list[tuple[str, int, int, int]]:
    """(table, rows in a, rows in b, rows in one and not the other) for every raw_ table."""
    import duckdb

    con = duckdb.connect()
    con.execute(f"ATTACH '{a / 'warstock.duckdb'}' AS a (READ_ONLY)")
    con.execute(f"ATTACH '{b / 'warstock.duckdb'}' AS b (READ_ONLY)")
    tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'a' "
                                        "AND table_name LIKE 'raw%' ORDER BY 1").fetchall()]
    out = []
    for t in tables:
        cols = [c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE database_name = 'a' "
                                          "AND table_name = ? ORDER BY column_index", [t]).fetchall()
                if c not in TIMING]
        sel = ", ".join(f'"{c}"' for c in cols)
        na = con.execute(f"SELECT count(*) FROM a.{t}").fetchone()[0]
        nb = con.execute(f"SELECT count(*) FROM b.{t}").fetchone()[0]
        diff = con.execute(f"SELECT (SELECT count(*) FROM (SELECT {sel} FROM a.{t} EXCEPT ALL SELECT {sel} FROM b.{t}))"
                           f" + (SELECT count(*) FROM (SELECT {sel} FROM b.{t} EXCEPT ALL SELECT {sel} FROM a.{t}))"
                           ).fetchone()[0]
        out.append((t, na, nb, diff))
    return out


def costs(stream: list[dict[str, Any]], home: Path) -> dict[str, dict[str, float]]:
    """Worker compute seconds per job, by source (from the task keys warstock-<source>-<doc>-<id>)."""
    import duckdb

    per: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for task in stream:
        key = str(task.get("key"))
        if not key.startswith("warstock-"):
            continue
        source, _, rest = key[len("warstock-"):].partition("-")
        doc = rest.rsplit("-", 1)[0]
        secs = sum(s["stop"] - s["start"] for s in task.get("startstops", []) if s.get("action") == "compute")
        per[source].append((doc, secs))
    con = duckdb.connect(str(home / "warstock.duckdb"), read_only=True)
    pages = dict(con.execute("SELECT doc_id, page_count FROM raw_house__filings WHERE read_method = 'ocr'").fetchall())
    pages |= dict(con.execute("SELECT doc_id, paper_pages FROM raw_senate__filings WHERE read_method = 'ocr'"
                              ).fetchall())
    text_pages = dict(con.execute("SELECT doc_id, page_count FROM raw_house__filings WHERE read_method = 'text'"
                                  ).fetchall())
    con.close()
    out = {}
    for source, items in sorted(per.items()):
        secs = [s for _, s in items]
        row = {"jobs": len(items), "total_s": sum(secs), "mean_s": statistics.mean(secs),
               "median_s": statistics.median(secs), "max_s": max(secs)}
        if source.endswith("_ocr"):
            n_pages = sum(pages.get(d) or 0 for d, _ in items)
            row["pages"] = n_pages
            row["s_per_page"] = sum(secs) / n_pages if n_pages else float("nan")
        if source == "house_ptr":
            n_pages = sum(text_pages.get(d) or 0 for d, _ in items)
            row["pages"] = n_pages
        out[source] = row
    return out


def per_kind(archive_root: Path, sample: int, only: list[str] | None = None) -> dict[str, dict[str, float]]:
    """Parse and load cost per document of each kind, in this one process (no worker beside
    it): up to ``sample`` documents per source, spread over the archive, parsed (``parse_s``,
    what a worker does) and loaded into an in-memory warehouse (``load_s``, what the client
    does and no worker can share)."""
    from warstock.archive import Archive
    from warstock.sources import SOURCES, parser
    from warstock.warehouse import db
    from warstock.warehouse.load import load_document

    archive = Archive(archive_root)
    by_source: dict[str, list[Any]] = defaultdict(list)
    for e in archive.entries():
        spec = SOURCES.get(e.source)
        if spec is not None and spec.read_by == "build" and (not only or e.source in only):
            by_source[e.source].append(e)
    con = db.connect(None)
    out = {}
    for source, entries in sorted(by_source.items()):
        entries.sort(key=lambda e: e.doc_id or "")
        step = max(1, len(entries) // sample)
        chosen = entries[::step][:sample]
        parse_s = load_s = 0.0
        for e in chosen:
            data = archive.read(e.sha256)
            t0 = time.perf_counter()
            try:
                result = parser(source)(data, doc_id=e.doc_id)
            except Exception as exc:  # a benchmark, not the build: note and go on
                log(f"{source} {e.doc_id}: {exc}")
                continue
            t1 = time.perf_counter()
            load_document(con, source=source, sha256=e.sha256, doc_id=e.doc_id, official_url=e.official_url,
                          result=result)
            t2 = time.perf_counter()
            parse_s += t1 - t0
            load_s += t2 - t1
        out[source] = {"docs": len(chosen), "of": len(entries), "parse_s_per_doc": parse_s / len(chosen),
                       "load_s_per_doc": load_s / len(chosen)}
    con.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--root", type=Path, default=Path("/tmp/dask-bench"))
    ap.add_argument("--skip-ocr", action="store_true")
    ap.add_argument("--skip-local-ocr", action="store_true")
    ap.add_argument("--reference", type=Path, help="home of a warehouse built and OCR'd by the local pool")
    ap.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "speed_dask.json")
    ap.add_argument("--per-kind", type=Path, metavar="HOME",
                    help="only: parse and load cost per document of each kind, from HOME's archive")
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--sources", nargs="*", help="with --per-kind: only these sources")
    args = ap.parse_args()
    if args.per_kind:
        print(f"{'source':24} {'docs':>5} {'of':>5} {'parse s/doc':>12} {'load s/doc':>11}")
        for source, c in per_kind(args.per_kind / "archive", args.sample, args.sources).items():
            print(f"{source:24} {c['docs']:5d} {c['of']:5d} {c['parse_s_per_doc']:12.4f} {c['load_s_per_doc']:11.4f}")
        return
    if not args.data.is_dir():
        sys.exit(f"no documents at {args.data}")

    import dask
    from distributed import Client, LocalCluster, get_task_stream

    from warstock.stages.cluster import DaskExecutor

    report: dict[str, Any] = {"workers": args.workers, "data": str(args.data)}
    with dask.config.set({"distributed.scheduler.allowed-failures": 2}), \
            LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, memory_limit="2GiB",
                         dashboard_address=None) as cluster, Client(cluster, set_as_default=False) as client:
        log(f"cluster {cluster.scheduler_address}: {args.workers} workers, 1 thread each")
        local_home, dask_home = args.root / "local", args.root / "dask"

        log("local pool: ingest + build")
        report["local_build"] = build(args.data, local_home, args.workers, None)
        log(json.dumps(report["local_build"]))

        log("Dask: ingest + build")
        with get_task_stream(client) as ts:
            report["dask_build"] = build(args.data, dask_home, args.workers, DaskExecutor(cluster.scheduler_address))
        build_stream = list(ts.data)
        log(json.dumps(report["dask_build"]))
        report["compare_build"] = compare(local_home, dask_home)
        log("builds differ in " + str(sum(d for *_, d in report["compare_build"])) + " rows")

        if not args.skip_ocr:
            log("Dask: OCR")
            with get_task_stream(client) as ts:
                report["dask_ocr"] = ocr(dask_home, args.workers, DaskExecutor(cluster.scheduler_address))
            ocr_stream = list(ts.data)
            log(json.dumps(report["dask_ocr"]))
        else:
            ocr_stream = []
    if not args.skip_ocr and not args.skip_local_ocr:
        log("local pool: OCR")
        report["local_ocr"] = ocr(local_home, args.workers, None)
        log(json.dumps(report["local_ocr"]))

    report["costs"] = costs(build_stream + ocr_stream, dask_home)
    if "local_ocr" in report:
        report["compare_ocr"] = compare(local_home, dask_home)
    elif "dask_ocr" in report and args.reference:
        report["compare_ocr"] = compare(args.reference, dask_home)

    print()
    print(f"{'':34} {'local pool':>12} {'Dask':>12}")
    for what, key in (("ingest s", "ingest_s"), ("build s (parse+load+derive)", "build_s"),
                      ("  client load s", "load_s"), ("  derive s", "derive_s"), ("run total s", "total_s")):
        print(f"{what:34} {report['local_build'][key]:12.1f} {report['dask_build'][key]:12.1f}")
    if "dask_ocr" in report:
        lo = report.get("local_ocr", {})
        for what, key in (("OCR s", "total_s"), ("  client load s", "load_s"), ("OCR pages", "pages"),
                          ("OCR rows", "rows")):
            local = f"{lo[key]:12.1f}" if key in lo else f"{'-':>12}"
            print(f"{what:34} {local} {report['dask_ocr'][key]:12.1f}")
    print("\nworker compute time per job, by source (Dask task stream)")
    print(f"{'source':24} {'jobs':>6} {'total s':>9} {'mean s':>8} {'median s':>9} {'max s':>7} {'pages':>6} "
          f"{'s/page':>7}")
    for source, c in report["costs"].items():
        print(f"{source:24} {c['jobs']:6d} {c['total_s']:9.1f} {c['mean_s']:8.3f} {c['median_s']:9.3f} "
              f"{c['max_s']:7.1f} {c.get('pages', ''):>6} {c.get('s_per_page', float('nan')):7.2f}")
    for name, what in (("compare_build", "after the builds"), ("compare_ocr", "after OCR")):
        if name in report:
            print(f"\nraw tables {what}, local pool vs Dask (rows, rows; rows in one and not the other)")
            for t, na, nb, diff in report[name]:
                print(f"{t:36} {na:9d} {nb:9d} {diff:6d}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1, default=str))


if __name__ == "__main__":
    main()
