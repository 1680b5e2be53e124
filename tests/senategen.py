"""Synthetic Senate eFD PTR pages in the layout of https://efdsearch.senate.gov/search/view/ptr/<UUID>/
(h1 "Periodic Transaction Report for MM/DD/YYYY [(Amendment N)]", h2.filedReport with the
filer, "Filed MM/DD/YYYY @ HH:MM AM", one table with the nine columns), and of a paper-filing
stub ("Filing Document - Print View" with img.filingImage pages)."""

from __future__ import annotations

from html import escape

HEADER = ["&#35;", "Transaction Date", "Owner", "Ticker", "Asset Name", "Asset Type", "Type", "Amount", "Comment"]


def senate_ptr(filer: str, report_date: str, rows: list[dict[str, str]], *, amendment: int = 0,
               filed: str | None = None, columns: list[str] | None = None) -> bytes:
    title = f"Periodic Transaction Report for {report_date}" + (f" (Amendment {amendment})" if amendment else "")
    body = []
    for n, r in enumerate(rows, start=1):
        ticker = (f'<a href="https://finance.yahoo.com/quote/{r["ticker"]}" target="_blank">{r["ticker"]}</a>'
                  if r.get("ticker") else "--")
        details = f'<div class="text-muted">{r["details"]}</div>' if r.get("details") else ""
        body.append(f"""<tr><td>{len(rows) - n + 1}</td><td> {r['date']} </td><td>{r.get('owner', 'Self')}</td>
<td> {ticker} </td><td> {escape(r['asset'])} {details}</td><td>{r.get('asset_type', 'Stock')}</td>
<td>{r.get('type', 'Purchase')}</td><td>{r.get('amount', '$1,001 - $15,000')}</td><td>{r.get('comment', '--')}</td></tr>""")
    head = "".join(f'<th scope="col">{h}</th>' for h in (columns or HEADER))
    return f"""<!DOCTYPE HTML><html lang="en"><head><title>eFD: Print Periodic Transaction Report</title></head>
<body><main><div class="justify-content-between"><div>
<h1 class="mb-2"> {title} </h1>
<h2 class="filedReport"> {escape(filer)} </h2>
<p class="muted"><strong class="noWrap"><i class="fa fa-folder"></i> Filed {filed or report_date} @ 11:06 AM</strong></p>
</div></div><section class="card"><div class="card-body"><h3>Transactions</h3>
<div class="table-responsive"><table class="table table-striped"><caption class="sr-only">List</caption>
<thead><tr class="header">{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div></div></section>
</main></body></html>""".encode()


def paper_stub(images: list[str]) -> bytes:
    imgs = "".join(f'<div class="carousel-item"><div class="img-wrap"><img class="filingImage" src="{u}" '
                   f'alt="filing document" /></div></div>' for u in images)
    return f"""<!DOCTYPE HTML><html><head><title>eFD</title></head><body><main>
<h1 class="sr-only d-print-none">Filing Document - Print View</h1>
<div class="carousel-inner" role="listbox">{imgs}</div></main></body></html>""".encode()
