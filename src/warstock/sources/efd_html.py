"""The Senate eFD report pages' HTML conventions, shared by the Senate parsers (senate_ptr,
senate_annual).

An eFD report page (``https://efdsearch.senate.gov/search/view/<kind>/<UUID>/``) has an ``<h1>``
title, an ``<h2>`` with the filer, "Filed MM/DD/YYYY @ HH:MM AM", and tables whose header cells
are read as text ("#" may come through as the entity "&#35;"); a blank cell prints as "" or "--";
details under a cell's text sit in muted ``<div>``s; owners are printed as words (Self, Spouse,
Joint, Dependent Child). A paper filing is served instead as a "Filing Document" page of GIF
page images (``<img class="filingImage">``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from lxml import etree, html

from warstock.records import OWNER_CODES, ParseResult
from warstock.sources.clerk_pdf import odd_characters

FILED_RE = re.compile(r"Filed\s+(\d{1,2}/\d{1,2}/\d{4})")

# Transaction types as printed on eFD pages (PTR table, annual Part 4b).
TRANSACTION_TYPES = {"PURCHASE": "purchase", "SALE (FULL)": "sale", "SALE": "sale",
                     "SALE (PARTIAL)": "partial_sale", "EXCHANGE": "exchange"}


def closing_markup(data: bytes, result: ParseResult, *, table: bool) -> None:
    """Note (level ``incomplete``) a page whose raw bytes are not whole: not UTF-8 (eFD serves
    UTF-8), control bytes in the markup, characters no filing prints in its text, no closing
    ``</html>`` at its end, or (``table``) no ``</tbody>``/``</table>`` after its last row.
    lxml silently repairs a cut page, so this reads the bytes, not the tree."""
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        result.note("undecodable_bytes", f"page is not valid UTF-8 at byte {exc.start}", level="incomplete")
        raw = data.decode("utf-8", "replace")
    bad = _CONTROL_RE.search(raw)
    if bad:
        result.note("control_bytes", f"control byte {bad.group()!r} at offset {bad.start()}", level="incomplete")
    odd = odd_characters(" ".join(" ".join(_TEXT_RE.findall(raw)).split()))
    if odd:
        result.note("odd_characters", f"page text has characters no filing prints: {odd[:20]!r}", level="incomplete")
    lower = raw.lower()
    if not lower.rstrip().endswith("</html>"):
        result.note("page_truncated", "page does not end with </html>", level="incomplete")
    if table:
        last_row = lower.rfind("<tr")
        if lower.find("</tbody>", last_row) < 0 or lower.find("</table>", last_row) < 0:
            result.note("table_truncated", "transactions table has no closing </tbody></table> after its last row",
                        level="incomplete")


_TEXT_RE = re.compile(r">([^<>]+)<")  # text between tags, raw (what lxml's decoding may hide)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def parse_page(data: bytes, read: Callable[[Any], ParseResult]) -> ParseResult:
    """Parse a page's HTML and read its root element with ``read``; an empty or unreadable
    page is a failed result."""
    if not data.strip():
        return ParseResult("failed", "empty file (0 bytes)" if not data else "empty page")
    try:
        root = html.fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        return ParseResult("failed", f"unreadable HTML: {exc}")
    return read(root)


def text(el: Any, *, words_at_tags: bool = False) -> str:
    """An element's text, whitespace collapsed ("" for no element). With ``words_at_tags``,
    text either side of a tag (a <br>, an inline element) is two words; without, the element's
    text content is joined as it stands."""
    if el is None:
        return ""
    raw = " ".join(el.itertext()) if words_at_tags else el.text_content()
    return " ".join(raw.split())


def value_or_none(value: str) -> str | None:
    """A cell's text, None where it is blank ("" or "--")."""
    return None if value in ("", "--") else value


def header(table: Any, *, words_at_tags: bool = False) -> list[str]:
    """A table's header cells as text ("&#35;" read as "#")."""
    cells = [text(th, words_at_tags=words_at_tags) for th in table.findall(".//thead//th")]
    return ["#" if c in ("#", "&#35;") else c for c in cells]


def body_rows(table: Any, width: int, result: ParseResult, what: str = "row") -> Iterator[tuple[int, list[Any]]]:
    """(1-based row number, cells) of a table's body rows; a row without ``width`` cells is
    noted (row_unreadable; ``what`` names it, e.g. "Part 3 row") and left out."""
    for n, tr in enumerate(table.findall(".//tbody/tr"), start=1):
        cells = tr.findall("td")
        if len(cells) != width:
            result.note("row_shape", f"{what} {n} has {len(cells)} cells, expected {width}",
                        level="row_unreadable", row_number=n)
            continue
        yield n, cells


def top_divs(el: Any) -> list[Any]:
    """The outermost <div>s inside an element (nested muted divs count once)."""
    out: list[Any] = []
    for child in el:
        if child.tag == "div":
            out.append(child)
        elif isinstance(child.tag, str):
            out.extend(top_divs(child))
    return out


def owner(owner_text: str, result: ParseResult, row_number: int, where: str = "") -> str | None:
    """self, spouse, joint or dependent_child for an owner word as printed; a blank or
    unknown owner is None and noted (row_unreadable), the note's message led by ``where``
    (e.g. "Part 4b: ")."""
    code = OWNER_CODES.get(owner_text.upper()) if owner_text else None
    if code is None:
        result.note("unknown_owner", f"{where}owner {owner_text!r} not recognised", level="row_unreadable",
                    row_number=row_number)
    return code


def transaction_type(type_text: str, result: ParseResult, row_number: int, where: str = "") -> str | None:
    """purchase, sale, partial_sale or exchange for a type as printed; an unknown type is None
    and noted (row_unreadable), the note's message led by ``where``."""
    ttype = TRANSACTION_TYPES.get(type_text.upper())
    if ttype is None:
        result.note("unknown_transaction_type", f"{where}type {type_text!r} not recognised",
                    level="row_unreadable", row_number=row_number)
    return ttype


def paper(root: Any, filing: dict[str, Any], *, no_images: str, needs_ocr: str) -> ParseResult:
    """A paper filing's "Filing Document" page: its page images' URLs into ``filing`` (the
    source's empty filing: paper_pages, image_urls set); needs_ocr with the reason
    ``needs_ocr`` (``{n}``: the number of images), or failed with ``no_images`` where the page
    lists none."""
    images = [img.get("src") for img in root.iterfind(".//img") if "filingImage" in (img.get("class") or "")]
    filing.update(paper_pages=len(images), image_urls=" ".join(i for i in images if i))
    if not images:
        return ParseResult("failed", no_images, filing=filing)
    return ParseResult("needs_ocr", needs_ocr.format(n=len(images)), filing=filing)
