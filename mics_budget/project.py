"""The central object: a data folder loaded once, with the domain modules hanging off it.

>>> project = mics_budget.load("data")          # doctest: +SKIP
>>> project.status(date(2024, 5, 1))             # doctest: +SKIP
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from .checks import Problem
from .config import DataDir
from .plan import Plan, load_plan
from .schedule import load_progress, status_table


@dataclass
class Project:
    data: DataDir
    plan: Plan
    progress: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)

    @property
    def example_data(self) -> bool:
        return self.data.is_example

    def status(self, as_of: date) -> pd.DataFrame:
        """The schedule status of every activity as of ``as_of`` (see :mod:`.schedule`)."""
        return status_table(self.plan, self.progress, as_of)


def load(data: str | os.PathLike[str] | DataDir | None = None) -> Project:
    """Load a data folder (default: the project's ``data/``) once; problems are kept, not raised.

    A missing or broken plan raises :class:`~mics_budget.labels.UserError`: without the plan
    nothing else can be checked.
    """
    folder = data if isinstance(data, DataDir) else DataDir.resolve(data)
    plan = load_plan(folder)
    progress, problems = load_progress(folder, plan)
    return Project(folder, plan, progress, problems)
