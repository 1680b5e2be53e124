"""unitedstates/congress-legislators ``legislators-current.yaml`` snapshots.

Each snapshot lists the members serving on its date with all their terms. Members who left
appear only in older snapshots, so warstock reads every snapshot it has and keeps the union:
one record per (bioguide id, term).
"""

from __future__ import annotations

from typing import Any

import yaml

from warstock.records import ParseResult

SPEC = {
    "name": "legislators",
    "publisher": "unitedstates/congress-legislators (CC0), from official congressional sources",
    "official_url": "https://github.com/unitedstates/congress-legislators/blob/main/legislators-current.yaml",
    "format": "YAML list of legislators with ids, name, bio and terms",
    "yields": "member terms: bioguide, lis, icpsr, govtrack, fec ids, names, party, state, district",
    "caveats": "a snapshot holds only members serving on its date",
    "expected_rows_per_document": (500, 20000),
}
PARSER_VERSION = "legislators/1.0"

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
