"""The bundled example data: reproducible, clean, and exercising what the tools show."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from mics_budget.config import DEFAULT_DATA_DIR, DataDir
from mics_budget.example import build


@pytest.fixture
def project(example_project):
    return example_project


def test_regenerating_reproduces_the_committed_files(tmp_path):
    shutil.copytree(DEFAULT_DATA_DIR / "plan", tmp_path / "plan")
    for path, text in build(DataDir(tmp_path)).items():
        committed = DEFAULT_DATA_DIR / path.relative_to(tmp_path)
        assert committed.read_text(encoding="utf-8") == text, path.name


def test_it_is_marked_as_example_data(project):
    assert project.example_data


def test_it_has_no_errors(project):
    assert [p.line() for p in project.problems if p.severity == "error"] == []


def test_every_rb_and_unicef_activity_has_a_budget_line(project):
    funded = {a.id for a in project.plan.activities if a.funding != "NONE"}
    budget = project.budget
    for phase in ("proposed", "approved", "adjusted"):
        assert set(budget.loc[budget["phase"] == phase, "activity"]) == funded, phase


def test_unicef_is_in_usd_with_rates_and_rb_in_tenge(project):
    budget = project.budget
    assert set(budget.loc[budget["source"] == "UNICEF", "currency"]) == {"USD"}
    assert set(budget.loc[budget["source"] == "RB", "currency"]) == {"KZT"}
    usd = project.payments[project.payments["currency"] == "USD"]
    assert len(usd) > 0 and usd["kzt_minor"].notna().all()


def test_payments_fall_inside_the_activity_period_or_soon_after(project):
    payments = project.payments
    for row in payments.itertuples():
        period = project.plan[row.activity].period
        assert period.start <= row.date.date(), row.id
        assert (row.date.date() - period.end).days <= 45, row.id


def test_lots_cover_the_four_procurement_activities(project):
    assert set(project.lots["activity"]) == {"7.1", "7.2", "7.3", "9.2"}
    stages = set(project.events["status"])
    assert stages >= {"planned", "announced", "evaluation", "unsuccessful", "cancelled",
                      "awarded", "contracted", "amended", "delivered", "paid", "closed",
                      "terminated"}


def test_execution_is_plausible_and_not_total(project):
    table = project.spending(date(2025, 12, 31)).set_index("source")
    assert 0.5 < table.loc["RB", "execution"] < 1
    assert 0.5 < table.loc["UNICEF", "execution"] < 1
