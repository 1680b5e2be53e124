"""Fetching against a local HTTP server on 127.0.0.1 that serves synthetic Clerk responses."""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ptrgen import Row, build_ptr
from warstock.archive import Archive
from warstock.stages.fetch import Fetcher, fetch_house

INDEX_XML = b"""<?xml version="1.0" encoding="utf-8"?><FinancialDisclosure>
<Member><Prefix /><Last>Doe</Last><First>Jane</First><Suffix /><FilingType>P</FilingType><StateDst>NJ05</StateDst>
<Year>2025</Year><FilingDate>2/1/2025</FilingDate><DocID>20000001</DocID></Member>
<Member><Prefix /><Last>Doe</Last><First>Jane</First><Suffix /><FilingType>P</FilingType><StateDst>NJ05</StateDst>
<Year>2025</Year><FilingDate>2/2/2025</FilingDate><DocID>20000002</DocID></Member>
<Member><Prefix /><Last>Doe</Last><First>Jane</First><Suffix /><FilingType>A</FilingType><StateDst>NJ05</StateDst>
<Year>2025</Year><FilingDate>5/15/2025</FilingDate><DocID>10000001</DocID></Member>
</FinancialDisclosure>"""


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:  # a fixed timestamp: the same index is the same bytes
        zf.writestr(zipfile.ZipInfo("2025FD.xml", date_time=(2025, 6, 1, 0, 0, 0)), INDEX_XML)
    return buf.getvalue()


class Server:
    def __init__(self) -> None:
        self.hits: list[str] = []
        self.flaky_left = 2  # the first two requests for 20000001 get a 503
        self.pdf = build_ptr([Row(["Lockheed Martin Corp (LMT) [ST]"])])
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                outer.hits.append(self.path)
                if self.path == "/public_disc/financial-pdfs/2025FD.zip":
                    self._send(200, _zip(), "application/zip")
                elif self.path == "/public_disc/ptr-pdfs/2025/20000001.pdf":
                    if outer.flaky_left:
                        outer.flaky_left -= 1
                        self._send(503, b"busy", "text/plain")
                    else:
                        self._send(200, outer.pdf, "application/pdf")
                else:
                    self._send(404, b"not found", "text/plain")

            def _send(self, code: int, body: bytes, ctype: str) -> None:
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"


@pytest.fixture()
def server() -> Iterator[Server]:
    s = Server()
    t = threading.Thread(target=s.httpd.serve_forever, daemon=True)
    t.start()
    yield s
    s.httpd.shutdown()


def test_fetch_index_and_ptrs_with_retry_and_a_missing_document(server: Server, tmp_path: Path) -> None:
    archive = Archive(tmp_path / "archive")
    fetcher = Fetcher(base_url=server.url, min_interval=0, backoff=0.01)
    summary = fetch_house(archive, 2025, fetcher)
    assert summary.added == 2  # the index and 20000001 (after two 503s)
    assert [d for d, _ in summary.failed] == ["20000002"] and "404" in summary.failed[0][1]
    assert server.hits.count("/public_disc/ptr-pdfs/2025/20000001.pdf") == 3
    assert "/public_disc/ptr-pdfs/2025/10000001.pdf" not in server.hits  # annual reports are not PTRs
    entries = {e.doc_id: e for e in archive.entries()}
    ptr = entries["20000001"]
    assert ptr.official_url == "https://disclosures-clerk.house.gov/public_disc/ptr-pdfs/2025/20000001.pdf"
    assert ptr.origin.startswith(server.url)
    assert archive.read(ptr.sha256) == server.pdf

    # a second run fetches only what is still missing
    server.hits.clear()
    again = fetch_house(archive, 2025, fetcher)
    assert again.added == 0
    assert server.hits == ["/public_disc/financial-pdfs/2025FD.zip", "/public_disc/ptr-pdfs/2025/20000002.pdf"]


def test_gives_up_after_retries(server: Server, tmp_path: Path) -> None:
    server.flaky_left = 10
    fetcher = Fetcher(base_url=server.url, min_interval=0, backoff=0.01, attempts=3)
    summary = fetch_house(Archive(tmp_path / "a"), 2025, fetcher)
    assert ("20000001", f"HTTP 503 for {server.url}/public_disc/ptr-pdfs/2025/20000001.pdf") in summary.failed


def test_bad_downloads_are_refused_and_fetched_again_next_time(server: Server, tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a")
    good = server.pdf
    server.pdf = b"<html><body>Service unavailable</body></html>"  # an error page served with 200
    first = fetch_house(archive, 2025, Fetcher(base_url=server.url, min_interval=0, backoff=0.01))
    assert any(d == "20000001" and "expected application/pdf, got text/html" in r for d, r in first.failed)
    assert "20000001" not in {e.doc_id for e in archive.entries()}  # not archived
    server.pdf = good[: len(good) // 2]  # a PDF cut short
    second = fetch_house(archive, 2025, Fetcher(base_url=server.url, min_interval=0, backoff=0.01))
    assert any(d == "20000001" and "end-of-file" in r for d, r in second.failed)
    server.pdf = good
    capped = fetch_house(archive, 2025, Fetcher(base_url=server.url, min_interval=0, backoff=0.01, max_bytes=100))
    assert capped.failed and all("cap" in r for _, r in capped.failed)  # the index itself is over 100 bytes
    third = fetch_house(archive, 2025, Fetcher(base_url=server.url, min_interval=0, backoff=0.01))
    stored = next(e.sha256 for e in archive.entries() if e.doc_id == "20000001")
    assert third.added == 1 and archive.read(stored) == good
