from datetime import date

from warstock.resolve.members import MemberIndex


def term(bioguide: str, last: str, first: str, state: str, district: int, start: str, end: str) -> dict:
    return {"member_id_bioguide": bioguide, "last_name": last, "first_name": first,
            "middle_name": None, "nickname": None, "term_type": "rep", "term_start": start,
            "term_end": end, "state": state, "district": district}


INDEX = MemberIndex([
    term("G000583", "Gottheimer", "Josh", "NJ", 5, "2023-01-03", "2025-01-03"),
    term("G000583", "Gottheimer", "Josh", "NJ", 5, "2025-01-03", "2027-01-03"),
    term("W000797", "Wasserman Schultz", "Debbie", "FL", 25, "2023-01-03", "2027-01-03"),
    term("S000001", "Smith", "Adam", "WA", 9, "2023-01-03", "2027-01-03"),
    term("S000002", "Smith", "Jason", "MO", 8, "2023-01-03", "2027-01-03"),
    term("S000003", "Smith", "Chris", "NJ", 4, "2023-01-03", "2027-01-03"),
    term("J000001", "Johnson", "Alice", "TX", 30, "2023-01-03", "2027-01-03"),
    term("J000002", "Johnson", "Bob", "TX", 30, "2019-01-03", "2021-01-03"),
    term("N000001", "Newman", "Old", "OH", 1, "2015-01-03", "2017-01-03"),
])


def test_resolves_by_name_state_district_and_date() -> None:
    r = INDEX.resolve_house("1", "Gottheimer", "Josh", "NJ05", date(2025, 3, 6))
    assert r.member_id_bioguide == "G000583" and r.method == "name+state+district+term"


def test_compound_last_name_and_accents() -> None:
    assert INDEX.resolve_house("2", "Schultz", "Debbie", "FL25", date(2025, 1, 1)).member_id_bioguide == "W000797"
    assert INDEX.resolve_house("3", "Wasserman Schultz", None, "FL25", date(2025, 1, 1)).member_id_bioguide == "W000797"


def test_common_surname_needs_the_state() -> None:
    assert INDEX.resolve_house("4", "Smith", "Adam", "WA09", date(2025, 1, 1)).member_id_bioguide == "S000001"
    assert INDEX.resolve_house("5", "Smith", "Chris", "NJ04", date(2025, 1, 1)).member_id_bioguide == "S000003"


def test_date_decides_between_same_seat_holders() -> None:
    assert INDEX.resolve_house("6", "Johnson", None, "TX30", date(2025, 5, 1)).member_id_bioguide == "J000001"


def test_unresolved_is_explained_not_guessed() -> None:
    r = INDEX.resolve_house("7", "Nobody", "X", "NJ05", date(2025, 1, 1))
    assert r.member_id_bioguide is None and "no House member" in (r.reason or "")
    r = INDEX.resolve_house("8", "Newman", "Old", "OH01", date(2025, 1, 1))  # left in 2017
    assert r.member_id_bioguide is None
    r = INDEX.resolve_house("9", "Gottheimer", "Josh", "??", date(2025, 1, 1))
    assert r.member_id_bioguide is None and "not recognised" in (r.reason or "")


def test_a_senator_between_snapshots_resolves_only_on_a_whole_unambiguous_name() -> None:
    sen = {**term("P000001", "Perdue", "David", "GA", 0, "2015-01-03", "2021-01-03"), "term_type": "sen"}
    former = [{"member_id_bioguide": "L000584", "first_name": "Kelly", "last_name": "Loeffler",
               "last_term_type": "sen"},
              {"member_id_bioguide": "X000001", "first_name": "Ann", "last_name": "Twin", "last_term_type": "sen"},
              {"member_id_bioguide": "X000002", "first_name": "Ann", "last_name": "Twin", "last_term_type": "sen"},
              {"member_id_bioguide": "X000003", "first_name": "Kelly", "last_name": "Rep", "last_term_type": "rep"}]
    index = MemberIndex([sen], former)
    r = index.resolve_senate("d", "Mrs. Kelly Loeffler", date(2020, 5, 1))
    assert (r.member_id_bioguide, r.method) == ("L000584", "name (former senator, undated last term)")
    assert index.resolve_senate("d", "The Honorable David Perdue", date(2020, 5, 1)).method == "name+term"
    assert index.resolve_senate("d", "Ann Twin", date(2020, 5, 1)).member_id_bioguide is None  # two match
    assert index.resolve_senate("d", "Mrs. Loeffler", date(2020, 5, 1)).member_id_bioguide is None  # no first name
    assert index.resolve_senate("d", "Kelly Rep", date(2020, 5, 1)).member_id_bioguide is None  # not a senator
