"""unitedstates/congress-legislators ``legislators-historical`` (CSV): every former member.

One row per person who ever served and no longer does, with every id (bioguide, LIS,
ICPSR, GovTrack, FEC) and their last term only (type, state, district, party; no dates). It
gives the ids of members who served only between two ``legislators-current`` snapshots (a
senator appointed in September 2024 and gone by January 2025 is in no snapshot), so their
votes map to a bioguide id. It does not date terms, so it is not used to resolve filers.
"""

from __future__ import annotations

import csv
import io

from warstock.records import Column, ParseResult
from warstock.sources.spec import Expect, SourceSpec, Table

SPEC = SourceSpec(
    name="legislators_historical",
    publisher="unitedstates/congress-legislators (CC0), from official congressional sources",
    format="CSV, one row per former member (the project's published legislators-historical.csv)",
    yields="ids of every former member (bioguide, lis, icpsr, govtrack, fec) and their last term's type, state, "
    "party",
    official_url="https://unitedstates.github.io/congress-legislators/legislators-historical.csv",
    paths=(r"(?:^|/)legislators-historical_(?P<doc>[^/]+)\.csv$",),
    tables=(Table("raw_congress__legislator_ids", (
        Column("snapshot", "VARCHAR", "file snapshot (date_commit)", False),
        Column("member_id_bioguide", "VARCHAR", "Biographical Directory id", False),
        Column("member_id_lis", "VARCHAR", "Senate LIS id"),
        Column("member_id_icpsr", "BIGINT", "ICPSR id"),
        Column("member_id_govtrack", "BIGINT", "GovTrack id"),
        Column("member_id_fec", "VARCHAR", "FEC candidate ids, ','-separated as printed"),
        Column("first_name", "VARCHAR", "first name"),
        Column("last_name", "VARCHAR", "last name"),
        Column("full_name", "VARCHAR", "full name, where given"),
        Column("last_term_type", "VARCHAR", "rep or sen: the last term"),
        Column("last_term_state", "VARCHAR", "state of the last term"),
        Column("last_term_party", "VARCHAR", "party of the last term"),
    )),),
    parser_version="legislators_historical/1.0",
    expect=Expect(rows_per_document=(10000, 20000)),
    caveats="last term only, without dates",
)

FIELDS = ("bioguide_id", "lis_id", "icpsr_id", "govtrack_id", "fec_ids", "first_name", "last_name", "full_name",
          "type", "state", "party")


def _int(text: str | None) -> int | None:
    return int(text) if text and text.strip().isdigit() else None


def parse(data: bytes, *, doc_id: str | None = None) -> ParseResult:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ParseResult("failed", f"not UTF-8 text: {exc}")
    reader = csv.DictReader(io.StringIO(text))
    missing = [f for f in FIELDS if f not in (reader.fieldnames or [])]
    if missing:
        return ParseResult("failed", f"unknown layout: columns {', '.join(missing)} missing")
    result = ParseResult("parsed")
    for n, row in enumerate(reader, start=2):
        bioguide = (row.get("bioguide_id") or "").strip()
        if not bioguide:
            result.note("missing_bioguide", f"line {n} has no bioguide id", level="row_unreadable", row_number=n)
            continue
        result.records.append({
            "snapshot": doc_id, "member_id_bioguide": bioguide, "member_id_lis": row["lis_id"] or None,
            "member_id_icpsr": _int(row["icpsr_id"]), "member_id_govtrack": _int(row["govtrack_id"]),
            "member_id_fec": row["fec_ids"] or None, "first_name": row["first_name"] or None,
            "last_name": row["last_name"] or None, "full_name": row["full_name"] or None,
            "last_term_type": row["type"] or None, "last_term_state": row["state"] or None,
            "last_term_party": row["party"] or None,
        })
    return result.finish("no legislators in file")
