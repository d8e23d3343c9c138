"""The portal import in one batch (issue 26): the same register as importing the same answers
lot by lot, nothing twice when resumed, a register changed between the import's two looks is
looked at again, and the steps' own checks of many steps equal those of one step at a time.

The answers come from ``benchmarks/portal_answers.py`` (the generator ``make bench`` times at
1,000 and 10,000 lots), here at eight lots.
"""

from __future__ import annotations

import csv
import importlib.util
import io
from datetime import date
from pathlib import Path

import pytest

from mics_budget.config import DataDir
from mics_budget.errors import RecordError
from mics_budget.portal import importer
from mics_budget.portal.importer import import_goszakup
from mics_budget.procurement.recording import event_values, many_event_values, record_event
from tests.conftest import write_files

_spec = importlib.util.spec_from_file_location(
    "portal_answers", Path(__file__).parents[1] / "benchmarks" / "portal_answers.py")
assert _spec and _spec.loader
answers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(answers)

TODAY = date(2025, 6, 30)
COUNT = 8
BUDGET = ("year,activity,source,specifics,phase,amount,currency,date,document,note\n"
          + "".join(f"2024,{a},RB,{s},approved,900000000,KZT,2024-01-10,,\n"
                    for a, s in answers.SPECIFICS.items()))
# what differs between two runs by construction: when the line was written
STAMPED = {"recorded_at"}


def folder(root: Path) -> Path:
    data = root / "data"
    (data / "plan").mkdir(parents=True)
    from mics_budget.config import DEFAULT_DATA_DIR
    for name in ("activities.csv", "units.csv"):
        (data / "plan" / name).write_bytes((DEFAULT_DATA_DIR / "plan" / name).read_bytes())
    write_files(data, {"budget/budget.csv": BUDGET,
                       "procurement/lots.csv": ",".join(answers.LOT_HEADER) + "\n"})
    answers.add_register_lots(data, COUNT)
    return data


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: v for k, v in r.items() if k not in STAMPED}
                for r in csv.DictReader(io.StringIO(fh.read()))]


def _key(row: dict[str, str]) -> tuple[str, str]:
    return row.get("lot", row.get("contract", "")), row.get("event_id", row.get("id", ""))


def run(data: Path, paths: list[Path]):
    return import_goszakup(DataDir(data), paths, customer_bin=answers.CUSTOMER, today=TODAY,
                           by="Импорт")


@pytest.mark.slow
def test_one_batch_equals_lot_by_lot(tmp_path):
    batch, single = folder(tmp_path / "batch"), folder(tmp_path / "single")
    everything = answers.make_answers(tmp_path / "all", COUNT)
    result = run(batch, everything)
    assert not result.problems and not result.conflicts
    assert result.totals()["events"] == 7 * COUNT and result.totals()["payments"] == 10 * COUNT
    for i in range(1, COUNT + 1):
        one = run(single, answers.make_answers(tmp_path / f"lot{i}", 1, first=i))
        assert one.totals()["events"] == 7 and one.totals()["payments"] == 10
    for name in ("procurement/events.csv", "budget/payments.csv"):
        ours, theirs = rows(batch / name), rows(single / name)
        assert sorted(ours, key=_key) == sorted(theirs, key=_key), name
    # the per-lot summary and the JSON agree with the files
    lots = result.lots().set_index("lot")
    assert list(lots.loc[answers.lot_name(3), "stages"]) == [
        r["status"] for r in rows(batch / "procurement/events.csv")
        if r["lot"] == answers.lot_name(3)]
    assert lots["payments"].sum() == 10 * COUNT
    shown = result.as_json()["lots"]
    assert sum(len(lot["events"]) for lot in shown) == 7 * COUNT


@pytest.mark.slow
def test_resumed_after_half_nothing_twice(tmp_path):
    data = folder(tmp_path)
    run(data, answers.make_answers(tmp_path / "half", COUNT // 2))
    second = run(data, answers.make_answers(tmp_path / "all", COUNT))
    assert second.totals()["events"] == 7 * (COUNT - COUNT // 2)
    assert second.totals()["already"] == 17 * (COUNT // 2)
    events = rows(data / "procurement/events.csv")
    assert len(events) == 7 * COUNT
    assert len({r["portal_id"] for r in events}) == 7 * COUNT
    assert len({r["event_id"] for r in events}) == 7 * COUNT


@pytest.mark.slow
def test_a_register_changed_between_the_two_looks_is_looked_at_again(tmp_path, monkeypatch):
    data = folder(tmp_path)
    paths = answers.make_answers(tmp_path / "all", 2)
    lot = answers.lot_name(1)
    real = importer._Import.run
    calls = []

    def run_then_someone_records(self):
        result = real(self)
        if not calls:  # between the look without locks and the one under them
            record_event(DataDir(data), lot, "announced", date(2024, 1, 17), by="ДАР",
                         today=TODAY)
        calls.append(result)
        return result

    monkeypatch.setattr(importer._Import, "run", run_then_someone_records)
    result = run(data, paths)
    assert len(calls) == 2  # the register changed: computed again under the locks
    assert any(c.params.get("lot") == lot for c in result.conflicts)
    events = rows(data / "procurement/events.csv")
    assert not [r for r in events if r["lot"] == lot and r["portal_id"]]
    calls.clear()
    monkeypatch.setattr(importer._Import, "run", lambda self: calls.append(1) or real(self))
    run(data, paths)  # nothing changed meanwhile: computed once
    assert len(calls) == 1


@pytest.mark.parametrize("steps", [[
    {"lot": "L", "status": "announced", "date": date(2024, 1, 2)},
    {"lot": "L", "status": "contracted", "date": date(2024, 1, 3), "amount": "1 000,50",
     "bids": "2", "supplier_bin": "990140000001", "supplier": "  ТОО  «Пример» "},
    {"lot": "L", "status": "contracted", "date": date(2024, 1, 3)},  # amount required
    {"lot": "L", "status": "nonsense", "date": date(2024, 1, 3)},
    {"lot": "L", "status": "announced", "date": date(2031, 1, 3)},  # in the future
    {"lot": "L", "status": "announced", "date": date(2024, 1, 3), "amount": "abc"},
    {"lot": "L", "status": "announced", "date": date(2024, 1, 3), "bids": "-1"},
    {"lot": "L", "status": "announced", "date": date(2024, 1, 3), "amount": "9" * 30},
    {"lot": "L", "status": "announced", "date": date(2024, 1, 3), "supplier_bin": "12"},
    {"lot": "L", "status": "announced", "date": date(2024, 1, 3), "note": "a\x07b"},
    {"lot": "L", "status": "поставлено", "date": date(2024, 1, 3)},
]])
def test_many_steps_are_checked_as_one_step_at_a_time(steps):
    many = many_event_values(steps, by="ДАР", today=TODAY)
    for step, got in zip(steps, many, strict=True):
        try:
            one: dict | RecordError = event_values(
                step["lot"], step["status"], step["date"], step.get("amount"),
                step.get("bids"), step.get("supplier", ""), step.get("supplier_bin", ""),
                step.get("document", ""), step.get("note", ""), "ДАР", TODAY)
        except RecordError as exc:
            one = exc
        if isinstance(one, RecordError):
            assert isinstance(got, RecordError), step
            assert (got.key, got.field, str(got)) == (one.key, one.field, str(one))
        else:
            assert isinstance(got, dict), step
            assert {k: v for k, v in got.items() if k != "recorded_at"} == {
                k: v for k, v in one.items() if k != "recorded_at"}
    assert sum(isinstance(v, RecordError) for v in many) == 8
