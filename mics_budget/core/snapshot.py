"""Validated snapshots of the input files, beside the data (``DIR/.mics-cache/``).

Like beancount's cache of a parsed ledger: after a load, the validated frame of an expensive
input (the payments, the register's events) and its problems are kept in an Arrow IPC file
(zstd) and a small JSON file, named by a key: the hash of the code's version (every module
and data file of the package), the fingerprints of the files it was read from (size, times,
inode and a SHA-1 of their bytes: :func:`.fileio.fingerprint`) and of whatever else it was
checked against (the plan, the rates, the lots, the settings). A warm load reads the snapshot
instead of parsing and validating again; a file edited in any way (within the same second, or
replaced by another of the same size) has another key, so its snapshot is never served, and
that file alone is validated again.

The cache is never required: it can be deleted at any time, a folder that cannot be written
simply gets none (``MICS_CACHE=0`` turns it off), and a snapshot that cannot be read (cut,
corrupt, of another version) is ignored and replaced. Nothing in it is executed: the frame is
Arrow data and the problems JSON of plain values (a problem whose parameters are not plain
values, dates, amounts, labels or stage lists is not snapshotted: its file is validated each
time).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..i18n import Day, Money, Stages
from .checks import Label, Problem
from .fileio import atomic_writer, fingerprint

FOLDER = ".mics-cache"
FORMAT = 1
PACKAGE = Path(__file__).resolve().parents[1]


class _NotPlain(Exception):
    """A value a snapshot cannot keep as plain JSON."""


@cache
def code_version() -> str:
    """A hash of every module and data file of the package: another version of the code
    (a release, an edit) never reads the snapshots of this one."""
    h = hashlib.sha1(usedforsecurity=False)
    h.update(f"format {FORMAT}".encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".csv", ".json", ".yaml", ".yml"} \
                and "__pycache__" not in path.parts:
            h.update(path.relative_to(PACKAGE).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def enabled() -> bool:
    return os.environ.get("MICS_CACHE", "1").strip().lower() not in {"0", "no", "off", "false"}


_SEEN: ContextVar[dict[Path, tuple] | None] = ContextVar("seen", default=None)


@contextlib.contextmanager
def one_load() -> Iterator[None]:
    """Inside the block each file is hashed once, however many keys name it (the payments
    key a snapshot of the payments and one of the checks across files)."""
    token = _SEEN.set({})
    try:
        yield
    finally:
        _SEEN.reset(token)


def files_key(paths: Iterable[Path]) -> list:
    """What identifies these files' contents (a missing file included, as missing; a link
    by where it leads too)."""
    seen = _SEEN.get()
    out = []
    for path in map(Path, paths):
        if seen is None:
            found = fingerprint(path)
        elif path in seen:
            found = seen[path]
        else:
            found = seen[path] = fingerprint(path)
        out.append([path.name, os.readlink(path) if path.is_symlink() else "", *found])
    return out


def folder_key(folder: Path) -> list:
    """:func:`files_key` of every file of ``folder`` (not of its subfolders)."""
    if not folder.is_dir():
        return []
    return files_key(sorted(p for p in folder.iterdir() if p.is_file()))


def frame_key(frame: pd.DataFrame | pd.Series) -> str:
    """A hash of a frame's values (a dependency already in memory, e.g. the lots)."""
    try:
        values = pd.util.hash_pandas_object(frame, index=True).to_numpy()
    except TypeError:  # a value pandas cannot hash: a key that never matches (no reuse)
        return os.urandom(16).hex()
    h = hashlib.sha1(values.tobytes(), usedforsecurity=False)
    h.update(repr(list(frame.columns) if isinstance(frame, pd.DataFrame) else frame.name
                  ).encode())
    return h.hexdigest()


def cached(root: Path, name: str, key: Sequence,
           compute: Callable[[], tuple[pd.DataFrame, list[Problem], dict]]
           ) -> tuple[pd.DataFrame, list[Problem], dict]:
    """The frame, problems and extra (JSON) of ``compute()``, from the snapshot of ``name``
    when its key is ``key``, else computed and kept (best effort)."""
    if not enabled():
        return compute()
    digest = hashlib.sha1(json.dumps([code_version(), name, key], default=str).encode(),
                          usedforsecurity=False).hexdigest()[:32]
    folder = root / FOLDER
    base = folder / f"{name}-{digest}"
    found = _read(base)
    if found is not None:
        return found
    frame, problems, extra = compute()
    _write(folder, name, base, frame, problems, extra)
    return frame, problems, extra


def _read(base: Path) -> tuple[pd.DataFrame, list[Problem], dict] | None:
    meta_path, data_path = base.with_suffix(".json"), base.with_suffix(".arrow")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or meta.get("rows") is None:
            return None
        import pyarrow.feather as feather

        frame = feather.read_table(data_path).to_pandas(self_destruct=True, split_blocks=True)
        if len(frame) != meta["rows"] or list(frame.columns) != meta["columns"]:
            return None
        frame.attrs.update(meta.get("attrs") or {})
        return frame, [_problem(p) for p in meta["problems"]], meta.get("extra") or {}
    except Exception:  # none, or one that cannot be trusted (cut, not JSON, pyarrow's own
        return None    # errors): computed again, never worse than no cache


def _write(folder: Path, name: str, base: Path, frame: pd.DataFrame,
           problems: list[Problem], extra: dict) -> None:
    try:
        meta = {"format": FORMAT, "rows": len(frame), "columns": [str(c) for c in frame.columns],
                "attrs": _plain(dict(frame.attrs)), "extra": _plain(extra),
                "problems": [_problem_json(p) for p in problems]}
    except _NotPlain:
        return
    try:
        import pyarrow as pa
        import pyarrow.feather as feather

        folder.mkdir(exist_ok=True)
        table = pa.Table.from_pandas(frame.assign(), preserve_index=True)
        with atomic_writer(base.with_suffix(".arrow"), "wb") as fh:
            feather.write_feather(table, fh, compression="zstd", compression_level=1)
        with atomic_writer(base.with_suffix(".json"), "w", encoding="utf-8") as fh:
            json.dump(meta, fh, ensure_ascii=False)
        for old in folder.glob(f"{name}-*"):  # the snapshots of earlier contents
            if not old.name.startswith(base.name):
                old.unlink(missing_ok=True)
    except Exception:  # a read-only folder, a full disk, a type Arrow cannot keep: no cache
        for path in (base.with_suffix(".json"), base.with_suffix(".arrow")):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)


# --- problems as plain JSON -----------------------------------------------------------------

def _plain(value: object) -> object:
    """A parameter as JSON, tagged where JSON has no type of its own; else :class:`_NotPlain`."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, np.generic):
        return _plain(value.item())
    if isinstance(value, Label):
        return {"$label": value.key, "params": _plain(dict(value.params))}
    if isinstance(value, Day):
        return {"$day": _plain(value.value)}
    if isinstance(value, Money):
        return {"$money": int(value.minor), "currency": value.currency}
    if isinstance(value, Stages):
        return {"$stages": [list(i) if isinstance(i, tuple) else i for i in value.items]}
    if isinstance(value, pd.Timestamp | datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, dict) and all(isinstance(k, str) and not k.startswith("$")
                                       for k in value):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    raise _NotPlain(type(value).__name__)


def _value(value: object) -> object:
    if isinstance(value, list):
        return [_value(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "$label" in value:
        return Label(value["$label"], _value(value.get("params") or {}))  # type: ignore[arg-type]
    if "$day" in value:
        return Day(_value(value["$day"]))  # type: ignore[arg-type]
    if "$money" in value:
        return Money(int(value["$money"]), str(value["currency"]))
    if "$stages" in value:
        return Stages([tuple(i) if isinstance(i, list) else i for i in value["$stages"]])
    if "$datetime" in value:
        return pd.Timestamp(value["$datetime"])
    if "$date" in value:
        return date.fromisoformat(value["$date"])
    if "$decimal" in value:
        return Decimal(value["$decimal"])
    return {k: _value(v) for k, v in value.items()}


_FIELDS = ("severity", "file", "row", "column", "value", "key", "sheet", "header")


def _problem_json(problem: Problem) -> dict:
    return {**{f: getattr(problem, f) for f in _FIELDS}, "params": _plain(problem.params)}


def _problem(entry: dict) -> Problem:
    return Problem(entry["severity"], entry["file"], entry["row"], entry["column"],
                   entry["value"], entry["key"], _value(entry["params"]),  # type: ignore[arg-type]
                   entry["sheet"], entry["header"])
