"""Treasury payments from the finance office's register file: the records the portal's
``TreasuryPay`` exposes, as CSV or XLSX with Russian headers.

:func:`import_treasury` reads the register (columns by their Russian or portal names: the
payment order's number ``ppn``, the payment date, the amount, ``func`` = АБП (3) + programme
(3) + subprogramme (3) digits, the specifics ``espk`` (``000131`` → ``131``), the supplier,
the source of funds, the contract's number, the Treasury's registration date) and appends the
payments to ``budget/payments.csv`` under its lock:

- the **activity** of a payment comes from its contract, when a register lot is linked to it
  (``portal_contract``, or the contract's number on the lot's «договор заключён» step, as
  ``import goszakup`` writes it): the lot's activity and source, and the lot as the payment's
  contract; else from ``budget/activity_map`` (programme / subprogramme / specifics →
  activity and share; a payment over several activities is split exactly, ``TR-<number>-1``,
  ``-2`` …); else the row is a problem naming it, and nothing is written for it;
- **idempotent** by the payment order's number: ``TR-<number>`` already in the payments file
  is not added again;
- the **same payment from the portal** (``import goszakup`` wrote it as ``GZ-…``, with the
  payment order as its document, the same day and amount) counts once: it is not added.

Rows with a bad date, amount or code are problems naming the file, the row and the column;
every valid row is still imported.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..config import DataDir
from ..core.checks import ERROR, Problem, from_mask
from ..core.schemas import PAYMENTS, Schema, col
from ..core.store import append_row, check_text, locked, register_file
from ..core.tables import find_header, read_grid
from ..core.values import minor_text, parse_amounts, parse_dates
from ..errors import RecordError, UserError
from ..ledger.ipf import activity_map, shares_of, split_by_shares
from ..ledger.load import read_input
from ..ledger.plan import load_plan
from ..procurement.load import load_events, load_lots

PREFIX = "TR-"
TREASURY = Schema("treasury", "budget", (
    col("number", "str", "номер платежа", "номер п/п", "№ п/п", "номер платежного поручения",
        "платежное поручение", "ppn", required=True),
    col("date", "str", "дата платежа", "дата оплаты", "pay_date", required=True),
    col("amount", "str", "сумма", "сумма платежа", "pay_amount", required=True),
    col("func", "str", "функциональная классификация", "фк", "func"),
    col("specifics", "str", "специфика", "экономическая классификация", "espk"),
    col("supplier", "str", "получатель", "поставщик", "supplier"),
    col("fin_source", "str", "источник финансирования", "fin_source"),
    col("contract", "str", "номер договора", "договор", "nom_dog", "contract_number_sys"),
    col("reg_date", "str", "дата регистрации", "dt_reg"),
    col("application", "str", "номер заявки", "nom_za"),
), "a Treasury payment register")
COLUMNS = ["id", "date", "activity", "source", "specifics", "amount", "currency", "payee",
           "document", "contract", "refund_of", "note", "abp", "program", "subprogram", "_row"]


@dataclass
class TreasuryImport:
    """What the import added, found there already (``already``), or as the portal's
    (``from_portal``), and the problems (rows not imported)."""

    added: pd.DataFrame
    already: int
    from_portal: int
    problems: list[Problem]
    dry_run: bool = False

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)


def import_treasury(data: DataDir, paths: list[str | Path], dry_run: bool = False,
                    ) -> TreasuryImport:
    """Import Treasury register files into ``budget/payments.csv`` (see the module)."""
    data.require()
    problems: list[Problem] = []
    rows: list[dict] = []
    for given in paths:
        path = Path(given)
        if not path.is_file():
            raise UserError("treasury.missing", path=path)
        frame = _table(path, problems)
        rows += _rows(frame, path.name, problems)
    plan = load_plan(data)
    lots = load_lots(data, plan).frame
    events = load_events(data, lots).frame
    by_contract = _contracts(lots, events)
    mapping = activity_map(data, problems)
    proposed: list[dict] = []
    for row in rows:
        target = by_contract.get(row["contract"]) if row["contract"] else None
        if target is not None:
            activity, source, lot = target
            proposed.append({**row, "id": PREFIX + row["number"], "activity": activity,
                             "source": source, "contract": lot})
            continue
        shares = shares_of(mapping, row["program"], row["subprogram"], row["specifics"])
        if not shares:
            problems.append(Problem(ERROR, row["_file"], row["_row"], "func", row["func"],
                                    "treasury.unmapped", {"contract": row["contract"] or "—",
                                                          "specifics": row["specifics"]}))
            continue
        activities = plan.by_id
        parts = split_by_shares(row["minor"], [s for _, s in shares])
        for k, ((activity, _), part) in enumerate(zip(shares, parts, strict=True), start=1):
            funding = activities[activity].funding if activity in activities else "RB"
            proposed.append({**row, "id": PREFIX + row["number"] + (
                f"-{k}" if len(shares) > 1 else ""), "activity": activity, "source": funding,
                "minor": part, "contract": ""})
    path = register_file(data.budget, "payments")
    added: list[dict] = []
    already = portal = 0
    with nullcontext() if dry_run else locked(path):
        existing, portal_keys = _existing(data)
        for row in proposed:
            if row["id"] in existing:
                already += 1
                continue
            if (row["number"], row["date"], row["whole_minor"]) in portal_keys:
                portal += 1
                continue
            try:
                check_text({"payee": row["supplier"], "id": row["id"]})
            except RecordError as exc:
                problems.append(Problem(ERROR, row["_file"], row["_row"], "supplier",
                                        row["supplier"], "portal.payment_refused",
                                        {"record": row["number"], "lot": row["contract"],
                                         "reason": str(exc)}))
                continue
            existing.add(row["id"])
            out = {"id": row["id"], "date": row["date"], "activity": row["activity"],
                   "source": row["source"], "specifics": row["specifics"],
                   "amount": minor_text(row["minor"]), "currency": "KZT",
                   "payee": row["supplier"], "document": row["number"],
                   "contract": row["contract"], "refund_of": "",
                   "note": row["func"], "abp": row["func"][:3],
                   "program": row["program"], "subprogram": row["subprogram"],
                   "_row": row["_row"]}
            added.append(out)
            if not dry_run:
                append_row(path, PAYMENTS, {c: str(out[c]) for c in PAYMENTS.columns
                                            if c in out})
    return TreasuryImport(pd.DataFrame(added, columns=COLUMNS), already, portal, problems,
                          dry_run)


def _table(path: Path, problems: list[Problem]) -> pd.DataFrame:
    """The register's rows below its header (a title block above it is skipped), the columns
    by their Russian or portal names, ``_row`` the file's own row number."""
    grid = read_grid(path)
    columns = [*TREASURY.columns, "_file", "_row"]
    if grid is None:
        problems.append(Problem(ERROR, path.name, None, None, path.name, "load.unreadable",
                                {}))
        return pd.DataFrame(columns=columns)
    found = find_header(grid, TREASURY.canonical, TREASURY.required)
    if found is None:
        problems.append(Problem(ERROR, path.name, 1, None, ", ".join(TREASURY.required),
                                "problem.missing_columns",
                                {"missing": ", ".join(TREASURY.required),
                                 "found": ", ".join(grid[0]) if grid else ""}))
        return pd.DataFrame(columns=columns)
    head, names = found
    position = {name: i for i, name in enumerate(names) if name}
    out = []
    for number, row in enumerate(grid[head + 1:], start=head + 2):
        if not any(cell.strip() for cell in row):
            continue
        cells = row + [""] * (len(names) - len(row))
        out.append({**{c: cells[position[c]].strip() if c in position else ""
                       for c in TREASURY.columns}, "_file": path.name, "_row": number})
    return pd.DataFrame(out, columns=columns).astype({c: "str" for c in TREASURY.columns})


def _rows(frame: pd.DataFrame, name: str, problems: list[Problem]) -> list[dict]:
    """The register's valid rows with parsed day, amount and codes (problems for the others)."""
    if frame.empty:
        return []
    days, bad_day = parse_dates(frame["date"])
    minor, bad_amount, _ = parse_amounts(frame["amount"])
    func = frame["func"].str.replace(r"\s", "", regex=True)
    bad_func = (func != "") & ~func.str.fullmatch(r"[0-9]{9}")
    espk = frame["specifics"].str.strip()
    bad_espk = (espk != "") & ~espk.str.fullmatch(r"[0-9]{1,6}")
    number = frame["number"].str.strip()
    bad_number = (number == "") | number.str.contains(r"[\s,;]", regex=True)
    problems += from_mask(frame, bad_day | days.isna(), ERROR, "date", "problem.bad_date")
    problems += from_mask(frame, bad_amount | minor.isna(), ERROR, "amount",
                          "problem.bad_number")
    problems += from_mask(frame, bad_func, ERROR, "func", "treasury.bad_func")
    problems += from_mask(frame, bad_espk, ERROR, "specifics", "treasury.bad_specifics")
    problems += from_mask(frame, bad_number, ERROR, "number", "treasury.bad_number")
    ok = ~(bad_day | days.isna() | bad_amount | minor.isna() | bad_func | bad_espk | bad_number)
    out = []
    for i in frame.index[ok]:
        code = func[i]
        spec = espk[i].lstrip("0")
        out.append({
            "number": number[i], "date": pd.Timestamp(days[i]).date().isoformat(),
            "minor": int(minor[i]), "whole_minor": int(minor[i]),
            "func": code, "program": code[3:6] if code else "",
            "subprogram": code[6:9] if code else "",
            "specifics": spec.zfill(3) if spec else "",
            "supplier": " ".join(frame.at[i, "supplier"].split()),
            "contract": frame.at[i, "contract"].strip(), "_file": name,
            "_row": int(frame.at[i, "_row"])})
    return out


def _contracts(lots: pd.DataFrame, events: pd.DataFrame) -> dict[str, tuple[str, str, str]]:
    """A contract's number → (activity, source, lot) of the register lot linked to it."""
    valid = lots.loc[lots["valid"]]
    out: dict[str, tuple[str, str, str]] = {}
    for lot, activity, source, contract in zip(valid["lot"], valid["activity"],
                                               valid["source"], valid["portal_contract"],
                                               strict=True):
        if contract:
            out[contract] = (activity, source, lot)
    info = valid.set_index("lot")
    signed = events.loc[events["valid"] & events["status"].isin(["contracted", "amended"])
                        & (events["document"] != "")]
    for lot, document in zip(signed["lot"], signed["document"], strict=True):
        if lot in info.index:
            out.setdefault(document, (info.at[lot, "activity"], info.at[lot, "source"], lot))
    return out


def _existing(data: DataDir) -> tuple[set[str], set[tuple[str, str, int]]]:
    """The payment ids of the payments file, and (document, day, amount) of the payments the
    portal import wrote (``GZ-…``)."""
    frame, _ = read_input(data, "budget", PAYMENTS)
    if frame.empty:
        return set(), set()
    days, _ = parse_dates(frame["date"])
    minor, _, _ = parse_amounts(frame["amount"])
    portal = frame["id"].str.startswith("GZ-")
    keys = set()
    for document, day, amount in zip(frame.loc[portal, "document"], days[portal],
                                     minor[portal], strict=True):
        if document and pd.notna(day) and pd.notna(amount):
            keys.add((document, pd.Timestamp(day).date().isoformat(), int(amount)))
    return set(frame["id"]), keys


__all__ = ["TREASURY", "TreasuryImport", "import_treasury"]
