"""Committee rosters and the committee list, from unitedstates/congress-legislators.

``committee-membership-current.yaml`` maps a committee or subcommittee code (HSAS, SSAS,
HSAP02 ...) to its members on the snapshot's date; ``committees-current.yaml`` names the
committees and their subcommittees. Each roster snapshot is one dated observation; the
warehouse turns the sequence of observations into seats with valid-from / valid-to dates.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import yaml

from warstock.records import ParseResult

SPEC = {
    "name": "committee_membership",
    "publisher": "unitedstates/congress-legislators (CC0), from House and Senate committee rosters",
    "official_url": "https://github.com/unitedstates/congress-legislators/blob/main/committee-membership-current.yaml",
    "format": "YAML mapping committee code -> list of members (name, party side, rank, title, bioguide)",
    "yields": "one seat observation per (snapshot date, committee or subcommittee, member)",
    "caveats": "a snapshot taken while committees organise (2025-01-28) lists only some committees",
    "expected_rows_per_document": (1000, 20000),
}
PARSER_VERSION = "committee_membership/1.0"

COMMITTEES_SPEC = {
    "name": "committees",
    "publisher": "unitedstates/congress-legislators (CC0)",
    "official_url": "https://github.com/unitedstates/congress-legislators/blob/main/committees-current.yaml",
    "format": "YAML list of committees with subcommittees",
    "yields": "committee and subcommittee codes, names, chamber, jurisdiction",
    "caveats": "",
    "expected_rows_per_document": (100, 1000),
}
COMMITTEES_PARSER_VERSION = "committees/1.0"

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


def parse_committees(data: bytes, *, doc_id: str | None = None) -> ParseResult:
    try:
        items = yaml.load(data, Loader=_Loader)
    except yaml.YAMLError as exc:
        return ParseResult("failed", f"unreadable YAML: {exc}")
    if not isinstance(items, list):
        return ParseResult("failed", "unknown layout: top level is not a list of committees")
    result = ParseResult("parsed")
    on = snapshot_date(doc_id)
    for c in items:
        code = c.get("thomas_id")
        if not code:
            result.note("committee_without_code", f"committee {c.get('name')!r} has no thomas_id")
            continue
        result.records.append({"snapshot_date": on, "committee_code": code, "parent_code": None,
                               "chamber": c.get("type"), "committee_name": c.get("name"),
                               "jurisdiction": c.get("jurisdiction")})
        for sub in c.get("subcommittees") or []:
            result.records.append({"snapshot_date": on, "committee_code": f"{code}{sub.get('thomas_id')}",
                                   "parent_code": code, "chamber": c.get("type"),
                                   "committee_name": f"{c.get('name')}: {sub.get('name')}",
                                   "jurisdiction": None})
    return result.finish("committee list names no committees")
