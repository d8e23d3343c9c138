"""MICS budget & procurement tracker (BNS ASPR RK, 2023-2025).

``mics_budget.load(DIR)`` loads a data folder once and returns the :class:`Project`. The
package imports nothing heavy until a name is used (``mics-budget --help`` stays instant).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_NAMES = {"Problem": "checks", "UserError": "errors", "set_lang": "i18n", "t": "i18n",
          "Period": "periods", "PeriodError": "periods", "parse_period": "periods",
          "Activity": "plan", "Plan": "plan", "Project": "project", "load": "project"}

__all__ = ["Activity", "Period", "PeriodError", "Plan", "Problem", "Project",
           "UserError", "load", "parse_period", "set_lang", "t"]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from .checks import Problem
    from .errors import UserError
    from .i18n import set_lang, t
    from .periods import Period, PeriodError, parse_period
    from .plan import Activity, Plan
    from .project import Project, load


def __getattr__(name: str) -> Any:
    if name in _NAMES:
        return getattr(importlib.import_module(f".{_NAMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
