"""Screenshots for the README, from the example data.

    python scripts/screenshots.py            # docs/dashboard.png, register.png, report_kk.png
    python scripts/screenshots.py report_kk  # only some of them

Starts each page with the shipped Voila configuration (or builds the monthly report of
2025-06 in Kazakh) and photographs it in headless Debian Chromium with every non-local
request blocked (so the pictures also prove the pages are offline).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mics_budget.config import DataDir  # noqa: E402
from mics_budget.web.server import free_port, voila_command, voila_env, wait_until_up  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def shoot(register: bool, target: Path, ready: str) -> None:
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = subprocess.Popen(voila_command(register, port=port),
                              env=voila_env(DataDir.resolve(None)), start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(url, 60)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1500})
            page.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url
                       or r.request.url.startswith(("data:", "blob:")) else r.abort())
            page.goto(url)
            page.wait_for_selector(ready, timeout=120_000)
            time.sleep(2)
            page.screenshot(path=str(target))
            browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
    print(target)


def shoot_report(target: Path, month: str = "2025-06", lang: str = "kk") -> None:
    """The top of the monthly report in ``lang``: title, headline table and chart."""
    from playwright.sync_api import sync_playwright

    from mics_budget.report.runner import run_report

    with tempfile.TemporaryDirectory() as out:
        folder = run_report(month, DataDir.resolve(None), lang, Path(out))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=ARGS)
            page = browser.new_page(viewport={"width": 1220, "height": 900})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
                ("file:", "data:")) else r.abort())
            page.goto((folder / f"mics-report-{month}.html").as_uri())
            page.wait_for_selector("figure.mics-chart svg")
            bottom = page.evaluate("document.querySelector('figure.mics-chart')"
                                   ".getBoundingClientRect().bottom")
            page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": 1220,
                                                    "height": int(bottom) + 10})
            browser.close()
    print(target)


def main(argv: list[str]) -> int:
    docs = ROOT / "docs"
    docs.mkdir(exist_ok=True)
    wanted = set(argv) or {"dashboard", "register", "report_kk"}
    if "dashboard" in wanted:
        shoot(False, docs / "dashboard.png",
              ".mics-chart-gantt svg.marks, .mics-chart-gantt canvas")
    if "register" in wanted:
        shoot(True, docs / "register.png", ".mics-form select")
    if "report_kk" in wanted:
        shoot_report(docs / "report_kk.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
