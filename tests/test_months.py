"""Month arithmetic, the one module for it."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from mics_budget.core import months


def test_edges():
    assert months.month_end("2024-02") == date(2024, 2, 29)
    assert months.month_end("2023-02") == date(2023, 2, 28)
    assert months.previous_month("2024-01") == "2023-12"
    assert months.next_month("2023-12") == "2024-01"
    assert months.months_between("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01",
                                                           "2024-02"]
    assert months.months_between("2024-02", "2024-01") == []
    assert list(months.spanned(date(2023, 12, 31), date(2024, 1, 1))) == [(2023, 12), (2024, 1)]
    assert months.RU_MONTH_NUMBERS["декабрь"] == 12


@given(st.integers(2000, 2098), st.integers(1, 12), st.integers(-30, 30))
def test_shift_is_consistent(year, month, by):
    start = months.label(year, month)
    moved = months.shift(start, by)
    assert months.shift(moved, -by) == start
    first, last = sorted([start, moved])
    assert len(months.months_between(first, last)) == abs(by) + 1
