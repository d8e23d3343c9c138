"""The monthly report: the report object (``report``), the papermill runner, charts and the
tables for people (``presentation``).
"""


from ..core._compat import lend_names

__getattr__ = lend_names(__name__, ".report")  # mics_budget.report before the rooms
