"""The one HTTP client warstock uses to reach the official sites: polite, retrying, conditional.

- **Who is asking.** Every request carries a User-Agent naming warstock and a contact
  (``$WARSTOCK_CONTACT``; a placeholder until you set it, so a site's operator can reach you).
- **A rate limit per host.** At least ``min_interval`` seconds between two requests to the same
  host (every attempt counts, retries included).
- **Timeouts and a deadline.** Connect/read timeouts per request, a deadline for a whole body and
  a size cap: a body that never ends or never stops growing is refused.
- **Retries with exponential backoff** on timeouts, connection errors, cut-short bodies, 429 and
  5xx. A ``Retry-After`` (seconds or an HTTP date) is honoured: the wait is at least what the
  server asked for; a server that asks for more than ``max_retry_after`` gets no retry, and the
  failure says so.
- **Conditional requests.** Given the ``ETag`` / ``Last-Modified`` of the copy already held, the
  request says ``If-None-Match`` / ``If-Modified-Since`` and a 304 costs no body.
- **Checks on arrival.** A body shorter than its ``Content-Length`` is cut short; a body whose
  ``Content-MD5`` or ``Digest``/``Repr-Digest`` (sha-256) does not match is damaged: both are
  retried, then refused. What the body must *be* (a PDF, a ZIP ...) is checked by the caller
  (``check_download``).

Cookies persist for the life of a client (the Senate's search needs its session).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from warstock.archive import sniff

CONTACT_PLACEHOLDER = "set WARSTOCK_CONTACT to an e-mail or URL"


def user_agent() -> str:
    """warstock's User-Agent, with the contact from ``$WARSTOCK_CONTACT``."""
    try:
        from importlib.metadata import version

        v = version("warstock")
    except Exception:  # a source tree that is not installed
        v = "0"
    contact = os.environ.get("WARSTOCK_CONTACT", "").strip() or CONTACT_PLACEHOLDER
    return f"warstock/{v} (open-source research tool; congressional disclosure analysis; contact: {contact})"


class TransientHTTPError(Exception):
    """429 or 5xx: worth another try (after ``retry_after`` seconds when the server said so)."""

    def __init__(self, status: int, url: str, retry_after: float | None = None, note: str = ""):
        super().__init__(f"HTTP {status} for {url}{note}")
        self.status = status
        self.url = url
        self.retry_after = retry_after


class HTTPFailure(Exception):
    """A status that another try will not change (404, 403, 410 ...)."""

    def __init__(self, status: int, url: str):
        super().__init__(f"HTTP {status} for {url}")
        self.status = status
        self.url = url
        self.text = ""  # the start of the body the server sent with the status


class BadDownload(Exception):
    """A response that is not the document asked for (an error page, a truncated file, over
    the size cap, not received in time)."""


class DamagedBody(BadDownload):
    """A body cut short or not matching its declared checksum: retried, since the next copy
    may arrive whole."""


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, TransientHTTPError):
        return getattr(exc, "retry_allowed", True)
    if isinstance(exc, httpx.UnsupportedProtocol):  # a wrong base URL: no retry mends it
        return False
    return isinstance(exc, DamagedBody | httpx.TransportError)


@dataclass(frozen=True)
class Validators:
    """What the server said about the copy we hold, to ask "has it changed since?"."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@dataclass
class Response:
    url: str
    status: int  # 200 (or another 2xx), or 304 when the copy we hold is current
    body: bytes
    headers: Mapping[str, str]

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def validators(self) -> Validators:
        return Validators(self.headers.get("etag"), self.headers.get("last-modified"))

    @property
    def last_modified(self) -> datetime | None:
        raw = self.headers.get("last-modified")
        try:
            return parsedate_to_datetime(raw) if raw else None
        except (TypeError, ValueError):
            return None

    def json(self) -> Any:
        import json

        return json.loads(self.body)


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """A Retry-After header as seconds: delta-seconds or an HTTP date (None if absent or unreadable)."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def _digest_problem(body: bytes, headers: Mapping[str, str]) -> str | None:
    md5 = headers.get("content-md5")
    if md5 and base64.b64encode(hashlib.md5(body).digest()).decode() != md5.strip():  # noqa: S324 - the header's own algorithm
        return "Content-MD5 does not match the body"
    for name in ("repr-digest", "digest"):
        raw = headers.get(name)
        if not raw:
            continue
        m = re.search(r"sha-256=:?([A-Za-z0-9+/=]+):?", raw, re.I)
        if m and base64.b64encode(hashlib.sha256(body).digest()).decode() != m.group(1):
            return f"{name} sha-256 does not match the body"
    return None


@dataclass
class Client:
    """One polite client (see the module's docstring). ``min_interval`` is per host."""

    min_interval: float = 1.0
    attempts: int = 4
    backoff: float = 1.0  # first retry waits this long, then twice as long each time
    max_backoff: float = 60.0
    max_retry_after: float = 300.0  # a server asking to wait longer than this gets no retry
    timeout: float = 30.0  # per connect / read
    max_bytes: int = 200 * 1024 * 1024  # no disclosure document comes near this
    deadline: float = 300.0  # seconds for one response, all of its body included
    agent: str = field(default_factory=user_agent)
    sleep: Callable[[float], None] = time.sleep
    requests: int = 0  # attempts made (for the summary)
    waited: float = 0.0  # seconds spent waiting for the rate limit and backoff
    _http: httpx.Client | None = None
    _last: dict[str, float] = field(default_factory=dict)

    @property
    def http(self) -> httpx.Client:
        if self._http is None:
            self._http = httpx.Client(headers={"User-Agent": self.agent}, follow_redirects=True,
                                      timeout=httpx.Timeout(self.timeout))
        return self._http

    @property
    def cookies(self) -> httpx.Cookies:
        return self.http.cookies

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests ------------------------------------------------------------------------
    def get(self, url: str, *, validators: Validators | None = None,
            headers: Mapping[str, str] | None = None) -> Response:
        return self.request("GET", url, validators=validators, headers=headers)

    def post(self, url: str, data: Mapping[str, str], *, headers: Mapping[str, str] | None = None) -> Response:
        return self.request("POST", url, data=data, headers=headers)

    def request(self, method: str, url: str, *, data: Mapping[str, str] | None = None, json: Any = None,
                headers: Mapping[str, str] | None = None, validators: Validators | None = None) -> Response:
        """The response (2xx, or 304 for a conditional request). Raises HTTPFailure for a
        permanent status, TransientHTTPError / httpx.TransportError / DamagedBody once the
        retries are spent, BadDownload for a body over the cap or the deadline."""
        sent = dict(headers or {})
        if validators:
            sent.update(validators.headers())
        retrying = Retrying(retry=retry_if_exception(_transient), stop=stop_after_attempt(self.attempts),
                            wait=self._wait, sleep=self._sleep, reraise=True)
        result: Response = retrying(self._attempt, method, url, data, sent, json)
        return result

    def _wait(self, state: RetryCallState) -> float:
        exp = min(self.backoff * 2 ** (state.attempt_number - 1), self.max_backoff)
        exc = state.outcome.exception() if state.outcome else None
        asked = getattr(exc, "retry_after", None)
        return max(exp, asked) if asked is not None else exp

    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.waited += seconds
            self.sleep(seconds)

    def _pace(self, url: str) -> None:
        u = httpx.URL(url)
        host = f"{u.host}:{u.port or ''}"
        wait = self.min_interval - (time.monotonic() - self._last.get(host, -1e9))
        if wait > 0:
            self._sleep(wait)
        self._last[host] = time.monotonic()

    def _attempt(self, method: str, url: str, data: Mapping[str, str] | None, headers: dict[str, str],
                 json: Any = None) -> Response:
        self._pace(url)
        self.requests += 1
        started = time.monotonic()
        with self.http.stream(method, url, data=data, json=json, headers=headers) as resp:
            status = resp.status_code
            if status == 429 or status >= 500:
                after = retry_after_seconds(resp.headers.get("Retry-After"))
                note = f" (Retry-After {after:.0f} s)" if after is not None else ""
                exc = TransientHTTPError(status, url, after, note)
                if after is not None and after > self.max_retry_after:
                    exc = TransientHTTPError(status, url, after, f" (asked to wait {after:.0f} s, over the "
                                             f"{self.max_retry_after:.0f} s this run waits)")
                    exc.retry_allowed = False  # type: ignore[attr-defined]
                raise exc
            if status == 304:
                return Response(url, 304, b"", dict(resp.headers))
            if status >= 400 or status < 200:
                failure = HTTPFailure(status, url)
                failure.text = resp.read()[:2000].decode("utf-8", "replace")
                raise failure
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
            encoded = resp.headers.get("Content-Encoding", "identity").lower() not in ("", "identity")
            if declared and declared.isdigit() and not encoded and int(declared) != len(body):
                raise DamagedBody(f"{url}: {len(body)} bytes received of {declared} declared (cut short)")
            problem = _digest_problem(bytes(body), resp.headers)
            if problem:
                raise DamagedBody(f"{url}: {problem} (damaged in transit)")
            return Response(url, status, bytes(body), dict(resp.headers))


def check_download(data: bytes, expected: str, url: str) -> bytes:
    """Refuse what is not the document: wrong type by its magic bytes, or a PDF cut short."""
    got = sniff(data)
    if got != expected:
        raise BadDownload(f"{url}: expected {expected}, got {got} ({len(data)} bytes)")
    if expected == "application/pdf" and b"%%EOF" not in data[-2048:]:
        raise BadDownload(f"{url}: PDF has no end-of-file marker (truncated download?)")
    return data


def describe(exc: BaseException) -> str:
    """One line for a failed request, naming what went wrong."""
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out ({type(exc).__name__}) for {exc.request.url}" if _has_request(exc) else "timed out"
    if isinstance(exc, httpx.TransportError):
        where = f" for {exc.request.url}" if _has_request(exc) else ""
        return f"{type(exc).__name__}: {str(exc) or 'connection failed'}{where}"
    return str(exc)


def _has_request(exc: httpx.TransportError) -> bool:
    try:
        exc.request  # noqa: B018 - raises when the error carries no request
    except RuntimeError:
        return False
    return True


FAILURES = (httpx.HTTPError, TransientHTTPError, HTTPFailure, BadDownload)
