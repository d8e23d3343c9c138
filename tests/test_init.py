"""``mics-budget init DIR``: an empty data folder with the plan, ready for real data."""

from __future__ import annotations

from datetime import date

from mics_budget import load
from mics_budget.cli import main
from mics_budget.config import DEFAULT_DATA_DIR
from mics_budget.core.schemas import ALL
from mics_budget.procurement.recording import add_lot


def test_init_makes_a_folder_that_loads_clean_with_the_official_plan(tmp_path, capsys):
    folder = tmp_path / "real"
    assert main(["init", str(folder)]) == 0
    assert "создана папка данных" in capsys.readouterr().err
    project = load(folder)
    assert project.problems == []
    assert not project.example_data and not (folder / "EXAMPLE").exists()
    bundled = load(DEFAULT_DATA_DIR).plan
    assert [a.id for a in project.plan.activities] == [a.id for a in bundled.activities]
    assert project.plan.units == bundled.units
    assert [a.title_kk for a in project.plan.activities] == [
        a.title_kk for a in bundled.activities]
    assert len(project.payments) == len(project.budget) == len(project.lots) == 0
    summary = project.spending(date(2025, 6, 30))
    assert int(summary["plan"].sum()) == 0 and int(summary["paid"].sum()) == 0
    assert main(["validate", "--data", str(folder)]) == 0


def test_init_leaves_a_template_of_every_input_file(tmp_path):
    folder = tmp_path / "real"
    main(["init", str(folder)])
    for schema in ALL:
        text = (folder / "templates" / schema.folder / f"{schema.name}.csv").read_text()
        assert text.splitlines() == [",".join(schema.file_order)]


def test_a_lot_can_be_recorded_in_the_new_folder(tmp_path):
    folder = tmp_path / "real"
    main(["init", str(folder)])
    from mics_budget.config import DataDir

    activity = next(a for a in load(folder).plan.activities
                    if a.procurement and a.funding != "NONE")
    add_lot(DataDir(folder), "L-1", activity.id, "auction", "1000000", by="test")
    assert list(load(folder).lots["lot"]) == ["L-1"]


def test_init_from_a_plan_document(tmp_path, seed_path):
    folder = tmp_path / "next"
    assert main(["init", str(folder), "--plan", str(seed_path), "--lang", "en"]) == 0
    assert len(load(folder).plan.activities) == 47


def test_init_never_overwrites(tmp_path, capsys):
    folder = tmp_path / "used"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    assert main(["init", str(folder)]) == 2
    assert "не пуста" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]
    a_file = tmp_path / "file"
    a_file.write_text("x")
    assert main(["init", str(a_file)]) == 2
    assert a_file.read_text() == "x"


def test_init_into_an_empty_folder_is_allowed(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    assert main(["init", str(folder)]) == 0
    assert load(folder).problems == []
