"""Recording procurement steps and lots: checked, then appended under a lock, never rewritten.

Under an exclusive lock on the register file, :func:`record_event` re-reads the lots and
events, replays the lot, checks the new step (allowed from the lot's stage, dated on or after
its last event and not in the future, an amount where a contract needs one …) and appends one
line in the file's own encoding and separator, flushed and fsync'ed. A refused step raises
:class:`RecordError` (a Russian message naming the field) and writes nothing.
"""

from __future__ import annotations

import csv
import getpass
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from filelock import FileLock

from .config import DataDir
from .fileio import atomic_writer
from .fx import currencies
from .labels import UserError, t
from .lifecycle import allowed, replay
from .plan import load_plan
from .procurement import EVENTS, LOTS, METHODS, STATUSES, load_events, load_lots
from .tables import Schema, decode, find_input, sniff_separator
from .values import parse_amounts, parse_ints

NEEDS_AMOUNT = ("contracted", "amended")
LOCK_TIMEOUT = 30  # seconds


class RecordError(UserError):
    """A refused step or lot; ``field`` names the input at fault (for forms)."""

    def __init__(self, key: str, field: str | None = None, **params: object):
        super().__init__(key, **params)
        self.field = field


def register_file(folder: Path, stem: str) -> Path:
    """The CSV register file ``stem`` in ``folder`` (created on first use); XLSX is read-only."""
    files = find_input(folder, stem)
    if files and files[0].suffix.lower() in {".xlsx", ".xlsm"}:
        raise RecordError("record.xlsx_readonly", None, path=files[0],
                          csv=files[0].with_suffix(".csv").name)
    return files[0] if files else folder / f"{stem}.csv"


@contextmanager
def locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(f"{path}.lock", timeout=LOCK_TIMEOUT):
        yield


def append_row(path: Path, schema: Schema, values: dict[str, str]) -> str:
    """Append one row to a CSV register in its own encoding, separator and line ends.

    Call under :func:`locked`. A new file gets the canonical header first (atomically).
    Returns the line written.
    """
    if not path.exists() or path.stat().st_size == 0:
        with atomic_writer(path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerow(schema.columns)
    data = path.read_bytes()
    text, encoding = decode(data)
    if text is None:
        raise RecordError("load.bad_encoding", None, value=encoding)
    sep = sniff_separator(text)
    header = next(csv.reader(io.StringIO(text.splitlines()[0]), delimiter=sep))
    newline = "\r\n" if b"\r\n" in data[:4096] else "\n"
    if sep == ";" and "amount" in values:  # Russian Excel style: decimal comma
        for key in ("amount", "estimate"):
            values[key] = values.get(key, "").replace(".", ",")
    row = [values.get(schema.canonical(h) or "", "") for h in header]
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator=newline).writerow(row)
    line = buf.getvalue()
    out = ("" if data.endswith((b"\n", b"\r")) else newline) + line
    encoded = out.encode("utf-8" if encoding.startswith("utf-8") else encoding)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        os.write(fd, encoded)  # one write of one line: never torn
        os.fsync(fd)
    finally:
        os.close(fd)
    return line


def _one(value: str | None, parser, field: str, key: str):
    if value in (None, ""):
        return None
    parsed, bad, *_ = parser(pd.Series([str(value)]))
    if bad.iloc[0] or pd.isna(parsed.iloc[0]) or parsed.iloc[0] < 0:
        raise RecordError(key, field, value=value)
    return int(parsed.iloc[0])


def _money_text(minor: int | None) -> str:
    return "" if minor is None else f"{minor // 100}.{minor % 100:02d}"


def record_event(data: DataDir, lot: str, status: str, on: date, amount: str | None = None,
                 bids: str | int | None = None, supplier: str = "", supplier_bin: str = "",
                 document: str = "", note: str = "", by: str | None = None,
                 today: date | None = None) -> dict[str, str]:
    """Check and append one event of a lot; return the values written."""
    today = today or date.today()
    status = (status or "").strip().lower()
    if status not in STATUSES:
        raise RecordError("record.unknown_status", "status", value=status,
                          choices=", ".join(STATUSES))
    if on > today:
        raise RecordError("record.future_date", "date", value=on.isoformat(),
                          today=today.isoformat())
    minor = _one(amount, parse_amounts, "amount", "record.bad_amount")
    count = _one(bids, parse_ints, "bids", "record.bad_bids")
    if status in NEEDS_AMOUNT and not minor:
        raise RecordError("record.amount_required", "amount", value=status)
    supplier_bin = (supplier_bin or "").strip()
    if supplier_bin and not (supplier_bin.isdigit() and len(supplier_bin) == 12):
        raise RecordError("record.bad_bin", "supplier_bin", value=supplier_bin)
    events_path = register_file(data.procurement, "events")
    register_file(data.procurement, "lots")
    with locked(events_path):
        plan = load_plan(data)
        lots = load_lots(data, plan).frame
        known = lots.loc[lots["valid"] & (lots["lot"] == lot)]
        if known.empty:
            raise RecordError("record.unknown_lot", "lot", value=lot)
        events, _ = replay(load_events(data, lots).frame, lots)
        history = events.loc[events["valid"] & (events["lot"] == lot)].sort_values(
            ["date", "_row"])
        stage = history["stage"].iloc[-1] if len(history) else ""
        choices = allowed(stage, known["method"].iloc[0])
        if status not in choices:
            raise RecordError("record.bad_step", "status", value=status,
                              stage=t(f"stage.{stage or 'none'}"),
                              allowed=", ".join(choices) or "—")
        if len(history) and pd.Timestamp(on) < history["date"].iloc[-1]:
            raise RecordError("record.date_before_last", "date", value=on.isoformat(),
                              last=history["date"].iloc[-1].date().isoformat())
        values = {
            "lot": lot, "date": on.isoformat(), "status": status,
            "amount": _money_text(minor), "bids": "" if count is None else str(count),
            "supplier": " ".join((supplier or "").split()), "supplier_bin": supplier_bin,
            "document": document or "", "note": note or "",
            "recorded_by": by or getpass.getuser(),
            "recorded_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        append_row(events_path, EVENTS, dict(values))
    return values


def add_lot(data: DataDir, lot: str, activity: str, method: str, estimate: str,
            title: str = "", currency: str = "KZT", specifics: str = "",
            planned_announce: date | None = None, needed_by: date | None = None,
            law: str = "") -> dict[str, str]:
    """Check and append one lot to the register; return the values written."""
    lot = (lot or "").strip()
    if not lot:
        raise RecordError("problem.missing_lot_id", "lot")
    method = (method or "").strip().lower()
    if method not in METHODS:
        raise RecordError("problem.unknown_method", "method", value=method)
    minor = _one(estimate, parse_amounts, "estimate", "record.bad_amount")
    if not minor:
        raise RecordError("record.bad_amount", "estimate", value=estimate)
    currency = (currency or "KZT").strip().upper()
    if currency not in currencies():
        raise RecordError("problem.unknown_currency", "currency", value=currency)
    lots_path = register_file(data.procurement, "lots")
    with locked(lots_path):
        plan = load_plan(data)
        if activity not in plan.by_id:
            raise RecordError("problem.unknown_activity", "activity", value=activity)
        if plan[activity].funding == "NONE":
            raise RecordError("problem.no_funding", "activity", value=activity)
        lots = load_lots(data, plan).frame
        if (lots["lot"] == lot).any():
            raise RecordError("problem.duplicate_lot", "lot", value=lot)
        values = {
            "lot": lot, "activity": activity, "title": " ".join((title or "").split()),
            "method": method, "estimate": _money_text(minor), "currency": currency,
            "specifics": specifics or "",
            "planned_announce": planned_announce.isoformat() if planned_announce else "",
            "needed_by": needed_by.isoformat() if needed_by else "", "law": law or "",
        }
        append_row(lots_path, LOTS, dict(values))
    return values
