"""The year-end forecast: how much of a budget year's plan will be paid, and what will be left.

For budget year ``Y`` as of a date ``D``, per source (and per activity when asked):

* ``plan`` — the plan of the year in force on ``D`` (as :func:`.spending.spending`);
* ``paid`` — payments of the year dated on or before ``D``;
* ``plan_to_date`` — the monthly plan (the same split as ``summary --by month``: the ИПФ where
  there is one, else evenly over the activity's months) summed over the months before ``D``'s
  month, plus ``D``'s month pro rata by days (day ``d`` of a 30-day month counts ``d/30`` of it);
* ``expected_paid = min(max(plan, paid), paid + (plan − plan_to_date) × min(1, paid /
  plan_to_date))`` — what is left of the plan is expected at the pace kept so far against the
  plan (never faster than planned), and the forecast never exceeds the plan unless more than
  the plan is already paid; ``paid / plan_to_date`` counts as 1 when ``plan_to_date`` is 0;
* ``expected_unspent = plan − expected_paid`` (negative when more than the plan is paid);
* ``basis`` — where the monthly plan came from: ``financing_plan``, ``even_spread`` or ``mixed``;
  ``none`` for payments with no plan line of the year (nothing was spread).

Sums are exact integers of tiyn; the pro-rata month and the expected payments are rounded once
to the tiyn, half away from zero. ``expected_paid`` is computed from ``plan_to_date`` as shown
(already rounded), so anyone recomputes it from the table's own figures; the unrounded formula
can differ by a tiyn or two. A year the as-of date has not reached has nothing due
(``plan_to_date`` 0, so the whole plan is expected); a year already over had all of it due.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection, Sequence
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

import pandas as pd

from ..core import months
from ..core.values import is_digits, round_half_away
from .spending import check_selection, combine_basis, monthly_lines, select

if TYPE_CHECKING:
    from ..project import Project

MONEY = ("plan", "paid", "plan_to_date", "expected_paid", "expected_unspent")
NO_PLAN = "none"  # the basis of a row with payments but no plan line of the year
COLUMNS = ("source", "year", "plan", "paid", "plan_to_date", "expected_paid",
           "expected_unspent", "basis")


def expected(plan: int, paid: int, to_date: int) -> int:
    """The definition above, exactly (tiyn in, tiyn out)."""
    pace = Fraction(1) if to_date == 0 else min(Fraction(1), Fraction(paid, to_date))
    return round_half_away(min(Fraction(max(plan, paid)), paid + (plan - to_date) * pace))


def forecast_minor(project: Project, as_of: date, year: int | None = None,
                   by: Sequence[str] = (), source: str | None = None,
                   activities: Collection[str] | None = None) -> pd.DataFrame:
    """The forecast in exact tiyn, one row per source (and activity with ``by=["activity"]``)."""
    by = check_selection(project, by, source, activities)
    if set(by) - {"activity"}:
        raise ValueError(f"a forecast is by source or by activity, not by {by}")
    year = year or as_of.year
    keys = ["source", *by]
    monthly = select(monthly_lines(project, as_of, ["approved", "adjusted"]), source,
                     activities)
    monthly = monthly.loc[monthly["year"] == year]
    paid = select(project.payments_on(as_of), source, activities)
    paid = paid.loc[paid["date"].dt.year == year]
    this_month = months.label(year, 12) if as_of.year > year else (
        months.of(as_of) if as_of.year == year else months.label(year, 1))
    before = monthly.loc[monthly["month"] < this_month]
    current = monthly.loc[monthly["month"] == this_month]
    if as_of.year < year:  # the year has not begun: nothing of it is due yet
        before, current = monthly.iloc[:0], monthly.iloc[:0]
    if as_of.year > year:  # the year is over: all of it was due
        before, current = monthly, monthly.iloc[:0]
    days = calendar.monthrange(*months.split(this_month))[1]
    elapsed = as_of.day if as_of.year == year else days
    plan = monthly.groupby(keys)["kzt_minor"].sum()
    full = before.groupby(keys)["kzt_minor"].sum()
    part = current.groupby(keys)["kzt_minor"].sum()
    got = paid.groupby(keys)["kzt_minor"].sum()
    basis = monthly.groupby(keys)["basis"].agg(combine_basis)
    index = plan.index.union(got.index)
    rows = []
    for key in index:
        p, f, c, g = (int(s.get(key, 0)) for s in (plan, full, part, got))
        to_date = f + round_half_away(Fraction(c * elapsed, days))
        paid_to_date = expected(p, g, to_date)
        key = key if isinstance(key, tuple) else (key,)
        rows.append({**dict(zip(keys, key, strict=True)), "year": year, "plan": p, "paid": g,
                     "plan_to_date": to_date, "expected_paid": paid_to_date,
                     "expected_unspent": p - paid_to_date,
                     "basis": basis.get(key if len(key) > 1 else key[0], NO_PLAN)})
    columns = [*keys, *COLUMNS[1:]]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(keys, key=_natural).reset_index(drop=True)


def _natural(column: pd.Series) -> pd.Series:
    if column.name == "activity":
        return column.map(lambda c: tuple(int(p) for p in str(c).split(".") if is_digits(p)))
    return column


def forecast(project: Project, as_of: date, year: int | None = None, by: Sequence[str] = (),
             source: str | None = None, activities: Collection[str] | None = None
             ) -> pd.DataFrame:
    """:func:`forecast_minor` in KZT (exact to the tiyn)."""
    table = forecast_minor(project, as_of, year, by, source, activities)
    return table.assign(**{m: table[m].astype("int64") / 100 for m in MONEY})


def at_risk(project: Project, as_of: date, year: int | None = None) -> pd.DataFrame:
    """Activities whose expected unspent amount is at or above both thresholds of
    ``params/forecast.yaml`` (an amount and a share of the plan), the largest first."""
    from ..core.params import forecast_settings

    settings = forecast_settings()
    table = forecast(project, as_of, year, by=["activity"])
    risky = table.loc[(table["expected_unspent"] >= settings.min_unspent)
                      & (table["expected_unspent"] >= settings.min_share * table["plan"])
                      & (table["plan"] > 0)]
    return risky.sort_values("expected_unspent", ascending=False).reset_index(drop=True)
