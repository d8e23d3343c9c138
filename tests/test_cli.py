from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mics_budget.cli.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_show_json_follows_the_contract(capsys, data_dir):
    code, out, err = run(capsys, "plan", "show", "--format", "json", "--data", str(data_dir))
    assert code == 0 and err == ""
    activities = json.loads(out)
    assert len(activities) == 47
    assert [a["id"] for a in activities][:3] == ["1.1", "2.1", "2.2"]
    item = next(a for a in activities if a["id"] == "10.1")
    assert item == {
        "id": "10.1", "section": "10",
        "section_title": "Проведение работы со СМИ и государственными органами",
        "title": item["title"], "units": ["ДСН"], "participants": ["Пресс-служба"],
        "periods": [{"start": "2024-03-01", "end": "2024-04-30"},
                    {"start": "2024-09-01", "end": "2024-11-30"}],
        "period_text": "Март-апрель 2024, сентябрь-ноябрь 2024", "duration_days": None,
        "tentative": False, "completion_form": "Публикации в СМИ и на сайтеБНС",
        "funding": "NONE", "procurement": False,
    }
    assert item["title"].startswith("Информационно-разъяснительная кампания")
    assert next(a for a in activities if a["id"] == "8.1")["duration_days"] == 10


def test_plan_status_json_follows_the_contract(capsys, data_dir):
    code, out, _ = run(capsys, "plan", "status", "--as-of", "2024-05-01", "--format", "json",
                       "--data", str(data_dir))
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 47
    assert all(set(r) == {"id", "status", "days_overdue"} for r in rows)
    by_id = {r["id"]: r for r in rows}
    assert by_id["11.2"] == {"id": "11.2", "status": "in_progress", "days_overdue": 0}
    assert by_id["3.3"] == {"id": "3.3", "status": "overdue", "days_overdue": 31}
    assert by_id["3.4"]["status"] == "planned"


def test_table_is_for_people_in_russian(capsys, data_dir):
    code, out, _ = run(capsys, "plan", "status", "--as-of", "2024-05-01", "--data",
                       str(data_dir))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Статус мероприятий плана на 01.05.2024"
    assert lines[1].split()[:2] == ["№", "Мероприятие"]
    assert "выполняется" in out and "просрочено" in out
    assert "ПРИМЕР" not in out  # the copy has no EXAMPLE marker
    header_width = len(lines[2])
    assert all(len(line) <= header_width for line in lines[3:-1])


def test_table_in_english(capsys, data_dir):
    code, out, _ = run(capsys, "--lang", "en", "plan", "show", "--data", str(data_dir))
    assert code == 0
    assert out.splitlines()[0].split()[:2] == ["No.", "Activity"]
    assert "Republican budget" in out


def test_csv_output_parses(capsys, data_dir):
    code, out, _ = run(capsys, "plan", "show", "--format", "csv", "--data", str(data_dir))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 47
    assert rows[0]["id"] == "1.1" and rows[0]["units"] == "ДСН, ДМРПУД"
    code, out, _ = run(capsys, "plan", "status", "--format", "csv", "--as-of", "2023-03-01",
                       "--data", str(data_dir))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0] == {"id": "1.1", "status": "overdue", "days_overdue": "1", "completed_on": ""}


def test_example_banner_when_the_folder_is_marked(capsys, data_dir):
    (data_dir / "EXAMPLE").write_text("")
    _, out, _ = run(capsys, "plan", "status", "--data", str(data_dir))
    assert out.startswith("ПРИМЕР:")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["plan", "status", "--as-of", "2024-02-30"], "такой даты нет: «2024-02-30»"),
        (["plan", "status", "--as-of", "31.04.2024"], "такой даты нет: «31.04.2024»"),
        (["plan", "status", "--as-of", "2024/02/03"], "неверная дата «2024/02/03»"),
        (["plan", "status", "--format", "xml"], "недопустимое значение: 'xml'"),
        (["plan", "import"], "обязательные аргументы не заданы: PATH"),
        (["plan", "import", "nowhere.txt"], "файл не найден: nowhere.txt"),
        (["plan", "import", "plan.pdf"], "неизвестный формат файла"),
    ],
)
def test_errors_are_one_russian_line_on_stderr_with_status_2(capsys, data_dir, tmp_path, argv,
                                                             message):
    if argv[-1] == "plan.pdf":
        (tmp_path / "plan.pdf").write_bytes(b"%PDF")
        argv = [*argv[:-1], str(tmp_path / "plan.pdf")]
    with pytest.raises(SystemExit) as exit_info:
        code = main([*argv, "--data", str(data_dir)])
        raise SystemExit(code)
    out, err = capsys.readouterr()
    assert exit_info.value.code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert "ошибка" in err


def test_a_data_folder_without_a_plan_says_how_to_import_one(capsys, tmp_path):
    code, _out, err = run(capsys, "plan", "show", "--data", str(tmp_path))
    assert code == 2
    assert "mics-budget plan import" in err


def test_import_then_show_in_a_new_data_folder(capsys, tmp_path, seed_path):
    target = tmp_path / "new"
    code, _, err = run(capsys, "plan", "import", str(seed_path), "--data", str(target))
    assert code == 0 and "импортировано мероприятий: 47" in err
    code, _, err = run(capsys, "plan", "import", str(seed_path), "--data", str(target))
    assert "файлы плана не изменились" in err
    code, out, _ = run(capsys, "plan", "show", "--format", "json", "--data", str(target))
    assert len(json.loads(out)) == 47


@pytest.mark.slow
def test_console_script_is_installed(data_dir):
    exe = shutil.which("mics-budget") or str(Path(__file__).parents[1] / ".venv/bin/mics-budget")
    result = subprocess.run([exe, "plan", "status", "--format", "json", "--data", str(data_dir)],
                            capture_output=True, text=True, check=True)
    assert len(json.loads(result.stdout)) == 47


# --- ledger commands --------------------------------------------------------------------------


def test_summary_json_follows_the_contract(capsys, money_dir):
    code, out, _ = run(capsys, "summary", "--as-of", "2023-12-31", "--by", "activity",
                       "--format", "json", "--data", str(money_dir))
    assert code == 0
    doc = json.loads(out)
    assert doc["as_of"] == "2023-12-31" and doc["currency"] == "KZT"
    assert doc["example_data"] is False
    assert doc["problems"] == []
    row = doc["rows"][1]
    assert {k: row[k] for k in ("source", "activity", "plan", "committed", "paid", "remaining",
                                "uncommitted", "execution")} == {
        "source": "RB", "activity": "8.1", "plan": 5000000.5, "committed": 900000.25,
        "paid": 900000.25, "remaining": 4100000.25, "uncommitted": 4100000.25,
        "execution": round(900000.25 / 5000000.5, 6)}
    assert '"plan": 5000000.5,' in out  # money is never float noise


def test_summary_table_and_csv(capsys, money_dir):
    code, out, _ = run(capsys, "summary", "--as-of", "2023-12-31", "--by", "activity",
                       "--data", str(money_dir))
    assert code == 0
    assert "14 000 000,50" in out  # the RB total line, Russian style
    assert "Итого" in out
    code, out, _ = run(capsys, "summary", "--as-of", "2023-12-31", "--format", "csv",
                       "--data", str(money_dir))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["source"] == "RB" and rows[0]["plan"] == "14000000.5"


def test_summary_refuses_an_unknown_grouping(capsys, money_dir):
    with pytest.raises(SystemExit) as info:
        main(["summary", "--by", "activity,region", "--data", str(money_dir)])
    assert info.value.code == 2
    assert "неизвестная группировка «region»" in capsys.readouterr().err


def test_validate_lists_problems_writes_csv_and_exits_1_on_errors(capsys, money_dir, tmp_path):
    from tests.conftest import PAYMENTS, write_files

    out_file = tmp_path / "validation.csv"
    code, out, err = run(capsys, "validate", "--data", str(money_dir), "--out", str(out_file))
    assert code == 0 and out == "" and "Ошибок не найдено" in err
    write_files(money_dir, {"budget/payments.csv": PAYMENTS
                            + "X1,2023-06-10,99.1,RB,,100,KZT,,,,,\n"})
    code, out, err = run(capsys, "validate", "--data", str(money_dir), "--out", str(out_file))
    assert code == 1
    assert out == "budget/payments.csv:6: activity: неизвестное мероприятие «99.1»\n"
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8-sig"))))
    assert rows == [{"severity": "error", "file": "budget/payments.csv", "sheet": "",
                     "row": "6", "column": "activity", "value": "99.1",
                     "message": "неизвестное мероприятие «99.1»"}]


# --- procurement commands ---------------------------------------------------------------------


def test_procurement_status_json_contract(capsys, example_project):
    code, out, _ = run(capsys, "procurement", "status", "--as-of", "2025-06-30", "--format",
                       "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == len(example_project.valid_lots)  # every lot on the register
    required = {"lot", "activity", "stage", "stage_since", "estimate", "contract_amount",
                "savings", "paid", "delay_days"}
    assert all(required <= set(r) for r in rows)
    first = rows[0]
    assert (first["lot"], first["stage"], first["stage_since"], first["contract_amount"],
            first["savings"]) == ("LOT-2023-001", "closed", "2023-07-31", 9750000.0, 50000.0)


def test_procurement_flags_json_contract(capsys):
    code, out, _ = run(capsys, "procurement", "flags", "--as-of", "2025-06-30", "--format",
                       "json")
    flags = json.loads(out)
    assert code == 0 and len(flags) >= 3
    assert all(set(f) == {"lot", "flag", "severity", "detail", "title", "facts"}
               for f in flags)
    assert len({f["flag"] for f in flags}) >= 3


@pytest.mark.slow
def test_procurement_tables_for_people(capsys):
    code, out, _ = run(capsys, "procurement", "status", "--as-of", "2023-07-15")
    assert code == 0 and "договор заключён" in out and "ПРИМЕР" in out
    code, out, _ = run(capsys, "procurement", "flags", "--as-of", "2025-06-30")
    assert code == 0 and "Одна заявка в конкурентной процедуре" in out


# --- hostile arguments ------------------------------------------------------------------------

HOSTILE = ["", " ", "\x00", "=1+2", "../../../../etc/passwd", "x" * 5000, "-1", "2023-02-30",
           "٢٠٢٣-٠١-٠١", "🙂", "NaN", "1e309", "0024-01", "/", "--help=x",
           # issue 25: devices, a surrogate (undecodable bytes of a command line), digits of
           # other scripts, huge numbers, year 0001, a port out of range
           "/dev/zero", "/dev/null", "\udcff\udcfe", "²³", "١٢٣٤٥٦٧٨٩٠١٢", "9" * 5000,
           "0001-01-01", "70000", "1e100000000"]


def _commands(parser, prefix=()):
    """Every leaf command as (argv prefix, its parser)."""
    import argparse

    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield prefix, parser
        return
    for name, sub in subs[0].choices.items():
        yield from _commands(sub, (*prefix, name))


def _valid_positionals(command):
    return {("plan", "import"): ["plan.txt"], ("procurement", "record"): ["L1", "delivered"],
            ("procurement", "add-lot"): ["L9"], ("procurement", "void"): ["E1"],
            ("procurement", "history"): ["L1"]}.get(command, [])


def _required(command):
    return {("procurement", "record"): ["--date", "2023-08-01"],
            ("procurement", "add-lot"): ["--activity", "7.2", "--method", "auction",
                                         "--estimate", "100"]}.get(command, [])


def _load_once_per_state(monkeypatch) -> None:
    """``load`` of the commands that reads a data folder again only when one of its files
    changed: the commands still get the folder as it is on disk, without parsing it anew for
    each of the hundreds of runs. Only successful loads are kept (a bad folder is read every
    time)."""
    from mics_budget.cli import commands
    from mics_budget.config import DataDir

    original, loaded = commands.load, {}

    def load(data=None):
        folder = data if isinstance(data, DataDir) else DataDir.resolve(data)
        files = [p for d in (folder.plan, folder.budget, folder.procurement) if d.is_dir()
                 for p in d.iterdir() if p.is_file()]
        key = (folder.root, folder.is_example,
               tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)))
        if key not in loaded:
            loaded[key] = original(data)
        return loaded[key]

    monkeypatch.setattr(commands, "load", load)


@pytest.mark.slow
def test_every_command_survives_hostile_arguments(money_dir, tmp_path, monkeypatch, capsys):
    """No value anyone can type ends in a traceback or an internal error: every command,
    every option, every positional, each with a list of hostile values."""

    from mics_budget.cli import cli
    from mics_budget.report import runner

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(os, "execvpe", lambda *a, **k: None)  # no Voila
    monkeypatch.setattr(runner, "run_report", lambda *a, **k: tmp_path)  # no papermill
    monkeypatch.delenv("MICS_DEBUG", raising=False)
    _load_once_per_state(monkeypatch)
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (tmp_path / "folder").mkdir()
    hostile_targets = [link, fifo, tmp_path / "folder"]
    parser = cli.build_parser()
    # one parser for the thousands of runs (argparse parsers can parse many times; the
    # language, the only thing a parser depends on, stays the same here)
    monkeypatch.setattr(cli, "build_parser", lambda: parser)
    runs = 0
    for command, sub in _commands(parser):
        base = [*command, *_valid_positionals(command), *_required(command)]
        options = [a for a in sub._actions if a.option_strings and a.nargs != 0
                   and "--help" not in a.option_strings]
        positionals = [i for i, a in enumerate(a for a in sub._actions if not a.option_strings)]
        for value in HOSTILE:
            cases = [[*base, a.option_strings[0], value] for a in options
                     if a.option_strings[0] not in ("--data", "--out")]
            cases += [[*base, "--data", value], [*base, "--data", str(money_dir), "--out",
                                                 str(tmp_path / "out" / "x")]]
            # --out onto what is not a regular file (never a system path: it is refused now,
            # but a regression must not be able to replace one)
            cases += [[*base, "--data", str(money_dir), "--out", str(target)]
                      for target in hostile_targets]
            for index in positionals:
                args = [*command, *_valid_positionals(command)]
                if index < len(args) - len(command):
                    args[len(command) + index] = value
                cases.append([*args, *_required(command), "--data", str(money_dir)])
            for argv in cases:
                if "--data" not in argv:
                    argv = [*argv, "--data", str(money_dir)]
                try:
                    code = cli.main(argv)
                except SystemExit as exit_:  # argparse: usage errors and --help
                    code = exit_.code
                err = capsys.readouterr().err
                runs += 1
                assert code in (0, 1, 2), (argv, err)
                assert "Traceback" not in err and "внутренняя ошибка" not in err, (argv, err)
    assert runs > 300


# --- Kazakh -----------------------------------------------------------------------------------


def test_help_in_kazakh(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--lang", "kk", "summary", "--help"])
    out = capsys.readouterr().out
    assert info.value.code == 0
    assert out.startswith("қолданылуы: mics-budget summary")
    assert "хабарламалар тілі: ru, en немесе kk" in out
    assert "есепті күн (әдепкі бойынша — бүгін)" in out
    with pytest.raises(SystemExit):
        main(["--lang=kk", "--help"])
    assert "MICS іс-шаралар жоспарының бюджеті" in capsys.readouterr().out


def test_errors_in_kazakh(capsys, data_dir):
    with pytest.raises(SystemExit) as info:
        main(["--lang", "kk", "plan", "status", "--as-of", "2024-02-30"])
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert err.startswith("mics-budget plan status: қате: ")
    assert "мұндай күн жоқ: «2024-02-30»" in err
    code, out, err = run(capsys, "plan", "show", "--lang", "kk", "--data",
                         str(data_dir / "nowhere"))
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert err.startswith("қате: жоспар жүктелмеген: ")
    assert err.endswith("файлы жоқ; «mics-budget plan import ФАЙЛ» командасын орындаңыз\n")


@pytest.mark.slow  # over half a second: the fast loop stays under a minute
def test_summary_in_kazakh_has_the_russian_figures(capsys, money_dir):
    argv = ["summary", "--as-of", "2023-12-31", "--by", "activity", "--data", str(money_dir)]
    _, russian, _ = run(capsys, *argv)
    code, kazakh, err = run(capsys, "--lang", "kk", *argv)
    assert code == 0 and err == ""
    lines = kazakh.splitlines()
    assert lines[0] == "Бюджеттің атқарылуы, 2023–2025 жж., 31.12.2023 күнгі, теңге"
    assert lines[1].split()[:2] == ["Қаржыландыру", "көзі"]
    assert "Барлығы" in kazakh and "РБ" in kazakh and "ЮНИСЕФ" in kazakh
    assert "14 000 000,50" in kazakh  # the RB total, as in Russian
    assert "50,1%" in kazakh and "50,1 %" in russian  # CLDR: no space before % in Kazakh
    money = re.compile(r"-?\d{1,3}(?: \d{3})*,\d\d\b")
    assert money.findall(kazakh) == money.findall(russian) != []
    _, json_kk, _ = run(capsys, "--lang", "kk", *argv, "--format", "json")
    _, json_ru, _ = run(capsys, *argv, "--format", "json")
    assert json_kk == json_ru  # machine formats do not depend on the language


def test_validate_in_kazakh(capsys, money_dir, tmp_path):
    from tests.conftest import PAYMENTS, write_files

    out_file = tmp_path / "validation.csv"
    code, out, err = run(capsys, "validate", "--lang", "kk", "--data", str(money_dir), "--out",
                         str(out_file))
    assert code == 0 and out == "" and err == "Қате табылған жоқ (ескертулер: 0).\n"
    write_files(money_dir, {"budget/payments.csv": PAYMENTS
                            + "X1,2023-06-10,99.1,RB,,100,KZT,,,,,\n"})
    code, out, err = run(capsys, "validate", "--lang", "kk", "--data", str(money_dir), "--out",
                         str(out_file))
    assert code == 1
    assert out == "budget/payments.csv:6: activity: белгісіз іс-шара «99.1»\n"
    assert err == f"Қателер: 1, ескертулер: 0. Тізім: {out_file}\n"
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8-sig"))))
    assert rows[0]["message"] == "белгісіз іс-шара «99.1»"


@pytest.mark.slow
def test_mics_lang_kk_from_the_environment(money_dir):
    exe = shutil.which("mics-budget") or str(Path(__file__).parents[1] / ".venv/bin/mics-budget")
    result = subprocess.run([exe, "procurement", "status", "--as-of", "2023-07-15", "--data",
                             str(money_dir)], capture_output=True, text=True,
                            env={**os.environ, "MICS_LANG": "kk"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("15.07.2023 жағдай бойынша мемлекеттік сатып алу тізілімі")
    assert "шарт жасалды" in result.stdout  # the lot's stage


def test_procurement_tables_in_kazakh(capsys):
    code, out, _ = run(capsys, "--lang", "kk", "procurement", "flags", "--as-of", "2025-06-30")
    assert code == 0 and out.startswith("МЫСАЛ: ")
    assert "Бәсекелестік тәсілде бір ғана өтінім" in out and "ескерту" in out


def test_a_params_file_may_choose_kazakh(tmp_path):
    from mics_budget.core.params import ReportDefaults, report_defaults

    params = tmp_path / "monthly.yaml"
    params.write_text("lang: kk\nmonth: last\n", encoding="utf-8")
    assert report_defaults(params) == ReportDefaults(lang="kk", month="last")


@pytest.mark.slow
def test_help_imports_nothing_heavy():
    """`mics-budget --help` (and any parse) answers without pandas, numpy or pyarrow: the
    commands are imported only when one runs (its speed is measured by make bench)."""
    import subprocess
    import sys

    code = ("import sys, contextlib, io\nfrom mics_budget import cli\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n        cli.main(['--help'])\n    except SystemExit:\n        pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'pandas', 'numpy', 'pyarrow', 'babel', 'altair'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


def test_a_busy_port_or_a_bad_one_is_said_plainly(capsys, data_dir, monkeypatch):
    import socket

    monkeypatch.setattr(os, "execvpe", lambda *a, **k: pytest.fail("Voila must not start"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["dashboard", "--port", str(port), "--data", str(data_dir)])
        err = capsys.readouterr().err
    assert code == 2 and f"порт {port} на 127.0.0.1 уже занят" in err
    for bad in ("-1", "0", "70000", "８０"):
        with pytest.raises(SystemExit) as stopped:
            main(["dashboard", "--port", bad, "--data", str(data_dir)])
        assert stopped.value.code == 2
        assert "не номер порта" in capsys.readouterr().err


def test_users_and_settings_files_that_are_devices_are_refused(capsys, tmp_path):
    code = main(["users", "list", "--users", "/dev/zero"])
    assert code == 2 and "не удаётся прочитать файл пользователей" in capsys.readouterr().err
    code = main(["report", "--month", "2025-06", "--params", "/dev/zero",
                 "--out", str(tmp_path)])
    assert code == 2 and "/dev/zero" in capsys.readouterr().err
