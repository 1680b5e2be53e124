"""A local HTTP server on 127.0.0.1 that answers as the official sites do, for `warstock sync`.

One threaded http.server stands in for every official host (their paths do not overlap):
the House Clerk's disclosure site (``/public_disc/...``), the Senate's eFD (``/search/...``:
the agreement form with its CSRF token and cookie, the DataTables report search answering
JSON, the report pages, which need the session the agreement opens), eFD's media host
(``/media/...``), the Clerk's roll calls (``/evs/...``), Senate LIS (``/legislative/LIS/...``)
and congress-legislators (``/congress-legislators/...``). Documents answer with an ETag and a
Last-Modified, and 304 to a request that names the current ETag.

A test scripts failures per path (``script``): a status with headers (500, 429 with
Retry-After ...), a delay longer than the client's timeout, a body cut short (the connection
closed before its Content-Length), a body whose Content-MD5 is wrong. Every request is logged
with the time it arrived (``hits``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

FORM_TOKEN = "form-token-1234"
COOKIE_TOKEN = "cookie-token-5678"
SESSION = "efd-session-ok"


def agreement_page() -> bytes:
    return f"""<!DOCTYPE html><html><head><title>eFD: Home</title></head><body>
<form id="agreement_form" method="post" action="/search/home/">
<input type="hidden" name="csrfmiddlewaretoken" value="{FORM_TOKEN}">
<input id="agree_statement" type="checkbox" name="prohibition_agreement" value="1">
<label for="agree_statement">I understand the prohibitions on obtaining and use of financial disclosure reports.</label>
<button type="submit">Agree</button></form></body></html>""".encode()


SEARCH_PAGE = b"""<!DOCTYPE html><html><head><title>eFD: Search</title></head><body>
<form id="searchForm"><input type="hidden" name="csrfmiddlewaretoken" value="x"></form>
<table id="filedReports"></table></body></html>"""


@dataclass
class Scripted:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    delay: float = 0.0  # wait before answering (longer than the client's timeout: a timeout)
    cut: bool = False  # send the headers for the whole body, half of it, then close
    bad_md5: bool = False  # a Content-MD5 that does not match the body


def efd_row(uuid: str, kind: str, first: str, last: str, submitted: str, title: str) -> list[str]:
    return [first, last, f"{last}, {first} (Senator)",
            f'<a href="/search/view/{kind}/{uuid}/" target="_blank">{title}</a>', submitted]


class OfficialSites:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.modified: dict[str, str] = {}  # path -> Last-Modified
        self.scripts: dict[str, list[Scripted]] = {}
        self.efd_rows: dict[str, list[list[str]]] = {"[11]": [], "[7]": []}
        self.refuse_agreement = False
        self.search_as_html = False  # the search answers with a page, not JSON (a changed site)
        self.expire_session_once = False  # the next report page answers with the agreement form
        self.hits: list[tuple[str, str, float, dict[str, str]]] = []
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                self._handle("GET")

            def do_POST(self) -> None:  # noqa: N802
                self._handle("POST")

            def _handle(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()} if length else {}
                with outer.lock:
                    outer.hits.append((method, self.path, time.monotonic(), dict(self.headers)))
                    queue = outer.scripts.get(self.path)
                    scripted = queue.pop(0) if queue else None
                try:
                    if scripted is not None and (scripted.status != 200 or scripted.delay or scripted.body):
                        if scripted.delay:
                            time.sleep(scripted.delay)
                        body = scripted.body if scripted.body is not None else b"scripted"
                        self._send(scripted.status, body, "text/plain", scripted.headers)
                        return
                    outer.route(self, method, form, scripted)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _send(self, code: int, body: bytes, ctype: str, headers: dict[str, str] | None = None,
                      scripted: Scripted | None = None) -> None:
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                if scripted and scripted.bad_md5:
                    self.send_header("Content-MD5", base64.b64encode(hashlib.md5(b"other").digest()).decode())
                self.end_headers()
                if scripted and scripted.cut:
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.handler = Handler
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    # -- what a test changes ------------------------------------------------------------
    def script(self, path: str, *responses: Scripted) -> None:
        self.scripts.setdefault(path, []).extend(responses)

    def serve(self, path: str, body: bytes, modified: str = "Wed, 01 Jan 2025 00:00:00 GMT") -> None:
        self.files[path] = body
        self.modified[path] = modified

    def requested(self, prefix: str = "", method: str | None = None) -> list[str]:
        return [p for m, p, _, _ in self.hits if p.startswith(prefix) and (method is None or m == method)]

    # -- answering ----------------------------------------------------------------------
    def route(self, h: BaseHTTPRequestHandler, method: str, form: dict[str, str], scripted: Scripted | None) -> None:
        send = h._send  # type: ignore[attr-defined]
        path = h.path
        cookies = _cookies(h.headers.get("Cookie", ""))
        if path == "/search/home/" and method == "GET":
            send(200, agreement_page(), "text/html", {"Set-Cookie": f"csrftoken={COOKIE_TOKEN}; Path=/"})
            return
        if path == "/search/home/" and method == "POST":
            ok = (form.get("csrfmiddlewaretoken") == FORM_TOKEN and form.get("prohibition_agreement") == "1"
                  and cookies.get("csrftoken") == COOKIE_TOKEN)
            if self.refuse_agreement or not ok:
                send(200, agreement_page(), "text/html")  # the form again: not accepted
                return
            send(302, b"", "text/html", {"Location": "/search/", "Set-Cookie": f"sessionid={SESSION}; Path=/"})
            return
        if path == "/search/" and method == "GET":
            send(200, SEARCH_PAGE, "text/html")
            return
        if path.startswith("/search/") and (cookies.get("sessionid") != SESSION or
                                            (self.expire_session_once and path.startswith("/search/view/"))):
            self.expire_session_once = False
            send(200, agreement_page(), "text/html")  # the site sends a visitor without a session to the agreement
            return
        if path == "/search/report/data/" and method == "POST":
            if h.headers.get("X-CSRFToken") != COOKIE_TOKEN:
                send(403, b"CSRF verification failed", "text/html")
                return
            if self.search_as_html:
                send(200, b"<!DOCTYPE html><html><body><h1>New search</h1></body></html>", "text/html")
                return
            rows = self.efd_rows.get(form.get("report_types", ""), [])
            start, length = int(form.get("start", 0)), int(form.get("length", 100))
            body = json.dumps({"draw": 1, "recordsTotal": len(rows), "recordsFiltered": len(rows),
                               "data": rows[start:start + length], "result": "ok"}).encode()
            send(200, body, "application/json")
            return
        body = self.files.get(path)
        if body is None:
            send(404, b"<html><body>Not Found</body></html>", "text/html")
            return
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        headers = {"ETag": etag, "Last-Modified": self.modified.get(path, "Wed, 01 Jan 2025 00:00:00 GMT")}
        if h.headers.get("If-None-Match") == etag:
            h.send_response(304)
            for k, v in headers.items():
                h.send_header(k, v)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        send(200, body, _ctype(path), headers, scripted)


def _ctype(path: str) -> str:
    for ext, ctype in ((".pdf", "application/pdf"), (".zip", "application/zip"), (".xml", "text/xml"),
                       (".gif", "image/gif"), (".yaml", "text/plain"), (".csv", "text/csv")):
        if path.endswith(ext):
            return ctype
    return "text/html"


def _cookies(header: str) -> dict[str, str]:
    out = {}
    for part in header.split(";"):
        if "=" in part:
            k, v = part.strip().split("=", 1)
            out[k] = v
    return out


@contextmanager
def running() -> Iterator[OfficialSites]:
    site = OfficialSites()
    t = threading.Thread(target=site.httpd.serve_forever, daemon=True)
    t.start()
    try:
        yield site
    finally:
        site.httpd.shutdown()
        site.httpd.server_close()
