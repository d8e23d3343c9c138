"""The plan of activities: import from the Word table (flattened text or .docx), store as CSV.

Both readers turn their source into *rows of cells* that remember where they came from (a text
line or a table row); one builder checks the rows and makes the :class:`Plan`. A plan with any
error is refused as a whole (:class:`PlanError` lists every problem) and nothing is written.

The plan is Russian. ``activities.csv`` may also hold Kazakh titles (:data:`KAZAKH_COLUMNS`,
``title_kk`` and ``section_title_kk``, filled by hand): shown in Kazakh where present, kept by
activity code when the plan is imported again, and absent from the file while all are empty.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..config import DataDir
from ..core.checks import ERROR, Label, Problem
from ..core.fileio import csv_text, write_text_files
from ..core.periods import Period, PeriodError, parse_period
from ..core.values import is_digits
from ..errors import UserError
from ..i18n import get_lang, t

FUNDING = {"рб": "RB", "юнисеф": "UNICEF", "не требуется": "NONE"}
FUNDING_TEXT = {code: text for text, code in FUNDING.items()}
PROCUREMENT_FORM = "госзакуп"
ACTIVITY_COLUMNS = [
    "id", "section", "section_title", "title", "responsible", "period",
    "completion_form", "funding",
]
KAZAKH_COLUMNS = ["title_kk", "section_title_kk"]  # optional, after ACTIVITY_COLUMNS
UNIT_COLUMNS = ["code", "name"]
_SECTION = re.compile(r"^\d+$", re.ASCII)
MAX_PLAN_BYTES = 20 * 2**20  # a plan document is a few hundred kilobytes
_CODE = re.compile(r"^(\d+)\.(\d+)$", re.ASCII)
_CELL_NAMES = ["№", "Мероприятие", "Ответственный исполнитель", "Срок исполнения",
               "Форма завершения", "Финансирование"]


@dataclass(frozen=True)
class Cell:
    text: str
    row: int  # a text line, or a table row (1 = the header)


@dataclass(frozen=True)
class Activity:
    id: str
    section: str
    section_title: str
    title: str
    responsible: str
    period: Period
    completion_form: str
    funding: str  # RB | UNICEF | NONE
    units: tuple[str, ...]
    participants: tuple[str, ...]
    file: str = ""
    row: int = 0
    title_kk: str = ""
    section_title_kk: str = ""

    def display_title(self, lang: str | None = None) -> str:
        """The title in ``lang`` (default: the current language): the Kazakh title where the
        plan has one, else the plan's Russian title."""
        return self.title_kk if (lang or get_lang()) == "kk" and self.title_kk else self.title

    def display_section_title(self, lang: str | None = None) -> str:
        kazakh = (lang or get_lang()) == "kk" and self.section_title_kk
        return self.section_title_kk if kazakh else self.section_title

    @property
    def procurement(self) -> bool:
        return self.completion_form.strip().lower() == PROCUREMENT_FORM

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "section": self.section,
            "section_title": self.section_title,
            "title": self.title,
            "units": list(self.units),
            "participants": list(self.participants),
            "periods": self.period.as_json(),
            "period_text": self.period.text,
            "duration_days": self.period.duration_days,
            "tentative": self.period.tentative,
            "completion_form": self.completion_form,
            "funding": self.funding,
            "procurement": self.procurement,
            **({"title_kk": self.title_kk} if self.title_kk else {}),
            **({"section_title_kk": self.section_title_kk} if self.section_title_kk else {}),
        }


@dataclass(frozen=True)
class Plan:
    activities: tuple[Activity, ...]
    units: dict[str, str] = field(default_factory=dict)  # glossary code -> name, plan order

    def __len__(self) -> int:
        return len(self.activities)

    def __getitem__(self, code: str) -> Activity:
        return self.by_id[code]

    @cached_property
    def by_id(self) -> dict[str, Activity]:
        return {a.id: a for a in self.activities}

    @cached_property
    def sections(self) -> dict[str, str]:
        return {a.section: a.section_title for a in self.activities}

    @cached_property
    def years(self) -> tuple[int, int]:
        """The first and the last year of the plan, from its activities' periods (the plan of
        2023–2025 gives ``(2023, 2025)``); nothing in the code names a year."""
        if not self.activities:
            today = date.today().year
            return today, today
        return (min(a.period.start.year for a in self.activities),
                max(a.period.end.year for a in self.activities))

    def titles(self, lang: str | None = None) -> dict[str, str]:
        """Activity code -> title as shown in ``lang`` (see :meth:`Activity.display_title`)."""
        return {a.id: a.display_title(lang) for a in self.activities}

    def section_titles(self, lang: str | None = None) -> dict[str, str]:
        """Section code -> title as shown in ``lang``."""
        return {a.section: a.display_section_title(lang) for a in self.activities}

    def frame(self) -> pd.DataFrame:
        """One row per activity, in plan order (lists joined with ', ')."""
        rows = []
        for a in self.activities:
            rows.append({
                "id": a.id, "section": a.section, "section_title": a.section_title,
                "title": a.title, "units": ", ".join(a.units),
                "participants": ", ".join(a.participants), "period_text": a.period.text,
                "start": a.period.start, "end": a.period.end,
                "duration_days": a.period.duration_days, "tentative": a.period.tentative,
                "completion_form": a.completion_form, "funding": a.funding,
                "procurement": a.procurement,
            })
        frame = pd.DataFrame(rows)
        frame["duration_days"] = frame["duration_days"].astype("Int64")
        return frame


class PlanError(UserError):
    """The plan was refused: ``problems`` holds every :class:`Problem` found, each with its
    file and its line (flattened text) or table row (docx), translated only when shown."""

    def __init__(self, problems: list[Problem], where: str = "plan.where_line"):
        super().__init__("plan.no_activities")
        self.problems = problems
        self.where = where

    @property
    def messages(self) -> list[str]:
        """One located line per problem, in the current language."""
        return [f"{t(self.where, file=p.file, row=p.row)}: {p.message}" if p.row is not None
                else f"{p.file}: {p.message}" for p in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.messages)



def code_key(code: object) -> tuple[int, ...]:
    """The sort key of an activity or section code: ``"7.10"`` after ``"7.9"``, ``"10"``
    after ``"9"`` (a part that is not a number counts as 0)."""
    return tuple(int(p) if is_digits(p) else 0 for p in str(code).split("."))

def join_lines(text: str) -> str:
    """A multi-line cell as one line: each line stripped, joined by one space."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def split_responsible(text: str, codes: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split a responsible field into glossary unit codes and other participants, in order."""
    known = set(codes)
    units: list[str] = []
    others: list[str] = []
    for part in text.split(","):
        part = " ".join(part.split())
        if not part:
            continue
        target = units if part in known else others
        if part not in target:
            target.append(part)
    return tuple(units), tuple(others)


# --- readers: source -> rows of cells + glossary ----------------------------------------------


def _is_header_start(text: str) -> bool:
    return " ".join(text.split()).lower() == "№ п/п"


def read_text(text: str) -> tuple[list[list[Cell]], list[tuple[str, str]], int | None]:
    """Rows of the flattened table, the glossary, and the line of the glossary note.

    A line starting with a tab opens a cell; a non-empty line without one continues the
    previous cell (Word line breaks inside a cell); blank lines separate nothing.
    """
    lines = text.splitlines()
    cells: list[Cell] = []
    note_line = None
    in_table = False
    for number, line in enumerate(lines, start=1):
        if not in_table:
            in_table = line.startswith("\t") and _is_header_start(line)
            if in_table:
                cells.append(Cell(line[1:], number))
            continue
        if line.startswith("\t"):
            cells.append(Cell(line[1:], number))
        elif line.strip():
            if line.strip().lower().startswith("примечание"):
                note_line = number
                break
            last = cells[-1]
            cells[-1] = Cell(last.text + "\n" + line, last.row)
    if not in_table:
        return [], [], None

    header, body = cells[:6], cells[6:]
    rows: list[list[Cell]] = [header]
    for cell in body:
        key = cell.text.strip()
        if _SECTION.match(key) or _CODE.match(key):
            rows.append([cell])
        else:
            rows[-1].append(cell)

    glossary: list[tuple[str, str]] = []
    if note_line is not None:
        entries = [line[1:] for line in lines[note_line:] if line.startswith("\t")]
        for code, name in zip(entries[0::2], entries[1::2], strict=False):
            glossary.append((code.strip(), name.strip().lstrip("·-–—").strip()))
    return rows, glossary, note_line


def read_docx(path: Path) -> tuple[list[list[Cell]], list[tuple[str, str]], int | None]:
    """Rows of the first table of a .docx, and the glossary (second table or paragraphs)."""
    import docx  # python-docx; imported here because only the import needs it

    document = docx.Document(str(path))
    if not document.tables:
        return [], [], None
    rows: list[list[Cell]] = []
    for number, row in enumerate(document.tables[0].rows, start=1):
        seen: set[int] = set()
        cells = []
        for cell in row.cells:  # merged cells repeat: keep each one once
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(Cell(cell.text, number))
        rows.append(cells)
    glossary: list[tuple[str, str]] = []
    if len(document.tables) > 1:
        for row in document.tables[1].rows:
            texts = [c.text.strip() for c in row.cells]
            if len(texts) >= 2 and texts[0]:
                glossary.append((texts[0], texts[-1].lstrip("·-–—").strip()))
    else:
        for paragraph in document.paragraphs:
            m = re.match(r"^\s*(\S[^·\-–—]*?)\s*[·\-–—]\s+(.+)$", paragraph.text)
            if m:
                glossary.append((m.group(1), m.group(2).strip()))
    return rows, glossary, 0 if glossary else None


# --- builder ----------------------------------------------------------------------------------


def build_plan(rows: list[list[Cell]], glossary: list[tuple[str, str]], file: str,
               where: str = "plan.where_line", has_glossary: bool = True) -> Plan:
    """Check the rows and make the plan; raise :class:`PlanError` listing every problem."""
    errors: list[Problem] = []

    def error(row: int | None, key: str, **params: object) -> None:
        errors.append(Problem(ERROR, file, row, None, None, key, params))

    if not rows or len(rows[0]) < 6 or "финансирование" not in rows[0][5].text.lower():
        raise PlanError([Problem(ERROR, file, None, None, None, "plan.no_table")], where)
    if not has_glossary:
        raise PlanError([Problem(ERROR, file, None, None, None, "plan.no_glossary")], where)
    units = dict(glossary)
    activities: list[Activity] = []
    first_seen: dict[str, int] = {}
    sections: dict[str, str] = {}
    section: str | None = None
    for cells in rows[1:]:
        key = cells[0].text.strip()
        if _SECTION.match(key):
            if key in sections:
                error(cells[0].row, "plan.duplicate_section", code=key)
            title = join_lines(cells[1].text) if len(cells) > 1 else ""
            if len(cells) != 2 or not title:
                error(cells[0].row, "plan.unexpected", value=" | ".join(c.text for c in cells))
            sections[key] = title
            section = key
            continue
        code_match = _CODE.match(key)
        if code_match is None:
            error(cells[0].row, "plan.unexpected", value=cells[0].text.strip())
            continue
        if key in first_seen:
            error(cells[0].row, "plan.duplicate_code", code=key,
                  first=Label(where, {"file": file, "row": first_seen[key]}))
            continue
        first_seen[key] = cells[0].row
        if section is None or code_match.group(1) != section:
            error(cells[0].row, "plan.outside_section", code=key, section=section or "—")
            continue
        if len(cells) != 6:
            error(cells[0].row, "plan.cell_count", code=key, count=len(cells))
            continue
        texts = [join_lines(c.text) for c in cells]
        empty = [name for name, text in zip(_CELL_NAMES, texts, strict=True) if not text]
        if empty:
            error(cells[0].row, "plan.empty_cell", code=key, column=", ".join(empty))
            continue
        funding = FUNDING.get(" ".join(texts[5].split()).lower())
        if funding is None:
            error(cells[5].row, "plan.bad_funding", code=key, value=texts[5])
            continue
        try:
            period = parse_period(texts[3])
        except PeriodError as exc:
            error(cells[3].row, "period.bad", text=exc.text,
                  reason=Label(exc.reason, exc.reason_params))
            continue
        unit_codes, participants = split_responsible(texts[2], units)
        activities.append(Activity(
            id=key, section=section, section_title=sections[section], title=texts[1],
            responsible=texts[2], period=period, completion_form=texts[4], funding=funding,
            units=unit_codes, participants=participants, file=file, row=cells[0].row,
        ))
    if not activities and not errors:
        error(None, "plan.no_activities")
    if errors:
        raise PlanError(errors, where)
    return Plan(tuple(activities), units)


def parse_plan_file(path: Path) -> Plan:
    """Read the plan from a flattened-text (.txt) or Word (.docx) file."""
    path = Path(path)
    if not path.exists():
        raise UserError("error.file_missing", path=path)
    if not path.is_file():  # /dev/zero would be read for ever, a FIFO would wait for ever
        raise UserError("error.not_a_file", path=path)
    if path.stat().st_size > MAX_PLAN_BYTES:
        raise UserError("error.file_too_big", path=path, limit=f"{MAX_PLAN_BYTES >> 20} MB")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        rows, glossary, note = read_docx(path)
        where = "plan.where_table_row"
    elif suffix in {".txt", ".text", ""}:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise UserError("error.not_utf8", path=path) from None
        rows, glossary, note = read_text(text)
        where = "plan.where_line"
    else:
        raise UserError("error.unknown_format", path=path)
    return build_plan(rows, glossary, path.name, where, has_glossary=note is not None)


# --- storage: DIR/plan/activities.csv and units.csv ---------------------------------------------


def plan_files(plan: Plan, data: DataDir) -> dict[Path, str]:
    """The text of ``activities.csv`` and ``units.csv``; a Kazakh column only when some
    activity has a value in it."""
    kazakh = [c for c in KAZAKH_COLUMNS if any(getattr(a, c) for a in plan.activities)]
    activities = [
        [a.id, a.section, a.section_title, a.title, a.responsible, a.period.text,
         a.completion_form, a.funding, *(getattr(a, c) for c in kazakh)]
        for a in plan.activities
    ]
    return {
        data.activities_csv: csv_text(ACTIVITY_COLUMNS + kazakh, activities),
        data.units_csv: csv_text(UNIT_COLUMNS, plan.units.items()),
    }


def kazakh_titles(data: DataDir) -> tuple[dict[str, str], dict[str, str]]:
    """The Kazakh titles already in ``activities.csv``, by activity and by section code
    (nothing if there is no such file or it cannot be read: the import rewrites it)."""
    activities: dict[str, str] = {}
    sections: dict[str, str] = {}
    try:
        with data.activities_csv.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                if (row.get("title_kk") or "").strip():
                    activities[row.get("id") or ""] = row["title_kk"].strip()
                if (row.get("section_title_kk") or "").strip():
                    sections[row.get("section") or ""] = row["section_title_kk"].strip()
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}, {}
    return activities, sections


def import_plan(source: Path, data: DataDir) -> tuple[Plan, list[Path]]:
    """Parse ``source`` and write the plan files of ``data``; nothing is written on error.
    Kazakh titles of the activities already there are kept (by code)."""
    plan = parse_plan_file(source)
    titles, sections = kazakh_titles(data)
    if titles or sections:
        plan = Plan(tuple(replace(a, title_kk=titles.get(a.id, ""),
                                  section_title_kk=sections.get(a.section, ""))
                          for a in plan.activities), plan.units)
    return plan, write_text_files(plan_files(plan, data))


def _read_csv(path: Path, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    if not path.exists():
        raise UserError("plan.not_imported", path=path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise UserError("plan.bad_csv", file=path, row=1, column=", ".join(missing),
                            reason=Label("problem.missing_columns", {
                                "missing": ", ".join(missing),
                                "found": ", ".join(reader.fieldnames or [])}))
        return [(number, row) for number, row in enumerate(reader, start=2)]


def load_plan(data: DataDir) -> Plan:
    """The plan stored in a data folder (as written by :func:`import_plan`)."""
    units = {row["code"]: row["name"] for _, row in _read_csv(data.units_csv, UNIT_COLUMNS)}
    activities = []
    name = f"{data.activities_csv.parent.name}/{data.activities_csv.name}"
    for number, row in _read_csv(data.activities_csv, ACTIVITY_COLUMNS):
        try:
            period = parse_period(row["period"])
        except PeriodError as exc:
            raise UserError("plan.bad_csv", file=name, row=number, column="period",
                            reason=exc) from None
        if row["funding"] not in FUNDING_TEXT:
            raise UserError("plan.bad_csv", file=name, row=number, column="funding",
                            reason=Label("plan.bad_funding", {"code": row["id"],
                                                              "value": row["funding"]}))
        unit_codes, participants = split_responsible(row["responsible"], units)
        activities.append(Activity(
            id=row["id"], section=row["section"], section_title=row["section_title"],
            title=row["title"], responsible=row["responsible"], period=period,
            completion_form=row["completion_form"], funding=row["funding"],
            units=unit_codes, participants=participants, file=name, row=number,
            title_kk=(row.get("title_kk") or "").strip(),
            section_title_kk=(row.get("section_title_kk") or "").strip(),
        ))
    return Plan(tuple(activities), units)
