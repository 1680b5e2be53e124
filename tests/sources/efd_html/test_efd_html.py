"""The Senate eFD page conventions shared by senate_ptr and senate_annual."""

from __future__ import annotations

from lxml import html

from senategen import paper_stub
from warstock.records import ParseResult
from warstock.sources import efd_html


def test_text_joins_content_or_splits_words_at_tags() -> None:
    el = html.fromstring("<td> Apple<br>Inc. <b>x</b>y </td>")
    assert efd_html.text(el) == "AppleInc. xy"
    assert efd_html.text(el, words_at_tags=True) == "Apple Inc. x y"
    assert efd_html.text(None) == ""


def test_value_or_none() -> None:
    assert efd_html.value_or_none("--") is None
    assert efd_html.value_or_none("") is None
    assert efd_html.value_or_none("AAPL") == "AAPL"


def test_header_and_body_rows() -> None:
    table = html.fromstring(
        "<table><thead><tr><th>#</th><th>Owner</th></tr></thead>"
        "<tbody><tr><td>1</td><td>Self</td></tr><tr><td>2</td></tr><tr><td>3</td><td>Spouse</td></tr></tbody></table>"
    )
    assert efd_html.header(table) == ["#", "Owner"]
    result = ParseResult("parsed")
    rows = [(n, [efd_html.text(c) for c in cells]) for n, cells in efd_html.body_rows(table, 2, result, "Part 7 row")]
    assert rows == [(1, ["1", "Self"]), (3, ["3", "Spouse"])]
    assert [(n.code, n.message, n.row_number) for n in result.notes] == [
        ("row_shape", "Part 7 row 2 has 1 cells, expected 2", 2)]


def test_top_divs_outermost_only() -> None:
    el = html.fromstring("<td>Name<span><div>a<div>b</div></div></span><div>c</div></td>")
    assert [efd_html.text(d) for d in efd_html.top_divs(el)] == ["ab", "c"]


def test_owner_words_and_notes() -> None:
    result = ParseResult("parsed")
    assert efd_html.owner("Dependent Child", result, 1) == "dependent_child"
    assert efd_html.owner("Spouse", result, 2) == "spouse"
    assert efd_html.owner("", result, 3) is None
    assert efd_html.owner("Trust", result, 4, "Part 3: ") is None
    assert [n.message for n in result.notes] == ["owner '' not recognised", "Part 3: owner 'Trust' not recognised"]
    assert efd_html.transaction_type("Sale (Partial)", result, 5) == "partial_sale"


def test_paper_fills_the_given_filing() -> None:
    root = html.fromstring(paper_stub(["https://x/1.gif", "https://x/2.gif"]))
    filing = {"doc_id": "d", "filer_name": None}
    out = efd_html.paper(root, filing, no_images="none", needs_ocr="{n} image(s)")
    assert (out.status, out.reason) == ("needs_ocr", "2 image(s)")
    assert out.filing == {"doc_id": "d", "filer_name": None, "paper_pages": 2,
                          "image_urls": "https://x/1.gif https://x/2.gif"}
    out = efd_html.paper(html.fromstring(paper_stub([])), {}, no_images="none", needs_ocr="{n}")
    assert (out.status, out.reason, out.filing) == ("failed", "none", {"paper_pages": 0, "image_urls": ""})


def test_parse_page_empty_and_unreadable() -> None:
    assert efd_html.parse_page(b"", lambda root: ParseResult("parsed")).reason == "empty file (0 bytes)"
    assert efd_html.parse_page(b"  \n", lambda root: ParseResult("parsed")).reason == "empty page"
    assert efd_html.parse_page(b"<h1>x</h1>", lambda root: ParseResult("parsed")).status == "parsed"
