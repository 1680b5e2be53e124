"""Page images of Senate paper filings.

eFD serves a paper filing as a "Filing Document - Print View" stub (read by ``senate_ptr``)
that lists one GIF image per page under ``/media/<year>/...``. The images are archived under
this source and read, in the stub's order, by ``senate_ptr_ocr``.
"""

from __future__ import annotations

from warstock.sources.spec import SourceSpec

SPEC = SourceSpec(
    name="senate_paper",
    publisher="Secretary of the Senate, Office of Public Records (eFD)",
    format="GIF page images of paper filings",
    yields="nothing by itself: the pages senate_ptr_ocr reads",
    paths=(r"(?:^|/)senate/paper-images/(?P<doc>[^/]+)\.gif$",),
    parser_version=None,
    read_by=None,
)
