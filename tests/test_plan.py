from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import docx
import pytest

from mics_budget.config import DataDir
from mics_budget.ledger.plan import (
    PlanError,
    import_plan,
    load_plan,
    parse_plan_file,
    read_text,
    split_responsible,
)

TERR = "территориальные подразделения БНС АСПиР РК"
KARAGANDA = "Департамент БНС АСПиР РК по Карагандинской области"
GOV = "государственные органы и заинтересованные организации"

# id: (funding, units, other participants, intervals as "YYYY-MM..YYYY-MM", duration, tentative)
# written from the seed by hand: an independent statement of what the plan says
EXPECTED = {
    "1.1": ("NONE", "ДСН ДМРПУД", (), "2023-02..2023-02", None, False),
    "2.1": ("RB", "ДАР ДСН", (), "2023-02..2023-05", None, False),
    "2.2": ("NONE", "ДСН", (), "2023-05..2023-05", None, False),
    "3.1": ("NONE", "ДСН", (), "2023-03..2023-03", None, False),
    "3.2": ("NONE", "ДСН", (GOV,), "2023-04..2023-05", None, False),
    "3.3": ("NONE", "ДСН", (TERR,), "2024-02..2024-03", None, False),
    "3.4": ("NONE", "ДСН", (TERR,), "2024-07..2024-07", None, False),
    "4.1": ("NONE", "ДСРК ДНП ДСН", (), "2023-03..2023-07", None, False),
    "4.2": ("UNICEF", "ДСРК ДСН", (), "2023-07..2023-08", None, False),
    "5.1": ("NONE", "ДСН", (), "2023-04..2023-04", None, False),
    "5.2": ("NONE", "ДСН", (GOV,), "2023-05..2023-05", None, False),
    "6.1": ("UNICEF", "ДСН ДСРК", (), "2023-04..2023-04", None, False),
    "6.2": ("UNICEF", "ДИТ ДСН", (), "2023-10..2023-11", None, False),
    "6.3": ("UNICEF", "ДИТ ДСН", (), "2025-01..2025-03", None, True),
    "7.1": ("RB", "ДАР ДСН", (), "2023-07..2023-07", None, False),
    "7.2": ("RB", "ДАР ДСН", (), "2023-07..2023-07", None, False),
    "7.3": ("RB", "ДАР ДСН", (), "2023-07..2023-07", None, False),
    "8.1": ("RB", "ДСН", (KARAGANDA,), "2023-06..2023-06", 10, False),
    "8.2": ("RB", "ДСН", (KARAGANDA,), "2023-06..2023-06", 3, False),
    "8.3": ("RB", "ДСН ДИТ", (KARAGANDA,), "2023-07..2023-07", 10, False),
    "8.4": ("RB", "ДСН ДИТ", (KARAGANDA,), "2023-07..2023-07", 3, False),
    "9.1": ("NONE", "ДСН", (GOV,), "2023-07..2023-07", None, False),
    "9.2": ("RB", "ДСН ДАР", (), "2023-07..2023-08", None, False),
    "9.3": ("NONE", "ДСН ДМРПУД ДИТ ЮД", (), "2023-07..2023-09", None, False),
    "10.1": ("NONE", "ДСН", ("Пресс-служба",), "2024-03..2024-04 2024-09..2024-11", None,
             False),
    "10.2": ("NONE", "ДСН", ("Пресс-служба", TERR), "2024-03..2024-04", None, False),
    "10.3": ("NONE", "ДСН", (), "2024-03..2024-03 2024-09..2024-09", None, False),
    "11.1": ("RB", "ДСН ДСРК ДИТ", (TERR,), "2024-04..2024-04", None, False),
    "11.2": ("RB", "ДСН", (TERR,), "2024-04..2024-05", None, False),
    "11.3": ("NONE", "ДСРК ДСН", (), "2024-06..2024-07", None, False),
    "11.4": ("NONE", "ДСРК ДСН", (), "2024-06..2024-07", None, False),
    "11.5": ("NONE", "ДСН ДСРК", (), "2024-07..2024-07", None, False),
    "11.6": ("NONE", "ДСРК ДИТ ДСН", (), "2024-07..2024-07", None, False),
    "12.1": ("RB", "ДСН ДИТ", (TERR,), "2024-08..2024-08", None, False),
    "13.1": ("RB", "ДСН ДИТ", (TERR,), "2024-09..2024-11", None, False),
    "13.2": ("NONE", "ДИТ", (TERR,), "2024-09..2024-11", None, False),
    "13.3": ("NONE", "УИБиЗГС ДСН", (TERR,), "2024-09..2024-11", None, False),
    "13.4": ("NONE", "ДИТ", (), "2024-12..2024-12", None, False),
    "13.5": ("NONE", "ДИТ", (), "2025-01..2025-03", None, False),
    "14.1": ("NONE", "ДСН ДИТ", (), "2025-04..2025-04", None, False),
    "14.2": ("NONE", "ДСН", (), "2025-04..2025-05", None, False),
    "14.3": ("NONE", "ДСН", (), "2025-05..2025-06", None, False),
    "14.4": ("NONE", "ДСН ДРСП", (), "2025-04..2025-06", None, False),
    "14.5": ("NONE", "ДСН", (), "2025-06..2025-06", None, False),
    "14.6": ("NONE", "ДСН ДРСП", (), "2025-04..2025-06", None, False),
    "15.1": ("NONE", "ДСН", (), "2023-03..2025-04", None, False),
    "15.2": ("NONE", "ДИТ", (), "2024-04..2025-04", None, False),
}


def _months(period) -> str:
    return " ".join(f"{s:%Y-%m}..{e:%Y-%m}" for s, e in period.intervals)


@pytest.fixture(scope="module")
def plan():
    from tests.conftest import SEED

    return parse_plan_file(SEED)


def test_the_plan_has_47_activities_in_15_sections(plan):
    assert len(plan) == 47
    assert list(plan.sections) == [str(n) for n in range(1, 16)]
    assert Counter(a.funding for a in plan.activities) == {"RB": 13, "UNICEF": 4, "NONE": 30}
    assert [a.id for a in plan.activities if a.procurement] == ["7.1", "7.2", "7.3", "9.2"]


@pytest.mark.parametrize("code", list(EXPECTED))
def test_every_activity_is_read_right(plan, code):
    funding, units, participants, months, duration, tentative = EXPECTED[code]
    activity = plan[code]
    assert activity.funding == funding
    assert activity.units == tuple(units.split())
    assert activity.participants == participants
    assert _months(activity.period) == months
    assert activity.period.duration_days == duration
    assert activity.period.tentative is tentative
    assert activity.section == code.split(".")[0]


def test_flattening_artefacts_and_original_typos_survive(plan):
    assert plan["8.1"].period.text == "Июнь 2023 (10 дней)"
    assert plan["8.1"].completion_form == "Участие в обучении"
    assert plan["10.2"].completion_form == "Письмо в МИОР РК"
    assert plan.sections["2"] == "Бюджетобследования"
    assert plan["14.2"].completion_form == "Проткол заседания комитетов"
    assert plan.units["УИБиЗГС"].endswith("информационной безпасности и защиты "
                                          "государственных секретов")
    assert plan["3.1"].title.startswith("Согласование кандидатуры")


def test_glossary_has_every_abbreviation_in_plan_order(plan):
    assert list(plan.units) == ["БНС АСПиР РК", "ЮНИСЕФ", "ДСН", "ЮД", "ДАР", "ДСРК", "ДРСП",
                                "ДМРПУД", "ДНП", "ДИТ", "УИБиЗГС"]
    assert plan.units["ДАР"] == "Департамент административной работы"


def test_split_responsible_keeps_plan_order_and_normalises_whitespace():
    codes = ["ДСН", "ДИТ", "ДАР"]
    assert split_responsible("ДСН,ДИТ", codes) == (("ДСН", "ДИТ"), ())
    assert split_responsible("Пресс-служба,  территориальные  подразделения , ДИТ", codes) == (
        ("ДИТ",), ("Пресс-служба", "территориальные подразделения"))
    assert split_responsible("ДАР, ДСН, ДАР", codes) == (("ДАР", "ДСН"), ())


def test_reimporting_the_seed_reproduces_the_committed_files_byte_for_byte(tmp_path):
    from mics_budget.config import DEFAULT_DATA_DIR
    from tests.conftest import SEED

    target = DataDir(tmp_path)
    _, written = import_plan(SEED, target)
    assert set(written) == {target.activities_csv, target.units_csv}
    for name in ("activities.csv", "units.csv"):
        assert (tmp_path / "plan" / name).read_bytes() == \
            (DEFAULT_DATA_DIR / "plan" / name).read_bytes()


def test_the_stored_plan_loads_back_identically(plan, tmp_path):
    from tests.conftest import SEED

    import_plan(SEED, DataDir(tmp_path))
    loaded = load_plan(DataDir(tmp_path))
    assert [a.as_json() for a in loaded.activities] == [a.as_json() for a in plan.activities]
    assert loaded.units == plan.units


# --- .docx -----------------------------------------------------------------------------------


def make_docx(text: str, path: Path, glossary_as_table: bool = True) -> Path:
    """A Word document holding the plan's table, built from the flattened text."""
    rows, glossary, _ = read_text(text)
    document = docx.Document()
    document.add_paragraph("План мероприятий по MICS на 2023-2025 гг.")
    table = document.add_table(rows=0, cols=6)
    for cells in rows:
        row = table.add_row().cells
        if len(cells) == 2:  # a section: number, then the title over five merged cells
            row[0].text = cells[0].text
            merged = row[1].merge(row[5])
            merged.text = cells[1].text
        else:
            for target, cell in zip(row, cells, strict=False):
                target.text = cell.text  # "\n" becomes a line break inside the cell
    document.add_paragraph("Примечание*: расшифровка аббревиатур:")
    if glossary_as_table:
        gtable = document.add_table(rows=0, cols=2)
        for code, name in glossary:
            row = gtable.add_row().cells
            row[0].text, row[1].text = code, f"- {name}"
    else:
        for code, name in glossary:
            document.add_paragraph(f"{code} - {name}")
    document.save(path)
    return path


@pytest.mark.parametrize("glossary_as_table", [True, False])
def test_docx_import_gives_the_same_activities(plan, seed_text, tmp_path, glossary_as_table):
    path = make_docx(seed_text, tmp_path / "plan.docx", glossary_as_table)
    from_docx = parse_plan_file(path)
    assert [a.as_json() for a in from_docx.activities] == [a.as_json() for a in plan.activities]
    assert from_docx.units == plan.units


def test_docx_import_writes_the_same_files(seed_text, tmp_path):
    from mics_budget.config import DEFAULT_DATA_DIR

    path = make_docx(seed_text, tmp_path / "plan.docx")
    import_plan(path, DataDir(tmp_path / "out"))
    assert (tmp_path / "out/plan/activities.csv").read_bytes() == \
        (DEFAULT_DATA_DIR / "plan/activities.csv").read_bytes()


# --- refusals --------------------------------------------------------------------------------

BAD_TEXT = [
    # (what to change in the seed, expected message (text, docx), line of the text file)
    (("\tИюль 2024\n\tПриказы", "\tИюлл 2024\n\tПриказы"), "неизвестный месяц «июлл»", 67),
    (("\tМарт 2023\n\tУчастие БНС при утверждении кандидатуры\n\tНе требуется",
      "\tМарт 2023\n\tУчастие БНС при утверждении кандидатуры"),
     ("мероприятие 3.1: ожидалось 6 ячеек", "мероприятие 3.1: пустая ячейка «Финансирование»"),
     42),
    (("\t2.2\n", "\t2.1\n"), "код мероприятия 2.1 повторяется (впервые: plan.", 32),
    (("\t5\n\tРазработка вопросников\n\n", ""), "мероприятие 5.1 вне раздела", 88),
    (("\tРБ \n\n\t7.2", "\tРБ \n\n\t16.2"), "мероприятие 16.2 вне раздела", 139),
    (("\tЮНИСЕФ\n\n\t6.2", "\tЮНИСЕФ?\n\n\t6.2"), "неизвестное финансирование «ЮНИСЕФ?»",
     113),
]


def _bad_plan(seed_text: str, change: tuple[str, str]) -> str:
    old, new = change
    assert old in seed_text
    return seed_text.replace(old, new, 1)


@pytest.mark.parametrize(("change", "message", "line"), BAD_TEXT)
def test_a_bad_text_plan_is_refused_naming_the_line(seed_text, tmp_path, change, message, line):
    path = tmp_path / "plan.txt"
    path.write_text(_bad_plan(seed_text, change), encoding="utf-8")
    with pytest.raises(PlanError) as info:
        parse_plan_file(path)
    message = message if isinstance(message, str) else message[0]
    assert any(f"plan.txt, строка {line}: " in m and message in m for m in info.value.messages), \
        info.value.messages


@pytest.mark.parametrize(("change", "message", "line"), BAD_TEXT)
def test_a_bad_docx_plan_is_refused_naming_the_table_row(seed_text, tmp_path, change, message,
                                                         line):
    path = make_docx(_bad_plan(seed_text, change), tmp_path / "plan.docx")
    with pytest.raises(PlanError) as info:
        parse_plan_file(path)
    message = message if isinstance(message, str) else message[1]
    assert any("plan.docx, строка таблицы " in m and message in m for m in info.value.messages), \
        info.value.messages


def test_docx_refusal_names_the_right_table_row(seed_text, tmp_path):
    bad = _bad_plan(seed_text, BAD_TEXT[0][0])  # 3.4: header=1, sections and activities after
    path = make_docx(bad, tmp_path / "plan.docx")
    with pytest.raises(PlanError) as info:
        parse_plan_file(path)
    rows, _, _ = read_text(bad)
    expected = 1 + next(i for i, r in enumerate(rows) if r[0].text.strip() == "3.4")
    assert info.value.messages == [
        f"plan.docx, строка таблицы {expected}: нераспознанный срок «Июлл 2024»: "
        "неизвестный месяц «июлл»"]
    [problem] = info.value.problems  # a value, translated only when shown
    assert (problem.file, problem.row, problem.key) == ("plan.docx", expected, "period.bad")
    from mics_budget import i18n

    i18n.set_lang("en")
    assert info.value.messages == [
        f"plan.docx, table row {expected}: unrecognised period 'Июлл 2024': "
        "unknown month 'июлл'"]


@pytest.mark.slow
def test_refused_import_writes_nothing(seed_text, data_dir, tmp_path):
    before = {p.name: p.read_bytes() for p in (data_dir / "plan").iterdir()}
    bad = tmp_path / "plan.txt"
    bad.write_text(_bad_plan(seed_text, BAD_TEXT[0][0]), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mics_budget.cli", "plan", "import", str(bad),
         "--data", str(data_dir)], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == ("ошибка: plan.txt, строка 67: нераспознанный срок "
                                     "«Июлл 2024»: неизвестный месяц «июлл»")
    after = {p.name: p.read_bytes() for p in (data_dir / "plan").iterdir()}
    assert after == before


def test_a_duplicate_names_where_the_code_was_first_seen(seed_text, tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(_bad_plan(seed_text, BAD_TEXT[2][0]), encoding="utf-8")
    with pytest.raises(PlanError) as info:
        parse_plan_file(path)
    assert info.value.messages == [
        "plan.txt, строка 32: код мероприятия 2.1 повторяется (впервые: plan.txt, строка 25)"]


def test_every_problem_of_a_bad_plan_is_listed(seed_text, tmp_path):
    text = _bad_plan(_bad_plan(seed_text, BAD_TEXT[0][0]), BAD_TEXT[5][0])
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as info:
        parse_plan_file(path)
    assert len(info.value.messages) == 2


def test_a_file_without_the_table_or_glossary_is_refused(seed_text, tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("просто текст\n", encoding="utf-8")
    with pytest.raises(PlanError, match="не найдена шапка таблицы"):
        parse_plan_file(path)
    path.write_text(seed_text.split("Примечание")[0], encoding="utf-8")
    with pytest.raises(PlanError, match="не найден список сокращений"):
        parse_plan_file(path)


# --- Kazakh titles ---------------------------------------------------------------------------


def add_kazakh_titles(data: DataDir, titles: dict[str, str], sections: dict[str, str]) -> None:
    """Add the optional title_kk and section_title_kk columns to activities.csv by hand."""
    import csv

    with data.activities_csv.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with data.activities_csv.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, [*rows[0], "title_kk", "section_title_kk"],
                                lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "title_kk": titles.get(row["id"], ""),
                             "section_title_kk": sections.get(row["section"], "")})


KAZAKH_10_1 = "Ақпараттық-түсіндіру науқаны"


def test_kazakh_titles_are_shown_in_kazakh_where_present(data_dir):
    from mics_budget import i18n

    data = DataDir(data_dir)
    add_kazakh_titles(data, {"10.1": KAZAKH_10_1}, {"10": "БАҚ-пен жұмыс"})
    plan = load_plan(data)
    activity = plan["10.1"]
    assert activity.title_kk == KAZAKH_10_1 and activity.title.startswith("Информационно")
    assert activity.display_title("kk") == KAZAKH_10_1
    assert activity.display_title("ru") == activity.display_title("en") == activity.title
    assert plan["1.1"].display_title("kk") == plan["1.1"].title  # no Kazakh title: Russian
    i18n.set_lang("kk")
    assert plan.titles()["10.1"] == KAZAKH_10_1
    assert plan.section_titles()["10"] == "БАҚ-пен жұмыс"
    assert plan.section_titles("ru")["10"] == plan.sections["10"]
    item = activity.as_json()
    assert item["title_kk"] == KAZAKH_10_1 and "title_kk" not in plan["1.1"].as_json()


def test_the_plan_table_of_the_cli_shows_kazakh_titles(capsys, data_dir):
    from mics_budget.cli.cli import main

    add_kazakh_titles(DataDir(data_dir), {"10.1": KAZAKH_10_1}, {})
    assert main(["plan", "show", "--lang", "kk", "--data", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:2] == ["№", "Іс-шара"]
    row = next(line for line in out.splitlines() if line.startswith("10.1 "))
    assert KAZAKH_10_1 in row
    assert main(["plan", "status", "--lang", "kk", "--as-of", "2024-05-01", "--data",
                 str(data_dir)]) == 0
    assert KAZAKH_10_1 in capsys.readouterr().out
    assert main(["plan", "show", "--lang", "ru", "--data", str(data_dir)]) == 0  # the plan title
    assert KAZAKH_10_1 not in capsys.readouterr().out


def test_reimporting_keeps_the_kazakh_titles(tmp_path):
    from tests.conftest import SEED

    data = DataDir(tmp_path)
    import_plan(SEED, data)
    plain = data.activities_csv.read_bytes()
    add_kazakh_titles(data, {"10.1": KAZAKH_10_1}, {"10": "БАҚ-пен жұмыс"})
    plan, written = import_plan(SEED, data)
    assert written == []  # the same plan, with its Kazakh titles: nothing changed
    assert plan["10.1"].title_kk == KAZAKH_10_1
    assert load_plan(data)["10.1"].section_title_kk == "БАҚ-пен жұмыс"
    header = data.activities_csv.read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith(",funding,title_kk,section_title_kk")
    add_kazakh_titles(data, {}, {})  # emptied by hand: the import drops the columns
    import_plan(SEED, data)
    assert data.activities_csv.read_bytes() == plain
