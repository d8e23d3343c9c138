"""The ``mics-budget`` command line: the parser (``cli``), the commands and their output.
"""

from .cli import main

__all__ = ["main"]
