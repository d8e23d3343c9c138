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

from .checks import ERROR, WARNING, Problem, from_mask
from .config import DataDir
from .schemas import FX_RATES
from .tables import locate, read_table
from .values import (
    MAX_AMOUNT,
    MAX_AMOUNT_TEXT,
    SAFE_TOTAL,
    above_ceiling,
    parse_amounts,
    parse_dates,
    parse_ints,
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
    codes = text.astype("str").str.strip().str.upper()
    return codes.replace({"": BASE, "ТГ": BASE, "ТЕНГЕ": BASE, "₸": BASE})


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
    (an error problem); a rate from an earlier day is a warning.
    """
    out = frame.copy()
    out["kzt_minor"] = out[amount].astype("Int64")
    out["rate_e4"] = pd.Series(10**RATE_DECIMALS, index=out.index, dtype="Int64")
    out["quant"] = pd.Series(1, index=out.index, dtype="Int64")
    out["rate_date"] = out[date]
    foreign = (out[currency] != BASE) & out[date].notna() & out[amount].notna()
    if not foreign.any():
        return out, []
    left = out.loc[foreign, [date, currency]].rename(columns={date: "_date", currency: "_cur"})
    left["_pos"] = np.flatnonzero(foreign.to_numpy())
    table = rates.loc[rates["source"] == source, ["date", "currency", "rate_e4", "quant"]]
    table = table.rename(columns={"date": "_rate_date", "currency": "_cur"})
    matched = pd.merge_asof(
        left.sort_values("_date"), table.sort_values("_rate_date"), left_on="_date",
        right_on="_rate_date", by="_cur", direction="backward",
        tolerance=pd.Timedelta(days=MAX_GAP_DAYS),
    ).sort_values("_pos")
    positions = matched["_pos"].to_numpy()
    index = out.index[positions]
    found = matched["rate_e4"].notna().to_numpy()
    rate = matched["rate_e4"].fillna(0).astype("int64").to_numpy()
    quant = matched["quant"].fillna(1).astype("int64").to_numpy()
    minor = out.loc[index, amount].astype("int64").to_numpy()
    kzt, too_large = _convert_exact(minor, rate, quant)
    rated = found
    found = rated & ~too_large
    out.loc[index, "kzt_minor"] = pd.array(np.where(found, kzt, 0), dtype="Int64")
    out.loc[index[~found], "kzt_minor"] = pd.NA
    out.loc[index, "rate_e4"] = pd.array(np.where(found, rate, 0), dtype="Int64")
    out.loc[index[~found], "rate_e4"] = pd.NA
    out.loc[index, "quant"] = pd.array(quant, dtype="Int64")
    out.loc[index, "rate_date"] = matched["_rate_date"].to_numpy()
    missing = pd.Series(False, index=out.index)
    missing[index[~rated]] = True
    huge = pd.Series(False, index=out.index)
    huge[index[rated & too_large]] = True
    stale = pd.Series(False, index=out.index)
    stale[index[found]] = (matched["_rate_date"].to_numpy()[found]
                           != matched["_date"].to_numpy()[found])
    problems = from_mask(out, missing, ERROR, date, "problem.missing_rate",
                         currency=source)
    problems += from_mask(out, stale, WARNING, date, "problem.stale_rate",
                          rate_date=out["rate_date"])
    problems += from_mask(out, huge, ERROR, amount.removesuffix("_minor"),
                          "problem.amount_too_large", limit=MAX_AMOUNT_TEXT)
    return out, problems


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
