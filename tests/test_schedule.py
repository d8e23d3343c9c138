from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mics_budget import load


def write_progress(data_dir: Path, text: str) -> None:
    (data_dir / "plan" / "progress.csv").write_text(text, encoding="utf-8")


def status_of(data_dir: Path, code: str, as_of: date) -> tuple[str, int]:
    table = load(data_dir).status(as_of).set_index("id")
    return table.loc[code, "status"], int(table.loc[code, "days_overdue"])


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2023, 1, 31), ("planned", 0)),          # 2.1 runs Feb-May 2023
        (date(2023, 2, 1), ("in_progress", 0)),       # first day of the interval
        (date(2023, 5, 31), ("in_progress", 0)),      # last day
        (date(2023, 6, 1), ("overdue", 1)),           # the day after
        (date(2023, 12, 31), ("overdue", 214)),
    ],
)
def test_edges_of_a_single_interval(data_dir, as_of, expected):
    assert status_of(data_dir, "2.1", as_of) == expected


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2024, 2, 29), ("planned", 0)),     # 10.1: Mar-Apr 2024, Sep-Nov 2024
        (date(2024, 3, 1), ("in_progress", 0)),
        (date(2024, 4, 30), ("in_progress", 0)),
        (date(2024, 5, 1), ("paused", 0)),
        (date(2024, 8, 31), ("paused", 0)),
        (date(2024, 9, 1), ("in_progress", 0)),
        (date(2024, 11, 30), ("in_progress", 0)),
        (date(2024, 12, 1), ("overdue", 1)),
    ],
)
def test_two_intervals_pause_between_them(data_dir, as_of, expected):
    assert status_of(data_dir, "10.1", as_of) == expected


def test_a_completion_counts_from_its_date_on(data_dir):
    write_progress(data_dir, "activity,completed_on,evidence,note\n"
                             "2.1,2023-06-10,Письмо № 1,\n")
    assert status_of(data_dir, "2.1", date(2023, 6, 9)) == ("overdue", 9)
    assert status_of(data_dir, "2.1", date(2023, 6, 10)) == ("done", 0)  # on the as-of date
    assert status_of(data_dir, "2.1", date(2024, 1, 1)) == ("done", 0)


def test_an_early_completion_is_done_even_before_the_period(data_dir):
    write_progress(data_dir, "activity,completed_on\n15.2,2024-01-15\n")
    assert status_of(data_dir, "15.2", date(2024, 1, 20)) == ("done", 0)


def test_progress_in_russian_headers_cp1251_and_dotted_dates(data_dir):
    text = "Мероприятие;Дата выполнения;Подтверждение;Примечание\n2.1;05.06.2023;Приказ;\n"
    (data_dir / "plan" / "progress.csv").write_bytes(text.encode("cp1251"))
    assert status_of(data_dir, "2.1", date(2023, 6, 5)) == ("done", 0)


def test_bad_progress_rows_are_problems_and_good_rows_still_count(data_dir):
    write_progress(data_dir, "activity,completed_on\n99.9,2023-06-10\n2.2,31.02.2023\n"
                             "2.1,2023-06-10\n2.1,2023-07-01\n")
    project = load(data_dir)
    problems = [(p.severity, p.row, p.column, p.value) for p in project.problems]
    assert problems == [
        ("error", 2, "activity", "99.9"),
        ("error", 3, "completed_on", "31.02.2023"),
        ("warning", 5, "activity", "2.1"),
    ]
    assert "неизвестное мероприятие «99.9»" in project.problems[0].message
    table = project.status(date(2023, 6, 30)).set_index("id")
    assert table.loc["2.1", "status"] == "done"
    assert table.loc["2.1", "completed_on"] == date(2023, 6, 10)
    assert table.loc["2.2", "status"] == "overdue"


def test_every_status_is_reachable_and_known(data_dir):
    from mics_budget.ledger.schedule import STATUSES

    write_progress(data_dir, "activity,completed_on\n1.1,2023-02-20\n")
    table = load(data_dir).status(date(2024, 6, 15))
    assert set(table["status"]) == set(STATUSES)
    assert (table.loc[table["status"] != "overdue", "days_overdue"] == 0).all()
    assert (table.loc[table["status"] == "overdue", "days_overdue"] > 0).all()
