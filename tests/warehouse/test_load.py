"""Loading: each document is its own unit; a value the warehouse refuses fails that document only."""

from __future__ import annotations

from pathlib import Path

import pytest

from warstock.records import ParseResult
from warstock.warehouse import db, derive
from warstock.warehouse.load import forget_document, load_document


def _house_row(n: int, high: int) -> dict[str, object]:
    return {"row_number": n, "owner": "self", "asset_name": "Lockheed Martin Corp", "ticker": "LMT",
            "asset_type_code": "ST", "transaction_type": "purchase", "amount_min_usd": 1_001,
            "amount_max_usd": high}


def test_a_value_beyond_bigint_fails_its_document_and_the_run_goes_on() -> None:
    con = db.connect(None)
    good = ParseResult("parsed", filing={"doc_id": "20000001"}, records=[_house_row(1, 15_000)])
    bad = ParseResult("parsed", filing={"doc_id": "20000002"}, records=[_house_row(1, 10**30)])
    assert load_document(con, source="house_ptr", sha256="a", doc_id="20000001", official_url=None,
                         result=good).status == "parsed"
    loaded = load_document(con, source="house_ptr", sha256="b", doc_id="20000002", official_url=None, result=bad)
    assert loaded.status == "failed" and "could not load" in (loaded.reason or "")
    assert con.execute("SELECT doc_id FROM raw_house__transactions").fetchall() == [("20000001",)]
    assert con.execute("SELECT doc_id, status FROM raw_parse__documents ORDER BY 1").fetchall() == [
        ("20000001", "parsed"), ("20000002", "failed")]
    derive.refresh(con)  # the views are built
    assert con.execute("SELECT count(*) FROM out_problems WHERE level = 'document_failed'").fetchone() == (1,)


def test_a_locked_warehouse_is_one_clear_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "w.duckdb"
    db.connect(path).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); "
                               "print('ready', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(db.WarehouseBusy, match=r"another warstock \(pid \d+\) is using"):
            db.connect(path)
    finally:
        holder.kill()


def test_forgetting_a_superseded_version_removes_every_reading_of_it_and_nothing_else() -> None:
    con = db.connect(None)
    old = ParseResult("needs_ocr", "needs OCR", filing={"doc_id": "8000001"})
    ocr = ParseResult("parsed", filing={"doc_id": "8000001"}, records=[_house_row(1, 15_000)])
    new = ParseResult("parsed", filing={"doc_id": "8000001"}, records=[_house_row(1, 50_000), _house_row(2, 15_000)])
    load_document(con, source="house_ptr", sha256="old", doc_id="8000001", official_url=None, result=old)
    load_document(con, source="house_ptr_ocr", sha256="old", doc_id="8000001", official_url=None, result=ocr)
    load_document(con, source="house_ptr", sha256="new", doc_id="8000001", official_url=None, result=new)
    assert forget_document(con, source="house_ptr", sha256="old", doc_id="8000001") == 2  # the text and OCR readings
    assert con.execute("SELECT source_sha256, count(*) FROM raw_house__transactions GROUP BY 1").fetchall() == [
        ("new", 2)]
    assert con.execute("SELECT source, source_sha256 FROM raw_parse__documents").fetchall() == [("house_ptr", "new")]
    assert con.execute("SELECT count(*) FROM raw_house__filings WHERE source_sha256 = 'old'").fetchone() == (0,)
    assert forget_document(con, source="house_ptr", sha256="old", doc_id="8000001") == 0  # twice: nothing more
