"""Benchmark of the ledger: load + validate, and the summary by source x activity x month.

    python benchmarks/bench_ledger.py [--rows 1000000] [--repeat 3]

Generates ROWS payments (valid, in KZT and USD, on the plan's funded activities) beside the
example budget and rates in a temporary data folder, then times ``mics_budget.load`` and
``Project.spending(as_of, by=["activity", "month"])``. Targets (docs/benchmarks.md): load + validate
<= 10 s and summary <= 2 s for 1,000,000 rows on a 2-core machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import mics_budget  # noqa: E402
from mics_budget.config import DEFAULT_DATA_DIR  # noqa: E402


def make_payments(rows: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    plan = mics_budget.load(DEFAULT_DATA_DIR).plan
    funded = [a for a in plan.activities if a.funding != "NONE" and not a.procurement]
    pick = rng.integers(0, len(funded), rows)
    activity = np.array([a.id for a in funded])[pick]
    source = np.array([a.funding for a in funded])[pick]
    start = np.array([np.datetime64(a.period.start) for a in funded])[pick]
    span = np.array([(a.period.end - a.period.start).days for a in funded])[pick]
    day = start + (rng.random(rows) * span).astype("timedelta64[D]")
    minor = rng.integers(1_000_00, 500_000_00, rows)
    currency = np.where(source == "UNICEF", "USD", "KZT")
    minor = np.where(source == "UNICEF", minor // 400, minor)
    amount = [f"{m // 100}.{m % 100:02d}" for m in minor.tolist()]
    return pd.DataFrame({
        "id": [f"B{i:07d}" for i in range(rows)], "date": pd.to_datetime(day).strftime(
            "%Y-%m-%d"), "activity": activity, "source": source, "specifics": "161",
        "amount": amount, "currency": currency, "payee": "Получатель", "document": "",
        "contract": "", "refund_of": "", "note": ""})


def timed(func, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(DEFAULT_DATA_DIR, root)
        t0 = time.perf_counter()
        make_payments(args.rows).to_csv(root / "budget" / "payments.csv", index=False)
        generated = time.perf_counter() - t0
        size = (root / "budget" / "payments.csv").stat().st_size / 2**20
        load_s, project = timed(lambda: mics_budget.load(root), args.repeat)
        errors = sum(p.severity == "error" for p in project.problems)
        summary_s, table = timed(lambda: project.spending(date(2025, 12, 31),
                                                          by=["activity", "month"]),
                                 args.repeat)
    print(f"rows: {args.rows:,} payments ({size:.0f} MiB CSV, generated in {generated:.1f} s)")
    print(f"problems: {len(project.problems)} ({errors} errors); summary groups: {len(table)}")
    print(f"load + validate: {load_s:.2f} s (target <= 10 s)")
    print(f"summary by source x activity x month: {summary_s:.2f} s (target <= 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
