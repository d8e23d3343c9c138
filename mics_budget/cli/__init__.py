"""The ``mics-budget`` command line: the parser (``cli``), the commands and their output.
"""

from typing import Any

from .cli import main

__all__ = ["main"]


def __getattr__(name: str) -> Any:
    """The names of ``mics_budget.cli`` from before the rooms (now ``mics_budget.cli.cli``)."""
    from . import cli

    if name.startswith("__") or not hasattr(cli, name):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(cli, name)
