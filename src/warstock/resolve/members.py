"""Filer to member: resolve the name printed on a filing to a bioguide id.

A House filing gives a last and first name and a state/district ("NJ05"); the legislators
data gives every member's terms. A filer resolves when exactly one member with that last name
held a House seat for that state (and district, where it matches) on or near the filing date.
Anything else is left unresolved with the reason, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

_HONORIFICS = {"hon", "mr", "mrs", "ms", "miss", "dr", "jr", "sr", "ii", "iii", "iv", "the",
               "honorable", "rep", "representative", "senator", "sen"}
# A PTR can be filed after the term ends (late filers, departures): accept a year of slack.
TERM_GRACE = timedelta(days=366)


def norm_tokens(text: str | None) -> list[str]:
    if not text:
        return []
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = re.sub(r"[^a-z0-9 ]+", " ", t.replace("'", ""))
    return [w for w in t.split() if w not in _HONORIFICS and len(w) > 0]


@dataclass(frozen=True)
class Resolution:
    doc_id: str
    member_id_bioguide: str | None
    method: str | None
    reason: str | None


def _in_office(term: dict[str, Any], on: date | None) -> bool:
    if on is None or term["_start"] is None or term["_end"] is None:
        return True
    return term["_start"] - timedelta(days=90) <= on <= term["_end"] + TERM_GRACE


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


class MemberIndex:
    def __init__(self, terms: Iterable[dict[str, Any]], former: Iterable[dict[str, Any]] = ()):
        """``terms``: dated terms (legislators-current snapshots). ``former``: former members
        with their last term undated (legislators-historical), used only when no dated term
        matches and then only on a whole, unambiguous name."""
        self.former_senators = [
            {**f, "_last": norm_tokens(f.get("last_name")), "_first": set(norm_tokens(f.get("first_name")))}
            for f in former if f.get("last_term_type") == "sen"]
        self.by_state: dict[str, list[dict[str, Any]]] = {}
        self.senators: list[dict[str, Any]] = []
        for t in terms:
            if t.get("term_type") not in ("rep", "sen"):
                continue
            bucket = self.by_state.setdefault(t["state"], []) if t["term_type"] == "rep" else self.senators
            bucket.append({
                **t,
                "_start": _as_date(t["term_start"]),
                "_end": _as_date(t["term_end"]),
                "_last": norm_tokens(t.get("last_name")),
                "_first": set(norm_tokens(t.get("first_name")) + norm_tokens(t.get("nickname"))
                              + norm_tokens(t.get("middle_name"))),
            })

    def resolve_senate(self, doc_id: str, printed_name: str | None, on: date | None) -> Resolution:
        """'The Honorable Thomas R Carper' -> the one senator in office near `on` whose last
        name appears at the end of the printed name (first names break ties)."""
        tokens = norm_tokens(printed_name)
        if not tokens:
            return Resolution(doc_id, None, None, "no filer name")
        joined = f" {' '.join(tokens)} "

        def matches(t: dict[str, Any]) -> bool:
            last = " ".join(t["_last"])
            return bool(last) and joined.endswith(f" {last} ")

        cands = [t for t in self.senators if matches(t) and _in_office(t, on)]
        members = {t["member_id_bioguide"] for t in cands}
        if len(members) > 1:
            narrowed = {t["member_id_bioguide"] for t in cands if t["_first"] & set(tokens[:-1])}
            members = narrowed or members
        if len(members) == 1:
            return Resolution(doc_id, next(iter(members)), "name+term", None)
        if not members:
            former = {f["member_id_bioguide"] for f in self.former_senators
                      if matches(f) and f["_first"] & set(tokens[:-1])}
            if len(former) == 1:  # served between two snapshots (Loeffler, 2020): whole name, one match
                return Resolution(doc_id, next(iter(former)), "name (former senator, undated last term)", None)
            return Resolution(doc_id, None, None, f"no senator named {printed_name!r} in office around {on}")
        return Resolution(doc_id, None, None, f"ambiguous: {sorted(members)} match {printed_name!r}")

    def resolve_house(self, doc_id: str, last: str | None, first: str | None,
                      state_district: str | None, on: date | None) -> Resolution:
        sd = (state_district or "").strip().upper()
        m = re.match(r"^([A-Z]{2})\s*(\d{1,2})?$", sd)
        if not m:
            return Resolution(doc_id, None, None, f"state/district {state_district!r} not recognised")
        state, district = m.group(1), int(m.group(2)) if m.group(2) else None
        last_t = norm_tokens(last)
        first_t = set(norm_tokens(first))
        if not last_t:
            return Resolution(doc_id, None, None, "no filer last name")

        def last_matches(term: dict[str, Any]) -> bool:
            ml = term["_last"]
            if ml == last_t:
                return True
            # "Wasserman Schultz" vs "Schultz", "Van Orden" vs "Orden"
            joined, mj = " ".join(last_t), " ".join(ml)
            return bool(ml) and (f" {mj} " in f" {joined} " or f" {joined} " in f" {mj} ")

        cands = [t for t in self.by_state.get(state, []) if last_matches(t) and _in_office(t, on)]
        members = {t["member_id_bioguide"] for t in cands}
        if len(members) > 1 and district is not None:
            narrowed = {t["member_id_bioguide"] for t in cands if t["district"] == district}
            if narrowed:
                members = narrowed
        if len(members) > 1 and first_t:
            narrowed = {t["member_id_bioguide"] for t in cands
                        if t["member_id_bioguide"] in members and t["_first"] & first_t}
            if narrowed:
                members = narrowed
        if len(members) == 1:
            bioguide = next(iter(members))
            district_ok = any(t["district"] == district for t in cands
                              if t["member_id_bioguide"] == bioguide)
            method = "name+state+district+term" if district_ok else "name+state+term"
            return Resolution(doc_id, bioguide, method, None)
        if not members:
            return Resolution(doc_id, None, None,
                              f"no House member named {last!r} for {sd} around {on}")
        return Resolution(doc_id, None, None,
                          f"ambiguous: {len(members)} members match {last!r} {sd}: {sorted(members)}")
