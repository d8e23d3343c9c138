"""The monthly report: papermill run, HTML without code, XLSX = CLI figures, offline charts."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

import nbformat
import openpyxl
import papermill
import pytest

from mics_budget import i18n, load
from mics_budget.cli.cli import main, summary_json
from mics_budget.config import DEFAULT_DATA_DIR, NOTEBOOKS_DIR, DataDir
from mics_budget.core.months import months_between
from mics_budget.i18n import t
from mics_budget.report.runner import latest_month, parse_month, sha256
from tests.conftest import PAYMENTS, check_phone_layout, check_print_layout, write_files

MONTH = "2025-06"


def run_report(capsys, *argv: str) -> tuple[int, str]:
    code = main(["report", *argv])
    return code, capsys.readouterr().err


@pytest.fixture(scope="module")
def example_report(tmp_path_factory):
    """The one end-to-end run of the report (papermill, a kernel): what the tests of the
    run itself check."""
    out = tmp_path_factory.mktemp("reports")
    assert main(["report", "--month", MONTH, "--out", str(out), "--pdf"]) == 0
    return out / MONTH


def execute_in_process(input_path, output_path, parameters=None, cwd=None, **_):
    """``papermill.execute_notebook`` without a kernel: the cells run here, one after the
    other, the parameters set after the ``parameters`` cell; what a cell displays becomes its
    output; an exception is papermill's ``PapermillExecutionError`` for that cell."""
    import IPython.display

    from mics_budget.report._altair import alt

    notebook = nbformat.read(input_path, as_version=4)
    namespace: dict = {}
    shown: list = []
    renderer, display = alt.renderers.active, IPython.display.display
    IPython.display.display = lambda *objs, **kwargs: shown.extend(objs)
    before = Path.cwd()
    try:
        os.chdir(cwd or before)
        cells = [c for c in notebook.cells if c.cell_type == "code"]
        for count, cell in enumerate(cells, start=1):
            shown.clear()
            try:
                exec(compile(cell.source, f"<cell {count}>", "exec"), namespace)
            except Exception as exc:
                raise papermill.PapermillExecutionError(
                    notebook.cells.index(cell), count, cell.source, type(exc).__name__,
                    str(exc), []) from exc
            if "parameters" in cell.metadata.get("tags", []):
                namespace.update(parameters or {})
            cell.execution_count = count
            cell.outputs = [nbformat.v4.new_output("display_data", data={
                "text/html": obj.data}) for obj in shown]
    finally:
        os.chdir(before)
        IPython.display.display = display
        alt.renderers.enable(renderer)
    nbformat.write(notebook, output_path)
    return notebook


@pytest.fixture
def in_process(monkeypatch):
    """Reports of this test run their notebook in this process (:func:`execute_in_process`):
    the command line, the runner and the notebook's code as in a real run, in a second
    instead of a kernel's four."""
    monkeypatch.setattr(papermill, "execute_notebook", execute_in_process)


def sheet_rows(path: Path, sheet: str) -> list[list]:
    workbook = openpyxl.load_workbook(path, data_only=True)
    return [list(r) for r in workbook[sheet].iter_rows(values_only=True)]


def table_body(rows: list[list], header_first: str) -> tuple[list, list[list]]:
    start = next(i for i, r in enumerate(rows) if r and r[0] == header_first)
    body = []
    for row in rows[start + 1:]:
        if not any(v is not None for v in row):
            break
        body.append(row)
    return rows[start], body


def test_parameters_cell_is_papermill_style():
    params = papermill.inspect_notebook(str(NOTEBOOKS_DIR / "monthly_report.ipynb"))
    assert {name: p["inferred_type_name"] for name, p in params.items()} == {
        "report_month": "str", "data_dir": "str", "lang": "str", "xlsx_path": "str"}
    assert all(p["help"] for p in params.values())
    assert params["lang"]["default"] == '"ru"'


@pytest.mark.parametrize("name", ["monthly_report.ipynb", "explore.ipynb"])
def test_committed_notebooks_have_no_outputs(name):
    notebook = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    assert all(not c.get("outputs") and not c.get("execution_count")
               for c in notebook.cells if c.cell_type == "code")


@pytest.mark.slow
def test_the_report_folder(example_report):
    names = sorted(p.name for p in example_report.iterdir())
    assert names == ["manifest.json", f"mics-report-{MONTH}.html", f"mics-report-{MONTH}.ipynb",
                     f"mics-report-{MONTH}.pdf", f"mics-report-{MONTH}.xlsx"]
    assert not list(example_report.parent.glob(".*.tmp"))


@pytest.mark.slow
def test_the_manifest(example_report):
    manifest = json.loads((example_report / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["report_month"] == MONTH
    assert manifest["parameters"]["lang"] == "ru"
    assert manifest["example_data"] is True
    assert manifest["started"] <= manifest["finished"]
    assert {"pandas", "papermill", "altair", "mics-budget"} <= set(manifest["versions"])
    payments = str(DEFAULT_DATA_DIR / "budget" / "payments.csv")
    assert manifest["inputs"][payments] == sha256(Path(payments))
    assert manifest["outputs"][f"mics-report-{MONTH}.xlsx"] == sha256(
        example_report / f"mics-report-{MONTH}.xlsx")
    assert len(manifest["run_id"]) == 32


@pytest.mark.slow
def test_the_html_has_no_code_and_loads_nothing_from_outside(example_report):
    html = (example_report / f"mics-report-{MONTH}.html").read_text(encoding="utf-8")
    body = html.split("<body", 1)[1]
    assert "jp-InputArea" not in body and "jp-InputPrompt" not in body
    assert "MonthlyReport" not in body  # no code
    assert re.findall(r"<script[^>]+src=", html) == []
    assert re.findall(r"<link[^>]+href=\"http", html) == []
    assert "cdn." not in html
    assert t("example.banner") in body
    title = t("report.title", month="июнь", year=2025)
    assert title in body and f"<title>{title}</title>" in html
    assert '<html lang="ru">' in html
    for key in ("report.summary", "report.headline", "report.execution", "report.forecast",
                "report.currency", "report.procurement", "report.schedule",
                "report.problems"):
        assert t(key) in body
    for section in ("summary", "headline", "execution", "forecast", "currency",
                    "procurement", "schedule", "problems"):
        assert f'<section id="{section}"' in body
        assert section == "summary" or f'href="#{section}"' in body  # the contents
    assert body.index('<section id="summary"') < body.index('<section id="headline"')


@pytest.mark.slow
def test_the_xlsx_equals_the_cli_json(example_report):
    path = example_report / f"mics-report-{MONTH}.xlsx"
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [t(f"sheet.{k}") for k in (
        "headline", "by_activity", "by_specifics", "forecast", "at_risk", "cumulative",
        "currency", "unicef_advances", "unicef_checks", "register", "kpis", "flags", "done",
        "due", "overdue", "problems")]
    project = load(DEFAULT_DATA_DIR)
    expected = summary_json(project, date(2025, 6, 30), [], None)["rows"]
    header, body = table_body(sheet_rows(path, t("sheet.headline")), t("col.measure"))
    figures = {row[0]: row for row in body}
    for want in expected:
        column = header.index(t(f"funding.{want['source']}"))
        for measure in ("plan", "committed", "paid", "remaining", "uncommitted"):
            assert figures[t(f"col.{measure}")][column] == want[measure], (want, measure)
        assert figures[t("col.execution")][column] == pytest.approx(want["execution"])
    total = header.index(t("col.total"))
    assert figures[t("col.paid")][total] == pytest.approx(sum(w["paid"] for w in expected))
    assert len(set(header)) == len(header)  # no column header twice
    by_activity = summary_json(project, date(2025, 6, 30), ["activity"], None)["rows"]
    header, body = table_body(sheet_rows(path, t("sheet.by_activity")), t("col.source"))
    assert [(r[1], r[header.index(t("col.paid"))]) for r in body] == [
        (w["activity"], w["paid"]) for w in by_activity]


@pytest.mark.slow
def test_every_sheet_is_formatted_and_says_example(example_report):
    workbook = openpyxl.load_workbook(example_report / f"mics-report-{MONTH}.xlsx")
    for sheet in workbook.worksheets:
        assert sheet["A2"].value == t("example.banner"), sheet.title
        assert sheet.freeze_panes == "A4", sheet.title
        assert sheet["A3"].font.bold
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A3:"), sheet.title
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
        assert sheet.print_title_rows == "$3:$3", sheet.title
        header = [c.value for c in sheet[3] if c.value]
        assert len(set(header)) == len(header), sheet.title
    headline = workbook[t("sheet.headline")]
    assert headline["B4"].number_format == "#,##0.00"
    assert headline["B9"].number_format == "0.0%"  # the execution row, a real percentage
    assert headline.column_dimensions["B"].width >= 10
    cumulative = workbook[t("sheet.cumulative")]
    month = cumulative["B4"]
    assert month.is_date and month.number_format == "MM.YYYY"
    july = next(r for r in cumulative.iter_rows(min_row=4) if r[1].value and r[1].value.month
                == 7)
    assert july[5].value is None  # cumulative paid after the report month: blank, not 0
    empty = [s for s in workbook.worksheets if s.max_row == 4 and s["B4"].value is None]
    assert empty  # some tables of June 2025 are empty (e.g. done this month) ...
    for sheet in empty:  # ... and say so, in words
        assert sheet["A4"].value == t("table.empty"), sheet.title


@pytest.mark.slow
def test_the_charts_render_offline_in_chromium(example_report, browser):
    page, blocked = browser
    page.goto((example_report / f"mics-report-{MONTH}.html").as_uri())
    rendered = page.evaluate("Array.from(document.querySelectorAll('figure.mics-chart svg'))"
                             ".filter(s => s.getBoundingClientRect().width > 100"
                             " && s.querySelectorAll('path, rect').length > 5).length")
    assert rendered == 4  # by source, by section, cumulative, lots by stage
    assert blocked == []
    assert page.locator(".mics-banner").first.is_visible()


@pytest.mark.slow
def test_an_inline_data_folder_in_english(money_dir, tmp_path, capsys, in_process):
    code, err = run_report(capsys, "--month", "2023-12", "--data", str(money_dir), "--lang",
                           "en", "--out", str(tmp_path))
    assert code == 0, err
    assert "[1/3] running the report notebook for 2023-12" in err
    folder = tmp_path / "2023-12"
    html = (folder / "mics-report-2023-12.html").read_text(encoding="utf-8")
    assert "report for December 2023" in html
    assert "EXAMPLE" not in html  # not example data
    rows = sheet_rows(folder / "mics-report-2023-12.xlsx", "Headline")
    header, body = table_body(rows, "Figure")
    rb = header.index("Republican budget")
    assert [r[rb] for r in body[:3]] == [14_000_000.5, 10_400_000.25, 4_900_000.25]


@pytest.mark.slow
def test_a_month_with_a_data_error_still_reports_it(money_dir, tmp_path, capsys, in_process):
    write_files(money_dir, {"budget/payments.csv": PAYMENTS
                            + "X1,2023-06-10,99.1,RB,,100,KZT,,,,,\n"})
    code, _ = run_report(capsys, "--month", "2023-12", "--data", str(money_dir), "--out",
                         str(tmp_path))
    assert code == 0
    rows = sheet_rows(tmp_path / "2023-12" / "mics-report-2023-12.xlsx",
                      t("sheet.problems"))
    _, body = table_body(rows, t("col.severity"))
    assert body == [[t("severity.error"), "budget/payments.csv", 6, "activity", "99.1",
                     "неизвестное мероприятие «99.1»"]]
    html = (tmp_path / "2023-12" / "mics-report-2023-12.html").read_text(encoding="utf-8")
    assert "неизвестное мероприятие «99.1»" in html


def test_a_failed_run_leaves_no_partial_report_and_keeps_the_old_one(tmp_path, capsys,
                                                                     in_process):
    from mics_budget.report.runner import ReportError
    from mics_budget.report.runner import run_report as run

    (tmp_path / "data" / "plan").mkdir(parents=True)  # no plan: the notebook fails
    old = tmp_path / "out" / "2023-12"
    old.mkdir(parents=True)
    (old / "earlier.txt").write_text("an earlier report")
    with pytest.raises(ReportError) as info:
        run("2023-12", DataDir(tmp_path / "data"), "ru", tmp_path / "out")
    assert str(info.value).startswith("отчёт не построен: ошибка в ячейке")
    assert "план не загружен" in str(info.value)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["2023-12"]
    assert [p.name for p in old.iterdir()] == ["earlier.txt"]
    # the command line finds the missing plan before starting the notebook
    code, err = run_report(capsys, "--month", "2023-12", "--data", str(tmp_path / "data"),
                           "--out", str(tmp_path / "out"))
    assert code == 2 and err.startswith("ошибка: план не загружен"), err


def test_months():
    assert parse_month("last", today=date(2026, 1, 15)) == "2025-12"
    assert parse_month("last", today=date(2026, 11, 25)) == "2026-10"
    assert parse_month("2024-3") == "2024-03"
    example = load(DEFAULT_DATA_DIR)
    last = max(example.events_on(date(2099, 1, 1))["date"].max(),
               example.progress["completed_on"].max(), example.payments["date"].max())
    assert parse_month("latest", DataDir(DEFAULT_DATA_DIR)) == last.strftime("%Y-%m")
    assert latest_month(example) == last.strftime("%Y-%m") == "2025-12"  # the plan's end
    assert months_between("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    with pytest.raises(Exception, match="неверный месяц «2024-13»"):
        parse_month("2024-13")


@pytest.mark.slow
def test_backfill_a_range_with_params_file(money_dir, tmp_path, capsys, in_process):
    params = tmp_path / "monthly.yaml"
    params.write_text(f"lang: en\ndata: {money_dir}\nout: {tmp_path / 'out'}\n")
    code, err = run_report(capsys, "--from", "2023-11", "--to", "2023-12", "--params",
                           str(params))
    assert code == 0, err
    assert "reports for 2 months: 2023-11 to 2023-12" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) \
        == ["2023-11", "2023-12"]


@pytest.mark.slow
@pytest.mark.parametrize(("inline", "lang"), [(False, ""), (True, "kk")])
def test_the_explore_notebook_runs_top_to_bottom(money_dir, tmp_path, inline, lang):
    out = tmp_path / "explore.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOKS_DIR / "explore.ipynb"), str(out), kernel_name="python3",
        progress_bar=False, parameters={"data_dir": str(money_dir) if inline else "",
                                        "as_of": "2023-12-31", "export_dir": str(tmp_path),
                                        "lang": lang})
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == ["formatted.xlsx",
                                                               "rb_by_activity.xlsx"]
    notebook = nbformat.read(out, as_version=4)
    errors = [o for c in notebook.cells for o in c.get("outputs", [])
              if o.output_type == "error"]
    assert errors == []
    printed = "".join(o.get("text", "") for c in notebook.cells for o in c.get("outputs", [])
                      if o.output_type == "stream")
    # exported to HTML, as an analyst shares it: the charts are there (the static copy), the
    # tables speak the language (no status code, months by name)
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter().from_notebook_node(notebook)
    assert body.count('class="mics-static-chart"') == 2 and body.count("<svg") >= 2
    for code in ("not_started", "in_progress", "overdue", "done"):
        assert f">{code}<" not in body
    names = i18n.month_names(lang or "ru")
    assert re.search(f"<th[^>]*>({'|'.join(names)}) 2023</th>", body)
    assert not re.search(r"<th[^>]*>2023-\d\d</th>", body)
    if lang == "kk":
        assert "нақты деректер | іс-шаралар: 47 | файлдардағы мәселелер: 0" in printed
        assert openpyxl.load_workbook(tmp_path / "formatted.xlsx").sheetnames == ["Іс-шаралар"]
    else:
        assert "пример данных | мероприятий: 47 | проблем в файлах:" in printed


@pytest.mark.slow
def test_a_killed_run_leaves_no_partial_report(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    for delay in (1.5, 3.0):  # while the notebook runs, and later
        process = subprocess.Popen(
            [sys.executable, "-m", "mics_budget.cli", "report", "--month", MONTH, "--out",
             str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        time.sleep(delay)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        folder = out / MONTH
        if folder.exists():  # finished before the kill: then it is whole
            assert sorted(p.name for p in folder.iterdir()) == [
                "manifest.json", f"mics-report-{MONTH}.html", f"mics-report-{MONTH}.ipynb",
                f"mics-report-{MONTH}.xlsx"]
    assert main(["report", "--month", MONTH, "--out", str(out)]) == 0
    assert not list(out.glob(".*.tmp"))  # the next run clears what a killed one left


@pytest.mark.slow
def test_a_month_before_any_data_is_refused_unless_forced(tmp_path, capsys, in_process):
    code, err = run_report(capsys, "--month", "2022-12", "--out", str(tmp_path))
    assert code == 2
    assert "месяц 2022-12 раньше первых данных (2023-02)" in err and "--force" in err
    assert list(tmp_path.iterdir()) == []  # no folder, no lock file
    code, err = run_report(capsys, "--month", "2022-12", "--out", str(tmp_path), "--force")
    assert code == 0, err
    assert (tmp_path / "2022-12" / "mics-report-2022-12.xlsx").exists()
    assert not list(tmp_path.glob(".*.lock"))


@pytest.mark.parametrize(("argv", "message"), [
    (["--month", "0024-01"], "неверный месяц «0024-01»"),
    (["--month", "2024-1x"], "неверный месяц"),
    # the example goes on after the last activity (June 2025) to December: so may a report
    (["--month", "2026-01"], "месяц 2026-01 позже окончания плана (2025-12)"),
    ([], "месяц 2026-10 позже окончания плана"),  # `last` on 2026-11-25, the cron default
    (["--from", "2024-05", "--to", "2024-03"], "начало диапазона 2024-05 позже его конца"),
])
def test_months_outside_the_data_and_the_plan_are_refused(tmp_path, capsys, monkeypatch,
                                                          argv, message):
    from mics_budget.report import runner

    monkeypatch.setattr(runner, "parse_month", _parse_month_on_2026_11_25(runner.parse_month))
    code, err = run_report(capsys, *argv, "--out", str(tmp_path))
    assert (code, message in err) == (2, True), err
    assert "внутренняя" not in err
    assert list(tmp_path.iterdir()) == []


def _parse_month_on_2026_11_25(parse):
    def fixed(text, data=None, today=None, project=None):
        return parse(text, data, today or date(2026, 11, 25), project)
    return fixed


@pytest.mark.parametrize(("text", "message"), [
    ("- lang: ru\n", "ожидается список «ключ: значение»"),
    ("a: &a [1, 2]\nb: [*a, *a]\n", "якоря и ссылки YAML"),
    ("lang: xx\n", "ключ «lang»: недопустимое значение «xx»: ожидается ru, en, kk"),
    ("langue: ru\n", "неизвестный ключ «langue»"),
    ("month: [1, 2]\n", "ключ «month»: недопустимое значение «[1, 2]»: ожидается текст"),
    ("lang: [ru\n", "не читается"),
    (b"\xff\xfe\x00", "не в кодировке UTF-8"),
])
def test_a_bad_params_file_names_the_file_and_the_key(tmp_path, capsys, text, message):
    params = tmp_path / "monthly.yaml"
    if isinstance(text, bytes):
        params.write_bytes(text)
    else:
        params.write_text(text, encoding="utf-8")
    code, err = run_report(capsys, "--params", str(params), "--out", str(tmp_path / "o"))
    assert code == 2 and str(params) in err and message in err, err
    assert not (tmp_path / "o").exists()


@pytest.mark.slow
def test_importing_the_report_never_builds_the_rfc3987_grammar():
    """jsonschema's optional IRI checker builds a large grammar at import (about 1 s); the
    report and the dashboard import altair (and so jsonschema) without it."""
    import subprocess
    import sys

    code = ("import sys; import mics_budget.report.report, mics_budget.web.dashboard, "
            "mics_budget.report.charts; "
            "sys.exit(3 if 'rfc3987_syntax' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
    # nor does the process that runs the report (papermill, nbconvert), nor the OCDS check
    code = ("import sys; from mics_budget.core._imports import without_rfc3987; "
            "without_rfc3987('papermill'); without_rfc3987('nbconvert'); "
            "from mics_budget.procurement.ocds import _validator; _validator(); "
            "sys.exit(3 if 'rfc3987_syntax' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


# --- Kazakh -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reports_in_three_languages():
    """The example month built in process (fast: no papermill) in ru, en and kk."""
    from mics_budget import i18n
    from mics_budget.report.report import MonthlyReport

    try:
        return {lang: MonthlyReport.build(None, MONTH, lang) for lang in i18n.LANGS}
    finally:
        i18n.set_lang("ru")


@pytest.mark.slow
def test_the_figures_are_the_same_in_every_language(reports_in_three_languages):
    ru, en, kk = (reports_in_three_languages[lang] for lang in ("ru", "en", "kk"))
    assert list(kk.tables) == list(ru.tables) == list(en.tables)
    for key, table in ru.tables.items():
        numeric = [c for c in table.frame.columns
                   if table.kinds.get(c) in {"money", "percent", "int", "date", "row"}]
        for other in (en, kk):
            frame = other.tables[key].frame
            assert list(frame.columns) == list(table.frame.columns), key
            assert frame[numeric].equals(table.frame[numeric]), key
    headline = kk.tables["headline"]
    assert [headline.labels[c] for c in ("RB", "UNICEF", "total")] == \
        ["РБ", "ЮНИСЕФ", "Барлығы"]
    for name in ru.charts:  # the charts draw the same data, with other labels
        data = [r.charts[name].to_dict()["datasets"] for r in (ru, en, kk)]
        values = [[{k: v for k, v in row.items() if isinstance(v, int | float)}
                   for rows in d.values() for row in rows] for d in data]
        assert values[0] == values[1] == values[2], name


@pytest.mark.slow
def test_the_report_in_kazakh(reports_in_three_languages, tmp_path):
    kk = reports_in_three_languages["kk"]
    assert kk.title == "MICS: бюджет және мемлекеттік сатып алу — 2025 жылғы маусым айы " \
                       "бойынша есеп"
    assert kk.banner.startswith("МЫСАЛ: ")
    from mics_budget import i18n

    with i18n.using("kk"):  # a table renders in the current language
        html = kk.tables["headline"].to_html()
    assert 'scope="col">Көрсеткіш</th>' in html and "Бос қалдық" in html
    assert re.search(r">\d{2},\d%<", html)  # a percentage without a space: 83,6%
    assert "\u00a0%" not in html
    specifics = kk.tables["by_specifics"].frame
    assert specifics.loc[specifics["specifics"] == "161", "specifics_name"].iloc[0] == \
        "Ел ішіндегі іссапарлар мен қызметтік сапарлар"
    chart = kk.charts["by_source"].to_dict()
    assert chart["title"] == "Жоспар, міндеттемелер және төлемдер"
    assert chart["config"]["locale"]["number"]["decimal"] == ","
    assert "Жоспар" in str(chart["datasets"])  # the legend: plan, commitments, payments


@pytest.mark.slow
def test_the_xlsx_in_kazakh_has_kazakh_sheets_and_the_same_numbers(reports_in_three_languages,
                                                                    tmp_path):
    books = {}
    for lang, report in reports_in_three_languages.items():
        report.write_xlsx(tmp_path / f"{lang}.xlsx")
        books[lang] = openpyxl.load_workbook(tmp_path / f"{lang}.xlsx")
    kk, ru = books["kk"], books["ru"]
    assert kk.sheetnames == ["Қорытындылар", "Іс-шаралар", "Ерекшелік", "Болжам",
                             "Игерілмеу тәуекелі", "Айлар бойынша", "ЮНИСЕФ USD",
                             "ЮНИСЕФ аванстары", "ЮНИСЕФ тексерулері", "Лоттар тізілімі",
                             "Сатып алу көрсеткіштері", "Тәуекел белгілері",
                             "Орындалды", "Келесі ай", "Мерзімі өткен", "Деректер мәселелері"]
    headline = kk["Қорытындылар"]
    assert headline["A1"].value.startswith("MICS: бюджет және мемлекеттік сатып алу — 2025 жылғы")
    assert headline["A2"].value.startswith("МЫСАЛ:")
    assert [c.value for c in headline[3]][:4] == ["Көрсеткіш", "РБ", "РБ: ай ішінде", "ЮНИСЕФ"]
    assert [row[0].value for row in headline.iter_rows(min_row=4, max_row=6)] == \
        ["Жоспар", "Міндеттемелер", "Төленді"]
    for kk_sheet, ru_sheet in zip(kk.worksheets, ru.worksheets, strict=True):
        kk_cells = [[c for c in row if not isinstance(c, str)]
                    for row in kk_sheet.iter_rows(values_only=True)]
        ru_cells = [[c for c in row if not isinstance(c, str)]
                    for row in ru_sheet.iter_rows(values_only=True)]
        assert kk_cells == ru_cells, kk_sheet.title


@pytest.mark.slow
def test_kazakh_activity_titles_in_the_report(data_dir):
    from mics_budget import i18n
    from mics_budget.report.report import MonthlyReport
    from tests.conftest import MONEY_FILES
    from tests.test_plan import add_kazakh_titles

    write_files(data_dir, MONEY_FILES)
    add_kazakh_titles(DataDir(data_dir), {"7.1": "Сауалнамашыларға арналған киім"}, {})
    report = MonthlyReport.build(str(data_dir), "2023-12", "kk")
    titles = report.tables["by_activity"].frame.set_index("activity")["title"]
    assert titles["7.1"] == "Сауалнамашыларға арналған киім"
    assert titles["8.1"] == load(data_dir).plan["8.1"].title  # no Kazakh title: the Russian
    i18n.set_lang("ru")
    russian = MonthlyReport.build(str(data_dir), "2023-12", "ru")
    assert russian.tables["by_activity"].frame.set_index("activity")["title"]["7.1"] == \
        load(data_dir).plan["7.1"].title


@pytest.mark.slow
def test_the_kazakh_report_through_the_command_line(tmp_path, capsys, example_report,
                                                      in_process):
    code, err = run_report(capsys, "--month", MONTH, "--lang", "kk", "--out", str(tmp_path))
    assert code == 0, err
    assert f"[1/3] есеп блокнотын орындау ({MONTH})…" in err
    folder = tmp_path / MONTH
    html = (folder / f"mics-report-{MONTH}.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="kk"', html)
    body = html.split("<body", 1)[1]
    assert "2025 жылғы маусым айы бойынша есеп" in body
    assert "Деректер күні 30.06.2025" in body
    for text in ("МЫСАЛ:", "Негізгі көрсеткіштер", "Тәуекел белгілері", "Жоспар мерзімдері",
                 'aria-label="Жоспар, міндеттемелер және төлемдер"'):
        assert text in body, text
    russian = (example_report / f"mics-report-{MONTH}.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="ru"', russian)
    money = re.compile(r'<td class="num">(-?\d{1,3}(?:\u00a0\d{3})*,\d\d)</td>')
    assert money.findall(body) == money.findall(russian.split("<body", 1)[1]) != []
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["lang"] == "kk"
    sheets = openpyxl.load_workbook(folder / f"mics-report-{MONTH}.xlsx").sheetnames
    assert sheets[0] == "Қорытындылар"
    # the guide's list of the Kazakh sheets is the report's, in its order
    guide = (Path(__file__).parents[1] / "docs" / "notebooks.md").read_text(encoding="utf-8")
    listed = guide.split("Its XLSX has the sheets", 1)[1].split("(this list", 1)[0]
    assert re.findall(r"«([^»]+)»", listed) == sheets


@pytest.mark.slow
def test_the_report_fits_a_4_landscape_and_a_1366_screen(example_report, browser):
    """No table wider than its page or its column on paper (A4 landscape, print media) and
    on a 1366 px screen; text left-aligned, numbers right-aligned; lot ids on one line."""
    page, _ = browser
    check_print_layout(page, example_report / f"mics-report-{MONTH}.html", ["#procurement"])
    pdf = page.pdf(format="A4", landscape=True)
    assert pdf.startswith(b"%PDF")


@pytest.mark.slow
def test_the_report_on_a_phone(example_report, browser):
    """390 px: the register scrolls sideways in its own box, its cells never overlapping;
    the page itself never scrolls sideways."""
    page, blocked = browser
    check_phone_layout(page, example_report / f"mics-report-{MONTH}.html",
                       "#procurement table.mics")
    assert blocked == []


def test_headline_totals_and_changes_are_to_the_tiyn():
    """The headline's total and change columns add and subtract figures in tenge: they are
    kept to the tiyn (0.1 + 0.2 is 0.30 in the XLSX cell, not 0.30000000000000004)."""
    import pandas as pd

    from mics_budget.report.report import MonthlyReport

    now = pd.DataFrame({"source": ["RB", "UNICEF"], "plan": [0.1, 0.2], "committed": [0.1, 0.2],
                        "paid": [0.7, 0.2], "remaining": [0.3, 0.6], "uncommitted": [0.0, 0.0],
                        "execution": [0.5, 0.25]})
    earlier = now.set_index("source").assign(paid=[0.6, 0.1])
    report = MonthlyReport(load(), "2025-06", "ru")
    frame = report._headline(now, earlier).frame.set_index("kind", append=True)
    paid = frame.loc[frame["measure"] == t("col.paid")].iloc[0]
    assert (paid["total"], paid["RB_change"], paid["total_change"]) == (0.9, 0.1, 0.2)
    plan = frame.loc[frame["measure"] == t("col.plan")].iloc[0]
    assert plan["total"] == 0.3


@pytest.mark.slow
def test_the_pdf_starts_with_the_summary_and_numbers_its_pages(example_report, tmp_path,
                                                              capsys, in_process):
    """Page 1 of the printed report holds the title, the banner and the summary in every
    language (JupyterLab lays each output out as an unbreakable table row, which pushed a
    summary a few lines too long to page 2: the Russian one in a real run, the Kazakh one);
    every page says «n / N»; the summary names the period. Russian: the real run (a kernel);
    Kazakh: in process."""
    import pypdf

    code, err = run_report(capsys, "--month", MONTH, "--lang", "kk", "--pdf",
                           "--out", str(tmp_path))
    assert code == 0, err
    for folder, summary, period in (
            (example_report, "Кратко", "РБ, план 2023–2025 гг., на 30.06.2025"),
            (tmp_path / MONTH, "Қысқаша", "РБ, жоспар 2023–2025 жж., 30.06.2025 күнгі")):
        reader = pypdf.PdfReader(folder / f"mics-report-{MONTH}.pdf")
        pages = [page.extract_text() for page in reader.pages]
        first = " ".join(pages[0].split())
        assert summary in first and period in first, folder
        assert len(pages) > 5
        for number, text in enumerate(pages, start=1):
            assert f"{number} / {len(pages)}" in text, number


@pytest.fixture(scope="module")
def report_in_memory():
    from mics_budget.report.report import MonthlyReport

    report = MonthlyReport.build(None, MONTH, "ru")
    i18n.set_lang("ru")
    return report


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ru", "en", "kk"])
def test_the_kpi_and_unicef_commands_reconcile_with_the_report_sheets(tmp_path, capsys, lang,
                                                                      report_in_memory):
    """``procurement kpis`` and ``unicef`` give the figures of the report's sheets, to the
    tiyn (and the exact medians and averages the sheet formats to 0.1), in every language
    (the sheets written in each; their figures were computed once)."""
    import copy

    from mics_budget.ledger.currency_effect import MONEY as USD_MONEY

    report = copy.copy(report_in_memory)
    report.lang = lang
    path = tmp_path / "report.xlsx"
    report.write_xlsx(path)
    as_of = report.as_of.isoformat()
    with i18n.using(lang):
        kpi_sheet, usd_sheet = t("sheet.kpis")[:31], t("sheet.currency")[:31]
        kpi_head, usd_head = t("col.kpi"), t("col.activity")
    assert main(["procurement", "kpis", "--as-of", as_of, "--format", "json"]) == 0
    kpis = json.loads(capsys.readouterr().out)
    _, body = table_body(sheet_rows(path, kpi_sheet), kpi_head)
    assert len(body) == len(kpis) > 5
    for row, kpi in zip(body, kpis, strict=True):
        assert row[2] == kpi["lots"]
        assert (row[1] is None) == (kpi["value"] is None), kpi
        if kpi["value"] is not None:
            assert row[1] == pytest.approx(kpi["value"], rel=1e-12, abs=0.005), kpi
    average = next(k for k in kpis if k["kpi"] == "average_bids")["value"]
    assert average == report.kpis.set_index("kpi").loc["average_bids", "value"]  # exact
    assert main(["unicef", "--as-of", as_of, "--format", "json"]) == 0
    usd = json.loads(capsys.readouterr().out)
    _, body = table_body(sheet_rows(path, usd_sheet), usd_head)
    assert [r[0] for r in body] == [r["activity"] for r in usd["rows"]] != []
    for row, figures in zip(body, usd["rows"], strict=True):
        assert [round(v, 2) if v is not None else None for v in row[1:]] == \
            [figures[m] for m in USD_MONEY]
    assert usd["nbk"]["kzt_per_usd"] > 0 and usd["unore"]["date"].endswith("-01")
