"""A Doc as HTML: tables with links to the filings behind each row, and charts as inline SVG.

Everything that comes from a document or a parameter is escaped: fragments are built with
``markupsafe.Markup.format``, which escapes each argument, so text can only become markup
here, never by accident. A link is kept only when it is http(s) or a path on this site.
Used by the web dashboard (pages) and by `warstock report --html` (one self-contained file:
stylesheet inline, no script, nothing fetched).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from markupsafe import Markup, escape

from warstock.amounts import fmt_usd
from warstock.report.tables import Col, Doc, Section, _cell, _title
from warstock.settings import package_data

Link = Callable[[dict[str, Any]], str | None]
Links = dict[str, Link]


def stylesheet() -> str:
    return package_data("style", "warstock.css").read_text(encoding="utf-8")


def safe_href(url: Any) -> str | None:
    """The URL if it is http(s) or a path on this site ('/...' or '?...'), else None."""
    if not isinstance(url, str) or not url:
        return None
    if url.startswith(("https://", "http://")) or (url.startswith(("/", "?")) and not url.startswith("//")):
        return url
    return None


def link(text: Any, url: Any, cls: str | None = None) -> Markup:
    href = safe_href(url)
    if href is None:
        return Markup("{}").format(text)
    if cls:
        return Markup('<a class="{}" href="{}">{}</a>').format(cls, href, text)
    return Markup('<a href="{}">{}</a>').format(href, text)


def filing_cell(row: dict[str, Any]) -> Markup:
    """A filing's id linked to its official document, with page and row: where to look."""
    where = [f"p. {row['page']}" if row.get("page") is not None else "",
             f"row {row['row_number']}" if row.get("row_number") is not None else ""]
    place = ", ".join(w for w in where if w)
    # as link() and Markup.format would write it, in plain strings (a cell of every trade row)
    text = escape(row.get("doc_id") or "")
    href = safe_href(row.get("source_url"))
    out = f'<a href="{escape(href)}">{text}</a>' if href is not None else str(text)
    if place:
        out += f' <span class="prov">{escape(place)}</span>'
    return Markup(out)


DEFAULT_LINKS: Links = {}


# --- charts ------------------------------------------------------------------------------


def range_bar(low: Any, high: Any, scale: float, width: int = 120) -> Markup:
    """A bar from the range's low to its high on a scale shared by the table (0 to ``scale``)."""
    if not scale or low is None:
        return Markup("")
    hi = float(high if high is not None else low)
    x0, x1 = width * float(low) / scale, width * hi / scale
    label = f"{fmt_usd(low)} to {fmt_usd(hi)}"
    return Markup(
        '<svg width="{w}" height="10" viewBox="0 0 {w} 10" role="img" aria-label="range {label}">'
        '<title>{label}</title><rect x="0" y="4" width="{w}" height="2" fill="#e1e5ea"/>'
        '<rect x="{x0:.1f}" y="1" width="{bw:.1f}" height="8" fill="#5b7fa6"/>'
        '<rect x="{x0:.1f}" y="1" width="1.5" height="8" fill="#123c63"/></svg>').format(
        w=width, label=label, x0=x0, bw=max(1.5, x1 - x0))


def column_chart(rows: list[dict[str, Any]], key: str, title: str, value: str = "trades",
                 link_for: Link | None = None) -> Markup:
    """A column per row (e.g. trades by month), with its value as a tooltip and label."""
    if not rows:
        return Markup("")
    w, h, pad, top = max(320, 46 * len(rows)), 190, 28, 16
    peak = max(float(r[value] or 0) for r in rows) or 1.0
    step = (w - 2 * pad) / len(rows)
    parts = []
    for i, r in enumerate(rows):
        v = float(r[value] or 0)
        bh = (h - pad - top) * v / peak
        x, y = pad + i * step + step * 0.15, h - pad - bh
        bar = Markup('<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="#0b4f8a">'
                     '<title>{}: {} {}</title></rect>').format(x, y, step * 0.7, bh, r[key], r[value], value)
        href = safe_href(link_for(r)) if link_for else None
        if href:
            bar = Markup('<a href="{}" aria-label="{}: {} {}">{}</a>').format(href, r[key], r[value], value, bar)
        parts.append(bar)
        parts.append(Markup('<text x="{:.1f}" y="{:.1f}" font-size="10" text-anchor="middle">{}</text>').format(
            x + step * 0.35, y - 3, r[value]))
        parts.append(Markup('<text x="{:.1f}" y="{}" font-size="10" text-anchor="middle">{}</text>').format(
            x + step * 0.35, h - pad + 13, str(r[key])[-5:]))
    return Markup('<figure><svg width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{t}">'
                  '<title>{t}</title><line x1="{p}" y1="{b}" x2="{r}" y2="{b}" stroke="#767676"/>{body}</svg>'
                  '<figcaption>{t}</figcaption></figure>').format(
        w=w, h=h, t=title, p=pad, b=h - pad, r=w - pad, body=Markup("").join(parts))


def _day(v: Any) -> date | None:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, str) and len(v) >= 10:
        try:
            return date.fromisoformat(v[:10])
        except ValueError:
            return None
    return None


def seat_timeline(rows: list[dict[str, Any]], today: date | None = None) -> Markup:
    """Committee seats as bars along time: solid while the rosters list the seat, lighter from
    the last roster that listed it to the first that did not."""
    seats = [(r, _day(r.get("valid_from")), _day(r.get("last_seen")), _day(r.get("ends_before"))) for r in rows]
    seats = [s for s in seats if s[1] is not None]
    if not seats:
        return Markup("")
    end_default = today or max(d for s in seats for d in s[1:] if d is not None)
    start = min(s[1] for s in seats if s[1] is not None)
    stop = max(max(d for d in s[1:] if d is not None) for s in seats)
    stop = max(stop, end_default)
    span = max(1, (stop - start).days)
    label_w, w, row_h = 260, 760, 18
    plot = w - label_w - 10
    h = row_h * len(seats) + 30
    parts = []
    for i, (r, vf, ls, eb) in enumerate(seats):
        assert vf is not None
        y = 6 + i * row_h
        seen = ls or vf
        x0 = label_w + plot * (vf - start).days / span
        x1 = label_w + plot * (seen - start).days / span
        name = str(r.get("committee_name") or r.get("committee_code") or "")
        tip = f"{name}: from {vf}, last listed {ls or '?'}" + (f", gone by {eb}" if eb else ", still listed")
        parts.append(Markup('<text x="4" y="{}" font-size="11">{}</text>').format(y + 11, name[:42]))
        parts.append(Markup('<rect x="{:.1f}" y="{}" width="{:.1f}" height="12" fill="#0b4f8a"><title>{}</title>'
                            '</rect>').format(x0, y, max(2.0, x1 - x0), tip))
        if eb:
            x2 = label_w + plot * (eb - start).days / span
            parts.append(Markup('<rect x="{:.1f}" y="{}" width="{:.1f}" height="12" fill="#a9bfd6"/>').format(
                x1, y, max(0.0, x2 - x1)))
    parts.append(Markup('<text x="{}" y="{}" font-size="10">{}</text>').format(label_w, h - 6, start))
    parts.append(Markup('<text x="{}" y="{}" font-size="10" text-anchor="end">{}</text>').format(w - 10, h - 6, stop))
    t = "Committee seats over time (dark: listed in the rosters; light: until the first roster without it)"
    return Markup('<figure><svg width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{t}">'
                  '<title>{t}</title>{body}</svg><figcaption>{t}</figcaption></figure>').format(
        w=w, h=h, t=t, body=Markup("").join(parts))


# --- tables ------------------------------------------------------------------------------


def _value(col: Col, row: dict[str, Any], links: Links) -> str:
    """A cell's content as escaped HTML text (plain str, for speed: tables are the bulk of a page)."""
    if col.key == "doc_id" and "doc_id" in row and "source_url" in row:
        return str(filing_cell(row))
    text = escape(_cell(col, row))
    make = links.get(col.key)
    href = safe_href(make(row)) if make else None
    return f'<a href="{escape(href)}">{text}</a>' if href is not None else str(text)


def table(s: Section, links: Links | None = None, bars: bool = False,
          downloads: Iterable[tuple[str, str]] = (), row_limit: int | None = None) -> Markup:
    """A section as a captioned table; money columns get a range bar when ``bars``. At most
    ``row_limit`` rows (or the section's own limit) are shown, then how many more there are:
    the downloads hold them all."""
    links = links or {}
    dl = [link(label, url) for label, url in downloads]
    parts = [Markup('<section aria-labelledby="s-{k}"><h2 id="s-{k}">{t}</h2>').format(k=s.key, t=_title(s))]
    if dl:
        parts.append(Markup('<p class="downloads">Download: {}</p>').format(Markup(" · ").join(dl)))
    if not s.rows:
        parts.append(Markup('<p class="empty">None.</p></section>'))
        return Markup("").join(parts)
    limit = min(x for x in (s.limit, row_limit, len(s.rows)) if x)
    scale = max((float(r.get("amount_max_usd") or r.get("amount_min_usd") or 0) for r in s.rows), default=0.0)
    head = Markup("").join(Markup('<th scope="col"{}>{}</th>').format(
        Markup(' class="num"') if c.right else "", c.header) for c in s.columns)
    opens = []
    for c in s.columns:
        cls = " ".join(x for x in ("num" if c.right else "", "" if c.wrap else "nowrap") if x)
        opens.append(f'<td class="{cls}">' if cls else "<td>")
    body = []
    for r in s.rows[:limit]:
        cells = []
        for c, td in zip(s.columns, opens, strict=True):
            v = _value(c, r, links)
            if bars and c.key == "amount_max_usd":
                v += str(range_bar(r.get("amount_min_usd"), r.get("amount_max_usd"), scale))
            cells.append(f"{td}{v}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    parts.append(Markup('<div class="table-wrap"><table><thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>')
                 .format(head, Markup("\n".join(body))))
    if len(s.rows) > limit:
        more = Markup('<p class="note">… and {} more{}.</p>')
        parts.append(more.format(len(s.rows) - limit, Markup(" (all {} in the downloads above)").format(len(s.rows))
                                 if dl else ""))
    if s.note:
        parts.append(Markup('<p class="note">{}</p>').format(s.note))
    parts.append(Markup("</section>"))
    return Markup("").join(parts)


def lines(items: Iterable[str], cls: str = "lead") -> Markup:
    out = []
    for text in items:
        if not text:
            continue
        c = "warning" if text.startswith(("PARTIAL", "Coverage unknown")) else cls
        out.append(Markup('<p class="{}">{}</p>').format(c, text))
    return Markup("\n").join(out)


def coverage_box(cov_lines: Iterable[str], universe: str | None = None, year: int | None = None) -> Markup:
    items = Markup("").join(Markup("<li>{}</li>").format(x) for x in cov_lines if x and x != "Coverage:")
    edition = Markup(" Universe edition: <strong>{}</strong>.").format(universe) if universe else Markup("")
    when = Markup(" of {}").format(year) if year else Markup("")
    return Markup('<aside class="coverage" aria-label="Coverage"><strong>Coverage{}</strong> (documents read of those '
                  'listed).{}<ul>{}</ul></aside>').format(when, edition, items)


def doc_body(doc: Doc, links: Links | None = None, bars: Iterable[str] = ("members",),
             downloads: Callable[[Section], Iterable[tuple[str, str]]] | None = None,
             charts: dict[str, Markup] | None = None, skip_notes: bool = False,
             row_limit: int | None = None) -> Markup:
    """Title, prose, each section (a chart before it where given), then notes."""
    bar_keys, charts = set(bars), charts or {}
    parts = [Markup("<h1>{}</h1>").format(doc.title) if doc.title else Markup(""), lines(doc.lines)]
    for s in doc.sections:
        parts.append(charts.get(s.key, Markup("")))
        parts.append(table(s, links, s.key in bar_keys, downloads(s) if downloads else (), row_limit))
    if not skip_notes:
        parts.append(lines([n for n in doc.notes if n], "notes"))
    return Markup("\n").join(parts)


NOTHING = Markup("")


def page(title: str, body: Markup, *, head: Markup = NOTHING, header: Markup = NOTHING,
         footer: Markup = NOTHING, css: str | None = None, css_href: str | None = None) -> str:
    """A whole HTML document: the stylesheet inline (``css``) or linked on this site (``css_href``)."""
    style = Markup("<style>{}</style>").format(Markup(css)) if css is not None else \
        Markup('<link rel="stylesheet" href="{}">').format(css_href or "")
    return str(Markup(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<title>{title}</title>{style}{head}</head><body>'
        '<a class="skip" href="#main">Skip to content</a>{header}'
        '<main id="main">{body}</main>{footer}</body></html>\n').format(
        title=title, style=style, head=head, header=header, body=body, footer=footer))


METHODOLOGY = [
    "Sources: the House Clerk's Periodic Transaction Reports (PTRs) and yearly filing index, the Senate's eFD "
    "report pages, and scanned paper forms of both chambers read by OCR (each field with a confidence; rows under "
    "the threshold are flagged for review, never guessed).",
    "Every amount is a sum of the disclosed bands: low = sum of band lows, high = sum of band highs. A band with "
    "no upper bound ('Over $50,000,000') is counted beside the high as open-ended; a paper-form band OCR could not "
    "read adds nothing to either sum and is counted apart. No midpoint is used.",
    "Trades are counted by transaction date, current rows only (an amendment replaces the rows it amends; a "
    "deleted row is not counted). Assets: stock and options (House codes ST, OP) unless stated otherwise.",
    "A company is in the universe when the stated universe edition lists it; tickers are matched with their "
    "validity dates, names through aliases.",
    "Filers are resolved to members of Congress (bioguide id) from the unitedstates/congress-legislators data; "
    "a trade counts for the chamber it was reported to and the party and state of the member's term begun latest "
    "by its date.",
    "Coverage: how many of the PTRs the Clerk's index lists were read (parsed, or read by OCR), awaiting OCR, "
    "failed (with the reason) or not in the archive. The Senate publishes no index here, so Senate coverage "
    "counts the reports warstock has.",
]


def report_page(doc: Doc) -> str:
    """`warstock report --html`: the report as one self-contained, printable HTML file."""
    members = next((s for s in doc.sections if s.key == "members"), None)
    companies = next((s for s in doc.sections if s.key == "by_company"), None)
    charts: dict[str, Markup] = {}
    if companies and companies.rows:
        top = [dict(r, label=(r.get("issuer_id") or "").upper()) for r in companies.rows[:15]]
        charts["by_company"] = column_chart(top, "label", "Trades by company (top 15 by high end of the range)")
    cov = [n for n in doc.notes if n and n != "Coverage:" and not n.startswith("Source:")]
    universe = doc.data.get("universe", {}).get("id") if isinstance(doc.data.get("universe"), dict) else None
    body = Markup("\n").join([
        Markup("<h1>{}</h1>").format(doc.title or "warstock report"),
        lines(doc.lines[:1]) if doc.lines and doc.lines[0].startswith("PARTIAL") else Markup(""),
        coverage_box(cov, universe),
        doc_body(Doc(lines=[x for x in doc.lines if not x.startswith("PARTIAL")], sections=doc.sections),
                 bars=("members",) if members else (), charts=charts, skip_notes=True),
        Markup('<section class="methodology" aria-labelledby="s-method"><h2 id="s-method">Methodology</h2>{}'
               '</section>').format(Markup("").join(Markup("<p>{}</p>").format(p) for p in METHODOLOGY)),
        lines([n for n in doc.notes if n.startswith("Source:")], "notes"),
    ])
    return page(doc.title or "warstock report", body, css=stylesheet(),
                footer=Markup('<footer class="site">Made by warstock from the official disclosures; every row '
                              'traces to its filing (JSON and CSV output carry each filing\'s URL).</footer>'))
