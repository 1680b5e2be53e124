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
import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

import duckdb
from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import Markup

from warstock.analysis import browse, context, defense
from warstock.report import html, pages, views
from warstock.report.export import section_csv, section_parquet
from warstock.report.tables import Doc, Section, to_csv, to_json
from warstock.settings import DEFAULT_UNIVERSE

DEFAULT_YEAR = 2025
CACHE_SIZE = 2048  # Docs remembered per view
RESPONSE_MAX, RESPONSE_COUNT = 4_000_000, 4096  # whole answers remembered (bytes each, how many)
Fmt = Literal["json", "csv", "parquet"]

YearQ = Annotated[int | None, Query(ge=1990, le=2100, description="Calendar year of the trades.")]
UniverseQ = Annotated[str, Query(max_length=100, description="Universe edition (see /api/universes).")]
ChamberQ = Annotated[str | None, Query(pattern="^(house|senate)?$", description="Only this chamber: house or "
                                                                                 "senate (empty: both).")]
PartyQ = Annotated[str | None, Query(max_length=40, description="Only this party (Democrat, Republican, ...).")]
CommitteesQ = Annotated[str | None, Query(max_length=40, description="Only trades made while the member sat on a "
                                                                     "committee of this set (e.g. defense).")]
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
        self._coverage: dict[int, tuple[list[str], str | None]] = {}
        with self.cursor() as cur:
            self.years = browse.years(cur) or [DEFAULT_YEAR]
            self.parties = browse.parties(cur)
            self.sets = context.committee_sets(cur)
            self.universes = [u["universe_id"] for u in defense.universes(cur)]

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self.lock:  # making a cursor touches the shared connection
            cur = self.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def coverage(self, year: int) -> tuple[list[str], str | None]:
        if year not in self._coverage:
            with self.cursor() as cur:
                lines, warning, _ = pages.coverage(cur, year)
            self._coverage[year] = (lines, warning)
        return self._coverage[year]

    @property
    def default_year(self) -> int:
        return DEFAULT_YEAR if DEFAULT_YEAR in self.years else self.years[0]


def cached(fn: Callable[..., Doc]) -> Callable[..., Doc]:
    """Remember a view's Doc per parameters: the warehouse does not change while serving
    (a bad parameter raises and is not remembered)."""
    memo: dict[tuple[Any, ...], Doc] = {}
    lock = threading.Lock()

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Doc:
        key = (args, tuple(sorted(kwargs.items())))
        if key not in memo:
            doc = fn(*args, **kwargs)
            with lock:
                if len(memo) >= CACHE_SIZE:
                    memo.pop(next(iter(memo)))
                memo[key] = doc
        return memo[key]

    return wrapper


def _query(**params: Any) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "", False)}
    return urlencode(kept)


def create_app(con: duckdb.DuckDBPyConnection, note: str = "") -> FastAPI:
    """The app over an open, read-only warehouse connection."""
    state = State(con, note)
    app = FastAPI(title="warstock", version="1", docs_url=None, redoc_url=None,
                  description="Congressional stock trading in defense contractors, from the official disclosures. "
                              "Every trade row carries its filing's doc_id, page, row_number and official source_url.")
    app.state.warstock = state

    # --- answers are remembered whole: the warehouse does not change while serving -----------

    responses: dict[str, tuple[int, bytes, list[tuple[bytes, bytes]]]] = {}

    @app.middleware("http")
    async def remember(request: Request, call_next: Callable[[Request], Any]) -> Response:
        key = str(request.url.path) + "?" + str(request.url.query)
        if request.method != "GET":
            return await call_next(request)
        hit = responses.get(key)
        if hit is not None:
            return Response(hit[1], status_code=hit[0], headers={k.decode(): v.decode() for k, v in hit[2]})
        response = await call_next(request)
        if response.status_code != 200:
            return response
        body = b"".join([chunk async for chunk in response.body_iterator])
        headers = [(k, v) for k, v in response.raw_headers if k.lower() != b"content-length"]
        if len(body) < RESPONSE_MAX and len(responses) < RESPONSE_COUNT:
            responses[key] = (response.status_code, body, headers)
        return Response(body, status_code=response.status_code, headers={k.decode(): v.decode() for k, v in headers})

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
        def member(r: dict[str, Any]) -> str | None:
            b = r.get("member_id_bioguide")
            return f"/member/{b}?{_query(universe=universe)}" if b else None

        def company(r: dict[str, Any]) -> str | None:
            i = r.get("issuer_id")
            return f"/company/{i}?{_query(universe=universe, year=year)}" if i else None

        def money(r: dict[str, Any]) -> str | None:
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
            return None

        return {"member_name": member, "issuer_name": company, "ticker": company, "amount_max_usd": money,
                "vote_id": lambda r: f"/vote/{r['vote_id']}?{_query(universe=universe)}" if r.get("vote_id") else None}

    def _downloads(api_path: str, request: Request) -> Callable[[Section], list[tuple[str, str]]]:
        params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("format", "section")]

        def make(s: Section) -> list[tuple[str, str]]:
            if not s.rows:
                return []
            return [(fmt.upper(), f"{api_path}?{urlencode([*params, ('format', fmt), ('section', s.key)])}")
                    for fmt in ("csv", "parquet")] + [("JSON", f"{api_path}?{urlencode(params)}")]

        return make

    def _html(request: Request, doc: Doc, api_path: str, year: int | None, universe: str, *,
              bars: tuple[str, ...] = ("members",), charts: dict[str, Markup] | None = None,
              before: Markup = html.NOTHING, q: str = "") -> HTMLResponse:
        body = before + html.doc_body(doc, _links(universe, year), bars, _downloads(api_path, request), charts)
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
                              all_assets=all_assets)
            return pages.overview(cur, f, state.note)

    @cached
    def trades_doc(year: YearQ = None, universe: UniverseQ = DEFAULT_UNIVERSE, chamber: ChamberQ = None,
                   party: PartyQ = None, committees: CommitteesQ = None, all_assets: AllAssetsQ = False,
                   member: Annotated[str | None, Query(max_length=20, description="Bioguide id.")] = None,
                   issuer: Annotated[str | None, Query(max_length=40, description="Company id.")] = None) -> Doc:
        with state.cursor() as cur:
            f = pages.filters(cur, year, universe, chamber, party, committees, member, issuer, all_assets)
            return pages.trades(cur, f, state.note)

    @cached
    def member_doc(bioguide: IdPath, universe: UniverseQ = DEFAULT_UNIVERSE, window: WindowQ = 30) -> Doc:
        with state.cursor() as cur:
            return views.member(cur, bioguide, universe, window, state.note)

    @cached
    def company_doc(issuer_id: IdPath, year: YearQ = None, universe: UniverseQ = DEFAULT_UNIVERSE,
                    chamber: ChamberQ = None, party: PartyQ = None, committees: CommitteesQ = None,
                    all_assets: AllAssetsQ = False) -> Doc:
        with state.cursor() as cur:
            f = pages.filters(cur, year, universe, chamber, party, committees, all_assets=all_assets)
            return pages.company(cur, issuer_id, f, state.note)

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
            return pages.search(cur, q, state.note)

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
        def endpoint(doc: Annotated[Doc, Depends(view)], fmt: FormatQ = "json", section: SectionQ = None) -> Response:
            return _data(doc, fmt, section, name)

        endpoint.__name__ = f"api_{name}"
        return endpoint

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

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview_page(request: Request, doc: Annotated[Doc, Depends(overview_doc)], year: YearQ = None,
                      universe: UniverseQ = DEFAULT_UNIVERSE, chamber: ChamberQ = None, party: PartyQ = None,
                      committees: CommitteesQ = None) -> HTMLResponse:
        y = year or state.default_year
        month = next(s for s in doc.sections if s.key == "by_month")
        charts = {"by_month": html.column_chart(month.rows, "month", f"Universe trades by month, {y}")}
        form = _filters_form("/", y, universe, chamber, party, committees)
        return _html(request, doc, "/api/overview", y, universe, bars=("members", "by_company"), charts=charts,
                     before=form)

    @app.get("/trades", response_class=HTMLResponse, include_in_schema=False)
    def trades_page(request: Request, doc: Annotated[Doc, Depends(trades_doc)], year: YearQ = None,
                    universe: UniverseQ = DEFAULT_UNIVERSE, chamber: ChamberQ = None, party: PartyQ = None,
                    committees: CommitteesQ = None) -> HTMLResponse:
        form = _filters_form("/trades", year, universe, chamber, party, committees, all_years=True)
        hidden = Markup("").join(Markup('<input type="hidden" name="{}" value="{}">').format(k, v)
                                 for k, v in request.query_params.items() if k in ("member", "issuer"))
        form = Markup(str(form).replace('<button', str(hidden) + '<button', 1))
        return _html(request, doc, "/api/trades", year, universe, before=form)

    @app.get("/member/{bioguide}", response_class=HTMLResponse, include_in_schema=False)
    def member_page(request: Request, bioguide: IdPath, doc: Annotated[Doc, Depends(member_doc)],
                    universe: UniverseQ = DEFAULT_UNIVERSE) -> HTMLResponse:
        seats = next(s for s in doc.sections if s.key == "committees")
        return _html(request, doc, f"/api/member/{bioguide}", None, universe, bars=(),
                     charts={"committees": html.seat_timeline(seats.rows)})

    @app.get("/company/{issuer_id}", response_class=HTMLResponse, include_in_schema=False)
    def company_page(request: Request, issuer_id: IdPath, doc: Annotated[Doc, Depends(company_doc)],
                     year: YearQ = None, universe: UniverseQ = DEFAULT_UNIVERSE, chamber: ChamberQ = None,
                     party: PartyQ = None, committees: CommitteesQ = None) -> HTMLResponse:
        form = _filters_form(f"/company/{issuer_id}", year, universe, chamber, party, committees, all_years=True)
        return _html(request, doc, f"/api/company/{issuer_id}", year, universe, before=form)

    @app.get("/vote/{vote_id}", response_class=HTMLResponse, include_in_schema=False)
    def vote_page(request: Request, vote_id: IdPath, doc: Annotated[Doc, Depends(vote_doc)],
                  universe: UniverseQ = DEFAULT_UNIVERSE, window: WindowQ = 30) -> HTMLResponse:
        form = Markup('<form class="filters" method="get" action="/vote/{}" aria-label="Window">'
                      '<label for="f-window">Days around the vote<input id="f-window" name="window" type="number" '
                      'min="0" max="{}" value="{}"></label>{}<button type="submit">Apply</button></form>').format(
            vote_id, pages.WINDOW_MAX, window, _select("universe", "Universe edition",
                                                       [(u, u) for u in state.universes], universe))
        vote_date = doc.data["vote"].get("vote_date")
        return _html(request, doc, f"/api/vote/{vote_id}", getattr(vote_date, "year", None), universe, before=form)

    @app.get("/votes", response_class=HTMLResponse, include_in_schema=False)
    def votes_page(request: Request, doc: Annotated[Doc, Depends(votes_doc)]) -> HTMLResponse:
        return _html(request, doc, "/api/votes", None, DEFAULT_UNIVERSE)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: Annotated[str, Query(max_length=100)] = "") -> HTMLResponse:
        if not q.strip():
            body = Markup("<h1>Search</h1><p>Type a member's name or bioguide id, a company's name or a ticker in "
                          "the search box above.</p>")
            return HTMLResponse(_layout("Search", body, None, None))
        return _html(request, search_doc(q), "/api/search", None, DEFAULT_UNIVERSE, q=q)

    @app.get("/conflicts", response_class=HTMLResponse, include_in_schema=False)
    def conflicts_page(request: Request, doc: Annotated[Doc, Depends(conflicts_doc)], year: YearQ = None,
                       universe: UniverseQ = DEFAULT_UNIVERSE) -> HTMLResponse:
        return _html(request, doc, "/api/conflicts", year or state.default_year, universe, bars=())

    @app.get("/late", response_class=HTMLResponse, include_in_schema=False)
    def late_page(request: Request, doc: Annotated[Doc, Depends(late_doc)], year: YearQ = None) -> HTMLResponse:
        return _html(request, doc, "/api/late", year or state.default_year, DEFAULT_UNIVERSE, bars=("members",))

    @app.get("/coverage", response_class=HTMLResponse, include_in_schema=False)
    def coverage_page(request: Request, doc: Annotated[Doc, Depends(coverage_doc)],
                      year: YearQ = None) -> HTMLResponse:
        return _html(request, doc, "/api/coverage", year or state.default_year, DEFAULT_UNIVERSE, bars=())

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_page() -> HTMLResponse:
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

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
