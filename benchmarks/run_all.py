"""`make bench`: the whole benchmark suite in one run, written to reports/bench.md.

For 10k, 100k and 1M payments (with proportional lots and events: one lot per 1,000
payments, seven events each) this measures, each size in a fresh process:

- load + validate (``mics_budget.load``) against a bare ``pyarrow.csv`` read of the same files;
- paid and committed by source x activity x month (``Project.spending``) against the same
  GROUP BY in DuckDB on the same parsed rows (with the same as-of FX join), and checks that
  both give the same figures;
- peak memory (max RSS of the process);

then the growth from 100k to 1M, and, unless ``--quick``, the monthly report against the
papermill floor and the dashboard's first chart against a bare Voila page (their own scripts).
Ratios are what counts: the machine is noisy.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}
TARGETS = {"load": 2.0, "summary": 1.5, "growth": 12.0, "memory_mb": 2048, "report": 1.5,
           "dashboard": 1.3}


from bench_ledger import timed as median_time  # noqa: E402


def make_folder(rows: int, root: Path) -> Path:
    """The example data folder with ``rows`` generated payments, lots and events."""
    import numpy as np
    import pandas as pd
    from bench_ledger import make_payments

    from mics_budget.config import DEFAULT_DATA_DIR

    folder = root / "data"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    payments = make_payments(rows)
    lots_count = max(rows // 1000, 1)
    rng = np.random.default_rng(2)
    lots = pd.DataFrame({
        "lot": [f"B-{i:05d}" for i in range(lots_count)],
        "activity": rng.choice(["7.1", "7.2", "7.3", "9.2"], lots_count), "title": "Лот",
        "method": "auction", "estimate": "1000000.00", "currency": "KZT", "specifics": "149",
        "planned_announce": "2023-05-01", "needed_by": "2023-07-01", "law": "434-V"})
    steps = [("announced", ""), ("evaluation", ""), ("awarded", ""),
             ("contracted", "900000.00"), ("delivered", ""), ("paid", ""), ("closed", "")]
    events = pd.DataFrame([
        {"lot": lot, "date": f"2023-06-{day + 1:02d}", "status": status, "amount": amount,
         "bids": "3" if status == "awarded" else "", "supplier": "", "supplier_bin": "",
         "document": "", "note": "", "recorded_by": "bench", "recorded_at": ""}
        for lot in lots["lot"] for day, (status, amount) in enumerate(steps)])
    original = pd.read_csv(folder / "procurement" / "lots.csv", dtype=str, keep_default_na=False)
    pd.concat([original, lots]).to_csv(folder / "procurement" / "lots.csv", index=False)
    original = pd.read_csv(folder / "procurement" / "events.csv", dtype=str,
                           keep_default_na=False)
    pd.concat([original, events]).to_csv(folder / "procurement" / "events.csv", index=False)
    payments.to_csv(folder / "budget" / "payments.csv", index=False)
    return folder


def duckdb_summary(project, as_of: date):
    """Paid and committed (payments naming no lot) per source x activity x month in DuckDB,
    converting USD with an ASOF join on the NBK rates (10 days at most), rounding half away
    from zero to the tiyn as the library does."""
    import duckdb

    payments = project.payments.loc[project.payments["valid"], [
        "date", "source", "activity", "currency", "amount_minor", "contract"]].astype(
        {"amount_minor": "int64"})
    rates = project.rates.loc[project.rates["source"] == "NBK",
                              ["date", "currency", "rate_e4", "quant"]]
    con = duckdb.connect()
    con.register("payments", payments)
    con.register("rates", rates)
    query = f"""
        WITH converted AS (
          SELECT p.source, p.activity, p.contract,
                 year(p.date) * 100 + month(p.date) AS month,
                 CASE WHEN p.currency = 'KZT' THEN p.amount_minor
                      ELSE sign(p.amount_minor * r.rate_e4) *
                           floor((2 * abs(p.amount_minor::HUGEINT * r.rate_e4)
                                  + r.quant * 10000) / (2 * r.quant * 10000)) END AS kzt
          FROM payments p ASOF LEFT JOIN rates r
            ON p.currency = r.currency AND p.date >= r.date
          WHERE p.date <= DATE '{as_of.isoformat()}'
            AND (p.currency = 'KZT' OR p.date - r.date <= INTERVAL 10 DAY))
        SELECT source, activity, month, sum(kzt)::BIGINT AS paid,
               sum(CASE WHEN contract = '' THEN kzt ELSE 0 END)::BIGINT AS direct
        FROM converted GROUP BY ALL ORDER BY ALL"""
    start = time.perf_counter()
    result = con.execute(query).df()
    return time.perf_counter() - start, result


def measure(size: str, repeat: int) -> dict:
    """One size, in this (fresh) process."""
    import pyarrow.csv as pacsv

    import mics_budget

    rows = SIZES[size]
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_folder(rows, Path(tmp))
        files = [p for sub in ("plan", "budget", "procurement")
                 for p in sorted((folder / sub).glob("*.csv"))]
        arrow_s, _ = median_time(lambda: [pacsv.read_csv(f) for f in files], repeat)
        load_s, project = median_time(lambda: mics_budget.load(folder), repeat)
        as_of = date(2025, 12, 31)
        summary_s, table = median_time(
            lambda: project.spending_minor(as_of, ["activity", "month"]), repeat)
        duck = [duckdb_summary(project, as_of) for _ in range(repeat)]
        duck_s = statistics.median(d[0] for d in duck)
        theirs = duck[0][1]
        ours = table.loc[table["paid"] != 0, ["source", "activity", "month", "paid"]]
        ours_keys = {(r.source, r.activity, int(r.month.replace("-", ""))): int(r.paid)
                     for r in ours.itertuples()}
        their_keys = {(r.source, r.activity, int(r.month)): int(r.paid)
                      for r in theirs.itertuples() if r.paid != 0}
        equal = ours_keys == their_keys
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"size": size, "rows": rows, "arrow_s": arrow_s, "load_s": load_s,
            "summary_s": summary_s, "duckdb_s": duck_s, "equal": equal, "peak_mb": peak_mb,
            "groups": len(ours_keys)}


def run_script(name: str) -> str:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / name)],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    return result.stdout.strip() or result.stderr.strip()[-400:]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="skip the report and dashboard")
    parser.add_argument("--sizes", default="10k,100k,1M")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.repeat)))
        return 0
    started = time.perf_counter()
    results = []
    for size in args.sizes.split(","):
        out = subprocess.run([sys.executable, __file__, "--one", size, "--repeat",
                              str(args.repeat)], capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(f"{size}: done", file=sys.stderr)
    lines = ["# Benchmarks", "", f"Run on {date.today().isoformat()}, "
             f"{subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} "
             "cores; medians of "
             f"{args.repeat} runs. Targets: load ≤ {TARGETS['load']} × pyarrow, summary ≤ "
             f"{TARGETS['summary']} × DuckDB, growth 1M/100k ≤ {TARGETS['growth']}, peak "
             f"memory at 1M < {TARGETS['memory_mb']} MB.", "",
             "| payments | pyarrow read | load + validate | ratio | summary | DuckDB | ratio "
             "| same figures | peak memory |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |"]
    for r in results:
        lines.append(
            f"| {r['rows']:,} | {r['arrow_s']:.2f} s | {r['load_s']:.2f} s | "
            f"{r['load_s'] / r['arrow_s']:.1f} × | {r['summary_s']:.3f} s | "
            f"{r['duckdb_s']:.3f} s | {r['summary_s'] / r['duckdb_s']:.1f} × | "
            f"{'yes' if r['equal'] else 'NO'} ({r['groups']} groups) | {r['peak_mb']:.0f} MB |")
    by_size = {r["size"]: r for r in results}
    if "100k" in by_size and "1M" in by_size:
        big, small = by_size["1M"], by_size["100k"]
        lines += ["", f"Growth 100k → 1M: load {big['load_s'] / small['load_s']:.1f} ×, "
                  f"summary {big['summary_s'] / small['summary_s']:.1f} × (target ≤ "
                  f"{TARGETS['growth']})."]
    if not args.quick:
        lines += ["", "## Monthly report", "", "```", run_script("bench_report.py"), "```",
                  "", "## Dashboard", "", "```", run_script("bench_dashboard.py"), "```"]
    lines += ["", f"Whole suite: {time.perf_counter() - started:.0f} s."]
    text = "\n".join(lines) + "\n"
    target = ROOT / "reports" / "bench.md"
    target.parent.mkdir(exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
