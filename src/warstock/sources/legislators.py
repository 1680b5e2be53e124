"""unitedstates/congress-legislators ``legislators-current.yaml`` snapshots.

Each snapshot lists the members serving on its date with all their terms. Members who left
appear only in older snapshots, so warstock reads every snapshot it has and keeps the union:
one record per (bioguide id, term).
"""

from __future__ import annotations

from typing import Any

import yaml

from warstock.records import Column, ParseResult
from warstock.sources.spec import Expect, SourceSpec, Table

SPEC = SourceSpec(
    name="legislators",
    publisher="unitedstates/congress-legislators (CC0), from official congressional sources",
    format="YAML list of legislators with ids, name, bio and terms",
    yields="member terms: bioguide, lis, icpsr, govtrack, fec ids, names, party, state, district",
    official_url="https://github.com/unitedstates/congress-legislators/blob/main/legislators-current.yaml",
    paths=(r"(?:^|/)legislators-current_(?P<doc>[^/]+)\.yaml$",),
    tables=(Table("raw_congress__legislator_terms", (
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
    )),),
    parser_version="legislators/1.0",
    expect=Expect(rows_per_document=(500, 20000)),
    caveats="a snapshot holds only members serving on its date",
)

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(data: bytes, *, doc_id: str | None = None) -> ParseResult:
    try:
        people = yaml.load(data, Loader=_Loader)
    except yaml.YAMLError as exc:
        return ParseResult("failed", f"unreadable YAML: {exc}")
    if not isinstance(people, list):
        return ParseResult("failed", "unknown layout: top level is not a list of legislators")
    result = ParseResult("parsed")
    for n, person in enumerate(people, start=1):
        ids = person.get("id") or {}
        name = person.get("name") or {}
        bioguide = ids.get("bioguide")
        if not bioguide:
            result.note("missing_bioguide", f"legislator {n} has no bioguide id",
                        level="row_unreadable", row_number=n)
            continue
        fec = ids.get("fec") or []
        for t, term in enumerate(person.get("terms") or [], start=1):
            district = term.get("district")
            result.records.append({
                "snapshot": doc_id,
                "member_id_bioguide": bioguide,
                "member_id_lis": ids.get("lis"),
                "member_id_icpsr": ids.get("icpsr"),
                "member_id_govtrack": ids.get("govtrack"),
                "member_id_fec": ";".join(fec) if isinstance(fec, list) else str(fec),
                "first_name": name.get("first"),
                "middle_name": name.get("middle"),
                "last_name": name.get("last"),
                "nickname": name.get("nickname"),
                "suffix": name.get("suffix"),
                "official_full_name": name.get("official_full"),
                "term_number": t,
                "term_type": term.get("type"),
                "term_start": term.get("start"),
                "term_end": term.get("end"),
                "state": term.get("state"),
                "district": int(district) if district is not None else None,
                "party": term.get("party"),
            })
    return result.finish("no legislators in file")
