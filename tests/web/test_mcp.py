"""The read-only MCP endpoint (JSON-RPC 2.0 over POST /mcp): the same data as the JSON API."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def call(client: TestClient, method: str, params: dict[str, Any] | None = None, id_: int = 1) -> dict[str, Any]:
    r = client.post("/mcp", json={"jsonrpc": "2.0", "id": id_, "method": method, "params": params or {}})
    assert r.status_code == 200, r.text
    answer: dict[str, Any] = r.json()
    assert answer["jsonrpc"] == "2.0" and answer["id"] == id_
    return answer


def tool(client: TestClient, name: str, **arguments: Any) -> dict[str, Any]:
    result: dict[str, Any] = call(client, "tools/call", {"name": name, "arguments": arguments})["result"]
    return result


def test_initialize_and_list_tools(client: TestClient) -> None:
    init = call(client, "initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                       "clientInfo": {"name": "t", "version": "0"}})["result"]
    assert init["protocolVersion"] == "2025-06-18" and "tools" in init["capabilities"]
    assert init["serverInfo"]["name"] == "warstock"
    r = client.post("/mcp", json={"jsonrpc": "2.0", "method": "notifications/initialized"})
    assert r.status_code == 202 and not r.content
    tools = {t["name"]: t for t in call(client, "tools/list")["result"]["tools"]}
    assert set(tools) == {"search", "search_trades", "member", "company", "conflicts", "aggregates"}
    assert tools["member"]["inputSchema"]["required"] == ["bioguide"]


@pytest.mark.parametrize(("name", "arguments", "api"), [
    ("search_trades", {"year": 2025}, "/api/trades?year=2025"),
    ("search_trades", {"year": 2025, "member": "D000001"}, "/api/trades?year=2025&member=D000001"),
    ("member", {"bioguide": "D000001"}, "/api/member/D000001"),
    ("company", {"issuer_id": "lmt", "year": 2025}, "/api/company/lmt?year=2025"),
    ("conflicts", {"year": 2025}, "/api/conflicts?year=2025"),
    ("aggregates", {"year": 2025, "chamber": "house"}, "/api/overview?year=2025&chamber=house"),
    ("search", {"q": "doe"}, "/api/search?q=doe"),
    ("search_trades", {"year": 2025, "committee": "HSAS"}, "/api/trades?year=2025&committee=HSAS"),
])
def test_tools_return_the_api_data_with_filing_links(client: TestClient, name: str, arguments: dict[str, Any],
                                                     api: str) -> None:
    result = tool(client, name, **arguments)
    assert result["isError"] is False
    assert result["structuredContent"] == client.get(api).json()
    trades = result["structuredContent"].get("trades") or result["structuredContent"].get("universe_trades")
    for t in trades or []:
        assert t["source_url"].startswith("https://") and t["doc_id"], t


def test_trades_carry_source_urls(client: TestClient) -> None:
    trades = tool(client, "search_trades", year=2025)["structuredContent"]["trades"]
    assert len(trades) == 6 and all(t["source_url"].startswith("https://") for t in trades)


@pytest.mark.parametrize(("body", "code"), [
    ({"jsonrpc": "2.0", "id": 1, "method": "nope"}, -32601),
    ({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "nope"}}, -32602),
    ({"jsonrpc": "2.0", "id": 1, "method": "tools/call", "params": {"name": "member", "arguments": {}}}, -32602),
    ({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
      "params": {"name": "aggregates", "arguments": {"year": "2025"}}}, -32602),
    ({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
      "params": {"name": "aggregates", "arguments": {"year": 2025, "drop": "table"}}}, -32602),
    ({"jsonrpc": "2.0", "id": 1, "method": "tools/call",
      "params": {"name": "member", "arguments": {"bioguide": "a b"}}}, -32602),
    ({"id": 1, "method": "ping"}, -32600),
    ([1, 2], -32600),
])
def test_bad_requests_are_json_rpc_errors(client: TestClient, body: Any, code: int) -> None:
    r = client.post("/mcp", json=body)
    assert r.status_code == 200 and r.json()["error"]["code"] == code, r.text


def test_names_that_name_nothing_are_tool_errors(client: TestClient) -> None:
    result = tool(client, "aggregates", year=2025, party="Green")
    assert result["isError"] is True and "known: Democrat, Republican" in result["content"][0]["text"]
    assert client.post("/mcp", content=b"{not json").json()["error"]["code"] == -32700
    assert call(client, "ping")["result"] == {}
    assert client.get("/mcp").status_code == 405  # POST only; nothing here writes


def test_search_finds_the_ids_the_other_tools_take(client: TestClient) -> None:
    found = tool(client, "search", q="Doe")["structuredContent"]
    assert [m["member_id_bioguide"] for m in found["members"]] == ["D000001"]
    member = tool(client, "member", bioguide=found["members"][0]["member_id_bioguide"])
    assert member["isError"] is False
    empty = tool(client, "search", q="   ")
    assert empty["isError"] is True and "search needs a word" in empty["content"][0]["text"]
    assert "error" in call(client, "tools/call", {"name": "search", "arguments": {}})  # q is required
