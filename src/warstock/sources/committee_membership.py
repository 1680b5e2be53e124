"""Committee rosters from unitedstates/congress-legislators.

``committee-membership-current.yaml`` maps a committee or subcommittee code (HSAS, SSAS,
HSAP02 ...) to its members on the snapshot's date. Each roster snapshot is one dated
observation; the warehouse turns the sequence of observations into seats with valid-from /
valid-to dates (warehouse/derive.py).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import yaml

from warstock.records import Column, ParseResult
from warstock.sources.spec import Expect, SourceSpec, Table

SPEC = SourceSpec(
    name="committee_membership",
    publisher="unitedstates/congress-legislators (CC0), from House and Senate committee rosters",
    format="YAML mapping committee code -> list of members (name, party side, rank, title, bioguide)",
    yields="one seat observation per (snapshot date, committee or subcommittee, member)",
    official_url="https://github.com/unitedstates/congress-legislators/blob/main/committee-membership-current.yaml",
    paths=(r"(?:^|/)committee-membership(?:-current)?_(?P<doc>[^/]+)\.yaml$",),
    tables=(Table("raw_congress__committee_seats", (
        Column("snapshot_date", "DATE", "date of the roster snapshot", False),
        Column("committee_code", "VARCHAR", "committee or subcommittee code (HSAS, SSAP02, ...)", False),
        Column("member_id_bioguide", "VARCHAR", "member", False),
        Column("member_name", "VARCHAR", "name as listed"),
        Column("party_side", "VARCHAR", "majority or minority"),
        Column("rank", "INTEGER", "rank on the committee"),
        Column("title", "VARCHAR", "Chairman, Ranking Member, ..."),
    )),),
    parser_version="committee_membership/1.1",
    expect=Expect(rows_per_document=(1000, 20000)),
    caveats="a snapshot taken while committees organise (2025-01-28) lists only some committees; some "
    "snapshots between Congresses are empty",
)

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CODE = re.compile(r"^[HSJ][A-Z]{3}(\d{2})?$")
_DATE_IN_ID = re.compile(r"(\d{4}-\d{2}-\d{2})")


def snapshot_date(doc_id: str | None) -> date | None:
    m = _DATE_IN_ID.search(doc_id or "")
    return date.fromisoformat(m.group(1)) if m else None


def parse(data: bytes, *, doc_id: str | None = None) -> ParseResult:
    on = snapshot_date(doc_id)
    if on is None:
        return ParseResult("failed", f"no snapshot date in document id {doc_id!r}")
    try:
        roster = yaml.load(data, Loader=_Loader)
    except yaml.YAMLError as exc:
        return ParseResult("failed", f"unreadable YAML: {exc}")
    if roster in ({}, []):  # between Congresses the file is empty ({} or []): a real roster with no seats
        result = ParseResult("parsed_with_notes")
        result.note("empty_roster", "the roster lists no committees (taken between two Congresses)")
        return result
    if not isinstance(roster, dict):
        return ParseResult("failed", "unknown layout: top level is not a mapping of committee codes")
    result = ParseResult("parsed")
    for code, members in roster.items():
        if not isinstance(code, str) or not _CODE.match(code):
            result.note("unknown_committee_code", f"committee code {code!r} is not a known shape")
            continue
        for n, m in enumerate(members or [], start=1):
            bioguide = (m or {}).get("bioguide")
            if not bioguide:
                result.note("seat_without_bioguide", f"{code} member {n} ({(m or {}).get('name')!r}) "
                            "has no bioguide id", level="row_unreadable", row_number=n)
                continue
            result.records.append({
                "snapshot_date": on, "committee_code": code, "member_id_bioguide": bioguide,
                "member_name": m.get("name"), "party_side": m.get("party"), "rank": m.get("rank"),
                "title": m.get("title"),
            })
    return result.finish("roster lists no seats")
