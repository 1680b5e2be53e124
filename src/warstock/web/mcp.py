"""A read-only MCP endpoint: JSON-RPC 2.0 over HTTP POST (/mcp), with the methods initialize,
ping, tools/list and tools/call, and six tools answering as the JSON API does (the same
Docs, so the same rows, each trade with its filing's doc_id, row_number and source_url).

Arguments are checked here as the API's query parameters are (types, ranges, lengths, id
shapes); a value that names nothing is a tool error naming what is known, never a crash.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from warstock.report.pages import WINDOW_MAX
from warstock.report.tables import Doc, to_json
from warstock.report.views import BadRequest

PROTOCOL = "2025-06-18"
ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

YEAR = {"type": "integer", "minimum": 1990, "maximum": 2100, "description": "Calendar year of the trades."}
UNIVERSE = {"type": "string", "maxLength": 100, "description": "Universe edition (default: the current one)."}
CHAMBER = {"type": "string", "enum": ["house", "senate"], "description": "Only this chamber."}
PARTY = {"type": "string", "maxLength": 40, "description": "Only this party (Democrat, Republican, ...)."}
COMMITTEES = {"type": "string", "maxLength": 40, "description": "A committee set (e.g. defense): only trades made "
                                                                "while the member sat on one of its committees."}
ALL_ASSETS = {"type": "boolean", "description": "Count every asset type, not only stock and options."}
WINDOW = {"type": "integer", "minimum": 0, "maximum": WINDOW_MAX, "description": "Days before or after a key vote."}
FILTERS: dict[str, dict[str, Any]] = {"year": YEAR, "universe": UNIVERSE, "chamber": CHAMBER, "party": PARTY,
                                      "committees": COMMITTEES, "all_assets": ALL_ASSETS}


@dataclass(frozen=True)
class Tool:
    name: str
    description: str
    view: str  # the app's view function it calls
    properties: dict[str, dict[str, Any]]
    required: tuple[str, ...] = ()

    def schema(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description,
                "inputSchema": {"type": "object", "properties": self.properties, "required": list(self.required),
                                "additionalProperties": False}}


TOOLS = [
    Tool("search", "Members and companies whose name, bioguide id, company id, alias or ticker contains the "
                   "text: how to find the ids the other tools take.", "search",
         {"q": {"type": "string", "maxLength": 100, "description": "A member's name or bioguide id, a company's "
                                                                   "name or a ticker (e.g. pelosi, LMT)."}}, ("q",)),
    Tool("search_trades", "Universe trades matching filters (year, chamber, party, committee set or one committee, "
                          "member, company), each with its filing (source_url, page, row).", "trades",
         {**FILTERS, "member": {"type": "string", "maxLength": 20, "description": "Bioguide id."},
          "issuer": {"type": "string", "maxLength": 40, "description": "Company id (e.g. lmt)."},
          "committee": {"type": "string", "maxLength": 20, "description": "One committee's code (e.g. HSAS): only "
                                                                          "trades made while the member sat on it."}}),
    Tool("member", "One member's record: seats, trades by year, universe trades with their filings, key votes, "
                   "conflicts, late filings, holdings.", "member",
         {"bioguide": {"type": "string", "maxLength": 64, "description": "Bioguide id (e.g. P000197)."},
          "universe": UNIVERSE, "window": WINDOW}, ("bioguide",)),
    Tool("company", "Who traded a company, their trades with filings, their committee seats on those dates, the "
                    "universe editions that hold it.", "company",
         {"issuer_id": {"type": "string", "maxLength": 64, "description": "Company id (e.g. lmt)."}, **FILTERS},
         ("issuer_id",)),
    Tool("conflicts", "A year's universe trades made while on a committee of a set, or near a key vote.",
         "conflicts", {"year": YEAR, "universe": UNIVERSE, "committees": COMMITTEES, "window": WINDOW}),
    Tool("aggregates", "A year's universe trades aggregated: members ranked, by month, company, party, chamber, "
                       "committee; "
                       "totals and coverage.", "overview", FILTERS),
]
BY_NAME = {t.name: t for t in TOOLS}


class InvalidParams(ValueError):
    pass


def _check(tool: Tool, args: Any) -> dict[str, Any]:
    if not isinstance(args, dict):
        raise InvalidParams("arguments must be an object")
    unknown = sorted(set(args) - set(tool.properties))
    if unknown:
        raise InvalidParams(f"unknown argument(s) {', '.join(unknown)}; known: {', '.join(tool.properties)}")
    missing = [r for r in tool.required if args.get(r) in (None, "")]
    if missing:
        raise InvalidParams(f"missing argument(s): {', '.join(missing)}")
    out: dict[str, Any] = {}
    for name, value in args.items():
        spec = tool.properties[name]
        if value is None:
            continue
        kind = spec["type"]
        if kind == "integer" and (isinstance(value, bool) or not isinstance(value, int)):
            raise InvalidParams(f"{name} must be an integer")
        if kind == "integer" and not spec["minimum"] <= value <= spec["maximum"]:
            raise InvalidParams(f"{name} must be between {spec['minimum']} and {spec['maximum']}")
        if kind == "boolean" and not isinstance(value, bool):
            raise InvalidParams(f"{name} must be true or false")
        if kind == "string":
            if not isinstance(value, str) or len(value) > spec.get("maxLength", 100):
                raise InvalidParams(f"{name} must be a string of at most {spec.get('maxLength', 100)} characters")
            if "enum" in spec and value not in spec["enum"]:
                raise InvalidParams(f"{name} must be one of {', '.join(spec['enum'])}")
            if name in ("bioguide", "issuer_id") and not ID.match(value):
                raise InvalidParams(f"{name} may hold only letters, digits, '.', '_' and '-'")
        out[name] = value
    return out


def error(id_: Any, code: int, message: str) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": id_, "error": {"code": code, "message": message}}


def handle(message: Any, views: dict[str, Callable[..., Doc]]) -> dict[str, Any] | None:
    """One JSON-RPC message in, its answer out (None for a notification)."""
    if not isinstance(message, dict) or message.get("jsonrpc") != "2.0" or not isinstance(message.get("method"), str):
        return error(message.get("id") if isinstance(message, dict) else None, -32600, "not a JSON-RPC 2.0 request")
    id_, method, params = message.get("id"), message["method"], message.get("params") or {}
    if "id" not in message:  # a notification (e.g. notifications/initialized): no answer
        return None
    if not isinstance(params, dict):
        return error(id_, -32602, "params must be an object")
    if method == "initialize":
        version = params.get("protocolVersion")
        return {"jsonrpc": "2.0", "id": id_, "result": {
            "protocolVersion": version if isinstance(version, str) and version else PROTOCOL,
            "capabilities": {"tools": {"listChanged": False}},
            "serverInfo": {"name": "warstock", "version": "1"},
            "instructions": "Read-only. Congressional stock trades in defense contractors from the official "
                            "disclosures; every trade row carries its filing's source_url."}}
    if method == "ping":
        return {"jsonrpc": "2.0", "id": id_, "result": {}}
    if method == "tools/list":
        return {"jsonrpc": "2.0", "id": id_, "result": {"tools": [t.schema() for t in TOOLS]}}
    if method != "tools/call":
        return error(id_, -32601, f"unknown method {method!r}")
    tool = BY_NAME.get(params.get("name"))  # type: ignore[arg-type]
    if tool is None:
        return error(id_, -32602, f"unknown tool {params.get('name')!r}; known: {', '.join(BY_NAME)}")
    try:
        args = _check(tool, params.get("arguments") or {})
    except InvalidParams as exc:
        return error(id_, -32602, str(exc))
    view = views[tool.view]
    bound = inspect.signature(view).bind_partial(**args)
    bound.apply_defaults()  # the same key as the API's, so the same remembered Doc
    try:
        text = to_json(view(**bound.arguments))
    except BadRequest as exc:
        return {"jsonrpc": "2.0", "id": id_, "result": {"content": [{"type": "text", "text": str(exc)}],
                                                         "isError": True}}
    return {"jsonrpc": "2.0", "id": id_, "result": {"content": [{"type": "text", "text": text}],
                                                     "structuredContent": json.loads(text), "isError": False}}
