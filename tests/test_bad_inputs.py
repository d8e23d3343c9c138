"""The catalogue of bad inputs (tests/bad_inputs/cases.yaml): each case gives exactly its
expected problem, never a traceback, and every valid row of the same file is still counted."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
import yaml

from mics_budget import load
from tests.conftest import PAYMENTS

HERE = Path(__file__).parent / "bad_inputs"
CASES = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))["cases"]
BAD_ROW = "X1,2023-06-10,99.1,RB,,100,KZT,,,,,"


def _workbook(rows: list[list], path: Path, merge: str | None = None) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Платежи"
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    workbook.save(path)


def _rows(text: str) -> list[list]:
    return [list(r) for r in csv.reader(io.StringIO(text))]


def build(name: str, target: Path) -> int | None:
    """Write a generated case; return its bad row when it is only known here."""
    rows = _rows(PAYMENTS)
    if name == "xlsx_extra_header_rows":
        _workbook([["Реестр платежей MICS"], ["выгрузка 01.01.2024"], *rows,
                   BAD_ROW.split(",")], target)
    elif name == "xlsx_merged_cells":
        # X0 and X1 share one merged activity cell: only X0 (the top cell) keeps "8.1"
        _workbook([*rows, ["X0", "2023-06-10", "8.1", "RB", "", 100, "KZT"],
                   ["X1", "2023-06-10", None, "RB", "", 100, "KZT"]], target, merge="C6:C7")
    elif name == "xlsx_formula_without_value":
        _workbook([*rows, ["X1", "2023-06-10", "8.1", "RB", "", "=F5*2", "KZT"]], target)
    elif name == "field_over_the_csv_limit":
        note = "примечание " * (20 * 2**20 // 20)
        target.write_text(PAYMENTS + f'X0,2023-06-10,8.1,RB,161,5,KZT,,,,,"{note}"\n'
                          + BAD_ROW + "\n", encoding="utf-8")
        return 7
    elif name == "a_million_columns":
        target.write_text(",".join(f"c{i}" for i in range(10**6)) + "\n1,2\n")
    elif name == "link_out_of_the_data_folder":
        secret = target.parents[2] / "secret.csv"
        secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
        target.symlink_to(secret)
    elif name == "csv_and_xlsx_both_present":
        target.write_text(PAYMENTS, encoding="utf-8")
        _workbook(_rows(PAYMENTS), target.with_suffix(".xlsx"))
    elif name == "csv_50_mb":
        header, *valid = PAYMENTS.splitlines()
        line = "B{n},2023-06-10,8.1,RB,161,1234.56,KZT,Получатель платежа MICS,ПП-1,,,\n"
        with target.open("w", encoding="utf-8") as fh:
            fh.write(header + "\n" + "\n".join(valid) + "\n")
            size, count = fh.tell(), len(valid)
            while size < 50 * 2**20:
                chunk = "".join(line.format(n=count + i) for i in range(10_000))
                fh.write(chunk)
                size += len(chunk.encode())
                count += 10_000
            fh.write(BAD_ROW + "\n")
        build.count = count  # type: ignore[attr-defined]
        return count + 2
    else:
        raise KeyError(name)
    return None


# The whole catalogue takes about 20 s (one load of a data folder per case, a 50 MB file among
# them): it runs in `make test`, not in the fast loop, which has the loaders' own tests.
@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c["case"].split(":")[-1] for c in CASES])
def test_each_bad_input_gives_exactly_its_problem(case, money_dir):
    target = money_dir / case["as"]
    for other in target.parent.glob(f"{target.stem}.*"):
        other.unlink()
    row = None
    if case["case"].startswith("generated:"):
        row = build(case["case"].split(":", 1)[1], target)
    else:
        target.write_bytes((HERE / case["case"]).read_bytes())
    project = load(money_dir)  # never raises
    expected = case["expect"] if isinstance(case["expect"], list) else [case["expect"]]
    expected = [dict(e, row=row) if row is not None else dict(e) for e in expected]
    got = [{"file": p.file, "row": p.row, "column": p.column, "severity": p.severity,
            "key": p.key} for p in project.problems]
    assert sorted(got, key=str) == sorted(expected, key=str), case["why"]
    for problem in project.problems:
        assert problem.message and "{" not in problem.message
        assert len(problem.line()) < 600  # an excerpt, never a whole file or cell
        assert "root:x" not in problem.line()
    frames = {"payments": project.payments, "events": project.events, "lots": project.lots,
              "budget": project.budget, "financing_plan": project.financing_plan}
    valid = case["valid"] if case["valid"] is not None else build.count  # type: ignore
    if target.stem == "fx_rates":
        assert len(project.rates) == valid
    else:
        assert int(frames[target.stem]["valid"].sum()) == valid


def test_the_catalogue_is_big_enough_and_named():
    assert len(CASES) >= 70
    files = {c["case"] for c in CASES if not c["case"].startswith("generated:")}
    assert files == {p.name for p in HERE.iterdir() if p.name[:2].isdigit()}
