"""The individual financing plan as the finance office keeps it (:mod:`mics_budget.ledger.ipf`):
wide, months as columns, in thousands of tenge, under a title block, by programme /
subprogramme / specifics mapped to activities. It must load to the tiyn as the same plan in
the project's long table."""

from __future__ import annotations

import pandas as pd
import pytest

from mics_budget import load
from tests.conftest import write_files

LONG = ("year,month,kind,activity,source,specifics,amount\n"
        "2024,3,obligations,7.1,RB,143,9000000\n"
        "2024,7,payments,7.1,RB,143,4500100\n"
        "2024,8,payments,7.1,RB,143,4499900\n"
        "2024,6,payments,8.1,RB,161,1000000\n"
        "2024,6,payments,7.2,RB,144,1000001\n"
        "2024,6,payments,7.3,RB,144,999999\n")
MONTHS = ("январь;февраль;март;апрель;май;июнь;июль;август;сентябрь;октябрь;ноябрь;"
          "декабрь")
WIDE = (
    "Индивидуальный план финансирования на 2024 год;;;;;;;;;;;;;;;\n"
    "Бюро национальной статистики (пример);;;;;;;;;;;;;;;\n"
    "(тыс. тенге);;;;;;;;;;;;;;;\n"
    ";;;;;;;;;;;;;;;\n"
    f"Программа;Подпрограмма;Специфика;{MONTHS};Итого\n"
    "по обязательствам;;;;;;;;;;;;;;;\n"
    "001;100;143;;;9 000,0;;;;;;;;;;9 000,0\n"
    "Итого по обязательствам;;;;;9 000,0;;;;;;;;;;9 000,0\n"
    "по платежам;;;;;;;;;;;;;;;\n"
    "001;100;143;;;;;;;4 500,1;4 499,9;;;;;9 000,0\n"
    "001;100;161;;;;;;1 000,0;;;;;;;1 000,0\n"
    "001;100;144;;;;;;2 000,0;;;;;;;2 000,0\n"
    "Всего;;;;;;;;3 000,0;4 500,1;4 499,9;;;;;12 000,0\n"
)
MAP = ("program,subprogram,specifics,activity,share\n"
       "001,100,143,7.1,1\n001,100,161,8.1,1\n001,100,144,7.2,0.5000005\n"
       "001,100,144,7.3,0.4999995\n")


def figures(project) -> list[tuple]:
    frame = project.financing_plan
    frame = frame.loc[frame["valid"]]
    return sorted(zip(frame["year"], frame["month"], frame["kind"], frame["activity"],
                      frame["source"], frame["specifics"], frame["amount_minor"], strict=True))


@pytest.fixture
def long_project(data_dir):
    return load(write_files(data_dir, {"budget/financing_plan.csv": LONG}))


def test_a_wide_plan_in_thousands_reconciles_to_the_tiyn_with_the_long_one(
        tmp_path, data_dir, long_project):
    wide = tmp_path / "wide"
    import shutil

    shutil.copytree(data_dir / "plan", wide / "plan")
    write_files(wide, {"budget/financing_plan.csv": WIDE.encode("cp1251"),
                       "budget/activity_map.csv": MAP})
    project = load(wide)
    # the same remarks as the long table (no budget line for the plan: warnings), no more
    assert [(p.key, p.value) for p in project.problems] == [
        (p.key, p.value) for p in long_project.problems]
    assert figures(project) == figures(long_project)
    # the sheet's own rows are named: the 143 payments row is row 10 of the sheet
    rows = project.financing_plan.set_index(["month", "activity"])["_row"]
    assert rows.loc[(7, "7.1")] == 10


def test_the_same_sheet_as_xlsx_with_a_title_block(tmp_path, data_dir, long_project):
    import shutil

    import openpyxl

    folder = tmp_path / "xlsx"
    shutil.copytree(data_dir / "plan", folder / "plan")
    (folder / "budget").mkdir()
    book = openpyxl.Workbook()
    sheet = book.active
    for line in WIDE.splitlines():
        sheet.append([_number(c) for c in line.split(";")])
    book.save(folder / "budget" / "financing_plan.xlsx")
    write_files(folder, {"budget/activity_map.csv": MAP})
    assert figures(load(folder)) == figures(long_project)


def _number(cell: str):
    text = cell.replace(" ", "").replace(",", ".")
    try:
        return float(text) if text and any(ch.isdigit() for ch in text) and "." in text \
            else cell
    except ValueError:
        return cell


def test_a_sheet_that_does_not_say_its_unit_is_refused_not_guessed(data_dir):
    write_files(data_dir, {"budget/financing_plan.csv": WIDE.replace("(тыс. тенге)", ""),
                           "budget/activity_map.csv": MAP})
    project = load(data_dir)
    [problem] = [p for p in project.problems if p.key == "ipf.no_unit"]
    assert problem.file == "budget/financing_plan.csv" and problem.row == 5
    assert "тыс. тенге" in problem.message
    assert project.financing_plan.empty


def test_a_row_that_maps_to_nothing_is_named(data_dir):
    write_files(data_dir, {"budget/financing_plan.csv": WIDE,
                           "budget/activity_map.csv": MAP.replace("001,100,161,8.1,1\n", "")})
    project = load(data_dir)
    [problem] = [p for p in project.problems if p.key == "ipf.unmapped"]
    assert (problem.row, problem.column, problem.value) == (11, "specifics", "161")
    assert "161" in problem.message and "001" in problem.message
    assert len(figures(project)) == 5  # every other row still counts


def test_shares_that_do_not_add_up_to_one_are_refused(data_dir):
    write_files(data_dir, {"budget/financing_plan.csv": WIDE,
                           "budget/activity_map.csv": MAP.replace("0.4999995", "0.4")})
    keys = [p.key for p in load(data_dir).problems]
    assert "ipf.shares_not_one" in keys and "ipf.unmapped" in keys


def test_a_plan_a_thousand_times_off_the_budget_is_a_warning(data_dir):
    budget = ("year,activity,source,specifics,phase,amount,currency,date,document,note\n"
              "2024,7.1,RB,143,approved,9000,KZT,2024-01-15,,\n")  # typed in thousands
    write_files(data_dir, {"budget/financing_plan.csv": LONG, "budget/budget.csv": budget})
    [problem] = [p for p in load(data_dir).problems if p.key == "ipf.thousand_off"]
    assert problem.severity == "warning" and "2024" in problem.message


def test_the_long_table_keeps_working(long_project):
    assert len(figures(long_project)) == 6
    assert not [p for p in long_project.problems if p.key.startswith("ipf.")]


def test_the_example_in_the_docs_reads_with_its_map(data_dir):
    from pathlib import Path

    docs = Path(__file__).parents[1] / "docs" / "examples"
    write_files(data_dir, {"budget/financing_plan.csv": (docs / "financing_plan_wide.csv")
                           .read_bytes(),
                           "budget/activity_map.csv": (docs / "activity_map.csv").read_bytes()})
    project = load(data_dir)
    assert [p for p in project.problems if p.severity == "error"] == []
    assert len(project.financing_plan) > 0
    assert pd.api.types.is_integer_dtype(project.financing_plan["amount_minor"])
