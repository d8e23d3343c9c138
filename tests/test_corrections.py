"""Corrections without erasure: event ids, voids, amended lots, the history of a lot."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from mics_budget import load
from mics_budget.cli.cli import main
from mics_budget.config import DataDir
from mics_budget.procurement.corrections import history
from mics_budget.procurement.recording import (
    RecordError,
    amend_lot,
    record_event,
    status_code,
    upgrade_register,
    void_event,
)
from mics_budget.procurement.status import register
from tests.conftest import EVENTS, LOTS, write_files

TODAY = date(2024, 1, 31)
HEADER = ("lot,date,status,amount,bids,supplier,supplier_bin,document,note,recorded_by,"
          "recorded_at,event_id,voids\n")


@pytest.fixture
def new_style(money_dir):
    """The inline register with the event_id and voids columns (a register made today)."""
    rows = "".join(line + ",,\n" for line in EVENTS.splitlines()[1:])
    write_files(money_dir, {"procurement/events.csv": HEADER + rows})
    return DataDir(money_dir)


def test_rows_without_an_id_are_named_after_their_row(money_project):
    events = money_project.events
    assert events["event_id"].tolist() == ["row-2", "row-3", "row-4", "row-5", "row-6"]


@pytest.mark.slow
def test_a_recorded_event_gets_an_id_and_a_void_restores_the_previous_stage(new_style,
                                                                         capsys):
    values = record_event(new_style, "L1", "delivered", date(2023, 8, 1), by="Иванова",
                          today=TODAY)
    assert values["event_id"] == "L1-6"
    assert _stage(new_style) == "delivered"
    void_event(new_style, "L1-6", "не тот лот", by="Петров", today=TODAY)
    assert _stage(new_style) == "contracted"  # back where it was
    project = load(new_style.root)
    assert project.problems == []
    rows = history(project.events, "L1")
    last = rows.iloc[-1]
    assert (last["event_id"], last["status"], bool(last["voided"]), last["voided_by"],
            last["void_reason"]) == ("L1-6", "delivered", True, "Петров", "не тот лот")
    assert len(rows) == 6  # the void row shows through its target, nothing is erased
    raw = (new_style.procurement / "events.csv").read_text()
    assert "L1,2023-08-01,delivered" in raw and ",void," in raw
    # the CLI shows the same history, as JSON too
    assert main(["procurement", "history", "L1", "--format", "json", "--data",
                 str(new_style.root)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown[-1]["voided"] is True and shown[-1]["void_reason"] == "не тот лот"
    assert {"event_id", "date", "status", "amount", "bids", "supplier", "document", "note",
            "recorded_by", "recorded_at", "voided", "voided_by", "void_reason"} <= set(shown[0])


def _stage(data: DataDir) -> str:
    return register(load(data.root), TODAY).set_index("lot").loc["L1", "stage"]


@pytest.mark.parametrize(("event_id", "message"), [
    ("L1-404", "не найдена"),
    ("row-5", "сначала аннулируйте: row-6 (изменение договора)"),  # contracted, then amended
])
def test_voids_that_are_refused(new_style, event_id, message):
    before = (new_style.procurement / "events.csv").read_bytes()
    with pytest.raises(RecordError, match=re.escape(message)):
        void_event(new_style, event_id, "ошибка", today=TODAY)
    assert (new_style.procurement / "events.csv").read_bytes() == before


@pytest.mark.slow
def test_a_void_cannot_be_voided_nor_voided_twice_and_needs_a_reason(new_style):
    void_event(new_style, "row-6", "сумма не та", today=TODAY)
    void_id = load(new_style.root).events["event_id"].iloc[-1]
    with pytest.raises(RecordError, match="само аннулирование"):
        void_event(new_style, void_id, "x", today=TODAY)
    with pytest.raises(RecordError, match="уже аннулирована"):
        void_event(new_style, "row-6", "x", today=TODAY)
    with pytest.raises(RecordError, match="причину"):
        void_event(new_style, "row-5", " ", today=TODAY)


@pytest.mark.slow
def test_a_voided_event_leaves_the_figures_the_flags_and_the_ocds_export(new_style):
    from mics_budget.procurement.ocds import release_package

    before = load(new_style.root).spending(TODAY).set_index("source").loc["RB", "committed"]
    void_event(new_style, "row-6", "доп. соглашение не подписано", today=TODAY)
    project = load(new_style.root)
    after = project.spending(TODAY).set_index("source").loc["RB", "committed"]
    assert before - after == 500_000  # the amendment (9 000 000 -> 9 500 000) is gone
    releases = release_package(project, TODAY)["releases"]
    assert all(r["contracts"][0]["value"]["amount"] == 9_000_000 for r in releases
               if "contracts" in r)


@pytest.mark.slow
def test_an_old_register_records_and_voids_after_an_upgrade(money_dir):
    data = DataDir(money_dir)
    values = record_event(data, "L1", "delivered", date(2023, 8, 1), today=TODAY)
    assert values["event_id"] == "row-7"  # no event_id column: named after its row
    with pytest.raises(RecordError, match="procurement upgrade"):
        void_event(data, "row-7", "ошибка", today=TODAY)
    before = load(money_dir).events[["event_id", "status", "date"]]
    assert upgrade_register(data) == [
        ("procurement/lots.csv", ["recorded_by", "recorded_at", "portal_number", "portal_lot",
                                  "portal_contract"]),  # the contract link (issue 21)
        ("procurement/events.csv", ["event_id", "voids", "portal_id"])]
    after = load(money_dir)
    assert after.problems == []
    assert after.events[["event_id", "status", "date"]].equals(before)  # nothing moved
    void_event(data, "row-7", "ошибка", today=TODAY)
    assert upgrade_register(data) == []
    assert _stage(data) == "contracted"


def test_a_later_row_amends_a_lot_and_keeps_its_history(money_dir):
    data = DataDir(money_dir)
    with pytest.raises(RecordError, match="procurement upgrade"):  # who and when: columns
        amend_lot(data, "L1", estimate="9 900 000", by="Админ")
    upgrade_register(data)
    amend_lot(data, "L1", estimate="9 900 000", needed_by=date(2023, 7, 30), by="Админ")
    project = load(money_dir)
    assert project.problems == []
    lot = register(project, TODAY).set_index("lot").loc["L1"]
    assert (lot["estimate"], lot["needed_by"].date()) == (9_900_000, date(2023, 7, 30))
    rows = project.lots.loc[project.lots["lot"] == "L1"]
    assert rows["superseded"].tolist() == [True, False]
    assert rows["recorded_by"].iloc[-1] == "Админ"
    # a correction fixes the record: it holds on every as-of date, also before it was made
    # (docs/definitions.md); the earlier row stays as its history
    earlier = register(project, date(2023, 5, 1)).set_index("lot").loc["L1"]
    assert earlier["estimate"] == 9_900_000


def test_a_lot_cannot_change_its_activity_or_method(money_dir):
    write_files(money_dir, {"procurement/lots.csv": LOTS
                            + "L1,7.2,Форма,open_tender,9800000,KZT,143,,,434-V\n"})
    project = load(money_dir)
    assert [(p.row, p.key) for p in project.problems] == [(3, "problem.lot_identity_changed")]
    assert register(project, TODAY).set_index("lot").loc["L1", "activity"] == "7.1"


@pytest.mark.parametrize(("text", "code"), [
    ("delivered", "delivered"), ("Поставлено", "delivered"), ("ДОГОВОР ЗАКЛЮЧЁН", "contracted"),
    ("договор заключен", "contracted"), ("жеткізілді", "delivered"), ("signed", None)])
def test_steps_are_named_by_code_or_as_the_register_shows_them(text, code):
    assert status_code(text) == code


def test_the_cli_records_a_step_by_its_russian_name(money_dir, capsys):
    assert main(["procurement", "record", "L1", "поставлено", "--date", "01.08.2023",
                 "--data", str(money_dir)]) == 0
    err = capsys.readouterr().err
    assert err.startswith("записано: лот L1, «поставлено», 01.08.2023 (row-7)"), err
    assert "delivered" not in err  # no English codes in a Russian message


@pytest.mark.slow
def test_a_hand_written_void_of_an_earlier_entry_is_refused_at_load(money_dir):
    """``procurement void`` refuses to void an entry with later steps; a void row written by
    hand into the file gets the same rule at load: an error naming the later steps, and the
    void changes nothing. Voiding the latest first, then the earlier one, is fine."""
    upgrade_register(DataDir(money_dir))
    events = money_dir / "procurement" / "events.csv"
    text = events.read_text(encoding="utf-8")
    header = text.splitlines()[0].split(",")
    project = load(money_dir)
    steps = project.events.loc[project.events["lot"] == "L1"].sort_values(["date", "_row"])
    first, last = steps["event_id"].iloc[0], steps["event_id"].iloc[-1]
    assert len(steps) >= 2

    def void(target: str) -> str:
        row = dict.fromkeys(header, "")
        row.update(lot="L1", date="2023-12-01", status="void", voids=target, note="ошибка")
        return ",".join(row[c] for c in header) + "\n"

    events.write_text(text + void(first), encoding="utf-8")
    refused = load(money_dir)
    problems = [p for p in refused.problems if p.key == "problem.void_not_latest"]
    assert len(problems) == 1 and problems[0].column == "voids"
    assert last in problems[0].message and "аннулирование не применено" in problems[0].message
    assert not refused.events.loc[refused.events["event_id"] == first, "voided"].iloc[0]
    assert _stage(DataDir(money_dir)) == _stage_of(project)
    events.write_text(text + void(last) + "".join(
        void(e) for e in reversed(steps["event_id"].iloc[:-1].tolist())), encoding="utf-8")
    ordered = load(money_dir)
    assert not [p for p in ordered.problems if p.key == "problem.void_not_latest"]
    assert ordered.events.loc[ordered.events["lot"] == "L1", "voided"].sum() == len(steps)


def _stage_of(project) -> str:
    return register(project, TODAY).set_index("lot").loc["L1", "stage"]
