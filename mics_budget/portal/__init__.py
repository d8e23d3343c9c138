"""The procurement portal (goszakup.gov.kz): reading its saved answers (``read``), the facts
kept of them, the steps derived from them, fetching (``fetch``) and the import (``importer``).
"""

from ..core._compat import lend_names

__getattr__ = lend_names(__name__, ".read")  # mics_budget.portal before the rooms
