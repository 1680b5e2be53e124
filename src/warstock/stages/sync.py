"""`warstock sync`: bring everything new from the official sites into the archive, then build.

What is asked for (the site modules in ``stages/remote/`` say how):

- House (``--chamber house``): the Clerk's yearly index, the PTRs and members' annual reports it
  lists that the archive lacks; the House roll calls after the last one archived.
- Senate (``--chamber senate``): eFD reports (PTRs and annual reports, electronic and paper,
  with the paper filings' page images) submitted in the window; the Senate roll calls after the
  last one archived.
- Both (the default): both of the above.
- Whichever the chamber: the congress-legislators files (legislators, committees, rosters),
  asked for conditionally.

Which years: ``--year Y`` that year; ``--since DATE`` every year from DATE's to today's (and,
for eFD and the House filings, only what was submitted since DATE); neither: the current year
(and the previous one in January), and for eFD the days since the last complete run (a week
of overlap, in case the site posts a report late).

Everything fetched is archived as it arrives and the state of each URL is written as the run
goes (``archive/sync-state.jsonl``), so a run cut short resumes where it stopped: what is
archived is not asked for again. Then the archive is built as ``warstock build`` builds it
(stages/parse.py), after removing from the warehouse what was loaded from versions a newer
version superseded.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import duckdb

from warstock.archive import Archive
from warstock.stages.http import Client
from warstock.stages.remote import Context, SyncState, Tally
from warstock.stages.remote.congress import sync_house_votes, sync_members, sync_senate_votes
from warstock.stages.remote.house_clerk import sync_house
from warstock.stages.remote.senate_efd import sync_senate
from warstock.warehouse.load import forget_document

CHAMBERS = ("house", "senate")
PARTS = ("disclosures", "votes", "members")
SENATE_OVERLAP = timedelta(days=7)
STATE_FILE = "sync-state.jsonl"


@dataclass
class SyncSummary:
    tallies: dict[str, Tally] = field(default_factory=dict)
    site_errors: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    requests: int = 0
    waited: float = 0.0
    seconds: float = 0.0
    years: list[int] = field(default_factory=list)
    senate_window: tuple[date, date] | None = None
    forgotten: int = 0  # superseded versions removed from the warehouse before the build
    build: object | None = None  # stages.parse.BuildSummary when the build ran

    @property
    def failures(self) -> int:
        return sum(len(t.failed) for t in self.tallies.values()) + len(self.site_errors)

    @property
    def new(self) -> int:
        return sum(t.new + t.changed for t in self.tallies.values())


def state_path(archive: Archive) -> str:
    return str(archive.root / STATE_FILE)


def plan_years(today: date, year: int | None, since: date | None) -> list[int]:
    if year is not None:
        return [year]
    if since is not None:
        return list(range(since.year, today.year + 1))
    return [today.year - 1, today.year] if today.month == 1 else [today.year]


def senate_window(state: SyncState, today: date, year: int | None, since: date | None) -> tuple[date, date]:
    if year is not None:
        return date(year, 1, 1), min(date(year, 12, 31), today)
    if since is not None:
        return since, today
    through = state.marks.get("senate:through")
    if through:
        return max(date.fromisoformat(through) - SENATE_OVERLAP, date(today.year - 1, 1, 1)), today
    return date(plan_years(today, None, None)[0], 1, 1), today


def sync(archive: Archive, client: Client, *, chambers: tuple[str, ...] = CHAMBERS, parts: tuple[str, ...] = PARTS,
         year: int | None = None, since: date | None = None, mirror: str | None = None, today: date | None = None,
         progress: Callable[[str, int, int | None], None] | None = None) -> SyncSummary:
    """Fetch what is new into the archive (no build: see ``build_after``)."""
    started = time.perf_counter()
    today = today or date.today()
    state = SyncState(archive.root / STATE_FILE)
    ctx = Context(archive, client, state, mirror=mirror, today=today, progress=progress)
    summary = SyncSummary(years=plan_years(today, year, since))
    if "disclosures" in parts and "house" in chambers:
        sync_house(ctx, summary.years, since)
    if "disclosures" in parts and "senate" in chambers:
        start, end = senate_window(state, today, year, since)
        summary.senate_window = (start, end)
        whole = sync_senate(ctx, start, end)
        if whole and end == today:
            state.mark("senate:through", end.isoformat())
    if "votes" in parts and "house" in chambers:
        sync_house_votes(ctx, summary.years)
    if "votes" in parts and "senate" in chambers:
        sync_senate_votes(ctx, summary.years)
    if "members" in parts:  # both chambers' filers resolve through them
        sync_members(ctx)
    summary.tallies = ctx.tallies
    summary.site_errors = ctx.site_errors
    summary.notes = ctx.notes
    summary.requests = client.requests
    summary.waited = client.waited
    summary.seconds = time.perf_counter() - started
    return summary


def forget_superseded(archive: Archive, con: duckdb.DuckDBPyConnection) -> int:
    """Remove from the warehouse what was loaded from document versions a newer version
    superseded (they stay in the archive). Returns the versions removed; 0 once done."""
    return sum(bool(forget_document(con, source=e.source, sha256=e.sha256, doc_id=e.doc_id))
               for e in archive.superseded())


def build_after(archive: Archive, con: duckdb.DuckDBPyConnection, summary: SyncSummary, *, workers: int = 2,
                progress: Callable[[str, int, int], None] | None = None) -> None:
    """Parse and load what the sync brought, as `warstock build` does, after removing from the
    warehouse every document a newer version superseded."""
    from warstock.stages.parse import build

    summary.forgotten = forget_superseded(archive, con)
    summary.build = build(archive, con, workers=workers, progress=progress)
