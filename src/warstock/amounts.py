"""Amount bands and range arithmetic.

The STOCK Act asks for amounts only as bands, so every money figure warstock reports is a
pair: the sum of the band lows and the sum of the band highs. The open-ended top bands
("Over $50,000,000", "Spouse/DC Over $1,000,000") have no high; they are counted beside the
high, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# The bands printed on House and Senate PTRs (5 U.S.C. app. 13104(a)(5)(B) categories).
BANDS: tuple[tuple[int, int | None], ...] = (
    (1, 1_000),
    (1_001, 15_000),
    (15_001, 50_000),
    (50_001, 100_000),
    (100_001, 250_000),
    (250_001, 500_000),
    (500_001, 1_000_000),
    (1_000_001, 5_000_000),
    (5_000_001, 25_000_000),
    (25_000_001, 50_000_000),
    (50_000_001, None),
)
_KNOWN_LOWS = {low: high for low, high in BANDS}
SPOUSE_OVER_1M = (1_000_001, None)  # "Spouse/DC Over $1,000,000": a filer's own band for assets not their own


def band_label(low: int, high: int | None) -> str:
    """A band as the forms print it: "$1,001 - $15,000", "Over $50,000,000"."""
    if high is None:
        return f"Over ${low - 1:,}"
    return f"${low:,} - ${high:,}"


# The amount columns of the paper PTR forms, in the order they are printed (A, B, C, ...).
HOUSE_PTR_COLUMNS: tuple[tuple[int, int | None, str], ...] = tuple(
    (low, high, band_label(low, high)) for low, high in BANDS[1:]
) + ((*SPOUSE_OVER_1M, "Spouse/DC Over $1,000,000"),)
SENATE_PTR_COLUMNS: tuple[tuple[int, int | None, str], ...] = (
    HOUSE_PTR_COLUMNS[:6] + ((*SPOUSE_OVER_1M, "Over $1,000,000 (spouse/DC)"),) + HOUSE_PTR_COLUMNS[6:10])
# Paper forms and some filers print "$1,000,000 +" / "Spouse/DC Over $1,000,000".
_OPEN_ENDED_LOWS = {1_000_001, 5_000_001, 50_000_001}  # also income's "Over $5,000,000"

_MONEY = r"\$?\s*([0-9][0-9,]*(?:\.[0-9]{2})?)"
_RANGE_RE = re.compile(_MONEY + r"\s*[-–—]\s*" + _MONEY)
_OVER_RE = re.compile(r"(?:over|more than|>)\s*" + _MONEY + r"|" + _MONEY + r"\s*\+", re.I)
_SINGLE_RE = re.compile(r"^\s*" + _MONEY + r"\s*$")


@dataclass(frozen=True, slots=True)
class Band:
    low: int
    high: int | None  # None = open-ended ("Over $50,000,000")
    text: str

    @property
    def open_ended(self) -> bool:
        return self.high is None


class BandError(ValueError):
    """The text is not an amount band warstock knows."""


def _dollars(s: str) -> int:
    return int(float(s.replace(",", "")))


def parse_band(text: str) -> Band:
    """Read a band as printed: "$1,001 - $15,000", "Over $50,000,000",
    "Spouse/DC Over $1,000,000", "$1,000,001 +". Raises BandError otherwise.

    A band whose numbers are not one of the statutory bands is still accepted when it is a
    well-formed low-high pair (some filers type custom amounts), but a high below the low is
    rejected.
    """
    clean = " ".join(text.split())
    m = _RANGE_RE.search(clean)
    if m:
        low, high = _dollars(m.group(1)), _dollars(m.group(2))
        if high < low:
            raise BandError(f"band high below low: {text!r}")
        return Band(low, high, clean)
    m = _OVER_RE.search(clean)
    if m:
        value = _dollars(m.group(1) or m.group(2))
        low = value + 1 if value + 1 in _OPEN_ENDED_LOWS else value
        return Band(low, None, clean)
    m = _SINGLE_RE.match(clean)
    if m:
        value = _dollars(m.group(1))
        return Band(value, value, clean)
    raise BandError(f"not an amount band: {text!r}")


def is_statutory(band: Band) -> bool:
    return band.low in _KNOWN_LOWS and _KNOWN_LOWS[band.low] == band.high or (
        band.high is None and band.low in _OPEN_ENDED_LOWS
    )


def fmt_usd(value: int | float | None) -> str:
    """Compact dollars for reports: $15K, $1.2M, $104.4M."""
    if value is None:
        return "?"
    v = float(value)
    if v < 0:  # a net worth whose liabilities may exceed its assets
        return "-" + fmt_usd(-v)
    if v >= 1_000_000_000:
        return f"${v / 1e9:.1f}B"
    if v >= 1_000_000:
        return f"${v / 1e6:.1f}M"
    if v >= 1_000:
        return f"${v / 1e3:.0f}K"
    return f"${v:.0f}"


def fmt_range(low: int | float | None, high: int | float | None, open_ended: int = 0, unread: int = 0) -> str:
    """A sum of bands as "low – high"; bands with no upper bound ("Over $50,000,000") add only
    their low end and are counted; rows whose band was not read (a paper form's marks left
    unread by OCR) add nothing and are counted apart."""
    if low is None:
        return "no band read" + (f" ({unread} trades)" if unread > 1 else "")
    text = f"{fmt_usd(low)} – {fmt_usd(high)}"
    if open_ended:
        text += f" (+{open_ended} open-ended)"
    if unread:
        text += f" (+{unread} band{'s' if unread > 1 else ''} not read)"
    return text


def fmt_sum(row: Mapping[str, Any]) -> str:
    """fmt_range of an aggregate row (amount_min_usd, amount_max_usd, open_ended_bands,
    unread_amounts)."""
    return fmt_range(row["amount_min_usd"], row["amount_max_usd"], row.get("open_ended_bands") or 0,
                     row.get("unread_amounts") or 0)
