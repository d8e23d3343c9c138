"""Where each activity of the plan stands on a date: planned, in progress, paused, overdue, done.

Completions come from ``DIR/plan/progress.csv`` (``activity``, ``completed_on``, ``evidence``,
``note``); a completion dated after the as-of date does not count yet.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..config import DataDir
from ..core.checks import ERROR, WARNING, Problem, from_mask
from ..core.schemas import PROGRESS
from ..core.tables import locate, read_table
from ..core.values import parse_dates
from .plan import Plan

STATUSES = ("planned", "in_progress", "paused", "overdue", "done")
def load_progress(data: DataDir, plan: Plan) -> tuple[pd.DataFrame, list[Problem]]:
    """Completions, one row per activity (the earliest valid one), and the problems found."""
    columns = ["activity", "completed_on", "evidence", "note", "_file", "_sheet", "_row"]
    path, name, problems = locate(data.root, "plan", PROGRESS.name)
    if path is None:
        return pd.DataFrame(columns=columns), problems
    frame, problems = read_table(path, PROGRESS, name)
    if frame.empty:
        return pd.DataFrame(columns=columns), problems
    completed_on, bad_date = parse_dates(frame["completed_on"])
    unknown = ~frame["activity"].isin(list(plan.by_id))
    missing_date = completed_on.isna() & ~bad_date
    problems += from_mask(frame, unknown, ERROR, "activity", "problem.unknown_activity")
    problems += from_mask(frame, bad_date | missing_date, ERROR, "completed_on",
                          "problem.bad_date")
    frame["completed_on"] = completed_on
    valid = frame.loc[~(unknown | bad_date | missing_date)].sort_values(["completed_on", "_row"])
    repeated = valid.duplicated("activity", keep="first")
    problems += from_mask(valid, repeated, WARNING, "activity", "problem.duplicate_completion")
    return valid.loc[~repeated, columns].reset_index(drop=True), problems


def status_table(plan: Plan, progress: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """``id``, ``status``, ``days_overdue``, ``completed_on`` per activity, in plan order."""
    as_of_ts = pd.Timestamp(as_of)
    done = progress.loc[progress["completed_on"] <= as_of_ts].set_index("activity")["completed_on"]
    rows = []
    for activity in plan.activities:  # the plan is small: 47 activities
        intervals = activity.period.intervals
        days_overdue = 0
        if activity.id in done.index:
            status = "done"
        elif as_of < intervals[0][0]:
            status = "planned"
        elif any(start <= as_of <= end for start, end in intervals):
            status = "in_progress"
        elif as_of > intervals[-1][1]:
            status = "overdue"
            days_overdue = (as_of - intervals[-1][1]).days
        else:
            status = "paused"
        completed = done.get(activity.id)
        rows.append({"id": activity.id, "status": status, "days_overdue": days_overdue,
                     "completed_on": None if completed is None else completed.date()})
    return pd.DataFrame(rows, columns=["id", "status", "days_overdue", "completed_on"])
