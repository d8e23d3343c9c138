"""Tables for people: one description, rendered as HTML (reports, dashboard) or XLSX sheets.

A :class:`Table` holds a frame with canonical columns and the kind of each column (money,
percent, date, int, text). HTML shows numbers in the current language's style
(``1 234 567,89`` in Russian and Kazakh); XLSX keeps numbers as numbers with number formats, so
both show the same figures the CLI prints.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from ..core.fileio import atomic_writer
from ..i18n import format_date, format_number, format_percent, t

XLSX_FORMATS = {"money": "#,##0.00", "percent": "0.0%", "date": "DD.MM.YYYY", "int": "0",
                "month": "MM.YYYY", "decimal": "#,##0.0"}
NUMERIC = {"money", "percent", "int", "decimal"}
#: codes (lot ids, activity codes, months, dates) never wrap onto a second line
NOWRAP = {"code", "date", "month"}
#: a table of at most this many rows is kept on one printed page when it fits on one
SHORT_TABLE = 15
#: a table of this many columns or more is printed in a smaller type, to fit the page's width
WIDE_TABLE = 12
#: text longer than this is a name that wraps: the numbers beside it keep to their width
NAME_LENGTH = 30


@dataclass
class Table:
    """A table for people. ``kinds``: column -> ``money``, ``percent``, ``date``, ``month``
    (``YYYY-MM``), ``int``, ``decimal`` (one decimal: averages, median days), ``code`` (an id
    that never wraps) or ``text`` (the default, left aligned and wrapping); ``row`` takes each
    row's kind from the ``kind_column`` (a table of figures of different kinds, e.g. money rows
    and a percent row)."""

    key: str                    # sheet and label key: ``table.<key>`` is its title
    frame: pd.DataFrame
    kinds: dict[str, str] = field(default_factory=dict)
    note: str = ""
    kind_column: str | None = None  # hidden column naming each row's kind (for ``row``)
    labels: dict[str, str] = field(default_factory=dict)  # column -> header (else col.<c>)
    period: str = ""  # what the figures cover: «2023–2025 гг., на 30.06.2025»

    @property
    def title(self) -> str:
        """The title, with the period its figures cover (every figure names its period)."""
        name = t(f"table.{self.key}")
        return f"{name} — {self.period}" if self.period else name

    @property
    def columns(self) -> list[str]:
        return [c for c in self.frame.columns if c != self.kind_column]

    def header(self) -> list[str]:
        return [self.labels.get(c) or t(f"col.{c}") for c in self.columns]

    def kind(self, column: str, row: Any = None) -> str:
        kind = self.kinds.get(column, "text")
        if kind == "row" and self.kind_column is not None and row is not None:
            return str(getattr(row, self.kind_column, "text"))
        return kind

    def cell(self, column: str, value: Any, kind: str | None = None) -> str:
        kind = kind or self.kinds.get(column, "text")
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        if kind == "money":
            return format_number(float(value))
        if kind == "percent":
            return format_percent(float(value))
        if kind == "date":
            return format_date(pd.Timestamp(value).date())
        if kind == "month":
            return format_month(str(value))
        if kind == "int":
            return str(int(value))
        if kind == "decimal":
            return format_number(float(value), 1)
        return str(value)

    def to_html(self, columns: list[str] | None = None) -> str:
        """The table as HTML (only ``columns`` when given): numbers right-aligned and never
        wrapping, codes never wrapping, text left-aligned and wrapping, in a box of its own
        that scrolls sideways when the screen is narrower than the table (a phone); a short
        table (:data:`SHORT_TABLE` rows) is printed on one page when it can be, a wide one
        (:data:`WIDE_TABLE` columns) in a smaller type. Codes, and numbers beside a column of
        names (:meth:`_names`), are as wide as their content: the names take the rest."""
        columns = columns or self.columns
        labels = dict(zip(self.columns, self.header(), strict=True))

        def css(kind: str) -> str:
            return "num" if kind in NUMERIC | {"row"} else "code" if kind in NOWRAP else "text"

        head = "".join(f'<th class="{css(self.kinds.get(c, "text"))}" scope="col">'
                       f"{html.escape(labels[c])}</th>" for c in columns)
        rows = []
        for record in self.frame.itertuples(index=False):
            cells = []
            for column in columns:
                kind = self.kind(column, record)
                value = getattr(record, column) if column.isidentifier() else \
                    record[list(self.frame.columns).index(column)]
                cells.append(f'<td class="{css(kind)}">'
                             f"{html.escape(self.cell(column, value, kind))}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        if not rows:
            rows.append(f'<tr><td class="text" colspan="{len(columns)}">{t("table.empty")}'
                        "</td></tr>")
        note = f'<p class="note">{html.escape(self.note)}</p>' if self.note else ""
        box = "mics-table mics-short" if len(self.frame) <= SHORT_TABLE else "mics-table"
        classes = "mics" + (" mics-wide" if len(columns) >= WIDE_TABLE else "") + (
            " mics-named" if any(self._names(c) for c in columns) else "")
        return (f'<div class="{box}"><table class="{classes}"><thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>{note}')


    def _names(self, column: str) -> bool:
        """Whether ``column`` holds names: text some of which is longer than
        :data:`NAME_LENGTH` (it wraps; the numbers beside it keep to their content's width)."""
        if self.kinds.get(column, "text") != "text" or column not in self.frame:
            return False
        longest = self.frame[column].dropna().astype(str).str.len().max()
        return bool(pd.notna(longest) and longest > NAME_LENGTH)


def format_month(month: str) -> str:
    """``2025-06`` as people write it: ``06.2025`` (Russian, Kazakh), ``2025-06`` (English)."""
    from ..i18n import get_lang

    year, number = month.split("-")[:2]
    return month if get_lang() == "en" else f"{number}.{year}"


TABLE_CSS = """
<style>
/* every column as wide as its content needs (JupyterLab's own tables are `table-layout:
   fixed`: equal columns, a code's cell running into the next one); a table wider than the
   screen scrolls sideways in its own box (.mics-table), never the page */
div.mics-table {overflow-x: auto; max-width: 100%; margin: 4px 0 12px 0;}
table.mics {border-collapse: collapse; font-size: 12px; margin: 0; width: 100%;
            table-layout: auto !important;}
table.mics th {background: #1f5fa8; color: #fff; padding: 4px 6px; vertical-align: bottom;
               font-weight: 600;}
table.mics td {border-bottom: 1px solid #ddd; padding: 3px 6px; vertical-align: top;}
table.mics td.text, table.mics th.text {text-align: left !important; min-width: 6em;}
/* a word breaks only if it cannot fit (a column is never narrower than its longest word) */
table.mics td.text {overflow-wrap: break-word; hyphens: manual;}
/* codes (ids, dates) take the width of their content and no more, and so do numbers beside
   a column of names: the names take the rest */
table.mics td.code, table.mics th.code {text-align: left !important; width: 1px;}
table.mics.mics-named td.num, table.mics.mics-named th.num {width: 1px;}
table.mics td.code {white-space: nowrap;}
table.mics td.num, table.mics th.num {text-align: right !important;
                                      font-variant-numeric: tabular-nums;}
table.mics td.num {white-space: nowrap;}
/* a header wraps between its words, never inside one */
table.mics th, table.mics th.code, table.mics th.num {white-space: normal;
    overflow-wrap: normal; word-break: normal; hyphens: manual;}
.mics-banner {background: #fff3cd; border: 2px solid #d39e00; padding: 8px 12px;
              font-weight: bold; margin: 8px 0;}
p.note {color: #555; font-size: 12px;}
@page {size: A4 landscape; margin: 10mm 10mm 12mm 10mm;
       @bottom-center {content: counter(page) " / " counter(pages); font-size: 9pt;
                       color: #555;}}
@media print {
  /* an output may run onto the next page (JupyterLab keeps each on one page, as a table row,
     which pushed a long summary off page 1); rows, charts and headings still keep together */
  .jp-OutputArea-child {break-inside: auto !important; page-break-inside: auto !important;
                        display: block !important;}
  .jp-OutputArea-output {display: block !important;} /* a table cell never breaks */
  .jp-OutputArea-prompt {display: none !important;}
  /* paper does not scroll: a scrolling box would be printed as one unbreakable block */
  div.mics-table {overflow: visible;}
  /* a short table on one page rather than its last rows alone on the next */
  div.mics-short {break-inside: avoid; page-break-inside: avoid;}
  table.mics {font-size: 9pt;}
  table.mics th, table.mics td {padding: 2px 4px;}
  table.mics th, table.mics.mics-wide {font-size: 8pt;}
  table.mics.mics-wide th {font-size: 7.5pt;}
  table.mics thead {display: table-header-group;}
  table.mics tr, figure.mics-chart {break-inside: avoid; page-break-inside: avoid;}
  h2, h3 {break-after: avoid; page-break-after: avoid;}
  .mics-banner {break-inside: avoid;}
}
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
        columns = table.columns
        positions = [list(table.frame.columns).index(column) for column in columns]
        for number, record in enumerate(table.frame.itertuples(index=False),
                                        start=header_row + 1):
            kinds = [table.kind(column, record) for column in columns]
            sheet.append([_xlsx_value(kind, record[at])
                          for kind, at in zip(kinds, positions, strict=True)])
            for place, kind in enumerate(kinds, start=1):  # by position: max_row scans
                if kind in XLSX_FORMATS:
                    sheet.cell(row=number, column=place).number_format = XLSX_FORMATS[kind]
        header = table.header()
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            longest = max([len(str(header[index - 1]))]
                          + [len(table.cell(column, v)) for v in table.frame[column]])
            sheet.column_dimensions[letter].width = min(max(10, longest + 2), 60)
        if table.frame.empty:  # an empty table says so in words
            sheet.append([t("table.empty")])
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
        last = get_column_letter(max(1, len(table.columns)))
        sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(1, len(table.frame))}"
        _print_setup(sheet, header_row)
        if table.note:
            sheet.append([])
            sheet.append([table.note])
    for sheet in workbook.worksheets:
        as_text(sheet)
    with atomic_writer(Path(path), "wb") as fh:
        workbook.save(fh)


def _print_setup(sheet, header_row: int) -> None:
    """A4 landscape, all columns on the page width, the header row repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.oddFooter.center.text = "&P / &N"  # page numbers on every printed page


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
    if kind == "month":  # a real date, shown MM.YYYY
        year, number = str(value).split("-")[:2]
        return date(int(year), int(number), 1)
    if kind == "int":
        return int(value)
    if kind == "decimal":  # the exact value; the cell's format shows one decimal
        return float(value)
    return str(value)


def problems_table(problems: Iterable[Any]) -> Table:
    """Data problems as people read them (the report's sheet, the dashboard's page when the
    folder cannot be loaded): severity, file, row, column, value and message."""
    rows = [{**p.as_json(), "column": p.column_in_file} for p in problems]  # as the file has it
    frame = pd.DataFrame(rows, columns=["severity", "file", "row", "column", "value", "message"])
    frame["severity"] = frame["severity"].map(lambda s: t(f"severity.{s}"))
    return Table("problems", frame, {"row": "int", "file": "code"})


#: what a column of the library's frames holds, by its name (for :func:`styled`)
KINDS_BY_NAME = {
    **dict.fromkeys(["plan", "proposed", "committed", "paid", "remaining", "uncommitted",
                     "amount", "estimate", "contract_amount", "savings", "left_to_pay", "kzt",
                     "plan_to_date", "expected_paid", "expected_unspent", "plan_cumulative",
                     "paid_cumulative"], "money"),
    **dict.fromkeys(["execution", "savings_pct"], "percent"),
    **dict.fromkeys(["delay_days", "days_in_stage", "days_overdue", "bids", "year",
                     "announce_delay_days", "delivery_delay_days", "need_delay_days"], "int"),
    **dict.fromkeys(["activity", "lot", "section", "specifics", "id", "source"], "code"),
    "month": "month",
}


#: columns whose values are codes with a label of their own (``funding.RB`` is «РБ»)
VALUE_LABELS = {"source": "funding", "funding": "funding", "stage": "stage",
                "status": "status"}


def kinds_of(frame: pd.DataFrame) -> dict[str, str]:
    """Each column's kind, from its name (:data:`KINDS_BY_NAME`) or its dtype (dates)."""
    kinds = {}
    for column in frame.columns:
        kind = KINDS_BY_NAME.get(str(column))
        if kind is None and pd.api.types.is_datetime64_any_dtype(frame[column]):
            kind = "date"
        kinds[str(column)] = kind or "text"
    return kinds


def header_of(column: str, labels: dict[str, str] | None = None) -> str:
    """A column's name for people: ``labels``, else its label ``col.<column>`` in the current
    language, else the name itself."""
    from ..texts import LABELS

    if labels and column in labels:
        return labels[column]
    return t(f"col.{column}") if f"col.{column}" in LABELS else str(column)


def styled(frame: pd.DataFrame, kinds: dict[str, str] | None = None,
           labels: dict[str, str] | None = None) -> Any:
    """A frame as the report shows it, for notebooks: columns named in the current language,
    money as ``1 234 567,89``, shares as ``83,6 %``, dates as ``30.06.2025``, numbers right
    aligned; the values themselves stay numbers (a pandas ``Styler``; ``.data`` is the
    frame). ``kinds`` and ``labels`` override what the column names suggest."""
    from ..texts import LABELS

    kinds = kinds_of(frame) | (kinds or {})
    table = Table("", frame, kinds)

    def cell(column: str, value: Any) -> str:
        prefix = VALUE_LABELS.get(column)  # RB -> РБ, announced -> объявлен
        if prefix and isinstance(value, str) and f"{prefix}.{value or 'none'}" in LABELS:
            return t(f"{prefix}.{value or 'none'}")
        return table.cell(column, value)

    formats = {c: (lambda v, c=c: cell(str(c), v)) for c in frame.columns}
    numeric = [c for c in frame.columns if kinds.get(str(c)) in NUMERIC]
    styler = frame.style.format(formats).hide(axis="index")
    styler = styler.relabel_index([header_of(str(c), labels) for c in frame.columns],
                                  axis="columns")
    if numeric:
        styler = styler.set_properties(subset=numeric, **{"text-align": "right",
                                                          "white-space": "nowrap"})
    return styler


#: how a KPI's unit is shown (:class:`Table` kinds)
KPI_SHOWN = {"count": "int", "number": "decimal", "share": "percent", "money": "money",
             "days": "decimal"}


def kpi_table(kpis: pd.DataFrame) -> Table:
    """The KPIs (:func:`mics_budget.procurement.kpis.procurement_kpis`) for people: the
    indicator's name, its value shown by its unit, the lots it is computed over, with the
    caveats as the table's note."""
    frame = pd.DataFrame({"kpi": [t(f"kpi.{k}") for k in kpis["kpi"]],
                          "kpi_value": kpis["value"].astype(object).where(kpis["value"].notna(),
                                                                           None),
                          "kpi_lots": kpis["lots"],
                          "kind": kpis["unit"].map(KPI_SHOWN)})
    return Table("kpis", frame, {"kpi_value": "row", "kpi_lots": "int"}, note=t("kpi.note"),
                 kind_column="kind")
