"""warstock command line: arguments in, stages and analysis called, a Doc printed. No SQL here.

Exit codes: 0 done; 1 documents failed (listed by `warstock problems`); 2 a bad argument or
nothing to read; 3 the environment (warehouse locked by another warstock, read-only or full
disk, a damaged archive manifest).
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from enum import StrEnum
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated

import duckdb
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from warstock.analysis.quality import PROBLEM_LEVELS
from warstock.archive import Archive
from warstock.report import views
from warstock.report.tables import Format, emit, plural
from warstock.resolve.universe import Catalog, load_catalog
from warstock.settings import DEFAULT_UNIVERSE, WORKERS, default_shared_data, get_settings
from warstock.sources import SOURCES
from warstock.stages.executor import Executor
from warstock.warehouse import db

EXIT_FAILED, EXIT_USAGE, EXIT_ENVIRONMENT = 1, 2, 3

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="warstock: congressional stock trading in defense contractors, from the official "
    "disclosures to a report you can check.",
)
# Piped or redirected output gets a wide, stable layout instead of the terminal's width.
class _Console(Console):
    def on_broken_pipe(self) -> None:
        """Output piped into a reader that stopped early (`| head`): a normal end, as for other tools."""
        self.quiet = True
        _quiet_stdout()
        raise SystemExit(0)


console = _Console(width=None if sys.stdout.isatty() or "COLUMNS" in os.environ else 160, highlight=False)
err = Console(stderr=True, highlight=False)

HomeOpt = Annotated[Path | None, typer.Option("--home", help="Data directory (default $WARSTOCK_HOME or ./var).")]
FormatOpt = Annotated[Format, typer.Option("--format", help="Output: text, json, csv or md.")]
YearOpt = Annotated[int, typer.Option(help="Calendar year of the trades.", min=1990, max=2100)]
UniverseOpt = Annotated[str, typer.Option(help="Universe edition (see `warstock universes`).")]
WorkersOpt = Annotated[int, typer.Option(help="Parallel worker processes.", min=1)]
SchedulerOpt = Annotated[str | None, typer.Option(
    "--scheduler", help="Run on the Dask cluster at this address, tcp://HOST:PORT (default $WARSTOCK_SCHEDULER; "
    "none: local processes).")]
ShipOpt = Annotated[str | None, typer.Option(
    "--ship", help="With --scheduler, how workers get documents: path (shared archive), bytes (sent with each "
    "job) or auto (path if every worker can read it; default $WARSTOCK_SHIP or auto).")]


def command(name: str | None = None) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """@app.command, with the command list showing each docstring's first sentence whole
    (click would cut it at the terminal's width)."""

    def wrap(fn: Callable[..., None]) -> Callable[..., None]:
        doc = " ".join((fn.__doc__ or "").split("\n\n")[0].split())
        first = doc.split(". ")[0].rstrip(".") + "."
        return app.command(name=name, short_help=first)(fn)

    return wrap


def _version(value: bool) -> None:
    if value:
        try:
            v = version("warstock")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            v = "unknown"
        console.print(f"warstock {v}")
        raise typer.Exit()


@app.callback()
def _main(show_version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                     help="Print the version and exit.")] = False) -> None:
    """warstock: congressional stock trading in defense contractors, from the official
    disclosures to a report you can check.

    Example: warstock report --year 2025
    """


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    err.print(escape(message))
    return typer.Exit(code)


@contextmanager
def _environment() -> Iterator[None]:
    """One clear line, and exit 3, for what is wrong with the machine rather than the data."""
    try:
        yield
    except (db.WarehouseBusy, db.WarehouseUnavailable) as exc:
        raise _fail(str(exc), EXIT_ENVIRONMENT) from exc
    except (FileExistsError, NotADirectoryError) as exc:
        raise _fail(f"{exc.strerror}: {exc.filename}") from exc
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EDQUOT):
            raise _fail(f"cannot write: {exc.strerror} ({exc.filename or ''})", EXIT_ENVIRONMENT) from exc
        raise


@contextmanager
def _bad_request() -> Iterator[None]:
    """A parameter naming nothing (unknown universe, member, level ...): one line, exit 2."""
    try:
        yield
    except views.BadRequest as exc:
        raise _fail(str(exc)) from exc


def _executor(workers: int, scheduler: str | None, ship: str | None) -> Executor:
    """The local pool, or the Dask cluster named by --scheduler / $WARSTOCK_SCHEDULER."""
    from warstock.stages.executor import SHIP_MODES, executor_for

    if ship is not None and ship.strip().lower() not in SHIP_MODES:
        raise _fail(f"--ship must be one of {', '.join(SHIP_MODES)}, not {ship!r}")
    if scheduler is not None and not scheduler.strip():
        raise _fail("--scheduler needs an address such as tcp://127.0.0.1:8786")
    try:
        return executor_for(workers, scheduler, ship)
    except ValueError as exc:  # a bad $WARSTOCK_SHIP
        raise _fail(str(exc)) from exc


@contextmanager
def _cluster() -> Iterator[None]:
    """A scheduler that cannot be reached, or has no workers: one line, exit 3."""
    from warstock.stages.executor import ExecutorUnavailable

    try:
        yield
    except ExecutorUnavailable as exc:
        raise _fail(str(exc), EXIT_ENVIRONMENT) from exc


@contextmanager
def _progress(verb: str) -> Iterator[Callable[[str, int, int | None], None]]:
    """A progress bar on stderr; yields tick(what, done, total) (total None: not known yet)."""
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task(verb, total=None)

        def tick(what: str, n: int, total: int | None) -> None:
            progress.update(task, total=total, completed=n, description=f"{verb} {what}")

        yield tick


@contextmanager
def _reading(home: Path | None) -> Iterator[tuple[duckdb.DuckDBPyConnection, str]]:
    """The warehouse to read from, read-only (closed afterwards): the local one, else the snapshot."""
    from warstock.warehouse import derive, snapshot

    settings = get_settings(home)
    with _environment():
        if settings.db_path.exists():
            con = db.connect(settings.db_path, read_only=True)
            note = f"Source: local warehouse {settings.db_path}"
        elif snapshot.available():
            m = snapshot.meta()
            con = snapshot.open_snapshot()
            derive.load_fetched_universes(con, settings.home)  # editions fetched into this home
            note = (f"Source: embedded snapshot built {m['built_at']} (commit {m.get('git_commit') or '?'}) from the "
                    "documents in shared/data; run `warstock run` to build your own.")
        else:
            raise _fail("No warehouse and no embedded snapshot. Run `warstock run PATH` first.")
    with closing(con):
        yield con, note


# --- getting documents in -------------------------------------------------------------


@command()
def ingest(paths: Annotated[list[Path], typer.Argument(help="Files or folders laid out like shared/data.")],
           home: HomeOpt = None) -> None:
    """Register local documents in the content-addressed archive (twice adds nothing).

    Example: warstock ingest ../shared/data
    """
    from warstock.stages.ingest import ingest as run_ingest
    from warstock.stages.ingest import layouts

    with _environment():
        try:
            summary = run_ingest(Archive(get_settings(home).archive_dir), paths)
        except FileNotFoundError as exc:
            raise _fail(str(exc)) from exc
    for source in sorted(set(summary.added) | set(summary.already)):
        console.print(f"{source}: {summary.added.get(source, 0)} added, "
                      f"{summary.already.get(source, 0)} already archived")
    if summary.skipped:
        err.print(f"{plural(len(summary.skipped), 'file')} not recognised as any source (not archived):")
        for path in summary.skipped[:20]:
            err.print(f"  {escape(path)}")
        if len(summary.skipped) > 20:
            err.print(f"  … and {len(summary.skipped) - 20} more")
        err.print("warstock expects files laid out like ../shared/data; each source's path rule:")
        for rule in layouts():
            err.print(f"  {escape(rule)}")
    if not summary.added and not summary.already:
        raise _fail("nothing to ingest: no file matched a source's layout")


@command()
def fetch(year: Annotated[int, typer.Option(help="Index year to fetch.", min=2008, max=2100)] = 2025,
          base_url: Annotated[str, typer.Option(help="Server to fetch from (a mirror or a local test server).")]
          = "https://disclosures-clerk.house.gov",
          limit: Annotated[int, typer.Option(help="At most this many PTRs (0 = all).", min=0)] = 0,
          interval: Annotated[float, typer.Option(help="Seconds between requests.", min=0.0)] = 1.0,
          home: HomeOpt = None) -> None:
    """Download the House Clerk's index for YEAR and every PTR it lists that is not archived yet.

    Example: warstock fetch --year 2025 --limit 20 && warstock build
    """
    from warstock.stages.fetch import Fetcher, fetch_house

    archive = Archive(get_settings(home).archive_dir)
    fetcher = Fetcher(base_url=base_url, min_interval=interval)
    with _environment(), _progress("fetching") as tick:
        summary = fetch_house(archive, year, fetcher, limit=limit or None,
                              progress=lambda n, t: tick("PTRs", n, t))
    console.print(f"{plural(summary.added, 'document')} added, {summary.already} already archived, "
                  f"{summary.failed and len(summary.failed) or 0} failed")
    for doc_id, reason in summary.failed:
        console.print(f"  {doc_id}: {escape(reason)}")
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)


class Chamber(StrEnum):
    house = "house"
    senate = "senate"
    all = "all"


class Part(StrEnum):
    disclosures = "disclosures"
    votes = "votes"
    members = "members"


@command()
def sync(chamber: Annotated[Chamber, typer.Option(help="Which chamber's sites.")] = Chamber.all,
         year: Annotated[int | None, typer.Option(help="Only this year (default: the current one).",
                                                  min=2008, max=2100)] = None,
         since: Annotated[datetime | None, typer.Option(help="Filings submitted since this day, every year "
                                                        "since.", formats=["%Y-%m-%d"])] = None,
         only: Annotated[list[Part] | None, typer.Option(help="Only these parts (repeatable).")] = None,
         base_url: Annotated[str | None, typer.Option(help="One server standing in for every official host "
                                                      "(a mirror or a local test server).")] = None,
         interval: Annotated[float, typer.Option(help="Seconds between requests to one host.", min=0.0)] = 1.0,
         no_build: Annotated[bool, typer.Option("--no-build", help="Fetch only; do not build.")] = False,
         home: HomeOpt = None, workers: WorkersOpt = WORKERS) -> None:
    """Bring everything new from the official sites into the archive, then build.

    House Clerk (index, PTRs, annual reports, roll calls), Senate eFD (PTRs,
    annual reports, paper filings' page images; Senate roll calls), and the
    congress-legislators rosters. Polite (User-Agent with $WARSTOCK_CONTACT,
    rate limit, retries honouring Retry-After, conditional requests);
    incremental and resumable. Exit status 1 if anything failed.

    Example: warstock sync --chamber house --year 2025

    Example: warstock sync --since 2025-06-01 --only disclosures
    """
    from warstock.stages.http import Client
    from warstock.stages.sync import CHAMBERS, PARTS, build_after
    from warstock.stages.sync import sync as run_sync

    settings = get_settings(home)
    archive = Archive(settings.archive_dir)
    chambers = CHAMBERS if chamber is Chamber.all else (chamber.value,)
    parts = tuple(p.value for p in only) if only else PARTS
    with _environment(), Client(min_interval=interval) as client, _progress("syncing") as tick:
        summary = run_sync(archive, client, chambers=chambers, parts=parts, year=year,
                           since=since.date() if since else None, mirror=base_url,
                           progress=tick)
    for source, t in sorted(summary.tallies.items()):
        console.print(f"{source}: {t.new} new, {t.changed} changed, {t.unchanged} unchanged, {len(t.failed)} failed"
                      + (f" ({t.archived} listed and already archived)" if t.archived else ""))
        for doc, reason in t.failed[:20]:
            console.print(f"  {escape(doc)}: {escape(reason)}")
        if len(t.failed) > 20:
            console.print(f"  … and {len(t.failed) - 20} more")
    for site, reason in summary.site_errors:
        err.print(f"{site}: {escape(reason)}")
    for note in summary.notes:
        console.print(escape(note))
    console.print(f"{plural(summary.new, 'document')} new or changed; {plural(summary.requests, 'request')}, "
                  f"{summary.waited:.1f}s waiting, {summary.seconds:.1f}s")
    failed = bool(summary.failures)
    if not no_build:
        with _environment(), closing(db.connect(settings.db_path)) as con, _progress("parsing") as tick:
            build_after(archive, con, summary, workers=workers, progress=tick)
        built = summary.build
        if summary.forgotten:
            console.print(f"{plural(summary.forgotten, 'superseded version')} removed from the warehouse")
        if built is not None:
            for source, statuses in built.parsed.items():  # type: ignore[attr-defined]
                console.print(f"{source}: " + ", ".join(f"{v} {k}" for k, v in sorted(statuses.items())))
            console.print(f"built {settings.db_path}")
            failed = failed or bool(built.failed_now)  # type: ignore[attr-defined]
    if failed:
        err.print("some documents or sites failed (listed above; documents that failed to parse: "
                  "`warstock problems --level document_failed`); the next `warstock sync` asks again")
        raise typer.Exit(EXIT_FAILED)


class ImportFormat(StrEnum):
    house_stock_watcher = "house-stock-watcher"
    congress_trading_signal = "congress-trading-signal"


@command(name="import")
def import_cmd(files: Annotated[list[Path], typer.Argument(help="The peer's files (JSON or CSV).")],
               fmt: Annotated[ImportFormat, typer.Option("--format", help="The peer's format.")],
               force: Annotated[bool, typer.Option("--force", help="Parse again files already imported.")] = False,
               out: Annotated[Format, typer.Option("--output", help="Output: text, json, csv or md (--format names "
                                                    "the peer's format here).")] = Format.text,
               home: HomeOpt = None) -> None:
    """Load other projects' parsed trades (their files, not the official documents) into the
    warehouse, each row labelled import:FORMAT. A filing warstock has read itself wins over
    its imported rows. Twice adds nothing; exit status 1 if a file could not be read.

    Example: warstock import --format house-stock-watcher all_transactions.json
    """
    from warstock.stages.imports import import_files

    missing = [str(f) for f in files if not f.exists()]
    if missing:
        raise _fail(f"no such file: {', '.join(missing)}")
    settings = get_settings(home)
    with _environment(), closing(db.connect(settings.db_path)) as con:
        summary = import_files(Archive(settings.archive_dir), con, fmt.value, files, force=force)
        doc = views.imports(con, summary.failed, summary.unchanged)
    emit(doc, out, console)
    if summary.failed:
        raise typer.Exit(EXIT_FAILED)


# --- reading them -----------------------------------------------------------------------


@command()
def build(home: HomeOpt = None, workers: WorkersOpt = WORKERS,
          force: Annotated[bool, typer.Option("--force", help="Parse again documents already parsed.")] = False,
          scheduler: SchedulerOpt = None, ship: ShipOpt = None) -> None:
    """Parse every archived document not yet parsed by its current parser, load it, and
    rebuild the derived tables and views. Exit status 1 while any document is failed.

    Example: warstock build --workers 2

    On a Dask cluster: warstock build --scheduler tcp://10.0.0.5:8786
    """
    from warstock.stages.parse import build as run_build
    from warstock.stages.sync import forget_superseded

    settings = get_settings(home)
    archive = Archive(settings.archive_dir)
    executor = _executor(workers, scheduler, ship)
    with _environment(), _cluster(), closing(db.connect(settings.db_path)) as con, _progress("parsing") as tick:
        forget_superseded(archive, con)  # a document's newer version replaces the old one's rows
        summary = run_build(archive, con, workers=workers, force=force, progress=tick, executor=executor)
    for source, statuses in summary.parsed.items():
        console.print(f"{source}: " + ", ".join(f"{v} {k}" for k, v in sorted(statuses.items())))
    if summary.skipped_unchanged:
        console.print(f"{plural(summary.skipped_unchanged, 'document')} unchanged since the last build")
    for source, n in summary.not_parsed_here.items():
        by = SOURCES[source].read_by if source in SOURCES else None
        what = SOURCES[source].yields if source in SOURCES and by is None else "no parser yet"
        console.print(f"{source}: {n} archived, " + (f"read by `warstock {by}`" if by in ("ocr", "import") else what))
    console.print(f"built {settings.db_path} in {summary.seconds:.1f}s"
                  + (f", parsed {summary.ran_on}" if summary.parsed else ""))
    if summary.failed_now:
        err.print(f"{plural(summary.failed_now, 'document')} failed: see `warstock problems --level document_failed`")
        raise typer.Exit(EXIT_FAILED)


@command()
def ocr(home: HomeOpt = None, workers: WorkersOpt = WORKERS,
        year: Annotated[int | None, typer.Option(help="Only paper filings of this year.")] = None,
        doc: Annotated[list[str] | None, typer.Option(help="Only these document ids (repeatable).")] = None,
        force: Annotated[bool, typer.Option("--force", help="Read again filings already read by this OCR version.")]
        = False, scheduler: SchedulerOpt = None, ship: ShipOpt = None) -> None:
    """Read the scanned House PTRs and annual reports and Senate paper filings that `build`
    marked "needs OCR".

    Resumable: filings already read are skipped, and each is saved as soon as it is read.
    Rows whose fields fall below the confidence threshold are flagged (`warstock problems
    --level ocr_review`), never guessed.

    Example: warstock ocr --workers 2 --year 2025

    On a Dask cluster: warstock ocr --scheduler tcp://10.0.0.5:8786
    """
    from warstock.ocr.engine import OcrUnavailable, tessdata_dir
    from warstock.stages.ocr import UnknownDocument
    from warstock.stages.ocr import ocr as run_ocr

    try:
        tessdata_dir()
    except OcrUnavailable as exc:
        raise _fail(str(exc), EXIT_ENVIRONMENT) from exc
    settings = get_settings(home)
    if not settings.db_path.exists():
        raise _fail("No local warehouse: run `warstock run` first (OCR reads what `build` marked as needing it).")
    executor = _executor(workers, scheduler, ship)
    with _environment(), _cluster(), closing(db.connect(settings.db_path)) as con, _progress("OCR") as tick:
        try:
            summary = run_ocr(Archive(settings.archive_dir), con, workers=workers, force=force, doc_ids=doc,
                              year=year, progress=tick, executor=executor)
        except UnknownDocument as exc:
            raise _fail(str(exc)) from exc
    done = sum(summary.read.values())
    rate = f" ({summary.pages / summary.seconds * 60:.0f} pages/min)" if summary.seconds and summary.pages else ""
    states = ", ".join(f"{v} {k}" for k, v in sorted(summary.read.items()))
    console.print(f"read {plural(done, 'paper filing')} ({states}); {summary.skipped} already read; "
                  f"{plural(summary.pages, 'page')}, {plural(summary.rows, 'row')}, {summary.review_rows} flagged "
                  f"for review, in {summary.seconds:.1f}s{rate}" + (f" {summary.ran_on}" if done else ""))
    if summary.read.get("failed"):
        err.print(f"{plural(summary.read['failed'], 'paper filing')} could not be read: see `warstock problems`")
        raise typer.Exit(EXIT_FAILED)


@command()
def run(paths: Annotated[list[Path] | None, typer.Argument(help="Folders to ingest (default ../shared/data).")] = None,
        home: HomeOpt = None, workers: WorkersOpt = WORKERS, scheduler: SchedulerOpt = None,
        ship: ShipOpt = None) -> None:
    """Ingest and build in one go (same exit status as `build`).

    Example: warstock run ../shared/data

    On a Dask cluster: warstock run ../shared/data --scheduler tcp://10.0.0.5:8786
    """
    if not paths:
        shared = default_shared_data()
        if shared is None:
            raise _fail("No path given and ../shared/data not found.")
        paths = [shared]
    ingest(paths, home)
    build(home, workers, False, scheduler, ship)


@command()
def verify(home: HomeOpt = None) -> None:
    """Check every archived document against its hash; list the missing and the damaged
    (ingest or fetch the originals to repair them).

    Example: warstock verify
    """
    from warstock.archive import ArchiveError

    archive = Archive(get_settings(home).archive_dir)
    bad = []
    with _environment():
        entries = archive.history()  # superseded versions are kept, so they are checked too
        for sha in sorted({e.sha256 for e in entries}):
            try:
                archive.read(sha)
            except ArchiveError as exc:
                bad.append(str(exc))
    for line in archive.damaged_lines:
        err.print(f"manifest: {escape(line)} (ignored)")
    console.print(f"{plural(len({e.sha256 for e in entries}), 'object')} checked, {len(bad)} missing or damaged")
    for line in bad:
        console.print(f"  {escape(line)}")
    if bad:
        raise typer.Exit(EXIT_FAILED)


# --- answers ----------------------------------------------------------------------------

ALL_ASSETS_HELP = "Count every asset type, not only stock and options (ST, OP)."


@command()
def report(year: YearOpt = 2025, universe: UniverseOpt = DEFAULT_UNIVERSE, fmt: FormatOpt = Format.text,
           all_assets: Annotated[bool, typer.Option("--all-assets", help=ALL_ASSETS_HELP)] = False,
           limit: Annotated[int, typer.Option(help="Members shown in text and md (0 = all).", min=0)] = 40,
           html: Annotated[Path | None, typer.Option("--html", help="Write the whole report as one self-contained "
                                                     "HTML file (charts, coverage, methodology) instead.")] = None,
           home: HomeOpt = None) -> None:
    """Members who traded universe stock in YEAR: trades, low–high range, companies, coverage.

    Uses the local warehouse if one exists, otherwise the embedded snapshot.

    Example: warstock report --year 2025 --format md   (or: --html report-2025.html)
    """
    with _reading(home) as (con, note), _bad_request():
        doc = views.report(con, year, universe, all_assets, None if html else limit or None, note)
    if html is None:
        emit(doc, fmt, console)
        return
    from warstock.report.html import report_page

    with _environment():
        html.write_text(report_page(doc), encoding="utf-8")
    err.print(f"wrote {escape(str(html))}")


@command()
def conflicts(year: YearOpt = 2025, universe: UniverseOpt = DEFAULT_UNIVERSE,
              committees: Annotated[str, typer.Option(help="Committee set (data/congress/committee_sets.csv).")]
              = "defense",
              window: Annotated[int, typer.Option(help="Days before or after a key vote.", min=0, max=3650)] = 30,
              fmt: FormatOpt = Format.text, home: HomeOpt = None) -> None:
    """Universe trades by members sitting on Armed Services, Foreign Affairs/Relations,
    Intelligence or Defense Appropriations on the trade date, and universe trades within
    WINDOW days of a key defense or foreign-policy vote the member cast.

    Example: warstock conflicts --year 2025 --window 30
    """
    with _reading(home) as (con, note), _bad_request():
        doc = views.conflicts(con, year, universe, committees, window, note)
    emit(doc, fmt, console)


@command()
def late(year: YearOpt = 2025, fmt: FormatOpt = Format.text, home: HomeOpt = None) -> None:
    """Transactions reported late under the STOCK Act (more than 30 days after notification
    or more than 45 days after the trade), per member.

    Example: warstock late --year 2025
    """
    with _reading(home) as (con, note):
        doc = views.late(con, year, note)
    emit(doc, fmt, console)


@command()
def member(who: Annotated[str, typer.Argument(help="Bioguide id or (part of) a name.")],
           universe: UniverseOpt = DEFAULT_UNIVERSE,
           window: Annotated[int, typer.Option(help="Days around a key vote.", min=0, max=3650)] = 30,
           fmt: FormatOpt = Format.text, home: HomeOpt = None) -> None:
    """One member's record: identity, committees with dates, trades, universe trades, key votes
    cast, conflicts, late filings, and the coverage of their filings.

    Example: warstock member Gottheimer   (or: warstock member G000583)
    """
    with _reading(home) as (con, note), _bad_request():
        doc = views.member(con, who, universe, window, note)
    emit(doc, fmt, console)


@command()
def votes(fmt: FormatOpt = Format.text, home: HomeOpt = None) -> None:
    """The key-vote catalog with tallies recomputed from member positions, beside the
    expected (official) totals where the catalog has them.

    Example: warstock votes
    """
    with _reading(home) as (con, note):
        doc = views.votes(con, note)
    emit(doc, fmt, console)


@command(name="coverage")
def coverage_cmd(year: Annotated[int, typer.Option(help="Index year.", min=1990, max=2100)] = 2025,
                 fmt: FormatOpt = Format.text, home: HomeOpt = None) -> None:
    """Every PTR in the House index (and every Senate report warstock has) for YEAR, in one
    state: parsed, parsed with notes, read by OCR, awaiting OCR, failed, not archived.

    Example: warstock coverage --year 2025
    """
    with _reading(home) as (con, note):
        doc = views.coverage(con, year, note)
    emit(doc, fmt, console)


@command()
def problems(level: Annotated[str | None, typer.Option(help="Only this level: " + ", ".join(PROBLEM_LEVELS)
                                                        + ".")] = None,
             source: Annotated[str | None, typer.Option(help="Only this source (see `warstock sources`).")] = None,
             limit: Annotated[int, typer.Option(help="Problems to list (0 = all).", min=0)] = 50,
             fmt: FormatOpt = Format.text, home: HomeOpt = None) -> None:
    """What could not be read or resolved: failed documents, incomplete ones, unreadable rows,
    OCR rows to review, unknown codes, unresolved filers and assets.

    Example: warstock problems --level document_failed
    """
    with _bad_request():
        views.problem_filters(level, source, SOURCES)
    with _reading(home) as (con, note):
        doc = views.problems(con, level, source, limit or None, note)
    emit(doc, fmt, console)


@command()
def universes(fmt: FormatOpt = Format.text, home: HomeOpt = None) -> None:
    """List the defense-contractor universe editions and how many companies each holds.

    Example: warstock universes
    """
    with _reading(home) as (con, _):
        doc = views.universes(con)
    emit(doc, fmt, console)


# --- universe editions: list, show, diff, fetch ---------------------------------------------

universe_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="""Universe editions: which
companies count as defense contractors, each list with its source, date and completeness.

Example: warstock universe show dod-top-recipients-fy2023""")
app.add_typer(universe_app, name="universe",
              short_help="Universe editions: list, show, diff, and fetch DoD editions from USAspending.")


def universe_command(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def wrap(fn: Callable[..., None]) -> Callable[..., None]:
        doc = " ".join((fn.__doc__ or "").split("\n\n")[0].split())
        return universe_app.command(name=name, short_help=doc.split(". ")[0].rstrip(".") + ".")(fn)

    return wrap


def _catalog(home: Path | None) -> Catalog:

    with _environment():
        return load_catalog(home=get_settings(home).home)


@universe_command("list")
def universe_list(fmt: FormatOpt = Format.text, home: HomeOpt = None) -> None:
    """Every universe edition, shipped and fetched: companies, how many are listed, completeness.

    Example: warstock universe list --format md
    """
    emit(views.universe_list(_catalog(home)), fmt, console)


@universe_command("show")
def universe_show(edition: Annotated[str, typer.Argument(help="Edition id (see `warstock universe list`).")],
                  fmt: FormatOpt = Format.text, home: HomeOpt = None) -> None:
    """One edition: its source, date and completeness, and its companies with rank, tickers
    (with dates), subsidiaries and the source rows that put them there.

    Example: warstock universe show sipri-top100-2024
    """
    with _bad_request():
        doc = views.universe_show(_catalog(home), edition)
    emit(doc, fmt, console)


@universe_command("diff")
def universe_diff(a: Annotated[str, typer.Argument(help="First edition id.")],
                  b: Annotated[str, typer.Argument(help="Second edition id.")],
                  fmt: FormatOpt = Format.text, home: HomeOpt = None) -> None:
    """What differs between two editions: companies only in A, only in B, and rank changes.

    Example: warstock universe diff sipri-top100-2023 sipri-top100-2024
    """
    with _bad_request():
        doc = views.universe_diff(_catalog(home), a, b)
    emit(doc, fmt, console)


@universe_command("fetch")
def universe_fetch(fy: Annotated[int, typer.Option("--fy", help="Federal fiscal year (Oct-Sep).", min=2008,
                                                   max=2100)] = 2024,
                   top: Annotated[int, typer.Option(help="Only the N largest parents (0 = every recipient: "
                                                    "the any-DoD-contractor edition).", min=0)] = 100,
                   base_url: Annotated[str, typer.Option(help="API server (a mirror or a local test server).")]
                   = "https://api.usaspending.gov",
                   max_recipients: Annotated[int | None, typer.Option(
                       help="Read at most this many recipients (default 10 x top; all with --top 0).",
                       min=1)] = None,
                   interval: Annotated[float, typer.Option(help="Seconds between requests.", min=0.0)] = 0.2,
                   home: HomeOpt = None) -> None:
    """Build a DoD edition for fiscal year FY from USAspending: contract obligations by
    recipient, rolled up to parents, matched to companies; written into HOME/universes/.

    Example: warstock universe fetch --fy 2024 --top 100
    """
    from warstock.stages.usaspending import ApiError, Client, fetch_edition

    if not base_url.startswith(("http://", "https://")):
        raise _fail(f"--base-url must be an http:// or https:// URL, not {base_url!r}")
    cat = _catalog(home)
    client = Client(base_url=base_url, min_interval=interval)
    with _environment(), _progress("fetching") as tick:
        try:
            r = fetch_edition(client, cat, get_settings(home).home, fy, top or None, max_recipients, progress=tick)
        except ApiError as exc:
            raise _fail(f"fetch failed, nothing written: {exc}", EXIT_FAILED) from exc
    console.print(f"{r.universe_id}: {plural(r.members, 'company', 'companies')} matched, "
                  f"{plural(r.unmatched, 'parent')} unmatched (unmatched.csv), "
                  f"from {plural(r.recipients, 'recipient')} "
                  f"({'every page read' if r.exhausted else 'reading stopped early'}; "
                  f"{plural(r.requests, 'request')}) -> {escape(str(r.folder))}")
    if get_settings(home).db_path.exists():
        console.print(f"`warstock build` makes it usable by report, ban-impact and the other commands "
                      f"(--universe {r.universe_id})")


@command(name="sources")
def sources_cmd(fmt: FormatOpt = Format.text, home: HomeOpt = None) -> None:
    """The sources warstock reads, as their specs declare them, with how many documents of each
    are archived, read and failed.

    Example: warstock sources --format md
    """
    with _reading(home) as (con, _):
        doc = views.sources(con)
    emit(doc, fmt, console)


@command()
def holdings(year: Annotated[int, typer.Option(help="Positions as of 31 December of this year.", min=1990, max=2100)]
             = 2024,
             member: Annotated[str | None, typer.Option(help="Only this member (bioguide id or name).")] = None,
             universe: Annotated[str | None, typer.Option(help="Only companies of this universe edition.")] = None,
             since: Annotated[int | None, typer.Option(help="Also the year-end series from this year to YEAR.",
                                                       min=1990, max=2100)] = None,
             fmt: FormatOpt = Format.text, home: HomeOpt = None) -> None:
    """What members and their families own as of the end of YEAR: each position's value band and
    what it rests on (an annual report carried forward through PTR trades, or trades only), and a
    net-worth range per annual report. With --since, the holdings as a time series, year end by
    year end.

    Example: warstock holdings --year 2024 --member Pelosi
    Example: warstock holdings --year 2025 --since 2022 --universe sipri-top100-2024
    """
    with _reading(home) as (con, note), _bad_request():
        doc = views.holdings(con, year, member, universe, note, since)
    emit(doc, fmt, console)


@command(name="ban-impact")
def ban_impact(policy: Annotated[str, typer.Option(help="Policy id (data/policies/policies.csv): "
                                                   "stop-profiting-from-war, ethics-act-style, defense-committee.")]
               = "stop-profiting-from-war",
               year: Annotated[int, typer.Option(help="Year whose holdings and purchases are tested.", min=1990,
                                                 max=2100)] = 2024,
               universe: Annotated[str | None, typer.Option(help="Universe edition instead of the policy's default "
                                                            "(the widest DoD-contractor edition).")] = None,
               fmt: FormatOpt = Format.text, home: HomeOpt = None) -> None:
    """What a ban on owning would have made members sell: the members affected, the positions it
    would prohibit (value bands summed as ranges), the purchases it would have prohibited in YEAR,
    and per member what the estimate rests on.

    Example: warstock ban-impact --policy stop-profiting-from-war --year 2024
    """
    with _reading(home) as (con, note), _bad_request():
        doc = views.ban_impact(con, policy, year, universe, note)
    emit(doc, fmt, console)


# --- dashboard and exports ----------------------------------------------------------------


@command()
def serve(port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
          host: Annotated[str, typer.Option(help="Address to listen on (default: this machine only).")]
          = "127.0.0.1",
          home: HomeOpt = None) -> None:
    """Serve the dashboard and its JSON API (OpenAPI at /openapi.json), reading the warehouse
    read-only: the local one, otherwise the embedded snapshot.

    Example: warstock serve --port 8000   (then open http://127.0.0.1:8000/)
    """
    import socket

    import uvicorn

    from warstock.web.app import create_app
    from warstock.web.data import WarehouseMismatch, in_memory_copy

    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise _fail(f"cannot listen on {host}:{port}: {exc.strerror}", EXIT_ENVIRONMENT) from exc
    with _reading(home) as (con, note):
        try:
            copy = in_memory_copy(con)  # the server keeps no handle on the warehouse
        except WarehouseMismatch as exc:
            raise _fail(f"cannot serve this warehouse: {exc}", EXIT_ENVIRONMENT) from exc
    err.print(f"warstock: serving http://{host}:{port}/ — {escape(note)}")
    uvicorn.run(create_app(copy, note), host=host, port=port, log_level="warning")


@command()
def export(out: Annotated[Path, typer.Argument(help="Folder to write the files into.")],
           fmt: Annotated[str, typer.Option("--format", help="parquet or csv.")] = "parquet",
           home: HomeOpt = None) -> None:
    """Write every core_ and out_ table and view as one Parquet or CSV file each.

    Example: warstock export --format parquet ./export
    """
    from warstock.report.export import FORMATS, export_all

    if fmt not in FORMATS:
        raise _fail(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    with _reading(home) as (con, _), _environment():
        counts = export_all(con, out, fmt)
    for name, n in counts.items():
        console.print(f"{name}.{fmt}: {plural(n, 'row')}")


# --- maintenance --------------------------------------------------------------------------


@command(name="snapshot")
def snapshot_cmd(home: HomeOpt = None,
                 out: Annotated[Path | None, typer.Option(help="Folder (default: the package data).")] = None,
                 rebuild: Annotated[bool, typer.Option("--rebuild", help="Ingest and build ../shared/data first.")]
                 = False,
                 with_ocr: Annotated[bool, typer.Option("--ocr/--no-ocr", help="With --rebuild: OCR the paper "
                                                        "filings too (about 30 minutes on 2 cores).")] = True,
                 with_imports: Annotated[bool, typer.Option("--imports/--no-imports", help="With --rebuild: import "
                                                            "../shared/data/peers too (labelled import:FORMAT).")]
                 = True,
                 ) -> None:
    """Write the embedded snapshot (Parquet) from the local warehouse.

    Example: warstock snapshot --rebuild   (ingest, build and OCR ../shared/data, then write it)
    """
    from warstock.warehouse import snapshot

    if rebuild:
        try:
            run(None, home, WORKERS)
        except typer.Exit as exc:  # documents that failed are recorded; the snapshot keeps them visible
            if exc.exit_code != EXIT_FAILED:
                raise
        if with_ocr:
            try:
                ocr(home=home, workers=WORKERS, year=None, doc=None, force=False)
            except typer.Exit as exc:
                if exc.exit_code != EXIT_FAILED:
                    raise
    settings = get_settings(home)
    shared = default_shared_data()
    if rebuild and with_imports and shared is not None and (shared / "peers").is_dir():
        from warstock.stages.imports import import_files

        peers = shared / "peers"
        with _environment(), closing(db.connect(settings.db_path)) as con:
            for fmt, files in (("congress-trading-signal", sorted(peers.glob("congress-trading-signal/*/*/*.csv"))),
                               ("house-stock-watcher", sorted(peers.glob("house-stock-watcher/*.json")))):
                if files:
                    done = import_files(Archive(settings.archive_dir), con, fmt, files)
                    err.print(f"import {fmt}: {len(done.imported)} imported, {len(done.unchanged)} unchanged, "
                              f"{len(done.failed)} failed")
    if not settings.db_path.exists():
        raise _fail("No local warehouse: run `warstock run` first.")
    with _environment(), closing(db.connect(settings.db_path, read_only=True)) as con:
        meta = snapshot.write(con, out)
    for table, n in meta["rows"].items():
        console.print(f"{table}: {plural(n, 'row')}")


@command()
def schema() -> None:
    """Print every table's columns with types and descriptions (Markdown), generated from the
    sources' specs and the warehouse schema.

    Example: warstock schema > docs/schema.md
    """
    from warstock.warehouse.schema import markdown

    console.file.write(markdown())


def main() -> None:
    """The `warstock` entry point. Output piped into a reader that stops early (`| head`) ends
    quietly with status 0, as other Unix tools do."""
    try:
        code = app(standalone_mode=False)
    except typer.TyperException as exc:  # a usage error: click's ClickException, which typer vendors
        exc.show()  # type: ignore[attr-defined]
        code = exc.exit_code
    except typer.Abort:
        err.print("Aborted.")
        code = 130
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        _quiet_stdout()
        code = 0
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    sys.exit(code if isinstance(code, int) else 0)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":  # pragma: no cover
    main()
