"""Dashboard and register widgets (in the kernel) and the Voila pages (in Chromium)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from mics_budget import i18n, load
from mics_budget.cli import main, summary_json
from mics_budget.config import DEFAULT_DATA_DIR, DataDir
from mics_budget.dashboard import Dashboard
from mics_budget.i18n import t
from mics_budget.recording import add_lot
from mics_budget.server import free_port, is_local, voila_command, wait_until_up

AS_OF = date(2025, 6, 30)


@pytest.fixture(scope="module")
def project():
    return load(DEFAULT_DATA_DIR)


# --- widgets, in the kernel --------------------------------------------------------------------


@pytest.mark.slow
def test_dashboard_figures_follow_the_filters_and_equal_the_cli(project):
    board = Dashboard(project, as_of=AS_OF)
    assert board.figures() == summary_json(project, AS_OF, [], None)["rows"]
    board.filters.source.value = "UNICEF"
    assert [r["source"] for r in board.figures()] == ["UNICEF"]
    board.filters.section.value = "6"
    assert board.figures() == summary_json(project, AS_OF, [], None, "UNICEF", ["6"])["rows"]
    assert 'data-source="UNICEF" data-measure="paid"' in board.headline.value
    board.filters.unit.value = "ДИТ"
    assert board.figures() == summary_json(project, AS_OF, [], None, "UNICEF", ["6"],
                                           ["ДИТ"])["rows"]
    assert board.message.value == ""
    assert all(panel.chart is not None for panel in board.charts.values())


@pytest.mark.slow
def test_dashboard_language_switch_keeps_the_filters(project):
    board = Dashboard(project, as_of=AS_OF, lang="ru")
    assert board.filters.lang.options == (("ҚАЗ", "kk"), ("РУС", "ru"), ("ENG", "en"))
    assert board.filters.lang.value == "ru"
    board.filters.source.value = "RB"
    board.filters.section.value = "7"
    figures = board.figures()
    board.filters.lang.value = "en"
    try:
        assert board.filters.source.value == "RB"
        assert ("Republican budget", "RB") in board.filters.source.options
        assert "Plan" in board.headline.value and "MICS: budget" in board.title.value
        board.filters.lang.value = "kk"
        assert (board.filters.source.value, board.filters.section.value) == ("RB", "7")
        assert board.figures() == figures  # the same figures in every language
        assert ("Барлығы", "*") in board.filters.source.options
        assert board.filters.section.options[0] == ("Барлық бөлімдер", "*")
        assert board.filters.as_of.description == "Есепті күн"
        assert '<div lang="kk"><h1>MICS: бюджет және мемлекеттік сатып алу</h1>' in \
            board.title.value
        assert "Деректер күні 30.06.2025" in board.title.value
        assert "<span>Жоспар</span>" in board.headline.value
        assert "Атқарылуы" in board.headline.value and "\u00a0₸" in board.headline.value
        assert "Тәуекел белгілері" in board.flags.value
        assert "МЫСАЛ" in board.banner.value
        chart = board.charts["overview"].chart.chart.to_dict()
        assert chart["config"]["locale"]["number"]["thousands"] == "\u00a0"
        assert "Кезеңдер бойынша лоттар" in str(chart)
        assert "Іс-шаралар жоспары" in str(board.charts["gantt"].chart.chart.to_dict())
        board.filters.lang.value = "ru"
        assert "<span>План</span>" in board.headline.value
    finally:
        i18n.set_lang("ru")


@pytest.mark.slow
def test_dashboard_shows_kazakh_titles_where_the_plan_has_them(data_dir):
    from tests.test_plan import add_kazakh_titles

    add_kazakh_titles(DataDir(data_dir), {"3.3": "Аумақтық бөлімшелерді оқыту"},
                      {"3": "Әдістемелік қамтамасыз ету"})
    board = Dashboard(load(data_dir), as_of=date(2024, 5, 1), lang="kk")
    assert ("3. Әдістемелік қамтамасыз ету", "3") in board.filters.section.options
    assert "Аумақтық бөлімшелерді оқыту" in board.overdue.value  # 3.3 is overdue then
    assert "3.3 Аумақтық бөлімшелерді оқыту" in str(board.charts["gantt"].chart.chart.to_dict())
    board.filters.lang.value = "ru"
    assert "Аумақтық бөлімшелерді оқыту" not in board.overdue.value


@pytest.mark.slow
def test_dashboard_marks_example_data(project, money_dir):
    assert "ПРИМЕР" in Dashboard(project, as_of=AS_OF).banner.value
    assert Dashboard(load(money_dir), as_of=date(2023, 12, 31)).banner.value == ""


@pytest.fixture
def example_copy(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, root)
    add_lot(DataDir(root), "LOT-NEW", "7.2", "auction", "500000", title="Перчатки")
    return root


# --- the server ------------------------------------------------------------------------------


def test_a_public_address_needs_a_token(capsys):
    assert is_local("127.0.0.1") and is_local("localhost") and is_local("::1")
    assert not is_local("0.0.0.0") and not is_local("192.0.2.10")
    code = main(["dashboard", "--host", "0.0.0.0", "--token", ""])
    assert code == 2
    assert "задайте токен" in capsys.readouterr().err
    command = voila_command(host="0.0.0.0", token="s3cret")
    assert "--Voila.token=s3cret" in command and "--Voila.ip=0.0.0.0" in command
    local = voila_command()
    assert "--Voila.ip=127.0.0.1" in local and "--template=mics" in local
    assert "--VoilaConfiguration.show_tracebacks=False" in local
    assert "--preheat_kernel=True" in local
    assert any(a.startswith("--MappingKernelManager.cull_idle_timeout=") for a in local)
    assert any(a.startswith("--VoilaExecutor.timeout=") for a in local)


class Server:
    def __init__(self, data: Path, register: bool = False, host: str = "127.0.0.1",
                 token: str | None = None, lang: str | None = None):
        self.port = free_port()
        argv = [sys.executable, "-m", "mics_budget.cli", "dashboard", "--port", str(self.port),
                "--host", host, "--data", str(data)]
        argv += ["--register"] if register else []
        argv += ["--lang", lang] if lang else []
        argv += ["--token", token] if token else []
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True,
                                        env={**os.environ, "MICS_DASHBOARD_TOKEN": ""})
        self.url = f"http://127.0.0.1:{self.port}/"
        self.token = token

    def wait(self, timeout: float = 60) -> None:
        wait_until_up(self.url, timeout)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


@pytest.fixture
def dashboard_server():
    server = Server(DEFAULT_DATA_DIR)
    server.wait()
    yield server
    server.stop()


def figures_on_page(page) -> dict:
    return page.evaluate("""() => Object.fromEntries(
        Array.from(document.querySelectorAll('.mics-figure')).map(
            e => [e.dataset.source + '/' + e.dataset.measure, e.dataset.value]))""")


def expected_figures(rows) -> dict:
    out = {}
    for row in rows:
        for measure in ("plan", "committed", "paid", "remaining"):
            out[f"{row['source']}/{measure}"] = f"{row[measure]:.2f}"
        out[f"{row['source']}/execution"] = f"{row['execution']:.6f}"
    return out


@pytest.mark.slow
def test_the_dashboard_in_chromium(dashboard_server, browser, project):
    page, blocked = browser
    page.goto(dashboard_server.url)
    page.wait_for_selector(".mics-figure", timeout=90_000)
    for name in ("overview", "gantt"):
        page.wait_for_selector(f".mics-chart-{name} svg.marks, .mics-chart-{name} canvas",
                               timeout=60_000)
    titles = page.locator(".mics-chart-overview svg.marks text").all_text_contents()
    for key in ("chart.plan_vs_paid", "chart.cumulative", "chart.lots_by_stage"):
        assert t(key) in titles
    as_of = date.fromisoformat(page.evaluate(
        "document.querySelector('.mics-filters input[type=date]').value"))
    assert figures_on_page(page) == expected_figures(
        summary_json(project, as_of, [], None)["rows"])
    page.get_by_role("button", name="РБ", exact=True).click()
    rb = expected_figures(summary_json(project, as_of, [], None, "RB")["rows"])
    page.wait_for_function("n => document.querySelectorAll('.mics-figure').length === n",
                           arg=len(rb), timeout=30_000)
    assert figures_on_page(page) == rb
    assert page.locator(".mics-card h3").all_inner_texts() == ["РБ"]
    page.get_by_role("button", name="ENG", exact=True).click()
    page.wait_for_selector("text=MICS: budget and procurement", timeout=30_000)
    page.wait_for_function("() => [...document.querySelectorAll('.mics-card h3')]"
                           ".map(h => h.innerText).join() === 'Republican budget'",
                           timeout=30_000)  # the cards follow the title
    assert page.locator(".mics-banner").first.is_visible()
    assert blocked == []


def options(select) -> list[str]:
    return [o.replace("\xa0", " ") for o in select.locator("option").all_inner_texts()]


def choose(select, starts: str) -> None:
    raw = select.locator("option").all_inner_texts()
    select.select_option(label=next(o for o in raw if o.replace("\xa0", " ").startswith(starts)))


@pytest.mark.slow
def test_the_dashboard_in_kazakh_in_chromium(browser, project):
    server = Server(DEFAULT_DATA_DIR, lang="kk")
    server.wait()
    try:
        page, blocked = browser
        page.goto(server.url)
        page.wait_for_selector(".mics-figure", timeout=90_000)
        for name in ("overview", "gantt"):
            page.wait_for_selector(f".mics-chart-{name} svg.marks, .mics-chart-{name} canvas",
                                   timeout=60_000)
        titles = page.locator(".mics-chart-overview svg.marks text").all_text_contents()
        for key in ("chart.plan_vs_paid", "chart.cumulative", "chart.lots_by_stage"):
            assert i18n.t_in("kk", key) in titles
        assert "Жоспар" in titles and "Міндеттемелер" in titles  # the legend
        assert page.locator('[lang="kk"] h1').inner_text() == \
            "MICS: бюджет және мемлекеттік сатып алу"
        as_of = date.fromisoformat(page.evaluate(
            "document.querySelector('.mics-filters input[type=date]').value"))
        assert figures_on_page(page) == expected_figures(
            summary_json(project, as_of, [], None)["rows"])
        cards = page.locator(".mics-card").first.inner_text().replace("\xa0", " ")
        assert "Жоспар" in cards and " ₸" in cards and "%" in cards
        page.get_by_role("button", name="РБ", exact=True).click()
        rb = expected_figures(summary_json(project, as_of, [], None, "RB")["rows"])
        page.wait_for_function("n => document.querySelectorAll('.mics-figure').length === n",
                               arg=len(rb), timeout=30_000)
        assert figures_on_page(page) == rb
        page.get_by_role("button", name="РУС", exact=True).click()
        page.wait_for_selector("text=MICS: бюджет и госзакупки", timeout=30_000)
        assert figures_on_page(page) == rb  # the filter stays
        page.get_by_role("button", name="ҚАЗ", exact=True).click()
        page.wait_for_selector("text=MICS: бюджет және мемлекеттік сатып алу", timeout=30_000)
        assert page.locator(".mics-card h3").all_inner_texts() == ["РБ"]
        assert page.get_by_role("button", name="Барлығы", exact=True).is_visible()
        assert "МЫСАЛ" in page.locator(".mics-banner").first.inner_text()
        assert blocked == []
    finally:
        server.stop()


@pytest.mark.slow
def test_a_page_on_a_public_address_needs_the_token(example_copy):
    server = Server(example_copy, host="0.0.0.0", token="s3cret-token")
    server.wait()
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with pytest.raises(urllib.error.HTTPError) as refused:
            opener.open(server.url, timeout=30)
        assert refused.value.code == 302  # to the login page: nothing of the dashboard
        assert "/login" in refused.value.headers["Location"]
        with pytest.raises(urllib.error.HTTPError) as api:
            opener.open(f"{server.url}api/kernels", timeout=30)
        assert api.value.code in (302, 403)  # refused: login page or forbidden
        page = opener.open(f"{server.url}?token=s3cret-token", timeout=60)
        assert page.status == 200
        assert "mics" in page.read().decode("utf-8", "replace")
    finally:
        server.stop()


@pytest.mark.slow
def test_dashboard_before_and_after_the_data(project):
    board = Dashboard(project, as_of=date(2022, 1, 1))
    assert board.message.value == "" and board.figures() == []
    board.filters.as_of.value = date(2030, 1, 1)
    assert board.message.value == "" and len(board.figures()) == 2


@pytest.mark.slow
def test_a_sigterm_to_the_dashboard_command_stops_voila(tmp_path):
    """`mics-budget dashboard` becomes the Voila process: stopping it leaves nothing
    listening (no orphaned server)."""
    import socket
    import time

    server = Server(DEFAULT_DATA_DIR)
    server.wait()
    server.process.send_signal(signal.SIGTERM)  # to the process only, not its group
    server.process.wait(timeout=30)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", server.port)) != 0:
                break
        time.sleep(0.5)
    else:
        os.killpg(server.process.pid, signal.SIGKILL)
        raise AssertionError("Voila still listens after the command was stopped")


def test_the_dashboard_command_refuses_a_missing_folder(tmp_path, capsys):
    assert main(["dashboard", "--data", str(tmp_path / "nowhere")]) == 2
    assert "папка данных не найдена" in capsys.readouterr().err
