"""Problems as values: every check returns a list of :class:`Problem`, never raises.

A problem knows where it is (file, sheet, row as the user sees it, column), the offending value,
its severity, and a label key; its message is rendered in the current language on demand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

import numpy as np
import pandas as pd

from ..i18n import t
from ..vocabulary import EXCERPT, excerpt

ERROR = "error"
WARNING = "warning"
MAX_PER_KIND = 1000  # problems of one kind listed row by row in one file; the rest summed up


PROBLEM_COLUMNS = ["severity", "file", "sheet", "row", "column", "column_in_file", "value",
                   "key", "message"]


@dataclass(frozen=True)
class Label:
    """A label with its parameters, rendered only when shown (a reason inside a message)."""

    key: str
    params: dict = field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        return t(self.key, **{k: str(v) for k, v in self.params.items()})


@dataclass(frozen=True)
class Problem:
    severity: str
    file: str
    row: int | None
    column: str | None
    value: str | None
    key: str
    params: dict = field(default_factory=dict, compare=False, hash=False)
    sheet: str | None = None
    #: the column's header as the file writes it (``Дата`` for ``date``), when it differs
    header: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # a problem quotes a short excerpt of the value, never a whole file or a 20 MB cell
        if self.value is not None and len(str(self.value)) > EXCERPT:
            object.__setattr__(self, "value", excerpt(self.value))

    @property
    def message(self) -> str:
        """The message in the current language; dates in it written as the language writes
        them (``30.06.2025`` in Russian), whatever the file or the data had."""
        params = {k: str(v) if isinstance(v, Label) else _day_for_people(v)
                  for k, v in self.params.items()}
        value = _day_for_people(self.value) if self.column in _date_columns() else self.value
        return t(self.key, **{"value": value, **params})

    @property
    def location(self) -> str:
        where = self.file if self.sheet is None else f"{self.file}[{self.sheet}]"
        if self.row is not None:
            where += f":{self.row}"
        return where

    @property
    def column_in_file(self) -> str | None:
        """The column as the file names it (its own header), for people."""
        return self.header or self.column

    def line(self) -> str:
        """``file:row: column: message``, as the CLI prints it (the column as the file
        names it)."""
        column = f" {self.column_in_file}:" if self.column else ""
        return f"{self.location}:{column} {self.message}"

    def as_json(self) -> dict:
        return {"severity": self.severity, "file": self.file, "sheet": self.sheet,
                "row": self.row, "column": self.column, "column_in_file": self.column_in_file,
                "value": self.value, "key": self.key, "message": self.message}


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == ERROR for p in problems)


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    rows = [p.as_json() for p in problems]
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS).astype({"row": "Int64"})


def from_mask(frame: pd.DataFrame, mask: pd.Series | np.ndarray, severity: str,
              column: str | None, key: str, value_column: str | None = None,
              **params: object) -> list[Problem]:
    """One problem per row of ``frame`` where ``mask`` is true (vectorised selection).

    ``frame`` carries the provenance columns ``_file``, ``_sheet`` and ``_row``; a parameter
    given as a Series is taken row by row. Only the cells of the rows listed are read (the
    first :data:`MAX_PER_KIND`; the others are summed up in one problem): a million flagged
    rows cost a million booleans, not a copy of the frame.
    """
    if isinstance(mask, pd.Series):
        if not mask.index.equals(frame.index):
            mask = mask.reindex(frame.index)
        mask = mask.fillna(False).to_numpy(dtype=bool)
    positions = np.flatnonzero(np.asarray(mask, dtype=bool))
    if not len(positions):
        return []
    shown, rest = positions[:MAX_PER_KIND], positions[MAX_PER_KIND:]
    source = value_column or column
    values = (cell_texts(frame[source].iloc[shown]) if source in frame
              else [None] * len(shown))
    sheets = (frame["_sheet"].iloc[shown].tolist() if "_sheet" in frame
              else [None] * len(shown))
    per_row = {k: cell_texts(_rows_of(v, frame, shown)) for k, v in params.items()
               if isinstance(v, pd.Series)}
    fixed = {k: v for k, v in params.items() if not isinstance(v, pd.Series)}
    files, rows = frame["_file"].iloc[shown].tolist(), frame["_row"].iloc[shown].tolist()
    out = []
    for i, (file, row) in enumerate(zip(files, rows, strict=True)):
        row_params = {**fixed, **{k: v[i] for k, v in per_row.items()}}
        out.append(Problem(severity, file, int(row), column, values[i], key, row_params,
                           sheets[i] or None))
    if len(rest):
        out.append(more_rows(severity, out[-1].file, column, key,
                             frame["_row"].iloc[rest]))
    return out


def _rows_of(series: pd.Series, frame: pd.DataFrame, positions: np.ndarray) -> pd.Series:
    """The values of ``series`` (aligned on ``frame``'s index) at these rows of ``frame``."""
    if series.index.equals(frame.index):
        return series.iloc[positions]
    return series.loc[frame.index[positions]]


def more_rows(severity: str, file: str, column: str | None, key: str,
              rows: Sequence[int] | pd.Series | np.ndarray) -> Problem:
    """One problem standing for the rows past :data:`MAX_PER_KIND` with the same problem
    (counted in numpy: millions of rows are not made Python integers)."""
    numbers = rows.to_numpy() if isinstance(rows, pd.Series) else np.asarray(rows)
    return Problem(severity, file, None, column, None, "problem.more_rows",
                   {"count": len(numbers), "first": int(numbers.min()),
                    "last": int(numbers.max()), "what": key})


def cell_texts(series: pd.Series) -> list[str | None]:
    """Values as people read them (dates as ISO days), vectorised for many problems."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.dt.strftime("%Y-%m-%d").astype(object).where(series.notna(), None).tolist()
    return [_text(v) for v in series.tolist()]


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _day_for_people(value: object) -> object:
    """A day (a ``date``, or ISO text such as the loader keeps) as the current language
    writes it; anything else unchanged (a text that is not a real day stays as typed)."""
    from ..i18n import format_date

    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    return value


@cache
def _date_columns() -> frozenset[str]:
    """The columns that hold days, in every input table."""
    from .schemas import ALL, DATE

    return frozenset(name for schema in ALL for name, dtype in schema.dtypes().items()
                     if dtype == DATE)


def with_file_headers(problems: list[Problem], headers: dict[str, dict[str, str]]
                      ) -> list[Problem]:
    """The problems with each column named as its file writes it (``headers``: file ->
    canonical column -> the file's own header, from
    :func:`mics_budget.core.tables.file_headers`)."""
    from dataclasses import replace

    out = []
    for problem in problems:
        own = headers.get(problem.file, {}).get(problem.column or "")
        out.append(replace(problem, header=own) if own else problem)
    return out
