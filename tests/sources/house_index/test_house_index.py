"""House Clerk yearly index: XML, tab-separated text and the ZIP holding them.

Fixtures are made here in the Clerk's format (root <FinancialDisclosure>, one <Member> per
filing; the TXT has the same nine fields tab-separated, with a header row)."""

import io
import zipfile
from datetime import date

from warstock.sources import house_index

XML = """\ufeff<?xml version="1.0" encoding="utf-8"?>
<FinancialDisclosure>
  <Member><Prefix>Hon.</Prefix><Last>Gottheimer</Last><First>Josh</First><Suffix />
    <FilingType>P</FilingType><StateDst>NJ05</StateDst><Year>2025</Year>
    <FilingDate>3/6/2025</FilingDate><DocID>20027901</DocID></Member>
  <Member><Prefix /><Last>Abel</Last><First>William P.</First><Suffix />
    <FilingType>C</FilingType><StateDst>TX31</StateDst><Year>2025</Year>
    <FilingDate>10/12/2025</FilingDate><DocID>10072640</DocID></Member>
  <Member><Prefix /><Last>Nodoc</Last><First>A</First><Suffix />
    <FilingType>P</FilingType><StateDst>TX31</StateDst><Year>2025</Year>
    <FilingDate>10/12/2025</FilingDate><DocID></DocID></Member>
</FinancialDisclosure>""".encode()

TXT = (b"Prefix\tLast\tFirst\tSuffix\tFilingType\tStateDst\tYear\tFilingDate\tDocID\r\n"
       b"Hon.\tGottheimer\tJosh\t\tP\tNJ05\t2025\t3/6/2025\t20027901\r\n"
       b"\tAbel\tWilliam P.\t\tC\tTX31\t2025\t10/12/2025\t10072640\r\n")


def test_xml() -> None:
    r = house_index.parse(XML)
    assert r.status == "parsed_with_notes"  # the row without a DocID is noted, not dropped silently
    assert [x["doc_id"] for x in r.records] == ["20027901", "10072640"]
    g = r.records[0]
    assert g["last_name"] == "Gottheimer" and g["filing_type"] == "P"
    assert g["state_district"] == "NJ05" and g["filing_date"] == date(2025, 3, 6) and g["year"] == 2025
    assert any(n.code == "missing_doc_id" for n in r.notes)


def test_txt_matches_xml() -> None:
    x = house_index.parse(XML).records
    t = house_index.parse(TXT).records
    assert t == x


def test_zip() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("2025FD.txt", TXT)
        zf.writestr("2025FD.xml", XML)
    r = house_index.parse(buf.getvalue())
    assert len(r.records) == 2


def test_bad_inputs() -> None:
    assert house_index.parse(b"").status == "failed"
    assert house_index.parse(b"<FinancialDisclosure><Member>").status == "failed"
    assert "unknown layout" in (house_index.parse(b"<Other/>").reason or "")
    assert house_index.parse(b"PK\x03\x04garbage").status == "failed"
    assert house_index.parse(b"a\tb\n1\t2\n").status == "failed"
