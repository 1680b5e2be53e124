"""Integration tier: the 537 real Senate eFD PTR pages in ../shared/data/senate/ptr."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from warstock.sources import senate_ptr

pytestmark = pytest.mark.integration


def test_every_senate_page_parses_or_is_a_paper_stub(shared_data: Path) -> None:
    statuses: Counter[str] = Counter()
    for path in sorted((shared_data / "senate" / "ptr").glob("*.html")):
        data = path.read_bytes()
        r = senate_ptr.parse(data, doc_id=path.stem)
        statuses[r.status] += 1
        if r.status == "needs_ocr":
            assert b"filingImage" in data
            continue
        assert r.status in ("parsed", "parsed_with_notes"), (path.stem, r.reason)
        # independent count: the table's body rows in the raw HTML
        body = data.split(b"<tbody>", 1)[1].split(b"</tbody>", 1)[0]
        assert len(r.records) == len(re.findall(rb"<tr[\s>]", body)), path.stem
        assert all(x["transaction_type"] and x["amount_min_usd"] is not None and x["owner"] for x in r.records)
    assert statuses == {"parsed": 533, "needs_ocr": 4}
