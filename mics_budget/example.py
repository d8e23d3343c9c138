"""The bundled example data: invented but plausible amounts for the whole plan, 2023-2025,
to its end (the last records are of December 2025: the close-out report shows a whole plan).

``python -m mics_budget.example [DIR]`` rewrites ``DIR`` (default: the project's ``data/``)
deterministically. The plan files are left alone; ``EXAMPLE`` marks the folder as example data.
Every figure here is made up for demonstration: none is a real budget figure.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from .config import EXAMPLE_MARKER, DataDir
from .core.fileio import csv_text, write_text_files
from .core.months import spanned
from .core.schemas import EVENTS as EVENTS_SCHEMA
from .core.schemas import LOTS as LOTS_SCHEMA
from .ledger.plan import load_plan
from .ledger.spending import split_exact

SEED = 20230201
# activity: [(year, specifics, approved amount in its currency)]; UNICEF lines are in USD
LINES: dict[str, list[tuple[int, str, int]]] = {
    "2.1": [(2023, "159", 1_200_000)],
    "7.1": [(2023, "143", 9_800_000)],
    "7.2": [(2023, "149", 7_400_000)],
    "7.3": [(2023, "142", 2_400_000)],
    "8.1": [(2023, "161", 7_800_000)],
    "8.2": [(2023, "161", 2_100_000)],
    "8.3": [(2023, "161", 6_900_000)],
    "8.4": [(2023, "161", 1_900_000)],
    "9.2": [(2023, "159", 4_200_000)],
    "11.1": [(2024, "161", 18_500_000)],
    "11.2": [(2024, "161", 64_000_000), (2024, "153", 12_000_000)],
    "12.1": [(2024, "161", 27_000_000)],
    "13.1": [(2024, "161", 182_000_000), (2024, "152", 8_400_000)],
    "4.2": [(2023, "", 28_000)],
    "6.1": [(2023, "", 16_500)],
    "6.2": [(2023, "", 21_000)],
    "6.3": [(2025, "", 24_000)],
}
DECISIONS = {  # year of the line: (proposed, approved, adjusted) dates, document numbers
    2023: (date(2023, 2, 15), date(2023, 3, 1), date(2023, 9, 15)),
    2024: (date(2023, 5, 15), date(2023, 12, 1), date(2024, 6, 14)),
    2025: (date(2024, 5, 15), date(2024, 12, 2), date(2025, 4, 15)),
}
LOT_SPECS = {"LOT-2023-001": "143", "LOT-2023-002": "149", "LOT-2023-003": "142",
             "LOT-2023-004": "149", "LOT-2023-005": "159", "LOT-2023-006": "159",
             "LOT-2025-001": "159", "LOT-2025-002": "149"}
LOTS = [
    # lot, activity, title, method, estimate, planned_announce, needed_by, law
    ("LOT-2023-001", "7.1", "Форма с логотипом MICS", "open_tender", 9_800_000,
     date(2023, 5, 15), date(2023, 6, 25)),
    ("LOT-2023-002", "7.2", "Канцелярские товары и средства индивидуальной защиты", "auction",
     6_500_000, date(2023, 5, 20), date(2023, 6, 28)),
    ("LOT-2023-003", "7.3", "Аптечки первой помощи", "price_quotations", 2_400_000,
     date(2023, 5, 25), date(2023, 6, 30)),
    ("LOT-2023-004", "7.2", "Антисептик (отдельный лот)", "e_shop", 900_000,
     date(2023, 5, 15), date(2023, 6, 28)),
    ("LOT-2023-005", "9.2", "Перевод вопросников на казахский язык", "price_quotations",
     4_200_000, date(2023, 6, 15), date(2023, 8, 15)),
    ("LOT-2023-006", "9.2", "Перевод вопросников (из одного источника)", "single_source",
     2_800_000, date(2023, 8, 10), date(2023, 8, 31)),
    # after mid-2025 (nothing before July 2025 changes): still open when the plan ends
    ("LOT-2025-001", "9.2", "Перевод и вёрстка итогового отчёта на казахский язык",
     "price_quotations", 3_600_000, date(2025, 8, 15), date(2025, 10, 31)),
    ("LOT-2025-002", "7.2", "Архивные короба и канцелярские товары для архива", "auction",
     1_200_000, date(2025, 11, 10), date(2026, 1, 30)),
]
# lot, date, status, amount, bids, supplier, bin, note
EVENTS = [
    ("LOT-2023-001", date(2023, 4, 20), "planned", None, None, "", "", ""),
    ("LOT-2023-001", date(2023, 5, 15), "announced", None, None, "", "", ""),
    ("LOT-2023-001", date(2023, 6, 1), "evaluation", None, None, "", "", ""),
    ("LOT-2023-001", date(2023, 6, 8), "awarded", None, 1, "ТОО «Пример Текстиль»",
     "990140000001", ""),
    ("LOT-2023-001", date(2023, 6, 15), "contracted", 9_750_000, None, "ТОО «Пример Текстиль»",
     "990140000001", ""),
    ("LOT-2023-001", date(2023, 7, 10), "delivered", None, None, "", "", ""),
    ("LOT-2023-001", date(2023, 7, 20), "paid", None, None, "", "", ""),
    ("LOT-2023-001", date(2023, 7, 31), "closed", None, None, "", "", ""),
    ("LOT-2023-002", date(2023, 4, 20), "planned", None, None, "", "", ""),
    ("LOT-2023-002", date(2023, 5, 20), "announced", None, None, "", "", ""),
    ("LOT-2023-002", date(2023, 6, 5), "evaluation", None, None, "", "", ""),
    ("LOT-2023-002", date(2023, 6, 7), "unsuccessful", None, 0, "", "",
     "Нет заявок; повторная закупка"),
    ("LOT-2023-002", date(2023, 6, 12), "announced", None, None, "", "", "Повторная закупка"),
    ("LOT-2023-002", date(2023, 6, 27), "evaluation", None, None, "", "", ""),
    ("LOT-2023-002", date(2023, 6, 29), "awarded", None, 3, "ТОО «Пример Канц»",
     "990140000002", ""),
    ("LOT-2023-002", date(2023, 7, 3), "contracted", 5_720_000, None, "ТОО «Пример Канц»",
     "990140000002", ""),
    ("LOT-2023-002", date(2023, 7, 20), "amended", 6_400_000, None, "", "",
     "Дополнительные маски и перчатки"),
    ("LOT-2023-002", date(2023, 8, 5), "delivered", None, None, "", "", ""),
    ("LOT-2023-002", date(2023, 8, 15), "paid", None, None, "", "", ""),
    ("LOT-2023-002", date(2023, 8, 31), "closed", None, None, "", "", ""),
    ("LOT-2023-003", date(2023, 5, 2), "planned", None, None, "", "", ""),
    ("LOT-2023-003", date(2023, 5, 29), "announced", None, None, "", "", ""),
    ("LOT-2023-003", date(2023, 6, 5), "evaluation", None, None, "", "", ""),
    ("LOT-2023-003", date(2023, 6, 9), "awarded", None, 4, "ТОО «Пример Мед»",
     "990140000003", ""),
    ("LOT-2023-003", date(2023, 6, 16), "contracted", 2_150_000, None, "ТОО «Пример Мед»",
     "990140000003", ""),
    ("LOT-2023-003", date(2023, 6, 30), "delivered", None, None, "", "", ""),
    ("LOT-2023-003", date(2023, 7, 7), "paid", None, None, "", "", ""),
    ("LOT-2023-004", date(2023, 5, 1), "planned", None, None, "", "", ""),
    ("LOT-2023-004", date(2023, 5, 20), "cancelled", None, None, "", "",
     "Объединён с лотом LOT-2023-002"),
    ("LOT-2023-005", date(2023, 6, 1), "planned", None, None, "", "", ""),
    ("LOT-2023-005", date(2023, 6, 14), "announced", None, None, "", "", ""),
    ("LOT-2023-005", date(2023, 6, 26), "evaluation", None, None, "", "", ""),
    ("LOT-2023-005", date(2023, 6, 30), "awarded", None, 2, "ТОО «Пример Перевод»",
     "990140000004", ""),
    ("LOT-2023-005", date(2023, 7, 5), "contracted", 3_900_000, None, "ТОО «Пример Перевод»",
     "990140000004", ""),
    ("LOT-2023-005", date(2023, 8, 10), "terminated", None, None, "", "",
     "Расторгнут: срыв сроков перевода"),
    ("LOT-2023-006", date(2023, 8, 11), "planned", None, None, "", "", ""),
    ("LOT-2023-006", date(2023, 8, 11), "awarded", None, 1, "ИП «Пример Переводчик»",
     "900101300005", ""),
    ("LOT-2023-006", date(2023, 8, 14), "contracted", 2_730_000, None, "ИП «Пример Переводчик»",
     "900101300005", ""),
    ("LOT-2023-006", date(2023, 8, 30), "delivered", None, None, "", "", ""),
    ("LOT-2023-006", date(2023, 9, 8), "paid", None, None, "", "", ""),
    ("LOT-2025-001", date(2025, 7, 21), "planned", None, None, "", "", ""),
    ("LOT-2025-001", date(2025, 8, 27), "announced", None, None, "", "", ""),
    ("LOT-2025-001", date(2025, 9, 8), "evaluation", None, None, "", "", ""),
    ("LOT-2025-001", date(2025, 9, 12), "awarded", None, 3, "ТОО «Пример Перевод»",
     "990140000004", ""),
    ("LOT-2025-001", date(2025, 9, 22), "contracted", 3_350_000, None, "ТОО «Пример Перевод»",
     "990140000004", "Оплата после приёмки; бюджет 2025 г. не выделен"),
    ("LOT-2025-002", date(2025, 10, 20), "planned", None, None, "", "", ""),
    ("LOT-2025-002", date(2025, 11, 17), "announced", None, None, "", "", ""),
    ("LOT-2025-002", date(2025, 12, 2), "evaluation", None, None, "", "", ""),
]
LOT_PAYMENTS = [  # lot, date, amount
    ("LOT-2023-001", date(2023, 7, 20), 9_750_000),
    ("LOT-2023-002", date(2023, 8, 15), 6_400_000),
    ("LOT-2023-003", date(2023, 7, 7), 2_150_000),
    ("LOT-2023-005", date(2023, 7, 10), 1_170_000),
    ("LOT-2023-006", date(2023, 9, 8), 2_730_000),
]
#: activities finished late, after mid-2025 (nothing before July 2025 changes); the rest of
#: the plan is finished on the last day of its period
LATE = {"6.3": date(2025, 7, 18), "14.5": date(2025, 9, 26), "14.6": date(2025, 8, 15),
        "15.1": date(2025, 11, 28)}
NOT_DONE = {"15.2"}  # never finished: overdue when the plan ends


def _money(minor: int) -> str:
    return f"{minor // 100}.{minor % 100:02d}" if minor >= 0 else "-" + _money(-minor)


def _business_days(start: date, end: date) -> list[date]:
    days, day = [], start
    while day <= end:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def _rates(rng: random.Random) -> tuple[list[list[str]], dict[date, int]]:
    """NBK daily USD rates on business days (a random walk) and UNORE monthly rates."""
    rows, nbk, level = [], {}, 45_500  # hundredths of a tenge
    for day in _business_days(date(2022, 12, 1), date(2025, 12, 31)):
        drift = 3 if day.year == 2025 else (1 if day >= date(2024, 6, 1) else -0.5)
        level = max(40_000, int(level + drift + rng.gauss(0, 60)))
        nbk[day] = level
        rows.append([day.isoformat(), "USD", _money(level), "1", "NBK"])
    for year in (2023, 2024, 2025):
        for month in range(1, 13):
            first = date(year, month, 1)
            prior = max(d for d in nbk if d < first)
            rows.append([first.isoformat(), "USD", _money(nbk[prior] // 100 * 100), "1",
                         "UNORE"])
    return rows, nbk


def _months(activity, year: int) -> list[date]:
    months = [date(y, m, 1) for start, end in activity.period.intervals
              for y, m in spanned(start, end) if y == year]
    return months or [date(year, m, 1) for m in range(1, 13)]


def build(data: DataDir) -> dict[Path, str]:
    rng = random.Random(SEED)
    plan = load_plan(data)
    rate_rows, _ = _rates(rng)
    budget, payments, financing = [], [], []
    pay_no = 0

    def pay(day: date, activity: str, source: str, specifics: str, minor: int, currency: str,
            payee: str, contract: str = "", refund_of: str = "", note: str = "") -> str:
        nonlocal pay_no
        pay_no += 1
        pid = f"P-{day.year}-{pay_no:04d}"
        payments.append([pid, day.isoformat(), activity, source, specifics, _money(minor),
                         currency, payee, f"ПП-{pay_no:05d}", contract, refund_of, note])
        return pid

    lot_paid = {lot: (day, amount * 100) for lot, day, amount in LOT_PAYMENTS}
    for code, lines in LINES.items():
        activity = plan[code]
        source = activity.funding
        currency = "USD" if source == "UNICEF" else "KZT"
        for year, specifics, approved in lines:
            proposed_on, approved_on, adjusted_on = DECISIONS[year]
            proposed = round(approved * rng.uniform(1.05, 1.2), -3)
            adjusted = round(approved * rng.uniform(0.93, 1.06), -3 if currency == "KZT" else 1)
            for phase, day, amount, doc in (
                ("proposed", proposed_on, proposed, f"Бюджетная заявка {year}"),
                ("approved", approved_on, approved, f"Закон о республиканском бюджете {year}"),
                ("adjusted", adjusted_on, adjusted, f"Уточнение бюджета {year}"),
            ):
                budget.append([year, code, source, specifics, phase, _money(int(amount) * 100),
                               currency, day.isoformat(), doc, "Пример: сумма вымышлена"])
            months = _months(activity, year)
            if source == "RB" and year == 2024:  # the ИПФ exists for 2024 only
                for month, part in zip(months, split_exact(int(adjusted) * 100,
                                                           [1] * len(months)), strict=True):
                    financing.append([year, month.month, "payments", code, source, specifics,
                                      _money(part)])
            if activity.procurement:
                continue  # paid against the lots below
            share = rng.uniform(0.82, 0.97) if code != "13.1" else 0.78
            total = int(adjusted * share) * 100
            count = min(len(months) * 2, 4) if currency == "KZT" else 1
            for i, part in enumerate(split_exact(total, [rng.uniform(1, 2) for _ in
                                                         range(count)])):
                month = months[min(i * len(months) // count, len(months) - 1)]
                day = month + timedelta(days=rng.randint(3, 25))
                payee = "ЮНИСЕФ (выписка)" if source == "UNICEF" else "Командированные сотрудники"
                pay(day, code, source, specifics, part, currency, payee)
    refund_of = next(p[0] for p in payments if p[2] == "8.1")
    pay(date(2023, 7, 14), "8.1", "RB", "161", -185_000_00, "KZT", "Возврат неиспользованных "
        "командировочных", refund_of=refund_of, note="Возврат")
    lots = []
    for lot, code, title, method, estimate, planned, needed in LOTS:
        lots.append([lot, code, title, method, _money(estimate * 100), "KZT", LOT_SPECS[lot],
                     planned.isoformat(), needed.isoformat(), "434-V", "example",
                     f"{(planned - timedelta(days=30)).isoformat()}T18:00:00+05:00", "", "", ""])
        if lot in lot_paid:
            day, minor = lot_paid[lot]
            pay(day, code, "RB", LOT_SPECS[lot], minor, "KZT", title, contract=lot)
    seen: dict[str, int] = {}
    events = []
    for i, (lot, day, status, contract, bids, supplier, bin_, note) in enumerate(EVENTS):
        seen[lot] = seen.get(lot, 0) + 1
        events.append([lot, day.isoformat(), status,
                       "" if contract is None else _money(int(contract) * 100),
                       "" if bids is None else bids, supplier, bin_, f"Док-{i + 1:03d}", note,
                       "example", f"{day.isoformat()}T18:00:00+05:00", f"{lot}-{seen[lot]}",
                       "", ""])
    progress = [[a.id, LATE.get(a.id, a.period.end).isoformat(), a.completion_form, "Пример"]
                for a in plan.activities if a.id not in NOT_DONE]
    payments.sort(key=lambda p: (p[1], p[0]))
    return {
        data.root / EXAMPLE_MARKER: (
            "Example data: every amount, payment, rate, lot and supplier in this folder is "
            "invented for demonstration. The plan (plan/activities.csv) is the official one.\n"
            "Regenerate with: python -m mics_budget.example\n"),
        data.budget / "budget.csv": csv_text(
            ["year", "activity", "source", "specifics", "phase", "amount", "currency", "date",
             "document", "note"], budget),
        data.budget / "payments.csv": csv_text(
            ["id", "date", "activity", "source", "specifics", "amount", "currency", "payee",
             "document", "contract", "refund_of", "note"], payments),
        data.budget / "financing_plan.csv": csv_text(
            ["year", "month", "kind", "activity", "source", "specifics", "amount"], financing),
        data.budget / "fx_rates.csv": csv_text(["date", "currency", "rate", "quant", "source"],
                                               rate_rows),
        data.budget / "unicef_transfers.csv": unicef_transfers(payments),
        data.procurement / "lots.csv": csv_text(list(LOTS_SCHEMA.file_order), lots),
        data.procurement / "events.csv": csv_text(list(EVENTS_SCHEMA.file_order), events),
        data.progress_csv: csv_text(["activity", "completed_on", "evidence", "note"], progress),
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    data = DataDir.resolve(argv[0] if argv else None)
    for path in write_text_files(build(data)):
        print(path)
    return 0


# --- UNICEF's cash transfers (HACT) -------------------------------------------------------------
# reference, modality, date, period start, period end, activity, amount in USD (None: what
# was paid in the period), accepted (True: what was paid in the period; None: not reported)
TRANSFERS = [
    ("UNICEF-DCT-2023-01", "dct", date(2023, 6, 26), date(2023, 7, 1), date(2023, 9, 30), "4.2",
     30_000, True),
    ("UNICEF-REI-2023-01", "reimbursement", date(2023, 6, 28), date(2023, 4, 1),
     date(2023, 6, 30), "6.1", None, True),
    ("UNICEF-DP-2023-01", "direct_payment", date(2023, 10, 6), date(2023, 10, 1),
     date(2023, 12, 31), "6.2", None, True),
    ("UNICEF-DCT-2025-01", "dct", date(2024, 12, 20), date(2025, 1, 1), date(2025, 3, 31), "6.3",
     25_000, None),
]


def unicef_transfers(payments: list[list]) -> str:
    """``budget/unicef_transfers.csv``: two advances (one reported, one still open), a
    reimbursement and a direct payment, their amounts taken from the UNICEF payments of each
    period (``payments``: the rows of ``payments.csv`` as written)."""
    rows = []
    for reference, modality, day, start, end, activity, amount, accepted in TRANSFERS:
        paid = sum(int(Decimal(p[5]) * 100) for p in payments
                   if p[2] == activity and p[3] == "UNICEF"
                   and start.isoformat() <= p[1] <= end.isoformat())
        rows.append([day.isoformat(), reference, modality, start.isoformat(), end.isoformat(),
                     activity, _money(paid if amount is None else amount * 100), "USD",
                     _money(paid) if accepted else "", "Пример: сумма вымышлена"])
    return csv_text(["date", "reference", "modality", "period_start", "period_end", "activity",
                     "amount", "currency", "accepted", "note"], rows)


if __name__ == "__main__":
    sys.exit(main())
