"""The dashboard and its JSON API: every page is a Doc from report/views.py or report/pages.py,
rendered as HTML (report/html.py), JSON, CSV or Parquet.

Read-only by construction: the app is handed a read-only DuckDB connection (the local
warehouse opened with read_only=True, or the embedded snapshot in memory) and each request
reads through its own cursor. Parameters reach SQL only as bound parameters (analysis/).
A parameter that names nothing is a 400 naming what is known; a malformed one a 422 saying
which and why; never a 500. Nothing is fetched from elsewhere: the stylesheet is served from
the package, there is no script, and FastAPI's CDN-based /docs pages are off (the OpenAPI
document is at /openapi.json and listed as a page at /api).
"""

# no `from __future__ import annotations`: FastAPI reads these signatures at runtime, and
# some name dependencies defined inside create_app
import asyncio
import functools
import inspect
import json
import logging
import threading
import time
import typing
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, MutableMapping
from contextlib import asynccontextmanager, contextmanager
from datetime import date
from typing import Annotated, Any, Literal, NamedTuple
from urllib.parse import urlencode

import duckdb
import fastapi.params
from fastapi import FastAPI, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import Markup

from warstock.analysis import browse, context, defense
from warstock.report import html, pages, views
from warstock.report.export import section_csv, section_parquet
from warstock.report.tables import Doc, Section, to_csv, to_json
from warstock.settings import DEFAULT_UNIVERSE
from warstock.web import mcp

DEFAULT_YEAR = 2025
CACHE_SIZE = 2048  # Docs remembered per view (keyed on validated parameters)
FIXED_PROFILES = 1024  # members whose window-free profile is kept (State.member_fixed)
RESPONSE_BYTES = 256_000_000  # whole answers remembered, in all (least recently used out first)
RESPONSE_MAX = 8_000_000  # a larger answer is not remembered
URL_COUNT, URL_MAX = 8192, 1024  # raw URLs remembered as aliases of an answer (how many, how long)
ROW_LIMIT = 200  # rows of a table shown on a page; the downloads hold them all
log = logging.getLogger("warstock.web")
Fmt = Literal["json", "csv", "parquet"]

YearQ = Annotated[int | None, Query(ge=1990, le=2100, description="Calendar year of the trades.")]
UniverseQ = Annotated[str, Query(max_length=100, description="Universe edition (see /api/universes).")]
ChamberQ = Annotated[str | None, Query(pattern="^(house|senate)?$", description="Only this chamber: house or "
                                                                                 "senate (empty: both).")]
PartyQ = Annotated[str | None, Query(max_length=40, description="Only this party (Democrat, Republican, ...).")]
CommitteesQ = Annotated[str | None, Query(max_length=40, description="Only trades made while the member sat on a "
                                                                     "committee of this set (e.g. defense).")]
CommitteeQ = Annotated[str | None, Query(max_length=20, pattern=r"^[A-Za-z0-9]*$",
                                         description="Only trades made while the member sat on this one "
                                                     "committee (its code, e.g. HSAS).")]
AllAssetsQ = Annotated[bool, Query(description="Count every asset type, not only stock and options.")]
WindowQ = Annotated[int, Query(ge=0, le=pages.WINDOW_MAX, description="Days before or after a key vote.")]
FormatQ = Annotated[Fmt, Query(alias="format", description="json, or one section (or all, for csv) as csv or "
                                                            "parquet.")]
SectionQ = Annotated[str | None, Query(max_length=60, description="The section to download (csv, parquet).")]
IdPath = Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]


class State:
    """The open warehouse, its source note, and what does not change while serving."""

    def __init__(self, con: duckdb.DuckDBPyConnection, note: str):
        self.con, self.note = con, note
        self.lock = threading.Lock()
        self._coverage: dict[int, tuple[list[str], str | None, list[dict[str, Any]]]] = {}
        self._holders: dict[date, dict[str, list[dict[str, Any]]]] = {}  # per day told
        self._holdings: views.Holdings | None = None
        self._holders_lock = threading.Lock()
        self._fixed: OrderedDict[tuple[str, str], dict[str, Any]] = OrderedDict()  # member profiles, no window
        self._fixed_lock = threading.Lock()
        with self.cursor() as cur:
            self.years = browse.years(cur) or [DEFAULT_YEAR]
            self.parties = browse.parties(cur)
            self.sets = context.committee_sets(cur)
            self.universes = [u["universe_id"] for u in defense.universes(cur)]
            self.search_index = browse.SearchIndex.build(cur)  # searches are arbitrary text: no cache covers them

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self.lock:  # making a cursor touches the shared connection
            cur = self.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def coverage(self, year: int) -> tuple[list[str], str | None]:
        lines, warning, _ = self.coverage_rows(year)
        return lines, warning

    def coverage_rows(self, year: int) -> tuple[list[str], str | None, list[dict[str, Any]]]:
        """pages.coverage of a year, read once."""
        if year not in self._coverage:
            with self.cursor() as cur:
                self._coverage[year] = pages.coverage(cur, year)
        return self._coverage[year]

    @property
    def known(self) -> pages.Known:
        return pages.Known(self.parties, self.sets, self.universes)

    def holdings(self) -> views.Holdings:
        """Every member's positions as of today and net-worth rows, computed once a day (~1-2 s)
        for all member pages."""
        with self._holders_lock:
            if self._holdings is None or self._holdings.day != today():
                with self.cursor() as cur:
                    self._holdings = views.Holdings(cur, today())
            return self._holdings

    def holders(self, year: int | None) -> tuple[dict[str, list[dict[str, Any]]], date]:
        """The positions by company as of pages.holdings_day(year) (a past year's end, else
        today), for all company pages: computed once per such day; and that day."""
        now = today()
        day = pages.holdings_day(year, now)
        held = self.holdings() if day == now else None
        with self._holders_lock:
            if day not in self._holders:
                if len(self._holders) > 64:
                    self._holders.clear()
                with self.cursor() as cur:
                    self._holders[day] = pages.holders(cur, held, as_of=None if held else day)
            return self._holders[day], day

    def member_fixed(self, bioguide: str, universe: str) -> dict[str, Any]:
        """The window-free part of a member's profile (context.member_profile_fixed), kept for
        the FIXED_PROFILES members asked last: a member page with another vote window then
        costs one query (~5 ms), not the profile's ten (~35 ms)."""
        key = (bioguide, universe)
        with self._fixed_lock:
            hit = self._fixed.get(key)
            if hit is not None:
                self._fixed.move_to_end(key)
                return hit
        with self.cursor() as cur:
            value = context.member_profile_fixed(cur, bioguide, universe)
        with self._fixed_lock:
            self._fixed[key] = value
            while len(self._fixed) > FIXED_PROFILES:
                self._fixed.popitem(last=False)
        return value

    @property
    def default_year(self) -> int:
        return DEFAULT_YEAR if DEFAULT_YEAR in self.years else self.years[0]


def today() -> date:
    """The day holdings are told for ("as of today"): a long-running server moves on at midnight."""
    return date.today()


class _Flight:
    __slots__ = ("done", "result", "error")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None


class SingleFlight:
    """One computation per key at a time: a request that finds the same answer being computed
    waits for it and gets its outcome (the answer, or the error it raised) instead of computing
    it again. A link shared widely brings many first visitors to one new URL at once; each
    would otherwise cost the full query time, and an answer too large to remember, or an
    error, would be computed once per visitor."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keys: dict[Hashable, _Flight] = {}

    def run(self, key: Hashable, fn: Callable[[], Any]) -> Any:
        with self._lock:
            flight = self._keys.get(key)
            leader = flight is None
            if flight is None:
                flight = self._keys[key] = _Flight()
        if not leader:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            return flight.result
        try:
            flight.result = fn()
            return flight.result
        except BaseException as exc:
            flight.error = exc
            raise
        finally:
            with self._lock:
                del self._keys[key]  # a request arriving from now on finds the answer remembered, or computes
            flight.done.set()

    def __len__(self) -> int:
        return len(self._keys)


def cached(fn: Callable[..., Doc]) -> Callable[..., Doc]:
    """Remember a view's Doc per parameters: the warehouse does not change while serving
    (a bad parameter raises and is not remembered), but "today" does: a new day starts afresh.
    The same parameters asked at once are computed once (SingleFlight)."""
    memo: dict[tuple[Any, ...], Doc] = {}
    lock = threading.Lock()
    flight = SingleFlight()
    day = [today()]

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Doc:
        d = today()  # the day the answer is for: a Doc computed across midnight is kept under it
        if day[0] != d:
            with lock:
                if day[0] != d:
                    memo.clear()
                    day[0] = d
        key = (d, args, tuple(sorted(kwargs.items())))

        def compute() -> Doc:
            doc = memo.get(key)  # remembered by a flight that ended while this one began
            if doc is None:
                doc = fn(*args, **kwargs)
                with lock:
                    if len(memo) >= CACHE_SIZE:
                        memo.pop(next(iter(memo)), None)
                    memo[key] = doc
            return doc

        doc = memo.get(key)
        return doc if doc is not None else flight.run(key, compute)

    return wrapper


class Answer(NamedTuple):
    status: int
    body: bytes
    headers: list[tuple[bytes, bytes]]
    size: int

    def response(self) -> Response:
        r = Response(self.body, status_code=self.status)
        r.raw_headers = list(self.headers)
        return r


class ResponseCache:
    """Whole answers keyed on a handler and its validated parameters (so an unknown query
    parameter, or another spelling of a value, adds nothing), least recently used out first
    once the total passes ``max_bytes``. Beside them, which raw URLs (path and query as sent)
    gave which answer, so a repeated URL is answered before any parsing: at most ``max_urls``
    of them, each at most URL_MAX bytes long, and an alias whose answer is gone is a miss."""

    def __init__(self, max_bytes: int = RESPONSE_BYTES, max_entry: int = RESPONSE_MAX,
                 max_urls: int = URL_COUNT) -> None:
        self.max_bytes, self.max_entry, self.max_urls = max_bytes, max_entry, max_urls
        self._answers: OrderedDict[Hashable, Answer] = OrderedDict()
        self._urls: OrderedDict[bytes, Hashable] = OrderedDict()
        self.bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._answers)

    def get(self, key: Hashable) -> Answer | None:
        with self._lock:
            hit = self._answers.get(key)
            if hit is not None:
                self._answers.move_to_end(key)
            return hit

    def put(self, key: Hashable, response: Response) -> Answer:
        body = bytes(response.body)
        headers = list(response.raw_headers)
        size = len(body) + sum(len(k) + len(v) for k, v in headers) + len(repr(key)) + 200
        answer = Answer(response.status_code, body, headers, size)
        if size > min(self.max_entry, self.max_bytes):
            return answer
        with self._lock:
            old = self._answers.pop(key, None)
            if old is not None:
                self.bytes -= old.size
            self._answers[key] = answer
            self.bytes += size
            while self.bytes > self.max_bytes:
                _, gone = self._answers.popitem(last=False)
                self.bytes -= gone.size
        return answer

    def alias(self, url: bytes, key: Hashable) -> None:
        if len(url) > URL_MAX:
            return
        with self._lock:
            self._urls[url] = key
            self._urls.move_to_end(url)
            while len(self._urls) > self.max_urls:
                self._urls.popitem(last=False)

    def by_url(self, url: bytes) -> Answer | None:
        """The answer a raw URL gave today: keys begin with the day they were computed for
        (holdings are told "as of today"), so after midnight an alias leads nowhere."""
        with self._lock:
            key = self._urls.get(url)
        if key is None or (isinstance(key, tuple) and key and isinstance(key[0], date) and key[0] != today()):
            return None
        return self.get(key)


def _raw_url(scope: MutableMapping[str, Any]) -> bytes:
    return scope["path"].encode("utf-8", "surrogateescape") + b"?" + scope.get("query_string", b"")


class AnsweredFirst:
    """ASGI middleware: a GET whose raw URL already gave a remembered answer gets it at once."""

    def __init__(self, app: Any, cache: ResponseCache) -> None:
        self.app, self.cache = app, cache

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            hit = self.cache.by_url(_raw_url(scope))
            if hit is not None:
                await send({"type": "http.response.start", "status": hit.status, "headers": hit.headers})
                await send({"type": "http.response.body", "body": hit.body})
                return
        await self.app(scope, receive, send)


async def _get(app: Any, url: str) -> int:
    """GET ``url`` from the app in-process (warming its caches); the status."""
    path, _, query = url.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"127.0.0.1")], "client": ("127.0.0.1", 0), "server": ("127.0.0.1", 0)}
    status = [0]

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status[0] = message["status"]

    await app(scope, receive, send)
    return status[0]


def _query(**params: Any) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return urlencode(kept)


def create_app(con: duckdb.DuckDBPyConnection, note: str = "", warm: bool = True) -> FastAPI:
    """The app over an open, read-only warehouse connection. With ``warm``, once serving, a
    background thread asks the app for its default pages, then every member with a trade,
    every company of the default universe and every key vote (pages and their JSON twins), so
    those are answered from memory; /healthz says how far it got."""
    state = State(con, note)
    progress: dict[str, Any] = {"warm": "off" if not warm else "pending", "warmed": 0, "seconds": None}

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> Any:
        if warm:
            threading.Thread(target=_warm, name="warstock-warm", daemon=True).start()
        yield

    app = FastAPI(title="warstock", version="1", docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Congressional stock trading in defense contractors, from the official disclosures. "
                              "Every trade row carries its filing's doc_id, page, row_number and official source_url.")
    app.state.warstock = state

    # --- answers are remembered whole: the warehouse does not change while serving -----------

    cache = ResponseCache()
    app.state.responses = cache
    flight = SingleFlight()  # the same answer asked at once is rendered once
    app.add_middleware(AnsweredFirst, cache=cache)

    def remember(fn: Callable[..., Response]) -> Callable[..., Response]:
        """Remember a handler's 200 answers by its validated parameters (an error is not
        remembered), and the raw URL that asked, for AnsweredFirst. The parameters that differ
        from their defaults are left in request.state.params for the download links."""
        params = inspect.signature(fn).parameters
        defaults = {n: p.default for n, p in params.items()}
        in_path = {n for n, p in params.items() if any(isinstance(m, fastapi.params.Path)
                                                       for m in typing.get_args(p.annotation)[1:])}

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Response:
            request: Request | None = kwargs.get("request")
            given = [(k, v) for k, v in kwargs.items() if k != "request"]
            key = (today(), fn.__name__, *sorted(given))  # the day first: see ResponseCache.by_url
            def produce() -> Answer:
                remembered = cache.get(key)  # by a flight that ended while this one began
                if remembered is not None:
                    return remembered
                if request is not None:
                    request.state.params = [(k, v) for k, v in given if k not in ("fmt", "section", *in_path)
                                            and v not in (None, "", False) and v != defaults.get(k)]
                response = fn(*args, **kwargs)
                if response.status_code != 200:  # not remembered; the requests waiting get it too
                    return Answer(response.status_code, bytes(response.body), list(response.raw_headers), 0)
                return cache.put(key, response)

            hit = cache.get(key) or flight.run(key, produce)
            if hit.status == 200 and request is not None:
                cache.alias(_raw_url(request.scope), key)
            return hit.response()

        return wrapper

    # --- errors: 4xx with a clear message, HTML for pages and JSON for the API -------------

    def _wants_json(request: Request) -> bool:
        return request.url.path.startswith(("/api", "/mcp"))

    def _error_page(status: int, title: str, messages: list[str]) -> HTMLResponse:
        body = Markup("<h1>{}</h1>{}<p><a href=\"/\">Back to the overview</a></p>").format(
            title, html.lines(messages))
        return HTMLResponse(_layout(title, body, None, None), status_code=status)

    @app.exception_handler(views.BadRequest)
    async def bad_request(request: Request, exc: views.BadRequest) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return _error_page(400, "Nothing matches", str(exc).splitlines())

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
                    for e in exc.errors()]
        if _wants_json(request):
            return JSONResponse({"detail": problems}, status_code=422)
        return _error_page(422, "Bad parameter", problems)

    # --- layout ------------------------------------------------------------------------------

    def _layout(title: str, body: Markup, year: int | None, universe: str | None, q: str = "") -> str:
        cov_lines, _ = state.coverage(year or state.default_year)
        header = Markup(
            '<header class="site"><a href="/">warstock</a><nav aria-label="Main"><a href="/">Overview</a>'
            '<a href="/votes">Key votes</a><a href="/conflicts">Conflicts</a><a href="/late">Late filings</a>'
            '<a href="/coverage">Coverage</a><a href="/api">API</a></nav>'
            '<form role="search" action="/search" method="get"><label for="q">Search</label>'
            '<input id="q" name="q" type="search" value="{}" maxlength="100" '
            'placeholder="member, company or ticker"><button type="submit">Go</button></form></header>').format(q)
        cov = html.coverage_box(cov_lines, universe or DEFAULT_UNIVERSE, year or state.default_year)
        footer = Markup('<footer class="site">{} · Data from the House Clerk, the Senate eFD, '
                        'unitedstates/congress-legislators and roll-call votes; every trade links to its official '
                        'filing. <a href="/openapi.json">OpenAPI</a></footer>').format(state.note or "")
        return html.page(f"{title} — warstock", cov + body, header=header, footer=footer,
                         css_href="/static/warstock.css")

    def _links(universe: str, year: int | None) -> html.Links:
        on_member, on_company = _query(universe=universe), _query(universe=universe, year=year)  # once, not per row

        def member(r: dict[str, Any]) -> str | None:
            b = r.get("member_id_bioguide")
            return f"/member/{b}?{on_member}" if b else None

        def company(r: dict[str, Any]) -> str | None:
            i = r.get("issuer_id")
            return f"/company/{i}?{on_company}" if i else None

        def money(r: dict[str, Any]) -> str | None:
            if "basis" in r:  # a position's value: the document it rests on
                return r.get("source_url")
            if "doc_id" in r or "trades" not in r:
                return None
            base = {"universe": universe, "year": year}
            if r.get("member_id_bioguide"):
                return "/trades?" + _query(**base, member=r["member_id_bioguide"])
            if r.get("issuer_id") and "members" in r:
                return "/trades?" + _query(**base, issuer=r["issuer_id"])
            if "party" in r and "members" in r and r["party"] != "(unresolved)":
                return "/trades?" + _query(**base, party=r["party"])
            if "chamber" in r and "members" in r:
                return "/trades?" + _query(**base, chamber=r["chamber"])
            if r.get("committee_code") and "members" in r:
                return "/trades?" + _query(**base, committee=r["committee_code"])
            return None

        return {"member_name": member, "issuer_name": company, "ticker": company, "amount_max_usd": money,
                "rests_on": lambda r: r.get("source_url"),  # a position: the document it rests on
                "vote_id": lambda r: f"/vote/{r['vote_id']}?{_query(universe=universe)}" if r.get("vote_id") else None}

    def _downloads(api_path: str, request: Request) -> Callable[[Section], list[tuple[str, str]]]:
        # the validated parameters only (see remember): an unknown one does not reach the links
        params = [(k, "true" if v is True else str(v)) for k, v in getattr(request.state, "params", [])]

        def make(s: Section) -> list[tuple[str, str]]:
            if not s.rows:
                return []
            return [(fmt.upper(), f"{api_path}?{urlencode([*params, ('format', fmt), ('section', s.key)])}")
                    for fmt in ("csv", "parquet")] + [("JSON", f"{api_path}?{urlencode(params)}")]

        return make

    def _html(request: Request, doc: Doc, api_path: str, year: int | None, universe: str, *,
              bars: tuple[str, ...] = ("members",), charts: dict[str, Markup] | None = None,
              before: Markup = html.NOTHING, q: str = "") -> HTMLResponse:
        body = before + html.doc_body(doc, _links(universe, year), bars, _downloads(api_path, request), charts,
                                      row_limit=ROW_LIMIT)
        return HTMLResponse(_layout(doc.title or "warstock", body, year, universe, q))

    def _data(doc: Doc, fmt: Fmt, section: str | None, name: str) -> Response:
        if fmt == "json" and section is None:
            return Response(to_json(doc), media_type="application/json")
        keys = [s.key for s in doc.sections]
        chosen = next((s for s in doc.sections if s.key == section), None)
        if section is not None and chosen is None:
            raise views.BadRequest(f"no section {section!r} here; sections: {', '.join(keys)}")
        if fmt == "json":
            return Response(to_json(Doc(sections=[chosen] if chosen else [])), media_type="application/json")
        if fmt == "csv":
            text = section_csv(chosen) if chosen else to_csv(doc)
            return Response(text, media_type="text/csv; charset=utf-8", headers={
                "Content-Disposition": f'attachment; filename="{name}{"-" + chosen.key if chosen else ""}.csv"'})
        if chosen is None:
            raise views.BadRequest(f"parquet downloads one section: add section=, one of {', '.join(keys)}")
        return Response(section_parquet(chosen), media_type="application/vnd.apache.parquet", headers={
            "Content-Disposition": f'attachment; filename="{name}-{chosen.key}.parquet"'})

    # --- the views, each once: parameters in, a Doc out --------------------------------------

    @cached
    def overview_doc(year: YearQ = None, universe: UniverseQ = DEFAULT_UNIVERSE, chamber: ChamberQ = None,
                     party: PartyQ = None, committees: CommitteesQ = None, all_assets: AllAssetsQ = False) -> Doc:
        with state.cursor() as cur:
            f = pages.filters(cur, year or state.default_year, universe, chamber, party, committees,
                              all_assets=all_assets, known=state.known)
            return pages.overview(cur, f, state.note, state.coverage_rows(f.year or state.default_year))

    @cached
    def trades_doc(year: YearQ = None, universe: UniverseQ = DEFAULT_UNIVERSE, chamber: ChamberQ = None,
                   party: PartyQ = None, committees: CommitteesQ = None, all_assets: AllAssetsQ = False,
                   member: Annotated[str | None, Query(max_length=20, description="Bioguide id.")] = None,
                   issuer: Annotated[str | None, Query(max_length=40, description="Company id.")] = None,
                   committee: CommitteeQ = None) -> Doc:
        with state.cursor() as cur:
            f = pages.filters(cur, year, universe, chamber, party, committees, member, issuer, all_assets, committee,
                              known=state.known)
            return pages.trades(cur, f, state.note)

    @cached
    def member_doc(bioguide: IdPath, universe: UniverseQ = DEFAULT_UNIVERSE, window: WindowQ = 30) -> Doc:
        with state.cursor() as cur:
            return views.member(cur, bioguide, universe, window, state.note, state.holdings(), state.member_fixed)

    @cached
    def company_doc(issuer_id: IdPath, year: YearQ = None, universe: UniverseQ = DEFAULT_UNIVERSE,
                    chamber: ChamberQ = None, party: PartyQ = None, committees: CommitteesQ = None,
                    all_assets: AllAssetsQ = False) -> Doc:
        with state.cursor() as cur:
            f = pages.filters(cur, year, universe, chamber, party, committees, all_assets=all_assets, known=state.known)
            held, day = state.holders(year)
            return pages.company(cur, issuer_id, f, state.note, held, day)  # day: the one held is told for

    @cached
    def vote_doc(vote_id: IdPath, universe: UniverseQ = DEFAULT_UNIVERSE, window: WindowQ = 30) -> Doc:
        with state.cursor() as cur:
            return pages.vote(cur, vote_id, universe, window, state.note)

    @cached
    def votes_doc() -> Doc:
        with state.cursor() as cur:
            return views.votes(cur, state.note)

    @cached
    def search_doc(q: Annotated[str, Query(max_length=100, description="A member's name or bioguide id, a "
                                                                       "company's name or a ticker.")] = "") -> Doc:
        with state.cursor() as cur:
            return pages.search(cur, q, state.note, state.search_index)

    @cached
    def conflicts_doc(year: YearQ = None, universe: UniverseQ = DEFAULT_UNIVERSE,
                      committees: Annotated[str, Query(max_length=40)] = "defense", window: WindowQ = 30) -> Doc:
        with state.cursor() as cur:
            return views.conflicts(cur, year or state.default_year, universe, committees, window, state.note)

    @cached
    def late_doc(year: YearQ = None) -> Doc:
        with state.cursor() as cur:
            return views.late(cur, year or state.default_year, state.note)

    @cached
    def coverage_doc(year: YearQ = None) -> Doc:
        with state.cursor() as cur:
            return views.coverage(cur, year or state.default_year, state.note)

    @cached
    def universes_doc() -> Doc:
        with state.cursor() as cur:
            return views.universes(cur)

    # --- JSON / CSV / Parquet ------------------------------------------------------------------

    api: list[tuple[str, Callable[..., Doc], str]] = [
        ("/api/overview", overview_doc, "A year's universe trades: members ranked, by month, company, party, "
                                        "chamber; coverage."),
        ("/api/trades", trades_doc, "Universe trades, each with its filing (official URL, page, row)."),
        ("/api/member/{bioguide}", member_doc, "One member's record."),
        ("/api/company/{issuer_id}", company_doc, "Who traded a company, their seats, its universe editions."),
        ("/api/vote/{vote_id}", vote_doc, "A key vote: tallies checked, trading members, their trades nearby."),
        ("/api/votes", votes_doc, "The key-vote catalog with recomputed and official tallies."),
        ("/api/search", search_doc, "Members and companies by name, id or ticker."),
        ("/api/conflicts", conflicts_doc, "Universe trades while on a committee set, or near a key vote."),
        ("/api/late", late_doc, "Late-reported transactions per member."),
        ("/api/coverage", coverage_doc, "Documents read of those listed, by chamber."),
        ("/api/universes", universes_doc, "The universe editions."),
    ]
    def _endpoint(view: Callable[..., Doc], name: str) -> Callable[..., Response]:
        def endpoint(request: Request, fmt: Fmt = "json", section: str | None = None, **params: Any) -> Response:
            return _data(view(**params), fmt, section, name)

        own = inspect.signature(endpoint).parameters
        endpoint.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
            own["request"], *(p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
                              for p in inspect.signature(view).parameters.values()),
            own["fmt"].replace(kind=inspect.Parameter.KEYWORD_ONLY, annotation=FormatQ),
            own["section"].replace(kind=inspect.Parameter.KEYWORD_ONLY, annotation=SectionQ)],
            return_annotation=Response)
        endpoint.__name__ = f"api_{name}"
        return remember(endpoint)

    for path, view, summary in api:
        endpoint = _endpoint(view, path.split("/")[2])
        app.add_api_route(path, endpoint, methods=["GET"], summary=summary, tags=["api"],
                          response_class=Response, responses={
                              200: {"content": {"application/json": {}, "text/csv": {},
                                                "application/vnd.apache.parquet": {}}},
                              400: {"description": "A parameter names nothing; the message lists what is known."}})

    # --- pages -------------------------------------------------------------------------------------

    def _select(name: str, label: str, options: list[tuple[str, str]], chosen: Any) -> Markup:
        opts = Markup("").join(Markup('<option value="{}"{}>{}</option>').format(
            v, Markup(" selected") if str(chosen or "") == v else "", t) for v, t in options)
        return Markup('<label for="f-{n}">{l}<select id="f-{n}" name="{n}">{o}</select></label>').format(
            n=name, l=label, o=opts)

    def _filters_form(action: str, year: int | None, universe: str, chamber: str | None, party: str | None,
                      committees: str | None, all_years: bool = False) -> Markup:
        years = [(str(y), str(y)) for y in state.years]
        return Markup('<form class="filters" method="get" action="{}" aria-label="Filters">{}{}{}{}{}'
                      '<button type="submit">Apply</button></form>').format(
            action,
            _select("year", "Year", ([("", "all years")] if all_years else []) + years, year),
            _select("chamber", "Chamber", [("", "both"), ("house", "House"), ("senate", "Senate")], chamber),
            _select("party", "Party", [("", "all"), *[(p, p) for p in state.parties]], party),
            _select("committees", "Committee set (seat on trade date)", [("", "any"), *[(s, s) for s in state.sets]],
                    committees),
            _select("universe", "Universe edition", [(u, u) for u in state.universes], universe))

    def _form(action: str, label: str, *fields: Markup) -> Markup:
        return Markup('<form class="filters" method="get" action="{}" aria-label="{}">{}'
                      '<button type="submit">Apply</button></form>').format(action, label, Markup("").join(fields))

    def _year_select(year: int | None) -> Markup:
        return _select("year", "Year", [(str(y), str(y)) for y in state.years], year or state.default_year)

    def _universe_select(universe: str) -> Markup:
        return _select("universe", "Universe edition", [(u, u) for u in state.universes], universe)

    def _window_input(window: int) -> Markup:
        return Markup('<label for="f-window">Days around a key vote<input id="f-window" name="window" type="number" '
                      'min="0" max="{}" value="{}"></label>').format(pages.WINDOW_MAX, window)

    MemberQ = Annotated[str | None, Query(max_length=20, description="Bioguide id.")]
    IssuerQ = Annotated[str | None, Query(max_length=40, description="Company id.")]
    SearchQ = Annotated[str, Query(max_length=100)]
    ConflictSetQ = Annotated[str, Query(max_length=40)]

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    @remember
    def overview_page(request: Request, year: YearQ = None, universe: UniverseQ = DEFAULT_UNIVERSE,
                      chamber: ChamberQ = None, party: PartyQ = None, committees: CommitteesQ = None,
                      all_assets: AllAssetsQ = False) -> Response:
        doc = overview_doc(year=year, universe=universe, chamber=chamber, party=party, committees=committees,
                           all_assets=all_assets)
        y = year or state.default_year
        month = next(s for s in doc.sections if s.key == "by_month")
        charts = {"by_month": html.column_chart(month.rows, "month", f"Universe trades by month, {y}")}
        form = _filters_form("/", y, universe, chamber, party, committees)
        return _html(request, doc, "/api/overview", y, universe, bars=("members", "by_company"), charts=charts,
                     before=form)

    @app.get("/trades", response_class=HTMLResponse, include_in_schema=False)
    @remember
    def trades_page(request: Request, year: YearQ = None, universe: UniverseQ = DEFAULT_UNIVERSE,
                    chamber: ChamberQ = None, party: PartyQ = None, committees: CommitteesQ = None,
                    all_assets: AllAssetsQ = False, member: MemberQ = None, issuer: IssuerQ = None,
                    committee: CommitteeQ = None) -> Response:
        doc = trades_doc(year=year, universe=universe, chamber=chamber, party=party, committees=committees,
                         all_assets=all_assets, member=member, issuer=issuer, committee=committee)
        form = _filters_form("/trades", year, universe, chamber, party, committees, all_years=True)
        hidden = Markup("").join(Markup('<input type="hidden" name="{}" value="{}">').format(k, v)
                                 for k, v in (("member", member), ("issuer", issuer), ("committee", committee)) if v)
        form = Markup(str(form).replace('<button', str(hidden) + '<button', 1))
        return _html(request, doc, "/api/trades", year, universe, before=form)

    @app.get("/member/{bioguide}", response_class=HTMLResponse, include_in_schema=False)
    @remember
    def member_page(request: Request, bioguide: IdPath, universe: UniverseQ = DEFAULT_UNIVERSE,
                    window: WindowQ = 30) -> Response:
        doc = member_doc(bioguide=bioguide, universe=universe, window=window)
        seats = next(s for s in doc.sections if s.key == "committees")
        form = _form(f"/member/{bioguide}", "Filters", _universe_select(universe), _window_input(window))
        return _html(request, doc, f"/api/member/{bioguide}", None, universe, bars=(),
                     charts={"committees": html.seat_timeline(seats.rows)}, before=form)

    @app.get("/company/{issuer_id}", response_class=HTMLResponse, include_in_schema=False)
    @remember
    def company_page(request: Request, issuer_id: IdPath, year: YearQ = None, universe: UniverseQ = DEFAULT_UNIVERSE,
                     chamber: ChamberQ = None, party: PartyQ = None, committees: CommitteesQ = None,
                     all_assets: AllAssetsQ = False) -> Response:
        doc = company_doc(issuer_id=issuer_id, year=year, universe=universe, chamber=chamber, party=party,
                          committees=committees, all_assets=all_assets)
        form = _filters_form(f"/company/{issuer_id}", year, universe, chamber, party, committees, all_years=True)
        return _html(request, doc, f"/api/company/{issuer_id}", year, universe, before=form)

    @app.get("/vote/{vote_id}", response_class=HTMLResponse, include_in_schema=False)
    @remember
    def vote_page(request: Request, vote_id: IdPath, universe: UniverseQ = DEFAULT_UNIVERSE,
                  window: WindowQ = 30) -> Response:
        doc = vote_doc(vote_id=vote_id, universe=universe, window=window)
        form = Markup('<form class="filters" method="get" action="/vote/{}" aria-label="Window">'
                      '<label for="f-window">Days around the vote<input id="f-window" name="window" type="number" '
                      'min="0" max="{}" value="{}"></label>{}<button type="submit">Apply</button></form>').format(
            vote_id, pages.WINDOW_MAX, window, _select("universe", "Universe edition",
                                                       [(u, u) for u in state.universes], universe))
        vote_date = doc.data["vote"].get("vote_date")
        return _html(request, doc, f"/api/vote/{vote_id}", getattr(vote_date, "year", None), universe, before=form)

    @app.get("/votes", response_class=HTMLResponse, include_in_schema=False)
    @remember
    def votes_page(request: Request) -> Response:
        return _html(request, votes_doc(), "/api/votes", None, DEFAULT_UNIVERSE)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    @remember
    def search_page(request: Request, q: SearchQ = "") -> Response:
        if not q.strip():
            body = Markup("<h1>Search</h1><p>Type a member's name or bioguide id, a company's name or a ticker in "
                          "the search box above.</p>")
            return HTMLResponse(_layout("Search", body, None, None))
        return _html(request, search_doc(q=q), "/api/search", None, DEFAULT_UNIVERSE, q=q)

    @app.get("/conflicts", response_class=HTMLResponse, include_in_schema=False)
    @remember
    def conflicts_page(request: Request, year: YearQ = None, universe: UniverseQ = DEFAULT_UNIVERSE,
                       committees: ConflictSetQ = "defense", window: WindowQ = 30) -> Response:
        doc = conflicts_doc(year=year, universe=universe, committees=committees, window=window)
        form = _form("/conflicts", "Filters", _year_select(year), _universe_select(universe),
                     _select("committees", "Committee set", [(c, c) for c in state.sets], committees),
                     _window_input(window))
        return _html(request, doc, "/api/conflicts", year or state.default_year, universe, bars=(), before=form)

    @app.get("/late", response_class=HTMLResponse, include_in_schema=False)
    @remember
    def late_page(request: Request, year: YearQ = None) -> Response:
        return _html(request, late_doc(year=year), "/api/late", year or state.default_year, DEFAULT_UNIVERSE,
                     bars=("members",), before=_form("/late", "Filters", _year_select(year)))

    @app.get("/coverage", response_class=HTMLResponse, include_in_schema=False)
    @remember
    def coverage_page(request: Request, year: YearQ = None) -> Response:
        return _html(request, coverage_doc(year=year), "/api/coverage", year or state.default_year,
                     DEFAULT_UNIVERSE, bars=(), before=_form("/coverage", "Filters", _year_select(year)))

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    @remember
    def api_page(request: Request) -> Response:
        rows = Markup("").join(Markup("<tr><td><code>{}</code></td><td>{}</td></tr>").format(p, s)
                               for p, _, s in api)
        body = Markup('<h1>JSON API</h1><p>Every page has a JSON twin under <code>/api</code> with the same query '
                      'parameters; add <code>format=csv</code> or <code>format=parquet</code> with '
                      '<code>section=</code> to download one table. The OpenAPI document: '
                      '<a href="/openapi.json">/openapi.json</a>.</p><div class="table-wrap"><table><thead><tr>'
                      '<th scope="col">Path</th><th scope="col">What</th></tr></thead><tbody>{}</tbody></table></div>'
                      ).format(rows)
        return HTMLResponse(_layout("API", body, None, None))

    @app.get("/static/warstock.css", include_in_schema=False)
    def css() -> Response:
        return Response(html.stylesheet(), media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    # --- MCP: JSON-RPC 2.0 over POST, read-only, the same Docs as the API (web/mcp.py) -------

    mcp_views = {"trades": trades_doc, "member": member_doc, "company": company_doc, "conflicts": conflicts_doc,
                 "overview": overview_doc, "search": search_doc}

    @app.post("/mcp", summary="MCP (Model Context Protocol) endpoint: JSON-RPC 2.0, read-only",
              description="One JSON-RPC 2.0 message per request: `initialize`, `tools/list`, `tools/call` (tools: "
                          + ", ".join(sorted(mcp_views)) + ", the same answers as the API, with their filing links). "
                          "A notification (no `id`) is answered 202 with no body; protocol errors are JSON-RPC "
                          "errors (HTTP 200); a body over 100 kB is refused (413).",
              openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {
                  "type": "object", "required": ["jsonrpc", "method"],
                  "properties": {"jsonrpc": {"type": "string", "enum": ["2.0"]},
                                 "id": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                                 "method": {"type": "string", "example": "tools/list"},
                                 "params": {"type": "object"}}}}}}},
              responses={200: {"description": "A JSON-RPC 2.0 response (result or error)"},
                         202: {"description": "A notification: accepted, no body"},
                         413: {"description": "Request too large"}})
    async def mcp_endpoint(request: Request) -> Response:
        body = await request.body()
        if len(body) > 100_000:
            return JSONResponse(mcp.error(None, -32600, "request too large"), status_code=413)
        try:
            message = json.loads(body)
        except ValueError:
            return JSONResponse(mcp.error(None, -32700, "parse error: the body is not JSON"))
        try:
            answer = await run_in_threadpool(mcp.handle, message, mcp_views)
        except Exception:  # a bug: said as JSON-RPC's internal error, and logged
            log.exception("mcp %r", message)
            return JSONResponse(mcp.error(message.get("id") if isinstance(message, dict) else None, -32603,
                                          "internal error"))
        return Response(status_code=202) if answer is None else JSONResponse(answer)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, Any]:
        return {"status": "ok", **progress, "remembered": len(cache), "remembered_bytes": cache.bytes}

    # --- warming: the answers most asked for, computed before anyone asks -----------------

    def warm_urls() -> list[str]:
        y = state.default_year
        first = ["/", "/conflicts", "/votes", "/late", "/coverage", "/api", f"/?year={y}", f"/conflicts?year={y}",
                 f"/late?year={y}", f"/coverage?year={y}"]
        with state.cursor() as cur:
            members = [r[0] for r in cur.execute("""SELECT member_id_bioguide FROM core_transactions
                WHERE is_current AND member_id_bioguide IS NOT NULL GROUP BY 1
                ORDER BY count(*) FILTER (WHERE issuer_id IS NOT NULL) DESC, count(*) DESC, 1""").fetchall()]
            companies = [r[0] for r in cur.execute("""SELECT m.issuer_id FROM core_universe__memberships m
                LEFT JOIN out_universe__trades t ON t.issuer_id = m.issuer_id AND t.universe_id = m.universe_id
                WHERE m.universe_id = ? GROUP BY 1 ORDER BY count(t.issuer_id) DESC, 1""",
                                                        [DEFAULT_UNIVERSE]).fetchall()]
            votes = browse.key_vote_ids(cur)
        # the overview's filter options, one at a time, for the default year
        first += ["/?" + urlencode({"year": y, k: v}) for k, values in (
            ("chamber", pages.CHAMBERS), ("party", state.parties), ("committees", state.sets)) for v in values]
        rest = [f"/?year={x}" for x in state.years if x != y]
        # the default overview's figures link to the trades behind them (see _links)
        ov = overview_doc(year=None, universe=DEFAULT_UNIVERSE, chamber=None, party=None, committees=None,
                          all_assets=False)
        links = _links(DEFAULT_UNIVERSE, y)["amount_max_usd"]
        rest += [u for sec in ov.sections if sec.key in ("members", "by_company", "by_party", "by_chamber",
                                                          "by_committee")
                 for r in sec.rows if (u := links(r))]
        rest += [f"/member/{m}" for m in members]
        rest += [u for c in companies for u in (f"/company/{c}", f"/company/{c}?year={y}")]
        rest += [f"/vote/{v}" for v in votes]
        rest += [f"/trades?year={y}&chamber={c}" for c in pages.CHAMBERS]
        both = []
        for u in first + rest:
            both.append(u)
            if u == "/api":
                continue
            api = "/api/overview" + u[1:] if u.startswith("/?") or u == "/" else "/api" + u
            both.append(api)
        return both

    def _warm() -> None:
        t = time.monotonic()
        progress["warm"] = "warming"

        async def go() -> None:
            for url in warm_urls():
                try:
                    await _get(app, url)
                except Exception:  # a page that fails is computed (and fails) when asked, as before
                    log.exception("warming %s", url)
                progress["warmed"] += 1

        try:
            asyncio.run(go())
        finally:
            progress["warm"], progress["seconds"] = "done", round(time.monotonic() - t, 1)

    return app
