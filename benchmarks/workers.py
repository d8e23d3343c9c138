"""One measurement per fresh process: ``python benchmarks/workers.py NAME ARGS…``.

Each prints one JSON line. In-process timings exclude the imports (done before the clock
starts); memory is the peak resident set of this process while the measured call ran
(the high-water mark is reset just before it through ``/proc/self/clear_refs``) minus the
resident set just before it. Cold, whole-process timings are taken by the parent (wall time
from start to exit); those workers print what they computed, as the CLI prints its answer.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _status(field: str) -> int:
    """A VmRSS/VmHWM figure of this process, bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


class Memory:
    """Peak resident bytes above the resident bytes at the start of the block."""

    def __enter__(self) -> Memory:
        gc.collect()
        self.reset = True
        try:
            Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to VmRSS
        except OSError:
            self.reset = False
        self.before = _status("VmRSS")
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start
        peak = _status("VmHWM") if self.reset else \
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        self.peak = peak
        self.delta = max(peak - self.before, 0)

    def as_json(self) -> dict:
        return {"seconds": self.seconds, "rss_before": self.before, "rss_peak": self.peak,
                "rss_delta": self.delta, "hwm_reset": self.reset}


def out(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, default=str) + "\n")


# --- load + validate, then (optionally) summary and flags in the same process --------------
def load(folder: str, more: str = "") -> None:
    """``mics_budget.load`` of the folder; with ``more=summary,flags`` then the summary by
    activity x month (as ``summary --by activity,month``) and the red flags; with ``cold``
    without the validated snapshots of ``.mics-cache/``."""
    import mics_budget
    from data import AS_OF
    from mics_budget.procurement.flags import red_flags

    if "cold" in more:  # without the validated snapshots (issue 26): parse and validate all
        os.environ["MICS_CACHE"] = "0"
    with Memory() as memory:
        project = mics_budget.load(Path(folder))
    answer = {"load": memory.as_json(), "problems": len(project.problems)}
    if "summary" in more:
        start = time.perf_counter()
        table = project.spending(AS_OF, ["activity", "month"])
        answer["summary_s"] = time.perf_counter() - start
        answer["summary_rows"] = len(table)
    if "flags" in more:
        start = time.perf_counter()
        flags = red_flags(project, AS_OF)
        answer["flags_s"] = time.perf_counter() - start
        answer["flags"] = len(flags)
    answer["process_peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    out(answer)


ARROW_TYPES = "text as string, date as date32, amount as decimal128(18, 2)"


def arrow(path: str) -> None:
    """The floor: ``pyarrow.csv.read_csv`` of the payments file with explicit column types:
    strings for text (not null), ``date`` as date32, ``amount`` as decimal128(18, 2)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    with Path(path).open(encoding="utf-8") as fh:
        header = fh.readline().strip().split(",")
    types = {name: pa.string() for name in header}
    types["date"] = pa.date32()
    types["amount"] = pa.decimal128(18, 2)
    convert = pacsv.ConvertOptions(column_types=types, strings_can_be_null=False,
                                   quoted_strings_can_be_null=False)
    with Memory() as memory:
        table = pacsv.read_csv(path, convert_options=convert)
    out({"load": memory.as_json(), "rows": table.num_rows, "types": ARROW_TYPES,
         "threads": pa.cpu_count()})


# --- DuckDB reading the same CSV files (cold: the parent times the whole process) ----------
def _duck():
    import duckdb

    return duckdb.connect()


SUMMARY_SQL = """
WITH payments AS (
  SELECT * FROM read_csv('{payments}', header = true, all_varchar = true)),
rates AS (
  SELECT date::DATE AS date, currency,
         round(rate::DECIMAL(18, 4) * 10000)::BIGINT AS rate_e4, quant::BIGINT AS quant
  FROM read_csv('{rates}', header = true, all_varchar = true) WHERE source = 'NBK'),
typed AS (
  SELECT source, activity, currency, date::DATE AS date,
         (amount::DECIMAL(18, 2) * 100)::BIGINT AS minor
  FROM payments),
converted AS (
  SELECT p.source, p.activity, strftime(p.date, '%Y-%m') AS month,
         CASE WHEN p.currency = 'KZT' THEN p.minor
              ELSE sign(p.minor) * floor((2 * abs(p.minor::HUGEINT * r.rate_e4)
                                          + r.quant * 10000) / (2 * r.quant * 10000)) END AS kzt
  FROM typed p ASOF LEFT JOIN rates r ON p.currency = r.currency AND p.date >= r.date
  WHERE p.date <= DATE '{as_of}'
    AND (p.currency = 'KZT' OR p.date - r.date <= 10))
SELECT source, activity, month, sum(kzt)::BIGINT AS paid
FROM converted GROUP BY ALL ORDER BY ALL"""


def duckdb_summary(folder: str, as_of: str) -> None:
    """Paid per source x activity x month, from the CSV files, with the as-of FX join
    (NBK, 10 days at most) and rounding half away from zero to the tiyn; prints the rows."""
    root = Path(folder)
    con = _duck()
    rows = con.execute(SUMMARY_SQL.format(payments=root / "budget" / "payments.csv",
                                          rates=root / "budget" / "fx_rates.csv",
                                          as_of=as_of)).fetchall()
    out({"rows": [[s, a, m, int(p)] for s, a, m, p in rows]})


FLAGS_SQL = """
WITH lots AS (SELECT * FROM read_csv('{lots}', header = true, all_varchar = true)),
events AS (SELECT lot, date::DATE AS date, status, try_cast(amount AS DECIMAL(18, 2)) AS amount,
                  try_cast(bids AS INTEGER) AS bids, supplier, note
           FROM read_csv('{events}', header = true, all_varchar = true)
           WHERE date::DATE <= DATE '{as_of}'),
payments AS (SELECT contract, amount::DECIMAL(18, 2) AS amount
             FROM read_csv('{payments}', header = true, all_varchar = true)
             WHERE contract <> '' AND date::DATE <= DATE '{as_of}'),
per_lot AS (
  SELECT lot, count(*) AS events, arg_max(status, date) AS stage, max(date) AS last,
         max(bids) AS bids, arg_max(amount, date) FILTER (WHERE amount IS NOT NULL) AS in_force,
         min(date) FILTER (WHERE status = 'announced') AS announced,
         max(date) FILTER (WHERE status = 'delivered') AS delivered,
         arg_max(supplier, date) FILTER (WHERE supplier <> '') AS supplier,
         bool_or(note <> '') AS noted
  FROM events GROUP BY lot),
paid AS (SELECT contract AS lot, sum(amount) AS paid FROM payments GROUP BY contract)
SELECT l.lot, l.method, l.estimate::DECIMAL(18, 2) AS estimate, e.*, p.paid
FROM lots l LEFT JOIN per_lot e USING (lot) LEFT JOIN paid p USING (lot)"""


def duckdb_flags(folder: str, as_of: str) -> None:
    """The floor of ``procurement flags``: the same three files read and grouped once (events
    and payments per lot, joined to the lots); prints the number of rows."""
    root = Path(folder)
    con = _duck()
    rows = con.execute(FLAGS_SQL.format(lots=root / "procurement" / "lots.csv",
                                        events=root / "procurement" / "events.csv",
                                        payments=root / "budget" / "payments.csv",
                                        as_of=as_of)).fetchall()
    out({"lots": len(rows)})


# --- XLSX ------------------------------------------------------------------------------------
def xlsx_ours(folder: str) -> None:
    import mics_budget

    os.environ["MICS_CACHE"] = "0"  # the XLSX read itself, not its validated snapshot
    with Memory() as memory:
        project = mics_budget.load(Path(folder))
    out({"load": memory.as_json(), "payments": len(project.payments),
         "problems": len(project.problems)})


def xlsx_calamine(path: str) -> None:
    from python_calamine import CalamineWorkbook

    with Memory() as memory:
        workbook = CalamineWorkbook.from_path(path)
        rows = workbook.get_sheet_by_index(0).to_python()
    out({"load": memory.as_json(), "rows": len(rows) - 1})


# --- the report's floor ------------------------------------------------------------------------
def report_floor(folder: str) -> None:
    """papermill executing an empty notebook (one empty code cell, kernel python3), then
    nbconvert's HTMLExporter on the result, in this one process."""
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    source, target = Path(folder) / "empty.ipynb", Path(folder) / "out.ipynb"
    nbformat.write(nb, source)
    papermill.execute_notebook(str(source), str(target), kernel_name="python3",
                               progress_bar=False)
    body, _ = HTMLExporter(exclude_input=True).from_notebook_node(
        nbformat.read(target, as_version=4))
    (Path(folder) / "out.html").write_text(body, encoding="utf-8")
    out({"html_bytes": len(body)})


if __name__ == "__main__":
    globals()[sys.argv[1]](*sys.argv[2:])
