"""The monthly report: the report object (``report``), the papermill runner, charts and the
tables for people (``presentation``).
"""

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "MonthlyReport":  # its path before the rooms: mics_budget.report.MonthlyReport
        from .report import MonthlyReport

        return MonthlyReport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
