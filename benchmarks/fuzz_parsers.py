"""Fuzz the House and Senate PTR parsers with damaged copies of the real documents.

    .venv/bin/python benchmarks/fuzz_parsers.py [--shared ../shared/data] [--n 306] [--seed 2026]

Draws ``--n`` mutants (a fixed seed: the run repeats exactly), half from the House PTR PDFs in
<shared>/house/ptr and half from the Senate eFD PTR pages in <shared>/senate/ptr. Each source
gets one 50 MB file of zeros (``zeros_50mb``); the rest cycle through the mutation kinds of
tests/fuzz/mutate.py (truncate, flip, zero, delete_row, duplicate_row, header_label, junk).
Every parse runs in a child process with a time limit. Prints how each parse ended: crash,
hang, clean failure (failed or needs OCR, with a reason), unchanged (the original records and
filing), changed with a note, changed silently; and for every crash, hang or silent change the
document, the mutation and what changed. The target is no silent change: a damaged document
either fails, reads as before, or carries a note.

The Clerk's PDFs draw their text inside a form XObject with subset fonts, so the page-object
mutations of tests/fuzz/mutate.py (written for the synthetic PDFs) find no text object on most
real pages, and their in-place rewrite cannot put a character the subset font lacks into the
text: junk never applied and each draw spent 50 attempts of whole-document edits. Here the
structural kinds (delete_row, header_label, junk) work on a copy whose page forms are
flattened (the form's objects moved, in order, onto the page; checked per document to parse
exactly as the original), and junk is written with DejaVu Sans (a CID font PDFium embeds with a
ToUnicode map), each mutant checked to add exactly the junk to the page text. Only the junk
characters that font maps reach the text layer (U+FFFD, U+200B, U+202E, U+FEFF, U+0300); the
controls, the private-use character, emoji and CJK have no glyph there and PDFium would drop
them, so PDF junk draws from the five.
"""

from __future__ import annotations

import argparse
import ctypes
import difflib
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

from mutate import (  # noqa: E402
    HTML_KINDS,
    OUTCOMES,
    PDF_KINDS,
    Runner,
    _save,
    _text_of,
    html_mutant,
    judge,
    pdf_mutant,
)

from warstock.sources import house_ptr, senate_ptr  # noqa: E402

ZEROS = 50 * 1024 * 1024
PDF_JUNK = ("\ufffd", "\u200b", "\u202e", "\ufeff", "\u0300")
FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


# --- PDF: flattened page forms, junk in a font that carries it ------------------------------

def _flatten(page: Any) -> None:
    """Move the objects of every top-level form XObject onto the page, in their place and order."""
    raw = page.raw
    i = 0
    while i < pdfium_c.FPDFPage_CountObjects(raw):
        obj = pdfium_c.FPDFPage_GetObject(raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_FORM:
            i += 1
            continue
        m = pdfium_c.FS_MATRIX()
        pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
        kids = [pdfium_c.FPDFFormObj_GetObject(obj, k) for k in range(pdfium_c.FPDFFormObj_CountObjects(obj))]
        for k, kid in enumerate(kids):
            if not pdfium_c.FPDFFormObj_RemoveObject(obj, kid):
                raise RuntimeError("could not take an object out of a form")
            pdfium_c.FPDFPageObj_Transform(kid, m.a, m.b, m.c, m.d, m.e, m.f)
            pdfium_c.FPDFPage_InsertObjectAtIndex(raw, kid, i + 1 + k)
        pdfium_c.FPDFPage_RemoveObject(raw, obj)
        pdfium_c.FPDFPageObj_Destroy(obj)
        i += len(kids)
    page.gen_content()


def flatten_pdf(data: bytes) -> bytes:
    pdf = pdfium.PdfDocument(data)
    try:
        for i in range(len(pdf)):
            _flatten(pdf[i])
        return _save(pdf)
    finally:
        pdf.close()


class _Font:
    data = FONT_PATH.read_bytes()
    buf = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)


def _page_text(page: Any) -> str:
    tp = page.get_textpage()
    try:
        return str(tp.get_text_range())
    finally:
        tp.close()


def pdf_junk(flat: bytes, rng: random.Random) -> tuple[bytes, str] | None:
    """Junk put into one word of a (flattened) PDF's text, with a description; None where no
    page has a word PDFium would show with the junk added."""
    pdf = pdfium.PdfDocument(flat)
    try:
        pages = list(range(len(pdf)))
        rng.shuffle(pages)
        for pi in pages:
            page = pdf[pi]
            tp = page.get_textpage()
            objs = list(page.get_objects(max_depth=1))
            cands = [(k, o, t) for k, o in enumerate(objs) if o.type == pdfium_c.FPDF_PAGEOBJ_TEXT
                     and len((t := _text_of(o, tp)).strip()) > 3]
            tp.close()
            if not cands:
                continue
            before = _page_text(page)
            k, obj, text = rng.choice(cands)
            junk = rng.choice(PDF_JUNK)
            at = rng.randrange(len(text))
            new = text[:at] + junk + text[at:]
            font = pdfium_c.FPDFText_LoadFont(pdf.raw, _Font.buf, len(_Font.data), pdfium_c.FPDF_FONT_TRUETYPE, 1)
            size = ctypes.c_float()
            pdfium_c.FPDFTextObj_GetFontSize(obj.raw, ctypes.byref(size))
            m = pdfium_c.FS_MATRIX()
            pdfium_c.FPDFPageObj_GetMatrix(obj.raw, ctypes.byref(m))
            new_obj = pdfium_c.FPDFPageObj_CreateTextObj(pdf.raw, font, size.value)
            wide = ctypes.create_string_buffer((new + "\0").encode("utf-16-le"))
            pdfium_c.FPDFText_SetText(new_obj, ctypes.cast(wide, ctypes.POINTER(ctypes.c_ushort)))
            pdfium_c.FPDFPageObj_SetMatrix(new_obj, ctypes.byref(m))
            pdfium_c.FPDFPage_InsertObjectAtIndex(page.raw, new_obj, k)
            page.remove_obj(obj)
            page.gen_content()
            after = _page_text(page)
            if junk not in after or after.replace(junk, "", 1) != before:
                return None  # the page text changed by more than the junk: not this mutation
            return _save(pdf), f"page {pi + 1}: {text!r} -> {new!r}"
        return None
    finally:
        pdf.close()


def _pdf_lines(data: bytes) -> list[str]:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        return [f"(unreadable: {exc})"]
    try:
        return [f"p{i + 1}: {line.strip()}" for i in range(len(pdf))
                for line in _page_text(pdf[i]).splitlines() if line.strip()]
    finally:
        pdf.close()


# --- descriptions ---------------------------------------------------------------------------

def _clip(b: bytes | str, n: int = 160) -> str:
    s = repr(b)
    return s if len(s) <= n else s[: n - 3] + "..."


def describe_bytes(data: bytes, damaged: bytes) -> str:
    """The edit as a byte range: what was at [start, end) of the original and what is there now."""
    if len(damaged) < len(data) and data.startswith(damaged):
        return f"cut to {len(damaged)} of {len(data)} bytes"
    pre = 0
    top = min(len(data), len(damaged))
    while pre < top and data[pre] == damaged[pre]:
        pre += 1
    suf = 0
    while suf < top - pre and data[-1 - suf] == damaged[-1 - suf]:
        suf += 1
    old, new = data[pre: len(data) - suf], damaged[pre: len(damaged) - suf]
    return f"bytes {pre}..{len(data) - suf} of {len(data)}: {_clip(old)} -> {_clip(new)}"


def describe_pdf_text(flat: bytes, damaged: bytes) -> str:
    diff = [d for d in difflib.ndiff(_pdf_lines(flat), _pdf_lines(damaged)) if d[:1] in "+-"]
    return "text lines " + "; ".join(_clip(d, 140) for d in diff[:8]) + (" ..." if len(diff) > 8 else "")


def what_changed(original: tuple[Any, ...], run: tuple[str, Any]) -> str:
    kind, summary = run
    if kind != "ok":
        return str(summary).strip().splitlines()[-1] if summary else kind
    status, reason, filing, records, n_notes, _ = summary
    o_status, _, o_filing, o_records, *_ = original
    parts = []
    if status != o_status:
        parts.append(f"status {o_status} -> {status} ({reason})")
    for key in sorted(set(filing) | set(o_filing)):
        if filing.get(key) != o_filing.get(key):
            parts.append(f"filing {key}: {o_filing.get(key)!r} -> {filing.get(key)!r}")
    if len(records) != len(o_records):
        parts.append(f"{len(o_records)} -> {len(records)} records")
    # records matched on content (row_number aside: a lost or added row renumbers the rest)
    def key(r: dict[str, Any]) -> str:
        return repr(sorted((k, v) for k, v in r.items() if k != "row_number"))
    left = Counter(key(r) for r in records)
    lost = []
    for r in o_records:
        if left[key(r)] > 0:
            left[key(r)] -= 1
        else:
            lost.append(r)
    have = Counter(key(r) for r in o_records)
    added = []
    for r in records:
        if have[key(r)] > 0:
            have[key(r)] -= 1
        else:
            added.append(r)
    if len(lost) == len(added):
        for a, b in zip(lost, added, strict=True):
            diff = [f"{k}: {a.get(k)!r} -> {b.get(k)!r}" for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
            parts.append(f"record {a.get('row_number')}: " + ", ".join(diff))
    else:
        parts += [f"lost record {r}" for r in lost] + [f"added record {r}" for r in added]
    renumbered = sum(a.get("row_number") != b.get("row_number") for a, b in zip(o_records, records, strict=False))
    if renumbered and len(lost) != len(added):
        parts.append("row_number of the records after it shifted")
    return "; ".join(parts) + f" [{n_notes} notes]"


# --- the run ---------------------------------------------------------------------------------

def original(runner: Runner, originals: dict[Path, Any], path: Path, data: bytes, doc_id: str) -> Any:
    """The parse of the undamaged document (once per document)."""
    if path not in originals:
        run = runner.run(data, doc_id=doc_id)
        assert run[0] == "ok", (path, run)
        originals[path] = run[1]
    return originals[path]


def flat_of(runner: Runner, originals: dict[Path, Any], flats: dict[Path, bytes | None], path: Path,
            data: bytes, doc_id: str) -> bytes | None:
    """The flattened copy of a PDF, if it parses exactly as the original (checked once per document)."""
    if path not in flats:
        flat = flatten_pdf(data)
        run = runner.run(flat, doc_id=doc_id)
        same = run[0] == "ok" and run[1] == original(runner, originals, path, data, doc_id)
        flats[path] = flat if same else None
    return flats[path]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=306)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--timeout", type=float, default=20.0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    sources = [
        ("house_ptr", house_ptr, sorted((args.shared / "house" / "ptr").glob("*.pdf")), PDF_KINDS),
        ("senate_ptr", senate_ptr, sorted((args.shared / "senate" / "ptr").glob("*.html")), HTML_KINDS),
    ]
    counts: Counter[tuple[str, str, str]] = Counter()
    bad: list[str] = []
    attempts: Counter[tuple[str, str]] = Counter()
    flat_checked: dict[Path, bytes | None] = {}
    started = time.perf_counter()
    times: dict[str, float] = {}
    for name, module, paths, kinds in sources:
        t0 = time.perf_counter()
        runner = Runner(module.parse, args.timeout)
        originals: dict[Path, tuple[Any, ...]] = {}

        try:
            n_source = args.n // 2 + (args.n % 2 if name == "house_ptr" else 0)
            for i in range(n_source):
                kind = "zeros_50mb" if i == n_source - 1 else kinds[i % len(kinds)]
                found = None
                for _ in range(50):  # a document the kind applies to (a row to delete needs rows)
                    attempts[(name, kind)] += 1
                    path = rng.choice(paths)
                    data = path.read_bytes()
                    doc_id = module.SPEC.match(path.as_posix())[0]
                    base, how = data, ""
                    if kind == "zeros_50mb":
                        damaged = b"\0" * ZEROS
                        how = f"the whole file replaced by {ZEROS} zero bytes"
                    elif name == "senate_ptr":
                        damaged = html_mutant(data, kind, rng)
                    elif kind in ("truncate", "flip", "zero", "duplicate_row"):
                        damaged = pdf_mutant(data, kind, rng)
                    else:
                        flat = flat_of(runner, originals, flat_checked, path, data, doc_id)
                        if flat is None:
                            continue
                        base = flat
                        if kind == "junk":
                            got = pdf_junk(flat, rng)
                            damaged, how = got if got else (None, "")
                        else:
                            damaged = pdf_mutant(flat, kind, rng)
                    if damaged is not None and damaged != base:
                        found = (path, data, doc_id, base, damaged, how)
                        break
                if found is None:
                    counts[(name, kind, "not applicable")] += 1
                    continue
                path, data, doc_id, base, damaged, how = found
                orig = original(runner, originals, path, data, doc_id)
                run = runner.run(damaged, doc_id=doc_id)
                outcome = judge(orig, run)
                counts[(name, kind, outcome)] += 1
                if outcome in ("crash", "hang", "changed silently"):
                    if not how:
                        raw = name == "senate_ptr" or kind in ("truncate", "flip", "zero")
                        how = describe_bytes(base, damaged) if raw else describe_pdf_text(base, damaged)
                    why = ""
                    if outcome == "changed silently" and name == "senate_ptr" and kind == "delete_row":
                        numbers = {r.get("transaction_number") for r in orig[3]} - {
                            r.get("transaction_number") for r in run[1][3]}
                        if numbers == {str(len(orig[3]))}:
                            why = ("\n    why:      the row deleted is #N, the highest: the rows left number 1..N-1 "
                                   "without gap or repeat and the page prints no count of its rows")
                    bad.append(f"{outcome}: {name} {doc_id} ({path.name}) {kind}\n"
                               f"    mutation: {how}\n    changed:  {what_changed(orig, run)}{why}")
        finally:
            runner.close()
        times[name] = time.perf_counter() - t0
    elapsed = time.perf_counter() - started

    total = sum(counts.values())
    print(f"fuzz_parsers: {total} mutants of the real documents in {args.shared} (seed {args.seed}, "
          f"{args.timeout:.0f} s limit per parse, each parse in a child process), {elapsed:.0f} s "
          f"({', '.join(f'{k} {v:.0f} s' for k, v in times.items())})")
    names = [s[0] for s in sources]
    kinds_all = list(dict.fromkeys(PDF_KINDS + HTML_KINDS + ("zeros_50mb",)))
    short = {"crash": "crash", "hang": "hang", "clean failure": "failed", "unchanged": "same",
             "changed with a note": "noted", "changed silently": "SILENT", "not applicable": "n/a"}
    cols = [*OUTCOMES, "not applicable"]
    print()
    print(f"{'source':<11} {'mutation':<14}" + "".join(f"{short[o]:>8}" for o in cols) + f"{'draws':>8}")
    for name in names:
        for kind in kinds_all:
            row = [counts[(name, kind, o)] for o in cols]
            if sum(row):
                print(f"{name:<11} {kind:<14}" + "".join(f"{v:>8}" for v in row) + f"{attempts[(name, kind)]:>8}")
    print("(draws: documents drawn for the kind, including those it did not apply to)")
    print()
    print("outcome              " + "".join(f"{n:>12}" for n in names) + f"{'total':>8}")
    for o in cols:
        per = [sum(v for (n, _, oo), v in counts.items() if n == name and oo == o) for name in names]
        print(f"{o:<21}" + "".join(f"{v:>12}" for v in per) + f"{sum(per):>8}")
    print(f"{'all':<21}" + "".join(f"{sum(v for (n, _, _), v in counts.items() if n == name):>12}"
                                    for name in names) + f"{total:>8}")
    unflat = sorted(p.name for p, f in flat_checked.items() if f is None)
    print()
    print(f"House PDFs flattened for structural mutations: {len(flat_checked)}, "
          f"{len(flat_checked) - len(unflat)} parse exactly as the original"
          + (f"; not used (parse differs): {', '.join(unflat)}" if unflat else ""))
    print()
    print("\n".join(bad) if bad else "no crash, no hang, no silent change")


if __name__ == "__main__":
    main()
