"""Procurement: the register (``load``), the lifecycle of a lot as one table, the rules of
recording (``recording``), corrections, the status of each lot (``status``), red flags,
alerts, KPIs and the OCDS export.
"""

from typing import Any


def __getattr__(name: str) -> Any:
    """The names of ``mics_budget.procurement`` from before the rooms (the module that is now
    ``mics_budget.procurement.load``), imported when first asked for."""
    import importlib

    module = importlib.import_module(".load", __name__)
    if name.startswith("__") or not hasattr(module, name):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(module, name)
