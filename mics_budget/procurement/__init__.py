"""Procurement: the register (``load``), the lifecycle of a lot as one table, the rules of
recording (``recording``), corrections, the status of each lot (``status``), red flags,
alerts, KPIs and the OCDS export.
"""

from ..core._compat import lend_names

__getattr__ = lend_names(__name__, ".load")  # mics_budget.procurement before the rooms
