"""The House Clerk's disclosure site (https://disclosures-clerk.house.gov).

For each year: the yearly index ``public_disc/financial-pdfs/YYYYFD.zip`` (asked for
conditionally: it grows all year, and each change is a new version in the archive), then every
filing it lists that the archive lacks, chosen by FilingType: PTRs (``P``) from
``public_disc/ptr-pdfs/YYYY/<DocID>.pdf``, and members' annual, new-filer and termination
reports (``A``, ``O``, ``H``, ``T``) from ``public_disc/financial-pdfs/YYYY/<DocID>.pdf``.
Candidates' reports (``C``) and the other kinds (extensions, gift travel, blind trusts ...) are
not fetched: they are not what warstock reads about members. URLs come from the sources' specs.
"""

from __future__ import annotations

from datetime import date

from warstock.sources import SOURCES, house_index
from warstock.stages.http import FAILURES, HTTPFailure, describe
from warstock.stages.remote import Context, filed_as

PTR_TYPES = frozenset({"P"})
ANNUAL_TYPES = frozenset({"A", "O", "H", "T"})


def sync_house(ctx: Context, years: list[int], since: date | None = None) -> None:
    for year in years:
        index_url = SOURCES["house_index"].url(f"{year}FD", year) or ""
        layout = f"house/index/{year}FD.zip"
        resp = None
        if year >= ctx.today.year and ctx.archive.current(*filed_as(layout)) is None:
            try:  # early in January this year's index may not exist yet: that is not a failure
                resp = ctx.client.get(ctx.url(index_url))
            except HTTPFailure as exc:
                if exc.status != 404:
                    ctx.fail("house_index", f"{year}FD", str(exc), index_url)
                else:
                    ctx.notes.append(f"House {year}: the Clerk has not published {year}FD.zip yet (404)")
                continue
            except FAILURES as exc:
                ctx.fail("house_index", f"{year}FD", describe(exc), index_url)
                continue
        got = ctx.document(index_url, layout=layout, year=year, expect="application/zip", conditional=True,
                           resp=resp)
        if got is None:
            continue
        parsed = house_index.parse(got.body)
        if parsed.status == "failed":
            ctx.fail("house_index", f"{year}FD", f"the index cannot be read: {parsed.reason}", index_url)
            continue
        todo: list[tuple[str, str, str]] = []
        for rec in parsed.records:
            kind = rec["filing_type"]
            folder, source = ("ptr", "house_ptr") if kind in PTR_TYPES else \
                ("annual", "house_annual") if kind in ANNUAL_TYPES else (None, None)
            if folder is None or source is None:
                continue
            if since and rec["filing_date"] and rec["filing_date"] < since:
                continue
            if ctx.have(source, rec["doc_id"]):
                ctx.tally(source).archived += 1
                continue
            todo.append((source, rec["doc_id"], f"house/{folder}/{rec['doc_id']}.pdf"))
        for n, (source, doc_id, layout) in enumerate(todo, 1):
            url = SOURCES[source].url(doc_id, year) or ""
            ctx.document(url, layout=layout, year=year, expect="application/pdf")
            ctx.tick(f"House {year} filings", n, len(todo))

