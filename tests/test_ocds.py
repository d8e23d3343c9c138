from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import ocdsmerge
import pytest
import referencing
from referencing.jsonschema import DRAFT4

from mics_budget import load
from mics_budget.procurement.lifecycle import OCDS
from mics_budget.procurement.ocds import SCHEMA_DIR, release_package, validate
from mics_budget.procurement.status import register
from tests.conftest import write_files

AS_OF = date(2025, 6, 30)


def _schema(name: str) -> dict:
    """The official OCDS 1.1.5 schema shipped with the package (mics_budget/procurement/schema/)."""
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture
def project(example_project):
    return example_project


@pytest.fixture(scope="module")
def package(example_project):
    return release_package(example_project, AS_OF)


def test_the_package_validates_against_the_official_schema(package):
    release, pkg = _schema("release-schema.json"), _schema("release-package-schema.json")
    registry = referencing.Registry().with_resources([
        (release["id"], DRAFT4.create_resource(release)),
        (pkg["id"], DRAFT4.create_resource(pkg))])
    validator = jsonschema.Draft4Validator(
        pkg, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(package)]
    assert errors == []


def test_one_release_per_event_and_payment(project, package):
    events = project.events_on(AS_OF)  # the example goes on after AS_OF
    events = events[events["valid"]] if "valid" in events else events
    payments = project.payments_on(AS_OF)
    payments = payments[payments["contract"] != ""]
    assert len(package["releases"]) == len(events) + len(payments)
    ids = [r["id"] for r in package["releases"]]
    assert len(set(ids)) == len(ids)
    first = package["releases"][0]
    assert first["ocid"] == "ocds-000000-mics-kz-LOT-2023-001"
    assert first["tag"] == ["planning"] and first["tender"]["status"] == "planned"
    assert first["initiationType"] == "tender"


def test_tags_codes_and_funder(package):
    tags = {r["tag"][0] for r in package["releases"]}
    assert {"planning", "tender", "award", "contract", "contractAmendment", "implementation",
            "contractTermination", "tenderCancellation"} <= tags
    single = next(r for r in package["releases"] if r["tender"]["id"] == "LOT-2023-006")
    assert single["tender"]["procurementMethod"] == "direct"
    assert single["tender"]["procurementMethodDetails"] == "Из одного источника"
    # the four procurement activities are RB-funded: UNICEF is no funder there
    assert all("funder" not in p["roles"] for r in package["releases"] for p in r["parties"])


def test_merged_releases_give_the_register(project, package):
    merger = ocdsmerge.Merger(schema=_schema("release-schema.json"))
    table = register(project, AS_OF).set_index("lot")
    table = table.loc[table["stage"] != ""]  # a lot with no step yet has no release
    by_ocid: dict[str, list] = {}
    for release in package["releases"]:
        by_ocid.setdefault(release["ocid"], []).append(release)
    assert len(by_ocid) == len(table)
    for ocid, releases in by_ocid.items():
        lot = ocid.removeprefix("ocds-000000-mics-kz-")
        row = table.loc[lot]
        compiled = merger.create_compiled_release(releases)
        tender_status, award_status, contract_status, _ = OCDS[row["stage"]]
        assert compiled["tender"]["status"] == tender_status, lot
        if row["stage"] == "cancelled":
            continue
        assert compiled["awards"][0]["status"] == award_status, lot
        contract = compiled["contracts"][0]
        assert contract["status"] == contract_status, lot
        assert contract["value"]["amount"] == row["contract_amount"], lot
        paid = sum(t["value"]["amount"] for t in contract["implementation"]["transactions"])
        assert paid == row["paid"], lot
        assert compiled["awards"][0]["suppliers"][0]["name"] == row["supplier"], lot
        delivered = contract["milestones"][0]["status"] == "met"
        assert delivered == (str(row["delivered"]) not in ("NaT", "None")), lot


def test_cli_writes_the_package(tmp_path):
    from mics_budget.cli.cli import main

    out = tmp_path / "ocds.json"
    assert main(["procurement", "ocds", "--as-of", "2025-06-30", "--out", str(out)]) == 0
    assert json.loads(Path(out).read_text(encoding="utf-8"))["version"] == "1.1"


def test_the_shipped_schemas_are_the_official_ones_with_their_licence():
    assert _schema("release-schema.json")["id"] == \
        "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"
    assert _schema("release-package-schema.json")["id"] == \
        "https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json"
    assert "Apache License" in (SCHEMA_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "Open Contracting Partnership" in (SCHEMA_DIR / "README.md").read_text(
        encoding="utf-8")


def test_validate_finds_what_breaks_the_schema(package):
    assert validate(package) == []
    broken = json.loads(json.dumps(package))
    broken["releases"][1]["tender"]["procurementMethod"] = "lottery"
    del broken["publisher"]
    errors = validate(broken)
    assert len(errors) == 2
    assert errors[0].startswith("/: 'publisher' is a required property")
    assert errors[1].startswith("releases/1/tender/procurementMethod: 'lottery' is not one of")


@pytest.mark.slow  # over half a second: the fast loop stays under a minute
def test_cli_refuses_to_write_an_invalid_package_unless_told_not_to_check(
        money_dir, tmp_path, monkeypatch, capsys):
    from mics_budget.cli import cli, commands

    def broken(*args, **kwargs):
        package = release_package(*args, **kwargs)
        package["releases"][0]["tender"]["procurementMethod"] = "lottery"
        return package

    monkeypatch.setattr(commands, "release_package", broken)
    out = tmp_path / "out" / "ocds.json"
    out.parent.mkdir()
    argv = ["procurement", "ocds", "--as-of", "2023-12-31", "--out", str(out), "--data",
            str(money_dir), "--draft"]  # not example data: the placeholder prefix is a draft
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("ошибка: выгрузка OCDS не прошла проверку по схеме OCDS 1.1.5 "
                          "(нарушений: 1; первое: releases/0/tender/procurementMethod: "
                          "'lottery' is not one of"), err
    assert "ошибка программы" in err and "--no-validate" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert list(out.parent.iterdir()) == []
    assert cli.main([*argv, "--lang", "en"]) == 2
    assert "the OCDS export failed the check against the OCDS 1.1.5 schema" in \
        capsys.readouterr().err
    assert cli.main([*argv, "--no-validate"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["releases"][0]["tender"][
        "procurementMethod"] == "lottery"


def test_unicef_is_the_funder_of_a_lot_on_a_unicef_activity(money_dir):
    from tests.conftest import EVENTS, LOTS, write_files

    write_files(money_dir, {
        "procurement/lots.csv": LOTS + "U1,6.1,Зал для семинара,e_shop,2000,USD,,,,\n",
        "procurement/events.csv": EVENTS + "U1,2023-07-03,contracted,1900,,ТОО Зал,,,,,\n"})
    project = load(money_dir)
    package = release_package(project, date(2023, 12, 31))
    unicef = [r for r in package["releases"] if r["tender"]["id"] == "U1"]
    rb = [r for r in package["releases"] if r["tender"]["id"] == "L1"]
    assert unicef and all(any(p["roles"] == ["funder"] and p["id"] == "UNICEF"
                              for p in r["parties"]) for r in unicef)
    assert all("funder" not in p["roles"] for r in rb for p in r["parties"])
    assert unicef[0]["contracts"][0]["value"] == {"amount": 1900.0, "currency": "USD"}
    assert unicef[0]["tender"]["procurementMethod"] == "limited"


@pytest.mark.slow
def test_parties_carry_real_identifiers_and_never_a_persons_iin(money_dir, monkeypatch):
    """Suppliers with a BIN are KZ-BIN identifiers; an individual entrepreneur's IIN (it
    encodes the birth date and sex) appears nowhere; the buyer is the customer's BIN."""
    from dataclasses import replace

    from mics_budget.core import params

    settings = replace(params.procurement_settings(), customer_bin="990140000010")
    write_files(money_dir, {"procurement/events.csv": (
        "lot,date,status,amount,bids,supplier,supplier_bin,document,note\n"
        "L1,2023-06-01,announced,,,,,,\nL1,2023-06-05,evaluation,,2,,,,\n"
        "L1,2023-06-08,awarded,,2,ИП Пример,850101300123,,\n"
        "L1,2023-06-10,contracted,9500000,,ИП Пример,850101300123,Д-1,\n")})
    package = release_package(load(money_dir), date(2023, 12, 31), params=settings)
    assert validate(package) == []
    text = json.dumps(package, ensure_ascii=False)
    assert "850101300123" not in text
    release = package["releases"][-1]
    assert release["buyer"]["id"] == "KZ-BIN-990140000010"
    buyer = next(p for p in release["parties"] if "buyer" in p["roles"])
    assert buyer["identifier"] == {"scheme": "KZ-BIN", "id": "990140000010",
                                   "legalName": settings.buyer.name}
    supplier = next(p for p in release["parties"] if "supplier" in p["roles"])
    assert "identifier" not in supplier and supplier["id"].startswith("supplier-")
    write_files(money_dir, {"procurement/events.csv": (
        "lot,date,status,amount,bids,supplier,supplier_bin,document,note\n"
        "L1,2023-06-01,announced,,,,,,\nL1,2023-06-05,evaluation,,2,,,,\n"
        "L1,2023-06-08,awarded,,2,ТОО Пример,990140000001,,\n")})
    release = release_package(load(money_dir), date(2023, 12, 31),
                              params=settings)["releases"][-1]
    supplier = next(p for p in release["parties"] if "supplier" in p["roles"])
    assert supplier["identifier"] == {"scheme": "KZ-BIN", "id": "990140000001",
                                      "legalName": "ТОО Пример"}


def test_a_real_publication_refuses_the_placeholder_prefix(money_dir, capsys):
    from mics_budget.cli import main

    assert main(["procurement", "ocds", "--as-of", "2023-12-31", "--data",
                 str(money_dir)]) == 2
    err = capsys.readouterr().err
    assert "ocds-000000-" in err and "ocid_prefix" in err and "--draft" in err
    assert main(["procurement", "ocds", "--as-of", "2023-12-31", "--data", str(money_dir),
                 "--draft"]) == 0
