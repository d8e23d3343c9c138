"""Red flags that goszakup.gov.kz makes visible (:mod:`mics_budget.procurement.flags`): a
winner in the register of unreliable participants, acceptance acts with a penalty or a delay.
(The register's own flags are tested with the register, in ``test_register.py``.)"""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from mics_budget import i18n, load
from mics_budget.core.params import ActPenalty, red_flag_rules
from mics_budget.procurement.flags import red_flags
from tests.conftest import write_files

# the supplier of L1 (awarded 2023-06-08), saved by hand from the portal: a GraphQL answer
RNU = {"data": {"Rnu": [
    {"id": "7001", "supplierBiin": "990140000001", "supplierNameRu": "ТОО А",
     "startDate": "2023-09-01 10:00:00", "endDate": "2025-09-01 10:00:00"},
    {"id": "7000", "supplierBiin": "990140000001", "supplierNameRu": "ТОО А",
     "startDate": "2021-01-10 10:00:00", "endDate": "2022-01-10 10:00:00"},  # over before
    {"id": "7002", "supplierBiin": "990140000077", "supplierNameRu": "ТОО Чужой",
     "startDate": "2023-01-01 10:00:00", "endDate": None}]}}
FACTS = {"format": "mics-budget/goszakup-facts/1", "treasury": [], "penalties": [
    {"lot": "L1", "act_id": "1", "contract_id": "9", "date": "2023-07-20",
     "sum_fine": "0.00", "day_overdue": 0},
    {"lot": "L1", "act_id": "2", "contract_id": "9", "date": "2023-07-25",
     "sum_fine": "15000.50", "day_overdue": 3},
    {"lot": "L1", "act_id": "3", "contract_id": "9", "date": "2024-02-01",
     "sum_fine": "100.00", "day_overdue": None},
    {"lot": "L9", "act_id": "4", "contract_id": "8", "date": "2023-07-25",
     "sum_fine": "100.00", "day_overdue": 1}]}  # not a lot of this register


def portal_files(folder) -> None:
    write_files(folder, {"procurement/portal/rnu.json": json.dumps(RNU, ensure_ascii=False),
                         "procurement/portal/facts.json": json.dumps(FACTS)})


def portal_flags(project, as_of, rules=None):
    return [f for f in red_flags(project, as_of, rules)
            if f.code in ("unreliable_supplier", "act_penalty")]


def test_a_winner_listed_as_unreliable_while_its_contract_ran(money_dir):
    portal_files(money_dir)
    project = load(money_dir)
    assert project.problems == []
    assert portal_flags(project, date(2023, 8, 31))[0].code == "act_penalty"  # not listed yet
    flag = next(f for f in portal_flags(project, date(2023, 12, 31))
                if f.code == "unreliable_supplier")
    assert (flag.lot, flag.severity) == ("L1", "error")
    assert flag.detail == ("ТОО А (БИН 990140000001) в реестре недобросовестных участников: "
                           "01.09.2023 – 01.09.2025")
    assert flag.as_json()["facts"] == {"supplier": "ТОО А", "bin": "990140000001",
                                       "start": "2023-09-01", "end": "2025-09-01"}
    with i18n.using("kk"):
        assert "жосықсыз қатысушылар тізілімінде" in flag.detail


@pytest.mark.slow  # over half a second: the fast loop stays under a minute
def test_acts_with_a_penalty_or_a_delay(money_dir):
    portal_files(money_dir)
    project = load(money_dir)
    acts = [f for f in portal_flags(project, date(2023, 12, 31)) if f.code == "act_penalty"]
    assert [dict(f.facts)["act"] for f in acts] == ["2"]  # no fine and no delay: no flag
    assert acts[0].detail == ("акт 2 от 25.07.2023: неустойка 15\u00a0000,50\u00a0₸, "
                              "просрочка 3 дн.")
    later = [f for f in portal_flags(project, date(2024, 3, 1)) if f.code == "act_penalty"]
    assert [dict(f.facts)["act"] for f in later] == ["2", "3"]
    strict = dataclasses.replace(red_flag_rules(), act_penalty=ActPenalty(
        min_fine=20_000, min_days_overdue=5))
    assert [f for f in portal_flags(project, date(2024, 3, 1), strict)
            if f.code == "act_penalty"] == []
    off = dataclasses.replace(red_flag_rules(), act_penalty=None, unreliable_supplier=None)
    assert portal_flags(project, date(2024, 3, 1), off) == []


def test_without_portal_files_nothing_is_flagged(money_project):
    assert portal_flags(money_project, date(2024, 3, 1)) == []
