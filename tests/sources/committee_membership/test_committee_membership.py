"""Committee roster snapshots and seat intervals (synthetic rosters in the
congress-legislators YAML shape)."""

from __future__ import annotations

from datetime import date

from warstock.resolve.seats import build_seats
from warstock.sources import committee_membership

ROSTER = b"""
HSAS:
- {name: Mike Rogers, party: majority, rank: 1, title: Chairman, bioguide: R000575}
- {name: Adam Smith, party: minority, rank: 1, title: Ranking Member, bioguide: S000510}
HSAS28:
- {name: Adam Smith, party: minority, rank: 2, bioguide: S000510}
XX_BAD:
- {name: Nobody, bioguide: N000000}
SSAS:
- {name: No Id, party: majority, rank: 1}
"""


def test_roster_parse_notes_bad_codes_and_missing_ids() -> None:
    r = committee_membership.parse(ROSTER, doc_id="2025-06-17_65259e4")
    assert r.status == "parsed_with_notes"
    assert {(x["committee_code"], x["member_id_bioguide"]) for x in r.records} == {
        ("HSAS", "R000575"), ("HSAS", "S000510"), ("HSAS28", "S000510")}
    assert all(x["snapshot_date"] == date(2025, 6, 17) for x in r.records)
    assert {n.code for n in r.notes} == {"unknown_committee_code", "seat_without_bioguide"}
    empty = committee_membership.parse(b"{}", doc_id="2024-12-28_x")  # between Congresses: no seats, said so
    assert (empty.status, empty.records, [n.code for n in empty.notes]) == ("parsed_with_notes", [], ["empty_roster"])
    assert committee_membership.parse(b"[]", doc_id="2021-01-01_x").status == "parsed_with_notes"  # also empty
    assert committee_membership.parse(b"- a list", doc_id="2024-12-28_x").status == "failed"
    assert committee_membership.parse(ROSTER, doc_id="no-date").status == "failed"


def obs(d: str, code: str, member: str) -> dict:
    return {"snapshot_date": date.fromisoformat(d), "committee_code": code, "member_id_bioguide": member}


def test_seat_intervals_respect_partial_snapshots_and_vanished_committees() -> None:
    rows = [
        obs("2024-01-01", "HSAS", "A"), obs("2024-01-01", "HSFA", "B"),
        obs("2024-06-01", "HSAS", "A"), obs("2024-06-01", "HSFA", "B"),
        # partial snapshot: HSAS listed without A -> must not end A's seat
        obs("2025-01-28", "HSAS", "C"),
        # a full snapshot that no longer lists HSFA ends B's seat (committee gone or renamed)
        obs("2025-03-01", "HSAS", "A"), obs("2025-03-01", "HSAS", "C"),
        # A leaves HSAS; HSFA reappears with D only
        obs("2025-09-01", "HSAS", "C"), obs("2025-09-01", "HSFA", "D"),
    ]
    seats = {(s.member_id_bioguide, s.committee_code): s
             for s in build_seats(rows, partial={date(2025, 1, 28)})}
    a = seats[("A", "HSAS")]
    assert (a.valid_from, a.last_seen, a.ends_before) == (date(2024, 1, 1), date(2025, 3, 1), date(2025, 9, 1))
    b = seats[("B", "HSFA")]
    assert (b.valid_from, b.last_seen, b.ends_before) == (date(2024, 1, 1), date(2024, 6, 1), date(2025, 3, 1))
    c = seats[("C", "HSAS")]
    assert (c.valid_from, c.ends_before) == (date(2025, 1, 28), None)


def test_a_roster_much_smaller_than_its_neighbours_is_detected_as_partial() -> None:
    from warstock.resolve.seats import detect_partial

    rows = []
    for d, n in (("2023-01-03", 100), ("2023-01-10", 30), ("2023-02-20", 98), ("2023-06-01", 101),
                 ("2023-09-01", 99)):
        rows += [obs(d, f"HS{i:02d}", f"M{i:03d}") for i in range(n)]
    partial = detect_partial(rows)
    assert set(partial) == {date(2023, 1, 10)} and "30 seats" in partial[date(2023, 1, 10)]
    seats = build_seats(rows, set(partial))
    kept = next(s for s in seats if s.member_id_bioguide == "M050")  # absent only from the partial one
    assert kept.ends_before is None and kept.snapshots_seen == 4
