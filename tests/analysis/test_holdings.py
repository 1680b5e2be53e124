"""Holdings, positions carried through trades, net worth and ban impact, on small cases worked
by hand (rows written straight into the raw tables, then the real derive and SQL)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import duckdb
import pytest

from warstock.analysis.holdings import ban_impact, net_worth, policies, positions
from warstock.report import views
from warstock.warehouse import db, derive


def _put(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]], doc: str) -> None:
    db.insert_rows(con, table, rows, constants={"source_sha256": f"sha-{doc}", "source_doc_id": doc,
                                                "source_url": f"https://example.test/{doc}",
                                                "parser_version": "test/1", "read_method": "text"})


def _term(bioguide: str, first: str, last: str, state: str, district: int) -> dict[str, Any]:
    return {"snapshot": "2025-01-09_x", "member_id_bioguide": bioguide, "first_name": first, "last_name": last,
            "term_number": 1, "term_type": "rep", "term_start": date(2023, 1, 3), "term_end": date(2027, 1, 3),
            "state": state, "district": district, "party": "Democrat"}


def _holding(doc: str, n: int, owner: str, name: str, ticker: str | None, code: str, low: int | None,
             high: int | None, category: str = "band") -> dict[str, Any]:
    return {"doc_id": doc, "row_number": n, "owner": owner, "asset_name": name, "ticker": ticker,
            "asset_type_code": code, "value_text": "x", "value_category": category, "value_min_usd": low,
            "value_max_usd": high}


def _trade(doc: str, n: int, owner: str, name: str, ticker: str, kind: str, when: date, low: int,
           high: int) -> dict[str, Any]:
    return {"doc_id": doc, "row_number": n, "owner": owner, "asset_name": name, "ticker": ticker,
            "asset_type_code": "ST", "transaction_type": kind, "transaction_date": when, "amount_min_usd": low,
            "amount_max_usd": high, "filing_status": "new"}


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    c = db.connect(None)
    gone = {**_term("C000003", "Cy", "Gone", "OH", 3), "term_start": date(2019, 1, 3), "term_end": date(2021, 1, 3)}
    _put(c, "raw_congress__legislator_terms", [_term("A000001", "Ann", "Able", "NJ", 5),
                                               _term("B000002", "Bob", "Baker", "TX", 7), gone], "leg")
    _put(c, "raw_house__index", [
        {"doc_id": "10000001", "year": 2025, "filing_type": "A", "last_name": "Able", "first_name": "Ann",
         "state_district": "NJ05", "filing_date": date(2025, 5, 15)},
        {"doc_id": "20000001", "year": 2024, "filing_type": "P", "last_name": "Able", "first_name": "Ann",
         "state_district": "NJ05", "filing_date": date(2024, 7, 1)},
        {"doc_id": "20000002", "year": 2024, "filing_type": "P", "last_name": "Baker", "first_name": "Bob",
         "state_district": "TX07", "filing_date": date(2024, 7, 1)}], "idx")
    # Ann's annual report for 2023: LMT (self), NOC (spouse, open-ended band), a mutual fund, GD (value None)
    _put(c, "raw_house__annual_filings", [{"doc_id": "10000001", "filer_name": "Hon. Ann Able",
                                            "filer_status_code": "member", "state_district": "NJ05",
                                            "report_type": "annual", "filing_year": 2023,
                                            "filing_date": date(2024, 5, 15)}], "10000001")
    _put(c, "raw_house__holdings", [
        _holding("10000001", 1, "self", "Lockheed Martin Corp", "LMT", "ST", 15_001, 50_000),
        _holding("10000001", 2, "spouse", "Northrop Grumman Corp", "NOC", "ST", 50_000_001, None),
        _holding("10000001", 3, "self", "Vanguard 500 Index Fund", "VFIAX", "MF", 100_001, 250_000),
        _holding("10000001", 4, "self", "General Dynamics Corp", "GD", "ST", None, None, "none"),
    ], "10000001")
    db.insert_rows(c, "raw_parse__documents", [{"source": "house_annual", "doc_id": "10000001",
                                                 "source_sha256": "sha-10000001", "status": "parsed",
                                                 "parsed_at": datetime(2024, 6, 1), "read_method": "text"}])
    _put(c, "raw_house__liabilities", [{"doc_id": "10000001", "row_number": 1, "owner": "joint",
                                        "amount_min_usd": 250_001, "amount_max_usd": 500_000}], "10000001")
    # Ann sells all of her LMT in March 2024 (after the report): not held at the end of 2024
    _put(c, "raw_house__filings", [{"doc_id": "20000001", "year": 2024, "filer_name": "Hon. Ann Able",
                                     "state_district": "NJ05", "signed_date": date(2024, 7, 1)}], "20000001")
    _put(c, "raw_house__transactions", [
        _trade("20000001", 1, "self", "Lockheed Martin Corp", "LMT", "sale", date(2024, 3, 1), 15_001, 50_000)],
        "20000001")
    # Bob files no annual report: his RTX purchase is all we know
    _put(c, "raw_house__filings", [{"doc_id": "20000002", "year": 2024, "filer_name": "Hon. Bob Baker",
                                     "state_district": "TX07", "signed_date": date(2024, 7, 1)}], "20000002")
    _put(c, "raw_house__transactions", [
        _trade("20000002", 1, "self", "RTX Corp", "RTX", "purchase", date(2024, 4, 2), 1_001, 15_000)], "20000002")
    # Cy left Congress in 2021 still holding the GD he bought in 2020: a 2024 ban does not bind him
    _put(c, "raw_house__index", [{"doc_id": "20000003", "year": 2020, "filing_type": "P", "last_name": "Gone",
                                  "first_name": "Cy", "state_district": "OH03", "filing_date": date(2020, 7, 1)}],
         "idx2")
    _put(c, "raw_house__filings", [{"doc_id": "20000003", "year": 2020, "filer_name": "Hon. Cy Gone",
                                     "state_district": "OH03", "signed_date": date(2020, 7, 1)}], "20000003")
    _put(c, "raw_house__transactions", [
        _trade("20000003", 1, "self", "General Dynamics Corp", "GD", "purchase", date(2020, 6, 2), 1_001, 15_000)],
        "20000003")
    derive.refresh(c)
    return c


def by_ticker(rows: list[Any]) -> dict[str | None, Any]:
    return {r.ticker if hasattr(r, "ticker") else r["ticker"]: r for r in rows
            if (r.member_id_bioguide if hasattr(r, "ticker") else r["member_id_bioguide"]) != "C000003"}


def test_positions_carry_reports_through_trades(con: duckdb.DuckDBPyConnection) -> None:
    p = by_ticker(positions(con, date(2024, 12, 31)))
    lmt, noc, gd, rtx = p["LMT"], p["NOC"], p["GD"], p["RTX"]
    assert (lmt.status, lmt.sold_on, lmt.basis) == ("sold", date(2024, 3, 1), "reported_holding")
    assert (noc.status, noc.owner, noc.value_min_usd, noc.open_ended) == ("held", "spouse", 50_000_001, 1)
    assert gd.status == "sold" and "value None" in gd.rests_on  # valued None: gone by the report's date
    assert (rtx.basis, rtx.status, rtx.value_known) == ("trades_only", "held", False)
    assert "no annual report" in rtx.rests_on
    # before the sale, the report alone says Ann held LMT
    assert by_ticker(positions(con, date(2024, 1, 31)))["LMT"].status == "held"


def test_stop_profiting_from_war_on_hand_worked_cases(con: duckdb.DuckDBPyConnection) -> None:
    b = ban_impact(con, policies(con)["stop-profiting-from-war"], 2024, universe="warstock-defense-2025.1")
    got = {(r["member_id_bioguide"], r["ticker"]): r["status"] for r in b.positions}
    # LMT sold in 2024 was still held that year; the spouse's NOC counts; the fund is no contractor;
    # GD was gone before 2024; Bob's RTX rests on his purchase only
    assert got == {("A000001", "LMT"): "sold", ("A000001", "NOC"): "held", ("B000002", "RTX"): "held"}  # not Cy
    assert any(p.member_id_bioguide == "C000003" and p.status == "held" for p in positions(con, date(2024, 12, 31)))
    assert [(t["member_id_bioguide"], t["ticker"]) for t in b.trades] == [("B000002", "RTX")]
    ann = next(m for m in b.members if m["member_id_bioguide"] == "A000001")
    # held at year end: NOC only, an open-ended band: its low in both sums, counted apart
    assert (ann["amount_min_usd"], ann["amount_max_usd"], ann["open_ended_bands"]) == (50_000_001, 50_000_001, 1)
    assert ann["rests_on"].startswith("holdings reported as of 2023-12-31 (annual report 10000001)")
    bob = next(m for m in b.members if m["member_id_bioguide"] == "B000002")
    assert bob["rests_on"].startswith("trades only") and bob["unread_amounts"] == 1
    assert b.totals["members_on_trades_only"] == 1 and b.totals["members_on_reports"] == 1


def test_ethics_style_ban_exempts_funds(con: duckdb.DuckDBPyConnection) -> None:
    b = ban_impact(con, policies(con)["ethics-act-style"], 2024)
    tickers = {r["ticker"] for r in b.positions}
    assert "VFIAX" not in tickers and {"LMT", "NOC", "RTX"} <= tickers


def test_defense_committee_variant_needs_a_seat(con: duckdb.DuckDBPyConnection) -> None:
    b = ban_impact(con, policies(con)["defense-committee"], 2024)
    assert b.members == []  # nobody here sits on a defense committee


def test_net_worth_is_a_range_assets_minus_liabilities(con: duckdb.DuckDBPyConnection) -> None:
    (w,) = net_worth(con, "A000001")
    # assets: 15,001-50,000 + 50,000,001 (open-ended) + 100,001-250,000; GD valued None adds nothing
    assert (w["assets_min_usd"], w["assets_max_usd"]) == (50_115_003, 50_300_001)
    assert (w["assets_open_ended"], w["assets_without_band"]) == (1, 1)
    assert (w["amount_min_usd"], w["amount_max_usd"]) == (50_115_003 - 500_000, 50_300_001 - 250_001)


def test_views_reject_unknown_policies_and_show_both_traded_and_holds(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(views.BadRequest, match="unknown policy"):
        views.ban_impact(con, "nope", 2024)
    doc = views.ban_impact(con, "stop-profiting-from-war", 2024, "warstock-defense-2025.1")
    text = " ".join(doc.lines)
    assert "HOLDS:" in text and "TRADED:" in text


@pytest.fixture(scope="module")
def con2() -> duckdb.DuckDBPyConnection:
    c = db.connect(None)
    leaving = {**_term("E000005", "Eve", "Exit", "CA", 9), "term_end": date(2025, 1, 3)}
    _put(c, "raw_congress__legislator_terms", [_term("D000004", "Dan", "Dual", "NY", 2), leaving], "leg")
    idx = [("10000002", "A", "Dual", "Dan", "NY02"), ("10000003", "A", "Dual", "Dan", "NY02"),
           ("20000004", "P", "Exit", "Eve", "CA09"), ("20000005", "P", "Exit", "Eve", "CA09")]
    _put(c, "raw_house__index", [
        {"doc_id": d, "year": 2024, "filing_type": t, "last_name": last, "first_name": first,
         "state_district": sd, "filing_date": date(2024, 5, 1)} for d, t, last, first, sd in idx], "idx")
    for doc, year, rows_ in (("10000002", 2022, [_holding("10000002", 1, "self", "Lockheed Martin", "LMT", "ST",
                                                          1_000_001, 5_000_000)]),
                             ("10000003", 2023, [_holding("10000003", 1, "self", "Boeing Co", "BA", "ST",
                                                          15_001, 50_000)])):
        _put(c, "raw_house__annual_filings", [{"doc_id": doc, "filer_name": "Hon. Dan Dual", "state_district": "NY02",
                                                "filer_status_code": "member", "report_type": "annual",
                                                "filing_year": year, "filing_date": date(year + 1, 5, 15)}], doc)
        _put(c, "raw_house__holdings", rows_, doc)
        db.insert_rows(c, "raw_parse__documents", [
            {"source": "house_annual", "doc_id": doc, "source_sha256": f"sha-{doc}", "status": "parsed",
             "parsed_at": datetime(2024, 6, 1), "read_method": "text"}])
    # Eve (leaves 2025-01-03) buys GD on paper in 2024; a second purchase's date was read with doubt
    _put(c, "raw_house__filings", [{"doc_id": "20000004", "year": 2024, "filer_name": "Hon. Eve Exit",
                                     "state_district": "CA09", "signed_date": date(2024, 7, 1)}], "20000004")
    _put(c, "raw_house__transactions", [
        _trade("20000004", 1, "self", "General Dynamics Corp", "GD", "purchase", date(2024, 3, 1), 1_001, 15_000),
        _trade("20000004", 2, "self", "Lockheed Martin Corp", "LMT", "exchange", date(2024, 3, 2), 1_001, 15_000)],
        "20000004")
    db.insert_rows(c, "raw_house__transactions", [
        {**_trade("20000005", 1, "self", "Northrop Grumman", "NOC", "purchase", date(2024, 4, 1), 1_001, 15_000),
         "needs_review": True, "ocr_confidence": 31.0}],
        constants={"source_sha256": "sha-20000005", "source_doc_id": "20000005", "parser_version": "ocr/1",
                   "read_method": "ocr"})
    _put(c, "raw_house__filings", [{"doc_id": "20000005", "year": 2024, "filer_name": "Hon. Eve Exit",
                                     "state_district": "CA09", "signed_date": date(2024, 7, 1)}], "20000005")
    derive.refresh(c)
    return c


def test_a_holding_missing_from_a_later_report_has_ended(con2: duckdb.DuckDBPyConnection) -> None:
    p = {x.ticker: x for x in positions(con2, date(2024, 12, 31), "D000004")}
    assert (p["LMT"].status, p["LMT"].sold_on, p["LMT"].value_known) == ("sold", date(2023, 12, 31), False)
    assert "not on the report as of 2023-12-31" in p["LMT"].rests_on
    assert (p["BA"].status, p["BA"].value_min_usd) == ("held", 15_001)


def test_the_ban_binds_members_in_office_and_never_counts_a_doubtful_or_exchanged_trade(
        con2: duckdb.DuckDBPyConnection) -> None:
    policy = policies(con2)["stop-profiting-from-war"]
    b24 = ban_impact(con2, policy, 2024, universe="warstock-defense-2025.1")
    assert [(t["member_id_bioguide"], t["ticker"]) for t in b24.trades] == [("E000005", "GD")]  # not the exchange
    assert b24.totals["doubtful_purchases_not_counted"] == 1  # NOC, read with doubt on paper
    assert "NOC" not in {r["ticker"] for r in b24.positions}
    b25 = ban_impact(con2, policy, 2025, universe="warstock-defense-2025.1")
    assert "E000005" not in {m["member_id_bioguide"] for m in b25.members}  # gone on 2025-01-03


def test_net_worth_does_not_double_count_an_account_and_its_holdings() -> None:
    """An IRA listed at $15,001–$50,000 with two valued holdings under it ($1,001–$15,000 and
    $15,001–$50,000): the account's value may include them or be only its cash. Low = larger of
    15,001 and 1,001 + 15,001 = 16,002; high = 50,000 + 15,000 + 50,000 = 115,000. A self-named
    account ("529 Plan ⇒ 529 Plan", one row) is one asset, counted once; a bank account 1,001–15,000."""
    c = db.connect(None)
    _put(c, "raw_congress__legislator_terms", [_term("A000001", "Ann", "Able", "NJ", 5)], "leg")
    _put(c, "raw_house__index", [{"doc_id": "10000009", "year": 2025, "filing_type": "A", "last_name": "Able",
                                  "first_name": "Ann", "state_district": "NJ05", "filing_date": date(2025, 5, 15)}],
         "idx")
    _put(c, "raw_house__annual_filings", [{"doc_id": "10000009", "filer_name": "Hon. Ann Able",
                                            "filer_status_code": "member", "state_district": "NJ05",
                                            "report_type": "annual", "filing_year": 2024,
                                            "filing_date": date(2025, 5, 15)}], "10000009")
    rows_ = [_holding("10000009", 1, "self", "Simple IRA", None, "IR", 15_001, 50_000),
             {**_holding("10000009", 2, "self", "Lockheed Martin Corp", "LMT", "ST", 1_001, 15_000),
              "subholding_of": "Simple IRA"},
             {**_holding("10000009", 3, "self", "Vanguard 500", "VOO", "EF", 15_001, 50_000),
              "subholding_of": "Simple IRA"},
             {**_holding("10000009", 4, "self", "529 Plan", None, "5F", 15_001, 50_000), "subholding_of": "529 Plan"},
             _holding("10000009", 5, "self", "Bank account", None, "BA", 1_001, 15_000)]
    _put(c, "raw_house__holdings", rows_, "10000009")
    db.insert_rows(c, "raw_parse__documents", [{"source": "house_annual", "doc_id": "10000009",
                                                 "source_sha256": "sha-10000009", "status": "parsed",
                                                 "parsed_at": datetime(2025, 6, 1), "read_method": "text"}])
    derive.refresh(c)
    (w,) = net_worth(c, "A000001")
    assert w["nested_accounts"] == 1
    assert (w["assets_min_usd"], w["assets_max_usd"]) == (16_002 + 15_001 + 1_001, 115_000 + 50_000 + 15_000)


def test_series_tells_each_year_end_and_an_ended_position_once(con: duckdb.DuckDBPyConnection) -> None:
    """Ann's report as of 2023-12-31 lists LMT, NOC (spouse), a fund and GD valued None. At the end
    of 2023: LMT, NOC and the fund held, GD ended during 2023. At the end of 2024: LMT ended (sold
    2024-03-01), NOC and the fund still held; GD is not told again."""
    from warstock.analysis.holdings import series

    got = {(r["year_end"].year, r["ticker"], r["status"]) for r in series(con, 2023, 2024, "A000001")}
    assert got == {(2023, "LMT", "held"), (2023, "NOC", "held"), (2023, "VFIAX", "held"), (2023, "GD", "sold"),
                   (2024, "LMT", "sold"), (2024, "NOC", "held"), (2024, "VFIAX", "held")}


def test_a_holding_ocr_read_with_doubt_is_no_position_and_not_in_net_worth() -> None:
    """A paper report read by OCR: Lockheed Martin confident ($15,001–$50,000), a second row
    flagged for review ($1,000,001–$5,000,000 as read). Only the first is a position and in
    net worth; the flagged one is listed apart."""
    from warstock.analysis.holdings import doubtful_holdings

    c = db.connect(None)
    _put(c, "raw_congress__legislator_terms", [_term("A000001", "Ann", "Able", "NJ", 5)], "leg")
    _put(c, "raw_house__index", [{"doc_id": "8000001", "year": 2025, "filing_type": "A", "last_name": "Able",
                                  "first_name": "Ann", "state_district": "NJ05", "filing_date": date(2025, 5, 15)}],
         "idx")
    _put(c, "raw_house__annual_filings", [{"doc_id": "8000001", "filer_name": "Hon. Ann Able",
                                            "filer_status_code": "member", "state_district": "NJ05",
                                            "report_type": "annual", "filing_year": 2024,
                                            "filing_date": date(2025, 5, 15)}], "8000001")
    _put(c, "raw_house__holdings", [
        {**_holding("8000001", 1, "self", "Lockheed Martin Corp", "LMT", "ST", 15_001, 50_000), "needs_review": False},
        {**_holding("8000001", 2, "spouse", "Nrthrp Grmmn", None, None, 1_000_001, 5_000_000), "needs_review": True,
         "review_reason": "asset name read with low confidence"}], "8000001")
    db.insert_rows(c, "raw_parse__documents", [{"source": "house_annual", "doc_id": "8000001",
                                                 "source_sha256": "sha-8000001", "status": "parsed",
                                                 "parsed_at": datetime(2025, 6, 1), "read_method": "text"}])
    derive.refresh(c)
    held = positions(c, date(2025, 12, 31), "A000001")
    assert [p.asset_name for p in held] == ["Lockheed Martin Corp"]
    (w,) = net_worth(c, "A000001")
    assert (w["assets_min_usd"], w["assets_max_usd"], w["rows_flagged"]) == (15_001, 50_000, 1)
    assert [d["asset_name"] for d in doubtful_holdings(c, date(2025, 12, 31), "A000001")] == ["Nrthrp Grmmn"]
