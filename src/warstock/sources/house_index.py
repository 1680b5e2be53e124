"""House Clerk yearly financial-disclosure index (``YYYYFD.xml``, ``YYYYFD.txt``, ``YYYYFD.zip``).

One row per filing of any type; FilingType ``P`` marks a periodic transaction report. The
index is the denominator of coverage: every PTR it lists should end up parsed, awaiting OCR
or failed with a reason.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from typing import Any

from lxml import etree

from warstock.records import HOUSE_FILING_TYPES, Column, ParseResult
from warstock.sources.spec import Expect, SourceSpec, Table

SPEC = SourceSpec(
    name="house_index",
    publisher="Clerk of the U.S. House of Representatives",
    format="ZIP holding YYYYFD.xml and YYYYFD.txt (tab-separated, same fields)",
    yields="filings: DocID, filer name, state/district, filing type, filing date, year",
    official_url="https://disclosures-clerk.house.gov/public_disc/financial-pdfs/{year}FD.zip",
    paths=(r"(?:^|/)(?P<doc>(?P<year>\d{4})FD)\.(?:xml|txt|zip)$",),
    tables=(Table("raw_house__index", (
        Column("doc_id", "VARCHAR", "House DocID", False),
        Column("year", "INTEGER", "index year", False),
        Column("filing_type", "VARCHAR", "FilingType code (P = periodic transaction report)"),
        Column("prefix", "VARCHAR", "name prefix as printed"),
        Column("last_name", "VARCHAR", "filer last name as printed"),
        Column("first_name", "VARCHAR", "filer first name as printed"),
        Column("suffix", "VARCHAR", "name suffix as printed"),
        Column("state_district", "VARCHAR", "state and district, e.g. NJ05"),
        Column("filing_date", "DATE", "date the Clerk received the filing"),
    )),),
    parser_version="house_index/1.0",
    expect=Expect(rows_per_document=(500, 10000)),
    caveats="the XML starts with a byte-order mark; some rows have empty StateDst or DocID",
)

_FIELDS = ("Prefix", "Last", "First", "Suffix", "FilingType", "StateDst", "Year", "FilingDate", "DocID")


def _date(text: str) -> date | None:
    try:
        return datetime.strptime(text.strip(), "%m/%d/%Y").date()
    except ValueError:
        return None


def _row(values: dict[str, str], result: ParseResult, n: int) -> dict[str, Any] | None:
    doc_id = (values.get("DocID") or "").strip()
    if not doc_id:
        result.note("missing_doc_id", f"index row {n} has no DocID", level="row_unreadable",
                    row_number=n)
        return None
    ftype = (values.get("FilingType") or "").strip()
    if ftype not in HOUSE_FILING_TYPES:
        result.note("unknown_filing_type", f"FilingType {ftype!r} (DocID {doc_id})", row_number=n)
    year_text = (values.get("Year") or "").strip()
    filed = _date(values.get("FilingDate") or "")
    if filed is None:
        result.note("bad_filing_date", f"FilingDate {values.get('FilingDate')!r} (DocID {doc_id})",
                    row_number=n)
    return {
        "doc_id": doc_id,
        "year": int(year_text) if year_text.isdigit() else None,
        "filing_type": ftype or None,
        "prefix": (values.get("Prefix") or "").strip() or None,
        "last_name": (values.get("Last") or "").strip() or None,
        "first_name": (values.get("First") or "").strip() or None,
        "suffix": (values.get("Suffix") or "").strip() or None,
        "state_district": (values.get("StateDst") or "").strip() or None,
        "filing_date": filed,
    }


def parse_xml(data: bytes) -> ParseResult:
    result = ParseResult("parsed")
    try:
        root = etree.fromstring(data.lstrip(b"\xef\xbb\xbf"), parser=etree.XMLParser(recover=False))
    except etree.XMLSyntaxError as exc:
        return ParseResult("failed", f"unreadable index XML: {exc}")
    if root.tag != "FinancialDisclosure":
        return ParseResult("failed", f"unknown layout: root element <{root.tag}>")
    for n, member in enumerate(root.iter("Member"), start=1):
        values = {child.tag: (child.text or "") for child in member}
        extra = set(values) - set(_FIELDS)
        if extra:
            result.note("extra_field", f"unexpected fields {sorted(extra)}", row_number=n)
        row = _row(values, result, n)
        if row:
            result.records.append(row)
    return result.finish("index lists no filings")


def parse_txt(data: bytes) -> ParseResult:
    result = ParseResult("parsed")
    text = data.decode("utf-8-sig", errors="replace")
    reader = csv.reader(io.StringIO(text), delimiter="\t")
    header = next(reader, None)
    if not header or [h.strip() for h in header[: len(_FIELDS)]] != list(_FIELDS):
        return ParseResult("failed", f"unknown layout: header {header!r}")
    for n, values in enumerate(reader, start=1):
        if not any(v.strip() for v in values):
            continue
        row = _row(dict(zip(_FIELDS, values, strict=False)), result, n)
        if row:
            result.records.append(row)
    return result.finish("index lists no filings")


def parse_zip(data: bytes) -> ParseResult:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        return ParseResult("failed", f"unreadable ZIP: {exc}")
    names = zf.namelist()
    xml = [n for n in names if n.lower().endswith(".xml")]
    txt = [n for n in names if n.lower().endswith(".txt")]
    if xml:
        return parse_xml(zf.read(xml[0]))
    if txt:
        return parse_txt(zf.read(txt[0]))
    return ParseResult("failed", f"ZIP holds no index file: {names}")


def parse(data: bytes, *, doc_id: str | None = None) -> ParseResult:
    """Dispatch on content: ZIP magic, XML declaration, else tab-separated text."""
    if data[:4] == b"PK\x03\x04":
        return parse_zip(data)
    head = data.lstrip(b"\xef\xbb\xbf").lstrip()[:100]
    if head.startswith(b"<"):
        return parse_xml(data)
    if not data.strip():
        return ParseResult("failed", "empty file (0 bytes)" if not data else "empty index")
    return parse_txt(data)
