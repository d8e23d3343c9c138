"""UNICEF's side of the books: cash transfers (HACT) and the quarterly FACE form.

The input is ``budget/unicef_transfers.*`` (:data:`~mics_budget.core.schemas.TRANSFERS`): what
UNICEF authorised and paid, one row per transfer — a direct cash transfer (``dct``, an
advance), a ``reimbursement`` or a ``direct_payment`` — for a period and an activity, and the
expenditure UNICEF ``accepted`` against it once reported (empty until then). The file is
optional: without it there are no transfers.

The FACE form (Funding Authorization and Certificate of Expenditures) of a quarter has one row
per UNICEF-funded activity of the plan, in US dollars (the currency of the transfers; a
transfer in another currency is refused), money as exact cents:

* **A** — authorised for the period: the transfers whose period overlaps the quarter, plus
  the balance brought forward of earlier advances (``dct`` of a period ended before the
  quarter) not yet liquidated by accepted expenditure (``brought_forward``, part of A);
* **B** — actual expenditure: the UNICEF-funded payments dated in the quarter, refunds netted
  (the same rows as ``summary --source UNICEF``; a payment in tenge is turned into dollars at
  the NBK rate of its date, as ``mics-budget unicef`` does);
* **C** — accepted by UNICEF: the ``accepted`` of the transfers of A (empty counts 0);
* **D = A − C** — the balance;
* **E** — the new request for the next period: the UNICEF budget lines in force spread over
  months as the monthly financing plan spreads them (:func:`.spending.monthly_profile`), the
  months of the request quarter; or the amounts given;
* **F** — authorised for the next period: the transfers whose period starts after the
  reporting quarter and overlaps the request quarter;
* **G = D + F** — the outstanding authorised amount.

Beside the form (never inside a total): ``B_kzt``, the tenge of B (what ``summary`` counts),
and ``fx_difference``, the payments in tenge valued at the UN operational rate of their month
(what UNICEF books) minus their value at the NBK rate (the form's) — the gain (+) or loss (−).

The checks UNICEF applies (:func:`face_checks`), each naming the transfer's reference:
an advance outstanding more than 6 months; expenditure above the authorised amount of an
activity by more than 20 %; a reallocation between activities above 20 %; a new request while
an advance older than 6 months is open.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

import pandas as pd

from ..config import DataDir
from ..core.checks import ERROR, WARNING, from_mask
from ..core.months import last_day
from ..core.schemas import TRANSFERS, conform
from ..core.values import duplicated, lookup, parse_amounts, parse_dates, round_half_away
from ..errors import UserError
from ..i18n import get_lang
from .currency_effect import CURRENCY, SOURCE, rate_on, usd_cents
from .load import Loaded, check_money_rows, latest_lines, read_input
from .plan import Plan, code_key
from .spending import monthly_profile, split_exact

if TYPE_CHECKING:
    from ..project import Project

MODALITIES = {"dct": "dct", "direct cash transfer": "dct", "advance": "dct", "аванс": "dct",
              "прямой денежный перевод": "dct", "пдп": "dct",
              "reimbursement": "reimbursement", "возмещение": "reimbursement",
              "direct_payment": "direct_payment", "direct payment": "direct_payment",
              "прямая оплата": "direct_payment", "прямой платёж": "direct_payment",
              "прямой платеж": "direct_payment"}
COLUMNS = ("A", "B", "C", "D", "E", "F", "G")
#: UNICEF's thresholds (HACT): an advance open for more than this many months; expenditure
#: or a reallocation above the authorised amount by more than this share
OVERDUE_MONTHS = 6
TOLERANCE = Fraction(20, 100)


# --- the input ---------------------------------------------------------------------------------


def load_transfers(data: DataDir, plan: Plan, rates: pd.DataFrame) -> Loaded:
    """``budget/unicef_transfers.*`` read and checked like every money file (file, row,
    column of each problem); absent: no transfers. The activity must be UNICEF-funded."""
    frame, problems = read_input(data, "budget", TRANSFERS)
    funding = {a.id: a.funding for a in plan.activities}
    activity_funding = frame["activity"].map(funding)
    not_unicef = activity_funding.notna() & (activity_funding != SOURCE)
    frame["source"] = SOURCE  # the file has no source: every transfer is UNICEF's
    frame, more = check_money_rows(frame, plan, rates)
    # the source was ours, not the file's: say what is wrong with the activity instead
    problems += [p for p in more if p.column != "source" and p.key != "problem.no_funding"]
    problems += from_mask(frame, not_unicef, ERROR, "activity", "face.not_unicef",
                          funding=activity_funding)
    reference = frame["reference"].str.strip()
    missing_reference = reference == ""
    duplicate = duplicated(reference) & ~missing_reference
    modality = lookup(frame["modality"].str.strip().str.lower(), MODALITIES)
    unknown_modality = modality.isna() & (frame["modality"] != "")
    missing_modality = frame["modality"] == ""
    bad_period = pd.Series(False, index=frame.index)
    parsed = {}
    for column in ("period_start", "period_end"):
        days, bad = parse_dates(frame[column])
        missing = days.isna() & ~bad
        problems += from_mask(frame, bad, ERROR, column, "problem.bad_date")
        problems += from_mask(frame, missing, ERROR, column, "problem.missing_value")
        parsed[column] = days
        bad_period |= bad | missing
    reversed_ = ~bad_period & (parsed["period_end"] < parsed["period_start"])
    accepted, bad_accepted, accepted_sign = parse_amounts(frame["accepted"])
    bad_accepted = bad_accepted | accepted_sign
    negative_accepted = accepted.fillna(0) < 0
    amount = frame["amount_minor"]
    not_positive = amount.notna() & (amount <= 0)
    not_usd = (frame["currency"] != CURRENCY) & frame["valid"]
    above = ~bad_accepted & ~negative_accepted & amount.notna() & accepted.notna() & (
        accepted > amount) & (modality == "dct")
    problems += from_mask(frame, missing_reference, ERROR, "reference", "problem.missing_value")
    problems += from_mask(frame, duplicate, ERROR, "reference", "face.duplicate_reference")
    problems += from_mask(frame, missing_modality, ERROR, "modality", "problem.missing_value")
    problems += from_mask(frame, unknown_modality, ERROR, "modality", "face.unknown_modality")
    problems += from_mask(frame, reversed_, ERROR, "period_end", "face.period_reversed",
                          start=frame["period_start"])
    problems += from_mask(frame, bad_accepted, ERROR, "accepted", "problem.bad_number")
    problems += from_mask(frame, negative_accepted, ERROR, "accepted", "face.negative")
    problems += from_mask(frame, not_positive, ERROR, "amount", "face.not_positive")
    problems += from_mask(frame, not_usd, ERROR, "currency", "face.not_usd")
    problems += from_mask(frame, above, WARNING, "accepted", "face.accepted_above_amount",
                          amount=frame["amount"])
    frame["reference"] = reference
    frame["modality"] = modality.fillna(frame["modality"])
    frame["period_start"] = parsed["period_start"]
    frame["period_end"] = parsed["period_end"]
    frame["accepted_minor"] = accepted
    frame["valid"] = frame["valid"] & ~(
        not_unicef | missing_reference | duplicate | modality.isna() | bad_period | reversed_
        | bad_accepted | negative_accepted | not_positive | not_usd)
    return Loaded(conform(frame, TRANSFERS), problems)


def transfers(project: Project) -> pd.DataFrame:
    """The valid transfers, in file order."""
    frame = project.transfers
    return frame.loc[frame["valid"]]


# --- quarters ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """``2025Q2`` (or ``2025-Q2``, any case); anything else is a :class:`UserError`."""
        found = re.fullmatch(r"\s*(20[0-9]{2})-?[Qq]([1-4])\s*", str(text))
        if not found:
            raise UserError("face.bad_quarter", value=str(text)[:80])
        return cls(int(found.group(1)), int(found.group(2)))

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        return last_day(self.year, 3 * self.number)

    @property
    def months(self) -> list[str]:
        return [f"{self.year}-{m:02d}" for m in range(3 * self.number - 2, 3 * self.number + 1)]

    def next(self) -> Quarter:
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, last_day(year, month).day))


# --- the form ---------------------------------------------------------------------------------


@dataclass
class Face:
    """The FACE form of a quarter: ``rows`` (one per UNICEF-funded activity, money in exact
    cents, ``B_kzt`` in tiyn) and ``total``; ``flags`` are the checks as of ``as_of``;
    ``warnings`` what the form itself must say (a new request while an old advance is
    open)."""

    quarter: Quarter
    request: Quarter | None
    as_of: date
    rows: pd.DataFrame
    total: dict[str, int | None]
    flags: list[Flag] = field(default_factory=list)
    warnings: list[Flag] = field(default_factory=list)
    rate: str = "NBK"
    converted: int = 0  # payments in tenge turned into dollars
    currency: str = CURRENCY


def _overlaps(frame: pd.DataFrame, start: date, end: date) -> pd.Series:
    return (frame["period_start"] <= pd.Timestamp(end)) & (
        frame["period_end"] >= pd.Timestamp(start))


def quarter_payments(project: Project, start: date, end: date) -> pd.DataFrame:
    """The UNICEF payments dated from ``start`` to ``end`` (refunds among them), each with
    ``usd_cents`` (NBK rate of its date for a payment in tenge) — the rows ``summary
    --source UNICEF`` counts between the two dates."""
    paid = project.payments_on(end)
    paid = paid.loc[(paid["source"] == SOURCE) & (paid["date"] >= pd.Timestamp(start))]
    cents = usd_cents(paid, project.rates)
    if cents.isna().any():
        first = paid.loc[cents.isna()].iloc[0]
        raise UserError("face.no_usd_rate", payment=first["id"],
                        day=first["date"].date().isoformat())
    return paid.assign(usd_cents=cents.astype("int64"))


def _fx_difference(project: Project, paid: pd.DataFrame) -> int:
    """Payments not in dollars: their dollars at the UN operational rate of their month minus
    at the NBK rate (the form's): the gain (+) or loss (−) UNICEF's books would show."""
    total = 0
    for row in paid.loc[paid["currency"] != CURRENCY].itertuples():
        unore = rate_on(project, row.date.date(), "UNORE")
        if unore is None:
            raise UserError("face.no_unore_rate", payment=row.id,
                            month=row.date.strftime("%Y-%m"))
        total += round_half_away(Fraction(int(row.kzt_minor)) / unore[0]) - int(row.usd_cents)
    return total


def planned_requests(project: Project, quarter: Quarter, as_of: date) -> dict[str, int]:
    """Dollar cents per UNICEF activity planned for the months of ``quarter``: the budget
    lines in force on ``as_of`` spread over months as the ledger spreads them (the monthly
    financing plan, else evenly over the activity's months), exactly."""
    lines = project.budget_on(as_of, ["approved", "adjusted"])
    lines = latest_lines(lines.loc[lines["source"] == SOURCE], ("year", "activity", "specifics"))
    cents = usd_cents(lines, project.rates)
    out: dict[str, int] = {}
    wanted = set(quarter.months)
    for line, amount in zip(lines.itertuples(), cents, strict=True):
        if pd.isna(amount):
            continue
        months, weights, _ = monthly_profile(project, int(line.year), line.activity, SOURCE,
                                             line.specifics)
        for month, part in zip(months, split_exact(int(amount), weights), strict=True):
            if f"{int(line.year)}-{month:02d}" in wanted:
                out[line.activity] = out.get(line.activity, 0) + part
    return out


def face(project: Project, quarter: Quarter | str, request: Quarter | str | None = None,
         requested: Mapping[str, int] | None = None, as_of: date | None = None) -> Face:
    """The FACE form of ``quarter`` (see the module's docstring). ``request``: the quarter of
    the new request (E, F); ``requested``: dollar cents per activity given instead of the
    plan's; ``as_of`` (default: the quarter's last day) dates the budget lines of E and the
    checks."""
    quarter = Quarter.parse(quarter) if isinstance(quarter, str) else quarter
    if isinstance(request, str):
        request = Quarter.parse(request)
    if request is None and requested:
        request = quarter.next()
    if request is not None and request.start <= quarter.end:
        raise UserError("face.request_not_after", request=str(request), quarter=str(quarter))
    as_of = as_of or quarter.end
    unicef = [a.id for a in project.plan.activities if a.funding == SOURCE]
    given = dict(requested or {})
    strange = sorted(set(given) - set(unicef))
    if strange:
        raise UserError("face.not_unicef_request", activities=", ".join(strange))
    known = transfers(project)
    reported = known.loc[_overlaps(known, quarter.start, quarter.end)]
    # advances of earlier periods not yet liquidated: their balance is still to report
    earlier = _open_advances(known, quarter.end)
    earlier = earlier.loc[earlier["period_end"] < pd.Timestamp(quarter.start)]
    paid = quarter_payments(project, quarter.start, quarter.end)
    if request is not None:
        ahead = known.loc[(known["period_start"] > pd.Timestamp(quarter.end))
                          & _overlaps(known, request.start, request.end)]
        planned = planned_requests(project, request, as_of)
    activities = sorted(set(unicef) | set(reported["activity"]) | set(paid["activity"])
                        | set(earlier["activity"]), key=code_key)
    titles = project.plan.titles(get_lang())  # the activities as the language names them
    rows = []
    for code in activities:
        mine = reported.loc[reported["activity"] == code]
        spent = paid.loc[paid["activity"] == code]
        old = earlier.loc[earlier["activity"] == code]
        forward = int(_outstanding(old).sum())
        a = int(mine["amount_minor"].sum()) + forward
        c = int(mine["accepted_minor"].fillna(0).sum())
        row: dict[str, object] = {
            "activity": code, "title": titles.get(code, ""),
            "modalities": ", ".join(sorted(set(mine["modality"]) | set(old["modality"]))),
            "references": ", ".join([*mine["reference"], *old["reference"]]),
            "A": a, "B": int(spent["usd_cents"].sum()), "C": c, "D": a - c,
            "brought_forward": forward,
            "E": None, "F": None, "G": a - c,
            "B_kzt": int(spent["kzt_minor"].sum()),
            "fx_difference": _fx_difference(project, spent),
            "pending": bool(mine["accepted_minor"].isna().any()),
        }
        if request is not None:
            f = int(ahead.loc[ahead["activity"] == code, "amount_minor"].sum())
            row["E"] = given.get(code, planned.get(code, 0))
            row["F"] = f
            row["G"] = a - c + f
        rows.append(row)
    table = pd.DataFrame(rows, columns=["activity", "title", "modalities", "references",
                                        *COLUMNS, "brought_forward", "B_kzt", "fx_difference",
                                        "pending"])
    total: dict[str, int | None] = {
        column: None if request is None and column in ("E", "F") else int(table[column].sum())
        for column in (*COLUMNS, "brought_forward", "B_kzt", "fx_difference")}
    flags = face_checks(project, as_of)
    warnings = ([f for f in flags if f.key == "face.flag_overdue"] if request is not None
                else [])
    return Face(quarter, request, as_of, table, total, flags, warnings,
                converted=int((paid["currency"] != CURRENCY).sum()))


# --- the checks ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """One finding of UNICEF's rules: a label key, the transfer's reference, the activity,
    and the figures of the message (money in cents)."""

    key: str
    reference: str
    activity: str
    severity: str = WARNING
    params: dict = field(default_factory=dict, compare=False, hash=False)

    def message(self) -> str:
        from ..i18n import format_number, t

        shown = {k: (f"{format_number(v / 100)} {CURRENCY}" if k in _MONEY_PARAMS else v)
                 for k, v in self.params.items()}
        return t(self.key, reference=self.reference, activity=self.activity, **shown)

    def as_json(self) -> dict:
        return {"check": self.key.removeprefix("face.flag_"), "severity": self.severity,
                "reference": self.reference, "activity": self.activity,
                **{k: (round(v / 100, 2) if k in _MONEY_PARAMS else v)
                   for k, v in self.params.items()},
                "message": self.message()}


_MONEY_PARAMS = {"outstanding", "authorised", "spent", "moved"}


def _outstanding(rows: pd.DataFrame) -> pd.Series:
    return rows["amount_minor"] - rows["accepted_minor"].fillna(0)


def _open_advances(known: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """The advances (DCT) dated by ``as_of`` that accepted expenditure has not liquidated."""
    return known.loc[(known["modality"] == "dct") & (known["date"] <= pd.Timestamp(as_of))
                     & (_outstanding(known) > 0)]


def face_checks(project: Project, as_of: date) -> list[Flag]:
    """UNICEF's rules as of ``as_of``, on the transfers dated by then (see the module)."""
    known = transfers(project)
    known = known.loc[known["date"] <= pd.Timestamp(as_of)]
    flags: list[Flag] = []
    advances = known.loc[(known["modality"] == "dct") & (_outstanding(known) > 0)]
    for row in advances.itertuples():
        given = row.date.date()
        if add_months(given, OVERDUE_MONTHS) < as_of:
            flags.append(Flag("face.flag_overdue", row.reference, row.activity, params={
                "age_days": (as_of - given).days, "age_months": _whole_months(given, as_of),
                "outstanding": int(row.amount_minor) - int(
                    0 if pd.isna(row.accepted_minor) else row.accepted_minor)}))
    started = known.loc[known["period_start"] <= pd.Timestamp(as_of)]
    if not started.empty:
        paid = quarter_payments(project, started["period_start"].min().date(), as_of)
        groups = []
        for (start, end, code), rows in started.groupby(
                ["period_start", "period_end", "activity"], sort=True):
            until = min(end, pd.Timestamp(as_of))
            spent = int(paid.loc[(paid["activity"] == code) & (paid["date"] >= start)
                                 & (paid["date"] <= until), "usd_cents"].sum())
            authorised = int(rows["amount_minor"].sum())
            refs = ", ".join(rows["reference"])
            groups.append((start, end, code, authorised, spent, refs))
            if spent > authorised * (1 + TOLERANCE):
                flags.append(Flag("face.flag_overspent", refs, code, params={
                    "authorised": authorised, "spent": spent,
                    "percent": _percent(spent - authorised, authorised)}))
        by_period: dict[tuple, list] = {}
        for group in groups:
            by_period.setdefault(group[:2], []).append(group)
        for period, members in by_period.items():
            if len(members) < 2:
                continue
            over = sum(max(0, g[4] - g[3]) for g in members)
            under = sum(max(0, g[3] - g[4]) for g in members)
            moved, authorised = min(over, under), sum(g[3] for g in members)
            if authorised and moved > authorised * TOLERANCE:
                flags.append(Flag("face.flag_reallocation", ", ".join(g[5] for g in members),
                                  ", ".join(g[2] for g in members), params={
                                      "moved": moved, "authorised": authorised,
                                      "percent": _percent(moved, authorised),
                                      "start": period[0].date().isoformat(),
                                      "end": period[1].date().isoformat()}))
    dct = known.loc[known["modality"] == "dct"]
    for request in dct.itertuples():
        for old in advances.itertuples():
            if old.reference != request.reference and add_months(
                    old.date.date(), OVERDUE_MONTHS) < request.date.date():
                flags.append(Flag("face.flag_request_while_overdue", request.reference,
                                  request.activity, params={
                                      "old": old.reference,
                                      "age_months": _whole_months(old.date.date(),
                                                                  request.date.date())}))
    return flags


def checks_frame(flags: list[Flag]) -> pd.DataFrame:
    """The flags for people: the check's short name, the transfer, the message (in the
    current language) — ``face --check`` and the report's sheet."""
    from ..i18n import t

    return pd.DataFrame([{"check": t("face.check." + f.key.removeprefix("face.flag_")),
                          "reference": f.reference, "message": f.message()} for f in flags],
                        columns=["check", "reference", "message"])


def advances(project: Project, as_of: date) -> pd.DataFrame:
    """The advances (DCT) dated by ``as_of`` that accepted expenditure has not liquidated:
    ``reference``, ``activity``, ``date``, ``amount``, ``accepted``, ``outstanding`` (cents)
    and ``age_days``, the oldest first (the report's and the dashboard's list)."""
    open_ = _open_advances(transfers(project), as_of).sort_values(["date", "_row"])
    return pd.DataFrame({
        "reference": open_["reference"], "activity": open_["activity"], "date": open_["date"],
        "amount": open_["amount_minor"].astype("int64"),
        "accepted": open_["accepted_minor"].fillna(0).astype("int64"),
        "outstanding": _outstanding(open_).astype("int64"),
        "age_days": (pd.Timestamp(as_of) - open_["date"]).dt.days.astype("int64"),
    }).reset_index(drop=True)


def _whole_months(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if add_months(start, months) > end else 0)


def _percent(part: int, whole: int) -> str:
    return "—" if not whole else f"{round_half_away(Fraction(100 * part, whole))}"


def quarter_label(quarter: Quarter | None) -> str:
    """A quarter as people read it: its first and last day (the period of the form)."""
    if quarter is None:
        return ""
    from ..i18n import format_date

    return f"{format_date(quarter.start)} – {format_date(quarter.end)}"


def _money(value: int | None) -> float | None:
    """Cents as dollars for JSON, as every command writes money (exact to the cent)."""
    return None if value is None or pd.isna(value) else round(int(value) / 100, 2)


def face_json(form: Face, example_data: bool) -> dict:
    """The ``mics-budget face --format json`` document."""
    rows = []
    for record in form.rows.to_dict("records"):
        rows.append({"activity": record["activity"], "modalities": record["modalities"],
                     "references": record["references"],
                     **{c: _money(record[c]) for c in COLUMNS},
                     "brought_forward": _money(record["brought_forward"]),
                     "accepted_pending": bool(record["pending"]),
                     "B_kzt": _money(record["B_kzt"]),
                     "fx_difference": _money(record["fx_difference"])})
    return {"quarter": str(form.quarter), "request": str(form.request) if form.request else None,
            "as_of": form.as_of.isoformat(), "currency": form.currency,
            "example_data": example_data,
            "fx": {"rate": form.rate, "payments_converted": form.converted,
                   "fx_difference": _money(form.total["fx_difference"])},
            "rows": rows, "total": {c: _money(form.total[c])
                                    for c in (*COLUMNS, "brought_forward", "B_kzt")},
            "warnings": [f.as_json() for f in form.warnings],
            "flags": [f.as_json() for f in form.flags]}
