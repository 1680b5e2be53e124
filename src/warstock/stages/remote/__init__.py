"""Fetching from the official sites, one module per publisher's site.

- ``house_clerk``: the House Clerk's disclosure site (yearly index, PTR PDFs, annual reports);
- ``senate_efd``: the Senate's eFD (agreement, report search, report pages, paper page images);
- ``congress``: roll-call votes (House Clerk XML, Senate LIS XML) and the
  unitedstates/congress-legislators files (legislators, committees, rosters).

A site module knows how its site lists what exists and in what order to ask; *where* a
document lives and *which source* reads it come from the sources' specs: the official URL from
``SourceSpec.url`` (or the source module's URL pattern), the source and document id from the
specs' path rules applied to the path the document would have in a folder laid out like
``../shared/data`` (``filed_as``). So a fetched document is archived exactly as the same file
ingested from a local folder would be.

This module holds what the sites share: ``Context`` (the client, the archive, the sync state,
the tallies) and ``SyncState`` (what each URL answered last, written as the run goes).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx

from warstock.archive import Archive, ArchiveError, Entry, append_line
from warstock.stages.http import FAILURES, BadDownload, Client, Response, Validators, check_download, describe
from warstock.stages.ingest import classify

# The official hosts. A test server or a mirror stands in for all of them (``Context.mirror``):
# their paths do not overlap.
HOSTS = ("https://disclosures-clerk.house.gov", "https://efdsearch.senate.gov", "https://efd-media-public.senate.gov",
         "https://clerk.house.gov", "https://www.senate.gov", "https://unitedstates.github.io")


class SiteError(Exception):
    """A site cannot be read at all this run (its agreement refused, its search in an unknown
    shape): the run records it and goes on with the other sites."""


def filed_as(layout_path: str) -> tuple[str, str]:
    """(source, document id) the sources' path rules give a file at this path in a folder laid
    out like ../shared/data."""
    found = classify(Path(layout_path))
    if found is None:
        raise ValueError(f"no source's path rule matches {layout_path!r}")
    return found[0], found[1]


class SyncState:
    """What each URL answered last (ETag, Last-Modified, the sha256 archived, the outcome) and
    a few marks (how far a listing was read), as JSON lines appended as the run goes: a run cut
    short leaves every line it wrote, and a torn last line is skipped."""

    def __init__(self, path: Path):
        self.path = path
        self.urls: dict[str, dict[str, Any]] = {}
        self.marks: dict[str, Any] = {}
        self.damaged_lines = 0
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    try:
                        rec = json.loads(line)
                    except ValueError:
                        self.damaged_lines += 1
                        continue
                    if "url" in rec:
                        self.urls[rec["url"]] = rec
                    elif "mark" in rec:
                        self.marks[rec["mark"]] = rec.get("value")

    def _append(self, rec: dict[str, Any]) -> None:
        append_line(self.path, json.dumps(rec, default=str))

    def record(self, url: str, **fields: Any) -> None:
        rec = {"url": url, "at": datetime.now(UTC).isoformat(timespec="seconds"), **fields}
        self.urls[url] = rec
        self._append(rec)

    def mark(self, key: str, value: Any) -> None:
        self.marks[key] = value
        self._append({"mark": key, "value": value, "at": datetime.now(UTC).isoformat(timespec="seconds")})

    def validators(self, url: str) -> Validators | None:
        rec = self.urls.get(url)
        if not rec or not (rec.get("etag") or rec.get("last_modified")):
            return None
        return Validators(rec.get("etag"), rec.get("last_modified"))

    def failed(self, url: str) -> bool:
        rec = self.urls.get(url)
        return bool(rec and rec.get("outcome") == "failed")


@dataclass
class Tally:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (document, reason)
    archived: int = 0  # listed by the site, already archived: not asked for again


@dataclass
class Fetched:
    status: str  # new | changed | unchanged
    entry: Entry
    body: bytes


@dataclass
class Context:
    archive: Archive
    client: Client
    state: SyncState
    mirror: str | None = None  # a server standing in for every official host (tests, a mirror)
    today: date = field(default_factory=date.today)
    progress: Callable[[str, int, int | None], None] | None = None
    tallies: dict[str, Tally] = field(default_factory=dict)
    site_errors: list[tuple[str, str]] = field(default_factory=list)  # (site, reason)
    notes: list[str] = field(default_factory=list)  # worth saying, not a failure

    def url(self, official: str) -> str:
        """Where to ask for an official URL: the official host, or the mirror with the same path."""
        if not self.mirror:
            return official
        for host in HOSTS:
            if official.startswith(host):
                return self.mirror.rstrip("/") + official[len(host):]
        return official

    def tally(self, source: str) -> Tally:
        return self.tallies.setdefault(source, Tally())

    def fail(self, source: str, doc: str, reason: str, url: str | None = None) -> None:
        self.tally(source).failed.append((doc, reason))
        if url:
            self.state.record(url, outcome="failed", reason=reason, source=source, doc=doc)

    def tick(self, what: str, n: int, total: int | None) -> None:
        if self.progress:
            self.progress(what, n, total)

    def have(self, source: str, doc_id: str) -> bool:
        """The archive holds this document and its last fetch did not fail (a document archived
        but refused by its check on arrival is asked for again)."""
        entry = self.archive.current(source, doc_id)
        return entry is not None and not (entry.official_url and self.state.failed(entry.official_url))

    def get(self, official: str, *, source: str, doc: str, conditional: bool = False,
            data: dict[str, str] | None = None) -> Response | None:
        """One response for an official URL, or None with the failure tallied and remembered."""
        validators = self.state.validators(official) if conditional else None
        try:
            if data is not None:
                return self.client.post(self.url(official), data)
            return self.client.get(self.url(official), validators=validators)
        except FAILURES as exc:
            self.fail(source, doc, describe(exc), official)
        except httpx.InvalidURL as exc:
            self.fail(source, doc, f"invalid URL {official!r}: {exc}", official)
        return None

    def document(self, official: str, *, layout: str, year: int | None, expect: str | None,
                 conditional: bool = False, check: Callable[[bytes, str], str | None] | None = None,
                 resp: Response | None = None) -> Fetched | None:
        """Fetch one document and archive it as the file at ``layout`` would be (its source and
        id by the path rules). ``expect``: the MIME type its bytes must have; ``check``: returns
        a reason when the bytes are not what the source reads (archived all the same, as the
        publisher served them, tallied as failed and asked for again next run). A changed
        document at a URL we hold becomes a new version; the old one is kept."""
        source, doc_id = filed_as(layout)
        prev = self.archive.current(source, doc_id)
        if resp is None:
            resp = self.get(official, source=source, doc=doc_id, conditional=conditional and prev is not None)
        if resp is None:
            return None
        tally = self.tally(source)
        if resp.not_modified and prev is not None:
            try:
                held = self.archive.read(prev.sha256)
            except ArchiveError:  # the copy held is damaged or missing: ask for the whole document
                again = self.get(official, source=source, doc=doc_id)
                return None if again is None else self.document(official, layout=layout, year=year, expect=expect,
                                                                check=check, resp=again)
            tally.unchanged += 1
            self.state.record(official, outcome="unchanged", etag=resp.headers.get("etag") or
                              (self.state.urls.get(official) or {}).get("etag"),
                              last_modified=resp.headers.get("last-modified") or
                              (self.state.urls.get(official) or {}).get("last_modified"),
                              sha256=prev.sha256, source=source, doc=doc_id)
            return Fetched("unchanged", prev, held)
        body = resp.body
        try:
            if expect:
                check_download(body, expect, official)
        except BadDownload as exc:
            self.fail(source, doc_id, str(exc), official)  # not archived: asked for again next run
            return None
        problem = check(body, doc_id) if check else None
        supersedes = prev.sha256 if prev is not None and (prev.official_url in (None, official)) else None
        entry, _ = self.archive.add_bytes(body, source=source, doc_id=doc_id, origin=resp.url, year=year,
                                          official_url=official, supersedes=supersedes)
        status = "new" if prev is None else "unchanged" if prev.sha256 == entry.sha256 else "changed"
        if problem:
            self.fail(source, doc_id, problem)
        else:
            setattr(tally, status, getattr(tally, status) + 1)
        self.state.record(official, outcome="failed" if problem else status, reason=problem,
                          etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"),
                          sha256=entry.sha256, source=source, doc=doc_id)
        return Fetched(status, entry, body)
