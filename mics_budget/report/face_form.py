"""The FACE form for people: a printable XLSX (values only) and a text table.

The figures are :func:`mics_budget.ledger.face.face`'s; here they are only laid out: a title
block (the example banner on example data), the two groups of columns (reporting A–D,
requests E–G) with the tenge of B and the FX gain/loss apart, a total row, the rate note, the
warnings, the partner's certification and signature lines. A4 landscape, one page wide, one
page tall per 25 activities, the header rows repeated on every page. Every cell is a value:
no formula a changed cell could break, and text that looks like one stays text.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from ..core.fileio import atomic_writer
from ..i18n import format_number, t
from ..ledger.face import COLUMNS, Face, quarter_label
from .presentation import XLSX_FORMATS, _print_setup, as_text

ROWS_PER_PAGE = 25
MONEY_COLUMNS = (*COLUMNS, "B_kzt", "fx_difference")
LAYOUT = ("activity", "title", "modalities", "references", *MONEY_COLUMNS)


def headers(form: Face) -> list[str]:
    """The column headers (B in tenge with the tenge sign)."""
    return [t(f"face.col.{c}") for c in LAYOUT]


def title_lines(form: Face, example_data: bool) -> list[str]:
    lines = [t("face.title", period=quarter_label(form.quarter)),
             t("face.partner", currency=form.currency)]
    if form.request is not None:
        lines.append(t("face.request_period", period=quarter_label(form.request)))
    if example_data:
        lines.insert(0, t("example.banner"))
    return lines


def _values(form: Face) -> list[list[object]]:
    """The rows as the form shows them: money in units (rounded once, here), E/F empty
    without a request, a pending acceptance marked with «*»."""
    out = []
    for record in form.rows.to_dict("records"):
        kinds = ", ".join(t(f"face.modality.{m}") for m in record["modalities"].split(", ") if m)
        row: list[object] = [record["activity"], record["title"], kinds,
                             record["references"] + (" *" if record["pending"] else "")]
        row += [None if record[c] is None or pd.isna(record[c]) else round(int(record[c]) / 100, 2)
                for c in MONEY_COLUMNS]
        out.append(row)
    total: list[object] = [t("face.total"), "", "", ""]
    for column in MONEY_COLUMNS:
        amount = form.total[column]
        total.append(None if amount is None else round(amount / 100, 2))
    out.append(total)
    return out


def notes(form: Face) -> list[str]:
    lines = [t("face.rate_note", count=form.converted)]
    if bool(form.rows["pending"].any()):
        lines.append(t("face.pending_note"))
    return lines


def write_face_xlsx(path: Path, form: Face, example_data: bool) -> None:
    """The form as one sheet, values only, printable (see the module)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "FACE"
    width = len(LAYOUT)
    for line in title_lines(form, example_data):
        sheet.append([line])
        cell = sheet.cell(row=sheet.max_row, column=1)
        cell.font = Font(bold=True, size=12)
        if example_data and sheet.max_row == 1:  # the banner
            cell.font = Font(bold=True, color="9C5700")
            cell.fill = PatternFill("solid", fgColor="FFF3CD")
    sheet.append([])
    # the two groups of FACE's columns above their letters (rows are numbered after they are
    # written: an empty row appended counts in no max_row)
    sheet.append(["", "", "", "", t("face.reporting"), "", "", "", t("face.requests")])
    group = sheet.max_row
    sheet.merge_cells(start_row=group, start_column=5, end_row=group, end_column=8)
    sheet.merge_cells(start_row=group, start_column=9, end_row=group, end_column=11)
    sheet.append(headers(form))
    header = sheet.max_row
    thin = Side(style="thin", color="999999")
    fill = PatternFill("solid", fgColor="1F5FA8")
    for row in (group, header):
        for cell in sheet[row]:
            cell.font = Font(bold=True, color="FFFFFF" if row == header else "000000")
            if row == header:
                cell.fill = fill
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center")
    values = _values(form)
    for number, row in enumerate(values, start=header + 1):
        sheet.append(row)
        for place in range(1, width + 1):
            cell = sheet.cell(row=number, column=place)
            cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
            if place > 4:
                cell.number_format = XLSX_FORMATS["money"]
                cell.alignment = Alignment(vertical="top")
            else:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if number == header + len(values):
                cell.font = Font(bold=True)
    widths = {"activity": 13, "title": 44, "modalities": 15, "references": 22}
    across = sum(widths.get(column, 16) for column in LAYOUT)

    def paragraph(text: str) -> None:
        """A line of text as wide as the table, wrapped (a long line left to overflow would
        widen the printed page and shrink the form to fit it)."""
        sheet.append([text])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        sheet.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = _height([(text, across)])

    sheet.append([])
    for line in notes(form):
        paragraph(line)
    if form.warnings:
        sheet.append([t("face.warnings")])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, color="C00000")
        for flag in form.warnings:
            paragraph(flag.message())
    sheet.append([])
    paragraph(t("face.certification"))
    for key in ("face.sign_name", "face.sign_signature", "", "face.sign_unicef"):
        sheet.append([t(key) if key else ""])
    for index, column in enumerate(LAYOUT, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(column, 16)
    # wrapped texts get the height of their lines (Excel and LibreOffice do not grow a row
    # for them when the file is opened, so a long title would run over the next row)
    sheet.row_dimensions[header].height = _height(
        [(text, widths.get(column, 16)) for text, column in zip(headers(form), LAYOUT,
                                                                 strict=True)])
    for number, row in enumerate(values, start=header + 1):
        sheet.row_dimensions[number].height = _height(
            [(str(value or ""), widths[column]) for value, column in zip(row, LAYOUT, strict=True)
             if column in widths])
    _print_setup(sheet, header)
    sheet.print_title_rows = f"{group}:{header}"
    sheet.page_setup.fitToHeight = max(1, math.ceil(len(form.rows) / ROWS_PER_PAGE))
    as_text(sheet)
    with atomic_writer(Path(path), "wb") as fh:
        workbook.save(fh)


LINE_POINTS = 15  # the height of one line of 11-point text


def _height(cells: list[tuple[str, float]]) -> float:
    """The points a row needs for the wrapped texts of its cells (text, column width in
    characters): the most lines any of them takes, breaking between words."""
    lines = 1
    for text, width in cells:
        room = max(int(width) - 1, 1)
        count, used = 1, 0
        for word in text.split():
            if used and used + 1 + len(word) > room:
                count, used = count + 1, 0
            used += (1 if used else 0) + len(word)
            count += (len(word) - 1) // room if len(word) > room else 0
        lines = max(lines, count)
    return float(lines * LINE_POINTS)


def face_text(form: Face) -> tuple[pd.DataFrame, list[str]]:
    """The form as a frame of texts for the terminal (numbers as the language writes them)
    and its headers."""
    rows = []
    for row in _values(form):
        rows.append([str(v) if i < 4 else ("" if not isinstance(v, float | int)
                                           else format_number(float(v)))
                     for i, v in enumerate(row)])
    frame = pd.DataFrame(rows, columns=list(LAYOUT)).drop(columns=["title"])
    return frame, [t(f"face.col.{c}") for c in frame.columns]
