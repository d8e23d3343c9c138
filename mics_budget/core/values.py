"""Vectorised parsing of the values people type: dates and money in Russian and ISO styles.

Speed (a million rows in a few tenths of a second): the loaded text columns are Arrow strings,
and every parser first reads the common clean form straight from Arrow (an ISO day is one
cast, a plain ``1234.56`` one regular expression and an integer cast); only the other values
(``05.03.2024``, ``1 234 567,89``, mistakes) take the general path, which is the reference
definition of what is accepted. Both paths give the same result for every value: the fast one
only takes values it reads exactly as the general one would.
"""

from __future__ import annotations

import re
import sys
from fractions import Fraction

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .months import FIRST_DATE, LAST_DATE

# formats accepted for dates, in order; anything else is an error, never a guess
# ([0-9], not \d: Arabic-Indic or full-width digits are not read as numbers)
DATE_FORMATS = {
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "%Y-%m-%d",
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?$": "ISO8601",
    r"^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}$": "%d.%m.%Y",
    r"^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4} [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$": "mixed_ru",
}
_ISO_DAY = next(iter(DATE_FORMATS))

#: The largest amount accepted, in units of its currency (10 trillion, about half of
#: Kazakhstan's whole state budget): above it a value is a typing error. With every amount
#: below it, int64 tiyn sums stay exact up to about 900 000 rows at the ceiling; loading
#: checks the totals too (:func:`sum_is_safe`).
MAX_AMOUNT = 10**13
#: the days any file, answer or command may give (docs/reliability.md, months.FIRST_DATE):
#: outside, a date is refused as unreadable
FIRST_DAY, LAST_DAY = np.datetime64(FIRST_DATE, "us"), np.datetime64(LAST_DATE, "us")
MAX_AMOUNT_TEXT = "10 000 000 000 000"
#: Sums of minor units stay exact in int64 while the total of absolute values stays below.
SAFE_TOTAL = 2**62

_STR = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' ``str``


# --- Arrow text ---------------------------------------------------------------------------

def text_array(series: pd.Series) -> pa.ChunkedArray:
    """The Arrow strings of a text Series (``large_string``, nulls for missing values).

    No copy for the ``str`` columns of a loaded table: they are Arrow arrays already.
    """
    if isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow":
        return series.array.__arrow_array__()
    return pa.chunked_array([pa.array(series.astype("str"), type=pa.large_string(),
                                      from_pandas=True)])


def text_series(array: pa.ChunkedArray | pa.Array, index: pd.Index | None = None) -> pd.Series:
    """A ``str`` Series over Arrow strings (no copy)."""
    if isinstance(array, pa.Array):
        array = pa.chunked_array([array])
    if not pa.types.is_large_string(array.type):
        array = array.cast(pa.large_string())
    return pd.Series(pd.array(array, dtype=_STR), index=index, copy=False)


#: Bytes that may begin or end a whitespace character: ASCII controls and space, and every
#: byte of a multi-byte UTF-8 character (U+00A0, U+2009, U+3000 … are whitespace too).
_MAYBE_SPACE = np.zeros(256, dtype=bool)
_MAYBE_SPACE[:33] = True
_MAYBE_SPACE[128:] = True


def _may_need_trim(array: pa.ChunkedArray | pa.Array) -> bool:
    """Whether any value might start or end with whitespace, judged from its first and last
    byte only (two gathers over the Arrow buffers, several times cheaper than trimming, which
    copies every value). Conservative: ``True`` may be wrong, ``False`` never is."""
    chunks = array.chunks if isinstance(array, pa.ChunkedArray) else [array]
    for chunk in chunks:
        if chunk.null_count or not (pa.types.is_large_string(chunk.type)
                                    or pa.types.is_string(chunk.type)):
            return True
        _, offsets_buffer, data_buffer = chunk.buffers()
        if data_buffer is None or len(chunk) == 0:
            continue
        width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offsets = np.frombuffer(offsets_buffer, dtype=width)[chunk.offset:
                                                             chunk.offset + len(chunk) + 1]
        if offsets[-1] == offsets[0]:
            continue  # only empty values
        data = np.frombuffer(data_buffer, dtype=np.uint8)
        # each value's first and last byte in one gather; an empty value points at its
        # neighbour's bytes (clipped at the buffer's ends): a false alarm at worst
        edges = np.take(data, np.concatenate((offsets[:-1], offsets[1:] - 1)), mode="clip")
        if np.take(_MAYBE_SPACE, edges).any():
            return True
    return False


def trim(array: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Every value without leading and trailing whitespace (pandas' ``.str.strip()``, which
    is this very Arrow kernel); the array itself when no value has any."""
    if not _may_need_trim(array):
        return array
    return pc.utf8_trim_whitespace(array)


def _mask(array: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """A boolean Arrow array as numpy (nulls are False)."""
    return np.asarray(array.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


# --- dates --------------------------------------------------------------------------------

def parse_dates(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates (``datetime64``, midnight) and a mask of non-empty values that are not dates.

    Fast path: values written ``YYYY-MM-DD`` (what programs write) are read by Arrow's ISO
    day parser, which accepts exactly that pattern of ASCII digits and checks the calendar,
    as pandas does (year 0 included); empty values are empty. The other values take
    :func:`_parse_dates_general`.
    """
    array = text_array(text)  # a value with spaces around fails the fast path: not trimmed
    days, iso = _iso_days(array)
    empty = _mask(pc.equal(pc.binary_length(array), 0))
    out = days.astype("datetime64[us]")
    bad = ~iso & ~empty  # for now: every value the fast path left
    if bad.any():
        rest = text_series(array, text.index)[bad]
        parsed, rest_bad = _parse_dates_general(rest)
        positions = np.flatnonzero(bad)
        out[positions] = parsed.to_numpy()
        bad[positions] = rest_bad.to_numpy()
    bad |= iso & np.isnat(out)  # an ISO-shaped day that does not exist (2024-02-30)
    outside = ~np.isnat(out) & ((out < FIRST_DAY) | (out > LAST_DAY))
    if outside.any():  # 0001-01-01 is a calendar day, not a day of this ledger
        bad |= outside
        out[outside] = np.datetime64("NaT")
    return (pd.Series(out, index=text.index, copy=False),
            pd.Series(bad, index=text.index, copy=False))


def _iso_days(array: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """Days (``datetime64[D]``, NaT elsewhere) of the values shaped ``YYYY-MM-DD``, and the
    mask of those values (an impossible day such as 2024-02-30 is in the mask, NaT).

    One cast when every value is such a day (the usual file); otherwise the shaped values are
    found with the pattern of :data:`DATE_FORMATS` and their digits checked against the
    calendar here.
    """
    try:
        days = pc.cast(array, pa.date32())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    else:
        if days.null_count == array.null_count:
            out = np.asarray(days.to_numpy(zero_copy_only=False), dtype="datetime64[D]")
            return out, ~np.isnat(out)
    shaped = _mask(pc.match_substring_regex(array, _ISO_DAY))
    out = np.full(len(array), np.datetime64("NaT"), dtype="datetime64[D]")
    if shaped.any():
        values = array.filter(pa.chunked_array([pa.array(shaped)])
                              if isinstance(array, pa.ChunkedArray) else pa.array(shaped))

        def number(start: int, stop: int) -> np.ndarray:
            part = pc.utf8_slice_codeunits(values, start, stop)
            return np.asarray(pc.cast(part, pa.int64()).to_numpy(zero_copy_only=False))

        year, month, day = number(0, 4), number(5, 7), number(8, 10)
        ok = (month >= 1) & (month <= 12) & (day >= 1)
        # the first day of the month, then the month's length from the next one's first day
        first = ((year - 1970).astype("datetime64[Y]").astype("datetime64[M]")
                 + np.clip(month - 1, 0, 11).astype("timedelta64[M]"))
        length = ((first + np.timedelta64(1, "M")).astype("datetime64[D]")
                  - first.astype("datetime64[D]")).astype(np.int64)
        ok &= day <= length
        parsed = first.astype("datetime64[D]") + (day - 1).astype("timedelta64[D]")
        out[shaped] = np.where(ok, parsed, np.datetime64("NaT"))
    return out, shaped


def _parse_dates_general(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Every accepted format (:data:`DATE_FORMATS`) through pandas: the reference."""
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
    outside = (out < pd.Timestamp(FIRST_DAY)) | (out > pd.Timestamp(LAST_DAY))
    out = out.mask(outside)  # a calendar day, not a day of this ledger
    bad = out.isna() & (text != "")
    return out, bad


# --- amounts ------------------------------------------------------------------------------

_SPACES = "[ \t\u00a0\u202f\u2009']"  # explicit: \\s would send pandas to a slow path
_CURRENCY_SIGN = r"[₸$€£₽]|тг|тенге|руб|kzt|usd|eur"


def _width(decimals: int) -> int:
    return min(15, 18 - decimals)  # the minor units always fit int64


def parse_amounts(text: pd.Series, decimals: int = 2) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Exact amounts in minor units (``int64``; 1234567,89 -> 123456789 at 2 decimals).

    Accepts ``1234567.89``, ``1 234 567,89`` (spaces or no-break spaces between thousands),
    a leading minus. Returns ``(minor, bad, has_sign)``: ``bad`` marks non-empty values that are
    not such numbers (a comma *and* a dot, more decimals than allowed, letters …); ``has_sign``
    the bad ones that carry a currency sign. Empty values are neither: ``minor`` is NA there.

    Fast path: values already in the plain form (``-1234.5``: ASCII digits, at most one dot,
    no sign but a minus) are checked with one regular expression and converted with integer
    arithmetic in Arrow and numpy; the others take :func:`_parse_amounts_general`.
    """
    array = text_array(text)  # a value with spaces around fails the fast path: not trimmed
    count = len(array)
    width = _width(decimals)
    fraction = rf"(\.[0-9]{{0,{decimals}}})?" if decimals else ""
    plain = _mask(pc.match_substring_regex(array, rf"^-?[0-9]{{1,{width}}}{fraction}$"))
    values = np.zeros(count, dtype=np.int64)
    known = plain.copy()  # rows with a value in ``values``
    if plain.any():
        values[plain] = _plain_minor(_take(array, plain), decimals)
    empty = _mask(pc.equal(pc.binary_length(array), 0))
    bad = np.zeros(count, dtype=bool)
    has_sign = np.zeros(count, dtype=bool)
    rest = ~plain & ~empty
    if rest.any():
        minor, rest_bad, rest_sign = _parse_amounts_general(
            text_series(array, text.index)[rest], decimals)
        positions = np.flatnonzero(rest)
        good = minor.notna().to_numpy()
        values[positions[good]] = minor[good].to_numpy(dtype=np.int64)
        known[positions[good]] = True
        bad[positions] = rest_bad.to_numpy()
        has_sign[positions] = rest_sign.to_numpy()
    minor = pd.Series(pd.arrays.IntegerArray(values, ~known), index=text.index, copy=False)
    return (minor, pd.Series(bad, index=text.index, copy=False),
            pd.Series(has_sign, index=text.index, copy=False))


def _take(array: pa.ChunkedArray, mask: np.ndarray) -> pa.ChunkedArray:
    return array if mask.all() else array.filter(pa.array(mask))


def _plain_minor(array: pa.ChunkedArray, decimals: int) -> np.ndarray:
    r"""Minor units of values matching ``-?[0-9]{1,15}(\.[0-9]*)?`` with at most ``decimals``
    places: Arrow's decimal parser reads them exactly (17 digits at most fit its 18), and the
    decimal's integer is the amount in minor units. Chunk by chunk: the 16-byte decimals of a
    million values are never all held at once."""
    out = np.empty(len(array), dtype=np.int64)
    low = 0 if sys.byteorder == "little" else 1
    done = 0
    for chunk in array.chunks:
        parsed = pc.cast(chunk, pa.decimal128(18, decimals))
        if len(parsed):
            # a decimal128 is a 16-byte two's complement integer in the machine's byte
            # order; every value here is below 10**18, so its low 64 bits are the value
            words = np.frombuffer(parsed.buffers()[1], dtype=np.int64)
            out[done:done + len(parsed)] = words[2 * parsed.offset + low:
                                                 2 * (parsed.offset + len(parsed)):2]
        done += len(parsed)
    return out


def _parse_amounts_general(text: pd.Series, decimals: int = 2
                           ) -> tuple[pd.Series, pd.Series, pd.Series]:
    """:func:`parse_amounts` for any value, through pandas string methods: the reference."""
    raw = text.astype("str").str.strip()
    s = raw.str.replace(_SPACES, "", regex=True).str.replace("\u2212", "-", regex=False)
    s = s.str.replace(",", ".", regex=False)  # one separator at most: "1.234,5" fails below
    width = _width(decimals)
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


def round_half_away(value: Fraction) -> int:
    """An exact fraction of minor units rounded half away from zero, as the ledger rounds
    conversions (:func:`.fx.convert`): ``5/2`` → 3, ``-5/2`` → -3."""
    whole = (abs(value.numerator) * 2 + value.denominator) // (2 * value.denominator)
    return whole if value >= 0 else -whole


def minor_text(minor: object) -> str:
    """Minor units as the amount a file holds: ``-150`` → ``-1.50``; empty for a missing
    value (what the register and the importer write, and their messages show)."""
    if minor is None or pd.isna(minor):
        return ""
    whole = int(minor)  # type: ignore[call-overload]
    sign, whole = ("-", -whole) if whole < 0 else ("", whole)
    return f"{sign}{whole // 100}.{whole % 100:02d}"


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


# --- codes --------------------------------------------------------------------------------

def isin(series: pd.Series, values) -> pd.Series:
    """``series.isin(values)`` for text, fast for millions of rows and large value sets
    (pandas' own ``isin`` on Arrow strings walks the values in Python)."""
    if isinstance(values, pd.Series | pd.Index):
        value_set = pa.array(values.astype("str"), type=pa.string(), from_pandas=True)
    else:
        value_set = pa.array([str(v) for v in values], type=pa.string())
    array = text_array(series)
    hit = pc.is_in(array, value_set=value_set.cast(array.type))
    return pd.Series(_mask(hit), index=series.index, copy=False)


def lookup(series: pd.Series, mapping: dict) -> pd.Series:
    """``series.map(mapping)`` done once per distinct value (missing keys give NA)."""
    codes, uniques = pd.factorize(series)
    mapped = pd.Series(uniques, dtype=object).map(mapping).to_numpy(dtype=object)
    values = np.append(mapped, np.array([None], dtype=object))[
        np.where(codes < 0, len(mapped), codes)]
    return pd.Series(values, index=series.index, dtype=object)


def lookup_text(series: pd.Series, mapping: dict[str, str]) -> pd.Series:
    """``series.map(mapping)`` for text keys and text values, as a ``str`` Series (NaN for
    a missing key): one hash lookup per row in Arrow, no Python object per row."""
    keys = list(mapping)
    array = text_array(series)
    where = pc.index_in(array, value_set=pa.array(keys, type=array.type))
    values = pa.array([mapping[k] for k in keys], type=pa.large_string())
    return text_series(pc.take(values, where), series.index)


def duplicated(series: pd.Series) -> pd.Series:
    """``series.duplicated(keep="first")`` for text.

    Ids are usually written in order (payment orders are numbered as they are made, and a
    register is appended to): when every value is greater than the one before, none can
    repeat, which one comparison pass proves. Otherwise each value gets an integer code
    (Arrow's hash table, faster than pandas' on Arrow strings) and the codes are checked.
    """
    array = text_array(series)
    if array.null_count == 0 and len(array) > 1:
        pairs = pc.less(array.slice(0, len(array) - 1), array.slice(1))
        if pc.all(pairs).as_py():
            return pd.Series(False, index=series.index)
    codes = pc.dictionary_encode(array).combine_chunks().indices  # equal values, equal codes
    codes = np.asarray(codes.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int64)
    return pd.Series(pd.Series(codes).duplicated(keep="first").to_numpy(),
                     index=series.index, copy=False)


_BIN = re.compile(r"[0-9]{12}")


def is_digits(text: str) -> bool:
    """Only ASCII digits (``str.isdigit`` also takes «²³» and «١٢٣», which ``int`` then refuses
    or reads as another number): ids, codes and counts are written in 0–9."""
    return text.isascii() and text.isdigit()


def is_bin(text: str) -> bool:
    """A BIN or IIN as Kazakhstan writes it: exactly 12 ASCII digits."""
    return _BIN.fullmatch(text) is not None
