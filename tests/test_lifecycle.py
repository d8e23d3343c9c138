from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mics_budget import load
from mics_budget.procurement import lifecycle
from mics_budget.procurement.lifecycle import OCDS, STATUSES, STEPS, TERMINAL, TRANSITIONS, allowed
from mics_budget.procurement.load import lot_states
from tests.conftest import EVENTS, LOTS, write_files

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


def test_replay_gives_the_state_on_any_date(money_project):
    project = money_project
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
    from mics_budget.procurement import lifecycle

    assert {to for _, to, _ in lifecycle.TRANSITIONS} == set(lifecycle.STATUSES)
    assert {frm for frm, _, _ in lifecycle.TRANSITIONS} | lifecycle.TERMINAL == set(
        lifecycle.STAGES)
    assert set(lifecycle.OCDS) == set(lifecycle.STATUSES)
    assert {"cancelled", "closed", "terminated"} == lifecycle.TERMINAL
    assert lifecycle.ENDED <= lifecycle.TERMINAL and set(lifecycle.IN_FORCE) <= set(
        lifecycle.STATUSES)


# --- the replay in arrays equals the replay one event after the other ------------------------

_EVENT = st.tuples(st.integers(0, 4), st.integers(0, 20),
                   st.sampled_from([*lifecycle.STATUSES, "void"]),
                   st.one_of(st.none(), st.integers(-10**3, 2**62)), st.booleans())


@settings(max_examples=60, deadline=None)
@given(st.lists(_EVENT, max_size=40), st.lists(st.sampled_from(
    ["auction", "open_tender", "single_source", "e_shop"]), min_size=4, max_size=4))


@pytest.mark.slow  # over half a second: the fast loop stays under a minute
def test_the_replay_in_arrays_equals_the_replay_event_by_event(events, methods):
    """Lots whose every step is allowed are replayed at once in arrays; the reference is the
    state machine run one event after the other over every lot (refused steps, steps from
    nothing, amounts missing or beyond 2**53, rows already invalid, lots not in the list)."""
    lots = pd.DataFrame({"lot": ["L0", "L1", "L2", "L3"], "method": methods})
    frame = pd.DataFrame({
        "lot": pd.Series([f"L{lot}" for lot, *_ in events], dtype="str"),
        "date": pd.Series([pd.Timestamp("2023-01-01") + pd.Timedelta(days=d)
                           for _, d, *_ in events], dtype="datetime64[us]"),
        "status": pd.Series([s for _, _, s, *_ in events], dtype="str"),
        "amount_minor": pd.array([a for *_, a, _ in events], dtype="Int64"),
        "valid": [v for *_, v in events], "_row": range(2, len(events) + 2),
        "_file": "procurement/events.csv", "_sheet": ""})
    got, problems = lifecycle.replay(frame, lots)
    direct = dict(zip(lots["lot"], lots["method"].isin(lifecycle.DIRECT_METHODS), strict=True))
    candidates = frame.loc[frame["valid"]].sort_values(["lot", "date", "_row"], kind="stable")
    ok, stages, amounts, errors = lifecycle._replay_rows(candidates, direct)
    assert got.loc[candidates.index, "step_ok"].tolist() == ok
    assert got.loc[candidates.index, "stage"].tolist() == stages
    assert got.loc[candidates.index, "amount_in_force"].tolist() == [
        pd.NA if a is None else a for a in amounts]
    assert [(p.row, p.key) for p in problems] == [
        (int(candidates["_row"].iloc[i]), key) for i, key, _ in errors]
    assert got["valid"].tolist() == (frame["valid"] & got["step_ok"]).tolist()


def test_a_refused_lots_row_does_not_steer_the_replay(money_dir):
    """Issue 24: a single-source lot followed by a refused row that switches it to an auction
    keeps its direct steps; its contract stays committed."""
    from mics_budget.core.checks import ERROR

    lots = (LOTS + "L9,7.1,Перевод,single_source,100000,KZT,143,,,434-V\n"
            "L9,7.1,Перевод,auction,100000,KZT,143,,,434-V\n")
    events = EVENTS + "L9,2023-06-10,contracted,90000,,ТОО Б,990140000002,,,,\n"
    write_files(money_dir, {"procurement/lots.csv": lots, "procurement/events.csv": events})
    project = load(money_dir)
    assert any(p.severity == ERROR and p.file == "procurement/lots.csv" for p in project.problems)
    l9 = project.events.loc[project.events["lot"] == "L9"]
    assert l9["step_ok"].tolist() == [True] and l9["stage"].tolist() == ["contracted"]
    committed = project.spending(date(2023, 12, 31), by=["activity"]).set_index(
        ["source", "activity"]).loc[("RB", "7.1"), "committed"]
    assert committed == 9_500_000 + 90_000  # L1's amendment and L9's contract
