"""The monthly report: the report object (``report``), the papermill runner, charts and the
tables for people (``presentation``).
"""


from typing import Any


def __getattr__(name: str) -> Any:
    """The names of ``mics_budget.report`` from before the rooms (the module that is now
    ``mics_budget.report.report``), imported when first asked for."""
    import importlib

    module = importlib.import_module(".report", __name__)
    if name.startswith("__") or not hasattr(module, name):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(module, name)
