"""Vectorised parsing of the values people type: dates and money in Russian and ISO styles."""

from __future__ import annotations

import numpy as np
import pandas as pd

# formats accepted for dates, in order; anything else is an error, never a guess
# ([0-9], not \d: Arabic-Indic or full-width digits are not read as numbers)
DATE_FORMATS = {
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "%Y-%m-%d",
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?$": "ISO8601",
    r"^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}$": "%d.%m.%Y",
    r"^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4} [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$": "mixed_ru",
}

#: The largest amount accepted, in units of its currency (10 trillion, about half of
#: Kazakhstan's whole state budget): above it a value is a typing error. With every amount
#: below it, int64 tiyn sums stay exact up to about 900 000 rows at the ceiling; loading
#: checks the totals too (:func:`sum_is_safe`).
MAX_AMOUNT = 10**13
MAX_AMOUNT_TEXT = "10 000 000 000 000"
#: Sums of minor units stay exact in int64 while the total of absolute values stays below.
SAFE_TOTAL = 2**62


def parse_dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates (``datetime64``, midnight) and a mask of non-empty values that are not dates."""
    text = text.astype("str").str.strip()
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[us]")
    for pattern, fmt in DATE_FORMATS.items():
        match = text.str.match(pattern)
        if not match.any():
            continue
        part = text[match]
        if fmt == "mixed_ru":
            part = part.str.split(" ").str[0]
            fmt = "%d.%m.%Y"
        parsed = pd.to_datetime(part, format=fmt, errors="coerce")
        out[match] = parsed.dt.normalize().astype("datetime64[us]")
    bad = out.isna() & (text != "")
    return out, bad


_SPACES = "[ \t\u00a0\u202f\u2009']"  # explicit: \\s would send pandas to a slow path
_CURRENCY_SIGN = r"[₸$€£₽]|тг|тенге|руб|kzt|usd|eur"


def parse_amounts(text: pd.Series, decimals: int = 2) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Exact amounts in minor units (``int64``; 1234567,89 -> 123456789 at 2 decimals).

    Accepts ``1234567.89``, ``1 234 567,89`` (spaces or no-break spaces between thousands),
    a leading minus. Returns ``(minor, bad, has_sign)``: ``bad`` marks non-empty values that are
    not such numbers (a comma *and* a dot, more decimals than allowed, letters …); ``has_sign``
    the bad ones that carry a currency sign. Empty values are neither: ``minor`` is NA there.
    """
    raw = text.astype("str").str.strip()
    s = raw.str.replace(_SPACES, "", regex=True).str.replace("\u2212", "-", regex=False)
    s = s.str.replace(",", ".", regex=False)  # one separator at most: "1.234,5" fails below
    width = min(15, 18 - decimals)  # the minor units always fit int64
    pattern = (rf"[-+]?[0-9]{{1,{width}}}(?:\.[0-9]{{0,{decimals}}})?" if decimals
               else rf"[-+]?[0-9]{{1,{width}}}")
    good = s.str.fullmatch(pattern).fillna(False).astype(bool)
    empty = raw == ""
    bad = ~good & ~empty
    has_sign = bad & raw.str.lower().str.contains(_CURRENCY_SIGN, regex=True)
    ok = s.where(good, "0")
    point = ok.str.find(".")
    places = (ok.str.len() - point - 1).where(point >= 0, 0).astype("int64")
    digits = ok.str.replace(".", "", regex=False).replace("", "0").astype("int64")
    minor = (digits * (10 ** (decimals - places))).astype("Int64")
    minor[~good] = pd.NA
    return minor, bad, has_sign


def above_ceiling(minor: pd.Series, decimals: int = 2) -> pd.Series:
    """Amounts (minor units) above :data:`MAX_AMOUNT` of their currency."""
    return minor.abs().fillna(0) > MAX_AMOUNT * 10**decimals


def sum_is_safe(minor: pd.Series) -> bool:
    """Whether every sum of any subset of these integers is exact in int64."""
    return float(minor.abs().astype("float64").sum()) < SAFE_TOTAL


def parse_ints(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Whole numbers (``Int64``) and a mask of non-empty values that are not."""
    minor, bad, _ = parse_amounts(text, decimals=0)
    return minor, bad


def isin(series: pd.Series, values) -> pd.Series:
    """``series.isin(values)`` for text, fast for millions of rows and large value sets
    (pandas' own ``isin`` on Arrow strings walks the values in Python)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(values, pd.Series | pd.Index):
        value_set = pa.array(values.astype("str"), type=pa.string(), from_pandas=True)
    else:
        value_set = pa.array([str(v) for v in values], type=pa.string())
    array = pa.array(series.astype("str"), type=pa.string(), from_pandas=True)
    hit = pc.is_in(array, value_set=value_set).fill_null(False)
    return pd.Series(hit.to_numpy(zero_copy_only=False), index=series.index, dtype=bool)


def lookup(series: pd.Series, mapping: dict) -> pd.Series:
    """``series.map(mapping)`` done once per distinct value (missing keys give NA)."""
    codes, uniques = pd.factorize(series)
    mapped = pd.Series(uniques, dtype=object).map(mapping).to_numpy(dtype=object)
    values = np.append(mapped, np.array([None], dtype=object))[
        np.where(codes < 0, len(mapped), codes)]
    return pd.Series(values, index=series.index, dtype=object)
