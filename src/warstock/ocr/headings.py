"""The printed headings of a paper PTR's transaction-type columns, read to check which column
is which.

The type of a trade comes from geometry: which narrow checkbox column holds the mark. The
columns are named by their count and order (forms.TYPE_TEMPLATES), so a ruling the scan lost
(between the asset column and "Purchase", say) shifts every name by one, and every sale reads
as a purchase with full confidence. The headings say what each column is ("Purchase", "Sale",
"Partial Sale", "Exchange", "Capital Gains over $200", "Partial Transaction"), printed across
or turned on their side. This module decides, from what was read of them, whether the roles
stand, can be named again, or are in doubt.

``label_of`` and ``judge`` are pure; ``read_labels`` calls Tesseract.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import cv2
import numpy as np

from warstock.ocr import grid
from warstock.ocr.engine import Engine

TYPE_TEMPLATES = {  # the narrow checkbox columns between the asset and the dates, by count
    3: ("purchase", "sale", "exchange"),  # Senate form
    4: ("purchase", "sale", "partial", "exchange"),  # House form
    5: ("purchase", "sale", "exchange", "cap_gains", "partial"),  # House form as some filers retype it
}

# words of each heading; a heading is named by the most specific word read in it
_WORDS = {
    "partial": ("partial",),
    "cap_gains": ("capital", "gains", "gain", "exceed", "$200"),
    "exchange": ("exchange",),
    "purchase": ("purchase",),
    "sale": ("sale", "sales"),
}
_ORDER = ("partial", "cap_gains", "exchange", "purchase", "sale")  # "Partial Sale" is partial, not sale


def _like(word: str, key: str) -> bool:
    if word == key:
        return True
    if len(word) < 3 or abs(len(word) - len(key)) > 3:
        return False
    return difflib.SequenceMatcher(None, word, key).ratio() >= (0.75 if len(key) <= 4 else 0.7)


def label_of(text: str) -> str | None:
    """The type heading this text is, however OCR spelt it ("Purchate", "Exchen",
    "Po-tie! Sate" for Partial Sale), or None when no word of it is a heading word."""
    words = re.findall(r"\$?[a-z0-9]+", text.lower())
    for role in _ORDER:
        if any(_like(w, k) for w in words for k in _WORDS[role]):
            return role
    return None


@dataclass(frozen=True)
class Verdict:
    kind: str  # "agree" | "unread" | "renamed" | "lost_left" | "doubt"
    roles: tuple[str, ...] = ()  # the columns' roles after the check (renamed / lost_left: the new ones)
    reason: str = ""


def _fits(role: str, label: str) -> bool:
    # "Partial Sale" with only its second word legible still heads the partial column
    return role == label or (role == "partial" and label == "sale")


def judge(roles: list[str], labels: list[str | None]) -> Verdict:
    """Roles of the type columns (left to right, as the layout named them) against the headings
    read over them.

    - agree: every heading read names its column's role (at least two read).
    - unread: fewer than two headings read; nothing to go on, the layout stands.
    - renamed: the headings name a different role for some columns, every column's heading was
      read, no two the same: the columns take the printed names.
    - lost_left: the first column's heading is not "purchase", no column is headed "purchase",
      and the headings read are the layout's roles shifted one to the left (the scan lost the
      ruling between the asset column and "Purchase", so the asset column holds it).
    - doubt: anything else that disagrees; the types read on the page are in doubt.
    """
    read = [(r, lab) for r, lab in zip(roles, labels, strict=True) if lab is not None]
    if len(read) < 2:
        return Verdict("unread", tuple(roles), f"{len(read)} of {len(roles)} type headings read")
    if all(_fits(r, lab) for r, lab in read):
        return Verdict("agree", tuple(roles))
    shown = ", ".join(lab or "?" for lab in labels)
    named = [lab for lab in labels if lab is not None]
    if "purchase" not in labels and labels[0] in (None, "sale") and len(set(named)) == len(named):
        wanted = ("purchase", *labels)
        fits = [t for t in TYPE_TEMPLATES.values()
                if len(t) == len(wanted) and all(w is None or w == r for w, r in zip(wanted, t, strict=True))]
        if len(fits) == 1 or None not in labels:
            new = fits[0] if len(fits) == 1 else tuple(lab for lab in wanted if lab is not None)
            return Verdict("lost_left", new,
                           f"the ruling left of 'Purchase' was lost in the scan (headings read: {shown})")
    if len(named) == len(labels) and len(set(named)) == len(named):
        return Verdict("renamed", tuple(named),
                       f"type columns named by their printed headings ({shown}), not by their count")
    return Verdict("doubt", tuple(roles),
                   f"type columns read as {', '.join(roles)} but their headings read {shown}")


def _big(img: np.ndarray) -> np.ndarray:
    return np.asarray(cv2.resize(img, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC))


def read_labels(engine: Engine, gray: np.ndarray, xs: list[tuple[int, int]], y0: int, y1: int) -> list[str | None]:
    """The heading over each column (x0, x1) in the band y0..y1, read as printed, then turned
    a quarter either way (the standard House form prints them on their side)."""
    out: list[str | None] = []
    for x0, x1 in xs:
        crop = gray[y0 + 3:y1 - 3, x0 + 3:x1 - 3]
        if crop.size == 0 or min(crop.shape) < 8:
            out.append(None)
            continue
        label = label_of(engine.read(_big(crop), psm="block").text)
        if label is None:
            # writing much taller than wide is printed on its side (the House form's, read
            # bottom to top): the box's rulings painted out, turned, read again
            clean = grid.clean_cell(crop)
            ink = np.argwhere(grid.binarize(clean) > 0) if clean.min() < 128 else np.empty((0, 2), int)
            if len(ink) >= 20:
                (ya, xa), (yb, xb) = ink.min(axis=0), ink.max(axis=0)
                if (yb - ya) > 1.5 * (xb - xa):
                    big = cv2.copyMakeBorder(_big(clean[ya:yb + 1, xa:xb + 1]), 12, 12, 12, 12,
                                             cv2.BORDER_CONSTANT, value=255)
                    for turn in (3, 1):
                        label = label_of(engine.read(np.ascontiguousarray(np.rot90(big, turn)), psm="block").text)
                        if label:
                            break
        out.append(label)
    return out
