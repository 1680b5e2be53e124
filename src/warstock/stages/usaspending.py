"""DoD contractor editions from USAspending's public API (api.usaspending.gov, no key needed).

1. ``POST /api/v2/search/spending_by_category/recipient/`` with the fiscal year's dates, the
   Department of Defense as awarding top-tier agency and the contract award types A, B, C, D:
   recipients by obligated amount, largest first, page by page (``page``, ``limit``,
   ``page_metadata.hasNext``).
2. That call has no parent: each child recipient (id ending ``-C``) is looked up with
   ``GET /api/v2/recipient/{recipient_id}/`` for its ``parent_id``, ``parent_name`` and
   ``parent_uei``. A ``-P`` id is a parent, an ``-R`` id stands alone (its own parent).
3. Parents are matched to warstock's companies (``resolve.universe.RecipientMatcher``: UEI, then
   names, aliases and subsidiaries), their recipients' amounts summed per company (two USAspending
   parents of one company, e.g. "RAYTHEON COMPANY" and "RTX CORPORATION", count once), and
   ranked among all parents, matched or not: the ranks are the list's, the members its listed
   (or known) companies. Recipients that match no company are written beside the edition.

Every response is checked before it is used: a body that is not the documented shape stops the
fetch with the URL and what was wrong, and nothing is written. The edition is written into
``<home>/universes/<id>/`` only once complete (a temporary folder renamed into place).
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx

from warstock.resolve.universe import MEMBERSHIP_FIELDS, Catalog, RecipientMatcher, fetched_dir, normalised
from warstock.stages import http as http_client

API = "https://api.usaspending.gov"
CATEGORY_PATH = "/api/v2/search/spending_by_category/recipient/"
RECIPIENT_PATH = "/api/v2/recipient/{recipient_id}/"
CONTRACT_TYPES = ["A", "B", "C", "D"]  # BPA call, purchase order, delivery order, definitive contract
PAGE_LIMIT = 100


class ApiError(Exception):
    """A response warstock cannot use (an error status after retries, or a body not in the
    documented shape): the fetch stops and writes nothing."""


@dataclass
class Client:
    """A small polite JSON client over the one HTTP client (stages/http.py: a User-Agent,
    timeouts, retries with exponential backoff on connection errors, 5xx and 429, a 429's
    Retry-After honoured up to ``max_wait``); an unusable answer is an ApiError."""

    base_url: str = API
    timeout: float = 60.0
    attempts: int = 5
    backoff: float = 1.0
    max_wait: float = 120.0
    min_interval: float = 0.2
    http: http_client.Client = field(init=False)

    def __post_init__(self) -> None:
        self.http = http_client.Client(min_interval=self.min_interval, attempts=self.attempts, backoff=self.backoff,
                                       max_backoff=self.max_wait, max_retry_after=self.max_wait,
                                       timeout=self.timeout)

    @property
    def requests(self) -> int:
        return self.http.requests

    def request(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        url = self.base_url.rstrip("/") + path
        try:
            resp = self.http.request(method, url, json=body, headers={"Accept": "application/json"})
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:  # a wrong --base-url: no retry mends it
            raise ApiError(f"{method} {url}: {exc}") from exc
        except http_client.HTTPFailure as exc:
            raise ApiError(f"{method} {url}: HTTP {exc.status}: {exc.text[:200]}") from exc
        except (http_client.TransientHTTPError, http_client.DamagedBody, httpx.TransportError) as exc:
            raise ApiError(f"{method} {url}: {http_client.describe(exc)} (gave up after {self.attempts} attempts)") \
                from exc
        except http_client.BadDownload as exc:
            raise ApiError(f"{method} {url}: {exc}") from exc
        try:
            data = resp.json()
        except ValueError as exc:
            raise ApiError(f"{method} {url}: the body is not JSON ({exc}): {resp.body[:120]!r}") from exc
        if not isinstance(data, dict):
            raise ApiError(f"{method} {url}: expected a JSON object, got {type(data).__name__}")
        return data


# --- the documented shapes, checked ------------------------------------------------------------

def request_body(fy: int, page: int, limit: int = PAGE_LIMIT) -> dict[str, Any]:
    """The spending-by-recipient request for DoD contracts in federal fiscal year ``fy``
    (1 October of fy-1 to 30 September of fy)."""
    return {"filters": {"time_period": [{"start_date": f"{fy - 1}-10-01", "end_date": f"{fy}-09-30"}],
                        "agencies": [{"type": "awarding", "tier": "toptier", "name": "Department of Defense"}],
                        "award_type_codes": CONTRACT_TYPES},
            "category": "recipient", "limit": limit, "page": page, "subawards": False}


def parse_category_page(data: dict[str, Any], where: str) -> tuple[list[dict[str, Any]], bool]:
    """(recipients, has_next) from one spending_by_category/recipient page."""
    results, meta = data.get("results"), data.get("page_metadata")
    if not isinstance(results, list) or not isinstance(meta, dict) or not isinstance(meta.get("hasNext"), bool):
        raise ApiError(f"{where}: not a spending_by_category page (needs a 'results' list and "
                       f"'page_metadata.hasNext'); keys: {sorted(data)}")
    out = []
    for i, r in enumerate(results):
        if not isinstance(r, dict) or not isinstance(r.get("amount"), int | float) or "name" not in r:
            raise ApiError(f"{where}: result {i} has no numeric 'amount' or no 'name': {str(r)[:120]}")
        rid = r.get("recipient_id")
        if rid is not None and (not isinstance(rid, str) or rid[-2:] not in ("-C", "-P", "-R")):
            raise ApiError(f"{where}: result {i}: recipient_id {rid!r} has no -C/-P/-R level suffix")
        out.append({"recipient_id": rid, "name": r.get("name") or "", "uei": r.get("uei") or "",
                    "duns": r.get("code") or "", "amount": float(r["amount"])})
    return out, bool(meta["hasNext"])


def parse_recipient(data: dict[str, Any], where: str) -> dict[str, Any]:
    """parent_id, parent_name, parent_uei (and the recipient's own uei) from a recipient overview."""
    missing = [k for k in ("recipient_id", "name", "parent_id", "parent_name", "parent_uei") if k not in data]
    if missing:
        raise ApiError(f"{where}: not a recipient overview (missing {', '.join(missing)})")
    return {"uei": data.get("uei") or "", "parent_id": data.get("parent_id"), "parent_name": data.get("parent_name"),
            "parent_uei": data.get("parent_uei") or ""}


# --- the fetch -----------------------------------------------------------------------------------

@dataclass
class FetchResult:
    universe_id: str
    folder: Path
    members: int
    recipients: int
    parents: int
    unmatched: int
    exhausted: bool
    requests: int


def edition_id(fy: int, top: int | None) -> str:
    return f"dod-prime-fy{fy}-top{top}" if top else f"dod-contractors-fy{fy}"


def fetch_edition(client: Client, catalog: Catalog, home: Path, fy: int, top: int | None = None,
                  max_recipients: int | None = None, page_size: int = PAGE_LIMIT,
                  progress: Callable[[str, int, int], None] | None = None) -> FetchResult:
    """Fetch DoD contract recipients for ``fy``, roll them up to parents, match them to companies
    and write the edition (``top``: only the N largest parents; none: every recipient fetched).

    With ``top`` the recipients are read until ``max_recipients`` (default 10 × top) or the last
    page: a parent's total is the sum of the recipients read, so a parent made of many small
    recipients beyond that point is undercounted; the edition records where reading stopped."""
    limit = max_recipients if max_recipients is not None else (10 * top if top else None)
    recipients: list[dict[str, Any]] = []
    page, has_next = 1, True
    while has_next and (limit is None or len(recipients) < limit):
        body = request_body(fy, page, page_size)
        rows, has_next = parse_category_page(client.request("POST", CATEGORY_PATH, body),
                                             f"POST {CATEGORY_PATH} page {page}")
        recipients += rows
        if progress:
            progress("recipient pages", page, page + (1 if has_next else 0))
        page += 1
        if not rows:
            break
    exhausted = not has_next and (limit is None or len(recipients) <= limit)  # every recipient kept
    if limit is not None:
        recipients = recipients[:limit]

    # roll children up to their parents
    children = sorted({r["recipient_id"] for r in recipients if r["recipient_id"] and r["recipient_id"].endswith("-C")})
    parents: dict[str, dict[str, Any]] = {}
    for n, rid in enumerate(children, start=1):
        path = RECIPIENT_PATH.format(recipient_id=rid)
        parents[rid] = parse_recipient(client.request("GET", path), f"GET {path}")
        if progress:
            progress("recipient parents", n, len(children))
    for r in recipients:
        rid = r["recipient_id"]
        p = parents.get(rid or "")
        if p and p["parent_id"]:
            r.update(parent_id=p["parent_id"], parent_name=p["parent_name"] or "", parent_uei=p["parent_uei"],
                     uei=r["uei"] or p["uei"])
        else:  # a parent, a stand-alone recipient, a child without a parent: its own parent; or a redacted row
            r.update(parent_id=rid, parent_name=r["name"], parent_uei=r["uei"] or (p or {}).get("uei", ""))

    # match parents (else the recipient itself) to companies; sum per company, or per parent
    matcher = RecipientMatcher(catalog, date(fy, 9, 30))
    groups: dict[str, dict[str, Any]] = {}
    for r in recipients:
        m = (matcher.match(r["parent_name"], r["parent_uei"]) if r["parent_id"] or r["parent_name"] else None) \
            or matcher.match(r["name"], r["uei"])
        r["issuer_id"] = m.issuer_id if m else ""
        r["match_method"] = (m.method if m else "")
        r["matched_on"] = (m.matched_on if m else "")
        # a row without a recipient id ("MULTIPLE RECIPIENTS", redacted awards) is no contractor
        gkey = (f"issuer:{m.issuer_id}" if m else f"parent:{r['parent_id']}" if r["parent_id"]
                else f"unidentified:{normalised(r['name'])}")
        g = groups.setdefault(gkey, {"issuer_id": r["issuer_id"], "parent_name": r["parent_name"],
                                     "parent_uei": r["parent_uei"], "amount": 0.0, "recipients": [],
                                     "identified": gkey[:13] != "unidentified:"})
        g["amount"] += r["amount"]
        g["recipients"].append(r)
    ranked = sorted((g for g in groups.values() if g["identified"]), key=lambda g: (-g["amount"], g["parent_name"]))
    if top:
        ranked = ranked[:top]
    for rank, g in enumerate(ranked, start=1):
        g["rank"] = rank
    unidentified = [g for g in groups.values() if not g["identified"]]

    uid = edition_id(fy, top)
    retrieved = datetime.now(UTC).isoformat(timespec="seconds")
    members = [{"universe_id": uid, "issuer_id": g["issuer_id"], "rank": g["rank"],
                "source": f"USAspending FY{fy} DoD contracts #{g['rank']}: {g['parent_name']}",
                "name_in_source": g["parent_name"], "amount_usd_m": round(g["amount"] / 1e6, 3),
                "amount_kind": "dod_obligations",
                "source_row": "recipients.csv: " + "; ".join(str(r["recipient_id"]) for r in g["recipients"][:5])
                + (f" (+{len(g['recipients']) - 5} more)" if len(g["recipients"]) > 5 else "")}
               for g in ranked if g["issuer_id"]]
    unmatched = [{"rank": g["rank"], "parent_name": g["parent_name"], "parent_uei": g["parent_uei"],
                  "amount_usd": round(g["amount"], 2), "recipients": len(g["recipients"]),
                  "recipient_names": "; ".join(sorted({r["name"] for r in g["recipients"]}))[:500]}
                 for g in ranked if not g["issuer_id"]]
    unmatched += [{"rank": "", "parent_name": g["parent_name"] + " (no recipient id: not a contractor)",
                   "parent_uei": "", "amount_usd": round(g["amount"], 2), "recipients": len(g["recipients"]),
                   "recipient_names": g["parent_name"]} for g in unidentified]
    in_edition = {id(r) for g in ranked for r in g["recipients"]}
    meta = {
        "universe_id": uid,
        "title": (f"DoD prime contractors, top {top} parents by contract obligations, FY{fy} (USAspending)" if top
                  else f"Every DoD prime contractor (contract obligations), FY{fy} (USAspending)"),
        "family": "dod-prime" if top else "dod-any", "source": "USAspending.gov API, spending by recipient "
        "(awarding agency Department of Defense; contracts A, B, C, D), rolled up to parents",
        "source_url": client.base_url.rstrip("/") + CATEGORY_PATH, "source_date": retrieved[:10],
        "retrieved": retrieved, "basis": "fiscal", "period": f"FY{fy}", "ranked_by": "dod_obligations",
        "completeness": "complete" if exhausted else ("fragment" if top else "floor"),
        "list_size": top or "", "note": (f"{len(members)} of {len(ranked)} parents matched to a company; "
                                         f"the others are in unmatched.csv")
        + ("" if exhausted else f"; reading stopped after {len(recipients)} recipients (largest first)"),
        "provenance": {"api_url": client.base_url.rstrip("/") + CATEGORY_PATH,
                       "recipient_url": client.base_url.rstrip("/") + RECIPIENT_PATH,
                       "request_body": request_body(fy, 1, page_size), "pages": page - 1,
                       "recipients_read": len(recipients),
                       "last_page_reached": not has_next, "retrieved_at": retrieved, "fiscal_year": fy,
                       "requests": client.requests},
    }
    folder = _write(home, uid, meta, members, recipients, in_edition, unmatched)
    return FetchResult(uid, folder, len(members), len(recipients), len(groups), len(unmatched), exhausted,
                       client.requests)


def _write(home: Path, uid: str, meta: dict[str, Any], members: list[dict[str, Any]],
           recipients: list[dict[str, Any]], in_edition: set[int], unmatched: list[dict[str, Any]]) -> Path:
    """Write the edition into a temporary folder and rename it into place (an earlier fetch of
    the same edition is replaced only by a complete new one)."""
    root = fetched_dir(home)
    root.mkdir(parents=True, exist_ok=True)
    final, tmp = root / uid, root / f".{uid}.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    (tmp / "edition.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    _csv(tmp / "memberships.csv", MEMBERSHIP_FIELDS, members)
    _csv(tmp / "recipients.csv", ["recipient_id", "name", "uei", "duns", "amount", "parent_id", "parent_name",
                                  "parent_uei", "issuer_id", "match_method", "matched_on", "in_edition"],
         [{**r, "in_edition": id(r) in in_edition} for r in recipients])
    _csv(tmp / "unmatched.csv", ["rank", "parent_name", "parent_uei", "amount_usd", "recipients", "recipient_names"],
         unmatched)
    if final.exists():
        old = root / f".{uid}.old"
        shutil.rmtree(old, ignore_errors=True)
        final.rename(old)
        tmp.rename(final)
        shutil.rmtree(old, ignore_errors=True)
    else:
        tmp.rename(final)
    return final


def _csv(path: Path, fields: list[str], rows: list[dict[str, Any]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
