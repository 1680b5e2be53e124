"""Reproduce the Quincy Institute's 2024 figures with warstock, side by side, and say why they differ.

    .venv/bin/python benchmarks/reproduce_quincy_2024.py --home /tmp/import-home [--import-peers]
                     [--shared ../shared/data] [--out benchmarks/results]

What Quincy reported for calendar 2024 (Defense & Security Monitor / Forecast International
"Top 100 defense contractors", ranked by DoD obligations; the list is gated and not in
../shared/data): at least 37 members traded between $24M and $113M of its companies' stock;
Rep. Gottheimer alone $22M-$104.4M (including Microsoft, Northrop Grumman and IBM); Rep.
Pelosi up to $5M; eight of the members sat on Armed Services or Foreign Affairs.

warstock's side: the warehouse at --home (a copy of a full build: every document in
../shared/data, OCR done) plus the peer files of ../shared/data/peers imported with
`warstock import` (--import-peers does it first; importing twice adds nothing). Trades of
calendar 2024 by transaction date, stock and options (ST, OP), every universe edition that is
closest to Quincy's list, each shown: nothing is added to a universe to match a figure, nothing
is tuned. Money is the sum of band lows and of band highs; open-ended bands ("Over $50,000,000",
"Spouse/DC Over $1,000,000") add their low to both sums and are counted apart; bands not read
(OCR, or cut short in an import) add nothing and are counted apart.

Output goes to stdout and to <out>/reproduce_quincy_2024.txt.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

from warstock.amounts import fmt_range, fmt_usd
from warstock.analysis.defense import DefenseReport, defense_trading, universes
from warstock.archive import Archive
from warstock.settings import default_shared_data, get_settings
from warstock.warehouse import db

YEAR = 2024
GOTTHEIMER, PELOSI = "G000583", "P000197"
ARMED_SERVICES_OR_FOREIGN = ("HSAS", "SSAS", "HSFA", "SSFR")
QUINCY = {
    "members": "at least 37",
    "total": "$24M – $113M",
    "gottheimer": "$22M – $104.4M (incl. MSFT, NOC, IBM)",
    "pelosi": "up to $5M",
    "committee": "8",
}
# closest editions first: Forecast International / DSM mentions (Quincy's list, 5 companies
# named in public), DoD's own top recipients, then the widest and an arms-makers-only edition
PREFERRED = ["fi-dsm-top100", "dod-top-recipients-fy2023", "dod-top-recipients-fy2022", "dod-top-recipients-fy2021",
             "warstock-defense-2025.1", "sipri-top100-2024"]


def import_peers(home: Path, shared: Path) -> list[str]:
    from warstock.stages.imports import import_files

    settings = get_settings(home)
    peers = shared / "peers"
    out = []
    with closing(db.connect(settings.db_path)) as con:
        for fmt, files in (("congress-trading-signal", sorted(peers.glob("congress-trading-signal/*/*/*.csv"))),
                           ("house-stock-watcher", sorted(peers.glob("house-stock-watcher/*.json")))):
            s = import_files(Archive(settings.archive_dir), con, fmt, files)
            out.append(f"import {fmt}: {len(s.imported)} imported, {len(s.unchanged)} unchanged, "
                       f"{len(s.failed)} failed {s.failed or ''}")
    return out


def member(rep: DefenseReport, bioguide: str) -> dict[str, Any] | None:
    return next((m for m in rep.members if m["member_id_bioguide"] == bioguide), None)


def money(row: dict[str, Any] | None) -> str:
    if not row:
        return "no trade"
    return fmt_range(row["amount_min_usd"], row["amount_max_usd"], row.get("open_ended_bands") or 0,
                     row.get("unread_amounts") or 0)


def on_committees(con: Any, bioguides: list[str], year: int = YEAR) -> list[str]:
    """Members who held an Armed Services or Foreign Affairs/Relations seat at any time in the year."""
    if not bioguides:
        return []
    marks = ", ".join("?" for _ in bioguides)
    codes = ", ".join("?" for _ in ARMED_SERVICES_OR_FOREIGN)
    return [r[0] for r in con.execute(f"""
        SELECT DISTINCT member_id_bioguide FROM core_congress__committee_seats
        WHERE member_id_bioguide IN ({marks}) AND committee_code IN ({codes})
          AND valid_from <= DATE '{year}-12-31' AND (ends_before IS NULL OR ends_before > DATE '{year}-01-01')
        ORDER BY 1""", [*bioguides, *ARMED_SERVICES_OR_FOREIGN]).fetchall()]


def filing_date_basis(con: Any, universe: str, year: int = YEAR) -> dict[str, Any]:
    """The same question by the date the trade was first disclosed instead of the date it was
    made. Same arithmetic as the report: open-ended bands add their low to both sums and are
    counted apart; bands not read add nothing and are counted apart."""
    r = con.execute("""
        SELECT count(DISTINCT member_id_bioguide), count(*), sum(amount_min_usd),
               sum(coalesce(amount_max_usd, amount_min_usd)),
               count(*) FILTER (WHERE amount_min_usd IS NOT NULL AND amount_max_usd IS NULL),
               count(*) FILTER (WHERE amount_min_usd IS NULL)
        FROM out_universe__trades
        WHERE universe_id = ? AND asset_type_code IN ('ST', 'OP') AND year(coalesce(first_reported_date,
              filing_date)) = ?""", [universe, year]).fetchone()
    return {"members": r[0], "trades": r[1], "amount_min_usd": r[2], "amount_max_usd": r[3], "open_ended_bands": r[4],
            "unread_amounts": r[5]}


def ibm_trades(con: Any, bioguide: str) -> dict[str, Any]:
    r = con.execute("""
        SELECT count(*), coalesce(sum(amount_min_usd), 0), coalesce(sum(coalesce(amount_max_usd, amount_min_usd)), 0),
               string_agg(DISTINCT origin || ' asset type ' || coalesce(asset_type_code, 'not given'), ', ')
        FROM core_transactions WHERE member_id_bioguide = ? AND is_current AND upper(ticker) = 'IBM'
          AND year(transaction_date) = ?""", [bioguide, YEAR]).fetchone()
    return {"trades": r[0], "amount_min_usd": r[1], "amount_max_usd": r[2], "origins": r[3]}


def import_caveats(con: Any) -> list[str]:
    """Imported 2024 rows of a default-universe company that the stock filter cannot count (the
    peer gives no asset type), and imported rows that repeat a document row of another filing
    (an amendment the peer carries as a separate filing): measured, not corrected."""
    untyped = con.execute("""
        SELECT count(*), coalesce(sum(amount_min_usd), 0), coalesce(sum(coalesce(amount_max_usd, amount_min_usd)), 0)
        FROM core_transactions WHERE origin <> 'document' AND is_current AND issuer_id IS NOT NULL
          AND asset_type_code IS NULL AND year(transaction_date) = ?""", [YEAR]).fetchone()
    repeats = con.execute("""
        SELECT count(*), coalesce(sum(i.amount_min_usd), 0),
               coalesce(sum(coalesce(i.amount_max_usd, i.amount_min_usd)), 0)
        FROM core_transactions i JOIN core_transactions d
          ON d.origin = 'document' AND d.is_current AND i.origin <> 'document' AND d.doc_id <> i.doc_id
         AND d.member_id_bioguide = i.member_id_bioguide AND d.transaction_date = i.transaction_date
         AND d.owner IS NOT DISTINCT FROM i.owner AND upper(d.ticker) = upper(i.ticker)
         AND d.transaction_type = i.transaction_type AND d.amount_min_usd = i.amount_min_usd
        WHERE i.issuer_id IS NOT NULL AND i.asset_type_code IN ('ST', 'OP') AND year(i.transaction_date) = ?""",
        [YEAR]).fetchone()
    return [f"Imported {YEAR} rows of a matched company with no asset type from the peer (not counted as stock): "
            f"{untyped[0]} rows, {fmt_usd(untyped[1])} – {fmt_usd(untyped[2])}",
            f"Imported {YEAR} stock rows that repeat a document row of another filing (same member, date, owner, "
            f"ticker, type, band; possibly an amendment; counted, not removed): {repeats[0]} rows, "
            f"{fmt_usd(repeats[1])} – {fmt_usd(repeats[2])}"]


def gaps(con: Any) -> list[str]:
    """The House PTRs the Clerk lists for 2024 and 2025 (calendar-2024 trades are filed in both):
    read by warstock, carried by a counted import, or neither."""
    out = []
    for year in (YEAR, YEAR + 1):
        r = con.execute("""
            WITH listed AS (SELECT DISTINCT doc_id FROM raw_house__index WHERE filing_type = 'P' AND year = ?),
            read AS (SELECT DISTINCT doc_id FROM out_coverage__house WHERE status IN ('parsed', 'parsed_with_notes',
                     'ocr', 'ocr_with_review')),
            imported AS (SELECT DISTINCT doc_id FROM core_import__rows WHERE chamber = 'house'
                         AND import_status = 'counted')
            SELECT count(*), count(*) FILTER (WHERE doc_id IN (SELECT doc_id FROM read)),
                   count(*) FILTER (WHERE doc_id IN (SELECT doc_id FROM imported)),
                   count(*) FILTER (WHERE doc_id NOT IN (SELECT doc_id FROM read)
                                    AND doc_id NOT IN (SELECT doc_id FROM imported))
            FROM listed""", [year]).fetchone()
        out.append(f"House index {year}: {r[0]} PTRs listed; {r[1]} read by warstock (text or OCR); "
                   f"{r[2]} carried by a counted import; {r[3]} in neither")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--home", type=Path, required=True, help="warehouse home (a copy of a full build)")
    ap.add_argument("--shared", type=Path, default=default_shared_data())
    ap.add_argument("--import-peers", action="store_true", help="import ../shared/data/peers first")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results")
    args = ap.parse_args()
    lines: list[str] = []

    def say(text: str = "") -> None:
        lines.append(text)
        print(text)

    if args.import_peers:
        if args.shared is None:
            print("../shared/data not found: pass --shared", file=sys.stderr)
            return 2
        for line in import_peers(args.home, args.shared):
            say(line)
    with closing(db.connect(get_settings(args.home).db_path, read_only=True)) as con:
        known = {u["universe_id"]: u for u in universes(con)}
        chosen = [u for u in PREFERRED if u in known]
        chosen += sorted(u for u in known if u.startswith("dod-") and u not in chosen)  # editions added later
        say(f"Quincy Institute, calendar {YEAR}, beside warstock (transaction date in {YEAR}; stock and options).")
        say("Imports: " + "; ".join(f"{r[0]}: {r[1]} rows counted" for r in con.execute(
            "SELECT format, count(*) FROM core_import__rows WHERE import_status = 'counted' GROUP BY 1 ORDER BY 1")
            .fetchall()))
        for line in gaps(con) + import_caveats(con):
            say(line)
        say()
        for u in chosen:
            rep = defense_trading(con, YEAR, u)
            t = rep.totals
            companies = {r[0] for r in con.execute("SELECT DISTINCT issuer_id FROM core_universe__memberships "
                                                   "WHERE universe_id = ?", [u]).fetchall()}
            resolved = [m["member_id_bioguide"] for m in rep.members if m["member_id_bioguide"]]
            unresolved = len(rep.members) - len(resolved)
            g, p = member(rep, GOTTHEIMER), member(rep, PELOSI)
            seated = on_committees(con, resolved)
            fd = filing_date_basis(con, u)
            named = ", ".join(f"{c.upper()} {'in' if c in companies else 'not in'}" for c in ("msft", "noc", "ibm"))
            say(f"== {u}: {known[u]['title']} ({len(companies)} companies; {named})")
            say(f"{'figure':<34} {'Quincy':<36} warstock")
            say(f"{'members who traded':<34} {QUINCY['members']:<36} {len(resolved)} members"
                + (f" (+{unresolved} filers not resolved)" if unresolved else ""))
            say(f"{'total traded':<34} {QUINCY['total']:<36} {money(t)}"
                + (f"; {t['trades']} trades" if t.get('trades') else ""))
            say(f"{'Gottheimer':<34} {QUINCY['gottheimer']:<36} {money(g)}"
                + (f" ({g['trades']} trades: {g['companies']}; {g['imported_trades']} imported)" if g else ""))
            say(f"{'Pelosi':<34} {QUINCY['pelosi']:<36} {money(p)}"
                + (f" ({p['trades']} trades: {p['companies']}; {p['imported_trades']} imported)" if p else ""))
            say(f"{'on Armed Services/Foreign Affairs':<34} {QUINCY['committee']:<36} {len(seated)} members "
                f"({', '.join(seated)})")
            for o in rep.origins:
                cut = f", {o['truncated_bands']} bands cut short (not read)" if o["truncated_bands"] else ""
                say(f"   of which {o['origin']:<31}: {o['trades']} trades, {money(o)}, {o['members']} filers, "
                    f"{o['filings']} filings{cut}")
            say(f"   by filing date in {YEAR} instead : {fd['members']} members, {fd['trades']} trades, "
                f"{money(fd)}")
            say()
        named = con.execute("""
            SELECT count(*), sum(amount_min_usd), sum(coalesce(amount_max_usd, amount_min_usd)),
                   string_agg(DISTINCT upper(ticker), ', ' ORDER BY upper(ticker)), string_agg(DISTINCT origin, ', ')
            FROM core_transactions
            WHERE member_id_bioguide = ? AND is_current AND upper(ticker) IN ('MSFT', 'NOC', 'IBM')
              AND year(transaction_date) = ? AND year(first_reported_date) = ?""", [GOTTHEIMER, YEAR, YEAR]).fetchone()
        say(f"Gottheimer, the three companies Quincy names (MSFT, NOC, IBM), traded and disclosed in {YEAR}: "
            f"{named[0]} trades ({named[3]}), {fmt_usd(named[1])} – {fmt_usd(named[2])} ({named[4]})")
        ibm = ibm_trades(con, GOTTHEIMER)
        say(f"Gottheimer's IBM trades in {YEAR} (IBM is in no edition warstock has): {ibm['trades']} trades, "
            f"{fmt_usd(ibm['amount_min_usd'])} – {fmt_usd(ibm['amount_max_usd'])} ({ibm['origins'] or '-'})")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "reproduce_quincy_2024.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
