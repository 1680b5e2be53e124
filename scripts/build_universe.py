"""Build the shipped defense-contractor universe from ../shared/data/contractors.

    .venv/bin/python scripts/build_universe.py [--shared ../shared/data]

Reads defense_ticker_universe.csv (one row per listed ticker with every list appearance),
the complete SIPRI Top 100 editions (for name aliases), and the S&P 500 symbol-change file
(former tickers of the same SEC registrant, with dates), plus the hand-kept
src/warstock/data/universe/overrides.csv (acquired registrants whose tickers do not chain by
CIK, each with a citation). Writes issuers.csv, tickers.csv, aliases.csv, memberships.csv and
editions.csv beside it. The output is committed; re-run this when the lists change.
"""

from __future__ import annotations

import argparse
import csv
import re
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "warstock" / "data" / "universe"

# Each list family in the appearances column becomes one universe edition.
FAMILIES = {
    "SIPRI": ("sipri-top100-{ed}", "SIPRI Top 100 arms-producing and military services "
              "companies, {ed} edition (calendar-year arms revenue)"),
    "DefenseNews": ("defensenews-top100-{ed}", "Defense News Top 100, {ed} edition (fragments)"),
    "DoD-SpendingByState": ("dod-top-recipients-{ed}", "DoD Defense Spending by State report, "
                            "top contractors, {ed}"),
    "GSA-TCR": ("gsa-top100-{ed}", "GSA FPDS Top 100 Contractors Report, {ed} (ranks 1-5)"),
    "FI-DSM": ("fi-dsm-top100", "Forecast International / Defense & Security Monitor Top 100 "
               "DoD prime contractors (mentions only; the full list is gated)"),
}
DEFAULT = "warstock-defense-2025.1"


# Former names that now name another company: a name carries no dates, so it cannot be an alias.
NOT_ALIASES = {"Alcoa Inc": "Alcoa Inc became Howmet in 2020; Alcoa Corp (AA), spun off in 2016, is another company"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    args = ap.parse_args()
    shared = Path(args.shared)
    contractors = shared / "contractors"

    universe = read_csv(contractors / "defense_ticker_universe.csv")
    sipri = read_csv(contractors / "sipri_top100_2022_2024_full.csv")
    changes = read_csv(shared / "reference" / "sp500" / "symbol_changes_by_cik.csv")
    overrides = read_csv(OUT / "overrides.csv")

    issuers, tickers, aliases, memberships = [], [], [], []
    editions: dict[str, str] = {}
    by_cik: dict[str, str] = {}
    for row in universe:
        ticker = row["ticker"]
        issuer_id = ticker.lower()
        cik = row["sec_cik"].lstrip("0")
        by_cik[cik] = issuer_id
        names = [n.strip() for n in row["names_in_lists"].split("|") if n.strip()]
        issuers.append({"issuer_id": issuer_id, "name": names[0] if names else row["sec_title"],
                        "sec_cik": cik, "sec_title": row["sec_title"]})
        tickers.append({"issuer_id": issuer_id, "ticker": ticker, "valid_from": "",
                        "valid_to": "", "source": "SEC company_tickers_exchange.json (Aug 2025)"})
        for alias in {row["sec_title"], *names}:
            aliases.append({"issuer_id": issuer_id, "alias": alias, "source": "list name / SEC title"})
        seen = set()
        for app in row["appearances"].split(";"):
            app = app.strip()
            if not app:
                continue
            label, _, rank = app.rpartition(" #")
            family, _, edition = label.partition(" ")
            if family not in FAMILIES:
                continue
            uid_t, title_t = FAMILIES[family]
            if family == "FI-DSM":
                uid, title = uid_t, title_t
            else:
                uid, title = uid_t.format(ed=slug(edition)), title_t.format(ed=edition)
            editions[uid] = title
            if (uid, issuer_id) in seen:
                continue
            seen.add((uid, issuer_id))
            memberships.append({"universe_id": uid, "issuer_id": issuer_id, "rank": rank.strip("?"),
                                "source": app})
            memberships.append({"universe_id": DEFAULT, "issuer_id": issuer_id, "rank": "",
                                "source": app})
    for r in sipri:
        if r["ticker"] and r["ticker"].lower() in {i["issuer_id"] for i in issuers}:
            aliases.append({"issuer_id": r["ticker"].lower(), "alias": r["company"],
                            "source": f"SIPRI Top 100 {r['edition'][:4]}"})

    current = {t["ticker"]: t["issuer_id"] for t in tickers}
    # Former tickers of the same registrant (CIK unchanged), valid until the next symbol took over.
    by_cik_changes: dict[str, list[dict[str, str]]] = {}
    for r in changes:
        by_cik_changes.setdefault(r["cik"].lstrip("0"), []).append(r)
    for cik, rows in by_cik_changes.items():
        if cik not in by_cik:
            continue
        rows.sort(key=lambda r: r["created_at"])
        for cur, nxt in zip(rows, rows[1:], strict=False):
            if cur["symbol"] == nxt["symbol"]:
                continue
            if cur["symbol"] in current and current[cur["symbol"]] != by_cik[cik]:
                # e.g. SAIC: Leidos' ticker until 2013, now Science Applications International
                # (another registrant, also in the universe). The dataset's dates for the
                # switch are unreliable, so the current holder keeps the ticker.
                print(f"skipped former ticker {cur['symbol']} of {by_cik[cik]}: "
                      f"now {current[cur['symbol']]}'s ticker")
                continue
            until = date.fromisoformat(nxt["created_at"]) - timedelta(days=1)
            tickers.append({"issuer_id": by_cik[cik], "ticker": cur["symbol"],
                            "valid_from": cur["created_at"], "valid_to": until.isoformat(),
                            "source": f"S&P 500 symbol changes, CIK {cik}: {cur['name']}"})
            if cur["name"] in NOT_ALIASES:
                print(f"skipped former name {cur['name']!r}: {NOT_ALIASES[cur['name']]}")
                continue
            aliases.append({"issuer_id": by_cik[cik], "alias": cur["name"],
                            "source": f"former name (S&P 500 list), CIK {cik}"})
    for o in overrides:
        tickers.append({"issuer_id": o["issuer_id"], "ticker": o["ticker"],
                        "valid_from": o["valid_from"], "valid_to": o["valid_to"],
                        "source": o["source"]})
        if o["alias"]:
            aliases.append({"issuer_id": o["issuer_id"], "alias": o["alias"], "source": o["source"]})

    editions[DEFAULT] = ("warstock default: every listed company in any defense-contractor list "
                         "in shared/data/contractors (SIPRI Top 100 2022-2024, Defense News Top 100 "
                         "fragments, DoD top recipients FY2020-23, GSA FPDS FY2022 top 5, "
                         "Forecast International mentions)")
    write("issuers.csv", issuers)
    write("tickers.csv", tickers)
    uniq = {(a["issuer_id"], a["alias"].strip()): a for a in aliases if a["alias"].strip()}
    write("aliases.csv", sorted(uniq.values(), key=lambda a: (a["issuer_id"], a["alias"])))
    write("memberships.csv", memberships)
    write("editions.csv", [{"universe_id": k, "title": v} for k, v in sorted(editions.items())])
    print(f"{len(issuers)} issuers, {len(tickers)} tickers, {len(uniq)} aliases, "
          f"{len(memberships)} memberships, {len(editions)} editions -> {OUT}")


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write(name: str, rows: list[dict[str, str]]) -> None:
    with open(OUT / name, "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
