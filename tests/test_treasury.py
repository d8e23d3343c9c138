"""Treasury payments from the finance office's register (:mod:`mics_budget.portal.treasury`):
the activity from the contract linked through the portal, else from the mapping; idempotent
by the payment order's number; a payment the portal import brought already counts once."""

from __future__ import annotations

import pytest

from mics_budget import load
from mics_budget.cli import main
from mics_budget.config import DataDir
from mics_budget.portal.treasury import import_treasury
from tests.conftest import write_files
from tests.test_portal_import import folder as folder
from tests.test_portal_import import run

MAP = "program,subprogram,specifics,activity,share\n001,100,149,7.2,1\n"


def register(contract: str) -> bytes:
    return (
        "Реестр платежей Казначейства (пример)\n"
        "Номер платежа;Дата платежа;Сумма;Функциональная классификация;Специфика;Получатель;"
        "Номер договора;Дата регистрации\n"
        f"700001;20.07.2023;5 000 000,00;406001100;000143;ТОО «Пример»;{contract};21.06.2023\n"
        f"700002;28.07.2023;4 700 000,00;406001100;000143;ТОО «Пример»;{contract};21.06.2023\n"
        "800001;15.08.2023;250 000,00;406001100;000149;ТОО «Другой»;;\n"
        "800002;16.08.2023;100,00;4060011;000149;ТОО «Другой»;;\n"
    ).encode("cp1251")


@pytest.fixture
def imported(folder):
    run(folder)  # the portal import: LOT-A's two Treasury payments (GZ-…)
    events = load(folder).events
    contract = events.loc[(events["lot"] == "LOT-A") & (events["status"] == "contracted"),
                          "document"].iloc[0]
    write_files(folder, {"budget/activity_map.csv": MAP,
                         "treasury.csv": register(contract)})
    return folder


@pytest.mark.slow  # a whole import, or more, over half a second
def test_the_registers_payments_equal_the_portals_and_count_once(imported):
    before = load(imported).payments
    result = import_treasury(DataDir(imported), [imported / "treasury.csv"])
    assert (len(result.added), result.from_portal, result.already) == (1, 2, 0)
    [added] = result.added.to_dict("records")
    assert (added["id"], added["activity"], added["source"], added["specifics"],
            added["amount"], added["document"]) == ("TR-800001", "7.2", "RB", "149",
                                                    "250000.00", "800001")
    [problem] = result.problems  # the row with a functional classification of 7 digits
    assert (problem.key, problem.row, problem.column) == ("treasury.bad_func", 6, "func")
    after = load(imported).payments
    assert len(after) == len(before) + 1
    lot_a = after.loc[after["contract"] == "LOT-A", "amount_minor"]
    assert int(lot_a.sum()) == 970_000_000  # the portal's payments, once
    again = import_treasury(DataDir(imported), [imported / "treasury.csv"])
    assert (len(again.added), again.already, again.from_portal) == (0, 1, 2)


@pytest.mark.slow  # a whole import, or more, over half a second
def test_a_payment_on_a_lot_linked_by_its_contract_takes_the_lots_activity(folder):
    from mics_budget.procurement.recording import add_lot, upgrade_register

    contract = "990140000010/239999/00"
    upgrade_register(DataDir(folder))  # the lots file gains portal_contract
    add_lot(DataDir(folder), "LOT-Z", "7.3", "single_source", "500000", by="test",
            portal_contract=contract)
    write_files(folder, {"treasury.csv": (
        "number;date;amount;func;specifics;supplier;contract\n"
        f"900001;01.09.2023;120 000;406001100;000149;ИП Пример;{contract}\n")})
    result = import_treasury(DataDir(folder), [folder / "treasury.csv"])
    [added] = result.added.to_dict("records")
    assert (added["activity"], added["contract"]) == ("7.3", "LOT-Z")


@pytest.mark.slow  # a whole import, or more, over half a second
def test_the_command_and_a_dry_run(imported, capsys):
    before = (imported / "budget" / "payments.csv").read_bytes()
    assert main(["import", "treasury", str(imported / "treasury.csv"), "--dry-run",
                 "--data", str(imported)]) == 1  # one row not taken
    captured = capsys.readouterr()
    assert "Было бы добавлено платежей: 1 на 250 000,00 тенге" in captured.out.replace(
        "\xa0", " ")
    assert "уже получены с портала: 2" in captured.out
    assert captured.err.startswith("1. treasury.csv:6: func:")
    assert (imported / "budget" / "payments.csv").read_bytes() == before


def test_the_example_register_in_the_docs_reads(tmp_path):
    from pathlib import Path

    from mics_budget.portal.treasury import _rows, _table

    problems: list = []
    path = Path(__file__).parents[1] / "docs" / "examples" / "treasury_payments.csv"
    rows = _rows(_table(path, problems), path.name, problems)
    assert problems == []
    assert [(r["number"], r["minor"], r["program"], r["specifics"]) for r in rows] == [
        ("700101", 125_000_000, "001", "143"), ("700102", 31_250_050, "001", "149")]
