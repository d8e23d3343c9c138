"""Deriving register events and payments from portal records (:mod:`mics_budget.portal.derive`).

Fixtures: ``tests/data/goszakup/`` (its README lists what each register lot goes through).
"""

from __future__ import annotations

import pandas as pd
import pytest

from mics_budget.portal.derive import derive
from mics_budget.portal.read import read_portal
from tests.goszakup import CUSTOMER, DATA, REGISTER, events_of, keys


@pytest.fixture(scope="module")
def portal():
    return read_portal([DATA])


@pytest.fixture(scope="module")
def derived(portal):
    return derive(portal[0], REGISTER, CUSTOMER)


# --- deriving -------------------------------------------------------------------------------


def test_full_life_of_a_lot(derived):
    assert events_of(derived, "LOT-A") == [
        ("2023-05-15", "announced", "", "", "", "trd_buy:15550001:announced"),
        ("2023-06-01", "evaluation", "", "3", "", "trd_buy:15550001:evaluation"),
        ("2023-06-08", "awarded", "", "3", "990140000001", "trd_buy:15550001:awarded"),
        ("2023-06-20", "contracted", "9520000.00", "", "990140000001", "contract:35550001"),
        ("2023-07-05", "amended", "9700000.00", "", "", "contract:35550002"),
        ("2023-07-12", "delivered", "", "", "", "act:45550001"),  # the deleted act is not
        ("2023-07-28", "paid", "", "", "", "contract:35550001:paid"),
    ]
    events = derived.events.set_index("portal_id")
    assert events.loc["contract:35550001", "supplier"] == "ТОО «Пример»"
    assert events.loc["contract:35550001", "document"] == "990140000010/230001/00"
    assert events.loc["contract:35550001", "amount_minor"] == 952000000
    assert set(derived.events["source"]) == {"goszakup"}
    payments = derived.payments.loc[derived.payments["contract"] == "LOT-A"]
    assert payments[["id", "date", "activity", "source", "specifics", "amount",
                     "currency", "payee", "document"]].values.tolist() == [
        ["GZ-55550001", "2023-07-20", "7.1", "RB", "143", "5000000.00", "KZT",
         "ТОО «Пример»", "700001"],
        ["GZ-55550002", "2023-07-28", "7.1", "RB", "143", "4700000.00", "KZT",
         "ТОО «Пример»", "700002"],
    ]


def test_failed_lot_then_repeated_tender(derived):
    assert events_of(derived, "LOT-B") == [
        ("2023-05-25", "announced", "", "", "", "trd_buy:15550002:announced"),
        ("2023-06-01", "evaluation", "", "", "", "trd_buy:15550002:evaluation"),
        ("2023-06-02", "unsuccessful", "", "", "", "trd_buy:15550002:unsuccessful"),
        ("2023-06-05", "announced", "", "", "", "trd_buy:15550003:announced"),
        ("2023-06-12", "evaluation", "", "2", "", "trd_buy:15550003:evaluation"),
        ("2023-06-14", "awarded", "", "2", "990140000002", "trd_buy:15550003:awarded"),
        # no contractSumWnds: the amount without VAT; a partial payment: not paid
        ("2023-06-20", "contracted", "2100000.00", "", "990140000002", "contract:35550003"),
    ]
    payment = derived.payments.set_index("contract").loc["LOT-B"]
    assert payment["id"] == "GZ-EGZ-000003/01-001-2023-07-01"  # the payment has no id
    assert payment["specifics"] == "142" and payment["amount"] == "1000000.00"


def test_cancelled_lot_and_terminated_contract(derived):
    assert events_of(derived, "LOT-C") == [
        ("2023-05-20", "announced", "", "", "", "trd_buy:15550004:announced"),
        ("2023-05-30", "cancelled", "", "", "", "trd_buy:15550004:cancelled"),
    ]
    assert [e[1] for e in events_of(derived, "LOT-D")] == [
        "announced", "evaluation", "awarded", "contracted", "terminated"]
    assert events_of(derived, "LOT-D")[-1][0] == "2023-08-20"
    assert events_of(derived, "LOT-D")[1][3] == "1"  # a single bid, for the red flag


def test_unknown_codes_and_missing_links_are_problems(derived):
    assert events_of(derived, "LOT-E") == [
        ("2023-07-01", "announced", "", "", "", "trd_buy:15550006:announced")]
    by_key = {p.key: p for p in derived.problems}
    assert by_key["portal.unknown_method"].value == "99"
    assert by_key["portal.unknown_method"].file.endswith("rest/trd_buy_page.json")
    assert by_key["portal.unknown_status"].value == "999"
    assert by_key["portal.unknown_status"].row == 2  # items[1] of lots_2.json
    assert by_key["portal.link_not_found"].params["lot"] == "LOT-G"
    # LOT-B's contract has no amount with VAT: the one used is named (issue 21)
    assert sorted(keys(derived.problems)) == ["portal.amount_without_vat",
                                              "portal.link_not_found", "portal.unknown_method",
                                              "portal.unknown_status"]
    assert set(derived.events["lot"]) == {"LOT-A", "LOT-B", "LOT-C", "LOT-D", "LOT-E"}


def test_other_customers_and_unlinked_records_are_ignored_and_counted(derived):
    counts = {(r.kind, r.reason): r.records for r in derived.ignored.itertuples()}
    assert counts[("announcements", "other_customer")] == 1  # 15550010
    assert counts[("announcements", "unlinked")] == 2  # 15550009, 15550098
    assert counts[("lots", "other_customer")] == 1
    assert counts[("lots", "unlinked")] == 2  # 25550009, the second lot of 15550004
    assert counts[("contracts", "other_customer")] == 1
    assert counts[("contracts", "unlinked")] == 1  # 35550099
    assert counts[("treasury_payments", "other_customer")] == 1
    assert counts[("bids", "unlinked")] == 1
    assert derived.ignored_count("other_customer") == 5
    assert "990140000099" not in set(derived.events["supplier_bin"])


def test_without_a_customer_bin_nothing_is_another_customers(portal, derived):
    everything = derive(portal[0], REGISTER)
    assert everything.ignored_count("other_customer") == 0
    assert everything.ignored_count("unlinked", "announcements") == 3
    assert everything.events.equals(derived.events)


def test_kpi_frames(derived):
    treasury = derived.treasury.set_index("lot")
    assert treasury.loc["LOT-A", "dt_reg"] == pd.Timestamp("2023-06-22")
    assert treasury.loc["LOT-A", "contract_id"] == "35550001"
    penalty = derived.penalties.iloc[0]
    assert (penalty["lot"], penalty["act_id"], penalty["sum_fine"], penalty["day_overdue"]) == (
        "LOT-A", "45550001", "48500.00", 5)
    assert derived.unreliable_bins == {"990140000003"}
    assert derived.unreliable.set_index("supplier_bin").loc["990140000003", "lots"] == "LOT-D"
    links = derived.links
    assert set(links.loc[links["lot"] == "LOT-B", "portal_id"]) == {
        "15550002", "15550003", "25550002", "25550003", "35550003"}


def test_a_sequence_the_lifecycle_refuses_is_a_problem_not_an_event(portal):
    data, _ = portal
    acts = data.acts.copy()
    acts.loc[acts["id"] == "45550001", "approve_date"] = pd.Timestamp("2023-07-30")
    data = type(data)(**{**data.__dict__, "acts": acts})
    result = derive(data, REGISTER.iloc[:1], CUSTOMER)
    statuses = [e[1] for e in events_of(result, "LOT-A")]
    assert statuses[-2:] == ["amended", "delivered"]  # paid on 07-28 came before delivery
    refused = [p for p in result.problems if p.key == "portal.lifecycle_refused"]
    assert [(p.value, p.params["stage"].key, p.params["lot"]) for p in refused] == [
        ("paid", "stage.contracted", "LOT-A")]
    assert "этап «оплачено»" in refused[0].message and "«поставлено»" in refused[0].message
    assert "contract:35550001:paid" in refused[0].message


def test_a_repeat_registered_as_a_lot_of_its_own(portal):
    data, _ = portal
    register = pd.concat([REGISTER.iloc[[1]], REGISTER.iloc[[1]].assign(
        lot="LOT-B2", portal_number="15550003-1")])
    result = derive(data, register, CUSTOMER)
    assert [e[1] for e in events_of(result, "LOT-B")] == [
        "announced", "evaluation", "unsuccessful"]
    assert [e[:2] for e in events_of(result, "LOT-B2")] == [
        ("2023-06-05", "announced"), ("2023-06-12", "evaluation"), ("2023-06-14", "awarded"),
        ("2023-06-20", "contracted")]
    # the only remark: the contract's amount is without VAT, and says so (issue 21)
    assert [(p.key, p.params["lot"]) for p in result.problems] == [
        ("portal.amount_without_vat", "LOT-B2")]


def test_link_problems(portal):
    data, _ = portal
    register = pd.DataFrame([
        {"lot": "X1", "activity": "7.2", "method": "auction", "portal_number": "15550004-1",
         "portal_lot": ""},  # two lots in the announcement
        {"lot": "X2", "activity": "7.2", "method": "auction", "portal_number": "15550004-1",
         "portal_lot": "90000009-НЕТ"},  # no such lot
        {"lot": "X3", "activity": "7.2", "method": "open_tender", "portal_number": "15550004-1",
         "portal_lot": "90000003-АУК1"},
        {"lot": "X4", "activity": "7.2", "method": "auction", "portal_number": "",
         "portal_lot": "90000003-АУК1"},  # the same portal lot again, by lot number only
    ])
    result = derive(data, register, CUSTOMER)
    found = [(p.key, p.params["lot"]) for p in result.problems]
    assert ("portal.lot_ambiguous", "X1") in found
    assert ("portal.lot_not_found", "X2") in found
    assert ("portal.method_differs", "X3") in found  # auction on the portal
    assert ("portal.claimed_twice", "X4") in found
    assert set(result.events["lot"]) == {"X3"}


def test_contract_in_another_currency_is_refused(portal):
    data, _ = portal
    contracts = data.contracts.copy()
    contracts.loc[contracts["id"] == "35550005", "ref_currency_code"] = "USD"
    data = type(data)(**{**data.__dict__, "contracts": contracts})
    result = derive(data, REGISTER.iloc[[3]], CUSTOMER)
    assert [e[1] for e in events_of(result, "LOT-D")] == ["announced", "evaluation", "awarded"]
    assert "portal.currency_mismatch" in keys(result.problems)


def test_steps_follow_the_status_and_fall_back_on_the_contracts_dates(portal):
    data, _ = portal
    anns, lots = data.announcements.copy(), data.lots.copy()
    anns.loc[anns["id"] == "15550001", "itogi_date_public"] = pd.NaT
    lots.loc[lots["id"] == "25550005", "ref_lot_status_id"] = "250"  # bids under review
    contracts = data.contracts.loc[data.contracts["id"] != "35550005"]
    data = type(data)(**{**data.__dict__, "announcements": anns, "lots": lots,
                         "contracts": contracts})
    result = derive(data, REGISTER.iloc[[0, 3]], CUSTOMER)
    awarded = next(e for e in events_of(result, "LOT-A") if e[1] == "awarded")
    assert awarded[0] == "2023-06-08"  # the contract's trd_buy_itogi_date_public
    assert [e[:2] for e in events_of(result, "LOT-D")] == [
        ("2023-06-20", "announced"), ("2023-06-27", "evaluation")]


def test_unknown_contract_status_and_treasury_payments_on_unicef_money(portal):
    data, _ = portal
    contracts = data.contracts.copy()
    contracts.loc[contracts["id"] == "35550005", "ref_contract_status_id"] = "777"
    data = type(data)(**{**data.__dict__, "contracts": contracts})
    register = REGISTER.iloc[[0, 3]].assign(source=["UNICEF", "RB"])
    result = derive(data, register, CUSTOMER)
    assert [e[1] for e in events_of(result, "LOT-D")] == [
        "announced", "evaluation", "awarded", "contracted"]  # no longer terminated
    unknown = next(p for p in result.problems if p.key == "portal.unknown_status")
    assert unknown.value == "777" and unknown.column == "ref_contract_status_id"
    assert "portal.unicef_treasury" in keys(result.problems)
    assert set(result.payments["source"]) == {"UNICEF"}
