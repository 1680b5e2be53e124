"""Another project's data: the Congress-Trading-Signal CSV files.

Three layouts, one per kind of filing the project read, all with a header row:
House e-filed PTRs (``06_house_YYYY_transactions.csv``), House scanned PTRs read by the
project's own OCR (``06b_house_YYYY_ocr_transactions.csv``: ``date_confidence``,
``ticker_source`` "llm" for tickers a language model supplied, ``provenance``), and Senate
eFD reports (``06_senate_YYYY_FINAL.csv``). Every row carries ``bioguide_id``,
``declarant_name``, ``chamber``, ``state_district``, ISO dates, ``asset_type`` (words or House
codes), ``operation_type``, ``amount_range``, ``owner`` (SELF/SP/JT/DC, or words), ``doc_id``
(House DocID or Senate report id) and ``source_url``.

Read by ``warstock import --format congress-trading-signal FILE``. Known faults: about 8% of
the 2024 House e-filed rows have a band cut short ("$15,001": the band wrapped over two lines
of the PDF), which warstock reads as an unread amount, never completed; assets without tickers.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from warstock.records import ParseResult
from warstock.sources import peer_import
from warstock.sources.spec import SourceSpec, Table

FORMAT = "congress-trading-signal"

SPEC = SourceSpec(
    name="peer_congress_trading_signal",
    publisher="Congress-Trading-Signal (another project's parse; not an official source)",
    format="CSV, one file per chamber and year (House e-filed, House OCR, Senate)",
    yields="House and Senate trades as another project read them, each labelled import:congress-trading-signal",
    tables=(Table("raw_import__congress_trading_signal", peer_import.COLUMNS),),
    parser_version="peer_congress_trading_signal/1",
    read_by="import",
    caveats="another project's reading (its OCR, some tickers from a language model); ~8% of 2024 House "
    "bands cut short",
)

REQUIRED = ("declarant_name", "chamber", "state_district", "transaction_date", "disclosure_date", "ticker",
            "asset_description", "asset_type", "operation_type", "amount_range", "owner", "doc_id")
# read elsewhere from warstock's own data (committees, party) or derived by the peer: not imported
NOT_READ = {"party", "committee_membership", "committees_key_flag", "amount_midpoint", "amount_split_flag",
            "sector_gics", "etf_proxy", "sector_source", "years_in_office", "occurrence_index"}


def parse(data: bytes, *, doc_id: str | None = None) -> ParseResult:
    """The whole file in, one record per trade out. A file that is not CSV text with the
    format's columns fails with the reason; a row that cannot be read is a row_unreadable note."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ParseResult("failed", f"not UTF-8 text: {exc.reason} at byte {exc.start}")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        return ParseResult("failed", f"not CSV: {exc}")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return ParseResult("failed", f"unknown layout: columns {', '.join(missing)} missing (found "
                                     f"{', '.join(header[:8]) or 'none'})")
    result = ParseResult("parsed")
    known = {*REQUIRED, *NOT_READ, "bioguide_id", "date_confidence", "provenance", "ticker_source", "source_url",
             "natural_key_hash"}
    extra = [c for c in header if c not in known]
    if extra:
        result.note("columns_not_read", f"columns not read: {', '.join(extra)}")
    n = 0
    try:
        for n, row in enumerate(reader, 1):
            rec = _row(row, n, len(header), result)
            if rec is not None:
                result.records.append(rec)
    except csv.Error as exc:  # a broken quote runs to the end of the file
        result.note("csv_error", f"CSV broken after row {n}: {exc}; the rest of the file is not read",
                    level="incomplete", row_number=n + 1)
    return result.finish("no trades in the file")


def _row(row: dict[str | None, Any], n: int, width: int, result: ParseResult) -> dict[str, Any] | None:
    if None in row or any(v is None for v in row.values()):
        got = width + len(row.get(None) or []) - sum(1 for v in row.values() if v is None)
        result.note("row_wrong_width", f"row has {got} fields, the header {width}", level="row_unreadable",
                    row_number=n)
        return None
    doc = (row.get("doc_id") or "").strip()
    if not doc:
        result.note("no_filing_id", "no doc_id: the row cannot be tied to a filing", level="row_unreadable",
                    row_number=n)
        return None
    chamber = (row.get("chamber") or "").strip().lower()
    if chamber not in ("house", "senate"):
        result.note("unknown_chamber", f"chamber {row.get('chamber')!r}", level="row_unreadable", row_number=n)
        return None
    ticker = (row.get("ticker") or "").strip()
    return peer_import.trade(
        result, n, doc_id=doc, chamber=chamber, filer_name=row["declarant_name"],
        state_district=row["state_district"], tdate=row["transaction_date"], fdate=row["disclosure_date"],
        owner=row["owner"], ticker=ticker or None, asset_name=row["asset_description"],
        asset_type=row["asset_type"], ttype=row["operation_type"], amount=row["amount_range"],
        filing_url=row.get("source_url"),
        peer_member_id_bioguide=(row.get("bioguide_id") or "").strip() or None,
        date_confidence=(row.get("date_confidence") or "").strip() or None,
        peer_read_method=(row.get("provenance") or "").strip() or None,
        ticker_source=(row.get("ticker_source") or "").strip() or None,
        peer_row_key=(row.get("natural_key_hash") or "").strip() or None)
