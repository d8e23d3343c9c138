"""Writes the case files of the bad-input catalogue and cases.yaml (run from the repo root:
``python tests/bad_inputs/make_cases.py``). The files are committed; edit them or this script."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.conftest import BUDGET, EVENTS, LOTS, PAYMENTS, RATES  # noqa: E402

OUT = Path(__file__).resolve().parent
HEADER = PAYMENTS.splitlines()[0]
ROWS = PAYMENTS.splitlines()[1:]
P, E, L, B = ("budget/payments.csv", "procurement/events.csv", "procurement/lots.csv",
              "budget/budget.csv")
F, FP, X = "budget/fx_rates.csv", "budget/financing_plan.csv", "budget/payments.xlsx"
RUSSIAN = {"id": "Номер", "date": "Дата", "activity": "Мероприятие", "source": "Источник",
           "specifics": "Специфика", "amount": "Сумма", "currency": "Валюта",
           "payee": "Получатель", "document": "Документ", "contract": "Договор",
           "refund_of": "Возврат по", "note": "Примечание"}
cases: list[dict] = []


def add(name: str, target: str, data: bytes, expect: dict | list[dict], valid: int | None,
        why: str = "") -> None:
    case = f"{len(cases) + 1:02d}_{name}{Path(target).suffix}"
    (OUT / case).write_bytes(data)
    cases.append({"case": case, "as": target, "expect": expect, "valid": valid, "why": why})


def generated(name: str, target: str, expect: dict, valid: int | None, why: str) -> None:
    cases.append({"case": f"generated:{name}", "as": target, "expect": expect,
                  "valid": valid, "why": why})


def pay(bad: str, encoding: str = "utf-8") -> bytes:
    return (PAYMENTS + bad + "\n").encode(encoding)


def exp(row, column, key, severity="error", file=P) -> dict:
    return {"file": file, "row": row, "column": column, "severity": severity, "key": key}


def russian(text: str, sep: str = ";", encoding: str = "cp1251") -> bytes:
    rows = list(csv.reader(io.StringIO(text)))
    rows[0] = [RUSSIAN.get(h, h) for h in rows[0]]
    for row in rows[1:]:
        if len(row) > 5 and row[5]:
            row[5] = row[5].replace(".", ",")
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode(encoding)


BAD_ACTIVITY = "X1,2023-06-10,99.1,RB,,100,KZT,,,,,"


def main() -> None:
    for old in OUT.glob("[0-9][0-9]_*"):
        old.unlink()
    # encodings and separators
    add("cp1251_semicolon_decimal_comma", P,
        russian(PAYMENTS + 'X1,2023-06-10,99.1,RB,,"1234,5",KZT,,,,,\n'),
        exp(6, "activity", "problem.unknown_activity"), 4,
        "Windows-1251, ';', decimal comma, Russian headers")
    add("koi8r_text_read_as_cp1251", P, pay("X1,2023-06-10,8.1,РБ,,100,KZT,,,,,", "koi8-r"),
        exp(6, "source", "problem.unknown_source"), 4,
        "a wrong encoding garbles Cyrillic: the source is unknown")
    add("utf16_without_bom", P, PAYMENTS.encode("utf-16-le"), exp(None, None, "load.not_text"),
        0, "UTF-16 without BOM looks binary")
    add("utf8_bom", P, b"\xef\xbb\xbf" + pay(BAD_ACTIVITY),
        exp(6, "activity", "problem.unknown_activity"), 4, "the BOM is not part of a header")
    add("tab_separated", P, pay(BAD_ACTIVITY).replace(b",", b"\t"),
        exp(6, "activity", "problem.unknown_activity"), 4)
    add("mixed_separators", P, russian(PAYMENTS, encoding="utf-8")
        + b"X1,2023-06-10,8.1,RB,,100,KZT,,,,,\r\n", exp(6, None, "load.ragged_row"), 4,
        "one ',' line in a ';' file")
    add("decimal_comma_with_thousands_dots", P,
        russian(PAYMENTS + "X1,2023-06-10,8.1,RB,,1.234.567.89,KZT,,,,,\n"),
        exp(6, "amount", "problem.bad_number"), 4, "1.234.567,89: refused, not guessed")
    add("thousands_commas_decimal_dot", P, pay('X1,2023-06-10,8.1,RB,,"1,234,567.89",KZT,,,,,'),
        exp(6, "amount", "problem.bad_number"), 4)
    add("crlf_line_ends", P, pay(BAD_ACTIVITY).replace(b"\n", b"\r\n"),
        exp(6, "activity", "problem.unknown_activity"), 4)
    add("blank_lines_keep_row_numbers", P, (HEADER + "\n\n" + "\n".join(ROWS) + "\n\n"
                                            + BAD_ACTIVITY + "\n").encode(),
        exp(8, "activity", "problem.unknown_activity"), 4, "row numbers count the blank lines")
    add("quoted_newline_in_a_note", P, (HEADER + "\n" + ROWS[0] + '"две\nстроки"\n'
                                        + "\n".join(ROWS[1:]) + "\n" + BAD_ACTIVITY
                                        + "\n").encode(),
        exp(6, "activity", "problem.unknown_activity"), 4,
        "rows are records (as Excel shows them), not lines")
    # whole files
    add("empty_file", P, b"", exp(None, None, "load.empty_file"), 0)
    add("header_only", P, (HEADER + "\n").encode(), exp(None, None, "load.no_rows", "warning"),
        0)
    add("missing_column", P, ("\n".join(",".join(c for i, c in enumerate(line.split(","))
                                                 if i != 5)
                                        for line in PAYMENTS.splitlines()) + "\n").encode(),
        exp(1, "amount", "problem.missing_columns"), 0, "no amount column: nothing can be used")
    add("duplicated_column", P, ("\n".join(line + "," + (line.split(",")[5] if i else "Сумма")
                                           for i, line in enumerate(PAYMENTS.splitlines()))
                                 + "\n").encode(),
        exp(1, "amount", "load.duplicate_column", "warning"), 4, "the first amount is used")
    add("xlsx_that_is_really_csv", X, pay(""), exp(None, None, "load.not_xlsx", file=X), 0)
    add("csv_that_is_really_xlsx", P, b"PK\x03\x04" + b"\x00" * 64,
        exp(None, None, "load.not_text"), 0)
    add("ragged_row", P, pay("X1,2023-06-10,8.1,RB,,100,KZT,,,,,,extra,fields"),
        exp(6, None, "load.ragged_row"), 4)
    # dates
    for name, bad in [("date_us_slashes", "03/05/2023"), ("date_in_words", "5 июня 2023"),
                      ("date_compact", "20230610"), ("date_excel_serial_as_text", "45087"),
                      ("date_impossible", "31.06.2023")]:
        add(name, P, pay(f"X1,{bad},8.1,RB,,100,KZT,,,,,"), exp(6, "date", "problem.bad_date"),
            4)
    add("dates_in_every_accepted_format", P, ("\n".join([
        HEADER, ROWS[0].replace("2023-06-10", "10.06.2023"),
        ROWS[1].replace("2023-07-04", "4.7.2023"),
        ROWS[2].replace("2023-07-20", "2023-07-20 00:00:00"),
        ROWS[3].replace("2023-07-25", "25.07.2023 09:30"), "X1,,8.1,RB,,100,KZT,,,,,"])
        + "\n").encode(), exp(6, "date", "problem.missing_value"), 4,
        "ISO, dd.mm.yyyy, d.m.yyyy, with times: all read")
    # amounts
    add("amount_with_tenge_sign", P, pay("X1,2023-06-10,8.1,RB,,1 000 ₸,KZT,,,,,"),
        exp(6, "amount", "problem.currency_sign"), 4)
    add("amount_with_dollar_sign", P, pay("X1,2023-07-04,4.2,UNICEF,,$100,USD,,,,,"),
        exp(6, "amount", "problem.currency_sign"), 4)
    add("negative_without_refund_of", P, pay("X1,2023-06-10,8.1,RB,,-100,KZT,,,,,"),
        exp(6, "amount", "problem.refund_without_ref"), 4)
    add("zero_amount", P, pay("X1,2023-06-10,8.1,RB,,0,KZT,,,,,"),
        exp(6, "amount", "problem.zero_amount", "warning"), 5, "a warning: the row counts")
    add("three_decimals", P, pay("X1,2023-06-10,8.1,RB,,100.005,KZT,,,,,"),
        exp(6, "amount", "problem.bad_number"), 4)
    add("empty_amount", P, pay("X1,2023-06-10,8.1,RB,,,KZT,,,,,"),
        exp(6, "amount", "problem.missing_value"), 4)
    # references
    add("unknown_activity", P, pay(BAD_ACTIVITY), exp(6, "activity", "problem.unknown_activity"),
        4)
    add("unknown_source", P, pay("X1,2023-06-10,8.1,ГБ,,100,KZT,,,,,"),
        exp(6, "source", "problem.unknown_source"), 4)
    add("money_on_unfunded_activity", P, pay("X1,2023-06-10,1.1,RB,,100,KZT,,,,,"),
        exp(6, "activity", "problem.no_funding"), 4)
    add("source_not_the_plans", P, pay("X1,2023-06-10,8.1,UNICEF,,100,KZT,,,,,"),
        exp(6, "source", "problem.wrong_source"), 4)
    add("duplicate_payment_id", P, pay("P2,2023-06-11,8.1,RB,,100,KZT,,,,,"),
        exp(6, "id", "problem.duplicate_id"), 4)
    add("refund_of_unknown_payment", P, pay("X1,2023-06-10,8.1,RB,,-100,KZT,,,,P404,"),
        exp(6, "refund_of", "problem.unknown_refund"), 4)
    add("unknown_currency", P, pay("X1,2023-06-10,8.1,RB,,100,QQQ,,,,,"),
        exp(6, "currency", "problem.unknown_currency"), 4)
    add("fx_gap", P, pay("X1,2023-01-20,4.2,UNICEF,,100,USD,,,,,"),
        exp(6, "date", "problem.missing_rate"), 4, "no USD rate within 10 days: never 1")
    add("fx_rate_from_the_weekend_before", P, pay("X1,2023-07-08,4.2,UNICEF,,100,USD,,,,,"),
        exp(6, "date", "problem.stale_rate", "warning"), 5)
    add("date_after_2025", P, pay("X1,2026-01-10,8.1,RB,,100,KZT,,,,,"),
        [exp(6, "date", "problem.outside_years", "warning"),
         exp(6, "date", "problem.no_budget_line")], 5,
        "outside the plan, and no budget for 2026: both said; the payment still counts")
    add("date_before_2023", P, pay("X1,2022-12-30,8.1,RB,,100,KZT,,,,,"),
        [exp(6, "date", "problem.outside_years", "warning"),
         exp(6, "date", "problem.no_budget_line")], 5)
    add("contract_of_unknown_lot", P, pay("X1,2023-06-10,7.1,RB,,100,KZT,,,L404,,"),
        exp(6, "contract", "problem.unknown_lot"), 4)
    add("payment_without_id", P, pay(",2023-06-10,8.1,RB,,100,KZT,,,,,"),
        exp(6, "id", "problem.missing_id"), 4)
    # the procurement register and the other budget files
    add("events_out_of_order", E, (EVENTS + "L1,2023-05-01,evaluation,,,,,,,,\n").encode(),
        exp(7, "status", "lifecycle.bad_step", file=E), 5,
        "an evaluation recorded with a date before the announcement")
    add("backward_stage", E, (EVENTS + "L1,2023-07-15,announced,,,,,,,,\n").encode(),
        exp(7, "status", "lifecycle.bad_step", file=E), 5)
    add("event_of_unknown_lot", E, (EVENTS + "L9,2023-07-15,announced,,,,,,,,\n").encode(),
        exp(7, "lot", "problem.unknown_lot", file=E), 5)
    add("event_unknown_status", E, (EVENTS + "L1,2023-07-15,signed,,,,,,,,\n").encode(),
        exp(7, "status", "problem.unknown_status", file=E), 5)
    add("lot_unknown_method", L, (LOTS + "L2,7.2,Канц,tender,100,KZT,149,,,\n").encode(),
        exp(3, "method", "problem.unknown_method", file=L), 1)
    add("budget_unknown_phase", B,
        (BUDGET + "2023,8.1,RB,161,planned,1,KZT,2023-03-01,,\n").encode(),
        exp(7, "phase", "problem.unknown_phase", file=B), 5)
    add("fx_zero_rate", F, (RATES + "2024-03-04,USD,0,1,NBK\n").encode(),
        exp(6, "rate", "problem.non_positive_rate", file=F), 4)
    add("financing_plan_month_13", FP, (b"year,month,kind,activity,source,specifics,amount\n"
                                        b"2023,6,payments,8.1,RB,161,5000000.50\n"
                                        b"2023,13,payments,8.1,RB,161,5\n"),
        exp(3, "month", "problem.bad_month", file=FP), 1)
    # line ends, Excel's sep= line, digits, ceilings, budget lines, quant, law
    add("cr_only_line_ends", P, pay(BAD_ACTIVITY).replace(b"\n", b"\r"),
        exp(6, "activity", "problem.unknown_activity"), 4, "Excel's 'CSV (Macintosh)'")
    add("lone_cr_inside_a_field", P, (HEADER + "\n" + ROWS[0] + "две\rстроки\n"
                                      + "\n".join(ROWS[1:]) + "\n" + BAD_ACTIVITY
                                      + "\n").encode(),
        exp(6, "activity", "problem.unknown_activity"), 4,
        "a carriage return inside an unquoted note stays in the note")
    add("excel_sep_line_semicolon", P, b"sep=;\r\n"
        + russian(PAYMENTS + BAD_ACTIVITY + "\n"),
        exp(6, "activity", "problem.unknown_activity"), 4,
        "the sep= line is honoured and hidden, as Excel does: the header is row 1")
    add("excel_sep_line_comma", P, b"sep=,\n" + pay(BAD_ACTIVITY),
        exp(6, "activity", "problem.unknown_activity"), 4)
    add("arabic_indic_digits", P, pay("X1,2023-06-10,8.1,RB,,١٠٠٠,KZT,,,,,"),
        exp(6, "amount", "problem.bad_number"), 4, "only ASCII digits are numbers")
    add("full_width_digits", P, pay("X1,2023-06-10,8.1,RB,,１０００,KZT,,,,,"),
        exp(6, "amount", "problem.bad_number"), 4)
    add("arabic_indic_digits_in_a_date", P, pay("X1,٢٠٢٣-٠٦-١٠,8.1,RB,,100,KZT,,,,,"),
        exp(6, "date", "problem.bad_date"), 4)
    add("amount_above_the_ceiling", P, pay("X1,2023-06-10,8.1,RB,,10000000000000.01,KZT,,,,,"),
        exp(6, "amount", "problem.amount_too_large"), 4, "above 10^13: a typing error")
    add("foreign_amount_above_the_ceiling_in_tenge", P,
        pay("X1,2023-07-04,4.2,UNICEF,,9000000000000,USD,,,,,"),
        exp(6, "amount", "problem.amount_too_large"), 4,
        "9·10^12 USD is below the ceiling, its tenge are not: never wraps around")
    add("payment_in_a_year_without_budget", P, pay("X1,2024-06-10,8.1,RB,161,100,KZT,,,,,"),
        exp(6, "date", "problem.no_budget_line"), 5,
        "the budget funds nothing for 8.1 in 2024: an error, the money still counts")
    add("payment_outside_the_activity_period", P,
        pay("X1,2023-08-10,8.1,RB,161,100,KZT,,,,,"),
        exp(6, "date", "problem.outside_activity_period", "warning"), 5)
    add("fx_quant_zero", F, (RATES + "2024-03-04,USD,470,0,NBK\n").encode(),
        exp(6, "quant", "problem.non_positive_quant", file=F), 4, "blamed on quant, not rate")
    add("fx_quant_negative", F, (RATES + "2024-03-04,USD,470,-1,NBK\n").encode(),
        exp(6, "quant", "problem.non_positive_quant", file=F), 4)
    add("fx_rate_above_the_ceiling", F, (RATES + "2024-03-04,USD,99999999999999,1,NBK\n"
                                         ).encode(),
        exp(6, "rate", "problem.amount_too_large", file=F), 4)
    add("event_amount_above_the_ceiling", E,
        (EVENTS + "L1,2023-07-15,amended,10000000000000.01,,,,,,,\n").encode(),
        exp(7, "amount", "problem.amount_too_large", file=E), 5)
    add("lot_estimate_above_the_ceiling", L,
        (LOTS + "L2,7.2,Канц,auction,10000000000000.01,KZT,149,,,\n").encode(),
        exp(3, "estimate", "problem.amount_too_large", file=L), 1)
    add("lot_unknown_law", L, (LOTS + "L2,7.2,Канц,auction,100,KZT,149,,,99-Z\n").encode(),
        exp(3, "law", "problem.unknown_law", "warning", file=L), 2)
    add("events_in_utf16_with_bom", E, b"\xff\xfe" + (EVENTS + "L1,2023-07-15,signed,,,,,,,,\n"
                                                      ).encode("utf-16-le"),
        exp(7, "status", "problem.unknown_status", file=E), 5)
    add("a_long_value_is_quoted_short", P,
        pay(f"X1,2023-06-10,{'9' * 5000}.1,RB,,100,KZT,,,,,"),
        exp(6, "activity", "problem.unknown_activity"), 4, "problems quote an excerpt")
    # built by the test (binary or large)
    generated("xlsx_extra_header_rows", X, exp(8, "activity", "problem.unknown_activity",
                                               file=X), 4, "two title rows above the header")
    generated("xlsx_merged_cells", X, exp(7, "activity", "problem.missing_value", file=X), 5,
              "a merged cell leaves the rows below it empty")
    generated("xlsx_formula_without_value", X, exp(6, "amount", "load.formula_no_value",
                                                   file=X), 4,
              "written by a program, never calculated")
    generated("field_over_the_csv_limit", P, exp(None, "activity", "problem.unknown_activity"),
              5, "a 20 MB note is read, not refused")
    generated("a_million_columns", P, exp(1, None, "load.too_many_columns"), 0,
              "refused before the rows are read: memory stays bounded")
    generated("link_out_of_the_data_folder", P, exp(None, None, "load.outside_folder"), 0,
              "never read, never quoted")
    generated("csv_and_xlsx_both_present", P, exp(None, None, "load.ambiguous_file"), 0,
              "which one is meant is not guessed")
    generated("csv_50_mb", P, exp(None, "activity", "problem.unknown_activity"), None,
              "50 MB of valid rows and one bad row at the end (row and count computed)")
    head = ("# The catalogue of bad inputs (issues 7, 10). Each case file goes to `as` in a valid\n"
            "# inline data folder (tests/conftest.py MONEY_FILES); loading must give exactly\n"
            "# `expect`, never a traceback, and keep `valid` rows of that file. `generated:`\n"
            "# cases are built by tests/test_bad_inputs.py. Written by make_cases.py.\n")
    (OUT / "cases.yaml").write_text(head + yaml.safe_dump({"cases": cases}, allow_unicode=True,
                                                          sort_keys=False, width=100),
                                    encoding="utf-8")
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
