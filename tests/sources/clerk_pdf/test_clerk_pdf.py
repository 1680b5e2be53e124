"""The House Clerk's PDF conventions shared by house_ptr and house_annual."""

from __future__ import annotations

from ptrgen import text_pdf
from warstock.pdftext import UNMAPPED, Word
from warstock.records import ParseResult
from warstock.sources import clerk_pdf
from warstock.sources.clerk_pdf import Columns, LayoutError, clean, group_lines, is_type_mark, skeleton


def _w(text: str, x: float, y: float) -> Word:
    return Word(text, x, y, 0)


def test_skeleton_counts_unmapped_glyphs_per_word() -> None:
    assert skeleton(f"F{UNMAPPED * 5} S{UNMAPPED * 5}:") == "F5 S5"
    assert skeleton(f"D{UNMAPPED * 10}:") == "D10"
    assert skeleton("Filing Status:") == "Filing Status"


def test_clean_drops_unmapped_glyphs_and_collapses_space() -> None:
    assert clean(f"  Apple{UNMAPPED}Inc.\n (AAPL) ") == "Apple Inc. (AAPL)"


def test_group_lines_by_baseline_top_to_bottom_left_to_right() -> None:
    words = [_w("b", 50, 700.0), _w("a", 10, 701.5), _w("c", 10, 680.0)]
    lines = group_lines(tuple(words), 3)
    assert [ln.text() for ln in lines] == ["a b", "c"]
    assert lines[0].y == 701.5 and lines[0].page == 3


def test_columns_nearest_left_edge_with_tolerance() -> None:
    cols = Columns({"owner": 100.0, "asset": 150.0, "type": 300.0})
    assert cols.of(50) == "owner"  # left of every column: the first
    assert cols.of(147) == "asset"  # within the tolerance left of the edge
    assert cols.of(299) == "type"
    assert cols.of(145) == "owner"
    assert cols["asset"] == 150.0


def test_type_mark_at_the_column_edge_only() -> None:
    assert is_type_mark(_w("s", 302, 0), 300)
    assert not is_type_mark(_w("S", 310, 0), 300)
    assert not is_type_mark(_w("X", 300, 0), 300)


def test_settle_doc_id_prefers_the_registered_id() -> None:
    result = ParseResult("parsed")
    filing = {"doc_id": "20000001"}
    clerk_pdf.settle_doc_id(filing, "20000002", result)
    assert filing["doc_id"] == "20000002"
    assert [n.code for n in result.notes] == ["doc_id_mismatch"]
    filing = {"doc_id": "20000001"}
    clerk_pdf.settle_doc_id(filing, None, result)
    assert filing["doc_id"] == "20000001"


def test_parse_pdf_reports_failures() -> None:
    assert clerk_pdf.parse_pdf(b"not a pdf", lambda doc: ParseResult("parsed")).status == "failed"

    def layout(doc: object) -> ParseResult:
        raise LayoutError("no title")

    out = clerk_pdf.parse_pdf(text_pdf(["hello"]), layout)
    assert (out.status, out.reason) == ("failed", "unknown layout: no title")
