"""Red flags of the procurement register (thresholds in ``params/red_flags.yaml``).

After the Open Contracting Partnership's red flags guide and its Cardinal tool. Each flag is a
dict ``{"lot", "flag", "severity", "detail"}``; ``detail`` is a sentence for people, in the
current language, and ``flags.<name>`` in the labels explains the flag itself.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from .i18n import format_date, format_money, format_percent, t
from .lifecycle import IN_FORCE
from .params import load_params
from .register import register

if TYPE_CHECKING:
    from .project import Project

FLAG_NAMES = ("single_bid", "short_submission", "single_source_without_note",
              "price_near_estimate", "amendment_increase", "delivery_after_need",
              "payment_above_contract", "payment_before_delivery", "payment_without_lot",
              "supplier_several_lots")


def red_flags(project: Project, as_of: date, rules: dict | None = None,
              table: pd.DataFrame | None = None) -> list[dict]:
    """Every red flag as of a date, lot by lot in register order."""
    rules = rules if rules is not None else load_params("red_flags")
    table = register(project, as_of) if table is None else table
    ev, pays = project.events_on(as_of), project.payments_on(as_of)
    flags: list[dict] = []

    def flag(lot: str | None, name: str, severity: str | None = None, **params: object) -> None:
        rule = rules.get(name) or {}
        flags.append({"lot": lot, "flag": name,
                      "severity": severity or rule.get("severity", "warning"),
                      "detail": t(f"flag.{name}.detail", **params)})

    winners = table.loc[table["supplier"] != ""]
    winner_key = winners["supplier_bin"].where(winners["supplier_bin"] != "",
                                               winners["supplier"])
    lots_per_supplier = winner_key.groupby(winner_key).transform("size")
    for row in table.itertuples(index=False):  # the register: one row per lot
        lot_events = ev.loc[ev["lot"] == row.lot]
        if "single_bid" in rules and row.method in rules["single_bid"].get("methods", []) \
                and pd.notna(row.bids) and row.bids == 1:
            flag(row.lot, "single_bid", method=t(f"method.{row.method}"))
        announced = lot_events.loc[lot_events["status"] == "announced", "date"]
        evaluated = lot_events.loc[lot_events["status"] == "evaluation", "date"]
        minimum = ((rules.get("short_submission") or {}).get("min_days") or {}).get(
            row.law, {}).get(row.method)
        for start in announced:  # each round of a repeated tender
            ends = evaluated[evaluated >= start]
            if minimum and len(ends) and (ends.iloc[0] - start).days < minimum:
                flag(row.lot, "short_submission", days=(ends.iloc[0] - start).days,
                     minimum=minimum, law=row.law)
        if row.method == "single_source" and "single_source_without_note" in rules and \
                not (lot_events["note"] != "").any() and len(lot_events):
            flag(row.lot, "single_source_without_note")
        rule = rules.get("price_near_estimate")
        if rule and pd.notna(row.contract_amount) and pd.notna(row.estimate) and \
                row.estimate > 0 and row.contract_amount >= rule["threshold"] * row.estimate:
            flag(row.lot, "price_near_estimate", share=format_percent(
                row.contract_amount / row.estimate), threshold=format_percent(rule["threshold"]))
        rule = rules.get("amendment_increase")
        if rule:
            in_force = lot_events.loc[lot_events["status"].isin(IN_FORCE),
                                      ["status", "amount_minor", "date"]]
            first = in_force["amount_minor"].iloc[0] if len(in_force) else None
            previous = first
            for step in in_force.itertuples():
                if step.status == "amended" and step.amount_minor > previous:
                    rise = (step.amount_minor - first) / first if first else 0
                    over = rise > rule.get("cumulative_threshold", 0.1)
                    flag(row.lot, "amendment_increase",
                         severity=rule.get("cumulative_severity") if over else None,
                         old=format_money(previous / 100), new=format_money(
                             step.amount_minor / 100), rise=format_percent(rise))
                previous = step.amount_minor
        if "delivery_after_need" in rules and pd.notna(row.need_delay_days) and \
                row.need_delay_days > 0 and row.stage != "":  # a lot never started: no flag
            flag(row.lot, "delivery_after_need", days=int(row.need_delay_days),
                 activities=row.need_activities,
                 start=format_date(row.need_start.date()))
        lot_pays = pays.loc[pays["contract"] == row.lot]
        if "payment_above_contract" in rules and pd.notna(row.contract_amount) and \
                row.paid > row.contract_amount:
            flag(row.lot, "payment_above_contract", paid=format_money(row.paid),
                 contract=format_money(row.contract_amount))
        if "payment_before_delivery" in rules and len(lot_pays):
            early = lot_pays if pd.isna(row.delivered) else lot_pays.loc[
                lot_pays["date"] < row.delivered]
            if len(early):
                flag(row.lot, "payment_before_delivery", payment=early["id"].iloc[0],
                     date=format_date(early["date"].iloc[0].date()))
        rule = rules.get("supplier_several_lots")
        if rule and row.supplier and lots_per_supplier.get(
                winners.index[winners["lot"] == row.lot][0], 0) >= rule.get("min_lots", 2):
            flag(row.lot, "supplier_several_lots", supplier=row.supplier,
                 count=int(lots_per_supplier[winners.index[winners["lot"] == row.lot][0]]))
    if "payment_without_lot" in rules:
        procurement = {a.id for a in project.plan.activities if a.procurement}
        loose = pays.loc[pays["activity"].isin(procurement) & (pays["contract"] == "")]
        for payment in loose.itertuples():
            flag(None, "payment_without_lot", payment=payment.id, activity=payment.activity,
                 amount=format_money(payment.kzt_minor / 100))
    return flags
