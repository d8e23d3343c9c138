"""Settings kept as YAML in ``params/``: typed, checked, and re-read when the file changes.

Each file is described by a frozen dataclass (its keys, their types, their defaults). Reading a
file gives the typed settings *and* a list of :class:`~.checks.Problem` naming the file and the
key of every mistake: an unknown key (a typo would otherwise silently switch a red flag off), a
value of the wrong type, a severity other than ``error``/``warning``. A wrong part falls back to
its default (or, for a red flag, leaves that flag off) and the problem says so; a file that is
not YAML at all is a :class:`~.errors.UserError`. Settings are cached per file and re-read as
soon as the file's size or modification time changes (a Voila kernel lives for hours).

* ``procurement.yaml`` → :class:`ProcurementSettings` (OCDS ids, law versions, which activities
  need which procurement);
* ``red_flags.yaml`` → :class:`RedFlagRules` (one rule per flag; a flag absent from the file is
  off);
* ``monthly.yaml`` → :class:`ReportDefaults` (defaults of ``mics-budget report --params``);
* ``specifics.csv`` → names of the economic classification codes.
"""

from __future__ import annotations

import csv
import dataclasses
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..config import PARAMS_DIR
from ..errors import UserError
from ..i18n import LANGS, Lazy
from .checks import ERROR, Label, Problem, excerpt
from .fileio import TooBig, read_bounded

MAX_PARAMS_BYTES = 1 << 20  # a settings file is a page of text, not a data set
SEVERITIES = ("error", "warning")


def read_yaml(path: Path) -> dict:
    """A YAML settings file as a mapping; anything else is a :class:`UserError` naming the
    file: missing, unreadable, not UTF-8, too big, not a mapping, or using anchors and
    aliases (a settings file needs none, and they allow "billion laughs" bombs)."""
    path = Path(path)
    try:
        raw = read_bounded(path, MAX_PARAMS_BYTES)
    except FileNotFoundError:
        raise UserError("error.file_missing", path=path) from None
    except TooBig:
        raise UserError("error.bad_params", path=path, detail=Label("params.too_big")) from None
    except OSError as exc:
        raise UserError("error.bad_params", path=path, detail=exc.strerror) from None
    try:
        text = raw.decode("utf-8-sig")
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise UserError("error.bad_params", path=path, detail=Label("params.alias"))
        data = yaml.safe_load(text)
    except UnicodeDecodeError:
        raise UserError("error.bad_params", path=path, detail=Label("params.not_utf8")) from None
    except yaml.YAMLError as exc:
        raise UserError("error.bad_params", path=path,
                        detail=str(exc).splitlines()[0]) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UserError("error.bad_params", path=path, detail=Label("params.not_mapping"))
    return data


# --- the models -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Party:
    id: str = ""
    name: str = ""


@dataclass(frozen=True)
class LawVersion:
    start: date = field(default=date.min, metadata={"key": "from"})


@dataclass(frozen=True)
class ProcurementSettings:
    ocid_prefix: str = "ocds-000000-"
    publisher: str = ""
    customer_bin: str = ""  # the Bureau's BIN on goszakup.gov.kz (``import goszakup``)
    #: a contract above this multiple of the lot's estimate must be confirmed when recorded
    confirm_above_estimate: float = 1.5
    buyer: Party = Party()
    funder: Party | None = None
    laws: dict[str, LawVersion] = field(default_factory=dict)
    needs: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    severity: str = "warning"


@dataclass(frozen=True)
class SingleBid(Rule):
    methods: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShortSubmission(Rule):
    min_days: dict[str, dict[str, int]] = field(default_factory=dict)  # law -> method -> days


@dataclass(frozen=True)
class PriceNearEstimate(Rule):
    threshold: float = 0.98


@dataclass(frozen=True)
class AmendmentIncrease(Rule):
    cumulative_threshold: float = 0.10
    cumulative_severity: str = "error"


@dataclass(frozen=True)
class SupplierSeveralLots(Rule):
    min_lots: int = 2


@dataclass(frozen=True)
class ActPenalty(Rule):
    """An acceptance act with a fine above ``min_fine`` (KZT) or at least
    ``min_days_overdue`` days of delay."""

    min_fine: float = 0.0
    min_days_overdue: int = 1


@dataclass(frozen=True)
class RedFlagRules:
    """One rule per red flag; ``None`` (absent from the file) switches the flag off."""

    single_bid: SingleBid | None = None
    short_submission: ShortSubmission | None = None
    single_source_without_note: Rule | None = None
    price_near_estimate: PriceNearEstimate | None = None
    amendment_increase: AmendmentIncrease | None = None
    delivery_after_need: Rule | None = None
    payment_above_contract: Rule | None = None
    payment_before_delivery: Rule | None = None
    payment_without_lot: Rule | None = None
    supplier_several_lots: SupplierSeveralLots | None = None
    unreliable_supplier: Rule | None = None
    act_penalty: ActPenalty | None = None

    def rule(self, name: str) -> Rule | None:
        return getattr(self, name)


@dataclass(frozen=True)
class ForecastSettings:
    """When an activity's expected unspent amount is a risk worth listing: at or above both
    ``min_unspent`` (KZT) and ``min_share`` of its plan."""

    min_unspent: float = 1_000_000.0
    min_share: float = 0.10


@dataclass(frozen=True)
class ReportDefaults:
    """Defaults of ``mics-budget report --params FILE``; command-line options win."""

    data: str | None = None
    out: str | None = None
    month: str | None = None
    lang: str | None = None


# --- reading a mapping into a model -----------------------------------------------------------

class _Reader:
    """Builds a model from YAML values, collecting a problem for every mistake."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def problem(self, where: str, value: object, label: str, /, **params: object) -> None:
        self.problems.append(Problem(ERROR, self.file, None, where or None,
                                     None if value is None else excerpt(value), label, params))

    def model(self, cls: type, data: object, where: str = "") -> Any:
        if not isinstance(data, dict):
            self.problem(where, data, "params.expected", expected=Label("params.kind.mapping"))
            return cls()
        hints = typing.get_type_hints(cls)
        fields = {f.metadata.get("key", f.name): f for f in dataclasses.fields(cls)}
        values = {}
        for key, value in data.items():
            spot = f"{where}.{key}" if where else str(key)
            if key not in fields:
                self.problem(spot, key, "params.unknown_key", key=excerpt(key),
                             choices=", ".join(fields))
                continue
            name = fields[key].name
            converted = self.value(hints[name], value, spot)
            if converted is not _BAD:
                values[name] = converted
        made = cls(**values)
        if isinstance(made, Rule) and made.severity not in SEVERITIES:
            self.problem(f"{where}.severity", made.severity, "params.expected",
                         expected=", ".join(SEVERITIES))
            made = dataclasses.replace(made, severity="warning")
        severity = getattr(made, "cumulative_severity", None)
        if severity is not None and severity not in SEVERITIES:
            self.problem(f"{where}.cumulative_severity", severity, "params.expected",
                         expected=", ".join(SEVERITIES))
            made = dataclasses.replace(made, cumulative_severity="error")
        return made

    def value(self, hint: Any, value: object, where: str) -> Any:
        origin, args = typing.get_origin(hint), typing.get_args(hint)
        if origin in (types.UnionType, typing.Union):  # X | None
            if value is None:
                return None
            return self.value(next(a for a in args if a is not type(None)), value, where)
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            return self.model(hint, {} if value is None else value, where)
        if origin is dict:
            if not isinstance(value, dict):
                return self.bad(where, value, "mapping")
            out = {}
            for key, item in value.items():
                converted = self.value(args[1], item, f"{where}.{key}")
                if converted is not _BAD:
                    out[str(key)] = converted
            return out
        if origin is tuple:
            if not isinstance(value, list | tuple):
                return self.bad(where, value, "list")
            items = [self.value(args[0], item, f"{where}[{i}]") for i, item in enumerate(value)]
            return tuple(i for i in items if i is not _BAD)
        if hint is date:
            if isinstance(value, date):
                return value
            try:
                return date.fromisoformat(str(value))
            except ValueError:
                return self.bad(where, value, "date")
        if hint is float:
            if isinstance(value, int | float) and not isinstance(value, bool):
                return float(value)
            return self.bad(where, value, "number")
        if hint is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            return self.bad(where, value, "integer")
        if hint is str:
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                return str(value)
            return self.bad(where, value, "text")
        raise TypeError(f"no reader for {hint!r}")  # a model of ours the reader lacks

    def bad(self, where: str, value: object, kind: str) -> object:
        self.problem(where, value, "params.expected", expected=Label(f"params.kind.{kind}"))
        return _BAD


_BAD = object()


# --- files, cached until they change ----------------------------------------------------------

_cache: dict[Path, tuple[tuple[int, int], Any, list[Problem]]] = {}


def _load(name: str, model: type, folder: Path | None = None) -> tuple[Any, list[Problem]]:
    path = (folder or PARAMS_DIR) / name
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except FileNotFoundError:
        raise UserError("error.file_missing", path=path) from None
    cached = _cache.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1], cached[2]
    reader = _Reader(f"params/{name}")
    settings = reader.model(model, read_yaml(path))
    _cache[path] = (stamp, settings, reader.problems)
    return settings, reader.problems


def procurement_settings(folder: Path | None = None) -> ProcurementSettings:
    """``params/procurement.yaml``."""
    return _load("procurement.yaml", ProcurementSettings, folder)[0]


def red_flag_rules(folder: Path | None = None) -> RedFlagRules:
    """``params/red_flags.yaml``."""
    return _load("red_flags.yaml", RedFlagRules, folder)[0]


def forecast_settings(folder: Path | None = None) -> ForecastSettings:
    """``params/forecast.yaml``."""
    return _load("forecast.yaml", ForecastSettings, folder)[0]


def report_defaults(path: Path) -> ReportDefaults:
    """A ``--params`` file of the report: any mistake is a :class:`UserError` naming the file
    and the key (a scheduled report should fail loudly, not run with a guess)."""
    reader = _Reader(str(path))
    defaults = reader.model(ReportDefaults, read_yaml(path))
    if defaults.lang is not None and defaults.lang not in LANGS:
        reader.problem("lang", defaults.lang, "params.expected", expected=", ".join(LANGS))
    if reader.problems:
        first = reader.problems[0]
        raise UserError("error.bad_params", path=path,
                        detail=Label("params.at_key", {"key": first.column,
                                                       "message": Lazy(lambda: first.message)}))
    return defaults


def problems(folder: Path | None = None) -> list[Problem]:
    """The mistakes in the settings files (shown by ``validate`` with the data's problems)."""
    found = []
    for name, model in (("procurement.yaml", ProcurementSettings),
                        ("red_flags.yaml", RedFlagRules), ("forecast.yaml", ForecastSettings)):
        found += _load(name, model, folder)[1]
    return found


def specifics_names(folder: Path | None = None) -> dict[str, tuple[str, str, str]]:
    """Economic classification codes -> (Russian, English, Kazakh) names, one per language of
    :data:`mics_budget.i18n.LANGS`, from ``params/specifics.csv`` (a list to correct, not a
    law). A missing Kazakh name (no ``name_kk`` column, or an empty cell) is the Russian one."""
    path = (folder or PARAMS_DIR) / "specifics.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {row["code"]: (row["name_ru"], row["name_en"],
                              (row.get("name_kk") or "").strip() or row["name_ru"])
                for row in csv.DictReader(fh)}
