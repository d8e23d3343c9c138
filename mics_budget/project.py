"""The central object: a data folder loaded once, with the domain modules hanging off it.

>>> project = mics_budget.load("data")                  # doctest: +SKIP
>>> project.spending(date(2024, 6, 30), by=["activity"])  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from .config import DataDir
from .core.checks import ERROR, WARNING, Problem, has_errors, with_file_headers
from .core.params import problems as settings_problems
from .core.recent import Recent
from .core.schemas import EVENTS, TRANSFERS, conform
from .core.snapshot import files_key, frame_key, one_load
from .core.tables import empty_frame, file_headers, find_input, valid_until
from .core.values import sum_is_safe
from .errors import UserError
from .ledger import spending as _spending
from .ledger.face import load_transfers
from .ledger.fx import load_rates
from .ledger.ipf import scale_problems
from .ledger.load import (
    Loaded,
    classification_problems,
    load_budget,
    load_financing_plan,
    load_payments,
    payments_without_budget,
    snapshotted,
)
from .ledger.plan import Plan, load_plan
from .ledger.schedule import load_progress, status_table
from .portal.facts import PortalFacts, load_portal_facts
from .procurement.lifecycle import replay
from .procurement.load import contracts_in_force, events_until, load_events, load_lots, lot_states


@dataclass
class Project:
    data: DataDir
    plan: Plan
    progress: pd.DataFrame
    rates: pd.DataFrame
    budget: pd.DataFrame
    payments: pd.DataFrame
    financing_plan: pd.DataFrame
    lots: pd.DataFrame
    events: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    _views: dict = field(default_factory=dict, repr=False, compare=False)
    #: what goszakup.gov.kz says that the register has no column for (:mod:`.portal_facts`)
    portal: PortalFacts = field(default_factory=PortalFacts.empty, repr=False, compare=False)
    #: UNICEF's cash transfers (``budget/unicef_transfers.*``, :mod:`.ledger.face`)
    transfers: pd.DataFrame = field(default_factory=lambda: empty_frame(TRANSFERS).assign(
        valid=pd.Series(dtype="bool")), repr=False, compare=False)

    @property
    def example_data(self) -> bool:
        return self.data.is_example

    @property
    def has_errors(self) -> bool:
        return has_errors(self.problems)

    @cached_property
    def valid_lots(self) -> pd.DataFrame:
        """The register's valid lots, indexed by lot id, in file order."""
        return self.lots.loc[self.lots["valid"]].set_index("lot")

    @cached_property
    def sections_of(self) -> dict[str, str]:
        return {a.id: a.section for a in self.plan.activities}

    @cached_property
    def classification(self) -> dict[tuple[str, str], tuple[str, str, str]]:
        """(activity, specifics) → (abp, program, subprogram) from the budget lines."""
        from .ledger.load import classification

        return classification(self.budget)

    @cached_property
    def first_unit(self) -> dict[str, str]:
        return {a.id: (a.units[0] if a.units else "") for a in self.plan.activities}

    def dated_span(self) -> tuple[date | None, date | None]:
        """The first and the last day of the valid dated records (payments, events, budget
        decisions, completions); ``(None, None)`` for a folder without any."""
        dates = [self.payments.loc[self.payments["valid"], "date"],
                 self.events.loc[self.events["valid"], "date"],
                 self.budget.loc[self.budget["valid"], "date"],
                 pd.to_datetime(self.progress["completed_on"])]
        firsts = [s.min() for s in dates if s.notna().any()]
        lasts = [s.max() for s in dates if s.notna().any()]
        if not firsts:
            return None, None
        return min(firsts).date(), max(lasts).date()

    def status(self, as_of: date) -> pd.DataFrame:
        """The schedule status of every activity as of ``as_of`` (see :mod:`.schedule`)."""
        return status_table(self.plan, self.progress, as_of)

    def with_register(self) -> Project:
        """This project with the register files read again (after a step was recorded): the
        plan, money files and rates are kept, so a save costs a read of ``procurement/`` only.
        (A payment naming a lot added since is still judged against the lots of the first
        load: :func:`load` the folder again to see it.)"""
        with file_headers() as headers:  # problems name columns as the files write them
            lots, events = load_register(self.data, self.plan)
            _, contract_problems = contracts_in_force(lots.frame, events.frame, self.rates,
                                                      pd.Timestamp.max.normalize())
        fresh = with_file_headers(lots.problems + events.problems + contract_problems, headers)
        kept = [p for p in self.problems if not p.file.startswith("procurement/")]
        return Project(self.data, self.plan, self.progress, self.rates, self.budget,
                       self.payments, self.financing_plan, lots.frame, events.frame,
                       kept + fresh, portal=self.portal, transfers=self.transfers)

    # --- what is known on a day ------------------------------------------------------------
    def on(self, as_of: date | pd.Timestamp) -> AsOf:
        """The project as known on ``as_of`` (made once per day; the data never changes once
        loaded, so the views are kept)."""
        day = pd.Timestamp(as_of).normalize()
        view = self._views.get(day)
        if view is None:
            if len(self._views) >= MAX_VIEWS:  # a dashboard visits many days: keep the last
                self._views.pop(next(iter(self._views)))
            view = self._views[day] = AsOf(self, day)
        return view

    def payments_on(self, as_of: date) -> pd.DataFrame:
        """Valid payments dated on or before ``as_of``."""
        return self.on(as_of).payments

    def events_on(self, as_of: date) -> pd.DataFrame:
        """Valid events dated on or before ``as_of``, in each lot's order."""
        return self.on(as_of).events

    def budget_on(self, as_of: date, phases: Sequence[str]) -> pd.DataFrame:
        """Valid budget rows of ``phases`` decided on or before ``as_of``."""
        return self.on(as_of).budget(phases)

    def contracts_on(self, as_of: date) -> pd.DataFrame:
        """Contracts in force on the lots as of ``as_of`` (KZT at the signature date)."""
        return self.on(as_of).contracts

    def activities_of(self, sections: Collection[str] = (), units: Collection[str] = ()
                      ) -> list[str] | None:
        """Activity codes in any of ``sections`` and with any of ``units`` among their
        responsible units (``None`` when neither is given: no restriction)."""
        if not sections and not units:
            return None
        for kind, given, valid in (("sections", sections, self.plan.sections),
                                   ("units", units, self.plan.units)):
            if isinstance(given, str):
                raise ValueError(f"{kind} must be a collection, not one string")
            unknown = sorted(set(given) - set(valid))
            if unknown:
                raise ValueError(f"unknown {kind} {unknown}; valid: {', '.join(valid)}")
        return [a.id for a in self.plan.activities
                if (not sections or a.section in sections)
                and (not units or set(units) & set(a.units))]

    def spending(self, as_of: date, by: Sequence[str] = (), year: int | None = None,
                 source: str | None = None, activities: Collection[str] | None = None
                 ) -> pd.DataFrame:
        """Plan, committed, paid, remaining per source (and ``by``) — see :mod:`.spending`.
        The figures of the last :data:`RECENT` selections are kept (a dashboard's filters go
        back and forth); each call gets its own copy."""
        self.check_totals()
        return self._recent("kzt", as_of, by, year, source, activities,
                            lambda: _spending.spending(self, as_of, by, year, source,
                                                       activities))

    def check_totals(self) -> None:
        """Refuse to sum money that int64 tiyn could not hold exactly."""
        if any(p.key == "load.totals_too_large" for p in self.problems):
            raise UserError("load.totals_too_large")

    def spending_minor(self, as_of: date, by: Sequence[str] = (), year: int | None = None,
                       source: str | None = None, activities: Collection[str] | None = None
                       ) -> pd.DataFrame:
        """:meth:`spending` in exact integer tiyn."""
        self.check_totals()
        return self._recent("minor", as_of, by, year, source, activities,
                            lambda: _spending.spending_minor(self, as_of, by, year, source,
                                                             activities))

    def _recent(self, kind: str, as_of: date, by: Sequence[str], year: int | None,
                source: str | None, activities: Collection[str] | None,
                compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """A copy of ``compute()``'s figures, made once for the last :data:`RECENT`
        selections (the data never change once loaded)."""
        key = (kind, pd.Timestamp(as_of), (by,) if isinstance(by, str) else tuple(by), year,
               source, None if activities is None else frozenset(activities))
        return self._recent_figures.get(key, compute).copy()

    @cached_property
    def _recent_figures(self) -> Recent[pd.DataFrame]:
        return Recent(RECENT)

    def cumulative(self, as_of: date, year: int | None = None, source: str | None = None,
                   activities: Collection[str] | None = None) -> pd.DataFrame:
        """Cumulative monthly payments vs the monthly plan for a year (KZT)."""
        return _spending.cumulative(self, as_of, year, source, activities)

    def forecast(self, as_of: date, year: int | None = None, by: Sequence[str] = (),
                 source: str | None = None, activities: Collection[str] | None = None
                 ) -> pd.DataFrame:
        """The year-end forecast per source (and activity) — see :mod:`.forecast`."""
        from .ledger.forecast import forecast

        self.check_totals()
        return forecast(self, as_of, year, by, source, activities)


MAX_VIEWS = 32
T = TypeVar("T")


@dataclass(eq=False)
class AsOf:
    """A :class:`Project` as known on one day: valid rows dated on or before it. Every module
    asks these (never filters the tables itself), and each is computed once per day."""

    project: Project
    day: pd.Timestamp

    @cached_property
    def payments(self) -> pd.DataFrame:
        return valid_until(self.project.payments, self.day)

    @cached_property
    def events(self) -> pd.DataFrame:
        return events_until(self.project.events, self.day)

    @cached_property
    def lot_payments(self) -> pd.DataFrame:
        """The payments that name a lot (``contract``)."""
        return self.payments.loc[self.payments["contract"] != ""]

    @cached_property
    def states(self) -> pd.DataFrame:
        """Stage, since when, amount in force and signature of every valid lot."""
        return lot_states(self.project.lots, self.events, self.day)

    @cached_property
    def contracts(self) -> pd.DataFrame:
        contracts, _ = contracts_in_force(self.project.lots, self.events, self.project.rates,
                                          self.day)
        return contracts.loc[contracts["kzt_minor"].notna()]

    def budget(self, phases: Sequence[str]) -> pd.DataFrame:
        key = tuple(phases)
        if key not in self._budget:
            rows = valid_until(self.project.budget, self.day)
            self._budget[key] = rows.loc[rows["phase"].isin(key)]
        return self._budget[key]

    @cached_property
    def _budget(self) -> dict[tuple[str, ...], pd.DataFrame]:
        return {}

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once for this day: the data never changes once loaded, so a result
        that depends on the day alone is kept (budget lines, the monthly plan, commitments).
        Callers never change what they get back."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @cached_property
    def _memo(self) -> dict[Hashable, Any]:
        return {}


#: how many selections of figures a project keeps (:meth:`Project.spending`)
RECENT = 32


def load(data: str | os.PathLike[str] | DataDir | None = None) -> Project:
    """Load a data folder (default: the project's ``data/``) once; problems are kept, not raised.

    A missing or broken plan raises :class:`~mics_budget.errors.UserError`: without the plan
    nothing else can be checked.
    """
    folder = data if isinstance(data, DataDir) else DataDir.resolve(data)
    with file_headers() as headers, one_load():
        plan = load_plan(folder)
        progress, problems = load_progress(folder, plan)
        rates, more = load_rates(folder)
        problems += more
        lots, events = load_register(folder, plan)
        budget = load_budget(folder, plan, rates)
        payments = load_payments(folder, plan, rates, lots.frame.loc[lots.frame["valid"], "lot"])
        financing = load_financing_plan(folder, plan, rates)
        cash = load_transfers(folder, plan, rates)
        problems += budget.problems + payments.problems + financing.problems + cash.problems
        across = _checks_across(folder, plan, rates, budget, payments, lots, events)
        problems += across["without_budget"]
        problems += scale_problems(financing.frame, budget.frame)
        problems += across["classification"]
        problems += lots.problems + events.problems
        portal, more = load_portal_facts(folder)
        problems += more
        project = Project(folder, plan, progress, rates, budget.frame, payments.frame,
                          financing.frame, lots.frame, events.frame, problems, portal=portal,
                          transfers=cash.frame)
        project.problems += across["contracts"] + _financing_plan_totals(project)
        project.problems += _unsafe_totals(project) + settings_problems()
    project.problems = with_file_headers(project.problems, headers)
    return project


def _checks_across(folder: DataDir, plan: Plan, rates: pd.DataFrame, budget: Loaded,
                   payments: Loaded, lots: Loaded, events: Loaded) -> dict[str, list[Problem]]:
    """The checks across files (payments without a budget line, a classification other than
    the budget's, the contracts in force), kept in a snapshot keyed by every file they read
    (:func:`.load.snapshotted`): on a large ledger they cost as much as reading it."""
    parts = ("without_budget", "classification", "contracts")

    def compute() -> Loaded:
        found = [payments_without_budget(payments.frame, budget.frame, plan),
                 classification_problems(payments.frame, budget.frame),
                 contracts_in_force(lots.frame, events.frame, rates,
                                    pd.Timestamp.max.normalize())[1]]
        return Loaded(pd.DataFrame({"part": list(parts), "count": [len(f) for f in found]}),
                      [p for f in found for p in f])

    files = [path for stem, where in (("payments", folder.budget), ("budget", folder.budget),
                                      ("fx_rates", folder.budget), ("lots", folder.procurement),
                                      ("events", folder.procurement))
             for path in find_input(where, stem)]
    loaded = snapshotted(folder, "checks", [files_key(files)], compute)
    out, start = {}, 0
    for part, count in zip(loaded.frame["part"], loaded.frame["count"], strict=True):
        out[str(part)] = loaded.problems[start:start + int(count)]
        start += int(count)
    return out


def load_register(folder: DataDir, plan: Plan) -> tuple[Loaded, Loaded]:
    """The procurement register: lots, and events replayed through the lifecycle (kept as a
    validated snapshot keyed by the events files and the lots: :func:`.load.snapshotted`)."""
    lots = load_lots(folder, plan)

    def events() -> Loaded:
        loaded = load_events(folder, lots.frame)
        replayed, lifecycle_problems = replay(loaded.frame, lots.frame)
        return Loaded(conform(replayed, EVENTS), loaded.problems + lifecycle_problems)

    key = [files_key(find_input(folder.procurement, EVENTS.name)), frame_key(lots.frame)]
    return lots, snapshotted(folder, "events", key, events)


def _unsafe_totals(project: Project) -> list[Problem]:
    """An error for a money file whose totals could not be summed exactly in int64 tiyn (only
    with hundreds of thousands of amounts near the ceiling); :meth:`Project.spending` then
    refuses to compute rather than wrap around."""
    out = []
    for frame in (project.budget, project.payments, project.financing_plan):
        rows = frame.loc[frame["valid"]]
        if len(rows) and not sum_is_safe(rows["kzt_minor"]):
            out.append(Problem(ERROR, rows["_file"].iloc[0], None, "amount", None,
                               "load.totals_too_large"))
    return out


def _financing_plan_totals(project: Project) -> list[Problem]:
    """The monthly plan (payments) of a line should add up to its latest annual plan."""
    fin = project.financing_plan
    fin = fin.loc[fin["valid"] & (fin["kind"] == "payments")]
    if fin.empty:
        return []
    key = ["year", "activity", "source", "specifics"]
    monthly = fin.groupby(key)["kzt_minor"].sum()
    annual = _spending.budget_lines(project, date.max, ["approved", "adjusted"]).set_index(key)
    out = []
    for line, total in monthly.items():
        plan = int(annual["kzt_minor"].get(line, 0))
        if int(total) != plan:
            first = fin.loc[(fin[key] == pd.Series(line, index=key)).all(axis=1)].iloc[0]
            out.append(Problem(WARNING, first["_file"], None, "amount", f"{line[1]}/{line[0]}",
                               "problem.financing_plan_total",
                               {"monthly": f"{int(total) / 100:.2f}", "plan": f"{plan / 100:.2f}"}))
    return out


def init_data_folder(root: str | os.PathLike[str], plan_source: os.PathLike[str] | None = None,
                     ) -> tuple[Plan, list[Path]]:
    """Start a data folder for real data at ``root``: the plan (from ``plan_source``, a plan
    document in DOCX or text as :func:`mics_budget.ledger.plan.parse_plan_file` reads it; by
    default the official plan of the bundled folder, Kazakh titles included), empty
    ``budget/`` and ``procurement/`` folders, and in ``templates/`` every input file with its
    header only, to copy where it belongs once it has rows (a header-only file in the data
    folders would be warned about at every load). No example marker. ``root`` must not exist
    or be empty: nothing is ever overwritten. Returns the plan and the files written."""
    from .config import DEFAULT_DATA_DIR
    from .core.fileio import csv_text, write_text_files
    from .core.schemas import ALL
    from .ledger.plan import parse_plan_file, plan_files

    folder = DataDir.resolve(root)
    if folder.root.exists() and (not folder.root.is_dir() or any(folder.root.iterdir())):
        raise UserError("init.not_empty", path=folder.root)
    plan = parse_plan_file(Path(plan_source)) if plan_source else load_plan(
        DataDir(DEFAULT_DATA_DIR))
    files = plan_files(plan, folder)
    for schema in ALL:
        path = folder.root / "templates" / schema.folder / f"{schema.name}.csv"
        files[path] = csv_text(list(schema.file_order), [])
    for empty in (folder.budget, folder.procurement):
        empty.mkdir(parents=True, exist_ok=True)
    return plan, write_text_files(files)
