"""The UN operational rates of exchange (UNORE), monthly, from the UN Treasury's published file.

The UN Treasury publishes, each month, one rate per currency: units of that currency per one
US dollar, effective from a date (usually the 1st of the month). UNICEF books its dollars at
these rates, so the UNICEF figures set UNORE beside the National Bank's rate. :func:`read_unore`
reads the published table — XLSX or CSV, a title block allowed above its header, with columns
for the ISO code, the rate and the effective date (English or Russian names) — and keeps what
this project needs: the tenge per dollar (the row of ``KZT``), as a rate of ``USD`` with source
``UNORE`` on its effective date. :func:`import_unore` appends them to the rates file
(:func:`.nbk.append_rates`: nothing twice, a disagreement named, never an overwrite).

Cross rates for other currencies are not derived: UNICEF's figures are in dollars.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ..config import DataDir
from ..core.checks import ERROR, Problem
from ..core.months import parse_day
from ..core.tables import find_header, read_grid
from ..errors import UserError
from .nbk import COLUMNS, NbkImport, _rate, append_rates

SOURCE = "UNORE"
_ROLES = {"code": ("iso code", "iso", "currency code", "code", "код", "код валюты", "iso-код"),
          "rate": ("rate", "operational rate", "rate per usd", "курс", "units per usd"),
          "date": ("effective date", "date", "дата", "дата вступления в силу", "effective")}


def _role(cell: str) -> str | None:
    text = " ".join(cell.strip().lower().split())
    for role, names in _ROLES.items():
        if text in names:
            return role
    return None


def read_unore(paths: Iterable[str | Path]) -> tuple[pd.DataFrame, list[str], list[Problem]]:
    """The USD rates in KZT of the published UNORE tables (see the module)."""
    problems: list[Problem] = []
    rows: list[dict] = []
    files: list[str] = []
    for given in paths:
        path = Path(given)
        if not path.is_file():
            raise UserError("treasury.missing", path=path)
        name = path.as_posix()
        files.append(name)
        grid = read_grid(path) or []
        found = find_header(grid, _role, ("code", "rate", "date"))
        if found is None:
            problems.append(Problem(ERROR, name, 1, None, "ISO code, rate, effective date",
                                    "unore.no_header", {}))
            continue
        head, roles = found
        at = {role: roles.index(role) for role in ("code", "rate", "date")}
        for number, row in enumerate(grid[head + 1:], start=head + 2):
            cells = row + [""] * (len(roles) - len(row))
            if cells[at["code"]].strip().upper() != "KZT":
                continue
            rate = _rate(cells[at["rate"]])
            day = _day(cells[at["date"]])
            if rate is None or day is None:
                problems.append(Problem(ERROR, name, number, "rate" if rate is None else "date",
                                        cells[at["rate"] if rate is None else at["date"]],
                                        "unore.bad_row", {}))
                continue
            rows.append({"date": day, "currency": "USD", "rate_e4": rate, "quant": 1,
                         "_file": name, "_item": number})
    return pd.DataFrame(rows, columns=COLUMNS), files, problems


def _day(text: str):
    """An effective date as the table writes it (``01.07.2025``, ``2025-07-01``, or an
    Excel date read as ``2025-07-01 00:00:00``); None for anything else."""
    try:
        return parse_day(text.strip()[:10])
    except UserError:
        return None


def import_unore(data: DataDir, paths: Iterable[str | Path], dry_run: bool = False
                 ) -> NbkImport:
    """Append the UNORE rate of the dollar in tenge to the rates file."""
    data.require()
    rates, files, problems = read_unore(list(paths))
    if not files:
        raise UserError("nbk.no_files")
    added, already, conflicts = append_rates(data, rates, SOURCE, dry_run)
    return NbkImport(added, already, [], [], conflicts, problems, files, dry_run)
