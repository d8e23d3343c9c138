"""UNICEF's cash transfers and the FACE form (:mod:`mics_budget.ledger.face`, issue 27).

B reconciles with ``summary --source UNICEF`` and ``unicef`` for the same period; A, C and F
are the input's; D and G hold by construction, tested at the edges; each of UNICEF's checks
fires on a constructed case; the XLSX is values only and prints A4 landscape."""

from __future__ import annotations

import json
from datetime import date, timedelta
from fractions import Fraction

import pytest

from mics_budget import load
from mics_budget.cli.cli import main
from mics_budget.core.values import round_half_away
from mics_budget.ledger.currency_effect import unicef_in_usd
from mics_budget.ledger.face import Quarter, add_months, face, face_checks
from mics_budget.ledger.spending import summary_json
from tests.conftest import write_files

TRANSFERS = "budget/unicef_transfers.csv"
HEADER = "date,reference,modality,period_start,period_end,activity,amount,currency,accepted,note\n"
PAY_HEADER = ("id,date,activity,source,specifics,amount,currency,payee,document,contract,"
              "refund_of,note\n")


def _nbk(day: date) -> Fraction:
    """The invented NBK dollar rate of a day (it moves, so tenge and dollars differ)."""
    return Fraction(45000 + day.toordinal() % 97, 100)


def _rates() -> str:
    lines = ["date,currency,rate,quant,source"]
    day = date(2023, 1, 1)
    while day <= date(2025, 12, 31):
        lines.append(f"{day.isoformat()},USD,{float(_nbk(day)):.2f},1,NBK")
        if day.day == 1:
            lines.append(f"{day.isoformat()},USD,455.00,1,UNORE")
        day += timedelta(days=1)
    return "\n".join(lines) + "\n"


RATES = _rates()
BUDGET = ("year,activity,source,specifics,phase,amount,currency,date,document,note\n"
          "2023,4.2,UNICEF,,approved,40000,USD,2023-03-01,,\n"
          "2023,6.2,UNICEF,,approved,20000,USD,2023-03-01,,\n"
          "2025,6.3,UNICEF,,approved,3000,USD,2024-12-02,,\n")


def _folder(data_dir, transfers: str = "", payments: str = "", budget: str = BUDGET):
    files = {"budget/fx_rates.csv": RATES, "budget/budget.csv": budget,
             "budget/payments.csv": PAY_HEADER + payments}
    if transfers:
        files[TRANSFERS] = HEADER + transfers
    return load(write_files(data_dir, files))


def _row(form, activity: str) -> dict:
    return form.rows.set_index("activity").loc[activity].to_dict()


# --- B reconciles with summary and unicef ----------------------------------------------------


def _paid_between(project, start: date, end: date) -> float:
    def paid(day: date) -> float:
        rows = summary_json(project, day, [], None, "UNICEF")["rows"]
        return rows[0]["paid"] if rows else 0.0
    return round(paid(end) - paid(start - timedelta(days=1)), 2)


def _reconciles(project, quarter: Quarter) -> bool:
    """B in tenge is what summary --source UNICEF reports paid between the quarter's first
    and last day, per activity and in total; B in dollars what ``unicef`` reports."""
    form = face(project, quarter)
    assert form.total["B_kzt"] / 100 == _paid_between(project, quarter.start, quarter.end)
    before = unicef_in_usd(project, quarter.start - timedelta(days=1)).set_index("activity")
    after = unicef_in_usd(project, quarter.end).set_index("activity")
    for record in form.rows.to_dict("records"):
        paid = after["paid_usd"].get(record["activity"], 0) - before["paid_usd"].get(
            record["activity"], 0)
        assert record["B"] / 100 == round(paid, 2), (quarter, record["activity"])
    return form.total["B"] != 0


def test_b_is_summarys_unicef_paid_of_the_quarter_and_unicefs_dollars(example_project):
    assert _reconciles(example_project, Quarter(2023, 3))


@pytest.mark.slow
def test_b_reconciles_in_every_quarter_of_the_plan(example_project):
    seen = sum(_reconciles(example_project, Quarter(year, number))
               for year in (2023, 2024, 2025) for number in (1, 2, 3, 4))
    assert seen >= 3  # the example data pays UNICEF money in several quarters


@pytest.mark.slow
def test_the_json_of_the_command_equals_summary_to_the_cent(capsys):
    """On the bundled data, through the commands themselves."""
    assert main(["face", "--quarter", "2023Q3", "--format", "json"]) == 0
    form = json.loads(capsys.readouterr().out)
    assert main(["summary", "--as-of", "2023-09-30", "--source", "UNICEF", "--format",
                 "json"]) == 0
    end = json.loads(capsys.readouterr().out)["rows"][0]["paid"]
    assert main(["summary", "--as-of", "2023-06-30", "--source", "UNICEF", "--format",
                 "json"]) == 0
    start = json.loads(capsys.readouterr().out)["rows"][0]["paid"]
    assert form["total"]["B_kzt"] == round(end - start, 2) != 0
    assert form["quarter"] == "2023Q3" and form["currency"] == "USD"
    assert set(form["rows"][0]) >= {"activity", "A", "B", "C", "D", "E", "F", "G"}
    assert form["example_data"] is True
    assert sum(r["B"] for r in form["rows"]) == pytest.approx(form["total"]["B"])


# --- A, C, F from the input; D and G by construction -------------------------------------------


def test_a_c_and_f_are_the_inputs_and_d_g_follow(data_dir):
    transfers = ("2023-06-20,T1,dct,2023-07-01,2023-09-30,4.2,12000.50,USD,11000.25,\n"
                 "2023-06-25,T2,reimbursement,2023-07-01,2023-08-31,4.2,300,USD,300,\n"
                 "2023-09-20,T3,dct,2023-10-01,2023-12-31,6.2,5000,USD,,\n"
                 "2023-03-20,T0,dct,2023-04-01,2023-06-30,4.2,999,USD,999,\n")
    project = _folder(data_dir, transfers)
    form = face(project, "2023Q3", "2023Q4")
    a = _row(form, "4.2")
    assert (a["A"], a["C"]) == (1_200_050 + 30_000, 1_100_025 + 30_000)  # T0 is Q2's
    assert a["D"] == a["A"] - a["C"] == 100_025
    assert a["references"] == "T1, T2" and a["F"] == 0
    b = _row(form, "6.2")
    assert (b["A"], b["C"], b["D"], b["F"]) == (0, 0, 0, 500_000)
    assert b["G"] == b["D"] + b["F"] == 500_000
    assert form.total["G"] == form.total["D"] + form.total["F"] == 100_025 + 500_000
    for record in form.rows.to_dict("records"):
        assert record["D"] == record["A"] - record["C"]
        assert record["G"] == record["D"] + record["F"]


def test_the_edges_no_advance_fully_liquidated_overspent_and_a_refund(data_dir):
    transfers = ("2023-06-20,T1,dct,2023-07-01,2023-09-30,4.2,10000,USD,10000,\n"
                 "2023-09-20,T2,dct,2023-10-01,2023-12-31,6.2,1000,USD,,\n")
    payments = ("P1,2023-07-10,4.2,UNICEF,,10000,USD,,,,,\n"
                "P2,2023-08-10,4.2,UNICEF,,-250.75,USD,,,,P1,\n"       # a refund, netted
                "P3,2023-10-15,6.2,UNICEF,,1500,USD,,,,,\n"            # overspent: +50 %
                "P4,2023-11-15,6.1,UNICEF,,700,USD,,,,,\n")            # no advance at all
    project = _folder(data_dir, transfers, payments)
    q3 = face(project, "2023Q3")
    liquidated = _row(q3, "4.2")
    assert liquidated["B"] == 1_000_000 - 25_075  # the refund netted
    assert (liquidated["A"], liquidated["C"], liquidated["D"], liquidated["G"]) == (
        1_000_000, 1_000_000, 0, 0)
    q4 = face(project, "2023Q4")
    none = _row(q4, "6.1")
    assert (none["A"], none["B"], none["C"], none["D"], none["G"]) == (0, 70_000, 0, 0, 0)
    over = _row(q4, "6.2")
    assert (over["A"], over["B"], over["D"]) == (100_000, 150_000, 100_000)
    assert over["pending"]  # not accepted yet: C counts 0 and the form says so
    flags = face_checks(project, date(2023, 12, 31))
    assert [(f.key, f.reference) for f in flags] == [("face.flag_overspent", "T2")]
    assert not any(f.reference == "T1" for f in face_checks(project, date(2025, 12, 31))
                   if f.key == "face.flag_overdue")  # fully liquidated: never overdue


def test_an_advance_not_yet_liquidated_is_brought_forward_until_accepted(data_dir):
    """An advance of an earlier period with an open balance stays on every later form (in A,
    so in D and G) until UNICEF accepts its expenditure; a reimbursement never does."""
    transfers = ("2023-06-20,T1,dct,2023-07-01,2023-09-30,4.2,10000,USD,7500.50,\n"
                 "2023-06-21,T2,reimbursement,2023-07-01,2023-09-30,4.2,500,USD,,\n"
                 "2023-12-20,T3,dct,2024-01-01,2024-03-31,4.2,4000,USD,,\n"
                 "2024-03-20,T4,dct,2024-04-01,2024-06-30,6.2,1000,USD,,\n")
    project = _folder(data_dir, transfers)
    q3 = _row(face(project, "2023Q3"), "4.2")
    assert (q3["A"], q3["C"], q3["D"], q3["brought_forward"]) == (1_050_000, 750_050,
                                                                  299_950, 0)
    q4 = face(project, "2023Q4")
    assert (_row(q4, "4.2")["A"], _row(q4, "4.2")["D"]) == (249_950, 249_950)  # T1's balance
    assert _row(q4, "4.2")["references"] == "T1"
    q1 = face(project, "2024Q1", "2024Q2")
    four = _row(q1, "4.2")
    assert (four["brought_forward"], four["A"], four["C"], four["D"]) == (
        249_950, 249_950 + 400_000, 0, 649_950)
    assert four["references"] == "T3, T1"
    assert _row(q1, "6.2")["F"] == 100_000
    assert q1.total["G"] == q1.total["D"] + q1.total["F"] == 649_950 + 100_000
    accepted = _folder(data_dir, transfers.replace("10000,USD,7500.50", "10000,USD,10000"))
    assert _row(face(accepted, "2023Q4"), "4.2")["A"] == 0  # liquidated: nothing brought


def test_a_refund_in_the_next_quarter_counts_there_as_in_summary(data_dir):
    payments = ("P1,2023-09-10,4.2,UNICEF,,1000,USD,,,,,\n"
                "P2,2023-10-05,4.2,UNICEF,,-100,USD,,,,P1,\n")
    project = _folder(data_dir, "", payments)
    assert _row(face(project, "2023Q3"), "4.2")["B"] == 100_000
    assert _row(face(project, "2023Q4"), "4.2")["B"] == -10_000
    for quarter in ("2023Q3", "2023Q4"):
        q = Quarter.parse(quarter)
        assert face(project, q).total["B_kzt"] / 100 == _paid_between(project, q.start, q.end)


def test_payments_in_tenge_at_the_nbk_rate_and_the_gain_or_loss_apart(data_dir):
    payments = ("P1,2023-07-10,4.2,UNICEF,,451234.56,KZT,,,,,\n"
                "P2,2023-07-11,4.2,UNICEF,,100,USD,,,,,\n")
    form = face(_folder(data_dir, "", payments), "2023Q3")
    nbk = _nbk(date(2023, 7, 10))
    at_nbk = round_half_away(Fraction(45_123_456) / nbk)
    at_unore = round_half_away(Fraction(45_123_456) / Fraction(455))
    row = _row(form, "4.2")
    assert row["B"] == at_nbk + 10_000
    assert row["fx_difference"] == at_unore - at_nbk != 0
    assert form.total["B"] == row["B"]  # the gain/loss is never in a total
    assert form.converted == 1 and form.rate == "NBK"


def test_e_is_the_monthly_plan_of_the_request_quarter_or_what_is_given(data_dir):
    project = _folder(data_dir)
    form = face(project, "2024Q4", "2025Q1", as_of=date(2024, 12, 31))
    assert _row(form, "6.3")["E"] == 300_000  # 6.3's months are January to March 2025
    assert _row(form, "4.2")["E"] == 0
    given = face(project, "2024Q4", "2025Q1", {"6.3": 123_456}, as_of=date(2024, 12, 31))
    assert _row(given, "6.3")["E"] == 123_456 and given.total["E"] == 123_456
    # 4.2 runs July–August 2023: a request for 2023Q3 made in Q2 is its whole line
    assert _row(face(project, "2023Q2", "2023Q3"), "4.2")["E"] == 4_000_000


# --- UNICEF's checks -----------------------------------------------------------------------------


def test_an_advance_open_more_than_six_months_is_flagged_with_its_age(data_dir):
    transfers = "2023-06-20,T1,dct,2023-07-01,2023-09-30,4.2,5000,USD,4000,\n"
    project = _folder(data_dir, transfers)
    assert face_checks(project, date(2023, 12, 20)) == []  # six months to the day: not yet
    flags = face_checks(project, date(2023, 12, 21))
    assert [(f.key, f.reference) for f in flags] == [("face.flag_overdue", "T1")]
    assert flags[0].params["age_days"] == (date(2023, 12, 21) - date(2023, 6, 20)).days
    assert flags[0].params["outstanding"] == 100_000
    assert "T1" in flags[0].message() and "1\xa0000,00 USD" in flags[0].message()


def test_expenditure_over_the_authorised_by_more_than_a_fifth_is_flagged(data_dir):
    transfers = "2023-06-20,T1,reimbursement,2023-07-01,2023-09-30,4.2,1000,USD,1000,\n"
    exactly = face_checks(_folder(data_dir, transfers,
                                  "P1,2023-07-10,4.2,UNICEF,,1200,USD,,,,,\n"),
                          date(2023, 9, 30))
    assert exactly == []  # 20 % is allowed
    over = face_checks(_folder(data_dir, transfers,
                               "P1,2023-07-10,4.2,UNICEF,,1200.01,USD,,,,,\n"),
                       date(2023, 9, 30))
    assert [(f.key, f.reference, f.activity) for f in over] == [
        ("face.flag_overspent", "T1", "4.2")]


def test_a_reallocation_between_activities_above_a_fifth_is_flagged(data_dir):
    transfers = ("2023-06-20,T1,dct,2023-07-01,2023-12-31,4.2,1000,USD,1000,\n"
                 "2023-06-20,T2,dct,2023-07-01,2023-12-31,6.2,1000,USD,1000,\n")
    moved = ("P1,2023-07-10,4.2,UNICEF,,550,USD,,,,,\n"     # 450 under …
             "P2,2023-10-10,6.2,UNICEF,,1450,USD,,,,,\n")   # … spent on 6.2: 22.5 % moved
    flags = face_checks(_folder(data_dir, transfers, moved), date(2023, 12, 31))
    assert ("face.flag_reallocation", "T1, T2") in [(f.key, f.reference) for f in flags]
    within = ("P1,2023-07-10,4.2,UNICEF,,650,USD,,,,,\n"
              "P2,2023-10-10,6.2,UNICEF,,1200,USD,,,,,\n")   # 200 moved: 10 %
    assert face_checks(_folder(data_dir, transfers, within), date(2023, 12, 31)) == []


def test_a_new_request_while_an_old_advance_is_open_is_a_warning(data_dir):
    transfers = ("2023-01-10,T1,dct,2023-01-10,2023-03-31,6.1,1000,USD,,\n"
                 "2023-09-20,T2,dct,2023-10-01,2023-12-31,6.2,1000,USD,,\n")
    project = _folder(data_dir, transfers)
    flags = face_checks(project, date(2023, 9, 30))
    request = [f for f in flags if f.key == "face.flag_request_while_overdue"]
    assert [(f.reference, f.params["old"]) for f in request] == [("T2", "T1")]
    form = face(project, "2023Q3", "2023Q4")
    assert [w.reference for w in form.warnings] == ["T1"]  # the form says it
    assert face(project, "2023Q3").warnings == []  # no request, no warning


def test_add_months_keeps_the_last_day_of_a_short_month():
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2023, 6, 20), 6) == date(2023, 12, 20)


# --- the input ---------------------------------------------------------------------------------


def test_bad_rows_are_problems_naming_file_row_and_column(data_dir):
    transfers = ("2023-06-20,T1,dct,2023-07-01,2023-09-30,7.1,1000,USD,,\n"        # row 2
                 "2023-06-20,T2,loan,2023-07-01,2023-09-30,4.2,1000,USD,,\n"       # row 3
                 "2023-06-20,T3,dct,2023-09-30,2023-07-01,4.2,1000,USD,,\n"        # row 4
                 "2023-06-20,T3,dct,2023-07-01,2023-09-30,4.2,1000,USD,,\n"        # row 5
                 "2023-06-20,T5,dct,2023-07-01,2023-09-30,4.2,1000,USD,много,\n"   # row 6
                 "2023-06-20,T6,dct,2023-07-01,2023-09-30,4.2,-5,USD,,\n"          # row 7
                 "2023-06-20,T7,dct,2023-07-01,2023-09-30,4.2,1000,KZT,,\n"        # row 8
                 "2023-06-20,T8,dct,2023-07-01,2023-09-30,4.2,1000,USD,1500,\n"    # row 9
                 "2023-06-20,T9,dct,2023-07-01,2023-09-30,4.2,1000,USD,100,\n")    # row 10
    project = _folder(data_dir, transfers)
    found = {(p.row, p.column, p.key) for p in project.problems if p.file == TRANSFERS}
    assert found == {
        (2, "activity", "face.not_unicef"), (3, "modality", "face.unknown_modality"),
        (4, "period_end", "face.period_reversed"), (5, "reference", "face.duplicate_reference"),
        (6, "accepted", "problem.bad_number"), (7, "amount", "face.not_positive"),
        (8, "currency", "face.not_usd"), (9, "accepted", "face.accepted_above_amount")}
    line = next(p.line() for p in project.problems if p.row == 2 and p.file == TRANSFERS)
    assert line.startswith(f"{TRANSFERS}:2: activity:") and "ЮНИСЕФ" in line
    valid = project.transfers.loc[project.transfers["valid"], "reference"].tolist()
    assert valid == ["T8", "T9"]  # a warning keeps its row


def test_russian_headers_in_windows_1251_are_read(data_dir):
    text = ("Дата;Номер перевода;Вид перевода;Начало периода;Конец периода;Мероприятие;Сумма;"
            "Валюта;Принято\n"
            "20.06.2023;T1;аванс;01.07.2023;30.09.2023;4.2;1 000,50;USD;\n")
    write_files(data_dir, {TRANSFERS: text.encode("cp1251"), "budget/fx_rates.csv": RATES})
    project = load(data_dir)
    assert [p.line() for p in project.problems if p.file == TRANSFERS] == []
    row = project.transfers.iloc[0]
    assert (row["modality"], row["amount_minor"], row["valid"]) == ("dct", 100_050, True)


def test_without_the_file_there_are_no_transfers(money_project):
    assert money_project.transfers.empty
    form = face(money_project, "2023Q3")
    assert form.total["A"] == 0 and form.total["B"] == 1_000_000  # P2 of the money folder


# --- the command and the XLSX ------------------------------------------------------------------


@pytest.mark.slow
def test_the_xlsx_has_no_formula_and_prints_on_a4_landscape(data_dir, tmp_path, capsys):
    from openpyxl import load_workbook

    transfers = ("2023-06-20,=HYPERLINK(\"x\"),dct,2023-07-01,2023-09-30,4.2,1000,USD,,"
                 "\n")
    _folder(data_dir, transfers, "P1,2023-07-10,4.2,UNICEF,,900,USD,,,,,\n")
    out = tmp_path / "face.xlsx"
    assert main(["face", "--quarter", "2023Q3", "--request", "2023Q4", "--format", "xlsx",
                 "--out", str(out), "--data", str(data_dir)]) == 0
    sheet = load_workbook(out).active
    texts = []
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str):
                texts.append(cell.value)
    assert any(v.startswith("=HYPERLINK") for v in texts)  # shown as typed, as text
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 1)
    assert sheet.print_title_rows
    assert any("Удостоверение" in v for v in texts) and any("Подпись" in v for v in texts)
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert 900 in values and 1000 in values  # B and A as numbers
    # the two groups' names are in their merged cells, which the header rows repeat
    groups = {str(r): sheet.cell(r.min_row, r.min_col).value for r in sheet.merged_cells.ranges
              if r.min_row == r.max_row and r.min_col > 1}
    assert sorted(groups.values()) == ["Запрос / разрешение", "Отчёт"], groups
    first = min(r.min_row for r in sheet.merged_cells.ranges if r.min_col > 1)
    assert sheet.print_title_rows == f"${first}:${first + 1}"
    # the notes and the certification wrap within the table's width (a long line left to
    # overflow would widen the printed page and shrink the form)
    for start in ("B в долларах", "Удостоверение"):
        row = next(r for r in range(1, sheet.max_row + 1)
                   if str(sheet.cell(r, 1).value or "").startswith(start))
        spans = [m for m in sheet.merged_cells.ranges if m.min_row == row]
        assert spans and spans[0].max_col == sheet.max_column, start
        assert sheet.cell(row, 1).alignment.wrap_text and sheet.row_dimensions[row].height
    # a long title gets the lines it wraps to (no text runs over the next row)
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "4.2")
    title = sheet.cell(row, 2).value
    width = sheet.column_dimensions["B"].width
    assert sheet.row_dimensions[row].height >= 15 * -(-len(title) // int(width)), title


def test_the_example_form_prints_one_page_wide_with_the_banner(example_project, tmp_path):
    from openpyxl import load_workbook

    from mics_budget.report.face_form import write_face_xlsx

    out = tmp_path / "face.xlsx"
    form = face(example_project, "2025Q1", "2025Q2")
    write_face_xlsx(out, form, example_project.example_data)
    sheet = load_workbook(out).active
    assert sheet["A1"].value.startswith("ПРИМЕР")
    assert all(c.data_type != "f" and not str(c.value or "").startswith("=")
               for row in sheet.iter_rows() for c in row)
    setup = sheet.page_setup
    assert (setup.orientation, str(setup.paperSize)) == ("landscape", sheet.PAPERSIZE_A4)
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 1)  # four activities: one page
    assert sheet.print_title_rows
    total = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Итого")
    assert total[4:11] == tuple(None if form.total[c] is None else form.total[c] / 100
                                for c in "ABCDEFG")


@pytest.mark.parametrize("argv", [["face"], ["face", "--quarter", "2025Q5"],
                                  ["face", "--quarter", "2025Q2", "--request", "2025Q1"],
                                  ["face", "--quarter", "2025Q2", "--format", "xlsx"],
                                  ["face", "--quarter", "2025Q2", "--amount", "7.1=100"],
                                  ["face", "--quarter", "2025Q2", "--amount", "6.3=abc"]])
def test_wrong_use_is_one_line_and_status_2(argv, capsys):
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and err.strip()


def test_check_json_names_each_transfer(capsys):
    assert main(["face", "--check", "--as-of", "2025-06-30", "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    checks = {(f["check"], f["reference"]) for f in answer["flags"]}
    assert ("overdue", "UNICEF-DCT-2025-01") in checks
    assert all(f["message"] for f in answer["flags"])


def test_the_table_in_english(capsys):
    assert main(["face", "--quarter", "2023Q3", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "A. Authorised amount" in out and "advance (DCT)" in out and "EXAMPLE" in out


@pytest.mark.slow
def test_the_monthly_report_lists_the_open_advances_and_the_checks():
    from mics_budget.report.report import MonthlyReport

    report = MonthlyReport.build(None, "2025-06")
    shown = report.tables["unicef_advances"].frame
    project = report.project
    expected = {f.reference: f.params["outstanding"] / 100
                for f in face_checks(project, date(2025, 6, 30)) if f.key == "face.flag_overdue"}
    assert dict(zip(shown["reference"], shown["outstanding"], strict=True)) == expected
    assert shown["age_days"].tolist() == [(date(2025, 6, 30) - d.date()).days
                                          for d in shown["date"]]
    checks = report.tables["unicef_checks"].frame
    assert set(checks["reference"]) >= set(expected)


@pytest.mark.slow
def test_the_dashboard_card_lists_the_advances_as_face_check_flags_them(example_project):
    import re

    from mics_budget.web.dashboard import Dashboard

    board = Dashboard(example_project, as_of=date(2025, 6, 30))
    shown = re.findall(r'class="mics-advance( mics-overdue)?" data-reference="([^"]+)" '
                       r'data-outstanding="([^"]+)" data-age="([0-9]+)"', board.advances.value)
    overdue = {f.reference: (f"{f.params['outstanding'] / 100:.2f}", str(f.params["age_days"]))
               for f in face_checks(example_project, date(2025, 6, 30))
               if f.key == "face.flag_overdue"}
    assert {ref: (amount, age) for old, ref, amount, age in shown if old} == overdue != {}
    board.filters.source.value = "RB"  # no UNICEF shown: no card
    assert board.advances.value == ""


def test_more_than_25_activities_print_on_one_page_more(example_project, tmp_path):
    """The page is one wide and one tall per 25 activities (a plan where UNICEF funds 26)."""
    from dataclasses import replace

    import pandas as pd
    from openpyxl import load_workbook

    from mics_budget.report.face_form import write_face_xlsx

    form = face(example_project, "2023Q3")
    many = pd.concat([form.rows] * 7, ignore_index=True).head(26)
    out = tmp_path / "many.xlsx"
    write_face_xlsx(out, replace(form, rows=many), example_data=True)
    setup = load_workbook(out).active.page_setup
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 2)
