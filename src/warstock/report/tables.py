"""Every command's output in one shape, in every format: text (Rich), Markdown, CSV and JSON.

A command builds a ``Doc``: lines of prose, then sections (a titled table of rows), then
notes. Text and Markdown show each section's display columns, with word headers and money
as ranges; JSON and CSV carry every field of every row (machine-readable, nothing formatted
away). Nothing is cut: cells that do not fit fold onto a second line, never end in "…".
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from warstock.amounts import fmt_sum


class Format(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    md = "md"


@dataclass(frozen=True)
class Col:
    key: str
    header: str
    right: bool = False  # numbers align right
    show: Callable[[dict[str, Any]], str] | None = None  # how text and Markdown show the cell
    wrap: bool = True  # False: keep on one line where the width allows (names, dates, ids fold if they must)
    min_width: int | None = None  # narrow terminals shrink other columns first


def funded(row: dict[str, Any]) -> str:
    """A trade beside a key vote: whether the vote's bill funds the company (None: the data
    cannot say)."""
    v = row.get("bill_funds_company")
    return "unknown" if v is None else "yes" if v else "no"


def money(header: str = "Range (low – high)") -> Col:
    """A sum of bands: low – high, open-ended and unread bands counted beside."""
    return Col("amount_max_usd", header, right=True, show=fmt_sum, min_width=15)


@dataclass
class Section:
    key: str  # its name in JSON
    title: str
    columns: list[Col]
    rows: list[dict[str, Any]]
    unit: tuple[str, str] | None = None  # ("trade", "trades"): the title counts them
    count: int | None = None  # what the title counts, if not the rows (e.g. trades, not trade-vote pairs)
    note: str | None = None
    limit: int | None = None  # text and Markdown show at most this many rows


@dataclass
class Doc:
    title: str | None = None
    lines: list[str] = field(default_factory=list)  # prose before the sections
    sections: list[Section] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # prose after
    data: dict[str, Any] = field(default_factory=dict)  # extra JSON fields


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 trade', '2 trades' (counts agree in number)."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _cell(col: Col, row: dict[str, Any]) -> str:
    if col.show is not None:
        return col.show(row)
    v = row.get(col.key)
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def _title(s: Section) -> str:
    if s.unit is None:
        return s.title
    n = s.count if s.count is not None else len(s.rows)
    return f"{s.title} ({plural(n, *s.unit)})"


def json_default(o: Any) -> Any:
    if isinstance(o, date | datetime):
        return o.isoformat()
    if isinstance(o, Decimal):
        return float(o)
    raise TypeError(type(o).__name__)


def to_json(doc: Doc) -> str:
    out: dict[str, Any] = {}
    if doc.title:
        out["title"] = doc.title
    out.update(doc.data)
    for s in doc.sections:
        out[s.key] = s.rows
    if doc.lines or doc.notes:
        out["notes"] = [*doc.lines, *doc.notes]
    return json.dumps(out, indent=2, default=json_default) + "\n"


def to_csv(doc: Doc) -> str:
    """Every row of every section with all its fields; with several sections, the first column
    says which section a row belongs to."""
    buf = io.StringIO()
    many = len(doc.sections) > 1
    keys: list[str] = ["section"] if many else []
    for s in doc.sections:
        for r in s.rows:
            keys += [k for k in r if k not in keys]
    w = csv.DictWriter(buf, fieldnames=keys, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for s in doc.sections:
        for r in s.rows:
            w.writerow({**({"section": s.key} if many else {}),
                        **{k: (v.isoformat() if isinstance(v, date | datetime) else v) for k, v in r.items()}})
    return buf.getvalue()


def to_markdown(doc: Doc) -> str:
    out: list[str] = []
    if doc.title:
        out += [f"# {doc.title}", ""]
    out += [line for line in doc.lines] + ([""] if doc.lines else [])
    for s in doc.sections:
        out += [f"## {_title(s)}", ""]
        if not s.rows:
            out += ["(none)", ""]
            continue
        out.append("| " + " | ".join(c.header for c in s.columns) + " |")
        out.append("|" + "|".join("---:" if c.right else "---" for c in s.columns) + "|")
        shown = s.rows[: s.limit] if s.limit else s.rows
        for r in shown:
            out.append("| " + " | ".join(_cell(c, r).replace("|", "\\|") for c in s.columns) + " |")
        if len(shown) < len(s.rows):
            out.append(f"\n… and {len(s.rows) - len(shown)} more (use --limit 0 for all)")
        if s.note:
            out += ["", s.note]
        out.append("")
    out += doc.notes
    return "\n".join(out).rstrip() + "\n"


def to_console(doc: Doc, console: Console) -> None:
    if doc.title:
        console.print(f"[bold]{escape(doc.title)}[/]")
    for line in doc.lines:
        console.print(escape(line))
    for s in doc.sections:
        console.print()
        table = Table(title=_title(s), title_justify="left", expand=False, box=box.SIMPLE_HEAD)
        for c in s.columns:
            table.add_column(c.header, justify="right" if c.right else "left", overflow="fold",
                             no_wrap=not c.wrap, min_width=c.min_width)
        shown = s.rows[: s.limit] if s.limit else s.rows
        for r in shown:
            table.add_row(*[escape(_cell(c, r)) for c in s.columns])
        if s.rows:
            console.print(table)
        else:
            console.print(f"[bold]{escape(_title(s))}[/]: none")
        if len(shown) < len(s.rows):
            console.print(f"… and {len(s.rows) - len(shown)} more (use --limit 0 for all)")
        if s.note:
            console.print(escape(s.note))
    if doc.notes:
        console.print()
    for line in doc.notes:
        console.print(f"[dim]{escape(line)}[/]")


def emit(doc: Doc, fmt: Format, console: Console) -> None:
    if fmt is Format.text:
        to_console(doc, console)
        return
    text = {Format.json: to_json, Format.csv: to_csv, Format.md: to_markdown}[fmt](doc)
    console.file.write(text)
