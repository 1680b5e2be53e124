"""The shipped universe is what scripts/build_universe.py builds from ../shared/data/contractors
(read in place): rebuilt into a temporary folder, every generated CSV equals the committed one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from warstock.settings import package_data

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def test_shipped_universe_is_the_build_of_the_shared_lists(shared_data: Path, tmp_path: Path) -> None:
    if not (shared_data / "contractors" / "contractors_all_normalized.csv").is_file():
        pytest.skip("../shared/data/contractors not found: the lists are read in place")
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_universe.py"), "--shared", str(shared_data),
                        "--out", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert "list rows not in any edition" not in r.stdout  # every list row has an edition
    for name in ("issuers.csv", "tickers.csv", "aliases.csv", "memberships.csv", "editions.csv"):
        assert (tmp_path / name).read_text(encoding="utf-8") == \
            (package_data("universe") / name).read_text(encoding="utf-8"), name
