"""Speed of `warstock serve` under 20 concurrent clients on 127.0.0.1, and a schemathesis run
against its OpenAPI document counting 5xx answers.

    python benchmarks/speed_web.py [--home H] [--clients 20] [--rounds 25] [--examples 25]

Starts the server on a free port (the local warehouse of --home, else the embedded snapshot),
then waits until /healthz says the server has warmed its caches (it asks itself for its
default pages, every member with a trade, every company and key vote at start), then: (1)
first visits — every URL once, 20 at a time (answers the warming did not cover are
computed); (2) steady state — each client asks ROUNDS random URLs of the same set (answers
then come from the server's cache, as a reader clicking around would get them); then, for
information, URLs no warming covers (cold_urls), each once; and (4) "shared link": URLs no
phase asked before (shared_urls), each asked by all clients at once, one after another (a link
in a story, its first readers arriving together: the server computes it once, SingleFlight).
p50/p95/max for HTML pages and API calls separately. (3) schemathesis
generates requests from /openapi.json (--checks not_a_server_error) and every response in its
HAR log with status >= 500 is counted. Results go to benchmarks/results/speed_web.txt.
Only 127.0.0.1 is contacted; every loop is bounded.

Side by side (--baseline REF, default f0ebe42; --baseline none to skip): the same phases
against the code of commit REF (its src/ extracted with `git archive` into a temporary folder
and served with PYTHONPATH pointing at it), in the same invocation on the same data. Both
servers are started and warmed first; then each phase runs against the baseline, then the
current code, one server at a time (the idle one uses no CPU), so the two figures come from
one machine state. The load average is printed with each phase.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "speed_web.txt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def code_env(src: Path) -> dict[str, str]:
    """The environment that makes ``python -m warstock.cli`` import the package from ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    found = subprocess.run([sys.executable, "-c", "import warstock; print(warstock.__file__)"], env=env,
                           capture_output=True, text=True, check=True).stdout.strip()
    if not Path(found).resolve().is_relative_to(src.resolve()):
        raise SystemExit(f"PYTHONPATH={src} imports warstock from {found}")
    return env


def baseline_src(ref: str) -> tuple[Path, str]:
    """src/ of commit ``ref``, extracted once into a temporary folder; (its path, the full hash)."""
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", f"{ref}^{{commit}}"], capture_output=True,
                         text=True, check=True).stdout.strip()
    where = Path(tempfile.gettempdir()) / f"warstock-web-base-{sha[:12]}"
    if not (where / "src" / "warstock" / "__init__.py").exists():
        where.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", sha, "src"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(where)], input=archive.stdout, check=True)
    return where / "src", sha


def launch(home: str | None, port: int, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[bytes], Path]:
    """Start `warstock serve` (not waiting for it); the process and its log."""
    cmd = [sys.executable, "-m", "warstock.cli", "serve", "--port", str(port)] + (["--home", home] if home else [])
    log = Path(tempfile.mkdtemp()) / "serve.log"
    with open(log, "wb") as out:  # the child keeps its own handle
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    print(f"server log: {log}", file=sys.stderr)
    return proc, log


def wait_up(proc: subprocess.Popen[bytes], log: Path, port: int, limit: float = 300) -> None:
    """Wait until the server answers /healthz (at most ``limit`` s)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return
        except httpx.HTTPError:
            if proc.poll() is not None:
                raise SystemExit(log.read_text()) from None
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"server did not start in {limit:.0f} s")


def wait_warm(base: str, limit: float = 300) -> dict[str, Any]:
    """Wait (at most ``limit`` s) until the server has warmed its caches (/healthz says so)."""
    deadline = time.monotonic() + limit
    health: dict[str, Any] = {}
    while time.monotonic() < deadline:
        health = httpx.get(f"{base}/healthz", timeout=5).json()
        if health.get("warm") in ("done", "off", None):
            break
        time.sleep(0.5)
    return health


def urls(base: str) -> list[str]:
    """Pages and their API twins over the members, companies and votes the data has."""
    ov = httpx.get(f"{base}/api/overview", params={"year": 2025}, timeout=60).json()
    members = [m["member_id_bioguide"] for m in ov["members"] if m["member_id_bioguide"]][:12]
    companies = [c["issuer_id"] for c in ov["by_company"]][:12]
    votes = [v["vote_id"] for v in httpx.get(f"{base}/api/votes", timeout=60).json()["votes"]][-10:]
    paths = ["/?year=2025", "/?year=2024", "/?year=2025&chamber=house", "/?year=2025&party=Democrat",
             "/?year=2025&committees=defense", "/votes", "/coverage?year=2025", "/late?year=2025",
             "/conflicts?year=2025", "/trades?year=2025&chamber=senate"]
    paths += [f"/member/{m}" for m in members] + [f"/company/{c}" for c in companies]
    paths += [f"/company/{c}?year=2025" for c in companies[:5]] + [f"/vote/{v}" for v in votes]
    paths += [f"/search?q={q}" for q in ("gott", "lockheed", "RTX", "khanna", "boeing")]
    paths += [f"/trades?year=2025&member={m}" for m in members[:5]]
    api = []
    for p in paths:
        if p.startswith("/?"):
            api.append("/api/overview?" + p[2:])
        elif not p.startswith("/api"):
            api.append("/api" + p)
    return paths + api


def cold_urls(base: str) -> list[str]:
    """Pages and API calls no warming covers (filters and windows off the defaults, members with
    no trade, words not searched before): what a first visitor clicking filters meets. Not in
    the target's figures above (the same URLs twice would be remembered); printed apart."""
    ov = httpx.get(f"{base}/api/overview", params={"year": 2025}, timeout=60).json()
    members = [m["member_id_bioguide"] for m in ov["members"] if m["member_id_bioguide"]][:8]
    companies = [c["issuer_id"] for c in ov["by_company"]][:8]
    paths = [f"/member/{m}?window=29" for m in members]
    paths += [f"/company/{c}?year=2024&chamber=house" for c in companies]
    paths += [f"/?year=2024&party={p}&chamber={c}" for p in ("Democrat", "Republican") for c in ("house", "senate")]
    paths += [f"/trades?year=2024&issuer={c}" for c in companies[:4]]
    paths += [f"/conflicts?year=2024&window={w}" for w in (7, 14)]
    paths += [f"/search?q={q}" for q in ("smith", "north", "general", "jo", "pel", "tuber")]
    found = httpx.get(f"{base}/api/search", params={"q": "a"}, timeout=60).json()["members"]
    paths += [f"/member/{m['member_id_bioguide']}" for m in found if not m["trades"]][:6]
    out = []
    for p in paths:
        out.append(p)
        out.append("/api/overview?" + p[2:] if p.startswith("/?") else "/api" + p)
    return out


def shared_urls(base: str) -> list[str]:
    """URLs neither the warming nor cold_urls asks (other windows and years), each to be asked
    by every client at once: a link shared widely, its first readers arriving together."""
    ov = httpx.get(f"{base}/api/overview", params={"year": 2025}, timeout=60).json()
    members = [m["member_id_bioguide"] for m in ov["members"] if m["member_id_bioguide"]][:4]
    companies = [c["issuer_id"] for c in ov["by_company"]][:3]
    paths = [f"/member/{m}?window=11" for m in members]
    paths += [f"/company/{c}?year=2023&party=Republican" for c in companies]
    paths += ["/?year=2023&party=Republican&chamber=house", "/conflicts?year=2023&window=21"]
    return [u for p in paths for u in (p, "/api/overview?" + p[2:] if p.startswith("/?") else "/api" + p)]


async def run_shared(base: str, todo: list[str], clients: int) -> list[tuple[str, float, int]]:
    """Each URL asked by all ``clients`` at once (one kept-alive connection each), one URL after
    another."""
    host, port = base.removeprefix("http://").split(":")
    conns = [await asyncio.open_connection(host, int(port)) for _ in range(clients)]
    out: list[tuple[str, float, int]] = []

    async def one(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, u: str) -> None:
        t = time.perf_counter()
        try:
            status = await asyncio.wait_for(light_get(reader, writer, u), 120)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            status = 599
        out.append((u, (time.perf_counter() - t) * 1000, status))

    try:
        for u in todo:
            await asyncio.gather(*(one(r, w, u) for r, w in conns))
    finally:
        for _, w in conns:
            w.close()
    return out


async def light_get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, url: str) -> int:
    """One GET on a kept-alive connection, the body read whole (Content-Length or chunked); the
    status. A bare HTTP/1.1 client: httpx spends ~3 ms of CPU per answer, more than the server."""
    writer.write(f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def run_light(base: str, todo: list[str], clients: int) -> list[tuple[str, float, int]]:
    out: list[tuple[str, float, int]] = []
    queue: asyncio.Queue[str] = asyncio.Queue()
    for u in todo:
        queue.put_nowait(u)
    host, port = base.removeprefix("http://").split(":")

    async def client() -> None:
        reader, writer = await asyncio.open_connection(host, int(port))
        try:
            while not queue.empty():
                u = queue.get_nowait()
                t = time.perf_counter()
                try:
                    status = await asyncio.wait_for(light_get(reader, writer, u), 120)
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                    status = 599
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, int(port))
                out.append((u, (time.perf_counter() - t) * 1000, status))
        finally:
            writer.close()

    await asyncio.gather(*(client() for _ in range(clients)))
    return out


def cpu_seconds(pid: int | None = None) -> float:
    """CPU time (user + system) of this process, or of process ``pid``."""
    if pid is None:
        import resource

        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measured(fn: Any, pid: int) -> tuple[Any, str]:
    c, s, t = cpu_seconds(), cpu_seconds(pid), time.monotonic()
    got = fn()
    c, s, t = cpu_seconds() - c, cpu_seconds(pid) - s, time.monotonic() - t
    return got, f"{t:.1f} s wall, CPU: server {s:.2f} s, client {c:.2f} s"


async def run(base: str, todo: list[str], clients: int) -> list[tuple[str, float, int]]:
    out: list[tuple[str, float, int]] = []
    queue: asyncio.Queue[str] = asyncio.Queue()
    for u in todo:
        queue.put_nowait(u)

    async def client() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=120) as c:
            while not queue.empty():
                u = queue.get_nowait()
                t = time.perf_counter()
                try:
                    r = await c.get(u)
                    await r.aread()
                    status = r.status_code
                except httpx.HTTPError:  # the connection failed: counted as a server error
                    status = 599
                out.append((u, (time.perf_counter() - t) * 1000, status))

    await asyncio.gather(*(client() for _ in range(clients)))
    return out


def stats(got: list[tuple[str, float, int]]) -> dict[str, tuple[int, float, float, float, int]]:
    """Per kind (pages, api): n, p50, p95, max (ms) and answers >= 500."""
    out = {}
    for kind, pick in (("pages", lambda u: not u.startswith("/api")), ("api", lambda u: u.startswith("/api"))):
        ms = sorted(t for u, t, _ in got if pick(u))
        if not ms:
            continue
        p95 = ms[min(len(ms) - 1, int(round(0.95 * len(ms))) - 1)]
        errors = sum(1 for u, _, s in got if pick(u) and s >= 500)
        out[kind] = (len(ms), statistics.median(ms), p95, ms[-1], errors)
    return out


def summary(name: str, got: list[tuple[str, float, int]]) -> list[str]:
    return [f"{name:13} {kind:5}  n={n:5}  p50={p50:7.1f} ms  p95={p95:7.1f} ms  max={top:7.1f} ms  5xx={errors}"
            for kind, (n, p50, p95, top, errors) in stats(got).items()]


def schemathesis(base: str, examples: int) -> tuple[list[str], dict[str, Any]]:
    har = Path(tempfile.mkdtemp()) / "st.har"
    cmd = [str(Path(sys.executable).with_name("schemathesis")), "run", f"{base}/openapi.json",
           "--checks", "not_a_server_error", "-n", str(examples), "--seed", "14", "--workers", "1",
           "--report", "har", "--report-har-path", str(har), "--no-color"]
    t = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    took = time.monotonic() - t
    entries = json.loads(har.read_text())["log"]["entries"] if har.exists() else []
    statuses: dict[str, int] = {}
    for e in entries:
        key = f"{e['response']['status'] // 100}xx"
        statuses[key] = statuses.get(key, 0) + 1
    five = [f"{e['request']['url']} -> {e['response']['status']}" for e in entries if e["response"]["status"] >= 500]
    tail = [line for line in done.stdout.splitlines() if line.strip()][-6:]
    lines = [f"schemathesis {examples} examples per operation, seed 14: {len(entries)} requests in {took:.0f} s; "
             f"by status: {json.dumps(dict(sorted(statuses.items())))}; 5xx: {len(five)} (exit {done.returncode})",
             *[f"  5xx: {x}" for x in five[:20]], *[f"  | {x}" for x in tail]]
    return lines, statuses


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


class Target:
    """One server under test: which code, its process, what its start and warming took."""

    def __init__(self, label: str, code: str, env: dict[str, str], home: str | None) -> None:
        self.label, self.code, self.env, self.home = label, code, env, home
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.t0 = time.monotonic()
        self.proc, self.log = launch(home, self.port, env)
        self.started = 0.0
        self.health: dict[str, Any] = {}
        self.warmed = 0.0
        self.lines: list[str] = []
        self.p95: dict[str, float] = {}

    def up(self) -> None:
        wait_up(self.proc, self.log, self.port)
        self.started = time.monotonic() - self.t0

    def warm(self) -> None:
        t = time.monotonic()
        self.health = wait_warm(self.base)
        self.warmed = time.monotonic() - t

    def phase(self, name: str, fn: Any) -> list[tuple[str, float, int]]:
        got, cpu = measured(fn, self.proc.pid)
        self.lines += [*summary(name, got), f"{'':13} ({cpu}; {load()})"]
        for kind, figures in stats(got).items():
            self.p95[f"{name} {kind}"] = figures[2]
        return got

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", default=None, help="warstock home (default: the embedded snapshot)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=25, help="requests per client in the steady phase")
    ap.add_argument("--examples", type=int, default=25)
    ap.add_argument("--baseline", default="f0ebe42", help="commit to measure beside the current code ('none': skip)")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"], capture_output=True,
                          text=True).stdout.strip() or "?"
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"], capture_output=True,
                           text=True).stdout.strip()
    plans = []
    if args.baseline.lower() != "none":
        src, sha = baseline_src(args.baseline)
        plans.append(("baseline", f"commit {sha[:12]} ({src})", code_env(src)))
    plans.append(("current", f"this tree, HEAD {head}{' with uncommitted changes in src/' if dirty else ''}",
                  code_env(ROOT / "src")))
    began = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    targets: list[Target] = []
    st_lines: dict[str, list[str]] = {}
    firsts: dict[str, list[tuple[str, float, int]]] = {}
    steadies: dict[str, list[tuple[str, float, int]]] = {}
    colds: dict[str, list[tuple[str, float, int]]] = {}
    try:
        for label, code, env in plans:  # started together, warmed together
            targets.append(Target(label, code, env, args.home))
        for t in targets:
            t.up()
        for t in targets:
            t.warm()
        before = load()
        todo = urls(targets[-1].base)
        rng = random.Random(14)
        picks = [rng.choice(todo) for _ in range(args.clients * args.rounds)]
        for t in targets:
            firsts[t.label] = t.phase("first visits", lambda b=t.base: asyncio.run(run_light(b, todo, args.clients)))
        for t in targets:
            steadies[t.label] = t.phase("steady", lambda b=t.base: asyncio.run(run_light(b, picks, args.clients)))
        cold = cold_urls(targets[-1].base)
        for t in targets:
            colds[t.label] = t.phase("cold (info)", lambda b=t.base: asyncio.run(run_light(b, cold, args.clients)))
        shared = shared_urls(targets[-1].base)
        for t in targets:
            t.phase("shared link", lambda b=t.base: asyncio.run(run_shared(b, shared, args.clients)))
        for t in targets:
            t.phase("steady httpx", lambda b=t.base: asyncio.run(run(b, picks, args.clients)))
        for t in targets:
            st_lines[t.label], _ = schemathesis(t.base, args.examples)
    finally:
        for t in targets:
            t.stop()
    lines = [f"warstock serve, {args.clients} concurrent clients on 127.0.0.1, 2 cores shared by server and clients; "
             f"data: {args.home or 'embedded snapshot'}; run {began}; {before} (after warming)",
             f"{len(todo)} distinct URLs (pages and their /api twins); load generator: a bare asyncio HTTP/1.1 "
             "client, one kept-alive connection per client (and the same steady requests through httpx.AsyncClient)",
             ""]
    if len(targets) == 2:
        a, b = targets
        lines += [f"p95 side by side (ms): {a.label} = {a.code}; {b.label} = {b.code}",
                  f"  {'':22} {a.label:>10} {b.label:>10}"]
        lines += [f"  {k:22} {a.p95.get(k, float('nan')):10.1f} {b.p95.get(k, float('nan')):10.1f}" for k in b.p95]
        lines.append("")
    for t in targets:
        slow = sorted(firsts[t.label], key=lambda x: -x[1])[:5]
        slow_cold = sorted(colds[t.label], key=lambda x: -x[1])[:5]
        errors = sorted({u for u, _, s in firsts[t.label] + steadies[t.label] + colds[t.label] if s >= 500})
        not_ok = sorted({f"{u} {s}" for u, _, s in colds[t.label] if s != 200})
        lines += [f"== {t.label}: {t.code}",
                  f"server start (copy into memory; both servers at once) {t.started:.1f} s; warming after start: "
                  f"{t.health.get('warm')} in {t.health.get('seconds')} s, {t.health.get('warmed')} URLs, "
                  f"{t.health.get('remembered')} answers, {t.health.get('remembered_bytes', 0) / 1e6:.0f} MB",
                  *t.lines,
                  "slowest first visits: " + "; ".join(f"{u} {ms:.0f} ms" for u, ms, _ in slow),
                  "slowest cold (info): " + "; ".join(f"{u} {ms:.0f} ms" for u, ms, _ in slow_cold),
                  "URLs answering 5xx: " + (", ".join(errors) or "none"),
                  "cold URLs not answering 200: " + (", ".join(not_ok) or "none"),
                  *st_lines.get(t.label, []), ""]
    text = "\n".join(lines)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
