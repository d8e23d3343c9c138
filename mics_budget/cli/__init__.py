"""The ``mics-budget`` command line: the parser (``cli``), the commands and their output.
"""

from ..core._compat import lend_names
from .cli import main

__all__ = ["main"]
__getattr__ = lend_names(__name__, ".cli")  # mics_budget.cli before the rooms
