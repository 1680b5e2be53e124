"""The House Clerk's e-filed PDF conventions, shared by the House parsers (house_ptr, house_annual).

The Clerk's e-filing system prints its reports (Periodic Transaction Reports, Form A financial
disclosure reports) the same way: tables whose cells wrap over several lines and across pages,
headed by a header row that gives each column's left edge; headings and labels drawn in faux
small caps that PDFium cannot map to Unicode (read here by their skeleton); a "Digitally
Signed: <name> , MM/DD/YYYY" line; transaction types printed as a P, S or E at the left edge of
their column; and checkboxes drawn as vector paths (3 paths for an empty box, 4 for a ticked one).
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from warstock.amounts import Band, is_statutory
from warstock.pdftext import UNMAPPED, PdfError, Word, open_pdf
from warstock.records import ParseResult

LINE_TOL = 2.5  # points: words whose baselines differ by less are on one visual line
COL_TOL = 4.0  # points: a word may start this far left of its column's header word

DATE_RE = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4}$")
TICKER_SHAPE = re.compile(r"^[A-Z0-9][A-Z0-9.\-/$]{0,11}$")  # LMT, BRK.B, MOG/A, JPM$J, KEY$I
SIGNED_RE = re.compile(r"Digitally Signed:\s*(?P<name>.*?)\s*,\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})")


def odd_characters(text: str) -> str | None:
    """The characters of a printed field that no disclosure prints, or None: control and format
    characters (zero-width, bidi), the replacement character, private-use and unassigned code
    points, letters and symbols outside the Latin script and common punctuation (the House and
    Senate print English text; a name may carry accented Latin letters, curly quotes, an en
    dash), and UTF-8 read as Latin-1 ("Ã©", "ï¿½"). Such characters in a field mean damaged
    bytes, not a filing. Shared by the House and Senate parsers (it reads text only)."""
    found = [ch for ch in text if not _plain_char(ch)]
    if not found and any(ord(ch) > 0x7F for ch in text) and all(ord(ch) < 0x100 for ch in text):
        try:
            text.encode("latin-1").decode("utf-8")
            return "".join(ch for ch in text if ord(ch) > 0x7F)  # mojibake
        except UnicodeDecodeError:
            pass
    return "".join(dict.fromkeys(found)) or None


_PLAIN_SYMBOLS = set("\u00a0\u00a2\u00a3\u00a5\u00a7\u00a9\u00ae\u00b0\u00b1\u00b5\u00b7\u00bc\u00bd\u00be\u20ac\u2122")


def _plain_char(ch: str) -> bool:
    o = ord(ch)
    if 0x20 <= o < 0x7F or ch in _PLAIN_SYMBOLS:
        return True
    if unicodedata.category(ch)[0] in "CZ":
        return False  # controls, format, private use, unassigned; odd spaces and separators
    # accented Latin letters (not the multiplication and division signs, not U+00FF, the
    # byte 0xFF read as text), Latin Extended-A, dashes, quotes, bullets, ellipsis, primes
    return (0xC0 <= o <= 0xFE and o not in (0xD7, 0xF7)) or 0x100 <= o <= 0x17F or 0x2010 <= o <= 0x2044


def statutory_or_exact(band: Band) -> bool:
    """A band the statute prints, or an exact amount of $1,000 or less (the lowest band: the
    Clerk's e-filing lets a filer type the exact figure, e.g. "$823.45" for a capital call).
    Anything else ("$1,001 - $95,000") is read as printed but is not a band a form offers."""
    return is_statutory(band) or (band.low == band.high and band.low <= 1_000)


class LayoutError(Exception):
    """The document is a PDF but not laid out as a Clerk's report warstock knows."""


def parse_pdf(data: bytes, read: Callable[[pdfium.PdfDocument], ParseResult]) -> ParseResult:
    """Open a PDF and read it with ``read``. Never raises for bad input: a PDF that does not
    open, a layout ``read`` does not know (LayoutError) or a PDFium failure while reading come
    back as a failed result with the reason."""
    try:
        doc = open_pdf(data)
    except PdfError as exc:
        return ParseResult("failed", str(exc))
    try:
        return read(doc)
    except LayoutError as exc:
        return ParseResult("failed", f"unknown layout: {exc}")
    except (pdfium.PdfiumError, PdfError) as exc:
        return ParseResult("failed", f"unreadable PDF: {exc}")
    finally:
        doc.close()


def settle_doc_id(filing: dict[str, Any], doc_id: str | None, result: ParseResult) -> None:
    """The registered DocID wins over the "Filing ID #" printed on the document (a note where
    they differ); without one, the printed ID stands."""
    if doc_id and filing.get("doc_id") and filing["doc_id"] != doc_id:
        result.note("doc_id_mismatch", f"Filing ID #{filing['doc_id']} printed, document registered as {doc_id}")
    filing["doc_id"] = doc_id or filing.get("doc_id")


@lru_cache(maxsize=8192)
def skeleton(text: str) -> str:
    """A small-caps heading or label reduced to its skeleton, without colons: first letter and
    number of unmapped glyphs per word. 'F\ufffe\ufffe\ufffe\ufffe\ufffe S\ufffe...:' ("Filing
    Status:") -> 'F5 S5'; 'D\ufffe...\ufffe:' ("Description:") -> 'D10'."""
    out = []
    for word in text.replace(":", "").split():
        n = word.count(UNMAPPED)
        out.append(f"{word.replace(UNMAPPED, '')}{n}" if n else word)
    return " ".join(out)


def clean(text: str) -> str:
    """Text with unmapped glyphs dropped and whitespace collapsed."""
    return " ".join(text.replace(UNMAPPED, " ").split())


@dataclass
class Line:
    """One visual line of words (left to right), at baseline y on a page."""

    y: float
    page: int
    words: list[Word]

    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def group_lines(words: Sequence[Word], page: int) -> list[Line]:
    """Words grouped into visual lines, top to bottom, each line's words left to right."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: -w.y):
        if lines and abs(lines[-1].y - w.y) < LINE_TOL:
            lines[-1].words.append(w)
        else:
            lines.append(Line(w.y, page, [w]))
    for ln in lines:
        ln.words.sort(key=lambda w: w.x)
    return lines


class Columns(dict[str, float]):
    """Left edges of a table's columns on a page, as found in its header."""

    def __init__(self, edges: dict[str, float]):
        super().__init__(edges)
        ordered = sorted(edges.items(), key=lambda kv: kv[1])
        self._lefts = [v - COL_TOL for _, v in ordered]
        self._names = [k for k, _ in ordered]

    def of(self, x: float) -> str:
        """The column whose left edge is the nearest one at or left of x."""
        i = bisect_right(self._lefts, x) - 1
        return self._names[max(i, 0)]


def is_type_mark(word: Word, type_x: float) -> bool:
    """A transaction type printed as P, S or E at the left edge of its column (at type_x)."""
    return word.text.upper() in ("P", "S", "E") and abs(word.x - type_x) < 8


def _checkboxes(page_obj: pdfium.PdfPage, x: float) -> dict[float, int]:
    """Count vector path objects per checkbox in the column at x, keyed by the y of the box
    centre. An empty box is drawn with 3 paths, a checked one with 4 (the tick)."""
    centres: list[float] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    get_type = pdfium_c.FPDFPageObj_GetType
    get_bounds = pdfium_c.FPDFPageObj_GetBounds
    form_count = pdfium_c.FPDFFormObj_CountObjects
    form_get = pdfium_c.FPDFFormObj_GetObject
    FORM, PATH = pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_PATH
    x_min = x - 2

    def visit(objs: list[Any]) -> None:
        kinds = [get_type(o) for o in objs]
        for obj, kind in zip(objs, kinds, strict=True):
            if kind == PATH:
                get_bounds(obj, left, bottom, right, top)
                if left.value >= x_min:
                    w, h = right.value - left.value, top.value - bottom.value
                    if 2 < w < 16 and 2 < h < 16:
                        centres.append((top.value + bottom.value) / 2)
            elif kind == FORM:
                visit([form_get(obj, j) for j in range(form_count(obj))])

    raw = page_obj.raw
    page_get = pdfium_c.FPDFPage_GetObject
    visit([page_get(raw, i) for i in range(pdfium_c.FPDFPage_CountObjects(raw))])
    # one box = the paths whose centres lie within a few points of each other
    boxes: dict[float, int] = {}
    anchor = None
    for c in sorted(centres):
        if anchor is None or c - anchor > 3:
            anchor = c
            boxes[anchor] = 0
        boxes[anchor] += 1
    return boxes


class PathBoxes:
    """The drawn checkboxes of one column on a page, read from the page's vector paths (exact;
    walks every object on the page). 3 paths = empty box, 4 = ticked."""

    def __init__(self, page_obj: pdfium.PdfPage, x: float):
        self.boxes = _checkboxes(page_obj, x)

    def state(self, y: float) -> bool | None:
        """Whether the box of the row whose first line sits at baseline y is ticked; None
        where no box is drawn."""
        for centre, count in self.boxes.items():
            if -2 <= centre - y <= 10:
                return count >= 4
        return None
