from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mics_budget import labels
from mics_budget.config import DEFAULT_DATA_DIR, PROJECT_ROOT

SEED = PROJECT_ROOT.parent / "shared" / "seed" / "000_3189f67c75141ab5.txt"
if not SEED.exists():  # CI may lay shared/ elsewhere; the committed copy is identical
    SEED = PROJECT_ROOT / "tests" / "data" / "plan_seed.txt"


@pytest.fixture(autouse=True)
def _russian():
    labels.set_lang("ru")
    yield
    labels.set_lang("ru")


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the plan files of the bundled data (no money files)."""
    root = tmp_path / "data"
    (root / "plan").mkdir(parents=True)
    for name in ("activities.csv", "units.csv"):
        shutil.copy(DEFAULT_DATA_DIR / "plan" / name, root / "plan" / name)
    return root
