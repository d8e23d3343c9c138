"""Settings kept as YAML in ``params/`` (thresholds, identifiers, dependencies)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from .config import PARAMS_DIR
from .labels import UserError


@cache
def _read(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
    except FileNotFoundError:
        raise UserError("error.file_missing", path=path) from None
    except yaml.YAMLError as exc:
        raise UserError("error.bad_params", path=path, detail=str(exc).splitlines()[0]) from None
    if not isinstance(data, dict):
        raise UserError("error.bad_params", path=path, detail="not a mapping")
    return data


def load_params(name: str, folder: Path | None = None) -> dict:
    """``params/NAME.yaml`` as a dict (cached per path)."""
    return _read((folder or PARAMS_DIR) / f"{name}.yaml")


@cache
def specifics_names(folder: Path | None = None) -> dict[str, tuple[str, str]]:
    """Economic classification codes -> (Russian, English) names, from
    ``params/specifics.csv`` (a list to correct, not a law)."""
    import csv

    path = (folder or PARAMS_DIR) / "specifics.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {row["code"]: (row["name_ru"], row["name_en"]) for row in csv.DictReader(fh)}
