"""Recording procurement steps and lots: the rules of what may be written, checked, then
appended under a lock through the CSV store (:mod:`mics_budget.core.store`), never rewritten.

Under an exclusive lock on the register file, :func:`record_event` re-reads the lots and
events, replays the lot, checks the new step (allowed from the lot's stage, dated on or after
its last event and not in the future, an amount where a contract needs one …) and appends one
line in the file's own encoding and separator, flushed and fsync'ed. A refused step raises
:class:`RecordError` (a message in the current language naming the field) and writes nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ..config import DataDir
from ..core.checks import Label
from ..core.schemas import EVENTS, LOTS
from ..core.store import (
    append_row,
    check_text,
    file_columns,
    locked,
    register_file,
    stamp,
    upgrade_file,
)
from ..core.tables import find_input
from ..core.values import (
    MAX_AMOUNT_TEXT,
    above_ceiling,
    is_bin,
    minor_text,
    parse_amounts,
    parse_ints,
)
from ..errors import ConfirmationNeeded, RecordError
from ..i18n import LANGS, Day, Lazy, Money, Stages, format_number, t_in
from ..ledger.fx import currencies
from ..ledger.plan import Plan, load_plan
from ..vocabulary import excerpt
from .corrections import positional_id
from .lifecycle import IN_FORCE, STATUSES, VOID, allowed, replay
from .load import METHODS, law_on, laws, load_events, load_lots

__all__ = ["RecordError", "add_lot", "amend_lot", "append_event", "check_step",
           "event_values", "lot_history", "many_event_values", "next_event_id",
           "record_event", "status_code", "upgrade_register", "void_event"]

MAX_LOT_ID = 64  # characters


def _one(value: str | int | None, parser, field: str, key: str) -> int | None:
    parsed = _parsed([value], parser, field, key)[0]
    if isinstance(parsed, RecordError):
        raise parsed
    return parsed


def _parsed(values: list, parser, field: str, key: str) -> list[int | RecordError | None]:
    """Amounts or counts as typed, parsed in one vectorised pass: each an integer (minor
    units), ``None`` when empty, or the :class:`RecordError` that refuses it."""
    text = pd.Series(["" if v is None else str(v) for v in values], dtype=object)
    parsed, bad, *_ = parser(text)
    too_large = above_ceiling(parsed)
    out: list[int | RecordError | None] = []
    for raw, number, refused, large in zip(values, parsed, bad, too_large, strict=True):
        if raw in (None, ""):
            out.append(None)
        elif refused or pd.isna(number) or number < 0:
            out.append(RecordError(key, field, value=excerpt(raw)))
        elif large:
            out.append(RecordError("problem.amount_too_large", field, value=excerpt(raw),
                                   limit=MAX_AMOUNT_TEXT))
        else:
            out.append(int(number))
    return out


def status_code(text: str) -> str | None:
    """The status a person means: a code (``delivered``) or a stage name as the register shows
    it in any language («поставлено», "delivered", «жеткізілді»), any case, е for ё."""
    return _code_named(text, STATUSES, "stage")


def method_code(text: str) -> str | None:
    """The method a person means: a code (``single_source``) or its name in any language
    («из одного источника», "single source", «бір көзден»), any case, е for ё."""
    return _code_named(text, METHODS, "method")


def _code_named(text: str, codes: tuple[str, ...], labels: str) -> str | None:
    """The code of ``codes`` that ``text`` is, or whose label ``<labels>.<code>`` it is in
    any language."""
    key = _fold(text)
    if key in codes:
        return key
    for code in codes:
        if any(_fold(t_in(lang, f"{labels}.{code}")) == key for lang in LANGS):
            return code
    return None


def _fold(text: str) -> str:
    return " ".join((text or "").split()).lower().replace("ё", "е")


def _stage_names(statuses: list[str] | tuple[str, ...]) -> Stages:
    return Stages(statuses)


def next_event_id(events: pd.DataFrame, lot: str) -> str:
    """``LOT-n``: the lot's n-th row in the register (n counts every row of the lot, voids and
    refused ones too, so an id is never given twice)."""
    taken = set(events["event_id"])
    number = int((events["lot"] == lot).sum()) + 1
    while f"{lot}-{number}" in taken:
        number += 1
    return f"{lot}-{number}"


class EventIds:
    """:func:`next_event_id` for many new events at once (an import): the register's counts
    and ids read once, then kept up to date here (no frame rebuilt per event)."""

    def __init__(self, events: pd.DataFrame):
        self.taken = set(events["event_id"])
        self.counts = events["lot"].value_counts().to_dict()

    def next(self, lot: str) -> str:
        number = int(self.counts.get(lot, 0)) + 1
        while f"{lot}-{number}" in self.taken:
            number += 1
        event_id = f"{lot}-{number}"
        self.taken.add(event_id)
        self.counts[lot] = self.counts.get(lot, 0) + 1
        return event_id


def event_values(lot: str, status: str, on: date, amount: str | None = None,
                 bids: str | int | None = None, supplier: str = "", supplier_bin: str = "",
                 document: str = "", note: str = "", by: str | None = None,
                 today: date | None = None) -> dict[str, str]:
    """The checks of a step that need no register: a known status (code or stage name), not
    dated in the future, a readable amount (required where a contract needs one) and bid count,
    a 12-digit BIN, no control characters. Returns the row to write (without ``event_id``);
    a refused value raises :class:`RecordError` naming the field."""
    values = many_event_values([{"lot": lot, "status": status, "date": on, "amount": amount,
                                 "bids": bids, "supplier": supplier,
                                 "supplier_bin": supplier_bin, "document": document,
                                 "note": note}], by, today)[0]
    if isinstance(values, RecordError):
        raise values
    return values


def many_event_values(steps: list[dict], by: str | None = None, today: date | None = None
                      ) -> list[dict[str, str] | RecordError]:
    """:func:`event_values` of many steps at once (an import): amounts and bid counts parsed
    in one vectorised pass; each step gives its row or the :class:`RecordError` that
    refuses it, as :func:`event_values` would raise it. A step: ``lot``, ``status``,
    ``date`` (a date), ``amount``, ``bids``, ``supplier``, ``supplier_bin``, ``document``,
    ``note``."""
    today = today or date.today()
    minors = _parsed([s.get("amount") for s in steps], parse_amounts, "amount",
                     "record.bad_amount")
    counts = _parsed([s.get("bids") for s in steps], parse_ints, "bids", "record.bad_bids")
    stamped = stamp(by)
    out: list[dict[str, str] | RecordError] = []
    for step, minor, count in zip(steps, minors, counts, strict=True):
        try:
            out.append(_step_values(step, minor, count, by, today, stamped))
        except RecordError as exc:
            out.append(exc)
    return out


def _step_values(step: dict, minor: int | RecordError | None, count: int | RecordError | None,
                 by: str | None, today: date, stamped: dict[str, str]) -> dict[str, str]:
    status = str(step.get("status") or "")
    code = status_code(status)
    if code is None:
        raise RecordError("record.unknown_status", "status", value=excerpt(status),
                          choices=_stage_names(STATUSES))
    on: date = step["date"]
    if on > today:
        raise RecordError("record.future_date", "date", value=Day(on), today=Day(today))
    if isinstance(minor, RecordError):
        raise minor
    if isinstance(count, RecordError):
        raise count
    if code in IN_FORCE and not minor:
        raise RecordError("record.amount_required", "amount", stage=Label(f"stage.{code}"))
    supplier_bin = (step.get("supplier_bin") or "").strip()
    if supplier_bin and not is_bin(supplier_bin):
        raise RecordError("record.bad_bin", "supplier_bin", value=excerpt(supplier_bin))
    lot = step["lot"]
    supplier, document = step.get("supplier") or "", step.get("document") or ""
    note = step.get("note") or ""
    check_text({"lot": lot, "supplier": supplier, "document": document, "note": note,
                "recorded_by": by or ""})
    return {
        "lot": lot, "date": on.isoformat(), "status": code,
        "amount": minor_text(minor), "bids": "" if count is None else str(count),
        "supplier": " ".join(supplier.split()), "supplier_bin": supplier_bin,
        "document": document, "note": note, **stamped,
    }


def check_step(stage: str, last: pd.Timestamp | None, method: str, status: str,
               on: date) -> None:
    """The lifecycle checks of a step: allowed from the lot's ``stage`` for its ``method``
    and dated on or after its ``last`` event; else :class:`RecordError`."""
    choices = allowed(stage, method)
    if status not in choices:
        raise RecordError("record.bad_step", "status", value=Label(f"stage.{status}"),
                          stage=Label(f"stage.{stage or 'none'}"),
                          allowed=_stage_names(choices))
    if last is not None and not pd.isna(last) and pd.Timestamp(on) < last:
        raise RecordError("record.date_before_last", "date", value=Day(on),
                          last=Day(last.date()))


def lot_history(events: pd.DataFrame, lot: str) -> pd.DataFrame:
    """The steps of a lot still in force (replayed events), in their order."""
    return events.loc[events["valid"] & (events["lot"] == lot)].sort_values(
        ["date", "_row"], kind="stable")


def record_event(data: DataDir, lot: str, status: str, on: date, amount: str | None = None,
                 bids: str | int | None = None, supplier: str = "", supplier_bin: str = "",
                 document: str = "", note: str = "", by: str | None = None,
                 today: date | None = None, plan: Plan | None = None,
                 confirm: bool = False) -> dict[str, str]:
    """Check and append one event of a lot; return the values written (``event_id``
    included). ``status`` is a code or a stage name (:func:`status_code`). ``plan``: the plan
    already loaded (the register app's), else it is read from the folder.

    A step that contradicts the register (:func:`contradictions`) raises
    :class:`ConfirmationNeeded` unless ``confirm``; confirmed, it is recorded with what was
    confirmed in its note (``[подтверждено: …]``)."""
    values = event_values(lot, status, on, amount, bids, supplier, supplier_bin, document,
                          note, by, today)
    data.require()
    if not find_input(data.procurement, "lots"):  # no register yet: no lot to record on
        raise RecordError("record.unknown_lot", "lot", value=excerpt(lot))
    events_path = register_file(data.procurement, "events")
    register_file(data.procurement, "lots")
    with locked(events_path):
        plan = plan or load_plan(data)
        lots = load_lots(data, plan).frame
        known = lots.loc[lots["valid"] & (lots["lot"] == lot)]
        if known.empty:
            raise RecordError("record.unknown_lot", "lot", value=lot)
        events = load_events(data, lots).frame
        # the lifecycle is each lot's own: only this lot's rows are replayed (not the register)
        mine, _ = replay(events.loc[events["lot"] == lot], lots)
        history = lot_history(mine, lot)
        stage = history["stage"].iloc[-1] if len(history) else ""
        last = history["date"].iloc[-1] if len(history) else None
        check_step(stage, last, known["method"].iloc[0], values["status"], on)
        found = contradictions(data, known.iloc[-1], history, values)
        if found and not confirm:
            raise ConfirmationNeeded(found)
        if found:
            said = "; ".join(key.removeprefix("confirm.") for key, _ in found)
            values["note"] = f"{values['note']} [подтверждено: {said}]".strip()
        values["event_id"] = append_event(events_path, events, lot, values)
    return values


def contradictions(data: DataDir, lot: pd.Series, history: pd.DataFrame,
                   values: dict[str, str]) -> list[tuple[str, dict[str, object]]]:
    """What a new step contradicts (each a label key and its values, shown translated):
    «оплачено» while less than the contract in force is paid on the lot; a contract or an
    amendment above ``confirm_above_estimate`` × the estimate, or below what is paid."""
    from ..core.params import procurement_settings

    status = values["status"]
    currency = str(lot["currency"] or "KZT")
    in_force = history["amount_in_force"].dropna()
    contract = int(in_force.iloc[-1]) if len(in_force) else None
    amount = int(Decimal(values["amount"]) * 100) if values.get("amount") else None  # exact
    found: list[tuple[str, dict[str, object]]] = []
    if status == "paid" or (status in IN_FORCE and amount is not None):
        paid = _paid_on(data, str(lot["lot"]), str(lot["currency"]),
                        date.fromisoformat(values["date"]))
        if status == "paid" and contract is not None and paid < contract:
            found.append(("confirm.paid_short", {"paid": Money(paid, currency),
                                                 "contract": Money(contract, currency)}))
        if status in IN_FORCE and amount is not None:
            limit = procurement_settings().confirm_above_estimate
            estimate = int(lot["estimate_minor"])
            if estimate > 0 and amount > limit * estimate:
                found.append(("confirm.above_estimate", {
                    "amount": Money(amount, currency), "estimate": Money(estimate, currency),
                    "times": Lazy(lambda: format_number(amount / estimate, 1))}))
            if paid > amount:
                found.append(("confirm.below_paid", {"amount": Money(amount, currency),
                                                     "paid": Money(paid, currency)}))
    return found


def _paid_on(data: DataDir, lot: str, currency: str, until: date) -> int:
    """The payments naming ``lot`` as their contract, in its currency, dated on or before
    ``until``, in minor units (a row that cannot be read counts nothing)."""
    from ..core.schemas import PAYMENTS
    from ..core.values import parse_dates
    from ..ledger.load import read_input

    frame, _ = read_input(data, "budget", PAYMENTS)
    if frame.empty:
        return 0
    rows = frame.loc[(frame["contract"] == lot)
                     & (frame["currency"].str.upper().replace("", "KZT") == currency)]
    days, _ = parse_dates(rows["date"])
    minor, _, _ = parse_amounts(rows["amount"])
    return int(minor.where(days <= pd.Timestamp(until)).fillna(0).sum())


def append_event(path: Path, events: pd.DataFrame, lot: str, values: dict[str, str]) -> str:
    """Append an event row with its id (call under :func:`locked`; ``events`` has the
    register's ``lot`` and ``event_id``); return the id (``row-N`` in a register without an
    ``event_id`` column)."""
    has_id = "event_id" in file_columns(path, EVENTS)
    if has_id:
        values["event_id"] = next_event_id(events, lot)
    row = append_row(path, EVENTS, dict(values))
    return values["event_id"] if has_id else positional_id(row)


def void_event(data: DataDir, event_id: str, reason: str, by: str | None = None,
               today: date | None = None) -> dict[str, str]:
    """Cancel an event by appending a ``void`` row (the event stays in the register and in the
    lot's history). Refused: an unknown id, a void, an event already voided, an event that
    later steps of its lot depend on (those must be voided first, latest first), no reason."""
    today = today or date.today()
    event_id, reason = (event_id or "").strip(), (reason or "").strip()
    if not reason:
        raise RecordError("record.void_reason", "reason")
    check_text({"event_id": event_id, "reason": reason, "recorded_by": by or ""})
    data.require()
    if not find_input(data.procurement, "events"):
        raise RecordError("record.void_unknown", "event_id", value=excerpt(event_id))
    events_path = register_file(data.procurement, "events")
    with locked(events_path):
        plan = load_plan(data)
        lots = load_lots(data, plan).frame
        events, _ = replay(load_events(data, lots).frame, lots)
        target = events.loc[events["event_id"] == event_id]
        if target.empty:
            raise RecordError("record.void_unknown", "event_id", value=excerpt(event_id))
        row = target.iloc[0]
        if row["status"] == VOID:
            raise RecordError("record.void_of_void", "event_id", value=event_id)
        if bool(row["voided"]):
            raise RecordError("record.void_already", "event_id", value=event_id)
        steps = events.loc[events["valid"] & (events["lot"] == row["lot"])].sort_values(
            ["date", "_row"], kind="stable")
        later = steps.loc[(steps["date"] > row["date"]) | ((steps["date"] == row["date"])
                                                            & (steps["_row"] > row["_row"]))]
        if len(later):
            raise RecordError("record.void_later_first", "event_id", value=event_id,
                              later=Stages(list(zip(later["event_id"][::-1],
                                                    later["status"][::-1], strict=True))))
        if "voids" not in file_columns(events_path, EVENTS):
            raise RecordError("record.needs_upgrade", None, path=events_path.name,
                              columns="event_id, voids")
        values = {
            "lot": row["lot"], "date": today.isoformat(), "status": VOID, "voids": event_id,
            "note": reason, **stamp(by),
        }
        values["event_id"] = append_event(events_path, events, row["lot"], values)
    return values


def add_lot(data: DataDir, lot: str, activity: str, method: str, estimate: str,
            title: str = "", currency: str = "KZT", specifics: str = "",
            planned_announce: date | None = None, needed_by: date | None = None,
            law: str = "", by: str | None = None, portal_number: str = "",
            portal_lot: str = "", portal_contract: str = "") -> dict[str, str]:
    """Check and append one lot to the register; return the values written. ``portal_number``
    (the announcement's ``number_anno``), ``portal_lot`` (the portal's ``lot_number``) and
    ``portal_contract`` (a contract's ``contract_number_sys`` or id, for a direct contract
    that has no announcement) link it to goszakup.gov.kz (:mod:`mics_budget.portal.importer`)."""
    lot = (lot or "").strip()
    if not lot:
        raise RecordError("problem.missing_lot_id", "lot")
    check_text({"lot": lot, "activity": activity, "title": title, "specifics": specifics,
                "law": law, "portal_number": portal_number, "portal_lot": portal_lot,
                "portal_contract": portal_contract})
    link = _portal_link({"portal_number": portal_number, "portal_lot": portal_lot,
                         "portal_contract": portal_contract})
    if len(lot) > MAX_LOT_ID:
        raise RecordError("record.long_lot_id", "lot", value=excerpt(lot), limit=MAX_LOT_ID)
    method = method_code(method or "") or (method or "").strip().lower()
    if method not in METHODS:
        raise RecordError("problem.unknown_method", "method", value=excerpt(method))
    minor = _one(estimate, parse_amounts, "estimate", "record.bad_amount")
    if not minor:
        raise RecordError("record.bad_amount", "estimate", value=excerpt(estimate))
    currency = (currency or "KZT").strip().upper()
    if currency not in currencies():
        raise RecordError("problem.unknown_currency", "currency", value=excerpt(currency))
    law = (law or "").strip() or law_on(planned_announce or date.today())
    if law not in laws():
        raise RecordError("record.unknown_law", "law", value=excerpt(law),
                          choices=", ".join(laws()))
    data.require()
    plan = load_plan(data)
    if activity not in plan.by_id:
        raise RecordError("problem.unknown_activity", "activity", value=excerpt(activity))
    if plan[activity].funding == "NONE":
        raise RecordError("problem.no_funding", "activity", value=activity)
    if not plan[activity].procurement:
        raise RecordError("record.not_procurement", "activity", value=activity,
                          form=plan[activity].completion_form)
    lots_path = register_file(data.procurement, "lots")
    _require_link_columns(lots_path, link)
    with locked(lots_path):
        lots = load_lots(data, plan).frame
        if (lots["lot"] == lot).any():
            raise RecordError("problem.duplicate_lot", "lot", value=lot)
        _check_link_free(lots, lot, link)
        values = {
            "lot": lot, "activity": activity, "title": " ".join((title or "").split()),
            "method": method, "estimate": minor_text(minor), "currency": currency,
            "specifics": specifics or "",
            "planned_announce": planned_announce.isoformat() if planned_announce else "",
            "needed_by": needed_by.isoformat() if needed_by else "", "law": law or "",
            **stamp(by),
            **link,
        }
        append_row(lots_path, LOTS, dict(values))
    return values


MAX_PORTAL_TEXT = 64  # characters of an announcement or lot number of the portal


#: the columns of lots.csv that link a lot to goszakup.gov.kz
LINK = ("portal_number", "portal_lot", "portal_contract")


def _portal_link(values: dict[str, str | None]) -> dict[str, str]:
    """The portal's announcement, lot and contract numbers as typed (trimmed): one line, no
    spaces inside, of a sane length (``15550001-1``, ``90000001-ОК1``, ``K-0001``)."""
    out = {}
    for name in LINK:
        text = (values.get(name) or "").strip()
        if len(text) > MAX_PORTAL_TEXT or any(c.isspace() for c in text):
            raise RecordError("record.bad_portal_number", name, value=excerpt(text))
        out[name] = text
    return out


def _require_link_columns(path: Path, link: dict[str, str]) -> None:
    """A link cannot be written into a lots file made before its column existed."""
    missing = [c for c in LINK if link[c] and c not in file_columns(path, LOTS)]
    if missing:
        raise RecordError("record.needs_upgrade", missing[0], path=path.name,
                          columns=", ".join(missing))


def _check_link_free(lots: pd.DataFrame, lot: str, link: dict[str, str]) -> None:
    """Another lot in force already linked to the same announcement and portal lot, or to
    the same contract: refused (the import could not tell which register lot a portal fact
    belongs to)."""
    current = lots.loc[lots["valid"] & (lots["lot"] != lot)]
    number, portal_lot, contract = (link[c] for c in LINK)
    if contract:
        same = current["portal_contract"] == contract
        if same.any():
            raise RecordError("record.portal_link_taken", "portal_contract", value=contract,
                              lot=current.loc[same, "lot"].iloc[0])
    if not (number or portal_lot):
        return
    same = (current["portal_number"] == number) & (current["portal_lot"] == portal_lot)
    if portal_lot:  # a portal lot number names one lot, whatever the announcement
        same |= current["portal_lot"] == portal_lot
    if same.any():
        raise RecordError("record.portal_link_taken", "portal_lot" if portal_lot
                          else "portal_number", value=portal_lot or number,
                          lot=current.loc[same, "lot"].iloc[0])


AMENDABLE = ("title", "estimate", "planned_announce", "needed_by", "law", *LINK)


def amend_lot(data: DataDir, lot: str, by: str | None = None, **changes: object
              ) -> dict[str, str]:
    """Change planning fields of a lot (``title``, ``estimate``, ``planned_announce``,
    ``needed_by``, ``law``) or its link to the portal (:data:`LINK`) by
    appending a whole new row of it: the last row of a lot is in force, the earlier ones are
    its history (who and when in ``recorded_by``/``recorded_at``). A field not given keeps its
    value; a date can be changed, not removed."""
    unknown = set(changes) - set(AMENDABLE)
    if unknown:
        raise ValueError(f"only {', '.join(AMENDABLE)} can be amended, not {sorted(unknown)}")
    check_text({k: v for k, v in changes.items() if isinstance(v, str)}
               | {"recorded_by": by or ""})
    data.require()
    plan = load_plan(data)
    lots_path = register_file(data.procurement, "lots")
    if not lots_path.exists():
        raise RecordError("record.unknown_lot", "lot", value=excerpt(lot))
    if not {"recorded_by", "recorded_at"} <= file_columns(lots_path, LOTS):
        raise RecordError("record.needs_upgrade", None, path=lots_path.name,
                          columns="recorded_by, recorded_at")
    with locked(lots_path):
        frame = load_lots(data, plan).frame
        current = frame.loc[frame["valid"] & (frame["lot"] == lot)]
        if current.empty:
            raise RecordError("record.unknown_lot", "lot", value=excerpt(lot))
        row = current.iloc[-1]
        values = {c: str(row[c]) for c in ("lot", "activity", "method", "currency",
                                             "specifics", "title", "law", *LINK)}
        values["estimate"] = minor_text(int(row["estimate_minor"]))
        for column in ("planned_announce", "needed_by"):
            day = row[column]
            values[column] = "" if pd.isna(day) else day.date().isoformat()
        if "title" in changes:
            values["title"] = " ".join(str(changes["title"] or "").split())
        if changes.get("estimate") not in (None, ""):
            minor = _one(str(changes["estimate"]), parse_amounts, "estimate",
                         "record.bad_amount")
            if not minor:
                raise RecordError("record.bad_amount", "estimate",
                                  value=excerpt(changes["estimate"]))
            values["estimate"] = minor_text(minor)
        for column in ("planned_announce", "needed_by"):
            day = changes.get(column)
            if isinstance(day, date):
                values[column] = day.isoformat()
        if changes.get("law"):
            law = str(changes["law"]).strip()
            if law not in laws():
                raise RecordError("record.unknown_law", "law", value=excerpt(law),
                                  choices=", ".join(laws()))
            values["law"] = law
        if any(c in changes for c in LINK):
            link = _portal_link({c: str(changes.get(c, values[c]) or "") for c in LINK})
            _require_link_columns(lots_path, link)
            _check_link_free(frame, lot, link)
            values.update(link)
        values.update(stamp(by))
        append_row(lots_path, LOTS, dict(values))
    return values


def upgrade_register(data: DataDir) -> list[tuple[str, list[str]]]:
    """Give older register files the columns added since they were made (``event_id``,
    ``voids``; ``recorded_by``, ``recorded_at`` for lots). Every row keeps every value; a row
    without an id gets ``row-N`` written, the id it had anyway, so nothing that refers to it
    changes. Each file is rewritten under its lock, atomically, in its own encoding,
    separator and line ends. Returns the files changed and the columns added."""
    data.require()
    changed = []
    for schema in (LOTS, EVENTS):
        if not find_input(data.procurement, schema.name):
            continue
        path = register_file(data.procurement, schema.name)
        with locked(path):
            missing = upgrade_file(path, schema, {"event_id": positional_id})
        if missing:
            changed.append((f"procurement/{path.name}", missing))
    return changed


