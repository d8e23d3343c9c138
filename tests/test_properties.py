"""Property-based tests of the ledger's identities, and a fuzz run of the loaders."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mics_budget import load
from mics_budget.config import DEFAULT_DATA_DIR
from mics_budget.texts import LABELS
from tests.conftest import MONEY_FILES

RB = ["2.1", "7.1", "7.2", "7.3", "8.1", "8.2", "8.3", "8.4", "9.2", "11.1", "11.2", "12.1",
      "13.1"]
SPECIFICS = ["143", "149", "161", ""]
AS_OF = date(2024, 12, 31)


def data_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh data folder with the plan, in pytest's temporary folder (which pytest prunes
    itself, also after a failing example): hypothesis runs many examples per test, so the
    function-scoped ``tmp_path`` cannot be used."""
    root = tmp_path_factory.mktemp("prop") / "data"
    (root / "plan").mkdir(parents=True)
    for name in ("activities.csv", "units.csv"):
        shutil.copy(DEFAULT_DATA_DIR / "plan" / name, root / "plan" / name)
    return root


def csv_text(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header, *rows])
    return buf.getvalue()


budget_lines = st.lists(st.tuples(st.sampled_from(RB), st.sampled_from(SPECIFICS),
                                  st.sampled_from([2023, 2024]),
                                  st.integers(0, 10**11), st.booleans()),
                        min_size=1, max_size=8)
payments = st.lists(st.tuples(st.sampled_from(RB), st.sampled_from(SPECIFICS),
                              st.integers(0, 700), st.integers(-10**9, 10**10)),
                    min_size=0, max_size=25)


def write(root: Path, lines, pays, xlsx: bool = False) -> None:
    budget = []
    for activity, specifics, year, minor, adjusted in lines:
        amount = f"{minor // 100}.{minor % 100:02d}"
        budget.append([year, activity, "RB", specifics, "approved", amount, "KZT",
                       f"{year}-01-10", "", ""])
        if adjusted:
            budget.append([year, activity, "RB", specifics, "adjusted", amount, "KZT",
                           f"{year}-06-10", "", ""])
    rows = []
    for i, (activity, specifics, day, minor) in enumerate(pays):
        sign = "-" if minor < 0 else ""
        amount = f"{sign}{abs(minor) // 100}.{abs(minor) % 100:02d}"
        when = (date(2023, 1, 1) + timedelta(days=day)).isoformat()
        refund = "R0" if minor < 0 else ""
        rows.append([f"P{i}", when, activity, "RB", specifics, amount, "KZT", "", "", "",
                     refund, ""])
    rows.append(["R0", "2023-01-02", "8.1", "RB", "161", "1.00", "KZT", "", "", "", "", ""])
    files = {
        "budget/budget.csv": csv_text(["year", "activity", "source", "specifics", "phase",
                                       "amount", "currency", "date", "document", "note"],
                                      budget),
        "budget/payments.csv": csv_text(["id", "date", "activity", "source", "specifics",
                                         "amount", "currency", "payee", "document",
                                         "contract", "refund_of", "note"], rows),
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{path.stem}.*"):
            old.unlink()
        if xlsx:
            workbook = openpyxl.Workbook()
            for row in csv.reader(io.StringIO(text)):
                workbook.active.append(row)
            workbook.save(path.with_suffix(".xlsx"))
        else:
            path.write_text(text, encoding="utf-8")


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budget_lines, payments, st.sampled_from([[], ["activity"], ["specifics", "month"],
                                                ["section", "year"], ["unit"]]))
def test_identities_hold_for_any_data(tmp_path_factory, lines, pays, by):
    root = data_folder(tmp_path_factory)
    write(root, lines, pays)
    project = load(root)
    # random payments fall in years without a budget line: an error, but they still count
    assert [p for p in project.problems
            if p.severity == "error" and p.key != "problem.no_budget_line"] == []
    table = project.spending_minor(AS_OF, by)
    assert (table["plan"] == table["paid"] + table["remaining"]).all()
    assert (table["plan"] == table["committed"] + table["uncommitted"]).all()
    total = project.spending_minor(AS_OF).set_index("source")
    for column in ("plan", "paid", "committed", "proposed"):
        assert table.groupby("source")[column].sum().to_dict() == total[column].to_dict()
    paid = sum(minor for *_, minor in pays) + 100
    assert int(total["paid"].sum()) == paid  # every payment, refunds netted, exactly


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(budget_lines, payments)
def test_csv_and_xlsx_of_the_same_frame_give_the_same_summary(tmp_path_factory, lines, pays):
    root = data_folder(tmp_path_factory)
    write(root, lines, pays)
    from_csv = load(root).spending(AS_OF, ["activity", "month"])
    write(root, lines, pays, xlsx=True)
    from_xlsx = load(root).spending(AS_OF, ["activity", "month"])
    pd.testing.assert_frame_equal(from_csv, from_xlsx)


TARGETS = ["budget/payments.csv", "budget/budget.csv", "procurement/events.csv",
           "budget/fx_rates.csv", "budget/payments.xlsx", "plan/progress.csv"]


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TARGETS), st.one_of(
    st.binary(max_size=600),
    st.text(max_size=400).map(lambda s: s.encode("utf-8")),
    st.lists(st.text(alphabet=st.sampled_from(list("P1,;\t\n\"-.2023 RB8.1₸ЮНИСЕФ")),
                     max_size=30), max_size=8).map(
        lambda rows: ("id,date,activity,source,amount\n" + "\n".join(rows)).encode())))
def test_loaders_on_random_bytes_only_ever_report_problems(tmp_path_factory, target, data):
    root = data_folder(tmp_path_factory)
    for name, text in MONEY_FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    path = root / target
    for old in path.parent.glob(f"{path.stem}.*"):
        old.unlink()
    path.write_bytes(data)
    project = load(root)  # must not raise
    for problem in project.problems:
        assert problem.key in LABELS
        assert problem.message
