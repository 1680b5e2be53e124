"""Roll-call votes: the unitedstates/congress archive, House Clerk XML and Senate LIS XML.

The archive (``data/<congress>/votes/<year>/<h|s>N/data.json`` inside a .tar.gz) gives each
vote's metadata and member positions, House members by bioguide id and senators by LIS id.
The official formats a live sync fetches give the same plus the official totals:
House Clerk ``https://clerk.house.gov/evs/<year>/roll<NNN>.xml`` (``<rollcall-vote>``) and
Senate LIS ``https://www.senate.gov/legislative/LIS/roll_call_votes/vote<C><S>/vote_<C>_<S>_<NNNNN>.xml``
(``<roll_call_vote>``).
"""

from __future__ import annotations

import gzip
import io
import json
import re
import tarfile
from datetime import date, datetime
from typing import Any

from lxml import etree

from warstock.records import Column, Columns, ParseResult
from warstock.sources.spec import Expect, SourceSpec, Table

SPEC = SourceSpec(
    name="votes",
    publisher="Clerk of the House and Senate LIS, via unitedstates/congress (public domain)",
    format="tar.gz of unitedstates/congress data.json files; or one House Clerk / Senate LIS XML",
    yields="votes (id, chamber, date, bill, question, result, official totals) and member positions",
    official_url=None,  # an archive of many votes has none; each vote row carries its own official_url
    paths=(r"(?:^|/)votes/(?P<doc>[^/]+)\.tar\.gz$", r"(?:^|/)(?P<doc>roll\d+|vote_\d+_\d+_\d+)\.xml$"),
    tables=(
        Table("raw_votes__votes", (
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
        )),
        Table("raw_votes__positions", (
        Column("vote_id", "VARCHAR", "vote", False),
        Column("chamber", "VARCHAR", "house or senate"),
        Column("member_id", "VARCHAR", "bioguide id (House) or LIS id (Senate)", False),
        Column("member_id_kind", "VARCHAR", "bioguide or lis"),
        Column("position", "VARCHAR", "yea, nay, present, not_voting, candidate"),
        Column("position_text", "VARCHAR", "position as recorded (Aye, No, Yea, ...)"),
        Column("party", "VARCHAR", "party as recorded on the vote"),
        Column("state", "VARCHAR", "state as recorded"),
        Column("display_name", "VARCHAR", "name as recorded"),
        ), "extra"),
    ),
    parser_version="votes/1.0",
    expect=Expect(rows_per_document=(1, 10000)),
    caveats="Speaker elections record candidate names instead of Yea/Nay",
)

POSITIONS = {
    "YEA": "yea", "AYE": "yea", "GUILTY": "yea",
    "NAY": "nay", "NO": "nay", "NOT GUILTY": "nay",
    "PRESENT": "present",
    "NOT VOTING": "not_voting",
}
POSITION_FIELDS = ("vote_id", "chamber", "member_id", "member_id_kind", "position", "position_text", "party",
                   "state", "display_name")
_VOTE_PATH = re.compile(r"data/(\d+)/votes/(\d{4})/([hs])(\d+)/data\.json$")


def parse(data: bytes, *, doc_id: str | None = None) -> ParseResult:
    if data[:2] == b"\x1f\x8b":
        return parse_archive(data)
    head = data.lstrip()[:400]
    if b"<rollcall-vote" in head:
        return parse_house_xml(data)
    if b"<roll_call_vote" in head:
        return parse_senate_xml(data)
    if head.startswith(b"{"):
        result = ParseResult("parsed")
        _add_json_vote(data, result, "data.json")
        return result.finish("no votes in document")
    return ParseResult("failed", "unknown layout: not a vote archive, House Clerk XML or Senate LIS XML")


def _position(text: str, special: bool, result: ParseResult, vote_id: str) -> str | None:
    pos = POSITIONS.get(text.strip().upper())
    if pos is None:
        if special:
            return "candidate"  # Speaker elections: the key is the candidate's name
        result.note("unknown_position", f"{vote_id}: position {text!r} not recognised")
    return pos


def _vote_date(text: str) -> date:
    return datetime.fromisoformat(text).date() if "T" in text else date.fromisoformat(text[:10])


def _add_json_vote(raw: bytes, result: ParseResult, name: str) -> None:
    try:
        v = json.loads(raw)
        vote_id = v["vote_id"]
        chamber = {"h": "house", "s": "senate"}[v["chamber"]]
        when = _vote_date(v["date"])
    except (ValueError, KeyError, TypeError) as exc:
        result.note("malformed_vote", f"{name}: {type(exc).__name__}: {exc}", level="row_unreadable")
        return
    bill = v.get("bill") or {}
    question = v.get("question") or ""
    special = "speaker" in (v.get("type") or "").lower() or "speaker" in question.lower()
    counts = {"yea": 0, "nay": 0, "present": 0, "not_voting": 0}
    n_positions = 0
    for key, members in (v.get("votes") or {}).items():
        pos = _position(key, special, result, vote_id)
        for m in members or []:
            if not isinstance(m, dict):  # the VP's tie-break is recorded as a bare string
                result.note("non_member_position", f"{vote_id}: {key} cast by {m!r}")
                continue
            member_id = m.get("id")
            if not member_id:
                result.note("position_without_member", f"{vote_id}: {key} by {m.get('display_name')!r}")
                continue
            n_positions += 1
            if pos in counts:
                counts[pos] += 1
            positions = result.extra.setdefault("raw_votes__positions", Columns(POSITION_FIELDS))
            positions.append({
                "vote_id": vote_id, "chamber": chamber, "member_id": member_id,
                "member_id_kind": "bioguide" if chamber == "house" else "lis",
                "position": pos, "position_text": key, "party": m.get("party"), "state": m.get("state"),
                "display_name": m.get("display_name"),
            })
    result.records.append({
        "vote_id": vote_id, "chamber": chamber, "congress": v.get("congress"), "session": str(v.get("session")),
        "number": v.get("number"), "vote_date": when, "question": question, "vote_type": v.get("type"),
        "category": v.get("category"), "result": v.get("result"), "requires": v.get("requires"),
        "bill_type": bill.get("type"), "bill_number": bill.get("number"), "bill_congress": bill.get("congress"),
        "official_url": v.get("source_url"), "subject": v.get("subject"),
        "official_yea": None, "official_nay": None, "official_present": None, "official_not_voting": None,
        "positions": n_positions,
    })


def parse_archive(data: bytes) -> ParseResult:
    result = ParseResult("parsed")
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            for member in tar:
                if not member.isfile() or not _VOTE_PATH.search(member.name):
                    continue
                fh = tar.extractfile(member)
                if fh is not None:
                    _add_json_vote(fh.read(), result, member.name)
    except (tarfile.TarError, OSError, EOFError, gzip.BadGzipFile) as exc:
        if not result.records:
            return ParseResult("failed", f"unreadable vote archive: {exc}", notes=result.notes)
        result.note("archive_truncated", f"archive ends early after {len(result.records)} votes: {exc}")
    return result.finish("no votes in document")


def _text(el: Any, path: str) -> str | None:
    found = el.find(path)
    return found.text.strip() if found is not None and found.text else None


def _totals(el: Any, yea: str, nay: str, present: str, not_voting: str) -> dict[str, int | None]:
    """The official totals under ``el``, by the names this format gives them."""
    names = {"official_yea": yea, "official_nay": nay, "official_present": present,
             "official_not_voting": not_voting}
    return {key: _int(_text(el, tag)) if el is not None else None for key, tag in names.items()}


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


_BILL = re.compile(r"^(H\s*R|S|H\s*RES|S\s*RES|H\s*J\s*RES|S\s*J\s*RES|H\s*CON\s*RES|S\s*CON\s*RES)\.?\s*(\d+)$", re.I)


def _bill(text: str | None) -> tuple[str | None, int | None]:
    m = _BILL.match((text or "").replace(".", " ").strip())
    if not m:
        return None, None
    return m.group(1).replace(" ", "").lower(), int(m.group(2))


def parse_house_xml(data: bytes) -> ParseResult:
    """House Clerk roll call: <rollcall-vote><vote-metadata>…</vote-metadata><vote-data>…"""
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        return ParseResult("failed", f"unreadable XML: {exc}")
    meta = root.find("vote-metadata")
    if root.tag != "rollcall-vote" or meta is None:
        return ParseResult("failed", "unknown layout: no <vote-metadata>")
    result = ParseResult("parsed")
    congress = _int(_text(meta, "congress"))
    number = _int(_text(meta, "rollcall-num"))
    action_date = _text(meta, "action-date")
    try:
        when = datetime.strptime(action_date or "", "%d-%b-%Y").date()
    except ValueError:
        return ParseResult("failed", f"unknown layout: action-date {action_date!r}")
    year = when.year
    vote_id = f"h{number}-{congress}.{year}"
    totals = meta.find("vote-totals/totals-by-vote")
    question = _text(meta, "vote-question") or ""
    bill_type, bill_number = _bill(_text(meta, "legis-num"))
    special = "speaker" in question.lower()
    counted = 0
    for rv in root.iterfind("vote-data/recorded-vote"):
        leg = rv.find("legislator")
        cast = _text(rv, "vote") or ""
        if leg is None or not leg.get("name-id"):
            result.note("position_without_member", f"{vote_id}: a recorded vote has no legislator id")
            continue
        counted += 1
        result.extra.setdefault("raw_votes__positions", []).append({
            "vote_id": vote_id, "chamber": "house", "member_id": leg.get("name-id"), "member_id_kind": "bioguide",
            "position": _position(cast, special, result, vote_id), "position_text": cast,
            "party": leg.get("party"), "state": leg.get("state"), "display_name": (leg.text or "").strip(),
        })
    result.records.append({
        "vote_id": vote_id, "chamber": "house", "congress": congress, "session": _text(meta, "session"),
        "number": number, "vote_date": when, "question": question, "vote_type": _text(meta, "vote-type"),
        "category": None, "result": _text(meta, "vote-result"), "requires": None,
        "bill_type": bill_type, "bill_number": bill_number, "bill_congress": congress if bill_type else None,
        "official_url": f"https://clerk.house.gov/evs/{year}/roll{number:03d}.xml" if number else None,
        "subject": _text(meta, "vote-desc"),
        **_totals(totals, "yea-total", "nay-total", "present-total", "not-voting-total"),
        "positions": counted,
    })
    return result.finish("no votes in document")


def parse_senate_xml(data: bytes) -> ParseResult:
    """Senate LIS roll call: <roll_call_vote> with <count> and <members><member>…"""
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        return ParseResult("failed", f"unreadable XML: {exc}")
    if root.tag != "roll_call_vote":
        return ParseResult("failed", f"unknown layout: root <{root.tag}>")
    result = ParseResult("parsed")
    congress = _int(_text(root, "congress"))
    session = _text(root, "session")
    number = _int(_text(root, "vote_number"))
    raw_date = _text(root, "vote_date") or ""
    try:
        when = datetime.strptime(raw_date.split(",")[0] + "," + raw_date.split(",")[1][:5], "%B %d, %Y").date()
    except (ValueError, IndexError):
        return ParseResult("failed", f"unknown layout: vote_date {raw_date!r}")
    vote_id = f"s{number}-{congress}.{when.year}"
    question = _text(root, "vote_question_text") or _text(root, "question") or ""
    doc = root.find("document")
    bill_type, bill_number = _bill(_text(doc, "document_name")) if doc is not None else (None, None)
    counted = 0
    for m in root.iterfind("members/member"):
        lis = _text(m, "lis_member_id")
        cast = _text(m, "vote_cast") or ""
        if not lis:
            result.note("position_without_member", f"{vote_id}: member {_text(m, 'member_full')!r} has no LIS id")
            continue
        counted += 1
        result.extra.setdefault("raw_votes__positions", []).append({
            "vote_id": vote_id, "chamber": "senate", "member_id": lis, "member_id_kind": "lis",
            "position": _position(cast, False, result, vote_id), "position_text": cast,
            "party": _text(m, "party"), "state": _text(m, "state"), "display_name": _text(m, "member_full"),
        })
    count = root.find("count")
    result.records.append({
        "vote_id": vote_id, "chamber": "senate", "congress": congress, "session": session, "number": number,
        "vote_date": when, "question": question, "vote_type": _text(root, "question"), "category": None,
        "result": _text(root, "vote_result"), "requires": _text(root, "majority_requirement"),
        "bill_type": bill_type, "bill_number": bill_number, "bill_congress": congress if bill_type else None,
        "official_url": None, "subject": _text(root, "vote_title"),
        **_totals(count, "yeas", "nays", "present", "absent"),
        "positions": counted,
    })
    return result.finish("no votes in document")
