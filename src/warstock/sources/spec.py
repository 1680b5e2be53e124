"""What a source declares about itself, in one place.

Every source module defines ``SPEC = SourceSpec(...)``: which archived files it reads (path
rules on a folder laid out like ``../shared/data``), where the publisher serves each document
(its official URL pattern), the raw tables it fills with their columns, what must be built
before it, its parser version, and what a complete document looks like (rows per document,
documents per year). The module's ``parse`` function is its parser. The archive, the
warehouse, the stages and the docs all read the spec; nothing about a source lives anywhere
else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from warstock.records import Column


@dataclass(frozen=True)
class Table:
    """A raw table a source fills. ``role``: ``records`` (the source's rows), ``filing`` (one
    row per document) or ``extra`` (a second kind of record, by table name in ParseResult.extra)."""

    name: str
    columns: tuple[Column, ...]
    role: str = "records"


@dataclass(frozen=True)
class Expect:
    """What a complete document of this source looks like (checked after every build)."""

    rows_per_document: tuple[int, int] | None = None
    documents_per_year: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceSpec:
    name: str
    publisher: str
    format: str
    yields: str
    official_url: str | None = None  # pattern with {doc_id} and {year}
    paths: tuple[str, ...] = ()  # regexes on a POSIX path; groups: doc (required), year (optional)
    tables: tuple[Table, ...] = ()
    writes_like: str | None = None  # fills the same tables as that source (OCR of the same documents)
    after: tuple[str, ...] = ()  # sources whose rows this one's load or derive needs first
    parser_version: str | None = None  # None: archived and counted, no parser yet
    read_by: str | None = "build"  # build | ocr (`warstock ocr`) | import (`warstock import`) | None (no parser yet)
    reads: str | None = None  # for OCR: the archived source whose documents it reads
    expect: Expect = field(default_factory=Expect)
    caveats: str = ""

    def __post_init__(self) -> None:
        for rule in self.paths:
            if "(?P<doc>" not in rule:
                raise ValueError(f"{self.name}: path rule {rule!r} has no (?P<doc>...) group")
        if (self.read_by is None) != (self.parser_version is None):
            raise ValueError(f"{self.name}: read_by={self.read_by!r} with parser_version={self.parser_version!r}")
        if self.read_by == "ocr" and not (self.reads and self.writes_like):
            raise ValueError(f"{self.name}: an OCR source names what it reads and whose tables it fills")

    @property
    def ocr(self) -> bool:
        return self.read_by == "ocr"

    def match(self, path: PurePosixPath | str) -> tuple[str, int | None] | None:
        """(doc_id, year) if the path is one of this source's files, else None."""
        text = str(path)
        for rule in self.paths:
            m = re.search(rule, text, re.I)
            if m:
                year = m.groupdict().get("year")
                return m.group("doc"), int(year) if year else None
        return None

    def url(self, doc_id: str | None, year: int | None) -> str | None:
        """The publisher's URL of a document, or None where the pattern needs what we lack."""
        if not self.official_url or doc_id is None:
            return None
        if "{year}" in self.official_url and year is None:
            return None
        return self.official_url.format(doc_id=doc_id, year=year)

    def table(self, role: str) -> Table | None:
        return next((t for t in self.tables if t.role == role), None)

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "publisher": self.publisher, "format": self.format, "yields": self.yields,
                "official_url": self.official_url, "tables": [t.name for t in self.tables],
                "parser_version": self.parser_version, "read_by": self.read_by, "caveats": self.caveats}
