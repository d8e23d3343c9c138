"""The register and red flags on the example data (figures from mics_budget/example.py)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import pytest

from mics_budget import load
from mics_budget.procurement.flags import red_flags
from mics_budget.procurement.status import needing_activities, register
from tests.conftest import EVENTS, LOTS, PAYMENTS, write_files


@pytest.fixture
def example(example_project):
    return example_project


@pytest.fixture(scope="module")
def table(example_project):
    return register(example_project, date(2025, 6, 30)).set_index("lot")


def test_stages_at_the_end(table):
    assert table["stage"].to_dict() == {
        "LOT-2023-001": "closed", "LOT-2023-002": "closed", "LOT-2023-003": "paid",
        "LOT-2023-004": "cancelled", "LOT-2023-005": "terminated", "LOT-2023-006": "paid",
        # planned for later in 2025: on the register, with no step yet
        "LOT-2025-001": "", "LOT-2025-002": ""}
    assert table.loc["LOT-2023-001", "stage_since"] == pd.Timestamp("2023-07-31")
    assert table.loc["LOT-2023-001", "days_in_stage"] == (date(2025, 6, 30)
                                                          - date(2023, 7, 31)).days


def test_money_and_savings(table):
    lot = table.loc["LOT-2023-002"]
    assert (lot["estimate"], lot["contract_amount"], lot["savings"]) == (6_500_000, 6_400_000,
                                                                         100_000)
    assert lot["savings_pct"] == pytest.approx(100_000 / 6_500_000)
    assert (lot["paid"], lot["left_to_pay"]) == (6_400_000, 0)
    terminated = table.loc["LOT-2023-005"]
    assert (terminated["contract_amount"], terminated["paid"], terminated["left_to_pay"]) == (
        3_900_000, 1_170_000, 0)
    assert pd.isna(table.loc["LOT-2023-004", "contract_amount"])
    assert table.loc["LOT-2023-001", "supplier"] == "ТОО «Пример Текстиль»"
    assert table.loc["LOT-2023-001", "bids"] == 1


def test_delays(table):
    lot = table.loc["LOT-2023-002"]
    assert lot["announce_delay_days"] == 0                      # planned and announced 20.05
    assert lot["delivery_delay_days"] == 38                     # 05.08 vs needed by 28.06
    assert lot["need_delay_days"] == 65                         # 05.08 vs 8.1 from 01.06
    assert lot["delay_days"] == 65
    assert table.loc["LOT-2023-006", "delivery_delay_days"] == -1  # a day early
    assert pd.isna(table.loc["LOT-2023-005", "delivery_delay_days"])  # terminated
    assert table.loc["LOT-2023-004", "delay_days"] == 0


def test_a_lot_in_progress_earlier(example):
    early = register(example, date(2023, 7, 15)).set_index("lot")
    lot = early.loc["LOT-2023-002"]
    assert lot["stage"] == "contracted" and lot["contract_amount"] == 5_720_000
    assert lot["left_to_pay"] == 5_720_000
    assert lot["delivery_delay_days"] == (date(2023, 7, 15) - date(2023, 6, 28)).days
    assert early.loc["LOT-2023-006", "stage"] == ""
    assert pd.isna(early.loc["LOT-2023-006", "announce_delay_days"])  # not due yet


def test_needing_activities_default_to_the_trainings_and_fieldwork_that_follow(example):
    plan = example.plan
    assert needing_activities(plan, "7.1") == ["8.1", "8.2", "8.3", "8.4", "11.1", "11.2",
                                               "12.1", "13.1"]
    assert needing_activities(plan, "9.2", {"9.2": ["8.2", "11.6"]}) == ["8.2", "11.6"]


def test_the_example_flags(example):
    flags = red_flags(example, date(2025, 6, 30))
    assert [(f.lot, f.code, f.severity) for f in flags] == [
        ("LOT-2023-001", "single_bid", "warning"),
        ("LOT-2023-001", "price_near_estimate", "warning"),
        ("LOT-2023-001", "delivery_after_need", "warning"),
        ("LOT-2023-002", "price_near_estimate", "warning"),
        ("LOT-2023-002", "amendment_increase", "error"),
        ("LOT-2023-002", "delivery_after_need", "warning"),
        ("LOT-2023-003", "short_submission", "warning"),
        ("LOT-2023-003", "delivery_after_need", "warning"),
        ("LOT-2023-005", "payment_before_delivery", "warning"),
        ("LOT-2023-006", "single_source_without_note", "warning"),
        ("LOT-2023-006", "delivery_after_need", "warning"),
    ]
    assert flags[4].detail == ("сумма изменена с 5\u00a0720\u00a0000,00\u00a0₸ на "
                                  "6\u00a0400\u00a0000,00\u00a0₸ (рост 11,9\u00a0% к "
                                  "первоначальной)")
    assert flags[6].detail == "срок подачи 7 дн. при минимуме 10 дн. (закон 434-V)"


def test_a_plan_without_lots_or_payments_has_no_flags(data_dir):
    """Nothing to match: no flag, and no error from matching empty columns of no type."""
    project = load(data_dir)
    lots = register(project, date(2024, 5, 1))
    assert lots.empty
    assert red_flags(project, date(2024, 5, 1), table=lots) == []


def test_every_flag_has_a_russian_and_english_explanation():
    from mics_budget.core.params import RedFlagRules, red_flag_rules
    from mics_budget.procurement.flags import FLAG_NAMES
    from mics_budget.texts import LABELS

    assert {f.name for f in dataclasses.fields(RedFlagRules)} == set(FLAG_NAMES)
    assert all(red_flag_rules().rule(name) is not None for name in FLAG_NAMES)
    for name in FLAG_NAMES:
        for suffix in ("", ".explain", ".detail"):
            assert f"flag.{name}{suffix}" in LABELS


def test_payment_flags_and_supplier_with_several_lots(money_dir):
    write_files(money_dir, {
        "procurement/lots.csv": LOTS + "L2,7.2,Канц,auction,5000000,KZT,149,,,434-V\n",
        "procurement/events.csv": EVENTS
        + "L2,2023-05-01,announced,,,,,,,,\nL2,2023-05-20,evaluation,,,,,,,,\n"
          "L2,2023-05-25,awarded,,3,ТОО А,990140000001,,,,\n",
        "budget/payments.csv": PAYMENTS + "P5,2023-08-01,7.1,RB,143,6000000,KZT,,,L1,,\n"
                                          "P6,2023-08-02,7.2,RB,149,1000,KZT,,,,,\n"})
    flags = red_flags(load(money_dir), date(2023, 12, 31))
    names = [(f.lot, f.code) for f in flags]
    assert ("L1", "payment_above_contract") in names        # 10 000 000 paid on 9 500 000
    assert ("L1", "payment_before_delivery") in names       # never delivered
    assert ("L1", "supplier_several_lots") in names and ("L2", "supplier_several_lots") in names
    assert (None, "payment_without_lot") in names            # P6 on 7.2 names no lot
    detail = next(f.detail for f in flags if f.code == "payment_without_lot")
    assert "P6" in detail and "7.2" in detail


def test_a_lot_without_events_or_law_is_not_flagged_late_and_gets_its_law(money_dir):
    """A lot only planned (no event yet) is not "delivered late"; a lot with no law is under
    the law in force on its planned announcement, so the short-submission flag still runs."""
    write_files(money_dir, {
        "procurement/lots.csv": LOTS + "L2,7.2,Канц,auction,5000000,KZT,149,,2023-06-28,\n"
                                       "L3,7.3,Аптечки,auction,900,KZT,142,2025-02-01,,\n",
        "procurement/events.csv": EVENTS + "L3,2025-02-01,announced,,,,,,,,\n"
                                           "L3,2025-02-05,evaluation,,,,,,,,\n"})
    project = load(money_dir)
    laws = register(project, date(2025, 6, 30)).set_index("lot")["law"].to_dict()
    assert laws == {"L1": "434-V", "L2": "", "L3": "106-VIII"}
    flags = [(f.lot, f.code) for f in red_flags(project, date(2025, 6, 30))]
    assert ("L2", "delivery_after_need") not in flags
    assert ("L3", "short_submission") in flags  # 4 days < 10 under 106-VIII


# --- definitions pinned at their edges (README: Definitions) ---------------------------------

def _one_lot(money_dir, lots: str, events: str = "") -> pd.DataFrame:
    write_files(money_dir, {"procurement/lots.csv": LOTS + lots,
                            "procurement/events.csv": EVENTS + events})
    return load(money_dir)


def test_the_running_delay_of_a_step_not_yet_taken(money_dir):
    """Not announced by its planned date: the delay runs (as-of minus planned) and counts in
    delay_days; on the planned day and before, there is none."""
    project = _one_lot(money_dir, "L2,7.2,Канц,auction,100,KZT,149,2023-04-10,2023-05-20,\n")
    on = {d: register(project, d).set_index("lot").loc["L2"] for d in
          (date(2023, 4, 9), date(2023, 4, 10), date(2023, 4, 30), date(2023, 5, 25))}
    assert pd.isna(on[date(2023, 4, 9)]["announce_delay_days"])
    assert on[date(2023, 4, 10)]["announce_delay_days"] == 0
    assert on[date(2023, 4, 30)]["announce_delay_days"] == 20
    assert on[date(2023, 4, 30)]["delay_days"] == 20
    assert on[date(2023, 4, 9)]["delay_days"] == 0  # nothing due yet: never negative
    # not delivered by 20.05 either: each running delay counts, the largest is delay_days
    late = on[date(2023, 5, 25)]
    assert (late["announce_delay_days"], late["delivery_delay_days"]) == (45, 5)
    assert late["delay_days"] == 45


def test_a_terminated_lot_shows_its_contract_what_was_paid_and_nothing_left(money_dir):
    project = _one_lot(money_dir, "", "L1,2023-08-01,terminated,,,,,,,,\n")
    lot = register(project, date(2023, 12, 31)).set_index("lot").loc["L1"]
    assert lot["stage"] == "terminated"
    assert (lot["contract_amount"], lot["paid"], lot["left_to_pay"]) == (9_500_000, 4_000_000,
                                                                        0)


def test_a_repeated_tender_keeps_its_first_announcement(money_dir):
    project = _one_lot(money_dir, "L2,7.2,Канц,auction,100,KZT,149,2023-05-01,,\n",
                       "L2,2023-05-03,announced,,,,,,,,\nL2,2023-05-20,unsuccessful,,,,,,,,\n"
                       "L2,2023-05-25,announced,,,,,,,,\n")
    lot = register(project, date(2023, 6, 1)).set_index("lot").loc["L2"]
    assert lot["announced"] == pd.Timestamp("2023-05-03") and lot["announce_delay_days"] == 2
    assert lot["stage"] == "announced" and lot["stage_since"] == pd.Timestamp("2023-05-25")


def test_events_of_one_day_are_taken_in_the_order_they_were_recorded(money_dir):
    ok = _one_lot(money_dir, "L2,7.3,Аптечки,e_shop,100,KZT,142,,,\n",
                  "L2,2023-06-01,contracted,90,,,,,,,\nL2,2023-06-01,delivered,,,,,,,,\n")
    assert register(ok, date(2023, 6, 1)).set_index("lot").loc["L2", "stage"] == "delivered"
    wrong = _one_lot(money_dir, "L2,7.3,Аптечки,e_shop,100,KZT,142,,,\n",
                     "L2,2023-06-01,delivered,,,,,,,,\nL2,2023-06-01,contracted,90,,,,,,,\n")
    assert register(wrong, date(2023, 6, 1)).set_index("lot").loc["L2", "stage"] == "contracted"
    assert [p.key for p in wrong.problems] == ["lifecycle.bad_step"]  # delivered before signing


def test_a_foreign_currency_lot_is_converted_on_its_own_dates(money_dir):
    """The estimate at the rate of the planned announcement, the contract (and so each
    amendment of it) at the rate of the signature date."""
    project = _one_lot(money_dir, "U1,7.2,Маски,e_shop,1000,USD,149,2023-07-03,,\n",
                       "U1,2023-07-04,contracted,900,,,,,,,\n"
                       "U1,2024-03-01,amended,950,,,,,,,\n")
    lot = register(project, date(2024, 3, 31)).set_index("lot").loc["U1"]
    assert lot["estimate"] == 1000 * 450.50      # NBK 03.07.2023
    assert lot["contract_amount"] == 950 * 451.00  # signed 04.07.2023, not the 2024 rate


def test_a_direct_lot_that_skips_the_announcement_has_no_announcement_delay(money_dir):
    """A single-source lot contracted without an announcement: once contracted, nothing was
    late to be announced (its delay is the contract's own, against needed_by)."""
    project = _one_lot(money_dir, "L2,7.3,Аптечки,single_source,100,KZT,142,2023-04-10,"
                       "2023-07-01,\n", "L2,2023-05-10,contracted,90,,,,,,,\n")
    before = register(project, date(2023, 5, 1)).set_index("lot").loc["L2"]
    assert before["announce_delay_days"] == 21  # running while nothing happened
    after = register(project, date(2023, 6, 1)).set_index("lot").loc["L2"]
    assert pd.isna(after["announce_delay_days"]) and after["delay_days"] == 0
