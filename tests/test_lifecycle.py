from __future__ import annotations

from datetime import date

import pytest

from mics_budget import load
from mics_budget.lifecycle import OCDS, STATUSES, STEPS, TERMINAL, TRANSITIONS, allowed
from mics_budget.procurement import lot_states
from tests.conftest import LOTS, write_files

HEADER = "lot,date,status,amount,bids,supplier,supplier_bin,document,note,recorded_by," \
         "recorded_at\n"


def test_the_table_uses_known_statuses_and_terminal_stages_lead_nowhere():
    for frm, to, _ in TRANSITIONS:
        assert frm in ("", *STATUSES) and to in STATUSES
    for stage in TERMINAL:
        assert allowed(stage, "open_tender") == []
    assert set(OCDS) == set(STATUSES)


def test_forward_only_with_a_repeated_tender_and_direct_methods():
    assert allowed("unsuccessful", "auction") == ["announced", "cancelled"]
    assert "announced" not in allowed("evaluation", "auction")
    assert "awarded" not in allowed("", "open_tender")
    assert allowed("", "single_source")[-2:] == ["awarded", "contracted"]
    assert "amended" in allowed("contracted", "auction") and "amended" in allowed(
        "delivered", "auction")
    assert "amended" not in allowed("paid", "auction")
    assert {"amended"} == STEPS


def test_ocds_codes_follow_the_domain():
    assert OCDS["planned"][0] == "planned"
    assert OCDS["unsuccessful"][0] == "unsuccessful"
    assert OCDS["awarded"][:2] == ("complete", "active")
    assert OCDS["closed"][2] == "terminated" and OCDS["terminated"][2] == "terminated"


def events(*rows: str) -> str:
    return HEADER + "".join(f"{r}\n" for r in rows)


def test_replay_gives_the_state_on_any_date(money_dir):
    project = load(money_dir)
    states = lot_states(project.lots, project.events, date(2023, 6, 10))
    assert states.loc["L1", "stage"] == "awarded"
    assert states.loc["L1", "stage_since"].date() == date(2023, 6, 8)
    late = lot_states(project.lots, project.events, date(2023, 12, 31))
    assert late.loc["L1", "stage"] == "contracted"  # the amendment is not a stage
    assert late.loc["L1", "stage_since"].date() == date(2023, 6, 15)
    assert late.loc["L1", "amount_in_force"] == 9_500_000_00
    assert lot_states(project.lots, project.events, date(2023, 1, 1)).loc["L1", "stage"] == ""


@pytest.mark.parametrize(
    ("rows", "bad_row", "stage"),
    [
        (["L1,2023-05-22,announced,,,,,,,,", "L1,2023-06-01,planned,,,,,,,,"], 3, "announced"),
        (["L1,2023-05-22,announced,,,,,,,,", "L1,2023-06-01,contracted,5,,,,,,,"], 3,
         "announced"),
        (["L1,2023-05-22,announced,,,,,,,,", "L1,2023-06-01,amended,5,,,,,,,"], 3,
         "announced"),
        (["L1,2023-05-22,announced,,,,,,,,", "L1,2023-06-01,evaluation,,,,,,,,",
          "L1,2023-06-03,closed,,,,,,,,", "L1,2023-06-05,awarded,,,,,,,,"], 4, "awarded"),
    ],
)
def test_an_invalid_step_is_a_problem_and_the_lot_stays(money_dir, rows, bad_row, stage):
    write_files(money_dir, {"procurement/events.csv": events(*rows)})
    project = load(money_dir)
    problems = [p for p in project.problems if p.key == "lifecycle.bad_step"]
    assert [(p.file, p.row) for p in problems] == [("procurement/events.csv", bad_row)]
    assert "недопустимый переход" in problems[0].message
    assert lot_states(project.lots, project.events, date(2024, 1, 1)).loc["L1", "stage"] == stage


def test_events_out_of_file_order_are_replayed_by_date(money_dir):
    write_files(money_dir, {"procurement/events.csv": events(
        "L1,2023-06-01,evaluation,,,,,,,,", "L1,2023-05-22,announced,,,,,,,,")})
    project = load(money_dir)
    assert [p for p in project.problems if p.severity == "error"] == []
    assert lot_states(project.lots, project.events, date(2024, 1, 1)).loc["L1", "stage"] == \
        "evaluation"


def test_a_repeated_tender_goes_back_to_announced(money_dir):
    write_files(money_dir, {"procurement/events.csv": events(
        "L1,2023-05-01,announced,,,,,,,,", "L1,2023-05-20,evaluation,,,,,,,,",
        "L1,2023-05-21,unsuccessful,,0,,,,,,", "L1,2023-05-25,announced,,,,,,,,")})
    project = load(money_dir)
    assert project.problems == []
    states = lot_states(project.lots, project.events, date(2024, 1, 1))
    assert states.loc["L1", "stage"] == "announced"
    assert states.loc["L1", "stage_since"].date() == date(2023, 5, 25)


def test_direct_contract_for_single_source(money_dir):
    write_files(money_dir, {
        "procurement/lots.csv": LOTS + "L2,7.3,Аптечки,single_source,100,KZT,142,,,\n",
        "procurement/events.csv": events("L2,2023-06-01,contracted,90,,ИП,,,Срочно,,")})
    project = load(money_dir)
    assert project.problems == []
    assert lot_states(project.lots, project.events, date(2024, 1, 1)).loc["L2", "stage"] == \
        "contracted"


def test_the_lists_of_statuses_and_stages_describe_the_table():
    from mics_budget import lifecycle

    assert {to for _, to, _ in lifecycle.TRANSITIONS} == set(lifecycle.STATUSES)
    assert {frm for frm, _, _ in lifecycle.TRANSITIONS} | lifecycle.TERMINAL == set(
        lifecycle.STAGES)
    assert set(lifecycle.OCDS) == set(lifecycle.STATUSES)
    assert {"cancelled", "closed", "terminated"} == lifecycle.TERMINAL
    assert lifecycle.ENDED <= lifecycle.TERMINAL and set(lifecycle.IN_FORCE) <= set(
        lifecycle.STATUSES)
