"""Integration tier: the real House documents in ../shared/data, read in place.

Skips with a message where ../shared/data is absent. Expected figures are independent of
the parser: row counts come from the 'Filing Status' labels in PDFium's flat text, index
counts from the Clerk's XML, the filer of a known DocID from the index itself.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
import pypdfium2 as pdfium
import pytest

from warstock.analysis.defense import defense_trading
from warstock.archive import Archive
from warstock.settings import DEFAULT_UNIVERSE
from warstock.sources import house_annual_ocr, house_index, house_ptr, house_ptr_ocr, senate_ptr_ocr
from warstock.stages import parse as pipeline
from warstock.stages.ingest import ingest
from warstock.warehouse import db, derive, schema, snapshot

pytestmark = pytest.mark.integration
STATUS_LABEL = "F" + "\ufffe" * 5 + " S" + "\ufffe" * 5 + ":"


def _label_count(data: bytes) -> int:
    doc = pdfium.PdfDocument(data)
    n = 0
    for i in range(len(doc)):
        tp = doc[i].get_textpage()
        n += tp.get_text_range().count(STATUS_LABEL)
    return n


def test_every_born_digital_ptr_parses_with_all_its_rows(shared_data: Path) -> None:
    statuses: Counter[str] = Counter()
    short = []
    for path in sorted((shared_data / "house" / "ptr").glob("*.pdf")):
        data = path.read_bytes()
        r = house_ptr.parse(data, doc_id=path.stem)
        statuses[r.status] += 1
        if r.status in ("parsed", "parsed_with_notes"):
            expected = _label_count(data)
            if len(r.records) != expected:
                short.append((path.stem, len(r.records), expected))
            assert r.filing is not None and r.filing["filer_name"]
            assert all(x["transaction_type"] and x["amount_min_usd"] is not None for x in r.records), path.stem
        else:
            assert r.status == "needs_ocr", (path.stem, r.reason)
            assert path.stem[0] in "89"  # paper filings carry DocIDs starting 8 or 9
    assert statuses["failed"] == 0
    assert statuses["needs_ocr"] == 39 and statuses["parsed"] + statuses["parsed_with_notes"] == 324
    assert short == []


def test_scanned_ptrs_are_recorded_as_needing_ocr(shared_data: Path) -> None:
    paths = sorted((shared_data / "house" / "ptr-scanned").glob("*.pdf"))[:15]
    assert paths
    for p in paths:
        r = house_ptr.parse(p.read_bytes(), doc_id=p.stem)
        assert r.status == "needs_ocr" and "needs OCR" in (r.reason or "")


def test_house_index_2025(shared_data: Path) -> None:
    r = house_index.parse((shared_data / "house" / "index" / "2025FD.xml").read_bytes())
    ptrs = [x for x in r.records if x["filing_type"] == "P"]
    assert len(ptrs) == 515  # SOURCES.md: 515 PTRs in the 2025 index


@pytest.fixture(scope="module")
def real_warehouse(tmp_path_factory: pytest.TempPathFactory, shared_data: Path):  # type: ignore[no-untyped-def]
    home = tmp_path_factory.mktemp("real")
    archive = Archive(home / "archive")
    ingest(archive, [shared_data])
    con = db.connect(home / "warstock.duckdb")
    pipeline.build(archive, con, workers=2)
    return con


def test_every_parsed_filer_resolves_to_a_member(real_warehouse) -> None:  # type: ignore[no-untyped-def]
    unresolved = real_warehouse.execute(
        """SELECT doc_id, reason FROM core_house__filer_resolution JOIN raw_house__filings USING (doc_id)
           WHERE member_id_bioguide IS NULL""").fetchall()
    assert unresolved == []
    # index rows of members who left before 2023 cannot resolve against the 2023-2026
    # legislators snapshots; they are listed with a reason, not guessed
    reasons = real_warehouse.execute("""SELECT DISTINCT reason FROM core_house__filer_resolution r
        JOIN raw_house__index i USING (doc_id) WHERE member_id_bioguide IS NULL AND i.year = 2025""").fetchall()
    assert all(r[0] for r in reasons)
    # 20027901 is Josh Gottheimer's (NJ05) in the Clerk's index
    assert real_warehouse.execute("SELECT member_id_bioguide FROM core_house__filer_resolution "
                                  "WHERE doc_id = '20027901'").fetchone() == ("G000583",)


def test_coverage_2025_accounts_for_all_515(real_warehouse) -> None:  # type: ignore[no-untyped-def]
    rows = dict(real_warehouse.execute(
        "SELECT status, count(*) FROM out_coverage__house WHERE year = 2025 GROUP BY 1").fetchall())
    assert sum(rows.values()) == 515
    assert rows.get("failed", 0) == 0


def text_only(directory: Path) -> duckdb.DuckDBPyConnection:
    """The snapshot's raw tables without the rows read by OCR, derived afresh."""
    con = db.connect(None)
    for name in schema.RAW:
        path = directory / f"{name}.parquet"
        if path.exists():
            where = " WHERE read_method = 'text'" if "read_method" in schema.RAW[name].names else ""
            con.execute(f"INSERT INTO {name} SELECT * FROM read_parquet('{path}'){where}")
    con.execute("DELETE FROM raw_parse__problems WHERE source IN ('house_ptr_ocr', 'senate_ptr_ocr', "
                "'house_annual_ocr')")
    derive.refresh(con)
    return con


def test_report_2025_and_the_shipped_snapshot_agree(real_warehouse) -> None:  # type: ignore[no-untyped-def]
    rep = defense_trading(real_warehouse, 2025, DEFAULT_UNIVERSE)
    assert rep.totals["trades"] > 100
    assert any(m["member_id_bioguide"] == "G000583" for m in rep.members)
    for m in rep.members:
        assert m["amount_min_usd"] <= m["amount_max_usd"]
    stale = "stale snapshot: run `warstock snapshot --rebuild`"
    con = snapshot.open_snapshot()
    # the parsers' documents in the snapshot are the ones a fresh build of ../shared/data reads
    q = ("SELECT source, doc_id, source_sha256, status, parser_version FROM raw_parse__documents "
         "WHERE read_method = 'text' ORDER BY ALL")
    assert con.execute(q).fetchall() == real_warehouse.execute(q).fetchall(), stale
    # the paper filings in it are exactly those the build leaves for OCR, read by today's readers
    need = real_warehouse.execute("SELECT doc_id, source_sha256 FROM raw_parse__documents "
                                  "WHERE status = 'needs_ocr' AND source IN (SELECT reads FROM core_sources) "
                                  "ORDER BY ALL").fetchall()  # the paper filings an OCR reader reads
    readers = (house_ptr_ocr.SPEC, senate_ptr_ocr.SPEC, house_annual_ocr.SPEC)
    names = ", ".join(f"'{r.name}'" for r in readers)
    read = con.execute("SELECT doc_id, source_sha256 FROM raw_parse__documents "
                       f"WHERE source IN ({names}) ORDER BY ALL").fetchall()
    assert read == need, stale
    versions = {r[0] for r in con.execute("SELECT DISTINCT parser_version FROM raw_parse__documents "
                                          f"WHERE source IN ({names})").fetchall()}
    assert versions == {r.parser_version for r in readers}, stale
    shipped = defense_trading(con, 2025, DEFAULT_UNIVERSE)
    assert shipped.totals["trades"] > rep.totals["trades"]  # the paper filings add trades
    # without the OCR rows, the snapshot's report is the fresh build's
    con = text_only(snapshot.snapshot_dir())
    assert defense_trading(con, 2025, DEFAULT_UNIVERSE).totals == rep.totals, stale


def test_a_defense_bill_funds_dod_contractors_and_a_sanctions_bill_none(real_warehouse) -> None:  # type: ignore[no-untyped-def]
    # the key-vote catalog's topics decide what a bill funds; the companies DoD pays are the
    # dod-any-contractor edition (Lockheed, RTX, General Dynamics, Northrop, Boeing are on it)
    got = real_warehouse.execute("""SELECT vote_topic, issuer_id, bill_funds_company FROM out_conflicts__votes
        WHERE abs(days_to_vote) <= 30 GROUP BY ALL""").fetchall()
    assert got, "no trade within 30 days of a key vote in the real data"
    for topic, issuer, funds in got:
        if topic in ("war_powers", "sanctions"):
            assert funds is False, (topic, issuer)
        elif topic == "arms_sales":
            assert funds is None, (topic, issuer)
        elif issuer in ("lmt", "rtx", "gd", "noc", "ba"):
            assert funds is True, (topic, issuer)
    assert any(funds is True for _, _, funds in got)
