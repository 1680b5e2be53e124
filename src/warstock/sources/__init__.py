"""Registry of sources: an explicit dict, not import magic.

Each source states what it reads (publisher, official URL pattern, format) before anything
parses it. A source without a parser yet is still archived and counted in coverage, so the
report can say what it has not read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from warstock.records import ParseResult


@dataclass(frozen=True)
class Source:
    name: str
    publisher: str
    url_pattern: str | None
    format: str
    parser: Callable[..., ParseResult] | None
    parser_version: str | None
    read_by: str | None = None  # documents read by another step than `build` (e.g. `warstock ocr`)

    def official_url(self, doc_id: str | None, year: int | None) -> str | None:
        if not self.url_pattern or doc_id is None:
            return None
        if "{year}" in self.url_pattern and year is None:
            return None
        return self.url_pattern.format(doc_id=doc_id, year=year)


def _registry() -> dict[str, Source]:
    from warstock.sources import committees, house_index, house_ptr, legislators, senate_ptr, votes

    def spec_source(mod: Any) -> Source:
        s = mod.SPEC
        return Source(s["name"], s["publisher"], s["official_url"], s["format"], mod.parse,
                      mod.PARSER_VERSION)

    sources = [spec_source(m) for m in (house_index, house_ptr, senate_ptr, legislators, committees, votes)]
    cs: dict[str, Any] = committees.COMMITTEES_SPEC
    sources.append(Source(cs["name"], cs["publisher"], cs["official_url"], cs["format"],
                          committees.parse_committees, committees.COMMITTEES_PARSER_VERSION))
    # Read by `warstock ocr`, not by `build`: the scanned House PTRs (archived as house_ptr,
    # which records them as needing OCR) and the Senate paper stubs' page images.
    from warstock.sources import house_ptr_ocr, senate_ptr_ocr

    for mod in (house_ptr_ocr, senate_ptr_ocr):
        s = mod.SPEC
        sources.append(Source(s["name"], s["publisher"], s["official_url"], s["format"], None, mod.PARSER_VERSION,
                              read_by="warstock ocr"))
    # Archived and counted, not parsed yet.
    sources += [
        Source("house_annual", "Clerk of the U.S. House of Representatives",
               "https://disclosures-clerk.house.gov/public_disc/financial-pdfs/{year}/{doc_id}.pdf",
               "PDF (Form A annual / termination / new-filer reports)", None, None),
        Source("senate_annual", "Secretary of the Senate, Office of Public Records (eFD)",
               None, "HTML annual report page", None, None),
        Source("senate_paper", "Secretary of the Senate, Office of Public Records (eFD)",
               None, "GIF page images of paper filings", None, None, read_by="warstock ocr"),
    ]
    return {s.name: s for s in sources}


SOURCES: dict[str, Source] = _registry()
