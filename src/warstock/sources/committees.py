"""The committee list from unitedstates/congress-legislators.

``committees-current.yaml`` names the committees (HSAS, SSFR, HLIG ...) and their
subcommittees, with chamber and jurisdiction.
"""

from __future__ import annotations

from typing import Any

import yaml

from warstock.records import Column, ParseResult
from warstock.sources.committee_membership import snapshot_date
from warstock.sources.spec import Expect, SourceSpec, Table

SPEC = SourceSpec(
    name="committees",
    publisher="unitedstates/congress-legislators (CC0)",
    format="YAML list of committees with subcommittees",
    yields="committee and subcommittee codes, names, chamber, jurisdiction",
    official_url="https://github.com/unitedstates/congress-legislators/blob/main/committees-current.yaml",
    paths=(r"(?:^|/)committees-current_(?P<doc>[^/]+)\.yaml$",),
    tables=(Table("raw_congress__committees", (
        Column("snapshot_date", "DATE", "date of the committee list snapshot"),
        Column("committee_code", "VARCHAR", "committee or subcommittee code", False),
        Column("parent_code", "VARCHAR", "parent committee of a subcommittee"),
        Column("chamber", "VARCHAR", "house, senate or joint"),
        Column("committee_name", "VARCHAR", "name"),
        Column("jurisdiction", "VARCHAR", "jurisdiction text"),
    )),),
    parser_version="committees/1.0",
    expect=Expect(rows_per_document=(100, 1000)),
)

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(data: bytes, *, doc_id: str | None = None) -> ParseResult:
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
