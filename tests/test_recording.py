from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from mics_budget import load
from mics_budget.cli import main
from mics_budget.config import DataDir
from mics_budget.recording import RecordError, add_lot, record_event
from tests.conftest import EVENTS, LOTS, write_files

TODAY = date(2024, 1, 31)


def record(money_dir, *args, **kwargs):
    return record_event(DataDir(money_dir), *args, today=kwargs.pop("today", TODAY), **kwargs)


def events_file(money_dir) -> Path:
    return money_dir / "procurement" / "events.csv"


def test_a_step_appends_exactly_one_line(money_dir):
    before = events_file(money_dir).read_bytes()
    values = record(money_dir, "L1", "delivered", date(2023, 8, 1), document="Акт 7",
                    by="Иванова")
    after = events_file(money_dir).read_bytes()
    assert after.startswith(before)
    line = after[len(before):].decode()
    assert line.startswith("L1,2023-08-01,delivered,,,,,Акт 7,,Иванова,")
    assert line.count("\n") == 1
    assert values["recorded_at"][:4] == str(date.today().year)
    assert load(money_dir).problems == []


@pytest.mark.parametrize(
    ("args", "kwargs", "field", "message"),
    [
        (("L9", "announced", date(2023, 8, 1)), {}, "lot", "лот «L9» не найден"),
        (("L1", "announced", date(2023, 8, 1)), {}, "status",
         "лот на этапе «договор заключён»: перейти в «announced» нельзя; возможно: amended, "
         "delivered, terminated"),
        (("L1", "delivered", date(2023, 7, 1)), {}, "date",
         "дата 2023-07-01 раньше последнего события лота (2023-07-10)"),
        (("L1", "amended", date(2023, 8, 1)), {}, "amount",
         "для статуса «amended» нужна сумма договора"),
        (("L1", "delivered", date(2024, 2, 1)), {}, "date", "ещё не наступила"),
        (("L1", "signed", date(2023, 8, 1)), {}, "status", "неизвестный статус «signed»"),
        (("L1", "amended", date(2023, 8, 1)), {"amount": "12 000 ₸"}, "amount",
         "неверная сумма «12 000 ₸»"),
        (("L1", "delivered", date(2023, 8, 1)), {"supplier_bin": "12345"}, "supplier_bin",
         "12 цифр"),
        (("L1", "delivered", date(2023, 8, 1)), {"bids": "-1"}, "bids", "целым"),
    ],
)
def test_refusals_write_nothing_and_say_why(money_dir, args, kwargs, field, message):
    before = events_file(money_dir).read_bytes()
    with pytest.raises(RecordError) as info:
        record(money_dir, *args, **kwargs)
    assert info.value.field == field
    assert message in str(info.value)
    assert events_file(money_dir).read_bytes() == before


def test_cli_refusal_is_one_russian_line_with_status_2(money_dir, capsys):
    before = events_file(money_dir).read_bytes()
    code = main(["procurement", "record", "L1", "announced", "--date", "2023-08-01", "--data",
                 str(money_dir)])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("ошибка: лот на этапе «договор заключён»")
    assert len(err.strip().splitlines()) == 1
    assert events_file(money_dir).read_bytes() == before
    code = main(["procurement", "record", "L1", "amended", "--date", "2023-07-20", "--amount",
                 "9 600 000,00", "--note", "Доп. соглашение", "--by", "Петров", "--data",
                 str(money_dir)])
    assert code == 0 and "записано: лот L1" in capsys.readouterr().err
    assert events_file(money_dir).read_text().splitlines()[-1].startswith(
        "L1,2023-07-20,amended,9600000.00,,,,,Доп. соглашение,Петров,")


def test_a_russian_excel_register_is_appended_in_its_own_encoding(money_dir):
    text = EVENTS.replace(",", ";").replace("lot;date;status", "Лот;Дата;Статус")
    events_file(money_dir).write_bytes(text.replace("\n", "\r\n").encode("cp1251"))
    record(money_dir, "L1", "amended", date(2023, 7, 20), amount="9700000.5")
    data = events_file(money_dir).read_bytes()
    assert data.endswith("L1;2023-07-20;amended;9700000,50;;;;;;root;".encode("cp1251")
                         + data.split(b";root;")[-1])
    assert data.endswith(b"\r\n")
    data.decode("cp1251")
    assert load(money_dir).problems == []


def test_a_file_without_a_final_newline_gets_one(money_dir):
    events_file(money_dir).write_text(EVENTS.rstrip("\n"), encoding="utf-8")
    record(money_dir, "L1", "delivered", date(2023, 8, 1))
    assert load(money_dir).problems == []
    assert len(load(money_dir).events) == 6


def test_xlsx_registers_are_read_only(money_dir):
    events_file(money_dir).unlink()
    workbook = openpyxl.Workbook()
    for row in EVENTS.splitlines():
        workbook.active.append(row.split(","))
    workbook.save(money_dir / "procurement" / "events.xlsx")
    with pytest.raises(RecordError, match=r"доступен только для чтения.*events\.csv"):
        record(money_dir, "L1", "delivered", date(2023, 8, 1))


def test_add_lot_and_its_refusals(money_dir):
    data = DataDir(money_dir)
    values = add_lot(data, "L2", "7.2", "auction", "1 500 000,00", title="Маски",
                     planned_announce=date(2023, 6, 1))
    assert values["estimate"] == "1500000.00"
    lots = (money_dir / "procurement" / "lots.csv").read_text().splitlines()
    assert lots[-1] == "L2,7.2,Маски,auction,1500000.00,KZT,,2023-06-01,,"
    for args, message in [(("L2", "7.2", "auction", "1"), "повторяется"),
                          (("L3", "1.1", "auction", "1"), "не требует финансирования"),
                          (("L3", "7.2", "tender", "1"), "неизвестный способ"),
                          (("L3", "99.9", "auction", "1"), "неизвестное мероприятие"),
                          (("L3", "7.2", "auction", "abc"), "неверная сумма")]:
        with pytest.raises(RecordError, match=message):
            add_lot(data, *args)
    assert (money_dir / "procurement" / "lots.csv").read_text().splitlines() == lots
    assert load(money_dir).problems == []


def test_a_new_register_is_created_with_its_header(data_dir):
    data = DataDir(data_dir)
    add_lot(data, "N1", "7.3", "e_shop", "1000")
    record_event(data, "N1", "contracted", date(2023, 6, 1), amount="990", today=TODAY)
    project = load(data_dir)
    assert project.problems == []
    assert project.events["status"].tolist() == ["contracted"]


# --- concurrency and crashes ----------------------------------------------------------------

CHAIN = [("announced", None), ("evaluation", None), ("awarded", None), ("contracted", "100"),
         ("amended", "101"), ("delivered", None), ("paid", None), ("closed", None)]


def _worker(root: str, lots: list[str]) -> int:
    done = 0
    for lot in lots:
        for day, (status, amount) in enumerate(CHAIN, start=1):
            record_event(DataDir(Path(root)), lot, status, date(2023, 6, day), amount=amount,
                         document=f"{lot}-{status}", today=TODAY)
            done += 1
    return done


def test_several_processes_recording_at_once_lose_nothing(money_dir):
    workers, lots_each = 4, 16  # 512 records
    lots = [[f"C{w}-{i:02d}" for i in range(lots_each)] for w in range(workers)]
    write_files(money_dir, {"procurement/lots.csv": LOTS + "".join(
        f"{lot},7.2,Канц,auction,100,KZT,149,,,\n" for group in lots for lot in group)})
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers) as pool:
        counts = pool.starmap(_worker, [(str(money_dir), group) for group in lots])
    assert counts == [lots_each * len(CHAIN)] * workers
    project = load(money_dir)
    assert project.problems == []
    lines = events_file(money_dir).read_text().splitlines()
    assert len(lines) == 1 + 5 + workers * lots_each * len(CHAIN)
    documents = project.events["document"]
    assert documents.duplicated().sum() == documents.eq("").sum() - 1
    for group in lots:
        for lot in group:
            steps = project.events.loc[project.events["lot"] == lot, "status"].tolist()
            assert steps == [s for s, _ in CHAIN]


KILL_SCRIPT = """
import sys
from datetime import date
from pathlib import Path
from mics_budget.config import DataDir
from mics_budget.recording import record_event
data = DataDir(Path(sys.argv[1]))
start = int(sys.argv[2])
for i in range(start, start + 100000):
    record_event(data, "L1", "amended", date(2023, 7, 20), amount=str(9_600_000 + i),
                 document=f"K{i}", today=date(2024, 1, 31))
    print(f"K{i}", flush=True)
"""


def test_a_process_killed_while_recording_leaves_the_file_valid(money_dir, tmp_path):
    script = tmp_path / "recorder.py"
    script.write_text(KILL_SCRIPT)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    acknowledged: list[str] = []
    rng = random.Random(7)
    for round_ in range(12):  # killed at random moments, many times
        proc = subprocess.Popen([sys.executable, str(script), str(money_dir),
                                 str(round_ * 100000)], stdout=subprocess.PIPE, text=True,
                                env=env)
        time.sleep(rng.uniform(0.9, 1.6))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        acknowledged += out.split()
        project = load(money_dir)
        assert project.problems == [], round_
        written = set(project.events["document"])
        assert set(acknowledged) <= written
    assert len(acknowledged) > 0
