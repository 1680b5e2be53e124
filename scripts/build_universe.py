"""Build the shipped defense-contractor universe from ../shared/data/contractors.

    .venv/bin/python scripts/build_universe.py [--shared ../shared/data]

Reads:
- contractors/defense_ticker_universe.csv: one row per US-listed ticker with its SEC CIK and
  every list appearance (issuers, current tickers, and the default edition's membership);
- contractors/contractors_all_normalized.csv: every list row of every source (one membership row
  each, ranked, with its amount and the row it came from);
- reference/sp500/symbol_changes_by_cik.csv: former tickers of the same SEC registrant, dated;
- the hand-kept files beside the output: overrides.csv (acquired registrants whose tickers do not
  chain by CIK, each with a citation), listings.csv (list names printed without a ticker that
  the SEC file lists, e.g. IBM) and subsidiaries.csv (read by warstock directly).

Writes issuers.csv, tickers.csv, aliases.csv, memberships.csv and editions.csv beside them. The
output is committed; re-run this when the lists change. A list row names a company by ticker
when it prints one, else by its name against the aliases gathered so far; a company no alias
knows becomes an issuer of its own without a ticker (a foreign or private company: it can be in
an edition, but no trade matches it by ticker).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from warstock.resolve.issuers import norm_name  # noqa: E402

OUT = ROOT / "src" / "warstock" / "data" / "universe"
DEFAULT = "warstock-defense-2025.1"
LIST_FILE = "contractors_all_normalized.csv"

# The default edition's families in defense_ticker_universe.csv's appearance labels.
FAMILIES = {"SIPRI", "DefenseNews", "DoD-SpendingByState", "GSA-TCR", "FI-DSM"}

# Former names that now name another company: a name carries no dates, so it cannot be an alias.
NOT_ALIASES = {"Alcoa Inc": "Alcoa Inc became Howmet in 2020; Alcoa Corp (AA), spun off in 2016, is another company"}

SIPRI_URL = "https://www.sipri.org/databases/armsindustry"
DN_URL = "https://people.defensenews.com/top-100/"
DOD_SBS_URL = "https://oldcc.gov/defense-spending-state-fiscal-year"
FI_URL = "https://www.forecastinternational.com/whitepaper.cfm?wpid=68"

# (source, edition) in the list file -> the editions its rows belong to.
# Each edition: id, title, family, source, url, source_date, retrieved, basis, period,
# ranked_by, completeness, list_size, note.
EDITIONS: list[dict[str, str]] = []
ROUTES: dict[tuple[str, str], list[str]] = {}


def edition(uid: str, title: str, family: str, source: str, url: str, source_date: str, retrieved: str,
            basis: str, period: str, ranked_by: str, completeness: str, list_size: str, note: str,
            rows: list[tuple[str, str]] = ()) -> None:  # type: ignore[assignment]
    EDITIONS.append({"universe_id": uid, "title": title, "family": family, "source": source, "source_url": url,
                     "source_date": source_date, "retrieved": retrieved, "basis": basis, "period": period,
                     "ranked_by": ranked_by, "completeness": completeness, "list_size": list_size, "note": note})
    for key in rows:
        ROUTES.setdefault(key, []).append(uid)


SIPRI = "SIPRI Top 100 arms-producing and military services companies"
for y, retrieved in (("2024", "2025-12"), ("2023", "2024-12"), ("2022", "2024-12")):
    edition(f"sipri-top100-{y}", f"SIPRI Top 100 arms-producing and military services companies, {y} "
            "(calendar-year arms revenue)", "sipri", "SIPRI Arms Industry Database (xlsx)", SIPRI_URL,
            f"{int(y) + 1}-12", retrieved, "calendar", y, "arms_revenue", "complete", "100",
            "all 100 ranks; companies without a US listing are members without a ticker",
            [(SIPRI, f"{y} (calendar-year {y} arms revenue)")])
edition("sipri-top100-2021", "SIPRI Top 100, 2021 (fragment: 5 rows from secondary articles)", "sipri",
        "SIPRI Top 100 2021 as quoted in secondary articles", SIPRI_URL, "2022-12", "2025", "calendar", "2021",
        "arms_revenue", "fragment", "100", "only the rows the articles named",
        [("SIPRI Top 100", "2021 (arms revenue 2021; published Dec 2022)")])
DN = "Defense News Top 100"
for ed, fy, src_date, note in (
        ("2023", "FY2022", "2023-08", "ranks 1-25 (Visual Capitalist table of Defense News data) and a few others "
         "(47, 54, 55, 58, 65, 80, 100)"),
        ("2024", "FY2023", "2024-08", "only five Turkish companies (edition inferred from a Turkish article)"),
        ("2025", "FY2024", "2025-08", "ranks 1-10 and a few others (38, 40, 43, 47, 70, 71, 78, 80, 93)")):
    label = {"2023": "2023 (FY2022 defense revenue)", "2024": "2024 (FY2023 defense revenue) [edition inferred]",
             "2025": "2025 (FY2024 defense revenue)"}[ed]
    edition(f"defensenews-top100-{ed}", f"Defense News Top 100, {ed} edition ({fy} defense revenue; fragments)",
            "defensenews", "Defense News Top 100 (as quoted by secondary articles; the full list is on "
            "people.defensenews.com)", DN_URL, src_date, "2025", "fiscal", fy, "defense_revenue", "fragment", "100",
            note, [(DN, label)])
SBS = "DoD Defense Spending by State (top contract recipients)"
for fy in ("FY2020", "FY2021", "FY2022", "FY2023"):
    edition(f"dod-top-recipients-{fy.lower()}", f"DoD Defense Spending by State report, top 10 contract "
            f"recipients, {fy}", "dod-prime", "DoD Office of Local Defense Community Cooperation, Defense "
            "Spending by State (national top contractors), as reported by the press", DOD_SBS_URL, "",
            "2025", "fiscal", fy, "dod_obligations", "complete", "10",
            "the report's top 10 by DoD contract obligations"
            + ("; ranks 4-10 not stated" if fy == "FY2023" else "")
            + "; not the top 100: `warstock universe fetch` builds that from USAspending",
            [(SBS, fy)])
GSA = "GSA FPDS Top 100 Contractors Report (all federal agencies)"
edition("gsa-top100-fy2022", "GSA FPDS Top 100 Contractors Report, FY2022 (all agencies; ranks 1-5)", "gsa",
        "GSA FPDS Top 100 Contractors Report, as reported by The Hill", "https://www.fpds.gov/", "2023-07", "2025",
        "fiscal", "FY2022", "federal_obligations", "fragment", "100", "ranks 1-5 only (the article stops at #5)",
        [(GSA, "FY2022")])
FI = "Forecast International / Defense & Security Monitor Top 100"
FI_24 = (FI, "FY2024 (DoD prime contract awards)")
FI_23 = (FI, "FY2023 (DoD prime contract awards)")
FI_Q = (FI, "edition used by Quincy for 2024 trades (likely FY2023 list; not stated)")
edition("fi-dsm-top100-fy2024", "Forecast International / Defense & Security Monitor Top 100 DoD prime "
        "contractors, FY2024 (mentions in the teaser)", "fi-dsm", "Forecast International whitepaper (gated PDF; "
        "teaser text read)", FI_URL, "2025", "2025", "fiscal", "FY2024", "dod_obligations", "fragment", "100",
        "only the companies the teaser names as in the top 100", [FI_24])
edition("fi-dsm-top100-fy2023", "Forecast International / Defense & Security Monitor Top 100 DoD prime "
        "contractors, FY2023 (mentions)", "fi-dsm", "Forecast International whitepaper (gated PDF; teaser text "
        "read)", "https://www.forecastinternational.com/whitepaper.cfm?wpid=57", "2024", "2025", "fiscal", "FY2023",
        "dod_obligations", "fragment", "100", "SpaceX's FY2023 rank, implied by the FY2024 teaser", [FI_23])
edition("fi-dsm-top100-quincy-2024", "Defense & Security Monitor Top 100 DoD contractors as used by the Quincy "
        "Institute for 2024 trades (companies named in its report)", "fi-dsm", "Quincy Institute report on "
        "2024 congressional defense-stock trading (names index constituents; the list itself is gated)",
        "https://quincyinst.org/", "2025", "2025", "fiscal", "FY2023?", "dod_obligations", "fragment", "100",
        "the edition is not stated (likely FY2023); only Microsoft, Northrop Grumman and IBM are named",
        [FI_Q])
edition("fi-dsm-top100", "Forecast International / Defense & Security Monitor Top 100 DoD prime contractors "
        "(every mention, FY2023, FY2024 and Quincy's edition together; the full list is gated)", "fi-dsm",
        "Forecast International whitepapers (teasers) and the Quincy Institute report", FI_URL, "2025", "2025",
        "fiscal", "FY2023-FY2024", "dod_obligations", "fragment", "100",
        "kept for earlier reports; the per-year editions say which year", [FI_24, FI_23, FI_Q])
edition("dod-any-contractor", "Any DoD contractor (the Stop Politicians Profiting from War Act's definition): "
        "a FLOOR, the companies shipped sources show holding DoD prime contracts", "dod-any",
        "DoD Defense Spending by State FY2020-FY2023 top 10s; Forecast International FY2023-FY2024 mentions "
        "(including Anduril and Palantir, just below the top 100); Quincy's named constituents",
        "https://api.usaspending.gov/", "", "2025", "fiscal", "FY2020-FY2024", "dod_obligations", "floor", "",
        "the true list is every recipient of a DoD contract obligation (tens of thousands): "
        "`warstock universe fetch --fy 2024` builds it from USAspending; this floor is what can be sourced offline",
        [(SBS, "FY2020"), (SBS, "FY2021"), (SBS, "FY2022"), (SBS, "FY2023"), FI_24, FI_23, FI_Q])
edition(DEFAULT, "warstock default: every US-listed company in any defense-contractor list in "
        "shared/data/contractors (SIPRI Top 100 2022-2024, Defense News Top 100 fragments, DoD top recipients "
        "FY2020-23, GSA FPDS FY2022 top 5, Forecast International mentions)", "warstock",
        "the lists in shared/data/contractors (see each membership row)", "", "2025-08", "2025", "mixed",
        "2020-2025", "", "complete", "", "frozen: its membership is this version's and does not change when "
        "the lists do (a new list makes a new version)")

SUFFIX_WORDS = {"spa", "s", "p", "ag", "se", "asa", "ab", "oyj", "gmbh", "kk", "pjsc", "jsc", "nv", "bv",
                "plc", "sa", "ltd", "corp", "co"}


def key(name: str) -> str:
    """A name's comparison key: parentheses dropped, legal suffixes off, as warstock compares names."""
    n = re.sub(r"\(.*?\)|\[.*?\]", " ", name).replace(".", "")
    words = norm_name(n).split()
    while len(words) > 1 and words[-1] in SUFFIX_WORDS:
        words.pop()
    return " ".join(words)


def name_keys(name: str) -> list[str]:
    """The name's key, then its parenthesised short names ("Turkish Aerospace (TUSAŞ/TAI)")."""
    inner = [p.strip() for m in re.findall(r"\((.*?)\)", name) if not m.lower().startswith("formerly")
             for p in m.split("/")]
    return [k for k in [key(name), *(key(p) for p in inner)] if k]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--out", default=str(OUT), help="where to write (default: the package data; the hand-kept "
                    "inputs are always read from there)")
    args = ap.parse_args()
    shared, out = Path(args.shared), Path(args.out)
    contractors = shared / "contractors"

    universe = read_csv(contractors / "defense_ticker_universe.csv")
    lists = read_csv(contractors / LIST_FILE)
    sipri = read_csv(contractors / "sipri_top100_2022_2024_full.csv")
    changes = read_csv(shared / "reference" / "sp500" / "symbol_changes_by_cik.csv")
    overrides = read_csv(OUT / "overrides.csv")
    listings = read_csv(OUT / "listings.csv")
    variants = read_csv(OUT / "name_variants.csv")

    issuers: dict[str, dict[str, str]] = {}
    tickers, aliases, memberships = [], [], []
    by_cik: dict[str, str] = {}
    for row in universe:
        ticker = row["ticker"]
        issuer_id = ticker.lower()
        cik = row["sec_cik"].lstrip("0")
        by_cik[cik] = issuer_id
        names = [n.strip() for n in row["names_in_lists"].split("|") if n.strip()]
        issuers[issuer_id] = {"issuer_id": issuer_id, "name": names[0] if names else row["sec_title"],
                              "sec_cik": cik, "sec_title": row["sec_title"], "country": ""}
        tickers.append({"issuer_id": issuer_id, "ticker": ticker, "valid_from": "",
                        "valid_to": "", "source": "SEC company_tickers_exchange.json (Aug 2025)"})
        for alias in {row["sec_title"], *names}:
            aliases.append({"issuer_id": issuer_id, "alias": alias, "source": "list name / SEC title"})
        # the default edition: every listed company with an appearance in any list family
        seen = set()
        for app in row["appearances"].split(";"):
            app = app.strip()
            label = app.rpartition(" #")[0]
            if app and label.partition(" ")[0] in FAMILIES and issuer_id not in seen:
                seen.add(issuer_id)
                memberships.append({"universe_id": DEFAULT, "issuer_id": issuer_id, "rank": "", "source": app,
                                    "name_in_source": names[0] if names else "", "amount_usd_m": "",
                                    "amount_kind": "", "source_row": "defense_ticker_universe.csv: " + row["ticker"]})
    for lst in listings:
        issuer_id = lst["ticker"].lower()
        issuers[issuer_id] = {"issuer_id": issuer_id, "name": lst["name_in_list"], "sec_cik": lst["sec_cik"],
                              "sec_title": lst["sec_title"], "country": "United States"}
        tickers.append({"issuer_id": issuer_id, "ticker": lst["ticker"], "valid_from": "", "valid_to": "",
                        "source": lst["source"]})
        for alias in {lst["name_in_list"], lst["sec_title"]}:
            aliases.append({"issuer_id": issuer_id, "alias": alias, "source": lst["source"]})
    for r in sipri:
        if r["ticker"] and r["ticker"].lower() in issuers:
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

    # Every list row: one membership row per edition it belongs to.
    names = {key(a["alias"]): a["issuer_id"] for a in aliases}
    names.update({key(i["name"]): i["issuer_id"] for i in issuers.values()})
    ticker_ids = {t["ticker"]: t["issuer_id"] for t in tickers if not t["valid_to"]}
    same_as = {key(v["name"]): key(v["same_as"]) for v in variants}
    unrouted = set()
    listed: set[tuple[str, str, str, str]] = set()
    for line, row in enumerate(lists, start=2):
        route = ROUTES.get((row["source"], row["edition"]))
        if route is None:
            unrouted.add((row["source"], row["edition"]))
            continue
        issuer_id = ticker_ids.get(row["ticker"]) if row["ticker"] else None
        keys = name_keys(row["company"])
        keys += [same_as[k] for k in keys if k in same_as]
        issuer_id = issuer_id or next((names[k] for k in keys if k in names), None)
        if issuer_id is None:  # a company without a US listing: an issuer of its own, no ticker
            issuer_id = slug(keys[0] or row["company"])
            issuers.setdefault(issuer_id, {"issuer_id": issuer_id, "name": re.sub(r"\s*\(.*?\)", "", row["company"]),
                                           "sec_cik": "", "sec_title": "", "country": row["country"]})
        for k in keys:
            names.setdefault(k, issuer_id)
        if not issuers[issuer_id]["country"] and row["country"]:
            issuers[issuer_id]["country"] = row["country"]
        aliases.append({"issuer_id": issuer_id, "alias": re.sub(r"\s*\(.*?\)", "", row["company"]).strip(),
                        "source": f"{row['source']} {row['edition']}"})
        outside = "NOT in top 100" in row["notes"]
        for uid in route:
            if outside and "top100" in uid:
                continue  # "just south of the top 100": a DoD contractor, not a top-100 member
            if (uid, issuer_id, row["rank"], row["company"]) in listed:
                continue  # the same list row compiled twice (an earlier file and a later one)
            listed.add((uid, issuer_id, row["rank"], row["company"]))
            memberships.append({
                "universe_id": uid, "issuer_id": issuer_id, "rank": row["rank"],
                "source": f"{row['source']} {row['edition']}" + (f" #{row['rank']}" if row["rank"] else ""),
                "name_in_source": row["company"], "amount_usd_m": row["amount_usd_m"],
                "amount_kind": row["amount_kind"], "source_row": f"{LIST_FILE} line {line}"})
    for missing in sorted(unrouted):
        print(f"list rows not in any edition: {missing}")

    write(out / "issuers.csv", sorted(issuers.values(), key=lambda i: i["issuer_id"]))
    write(out / "tickers.csv", tickers)
    uniq = {(a["issuer_id"], a["alias"].strip()): a for a in aliases if a["alias"].strip()}
    write(out / "aliases.csv", sorted(uniq.values(), key=lambda a: (a["issuer_id"], a["alias"])))
    write(out / "memberships.csv", memberships)
    write(out / "editions.csv", sorted(EDITIONS, key=lambda e: e["universe_id"]))
    print(f"{len(issuers)} issuers, {len(tickers)} tickers, {len(uniq)} aliases, "
          f"{len(memberships)} memberships, {len(EDITIONS)} editions -> {out}")


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def write(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
