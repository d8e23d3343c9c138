"""Words the command line needs before anything is loaded (so ``mics-budget --help`` imports
no pandas): output formats, procurement methods, grouping keys, roles, and short excerpts
of values."""

from __future__ import annotations

FORMATS = ("json", "table", "csv")
#: procurement methods (the law's; ``lots.csv`` column ``method``)
METHODS = ("open_tender", "auction", "price_quotations", "single_source", "e_shop",
           "commodity_exchange")
#: what ``summary --by`` groups by, in this order
GROUP_KEYS = ("activity", "section", "unit", "program", "subprogram", "specifics", "year",
              "month")
#: roles of the people who sign in (``users add --role``), each allowed what the one before is
ROLES = ("viewer", "recorder", "admin")
EXCERPT = 80  # characters of a value quoted in a message


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """``value`` as text, cut to ``limit`` characters (with '…'), one line."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
