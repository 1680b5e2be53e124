"""Synthetic House PTR PDFs that mirror the Clerk's layout, for offline tests.

The real e-filed PTRs (https://disclosures-clerk.house.gov/public_disc/ptr-pdfs/2025/*.pdf)
put the table header at fixed x positions (ID 25, Owner 65, Asset 104, Transaction Type 261,
Date 326, Notification Date 381, Amount 446, Cap. Gains > $200? 525 points), wrap the asset
name over several lines, print "Filing Status:", "Subholding Of:", "Description:" lines under
the asset, draw the cap-gains column as a vector checkbox (3 path objects; 4 when ticked),
and carry rows over page breaks with the header repeated. This module draws the same with
reportlab, from a list of row specs that is also the expected parse: tests compare the
parser's output with the spec they drew, never with the parser's own earlier output.

The one thing not reproduced is the Clerk's faux small caps (glyphs PDFium cannot map to
Unicode); labels here are plain text, which the parser also accepts. The integration tier
covers the real glyphs.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

X_PLAIN = {"id": 25, "owner": 65, "asset": 104, "type": 261, "date": 326, "notification": 381,
           "amount": 446, "cap": 525}
# When any row prints a transaction ID (amendments), the Clerk's table widens the ID column
# and shifts the others right (e.g. 20030875: Owner at 82, Asset at 121).
X_WITH_IDS = {"id": 25, "owner": 82, "asset": 121, "type": 268, "date": 332, "notification": 388,
              "amount": 453, "cap": 527}
X = dict(X_PLAIN)
LINE = 10.5
BOTTOM = 60


@dataclass
class Row:
    asset_lines: list[str]
    type_text: str = "P"
    date: str = "02/13/2025"
    notification: str = "03/05/2025"
    amount_lines: list[str] = field(default_factory=lambda: ["$1,001 - $15,000"])
    owner: str = ""
    cap_gains: bool = False
    status: str = "New"
    subholding: str | None = None
    description: str | None = None
    comments: str | None = None
    transaction_id: str = ""
    break_after_top: bool = False  # force a page break after the row's first line


def build_ptr(rows: list[Row], *, name: str = "Hon. Jane Q. Doe", state_district: str = "NJ05",
              filing_id: str = "20099999", signed: str = "03/06/2025",
              title: str = "Periodic Transaction Report", header: bool = True) -> bytes:
    X.clear()
    X.update(X_WITH_IDS if any(r.transaction_id for r in rows) else X_PLAIN)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=letter, invariant=True)

    def page_header() -> float:
        c.setFont("Times-Roman", 7)
        c.drawString(470, 770, f"Filing ID #{filing_id}")
        if not header:
            return 700
        return _table_header(c, 505)

    c.setFont("Times-Bold", 18)
    c.drawString(118, 688, title)
    c.setFont("Times-Roman", 8)
    c.drawString(70, 648, "Clerk of the House of Representatives • Legislative Resource Center")
    c.setFont("Times-Bold", 10)
    c.drawString(22, 614, "Filer Information")
    c.setFont("Times-Roman", 9)
    for i, (label, value) in enumerate((("Name:", name), ("Status:", "Member"),
                                        ("State/District:", state_district))):
        c.drawString(22, 595 - i * 17, label)
        c.drawString(99, 595 - i * 17, value)
    c.setFont("Times-Bold", 10)
    c.drawString(22, 528, "Transactions")
    y = page_header()

    def new_page() -> float:
        c.showPage()
        # continuation pages start the header near the top
        c.translate(0, 0)
        return _continuation_header(c)

    def checkbox(top_y: float, ticked: bool) -> None:
        # as the Clerk draws it: a light box of three paths; a ticked one is filled grey
        # (about 208/255) with a white tick as a fourth path
        x0, y0 = X["cap"] + 20, top_y - 2
        c.setStrokeColorRGB(0.8, 0.8, 0.8)
        c.setFillColorRGB(0.82 if ticked else 0.97, 0.82 if ticked else 0.97, 0.82 if ticked else 0.97)
        c.rect(x0, y0, 9, 9, stroke=0, fill=1)
        c.rect(x0, y0, 9, 9, stroke=1, fill=0)
        c.rect(x0 - 0.5, y0 - 0.5, 10, 10, stroke=1, fill=0)
        if ticked:
            c.setStrokeColorRGB(1, 1, 1)
            p = c.beginPath()
            p.moveTo(x0 + 2, y0 + 4)
            p.lineTo(x0 + 4, y0 + 2)
            p.lineTo(x0 + 8, y0 + 8)
            c.drawPath(p, stroke=1, fill=0)
        c.setFillColorRGB(0, 0, 0)
        c.setStrokeColorRGB(0, 0, 0)

    for row in rows:
        needed = LINE * (len(row.asset_lines) + 4)
        if y - needed < BOTTOM and not row.break_after_top:
            y = new_page()
        c.setFont("Times-Roman", 8)
        if row.transaction_id:
            c.drawString(X["id"], y, row.transaction_id)
        if row.owner:
            c.drawString(X["owner"], y, row.owner)
        c.drawString(X["type"], y, row.type_text)
        c.drawString(X["date"], y, row.date)
        c.drawString(X["notification"], y, row.notification)
        for i, a in enumerate(row.amount_lines):
            c.drawString(X["amount"], y - i * LINE, a)
        checkbox(y, row.cap_gains)
        lines = list(row.asset_lines)
        c.drawString(X["asset"], y, lines.pop(0))
        y -= LINE
        if row.break_after_top:
            y = new_page()
        for a in lines:
            c.drawString(X["asset"], y, a)
            y -= LINE
        y = min(y, y - (len(row.amount_lines) - 1 - len(lines)) * LINE)
        y -= 4
        c.setFont("Times-Roman", 7)
        for label, value in (("Filing Status:", row.status), ("Subholding Of:", row.subholding),
                             ("Description:", row.description), ("Comments:", row.comments)):
            if value is None:
                continue
            if y < BOTTOM:
                y = new_page()
            c.drawString(X["asset"], y, f"{label} {value}")
            y -= LINE
        y -= 12
    if y < BOTTOM + 80:
        y = new_page()
    c.setFont("Times-Roman", 7)
    c.drawString(22, y - 10, "* For the complete list of asset type abbreviations, please visit "
                 "https://fd.house.gov/reference/asset-type-codes.aspx.")
    c.setFont("Times-Bold", 10)
    c.drawString(22, y - 40, "Initial Public Offerings")
    c.drawString(22, y - 70, "Certification and Signature")
    c.setFont("Times-Roman", 8)
    c.drawString(22, y - 90, f"Digitally Signed: {name} , {signed}")
    c.showPage()
    c.save()
    return buf.getvalue()


def _continuation_header(c: Canvas) -> float:
    return _table_header(c, 740)


def _table_header(c: Canvas, y: float) -> float:
    c.setFont("Times-Bold", 8)
    for key, words in (("id", ["ID"]), ("owner", ["Owner"]), ("asset", ["Asset"]),
                       ("type", ["Transaction", "Type"]), ("date", ["Date"]),
                       ("notification", ["Notification", "Date"]), ("amount", ["Amount"]),
                       ("cap", ["Cap.", "Gains >", "$200?"])):
        for i, w in enumerate(words):
            c.drawString(X[key], y - i * LINE, w)
    return y - 3 * LINE - 12


def image_only_pdf() -> bytes:
    """A 'scanned' filing: one page with only a drawn picture, no text layer."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=letter, invariant=True)
    for i in range(20):
        c.rect(50 + i * 5, 50 + i * 10, 300, 8, stroke=1, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


def text_pdf(lines: list[str]) -> bytes:
    """A PDF with text that is not a PTR (unknown layout)."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=letter, invariant=True)
    for i, line in enumerate(lines):
        c.drawString(72, 700 - i * 14, line)
    c.showPage()
    c.save()
    return buf.getvalue()
