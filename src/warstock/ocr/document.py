"""One paper filing, all its pages, into records for the warehouse.

Pure apart from Tesseract: bytes in, a ParseResult out (records in the shape of the chamber's
raw transactions table, each with its OCR confidence and review flag; notes for every page
that could not be read and every row flagged for review).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

import numpy as np

from warstock.ocr import checks, dates, forms, grid
from warstock.ocr.engine import Engine
from warstock.ocr.images import PageError
from warstock.records import ParseResult

LOOKBACK = timedelta(days=6 * 365)  # a trade dated earlier than this on a PTR is a misreading

_TYPE_HINTS = (  # the paper forms print no asset type: inferred from the name, and marked so
    (re.compile(r"\b(call|put|option)s?\b", re.I), "OP"),
    (re.compile(r"\b(treasury|t-bill|us\s*treas|municipal|muni)\b", re.I), "GS"),
    (re.compile(r"\b(bonds?|notes?|debenture|\d+(\.\d+)?\s*%)", re.I), "CS"),
    (re.compile(r"\b(etf|index\s+fund|ishares|spdr|vanguard)\b", re.I), "EF"),
    (re.compile(r"\b(fund|portfolio|trust\s+units?)\b", re.I), "MF"),
    (re.compile(r"\b(llc|l\.p\.|lp|partners(hip)?)\b", re.I), "OL"),
    (re.compile(r"\b(stock|common|cmn|shares|corp(oration)?|inc|co|plc|ltd|holdings?|group|cl\s*[ab]|adr)\b\.?",
                re.I), "ST"),
)
_TICKER = re.compile(r"\(([A-Z]{1,5}(?:\.[A-Z])?)\)")


_NOT_TICKERS = {"ADR", "ETF", "LLC", "INC", "CORP", "CO", "LP", "PLC", "REIT", "TR", "CL", "CMN", "LTD", "NV", "SA",
                "AG", "SE", "ADS", "FD", "FUND", "USD", "US", "II", "III", "IV", "A", "B", "C", "GO", "DTD"}


def trailing_ticker(name: str) -> str | None:
    """A ticker typed after a mixed-case name ("Global X Defense SHLD"): the last word, 2 to 5
    capitals, when the rest of the name is not all capitals (in an all-caps name the last word
    is just a word) and it is not a legal or security word."""
    words = name.split()
    if len(words) < 2:
        return None
    last, rest = words[-1], " ".join(words[:-1])
    if re.fullmatch(r"[A-Z]{2,5}", last) and last not in _NOT_TICKERS and any(ch.islower() for ch in rest):
        return last
    return None


def infer_asset_type(name: str | None) -> str | None:
    if not name:
        return None
    for rx, code in _TYPE_HINTS:
        if rx.search(name):
            return code
    return None


def read_pages(engine: Engine, pages: Iterable[tuple[int, np.ndarray | PageError]], *, chamber: str,
               doc_id: str | None, filed: date | None,
               filed_from: Callable[[str], date | None] | None = None) -> ParseResult:
    """``filed``: the filing date when known beforehand (House: the Clerk's index); else
    ``filed_from`` finds it in the text above the tables (Senate: the received stamp)."""
    result = ParseResult("parsed")
    not_after = filed + timedelta(days=1) if filed else None
    not_before = filed - LOOKBACK if filed else None
    hint: int | None = None
    previous: tuple[grid.Grid, forms.Layout] | None = None
    n_pages = blank = tables_read = 0
    rows: list[forms.OcrRow] = []
    header_texts: list[str] = []
    for page_no, img in pages:
        n_pages += 1
        if isinstance(img, PageError):
            result.note("page_unreadable", str(img), level="row_unreadable", page=page_no)
            continue
        try:
            pr = forms.read_page(engine, img, page=page_no, chamber=chamber, rotation_hint=hint,
                                 not_after=not_after, not_before=not_before, previous=previous)
        except forms.FormError as exc:
            result.note("page_unreadable", f"page {page_no}: {exc}", level="row_unreadable", page=page_no)
            continue
        if not pr.blank:  # a blank page has no turn of its own: the next is tried in the last one read
            hint = pr.rotation
        if pr.unread:
            result.note("page_not_read", pr.unread, level="row_unreadable", page=page_no)
        for m in pr.missed:
            result.note("row_not_read", f"page {page_no}: {m}", level="row_unreadable", page=page_no)
        if pr.table is not None and pr.layout is not None:
            previous = (pr.table, pr.layout)
        if pr.blank:
            blank += 1
            result.note("blank_page", f"page {page_no} is blank", page=page_no)
        for n in pr.notes:
            if not pr.blank:
                result.note("page_note", f"page {page_no}: {n}", page=page_no)
        if pr.header_text:
            header_texts.append(pr.header_text)
        rows.extend(pr.rows)
        tables_read += pr.table is not None
    if n_pages == 0:
        return ParseResult("failed", "no pages")
    if blank == n_pages:
        return ParseResult("failed", f"OCR: all {n_pages} page(s) blank", notes=result.notes)
    if filed is None and filed_from is not None:
        filed = filed_from(" ".join(header_texts))
    lo, hi = dates.window(filed, LOOKBACK.days)
    checks.check_rows(rows, lo=lo, hi=hi, filed=filed)
    for i, r in enumerate(rows, start=1):
        result.records.append(_record(r, i, chamber))
        if r.review:
            result.note("ocr_review", "; ".join(r.review), level="ocr_review", page=r.page, row_number=i)
    result.filing = {"doc_id": doc_id, "page_count": n_pages, "transaction_count": len(rows),
                     "header_text": " ".join(header_texts)[:2000]}
    if not rows and tables_read:
        # the form was read and no row holds a trade ("nothing to report", "see schedule
        # attached" with nothing attached): a filing with no transactions, said so
        result.note("no_transactions", f"the form's table was read on {tables_read} page(s) and no row holds a "
                                       "trade")
        result.status = "parsed_with_notes"
        return result
    if not rows:
        reasons = "; ".join(n.message for n in result.notes if n.level == "row_unreadable")[:300]
        return ParseResult("failed", f"OCR: no transaction rows read from {n_pages} page(s)"
                           + (f" ({reasons})" if reasons else ""), filing=result.filing, notes=result.notes)
    if result.notes:
        result.status = "parsed_with_notes"
    return result


def _record(r: forms.OcrRow, row_number: int, chamber: str) -> dict[str, Any]:
    amount = r.amount.value
    name = r.asset.value
    ticker = None
    if name:
        m = _TICKER.search(name)
        ticker = m.group(1) if m else trailing_ticker(name)
    rec: dict[str, Any] = {
        "row_number": row_number,
        "owner": r.owner.value,
        "asset_name": name,
        "ticker": ticker,
        "transaction_type": r.transaction_type.value,
        "transaction_date": r.transaction_date.value,
        "amount_text": amount[2] if amount else None,
        "amount_min_usd": amount[0] if amount else None,
        "amount_max_usd": amount[1] if amount else None,
        "ocr_confidence": round(r.confidence, 1),
        "needs_review": bool(r.review),
        "review_reason": "; ".join(r.review) or None,
        "ocr_fields": json.dumps({name: round(f.confidence) for name, f in r.fields().items()}),
    }
    if chamber == "house":
        rec.update({
            "page": r.page,
            "asset_type_code": infer_asset_type(name),
            "notification_date": r.notification_date.value if r.notification_date else None,
            "cap_gains_over_200": r.cap_gains.value if r.cap_gains else None,
            "filing_status": "new",
            "subholding_of": r.subholding_of,
            "description": "paper filing read by OCR; asset type inferred from the name",
        })
    else:
        rec.update({
            "transaction_number": str(row_number),
            "asset_type": None,
            "asset_details": r.subholding_of,
            "comment": f"paper filing read by OCR (page {r.page})",
        })
    return rec
