"""Module paths from before the rooms: a room lends the names of the module it replaced."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lend_names(room: str, module: str) -> Callable[[str], Any]:
    """A module-level ``__getattr__`` for the room ``room`` (a package's ``__name__``) that
    gives the names of its module ``module`` (``".load"``), imported when first asked for:
    ``from mics_budget.ledger import load_budget`` still works now that ``ledger`` is a room."""

    def __getattr__(name: str) -> Any:
        source = importlib.import_module(module, room)
        if name.startswith("__") or not hasattr(source, name):
            raise AttributeError(f"module {room!r} has no attribute {name!r}")
        return getattr(source, name)

    return __getattr__
