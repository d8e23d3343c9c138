"""The loaded project answers every question for every month of the example data and beyond
(no missing-value surprises at the edges: before the first record, after the last)."""

from __future__ import annotations

from datetime import date

import pytest

from mics_budget.core.months import month_end
from mics_budget.procurement.flags import red_flags
from mics_budget.procurement.status import register

MONTHS = [f"{y}-{m:02d}" for y in range(2022, 2027) for m in range(1, 13)][11::2]


@pytest.fixture
def project(example_project):
    return example_project


@pytest.mark.slow  # a sweep: 28 months, about 7 s in all
@pytest.mark.parametrize("month", MONTHS)
def test_every_view_works_on_every_month(project, month):
    as_of = month_end(month)
    total = project.spending_minor(as_of).set_index("source")
    by_section = project.spending_minor(as_of, ["section"])
    assert by_section.groupby("source")["paid"].sum().to_dict() == total["paid"].to_dict()
    project.cumulative(as_of)
    project.forecast(as_of)
    lots = register(project, as_of)
    assert len(lots) == len(project.valid_lots) == 8  # every lot of the file, on any day
    flags = red_flags(project, as_of, table=lots)
    assert all(f.detail and "{" not in f.detail for f in flags)
    status = project.status(as_of)
    assert len(status) == 47
    if as_of < date(2023, 2, 1):
        assert set(status["status"]) == {"planned"}
        assert total.empty or (total["paid"] == 0).all()
