"""Screenshots for the guides, from the bundled example data, into ``docs/img/``.

    python scripts/screenshots.py                 # every picture (or: make screenshots)
    python scripts/screenshots.py register login  # only some of them

Pictures (Russian unless said; 1366 px wide):

    login          login.png          the sign-in page of the register app (users exist)
    register       register.png       the register app, signed in as a recorder
    register_form  register_form.png  its step-recording form partly filled, not saved
    dashboard      dashboard.png      the management dashboard
    report         report.png         the top of the monthly report of 2025-06
    report_kk      report_kk.png      the same in Kazakh

Each page is started with the shipped Voila configuration (``mics_budget.web.server``) on a
copy of ``data/`` in a temporary folder, with a temporary users file holding one recorder, and
photographed in headless Debian Chromium with every non-local request blocked (so the pictures
also prove the pages are offline). Nothing is written to ``data/`` or ``reports/``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mics_budget.config import DEFAULT_DATA_DIR, DataDir  # noqa: E402
from mics_budget.web.server import free_port, voila_command, voila_env, wait_until_up  # noqa: E402

OUT = ROOT / "docs" / "img"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTH = 1366
START = 120          # seconds for Voila to answer
READY = 180_000      # milliseconds for a page's widgets to be drawn (a kernel runs the notebook)
USER = "Айгуль Н."
PASSWORD = "Пароль-для-снимка-1"
MONTH = "2025-06"
DAY = "15.09.2023"  # the date typed in the form (the example's lots are of 2023)
PICTURES = ("login", "register", "register_form", "dashboard", "report", "report_kk")
PREFERRED = ("определён победитель", "рассмотрение заявок", "объявлен", "запланирован")
SIGNED_IN = ("login", "register", "register_form")   # one register server with users


# --- pieces -------------------------------------------------------------------------------------
def say(text: str) -> None:
    print(text, flush=True)


@contextmanager
def voila(register: bool, data: DataDir, users: Path | None = None) -> Iterator[str]:
    """A Voila server on a free local port, in Russian; yields its address."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with tempfile.NamedTemporaryFile(prefix="mics-voila-", suffix=".log",
                                     delete=False) as log:
        server = subprocess.Popen(voila_command(register, port=port, users=users),
                                  env=voila_env(data, lang="ru", users=users),
                                  start_new_session=True, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_up(url, START)
            yield url
        except Exception:
            say(f"  the Voila log: {log.name}")
            raise
        else:
            Path(log.name).unlink(missing_ok=True)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


@contextmanager
def browser(height: int = 900) -> Iterator:
    """A headless Chromium page 1366 px wide; a request to anything not local is refused
    (and reported at the end)."""
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")) or any(
                url.startswith(f"{scheme}://{host}") for scheme in ("http", "ws")
                for host in ("127.0.0.1", "localhost")):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = chromium.new_page(viewport={"width": WIDTH, "height": height},
                                     locale="ru-RU")
            page.route("**/*", route)
            yield page
        finally:
            chromium.close()
    if blocked:
        say(f"  refused (not local): {', '.join(sorted(set(blocked)))}")


def settle(page, seconds: float = 2.0) -> None:
    """Voila's "running" spinner gone, no widget still being drawn, fonts loaded."""
    page.wait_for_function(
        "() => !document.querySelector('#loading')"
        " || getComputedStyle(document.querySelector('#loading')).display === 'none'"
        " || document.querySelector('#loading').offsetParent === null",
        timeout=READY)
    page.evaluate("document.fonts.ready")
    time.sleep(seconds)


def snap(page, target: Path, selector: str | None = None, margin: int = 16) -> None:
    """The page from its top to the bottom of ``selector`` (the whole page without one)."""
    if selector is None:
        page.screenshot(path=str(target), full_page=True)
    else:
        bottom = page.evaluate(
            "(s) => document.querySelector(s).getBoundingClientRect().bottom + window.scrollY",
            selector)
        page.set_viewport_size({"width": WIDTH, "height": int(bottom) + margin})
        time.sleep(2)  # charts as wide as the page are drawn again after a resize
        page.screenshot(path=str(target), full_page=False)
    say(f"  {target.relative_to(ROOT)}")


def add_user(users: Path) -> None:
    """The recorder of the pictures, through the command ДАР's administrator uses."""
    command = Path(sys.executable).with_name("mics-budget")
    argv = [str(command)] if command.exists() else [sys.executable, "-m", "mics_budget.cli"]
    done = subprocess.run([*argv, "users", "add", USER, "--role", "recorder",
                           "--users", str(users)], input=f"{PASSWORD}\n", text=True,
                          capture_output=True)
    if done.returncode:
        raise RuntimeError(f"mics-budget users add failed: {done.stderr or done.stdout}")


# --- the pictures -------------------------------------------------------------------------------
def shoot_register(wanted: set[str], data: DataDir, users: Path) -> None:
    """login.png, register.png and register_form.png from one register server with users."""
    with voila(True, data, users) as url, browser() as page:
        page.goto(url)
        page.wait_for_selector("form input[name=password]", timeout=READY)
        if "login" in wanted:
            snap(page, OUT / "login.png", "main.mics-login", margin=120)
            page.set_viewport_size({"width": WIDTH, "height": 900})
        if not wanted & {"register", "register_form"}:
            return
        page.fill("input[name=username]", USER)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_selector(".mics-register .mics-register-view table", timeout=READY)
        page.wait_for_selector(".mics-recording-as", timeout=READY)
        settle(page)
        if "register" in wanted:
            snap(page, OUT / "register.png", ".mics-register")
            page.set_viewport_size({"width": WIDTH, "height": 900})
        if "register_form" in wanted:
            fill_form(page)
            snap(page, OUT / "register_form.png", ".mics-register")


def fill_form(page) -> None:
    """The step form with a lot, a step, a date and a document chosen; not saved."""
    page.get_by_role("tab", name="Записать этап").click()
    form = page.locator(".mics-form")
    form.wait_for(state="visible", timeout=READY)
    lot, step = form.locator("select").nth(0), form.locator("select").nth(1)
    labels = [o.replace("\xa0", " ") for o in lot.locator("option").all_inner_texts()]
    # a lot early in its life if there is one (the example's are all paid, closed or
    # cancelled), else another than the one the form offers first; a step that can be taken
    first = lot.evaluate("select => select.selectedIndex")
    ranked = sorted(range(len(labels)), key=lambda i: (
        not any(f"({s})" in labels[i] for s in PREFERRED), i == first, i))
    for index in ranked:
        lot.select_option(index=index)
        steps = stable_options(page, 1)
        if steps:
            break
    else:
        raise RuntimeError(f"no lot in the form can move on: {labels}")
    say(f"  chose {labels[index]!r}, steps {steps}")
    step.select_option(label=next((s for s in steps if "договор" in s), steps[0]))
    time.sleep(1)
    day = form.locator(".mics-date input[type=text]").first
    day.fill(DAY)
    day.press("Tab")
    document = page.get_by_label("Документ")
    document.fill("Док-041")
    document.press("Tab")
    page.evaluate("document.activeElement && document.activeElement.blur()")
    settle(page, 2.5)


def stable_options(page, nth: int, seconds: float = 20) -> list[str]:
    """The options of the form's ``nth`` select once they have stopped changing (the kernel
    answers a change of lot with the lot's steps)."""
    script = f"() => [...document.querySelectorAll('.mics-form select')[{nth}].options]" \
        ".map(o => o.textContent.replace(/\\u00a0/g, ' '))"
    deadline = time.monotonic() + seconds
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.3)
        now = page.evaluate(script)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since > 1.5:
            break
    return last or []


def shoot_dashboard(data: DataDir) -> None:
    with voila(False, data) as url, browser() as page:
        page.goto(url)
        page.wait_for_selector(".mics-chart-gantt svg.marks, .mics-chart-gantt canvas",
                               timeout=READY)
        settle(page, 3)
        snap(page, OUT / "dashboard.png", ".mics-charts")  # the top: figures and charts


def shoot_report(target: Path, data: DataDir, lang: str) -> None:
    """The top of the monthly report of 2025-06 in ``lang``: title, headline table, chart
    (built in a temporary folder, never in the project's reports/)."""
    from mics_budget.report.runner import run_report

    with tempfile.TemporaryDirectory(prefix="mics-report-") as out:
        folder = run_report(MONTH, data, lang, Path(out))
        with browser() as page:
            page.goto((folder / f"mics-report-{MONTH}.html").as_uri())
            page.wait_for_selector("figure.mics-chart svg", timeout=READY)
            settle(page, 1)
            snap(page, target, "figure.mics-chart", margin=10)


def main(argv: list[str]) -> int:
    unknown = set(argv) - set(PICTURES)
    if unknown:
        say(f"unknown picture(s): {', '.join(sorted(unknown))}; choose from "
            f"{', '.join(PICTURES)}")
        return 2
    wanted = set(argv) or set(PICTURES)
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mics-screenshots-") as temp:
        data = DataDir(Path(temp) / "data")
        shutil.copytree(DEFAULT_DATA_DIR, data.root)  # the pages never write to data/
        if wanted & set(SIGNED_IN):
            users = Path(temp) / "users.json"
            add_user(users)
            say("register app (signed in as a recorder)")
            shoot_register(wanted, data, users)
        if "dashboard" in wanted:
            say("dashboard")
            shoot_dashboard(data)
        for name, lang in (("report", "ru"), ("report_kk", "kk")):
            if name in wanted:
                say(f"monthly report {MONTH} ({lang})")
                shoot_report(OUT / f"{name}.png", data, lang)
    say(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
