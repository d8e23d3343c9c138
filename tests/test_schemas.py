"""The declared input tables: loaders produce exactly the declared columns and types, and the
docs/definitions.md documents exactly the declared files."""

from __future__ import annotations

import pytest

from mics_budget import load
from mics_budget.config import PROJECT_ROOT
from mics_budget.core import schemas


@pytest.fixture
def example(example_project):
    return example_project


@pytest.mark.parametrize(("attribute", "schema"), [
    ("budget", schemas.BUDGET), ("payments", schemas.PAYMENTS),
    ("financing_plan", schemas.FINANCING_PLAN), ("lots", schemas.LOTS),
    ("events", schemas.EVENTS)])
def test_a_loaded_table_has_the_declared_columns_and_types(example, money_project, attribute,
                                                           schema):
    for project in (example, money_project):
        frame = getattr(project, attribute)
        assert {c: str(t) for c, t in frame.dtypes.items()} == schema.dtypes()


def test_an_empty_table_has_them_too(data_dir):
    project = load(data_dir)
    for attribute, schema in (("payments", schemas.PAYMENTS), ("lots", schemas.LOTS),
                              ("events", schemas.EVENTS)):
        frame = getattr(project, attribute)
        assert list(frame.columns) == list(schema.dtypes()) or set(frame.columns) == set(
            schema.dtypes()), attribute


def test_the_definitions_document_every_input_file():
    readme = (PROJECT_ROOT / "docs" / "definitions.md").read_text(encoding="utf-8")
    assert schemas.markdown_table() in readme


def test_headers_are_recognised_in_any_case_and_alias():
    assert schemas.PAYMENTS.canonical(" Дата  Платежа ") == "date"
    assert schemas.PAYMENTS.canonical("\ufeffID") == "id"
    assert schemas.LOTS.canonical("estimate_minor") is None  # derived: never from a file
    assert set(schemas.PAYMENTS.required) <= set(schemas.PAYMENTS.columns)
