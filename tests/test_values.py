from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mics_budget.core.values import minor_text, parse_amounts, parse_dates, parse_ints


@pytest.mark.parametrize(
    ("text", "minor"),
    [("1234567.89", 123456789), ("1 234 567,89", 123456789), ("1\u00a0234\u00a0567,89",
     123456789), ("1\u202f234,5", 123450), ("-100", -10000), ("\u2212100,1", -10010),
     ("0", 0), ("+7", 700), (" 12 ", 1200), ("12,", 1200)],
)
def test_amounts_people_write(text, minor):
    parsed, bad, sign = parse_amounts(pd.Series([text]))
    assert parsed.tolist() == [minor]
    assert not bad.any() and not sign.any()


@pytest.mark.parametrize(
    ("text", "has_sign"),
    [("1.234.567,89", False), ("1,234,567.89", False), ("12,345", False), ("abc", False),
     ("1000 ₸", True), ("$100", True), ("100 тг", True), ("1e5", False), ("--5", False),
     ("1234567890123456", False)],
)
def test_ambiguous_or_foreign_amounts_are_refused(text, has_sign):
    parsed, bad, sign = parse_amounts(pd.Series([text]))
    assert parsed.isna().all()
    assert bad.tolist() == [True]
    assert sign.tolist() == [has_sign]


def test_empty_amount_is_neither_a_number_nor_bad():
    parsed, bad, _ = parse_amounts(pd.Series([""]))
    assert parsed.isna().all() and not bad.any()


@given(st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False),
       st.sampled_from(["ru", "plain"]))
def test_amounts_round_trip_exactly(value, style):
    text = f"{value:.2f}"
    if style == "ru":
        whole, frac = f"{abs(value):,.2f}".split(".")
        text = ("-" if value < 0 else "") + whole.replace(",", "\u00a0") + "," + frac
    parsed, bad, _ = parse_amounts(pd.Series([text]))
    assert not bad.any()
    assert Decimal(int(parsed.iloc[0])) / 100 == value


@pytest.mark.parametrize(
    "text", ["2024-03-05", "05.03.2024", "5.3.2024", "2024-03-05 00:00:00", "2024-03-05T10:30",
             "05.03.2024 10:30"])
def test_dates_in_the_accepted_formats(text):
    parsed, bad = parse_dates(pd.Series([text]))
    assert parsed.iloc[0] == pd.Timestamp("2024-03-05")
    assert not bad.any()


@pytest.mark.parametrize("text", ["03/05/2024", "2024-02-30", "5 марта 2024", "45000", "24-03-05"])
def test_ambiguous_or_impossible_dates_are_bad(text):
    parsed, bad = parse_dates(pd.Series([text]))
    assert parsed.isna().all() and bad.all()


def test_ints():
    parsed, bad = parse_ints(pd.Series(["3", "", "x", "2,5"]))
    assert parsed.tolist()[:1] == [3]
    assert bad.tolist() == [False, False, True, True]


@pytest.mark.parametrize(("minor", "text"), [
    (0, "0.00"), (5, "0.05"), (123456, "1234.56"), (-150, "-1.50"), (-5, "-0.05"),
    (None, ""), (pd.NA, ""), (np.int64(-100), "-1.00")])
def test_minor_units_as_the_text_a_file_holds(minor, text):
    """One writer of amounts for the register, the importer and their messages: a refund's
    minus stands before the whole amount (-150 is -1.50, not -2.50)."""
    assert minor_text(minor) == text
    if text:
        assert parse_amounts(pd.Series([text], dtype="str"))[0].tolist() == [int(minor)]
