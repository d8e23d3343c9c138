"""MICS budget & procurement tracker (BNS ASPR RK, 2023-2025).

``mics_budget.load(DIR)`` loads a data folder once and returns the :class:`Project`.
"""

from .checks import Problem
from .errors import UserError
from .i18n import set_lang, t
from .periods import Period, PeriodError, parse_period
from .plan import Activity, Plan
from .project import Project, load

__all__ = ["Activity", "Period", "PeriodError", "Plan", "Problem", "Project", "UserError",
           "load", "parse_period", "set_lang", "t"]
__version__ = "0.1.0"
