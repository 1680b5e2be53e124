"""The dashboard in a real browser: Debian's chromium driven by Playwright against a real
`warstock serve` on 127.0.0.1, with axe-core (shipped inside axe-playwright-python, so no
network) checking labels, contrast and the rest. Each test takes a screenshot of its page;
they go to a temporary folder, and to tests/web/screenshots/ (the ones kept in the repository)
when WARSTOCK_SCREENSHOTS=tests/web/screenshots is set, so a test run leaves the tree as it was.
Skips, saying why, where chromium or Playwright is missing (`./ws test` installs Debian's chromium).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(os.environ.get("WARSTOCK_SCREENSHOTS") or Path(tempfile.gettempdir()) / "warstock-screenshots")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (/usr/bin/chromium): `./ws test` installs it; "
                "the browser tests are skipped", allow_module_level=True)
playwright = pytest.importorskip("playwright.sync_api", reason="playwright not installed (pip install -e '.[dev]')")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(home: Path) -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "warstock.cli", "serve", "--port", str(port), "--home", str(home)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    raise AssertionError(proc.stdout.read().decode() if proc.stdout else "server exited") from None
                time.sleep(0.1)
        else:
            raise AssertionError("server did not start in 15 s")
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with playwright.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=ARGS, headless=True,
            viewport={"width": 1100, "height": 800}, accept_downloads=True)
        yield context
        context.close()


def _axe(page: Any) -> list[str]:
    """Serious and critical axe-core violations on the page."""
    results = axe_module.Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def _visit(browser: Any, url: str, shot: str) -> Any:
    page = browser.new_page()
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{shot}.png"))
    assert _axe(page) == [], url
    return page


def test_overview(server: str, browser: Any) -> None:
    page = _visit(browser, server + "/?year=2025", "overview")
    assert page.locator("h1").inner_text() == "Universe trades by members of Congress, 2025"
    assert page.locator("section#s-members, section[aria-labelledby='s-members'] tbody tr").count() == 3
    assert page.locator("aside.coverage").inner_text().count("PTRs in the Clerk's index") >= 1
    # the filter form keeps its state in the URL
    page.select_option("#f-chamber", "senate")
    page.click("form.filters button")
    page.wait_for_url("**chamber=senate**")
    assert page.locator("section[aria-labelledby='s-members'] tbody tr").count() == 1
    page.close()


def test_keyboard_reaches_search(server: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    for _ in range(10):  # through the navigation to the search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("Doe")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=Doe")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "search.png"))
    assert _axe(page) == []
    page.click("text=Jane Q. Doe")
    page.wait_for_url("**/member/D000001**")
    page.close()


def test_member_company_vote_pages(server: str, browser: Any) -> None:
    member = _visit(browser, server + "/member/D000001", "member")
    assert member.locator("figure svg").count() == 1  # the seat timeline
    filing = member.locator("section[aria-labelledby='s-universe_trades'] tbody a[href^='https://']").first
    assert filing.get_attribute("href").startswith("https://disclosures-clerk.house.gov/")
    member.close()
    company = _visit(browser, server + "/company/lmt", "company")
    assert "Jane Q. Doe" in company.locator("section[aria-labelledby='s-members']").inner_text()
    company.close()
    vote = _visit(browser, server + "/vote/h7-119.2025", "vote")
    assert "Yea" in vote.locator("section[aria-labelledby='s-tally']").inner_text()
    vote.close()


def test_download_from_a_page(server: str, browser: Any, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(server + "/?year=2025")
    with page.expect_download() as info:
        page.locator("section[aria-labelledby='s-members'] .downloads a", has_text="CSV").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    lines = target.read_text().splitlines()
    assert lines[0].startswith("member_key,member_id_bioguide") and len(lines) == 1 + 3
    page.close()


def test_html_report_from_file(home: Path, browser: Any, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    env = {**os.environ, "COLUMNS": "100"}
    done = subprocess.run([sys.executable, "-m", "warstock.cli", "report", "--year", "2025", "--html", str(out),
                           "--home", str(home)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    assert [u for u in requests if not u.startswith("file://")] == []  # nothing fetched
    assert page.locator("h2#s-method").inner_text() == "Methodology"
    page.screenshot(path=str(SHOTS / "report.png"))
    assert _axe(page) == []
    page.emulate_media(media="print")
    assert page.locator("header.site").count() == 0 or not page.locator("header.site").is_visible()
    page.close()


def test_axe_finds_what_it_should(browser: Any) -> None:
    # the check can fail: an unlabelled input and a low-contrast line are serious violations
    page = browser.new_page()
    page.set_content('<html lang="en"><title>t</title><main><input type="text">'
                     '<p style="color:#ccc;background:#fff">faint</p></main></html>')
    found = " ".join(_axe(page))
    assert "label" in found and "color-contrast" in found
    page.close()
