"""`warstock fetch`: the House Clerk's index for one year and the PTRs it lists, into the archive.

A narrow, older sibling of `warstock sync` (stages/sync.py), kept for its simple use. The
requests go through the one HTTP client (stages/http.py: a User-Agent, a rate limit, retries
with backoff on 429/5xx/timeouts, a size cap and a deadline). Every document lands in the
content-addressed archive with its official URL; one that cannot be fetched is reported and
the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from warstock.archive import Archive
from warstock.sources import SOURCES, house_index
from warstock.stages.http import (
    FAILURES,
    BadDownload,
    Client,
    HTTPFailure,
    TransientHTTPError,
    check_download,
)

HOUSE_BASE = "https://disclosures-clerk.house.gov"

__all__ = ["BadDownload", "Fetcher", "FetchSummary", "HTTPFailure", "TransientHTTPError", "check_download",
           "fetch_house"]


@dataclass
class Fetcher:
    """GET paths of the House Clerk's site (or a mirror, or a test server) through the one client."""

    base_url: str = HOUSE_BASE
    min_interval: float = 1.0
    attempts: int = 4
    backoff: float = 1.0
    max_bytes: int = 200 * 1024 * 1024  # no disclosure document comes near this; a bigger body is refused
    deadline: float = 300.0  # seconds for one document, all of its body included
    client: Client | None = None

    def __post_init__(self) -> None:
        if self.client is None:
            self.client = Client(min_interval=self.min_interval, attempts=self.attempts, backoff=self.backoff,
                                 max_bytes=self.max_bytes, deadline=self.deadline)

    def get(self, path: str) -> bytes:
        """GET base_url + path. Raises HTTPFailure for a permanent failure (e.g. 404) and
        TransientHTTPError once retries are exhausted."""
        assert self.client is not None
        return self.client.get(self.base_url.rstrip("/") + path).body


@dataclass
class FetchSummary:
    added: int = 0
    already: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def _path(official_url: str) -> str:
    """The path part of an official URL, fetched from the configured base (a mirror or a test server)."""
    if not official_url.startswith(HOUSE_BASE):
        raise ValueError(f"not a House Clerk URL: {official_url}")
    return official_url[len(HOUSE_BASE):]


def fetch_house(archive: Archive, year: int, fetcher: Fetcher, *, limit: int | None = None,
                progress: Callable[[int, int], None] | None = None) -> FetchSummary:
    """Fetch the House index for YEAR, then every PTR it lists that the archive lacks."""
    summary = FetchSummary()
    index_url = SOURCES["house_index"].url(f"{year}FD", year) or ""
    index_path = _path(index_url)
    try:
        data = check_download(fetcher.get(index_path), "application/zip", index_url)
    except FAILURES as exc:
        summary.failed.append((f"{year}FD", str(exc)))
        return summary
    _, added = archive.add_bytes(data, source="house_index", doc_id=f"{year}FD", year=year,
                                 origin=fetcher.base_url + index_path, official_url=index_url)
    summary.added += added
    summary.already += not added
    parsed = house_index.parse(data)
    have = {e.doc_id for e in archive.entries() if e.source == "house_ptr"}
    wanted = [r["doc_id"] for r in parsed.records if r["filing_type"] == "P"]
    todo = [d for d in wanted if d not in have]
    if limit is not None:
        todo = todo[:limit]
    summary.already += len(wanted) - len([d for d in wanted if d not in have])
    for n, doc_id in enumerate(todo, 1):
        url = SOURCES["house_ptr"].url(doc_id, year) or ""
        path = _path(url)
        try:
            pdf = check_download(fetcher.get(path), "application/pdf", url)
        except FAILURES as exc:
            summary.failed.append((doc_id, str(exc)))  # not archived: tried again on the next run
        else:
            _, added = archive.add_bytes(pdf, source="house_ptr", doc_id=doc_id, year=year,
                                         origin=fetcher.base_url + path, official_url=url)
            summary.added += added
        if progress:
            progress(n, len(todo))
    return summary
