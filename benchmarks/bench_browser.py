"""The dashboard and the register app in headless Chromium (Debian's, every non-local request
blocked), against a bare Voila page holding one offline ``alt.JupyterChart``.

Times are taken in the page (``performance.now()``, MutationObserver), not by polling from
Python:

- first chart: from navigation start to the first drawn chart (``svg.marks`` or ``canvas``;
  in the dashboard inside ``.mics-chart-overview``), for the dashboard and the bare page,
  served alike (``server.voila_command``: the ``mics`` template, pre-heated kernels); each page
  in a new browser context (nothing cached), the servers idle before each load (the pool of
  pre-heated kernels refilled: their CPU time stopped growing);
- filter change: from the click on a funding-source button to (a) the headline figures'
  ``data-value`` attributes changed and (b) the last change of the two charts' DOM, once
  they have been quiet for ``QUIET_MS``;
- register app (``mics-budget dashboard --register`` on a copy of the example data with one
  lot added for the benchmark): navigation start to the form's lot dropdown; then a valid
  next step of that lot (announced → evaluation → unsuccessful → announced …, dated today)
  saved, from the click on save to the register table's HTML changed.

Every server runs in its own process group and is stopped (SIGTERM to the group) at the end,
whatever happens.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import harness
from harness import BIN, Failed, Series

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
BARE = """import altair as alt
import pandas as pd
alt.JupyterChart.enable_offline(True)
alt.JupyterChart(alt.Chart(pd.DataFrame({"a": ["x", "y"], "b": [1, 2]})).mark_bar().encode(
    x="a", y="b"))"""
DASH_CHART = ".mics-chart svg.marks"
BARE_CHART = "svg.marks, canvas"
FORM = ".mics-register-view table"  # the app opens on the register tab
QUIET_MS = 1500
PAGE_TIMEOUT_MS = 120_000
BENCH_LOT = "BENCH-1"
NEXT_STEP = {"planned": "announced", "announced": "evaluation", "evaluation": "unsuccessful",
             "unsuccessful": "announced"}

FIRST_SEEN = """(selector) => {
  window.__bench = {first: null};
  const look = (obs) => {
    if (window.__bench.first === null && document.querySelector(selector)) {
      window.__bench.first = performance.now();
      if (obs) obs.disconnect();
    }
  };
  new MutationObserver((_, obs) => look(obs)).observe(document, {childList: true,
                                                                  subtree: true});
}"""

FILTER_JS = """async ({index, timeout, quiet}) => {
  const sig = () => Array.from(document.querySelectorAll('.mics-figure')).map(
      e => `${e.dataset.source}/${e.dataset.measure}=${e.dataset.value}`).join('|');
  const groups = document.querySelectorAll('.mics-filters .widget-toggle-buttons');
  const button = groups.length ? groups[0].querySelectorAll('button')[index] : null;
  if (!button) throw new Error('no source filter button ' + index);
  const charts = Array.from(document.querySelectorAll('.mics-chart'));
  if (!charts.length) throw new Error('no chart panels');
  const before = sig();
  return await new Promise((resolve, reject) => {
    let figures = null, chart = null, lastAt = null, firstChart = null;
    const panels = {};
    const t0 = performance.now();
    const figObs = new MutationObserver(() => {
      if (figures === null && sig() !== before) figures = performance.now() - t0;
    });
    figObs.observe(document.body, {childList: true, subtree: true, attributes: true,
                                   characterData: true});
    const chartObs = new MutationObserver((records) => {
      lastAt = performance.now(); chart = lastAt - t0;
      if (firstChart === null) firstChart = chart;
      for (const c of charts) if (records.some(r => c.contains(r.target)))
        panels[c.className.match(/mics-chart-[a-z_]+/)[0]] = chart;
    });
    for (const c of charts) chartObs.observe(c, {childList: true, subtree: true,
                                                attributes: true, characterData: true});
    const stop = () => { figObs.disconnect(); chartObs.disconnect(); clearInterval(tick); };
    const tick = setInterval(() => {
      const now = performance.now();
      if (figures !== null && chart !== null && now - lastAt >= quiet) {
        stop(); resolve({figures, charts: chart, panels: {...panels, first_change: firstChart}});
      } else if (now - t0 > timeout) {
        stop();
        reject(new Error(`after ${timeout} ms: figures ${figures}, charts ${chart}`));
      }
    }, 25);
    button.click();
  });
}"""

SAVE_JS = """async ({timeout}) => {
  const table = Array.from(document.querySelectorAll('.mics-register-view .widget-html')).find(
      e => e.querySelector('table'));
  if (!table) throw new Error('no register table');
  const button = document.querySelector('.mics-form button.mod-primary') ||
      document.querySelector('.mics-form button');
  if (!button) throw new Error('no save button');
  const before = table.innerHTML;
  return await new Promise((resolve, reject) => {
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      if (table.innerHTML !== before) {
        obs.disconnect(); clearTimeout(timer); resolve(performance.now() - t0);
      }
    });
    obs.observe(table, {childList: true, subtree: true, attributes: true,
                        characterData: true});
    const timer = setTimeout(() => {
      obs.disconnect();
      const error = document.querySelector('.mics-form .mics-error');
      reject(new Error('register table unchanged after ' + timeout + ' ms'
                       + (error ? ': ' + error.textContent : '')));
    }, timeout);
    button.click();
  });
}"""


# --- servers ---------------------------------------------------------------------------------
def wait_idle(pids: list[int], quiet: float = 1.0, busy: float = 0.05,
              timeout: float = 90) -> float:
    """Wait until the server trees used less than ``busy`` CPU seconds over ``quiet``
    seconds (pre-heated kernels ready); returns the seconds waited."""
    start = time.monotonic()
    time.sleep(0.5)
    last = sum(harness.cpu_tree(p) for p in pids)
    while time.monotonic() - start < timeout:
        time.sleep(quiet)
        now = sum(harness.cpu_tree(p) for p in pids)
        if now - last < busy:
            break
        last = now
    return time.monotonic() - start


@contextmanager
def server(command: list[str], env: dict, port: int, log: Path):
    """A Voila server (own process group) on ``port``; always stopped."""
    from mics_budget.web.server import wait_until_up

    with log.open("w") as fh:
        process = subprocess.Popen(command, env=env, stdout=fh, stderr=subprocess.STDOUT,
                                   start_new_session=True, cwd=harness.ROOT)
    try:
        url = f"http://127.0.0.1:{port}/"
        try:
            wait_until_up(url, 90)
        except TimeoutError as exc:
            tail = log.read_text(errors="replace").strip().splitlines()[-3:]
            raise Failed(f"{exc}: {' | '.join(tail)[:300]}") from None
        yield process, url
    finally:
        harness.stop_group(process)


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def route(r) -> None:
    url = r.request.url
    local = url.startswith(("data:", "blob:", "about:")) or any(
        url.startswith(f"{scheme}://{host}") for scheme in ("http", "ws")
        for host in ("127.0.0.1", "localhost"))
    if local:
        r.continue_()
    else:
        r.abort()


def open_page(browser, url: str, selector: str):
    """A new context and page; returns (page, seconds from navigation start to the first
    element matching ``selector``, as seen in the page)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", route)
    page = context.new_page()
    page.add_init_script(f"({FIRST_SEEN})({json.dumps(selector)})")
    try:
        page.goto(url, wait_until="commit", timeout=PAGE_TIMEOUT_MS)
        page.wait_for_selector(selector, state="visible", timeout=PAGE_TIMEOUT_MS)
        first = page.evaluate("() => window.__bench.first")
    except Exception:
        context.close()
        raise
    if first is None:
        context.close()
        raise Failed("the first chart was not seen by the page's observer")
    return page, first / 1000


def close(page) -> None:
    with suppress(Exception):
        page.context.close()


# --- the dashboard -----------------------------------------------------------------------------
def dashboard(repeat: int, changes: int = 2, warmup: int = 1) -> dict:
    """First chart of the dashboard and of the bare page (interleaved), then ``changes``
    filter changes per dashboard page."""
    import nbformat

    from mics_budget.config import DataDir
    from mics_budget.web.server import free_port, voila_command, voila_env

    results = {"bare_first": Series(), "dash_first": Series(), "figures": Series(),
               "charts": Series(), "panels": [], "errors": []}
    with tempfile.TemporaryDirectory(prefix="mics-bench-voila-") as tmp:
        bare = Path(tmp) / "bare.ipynb"
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(BARE)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        nbformat.write(nb, bare)
        p_dash, p_bare = free_port(), free_port()
        bare_cmd = voila_command(port=p_bare)
        notebook = next(i for i, arg in enumerate(bare_cmd) if arg.endswith(".ipynb"))
        bare_cmd[notebook] = str(bare)  # the same flags, the bare page
        dash_cmd = [str(BIN / "mics-budget"), "dashboard", "--port", str(p_dash)]
        env = dict(os.environ)
        env.pop("MICS_DATA", None)
        with server(dash_cmd, env, p_dash, Path(tmp) / "dash.log") as (dash, url_dash), \
                server(bare_cmd, voila_env(DataDir.resolve(None)), p_bare,
                       Path(tmp) / "bare.log") as (bare_p, url_bare), chromium() as browser:
            pids = [dash.pid, bare_p.pid]
            flip = 0
            for i in range(warmup + repeat):
                keep = i >= warmup
                wait_idle(pids)
                page, first = open_page(browser, url_bare, BARE_CHART)
                close(page)
                if keep:
                    results["bare_first"].values.append(first)
                wait_idle(pids)
                page, first = open_page(browser, url_dash, DASH_CHART)
                try:
                    if keep:
                        results["dash_first"].values.append(first)
                    page.wait_for_selector(".mics-figure", timeout=PAGE_TIMEOUT_MS)
                    wait_idle(pids)
                    for _ in range(changes):
                        flip = 2 if flip == 1 else 1  # РБ, ЮНИСЕФ, РБ …
                        try:
                            answer = page.evaluate(FILTER_JS, {"index": flip,
                                                               "timeout": 30_000,
                                                               "quiet": QUIET_MS})
                        except Exception as exc:
                            results["errors"].append(f"filter change: {exc}"[:300])
                            continue
                        if keep:
                            results["figures"].values.append(answer["figures"] / 1000)
                            results["charts"].values.append(answer["charts"] / 1000)
                            results["panels"].append(answer["panels"])
                        wait_idle(pids)
                finally:
                    close(page)
                print(f"  dashboard round {i + 1}/{warmup + repeat}", file=sys.stderr)
    return results


# --- the register app --------------------------------------------------------------------------
def _options(select) -> list[str]:
    return [t.strip() for t in select.locator("option").all_text_contents()]


def register(repeat: int, saves: int = 2, warmup: int = 1) -> dict:
    """First form of the register app; ``saves`` saves per page."""
    from mics_budget.i18n import t_in
    from mics_budget.procurement.lifecycle import allowed
    from mics_budget.web.server import free_port

    results = {"first_form": Series(), "save": Series(), "errors": []}
    mb = str(BIN / "mics-budget")
    with tempfile.TemporaryDirectory(prefix="mics-bench-register-") as tmp:
        from mics_budget.config import DEFAULT_DATA_DIR

        data = Path(tmp) / "data"
        shutil.copytree(DEFAULT_DATA_DIR, data)
        today = time.strftime("%Y-%m-%d")
        for command in (
                [mb, "procurement", "add-lot", BENCH_LOT, "--activity", "7.1", "--method",
                 "auction", "--estimate", "1000000", "--title", "Замер", "--data", str(data)],
                [mb, "procurement", "record", BENCH_LOT, "planned", "--date", today, "--by",
                 "bench", "--data", str(data)]):
            harness.run(command, timeout=120)
        stage = "planned"
        port = free_port()
        env = dict(os.environ)
        env.pop("MICS_DATA", None)
        cmd = [mb, "dashboard", "--register", "--data", str(data), "--port", str(port)]
        with server(cmd, env, port, Path(tmp) / "register.log") as (proc, url), \
                chromium() as browser:
            for i in range(warmup + repeat):
                keep = i >= warmup
                wait_idle([proc.pid])
                page, first = open_page(browser, url, FORM)
                try:
                    if keep:
                        results["first_form"].values.append(first)
                    page.get_by_role("tab", name=t_in("ru", "app.tab.record")).click()
                    page.wait_for_selector(".mics-form select", state="visible",
                                           timeout=PAGE_TIMEOUT_MS)
                    form = page.locator(".mics-form")
                    lot, status = form.locator("select").nth(0), form.locator("select").nth(1)
                    label = next((t for t in _options(lot) if t.startswith(BENCH_LOT)), None)
                    if label is None:
                        raise Failed(f"lot {BENCH_LOT} not offered by the form")
                    lot.select_option(label=label)
                    wait_idle([proc.pid])
                    for _ in range(saves if keep else 1):
                        step = NEXT_STEP[stage]
                        expected = [t_in("ru", f"stage.{s}") for s in allowed(stage, "auction")]
                        try:
                            page.wait_for_function(
                                """([expected]) => {
                                 const s = document.querySelectorAll('.mics-form select')[1];
                                 const got = Array.from(s.options).map(
                                     o => o.textContent.replace(/\u00a0/g, ' ').trim());
                                 return JSON.stringify(got) === JSON.stringify(expected);
                               }""", arg=[expected], timeout=30_000)
                        except Exception as exc:
                            raise Failed(f"steps offered {_options(status)}, expected "
                                         f"{expected}") from exc
                        wanted = t_in("ru", f"stage.{step}")  # shown with no-break spaces
                        status.select_option(label=next(
                            o for o in _options(status) if o.replace("\u00a0", " ") == wanted))
                        wait_idle([proc.pid], quiet=0.5)
                        try:
                            seconds = page.evaluate(SAVE_JS, {"timeout": 30_000}) / 1000
                        except Exception as exc:
                            results["errors"].append(f"save {step}: {exc}"[:300])
                            break
                        stage = step
                        if keep:
                            results["save"].values.append(seconds)
                        wait_idle([proc.pid])
                finally:
                    close(page)
                print(f"  register round {i + 1}/{warmup + repeat}", file=sys.stderr)
    return results


if __name__ == "__main__":  # a quick look: python benchmarks/bench_browser.py
    for name, res in (("dashboard", dashboard(2)), ("register", register(2))):
        print(name, {k: (v.as_json() if isinstance(v, Series) else v) for k, v in res.items()})
