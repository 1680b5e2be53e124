"""SearchIndex.find against a plain re-statement of the rule it implements: members whose
lower-case name contains the text, or whose bioguide id or last name is the text, in index
order (trades, then name), the first ``limit``; on a few thousand generated members, so
names that meet at the joins, repeated last names and the limit are all exercised."""

from __future__ import annotations

import random
from typing import Any

import duckdb
import pytest

from warstock.analysis.browse import SearchIndex

FIRST = ["Ann", "Bob", "Al", "Anna", "Jo", "Mary", "Ed", "Li", "Ng", "O'Neil", "José", "Zoë"]
LAST = ["Smith", "Smithers", "Ng", "Doe", "Lee", "Leeds", "Al", "Ramírez", "Ann", "Van Doe", "Moe"]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    rng = random.Random(2026)
    con = duckdb.connect(":memory:")
    con.execute("""CREATE TABLE core_members (member_id_bioguide VARCHAR, member_name VARCHAR, party VARCHAR,
        state VARCHAR, chamber VARCHAR, last_name VARCHAR)""")
    con.execute("CREATE TABLE core_transactions (member_id_bioguide VARCHAR, issuer_id VARCHAR, is_current BOOLEAN)")
    con.execute("CREATE TABLE core_universe__issuers (issuer_id VARCHAR, name VARCHAR)")
    con.execute("CREATE TABLE core_universe__tickers (issuer_id VARCHAR, ticker VARCHAR)")
    con.execute("CREATE TABLE core_universe__aliases (issuer_id VARCHAR, alias VARCHAR)")
    members = []
    for i in range(3000):
        last = rng.choice(LAST)
        name = None if i % 997 == 5 else f"{rng.choice(FIRST)} {last}"
        members.append((f"{last[0].upper()}{i:06d}", name, "X", "ZZ", "house", None if i % 500 == 7 else last))
    con.executemany("INSERT INTO core_members VALUES (?, ?, ?, ?, ?, ?)", members)
    trades = [(rng.choice(members)[0], None, True) for _ in range(4000)]
    con.executemany("INSERT INTO core_transactions VALUES (?, ?, ?)", trades)
    con.execute("INSERT INTO core_universe__issuers VALUES ('lmt', 'Lockheed Martin')")
    con.execute("INSERT INTO core_universe__tickers VALUES ('lmt', 'LMT')")
    con.execute("INSERT INTO core_universe__aliases VALUES ('lmt', 'Lockheed')")
    return SearchIndex.build(con)


def reference(index: SearchIndex, q: str, limit: int) -> list[str]:
    like = q.strip().lower()
    hits: list[dict[str, Any]] = []
    for m, (name, bioguide, last) in zip(index.members, index.member_keys, strict=True):
        if like in name or like in (bioguide, last):
            hits.append(m)
    return [m["member_id_bioguide"] for m in hits[:limit]]


QUERIES = ["smith", "Smith", "ann", "an", "a", "al", "ng", "doe", "van doe", "e", " ", "h a", "jo", "lee",
           "leeds", "ith", "moe", "ramírez", "zoë", "o'neil", "s000042", "S000042", "nobody", "smithx",
           "mith\x00ann", "d0", "0001"]


@pytest.mark.parametrize("q", QUERIES)
@pytest.mark.parametrize("limit", [1, 7, 50, 5000])
def test_find_gives_the_members_the_rule_gives(index: SearchIndex, q: str, limit: int) -> None:
    got = [m["member_id_bioguide"] for m in index.find(q, limit)[0]]
    assert got == reference(index, q, limit)


def test_the_generated_data_exercises_the_cases(index: SearchIndex) -> None:
    # more matches than the limit; an exact last name ("al") that also sits inside other names;
    # a member with no name found by id only
    assert len(reference(index, "smith", 5000)) > 100
    by_last_only = [m for m, (name, _, last) in zip(index.members, index.member_keys, strict=True)
                    if last == "al" and "al" not in name]
    assert by_last_only
    nameless = next(m for m in index.members if m["member_name"] is None)
    assert [m["member_id_bioguide"] for m in index.find(nameless["member_id_bioguide"])[0]] \
        == [nameless["member_id_bioguide"]]
