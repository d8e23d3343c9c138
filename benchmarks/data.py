"""Deterministic benchmark data beside the example data (plan, budget, FX rates).

``make_folder(root, rows)`` copies ``mics_budget.config.DEFAULT_DATA_DIR`` and adds:

- ``rows`` payments (replacing the example payments): 95 % on the plan's funded activities
  that need no procurement (KZT for RB, USD for UNICEF, dates inside the activity's period),
  5 % naming a generated lot (five payments per lot, after its delivery, some above the
  contract);
- ``rows // 100`` lots on the procurement activities (so 10k lots for 1M payments), each with
  ten events in one of two lifecycles (a failed tender repeated, or amendments and closing),
  single bids, amendments above the threshold and repeated suppliers here and there, so that
  every rule of the red flags has rows to look at: 100k events for 1M payments.

Everything is vectorised (numpy + pyarrow) and seeded: the same ``rows`` gives the same bytes.
The library is used only to read the plan (activity ids, funding, periods).
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

PAYMENT_COLUMNS = ["id", "date", "activity", "source", "specifics", "amount", "currency",
                   "payee", "document", "contract", "refund_of", "note"]
EVENT_COLUMNS = ["lot", "date", "status", "amount", "bids", "supplier", "supplier_bin",
                 "document", "note", "recorded_by", "recorded_at"]
LOT_COLUMNS = ["lot", "activity", "title", "method", "estimate", "currency", "specifics",
               "planned_announce", "needed_by", "law"]
PROCUREMENT = ["7.1", "7.2", "7.3", "9.2"]
LIFECYCLES = (
    ("planned", "announced", "evaluation", "unsuccessful", "announced", "evaluation",
     "awarded", "contracted", "amended", "delivered"),
    ("planned", "announced", "evaluation", "awarded", "contracted", "amended", "amended",
     "delivered", "paid", "closed"),
)
EPOCH = np.datetime64("1970-01-01", "D")


def _plan():
    import mics_budget
    from mics_budget.config import DEFAULT_DATA_DIR

    return mics_budget.load(DEFAULT_DATA_DIR).plan


def _money(minor: np.ndarray) -> pa.Array:
    """Tiyn -> "1234.56" (exact)."""
    minor = pa.array(minor, pa.int64())
    whole = pc.cast(pc.divide(minor, 100), pa.string())
    frac = pc.utf8_lpad(pc.cast(pc.subtract(minor, pc.multiply(pc.divide(minor, 100), 100)),
                                pa.string()), 2, "0")
    return pc.binary_join_element_wise(whole, frac, ".")


def _dates(days: np.ndarray) -> pa.Array:
    return pc.cast(pa.array(days.astype("datetime64[D]"), pa.date32()), pa.string())


def _ids(prefix: str, start: int, count: int, width: int) -> pa.Array:
    numbers = pc.utf8_lpad(pc.cast(pa.array(np.arange(start, start + count), pa.int64()),
                                   pa.string()), width, "0")
    return pc.binary_join_element_wise(pa.scalar(prefix), numbers, "")


def _write(table: pa.Table, path: Path, header: bool = True, append: bool = False) -> None:
    options = pacsv.WriteOptions(include_header=False, quoting_style="none")
    if not append:
        with path.open("wb") as fh:
            if header:  # pyarrow quotes the header whatever the style: written by hand
                fh.write((",".join(table.column_names) + "\n").encode())
            pacsv.write_csv(table, fh, write_options=options)
        return
    text = path.read_bytes()
    # in the file's own columns and order (the registers gained columns over time: who and
    # when, event ids, portal links); the columns not generated stay empty
    header = text.split(b"\n", 1)[0].decode("utf-8-sig").strip().split(",")
    extra = [c for c in table.column_names if c not in header]
    if extra:
        raise ValueError(f"{path}: no column {extra} in the file")
    table = pa.table({c: table[c] if c in table.column_names else _const("", len(table))
                      for c in header})
    with path.open("ab") as fh:
        if text and not text.endswith(b"\n"):
            fh.write(b"\n")
        pacsv.write_csv(table, fh, write_options=options)


def _const(value: str, n: int) -> pa.Array:
    return pa.array(np.full(n, value, dtype=object), pa.string())


def payments_table(rows: int, lots: dict | None = None, seed: int = 1) -> pa.Table:
    """``rows`` payments; with ``lots`` (from :func:`lots_tables`), 5 % name a lot."""
    rng = np.random.default_rng(seed)
    plan = _plan()
    funded = [a for a in plan.activities if a.funding != "NONE" and not a.procurement]
    lot_rows = 0 if lots is None else min(rows, 5 * len(lots["ids"]))
    n = rows - lot_rows
    pick = rng.integers(0, len(funded), n)
    activity = np.array([a.id for a in funded], dtype=object)[pick]
    source = np.array([a.funding for a in funded], dtype=object)[pick]
    start = np.array([np.datetime64(a.period.start) for a in funded])[pick]
    span = np.array([(a.period.end - a.period.start).days for a in funded])[pick]
    day = start + (rng.random(n) * span).astype("timedelta64[D]")
    minor = rng.integers(1_000_00, 500_000_00, n)
    usd = source == "UNICEF"
    minor = np.where(usd, minor // 400, minor)
    currency = np.where(usd, "USD", "KZT").astype(object)
    contract = np.full(n, "", dtype=object)
    specifics = np.full(n, "161", dtype=object)
    if lot_rows:
        k = np.arange(lot_rows)
        lot = k // 5
        activity = np.concatenate([activity, lots["activity"][lot]])
        source = np.concatenate([source, np.full(lot_rows, "RB", dtype=object)])
        day = np.concatenate([day, lots["delivered"][lot] + (1 + k % 5).astype(
            "timedelta64[D]")])
        # a fifth of the contract each; every 25th lot is paid 10 % more than its contract
        share = lots["contract_minor"][lot] // 5
        share = np.where(lot % 25 == 7, share * 11 // 10, share)
        minor = np.concatenate([minor, share])
        currency = np.concatenate([currency, np.full(lot_rows, "KZT", dtype=object)])
        contract = np.concatenate([contract, lots["ids"][lot]])
        specifics = np.concatenate([specifics, np.full(lot_rows, "149", dtype=object)])
    # interleave the lot payments among the others (a stable, seeded order)
    order = rng.permutation(rows)
    day = day[order]
    return pa.table({
        "id": _ids("B", 0, rows, 8),
        "date": _dates(day),
        "activity": pa.array(activity[order], pa.string()),
        "source": pa.array(source[order], pa.string()),
        "specifics": pa.array(specifics[order], pa.string()),
        "amount": _money(minor[order]),
        "currency": pa.array(currency[order], pa.string()),
        "payee": _const("Получатель", rows),
        "document": _const("", rows),
        "contract": pa.array(contract[order], pa.string()),
        "refund_of": _const("", rows),
        "note": _const("", rows),
    })


def lots_tables(count: int, seed: int = 2) -> tuple[pa.Table, pa.Table, dict]:
    """``count`` lots with ten events each; also the facts the payments need."""
    rng = np.random.default_rng(seed)
    i = np.arange(count)
    ids = np.array([f"B-{x:06d}" for x in range(count)], dtype=object)
    activity = np.array(PROCUREMENT, dtype=object)[rng.integers(0, len(PROCUREMENT), count)]
    estimate = (rng.integers(500_000, 20_000_000, count) * 100).astype(np.int64)
    method = np.where(i % 2 == 0, "auction", "open_tender").astype(object)
    base = np.datetime64("2023-05-01") + (i % 40).astype("timedelta64[D]")
    lots = pa.table({
        "lot": pa.array(ids, pa.string()), "activity": pa.array(activity, pa.string()),
        "title": _const("Лот для замера", count), "method": pa.array(method, pa.string()),
        "estimate": _money(estimate), "currency": _const("KZT", count),
        "specifics": _const("149", count),
        "planned_announce": _dates(base + np.timedelta64(7, "D")),
        "needed_by": _dates(base + np.timedelta64(75, "D")), "law": _const("434-V", count),
    })
    # ten events per lot, a week apart; lifecycle 0 for even lots, 1 for odd ones
    steps = len(LIFECYCLES[0])
    lot = np.repeat(i, steps)
    step = np.tile(np.arange(steps), count)
    cycle = lot % 2
    status = np.where(cycle == 0, np.array(LIFECYCLES[0], dtype=object)[step],
                      np.array(LIFECYCLES[1], dtype=object)[step])
    day = base[lot] + (7 * step).astype("timedelta64[D]")
    contract = estimate * np.where(i % 10 == 3, 99, 90) // 100    # some near the estimate
    raise_ = np.where(i % 20 == 5, 130, 105)                     # some amendments above 20 %
    amended_once = contract * raise_ // 100
    amount_minor = np.zeros(len(lot), dtype=np.int64)
    is_contracted = status == "contracted"
    is_amended = status == "amended"
    amount_minor[is_contracted] = contract[lot[is_contracted]]
    first_amend = is_amended & ((cycle == 0) | (step == 5))
    amount_minor[first_amend] = amended_once[lot[first_amend]]
    second = is_amended & (cycle == 1) & (step == 6)
    amount_minor[second] = (amended_once * 102 // 100)[lot[second]]
    amount = np.where(amount_minor > 0, np.array(_money(amount_minor).to_pylist(),
                                                 dtype=object), "")
    bids = np.full(len(lot), "", dtype=object)
    bids[status == "awarded"] = np.where(lot[status == "awarded"] % 20 == 1, "1", "3")
    bids[status == "unsuccessful"] = "0"
    supplier = np.full(len(lot), "", dtype=object)
    named = (status == "awarded") | (status == "contracted")
    supplier[named] = np.array([f"ТОО «Поставщик {x % max(count // 3, 1)}»"
                                for x in lot[named]], dtype=object)
    note = np.where(status == "unsuccessful", "Нет заявок; повторная закупка", "").astype(object)
    events = pa.table({
        "lot": pa.array(ids[lot], pa.string()), "date": _dates(day),
        "status": pa.array(status, pa.string()), "amount": pa.array(amount, pa.string()),
        "bids": pa.array(bids, pa.string()), "supplier": pa.array(supplier, pa.string()),
        "supplier_bin": _const("", len(lot)), "document": _const("", len(lot)),
        "note": pa.array(note, pa.string()), "recorded_by": _const("bench", len(lot)),
        "recorded_at": _const("", len(lot)),
        "event_id": pa.array([f"{x}-{n + 1}" for x, n in zip(ids[lot], step, strict=True)],
                             pa.string()),
    })
    delivered_step = np.where(i % 2 == 0, LIFECYCLES[0].index("delivered"),
                              LIFECYCLES[1].index("delivered"))
    delivered = base + (7 * delivered_step).astype("timedelta64[D]")
    facts = {"ids": ids, "activity": activity, "delivered": delivered,
             "contract_minor": amended_once}
    return lots, events, facts


def make_folder(root: Path, rows: int, lots_per_100: bool = True) -> Path:
    """The example data folder with ``rows`` payments and ``rows // 100`` lots (10 events
    each) added; returns the folder (``root/data``)."""
    from mics_budget.config import DEFAULT_DATA_DIR

    folder = root / "data"
    shutil.copytree(DEFAULT_DATA_DIR, folder, ignore=shutil.ignore_patterns(".mics-cache"))
    facts = None
    count = rows // 100 if lots_per_100 else 0
    if count:
        lots, events, facts = lots_tables(count)
        _write(lots, folder / "procurement" / "lots.csv", header=False, append=True)
        _write(events, folder / "procurement" / "events.csv", header=False, append=True)
    _write(payments_table(rows, facts), folder / "budget" / "payments.csv")
    return folder


def write_payments_xlsx(path: Path, rows: int) -> None:
    """``rows`` payments (no lots) as an XLSX sheet as an accountant would keep it: dates as
    dates, amounts as numbers, the rest as text. openpyxl, write-only."""
    from openpyxl import Workbook

    table = payments_table(rows, None, seed=3).to_pydict()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("payments")
    sheet.append(PAYMENT_COLUMNS)
    dates = [datetime.fromisoformat(d) for d in table["date"]]
    amounts = [float(a) for a in table["amount"]]
    columns = [table[c] for c in PAYMENT_COLUMNS]
    for r in range(rows):
        row = [col[r] for col in columns]
        row[1], row[5] = dates[r], amounts[r]
        sheet.append([None if v == "" else v for v in row])
    workbook.save(path)


def make_xlsx_folder(root: Path, rows: int) -> tuple[Path, Path]:
    """The example data folder with its payments as a ``rows``-row XLSX; (folder, xlsx)."""
    from mics_budget.config import DEFAULT_DATA_DIR

    folder = root / "xlsx-data"
    shutil.copytree(DEFAULT_DATA_DIR, folder, ignore=shutil.ignore_patterns(".mics-cache"))
    (folder / "budget" / "payments.csv").unlink()
    target = folder / "budget" / "payments.xlsx"
    write_payments_xlsx(target, rows)
    return folder, target


AS_OF = date(2025, 12, 31)


if __name__ == "__main__":  # python benchmarks/data.py ROOT ROWS [--xlsx]: used by run_all
    import json
    import sys

    target, count = Path(sys.argv[1]), int(sys.argv[2])
    if "--xlsx" in sys.argv:
        made, xlsx = make_xlsx_folder(target, count)
        print(json.dumps({"folder": str(made), "xlsx": str(xlsx),
                          "bytes": xlsx.stat().st_size}))
    else:
        made = make_folder(target, count)
        print(json.dumps({
            "folder": str(made), "payments_rows": count, "lots_added": count // 100,
            "events_added": 10 * (count // 100),
            "payments_bytes": (made / "budget" / "payments.csv").stat().st_size,
            "events_bytes": (made / "procurement" / "events.csv").stat().st_size}))
