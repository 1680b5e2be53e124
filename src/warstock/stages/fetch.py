"""The only stage that touches the network: polite, retrying downloads into the archive.

Requests go one at a time with a minimum interval between them, identify warstock in the
User-Agent, and retry transient failures (connection errors, 429, 5xx) with exponential
backoff. Every document lands in the content-addressed archive with its official URL; one
that cannot be fetched is reported and the run goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
from tenacity import (
    retry,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from warstock.archive import Archive, sniff
from warstock.sources import SOURCES, house_index

HOUSE_BASE = "https://disclosures-clerk.house.gov"
USER_AGENT = "warstock/0.1 (open-source research tool; congressional disclosure analysis)"


class TransientHTTPError(Exception):
    def __init__(self, status: int, url: str):
        super().__init__(f"HTTP {status} for {url}")
        self.status = status


def _transient(exc: BaseException) -> bool:
    return isinstance(exc, TransientHTTPError | httpx.TransportError)


class BadDownload(Exception):
    """A response that is not the document asked for (an error page, a truncated file)."""


@dataclass
class Fetcher:
    base_url: str = HOUSE_BASE
    min_interval: float = 1.0
    attempts: int = 4
    backoff: float = 1.0
    max_bytes: int = 200 * 1024 * 1024  # no disclosure document comes near this; a bigger body is refused
    deadline: float = 300.0  # seconds for one document, all of its body included
    client: httpx.Client = field(default_factory=lambda: httpx.Client(
        headers={"User-Agent": USER_AGENT}, timeout=60.0, follow_redirects=True))
    _last: float = 0.0

    def get(self, path: str) -> bytes:
        """GET base_url + path. Raises httpx.HTTPStatusError for a permanent failure
        (e.g. 404) and TransientHTTPError once retries are exhausted."""

        @retry(retry=retry_if_exception(_transient), stop=stop_after_attempt(self.attempts),
               wait=wait_exponential(multiplier=self.backoff, max=60), reraise=True)
        def attempt() -> bytes:
            wait = self.min_interval - (time.monotonic() - self._last)
            if wait > 0:
                time.sleep(wait)
            self._last = time.monotonic()
            url = self.base_url.rstrip("/") + path
            started = time.monotonic()
            with self.client.stream("GET", url) as resp:
                if resp.status_code == 429 or resp.status_code >= 500:
                    raise TransientHTTPError(resp.status_code, url)
                resp.raise_for_status()
                declared = resp.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise BadDownload(f"{url}: {declared} bytes declared, over the {self.max_bytes}-byte cap")
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise BadDownload(f"{url}: body over the {self.max_bytes}-byte cap")
                    if time.monotonic() - started > self.deadline:
                        raise BadDownload(f"{url}: not received within {self.deadline:.0f} s")
                if declared and declared.isdigit() and int(declared) != len(body):
                    raise BadDownload(f"{url}: {len(body)} bytes received of {declared} declared (cut short)")
                return bytes(body)

        return attempt()


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


def check_download(data: bytes, expected: str, url: str) -> bytes:
    """Refuse what is not the document: wrong type by its magic bytes, or a PDF cut short."""
    got = sniff(data)
    if got != expected:
        raise BadDownload(f"{url}: expected {expected}, got {got} ({len(data)} bytes)")
    if expected == "application/pdf" and b"%%EOF" not in data[-2048:]:
        raise BadDownload(f"{url}: PDF has no end-of-file marker (truncated download?)")
    return data


def fetch_house(archive: Archive, year: int, fetcher: Fetcher, *, limit: int | None = None,
                progress: Callable[[int, int], None] | None = None) -> FetchSummary:
    """Fetch the House index for YEAR, then every PTR it lists that the archive lacks."""
    summary = FetchSummary()
    index_url = SOURCES["house_index"].url(f"{year}FD", year) or ""
    index_path = _path(index_url)
    try:
        data = check_download(fetcher.get(index_path), "application/zip", index_url)
    except (httpx.HTTPError, TransientHTTPError, BadDownload) as exc:
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
        except (httpx.HTTPError, TransientHTTPError, BadDownload) as exc:
            summary.failed.append((doc_id, str(exc)))  # not archived: tried again on the next run
        else:
            _, added = archive.add_bytes(pdf, source="house_ptr", doc_id=doc_id, year=year,
                                         origin=fetcher.base_url + path, official_url=url)
            summary.added += added
        if progress:
            progress(n, len(todo))
    return summary
