"""The register and red flags on the example data (figures from mics_budget/example.py)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import pytest

from mics_budget import load
from mics_budget.config import DEFAULT_DATA_DIR
from mics_budget.flags import red_flags
from mics_budget.register import needing_activities, register
from tests.conftest import EVENTS, LOTS, PAYMENTS, write_files


@pytest.fixture(scope="module")
def example():
    return load(DEFAULT_DATA_DIR)


@pytest.fixture(scope="module")
def table(example):
    return register(example, date(2025, 6, 30)).set_index("lot")


def test_stages_at_the_end(table):
    assert table["stage"].to_dict() == {
        "LOT-2023-001": "closed", "LOT-2023-002": "closed", "LOT-2023-003": "paid",
        "LOT-2023-004": "cancelled", "LOT-2023-005": "terminated", "LOT-2023-006": "paid"}
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


def test_every_flag_has_a_russian_and_english_explanation():
    from mics_budget.flags import FLAG_NAMES
    from mics_budget.params import RedFlagRules, red_flag_rules
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
