"""Committee seats as intervals, from dated roster snapshots.

A roster snapshot says who sat on each committee on its date. A seat opens at the first
snapshot that lists the member on the committee and ends before the first later snapshot
that does not (whether it lists the committee without them or no longer lists the committee:
subcommittees are renamed and abolished, e.g. HSBA01 last appears in the 2023-09-29 roster).
Snapshots known to be partial (committees still organising: listed in the package data, or
detected by `detect_partial`) can open or extend a seat but never end one; empty rosters
hold no observations at all.

Dating: a seat is held on date t when valid_from <= t < ends_before (ends_before null: still
held at the latest snapshot). Between last_seen and ends_before the change happened on a day
the snapshots do not show; `certain` is false there. Before the first snapshot nothing is
known.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass
class Seat:
    member_id_bioguide: str
    committee_code: str
    valid_from: date
    last_seen: date
    ends_before: date | None
    title: str | None
    rank: int | None
    party_side: str | None
    snapshots_seen: int


PARTIAL_SHARE = 0.7  # a roster listing fewer seats than this share of its neighbours' is partial


def detect_partial(observations: list[dict[str, Any]]) -> dict[date, str]:
    """Rosters taken while committees organise (January-February of a new Congress) list only
    some seats. A snapshot listing fewer than PARTIAL_SHARE of the seats that the snapshots
    around it list (the median of up to two before and two after) is partial: it may open or
    extend a seat, never end one."""
    counts: dict[date, int] = defaultdict(int)
    for o in observations:
        counts[o["snapshot_date"]] += 1
    dates = sorted(counts)
    out = {}
    for i, d in enumerate(dates):
        around = [counts[x] for x in dates[max(0, i - 2):i] + dates[i + 1:i + 3]]
        if not around:
            continue
        typical = sorted(around)[len(around) // 2]
        if counts[d] < PARTIAL_SHARE * typical:
            out[d] = (f"lists {counts[d]} seats where the rosters around it list about {typical}: "
                      "committees still organising")
    return out


def build_seats(observations: list[dict[str, Any]], partial: set[date]) -> list[Seat]:
    by_date: dict[date, set[tuple[str, str]]] = defaultdict(set)
    detail: dict[tuple[date, str, str], dict[str, Any]] = {}
    for o in observations:
        key = (o["committee_code"], o["member_id_bioguide"])
        by_date[o["snapshot_date"]].add(key)
        detail[(o["snapshot_date"], *key)] = o
    dates = sorted(by_date)
    pairs = {k for s in by_date.values() for k in s}
    seats: list[Seat] = []
    for code, member in sorted(pairs):
        current: Seat | None = None
        for d in dates:
            present = (code, member) in by_date[d]
            if present:
                o = detail[(d, code, member)]
                if current is None:
                    current = Seat(member, code, d, d, None, o.get("title"), o.get("rank"), o.get("party_side"), 0)
                current.last_seen = d
                current.snapshots_seen += 1
                current.title, current.rank, current.party_side = o.get("title"), o.get("rank"), o.get("party_side")
            elif current is not None and d not in partial:
                current.ends_before = d
                seats.append(current)
                current = None
        if current is not None:
            seats.append(current)
    return seats
