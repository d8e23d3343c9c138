"""Deterministic saved answers of the portal for ``count`` linked lots (issue 26).

``make_answers(folder, count)`` writes REST pages of the OWS v3 API (snake_case, as the
portal answers them) into ``folder``: per lot one announcement (``trd_buy``), its lot, three
bids, a contract and its amendment, an approved acceptance act and ten Treasury payments —
seven register events and ten payments per lot once imported. Pages hold 500 records, as
the portal's own pages do at most. ``register_lots(count)`` gives the register lines linking
``LOT-B00001`` … to them (open tenders on the procurement activities of the example plan).

Every id, BIN and amount is invented (``9901400000NN`` BINs, ids from 600,000,000); the same
``count`` always gives the same bytes. The tests use it too (the batch import equals the
lot-by-lot import on a small case).
"""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

CUSTOMER = "990140000010"
ACTIVITIES = ("7.1", "7.2", "7.3", "9.2")
SPECIFICS = {"7.1": "143", "7.2": "149", "7.3": "142", "9.2": "159"}
PAGE = 500
LOT_HEADER = ["lot", "activity", "title", "method", "estimate", "currency", "specifics",
              "planned_announce", "needed_by", "law", "recorded_by", "recorded_at",
              "portal_number", "portal_lot", "portal_contract"]


def _ids(i: int) -> dict[str, int]:
    return {"buy": 600_000_000 + i, "lot": 610_000_000 + i, "contract": 620_000_000 + 2 * i,
            "act": 640_000_000 + i, "app": 650_000_000 + 3 * i, "pay": 660_000_000 + 10 * i}


def _day(i: int) -> date:
    return date(2024, 1, 15) + timedelta(days=i % 300)


def _at(day: date, days: int = 0, clock: str = "10:00:00") -> str:
    return f"{(day + timedelta(days=days)).isoformat()} {clock}"


def _amount(i: int) -> int:
    return 1_000_000 + (i * 7919) % 9_000_000  # whole tenge, 1–10 million


def lot_name(i: int) -> str:
    return f"LOT-B{i:05d}"


def register_lots(count: int) -> list[dict[str, str]]:
    rows = []
    for i in range(1, count + 1):
        ids, day = _ids(i), _day(i)
        activity = ACTIVITIES[i % len(ACTIVITIES)]
        rows.append({
            "lot": lot_name(i), "activity": activity, "title": f"Закупка {i} (пример)",
            "method": "open_tender", "estimate": f"{_amount(i) + 50_000}.00",
            "currency": "KZT", "specifics": SPECIFICS[activity],
            "planned_announce": day.isoformat(),
            "needed_by": (day + timedelta(days=90)).isoformat(), "law": "434-V",
            "recorded_by": "bench", "recorded_at": "2023-12-01T10:00:00+05:00",
            "portal_number": f"{ids['buy']}-1", "portal_lot": f"{ids['lot']}-ОК1",
            "portal_contract": ""})
    return rows


def _records(i: int) -> dict[str, list[dict]]:
    ids, day, amount = _ids(i), _day(i), _amount(i)
    buy, lot, contract = ids["buy"], ids["lot"], ids["contract"]
    signed = day + timedelta(days=30)
    bids = [{"id": ids["app"] + k, "buy_id": buy, "supplier_id": 800_001 + k,
             "supplier_bin_iin": f"9901400000{k + 1:02d}", "prot_number": str(k + 1),
             "date_apply": _at(day, 5 + k, "11:00:00"),
             "app_lots": [{"id": ids["app"] + k, "app_id": ids["app"] + k, "lot_id": lot,
                           "point_list": [str(lot)], "status_id": 360,
                           "price": amount + 10_000 * k, "amount": amount + 10_000 * k,
                           "discount_value": 0, "discount_price": 0}]}
            for k in range(3)]
    base = {"trd_buy_id": buy, "trd_buy_number_anno": f"{buy}-1", "deleted": 0,
            "supplier_biin": "990140000001", "customer_bin": CUSTOMER, "fin_year": 2024,
            "ref_currency_code": "KZT", "system_id": 3}
    contracts = [
        {**base, "id": contract, "parent_id": 0, "root_id": contract,
         "ref_amendm_agreem_justif_id": [0], "ref_contract_status_id": 455,
         "crdate": _at(signed, -2), "contract_number": str(i),
         "contract_number_sys": f"{CUSTOMER}/{i:06d}/00", "contract_sum": amount,
         "contract_sum_wnds": amount, "sign_date": _at(signed, 0, "11:00:00"),
         "plan_exec_date": _at(signed, 40, "00:00:00"), "fakt_exec_date": None,
         "fakt_sum_wnds": 0, "contract_end_date": None, "ref_contract_type_id": 1},
        {**base, "id": contract + 1, "parent_id": contract, "root_id": contract,
         "ref_amendm_agreem_justif_id": [7], "ref_contract_status_id": 390,
         "crdate": _at(signed, 10), "contract_number": f"{i}/1",
         "contract_number_sys": f"{CUSTOMER}/{i:06d}/01", "contract_sum": amount + 20_000,
         "contract_sum_wnds": amount + 20_000, "sign_date": _at(signed, 11, "09:00:00"),
         "fakt_exec_date": _at(signed, 20, "09:00:00"), "fakt_sum_wnds": amount + 20_000,
         "contract_end_date": None, "ref_contract_type_id": 2}]
    act = {"id": ids["act"], "akt_date": _at(signed, 20, "15:00:00"),
           "number_act": f"A-{i:06d}", "approve_date": _at(signed, 22, "09:00:00"),
           "create_date_act": _at(signed, 20, "15:00:00"), "contract_root_id": contract,
           "contract_id": contract + 1, "status_id": 15, "is_deleted": 0,
           "day_overdue": None, "sum_fine": None, "sum_transfer": amount + 20_000,
           "status_name_ru": "утвержден", "type_act": 1, "parent_id": 0}
    share = (amount + 20_000) // 10
    payments = [{"id": ids["pay"] + k, "nom_za": f"EGZ-{i:06d}/{k:02d}",
                 "contract_id": contract, "dt_reg": f"{signed.isoformat()}T20:00:00Z",
                 "nom_uved": str(9_000_000 + i), "supplier": "ТОО «Пример»",
                 "nom_dog": str(i), "dt_dog": _at(signed, 0, "00:00:00"),
                 "type_bujet": "01", "fin_source": "1", "prepay_sum": 0,
                 "pay_description": "оплата по договору (пример)",
                 "pay_amount": share if k < 9 else amount + 20_000 - 9 * share,
                 "check_number": str(81_000_000 + 10 * i + k),
                 "pay_date": _at(signed, 23 + k, "00:00:00"),
                 "accounting_date": _at(signed, 23 + k, "00:00:00"), "system_id": 3}
                for k in range(10)]
    return {
        "trd_buy": [{"id": buy, "number_anno": f"{buy}-1", "name_ru": f"Закупка {i} (пример)",
                     "total_sum": amount + 50_000, "count_lots": 1,
                     "ref_trade_methods_id": 2, "ref_subject_type_id": 1,
                     "customer_bin": CUSTOMER, "org_bin": CUSTOMER,
                     "ref_buy_status_id": 350, "start_date": _at(day),
                     "end_date": _at(day, 17), "publish_date": _at(day, 0, "09:30:00"),
                     "itogi_date_public": _at(day, 24, "16:30:00"), "ref_type_trade_id": 1,
                     "parent_id": 0, "system_id": 3}],
        "lots": [{"id": lot, "lot_number": f"{lot}-ОК1", "ref_lot_status_id": 360,
                  "last_update_date": _at(day, 24, "16:30:00"), "count": 1,
                  "amount": amount + 50_000, "name_ru": f"Закупка {i} (пример)",
                  "customer_bin": CUSTOMER, "trd_buy_number_anno": f"{buy}-1",
                  "trd_buy_id": buy, "point_list": [lot], "ref_trade_methods_id": 2,
                  "system_id": 3}],
        "trd_app": bids, "contract": contracts, "acts": [act], "treasury_pay": payments}


def make_answers(folder: Path, count: int, first: int = 1) -> list[Path]:
    """Write the answers of lots ``first`` … ``first + count - 1`` as REST pages of at most
    500 records into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    kinds: dict[str, list[dict]] = {}
    for i in range(first, first + count):
        for kind, records in _records(i).items():
            kinds.setdefault(kind, []).extend(records)
    written = []
    for kind, records in kinds.items():
        for n, start in enumerate(range(0, len(records), PAGE), 1):
            items = records[start:start + PAGE]
            path = folder / f"{kind}_{n:04d}.json"
            path.write_text(json.dumps({"total": len(records), "limit": PAGE, "next_page": "",
                                        "items": items}, ensure_ascii=False), "utf-8")
            written.append(path)
    return written


def add_register_lots(data: Path, count: int) -> None:
    """Append the ``count`` linked lots to ``data/procurement/lots.csv`` (UTF-8, as the
    example's)."""
    path = data / "procurement" / "lots.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header == LOT_HEADER, header
    with path.open("a", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, LOT_HEADER, lineterminator="\n")
        writer.writerows(register_lots(count))


def make_case(root: Path, count: int) -> dict:
    """``root/data`` (the example data with ``count`` linked lots) and ``root/answers``."""
    import shutil

    from mics_budget.config import DEFAULT_DATA_DIR

    shutil.copytree(DEFAULT_DATA_DIR, root / "data", ignore=shutil.ignore_patterns(".mics-cache"))
    for lock in (root / "data").rglob("*.lock"):
        lock.unlink()
    add_register_lots(root / "data", count)
    files = make_answers(root / "answers", count)
    return {"lots": count, "files": len(files),
            "answers_bytes": sum(p.stat().st_size for p in files)}


if __name__ == "__main__":  # python benchmarks/portal_answers.py ROOT COUNT
    import sys

    print(json.dumps(make_case(Path(sys.argv[1]), int(sys.argv[2]))))
