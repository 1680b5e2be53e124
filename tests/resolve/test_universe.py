"""Universe editions: ticker history, aliases, subsidiaries, show and diff, on tiny catalogs the
tests write, and on the shipped universe where the fact tested is the shipped data's."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from warstock.resolve.issuers import IssuerIndex
from warstock.resolve.universe import (
    EDITION_FIELDS,
    MEMBERSHIP_FIELDS,
    RecipientMatcher,
    UnknownEdition,
    diff,
    load_catalog,
    read_csv,
    show,
)
from warstock.settings import package_data


def write(path: Path, rows: list[dict[str, object]], fields: list[str] | None = None) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields or list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def edition(uid: str, completeness: str = "complete") -> dict[str, object]:
    return {**{k: "" for k in EDITION_FIELDS}, "universe_id": uid, "title": uid.upper(),
            "completeness": completeness}


def member(uid: str, issuer: str, rank: object) -> dict[str, object]:
    return {**{k: "" for k in MEMBERSHIP_FIELDS}, "universe_id": uid, "issuer_id": issuer, "rank": rank,
            "source": f"list {uid} #{rank}", "source_row": f"row {issuer}"}


@pytest.fixture()
def tiny(tmp_path: Path) -> Path:
    """Two tiny editions: A = {lmt #1, gd #2, ba #3, hum #4}, B = {lmt #1, ba #2, gd #3, pfe #5}."""
    root = tmp_path / "universe"
    root.mkdir()
    write(root / "editions.csv", [edition("a"), edition("b", "fragment")])
    write(root / "memberships.csv", [member("a", "lmt", 1), member("a", "gd", 2), member("a", "ba", 3),
                                     member("a", "hum", 4), member("b", "lmt", 1), member("b", "ba", 2),
                                     member("b", "gd", 3), member("b", "pfe", 5)])
    write(root / "issuers.csv", [{"issuer_id": i, "name": n, "sec_cik": "", "sec_title": "", "country": "US"}
                                 for i, n in [("lmt", "Lockheed Martin"), ("gd", "General Dynamics"),
                                              ("ba", "Boeing"), ("hum", "Humana"), ("pfe", "Pfizer"),
                                              ("rtx", "RTX")]])
    write(root / "tickers.csv", [{"issuer_id": i, "ticker": i.upper(), "valid_from": "", "valid_to": "",
                                  "source": "t"} for i in ("lmt", "gd", "ba", "hum", "pfe", "rtx")]
          + [{"issuer_id": "rtx", "ticker": "RTN", "valid_from": "", "valid_to": "2020-04-02", "source": "t"}])
    write(root / "aliases.csv", [{"issuer_id": "rtx", "alias": "Raytheon Company", "source": "t"},
                                 {"issuer_id": "lmt", "alias": "Lockheed Martin Corp.", "source": "t"}])
    write(root / "subsidiaries.csv", [
        {"issuer_id": "lmt", "subsidiary": "Sikorsky Aircraft Corporation", "uei": "", "valid_from": "2015-11-06",
         "valid_to": "", "relation": "acquired", "source": "s"},
        {"issuer_id": "gd", "subsidiary": "Electric Boat Corporation", "uei": "EBUEI0000001", "valid_from": "",
         "valid_to": "", "relation": "unit", "source": "s"},
        {"issuer_id": "rtx", "subsidiary": "Collins Aerospace", "uei": "", "valid_from": "2018-11-26",
         "valid_to": "", "relation": "unit", "source": "s"}])
    return root


def test_diff_of_two_tiny_editions(tiny: Path) -> None:
    d = diff(load_catalog(tiny), "a", "b")
    assert [(r["issuer_id"], r["rank"]) for r in d["only_a"]] == [("hum", 4)]
    assert [(r["issuer_id"], r["rank"]) for r in d["only_b"]] == [("pfe", 5)]
    # ba moved up from 3 to 2, gd down from 2 to 3; lmt kept #1
    assert [(r["issuer_id"], r["rank_a"], r["rank_b"], r["change"]) for r in d["rank_changes"]] == [
        ("ba", 3, 2, 1), ("gd", 2, 3, -1)]
    assert d["same_rank"] == 1
    with pytest.raises(UnknownEdition, match="known: a, b"):
        diff(load_catalog(tiny), "a", "nope")


def test_show_lists_companies_in_rank_order_with_tickers_subsidiaries_and_sources(tiny: Path) -> None:
    ed, rows = show(load_catalog(tiny), "b")
    assert ed["completeness"] == "fragment"
    assert [r["issuer_id"] for r in rows] == ["lmt", "ba", "gd", "pfe"]
    lmt = rows[0]
    assert lmt["subsidiaries"] == "Sikorsky Aircraft Corporation" and lmt["source_rows"] == "row lmt"
    assert lmt["sources"] == "list b #1"


def test_fetched_editions_join_the_shipped_ones(tiny: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = home / "universes" / "dod-prime-fy2024-top2"
    folder.mkdir(parents=True)
    (folder / "edition.json").write_text(json.dumps({**edition("dod-prime-fy2024-top2"),
                                                      "provenance": {"fiscal_year": 2024}}))
    write(folder / "memberships.csv", [member("dod-prime-fy2024-top2", "gd", 1),
                                       member("dod-prime-fy2024-top2", "rtx", 2)])
    cat = load_catalog(tiny, home)
    assert set(cat.editions) == {"a", "b", "dod-prime-fy2024-top2"}
    assert cat.editions["dod-prime-fy2024-top2"]["provenance"] == {"fiscal_year": 2024}
    d = diff(cat, "a", "dod-prime-fy2024-top2")
    assert {r["issuer_id"] for r in d["only_b"]} == {"rtx"}


def test_subsidiaries_match_contract_recipients_to_their_parent(tiny: Path) -> None:
    m = RecipientMatcher(load_catalog(tiny), date(2024, 9, 30))
    sik = m.match("SIKORSKY AIRCRAFT CORPORATION")
    assert sik is not None and (sik.issuer_id, sik.method) == ("lmt", "subsidiary")
    eb = m.match("Some other name", "ebuei0000001")  # by UEI, whatever the name
    assert eb is not None and (eb.issuer_id, eb.method) == ("gd", "uei")
    assert m.match("ELECTRIC BOAT CORPORATION").issuer_id == "gd"  # type: ignore[union-attr]
    assert m.match("LOCKHEED MARTIN CORPORATION").issuer_id == "lmt"  # type: ignore[union-attr]
    assert m.match("RAYTHEON COMPANY").issuer_id == "rtx"  # type: ignore[union-attr]
    assert m.match("BECHTEL NATIONAL INC") is None
    # a subsidiary counts for its parent only from the date it joined it
    before = RecipientMatcher(load_catalog(tiny), date(2015, 9, 30))
    assert before.match("SIKORSKY AIRCRAFT CORPORATION") is None
    assert before.match("COLLINS AEROSPACE") is None


def test_a_subsidiary_name_does_not_match_a_traded_asset(tiny: Path) -> None:
    """Decision: subsidiaries issue no stock, so an *asset* named after one is not the parent's
    (asset matching reads tickers, aliases and names only, never subsidiaries.csv)."""
    cat = load_catalog(tiny)
    assets = IssuerIndex(cat.tickers, cat.aliases, list(cat.issuers.values()))
    assert assets.match(None, "Sikorsky Aircraft", date(2024, 5, 1)) is None
    assert assets.match(None, "Lockheed Martin Corp.", date(2024, 5, 1)).issuer_id == "lmt"  # type: ignore[union-attr]


def shipped_index() -> IssuerIndex:
    def rows(name: str) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for r in read_csv(package_data("universe") / name):
            out.append({k: (date.fromisoformat(v) if k.startswith("valid_") and v else v or None)
                        for k, v in r.items()})
        return out

    return IssuerIndex(rows("tickers.csv"), rows("aliases.csv"), rows("issuers.csv"))


def test_ticker_history_in_the_shipped_universe() -> None:
    index = shipped_index()
    # Raytheon Co. traded as RTN until it merged into United Technologies (RTX) on 2020-04-03
    m = index.match("RTN", "Raytheon Company", date(2019, 6, 3))
    assert m is not None and m.issuer_id == "rtx" and m.method == "former_ticker"
    assert index.match("RTN", "Raytheon Company", date(2021, 6, 3)) is None  # RTN names nothing after
    m = index.match("LLL", "L3 Technologies", date(2019, 3, 1))
    assert m is not None and m.issuer_id == "lhx"
    assert index.match("LLL", "L3 Technologies", date(2019, 7, 1)) is None
    m = index.match("UTX", None, date(2018, 1, 2))
    assert m is not None and m.issuer_id == "rtx"


def test_aliases_in_the_shipped_universe() -> None:
    index = shipped_index()
    for name, issuer in [("Raytheon Company", "rtx"), ("United Technologies Corp", "rtx"),
                         ("L3 Technologies Inc", "lhx"), ("AmerisourceBergen Corp", "cor"),
                         ("NORTHROP GRUMMAN CORP /DE/", "noc"), ("International Business Machines Corp", "ibm")]:
        m = index.match(None, name, date(2024, 1, 2))
        assert m is not None and m.issuer_id == issuer, name


def test_shipped_editions_say_where_they_come_from() -> None:
    cat = load_catalog()
    for uid, e in cat.editions.items():
        assert e["completeness"] in ("complete", "fragment", "floor"), uid
        assert e["source"] and e["basis"] in ("fiscal", "calendar", "mixed"), uid
        assert cat.members(uid), uid
    for y in ("2022", "2023", "2024"):  # the SIPRI Top 100 editions are whole: ranks 1..100
        ranks = sorted(int(m["rank"]) for m in cat.memberships if m["universe_id"] == f"sipri-top100-{y}")
        assert ranks == list(range(1, 101)), y
    assert cat.editions["dod-any-contractor"]["completeness"] == "floor"
    # FY2020's list has Raytheon (#4) and United Technologies (#9): both RTX today, listed once
    _, rows = show(cat, "dod-top-recipients-fy2020")
    rtx = next(r for r in rows if r["issuer_id"] == "rtx")
    assert rtx["rank"] == 4 and rtx["listed_as"] == "Raytheon #4; United Technologies #9"
    subs = {(s["issuer_id"], s["subsidiary"]) for s in cat.subsidiaries}
    assert {("lmt", "Sikorsky Aircraft Corporation"), ("gd", "Electric Boat Corporation"),
            ("gd", "Gulfstream Aerospace Corporation"), ("rtx", "Collins Aerospace"),
            ("rtx", "Pratt & Whitney")} <= subs
    assert all(s["source"] for s in cat.subsidiaries)
