"""The goszakup.gov.kz import layer: reading saved answers, deriving events, fetching.

Fixtures: ``tests/data/goszakup/`` (invented example data; its README lists what each
register lot goes through). Fetching runs against a local HTTP server replaying pages.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mics_budget import i18n
from mics_budget.portal import STATE_FORMAT, read_portal, snake
from mics_budget.portal_derive import derive
from mics_budget.portal_fetch import PortalError, fetch

DATA = Path(__file__).parent / "data" / "goszakup"
CUSTOMER = "990140000010"
TOKEN = "tok-Secret-0123456789abcdef"

REGISTER = pd.DataFrame([
    {"lot": "LOT-A", "activity": "7.1", "method": "open_tender", "estimate_minor": 980000000,
     "currency": "KZT", "portal_number": "15550001-1", "portal_lot": "90000001-ОК1",
     "source": "RB"},
    {"lot": "LOT-B", "activity": "7.3", "method": "price_quotations",
     "estimate_minor": 240000000, "currency": "KZT", "portal_number": "15550002-1",
     "portal_lot": "", "source": "RB"},
    {"lot": "LOT-C", "activity": "7.2", "method": "auction", "estimate_minor": 600000000,
     "currency": "KZT", "portal_number": "15550004-1", "portal_lot": "90000003-АУК1",
     "source": "RB"},
    {"lot": "LOT-D", "activity": "9.2", "method": "price_quotations",
     "estimate_minor": 420000000, "currency": "KZT", "portal_number": "15550005-1",
     "portal_lot": "", "source": "RB"},
    {"lot": "LOT-E", "activity": "7.2", "method": "e_shop", "estimate_minor": 90000000,
     "currency": "KZT", "portal_number": "15550006-1", "portal_lot": "", "source": "RB"},
    {"lot": "LOT-F", "activity": "7.2", "method": "open_tender", "estimate_minor": 100,
     "currency": "KZT", "portal_number": "", "portal_lot": "", "source": "RB"},
    {"lot": "LOT-G", "activity": "7.2", "method": "open_tender", "estimate_minor": 100,
     "currency": "KZT", "portal_number": "15559999-1", "portal_lot": "", "source": "RB"},
])


@pytest.fixture(scope="module")
def portal():
    return read_portal([DATA])


@pytest.fixture(scope="module")
def derived(portal):
    return derive(portal[0], REGISTER, CUSTOMER)


def keys(problems) -> list[str]:
    return [p.key for p in problems]


def events_of(derived, lot: str) -> list[tuple]:
    rows = derived.events.loc[derived.events["lot"] == lot]
    return list(zip(rows["date"], rows["status"], rows["amount"], rows["bids"],
                    rows["supplier_bin"], rows["portal_id"], strict=True))


# --- reading --------------------------------------------------------------------------------


def test_every_shape_is_read_into_its_kind(portal):
    data, _ = portal
    counts = {k: len(data.frame(k)) for k in ("announcements", "lots", "contracts",
                                              "contract_units", "acts", "bids",
                                              "treasury_payments", "plans", "rnu")}
    # REST 4 + GraphQL 3 + bare list 1 + a bad record with a bad date (kept, date empty)
    assert counts == {"announcements": 9, "lots": 9, "contracts": 6, "contract_units": 5,
                      "acts": 2, "bids": 7, "treasury_payments": 4, "plans": 0, "rnu": 1}
    lots = data.lots.set_index("id")
    # camelCase -> snake_case, the parent's id given to a nested lot, lists kept as text
    assert lots.loc["25550003", "trd_buy_id"] == "15550003"
    assert lots.loc["25550003", "trd_buy_number_anno"] == "15550003-1"
    assert lots.loc["25550003", "point_list"] == "70000002"
    assert lots.loc["25550003", "_path"] == "data.TrdBuy[1].Lots[0]"
    assert lots.loc["25550010", "customer_bin"] == "990140000099"  # a bare camelCase list
    units = data.contract_units.set_index("_key")
    assert units.loc["35550003:25550003:70000002", "contract_id"] == "35550003"  # nested, no id
    assert units.loc["65550001", "contract_id"] == "35550001"  # REST contract_registry_id
    payments = data.treasury_payments.set_index("_key")
    assert payments.loc["EGZ-000003/01-001:2023-07-01", "contract_id"] == "35550003"
    assert payments.loc["EGZ-000003/01-001:2023-07-01", "id"] == ""
    bids = data.bids.set_index("id")  # one row per lot of an application
    assert bids.loc["86550031", "app_id"] == "85550031"
    assert bids.loc["86550031", "supplier_bin_iin"] == "990140000002"
    assert bids.loc["86550031", "supplier_name_ru"] == "ТОО «Пример-2»"  # flattened Supplier
    assert bids.loc["86550002", "lot_id"] == "25550001"
    contract = data.contracts.set_index("id").loc["35550003"]
    assert contract["supplier_name_ru"] == "ТОО «Пример-2»"
    assert contract["contract_sum_wnds"] == ""  # null is empty, never "None"


def test_values_are_exact_and_dates_almaty_days(portal):
    data, _ = portal
    contracts = data.contracts.set_index("id")
    assert contracts.loc["35550002", "contract_sum"] == "8660714.29"  # the JSON text, no float
    assert contracts.loc["35550002", "contract_sum_minor"] == 866071429
    assert contracts.loc["35550001", "contract_sum_wnds_minor"] == 952000000
    assert pd.isna(contracts.loc["35550003", "contract_sum_wnds_minor"])
    anns = data.announcements.set_index("id")
    assert anns.loc["15550001", "publish_date"] == pd.Timestamp("2023-05-15")
    assert anns.loc["15550003", "itogi_date_public"] == pd.Timestamp("2023-06-14")  # .123 s
    payments = data.treasury_payments.set_index("id")
    # 2023-06-21T20:00:00Z is 2023-06-22 02:00 in Almaty (UTC+6 then)
    assert payments.loc["55550001", "dt_reg"] == pd.Timestamp("2023-06-22")
    assert payments.loc["55550002", "pay_amount_minor"] == 470000000
    acts = data.acts.set_index("id")
    assert acts.loc["45550001", "sum_fine_minor"] == 4850000
    assert data.bids.set_index("id").loc["86550001", "date_apply"] == pd.Timestamp("2023-05-25")


def test_a_record_read_from_two_files_is_kept_once(portal, tmp_path):
    data, _ = portal
    assert (data.lots["id"] == "25550001").sum() == 1
    assert data.lots.set_index("id").loc["25550001", "_file"].endswith("rest/lots_1.json")
    # a newer version wins whatever the file order
    old = {"id": 7, "lot_number": "X-1", "trd_buy_id": 1, "ref_lot_status_id": 220,
           "last_update_date": "2023-05-01 10:00:00"}
    new = {**old, "ref_lot_status_id": 370, "last_update_date": "2023-06-01 10:00:00"}
    (tmp_path / "a.json").write_text(json.dumps([new]), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps({"items": [old]}), encoding="utf-8")
    again, problems = read_portal([tmp_path])
    assert problems == []
    assert again.lots["ref_lot_status_id"].tolist() == ["370"]


def test_bad_files_and_records_are_problems_naming_file_and_record(portal):
    _, problems = portal
    found = {(p.key, Path(p.file).name, p.row) for p in problems}
    assert ("portal.not_json", "not_json.json", None) in found
    assert ("portal.unknown_shape", "unknown_shape.json", None) in found
    assert ("portal.graphql_errors", "graphql_error.json", None) in found
    assert ("portal.missing_id", "bad_records.json", 1) in found
    assert ("portal.bad_date", "bad_records.json", 2) in found
    assert ("portal.bad_amount", "bad_records.json", 3) in found
    assert ("portal.unknown_record", "bad_records.json", 4) in found
    assert len(problems) == 7
    bad_date = next(p for p in problems if p.key == "portal.bad_date")
    assert bad_date.column == "publish_date" and bad_date.value == "2023-13-45 10:00:00"
    assert "items[1]" in bad_date.message and "2023-13-45" in bad_date.message
    i18n.set_lang("en")
    assert "invalid date" in bad_date.message


@pytest.mark.parametrize(("record", "kind"), [
    ({"id": 1, "numberAnno": "1-1", "publishDate": "2023-01-01"}, "announcements"),
    ({"id": 1, "lot_number": "L-1", "trd_buy_id": 1}, "lots"),
    ({"id": 1, "AppLots": [{"id": 2, "lotId": 3}]}, "bids"),
    ({"id": 1, "payAmount": 5, "payDate": "2023-01-01", "contractId": 9}, "treasury_payments"),
    ({"id": 1, "aktDate": "2023-01-01", "contractId": 9}, "acts"),
    ({"id": 1, "lotId": 3, "plnPointId": 4, "contractSum": 10, "contractId": 9},
     "contract_units"),
    ({"id": 1, "contractSumWnds": 10, "signDate": "2023-01-01"}, "contracts"),
    ({"id": 1, "planFinYear": 2023, "subjectBiin": "990140000010"}, "plans"),
    ({"id": 1, "supplierBiin": "990140000003", "katoList": ["1"]}, "rnu"),
])
def test_the_kind_of_a_record_is_inferred_from_its_fields(tmp_path, record, kind):
    (tmp_path / "list.json").write_text(json.dumps([record]), encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({**record, "id": 99}), encoding="utf-8")
    data, problems = read_portal([tmp_path])
    assert problems == []
    sizes = {k: len(data.frame(k)) for k in ("announcements", "lots", "contracts", "acts",
                                             "contract_units", "bids", "treasury_payments",
                                             "plans", "rnu")}
    assert sizes.pop(kind) >= 1
    assert set(sizes.values()) == {0}


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=12) | st.sampled_from(["2023-05-22 10:00:00", "1.005", "12,5", "0"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "items", "data", "errors", "TrdBuy", "Lots", "numberAnno",
                         "publishDate", "lot_number", "trd_buy_id", "AppLots", "payAmount",
                         "contractSum", "signDate", "aktDate", "supplierBiin", "katoList",
                         "ContractUnits", "TreasuryPay", "status", "message", "name", "x"]),
        inner, max_size=6),
    max_leaves=20)


@pytest.mark.slow
@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=JSON, garbage=st.binary(max_size=40))
def test_any_input_gives_problems_never_exceptions(tmp_path, document, garbage):
    (tmp_path / "doc.json").write_text(json.dumps(document), encoding="utf-8")
    (tmp_path / "garbage.json").write_bytes(garbage)
    data, problems = read_portal([tmp_path])
    assert all(p.message for p in problems)
    derive(data, REGISTER, CUSTOMER)


def test_snake_case():
    assert snake("numberAnno") == "number_anno"
    assert snake("AppLots") == "app_lots"
    assert snake("nameRU") == "name_ru"
    assert snake("contractSumWnds") == "contract_sum_wnds"
    assert snake("itogi_date_public") == "itogi_date_public"


def test_state_and_hidden_files_are_skipped_missing_paths_reported(tmp_path):
    (tmp_path / "state.json").write_text(json.dumps({"format": STATE_FORMAT}), "utf-8")
    (tmp_path / ".page.json.tmp.json").write_text("{", "utf-8")
    (tmp_path / "notes.txt").write_text("not read", "utf-8")
    data, problems = read_portal([tmp_path, tmp_path / "nowhere"])
    assert keys(problems) == ["portal.path_missing"]
    assert [Path(f).name for f in data.files] == ["state.json"]  # opened, recognised, no rows
    assert all(len(data.frame(k)) == 0 for k in ("announcements", "lots", "contracts"))


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
    assert sorted(keys(derived.problems)) == ["portal.link_not_found", "portal.unknown_method",
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
    assert [(p.value, p.params["stage"], p.params["lot"]) for p in refused] == [
        ("paid", "contracted", "LOT-A")]
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
    assert result.problems == []


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


# --- fetching -------------------------------------------------------------------------------


def _page(items: list[dict], next_page: str = "") -> bytes:
    return json.dumps({"total": 3, "limit": 1, "next_page": next_page, "items": items},
                      ensure_ascii=False).encode("utf-8")


def _answer(root: str, items: list[dict], last: int | None, more: bool) -> bytes:
    return json.dumps({"data": {root: items}, "extensions": {"pageInfo": {
        "limitPage": 1, "hasNextPage": more, "lastId": last}}}).encode("utf-8")


LOTS_URL = f"/v3/lots/bin/{CUSTOMER}"


def _lot(i: int, trd_buy: int) -> dict:
    return {"id": i, "lot_number": f"L-{i}", "trd_buy_id": trd_buy, "ref_lot_status_id": 360,
            "customer_bin": CUSTOMER}


class FakePortal:
    """Replays recorded pages; counts every request by a key (path, or GraphQL root+after)."""

    def __init__(self):
        self.pages: dict[str, bytes] = {
            f"{LOTS_URL}?limit=200": _page([_lot(1, 101)], f"{LOTS_URL}?page=next&search_after=1"),
            f"{LOTS_URL}?page=next&search_after=1": _page(
                [_lot(2, 102)], f"{LOTS_URL}?page=next&search_after=2"),
            f"{LOTS_URL}?page=next&search_after=2": _page([_lot(3, 177)]),
            "TrdBuy|orgBin|None": _answer("TrdBuy", [
                {"id": 101, "numberAnno": "101-1", "publishDate": "2023-05-01 10:00:00",
                 "Lots": [{"id": 1, "lotNumber": "L-1"}]}], 101, True),
            "TrdBuy|orgBin|101": _answer("TrdBuy", [
                {"id": 102, "numberAnno": "102-1", "publishDate": "2023-05-02 10:00:00"}],
                102, False),
            "TrdBuy|id|None": _answer("TrdBuy", [
                {"id": 177, "numberAnno": "177-1", "publishDate": "2023-05-03 10:00:00"}],
                177, False),
            "Contract|customerBin|None": _answer("Contract", [
                {"id": 301, "supplierBiin": "990140000001", "signDate": "2023-06-01 10:00:00",
                 "contractSum": 100, "customerBin": CUSTOMER},
                {"id": 302, "supplierBiin": "990140000003", "signDate": "2023-06-02 10:00:00",
                 "contractSum": 200, "customerBin": CUSTOMER}], 302, False),
            "TrdApp|101|None": _answer("TrdApp", [
                {"id": 501, "supplierBinIin": "990140000001", "AppLots": [{"id": 601,
                                                                          "lotId": 1}]}],
                501, False),
            "TrdApp|102|None": _answer("TrdApp", [], None, False),
            "TrdApp|177|None": _answer("TrdApp", [], None, False),
            "/v3/rnu/990140000003?limit=200": _page([
                {"id": "9", "supplier_biin": "990140000003", "supplier_name_ru": "ТОО «П-3»"}]),
        }
        self.log: list[str] = []
        self.auth: list[str | None] = []
        self.fail: dict[str, int] = {}  # key -> HTTP status, once
        self.delay: dict[str, float] = {}  # key -> seconds, once
        self.malformed: set[str] = set()
        self.redirect: dict[str, str] = {}  # key -> Location

    @staticmethod
    def key(path: str, body: dict | None) -> str:
        if body is None:
            return path
        query, variables = body["query"], body["variables"]
        root = next(r for r in ("TrdBuy", "Contract", "TrdApp") if f"{r}(" in query)
        filt = variables.get("filter", {})
        what = filt.get("buyId") or ("id" if "id" in filt else next(iter(filt)))
        assert variables["limit"] <= 200
        return f"{root}|{what}|{variables.get('after')}"


def _handler(fake: FakePortal):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):
            self.serve(None)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            self.serve(json.loads(self.rfile.read(length)))

        def serve(self, body):
            fake.auth.append(self.headers.get("Authorization"))
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                return self.send(404, b"Invalid Route")
            key = fake.key(self.path, body)
            fake.log.append(key)
            if key in fake.delay:
                time.sleep(fake.delay.pop(key))
            if key in fake.fail:
                return self.send(fake.fail.pop(key), b"server error")
            if key in fake.redirect:
                self.send_response(302)
                self.send_header("Location", fake.redirect[key])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            if key in fake.malformed:
                return self.send(200, b"<html>maintenance</html>")
            page = fake.pages.get(key)
            if page is None:
                return self.send(404, json.dumps({"name": "Not Found", "status": 404,
                                                  "message": "Поставщик не найден в реестре"},
                                                 ensure_ascii=False).encode("utf-8"))
            return self.send(200, page)

        def send(self, status: int, payload: bytes):
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:  # the client gave up (timeout test)
                pass

    return Handler


@pytest.fixture
def fake():
    state = FakePortal()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()
    server.server_close()


def run(fake, out, **kwargs):
    options = {"timeout": 2.0, "retries": 0, "backoff": 0.01, **kwargs}
    return fetch(fake.base_url, options.pop("token", TOKEN), CUSTOMER, "2023-01-01", out,
                 **options)


def test_fetch_pages_everything_and_saves_raw_answers(fake, tmp_path):
    out = tmp_path / "gz"
    result = run(fake, out)
    names = sorted(p.relative_to(out).as_posix() for p in result.files)
    assert names == ["announcements/0001.json", "announcements/0002.json",
                     "announcements/extra-0001.json",
                     "bids/101-0001.json", "bids/102-0001.json", "bids/177-0001.json",
                     "contracts/0001.json",
                     "lots/0001.json", "lots/0002.json", "lots/0003.json",
                     "rnu/990140000003-0001.json"]  # 990140000001 is not listed (404)
    assert result.fetched == 11 and result.skipped == 0
    assert (out / "lots" / "0002.json").read_bytes() == fake.pages[
        f"{LOTS_URL}?page=next&search_after=1"]  # byte for byte
    assert fake.log[:5] == [f"{LOTS_URL}?limit=200", f"{LOTS_URL}?page=next&search_after=1",
                            f"{LOTS_URL}?page=next&search_after=2", "TrdBuy|orgBin|None",
                            "TrdBuy|orgBin|101"]  # GraphQL pages by after = lastId
    assert set(fake.auth) == {f"Bearer {TOKEN}"}
    state = json.loads((out / "state.json").read_text("utf-8"))
    assert (state["bin"], state["since"], state["format"]) == (CUSTOMER, "2023-01-01",
                                                              STATE_FORMAT)
    assert all(s["done"] for s in state["streams"].values())
    data, problems = read_portal([out])  # the import reads what the fetch saved
    assert problems == []
    assert sorted(data.announcements["id"]) == ["101", "102", "177"]
    assert len(data.lots) == 3 and len(data.bids) == 1 and len(data.rnu) == 1
    for path in out.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path


def test_a_second_call_resumes_where_the_first_stopped(fake, tmp_path):
    out = tmp_path / "gz"
    fake.fail[f"{LOTS_URL}?page=next&search_after=1"] = 500  # the connection dies on page 2
    with pytest.raises(PortalError) as failed:
        run(fake, out, kinds=["lots"])
    assert failed.value.key == "portal.http_error"
    assert [p.name for p in (out / "lots").iterdir()] == ["0001.json"]  # saved before failing
    fake.log.clear()
    result = run(fake, out, kinds=["lots"])
    assert fake.log == [f"{LOTS_URL}?page=next&search_after=1",
                        f"{LOTS_URL}?page=next&search_after=2"]  # page 1 not fetched again
    assert (result.fetched, result.skipped) == (2, 1)
    fake.log.clear()
    assert run(fake, out, kinds=["lots"]).fetched == 0 and fake.log == []  # complete: skipped


def test_a_wrong_token_is_the_portals_404_invalid_route(fake, tmp_path):
    with pytest.raises(PortalError) as failed:
        run(fake, tmp_path / "gz", token="tok-Wrong-999")
    assert failed.value.key == "portal.bad_token"
    assert "Invalid Route" in str(failed.value) and fake.base_url in str(failed.value)
    assert "tok-Wrong-999" not in str(failed.value)
    assert not list((tmp_path / "gz").rglob("*.json"))


def test_the_token_never_follows_a_redirect_to_another_host(fake, tmp_path):
    port = fake.base_url.rsplit(":", 1)[1]
    fake.redirect[f"{LOTS_URL}?limit=200"] = f"http://localhost:{port}/elsewhere"
    with pytest.raises(PortalError) as failed:
        run(fake, tmp_path / "gz", kinds=["lots"])
    assert fake.auth == [f"Bearer {TOKEN}", None]  # localhost is another host name
    assert failed.value.key == "portal.bad_token"


def test_timeouts_and_5xx_are_retried_then_reported(fake, tmp_path):
    fake.fail[f"{LOTS_URL}?limit=200"] = 503
    fake.delay[f"{LOTS_URL}?page=next&search_after=1"] = 1.0
    result = run(fake, tmp_path / "ok", kinds=["lots"], retries=2, timeout=0.3)
    assert result.fetched == 3
    assert fake.log.count(f"{LOTS_URL}?limit=200") == 2
    fake.delay[f"{LOTS_URL}?limit=200"] = 1.0
    started = time.monotonic()
    with pytest.raises(PortalError) as failed:
        run(fake, tmp_path / "slow", kinds=["lots"], timeout=0.3)
    assert failed.value.key == "portal.timeout" and time.monotonic() - started < 1.0
    assert "0.3" in str(failed.value)


def test_a_malformed_page_names_the_url_and_is_not_saved(fake, tmp_path):
    fake.malformed.add("Contract|customerBin|None")
    with pytest.raises(PortalError) as failed:
        run(fake, tmp_path / "gz", kinds=["contracts"])
    assert failed.value.key == "portal.bad_page"
    assert f"{fake.base_url}/v3/graphql" in str(failed.value)
    assert TOKEN not in str(failed.value)
    assert not list((tmp_path / "gz").rglob("0*.json"))


def test_no_network(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(PortalError) as failed:
        fetch(f"http://127.0.0.1:{port}", TOKEN, CUSTOMER, None, tmp_path / "gz",
              kinds=["lots"], retries=0, timeout=1)
    assert failed.value.key == "portal.no_network"
    assert "сохраните ответы портала вручную" in str(failed.value)
    i18n.set_lang("en")
    assert "save the portal's responses by hand and import the files" in str(failed.value)


def test_fetch_refuses_a_folder_of_another_download_and_a_bad_bin(fake, tmp_path):
    out = tmp_path / "gz"
    run(fake, out, kinds=["lots"])
    with pytest.raises(PortalError) as failed:
        fetch(fake.base_url, TOKEN, "990140000099", "2023-01-01", out, kinds=["lots"])
    assert failed.value.key == "portal.state_mismatch"
    with pytest.raises(PortalError) as failed:
        fetch(fake.base_url, TOKEN, "12345", None, out)
    assert failed.value.key == "portal.bad_bin"
    with pytest.raises(PortalError) as failed:
        fetch(fake.base_url, TOKEN, CUSTOMER, "01.01.2023", tmp_path / "other")
    assert failed.value.key == "error.bad_date"
    shutil.rmtree(out)
