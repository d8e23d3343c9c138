"""The money files of a data folder: budget lines, payments and the monthly financing plan.

Each loader returns ``(frame, problems)``. The frame keeps every row with its provenance and a
``valid`` flag; rows with an error are flagged (and listed), never dropped, and are left out of
the totals. Amounts are exact integers in minor units (``amount_minor`` in the row's currency,
``kzt_minor`` converted at the NBK rate of the row's date).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .checks import ERROR, WARNING, Problem, from_mask
from .config import DataDir
from .fx import BASE, convert, currencies, normalise_currency
from .months import RU_MONTH_NUMBERS
from .plan import Plan
from .schemas import BUDGET, FINANCING_PLAN, PAYMENTS, Schema, conform
from .tables import empty_frame, locate, read_table
from .values import (
    MAX_AMOUNT_TEXT,
    above_ceiling,
    isin,
    lookup,
    parse_amounts,
    parse_dates,
    parse_ints,
)

SOURCES = {"rb": "RB", "рб": "RB", "unicef": "UNICEF", "юнисеф": "UNICEF"}
PHASES = {"proposed": "proposed", "заявка": "proposed", "бюджетная заявка": "proposed",
          "approved": "approved", "утверждено": "approved", "утвержден": "approved",
          "утверждённый": "approved", "adjusted": "adjusted", "уточнено": "adjusted",
          "уточнение": "adjusted", "корректировка": "adjusted"}
KINDS = {"obligations": "obligations", "обязательства": "obligations",
         "payments": "payments", "платежи": "payments"}
PLAN_YEARS = (2023, 2025)

@dataclass
class Loaded:
    frame: pd.DataFrame
    problems: list[Problem]


def read_input(data: DataDir, folder: str, schema: Schema
               ) -> tuple[pd.DataFrame, list[Problem]]:
    """The rows of ``DIR/folder/<schema name>.*`` (empty when there is no such file)."""
    path, name, problems = locate(data.root, folder, schema.name)
    if path is None:
        return empty_frame(schema), problems
    return read_table(path, schema, name)


def check_money_rows(frame: pd.DataFrame, plan: Plan, rates: pd.DataFrame,
                     date_column: str = "date") -> tuple[pd.DataFrame, list[Problem]]:
    """Parse and check the columns money rows share; add the parsed columns and ``valid``.

    Checks: date and amount readable, activity in the plan, source RB/UNICEF and equal to the
    plan's funding (no money on an activity that needs none), currency known, an FX rate found,
    dates inside the plan's years (a warning).
    """
    problems: list[Problem] = []
    out = frame.copy()
    dates, bad_date = parse_dates(out[date_column])
    minor, bad_amount, has_sign = parse_amounts(out["amount"])
    funding = lookup(out["activity"], {a.id: a.funding for a in plan.activities})
    source = lookup(out["source"].str.lower(), SOURCES)
    currency = normalise_currency(out["currency"]) if "currency" in out else BASE
    missing_date = dates.isna() & ~bad_date
    missing_amount = minor.isna() & ~bad_amount
    empty_activity = out["activity"] == ""
    empty_source = out["source"] == ""
    unknown_activity = funding.isna()
    unknown_source = source.isna()
    none_funded = funding.eq("NONE")
    wrong_source = ~unknown_activity & ~none_funded & ~unknown_source & source.ne(funding)
    unknown_currency = ~isin(pd.Series(currency, index=out.index), currencies())

    problems += from_mask(out, bad_date, ERROR, date_column, "problem.bad_date")
    formula = out["amount"].str.startswith("=")
    problems += from_mask(out, bad_amount & ~has_sign & ~formula, ERROR, "amount",
                          "problem.bad_number")
    problems += from_mask(out, bad_amount & formula, ERROR, "amount", "load.formula_no_value")
    problems += from_mask(out, has_sign, ERROR, "amount", "problem.currency_sign")
    too_large = above_ceiling(minor)
    problems += from_mask(out, too_large, ERROR, "amount", "problem.amount_too_large",
                          limit=MAX_AMOUNT_TEXT)
    for column, empty in ((date_column, missing_date), ("amount", missing_amount),
                          ("activity", empty_activity), ("source", empty_source)):
        problems += from_mask(out, empty, ERROR, column, "problem.missing_value")
    problems += from_mask(out, unknown_activity & ~empty_activity, ERROR, "activity",
                          "problem.unknown_activity")
    problems += from_mask(out, unknown_source & ~empty_source, ERROR, "source",
                          "problem.unknown_source")
    problems += from_mask(out, none_funded, ERROR, "activity", "problem.no_funding")
    problems += from_mask(out, wrong_source, ERROR, "source", "problem.wrong_source",
                          funding=funding)
    problems += from_mask(out.assign(currency=currency), unknown_currency, ERROR, "currency",
                          "problem.unknown_currency")
    years = dates.dt.year
    outside = dates.notna() & ((years < PLAN_YEARS[0]) | (years > PLAN_YEARS[1]))
    problems += from_mask(out, outside, WARNING, date_column, "problem.outside_years")

    out["date"] = dates
    out["source"] = source.fillna(out["source"])
    out["currency"] = currency
    out["amount_minor"] = minor
    valid = ~(bad_date | missing_date | bad_amount | missing_amount | unknown_activity
              | unknown_source | none_funded | wrong_source | unknown_currency | too_large)
    rated = out.loc[valid]
    converted, fx_problems = convert(rated, rates)
    problems += fx_problems
    for column in ("kzt_minor", "rate_e4", "quant"):
        out[column] = pd.Series(pd.NA, index=out.index, dtype="Int64")
        out.loc[valid, column] = converted[column]
    out["rate_date"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[us]")
    out.loc[valid, "rate_date"] = converted["rate_date"]
    out["valid"] = valid & out["kzt_minor"].notna()
    return out, problems


def load_budget(data: DataDir, plan: Plan, rates: pd.DataFrame) -> Loaded:
    frame, problems = read_input(data, "budget", BUDGET)
    frame, more = check_money_rows(frame, plan, rates)
    problems += more
    year, bad_year = parse_ints(frame["year"])
    phase = lookup(frame["phase"].str.lower(), PHASES)
    bad_year = bad_year | year.isna()
    problems += from_mask(frame, bad_year, ERROR, "year", "problem.bad_year")
    problems += from_mask(frame, phase.isna(), ERROR, "phase", "problem.unknown_phase")
    negative = frame["amount_minor"].fillna(0) < 0
    problems += from_mask(frame, negative, ERROR, "amount", "problem.negative_budget")
    frame["year"] = year
    frame["phase"] = phase.fillna(frame["phase"])
    frame["valid"] = frame["valid"] & ~bad_year & phase.notna() & ~negative
    return Loaded(conform(frame, BUDGET), problems)


def load_payments(data: DataDir, plan: Plan, rates: pd.DataFrame,
                  lots: pd.Series | None = None) -> Loaded:
    """Payments; ``lots`` (the known lot ids) lets a ``contract`` be checked."""
    frame, problems = read_input(data, "budget", PAYMENTS)
    frame, more = check_money_rows(frame, plan, rates)
    problems += more
    amount = frame["amount_minor"]
    missing_id = frame["id"] == ""
    duplicate = frame["id"].duplicated(keep="first") & ~missing_id
    refund = amount.fillna(0) < 0
    no_refund_of = refund & (frame["refund_of"] == "")
    ids = frame.loc[~missing_id, "id"]
    unknown_refund = (frame["refund_of"] != "") & ~isin(frame["refund_of"], ids)
    zero = amount.fillna(1) == 0
    known_lots = lots if lots is not None else []
    unknown_contract = (frame["contract"] != "") & ~isin(frame["contract"], known_lots)
    problems += from_mask(frame, missing_id, ERROR, "id", "problem.missing_id")
    problems += from_mask(frame, duplicate, ERROR, "id", "problem.duplicate_id")
    problems += from_mask(frame, no_refund_of, ERROR, "amount", "problem.refund_without_ref")
    problems += from_mask(frame, unknown_refund, ERROR, "refund_of", "problem.unknown_refund")
    problems += from_mask(frame, zero, WARNING, "amount", "problem.zero_amount")
    problems += from_mask(frame, unknown_contract, ERROR, "contract", "problem.unknown_lot")
    frame["valid"] = frame["valid"] & ~(missing_id | duplicate | no_refund_of | unknown_refund
                                        | unknown_contract)
    return Loaded(conform(frame, PAYMENTS), problems)


def payments_without_budget(payments: pd.DataFrame, budget: pd.DataFrame, plan: Plan
                            ) -> list[Problem]:
    """Payments the budget does not fund, or made outside their activity's periods.

    An error where no approved or adjusted line of the payment's year, activity and source
    has an amount (the budget funds nothing that year); a warning where the payment's date
    falls outside every period of its activity in the plan. Refunds are judged with the
    payment they return. Such payments still count: the money was paid; what is missing is
    the budget line (or the payment is misdated).
    """
    pays = payments.loc[payments["valid"] & (payments["refund_of"] == "")]
    if pays.empty:
        return []
    lines = budget.loc[budget["valid"] & budget["phase"].isin(["approved", "adjusted"])]
    lines = lines.assign(_rank=lines["phase"].map({"approved": 1, "adjusted": 2}))
    lines = lines.sort_values(["_rank", "date", "_row"])
    latest = lines.groupby(["year", "activity", "source", "specifics"]).tail(1)
    funded = latest.loc[latest["kzt_minor"] > 0, ["year", "activity", "source"]]
    year = pays["date"].dt.year.astype("int64")
    keys = pd.DataFrame({"year": year, "activity": pays["activity"], "source": pays["source"]})
    matched = keys.merge(funded.astype({"year": "int64"}).drop_duplicates().assign(_f=True),
                         how="left", on=["year", "activity", "source"])
    unfunded = pd.Series(matched["_f"].isna().to_numpy(), index=pays.index)
    problems = from_mask(pays, unfunded, ERROR, "date", "problem.no_budget_line",
                         activity=pays["activity"], year=year.astype("str"))
    inside = pd.Series(False, index=pays.index)
    periods = {a.id: a.period.intervals for a in plan.activities}
    for k in range(max(len(i) for i in periods.values())):  # at most two intervals each
        starts = lookup(pays["activity"], {a: pd.Timestamp(i[k][0]) for a, i in periods.items()
                                           if len(i) > k})
        ends = lookup(pays["activity"], {a: pd.Timestamp(i[k][1]) for a, i in periods.items()
                                         if len(i) > k})
        starts, ends = pd.to_datetime(starts), pd.to_datetime(ends)
        inside |= ((pays["date"] >= starts) & (pays["date"] <= ends)).fillna(False)
    problems += from_mask(pays, ~inside & ~unfunded, WARNING, "date",
                          "problem.outside_activity_period", activity=pays["activity"],
                          period=lookup(pays["activity"], {a.id: a.period.text
                                                           for a in plan.activities}))
    return problems


def load_financing_plan(data: DataDir, plan: Plan, rates: pd.DataFrame) -> Loaded:
    frame, problems = read_input(data, "budget", FINANCING_PLAN)
    if frame.empty:
        frame["date"] = pd.Series(dtype="str")
        frame["currency"] = pd.Series(dtype="str")
    year, bad_year = parse_ints(frame["year"])
    month, bad_month = parse_ints(frame["month"].str.lower().replace(
        {name: str(number) for name, number in RU_MONTH_NUMBERS.items()}))
    bad_month = bad_month | month.isna() | ~month.between(1, 12)
    bad_year = bad_year | year.isna()
    # the ИПФ is in tenge; its "date" is the first day of its month (for checks only)
    frame["currency"] = BASE
    frame["date"] = (year.astype("str") + "-" + month.astype("str").str.zfill(2) + "-01"
                     ).where(~(bad_year | bad_month), "")
    checked, more = check_money_rows(frame, plan, rates)
    more = [p for p in more if p.column != "date"]  # reported below, on year/month
    kind = lookup(frame["kind"].str.lower(), KINDS)
    problems += more
    problems += from_mask(frame, bad_year, ERROR, "year", "problem.bad_year")
    problems += from_mask(frame, bad_month & ~bad_year, ERROR, "month", "problem.bad_month")
    problems += from_mask(frame, kind.isna(), ERROR, "kind", "problem.unknown_kind")
    checked["year"] = year
    checked["month"] = month
    checked["kind"] = kind.fillna(frame["kind"])
    checked["valid"] = checked["valid"] & ~bad_year & ~bad_month & kind.notna()
    return Loaded(conform(checked, FINANCING_PLAN), problems)

