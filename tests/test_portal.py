"""Reading saved answers of goszakup.gov.kz (:mod:`mics_budget.portal.read`): REST pages, GraphQL
answers, bare lists and single records, in either field style.

Fixtures: ``tests/data/goszakup/`` (invented example data; its README lists what each
register lot goes through).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mics_budget import i18n
from mics_budget.portal.derive import derive
from mics_budget.portal.read import STATE_FORMAT, read_portal, snake
from tests.goszakup import CUSTOMER, DATA, REGISTER, keys


@pytest.fixture(scope="module")
def portal():
    return read_portal([DATA])


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


def test_a_folder_too_big_to_be_answers_and_a_file_too_big_are_refused(tmp_path, monkeypatch):
    from mics_budget.portal import read as module

    for i in range(5):
        (tmp_path / f"{i}.json").write_text("[]", "utf-8")
    monkeypatch.setattr(module, "MAX_SCANNED", 3)
    data, problems = read_portal([tmp_path])
    assert keys(problems) == ["portal.too_many_files"] and data.files == []
    monkeypatch.setattr(module, "MAX_SCANNED", 100)
    monkeypatch.setattr(module, "MAX_FILE_BYTES", 1)
    data, problems = read_portal([tmp_path / "0.json"])
    assert keys(problems) == ["portal.too_big"] and problems[0].file.endswith("0.json")


def _restyle(value, style):
    """Every field name of the records in ``value`` in ``style`` (``camel`` or ``snake``)."""
    def name(key: str) -> str:
        if style == "snake":
            return snake(key)
        head, *rest = snake(key).split("_")
        return head + "".join(part.title() for part in rest)

    if isinstance(value, list):
        return [_restyle(v, style) for v in value]
    if isinstance(value, dict):
        return {name(k): _restyle(v, style) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("folder", "style"), [("rest", "camel"), ("graphql", "snake")])
def test_either_field_style_reads_the_same(tmp_path, folder, style):
    """A REST page with camelCase fields, a GraphQL answer with snake_case ones, and a bare
    list of either: the same records as the portal's own style."""
    for source in sorted((DATA / folder).glob("*.json")):
        document = json.loads(source.read_text("utf-8"), parse_float=str)  # 4700000.00 kept
        if "items" in document:
            restyled = {**document, "items": _restyle(document["items"], style)}
            (tmp_path / f"list-{source.name}").write_text(
                json.dumps(_restyle(document["items"], style), ensure_ascii=False), "utf-8")
        else:
            restyled = {"data": {k: _restyle(v, style) for k, v in document["data"].items()}}
        (tmp_path / source.name).write_text(json.dumps(restyled, ensure_ascii=False), "utf-8")
    original, problems = read_portal([DATA / folder])
    again, more = read_portal([tmp_path])
    assert problems == more == []
    for kind in ("announcements", "lots", "contracts", "contract_units", "acts", "bids",
                 "treasury_payments", "rnu"):
        columns = [c for c in original.frame(kind).columns if not c.startswith("_")]
        ours = original.frame(kind)[columns].sort_values("_key" if "_key" in columns
                                                         else columns[0])
        theirs = again.frame(kind)
        assert len(theirs) == len(ours), kind
        if len(ours):
            theirs = theirs.set_index(again.frame(kind)["_key"]).loc[
                original.frame(kind)["_key"]]
            assert theirs[columns].reset_index(drop=True).equals(
                original.frame(kind)[columns].reset_index(drop=True)), kind


@pytest.mark.slow
def test_huge_numbers_and_impossible_years_stop_only_their_record(tmp_path):
    """Issue 25: «1e100000000» (81 bytes that would expand to a hundred million digits), an
    integer of 5,000 digits (past Python's int limit) and the year 0001 are each one record's
    problem; the other records are read, fast and small."""
    import time
    import tracemalloc

    folder = tmp_path / "gz"
    folder.mkdir()
    record = ('{{"id": {id}, "contract_sum": {sum}, "sign_date": "{day}", '
              '"contract_number_sys": "c{id}"}}')
    items = [record.format(id=1, sum="1e100000000", day="2023-06-01"),
             record.format(id=2, sum="9" * 5000, day="2023-06-01"),
             record.format(id=3, sum="100", day="0001-01-01"),
             record.format(id=4, sum="100.50", day="2023-06-01")]
    (folder / "contracts.json").write_text('{"items": [' + ", ".join(items) + "]}",
                                           encoding="utf-8")
    tracemalloc.start()
    started = time.perf_counter()
    data, problems = read_portal([folder])
    elapsed, peak = time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 5 and peak < 50 * 2**20
    assert sorted((p.key, p.row) for p in problems) == [
        ("portal.bad_amount", 1), ("portal.bad_amount", 2), ("portal.bad_date", 3)]
    contracts = data.contracts.set_index("id")
    assert contracts.loc["4", "contract_sum_minor"] == 10_050
    assert pd.isna(contracts.loc["3", "sign_date"])


@pytest.mark.parametrize("day", ["0001-01-01", "31.12.1989", "01.01.2100"])
def test_a_step_dated_outside_the_accepted_range_is_refused(day, capsys, money_dir):
    from mics_budget.cli.cli import main

    with pytest.raises(SystemExit) as stopped:  # argparse's own exit, status 2
        main(["procurement", "record", "L1", "delivered", "--date", day,
              "--data", str(money_dir)])
    code, err = stopped.value.code, capsys.readouterr().err
    assert code == 2 and ("вне допустимого диапазона" in err or "такой даты" in err)
    assert "Traceback" not in err


def test_records_with_fields_of_their_own_do_not_widen_the_import(tmp_path):
    """Issue 25: 3,000 records each with three fields of its own once made 9,000 columns (65 s,
    quadratic); unknown fields are dropped as a record is read."""
    import time

    folder = tmp_path / "gz"
    folder.mkdir()
    items = [{"id": i, "lot_number": f"L-{i}", "trd_buy_id": 1, "ref_lot_status_id": 360,
              f"x{i}a": 1, f"x{i}b": 2, f"x{i}c": 3} for i in range(3000)]
    (folder / "lots.json").write_text(json.dumps({"items": items}), encoding="utf-8")
    started = time.perf_counter()
    data, problems = read_portal([folder])
    assert time.perf_counter() - started < 10
    assert problems == [] and len(data.lots) == 3000
    assert not [c for c in data.lots.columns if c.startswith("x")]


def test_every_field_the_import_reads_is_kept():
    """The list of kept fields covers every field the kinds declare and every field the
    import's code asks a portal frame for (a field forgotten here would silently vanish)."""
    import re
    from pathlib import Path

    from mics_budget.portal import read

    for spec in read.SPECS.values():
        assert set(spec.columns) | set(spec.dates) | set(spec.money) <= read.KNOWN_FIELDS
    for (_, key), (_, inherit) in read.CHILDREN.items():
        assert {key, *inherit, *inherit.values()} <= read.KNOWN_FIELDS
    folder = Path(read.__file__).parent
    for name in ("derive.py", "facts.py", "importer.py"):
        source = (folder / name).read_text(encoding="utf-8")
        asked = set(re.findall(r'\[\s*"([a-z][a-z0-9_]*)"\s*\]', source))
        asked |= set(re.findall(r'\.get\(\s*"([a-z][a-z0-9_]*)"', source))
        assert asked <= read.KNOWN_FIELDS, (name, sorted(asked - read.KNOWN_FIELDS))
