from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mics_budget import PeriodError, parse_period
from mics_budget.core.periods import MONTHS

NAMES = list(MONTHS)


@pytest.mark.parametrize(
    ("text", "intervals", "duration", "tentative"),
    [
        ("Февраль 2023", [("2023-02-01", "2023-02-28")], None, False),
        ("Февраль-май 2023", [("2023-02-01", "2023-05-31")], None, False),
        ("Апрель-май2023", [("2023-04-01", "2023-05-31")], None, False),
        ("Апрель  2024", [("2024-04-01", "2024-04-30")], None, False),
        ("Июнь 2023\n(10 дней)", [("2023-06-01", "2023-06-30")], 10, False),
        ("Июнь 2023\n(3 дня)", [("2023-06-01", "2023-06-30")], 3, False),
        ("Июль 2023 (3 дня)", [("2023-07-01", "2023-07-31")], 3, False),
        ("Январь-март 2025 (уточняется)", [("2025-01-01", "2025-03-31")], None, True),
        ("Март-апрель 2024, сентябрь-ноябрь 2024",
         [("2024-03-01", "2024-04-30"), ("2024-09-01", "2024-11-30")], None, False),
        ("Март, сентябрь 2024", [("2024-03-01", "2024-03-31"), ("2024-09-01", "2024-09-30")],
         None, False),
        ("Март 2023 –апрель2025", [("2023-03-01", "2025-04-30")], None, False),
        ("Апрель 2024 –апрель2025", [("2024-04-01", "2025-04-30")], None, False),
        ("Апрель-Май  2024", [("2024-04-01", "2024-05-31")], None, False),
        ("Май-июнь2025", [("2025-05-01", "2025-06-30")], None, False),
        ("февраль 2024", [("2024-02-01", "2024-02-29")], None, False),  # leap year
        ("Декабрь 2024 - январь 2025", [("2024-12-01", "2025-01-31")], None, False),
    ],
)
def test_every_form_of_the_plan_parses(text, intervals, duration, tentative):
    period = parse_period(text)
    assert [(s.isoformat(), e.isoformat()) for s, e in period.intervals] == intervals
    assert period.duration_days == duration
    assert period.tentative is tentative
    assert period.text == text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Мая 2023", "неизвестный месяц «мая»"),
        ("Март", "не указан год"),
        ("Май 2024-март 2024", "конец интервала раньше начала"),
        ("Сентябрь 2024, март 2024", "не по порядку"),
        ("Март-май 2024, апрель 2024", "не по порядку"),
        ("", "нет ни одного месяца"),
        ("Март 2024 (срочно)", "непонятное примечание"),
        ("Июнь 2023 (40 дней)", "не помещается"),
        ("I квартал 2024", "непонятная часть"),
        ("2024", "непонятная часть"),
        ("Март 24", "непонятная часть"),
        ("Март 2024 (3 дня) (5 дней)", "непонятное примечание"),
    ],
)
def test_anything_else_is_refused_quoting_the_text(text, reason):
    with pytest.raises(PeriodError) as info:
        parse_period(text)
    message = str(info.value)
    assert f"«{text}»" in message
    assert reason in message


def test_refusal_is_translated():
    from mics_budget import i18n

    i18n.set_lang("en")
    with pytest.raises(PeriodError, match="unknown month 'мая'"):
        parse_period("Мая 2023")


@st.composite
def period_texts(draw):
    """Random valid periods: 1-3 sorted, non-overlapping month ranges, mixed spelling."""
    count = draw(st.integers(1, 3))
    months = sorted(draw(st.lists(st.integers(0, 12 * 30 - 1), min_size=2 * count,
                                  max_size=2 * count, unique=True)))
    parts = []
    for a, b in zip(months[0::2], months[1::2], strict=True):
        start = (2000 + a // 12, a % 12 + 1)
        end = (2000 + b // 12, b % 12 + 1)
        name1 = NAMES[start[1] - 1]
        name2 = NAMES[end[1] - 1]
        if draw(st.booleans()):
            name1 = name1.capitalize()
        dash = draw(st.sampled_from(["-", " - ", "–", " –", "—"]))
        space = draw(st.sampled_from([" ", "", "  "]))
        if draw(st.booleans()) and a != b:
            parts.append(f"{name1} {start[0]}{dash}{name2}{space}{end[0]}")
        else:
            parts.append(f"{name1} {start[0]}")
    note = draw(st.sampled_from(["", " (уточняется)", " (3 дня)", "\n(10 дней)"]))
    return ", ".join(parts) + note


@given(period_texts())
def test_intervals_are_sorted_disjoint_and_month_aligned(text):
    period = parse_period(text)
    previous_end = None
    for start, end in period.intervals:
        assert start.day == 1
        assert end.day == calendar.monthrange(end.year, end.month)[1]
        assert start <= end
        if previous_end is not None:
            assert start > previous_end
            assert start >= previous_end + timedelta(days=1)
        previous_end = end
    assert period.start == period.intervals[0][0]
    assert isinstance(period.end, date)


@pytest.mark.slow
@given(st.text(max_size=40))
def test_random_text_parses_or_raises_a_period_error(text):
    try:
        period = parse_period(text)
    except PeriodError as exc:
        assert text in str(exc)
    else:
        assert period.intervals
