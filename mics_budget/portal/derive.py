"""Deriving register events and payments from goszakup.gov.kz data (:mod:`.portal`).

:func:`derive` proposes, for the register lots linked to the portal, the events the register
would hold (``procurement/events`` columns plus ``source='goszakup'`` and a stable
``portal_id``) and the Treasury payments (``budget/payments`` columns). It writes nothing:
the caller checks the proposals against the register and appends them.

**Scope.** With ``customer_bin``, records of other customers are ignored and counted:
announcements whose ``customer_bin`` (else ``org_bin``) differs, unless one of our lots is in
them (a single organiser may announce our lots); lots and contracts whose ``customer_bin``
differs; units, acts and payments of those contracts; bids on those lots. Records of our
customer that no register lot links to are counted as ``unlinked``.

**Linking** (``lots.csv`` columns ``portal_number`` = the announcement's ``number_anno``,
``portal_lot`` = the portal lot's ``lot_number``; either one links a lot):

1. the announcement whose ``number_anno`` is ``portal_number`` (else the one of the lot
   whose ``lot_number`` is ``portal_lot``) and every announcement connected to it through
   ``parent_id`` (repeated tenders, before or after it), in publication order — except
   where another register lot names an announcement of that chain in its
   ``portal_number``: the repeat then belongs to that lot (a repeat registered as a new lot);
2. in each announcement, the portal lot whose ``lot_number`` is ``portal_lot``; without
   ``portal_lot``, the announcement's only lot (several lots: a problem, give
   ``portal_lot``). In a repeated announcement where no lot has that number: the lot sharing
   a plan point (``point_list``) with the first one, else the only lot, else a problem;
3. contracts whose units (``ContractUnits``/``/units``: ``lot_id``) name one of those portal
   lots; contracts of one of those announcements (``trd_buy_id``) without any units when the
   announcement has a single lot; then every record of the same contract (``root_id``, else
   the ``parent_id`` chain): the original and its amendments;
4. acts of those contract records (``contract_id`` or ``contract_root_id``), Treasury
   payments of them (``contract_id``), bids on those portal lots (``lot_id``).

A portal lot or contract linked to two register lots is a problem and left out.

**Events** (dates are Almaty days; ``portal_id`` is unique within a register lot):

- ``announced`` at ``publish_date`` — ``trd_buy:<id>:announced``;
- ``evaluation`` at ``end_date`` (end of the bid window) once the lot's status (else the
  announcement's) is past the bid window (:data:`REVIEW`, :data:`DONE`, :data:`FAILED`) or a
  contract exists; ``bids`` = the number of applications (``TrdApp``) on the lot, empty when
  no application is in the files (also on ``awarded`` and ``unsuccessful``);
- ``awarded`` at ``itogi_date_public`` (else the contract's ``trd_buy_itogi_date_public``)
  when the status is :data:`DONE` (350 completed, 360 held) or a contract exists; supplier
  and BIN of the contract when there is one;
- ``unsuccessful`` for status 370, at ``itogi_date_public`` (else ``end_date``); the next
  announcement of the chain (a repeat, ``parent_id``) is a new ``announced``;
- ``cancelled`` for status 430 (cancelled) and 410 (refusal of the lot), at the lot's
  ``last_update_date`` (else the announcement's, else ``itogi_date_public``);
- ``contracted`` at the first signed record's ``sign_date``, amount in force =
  ``contract_sum_wnds`` (with VAT) where present and positive, else ``contract_sum``;
  supplier ``supplier_biin``, name from the contract (``Supplier {nameRu}``) else from the
  Treasury payments; document ``contract_number_sys`` — ``contract:<id>``;
- ``amended`` for each later signed record of the same contract, in (``sign_date``, id)
  order, with its amount — ``contract:<id>``;
- ``terminated`` when the latest record's status is terminated (340 unilateral, 350 by
  agreement, 462/463 the same after a transfer, 480 void by court), at
  ``contract_end_date`` (else ``last_update_date``) — ``contract:<root>:terminated``;
- ``delivered`` at the earliest acceptance act (not deleted, not revoked):
  ``approve_date``, else ``akt_date`` — ``act:<id>``. Later acts do not move it (the
  register is append-only and has one delivery step); they feed the penalties;
- ``paid`` when the cumulative Treasury payments reach the amount in force on the payment's
  date, dated by the payment that reaches it — ``contract:<root>:paid``.

Deleted contracts and units (``deleted`` = 1) are left out. Contracts in draft/signing
(110–165) without ``sign_date`` give nothing yet; not concluded
(330, 410, 420, 430, 461) give a warning and nothing else. A contract in another currency
than the lot is a problem. Unknown status or method codes are problems, never crashes: an
unknown lot status derives only ``announced``.

**Lifecycle.** The events of each lot are sorted by date (ties keep the order above) and
replayed with :func:`.lifecycle.allowed` from an empty lot: a step the register would refuse
is a problem (``portal.lifecycle_refused``) and is not proposed; the lot stays at its last
valid stage.

**Payments.** One row per Treasury payment of a linked contract: ``id`` = ``GZ-`` + the
payment's id (``GZ-`` + ``nom_za`` + ``-`` + date when it has none), ``date`` = ``pay_date``,
``amount`` = ``pay_amount``, ``activity`` and ``source`` of the lot, ``specifics`` = the last
three digits of ``espk``, ``currency`` KZT, ``payee`` = ``supplier``, ``document`` = the
payment order (``ppn``, else ``check_number``), ``contract`` = the register lot.

**For KPIs**: ``treasury`` (per lot and contract, ``dt_reg``: the Treasury's registration of
the contract), ``penalties`` (acts with ``sum_fine`` or ``day_overdue``), ``unreliable``
(BINs in the unreliable suppliers' register ``rnu``, with the register lots they supply).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from ..core.checks import ERROR, WARNING, Label, Problem
from ..core.values import minor_text
from ..i18n import Stages
from ..procurement.lifecycle import START, STEPS, allowed
from .read import PortalData

EVENT_COLUMNS = ["lot", "date", "status", "amount", "bids", "supplier", "supplier_bin",
                 "document", "note"]
EVENT_EXTRA = ["source", "portal_id", "amount_minor", "_file", "_record"]
PAYMENT_COLUMNS = ["id", "date", "activity", "source", "specifics", "amount", "currency",
                   "payee", "document", "contract", "refund_of", "note"]
PAYMENT_EXTRA = ["portal_id", "amount_minor", "_file", "_record"]
SOURCE = "goszakup"

# ref_trade_methods -> register method. Competitions of every kind (two-stage, with
# prequalification, special order 128, rating-point 188/200, the two stages of a framework
# agreement 132/133, turnkey construction 201/202, school meals 120/121, tenders 124) are
# competitions; the "(не ГЗ)" variants map as their public-procurement twins.
METHODS: dict[int, str] = {
    **dict.fromkeys((2, 22, 32, 120, 121, 124, 128, 132, 133, 188, 200, 201, 202),
                    "open_tender"),
    **dict.fromkeys((3, 126), "price_quotations"),
    **dict.fromkeys((6, 23, 105, 123, 125, 131), "single_source"),
    **dict.fromkeys((7, 77, 78, 177, 178), "auction"),
    **dict.fromkeys((8, 118), "commodity_exchange"),
    **dict.fromkeys((60, 160), "e_shop"),
}
# methods a state customer can meet that the register has no method for: housing (50, 55),
# the state social order (52) and educational order (122), procurement under the special
# (closed) order (130, 190). A warning names them; the lot keeps its steps.
OTHER_METHODS = frozenset({50, 52, 55, 122, 130, 190})

# ref_buy_status / ref_lots_status (one id space)
DRAFT = frozenset({110, 120, 130, 160})  # project, documents being signed or changed
OPEN = frozenset({190, 210, 220, 230, 240, 245})  # published, bids window not closed
REVIEW = frozenset({250, 260, 270, 280, 285, 290, 295, 300, 310, 320, 325, 330, 440, 444, 445,
                    450, 460, 510, 520, 530, 540, 550})  # window closed: review, appeal, control
DONE = frozenset({350, 360})  # completed / held: results published
FAILED = frozenset({370})  # не состоялась
CANCELLED = frozenset({410, 430})  # refusal of the lot / cancelled
PAUSED = frozenset({420})  # suspended: nothing beyond announced

# ref_contract_status
PENDING = frozenset({110, 115, 120, 125, 130, 131, 135, 160, 165})
IN_FORCE = frozenset({185, 190, 310, 315, 345, 375, 390, 450, 455, 456, 460, 464, 465, 470})
TERMINATED = frozenset({340, 350, 462, 463, 480})
NOT_CONCLUDED = frozenset({330, 410, 420, 430, 461})
DELETED = ("1", "true")  # the ``deleted`` / ``is_deleted`` flags of contracts, units, acts
APPROVED_ACT = "15"  # ``status_id`` of an approved acceptance act («утвержден»)
#: the reference table of each code field, for the names of codes in messages
CODE_TABLES = {"ref_trade_methods_id": "ref_trade_methods",
               "fakt_trade_methods_id": "ref_trade_methods",
               "ref_buy_status_id": "ref_buy_status", "ref_lot_status_id": "ref_lots_status",
               "ref_contract_status_id": "ref_contract_status"}


@dataclass
class Derived:
    """What the portal says about the register lots (proposals, never written)."""

    events: pd.DataFrame
    payments: pd.DataFrame
    ignored: pd.DataFrame  # kind, reason (other_customer | unlinked), records
    links: pd.DataFrame  # lot, kind, portal_id
    treasury: pd.DataFrame  # lot, contract_id, dt_reg
    penalties: pd.DataFrame  # lot, act_id, contract_id, date, sum_fine, sum_fine_minor, …
    unreliable: pd.DataFrame  # supplier_bin, supplier_name, lots
    problems: list[Problem] = field(default_factory=list)

    @property
    def unreliable_bins(self) -> set[str]:
        return set(self.unreliable["supplier_bin"])

    def ignored_count(self, reason: str | None = None, kind: str | None = None) -> int:
        rows = self.ignored
        if reason is not None:
            rows = rows.loc[rows["reason"] == reason]
        if kind is not None:
            rows = rows.loc[rows["kind"] == kind]
        return int(rows["records"].sum())


def derive(portal: PortalData, lots: pd.DataFrame, customer_bin: str | None = None) -> Derived:
    """Proposed events and payments of the register ``lots`` from the ``portal`` data.

    ``lots`` has the register's columns ``lot, activity, method, estimate_minor, currency,
    portal_number, portal_lot`` and ``source`` (RB | UNICEF); a ``valid`` column, when
    present, keeps only valid lots; ``_file``/``_row`` locate problems of a lot.
    """
    return _Deriver(portal, lots, customer_bin).run()


# --- helpers -------------------------------------------------------------------------------


def _code(text: object) -> int | None:
    try:
        return int(str(text).strip())
    except ValueError:
        return None


def _present(value: object) -> bool:
    """An id-like value that names something (not empty, not 0)."""
    text = str(value).strip() if value is not None else ""
    return text not in ("", "0")


def _id_order(value: str) -> tuple[int, str]:
    return (len(value), value)  # numeric ids in numeric order, others after by text


def _day(value: object) -> pd.Timestamp | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).normalize()


def _minor(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def _announcement_of(lot: dict) -> dict:
    """The announcement of a lot read from a lots-only answer (``/v3/lots``, GraphQL ``Lots``
    with a nested ``TrdBuy``): its number, dates and statuses as the lot carries them."""
    return {
        "id": lot["trd_buy_id"], "number_anno": lot["trd_buy_number_anno"],
        "publish_date": lot["trd_buy_publish_date"], "end_date": lot["trd_buy_end_date"],
        "itogi_date_public": lot["trd_buy_itogi_date_public"], "start_date": pd.NaT,
        "last_update_date": pd.NaT, "ref_buy_status_id": lot["trd_buy_ref_buy_status_id"],
        "ref_trade_methods_id": lot["trd_buy_ref_trade_methods_id"],
        "customer_bin": lot["customer_bin"], "org_bin": lot["trd_buy_org_bin"],
        "parent_id": lot["trd_buy_parent_id"], "count_lots": "",
        "_file": lot["_file"], "_record": lot["_record"], "_path": lot["_path"],
        "_key": lot["trd_buy_id"], "name_ru": "", "total_sum": "",
    }


def _rows(frame: pd.DataFrame) -> list[dict]:
    return frame.to_dict("records")


@dataclass
class _Candidate:
    """A derived event before the lifecycle check."""

    date: pd.Timestamp
    status: str
    portal_id: str
    record: dict
    amount: int | None = None
    bids: int | None = None
    supplier: str = ""
    supplier_bin: str = ""
    document: str = ""


class _Deriver:
    def __init__(self, portal: PortalData, lots: pd.DataFrame, customer_bin: str | None):
        self.portal = portal
        self.customer_bin = (customer_bin or "").strip() or None
        self.problems: list[Problem] = []
        self.register = self._register(lots)
        self.other: dict[str, set[str]] = {}
        self.used: dict[str, set[str]] = defaultdict(set)
        self.claimed_lots: dict[str, str] = {}  # portal lot id -> register lot
        self.events: list[dict] = []
        self.payments: list[dict] = []
        self.links: list[dict] = []
        self.treasury: list[dict] = []
        self.penalties: list[dict] = []

    # --- inputs ----------------------------------------------------------------------------

    @staticmethod
    def _register(lots: pd.DataFrame) -> pd.DataFrame:
        frame = lots.copy()
        if "valid" in frame:
            frame = frame.loc[frame["valid"].fillna(False).astype(bool)]
        for column, default in (("portal_number", ""), ("portal_lot", ""),
                                ("portal_contract", ""), ("currency", "KZT"),
                                ("source", ""), ("activity", ""), ("method", "")):
            if column not in frame:
                frame[column] = default
            frame[column] = frame[column].fillna(default).astype("str").str.strip()
        frame["currency"] = frame["currency"].replace("", "KZT").str.upper()
        frame["lot"] = frame["lot"].fillna("").astype("str").str.strip()
        return frame.loc[frame["lot"] != ""]

    def _scope(self) -> None:
        """Split every kind into ours and other customers' (``self.other``)."""
        p, bin_ = self.portal, self.customer_bin
        self.anns = p.announcements
        self.plots = p.lots
        self.contracts = p.contracts
        if bin_ is None:
            self.other = {kind: set() for kind in ("announcements", "lots", "contracts",
                                                   "contract_units", "acts",
                                                   "treasury_payments", "bids")}
            return
        lots_ours = self.plots["customer_bin"].isin(["", bin_])
        anns = self.anns
        anns_ours = ((anns["customer_bin"] == bin_)
                     | ((anns["customer_bin"] == "") & anns["org_bin"].isin(["", bin_]))
                     | anns["id"].isin(self.plots.loc[lots_ours & (self.plots["customer_bin"]
                                                                    == bin_), "trd_buy_id"]))
        # a lot without a customer BIN belongs to its announcement's customer
        lots_ours &= ~((self.plots["customer_bin"] == "")
                       & self.plots["trd_buy_id"].isin(anns.loc[~anns_ours, "id"]))
        contracts_ours = self.contracts["customer_bin"].isin(["", bin_])
        other_contracts = set(self.contracts.loc[~contracts_ours, "id"])
        other_lots = set(self.plots.loc[~lots_ours, "id"])
        other_anns = set(anns.loc[~anns_ours, "id"])
        bids = p.bids
        self.other = {
            "announcements": other_anns,
            "lots": other_lots,
            "contracts": other_contracts,
            "contract_units": set(p.contract_units.loc[
                p.contract_units["contract_id"].isin(other_contracts), "_key"]),
            "acts": set(p.acts.loc[p.acts["contract_id"].isin(other_contracts)
                                   | p.acts["contract_root_id"].isin(other_contracts), "_key"]),
            "treasury_payments": set(p.treasury_payments.loc[
                p.treasury_payments["contract_id"].isin(other_contracts), "_key"]),
            "bids": set(bids.loc[bids["lot_id"].isin(other_lots)
                                 | ((bids["lot_id"] == "") & bids["buy_id"].isin(other_anns)),
                                 "_key"]),
        }
        self.anns = anns.loc[anns_ours]
        self.plots = self.plots.loc[lots_ours]
        self.contracts = self.contracts.loc[contracts_ours]

    def _index(self) -> None:
        self.ann_by_id = {r["id"]: r for r in _rows(self.anns)}
        for r in _rows(self.plots):  # lots-only answers: the announcement nested in the lot
            if _present(r["trd_buy_id"]) and r["trd_buy_id"] not in self.ann_by_id \
                    and r["trd_buy_number_anno"]:
                self.ann_by_id[r["trd_buy_id"]] = _announcement_of(r)
        self.ann_by_number: dict[str, str] = {}
        for r in self.ann_by_id.values():
            self.ann_by_number.setdefault(r["number_anno"], r["id"])
        self.lots_by_ann: dict[str, list[dict]] = defaultdict(list)
        self.lots_by_number: dict[str, list[dict]] = defaultdict(list)
        for r in _rows(self.plots):
            self.lots_by_ann[r["trd_buy_id"]].append(r)
            self.lots_by_number[r["lot_number"]].append(r)
        self.children: dict[str, list[str]] = defaultdict(list)
        for r in self.ann_by_id.values():
            if _present(r["parent_id"]):
                self.children[r["parent_id"]].append(r["id"])
        self.contract_by_id = {r["id"]: r for r in _rows(self.contracts)
                               if r["deleted"] not in DELETED}
        self.contract_by_number: dict[str, str] = {}
        for r in self.contract_by_id.values():
            for number in (r["contract_number_sys"], r["id"]):
                if number:
                    self.contract_by_number.setdefault(number, r["id"])
        self.subjects = self.portal.subject_names()
        self.roots: dict[str, list[dict]] = defaultdict(list)
        for r in self.contract_by_id.values():
            self.roots[self._root(r)].append(r)
        units = self.portal.contract_units
        units = units.loc[~units["deleted"].isin(DELETED)]
        self.units_by_lot: dict[str, set[str]] = defaultdict(set)
        self.unit_contracts: set[str] = set(units.loc[units["lot_id"].map(_present),
                                                      "contract_id"])
        for lot_id, contract_id in zip(units["lot_id"], units["contract_id"], strict=True):
            if _present(lot_id):
                self.units_by_lot[lot_id].add(contract_id)
        self.units_of_contract: dict[str, list[dict]] = defaultdict(list)
        for r in _rows(units):
            self.units_of_contract[r["contract_id"]].append(r)
        self.contracts_by_ann: dict[str, list[str]] = defaultdict(list)
        for r in self.contract_by_id.values():
            if _present(r["trd_buy_id"]):
                self.contracts_by_ann[r["trd_buy_id"]].append(r["id"])
        bids = self.portal.bids
        self.apps_by_lot: dict[str, set[str]] = defaultdict(set)
        self.bid_keys_by_lot: dict[str, set[str]] = defaultdict(set)
        for lot_id, app_id, key in zip(bids["lot_id"], bids["app_id"], bids["_key"], strict=True):
            self.apps_by_lot[lot_id].add(app_id or key)
            self.bid_keys_by_lot[lot_id].add(key)
        self.acts_by_contract: dict[str, list[dict]] = defaultdict(list)
        for r in _rows(self.portal.acts):
            self.acts_by_contract[r["contract_id"]].append(r)
            if _present(r["contract_root_id"]) and r["contract_root_id"] != r["contract_id"]:
                self.acts_by_contract[r["contract_root_id"]].append(r)
        self.payments_by_contract: dict[str, list[dict]] = defaultdict(list)
        for r in _rows(self.portal.treasury_payments):
            self.payments_by_contract[r["contract_id"]].append(r)

    def _root(self, record: dict) -> str:
        if _present(record["root_id"]):
            return record["root_id"]
        current, seen = record, set()
        while _present(current["parent_id"]) and current["parent_id"] not in seen:
            seen.add(current["parent_id"])
            parent = self.contract_by_id.get(current["parent_id"])
            if parent is None:
                return current["parent_id"]
            if _present(parent["root_id"]):
                return parent["root_id"]
            current = parent
        return current["id"]

    # --- run -------------------------------------------------------------------------------

    def run(self) -> Derived:
        self._scope()
        self._index()
        plans = []
        self.numbers = {n: lot for n, lot in zip(self.register["portal_number"],
                                                  self.register["lot"], strict=True) if n}
        for lot in _rows(self.register):
            plan = None
            if lot["portal_number"] or lot["portal_lot"]:
                plan = self._link(lot)
            if lot["portal_contract"]:
                root = self._link_contract(lot)
                if root is not None:
                    plan = plan or {"lot": lot, "steps": [], "roots": []}
                    plan["direct"] = root
            if plan is not None:
                plans.append(plan)
        self._contracts_for(plans)
        for plan in plans:
            self._derive_lot(plan)
        return Derived(
            events=self._events_frame(),
            payments=self._payments_frame(),
            ignored=self._ignored(),
            links=pd.DataFrame(self.links, columns=["lot", "kind", "portal_id"]),
            treasury=pd.DataFrame(self.treasury, columns=["lot", "contract_id", "dt_reg"]),
            penalties=self._penalties_frame(),
            unreliable=self._unreliable(),
            problems=self.problems,
        )

    # --- linking ---------------------------------------------------------------------------

    def _lot_problem(self, severity: str, lot: dict, key: str, value: str,
                     **params: object) -> None:
        file = lot.get("_file") or "procurement/lots"
        row = lot.get("_row")
        row = None if row is None or pd.isna(row) else int(row)
        column = "portal_lot" if key in ("portal.lot_not_found", "portal.lot_ambiguous",
                                         "portal.lot_link_not_found") \
            else "portal_contract" if key == "portal.contract_not_found" else "portal_number"
        self.problems.append(Problem(severity, file, row, column, value, key,
                                     {"lot": lot["lot"], "record": "—", **params}))

    def _record_problem(self, severity: str, record: dict, key: str, value: str | None,
                        column: str | None = None, **params: object) -> None:
        row = record.get("_record")
        row = None if row is None or pd.isna(row) else int(row)
        self.problems.append(Problem(severity, record.get("_file", ""), row, column, value,
                                     key, {"record": record.get("_path", "—"), **params}))

    def _link(self, lot: dict) -> dict | None:
        number, wanted = lot["portal_number"], lot["portal_lot"]
        start = self.ann_by_number.get(number) if number else None
        if start is None and number:
            found = [r for rows in self.lots_by_ann.values() for r in rows
                     if r["trd_buy_number_anno"] == number]
            start = found[0]["trd_buy_id"] if found else None
        if start is None and wanted and self.lots_by_number.get(wanted):
            start = self.lots_by_number[wanted][0]["trd_buy_id"]
        if start is None or start not in self.ann_by_id:
            if number:
                self._lot_problem(WARNING, lot, "portal.link_not_found", number)
            else:  # linked by its portal lot only: name it as a lot
                self._lot_problem(WARNING, lot, "portal.lot_link_not_found", wanted)
            return None
        steps: list[tuple[dict, dict | None]] = []
        reference: dict | None = None
        for ann_id in self._chain(start, lot["lot"]):
            ann = self.ann_by_id[ann_id]
            here = self.lots_by_ann.get(ann_id, [])
            picked = self._pick(lot, ann, here, wanted, reference, ann_id == start)
            if picked is False or picked is True:
                if ann_id == start:
                    return None
                continue
            plot = picked
            if plot is not None:
                other = self.claimed_lots.get(plot["id"])
                if other is not None and other != lot["lot"]:
                    self._lot_problem(ERROR, lot, "portal.claimed_twice", plot["lot_number"],
                                      other=other)
                    continue
                self.claimed_lots[plot["id"]] = lot["lot"]
                reference = reference or plot
                self.used["lots"].add(plot["id"])
                self.links.append({"lot": lot["lot"], "kind": "lot", "portal_id": plot["id"]})
            self.used["announcements"].add(ann_id)
            self.links.append({"lot": lot["lot"], "kind": "announcement", "portal_id": ann_id})
            steps.append((ann, plot))
        if not steps:
            return None
        return {"lot": lot, "steps": steps, "roots": []}

    def _link_contract(self, lot: dict) -> str | None:
        """The contract a lot names in ``portal_contract`` (its ``contract_number_sys`` or id;
        a direct contract has no announcement to link by): the root of its records."""
        number = lot["portal_contract"]
        found = self.contract_by_number.get(number)
        if found is None:
            self._lot_problem(WARNING, lot, "portal.contract_not_found", number)
            return None
        return self._root(self.contract_by_id[found])

    def _chain(self, start: str, lot: str) -> list[str]:
        """The announcement and its repeats (``parent_id``, both ways), by publication; an
        announcement another register lot names (``portal_number``) ends the chain there."""

        def mine(ann_id: str) -> bool:
            return self.numbers.get(self.ann_by_id[ann_id]["number_anno"], lot) == lot

        first, seen = start, {start}
        while True:
            parent = self.ann_by_id[first]["parent_id"]
            if (not _present(parent) or parent in seen or parent not in self.ann_by_id
                    or not mine(parent)):
                break
            seen.add(parent)
            first = parent
        chain, queue = [], [first]
        seen = {first}
        while queue:
            current = queue.pop(0)
            chain.append(current)
            for child in self.children.get(current, []):
                if child not in seen and mine(child):
                    seen.add(child)
                    queue.append(child)

        def order(ann_id: str) -> tuple:
            published = self.ann_by_id[ann_id]["publish_date"]
            return (pd.isna(published), published if not pd.isna(published) else 0,
                    _id_order(ann_id))

        return sorted(chain, key=order)

    def _pick(self, lot: dict, ann: dict, here: list[dict], wanted: str,
              reference: dict | None, is_start: bool) -> dict | bool | None:
        """The portal lot of ``ann`` for the register lot; None: announcement level only;
        False: a problem was reported, skip."""
        if wanted:
            hits = [r for r in here if r["lot_number"] == wanted]
            if hits:
                return hits[0]
            if is_start:
                if not here and not self.lots_by_number.get(wanted):
                    return None  # no lot records at all: announcement level
                self._lot_problem(ERROR, lot, "portal.lot_not_found", wanted,
                                  number=ann["number_anno"])
                return False
        if len(here) <= 1 and (is_start or not wanted or reference is None):
            return here[0] if here else None
        if not is_start and reference is not None:
            points = set(filter(None, reference.get("point_list", "").split(",")))
            shared = [r for r in here if points & set(filter(None, r["point_list"].split(",")))]
            if len(shared) == 1:
                return shared[0]
            if len(here) == 1:
                return here[0]
            self._lot_problem(WARNING, lot, "portal.repeat_ambiguous", ann["number_anno"],
                              portal_lot=reference["lot_number"])
            return False
        self._lot_problem(ERROR, lot, "portal.lot_ambiguous", ann["number_anno"],
                          count=len(here))
        return False

    def _contracts_for(self, plans: list[dict]) -> None:
        """Attach contract roots to each linked lot; a root claimed twice goes to nobody."""
        claims: dict[str, list[dict]] = defaultdict(list)
        for plan in plans:
            lot_ids = {plot["id"] for _, plot in plan["steps"] if plot is not None}
            roots: set[str] = set()
            for lot_id in lot_ids:
                for contract_id in self.units_by_lot.get(lot_id, ()):
                    record = self.contract_by_id.get(contract_id)
                    if record is not None:
                        roots.add(self._root(record))
            for ann, _ in plan["steps"]:
                for contract_id in self.contracts_by_ann.get(ann["id"], []):
                    root = self._root(self.contract_by_id[contract_id])
                    if root in roots:
                        continue
                    chain_ids = {r["id"] for r in self.roots[root]}
                    if chain_ids & self.unit_contracts:
                        continue  # its units name other lots
                    if len(self.lots_by_ann.get(ann["id"], [])) <= 1:
                        roots.add(root)
                    else:
                        self._lot_problem(WARNING, plan["lot"], "portal.contract_ambiguous",
                                          self.contract_by_id[contract_id]["id"])
            if plan.get("direct"):
                roots.add(plan["direct"])
            for root in roots:
                claims[root].append(plan)
        for root, owners in claims.items():
            if len(owners) > 1:
                record = self.roots[root][0]
                self._record_problem(ERROR, record, "portal.contract_shared", root,
                                     lots=", ".join(p["lot"]["lot"] for p in owners))
                continue
            owners[0]["roots"].append(root)

    # --- events ----------------------------------------------------------------------------

    def _derive_lot(self, plan: dict) -> None:
        lot = plan["lot"]
        candidates: list[_Candidate] = []
        chains = [self._contract_chain(root) for root in plan["roots"]]
        chains = [c for c in chains if c]
        chains.sort(key=lambda c: (pd.isna(c[0]["sign_date"]), _id_order(c[0]["id"])))
        first_contract = chains[0][0] if chains else None
        for index, (ann, plot) in enumerate(plan["steps"]):
            is_last = index == len(plan["steps"]) - 1
            candidates += self._tender(lot, ann, plot, first_contract if is_last else None)
        for chain in chains:
            candidates += self._contract(lot, chain)
        self._replay(lot, candidates)

    def _tender(self, lot: dict, ann: dict, plot: dict | None,
                contract: dict | None) -> list[_Candidate]:
        out: list[_Candidate] = []
        record = plot if plot is not None and plot.get("ref_lot_status_id") else ann
        status_text = record.get("ref_lot_status_id") or ann.get("ref_buy_status_id", "")
        self._check_method(lot, ann, plot)
        published = _day(ann.get("publish_date"))
        ann_id = ann["id"]
        if published is None and _code(status_text) in DRAFT:
            return out  # not published yet: nothing to derive, nothing missing
        if published is None:
            self._record_problem(ERROR, ann, "portal.missing_date", ann.get("number_anno"),
                                 "publish_date", lot=lot["lot"], status=Label("stage.announced"),
                                 field="publish_date")
            return out
        out.append(_Candidate(published, "announced", f"trd_buy:{ann_id}:announced", ann,
                              document=ann.get("number_anno", "")))
        code = _code(status_text)
        known = code is not None and code in (DRAFT | OPEN | REVIEW | DONE | FAILED | CANCELLED
                                              | PAUSED)
        if status_text and not known:
            field = "ref_lot_status_id" if record is plot else "ref_buy_status_id"
            self._record_problem(WARNING, record, "portal.unknown_status", status_text, field,
                                 name=self._code_name(record, field))
            return out
        bids = self._bids(plot, ann)
        if code in CANCELLED:
            when, source = self._first_date((plot, "last_update_date"),
                                             (ann, "last_update_date"),
                                             (ann, "itogi_date_public"))
            if when is None:
                self._missing(lot, record, "cancelled", "last_update_date")
            else:
                out.append(_Candidate(when, "cancelled", f"trd_buy:{ann_id}:cancelled",
                                      source, document=ann.get("number_anno", "")))
            return out
        past_window = code in REVIEW | DONE | FAILED or contract is not None
        if not past_window:
            return out
        window_end = _day(ann.get("end_date"))
        if window_end is None:  # the window's end, else the results, else the signing day
            window_end, _, _ = self._fallback(
                lot, ann, "evaluation", "end_date",
                (ann, "itogi_date_public"), (contract, "trd_buy_itogi_date_public"),
                (contract, "sign_date"))
        if window_end is not None:
            out.append(_Candidate(window_end, "evaluation", f"trd_buy:{ann_id}:evaluation", ann,
                                  bids=bids))
        if code in FAILED:
            when, source = self._first_date((ann, "itogi_date_public"), (ann, "end_date"))
            if when is None:
                self._missing(lot, ann, "unsuccessful", "itogi_date_public")
            else:
                out.append(_Candidate(when, "unsuccessful", f"trd_buy:{ann_id}:unsuccessful",
                                      source, bids=bids, document=ann.get("number_anno", "")))
            return out
        if code in DONE or contract is not None:
            when = _day(ann.get("itogi_date_public"))
            source = ann
            if when is None:  # results not in the listing: the contract's copy, its signing
                when, source, _ = self._fallback(
                    lot, ann, "awarded", "itogi_date_public",
                    (contract, "trd_buy_itogi_date_public"), (contract, "sign_date"))
            if when is not None:
                supplier_bin = contract["supplier_biin"] if contract else ""
                out.append(_Candidate(when, "awarded", f"trd_buy:{ann_id}:awarded", source,
                                      bids=bids, supplier_bin=supplier_bin,
                                      supplier=self._supplier_name(contract),
                                      document=ann.get("number_anno", "")))
        return out

    def _check_method(self, lot: dict, ann: dict, plot: dict | None) -> None:
        plot = plot or {}
        for record, name in ((plot, "ref_buy_trade_methods_id"), (ann, "ref_trade_methods_id"),
                             (plot, "ref_trade_methods_id")):
            if record.get(name):
                self._compare_method(lot, record, name)
                return

    def _compare_method(self, lot: dict, record: dict, field: str) -> None:
        """The portal's method of a lot (``field`` of ``record``) against the register's: an
        unknown code, or one the register has no method for, is a warning naming it."""
        text = record[field]
        code = _code(text)
        method = METHODS.get(code if code is not None else -1)
        if method is None:
            key = "portal.other_method" if code in OTHER_METHODS else "portal.unknown_method"
            self._record_problem(WARNING, record, key, text, field,
                                 name=self._code_name(record, field))
        elif lot["method"] and method != lot["method"]:
            self._lot_problem(WARNING, lot, "portal.method_differs", method,
                              method=lot["method"])

    def _code_name(self, record: dict, field: str) -> str:
        """The name of a code as the answer gives it (``Ref… {nameRu}`` flattened next to the
        code), else from a reference table read with the answers, else «—»."""
        own = record.get(field.removesuffix("_id") + "_name_ru", "")
        if own:
            return own
        table = CODE_TABLES.get(field)
        named = self.portal.names(table).get(record.get(field, ""), "") if table else ""
        return named or "—"

    def _bids(self, plot: dict | None, ann: dict) -> int | None:
        if plot is not None:
            apps = self.apps_by_lot.get(plot["id"])
            if apps:
                self.used["bids"] |= self.bid_keys_by_lot[plot["id"]]
                return len(apps)
            return None
        return None

    def _first_date(self, *sources: tuple[dict | None, str]) -> tuple[pd.Timestamp | None, dict]:
        for record, column in sources:
            if record is not None and column in record:
                day = _day(record[column])
                if day is not None:
                    return day, record
        return None, {}

    def _fallback(self, lot: dict, record: dict, status: str, column: str,
                  *sources: tuple[dict | None, str]) -> tuple[pd.Timestamp | None, dict, str]:
        """``column`` of ``record`` is empty: the first date of ``sources`` stands in for it,
        with a warning naming the record, the field and the date used; none: a problem."""
        for source, used in sources:
            if source is None:
                continue
            day = _day(source.get(used))
            if day is not None:
                self._record_problem(
                    WARNING, record, "portal.date_fallback", day.date().isoformat(), column,
                    lot=lot["lot"], status=Label(f"stage.{status}"), field=column,
                    used=used, source=source.get("_path") or source.get("id", ""))
                return day, source, used
        self._missing(lot, record, status, column)
        return None, {}, ""

    def _missing(self, lot: dict, record: dict, status: str, column: str) -> None:
        self._record_problem(ERROR, record, "portal.missing_date", "", column, lot=lot["lot"],
                             status=Label(f"stage.{status}"), field=column)

    def _supplier_name(self, contract: dict | None) -> str:
        if contract is None:
            return ""
        for name in ("supplier_name_ru", "supplier_full_name_ru"):
            if contract.get(name):
                return contract[name]
        if self.subjects.get(contract.get("supplier_biin", "")):
            return self.subjects[contract["supplier_biin"]]
        for record in self.roots.get(self._root(contract), []):
            for payment in self.payments_by_contract.get(record["id"], []):
                if payment.get("supplier"):
                    return payment["supplier"]
        return ""

    def _contract_chain(self, root: str) -> list[dict]:
        chain = self.roots.get(root, [])
        return sorted(chain, key=lambda r: (pd.isna(r["sign_date"]),
                                            r["sign_date"] if not pd.isna(r["sign_date"]) else 0,
                                            _id_order(r["id"])))

    def _contract(self, lot: dict, chain: list[dict]) -> list[_Candidate]:
        root = self._root(chain[0])
        chain_ids = {r["id"] for r in chain}
        self.used["contracts"] |= chain_ids
        for r in chain:
            self.links.append({"lot": lot["lot"], "kind": "contract", "portal_id": r["id"]})
            self.used["contract_units"] |= {u["_key"] for u in self.units_of_contract[r["id"]]}
        latest = max(chain, key=lambda r: (r["last_update_date"] if not pd.isna(
            r["last_update_date"]) else pd.Timestamp.min, _id_order(r["id"])))
        latest_code = _code(latest["ref_contract_status_id"])
        all_codes = PENDING | IN_FORCE | TERMINATED | NOT_CONCLUDED
        if latest["ref_contract_status_id"] and latest_code not in all_codes:
            self._record_problem(WARNING, latest, "portal.unknown_status",
                                 latest["ref_contract_status_id"], "ref_contract_status_id",
                                 name=self._code_name(latest, "ref_contract_status_id"))
        first_record = chain[0]
        if first_record.get("fakt_trade_methods_id") and not _present(
                first_record.get("trd_buy_id")):  # a direct contract says how it was bought
            self._compare_method(lot, first_record, "fakt_trade_methods_id")
        if latest_code in NOT_CONCLUDED:
            self._record_problem(WARNING, latest, "portal.contract_not_concluded",
                                 latest["contract_number_sys"] or latest["id"],
                                 "ref_contract_status_id", lot=lot["lot"],
                                 status=latest["ref_contract_status_id"])
            return []
        currency = next((r["ref_currency_code"].upper() for r in chain
                         if r["ref_currency_code"]), "")
        if currency and currency != lot["currency"]:
            self._record_problem(ERROR, chain[0], "portal.currency_mismatch", currency,
                                 "ref_currency_code", lot=lot["lot"], currency=lot["currency"])
            return []
        out: list[_Candidate] = []
        in_force: list[tuple[pd.Timestamp, int]] = []
        for record in chain:
            signed = _day(record["sign_date"])
            code = _code(record["ref_contract_status_id"])
            if signed is None:
                if code not in PENDING | NOT_CONCLUDED:
                    self._missing(lot, record, "contracted", "sign_date")
                continue
            if code in NOT_CONCLUDED and record is not latest:
                continue
            amount = self._amount(lot, record)
            if amount is None:
                self._record_problem(ERROR, record, "portal.missing_amount",
                                     record["contract_number_sys"] or record["id"],
                                     "contract_sum", lot=lot["lot"])
                continue
            status = "contracted" if not in_force else "amended"
            first = not in_force
            in_force.append((signed, amount))
            out.append(_Candidate(
                signed, status, f"contract:{record['id']}", record, amount=amount,
                supplier=self._supplier_name(record) if first else "",
                supplier_bin=record["supplier_biin"] if first else "",
                document=record["contract_number_sys"] or record["contract_number"]))
        if not in_force:
            return out
        out += self._delivery(lot, root, chain_ids)
        out += self._payments(lot, root, chain, in_force)
        if latest_code in TERMINATED:
            when, source = self._first_date((latest, "contract_end_date"),
                                            (latest, "last_update_date"))
            if when is None:
                self._missing(lot, latest, "terminated", "contract_end_date")
            else:
                out.append(_Candidate(when, "terminated", f"contract:{root}:terminated", source,
                                      document=latest["contract_number_sys"]))
        return out

    def _amount(self, lot: dict, record: dict) -> int | None:
        """The amount in force of a contract record, with VAT: ``contract_sum_wnds``; without
        it, ``contract_sum`` when the contract has no VAT (``with_nds`` 0), else the sum of its
        units with VAT, else ``contract_sum`` (without VAT) — these last two with a warning
        that names the amount used. Treasury payments (with VAT) reach an amount without VAT
        sooner, never later, so a paid contract is never left short of ``paid`` for VAT."""
        with_vat = _minor(record["contract_sum_wnds_minor"])
        if with_vat:
            return with_vat
        without = _minor(record["contract_sum_minor"])
        if record.get("with_nds") == "0":
            return without
        units = self.units_of_contract.get(record["id"], [])
        sums = [_minor(u.get("total_sum_wnds_minor")) for u in units]
        number = record["contract_number_sys"] or record["id"]
        if units and all(sums):
            total = sum(s for s in sums if s)
            self._record_problem(WARNING, record, "portal.amount_from_units", minor_text(total),
                                 "contract_sum_wnds", lot=lot["lot"], contract=number)
            return total
        if without is not None:
            self._record_problem(WARNING, record, "portal.amount_without_vat",
                                 minor_text(without), "contract_sum_wnds", lot=lot["lot"],
                                 contract=number)
        return without

    def _delivery(self, lot: dict, root: str, chain_ids: set[str]) -> list[_Candidate]:
        acts = {a["_key"]: a for c in sorted(chain_ids | {root})
                for a in self.acts_by_contract.get(c, [])}.values()
        valid = []
        for act in acts:
            self.used["acts"].add(act["_key"])
            if act["is_deleted"] in DELETED or not pd.isna(act["revoke_date"]):
                continue
            if (act["status_id"] and act["status_id"] != APPROVED_ACT) or (
                    not act["status_id"] and pd.isna(act["approve_date"])):
                continue  # a draft, revoked or otherwise unapproved act is no delivery
            when = _day(act["approve_date"]) or _day(act["akt_date"])
            fine = _minor(act["sum_fine_minor"])
            overdue = _code(act["day_overdue"])
            if fine or overdue:
                self.penalties.append({
                    "lot": lot["lot"], "act_id": act["id"], "contract_id": act["contract_id"],
                    "date": when, "sum_fine": minor_text(fine) if fine else "",
                    "sum_fine_minor": fine, "day_overdue": overdue})
            if when is None:
                self._missing(lot, act, "delivered", "approve_date")
                continue
            valid.append((when, _id_order(act["id"]), act))
        if not valid:
            return []
        when, _, act = min(valid, key=lambda v: (v[0], v[1]))
        return [_Candidate(when, "delivered", f"act:{act['id']}", act,
                           document=act["number_act"])]

    def _payments(self, lot: dict, root: str, chain: list[dict],
                  in_force: list[tuple[pd.Timestamp, int]]) -> list[_Candidate]:
        records = [p for r in chain for p in self.payments_by_contract.get(r["id"], [])]
        records.sort(key=lambda p: (pd.isna(p["pay_date"]),
                                    p["pay_date"] if not pd.isna(p["pay_date"]) else 0,
                                    _id_order(p["_key"])))
        registrations = [p["dt_reg"] for p in records if not pd.isna(p["dt_reg"])]
        if registrations:
            self.treasury.append({"lot": lot["lot"], "contract_id": root,
                                  "dt_reg": min(registrations).normalize()})
        if records and lot["source"] == "UNICEF":
            self._lot_problem(WARNING, lot, "portal.unicef_treasury", lot["activity"])
        out: list[_Candidate] = []
        total, paid = 0, False
        for payment in records:
            self.used["treasury_payments"].add(payment["_key"])
            amount = _minor(payment["pay_amount_minor"])
            paid_on = _day(payment["pay_date"])
            if amount is None or paid_on is None:
                if paid_on is None:
                    self._missing(lot, payment, "paid", "pay_date")
                else:
                    self._record_problem(ERROR, payment, "portal.missing_amount",
                                         payment["_key"], "pay_amount", lot=lot["lot"])
                continue
            if amount < 0:
                self._record_problem(WARNING, payment, "portal.negative_payment",
                                     minor_text(amount), "pay_amount", lot=lot["lot"])
                continue
            self._payment_row(lot, payment, amount, paid_on)
            before = total
            total += amount
            force = [a for d, a in in_force if d <= paid_on] or [in_force[0][1]]
            if not paid and before < force[-1] <= total:
                paid = True
                out.append(_Candidate(paid_on, "paid", f"contract:{root}:paid", payment,
                                      amount=None, document=payment["ppn"]
                                      or payment["check_number"]))
        return out

    def _payment_row(self, lot: dict, payment: dict, amount: int, paid_on: pd.Timestamp) -> None:
        if payment["id"]:
            pid = f"GZ-{payment['id']}"
        else:
            pid = f"GZ-{payment['nom_za']}-{paid_on.date().isoformat()}"
        espk = payment["espk"].strip()
        self.payments.append({
            "id": pid, "date": paid_on.date().isoformat(), "activity": lot["activity"],
            "source": lot["source"], "specifics": espk[-3:] if espk else "",
            "amount": minor_text(amount), "currency": "KZT", "payee": payment["supplier"],
            "document": payment["ppn"] or payment["check_number"], "contract": lot["lot"],
            "refund_of": "", "note": "", "portal_id": f"treasury_pay:{pid[3:]}",
            "amount_minor": amount, "_file": payment["_file"], "_record": payment["_record"]})

    def _replay(self, lot: dict, candidates: list[_Candidate]) -> None:
        order = sorted(range(len(candidates)), key=lambda i: (candidates[i].date, i))
        stage = START
        for i in order:
            event = candidates[i]
            choices = allowed(stage, lot["method"])
            if event.status not in choices:
                self._record_problem(
                    ERROR, event.record, "portal.lifecycle_refused", event.status, None,
                    lot=lot["lot"], portal_id=event.portal_id,
                    date=event.date.date().isoformat(), step=Label(f"stage.{event.status}"),
                    stage=Label(f"stage.{stage or 'none'}"), allowed=Stages(choices))
                continue
            if event.status not in STEPS:
                stage = event.status
            self.events.append({
                "lot": lot["lot"], "date": event.date.date().isoformat(),
                "status": event.status, "amount": minor_text(event.amount),
                "bids": "" if event.bids is None else str(event.bids),
                "supplier": event.supplier, "supplier_bin": event.supplier_bin,
                "document": event.document, "note": "", "source": SOURCE,
                "portal_id": event.portal_id, "amount_minor": event.amount,
                "_file": event.record.get("_file", ""), "_record": event.record.get("_record")})

    # --- outputs ---------------------------------------------------------------------------

    def _events_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.events, columns=EVENT_COLUMNS + EVENT_EXTRA)
        frame["amount_minor"] = pd.array(frame["amount_minor"], dtype="Int64")
        frame["_record"] = pd.array(frame["_record"], dtype="Int64")
        return frame

    def _payments_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.payments, columns=PAYMENT_COLUMNS + PAYMENT_EXTRA)
        frame = frame.drop_duplicates("id", keep="first").reset_index(drop=True)
        frame["amount_minor"] = pd.array(frame["amount_minor"], dtype="Int64")
        frame["_record"] = pd.array(frame["_record"], dtype="Int64")
        return frame

    def _penalties_frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.penalties, columns=["lot", "act_id", "contract_id", "date",
                                                      "sum_fine", "sum_fine_minor",
                                                      "day_overdue"])
        frame["sum_fine_minor"] = pd.array(frame["sum_fine_minor"], dtype="Int64")
        frame["day_overdue"] = pd.array(frame["day_overdue"], dtype="Int64")
        return frame

    def _ignored(self) -> pd.DataFrame:
        p = self.portal
        frames = {"announcements": p.announcements, "lots": p.lots, "contracts": p.contracts,
                  "contract_units": p.contract_units, "acts": p.acts,
                  "treasury_payments": p.treasury_payments, "bids": p.bids}
        key_of = {"announcements": "id", "lots": "id", "contracts": "id"}
        rows = []
        for kind, frame in frames.items():
            keys = set(frame[key_of.get(kind, "_key")])
            other = self.other.get(kind, set()) & keys
            unlinked = keys - other - self.used[kind]
            rows.append({"kind": kind, "reason": "other_customer", "records": len(other)})
            rows.append({"kind": kind, "reason": "unlinked", "records": len(unlinked)})
        return pd.DataFrame(rows, columns=["kind", "reason", "records"])

    def _unreliable(self) -> pd.DataFrame:
        rnu = self.portal.rnu
        suppliers: dict[str, set[str]] = defaultdict(set)
        for event in self.events:
            if event["supplier_bin"]:
                suppliers[event["supplier_bin"]].add(event["lot"])
        rows = []
        for bin_, group in rnu.loc[rnu["supplier_biin"] != ""].groupby("supplier_biin",
                                                                         sort=True):
            names = [n for n in group["supplier_name_ru"] if n]
            rows.append({"supplier_bin": bin_, "supplier_name": names[0] if names else "",
                         "lots": ", ".join(sorted(suppliers.get(bin_, ())))})
        return pd.DataFrame(rows, columns=["supplier_bin", "supplier_name", "lots"])
