"""Money: the plan, the budget lines and payments (``load``), exchange rates (``fx``), the
monthly schedule, spending by source, the forecast and the currency effect.
"""

from ..core._compat import lend_names

__getattr__ = lend_names(__name__, ".load")  # mics_budget.ledger before the rooms
