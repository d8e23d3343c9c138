from __future__ import annotations

import itertools
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
from mics_budget.cli.cli import main
from mics_budget.config import DataDir
from mics_budget.procurement.recording import RecordError, add_lot, record_event
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
         "лот на этапе «договор заключён»: перейти в «объявлен» нельзя; возможно: «изменение "
         "договора», «поставлено», «расторгнут»"),
        (("L1", "delivered", date(2023, 7, 1)), {}, "date",
         "дата 01.07.2023 раньше последнего события лота (10.07.2023)"),
        (("L1", "amended", date(2023, 8, 1)), {}, "amount",
         "для этапа «изменение договора» нужна сумма договора"),
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


@pytest.mark.slow
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


@pytest.mark.slow
def test_add_lot_and_its_refusals(money_dir):
    data = DataDir(money_dir)
    values = add_lot(data, "L2", "7.2", "auction", "1 500 000,00", title="Маски",
                     planned_announce=date(2023, 6, 1))
    assert values["estimate"] == "1500000.00"
    lots = (money_dir / "procurement" / "lots.csv").read_text().splitlines()
    # no law given: the one in force on the planned announcement date
    assert lots[-1] == "L2,7.2,Маски,auction,1500000.00,KZT,,2023-06-01,,434-V"
    for args, message in [(("L2", "7.2", "auction", "1"), "повторяется"),
                          (("L3", "1.1", "auction", "1"), "не требует финансирования"),
                          (("L3", "8.1", "auction", "1"), "не требует госзакупки"),
                          (("L3", "7.2", "auction", "1", "", "KZT", "", None, None, "99-X"),
                           "неизвестная редакция закона"),
                          (("L3", "7.2", "auction", "=1+2"), "неверная сумма"),
                          (("L3", "7.2", "auction", "١٠٠٠"), "неверная сумма"),
                          (("L3", "7.2", "auction", "10000000000000.01"), "больше"),
                          (("L3\x00", "7.2", "auction", "1"), "управляющий символ U\\+0000"),
                          (("L3", "7.2", "tender", "1"), "неизвестный способ"),
                          (("L3", "99.9", "auction", "1"), "неизвестное мероприятие"),
                          (("L3", "7.2", "auction", "abc"), "неверная сумма")]:
        with pytest.raises(RecordError, match=message):
            add_lot(data, *args)
    assert (money_dir / "procurement" / "lots.csv").read_text().splitlines() == lots
    assert load(money_dir).problems == []


@pytest.mark.parametrize(("planned", "law"), [(date(2024, 12, 31), "434-V"),
                                               (date(2025, 1, 1), "106-VIII")])
def test_add_lot_derives_the_law_from_the_planned_announcement(money_dir, planned, law):
    values = add_lot(DataDir(money_dir), "L2", "7.2", "auction", "100",
                     planned_announce=planned)
    assert values["law"] == law


def test_a_lot_is_linked_to_the_portal_when_added_or_amended(data_dir):
    from mics_budget.procurement.recording import amend_lot

    data = DataDir(data_dir)
    add_lot(data, "N1", "7.3", "price_quotations", "1000", portal_number=" 15550001-1 ")
    add_lot(data, "N2", "7.2", "auction", "1000", portal_number="15550004-1",
            portal_lot="90000003-АУК1")
    lots = load(data_dir).valid_lots
    assert lots.loc["N1", ["portal_number", "portal_lot"]].tolist() == ["15550001-1", ""]
    assert lots.loc["N2", "portal_lot"] == "90000003-АУК1"
    for kwargs, message in [({"portal_number": "15550001-1"}, "уже связан с лотом N1"),
                            ({"portal_lot": "90000003-АУК1"}, "уже связан с лотом N2"),
                            ({"portal_number": "1555 0001"}, "без пробелов"),
                            ({"portal_number": "1" * 65}, "не длиннее 64")]:
        with pytest.raises(RecordError, match=message) as refused:
            add_lot(data, "N3", "7.2", "auction", "1000", **kwargs)
        assert refused.value.field in ("portal_number", "portal_lot")
    amend_lot(data, "N2", title="Маски")  # the link is kept when something else changes
    assert load(data_dir).valid_lots.loc["N2", "portal_lot"] == "90000003-АУК1"
    amend_lot(data, "N1", portal_number="15550002-1")
    assert load(data_dir).valid_lots.loc["N1", "portal_number"] == "15550002-1"


def test_a_link_in_a_lots_file_without_the_portal_columns_asks_for_the_upgrade(money_dir):
    with pytest.raises(RecordError, match="procurement upgrade"):
        add_lot(DataDir(money_dir), "L2", "7.2", "auction", "1", portal_number="15550009-1")
    add_lot(DataDir(money_dir), "L2", "7.2", "auction", "1")  # without a link: as before


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
WAIT = 300  # seconds: a bound for a stuck test, never reached by a working one, even on slow CI


def _processes():
    """Processes forked from a server that has already imported the library: each starts in
    milliseconds instead of the second of a fresh interpreter."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["mics_budget.procurement.recording", __name__])
    return context


def _worker(root: str, lots: list[str], barrier) -> None:
    """Record the whole chain of each lot, one step of every lot per round; every round starts
    for all workers at once (``barrier``), so they all want the register at the same time."""
    from mics_budget.core import store

    store.LOCK_TIMEOUT = WAIT  # waiting for the others is the point here, not an error
    barrier.wait(WAIT)
    for day, (status, amount) in enumerate(CHAIN, start=1):
        for lot in lots:
            record_event(DataDir(Path(root)), lot, status, date(2023, 6, day), amount=amount,
                         document=f"{lot}-{status}", today=TODAY,
                         confirm=True)  # «paid» with nothing paid: concurrency is the point
        barrier.wait(WAIT)


@pytest.mark.slow
def test_several_processes_recording_at_once_lose_nothing(money_dir):
    workers, lots_each = 4, 2  # 64 records in 8 rounds of 8 records wanted at the same moment
    lots = [[f"C{w}-{i:02d}" for i in range(lots_each)] for w in range(workers)]
    write_files(money_dir, {"procurement/lots.csv": LOTS + "".join(
        f"{lot},7.2,Канц,auction,100,KZT,149,,,\n" for group in lots for lot in group)})
    context = _processes()
    barrier = context.Barrier(workers)
    processes = [context.Process(target=_worker, args=(str(money_dir), group, barrier))
                 for group in lots]
    for process in processes:
        process.start()
    for process in processes:
        process.join(WAIT)
    codes = [process.exitcode for process in processes]
    for process in processes:
        if process.exitcode is None:
            process.kill()
    assert codes == [0] * workers  # every worker finished: every record was acknowledged
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
    # they did write at the same time: each round's records come from every worker
    writers = [line.split("-")[0] for line in lines[6:]]
    switches = sum(a != b for a, b in itertools.pairwise(writers))
    assert switches >= len(CHAIN) * (workers - 1)


def _recorder(root: str, start: int, acknowledged) -> None:
    """Record events until killed; send the document of each one once it is recorded."""
    data = DataDir(Path(root))
    for i in range(start, start + 100000):
        record_event(data, "L1", "amended", date(2023, 7, 20), amount=str(9_600_000 + i),
                     document=f"K{i}", today=TODAY)
        acknowledged.send_bytes(f"K{i}".encode())


@pytest.mark.slow
def test_a_process_killed_while_recording_leaves_the_file_valid(money_dir):
    context = _processes()
    acknowledged: list[str] = []
    rng = random.Random(7)
    for round_ in range(12):  # killed at random moments, many times
        reader, writer = context.Pipe(duplex=False)
        process = context.Process(target=_recorder,
                                  args=(str(money_dir), round_ * 100000, writer))
        process.start()
        writer.close()
        assert reader.poll(WAIT), round_
        acknowledged.append(reader.recv_bytes().decode())  # recording is under way
        time.sleep(rng.uniform(0, 0.4))  # about six records' time
        os.kill(process.pid, signal.SIGKILL)
        process.join(WAIT)
        while True:  # what it acknowledged before it died
            try:
                acknowledged.append(reader.recv_bytes().decode())
            except EOFError:
                break
        reader.close()
        project = load(money_dir)
        assert project.problems == [], round_
        written = set(project.events["document"])
        assert set(acknowledged) <= written
    assert len(acknowledged) > 12


# --- hostile text, partial writes, encodings, locks -----------------------------------------

TEXTS = {
    "lone CR": "a\rb", "LF": "a\nb", "CRLF": "a\r\nb", "comma": "a,b", "semicolon": "a;b",
    "tab": "a\tb", "quote": 'a "b" c', "formula": '=HYPERLINK("http://x/?"&B2,"ok")',
    "plus": "+1+2", "at": "@SUM(A1)", "Cyrillic": "Доп. соглашение №2 «А»",
    "Kazakh": "ТОО Қазақ Әліпбиі ғ ң ө ұ ү һ і", "emoji": "🙂 ok", "line separator": "a\u2028b",
    "lone CR at the end": "abc\r", "private use": "a\ue001b",
}


@pytest.mark.slow
@pytest.mark.parametrize("flavour", ["utf8", "utf8_crlf", "utf8_bom_semicolon", "sep_line",
                                     "utf16"])
def test_every_character_class_round_trips(money_dir, flavour):
    """Whatever is typed comes back as typed (trimmed at the ends), in any register style."""
    text = EVENTS
    if flavour == "utf8_crlf":
        data = text.replace("\n", "\r\n").encode()
    elif flavour == "utf8_bom_semicolon":
        data = b"\xef\xbb\xbf" + text.replace(",", ";").encode()
    elif flavour == "sep_line":
        data = ("sep=;\r\n" + text.replace(",", ";").replace("\n", "\r\n")).encode()
    elif flavour == "utf16":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    else:
        data = text.encode()
    events_file(money_dir).write_bytes(data)
    for day, note in enumerate(TEXTS.values(), start=11):
        record(money_dir, "L1", "amended", date(2023, 7, day), amount="9500000",
               supplier=note, document=note, note=note)
    project = load(money_dir)
    assert project.problems == []
    got = project.events.loc[project.events["note"] != "", ["note", "supplier", "document"]]
    expected = [value.strip() for value in TEXTS.values()]
    assert got["note"].tolist() == expected
    assert got["document"].tolist() == expected
    # a supplier's name is one line: its whitespace is collapsed on purpose
    assert got["supplier"].tolist() == [" ".join(value.split()) for value in TEXTS.values()]
    raw = events_file(money_dir).read_bytes()
    if flavour == "utf16":
        assert raw.count(b"\xff\xfe") == 1  # no second BOM in the middle
    assert raw.startswith(data)


def test_control_characters_are_refused(money_dir):
    before = events_file(money_dir).read_bytes()
    for bad in ("a\x00b", "a\x1bb", "a\x7fb"):
        with pytest.raises(RecordError, match="управляющий символ") as info:
            record(money_dir, "L1", "delivered", date(2023, 8, 1), note=bad)
        assert info.value.field == "note"
    assert events_file(money_dir).read_bytes() == before


FSIZE_SCRIPT = """
import resource, sys
from mics_budget.cli.cli import main
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.slow
@pytest.mark.parametrize("room", [0, 7])
def test_a_write_cut_short_is_undone_and_never_acknowledged(money_dir, tmp_path, room):
    """A file-size limit (like a full disk) lets only part of the line through: the file is
    cut back to what it was, the command says so and exits 2."""
    script = tmp_path / "limited.py"
    script.write_text(FSIZE_SCRIPT)
    before = events_file(money_dir).read_bytes()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]), "MICS_LANG": "ru"}
    proc = subprocess.run(
        [sys.executable, str(script), str(len(before) + room), "procurement", "record", "L1",
         "delivered", "--date", "2023-08-01", "--note", "x" * 200, "--data", str(money_dir)],
        capture_output=True, text=True, env=env)
    assert proc.returncode == 2, proc.stderr
    assert "не удалась" in proc.stderr and "ничего не записано" in proc.stderr
    assert "записано: лот" not in proc.stderr
    assert events_file(money_dir).read_bytes() == before
    assert load(money_dir).problems == []


@pytest.mark.slow
def test_a_new_register_that_cannot_be_written_is_refused_cleanly(data_dir, tmp_path):
    script = tmp_path / "limited.py"
    script.write_text(FSIZE_SCRIPT)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    proc = subprocess.run(
        [sys.executable, str(script), "10", "procurement", "add-lot", "N1", "--activity", "7.3",
         "--method", "e_shop", "--estimate", "1000", "--data", str(data_dir)],
        capture_output=True, text=True, env=env)
    assert proc.returncode == 2 and "не удалась" in proc.stderr, proc.stderr
    assert not (data_dir / "procurement" / "lots.csv").exists()


@pytest.mark.slow
def test_kazakh_letters_into_a_windows_1251_register_are_refused_then_converted(money_dir,
                                                                               capsys):
    russian = EVENTS.replace(",", ";").replace("\n", "\r\n")
    events_file(money_dir).write_bytes(russian.encode("cp1251"))
    before = events_file(money_dir).read_bytes()
    code = main(["procurement", "record", "L1", "delivered", "--date", "2023-08-01",
                 "--supplier", "ТОО Қазақ Әліпбиі", "--data", str(money_dir)])
    err = capsys.readouterr().err
    assert code == 2
    assert "символ «Қ» (U+049A) нельзя записать в events.csv" in err
    assert "Windows-1251" in err and "mics-budget to-utf8" in err
    assert "внутренняя ошибка" not in err
    assert events_file(money_dir).read_bytes() == before
    assert main(["to-utf8", "--data", str(money_dir)]) == 0
    assert "procurement/events.csv: Windows-1251 → UTF-8" in capsys.readouterr().err
    converted = events_file(money_dir).read_bytes()
    assert converted.startswith(b"\xef\xbb\xbf")
    assert converted[3:].decode("utf-8") == russian  # every character, separator, line end
    assert main(["procurement", "record", "L1", "delivered", "--date", "2023-08-01",
                 "--supplier", "ТОО Қазақ Әліпбиі", "--data", str(money_dir)]) == 0
    project = load(money_dir)
    assert project.problems == []
    assert project.events["supplier"].iloc[-1] == "ТОО Қазақ Әліпбиі"
    assert main(["to-utf8", "--data", str(money_dir)]) == 0
    assert "уже в UTF-8" in capsys.readouterr().err


def test_a_busy_register_says_so_and_exits_2(money_dir, monkeypatch, capsys):
    from filelock import FileLock

    from mics_budget.core import store

    monkeypatch.setattr(store, "LOCK_TIMEOUT", 0.2)
    before = events_file(money_dir).read_bytes()
    with FileLock(f"{events_file(money_dir)}.lock"):
        code = main(["procurement", "record", "L1", "delivered", "--date", "2023-08-01",
                     "--data", str(money_dir)])
    err = capsys.readouterr().err
    assert code == 2
    assert "занят другой записью" in err and "повторите" in err
    assert "Timeout" not in err and "внутренняя" not in err
    assert events_file(money_dir).read_bytes() == before


def test_a_refused_record_creates_nothing_in_a_folder_that_does_not_exist(tmp_path, capsys):
    missing = tmp_path / "no-such-data"
    for argv in (["procurement", "record", "L1", "delivered", "--date", "2023-08-01"],
                 ["procurement", "add-lot", "L1", "--activity", "7.1", "--method", "auction",
                  "--estimate", "1"]):
        assert main([*argv, "--data", str(missing)]) == 2
        assert "папка данных не найдена" in capsys.readouterr().err
    assert not missing.exists()


def test_a_record_without_any_register_creates_nothing(data_dir):
    with pytest.raises(RecordError, match="не найден"):
        record(data_dir, "L1", "announced", date(2023, 8, 1))
    assert not (data_dir / "procurement").exists()


def test_two_candidate_registers_are_refused(money_dir):
    (money_dir / "procurement" / "events.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(RecordError, match="несколько файлов"):
        record(money_dir, "L1", "delivered", date(2023, 8, 1))


def test_a_lot_takes_its_method_by_name_as_a_step_takes_its_stage(money_dir):
    from mics_budget.cli import main

    assert main(["procurement", "add-lot", "N9", "--activity", "7.1", "--method",
                 "Из одного источника", "--estimate", "100000", "--data", str(money_dir),
                 "--by", "test"]) == 0
    assert load(money_dir).valid_lots.loc["N9", "method"] == "single_source"
    assert main(["procurement", "add-lot", "N10", "--activity", "7.1", "--method",
                 "лотерея", "--estimate", "100000", "--data", str(money_dir)]) == 2


@pytest.mark.slow  # a whole import, or more, over half a second
def test_a_step_that_contradicts_the_register_needs_confirming(money_dir, capsys):
    """«оплачено» with less paid than the contract, a contract ten times the estimate: each
    refused with the contradiction named (exit 2, «--confirm»), recorded when confirmed with
    what was confirmed noted, and listed under «Требует внимания» afterwards."""
    from mics_budget.cli import main
    from mics_budget.errors import ConfirmationNeeded
    from mics_budget.procurement.alerts import alerts

    data = DataDir(money_dir)
    record_event(data, "L1", "delivered", date(2023, 8, 1), today=TODAY)
    with pytest.raises(ConfirmationNeeded) as refused:
        record_event(data, "L1", "paid", date(2023, 8, 2), today=TODAY)
    assert "оплачено 4\u00a0000\u00a0000,00\u00a0₸ из 9\u00a0500\u00a0000,00\u00a0₸" in \
        str(refused.value)
    argv = ["procurement", "record", "L1", "оплачено", "--date", "2023-08-02", "--data",
            str(money_dir)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "оплачено 4\u00a0000\u00a0000,00\u00a0₸ из 9\u00a0500\u00a0000,00\u00a0₸" in err
    assert "--confirm" in err
    assert main([*argv, "--confirm"]) == 0
    events = load(money_dir).events
    assert events["note"].iloc[-1] == "[подтверждено: paid_short]"
    codes = {a.code for a in alerts(load(money_dir), TODAY)}
    assert "paid_short" in codes
    add_lot(data, "L2", "7.1", "auction", "100000", by="test")
    for status, day in (("announced", 3), ("evaluation", 4), ("awarded", 5)):
        record_event(data, "L2", status, date(2023, 8, day), today=TODAY)
    with pytest.raises(ConfirmationNeeded, match=r"в 10,0 раза больше"):
        record_event(data, "L2", "contracted", date(2023, 8, 6), amount="1000000",
                     today=TODAY)
    record_event(data, "L2", "contracted", date(2023, 8, 6), amount="1000000", today=TODAY,
                 confirm=True)
    assert "above_estimate" in {a.code for a in alerts(load(money_dir), TODAY) if a.lot == "L2"}


@pytest.mark.slow  # a register app and three loads
def test_the_app_asks_to_confirm_a_contradiction(money_dir):
    from mics_budget.web.register_app import RegisterApp

    data = DataDir(money_dir)
    record_event(data, "L1", "delivered", date(2023, 8, 1), today=TODAY)
    app = RegisterApp(data, today=TODAY)
    app.lot.value = "L1"
    assert app.status.value == "paid"  # the natural next step after delivery
    app.date.value = date(2023, 8, 2)
    before = len(load(money_dir).events)
    app._on_save()
    assert "оплачено 4\u00a0000\u00a0000,00\u00a0₸ из 9\u00a0500\u00a0000,00\u00a0₸" in \
        app.message.value  # amounts as people read them
    assert app.confirm.layout.display != "none" and len(load(money_dir).events) == before
    app.confirm.click()
    assert len(load(money_dir).events) == before + 1
    assert app.confirm.layout.display == "none" and "mics-ok" in app.message.value
