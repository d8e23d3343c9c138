"""The append-only CSV store of the registers: one row appended whole or not at all, under a
lock, in the file's own encoding, separator and line ends; never a rewrite but for an upgrade
(new columns) or a conversion to UTF-8, each atomic.

The rules of what may be written (steps, lots) are in :mod:`mics_budget.procurement.recording`;
this module knows files only.
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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from ..config import DataDir
from ..errors import RecordError
from ..vocabulary import excerpt
from .fileio import atomic_writer
from .schemas import Schema
from .tables import LONE_CR, TextLayout, decode, find_input, normalise_text, text_layout

LOCK_TIMEOUT = 30  # seconds


def now_text() -> str:
    """This moment as the registers write it: local time with its offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def stamp(by: str | None) -> dict[str, str]:
    """Who recorded a row and when: the signed-in name given, else the system user."""
    return {"recorded_by": by or getpass.getuser(), "recorded_at": now_text()}


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
    return append_rows(path, schema, [values])[0]


def append_rows(path: Path, schema: Schema, rows: list[dict[str, str]]) -> list[int]:
    """Append many rows as :func:`append_row` appends one, reading the file once and writing
    and fsync'ing once (an import of thousands of steps is linear, not quadratic): all the
    lines or none (a failure cuts the file back). Returns their row numbers."""
    if not rows:
        return []
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
    columns = [schema.canonical(h) or "" for h in layout.header]
    lines: list[bytes] = []
    for values in rows:
        values = dict(values)
        if layout.sep == ";":  # Russian Excel style: decimal comma
            for key in ("amount", "estimate"):
                if key in values:
                    values[key] = values[key].replace(".", ",")
        line = csv_line([values.get(c, "") for c in columns], layout.sep, layout.newline)
        try:
            lines.append(line.encode(layout.codec))
        except UnicodeEncodeError as exc:
            char = exc.object[exc.start]
            field = next((k for k, v in values.items() if char in (v or "")), "")
            raise RecordError("record.unencodable", field or None, char=char,
                              code=f"U+{ord(char):04X}", path=path.name,
                              encoding=_ENCODING_NAMES.get(layout.codec, layout.codec)
                              ) from None
    lead = b"" if layout.ends_with_newline else layout.newline.encode(layout.codec)
    _write_whole(path, lead + b"".join(lines), len(data))
    first = _records(text, layout) + 1
    return list(range(first, first + len(rows)))


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


def upgrade_file(path: Path, schema: Schema,
                 fill: dict[str, Callable[[int], str]] | None = None) -> list[str]:
    """Give a CSV file the columns of ``schema`` it lacks (call under :func:`locked`): every
    row keeps every value; ``fill`` gives a new column's value for a row by its number (the
    header is row 1), else it is empty. Atomic, in the file's own encoding, separator and line
    ends. Returns the columns added."""
    raw = path.read_bytes()
    text, encoding = decode(raw)
    if text is None:
        raise RecordError("load.bad_encoding", None, value=encoding)
    layout = text_layout(text, encoding)
    have = {schema.canonical(h) for h in layout.header}
    missing = [c for c in schema.columns if c not in have]
    fills = fill or {}
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
            fills[c](number) if c in fills else "" for c in missing]
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
    data.require()
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
