"""`make bench`: every path of issues 12 and 26 measured side by side with its floor, in one run
(the goals are issue 26's).

    python benchmarks/run_all.py            # the whole suite (make bench), well under 30 min
    python benchmarks/run_all.py --quick    # small sizes, fewer runs (make bench-quick)
    python benchmarks/run_all.py --only help,ledger --repeat 3

Each path is measured ``--repeat`` times (5 by default; after one dropped warm-up round),
interleaved with its floor so that a noisy moment of the (shared, 2-core) machine hits both;
the table gives medians, the ratio of the medians, min and median, and the goal. Cold paths
run in a fresh process each time (wall time from process start to exit); load + validate is
timed inside a fresh process (imports excluded, as for the pyarrow floor). A measurement
that fails is reported as failed; the run goes on.

Writes ``reports/bench.json`` (every number, every run, the machine) and ``reports/bench.md``
(``reports/bench-quick.*`` with ``--quick``). Benchmarks are not tests: nothing here fails a
build.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import itertools

import harness
from harness import BIN, PYTHON, ROOT, Failed, Series, alternate

AS_OF = "2025-12-31"
REPORT_MONTH = "2025-06"
SECTIONS = ("help", "import", "ledger", "xlsx", "report", "dashboard", "register")
GROWTH_LIMIT = 12.0


@dataclass
class Row:
    """One line of the table: ours against a floor (or alone) and the goal."""

    key: str
    path: str
    unit: str                  # "s", "ms" or "× file"
    goal_kind: str             # "ratio" (ours / floor), "abs" (ours) or "check"
    limit: float | None
    floor_name: str = ""
    ours: Series | None = None
    floor: Series | None = None
    note: str = ""
    error: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.ours and self.floor and self.ours.values and self.floor.values \
                and self.floor.median:
            return self.ours.median / self.floor.median
        return None

    @property
    def ratio_min(self) -> float | None:
        if self.ours and self.floor and self.ours.values and self.floor.values \
                and self.floor.min:
            return self.ours.min / self.floor.min
        return None

    @property
    def passed(self) -> bool | None:
        if self.error is not None:
            return None
        if self.goal_kind == "check":
            return bool(self.extra.get("ok"))
        if self.goal_kind == "ratio":
            return None if self.ratio is None else self.ratio <= self.limit
        if not self.ours or not self.ours.values:
            return None
        return self.ours.median <= self.limit

    @property
    def goal(self) -> str:
        if self.goal_kind == "check":
            return "equal"
        if self.goal_kind == "ratio":
            return f"≤ {self.limit:g}× {self.floor_name}"
        return f"≤ {fmt(self.limit, self.unit)}"

    def as_json(self) -> dict:
        return {"key": self.key, "path": self.path, "unit": self.unit, "goal": self.goal,
                "goal_kind": self.goal_kind, "limit": self.limit, "floor": self.floor_name,
                "ours": self.ours.as_json() if self.ours else None,
                "floor_runs": self.floor.as_json() if self.floor else None,
                "ratio_of_medians": self.ratio, "ratio_of_mins": self.ratio_min,
                "passed": self.passed, "error": self.error, "note": self.note,
                **({"extra": self.extra} if self.extra else {})}


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value * 1000:.0f} ms"
    if unit == "s":
        return f"{value:.3f} s" if value < 1 else f"{value:.2f} s"
    if unit == "× file":
        return f"{value:.2f}× file"
    return f"{value:g}"


def human(n: int) -> str:
    """10000 -> 10k, 1000000 -> 1M, 150 -> 150."""
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if n >= size and n % size == 0:
            return f"{n // size}{suffix}"
    return f"{n:,}"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def guarded(rows: list[Row], *keys: tuple[str, str, str, str, float | None, str]):
    """A decorator: run a section; if it raises, each of its rows is reported as failed."""
    def wrap(func):
        def run(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except Exception as exc:  # a failed measurement is a row, not a crash
                detail = f"{type(exc).__name__}: {exc}"[:300] if not isinstance(
                    exc, Failed) else str(exc)[:300]
                log(f"FAILED {func.__name__}: {detail}")
                traceback.print_exc(file=sys.stderr)
                done = {r.key for r in rows}
                for key, path, unit, kind, limit, floor in keys:
                    if key not in done:
                        rows.append(Row(key, path, unit, kind, limit, floor, error=detail))
                return None
        return run
    return wrap


# --- measurements ------------------------------------------------------------------------------
def cold(command: list[str], last: dict, name: str, timeout: float = 900) -> float:
    result = harness.run(command, timeout=timeout)
    last[name] = result
    return result.wall


def measure_help(ctx: dict, rows: list[Row]) -> None:
    @guarded(rows, ("help", "`mics-budget --help`", "s", "abs", 0.2, "`python -c pass`"))
    def help_() -> None:
        last: dict = {}
        runs = alternate({
            "ours": lambda: cold([str(BIN / "mics-budget"), "--help"], last, "ours"),
            "floor": lambda: cold([PYTHON, "-c", "pass"], last, "floor"),
        }, 2 * ctx["repeat"], warmup=1)
        rows.append(Row("help", "`mics-budget --help`", "s", "abs", 0.2, "`python -c pass`",
                        runs["ours"], runs["floor"],
                        note="absolute goal on the whole command; `python -c pass` beside it"))
    help_()


IMPORT_LIMIT_10K = 60.0  # seconds for 10,000 linked lots (issue 26)
IMPORT_MEMORY = 3.0  # × the answers' bytes
IMPORT_DRY_LIMIT = 3.0  # seconds for a dry run of 300 lots


def measure_import(ctx: dict, rows: list[Row]) -> None:
    """``import goszakup`` of generated answers (7 events + 10 payments per linked lot) at
    sizes ×10 apart, each run on a fresh copy of its folder, beside the floor: a fresh Python
    that ``json.load``s the same files. Memory: the import's peak RSS less that of a process
    that only imports the importer, over the answers' bytes."""
    sizes = [100, 1_000] if ctx["quick"] else [100, 1_000, 10_000]
    keys = {100: "import_100", 1_000: "import_1k", 10_000: "import_10k"}
    specs = [(keys[n], f"`import goszakup`, {n:,} linked lots", "s", "abs",
              IMPORT_LIMIT_10K, "`json.load` of the answers") for n in sizes]
    specs += [("import_growth", "`import goszakup`: growth per 10× lots", "", "check", None,
               ""),
              ("import_memory", f"`import goszakup` memory, {human(sizes[-1])} lots",
               "× file", "abs", IMPORT_MEMORY, ""),
              ("import_dry", "`import goszakup --dry-run`, 300 lots", "s", "abs",
               IMPORT_DRY_LIMIT, "`json.load` of the answers")]

    @guarded(rows, *specs)
    def run() -> None:
        base = Path(ctx["tmp"]) / "import"
        script = str(ROOT / "benchmarks" / "portal_answers.py")
        medians: dict[int, float] = {}
        cases: dict[int, tuple[Path, dict]] = {}
        for n in [*sizes, 300]:
            root = base / str(n)
            info = json.loads(harness.run([PYTHON, script, str(root), str(n)],
                                          timeout=1800).stdout.strip().splitlines()[-1])
            cases[n] = (root, info)
        floor_code = ("import json, pathlib, sys\n"
                      "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.json')):\n"
                      "    json.loads(p.read_bytes())")
        peaks: list[float] = []

        def ours(n: int, dry: bool = False) -> float:
            root = cases[n][0]
            work = root / "run"
            shutil.rmtree(work, ignore_errors=True)
            shutil.copytree(root / "data", work)
            result = harness.run([str(BIN / "mics-budget"), "import", "goszakup",
                                  str(root / "answers"), "--data", str(work), "--bin",
                                  "990140000010", "--format", "json",
                                  *(["--dry-run"] if dry else [])], timeout=1800)
            totals = json.loads(result.stdout)["totals"]
            if totals["events"] != 7 * n or totals["payments"] != 10 * n or totals["problems"]:
                raise Failed(f"{n} lots: unexpected totals {totals}")
            if n == sizes[-1] and not dry:
                peaks.append(result.peak_tree_rss)
            return result.wall

        def floor(n: int) -> float:
            return harness.run([PYTHON, "-c", floor_code, str(cases[n][0] / "answers")]).wall

        for n in sizes:
            repeat = max(2, ctx["repeat"] // 2) if n >= 10_000 else ctx["repeat"]
            runs = alternate({"ours": lambda n=n: ours(n), "floor": lambda n=n: floor(n)},
                             repeat, warmup=0 if n >= 10_000 else 1)
            medians[n] = runs["ours"].median
            rows.append(Row(keys[n], f"`import goszakup`, {n:,} linked lots "
                            f"({7 * n:,} events, {10 * n:,} payments)", "s", "abs",
                            IMPORT_LIMIT_10K, "`json.load` of the answers", runs["ours"],
                            runs["floor"],
                            note=f"answers {cases[n][1]['answers_bytes'] / 2**20:.1f} MiB in "
                                 f"{cases[n][1]['files']} pages; a fresh copy of the folder "
                                 "per run (the import writes)"))
        steps = [(a, b, medians[b] / medians[a]) for a, b in itertools.pairwise(sizes)]
        ok = all(f <= GROWTH_LIMIT * (b / a) / 10 for a, b, f in steps)
        rows.append(Row("import_growth", "`import goszakup`: growth per 10× lots", "",
                        "check", None, extra={"ok": ok, "steps": steps},
                        note="; ".join(f"{human(a)} → {human(b)} lots: {f:.1f}×"
                                       for a, b, f in steps)
                        + f" (goal ≤ {GROWTH_LIMIT:g}× per 10×)"))
        bare = Series([float(harness.run([PYTHON, "-c", "import mics_budget.portal.importer"]
                                         ).peak_tree_rss) for _ in range(2)])
        size = cases[sizes[-1]][1]["answers_bytes"]
        rows.append(Row("import_memory", f"`import goszakup` memory, {human(sizes[-1])} lots",
                        "× file", "abs", IMPORT_MEMORY, "",
                        Series([(p - bare.min) / size for p in peaks]),
                        note=f"peak RSS {max(peaks) / 2**20:,.0f} MiB less "
                             f"{bare.min / 2**20:,.0f} MiB of the imports, over "
                             f"{size / 2**20:.1f} MiB of answers"))
        runs = alternate({"ours": lambda: ours(300, dry=True), "floor": lambda: floor(300)},
                         ctx["repeat"], warmup=1)
        rows.append(Row("import_dry", "`import goszakup --dry-run`, 300 lots (whole command)",
                        "s", "abs", IMPORT_DRY_LIMIT, "`json.load` of the answers",
                        runs["ours"], runs["floor"]))
    run()


def make_data(root: Path, rows: int, xlsx: bool = False) -> dict:
    """Generate a data folder in a fresh process (the memory of the generation is not ours)."""
    command = [PYTHON, str(ROOT / "benchmarks" / "data.py"), str(root), str(rows)]
    started = time.perf_counter()
    result = harness.run([*command, *(["--xlsx"] if xlsx else [])], timeout=1800)
    info = json.loads(result.stdout.strip().splitlines()[-1])
    info["generated_s"] = time.perf_counter() - started
    return info


def ledger_size(ctx: dict, label: str, rows_count: int, repeat: int, warmup: int) -> dict:
    """Load (+ summary and flags) against the typed pyarrow read, for one size."""
    size_root = Path(tempfile.mkdtemp(prefix=f"size-{label}-", dir=ctx["tmp"]))
    try:
        return _ledger_size(ctx, label, rows_count, repeat, warmup, size_root)
    except BaseException:
        shutil.rmtree(size_root, ignore_errors=True)
        raise


def _ledger_size(ctx: dict, label: str, rows_count: int, repeat: int, warmup: int,
                 size_root: Path) -> dict:
    log(f"ledger {label}: generating {rows_count:,} payments")
    info = make_data(size_root, rows_count)
    folder = Path(info["folder"])
    payments = folder / "budget" / "payments.csv"
    log(f"ledger {label}: {info['payments_bytes'] / 2**20:.0f} MiB of payments in "
        f"{info['generated_s']:.0f} s; measuring")
    answers: dict[str, list[dict]] = {"ours": [], "floor": []}

    def ours() -> float:
        answer = harness.worker("load", folder, "summary,flags", timeout=1800)
        answers["ours"].append(answer)
        return answer["load"]["seconds"]

    def floor() -> float:
        answer = harness.worker("arrow", payments, timeout=600)
        answers["floor"].append(answer)
        return answer["load"]["seconds"]

    def cold_load() -> float:
        return harness.worker("load", folder, "cold", timeout=1800)["load"]["seconds"]

    runs = alternate({"ours": ours, "floor": floor, "cold": cold_load}, repeat, warmup=warmup)
    kept_ours, kept_floor = answers["ours"][warmup:], answers["floor"][warmup:]
    size = info["payments_bytes"]
    out = {
        "label": label, "data": info, "folder": folder, "root": size_root,
        "load": runs["ours"], "arrow": runs["floor"], "load_cold": runs["cold"],
        "summary": Series([a["summary_s"] for a in kept_ours]),
        "flags": Series([a["flags_s"] for a in kept_ours]),
        "mem_ours": Series([a["load"]["rss_delta"] / size for a in kept_ours]),
        "mem_floor": Series([a["load"]["rss_delta"] / size for a in kept_floor]),
        "peak_ours": Series([a["process_peak"] for a in kept_ours]),
        "peak_tree": Series([a["tree_rss"] for a in kept_ours]),
        "peak_floor": Series([a["load"]["rss_peak"] for a in kept_floor]),
        "flags_count": kept_ours[-1]["flags"], "problems": kept_ours[-1]["problems"],
        "summary_rows": kept_ours[-1]["summary_rows"], "arrow_types": kept_floor[-1]["types"],
        "hwm_reset": kept_ours[-1]["load"]["hwm_reset"],
    }
    log(f"ledger {label}: load {out['load'].median:.2f} s, pyarrow {out['arrow'].median:.3f} s, "
        f"summary {out['summary'].median:.2f} s, flags {out['flags'].median:.2f} s")
    return out


def growth_step(ctx: dict, label: str, count: int, repeat: int, warmup: int,
                growth: list[dict]) -> dict | None:
    """One size of the growth curve; a failure is recorded in ``growth``, not raised."""
    if count >= 10_000_000:
        free = shutil.disk_usage(ctx["tmp"]).free
        if free < 4 * 2**30:
            growth.append({"label": label, "rows": count,
                           "error": f"skipped: {free / 2**30:.1f} GiB free on disk"})
            return None
    try:
        result = ledger_size(ctx, label, count, repeat, warmup)
    except Exception as exc:
        detail = str(exc)[:300] if isinstance(exc, Failed) else \
            f"{type(exc).__name__}: {exc}"[:300]
        log(f"FAILED growth {label}: {detail}")
        growth.append({"label": label, "rows": count, "error": detail})
        return None
    growth.append(result)
    return result


def growth_large(ctx: dict, growth: list[dict]) -> None:
    """The sizes of 10M payments and more, after everything else (the longest step)."""
    for label, count in ctx["sizes"]:
        if count >= 10_000_000:
            result = growth_step(ctx, label, count, ctx["repeat_large"], 0, growth)
            if result is not None:
                shutil.rmtree(result["root"], ignore_errors=True)


def paid_of_cli(stdout: str) -> dict:
    doc = json.loads(stdout)
    return {(r["source"], r["activity"], r["month"]): round(r["paid"] * 100)
            for r in doc["rows"] if r["paid"]}


def paid_of_duckdb(stdout: str) -> dict:
    doc = json.loads(stdout.strip().splitlines()[-1])
    return {(s, a, m): p for s, a, m, p in doc["rows"] if p}


def measure_ledger(ctx: dict, rows: list[Row], growth: list[dict]) -> None:
    main_label, _main_rows = ctx["main"]
    repeat, warmup = ctx["repeat"], 1
    main: dict = {}

    keys_load = [("load", f"load, {main_label} payments (CSV), warm: from the snapshots",
                  "s", "ratio", 1.5, "typed pyarrow read"),
                 ("load_cold", f"load + validate, {main_label} payments (CSV), cold", "s",
                  "ratio", 3.0, "typed pyarrow read"),
                 ("memory", f"memory while loading, {main_label} payments", "× file", "abs",
                  3.0, "pyarrow")]

    for label, count in ctx["sizes"]:
        if count >= 10_000_000:
            continue  # measured last (growth_large): the table comes first
        result = growth_step(ctx, label, count, repeat, warmup, growth)
        if result is not None and label == main_label:
            main.update(result)
        elif result is not None:
            shutil.rmtree(result["root"], ignore_errors=True)

    if not main:
        why = next((g["error"] for g in growth if g.get("label") == main_label
                    and "error" in g), "no data folder")
        for key, path, unit, kind, limit, floor in keys_load:
            rows.append(Row(key, path, unit, kind, limit, floor, error=why))
        rows.append(Row("summary", "`summary --by activity,month` cold CLI", "s", "ratio", 1.5,
                        "DuckDB", error=why))
        rows.append(Row("flags", "`procurement flags` cold CLI", "s", "abs", 2.0,
                        "DuckDB, grouped once", error=why))
        return
    size = main["data"]["payments_bytes"]
    rows.append(Row("load_cold", keys_load[1][1], "s", "ratio", 3.0, "typed pyarrow read",
                    main["load_cold"], main["arrow"],
                    note="as the warm row, with MICS_CACHE=0: every file parsed and validated"))
    rows.append(Row("load", keys_load[0][1], "s", "ratio", 1.5, "typed pyarrow read",
                    main["load"], main["arrow"],
                    note=f"in a fresh process, imports excluded; floor: pyarrow.csv.read_csv "
                         f"of payments.csv ({size / 2**20:.0f} MiB; {main['arrow_types']}); "
                         "ours loads the whole folder (plan, budget, rates, "
                         f"{main['data']['lots_added']:,} lots, "
                         f"{main['data']['events_added']:,} events too)"))
    rows.append(Row("memory", keys_load[2][1], "× file", "abs", 3.0, "pyarrow",
                    main["mem_ours"], main["mem_floor"],
                    note="peak RSS while loading minus RSS before (imports done) / size of "
                         "payments.csv; floor: the same for the typed pyarrow read",
                    extra={"payments_bytes": size,
                           "peak_rss_bytes": main["peak_ours"].as_json()}))
    folder = main["folder"]
    mb = str(BIN / "mics-budget")

    @guarded(rows, ("summary", f"`summary --by activity,month` cold CLI, {main_label}", "s",
                    "ratio", 1.5, "DuckDB"),
             ("summary_equal", "summary: same paid figures as DuckDB (exact tiyn)", "", "check",
              None, ""))
    def summary() -> None:
        log("summary: cold CLI vs DuckDB")
        last: dict = {}
        runs = alternate({
            "ours": lambda: cold([mb, "summary", "--as-of", AS_OF, "--by", "activity,month",
                                  "--format", "json", "--data", str(folder)], last, "ours"),
            "floor": lambda: cold([PYTHON, str(harness.WORKERS), "duckdb_summary", str(folder),
                                   AS_OF], last, "floor"),
        }, repeat, warmup=warmup)
        rows.append(Row("summary", f"`summary --by activity,month` cold CLI, {main_label}", "s",
                        "ratio", 1.5, "DuckDB", runs["ours"], runs["floor"],
                        note=f"`mics-budget summary --as-of {AS_OF} --by activity,month "
                             "--format json` vs a fresh Python running DuckDB on the same "
                             "CSV files (payments + rates, as-of NBK join, GROUP BY); wall "
                             "time, process start to exit"))
        ours, theirs = paid_of_cli(last["ours"].stdout), paid_of_duckdb(last["floor"].stdout)
        differ = sorted(k for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k))
        rows.append(Row("summary_equal", "summary: same paid figures as DuckDB (exact tiyn)",
                        "", "check", None, note=(
                            f"{len(ours)} groups with payments, all equal" if not differ else
                            f"{len(differ)} of {len(set(ours) | set(theirs))} groups differ, "
                            f"e.g. {[(k, ours.get(k), theirs.get(k)) for k in differ[:3]]}"),
                        extra={"ok": not differ, "groups": len(ours),
                               "differ": [[*k, ours.get(k), theirs.get(k)]
                                          for k in differ[:50]]}))
    summary()

    @guarded(rows, ("flags", f"`procurement flags` cold CLI, {main_label}", "s", "abs", 2.0,
                    "DuckDB, grouped once"))
    def flags() -> None:
        log("flags: cold CLI vs DuckDB grouping once")
        last: dict = {}
        runs = alternate({
            "ours": lambda: cold([mb, "procurement", "flags", "--as-of", AS_OF, "--format",
                                  "json", "--data", str(folder)], last, "ours"),
            "floor": lambda: cold([PYTHON, str(harness.WORKERS), "duckdb_flags", str(folder),
                                   AS_OF], last, "floor"),
        }, repeat, warmup=warmup)
        count = len(json.loads(last["ours"].stdout))
        data = main["data"]
        rows.append(Row("flags", f"`procurement flags` cold CLI, {human(data['lots_added'])} "
                                 f"lots / {human(data['events_added'])} events / {main_label} "
                                 "payments", "s", "abs", 2.0, "DuckDB, grouped once",
                        runs["ours"], runs["floor"],
                        note=f"`mics-budget procurement flags --as-of {AS_OF} --format json` "
                             f"({count:,} flags; includes loading the folder) vs a fresh "
                             "Python running DuckDB on the same lots, events and payments CSV "
                             "files, grouped once per lot; linearity: see the growth table",
                        extra={"flags": count}))
    flags()


def measure_xlsx(ctx: dict, rows: list[Row]) -> None:
    label, count = ctx["xlsx"]

    @guarded(rows, ("xlsx", f"XLSX input, {label} payments", "s", "ratio", 3.0,
                    "python-calamine"))
    def xlsx() -> None:
        try:
            import python_calamine  # noqa: F401
        except ImportError:
            raise Failed("python-calamine is not installed (pip install python-calamine)"
                         ) from None
        root = Path(tempfile.mkdtemp(prefix="xlsx-", dir=ctx["tmp"]))
        log(f"xlsx: writing {count:,} payments with openpyxl")
        info = make_data(root, count, xlsx=True)
        log(f"xlsx: {info['bytes'] / 2**20:.1f} MiB written in {info['generated_s']:.0f} s; "
            "measuring")
        answers: list[dict] = []

        def ours() -> float:
            answer = harness.worker("xlsx_ours", info["folder"])
            answers.append(answer)
            return answer["load"]["seconds"]

        runs = alternate({
            "ours": ours,
            "floor": lambda: harness.worker("xlsx_calamine", info["xlsx"])["load"]["seconds"],
        }, ctx["repeat"], warmup=1)
        rows.append(Row("xlsx", f"XLSX input, {label} payments", "s", "ratio", 3.0,
                        "python-calamine", runs["ours"], runs["floor"],
                        note="`mics_budget.load` of the example folder with payments.xlsx "
                             "(dates as dates, amounts as numbers) vs "
                             "`CalamineWorkbook.from_path(…).get_sheet_by_index(0).to_python()`"
                             "; each in a fresh process, imports excluded",
                        extra={"xlsx_bytes": info["bytes"],
                               "payments_loaded": answers[-1]["payments"]}))
        shutil.rmtree(root, ignore_errors=True)
    xlsx()


def measure_report(ctx: dict, rows: list[Row]) -> None:
    @guarded(rows, ("report", f"monthly report ({REPORT_MONTH})", "s", "ratio", 1.5,
                    "papermill + nbconvert, empty notebook"))
    def report() -> None:
        log("report: mics-budget report vs papermill + nbconvert of an empty notebook")
        root = Path(tempfile.mkdtemp(prefix="report-", dir=ctx["tmp"]))
        n = [0]

        def ours() -> float:
            n[0] += 1
            return harness.run([str(BIN / "mics-budget"), "report", "--month", REPORT_MONTH,
                                "--out", str(root / f"out{n[0]}")], timeout=600).wall

        def floor() -> float:
            n[0] += 1
            folder = root / f"floor{n[0]}"
            folder.mkdir()
            return harness.worker("report_floor", folder, timeout=600)["wall"]

        runs = alternate({"ours": ours, "floor": floor}, ctx["repeat"], warmup=1)
        rows.append(Row("report", f"monthly report ({REPORT_MONTH})", "s", "ratio", 1.5,
                        "papermill + nbconvert, empty notebook", runs["ours"], runs["floor"],
                        note=f"`mics-budget report --month {REPORT_MONTH} --out TMP` (example "
                             "data) vs one fresh Python: papermill on a one-empty-cell "
                             "notebook (python3), then nbconvert's HTMLExporter; wall times"))
        shutil.rmtree(root, ignore_errors=True)
    report()


def measure_dashboard(ctx: dict, rows: list[Row]) -> None:
    keys = (("dash_figures", "dashboard: filter change → figures updated", "ms", "abs", 0.15,
             ""),
            ("dash_charts", "dashboard: filter change → charts redrawn", "ms", "abs", 0.3, ""),
            ("dash_first", "dashboard: first chart", "s", "ratio", 1.3, "bare Voila page"))

    @guarded(rows, *keys)
    def dashboard() -> None:
        import bench_browser

        log("dashboard: Voila + Chromium")
        res = bench_browser.dashboard(ctx["browser_repeat"], changes=2, warmup=1)
        ctx["dash_first"] = res["dash_first"]
        errors = "; ".join(res["errors"][:3])
        note = (f"click on a funding-source button (alternately РБ/ЮНИСЕФ) to the figures' "
                f"data-value changed, in the page (MutationObserver, performance.now()), "
                f"{len(res['figures'].values)} changes on {ctx['browser_repeat']} pages")
        rows.append(Row("dash_figures", keys[0][1], "ms", "abs", 0.15, "", res["figures"],
                        note=note + (f"; errors: {errors}" if errors else ""),
                        error=None if res["figures"].values else errors or "no sample"))
        first = Series([p["first_change"] / 1000 for p in res["panels"]
                        if p.get("first_change") is not None])
        seen = (f"; the first change of a chart's DOM came at {fmt(first.median, 'ms')} "
                f"(median; min {fmt(first.min, 'ms')}) after the click"
                if first.values else "")
        rows.append(Row("dash_charts", keys[1][1], "ms", "abs", 0.3, "", res["charts"],
                        note="same clicks, to the last DOM change of the two chart panels "
                             f"(overview, gantt) once quiet for {bench_browser.QUIET_MS} ms"
                             + seen,
                        error=None if res["charts"].values else errors or "no sample",
                        extra={"panels": res["panels"]}))
        rows.append(Row("dash_first", keys[2][1], "s", "ratio", 1.3, "bare Voila page",
                        res["dash_first"], res["bare_first"],
                        note="navigation start to the first svg.marks/canvas (dashboard: in "
                             ".mics-chart-overview) as seen in the page; `mics-budget "
                             "dashboard` (example data) vs the same voila command serving a "
                             "notebook with one offline alt.JupyterChart; fresh browser "
                             "context per page, servers idle before each load"))
    dashboard()


def measure_register(ctx: dict, rows: list[Row]) -> None:
    keys = (("reg_first", "register app: first form", "s", "ratio", 1.5,
             "dashboard first chart"),
            ("reg_save", "register app: save → register refreshed", "ms", "abs", 0.3, ""))

    @guarded(rows, *keys)
    def register() -> None:
        import bench_browser

        log("register: Voila + Chromium")
        res = bench_browser.register(ctx["browser_repeat"], saves=2, warmup=1)
        errors = "; ".join(res["errors"][:3])
        floor = ctx.get("dash_first")
        rows.append(Row("reg_first", keys[0][1], "s", "ratio", 1.5, "dashboard first chart",
                        res["first_form"], floor if floor and floor.values else None,
                        note="`mics-budget dashboard --register` on a copy of the example "
                             "data: navigation start to the form's lot dropdown; floor: the "
                             "dashboard's first chart of the same run",
                        error=None if floor and floor.values else
                        "no dashboard first chart to compare with"))
        rows.append(Row("reg_save", keys[1][1], "ms", "abs", 0.3, "", res["save"],
                        note="a valid next step of a benchmark lot dated today (announced → "
                             "evaluation → unsuccessful …): click on save to the register "
                             "table's HTML changed, in the page"
                             + (f"; errors: {errors}" if errors else ""),
                        error=None if res["save"].values else errors or "no sample"))
    register()


# --- output ------------------------------------------------------------------------------------
ORDER = ["import_100", "import_1k", "import_10k", "import_growth", "import_memory",
         "import_dry", "flags", "load", "load_cold", "memory", "summary", "summary_equal", "xlsx",
         "dash_figures", "dash_charts", "dash_first", "reg_first", "reg_save", "report", "help"]


def result_text(row: Row) -> str:
    return {True: "pass", False: "**FAIL**", None: "error"}[row.passed]


def table_lines(rows: list[Row]) -> list[str]:
    lines = ["| path | ours | floor | ratio | goal | result | ours min / median | "
             "floor min / median | runs |",
             "| --- | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: |"]
    for row in sorted(rows, key=lambda r: ORDER.index(r.key) if r.key in ORDER else 99):
        if row.error is not None:
            lines.append(f"| {row.path} | — | — | — | {row.goal} | error | "
                         f"{row.error.replace('|', '/')} | | |")
            continue
        if row.goal_kind == "check":
            lines.append(f"| {row.path} | {'yes' if row.passed else 'NO'} | | | equal | "
                         f"{result_text(row)} | {row.note} | | |")
            continue
        ours, floor = row.ours, row.floor
        unit = row.unit
        ratio = (f"{row.ratio:.2f}× (min {row.ratio_min:.2f}×)"
                 if row.ratio is not None else "—")
        lines.append(
            f"| {row.path} | {fmt(ours.median, unit)} | "
            f"{fmt(floor.median, unit) + ' ' + row.floor_name if floor else '—'} | {ratio} | "
            f"{row.goal} | {result_text(row)} | {fmt(ours.min, unit)} / "
            f"{fmt(ours.median, unit)} | "
            f"{(fmt(floor.min, unit) + ' / ' + fmt(floor.median, unit)) if floor else ''} | "
            f"{len(ours.values)} |")
    return lines


def growth_lines(growth: list[dict]) -> tuple[list[str], list[dict]]:
    lines = ["| payments | lots / events | payments.csv | load + validate | typed pyarrow "
             "read | summary | flags | load memory | peak RSS | runs |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    ok = [g for g in growth if "error" not in g]
    for g in growth:
        if "error" in g:
            lines.append(f"| {g['rows']:,} | | | {g['error']} | | | | | | |")
            continue
        d = g["data"]
        lines.append(
            f"| {d['payments_rows']:,} | {d['lots_added']:,} / {d['events_added']:,} | "
            f"{d['payments_bytes'] / 2**20:.0f} MiB | {fmt(g['load'].median, 's')} | "
            f"{fmt(g['arrow'].median, 's')} | {fmt(g['summary'].median, 's')} | "
            f"{fmt(g['flags'].median, 's')} | {g['mem_ours'].median:.2f}× file | "
            f"{max(g['peak_ours'].values) / 2**20:,.0f} MiB | {len(g['load'].values)} |")
    steps = []
    for small, big in itertools.pairwise(ok):
        factor = big["data"]["payments_rows"] / small["data"]["payments_rows"]
        step = {"from": small["label"], "to": big["label"], "rows_factor": factor}
        for name in ("load", "summary", "flags"):
            step[name] = big[name].median / small[name].median
        step["passed"] = all(step[n] <= GROWTH_LIMIT * factor / 10 for n in
                             ("load", "summary", "flags"))
        steps.append(step)
    if steps:
        lines += ["", "| rows | × rows | load | summary | flags | goal | result |",
                  "| --- | ---: | ---: | ---: | ---: | --- | --- |"]
        for s in steps:
            lines.append(f"| {s['from']} → {s['to']} | {s['rows_factor']:.0f}× | "
                         f"{s['load']:.1f}× | {s['summary']:.1f}× | {s['flags']:.1f}× | "
                         f"≤ {GROWTH_LIMIT:g}× per 10× rows | "
                         f"{'pass' if s['passed'] else '**FAIL**'} |")
    return lines, steps


def growth_json(g: dict) -> dict:
    if "error" in g:
        return g
    out = {k: v for k, v in g.items() if k not in ("folder", "root")}
    for k, v in out.items():
        if isinstance(v, Series):
            out[k] = v.as_json()
    return out


def parse_size(label: str) -> int:
    label = label.strip()
    factor = {"k": 1_000, "M": 1_000_000}.get(label[-1], 1)
    return int(float(label[:-1] if factor > 1 else label) * factor)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="small sizes (10k, 100k payments; 10k-row XLSX), 3 runs")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections of {', '.join(SECTIONS)}")
    parser.add_argument("--repeat", type=int, default=None, help="runs per measurement")
    parser.add_argument("--repeat-large", type=int, default=3,
                        help="runs at 10M payments (default 3, no warm-up: about 5 min "
                             "on an idle 2-core machine)")
    parser.add_argument("--no-10m", action="store_true", help="skip 10M payments")
    parser.add_argument("--sizes", default=None,
                        help="payments sizes of the ledger section, e.g. 100k,1M (the table "
                             "uses 1M if given, else the largest)")
    parser.add_argument("--max-memory-gb", type=float, default=None,
                        help="stop a measured process above this RSS (default: 70%% of "
                             "the memory available at the start)")
    parser.add_argument("--out", default=None, help="the .json to write (and .md beside)")
    args = parser.parse_args()
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    if args.max_memory_gb:
        harness.MEMORY_LIMIT[0] = int(args.max_memory_gb * 2**30)
    os.environ.pop("MICS_DATA", None)  # every child uses the folders given, or the example
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    repeat = args.repeat or (3 if args.quick else 5)
    if args.quick:
        sizes = [("10k", 10_000), ("100k", 100_000)]
        main_size, xlsx = ("100k", 100_000), ("10k", 10_000)
    else:
        sizes = [("100k", 100_000), ("1M", 1_000_000)]
        if not args.no_10m:
            sizes.append(("10M", 10_000_000))
        main_size, xlsx = ("1M", 1_000_000), ("100k", 100_000)
    if args.sizes:
        sizes = [(label.strip(), parse_size(label)) for label in args.sizes.split(",")]
        main_size = next((s for s in sizes if s[0] == "1M"), max(sizes, key=lambda s: s[1]))
    out = Path(args.out) if args.out else ROOT / "reports" / (
        "bench-quick.json" if args.quick else "bench.json")

    def on_term(signum, frame):  # let the finally blocks stop servers and remove folders
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, on_term)

    started = time.perf_counter()
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    machine = harness.machine()
    log(f"{'quick' if args.quick else 'full'} run, {repeat} runs each; "
        f"{machine['nproc']} cores, {machine['cpu']}; commit {machine['git_commit'][:10]}"
        f"{' (dirty)' if machine['git_dirty'] else ''}; memory limit per process "
        f"{harness.MEMORY_LIMIT[0] / 2**30:.1f} GiB")
    rows: list[Row] = []
    growth: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="mics-bench-") as tmp:
        ctx = {"tmp": tmp, "repeat": repeat, "quick": args.quick, "repeat_large": args.repeat_large,
               "sizes": sizes, "main": main_size, "xlsx": xlsx,
               "browser_repeat": 2 if args.quick and not args.repeat else repeat}
        if "help" in only:
            measure_help(ctx, rows)
        if "import" in only:
            measure_import(ctx, rows)
        if "ledger" in only:
            measure_ledger(ctx, rows, growth)
        if "xlsx" in only:
            measure_xlsx(ctx, rows)
        if "report" in only:
            measure_report(ctx, rows)
        if "dashboard" in only or "register" in only:
            measure_dashboard(ctx, rows)  # the register's floor is the dashboard's first chart
        if "register" in only:
            measure_register(ctx, rows)
        if "ledger" in only:
            growth_large(ctx, growth)
    if "dashboard" not in only:
        rows = [r for r in rows if not r.key.startswith("dash_")]
    elapsed = time.perf_counter() - started

    g_lines, steps = growth_lines(growth)
    load_end = os.getloadavg()[0]
    counted = [r.passed for r in rows if r.goal_kind != "check"]
    head = [f"# Benchmarks (issue 12){' — quick run' if args.quick else ''}", "",
            f"{stamp}, commit `{machine['git_commit'][:10]}`"
            f"{' (with uncommitted changes)' if machine['git_dirty'] else ''} on "
            f"{machine['nproc']} cores ({machine['cpu']}), "
            f"{machine['memory_bytes'] / 2**30:.0f} GiB, Python {machine['python']}, "
            f"load average {machine['load_average'][0]:.2f} at the start and "
            f"{load_end:.2f} at the end (other work shares the machine). Medians of "
            f"{repeat} runs (after one dropped warm-up round), interleaved with the floor; "
            f"ratio = median / median (and min / min). Whole run: {elapsed / 60:.1f} min.", "",
            f"Goals met: {counted.count(True)} of {len(counted)} "
            f"({counted.count(False)} missed, {counted.count(None)} not measured).", ""]
    lines = [*head, *table_lines(rows)]
    notes = [f"- **{r.path}**: {r.note}" for r in sorted(
        rows, key=lambda r: ORDER.index(r.key) if r.key in ORDER else 99) if r.note
        and r.goal_kind != "check"]
    if growth:
        lines += ["", "## Growth: load, summary and flags (in one fresh process per run)", "",
                  *g_lines, "",
                  "Lots = payments / 100, ten events each; summary = `Project.spending(as_of, "
                  "['activity', 'month'])` and flags = `red_flags(project, as_of)`, timed "
                  "after the load in the same process; load memory = peak RSS while loading "
                  "minus RSS before, over the payments file size; peak RSS = the process's "
                  "maximum (imports, load, summary, flags)."]
    lines += ["", "## What each row measures", "", *notes]
    text = "\n".join(lines) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".md").write_text(text, encoding="utf-8")
    document = {
        "started": stamp, "duration_s": elapsed, "mode": "quick" if args.quick else "full",
        "repeat": repeat, "sections": only, "machine": machine,
        "memory_limit_bytes": harness.MEMORY_LIMIT[0], "load_average_end": load_end,
        "rows": [r.as_json() for r in sorted(
            rows, key=lambda r: ORDER.index(r.key) if r.key in ORDER else 99)],
        "growth": [growth_json(g) for g in growth], "growth_steps": steps,
        "growth_limit_per_10x": GROWTH_LIMIT,
    }
    out.write_text(json.dumps(document, indent=1, default=str), encoding="utf-8")
    print(text)
    log(f"wrote {out} and {out.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
