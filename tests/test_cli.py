"""The CLI as a user runs it (Typer's runner, real warehouse on a synthetic folder)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from synthetic import EXPECTED, add_bad_documents, make_shared
from warstock.cli import app
from warstock.warehouse import snapshot

runner = CliRunner()


def test_every_command_has_help_with_an_example() -> None:
    group = get_command(app)
    names = list(group.commands)  # type: ignore[attr-defined]
    assert {"ingest", "build", "run", "report", "problems", "coverage", "fetch", "snapshot"} <= set(names)
    for name in names:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "warstock " in result.output and ("Example" in result.output or "with:" in result.output), name


@pytest.fixture()
def home(tmp_path: Path) -> Path:
    data = make_shared(tmp_path)
    add_bad_documents(data)
    home = tmp_path / "home"
    result = runner.invoke(app, ["run", str(data), "--home", str(home), "--workers", "1"])
    assert result.exit_code == 1, result.output  # two documents failed: the exit status says so
    assert "2 documents failed" in result.output
    return home


def test_report_json(home: Path) -> None:
    result = runner.invoke(app, ["report", "--year", "2025", "--format", "json", "--home", str(home)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    got = {m["member_id_bioguide"]: m for m in data["members"]}
    assert got["R000002"]["amount_max_usd"] == EXPECTED["R000002"]["amount_max_usd"]
    assert data["coverage"][0]["failed"] == 2 and data["coverage"][0]["needs_ocr"] == 1


def test_report_text_csv_md(home: Path) -> None:
    res = runner.invoke(app, ["report", "--home", str(home)])
    assert res.exit_code == 0, (res.output, res.exception)
    text = res.output
    assert "Jane Q. Doe" in text and "Coverage" in text and "8 PTRs listed" in text
    csv_out = runner.invoke(app, ["report", "--format", "csv", "--home", str(home)]).output
    assert csv_out.splitlines()[0].startswith("year,universe_id,member_name")
    assert len(csv_out.splitlines()) == 4  # header + two representatives + one senator
    md = runner.invoke(app, ["report", "--format", "md", "--home", str(home)]).output
    assert md.startswith("# Defense-contractor stock trading, 2025")


def test_unknown_universe_is_an_error(home: Path) -> None:
    result = runner.invoke(app, ["report", "--universe", "nope", "--home", str(home)])
    assert result.exit_code == 2


def test_problems_lists_failed_documents_with_reason(home: Path) -> None:
    result = runner.invoke(app, ["problems", "--level", "document_failed", "--home", str(home)])
    assert result.exit_code == 0
    assert "20000005" in result.output and "20000006" in result.output and "not a PDF" in result.output


def test_coverage_command(home: Path) -> None:
    result = runner.invoke(app, ["coverage", "--year", "2025", "--home", str(home)])
    assert result.exit_code == 0 and "house" in result.output


def test_snapshot_round_trip(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "snap"
    result = runner.invoke(app, ["snapshot", "--home", str(home), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert snapshot.available(out)
    con = snapshot.open_snapshot(out)
    from warstock.analysis.defense import defense_trading
    from warstock.settings import DEFAULT_UNIVERSE
    rep = defense_trading(con, 2025, DEFAULT_UNIVERSE)
    assert {m["member_id_bioguide"]: m["amount_min_usd"] for m in rep.members} == {
        k: v["amount_min_usd"] for k, v in EXPECTED.items()}


def test_report_without_warehouse_uses_the_embedded_snapshot(tmp_path: Path) -> None:
    if not snapshot.available():
        pytest.fail("the package must ship an embedded snapshot (warstock snapshot)")
    result = runner.invoke(app, ["report", "--year", "2025", "--format", "json", "--home", str(tmp_path / "empty")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert "embedded snapshot" in data["source"]
    assert data["totals"]["trades"] > 0 and data["coverage"]


def test_conflicts_late_member_votes_commands(home: Path) -> None:
    out = runner.invoke(app, ["conflicts", "--year", "2025", "--json", "--home", str(home)])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert {r["ticker"] for r in data["vote_conflicts"] if r["member_id_bioguide"] == "D000001"} == {"LMT", "NOC"}
    assert all(r["vote_url"] and r["source_url"] for r in data["vote_conflicts"])
    late = json.loads(runner.invoke(app, ["late", "--year", "2025", "--json", "--home", str(home)]).output)
    assert [(m["member_id_bioguide"], m["late_transactions"]) for m in late["members"]] == [("R000002", 1)]
    prof = runner.invoke(app, ["member", "Doe", "--json", "--home", str(home)])
    assert prof.exit_code == 0, prof.output
    p = json.loads(prof.output)
    assert p["member"]["member_id_bioguide"] == "D000001"
    assert [c["committee_code"] for c in p["committees"]] == ["HSAS"]
    assert [(v["vote_id"], v["position"]) for v in p["key_votes"]] == [("h7-119.2025", "yea")]
    statuses = {c["status"]: c["filings"] for c in p["coverage"]}
    assert statuses == {"parsed": 2, "not_archived": 1}
    text = runner.invoke(app, ["member", "D000001", "--home", str(home)]).output
    assert "Jane Q. Doe" in text and "House Committee on Armed Services" not in text  # no committee list loaded
    assert runner.invoke(app, ["member", "Nobody", "--home", str(home)]).exit_code == 2
    assert runner.invoke(app, ["votes", "--home", str(home)]).exit_code == 0
