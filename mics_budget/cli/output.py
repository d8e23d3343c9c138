"""Rendering tables for people (aligned, translated headers) and for machines (CSV, JSON)."""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Sequence
from datetime import date, datetime
from typing import TextIO

import pandas as pd

from ..i18n import format_date, t


def _cell(value: object, width: int | None = None) -> str:
    if (value is None or value is pd.NA or value is pd.NaT
            or (isinstance(value, float) and math.isnan(value))):
        text = ""
    elif isinstance(value, bool):
        text = t("yes") if value else t("no")
    elif isinstance(value, date):  # a Timestamp too: the day, as the language writes it
        text = format_date(value.date() if isinstance(value, datetime) else value)
    else:
        text = str(value)
    text = " ".join(text.split())
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def text_table(frame: pd.DataFrame, headers: Sequence[str] | None = None,
               widths: dict[str, int] | None = None, right: Sequence[str] = (),
               width: int | None = None) -> str:
    """An aligned plain-text table; numbers (and ``right`` columns) right-aligned, long texts
    cut with '…'. The table fits ``width`` characters (default: the terminal's, when the
    output is one; else no limit): the widest text columns are shortened first, numbers never."""
    widths = widths or {}
    headers = list(headers or [t(f"col.{c}") for c in frame.columns])
    columns = [[_cell(v, widths.get(c)) for v in frame[c].tolist()]  # column by column:
               for c in frame.columns]                                 # no row objects
    cells = list(zip(*columns, strict=True)) if columns else [() for _ in range(len(frame))]
    numeric = [c in right or (pd.api.types.is_numeric_dtype(frame[c])
                              and not pd.api.types.is_bool_dtype(frame[c]))
               for c in frame.columns]
    size = [max([len(h), *map(len, column)]) for h, column in zip(headers, columns, strict=True)]
    size = _fit(size, numeric, headers, terminal_width() if width is None else width)

    def line(values: Sequence[str]) -> str:
        parts = [_cut(v, size[i]).rjust(size[i]) if numeric[i] else _cut(v, size[i]).ljust(
            size[i]) for i, v in enumerate(values)]
        return "  ".join(parts).rstrip()

    out = [line(headers), "  ".join("-" * s for s in size)]
    out += [line(r) for r in cells]
    return "\n".join(out) + "\n"


def terminal_width(stream: TextIO | None = None) -> int | None:
    """The width to fit: ``$COLUMNS``, else the terminal's when ``stream`` (stdout) is one;
    ``None`` (no limit) for a file or a pipe."""
    import os
    import shutil

    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    stream = stream or sys.stdout
    try:
        if stream.isatty():
            return shutil.get_terminal_size().columns
    except (AttributeError, ValueError, OSError):
        pass
    return None


def _fit(size: list[int], numeric: list[bool], headers: Sequence[str],
         width: int | None) -> list[int]:
    """Column widths that fit ``width``: the long texts (titles, names, messages) give up
    characters, widest first, down to 16; numbers, codes and dates are never cut."""
    if not width:
        return size
    size = list(size)
    floor = [s if numeric[i] else min(s, 16) for i, s in enumerate(size)]
    excess = sum(size) + 2 * (len(size) - 1) - width
    while excess > 0:
        shrinkable = [i for i in range(len(size)) if size[i] > floor[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: size[i])
        size[widest] -= 1
        excess -= 1
    return size


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def to_json(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, default=_json_default) + "\n"


def _json_default(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+([.,][0-9]+)?([eE][+-]?[0-9]+)?")


def excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that Excel would run as a formula (starting with ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return) get a leading apostrophe, as OWASP recommends;
    numbers, and text that is just a number (``-100``), stay as they are."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
            continue
        text = values.astype("str")
        risky = values.map(lambda v: isinstance(v, str) and v.startswith(_FORMULA_START)
                           and not _NUMBER.fullmatch(v))
        if risky.any():
            out[column] = values.astype(object).where(~risky, "'" + text)
    return out


def to_csv(frame: pd.DataFrame) -> str:
    """CSV for people's spreadsheets (RFC 4180: CRLF line ends, so a field holding a line
    break or a lone carriage return is quoted) with formulas neutralised
    (:func:`excel_safe`)."""
    return excel_safe(frame).to_csv(index=False, lineterminator="\r\n")


def emit(text: str, stream: TextIO | None = None) -> None:
    (stream or sys.stdout).write(text)
