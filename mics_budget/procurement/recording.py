"""Recording procurement steps and lots: checked, then appended under a lock, never rewritten.

Under an exclusive lock on the register file, :func:`record_event` re-reads the lots and
events, replays the lot, checks the new step (allowed from the lot's stage, dated on or after
its last event and not in the future, an amount where a contract needs one …) and appends one
line in the file's own encoding and separator, flushed and fsync'ed. A refused step raises
:class:`RecordError` (a message in the current language naming the field) and writes nothing.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import getpass
import io
import os
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from ..config import DataDir
from ..core.checks import excerpt
from ..core.fileio import atomic_writer
from ..core.schemas import EVENTS, LOTS, Schema
from ..core.tables import LONE_CR, TextLayout, decode, find_input, normalise_text, text_layout
from ..core.values import MAX_AMOUNT_TEXT, above_ceiling, minor_text, parse_amounts, parse_ints
from ..errors import UserError
from ..i18n import LANGS, format_date, t, t_in
from ..ledger.fx import currencies
from ..ledger.plan import Plan, load_plan
from .corrections import positional_id
from .lifecycle import IN_FORCE, STATUSES, VOID, allowed, replay
from .load import METHODS, law_on, laws, load_events, load_lots

LOCK_TIMEOUT = 30  # seconds
MAX_LOT_ID = 64  # characters


class RecordError(UserError):
    """A refused step or lot; ``field`` names the input at fault (for forms)."""

    def __init__(self, key: str, field: str | None = None, **params: object):
        super().__init__(key, **params)
        self.field = field


def register_file(folder: Path, stem: str) -> Path:
    """The CSV register file ``stem`` in ``folder`` (created on first use); XLSX is read-only;
    two candidates (``events.csv`` and ``events.xlsx``) are refused, not guessed."""
    files = find_input(folder, stem)
    if len(files) > 1:
        raise RecordError("load.ambiguous_file", None,
                          files=", ".join(f.name for f in files))
    if files and files[0].suffix.lower() in {".xlsx", ".xlsm"}:
        raise RecordError("record.xlsx_readonly", None, path=files[0],
                          csv=files[0].with_suffix(".csv").name)
    if files and not files[0].resolve().is_relative_to(folder.parent.resolve()):
        raise RecordError("load.outside_folder", None)
    return files[0] if files else folder / f"{stem}.csv"


def require_folder(data: DataDir) -> None:
    """Refuse a data folder that does not exist (before anything is created in it)."""
    if not data.root.is_dir():
        raise UserError("error.no_data_folder", path=data.root)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock on a register file (``FILE.lock`` beside it); a register held by
    someone else for longer than :data:`LOCK_TIMEOUT` is reported as busy."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        lock = FileLock(f"{path}.lock", timeout=LOCK_TIMEOUT)
        lock.acquire()
    except Timeout:
        raise RecordError("record.busy", None, path=path.name,
                          seconds=LOCK_TIMEOUT) from None
    try:
        yield
    finally:
        lock.release()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_text(values: dict[str, str]) -> None:
    """Refuse control characters (other than tab and line breaks) in any typed text: they
    would make the register unreadable for Excel and for us."""
    for name, value in values.items():
        match = _CONTROL.search(value or "")
        if match:
            raise RecordError("record.control_char", name, value=excerpt(value),
                              code=f"U+{ord(match.group()):04X}")


def csv_line(row: list[str], sep: str, newline: str) -> str:
    """One CSV record: a field with the separator, a quote, CR or LF is quoted (a lone CR
    too, which ``csv`` leaves bare when the line end is LF), ended by ``newline``."""
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerow(row)
    return buf.getvalue()[:-2] + newline


def append_row(path: Path, schema: Schema, values: dict[str, str]) -> int:
    """Append one row to a CSV register in its own encoding, separator and line ends.

    Call under :func:`locked`. A new file gets the canonical header first (atomically). The
    line is written whole or not at all: every byte is written and fsync'ed, and on any
    failure (a full disk, a file-size limit) the file is cut back to its previous size and
    :class:`RecordError` says so. A value for a column the file does not have is not written
    (:func:`file_columns` tells which it has). Returns the row number of the new line, as the
    loader numbers rows (the header is row 1).
    """
    _ignore_file_size_signal()
    try:
        if not path.exists() or path.stat().st_size == 0:
            with atomic_writer(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(csv_line(list(schema.file_order), ",", "\n"))
        data = path.read_bytes()
    except OSError as exc:
        raise RecordError("record.write_failed", None, path=path.name,
                          detail=exc.strerror or type(exc).__name__) from None
    text, encoding = decode(data)
    if text is None:
        raise RecordError("load.bad_encoding", None, value=encoding)
    layout = text_layout(text, encoding)
    if layout.sep == ";":  # Russian Excel style: decimal comma
        for key in ("amount", "estimate"):
            if key in values:
                values[key] = values[key].replace(".", ",")
    row = [values.get(schema.canonical(h) or "", "") for h in layout.header]
    line = csv_line(row, layout.sep, layout.newline)
    out = ("" if layout.ends_with_newline else layout.newline) + line
    try:
        encoded = out.encode(layout.codec)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        field = next((k for k, v in values.items() if char in (v or "")), "")
        raise RecordError("record.unencodable", field or None, char=char,
                          code=f"U+{ord(char):04X}", path=path.name,
                          encoding=_ENCODING_NAMES.get(layout.codec, layout.codec)) from None
    _write_whole(path, encoded, len(data))
    return _records(text, layout) + 1


def _records(text: str, layout: TextLayout) -> int:
    """How many rows (header included) the loader counts in ``text``."""
    body, _, _ = normalise_text(text)
    return sum(1 for _ in csv.reader(io.StringIO(body), delimiter=layout.sep))


def file_columns(path: Path, schema: Schema) -> set[str]:
    """The columns of ``schema`` a register file has (all of them for a file not yet made)."""
    if not path.exists() or path.stat().st_size == 0:
        return set(schema.columns)
    text, encoding = decode(path.read_bytes())
    if text is None:
        return set()
    return {c for c in map(schema.canonical, text_layout(text, encoding).header) if c}


_ENCODING_NAMES = {"cp1251": "Windows-1251"}


def _write_whole(path: Path, encoded: bytes, size: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        try:
            view = memoryview(encoded)
            while view:
                written = os.write(fd, view)
                if written <= 0:
                    raise OSError(errno.EIO, os.strerror(errno.EIO))
                view = view[written:]
            os.fsync(fd)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
                os.fsync(fd)
            raise RecordError("record.write_failed", None, path=path.name,
                              detail=exc.strerror or type(exc).__name__) from None
    finally:
        os.close(fd)


def _ignore_file_size_signal() -> None:
    """A write beyond the file-size limit should fail with EFBIG (and be undone), not kill
    the process with SIGXFSZ halfway through a line."""
    if threading.current_thread() is threading.main_thread():
        with contextlib.suppress(ValueError, OSError, AttributeError):
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def _one(value: str | int | None, parser, field: str, key: str) -> int | None:
    if value in (None, ""):
        return None
    parsed, bad, *_ = parser(pd.Series([str(value)]))
    if bad.iloc[0] or pd.isna(parsed.iloc[0]) or parsed.iloc[0] < 0:
        raise RecordError(key, field, value=excerpt(value))
    if above_ceiling(parsed).iloc[0]:
        raise RecordError("problem.amount_too_large", field, value=excerpt(value),
                          limit=MAX_AMOUNT_TEXT)
    return int(parsed.iloc[0])


def status_code(text: str) -> str | None:
    """The status a person means: a code (``delivered``) or a stage name as the register shows
    it in any language («поставлено», "delivered", «жеткізілді»), any case, е for ё."""
    key = _fold(text)
    if key in STATUSES:
        return key
    for status in STATUSES:
        if any(_fold(t_in(lang, f"stage.{status}")) == key for lang in LANGS):
            return status
    return None


def _fold(text: str) -> str:
    return " ".join((text or "").split()).lower().replace("ё", "е")


def _stage_names(statuses: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f"«{t(f'stage.{s}')}»" for s in statuses) or "—"


def next_event_id(events: pd.DataFrame, lot: str) -> str:
    """``LOT-n``: the lot's n-th row in the register (n counts every row of the lot, voids and
    refused ones too, so an id is never given twice)."""
    taken = set(events["event_id"])
    number = int((events["lot"] == lot).sum()) + 1
    while f"{lot}-{number}" in taken:
        number += 1
    return f"{lot}-{number}"


def event_values(lot: str, status: str, on: date, amount: str | None = None,
                 bids: str | int | None = None, supplier: str = "", supplier_bin: str = "",
                 document: str = "", note: str = "", by: str | None = None,
                 today: date | None = None) -> dict[str, str]:
    """The checks of a step that need no register: a known status (code or stage name), not
    dated in the future, a readable amount (required where a contract needs one) and bid count,
    a 12-digit BIN, no control characters. Returns the row to write (without ``event_id``);
    a refused value raises :class:`RecordError` naming the field."""
    today = today or date.today()
    code = status_code(status)
    if code is None:
        raise RecordError("record.unknown_status", "status", value=excerpt(status),
                          choices=_stage_names(STATUSES))
    status = code
    if on > today:
        raise RecordError("record.future_date", "date", value=format_date(on),
                          today=format_date(today))
    minor = _one(amount, parse_amounts, "amount", "record.bad_amount")
    count = _one(bids, parse_ints, "bids", "record.bad_bids")
    if status in IN_FORCE and not minor:
        raise RecordError("record.amount_required", "amount", stage=t(f"stage.{status}"))
    supplier_bin = (supplier_bin or "").strip()
    if supplier_bin and not re.fullmatch(r"[0-9]{12}", supplier_bin):
        raise RecordError("record.bad_bin", "supplier_bin", value=excerpt(supplier_bin))
    check_text({"lot": lot, "supplier": supplier, "document": document, "note": note,
                "recorded_by": by or ""})
    return {
        "lot": lot, "date": on.isoformat(), "status": status,
        "amount": minor_text(minor), "bids": "" if count is None else str(count),
        "supplier": " ".join((supplier or "").split()), "supplier_bin": supplier_bin,
        "document": document or "", "note": note or "",
        "recorded_by": by or getpass.getuser(),
        "recorded_at": datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def check_step(stage: str, last: pd.Timestamp | None, method: str, status: str,
               on: date) -> None:
    """The lifecycle checks of a step: allowed from the lot's ``stage`` for its ``method``
    and dated on or after its ``last`` event; else :class:`RecordError`."""
    choices = allowed(stage, method)
    if status not in choices:
        raise RecordError("record.bad_step", "status", value=t(f"stage.{status}"),
                          stage=t(f"stage.{stage or 'none'}"),
                          allowed=_stage_names(choices))
    if last is not None and not pd.isna(last) and pd.Timestamp(on) < last:
        raise RecordError("record.date_before_last", "date", value=format_date(on),
                          last=format_date(last.date()))


def lot_history(events: pd.DataFrame, lot: str) -> pd.DataFrame:
    """The steps of a lot still in force (replayed events), in their order."""
    return events.loc[events["valid"] & (events["lot"] == lot)].sort_values(
        ["date", "_row"], kind="stable")


def record_event(data: DataDir, lot: str, status: str, on: date, amount: str | None = None,
                 bids: str | int | None = None, supplier: str = "", supplier_bin: str = "",
                 document: str = "", note: str = "", by: str | None = None,
                 today: date | None = None, plan: Plan | None = None) -> dict[str, str]:
    """Check and append one event of a lot; return the values written (``event_id``
    included). ``status`` is a code or a stage name (:func:`status_code`). ``plan``: the plan
    already loaded (the register app's), else it is read from the folder."""
    values = event_values(lot, status, on, amount, bids, supplier, supplier_bin, document,
                          note, by, today)
    require_folder(data)
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
        events, _ = replay(load_events(data, lots).frame, lots)
        history = lot_history(events, lot)
        stage = history["stage"].iloc[-1] if len(history) else ""
        last = history["date"].iloc[-1] if len(history) else None
        check_step(stage, last, known["method"].iloc[0], values["status"], on)
        values["event_id"] = append_event(events_path, events, lot, values)
    return values


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
    require_folder(data)
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
                              later=", ".join(f"{e} ({t(f'stage.{s}')})" for e, s in zip(
                                  later["event_id"][::-1], later["status"][::-1],
                                  strict=True)))
        if "voids" not in file_columns(events_path, EVENTS):
            raise RecordError("record.needs_upgrade", None, path=events_path.name,
                              columns="event_id, voids")
        values = {
            "lot": row["lot"], "date": today.isoformat(), "status": VOID, "voids": event_id,
            "note": reason, "recorded_by": by or getpass.getuser(),
            "recorded_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        values["event_id"] = append_event(events_path, events, row["lot"], values)
    return values


def add_lot(data: DataDir, lot: str, activity: str, method: str, estimate: str,
            title: str = "", currency: str = "KZT", specifics: str = "",
            planned_announce: date | None = None, needed_by: date | None = None,
            law: str = "", by: str | None = None, portal_number: str = "",
            portal_lot: str = "") -> dict[str, str]:
    """Check and append one lot to the register; return the values written. ``portal_number``
    (the announcement's ``number_anno``) and ``portal_lot`` (the portal's ``lot_number``) link
    it to goszakup.gov.kz (:mod:`.portal_import`)."""
    lot = (lot or "").strip()
    if not lot:
        raise RecordError("problem.missing_lot_id", "lot")
    check_text({"lot": lot, "activity": activity, "title": title, "specifics": specifics,
                "law": law, "portal_number": portal_number, "portal_lot": portal_lot})
    portal_number, portal_lot = _portal_link(portal_number, portal_lot)
    if len(lot) > MAX_LOT_ID:
        raise RecordError("record.long_lot_id", "lot", value=excerpt(lot), limit=MAX_LOT_ID)
    method = (method or "").strip().lower()
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
    require_folder(data)
    plan = load_plan(data)
    if activity not in plan.by_id:
        raise RecordError("problem.unknown_activity", "activity", value=excerpt(activity))
    if plan[activity].funding == "NONE":
        raise RecordError("problem.no_funding", "activity", value=activity)
    if not plan[activity].procurement:
        raise RecordError("record.not_procurement", "activity", value=activity,
                          form=plan[activity].completion_form)
    lots_path = register_file(data.procurement, "lots")
    _require_link_columns(lots_path, portal_number, portal_lot)
    with locked(lots_path):
        lots = load_lots(data, plan).frame
        if (lots["lot"] == lot).any():
            raise RecordError("problem.duplicate_lot", "lot", value=lot)
        _check_link_free(lots, lot, portal_number, portal_lot)
        values = {
            "lot": lot, "activity": activity, "title": " ".join((title or "").split()),
            "method": method, "estimate": minor_text(minor), "currency": currency,
            "specifics": specifics or "",
            "planned_announce": planned_announce.isoformat() if planned_announce else "",
            "needed_by": needed_by.isoformat() if needed_by else "", "law": law or "",
            "recorded_by": by or getpass.getuser(),
            "recorded_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "portal_number": portal_number, "portal_lot": portal_lot,
        }
        append_row(lots_path, LOTS, dict(values))
    return values


MAX_PORTAL_TEXT = 64  # characters of an announcement or lot number of the portal


def _portal_link(portal_number: str | None, portal_lot: str | None) -> tuple[str, str]:
    """The portal's announcement and lot numbers as typed (trimmed): one line, no spaces
    inside, of a sane length (``15550001-1``, ``90000001-ОК1``)."""
    out = []
    for name, value in (("portal_number", portal_number), ("portal_lot", portal_lot)):
        text = (value or "").strip()
        if len(text) > MAX_PORTAL_TEXT or any(c.isspace() for c in text):
            raise RecordError("record.bad_portal_number", name, value=excerpt(text))
        out.append(text)
    return out[0], out[1]


def _require_link_columns(path: Path, portal_number: str, portal_lot: str) -> None:
    """A link cannot be written into a lots file made before the portal columns existed."""
    if (portal_number or portal_lot) and not {"portal_number", "portal_lot"} <= file_columns(
            path, LOTS):
        raise RecordError("record.needs_upgrade", "portal_number", path=path.name,
                          columns="portal_number, portal_lot")


def _check_link_free(lots: pd.DataFrame, lot: str, portal_number: str, portal_lot: str) -> None:
    """Another lot in force already linked to the same announcement and portal lot: refused
    (the import could not tell which register lot a portal fact belongs to)."""
    if not (portal_number or portal_lot):
        return
    current = lots.loc[lots["valid"] & (lots["lot"] != lot)]
    same = (current["portal_number"] == portal_number) & (current["portal_lot"] == portal_lot)
    if portal_lot:  # a portal lot number names one lot, whatever the announcement
        same |= current["portal_lot"] == portal_lot
    if same.any():
        raise RecordError("record.portal_link_taken", "portal_lot" if portal_lot
                          else "portal_number", value=portal_lot or portal_number,
                          lot=current.loc[same, "lot"].iloc[0])


AMENDABLE = ("title", "estimate", "planned_announce", "needed_by", "law", "portal_number",
             "portal_lot")


def amend_lot(data: DataDir, lot: str, by: str | None = None, **changes: object
              ) -> dict[str, str]:
    """Change planning fields of a lot (``title``, ``estimate``, ``planned_announce``,
    ``needed_by``, ``law``) or its link to the portal (``portal_number``, ``portal_lot``) by
    appending a whole new row of it: the last row of a lot is in force, the earlier ones are
    its history (who and when in ``recorded_by``/``recorded_at``). A field not given keeps its
    value; a date can be changed, not removed."""
    unknown = set(changes) - set(AMENDABLE)
    if unknown:
        raise ValueError(f"only {', '.join(AMENDABLE)} can be amended, not {sorted(unknown)}")
    check_text({k: v for k, v in changes.items() if isinstance(v, str)}
               | {"recorded_by": by or ""})
    require_folder(data)
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
                                             "specifics", "title", "law", "portal_number",
                                             "portal_lot")}
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
        if "portal_number" in changes or "portal_lot" in changes:
            number, lot_number = _portal_link(
                str(changes.get("portal_number", values["portal_number"]) or ""),
                str(changes.get("portal_lot", values["portal_lot"]) or ""))
            _require_link_columns(lots_path, number, lot_number)
            _check_link_free(frame, lot, number, lot_number)
            values["portal_number"], values["portal_lot"] = number, lot_number
        values["recorded_by"] = by or getpass.getuser()
        values["recorded_at"] = datetime.now().astimezone().isoformat(timespec="seconds")
        append_row(lots_path, LOTS, dict(values))
    return values


def upgrade_register(data: DataDir) -> list[tuple[str, list[str]]]:
    """Give older register files the columns added since they were made (``event_id``,
    ``voids``; ``recorded_by``, ``recorded_at`` for lots). Every row keeps every value; a row
    without an id gets ``row-N`` written, the id it had anyway, so nothing that refers to it
    changes. Each file is rewritten under its lock, atomically, in its own encoding,
    separator and line ends. Returns the files changed and the columns added."""
    require_folder(data)
    changed = []
    for schema in (LOTS, EVENTS):
        if not find_input(data.procurement, schema.name):
            continue
        path = register_file(data.procurement, schema.name)
        with locked(path):
            missing = _upgrade(path, schema)
        if missing:
            changed.append((f"procurement/{path.name}", missing))
    return changed


def _upgrade(path: Path, schema: Schema) -> list[str]:
    raw = path.read_bytes()
    text, encoding = decode(raw)
    if text is None:
        raise RecordError("load.bad_encoding", None, value=encoding)
    layout = text_layout(text, encoding)
    have = {schema.canonical(h) for h in layout.header}
    missing = [c for c in schema.columns if c not in have]
    if not missing:
        return []
    body, _, lone_cr = normalise_text(text)
    lines = [f"sep={layout.sep}{layout.newline}"] if layout.directive else []
    for number, record in enumerate(csv.reader(io.StringIO(body), delimiter=layout.sep),
                                    start=1):
        if lone_cr:
            record = [cell.replace(LONE_CR, "\r") for cell in record]
        if number > 1 and not any(cell.strip() for cell in record):
            lines.append(layout.newline)  # a blank line stays (row numbers do not move)
            continue
        extra = missing if number == 1 else [
            positional_id(number) if c == "event_id" else "" for c in missing]
        lines.append(csv_line([*record, *extra], layout.sep, layout.newline))
    bom = {"utf-8-sig": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe",
           "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    with atomic_writer(path, "wb") as fh:
        fh.write(bom + "".join(lines).encode(layout.codec))
    return missing


def convert_to_utf8(data: DataDir) -> list[tuple[str, str]]:
    """Rewrite every CSV file of the data folder that is not UTF-8 (Windows-1251, UTF-16) as
    UTF-8 with a BOM (so Excel still shows Cyrillic), keeping its separator, line ends and
    every character; each under its lock, atomically. Returns ``(file, old encoding)`` of
    the files converted. Letters outside Windows-1251 (Kazakh ә, ғ, қ, ң, ө, ұ, ү, һ, і)
    can be recorded afterwards."""
    require_folder(data)
    converted = []
    for folder in (data.plan, data.budget, data.procurement):
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in {".csv", ".txt", ".tsv"} or path.is_symlink():
                continue
            with locked(path):
                raw = path.read_bytes()
                text, encoding = decode(raw)
                if text is None or encoding in ("utf-8", "utf-8-sig"):
                    continue
                with atomic_writer(path, "wb") as fh:
                    fh.write(b"\xef\xbb\xbf" + text.encode("utf-8"))
            converted.append((f"{folder.name}/{path.name}", _ENCODING_NAMES.get(encoding,
                                                                               encoding)))
    return converted
