"""Settings kept as YAML in ``params/`` (thresholds, identifiers, dependencies)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from .config import PARAMS_DIR
from .errors import UserError
from .i18n import t

MAX_PARAMS_BYTES = 1 << 20  # a settings file is a page of text, not a data set


def read_yaml(path: Path) -> dict:
    """A YAML settings file as a mapping; anything else is a :class:`UserError` naming the
    file: missing, unreadable, not UTF-8, too big, not a mapping, or using anchors and
    aliases (a settings file needs none, and they allow "billion laughs" bombs)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError("error.file_missing", path=path) from None
    except OSError as exc:
        raise UserError("error.bad_params", path=path, detail=exc.strerror) from None
    if len(raw) > MAX_PARAMS_BYTES:
        raise UserError("error.bad_params", path=path, detail=t("params.too_big"))
    try:
        text = raw.decode("utf-8-sig")
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise UserError("error.bad_params", path=path, detail=t("params.alias"))
        data = yaml.safe_load(text)
    except UnicodeDecodeError:
        raise UserError("error.bad_params", path=path, detail=t("params.not_utf8")) from None
    except yaml.YAMLError as exc:
        raise UserError("error.bad_params", path=path,
                        detail=str(exc).splitlines()[0]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UserError("error.bad_params", path=path, detail=t("params.not_mapping"))
    return data


@cache
def _read(path: Path) -> dict:
    return read_yaml(path)


def load_params(name: str, folder: Path | None = None) -> dict:
    """``params/NAME.yaml`` as a dict (cached per path)."""
    return _read((folder or PARAMS_DIR) / f"{name}.yaml")


@cache
def specifics_names(folder: Path | None = None) -> dict[str, tuple[str, str, str]]:
    """Economic classification codes -> (Russian, English, Kazakh) names, one per language of
    :data:`mics_budget.i18n.LANGS`, from ``params/specifics.csv`` (a list to correct, not a
    law). A missing Kazakh name (no ``name_kk`` column, or an empty cell) is the Russian one."""
    import csv

    path = (folder or PARAMS_DIR) / "specifics.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {row["code"]: (row["name_ru"], row["name_en"],
                              (row.get("name_kk") or "").strip() or row["name_ru"])
                for row in csv.DictReader(fh)}
