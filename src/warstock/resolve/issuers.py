"""Asset to issuer: which universe company, if any, a disclosed asset is.

First by ticker as printed (current tickers, and former tickers within their validity
dates, so a 2019 trade in UTX counts as RTX); then, for rows printed without a ticker, by
the normalised company name or a known alias at the start of the asset name. The method that
matched is recorded on every match so a reader can audit it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

# Words that say what kind of security, not whose: removed before comparing names.
_NOISE = {
    "inc", "incorporated", "corp", "corporation", "co", "company", "plc", "ltd", "limited",
    "holdings", "holding", "group", "the", "common", "stock", "shares", "class", "a", "b",
    "ordinary", "new", "de", "llc", "lp", "sa", "nv", "adr", "ads", "com", "cl", "sh",
}
# Aliases shorter than this (after normalising) are too ambiguous to match by name alone.
_MIN_ALIAS = 5


def norm_ticker(ticker: str | None) -> str | None:
    if not ticker:
        return None
    t = ticker.strip().upper()
    t = re.sub(r"[./ ]", "-", t)
    return t or None


def norm_name(text: str | None) -> str:
    if not text:
        return ""
    t = text.lower().replace("&", " and ")
    t = re.sub(r"/[a-z]{2}/", " ", t)  # SEC's "/DE/" state suffixes
    t = re.sub(r"[^a-z0-9 ]+", " ", t)
    words = t.split()
    # cut at the first noise word that follows a real word: "lockheed martin corp common"
    out: list[str] = []
    for w in words:
        if w in _NOISE:
            if out:
                break
            continue
        out.append(w)
    return " ".join(out)


@dataclass(frozen=True)
class Match:
    issuer_id: str
    method: str  # ticker | former_ticker | name
    matched_on: str


class IssuerIndex:
    def __init__(self, tickers: list[dict[str, Any]], aliases: list[dict[str, Any]],
                 issuers: list[dict[str, Any]]):
        self.tickers: dict[str, list[dict[str, Any]]] = {}
        for t in tickers:
            key = norm_ticker(t["ticker"])
            if key:
                self.tickers.setdefault(key, []).append(t)
        self.names: dict[str, str] = {}
        for row in [*aliases, *({"issuer_id": i["issuer_id"], "alias": i["name"]} for i in issuers)]:
            n = norm_name(row["alias"])
            if len(n) >= _MIN_ALIAS:
                self.names.setdefault(n, row["issuer_id"])

    def match(self, ticker: str | None, asset_name: str | None, on: date | None) -> Match | None:
        key = norm_ticker(ticker)
        if key:
            for t in self.tickers.get(key, []):
                vf, vt = t.get("valid_from"), t.get("valid_to")
                if vf is None and vt is None:
                    return Match(t["issuer_id"], "ticker", key)
                if on is None or ((vf is None or vf <= on) and (vt is None or on <= vt)):
                    return Match(t["issuer_id"], "former_ticker", f"{key} ({vf}..{vt})")
            return None  # a printed ticker that is not in the universe is not a universe asset
        name = norm_name(asset_name)
        if not name:
            return None
        if name in self.names:
            return Match(self.names[name], "name", name)
        # A multi-word alias may start a longer name ("Lockheed Martin 3.5% notes"); a single
        # word may not ("Boeing Employees Credit Union" is not Boeing).
        words = name.split()
        for n in range(len(words) - 1, 1, -1):
            prefix = " ".join(words[:n])
            if prefix in self.names:
                return Match(self.names[prefix], "name_prefix", prefix)
        return None
