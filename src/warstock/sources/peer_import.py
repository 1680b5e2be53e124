"""What the two peer formats share: the columns of an imported trade and the lookups that read
another project's values into warstock's categories.

An import is another project's reading of the same official filings (their parser, their OCR,
sometimes their language model for tickers). warstock keeps every value as the peer gives it
beside its own reading of it (owner, transaction type, asset type code, band), never fills in
what the peer left out, and notes every value it cannot read. Which filing a row belongs to is
the peer's doc id (the House DocID or the Senate eFD report id), so a document warstock has
read itself can win over the imported rows of the same filing (warehouse/sql/27_core_imports.sql).

Not a source: the source modules are ``peer_house_stock_watcher`` and
``peer_congress_trading_signal``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from warstock.amounts import BANDS, BandError, parse_band
from warstock.records import HOUSE_ASSET_TYPES, OWNER_CODES, Column, ParseResult, parse_us_date

COLUMNS: tuple[Column, ...] = (
    Column("doc_id", "VARCHAR", "the filing the row belongs to, as the peer gives it (House DocID, Senate report id)"),
    Column("row_number", "INTEGER", "1-based row of the trade in the imported file", False),
    Column("chamber", "VARCHAR", "house or senate"),
    Column("filer_name", "VARCHAR", "filer as the peer names them"),
    Column("state_district", "VARCHAR", "state and district as the peer gives them (House: NJ05)"),
    Column("peer_member_id_bioguide", "VARCHAR", "the bioguide id the peer assigned (warstock resolves its own)"),
    Column("transaction_date", "DATE", "date of the trade, as the peer read it"),
    Column("filing_date", "DATE", "date the filing was disclosed, as the peer gives it"),
    Column("owner", "VARCHAR", "self, spouse, joint or dependent_child"),
    Column("owner_text", "VARCHAR", "owner as the peer prints it"),
    Column("ticker", "VARCHAR", "ticker as the peer gives it"),
    Column("asset_name", "VARCHAR", "asset as the peer gives it"),
    Column("asset_type", "VARCHAR", "asset type as the peer prints it"),
    Column("asset_type_code", "VARCHAR", "House asset type code (ST, OP, GS, ...) read from the peer's asset type"),
    Column("transaction_type", "VARCHAR", "purchase, sale, partial_sale or exchange"),
    Column("transaction_type_text", "VARCHAR", "transaction type as the peer prints it"),
    Column("amount_text", "VARCHAR", "amount band as the peer prints it"),
    Column("amount_min_usd", "BIGINT", "band low; null when the band is not read"),
    Column("amount_max_usd", "BIGINT", "band high; null for an open-ended band or a band not read"),
    Column("amount_truncated", "BOOLEAN", "the peer's band is cut short (\"$15,001\", \"$15,001 -\"): not read, "
           "never completed by a guess"),
    Column("date_confidence", "VARCHAR", "the peer's own flag on its date reading (plausible, implausible)"),
    Column("peer_read_method", "VARCHAR", "how the peer read the filing (house-pdf-ocr, senate-efd-electronic, ...)"),
    Column("ticker_source", "VARCHAR", "where the peer's ticker came from (explicit, elec_dict, llm, none)"),
    Column("filing_url", "VARCHAR", "official URL of the filing, as the peer gives it"),
    Column("peer_row_key", "VARCHAR", "the peer's own key for the row, where it has one"),
)

OWNERS = {**OWNER_CODES, "JOINT TENANCY": "joint"}
TRANSACTION_TYPES = {"PURCHASE": "purchase", "SALE": "sale", "SALE (FULL)": "sale", "SALE (PARTIAL)": "partial_sale",
                     "PARTIAL SALE": "partial_sale", "EXCHANGE": "exchange"}
# The peers' asset type words onto the House codes (the printed word is kept beside it).
ASSET_TYPES = {"STOCK": "ST", "OPTION": "OP", "STOCK OPTION": "OP", "GOV SECURITY": "GS", "GOVERNMENT SECURITY": "GS",
               "MUNICIPAL SECURITY": "GS", "MUTUAL FUND": "MF", "CORPORATE BOND": "CS", "NON-PUBLIC STOCK": "PS",
               "EXCHANGE TRADED FUND": "EF", "ETF": "EF", "CRYPTOCURRENCY": "CT", "OTHER": "OT",
               "OTHER INVESTMENT": "OT", "OTHER SECURITIES": "OT"}
# A band cut short keeps its low only ("$15,001"): any statutory low but the first band's $1.
_BAND_LOWS = {low for low, _ in BANDS if low > 1}
_DANGLING = re.compile(r"^\$?\s*[0-9][0-9,]*(?:\.[0-9]{2})?\s*[-–—]$")


def read_amount(text: str | None) -> tuple[int | None, int | None, bool, str | None]:
    """(low, high, truncated, problem) of a peer's band. A band cut short ("$15,001" or
    "$15,001 -": the known fault of ~8% of one peer's House rows, where the band wrapped over
    two lines of the PDF) is not read: no low, no high, truncated=True. Never completed."""
    clean = " ".join((text or "").split())
    if not clean:
        return None, None, False, "no amount given"
    if _DANGLING.match(clean):
        return None, None, True, f"band cut short: {clean!r}"
    try:
        band = parse_band(clean)
    except BandError:
        return None, None, False, f"not an amount band: {clean!r}"
    if band.high == band.low and band.low in _BAND_LOWS and "." not in clean:
        return None, None, True, f"band cut short: {clean!r} is a band's low end alone"
    return band.low, band.high, False, None


def iso_or_us_date(text: str | None) -> date | None:
    """2024-12-19 or 12/19/2024; None if it is not a real date."""
    t = (text or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        try:
            return date.fromisoformat(t)
        except ValueError:
            return None
    return parse_us_date(t) if t else None


def lookup(table: dict[str, str], value: str | None, what: str, result: ParseResult, row: int) -> str | None:
    """A category through its explicit lookup; an unknown value is a note, never a default."""
    key = " ".join((value or "").split()).upper()
    if key in table:
        return table[key]
    if key:
        result.note(f"unknown_{what.replace(' ', '_')}", f"{what} {value!r} not in the known list", row_number=row)
    return None


def asset_code(printed: str | None, result: ParseResult, row: int) -> str | None:
    """A peer's asset type as a House code: its words through ASSET_TYPES, or a House code as is."""
    key = (printed or "").strip().upper()
    if key in HOUSE_ASSET_TYPES:
        return key
    return lookup(ASSET_TYPES, printed, "asset type", result, row)


def trade(result: ParseResult, row: int, *, doc_id: str, chamber: str, filer_name: str | None,
          state_district: str | None, tdate: str | None, fdate: str | None, owner: str | None,
          ticker: str | None, asset_name: str | None, asset_type: str | None, ttype: str | None,
          amount: str | None, filing_url: str | None, **extra: Any) -> dict[str, Any]:
    """One imported trade in warstock's columns, with a note for every value not read."""

    def none_if_blank(v: str | None) -> str | None:
        v = " ".join((v or "").split())
        return v or None

    rec: dict[str, Any] = {"doc_id": doc_id, "row_number": row, "chamber": chamber,
                           "filer_name": none_if_blank(filer_name), "state_district": none_if_blank(state_district),
                           "ticker": none_if_blank(ticker), "asset_name": none_if_blank(asset_name),
                           "asset_type": none_if_blank(asset_type), "owner_text": none_if_blank(owner),
                           "transaction_type_text": none_if_blank(ttype), "amount_text": none_if_blank(amount),
                           "filing_url": none_if_blank(filing_url), **extra}
    rec["transaction_date"] = iso_or_us_date(tdate)
    if rec["transaction_date"] is None:
        result.note("bad_transaction_date", f"transaction date {tdate!r}", level="row_unreadable", row_number=row)
    rec["filing_date"] = iso_or_us_date(fdate)
    if rec["filing_date"] is None and (fdate or "").strip():
        result.note("bad_filing_date", f"disclosure date {fdate!r}", row_number=row)
    rec["owner"] = lookup(OWNERS, owner, "owner", result, row)
    rec["transaction_type"] = lookup(TRANSACTION_TYPES, ttype, "transaction type", result, row)
    rec["asset_type_code"] = asset_code(asset_type, result, row) if rec["asset_type"] else None
    low, high, truncated, problem = read_amount(amount)
    rec["amount_min_usd"], rec["amount_max_usd"], rec["amount_truncated"] = low, high, truncated
    if problem:
        result.note("truncated_band" if truncated else "bad_amount", problem, level="row_unreadable", row_number=row)
    return rec
