"""The fast loading paths give exactly what the general ones give.

Each fast path (UTF-8 bytes straight to pyarrow, ISO dates and plain amounts read in Arrow,
XLSX values through python-calamine) only takes what it reads exactly as the general path
would; these tests read the same inputs both ways and compare everything: every column,
dtype, row number and problem.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from functools import partial

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mics_budget import load
from mics_budget.core import tables, xlsx
from mics_budget.core.checks import MAX_PER_KIND
from mics_budget.core.schemas import PAYMENTS, Schema, col
from mics_budget.core.tables import read_table
from mics_budget.core.values import (
    _parse_amounts_general,
    _parse_dates_general,
    duplicated,
    parse_amounts,
    parse_dates,
)
from mics_budget.ledger.fx import convert
from tests.conftest import PAYMENTS as PAYMENTS_CSV
from tests.conftest import write_files

HEADER = PAYMENTS_CSV.splitlines()[0]
SMALL = Schema("payments", "budget", (
    col("id", "str", "номер", required=True), col("date", "str", "дата", required=True),
    col("amount", "str", "сумма", required=True), col("note", "str", "примечание")))


def _problems(problems):
    return [(p.severity, p.file, p.sheet, p.row, p.column, p.value, p.key,
             sorted((k, str(v)) for k, v in p.params.items())) for p in problems]


def _both_ways(monkeypatch, path, schema=PAYMENTS):
    """``read_table`` as it runs, and with every fast path turned off."""
    fast = read_table(path, schema)
    with monkeypatch.context() as patch:
        patch.setattr(tables, "_utf8_cells", lambda data: None)
        patch.setattr(tables, "calamine_book", lambda path: None)
        slow = read_table(path, schema)
    return fast, slow


def _same(fast, slow):
    pd.testing.assert_frame_equal(fast[0], slow[0], check_exact=True)
    assert _problems(fast[1]) == _problems(slow[1])


# --- CSV: the bytes go to pyarrow as they are -------------------------------------------------

ROWS = ["P1,2023-06-10,8.1,RB,161,1000000.25,KZT,Получатель,,,,",
        ' P2 ,10.06.2023, 8.1 ,рб,161,"1 234,50",kzt,,,,," с пробелами "',
        'P3,2023-07-08,4.2,UNICEF,,100,USD,"ТОО ""А"", Алматы",,,,Қазақ 😀',
        ",,,,,,,,,,,",
        "P4,2024-02-30,99.9,ГБ,,1e5,QQQ,,,,,\u00a0note\u00a0"]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("directive", [False, True])
@pytest.mark.parametrize("blank", [False, True])
def test_utf8_bytes_read_as_the_decoded_text_is(monkeypatch, tmp_path, bom, newline, directive,
                                                 blank):
    lines = [HEADER, *ROWS]
    if blank:
        lines = [lines[0], "", *lines[1:3], "", "", *lines[3:], ""]
    text = newline.join((["sep=,"] if directive else []) + lines) + newline
    path = tmp_path / "payments.csv"
    path.write_bytes(bom + text.encode("utf-8"))
    fast, slow = _both_ways(monkeypatch, path)
    _same(fast, slow)
    assert len(fast[0]) == 4
    if not blank:
        assert fast[0]["_row"].tolist() == [2, 3, 4, 6]


@pytest.mark.parametrize("content", [
    "id,date,amount\n1,2024-01-01,5\n2,2024-01-02\n3,2024-01-03,7\n",  # a ragged row
    'id,date,amount,note\n1,2024-01-01,5,"two\nlines"\n2,2024-01-02,6,x\n',  # a line break
    "id,date,amount\r1,2024-01-01,5\r2,2024-01-02,6\r",  # CR line ends
    "id,date,amount\r\n1,2024-01-01,5\rx\r\n",  # a CR inside a field
    "id;date;amount\n1;05.03.2024;1 234,5\n",  # Windows-1251 below
    "id,date,amount\n\n\n",  # blank lines only
    "   \n",
])
@pytest.mark.parametrize("encoding", ["utf-8", "cp1251"])
def test_files_the_fast_path_leaves_read_as_before(monkeypatch, tmp_path, content, encoding):
    path = tmp_path / "p.csv"
    path.write_bytes(content.encode(encoding))
    _same(*_both_ways(monkeypatch, path, SMALL))


def test_invalid_utf8_anywhere_is_windows_1251_as_before(monkeypatch, tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(b"id,date,amount,note\n1,2024-01-01,5,ok\n"
                     + "2,2024-01-02,6,Примечание\n".encode("cp1251"))
    fast, slow = _both_ways(monkeypatch, path, SMALL)
    _same(fast, slow)
    assert fast[0]["note"].tolist() == ["ok", "Примечание"]


def test_row_numbers_stay_true_with_blank_lines_in_a_large_file(tmp_path):
    lines = [HEADER]
    expected = []
    for n in range(20_000):
        if n % 997 == 0:
            lines.append("")
        lines.append(f"B{n:06d},2023-06-10,8.1,RB,161,5,KZT,,,,,")
        expected.append(len(lines))
    path = tmp_path / "payments.csv"
    path.write_text("\n".join(lines) + "\n")
    frame, problems = read_table(path, PAYMENTS)
    assert problems == []
    assert frame["_row"].tolist() == expected


# --- values: the Arrow fast paths against the pandas reference ---------------------------------

_DATE_TEXT = st.one_of(
    st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat),
    st.tuples(st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32)).map(
        lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"),
    st.dates(date(1900, 1, 1), date(2100, 1, 1)).map(lambda d: d.strftime("%d.%m.%Y")),
    st.text(alphabet="0123456789-.: T/\u00a0", max_size=19),
    st.sampled_from(["", " ", "2023-06-10 ", " 2023-06-10", "2023-06-10 10:30", "٢٠٢٣-٠٦-١٠"]),
)
_AMOUNT_TEXT = st.one_of(
    st.decimals(-10**16, 10**16, places=4, allow_nan=False, allow_infinity=False).map(str),
    st.integers(-10**18, 10**18).map(str),
    st.text(alphabet="0123456789-+., '\u00a0\u2212e₸$", max_size=20),
    st.sampled_from(["", "5.", ".5", "+7", "-0", "0x10", "1 234,5", "00012.30", " 12 "]),
)


@pytest.mark.slow  # over half a second: the fast loop stays under a minute
@settings(max_examples=100, deadline=None)
@given(st.lists(_DATE_TEXT, max_size=30))
def test_dates_fast_path_equals_the_reference(texts):
    series = pd.Series(texts, dtype="str", index=np.arange(len(texts)) * 2 + 5)
    for got, want in zip(parse_dates(series), _parse_dates_general(series), strict=True):
        pd.testing.assert_series_equal(got, want, check_exact=True)


@pytest.mark.slow  # over half a second: the fast loop stays under a minute
@settings(max_examples=100, deadline=None)
@given(st.lists(_AMOUNT_TEXT, max_size=30), st.sampled_from([0, 2, 4]))
def test_amounts_fast_path_equals_the_reference(texts, decimals):
    series = pd.Series(texts, dtype="str")
    for got, want in zip(parse_amounts(series, decimals), _parse_amounts_general(series, decimals),
                         strict=True):
        pd.testing.assert_series_equal(got, want, check_exact=True)


def test_a_column_of_clean_values_takes_the_fast_path_whole():
    dates, bad = parse_dates(pd.Series(["2023-06-10", "0000-02-29", "2024-02-29"]))
    assert dates.tolist()[2] == pd.Timestamp("2024-02-29")
    # a calendar day, but outside the days of this ledger (1990–2099): refused (issue 25)
    assert bad.tolist() == [False, True, False] and pd.isna(dates[1])
    minor, bad, _ = parse_amounts(pd.Series(["1234.5", "-0.05", "7", "123456789012345.99"]))
    assert minor.tolist() == [123450, -5, 700, 12345678901234599] and not bad.any()


@pytest.mark.parametrize("values", [
    ["B1", "B2", "B3"], ["B3", "B1", "B3", "B2", "B1"], ["a", "a"], [], ["x"],
    ["10", "9", "10"]])
def test_duplicated_as_pandas(values):
    series = pd.Series(values, dtype="str")
    assert duplicated(series).tolist() == series.duplicated(keep="first").tolist()


# --- stale rates: one warning per day and currency ---------------------------------------------

def _rates():
    return pd.DataFrame({"date": pd.to_datetime(["2024-03-01", "2024-03-01"]).astype(
        "datetime64[us]"), "currency": ["USD", "EUR"], "rate_e4": [4_702_500, 5_100_000],
        "quant": [1, 1], "source": ["NBK", "NBK"]})


def _payments(rows):
    frame = pd.DataFrame(rows, columns=["date", "currency", "amount_minor"])
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[us]")
    frame["amount_minor"] = frame["amount_minor"].astype("Int64")
    frame["_file"], frame["_sheet"], frame["_row"] = "p.csv", "", range(2, 2 + len(frame))
    return frame


def test_stale_rates_are_grouped_by_day_and_currency():
    frame, problems = convert(_payments([
        ("2024-03-02", "USD", 100), ("2024-03-03", "USD", 100), ("2024-03-02", "USD", 100),
        ("2024-03-02", "EUR", 100), ("2024-03-01", "USD", 100), ("2024-03-02", "USD", 100)]),
        _rates())
    assert frame["kzt_minor"].notna().all()
    assert [(p.row, p.key, p.value) for p in problems] == [
        (2, "problem.stale_rate_rows", "2024-03-02"),  # rows 2, 4 and 7
        (3, "problem.stale_rate", "2024-03-03"),  # alone on its day: the row's own warning
        (5, "problem.stale_rate", "2024-03-02")]  # the only EUR row
    group = problems[0]
    assert group.params == {"currency": "USD", "rate_date": "2024-03-01", "count": 3,
                            "first": 2, "last": 7}
    assert group.severity == "warning" and group.column == "date"
    assert group.message == ("на 02.03.2024 курса USD нет, применён курс на 01.03.2024 "
                             "(строк: 3, с 2 по 7)")


def test_a_million_weekend_rows_make_a_line_per_day(money_dir):
    """The issue's case: every weekend USD payment was a warning of its own."""
    rows = [f"W{n},2023-07-{8 + n % 2:02d},4.2,UNICEF,,10,USD,,,,," for n in range(3000)]
    write_files(money_dir, {"budget/payments.csv": PAYMENTS_CSV + "\n".join(rows) + "\n"})
    project = load(money_dir)
    stale = [p for p in project.problems if p.key.startswith("problem.stale_rate")]
    assert [(p.value, p.params["count"], p.params["first"], p.params["last"])
            for p in stale] == [("2023-07-08", 1500, 6, 3004), ("2023-07-09", 1500, 7, 3005)]
    assert int(project.payments["valid"].sum()) == 4 + 3000


def test_more_groups_than_listed_are_summed_up():
    days = pd.date_range("2024-03-02", periods=MAX_PER_KIND + 5, freq="2D")  # no rate
    rates = pd.DataFrame({"date": days - pd.Timedelta(days=1), "currency": "USD",
                          "rate_e4": 4_700_000, "quant": 1, "source": "NBK"})
    rates["date"] = rates["date"].astype("datetime64[us]")
    rows = [(str(d.date()), "USD", 100) for d in days for _ in range(2)]
    _, problems = convert(_payments(rows), rates)
    assert len(problems) == MAX_PER_KIND + 1
    assert problems[-1].key == "problem.more_rows"
    assert problems[-1].params["count"] == 10


# --- XLSX: calamine where it reads as openpyxl does --------------------------------------------

def _workbook(path, rows, formats=(), title_rows=0, sheets=("Платежи",)):
    workbook = openpyxl.Workbook()
    for at, name in enumerate(sheets):
        sheet = workbook.active if at == 0 else workbook.create_sheet(name)
        sheet.title = name
    sheet = workbook[sheets[-1]]
    for _ in range(title_rows):
        sheet.append(["Реестр платежей MICS"])
    sheet.append(HEADER.split(","))
    for row in rows:
        sheet.append(row)
    for cell, number_format in formats:
        sheet[cell].number_format = number_format
    workbook.save(path)
    return path


def _typed_rows(count, seed=1):
    pick = random.Random(seed).choice
    rows = []
    for n in range(count):
        rows.append([
            pick([f"P{n}", n, f" P{n} "]),
            pick([datetime(2023, 6, 10), datetime(2023, 7, 8, 10, 30), "10.06.2023",
                  "2023-06-10", date(2023, 7, 4)]),
            pick(["8.1", 8.1, "4.2", "99.9"]),
            pick(["RB", "рб", "UNICEF", None]),
            pick([161, "161", None]),
            pick([1000000.25, 100, "1 234,50", 0.1 + 0.2, -5, True, "100 ₸", None]),
            pick(["KZT", "USD", None, "тг"]),
            pick(["Получатель", None, "  пробелы  "]),
            None, None, None,
            pick([None, "примечание", 12.5])])
    return rows


@pytest.mark.parametrize("title_rows", [0, 2])
def test_calamine_reads_a_plain_workbook_as_openpyxl(monkeypatch, tmp_path, title_rows):
    path = _workbook(tmp_path / "payments.xlsx", _typed_rows(300, title_rows),
                     title_rows=title_rows,
                     formats=[("B3", "dd.mm.yyyy"), ("F4", '#,##0.00 "₸"'),
                              ("F5", "0.00%"), ("B6", "DD.MM.YYYY H:MM")])
    book = xlsx.calamine_book(path)
    assert book is not None
    with book:  # calamine reads it all (no value sends it back to openpyxl)
        found = tables._find_sheet(((t, partial(book.rows, t)) for t in book.titles),
                                   PAYMENTS, xlsx.cell_text, calamine=True)
    assert found[0] == "Платежи" and len(found[2].rows) == 300
    fast, slow = _both_ways(monkeypatch, path)
    _same(fast, slow)
    assert len(fast[0]) == 300


def test_a_number_in_the_header_row_goes_to_openpyxl(monkeypatch, tmp_path):
    path = tmp_path / "payments.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append([*HEADER.split(","), 2024])
    workbook.active.append(["P1", "2023-06-10", "8.1", "RB", 161, 5, "KZT"])
    workbook.save(path)
    _same(*_both_ways(monkeypatch, path))


@pytest.mark.parametrize("case", ["formula", "error", "time", "duration", "large", "early",
                                  "1904"])
def test_what_calamine_might_read_otherwise_goes_to_openpyxl(monkeypatch, tmp_path, case):
    rows = _typed_rows(20)
    path = tmp_path / "payments.xlsx"
    value = {"formula": "=F2*2", "error": "=1/0", "time": time(10, 30),
             "duration": timedelta(hours=30), "large": 2**53 + 2,
             "early": datetime(1900, 1, 5), "1904": datetime(2023, 6, 10)}[case]
    rows[3][5] = value
    _workbook(path, rows)
    if case == "1904":
        workbook = openpyxl.load_workbook(path)
        workbook.epoch = openpyxl.utils.datetime.MAC_EPOCH
        workbook.save(path)
    fast, slow = _both_ways(monkeypatch, path)
    _same(fast, slow)
    if case in ("formula", "error", "1904"):
        assert xlsx.calamine_book(path) is None  # decided from the XML, before reading


@pytest.mark.parametrize("widest", [8, 12, 14])
def test_a_sheet_without_a_dimension_loses_no_row(monkeypatch, tmp_path, widest):
    """openpyxl's write-only mode states no dimension and writes a row only up to its last
    value: every row counts (the missing cells are empty, even when no row reaches the
    header's last columns), the same through calamine and openpyxl."""
    rows = _typed_rows(20)
    path = tmp_path / "payments.xlsx"
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Платежи")
    sheet.append(HEADER.split(","))
    for n, row in enumerate(rows):
        sheet.append(row[:8] if n % 3 else [*row, "лишнее", None][:widest])
    workbook.save(path)
    assert xlsx.calamine_book(path) is not None
    fast, slow = _both_ways(monkeypatch, path)
    _same(fast, slow)
    assert len(fast[0]) == 20
    assert (fast[0].loc[[1, 2, 4], "note"] == "").all()  # short rows: the note is empty


def test_every_value_calamine_gives_converts_as_openpyxl_reads_it(tmp_path):
    path = _workbook(tmp_path / "payments.xlsx", _typed_rows(200, 7))
    book = xlsx.calamine_book(path)
    assert book is not None
    with book:
        mine = book.rows(book.titles[0])
    theirs = list(openpyxl.load_workbook(path, read_only=True, data_only=True)
                  .worksheets[0].iter_rows(values_only=True))
    for ours, openpyxl_row in zip(mine, theirs, strict=True):
        assert [xlsx.cell_text(v) for v in ours] == [tables._xlsx_text(v)
                                                      for v in openpyxl_row][:len(ours)]
