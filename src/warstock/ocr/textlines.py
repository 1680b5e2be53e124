"""Trades in lines of printed text: a House e-filing printed and scanned ("Periodic Transaction
Report (PTR) Print Preview"), or a filer's letter listing trades in a table, read by
Tesseract as lines of words (a page with no ruled form on it).

A trade starts on a line that holds a transaction date and, right of it, an amount band:
``[ID] [owner] asset type date [notification date] $low - $high``, the row layout the Clerk's
e-filing prints (and ``sources/house_ptr.py`` reads from the text layer of born-digital
PDFs). Following lines carry the rest of the asset name (the words between the asset's left
edge and the type's), a wrapped amount ("$15,001 -" / "$50,000"), and the labels under a row
("SUBHOLDING OF: ...", "FILING STATUS: ..."). The dates are read again by PP-OCR in the
words' boxes and resolved like a form's date cells (``dates.py``, ``checks.py``).
"""

from __future__ import annotations

import re

import numpy as np

from warstock.amounts import HOUSE_PTR_COLUMNS
from warstock.ocr import cells, dates, grid
from warstock.ocr.engine import Engine, Word
from warstock.ocr.forms import REVIEW_BELOW, Field, OcrRow

_DATE = re.compile(r"^[\(\[]?[0-9OoIl|]{1,2}[/\-.][0-9OoIl|]{1,2}[/\-.][0-9OoIl|]{2,4}[\)\],.;:]?$")
_LABEL = re.compile(r"f\W*i\W*l\W*i\W*n\W*g|s\W*t\W*a\W*t\W*u\W*s|s\W*u\W*b\W*h\W*o\W*l\W*d|descript|comments?:"
                    r"|location:", re.I)
_SUBHOLDING = re.compile(r"s\W*u\W*b\W*h\W*o\W*l\W*d\w*\s+o\w*\W*:?\s*(.+)$", re.I)
_OWNERS = {"SP": "spouse", "JT": "joint", "DC": "dependent_child"}
_TYPES = {"P": "purchase", "PP": "purchase", "PO": "purchase", "S": "sale", "5": "sale", "5S": "sale", "§": "sale",
          "SS": "sale", "E": "exchange"}
_LOWS = {low: (low, high, label) for low, high, label in HOUSE_PTR_COLUMNS[:-1]}  # K shares its low with G
_SPOUSE_OVER = HOUSE_PTR_COLUMNS[-1]
_TICKER = re.compile(r"\(([A-Z]{1,5}(?:\.[A-Z])?)\)")
_ASSET_CODE = re.compile(r"\[([A-Z]{2})[\]I1l|]?\s*$")


def _is_date(w: Word) -> bool:
    return bool(_DATE.match(w.text))


def _dollars(text: str) -> list[int]:
    t = text.replace("S", "$").replace("§", "$")
    return [int(re.sub(r"\D", "", m)) for m in re.findall(r"\$\s*([\d][\d,.]*\d)", t)]


def _band(text: str) -> Field:
    """The amount band from the text right of the dates (and a wrapped second line)."""
    if re.search(r"over\s*\$?\s*50,?000,?000", text, re.I):
        return Field(_LOWS[50_000_001], 90.0, text)
    if re.search(r"spouse.{0,4}dc|over\s*\$?\s*1,?000,?000", text, re.I):
        return Field(_SPOUSE_OVER, 60.0, text)
    nums = _dollars(text)
    if not nums:
        return Field(None, 0.0, text)
    low = nums[0]
    if low in _LOWS:
        high = _LOWS[low][1]
        sure = len(nums) > 1 and nums[1] == high
        return Field(_LOWS[low], 95.0 if sure else 70.0, text)
    return Field(None, 0.0, text)


def _type(words: list[Word]) -> tuple[Field, int]:
    """The type word(s) just left of the first date, and how many words they take."""
    tail = [w.text for w in words[-3:]]
    joined = " ".join(tail).upper()
    if "PARTIAL" in joined:
        return Field("partial_sale", 90.0, joined), (3 if len(tail) == 3 and tail[0] in ("-", "|") else 2)
    for k in (1, 2):
        if len(words) >= k:
            code = re.sub(r"[^A-Z5§]", "", words[-k].text.upper())
            code = code[1:] if len(code) > 1 and code[0] == "I" else code  # a ruling's stub read as I
            if code in _TYPES:
                return Field(_TYPES[code], 90.0 if code in ("P", "S", "E") else 70.0, words[-k].text), k
    return Field(None, 0.0, joined), 0


def read_text_rows(engine: Engine, gray: np.ndarray, *, page: int) -> list[OcrRow]:
    """The trades printed on one upright page of text, or [] when none is found."""
    lines = engine.lines(gray)
    rows: list[OcrRow] = []
    open_row: OcrRow | None = None
    asset_x = type_x = tx_x = notif_x = code_asset_x = 0
    owner_box: tuple[int, int] | None = None
    amount_wraps = False
    for line in lines:
        idx = [i for i, w in enumerate(line) if _is_date(w)]
        text = " ".join(w.text for w in line)
        money = [i for i, w in enumerate(line) if "$" in w.text and (not idx or i > idx[0])]
        if idx and money:
            first = idx[0]
            before = line[:first]
            ttype, k = _type(before)
            head = before[:len(before) - k]
            owner = Field("self", 90.0, "blank owner column")
            name_words = list(head)
            for j, w in enumerate(head[:5]):
                code = re.sub(r"[^A-Z]", "", w.text.upper())
                if code in _OWNERS:
                    owner = Field(_OWNERS[code], 90.0, w.text)
                    name_words = head[j + 1:]
                    break
            else:
                if code_asset_x and name_words and name_words[0].x0 < code_asset_x - 40:
                    # words left of where the asset names start: the owner column is not blank
                    owner = Field(None, 0.0, "owner column unread (" + " ".join(
                        w.text for w in name_words if w.x0 < code_asset_x - 40) + ")")
                    name_words = [w for w in name_words if w.x0 >= code_asset_x - 40]
            # leading marks of the page's ID column and rulings ("|", "}", "i")
            while name_words and len(re.sub(r"[^A-Za-z0-9]", "", name_words[0].text)) <= 1 and \
                    not re.match(r"^[A-Z0-9]$", name_words[0].text):
                name_words = name_words[1:]
            name = " ".join(w.text for w in name_words)
            conf = min((w.confidence for w in name_words), default=0.0)
            asset_x = name_words[0].x0 if name_words else 0
            if owner.value not in (None, "self") and name_words:
                code_asset_x = asset_x  # where asset names start beside an owner code
                code_word = next(w for w in head if re.sub(r"[^A-Z]", "", w.text.upper()) in _OWNERS)
                owner_box = (code_word.x0, code_word.x1)
            type_x = before[-k].x0 if k else (line[first].x0 - 10)
            empty = Field(None, 100.0, "", resolved=dates.Resolved(None, 100.0, "empty", ""))
            pair = len(idx) > 1 and idx[1] < money[0]
            if pair:
                tdate, ndate = _date_field(engine, gray, line[first]), _date_field(engine, gray, line[idx[1]])
                tx_x, notif_x = line[first].x0, line[idx[1]].x0
            elif notif_x and abs(line[first].x0 - notif_x) < abs(line[first].x0 - tx_x):
                # one date, under the notification column: the transaction date was not read
                tdate = Field(None, 0.0, "no transaction date read in its column",
                              resolved=dates.Resolved(None, 0.0, "unread", "no transaction date read"))
                ndate = _date_field(engine, gray, line[first])
            else:
                tdate, ndate = _date_field(engine, gray, line[first]), empty
            amount_text = " ".join(w.text for w in line[money[0]:])
            amount = _band(amount_text)
            amount_wraps = amount_text.rstrip().endswith("-") or len(_dollars(amount_text)) < 2
            open_row = OcrRow(page, len(rows) + 1, owner, Field(name or None, max(conf, 60.0) if name else 0.0, name),
                              ttype, tdate, ndate, amount, None, y0=line[0].y0, y1=line[-1].y1)
            rows.append(open_row)
            continue
        if open_row is None:
            continue
        sub = _SUBHOLDING.search(text)
        if sub:
            open_row.subholding_of = sub.group(1).strip(" .,;:'|")
            open_row = None  # the labels close a row
            continue
        if _LABEL.search(text):
            continue
        if amount_wraps:
            more = [w for w in line if "$" in w.text or re.search(r"\d{2},\d{3}", w.text)]
            if more:
                amount = _band(f"{open_row.amount.raw} {' '.join(w.text for w in more)}")
                if amount.value is not None:
                    open_row.amount = amount
                amount_wraps = False
        rest = [w for w in line if asset_x - 25 <= w.x0 and w.x1 <= type_x + 5]
        extra = " ".join(w.text for w in rest if re.search(r"[A-Za-z0-9]", w.text))
        if extra and open_row.asset.value:
            open_row.asset = Field(f"{open_row.asset.value} {extra}", open_row.asset.confidence, open_row.asset.raw)
    for r in rows:
        if r.owner.value == "self" and owner_box is not None:
            # no code read: blank only if the owner column beside the row holds no ink
            x0, x1 = owner_box
            cell = gray[max(0, r.y0 - 4):r.y1 + 4, max(0, x0 - 6):x1 + 6]
            if cell.size and grid.text_ink(grid.binarize(cell)) >= 40:
                r.owner = Field(None, 0.0, "ink in the owner column, no code read")
        _finish(r)
    return rows


def _finish(r: OcrRow) -> None:
    name = r.asset.value or ""
    code = _ASSET_CODE.search(name)
    if code:
        name = name[:code.start()].rstrip()
    r.asset = Field(name.strip(" .,;:'|") or None, r.asset.confidence, r.asset.raw)
    for label, f in (("owner", r.owner), ("asset", r.asset), ("type", r.transaction_type), ("amount", r.amount)):
        if f.confidence < REVIEW_BELOW:
            r.review.append(f"{label} {f.confidence:.0f}% ({f.raw or 'unread'})")


def _date_field(engine: Engine, gray: np.ndarray, w: Word) -> Field:
    pad = max(3, (w.y1 - w.y0) // 4)
    crop = gray[max(0, w.y0 - pad):w.y1 + pad, max(0, w.x0 - pad):w.x1 + pad]
    p = engine.cells.read(cells.text_box(crop))
    readings = [dates.Reading(dates.TESSERACT, w.text, w.confidence), dates.Reading(dates.PPOCR, p.text, p.confidence)]
    res = dates.resolve(readings, None, None)
    return Field(res.value, res.confidence, res.note, readings=readings, resolved=res)
