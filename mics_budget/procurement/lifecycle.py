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

import functools

import numpy as np
import pandas as pd

from ..core.checks import ERROR, Problem

START = ""  # the state of a lot before its first event
DIRECT_METHODS = frozenset({"single_source", "e_shop"})

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
#: the natural next step from a stage, offered first (never a rare or final one: after «paid»
#: the clerk chooses between «closed» and «terminated» on purpose)
NATURAL_NEXT = {START: "announced", "planned": "announced", "announced": "evaluation",
                "evaluation": "awarded", "unsuccessful": "announced", "awarded": "contracted",
                "contracted": "delivered", "delivered": "paid"}
STEPS = frozenset({"amended"})  # allowed events that leave the stage as it is
#: a register row that cancels an earlier event (``voids`` = its event_id): not a step
VOID = "void"
#: events that set the contract amount in force (the first signs it, the next amend it)
IN_FORCE = ("contracted", "amended")
#: every status an event may have, in the order of a lot's life (the ends last)
STATUSES: tuple[str, ...] = ("planned", "announced", "evaluation", "unsuccessful", "awarded",
                             "contracted", "amended", "delivered", "paid", "closed",
                             "cancelled", "terminated")
#: the stages a lot can be at (``START`` first), in the same order
STAGES: tuple[str, ...] = (START, *(s for s in STATUSES if s not in STEPS))
#: stages a lot never leaves; ``ENDED`` are those where it ended without being delivered
TERMINAL = frozenset(s for s in STAGES if not any(frm == s for frm, _, _ in TRANSITIONS))
ENDED = frozenset({"cancelled", "terminated"})
#: events that name the winning supplier
SUPPLIER_NAMED = ("awarded", "contracted")
#: stages past the award: a lot there was announced (or needed no announcement)
AWARDED_OR_LATER = frozenset({"awarded", "contracted", "delivered", "paid", "closed"})

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
    return list(_next_steps(stage, method in DIRECT_METHODS))


@functools.cache
def _next_steps(stage: str, direct: bool) -> tuple[str, ...]:
    return tuple(to for frm, to, methods in TRANSITIONS
                 if frm == stage and (methods is None or (direct and methods == DIRECT_METHODS)))


def replay(events: pd.DataFrame, lots: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Check every lot's events in order; add ``step_ok``, ``stage`` (after the event) and
    ``amount_in_force`` (after the event, own currency, minor units) to the events.

    Only events already ``valid`` (readable, known lot and status) are replayed. An event
    before the lot's last valid one, or not an allowed step from its stage, is an error and
    does not change the lot.

    Every lot is first replayed at once in arrays, as if each of its steps were allowed (the
    stage before an event is then the last stage-setting status before it): that is exact for
    the lots whose steps all are. The few lots with a refused step are replayed again one
    event after the other (:func:`_replay_rows`), since a refused step leaves the stage where
    it was.
    """
    out = events.copy()
    out["step_ok"] = False
    out["stage"] = pd.Series(pd.NA, index=out.index, dtype="str")
    out["amount_in_force"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
    # only rows of lots.csv in force decide (a refused row, e.g. one switching the method,
    # must not steer the replay); the last valid row of a lot is the one in force
    in_force = lots.loc[lots["valid"].fillna(False).astype(bool)] if "valid" in lots else lots
    direct = dict(zip(in_force["lot"], in_force["method"].isin(DIRECT_METHODS), strict=False))
    candidates = out.loc[out["valid"]].sort_values(["lot", "date", "_row"], kind="stable")
    lot = candidates["lot"].to_numpy(dtype=object)
    count = len(lot)
    first = np.ones(count, dtype=bool)
    first[1:] = lot[1:] != lot[:-1]
    start = np.maximum.accumulate(np.where(first, np.arange(count), 0))  # the lot's first row
    status = _CODE_INDEX.get_indexer(candidates["status"]).astype(np.int64)  # -1: unknown
    is_direct = np.array([direct.get(x, False) for x in lot[first]], dtype=np.int64)[
        np.cumsum(first) - 1]
    after = _carried(np.where(np.isin(status, _STEP_CODES), -1, status), start)
    before = np.where(first, -1, np.roll(after, 1))
    before = np.where(before < 0, 0, before)  # no stage yet: START (code 0)
    ok = (status >= 0) & _ALLOWED[before, is_direct, np.maximum(status, 0)]
    amount = candidates["amount_minor"].astype("Int64")  # exact: integers, never floats
    known = amount.notna().to_numpy()
    amount = amount.to_numpy(dtype=np.int64, na_value=0)
    source = _carried(np.where(np.isin(status, _IN_FORCE_CODES), np.arange(count), -1), start)
    has = (source >= 0) & known[np.maximum(source, 0)]
    in_force = np.where(has, amount[np.maximum(source, 0)], 0)
    stages = np.asarray(_CODES, dtype=object)[np.where(after < 0, 0, after)]
    problems: list[Problem] = []
    if not ok.all():  # the lots with a refused step: one event after the other
        rows = np.flatnonzero(np.isin(lot, np.unique(lot[~ok])))
        again = candidates.iloc[rows]
        ok_again, stages_again, amounts_again, errors = _replay_rows(again, direct)
        ok[rows] = ok_again
        stages[rows] = stages_again
        again_known = [a is not None and a is not pd.NA for a in amounts_again]
        has[rows] = again_known
        in_force[rows] = [a if k else 0 for a, k in zip(amounts_again, again_known,
                                                         strict=True)]
        for i, key, params in errors:
            row = again.iloc[i]
            problems.append(Problem(ERROR, row["_file"], int(row["_row"]), "status",
                                    row["status"], key, params, row["_sheet"] or None))
    out.loc[candidates.index, "step_ok"] = ok
    out.loc[candidates.index, "stage"] = stages
    out.loc[candidates.index, "amount_in_force"] = pd.arrays.IntegerArray(in_force, ~has)
    out["valid"] = out["valid"] & out["step_ok"]
    return out, problems


#: stages and statuses as integer codes (START is 0), and the allowed steps as a table:
#: ``_ALLOWED[stage before, direct method, status]``
_CODES: tuple[str, ...] = (START, *STATUSES)
_CODE_INDEX = pd.Index(_CODES, dtype="str")
_STEP_CODES = [_CODES.index(s) for s in STEPS]
_IN_FORCE_CODES = [_CODES.index(s) for s in IN_FORCE]
_ALLOWED = np.zeros((len(_CODES), 2, len(_CODES)), dtype=bool)
for _frm in _CODES:
    for _direct in (False, True):
        for _to in _next_steps(_frm, _direct):
            _ALLOWED[_CODES.index(_frm), int(_direct), _CODES.index(_to)] = True


def _carried(values: np.ndarray, start: np.ndarray) -> np.ndarray:
    """Each row's latest value (>= 0) at or before it within its lot, -1 where the lot has
    none yet. ``start``: the position of each row's lot's first row."""
    position = np.where(values >= 0, np.arange(len(values)), -1)
    latest = np.maximum.accumulate(position) if len(values) else position
    return np.where(latest >= start, values[np.maximum(latest, 0)], -1)


def _replay_rows(candidates: pd.DataFrame, direct: dict
                 ) -> tuple[list[bool], list[str], list, list[tuple[int, str, dict]]]:
    """The lots of ``candidates`` (sorted by lot, date and row) replayed one event after the
    other: each event's step_ok, stage and amount in force after it, and the refused ones
    (their position, message key and parameters)."""
    columns = {c: candidates[c].tolist() for c in ("lot", "date", "status", "amount_minor")}
    ok, stages, amounts = [], [], []
    errors: list[tuple[int, str, dict]] = []
    lot_now, stage, last_date, in_force = None, START, None, None
    for i, (lot, day, status, amount) in enumerate(zip(*columns.values(), strict=True)):
        if lot != lot_now:
            lot_now, stage, last_date, in_force = lot, START, None, None
        steps = _next_steps(stage, direct.get(lot, False))
        key = None
        if last_date is not None and day < last_date:
            key, params = "lifecycle.out_of_order", {"last": last_date.date().isoformat()}
        elif status not in steps:
            key = "lifecycle.bad_step"
            params = {"stage": stage or "—", "allowed": ", ".join(steps) or "—"}
        if key is None:
            if status not in STEPS:
                stage = status
            if status in IN_FORCE:
                in_force = amount
            last_date = day
        else:
            errors.append((i, key, params))
        ok.append(key is None)
        stages.append(stage)
        amounts.append(in_force)
    return ok, stages, amounts, errors
