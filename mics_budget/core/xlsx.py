"""XLSX values read fast with python-calamine, exactly as openpyxl reads them.

python-calamine (Rust) reads a sheet's values 10-20 times faster than openpyxl's read-only
mode. The two libraries agree on ordinary workbooks, but not on everything: openpyxl stops at
the sheet's stated dimension, gives an error cell's text (``#DIV/0!``), exact integers beyond
2**53, and ``None`` for a formula nobody computed (then :mod:`.tables` shows the formula), and
the two decide differently which number formats make a number a date. So calamine is used
only for a workbook that holds none of these, which :func:`calamine_book` settles from the
workbook's XML before reading (the dimension, cell types and formulas of each sheet, and each
style's number format tried on both libraries); :func:`cell_text` refuses, while the rows are
converted, the few values whose text could still differ. Anything refused, and any error, goes
back to openpyxl, which reads every workbook as it always did.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]*[0-9]*:?([A-Z]+)([0-9]+)"')
#: error cells, ISO date cells (as attributes of a cell; only ``<c>`` has these values)
_CELL_TYPES = (b' t="e"', b' t="d"')
_FORMULA = re.compile(rb"<f[ >/]")
_CACHED = re.compile(rb"<v>[^<]")
_ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")  # OOXML's escaped characters in strings
_EXACT = 2.0**53  # floats at or above are not exactly the integers openpyxl reads
_FIRST_DAY = date(1900, 3, 1)  # before it the two libraries count Excel's 1900 differently


class Unsure(Exception):
    """A value calamine and openpyxl might read differently: openpyxl reads the workbook."""


class CalamineBook:
    """A workbook open in python-calamine: its worksheet titles in workbook order and, per
    title, its rows (empty cells ``''``); use it as a context manager (it closes the file)."""

    def __init__(self, workbook: object, titles: list[str],
                 extents: dict[str, tuple[int, int] | None]):
        self._workbook = workbook
        self.titles = titles
        self._extents = extents

    def rows(self, title: str) -> list[list]:
        sheet = self._workbook.get_sheet_by_name(title)  # type: ignore[attr-defined]
        end, extent = sheet.end, self._extents[title]
        if end is not None and extent is not None and (
                end[0] + 1 > extent[0] or end[1] + 1 > extent[1]):
            raise Unsure("cells past the sheet's dimension")  # openpyxl stops there
        return sheet.to_python(skip_empty_area=False)

    def __enter__(self) -> CalamineBook:
        return self

    def __exit__(self, *exc: object) -> None:
        self._workbook.close()  # type: ignore[attr-defined]


def calamine_book(path: Path) -> CalamineBook | None:
    """The workbook open in calamine when calamine reads it as openpyxl does; ``None``
    otherwise (python-calamine missing, a 1904 workbook, a dimension not understood, error or
    ISO-date cells, a formula without a cached value, escaped characters in strings, a number
    format the two libraries classify differently, or anything unexpected)."""
    try:
        from python_calamine import CalamineWorkbook, SheetTypeEnum
    except ImportError:
        return None
    try:
        with zipfile.ZipFile(path) as package:
            parts = _worksheet_parts(package)
            if parts is None or not _formats_agree(package):
                return None
            extents = {}
            for title, part in parts.items():
                extent = _plain_extent(package.read(part))
                if extent is False:
                    return None
                extents[title] = extent
            for name in package.namelist():
                if name.startswith("xl/sharedStrings") and _ESCAPE.search(package.read(name)):
                    return None
        workbook = CalamineWorkbook.from_path(str(path))
        titles = [m.name for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    except Exception:
        return None
    if sorted(titles) != sorted(extents):
        workbook.close()
        return None
    return CalamineBook(workbook, titles, extents)


def cell_text(value: object) -> str:
    """A calamine value as text, the same as :func:`.tables._xlsx_text` gives for openpyxl's
    value of the cell; :class:`Unsure` where the two values might differ (times and
    durations, which openpyxl rounds its own way, among them)."""
    convert = _TEXTS.get(type(value))
    if convert is None:
        raise Unsure(f"a {type(value).__name__}")
    return convert(value)


def _float_text(value: float) -> str:
    if not value.is_integer():
        return str(value)
    if abs(value) >= _EXACT:
        raise Unsure("a large integer")
    return str(int(value))


def _int_text(value: int) -> str:
    if abs(value) >= _EXACT:
        raise Unsure("a large integer")
    return str(value)


def _datetime_text(value: datetime) -> str:
    if value.microsecond or value.date() < _FIRST_DAY:
        raise Unsure("a fraction of a second, or a day before March 1900")
    return value.date().isoformat() if not (value.hour or value.minute) else str(value)


def _date_text(value: date) -> str:
    if value < _FIRST_DAY:
        raise Unsure("a day before March 1900")
    return value.isoformat()


_TEXTS: dict[type, Callable[[Any], str]] = {
    str: str, type(None): lambda _: "", float: _float_text, int: _int_text, bool: str,
    datetime: _datetime_text, date: _date_text}


def _worksheet_parts(package: zipfile.ZipFile) -> dict[str, str] | None:
    """Worksheet title -> its part in the package; ``None`` for a 1904 workbook."""
    workbook = ElementTree.fromstring(package.read("xl/workbook.xml"))
    properties = workbook.find(f"{_MAIN}workbookPr")
    if properties is not None and properties.get("date1904", "").lower() in ("1", "true"):
        return None
    relations = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "")
               for r in relations.iter(f"{_PACKAGE_REL}Relationship")
               if r.get("Type", "").endswith("/worksheet")}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"))
        if target is None:
            continue  # a chart sheet: neither library reads it as a worksheet
        parts[sheet.get("name", "")] = (target.lstrip("/") if target.startswith("/")
                                        else str(PurePosixPath("xl") / target))
    return parts


def _plain_extent(xml: bytes) -> tuple[int, int] | Literal[False] | None:
    """(last row, last column) of a sheet's stated dimension; ``None`` for a sheet without
    one (openpyxl then reads every row, as calamine does: what openpyxl's write-only mode
    writes); ``False`` when calamine might read the sheet otherwise: prefixed tags, error or
    ISO-date cells, or a formula without a cached value."""
    dimension = _DIMENSION.search(xml, 0, 4096)
    if (b"<sheetData" not in xml
            or any(xml.find(kind) >= 0 for kind in _CELL_TYPES) or _ESCAPE.search(xml)):
        return False
    if _FORMULA.search(xml) and not _formulas_cached(xml):
        return False
    if dimension is None:
        return None if b"<dimension" not in xml[:4096] else False
    letters, row = dimension.group(1).decode(), int(dimension.group(2))
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return row, column


def _formulas_cached(xml: bytes) -> bool:
    """Whether every formula cell also holds its cached value (``<v>`` with text)."""
    at = 0
    while (found := _FORMULA.search(xml, at)) is not None:
        end = xml.find(b"</c>", found.end())
        if end < 0 or not _CACHED.search(xml, found.end(), end):
            return False
        at = end
    return True


def _formats_agree(package: zipfile.ZipFile) -> bool:
    """Whether openpyxl and calamine make the same kind of value (number, date, duration) of
    a number in every cell style of the workbook: each style is tried on a one-column
    workbook read by calamine, and compared with openpyxl's own reading of the styles."""
    from openpyxl.styles.stylesheet import Stylesheet
    from python_calamine import CalamineWorkbook

    if "xl/styles.xml" not in package.namelist():
        return False
    styles = package.read("xl/styles.xml")
    sheet = Stylesheet.from_tree(ElementTree.fromstring(styles))
    count = len(sheet.cell_styles)
    probe = CalamineWorkbook.from_filelike(io.BytesIO(_probe(styles, count)))
    kinds = [row[0] for row in probe.get_sheet_by_index(0).to_python(skip_empty_area=False)]
    if len(kinds) != count:
        return False
    for style, value in enumerate(kinds):
        wanted = ("duration" if style in sheet.timedelta_formats
                  else "date" if style in sheet.date_formats else "number")
        got = ("number" if isinstance(value, float)
               else "date" if isinstance(value, date) else "duration")
        if wanted != got:
            return False
    return True


def _probe(styles: bytes, count: int) -> bytes:
    """A workbook with the given styles and, in row N, the number 1.5 in style N-1."""
    rows = "".join(f'<row r="{i + 1}"><c r="A{i + 1}" s="{i}"><v>1.5</v></c></row>'
                   for i in range(count))
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package_rel = "http://schemas.openxmlformats.org/package/2006/relationships"
    files = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'),
        "_rels/.rels": (
            f'<Relationships xmlns="{package_rel}"><Relationship Id="rId1" '
            f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="probe" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{package_rel}">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/>'
            '</Relationships>'),
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{rows}</sheetData>'
                                    '</worksheet>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, text in files.items():
            package.writestr(name, text)
        package.writestr("xl/styles.xml", styles)
    return buffer.getvalue()
