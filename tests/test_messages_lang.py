"""A refusal keeps its parameters as values and renders them when shown: switched to another
language after the refusal was made, the whole sentence changes, stage names and dates too."""

from __future__ import annotations

import re
from datetime import date

import pytest

from mics_budget import i18n
from mics_budget.config import DataDir
from mics_budget.errors import UserError
from mics_budget.ledger.plan import load_plan
from mics_budget.procurement.recording import record_event, void_event
from tests.conftest import write_files

TODAY = date(2024, 1, 31)
CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")


def refusals(money_dir) -> list[UserError]:
    data = DataDir(money_dir)
    found = []
    for call in (
        lambda: record_event(data, "L1", "delivered", date(2024, 3, 1), today=TODAY),  # future
        lambda: record_event(data, "L1", "amended", date(2023, 8, 1), today=TODAY),  # amount
        lambda: record_event(data, "L1", "announced", date(2023, 8, 1), today=TODAY),  # step
        lambda: record_event(data, "L1", "delivered", date(2023, 7, 1), today=TODAY),  # before
    ):
        with pytest.raises(UserError) as caught:
            call()
        found.append(caught.value)
    record_event(data, "L1", "delivered", date(2023, 8, 1), today=TODAY)
    events = data.procurement / "events.csv"
    assert events.exists()
    from mics_budget.procurement.recording import upgrade_register

    upgrade_register(data)
    with pytest.raises(UserError) as caught:  # a later step depends on it: void that first
        void_event(data, "row-5", "ошибка", today=TODAY)
    found.append(caught.value)
    write_files(money_dir, {"plan/activities.csv": "id,title\n1.1,x\n"})
    with pytest.raises(UserError) as caught:
        load_plan(data)
    found.append(caught.value)
    return found


def test_every_refusal_changes_language_whole_after_it_was_made(money_dir):
    made = refusals(money_dir)  # in Russian (the default)
    assert all(CYRILLIC.search(str(e)) for e in made)
    i18n.set_lang("en")
    try:
        for error in made:
            text = str(error)
            assert not CYRILLIC.search(text), (error.key, text)
    finally:
        i18n.set_lang("ru")


def test_a_bad_params_file_names_its_problem_in_the_language_shown(tmp_path):
    from mics_budget.core.params import report_defaults

    path = tmp_path / "monthly.yaml"
    path.write_text("lang: xx\nmonth: 5\n", "utf-8")
    with pytest.raises(UserError) as caught:
        report_defaults(path)
    i18n.set_lang("en")
    try:
        assert not CYRILLIC.search(str(caught.value).replace(str(path), ""))
    finally:
        i18n.set_lang("ru")
