from __future__ import annotations

import _posixsubprocess
import atexit
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from mics_budget import i18n
from mics_budget.config import DEFAULT_DATA_DIR, PROJECT_ROOT

# the official plan, flattened from the Word table (the input of `mics-budget plan import`)
SEED = PROJECT_ROOT / "tests" / "data" / "plan_seed.txt"


@pytest.fixture(autouse=True)
def _russian():
    i18n.set_lang("ru")
    yield
    i18n.set_lang("ru")


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the plan files of the bundled data (no money files)."""
    root = tmp_path / "data"
    (root / "plan").mkdir(parents=True)
    for name in ("activities.csv", "units.csv"):
        shutil.copy(DEFAULT_DATA_DIR / "plan" / name, root / "plan" / name)
    return root


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{"budget/payments.csv": text, …}`` under ``root`` (text as UTF-8)."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


RATES = "date,currency,rate,quant,source\n2023-07-03,USD,450.50,1,NBK\n" \
        "2023-07-04,USD,451.00,1,NBK\n2024-03-01,USD,470.25,1,NBK\n2024-03-01,RUB,5.10,1,NBK\n"
BUDGET = (
    "year,activity,source,specifics,phase,amount,currency,date,document,note\n"
    "2023,7.1,RB,143,proposed,11000000,KZT,2023-02-15,,\n"
    "2023,7.1,RB,143,approved,10000000,KZT,2023-03-01,,\n"
    "2023,7.1,RB,143,adjusted,9000000,KZT,2023-09-15,,\n"
    "2023,8.1,RB,161,approved,5000000.50,KZT,2023-03-01,,\n"
    "2023,4.2,UNICEF,,approved,20000,USD,2023-07-03,,\n"
)
PAYMENTS = (
    "id,date,activity,source,specifics,amount,currency,payee,document,contract,refund_of,note\n"
    "P1,2023-06-10,8.1,RB,161,1000000.25,KZT,,,,,\n"
    "P2,2023-07-04,4.2,UNICEF,,10000,USD,,,,,\n"
    "P3,2023-07-20,7.1,RB,143,4000000,KZT,,,L1,,\n"
    "P4,2023-07-25,8.1,RB,161,-100000,KZT,,,,P1,\n"
)
LOTS = ("lot,activity,title,method,estimate,currency,specifics,planned_announce,needed_by,law\n"
        "L1,7.1,Форма,open_tender,9800000,KZT,143,2023-05-15,2023-06-25,434-V\n")
EVENTS = ("lot,date,status,amount,bids,supplier,supplier_bin,document,note,recorded_by,"
          "recorded_at\n"
          "L1,2023-05-22,announced,,,,,,,,\n"
          "L1,2023-06-01,evaluation,,,,,,,,\n"
          "L1,2023-06-08,awarded,,2,ТОО А,990140000001,,,,\n"
          "L1,2023-06-15,contracted,9000000,,ТОО А,990140000001,,,,\n"
          "L1,2023-07-10,amended,9500000,,,,,,,\n")
MONEY_FILES = {"budget/fx_rates.csv": RATES, "budget/budget.csv": BUDGET,
               "budget/payments.csv": PAYMENTS, "procurement/lots.csv": LOTS,
               "procurement/events.csv": EVENTS}


@pytest.fixture
def money_dir(data_dir: Path) -> Path:
    """A small data folder with every money file (inline, exact figures)."""
    return write_files(data_dir, MONEY_FILES)


@pytest.fixture(scope="session")
def money_project(tmp_path_factory):
    """The folder of :func:`money_dir`, loaded once for the tests that only read it."""
    from mics_budget import load

    root = tmp_path_factory.mktemp("money") / "data"
    (root / "plan").mkdir(parents=True)
    for name in ("activities.csv", "units.csv"):
        shutil.copy(DEFAULT_DATA_DIR / "plan" / name, root / "plan" / name)
    return load(write_files(root, MONEY_FILES))


@pytest.fixture(scope="session")
def example_project():
    """The bundled example data, loaded once for the tests that only read it."""
    from mics_budget import load

    return load(DEFAULT_DATA_DIR)


# notebooks and kernels must not write to the home folder: a temporary folder, made once per
# test run (processes started by tests inherit it) and removed at its end
_JUPYTER_DIRS = ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR")
if not all(os.environ.get(_name) for _name in _JUPYTER_DIRS):
    _JUPYTER_HOME = Path(tempfile.mkdtemp(prefix="mics-jupyter-"))
    atexit.register(shutil.rmtree, _JUPYTER_HOME, ignore_errors=True)
    for _name in _JUPYTER_DIRS:
        os.environ.setdefault(_name, str(_JUPYTER_HOME / _name.lower()))
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
# pytest-xdist gives its workers COLUMNS=80: the tables for people would be cut to it; a test
# that wants a terminal's width sets one itself
os.environ.pop("COLUMNS", None)
os.environ.pop("LINES", None)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def _chromium():
    """One headless Chromium for the whole run (each test gets a fresh context of it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser(request, tmp_path_factory, _chromium):
    """A headless Debian Chromium page (a fresh context: no cookies, no storage of another
    test) with every non-local request blocked.

    Yields ``(page, blocked)``; a screenshot lands in the pytest temp folder on failure.
    """
    blocked: list[str] = []
    context = _chromium.new_context(viewport={"width": 1280, "height": 1600})
    try:
        page = context.new_page()

        def route(route):
            url = route.request.url
            local = url.startswith(("file:", "data:", "blob:", "about:")) or any(
                url.startswith(f"{scheme}://{host}") for scheme in ("http", "ws")
                for host in ("127.0.0.1", "localhost"))
            if local:
                route.continue_()
            else:
                blocked.append(url)
                route.abort()

        page.route("**/*", route)
        yield page, blocked
        failed = getattr(request.node, "rep_call", None)
        if failed is not None and failed.failed:
            shot = tmp_path_factory.mktemp("screenshots") / f"{request.node.name}.png"
            page.screenshot(path=str(shot), full_page=True)
            print(f"screenshot: {shot}")
    finally:
        context.close()


class VoilaServer:
    """Voila as the command line (or ``voila_command``) starts it, in its own process group,
    its output in ``log`` (or dropped). ``argv(port)`` gives the command for a port.

    Voila must know its own port before it listens (its kernels call back to it: the page's
    request, who signed in), so the port is chosen here; Voila runs with ``port_retries=0``.
    If another program takes the port first, Voila exits instead of moving elsewhere, and
    :meth:`wait` sees that and starts it again on another port; once it listens, the port it
    listens on is read off the process's own socket and checked, so a test never talks to a
    server that is not its own.
    """

    ATTEMPTS = 5

    def __init__(self, argv, env: dict[str, str] | None = None, log: Path | None = None,
                 token: str | None = None):
        self.argv, self.log, self.token = argv, log, token
        self.env = env if env is not None else {**os.environ, "MICS_DASHBOARD_TOKEN": ""}
        self.port: int | None = None
        self.url = ""
        self._start()

    def _start(self) -> None:
        from mics_budget.web.server import free_port

        self.wanted = free_port()
        out = self.log.open("ab") if self.log is not None else subprocess.DEVNULL
        try:
            self.process = subprocess.Popen(self.argv(self.wanted), stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True,
                                            env=self.env)
        finally:
            if self.log is not None:
                out.close()

    def wait(self, timeout: float = 90) -> VoilaServer:
        from mics_budget.web.server import listening_port, wait_until_up

        for attempt in range(self.ATTEMPTS):
            try:
                self.port = listening_port(self.process.pid, timeout)
            except RuntimeError:  # ended before listening: the port was taken, or a real fault
                if attempt == self.ATTEMPTS - 1:
                    raise
                self._start()
                continue
            assert self.port == self.wanted, (self.wanted, self.port)
            break
        self.url = f"http://127.0.0.1:{self.port}/"
        wait_until_up(self.url, timeout)
        return self

    def stop(self) -> None:
        import signal

        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)


def dashboard_argv(data: Path, *extra: str):
    """``mics-budget dashboard`` of ``data`` for a port (see :class:`VoilaServer`)."""
    return lambda port: [sys.executable, "-m", "mics_budget.cli", "dashboard", "--port",
                         str(port), "--data", str(data), *extra]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


# --- `slow`: what `make test-fast` leaves out -------------------------------------------------
# A test is marked `@pytest.mark.slow` when it starts a process (subprocess, multiprocessing,
# papermill, Voila, a browser) or takes more than about a second. Outside slow tests, starting
# a process fails the test (so the fast loop stays fast and needs no browser), and the summary
# names the unmarked tests that took longer than SLOW_NOTE seconds.

SLOW_NOTE = 2.0


#: every way a process starts: subprocess, multiprocessing (spawn, forkserver, fork), pty
_PROCESS_STARTS = [(subprocess, "_fork_exec"), (_posixsubprocess, "fork_exec"), (os, "fork"),
                   (os, "forkpty"), (os, "posix_spawn"), (os, "posix_spawnp")]


def _refuse_processes(item):
    """Set up and run a test that is not marked slow with process starts refused."""
    if item.get_closest_marker("slow") is not None:
        return (yield)
    started: list[str] = []

    def refuse(*args, **kwargs):
        started.append(item.nodeid)
        raise RuntimeError("a test not marked slow starts a process")

    saved = [(module, name, getattr(module, name)) for module, name in _PROCESS_STARTS
             if hasattr(module, name)]
    for module, name, _ in saved:
        setattr(module, name, refuse)
    try:
        result = yield
    except BaseException:
        if not started:
            raise
        result = None
    finally:
        for module, name, original in saved:
            setattr(module, name, original)
    if started:
        pytest.fail(f"{item.nodeid} starts a process: mark it @pytest.mark.slow",
                    pytrace=False)
    return result


pytest_runtest_setup = pytest.hookimpl(wrapper=True)(_refuse_processes)
pytest_runtest_call = pytest.hookimpl(wrapper=True)(_refuse_processes)


def pytest_terminal_summary(terminalreporter):
    durations: dict[str, float] = {}
    for report in [*terminalreporter.stats.get("passed", []), *terminalreporter.stats.get("", [])]:
        if getattr(report, "when", None) in ("setup", "call") and "slow" not in report.keywords:
            durations[report.nodeid] = durations.get(report.nodeid, 0) + report.duration
    long = sorted((d, n) for n, d in durations.items() if d > SLOW_NOTE)
    if long:
        terminalreporter.section("tests not marked slow that took over "
                                 f"{SLOW_NOTE:g} s (mark them slow or make them faster)")
        for duration, nodeid in reversed(long):
            terminalreporter.write_line(f"{duration:6.2f} s  {nodeid}")


def check_print_layout(page, html: Path, lot_sections: list[str]) -> None:
    """A report's HTML (the monthly one, the close-out) on a 1366 px screen and printed on A4
    landscape: no table wider than its page or its column, no scrolled output, text
    left-aligned and numbers right-aligned, the lot ids of ``lot_sections`` (CSS selectors)
    on one line, table headers repeated on every printed page; every cell holds its text
    (:func:`check_cells`; the tables of ``lot_sections`` among them)."""
    page.goto(html.as_uri())
    overflow = """() => Array.from(document.querySelectorAll('table.mics')).filter(
        t => t.scrollWidth > t.parentElement.clientWidth + 1
             || t.getBoundingClientRect().right > document.documentElement.clientWidth + 1
        ).map(t => t.querySelector('th') && t.querySelector('th').innerText)"""
    page.set_viewport_size({"width": 1366, "height": 768})
    assert page.evaluate(overflow) == []
    scrollbars = page.evaluate("""() => Array.from(document.querySelectorAll(
        '.jp-OutputArea-output')).filter(e => e.scrollWidth > e.clientWidth + 1).length""")
    assert scrollbars == 0
    check_cells(page, [f"{section} table.mics" for section in lot_sections])
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 1047, "height": 740})  # 277 mm: A4 landscape, 10 mm margins
    assert page.evaluate(overflow) == []
    aligned = page.evaluate("""() => {
        const align = c => getComputedStyle(c).textAlign;
        const cells = sel => Array.from(document.querySelectorAll(sel));
        return {text: [...new Set(cells('table.mics td.text, table.mics td.code').map(align))],
                num: [...new Set(cells('table.mics td.num').map(align))]};
    }""")
    assert set(aligned["text"]) <= {"left", "start"} and aligned["num"] == ["right"]
    cells = ", ".join(f"{section} td.code" for section in lot_sections)
    lots = page.evaluate("""(cells) => Array.from(document.querySelectorAll(cells))
        .filter(c => c.innerText.startsWith('LOT-')).map(c => {
            const range = document.createRange();
            range.selectNodeContents(c);
            return range.getClientRects().length === 1;  // one line box: not wrapped
        })""", cells)
    assert lots and all(lots)  # a lot id never wraps
    assert page.evaluate("getComputedStyle(document.querySelector('table.mics thead'))"
                         ".display") == "table-header-group"  # repeated on every page
    check_cells(page, [f"{section} table.mics" for section in lot_sections])


#: the cells (a CSS selector) whose text runs out of its cell, past the cell's padding (into
#: the next cell): their texts
CELLS_OVERRUN = """(cells) => Array.from(document.querySelectorAll(cells)).filter(c => {
    const box = c.getBoundingClientRect(), style = getComputedStyle(c);
    const range = document.createRange();
    range.selectNodeContents(c);
    return Array.from(range.getClientRects()).some(
        r => r.left < box.left + parseFloat(style.paddingLeft) - 1
             || r.right > box.right - parseFloat(style.paddingRight) + 1);
}).map(c => c.innerText)"""

#: the words of the cells (a CSS selector) split over two lines; a word may break after a
#: hyphen («Информационно-разъяснительная»)
WORDS_BROKEN = """(cells) => {
    const broken = [];
    for (const cell of document.querySelectorAll(cells)) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const word of node.data.matchAll(/[^\\s]+/g)) {
                if (word[0].includes('-')) continue;
                const range = document.createRange();
                range.setStart(node, word.index);
                range.setEnd(node, word.index + word[0].length);
                const lines = new Set(Array.from(range.getClientRects())
                    .filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (lines.size > 1) broken.push(word[0]);
            }
        }
    }
    return broken;
}"""


def check_cells(page, tables: list[str]) -> None:
    """In the page as it is laid out now: every cell of every report table has padding and
    holds its text (none runs into its neighbour), no word is split over two lines; the
    ``tables`` (CSS selectors) are among them."""
    assert all(page.locator(f"{table} td").count() for table in tables), tables
    assert page.evaluate(CELLS_OVERRUN, "table.mics th, table.mics td") == []
    assert page.evaluate(WORDS_BROKEN, "table.mics th, table.mics td") == []
    padding = page.evaluate("""() => Math.min(...Array.from(document.querySelectorAll(
        'table.mics th, table.mics td')).map(c => parseFloat(getComputedStyle(c).paddingLeft)
        + parseFloat(getComputedStyle(c).paddingRight)))""")
    assert padding >= 4  # numbers of neighbouring columns never touch


def check_phone_layout(page, html: Path, wide: str) -> None:
    """A report's HTML on a 390 px phone: the page never scrolls sideways; a table wider than
    the screen (the first of ``wide``, a CSS selector, is one) scrolls in its own box, its
    cells holding their text with no word split; every chart fits or scrolls in its own
    box."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.emulate_media(media="screen")
    page.goto(html.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    boxes = page.evaluate("""() => Array.from(document.querySelectorAll('table.mics')).map(t => {
        const box = t.parentElement, right = box.getBoundingClientRect().right;
        return {right: right, wider: t.getBoundingClientRect().width > box.clientWidth + 1,
                scrolls: ['auto', 'scroll'].includes(getComputedStyle(box).overflowX)
                         && box.scrollWidth > box.clientWidth + 1};
    })""")
    assert boxes and all(box["right"] <= 390 for box in boxes)
    assert all(box["scrolls"] for box in boxes if box["wider"])
    box = page.locator(wide).first.locator("xpath=..")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth + 100")  # not squeezed to 390 px
    box.scroll_into_view_if_needed()
    box.evaluate("b => { b.scrollLeft = 200; }")
    assert box.evaluate("b => b.scrollLeft") > 0  # the table scrolls in its box ...
    assert page.evaluate("window.scrollX") == 0  # ... not the page
    check_cells(page, [wide])
    charts = page.evaluate("""() => Array.from(document.querySelectorAll('figure.mics-chart'))
        .map(f => f.getBoundingClientRect().right)""")
    assert charts and max(charts) <= 390
