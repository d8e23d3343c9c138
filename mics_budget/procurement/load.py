"""The procurement register: lots and their events (loading and checks).

This module loads and validates ``procurement/lots.*`` and ``procurement/events.*`` and gives
the contract amounts in force, which the ledger counts as commitments.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..config import DataDir
from ..core.checks import ERROR, WARNING, Problem, from_mask
from ..core.params import procurement_settings
from ..core.schemas import EVENTS, LOTS, conform
from ..core.tables import valid_until
from ..core.values import (
    MAX_AMOUNT_TEXT,
    above_ceiling,
    isin,
    lookup,
    parse_amounts,
    parse_dates,
    parse_ints,
)
from ..ledger.fx import convert, currencies, normalise_currency
from ..ledger.load import Loaded, read_input
from ..ledger.plan import Plan
from ..vocabulary import METHODS
from .corrections import apply_voids
from .lifecycle import IN_FORCE, STATUSES, VOID


def laws() -> dict[str, date]:
    """Versions of the procurement law and the day each applies from (``params``)."""
    return {name: law.start for name, law in procurement_settings().laws.items()}


def law_on(day: date, versions: dict[str, date] | None = None) -> str:
    """The law version in force on ``day`` (the first one for days before all of them)."""
    ordered = sorted((versions or laws()).items(), key=lambda item: item[1])
    if not ordered:
        return ""
    applying = [name for name, start in ordered if start <= day]
    return applying[-1] if applying else ordered[0][0]


def load_lots(data: DataDir, plan: Plan) -> Loaded:
    frame, problems = read_input(data, "procurement", LOTS)
    funding = lookup(frame["activity"], {a.id: a.funding for a in plan.activities})
    procurement = lookup(frame["activity"], {a.id: a.procurement for a in plan.activities})
    estimate, bad_estimate, has_sign = parse_amounts(frame["estimate"])
    currency = normalise_currency(frame["currency"])
    planned, bad_planned = parse_dates(frame["planned_announce"])
    needed, bad_needed = parse_dates(frame["needed_by"])
    method = frame["method"].str.lower()
    missing_lot = frame["lot"] == ""
    first = frame.groupby("lot", sort=False)[["activity", "method"]].transform("first")
    changed = ~missing_lot & ((frame["activity"] != first["activity"])
                              | (method != first["method"].str.lower()))
    unknown_activity = funding.isna()
    none_funded = funding.eq("NONE")
    not_procurement = ~unknown_activity & ~none_funded & procurement.eq(False)
    bad_method = ~isin(method, METHODS)
    bad_estimate = bad_estimate | estimate.isna()
    too_large = above_ceiling(estimate)
    negative = estimate.fillna(0) < 0
    bad_currency = ~isin(currency, currencies())
    unknown_law = (frame["law"] != "") & ~isin(frame["law"], list(laws()))
    problems += from_mask(frame, unknown_law, WARNING, "law", "problem.unknown_law",
                          choices=", ".join(laws()))
    problems += from_mask(frame, missing_lot, ERROR, "lot", "problem.missing_lot_id")
    problems += from_mask(frame, changed, ERROR, "lot", "problem.lot_identity_changed")
    problems += from_mask(frame, unknown_activity, ERROR, "activity", "problem.unknown_activity")
    problems += from_mask(frame, none_funded, ERROR, "activity", "problem.no_funding")
    problems += from_mask(frame, not_procurement, WARNING, "activity",
                          "problem.lot_not_procurement")
    problems += from_mask(frame, bad_method, ERROR, "method", "problem.unknown_method")
    problems += from_mask(frame, bad_estimate & ~has_sign, ERROR, "estimate",
                          "problem.bad_number")
    problems += from_mask(frame, has_sign, ERROR, "estimate", "problem.currency_sign")
    problems += from_mask(frame, negative, ERROR, "estimate", "problem.negative_budget")
    problems += from_mask(frame, too_large, ERROR, "estimate", "problem.amount_too_large",
                          limit=MAX_AMOUNT_TEXT)
    problems += from_mask(frame, bad_currency, ERROR, "currency", "problem.unknown_currency")
    problems += from_mask(frame, bad_planned, ERROR, "planned_announce", "problem.bad_date")
    problems += from_mask(frame, bad_needed, ERROR, "needed_by", "problem.bad_date")
    frame["method"] = method
    frame["estimate_minor"] = estimate
    frame["currency"] = currency
    frame["planned_announce"] = planned
    frame["needed_by"] = needed
    frame["source"] = funding
    valid = ~(missing_lot | changed | unknown_activity | none_funded | bad_method
              | bad_estimate | negative | too_large | bad_currency | bad_planned | bad_needed)
    # a later valid row of a lot amends it (the register is only appended to): the last valid
    # row is in force, the earlier ones are kept as its history
    later = valid[::-1].groupby(frame["lot"][::-1]).cumsum()[::-1] > 1
    frame["superseded"] = valid & later
    frame["valid"] = valid & ~later
    return Loaded(conform(frame, LOTS), problems)


def load_events(data: DataDir, lots: pd.DataFrame) -> Loaded:
    frame, problems = read_input(data, "procurement", EVENTS)
    dates, bad_date = parse_dates(frame["date"])
    amount, bad_amount, has_sign = parse_amounts(frame["amount"])
    bids, bad_bids = parse_ints(frame["bids"])
    status = frame["status"].str.lower()
    valid_lots = set(lots.loc[lots["valid"], "lot"])
    unknown_lot = ~isin(frame["lot"], lots["lot"])
    invalid_lot = ~unknown_lot & ~isin(frame["lot"], valid_lots)
    bad_status = ~isin(status, [*STATUSES, VOID])
    bad_date = bad_date | dates.isna()
    needs_amount = status.isin(IN_FORCE) & amount.isna() & ~bad_amount
    negative = amount.fillna(0) < 0
    too_large = above_ceiling(amount)
    problems += from_mask(frame, unknown_lot, ERROR, "lot", "problem.unknown_lot")
    problems += from_mask(frame, bad_date, ERROR, "date", "problem.bad_date")
    problems += from_mask(frame, bad_status, ERROR, "status", "problem.unknown_status")
    problems += from_mask(frame, bad_amount & ~has_sign, ERROR, "amount", "problem.bad_number")
    problems += from_mask(frame, has_sign, ERROR, "amount", "problem.currency_sign")
    problems += from_mask(frame, needs_amount, ERROR, "amount", "problem.contract_no_amount")
    problems += from_mask(frame, negative, ERROR, "amount", "problem.negative_budget")
    problems += from_mask(frame, too_large, ERROR, "amount", "problem.amount_too_large",
                          limit=MAX_AMOUNT_TEXT)
    problems += from_mask(frame, bad_bids, ERROR, "bids", "problem.bad_number")
    frame["date"] = dates
    frame["status"] = status
    frame["amount_minor"] = amount
    frame["bids"] = bids
    frame["valid"] = ~(unknown_lot | invalid_lot | bad_date | bad_status | bad_amount
                       | has_sign | needs_amount | negative | too_large | bad_bids)
    frame, more = apply_voids(frame)
    return Loaded(frame, problems + more)


def events_until(events: pd.DataFrame, as_of) -> pd.DataFrame:
    """Valid events dated on or before ``as_of``, in each lot's order (date, then row)."""
    return valid_until(events, as_of).sort_values(["lot", "date", "_row"], kind="stable")


def lot_states(lots: pd.DataFrame, events: pd.DataFrame, as_of) -> pd.DataFrame:
    """Per valid lot as of a date (events replayed by :func:`.lifecycle.replay`): ``stage``
    (empty before the first event), ``stage_since``, ``amount_in_force`` and ``signed``
    (the first ``contracted`` date)."""
    ev = events_until(events, as_of)
    last = ev.groupby("lot", sort=False).tail(1).set_index("lot")
    # the stage began with the first event that brought the lot to it (amendments do not)
    changes = ev.loc[ev["stage"] != ev.groupby("lot")["stage"].shift()]
    since = changes.groupby("lot", sort=False)["date"].last()
    signed = ev.loc[ev["status"] == "contracted"].groupby("lot", sort=False)["date"].min()
    valid = lots.loc[lots["valid"]].set_index("lot")
    out = pd.DataFrame(index=valid.index)
    out["stage"] = last["stage"].reindex(out.index).fillna("")
    out["stage_since"] = since.reindex(out.index)
    out["amount_in_force"] = last["amount_in_force"].reindex(out.index).astype("Int64")
    out["signed"] = signed.reindex(out.index)
    out["last_event"] = last["date"].reindex(out.index)
    return out


def contracts_in_force(lots: pd.DataFrame, events: pd.DataFrame, rates: pd.DataFrame,
                       as_of: pd.Timestamp) -> tuple[pd.DataFrame, list[Problem]]:
    """Per contracted lot as of a date: amount in force (own currency and KZT, at the rate of
    the signature date), signature date, and whether it was terminated by then."""
    states = lot_states(lots, events, as_of)
    states = states.loc[states["signed"].notna() & states["amount_in_force"].notna()]
    valid = lots.loc[lots["valid"]].set_index("lot")
    out = pd.DataFrame({"amount_minor": states["amount_in_force"], "date": states["signed"]})
    for column in ("currency", "activity", "specifics", "source", "_file", "_sheet", "_row"):
        out[column] = valid[column].reindex(out.index)
    out["terminated"] = states["stage"] == "terminated"
    out.index.name = "lot"
    return convert(out.reset_index(), rates)
