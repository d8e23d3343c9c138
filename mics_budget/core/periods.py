"""Free-text periods of the plan ("Март-апрель 2024, сентябрь-ноябрь 2024") as month intervals.

A period is month-precise: each interval starts on the 1st of its first month and ends on the
last day of its last month. Anything that does not fit the grammar below is refused, never
guessed::

    period    := interval ("," interval)* note*
    interval  := month [year] ["-" month [year]]
    note      := "(" N "день|дня|дней" ")" | "(уточняется)"

A month without a year takes the next year written after it ("Февраль-май 2023").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..errors import UserError
from ..i18n import t
from .months import RU_MONTH_NUMBERS, last_day

MONTHS = RU_MONTH_NUMBERS

_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " "})
_NOTE = re.compile(r"\(([^()]*)\)\s*$")
_DURATION = re.compile(r"^(\d+)\s*(?:день|дня|дней)$")
_TENTATIVE = re.compile(r"^уточняется$")
_ENDPOINT = r"([а-яё]+)\s*(\d{4})?"
_INTERVAL = re.compile(rf"^{_ENDPOINT}(?:\s*-\s*{_ENDPOINT})?$")


class PeriodError(UserError, ValueError):
    """A period text that is not one of the accepted forms; the message quotes it."""

    def __init__(self, text: str, reason: str, **params: object):
        super().__init__("period.bad", text=text)
        self.text = text
        self.reason = reason
        self.reason_params = params

    def __str__(self) -> str:
        return t("period.bad", text=self.text, reason=t(self.reason, **self.reason_params))


@dataclass(frozen=True)
class Period:
    """A parsed period: sorted, non-overlapping month intervals plus the notes of the text."""

    text: str
    intervals: tuple[tuple[date, date], ...]
    duration_days: int | None = None
    tentative: bool = False

    @property
    def start(self) -> date:
        return self.intervals[0][0]

    @property
    def end(self) -> date:
        return self.intervals[-1][1]

    def as_json(self) -> list[dict[str, str]]:
        return [{"start": s.isoformat(), "end": e.isoformat()} for s, e in self.intervals]


def _month(text: str, name: str) -> int:
    try:
        return MONTHS[name]
    except KeyError:
        raise PeriodError(text, "period.unknown_month", name=name) from None


def parse_period(text: str) -> Period:
    """Parse one period of the plan; raise :class:`PeriodError` quoting ``text`` otherwise."""
    if not isinstance(text, str):
        raise PeriodError(str(text), "period.not_text")
    rest = " ".join(text.translate(_DASHES).split()).lower()
    duration: int | None = None
    tentative = False
    while (note := _NOTE.search(rest)) is not None:
        body = " ".join(note.group(1).split())
        if (m := _DURATION.match(body)) and duration is None:
            duration = int(m.group(1))
        elif _TENTATIVE.match(body) and not tentative:
            tentative = True
        else:
            raise PeriodError(text, "period.bad_note", note=f"({note.group(1)})")
        rest = rest[: note.start()].strip()
    if not rest:
        raise PeriodError(text, "period.no_month")

    # endpoints: [month, year|None] per interval start/end, in reading order
    pieces: list[list[list]] = []
    for piece in rest.split(","):
        m = _INTERVAL.match(piece.strip())
        if m is None:
            raise PeriodError(text, "period.bad_part", part=piece.strip())
        ends = [[_month(text, m.group(1)), m.group(2)]]
        if m.group(3):
            ends.append([_month(text, m.group(3)), m.group(4)])
        pieces.append(ends)

    year: str | None = None
    for ends in reversed(pieces):
        for end in reversed(ends):
            if end[1] is None:
                if year is None:
                    raise PeriodError(text, "period.no_year")
                end[1] = year
            year = end[1]

    intervals: list[tuple[date, date]] = []
    for ends in pieces:
        (m1, y1), (m2, y2) = ends[0], ends[-1]
        start, finish = date(int(y1), m1, 1), last_day(int(y2), m2)
        if start > finish:
            raise PeriodError(text, "period.reversed")
        if intervals and start <= intervals[-1][1]:
            raise PeriodError(text, "period.unordered")
        intervals.append((start, finish))

    if duration is not None:
        span = sum((e - s).days + 1 for s, e in intervals)
        if not 0 < duration <= span:
            raise PeriodError(text, "period.duration", days=duration)
    return Period(text=text, intervals=tuple(intervals), duration_days=duration,
                  tentative=tentative)
