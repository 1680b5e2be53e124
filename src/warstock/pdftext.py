"""Positioned words from a PDF's text layer, via PDFium.

The House Clerk's PTR PDFs are laid out as a table whose cells wrap over several lines and
across pages, so the parser works from where each word sits on the page rather than from a
flat text dump. PDFium already orders characters into lines and inserts the spaces and line
breaks it infers; we read that text once per page and ask for the position of the first
character of every word only (one call per word, not per character), which keeps the cost
close to bare text extraction.
"""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# PDFium reports glyphs it cannot map to Unicode as U+FFFE in the text (code point 0 from
# FPDFText_GetUnicode). The Clerk's PDFs draw their headings in faux small caps this way:
# "Filing Status" comes out as "F\ufffe\ufffe\ufffe\ufffe\ufffe S\ufffe...".
UNMAPPED = "\ufffe"
_WORD_RE = re.compile(r"[^ \r\n\t\x00]+")
_NEWLINE_RE = re.compile(r"\n")


class Word(NamedTuple):
    """One whitespace-delimited run of characters with its position (PDF points).

    ``x`` is the left edge of the first character and ``y`` its baseline, measured from the
    page bottom; ``line`` counts PDFium's text lines on the page, so words of one visual line
    share it unless PDFium split the line.
    """

    text: str
    x: float
    y: float
    line: int


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]
    char_count: int


class PdfError(Exception):
    """The bytes are not a readable PDF."""


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    if not data:
        raise PdfError("empty file (0 bytes)")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise PdfError(f"not a PDF (starts with {data[:8]!r})")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise PdfError(f"unreadable PDF: {exc}") from exc


def page_words(page: pdfium.PdfPage, number: int) -> Page:
    """Positioned words of one loaded page (the caller owns and closes the page)."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        text = textpage.get_text_range() if count > 0 else ""
        words: list[Word] = []
        x = ctypes.c_double()
        y = ctypes.c_double()
        origin = pdfium_c.FPDFText_GetCharOrigin
        newlines = [m.start() for m in _NEWLINE_RE.finditer(text)]
        make = tuple.__new__  # Word(...) goes through a generated __new__; this is the same, faster
        for m in _WORD_RE.finditer(text):
            start = m.start()
            origin(raw, start, x, y)
            words.append(make(Word, (m.group(), x.value, y.value, bisect_left(newlines, start))))
    finally:
        textpage.close()
    return Page(number, width, height, tuple(words), count)
