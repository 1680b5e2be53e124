"""The CLI as a user runs it (Typer's runner and the installed entry point, on a real warehouse
built from a synthetic folder)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console
from typer.main import get_command
from typer.testing import CliRunner

from synthetic import EXPECTED, add_bad_documents, make_shared
from warstock.analysis.defense import defense_trading
from warstock.cli import app
from warstock.report.render import report_doc
from warstock.report.tables import plural, to_console
from warstock.settings import DEFAULT_UNIVERSE
from warstock.warehouse import db, snapshot

runner = CliRunner()
WARSTOCK = Path(sys.executable).with_name("warstock")


def test_every_command_has_help_with_an_example() -> None:
    group = get_command(app)
    names = list(group.commands)  # type: ignore[attr-defined]
    assert {"ingest", "build", "run", "report", "problems", "coverage", "fetch", "snapshot", "verify",
            "sources"} <= set(names)
    for name in names:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert re.search(r"Example:\s+warstock " + name, result.output), name


def test_command_list_shows_whole_sentences_and_a_version() -> None:
    out = runner.invoke(app, ["--help"]).output
    listing = out.split("Commands:")[1]
    assert "..." not in listing
    entries = re.split(r"\n  (?=\w)", listing.strip())
    assert len(entries) >= 15 and all(" ".join(e.split()).endswith(".") for e in entries), entries
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and re.match(r"warstock \d+\.\d+", version.output)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("cli")
    data = make_shared(tmp)
    add_bad_documents(data)
    home = tmp / "home"
    result = runner.invoke(app, ["run", str(data), "--home", str(home), "--workers", "1"])
    assert result.exit_code == 1, result.output  # two documents failed: the exit status says so
    assert "2 documents failed" in result.output
    # a second build, with nothing new, says the same: the failures are still there
    again = runner.invoke(app, ["build", "--home", str(home), "--workers", "1"])
    assert again.exit_code == 1 and "2 documents failed" in again.output
    return home


def test_report_json(home: Path) -> None:
    result = runner.invoke(app, ["report", "--year", "2025", "--format", "json", "--home", str(home)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    got = {m["member_id_bioguide"]: m for m in data["members"]}
    assert got["R000002"]["amount_max_usd"] == EXPECTED["R000002"]["amount_max_usd"]
    assert data["coverage"][0]["failed"] == 2 and data["coverage"][0]["needs_ocr"] == 1


def test_report_text_csv_md_and_low_coverage_first(home: Path) -> None:
    res = runner.invoke(app, ["report", "--home", str(home)])
    assert res.exit_code == 0, (res.output, res.exception)
    lines = res.output.splitlines()
    # 3 of the 8 listed House PTRs were not read: the headline says so before any total
    assert lines[1].startswith("PARTIAL: only part of this year's filings were read (House 2025: read 4 of 8")
    assert "Jane Q. Doe" in res.output and "Coverage:" in res.output and "8 PTRs in the Clerk's index" in res.output
    csv_out = runner.invoke(app, ["report", "--format", "csv", "--home", str(home)]).output
    header = csv_out.splitlines()[0].split(",")
    assert header[0] == "section" and "member_name" in header and "amount_min_usd" in header
    assert sum(1 for line in csv_out.splitlines() if line.startswith("members,")) == 3  # two reps and a senator
    md = runner.invoke(app, ["report", "--format", "md", "--home", str(home)]).output
    assert md.startswith("# Defense-contractor stock trading by members of Congress, 2025")
    assert "| Member | Seat | Trades | Buy/Sell | Range | Companies |" in md and "| Jane Q. Doe | H D-NJ |" in md


def test_report_reads_well_in_80_columns(home: Path) -> None:
    con = db.connect(home / "warstock.duckdb", read_only=True)
    rep = defense_trading(con, 2025, DEFAULT_UNIVERSE)
    con.close()
    # a member with many companies, as in the real 2025 report, must fold, not squeeze
    rep.members[0]["companies"] = ", ".join(["BA", "BAH", "ETN", "GD", "GE", "HEI", "HUM", "LMT", "MRNA", "MSFT",
                                             "NOC", "PFE", "PLTR", "TDG", "TXT"])
    out = StringIO()
    to_console(report_doc(rep), Console(file=out, width=80, color_system=None))
    text = out.getvalue()
    assert "…" not in text
    assert all(len(line) <= 80 for line in text.splitlines())
    header = next(line for line in text.splitlines() if "Member" in line and "Range" in line)
    for word in ("Trades", "Buy/Sell", "Range", "Companies"):
        assert word in header
    words = set(re.findall(r"[A-Z]{2,}", text))
    assert {"BAH", "MRNA", "MSFT", "PLTR", "TDG"} <= words  # tickers whole, never split over lines
    assert "$" in text and "–" in text


def test_unknown_universe_is_an_error(home: Path) -> None:
    result = runner.invoke(app, ["report", "--universe", "nope", "--home", str(home)])
    assert result.exit_code == 2 and "unknown universe" in result.output


@pytest.mark.parametrize("args", [
    ["ingest", "/nonexistent/warstock"],
    ["run", "/nonexistent/warstock"],
    ["problems", "--level", "bogus"],
    ["problems", "--source", "bogus"],
    ["conflicts", "--committees", "nope"],
    ["ocr", "--doc", "99999999"],
    ["report", "--limit", "-1"],
    ["problems", "--limit", "-1"],
    ["conflicts", "--window", "-5"],
    ["member", "Nobody"],
    ["sync", "--chamber", "moon"],
    ["sync", "--since", "last-week"],
    ["sync", "--only", "gossip"],
])
def test_bad_arguments_fail_clearly(home: Path, args: list[str]) -> None:
    if args[0] == "ocr":
        from warstock.ocr.engine import OcrUnavailable, tessdata_dir
        try:
            tessdata_dir()
        except OcrUnavailable:
            pytest.skip("Tesseract not installed: ocr refuses before it looks at --doc")
    result = runner.invoke(app, [*args, "--home", str(home)])
    assert result.exit_code == 2, (args, result.output)
    assert result.output.strip(), args  # says what was wrong


def test_ingest_names_what_it_did_not_recognise(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.txt").write_text("x")
    result = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--home", str(tmp_path / "h")])
    assert result.exit_code == 2
    assert "notes.txt" in result.output and "house_ptr: " in result.output  # the layouts it expects


def test_problems_lists_failed_documents_with_reason(home: Path) -> None:
    result = runner.invoke(app, ["problems", "--level", "document_failed", "--home", str(home)])
    assert result.exit_code == 0
    assert "20000005" in result.output and "20000006" in result.output and "not a PDF" in result.output
    assert "Document" in result.output and "doc_id" not in result.output  # word headers


def test_coverage_command(home: Path) -> None:
    result = runner.invoke(app, ["coverage", "--year", "2025", "--home", str(home), "--format", "json"])
    assert result.exit_code == 0
    house = next(r for r in json.loads(result.output)["coverage"] if r["chamber"] == "house")
    assert (house["listed"], house["parsed"], house["failed"], house["needs_ocr"]) == (8, 4, 2, 1)


def test_snapshot_round_trip(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "snap's"  # a quote in the path must not break the SQL
    result = runner.invoke(app, ["snapshot", "--home", str(home), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert snapshot.available(out)
    con = snapshot.open_snapshot(out)
    rep = defense_trading(con, 2025, DEFAULT_UNIVERSE)
    assert {m["member_id_bioguide"]: m["amount_min_usd"] for m in rep.members} == {
        k: v["amount_min_usd"] for k, v in EXPECTED.items()}
    built = db.connect(home / "warstock.duckdb", read_only=True)
    q = "SELECT * FROM out_problems ORDER BY ALL"
    assert con.execute(q).fetchall() == built.execute(q).fetchall()
    built.close()


def test_report_without_warehouse_uses_the_embedded_snapshot(tmp_path: Path) -> None:
    if not snapshot.available():
        pytest.fail("the package must ship an embedded snapshot (warstock snapshot)")
    result = runner.invoke(app, ["report", "--year", "2025", "--format", "json", "--home", str(tmp_path / "empty")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert "embedded snapshot" in data["source"]
    assert data["totals"]["trades"] > 0 and data["coverage"]


def test_conflicts_late_member_votes_commands(home: Path) -> None:
    out = runner.invoke(app, ["conflicts", "--year", "2025", "--format", "json", "--home", str(home)])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert {r["ticker"] for r in data["vote_conflicts"] if r["member_id_bioguide"] == "D000001"} == {"LMT", "NOC"}
    assert all(r["vote_url"] and r["source_url"] for r in data["vote_conflicts"])
    text = runner.invoke(app, ["conflicts", "--year", "2025", "--home", str(home)]).output
    trades = len({(r["doc_id"], r["row_number"]) for r in data["vote_conflicts"]})
    assert f"Trades within 30 days of a key vote ({plural(trades, 'trade')})" in text  # trades, not pairs
    assert "Trade date" in text and "transaction_date" not in text and "…" not in text
    late = json.loads(runner.invoke(app, ["late", "--year", "2025", "--format", "json", "--home", str(home)]).output)
    assert [(m["member_id_bioguide"], m["late_transactions"]) for m in late["members"]] == [("R000002", 1)]
    prof = runner.invoke(app, ["member", "Doe", "--format", "json", "--home", str(home)])
    assert prof.exit_code == 0, prof.output
    p = json.loads(prof.output)
    assert p["member"]["member_id_bioguide"] == "D000001"
    assert [c["committee_code"] for c in p["committees"]] == ["HSAS"]
    assert [(v["vote_id"], v["position"]) for v in p["key_votes"]] == [("h7-119.2025", "yea")]
    statuses = {c["status"]: c["filings"] for c in p["coverage"]}
    assert statuses == {"parsed": 2, "not_archived": 1}
    text = runner.invoke(app, ["member", "D000001", "--home", str(home)]).output
    assert "Jane Q. Doe" in text and "House Committee on Armed Services" not in text  # no committee list loaded
    for fmt in ("text", "json", "csv", "md"):
        assert runner.invoke(app, ["votes", "--format", fmt, "--home", str(home)]).exit_code == 0, fmt


def test_counts_agree_in_number() -> None:
    assert plural(1, "trade") == "1 trade" and plural(2, "trade") == "2 trades"
    assert plural(1, "company", "companies") == "1 company" and plural(0, "filing") == "0 filings"


@pytest.mark.skipif(not WARSTOCK.exists(), reason="the warstock entry point is not installed in this environment")
@pytest.mark.parametrize("args", [["problems", "--limit", "0", "--format", "csv"], ["problems", "--limit", "0"],
                                  ["report", "--limit", "0"], ["conflicts"]])
def test_piping_into_head_exits_0(tmp_path: Path, args: list[str]) -> None:
    # the embedded snapshot's problems run to hundreds of kilobytes: head leaves long before the end
    cmd = " ".join([f"'{WARSTOCK}'", *args, "--home", f"'{tmp_path}'", "| head -c 100 >/dev/null;",
                    "echo ${PIPESTATUS[0]}"])
    out = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, env={**os.environ, "COLUMNS": "80"})
    assert out.stdout.strip() == "0", (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr and "Broken pipe" not in out.stderr


def test_universe_subcommands_have_examples_and_refuse_bad_arguments(tmp_path: Path) -> None:
    group = get_command(app).commands["universe"]  # type: ignore[attr-defined]
    assert set(group.commands) == {"list", "show", "diff", "fetch"}
    for name in group.commands:
        result = runner.invoke(app, ["universe", name, "--help"], env={"COLUMNS": "80"})
        assert result.exit_code == 0, name
        assert re.search(r"Example:\s+warstock universe " + name, result.output), name
        assert all(len(line) <= 80 for line in result.output.splitlines()), name
    for args in (["universe", "show", "nope"], ["universe", "diff", "sipri-top100-2024", "nope"],
                 ["universe", "fetch", "--fy", "1999"], ["universe", "fetch", "--top", "-1"],
                 ["universe", "fetch", "--base-url", "api.usaspending.gov"]):
        result = runner.invoke(app, [*args, "--home", str(tmp_path)])
        assert result.exit_code == 2 and result.output.strip(), args
    # the old name still lists the editions
    assert "sipri-top100-2024" in runner.invoke(app, ["universes", "--home", str(tmp_path)]).output
