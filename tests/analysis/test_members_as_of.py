"""A holder on a company page is filtered by the chamber and party of the term held on the
holdings day (pages.members_as_of), not by today's."""

from __future__ import annotations

from datetime import date

import duckdb

from warstock.report.pages import members_as_of


def _con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    con.execute("""CREATE TABLE core_member_terms__dated AS SELECT * FROM (VALUES
        ('A1', DATE '2019-01-03', DATE '2025-01-03', 'rep', 'house', 'Democrat'),
        ('A1', DATE '2025-01-03', DATE '2031-01-03', 'sen', 'senate', 'Independent'),
        ('B2', DATE '2021-01-03', DATE '2023-01-03', 'rep', 'house', 'Republican'))
        t(member_id_bioguide, term_start, term_end, term_type, chamber, party)""")
    con.execute("""CREATE TABLE core_members AS SELECT * FROM (VALUES
        ('A1', 'senate', 'Independent'), ('B2', 'house', 'Republican'), ('C3', 'senate', 'Democrat'))
        t(member_id_bioguide, chamber, party)""")
    return con


def test_the_term_held_on_the_day_decides() -> None:
    con = _con()
    everyone = ["A1", "B2", "C3"]
    assert members_as_of(con, everyone, date(2024, 12, 31), "house", None) == {"A1", "B2"}
    assert members_as_of(con, everyone, date(2024, 12, 31), None, "Democrat") == {"A1", "C3"}  # C3: latest known
    assert members_as_of(con, everyone, date(2025, 12, 31), "senate", None) == {"A1", "C3"}  # C3: no dated term
    assert members_as_of(con, everyone, date(2025, 12, 31), "house", "Republican") == {"B2"}  # gone: last term
    assert members_as_of(con, everyone, date(2018, 12, 31), "senate", "Independent") == {"A1"}  # before any term
    assert members_as_of(con, [], date(2025, 12, 31), "house", None) == set()
