"""Procurement KPIs of MICS's own lots as of a date, the figures procurement monitors show.

:func:`procurement_kpis` returns a tidy frame, one row per indicator of :data:`KPI_NAMES`:
``kpi`` (the code), ``value`` (a float; NaN where no lot gives one), ``unit`` (``count``,
``number``, ``share``, ``money`` in KZT, ``days``) and ``lots`` (how many lots it is
computed over). Everything comes from the register as of the date (:func:`.register.register`,
the events and payments known then) and, for the Treasury, from the portal's facts
(:mod:`.portal_facts`):

==========================  ===============================================================
``lots``                    lots in the register
``average_bids``            mean of the bids (the last count on record) of the lots with a
                            competitive method (not single source or e-shop) and a count
``single_bid_share``        share of those lots with exactly one bid
``single_source_share``     contract amounts (in force, KZT) of single-source lots over those
                            of every contracted lot
``failed_lots``             lots with at least one failed procedure (``unsuccessful``), over
                            the lots announced
``cancelled_lots``          lots cancelled, over the lots with any step
``savings``                 estimate − contract amount, summed over the contracted lots (KZT;
                            negative when contracts exceed their estimates)
``savings_share``           that sum over the same lots' estimates. The buyer sets the
                            estimate: a large saving can mean a generous estimate rather than
                            a good price
``days_to_results``         median calendar days from the last announcement before the award
                            (the procedure that succeeded) to the award (results published)
``days_to_signature``       median days from the award to the contract's signature
``days_to_delivery``        median days from the signature to the delivery (acceptance act)
``days_to_payment``         median days from the contract's registration in the Treasury
                            (``dt_reg`` of the portal's Treasury payments) to the first
                            payment on the lot
==========================  ===============================================================

Money is summed exactly in tiyn and turned into KZT at the end. All of it is a handful of
group-bys over the register: cheap enough for the dashboard on every change of date.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from .lifecycle import DIRECT_METHODS
from .status import register

if TYPE_CHECKING:
    from ..project import Project

KPI_NAMES = ("lots", "average_bids", "single_bid_share", "single_source_share", "failed_lots",
             "cancelled_lots", "savings", "savings_share", "days_to_results",
             "days_to_signature", "days_to_delivery", "days_to_payment")
UNITS = {"lots": "count", "average_bids": "number", "single_bid_share": "share",
         "single_source_share": "share", "failed_lots": "count", "cancelled_lots": "count",
         "savings": "money", "savings_share": "share", "days_to_results": "days",
         "days_to_signature": "days", "days_to_delivery": "days", "days_to_payment": "days"}
KPI_COLUMNS = ["kpi", "value", "unit", "lots"]


def procurement_kpis(project: Project, as_of: date, table: pd.DataFrame | None = None,
                     lots: Collection[str] | None = None) -> pd.DataFrame:
    """The KPIs as of ``as_of`` (see the module); ``table`` is the register of that date when
    the caller has it; ``lots`` restricts them to some lots (the dashboard's filters)."""
    table = register(project, as_of) if table is None else table
    if lots is not None:
        table = table.loc[table["lot"].isin(list(lots))]
    events = project.events_on(as_of)
    events = events.loc[events["lot"].isin(table["lot"])]
    rows: dict[str, tuple[float | None, int]] = {"lots": (float(len(table)), len(table))}

    competitive = table.loc[~table["method"].isin(DIRECT_METHODS) & table["bids"].notna()]
    bids = competitive["bids"].astype("float64")
    rows["average_bids"] = (float(bids.mean()) if len(bids) else None, len(bids))
    rows["single_bid_share"] = (float((bids == 1).mean()) if len(bids) else None, len(bids))

    contracted = table.loc[table["contract_amount"].notna()]
    contract = _minor(contracted["contract_amount"])
    single = int(contract.loc[contracted["method"] == "single_source"].sum())
    total = int(contract.sum())
    rows["single_source_share"] = (single / total if total else None, len(contracted))

    announced = set(events.loc[events["status"] == "announced", "lot"])
    failed = set(events.loc[events["status"] == "unsuccessful", "lot"])
    rows["failed_lots"] = (float(len(failed)), len(announced | failed))
    started = table.loc[table["stage"] != ""]
    rows["cancelled_lots"] = (float((started["stage"] == "cancelled").sum()), len(started))

    priced = contracted.loc[contracted["estimate"].notna()]
    estimate = _minor(priced["estimate"])
    saved = int((estimate - _minor(priced["contract_amount"])).sum())
    rows["savings"] = (saved / 100 if len(priced) else None, len(priced))
    base = int(estimate.sum())
    rows["savings_share"] = (saved / base if base else None, len(priced))

    first = {s: events.loc[events["status"] == s].groupby("lot")["date"].min()
             for s in ("awarded", "contracted", "delivered")}
    awarded = first["awarded"]
    calls = events.loc[events["status"] == "announced", ["lot", "date"]]
    calls = calls.assign(award=awarded.reindex(calls["lot"]).to_numpy())
    last_call = calls.loc[calls["date"] <= calls["award"]].groupby("lot")["date"].max()
    rows["days_to_results"] = _median_days(last_call, awarded)
    rows["days_to_signature"] = _median_days(awarded, first["contracted"])
    rows["days_to_delivery"] = _median_days(first["contracted"], first["delivered"])

    treasury = project.portal.treasury
    treasury = treasury.loc[treasury["lot"].isin(table["lot"])
                            & (treasury["dt_reg"] <= pd.Timestamp(as_of))]
    registered = treasury.groupby("lot")["dt_reg"].min()
    paid = project.on(as_of).lot_payments
    first_paid = paid.loc[paid["amount_minor"] > 0].groupby("contract")["date"].min()
    rows["days_to_payment"] = _median_days(registered, first_paid)

    out = pd.DataFrame([{"kpi": k, "value": rows[k][0], "unit": UNITS[k], "lots": rows[k][1]}
                        for k in KPI_NAMES], columns=KPI_COLUMNS)
    out["value"] = out["value"].astype("float64")
    out["lots"] = out["lots"].astype("int64")
    return out


def _minor(kzt: pd.Series) -> pd.Series:
    """KZT of the register (exact tiyn over 100) back to integer tiyn."""
    return (kzt.astype("float64") * 100).round().astype("int64")


def _median_days(start: pd.Series, end: pd.Series) -> tuple[float | None, int]:
    """Median days from ``start`` to ``end`` (both indexed by lot) over the lots with both
    (and ``end`` not before ``start``)."""
    both = pd.concat([start.rename("start"), end.rename("end")], axis=1).dropna()
    days = (both["end"] - both["start"]).dt.days
    days = days.loc[days >= 0]
    return (float(days.median()) if len(days) else None, len(days))
