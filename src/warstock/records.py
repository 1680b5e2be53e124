"""Core record types, their categories, and every column defined once.

A source declares its tables with these Columns (in its SPEC); the warehouse schema
(warehouse/schema.py) assembles them, appends PROVENANCE, and generates the DuckDB DDL and the
documentation (`warstock schema`) from that one definition.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# --- categories: explicit lookups; an unknown value becomes a parse note, never a default ---

OWNER_CODES = {
    # House codes as printed (a blank owner cell is the filer)
    "": "self",
    "SELF": "self",
    "SP": "spouse",
    "JT": "joint",
    "DC": "dependent_child",
    # Senate words as printed
    "SPOUSE": "spouse",
    "JOINT": "joint",
    "DEPENDENT CHILD": "dependent_child",
    "CHILD": "dependent_child",
}
OWNERS = ("self", "spouse", "joint", "dependent_child")

TRANSACTION_TYPES = {
    "P": "purchase",
    "S": "sale",
    "S (PARTIAL)": "partial_sale",
    "S(PARTIAL)": "partial_sale",
    "E": "exchange",
}

FILING_STATUSES = {"NEW": "new", "AMENDED": "amended", "DELETED": "deleted"}

# House asset type codes (https://fd.house.gov/reference/asset-type-codes.aspx).
HOUSE_ASSET_TYPES = {
    "4K": "401K and other non-federal retirement accounts",
    "5C": "529 college savings plan",
    "5F": "529 portfolio",
    "5P": "529 prepaid tuition plan",
    "AB": "asset-backed securities",
    "BA": "bank accounts, money market accounts and CDs",
    "BK": "brokerage accounts",
    "CO": "collectibles",
    "CS": "corporate securities (bonds and notes)",
    "CT": "cryptocurrency",
    "DB": "defined benefit pension",
    "DO": "debts owed to the filer",
    "DS": "delaware statutory trust",
    "EF": "exchange traded funds (ETF)",
    "EQ": "excepted/qualified blind trust",
    "ET": "exchange traded notes",
    "FA": "farms",
    "FE": "foreign exchange position (currency)",
    "FN": "fixed annuity",
    "FU": "futures",
    "GS": "government securities and agency debt",
    "HE": "hedge funds & private equity funds (EIF)",
    "HN": "hedge funds & private equity funds (non-EIF)",
    "IC": "investment club",
    "IH": "IRA (held in cash)",
    "IP": "intellectual property & royalties",
    "IR": "IRA",
    "MA": "managed accounts (e.g., SMA and UMA)",
    "MF": "mutual funds",
    "MO": "mineral/oil/solar energy rights",
    "NP": "non-public stock",
    "OI": "ownership interest (holding investments)",
    "OL": "ownership interest (engaged in a trade or business)",
    "OP": "options",
    "OT": "other",
    "PE": "pensions",
    "PM": "precious metals",
    "PS": "stock (not publicly traded)",
    "RE": "real estate invest. trust (REIT)",
    "RP": "real property",
    "RS": "restricted stock units (RSUs)",
    "SA": "stock appreciation right",
    "ST": "stocks (including ADRs)",
    "TR": "trust",
    "VA": "variable annuity",
    "VI": "variable insurance",
    "WU": "whole/universal insurance",
}

# House yearly index FilingType codes.
HOUSE_FILING_TYPES = {
    "P": "periodic transaction report",
    "A": "annual",
    "C": "candidate",
    "D": "campaign notice / candidate disclosure",
    "O": "original annual (new filer)",
    "T": "termination",
    "X": "extension",
    "W": "withdrawal",
    "E": "electronic copy",
    "H": "new filer",
    "B": "blind trust",
    "G": "gift travel",
}


# --- column definitions ---------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # DuckDB type
    description: str
    nullable: bool = True


# Every source table ends with these (the warehouse appends them; sources never list them).
PROVENANCE = (
    Column("source_sha256", "VARCHAR", "sha256 of the raw document the row was read from", False),
    Column("source_doc_id", "VARCHAR", "document id the row was read from (identical bytes can be two documents)"),
    Column("source_url", "VARCHAR", "official URL of the document"),
    Column("parser_version", "VARCHAR", "name and version of the parser that produced the row"),
    Column("read_method", "VARCHAR", "text (read from the document's text layer or markup), ocr (read from "
           "page images) or import (another project's reading, loaded by `warstock import`)", False),
)

# Rows read from page images carry how sure the reading is.
OCR_COLUMNS = (
    Column("ocr_confidence", "DOUBLE", "paper filings: lowest field confidence of the row (0-100)"),
    Column("needs_review", "BOOLEAN", "paper filings: a field fell below the review threshold"),
    Column("review_reason", "VARCHAR", "paper filings: which fields, their confidence and what was read"),
    Column("ocr_fields", "VARCHAR", "paper filings: confidence of each field (JSON, 0-100)"),
)


# --- parse results ----------------------------------------------------------------------


class Columns:
    """Many records of one kind kept column by column: for sources that yield hundreds of
    thousands of rows (vote positions), a list per column costs a fraction of a dict per row,
    in the worker, in the pickle that carries it to the loader, and in the loader."""

    def __init__(self, names: tuple[str, ...]):
        self.names = names
        self.data: dict[str, list[Any]] = {n: [] for n in names}

    def append(self, row: dict[str, Any]) -> None:
        extra = row.keys() - self.data.keys()
        if extra:
            raise KeyError(f"fields not declared: {sorted(extra)}")
        for name, values in self.data.items():
            values.append(row.get(name))

    def __len__(self) -> int:
        return len(self.data[self.names[0]]) if self.names else 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows())

    def rows(self) -> list[dict[str, Any]]:
        return [dict(zip(self.names, values, strict=True)) for values in zip(*self.data.values(), strict=True)]


@dataclass(slots=True)
class ParseNote:
    level: str  # row_unreadable | note
    code: str
    message: str
    page: int | None = None
    row_number: int | None = None


@dataclass(slots=True)
class ParseResult:
    """What a pure parser returns for one document: its main records, and for sources that
    yield more than one kind of record, the others by raw table name (``extra``)."""

    status: str  # parsed | parsed_with_notes | needs_ocr | failed
    reason: str | None = None
    filing: dict[str, Any] | None = None
    records: list[dict[str, Any]] = field(default_factory=list)
    notes: list[ParseNote] = field(default_factory=list)
    extra: dict[str, list[dict[str, Any]] | Columns] = field(default_factory=dict)

    def finish(self, empty_reason: str) -> ParseResult:
        """A document that yielded nothing has failed; one with notes is parsed_with_notes."""
        if not self.records:
            return ParseResult("failed", empty_reason, notes=self.notes)
        if self.notes:
            self.status = "parsed_with_notes"
        return self

    def note(self, code: str, message: str, *, level: str = "note", page: int | None = None,
             row_number: int | None = None) -> None:
        self.notes.append(ParseNote(level, code, message, page, row_number))


def parse_us_date(text: str) -> date | None:
    """MM/DD/YYYY as printed on House forms; None if it is not a real date."""
    parts = text.strip().split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    m, d, y = (int(p) for p in parts)
    if y < 100:
        y += 2000
    try:
        return date(y, m, d)
    except ValueError:
        return None
