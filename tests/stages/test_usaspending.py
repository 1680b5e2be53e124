"""`warstock universe fetch` against a local HTTP server on 127.0.0.1 serving USAspending's
documented shapes (api_contracts v2: search/spending_by_category/recipient and recipient/{id}):
pagination, a 500 then success, a 429 with Retry-After, a malformed body, parents rolled up, and
the recipients that match no company listed beside the edition."""

from __future__ import annotations

import csv
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from warstock.cli import app
from warstock.resolve.universe import EDITION_FIELDS, MEMBERSHIP_FIELDS, load_catalog
from warstock.stages.usaspending import ApiError, Client, fetch_edition

# (recipient_id, name, amount, parent_id, parent_name, parent_uei), largest first as the API sorts
RECIPIENTS: list[tuple[str | None, str, float, str | None, str | None, str | None]] = [
    ("lm-C", "LOCKHEED MARTIN CORPORATION", 50e9, "lmp-P", "LOCKHEED MARTIN CORP", "LMPUEI000001"),
    (None, "MULTIPLE RECIPIENTS", 30e9, None, None, None),
    ("rc-C", "RAYTHEON COMPANY", 20e9, "rtxp-P", "RTX CORPORATION", "RTXUEI000001"),
    ("eb-C", "ELECTRIC BOAT CORPORATION", 15e9, "gdp-P", "GENERAL DYNAMICS CORPORATION", "GDPUEI000001"),
    ("bn-C", "BECHTEL NATIONAL INC", 12e9, "bg-P", "BECHTEL GROUP INC", "BGUEI0000001"),
    ("sk-C", "SIKORSKY AIRCRAFT CORPORATION", 8e9, "lmp-P", "LOCKHEED MARTIN CORP", "LMPUEI000001"),
    ("gf-C", "GULFSTREAM AEROSPACE CORPORATION", 6e9, "gdp-P", "GENERAL DYNAMICS CORPORATION", "GDPUEI000001"),
    ("hm-R", "HUMANA MILITARY HEALTHCARE SERVICES INC", 5e9, None, None, None),
    ("rtxp-P", "RTX CORPORATION", 4e9, "rtxp-P", "RTX CORPORATION", "RTXUEI000001"),
]
# by hand: LMT 50+8 = 58bn; RTX 20+4 = 24bn; GD 15+6 = 21bn; Bechtel 12bn (no company); Humana 5bn;
# MULTIPLE RECIPIENTS has no recipient id: not a contractor, not ranked.
EXPECTED = [(1, "lmt", 58000.0), (2, "rtx", 24000.0), (3, "gd", 21000.0), (5, "hum", 5000.0)]
CATEGORY = "/api/v2/search/spending_by_category/recipient/"


class Api:
    """A small USAspending: honours page and limit, checks the request is DoD contracts for FY2024,
    and serves queued faults first (per path and page)."""

    def __init__(self) -> None:
        self.faults: dict[str, list[tuple[int, bytes, dict[str, str]]]] = {}
        self.hits: list[tuple[str, float]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.hits.append((f"POST {self.path} {body.get('page')}", time.monotonic()))
                if self._fault(f"{self.path}#{body.get('page')}"):
                    return
                f = body["filters"]
                if (self.path != CATEGORY or f["agencies"] != [{"type": "awarding", "tier": "toptier",
                                                                "name": "Department of Defense"}]
                        or f["award_type_codes"] != ["A", "B", "C", "D"]
                        or f["time_period"] != [{"start_date": "2023-10-01", "end_date": "2024-09-30"}]):
                    self._send(400, {"detail": "unexpected request"})
                    return
                page, limit = body["page"], body["limit"]
                rows = RECIPIENTS[(page - 1) * limit:page * limit]
                self._send(200, {
                    "category": "recipient", "limit": limit,
                    "page_metadata": {"page": page, "next": page + 1, "previous": page - 1 or None,
                                      "hasNext": page * limit < len(RECIPIENTS), "hasPrevious": page > 1},
                    "results": [{"amount": amt, "recipient_id": rid, "name": name, "code": None,
                                 "uei": None} for rid, name, amt, *_ in rows],
                    "messages": []})

            def do_GET(self) -> None:  # noqa: N802
                outer.hits.append((f"GET {self.path}", time.monotonic()))
                if self._fault(self.path):
                    return
                for rid, name, _, pid, pname, puei in RECIPIENTS:
                    if rid and self.path == f"/api/v2/recipient/{rid}/":
                        self._send(200, {"name": name, "alternate_names": [], "duns": None, "uei": None,
                                         "recipient_id": rid, "recipient_level": rid[-1], "parent_id": pid,
                                         "parent_name": pname, "parent_duns": None, "parent_uei": puei,
                                         "parents": [], "business_types": [], "location": {},
                                         "total_transaction_amount": 0, "total_transactions": 0,
                                         "total_face_value_loan_amount": 0, "total_face_value_loan_transactions": 0})
                        return
                self._send(404, {"detail": "not found"})

            def _fault(self, key: str) -> bool:
                queue = outer.faults.get(key)
                if not queue:
                    return False
                code, body, headers = queue.pop(0)
                self.send_response(code)
                for k, v in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return True

            def _send(self, code: int, data: dict[str, Any]) -> None:
                raw = json.dumps(data).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture()
def api() -> Iterator[Api]:
    a = Api()
    yield a
    a.httpd.shutdown()
    a.httpd.server_close()


@pytest.fixture()
def tiny(tmp_path: Path) -> Path:
    """A universe of five companies with the aliases and subsidiaries the recipients need."""
    root = tmp_path / "universe"
    root.mkdir()

    def write(name: str, rows: list[dict[str, Any]], fields: list[str] | None = None) -> None:
        with open(root / name, "w", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=fields or list(rows[0]))
            w.writeheader()
            w.writerows(rows)

    write("editions.csv", [{**dict.fromkeys(EDITION_FIELDS, ""), "universe_id": "x", "title": "X"}])
    write("memberships.csv", [{**dict.fromkeys(MEMBERSHIP_FIELDS, ""), "universe_id": "x", "issuer_id": "lmt"}])
    write("issuers.csv", [{"issuer_id": i, "name": n, "sec_cik": "", "sec_title": "", "country": "US"} for i, n in
                          [("lmt", "Lockheed Martin"), ("rtx", "RTX"), ("gd", "General Dynamics"), ("hum", "Humana"),
                           ("ba", "Boeing")]])
    write("tickers.csv", [{"issuer_id": i, "ticker": i.upper(), "valid_from": "", "valid_to": "", "source": ""}
                          for i in ("lmt", "rtx", "gd", "hum", "ba")])
    write("aliases.csv", [{"issuer_id": "rtx", "alias": "RTX Corp", "source": ""},
                          {"issuer_id": "rtx", "alias": "Raytheon Company", "source": ""}])
    write("subsidiaries.csv", [
        {"issuer_id": p, "subsidiary": s, "uei": "", "valid_from": "", "valid_to": "", "relation": "unit",
         "source": "test"} for p, s in [("lmt", "Sikorsky Aircraft Corporation"), ("gd", "Electric Boat Corporation"),
                                        ("gd", "Gulfstream Aerospace Corporation"),
                                        ("hum", "Humana Military Healthcare Services")]])
    return root


def fast(api: Api) -> Client:
    return Client(base_url=api.url, min_interval=0.0, backoff=0.01, attempts=4, timeout=5.0)


def read(path: Path) -> list[dict[str, str]]:
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh))


def test_all_pages_rolled_up_to_parents_with_a_500_and_a_429(api: Api, tiny: Path, tmp_path: Path) -> None:
    api.faults[f"{CATEGORY}#2"] = [(500, b'{"detail": "boom"}', {})]
    api.faults["/api/v2/recipient/sk-C/"] = [(429, b'{"detail": "slow down"}', {"Retry-After": "1"})]
    home = tmp_path / "home"
    r = fetch_edition(fast(api), load_catalog(tiny), home, 2024, top=None, page_size=3)
    assert r.universe_id == "dod-contractors-fy2024" and r.recipients == 9 and r.exhausted
    pages = [h for h, _ in api.hits if h.startswith("POST")]
    assert pages == [f"POST {CATEGORY} 1", f"POST {CATEGORY} 2", f"POST {CATEGORY} 2", f"POST {CATEGORY} 3"]
    # the 429's Retry-After (1 s) was waited, not the 0.01 s backoff
    sk = [t for h, t in api.hits if h == "GET /api/v2/recipient/sk-C/"]
    assert len(sk) == 2 and sk[1] - sk[0] >= 0.95
    # only children are looked up: not the -R, the -P or the row without an id
    looked_up = {h.split("/")[4] for h, _ in api.hits if h.startswith("GET")}
    assert looked_up == {"lm-C", "rc-C", "eb-C", "bn-C", "sk-C", "gf-C"}

    folder = home / "universes" / "dod-contractors-fy2024"
    members = read(folder / "memberships.csv")
    assert [(int(m["rank"]), m["issuer_id"], float(m["amount_usd_m"])) for m in members] == EXPECTED
    unmatched = read(folder / "unmatched.csv")
    assert [(u["rank"], u["parent_name"]) for u in unmatched] == [
        ("4", "BECHTEL GROUP INC"), ("", "MULTIPLE RECIPIENTS (no recipient id: not a contractor)")]
    recipients = {r["recipient_id"]: r for r in read(folder / "recipients.csv")}
    assert recipients["sk-C"]["issuer_id"] == "lmt" and recipients["sk-C"]["parent_name"] == "LOCKHEED MARTIN CORP"
    assert recipients["hm-R"]["match_method"] == "subsidiary"  # stand-alone: matched by its own name
    assert recipients["rc-C"]["match_method"] == "short_name"  # its parent RTX CORPORATION, exactly
    meta = json.loads((folder / "edition.json").read_text())
    assert meta["completeness"] == "complete" and meta["basis"] == "fiscal" and meta["period"] == "FY2024"
    prov = meta["provenance"]
    assert prov["api_url"] == api.url + CATEGORY and prov["fiscal_year"] == 2024 and prov["pages"] == 3
    assert prov["request_body"]["filters"]["award_type_codes"] == ["A", "B", "C", "D"] and prov["retrieved_at"]


def test_top_n_keeps_the_largest_parents(api: Api, tiny: Path, tmp_path: Path) -> None:
    r = fetch_edition(fast(api), load_catalog(tiny), tmp_path / "h", 2024, top=2, page_size=4)
    assert r.universe_id == "dod-prime-fy2024-top2" and r.members == 2
    members = read(tmp_path / "h" / "universes" / "dod-prime-fy2024-top2" / "memberships.csv")
    assert [(m["rank"], m["issuer_id"]) for m in members] == [("1", "lmt"), ("2", "rtx")]
    cat = load_catalog(tiny, tmp_path / "h")  # the universe commands see it beside the shipped ones
    assert "dod-prime-fy2024-top2" in cat.editions and cat.editions["dod-prime-fy2024-top2"]["list_size"] == 2


@pytest.mark.parametrize("cap", [3, 4, 8])  # the cap at a page's end, inside a page, inside the last page
def test_reading_stopped_early_is_not_called_complete(api: Api, tiny: Path, tmp_path: Path, cap: int) -> None:
    r = fetch_edition(fast(api), load_catalog(tiny), tmp_path / "h", 2024, top=None, max_recipients=cap,
                      page_size=3)
    assert not r.exhausted and r.recipients == cap
    meta = json.loads((tmp_path / "h" / "universes" / "dod-contractors-fy2024" / "edition.json").read_text())
    assert meta["completeness"] == "floor" and f"stopped after {cap} recipients" in meta["note"]


@pytest.mark.parametrize("body", [b'{"results": "oops", "page_metadata": {"hasNext": false}}',
                                  b"<html>maintenance</html>", b'{"results": [{"name": "X"}], '
                                  b'"page_metadata": {"hasNext": false}}'])
def test_a_malformed_page_stops_with_a_clear_error_and_writes_nothing(api: Api, tiny: Path, tmp_path: Path,
                                                                       body: bytes) -> None:
    home = tmp_path / "home"
    first = fetch_edition(fast(api), load_catalog(tiny), home, 2024, top=2, page_size=4)
    before = (first.folder / "memberships.csv").read_bytes()
    api.faults[f"{CATEGORY}#2"] = [(200, body, {})]
    with pytest.raises(ApiError, match=r"page 2|not JSON|POST"):
        fetch_edition(fast(api), load_catalog(tiny), home, 2024, top=None, page_size=4)
    assert not (home / "universes" / "dod-contractors-fy2024").exists()
    assert (first.folder / "memberships.csv").read_bytes() == before  # the earlier edition is untouched
    assert [p.name for p in (home / "universes").iterdir()] == ["dod-prime-fy2024-top2"]


def test_a_recipient_overview_without_parent_fields_is_an_error(api: Api, tiny: Path, tmp_path: Path) -> None:
    api.faults["/api/v2/recipient/eb-C/"] = [(200, b'{"name": "ELECTRIC BOAT", "recipient_id": "eb-C"}', {})]
    with pytest.raises(ApiError, match="eb-C.*missing parent_id"):
        fetch_edition(fast(api), load_catalog(tiny), tmp_path / "h", 2024, top=None, page_size=9)
    assert not (tmp_path / "h" / "universes" / "dod-contractors-fy2024").exists()


def test_retries_give_up_with_the_url(api: Api, tiny: Path, tmp_path: Path) -> None:
    api.faults[f"{CATEGORY}#1"] = [(503, b"{}", {})] * 4
    with pytest.raises(ApiError, match=r"HTTP 503.*gave up after 4 attempts"):
        fetch_edition(fast(api), load_catalog(tiny), tmp_path / "h", 2024, top=5)


def test_cli_fetch_then_show_list_and_diff(api: Api, tmp_path: Path) -> None:
    """The shipped universe, a fetched edition beside it, and the commands a user runs."""
    runner = CliRunner()
    home = str(tmp_path / "home")
    res = runner.invoke(app, ["universe", "fetch", "--fy", "2024", "--top", "0", "--base-url", api.url,
                              "--interval", "0", "--home", home])
    assert res.exit_code == 0, res.output
    # with the shipped universe Bechtel is a company too (SIPRI Top 100, no US listing)
    assert "dod-contractors-fy2024: 5 companies matched, 1 parent unmatched" in res.output
    show = runner.invoke(app, ["universe", "show", "dod-contractors-fy2024", "--format", "json", "--home", home])
    assert show.exit_code == 0, show.output
    data = json.loads(show.output)
    assert [c["issuer_id"] for c in data["companies"]] == ["lmt", "rtx", "gd", "bechtel", "hum"]
    assert data["edition"]["provenance"]["fiscal_year"] == 2024
    listed = runner.invoke(app, ["universe", "list", "--format", "csv", "--home", home]).output
    assert "dod-contractors-fy2024" in listed and "sipri-top100-2024" in listed
    d = json.loads(runner.invoke(app, ["universe", "diff", "dod-top-recipients-fy2023", "dod-contractors-fy2024",
                                       "--format", "json", "--home", home]).output)
    assert {r["issuer_id"] for r in d["only_b"]} == {"bechtel"}  # the other four are in FY2023's top 10 too
    assert {"ba", "noc", "hii", "lhx", "bae-systems", "cor"} <= {r["issuer_id"] for r in d["only_a"]}
    bad = runner.invoke(app, ["universe", "show", "nope", "--home", home])
    assert bad.exit_code == 2 and "unknown universe 'nope'" in bad.output
    api.faults[f"{CATEGORY}#1"] = [(200, b"[]", {})]
    failed = runner.invoke(app, ["universe", "fetch", "--fy", "2024", "--base-url", api.url, "--interval", "0",
                                 "--home", home])
    said = " ".join(failed.output.split())  # the console folds long lines
    assert failed.exit_code == 1 and "nothing written" in said and "expected a JSON object, got list" in said


def test_a_fetched_edition_is_a_universe_for_the_report(api: Api, tmp_path: Path) -> None:
    """Without a local warehouse the report reads the embedded snapshot; an edition fetched into
    the same home is a universe it can count by, like a shipped one."""
    from warstock.warehouse import snapshot

    if not snapshot.available():
        pytest.skip("no embedded snapshot in this checkout")
    runner = CliRunner()
    home = str(tmp_path / "home")
    assert runner.invoke(app, ["universe", "fetch", "--fy", "2024", "--top", "0", "--base-url", api.url,
                               "--interval", "0", "--home", home]).exit_code == 0
    got = runner.invoke(app, ["report", "--year", "2025", "--universe", "dod-contractors-fy2024", "--format", "json",
                              "--home", home])
    assert got.exit_code == 0, got.output
    fetched = json.loads(got.output)
    assert fetched["universe"]["id"] == "dod-contractors-fy2024"
    default = json.loads(runner.invoke(app, ["report", "--year", "2025", "--format", "json", "--home", home]).output)
    # the same trades as the default edition's, for the four listed companies both hold
    mine = {"lmt", "rtx", "gd", "hum"}
    assert {c["issuer_id"] for c in fetched["by_company"]} <= mine
    expected = [c for c in default["by_company"] if c["issuer_id"] in mine]
    assert expected and fetched["totals"]["trades"] == sum(c["trades"] for c in expected)
    assert fetched["totals"]["amount_min_usd"] == sum(c["amount_min_usd"] for c in expected)


def test_a_build_takes_in_the_fetched_editions_of_its_home(tmp_path: Path) -> None:
    from warstock.warehouse import db, derive

    home = tmp_path / "home"
    folder = home / "universes" / "dod-prime-fy2024-top1"
    folder.mkdir(parents=True)
    (folder / "edition.json").write_text(json.dumps({"universe_id": "dod-prime-fy2024-top1", "title": "T",
                                                     "completeness": "complete", "list_size": 1}))
    with open(folder / "memberships.csv", "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=MEMBERSHIP_FIELDS)
        w.writeheader()
        w.writerow({**dict.fromkeys(MEMBERSHIP_FIELDS, ""), "universe_id": "dod-prime-fy2024-top1",
                    "issuer_id": "lmt", "rank": 1, "amount_usd_m": "58000.0"})
    con = db.connect(home / "warstock.duckdb")
    derive.load_reference(con)
    assert derive._home_of(con) == home
    assert derive.load_fetched_universes(con, home) == ["dod-prime-fy2024-top1"]
    assert con.execute("SELECT issuer_id, amount_usd_m FROM core_universe__memberships "
                       "WHERE universe_id = 'dod-prime-fy2024-top1'").fetchall() == [("lmt", 58000.0)]
    assert con.execute("SELECT list_size FROM core_universe__editions "
                       "WHERE universe_id = 'dod-prime-fy2024-top1'").fetchone() == (1,)
    con.close()
