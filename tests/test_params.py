"""Typed settings: every mistake in params/*.yaml is a problem naming the file and the key,
and a changed file is read again."""

from __future__ import annotations

import os
import shutil
from datetime import date

import pytest

from mics_budget import load
from mics_budget.config import PARAMS_DIR
from mics_budget.core import params
from mics_budget.errors import UserError
from mics_budget.procurement.flags import red_flags


@pytest.fixture
def folder(tmp_path, monkeypatch):
    for path in PARAMS_DIR.iterdir():
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(params, "PARAMS_DIR", tmp_path)
    return tmp_path


def test_the_shipped_settings_have_no_mistakes():
    assert params.problems() == []
    settings = params.procurement_settings()
    assert settings.laws["106-VIII"].start == date(2025, 1, 1)
    assert settings.needs["9.2"] == ("8.2", "8.4", "11.6")
    assert params.red_flag_rules().price_near_estimate.threshold == 0.98


def test_a_misspelt_flag_is_a_problem_not_a_silent_switch_off(folder, money_dir):
    text = (folder / "red_flags.yaml").read_text(encoding="utf-8")
    (folder / "red_flags.yaml").write_text(text.replace("single_bid:", "singel_bid:"),
                                           encoding="utf-8")
    [problem] = params.problems()
    assert (problem.file, problem.column, problem.key) == ("params/red_flags.yaml",
                                                            "singel_bid", "params.unknown_key")
    assert "single_bid" in problem.message  # the valid keys are listed
    assert params.red_flag_rules().single_bid is None
    assert problem in load(money_dir).problems  # validate, the report and the dashboard show it


@pytest.mark.parametrize(("old", "new", "column", "expected"), [
    ("threshold: 0.98", "threshold: high", "price_near_estimate.threshold", "число"),
    ("min_lots: 2", "min_lots: 2.5", "supplier_several_lots.min_lots", "целое число"),
    ("  severity: error\n", "  severity: fatal\n", "payment_above_contract.severity",
     "error, warning"),
    ("methods: [open_tender, auction, price_quotations]", "methods: open_tender",
     "single_bid.methods", "список"),
])
def test_a_wrong_value_is_named_and_its_default_kept(folder, old, new, column, expected):
    text = (folder / "red_flags.yaml").read_text(encoding="utf-8")
    assert old in text
    (folder / "red_flags.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    [problem] = params.problems()
    assert problem.column == column and expected in problem.message, problem.message
    rules = params.red_flag_rules()
    assert rules.price_near_estimate.threshold == 0.98 or "threshold" not in column
    assert rules.payment_above_contract.severity in ("error", "warning")


def test_a_changed_file_is_read_again(folder, money_dir):
    project = load(money_dir)
    before = [f.code for f in red_flags(project, date(2023, 12, 31))]
    assert "price_near_estimate" not in before  # 9 500 000 of 9 800 000 is 96.9 %
    path = folder / "red_flags.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("threshold: 0.98",
                                                             "threshold: 0.95"),
                    encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert params.red_flag_rules().price_near_estimate.threshold == 0.95
    assert "price_near_estimate" in [f.code for f in red_flags(project, date(2023, 12, 31))]


def test_a_file_that_is_not_yaml_is_a_user_error(folder):
    (folder / "procurement.yaml").write_text("laws: [\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"procurement\.yaml"):
        params.procurement_settings()
