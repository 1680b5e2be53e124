"""Integration tier: the peer files in ../shared/data/peers, read in place by the import parsers.

Expected figures do not come from the parsers: row counts are those SOURCES.md gives and the
csv/json modules count, and a band cut short is counted here by its own rule (an amount with
no " - " and no "over": "$15,001"), which the parser must read as unread, never completed.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from warstock.sources import peer_congress_trading_signal, peer_house_stock_watcher

pytestmark = pytest.mark.integration


def test_house_stock_watcher_all_rows(shared_data: Path) -> None:
    data = (shared_data / "peers" / "house-stock-watcher" / "all_transactions.json").read_bytes()
    r = peer_house_stock_watcher.parse(data, doc_id="all_transactions.json")
    assert r.status in ("parsed", "parsed_with_notes")
    assert len(r.records) == 6542  # SOURCES.md: 6,542 House trades
    dangling = sum(1 for x in json.loads(data) if x["amount"].rstrip().endswith("-"))
    assert sum(1 for x in r.records if x["amount_truncated"]) == dangling
    assert all(x["amount_min_usd"] is None for x in r.records if x["amount_truncated"])


def test_congress_trading_signal_2024_house_bands_cut_short(shared_data: Path) -> None:
    path = shared_data / "peers" / "congress-trading-signal" / "house" / "2024" / "06_house_2024_transactions.csv"
    data = path.read_bytes()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    r = peer_congress_trading_signal.parse(data, doc_id=path.name)
    assert len(r.records) == len(rows)
    # a band cut short, by an independent rule: a lone figure that is a statutory band's low end
    lows = {"$15,001", "$50,001", "$100,001", "$250,001", "$500,001", "$1,000,001", "$5,000,001", "$1,001"}
    cut = {n for n, row in enumerate(rows, 1) if row["amount_range"].strip() in lows}
    assert {x["row_number"] for x in r.records if x["amount_truncated"]} == cut
    assert 0.07 < len(cut) / len(rows) < 0.09  # SOURCES.md: "about 8% of 2024 House rows"
    assert {x["doc_id"] for x in r.records} == {row["doc_id"] for row in rows}
