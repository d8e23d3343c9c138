from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mics_budget.config import DataDir
from mics_budget.ledger.fx import convert, load_rates
from tests.conftest import write_files


def rates_frame(rows):
    return pd.DataFrame(rows, columns=["date", "currency", "rate_e4", "quant", "source"]).astype(
        {"date": "datetime64[us]", "rate_e4": "int64", "quant": "int64"})


def payments(rows):
    frame = pd.DataFrame(rows, columns=["date", "currency", "amount_minor"])
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[us]")
    frame["amount_minor"] = frame["amount_minor"].astype("Int64")
    frame["_file"], frame["_sheet"], frame["_row"] = "p.csv", "", range(2, 2 + len(frame))
    return frame


RATES = rates_frame([("2024-03-01", "USD", 4_702_500, 1, "NBK"),
                     ("2024-03-04", "USD", 4_710_000, 1, "NBK"),
                     ("2024-03-01", "RUB", 51_000, 1, "NBK"),
                     ("2024-03-01", "KRW", 33_900, 100, "NBK"),
                     ("2024-03-01", "USD", 4_600_000, 1, "UNORE")])


def test_conversion_uses_the_nbk_rate_of_the_day_and_quant():
    frame, problems = convert(payments([("2024-03-01", "USD", 1000_00), ("2024-03-04", "USD",
                                        1_00), ("2024-03-01", "KRW", 10000_00),
                                        ("2024-03-01", "KZT", 5_55)]), RATES)
    assert problems == []
    # 1000 USD x 470.25 = 470 250 KZT; 1 USD x 471.00; 10 000 KRW x 3.39/100 = 339 KZT
    assert frame["kzt_minor"].tolist() == [470_250_00, 471_00, 339_00, 5_55]
    assert frame["quant"].tolist() == [1, 1, 100, 1]


def test_a_weekend_uses_the_last_earlier_rate_with_a_warning():
    frame, problems = convert(payments([("2024-03-03", "USD", 100_00)]), RATES)
    assert frame["kzt_minor"].tolist() == [47_025_00]
    assert frame["rate_date"].iloc[0] == pd.Timestamp("2024-03-01")
    [warning] = problems
    assert warning.severity == "warning"
    assert warning.message == "на 03.03.2024 курса нет, применён курс на 01.03.2024"


@pytest.mark.parametrize("day", ["2024-03-15", "2024-02-29"])
def test_no_rate_within_ten_days_is_an_error_never_a_rate_of_one(day):
    frame, problems = convert(payments([(day, "USD", 100_00)]), RATES)
    assert frame["kzt_minor"].isna().all()
    assert [p.severity for p in problems] == ["error"]
    assert "нет курса NBK" in problems[0].message


def test_ten_days_is_still_in_time():
    frame, problems = convert(payments([("2024-03-14", "USD", 100_00)]), RATES)
    assert frame["kzt_minor"].tolist() == [47_100_00]
    assert [p.severity for p in problems] == ["warning"]


def test_rounding_to_the_tiyn_is_half_away_from_zero():
    rates = rates_frame([("2024-01-01", "USD", 5, 1, "NBK")])  # 0.0005 KZT per USD
    frame, _ = convert(payments([("2024-01-01", "USD", 10_00), ("2024-01-01", "USD", -10_00),
                                 ("2024-01-01", "USD", 9_00)]), rates)
    # 10 USD = 0.005 KZT -> 0.01; -10 USD -> -0.01; 9 USD = 0.0045 KZT -> 0.00
    assert frame["kzt_minor"].tolist() == [1, -1, 0]


@pytest.mark.slow
@given(st.integers(-10**11, 10**11), st.integers(1, 10**7), st.sampled_from([1, 10, 100,
                                                                              1000]))
def test_conversion_is_exact_integer_arithmetic(minor, rate_e4, quant):
    rates = rates_frame([("2024-01-01", "EUR", rate_e4, quant, "NBK")])
    frame, _ = convert(payments([("2024-01-01", "EUR", minor)]), rates)
    from fractions import Fraction

    exact = Fraction(minor * rate_e4, 10_000 * quant)
    expected = int(abs(exact) + Fraction(1, 2)) * (1 if exact >= 0 else -1)
    assert frame["kzt_minor"].iloc[0] == expected


def test_rates_file_checks(data_dir):
    write_files(data_dir, {"budget/fx_rates.csv": (
        "Дата;Валюта;Курс;Кратность;Источник\n"
        "01.03.2024;USD;470,25;1;NBK\n"
        "02.03.2024;XYZ;1;1;NBK\n"
        "03.03.2024;USD;0;1;NBK\n"
        "04.03.2024;USD;470;1;ECB\n"
        "05.03.2024;RUB;5,1;;\n")})
    rates, problems = load_rates(DataDir(data_dir))
    assert rates[["currency", "rate_e4", "quant", "source"]].values.tolist() == [
        ["RUB", 51_000, 1, "NBK"], ["USD", 4_702_500, 1, "NBK"]]
    assert [(p.row, p.column, p.key) for p in problems] == [
        (4, "rate", "problem.non_positive_rate"), (3, "currency", "problem.unknown_currency"),
        (5, "source", "problem.unknown_rate_source")]
