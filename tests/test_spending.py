from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pandas as pd
import pytest

from mics_budget import load
from mics_budget.ledger.spending import split_exact
from tests.conftest import EVENTS, MONEY_FILES, write_files


def totals(project, as_of, **kwargs) -> dict:
    table = project.spending(as_of, **kwargs)
    return {row["source"]: row for row in table.to_dict("records")}


def test_figures_by_source(money_project):
    rows = totals(money_project, date(2023, 12, 31))
    rb, unicef = rows["RB"], rows["UNICEF"]
    assert rb["plan"] == 14_000_000.50          # 7.1 adjusted 9 000 000 + 8.1 5 000 000,50
    assert rb["proposed"] == 11_000_000
    assert rb["committed"] == 10_400_000.25     # lot in force 9 500 000 + direct 900 000,25
    assert rb["paid"] == 4_900_000.25           # 1 000 000,25 + 4 000 000 - 100 000 refund
    assert rb["remaining"] == 9_100_000.25
    assert rb["uncommitted"] == 3_600_000.25
    assert rb["execution"] == pytest.approx(4_900_000.25 / 14_000_000.50)
    assert unicef["plan"] == 9_010_000          # 20 000 USD x 450,50 on the decision date
    assert unicef["paid"] == 4_510_000          # 10 000 USD x 451,00 on the payment date
    assert unicef["committed"] == 4_510_000


def test_as_of_moves_plan_commitments_and_payments(money_project):
    project = money_project
    early = totals(project, date(2023, 7, 5))["RB"]
    assert early["plan"] == 15_000_000.50       # the adjustment of 15.09 is not in force yet
    assert early["committed"] == 10_000_000.25  # contract 9 000 000 before its amendment
    assert early["paid"] == 1_000_000.25
    before = totals(project, date(2023, 2, 28))
    assert "UNICEF" not in before or before["UNICEF"]["plan"] == 0
    assert before["RB"]["plan"] == 0 and before["RB"]["proposed"] == 11_000_000
    assert pd.isna(before["RB"]["execution"])


def test_a_terminated_lot_commits_only_what_was_paid(money_dir):
    write_files(money_dir, {"procurement/events.csv":
                            EVENTS + "L1,2023-08-01,terminated,,,,,,,,\n"})
    project = load(money_dir)
    assert totals(project, date(2023, 7, 31))["RB"]["committed"] == 10_400_000.25
    assert totals(project, date(2023, 8, 1))["RB"]["committed"] == 4_900_000.25


@pytest.mark.parametrize("by", [["activity"], ["section"], ["unit"], ["specifics"], ["year"],
                                ["month"], ["activity", "month"], ["section", "specifics"]])
def test_identities_hold_for_every_group(money_project, by):
    project = money_project
    as_of = date(2023, 12, 31)
    table = project.spending(as_of, by=by)
    minor = project.spending_minor(as_of, by=by)
    assert (minor["plan"] / 100).tolist() == table["plan"].tolist()
    assert (minor["plan"] == minor["paid"] + minor["remaining"]).all()
    assert (minor["plan"] == minor["committed"] + minor["uncommitted"]).all()
    whole = project.spending_minor(as_of).set_index("source")
    sums = minor.groupby(table["source"]).sum()
    for column in ("plan", "committed", "paid", "proposed"):
        assert sums[column].tolist() == whole[column].tolist(), column


def test_grouping_by_activity(money_project):
    table = money_project.spending(date(2023, 12, 31), by=["activity"])
    assert table[["source", "activity", "plan", "paid"]].values.tolist() == [
        ["RB", "7.1", 9_000_000.0, 4_000_000.0],
        ["RB", "8.1", 5_000_000.5, 900_000.25],
        ["UNICEF", "4.2", 9_010_000.0, 4_510_000.0],
    ]


def test_year_filter(money_dir):
    write_files(money_dir, {"budget/budget.csv": MONEY_FILES["budget/budget.csv"]
                            + "2024,8.1,RB,161,approved,3000000,KZT,2023-12-01,,\n"})
    project = load(money_dir)
    assert totals(project, date(2024, 6, 30))["RB"]["plan"] == 17_000_000.50
    assert totals(project, date(2024, 6, 30), year=2024)["RB"]["plan"] == 3_000_000
    assert totals(project, date(2024, 6, 30), year=2024)["RB"]["paid"] == 0
    assert totals(project, date(2024, 6, 30), year=2023)["RB"]["paid"] == 4_900_000.25


def test_month_grouping_spreads_the_plan_over_the_activity_months(money_project):
    table = money_project.spending(date(2023, 12, 31), by=["activity", "month"])
    rb81 = table[(table["activity"] == "8.1")].set_index("month")
    assert rb81.loc["2023-06", "plan"] == 5_000_000.50   # 8.1 runs in June 2023 only
    assert rb81.loc["2023-06", "paid"] == 1_000_000.25
    assert rb81.loc["2023-07", "paid"] == -100_000       # the refund, in its month
    assert rb81.loc["2023-07", "plan"] == 0


def test_split_exact_adds_up():
    assert split_exact(100, [1, 1, 1]) == [34, 33, 33]
    assert sum(split_exact(1_000_000_001, [3, 2, 2, 7])) == 1_000_000_001
    assert split_exact(-10, [1, 1, 1]) in ([-4, -3, -3], [-3, -3, -4])
    assert sum(split_exact(-10, [1, 1, 1])) == -10


def test_cumulative_payments_against_the_financing_plan(money_dir):
    write_files(money_dir, {"budget/financing_plan.csv": (
        "year,month,kind,activity,source,specifics,amount\n"
        "2023,6,payments,8.1,RB,161,4000000.50\n2023,7,payments,8.1,RB,161,1000000\n")})
    project = load(money_dir)
    table = project.cumulative(date(2023, 7, 31), 2023)
    rb = table[table["source"] == "RB"].set_index("month")
    # 8.1 follows the ИПФ (June/July); 7.1 (no ИПФ) is spread over July, its only month
    assert rb.loc["2023-06", "plan"] == 4_000_000.50
    # as of 31.07 the 7.1 line is still the approved 10 000 000 (adjusted on 15.09)
    assert rb.loc["2023-07", "plan"] == 1_000_000 + 10_000_000
    assert rb.loc["2023-07", "plan_cumulative"] == 15_000_000.50
    assert rb.loc["2023-07", "paid_cumulative"] == 4_900_000.25
    assert rb.loc["2023-08", "paid"] == 0
    assert set(rb["basis"]) == {"mixed"}
    # the year-end forecast follows the same monthly plan (README, "The year-end forecast"):
    # on a month end the plan to date is the cumulative plan of that month
    forecast = project.forecast(date(2023, 7, 31), 2023).set_index("source")
    plan, to_date, paid = rb.loc["2023-12", "plan_cumulative"], 15_000_000.50, 4_900_000.25
    assert forecast.loc["RB", "plan_to_date"] == to_date
    assert forecast.loc["RB", "paid"] == paid
    expected = min(max(plan, paid), paid + (plan - to_date) * min(1, paid / to_date))
    assert forecast.loc["RB", "expected_paid"] == pytest.approx(expected, abs=0.01)
    assert forecast.loc["RB", "expected_unspent"] == pytest.approx(plan - expected, abs=0.01)


def test_financing_plan_that_does_not_add_up_is_a_warning(money_dir):
    write_files(money_dir, {"budget/financing_plan.csv": (
        "year,month,kind,activity,source,specifics,amount\n2023,6,payments,8.1,RB,161,1\n")})
    problems = [p for p in load(money_dir).problems if p.key == "problem.financing_plan_total"]
    assert len(problems) == 1 and problems[0].severity == "warning"


# --- the same data in other clothes gives the same summary ------------------------------------


def _as_russian_excel_csv(text: str) -> bytes:
    """cp1251, ';', decimal commas, thousands with spaces, Russian headers."""
    headers = {"date": "Дата", "amount": "Сумма", "currency": "Валюта",
               "activity": "Мероприятие", "source": "Источник", "specifics": "Специфика"}
    rows = list(csv.reader(io.StringIO(text)))
    out = [[headers.get(h, h) for h in rows[0]]]
    for row in rows[1:]:
        converted = []
        for header, value in zip(rows[0], row, strict=True):
            if header in {"amount", "estimate"} and value:
                whole, _, frac = value.partition(".")
                sign = "-" if whole.startswith("-") else ""
                whole = f"{int(whole.lstrip('-')):,}".replace(",", " ")
                value = f"{sign}{whole},{frac or '00'}"
            if header == "source":
                value = {"RB": "РБ", "UNICEF": "ЮНИСЕФ"}.get(value, value)
            if header == "date" and value:
                y, m, d = value.split("-")
                value = f"{d}.{m}.{y}"
            converted.append(value)
        out.append(converted)
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(out)
    return buf.getvalue().encode("cp1251")


def _as_xlsx(text: str) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in csv.reader(io.StringIO(text)):
        sheet.append(row)
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("variant", ["xlsx", "russian_csv"])
def test_csv_xlsx_and_russian_excel_csv_give_identical_summaries(money_dir, tmp_path, variant):
    expected = load(money_dir).spending(date(2023, 12, 31), by=["activity", "month"])
    other = tmp_path / "other"
    (other / "plan").mkdir(parents=True)
    for name in ("activities.csv", "units.csv"):
        (other / "plan" / name).write_bytes((money_dir / "plan" / name).read_bytes())
    for name, text in MONEY_FILES.items():
        if variant == "xlsx":
            write_files(other, {name.replace(".csv", ".xlsx"): _as_xlsx(text)})
        else:
            write_files(other, {name: _as_russian_excel_csv(text)})
    project = load(other)
    assert project.problems == []
    pd.testing.assert_frame_equal(project.spending(date(2023, 12, 31), by=["activity", "month"]),
                                  expected)


@pytest.mark.parametrize("kwargs", [{"by": ["activty"]}, {"by": "activity,month"},
                                    {"source": "РБ"}, {"activities": ["99.1"]},
                                    {"activities": "7.1"}])
def test_misspelt_keys_sources_and_activities_are_refused(money_project, kwargs):
    with pytest.raises(ValueError, match=r"valid|collection"):
        money_project.spending(date(2023, 12, 31), **kwargs)


def test_unknown_sections_and_units_are_refused(money_project):
    project = money_project
    with pytest.raises(ValueError, match="unknown sections"):
        project.activities_of(["99"])
    with pytest.raises(ValueError, match="unknown units"):
        project.activities_of(units=["XYZ"])
    assert project.activities_of(["7"]) == ["7.1", "7.2", "7.3"]


# --- definitions pinned at their edges (README: Definitions) ---------------------------------

def test_a_commitment_falls_in_its_signing_month_at_the_amount_in_force(money_project):
    """L1 is signed on 15.06.2023 (9 000 000) and amended on 10.07 (9 500 000): as of any
    later date the whole 9 500 000 is committed in June 2023, the month of signing."""
    table = money_project.spending(date(2023, 12, 31), by=["activity", "month"])
    l1 = table.loc[table["activity"] == "7.1"].set_index("month")
    assert l1.loc["2023-06", "committed"] == 9_500_000
    assert l1.loc["2023-07", "committed"] == 0  # the amendment month holds nothing


def test_a_terminated_lot_commits_what_was_paid_in_its_signing_month(money_dir):
    write_files(money_dir, {"procurement/events.csv":
                            EVENTS + "L1,2023-08-01,terminated,,,,,,,,\n"})
    table = load(money_dir).spending(date(2023, 12, 31), by=["activity", "month"])
    l1 = table.loc[table["activity"] == "7.1"].set_index("month")
    assert l1.loc["2023-06", "committed"] == 4_000_000  # paid on 20.07, committed in June
    assert l1.loc["2023-07", "committed"] == 0


def test_only_the_payments_rows_of_the_financing_plan_spread_the_plan(money_dir):
    write_files(money_dir, {"budget/financing_plan.csv": (
        "year,month,kind,activity,source,specifics,amount\n"
        "2023,3,obligations,8.1,RB,161,5000000.50\n")})
    table = load(money_dir).spending(date(2023, 12, 31), by=["activity", "month"])
    rb81 = table[(table["activity"] == "8.1")].set_index("month")
    assert rb81.loc["2023-06", "plan"] == 5_000_000.50  # obligations do not move the plan
    assert "2023-03" not in rb81.index or rb81.loc["2023-03", "plan"] == 0


def test_the_month_split_rounds_to_the_tiyn_largest_remainders_first():
    # 100 tiyn over 3 equal months: 34 + 33 + 33 (the earliest month takes the extra tiyn)
    assert split_exact(100, [1, 1, 1]) == [34, 33, 33]
    # proportional to the ИПФ: 1 000.01 ₸ over 1:2 gives 333.34 + 666.67 (exact sum)
    assert split_exact(100_001, [1, 2]) == [33_334, 66_667]
    assert split_exact(5, [0, 0]) == [3, 2]  # no weights: evenly


def test_a_line_adjusted_to_zero_keeps_the_payments_and_says_so(money_dir):
    """8.1's 2023 line adjusted to 0 after its payments: each payment of the year is an error
    «no budget line», yet still counted (the money was paid); the plan is 0 and execution
    blank."""
    from tests.conftest import BUDGET

    write_files(money_dir, {"budget/budget.csv": BUDGET
                            + "2023,8.1,RB,161,adjusted,0,KZT,2023-10-01,,\n"})
    project = load(money_dir)
    flagged = [(p.row, p.key, p.severity) for p in project.problems]
    assert flagged == [(2, "problem.no_budget_line", "error")]  # P1; P4 is its refund
    row = project.spending(date(2023, 12, 31), by=["activity"]).set_index("activity").loc["8.1"]
    assert (row["plan"], row["paid"]) == (0, 900_000.25) and pd.isna(row["execution"])


def test_two_rows_of_one_phase_on_one_date_the_later_wins(money_dir):
    """The budget file is a log: of two adjustments of one line on one date, the later row
    in the file is in force."""
    from tests.conftest import BUDGET

    write_files(money_dir, {"budget/budget.csv": BUDGET
                            + "2023,8.1,RB,161,adjusted,4000000,KZT,2023-10-01,,\n"
                            + "2023,8.1,RB,161,adjusted,3000000,KZT,2023-10-01,,\n"})
    project = load(money_dir)
    row = project.spending(date(2023, 12, 31), by=["activity"]).set_index("activity").loc["8.1"]
    assert row["plan"] == 3_000_000


def test_recent_figures_are_kept_as_copies_and_bounded(money_project, monkeypatch):
    """A selection asked again (a dashboard's filters going back and forth) is not computed
    again; every caller gets its own copy; only the last RECENT selections are kept."""
    from mics_budget.ledger import spending as spending_module

    calls = []
    real = spending_module.spending

    def counted(*args, **kwargs):
        calls.append(args[1:])
        return real(*args, **kwargs)

    monkeypatch.setattr(spending_module, "spending", counted)
    money_project.__dict__.pop("_recent_figures", None)  # what other tests asked is gone
    day = date(2024, 6, 30)
    first = money_project.spending(day, ["activity"], source="RB")
    first.loc[:, "paid"] = -1.0  # a caller changing what it got
    again = money_project.spending(day, ("activity",), source="RB")
    assert len(calls) == 1 and (again["paid"] >= 0).all()
    assert again.equals(real(money_project, day, ["activity"], None, "RB", None))
    money_project.spending(day, ["activity"], source="RB", activities={"7.1"})
    assert len(calls) == 2  # another selection
    money_project._recent_figures.size = 2
    for month in (1, 2, 3):
        money_project.spending(date(2024, month, 28))
    assert len(money_project._recent_figures) == 2
    money_project.spending(day, ["activity"], source="RB")
    assert len(calls) == 6  # pushed out by the three newer ones: computed again
