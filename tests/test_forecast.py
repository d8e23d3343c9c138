"""The year-end forecast, at its edges (README: The forecast)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from mics_budget import load
from mics_budget.cli.cli import main
from mics_budget.ledger.forecast import expected, forecast_minor
from tests.conftest import PAYMENTS, write_files


def row(project, as_of, key, year=None):
    table = forecast_minor(project, as_of, year, by=["activity"]).set_index("activity")
    return table.loc[key].to_dict()


def test_even_spread_with_the_as_of_month_pro_rata_and_nothing_paid(money_project):
    got = row(money_project, date(2023, 7, 10), "7.1")
    # 7.1 runs in July only: 10 000 000 (approved; the adjustment comes in September)
    assert got["plan"] == 1_000_000_000
    assert got["plan_to_date"] == 322_580_645  # 10/31 of July, rounded once to the tiyn
    assert (got["paid"], got["expected_paid"], got["expected_unspent"]) == (0, 0, 1_000_000_000)
    assert got["basis"] == "even_spread"


def test_an_activity_finished_early_keeps_what_was_paid(money_project):
    got = row(money_project, date(2023, 12, 31), "8.1")
    assert got["plan_to_date"] == got["plan"] == 500_000_050  # June is long past
    assert got["paid"] == got["expected_paid"] == 90_000_025  # refund netted
    assert got["expected_unspent"] == 500_000_050 - 90_000_025


def test_ahead_of_plan_the_rest_comes_at_the_planned_pace(money_project):
    got = row(money_project, date(2023, 7, 4), "4.2")  # UNICEF, July-August, paid 4 July
    assert got["plan"] == 901_000_000 and got["paid"] == 451_000_000
    assert got["plan_to_date"] == round(450_500_000 * 4 / 31)
    assert got["expected_paid"] == got["plan"]  # no faster than planned, no more than plan
    assert got["expected_unspent"] == 0


def test_plan_zero_forecasts_what_was_paid(money_dir):
    write_files(money_dir, {"budget/payments.csv": PAYMENTS
                            + "Z1,2024-03-10,8.1,RB,161,500,KZT,,,,,\n"})
    got = row(load(money_dir), date(2024, 6, 30), "8.1")
    assert (got["plan"], got["paid"], got["expected_paid"], got["expected_unspent"]) == (
        0, 50_000, 50_000, -50_000)
    assert got["basis"] == "none"  # nothing was spread: not «поровну по месяцам»


def test_the_financing_plan_decides_what_is_due(money_dir):
    write_files(money_dir, {"budget/financing_plan.csv": (
        "year,month,kind,activity,source,specifics,amount\n"
        "2023,5,payments,8.1,RB,161,1000000.50\n2023,6,payments,8.1,RB,161,4000000\n")})
    project = load(money_dir)
    got = row(project, date(2023, 5, 31), "8.1")
    assert got["basis"] == "financing_plan" and got["plan_to_date"] == 100_000_050
    assert got["paid"] == 0 and got["expected_paid"] == 0  # nothing paid of what was due
    late = row(project, date(2023, 6, 10), "8.1")  # 1 000 000,25 paid by 10 June
    due = 100_000_050 + round(400_000_000 * 10 / 30)
    assert late["plan_to_date"] == due
    assert late["expected_paid"] == expected(500_000_050, 100_000_025, due)


def test_a_year_not_begun_or_over(money_project):
    project = money_project
    assert forecast_minor(project, date(2022, 12, 31), 2023).empty  # nothing decided yet
    after = row(project, date(2024, 2, 1), "7.1", year=2023)
    assert after["plan_to_date"] == after["plan"] == 900_000_000


@pytest.mark.parametrize(("plan", "paid", "to_date", "result"), [
    (100, 0, 50, 0), (100, 50, 50, 100), (100, 25, 50, 25 + 25), (100, 150, 80, 150),
    (0, 7, 0, 7), (100, 0, 0, 100), (3, 1, 3, 1), (10, 1, 3, 1 + 7 / 3)])
def test_the_formula(plan, paid, to_date, result):
    """min(max(plan, paid), paid + (plan - to_date) * min(1, paid / to_date)), to the tiyn."""
    assert expected(plan, paid, to_date) == round(result)


@pytest.mark.slow
def test_the_forecast_reconciles_with_the_summary_and_the_cli(money_dir, capsys):
    project = load(money_dir)
    as_of = date(2023, 9, 30)
    table = forecast_minor(project, as_of).set_index("source")
    summary = project.spending_minor(as_of, year=2023).set_index("source")
    for source in table.index:
        assert table.loc[source, "plan"] == summary.loc[source, "plan"]
        assert table.loc[source, "paid"] == summary.loc[source, "paid"]
    assert main(["forecast", "--as-of", "2023-09-30", "--format", "json", "--data",
                 str(money_dir)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [set(r) for r in rows] == [{"source", "year", "plan", "paid", "plan_to_date",
                                       "expected_paid", "expected_unspent", "basis"}] * len(rows)
    assert rows[0]["expected_unspent"] == round(table.iloc[0]["expected_unspent"] / 100, 2)
    assert main(["forecast", "--as-of", "2023-09-30", "--by", "activity", "--format", "json",
                 "--data", str(money_dir)]) == 0
    assert all("activity" in r for r in json.loads(capsys.readouterr().out))


def test_expected_paid_is_computed_from_plan_to_date_as_shown(money_project):
    """The pro-rata month is rounded to the tiyn first, and ``expected_paid`` follows from
    the figures the table shows (a reader recomputes it); 7.1 on 10 July: 10/31 of July."""
    got = row(money_project, date(2023, 7, 10), "7.1")
    exact_to_date = 1_000_000_000 * 10 / 31  # 322 580 645,16… tiyn
    assert got["plan_to_date"] == round(exact_to_date)
    assert got["expected_paid"] == expected(got["plan"], got["paid"], got["plan_to_date"])


def test_a_line_in_a_year_the_activity_has_no_months_spreads_over_twelve(money_dir):
    """A budget line for a year outside the activity's periods is spread over all twelve
    months evenly (no month of the plan names it; none is preferred)."""
    from mics_budget.ledger.spending import monthly_profile

    project = load(money_dir)
    activity = project.plan["8.1"]
    outside = next(y for y in range(2023, 2026)
                   if all(s.year != y and e.year != y for s, e in activity.period.intervals))
    months, weights, basis = monthly_profile(project, outside, "8.1", "RB", "161")
    assert months == list(range(1, 13)) and set(weights) == {1.0} and basis == "even_spread"


def test_a_financing_plan_summing_to_nothing_is_ignored(money_dir):
    """An ИПФ whose payments rows add up to 0 or less spreads nothing: the line falls back to
    the even spread (and the ИПФ's mismatch with the annual plan is a warning)."""
    write_files(money_dir, {"budget/financing_plan.csv": (
        "year,month,kind,activity,source,specifics,amount\n"
        "2023,5,payments,8.1,RB,161,0\n2023,6,payments,8.1,RB,161,0\n")})
    project = load(money_dir)
    got = row(project, date(2023, 6, 30), "8.1")
    assert got["basis"] == "even_spread"
    assert any(p.file.endswith("financing_plan.csv") and p.severity == "warning"
               for p in project.problems)


def test_at_risk_needs_a_plan_and_looks_at_the_as_of_year_only(money_dir, monkeypatch):
    """An activity paid without a plan line is never «at risk of under-execution» (nothing
    is planned); the list covers the as-of date's year only."""
    from mics_budget.core import params
    from mics_budget.ledger.forecast import at_risk

    monkeypatch.setattr(params, "forecast_settings", lambda: params.ForecastSettings(
        min_unspent=0, min_share=0))
    write_files(money_dir, {"budget/payments.csv": PAYMENTS
                            + "Z1,2024-03-10,8.1,RB,161,500,KZT,,,,,\n"})
    project = load(money_dir)
    risky = at_risk(project, date(2024, 6, 30))
    assert "8.1" not in set(risky["activity"])  # paid in 2024, planned nothing for 2024
    assert set(risky["year"]) <= {2024}
    risky_2023 = at_risk(project, date(2023, 7, 10))
    assert not risky_2023.empty and set(risky_2023["year"]) == {2023}
