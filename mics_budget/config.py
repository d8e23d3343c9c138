"""Paths: the one place that knows where things live.

A *data folder* holds ``plan/``, ``budget/`` and ``procurement/``; every command takes
``--data DIR`` and defaults to the project's bundled ``data/`` (example data).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"
PARAMS_DIR = PROJECT_ROOT / "params"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"

#: A file with this name in a data folder marks its amounts as invented example data.
EXAMPLE_MARKER = "EXAMPLE"


@dataclass(frozen=True)
class DataDir:
    """The layout of one data folder."""

    root: Path

    @classmethod
    def resolve(cls, path: str | os.PathLike[str] | None = None) -> DataDir:
        if path is None:
            path = os.environ.get("MICS_DATA") or DEFAULT_DATA_DIR
        return cls(Path(path).expanduser().resolve())

    @property
    def plan(self) -> Path:
        return self.root / "plan"

    @property
    def budget(self) -> Path:
        return self.root / "budget"

    @property
    def procurement(self) -> Path:
        return self.root / "procurement"

    @property
    def activities_csv(self) -> Path:
        return self.plan / "activities.csv"

    @property
    def units_csv(self) -> Path:
        return self.plan / "units.csv"

    @property
    def progress_csv(self) -> Path:
        return self.plan / "progress.csv"

    @property
    def is_example(self) -> bool:
        return (self.root / EXAMPLE_MARKER).exists()

    def require(self) -> None:
        """Refuse a data folder that does not exist (before anything is created in it)."""
        if not self.root.is_dir():
            from .errors import UserError

            raise UserError("error.no_data_folder", path=self.root)
