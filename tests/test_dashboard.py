"""Dashboard and register widgets (in the kernel) and the Voila pages (in Chromium)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from mics_budget import i18n, load
from mics_budget.cli.cli import main, summary_json
from mics_budget.config import DEFAULT_DATA_DIR, DataDir
from mics_budget.i18n import t
from mics_budget.procurement.recording import add_lot
from mics_budget.web.dashboard import Dashboard
from mics_budget.web.server import is_local, voila_command
from tests.conftest import VoilaServer, dashboard_argv

AS_OF = date(2025, 6, 30)


@pytest.fixture
def project(example_project):
    return example_project


# --- widgets, in the kernel --------------------------------------------------------------------


def card_figures(board) -> dict[str, dict[str, str]]:
    """``{"RB/plan": {"value": …, "change": …}, …}`` from the cards' data attributes."""
    pattern = (r'data-source="(\w+)" data-measure="(\w+)" data-value="([^"]*)" '
               r'data-change="([^"]*)"')
    return {f"{s}/{m}": {"value": v, "change": c}
            for s, m, v, c in re.findall(pattern, board.cards.value)}


@pytest.mark.slow
def test_charts_drawn_again_from_recent_selections_are_the_same(project):
    """Filters going back and forth redraw charts kept from before: the same specs as drawn
    fresh, and another language or date is drawn anew."""
    def specs(board) -> dict:
        return {name: json.dumps(panel.spec(), sort_keys=True, default=str)
                for name, panel in board.charts.items()}

    board = Dashboard(project, as_of=AS_OF)
    board.filters.source.value = "UNICEF"
    unicef = specs(board)
    board.filters.source.value = "RB"
    assert specs(board) != unicef
    board.filters.source.value = "UNICEF"
    assert specs(board) == unicef  # from the kept charts
    fresh = Dashboard(project, as_of=AS_OF)
    fresh.filters.source.value = "UNICEF"
    assert specs(fresh) == unicef
    kept = len(board._drawn)
    board.filters.lang.value = "en"
    assert specs(board) != unicef and len(board._drawn) > kept  # English: drawn anew
    board.filters.lang.value = "ru"
    assert specs(board) == unicef


@pytest.mark.slow
def test_dashboard_figures_follow_the_filters_and_equal_the_cli(project):
    board = Dashboard(project, as_of=AS_OF)
    assert board.figures() == summary_json(project, AS_OF, [], None)["rows"]
    board.filters.source.value = "UNICEF"
    assert [r["source"] for r in board.figures()] == ["UNICEF"]
    board.filters.section.value = "6"
    assert board.figures() == summary_json(project, AS_OF, [], None, "UNICEF", ["6"])["rows"]
    assert 'data-source="UNICEF" data-measure="paid"' in board.cards.value
    board.filters.unit.value = "ДИТ"
    assert board.figures() == summary_json(project, AS_OF, [], None, "UNICEF", ["6"],
                                           ["ДИТ"])["rows"]
    assert board.message.value == ""
    assert all(panel.chart is not None for panel in board.charts.values())


@pytest.mark.slow
def test_the_cards_show_the_change_over_the_month_and_the_forecast(project, capsys):
    as_of = date(2025, 3, 20)
    board = Dashboard(project, as_of=as_of)
    shown = card_figures(board)
    now = {r["source"]: r for r in summary_json(project, as_of, [], None)["rows"]}
    before = {r["source"]: r for r in summary_json(project, date(2025, 2, 28), [], None)["rows"]}
    for source, row in now.items():
        for measure in ("plan", "committed", "paid", "remaining"):
            figure = shown[f"{source}/{measure}"]
            assert figure["value"] == f"{row[measure]:.2f}"
            assert figure["change"] == f"{row[measure] - before[source][measure]:.2f}"
    assert "Изменение с 28.02.2025" in board.cards.value
    assert main(["forecast", "--as-of", "2025-03-20", "--format", "json"]) == 0
    forecast = json.loads(capsys.readouterr().out)
    assert forecast, "the example has a plan for 2025"
    for row in forecast:
        assert shown[f"{row['source']}/expected_paid"]["value"] == f"{row['expected_paid']:.2f}"
        assert shown[f"{row['source']}/expected_unspent"]["value"] == \
            f"{row['expected_unspent']:.2f}"
        # the year's plan and what was paid in it, beside the forecast: they reconcile
        assert shown[f"{row['source']}/year_plan"]["value"] == f"{row['plan']:.2f}"
        assert shown[f"{row['source']}/year_paid"]["value"] == f"{row['paid']:.2f}"
    # every group of figures names its period: the whole plan to the day, then the year
    assert board.cards.value.count("2023–2025 гг., на 20.03.2025") == len(now)
    assert "2025 г., на 20.03.2025 и прогноз на конец 2025 года" in board.cards.value
    assert "План на 2025 год" in board.cards.value


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
        assert "Plan" in board.cards.value and "MICS: budget" in board.title.value
        assert board.filters.as_of.text.value == "2025-06-30"
        board.filters.lang.value = "kk"
        assert (board.filters.source.value, board.filters.section.value) == ("RB", "7")
        assert board.figures() == figures  # the same figures in every language
        assert ("Барлығы", "*") in board.filters.source.options
        assert board.filters.section.options[0] == ("Барлық бөлімдер", "*")
        assert board.filters.as_of.description == "Есепті күн"
        assert board.filters.as_of.text.value == "30.06.2025"
        assert '<div lang="kk"><h1>MICS: бюджет және мемлекеттік сатып алу</h1>' in \
            board.title.value
        assert "Деректер күні 30.06.2025" in board.title.value
        assert '<th scope="row">Жоспар</th>' in board.cards.value
        assert "Атқарылуы" in board.cards.value and "\u00a0₸" in board.cards.value
        assert "Тәуекел белгілері" in board.flags.value
        assert "МЫСАЛ" in board.banner.value
        spec = board.charts["by_source"].spec()
        assert spec["config"]["locale"]["number"]["thousands"] == "\u00a0"
        assert "Кезеңдер бойынша лоттар" in str(board.charts["lots"].spec())
        assert "Іс-шаралар жоспары" in str(board.gantt.spec())
        board.filters.lang.value = "ru"
        assert '<th scope="row">План</th>' in board.cards.value
    finally:
        i18n.set_lang("ru")


@pytest.mark.slow
def test_the_charts_say_what_they_show(project):
    board = Dashboard(project, as_of=AS_OF)
    cumulative = board.charts["cumulative"].spec()
    text = json.dumps(cumulative, ensure_ascii=False)
    for label in ("План нарастающим итогом", "Оплачено нарастающим итогом",
                  "Прогноз оплаты на конец года", "на 30.06.2025"):
        assert label in text, label
    legends = [enc for layer in cumulative["layer"] for enc in layer["encoding"].values()
               if isinstance(enc, dict) and "legend" in enc and enc["legend"]]
    assert {leg["legend"]["orient"] for leg in legends} <= {"top", "bottom"}  # room on a phone
    lots = board.charts["lots"].spec()
    assert lots["encoding"]["x"]["axis"]["format"] == "d"  # whole numbers of lots
    assert all(spec["width"] == "container" for spec in (
        board.charts[name].spec() for name in ("by_source", "cumulative", "lots")))
    section = board.charts["by_section"].spec()
    assert section["params"][0]["name"] == "pick"  # a click on a bar opens the section
    assert project.plan.section_titles()["6"] in json.dumps(section, ensure_ascii=False)


@pytest.mark.slow
def test_drill_down_from_sections_to_an_activity_and_back(project):
    board = Dashboard(project, as_of=AS_OF)
    drill = board.drill
    assert drill.level() == "sections" and drill.back.disabled
    assert "Разделы плана" in drill.body.value
    board.charts["by_section"].on_pick("6")  # what a click on section 6's bar does
    assert drill.level() == "section" and drill.section == "6"
    assert "6. " in drill.text_path() and "Мероприятия раздела" in drill.body.value
    codes = [value for _, value in drill.pick.options if value]
    assert codes and all(code.startswith("6.") for code in codes)
    drill.pick.value = codes[0]
    assert drill.level() == "activity" and drill.activity == codes[0]
    assert "Платежи мероприятия" in drill.body.value and "Лоты мероприятия" in drill.body.value
    paid = project.spending(AS_OF, ["activity"], activities=[codes[0]])["paid"].sum()
    assert i18n.format_number(paid) in drill.body.value
    drill.back.click()
    assert drill.level() == "section"
    drill.back.click()
    assert drill.level() == "sections"
    # the list opens a section too, and a source filter keeps only its activities
    drill.pick.value = "7"
    board.filters.source.value = "RB"
    assert drill.level() == "section"
    assert all(project.plan[code].funding == "RB" for _, code in drill.pick.options if code)


@pytest.mark.slow
def test_the_lot_register_follows_the_filters_and_exports_what_it_shows(project):
    board = Dashboard(project, as_of=AS_OF)
    every = len(board.lots.lots)
    assert every > 0
    board.filters.section.value = "7"
    lots = board.lots.lots
    assert 0 < len(lots) < every and all(a.startswith("7.") for a in lots["activity"])
    board.lots.stage.value = "*"
    board.lots.export.click()
    assert 'download="register-' in board.lots.download.value
    assert "base64," in board.lots.download.value


@pytest.mark.slow
def test_a_filter_combination_without_data_says_so(project):
    board = Dashboard(project, as_of=AS_OF)
    units = [u for _, u in board.filters.unit.options if u != "*"]
    unicef = {u for a in project.plan.activities if a.funding == "UNICEF" for u in a.units}
    lonely = next(u for u in units if u not in unicef)
    board.filters.source.value = "UNICEF"
    board.filters.unit.value = lonely
    assert board.figures() == []
    # said once, naming the filters that exclude each other; the cards stay, at zero
    assert board.message.value.count("Нет мероприятий плана") == 1
    assert f"подразделение {lonely}" in board.message.value
    assert "финансирование: ЮНИСЕФ" in board.message.value
    assert 'data-source="UNICEF" data-measure="plan" data-value="0.00"' in board.cards.value
    for panel in (*board.charts.values(), board.gantt):
        assert panel.spec() == {} and "Нет мероприятий" not in panel.empty.value
    board.filters.lang.value = "kk"
    assert "қаржыландыру: ЮНИСЕФ" in board.message.value
    board.filters.unit.value = "*"
    assert board.figures() and board.charts["by_source"].spec()
    assert board.message.value == ""  # gone with the contradiction


@pytest.mark.slow
def test_the_date_is_typed_as_the_page_writes_it(project):
    board = Dashboard(project, as_of=AS_OF)
    field = board.filters.as_of
    assert field.text.value == "30.06.2025" and field.text.placeholder == "ДД.ММ.ГГГГ"
    field.text.value = "31.12.2024"
    assert field.value == date(2024, 12, 31)
    assert board.figures() == summary_json(project, date(2024, 12, 31), [], None)["rows"]
    field.text.value = "31.06.2024"
    assert "такой даты нет" in field.error.value
    assert field.value == date(2024, 12, 31)  # the last good date stays
    field.text.value = "2024-03-01"
    assert field.value == date(2024, 3, 1) and field.text.value == "01.03.2024"
    assert field.error.value == ""
    field.text.value = ""
    assert "Укажите дату" in field.error.value and field.value == date(2024, 3, 1)
    field.text.value = "01.03.2024"  # the day in force typed again: the error is stale
    assert field.error.value == "" and field.value == date(2024, 3, 1)
    field.text.value = "31.06.2024"
    assert "такой даты нет" in field.error.value
    field.text.value = "1.3.2024"
    assert field.error.value == ""
    board.filters.lang.value = "en"
    assert field.text.placeholder.startswith("DD.MM.YYYY")


@pytest.mark.slow
def test_the_timeline_is_redrawn_only_when_what_it_shows_changes(project):
    board = Dashboard(project, as_of=AS_OF)
    drawn = board.gantt.current
    board.refresh()
    assert board.gantt.current is drawn
    board.filters.source.value = "RB"
    assert board.gantt.current is not drawn


@pytest.mark.slow
def test_a_folder_that_cannot_be_loaded_shows_its_problems(tmp_path, data_dir):
    from mics_budget.web.dashboard_views import ProblemsPage

    page = Dashboard.from_data(str(tmp_path / "nowhere"))
    assert isinstance(page, ProblemsPage)
    assert "Данные не загружены" in page.value and "nowhere" in page.value
    activities = data_dir / "plan" / "activities.csv"
    lines = activities.read_text(encoding="utf-8").splitlines()
    activities.write_text("\n".join([lines[0], *lines[1:3], "9.9,,,,,,,", *lines[3:]]) + "\n",
                          encoding="utf-8")
    page = Dashboard.from_data(str(data_dir))
    assert isinstance(page, ProblemsPage)
    assert "activities.csv, строка 4, столбец period" in page.value
    assert "Traceback" not in page.value and "error when executing" not in page.value
    english = Dashboard.from_data(str(tmp_path / "nowhere"), lang="en")
    assert "The data could not be loaded" in english.value


@pytest.mark.slow
def test_errors_in_the_data_are_announced_above_the_figures(money_dir):
    payments = money_dir / "budget" / "payments.csv"
    payments.write_text(payments.read_text(encoding="utf-8")
                        + "P-bad,2024-02-30,8.1,RB,161,100,KZT,,,,,\n", encoding="utf-8")
    project = load(money_dir)
    assert project.has_errors
    board = Dashboard(project, as_of=date(2024, 12, 31))
    assert "В данных ошибок" in board.notice.value and "payments.csv" in board.notice.value


@pytest.mark.slow
def test_dashboard_shows_kazakh_titles_where_the_plan_has_them(data_dir):
    from tests.test_plan import add_kazakh_titles

    add_kazakh_titles(DataDir(data_dir), {"3.3": "Аумақтық бөлімшелерді оқыту"},
                      {"3": "Әдістемелік қамтамасыз ету"})
    board = Dashboard(load(data_dir), as_of=date(2024, 5, 1), lang="kk")
    assert ("3. Әдістемелік қамтамасыз ету", "3") in board.filters.section.options
    assert "Аумақтық бөлімшелерді оқыту" in board.overdue.value  # 3.3 is overdue then
    assert "3.3 Аумақтық бөлімшелерді оқыту" in str(board.gantt.spec())
    board.filters.lang.value = "ru"
    assert "Аумақтық бөлімшелерді оқыту" not in board.overdue.value


@pytest.mark.slow
def test_dashboard_marks_example_data(project, money_project):
    assert "ПРИМЕР" in Dashboard(project, as_of=AS_OF).banner.value
    assert Dashboard(money_project, as_of=date(2023, 12, 31)).banner.value == ""


@pytest.fixture
def example_copy(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, root, ignore=shutil.ignore_patterns(".mics-cache"))
    add_lot(DataDir(root), "LOT-NEW", "7.2", "auction", "500000", title="Перчатки")
    return root


# --- the server ------------------------------------------------------------------------------


@pytest.mark.slow
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


def Server(data: Path, register: bool = False, host: str = "127.0.0.1",
           token: str | None = None, lang: str | None = None) -> VoilaServer:
    """The dashboard (or the register app) of ``data`` as ``mics-budget dashboard`` starts
    it; call ``wait()`` before using its ``url`` and ``port``."""
    extra = ["--host", host, *(["--register"] if register else []),
             *(["--lang", lang] if lang else []), *(["--token", token] if token else [])]
    return VoilaServer(dashboard_argv(data, *extra), token=token)


@pytest.fixture
def dashboard_server():
    """A server of the example data for one page test (a server shared by several tests
    once left a page waiting for its kernel under load: each test starts its own)."""
    server = Server(DEFAULT_DATA_DIR)
    server.wait()
    yield server
    server.stop()


def figures_on_page(page, forecast: bool = False) -> dict:
    """``{"RB/plan": "123.00", …}`` as the cards show them (with the forecast's figures when
    ``forecast``)."""
    shown = page.evaluate("""() => Object.fromEntries(
        Array.from(document.querySelectorAll('.mics-figure')).map(
            e => [e.dataset.source + '/' + e.dataset.measure, e.dataset.value]))""")
    return {k: v for k, v in shown.items()
            if forecast or ("/expected_" not in k and "/year_" not in k)}


def wait_for_figures(page, expected: dict, timeout: float = 30) -> None:
    """The cards show ``expected`` (they follow the title and the filters a moment later)."""
    import time

    deadline = time.monotonic() + timeout
    while figures_on_page(page) != expected and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert figures_on_page(page) == expected


def expected_figures(rows) -> dict:
    out = {}
    for row in rows:
        for measure in ("plan", "committed", "paid", "remaining"):
            out[f"{row['source']}/{measure}"] = f"{row[measure]:.2f}"
        out[f"{row['source']}/execution"] = f"{row['execution']:.6f}"
    return out


CHART_NAMES = ("by_source", "by_section", "cumulative", "lots", "gantt")


def wait_for_the_page(page) -> None:
    page.wait_for_selector(".mics-figure", timeout=90_000)
    for name in CHART_NAMES:
        page.wait_for_selector(f".mics-chart-{name} svg.marks", timeout=60_000)


class ChartTexts(str):
    """Every text of the charts; ``in`` ignores spaces (a long title is drawn as several
    lines of one text, which the page gives back without the spaces between them)."""

    def __contains__(self, text: object) -> bool:
        return "".join(str(text).split()) in "".join(self.split())


def chart_texts(page) -> ChartTexts:
    return ChartTexts("\n".join(page.locator(".mics-chart svg.marks text").all_text_contents()))


def date_shown(page) -> date:
    text = page.evaluate("document.querySelector('.mics-date input').value")
    assert re.fullmatch(r"\d{2}\.\d{2}\.\d{4}", text), text  # dd.mm.yyyy, not the locale's
    return date(int(text[6:]), int(text[3:5]), int(text[:2]))


@pytest.mark.slow
def test_the_dashboard_in_chromium(dashboard_server, browser, project, capsys):
    """At 1366×768 (the Bureau's laptops): every filter whole, no sideways scrolling, the
    figures of the CLI, charts with their titles and legends, the source filter and English."""
    page, blocked = browser
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(dashboard_server.url)
    wait_for_the_page(page)
    titles = chart_texts(page)
    for key in ("chart.plan_vs_paid", "chart.cumulative", "chart.lots_by_stage", "chart.gantt",
                "chart.plan_cumulative", "chart.paid_cumulative", "chart.forecast"):
        assert t(key) in titles, key
    as_of = date_shown(page)
    assert figures_on_page(page) == expected_figures(
        summary_json(project, as_of, [], None)["rows"])
    check_periods(page, project, capsys, "ru", 1366)
    for box in page.evaluate("""[...document.querySelectorAll(
            '.mics-filters input, .mics-filters select, .mics-filters button')].map(e => {
            const r = e.getBoundingClientRect(); return [r.left, r.right, e.tagName]})"""):
        assert box[0] >= 0 and box[1] <= 1366, box
    for label in page.evaluate("""[...document.querySelectorAll('.mics-filters label')]
            .filter(e => e.innerText).map(e => [e.innerText, e.scrollWidth, e.clientWidth])"""):
        assert label[1] <= label[2] + 1, label  # no label cut short ("Подразде…")
    page.get_by_role("button", name="РБ", exact=True).click()
    rb = expected_figures(summary_json(project, as_of, [], None, "RB")["rows"])
    wait_for_figures(page, rb)
    assert page.locator(".mics-card h3").all_inner_texts() == ["РБ"]
    page.get_by_role("button", name="ENG", exact=True).click()
    page.wait_for_selector("text=MICS: budget and procurement", timeout=30_000)
    page.wait_for_function("() => [...document.querySelectorAll('.mics-card h3')]"
                           ".map(h => h.innerText).join() === 'Republican budget'",
                           timeout=30_000)  # the cards follow the title
    assert page.locator(".mics-banner").first.is_visible()
    assert blocked == []


@pytest.mark.slow
def test_the_dashboard_on_a_phone(dashboard_server, browser, project, capsys):
    """390 px wide: the cards stack, every chart fits the width, nothing scrolls sideways; in
    Kazakh every card names its periods and reconciles."""
    page, blocked = browser
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(dashboard_server.url)
    wait_for_the_page(page)
    cards = page.evaluate("""[...document.querySelectorAll('.mics-card')].map(e => {
        const r = e.getBoundingClientRect(); return [r.left, r.top, r.width]})""")
    assert len(cards) == 2
    assert cards[1][1] > cards[0][1]  # one above the other
    assert all(width > 300 for _, _, width in cards)
    for name in CHART_NAMES:
        right = page.evaluate(f"document.querySelector('.mics-chart-{name} svg.marks')"
                              ".getBoundingClientRect().right")
        assert right <= 390, name
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator(".mics-lang button", has_text="ҚАЗ").click()
    page.wait_for_selector(".mics-card-figures th.mics-period:has-text('жж.')", timeout=30_000)
    check_periods(page, project, capsys, "kk", 390)
    assert blocked == []


@pytest.mark.slow
def test_drill_down_and_the_typed_date_in_chromium(dashboard_server, browser, project):
    page, blocked = browser
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(dashboard_server.url)
    wait_for_the_page(page)
    # a click on section 7's bar opens the section
    page.locator(".mics-chart-by_section svg.marks path[aria-roledescription='bar']"
                 "[aria-label^='Раздел: 7. ']").last.click()  # the bar in front
    page.wait_for_selector(".mics-crumbs:has-text('7.')", timeout=30_000)
    page.wait_for_selector(".mics-drill h4:has-text('Мероприятия раздела')", timeout=30_000)
    # an activity from the list, then back
    pick = page.locator(".mics-drill select")
    choose(pick, "7.")
    page.wait_for_selector(".mics-drill h4:has-text('Платежи мероприятия')", timeout=30_000)
    page.locator(".mics-drill button", has_text="Назад").click()
    page.wait_for_selector(".mics-drill h4:has-text('Мероприятия раздела')", timeout=30_000)
    page.locator(".mics-drill button", has_text="Назад").click()
    page.wait_for_selector(".mics-drill h4:has-text('Разделы плана')", timeout=30_000)
    # a date typed as people write it
    field = page.locator(".mics-date input")
    field.fill("31.12.2024")
    field.press("Enter")
    page.wait_for_selector("text=Данные на 31.12.2024", timeout=30_000)
    wait_for_figures(page, expected_figures(
        summary_json(project, date(2024, 12, 31), [], None)["rows"]))
    field.fill("31.06.2024")
    field.press("Enter")
    page.wait_for_selector(".mics-date >> text=такой даты нет", timeout=30_000)
    assert blocked == []


@pytest.mark.slow
def test_a_broken_data_folder_shows_its_problems_in_chromium(browser, tmp_path):
    root = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, root, ignore=shutil.ignore_patterns(".mics-cache"))
    activities = root / "plan" / "activities.csv"
    lines = activities.read_text(encoding="utf-8").splitlines()
    activities.write_text("\n".join([lines[0], "9.9,,,,,,,", *lines[1:]]) + "\n",
                          encoding="utf-8")
    server = Server(root)
    server.wait()
    try:
        page, blocked = browser
        page.goto(server.url)
        page.wait_for_selector("text=Данные не загружены", timeout=90_000)
        body = page.locator("body").inner_text()
        assert "activities.csv, строка 2, столбец period" in body
        assert "There was an error" not in body and "Traceback" not in body
        assert blocked == []
    finally:
        server.stop()


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
        wait_for_the_page(page)
        titles = chart_texts(page)
        for key in ("chart.plan_vs_paid", "chart.cumulative", "chart.lots_by_stage"):
            assert i18n.t_in("kk", key) in titles
        assert "Жоспар" in titles and "Міндеттемелер" in titles  # the legend
        assert page.locator('[lang="kk"] h1').inner_text() == \
            "MICS: бюджет және мемлекеттік сатып алу"
        as_of = date_shown(page)
        assert figures_on_page(page) == expected_figures(
            summary_json(project, as_of, [], None)["rows"])
        cards = page.locator(".mics-card").first.inner_text().replace("\xa0", " ")
        assert "Жоспар" in cards and " ₸" in cards and "%" in cards
        page.get_by_role("button", name="РБ", exact=True).click()
        rb = expected_figures(summary_json(project, as_of, [], None, "RB")["rows"])
        wait_for_figures(page, rb)
        shown = figures_on_page(page, forecast=True)
        assert figures_on_page(page) == rb
        page.get_by_role("button", name="РУС", exact=True).click()
        page.wait_for_selector("text=MICS: бюджет и госзакупки", timeout=30_000)
        assert figures_on_page(page, forecast=True) == shown  # the filter stays
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


def test_a_broken_folder_tells_a_viewer_to_ask_the_administrator(tmp_path, monkeypatch):
    """With users, the details (the server's folder, files, rows) are an administrator's; a
    viewer reads whom to ask. Without users, whoever runs the server sees them."""
    from mics_budget.web.dashboard_views import ProblemsPage
    from mics_budget.web.users import User

    monkeypatch.setenv("MICS_USERS", str(tmp_path / "users.csv"))
    page = Dashboard.from_data(str(tmp_path / "nowhere"))
    assert isinstance(page, ProblemsPage)
    assert "Обратитесь к администратору" in page.value and "nowhere" not in page.value
    page.for_user(User("vera", "viewer"))
    assert "Обратитесь к администратору" in page.value and "nowhere" not in page.value
    page.for_user(User("adil", "admin"))
    assert "nowhere" in page.value and "Обратитесь к администратору" not in page.value
    monkeypatch.delenv("MICS_USERS")
    page.for_user(None)
    assert "nowhere" in page.value


def check_periods(page, project, capsys, lang: str, width: int) -> None:
    """Every group of figures on a card names its period (the whole plan to the day, then the
    year), the whole-plan figures are ``summary``'s and the year's ``forecast``'s; no date
    field cuts its year; nothing scrolls sideways."""
    as_of = date_shown(page)
    with i18n.using(lang):
        whole = i18n.plan_period(project.plan.years, as_of)
        year = i18n.year_period(as_of.year, as_of)
    periods = page.locator(".mics-card th.mics-period").all_inner_texts()
    cards = page.locator(".mics-card").count()
    assert cards and len(periods) == 2 * cards
    assert [" ".join(p.split()) for p in periods[::2]] == [whole] * cards
    assert all(p.startswith(year) for p in periods[1::2])
    assert main(["forecast", "--as-of", as_of.isoformat(), "--format", "json"]) == 0
    forecast = json.loads(capsys.readouterr().out)
    shown = figures_on_page(page, forecast=True)
    for row in forecast:
        for measure, key in (("year_plan", "plan"), ("year_paid", "paid"),
                             ("expected_paid", "expected_paid"),
                             ("expected_unspent", "expected_unspent")):
            assert shown[f"{row['source']}/{measure}"] == f"{row[key]:.2f}"
    cut = page.evaluate("""[...document.querySelectorAll('.mics-date input')]
        .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.value)""")
    assert cut == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.slow
def test_the_drill_down_moves_the_cards_and_charts_with_it(project):
    """Opening a section in the drill-down sets the section filter (the cards and charts show
    that section); «Все разделы» and «Назад» take them back; the filter moves the drill too."""
    board = Dashboard(project, as_of=AS_OF)
    everything = board.figures()
    board.drill.open_section("7")
    assert board.filters.section.value == "7"
    assert board.figures() == summary_json(project, AS_OF, [], None, None, ["7"])["rows"]
    assert board.figures() != everything and board.drill.level() == "section"
    board.drill.up()
    assert board.filters.section.value == "*" and board.figures() == everything
    board.filters.section.value = "6"
    assert board.drill.section == "6" and board.drill.level() == "section"
    board.filters.section.value = "*"
    assert board.drill.level() == "sections"
