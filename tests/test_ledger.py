"""Every check of the money files: one bad row each, the good rows still counted."""

from __future__ import annotations

from datetime import date

import pytest

from mics_budget import load
from tests.conftest import BUDGET, EVENTS, LOTS, PAYMENTS, write_files

HEADER = PAYMENTS.splitlines()[0] + "\n"
BAD_PAYMENTS = [
    # (row, expected column, key, severity)
    ("X1,2023-06-10,99.1,RB,,100,KZT,,,,,", "activity", "problem.unknown_activity"),
    ("X2,2023-06-10,1.1,RB,,100,KZT,,,,,", "activity", "problem.no_funding"),
    ("X3,2023-06-10,7.1,UNICEF,,100,KZT,,,,,", "source", "problem.wrong_source"),
    ("X4,2023-06-10,7.1,ГБ,,100,KZT,,,,,", "source", "problem.unknown_source"),
    ("X5,2023-06-10,8.1,RB,,-100,KZT,,,,,", "amount", "problem.refund_without_ref"),
    ("P1,2023-06-11,8.1,RB,,100,KZT,,,,,", "id", "problem.duplicate_id"),
    ("X6,2023-06-10,8.1,RB,,100,QQQ,,,,,", "currency", "problem.unknown_currency"),
    ("X7,2023-01-20,6.1,UNICEF,,100,USD,,,,,", "date", "problem.missing_rate"),
    ("X8,2023-06-10,8.1,RB,,\"12,34,5\",KZT,,,,,", "amount", "problem.bad_number"),
    ("X9,2023-06-10,8.1,RB,,100 ₸,KZT,,,,,", "amount", "problem.currency_sign"),
    ("X10,31.02.2023,8.1,RB,,100,KZT,,,,,", "date", "problem.bad_date"),
    ("X11,2023-06-10,8.1,RB,,-100,KZT,,,,P999,", "refund_of", "problem.unknown_refund"),
    ("X12,2023-06-10,7.1,RB,,100,KZT,,,L9,,", "contract", "problem.unknown_lot"),
    (",2023-06-10,8.1,RB,,100,KZT,,,,,", "id", "problem.missing_id"),
]


@pytest.mark.parametrize(("row", "column", "key"), BAD_PAYMENTS)
def test_each_bad_payment_is_one_error_and_left_out(money_dir, row, column, key):
    write_files(money_dir, {"budget/payments.csv": PAYMENTS + row + "\n"})
    project = load(money_dir)
    errors = [p for p in project.problems if p.severity == "error"]
    assert [(p.file, p.row, p.column, p.key) for p in errors] == [
        ("budget/payments.csv", 6, column, key)]
    assert errors[0].message and "{" not in errors[0].message
    assert project.payments["valid"].tolist() == [True, True, True, True, False]
    rb = project.spending(date(2023, 12, 31)).set_index("source")
    assert rb.loc["RB", "paid"] == 4_900_000.25  # the four good rows, nothing else


def test_wrong_source_names_the_plans_funding(money_dir):
    write_files(money_dir, {"budget/payments.csv": PAYMENTS + BAD_PAYMENTS[2][0] + "\n"})
    [problem] = load(money_dir).problems
    assert problem.message == "источник «UNICEF» не совпадает с финансированием по плану (RB)"


def test_a_zero_payment_and_a_date_outside_the_plan_are_warnings(money_dir):
    write_files(money_dir, {"budget/payments.csv": PAYMENTS
                            + "Z1,2023-06-10,8.1,RB,161,0,KZT,,,,,\n"
                            + "Z2,2026-01-10,8.1,RB,161,5,KZT,,,,,\n"})
    project = load(money_dir)
    # 2026 has no budget line for 8.1 either: an error, but the payment still counts
    assert [(p.row, p.severity, p.key) for p in project.problems] == [
        (7, "warning", "problem.outside_years"), (6, "warning", "problem.zero_amount"),
        (7, "error", "problem.no_budget_line")]
    assert project.payments["valid"].all()


def test_a_payment_the_budget_does_not_fund_that_year_is_an_error_and_still_counts(money_dir):
    # 8.1 has a 2023 line only; 7.1's 2024 payment is outside its July 2023 period too
    write_files(money_dir, {"budget/payments.csv": PAYMENTS
                            + "Z1,2024-06-10,8.1,RB,161,500,KZT,,,,,\n"
                            + "Z2,2023-09-10,7.1,RB,143,700,KZT,,,,,\n"})
    project = load(money_dir)
    got = [(p.row, p.severity, p.key, p.message) for p in project.problems]
    assert got == [
        (6, "error", "problem.no_budget_line", "платёж по мероприятию 8.1 в 2024 году, а бюджет "
         "на 2024 год по нему ничего не выделяет (нет утверждённой или уточнённой строки с "
         "суммой)"),
        (7, "warning", "problem.outside_activity_period",
         "платёж 10.09.2023 вне срока мероприятия 7.1 по плану (Июль 2023)")]
    assert project.spending(date(2024, 12, 31), year=2024).set_index("source").loc[
        "RB", "paid"] == 500.0


def test_a_refund_is_judged_with_its_payment_and_a_budget_adjusted_to_zero_funds_nothing(
        money_dir):
    write_files(money_dir, {
        "budget/budget.csv": BUDGET + "2023,8.1,RB,161,adjusted,0,KZT,2023-10-01,,\n",
        "budget/payments.csv": PAYMENTS + "R1,2023-12-01,7.1,RB,143,-10,KZT,,,,P3,\n"})
    got = [(p.row, p.key) for p in load(money_dir).problems]
    assert got == [(2, "problem.no_budget_line")]  # P1 on 8.1: its 2023 line is now 0


@pytest.mark.parametrize(
    ("name", "text", "row", "column", "key"),
    [
        ("budget/budget.csv", BUDGET + "2023,8.1,RB,161,planned,1,KZT,2023-03-01,,\n", 7,
         "phase", "problem.unknown_phase"),
        ("budget/budget.csv", BUDGET + "20x3,8.1,RB,161,approved,1,KZT,2023-03-01,,\n", 7,
         "year", "problem.bad_year"),
        ("budget/budget.csv", BUDGET + "2023,8.1,RB,161,approved,-1,KZT,2023-03-01,,\n", 7,
         "amount", "problem.negative_budget"),
        ("procurement/lots.csv", LOTS + "L2,7.2,Канц,tender,100,KZT,149,,,\n", 3, "method",
         "problem.unknown_method"),
        ("procurement/lots.csv", LOTS + "L2,2.2,Встреча,auction,100,KZT,,,,\n", 3,
         "activity", "problem.no_funding"),
        ("procurement/events.csv", EVENTS + "L1,2023-07-11,signed,,,,,,,,\n", 7, "status",
         "problem.unknown_status"),
        ("procurement/events.csv", EVENTS + "L7,2023-07-11,announced,,,,,,,,\n", 7, "lot",
         "problem.unknown_lot"),
        ("procurement/events.csv", EVENTS + "L1,2023-07-11,amended,,,,,,,,\n", 7, "amount",
         "problem.contract_no_amount"),
        ("budget/financing_plan.csv", "year,month,kind,activity,source,amount\n"
         "2023,13,payments,8.1,RB,5\n", 2, "month", "problem.bad_month"),
        ("budget/financing_plan.csv", "year,month,kind,activity,source,amount\n"
         "2023,6,plan,8.1,RB,5\n", 2, "kind", "problem.unknown_kind"),
    ],
)
def test_other_files_checks(money_dir, name, text, row, column, key):
    write_files(money_dir, {name: text})
    errors = [p for p in load(money_dir).problems if p.severity == "error"]
    assert [(p.file, p.row, p.column, p.key) for p in errors] == [(name, row, column, key)]


def test_a_lot_on_a_non_procurement_activity_is_a_warning(money_dir):
    write_files(money_dir, {"procurement/lots.csv": LOTS + "L2,8.1,Аренда,auction,1,KZT,,,,\n"})
    problems = load(money_dir).problems
    assert [(p.severity, p.key) for p in problems] == [("warning", "problem.lot_not_procurement")]


def test_missing_required_column_in_payments(money_dir):
    write_files(money_dir, {"budget/payments.csv": "id,date,amount\nP1,2023-06-10,5\n"})
    project = load(money_dir)
    [problem] = [p for p in project.problems if p.file == "budget/payments.csv"]
    assert problem.key == "problem.missing_columns"
    assert "activity, source" in problem.message and "найдены: id, date, amount" in \
        problem.message
    assert project.payments.empty


def test_a_data_folder_with_only_the_plan_loads_without_problems(data_dir):
    project = load(data_dir)
    assert project.problems == []
    assert project.spending(date(2024, 1, 1)).empty


def test_totals_that_could_wrap_around_are_refused_not_summed(money_dir, capsys):
    from mics_budget.cli.cli import main

    rows = "".join(f"Q{i},2023-06-10,8.1,RB,161,9999999999999.99,KZT,,,,,\n" for i in range(5000))
    write_files(money_dir, {"budget/payments.csv": PAYMENTS + rows})
    project = load(money_dir)
    assert ("load.totals_too_large", "budget/payments.csv") in [(p.key, p.file)
                                                               for p in project.problems]
    with pytest.raises(Exception, match="больше, чем можно сложить точно"):
        project.spending(date(2023, 12, 31))
    assert main(["summary", "--as-of", "2023-12-31", "--data", str(money_dir)]) == 2
    assert "итоги не считаются" in capsys.readouterr().err
