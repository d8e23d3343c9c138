"""What the previous plan leaves to the next one (``mics-budget carry-over``): the lots still
open at its end, with their whole history, and the contracts not yet paid in full, brought
from the old data folder into the new one.

A lot is carried when, as of the day (the old plan's last day unless given), it is still open
(not closed, cancelled, terminated, failed (``unsuccessful``) or paid) or its contract in force
is not paid in full (the amount in force less the payments naming it, in its own currency).
With it go every row of the lot in ``lots.*`` (its amendments), every event of its history
(voids and voided steps included, with their ids; only rows the register refused are left
behind), every valid payment naming it as its contract, amounts exact in minor units, and for
a lot in another currency the National Bank's rates its amounts convert at. The
new plan's activity is the same code, or the one ``--map OLD=NEW`` names; an activity that has
neither, or one funded otherwise in the new plan, is a problem and nothing is written.

Writing appends through the CSV store (:mod:`mics_budget.core.store`) under the locks of the
new folder's lots, events and payments files: each file gets all its new lines or none. What
the new folder already holds is never written again: a lot with the same id, method, currency
and estimate is the same lot, an event with the same id of it the same event, a payment with
the same id naming it the same payment; a second run writes nothing (and a run cut short is
completed by the next one). ``procurement/carried_over.csv`` keeps the provenance: the old
folder, the lot and both activities, who and when. Lots carried from a folder of example data
make the new folder example data too (its ``EXAMPLE`` marker is written first).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..config import EXAMPLE_MARKER, DataDir
from ..core.checks import ERROR, Label, Problem
from ..core.fileio import write_text_files
from ..core.schemas import CARRIED, EVENTS, FX_RATES, LOTS, PAYMENTS
from ..core.store import append_rows, check_text, locked, register_file, stamp
from ..core.values import minor_text
from ..errors import UserError
from ..ledger.fx import RATE_DECIMALS, load_rates
from ..ledger.load import read_input
from ..ledger.plan import Plan, load_plan
from .lifecycle import IN_FORCE
from .load import load_events, load_lots

if TYPE_CHECKING:
    from ..project import Project

#: stages a lot is done at (or failed at): carried only for a contract left unpaid
DONE = frozenset({"closed", "cancelled", "terminated", "unsuccessful", "paid"})
ITEM_COLUMNS = ["lot", "activity", "new_activity", "title", "stage", "currency", "contract",
                "paid", "unpaid", "events", "payments", "state"]


@dataclass
class CarryOver:
    """The lots to carry (``items``, one row per lot, :data:`ITEM_COLUMNS`; amounts in minor
    units of the lot's currency; ``state`` ``new`` (something to write), ``already`` (all
    there) or ``problem``), the problems that stop the writing, and what was written."""

    source: Path
    target: Path
    as_of: date
    items: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    written: dict[str, int] = field(default_factory=dict)  # rates, lots, events, payments, log
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict, repr=False)
    marked: bool = False  # the new folder was marked as example data (the old one is)

    @property
    def to_write(self) -> int:
        return int((self.items["state"] == "new").sum())


def parse_mapping(pairs: Sequence[str]) -> dict[str, str]:
    """``["7.1=8.1", …]`` → ``{"7.1": "8.1"}``; a pair without ``=`` or with an empty side
    is refused."""
    out: dict[str, str] = {}
    for pair in pairs:
        old, sep, new = (pair or "").partition("=")
        if not sep or not old.strip() or not new.strip():
            raise UserError("carry.bad_map", value=pair)
        out[old.strip()] = new.strip()
    return out


def plan_end(plan: Plan) -> date:
    """The last day of the plan's last year."""
    return date(plan.years[1], 12, 31)


def open_lots(old: Project, as_of: date) -> pd.DataFrame:
    """Every valid lot of ``old`` as of ``as_of`` with its stage, contract in force, paid
    (in its own currency, minor units) and whether it is carried; indexed by lot."""
    view = old.on(as_of)
    lots = old.valid_lots
    states = view.states
    out = pd.DataFrame(index=lots.index)
    out["activity"] = lots["activity"]
    out["title"] = lots["title"]
    out["currency"] = lots["currency"]
    out["stage"] = states["stage"].reindex(out.index).fillna("")
    contract = states["amount_in_force"].reindex(out.index).astype("Int64")
    signed = states["signed"].reindex(out.index).notna()
    out["contract"] = contract.where(signed)
    paid = view.lot_payments
    own = paid.loc[paid["currency"] == paid["contract"].map(out["currency"])]
    out["paid"] = own.groupby("contract")["amount_minor"].sum().reindex(
        out.index).fillna(0).astype("int64")
    unpaid = (out["contract"] - out["paid"]).where(out["stage"] != "terminated")
    out["unpaid"] = unpaid.fillna(0).clip(lower=0).astype("int64")
    out["carried"] = ~out["stage"].isin(DONE) | (out["unpaid"] > 0)
    return out


def _day(value: object) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _lot_rows(old: Project, lot: str, activity: str) -> list[dict[str, str]]:
    rows = old.lots.loc[(old.lots["lot"] == lot)
                        & (old.lots["valid"] | old.lots["superseded"])].sort_values("_row")
    out = []
    for _, row in rows.iterrows():
        values = {c: _text(row[c]) for c in ("lot", "title", "method", "currency",
                                              "specifics", "law", "recorded_by",
                                              "recorded_at", "portal_number", "portal_lot",
                                              "portal_contract")}
        values.update(activity=activity, estimate=minor_text(row["estimate_minor"]),
                      planned_announce=_day(row["planned_announce"]),
                      needed_by=_day(row["needed_by"]))
        out.append(values)
    return out


def _event_rows(old: Project, lot: str) -> list[dict[str, str]]:
    """The lot's history: every event that counts, was voided, or voids one, in file order."""
    events = old.events
    kept = events["valid"] | events["voided"].fillna(False).astype(bool) | (
        events["status"] == "void")
    rows = events.loc[(events["lot"] == lot) & kept & events["date"].notna()].sort_values(
        "_row")
    out = []
    for _, row in rows.iterrows():
        values = {c: _text(row[c]) for c in ("lot", "status", "supplier", "supplier_bin",
                                              "document", "note", "recorded_by",
                                              "recorded_at", "event_id", "voids", "portal_id")}
        values.update(date=_day(row["date"]), amount=minor_text(row["amount_minor"]),
                      bids=_text(row["bids"]))
        out.append(values)
    return out


def _payment_rows(old: Project, lot: str, resolve: Callable[[str], str | None]
                  ) -> tuple[list[dict[str, str]], set[str]]:
    """The valid payments naming ``lot``, each on its activity of the new plan, and the
    activities of theirs the new plan has no place for."""
    payments = old.payments.loc[old.payments["valid"] & (old.payments["contract"] == lot)]
    out, unmapped = [], set()
    for _, row in payments.sort_values("_row").iterrows():
        values = {c: _text(row[c]) for c in ("id", "source", "specifics", "abp", "program",
                                              "subprogram", "currency", "payee", "document",
                                              "contract", "refund_of", "note")}
        activity = str(row["activity"])
        target = resolve(activity)
        if target is None:
            unmapped.add(activity)
        values.update(date=_day(row["date"]), amount=minor_text(row["amount_minor"]),
                      activity=target or activity)
        out.append(values)
    return out, unmapped


def _rate_rows(old: Project, lot: str, currency: str, events: list[dict[str, str]],
               payments: list[dict[str, str]]) -> list[dict[str, str]]:
    """For a lot in another currency than tenge, the old folder's National Bank rates its
    amounts convert at (the last rate on or before the estimate's day, each contract step's
    day and each payment's day), so the new folder counts them as the old one did."""
    if currency in ("", "KZT"):
        return []
    mine = old.valid_lots.loc[lot]
    days = {_day(mine["planned_announce"]) or (events[0]["date"] if events else "")}
    days |= {e["date"] for e in events if e["status"] in IN_FORCE}
    days |= {p["date"] for p in payments if p["currency"] in ("", currency)}
    rates = old.rates.loc[(old.rates["source"] == "NBK") & (old.rates["currency"] == currency)]
    out = []
    for day in sorted(d for d in days if d):
        before = rates.loc[rates["date"] <= pd.Timestamp(day)]
        if before.empty:
            continue
        row = before.iloc[-1]
        e4 = int(row["rate_e4"])
        out.append({"date": _day(row["date"]), "currency": currency,
                    "rate": f"{e4 // 10**RATE_DECIMALS}.{e4 % 10**RATE_DECIMALS:04d}",
                    "quant": str(int(row["quant"])), "source": "NBK"})
    return out


def plan_carry_over(old: Project, new: DataDir, as_of: date | None = None,
                    lots: Sequence[str] = (), mapping: dict[str, str] | None = None
                    ) -> CarryOver:
    """What would be carried from ``old`` into the folder ``new`` (nothing is written): the
    items, the problems and the rows to append. Call :func:`write_carry_over` to write them
    (it plans again under the locks)."""
    mapping = dict(mapping or {})
    as_of = as_of or plan_end(old.plan)
    new_plan = load_plan(new)
    problems: list[Problem] = []

    def problem(file: str, row: int | None, column: str | None, value: str | None,
                key: str, **params: object) -> None:
        problems.append(Problem(ERROR, file, row, column, value, key, params))

    def resolve(activity: str) -> str | None:
        """The activity of the new plan: the one ``mapping`` names, else the same code."""
        target = mapping.get(activity, activity)
        return target if target in new_plan.by_id else None

    def old_file(name: str) -> str:
        return str(old.data.root / name)

    def new_file(name: str) -> str:
        return str(new.root / name)

    for code, wanted in mapping.items():
        if wanted not in new_plan.by_id:
            problem(new_file("plan/activities.csv"), None, "activity", wanted,
                    "carry.unknown_target", activity=code, target=wanted)
    table = open_lots(old, as_of)
    chosen = table.loc[table["carried"]]
    old_lots = old.valid_lots
    for lot in lots:
        if lot not in table.index:
            problem(old_file("procurement/lots.csv"), None, "lot", lot, "carry.unknown_lot",
                    lot=lot)
        elif not table.at[lot, "carried"]:
            problem(old_file(str(old_lots.at[lot, "_file"])), int(old_lots.at[lot, "_row"]),
                    "lot", lot, "carry.not_open", lot=lot,
                    stage=Label(f"stage.{table.at[lot, 'stage'] or 'none'}"))
    if lots:
        chosen = chosen.loc[chosen.index.isin(list(lots))]

    new_lots = load_lots(new, new_plan).frame
    new_events = load_events(new, new_lots).frame
    new_payments, _ = read_input(new, "budget", PAYMENTS)
    logged, _ = read_input(new, "procurement", CARRIED)
    new_rates, _ = load_rates(new)
    have_rates = set(zip(new_rates["source"], new_rates["currency"],
                         new_rates["date"].map(_day), strict=True))
    rows: dict[str, list[dict[str, str]]] = {"lots": [], "events": [], "payments": [],
                                             "rates": [], "log": []}
    items = []
    for key, info in chosen.iterrows():
        lot, activity = str(key), str(info["activity"])
        mine = old_lots.loc[lot]
        name, where = old_file(str(mine["_file"])), int(mine["_row"])
        target = resolve(activity)
        ok = True
        if target is None:
            if activity not in mapping:  # a --map to an activity the new plan lacks: said
                problem(name, where, "activity", activity, "carry.unmapped", lot=lot,
                        activity=activity)
            ok = False
        elif old.plan[activity].funding != new_plan[target].funding:
            problem(name, where, "activity", activity, "carry.funding_differs", lot=lot,
                    activity=activity, target=target,
                    old=Label(f"funding.{old.plan[activity].funding}"),
                    new=Label(f"funding.{new_plan[target].funding}"))
            ok = False
        lot_rows = _lot_rows(old, lot, target or activity)
        history = _event_rows(old, lot)
        paid_rows, unmapped = _payment_rows(old, lot, resolve)
        for other in sorted(unmapped - {activity}):
            problem(name, where, "activity", other, "carry.unmapped", lot=lot, activity=other)
            ok = False
        # what the new folder already has: the same lot, its events, its payments
        same_id = new_lots.loc[new_lots["lot"] == lot]
        there = same_id.loc[same_id["valid"]]
        if len(same_id):
            last = there.iloc[-1] if len(there) else same_id.iloc[0]
            if not len(there) or (last["method"], last["currency"], last["estimate_minor"]) != (
                    mine["method"], mine["currency"], mine["estimate_minor"]):
                problem(new_file(str(last["_file"])), int(last["_row"]), "lot", lot,
                        "carry.lot_taken", lot=lot, folder=new.root)
                ok = False
            lot_rows = []
        have_events = set(new_events.loc[new_events["lot"] == lot, "event_id"])
        event_rows = [r for r in history if r["event_id"] not in have_events]
        taken = new_payments.loc[new_payments["id"].isin([r["id"] for r in paid_rows])]
        for _, other in taken.loc[taken["contract"] != lot].iterrows():
            problem(new_file(str(other["_file"])), int(other["_row"]), "id", str(other["id"]),
                    "carry.payment_taken", lot=lot, payment=other["id"])
            ok = False
        payment_rows = [r for r in paid_rows if r["id"] not in set(taken["id"])]
        rate_rows = []
        for rate in _rate_rows(old, lot, str(info["currency"]), history, paid_rows):
            key = (rate["source"], rate["currency"], rate["date"])
            if key not in have_rates:
                have_rates.add(key)
                rate_rows.append(rate)
        log_rows = [] if (logged["lot"] == lot).any() else [{
            "lot": lot, "source": str(old.data.root), "activity": activity,
            "new_activity": target or "", "as_of": as_of.isoformat(),
            "events": str(len(event_rows)), "payments": str(len(payment_rows))}]
        if not ok:
            state = "problem"
        elif lot_rows or event_rows or payment_rows or rate_rows or log_rows:
            state = "new"
            rows["lots"] += lot_rows
            rows["events"] += event_rows
            rows["payments"] += payment_rows
            rows["rates"] += rate_rows
            rows["log"] += log_rows
        else:
            state = "already"
        contract = info["contract"]
        items.append({
            "lot": lot, "activity": activity, "new_activity": target or "",
            "title": str(info["title"]), "stage": str(info["stage"]),
            "currency": str(info["currency"]),
            "contract": None if pd.isna(contract) else int(contract),
            "paid": int(info["paid"]), "unpaid": int(info["unpaid"]),
            "events": len(history), "payments": len(paid_rows), "state": state})
    frame = pd.DataFrame(items, columns=ITEM_COLUMNS)
    return CarryOver(old.data.root, new.root, as_of, frame, problems, {}, rows)


def write_carry_over(old: Project, new: DataDir, as_of: date | None = None,
                     lots: Sequence[str] = (), mapping: dict[str, str] | None = None,
                     by: str | None = None) -> CarryOver:
    """Plan the carry-over again under the locks of the new folder's registers and, when it
    has no problem, append what is missing: lots, then events, then payments, then the
    provenance (each file all its lines or none). Returns the plan with ``written`` set."""
    new.require()
    check_text({"recorded_by": by or ""})
    paths = {"lots": register_file(new.procurement, "lots"),
             "events": register_file(new.procurement, "events"),
             "payments": register_file(new.budget, "payments"),
             "rates": register_file(new.budget, FX_RATES.name),
             "log": register_file(new.procurement, CARRIED.name)}
    with ExitStack() as stack:
        for path in paths.values():
            stack.enter_context(locked(path))
        result = plan_carry_over(old, new, as_of, lots, mapping)
        if result.problems:
            return result
        if old.example_data and not new.is_example and any(result.rows.values()):
            # invented amounts make the new folder example data too: marked before written
            write_text_files({new.root / EXAMPLE_MARKER: (
                f"Example data: lots carried over from {old.data.root}, a folder of example "
                "data, are invented.\n")})
            result.marked = True
        who = stamp(by)
        for log in result.rows["log"]:
            log.update(who)
        for key, schema in (("rates", FX_RATES), ("lots", LOTS), ("events", EVENTS),
                            ("payments", PAYMENTS), ("log", CARRIED)):
            written = append_rows(paths[key], schema, result.rows[key])
            result.written[key] = len(written)
    return result

