"""`warstock sync` against a local HTTP server on 127.0.0.1 that answers as the official sites do
(tests/officialsite.py), serving synthetic documents in the publishers' formats: the House
Clerk's index ZIP and PDFs (ptrgen, formagen), eFD report pages and a paper stub (senategen),
roll-call XML, congress-legislators files."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from officialsite import OfficialSites, Scripted, efd_row, running
from ptrgen import build_ptr, image_only_pdf
from senategen import paper_stub, senate_ptr
from synthetic import (
    DOE,
    DOE_AMENDMENT,
    EXPECTED,
    LEGISLATORS,
    ROE,
    ROE2,
    ROSTERS,
    SENATE_AMENDMENT,
    SENATE_ORIGINAL,
    SENATE_PAPER,
)
from warstock.archive import Archive
from warstock.cli import app
from warstock.stages.http import Client
from warstock.stages.sync import build_after, sync
from warstock.warehouse import db

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sources" / "house_annual"))
from formagen import Holding, build_form_a  # noqa: E402

runner = CliRunner()
TODAY = date(2025, 12, 1)
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x00\x00\x00\x00\x00,\x00\x00\x00\x00" \
      b"\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
IMAGE = "/media/2025/2/000/000/000000039.gif"

# (last, first, state-district, filing date, DocID, FilingType)
INDEX = [
    ("Doe", "Jane", "NJ05", "2/1/2025", "20000001", "P"),
    ("Roe", "Richard", "TX30", "3/1/2025", "20000002", "P"),
    ("Doe", "Jane", "NJ05", "4/1/2025", "20000003", "P"),
    ("Roe", "Richard", "TX30", "5/2/2025", "8000001", "P"),
    ("Roe", "Richard", "TX30", "6/3/2025", "20000007", "P"),
    ("Doe", "Jane", "NJ05", "5/15/2025", "10000001", "A"),  # an annual report: fetched
    ("Smith", "Pat", "NJ07", "5/16/2025", "10000002", "C"),  # a candidate's report: not fetched
]
PTRS = ["20000001", "20000002", "20000003", "8000001", "20000007"]


def index_zip(rows: list[tuple[str, ...]]) -> bytes:
    members = "".join(
        f"<Member><Prefix /><Last>{last}</Last><First>{first}</First><Suffix /><FilingType>{kind}</FilingType>"
        f"<StateDst>{sd}</StateDst><Year>2025</Year><FilingDate>{d}</FilingDate><DocID>{doc}</DocID></Member>"
        for last, first, sd, d, doc, kind in rows)
    xml = f'<?xml version="1.0" encoding="utf-8"?><FinancialDisclosure>{members}</FinancialDisclosure>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("2025FD.xml", date_time=(2025, 6, 1, 0, 0, 0)), xml)
    return buf.getvalue()


def house_roll(number: int, yea: str = "D000001", nay: str = "R000002") -> bytes:
    bill = "<legis-num>H R 23</legis-num>" if number == 7 else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rollcall-vote><vote-metadata><congress>119</congress><session>1st</session><rollcall-num>{number}</rollcall-num>{bill}
<vote-question>On Passage</vote-question><vote-type>YEA-AND-NAY</vote-type><vote-result>Passed</vote-result>
<action-date>9-Jan-2025</action-date><vote-desc>Vote {number}</vote-desc>
<vote-totals><totals-by-vote><yea-total>1</yea-total><nay-total>1</nay-total><present-total>0</present-total>
<not-voting-total>0</not-voting-total></totals-by-vote></vote-totals></vote-metadata>
<vote-data>
<recorded-vote><legislator name-id="{yea}" party="D" state="NJ" role="legislator">Doe</legislator>
<vote>Yea</vote></recorded-vote>
<recorded-vote><legislator name-id="{nay}" party="R" state="TX" role="legislator">Roe</legislator>
<vote>No</vote></recorded-vote>
</vote-data></rollcall-vote>""".encode()


SENATE_VOTE = b"""<?xml version="1.0" encoding="UTF-8"?>
<roll_call_vote><congress>119</congress><session>1</session><vote_number>1</vote_number>
<vote_date>January 9, 2025,  05:33 PM</vote_date><vote_question_text>On the Motion</vote_question_text>
<question>On the Motion</question><vote_result>Agreed to</vote_result><majority_requirement>1/2</majority_requirement>
<count><yeas>1</yeas><nays>0</nays><present></present><absent>0</absent></count>
<members><member><member_full>Sterling (R-OH)</member_full><party>R</party><state>OH</state><vote_cast>Yea</vote_cast>
<lis_member_id>S999</lis_member_id></member></members></roll_call_vote>"""

HISTORICAL = ("last_name,first_name,middle_name,suffix,nickname,full_name,birthday,gender,type,state,district,"
              "senate_class,party,url,address,phone,contact_form,rss_url,twitter,twitter_id,facebook,youtube,"
              "youtube_id,mastodon,bioguide_id,thomas_id,opensecrets_id,lis_id,fec_ids,cspan_id,govtrack_id,"
              "votesmart_id,ballotpedia_id,washington_post_id,icpsr_id,wikipedia_id\n"
              "Former,Fred,,,,Fred Former,1950-01-01,M,rep,OH,3,,Republican,,,,,,,,,,,,F000009,,,,,,9,,,,9,\n")
COMMITTEES = ("- {type: house, name: House Committee on Armed Services, thomas_id: HSAS}\n"
              "- {type: house, name: House Committee on Foreign Affairs, thomas_id: HSFA}\n")


def populate(site: OfficialSites) -> None:
    site.serve("/public_disc/financial-pdfs/2025FD.zip", index_zip(INDEX))
    pdfs = {
        "20000001": build_ptr(DOE, name="Hon. Jane Q. Doe", filing_id="20000001"),
        "20000002": build_ptr(ROE, name="Hon. Richard Roe", state_district="TX30", filing_id="20000002"),
        "20000003": build_ptr(DOE_AMENDMENT, name="Hon. Jane Q. Doe", filing_id="20000003"),
        "8000001": image_only_pdf(),
        "20000007": build_ptr(ROE2, name="Hon. Richard Roe", state_district="TX30", filing_id="20000007"),
    }
    for doc, pdf in pdfs.items():
        site.serve(f"/public_disc/ptr-pdfs/2025/{doc}.pdf", pdf)
    site.serve("/public_disc/financial-pdfs/2025/10000001.pdf", build_form_a(
        [Holding(["Lockheed Martin Corporation Common Stock", "(LMT) [ST]"], owner="SP")], filing_id="10000001"))
    site.serve("/public_disc/financial-pdfs/2025/10000002.pdf", build_form_a([], filing_id="10000002"))
    site.efd_rows["[11]"] = [
        efd_row(SENATE_ORIGINAL, "ptr", "Sam", "Sterling", "02/21/2025", "Periodic Transaction Report for 02/20/2025"),
        efd_row(SENATE_AMENDMENT, "ptr", "Sam", "Sterling", "03/01/2025",
                "Periodic Transaction Report for 02/20/2025 (Amendment 1)"),
        efd_row(SENATE_PAPER, "paper", "Sam", "Sterling", "03/04/2025", "Periodic Transaction Report"),
    ]
    site.serve(f"/search/view/ptr/{SENATE_ORIGINAL}/", senate_ptr("The Honorable Sam Sterling", "02/20/2025", [
        {"date": "02/10/2025", "ticker": "GD", "asset": "General Dynamics Corporation", "amount": "$15,001 - $50,000"},
        {"date": "02/11/2025", "ticker": "MSFT", "asset": "Microsoft Corporation", "type": "Sale (Full)"},
    ]))
    site.serve(f"/search/view/ptr/{SENATE_AMENDMENT}/", senate_ptr("The Honorable Sam Sterling", "02/20/2025", [
        {"date": "02/10/2025", "ticker": "GD", "asset": "General Dynamics Corporation", "amount": "$50,001 - $100,000"},
    ], amendment=1, filed="03/01/2025"))
    site.serve(f"/search/view/paper/{SENATE_PAPER}/", paper_stub([f"https://efd-media-public.senate.gov{IMAGE}"]))
    site.serve(IMAGE, GIF)
    for n in range(1, 8):
        site.serve(f"/evs/2025/roll{n:03d}.xml", house_roll(n))
    site.serve("/legislative/LIS/roll_call_votes/vote1191/vote_119_1_00001.xml", SENATE_VOTE)
    site.serve("/congress-legislators/legislators-current.yaml", LEGISLATORS.encode(), "Tue, 17 Jun 2025 08:00:00 GMT")
    site.serve("/congress-legislators/legislators-historical.csv", HISTORICAL.encode(), "Sun, 15 Jun 2025 08:00:00 GMT")
    site.serve("/congress-legislators/committees-current.yaml", COMMITTEES.encode(), "Sun, 05 Jan 2025 08:00:00 GMT")
    site.serve("/congress-legislators/committee-membership-current.yaml", ROSTERS["2025-01-05_aaaaaaa"].encode(),
               "Sun, 05 Jan 2025 08:00:00 GMT")


@pytest.fixture()
def site() -> Iterator[OfficialSites]:
    with running() as s:
        populate(s)
        yield s


def client(**kw: float) -> Client:
    opts = {"min_interval": 0.0, "backoff": 0.01, "max_backoff": 0.05, "attempts": 3, "timeout": 0.5, **kw}
    return Client(**opts)  # type: ignore[arg-type]


def run(site: OfficialSites, archive: Archive, **kw: object):  # type: ignore[no-untyped-def]
    with client() as c:
        return sync(archive, c, mirror=site.url, today=TODAY, year=kw.pop("year", 2025), **kw)  # type: ignore[arg-type]


def counts(summary) -> dict[str, tuple[int, int, int, int]]:  # type: ignore[no-untyped-def]
    return {s: (t.new, t.changed, t.unchanged, len(t.failed)) for s, t in summary.tallies.items()}


# --- the whole way, as a user runs it --------------------------------------------------

def test_sync_end_to_end_into_a_warehouse_then_incremental(site: OfficialSites, tmp_path: Path) -> None:
    home = tmp_path / "home"
    args = ["sync", "--base-url", site.url, "--interval", "0", "--year", "2025", "--home", str(home), "--workers", "1"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    for line in ("house_ptr: 5 new, 0 changed, 0 unchanged, 0 failed",
                 "house_annual: 1 new", "house_index: 1 new", "senate_ptr: 3 new", "senate_paper: 1 new",
                 "votes: 8 new", "committee_membership: 1 new", "legislators: 1 new",
                 "legislators_historical: 1 new", "committees: 1 new"):
        assert line in first.output, (line, first.output)
    assert "/public_disc/financial-pdfs/2025/10000002.pdf" not in site.requested()  # a candidate's report
    ua = {h.get("User-Agent") for _, _, _, h in site.hits}
    assert len(ua) == 1 and next(iter(ua)).startswith("warstock/") and "contact:" in next(iter(ua))

    # filed as the local layout is: the same sources, ids and official URLs
    archive = Archive(home / "archive")
    got = {(e.source, e.doc_id): e for e in archive.entries()}
    assert got[("house_ptr", "20000001")].official_url == \
        "https://disclosures-clerk.house.gov/public_disc/ptr-pdfs/2025/20000001.pdf"
    assert got[("house_annual", "10000001")].official_url == \
        "https://disclosures-clerk.house.gov/public_disc/financial-pdfs/2025/10000001.pdf"
    assert got[("senate_ptr", SENATE_PAPER)].official_url == \
        f"https://efdsearch.senate.gov/search/view/paper/{SENATE_PAPER}/"
    assert got[("senate_paper", "000000039")].official_url == f"https://efd-media-public.senate.gov{IMAGE}"
    assert got[("votes", "roll007")].official_url == "https://clerk.house.gov/evs/2025/roll007.xml"
    assert ("committee_membership", "2025-01-05_" + got_sha(archive, "committee_membership")[:7]) in got

    # parsed and loaded as local files are: the report says what the hand-worked figures say
    report = runner.invoke(app, ["report", "--year", "2025", "--format", "json", "--home", str(home)])
    assert report.exit_code == 0, report.output
    members = {m["member_id_bioguide"]: m for m in json.loads(report.output)["members"]}
    for bioguide, want in EXPECTED.items():
        assert members[bioguide]["trades"] == want["trades"], bioguide
        assert (members[bioguide]["amount_min_usd"], members[bioguide]["amount_max_usd"]) == \
            (want["amount_min_usd"], want["amount_max_usd"]), bioguide
    with db.connect(home / "warstock.duckdb", read_only=True) as con:
        assert con.execute("SELECT official_yea, official_nay FROM core_votes WHERE vote_id = 'h7-119.2025'"
                           ).fetchone() == (1, 1)
        assert con.execute("SELECT count(*) FROM raw_house__holdings").fetchone() == (1,)

    # incremental: nothing new is nothing fetched; the index and the rosters answer 304
    site.hits.clear()
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "0 documents new or changed" in second.output
    assert not [p for p in site.requested() if p.endswith(".pdf") or "/view/" in p or p.endswith(".gif")]
    index_hits = [h for m, p, _, h in site.hits if p.endswith("2025FD.zip")]
    assert len(index_hits) == 1 and index_hits[0].get("If-None-Match")
    assert site.requested("/evs/2025/") == ["/evs/2025/roll008.xml"]  # the next vote only: a 404
    assert "house_index: 0 new, 0 changed, 1 unchanged, 0 failed" in second.output
    assert verify(home).exit_code == 0


def got_sha(archive: Archive, source: str) -> str:
    return next(e.sha256 for e in archive.entries() if e.source == source)


def verify(home: Path):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["verify", "--home", str(home)])


# --- failures the network makes --------------------------------------------------------

def test_timeouts_500s_and_429_with_retry_after_then_success(site: OfficialSites, tmp_path: Path) -> None:
    pdf = "/public_disc/ptr-pdfs/2025/{}.pdf"
    site.script(pdf.format("20000001"), Scripted(delay=1.0))  # longer than the 0.5 s timeout
    site.script(pdf.format("20000002"), Scripted(500), Scripted(503))
    site.script(pdf.format("20000003"), Scripted(429, {"Retry-After": "1"}))
    site.script(pdf.format("20000007"), *[Scripted(500)] * 3)  # every attempt fails
    site.script(pdf.format("8000001"), Scripted(429, {"Retry-After": "3600"}))  # longer than a run waits
    archive = Archive(tmp_path / "archive")
    summary = run(site, archive, chambers=("house",), parts=("disclosures",))
    tally = summary.tallies["house_ptr"]
    assert tally.new == 3
    failed = dict(tally.failed)
    assert set(failed) == {"20000007", "8000001"}
    assert failed["20000007"] == f"HTTP 500 for {site.url}{pdf.format('20000007')}"
    assert "asked to wait 3600 s" in failed["8000001"]
    assert site.requested(pdf.format("8000001")) == [pdf.format("8000001")]  # no retry
    assert len(site.requested(pdf.format("20000001"))) == 2 and len(site.requested(pdf.format("20000002"))) == 3
    when = [t for _, p, t, _ in site.hits if p == pdf.format("20000003")]
    assert len(when) == 2 and when[1] - when[0] >= 0.95  # Retry-After: 1 honoured (the backoff alone is 0.01 s)
    assert {e.doc_id for e in archive.entries() if e.source == "house_ptr"} == {"20000001", "20000002", "20000003"}

    # the next run asks only for the two that failed
    site.hits.clear()
    again = run(site, archive, chambers=("house",), parts=("disclosures",))
    assert sorted(p for p in site.requested() if p.endswith(".pdf")) == \
        sorted([pdf.format("20000007"), pdf.format("8000001")])
    assert again.tallies["house_ptr"].new == 2 and not again.tallies["house_ptr"].failed


def test_truncated_damaged_and_wrong_bodies_are_refused_not_archived(site: OfficialSites, tmp_path: Path) -> None:
    pdf = "/public_disc/ptr-pdfs/2025/{}.pdf"
    site.script(pdf.format("20000001"), Scripted(cut=True))  # cut once, then whole
    site.script(pdf.format("20000002"), *[Scripted(cut=True)] * 3)  # cut every time
    site.script(pdf.format("20000003"), Scripted(bad_md5=True))  # damaged once, then whole
    good = site.files[pdf.format("20000007")]
    site.files[pdf.format("20000007")] = good[: len(good) // 2]  # served whole, but a PDF cut short
    site.files[pdf.format("8000001")] = b"<html><body>Service unavailable</body></html>"  # an error page as 200
    archive = Archive(tmp_path / "archive")
    summary = run(site, archive, chambers=("house",), parts=("disclosures",))
    tally = summary.tallies["house_ptr"]
    failed = dict(tally.failed)
    assert tally.new == 2 and set(failed) == {"20000002", "20000007", "8000001"}
    assert "RemoteProtocolError" in failed["20000002"] or "cut short" in failed["20000002"]
    assert "end-of-file marker" in failed["20000007"]
    assert "expected application/pdf, got text/html" in failed["8000001"]
    assert len(site.requested(pdf.format("20000003"))) == 2  # the damaged copy was asked for again
    have = {e.doc_id: e for e in archive.entries() if e.source == "house_ptr"}
    assert set(have) == {"20000001", "20000003"}
    assert archive.read(have["20000001"].sha256) == site.files[pdf.format("20000001")]
    # served whole now: the next run archives them
    site.files[pdf.format("20000007")] = good
    again = run(site, archive, chambers=("house",), parts=("disclosures",))
    assert again.tallies["house_ptr"].new == 2 and [d for d, _ in again.tallies["house_ptr"].failed] == ["8000001"]


# --- eFD --------------------------------------------------------------------------------

def test_efd_agreement_session_and_paper_images(site: OfficialSites, tmp_path: Path) -> None:
    site.expire_session_once = True  # the first report page answers with the agreement: accepted again
    archive = Archive(tmp_path / "archive")
    summary = run(site, archive, chambers=("senate",), parts=("disclosures",))
    assert counts(summary) == {"senate_ptr": (3, 0, 0, 0), "senate_paper": (1, 0, 0, 0)}
    posts = [(h.get("X-CSRFToken"), p) for m, p, _, h in site.hits if m == "POST"]
    assert ("cookie-token-5678", "/search/report/data/") in posts
    assert site.requested("/search/home/", "POST") == ["/search/home/"] * 2  # once, then again on expiry
    assert summary.senate_window == (date(2025, 1, 1), date(2025, 12, 1))


def test_efd_page_with_a_changed_layout_is_recorded_and_the_run_goes_on(site: OfficialSites, tmp_path: Path) -> None:
    changed = site.files[f"/search/view/ptr/{SENATE_ORIGINAL}/"].replace(b"Periodic Transaction Report for",
                                                                       b"Transaction Statement of")
    site.files[f"/search/view/ptr/{SENATE_ORIGINAL}/"] = changed
    archive = Archive(tmp_path / "archive")
    summary = run(site, archive, chambers=("senate",), parts=("disclosures",))
    tally = summary.tallies["senate_ptr"]
    assert tally.new == 2
    ((doc, reason),) = tally.failed
    assert doc == SENATE_ORIGINAL and "unknown layout: heading 'Transaction Statement of 02/20/2025'" in reason
    # the page is kept as served, and asked for again next run
    assert archive.current("senate_ptr", SENATE_ORIGINAL) is not None
    site.hits.clear()
    run(site, archive, chambers=("senate",), parts=("disclosures",))
    assert site.requested("/search/view/") == [f"/search/view/ptr/{SENATE_ORIGINAL}/"]


def test_efd_search_in_another_shape_is_a_site_error_and_the_house_still_syncs(site: OfficialSites,
                                                                              tmp_path: Path) -> None:
    site.search_as_html = True
    archive = Archive(tmp_path / "archive")
    summary = run(site, archive, parts=("disclosures",))
    assert len(summary.site_errors) == 2  # the PTR search and the annual-report search
    assert all(where == "senate_efd" and "answered with text/html, not JSON" in reason
               for where, reason in summary.site_errors)
    assert summary.tallies["house_ptr"].new == 5


def test_an_agreement_that_refuses_exits_1_and_loses_nothing(site: OfficialSites, tmp_path: Path) -> None:
    home = tmp_path / "home"
    base = ["--base-url", site.url, "--interval", "0", "--year", "2025", "--home", str(home), "--workers", "1"]
    ok = runner.invoke(app, ["sync", "--chamber", "house", "--only", "disclosures", "--only", "members", *base])
    assert ok.exit_code == 0, ok.output
    before = Archive(home / "archive").history()
    site.refuse_agreement = True
    refused = runner.invoke(app, ["sync", "--chamber", "senate", "--only", "disclosures", *base])
    assert refused.exit_code == 1
    assert "eFD did not accept the agreement" in refused.output
    after = Archive(home / "archive")
    assert after.history() == before and not after.damaged_lines
    assert verify(home).exit_code == 0
    report = runner.invoke(app, ["report", "--year", "2025", "--format", "json", "--home", str(home)])
    members = {m["member_id_bioguide"]: m for m in json.loads(report.output)["members"]}
    assert members["D000001"]["trades"] == EXPECTED["D000001"]["trades"]


# --- resuming, versions, observations ---------------------------------------------------

def test_an_interrupted_run_resumes_where_it_stopped(site: OfficialSites, tmp_path: Path) -> None:
    archive = Archive(tmp_path / "archive")
    seen: list[int] = []

    def stop_after_two(what: str, n: int, total: int | None) -> None:
        seen.append(n)
        if what.startswith("House") and n == 2:
            raise KeyboardInterrupt  # as a user's Ctrl-C between two documents

    with pytest.raises(KeyboardInterrupt), client() as c:
        sync(archive, c, mirror=site.url, today=TODAY, year=2025, chambers=("house",), parts=("disclosures",),
             progress=stop_after_two)
    fetched_first = [p for p in site.requested() if p.endswith(".pdf")]
    assert len(fetched_first) == 2
    reopened = Archive(tmp_path / "archive")
    assert len([e for e in reopened.entries() if e.source in ("house_ptr", "house_annual")]) == 2
    site.hits.clear()
    summary = run(site, reopened, chambers=("house",), parts=("disclosures",))
    fetched_second = [p for p in site.requested() if p.endswith(".pdf")]
    assert not set(fetched_first) & set(fetched_second) and len(fetched_second) == 4  # only the rest
    assert summary.tallies["house_ptr"].new + summary.tallies["house_annual"].new == 4
    final = Archive(tmp_path / "archive")
    assert not final.damaged_lines and len({e.doc_id for e in final.entries() if e.source == "house_ptr"}) == 5
    for e in final.history():
        assert final.read(e.sha256)  # every object whole


def test_a_changed_document_is_a_new_version_and_both_are_kept(site: OfficialSites, tmp_path: Path) -> None:
    archive = Archive(tmp_path / "archive")
    run(site, archive, chambers=("house",), parts=("disclosures",))
    old = archive.current("house_index", "2025FD")
    assert old is not None
    grown = [*INDEX, ("Roe", "Richard", "TX30", "7/1/2025", "20000008", "P")]
    site.serve("/public_disc/financial-pdfs/2025FD.zip", index_zip(grown))
    site.serve("/public_disc/ptr-pdfs/2025/20000008.pdf",
               build_ptr(ROE2, name="Hon. Richard Roe", state_district="TX30", filing_id="20000008"))
    summary = run(site, archive, chambers=("house",), parts=("disclosures",))
    assert counts(summary)["house_index"] == (0, 1, 0, 0)
    assert counts(summary)["house_ptr"] == (1, 0, 0, 0)  # the one the new index lists
    reopened = Archive(tmp_path / "archive")
    new = reopened.current("house_index", "2025FD")
    assert new is not None and new.sha256 != old.sha256 and new.supersedes == old.sha256
    assert [e.sha256 for e in reopened.superseded()] == [old.sha256]
    assert reopened.read(old.sha256) and reopened.read(new.sha256)  # both kept
    assert [e.sha256 for e in reopened.entries() if e.source == "house_index"] == [new.sha256]
    # built: only the current version's rows are in the warehouse
    with db.connect(tmp_path / "w.duckdb") as con:
        out = run(site, reopened, chambers=("house",), parts=())
        build_after(reopened, con, out, workers=1)
        assert con.execute("SELECT count(*), count(DISTINCT doc_id), count(DISTINCT source_sha256) "
                           "FROM raw_house__index").fetchone() == (8, 8, 1)


def test_a_roster_that_changed_is_a_new_dated_observation(site: OfficialSites, tmp_path: Path) -> None:
    archive = Archive(tmp_path / "archive")
    first = run(site, archive, parts=("members",))
    assert counts(first)["committee_membership"] == (1, 0, 0, 0)
    site.serve("/congress-legislators/committee-membership-current.yaml", ROSTERS["2025-01-12_bbbbbbb"].encode(),
               "Sun, 12 Jan 2025 09:00:00 GMT")
    second = run(site, archive, parts=("members",))
    assert counts(second)["committee_membership"] == (1, 0, 0, 0)
    assert counts(second)["legislators"] == (0, 0, 1, 0)  # unchanged: answered 304
    rosters = sorted(e.doc_id or "" for e in archive.entries() if e.source == "committee_membership")
    assert [r[:10] for r in rosters] == ["2025-01-05", "2025-01-12"]
    with db.connect(tmp_path / "w.duckdb") as con:
        build_after(archive, con, second, workers=1)
        seat = con.execute("SELECT valid_from, last_seen, ends_before FROM core_congress__committee_seats "
                           "WHERE member_id_bioguide = 'D000001' AND committee_code = 'HSAS'").fetchone()
    assert seat == (date(2025, 1, 5), date(2025, 1, 5), date(2025, 1, 12))


def test_roll_calls_stop_at_the_first_404_and_resume_after_the_last(site: OfficialSites, tmp_path: Path) -> None:
    archive = Archive(tmp_path / "archive")
    del site.files["/evs/2025/roll007.xml"]
    first = run(site, archive, parts=("votes",))
    assert counts(first)["votes"] == (7, 0, 0, 0)  # House 1-6, Senate 1
    site.serve("/evs/2025/roll007.xml", house_roll(7))
    site.hits.clear()
    second = run(site, archive, parts=("votes",))
    assert counts(second)["votes"] == (1, 0, 0, 0)
    assert site.requested("/evs/") == ["/evs/2025/roll007.xml", "/evs/2025/roll008.xml"]


def test_build_after_fetch_only_reads_the_current_version(site: OfficialSites, tmp_path: Path) -> None:
    home = tmp_path / "home"
    base = ["--base-url", site.url, "--interval", "0", "--year", "2025", "--home", str(home), "--chamber", "house",
            "--only", "disclosures", "--no-build"]
    assert runner.invoke(app, ["sync", *base]).exit_code == 0
    assert runner.invoke(app, ["build", "--home", str(home), "--workers", "1"]).exit_code == 0
    site.serve("/public_disc/financial-pdfs/2025FD.zip", index_zip(INDEX[:-1]))  # a row withdrawn
    fetched = runner.invoke(app, ["sync", *base])
    assert "house_index: 0 new, 1 changed" in fetched.output
    assert runner.invoke(app, ["build", "--home", str(home), "--workers", "1"]).exit_code == 0
    with db.connect(home / "warstock.duckdb", read_only=True) as con:
        assert con.execute("SELECT count(*), count(DISTINCT source_sha256) FROM raw_house__index").fetchone() == (6, 1)


def test_this_years_index_not_published_yet_is_a_note_not_a_failure(site: OfficialSites, tmp_path: Path) -> None:
    archive = Archive(tmp_path / "archive")
    with client() as c:
        summary = sync(archive, c, mirror=site.url, today=date(2026, 1, 5), chambers=("house",),
                       parts=("disclosures",))
    assert summary.years == [2025, 2026]  # in January, last year's late filings too
    assert summary.notes == ["House 2026: the Clerk has not published 2026FD.zip yet (404)"]
    assert summary.failures == 0 and summary.tallies["house_ptr"].new == 5


def test_the_sync_state_survives_a_torn_last_line(tmp_path: Path) -> None:
    from warstock.stages.remote import SyncState

    state = SyncState(tmp_path / "state.jsonl")
    state.record("https://example.gov/a", etag='"1"', outcome="new")
    state.mark("senate:through", "2025-03-01")
    with (tmp_path / "state.jsonl").open("a") as fh:
        fh.write('{"url": "https://example.gov/b", "et')  # a write cut short
    again = SyncState(tmp_path / "state.jsonl")
    assert again.damaged_lines == 1
    validators = again.validators("https://example.gov/a")
    assert validators is not None and validators.etag == '"1"'
    assert again.marks == {"senate:through": "2025-03-01"} and "https://example.gov/b" not in again.urls
    again.record("https://example.gov/c", outcome="new")  # the next line is not swallowed by the torn one
    assert set(SyncState(tmp_path / "state.jsonl").urls) == {"https://example.gov/a", "https://example.gov/c"}


def test_an_expired_session_that_cannot_be_reopened_fails_that_page_only(site: OfficialSites, tmp_path: Path) -> None:
    from officialsite import agreement_page

    site.expire_session_once = True
    # GET and POST open the session; the GET after the expiry too; the POST that follows is refused
    site.script("/search/home/", Scripted(), Scripted(), Scripted(), Scripted(body=agreement_page()))
    archive = Archive(tmp_path / "archive")
    summary = run(site, archive, chambers=("senate",), parts=("disclosures",))
    tally = summary.tallies["senate_ptr"]
    ((doc, reason),) = tally.failed
    assert doc == SENATE_ORIGINAL and "could not be opened again: eFD did not accept the agreement" in reason
    assert tally.new == 2 and archive.current("senate_ptr", SENATE_ORIGINAL) is None


def test_a_killed_run_resumes_with_the_archive_intact(site: OfficialSites, tmp_path: Path) -> None:
    import os
    import subprocess
    import time

    home = tmp_path / "home"
    stuck = "/public_disc/ptr-pdfs/2025/20000003.pdf"
    site.script(stuck, Scripted(delay=20))  # the third PTR hangs: the process is killed while it waits
    args = ["sync", "--base-url", site.url, "--interval", "0", "--year", "2025", "--chamber", "house",
            "--only", "disclosures", "--no-build", "--home", str(home)]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "warstock.cli", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while stuck not in site.requested() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert stuck in site.requested()
    finally:
        proc.kill()  # SIGKILL: no clean-up of any kind
        proc.wait()
    first = [p for p in site.requested() if p.endswith(".pdf")]
    assert first == ["/public_disc/ptr-pdfs/2025/20000001.pdf", "/public_disc/ptr-pdfs/2025/20000002.pdf", stuck]
    site.hits.clear()
    again = runner.invoke(app, args)
    assert again.exit_code == 0, again.output
    second = sorted(p for p in site.requested() if p.endswith(".pdf"))
    assert second == sorted([stuck, "/public_disc/ptr-pdfs/2025/8000001.pdf", "/public_disc/ptr-pdfs/2025/20000007.pdf",
                             "/public_disc/financial-pdfs/2025/10000001.pdf"])
    assert "house_ptr: 3 new, 0 changed, 0 unchanged, 0 failed (2 listed and already archived)" in again.output
    assert verify(home).exit_code == 0
    archive = Archive(home / "archive")
    assert not archive.damaged_lines and len([e for e in archive.entries() if e.source == "house_ptr"]) == 5


def test_a_damaged_copy_answered_304_is_fetched_whole_and_repaired(site: OfficialSites, tmp_path: Path) -> None:
    archive = Archive(tmp_path / "archive")
    run(site, archive, chambers=("house",), parts=("disclosures",))
    held = archive.current("house_index", "2025FD")
    assert held is not None
    archive.path_of(held.sha256).write_bytes(b"PK\x03\x04 damaged on disk")
    site.hits.clear()
    again = run(site, archive, chambers=("house",), parts=("disclosures",))
    index_hits = [h.get("If-None-Match") for _, p, _, h in site.hits if p.endswith("2025FD.zip")]
    assert len(index_hits) == 2 and index_hits[0] and not index_hits[1]  # 304, then the whole document
    assert counts(again)["house_index"] == (0, 0, 1, 0)
    assert archive.read(held.sha256) == site.files["/public_disc/financial-pdfs/2025FD.zip"]  # repaired
