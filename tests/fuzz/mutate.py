"""Damage a document the ways a download, a disk or an editor can, and judge how a parser took it.

Every mutation is drawn from a ``random.Random`` the caller seeds, so a run is repeatable:

- ``truncate``: cut the bytes at a random offset (a download stopped short);
- ``flip``: invert a few bytes (each bit of the byte: ASCII becomes a byte no text encoding
  pairs it with; a single-bit flip that turns one digit into another is out of reach of any
  check short of a checksum and is not drawn);
- ``zero``: overwrite a run of bytes with NULs (a bad disk block);
- ``delete_row`` / ``duplicate_row``: a transaction row removed or printed twice (HTML: a
  ``<tr>`` of the table body; PDF: the words of a row's first line removed, or a page printed twice);
- ``header_label``: one of the table's column labels misspelled;
- ``junk``: Unicode no filing prints (controls, zero-width and bidi marks, the replacement
  character, emoji, CJK) put into the text.

``judge`` sorts a parse into: crash (it raised), hang (over the time limit), clean failure
(failed or needs OCR, with a reason), unchanged (the original records and filing), changed
with a note, changed silently. The last is the one a parser must never produce.
"""

from __future__ import annotations

import ctypes
import io
import multiprocessing as mp
import random
import re
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

HTML_KINDS = ("truncate", "flip", "zero", "delete_row", "duplicate_row", "header_label", "junk")
PDF_KINDS = ("truncate", "flip", "zero", "delete_row", "duplicate_row", "header_label", "junk")
JUNK = ("\ufffd", "\u200b", "\u202e", "\ufeff", "\x07", "\x00", "\U0001f4a9", "\u6f22\u5b57", "\u0300", "\uf8ff")
OUTCOMES = ("crash", "hang", "clean failure", "unchanged", "changed with a note", "changed silently")
_HEADER_LABELS = ("Owner", "Asset", "Amount", "Transaction", "Date", "Notification", "Ticker", "Comment", "Type")


def _misspell(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    return word[:i] + ("x" if word[i] != "x" else "y") + word[i + 1:]


# --- byte mutations (any format) -----------------------------------------------------------

def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(out))
        out[i] ^= 0xFF
    return bytes(out)


def zero(data: bytes, rng: random.Random) -> bytes:
    n = rng.randint(1, 64)
    i = rng.randrange(max(1, len(data) - n))
    return data[:i] + b"\0" * n + data[i + n:]


# --- HTML (Senate eFD pages) ---------------------------------------------------------------

_TR = re.compile(rb"<tr\b.*?</tr>", re.S | re.I)


def _body_rows(data: bytes) -> list[re.Match[bytes]]:
    start = data.lower().find(b"<tbody")
    return [m for m in _TR.finditer(data) if start >= 0 and m.start() > start]


def html_mutant(data: bytes, kind: str, rng: random.Random, *, spare_highest: bool = False) -> bytes | None:
    """One mutant of an HTML page, or None where the kind does not apply (no rows). With
    ``spare_highest``, delete_row never removes the row numbered N: the rows left then number
    1..N-1 without a gap and the page prints no count, so no check can see the loss (the
    benchmark draws it and counts it)."""
    if kind in ("truncate", "flip", "zero"):
        return {"truncate": truncate, "flip": flip, "zero": zero}[kind](data, rng)
    if kind in ("delete_row", "duplicate_row"):
        rows = _body_rows(data)
        if not rows:
            return None
        if kind == "delete_row" and spare_highest:
            numbers = [int(n.group(1)) if (n := re.search(rb"<td>\s*(\d+)\s*</td>", r.group())) else 0
                       for r in rows]
            rows = [r for r, n in zip(rows, numbers, strict=True) if n != max(numbers)]
            if not rows:
                return None
        m = rng.choice(rows)
        if kind == "delete_row":
            return data[: m.start()] + data[m.end():]
        return data[: m.end()] + m.group() + data[m.end():]
    if kind == "header_label":
        labels = [lab for lab in _HEADER_LABELS if f">{lab}".encode() in data]
        if not labels:
            return None
        lab = rng.choice(labels)
        return data.replace(f">{lab}".encode(), f">{_misspell(lab, rng)}".encode(), 1)
    if kind == "junk":
        # into text between tags (where it reaches a field), at a random place
        spots = [m.start() + 1 + rng.randrange(max(1, m.end() - m.start() - 2))
                 for m in re.finditer(rb">[^<>]*[A-Za-z0-9][^<>]*<", data)]
        if not spots:
            return None
        i = rng.choice(spots)
        return data[:i] + rng.choice(JUNK).encode() + data[i:]
    raise ValueError(kind)


# --- PDF (House PTRs): structural damage through PDFium's page objects -----------------------

def _text_of(obj: Any, textpage: Any) -> str:
    n = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    buf = ctypes.create_string_buffer(n)
    pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)), n)
    return buf.raw[: max(0, n - 2)].decode("utf-16-le", "replace")


def _save(pdf: pdfium.PdfDocument) -> bytes:
    out = io.BytesIO()
    pdf.save(out, flags=pdfium_c.FPDF_REMOVE_SECURITY)
    return out.getvalue()


def _text_objects(page: Any) -> list[Any]:
    return [o for o in page.get_objects(max_depth=1) if o.type == pdfium_c.FPDF_PAGEOBJ_TEXT]


def _mid(obj: Any) -> float:
    _, bottom, _, top = obj.get_bounds()
    return float(bottom + top) / 2


_ROW_DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")


def _set_text(obj: Any, text: str) -> None:
    wide = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
    pdfium_c.FPDFText_SetText(obj.raw, ctypes.cast(wide, ctypes.POINTER(ctypes.c_ushort)))


def _rewrite(page: Any, obj: Any, text: str, kind: str, rng: random.Random) -> bool:
    """Misspell a header label, or put junk into the text, of one text object; False (and the
    text put back) where the object's font cannot carry the new text (PDFium then drops
    characters, which would be a deletion, not the mutation asked for)."""
    if kind == "header_label":
        words = text.split()
        i = rng.choice([j for j, w in enumerate(words) if w in _HEADER_LABELS])
        words[i] = _misspell(words[i], rng)
        new = text.replace(text.split()[i], words[i], 1)
    else:
        at = rng.randrange(len(text))
        new = text[:at] + rng.choice(JUNK) + text[at:]
    _set_text(obj, new)
    textpage = page.get_textpage()
    got = _text_of(obj, textpage)
    textpage.close()
    ascii_only = "".join(ch for ch in got if ord(ch) < 0x7F)
    if got != text and ascii_only == "".join(ch for ch in new if ord(ch) < 0x7F):
        return True
    _set_text(obj, text)
    return False


def pdf_mutant(data: bytes, kind: str, rng: random.Random) -> bytes | None:
    """One mutant of a PDF, or None where the kind does not apply."""
    if kind in ("truncate", "flip", "zero"):
        return {"truncate": truncate, "flip": flip, "zero": zero}[kind](data, rng)
    pdf = pdfium.PdfDocument(data)
    try:
        if kind == "duplicate_row":
            # a page printed twice (its rows doubled): the copy goes right after the page
            i = rng.randrange(len(pdf))
            src = pdfium.PdfDocument(data)
            try:
                pdf.import_pages(src, pages=[i], index=i + 1)
            finally:
                src.close()
            return _save(pdf)
        pages = list(range(len(pdf)))
        rng.shuffle(pages)
        for i in pages:
            page = pdf[i]
            textpage = page.get_textpage()
            objs = [(o, _text_of(o, textpage)) for o in _text_objects(page)]
            textpage.close()
            if kind == "delete_row":
                # the words on a row's first line (the line with its dates) removed
                ys = sorted({round(_mid(o)) for o, t in objs if _ROW_DATE.match(t.strip())})
                if not ys:
                    continue
                y = rng.choice(ys)
                for o, _ in objs:
                    if abs(_mid(o) - y) < 3:
                        page.remove_obj(o)
            else:
                if kind == "header_label":
                    cands = [(o, t) for o, t in objs if any(w in _HEADER_LABELS for w in t.split())]
                else:  # junk into a word of the page's text
                    cands = [(o, t) for o, t in objs if len(t.strip()) > 3]
                rng.shuffle(cands)
                if not any(_rewrite(page, o, t, kind, rng) for o, t in cands[:20]):
                    continue
            page.gen_content()
            return _save(pdf)
        return None
    finally:
        pdf.close()


# --- running and judging -------------------------------------------------------------------

def _summary(result: Any) -> tuple[Any, ...]:
    return (result.status, result.reason, result.filing, result.records, len(result.notes),
            [(n.level, n.code, n.message) for n in result.notes[:5]])


def _serve(conn: Connection, parse: Callable[..., Any]) -> None:
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        data, kwargs = job
        try:
            conn.send(("ok", _summary(parse(data, **kwargs))))
        except Exception:
            conn.send(("crash", traceback.format_exc(limit=4)))


class Runner:
    """Parses in a child process with a time limit per parse (a hang is killed, by the
    process id this runner started, and a new child started)."""

    def __init__(self, parse: Callable[..., Any], timeout: float):
        self.parse, self.timeout = parse, timeout
        self.proc: Any = None
        self._start()

    def _start(self) -> None:
        ctx = mp.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, self.parse), daemon=True)
        self.proc.start()

    def _restart(self) -> None:
        self.proc.kill()
        self.proc.join()
        self._start()

    def run(self, data: bytes, **kwargs: Any) -> tuple[str, Any]:
        self.conn.send((data, kwargs))
        if not self.conn.poll(self.timeout):
            self._restart()
            return "hang", None
        try:
            return self.conn.recv()
        except EOFError:  # the child died (a crash in native code)
            self._restart()
            return "crash", "parser process died"

    def close(self) -> None:
        self.proc.kill()
        self.proc.join()


def judge(original: tuple[Any, ...], run: tuple[str, Any]) -> str:
    kind, summary = run
    if kind != "ok":
        return kind
    status, reason, filing, records, n_notes, _ = summary
    o_status, _, o_filing, o_records, *_ = original
    if status in ("failed", "needs_ocr") and o_status != status:
        return "clean failure" if reason else "crash"
    if records == o_records and filing == o_filing:
        return "unchanged"
    return "changed with a note" if n_notes else "changed silently"
