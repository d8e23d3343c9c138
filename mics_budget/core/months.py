"""Months: the one place for month arithmetic and the Russian month names the inputs use.

A month is written ``YYYY-MM`` (reports, the monthly plan) or given as ``(year, month)``.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date

#: the days any file, answer or command may give: outside, a date is refused (issue 25)
FIRST_DATE, LAST_DATE = date(1990, 1, 1), date(2099, 12, 31)

#: month names as the plan and the financing plan write them (nominative, lower case)
RU_MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
             "сентябрь", "октябрь", "ноябрь", "декабрь")
RU_MONTH_NUMBERS = {name: number for number, name in enumerate(RU_MONTHS, start=1)}


def split(month: str) -> tuple[int, int]:
    """``"2024-03"`` -> ``(2024, 3)``."""
    year, number = month.split("-")
    return int(year), int(number)


def label(year: int, month: int) -> str:
    """``(2024, 3)`` -> ``"2024-03"``."""
    return f"{year}-{month:02d}"


def of(day: date) -> str:
    """The month of a day, ``YYYY-MM``."""
    return label(day.year, day.month)


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_end(month: str) -> date:
    """The last day of a ``YYYY-MM`` month."""
    return last_day(*split(month))


def shift(month: str, by: int) -> str:
    """The month ``by`` months after (before, when negative) ``month``."""
    year, number = split(month)
    index = year * 12 + number - 1 + by
    return label(index // 12, index % 12 + 1)


def previous_month(month: str) -> str:
    return shift(month, -1)


def next_month(month: str) -> str:
    return shift(month, 1)


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last``, both included (empty when reversed)."""
    out, month = [], first
    while month <= last:
        out.append(month)
        month = next_month(month)
    return out


def spanned(start: date, end: date) -> Iterator[tuple[int, int]]:
    """``(year, month)`` of every month from the one of ``start`` to the one of ``end``."""
    for month in months_between(of(start), of(end)):
        yield split(month)


def parse_day(text: str) -> date:
    """A day as people type it: ``DD.MM.YYYY`` (as the pages show dates) or ISO
    ``YYYY-MM-DD``, ASCII digits; a day that does not exist (``31.06.2024``) says so.
    Raises :class:`~mics_budget.errors.UserError`."""
    import re

    from ..errors import UserError
    from .checks import excerpt

    text = str(text).strip()
    iso = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", text)
    dotted = re.fullmatch(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})", text)
    if iso:
        year, month, day = (int(x) for x in iso.groups())
    elif dotted:
        day, month, year = (int(x) for x in dotted.groups())
    else:
        raise UserError("error.bad_date", value=excerpt(text))
    try:
        day_ = date(year, month, day)
    except ValueError:
        raise UserError("error.no_such_date", value=excerpt(text)) from None
    if not FIRST_DATE <= day_ <= LAST_DATE:
        raise UserError("error.date_out_of_range", value=excerpt(text),
                        first=FIRST_DATE.strftime("%d.%m.%Y"),
                        last=LAST_DATE.strftime("%d.%m.%Y"))
    return day_
