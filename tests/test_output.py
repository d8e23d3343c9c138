"""Output for people and machines: CSV for Excel never carries a live formula."""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pytest

from mics_budget.cli.cli import main
from mics_budget.cli.output import excel_safe, text_table, to_csv
from tests.conftest import EVENTS, write_files


def test_excel_safe_neutralises_formulas_and_keeps_numbers():
    frame = pd.DataFrame({"text": ["=1+2", "+1+2", "-1+2", "@SUM(A1)", "\tx", "\rx", "-100",
                                   "+7,5", "ok", "a=b"],
                          "amount": [-1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, -10.0]})
    out = excel_safe(frame)
    assert out["text"].tolist() == ["'=1+2", "'+1+2", "'-1+2", "'@SUM(A1)", "'\tx", "'\rx",
                                    "-100", "+7,5", "ok", "a=b"]
    assert out["amount"].tolist() == frame["amount"].tolist()
    rows = list(csv.reader(io.StringIO(to_csv(frame))))
    assert rows[1] == ["'=1+2", "-1.5"]


@pytest.mark.slow  # over half a second: the fast loop stays under a minute
def test_cli_csv_and_validation_csv_are_safe(capsys, money_dir, tmp_path):
    write_files(money_dir, {"procurement/events.csv": EVENTS.replace(
                                "ТОО А", "=cmd|' /C calc'!A0"),
                            "budget/payments.csv": "id,date,activity,source,amount\n"
                            "=1+2,2023-06-10,8.1,RB,@5\n"})
    assert main(["procurement", "status", "--as-of", "2023-12-31", "--format", "csv",
                 "--data", str(money_dir)]) == 0
    out = capsys.readouterr().out
    assert "'=cmd" in out and ",=cmd" not in out
    out_file = tmp_path / "validation.csv"
    main(["validate", "--data", str(money_dir), "--out", str(out_file)])
    rows = list(csv.reader(io.StringIO(out_file.read_text(encoding="utf-8-sig"))))
    values = [row[5] for row in rows[1:]]
    assert "'@5" in values and "@5" not in values


def test_a_text_table_fits_the_terminal_by_shortening_long_texts_only():
    frame = pd.DataFrame({"lot": ["LOT-2023-001", "LOT-2023-002"],
                          "title": ["Канцелярские товары для обучения интервьюеров " * 2,
                                    "Планшеты"],
                          "date": [date(2025, 6, 30), date(2025, 7, 1)],
                          "estimate": [1234567.5, 2.0]})
    wide = text_table(frame, ["Лот", "Название", "Дата", "Смета"], width=None)
    assert "Канцелярские товары для обучения интервьюеров Канцелярские" in wide
    assert "30.06.2025" in wide  # dates as the language writes them
    narrow = text_table(frame, ["Лот", "Название", "Дата", "Смета"], width=60)
    lines = narrow.splitlines()
    assert max(len(line) for line in lines) <= 60
    assert "LOT-2023-001" in narrow and "30.06.2025" in narrow and "1234567.5" in narrow
    assert "Канцелярские товары дл…" in narrow  # cut, with an ellipsis
    # a table of numbers that cannot fit is left whole rather than cut
    numbers = pd.DataFrame({f"n{i}": [10**12] for i in range(8)})
    assert "1000000000000" in text_table(numbers, [f"n{i}" for i in range(8)], width=40)


def test_missing_values_and_days_are_cells_like_any_other():
    """A day column with a missing day (a lot with no event yet) prints as an empty cell, the
    others as the language writes a date."""
    frame = pd.DataFrame({"lot": ["A", "B", "C"],
                          "since": pd.to_datetime(["2024-03-05", None, "2024-03-06"]),
                          "note": ["x", pd.NA, None]})
    lines = text_table(frame, headers=["lot", "since", "note"], width=None).splitlines()
    assert [line.split() for line in lines[2:]] == [["A", "05.03.2024", "x"], ["B"],
                                                   ["C", "06.03.2024"]]
