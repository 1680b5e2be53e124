"""A small folder laid out like ../shared/data, made by the tests: legislators, a House index
and PTR PDFs (good, amended, scanned, broken), with the trades each one holds."""

from __future__ import annotations

from pathlib import Path

from ptrgen import Row, build_ptr, image_only_pdf
from senategen import paper_stub, senate_ptr

LEGISLATORS = """\
- id: {bioguide: D000001, lis: null, govtrack: 1, icpsr: 1, fec: [H0NJ05001]}
  name: {first: Jane, last: Doe, official_full: Jane Q. Doe}
  terms:
  - {type: rep, start: '2023-01-03', end: '2025-01-03', state: NJ, district: 5, party: Democrat}
  - {type: rep, start: '2025-01-03', end: '2027-01-03', state: NJ, district: 5, party: Democrat}
- id: {bioguide: R000002, govtrack: 2, icpsr: 2}
  name: {first: Richard, last: Roe, nickname: Rick}
  terms:
  - {type: rep, start: '2025-01-03', end: '2027-01-03', state: TX, district: 30, party: Republican}
- id: {bioguide: S000003, lis: S999, govtrack: 3}
  name: {first: Sam, last: Sterling}
  terms:
  - {type: sen, start: '2021-01-03', end: '2027-01-03', state: OH, party: Republican}
"""

INDEX_ROWS = [
    # last, first, state_district, date, doc_id
    ("Doe", "Jane", "NJ05", "2/1/2025", "20000001"),
    ("Roe", "Richard", "TX30", "3/1/2025", "20000002"),
    ("Doe", "Jane", "NJ05", "4/1/2025", "20000003"),  # amends 20000001
    ("Doe", "Jane", "NJ05", "5/1/2025", "20000004"),  # listed, never archived
    ("Roe", "Richard", "TX30", "5/2/2025", "8000001"),  # scanned paper filing
    ("Roe", "Richard", "TX30", "6/1/2025", "20000005"),  # truncated PDF
    ("Unknown", "Person", "ZZ01", "6/2/2025", "20000006"),  # not a PDF at all
    ("Roe", "Richard", "TX30", "6/3/2025", "20000007"),  # filer not a member? resolves
]

DOE = [
    Row(["Lockheed Martin Corporation Common", "Stock (LMT) [ST]"], type_text="P", date="01/10/2025",
        amount_lines=["$1,001 - $15,000"]),
    Row(["RTX Corporation (RTX) [ST]"], owner="SP", type_text="S", date="01/11/2025",
        amount_lines=["$15,001 - $50,000"]),
    Row(["Apple Inc. (AAPL) [ST]"], type_text="P", date="01/12/2025", amount_lines=["$50,001 - $100,000"]),
    Row(["General Dynamics Corporation (GD)", "[ST]"], type_text="P", date="12/30/2024",
        amount_lines=["$1,001 - $15,000"]),
    Row(["Northrop Grumman Corp (NOC) [ST]"], owner="JT", type_text="P", date="01/15/2025",
        amount_lines=["$100,001 - $250,000"]),
]
DOE_AMENDMENT = [
    Row(["RTX Corporation (RTX) [ST]"], owner="SP", type_text="S", date="01/11/2025",
        amount_lines=["$15,001 - $50,000"], status="Deleted", transaction_id="2000000001"),
    Row(["Northrop Grumman Corp (NOC) [ST]"], owner="JT", type_text="P", date="01/15/2025",
        amount_lines=["$250,001 - $500,000"], status="Amended", transaction_id="2000000002"),
]
ROE = [
    # reported late: notified 01/03, due 02/02 (30 days), filed 03/01 -> 27 days late
    Row(["Lockheed Martin Corp (LMT) [OP]"], type_text="P", date="01/02/2025", notification="01/03/2025",
        amount_lines=["Over $50,000,000"], description="Call options; strike $400; expires 06/20/2025"),
    Row(["Boeing Co (BA) [ST]"], owner="DC", type_text="S (partial)", date="02/02/2025",
        amount_lines=["$1,001 - $15,000"]),
    Row(["Lockheed Martin 3.5% notes [CS]"], type_text="P", date="02/03/2025",
        amount_lines=["$15,001 - $50,000"]),
]
ROE2 = [Row(["Palantir Technologies Inc. (PLTR)", "[ST]"], type_text="P", date="05/20/2025", notification="05/21/2025",
            amount_lines=["$1,001 - $15,000"])]

# What the report for 2025 (stock and options only) must say, worked out by hand from above:
# Doe: LMT 1,001-15,000; NOC amended to 250,001-500,000; RTX deleted; AAPL not a universe
#      company; GD is 2024.  -> 2 trades, 251,002 - 515,000
# Roe: LMT option Over $50M (open-ended); BA 1,001-15,000; the LMT note is CS, not counted;
#      PLTR 1,001-15,000 -> 3 trades, 50,002,003 - 50,030,001 with 1 open-ended band
EXPECTED = {
    "D000001": {"trades": 2, "amount_min_usd": 1_001 + 250_001, "amount_max_usd": 15_000 + 500_000,
                "open_ended_bands": 0},
    "R000002": {"trades": 3, "amount_min_usd": 50_000_001 + 1_001 + 1_001,
                "amount_max_usd": 50_000_001 + 15_000 + 15_000, "open_ended_bands": 1},
    # Senate: the amendment restates the report; only its GD row counts (MSFT row gone,
    # GD amount changed from $15,001-$50,000)
    "S000003": {"trades": 1, "amount_min_usd": 50_001, "amount_max_usd": 100_000, "open_ended_bands": 0},
}
SENATE_ORIGINAL = "11111111-2222-3333-4444-555555555555"
SENATE_AMENDMENT = "11111111-2222-3333-4444-666666666666"
SENATE_PAPER = "11111111-2222-3333-4444-777777777777"


# Doe sits on House Armed Services in the 2025-01-05 roster; the 2025-01-12 roster lists the
# committee without her. Doe votes Yea on H.R. 23 (h7-119.2025, 2025-01-09, a key vote).
ROSTERS = {
    "2025-01-05_aaaaaaa": "HSAS:\n- {name: Jane Doe, party: majority, rank: 3, bioguide: D000001}\n"
                          "HSFA:\n- {name: Richard Roe, party: minority, rank: 1, title: Ranking Member, "
                          "bioguide: R000002}\n",
    "2025-01-12_bbbbbbb": "HSAS:\n- {name: Richard Roe, party: majority, rank: 1, bioguide: R000002}\n"
                          "HSFA:\n- {name: Richard Roe, party: minority, rank: 1, title: Ranking Member, "
                          "bioguide: R000002}\n",
}
LATE = {("R000002", "LMT"): 27}


def _votes_archive() -> bytes:
    import io
    import json
    import tarfile
    vote = {"vote_id": "h7-119.2025", "chamber": "h", "congress": 119, "session": "2025", "number": 7,
            "date": "2025-01-09T13:37:00-05:00", "question": "On Passage: H R 23", "type": "On Passage",
            "category": "passage", "result": "Passed", "bill": {"congress": 119, "number": 23, "type": "hr"},
            "source_url": "http://clerk.house.gov/evs/2025/roll007.xml",
            "votes": {"Yea": [{"id": "D000001", "party": "D", "state": "NJ", "display_name": "Doe"}],
                      "Nay": [{"id": "R000002", "party": "R", "state": "TX", "display_name": "Roe"},
                              {"id": "X999999", "party": "R", "state": "TX", "display_name": "Ghost"}]}}
    data = json.dumps(vote).encode()
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        info = tarfile.TarInfo("data/119/votes/2025/h7/data.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def make_shared(root: Path) -> Path:
    data = root / "data"
    (data / "congress" / "legislators").mkdir(parents=True)
    (data / "congress" / "legislators" / "legislators-current_2025-06-17_test.yaml").write_text(LEGISLATORS)
    (data / "congress" / "committee-membership").mkdir(parents=True)
    for stamp, text in ROSTERS.items():
        (data / "congress" / "committee-membership" / f"committee-membership_{stamp}.yaml").write_text(text)
    (data / "votes").mkdir(parents=True)
    (data / "votes" / "synthetic-votes.tar.gz").write_bytes(_votes_archive())
    (data / "house" / "index").mkdir(parents=True)
    members = "".join(
        f"<Member><Prefix /><Last>{last}</Last><First>{first}</First><Suffix /><FilingType>P</FilingType>"
        f"<StateDst>{sd}</StateDst><Year>2025</Year><FilingDate>{d}</FilingDate><DocID>{doc}</DocID></Member>"
        for last, first, sd, d, doc in INDEX_ROWS)
    (data / "house" / "index" / "2025FD.xml").write_text(
        f'<?xml version="1.0" encoding="utf-8"?><FinancialDisclosure>{members}</FinancialDisclosure>')
    ptr = data / "house" / "ptr"
    ptr.mkdir(parents=True)
    (ptr / "20000001.pdf").write_bytes(build_ptr(DOE, name="Hon. Jane Q. Doe", filing_id="20000001"))
    (ptr / "20000002.pdf").write_bytes(build_ptr(ROE, name="Hon. Richard Roe", state_district="TX30",
                                                 filing_id="20000002"))
    (ptr / "20000003.pdf").write_bytes(build_ptr(DOE_AMENDMENT, name="Hon. Jane Q. Doe", filing_id="20000003"))
    (ptr / "20000007.pdf").write_bytes(build_ptr(ROE2, name="Hon. Richard Roe", state_district="TX30",
                                                 filing_id="20000007"))
    senate = data / "senate" / "ptr"
    senate.mkdir(parents=True)
    (senate / f"{SENATE_ORIGINAL}.html").write_bytes(senate_ptr("The Honorable Sam Sterling", "02/20/2025", [
        {"date": "02/10/2025", "ticker": "GD", "asset": "General Dynamics Corporation", "amount": "$15,001 - $50,000"},
        {"date": "02/11/2025", "ticker": "MSFT", "asset": "Microsoft Corporation", "type": "Sale (Full)"},
    ]))
    (senate / f"{SENATE_AMENDMENT}.html").write_bytes(senate_ptr("The Honorable Sam Sterling", "02/20/2025", [
        {"date": "02/10/2025", "ticker": "GD", "asset": "General Dynamics Corporation", "amount": "$50,001 - $100,000"},
    ], amendment=1, filed="03/01/2025"))
    (senate / f"{SENATE_PAPER}.html").write_bytes(paper_stub(
        ["https://efd-media-public.senate.gov/media/2025/2/000/000/000000039.gif"]))
    scanned = data / "house" / "ptr-scanned"
    scanned.mkdir(parents=True)
    (scanned / "8000001.pdf").write_bytes(image_only_pdf())
    return data


def add_bad_documents(data: Path) -> None:
    ptr = data / "house" / "ptr"
    good = build_ptr(ROE, name="Hon. Richard Roe", state_district="TX30", filing_id="20000005")
    (ptr / "20000005.pdf").write_bytes(good[: len(good) // 2])
    (ptr / "20000006.pdf").write_bytes(b"<html>Server error</html>")
