"""Loading: each document is its own unit; a value the warehouse refuses fails that document only."""

from __future__ import annotations

from pathlib import Path

import pytest

from warstock.records import ParseResult
from warstock.warehouse import db, derive
from warstock.warehouse.load import load_document


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
