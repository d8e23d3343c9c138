"""Reading saved answers of goszakup.gov.kz's open-data API (OWS v3) into one frame per kind.

:func:`read_portal` takes files and folders (folders are searched recursively for ``*.json``;
hidden files and the fetcher's ``state.json`` are skipped) and accepts, per file:

- a **REST page**: ``{"total", "limit", "next_page", "items": [...]}`` (snake_case fields), as
  ``/v3/lots/bin/{bin}``, ``/v3/contract/all``, ``/v3/acts``, ``/v3/treasury-pay/{id}``,
  ``/v3/trd-app`` answer;
- a **GraphQL answer**: ``{"data": {"TrdBuy" | "Lots" | "Contract" | "Acts" | "TrdApp" |
  "Plans" | "Rnu": [...]}, "extensions": {"pageInfo": …}}`` (camelCase fields); ``TrdBuy``
  may nest ``Lots``, ``Contract`` may nest ``ContractUnits``, ``Acts`` and ``TreasuryPay``,
  ``TrdApp`` nests ``AppLots``; an ``errors`` list becomes a problem;
- a **bare list** of records (what people copy out of a GraphQL answer);
- **one record** (the detail endpoints, e.g. ``/v3/contract/{id}``).

Field names are normalised to snake_case (``numberAnno`` → ``number_anno``); a nested object
is flattened one level (``Supplier {nameRu}`` → ``supplier_name_ru``) and nested lists of
records become records of their own kind, given their parent's id (a lot nested in an
announcement gets ``trd_buy_id``; a payment, act or unit nested in a contract gets
``contract_id``). Other nested lists (files, plan points of a lot …) are dropped.

**Kind of a record** in a REST page, bare list or single record, from its fields, first match:

====================  ==============================================================
``bids``              ``app_lots`` (an application; one row per lot of the application)
``announcements``     ``number_anno`` and (``publish_date`` or ``ref_buy_status_id``)
``lots``              ``lot_number`` and (``trd_buy_id`` or ``ref_lot_status_id``)
``treasury_payments`` ``pay_amount``, ``pay_date`` or ``nom_za``
``acts``              ``akt_date``, ``approve_date`` or ``number_act``
``contract_units``    ``item_price``, ``pln_point_id`` or ``contract_registry_id``
``contracts``         ``contract_sum``, ``contract_sum_wnds``, ``sign_date`` or
                      ``contract_number_sys``
``plans``             ``plan_fin_year``, ``rootrecord_id``, ``ref_months_id`` or
                      ``subject_biin``
``rnu``               ``supplier_biin`` with ``supplier_innunp``, ``kato_list``,
                      ``court_decision``, ``ref_reason_id`` or ``supplier_name_ru``
====================  ==============================================================

(units are tested before contracts because GraphQL units carry ``contractSum`` too.)

**Values** stay text (ids, codes, names; JSON numbers are kept exactly as written, never as
floats; ``null`` is empty), except: dates (publication, bid window, results, signature,
acts, payments …) become ``datetime64`` days with the project's :func:`.values.parse_dates`
— portal times are Almaty local time without a zone (``2023-05-22 10:00:00``, ISO with ``T``,
fractions of a second allowed); a time with an explicit zone is converted to Almaty time
first — and money fields get an exact ``<field>_minor`` column in tiyn
(:func:`.values.parse_amounts`; trailing zeros beyond two decimals are dropped, anything else
beyond two decimals is a problem).

Every row carries its provenance: ``_file`` (the path as given, plus the path inside a given
folder), ``_record`` (1-based position of the top-level record in the file) and ``_path``
(where exactly, e.g. ``data.TrdBuy[0].Lots[1]``), and ``_key``, the portal id (``id``; for
records without one: unit ``contract_id:lot_id:pln_point_id``, payment ``nom_za:<pay_date day>``,
bid ``app_id:lot_id``, unreliable supplier ``pid`` or BIN). The same portal id read from
several files is kept once: the version with the latest ``last_update_date`` /
``index_date``, else the first read. A file that is not JSON, a JSON of another shape, a
record of unknown kind or without an id, a bad date or amount are :class:`.checks.Problem`
values naming the file and the record, never exceptions. One pass over the files, one frame
per kind: time and memory grow linearly with the records.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ..core.checks import ERROR, WARNING, Problem
from ..core.values import parse_amounts, parse_dates

KINDS = ("announcements", "lots", "contracts", "contract_units", "acts", "bids",
         "treasury_payments", "plans", "rnu", "refs", "subjects")
STATE_FORMAT = "mics-budget/goszakup-fetch/1"  # marker of the fetcher's state.json
#: the import's own facts file (:mod:`.facts`), also skipped when answers are read
FACTS_FORMAT = "mics-budget/goszakup-facts/1"

# GraphQL root (lower case, without underscores) -> kind
ROOTS = {"trdbuy": "announcements", "lots": "lots", "contract": "contracts",
         "acts": "acts", "trdapp": "bids", "plans": "plans", "rnu": "rnu",
         "treasurypay": "treasury_payments", "contractunits": "contract_units"}

# nested lists of records: (parent kind, snake name) -> (child kind, {child field: parent field})
CHILDREN: dict[tuple[str, str], tuple[str, dict[str, str]]] = {
    ("announcements", "lots"): ("lots", {"trd_buy_id": "id",
                                         "trd_buy_number_anno": "number_anno"}),
    ("contracts", "contract_units"): ("contract_units", {"contract_id": "id"}),
    ("contracts", "acts"): ("acts", {"contract_id": "id"}),
    ("contracts", "treasury_pay"): ("treasury_payments", {"contract_id": "id"}),
    ("contracts", "treasury_payments"): ("treasury_payments", {"contract_id": "id"}),
}


@dataclass(frozen=True)
class KindSpec:
    """Columns every frame of a kind has (empty text where absent), its dates and money."""

    columns: tuple[str, ...]
    dates: tuple[str, ...] = ()
    money: tuple[str, ...] = ()


SPECS: dict[str, KindSpec] = {
    "announcements": KindSpec(
        ("id", "number_anno", "name_ru", "ref_trade_methods_id", "ref_buy_status_id",
         "customer_bin", "org_bin", "parent_id", "count_lots"),
        ("publish_date", "start_date", "end_date", "itogi_date_public", "last_update_date"),
        ("total_sum",)),
    "lots": KindSpec(
        ("id", "lot_number", "ref_lot_status_id", "trd_buy_id", "trd_buy_number_anno",
         "customer_bin", "name_ru", "point_list", "ref_trade_methods_id",
         "ref_buy_trade_methods_id", "trd_buy_ref_buy_status_id",
         "trd_buy_ref_trade_methods_id", "trd_buy_org_bin", "trd_buy_parent_id"),
        ("last_update_date", "trd_buy_publish_date", "trd_buy_end_date",
         "trd_buy_itogi_date_public"), ("amount",)),
    "contracts": KindSpec(
        ("id", "parent_id", "root_id", "trd_buy_id", "trd_buy_number_anno",
         "ref_contract_status_id", "customer_bin", "supplier_biin", "supplier_name_ru",
         "contract_number", "contract_number_sys", "ref_currency_code", "deleted",
         "fakt_trade_methods_id", "with_nds", "ref_contract_type_id"),
        ("sign_date", "crdate", "last_update_date", "contract_end_date",
         "trd_buy_itogi_date_public"),
        ("contract_sum", "contract_sum_wnds", "fakt_sum", "fakt_sum_wnds")),
    "contract_units": KindSpec(("id", "contract_id", "lot_id", "pln_point_id", "deleted"),
                               (), ("total_sum", "total_sum_wnds")),
    "acts": KindSpec(
        ("id", "contract_id", "contract_root_id", "number_act", "is_deleted", "day_overdue",
         "status_id", "status_name_ru"),
        ("akt_date", "approve_date", "revoke_date"), ("sum_fine", "sum_transfer")),
    "bids": KindSpec(
        ("id", "app_id", "lot_id", "buy_id", "supplier_bin_iin", "supplier_name_ru",
         "status_id"),
        ("date_apply",)),
    "treasury_payments": KindSpec(
        ("id", "contract_id", "nom_za", "espk", "supplier", "ppn", "check_number", "invnum"),
        ("pay_date", "dt_reg"), ("pay_amount",)),
    "plans": KindSpec(
        ("id", "rootrecord_id", "subject_biin", "ref_trade_methods_id", "plan_fin_year",
         "ref_months_id", "name_ru"),
        (), ("amount",)),
    "rnu": KindSpec(("id", "pid", "supplier_biin", "supplier_name_ru"),
                    ("start_date", "end_date")),
    # a row of a reference table (``/v3/refs/<table>``): ``table`` from the page's
    # ``next_page`` or the file's name (``ref_trade_methods.json``), else empty
    "refs": KindSpec(("id", "table", "code", "name_ru", "name_kz")),
    # a participant (``/v3/subject/biin/{biin}``): its names by BIN or IIN
    "subjects": KindSpec(("id", "pid", "bin", "iin", "name_ru", "name_kz", "full_name_ru",
                          "full_name_kz", "type_supplier")),
}
#: fields of a reference table's row (anything else says it is not one)
REF_FIELDS = frozenset({"id", "code", "name_ru", "name_kz", "name_en", "symbol_code", "type",
                        "is_active", "f1", "f2", "ord", "system_id", "index_date",
                        "last_update_date"})
PROVENANCE = ("_file", "_record", "_path", "_key")
#: the fields a record may keep (every field the kinds, their ids and the import use); any
#: other field is dropped as the record is read: a file of records each with fields of its own
#: would otherwise widen the frame to thousands of columns (quadratic; issue 25).
#: ``tests/test_portal.py`` checks that every field the import reads is listed.
KNOWN_FIELDS = frozenset({
    "act_id", "activity", "acts", "akt_date", "amount", "amount_minor", "announcements",
    "app_id", "app_lots", "approve_date", "bids", "bin", "buy_id", "check_number", "code",
    "contract", "contract_end_date", "contract_id", "contract_number", "contract_number_sys",
    "contract_registry_id", "contract_root_id", "contract_sum", "contract_sum_minor",
    "contract_sum_wnds", "contract_sum_wnds_minor", "contract_units", "contracts",
    "count_lots", "court_decision", "crdate", "currency", "customer_bin", "date",
    "date_apply", "day_overdue", "deleted", "direct", "discount_price", "discount_value",
    "document", "dt_reg", "end_date", "espk", "event_id", "f1", "f2", "fakt_sum",
    "fakt_sum_wnds", "fakt_trade_methods_id", "format", "full_name_kz", "full_name_ru", "id",
    "iin", "index_date", "invnum", "is_active", "is_deleted", "item_price",
    "itogi_date_public", "kato_list", "kind", "last_update_date", "lot", "lot_id",
    "lot_number", "lots", "method", "minor", "name_en", "name_kz", "name_ru", "nom_za",
    "number_act", "number_anno", "ord", "org_bin", "parent_id", "pay_amount",
    "pay_amount_minor", "pay_date", "payee", "pid", "plan_fin_year", "plans", "pln_point_id",
    "point_list", "portal_contract", "portal_id", "portal_lot", "portal_number", "ppn",
    "price", "publish_date", "reason", "record", "records", "ref_app_status_name_ru",
    "ref_buy_status_id", "ref_buy_trade_methods_id", "ref_contract_status_id",
    "ref_contract_type_id", "ref_currency_code", "ref_lot_status_id", "ref_months_id",
    "ref_reason_id", "ref_trade_methods_id", "refs", "register", "revoke_date", "rnu",
    "root_id", "rootrecord_id", "roots", "sign_date", "source", "stage", "start_date",
    "status", "status_id", "status_name_ru", "steps", "subject_biin", "subjects", "sum_fine",
    "sum_fine_minor", "sum_transfer", "supplier", "supplier_biin", "supplier_bin",
    "supplier_bin_iin", "supplier_innunp", "supplier_name", "supplier_name_ru", "symbol_code",
    "system_id", "table", "total_sum", "total_sum_wnds", "total_sum_wnds_minor",
    "trd_buy_end_date", "trd_buy_id", "trd_buy_itogi_date_public", "trd_buy_number_anno",
    "trd_buy_org_bin", "trd_buy_parent_id", "trd_buy_publish_date",
    "trd_buy_ref_buy_status_id", "trd_buy_ref_trade_methods_id", "treasury_pay",
    "treasury_payments", "type", "type_supplier", "valid", "with_nds"})


@dataclass
class PortalData:
    """One frame per kind (see :data:`KINDS`), plus the files read."""

    announcements: pd.DataFrame
    lots: pd.DataFrame
    contracts: pd.DataFrame
    contract_units: pd.DataFrame
    acts: pd.DataFrame
    bids: pd.DataFrame
    treasury_payments: pd.DataFrame
    plans: pd.DataFrame
    rnu: pd.DataFrame
    refs: pd.DataFrame
    subjects: pd.DataFrame
    files: list[str] = field(default_factory=list)

    def names(self, table: str) -> dict[str, str]:
        """``{code id: Russian name}`` of a reference table read with the answers."""
        rows = self.refs.loc[self.refs["table"] == table]
        return dict(zip(rows["id"], rows["name_ru"], strict=True))

    def subject_names(self) -> dict[str, str]:
        """``{BIN or IIN: name}`` of the participants' answers read (full name else short)."""
        subjects = self.subjects
        names = subjects["name_ru"].where(subjects["name_ru"] != "", subjects["full_name_ru"])
        return {k: n for k, n in zip(subjects["_key"], names, strict=True) if n}

    def frame(self, kind: str) -> pd.DataFrame:
        """The records of ``kind`` (one of :data:`KINDS`)."""
        return getattr(self, kind)


def read_portal(paths: Iterable[str | Path] | str | Path) -> tuple[PortalData, list[Problem]]:
    """Read saved portal answers (files or folders); problems are values, never raised."""
    if isinstance(paths, str | Path):
        paths = [paths]
    problems: list[Problem] = []
    rows: dict[str, list[dict]] = {kind: [] for kind in KINDS}
    files = _collect(paths, problems)
    for path, name in files:
        _read_file(path, name, rows, problems)
    frames = {kind: _finish(kind, rows[kind], problems) for kind in KINDS}
    return PortalData(**frames, files=[name for _, name in files]), problems


# --- files ---------------------------------------------------------------------------------


def _collect(paths: Iterable[str | Path], problems: list[Problem]) -> list[tuple[Path, str]]:
    seen: set[Path] = set()
    out: list[tuple[Path, str]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = _json_files(path)
            if found is None:
                problems.append(_problem(ERROR, path.as_posix(), None, "portal.too_many_files",
                                         path.as_posix(), limit=MAX_SCANNED))
                continue
            if not found:
                problems.append(_problem(WARNING, path.as_posix(), None, "portal.no_files",
                                         path.as_posix()))
            candidates = [(p, (path / p.relative_to(path)).as_posix()) for p in found]
        elif path.is_file():
            candidates = [(path, path.as_posix())]
        else:
            problems.append(_problem(ERROR, path.as_posix(), None, "portal.path_missing",
                                     path.as_posix()))
            continue
        for file, name in candidates:
            resolved = file.resolve()
            if resolved not in seen:
                seen.add(resolved)
                out.append((file, name))
    return out


MAX_SCANNED = 200_000  # entries of a folder searched for answers (not a whole disk)
MAX_FILE_BYTES = 256 << 20  # a page of the API is well under a megabyte


def _json_files(folder: Path) -> list[Path] | None:
    """The ``*.json`` files under ``folder`` (hidden files and folders skipped, links to
    folders not followed), sorted; None when the folder holds more than :data:`MAX_SCANNED`
    entries (``/`` given by mistake is refused, not searched)."""
    found: list[Path] = []
    scanned = 0
    for root, dirs, files in os.walk(folder, onerror=lambda _: None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        scanned += len(dirs) + len(files)
        if scanned > MAX_SCANNED:
            return None
        found += [Path(root) / f for f in files
                  if f.lower().endswith(".json") and not f.startswith(".")]
    return sorted(p for p in found if p.is_file())


def _read_file(path: Path, name: str, rows: dict[str, list[dict]],
               problems: list[Problem]) -> None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.append(_problem(ERROR, name, None, "portal.too_big", name,
                                     limit=f"{MAX_FILE_BYTES >> 20} MB"))
            return
        data = path.read_bytes()
    except OSError as exc:
        problems.append(_problem(ERROR, name, None, "portal.unreadable", exc.strerror or str(exc)))
        return
    try:
        obj = json.loads(data.decode("utf-8-sig"), parse_float=_number, parse_int=_integer)
    except UnicodeDecodeError:
        problems.append(_problem(ERROR, name, None, "portal.not_json", "not UTF-8 text"))
        return
    except json.JSONDecodeError as exc:
        problems.append(_problem(ERROR, name, None, "portal.not_json",
                                 f"line {exc.lineno}, column {exc.colno}: {exc.msg}"))
        return
    except RecursionError:
        problems.append(_problem(ERROR, name, None, "portal.not_json", "nested too deeply"))
        return
    reader = _FileReader(name, rows, problems)
    reader.dispatch(obj)


#: a number written with more characters than this is kept as its text, never expanded
#: («1e100000000» would make a hundred million digits; an integer of 5,000 digits stops
#: Python's int): the amount's own check then refuses it in its record, the others go on
MAX_NUMBER_TEXT = 40


def _number(text: str) -> Decimal | str:
    if len(text) > MAX_NUMBER_TEXT:
        return text
    value = Decimal(text)
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and not -MAX_NUMBER_TEXT <= exponent <= MAX_NUMBER_TEXT:
        return text  # 1e100000000: refused as an amount, not expanded
    return value


def _integer(text: str) -> int | str:
    return text if len(text) > MAX_NUMBER_TEXT else int(text)


class _FileReader:
    """Turns one parsed JSON document into rows of ``rows[kind]``."""

    def __init__(self, name: str, rows: dict[str, list[dict]], problems: list[Problem]):
        self.name = name
        self.rows = rows
        self.problems = problems
        self.table = _ref_table("", name)

    def dispatch(self, obj: object) -> None:
        if isinstance(obj, list):
            self.records(obj, None, "")
        elif not isinstance(obj, dict):
            self.problem(ERROR, None, "portal.unknown_shape", type(obj).__name__)
        elif obj.get("format") in (STATE_FORMAT, FACTS_FORMAT):
            return  # the fetcher's state file, the import's facts
        elif "items" in obj and (obj["items"] is None or isinstance(obj["items"], list)):
            self.table = _ref_table(str(obj.get("next_page") or ""), self.name)
            self.records(obj["items"] or [], None, "items")
        elif isinstance(obj.get("data"), dict) or "errors" in obj:
            self.graphql(obj)
        elif {"status", "message"} <= obj.keys() and ("name" in obj or "type" in obj):
            self.problem(ERROR, None, "portal.error_response",
                         f"{obj.get('status')} {obj.get('message')}")
        elif _infer(_keys(obj)) is not None:
            self.record(obj, None, 1, "")
        else:
            self.problem(ERROR, None, "portal.unknown_shape", ", ".join(list(obj)[:5]))

    def graphql(self, obj: dict) -> None:
        errors = obj.get("errors")
        if errors:
            texts = [e.get("message", str(e)) if isinstance(e, dict) else str(e)
                     for e in (errors if isinstance(errors, list) else [errors])]
            self.problem(ERROR, None, "portal.graphql_errors", "; ".join(texts))
        data = obj.get("data")
        if not isinstance(data, dict):
            return
        for root, value in data.items():
            kind = ROOTS.get(root.replace("_", "").lower())
            if kind is None:
                self.problem(WARNING, None, "portal.unknown_root", root)
                continue
            if value is not None and not isinstance(value, dict | list):
                self.problem(ERROR, None, "portal.unknown_shape", f"data.{root}")
                continue
            items = [value] if isinstance(value, dict) else (value or [])
            self.records(items, kind, f"data.{root}")

    def records(self, items: list, kind: str | None, where: str) -> None:
        for index, item in enumerate(items):
            self.record(item, kind, index + 1, f"{where}[{index}]")

    def record(self, item: object, kind: str | None, number: int, where: str,
               defaults: dict[str, str] | None = None) -> None:
        path = where or "(record)"
        if not isinstance(item, dict):
            self.problem(ERROR, number, "portal.unknown_record", _short(item), record=path)
            return
        flat, nested = _normalise(item)
        for key, value in (defaults or {}).items():
            if not flat.get(key) or flat.get(key) == "0":
                flat[key] = value
        kind = kind or _infer(flat.keys() | nested.keys())
        if kind is None:
            self.problem(ERROR, number, "portal.unknown_record", _short(item), record=path)
            return
        provenance = {"_file": self.name, "_record": number, "_path": path}
        if kind == "refs":
            flat["table"] = self.table
        if kind == "bids":
            self.bids(flat, nested, provenance)
            return
        self.rows[kind].append({**_known(flat), **provenance})
        for key, (raw_key, children) in nested.items():
            child = CHILDREN.get((kind, key))
            if child is None:
                continue
            child_kind, inherit = child
            given = {c: flat.get(p, "") for c, p in inherit.items() if flat.get(p, "")}
            for index, sub in enumerate(children):
                self.record(sub, child_kind, number, f"{where}.{raw_key}[{index}]", given)

    def bids(self, flat: dict, nested: dict, provenance: dict) -> None:
        """One row per lot of an application (``app_lots``), with the application's fields."""
        if "app_lots" not in nested:  # already one row per lot (a flattened export)
            self.rows["bids"].append({**_known(flat), **provenance})
            return
        raw_key, app_lots = nested["app_lots"]
        base = {k: v for k, v in _known(flat).items() if k != "id"}
        base["app_id"] = flat.get("id", "")
        for index, app_lot in enumerate(app_lots):
            if not isinstance(app_lot, dict):
                continue
            row, _ = _normalise(app_lot)
            self.rows["bids"].append({**base, **_known(row), **provenance,
                                      "_path": f"{provenance['_path']}.{raw_key}[{index}]"})

    def problem(self, severity: str, number: int | None, key: str, value: str,
                **params: object) -> None:
        self.problems.append(_problem(severity, self.name, number, key, value, None, **params))


# --- records -------------------------------------------------------------------------------


def _known(flat: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in flat.items() if k in KNOWN_FIELDS}

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


@functools.lru_cache(maxsize=4096)  # the portal's field names repeat in every record
def snake(name: str) -> str:
    """``numberAnno`` → ``number_anno``, ``AppLots`` → ``app_lots``, ``nameRU`` → ``name_ru``."""
    return _CAMEL.sub("_", name).lower()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value).strip()


def _scalar(value: object) -> bool:
    return not isinstance(value, dict | list)


def _normalise(item: dict) -> tuple[dict[str, str], dict[str, tuple[str, list]]]:
    """Snake-case text fields, one level of nested objects flattened, and nested record lists
    (by snake-case name: the name as written and the records)."""
    flat: dict[str, str] = {}
    nested: dict[str, tuple[str, list]] = {}
    inner: dict[str, str] = {}
    for raw_key, value in item.items():
        key = snake(str(raw_key))
        if _scalar(value):
            flat[key] = _text(value)
        elif isinstance(value, dict):
            for sub_key, sub in value.items():
                if _scalar(sub):
                    inner[f"{key}_{snake(str(sub_key))}"] = _text(sub)
        elif all(_scalar(v) for v in value):
            flat[key] = ",".join(_text(v) for v in value)
        else:
            nested[key] = (str(raw_key), [v for v in value if isinstance(v, dict)])
    for key, value in inner.items():  # a record's own field wins over a flattened one
        if not flat.get(key):
            flat[key] = value
    return flat, nested


def _keys(item: dict) -> set[str]:
    return {snake(str(k)) for k in item}


def _infer(keys: set[str]) -> str | None:
    """The kind of a record from its (snake_case) field names; see the module docstring."""
    if "app_lots" in keys:
        return "bids"
    if "number_anno" in keys and keys & {"publish_date", "ref_buy_status_id"}:
        return "announcements"
    if "lot_number" in keys and keys & {"trd_buy_id", "ref_lot_status_id"}:
        return "lots"
    if keys & {"pay_amount", "pay_date", "nom_za"}:
        return "treasury_payments"
    if keys & {"akt_date", "approve_date", "number_act"}:
        return "acts"
    if keys & {"item_price", "pln_point_id", "contract_registry_id"}:
        return "contract_units"
    if keys & {"contract_sum", "contract_sum_wnds", "sign_date", "contract_number_sys"}:
        return "contracts"
    if keys & {"plan_fin_year", "rootrecord_id", "ref_months_id", "subject_biin"}:
        return "plans"
    if "supplier_biin" in keys and keys & {"supplier_innunp", "kato_list", "court_decision",
                                           "ref_reason_id", "supplier_name_ru"}:
        return "rnu"
    if keys & {"bin", "iin"} and keys & {"type_supplier", "pid"} and "name_ru" in keys:
        return "subjects"
    if {"id", "name_ru"} <= keys and keys <= REF_FIELDS:
        return "refs"
    return None


_REF_TABLE = re.compile(r"(ref_[a-z0-9_]+)")


def _ref_table(next_page: str, file_name: str) -> str:
    """The reference table a page of ``/v3/refs/<table>`` holds: from its ``next_page``
    (``/v3/refs/ref_units?page=next…``), else from the file's name, else empty."""
    for text in (next_page, Path(file_name).name):
        found = _REF_TABLE.search(text)
        if found:
            return found.group(1)
    return ""


def _short(item: object) -> str:
    text = json.dumps(item, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "…"


# --- frames --------------------------------------------------------------------------------


def _finish(kind: str, rows: list[dict], problems: list[Problem]) -> pd.DataFrame:
    """Columns, portal id, duplicates dropped, dates and money parsed."""
    spec = SPECS[kind]
    frame = pd.DataFrame.from_records(rows) if rows else pd.DataFrame()
    for column in (*spec.columns, *spec.dates, *spec.money, "last_update_date", "index_date",
                   *PROVENANCE):
        if column not in frame:
            frame[column] = ""
    frame["_record"] = pd.array(frame["_record"].replace("", None), dtype="Int64")
    text_columns = [c for c in frame.columns if c != "_record"]
    frame[text_columns] = frame[text_columns].fillna("").astype("str")
    if kind == "contract_units":
        frame["contract_id"] = frame["contract_id"].where(
            frame["contract_id"] != "", frame.get("contract_registry_id", ""))
    frame["_key"] = _portal_key(kind, frame)
    missing = frame["_key"] == ""
    for row in _records(frame.loc[missing]) if missing.any() else []:
        problems.append(_problem(ERROR, row["_file"], row["_record"], "portal.missing_id", "",
                                 record=row["_path"], kind=kind))
    frame = frame.loc[~missing]
    frame = _drop_duplicates(frame)
    for column in spec.dates:
        frame[column] = _dates(frame, column, problems) if len(frame) else \
            pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us]")
    for column in spec.money:
        frame[f"{column}_minor"] = _money(frame, column, problems) if len(frame) else \
            pd.Series(pd.NA, index=frame.index, dtype="Int64")
    return frame.reset_index(drop=True)


def _portal_key(kind: str, frame: pd.DataFrame) -> pd.Series:
    key = frame["id"]
    fallback: pd.Series | None = None
    if kind == "contract_units":
        fallback = frame["contract_id"] + ":" + frame["lot_id"] + ":" + frame["pln_point_id"]
        fallback = fallback.where(frame["contract_id"] != "", "")
    elif kind == "treasury_payments":
        day = frame["pay_date"].str.strip().str[:10]
        fallback = (frame["nom_za"] + ":" + day).where(frame["nom_za"] != "", "")
    elif kind == "bids":
        fallback = (frame["app_id"] + ":" + frame["lot_id"]).where(
            (frame["app_id"] != "") & (frame["lot_id"] != ""), "")
    elif kind == "rnu":
        fallback = frame["pid"].where(frame["pid"] != "", frame["supplier_biin"])
    elif kind == "refs":  # ids repeat across tables
        key = (frame["table"] + ":" + frame["id"]).where(frame["id"] != "", "")
    elif kind == "subjects":
        fallback = frame["bin"].where(frame["bin"] != "", frame["iin"])
    return key if fallback is None else key.where(key != "", fallback)


def _drop_duplicates(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per portal id: the latest version (``last_update_date``/``index_date``, else
    the first read) with its provenance, its empty fields filled from the other versions in
    the same order. Answers of one record differ in what they carry (a short list of
    contracts has no method or supplier fields, the detail has), so no field is lost because
    a shorter version of the record was the latest."""
    duplicated = frame["_key"].duplicated(keep=False)
    if not duplicated.any():
        return frame
    stamp = frame["last_update_date"].where(frame["last_update_date"] != "",
                                            frame["index_date"]).str.replace("T", " ")
    order = pd.DataFrame({"key": frame["_key"], "stamp": stamp,
                          "pos": range(len(frame))}, index=frame.index)
    order = order.sort_values(["key", "stamp", "pos"], ascending=[True, False, True],
                              kind="stable")
    keep = order.drop_duplicates("key", keep="first").index
    versions = frame.loc[order.index[order["key"].isin(frame.loc[duplicated, "_key"])]]
    text = [c for c in frame.columns if c not in PROVENANCE]
    filled = versions[text].replace("", pd.NA).groupby(versions["_key"], sort=False).first()
    out = frame.loc[frame.index.isin(keep)].copy()
    merged = out["_key"].isin(filled.index)
    out.loc[merged, text] = filled.loc[out.loc[merged, "_key"], text].fillna("").to_numpy()
    return out


_DAY, _TIME = "[0-9]{4}-[0-9]{2}-[0-9]{2}", "[0-9]{2}:[0-9]{2}(?::[0-9]{2})?"  # ASCII digits
_FRACTION = re.compile(rf"^({_DAY})[ T]({_TIME})(?:\.[0-9]+)?$")
_ZONED = rf"^{_DAY}[ T]{_TIME}(?:\.[0-9]+)?(?:Z|[+-][0-9]{{2}}:?[0-9]{{2}})$"
ALMATY = "Asia/Almaty"


def _dates(frame: pd.DataFrame, column: str, problems: list[Problem]) -> pd.Series:
    raw = frame[column].str.strip()
    text = raw.str.replace(_FRACTION, r"\1 \2", regex=True)
    zoned = text.str.match(_ZONED)
    if zoned.any():
        local = pd.to_datetime(text[zoned], utc=True, format="ISO8601", errors="coerce")
        local = local.dt.tz_convert(ALMATY).dt.strftime("%Y-%m-%d %H:%M:%S")
        text = text.where(~zoned, local.fillna(text[zoned]))
    parsed, bad = parse_dates(text)
    for row in _records(frame.loc[bad]) if bad.any() else []:
        problems.append(_problem(ERROR, row["_file"], row["_record"], "portal.bad_date",
                                 row[column], column, record=row["_path"], field=column))
    return parsed


_TRAILING_ZEROS = re.compile(r"^(-?[0-9]+\.[0-9][0-9])0+$")


def _money(frame: pd.DataFrame, column: str, problems: list[Problem]) -> pd.Series:
    text = frame[column].str.replace(_TRAILING_ZEROS, r"\1", regex=True)
    minor, bad, _ = parse_amounts(text)
    for row in _records(frame.loc[bad]) if bad.any() else []:
        problems.append(_problem(ERROR, row["_file"], row["_record"], "portal.bad_amount",
                                 row[column], column, record=row["_path"], field=column))
    return minor


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts (``itertuples`` renames the ``_file`` … columns)."""
    return frame.to_dict("records")


def _problem(severity: str, file: str, row: int | None, key: str, value: str | None,
             column: str | None = None, **params: object) -> Problem:
    row = int(row) if row is not None and not pd.isna(row) else None
    params.setdefault("record", "—")
    return Problem(severity, file, row, column, value, key, params)
