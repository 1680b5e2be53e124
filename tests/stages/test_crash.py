"""What a hostile machine does to a build: `kill -9` mid-run, a read-only home, a full disk,
and a second build while one is running. Each is run for real, with the `warstock` command
in a subprocess, on a synthetic folder the tests draw (issue 10)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from ptrgen import Row, build_ptr
from synthetic import make_shared

WARSTOCK = [sys.executable, "-m", "warstock.cli"]
EXTRA = 150  # more PTRs, so that a build lasts long enough to be killed in the middle


def _data(tmp_path: Path) -> Path:
    data = make_shared(tmp_path)
    rows = [Row(["Lockheed Martin Corporation - Common Stock (LMT) [ST]"], "P", "03/03/2025", "03/04/2025",
                owner="SP")]
    for i in range(EXTRA):
        doc = str(21_000_000 + i)
        (data / "house" / "ptr" / f"{doc}.pdf").write_bytes(build_ptr(rows, name="Hon. Jane Q. Doe",
                                                                      filing_id=doc))
    return data


def _warstock(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*WARSTOCK, *args], capture_output=True, text=True, timeout=timeout)


def _rows(home: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    con = duckdb.connect(str(home / "warstock.duckdb"), read_only=True)
    try:
        trades = con.execute("SELECT * EXCLUDE (parser_version) FROM raw_house__transactions ORDER BY ALL").fetchall()
        docs = con.execute("SELECT source, doc_id, source_sha256, status, reason FROM raw_parse__documents "
                           "ORDER BY ALL").fetchall()
    finally:
        con.close()
    return trades, docs


def _descendants(pid: int) -> set[int]:
    out: set[int] = set()
    todo = [pid]
    while todo:
        p = todo.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                kids = [int(k) for k in (task / "children").read_text().split()]
            except OSError:
                continue
            out.update(kids)
            todo.extend(kids)
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to see the workers")
def test_kill_9_mid_build_leaves_no_worker_and_the_next_build_equals_a_clean_one(tmp_path: Path) -> None:
    data = _data(tmp_path)
    clean, killed = tmp_path / "clean", tmp_path / "killed"
    for home in (clean, killed):
        assert _warstock("ingest", str(data), "--home", str(home)).returncode == 0
    assert _warstock("build", "--home", str(clean), "--workers", "2").returncode == 0

    proc = subprocess.Popen([*WARSTOCK, "build", "--home", str(killed), "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = killed / "warstock.duckdb.wal"
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        workers |= _descendants(proc.pid)
        if wal.exists() and wal.stat().st_size > 200_000:  # documents are being loaded
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the build ended before it could be killed: make EXTRA larger"
    workers |= _descendants(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert workers, "no worker process was seen"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers), "workers outlived their killed parent"

    resumed = _warstock("build", "--home", str(killed), "--workers", "2")
    assert resumed.returncode == 0, resumed.stderr
    got, want = _rows(killed), _rows(clean)
    assert len(want[1]) >= EXTRA and got == want


def test_a_read_only_home_is_one_line_and_exit_3(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes through read-only permissions; the full-disk test covers exit 3")
    data = make_shared(tmp_path)
    home = tmp_path / "home"
    assert _warstock("ingest", str(data), "--home", str(home)).returncode == 0
    home.chmod(0o555)
    try:
        r = _warstock("build", "--home", str(home))
    finally:
        home.chmod(0o755)
    assert r.returncode == 3 and "Traceback" not in r.stderr


@pytest.fixture()
def small_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    mnt = tmp_path / "disk"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill (needs root): {r.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_a_full_disk_is_one_line_exit_3_and_leaves_no_temporary_file(tmp_path: Path, small_disk: Path) -> None:
    data = _data(tmp_path)
    big = build_ptr([Row(["Apple Inc. (AAPL) [ST]"])], filing_id="29999999") + b"\n%" + os.urandom(4_000_000)
    (data / "house" / "ptr" / "29999999.pdf").write_bytes(big)  # more than the 3 MB disk holds
    home = small_disk / "home"
    r = _warstock("ingest", str(data), "--home", str(home))
    assert r.returncode == 3, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and "No space left on device" in r.stderr
    assert not list(home.rglob(".incoming-*")), "a temporary file was left behind"
    # what was archived before the disk filled is intact: a build on a bigger disk reads it
    shutil.copytree(home, tmp_path / "moved")
    built = _warstock("build", "--home", str(tmp_path / "moved"))
    assert built.returncode in (0, 1), built.stderr
    assert "Traceback" not in built.stderr


def test_a_second_build_while_one_runs_is_refused_with_the_holder_named(tmp_path: Path) -> None:
    data = _data(tmp_path)
    home = tmp_path / "home"
    assert _warstock("ingest", str(data), "--home", str(home)).returncode == 0
    first = subprocess.Popen([*WARSTOCK, "build", "--home", str(home), "--workers", "1"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wal = home / "warstock.duckdb.wal"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and first.poll() is None and not wal.exists():
            time.sleep(0.02)
        assert first.poll() is None, "the first build ended too soon"
        second = _warstock("build", "--home", str(home))
        assert second.returncode == 3, (second.returncode, second.stderr)
        assert f"pid {first.pid}" in second.stderr and "Traceback" not in second.stderr
    finally:
        first.wait(timeout=300)
    assert first.returncode == 0
