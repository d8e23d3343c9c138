"""The close-out report of the whole plan (``report --plan``): its figures reconcile with
``summary`` to the tiyn, it builds in every language, its XLSX has no formula, it prints."""

from __future__ import annotations

import csv
import json
import re
from datetime import date

import nbformat
import openpyxl
import papermill
import pytest

from mics_budget import i18n
from mics_budget.cli.cli import main
from mics_budget.config import DEFAULT_DATA_DIR, NOTEBOOKS_DIR
from mics_budget.i18n import t
from mics_budget.report.runner import sha256
from tests.conftest import check_phone_layout, check_print_layout
from tests.test_report import execute_in_process

FIRST, LAST = "2023-01", "2025-12"
NAME = f"plan-{FIRST}_{LAST}"
STEM = f"mics-closeout-{FIRST}_{LAST}"
AS_OF = "2025-12-31"
MEASURES = ("plan", "committed", "paid", "remaining", "uncommitted")


def tiyn(value) -> int | None:
    return None if value is None else round(float(value) * 100)


@pytest.fixture(scope="module")
def closeouts():
    """The close-out built in this process (no kernel) once in each language."""
    from mics_budget.report.closeout import Closeout

    try:
        return {lang: Closeout.build(None, FIRST, LAST, lang) for lang in i18n.LANGS}
    finally:
        i18n.set_lang("ru")


@pytest.fixture(scope="module")
def closeout_run(tmp_path_factory):
    """The one real run: ``report --plan --pdf`` (papermill, a kernel, Chromium)."""
    out = tmp_path_factory.mktemp("closeout")
    assert main(["report", "--plan", "--out", str(out), "--pdf"]) == 0
    return out / NAME


def summary_rows(capsys, *argv: str) -> dict[str, dict]:
    assert main(["summary", "--as-of", AS_OF, "--format", "json", *argv]) == 0
    return {row["source"]: row for row in json.loads(capsys.readouterr().out)["rows"]}


# --- the figures --------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_totals_are_summary_on_the_plans_last_day_to_the_tiyn(closeouts, capsys):
    expected = summary_rows(capsys)
    for lang, report in closeouts.items():
        totals = {row["source"]: row for row in report.totals.to_dict("records")}
        assert set(totals) == set(expected) == {"RB", "UNICEF"}, lang
        for source, row in expected.items():
            for measure in MEASURES:
                assert tiyn(totals[source][measure]) == tiyn(row[measure]), (lang, measure)


@pytest.mark.slow
def test_each_year_is_summary_of_that_year_to_the_tiyn(closeouts, capsys):
    report = closeouts["ru"]
    assert report.years == [2023, 2024, 2025]
    by_year = report.by_year
    for year in report.years:
        expected = summary_rows(capsys, "--year", str(year))
        mine = {row["source"]: row for row in by_year.loc[by_year["year"] == year]
                .to_dict("records")}
        assert set(mine) == set(expected), year
        for source, row in expected.items():
            for measure in MEASURES:
                assert tiyn(mine[source][measure]) == tiyn(row[measure]), (year, source)
    # the years add up to the whole plan (nothing is dated outside the plan's years)
    for source, row in report.totals.set_index("source").iterrows():
        years = by_year.loc[by_year["source"] == source]
        for measure in MEASURES:
            assert sum(tiyn(v) for v in years[measure]) == tiyn(row[measure]), measure


@pytest.mark.slow
def test_a_period_of_one_year_is_summary_of_that_year(capsys):
    from mics_budget.report.closeout import Closeout

    report = Closeout.build(None, "2024-01", "2024-12", "ru")
    expected = summary_rows(capsys, "--year", "2024")
    totals = report.totals.set_index("source")
    for source, row in expected.items():
        for measure in MEASURES:
            assert tiyn(totals.loc[source, measure]) == tiyn(row[measure]), (source, measure)
    assert "2024 г., на 31.12.2024" in report.tables["closeout_totals"].title


@pytest.mark.slow
@pytest.mark.parametrize("key", ["closeout_by_section", "closeout_by_activity",
                                 "closeout_by_unit", "closeout_by_specifics"])
def test_every_breakdown_adds_up_to_the_totals_to_the_tiyn(closeouts, key):
    report = closeouts["ru"]
    totals = report.totals.assign(source=report.totals["source"].map(i18n.funding_name))
    table = report.tables[key].frame
    for measure in ("approved", *MEASURES):
        for source, expected in totals.set_index("source")[measure].items():
            parts = table.loc[table["source"] == source, measure]
            assert sum(tiyn(v) for v in parts) == tiyn(expected), (source, measure)


@pytest.mark.slow
def test_the_approved_plan_is_the_budget_laws_amounts(closeouts):
    """The republican budget's first approved amounts, read from budget.csv here (tenge:
    no rate), equal the report's «approved» column."""
    with (DEFAULT_DATA_DIR / "budget" / "budget.csv").open(encoding="utf-8") as fh:
        lines = [r for r in csv.DictReader(fh) if r["phase"] == "approved"
                 and r["source"] == "RB"]
    approved = sum(round(float(r["amount"]) * 100) for r in lines)
    totals = closeouts["ru"].totals.set_index("source")
    assert tiyn(totals.loc["RB", "approved"]) == approved > 0
    assert approved != tiyn(totals.loc["RB", "plan"])  # the adjustments do show


@pytest.mark.slow
def test_late_and_undone_activities_are_those_of_the_progress_file(closeouts):
    """Outcomes computed here from progress.csv and the plan's periods."""
    report = closeouts["ru"]
    ends = {a.id: a.period.end for a in report.project.plan.activities}
    with (DEFAULT_DATA_DIR / "plan" / "progress.csv").open(encoding="utf-8") as fh:
        done = {r["activity"]: date.fromisoformat(r["completed_on"]) for r in csv.DictReader(fh)}
    late = {code: (day - ends[code]).days for code, day in done.items() if day > ends[code]}
    undone = set(ends) - set(done)
    frame = report.activities.set_index("id")
    assert set(frame.index[frame["outcome"] == "late"]) == set(late) != set()
    assert {c: int(frame.loc[c, "days_late"]) for c in late} == late
    assert set(frame.index[frame["outcome"] == "not_done"]) == undone != set()
    assert (frame["outcome"] == "on_time").sum() == len(ends) - len(late) - len(undone)
    assert all(int(frame.loc[c, "days_late"]) == (date(2025, 12, 31) - ends[c]).days
               for c in undone)


@pytest.mark.slow
def test_the_carry_over_is_what_the_register_leaves_open(closeouts, capsys):
    """Lots not done (closed, paid, cancelled, terminated, failed) and contracts not fully
    paid: the rule of ``mics-budget carry-over``, here from ``procurement status``."""
    assert main(["procurement", "status", "--as-of", AS_OF, "--format", "json"]) == 0
    lots = json.loads(capsys.readouterr().out)
    done = {"closed", "paid", "cancelled", "terminated", "unsuccessful"}
    carried = [r for r in lots if r["stage"] not in done
               or (r["stage"] != "terminated" and r["contract_amount"] is not None
                   and tiyn(r["left_to_pay"]) > 0)]
    needed = sum(tiyn(r["left_to_pay"]) if r["contract_amount"] is not None
                 else tiyn(r["estimate"]) for r in carried)
    table = closeouts["ru"].tables["closeout_carry_over"].frame
    assert list(table["lot"]) == [r["lot"] for r in carried]
    assert sum(tiyn(v) for v in table["still_needed"]) == needed > 0
    unpaid = [r for r in carried if r["contract_amount"] is not None and r["left_to_pay"]]
    assert unpaid, "the example leaves a contract unpaid at the plan's end"
    paid_in_full = [r["lot"] for r in lots if r["stage"] == "paid"]
    assert paid_in_full and not set(paid_in_full) & set(table["lot"])


@pytest.mark.slow
def test_the_summary_counts_each_lot_once(closeouts):
    with i18n.using("ru"):
        line = next(x for x in closeouts["ru"].summary if x.startswith("Лотов:"))
    numbers = [int(n) for n in re.findall(r"(?<=: )(\d+)", line.split("; экономия")[0])]
    total, parts = numbers[0], numbers[1:]
    assert len(parts) == 4 and sum(parts) == total == len(closeouts["ru"].lots), line
    assert parts[3] == len(closeouts["ru"].tables["closeout_carry_over"].frame)


@pytest.mark.slow
def test_every_table_names_its_period(closeouts):
    for lang, report in closeouts.items():
        for key, table in report.tables.items():
            if key != "problems":
                assert table.period and table.period in table.title, (lang, key)


@pytest.mark.slow
def test_the_summary_in_every_language_names_the_period_and_the_carry_over(closeouts):
    expected = {"ru": ("2023–2025 гг., на 31.12.2025", "Переходит на 31.12.2025"),
                "en": ("2023–2025, as of 31/12/2025", "Carried over as of"),
                "kk": ("2023–2025 жж., 31.12.2025 күнгі", "ауысатындар")}
    for lang, report in closeouts.items():
        text = " ".join(report.summary)
        period, carry = expected[lang]
        assert carry in text, lang
        assert period in text or lang == "en", (lang, text[:200])
        with i18n.using(lang):
            assert report.title == t("closeout.title", period=i18n.plan_period((2023, 2025)))


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ru", "en", "kk"])
def test_the_xlsx_has_no_formula_and_the_summary_figures(closeouts, capsys, tmp_path, lang):
    report = closeouts[lang]
    path = tmp_path / "closeout.xlsx"
    report.write_xlsx(path)
    workbook = openpyxl.load_workbook(path)
    assert len(workbook.sheetnames) == len(report.tables)  # one sheet a table, none lost
    with i18n.using(lang):
        assert workbook.sheetnames[0] == t("sheet.closeout_totals")
        head = t("col.source")
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
                assert not (isinstance(cell.value, str) and cell.value.startswith("=")), \
                    (sheet.title, cell.coordinate)
    rows = [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[0] == head)
    expected = summary_rows(capsys)
    body = [r for r in rows[start + 1:] if r[1] is not None]  # the table, not its note
    assert len(body) == len(expected)
    for row, source in zip(body, ("RB", "UNICEF"), strict=True):
        # approved, plan, committed, paid, remaining, uncommitted, execution
        assert [tiyn(v) for v in row[2:7]] == [tiyn(expected[source][m]) for m in MEASURES]


# --- the command line ---------------------------------------------------------------------------


def test_the_notebook_is_papermill_style_and_has_no_outputs():
    notebook = NOTEBOOKS_DIR / "closeout.ipynb"
    params = papermill.inspect_notebook(str(notebook))
    assert {name: p["inferred_type_name"] for name, p in params.items()} == {
        "first_month": "str", "last_month": "str", "data_dir": "str", "lang": "str",
        "xlsx_path": "str"}
    assert all(p["help"] for p in params.values())
    cells = nbformat.read(notebook, as_version=4).cells
    assert all(not c.get("outputs") and not c.get("execution_count") for c in cells)


@pytest.mark.parametrize(("argv", "message"), [
    (["--plan", "--month", "2025-06"], "укажите что-то одно"),
    (["--plan", "--period", "2023-01..2025-12"], "укажите что-то одно"),
    (["--period", "2023-01"], "неверный период «2023-01»"),
    (["--period", "2023-01..2025-13"], "неверный месяц «2025-13»"),
    (["--period", "2025-06..2024-01"], "начало диапазона 2025-06 позже его конца"),
    pytest.param(["--period", "2023-01..2026-03"], "месяц 2026-03 позже окончания плана",
                 marks=pytest.mark.slow),  # the data folder is loaded to know the plan's end
])
def test_a_bad_period_is_one_line_and_writes_nothing(tmp_path, capsys, argv, message):
    code = main(["report", *argv, "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert (code, message in err) == (2, True), err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "kk"])
def test_the_report_in_english_and_kazakh(tmp_path, capsys, monkeypatch, lang):
    """The command line, the runner and the notebook's code in process (no kernel)."""
    monkeypatch.setattr(papermill, "execute_notebook", execute_in_process)
    assert main(["report", "--period", f"{FIRST}..{LAST}", "--lang", lang,
                 "--out", str(tmp_path)]) == 0, capsys.readouterr().err
    html = (tmp_path / NAME / f"{STEM}.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in html
    with i18n.using(lang):
        for key in ("closeout.section.summary", "closeout.section.execution",
                    "closeout.section.activities", "closeout.section.procurement",
                    "closeout.section.carry_over", "table.closeout_by_year"):
            assert t(key) in html, key
        assert t("example.banner") in html
        sheets = openpyxl.load_workbook(tmp_path / NAME / f"{STEM}.xlsx").sheetnames
        assert t("sheet.closeout_carry_over") in sheets


# --- the real run ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_folder_and_its_manifest(closeout_run):
    names = sorted(p.name for p in closeout_run.iterdir())
    assert names == ["manifest.json", f"{STEM}.html", f"{STEM}.ipynb", f"{STEM}.pdf",
                     f"{STEM}.xlsx"]
    assert not list(closeout_run.parent.glob(".*"))  # no temporary folder, no lock
    manifest = json.loads((closeout_run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["period"] == [FIRST, LAST]
    assert manifest["parameters"]["first_month"] == FIRST
    assert manifest["example_data"] is True
    assert manifest["inputs"][str(NOTEBOOKS_DIR / "closeout.ipynb")] == sha256(
        NOTEBOOKS_DIR / "closeout.ipynb")
    for name in (f"{STEM}.xlsx", f"{STEM}.pdf", f"{STEM}.html"):
        assert manifest["outputs"][name] == sha256(closeout_run / name)


@pytest.mark.slow
def test_the_html_has_no_code_and_loads_nothing_from_outside(closeout_run):
    html = (closeout_run / f"{STEM}.html").read_text(encoding="utf-8")
    body = html.split("<body", 1)[1]
    assert "jp-InputArea" not in body and "Closeout" not in body
    assert re.findall(r"<script[^>]+src=", html) == [] and "cdn." not in html
    title = t("closeout.title", period="2023–2025 гг.")
    assert f"<title>{title}</title>" in html
    for section in ("summary", "execution", "currency", "activities", "procurement",
                    "carry_over", "problems"):
        assert f'<section id="{section}"' in body
        assert section == "summary" or f'href="#{section}"' in body
    assert body.index('<section id="summary"') < body.index('<section id="execution"')


@pytest.mark.slow
def test_the_close_out_fits_a4_landscape_and_a_1366_screen(closeout_run, browser):
    """As the monthly report's: no table wider than its page on paper or a 1366 px screen;
    text left, numbers right; lot ids on one line; headers repeated on every page."""
    page, blocked = browser
    check_print_layout(page, closeout_run / f"{STEM}.html", ["#procurement", "#carry_over"])
    charts = page.evaluate("document.querySelectorAll('svg').length")
    assert charts >= 4  # by year, by section, the Gantt, lots by stage
    assert blocked == []


@pytest.mark.slow
def test_the_close_out_on_a_phone(closeout_run, browser):
    """390 px: each table scrolls sideways in its own box (the lots' delays, 13 columns, far
    wider than the screen), never squeezed until numbers print over each other; the page
    itself never scrolls sideways."""
    page, blocked = browser
    check_phone_layout(page, closeout_run / f"{STEM}.html", "#procurement table.mics-wide")
    assert blocked == []


@pytest.mark.slow
def test_the_pdf_starts_with_the_summary_and_numbers_its_pages(closeout_run):
    import pypdf

    pages = [p.extract_text() for p in pypdf.PdfReader(closeout_run / f"{STEM}.pdf").pages]
    first = " ".join(pages[0].split())
    assert "Кратко для Руководящего комитета" in first
    assert "РБ, 2023–2025 гг., на 31.12.2025" in first and t("example.banner") in first
    assert len(pages) > 5
    for number, text in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in text, number

