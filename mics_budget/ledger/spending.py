"""Spending by funding source as of a date: plan, committed, paid, remaining, execution.

All sums are exact integers of tiyn (1/100 KZT); :func:`spending` turns them into KZT only at
the end. Definitions (docs/domain.md, Money):

* ``plan`` — per (year, activity, source, specifics) the latest ``adjusted`` amount dated on or
  before the as-of date, else the latest ``approved`` one; ``proposed`` likewise (the request);
* ``committed`` — contract amounts in force on the lots (a lot terminated by then commits only
  what was paid on it), plus payments that name no contract;
* ``paid`` — payments dated on or before the as-of date, refunds netted;
* ``remaining = plan − paid``, ``uncommitted = plan − committed``, ``execution = paid / plan``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..core.months import spanned
from ..core.values import is_digits, lookup
from ..vocabulary import GROUP_KEYS
from .load import latest_lines
from .plan import code_key

if TYPE_CHECKING:
    from ..project import Project

MONEY = ("plan", "committed", "paid", "remaining", "uncommitted")


def budget_lines(project: Project, as_of: date, phases: Sequence[str]) -> pd.DataFrame:
    """The amounts in force per (year, activity, source, specifics), in tiyn (computed once
    per day and phases)."""
    return project.on(as_of).memo(("budget_lines", tuple(phases)),
                                  lambda: _budget_lines(project, as_of, phases))


def monthly_lines(project: Project, as_of: date, phases: Sequence[str]) -> pd.DataFrame:
    """:func:`budget_lines` spread over months (:func:`plan_by_month`), once per day."""
    return project.on(as_of).memo(
        ("monthly_lines", tuple(phases)),
        lambda: plan_by_month(project, budget_lines(project, as_of, phases)))


def _budget_lines(project: Project, as_of: date, phases: Sequence[str]) -> pd.DataFrame:
    rows = project.budget_on(as_of, phases)
    key = ["year", "activity", "source", "specifics"]
    latest = latest_lines(rows, key, dropna=False)
    return latest[[*key, "kzt_minor"]].astype({"year": "int64", "kzt_minor": "int64"})


def change_since(value: float | None, before: float | None, measure: str) -> float | None:
    """How much a figure moved since an earlier date (the end of the previous month, on the
    dashboard and in the report): ``None`` without a figure now, the whole figure when there
    was none before; money kept to the tiyn (a difference of floats is not), execution as
    the difference of the shares."""
    if value is None or pd.isna(value):
        return None
    change = value - (before or 0)
    return change if measure == "execution" else round(change, 2)


def split_exact(total: int, weights: Sequence[int | float]) -> list[int]:
    """Split an integer in proportion to weights; the parts add up to ``total`` exactly."""
    shares = np.asarray(weights, dtype="float64")
    if shares.sum() <= 0:
        shares = np.ones(len(shares))
    raw = total * shares / shares.sum()
    parts = np.trunc(raw).astype("int64")
    rest = int(total - parts.sum())
    order = np.argsort(-(np.abs(raw - parts)), kind="stable")
    parts[order[: abs(rest)]] += 1 if rest > 0 else -1
    return parts.tolist()


def monthly_profile(project: Project, year: int, activity: str, source: str,
                    specifics: str) -> tuple[list[int], list[float], str]:
    """Months and weights spreading one annual amount, and the basis used.

    The monthly financing plan (ИПФ, payments) of the same line if there is one; otherwise
    the activity's months of that year (all twelve if it has none), evenly.
    """
    fin = project.financing_plan
    rows = fin.loc[fin["valid"] & (fin["kind"] == "payments") & (fin["year"] == year)
                   & (fin["activity"] == activity) & (fin["source"] == source)
                   & (fin["specifics"] == specifics)]
    if not rows.empty and rows["kzt_minor"].sum() > 0:
        by_month = rows.groupby("month")["kzt_minor"].sum()
        return [int(m) for m in by_month.index], by_month.astype("float64").tolist(), \
            "financing_plan"
    months = sorted({
        m for start, end in project.plan[activity].period.intervals
        for y, m in spanned(start, end) if y == year
    }) or list(range(1, 13))
    return months, [1.0] * len(months), "even_spread"


def combine_basis(bases: pd.Series) -> str:
    """The basis of several lines' monthly plans: one of them, or ``mixed``."""
    kinds = set(bases)
    return kinds.pop() if len(kinds) == 1 else "mixed"


def plan_by_month(project: Project, lines: pd.DataFrame) -> pd.DataFrame:
    """Budget lines spread over months (exactly): adds ``month`` (YYYY-MM) and ``basis``."""
    rows = []
    for line in lines.itertuples(index=False):  # budget lines: dozens, not millions
        months, weights, basis = monthly_profile(project, line.year, line.activity,
                                                 line.source, line.specifics)
        for month, part in zip(months, split_exact(line.kzt_minor, weights), strict=True):
            rows.append((line.year, line.activity, line.source, line.specifics,
                         f"{line.year}-{month:02d}", basis, part))
    return pd.DataFrame(rows, columns=["year", "activity", "source", "specifics", "month",
                                       "basis", "kzt_minor"])


def commitments(project: Project, as_of: date) -> pd.DataFrame:
    """Commitments as of a date: lots' contracts in force and payments naming no contract
    (computed once per day)."""
    return project.on(as_of).memo("commitments", lambda: _commitments(project, as_of))


def _commitments(project: Project, as_of: date) -> pd.DataFrame:
    paid = project.payments_on(as_of)
    contracts = project.contracts_on(as_of)
    on_lot = paid.loc[paid["contract"] != ""].groupby("contract")["kzt_minor"].sum()
    amount = contracts["kzt_minor"].astype("int64")
    terminated_paid = contracts["lot"].map(on_lot).fillna(0).astype("int64")
    amount = amount.where(~contracts["terminated"], terminated_paid)
    lots = pd.DataFrame({
        "source": contracts["source"], "activity": contracts["activity"],
        "specifics": contracts["specifics"], "date": contracts["date"], "kzt_minor": amount,
    })
    direct = paid.loc[paid["contract"] == "",
                      ["source", "activity", "specifics", "date", "kzt_minor"]]
    return pd.concat([lots, direct], ignore_index=True)


def _keys(frame: pd.DataFrame, project: Project, by: Sequence[str]) -> pd.DataFrame:
    """The grouping columns of ``by`` (months as ``yyyymm`` integers: formatting a million
    dates as text costs most of a summary; the labels are made after grouping)."""
    out = frame
    wanted = [k for k in ("program", "subprogram") if k in by]
    if wanted:  # the classification of the activity's and specifics' budget line
        known = project.classification
        pairs = list(zip(out["activity"], out["specifics"], strict=True))
        for key in wanted:
            at = 1 if key == "program" else 2
            out = out.assign(**{key: [known.get(pair, ("", "", ""))[at] for pair in pairs]})
    if "section" in by:
        out = out.assign(section=lookup(out["activity"], project.sections_of))
    if "unit" in by:
        out = out.assign(unit=lookup(out["activity"], project.first_unit))
    if "year" in by and "year" not in out:
        out = out.assign(year=out["date"].dt.year.astype("int64"))
    if "month" in by:
        if "month" in out:  # plan lines spread over months: "YYYY-MM"
            month = out["month"].str.slice(0, 4).astype("int64") * 100 + out["month"].str.slice(
                5, 7).astype("int64")
        else:
            month = out["date"].dt.year.astype("int64") * 100 + out["date"].dt.month.astype(
                "int64")
        out = out.assign(month=month)
    return out


SOURCES = ("RB", "UNICEF")


def check_selection(project: Project, by: Sequence[str], source: str | None,
                    activities: Collection[str] | None) -> list[str]:
    """``by`` in the canonical order; a misspelt key, source or activity code is a
    ``ValueError`` listing the valid ones (never silently ignored)."""
    if isinstance(by, str):
        by = [by]
    unknown = [k for k in by if k not in GROUP_KEYS]
    if unknown:
        raise ValueError(f"unknown grouping {unknown}; valid: {', '.join(GROUP_KEYS)}")
    if source is not None and source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; valid: {', '.join(SOURCES)}")
    if activities is not None:
        if isinstance(activities, str):
            raise ValueError("activities must be a collection of codes, not one string")
        strange = sorted(set(activities) - set(project.plan.by_id))
        if strange:
            raise ValueError(f"unknown activities {strange}; valid: "
                             f"{', '.join(project.plan.by_id)}")
    return [k for k in GROUP_KEYS if k in by]


def select(frame: pd.DataFrame, source: str | None = None,
           activities: Collection[str] | None = None) -> pd.DataFrame:
    """The rows of one funding source and/or of some activities (``None``: all)."""
    if source is not None:
        frame = frame.loc[frame["source"] == source]
    if activities is not None:
        frame = frame.loc[frame["activity"].isin(list(activities))]
    return frame


def spending(project: Project, as_of: date, by: Sequence[str] = (),
             year: int | None = None, source: str | None = None,
             activities: Collection[str] | None = None) -> pd.DataFrame:
    """One row per group (``source`` plus ``by``): money in KZT, exact to the tiyn.

    ``source`` and ``activities`` restrict the figures to one funding source and to a set of
    activities (see :meth:`Project.activities_of` for sections and units).
    """
    table = spending_minor(project, as_of, by, year, source, activities)
    return to_kzt(table, [c for c in table.columns if c not in (*MONEY, "proposed")])


def spending_minor(project: Project, as_of: date, by: Sequence[str] = (),
                   year: int | None = None, source: str | None = None,
                   activities: Collection[str] | None = None) -> pd.DataFrame:
    """:func:`spending` in exact integer tiyn (``int64``), without ``execution``."""
    by = check_selection(project, by, source, activities)
    keys = ["source", *by]
    lines = monthly_lines if "month" in by else budget_lines
    plan = lines(project, as_of, ["approved", "adjusted"])
    proposed = lines(project, as_of, ["proposed"])
    committed = commitments(project, as_of)
    paid = project.payments_on(as_of)
    if year is not None:
        plan, proposed = plan[plan["year"] == year], proposed[proposed["year"] == year]
        committed = committed[committed["date"].dt.year == year]
        paid = paid[paid["date"].dt.year == year]
    parts = {"plan": plan, "proposed": proposed, "committed": committed, "paid": paid}
    sums = []
    for name, frame in parts.items():
        grouped = _keys(select(frame, source, activities), project, by).groupby(
            keys, dropna=False)
        sums.append(grouped["kzt_minor"].sum().rename(name))
    table = pd.concat(sums, axis=1).fillna(0).astype("int64").reset_index()
    table = table.sort_values(keys, key=_natural).reset_index(drop=True)
    if "month" in by:
        table["month"] = [f"{m // 100}-{m % 100:02d}" for m in table["month"]]  # groups only
    table["remaining"] = table["plan"] - table["paid"]
    table["uncommitted"] = table["plan"] - table["committed"]
    return table


def summary_rows(table: pd.DataFrame) -> list[dict]:
    """:func:`spending` as JSON-ready rows (``execution`` rounded to 6 places, or None)."""
    rows = []
    for record in table.to_dict("records"):
        execution = record.pop("execution")
        record["execution"] = None if pd.isna(execution) else round(float(execution), 6)
        rows.append(record)
    return rows


def summary_json(project: Project, as_of: date, by: Sequence[str], year: int | None,
                 source: str | None = None, sections: Sequence[str] = (),
                 units: Sequence[str] = ()) -> dict:
    """The ``mics-budget summary --format json`` document; the report and the dashboard
    show the same rows."""
    by = list(by)
    table = project.spending(as_of, by, year, source, project.activities_of(sections, units))
    return {
        "as_of": as_of.isoformat(), "currency": "KZT", "example_data": project.example_data,
        "by": by, "year": year, "source": source, "sections": list(sections),
        "units": list(units), "rows": summary_rows(table),
        "problems": [{k: v for k, v in p.as_json().items() if k != "key"}
                     for p in project.problems],
    }


def _natural(column: pd.Series) -> pd.Series:
    """Sort activity codes as numbers (2.1 < 10.1), sources RB before UNICEF."""
    if column.name in {"activity"}:
        return column.map(code_key)
    if column.name == "section":
        return column.map(lambda c: int(c) if is_digits(str(c)) else 0)
    return column


def to_kzt(table: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Tiyn -> KZT (exact: each value is the nearest double to its 2-decimal amount)."""
    out = table[list(keys)].copy()
    for column in ("plan", "proposed", "committed", "paid", "remaining", "uncommitted"):
        out[column] = table[column].astype("int64") / 100
    plan = table["plan"].astype("int64")
    out["execution"] = (table["paid"] / plan.where(plan != 0)).astype("Float64")
    return out


def cumulative(project: Project, as_of: date, year: int | None = None,
               source: str | None = None, activities: Collection[str] | None = None
               ) -> pd.DataFrame:
    """Per source and month of a year: the monthly plan (financing plan, else even spread),
    payments, both cumulated (KZT), the basis of the plan, and ``future`` (months after the
    as-of date)."""
    table = cumulative_minor(project, as_of, year, source, activities)
    out = table.copy()
    for column in ("plan", "paid", "plan_cumulative", "paid_cumulative"):
        out[column] = table[column] / 100
    return out


def cumulative_minor(project: Project, as_of: date, year: int | None = None,
                     source: str | None = None, activities: Collection[str] | None = None
                     ) -> pd.DataFrame:
    """:func:`cumulative` in exact integer tiyn."""
    year = year or as_of.year
    check_selection(project, (), source, activities)
    monthly = select(monthly_lines(project, as_of, ["approved", "adjusted"]), source,
                     activities)
    monthly = monthly.loc[monthly["year"] == year]
    paid = select(project.payments_on(as_of), source, activities)
    paid = paid[paid["date"].dt.year == year].assign(month=lambda f: f["date"].dt.strftime(
        "%Y-%m"))
    months = [f"{year}-{m:02d}" for m in range(1, 13)]
    sources = sorted(set(monthly["source"]) | set(paid["source"])) or [source or "RB"]
    index = pd.MultiIndex.from_product([sources, months], names=["source", "month"])
    plan_m = monthly.groupby(["source", "month"])["kzt_minor"].sum().reindex(index, fill_value=0)
    paid_m = paid.groupby(["source", "month"])["kzt_minor"].sum().reindex(index, fill_value=0)
    basis = monthly.groupby("source")["basis"].agg(combine_basis)
    table = pd.DataFrame({"plan": plan_m.astype("int64"), "paid": paid_m.astype("int64")})
    table["plan_cumulative"] = table.groupby(level="source")["plan"].cumsum()
    table["paid_cumulative"] = table.groupby(level="source")["paid"].cumsum()
    table = table.reset_index()
    table["basis"] = [basis.get(source, "even_spread") for source in table["source"]]
    # the months after the as-of date have no payments yet
    last = pd.Timestamp(as_of).strftime("%Y-%m")
    table.loc[table["month"] > last, ["paid", "paid_cumulative"]] = 0
    table["future"] = table["month"] > last
    return table
