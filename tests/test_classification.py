"""The budget classification (administrator, programme, subprogramme): optional 3-digit codes
on budget lines, payments and the financing plan, checked, carried through, and a summary by
programme whose groups add up to the whole."""

from __future__ import annotations

from datetime import date

from mics_budget import load
from mics_budget.cli import main
from tests.conftest import BUDGET, PAYMENTS, write_files

CLASSIFIED = BUDGET.replace(
    "year,activity,source,specifics,phase,",
    "year,activity,source,specifics,abp,program,subprogram,phase,").replace(
    ",RB,143,", ",RB,143,406,1,100,").replace(",RB,161,", ",RB,161,406,002,,").replace(
    ",UNICEF,,", ",UNICEF,,,,,")


def test_codes_are_checked_and_written_with_three_digits(money_dir):
    write_files(money_dir, {"budget/budget.csv": CLASSIFIED.replace(
        "2023,8.1,RB,161,406,002,,", "2023,8.1,RB,161,406,02x,,")})
    project = load(money_dir)
    [bad] = [p for p in project.problems if p.key == "problem.bad_budget_code"]
    assert (bad.column, bad.value, bad.row) == ("program", "02x", 5)
    lines = project.budget.loc[project.budget["valid"]]
    assert set(lines.loc[lines["activity"] == "7.1", "program"]) == {"001"}
    assert not project.budget.set_index("_row").loc[5, "valid"]


def test_a_summary_by_programme_adds_up_to_the_whole(money_dir, capsys):
    write_files(money_dir, {"budget/budget.csv": CLASSIFIED})
    project = load(money_dir)
    as_of = date(2023, 12, 31)
    whole = project.spending_minor(as_of)
    by_program = project.spending_minor(as_of, by=["program", "subprogram", "specifics"])
    for column in ("plan", "committed", "paid"):
        assert int(by_program[column].sum()) == int(whole[column].sum())
    rb = by_program.loc[by_program["source"] == "RB"].set_index(["program", "subprogram"])
    assert int(rb.loc[("001", "100"), "paid"].sum()) == 400_000_000  # P3 on 7.1/143
    assert int(rb.loc[("002", ""), "paid"].sum()) == 90_000_025  # P1 and its refund
    assert main(["summary", "--as-of", "2023-12-31", "--by", "program,subprogram",
                 "--format", "csv", "--data", str(money_dir)]) == 0
    assert "program,subprogram" in capsys.readouterr().out.splitlines()[0]


def test_a_payment_under_another_programme_than_its_budget_line_is_named(money_dir):
    payments = PAYMENTS.replace("specifics,amount", "specifics,program,amount").replace(
        ",RB,161,1000000.25", ",RB,161,003,1000000.25").replace(
        ",RB,143,4000000", ",RB,143,001,4000000").replace(",RB,161,-100000", ",RB,161,,-100000"
                                                          ).replace(",UNICEF,,", ",UNICEF,,,")
    write_files(money_dir, {"budget/budget.csv": CLASSIFIED, "budget/payments.csv": payments})
    project = load(money_dir)
    [problem] = [p for p in project.problems if p.key == "problem.program_differs"]
    assert (problem.row, problem.value, problem.params["budget"]) == (2, "003", "002")
    assert project.payments.set_index("id").loc["P1", "valid"]  # it was paid: it counts
