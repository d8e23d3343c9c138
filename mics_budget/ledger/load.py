"""The money files of a data folder: budget lines, payments and the monthly financing plan.

Each loader returns ``(frame, problems)``. The frame keeps every row with its provenance and a
``valid`` flag; rows with an error are flagged (and listed), never dropped, and are left out of
the totals. Amounts are exact integers in minor units (``amount_minor`` in the row's currency,
``kzt_minor`` converted at the NBK rate of the row's date).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..config import PARAMS_DIR, DataDir
from ..core.checks import ERROR, WARNING, Problem, from_mask
from ..core.months import RU_MONTH_NUMBERS
from ..core.schemas import BUDGET, FINANCING_PLAN, PAYMENTS, Schema, conform
from ..core.snapshot import cached, files_key, folder_key, frame_key
from ..core.tables import (
    captured_headers,
    empty_frame,
    find_input,
    locate,
    read_table,
    record_headers,
)
from ..core.values import (
    MAX_AMOUNT_TEXT,
    above_ceiling,
    duplicated,
    isin,
    lookup,
    lookup_text,
    parse_amounts,
    parse_dates,
    parse_ints,
    text_array,
)
from .fx import BASE, convert_columns, currencies, normalise_currency
from .plan import Plan

SOURCES = {"rb": "RB", "рб": "RB", "unicef": "UNICEF", "юнисеф": "UNICEF"}
PHASES = {"proposed": "proposed", "заявка": "proposed", "бюджетная заявка": "proposed",
          "approved": "approved", "утверждено": "approved", "утвержден": "approved",
          "утверждённый": "approved", "adjusted": "adjusted", "уточнено": "adjusted",
          "уточнение": "adjusted", "корректировка": "adjusted"}
KINDS = {"obligations": "obligations", "обязательства": "obligations",
         "payments": "payments", "платежи": "payments"}

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

    ``frame`` is the caller's freshly read table and is changed in place (the returned frame
    is the same object): its date, source and currency text give way to the parsed values as
    soon as they are set, so a million rows never hold both. Only the valid rows are converted.
    """
    problems: list[Problem] = []
    out = frame
    dates, bad_date = parse_dates(out[date_column])
    minor, bad_amount, has_sign = parse_amounts(out["amount"])
    # the plan's funding of each row's activity, and the row's source, as small integers
    # (positions in ``fundings``; -1 for an unknown activity or source)
    fundings = sorted({a.funding for a in plan.activities} | set(SOURCES.values()) | {"NONE"})
    of_activity = np.array([fundings.index(a.funding) for a in plan.activities] + [-1],
                           dtype=np.int8)
    funding_code = of_activity[_positions(out["activity"], [a.id for a in plan.activities])]
    source = lookup_text(out["source"].str.lower(), SOURCES)
    source_code = _positions(source, fundings)
    currency = (normalise_currency(out["currency"]) if "currency" in out
                else pd.Series(BASE, index=out.index, dtype="str"))
    missing_date = dates.isna() & ~bad_date
    missing_amount = minor.isna() & ~bad_amount
    empty_activity = out["activity"] == ""
    empty_source = out["source"] == ""
    unknown_activity = pd.Series(funding_code < 0, index=out.index)
    unknown_source = source.isna()
    none_funded = pd.Series(funding_code == fundings.index("NONE"), index=out.index)
    wrong_source = ~unknown_activity & ~none_funded & ~unknown_source & pd.Series(
        source_code != funding_code, index=out.index)
    unknown_currency = ~isin(currency, currencies())

    problems += from_mask(out, bad_date, ERROR, date_column, "problem.bad_date")
    formula = bad_amount.copy()  # a formula Excel never computed: "=A1*2"
    if bad_amount.any():
        formula[bad_amount] = out["amount"][bad_amount].str.startswith("=")
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
    wrong = wrong_source.to_numpy()
    problems += from_mask(out, wrong_source, ERROR, "source", "problem.wrong_source",
                          funding=pd.Series(np.array(fundings, dtype=object)[
                              funding_code[wrong]], index=out.index[wrong]))
    if unknown_currency.any():
        problems += from_mask(out.assign(currency=currency), unknown_currency, ERROR,
                              "currency", "problem.unknown_currency")
    days = dates.to_numpy()  # NaT compares false
    first, last = plan.years
    outside = pd.Series((days < np.datetime64(f"{first}-01-01"))
                        | (days >= np.datetime64(f"{last + 1}-01-01")),
                        index=out.index)
    problems += from_mask(out, outside, WARNING, date_column, "problem.outside_years",
                          first=first, last=last)

    bad_code = pd.Series(False, index=out.index)
    for column in ("abp", "program", "subprogram"):  # 3-digit codes, written as 001
        if column not in out:
            continue
        codes = out[column].str.strip()
        wrong = (codes != "") & ~codes.str.fullmatch(r"[0-9]{1,3}")
        problems += from_mask(out, wrong, ERROR, column, "problem.bad_budget_code")
        out[column] = codes.str.zfill(3).where((codes != "") & ~wrong, codes)
        bad_code |= wrong
    out["date"] = dates
    out["source"] = source.fillna(out["source"])
    out["currency"] = currency
    out["amount_minor"] = minor
    valid = ~(bad_date | missing_date | bad_amount | missing_amount | unknown_activity
              | unknown_source | none_funded | wrong_source | unknown_currency | too_large
              | bad_code)
    converted, fx_problems = convert_columns(out, rates, rows=valid.to_numpy(dtype=bool))
    problems += fx_problems
    for column, values in converted.items():
        out[column] = values
    out["valid"] = valid & out["kzt_minor"].notna()
    pa.default_memory_pool().release_unused()  # the checks' temporaries go back
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


def snapshotted(data: DataDir, name: str, key: Sequence, compute: Callable[[], Loaded]
                ) -> Loaded:
    """``compute()`` or its validated snapshot (:mod:`.core.snapshot`) when the inputs named
    by ``key`` are as they were; the headers the files write are kept too. ``key`` always
    holds the plan's files and the settings (``params/``)."""
    def run() -> tuple[pd.DataFrame, list[Problem], dict]:
        with captured_headers() as headers:
            loaded = compute()
        return loaded.frame, loaded.problems, {"headers": headers}

    frame, problems, extra = cached(data.root, name, [folder_key(data.plan),
                                                      folder_key(PARAMS_DIR), *key], run)
    record_headers(extra.get("headers") or {})
    return Loaded(frame, problems)


def load_payments(data: DataDir, plan: Plan, rates: pd.DataFrame,
                  lots: pd.Series | None = None) -> Loaded:
    """Payments; ``lots`` (the known lot ids) lets a ``contract`` be checked. Kept as a
    validated snapshot (:func:`snapshotted`) keyed by the payments files, the rates and the
    lots."""
    key = [files_key(find_input(data.budget, PAYMENTS.name)), frame_key(rates),
           None if lots is None else frame_key(pd.Series(lots, dtype=object))]
    return snapshotted(data, "payments", key, lambda: _load_payments(data, plan, rates, lots))


def _load_payments(data: DataDir, plan: Plan, rates: pd.DataFrame,
                   lots: pd.Series | None = None) -> Loaded:
    frame, problems = read_input(data, "budget", PAYMENTS)
    frame, more = check_money_rows(frame, plan, rates)
    problems += more
    amount = frame["amount_minor"]
    missing_id = frame["id"] == ""
    duplicate = duplicated(frame["id"]) & ~missing_id
    refund = amount.fillna(0) < 0
    no_refund_of = refund & (frame["refund_of"] == "")
    # a non-empty refund_of is never the empty id: all ids serve as the known ones
    unknown_refund = _unknown(frame["refund_of"], frame["id"])
    zero = amount.fillna(1) == 0
    known_lots = lots if lots is not None else []
    unknown_contract = _unknown(frame["contract"], known_lots)
    problems += from_mask(frame, missing_id, ERROR, "id", "problem.missing_id")
    problems += from_mask(frame, duplicate, ERROR, "id", "problem.duplicate_id")
    problems += from_mask(frame, no_refund_of, ERROR, "amount", "problem.refund_without_ref")
    problems += from_mask(frame, unknown_refund, ERROR, "refund_of", "problem.unknown_refund")
    problems += from_mask(frame, zero, WARNING, "amount", "problem.zero_amount")
    problems += from_mask(frame, unknown_contract, ERROR, "contract", "problem.unknown_lot")
    frame["valid"] = frame["valid"] & ~(missing_id | duplicate | no_refund_of | unknown_refund
                                        | unknown_contract)
    return Loaded(conform(frame, PAYMENTS), problems)


def _unknown(references: pd.Series, known) -> pd.Series:
    """Non-empty references not among ``known`` (no lookup at all when every reference is
    empty, as the refund and contract columns mostly are)."""
    given = references != ""
    if not given.any():
        return given
    return given & ~isin(references, known)


#: which budget line of a year, activity, source and specifics is in force: an adjustment
#: over an approval, then the later date, then the later row of the file
PHASE_RANK = {"approved": 1, "adjusted": 2}


def latest_lines(lines: pd.DataFrame, key: Sequence[str] = ("year", "activity", "source",
                                                             "specifics"),
                 dropna: bool = True) -> pd.DataFrame:
    """The budget line in force of each ``key`` (see :data:`PHASE_RANK`); phases other than
    an approval or an adjustment rank below both."""
    ranked = lines.assign(_rank=lines["phase"].map(PHASE_RANK).fillna(0)).sort_values(
        ["_rank", "date", "_row"])
    return ranked.groupby(list(key), sort=False, dropna=dropna).tail(1)


def classification(budget: pd.DataFrame) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(activity, specifics) → (abp, program, subprogram) of its latest budget line that
    names a programme: what a summary by programme files every figure of that activity and
    specifics under (commitments and payments included, so the groups add up)."""
    if budget.empty or "program" not in budget:
        return {}
    lines = budget.loc[budget["valid"] & (budget["program"] != "")]
    lines = lines.sort_values(["date", "_row"])
    return {(a, s): (abp, p, sub) for a, s, abp, p, sub in zip(
        lines["activity"], lines["specifics"], lines["abp"], lines["program"],
        lines["subprogram"], strict=True)}


def classification_problems(payments: pd.DataFrame, budget: pd.DataFrame) -> list[Problem]:
    """A payment whose programme (or subprogramme) differs from its budget line's: an error
    naming both; the payment still counts (it was paid)."""
    known = classification(budget)
    if not known or payments.empty or "program" not in payments:
        return []
    out = []
    rows = payments.loc[payments["valid"] & (payments["program"] != "")]
    for row in rows[["activity", "specifics", "program", "subprogram", "_file", "_row"]
                    ].to_dict("records"):
        line = known.get((row["activity"], row["specifics"]))
        if line is None:
            continue
        for column, ours, theirs in (("program", row["program"], line[1]),
                                     ("subprogram", row["subprogram"], line[2])):
            if ours and theirs and ours != theirs:
                out.append(Problem(ERROR, row["_file"], int(row["_row"]), column, ours,
                                   "problem.program_differs",
                                   {"budget": theirs, "activity": row["activity"],
                                    "specifics": row["specifics"] or "—"}))
                break
    return out


def payments_without_budget(payments: pd.DataFrame, budget: pd.DataFrame, plan: Plan
                            ) -> list[Problem]:
    """Payments the budget does not fund, or made outside their activity's periods.

    An error where no approved or adjusted line of the payment's year, activity and source
    has an amount (the budget funds nothing that year); a warning where the payment's date
    falls outside every period of its activity in the plan. Refunds are judged with the
    payment they return. Such payments still count: the money was paid; what is missing is
    the budget line (or the payment is misdated). A payment on a contract dated before the
    plan's first year (a lot carried over from the previous plan) is not an error: the
    previous plan's budget funded it.

    Fast: the payments are not copied; their (year, activity, source) become integers (the
    activity and source as positions in small lists) matched against the funded ones, and
    each activity's periods are looked up by position.
    """
    judged = (payments["valid"] & (payments["refund_of"] == "")).to_numpy(dtype=bool)
    if not judged.any():
        return []
    lines = budget.loc[budget["valid"] & budget["phase"].isin(["approved", "adjusted"])]
    latest = latest_lines(lines)
    funded = latest.loc[latest["kzt_minor"] > 0, ["year", "activity", "source"]]
    days = payments["date"].to_numpy(dtype="datetime64[us]")
    year = np.where(judged, days.astype("datetime64[Y]").astype(np.int64) + 1970, 0)
    # a payment before the plan's first year on a contract is the previous plan's money on a
    # lot carried over (``mics-budget carry-over``): that plan's budget funded it, and the
    # warning that it lies outside the plan's years says what there is to say
    carried = (year < plan.years[0]) & (payments["contract"] != "").to_numpy(dtype=bool)
    unfunded = judged & ~carried & ~_funded(year, payments["activity"], payments["source"],
                                            funded)
    problems = from_mask(payments, unfunded, ERROR, "date", "problem.no_budget_line",
                         activity=payments["activity"],
                         year=pd.Series(year, index=payments.index))
    inside = np.zeros(len(payments), dtype=bool)
    ids = [a.id for a in plan.activities]
    position = _positions(payments["activity"], ids)  # -1: not in the plan
    for k in range(max(len(a.period.intervals) for a in plan.activities)):  # at most two
        bounds = [a.period.intervals[k] if len(a.period.intervals) > k else (None, None)
                  for a in plan.activities]
        starts = _days([b[0] for b in bounds])[position]
        ends = _days([b[1] for b in bounds])[position]
        inside |= (days >= starts) & (days <= ends)  # NaT compares false
    outside = judged & ~inside & ~unfunded
    # the period's text only for the rows listed (the from_mask takes them by index)
    period = lookup_text(payments["activity"][outside],
                         {a.id: a.period.text for a in plan.activities})
    problems += from_mask(payments, outside, WARNING, "date",
                          "problem.outside_activity_period", activity=payments["activity"],
                          period=period)
    return problems


def _positions(series: pd.Series, values: list[str]) -> np.ndarray:
    """The position of each value of ``series`` in ``values`` (-1 when not there)."""
    array = text_array(series)
    found = pc.index_in(array, value_set=pa.array(values, type=array.type))
    return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False))  # int32


def _days(values: list) -> np.ndarray:
    """Days as ``datetime64[us]`` with a NaT at the end (for position -1)."""
    return np.array([*values, None], dtype="datetime64[us]")


def _funded(year: np.ndarray, activity: pd.Series, source: pd.Series, funded: pd.DataFrame
            ) -> np.ndarray:
    """Whether each (year, activity, source) is among the ``funded`` lines."""
    activities = sorted(set(funded["activity"]))
    sources = sorted(set(funded["source"]))
    if not activities or not sources:
        return np.zeros(len(year), dtype=bool)

    def key(years, a, s):
        return (np.asarray(years, dtype=np.int64) * len(activities) + a) * len(sources) + s

    wanted = key(funded["year"].astype("int64"),
                 np.searchsorted(activities, funded["activity"].to_numpy(dtype=object)),
                 np.searchsorted(sources, funded["source"].to_numpy(dtype=object)))
    a, s = _positions(activity, activities), _positions(source, sources)
    return (a >= 0) & (s >= 0) & np.isin(key(year, a, s), wanted)


def load_financing_plan(data: DataDir, plan: Plan, rates: pd.DataFrame) -> Loaded:
    """The financing plan: the long table, or the finance office's wide sheet
    (:mod:`.ipf`, recognised by its header of twelve months)."""
    from .ipf import read_wide

    wide = read_wide(data)
    frame, problems = wide if wide is not None else read_input(data, "budget", FINANCING_PLAN)
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

