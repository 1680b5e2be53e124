"""Synthetic House Form A financial disclosure PDFs that mirror the Clerk's layout, for
offline tests of warstock.sources.house_annual.

The real reports (https://disclosures-clerk.house.gov/public_disc/financial-pdfs/<year>/<DocID>.pdf,
e.g. 10066169) print: "Filing ID #<DocID>" and the title "Financial Disclosure Report"; a Filer
Information block (Name:, Status:, State/District:) and a Filing Information block (Filing
Type:, Filing Year:, Filing Date:, Period Covered: on candidate reports); then "Schedule X:
<title>" headings. Schedule A is a table whose header sits at x = 25 (Asset), 287 (Owner), 326
(Value of Asset), 408 (Income Type(s)), 491 (Income) and 534 (Tx. > $1,000?, a drawn checkbox:
3 path objects, 4 when ticked) on annual reports; candidate reports replace the Tx. column by a
second income column ("Income Preceding Year"). Cells wrap at about 10.6 pt; "Description:",
"Location:", "Comments:" lines follow a row; the header repeats at the top of each page and a
row can run over the page break. Schedule D (x = 25 Owner, 65 Creditor, 222 Date Incurred,
302 Type, 476 Amount of Liability) follows the same rules. A footnote line starting "*" ends
Schedules A and B.

This module draws the same with reportlab from row specs that are also the expected parse;
tests compare the parser's output with what was drawn. The Clerk's faux small caps (glyphs
PDFium cannot map to Unicode) are not reproduced: headings and labels are plain text, which
the parser also reads; the integration tier covers the real glyphs.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

A_ANNUAL = {"asset": 25, "owner": 287, "value": 326, "income_type": 408, "income": 491, "tx": 534}
A_CANDIDATE = {"asset": 25, "owner": 287, "value": 326, "income_type": 408, "income": 470, "income_prev": 540}
D_COLS = {"owner": 25, "creditor": 65, "date": 222, "type": 302, "amount": 476}
LINE = 10.6
ROW_GAP = 22.0
TOP = 720.0
BOTTOM = 60.0


@dataclass
class Holding:
    asset_lines: list[str]
    owner: str = ""
    value_lines: list[str] = field(default_factory=lambda: ["$1,001 - $15,000"])
    income_type_lines: list[str] = field(default_factory=lambda: ["Dividends"])
    income_lines: list[str] = field(default_factory=lambda: ["$201 - $1,000"])
    income_prev_lines: list[str] = field(default_factory=list)
    tx: bool | None = False  # annual reports: the Tx. > $1,000 box (None: not drawn)
    description: str | None = None
    location: str | None = None
    comments: str | None = None


@dataclass
class Liability:
    creditor: str
    owner: str = ""
    date: str = "June 2017"
    type_lines: list[str] = field(default_factory=lambda: ["Mortgage"])
    amount_lines: list[str] = field(default_factory=lambda: ["$100,001 -", "$250,000"])


class _Doc:
    def __init__(self, filing_id: str) -> None:
        self.buf = io.BytesIO()
        self.c = Canvas(self.buf, pagesize=letter, invariant=True)
        self.filing_id = filing_id
        self.y = TOP
        self.header: tuple[str, dict[str, int]] | None = None

    def text(self, x: float, y: float, s: str, size: float = 8.5) -> None:
        self.c.setFont("Helvetica", size)
        self.c.drawString(x, y, s)

    def new_page(self) -> None:
        self.c.showPage()
        self.y = TOP
        if self.header is not None:
            self.draw_header(*self.header)

    def need(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.new_page()

    def heading(self, s: str) -> None:
        self.need(40)
        self.y -= 14
        self.text(22, self.y, s, 12)
        self.y -= 22

    def draw_header(self, kind: str, cols: dict[str, int]) -> None:
        y = self.y
        if kind == "A":
            self.text(cols["asset"], y, "Asset")
            self.text(cols["owner"], y, "Owner")
            self.text(cols["value"], y, "Value of Asset")
            self.text(cols["income_type"], y, "Income Type(s)")
            self.text(cols["income"], y, "Income")
            if "tx" in cols:
                self.text(cols["tx"], y, "Tx. >")
                self.text(cols["tx"], y - 11.3, "$1,000?")
                self.y = y - 11.3
            else:
                self.text(cols["income"], y - 11.3, "Current Year to")
                self.text(cols["income"], y - 22.6, "Filing")
                self.text(cols["income_prev"], y, "Income")
                self.text(cols["income_prev"], y - 11.3, "Preceding Year")
                self.y = y - 22.6
        else:
            self.text(cols["owner"], y, "Owner")
            self.text(cols["creditor"], y, "Creditor")
            self.text(cols["date"], y, "Date Incurred")
            self.text(cols["type"], y, "Type")
            self.text(cols["amount"], y, "Amount of")
            self.text(cols["amount"], y - 11.3, "Liability")
            self.y = y - 11.3
        self.y -= 22

    def box(self, x: float, y: float, ticked: bool) -> None:
        c = self.c
        c.setLineWidth(0.5)
        c.rect(x + 14.4, y - 2, 10.9, 10.9)  # border
        c.rect(x + 15.1, y - 1.3, 9.5, 9.5)  # face
        c.rect(x + 15.1, y - 1.3, 9.5, 9.5)  # inner shadow
        if ticked:
            p = c.beginPath()
            p.moveTo(x + 16.5, y + 3.5)
            p.lineTo(x + 19, y + 0.5)
            p.lineTo(x + 23.5, y + 7)
            c.drawPath(p, stroke=1, fill=0)

    def finish(self, signer: str, signed: str) -> bytes:
        self.header = None
        self.heading("Certification and Signature")
        self.text(22, self.y, f"Digitally Signed: {signer} , {signed}")
        self.c.drawString(485, 760, f"Filing ID #{self.filing_id}")
        self.c.save()
        return self.buf.getvalue()


def build_form_a(holdings: list[Holding], liabilities: list[Liability] | None = None, *,
                 name: str = "Hon. Jane Q. Doe", status: str = "Member", state_district: str = "NJ05",
                 filing_type: str = "Annual Report", filing_year: str = "2024", filing_date: str = "05/15/2025",
                 period: str | None = None, filing_id: str = "10099999", candidate: bool = False,
                 none_disclosed: bool = False) -> bytes:
    """A Form A report: header blocks, Schedule A (or "None disclosed."), Schedule C, Schedule D."""
    doc = _Doc(filing_id)
    c = doc.c
    doc.text(485, 760, f"Filing ID #{filing_id}")
    doc.text(117, 735, "Financial Disclosure Report", 16)
    doc.y = 700
    doc.heading("Filer Information")
    for label, value in (("Name:", name), ("Status:", status), ("State/District:", state_district)):
        doc.text(22, doc.y, label)
        doc.text(128, doc.y, value)
        doc.y -= 15.8
    doc.heading("Filing Information")
    fields = [("Filing Type:", filing_type), ("Filing Year:", filing_year), ("Filing Date:", filing_date)]
    if period:
        fields.append(("Period Covered:", period))
    for label, value in fields:
        doc.text(22, doc.y, label)
        doc.text(128, doc.y, value)
        doc.y -= 15.8
    doc.heading('Schedule A: Assets and "Unearned" Income')
    if none_disclosed:
        doc.text(22, doc.y, "None disclosed.")
        doc.y -= 20
    else:
        cols = A_CANDIDATE if candidate else A_ANNUAL
        doc.header = ("A", cols)
        doc.draw_header("A", cols)
        for h in holdings:
            _holding(doc, h, cols)
        doc.header = None
        doc.need(20)
        doc.text(26, doc.y, "* For the complete list of asset type abbreviations, please visit "
                 "https://fd.house.gov/reference/asset-type-codes.aspx.")
        doc.y -= 20
    doc.heading("Schedule C: Earned Income")
    doc.text(22, doc.y, "None disclosed.")
    doc.y -= 20
    doc.heading("Schedule D: Liabilities")
    if not liabilities:
        doc.text(22, doc.y, "None disclosed.")
        doc.y -= 20
    else:
        doc.header = ("D", D_COLS)
        doc.draw_header("D", D_COLS)
        for li in liabilities:
            _liability(doc, li)
        doc.header = None
    c.setFont("Helvetica", 8.5)
    return doc.finish(name, filing_date)


def _holding(doc: _Doc, h: Holding, cols: dict[str, int]) -> None:
    top = [h.asset_lines, [h.owner] if h.owner else [], h.value_lines, h.income_type_lines, h.income_lines,
           h.income_prev_lines]
    keys = ["asset", "owner", "value", "income_type", "income", "income_prev"]
    depth = max(len(t) for t in top)
    doc.need(LINE)
    y0 = doc.y
    for i in range(depth):
        if doc.y < BOTTOM:  # the row runs over the page break; its cells continue on the next page
            doc.new_page()
        for key, lines in zip(keys, top, strict=True):
            if i < len(lines) and key in cols:
                doc.text(cols[key], doc.y, lines[i])
        if i == 0 and "tx" in cols and h.tx is not None:
            doc.box(cols["tx"], y0, h.tx)
        doc.y -= LINE
    for label, value in (("Location:", h.location), ("Description:", h.description), ("Comments:", h.comments)):
        if value:
            doc.y -= 6
            if doc.y < BOTTOM:
                doc.new_page()
            doc.text(25, doc.y, f"{label} {value}", 8)
            doc.y -= LINE - 6
    doc.y -= ROW_GAP


def _liability(doc: _Doc, li: Liability) -> None:
    depth = max(len(li.type_lines), len(li.amount_lines), 1)
    doc.need(depth * LINE)
    for i in range(depth):
        if i == 0:
            if li.owner:
                doc.text(D_COLS["owner"], doc.y, li.owner)
            doc.text(D_COLS["creditor"], doc.y, li.creditor)
            doc.text(D_COLS["date"], doc.y, li.date)
        if i < len(li.type_lines):
            doc.text(D_COLS["type"], doc.y, li.type_lines[i])
        if i < len(li.amount_lines):
            doc.text(D_COLS["amount"], doc.y, li.amount_lines[i])
        doc.y -= LINE
    doc.y -= ROW_GAP


def image_only_pdf(pages: int = 2) -> bytes:
    """A scanned report: pages with a drawn image-like shape and no text layer."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=letter, invariant=True)
    for _ in range(pages):
        c.setFillGray(0.4)
        c.rect(50, 50, 500, 700, fill=1, stroke=0)
        c.showPage()
    c.save()
    return buf.getvalue()
