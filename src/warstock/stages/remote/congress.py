"""Votes and members: House Clerk and Senate LIS roll-call XML, and unitedstates/congress-legislators.

**Roll calls.** House: ``https://clerk.house.gov/evs/<year>/roll<NNN>.xml``, numbered from 1
each year; Senate: ``https://www.senate.gov/legislative/LIS/roll_call_votes/vote<C><S>/vote_<C>_<S>_<NNNNN>.xml``
(Congress C, session S: 1 in odd years, 2 in even ones), numbered from 1 each session. A run
asks for the number after the last one archived and goes on until the first 404 (the next
vote not taken yet). A vote is immutable once published, so it is never asked for twice.

**Legislators and rosters.** ``legislators-current.yaml``, ``legislators-historical.csv``,
``committees-current.yaml`` and ``committee-membership-current.yaml`` from
https://unitedstates.github.io/congress-legislators/, asked for conditionally. A file whose
bytes differ from every snapshot archived is a new *dated observation*, named as the shipped
snapshots are (``<date>_<id>``: the date the publisher last changed it, from Last-Modified, else
the day fetched; the id is the first 7 hex digits of its sha256, where the shipped ones carry a
git commit): a roster snapshot is one more observation of who sat where, never a replacement.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import date

from warstock.sources import parser
from warstock.sources.votes import parse as parse_vote
from warstock.stages.http import FAILURES, HTTPFailure, describe
from warstock.stages.remote import Context, filed_as

HOUSE_ROLL = "https://clerk.house.gov/evs/{year}/roll{number:03d}.xml"
SENATE_VOTE = ("https://www.senate.gov/legislative/LIS/roll_call_votes/vote{congress}{session}/"
               "vote_{congress}_{session}_{number:05d}.xml")
MAX_VOTES = 2000  # no chamber has taken this many roll calls in a year; a loop past it is a misbehaving server
LEGISLATORS = "https://unitedstates.github.io/congress-legislators/"
MEMBER_FILES = (  # (file on the site, the name its snapshot is filed under, with {doc} for the id)
    ("legislators-current.yaml", "congress/legislators/legislators-current_{doc}.yaml"),
    ("legislators-historical.csv", "congress/legislators/legislators-historical_{doc}.csv"),
    ("committees-current.yaml", "congress/committees/committees-current_{doc}.yaml"),
    ("committee-membership-current.yaml", "congress/committee-membership/committee-membership_{doc}.yaml"),
)


def congress_session(year: int) -> tuple[int, int]:
    """The Congress and session sitting for most of a year (the 119th's first session is 2025)."""
    return (year - 1789) // 2 + 1, 1 if year % 2 else 2


def _vote_check(body: bytes, doc_id: str) -> str | None:
    result = parse_vote(body, doc_id=doc_id)
    return f"vote not readable: {result.reason}" if result.status == "failed" else None


def _last_known(ctx: Context, pattern: str) -> int:
    rx = re.compile(pattern)
    numbers = [int(m.group(1)) for e in ctx.archive.entries() if e.source == "votes" and e.official_url
               for m in [rx.fullmatch(e.official_url)] if m]
    return max(numbers, default=0)


def sync_house_votes(ctx: Context, years: list[int]) -> None:
    for year in years:
        start = _last_known(ctx, re.escape(f"https://clerk.house.gov/evs/{year}/roll") + r"(\d+)\.xml") + 1

        def house_url(n: int, year: int = year) -> str:
            return HOUSE_ROLL.format(year=year, number=n)

        _roll_calls(ctx, start, house_url, lambda n: f"votes/roll{n:03d}.xml", year, f"House {year} votes")


def sync_senate_votes(ctx: Context, years: list[int]) -> None:
    for year in years:
        c, s = congress_session(year)
        prefix = SENATE_VOTE.split("vote{congress}")[0]
        start = _last_known(ctx, re.escape(prefix) + rf"vote{c}{s}/vote_{c}_{s}_(\d+)\.xml") + 1

        def senate_url(n: int, c: int = c, s: int = s) -> str:
            return SENATE_VOTE.format(congress=c, session=s, number=n)

        def senate_layout(n: int, c: int = c, s: int = s) -> str:
            return f"votes/vote_{c}_{s}_{n:05d}.xml"

        _roll_calls(ctx, start, senate_url, senate_layout, year, f"Senate {year} votes")


def _roll_calls(ctx: Context, start: int, url_of: Callable[[int], str], layout_of: Callable[[int], str],
                year: int, what: str) -> None:
    for n in range(start, MAX_VOTES + 1):
        official = url_of(n)
        source, doc = filed_as(layout_of(n))
        try:
            resp = ctx.client.get(ctx.url(official))
        except HTTPFailure as exc:
            if exc.status != 404:
                ctx.fail(source, doc, str(exc), official)
            return  # 404: the next vote has not been taken yet
        except FAILURES as exc:  # recorded; the next run starts here again
            ctx.fail(source, doc, describe(exc), official)
            return
        got = ctx.document(official, layout=layout_of(n), year=year, expect="application/xml", check=_vote_check,
                           resp=resp)
        if got is None:
            return  # not a vote document (an error page served as 200): stop; the next run asks again
        ctx.tick(what, n - start + 1, None)


def sync_members(ctx: Context) -> None:
    for name, layout in MEMBER_FILES:
        official = LEGISLATORS + name
        source, _ = filed_as(layout.format(doc="2000-01-01_0000000"))
        known = {e.sha256: e for e in ctx.archive.entries() if e.source == source}
        resp = ctx.get(official, source=source, doc=name, conditional=bool(known))
        if resp is None:
            continue
        tally = ctx.tally(source)
        if resp.not_modified:
            tally.unchanged += 1
            ctx.state.record(official, outcome="unchanged", etag=resp.headers.get("etag"),
                             last_modified=resp.headers.get("last-modified"), source=source, doc=name)
            continue
        sha = hashlib.sha256(resp.body).hexdigest()
        if sha in known:
            tally.unchanged += 1
            ctx.state.record(official, outcome="unchanged", etag=resp.headers.get("etag"),
                             last_modified=resp.headers.get("last-modified"), sha256=sha, source=source,
                             doc=known[sha].doc_id)
            continue
        changed = resp.last_modified
        on = changed.date() if changed else ctx.today
        on = min(on, ctx.today)
        doc = f"{on.isoformat()}_{sha[:7]}"

        def check(body: bytes, doc_id: str, source: str = source) -> str | None:
            result = parser(source)(body, doc_id=doc_id)
            return f"not readable by {source}: {result.reason}" if result.status == "failed" else None

        ctx.document(official, layout=layout.format(doc=doc), year=None, expect=None, check=check, resp=resp)


def years_between(first: date, last: date) -> list[int]:
    return list(range(first.year, last.year + 1))
