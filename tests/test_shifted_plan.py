"""No year in the code (issue 28): the bundled example moved four years on (2027–2029: a
leap day stays a leap day) gives the same figures on the same days of its own years, in every
command (UNICEF's FACE form and its checks too), in the monthly report and the close-out of
the whole plan; nothing the project writes names the old years."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from mics_budget.cli.cli import main
from mics_budget.config import DEFAULT_DATA_DIR

SHIFT = 4
OLD = ("2023", "2024", "2025")


def _later(match: re.Match) -> str:
    return str(int(match.group(0)) + SHIFT)


def shift_folder(source: Path, target: Path) -> Path:
    """A copy of a data folder with every year of a date, a period or a budget year moved on
    by :data:`SHIFT` (amounts and ids untouched)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.lock", ".mics-cache"))
    for path in target.rglob("*.csv"):
        text = path.read_text(encoding="utf-8")
        # ISO days (a lot needed early in the year after the plan too)
        text = re.sub(r"(?<![0-9])202[3-6](?=-[0-9]{2}-[0-9]{2})", _later, text)
        text = re.sub(r"(?<=[0-9]{2}\.[0-9]{2}\.)202[3-5](?![0-9])", _later, text)
        text = re.sub(r"(?<=[А-Яа-яё ])202[3-5](?![0-9])", _later, text)  # «Июль 2023»
        text = re.sub(r"(?m)^202[3-5](?=,)", _later, text)  # budget years, first column
        path.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def shifted(tmp_path_factory) -> Path:
    return shift_folder(DEFAULT_DATA_DIR, tmp_path_factory.mktemp("shifted") / "data")


def _json(capsys, *argv: str):
    assert main([*argv, "--format", "json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def _later_text(text: str) -> str:
    return re.sub(r"202[3-5]", _later, text)


@pytest.mark.slow
def test_every_figure_is_the_same_four_years_on(shifted, capsys):
    day, later = "2025-06-30", "2029-06-30"
    for argv in (["summary", "--as-of"], ["forecast", "--as-of"],
                 ["procurement", "kpis", "--as-of"], ["unicef", "--as-of"]):
        before = _json(capsys, *argv, day)
        after = _json(capsys, *argv, later, "--data", str(shifted))
        assert after == json.loads(_later_text(json.dumps(before))), argv
    by_year = _json(capsys, "summary", "--as-of", later, "--year", "2028", "--by", "activity",
                    "--data", str(shifted))
    assert by_year == json.loads(_later_text(json.dumps(_json(
        capsys, "summary", "--as-of", day, "--year", "2024", "--by", "activity"))))
    status = _json(capsys, "plan", "status", "--as-of", later, "--data", str(shifted))
    assert status == json.loads(_later_text(json.dumps(_json(
        capsys, "plan", "status", "--as-of", day))))
    assert main(["validate", "--data", str(shifted), "--out", str(shifted / "v.csv")]) == 0
    problems = capsys.readouterr().err
    assert "2023" not in problems and "вне периода плана" not in problems


@pytest.mark.slow
def test_the_report_of_a_plan_four_years_on(shifted, tmp_path, capsys, monkeypatch):
    import papermill

    from tests.test_report import execute_in_process

    monkeypatch.setattr(papermill, "execute_notebook", execute_in_process)
    assert main(["report", "--month", "2029-06", "--data", str(shifted),
                 "--out", str(tmp_path)]) == 0, capsys.readouterr().err
    html = (tmp_path / "2029-06" / "mics-report-2029-06.html").read_text(encoding="utf-8")
    body = html.split("<body", 1)[1]
    assert "2027–2029 гг., на 30.06.2029" in body
    # what the report itself says (titles, periods, the summary) names none of the old years;
    # the data's own texts (lot ids «LOT-2023-001», a title «на 2024-2026 годы») are data
    said = " ".join(re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", body)
                    + re.findall(r'<section id="summary".*?</section>', body, re.S))
    assert "2029" in said and not any(year in said for year in OLD), said[:300]
    assert main(["report", "--month", "latest", "--data", str(shifted),
                 "--out", str(tmp_path / "latest")]) == 0
    assert (tmp_path / "latest").exists()


@pytest.mark.slow
def test_the_dashboard_of_a_plan_four_years_on(shifted, capsys):
    from datetime import date

    from mics_budget import load
    from mics_budget.web.dashboard import Dashboard

    board = Dashboard(load(shifted), as_of=date(2029, 6, 30))
    assert board.figures() == _json(capsys, "summary", "--as-of", "2029-06-30",
                                    "--data", str(shifted))["rows"]
    assert "2027–2029 гг., на 30.06.2029" in board.cards.value
    assert "2029 г., на 30.06.2029" in board.cards.value
    assert not any(year in board.cards.value for year in OLD)


@pytest.mark.slow
def test_unicefs_face_form_four_years_on(shifted, capsys):
    def same_later(before: dict) -> str:  # transfers' references are ids: they keep their year
        refs = re.compile(r"UNICEF-[A-Z]+-\d{4}-\d{2}")
        return refs.sub("REF", _later_text(refs.sub("REF", json.dumps(before))))

    for quarter in ("2023Q3", "2025Q1"):
        before = _json(capsys, "face", "--quarter", quarter)
        after = _json(capsys, "face", "--quarter", _later_text(quarter), "--data", str(shifted))
        assert re.sub(r"UNICEF-[A-Z]+-\d{4}-\d{2}", "REF", json.dumps(after)) == same_later(
            before), quarter
    assert any(row["A"] for row in _json(capsys, "face", "--quarter", "2023Q3")["rows"])
    checks = _json(capsys, "face", "--check", "--as-of", "2029-12-31", "--data", str(shifted))
    assert checks["checks"] if isinstance(checks, dict) and "checks" in checks else checks
    assert re.sub(r"UNICEF-[A-Z]+-\d{4}-\d{2}", "REF", json.dumps(checks)) == same_later(
        _json(capsys, "face", "--check", "--as-of", "2025-12-31"))


@pytest.mark.slow
def test_the_close_out_of_a_plan_four_years_on(shifted, tmp_path, capsys):
    from mics_budget.report.closeout import Closeout

    closeout = Closeout.build(str(shifted), "2027-01", "2029-12", "ru")
    original = Closeout.build(None, "2023-01", "2025-12", "ru")
    assert closeout.tables.keys() == original.tables.keys()
    for key, table in closeout.tables.items():
        theirs = original.tables[key]
        assert table.period == _later_text(theirs.period), key
        ours_n, theirs_n = (t.frame.select_dtypes("number") for t in (table, theirs))
        if "year" in ours_n:  # a year is a year four later; every other figure the same
            assert (ours_n.pop("year") == theirs_n.pop("year") + SHIFT).all(), key
        assert ours_n.columns.tolist() == theirs_n.columns.tolist(), key
        assert ours_n.reset_index(drop=True).equals(theirs_n.reset_index(drop=True)), key
    said = re.sub(r"LOT-\d{4}-\d{3}", "", " ".join(closeout.summary))
    assert "2029" in said and not any(year in said for year in OLD), said[:300]
    assert said == _later_text(re.sub(r"LOT-\d{4}-\d{3}", "", " ".join(original.summary)))
    assert main(["report", "--plan", "--data", str(shifted), "--out", str(tmp_path)]) == 0, \
        capsys.readouterr().err
    assert (tmp_path / "plan-2027-01_2029-12" / "manifest.json").exists()
