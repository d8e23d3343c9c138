"""Recording procurement steps and lots: checked, then appended under a lock, never rewritten.

Under an exclusive lock on the register file, :func:`record_event` re-reads the lots and
events, replays the lot, checks the new step (allowed from the lot's stage, dated on or after
its last event and not in the future, an amount where a contract needs one …) and appends one
line in the file's own encoding and separator, flushed and fsync'ed. A refused step raises
:class:`RecordError` (a Russian message naming the field) and writes nothing.
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

from .checks import excerpt
from .config import DataDir
from .errors import UserError
from .fileio import atomic_writer
from .fx import currencies
from .i18n import t
from .lifecycle import IN_FORCE, STATUSES, allowed, replay
from .plan import load_plan
from .procurement import METHODS, law_on, laws, load_events, load_lots
from .schemas import EVENTS, LOTS, Schema
from .tables import decode, find_input, text_layout
from .values import MAX_AMOUNT_TEXT, above_ceiling, parse_amounts, parse_ints

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


def append_row(path: Path, schema: Schema, values: dict[str, str]) -> str:
    """Append one row to a CSV register in its own encoding, separator and line ends.

    Call under :func:`locked`. A new file gets the canonical header first (atomically). The
    line is written whole or not at all: every byte is written and fsync'ed, and on any
    failure (a full disk, a file-size limit) the file is cut back to its previous size and
    :class:`RecordError` says so. Returns the line written.
    """
    _ignore_file_size_signal()
    try:
        if not path.exists() or path.stat().st_size == 0:
            with atomic_writer(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(csv_line(list(schema.columns), ",", "\n"))
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
    return line


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
        raise RecordError("record.unknown_status", "status", value=excerpt(status),
                          choices=", ".join(STATUSES))
    if on > today:
        raise RecordError("record.future_date", "date", value=on.isoformat(),
                          today=today.isoformat())
    minor = _one(amount, parse_amounts, "amount", "record.bad_amount")
    count = _one(bids, parse_ints, "bids", "record.bad_bids")
    if status in IN_FORCE and not minor:
        raise RecordError("record.amount_required", "amount", value=status)
    supplier_bin = (supplier_bin or "").strip()
    if supplier_bin and not re.fullmatch(r"[0-9]{12}", supplier_bin):
        raise RecordError("record.bad_bin", "supplier_bin", value=excerpt(supplier_bin))
    check_text({"lot": lot, "supplier": supplier, "document": document, "note": note,
                "recorded_by": by or ""})
    require_folder(data)
    if not find_input(data.procurement, "lots"):  # no register yet: no lot to record on
        raise RecordError("record.unknown_lot", "lot", value=excerpt(lot))
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
    check_text({"lot": lot, "activity": activity, "title": title, "specifics": specifics,
                "law": law})
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
    with locked(lots_path):
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
