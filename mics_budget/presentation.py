"""Tables for people: one description, rendered as HTML (reports, dashboard) or XLSX sheets.

A :class:`Table` holds a frame with canonical columns and the kind of each column (money,
percent, date, int, text). HTML shows numbers in the current language's style
(``1 234 567,89`` in Russian and Kazakh); XLSX keeps numbers as numbers with number formats, so
both show the same figures the CLI prints.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from .fileio import atomic_writer
from .i18n import format_date, format_number, format_percent, t

XLSX_FORMATS = {"money": "#,##0.00", "percent": "0.0%", "date": "DD.MM.YYYY", "int": "0"}


@dataclass
class Table:
    key: str                    # sheet and label key: ``table.<key>`` is its title
    frame: pd.DataFrame
    kinds: dict[str, str] = field(default_factory=dict)  # column -> money|percent|date|int
    note: str = ""

    @property
    def title(self) -> str:
        return t(f"table.{self.key}")

    def header(self) -> list[str]:
        return [t(f"col.{c}") for c in self.frame.columns]

    def cell(self, column: str, value: Any) -> str:
        kind = self.kinds.get(column, "text")
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        if kind == "money":
            return format_number(float(value))
        if kind == "percent":
            return format_percent(float(value))
        if kind == "date":
            return format_date(pd.Timestamp(value).date())
        if kind == "int":
            return str(int(value))
        return str(value)

    def to_html(self) -> str:
        right = {c for c, k in self.kinds.items() if k in {"money", "percent", "int"}}
        num = ' class="num"'
        head = "".join(f"<th{num if c in right else ''}>{html.escape(h)}</th>"
                       for c, h in zip(self.frame.columns, self.header(), strict=True))
        rows = []
        for record in self.frame.itertuples(index=False):
            cells = []
            for column, value in zip(self.frame.columns, record, strict=True):
                align = ' class="num"' if column in right else ""
                cells.append(f"<td{align}>{html.escape(self.cell(column, value))}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        if not rows:
            rows.append(f'<tr><td colspan="{len(self.frame.columns)}">{t("table.empty")}'
                        "</td></tr>")
        note = f'<p class="note">{html.escape(self.note)}</p>' if self.note else ""
        return (f'<table class="mics"><thead><tr>{head}</tr></thead><tbody>'
                + "".join(rows) + f"</tbody></table>{note}")


TABLE_CSS = """
<style>
table.mics {border-collapse: collapse; font-size: 12px; margin: 4px 0 12px 0;}
div table.mics th {background: #1f5fa8; color: #fff; padding: 4px 6px; text-align: left;
                   vertical-align: bottom;}
div table.mics td {border-bottom: 1px solid #ddd; padding: 3px 6px; text-align: left;
                   vertical-align: top;}
div table.mics td.num, div table.mics th.num {text-align: right; white-space: nowrap;}
.mics-banner {background: #fff3cd; border: 2px solid #d39e00; padding: 8px 12px;
              font-weight: bold; margin: 8px 0;}
p.note {color: #555; font-size: 12px;}
</style>
"""


def banner_html(text: str) -> str:
    return f'<div class="mics-banner" role="alert">{html.escape(text)}</div>'


def write_xlsx(path: Path, tables: list[Table], banner: str = "", title: str = "") -> None:
    """One formatted sheet per table: a title (and banner) row, a bold frozen header row,
    number formats and column widths. Written atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    header_fill = PatternFill("solid", fgColor="1F5FA8")
    banner_fill = PatternFill("solid", fgColor="FFF3CD")
    for table in tables:
        sheet = workbook.create_sheet(t(f"sheet.{table.key}")[:31])
        sheet.append([f"{title} — {table.title}" if title else table.title])
        sheet["A1"].font = Font(bold=True, size=12)
        if banner:
            sheet.append([banner])
            sheet["A2"].font = Font(bold=True, color="9C5700")
            sheet["A2"].fill = banner_fill
        header_row = sheet.max_row + 1
        sheet.append(table.header())
        for cell in sheet[header_row]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for record in table.frame.itertuples(index=False):
            sheet.append([_xlsx_value(table.kinds.get(c, "text"), v)
                          for c, v in zip(table.frame.columns, record, strict=True)])
        for index, column in enumerate(table.frame.columns, start=1):
            kind = table.kinds.get(column, "text")
            letter = get_column_letter(index)
            if kind in XLSX_FORMATS:
                for cell in sheet[letter][header_row:]:
                    cell.number_format = XLSX_FORMATS[kind]
            longest = max([len(str(h)) for h in [table.header()[index - 1]]]
                          + [len(table.cell(column, v)) for v in table.frame[column]])
            sheet.column_dimensions[letter].width = min(max(10, longest + 2), 60)
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        if table.note:
            sheet.append([])
            sheet.append([table.note])
    for sheet in workbook.worksheets:
        as_text(sheet)
    with atomic_writer(Path(path), "wb") as fh:
        workbook.save(fh)


def as_text(sheet) -> None:
    """Every text cell of ``sheet`` as a string cell: a title, a supplier or a note typed as
    ``=HYPERLINK(…)`` or ``=1+2`` is shown as typed and never runs as a formula."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def _xlsx_value(kind: str, value: Any) -> object:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if kind == "money":
        return round(float(value), 2)
    if kind == "percent":
        return float(value)
    if kind == "date":
        return pd.Timestamp(value).date() if not isinstance(value, date) else value
    if kind == "int":
        return int(value)
    return str(value)
