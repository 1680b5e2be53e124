"""The dashboard and JSON API, offline (FastAPI's TestClient), on the synthetic warehouse whose
trades are worked out by hand in tests/synthetic.py."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from synthetic import EXPECTED
from warstock.report import html
from warstock.report.tables import Col, Section
from warstock.warehouse import db
from warstock.web.data import in_memory_copy

TOTAL_MIN = sum(v["amount_min_usd"] for v in EXPECTED.values())
TOTAL_MAX = sum(v["amount_max_usd"] for v in EXPECTED.values())


def test_overview_ranks_members_with_range_bars_and_states_coverage(client: TestClient) -> None:
    r = client.get("/?year=2025")
    assert r.status_code == 200
    page = r.text
    # ranked by the high end of the range: Roe ($50M open-ended) > Doe ($515K) > Sterling ($100K)
    order = [page.index(name) for name in ("Richard Roe", "Jane Q. Doe", "Sam Sterling")]
    assert order == sorted(order)
    # a range bar per member (3) and per company (LMT, NOC, BA, PLTR, GD)
    assert page.count('aria-label="range ') == 3 + 5
    # the year's coverage and universe edition at the top, before the first table
    assert page.index("8 PTRs in the Clerk&#39;s index") < page.index("<table")
    assert "Universe edition: <strong>warstock-defense-2025.1</strong>" in page
    assert 'aria-label="Universe trades by month, 2025"' in page  # the time chart


def test_overview_json_totals_match_the_hand_count(client: TestClient) -> None:
    data = client.get("/api/overview", params={"year": 2025}).json()
    assert data["totals"]["trades"] == sum(v["trades"] for v in EXPECTED.values())
    assert (data["totals"]["amount_min_usd"], data["totals"]["amount_max_usd"]) == (TOTAL_MIN, TOTAL_MAX)
    got = {m["member_id_bioguide"]: (m["trades"], m["amount_min_usd"], m["amount_max_usd"]) for m in data["members"]}
    assert got == {k: (v["trades"], v["amount_min_usd"], v["amount_max_usd"]) for k, v in EXPECTED.items()}
    months = {m["month"]: m["trades"] for m in data["by_month"]}
    # Doe LMT 01-10, NOC 01-15; Roe LMT 01-02, BA 02-02, PLTR 05-20; Sterling GD 02-10
    assert months == {"2025-01": 3, "2025-02": 2, "2025-05": 1}
    assert {p["party"]: p["trades"] for p in data["by_party"]} == {"Democrat": 2, "Republican": 4}
    assert {c["chamber"]: c["trades"] for c in data["by_chamber"]} == {"house": 5, "senate": 1}


@pytest.mark.parametrize(("params", "members"), [
    ({"chamber": "senate"}, {"S000003": 1}),
    ({"party": "Democrat"}, {"D000001": 2}),
    # seat on the trade date: Doe on HSAS from the 2025-01-05 roster until the 2025-01-12 one
    # (LMT on 01-10 counts, NOC on 01-15 does not); Roe on HSAS from 2025-01-12 (BA 02-02 and
    # PLTR 05-20 count, LMT 01-02 does not); Roe's HSFA seat from 01-05 adds nothing earlier
    ({"committees": "defense"}, {"D000001": 1, "R000002": 2}),
])
def test_overview_filters(client: TestClient, params: dict[str, str], members: dict[str, int]) -> None:
    data = client.get("/api/overview", params={"year": 2025, **params}).json()
    assert {m["member_id_bioguide"]: m["trades"] for m in data["members"]} == members


def test_every_trade_leads_to_its_filing(client: TestClient) -> None:
    trades = client.get("/api/trades", params={"year": 2025}).json()["trades"]
    assert len(trades) == 6
    for t in trades:
        assert t["doc_id"] and t["row_number"] and t["source_url"].startswith("https://"), t
    # the page links the filing's official URL and says which row
    page = client.get("/trades", params={"year": 2025, "member": "D000001"}).text
    doe = [t for t in trades if t["member_id_bioguide"] == "D000001"]
    for t in doe:
        assert f'href="{t["source_url"]}"' in page
    assert re.search(r'<span class="prov">(p\. \d+, )?row \d+</span>', page)
    # an aggregate figure is one click from the trades behind it
    overview = client.get("/?year=2025").text
    assert "/trades?universe=warstock-defense-2025.1&amp;year=2025&amp;member=D000001" in overview


def test_member_page(client: TestClient) -> None:
    page = client.get("/member/D000001").text
    assert "Jane Q. Doe" in page and "HSAS" in page and "Committee seats over time" in page
    assert 'href="/vote/h7-119.2025' in page  # key votes link to the vote page
    assert "ids: bioguide D000001" in page
    data = client.get("/api/member/D000001").json()
    assert [(v["vote_id"], v["position"]) for v in data["key_votes"]] == [("h7-119.2025", "yea")]


def test_company_page(client: TestClient) -> None:
    data = client.get("/api/company/lmt", params={"year": 2025}).json()
    assert {m["member_id_bioguide"] for m in data["members"]} == {"D000001", "R000002"}
    assert data["editions"] and all(e["universe_id"] for e in data["editions"])
    # Doe traded LMT on 01-10 while on HSAS; Roe traded LMT on 01-02, before any seat
    assert [(s["member_id_bioguide"], s["committee_code"]) for s in data["seats"]] == [("D000001", "HSAS")]
    page = client.get("/company/lmt").text
    assert "Universe editions" in page and "Lockheed" in page


def test_vote_page(client: TestClient) -> None:
    data = client.get("/api/vote/h7-119.2025").json()
    recomputed = data["tally"][0]
    assert (recomputed["yea"], recomputed["nay"]) == (1, 2)  # Doe yea; Roe and an unknown member nay
    positions = {m["member_id_bioguide"]: (m["position"], m["trades"]) for m in data["members"]}
    # within 30 days of 2025-01-09, in any year: Doe GD 2024-12-30, LMT 01-10, NOC 01-15;
    # Roe LMT 01-02, BA 02-02 (his PLTR of 05-20 is too far)
    assert positions == {"D000001": ("yea", 3), "R000002": ("nay", 2)}
    narrow = client.get("/api/vote/h7-119.2025", params={"window": 5}).json()
    assert {(t["member_id_bioguide"], t["ticker"]) for t in narrow["trades"]} == {("D000001", "LMT")}
    assert "Tally check" in client.get("/vote/h7-119.2025").text


def test_search(client: TestClient) -> None:
    assert [m["member_id_bioguide"] for m in client.get("/api/search", params={"q": "doe"}).json()["members"]] \
        == ["D000001"]
    companies = client.get("/api/search", params={"q": "LMT"}).json()["companies"]
    assert [c["issuer_id"] for c in companies][:1] == ["lmt"]
    page = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize(("url", "status", "says"), [
    ("/?year=abc", 422, "year"),
    ("/?year=99999", 422, "year"),
    ("/?chamber=both", 422, "chamber"),
    ("/api/overview?party=Green", 400, "known: Democrat, Republican"),
    ("/api/overview?universe=nope", 400, "unknown universe"),
    ("/api/overview?committees=nope", 400, "unknown committee set"),
    ("/member/NOBODY", 400, "No member matches"),
    ("/api/vote/h1-1.1999", 400, "not in the key-vote catalog"),
    ("/api/company/zzz", 400, "no company"),
    ("/api/overview?format=parquet", 400, "section="),
    ("/api/overview?format=csv&section=bogus", 400, "sections: members"),
    ("/api/trades?member=X000000", 400, "no member"),
    ("/api/vote/h7-119.2025?window=-1", 422, "window"),
    ("/api/search?q=", 400, "search needs a word"),
    ("/api/member/a%20b", 422, "bioguide"),
])
def test_bad_parameters_are_4xx_with_a_message(client: TestClient, url: str, status: int, says: str) -> None:
    r = client.get(url)
    assert r.status_code == status, (url, r.text[:300])
    assert says in r.text


def test_downloads_csv_and_parquet(client: TestClient) -> None:
    r = client.get("/api/overview", params={"year": 2025, "format": "csv", "section": "members"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    got = list(csv.DictReader(io.StringIO(r.text)))
    assert {row["member_id_bioguide"]: int(row["amount_min_usd"]) for row in got} == {
        k: v["amount_min_usd"] for k, v in EXPECTED.items()}
    p = client.get("/api/trades", params={"year": 2025, "format": "parquet", "section": "trades"})
    table = pq.read_table(io.BytesIO(p.content))
    assert table.num_rows == 6 and {"source_url", "doc_id", "row_number"} <= set(table.column_names)
    # every shown table offers its downloads
    page = client.get("/?year=2025").text
    assert "/api/overview?year=2025&amp;format=parquet&amp;section=by_company" in page


def test_openapi_and_no_cdn(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/overview", "/api/member/{bioguide}", "/api/company/{issuer_id}", "/api/vote/{vote_id}",
            "/api/search", "/api/trades", "/mcp"} <= set(spec["paths"])
    assert spec["paths"]["/mcp"]["post"]["requestBody"]["content"]["application/json"]["schema"]["required"] \
        == ["jsonrpc", "method"]
    assert client.get("/docs").status_code == 404  # FastAPI's docs page loads scripts from a CDN
    for url in ("/", "/member/D000001", "/company/lmt", "/vote/h7-119.2025", "/search?q=doe", "/api", "/votes"):
        page = client.get(url).text
        assert not re.search(r'(src|href)="(https?:)?//[^"]*\.(js|css|woff2?)', page), url
        assert "<script" not in page and '<link rel="stylesheet" href="/static/warstock.css">' in page
    assert client.get("/static/warstock.css").headers["content-type"].startswith("text/css")


def test_the_server_cannot_write_to_the_warehouse(home: Path, client: TestClient) -> None:
    path = home / "warstock.duckdb"
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    for url in ("/?year=2025", "/member/D000001", "/api/trades?format=parquet&section=trades"):
        assert client.get(url).status_code == 200
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    src = db.connect(path, read_only=True)
    with pytest.raises(duckdb.Error):
        src.execute("CREATE TABLE x (a INTEGER)")
    copy = in_memory_copy(src)
    src.close()
    with pytest.raises(duckdb.Error):  # no file access from SQL at all
        copy.execute(f"COPY (SELECT 1) TO '{home / 'x.csv'}'")
    with pytest.raises(duckdb.Error):
        copy.execute("SET enable_external_access = true")


def test_html_escapes_document_text_and_drops_unsafe_links() -> None:
    s = Section("t", "T", [Col("asset_name", "Asset"), Col("doc_id", "Filing")], [
        {"asset_name": "<img src=x onerror=alert(1)>", "doc_id": '"><b>x</b>', "row_number": 3, "page": 1,
         "source_url": "javascript:alert(1)"}])
    out = str(html.table(s, {"asset_name": lambda r: "//evil.example/x"}))
    assert "<img" not in out and "<b>" not in out and "javascript:" not in out and "evil.example" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out and "p. 1, row 3" in out


def test_report_html_is_self_contained(home: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from warstock.cli import app

    out = tmp_path / "report.html"
    r = CliRunner().invoke(app, ["report", "--year", "2025", "--html", str(out), "--home", str(home)])
    assert r.exit_code == 0, r.output
    page = out.read_text()
    assert "<svg" in page and "Methodology" in page and "@media print" in page
    assert "8 PTRs in the Clerk&#39;s index" in page and "Jane Q. Doe" in page
    assert "<script" not in page and "<link" not in page and 'src="' not in page  # nothing to fetch


def test_export_writes_every_core_and_out_table(home: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from warstock.cli import app

    r = CliRunner().invoke(app, ["export", "--format", "parquet", str(tmp_path / "x"), "--home", str(home)])
    assert r.exit_code == 0, r.output
    names = {p.stem for p in (tmp_path / "x").glob("*.parquet")}
    assert {"core_transactions", "core_members", "out_universe__trades", "out_coverage",
            "out_holdings__series"} <= names
    assert not any(n.startswith("raw_") for n in names)
    con = db.connect(home / "warstock.duckdb", read_only=True)
    n = con.execute("SELECT count(*) FROM out_universe__trades").fetchone()
    con.close()
    assert n is not None and pq.read_table(tmp_path / "x" / "out_universe__trades.parquet").num_rows == n[0]
    r = CliRunner().invoke(app, ["export", "--format", "csv", str(tmp_path / "c"), "--home", str(home)])
    assert r.exit_code == 0 and (tmp_path / "c" / "core_members.csv").read_text().startswith("member_id_bioguide")
    bad = CliRunner().invoke(app, ["export", "--format", "xml", str(tmp_path / "d"), "--home", str(home)])
    assert bad.exit_code == 2 and "known: parquet, csv" in bad.output


def test_json_is_the_same_data_as_the_page(client: TestClient) -> None:
    data = client.get("/api/member/R000002").json()
    page = client.get("/member/R000002").text
    for t in data["universe_trades"]:
        assert json.dumps(t["doc_id"]).strip('"') in page


def test_response_cache_keys_on_validated_parameters_and_is_capped_by_bytes(home: Path) -> None:
    from warstock.web.app import create_app

    src = db.connect(home / "warstock.duckdb", read_only=True)
    copy = in_memory_copy(src)
    src.close()
    app = create_app(copy, "note", warm=False)
    cache = app.state.responses
    with TestClient(app) as c:
        first = c.get("/?year=2025")
        assert first.status_code == 200 and len(cache) == 1
        # junk parameters (or the same value spelt otherwise) add nothing and reach no link
        for i in range(50):
            r = c.get("/", params={"year": "02025" if i % 2 else "2025", f"junk{i}": "x" * 500})
            assert r.status_code == 200 and "junk" not in r.text
            assert r.content == first.content
        assert len(cache) == 1
        assert c.get("/api/overview", params={"year": 2025, "zzz": 1}).json() == \
            c.get("/api/overview", params={"year": 2025}).json()
        assert len(cache) == 2
        # another validated value is another answer
        assert c.get("/", params={"year": 2025, "chamber": "senate"}).content != first.content
        assert len(cache) == 3
        # an error is not remembered
        assert c.get("/api/overview", params={"party": "Green"}).status_code == 400
        assert len(cache) == 3
        # capped by total bytes, least recently used out first
        cache.max_bytes = cache.bytes + 10
        c.get("/?year=2025")  # now the most recently used
        c.get("/votes")
        assert cache.bytes <= cache.max_bytes
        assert len(cache) <= 2 and cache.get((date.today(), "votes_page")) is not None  # keys begin with the day
        # a repeated raw URL is answered from memory, the same bytes
        again = c.get("/votes")
        assert again.status_code == 200 and again.headers["content-type"].startswith("text/html")


def test_warming_fills_the_cache_with_the_same_answers(home: Path, client: TestClient) -> None:
    import time

    from warstock.web.app import create_app

    src = db.connect(home / "warstock.duckdb", read_only=True)
    copy = in_memory_copy(src)
    src.close()
    app = create_app(copy, "Source: synthetic test warehouse", warm=True)
    with TestClient(app) as c:
        deadline = time.monotonic() + 60
        while c.get("/healthz").json()["warm"] != "done" and time.monotonic() < deadline:
            time.sleep(0.1)
        health = c.get("/healthz").json()
        assert health["warm"] == "done" and health["remembered"] > 10, health
        for url in ("/", "/api/overview", "/member/D000001", "/api/member/D000001", "/company/lmt", "/conflicts",
                    "/api/conflicts", "/vote/h7-119.2025"):
            assert c.get(url).content == client.get(url).content, url


def _same_order(data: dict[str, Any]) -> dict[str, Any]:
    """A conflict row's committees are joined in no fixed order (string_agg in the view)."""
    for r in data.get("committee_conflicts", []):
        r["committees"] = "; ".join(sorted(r["committees"].split("; "))) if r.get("committees") else r.get("committees")
    return data


def test_page_and_api_figures_equal_the_cli_views(home: Path, client: TestClient) -> None:
    """The numbers served are those of report/views.py and report/pages.py (what the CLI prints)."""
    from warstock.report import pages, views
    from warstock.report.tables import to_json
    from warstock.settings import DEFAULT_UNIVERSE

    con = db.connect(home / "warstock.duckdb", read_only=True)
    try:
        expected = {
            "/api/member/D000001": views.member(con, "D000001", DEFAULT_UNIVERSE, 30, "Source: synthetic test "
                                                "warehouse"),
            "/api/conflicts?year=2025": views.conflicts(con, 2025, DEFAULT_UNIVERSE, "defense", 30,
                                                        "Source: synthetic test warehouse"),
            "/api/overview?year=2025": pages.overview(con, pages.filters(con, 2025, DEFAULT_UNIVERSE),
                                                      "Source: synthetic test warehouse"),
            "/api/company/lmt?year=2025": pages.company(con, "lmt", pages.filters(con, 2025, DEFAULT_UNIVERSE),
                                                        "Source: synthetic test warehouse"),
        }
        for url, doc in expected.items():
            assert _same_order(client.get(url).json()) == _same_order(json.loads(to_json(doc))), url
    finally:
        con.close()
    # and the page shows the API's totals
    data = client.get("/api/overview", params={"year": 2025}).json()
    page = client.get("/", params={"year": 2025}).text
    for m in data["members"]:
        assert f'{m["trades"]}</td>' in page


def test_a_member_page_with_another_window_reuses_the_rest_of_the_profile(home: Path, client: TestClient) -> None:
    """The server keeps a member's window-free profile: pages for other vote windows ask only
    for the trades near votes, and say what the CLI view says for that window."""
    from warstock.report import views
    from warstock.report.tables import to_json
    from warstock.settings import DEFAULT_UNIVERSE

    state = client.app.state.warstock  # type: ignore[attr-defined]
    con = db.connect(home / "warstock.duckdb", read_only=True)
    try:
        for window in (0, 7, 30, 3650):
            got = client.get("/api/member/D000001", params={"window": window}).json()
            want = json.loads(to_json(views.member(con, "D000001", DEFAULT_UNIVERSE, window,
                                                   "Source: synthetic test warehouse")))
            assert _same_order(got) == _same_order(want), window
    finally:
        con.close()
    assert [k for k in state._fixed if k[0] == "D000001"] == [("D000001", DEFAULT_UNIVERSE)]  # one profile, kept
    assert len(client.get("/api/member/D000001", params={"window": 3650}).json()["vote_conflicts"]) >= \
        len(client.get("/api/member/D000001", params={"window": 0}).json()["vote_conflicts"])


def test_large_tables_are_cut_on_pages_not_in_downloads() -> None:
    rows = [{"member_name": f"m{i}", "trades": i} for i in range(250)]
    s = Section("members", "Members", [Col("member_name", "Member"), Col("trades", "Trades")], rows)
    out = str(html.table(s, downloads=[("CSV", "/api/x?format=csv")], row_limit=200))
    assert out.count("<tr>") == 201 and "m199" in out and "m200" not in out
    assert "… and 50 more (all 250 in the downloads above)." in out


def test_overview_totals_by_committee_lead_to_their_trades(client: TestClient) -> None:
    # seat on the trade date (see tests/synthetic.py ROSTERS): HSAS holds Doe's LMT of 01-10
    # (her seat ends with the 01-12 roster) and Roe's BA of 02-02 and PLTR of 05-20 (seated from
    # 01-12); HSFA holds Roe's BA and PLTR (seated from 01-05; his LMT of 01-02 is earlier).
    # Sterling (senate) sits on nothing.
    data = client.get("/api/overview", params={"year": 2025}).json()
    got = {c["committee_code"]: (c["trades"], c["members"]) for c in data["by_committee"]}
    assert got == {"HSAS": (3, 2), "HSFA": (2, 1)}
    for row in data["by_committee"]:
        trades = client.get("/api/trades", params={"year": 2025, "committee": row["committee_code"]}).json()["trades"]
        assert len(trades) == row["trades"]
        assert sum(t["amount_min_usd"] for t in trades) == row["amount_min_usd"]
        assert sum(t["amount_max_usd"] or t["amount_min_usd"] for t in trades) == row["amount_max_usd"]
    hsas = client.get("/api/trades", params={"year": 2025, "committee": "HSAS"}).json()["trades"]
    assert sorted((t["member_id_bioguide"], t["ticker"]) for t in hsas) == [
        ("D000001", "LMT"), ("R000002", "BA"), ("R000002", "PLTR")]
    page = client.get("/?year=2025").text
    assert "By committee (seat on the trade date)" in page
    assert "/trades?universe=warstock-defense-2025.1&amp;year=2025&amp;committee=HSAS" in page
    bad = client.get("/api/trades", params={"committee": "ZZZZ"})
    assert bad.status_code == 400 and "no seat on a committee with code 'ZZZZ'" in bad.text
    assert client.get("/api/trades", params={"committee": "HS AS"}).status_code == 422


def test_company_page_says_who_holds_it(client: TestClient) -> None:
    # the synthetic warehouse has no annual report: positions rest on trades only. Doe bought
    # LMT stock (2025-01-10) and Roe LMT options (01-02); neither sold (tests/synthetic.py)
    data = client.get("/api/company/lmt").json()
    held = {(h["member_id_bioguide"], h["status"], h["basis"]) for h in data["holders"]}
    trades = client.get("/api/trades", params={"issuer": "lmt"}).json()["trades"]
    buyers = {t["member_id_bioguide"] for t in trades if t["transaction_type"] == "purchase"}
    assert buyers and {b for b, _, _ in held} == buyers
    assert all(basis == "trades_only" for _, _, basis in held)
    assert all(h["source_url"].startswith("https://") for h in data["holders"])
    # NOC: Doe bought it (01-15, amended), nobody else traded it
    assert {h["member_id_bioguide"] for h in client.get("/api/company/noc").json()["holders"]} == {"D000001"}
    page = client.get("/company/lmt").text
    assert "Members who hold it, or held it" in page
    # the position's document is one click away
    assert f'<a href="{data["holders"][0]["source_url"]}">trades only' in page


def _form_fields(page: str) -> tuple[str, list[tuple[str, str]]]:
    """The filter form of a page: its action and the values it would submit as it stands."""
    from html.parser import HTMLParser

    class Form(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.action, self.fields, self.select, self.inside = "", [], None, False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if tag == "form" and "filters" in (a.get("class") or ""):
                self.inside, self.action = True, a.get("action") or ""
            elif self.inside and tag == "select":
                self.select = a["name"]
            elif self.inside and tag == "option" and "selected" in a:
                self.fields.append((self.select, a["value"]))
            elif self.inside and tag == "input":
                self.fields.append((a["name"], a.get("value") or ""))

        def handle_endtag(self, tag: str) -> None:
            if tag == "form":
                self.inside = False

    f = Form()
    f.feed(page)
    return f.action, f.fields


@pytest.mark.parametrize(("url", "expect"), [
    ("/conflicts?year=2025&window=10", {"year": "2025", "committees": "defense", "window": "10",
                                        "universe": "warstock-defense-2025.1"}),
    ("/late?year=2025", {"year": "2025"}),
    ("/coverage?year=2024", {"year": "2024"}),
    ("/member/D000001?window=5", {"universe": "warstock-defense-2025.1", "window": "5"}),
])
def test_each_page_has_a_filter_form_that_keeps_its_url(client: TestClient, url: str, expect: dict[str, str]) -> None:
    page = client.get(url)
    assert page.status_code == 200
    action, fields = _form_fields(page.text)
    assert action == url.split("?")[0] and dict(fields) == expect
    # submitting the form as shown gives the same page: the filters live in the URL
    again = client.get(action, params=fields)
    assert again.status_code == 200 and again.text == page.text


def test_holdings_kept_by_the_server_are_each_members_own(home: Path) -> None:
    from warstock.analysis.holdings import net_worth, positions
    from warstock.report.views import Holdings

    con = db.connect(home / "warstock.duckdb", read_only=True)
    try:
        kept = Holdings(con)
        assert kept.positions  # positions inferred from the synthetic trades
        members = [r[0] for r in con.execute("SELECT member_id_bioguide FROM core_members").fetchall()]
        for m in members:
            assert [p.as_row() for p in kept.positions.get(m, [])] == \
                [p.as_row() for p in positions(con, kept.day, m)], m
            assert kept.net_worth.get(m, []) == net_worth(con, m), m
    finally:
        con.close()


def test_a_vote_page_says_what_its_bill_funds_and_marks_each_trade(client: TestClient) -> None:
    # h7-119.2025 is the ICC sanctions bill in the key-vote catalog: it funds no company, so
    # Doe's Lockheed trade beside it is a trade near a vote, not a trade in a company it funds
    data = client.get("/api/vote/h7-119.2025", params={"window": 30}).json()
    assert any("What the bill funds: sanctions: funds no company" in n for n in data["notes"])
    assert data["trades"] and all(t["bill_funds_company"] is False for t in data["trades"])
    assert all(m["funded_trades"] == 0 for m in data["members"])
    page = client.get("/vote/h7-119.2025").text
    assert "Bill funds it" in page and "funds no company" in page
    member = client.get("/api/member/D000001").json()
    assert member["vote_conflicts"] and all(r["bill_funds_company"] is False for r in member["vote_conflicts"])
    assert "0 trade-vote pairs in a company the vote" in client.get("/member/D000001").text


def test_company_holders_follow_the_year_and_chamber_filters(client: TestClient) -> None:
    # Doe (House) and Roe (House) bought Lockheed in January 2025: held at the end of 2025, by
    # their trades; none held at the end of 2024; no senator holds it
    held = client.get("/api/company/lmt", params={"year": 2025}).json()["holders"]
    assert held and {r["as_of"] for r in held} == {"2025-12-31"}
    assert {"D000001", "R000002"} <= {r["member_id_bioguide"] for r in held}
    assert client.get("/api/company/lmt", params={"year": 2024}).json()["holders"] == []
    assert client.get("/api/company/lmt", params={"year": 2025, "chamber": "senate"}).json()["holders"] == []
    assert client.get("/api/company/lmt", params={"year": 2025, "party": "Republican"}).json()["holders"] == [
        r for r in held if r["member_id_bioguide"] == "R000002"]
    assert "as of 2025-12-31" in client.get("/company/lmt", params={"year": 2025}).text


def test_holdings_as_of_today_move_on_at_midnight(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from warstock.web import app as web_app

    first = client.get("/api/company/lmt").json()["holders"]
    assert first and {r["as_of"] for r in first} == {date.today().isoformat()}
    monkeypatch.setattr(web_app, "today", lambda: date(2031, 1, 2))
    later = client.get("/api/company/lmt").json()["holders"]  # the same URL, a new day
    assert {r["as_of"] for r in later} == {"2031-01-02"}
    assert "as of 2031-01-02" in client.get("/company/lmt").text
    member = client.get("/api/member/D000001").json()
    assert member["holdings"] and {r["as_of"] for r in member["holdings"]} == {"2031-01-02"}


def test_the_same_answer_asked_at_once_is_computed_once() -> None:
    """Many first visitors to one new URL (a shared link): one computation, the others wait for
    its outcome, an error included (which is not remembered); other parameters are not held up."""
    import threading
    import time

    from warstock.report.tables import Doc
    from warstock.web.app import SingleFlight, cached

    calls: list[int] = []
    both = threading.Barrier(2)  # keys 1 and 2 must be computed side by side, not one after the other

    @cached
    def view(x: int) -> Doc:
        calls.append(x)
        if x > 0 and len(calls) <= 3:
            both.wait(timeout=10)
        time.sleep(0.3)  # long enough that every thread below asks while it runs
        if x < 0:
            raise ValueError("bad")
        return Doc(title=str(x))

    def ask(x: int, out: list[Any]) -> None:
        try:
            out.append(view(x))
        except ValueError as exc:
            out.append(exc)

    got: list[Any] = []
    threads = [threading.Thread(target=ask, args=(1, got)) for _ in range(8)]
    threads += [threading.Thread(target=ask, args=(2, got)), *(threading.Thread(target=ask, args=(-1, got))
                                                                for _ in range(4))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(calls) == [-1, 1, 2]  # each once, the error too
    assert not both.broken  # 1 and 2 met: other parameters are not held up
    assert len({id(d) for d in got if isinstance(d, Doc) and d.title == "1"}) == 1
    assert sum(isinstance(d, ValueError) for d in got) == 4 and len(got) == 13
    with pytest.raises(ValueError):
        view(-1)
    assert calls.count(-1) == 2  # an error is not remembered: asked again later, computed again
    flight = SingleFlight()
    assert flight.run("k", lambda: 5) == 5 and len(flight) == 0  # no key kept once it has landed
    with pytest.raises(KeyError):
        flight.run("k", lambda: {}["x"])
    assert len(flight) == 0


def test_many_first_visitors_to_one_page_get_one_rendering(home: Path) -> None:
    """The response layer too: 10 requests at once for one new page render it once, and all
    get the same bytes."""
    import threading

    from warstock.report import pages as pages_module
    from warstock.web.app import create_app

    src = db.connect(home / "warstock.duckdb", read_only=True)
    copy = in_memory_copy(src)
    src.close()
    app = create_app(copy, "note", warm=False)
    real = pages_module.trades
    calls: list[int] = []

    def counted(*a: Any, **k: Any) -> Any:
        calls.append(1)
        import time
        time.sleep(0.3)
        return real(*a, **k)

    pages_module.trades = counted  # type: ignore[assignment]
    try:
        with TestClient(app) as c:
            bodies: list[bytes] = []
            threads = [threading.Thread(target=lambda: bodies.append(c.get("/api/trades?year=2025").content))
                       for _ in range(10)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    finally:
        pages_module.trades = real  # type: ignore[assignment]
    assert len(bodies) == 10 and len(set(bodies)) == 1 and calls == [1]


def test_the_server_copies_the_embedded_snapshot() -> None:
    """With no warehouse, `warstock serve` copies the embedded snapshot (views over its Parquet
    files) and answers from it."""
    from warstock.warehouse import snapshot
    from warstock.web.app import create_app

    if not snapshot.available():
        pytest.skip("no embedded snapshot in this build")
    con = snapshot.open_snapshot()
    copy = in_memory_copy(con)
    con.close()
    assert copy.execute("SELECT count(*) FROM out_universe__trades").fetchone()[0] > 1000
    with TestClient(create_app(copy, "snapshot", warm=False)) as c:
        r = c.get("/api/overview", params={"year": 2025})
        assert r.status_code == 200 and r.json()["members"]


def test_the_server_uses_this_versions_views_over_an_older_warehouse(home: Path, tmp_path: Path) -> None:
    """A warehouse an older warstock built stores that version's views (one a page now asks for
    missing, another defined otherwise): the server's copy defines this version's over the
    warehouse's tables, so pages answer as `warstock report` does."""
    import shutil

    old = tmp_path / "warstock.duckdb"
    shutil.copy(home / "warstock.duckdb", old)
    con = db.connect(old)
    want = con.execute("SELECT count(*) FROM out_universe__trades").fetchone()[0]
    con.execute("DROP VIEW core_member_terms__dated")
    con.execute("CREATE OR REPLACE VIEW out_universe__trades AS SELECT * FROM core_transactions WHERE false")
    con.close()
    src = db.connect(old, read_only=True)
    copy = in_memory_copy(src)
    src.close()
    assert copy.execute("SELECT count(*) FROM out_universe__trades").fetchone()[0] == want > 0
    assert copy.execute("SELECT count(*) FROM core_member_terms__dated").fetchone()[0] > 0
    kinds = dict(copy.execute("SELECT table_type, count(*) FROM information_schema.tables GROUP BY 1").fetchall())
    assert set(kinds) == {"BASE TABLE"}  # every view stored as a table
    assert not copy.execute("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'raw%'").fetchone()[0]
