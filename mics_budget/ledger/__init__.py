"""Money: the plan, the budget lines and payments (``load``), exchange rates (``fx``), the
monthly schedule, spending by source, the forecast and the currency effect.
"""

from typing import Any


def __getattr__(name: str) -> Any:
    """The names of ``mics_budget.ledger`` from before the rooms (the module that is now
    ``mics_budget.ledger.load``), imported when first asked for."""
    import importlib

    module = importlib.import_module(".load", __name__)
    if name.startswith("__") or not hasattr(module, name):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(module, name)
