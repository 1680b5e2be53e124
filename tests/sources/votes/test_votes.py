"""Vote parsers on documents made here in the official schemas.

House Clerk roll-call XML (clerk.house.gov/evs/<year>/roll<NNN>.xml): <rollcall-vote> with
<vote-metadata> (congress, session, rollcall-num, legis-num, vote-question, vote-result,
action-date dd-Mon-yyyy, vote-totals/totals-by-vote) and <vote-data><recorded-vote>
<legislator name-id=... party= state=>Name</legislator><vote>Yea</vote>.
Senate LIS XML (senate.gov/legislative/LIS/roll_call_votes/...): <roll_call_vote> with
congress, session, vote_number, vote_date "January 28, 2025,  05:33 PM", question, vote_result,
document/document_name, count (yeas, nays, present, absent), members/member (lis_member_id,
member_full, party, state, vote_cast). The unitedstates/congress archive: data.json files in
a .tar.gz.
"""

from __future__ import annotations

import io
import json
import tarfile

from warstock.sources import votes

HOUSE_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<rollcall-vote>
<vote-metadata>
<majority>R</majority><congress>119</congress><session>1st</session><chamber>U.S. House of Representatives</chamber>
<rollcall-num>7</rollcall-num><legis-num>H R 23</legis-num>
<vote-question>On Passage</vote-question><vote-type>YEA-AND-NAY</vote-type><vote-result>Passed</vote-result>
<action-date>9-Jan-2025</action-date><action-time time-etz="13:37">1:37 PM</action-time>
<vote-desc>Illegitimate Court Counteraction Act</vote-desc>
<vote-totals>
<totals-by-party-header><party-header>Party</party-header></totals-by-party-header>
<totals-by-vote><total-stub>Totals</total-stub><yea-total>2</yea-total><nay-total>1</nay-total>
<present-total>0</present-total><not-voting-total>1</not-voting-total></totals-by-vote>
</vote-totals>
</vote-metadata>
<vote-data>
<recorded-vote><legislator name-id="A000001" sort-field="Able" unaccented-name="Able" party="R" state="TX" role="legislator">Able</legislator><vote>Yea</vote></recorded-vote>
<recorded-vote><legislator name-id="B000002" sort-field="Baker" unaccented-name="Baker" party="D" state="NJ" role="legislator">Baker</legislator><vote>Yea</vote></recorded-vote>
<recorded-vote><legislator name-id="C000003" sort-field="Cole" unaccented-name="Cole" party="D" state="CA" role="legislator">Cole</legislator><vote>No</vote></recorded-vote>
<recorded-vote><legislator name-id="D000004" sort-field="Dunn" unaccented-name="Dunn" party="R" state="FL" role="legislator">Dunn</legislator><vote>Not Voting</vote></recorded-vote>
</vote-data>
</rollcall-vote>"""

SENATE_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<roll_call_vote>
<congress>119</congress><session>1</session><congress_year>2025</congress_year><vote_number>22</vote_number>
<vote_date>January 28, 2025,  05:33 PM</vote_date><modify_date>January 28, 2025,  06:00 PM</modify_date>
<vote_question_text>On the Cloture Motion (Motion to Invoke Cloture: Motion to Proceed to H.R. 23)</vote_question_text>
<question>On the Cloture Motion</question><vote_result>Cloture on the Motion to Proceed Rejected</vote_result>
<majority_requirement>3/5</majority_requirement>
<document><document_congress>119</document_congress><document_type>H.R.</document_type><document_number>23</document_number><document_name>H.R. 23</document_name></document>
<count><yeas>2</yeas><nays>1</nays><present></present><absent>0</absent></count>
<members>
<member><member_full>Fetterman (D-PA)</member_full><last_name>Fetterman</last_name><first_name>John</first_name><party>D</party><state>PA</state><vote_cast>Yea</vote_cast><lis_member_id>S412</lis_member_id></member>
<member><member_full>Thune (R-SD)</member_full><last_name>Thune</last_name><first_name>John</first_name><party>R</party><state>SD</state><vote_cast>Yea</vote_cast><lis_member_id>S303</lis_member_id></member>
<member><member_full>Schumer (D-NY)</member_full><last_name>Schumer</last_name><first_name>Charles</first_name><party>D</party><state>NY</state><vote_cast>Nay</vote_cast><lis_member_id>S270</lis_member_id></member>
</members>
</roll_call_vote>"""


def _positions(r):  # type: ignore[no-untyped-def]
    return {p["member_id"]: p["position"] for p in r.extra["raw_votes__positions"]}


def test_house_clerk_xml() -> None:
    r = votes.parse(HOUSE_XML)
    assert r.status == "parsed", r.notes
    (v,) = r.records
    assert v["vote_id"] == "h7-119.2025" and str(v["vote_date"]) == "2025-01-09"
    assert (v["bill_type"], v["bill_number"]) == ("hr", 23)
    assert (v["official_yea"], v["official_nay"], v["official_not_voting"]) == (2, 1, 1)
    pos = _positions(r)
    assert pos == {"A000001": "yea", "B000002": "yea", "C000003": "nay", "D000004": "not_voting"}
    assert sum(p == "yea" for p in pos.values()) == v["official_yea"]
    assert v["official_url"] == "https://clerk.house.gov/evs/2025/roll007.xml"


def test_senate_lis_xml() -> None:
    r = votes.parse(SENATE_XML)
    assert r.status == "parsed", r.notes
    (v,) = r.records
    assert v["vote_id"] == "s22-119.2025" and str(v["vote_date"]) == "2025-01-28"
    assert (v["bill_type"], v["bill_number"]) == ("hr", 23)
    assert (v["official_yea"], v["official_nay"]) == (2, 1)
    assert _positions(r) == {"S412": "yea", "S303": "yea", "S270": "nay"}
    assert {p["member_id_kind"] for p in r.extra["raw_votes__positions"]} == {"lis"}


def _archive(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _json_vote(vote_id: str, chamber: str, positions: dict[str, list[dict[str, str]]]) -> bytes:
    return json.dumps({"vote_id": vote_id, "chamber": chamber, "congress": 119, "session": "2025",
                       "number": 1, "date": "2025-01-09T13:37:00-05:00", "question": "On Passage",
                       "type": "On Passage", "category": "passage", "result": "Passed",
                       "bill": {"congress": 119, "number": 23, "type": "hr"}, "votes": positions}).encode()


def test_archive_with_a_malformed_file_and_odd_positions() -> None:
    good = _json_vote("h1-119.2025", "h", {"Aye": [{"id": "A000001", "party": "R", "state": "TX",
                                                     "display_name": "Able"}],
                                            "No": [{"id": "B000002", "party": "D", "state": "NJ",
                                                    "display_name": "Baker"}],
                                            "Abstain": [{"id": "C000003", "party": "D", "state": "CA",
                                                         "display_name": "Cole"}]})
    senate = _json_vote("s1-119.2025", "s", {"Yea": [{"id": "S412", "party": "D", "state": "PA",
                                                     "display_name": "Fetterman"}, "VP"]})
    data = _archive({"data/119/votes/2025/h1/data.json": good,
                     "data/119/votes/2025/h2/data.json": b"{ not json",
                     "data/119/votes/2025/s1/data.json": senate,
                     "data/119/votes/2025/README.txt": b"ignored"})
    r = votes.parse(data)
    assert r.status == "parsed_with_notes"
    assert sorted(v["vote_id"] for v in r.records) == ["h1-119.2025", "s1-119.2025"]
    codes = {n.code for n in r.notes}
    assert {"malformed_vote", "unknown_position", "non_member_position"} <= codes
    pos = {(p["vote_id"], p["member_id"]): p["position"] for p in r.extra["raw_votes__positions"]}
    assert pos[("h1-119.2025", "A000001")] == "yea" and pos[("h1-119.2025", "B000002")] == "nay"
    assert pos[("h1-119.2025", "C000003")] is None  # unknown position: a note, never a default


def test_truncated_archive_keeps_what_was_read() -> None:
    data = _archive({f"data/119/votes/2025/h{i}/data.json": _json_vote(f"h{i}-119.2025", "h", {})
                     for i in range(1, 40)})
    r = votes.parse(data[: int(len(data) * 0.7)])
    assert r.status in ("failed", "parsed_with_notes")
    assert r.reason or any(n.code == "archive_truncated" for n in r.notes)


def test_not_a_vote_document() -> None:
    assert votes.parse(b"<html>changed layout</html>").status == "failed"
    assert votes.parse(b"<rollcall-vote><nothing/></rollcall-vote>").status == "failed"
