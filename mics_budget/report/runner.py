"""Running the monthly report and the close-out report of a plan: papermill, then HTML
without code, XLSX and a manifest.

Everything is written into a temporary folder beside the target and renamed over
``reports/YYYY-MM/`` (the close-out: ``reports/plan-YYYY-MM_YYYY-MM/``) only when the whole
run succeeded, so a failed or killed run never leaves a half report.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import re
import shutil
import sys
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path

from .. import i18n
from ..config import NOTEBOOKS_DIR, PARAMS_DIR, REPORTS_DIR, DataDir
from ..core import months
from ..core.checks import excerpt
from ..errors import UserError
from ..i18n import month_name, t, t_in

NOTEBOOK = NOTEBOOKS_DIR / "monthly_report.ipynb"
CLOSEOUT_NOTEBOOK = NOTEBOOKS_DIR / "closeout.ipynb"
TEMPLATES = Path(__file__).with_name("templates")
PACKAGES = ("mics-budget", "pandas", "numpy", "pyarrow", "altair", "vl-convert-python",
            "openpyxl", "papermill", "nbconvert", "nbclient", "ipykernel")
KERNEL = "python3"
CELL_TIMEOUT = 600  # seconds: a stuck cell fails the run instead of hanging the scheduler


class ReportError(UserError):
    pass


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_files(data: DataDir, notebook: Path = NOTEBOOK) -> list[Path]:
    """Every file a report depends on: the data folder's files, params and the notebook."""
    files = [p for folder in (data.plan, data.budget, data.procurement) if folder.is_dir()
             for p in sorted(folder.iterdir()) if p.is_file() and not p.name.endswith(".lock")]
    marker = data.root / "EXAMPLE"
    files += [marker] if marker.exists() else []
    files += sorted(p for p in PARAMS_DIR.iterdir() if p.is_file())
    return [*files, notebook]


def html_export(notebook: Path, lang: str = "ru", title: str = "") -> str:
    """The executed notebook as a self-contained HTML page without code (offline), declared
    in ``lang`` (``<html lang="kk">``) so that screen readers read it in that language, and
    titled ``title`` (the browser tab, the printed page's header)."""
    from ..core._imports import without_rfc3987

    nbformat = without_rfc3987("nbformat")
    HTMLExporter = without_rfc3987("nbconvert").HTMLExporter

    exporter = HTMLExporter(template_name="mics_report",
                            extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input=True, exclude_markdown=True,
                            exclude_input_prompt=True,
                            exclude_output_prompt=True, language_code=lang)
    node = nbformat.read(notebook, as_version=4)
    if title:
        node.metadata["title"] = title
    body, _ = exporter.from_notebook_node(node)
    return body


def chromium() -> str | None:
    """A Chromium (or Chrome) on this machine: ``$CHROMIUM``, else the usual names."""
    candidates = [os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser",
                  "google-chrome", "/usr/bin/chromium"]
    return next((found for name in candidates if name and (found := shutil.which(name))), None)


def pdf_export(html: Path, pdf: Path, say: Callable[[str], None]) -> None:
    """The HTML printed to PDF by a headless Chromium (A4 landscape, from the page's CSS).
    Optional: without a Chromium, say so and go on (the HTML never depends on it)."""
    import subprocess

    browser = chromium()
    if browser is None:
        say(t("report.pdf_skipped"))
        return
    say(t("report.step_pdf"))
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
               html.resolve().as_uri()]
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        subprocess.run(command, capture_output=True, timeout=180, check=False)
    if not pdf.exists() or pdf.stat().st_size == 0:
        raise ReportError("report.pdf_failed", browser=browser)


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = ""
    return out


def run_report(month: str, data: DataDir, lang: str = "ru", out: Path | None = None,
               progress: Callable[[str], None] | None = None, pdf: bool = False) -> Path:
    """Produce ``OUT/YYYY-MM/`` (default ``reports/``) for ``month``; return the folder. With
    ``pdf``, also a PDF of the HTML when a Chromium is found (else a note, no failure)."""
    from ..core._imports import without_rfc3987

    papermill = without_rfc3987("papermill")

    say = progress or (lambda _: None)
    out = Path(out) if out else REPORTS_DIR
    return _locked(month, out, lambda: _run(month, data, lang, out, say, papermill, pdf))


def run_closeout(first: str, last: str, data: DataDir, lang: str = "ru",
                 out: Path | None = None, progress: Callable[[str], None] | None = None,
                 pdf: bool = False) -> Path:
    """Produce ``OUT/plan-FIRST_LAST/`` (default ``reports/``): the close-out report of the
    months ``first``..``last`` (``notebooks/closeout.ipynb``); return the folder."""
    from ..core._imports import without_rfc3987

    papermill = without_rfc3987("papermill")
    say = progress or (lambda _: None)
    out = Path(out) if out else REPORTS_DIR
    name = f"plan-{first}_{last}"
    span = i18n.plan_period((int(first[:4]), int(last[:4])), lang=lang)

    def run() -> Path:
        say(t("closeout.step_run", first=first, last=last))
        return _execute(CLOSEOUT_NOTEBOOK, name, f"mics-closeout-{first}_{last}",
                        {"first_month": first, "last_month": last},
                        t_in(lang, "closeout.title", period=span), data, lang, out, say,
                        papermill, pdf, {"period": [first, last]})

    return _locked(name, out, run)


def _locked(name: str, out: Path, run: Callable[[], Path]) -> Path:
    """``run`` under the lock of the report ``name`` in ``out`` (one run of a report at a
    time), after removing what a killed run left."""
    from filelock import FileLock

    out.mkdir(parents=True, exist_ok=True)
    lock = out / f".{name}.lock"
    try:
        with FileLock(str(lock)):
            for stale in out.glob(f".{name}.*.tmp"):  # left by a killed run
                shutil.rmtree(stale, ignore_errors=True)
            return run()
    finally:
        with contextlib.suppress(OSError):  # a waiting run takes a new lock file
            lock.unlink()


def _run(month: str, data: DataDir, lang: str, out: Path, say: Callable[[str], None],
         papermill, pdf: bool = False) -> Path:
    say(t("report.step_run", month=month))
    year, number = months.split(month)
    title = t_in(lang, "report.title", month=month_name(number, lang), year=year)
    return _execute(NOTEBOOK, month, f"mics-report-{month}", {"report_month": month}, title,
                    data, lang, out, say, papermill, pdf, {"month": month})


def _execute(notebook: Path, name: str, stem: str, chosen: dict[str, str], title: str,
             data: DataDir, lang: str, out: Path, say: Callable[[str], None], papermill,
             pdf: bool, described: dict[str, object]) -> Path:
    """Run ``notebook`` with the ``chosen`` parameters into ``OUT/name/`` (files ``stem.*``):
    the executed notebook, its HTML titled ``title``, the XLSX, the PDF if asked, and the
    manifest (with ``described``: what the report covers)."""
    final = out / name
    run_id = uuid.uuid4().hex
    tmp = out / f".{name}.{run_id[:8]}.tmp"
    tmp.mkdir()
    started = datetime.now(UTC)
    parameters = {**chosen, "data_dir": str(data.root), "lang": lang,
                  "xlsx_path": str(tmp / f"{stem}.xlsx")}
    try:
        try:
            papermill.execute_notebook(
                str(notebook), str(tmp / f"{stem}.ipynb"), parameters=parameters,
                kernel_name=KERNEL, progress_bar=False, log_output=False, cwd=str(tmp),
                execution_timeout=CELL_TIMEOUT,
                extra_arguments=["--IPKernelApp.log_level=ERROR"])  # no kernel chatter
        except papermill.PapermillExecutionError as exc:
            raise ReportError("report.failed", cell=exc.exec_count,
                              error=f"{exc.ename}: {exc.evalue}") from None
        say(t("report.step_html"))
        html = html_export(tmp / f"{stem}.ipynb", lang, title)
        (tmp / f"{stem}.html").write_text(html, encoding="utf-8")
        if pdf:
            pdf_export(tmp / f"{stem}.html", tmp / f"{stem}.pdf", say)
        say(t("report.step_manifest"))
        outputs = sorted(p for p in tmp.iterdir() if p.is_file())
        manifest = {
            "run_id": run_id, **described, "parameters": {**parameters,
                                                             "xlsx_path": f"{stem}.xlsx"},
            "started": started.isoformat(timespec="seconds"),
            "finished": datetime.now(UTC).isoformat(timespec="seconds"),
            "command": sys.argv, "versions": _versions(),
            "example_data": data.is_example,
            "inputs": {str(p): sha256(p) for p in input_files(data, notebook)},
            "outputs": {p.name: sha256(p) for p in outputs},
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2)
                                           + "\n", encoding="utf-8")
        _swap(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    say(t("report.done", path=final))
    return final


def _swap(tmp: Path, final: Path) -> None:
    """Put the finished folder in place; an older report is replaced only afterwards."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.{uuid.uuid4().hex[:8]}.old")
        os.replace(final, old)
    os.replace(tmp, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


_MONTH = re.compile(r"^(20[0-9]{2})-(0?[1-9]|1[0-2])$")


def parse_month(text: str, data: DataDir | None = None, today: date | None = None,
                project=None) -> str:
    """``YYYY-MM`` (years 2000–2099), ``last`` (the previous calendar month) or ``latest``
    (the last month with data in the folder)."""
    today = today or date.today()
    text = (text or "").strip()
    if text == "last":
        return f"{today.year - 1}-12" if today.month == 1 else f"{today.year}-{today.month - 1:02d}"
    if text == "latest":
        if project is None:
            from ..project import load

            project = load(data)
        return latest_month(project)
    match = _MONTH.match(text)
    if match is None:
        raise ReportError("report.bad_month", value=excerpt(text))
    return f"{match.group(1)}-{int(match.group(2)):02d}"


def parse_period(text: str, data: DataDir | None = None, project=None) -> tuple[str, str]:
    """``FIRST..LAST``, each a month as :func:`parse_month` reads it (``2023-01..2025-12``,
    ``2025-01..latest``), the first not after the last."""
    parts = (text or "").strip().split("..")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise ReportError("closeout.bad_period", value=excerpt(text or ""))
    first, last = (parse_month(p, data, project=project) for p in parts)
    if last < first:
        raise ReportError("report.bad_range", first=first, last=last)
    return first, last


def plan_months(project) -> tuple[str, str]:
    """The months of the whole plan: January of its first year to December of its last."""
    first, last = project.plan.years
    return f"{first}-01", f"{last}-12"


def latest_month(project) -> str:
    """The month of the latest dated record (payment, event, budget decision, completion)."""
    _, last = project.dated_span()
    if last is None:
        raise ReportError("report.no_data")
    return months.of(last)


def month_range(project) -> tuple[str, str]:
    """The months a report can be made for: from the month of the first dated record of the
    data to the last month of the plan, or of the data when it goes on after the plan's last
    activity (late completions, lots still open: what the close-out reports)."""
    first, last = project.dated_span()
    if first is None or last is None:
        raise ReportError("report.no_data")
    end = max(max(a.period.end for a in project.plan.activities), last)
    return months.of(first), months.of(end)


def check_month(month: str, project) -> None:
    """Refuse a month before the data begins or after the plan ends (``--force`` skips it):
    such a report would be all zeros."""
    first, last = month_range(project)
    if month < first:
        raise ReportError("report.before_data", month=month, first=first)
    if month > last:
        raise ReportError("report.after_plan", month=month, last=last)



