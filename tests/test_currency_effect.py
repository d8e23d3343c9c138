"""UNICEF's money in dollars (:mod:`mics_budget.ledger.currency_effect`): lines and payments in
dollars as given, those in another currency from their tenge at the NBK dollar rate of their
date, exactly."""

from __future__ import annotations

from datetime import date

from mics_budget import load
from mics_budget.ledger.currency_effect import unicef_in_usd
from tests.conftest import write_files

BUDGET = ("year,activity,source,specifics,phase,amount,currency,date,document,note\n"
          "2023,4.2,UNICEF,,approved,10000,USD,2023-07-03,,\n")
RATES = ("date,currency,rate,quant,source\n2023-07-03,USD,450.00,1,NBK\n"
         "2023-07-10,USD,460.00,1,NBK\n2023-07-10,EUR,500.00,1,NBK\n")
PAYMENTS = ("id,date,activity,source,specifics,amount,currency,payee,document,contract,"
            "refund_of,note\n"
            "U1,2023-07-04,4.2,UNICEF,,1000,USD,,,,,\n"
            "U2,2023-07-04,4.2,UNICEF,,450000,KZT,,,,,\n"     # 450 000 ₸ at 450: $1 000
            "U3,2023-07-11,4.2,UNICEF,,920.01,EUR,,,,,\n")    # 460 005 ₸ at 460: $1 000.01


def test_payments_in_tenge_or_euros_count_in_dollars_at_the_dollar_rate(data_dir):
    write_files(data_dir, {"budget/budget.csv": BUDGET, "budget/fx_rates.csv": RATES,
                           "budget/payments.csv": PAYMENTS})
    row = unicef_in_usd(load(data_dir), date(2023, 7, 31)).set_index("activity").loc["4.2"]
    assert row["plan_usd"] == 10_000
    assert row["paid_usd"] == 1000 + 1000 + 1000.01  # tenge and euros were not dollars
    assert row["remaining_usd"] == 6999.99
    assert row["paid"] == 450_000 + 450_000 + 460_005  # the tenge figures as everywhere
    assert row["remaining_nbk"] == round(6999.99 * 460, 2)


def test_without_a_dollar_plan_no_part_of_the_balance_is_the_rates(data_dir):
    """Issue 24: paid before any budget decision (plan_usd 0) there is no plan rate to
    compare with; the whole balance is not a currency effect: it is 0."""
    payments = ("id,date,activity,source,specifics,amount,currency,payee,document,contract,"
                "refund_of,note\nU1,2023-07-04,4.2,UNICEF,,2093,USD,,,,,\n")
    header = BUDGET.splitlines()[0] + "\n"
    write_files(data_dir, {"budget/budget.csv": header, "budget/fx_rates.csv": RATES,
                           "budget/payments.csv": payments})
    row = unicef_in_usd(load(data_dir), date(2023, 7, 31)).set_index("activity").loc["4.2"]
    assert row["plan_usd"] == 0 and row["paid_usd"] == 2093
    assert row["remaining"] == -2093 * 450  # the balance is real: paid without a plan
    assert row["currency_effect"] == 0


def test_every_budget_year_counts_and_a_stale_dollar_rate_is_said(data_dir):
    """The dollars are the whole plan's (every year's line in force, as the tenge figures);
    an NBK rate more than 10 days old on the as-of date is said, as a stale tenge rate is."""
    budget = BUDGET + "2024,4.2,UNICEF,,approved,5000,USD,2023-07-10,,\n"
    write_files(data_dir, {"budget/budget.csv": budget, "budget/fx_rates.csv": RATES,
                           "budget/payments.csv": PAYMENTS})
    project = load(data_dir)
    fresh = unicef_in_usd(project, date(2023, 7, 20))
    assert fresh.set_index("activity").loc["4.2", "plan_usd"] == 15_000
    assert fresh.attrs["nbk_stale_days"] == 0 and fresh.attrs["nbk"][1] == date(2023, 7, 10)
    assert unicef_in_usd(project, date(2023, 7, 20)).attrs["nbk_stale_days"] == 0  # 10 days
    stale = unicef_in_usd(project, date(2023, 7, 21))
    assert stale.attrs["nbk_stale_days"] == 11
