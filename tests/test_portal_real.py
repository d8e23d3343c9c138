"""The import on answers in the shapes of REAL portal answers (``tests/data/goszakup_real/``,
its README names the public answer each file follows): direct contracts with no announcement,
listings without the results date, contracts without the amount with VAT, acts that were never
approved, lots-only answers, reference tables and participants' answers."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from mics_budget.portal.derive import (
    CANCELLED,
    DONE,
    DRAFT,
    FAILED,
    IN_FORCE,
    METHODS,
    NOT_CONCLUDED,
    OPEN,
    OTHER_METHODS,
    PAUSED,
    PENDING,
    REVIEW,
    TERMINATED,
    derive,
)
from mics_budget.portal.read import read_portal
from tests.goszakup import CUSTOMER, events_of

REAL = Path(__file__).parent / "data" / "goszakup_real"


def lot(name: str, method: str, **link: str) -> dict:
    return {"lot": name, "activity": "7.1", "method": method, "estimate_minor": 10**9,
            "currency": "KZT", "source": "RB", "portal_number": "", "portal_lot": "",
            "portal_contract": "", **link}


@pytest.fixture(scope="module")
def portal():
    return read_portal([REAL])


def test_every_real_shaped_answer_is_read_without_a_problem(portal):
    data, problems = portal
    assert problems == []
    assert {t: len(data.refs.loc[data.refs["table"] == t]) for t in sorted(
        set(data.refs["table"]))} == {"ref_buy_status": 35, "ref_contract_status": 33,
                                      "ref_lots_status": 37, "ref_trade_methods": 35}
    assert data.subject_names() == {"990140000021": "ТОО «Пример Поставка»"}
    # the short list of contracts and the full record of the same contract are one record,
    # and the fields only the full one has are kept
    contracts = data.contracts.set_index("id")
    assert len(contracts) == 4
    assert contracts.loc["35550022", "fakt_trade_methods_id"] == "23"
    assert contracts.loc["35550022", "trd_buy_id"] == "0"


def test_a_direct_contract_links_by_its_number_and_reaches_paid(portal):
    data, _ = portal
    register = pd.DataFrame([lot("D-2", "single_source", portal_contract="K-TEST-0002"),
                             lot("D-1", "single_source", portal_contract="35550021")])
    derived = derive(data, register, CUSTOMER)
    assert events_of(derived, "D-2") == [
        ("2026-02-06", "contracted", "1500000.00", "", "990140000021", "contract:35550022"),
        # the approved act; the revoked one (earlier) is no delivery
        ("2026-03-23", "delivered", "", "", "", "act:45550022"),
        ("2026-03-30", "paid", "", "", "", "contract:35550022:paid"),  # the 2nd payment
    ]
    events = derived.events.set_index("portal_id")
    assert events.loc["contract:35550022", "supplier"] == "ТОО «Пример Поставка»"
    # with VAT where the contract has it
    assert events_of(derived, "D-1")[0][1:3] == ("contracted", "500000.00")
    payments = derived.payments.loc[derived.payments["contract"] == "D-2"]
    assert payments["amount"].tolist() == ["1008000.00", "672000.00"]
    by_key = {p.key: p for p in derived.problems}
    assert set(by_key) == {"portal.amount_without_vat"}
    assert by_key["portal.amount_without_vat"].value == "1500000.00"
    assert "K-TEST-0002" in by_key["portal.amount_without_vat"].message


def test_the_method_of_a_direct_contract_is_compared(portal):
    data, _ = portal
    derived = derive(data, pd.DataFrame([lot("D-1", "auction", portal_contract="K-TEST-0001")]),
                     CUSTOMER)
    [problem] = [p for p in derived.problems if p.key == "portal.method_differs"]
    assert problem.value == "single_source" and problem.params["method"] == "auction"
    # an auction cannot start at "contracted": the lifecycle refuses, and says so
    assert "portal.lifecycle_refused" in {p.key for p in derived.problems}


def test_an_unknown_contract_is_named(portal):
    data, _ = portal
    derived = derive(data, pd.DataFrame([lot("X", "single_source",
                                             portal_contract="K-NONE")]), CUSTOMER)
    [problem] = derived.problems
    assert (problem.key, problem.column, problem.value) == (
        "portal.contract_not_found", "portal_contract", "K-NONE")


def test_without_a_results_date_the_lot_still_reaches_contracted(portal):
    data, _ = portal
    register = pd.DataFrame([lot("A", "open_tender", portal_number="15550021-1"),
                             lot("B", "open_tender", portal_number="15550022-1")])
    derived = derive(data, register, CUSTOMER)
    assert [e[1] for e in events_of(derived, "A")] == [
        "announced", "evaluation", "awarded", "contracted"]
    assert [e[1] for e in events_of(derived, "B")] == [
        "announced", "evaluation", "awarded", "contracted"]
    fallbacks = {p.params["lot"]: p for p in derived.problems if p.key == "portal.date_fallback"}
    # A: the contract's copy of the results date; B: nothing but the signing day
    assert fallbacks["A"].value == "2026-03-12"
    assert fallbacks["A"].params["used"] == "trd_buy_itogi_date_public"
    assert fallbacks["B"].params["used"] == "sign_date"
    assert events_of(derived, "B")[2][0] == fallbacks["B"].value
    assert fallbacks["A"].severity == "warning" and fallbacks["A"].column == "itogi_date_public"
    assert "itogi_date_public" in fallbacks["B"].message


def test_a_lots_only_answer_links_by_the_announcement_number(portal):
    data, _ = portal
    register = pd.DataFrame([lot("P1", "price_quotations", portal_number="15550011-1",
                                 portal_lot="95550011-ЗЦП1"),
                             lot("P2", "price_quotations", portal_lot="95550012-ЗЦП2")])
    derived = derive(data, register, CUSTOMER)
    assert events_of(derived, "P1")[0][:2] == ("2026-02-11", "announced")
    assert [e[1] for e in events_of(derived, "P2")] == ["announced", "evaluation",
                                                        "unsuccessful"]
    # P1's lot is held (360) but nothing dates its results: a gap named, not a silent cut
    [gap] = [p for p in derived.problems if p.key == "portal.missing_date"]
    assert gap.params["lot"] == "P1" and gap.column == "itogi_date_public"


def test_every_code_of_the_portals_reference_tables_maps_or_warns_by_name(portal):
    data, _ = portal
    methods = set(map(int, data.names("ref_trade_methods")))
    assert methods - set(METHODS) - OTHER_METHODS == set()
    statuses = set(map(int, data.names("ref_buy_status"))) | set(
        map(int, data.names("ref_lots_status")))
    known = DRAFT | OPEN | REVIEW | DONE | FAILED | CANCELLED | PAUSED
    assert statuses - known == set()
    contract = set(map(int, data.names("ref_contract_status")))
    assert contract - (PENDING | IN_FORCE | TERMINATED | NOT_CONCLUDED) == set()


def test_a_method_without_a_register_equivalent_is_a_warning_with_its_name(tmp_path):
    answer = json.loads((REAL / "nodate" / "a_trd_buy_15550021.json").read_text("utf-8"))
    answer["ref_trade_methods_id"] = 130
    (tmp_path / "trd_buy.json").write_text(json.dumps(answer, ensure_ascii=False), "utf-8")
    changed, problems = read_portal([tmp_path, REAL / "refs"])
    assert problems == []
    derived = derive(changed, pd.DataFrame([lot("A", "open_tender",
                                                portal_number="15550021-1")]), CUSTOMER)
    [problem] = [p for p in derived.problems if p.key == "portal.other_method"]
    assert problem.value == "130"
    assert problem.params["name"] == "Государственные закупки с применением особого порядка"
    assert events_of(derived, "A")[0][1] == "announced"  # the lot keeps its steps


def test_a_lot_linked_by_its_portal_lot_only_is_named_as_a_lot(portal):
    data, _ = portal
    derived = derive(data, pd.DataFrame([lot("Q", "auction", portal_lot="99999999-АУК9")]),
                     CUSTOMER)
    [problem] = derived.problems
    assert (problem.key, problem.column, problem.value) == (
        "portal.lot_link_not_found", "portal_lot", "99999999-АУК9")
    assert "объявлени" not in problem.message and "лот 99999999-АУК9" in problem.message


def test_history_names_where_each_entry_came_from():
    from mics_budget.procurement.corrections import portal_page

    assert portal_page("goszakup:trd_buy:15550001:announced") == \
        "https://goszakup.gov.kz/ru/announce/index/15550001"
    assert portal_page("goszakup:contract:35550001:paid") == \
        "https://goszakup.gov.kz/ru/egzcontract/cpublic/show/35550001"
    assert portal_page("goszakup:act:45550001") == ""  # an act has no page of its own
    assert portal_page("") == portal_page("goszakup:trd_buy:<x>:y") == ""
