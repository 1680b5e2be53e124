"""The Senate's eFD (https://efdsearch.senate.gov): agreement, report search, report pages.

The dialogue, as the site's own search page holds it:

1. ``GET /search/home/`` serves the agreement form (a ``csrfmiddlewaretoken`` field, and a
   ``prohibition_agreement`` checkbox: the statement that the reports will not be used for a
   purpose the Ethics in Government Act prohibits). ``POST /search/home/`` with the token and
   ``prohibition_agreement=1`` accepts it; the session cookie and the ``csrftoken`` cookie then
   open the search.
2. ``POST /search/report/data/`` answers the search page's DataTables requests: form fields
   ``start``, ``length``, ``report_types`` (``[11]`` PTRs, ``[7]`` annual reports),
   ``filer_types`` (``[]``: all), ``submitted_start_date`` / ``submitted_end_date``
   (``MM/DD/YYYY HH:MM:SS``), and empty ``candidate_state``, ``senator_state``, ``office_id``,
   ``first_name``, ``last_name``; headers ``X-CSRFToken`` and ``Referer``. The answer is JSON:
   ``{"draw", "recordsTotal", "recordsFiltered", "data": [[first name, last name, office,
   '<a href="/search/view/ptr/<uuid>/">title</a>', "MM/DD/YYYY"], ...]}``.
3. Each report page: ``/search/view/ptr/<uuid>/`` and ``/search/view/annual/<uuid>/``
   (electronic), ``/search/view/paper/<uuid>/`` (a paper filing: a stub listing one GIF per page
   on ``efd-media-public.senate.gov``, fetched too).

The shapes above are those of the pages in ``../shared/data/senate`` and of the requests other
public eFD clients send; warstock cannot check them against the live site from its tests. A
response in another shape is a recorded error (``SiteError`` for the agreement and the search,
a failed document for a report page), never a guess. A session that expires mid-run (the site
serves the agreement again) is opened again once.

Files land as ``../shared/data/senate`` lays them out: ``senate/ptr/<uuid>.html`` (electronic
and paper PTRs), ``senate/annual/<uuid>.html``, ``senate/paper-images/<name>.gif``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from lxml import etree, html

from warstock.archive import sniff
from warstock.sources import parser
from warstock.stages.http import FAILURES, HTTPFailure, Response, describe
from warstock.stages.remote import Context, SiteError

SITE = "https://efdsearch.senate.gov"
HOME = f"{SITE}/search/home/"
SEARCH = f"{SITE}/search/"
DATA = f"{SITE}/search/report/data/"
REPORT_TYPES = {"ptr": "[11]", "annual": "[7]"}
PAGE = 100
LINK = re.compile(r"""href=["'](?P<path>/search/view/(?P<kind>[a-z]+)/(?P<id>[0-9a-fA-F-]{36})/?)["']""")
FOLDER = {"ptr": "ptr", "annual": "annual"}  # report type searched -> folder in the layout
SOURCE = {"ptr": "senate_ptr", "annual": "senate_annual"}


@dataclass(frozen=True)
class Listed:
    kind: str  # ptr | annual | paper (the link's kind)
    report_type: str  # ptr | annual (what was searched)
    uuid: str
    path: str
    filer: str
    submitted: date | None


_AGREEMENT_FIELD = re.compile(rb"""<input[^>]*name=["']prohibition_agreement["']""", re.I)


def _is_agreement(body: bytes) -> bool:
    """The agreement form (a field named prohibition_agreement), served where a page was asked for."""
    return bool(_AGREEMENT_FIELD.search(body))


def form_token(body: bytes) -> str | None:
    try:
        root = html.fromstring(body)
    except (etree.ParserError, ValueError):
        return None
    found = root.xpath("//input[@name='csrfmiddlewaretoken']/@value")
    return str(found[0]) if found else None


class Session:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.csrf: str | None = None

    def open(self) -> None:
        """Accept the agreement (SiteError if the site refuses it or the page is not the form)."""
        ctx = self.ctx
        try:
            home = ctx.client.get(ctx.url(HOME))
            token = form_token(home.body)
            if not token:
                raise SiteError(f"the agreement page {HOME} has no csrfmiddlewaretoken field "
                                f"({sniff(home.body)}, {len(home.body)} bytes): its layout changed")
            agreed = ctx.client.post(ctx.url(HOME), {"csrfmiddlewaretoken": token, "prohibition_agreement": "1"},
                                     headers={"Referer": ctx.url(HOME)})
        except HTTPFailure as exc:
            raise SiteError(f"eFD refused the agreement: {exc}") from exc
        except FAILURES as exc:
            raise SiteError(f"eFD agreement could not be reached: {describe(exc)}") from exc
        if _is_agreement(agreed.body):
            raise SiteError("eFD did not accept the agreement: it served the agreement form again "
                            f"after POST {HOME}")
        self.csrf = ctx.client.cookies.get("csrftoken") or token

    def search(self, report_type: str, start: date, end: date) -> list[Listed]:
        """Every report of this type submitted between start and end (SiteError when the search
        answers in another shape)."""
        out: list[Listed] = []
        offset = 0
        reopened = False
        while True:
            fields = {
                "start": str(offset), "length": str(PAGE), "draw": "1",
                "report_types": REPORT_TYPES[report_type], "filer_types": "[]",
                "submitted_start_date": start.strftime("%m/%d/%Y 00:00:00"),
                "submitted_end_date": end.strftime("%m/%d/%Y 23:59:59"),
                "candidate_state": "", "senator_state": "", "office_id": "", "first_name": "", "last_name": "",
                "csrfmiddlewaretoken": self.csrf or "",
            }
            try:
                resp = self.ctx.client.post(self.ctx.url(DATA), fields, headers={
                    "X-CSRFToken": self.csrf or "", "X-Requested-With": "XMLHttpRequest",
                    "Referer": self.ctx.url(SEARCH)})
            except FAILURES as exc:
                raise SiteError(f"eFD report search failed at row {offset}: {describe(exc)}") from exc
            if _is_agreement(resp.body) and not reopened:  # the session expired: accept again, once
                reopened = True
                self.open()
                continue
            rows, total = _page(resp, offset)
            for n, row in enumerate(rows):
                listed = _row(row, report_type)
                if isinstance(listed, str):
                    self.ctx.fail(SOURCE[report_type], f"search row {offset + n + 1}", listed)
                else:
                    out.append(listed)
            offset += len(rows)
            self.ctx.tick(f"eFD {report_type} search", offset, total)
            if not rows or offset >= total:
                return out

    def page(self, official: str, *, source: str, doc: str) -> Response | None:
        """A report page; if the site answers with the agreement (the session expired), the
        agreement is accepted again and the page asked for once more."""
        resp = self.ctx.get(official, source=source, doc=doc)
        if resp is not None and _is_agreement(resp.body):
            try:
                self.open()
            except SiteError as exc:
                self.ctx.fail(source, doc, f"{official}: the session expired and could not be opened again: {exc}",
                              official)
                return None
            resp = self.ctx.get(official, source=source, doc=doc)
            if resp is not None and _is_agreement(resp.body):
                self.ctx.fail(source, doc, f"{official}: eFD served the agreement form instead of the report",
                              official)
                return None
        return resp


def _page(resp: Response, offset: int) -> tuple[list[Any], int]:
    try:
        payload = resp.json()
    except ValueError as exc:
        raise SiteError(f"eFD report search answered with {sniff(resp.body)}, not JSON, at row {offset}: "
                        "its layout changed") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list) \
            or not str(payload.get("recordsFiltered", "")).isdigit():
        keys = sorted(payload) if isinstance(payload, dict) else type(payload).__name__
        raise SiteError(f"eFD report search answered JSON without data/recordsFiltered ({keys}) at row {offset}: "
                        "its layout changed")
    return payload["data"], int(payload["recordsFiltered"])


def _row(row: Any, report_type: str) -> Listed | str:
    """A search result, or the reason it cannot be read."""
    if not isinstance(row, list) or len(row) < 5:
        return f"search result is not the five columns expected: {str(row)[:120]!r}"
    first, last, _office, link, submitted = row[:5]
    m = LINK.search(str(link))
    if not m:
        return f"search result has no report link: {str(link)[:120]!r}"
    kind = m.group("kind")
    if kind not in ("ptr", "annual", "paper"):
        return f"search result links to {m.group('path')}, a kind of page warstock does not read"
    try:
        when = datetime.strptime(str(submitted).strip(), "%m/%d/%Y").date()
    except ValueError:
        when = None
    return Listed(kind, report_type, m.group("id").lower(), m.group("path"), f"{first} {last}".strip(), when)


def _check(source: str) -> Any:
    """The check on arrival for a report page: HTML that the source's parser reads (a paper
    stub counts: it needs OCR)."""

    def check(body: bytes, doc_id: str) -> str | None:
        result = parser(source)(body, doc_id=doc_id)
        if result.status == "failed":
            return f"page not readable by {source}: {result.reason}"
        return None

    return check


def sync_senate(ctx: Context, start: date, end: date, *, kinds: tuple[str, ...] = ("ptr", "annual")) -> bool:
    """Fetch every report submitted between start and end that the archive lacks. Returns
    whether the whole window was read (then a later run may start after it)."""
    session = Session(ctx)
    try:
        session.open()
    except SiteError as exc:
        ctx.site_errors.append(("senate_efd", str(exc)))
        return False
    whole = True
    for report_type in kinds:
        try:
            listed = session.search(report_type, start, end)
        except SiteError as exc:
            ctx.site_errors.append(("senate_efd", str(exc)))
            whole = False
            continue
        source = SOURCE[report_type]
        before = _failures(ctx, source)
        todo = list({r.uuid: r for r in listed if not ctx.have(source, r.uuid)}.values())
        if len(todo) < len({r.uuid for r in listed}):
            ctx.tally(source).archived += len({r.uuid for r in listed}) - len(todo)
        for n, rep in enumerate(todo, 1):
            _report(ctx, session, rep)
            ctx.tick(f"eFD {report_type} reports", n, len(todo))
        if _failures(ctx, source) > before:
            whole = False
    return whole


def _failures(ctx: Context, source: str) -> int:
    return sum(len(t.failed) for name, t in ctx.tallies.items() if name in (source, "senate_paper"))


def _report(ctx: Context, session: Session, rep: Listed) -> None:
    source = SOURCE[rep.report_type]
    official = f"{SITE}{rep.path}"
    resp = session.page(official, source=source, doc=rep.uuid)
    if resp is None:
        return
    got = ctx.document(official, layout=f"senate/{FOLDER[rep.report_type]}/{rep.uuid}.html", year=None,
                       expect="text/html", check=_check(source), resp=resp)
    if got is None or rep.kind != "paper":
        return
    stub = parser(source)(got.body, doc_id=rep.uuid)
    urls = ((stub.filing or {}).get("image_urls") or "").split()
    for url in urls:
        if url.startswith("/"):
            url = SITE + url
        name = url.rsplit("/", 1)[-1]
        if not name.lower().endswith(".gif"):
            ctx.fail("senate_paper", name, f"paper filing {rep.uuid} lists a page image that is not a GIF: {url}")
            continue
        if ctx.have("senate_paper", name.rsplit(".", 1)[0]):
            continue
        ctx.document(url, layout=f"senate/paper-images/{name}", year=None, expect="image/gif")
