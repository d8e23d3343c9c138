"""Benchmark of the Voila dashboard in headless Chromium (Debian's chromium, offline).

    python benchmarks/bench_dashboard.py [--repeat 3]

Starts, with the same shipped configuration (pre-heated kernels, the offline template), the
dashboard and a bare Voila page holding one offline ``alt.JupyterChart``; times the first
chart of each (page load to the first drawn chart), then the time from a click on the
funding-source filter to the updated figures. Targets (docs/benchmarks.md): first chart
<= 1.3 x the bare page; filter change <= 200 ms.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mics_budget.config import DataDir  # noqa: E402
from mics_budget.server import (  # noqa: E402
    free_port,
    voila_command,
    voila_env,
    wait_until_up,
)

BARE = """import altair as alt
import pandas as pd
alt.JupyterChart.enable_offline(True)
alt.JupyterChart(alt.Chart(pd.DataFrame({"a": ["x", "y"], "b": [1, 2]})).mark_bar().encode(
    x="a", y="b"))"""
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CHART = "svg.marks, canvas"


def start(command: list[str], env: dict) -> subprocess.Popen:
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    return process


def wait(url: str) -> None:
    wait_until_up(url, 60)
    time.sleep(3)  # let the pre-heated kernel fill the pool


def first_chart(browser, url: str) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url
               or r.request.url.startswith(("data:", "blob:")) else r.abort())
    start_time = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(CHART, timeout=120_000)
    elapsed = time.perf_counter() - start_time
    return elapsed, page


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    env = voila_env(DataDir.resolve(None))
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.ipynb"
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(BARE)])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                           "language": "python"}
        nbformat.write(notebook, bare)
        p_dash, p_bare = free_port(), free_port()
        dash_cmd = voila_command(port=p_dash)
        bare_cmd = [*voila_command(port=p_bare)]
        bare_cmd[3] = str(bare)
        servers = [start(dash_cmd, env), start(bare_cmd, env)]
        try:
            url_dash, url_bare = f"http://127.0.0.1:{p_dash}/", f"http://127.0.0.1:{p_bare}/"
            wait(url_dash)
            wait(url_bare)
            dash_times, bare_times, filter_times = [], [], []
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                     args=ARGS)
                for _ in range(args.repeat):
                    elapsed, page = first_chart(browser, url_bare)
                    bare_times.append(elapsed)
                    page.close()
                    time.sleep(3)
                    elapsed, page = first_chart(browser, url_dash)
                    dash_times.append(elapsed)
                    page.wait_for_selector(".mics-figure")
                    before = page.locator(".mics-figure").count()
                    button = "РБ" if len(filter_times) % 2 == 0 else "ЮНИСЕФ"
                    start_time = time.perf_counter()
                    page.get_by_role("button", name=button, exact=True).click()
                    page.wait_for_function(
                        "n => document.querySelectorAll('.mics-figure').length !== n",
                        arg=before, timeout=30_000, polling="raf")
                    filter_times.append(time.perf_counter() - start_time)
                    page.close()
                    time.sleep(3)
                browser.close()
        finally:
            for server in servers:
                os.killpg(server.pid, signal.SIGTERM)
    bare_s, dash_s = statistics.median(bare_times), statistics.median(dash_times)
    print(f"bare Voila page, first chart: {bare_s:.2f} s")
    print(f"dashboard, first chart: {dash_s:.2f} s")
    print(f"ratio: {dash_s / bare_s:.2f} x (target <= 1.3 x)")
    print(f"filter change to updated figures: {1000 * statistics.median(filter_times):.0f} ms "
          "(target <= 200 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
