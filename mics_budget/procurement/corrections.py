"""Corrections without erasure: the register files are only ever appended to.

* **Events** have a stable ``event_id``: the one written when the event was recorded
  (``LOT-n``, the n-th row of that lot), or, for a row without one, ``row-N`` after its row in
  the file (stable because the file is only appended to). A ``void`` row (``voids`` = an
  event_id, ``note`` = the reason) cancels an earlier event: the event stays in the file and in
  the lot's history, marked voided, and no longer counts (replay, figures, red flags, OCDS).
  Only the latest step of a lot still in force can be voided (what depends on it first).
* **Lots**: a later row of the same lot amends it (its planning fields); the last valid row is
  in force and the earlier ones are its history (see :func:`.procurement.load_lots`).
"""

from __future__ import annotations

import pandas as pd

from ..core.checks import ERROR, Problem, from_mask
from ..core.values import duplicated, is_digits, isin, lookup_text
from ..i18n import Stages
from .lifecycle import VOID

HISTORY_COLUMNS = ["event_id", "date", "status", "amount", "bids", "supplier", "document",
                   "note", "recorded_by", "recorded_at", "portal_id", "portal_page", "voided",
                   "voided_by", "voided_at", "void_reason", "valid"]
PORTAL = "https://goszakup.gov.kz/ru"
#: the public page of a portal record an imported entry came from, by the kind of its id
PORTAL_PAGES = {"trd_buy": PORTAL + "/announce/index/{id}",
                "contract": PORTAL + "/egzcontract/cpublic/show/{id}"}


def portal_page(portal_id: str) -> str:
    """The page on goszakup.gov.kz of an imported entry (``goszakup:trd_buy:<id>:…`` → the
    announcement, ``goszakup:contract:<id>…`` → the contract); "" for a typed entry or a
    record with no public page of its own (an acceptance act)."""
    parts = str(portal_id or "").split(":")
    if len(parts) < 3 or parts[0] != "goszakup" or parts[1] not in PORTAL_PAGES:
        return ""
    return PORTAL_PAGES[parts[1]].format(id=parts[2]) if is_digits(parts[2]) else ""


POSITIONAL = "row-"  # the id of a register row recorded without one: row-<its row number>


def positional_id(row: int) -> str:
    """The id of a register row recorded without one."""
    return f"{POSITIONAL}{row}"


def apply_voids(events: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Give every event its id, then apply the ``void`` rows: each cancels the event it names.

    A void row itself is never a step (``valid`` is False). Its target must exist, belong to
    the same lot and not be a void; an id used twice is an error on the later row. Voided
    events are kept, with ``voided`` True and ``valid`` False.
    """
    out = events
    given = out["event_id"].fillna("").str.strip() if "event_id" in out else None
    ids = POSITIONAL + out["_row"].astype("str")  # positional_id of each row
    if given is not None:
        ids = given.where(given != "", ids)
    ids = ids.astype("str")
    out = out.assign(event_id=ids)
    if "voids" not in out:
        out = out.assign(voids="")
    twice = duplicated(ids)
    problems = from_mask(out, twice, ERROR, "event_id", "problem.duplicate_event_id")
    is_void = out["status"] == VOID
    if not is_void.any():  # the usual register: nothing to look up
        return out.assign(voided=False, valid=out["valid"] & ~twice), problems
    first = ~twice
    known = dict(zip(ids[first], out.loc[first, "lot"], strict=True))
    kinds = dict(zip(ids[first], out.loc[first, "status"], strict=True))
    target = out["voids"].fillna("").str.strip()
    no_target = is_void & (target == "")
    unknown = is_void & ~no_target & ~isin(target, list(known))
    other_lot = is_void & ~no_target & ~unknown & (lookup_text(target, known) != out["lot"])
    of_void = is_void & ~no_target & ~unknown & ~other_lot & \
        (lookup_text(target, kinds) == VOID)
    problems += from_mask(out, no_target, ERROR, "voids", "problem.void_without_target")
    problems += from_mask(out, unknown, ERROR, "voids", "problem.void_unknown_event")
    problems += from_mask(out, other_lot, ERROR, "voids", "problem.void_other_lot")
    problems += from_mask(out, of_void, ERROR, "voids", "problem.void_of_void")
    applied = is_void & out["valid"] & ~(no_target | unknown | other_lot | of_void | twice)
    applied, refused = _latest_first(out, ids, target, applied, is_void | twice)
    problems += refused
    voided = isin(ids, set(target[applied])) & ~is_void & ~twice
    return out.assign(voided=voided, valid=out["valid"] & ~is_void & ~voided & ~twice), problems


def _latest_first(out: pd.DataFrame, ids: pd.Series, target: pd.Series, applied: pd.Series,
                  not_steps: pd.Series) -> tuple[pd.Series, list[Problem]]:
    """The rule ``procurement void`` applies, applied to a void written by hand too: a void
    row takes effect only if its target was, when the void was written (its place in the
    file), the lot's latest step still in force; else it is an error and changes nothing.
    Voids are few: they are checked one by one in the order they were written."""
    if not applied.any():
        return applied, []
    steps = out.loc[~not_steps & out["valid"], ["lot", "date", "_row", "status"]].assign(
        event_id=ids[~not_steps & out["valid"]])
    gone: set[str] = set()
    problems: list[Problem] = []
    applied = applied.copy()
    for index in out.index[applied.to_numpy()]:
        row = out.loc[index]
        aim = steps.loc[steps["event_id"] == target[index]]
        if aim.empty:  # its target is refused anyway (an invalid row): nothing to undo
            continue
        first = aim.iloc[0]
        mine = steps.loc[(steps["lot"] == row["lot"]) & (steps["_row"] < row["_row"])
                         & ~steps["event_id"].isin(gone)]
        later = mine.loc[(mine["date"] > first["date"]) | ((mine["date"] == first["date"])
                                                           & (mine["_row"] > first["_row"]))]
        if len(later):
            applied[index] = False
            problems += from_mask(out.loc[[index]], pd.Series(True, index=[index]), ERROR,
                                  "voids", "problem.void_not_latest",
                                  later=Stages(list(zip(later["event_id"], later["status"],
                                                        strict=True))))
        else:
            gone.add(str(target[index]))
    return applied, problems


def history(events: pd.DataFrame, lot: str) -> pd.DataFrame:
    """Every event of ``lot`` in the order it happened (date, then row), voided ones included,
    each with who voided it, when and why (``void`` rows themselves are shown through their
    target). ``valid`` is False for an event that is voided or that the checks refused."""
    rows = events.loc[events["lot"] == lot].sort_values(["date", "_row"], kind="stable")
    voids = rows.loc[rows["status"] == VOID].drop_duplicates("voids", keep="first")
    voids = voids.set_index("voids")
    steps = rows.loc[rows["status"] != VOID]
    out = pd.DataFrame({
        "event_id": steps["event_id"], "date": steps["date"], "status": steps["status"],
        "amount": steps["amount_minor"] / 100, "bids": steps["bids"],
        "supplier": steps["supplier"], "document": steps["document"], "note": steps["note"],
        "recorded_by": steps["recorded_by"], "recorded_at": steps["recorded_at"],
        "portal_id": steps["portal_id"],
        "portal_page": steps["portal_id"].map(portal_page),
        "voided": steps["voided"],
        "voided_by": _about(steps["event_id"], voids["recorded_by"]),
        "voided_at": _about(steps["event_id"], voids["recorded_at"]),
        "void_reason": _about(steps["event_id"], voids["note"]),
        "valid": steps["valid"]})
    return out.reset_index(drop=True)[HISTORY_COLUMNS]


def _about(ids: pd.Series, facts: pd.Series) -> pd.Series:
    """``facts`` (indexed by the voided event's id) for each of ``ids``; "" where none."""
    return ids.map(dict(zip(facts.index, facts, strict=True))).astype(object).where(
        ids.isin(facts.index), "").astype("str")
