"""``mics-budget import goszakup``: the register fills itself from goszakup.gov.kz.

:func:`import_goszakup` reads saved portal answers (:mod:`.portal`), derives the events and
Treasury payments of the register lots linked to the portal (:mod:`.portal_derive`) and adds
to the register what it does not hold yet:

- **Events** go through the checks of ``procurement record`` (:func:`.recording.event_values`,
  :func:`.recording.check_step`: a known status, an amount where a contract needs one, a
  12-digit BIN, no date in the future, an allowed step from the lot's stage, no date before its
  last event) and are appended to ``procurement/events.*`` under its lock, each line whole,
  with an ``event_id`` as ``record`` gives it and ``portal_id`` = ``goszakup:`` + the portal
  record (``goszakup:trd_buy:15550001:announced``, ``goszakup:contract:35550001``,
  ``goszakup:act:45550001`` …): the provenance of the row. ``recorded_by`` is who ran the
  import (``--by``, else the OS user), as for ``record``.
- **Treasury payments** are appended to ``budget/payments.*`` under its lock, with id
  ``GZ-`` + the portal's payment id (``GZ-<nom_za>-<date>`` without one): the id is the
  provenance.

**Nothing twice.** An event whose ``portal_id`` the register already holds (voided or not: an
imported entry a person voided is not brought back) and a payment whose id it holds are
"already there". An event the register holds as typed by hand counts as already there too:
the k-th derived step of a status (say the 2nd ``announced``) is compared with the k-th step
of that status still in force in the lot; equal date, amount, supplier BIN and bids (where
both have them) is the same fact.

**Contradictions add nothing.** Another date, amount, BIN or bid count than the register's
step, a step the lifecycle refuses from the lot's stage, a date before the lot's last event,
a payment id the register holds with another date, amount or lot: each is a problem naming the
portal file, the record and the register entry, and nothing is written for it; the later steps
of that lot wait (``held``) until a person resolves it (``procurement void`` and import again,
or correct the portal link). Problems never stop the other lots.

**Dry run.** ``dry_run=True`` computes the same result and writes nothing (no lock file
either). A real run computes the plan once without locks (to refuse early: a register that
needs ``procurement upgrade``, an XLSX payments file), takes the locks of ``events`` and
``payments``, computes it again only if a file of the register changed meanwhile (size, times
or content: :func:`.fileio.fingerprint`), and appends. The facts the register has no column
for go to ``procurement/portal/`` (:mod:`.portal_facts`).

**Linear.** Every step's own checks run in one vectorised pass, each lot's register rows are
grouped once, new lots need no per-lot frame work, and the batch is appended in one write
(one fsync) per file: 10,000 linked lots (70,000 events, 100,000 payments) take about a
minute or less on two cores (``make bench``).
"""

from __future__ import annotations

import getpass
import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from ..config import DataDir
from ..core.checks import ERROR, Problem, has_errors
from ..core.params import procurement_settings
from ..core.schemas import EVENTS, PAYMENTS
from ..core.snapshot import files_key
from ..core.store import append_rows, check_text, file_columns, locked, register_file
from ..core.tables import decode, find_input, text_layout
from ..core.values import (
    MAX_AMOUNT_TEXT,
    above_ceiling,
    is_bin,
    minor_text,
    parse_amounts,
    parse_dates,
)
from ..errors import RecordError, UserError
from ..i18n import stage_name
from ..ledger.load import read_input
from ..ledger.plan import load_plan
from ..procurement.corrections import positional_id
from ..procurement.lifecycle import IN_FORCE, STEPS, replay
from ..procurement.load import load_events, load_lots
from ..procurement.recording import (
    EventIds,
    check_step,
    many_event_values,
)
from ..vocabulary import excerpt
from .derive import Derived, derive
from .facts import PortalFacts, from_derived, load_portal_facts, portal_folder
from .facts import write_portal_facts as _write_facts
from .fetch import DEFAULT_BASE_URL, FetchResult, PortalError, fetch
from .read import PortalData, read_portal

SOURCE = "goszakup"
PREFIX = f"{SOURCE}:"
EVENT_COLUMNS = ["lot", "event_id", "date", "status", "amount", "bids", "supplier",
                 "supplier_bin", "document", "note", "recorded_by", "recorded_at", "portal_id",
                 "_file", "_record"]
PAYMENT_COLUMNS = ["id", "date", "activity", "source", "specifics", "amount", "currency",
                   "payee", "document", "contract", "_file", "_record"]


@dataclass
class ImportResult:
    """What an import added (or, in a dry run, would add), and why anything was not."""

    events: pd.DataFrame  # EVENT_COLUMNS, in the order written
    payments: pd.DataFrame  # PAYMENT_COLUMNS
    already: pd.DataFrame  # lot, kind (event | payment), portal_id: held by the register
    ignored: pd.DataFrame  # kind, reason (other_customer | unlinked), records
    conflicts: list[Problem]  # contradictions with the register: nothing written for them
    problems: list[Problem]  # reading and deriving the portal's records
    held: dict[str, int]  # lot -> derived steps not tried after a conflict on that lot
    files: list[str]
    dry_run: bool = False
    customer_bin: str | None = None
    written: list[str] = field(default_factory=list)  # the files appended to or written
    derived: Derived | None = field(default=None, repr=False)
    register_ids: pd.DataFrame | None = field(default=None, repr=False)  # lot, event_id

    @property
    def ignored_count(self) -> int:
        return int(self.ignored["records"].sum())

    @property
    def has_errors(self) -> bool:
        return bool(self.conflicts) or has_errors(self.problems)

    def lots(self) -> pd.DataFrame:
        """Per lot touched: ``events`` added, ``stages`` (their statuses, in order),
        ``payments`` added and their ``paid`` sum (KZT), ``already`` in the register,
        ``conflicts`` and ``held`` steps."""
        names = list(dict.fromkeys([*self.events["lot"], *self.payments["contract"],
                                    *self.already["lot"],
                                    *(c.params.get("lot", "") for c in self.conflicts),
                                    *self.held]))
        names = [n for n in names if n]
        stages: dict[str, list[str]] = defaultdict(list)
        for lot, status in zip(self.events["lot"], self.events["status"], strict=True):
            stages[lot].append(status)
        contracts = self.payments["contract"]
        counts = contracts.value_counts().to_dict()
        sums = parse_amounts(self.payments["amount"])[0].fillna(0).groupby(
            contracts.to_numpy(), sort=False).sum().to_dict() if len(contracts) else {}
        already = self.already["lot"].value_counts().to_dict()
        conflicts = Counter(c.params.get("lot") for c in self.conflicts)
        rows = [{"lot": lot, "events": len(stages.get(lot, ())),
                 "stages": list(stages.get(lot, ())),
                 "payments": int(counts.get(lot, 0)), "paid": int(sums.get(lot, 0)) / 100,
                 "already": int(already.get(lot, 0)), "conflicts": int(conflicts.get(lot, 0)),
                 "held": self.held.get(lot, 0)} for lot in names]
        return pd.DataFrame(rows, columns=["lot", "events", "stages", "payments", "paid",
                                           "already", "conflicts", "held"])

    def totals(self) -> dict[str, int]:
        return {"events": len(self.events), "payments": len(self.payments),
                "ignored": self.ignored_count, "already": len(self.already),
                "conflicts": len(self.conflicts), "held": sum(self.held.values()),
                "problems": len(self.problems)}

    def as_json(self) -> dict:
        def records(frame: pd.DataFrame, columns: list[str], by: str) -> dict[str, list[dict]]:
            shown = frame[columns].astype(object).where(frame[columns].notna(), None)
            out: dict[str, list[dict]] = defaultdict(list)
            for lot, r in zip(frame[by], shown.to_dict("records"), strict=True):
                out[lot].append({k: (int(v) if k == "_record" and v is not None else v)
                                 for k, v in r.items()})
            return out

        events = records(self.events, ["event_id", "date", "status", "amount", "bids",
                                       "supplier_bin", "document", "portal_id"], "lot")
        payments = records(self.payments, ["id", "date", "amount", "specifics", "document"],
                           "contract")
        lots = [{**row, "events": events.get(row["lot"], []),
                 "payments": payments.get(row["lot"], [])}
                for row in self.lots().to_dict("records")]
        return {"source": SOURCE, "dry_run": self.dry_run, "customer_bin": self.customer_bin,
                "files": len(self.files), "totals": self.totals(), "lots": lots,
                "ignored": self.ignored.to_dict("records"),
                "conflicts": [p.as_json() for p in self.conflicts],
                "problems": [p.as_json() for p in self.problems],
                "written": self.written}


def import_goszakup(data: DataDir, paths: Iterable[str | Path], customer_bin: str | None = None,
                    dry_run: bool = False, by: str | None = None,
                    today: date | None = None) -> ImportResult:
    """Import saved portal answers (files or folders) into the register of ``data``.

    ``customer_bin``: the Bureau's BIN; records of other customers are then ignored and
    counted. Without it: ``customer_bin`` of ``params/procurement.yaml``, else the one BIN
    of the customer of the linked records. Raises :class:`.errors.UserError` only when nothing
    can be imported (a path that does not exist, a register that needs ``procurement
    upgrade``, an XLSX payments file, a bad BIN); every other problem is in the result.
    """
    today = today or date.today()
    by = by or getpass.getuser()
    given = [Path(p) for p in paths]
    data.require()
    for path in given:
        if not path.exists():
            raise UserError("portal.path_missing", value=path)
    customer_bin = _checked_bin(customer_bin)
    portal, problems = read_portal(given)
    plan = load_plan(data)
    before = _register_state(data)
    computed = _Import(data, plan, portal, customer_bin, by, today).run()
    computed.problems = problems + computed.problems
    computed.files = list(portal.files)
    computed.dry_run = dry_run
    if dry_run:
        return computed
    events_path = register_file(data.procurement, "events")
    if computed.events.empty and computed.payments.empty:
        _facts(data, computed, portal)
        return computed
    if not computed.events.empty and "portal_id" not in file_columns(events_path, EVENTS):
        raise RecordError("record.needs_upgrade", None, path=events_path.name,
                          columns="portal_id")
    payments_path = register_file(data.budget, "payments") if len(computed.payments) else None
    # under the locks, on the register as it is now: the result above when no file of the
    # register changed since it was computed (by size, times and content), else computed again
    # with the customer found above
    again = _Import(data, plan, portal, computed.customer_bin, by, today)

    def current() -> ImportResult:
        return computed if _register_state(data) == before else again.run()

    with locked(events_path):
        if payments_path is None:
            result = current()
            result.payments = result.payments.iloc[:0]
            _write(data, result, events_path, None)
        else:
            with locked(payments_path):
                result = current()
                _write(data, result, events_path, payments_path)
    result.problems = problems + result.problems
    result.files = list(portal.files)
    _facts(data, result, portal)
    return result


def _register_state(data: DataDir) -> list[tuple]:
    """The fingerprints of every file an import's result depends on (the lots, events and
    payments): equal fingerprints, equal result."""
    files = [*find_input(data.procurement, "lots"), *find_input(data.procurement, "events"),
             *find_input(data.budget, "payments")]
    return files_key(files)


def _checked_bin(value: str | None) -> str | None:
    text = (value or "").strip()
    if not text:
        text = procurement_settings().customer_bin.strip()
    if text and not is_bin(text):
        raise UserError("portal.bad_bin", value=excerpt(text))
    return text or None


TOKEN_VARIABLE = "GOSZAKUP_TOKEN"
MAX_TOKEN_BYTES = 4096


def read_token(token_file: str | Path | None) -> str:
    """The portal's API token: from ``token_file``, else ``$GOSZAKUP_TOKEN``. Never from the
    command line, never written anywhere, never quoted in a message."""
    if token_file:
        try:
            with open(token_file, "rb") as fh:
                raw = fh.read(MAX_TOKEN_BYTES + 1)
        except OSError as exc:
            raise UserError("portal.token_file", detail=exc.strerror or type(exc).__name__
                            ) from None
        try:
            token = raw.decode("utf-8-sig").strip()
        except UnicodeDecodeError:
            token = ""
        if not token or len(raw) > MAX_TOKEN_BYTES or any(c.isspace() for c in token):
            raise UserError("portal.token_file", detail="—")
        return token
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        raise UserError("portal.no_token")
    return token


def fetch_goszakup(data: DataDir, customer_bin: str, token: str, since: date | None = None,
                   url: str | None = None, out: Path | None = None,
                   today: date | None = None, **options: object) -> FetchResult:
    """Download the customer's portal data (:func:`.portal_fetch.fetch`) into ``out``, by
    default ``DIR/procurement/portal/<today>/`` (a second call the same day resumes there; a
    call with other parameters takes ``<today>-2`` …). Every answer is saved before the
    import reads it."""
    if out is not None:
        return fetch(url or DEFAULT_BASE_URL, token, customer_bin, since, out, **options)  # type: ignore[arg-type]
    day = (today or date.today()).isoformat()
    for attempt in range(1, 100):
        folder = portal_folder(data) / (day if attempt == 1 else f"{day}-{attempt}")
        try:
            return fetch(url or DEFAULT_BASE_URL, token, customer_bin, since, folder,
                         **options)  # type: ignore[arg-type]
        except PortalError as exc:
            if exc.key != "portal.state_mismatch":
                raise
    raise UserError("portal.state_mismatch", path=portal_folder(data), detail=day)


# --- computing what to add ---------------------------------------------------------------


class _Import:
    """What to add, computed from the register as it is now (call under the locks)."""

    def __init__(self, data: DataDir, plan, portal: PortalData, customer_bin: str | None,
                 by: str, today: date):
        self.data, self.plan, self.portal = data, plan, portal
        self.customer_bin, self.by, self.today = customer_bin, by, today
        self.conflicts: list[Problem] = []
        self.held: dict[str, int] = {}
        self.holding: set[str] = set()
        self.already: list[dict] = []

    def run(self) -> ImportResult:
        lots = load_lots(self.data, self.plan).frame
        events, _ = replay(load_events(self.data, lots).frame, lots)
        self.events = events
        # each lot's steps in force (in order) and portal ids once, as plain records (a filter
        # of the whole register per lot was quadratic, a frame per lot slow), and one id
        # allocator for the run (a frame rebuilt per new step was quadratic too)
        in_force = events.loc[events["valid"]].sort_values(["date", "_row"], kind="stable")
        self.history: dict[str, list[dict]] = defaultdict(list)
        for row in in_force[["lot", "status", "stage", "date", "amount_minor",
                             "supplier_bin", "bids", "event_id"]].to_dict("records"):
            self.history[str(row["lot"])].append(row)
        imported = events["portal_id"].fillna("").str.startswith(PREFIX)
        self.known: dict[str, set[str]] = defaultdict(set)
        for lot, portal_id in zip(events.loc[imported, "lot"],
                                  events.loc[imported, "portal_id"], strict=True):
            self.known[str(lot)].add(portal_id)
        self.ids = EventIds(events[["lot", "event_id"]])
        derived, self.customer_bin = _derive(self.portal, lots, self.customer_bin)
        self.derived = derived
        valid = lots.loc[lots["valid"]]
        methods = dict(zip(valid["lot"].astype(str), valid["method"].astype(str),
                           strict=True))
        # the checks that need no register, for every derived step at once (one vectorised
        # parse of the amounts and bid counts); each lot's steps then in one pass
        records = derived.events.to_dict("records")
        checked = many_event_values(
            [{"lot": r["lot"], "status": r["status"], "date": date.fromisoformat(r["date"]),
              "amount": r["amount"] or None, "bids": r["bids"] or None,
              "supplier": r["supplier"], "supplier_bin": r["supplier_bin"],
              "document": r["document"], "note": ""} for r in records], self.by, self.today)
        per_lot: dict[str, list[tuple[dict, dict | RecordError]]] = defaultdict(list)
        for record, values in zip(records, checked, strict=True):
            per_lot[str(record["lot"])].append((record, values))
        added = []
        for lot, steps in per_lot.items():
            if lot in methods:
                added += self._lot(lot, steps, methods[lot])
        payments = self._payments(derived.payments)
        return ImportResult(
            events=pd.DataFrame(added, columns=EVENT_COLUMNS),
            payments=pd.DataFrame(payments, columns=PAYMENT_COLUMNS),
            already=pd.DataFrame(self.already, columns=["lot", "kind", "portal_id"]),
            ignored=derived.ignored, conflicts=self.conflicts, problems=derived.problems,
            held=dict(self.held), files=[], customer_bin=self.customer_bin,
            derived=derived, register_ids=events[["lot", "event_id"]])

    def _lot(self, lot: str, derived: list[tuple[dict, dict | RecordError]],
             method: str) -> list[dict]:
        history = self.history.get(lot, [])
        known = self.known.get(lot, set())
        stage = str(history[-1]["stage"]) if history else ""
        last: pd.Timestamp | None = history[-1]["date"] if history else None
        steps: dict[str, list[dict]] = defaultdict(list)
        for step in history:
            steps[step["status"]].append(step)
        seen: dict[str, int] = defaultdict(int)
        out: list[dict] = []
        for record, checked in derived:
            status = record["status"]
            portal_id = PREFIX + record["portal_id"]
            if lot in self.holding:
                self.held[lot] += 1
                continue
            k = seen[status]
            seen[status] += 1
            if portal_id in known:
                self.already.append({"lot": lot, "kind": "event", "portal_id": portal_id})
                continue
            same = steps.get(status, [])
            if k < len(same):
                entry = same[k]
                differs = _differences(entry, record)
                if not differs:
                    self.already.append({"lot": lot, "kind": "event", "portal_id": portal_id})
                    continue
                column, theirs, ours = differs[0]
                self._conflict(record, "portal.conflict", column, theirs, lot=lot,
                               register=ours, event_id=entry["event_id"],
                               stage=stage_name(status), status=status)
                continue
            on = date.fromisoformat(record["date"])
            try:
                if isinstance(checked, RecordError):
                    raise checked
                check_step(stage, last, method, status, on)
            except RecordError as exc:
                self._conflict(record, "portal.refused", exc.field, record["date"], lot=lot,
                               reason=str(exc), stage=stage_name(status))
                continue
            values = {**checked, "portal_id": portal_id, "event_id": self.ids.next(lot)}
            out.append({**values, "_file": record["_file"], "_record": record["_record"]})
            if status not in STEPS:
                stage = status
            last = pd.Timestamp(on)
        return out

    def _conflict(self, record: dict, key: str, column: str | None, value: object,
                  **params: object) -> None:
        """A contradiction: listed, nothing written; the later steps of the lot wait."""
        lot = str(params["lot"])
        self.conflicts.append(Problem(ERROR, str(record.get("_file", "")),
                                      _row(record.get("_record")), column,
                                      None if value is None else str(value), key,
                                      {"record": record.get("portal_id", ""), **params}))
        self.holding.add(lot)
        self.held.setdefault(lot, 0)

    def _payments(self, derived: pd.DataFrame) -> list[dict]:
        raw, _ = read_input(self.data, "budget", PAYMENTS)
        minor, _, _ = parse_amounts(raw["amount"])
        days, _ = parse_dates(raw["date"])
        existing: dict[str, tuple] = {}
        for pid, amount, day, contract in zip(raw["id"], minor, days, raw["contract"],
                                              strict=True):
            existing.setdefault(pid, (amount, day, contract))
        out = []
        records = derived.to_dict("records")
        too_large = above_ceiling(pd.Series([r["amount_minor"] for r in records],
                                            dtype="Int64")).tolist()
        for record, large in zip(records, too_large, strict=True):
            pid = record["id"]
            if pid in existing:
                amount, day, contract = existing[pid]
                theirs = (int(record["amount_minor"]), pd.Timestamp(record["date"]),
                          record["contract"])
                ours = (None if pd.isna(amount) else int(amount),
                        None if pd.isna(day) else pd.Timestamp(day), contract)
                if theirs == ours:
                    self.already.append({"lot": record["contract"], "kind": "payment",
                                         "portal_id": pid})
                    continue
                column = ("amount", "date", "contract")[
                    next(i for i in range(3) if theirs[i] != ours[i])]
                self.conflicts.append(Problem(
                    ERROR, str(record["_file"]), _row(record["_record"]), column,
                    str(record[column]), "portal.payment_conflict",
                    {"record": record["portal_id"], "lot": record["contract"], "id": pid,
                     "register": "" if ours[("amount", "date", "contract").index(column)]
                     is None else _shown(column, ours, record)}))
                continue
            try:
                if large:
                    raise RecordError("problem.amount_too_large", "amount",
                                      value=record["amount"], limit=MAX_AMOUNT_TEXT)
                check_text({"payee": record["payee"], "document": record["document"],
                            "id": pid})
            except RecordError as exc:
                self.conflicts.append(Problem(
                    ERROR, str(record["_file"]), _row(record["_record"]), exc.field,
                    pid, "portal.payment_refused", {"record": record["portal_id"],
                                                    "lot": record["contract"],
                                                    "reason": str(exc)}))
                continue
            existing[pid] = (record["amount_minor"], pd.Timestamp(record["date"]),
                             record["contract"])
            out.append({c: record[c] for c in PAYMENT_COLUMNS})
        return out


def _row(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def _shown(column: str, ours: tuple, record: dict) -> str:
    value = ours[("amount", "date", "contract").index(column)]
    if column == "amount":
        return minor_text(value)
    if column == "date":
        return pd.Timestamp(value).date().isoformat()
    return str(value)


def _differences(entry: dict, record: dict) -> list[tuple[str, str, str]]:
    """How a derived step differs from the register's step of the same status and rank:
    ``(column, the portal's value, the register's value)``; empty when they agree."""
    out = []
    ours = entry["date"].date().isoformat()
    if ours != record["date"]:
        out.append(("date", record["date"], ours))
    if record["status"] in IN_FORCE:
        amount = entry["amount_minor"]
        if pd.isna(amount) or int(amount) != int(record["amount_minor"]):
            shown = minor_text(amount)
            out.append(("amount", record["amount"], shown))
    if record["supplier_bin"] and entry["supplier_bin"] and \
            record["supplier_bin"] != entry["supplier_bin"]:
        out.append(("supplier_bin", record["supplier_bin"], entry["supplier_bin"]))
    if record["bids"] and not pd.isna(entry["bids"]) and int(record["bids"]) != int(
            entry["bids"]):
        out.append(("bids", record["bids"], str(int(entry["bids"]))))
    return out


def _derive(portal: PortalData, lots: pd.DataFrame, customer_bin: str | None
            ) -> tuple[Derived, str | None]:
    """Derive with the customer's BIN; without one, the BIN of the customer of the linked
    records when they all have the same one."""
    derived = derive(portal, lots, customer_bin)
    if customer_bin is not None:
        return derived, customer_bin
    links = derived.links
    found: set[str] = set()
    for kind, frame in (("announcement", portal.announcements), ("lot", portal.lots),
                        ("contract", portal.contracts)):
        ids = set(links.loc[links["kind"] == kind, "portal_id"])
        rows = frame.loc[frame["id"].isin(ids)]
        found |= set(rows["customer_bin"]) - {""}
    if len(found) == 1:
        guessed = found.pop()
        return derive(portal, lots, guessed), guessed
    return derived, None


# --- writing -------------------------------------------------------------------------------


def _check_encodable(path: Path, rows: list[dict[str, str]]) -> None:
    """Every value can be written in the file's encoding (a Kazakh letter in a Windows-1251
    register cannot): checked for all rows before the first is appended, so an import is
    refused whole rather than cut in the middle."""
    if not path.exists() or path.stat().st_size == 0:
        return  # a new file is UTF-8
    text, encoding = decode(path.read_bytes())
    if text is None:
        raise RecordError("load.bad_encoding", None, value=encoding)
    codec = text_layout(text, encoding).codec
    for row in rows:
        for value in row.values():
            try:
                str(value).encode(codec)
            except UnicodeEncodeError as exc:
                char = exc.object[exc.start]
                raise RecordError("record.unencodable", None, char=char,
                                  code=f"U+{ord(char):04X}", path=path.name,
                                  encoding="Windows-1251" if codec == "cp1251" else codec
                                  ) from None


def _write(data: DataDir, result: ImportResult, events_path: Path,
           payments_path: Path | None) -> None:
    """Append the events, then the payments, each line whole (call under the locks)."""
    event_rows = [{c: str(r[c]) for c in EVENTS.columns if c in r}
                  for r in result.events.to_dict("records")]
    payment_rows = [{c: str(r[c]) for c in PAYMENTS.columns if c in r}
                    for r in result.payments.to_dict("records")]
    _check_encodable(events_path, event_rows)
    if payments_path is not None:
        _check_encodable(payments_path, payment_rows)
    if len(result.events):
        if "portal_id" not in file_columns(events_path, EVENTS):
            raise RecordError("record.needs_upgrade", None, path=events_path.name,
                              columns="portal_id")
        ids = result.register_ids
        assert ids is not None
        batch = [{c: row[c] for c in EVENTS.columns if c in row}
                 for row in result.events.to_dict("records")]
        if "event_id" in file_columns(events_path, EVENTS):
            allocate = EventIds(ids)
            for values in batch:
                values["event_id"] = allocate.next(values["lot"])
            append_rows(events_path, EVENTS, batch)  # one read, one write, one fsync
            written = [values["event_id"] for values in batch]
        else:
            written = [positional_id(n) for n in append_rows(events_path, EVENTS, batch)]
        result.events = result.events.assign(event_id=written)
        result.written.append(f"procurement/{events_path.name}")
    if payments_path is not None and len(result.payments):
        append_rows(payments_path, PAYMENTS, [{c: str(row[c]) for c in PAYMENTS.columns
                                               if c in row}
                                              for row in result.payments.to_dict("records")])
        result.written.append(f"budget/{payments_path.name}")


def _facts(data: DataDir, result: ImportResult, portal: PortalData) -> None:
    """Merge the import's Treasury registrations, penalties and unreliable suppliers into
    ``procurement/portal/`` (under the lock of ``facts.json``)."""
    derived = result.derived
    if derived is None:
        return
    conflicts = [{"lot": str(c.params.get("lot", "")),
                  "event_id": str(c.params.get("event_id", "")),
                  "status": str(c.params.get("status", "")), "column": c.column or "",
                  "portal": c.value or "", "register": str(c.params.get("register", "")),
                  "portal_id": str(c.params.get("record", ""))}
                 for c in result.conflicts if c.key == "portal.conflict"]
    new = from_derived(derived.treasury, derived.penalties, portal.rnu, conflicts,
                       frozenset(derived.events["lot"]))
    if (new.treasury.empty and new.penalties.empty and new.unreliable.empty
            and not conflicts and not (portal_folder(data) / "facts.json").exists()):
        return
    path = portal_folder(data) / "facts.json"
    with locked(path):
        old, _ = load_portal_facts(data)
        written = _write_facts(data, old.merged(new))
    result.written += [p.relative_to(data.root).as_posix() for p in written]


__all__ = ["ImportResult", "PortalFacts", "fetch_goszakup", "import_goszakup", "read_token"]
