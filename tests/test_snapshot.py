"""Validated snapshots of the data folder (issue 26, :mod:`mics_budget.core.snapshot`): a warm
load equals a cold one (frames, dtypes, problems and their messages in every language); a stale
snapshot is never served (an edit within the same second, a file replaced by another of the same
size, a changed plan, another version of the code); an edited file is validated again alone; the
cache can be deleted, cut or refused at any time and is never required."""

from __future__ import annotations

import os
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from mics_budget import load
from mics_budget.config import DEFAULT_DATA_DIR
from mics_budget.core import snapshot
from mics_budget.core.checks import Label, Problem
from mics_budget.i18n import Day, Money, Stages, set_lang
from mics_budget.ledger import load as ledger_load
from mics_budget.procurement import load as procurement_load

BAD_PAYMENTS = ("X-1,2024-02-30,7.1,RB,143,100,KZT,,,,,\n"  # no 30 February
                "X-2,2024-03-01,99.9,RB,143,100,KZT,,,,,\n"  # no such activity
                "X-3,2024-03-01,7.1,RB,143,-5,KZT,,,,,\n")  # a refund without refund_of


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, root, ignore=shutil.ignore_patterns("*.lock", ".mics-*"))
    payments = root / "budget" / "payments.csv"
    header = payments.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id,date,activity,source,specifics,amount,currency"), header
    with payments.open("a", encoding="utf-8") as fh:
        fh.write(BAD_PAYMENTS if header.count(",") == 11 else "".join(
            line + "," * (header.count(",") - 11) + "\n"
            for line in BAD_PAYMENTS.splitlines()))
    return root


@pytest.fixture(autouse=True)
def _cache_on(monkeypatch):
    monkeypatch.delenv("MICS_CACHE", raising=False)
    yield
    set_lang("ru")


def cold(folder: Path, monkeypatch):
    with monkeypatch.context() as m:
        m.setenv("MICS_CACHE", "0")
        return load(folder)


def counting(monkeypatch) -> dict[str, int]:
    calls = {"payments": 0, "events": 0}
    real_payments, real_events = ledger_load._load_payments, procurement_load.load_events

    def payments(*args, **kwargs):
        calls["payments"] += 1
        return real_payments(*args, **kwargs)

    def events(*args, **kwargs):
        calls["events"] += 1
        return real_events(*args, **kwargs)

    monkeypatch.setattr(ledger_load, "_load_payments", payments)
    import mics_budget.project as project
    monkeypatch.setattr(project, "load_events", events)
    return calls


def same(a, b) -> None:
    for name in ("payments", "events", "lots"):
        ours, theirs = getattr(a, name), getattr(b, name)
        pd.testing.assert_frame_equal(ours, theirs, check_exact=True)
    assert a.problems == b.problems
    for lang in ("ru", "en", "kk"):
        set_lang(lang)
        assert [(p.location, p.message, p.header) for p in a.problems] == [
            (p.location, p.message, p.header) for p in b.problems]


@pytest.mark.slow
def test_a_warm_load_equals_a_cold_one(folder, monkeypatch):
    calls = counting(monkeypatch)
    first = load(folder)
    assert calls == {"payments": 1, "events": 1}
    assert sorted(p.name.split("-")[0] for p in (folder / ".mics-cache").iterdir()) == [
        "checks", "checks", "events", "events", "payments", "payments"]
    warm = load(folder)
    assert calls == {"payments": 1, "events": 1}  # nothing validated again
    assert {"problem.bad_date", "problem.refund_without_ref"} <= {p.key for p in warm.problems}
    same(warm, first)
    same(warm, cold(folder, monkeypatch))
    # the figures too
    assert warm.spending(date(2025, 6, 30), ["section"]).equals(
        cold(folder, monkeypatch).spending(date(2025, 6, 30), ["section"]))


@pytest.mark.slow
def test_an_edit_within_the_same_second_of_the_same_size_is_seen(folder, monkeypatch):
    load(folder)
    payments = folder / "budget" / "payments.csv"
    before = os.stat(payments)
    text = payments.read_text(encoding="utf-8")
    assert "X-3,2024-03-01,7.1,RB,143,-5," in text
    payments.write_text(text.replace("X-3,2024-03-01,7.1,RB,143,-5,",
                                     "X-3,2024-03-01,7.1,RB,143,-6,"), encoding="utf-8")
    os.utime(payments, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same second, size
    assert os.stat(payments).st_size == before.st_size
    warm = load(folder)
    row = warm.payments.loc[warm.payments["id"] == "X-3"]
    assert row["amount_minor"].tolist() == [-600]
    same(warm, cold(folder, monkeypatch))


@pytest.mark.slow
def test_a_file_replaced_by_another_of_the_same_size_is_seen(folder, monkeypatch):
    load(folder)
    payments = folder / "budget" / "payments.csv"
    other = payments.with_name("other.tmp")
    other.write_bytes(payments.read_bytes().replace(b"X-1,2024-02-30", b"X-1,2024-02-28"))
    stat = os.stat(payments)
    os.utime(other, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(other, payments)
    warm = load(folder)
    assert "X-1" not in {p.params.get("id") or "" for p in warm.problems}
    assert warm.payments.loc[warm.payments["id"] == "X-1", "date"].tolist() == [
        pd.Timestamp("2024-02-28")]
    same(warm, cold(folder, monkeypatch))


@pytest.mark.slow
def test_a_changed_plan_validates_again(folder, monkeypatch):
    load(folder)
    activities = folder / "plan" / "activities.csv"
    lines = activities.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith("7.1,")]
    assert len(kept) == len(lines) - 1, "activity 7.1 is a line of the plan"
    activities.write_text("".join(kept), encoding="utf-8")
    warm = load(folder)
    assert any(p.key == "problem.unknown_activity" and p.value == "7.1" for p in warm.problems)
    same(warm, cold(folder, monkeypatch))


@pytest.mark.slow
def test_the_checks_across_files_follow_every_file_they_read(folder, monkeypatch):
    """Payments without a budget line: kept with the budget's, the payments', the rates' and
    the register's fingerprints; removing a budget line brings them back at once."""
    first = load(folder)
    assert not [p for p in first.problems if p.key == "problem.no_budget_line"]
    budget = folder / "budget" / "budget.csv"
    lines = budget.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if ",7.1," not in line]
    assert len(kept) < len(lines), "activity 7.1 has budget lines"
    budget.write_text("".join(kept), encoding="utf-8")
    warm = load(folder)
    assert [p for p in warm.problems if p.key == "problem.no_budget_line"]
    same(warm, cold(folder, monkeypatch))


@pytest.mark.slow
def test_another_version_of_the_code_never_reads_these_snapshots(folder, monkeypatch):
    load(folder)
    calls = counting(monkeypatch)
    monkeypatch.setattr(snapshot, "code_version", lambda: "another version")
    load(folder)
    assert calls == {"payments": 1, "events": 1}


@pytest.mark.slow
def test_an_edited_file_is_validated_again_alone(folder, monkeypatch):
    load(folder)
    calls = counting(monkeypatch)
    with (folder / "budget" / "payments.csv").open("a", encoding="utf-8") as fh:
        fh.write("X-4,2024-03-02,7.1,RB,143,100,KZT" + "," * 5 + "\n")
    warm = load(folder)
    assert calls == {"payments": 1, "events": 0}
    assert "X-4" in set(warm.payments["id"])
    same(warm, cold(folder, monkeypatch))


@pytest.mark.slow
def test_the_cache_is_never_required(folder, monkeypatch):
    expected = cold(folder, monkeypatch)
    assert not (folder / ".mics-cache").exists()  # MICS_CACHE=0: none made
    load(folder)
    cache = folder / ".mics-cache"
    for path in cache.glob("*.arrow"):  # cut in the middle
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    same(load(folder), expected)
    for path in cache.glob("*.json"):  # not JSON
        path.write_text("{", encoding="utf-8")
    same(load(folder), expected)
    shutil.rmtree(cache)
    same(load(folder), expected)
    shutil.rmtree(cache)
    cache.write_text("not a folder", encoding="utf-8")  # cannot be made: loads all the same
    same(load(folder), expected)


def test_problem_parameters_keep_their_kinds():
    problem = Problem("error", "payments.csv", 3, "amount", "x", "problem.bad_number", {
        "label": Label("stage.announced"), "day": Day(date(2025, 3, 1)),
        "money": Money(123456, "USD"), "stages": Stages(["announced", ("LOT-1", "awarded")]),
        "amount": Decimal("1.50"), "when": pd.Timestamp("2025-03-01 10:00"),
        "on": date(2025, 3, 2), "n": 3, "nested": {"a": [1, "b"]}})
    back = snapshot._problem(snapshot._problem_json(problem))
    assert back == problem
    for lang in ("ru", "en", "kk"):
        set_lang(lang)
        assert {k: str(v) for k, v in back.params.items()} == {
            k: str(v) for k, v in problem.params.items()}
    with pytest.raises(snapshot._NotPlain):
        snapshot._problem_json(Problem("error", "f", 1, None, None, "k", {"x": object()}))
