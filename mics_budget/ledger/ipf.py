"""The individual financing plan (ИПФ) as the finance office keeps it: wide, in thousands.

``budget/financing_plan.*`` may be the project's long table (year, month, kind, activity,
source, specifics, amount) or the finance office's own sheet, recognised by its header: rows
by budget programme / subprogramme / specifics, the twelve months as columns (Russian month
names or 1–12), under a title block. :func:`read_wide` turns such a sheet into the long rows
(and the usual checks then apply, naming the sheet's own rows):

- **unit**: the title block or the header says «тыс. тенге» (thousands: every amount × 1000,
  exactly) or «тенге»; a sheet that says neither is refused (``ipf.no_unit``): the tool never
  guesses a factor of a thousand;
- **year**: «на 2025 год» (or «2025 г.», «2025 жылға») in the title block, else a column
  «год»; neither is ``ipf.no_year``;
- **kind**: a column «вид» (по обязательствам / по платежам), else section rows «по
  обязательствам» / «по платежам» (a row with no amounts) above the rows they head, else the
  title block; neither is a problem on the row;
- **activity**: a column «мероприятие» when the sheet has one, else ``budget/activity_map``
  (``program, subprogram, specifics, activity, share``: shares of a key sum to 1; a key
  without its subprogramme or specifics applies to every one): each month's amount is split
  exactly by the shares; a row that maps to nothing is a problem naming it;
- **source**: the republican budget (``RB``; an ИПФ is the state budget's), or a column;
- rows «итого» / «всего» are totals of the others and are left out; empty rows too.

:func:`scale_problems` warns when a year's financing plan is about a thousand times off the
budget lines of the same year (a sheet in thousands read as tenge, or the reverse).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import pandas as pd

from ..config import DataDir
from ..core.checks import ERROR, WARNING, Problem
from ..core.months import RU_MONTH_NUMBERS
from ..core.tables import HEADER_ROWS, locate, read_grid
from ..core.values import is_digits, minor_text, parse_amounts

MAP_NAME = "activity_map"
COLUMNS = ["year", "month", "kind", "activity", "source", "specifics", "program", "subprogram",
           "abp", "amount", "_file", "_sheet", "_row"]
_THOUSANDS = re.compile(r"тыс[.\s]|тыс$|тысяч|мың\s+теңге", re.I)
_TENGE = re.compile(r"тенге|теңге|\bkzt\b", re.I)
_YEAR = re.compile(r"(20\d{2})\s*(?:год|г\.|г\b|жыл)", re.I)
_KINDS = {"обязательств": "obligations", "міндеттеме": "obligations",
          "платеж": "payments", "төлем": "payments"}
_TOTAL = re.compile(r"^\s*(итого|всего|барлығы|жиыны)", re.I)
_MONTHS = {**{name: number for name, number in RU_MONTH_NUMBERS.items()},
           **{str(n): n for n in range(1, 13)}, **{f"{n:02d}": n for n in range(1, 13)}}


def _month(cell: str) -> int | None:
    text = cell.strip().lower().rstrip(".")
    if text in _MONTHS:
        return _MONTHS[text]
    for name, number in RU_MONTH_NUMBERS.items():  # «январь, тыс. тенге», «янв»
        if len(text) >= 3 and (text.startswith(name[:3]) and name.startswith(text[:3])):
            return number
    return None


def _role(cell: str) -> str | None:
    text = cell.strip().lower()
    if "подпрограм" in text or text in ("пп", "subprogram"):
        return "subprogram"
    if "программ" in text or text in ("бп", "program", "программа"):
        return "program"
    if "специфик" in text or text in ("спец", "specifics", "экономическая классификация"):
        return "specifics"
    if "мероприят" in text or text == "activity":
        return "activity"
    if text in ("абп", "abp") or "администратор" in text:
        return "abp"
    if text in ("вид", "kind", "вид плана"):
        return "kind"
    if text in ("год", "year"):
        return "year"
    if "источник" in text or text == "source":
        return "source"
    return None


def header_row(rows: list[list[str]]) -> int | None:
    """The index of the row naming the twelve months (the wide ИПФ's header), if any."""
    for index, row in enumerate(rows[:HEADER_ROWS]):
        months = {m for m in map(_month, row) if m is not None}
        if len(months) == 12 and any(_role(c) == "specifics" for c in row):
            return index
    return None


def read_wide(data: DataDir) -> tuple[pd.DataFrame, list[Problem]] | None:
    """The long rows of ``budget/financing_plan.*`` when it is the wide sheet (see the
    module), with ``_row`` the sheet's own row; None when it is not (the long table)."""
    path, name, _ = locate(data.root, "budget", "financing_plan")
    if path is None:
        return None
    rows = read_grid(path)
    if rows is None:
        return None
    head = header_row(rows)
    if head is None:
        return None
    problems: list[Problem] = []
    return _long(rows, head, name, data, problems), problems


def _long(rows: list[list[str]], head: int, name: str, data: DataDir,
          problems: list[Problem]) -> pd.DataFrame:
    header = rows[head]
    title = " ".join(c for row in rows[:head] for c in row if c.strip())
    said = title + " " + " ".join(header)

    def problem(key: str, row: int | None = None, column: str | None = None,
                value: str = "", severity: str = ERROR, **params: object) -> None:
        problems.append(Problem(severity, name, row, column, value, key, params))

    if _THOUSANDS.search(said):
        scale = 1000
    elif _TENGE.search(said):
        scale = 1
    else:
        problem("ipf.no_unit", head + 1)
        return pd.DataFrame(columns=COLUMNS)
    roles = {i: _role(c) for i, c in enumerate(header)}
    months: dict[int, int] = {}
    for i, cell in enumerate(header):
        month = _month(cell)
        if month is not None:
            months[i] = month
    column_of = {r: i for i, r in roles.items() if r}
    found = _YEAR.search(title)
    year = found.group(1) if found else ""
    if not year and "year" not in column_of:
        problem("ipf.no_year", head + 1)
        return pd.DataFrame(columns=COLUMNS)
    title_kind = _kind(title)
    mapping = None if "activity" in column_of else activity_map(data, problems)
    out: list[dict] = []
    kind = title_kind
    for number, row in enumerate(rows[head + 1:], start=head + 2):
        cells = row + [""] * (len(header) - len(row))

        def get(role: str, cells: list[str] = cells) -> str:
            index = column_of.get(role)
            return cells[index].strip() if index is not None else ""

        amounts = {m: cells[i].strip() for i, m in months.items() if cells[i].strip()}
        words = " ".join(c for c in cells if c.strip())
        if not words:
            continue
        if not amounts:
            kind = _kind(words) or kind  # a section row: «по платежам»
            continue
        if _TOTAL.search(words.split(" ")[0] if words else "") or _TOTAL.search(
                cells[0] if cells else ""):
            continue
        row_kind = _kind(get("kind")) if "kind" in column_of else kind
        if row_kind is None:
            problem("ipf.no_kind", number, "kind")
            continue
        program, subprogram = _code(get("program")), _code(get("subprogram"))
        specifics = _code(get("specifics"))
        row_year = get("year") or year
        if "activity" in column_of:
            shares = [(get("activity"), Decimal(1))]
        else:
            shares = shares_of(mapping or {}, program, subprogram, specifics)
            if not shares:
                problem("ipf.unmapped", number, "specifics", specifics, program=program or "—",
                        subprogram=subprogram or "—")
                continue
        for month, text in sorted(amounts.items()):
            minor = _minor(text, scale)
            if minor is None:
                problem("problem.bad_number", number, header[_index(months, month)], text)
                continue
            parts = split_by_shares(minor, [s for _, s in shares])
            for (activity, _), part in zip(shares, parts, strict=True):
                out.append({"year": row_year, "month": str(month), "kind": row_kind,
                            "activity": activity, "source": get("source") or "RB",
                            "specifics": specifics, "program": program,
                            "subprogram": subprogram, "abp": _code(get("abp")),
                            "amount": minor_text(part),
                            "_file": name, "_sheet": "", "_row": number})
    frame = pd.DataFrame(out, columns=COLUMNS)
    texts = [c for c in COLUMNS if c != "_row"]
    frame[texts] = frame[texts].astype("str")
    frame["_row"] = frame["_row"].astype("int64")
    return frame


def _index(months: dict[int, int], month: int) -> int:
    return next(i for i, m in months.items() if m == month)


def _kind(text: str) -> str | None:
    lowered = (text or "").lower()
    found = {kind for word, kind in _KINDS.items() if word in lowered}
    return found.pop() if len(found) == 1 else None


def _code(text: str) -> str:
    """A budget code as written (``001``, ``1``, ``000131``): digits without leading zeros
    beyond three places (``000131`` → ``131``, ``1`` → ``001``)."""
    digits = text.strip().split(" ")[0].split("—")[0].strip()
    if not is_digits(digits):
        return digits
    return str(int(digits)).zfill(3)


def _minor(text: str, scale: int) -> int | None:
    """Tiyn of an amount in tenge (``scale`` 1) or thousands (1000), exact."""
    minor, bad, _ = parse_amounts(pd.Series([text]), decimals=5 if scale == 1000 else 2)
    if bad.iloc[0] or pd.isna(minor.iloc[0]):
        return None
    return int(minor.iloc[0])


def split_by_shares(total: int, shares: list[Decimal]) -> list[int]:
    """``total`` split by ``shares`` (summing to 1) exactly: largest remainders."""
    raw = [Decimal(total) * s for s in shares]
    parts = [int(r) for r in raw]  # toward zero
    rest = total - sum(parts)
    order = sorted(range(len(raw)), key=lambda i: -abs(raw[i] - parts[i]))
    for i in order[:abs(rest)]:
        parts[i] += 1 if rest > 0 else -1
    return parts


def activity_map(data: DataDir, problems: list[Problem]
             ) -> dict[tuple[str, str, str], list[tuple[str, Decimal]]]:
    """``budget/activity_map``: (program, subprogram, specifics) → [(activity, share)]."""
    path, name, _ = locate(data.root, "budget", MAP_NAME)
    if path is None:
        return {}
    rows = read_grid(path) or []
    if not rows:
        return {}
    header = [c.strip().lower() for c in rows[0]]
    need = ["program", "subprogram", "specifics", "activity", "share"]
    missing = [c for c in need if c not in header]
    if missing:
        problems.append(Problem(ERROR, name, 1, None, ", ".join(missing),
                                "problem.missing_columns",
                                {"missing": ", ".join(missing), "found": ", ".join(header)}))
        return {}
    at = {c: header.index(c) for c in need}
    out: dict[tuple[str, str, str], list[tuple[str, Decimal]]] = {}
    where: dict[tuple[str, str, str], int] = {}
    for number, row in enumerate(rows[1:], start=2):
        cells = row + [""] * (len(header) - len(row))
        if not any(c.strip() for c in cells):
            continue
        key = tuple(_code(cells[at[c]]) if cells[at[c]].strip() else ""
                    for c in ("program", "subprogram", "specifics"))
        try:
            share = Decimal(cells[at["share"]].strip().replace(",", ".") or "1")
        except InvalidOperation:
            share = Decimal(-1)
        if not share.is_finite() or share <= 0 or share > 1:
            problems.append(Problem(ERROR, name, number, "share", cells[at["share"]],
                                    "problem.bad_number", {}))
            continue
        out.setdefault(key, []).append((cells[at["activity"]].strip(), share))  # type: ignore[arg-type]
        where.setdefault(key, number)  # type: ignore[arg-type]
    for key, shares in out.items():
        total = sum((s for _, s in shares), Decimal(0))
        if total != 1:
            problems.append(Problem(ERROR, name, where[key], "share", str(total),
                                    "ipf.shares_not_one", {"key": "/".join(k or "*"
                                                                          for k in key)}))
    return {k: v for k, v in out.items() if sum((s for _, s in v), Decimal(0)) == 1}


def shares_of(mapping: dict[tuple[str, str, str], list[tuple[str, Decimal]]], program: str,
            subprogram: str, specifics: str) -> list[tuple[str, Decimal]]:
    """The most specific key of the mapping that covers the row."""
    for key in ((program, subprogram, specifics), (program, subprogram, ""),
                (program, "", specifics), (program, "", ""), ("", "", specifics)):
        if key in mapping:
            return mapping[key]
    return []


def scale_problems(financing: pd.DataFrame, budget: pd.DataFrame) -> list[Problem]:
    """A warning for each year whose financing plan (by payments) is 500 to 2000 times more
    or less than the budget lines in force of that year: most likely a sheet in thousands of
    tenge read as tenge, or the reverse."""
    if financing.empty or budget.empty:
        return []
    from .load import latest_lines

    plan = financing.loc[financing["valid"] & (financing["kind"] == "payments")]
    lines = budget.loc[budget["valid"] & budget["phase"].isin(["approved", "adjusted"])]
    lines = latest_lines(lines)
    out = []
    for year, group in plan.groupby("year"):
        budgeted = int(lines.loc[lines["year"] == year, "kzt_minor"].sum())
        planned = int(group["kzt_minor"].sum())
        if budgeted <= 0 or planned <= 0:
            continue
        ratio = planned / budgeted
        if 500 <= ratio <= 2000 or 1 / 2000 <= ratio <= 1 / 500:
            first = group.iloc[0]
            out.append(Problem(WARNING, str(first["_file"]), None, "amount", str(year),
                               "ipf.thousand_off", {"year": year,
                                                    "ratio": f"{ratio:.4g}"}))
    return out
