"""Another project's data: the community "House Stock Watcher" format (``all_transactions.json``).

A JSON list of House trades, one object each: ``transaction_date`` and ``disclosure_date``
(MM/DD/YYYY), ``ticker``, ``asset_description``, ``asset_type`` ("Stock": the format keeps
stock rows only), ``type`` (Purchase, Sale, Exchange: no partial sales), ``amount`` as printed
(sometimes wrapped over two lines, "$15,001 -\\n$50,000", or cut short, "$15,001 -"),
``representative``, ``district`` (NJ07), ``owner`` (Self, Spouse, Joint, Dependent Child),
``filing_id`` (the Clerk's DocID) and ``source_url`` (the Clerk's PDF).

Read by ``warstock import --format house-stock-watcher FILE``, never by ``build``: the file is
archived like any document (its sha256 is the rows' provenance), and each row is labelled with
its origin wherever it appears. Known to be incomplete (about 784 rows for 2024, from 145
filings); the filings it carries are a sample, not a census.
"""

from __future__ import annotations

import json
from typing import Any

from warstock.records import ParseResult
from warstock.sources import peer_import
from warstock.sources.spec import SourceSpec, Table

FORMAT = "house-stock-watcher"

SPEC = SourceSpec(
    name="peer_house_stock_watcher",
    publisher="House Stock Watcher (community project; not an official source)",
    format="JSON list of House trades (all_transactions.json)",
    yields="House trades as another project read them, each labelled import:house-stock-watcher",
    tables=(Table("raw_import__house_stock_watcher", peer_import.COLUMNS),),
    parser_version="peer_house_stock_watcher/1",
    read_by="import",
    caveats="another project's reading; stock rows only; no partial sales; some bands cut short; "
    "known to be incomplete",
)

REQUIRED = ("transaction_date", "disclosure_date", "ticker", "asset_description", "asset_type", "type", "amount",
            "representative", "district", "owner", "filing_id")


def parse(data: bytes, *, doc_id: str | None = None) -> ParseResult:
    """The whole file in, one record per trade out. A file that is not a JSON list of objects
    fails with the reason; an element that is not a trade is a row_unreadable note."""
    try:
        items = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return ParseResult("failed", f"not UTF-8 text: {exc.reason} at byte {exc.start}")
    except json.JSONDecodeError as exc:
        return ParseResult("failed", f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
    if not isinstance(items, list):
        return ParseResult("failed", f"unknown layout: a JSON {type(items).__name__}, not a list of trades")
    result = ParseResult("parsed")
    for n, item in enumerate(items, 1):
        rec = _row(item, n, result)
        if rec is not None:
            result.records.append(rec)
    return result.finish("no trades in the file")


def _row(item: Any, n: int, result: ParseResult) -> dict[str, Any] | None:
    if not isinstance(item, dict):
        result.note("row_not_an_object", f"element {n} is a {type(item).__name__}", level="row_unreadable",
                    row_number=n)
        return None
    missing = [k for k in REQUIRED if k not in item]
    if missing:
        result.note("row_missing_fields", f"element {n} lacks {', '.join(missing)}", level="row_unreadable",
                    row_number=n)
        return None
    item = {k: (v if v is None or isinstance(v, str) else str(v)) for k, v in item.items()}
    doc = (item.pop("filing_id") or "").strip()
    if not doc:
        result.note("no_filing_id", "no filing id: the row cannot be tied to a filing", level="row_unreadable",
                    row_number=n)
        return None
    rec = peer_import.trade(
        result, n, doc_id=doc, chamber="house", filer_name=item.pop("representative"),
        state_district=item.pop("district"), tdate=item.pop("transaction_date"), fdate=item.pop("disclosure_date"),
        owner=item.pop("owner"), ticker=_ticker(item.pop("ticker")), asset_name=item.pop("asset_description"),
        asset_type=item.pop("asset_type"), ttype=item.pop("type"), amount=item.pop("amount"),
        filing_url=item.pop("source_url", None))
    for key in sorted(item):
        result.note("field_not_read", f"field {key!r} = {str(item[key])[:60]!r} not read", row_number=n)
    return rec


def _ticker(value: str | None) -> str | None:
    v = (value or "").strip()
    return None if v in ("", "--", "N/A") else v
