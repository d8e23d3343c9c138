"""Problems as people read them: dates written as the language writes them."""

from __future__ import annotations

from mics_budget import i18n
from mics_budget.core.checks import ERROR, WARNING, Problem


def test_days_in_messages_are_written_as_the_language_writes_them():
    stale = Problem(WARNING, "budget/payments.csv", 7, "date", "2024-03-09",
                    "problem.stale_rate", {"rate_date": "2024-03-08"})
    assert stale.message == "на 09.03.2024 курса нет, применён курс на 08.03.2024"
    assert stale.as_json()["value"] == "2024-03-09"  # machines keep ISO
    with i18n.using("en"):
        assert stale.message == "no rate on 2024-03-09: the rate of 2024-03-08 was used"
    with i18n.using("kk"):
        assert stale.message.startswith("09.03.2024 күні бағам жоқ")


def test_a_value_that_is_not_a_day_stays_as_typed():
    bad = Problem(ERROR, "budget/payments.csv", 3, "date", "2024-02-30", "problem.bad_date")
    assert bad.message == "неверная дата «2024-02-30»"
    other = Problem(ERROR, "budget/payments.csv", 3, "document", "2024-01-05",
                    "problem.bad_number")
    assert other.message == "не число: «2024-01-05»"  # not a date column: left alone


def test_a_column_is_named_as_the_file_writes_it(money_dir):
    from mics_budget import load

    payments = money_dir / "budget" / "payments.csv"
    lines = payments.read_text(encoding="utf-8").splitlines()
    header = lines[0].replace("date", "Дата").replace("amount", "Сумма")
    payments.write_text("\n".join([header, *lines[1:], "P9,31.02.2023,8.1,RB,161,5,KZT,,,,,"])
                        + "\n", encoding="utf-8")
    problem = next(p for p in load(money_dir).problems if p.key == "problem.bad_date")
    assert problem.column == "date" and problem.column_in_file == "Дата"
    assert problem.line() == "budget/payments.csv:6: Дата: неверная дата «31.02.2023»"
    assert problem.as_json()["column_in_file"] == "Дата"


def test_the_register_read_again_after_a_save_names_columns_as_its_files_do(money_dir):
    """The register app reads ``procurement/`` again after each save (``with_register``):
    its problems name columns as the files write them, as after a whole load."""
    from mics_budget import load

    lots = money_dir / "procurement" / "lots.csv"
    lines = lots.read_text(encoding="utf-8").splitlines()
    header = lines[0].replace("estimate", "Сметная стоимость")
    bad = lines[1].split(",")
    bad[0], bad[4] = "LOT-BAD", "много"
    lots.write_text("\n".join([header, *lines[1:], ",".join(bad)]) + "\n", encoding="utf-8")
    project = load(money_dir)

    def estimate_problems(problems):
        return [(p.row, p.column_in_file) for p in problems
                if p.file == "procurement/lots.csv" and p.column == "estimate"]

    assert estimate_problems(project.problems) == [(len(lines) + 1, "Сметная стоимость")]
    assert estimate_problems(project.with_register().problems) == \
        estimate_problems(project.problems)
