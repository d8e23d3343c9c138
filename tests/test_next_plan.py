"""The next plan (issue 28): ``mics-budget init DIR --plan FILE`` starts a folder from a new plan
document, and ``mics-budget carry-over --from OLD --to NEW`` brings in what the old plan left
open (open lots with their history, unpaid contracts): listed first, written once, exact."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from mics_budget import load
from mics_budget.cli import main
from mics_budget.config import DataDir
from mics_budget.procurement.recording import add_lot, amend_lot, record_event, void_event
from tests.test_plan import make_docx

SHIFT = 3  # 2023–2025 → 2026–2028
PLAN_END = "2025-12-31"
#: the payment on the single-source contract, and the contract (tiyn kept on purpose)
CONTRACT, PAID = Decimal("4999999.99"), Decimal("2000000.33")


def shifted_text(seed_text: str, renumber: dict[str, str] | None = None) -> str:
    """The bundled plan's text moved :data:`SHIFT` years on; ``renumber`` gives some
    activities another code (an activity the old plan had is then missing)."""
    text = re.sub(r"(?<![0-9])202[3-5](?![0-9])", lambda m: str(int(m.group(0)) + SHIFT),
                  seed_text)
    for old, new in (renumber or {}).items():
        assert f"\t{old}\n" in text
        text = text.replace(f"\t{old}\n", f"\t{new}\n")
    return text


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}


# --- init --plan -----------------------------------------------------------------------------


@pytest.mark.slow
def test_init_from_a_plan_document_of_other_years(tmp_path, seed_text, capsys):
    document = tmp_path / "plan_2026.txt"
    document.write_text(shifted_text(seed_text), encoding="utf-8")
    folder = tmp_path / "next"
    assert main(["init", str(folder), "--plan", str(document)]) == 0, capsys.readouterr().err
    project = load(folder)
    assert project.plan.years == (2026, 2028)
    assert [p for p in project.problems if p.severity == "error"] == []
    assert not (folder / "EXAMPLE").exists() and not project.example_data
    assert len(project.lots) == len(project.events) == len(project.payments) == 0
    assert main(["plan", "status", "--as-of", "2026-06-30", "--data", str(folder),
                 "--format", "json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert len(status) == len(project.plan.activities) == 47


@pytest.mark.slow
def test_init_from_a_word_document_gives_the_same_plan(tmp_path, seed_text):
    text = shifted_text(seed_text)
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    make_docx(text, tmp_path / "plan.docx")
    assert main(["init", str(tmp_path / "a"), "--plan", str(tmp_path / "plan.txt")]) == 0
    assert main(["init", str(tmp_path / "b"), "--plan", str(tmp_path / "plan.docx")]) == 0
    a, b = load(tmp_path / "a").plan, load(tmp_path / "b").plan
    assert [x.as_json() for x in a.activities] == [x.as_json() for x in b.activities]


def test_init_refuses_a_folder_with_something_in_it(tmp_path, seed_text, capsys):
    document = tmp_path / "plan.txt"
    document.write_text(shifted_text(seed_text), encoding="utf-8")
    folder = tmp_path / "used"
    (folder / "budget").mkdir(parents=True)
    assert main(["init", str(folder), "--plan", str(document)]) == 2
    assert "не пуста" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["budget"]


def test_init_names_the_file_and_line_of_a_broken_plan_document(tmp_path, seed_text, capsys):
    text = shifted_text(seed_text)
    lines = text.splitlines()
    number = lines.index("\tИюль-август 2026") + 1  # the period of 9.2, as the file counts
    lines[number - 1] = "\tИюлл 2026"
    document = tmp_path / "broken.txt"
    document.write_text("\n".join(lines) + "\n", encoding="utf-8")
    folder = tmp_path / "next"
    assert main(["init", str(folder), "--plan", str(document)]) == 2
    err = capsys.readouterr().err
    assert f"broken.txt, строка {number}" in err and "Июлл 2026" in err, err
    assert "Traceback" not in err
    assert not folder.exists()  # nothing written


# --- carry-over -----------------------------------------------------------------------------


@pytest.fixture
def old(tmp_path) -> Path:
    """A folder of the 2023–2025 plan at its end: a lot done and paid, a lot cancelled (not
    carried), a lot announced (open; amended once, a step voided) and a contract delivered and
    paid in part (unpaid)."""
    folder = tmp_path / "old"
    assert main(["init", str(folder)]) == 0
    data = DataDir(folder)
    (folder / "budget" / "payments.csv").write_text(
        "id,date,activity,source,specifics,amount,currency,payee,document,contract,refund_of,"
        "note\n"
        "P-1,2024-05-02,7.3,RB,142,2150000.00,KZT,ТОО «Аптека»,ПП-1,L-DONE,,\n"
        "P-2,2025-12-10,9.2,RB,159,2000000.33,KZT,ТОО «Переводчик»,ПП-2,L-UNPAID,,аванс\n"
        "P-3,2025-03-01,2.1,RB,159,1000.00,KZT,Командировка,ПП-3,,,\n", encoding="utf-8")
    add_lot(data, "L-DONE", "7.3", "price_quotations", "2400000.00", by="t")
    for day, status, amount in (("2024-03-01", "announced", None),
                                ("2024-03-20", "evaluation", None),
                                ("2024-03-25", "awarded", None),
                                ("2024-04-01", "contracted", "2150000.00"),
                                ("2024-04-20", "delivered", None), ("2024-05-02", "paid", None),
                                ("2024-05-10", "closed", None)):
        record_event(data, "L-DONE", status, date.fromisoformat(day), amount=amount,
                     supplier="ТОО «Аптека»" if status == "awarded" else "", by="t")
    add_lot(data, "L-GONE", "7.2", "auction", "900000.00", by="t")
    record_event(data, "L-GONE", "planned", date(2024, 5, 1), by="t")
    record_event(data, "L-GONE", "cancelled", date(2024, 6, 1), by="t")
    add_lot(data, "L-OPEN", "7.1", "auction", "1500000.50", planned_announce=date(2025, 10, 1),
            needed_by=date(2026, 2, 1), by="t")
    amend_lot(data, "L-OPEN", by="t", estimate="1600000.00")
    record_event(data, "L-OPEN", "planned", date(2025, 9, 20), by="t")
    record_event(data, "L-OPEN", "announced", date(2025, 10, 1), document="Объявление 1",
                 by="t")
    wrong = record_event(data, "L-OPEN", "evaluation", date(2025, 10, 20), by="t")
    void_event(data, wrong["event_id"], "записано по ошибке", by="t", today=date(2025, 10, 21))
    add_lot(data, "L-UNPAID", "9.2", "single_source", "5000000.00", by="t")
    record_event(data, "L-UNPAID", "contracted", date(2025, 11, 1), amount=str(CONTRACT),
                 supplier="ТОО «Переводчик»", supplier_bin="990140000002", by="t")
    record_event(data, "L-UNPAID", "delivered", date(2025, 11, 25), by="t")
    return folder


@pytest.fixture
def new(tmp_path, seed_text) -> Path:
    document = tmp_path / "plan_2026.txt"
    document.write_text(shifted_text(seed_text), encoding="utf-8")
    folder = tmp_path / "new"
    assert main(["init", str(folder), "--plan", str(document)]) == 0
    return folder


def _carry(capsys, old: Path, new: Path, *extra: str) -> tuple[int, dict]:
    code = main(["carry-over", "--from", str(old), "--to", str(new), "--format", "json",
                 *extra])
    out = capsys.readouterr().out
    return code, json.loads(out)


def _committed_unpaid(capsys, folder: Path, day: str) -> Decimal:
    """Committed less paid over the whole folder, as ``summary`` computes it."""
    assert main(["summary", "--as-of", day, "--data", str(folder), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    return sum((Decimal(str(r["committed"])) - Decimal(str(r["paid"])) for r in rows),
               Decimal(0))


@pytest.mark.slow
def test_a_dry_run_lists_the_open_lots_and_the_unpaid_contracts_and_writes_nothing(
        old, new, capsys):
    before = _files(new)
    code, answer = _carry(capsys, old, new)
    assert code == 0 and answer["dry_run"] and answer["problems"] == []
    items = {i["lot"]: i for i in answer["items"]}
    assert set(items) == {"L-OPEN", "L-UNPAID"}  # done and cancelled lots stay behind
    assert items["L-OPEN"]["stage"] == "announced" and items["L-OPEN"]["contract"] is None
    assert (items["L-UNPAID"]["contract"], items["L-UNPAID"]["paid"],
            items["L-UNPAID"]["unpaid"]) == (str(CONTRACT), str(PAID), str(CONTRACT - PAID))
    assert {i["state"] for i in items.values()} == {"new"}
    assert items["L-OPEN"]["events"] == 4  # planned, announced, the voided step, the void
    assert _files(new) == before
    # for people: the table, in Russian, and how to write
    assert main(["carry-over", "--from", str(old), "--to", str(new)]) == 0
    out = capsys.readouterr().out
    assert "L-UNPAID" in out and "2 999 999,66" in out.replace("\u00a0", " ")
    assert "Пробный запуск" in out and "--yes" in out
    assert _files(new) == before


@pytest.mark.slow
def test_carry_over_writes_once_and_loses_nothing(old, new, capsys):
    code, answer = _carry(capsys, old, new, "--yes", "--by", "админ")
    assert code == 0 and not answer["dry_run"], answer
    assert answer["written"] == {"rates": 0, "lots": 3, "events": 6, "payments": 1, "log": 2}
    after = _files(new)
    # a second run finds everything there and writes nothing
    code, again = _carry(capsys, old, new, "--yes")
    assert code == 0 and {i["state"] for i in again["items"]} == {"already"}
    assert again["dry_run"] and _files(new) == after
    assert main(["carry-over", "--from", str(old), "--to", str(new), "--yes"]) == 0
    assert "уже перенес" in capsys.readouterr().out and _files(new) == after

    before, now = load(old), load(new)
    assert [p for p in now.problems if p.severity == "error"] == [], now.problems
    columns = ["event_id", "date", "status", "amount_minor", "bids", "supplier",
               "supplier_bin", "document", "note", "recorded_by", "recorded_at", "voids",
               "voided", "valid", "stage", "amount_in_force"]
    for lot in ("L-OPEN", "L-UNPAID"):
        mine = before.events.loc[before.events["lot"] == lot, columns].reset_index(drop=True)
        theirs = now.events.loc[now.events["lot"] == lot, columns].reset_index(drop=True)
        assert mine.equals(theirs), lot
        lot_columns = ["activity", "title", "method", "estimate_minor", "currency",
                       "planned_announce", "needed_by", "law", "superseded", "valid"]
        assert before.lots.loc[before.lots["lot"] == lot, lot_columns].reset_index(
            drop=True).equals(now.lots.loc[now.lots["lot"] == lot, lot_columns].reset_index(
                drop=True))
    assert list(now.lots["lot"]) == ["L-OPEN", "L-OPEN", "L-UNPAID"]
    # the money committed and not yet paid is the old folder's, to the tiyn
    unpaid = _committed_unpaid(capsys, old, PLAN_END)
    assert unpaid == CONTRACT - PAID
    assert _committed_unpaid(capsys, new, PLAN_END) == unpaid
    assert _committed_unpaid(capsys, new, "2028-12-31") == unpaid
    # provenance: the old folder and the lot, who carried it
    log = (new / "procurement" / "carried_over.csv").read_text(encoding="utf-8")
    assert str(old) in log and "L-UNPAID" in log and "админ" in log
    # the new folder works: the plan's status and the register
    assert main(["plan", "status", "--as-of", "2026-03-31", "--data", str(new)]) == 0
    assert "Статус мероприятий плана на 31.03.2026" in capsys.readouterr().out
    assert main(["procurement", "status", "--as-of", "2026-03-31", "--data", str(new),
                 "--format", "json"]) == 0
    register = {r["lot"]: r for r in json.loads(capsys.readouterr().out)}
    assert register["L-UNPAID"]["left_to_pay"] == float(CONTRACT - PAID)
    assert register["L-OPEN"]["stage"] == "announced"


@pytest.mark.slow
def test_a_missing_activity_must_be_mapped(old, tmp_path, seed_text, capsys):
    document = tmp_path / "renumbered.txt"
    document.write_text(shifted_text(seed_text, {"9.2": "9.9"}), encoding="utf-8")
    new = tmp_path / "renumbered"
    assert main(["init", str(new), "--plan", str(document)]) == 0
    before = _files(new)
    assert main(["carry-over", "--from", str(old), "--to", str(new), "--yes"]) == 2
    err = capsys.readouterr().err
    assert "L-UNPAID" in err and "--map 9.2=" in err and "lots.csv:" in err, err
    assert _files(new) == before  # nothing at all, not even the lots that could go
    # an activity funded otherwise is no place for it (9.1 needs no money)
    code, answer = _carry(capsys, old, new, "--map", "9.2=9.1", "--yes")
    assert code == 2 and [p["key"] for p in answer["problems"]] == ["carry.funding_differs"]
    assert _files(new) == before
    code, answer = _carry(capsys, old, new, "--map", "9.2=9.9", "--yes")
    assert code == 0 and answer["written"]["lots"] == 3
    now = load(new)
    assert now.valid_lots.at["L-UNPAID", "activity"] == "9.9"
    assert set(now.payments.loc[now.payments["contract"] == "L-UNPAID", "activity"]) == {"9.9"}
    assert _committed_unpaid(capsys, new, "2028-12-31") == CONTRACT - PAID


@pytest.mark.slow
def test_one_lot_at_a_time_and_a_lot_of_another_name_is_not_overwritten(old, new, capsys):
    code, answer = _carry(capsys, old, new, "--lot", "L-UNPAID", "--yes")
    assert code == 0 and [i["lot"] for i in answer["items"]] == ["L-UNPAID"]
    code, answer = _carry(capsys, old, new, "--lot", "L-DONE")
    assert code == 2 and answer["problems"][0]["key"] == "carry.not_open"
    # another lot called L-OPEN recorded in the new folder meanwhile
    add_lot(DataDir(new), "L-OPEN", "7.1", "open_tender", "99.00", by="t")
    before = _files(new)
    code, answer = _carry(capsys, old, new, "--yes")
    assert code == 2 and [p["key"] for p in answer["problems"]] == ["carry.lot_taken"]
    assert {i["lot"]: i["state"] for i in answer["items"]} == {"L-OPEN": "problem",
                                                               "L-UNPAID": "already"}
    assert _files(new) == before


def test_carry_over_refuses_bad_arguments(tmp_path, capsys):
    folder = tmp_path / "x"
    assert main(["init", str(folder)]) == 0
    assert main(["carry-over", "--from", str(folder), "--to", str(folder)]) == 2
    assert "совпадают" in capsys.readouterr().err
    assert main(["carry-over", "--from", str(folder), "--to", str(tmp_path / "nowhere")]) == 2
    assert main(["carry-over", "--from", str(folder), "--to", str(folder), "--map", "7.1"]) == 2
    assert "СТАРОЕ=НОВОЕ" in capsys.readouterr().err


class _Terminal:
    """stdin as a terminal (what ``input`` answers is patched separately)."""

    def isatty(self) -> bool:
        return True


@pytest.mark.slow
def test_in_a_terminal_it_asks_first(old, new, capsys, monkeypatch):
    import sys

    before = _files(new)
    questions = []
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr("builtins.input", lambda q: questions.append(q) or "нет")
    assert main(["carry-over", "--from", str(old), "--to", str(new)]) == 0
    assert "Не подтверждено" in capsys.readouterr().out and _files(new) == before
    assert len(questions) == 1 and "(2)" in questions[0] and str(new) in questions[0]
    monkeypatch.setattr("builtins.input", lambda q: "да")
    assert main(["carry-over", "--from", str(old), "--to", str(new)]) == 0
    assert "Перенесено" in capsys.readouterr().out
    assert list(load(new).valid_lots.index) == ["L-OPEN", "L-UNPAID"]
    # the JSON form never asks: without --yes it is a dry run
    monkeypatch.setattr("builtins.input", lambda q: pytest.fail("asked"))
    assert _carry(capsys, old, new)[1]["dry_run"]


@pytest.mark.slow
def test_lots_of_example_data_make_the_new_folder_example_data(old, new, capsys):
    (old / "EXAMPLE").write_text("invented\n", encoding="utf-8")
    code, answer = _carry(capsys, old, new, "--yes")
    assert code == 0 and answer["example_data"] and answer["marked_example"]
    assert load(new).example_data


@pytest.mark.slow
def test_hostile_values_end_in_a_message_not_a_traceback(old, new, capsys, monkeypatch):
    monkeypatch.delenv("MICS_DEBUG", raising=False)
    before = _files(new)
    for option in ("--lot", "--map", "--as-of", "--by"):
        for value in ("", "=", "7.1=", "=7.1", "\x00", "🙂", "9" * 5000, "2025-02-30",
                      "L-OPEN\nX", "../../etc"):
            try:
                code = main(["carry-over", "--from", str(old), "--to", str(new), option,
                             value])
            except SystemExit as exit_:
                code = exit_.code
            err = capsys.readouterr().err
            assert code in (0, 2), (option, value, err)
            assert "Traceback" not in err and "внутренняя ошибка" not in err, (option, value)
    assert _files(new) == before


@pytest.mark.slow
def test_a_lot_in_dollars_brings_the_rates_it_converts_at(old, new, capsys):
    (old / "budget" / "fx_rates.csv").write_text(
        "date,currency,rate,quant,source\n"
        "2025-06-05,USD,501.1234,1,NBK\n2025-06-09,USD,502.50,1,NBK\n"
        "2025-06-30,USD,510.00,1,NBK\n2025-07-01,USD,511.75,1,NBK\n"
        "2025-07-02,USD,530.00,1,NBK\n", encoding="utf-8")
    data = DataDir(old)
    with (old / "budget" / "payments.csv").open("a", encoding="utf-8") as fh:
        fh.write("P-4,2025-07-01,7.3,RB,142,4000.50,USD,Supplier,ПП-4,L-USD,,\n")
    add_lot(data, "L-USD", "7.3", "single_source", "10000.00", currency="USD", by="t")
    record_event(data, "L-USD", "contracted", date(2025, 6, 10), amount="9000.00", by="t")
    code, answer = _carry(capsys, old, new, "--lot", "L-USD", "--yes")
    assert code == 0 and answer["written"]["rates"] == 2, answer
    assert answer["items"][0]["unpaid"] == "4999.50"
    rates = (new / "budget" / "fx_rates.csv").read_text(encoding="utf-8").splitlines()
    assert rates[1:] == ["2025-06-09,USD,502.5000,1,NBK", "2025-07-01,USD,511.7500,1,NBK"]
    # in tenge: the contract at 502.50, the payment at 511.75, each rounded once to the tiyn
    # (half away from zero), as in the old folder
    def tenge(amount: str, rate: str) -> Decimal:
        return (Decimal(amount) * Decimal(rate)).quantize(Decimal("0.01"), ROUND_HALF_UP)

    expected = tenge("9000.00", "502.50") - tenge("4000.50", "511.75")
    assert _committed_unpaid(capsys, old, PLAN_END) == CONTRACT - PAID + expected
    assert _committed_unpaid(capsys, new, "2028-12-31") == expected
