"""What goszakup.gov.kz says that the register has no column for, kept beside it.

``DIR/procurement/portal/`` holds, besides the raw answers a fetch saves (``<date>/``):

- ``facts.json``, written by ``mics-budget import goszakup`` (atomically, under a lock): per
  register lot, the Treasury's registration of its contract (``treasury``: ``dt_reg`` of the
  Treasury payments, for the KPI "days from registration to the first payment") and the
  acceptance acts with a penalty (``penalties``: ``sum_fine``, ``day_overdue``, for the red
  flag). A later import replaces the facts of the same contract or act and keeps the others::

    {"format": "mics-budget/goszakup-facts/1", "updated": "…",
     "treasury": [{"lot": "LOT-A", "contract_id": "35550001", "dt_reg": "2023-06-22"}],
     "penalties": [{"lot": "LOT-A", "act_id": "45550001", "contract_id": "35550001",
                    "date": "2023-07-12", "sum_fine": "48500.00", "day_overdue": 5}]}

- ``rnu.json``: the register of unreliable participants (``/v3/rnu``), for the red flag. The
  import writes there every unreliable-supplier record it reads (a list, merged by the
  portal's id), and a person may save a portal answer there by hand: any shape
  :func:`.portal.read_portal` reads (REST page, GraphQL ``Rnu``, list).

A file that cannot be read is a problem of the data folder (``validate`` lists it), never an
exception; without these files there is simply nothing to flag.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ..config import DataDir
from ..core.checks import ERROR, Problem
from ..core.fileio import atomic_writer
from ..core.store import now_text
from ..core.values import minor_text, parse_amounts, parse_dates
from .read import FACTS_FORMAT, read_portal

FACTS_NAME = "procurement/portal/facts.json"
RNU_NAME = "procurement/portal/rnu.json"
TREASURY_COLUMNS = ["lot", "contract_id", "dt_reg"]
PENALTY_COLUMNS = ["lot", "act_id", "contract_id", "date", "sum_fine_minor", "day_overdue"]
UNRELIABLE_COLUMNS = ["portal_id", "supplier_bin", "supplier_name", "start_date", "end_date"]
#: a step typed in the register that the portal contradicts (the last import of its lot)
CONFLICT_COLUMNS = ["lot", "event_id", "status", "column", "portal", "register", "portal_id"]


def portal_folder(data: DataDir) -> Path:
    return data.procurement / "portal"


@dataclass(frozen=True)
class PortalFacts:
    """``treasury`` (lot, contract_id, dt_reg), ``penalties`` (lot, act_id, contract_id, date,
    sum_fine_minor in tiyn, day_overdue) and ``unreliable`` suppliers (portal_id,
    supplier_bin, supplier_name, start_date, end_date)."""

    treasury: pd.DataFrame
    penalties: pd.DataFrame
    unreliable: pd.DataFrame
    #: typed steps the portal contradicts, as the last import of each lot found them
    conflicts: pd.DataFrame = field(default_factory=lambda: _conflicts([]))
    #: the lots the import that made these facts looked at (its conflicts replace theirs)
    covered: frozenset[str] = frozenset()

    @classmethod
    def empty(cls) -> PortalFacts:
        return cls(_treasury([]), _penalties([]), _unreliable([]))

    def merged(self, newer: PortalFacts) -> PortalFacts:
        """These facts with ``newer`` ones replacing those of the same contract, act or
        unreliable-supplier record."""
        def merge(old: pd.DataFrame, new: pd.DataFrame, key: list[str]) -> pd.DataFrame:
            if old.empty:
                return new.reset_index(drop=True)
            if new.empty:
                return old.reset_index(drop=True)
            both = pd.concat([old, new], ignore_index=True)
            return both.drop_duplicates(key, keep="last").reset_index(drop=True)

        kept = self.conflicts.loc[~self.conflicts["lot"].isin(newer.covered)]
        return PortalFacts(merge(self.treasury, newer.treasury, ["lot", "contract_id"]),
                           merge(self.penalties, newer.penalties, ["act_id"]),
                           merge(self.unreliable, newer.unreliable, ["portal_id"]),
                           merge(kept, newer.conflicts, ["lot", "event_id", "portal_id"]))


def _treasury(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=TREASURY_COLUMNS)
    frame[["lot", "contract_id"]] = frame[["lot", "contract_id"]].astype("str")
    frame["dt_reg"] = pd.to_datetime(frame["dt_reg"]).astype("datetime64[us]")
    return frame


def _penalties(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=PENALTY_COLUMNS)
    frame[["lot", "act_id", "contract_id"]] = frame[["lot", "act_id", "contract_id"]].astype(
        "str")
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[us]")
    for column in ("sum_fine_minor", "day_overdue"):
        frame[column] = pd.array(frame[column], dtype="Int64")
    return frame


def _conflicts(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=CONFLICT_COLUMNS).astype("str")


def _unreliable(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=UNRELIABLE_COLUMNS)
    text = ["portal_id", "supplier_bin", "supplier_name"]
    frame[text] = frame[text].astype("str")
    for column in ("start_date", "end_date"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[us]")
    return frame


def from_derived(treasury: pd.DataFrame, penalties: pd.DataFrame,
                 rnu: pd.DataFrame, conflicts: list[dict] | None = None,
                 covered: frozenset[str] = frozenset()) -> PortalFacts:
    """The facts of one import: :class:`.derive.Derived`'s ``treasury`` and ``penalties``,
    the ``rnu`` frame of :class:`.read.PortalData`, and the typed steps the portal
    contradicts (``conflicts``, rows of :data:`CONFLICT_COLUMNS`) among the ``covered``
    lots."""
    unreliable = rnu.loc[rnu["supplier_biin"] != ""]
    return PortalFacts(
        treasury=_treasury(treasury[TREASURY_COLUMNS].to_dict("records")),
        penalties=_penalties(penalties[PENALTY_COLUMNS].to_dict("records")),
        conflicts=_conflicts(conflicts or []), covered=covered,
        unreliable=_unreliable([
            {"portal_id": r["_key"], "supplier_bin": r["supplier_biin"],
             "supplier_name": r["supplier_name_ru"], "start_date": r["start_date"],
             "end_date": r["end_date"]} for r in unreliable.to_dict("records")]))


# --- reading -------------------------------------------------------------------------------


def load_portal_facts(data: DataDir) -> tuple[PortalFacts, list[Problem]]:
    """``facts.json`` and ``rnu.json`` of the data folder (empty when absent)."""
    problems: list[Problem] = []
    folder = portal_folder(data)
    treasury, penalties, conflicts = _read_facts(folder / "facts.json", problems)
    unreliable = _read_rnu(folder / "rnu.json", problems)
    return PortalFacts(treasury, penalties, unreliable, conflicts), problems


def _bad(problems: list[Problem], detail: str, row: int | None = None) -> None:
    problems.append(Problem(ERROR, FACTS_NAME, row, None, detail, "portal.bad_facts",
                            {"detail": detail}))


def _read_facts(path: Path, problems: list[Problem]
                ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    empty = PortalFacts.empty()
    nothing = empty.treasury, empty.penalties, empty.conflicts
    if not path.is_file():
        return nothing
    try:
        document = json.loads(path.read_bytes().decode("utf-8-sig"), parse_float=Decimal)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        _bad(problems, type(exc).__name__)
        return nothing
    if not isinstance(document, dict) or document.get("format") != FACTS_FORMAT:
        _bad(problems, f"format != {FACTS_FORMAT}")
        return nothing
    treasury, penalties = [], []
    for number, entry in enumerate(_entries(document, "treasury", problems), start=1):
        day = _day(entry.get("dt_reg"))
        if not isinstance(entry.get("lot"), str) or day is None:
            _bad(problems, f"treasury[{number - 1}]", number)
            continue
        treasury.append({"lot": entry["lot"], "contract_id": str(entry.get("contract_id", "")),
                         "dt_reg": day})
    for number, entry in enumerate(_entries(document, "penalties", problems), start=1):
        fine = _minor(entry.get("sum_fine"))
        days = entry.get("day_overdue")
        if (not isinstance(entry.get("lot"), str) or fine is False
                or not (days is None or (isinstance(days, int) and not isinstance(days, bool)))):
            _bad(problems, f"penalties[{number - 1}]", number)
            continue
        penalties.append({"lot": entry["lot"], "act_id": str(entry.get("act_id", "")),
                          "contract_id": str(entry.get("contract_id", "")),
                          "date": _day(entry.get("date")), "sum_fine_minor": fine,
                          "day_overdue": days})
    conflicts = []
    for number, entry in enumerate(_entries(document, "conflicts", problems), start=1):
        if not all(isinstance(entry.get(c), str) for c in CONFLICT_COLUMNS):
            _bad(problems, f"conflicts[{number - 1}]", number)
            continue
        conflicts.append({c: entry[c] for c in CONFLICT_COLUMNS})
    return _treasury(treasury), _penalties(penalties), _conflicts(conflicts)


def _entries(document: dict, key: str, problems: list[Problem]) -> list[dict]:
    value = document.get(key) or []
    if not isinstance(value, list):
        _bad(problems, key)
        return []
    return [v if isinstance(v, dict) else {} for v in value]


def _day(value: object) -> pd.Timestamp | None:
    if not isinstance(value, str) or not value:
        return None
    return _day_of(value)


@functools.lru_cache(maxsize=4096)  # a few hundred days among thousands of entries
def _day_of(value: str) -> pd.Timestamp | None:
    parsed, bad = parse_dates(pd.Series([value]))
    return None if bad.iloc[0] or pd.isna(parsed.iloc[0]) else pd.Timestamp(parsed.iloc[0])


def _minor(value: object) -> int | bool | None:
    """Tiyn of a money text (``"48500.00"``); None when absent; False when unreadable."""
    if value in (None, ""):
        return None
    minor, bad, _ = parse_amounts(pd.Series([str(value)]))
    return False if bad.iloc[0] or pd.isna(minor.iloc[0]) else int(minor.iloc[0])


def _read_rnu(path: Path, problems: list[Problem]) -> pd.DataFrame:
    if not path.is_file():
        return PortalFacts.empty().unreliable
    data, found = read_portal([path])
    problems += [replace(p, file=RNU_NAME) for p in found]
    rnu = data.rnu.loc[data.rnu["supplier_biin"] != ""]
    return _unreliable([{"portal_id": r["_key"], "supplier_bin": r["supplier_biin"],
                         "supplier_name": r["supplier_name_ru"], "start_date": r["start_date"],
                         "end_date": r["end_date"]} for r in rnu.to_dict("records")])


# --- writing -------------------------------------------------------------------------------


def write_portal_facts(data: DataDir, facts: PortalFacts) -> list[Path]:
    """Write ``facts.json`` and ``rnu.json`` atomically (call under the lock of
    ``facts.json``); a file whose content would not change is left alone."""
    folder = portal_folder(data)
    document = {
        "format": FACTS_FORMAT,
        "treasury": [{"lot": r["lot"], "contract_id": r["contract_id"],
                      "dt_reg": _iso(r["dt_reg"])} for r in facts.treasury.to_dict("records")],
        "penalties": [{"lot": r["lot"], "act_id": r["act_id"], "contract_id": r["contract_id"],
                       "date": _iso(r["date"]), "sum_fine": _money(r["sum_fine_minor"]),
                       "day_overdue": None if pd.isna(r["day_overdue"]) else int(
                           r["day_overdue"])}
                      for r in facts.penalties.to_dict("records")],
        "conflicts": facts.conflicts[CONFLICT_COLUMNS].to_dict("records"),
    }
    rnu = [{"id": r["portal_id"], "supplier_biin": r["supplier_bin"],
            "supplier_name_ru": r["supplier_name"], "start_date": _iso(r["start_date"]),
            "end_date": _iso(r["end_date"])} for r in facts.unreliable.to_dict("records")]
    written = []
    for path, content in ((folder / "facts.json", document), (folder / "rnu.json", rnu)):
        if path.name == "rnu.json" and not rnu and not path.exists():
            continue
        old = _comparable(path)
        if old == content:
            continue
        if isinstance(content, dict):
            content = {**content,
                       "updated": now_text()}
        text = json.dumps(content, ensure_ascii=False, indent=1)
        with atomic_writer(path, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
        written.append(path)
    return written


def _comparable(path: Path) -> object:
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(old, dict):
        old.pop("updated", None)
    return old


def _iso(value: object) -> str | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _money(minor: object) -> str | None:
    return minor_text(minor) or None
