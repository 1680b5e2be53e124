"""warstock command line: thin layer over the pipeline, analysis and reports."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from warstock import pipeline, warehouse
from warstock.amounts import fmt_range, fmt_sum
from warstock.analysis.context import committee_conflicts, find_member, late_filings, member_profile, vote_conflicts
from warstock.analysis.defense import EQUITY_CODES, _dicts, coverage, defense_trading
from warstock.archive import Archive
from warstock.report import render
from warstock.settings import DEFAULT_UNIVERSE, WORKERS, default_shared_data, get_settings
from warstock.sources import SOURCES
from warstock.warehouse import snapshot

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="warstock: congressional stock trading in defense contractors, from the official "
    "disclosures to a report you can check.",
)
# Piped or redirected output gets a wide, stable layout instead of 80 columns.
console = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)

HomeOpt = Annotated[Path | None, typer.Option("--home", help="Data directory (default $WARSTOCK_HOME or ./var).")]


class Format(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    md = "md"


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True)


@contextmanager
def _reading(home: Path | None) -> Iterator[tuple[duckdb.DuckDBPyConnection, str]]:
    """The warehouse to read from (closed afterwards): the local one, else the snapshot."""
    con, note = _open_for_reading(home)
    try:
        yield con, note
    finally:
        con.close()


def _open_for_reading(home: Path | None) -> tuple[duckdb.DuckDBPyConnection, str]:
    settings = get_settings(home)
    if settings.db_path.exists():
        con = duckdb.connect(str(settings.db_path), read_only=True)
        return con, f"Source: local warehouse {settings.db_path}"
    if snapshot.available():
        m = snapshot.meta()
        return snapshot.open_snapshot(), (
            f"Source: embedded snapshot built {m['built_at']} (commit {m.get('git_commit') or '?'}) "
            "from the documents in shared/data; run `warstock run` to build your own.")
    err.print("No warehouse and no embedded snapshot. Run `warstock run PATH` first.")
    raise typer.Exit(2)


@app.command()
def ingest(paths: Annotated[list[Path], typer.Argument(help="Files or folders laid out like shared/data.")],
           home: HomeOpt = None) -> None:
    """Register local documents in the content-addressed archive.

    Example: warstock ingest ../shared/data
    """
    archive = Archive(get_settings(home).archive_dir)
    summary = archive.ingest(paths)
    for source in sorted(set(summary.added) | set(summary.already)):
        console.print(f"{source}: {summary.added.get(source, 0)} added, "
                      f"{summary.already.get(source, 0)} already archived")
    if summary.skipped:
        console.print(f"{len(summary.skipped)} files not recognised as any source (skipped)")


@app.command()
def build(home: HomeOpt = None,
          workers: Annotated[int, typer.Option(help="Parallel parser processes.")] = WORKERS,
          force: Annotated[bool, typer.Option(help="Re-parse documents already parsed.")] = False) -> None:
    """Parse every archived document not yet parsed and rebuild the warehouse views.

    Example: warstock build --workers 2
    """
    settings = get_settings(home)
    archive = Archive(settings.archive_dir)
    with closing(warehouse.connect(settings.db_path)) as con, _progress() as progress:
        task = progress.add_task("parsing", total=None)

        def tick(source: str, n: int, total: int) -> None:
            progress.update(task, total=total, completed=n, description=f"parsing {source}")

        summary = pipeline.build(archive, con, workers=workers, force=force, progress=tick)
    for source, statuses in summary.parsed.items():
        console.print(f"{source}: " + ", ".join(f"{v} {k}" for k, v in sorted(statuses.items())))
    if summary.skipped_unchanged:
        console.print(f"{summary.skipped_unchanged} documents unchanged since the last build")
    for source, n in summary.no_parser.items():
        by = SOURCES[source].read_by
        console.print(f"{source}: {n} archived, " + (f"read by `{by}`" if by else "no parser yet"))
    console.print(f"built {settings.db_path} in {summary.seconds:.1f}s")
    failed = sum(s.get("failed", 0) for s in summary.parsed.values())
    if failed:
        console.print(f"[yellow]{failed} documents failed: see `warstock problems`[/]")
        raise typer.Exit(1)


@app.command()
def ocr(home: HomeOpt = None,
        workers: Annotated[int, typer.Option(help="Parallel OCR processes (one Tesseract each).")] = WORKERS,
        year: Annotated[int | None, typer.Option(help="Only paper filings of this index year.")] = None,
        doc: Annotated[list[str] | None, typer.Option(help="Only these document ids (repeatable).")] = None,
        force: Annotated[bool, typer.Option(help="Read again filings already read by this OCR version.")] = False
        ) -> None:
    """Read the scanned House PTRs and Senate paper filings that `build` marked "needs OCR".

    Resumable: filings already read are skipped, and each is saved as soon as it is read.
    Rows whose fields fall below the confidence threshold are flagged (`warstock problems
    --level ocr_review`), never guessed.

    Example: warstock ocr --workers 2 --year 2025
    """
    from warstock.ocr import run as ocr_run
    from warstock.ocr.engine import OcrUnavailable, tessdata_dir

    try:
        tessdata_dir()
    except OcrUnavailable as exc:
        console.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from exc
    settings = get_settings(home)
    archive = Archive(settings.archive_dir)
    with closing(warehouse.connect(settings.db_path)) as con, _progress() as progress:
        task = progress.add_task("OCR", total=None)

        def tick(doc_id: str, n: int, total: int) -> None:
            progress.update(task, total=total, completed=n, description=f"OCR {doc_id}")

        summary = ocr_run.ocr(archive, con, workers=workers, force=force, doc_ids=doc, year=year, progress=tick)
    done = sum(summary.read.values())
    console.print(f"read {done} paper filings ({', '.join(f'{v} {k}' for k, v in sorted(summary.read.items()))}); "
                  f"{summary.skipped} already read; {summary.pages} pages, {summary.rows} rows, "
                  f"{summary.review_rows} flagged for review, in {summary.seconds:.1f}s"
                  + (f" ({summary.pages / summary.seconds * 60:.0f} pages/min)" if summary.seconds and summary.pages
                     else ""))
    if summary.read.get("failed"):
        console.print(f"[yellow]{summary.read['failed']} paper filings could not be read: see `warstock problems`[/]")


@app.command()
def run(paths: Annotated[list[Path] | None, typer.Argument(help="Folders to ingest (default ../shared/data).")] = None,
        home: HomeOpt = None, workers: int = WORKERS) -> None:
    """Ingest and build in one go.

    Example: warstock run ../shared/data
    """
    if not paths:
        shared = default_shared_data()
        if shared is None:
            err.print("No path given and ../shared/data not found.")
            raise typer.Exit(2)
        paths = [shared]
    ingest(paths, home)
    build(home, workers)


@app.command()
def fetch(year: Annotated[int, typer.Option(help="Index year to fetch.")] = 2025,
          base_url: Annotated[str, typer.Option(help="Server to fetch from (a mirror or a local test server).")] = "https://disclosures-clerk.house.gov",
          limit: Annotated[int, typer.Option(help="At most this many PTRs (0 = all).")] = 0,
          interval: Annotated[float, typer.Option(help="Seconds between requests.")] = 1.0,
          home: HomeOpt = None) -> None:
    """Download the House Clerk's index for YEAR and every PTR it lists that is not archived yet.

    Example: warstock fetch --year 2025 --limit 20 && warstock build
    """
    from warstock.fetch import Fetcher, fetch_house

    archive = Archive(get_settings(home).archive_dir)
    fetcher = Fetcher(base_url=base_url, min_interval=interval)
    with _progress() as progress:
        task = progress.add_task("fetching PTRs", total=None)
        summary = fetch_house(archive, year, fetcher, limit=limit or None,
                              progress=lambda n, t: progress.update(task, completed=n, total=t))
    console.print(f"{summary.added} documents added, {summary.already} already archived, "
                  f"{len(summary.failed)} failed")
    for doc_id, reason in summary.failed:
        console.print(f"  {doc_id}: {reason}")
    if summary.failed:
        raise typer.Exit(1)


ALL_ASSETS_HELP = "Count every asset type, not only stock and options (ST, OP)."
LEVEL_HELP = ("document_failed, needs_ocr, row_unreadable, ocr_review, note, unresolved_filer or "
              "unresolved_asset.")


@app.command()
def report(year: Annotated[int, typer.Option(help="Calendar year of the trades.")] = 2025,
           universe: Annotated[str, typer.Option(help="Universe edition (`warstock universes`).")] = DEFAULT_UNIVERSE,
           fmt: Annotated[Format, typer.Option("--format", help="text, json, csv or md.")] = Format.text,
           all_assets: Annotated[bool, typer.Option("--all-assets", help=ALL_ASSETS_HELP)] = False,
           limit: Annotated[int, typer.Option(help="Rows in the text table (0 = all).")] = 40,
           home: HomeOpt = None) -> None:
    """Members who traded universe stock in YEAR: trades, low–high range, companies, coverage.

    Uses the local warehouse if one exists, otherwise the embedded snapshot.

    Example: warstock report --year 2025 --format md
    """
    with _reading(home) as (con, note):
        try:
            rep = defense_trading(con, year, universe, None if all_assets else EQUITY_CODES)
        except ValueError as exc:
            err.print(str(exc))
            raise typer.Exit(2) from exc
        rep.source_note = note
        if fmt is Format.text:
            render.render_text(rep, console, limit or None)
        else:
            out = {Format.json: render.render_json, Format.csv: render.render_csv,
                   Format.md: render.render_markdown}[fmt](rep)
            sys.stdout.write(out)


def _table(title: str, rows: list[dict[str, object]], columns: list[str]) -> Table:
    t = Table(*columns, title=title)
    for r in rows:
        t.add_row(*[_cell(r.get(c)) for c in columns])
    return t


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(v)


def _emit_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, default=render._json_default) + "\n")


@app.command()
def conflicts(year: Annotated[int, typer.Option(help="Calendar year of the trades.")] = 2025,
              universe: Annotated[str, typer.Option(help="Universe edition.")] = DEFAULT_UNIVERSE,
              committees: Annotated[str, typer.Option(help="Committee set (data/congress).")] = "defense",
              window: Annotated[int, typer.Option(help="Days before or after a key vote.")] = 30,
              as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
              home: HomeOpt = None) -> None:
    """Universe trades by members sitting on Armed Services, Foreign Affairs/Relations,
    Intelligence or Defense Appropriations on the trade date, and universe trades within
    WINDOW days of a key defense or foreign-policy vote the member cast.

    Example: warstock conflicts --year 2025 --window 30
    """
    with _reading(home) as (con, note):
        seats = committee_conflicts(con, year, universe, committees)
        votes = vote_conflicts(con, year, universe, window)
        if as_json:
            _emit_json({"year": year, "universe": universe, "committee_set": committees, "window_days": window,
                        "committee_conflicts": seats, "vote_conflicts": votes, "source": note})
            return
        console.print(_table(f"Universe trades while on a '{committees}' committee, {year} ({len(seats)})", [
            {**r, "range": fmt_range(r["amount_min_usd"], r["amount_max_usd"])} for r in seats],
            ["member_name", "transaction_date", "transaction_type", "ticker", "range", "committees",
             "seat_certain", "doc_id"]))
        console.print(_table(f"Universe trades within {window} days of a key vote, {year} ({len(votes)})", [
            {**r, "range": fmt_range(r["amount_min_usd"], r["amount_max_usd"])} for r in votes],
            ["member_name", "transaction_date", "transaction_type", "ticker", "range", "vote_id", "vote_label",
             "position", "days_to_vote"]))
        console.print("days_to_vote > 0: the trade came before the vote. Links: the filing's source_url and "
                      "the vote's official URL are in --json.")
        console.print(f"[dim]{note}[/]")


@app.command()
def late(year: Annotated[int, typer.Option(help="Calendar year of the trades.")] = 2025,
         as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
         home: HomeOpt = None) -> None:
    """Transactions reported late under the STOCK Act (more than 30 days after notification
    or more than 45 days after the trade), per member.

    Example: warstock late --year 2025
    """
    with _reading(home) as (con, note):
        rows = late_filings(con, year)
        if as_json:
            _emit_json({"year": year, "members": rows, "source": note})
            return
        console.print(_table(f"Late-reported transactions, {year}", [
            {**r, "range": fmt_range(r["amount_min_usd"], r["amount_max_usd"])} for r in rows],
            ["member_name", "member_id_bioguide", "late_transactions", "max_days_late", "median_days_late",
             "range", "filings"]))
        console.print(f"[dim]{note}[/]")


@app.command()
def member(who: Annotated[str, typer.Argument(help="Bioguide id or (part of) a name.")],
           universe: Annotated[str, typer.Option(help="Universe edition.")] = DEFAULT_UNIVERSE,
           window: Annotated[int, typer.Option(help="Days around a key vote.")] = 30,
           as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
           home: HomeOpt = None) -> None:
    """One member's record: identity, committees with dates, trades, universe trades, key votes
    cast, conflicts, late filings, and the coverage of their filings.

    Example: warstock member Gottheimer   (or: warstock member G000583)
    """
    with _reading(home) as (con, note):
        found = find_member(con, who)
        if not found:
            err.print(f"No member matches {who!r}.")
            raise typer.Exit(2)
        if len(found) > 1 and found[0]["member_id_bioguide"] != who.upper():
            err.print("Several members match; use a bioguide id:")
            for m in found[:20]:
                err.print(f"  {m['member_id_bioguide']}  {m['member_name']} ({m['party']}, {m['state']})")
            raise typer.Exit(2)
        p = member_profile(con, found[0]["member_id_bioguide"], universe, window)
        if as_json:
            _emit_json({**p, "source": note})
            return
        m = p["member"]
        console.print(f"[bold]{m['member_name']}[/] — {m['member_id_bioguide']} — {m['party']}, {m['state']}"
                      f"{'-' + str(m['district']) if m['district'] is not None else ''} ({m['chamber']})")
        console.print(f"ids: LIS {m['member_id_lis'] or '-'}, ICPSR {m['member_id_icpsr'] or '-'}, "
                      f"GovTrack {m['member_id_govtrack'] or '-'}, FEC {m['member_id_fec'] or '-'}")
        console.print(_table("Committee seats (from dated rosters)", p["committees"],
                             ["committee_code", "committee_name", "title", "valid_from", "last_seen", "ends_before"]))
        console.print(_table("Trades by year (all assets, current rows)", [
            {**r, "range": fmt_sum(r)}
            for r in p["trades_by_year"]], ["year", "trades", "range"]))
        console.print(_table(f"Universe trades ({universe})", [
            {**r, "range": fmt_range(r["amount_min_usd"], r["amount_max_usd"])} for r in p["universe_trades"]],
            ["transaction_date", "transaction_type", "owner", "ticker", "issuer_name", "range", "doc_id"]))
        console.print(_table("Key votes cast", p["key_votes"], ["vote_date", "vote_id", "label", "position"]))
        console.print(_table("Universe trades while on a defense committee", p["committee_conflicts"],
                             ["transaction_date", "ticker", "committee_name", "seat_certain", "doc_id"]))
        console.print(_table(f"Universe trades within {window} days of a key vote", p["vote_conflicts"],
                             ["transaction_date", "transaction_type", "ticker", "vote_id", "position",
                              "days_to_vote"]))
        console.print(_table("Late-reported transactions", p["late_filings"],
                             ["doc_id", "asset_name", "transaction_date", "filing_date", "due_date", "days_late"]))
        console.print(_table("Coverage of this member's PTRs in the House index", p["coverage"],
                             ["year", "status", "filings"]))
        console.print(f"[dim]{note}[/]")


@app.command()
def votes(as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
          home: HomeOpt = None) -> None:
    """The key-vote catalog with tallies recomputed from member positions, beside the
    expected (official) totals where the catalog has them.

    Example: warstock votes
    """
    with _reading(home) as (con, note):
        rows = _dicts(con.execute("SELECT * FROM out_key_votes ORDER BY vote_date"))
        if as_json:
            _emit_json({"votes": rows, "source": note})
            return
        for r in rows:
            ok = r["expected_yea"] is None or (r["yea"], r["nay"]) == (r["expected_yea"], r["expected_nay"])
            r["check"] = "" if r["expected_yea"] is None else ("ok" if ok else "MISMATCH")
        console.print(_table("Key votes", rows, ["vote_date", "vote_id", "topic", "label", "yea", "nay", "present",
                                                 "not_voting", "expected_yea", "expected_nay", "check"]))


@app.command(name="coverage")
def coverage_cmd(year: Annotated[int, typer.Option(help="Index year.")] = 2025,
                 home: HomeOpt = None) -> None:
    """Every PTR in the House index (and every Senate report warstock has) for YEAR, in one state:
    parsed, parsed with notes, OCR'd (with confidence), awaiting OCR, failed, missing.

    Example: warstock coverage --year 2025
    """
    with _reading(home) as (con, _):
        rows = coverage(con, [year])
        table = Table("chamber", "year", "listed", "parsed", "with notes", "OCR'd", "OCR'd, rows to review",
                      "OCR rows", "OCR confidence", "needs OCR", "failed", "not archived")
        for r in rows:
            table.add_row(r["chamber"], str(r["year"]), str(r["listed"]), str(r["parsed"]),
                          str(r["parsed_with_notes"]), str(r["ocr"] - r["ocr_with_review"]), str(r["ocr_with_review"]),
                          f"{r['ocr_rows']} ({r['ocr_review_rows']} flagged)",
                          "" if r["ocr_confidence"] is None else f"{r['ocr_confidence']}%",
                          str(r["needs_ocr"]), str(r["failed"]), str(r["not_archived"]))
        console.print(table)


@app.command()
def problems(level: Annotated[str | None, typer.Option(help=LEVEL_HELP)] = None,
             source: Annotated[str | None, typer.Option(help="Only this source.")] = None,
             limit: Annotated[int, typer.Option(help="Rows to show (0 = all).")] = 50,
             home: HomeOpt = None) -> None:
    """What could not be read or resolved: failed documents, unreadable rows, unknown codes,
    unresolved filers and assets.

    Example: warstock problems --level document_failed
    """
    with _reading(home) as (con, _):
        where, args = [], []
        if level:
            where.append("level = ?")
            args.append(level)
        if source:
            where.append("source = ?")
            args.append(source)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        summary = con.execute(f"SELECT level, code, count(*) FROM out_problems {clause} "
                              "GROUP BY ALL ORDER BY 1, 3 DESC", args).fetchall()
        t = Table("level", "code", "count", title="Problems by kind")
        for lv, code, n in summary:
            t.add_row(lv, code, str(n))
        console.print(t)
        rows = con.execute(f"SELECT source, doc_id, level, page, row_number, message FROM out_problems "
                           f"{clause} ORDER BY level, doc_id, page, row_number"
                           + (f" LIMIT {int(limit)}" if limit else ""), args).fetchall()
        d = Table("source", "doc id", "level", "page", "row", "message")
        for r in rows:
            d.add_row(*[("" if v is None else str(v)) for v in r])
        console.print(d)


@app.command()
def universes(home: HomeOpt = None) -> None:
    """List the defense-contractor universe editions and how many companies each holds.

    Example: warstock universes
    """
    with _reading(home) as (con, _):
        t = Table("universe", "companies", "definition")
        for uid, n, title in con.execute("""
                SELECT e.universe_id, count(DISTINCT m.issuer_id), any_value(e.title)
                FROM core_universe__editions e LEFT JOIN core_universe__memberships m USING (universe_id)
                GROUP BY 1 ORDER BY 1""").fetchall():
            t.add_row(uid, str(n), title)
        console.print(t)


@app.command(name="snapshot")
def snapshot_cmd(home: HomeOpt = None,
                 out: Annotated[Path | None, typer.Option(help="Folder (default: the package data).")] = None,
                 rebuild: Annotated[bool, typer.Option(help="Ingest and build ../shared/data first.")] = False,
                 with_ocr: Annotated[bool, typer.Option("--ocr/--no-ocr",
                                                        help="With --rebuild: OCR the paper filings too.")] = True,
                 ) -> None:
    """Write the embedded snapshot (Parquet) from the local warehouse.

    Regenerate the shipped snapshot in one command with: warstock snapshot --rebuild
    (ingests and builds ../shared/data, then reads its paper filings by OCR: about 20 minutes
    on 2 cores; --no-ocr skips that).
    """
    if rebuild:
        try:
            run(None, home)
        except typer.Exit as exc:  # documents that failed are recorded; the snapshot keeps them visible
            if exc.exit_code != 1:
                raise
        if with_ocr:
            ocr(home, WORKERS, None, None, False)
    settings = get_settings(home)
    if not settings.db_path.exists():
        err.print("No local warehouse: run `warstock run` first.")
        raise typer.Exit(2)
    with closing(duckdb.connect(str(settings.db_path), read_only=True)) as con:
        meta = snapshot.write(con, out)
    for table, n in meta["rows"].items():
        console.print(f"{table}: {n} rows")


@app.command()
def schema() -> None:
    """Print every raw table's columns with types and descriptions (Markdown).

    Example: warstock schema > docs/schema.md
    """
    from warstock.records import schema_markdown

    sys.stdout.write(schema_markdown())


if __name__ == "__main__":  # pragma: no cover
    app()
