"""UNICEF's money in its own currency, and the currency effect apart from real under-spending.

UNICEF's budget lines and payments are in US dollars; the ledger counts them in tenge at the NBK
rate of each date (the decision for a line, the payment for a payment). The tenge balance
(plan − paid) therefore moves with the rate even when nothing is spent. Per UNICEF activity:

* ``plan_usd``, ``paid_usd``, ``remaining_usd`` — in dollars (a line or payment in another
  currency is turned into dollars from its tenge at the NBK dollar rate of its date);
* ``plan``, ``paid``, ``remaining`` — in tenge, as everywhere else;
* ``currency_effect`` — the part of ``remaining`` that comes from the rate having moved between
  the budget decision and the payments: ``remaining − remaining_usd × (plan ÷ plan_usd)``
  (the dollars left, valued at the plan's own rate, are the real under-spending). Without a
  dollar plan (``plan_usd`` 0: paid before any budget decision) there is no plan rate to
  compare with, so no part of the balance is the rate's: the effect is 0;
* ``remaining_nbk``, ``remaining_unore`` — the dollars left at the NBK rate of the as-of date
  (the Bureau's books) and at the UN operational rate (UNORE) of its month (what UNICEF
  counts), side by side. An NBK rate more than 10 days old (the tenge rule) is said in
  ``attrs["nbk_stale_days"]`` and in the report's note.

The lines are every budget year's line in force on the as-of date, as for the tenge figures.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..core.values import round_half_away
from .fx import MAX_GAP_DAYS, RATE_DECIMALS
from .load import latest_lines
from .plan import code_key

if TYPE_CHECKING:
    from ..project import Project

SOURCE, CURRENCY = "UNICEF", "USD"
MONEY = ("plan_usd", "paid_usd", "remaining_usd", "plan", "paid", "remaining",
         "currency_effect", "remaining_nbk", "remaining_unore")


def rate_on(project: Project, day: date, source: str = "NBK") -> tuple[Fraction, date] | None:
    """KZT per dollar of ``source`` on ``day`` (the last earlier rate; UNORE: of its month)."""
    rates = project.rates
    rows = rates.loc[(rates["source"] == source) & (rates["currency"] == CURRENCY)
                     & (rates["date"] <= pd.Timestamp(day))]
    if source == "UNORE":
        rows = rows.loc[rows["date"] >= pd.Timestamp(day.replace(day=1))]
    if rows.empty:
        return None
    last = rows.sort_values("date").iloc[-1]
    return Fraction(int(last["rate_e4"]), int(last["quant"]) * 10**RATE_DECIMALS), \
        last["date"].date()


def usd_cents(rows: pd.DataFrame, rates: pd.DataFrame) -> pd.Series:
    """Dollar cents of each row (exact integers): as given in USD, else its tenge at the NBK
    dollar rate of its date (the last one on or before it; none: NA, left out)."""
    cents = rows["amount_minor"].where(rows["currency"] == CURRENCY).astype("Int64")
    other = rows.loc[(rows["currency"] != CURRENCY) & rows["kzt_minor"].notna()]
    if other.empty:
        return cents
    usd = rates.loc[(rates["source"] == "NBK") & (rates["currency"] == CURRENCY)].sort_values(
        "date", kind="stable")
    at = np.searchsorted(usd["date"].to_numpy(dtype="datetime64[us]"),
                         other["date"].to_numpy(dtype="datetime64[us]"), side="right") - 1
    rate, quant = usd["rate_e4"].tolist(), usd["quant"].tolist()
    for index, position, tiyn in zip(other.index, at, other["kzt_minor"], strict=True):
        if position >= 0:  # tiyn ÷ (KZT per dollar) = cents
            cents[index] = round_half_away(Fraction(int(tiyn) * int(quant[position])
                                           * 10**RATE_DECIMALS, int(rate[position])))
    return cents


def unicef_in_usd(project: Project, as_of: date) -> pd.DataFrame:
    """One row per UNICEF activity with a line or a payment as of ``as_of`` (see above);
    money as exact tiyn/cents integers turned into KZT/USD only at the end."""
    lines = project.budget_on(as_of, ["approved", "adjusted"])
    lines = lines.loc[lines["source"] == SOURCE]
    lines = latest_lines(lines, ("year", "activity", "specifics"))
    paid = project.payments_on(as_of)
    paid = paid.loc[paid["source"] == SOURCE]
    activities = sorted(set(lines["activity"]) | set(paid["activity"]),
                        key=code_key)
    nbk, unore = rate_on(project, as_of), rate_on(project, as_of, "UNORE")
    rows = []
    for code in activities:
        mine = lines.loc[lines["activity"] == code]
        spent = paid.loc[paid["activity"] == code]
        plan_usd = int(usd_cents(mine, project.rates).sum())
        paid_usd = int(usd_cents(spent, project.rates).sum())
        plan, paid_kzt = int(mine["kzt_minor"].sum()), int(spent["kzt_minor"].sum())
        left_usd, left = plan_usd - paid_usd, plan - paid_kzt
        real = Fraction(left_usd * plan, plan_usd) if plan_usd else Fraction(0)
        rows.append({"activity": code, "plan_usd": plan_usd, "paid_usd": paid_usd,
                     "remaining_usd": left_usd, "plan": plan, "paid": paid_kzt,
                     "remaining": left,
                     "currency_effect": left - round_half_away(real) if plan_usd else 0,
                     "remaining_nbk": round_half_away(left_usd * nbk[0]) if nbk else None,
                     "remaining_unore": round_half_away(left_usd * unore[0]) if unore else None})
    table = pd.DataFrame(rows, columns=["activity", *MONEY])
    table.attrs["nbk"] = nbk
    table.attrs["unore"] = unore
    # a dollar rate older than the tenge rule allows is said, as a stale tenge rate is
    age = (as_of - nbk[1]).days if nbk else 0
    table.attrs["nbk_stale_days"] = age if age > MAX_GAP_DAYS else 0
    return table.assign(**{m: table[m] / 100 for m in MONEY})
