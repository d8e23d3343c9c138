"""``python -m mics_budget.cli``: the same as ``mics-budget``."""

import sys

from .cli import main

sys.exit(main())
