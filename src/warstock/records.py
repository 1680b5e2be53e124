"""Core record types, their categories, and every column defined once.

The DuckDB DDL (warehouse/schema.py) and the schema documentation (`warstock schema`) are
generated from the TABLES below, so a column has one name, type and description everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

# --- categories: explicit lookups; an unknown value becomes a parse note, never a default ---

OWNER_CODES = {
    "": "self",
    "SELF": "self",
    "SP": "spouse",
    "JT": "joint",
    "DC": "dependent_child",
}

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


PROVENANCE = [
    Column("source_sha256", "VARCHAR", "sha256 of the raw document the row was read from", False),
    Column("source_doc_id", "VARCHAR", "document id the row was read from (identical bytes can be two documents)"),
    Column("source_url", "VARCHAR", "official URL of the document"),
    Column("parser_version", "VARCHAR", "name and version of the parser that produced the row"),
]

TABLES: dict[str, list[Column]] = {
    "raw_archive__manifest": [
        Column("sha256", "VARCHAR", "content hash; the file's name in the archive", False),
        Column("source", "VARCHAR", "source module (house_ptr, house_index, ...)", False),
        Column("doc_id", "VARCHAR", "the publisher's document id (House DocID, ...)"),
        Column("year", "INTEGER", "filing year the document is listed under"),
        Column("official_url", "VARCHAR", "where the publisher serves the document"),
        Column("origin", "VARCHAR", "where warstock got it: a local path or the URL fetched"),
        Column("size_bytes", "BIGINT", "document size"),
        Column("content_type", "VARCHAR", "MIME type as sniffed from the bytes"),
        Column("registered_at", "TIMESTAMP", "when the document entered the archive (UTC)"),
    ],
    "raw_house__index": [
        Column("doc_id", "VARCHAR", "House DocID", False),
        Column("year", "INTEGER", "index year", False),
        Column("filing_type", "VARCHAR", "FilingType code (P = periodic transaction report)"),
        Column("prefix", "VARCHAR", "name prefix as printed"),
        Column("last_name", "VARCHAR", "filer last name as printed"),
        Column("first_name", "VARCHAR", "filer first name as printed"),
        Column("suffix", "VARCHAR", "name suffix as printed"),
        Column("state_district", "VARCHAR", "state and district, e.g. NJ05"),
        Column("filing_date", "DATE", "date the Clerk received the filing"),
        *PROVENANCE,
    ],
    "raw_house__filings": [
        Column("doc_id", "VARCHAR", "House DocID (Filing ID # on the PDF)", False),
        Column("year", "INTEGER", "filing year"),
        Column("filer_name", "VARCHAR", "filer name as printed on the PTR"),
        Column("filer_status", "VARCHAR", "Member, Officer or Employee as printed"),
        Column("state_district", "VARCHAR", "state and district as printed"),
        Column("signed_date", "DATE", "date of the digital signature"),
        Column("page_count", "INTEGER", "pages in the PDF"),
        Column("transaction_count", "INTEGER", "transaction rows read"),
        *PROVENANCE,
    ],
    "raw_house__transactions": [
        Column("doc_id", "VARCHAR", "House DocID of the filing", False),
        Column("row_number", "INTEGER", "1-based row in the filing", False),
        Column("page", "INTEGER", "page where the row starts"),
        Column("transaction_id", "VARCHAR", "ID column as printed (amendments reference it)"),
        Column("owner", "VARCHAR", "self, spouse, joint or dependent_child"),
        Column("asset_name", "VARCHAR", "asset as printed, ticker and type code removed"),
        Column("ticker", "VARCHAR", "ticker as printed in parentheses"),
        Column("asset_type_code", "VARCHAR", "House asset type code as printed (ST, OP, ...)"),
        Column("transaction_type", "VARCHAR", "purchase, sale, partial_sale or exchange"),
        Column("transaction_date", "DATE", "date of the trade"),
        Column("notification_date", "DATE", "date the filer was notified of the trade"),
        Column("amount_text", "VARCHAR", "amount band as printed"),
        Column("amount_min_usd", "BIGINT", "band low"),
        Column("amount_max_usd", "BIGINT", "band high; null for an open-ended band"),
        Column("cap_gains_over_200", "BOOLEAN", "capital gains over $200 box checked"),
        Column("filing_status", "VARCHAR", "new, amended or deleted"),
        Column("subholding_of", "VARCHAR", "account or entity holding the asset"),
        Column("description", "VARCHAR", "description printed under the row"),
        Column("comments", "VARCHAR", "comments printed under the row"),
        Column("location", "VARCHAR", "location printed under the row"),
        Column("ocr_confidence", "DOUBLE", "paper filings: lowest field confidence of the row (0-100)"),
        Column("needs_review", "BOOLEAN", "paper filings: a field fell below the review threshold"),
        Column("review_reason", "VARCHAR", "paper filings: which fields, their confidence and what was read"),
        Column("ocr_fields", "VARCHAR", "paper filings: confidence of each field (JSON, 0-100)"),
        *PROVENANCE,
    ],
    "raw_senate__filings": [
        Column("doc_id", "VARCHAR", "eFD report UUID", False),
        Column("filer_name", "VARCHAR", "filer as printed (\"The Honorable ...\")"),
        Column("filer_status", "VARCHAR", "status in parentheses (Senator, Former Senator, ...)"),
        Column("report_date", "DATE", "the report's date (\"Periodic Transaction Report for ...\")"),
        Column("amendment_number", "INTEGER", "0 for an original report, N for \"(Amendment N)\""),
        Column("filed_date", "DATE", "date filed"),
        Column("paper_pages", "INTEGER", "page images of a paper filing"),
        Column("image_urls", "VARCHAR", "page image URLs of a paper filing, space-separated"),
        Column("transaction_count", "INTEGER", "transaction rows read"),
        *PROVENANCE,
    ],
    "raw_senate__transactions": [
        Column("doc_id", "VARCHAR", "eFD report UUID", False),
        Column("row_number", "INTEGER", "1-based row in the table", False),
        Column("transaction_number", "VARCHAR", "the # column"),
        Column("transaction_date", "DATE", "date of the trade"),
        Column("owner", "VARCHAR", "self, spouse, joint or dependent_child"),
        Column("ticker", "VARCHAR", "ticker as printed"),
        Column("asset_name", "VARCHAR", "asset as printed"),
        Column("asset_details", "VARCHAR", "details printed under the asset (coupon, maturity, option terms)"),
        Column("asset_type", "VARCHAR", "Senate asset type (Stock, Stock Option, Corporate Bond, ...)"),
        Column("transaction_type", "VARCHAR", "purchase, sale, partial_sale or exchange"),
        Column("amount_text", "VARCHAR", "amount band as printed"),
        Column("amount_min_usd", "BIGINT", "band low"),
        Column("amount_max_usd", "BIGINT", "band high; null for an open-ended band"),
        Column("comment", "VARCHAR", "comment"),
        Column("ocr_confidence", "DOUBLE", "paper filings: lowest field confidence of the row (0-100)"),
        Column("needs_review", "BOOLEAN", "paper filings: a field fell below the review threshold"),
        Column("review_reason", "VARCHAR", "paper filings: which fields, their confidence and what was read"),
        Column("ocr_fields", "VARCHAR", "paper filings: confidence of each field (JSON, 0-100)"),
        *PROVENANCE,
    ],
    "raw_congress__legislator_terms": [
        Column("snapshot", "VARCHAR", "legislators-current snapshot (date_commit)", False),
        Column("member_id_bioguide", "VARCHAR", "Biographical Directory id: the member key", False),
        Column("member_id_lis", "VARCHAR", "Senate LIS id"),
        Column("member_id_icpsr", "BIGINT", "ICPSR id"),
        Column("member_id_govtrack", "BIGINT", "GovTrack id"),
        Column("member_id_fec", "VARCHAR", "FEC candidate ids, ';'-separated"),
        Column("first_name", "VARCHAR", "first name"),
        Column("middle_name", "VARCHAR", "middle name"),
        Column("last_name", "VARCHAR", "last name"),
        Column("nickname", "VARCHAR", "nickname"),
        Column("suffix", "VARCHAR", "suffix"),
        Column("official_full_name", "VARCHAR", "official full name"),
        Column("term_number", "INTEGER", "1-based index of the term in the member's record"),
        Column("term_type", "VARCHAR", "rep or sen"),
        Column("term_start", "DATE", "term start"),
        Column("term_end", "DATE", "term end"),
        Column("state", "VARCHAR", "two-letter state"),
        Column("district", "INTEGER", "House district (0 = at large)"),
        Column("party", "VARCHAR", "party during the term"),
        *PROVENANCE,
    ],
    "raw_congress__committee_seats": [
        Column("snapshot_date", "DATE", "date of the roster snapshot", False),
        Column("committee_code", "VARCHAR", "committee or subcommittee code (HSAS, SSAP02, ...)", False),
        Column("member_id_bioguide", "VARCHAR", "member", False),
        Column("member_name", "VARCHAR", "name as listed"),
        Column("party_side", "VARCHAR", "majority or minority"),
        Column("rank", "INTEGER", "rank on the committee"),
        Column("title", "VARCHAR", "Chairman, Ranking Member, ..."),
        *PROVENANCE,
    ],
    "raw_congress__committees": [
        Column("snapshot_date", "DATE", "date of the committee list snapshot"),
        Column("committee_code", "VARCHAR", "committee or subcommittee code", False),
        Column("parent_code", "VARCHAR", "parent committee of a subcommittee"),
        Column("chamber", "VARCHAR", "house, senate or joint"),
        Column("committee_name", "VARCHAR", "name"),
        Column("jurisdiction", "VARCHAR", "jurisdiction text"),
        *PROVENANCE,
    ],
    "raw_votes__votes": [
        Column("vote_id", "VARCHAR", "e.g. h7-119.2025 (chamber, number, congress, year)", False),
        Column("chamber", "VARCHAR", "house or senate", False),
        Column("congress", "INTEGER", "Congress"),
        Column("session", "VARCHAR", "session"),
        Column("number", "INTEGER", "roll-call number"),
        Column("vote_date", "DATE", "date of the vote"),
        Column("question", "VARCHAR", "question voted on"),
        Column("vote_type", "VARCHAR", "type of vote"),
        Column("category", "VARCHAR", "passage, cloture, amendment, ..."),
        Column("result", "VARCHAR", "result as recorded"),
        Column("requires", "VARCHAR", "majority required"),
        Column("bill_type", "VARCHAR", "hr, s, hres, ..."),
        Column("bill_number", "INTEGER", "bill number"),
        Column("bill_congress", "INTEGER", "bill's Congress"),
        Column("official_url", "VARCHAR", "the vote's official page or XML"),
        Column("subject", "VARCHAR", "subject or title"),
        Column("official_yea", "INTEGER", "official yea total, where the format gives one"),
        Column("official_nay", "INTEGER", "official nay total"),
        Column("official_present", "INTEGER", "official present total"),
        Column("official_not_voting", "INTEGER", "official not-voting total"),
        Column("positions", "INTEGER", "member positions recorded"),
        *PROVENANCE,
    ],
    "raw_votes__positions": [
        Column("vote_id", "VARCHAR", "vote", False),
        Column("chamber", "VARCHAR", "house or senate"),
        Column("member_id", "VARCHAR", "bioguide id (House) or LIS id (Senate)", False),
        Column("member_id_kind", "VARCHAR", "bioguide or lis"),
        Column("position", "VARCHAR", "yea, nay, present, not_voting, candidate"),
        Column("position_text", "VARCHAR", "position as recorded (Aye, No, Yea, ...)"),
        Column("party", "VARCHAR", "party as recorded on the vote"),
        Column("state", "VARCHAR", "state as recorded"),
        Column("display_name", "VARCHAR", "name as recorded"),
        *PROVENANCE,
    ],
    "raw_parse__problems": [
        Column("source", "VARCHAR", "source module", False),
        Column("doc_id", "VARCHAR", "document id"),
        Column("source_sha256", "VARCHAR", "raw document hash"),
        Column("level", "VARCHAR", "document_failed, needs_ocr, row_unreadable, ocr_review or note", False),
        Column("page", "INTEGER", "page, where known"),
        Column("row_number", "INTEGER", "row, where known"),
        Column("code", "VARCHAR", "short machine-readable reason", False),
        Column("message", "VARCHAR", "what was wrong, in words", False),
        Column("parser_version", "VARCHAR", "parser that reported it"),
    ],
    "raw_parse__documents": [
        Column("source", "VARCHAR", "source module", False),
        Column("doc_id", "VARCHAR", "document id"),
        Column("source_sha256", "VARCHAR", "raw document hash", False),
        Column("status", "VARCHAR", "parsed, parsed_with_notes, needs_ocr or failed", False),
        Column("mean_confidence", "DOUBLE", "OCR: mean row confidence of the document"),
        Column("review_rows", "INTEGER", "OCR: rows flagged for review"),
        Column("reason", "VARCHAR", "why it failed or needs OCR"),
        Column("doc_rows", "INTEGER", "records produced"),
        Column("parser_version", "VARCHAR", "parser that ran"),
        Column("parsed_at", "TIMESTAMP", "when (UTC)"),
    ],
}


def ddl(table: str) -> str:
    cols = ",\n  ".join(
        f"{c.name} {c.type}{'' if c.nullable else ' NOT NULL'}" for c in TABLES[table]
    )
    return f"CREATE TABLE IF NOT EXISTS {table} (\n  {cols}\n)"


def schema_markdown() -> str:
    out = []
    for table, cols in TABLES.items():
        out.append(f"### `{table}`\n\n| column | type | description |\n|---|---|---|")
        out.extend(f"| `{c.name}` | {c.type} | {c.description} |" for c in cols)
        out.append("")
    return "\n".join(out)


# --- parse results ----------------------------------------------------------------------


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
    extra: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

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
