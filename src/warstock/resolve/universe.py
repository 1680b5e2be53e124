"""Universe editions as data: the shipped ones and those a user fetched, read from their files.

An *edition* is a named list of companies with its source and date (``editions.csv``); its
*memberships* are one row per list row (rank, the source row it came from, the amount the list
gives). A *company* (issuer) carries its tickers with validity dates, its aliases and its
subsidiaries (``subsidiaries.csv``: a subsidiary's contract awards count for its listed parent).

Shipped editions live in the package (``data/universe``); fetched ones (``warstock universe
fetch``) in ``<home>/universes/<universe_id>/`` as ``edition.json`` (the edition's row plus its
provenance: API URL, request body, retrieval time), ``memberships.csv``, ``recipients.csv`` and
``unmatched.csv``. This module reads both and answers list, show and diff; it never touches the
network or the warehouse.

Matching a contract recipient to a company (``RecipientMatcher``) is by UEI first, then by
name: the company's aliases and its subsidiaries' names, compared as asset names are
(``resolve.issuers.norm_name``). A subsidiary name matches its parent only here, for contract
awards; a disclosed *asset* named after a subsidiary ("Sikorsky Aircraft") is not matched to the
parent, because a subsidiary issues no stock of its own (see README, Universes).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from warstock.resolve.issuers import IssuerIndex, norm_name
from warstock.settings import package_data

EDITION_FIELDS = ["universe_id", "title", "family", "source", "source_url", "source_date", "retrieved", "basis",
                  "period", "ranked_by", "completeness", "list_size", "note"]
MEMBERSHIP_FIELDS = ["universe_id", "issuer_id", "rank", "source", "name_in_source", "amount_usd_m",
                     "amount_kind", "source_row"]
COMPLETENESS = ("complete", "fragment", "floor")


class UnknownEdition(ValueError):
    """An edition id that is neither shipped nor fetched."""


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def fetched_dir(home: Path) -> Path:
    """Where `warstock universe fetch` writes its editions."""
    return home / "universes"


@dataclass
class Catalog:
    editions: dict[str, dict[str, Any]] = field(default_factory=dict)
    memberships: list[dict[str, Any]] = field(default_factory=list)
    issuers: dict[str, dict[str, Any]] = field(default_factory=dict)
    tickers: list[dict[str, Any]] = field(default_factory=list)
    aliases: list[dict[str, Any]] = field(default_factory=list)
    subsidiaries: list[dict[str, Any]] = field(default_factory=list)

    def edition(self, universe_id: str) -> dict[str, Any]:
        if universe_id not in self.editions:
            raise UnknownEdition(f"unknown universe {universe_id!r}; known: {', '.join(sorted(self.editions))}")
        return self.editions[universe_id]

    def members(self, universe_id: str) -> dict[str, list[dict[str, Any]]]:
        """issuer_id -> its membership rows in the edition (a company may be listed twice, e.g.
        FY2020's Raytheon and United Technologies, both RTX today)."""
        out: dict[str, list[dict[str, Any]]] = {}
        for m in self.memberships:
            if m["universe_id"] == universe_id:
                out.setdefault(m["issuer_id"], []).append(m)
        return out


def load_catalog(shipped: Path | None = None, home: Path | None = None) -> Catalog:
    """The shipped universe (``shipped``, default the package's) plus the editions fetched into
    ``home`` (if given). A fetched edition with the id of a shipped one replaces it."""
    root = shipped or package_data("universe")
    cat = Catalog()
    for row in read_csv(root / "editions.csv"):
        cat.editions[row["universe_id"]] = {**row, "origin": "shipped"}
    cat.memberships = read_csv(root / "memberships.csv")
    cat.issuers = {r["issuer_id"]: r for r in read_csv(root / "issuers.csv")}
    cat.tickers = read_csv(root / "tickers.csv")
    cat.aliases = read_csv(root / "aliases.csv")
    cat.subsidiaries = read_csv(root / "subsidiaries.csv")
    for ed, members in fetched_editions(home) if home is not None else []:
        uid = ed["universe_id"]
        cat.editions[uid] = ed
        cat.memberships = [m for m in cat.memberships if m["universe_id"] != uid] + members
    return cat


def fetched_editions(home: Path) -> list[tuple[dict[str, Any], list[dict[str, str]]]]:
    """(edition row with its provenance, membership rows) of every edition fetched into ``home``."""
    out = []
    root = fetched_dir(home)
    for folder in sorted(root.iterdir() if root.is_dir() else []):
        if not (folder / "edition.json").is_file() or folder.name.startswith("."):
            continue
        meta = json.loads((folder / "edition.json").read_text(encoding="utf-8"))
        ed = {**{k: meta.get(k, "") for k in EDITION_FIELDS}, "origin": str(folder),
              "provenance": meta.get("provenance", {})}
        out.append((ed, read_csv(folder / "memberships.csv")))
    return out


def _rank(rows: list[dict[str, Any]]) -> int | None:
    ranks = [int(r["rank"]) for r in rows if str(r.get("rank") or "").isdigit()]
    return min(ranks) if ranks else None


def editions_table(cat: Catalog) -> list[dict[str, Any]]:
    counts: dict[str, set[str]] = {}
    for m in cat.memberships:
        counts.setdefault(m["universe_id"], set()).add(m["issuer_id"])
    return [{"universe_id": uid, "companies": len(counts.get(uid, ())),
             "listed": sum(1 for i in counts.get(uid, ()) if _tickers(cat, i)),
             **{k: e.get(k) for k in EDITION_FIELDS if k != "universe_id"}, "origin": e["origin"]}
            for uid, e in sorted(cat.editions.items())]


def _tickers(cat: Catalog, issuer_id: str) -> list[dict[str, Any]]:
    return [t for t in cat.tickers if t["issuer_id"] == issuer_id]


def ticker_label(t: dict[str, Any]) -> str:
    """'RTX', or 'RTN (until 2020-04-02)' for a ticker with dates."""
    if not t.get("valid_from") and not t.get("valid_to"):
        return str(t["ticker"])
    span = (f"{t['valid_from']}..{t['valid_to']}" if t.get("valid_from") and t.get("valid_to")
            else f"until {t['valid_to']}" if t.get("valid_to") else f"from {t['valid_from']}")
    return f"{t['ticker']} ({span})"


def show(cat: Catalog, universe_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The edition, and its companies in rank order (unranked last, by name), each with its
    tickers (with validity dates), subsidiaries and the list rows that put it there."""
    ed = cat.edition(universe_id)
    out = []
    for issuer_id, rows in cat.members(universe_id).items():
        issuer = cat.issuers.get(issuer_id, {"name": issuer_id, "country": ""})
        amounts = [float(r["amount_usd_m"]) for r in rows if r.get("amount_usd_m") not in (None, "")]
        out.append({
            "rank": _rank(rows), "issuer_id": issuer_id, "name": issuer.get("name"),
            "country": issuer.get("country") or "",
            "tickers": ", ".join(ticker_label(t) for t in _tickers(cat, issuer_id)),
            "subsidiaries": "; ".join(s["subsidiary"] for s in cat.subsidiaries if s["issuer_id"] == issuer_id),
            "amount_usd_m": sum(amounts) if amounts else None,
            "amount_kind": next((r.get("amount_kind") for r in rows if r.get("amount_kind")), None),
            "listed_as": "; ".join(f"{r.get('name_in_source') or issuer.get('name')}"
                                   + (f" #{r['rank']}" if r.get("rank") else "") for r in rows),
            "sources": "; ".join(r["source"] for r in rows),
            "source_rows": "; ".join(r.get("source_row") or "" for r in rows),
        })
    out.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0, str(r["name"]).lower()))
    return ed, out


def diff(cat: Catalog, a: str, b: str) -> dict[str, Any]:
    """Companies only in A, only in B, and in both with a different rank."""
    cat.edition(a), cat.edition(b)
    ma, mb = cat.members(a), cat.members(b)

    def row(issuer_id: str, **extra: Any) -> dict[str, Any]:
        return {"issuer_id": issuer_id, "name": cat.issuers.get(issuer_id, {}).get("name", issuer_id),
                "tickers": ", ".join(t["ticker"] for t in _tickers(cat, issuer_id) if not t.get("valid_to")),
                **extra}

    def by_rank(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
        return sorted(rows, key=lambda r: (r[key] is None, r[key] or 0, str(r["name"]).lower()))

    only_a = by_rank([row(i, rank=_rank(ma[i])) for i in ma if i not in mb], "rank")
    only_b = by_rank([row(i, rank=_rank(mb[i])) for i in mb if i not in ma], "rank")
    moved = by_rank([row(i, rank_a=_rank(ma[i]), rank_b=_rank(mb[i]),
                         change=(_rank(ma[i]) - _rank(mb[i])) if _rank(ma[i]) and _rank(mb[i]) else None)  # type: ignore[operator]
                     for i in ma if i in mb and _rank(ma[i]) != _rank(mb[i])], "rank_b")
    same = sum(1 for i in ma if i in mb and _rank(ma[i]) == _rank(mb[i]))
    return {"only_a": only_a, "only_b": only_b, "rank_changes": moved, "same_rank": same}


@dataclass(frozen=True)
class RecipientMatch:
    issuer_id: str
    method: str  # uei | name | name_prefix | subsidiary | subsidiary_prefix
    matched_on: str


class RecipientMatcher:
    """A contract recipient (name, UEI) to a company of the catalog: by UEI, else by name against
    the companies' names and aliases, else against their subsidiaries' names. Subsidiaries with
    dates match only on a date within them (an award to Aerojet Rocketdyne in 2022 was not
    L3Harris')."""

    def __init__(self, cat: Catalog, on: date | None = None):
        self.ueis = {s["uei"].strip().upper(): s["issuer_id"] for s in cat.subsidiaries if (s.get("uei") or "").strip()}
        self.companies = IssuerIndex([], cat.aliases, list(cat.issuers.values()))
        subs = [{"issuer_id": s["issuer_id"], "alias": s["subsidiary"]} for s in cat.subsidiaries
                if _within(s, on)]
        self.subsidiaries = IssuerIndex([], subs, [])
        # names too short to match an asset by ("RTX", "HII") still name a recipient exactly
        self.short: dict[str, str] = {}
        for row in [*cat.aliases, *({"issuer_id": i["issuer_id"], "alias": i["name"]} for i in cat.issuers.values())]:
            n = norm_name(row["alias"])
            if 0 < len(n) < 5:
                self.short.setdefault(n, row["issuer_id"])

    def match(self, name: str | None, uei: str | None = None) -> RecipientMatch | None:
        if uei and uei.strip().upper() in self.ueis:
            return RecipientMatch(self.ueis[uei.strip().upper()], "uei", uei.strip().upper())
        if norm_name(name) in self.short:
            return RecipientMatch(self.short[norm_name(name)], "short_name", norm_name(name))
        for index, prefix in ((self.companies, ""), (self.subsidiaries, "subsidiary_")):
            m = index.match(None, name, None)
            if m:
                method = prefix + m.method if prefix else m.method
                return RecipientMatch(m.issuer_id, method.replace("subsidiary_name", "subsidiary"), m.matched_on)
        return None


def _within(s: dict[str, Any], on: date | None) -> bool:
    if on is None:
        return True
    vf, vt = s.get("valid_from") or "", s.get("valid_to") or ""
    return (not vf or vf <= on.isoformat()) and (not vt or on.isoformat() <= vt)


def normalised(name: str | None) -> str:
    """The key names are compared by (for listing unmatched recipients)."""
    return norm_name(name)
