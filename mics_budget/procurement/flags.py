"""Red flags of the procurement register (rules and thresholds in ``params/red_flags.yaml``).

After the Open Contracting Partnership's red flags guide and its Cardinal tool. A flag is a
frozen :class:`Flag` value — lot, code, severity and the facts behind it — translated only when
shown, so JSON, CSV, the report and the dashboard share one path and a language switch just
renders again. Each rule looks at the whole register at once (grouped by lot, never a loop
over lots), so the cost is linear in lots + events + payments.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

import pandas as pd

from ..core.params import RedFlagRules, red_flag_rules
from ..core.values import isin
from ..i18n import format_date, format_money, format_percent, stage_name, t
from .lifecycle import IN_FORCE, SUPPLIER_NAMED
from .status import register

if TYPE_CHECKING:
    from ..project import Project

FLAG_NAMES = ("single_bid", "short_submission", "single_source_without_note",
              "price_near_estimate", "amendment_increase", "delivery_after_need",
              "payment_above_contract", "payment_before_delivery", "payment_without_lot",
              "supplier_several_lots", "unreliable_supplier", "act_penalty")
FLAG_COLUMNS = ["lot", "flag", "severity", "detail"]

# how the facts of a flag are written for people (anything else: as text)
_MONEY = {"old", "new", "paid", "contract", "amount", "fine", "estimate"}
_SHARE = {"share", "threshold", "rise"}
_DATE = {"start", "end", "date", "planned", "needed_by", "signed", "delivered"}


@dataclass(frozen=True)
class Flag:
    """One red flag: ``lot`` (None for a payment naming no lot), ``code`` (a name of
    :data:`FLAG_NAMES`), ``severity`` and ``facts`` (KZT amounts, shares, dates, codes)."""

    lot: str | None
    code: str
    severity: str
    facts: tuple[tuple[str, object], ...] = ()

    #: the labels of a code are ``<kind>.<code>`` (title), ``.explain`` and ``.detail``
    kind: ClassVar[str] = "flag"

    @property
    def title(self) -> str:
        return t(f"{self.kind}.{self.code}")

    @property
    def explanation(self) -> str:
        return t(f"{self.kind}.{self.code}.explain")

    @property
    def detail(self) -> str:
        """The sentence for people, in the current language."""
        return t(f"{self.kind}.{self.code}.detail", **{k: _shown(k, v) for k, v in self.facts})

    def as_json(self) -> dict:
        """``lot``, ``flag`` (the code), ``severity`` and ``detail`` (the contract of
        ``procurement flags --format json``), plus ``title`` and the language-free ``facts``."""
        return {"lot": self.lot, "flag": self.code, "severity": self.severity,
                "detail": self.detail, "title": self.title,
                "facts": {k: _plain(v) for k, v in self.facts}}


def _shown(name: str, value: object) -> str:
    if name in _MONEY:
        return format_money(value)
    if name in _SHARE:
        return format_percent(value)
    if name in _DATE:
        return format_date(value) if value is not None else "—"  # type: ignore[arg-type]
    if name == "method":
        return t(f"method.{value}")
    if name == "stage":
        return stage_name(str(value))
    if isinstance(value, date):  # a value of any field that is a day
        return format_date(value)
    if isinstance(value, float):  # an amount of any field, in KZT
        return format_money(value)
    return str(value)


def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    return value.item() if hasattr(value, "item") else value


def flags_frame(flags: Iterable[Flag]) -> pd.DataFrame:
    """Flags as a table for people: translated title and severity, the detail sentence."""
    flags = list(flags)
    titles = {f.code: f.title for f in {f.code: f for f in flags}.values()}  # once per code
    severities = {s: t(f"severity.{s}") for s in {f.severity for f in flags}}
    return pd.DataFrame({"lot": [f.lot or "" for f in flags],
                         "flag": [titles[f.code] for f in flags],
                         "severity": [severities[f.severity] for f in flags],
                         "detail": [f.detail for f in flags]}, columns=FLAG_COLUMNS)


def red_flags(project: Project, as_of: date, rules: RedFlagRules | None = None,
              table: pd.DataFrame | None = None) -> list[Flag]:
    """Every red flag as of a date: lot by lot in register order (each lot's flags in the
    order of :data:`FLAG_NAMES`), then the payments that name no lot."""
    rules = rules if rules is not None else red_flag_rules()
    table = register(project, as_of) if table is None else table
    events, payments = project.events_on(as_of), project.payments_on(as_of)
    position = {lot: i for i, lot in enumerate(table["lot"])}
    found: list[tuple[int, int, int, Flag]] = []

    def add(code: str, rows: pd.DataFrame, facts: dict[str, pd.Series | list],
            severity: pd.Series | None = None) -> None:
        rule = rules.rule(code)
        if rule is None or rows.empty:
            return
        order = FLAG_NAMES.index(code)
        lots = rows["lot"].tolist()
        levels = severity.tolist() if severity is not None else [rule.severity] * len(rows)
        keys = tuple(facts)
        values = zip(*[v.tolist() if isinstance(v, pd.Series) and v.dtype == "str" else list(v)
                       for v in facts.values()], strict=True) if keys else [()] * len(lots)
        for i, (lot, level, row) in enumerate(zip(lots, levels, values, strict=True)):
            flag = Flag(lot, code, level, tuple(zip(keys, row, strict=True)))
            found.append((position[lot], order, i, flag))

    lots = table.assign(estimate=table["estimate"].astype("float64"))
    _lot_flags(add, lots, events, rules)
    _payment_flags(add, lots, payments, rules)
    _portal_flags(add, lots, events, project, pd.Timestamp(as_of), rules)
    found.sort(key=lambda item: item[:3])
    flags = [flag for *_, flag in found]
    rule = rules.payment_without_lot
    if rule is not None:
        procurement = [a.id for a in project.plan.activities if a.procurement]
        loose = payments.loc[isin(payments["activity"], procurement) & (payments["contract"] == "")]
        flags += [Flag(None, "payment_without_lot", rule.severity,
                       (("payment", p), ("activity", a), ("amount", k / 100)))
                  for p, a, k in zip(loose["id"], loose["activity"], loose["kzt_minor"],
                                     strict=True)]
    return flags


def _lot_flags(add, lots: pd.DataFrame, events: pd.DataFrame, rules: RedFlagRules) -> None:
    if rules.single_bid is not None:
        rows = lots.loc[lots["method"].isin(rules.single_bid.methods) & lots["bids"].eq(1)
                        .fillna(False)]
        add("single_bid", rows, {"method": rows["method"]})
    if rules.short_submission is not None:
        rows = _short_submissions(lots, events, rules.short_submission.min_days)
        add("short_submission", rows, {"days": rows["days"], "minimum": rows["minimum"],
                                       "law": rows["law"]})
    noted = events.assign(noted=events["note"] != "").groupby("lot")["noted"].any()
    rows = lots.loc[(lots["method"] == "single_source") & lots["lot"].isin(noted.index)
                    & ~lots["lot"].map(noted).eq(True)]
    add("single_source_without_note", rows, {})
    if rules.price_near_estimate is not None:
        threshold = rules.price_near_estimate.threshold
        rows = lots.loc[lots["contract_amount"].notna() & lots["estimate"].notna()
                        & (lots["estimate"] > 0)
                        & (lots["contract_amount"] >= threshold * lots["estimate"])]
        add("price_near_estimate", rows, {
            "share": rows["contract_amount"] / rows["estimate"],
            "threshold": [threshold] * len(rows)})
    if rules.amendment_increase is not None:
        _amendments(add, lots, events, rules)
    rows = lots.loc[(lots["need_delay_days"] > 0).fillna(False) & (lots["stage"] != "")]
    add("delivery_after_need", rows, {
        "days": rows["need_delay_days"].astype("int64"), "activities": rows["need_activities"],
        "start": [d.date() for d in rows["need_start"]]})


def _short_submissions(lots: pd.DataFrame, events: pd.DataFrame,
                       min_days: dict[str, dict[str, int]]) -> pd.DataFrame:
    """Each announcement (each round of a repeated tender) with the first evaluation on or
    after it, where the days between are fewer than the law's minimum for the method."""
    minimum = pd.Series([min_days.get(law, {}).get(method, 0) for law, method in zip(
        lots["law"], lots["method"], strict=True)], index=lots["lot"], dtype="int64")
    starts = events.loc[events["status"] == "announced", ["lot", "date"]]
    ends = events.loc[events["status"] == "evaluation", ["lot", "date"]].rename(
        columns={"date": "end"})
    if starts.empty or ends.empty:
        return lots.iloc[:0].assign(days=[], minimum=[])
    starts = starts.assign(_seq=range(len(starts)))
    paired = pd.merge_asof(starts.sort_values("date"), ends.sort_values("end"), left_on="date",
                           right_on="end", by="lot", direction="forward").sort_values("_seq")
    paired["minimum"] = paired["lot"].map(minimum).fillna(0).astype("int64")
    paired["days"] = (paired["end"] - paired["date"]).dt.days
    short = paired.loc[paired["end"].notna() & (paired["minimum"] > 0)
                       & (paired["days"] < paired["minimum"])]
    law = lots.set_index("lot")["law"]
    return short.assign(days=short["days"].astype("int64"), law=short["lot"].map(law))


def _amendments(add, lots: pd.DataFrame, events: pd.DataFrame, rules: RedFlagRules) -> None:
    """Each amendment raising the amount in force: an error once the rise since the first
    signed amount passes the cumulative threshold."""
    rule = rules.amendment_increase
    assert rule is not None
    steps = events.loc[isin(events["status"], IN_FORCE) & isin(events["lot"], lots["lot"]),
                       ["lot", "status", "amount_minor"]]
    amount = steps["amount_minor"].astype("float64")
    first = amount.groupby(steps["lot"]).transform("first")
    previous = amount.groupby(steps["lot"]).shift()
    rows = steps.loc[(steps["status"] == "amended") & (amount > previous).fillna(False)]
    rise = ((amount - first) / first.where(first != 0)).fillna(0).loc[rows.index]
    severity = pd.Series(rule.severity, index=rows.index).where(
        rise <= rule.cumulative_threshold, rule.cumulative_severity)
    add("amendment_increase", rows, {"old": previous.loc[rows.index] / 100,
                                     "new": amount.loc[rows.index] / 100, "rise": rise},
        severity)


def _payment_flags(add, lots: pd.DataFrame, payments: pd.DataFrame,
                   rules: RedFlagRules) -> None:
    rows = lots.loc[lots["contract_amount"].notna() & (lots["paid"] > lots["contract_amount"])]
    add("payment_above_contract", rows, {"paid": rows["paid"],
                                         "contract": rows["contract_amount"]})
    on_lot = payments.loc[isin(payments["contract"], lots["lot"]), ["contract", "id", "date"]]
    if len(on_lot):  # (an empty column of no type cannot be matched with dates)
        delivered = on_lot["contract"].map(lots.set_index("lot")["delivered"])
        early = on_lot.loc[delivered.isna() | (on_lot["date"] < delivered)]
        first = early.groupby("contract", sort=False).head(1).rename(columns={"contract": "lot"})
        add("payment_before_delivery", first, {"payment": first["id"],
                                               "date": [d.date() for d in first["date"]]})
    rule = rules.supplier_several_lots
    if rule is not None:
        winners = lots.loc[lots["supplier"] != ""]
        key = winners["supplier_bin"].where(winners["supplier_bin"] != "", winners["supplier"])
        count = key.groupby(key).transform("size").astype("int64")
        rows = winners.loc[count >= rule.min_lots]
        add("supplier_several_lots", rows, {"supplier": rows["supplier"],
                                            "count": count.loc[rows.index]})


def _portal_flags(add, lots: pd.DataFrame, events: pd.DataFrame, project: Project,
                  as_of: pd.Timestamp, rules: RedFlagRules) -> None:
    """What goszakup.gov.kz makes visible (:mod:`.portal_facts`): a winner in the register of
    unreliable participants while its contract ran (listed on or before ``as_of`` and not
    struck off before the award), acceptance acts with a fine or a delay."""
    facts = project.portal
    rnu = facts.unreliable
    if rules.unreliable_supplier is not None and len(rnu):
        steps = events.loc[isin(events["status"], SUPPLIER_NAMED)
                           & isin(events["lot"], lots["lot"])]
        named = steps.groupby("lot")["date"].min()
        winners = steps.loc[steps["supplier_bin"] != ""].groupby("lot", sort=False).tail(1)[
            ["lot", "supplier", "supplier_bin"]]
        listed = winners.merge(rnu, on="supplier_bin", sort=False)
        since = pd.Series(named.reindex(listed["lot"]).to_numpy(), index=listed.index,
                          dtype="datetime64[us]").fillna(as_of)
        on = ((listed["start_date"].isna() | (listed["start_date"] <= as_of))
              & (listed["end_date"].isna() | (listed["end_date"] >= since)))
        # one row per lot: ``add`` puts the flags in register order
        rows = listed.loc[on].sort_values("start_date", kind="stable").drop_duplicates("lot")
        add("unreliable_supplier", rows, {
            "supplier": rows["supplier"].where(rows["supplier"] != "", rows["supplier_name"]),
            "bin": rows["supplier_bin"],
            "start": [None if pd.isna(d) else d.date() for d in rows["start_date"]],
            "end": [None if pd.isna(d) else d.date() for d in rows["end_date"]]})
    rule = rules.act_penalty
    penalties = facts.penalties
    if rule is not None and len(penalties):
        fine = penalties["sum_fine_minor"].fillna(0)
        days = penalties["day_overdue"].fillna(0)
        rows = penalties.loc[penalties["lot"].isin(lots["lot"])
                             & (penalties["date"].isna() | (penalties["date"] <= as_of))
                             & ((fine > round(rule.min_fine * 100))
                                | (days >= rule.min_days_overdue))]
        rows = rows.sort_values(["date", "act_id"], kind="stable")
        add("act_penalty", rows, {
            "act": rows["act_id"],
            "date": [None if pd.isna(d) else d.date() for d in rows["date"]],
            "fine": (rows["sum_fine_minor"].fillna(0).astype("int64") / 100).tolist(),
            "days": rows["day_overdue"].fillna(0).astype("int64").tolist()})
