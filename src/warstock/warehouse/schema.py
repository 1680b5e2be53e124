"""Every warehouse table, defined once: DDL and `warstock schema` are generated from here.

Raw tables come from the sources' specs (each source declares its columns; the provenance
columns are appended here, so every raw row says which document, URL and parser it came
from). The warehouse's own raw tables (the archive manifest, what each parse did) and the
derived core tables written from Python (filer and asset resolutions, committee seats,
document URLs, expectation checks) are declared below. Shipped reference data (universes,
key votes) is declared with its CSV.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from warstock import sources
from warstock.records import PROVENANCE, Column


@dataclass(frozen=True)
class TableDef:
    name: str
    columns: tuple[Column, ...]
    description: str
    origin: str  # source name, "warehouse", "derived" or "package data"

    def ddl(self, replace: bool = False) -> str:
        cols = ",\n  ".join(f"{c.name} {c.type}{'' if c.nullable else ' NOT NULL'}" for c in self.columns)
        verb = "CREATE OR REPLACE TABLE" if replace else "CREATE TABLE IF NOT EXISTS"
        return f"{verb} {self.name} (\n  {cols}\n)"

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name: str, typ: str, description: str, nullable: bool = True) -> Column:
    return Column(name, typ, description, nullable)


_WAREHOUSE = [
    TableDef("raw_archive__manifest", (
        Column("sha256", "VARCHAR", "content hash; the file's name in the archive", False),
        Column("source", "VARCHAR", "source module (house_ptr, house_index, ...)", False),
        Column("doc_id", "VARCHAR", "the publisher's document id (House DocID, ...)"),
        Column("year", "INTEGER", "filing year the document is listed under"),
        Column("official_url", "VARCHAR", "where the publisher serves the document"),
        Column("origin", "VARCHAR", "where warstock got it: a local path or the URL fetched"),
        Column("size_bytes", "BIGINT", "document size"),
        Column("content_type", "VARCHAR", "MIME type as sniffed from the bytes"),
        Column("registered_at", "TIMESTAMP", "when the document entered the archive (UTC)"),
    ), "every document in the content-addressed archive, with where it came from", "warehouse"),
    TableDef("raw_parse__documents", (
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
        Column("read_method", "VARCHAR", "text or ocr"),
    ), "what each parse of each document did", "warehouse"),
    TableDef("raw_parse__problems", (
        Column("source", "VARCHAR", "source module", False),
        Column("doc_id", "VARCHAR", "document id"),
        Column("source_sha256", "VARCHAR", "raw document hash"),
        Column("level", "VARCHAR", "document_failed, needs_ocr, incomplete, row_unreadable, ocr_review or note", False),
        Column("page", "INTEGER", "page, where known"),
        Column("row_number", "INTEGER", "row, where known"),
        Column("code", "VARCHAR", "short machine-readable reason", False),
        Column("message", "VARCHAR", "what was wrong, in words", False),
        Column("parser_version", "VARCHAR", "parser that reported it"),
    ), "notes and failures reported by the parsers, per document, page and row", "warehouse"),
]

_RESOLUTION = (
    _c("doc_id", "VARCHAR", "document id", False),
    _c("member_id_bioguide", "VARCHAR", "the member the filer resolved to; null if none"),
    _c("method", "VARCHAR", "how: index name + state, printed name, ..."),
    _c("reason", "VARCHAR", "why it did not resolve, or what was ambiguous"),
)

DERIVED = [
    TableDef("core_house__filer_resolution", _RESOLUTION, "House filers resolved to members", "derived"),
    TableDef("core_senate__filer_resolution", _RESOLUTION, "Senate filers resolved to members", "derived"),
    TableDef("core_asset_matches", (
        _c("doc_id", "VARCHAR", "document id", False),
        _c("row_number", "INTEGER", "row in the document", False),
        _c("issuer_id", "VARCHAR", "issuer the asset matched", False),
        _c("match_method", "VARCHAR", "ticker, ticker history, alias or name"),
        _c("matched_on", "VARCHAR", "the text that matched"),
    ), "transaction assets matched to universe issuers", "derived"),
    TableDef("core_import__filer_resolution", (
        _c("source", "VARCHAR", "import source (peer_house_stock_watcher, peer_congress_trading_signal)", False),
        _c("doc_id", "VARCHAR", "the filing, as the peer gives it", False),
        _c("filer_name", "VARCHAR", "filer as the peer names them"),
        _c("state_district", "VARCHAR", "state and district as the peer gives them"),
        _c("member_id_bioguide", "VARCHAR", "the member warstock resolves the filer to; null if none"),
        _c("method", "VARCHAR", "how: name + state + term (House), printed name + term (Senate)"),
        _c("reason", "VARCHAR", "why it did not resolve, or what was ambiguous"),
        _c("peer_member_id_bioguide", "VARCHAR", "the bioguide id the peer assigned, for comparison"),
    ), "imported filers resolved to members by warstock's own rules (the peer's id is kept beside)", "derived"),
    TableDef("core_import__asset_matches", (
        _c("source", "VARCHAR", "import source", False),
        _c("source_sha256", "VARCHAR", "the imported file", False),
        _c("row_number", "INTEGER", "row in the imported file", False),
        _c("issuer_id", "VARCHAR", "issuer the asset matched", False),
        _c("match_method", "VARCHAR", "ticker, former_ticker, name or name_prefix"),
        _c("matched_on", "VARCHAR", "the text that matched"),
    ), "imported assets matched to universe issuers (the same rules as documents' rows)", "derived"),
    TableDef("core_congress__committee_seats", (
        _c("member_id_bioguide", "VARCHAR", "member", False),
        _c("committee_code", "VARCHAR", "committee or subcommittee code", False),
        _c("valid_from", "DATE", "first roster that lists the seat"),
        _c("last_seen", "DATE", "last roster that lists the seat"),
        _c("ends_before", "DATE", "first full roster after last_seen that does not list it (null: still held)"),
        _c("title", "VARCHAR", "title on the newest roster"),
        _c("rank", "INTEGER", "rank on the newest roster"),
        _c("party_side", "VARCHAR", "majority or minority"),
        _c("snapshots_seen", "INTEGER", "rosters that list the seat"),
    ), "committee seats with dates, from the dated roster snapshots", "derived"),
    TableDef("core_documents", (
        _c("source", "VARCHAR", "source", False),
        _c("doc_id", "VARCHAR", "document id"),
        _c("year", "INTEGER", "year the publisher files it under (from the manifest or the House index)"),
        _c("official_url", "VARCHAR", "the publisher's URL, built from the source's spec"),
    ), "every archived document with its official URL (one place builds it: the source spec)", "derived"),
    TableDef("core_sources", (
        _c("name", "VARCHAR", "source", False),
        _c("publisher", "VARCHAR", "who publishes the documents"),
        _c("format", "VARCHAR", "what the documents are"),
        _c("yields", "VARCHAR", "what warstock reads from them"),
        _c("official_url", "VARCHAR", "the publisher's URL pattern"),
        _c("parser_version", "VARCHAR", "current parser (null: archived, not read yet)"),
        _c("read_by", "VARCHAR", "build, ocr, import or null"),
        _c("reads", "VARCHAR", "for an OCR source: the source whose documents it reads"),
        _c("tables", "VARCHAR", "raw tables it fills, comma-separated"),
    ), "the sources, as their specs declare them", "derived"),
    TableDef("core_parse__expectations", (
        _c("source", "VARCHAR", "source", False),
        _c("doc_id", "VARCHAR", "document id"),
        _c("code", "VARCHAR", "rows_below_expected, rows_above_expected or documents_below_expected", False),
        _c("message", "VARCHAR", "what was expected and what was found", False),
    ), "documents and years that fall short of what their source spec expects", "derived"),
]


def source_tables() -> list[TableDef]:
    out: list[TableDef] = []
    for spec in sources.SOURCES.values():
        for t in spec.tables:
            out.append(TableDef(t.name, (*t.columns, *PROVENANCE), f"{spec.name}: {spec.yields}", spec.name))
    return out


RAW: dict[str, TableDef] = {t.name: t for t in [*_WAREHOUSE, *source_tables()]}
CORE: dict[str, TableDef] = {t.name: t for t in DERIVED}
TABLES: dict[str, TableDef] = {**RAW, **CORE}


def writers(table_names: list[str]) -> set[str]:
    """The sources that fill any of these raw tables (an OCR source fills its reader's tables)."""
    return {name for name in sources.SOURCES if any(t.name in table_names for t in sources.tables(name))}


def version() -> str:
    """Changes whenever a raw table's columns change (the warehouse then re-parses everything)."""
    return hashlib.sha256("\n".join(t.ddl() for t in RAW.values()).encode()).hexdigest()[:16]


def markdown() -> str:
    out = []
    for t in TABLES.values():
        out.append(f"### `{t.name}` ({t.origin})\n\n{t.description}\n\n| column | type | description |\n|---|---|---|")
        out.extend(f"| `{c.name}` | {c.type} | {c.description} |" for c in t.columns)
        out.append("")
    return "\n".join(out)
