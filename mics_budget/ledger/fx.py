"""Currencies: amounts keep their own currency; totals are in KZT at the NBK rate of the date.

KZT per unit = rate / quant. On a day without a rate the last earlier rate within
``MAX_GAP_DAYS`` is used (with a warning); otherwise the row is an error. Never a rate of 1.
Rates are kept exact (integers scaled by 10**4) and every converted row is rounded once to
the tiyn, half away from zero, so sums of converted rows are exact integers.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..config import DataDir
from ..core.checks import (
    ERROR,
    MAX_PER_KIND,
    WARNING,
    Problem,
    cell_texts,
    from_mask,
    more_rows,
)
from ..core.schemas import FX_RATES
from ..core.tables import locate, read_table
from ..core.values import (
    MAX_AMOUNT,
    MAX_AMOUNT_TEXT,
    SAFE_TOTAL,
    above_ceiling,
    parse_amounts,
    parse_dates,
    parse_ints,
    text_array,
    text_series,
    trim,
)

BASE = "KZT"
RATE_DECIMALS = 4
MAX_GAP_DAYS = 10
RATE_SOURCES = {"nbk": "NBK", "нбрк": "NBK", "unore": "UNORE", "ooh": "UNORE"}

RATE_COLUMNS = ["date", "currency", "rate_e4", "quant", "source"]


@cache
def currencies() -> frozenset[str]:
    """ISO 4217 codes in use (the OCDS currency codelist, shipped with the package)."""
    text = Path(__file__).with_name("currencies.csv").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines()[2:] if line.strip())


def normalise_currency(text: pd.Series) -> pd.Series:
    """Upper-cased codes; empty means KZT; ``тг``/``тенге``/``₸`` are KZT too."""
    codes = pc.utf8_upper(trim(text_array(text)))
    tenge = pc.is_in(codes, value_set=pa.array(["", "ТГ", "ТЕНГЕ", "₸"], type=codes.type))
    if pc.any(tenge).as_py():  # else no second copy of the column
        codes = pc.if_else(tenge, BASE, codes)
    return text_series(codes, text.index)


def load_rates(data: DataDir) -> tuple[pd.DataFrame, list[Problem]]:
    empty = pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(
        RATE_COLUMNS, ["datetime64[us]", "str", "int64", "int64", "str"], strict=True)})
    path, name, problems = locate(data.root, "budget", FX_RATES.name)
    if path is None:
        return empty, problems
    frame, problems = read_table(path, FX_RATES, name)
    if frame.empty:
        return empty, problems
    dates, bad_date = parse_dates(frame["date"])
    rate, bad_rate, _ = parse_amounts(frame["rate"], RATE_DECIMALS)
    quant, bad_quant = parse_ints(frame["quant"].replace("", "1"))
    currency = normalise_currency(frame["currency"])
    source = frame["source"].str.lower().map(RATE_SOURCES).fillna(
        frame["source"].where(frame["source"] != "", "NBK"))
    bad_currency = ~currency.isin(currencies())
    bad_source = ~source.isin(["NBK", "UNORE"])
    non_positive_rate = ~bad_rate & (rate.fillna(0) <= 0)
    non_positive_quant = ~bad_quant & (quant.fillna(0) <= 0)
    too_large = above_ceiling(rate, RATE_DECIMALS) | (quant.fillna(0) > MAX_AMOUNT)
    problems += from_mask(frame, bad_date | dates.isna(), ERROR, "date", "problem.bad_date")
    problems += from_mask(frame, bad_rate | rate.isna(), ERROR, "rate", "problem.bad_number")
    problems += from_mask(frame, bad_quant, ERROR, "quant", "problem.bad_number")
    problems += from_mask(frame, non_positive_rate, ERROR, "rate", "problem.non_positive_rate")
    problems += from_mask(frame, non_positive_quant, ERROR, "quant",
                          "problem.non_positive_quant")
    problems += from_mask(frame, too_large, ERROR, "rate", "problem.amount_too_large",
                          limit=MAX_AMOUNT_TEXT)
    non_positive = non_positive_rate | non_positive_quant | too_large
    problems += from_mask(frame, bad_currency, ERROR, "currency", "problem.unknown_currency")
    problems += from_mask(frame, bad_source, ERROR, "source", "problem.unknown_rate_source")
    ok = ~(bad_date | dates.isna() | bad_rate | rate.isna() | bad_quant | non_positive
           | bad_currency | bad_source)
    rates = pd.DataFrame({"date": dates, "currency": currency, "rate_e4": rate,
                          "quant": quant.fillna(1), "source": source})[ok]
    rates = rates.astype({"rate_e4": "int64", "quant": "int64"})
    key = ["source", "currency", "date"]
    dup = rates.duplicated(key, keep="last")
    problems += from_mask(frame.loc[dup.index], dup, WARNING, "date", "problem.duplicate_rate")
    rates = rates.loc[~dup].sort_values(key).reset_index(drop=True)
    return rates, problems


def convert(frame: pd.DataFrame, rates: pd.DataFrame, amount: str = "amount_minor",
            currency: str = "currency", date: str = "date", source: str = "NBK",
            ) -> tuple[pd.DataFrame, list[Problem]]:
    """KZT amounts of ``frame`` rows: adds ``kzt_minor``, ``rate_e4``, ``quant``, ``rate_date``.

    Rows in KZT convert at 1 by definition; other rows need a rate of ``source`` on their
    date or within ``MAX_GAP_DAYS`` before it. ``kzt_minor`` is NA where no rate was found
    (an error problem); a rate from an earlier day is a warning (grouped: see
    :func:`stale_rate_problems`).
    """
    columns, problems = convert_columns(frame, rates, amount=amount, currency=currency,
                                        date=date, source=source)
    out = frame.copy(deep=False)  # copy-on-write: the caller's frame is left as it was
    for name, values in columns.items():
        out[name] = values
    return out, problems


def convert_columns(frame: pd.DataFrame, rates: pd.DataFrame, rows: np.ndarray | None = None,
                    amount: str = "amount_minor", currency: str = "currency",
                    date: str = "date", source: str = "NBK",
                    ) -> tuple[dict[str, pd.Series], list[Problem]]:
    """The columns :func:`convert` adds, for the rows of ``frame`` in the boolean mask
    ``rows`` (all rows when ``None``; the others get NA), and the problems.

    Fast for a million rows: only the rows in another currency are looked up, with one binary
    search per currency in that currency's sorted rates (the same match as a backward
    ``merge_asof`` within ``MAX_GAP_DAYS``), and nothing is copied but the four new columns.
    """
    count = len(frame)
    rows = np.ones(count, dtype=bool) if rows is None else np.asarray(rows, dtype=bool)
    minor = frame[amount].astype("Int64")
    has_amount = minor.notna().to_numpy()
    days = frame[date].to_numpy(dtype="datetime64[us]")
    codes = frame[currency]
    foreign = rows & (codes != BASE).to_numpy(dtype=bool) & ~np.isnat(days) & has_amount
    # rows in tenge (and rows without a date or an amount) convert at 1
    kzt = minor.to_numpy(dtype=np.int64, na_value=0, copy=True)  # written below
    kzt_known = rows & has_amount
    rate = np.full(count, 10**RATE_DECIMALS, dtype=np.int64)
    rate_known = rows.copy()
    quant = np.ones(count, dtype=np.int64)
    rate_date = np.where(rows, days, np.datetime64("NaT"))
    missing = np.zeros(count, dtype=bool)
    stale = np.zeros(count, dtype=bool)
    huge = np.zeros(count, dtype=bool)
    if foreign.any():
        where = np.flatnonzero(foreign)
        found, row_rate, row_quant, row_rate_date = _rates_of(days, codes, where, rates,
                                                              source)
        row_kzt, too_large = _convert_exact(kzt[where], row_rate, row_quant)
        ok = found & ~too_large
        kzt[where], kzt_known[where] = np.where(ok, row_kzt, 0), ok
        rate[where], rate_known[where] = np.where(ok, row_rate, 0), ok
        quant[where] = row_quant
        rate_date[where] = row_rate_date
        missing[where[~found]] = True
        huge[where[found & too_large]] = True
        stale[where[ok]] = row_rate_date[ok] != days[where][ok]
    columns = {
        "kzt_minor": _whole(kzt, kzt_known, frame.index),
        "rate_e4": _whole(rate, rate_known, frame.index),
        "quant": _whole(quant, rows, frame.index),
        "rate_date": pd.Series(rate_date, index=frame.index, dtype="datetime64[us]"),
    }
    problems = from_mask(frame, missing, ERROR, date, "problem.missing_rate", currency=source)
    problems += stale_rate_problems(frame, stale, columns["rate_date"], date, currency)
    problems += from_mask(frame, huge, ERROR, amount.removesuffix("_minor"),
                          "problem.amount_too_large", limit=MAX_AMOUNT_TEXT)
    return columns, problems


def _whole(values: np.ndarray, known: np.ndarray, index: pd.Index) -> pd.Series:
    """An ``Int64`` Series, NA where not ``known``."""
    return pd.Series(pd.arrays.IntegerArray(values, ~known), index=index, copy=False)


def _rates_of(days: np.ndarray, codes: pd.Series, where: np.ndarray, rates: pd.DataFrame,
              source: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For the rows ``where`` (positions in ``days`` and ``codes``): whether a rate of
    ``source`` was found on the row's day or within ``MAX_GAP_DAYS`` before it, the latest
    such rate, its quant and its day."""
    count = len(where)
    found = np.zeros(count, dtype=bool)
    rate = np.zeros(count, dtype=np.int64)
    quant = np.ones(count, dtype=np.int64)
    rate_date = np.full(count, np.datetime64("NaT"), dtype="datetime64[us]")
    table = rates.loc[rates["source"] == source]
    known_codes = sorted(set(table["currency"]))
    if not known_codes:
        return found, rate, quant, rate_date
    array = text_array(codes).take(pa.array(where))  # only the rows looked up
    which = pc.index_in(array, value_set=pa.array(known_codes, type=array.type))
    which = np.asarray(which.fill_null(-1).to_numpy(zero_copy_only=False))
    day_numbers = days[where].view(np.int64)
    gap = MAX_GAP_DAYS * 86_400 * 10**6  # in microseconds, as the days
    for number, code in enumerate(known_codes):
        mine = np.flatnonzero(which == number)
        if not len(mine):
            continue
        known = table.loc[table["currency"] == code].sort_values("date", kind="stable")
        known_days = known["date"].to_numpy(dtype="datetime64[us]").view(np.int64)
        # the last rate dated on or before the day (the last one of equal days)
        at = np.searchsorted(known_days, day_numbers[mine], side="right") - 1
        ok = at >= 0
        ok[ok] = day_numbers[mine][ok] - known_days[at[ok]] <= gap
        hit, at = mine[ok], at[ok]
        found[hit] = True
        rate[hit] = known["rate_e4"].to_numpy(dtype=np.int64)[at]
        quant[hit] = known["quant"].to_numpy(dtype=np.int64)[at]
        rate_date[hit] = known_days[at].view("datetime64[us]")
    return found, rate, quant, rate_date


def stale_rate_problems(frame: pd.DataFrame, stale: np.ndarray, rate_date: pd.Series,
                        date: str = "date", currency: str = "currency") -> list[Problem]:
    """Warnings for the rows converted at an earlier day's rate, grouped by file, day and
    currency: a day with one such row gives the row's own warning (``problem.stale_rate``), a
    day with several gives one warning for all of them (``problem.stale_rate_rows``: the
    count and the first and last rows). In the order of each day's first row; past
    :data:`~.checks.MAX_PER_KIND` the rest is summed up in one line.

    A million payments with weekend dollar rows used to give a warning per row; the same
    facts now take a line per weekend day and currency.
    """
    positions = np.flatnonzero(stale)
    if not len(positions):
        return []
    # one integer per (file, sheet, currency, day) of the stale rows, the groups numbered in
    # the order they first appear (each key as integer codes: no grouping of text columns)
    group = np.zeros(len(positions), dtype=np.int64)
    for key in (k for k in ("_file", "_sheet", currency, date) if k in frame):
        codes, uniques = pd.factorize(frame[key].iloc[positions], use_na_sentinel=False)
        # renumbered after each key, so the product never exceeds rows x distinct values
        group = pd.factorize(group * len(uniques) + codes)[0]
    numbers = frame["_row"].iloc[positions].to_numpy(dtype=np.int64)
    count = np.bincount(group)
    first = np.full(len(count), np.iinfo(np.int64).max)
    last = np.full(len(count), np.iinfo(np.int64).min)
    np.minimum.at(first, group, numbers)
    np.maximum.at(last, group, numbers)
    # groups are numbered in the order they first appear: their first rows in frame order
    at = positions[np.unique(group, return_index=True)[1]][:MAX_PER_KIND]
    days, used = cell_texts(frame[date].iloc[at]), cell_texts(rate_date.iloc[at])
    files, sheets = frame["_file"].iloc[at].tolist(), (
        frame["_sheet"].iloc[at].tolist() if "_sheet" in frame else [None] * len(at))
    codes = frame[currency].iloc[at].tolist()
    problems = []
    for g, (file, sheet, day, rate_day, code) in enumerate(
            zip(files, sheets, days, used, codes, strict=True)):
        if count[g] == 1:
            problems.append(Problem(WARNING, file, int(first[g]), date, day,
                                    "problem.stale_rate", {"rate_date": rate_day},
                                    sheet or None))
        else:
            problems.append(Problem(
                WARNING, file, int(first[g]), date, day, "problem.stale_rate_rows",
                {"currency": code, "rate_date": rate_day, "count": int(count[g]),
                 "first": int(first[g]), "last": int(last[g])}, sheet or None))
    if len(count) > MAX_PER_KIND:
        rest = numbers[group >= MAX_PER_KIND]
        problems.append(more_rows(WARNING, problems[-1].file, date, "problem.stale_rate", rest))
    return problems


def _convert_exact(minor: np.ndarray, rate: np.ndarray, quant: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray]:
    """``minor × rate / (quant × 10**4)`` rounded half away from zero, exactly, and a mask
    of the results above :data:`~.values.MAX_AMOUNT` (those are 0 in the first array).

    int64 where the product fits (always, for amounts and rates of this world); Python
    integers for the rows where it might not, so nothing ever wraps around.
    """
    denominator = quant * 10**RATE_DECIMALS
    big = np.abs(minor.astype("float64") * rate.astype("float64")) >= SAFE_TOTAL / 4
    if not big.any():
        numerator = minor * rate
        kzt = np.sign(numerator) * ((2 * np.abs(numerator) + denominator)
                                    // (2 * denominator))
        return kzt, np.abs(kzt) > MAX_AMOUNT * 100
    exact = []
    for n, r, d in zip(minor.tolist(), rate.tolist(), denominator.tolist(), strict=True):
        product = n * r  # Python integers: exact at any size
        exact.append((1 if product >= 0 else -1) * ((2 * abs(product) + d) // (2 * d)))
    too_large = np.array([abs(v) > MAX_AMOUNT * 100 for v in exact], dtype=bool)
    kzt = np.array([0 if over else v for v, over in zip(exact, too_large, strict=True)],
                   dtype="int64")
    return kzt, too_large
