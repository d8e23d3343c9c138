"""The procurement register as of a date: stage, money, savings and delays of every lot.

Money is in KZT: the estimate at the rate of the planned announcement date, the contract at
the rate of its signature date, payments at theirs (all exact for lots in tenge).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from ..core.params import ProcurementSettings, procurement_settings
from ..ledger.fx import convert
from ..ledger.plan import Plan
from .lifecycle import AWARDED_OR_LATER, ENDED, SUPPLIER_NAMED
from .load import law_on

if TYPE_CHECKING:
    from ..project import Project

TRAINING_FORMS = {"участие в обучении", "полевые работы", "семинар", "семинар от юнисеф"}
REGISTER_COLUMNS = [
    "lot", "activity", "title", "method", "law", "currency", "stage", "stage_since",
    "days_in_stage", "estimate", "contract_amount", "savings", "savings_pct", "supplier",
    "supplier_bin", "bids", "paid", "left_to_pay", "planned_announce", "announced",
    "announce_delay_days", "needed_by", "delivered", "delivery_delay_days", "need_activities",
    "need_start", "need_delay_days", "delay_days",
]


def needing_activities(plan: Plan, activity: str,
                       needs: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """Activities that need what ``activity`` procures: from params, else the trainings and
    fieldwork that follow it in the plan."""
    if needs and activity in needs:
        return [str(a) for a in needs[activity] if str(a) in plan.by_id]
    codes = [a.id for a in plan.activities]
    after = codes[codes.index(activity) + 1:] if activity in codes else []
    return [c for c in after if plan[c].completion_form.strip().lower() in TRAINING_FORMS]


def _first(events: pd.DataFrame, status: str) -> pd.Series:
    return events.loc[events["status"] == status].groupby("lot")["date"].min()


def _days(later: pd.Series, earlier: pd.Series) -> pd.Series:
    return (later - earlier).dt.days.astype("Int64")


def register(project: Project, as_of: date, params: ProcurementSettings | None = None
             ) -> pd.DataFrame:
    """One row per valid lot, in lot order (see ``REGISTER_COLUMNS``)."""
    params = params if params is not None else procurement_settings()
    as_of_ts = pd.Timestamp(as_of)
    lots = project.valid_lots
    known = project.on(as_of)
    states, ev = known.states, known.events
    out = pd.DataFrame(index=lots.index)
    for column in ("activity", "title", "method", "law", "currency"):
        out[column] = lots[column]
    # a lot without a law is under the law in force on its planned (else first) announcement
    start = lots["planned_announce"].fillna(ev.groupby("lot")["date"].min())
    versions = {name: law.start for name, law in params.laws.items()}
    derived = pd.Series({lot: law_on(day.date(), versions)
                         for lot, day in start.dropna().items()},
                        dtype="str").reindex(out.index).fillna("")
    out["law"] = out["law"].where(out["law"] != "", derived)
    out["stage"] = states["stage"]
    out["stage_since"] = states["stage_since"]
    out["days_in_stage"] = _days(pd.Series(as_of_ts, index=out.index), out["stage_since"])

    estimate_on = lots["planned_announce"].fillna(ev.groupby("lot")["date"].min()).fillna(
        as_of_ts)
    est = convert(pd.DataFrame({"amount_minor": lots["estimate_minor"], "currency":
                                lots["currency"], "date": estimate_on, "_file": lots["_file"],
                                "_sheet": lots["_sheet"], "_row": lots["_row"]}),
                  project.rates)[0]["kzt_minor"]
    contracts = known.contracts.set_index("lot")["kzt_minor"]
    contract = contracts.reindex(out.index).astype("Int64")
    out["estimate"] = est / 100
    out["contract_amount"] = contract / 100
    out["savings"] = (est - contract) / 100
    out["savings_pct"] = ((est - contract) / est.where(est != 0)).astype("Float64")

    awarded = ev.loc[ev["status"].isin(SUPPLIER_NAMED) & (ev["supplier"] != "")]
    last_award = awarded.groupby("lot").tail(1).set_index("lot")
    out["supplier"] = last_award["supplier"].reindex(out.index).fillna("")
    out["supplier_bin"] = last_award["supplier_bin"].reindex(out.index).fillna("")
    out["bids"] = ev.loc[ev["bids"].notna()].groupby("lot").tail(1).set_index("lot")[
        "bids"].reindex(out.index).astype("Int64")

    paid = known.lot_payments.groupby("contract")["kzt_minor"].sum().reindex(out.index).fillna(0)
    out["paid"] = paid.astype("int64") / 100
    out["left_to_pay"] = ((contract - paid.astype("int64")) / 100).where(
        out["stage"] != "terminated", 0.0)

    open_lot = ~out["stage"].isin(ENDED)
    out["planned_announce"] = lots["planned_announce"]
    out["announced"] = _first(ev, "announced").reindex(out.index)
    pending = out["announced"].isna() & open_lot & ~out["stage"].isin(AWARDED_OR_LATER)
    out["announce_delay_days"] = _days(out["announced"].where(~pending, as_of_ts),
                                       out["planned_announce"])
    out["needed_by"] = lots["needed_by"]
    out["delivered"] = _first(ev, "delivered").reindex(out.index)
    waiting = out["delivered"].isna() & open_lot
    delivery = out["delivered"].where(~waiting, as_of_ts)
    out["delivery_delay_days"] = _days(delivery, out["needed_by"])
    out.loc[out["delivered"].isna() & ~open_lot, "delivery_delay_days"] = pd.NA

    needs = params.needs
    need_lists = {lot: needing_activities(project.plan, activity, needs)
                  for lot, activity in out["activity"].items()}
    out["need_activities"] = pd.Series({k: ", ".join(v) for k, v in need_lists.items()},
                                       dtype="str").reindex(out.index).fillna("")
    out["need_start"] = pd.Series({
        lot: pd.Timestamp(min(project.plan[a].period.start for a in acts)) if acts else pd.NaT
        for lot, acts in need_lists.items()}, dtype="datetime64[us]").reindex(out.index)
    out["need_delay_days"] = _days(delivery, out["need_start"])
    out.loc[out["delivered"].isna() & ~open_lot, "need_delay_days"] = pd.NA
    # a deadline still ahead of a step not yet taken is no delay (yet)
    for column, open_step in (("announce_delay_days", pending), ("delivery_delay_days", waiting),
                              ("need_delay_days", waiting)):
        out.loc[open_step & (out[column] < 0).fillna(False), column] = pd.NA
    delays = out[["announce_delay_days", "delivery_delay_days", "need_delay_days"]]
    out["delay_days"] = delays.clip(lower=0).max(axis=1).fillna(0).astype("int64")
    out = out.reset_index()
    return out[REGISTER_COLUMNS]
