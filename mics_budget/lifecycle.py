"""The life of a procurement lot as data: stages, allowed steps and their OCDS 1.1 codes.

Statuses move forward only (docs/domain.md, Procurement). ``unsuccessful`` may go back to
``announced`` (a repeated tender) or on to ``cancelled``; ``amended`` is not a stage: it is
allowed while the lot is ``contracted`` or ``delivered`` and changes the amount in force.
Direct methods (single source, e-shop) may go from nothing or ``planned`` straight to
``awarded`` or ``contracted``. Replaying a lot's events in date order gives its state on any
date; an event that is not an allowed step is a problem and the lot stays at its last valid
step.
"""

from __future__ import annotations

import pandas as pd

from .checks import ERROR, Problem

START = ""  # the state of a lot before its first event
DIRECT_METHODS = frozenset({"single_source", "e_shop"})
TERMINAL = frozenset({"cancelled", "closed", "terminated"})

# (from, to, only for these methods or None for all) — the whole lifecycle in one table
TRANSITIONS: tuple[tuple[str, str, frozenset[str] | None], ...] = (
    (START, "planned", None),
    (START, "announced", None),
    (START, "awarded", DIRECT_METHODS),
    (START, "contracted", DIRECT_METHODS),
    ("planned", "announced", None),
    ("planned", "cancelled", None),
    ("planned", "awarded", DIRECT_METHODS),
    ("planned", "contracted", DIRECT_METHODS),
    ("announced", "evaluation", None),
    ("announced", "unsuccessful", None),
    ("announced", "cancelled", None),
    ("evaluation", "awarded", None),
    ("evaluation", "unsuccessful", None),
    ("evaluation", "cancelled", None),
    ("unsuccessful", "announced", None),  # a repeated tender
    ("unsuccessful", "cancelled", None),
    ("awarded", "contracted", None),
    ("awarded", "cancelled", None),
    ("contracted", "amended", None),
    ("contracted", "delivered", None),
    ("contracted", "terminated", None),
    ("delivered", "amended", None),
    ("delivered", "paid", None),
    ("delivered", "closed", None),
    ("delivered", "terminated", None),
    ("paid", "closed", None),
    ("paid", "terminated", None),
)
STEPS = frozenset({"amended"})  # allowed events that leave the stage as it is

# local status -> OCDS 1.1 (tender status, award status, contract status, release tag)
OCDS: dict[str, tuple[str | None, str | None, str | None, str]] = {
    "planned": ("planned", None, None, "planning"),
    "announced": ("active", None, None, "tender"),
    "evaluation": ("active", None, None, "tenderUpdate"),
    "unsuccessful": ("unsuccessful", None, None, "tenderUpdate"),
    "cancelled": ("cancelled", None, None, "tenderCancellation"),
    "awarded": ("complete", "active", None, "award"),
    "contracted": ("complete", "active", "active", "contract"),
    "amended": ("complete", "active", "active", "contractAmendment"),
    "delivered": ("complete", "active", "active", "implementation"),
    "paid": ("complete", "active", "active", "implementation"),
    "closed": ("complete", "active", "terminated", "contractTermination"),
    "terminated": ("complete", "active", "terminated", "contractTermination"),
}


def allowed(stage: str, method: str) -> list[str]:
    """The statuses that may be recorded next for a lot at ``stage`` with ``method``."""
    return [to for frm, to, methods in TRANSITIONS
            if frm == stage and (methods is None or method in methods)]


def replay(events: pd.DataFrame, lots: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Check every lot's events in order; add ``step_ok``, ``stage`` (after the event) and
    ``amount_in_force`` (after the event, own currency, minor units) to the events.

    Only events already ``valid`` (readable, known lot and status) are replayed. An event
    before the lot's last valid one, or not an allowed step from its stage, is an error and
    does not change the lot.
    """
    out = events.copy()
    out["step_ok"] = False
    out["stage"] = pd.Series(pd.NA, index=out.index, dtype="str")
    out["amount_in_force"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    problems: list[Problem] = []
    methods = dict(zip(lots["lot"], lots["method"], strict=False))
    candidates = out.loc[out["valid"]].sort_values(["lot", "date", "_row"], kind="stable")
    ok, stages, amounts = [], [], []
    lot_now, stage, last_date, in_force = None, START, None, pd.NA
    rows = candidates.rename(columns={"_file": "file", "_sheet": "sheet", "_row": "row"})
    for row in rows.itertuples():  # events: thousands, one pass
        if row.lot != lot_now:
            lot_now, stage, last_date, in_force = row.lot, START, None, pd.NA
        method = methods.get(row.lot, "")
        if last_date is not None and row.date < last_date:
            key, params = "lifecycle.out_of_order", {"last": last_date.date().isoformat()}
        elif row.status in allowed(stage, method):
            key = None
        else:
            key = "lifecycle.bad_step"
            params = {"stage": stage or "—", "allowed": ", ".join(allowed(stage, method)) or "—"}
        if key is None:
            if row.status not in STEPS:
                stage = row.status
            if row.status in ("contracted", "amended"):
                in_force = row.amount_minor
            last_date = row.date
        else:
            problems.append(Problem(ERROR, row.file, int(row.row), "status", row.status, key,
                                    params, row.sheet or None))
        ok.append(key is None)
        stages.append(stage)
        amounts.append(in_force)
    out.loc[candidates.index, "step_ok"] = ok
    out.loc[candidates.index, "stage"] = stages
    out.loc[candidates.index, "amount_in_force"] = pd.array(amounts, dtype="Int64")
    out["valid"] = out["valid"] & out["step_ok"]
    return out, problems
