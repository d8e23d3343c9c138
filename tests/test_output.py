"""Output for people and machines: CSV for Excel never carries a live formula."""

from __future__ import annotations

import csv
import io

import pandas as pd

from mics_budget.cli import main
from mics_budget.output import excel_safe, to_csv
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
