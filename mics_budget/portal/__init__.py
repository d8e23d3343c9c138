"""The procurement portal (goszakup.gov.kz): reading its saved answers (``read``), the facts
kept of them, the steps derived from them, fetching (``fetch``) and the import (``importer``).
"""

from typing import Any


def __getattr__(name: str) -> Any:
    """The names of ``mics_budget.portal`` from before the rooms (the module that is now
    ``mics_budget.portal.read``), imported when first asked for."""
    import importlib

    module = importlib.import_module(".read", __name__)
    if name.startswith("__") or not hasattr(module, name):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(module, name)
