"""MICS budget & procurement tracker (BNS ASPR RK).

``mics_budget.load(DIR)`` loads a data folder once and returns the :class:`Project`. The
package imports nothing heavy until a name is used (``mics-budget --help`` stays instant).

The package is in rooms by role, each importing only from the rooms below it::

    cli            the mics-budget command line
    web  report    the Voila apps and sign-in; the monthly report
    portal         the procurement portal's answers and their import
    procurement    the register, the lifecycle of lots, flags, KPIs, OCDS
    ledger         plan, budget, payments, rates, spending, forecast
    core           schemas, checks, values, months, files, settings, the CSV store
    (top)          config, errors, i18n, vocabulary, texts; project and example on top of the rooms

The modules' paths before the rooms (``mics_budget.register_app``, ``mics_budget.webauth``, …)
still import, as the same module objects, so notebooks and server settings written for them go
on working; the shipped notebooks and documents use the new paths.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

_NAMES = {"Problem": "core.checks", "UserError": "errors", "set_lang": "i18n", "t": "i18n",
          "Period": "core.periods", "PeriodError": "core.periods", "parse_period": "core.periods",
          "Activity": "ledger.plan", "Plan": "ledger.plan", "Project": "project",
          "load": "project"}

# the module paths before the rooms -> where each module lives now
MOVED = {
    "schemas": "core.schemas", "checks": "core.checks", "values": "core.values",
    "months": "core.months", "periods": "core.periods", "fileio": "core.fileio",
    "params": "core.params", "xlsx": "core.xlsx", "tables": "core.tables",
    "_imports": "core._imports",
    "ledger": "ledger.load", "fx": "ledger.fx", "plan": "ledger.plan",
    "schedule": "ledger.schedule", "spending": "ledger.spending", "forecast": "ledger.forecast",
    "currency_effect": "ledger.currency_effect",
    "procurement": "procurement.load", "lifecycle": "procurement.lifecycle",
    "recording": "procurement.recording", "corrections": "procurement.corrections",
    "register": "procurement.status", "flags": "procurement.flags",
    "alerts": "procurement.alerts", "kpis": "procurement.kpis", "ocds": "procurement.ocds",
    "portal": "portal.read", "portal_facts": "portal.facts", "portal_derive": "portal.derive",
    "portal_fetch": "portal.fetch", "portal_import": "portal.importer",
    "report": "report.report", "runner": "report.runner", "charts": "report.charts",
    "presentation": "report.presentation", "_altair": "report._altair",
    "dashboard": "web.dashboard", "dashboard_views": "web.dashboard_views",
    "register_app": "web.register_app", "register_views": "web.register_views",
    "ui": "web.ui", "server": "web.server", "auth": "web.auth", "webauth": "web.webauth",
    "users": "web.users",
    "cli": "cli.cli", "commands": "cli.commands", "output": "cli.output",
}
# names that are rooms now: ``mics_budget.ledger`` is the room, the old module is ledger.load
_ROOMS = frozenset({"core", "ledger", "procurement", "portal", "report", "web", "cli"})

__all__ = ["Activity", "Period", "PeriodError", "Plan", "Problem", "Project",
           "UserError", "load", "parse_period", "set_lang", "t"]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from .core.checks import Problem
    from .core.periods import Period, PeriodError, parse_period
    from .errors import UserError
    from .i18n import set_lang, t
    from .ledger.plan import Activity, Plan
    from .project import Project, load


class _OldPaths(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """``import mics_budget.webauth`` (a path before the rooms) gives the module at its new
    path, the same object: a setting such as ``--Voila.identity_provider_class=
    mics_budget.webauth.MicsIdentityProvider`` keeps working. Rooms keep their own names."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None
                  ) -> importlib.machinery.ModuleSpec | None:
        prefix, _, old = fullname.partition(".")
        if prefix != __name__ or old not in MOVED or old in _ROOMS:
            return None
        return importlib.machinery.ModuleSpec(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return importlib.import_module(f"{__name__}.{MOVED[spec.name.partition('.')[2]]}")

    def exec_module(self, module: ModuleType) -> None:
        """The module ran at its new path already."""


if not any(isinstance(finder, _OldPaths) for finder in sys.meta_path):
    sys.meta_path.append(_OldPaths())


def __getattr__(name: str) -> Any:
    if name in _NAMES:
        return getattr(importlib.import_module(f".{_NAMES[name]}", __name__), name)
    if name in MOVED and name not in _ROOMS:  # ``from mics_budget import charts``
        return importlib.import_module(f".{MOVED[name]}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
