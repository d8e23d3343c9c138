"""Benchmark: ``mics-budget report`` against the papermill floor, in the same run.

    python benchmarks/bench_report.py [--repeat 3] [--month 2025-06]

The floor is a fresh process that executes an empty notebook with papermill and exports it to
HTML (nbconvert), the least any papermill report can cost. Target (docs/benchmarks.md): the
monthly report takes at most 1.5 x the floor. Medians of ``--repeat`` runs, alternating the two.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

FLOOR = """
import sys, nbformat, papermill
from nbconvert import HTMLExporter
folder = sys.argv[1]
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")])
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbformat.write(nb, f"{folder}/empty.ipynb")
papermill.execute_notebook(f"{folder}/empty.ipynb", f"{folder}/out.ipynb", kernel_name="python3",
                           progress_bar=False)
body, _ = HTMLExporter(exclude_input=True).from_notebook_node(
    nbformat.read(f"{folder}/out.ipynb", as_version=4))
open(f"{folder}/out.html", "w").write(body)
"""


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--month", default="2025-06")
    args = parser.parse_args()
    floor, report = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            folder = Path(tmp) / f"floor{i}"
            folder.mkdir()
            floor.append(timed([sys.executable, "-c", FLOOR, str(folder)]))
            report.append(timed([str(BIN / "mics-budget"), "report", "--month", args.month,
                                 "--out", str(Path(tmp) / f"reports{i}")]))
    f, r = statistics.median(floor), statistics.median(report)
    print(f"papermill + HTML of an empty notebook (floor): {f:.2f} s")
    print(f"mics-budget report --month {args.month}: {r:.2f} s")
    print(f"ratio: {r / f:.2f} x (target <= 1.5 x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
