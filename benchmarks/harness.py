"""Plumbing of the benchmark harness: fresh processes, timings, statistics, the machine.

Nothing here knows the library: it runs commands and records numbers. Every child process is
started in its own process group, watched for memory (it is stopped, and the measurement
reported as failed, if its resident memory goes above a limit), and always stopped.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
BIN = Path(sys.executable).parent
PYTHON = sys.executable
WORKERS = BENCH / "workers.py"


class Failed(Exception):
    """A measurement that could not be made (reported in the table, never a crash)."""


def mem_available() -> int:
    """Bytes of MemAvailable (/proc/meminfo)."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024
    return 0


def tree(pid: int) -> list[int]:
    """A process and its descendants (``/proc/PID/task/*/children``: only our tree is read,
    so that watching costs the measured processes next to nothing)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                with contextlib.suppress(OSError):
                    todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def _stat(pid: int) -> list[str]:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat[stat.rindex(")") + 2:].split()


PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")


def rss_tree(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    total = 0
    for p in tree(pid):
        with contextlib.suppress(OSError, ValueError, IndexError):
            total += int(_stat(p)[21]) * PAGE
    return total


def cpu_tree(pid: int) -> float:
    """User + system CPU seconds of a process and all its descendants."""
    total = 0.0
    for p in tree(pid):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = _stat(p)
            total += (int(fields[11]) + int(fields[12])) / TICK
    return total


def stop_group(process: subprocess.Popen, grace: float = 10) -> None:
    """SIGTERM to the process group, then SIGKILL if it lingers."""
    if process.poll() is not None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGTERM)  # children may outlive the leader
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@dataclass
class Run:
    wall: float          # seconds, process start to exit
    stdout: str
    stderr: str
    peak_tree_rss: int   # bytes, sampled every 100 ms


# the memory limit of one child, in bytes (set by run_all from --max-memory-gb)
MEMORY_LIMIT = [int(0.7 * mem_available()) or 8 * 2**30]


def run(command: Sequence[str], timeout: float = 900, env: dict | None = None,
        cwd: Path | None = None, check: bool = True) -> Run:
    """Run ``command`` in a fresh process group; wall time from start to exit.

    Raises :class:`Failed` on a non-zero exit (with ``check``), a timeout or memory above
    the limit."""
    limit = MEMORY_LIMIT[0]
    peak = [0]
    over = threading.Event()
    start = time.perf_counter()
    process = subprocess.Popen(list(command), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env, cwd=cwd or ROOT, start_new_session=True)
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.1):
            rss = rss_tree(process.pid)
            peak[0] = max(peak[0], rss)
            if rss > limit:
                over.set()
                stop_group(process, grace=2)
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        out, err = process.communicate(timeout=timeout)
        wall = time.perf_counter() - start
    except subprocess.TimeoutExpired:
        stop_group(process, grace=2)
        process.communicate()
        raise Failed(f"timeout after {timeout:.0f} s: {' '.join(map(str, command[:4]))}"
                     ) from None
    finally:
        done.set()
        watcher.join()
        stop_group(process, grace=2)  # anything the command left behind in its group
    if over.is_set():
        raise Failed(f"stopped: memory above {limit / 2**30:.1f} GiB")
    if check and process.returncode != 0:
        tail = (err or out).strip().splitlines()[-3:]
        raise Failed(f"exit {process.returncode}: {' | '.join(tail)[:300]}")
    return Run(wall, out, err, peak[0])


def worker(name: str, *args: object, timeout: float = 900) -> dict:
    """Run one measurement of ``workers.py`` in a fresh process; its JSON answer, with the
    process's wall time as ``wall`` and the sampled peak memory of its tree."""
    result = run([PYTHON, str(WORKERS), name, *map(str, args)], timeout=timeout)
    lines = [x for x in result.stdout.strip().splitlines() if x.startswith("{")]
    if not lines:
        raise Failed(f"{name}: no answer ({result.stderr.strip()[-200:]})")
    answer = json.loads(lines[-1])
    answer["wall"] = result.wall
    answer["tree_rss"] = result.peak_tree_rss
    return answer


# --- statistics ---------------------------------------------------------------------------
@dataclass
class Series:
    """Repeated measurements of one quantity (seconds, bytes or a ratio)."""

    values: list[float] = field(default_factory=list)

    @property
    def min(self) -> float:
        return min(self.values)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def as_json(self) -> dict:
        return {"min": self.min, "median": self.median, "runs": self.values} if self.values \
            else {"min": None, "median": None, "runs": []}


def alternate(funcs: dict[str, Callable[[], float]], repeat: int, warmup: int = 0,
              ) -> dict[str, Series]:
    """Call each function ``repeat`` times, interleaved (a, b, a, b …) so that a noisy
    moment of the machine hits both sides; ``warmup`` rounds are done first and dropped."""
    out = {name: Series() for name in funcs}
    for i in range(warmup + repeat):
        for name, func in funcs.items():
            value = func()
            if i >= warmup:
                out[name].values.append(value)
    return out


# --- the machine ----------------------------------------------------------------------------
def machine() -> dict:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    total = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            total = int(line.split()[1]) * 1024
    versions = {}
    from importlib import metadata

    for package in ("mics-budget", "pandas", "numpy", "pyarrow", "duckdb", "altair",
                    "anywidget", "ipywidgets", "voila", "papermill", "nbconvert", "nbclient",
                    "ipykernel", "openpyxl", "python-calamine", "playwright", "vl-convert-python"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                                  timeout=10).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return ""

    chromium = ""
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True,
                                  text=True, timeout=20).stdout.strip()
    load = os.getloadavg()
    return {
        "nproc": os.cpu_count(), "cpu": cpu, "memory_bytes": total,
        "memory_available_bytes": mem_available(), "load_average": list(load),
        "python": platform.python_version(), "platform": platform.platform(),
        "packages": versions, "chromium": chromium,
        "git_commit": git("rev-parse", "HEAD"), "git_branch": git("rev-parse", "--abbrev-ref",
                                                                   "HEAD"),
        "git_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
    }
