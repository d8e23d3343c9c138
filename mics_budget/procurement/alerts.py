"""What needs the attention of ДАР today: the same facts for the register app's panel and for
``mics-budget procurement alerts`` (a cron job can mail its JSON).

* ``late_announcement`` — not announced although its planned announcement date has passed;
* ``late_delivery`` — signed, not delivered, and the date it was needed by has passed;
* ``delivered_after_need`` — delivered after the activities that need it began;
* ``payment_above_contract`` — more paid on the lot than its contract in force;
* ``paid_short`` — at «оплачено» (or closed after it) with less paid than the contract;
* ``above_estimate`` — a contract above ``confirm_above_estimate`` × the estimate;
* ``portal_conflict`` — a step typed in the register that goszakup.gov.kz contradicts (the
  last ``import goszakup`` of the lot found it; gone once the typed entry is voided).

An alert is a :class:`~.flags.Flag` value (lot, code, severity, facts) with its own labels
(``alert.<code>``), translated only when shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

import pandas as pd

from ..core.params import procurement_settings
from .flags import Flag
from .lifecycle import ENDED
from .status import register

if TYPE_CHECKING:
    from ..project import Project

ALERTS = ("late_announcement", "late_delivery", "delivered_after_need",
          "payment_above_contract", "paid_short", "above_estimate", "portal_conflict")


@dataclass(frozen=True)
class Alert(Flag):
    kind: ClassVar[str] = "alert"


def alerts(project: Project, as_of: date, table: pd.DataFrame | None = None) -> list[Alert]:
    """Every alert as of a date, lot by lot in register order."""
    lots = register(project, as_of) if table is None else table
    signed = project.on(as_of).states["signed"]
    open_lot = ~lots["stage"].isin(ENDED)
    late = lots.loc[open_lot & lots["announced"].isna()
                    & (lots["announce_delay_days"] > 0).fillna(False)]
    overdue = lots.loc[open_lot & lots["contract_amount"].notna() & lots["delivered"].isna()
                       & (lots["delivery_delay_days"] > 0).fillna(False)]
    after = lots.loc[lots["delivered"].notna() & (lots["need_delay_days"] > 0).fillna(False)]
    above = lots.loc[lots["contract_amount"].notna() & (lots["paid"] > lots["contract_amount"])]
    found: list[tuple[int, int, Alert]] = []

    def add(code: str, rows: pd.DataFrame, facts) -> None:
        for position, row in zip(rows.index, rows.itertuples(index=False), strict=True):
            found.append((position, ALERTS.index(code),
                          Alert(row.lot, code, "warning", tuple(facts(row)))))

    add("late_announcement", late, lambda r: (
        ("planned", r.planned_announce.date()), ("days", int(r.announce_delay_days))))
    add("late_delivery", overdue, lambda r: (
        ("signed", signed[r.lot].date()), ("needed_by", r.needed_by.date()),
        ("days", int(r.delivery_delay_days))))
    add("delivered_after_need", after, lambda r: (
        ("delivered", r.delivered.date()), ("days", int(r.need_delay_days)),
        ("start", r.need_start.date()), ("activities", r.need_activities)))
    add("payment_above_contract", above, lambda r: (
        ("paid", r.paid), ("contract", r.contract_amount)))
    short = lots.loc[lots["stage"].isin(["paid", "closed"]) & lots["contract_amount"].notna()
                     & (lots["paid"] < lots["contract_amount"])]
    add("paid_short", short, lambda r: (("paid", r.paid), ("contract", r.contract_amount)))
    limit = procurement_settings().confirm_above_estimate
    high = lots.loc[lots["contract_amount"].notna() & (lots["estimate"] > 0)
                    & (lots["contract_amount"] > limit * lots["estimate"])]
    add("above_estimate", high, lambda r: (
        ("contract", r.contract_amount), ("estimate", r.estimate),
        ("times", f"{r.contract_amount / r.estimate:.1f}")))
    conflicts = standing_conflicts(project, as_of)
    if len(conflicts):
        position = {lot: i for i, lot in enumerate(lots["lot"])}
        for row in conflicts.itertuples(index=False):
            found.append((position.get(row.lot, len(position)), ALERTS.index("portal_conflict"),
                          Alert(row.lot, "portal_conflict", "warning", (
                              ("stage", row.status), ("column", row.column),
                              ("register", _typed(row.column, row.register)),
                              ("event_id", row.event_id),
                              ("portal", _typed(row.column, row.portal)),
                              ("portal_id", row.portal_id)))))
    found.sort(key=lambda item: item[:2])
    return [alert for *_, alert in found]


def standing_conflicts(project: Project, as_of: date) -> pd.DataFrame:
    """The conflicts with the portal (:attr:`.PortalFacts.conflicts`) whose typed entry is
    still in force on ``as_of`` (a voided entry's conflict is resolved)."""
    conflicts = project.portal.conflicts
    if conflicts.empty:
        return conflicts
    events = project.events
    standing = events.loc[events["valid"] & ~events["voided"].astype(bool)
                          & (events["date"] <= pd.Timestamp(as_of)), "event_id"]
    return conflicts.loc[conflicts["event_id"].isin(set(standing))]


def _typed(column: str, value: str) -> object:
    """A register or portal value of a conflict as what it is (a day, an amount), so that it
    is written as the language writes days and money when shown."""
    try:
        if column == "date":
            return date.fromisoformat(value[:10])
        if column == "amount":
            return float(value)
    except ValueError:
        pass
    return value
