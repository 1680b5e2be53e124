"""`warstock import` on a warehouse built from the synthetic folder (tests/synthetic.py), with peer
files this test writes: which rows count (a document warstock read wins; one import per filing),
bands cut short, unresolved filers, a broken file, importing twice, and the report's totals split
by origin — every expected value worked out by hand below."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from synthetic import SENATE_ORIGINAL, add_bad_documents, make_shared
from warstock.analysis import context
from warstock.analysis.defense import defense_trading
from warstock.analysis.imports import import_counts
from warstock.cli import app
from warstock.report.render import report_doc
from warstock.settings import DEFAULT_UNIVERSE
from warstock.sources import peer_congress_trading_signal, peer_house_stock_watcher
from warstock.warehouse import db

runner = CliRunner()
NEW_SENATE = "99999999-2222-3333-4444-555555555555"  # a Senate report warstock never archived


def hsw(doc: str, date: str, ticker: str, amount: str, *, rep: str = "Jane Q. Doe", district: str = "NJ05",
        kind: str = "Purchase", owner: str = "Self") -> dict[str, str]:
    return {"transaction_date": date, "disclosure_date": "05/01/2025", "ticker": ticker,
            "asset_description": f"{ticker} Common Stock", "asset_type": "Stock", "type": kind, "amount": amount,
            "representative": rep, "district": district, "owner": owner, "filing_id": doc,
            "source_url": f"https://disclosures-clerk.house.gov/public_disc/ptr-pdfs/2025/{doc}.pdf"}


# The synthetic folder has: 20000001 (Doe) parsed; 20000004 (Doe) listed, never archived;
# 8000001 (Roe) scanned, awaiting OCR; 20000005 (Roe) archived, failed (a truncated PDF);
# SENATE_ORIGINAL (Sterling) parsed.
HSW_ROWS = [
    hsw("20000001", "01/10/2025", "LMT", "$1,001 - $15,000"),  # 1: warstock read 20000001: superseded
    hsw("20000004", "03/01/2025", "NOC", "$15,001 -\n$50,000"),  # 2: counted, 15,001-50,000 (wrapped, read)
    hsw("20000004", "03/02/2025", "RTX", "$50,001 -", kind="Sale"),  # 3: counted, band cut short: not read
    hsw("20000004", "03/03/2025", "GD", "Over $50,000,000"),  # 4: counted, open-ended 50,000,001
    hsw("8000001", "04/01/2025", "BA", "$1,001 - $15,000", rep="Richard Roe", district="TX30"),  # 5: awaiting OCR
    hsw("20000005", "04/02/2025", "LMT", "$100,001 - $250,000", rep="Richard Roe", district="TX30",
        kind="Sale"),  # 6: warstock's document failed: the import fills the gap
]
HSW_EXTRA = ["not a trade"]  # element 7: not an object -> a recorded unreadable row

CTS_HEADER = ["bioguide_id", "declarant_name", "chamber", "party", "state_district", "transaction_date",
              "disclosure_date", "ticker", "asset_description", "asset_type", "operation_type", "amount_range",
              "amount_midpoint", "owner", "doc_id", "source_url"]


def cts(doc: str, chamber: str, name: str, sd: str, date: str, ticker: str, amount: str,
        owner: str = "SELF") -> list[str]:
    return ["X000001", name, chamber, "Republican", sd, date, "2025-05-02", ticker, f"{ticker} Inc", "Stock",
            "Purchase", amount, "8000.5", owner, doc, f"https://example.invalid/{doc}"]


CTS_ROWS = [
    # 20000004 again, with both bands cut short: HSW reads 2 of its 3 rows' bands there, CTS 0 of 2,
    # so HSW's rows count and these are superseded by another import
    cts("20000004", "house", "Jane Q. Doe", "NJ05", "2025-03-01", "NOC", "$15,001"),
    cts("20000004", "house", "Jane Q. Doe", "NJ05", "2025-03-02", "RTX", "$50,001"),
    # warstock read SENATE_ORIGINAL: superseded by the document
    cts(SENATE_ORIGINAL, "senate", "Sam Sterling", "OH", "2025-02-10", "GD", "$15,001 - $50,000"),
    # a Senate report warstock does not have: counted, open-ended spouse band 1,000,001
    cts(NEW_SENATE, "senate", "Sam Sterling", "OH", "2025-06-01", "LMT", "SP/DC over $1,000,000", "Spouse"),
    # a filer who is no member: counted, unresolved (?)
    cts("20000099", "house", "Zed Nobody", "ZZ01", "2025-06-02", "RTX", "$1,001 - $15,000"),
]


def write_cts(path: Path, rows: list[list[str]], header: list[str] = CTS_HEADER) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("imports")
    data = make_shared(tmp)
    add_bad_documents(data)
    home = tmp / "home"
    built = runner.invoke(app, ["run", str(data), "--home", str(home), "--workers", "1"])
    assert built.exit_code == 1, built.output  # two synthetic documents fail, as in test_cli
    peers = tmp / "peers"
    peers.mkdir()
    (peers / "all_transactions.json").write_text(json.dumps([*HSW_ROWS, *HSW_EXTRA]))
    ragged = [*CTS_ROWS, ["only", "three", "fields"]]  # row 6: wrong width -> recorded, not loaded
    write_cts(peers / "06_house_2025_transactions.csv", ragged)
    for fmt, name in (("house-stock-watcher", "all_transactions.json"),
                      ("congress-trading-signal", "06_house_2025_transactions.csv")):
        res = runner.invoke(app, ["import", "--format", fmt, str(peers / name), "--home", str(home),
                                  "--output", "json"])
        assert res.exit_code == 0, res.output
    return home


def _con(home: Path):  # type: ignore[no-untyped-def]
    return db.connect(home / "warstock.duckdb", read_only=True)


def test_a_document_warstock_read_wins_and_gaps_are_filled(home: Path) -> None:
    con = _con(home)
    got = {(r[0], r[1]): (r[2], r[3]) for r in con.execute(
        "SELECT format, row_number, import_status, document_status FROM core_import__rows").fetchall()}
    hw, ct = "house-stock-watcher", "congress-trading-signal"
    assert got == {
        (hw, 1): ("superseded_by_document", "read"),
        (hw, 2): ("counted", "not_archived"), (hw, 3): ("counted", "not_archived"),
        (hw, 4): ("counted", "not_archived"),
        (hw, 5): ("counted", "needs_ocr"), (hw, 6): ("counted", "failed"),
        (ct, 1): ("superseded_by_import", "not_archived"), (ct, 2): ("superseded_by_import", "not_archived"),
        (ct, 3): ("superseded_by_document", "read"),
        (ct, 4): ("counted", "not_archived"), (ct, 5): ("counted", "not_archived"),
    }
    # in core_transactions: the document's rows of 20000001 only, and the imported rows labelled
    origins = dict(con.execute("SELECT doc_id, string_agg(DISTINCT origin, ',') FROM core_transactions "
                               "WHERE doc_id IN ('20000001', '20000004', '8000001', '20000005', ?, ?) GROUP BY 1",
                               [SENATE_ORIGINAL, NEW_SENATE]).fetchall())
    assert origins == {"20000001": "document", SENATE_ORIGINAL: "document",
                       "20000004": "import:house-stock-watcher", "8000001": "import:house-stock-watcher",
                       "20000005": "import:house-stock-watcher", NEW_SENATE: "import:congress-trading-signal"}
    members = dict(con.execute("SELECT doc_id, member_id_bioguide FROM core_transactions WHERE origin <> 'document'"
                               ).fetchall())
    assert members == {"20000004": "D000001", "8000001": "R000002", "20000005": "R000002",
                       NEW_SENATE: "S000003", "20000099": None}  # the peer's X000001 is never used
    con.close()


def test_counts_per_file(home: Path) -> None:
    con = _con(home)
    counts = {r["format"]: r for r in import_counts(con)}
    con.close()
    h, c = counts["house-stock-watcher"], counts["congress-trading-signal"]
    assert (h["rows_read"], h["loaded"], h["rows_dropped"], h["counted"], h["superseded_by_documents"],
            h["superseded_by_imports"], h["unresolved"], h["truncated_bands"]) == (7, 6, 1, 5, 1, 0, 0, 1)
    assert (c["rows_read"], c["loaded"], c["rows_dropped"], c["counted"], c["superseded_by_documents"],
            c["superseded_by_imports"], c["unresolved"], c["truncated_bands"]) == (6, 5, 1, 2, 1, 2, 1, 0)


def test_report_splits_totals_by_origin(home: Path) -> None:
    con = _con(home)
    rep = defense_trading(con, 2025, DEFAULT_UNIVERSE)
    con.close()
    by = {o["origin"]: o for o in rep.origins}
    # documents (tests/synthetic.py EXPECTED): Doe 1,001-15,000 + 250,001-500,000; Roe Over $50M
    # option + 1,001-15,000 + 1,001-15,000; Sterling 50,001-100,000
    doc = by["document"]
    assert (doc["trades"], doc["amount_min_usd"], doc["amount_max_usd"], doc["open_ended_bands"]) == \
        (6, 50_303_006, 50_645_001, 1)
    # HSW: NOC 15,001-50,000; RTX cut short (unread); GD Over $50M; BA 1,001-15,000; LMT 100,001-250,000
    hs = by["import:house-stock-watcher"]
    assert (hs["trades"], hs["amount_min_usd"], hs["amount_max_usd"], hs["open_ended_bands"], hs["unread_amounts"],
            hs["truncated_bands"]) == (5, 50_116_004, 50_315_001, 1, 1, 1)
    # CTS: LMT spouse Over $1M (open-ended); RTX 1,001-15,000 by an unresolved filer
    cs = by["import:congress-trading-signal"]
    assert (cs["trades"], cs["amount_min_usd"], cs["amount_max_usd"], cs["open_ended_bands"]) == \
        (2, 1_001_002, 1_015_001, 1)
    t = rep.totals
    assert (t["trades"], t["amount_min_usd"], t["amount_max_usd"], t["open_ended_bands"], t["unread_amounts"]) == \
        (13, 101_420_012, 101_975_003, 3, 1)
    doe = next(m for m in rep.members if m["member_id_bioguide"] == "D000001")
    assert (doe["trades"], doe["imported_trades"]) == (5, 3)
    doc = report_doc(rep)
    lines = " ".join(doc.lines)
    assert "Of which read from documents: 6 trades" in lines
    # of the 8 PTRs in the 2025 index, warstock read 4; imports carry 20000004 (not archived),
    # 8000001 (awaiting OCR) and 20000005 (failed); 20000006 (failed) is in no import. Senate: 2 of the
    # 3 reports read (the paper one awaits OCR), none of them in an import
    assert lines.startswith("PARTIAL: only part of this year's filings were read (House 2025: read 4 of 8; "
                            "imports carry 3 more; Senate 2025: read 2 of 3). The totals below count only what "
                            "was read and what the imports carry (split below).")
    assert ("House 2025: 8 PTRs in the Clerk's index; 4 PTRs parsed; 1 paper awaiting OCR; 2 failed; "
            "1 not in the archive; 3 filings not read here carried by an import") in doc.notes
    assert "from import:house-stock-watcher: 5 trades" in lines and "+1 band cut short, not read" in lines


def test_imported_dates_accuse_no_one(home: Path) -> None:
    con = _con(home)
    # Roe sits on HSAS from the 2025-01-12 roster on; his imported BA and LMT trades fall in that seat
    sure = context.committee_conflicts(con, 2025, DEFAULT_UNIVERSE, certain=True)
    apart = context.committee_conflicts(con, 2025, DEFAULT_UNIVERSE, certain=False)
    assert not {r["doc_id"] for r in sure} & {"8000001", "20000005"}
    assert {"8000001", "20000005"} <= {r["doc_id"] for r in apart}
    # NOC traded 2025-03-01, disclosed 2025-05-01: past the 45 days, but shown apart, never as late
    late = con.execute("SELECT DISTINCT finding FROM out_late_filings__all WHERE read_method = 'import'").fetchall()
    assert late == [("imported",)]
    assert con.execute("SELECT count(*) FROM out_late_filings WHERE read_method = 'import'").fetchone() == (0,)
    con.close()


def _reproduction():  # type: ignore[no-untyped-def]
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "reproduce_quincy_2024.py"
    spec = importlib.util.spec_from_file_location("reproduce_quincy_2024", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reproduction_arithmetic_by_filing_date_and_committees(home: Path) -> None:
    """The reproduction's other date basis (first disclosed in the year): the 13 trades of
    test_report_splits_totals_by_origin plus Doe's GD trade of 2024-12-30 filed in 2025
    (1,001-15,000). Open-ended bands (Roe's Over $50,000,000 option, HSW's Over $50,000,000, the
    spouse Over $1,000,000) add their low to both sums and are counted apart; the band cut short
    adds nothing and is counted apart."""
    rq = _reproduction()
    con = _con(home)
    got = rq.filing_date_basis(con, DEFAULT_UNIVERSE, 2025)
    assert got == {"members": 3, "trades": 14, "amount_min_usd": 101_421_013, "amount_max_usd": 101_990_003,
                   "open_ended_bands": 3, "unread_amounts": 1}
    assert rq.money(got) == "$101.4M – $102.0M (+3 open-ended) (+1 band not read)"
    # Doe sat on HSAS 2025-01-05..2025-01-12, Roe on HSFA and HSAS; Sterling on none; nobody in 2024
    assert rq.on_committees(con, ["D000001", "R000002", "S000003"], 2025) == ["D000001", "R000002"]
    assert rq.on_committees(con, ["D000001", "R000002", "S000003"], 2024) == []
    con.close()


def test_importing_twice_adds_nothing(home: Path, tmp_path: Path) -> None:
    con = _con(home)
    before = con.execute("SELECT count(*) FROM core_transactions").fetchone()
    raw = con.execute("SELECT count(*) FROM raw_import__house_stock_watcher").fetchone()
    con.close()
    again = tmp_path / "all_transactions.json"
    again.write_text(json.dumps([*HSW_ROWS, *HSW_EXTRA]))  # the same bytes, from elsewhere
    res = runner.invoke(app, ["import", "--format", "house-stock-watcher", str(again), "--home", str(home)])
    assert res.exit_code == 0 and "Already imported, unchanged: all_transactions.json" in res.output
    con = _con(home)
    assert con.execute("SELECT count(*) FROM core_transactions").fetchone() == before
    assert con.execute("SELECT count(*) FROM raw_import__house_stock_watcher").fetchone() == raw
    con.close()


def test_a_broken_file_is_recorded_and_the_rest_imported(home: Path, tmp_path: Path) -> None:
    broken = write_cts(tmp_path / "06_senate_2025_FINAL.csv", [["a", "b"]], header=["doc_id", "chamber"])
    garbage = tmp_path / "06b_house_2025_ocr_transactions.csv"
    garbage.write_bytes(b"\xff\xfe\x00garbage")
    good = write_cts(tmp_path / "06_house_2026_transactions.csv",
                     [cts("20000123", "house", "Jane Q. Doe", "NJ05", "2025-07-01", "LMT", "$1,001 - $15,000")])
    res = runner.invoke(app, ["import", "--format", "congress-trading-signal", str(broken), str(garbage), str(good),
                              "--home", str(home)])
    assert res.exit_code == 1, res.output
    assert "FAILED 06_senate_2025_FINAL.csv: unknown layout: columns declarant_name" in res.output
    assert "FAILED 06b_house_2025_ocr_transactions.csv: not UTF-8 text" in res.output
    con = _con(home)
    status = dict(con.execute("SELECT file_name, status FROM core_import__files").fetchall())
    assert status["06_senate_2025_FINAL.csv"] == "failed" and status["06_house_2026_transactions.csv"] == "parsed"
    assert con.execute("SELECT count(*) FROM core_transactions WHERE doc_id = '20000123'").fetchone() == (1,)
    problems = con.execute("SELECT level, code FROM out_problems WHERE source = 'peer_congress_trading_signal' "
                           "AND doc_id = '06_senate_2025_FINAL.csv'").fetchall()
    assert ("document_failed", "failed") in problems
    con.close()


def test_parsers_on_their_own() -> None:
    r = peer_house_stock_watcher.parse(b'{"not": "a list"}')
    assert r.status == "failed" and "not a list" in (r.reason or "")
    assert peer_house_stock_watcher.parse(b"[1, 2").status == "failed"
    buf = io.StringIO()
    csv.writer(buf).writerows([CTS_HEADER, cts("1", "house", "A B", "NJ05", "2025-13-40", "X", "$1,001")])
    r = peer_congress_trading_signal.parse(buf.getvalue().encode())
    rec = r.records[0]
    # a bad date and a band that is a low end alone ("$1,001"): both unread, both noted, the row kept
    assert rec["transaction_date"] is None and rec["amount_min_usd"] is None and rec["amount_truncated"]
    assert {n.code for n in r.notes} == {"bad_transaction_date", "truncated_band"}


def test_bad_import_arguments_exit_2(tmp_path: Path) -> None:
    res = runner.invoke(app, ["import", "--format", "bogus", "x.json", "--home", str(tmp_path)])
    assert res.exit_code == 2
    res = runner.invoke(app, ["import", "--format", "house-stock-watcher", str(tmp_path / "missing.json"),
                              "--home", str(tmp_path)])
    assert res.exit_code == 2 and "no such file" in res.output


def test_damaged_files_never_crash_the_parsers() -> None:
    """Every cut and a few hundred byte flips of a good file: a recorded failure or a reading
    with notes, never an exception, and never a row without its number in the file."""
    import random

    buf = io.StringIO()
    csv.writer(buf).writerows([CTS_HEADER, *CTS_ROWS])
    files = {peer_congress_trading_signal.parse: buf.getvalue().encode(),
             peer_house_stock_watcher.parse: json.dumps(HSW_ROWS).encode()}
    rng = random.Random(13)
    for parse, good in files.items():
        mutants = [good[:n] for n in range(0, len(good), 7)]
        for _ in range(300):
            b = bytearray(good)
            for _ in range(rng.randint(1, 4)):
                b[rng.randrange(len(b))] = rng.randrange(256)
            mutants.append(bytes(b))
        for data in mutants:
            r = parse(data, doc_id="mutant")
            assert r.status in ("parsed", "parsed_with_notes", "failed"), r.status
            if r.status == "failed":
                assert r.reason
            assert all(isinstance(x["row_number"], int) and x["doc_id"] for x in r.records)
