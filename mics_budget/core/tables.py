"""Reading the tabular files people actually have: CSV in any of the usual encodings and
separators, or XLSX, with English or Russian headers. Every row keeps its provenance.

:func:`read_table` returns ``(frame, problems)``: the frame has one ``str`` column per column of
the schema (missing optional columns are empty), plus ``_file``, ``_sheet`` and ``_row`` (the row
number a person sees in Excel or a text editor: the header is row 1).
"""

from __future__ import annotations

import csv
import io
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from itertools import zip_longest
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .checks import ERROR, MAX_PER_KIND, WARNING, Problem, more_rows
from .schemas import Schema
from .values import text_series, trim
from .xlsx import Unsure, calamine_book, cell_text

_SEPARATORS = [";", "\t", ","]
#: No table of ours has more than a dozen columns: a wider header is refused before its rows
#: are read (a 10 MB file of a million columns would otherwise take gigabytes).
MAX_COLUMNS = 200
csv.field_size_limit(1 << 30)  # a long note is read, not refused (files are bounded anyway)
_XLSX_MAGIC = b"PK\x03\x04"


def empty_frame(schema: Schema) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in schema.columns})
    frame["_file"] = pd.Series(dtype="str")
    frame["_sheet"] = pd.Series(dtype="str")
    frame["_row"] = pd.Series(dtype="int64")
    return frame


def decode(data: bytes) -> tuple[str | None, str]:
    """Text of a CSV file and its encoding: UTF-8 (``utf-8-sig`` with a BOM), UTF-16 with a
    BOM (``utf-16-le``/``utf-16-be``; the BOM is not part of the text), or Windows-1251."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        try:
            return data[2:].decode(encoding), encoding
        except UnicodeDecodeError:
            return None, encoding
    else:
        candidates = ["utf-8", "cp1251"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None, candidates[-1]


def sniff_separator(text: str) -> str:
    first = next((line for line in text[:65536].splitlines() if line.strip()), "")
    counts = {sep: first.count(sep) for sep in _SEPARATORS}
    best = max(_SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else ","


_DIRECTIVE = re.compile(r"^sep=(.)[ \t]*$")
LONE_CR = "\ue000"  # stands for a carriage return inside a field while the rows are split


@dataclass(frozen=True)
class TextLayout:
    """How a CSV file is written, so that a line appended to it is read like the others.

    ``directive`` is Excel's ``sep=;`` first line (Excel hides it: the header is row 1).
    ``newline`` is the file's own line end; ``codec`` encodes an appended line (never a BOM).
    """

    codec: str
    sep: str
    newline: str
    directive: bool
    header: list[str]
    ends_with_newline: bool


def text_layout(text: str, encoding: str) -> TextLayout:
    """The layout of a decoded CSV file (see :func:`decode`)."""
    first, _, _ = _first_line(text)
    body, sep, _ = normalise_text(text)
    header_line = body.split("\n", 1)[0].rstrip("\r")
    header = next(csv.reader([header_line], delimiter=sep), []) if header_line else []
    head = text[:65536]
    newline = "\r\n" if "\r\n" in head else ("\r" if "\r" in head and "\n" not in head
                                              else "\n")
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    return TextLayout(codec, sep, newline, bool(_DIRECTIVE.match(first)), header,
                      text.endswith(("\n", "\r")) or not text)


def _first_line(text: str) -> tuple[str, str, str]:
    """The first line (any line end), its end and the rest."""
    match = re.search(r"\r\n|\n|\r", text)
    if match is None:
        return text, "", ""
    return text[: match.start()], match.group(), text[match.end():]


def normalise_text(text: str) -> tuple[str, str, bool]:
    """Text ready to be split into rows: Excel's ``sep=`` line removed (its separator
    returned), old Mac line ends (CR only) turned into LF, and a carriage return alone inside
    a line kept as a character of its field (``LONE_CR`` until the cells are read)."""
    end = re.search(r"\r\n|\n|\r", text)
    directive = _DIRECTIVE.match(text if end is None else text[:end.start()])
    sep = ""
    if directive:  # (the rest is copied only then)
        sep, text = directive.group(1), ("" if end is None else text[end.end():])
    lone = False
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")
    elif "\r" in text:
        text, count = re.subn(r"\r(?!\n)", LONE_CR, text)
        lone = count > 0
    return text, sep or sniff_separator(text), lone


@dataclass
class Body:
    """The data rows of a file: one Arrow text column per header column, and the row number
    a person sees for each row (the header is row 1)."""

    columns: list[pa.ChunkedArray | pa.Array]
    rows: np.ndarray

    @classmethod
    def from_rows(cls, rows: list[list[str]] | list[tuple[str, ...]], width: int,
                  numbers: np.ndarray | list[int]) -> Body:
        """From rows of Python strings (the csv module's or a sheet's), column by column."""
        columns = ([pa.array(column, type=pa.large_string()) for column in zip(*rows, strict=True)]
                   if rows else [pa.array([], type=pa.large_string())] * width)
        return cls(columns, np.asarray(numbers, dtype=np.int64))


def _header(line: str, sep: str) -> list[str]:
    """The header's cells (``TooWide`` past :data:`MAX_COLUMNS`)."""
    header = next(csv.reader([line.rstrip("\r")], delimiter=sep))
    if len(header) > MAX_COLUMNS:
        raise TooWide(len(header))
    return header


def _cells_csv(text: str, sep: str, arrow: bool = True
               ) -> tuple[list[str], Body | None, Sequence[int], Sequence[int]]:
    """Header, body, the numbers of ragged rows and those of rows the csv reader could not
    read. ``arrow=False`` skips pyarrow's reader (known to fail on these very bytes)."""
    if not text or text.isspace():  # (no stripped copy of a big file)
        return [], None, [], []
    end = text.find("\n")
    header = _header(text if end < 0 else text[:end], sep)
    body = None
    if arrow:
        body = _fast_body(text[end + 1:].encode("utf-8") if end >= 0 else b"", 0, sep,
                          len(header))
    if body is not None:
        return header, body, [], []
    return _careful_body(text, sep, header)


class TooWide(Exception):
    """A header with more columns than any table of ours could have."""

    def __init__(self, count: int):
        super().__init__(count)
        self.count = count


#: Bytes of a UTF-8 file decoded to find its separator (65,536 characters and a directive)
_HEAD = 4 * 65536 + 8192


def _utf8_cells(data: bytes) -> tuple[list[str], Body | None] | None:
    """Header and body of a UTF-8 file read by pyarrow straight from its bytes.

    This is the fast path: the bytes are handed to pyarrow as they are (the old way decoded
    the whole file to Python text and encoded it back, three copies of the file). The result
    is the same as :func:`_cells_csv` of the decoded text, because the bytes pyarrow reads are
    exactly those that decoding and encoding back would give. ``None`` when the file needs the
    text path: not UTF-8 (pyarrow checks every value), UTF-16, a carriage return alone (old Mac
    line ends, or one inside a field), an empty or blank file, a long directive line. The body
    is ``None`` when pyarrow cannot read the rows (ragged rows, quoted line breaks): the text
    path then goes straight to the careful reader.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if _lone_carriage_return(data, start):
        return None
    head = _utf8_prefix(data[start:start + _HEAD], whole=len(data) - start <= _HEAD)
    if head is None:
        return None
    first, newline, rest = _first_line(head)
    directive = _DIRECTIVE.match(first)
    if directive and len(first) > 1024:
        return None
    if directive:
        sep, text, start = (directive.group(1), rest,
                            start + len(first.encode("utf-8")) + len(newline))
    else:
        sep, text = "", head
    if not text.strip():
        return None
    sep = sep or sniff_separator(text)
    end = data.find(b"\n", start)
    if end < 0:
        return None
    try:
        header = _header(data[start:end].decode("utf-8"), sep)
    except UnicodeDecodeError:
        return None
    return header, _fast_body(data, end + 1, sep, len(header))


def _utf8_prefix(data: bytes, whole: bool) -> str | None:
    """``data`` decoded as UTF-8 (a character cut at its end dropped unless ``whole``)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if whole or exc.start < len(data) - 3:
            return None
        return _utf8_prefix(data[: exc.start], whole=True)


def _fast_body(data: bytes, start: int, sep: str, width: int) -> Body | None:
    """pyarrow's multi-threaded reader on ``data[start:]`` (no copy of the bytes); ``None``
    when any row has another number of fields (then the careful reader finds and numbers
    them) or a value is not UTF-8."""
    names = [f"c{i}" for i in range(width)]
    buffer = pa.py_buffer(data).slice(start)
    try:  # the first row with another number of fields stops it
        table = pacsv.read_csv(
            pa.BufferReader(buffer),
            read_options=pacsv.ReadOptions(column_names=names, use_threads=True),
            parse_options=pacsv.ParseOptions(delimiter=sep, ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(
                # 32-bit offsets while reading (half the memory of pandas' 64-bit ones);
                # each column is widened when its frame column is made
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, ValueError):
        return None
    numbers = _row_numbers(data, start, table.num_rows)
    if numbers is None:
        return None
    return Body(table.columns, numbers)


#: Bytes of a file looked at at once by numpy (a bounded temporary, however big the file)
_STEP = 1 << 22


def _lone_carriage_return(data: bytes, start: int) -> bool:
    """Whether ``data[start:]`` has a carriage return not followed by a line feed (CR line
    ends, or a CR inside a field). One ``memchr`` when there is no CR at all; otherwise
    numpy over slices of the bytes (no copy)."""
    if data.find(b"\r", start) < 0:
        return False
    buffer = np.frombuffer(data, dtype=np.uint8)[start:]
    for low in range(0, len(buffer), _STEP):
        high = min(low + _STEP, len(buffer))
        followed = np.zeros(high - low, dtype=bool)
        after = buffer[low + 1:high + 1] == 10
        followed[:len(after)] = after
        if ((buffer[low:high] == 13) & ~followed).any():
            return True
    return False


def _count_lines(data: bytes, start: int) -> int:
    """The lines of ``data[start:]`` (a last line without a line end counts)."""
    buffer = np.frombuffer(data, dtype=np.uint8)[start:]
    count = sum(int(np.count_nonzero(buffer[low:low + _STEP] == 10))
                for low in range(0, len(buffer), _STEP))
    return count + (len(buffer) > 0 and buffer[-1] != 10)


def _row_numbers(data: bytes, start: int, rows: int, step: int = 1 << 20) -> np.ndarray | None:
    """The row numbers (header = 1) of the ``rows`` non-blank lines of ``data[start:]``, the
    body of a file without quoted line breaks; ``None`` if they do not add up. Read in chunks,
    so a file of ten million blank lines costs a few megabytes, not a number per line."""
    if _count_lines(data, start) == rows:
        # as many rows as lines: no blank line, no line break in a value (a fast count
        # settles the usual file; the searches below are several times slower)
        return np.arange(2, 2 + rows, dtype=np.int64)
    if not (data.find(b"\n\n", start) >= 0 or data.find(b"\n\r\n", start) >= 0
            or data.startswith((b"\n", b"\r\n"), start)):
        return np.arange(2, 2 + rows, dtype=np.int64)  # no blank line: rows follow one another
    buffer = np.frombuffer(data, dtype=np.uint8)[start:]
    found, line, at_start = [], 0, True
    for low in range(0, len(buffer), step):
        chunk = buffer[low:low + step]
        newline = chunk == 10
        starts = np.empty(len(chunk), dtype=bool)
        starts[0], starts[1:] = at_start, newline[:-1]
        before_newline = np.empty(len(chunk), dtype=bool)
        before_newline[:-1] = newline[1:]
        before_newline[-1] = low + len(chunk) < len(buffer) and buffer[low + len(chunk)] == 10
        filled = np.flatnonzero(starts & ~newline & ~((chunk == 13) & before_newline))
        counted = np.cumsum(newline, dtype=np.int32)
        found.append(line + np.where(filled > 0, counted[filled - 1], 0).astype(np.int64) + 2)
        line += int(counted[-1])
        at_start = bool(newline[-1])
    numbers = np.concatenate(found) if found else np.array([], dtype=np.int64)
    return numbers if len(numbers) == rows else None


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text``, each with its line feed, as ``io.StringIO`` gives them, but
    without StringIO's copy of the whole text at four bytes per character."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end + 1]
        start = end + 1


def _careful_body(text: str, sep: str, header: list[str]
                  ) -> tuple[list[str], Body, Sequence[int], Sequence[int]]:
    """The csv module, row by row: numbers records as Excel does (quoted line breaks stay in
    their field), reports rows with another number of fields than the header and rows it
    cannot read at all; every other row is kept."""
    rows = csv.reader(_lines(text), delimiter=sep)
    next(rows, None)
    good: list[list[str]] = []
    # row numbers as 8-byte integers, not Python ints: millions of ragged rows stay small
    numbers, ragged, unreadable = array("q"), array("q"), array("q")
    number = 1
    while True:
        number += 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error:
            unreadable.append(number)
            continue
        if len(row) == len(header):
            good.append(row)
            numbers.append(number)
        elif any(cell.strip() for cell in row):
            ragged.append(number)
    return (header, Body.from_rows(good, len(header), np.frombuffer(numbers, dtype=np.int64)),
            ragged, unreadable)


def _cells_xlsx(path: Path, schema: Schema) -> tuple[str | None, list[str], Body | None, int]:
    """Sheet name, header, body and the header's row number of the first matching sheet.

    python-calamine reads the values when the workbook holds nothing it reads otherwise than
    openpyxl (:mod:`.xlsx`); openpyxl reads the others, and any workbook calamine fails on.
    """
    book = calamine_book(path)
    if book is not None:
        try:
            with book:
                found = _find_sheet(((t, partial(book.rows, t)) for t in book.titles),
                                    schema, cell_text, calamine=True)
            if found[1]:
                return found
            return (book.titles[0] if book.titles else None), [], None, 1
        except Exception:  # Unsure, or anything calamine could not do: openpyxl decides
            pass
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = ((sheet.title, partial(sheet.iter_rows, values_only=True))
                  for sheet in workbook.worksheets)
        found = _find_sheet(sheets, schema, _xlsx_text, formulas_of=path)
        if found[1]:
            return found
        first = workbook.worksheets[0] if workbook.worksheets else None
        return (first.title if first else None), [], None, 1
    finally:
        workbook.close()


def _find_sheet(sheets: Iterable[tuple[str, Callable[[], Iterable]]], schema: Schema,
                text: Callable[[object], str],
                formulas_of: Path | None = None, calamine: bool = False
                ) -> tuple[str | None, list[str], Body | None, int]:
    """The first of ``sheets`` (title, function giving its rows) with a header of ``schema``
    among its first ten rows: its title, header, body (cells as ``text`` gives them) and the
    header's row number; no header when none has one."""
    for title, read in sheets:
        rows = iter(read())
        head: list = []
        for _ in range(10):  # the header may sit below a title row or two
            try:
                head.append(next(rows))
            except StopIteration:
                break
        # calamine's empty cell is openpyxl's None
        found = _xlsx_header([tuple(None if v == "" else v for v in row) for row in head]
                             if calamine else head, schema)
        if found is None:
            continue
        offset, header = found
        if calamine and any(not isinstance(v, str) for v in head[offset]):
            # a number's text in a header is openpyxl's (2023, not 2023.0)
            raise Unsure("a number or a date in the header")
        data = [*head[offset + 1:], *rows]
        if formulas_of is not None:
            data = _formulas_without_values(formulas_of, title, offset + 1, data)
        return title, header, _xlsx_body(data, len(header), offset, text), offset + 1
    return None, [], None, 1


def _xlsx_header(head: list, schema: Schema) -> tuple[int, list[str]] | None:
    """The position of the header among a sheet's first rows, and its cells."""
    for offset, candidate in enumerate(head):
        names = [schema.canonical(c) for c in candidate if c is not None]
        if set(schema.required) <= set(names) or (
            sum(n is not None for n in names) >= max(2, len(schema.required) // 2)
        ):
            return offset, ["" if c is None else str(c) for c in candidate]
    return None


def _xlsx_body(data: list, width: int, offset: int,
               text: Callable[[object], str] | None = None) -> Body:
    """The rows below the header as text, converted column by column (a column of strings,
    the usual case, is taken as it is). A sheet without a stated dimension (as openpyxl's
    write-only mode saves them) gives rows only as long as their last cell: a short row's
    missing cells are empty, also when no row reaches the header's last columns."""
    text = text or _xlsx_text
    cells: Iterable[tuple]
    if all(len(row) == width for row in data):  # a sheet with a dimension: no slicing
        cells = zip(*data, strict=True)
    else:
        cells = zip_longest(*(row[:width] for row in data), fillvalue="")  # missing: empty
    columns = [_column_texts(column, text) for column in cells]
    columns += [[""] * len(data) for _ in range(width - len(columns))]  # no row reaches them
    return Body([pa.array(column, type=pa.large_string()) for column in columns],
                np.arange(offset + 2, offset + 2 + len(data), dtype=np.int64))


def _column_texts(column: tuple, text: Callable[[object], str]) -> tuple | list:
    """A sheet column's cells as text; the column itself when every cell is a string."""
    if all(type(value) is str for value in column):
        return column
    return [text(value) for value in column]


def _formulas_without_values(path: Path, title: str, skip: int, data: list) -> list:
    """Put the formula text where a cell has a formula but no cached value (a workbook
    written by a program and never opened in Excel), so the checks can name it."""
    if not any(v is None for row in data for v in row):
        return data
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        formulas = workbook[title].iter_rows(min_row=skip + 1, values_only=True)
        out = []
        for row, raw in zip(data, formulas, strict=False):
            out.append(tuple(r if v is None and isinstance(r, str) and r.startswith("=")
                             else v for v, r in zip(row, (*raw, *[None] * len(row)),
                                                     strict=False)))
        return out + data[len(out):]
    finally:
        workbook.close()


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if not (value.hour or value.minute) else str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_HEADERS: ContextVar[dict[str, dict[str, str]] | None] = ContextVar("headers", default=None)


@contextmanager
def file_headers() -> Iterator[dict[str, dict[str, str]]]:
    """While loading: each file read, its canonical columns and the headers it writes for
    them where they differ (``{"budget/payments.csv": {"date": "Дата"}}``)."""
    headers: dict[str, dict[str, str]] = {}
    token = _HEADERS.set(headers)
    try:
        yield headers
    finally:
        _HEADERS.reset(token)


@contextmanager
def captured_headers() -> Iterator[dict[str, dict[str, str]]]:
    """The headers :func:`read_table` records inside the block (also kept by the
    :func:`file_headers` around it): what a snapshot of a load keeps."""
    outer = _HEADERS.get()
    inner: dict[str, dict[str, str]] = {}
    token = _HEADERS.set(inner)
    try:
        yield inner
    finally:
        _HEADERS.reset(token)
        if outer is not None:
            outer.update(inner)


def record_headers(headers: dict[str, dict[str, str]]) -> None:
    """Record headers read earlier (from a snapshot) in the :func:`file_headers` around."""
    outer = _HEADERS.get()
    if outer is not None:
        outer.update(headers)


def read_table(path: Path, schema: Schema, name: str | None = None,
               ) -> tuple[pd.DataFrame, list[Problem]]:
    """Read one CSV or XLSX file against ``schema``; never raises for bad content."""
    path = Path(path)
    name = name or path.name
    problems: list[Problem] = []

    def problem(key: str, row: int | None = None, column: str | None = None,
                value: str | None = None, severity: str = ERROR, sheet: str | None = None,
                **params: object) -> None:
        problems.append(Problem(severity, name, row, column, value, key, params, sheet))

    try:
        data = path.read_bytes()
    except OSError as exc:
        problem("load.unreadable", value=str(exc))
        return empty_frame(schema), problems
    sheet = None
    is_zip = data.startswith(_XLSX_MAGIC)
    body: Body | None
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        if not is_zip:
            problem("load.not_xlsx")
            return empty_frame(schema), problems
        try:
            sheet, header, body, header_row = _cells_xlsx(path, schema)
        except Exception as exc:
            problem("load.bad_xlsx", value=type(exc).__name__)
            return empty_frame(schema), problems
    else:
        if is_zip or (b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))):
            problem("load.not_text")
            return empty_frame(schema), problems
        header_row = 1
        try:
            cells = _read_csv(data)
        except TooWide as exc:
            problem("load.too_many_columns", row=1, value=str(exc.count), limit=MAX_COLUMNS)
            return empty_frame(schema), problems
        except csv.Error as exc:  # the header line itself cannot be read
            problem("load.unreadable", row=1, value=str(exc))
            return empty_frame(schema), problems
        del data  # the bytes are read: a big file's memory goes back before the checks
        if isinstance(cells, str):
            problem("load.bad_encoding", value=cells)
            return empty_frame(schema), problems
        header, body, ragged, unreadable = cells
        for key, listed in (("load.ragged_row", ragged), ("load.unreadable_row", unreadable)):
            numbers = np.asarray(listed, dtype=np.int64)  # (an array of millions: no copy)
            for number in numbers[:MAX_PER_KIND].tolist():
                problem(key, row=number, count=len(header))
            if len(numbers) > MAX_PER_KIND:
                problems.append(more_rows(ERROR, name, None, key, numbers[MAX_PER_KIND:]))

    if not header or not any(str(h).strip() for h in header):
        problem("load.empty_file", sheet=sheet)
        return empty_frame(schema), problems

    mapping: dict[int, str] = {}
    for position, title in enumerate(header):
        canonical = schema.canonical(title)
        if canonical is None:
            continue
        if canonical in mapping.values():
            problem("load.duplicate_column", row=header_row, column=canonical, value=title,
                    sheet=sheet, severity=WARNING)
            continue
        mapping[position] = canonical
    missing = [c for c in schema.required if c not in mapping.values()]
    if missing:
        found = ", ".join(str(h) for h in header if str(h).strip())
        problem("problem.missing_columns", row=header_row, column=", ".join(missing),
                sheet=sheet, missing=", ".join(missing), found=found)
        return empty_frame(schema), problems

    headers = _HEADERS.get()
    if headers is not None:  # the file's own words for the columns (problems name them so)
        own = {column: " ".join(str(header[position]).split())
               for position, column in mapping.items()}
        headers[name] = {c: h for c, h in own.items() if h and h != c}
    frame = _frame(body, mapping, schema, name, sheet)
    if frame.empty:
        problem("load.no_rows", severity=WARNING, sheet=sheet)
    return frame, problems


def _read_csv(data: bytes) -> tuple[list[str], Body | None, Sequence[int], Sequence[int]] | str:
    """Header, body, ragged and unreadable rows of a CSV file, or the encoding it is not in.

    A UTF-8 file goes to pyarrow as bytes (:func:`_utf8_cells`); any other file, or one that
    pyarrow cannot read, is decoded to text first (:func:`decode`, :func:`normalise_text`).
    """
    fast = _utf8_cells(data)
    if fast is not None and fast[1] is not None:
        return fast[0], fast[1], [], []
    text, encoding = decode(data)
    if text is None:
        return encoding
    text, sep, lone_cr = normalise_text(text)
    # pyarrow already failed on these very bytes when the fast path got that far
    arrow = fast is None or encoding not in ("utf-8", "utf-8-sig")
    header, body, ragged, unreadable = _cells_csv(text, sep, arrow=arrow)
    if lone_cr and body is not None:
        body.columns = [pc.replace_substring(c, LONE_CR, "\r") for c in body.columns]
    return header, body, ragged, unreadable


def _frame(body: Body | None, mapping: dict[int, str], schema: Schema, name: str,
           sheet: str | None) -> pd.DataFrame:
    """The loaded table: the schema's columns as trimmed ``str`` (a missing optional column is
    empty), rows whose every cell is empty left out, and the provenance columns.

    Built once from the Arrow columns, which it takes from ``body`` (each is released as soon
    as its frame column is made: the file's text is never held twice): a column without
    whitespace to trim is not copied, blank rows are looked for column by column (one pass
    when a required column is always filled), columns that are empty in every row share one
    array, and the frame is never copied whole.
    """
    rows = body.rows if body is not None else np.array([], dtype=np.int64)
    taken = body.columns if body is not None else []
    if body is not None:
        body.columns = []
    position = {column: at for at, column in mapping.items()}
    filled = [trim(taken[position[c]]) if c in position else None for c in schema.columns]
    del taken
    keep = _not_blank([c for c in filled if c is not None])
    if keep is not None:
        filled = [None if column is None else column.filter(keep) for column in filled]
        rows = rows[keep.to_numpy(zero_copy_only=False)]
    empty = _repeat("", len(rows))  # shared by every column that is empty in every row
    columns = {}
    for at, column in enumerate(schema.columns):
        array, filled[at] = filled[at], None
        if array is None or _all_empty(array):
            array = empty
        columns[column] = text_series(array)
        del array
    columns["_file"] = text_series(_repeat(name, len(rows)))
    columns["_sheet"] = text_series(_repeat(sheet, len(rows)) if sheet else empty)
    columns["_row"] = pd.Series(rows, dtype="int64", copy=False)
    pa.default_memory_pool().release_unused()  # the reader's buffers go back to the system
    return pd.DataFrame(columns, copy=False)


def _all_empty(array: pa.ChunkedArray | pa.Array) -> bool:
    """Whether every value is the empty string (no bytes at all, no null)."""
    return array.null_count == 0 and pc.sum(pc.binary_length(array)).as_py() in (0, None)


def _not_blank(columns: list) -> pa.Array | None:
    """The rows with a non-empty cell, or ``None`` when every row has one (the usual case,
    settled on the first column that has no empty cell)."""
    blank = None
    for column in columns:
        empty = pc.equal(pc.binary_length(column), 0).fill_null(False)
        blank = empty if blank is None else pc.and_(blank, empty)
        if not pc.any(blank).as_py():
            return None
    if blank is None:
        return None
    return pc.invert(blank.combine_chunks() if isinstance(blank, pa.ChunkedArray) else blank)


def _repeat(text: str, count: int) -> pa.Array:
    """``count`` copies of ``text`` as one Arrow string array, made from its two buffers
    (offsets and bytes) rather than from a million Python strings."""
    raw = text.encode("utf-8")
    offsets = np.arange(count + 1, dtype=np.int64) * len(raw)
    return pa.Array.from_buffers(pa.large_string(), count,
                                 [None, pa.py_buffer(offsets), pa.py_buffer(raw * count)])


def valid_until(frame: pd.DataFrame, as_of, column: str = "date") -> pd.DataFrame:
    """The valid rows of a loaded table dated on or before ``as_of``: what is known that
    day (the one place of this filter; :class:`~.project.AsOf` holds the results)."""
    return frame.loc[frame["valid"] & (frame[column] <= pd.Timestamp(as_of))]


def find_input(folder: Path, stem: str) -> list[Path]:
    """The files of ``folder`` called ``stem.csv``/``.xlsx``/... (any case)."""
    if not folder.is_dir():
        return []
    pattern = re.compile(rf"^{re.escape(stem)}\.(csv|txt|tsv|xlsx|xlsm)$", re.IGNORECASE)
    return sorted(p for p in folder.iterdir() if pattern.match(p.name))


def locate(root: Path, folder: str, stem: str) -> tuple[Path | None, str, list[Problem]]:
    """The one file of an input (``root/folder/stem.*``), the name problems give it, and the
    problems that stop it from being read: two candidates (``payments.csv`` and
    ``payments.xlsx``: which one is meant is not guessed), or a link that leads out of the
    data folder (its contents are never read, nor quoted)."""
    files = find_input(root / folder, stem)
    if not files:
        return None, f"{folder}/{stem}.csv", []
    name = f"{folder}/{files[0].name}"
    if len(files) > 1:
        names = ", ".join(f"{folder}/{f.name}" for f in files)
        return None, name, [Problem(ERROR, name, None, None, names, "load.ambiguous_file",
                                    {"files": names})]
    path = files[0]
    try:
        inside = path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        inside = False
    if not inside:
        return None, name, [Problem(ERROR, name, None, None, None, "load.outside_folder")]
    return path, name, []


# --- sheets as people keep them: a title block above the header --------------------------------

HEADER_ROWS = 40  # a title block is a few rows; the header is within the first ones


def read_grid(path: Path) -> list[list[str]] | None:
    """Every row of the file's first sheet as text cells; None when it cannot be read."""
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        try:
            from python_calamine import CalamineWorkbook

            sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
            return [[cell_text(value) for value in row] for row in sheet.to_python()]
        except Exception:
            return None
    try:
        text, _ = decode(path.read_bytes())
    except OSError:
        return None
    if text is None:
        return None
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if lines and lines[0].lower().startswith("sep="):
        sep, text = lines[0][4:5] or ",", "\n".join(lines[1:])
    else:  # a title block above the header has no separators: count them over the start
        head = text[:8192]
        sep = max((";", "\t", ","), key=head.count) if any(c in head for c in ";\t,") \
            else sniff_separator(text)
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=sep)]


def find_header(rows: list[list[str]], name_of: Callable[[str], str | None],
                needed: Iterable[str]) -> tuple[int, list[str | None]] | None:
    """The first row (of the first :data:`HEADER_ROWS`) whose cells name every column of
    ``needed`` (``name_of(cell)`` → a column or None), with the name of each of its cells."""
    wanted = set(needed)
    for index, row in enumerate(rows[:HEADER_ROWS]):
        names = [name_of(cell) for cell in row]
        if wanted <= set(names):
            return index, names
    return None
