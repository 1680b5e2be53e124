"""Accuracy of the House Form A parser (warstock.sources.house_annual) on the real reports in
../shared/data/house/annual, against counts that do not use the parser.

    .venv/bin/python benchmarks/accuracy_annual.py [--shared ../shared/data] [--out benchmarks/results]

1. Coverage: every report parses or returns a recorded reason (failed / needs_ocr), by the
   yearly index's FilingType.
2. Independent row counts, taken with a different text extraction (pdfplumber's flat text of
   each page, which is not what the parser reads: it reads PDFium's positioned words) and a
   different rule (no columns, no rows, no anchors): each schedule's region runs from its
   heading "S... A:" to the next schedule heading, and
   - Schedule A rows = asset type codes "[XX]" printed in the region (one per asset),
   - Schedule B rows = asset type codes "[XX]" in the Schedule B region,
   - Schedule D rows = amounts in the region: dollar figures that are not the high end of a band
     ("$100,001 -" / "$250,000" is one amount, "$8,698.00" is one), and "Over $...".
     Text is read as pdfplumber lays it out; a dollar figure written into the Type column
     counts too, and is then a disagreement to look at.
   Lines that begin with a small-caps label ("Description:", "Comments:", ...) are not counted.
   Some filers type the code into the asset name as well ("Savings [BA] [BA]", 10070526, seen on
   the page image): the count reports such doubled codes beside the raw count, and the
   comparison counts a code printed twice in a row once.
   Every document where a count and the parser disagree is listed; the totals follow.
3. The Pelosi check (10066169): 63 Schedule A rows, 59 with a dollar band, 9 liabilities, as read
   by eye from the page images.

Output goes to stdout and to <out>/accuracy_annual.txt.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pdfplumber

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from warstock.sources import house_annual  # noqa: E402

# pdfplumber prints the faux small caps as spaces or NULs: "S        A: A          "U       " I     "
SCHEDULE_RE = re.compile(r"^S\s+([A-J]):")
OTHER_HEADING_RE = re.compile(r"^(?:S\s+A\s+B\s+I\s+V|S\s+A\s+I\s+V|E\s+S\s*,|C\s+S\s*$|C\s*$)")
LABEL_RE = re.compile(r"^[A-Z]\s+(?:[A-Z]\s+)?:")
CODE_RE = re.compile(r"\[[A-Z0-9]{2}\]")
DOUBLED_CODE_RE = re.compile(r"(\[[A-Z0-9]{2}\])\s*\1")
DOLLARS_RE = re.compile(r"(Over\s+)?\$[0-9][0-9,]*(?:\.[0-9]{2})?")


def amounts_in(line: str, after_dash: bool) -> int:
    """Amounts starting on a line: every dollar figure except a band's high end (one that
    follows a dash on the line, or the first figure on the line after a line that ended with
    a dash: a wrapped band, with the wrapped text of other cells before it)."""
    n = 0
    for i, m in enumerate(DOLLARS_RE.finditer(line)):
        before = line[: m.start()].rstrip()
        if before.endswith(("-", "–")) or (i == 0 and after_dash):
            continue
        n += 1
    return n


def independent_counts(path: Path) -> dict[str, int] | None:
    """Rows per schedule (A, B, D) from pdfplumber's text, and doubled codes ("A2", "B2");
    None for a report with no text."""
    counts = {"A": 0, "B": 0, "D": 0, "A2": 0, "B2": 0}
    section: str | None = None
    chars = 0
    after_dash = False
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            text = page.extract_text() or ""
            chars += len(text.strip())
            for line in text.splitlines():
                s = line.replace("\x00", " ").strip()  # unmapped small caps: spaces or NULs
                m = SCHEDULE_RE.match(s)
                if m:
                    section = m.group(1)
                    continue
                if OTHER_HEADING_RE.match(s):
                    section = None
                    continue
                if section not in counts or LABEL_RE.match(s) or s.startswith("*"):
                    continue
                if section in ("A", "B"):
                    counts[section] += len(CODE_RE.findall(s))
                    counts[section + "2"] += len(DOUBLED_CODE_RE.findall(s))
                elif section == "D" and not (s.startswith("Owner Creditor") or s == "Liability"):
                    # (the table header, repeated on a continuation page, is not content)
                    counts["D"] += amounts_in(s, after_dash)
                    after_dash = s.endswith(("-", "–"))
    return counts if chars else None


def filing_types(shared: Path) -> dict[str, str]:
    out = {}
    for xml in sorted((shared / "house" / "index").glob("*FD.xml")):
        for member in ET.parse(xml).getroot():
            d = {e.tag: (e.text or "") for e in member}
            if d.get("DocID"):
                out[d["DocID"]] = d.get("FilingType", "")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results")
    args = ap.parse_args()
    folder = args.shared / "house" / "annual"
    if not folder.is_dir():
        print(f"no {folder}: nothing to measure", file=sys.stderr)
        return 2
    types = filing_types(args.shared)
    out: list[str] = []

    def say(text: str = "") -> None:
        print(text)
        out.append(text)

    files = sorted(folder.glob("*.pdf"), key=lambda p: int(p.stem))
    say(f"House Form A reports: {len(files)} in {folder}  (parser {house_annual.PARSER_VERSION})")
    status: Counter[str] = Counter()
    status_by_type: Counter[tuple[str, str]] = Counter()
    totals = {k: Counter() for k in "ABD"}
    disagreements: list[str] = []
    doubled_docs: list[str] = []
    notes: Counter[str] = Counter()
    parse_seconds = 0.0
    pelosi = None
    for path in files:
        data = path.read_bytes()
        t0 = time.perf_counter()
        r = house_annual.parse(data, doc_id=path.stem)
        parse_seconds += time.perf_counter() - t0
        status[r.status] += 1
        status_by_type[(types.get(path.stem, "?"), r.status)] += 1
        for n in r.notes:
            notes[f"{n.level}:{n.code}"] += 1
        if r.status in ("failed", "needs_ocr"):
            say(f"  {path.stem}: {r.status}: {r.reason}")
            continue
        if path.stem == "10066169":
            pelosi = r
        counts = independent_counts(path)
        if counts is None:
            disagreements.append(f"{path.stem}: parser read text, pdfplumber found none")
            continue
        parsed = {"A": len(r.records), "B": len(r.extra["raw_house__annual_transactions"]),
                  "D": len(r.extra["raw_house__liabilities"])}
        for k in "ABD":
            doubled = counts.get(k + "2", 0)
            expected = counts[k] - doubled
            totals[k]["documents"] += 1
            totals[k]["parsed"] += parsed[k]
            totals[k]["counted"] += counts[k]
            totals[k]["doubled"] += doubled
            totals[k]["agree_raw"] += parsed[k] == counts[k]
            if doubled:
                doubled_docs.append(f"{path.stem} Schedule {k}: {doubled} code(s) printed twice")
            if parsed[k] == expected:
                totals[k]["agree"] += 1
            else:
                disagreements.append(f"{path.stem} Schedule {k}: parser {parsed[k]}, independent count {expected}"
                                     + (f" ({counts[k]} codes, {doubled} doubled)" if doubled else ""))

    say()
    say("1. Coverage")
    say(f"  {dict(status)}  (parse time {parse_seconds:.1f} s)")
    for (ftype, st), n in sorted(status_by_type.items()):
        say(f"  FilingType {ftype or '?'} {st}: {n}")
    say()
    say("2. Independent counts (pdfplumber text, schedule regions; not the parser)")
    for k, what in (("A", "asset type codes"), ("B", "asset type codes"), ("D", "amounts")):
        t = totals[k]
        say(f"  Schedule {k} ({what}): {t['agree']}/{t['documents']} documents agree "
            f"({t['agree_raw']} before counting doubled codes once); rows parsed {t['parsed']}, "
            f"counted {t['counted']}" + (f" of which {t['doubled']} doubled codes" if t["doubled"] else ""))
    say(f"  documents with a code printed twice in a row: {len(doubled_docs)}")
    for d in doubled_docs:
        say(f"    {d}")
    say(f"  disagreements: {len(disagreements)}")
    for d in disagreements:
        say(f"    {d}")
    say()
    say("3. Pelosi 10066169 (by eye: 63 Schedule A rows, 59 dollar bands, 4 None/Undetermined, 9 liabilities)")
    if pelosi is not None:
        bands = sum(1 for x in pelosi.records if x["value_category"] == "band")
        other = Counter(x["value_category"] for x in pelosi.records if x["value_category"] != "band")
        say(f"  parser: {len(pelosi.records)} rows, {bands} dollar bands, {dict(other)}, "
            f"{len(pelosi.extra['raw_house__liabilities'])} liabilities")
    say()
    say("Parse notes by level:code")
    for k, v in notes.most_common():
        say(f"  {v:5d} {k}")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "accuracy_annual.txt").write_text("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
