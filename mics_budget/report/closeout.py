"""The close-out report of a whole plan (or of a span of its months): what was planned, spent,
done and bought, and what is left for the next plan.

The notebook ``notebooks/closeout.ipynb`` only calls :meth:`Closeout.build` and the ``show_*``
methods; the XLSX holds the same tables. Its figures are those of ``mics-budget summary`` on
the period's last day: the money of the budget years the period covers (all of them: the
whole plan, by source; each year: ``summary --year``), so that the report reconciles with the
command to the tiyn. Every table's title names its period.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from .. import i18n
from ..core.months import month_end
from ..core.params import specifics_names
from ..i18n import format_money, format_percent, funding_name, stage_name, t
from ..ledger.currency_effect import unicef_in_usd
from ..ledger.plan import code_key
from ..ledger.spending import MONEY, SOURCES, budget_lines, spending_minor, to_kzt
from ..procurement.carryover import open_lots
from ..procurement.flags import flags_frame, red_flags
from ..procurement.kpis import procurement_kpis
from ..procurement.lifecycle import DIRECT_METHODS, NATURAL_NEXT
from ..procurement.status import register
from ..project import Project, load
from . import charts
from ._altair import alt
from .presentation import Table, kpi_table, problems_table
from .report import ReportPages, _in_its_language, _sources
from .runner import plan_months

SECTIONS = ("execution", "currency", "activities", "procurement", "carry_over", "problems")
#: the money columns of the close-out's execution tables, in order
FIGURES = ["approved", "plan", "committed", "paid", "remaining", "uncommitted", "execution"]
#: what became of a lot when the period ends: the stages grouped
OUTCOMES = {"delivered": "completed", "paid": "completed", "closed": "completed",
            "cancelled": "cancelled", "terminated": "terminated", "contracted": "contracted",
            "awarded": "in_procedure", "evaluation": "in_procedure",
            "announced": "in_procedure", "unsuccessful": "in_procedure",
            "planned": "not_started", "": "not_started"}
OUTCOME_ORDER = ("completed", "contracted", "in_procedure", "not_started", "terminated",
                 "cancelled")


@dataclass
class Closeout(ReportPages):
    project: Project
    first: str  # YYYY-MM: the period's first month
    last: str   # YYYY-MM: its last month; figures are as of its last day
    lang: str
    tables: dict[str, Table] = field(default_factory=dict)
    charts: dict[str, alt.TopLevelMixin] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)

    @property
    def as_of(self) -> date:
        return month_end(self.last)

    @property
    def years(self) -> list[int]:
        """The budget years the period covers."""
        return list(range(int(self.first[:4]), int(self.last[:4]) + 1))

    @property
    def whole_plan(self) -> bool:
        return (self.first, self.last) == plan_months(self.project)

    @classmethod
    def build(cls, data_dir: str | None, first: str, last: str, lang: str = "ru"
              ) -> Closeout:
        """The close-out of the months ``first``..``last`` in ``lang`` (also made the current
        language, for the notebook)."""
        i18n.set_lang(lang)
        report = cls(load(data_dir or None), first, last, lang)
        report._build()
        return report

    # --- periods --------------------------------------------------------------------------
    @property
    def period(self) -> str:
        """«2023–2025 гг., на 31.12.2025»: the money of the period's years on its last day."""
        return i18n.plan_period((self.years[0], self.years[-1]), self.as_of)

    @property
    def life(self) -> str:
        """The period of what is counted from the plan's start whatever the period (the
        register, UNICEF in dollars): «2023–2025 гг., на 31.12.2025»."""
        return i18n.plan_period(self.project.plan.years, self.as_of)

    def _on_end(self) -> str:
        return t("period.on", date=i18n.format_date(self.as_of))

    # --- content --------------------------------------------------------------------------
    def _build(self) -> None:
        self._execution()
        self._currency()
        self._activities()
        self._procurement()
        self._carry_over()
        self.tables["problems"] = problems_table(self.project.problems)
        self.summary = self._summary()

    def figures(self, by: list[str], year: int | None = None) -> pd.DataFrame:
        """``summary``'s figures (exact tiyn) of the period's years, plus the plan as first
        approved: by ``source`` and ``by``, summed over the years (or of one ``year``). The
        whole plan's are ``summary``'s own, of every year (``summary --as-of`` its end)."""
        keys = ["source", *by]
        years: list[int | None] = [year] if year is not None else (
            [None] if self.whole_plan else list(self.years))
        parts = []
        for each in years:
            table = spending_minor(self.project, self.as_of, by, each)
            approved = _approved(self.project, self.as_of, each, by)
            table = table.merge(approved, on=keys, how="outer")
            parts.append(table)
        joined = pd.concat(parts, ignore_index=True)
        money = ["approved", *MONEY, "proposed"]
        joined[money] = joined[money].fillna(0).astype("int64")
        summed = joined.groupby(keys, dropna=False, sort=False)[money].sum().reset_index()
        summed = summed.sort_values(keys, key=lambda c: c.map(code_key) if c.name != "source"
                                    else c.map(_source_rank), kind="stable",
                                    ignore_index=True)
        out = to_kzt(summed, keys)
        out["approved"] = summed["approved"] / 100
        return out

    def _execution(self) -> None:
        money = dict.fromkeys(FIGURES, "money") | {"execution": "percent", "source": "code"}
        totals = self.figures([])
        self.totals = totals
        self.tables["closeout_totals"] = Table(
            "closeout_totals", _sources(totals[["source", *FIGURES]]), money,
            period=self.period, note=t("closeout.plan_note"))
        by_year = pd.concat([self.figures([], year).assign(year=year) for year in self.years],
                            ignore_index=True)
        by_year = by_year.sort_values(["source", "year"], kind="stable")
        self.by_year = by_year
        self.tables["closeout_by_year"] = Table(
            "closeout_by_year", _sources(by_year[["source", "year", *FIGURES]]),
            money | {"year": "code"}, period=self.period)
        titles = self.project.plan.section_titles(self.lang)
        by_section = self.figures(["section"])
        by_section.insert(2, "section_title", by_section["section"].map(titles))
        self.tables["closeout_by_section"] = Table(
            "closeout_by_section", _sources(by_section[["source", "section", "section_title",
                                                        *FIGURES]]),
            money | {"section": "code"}, period=self.period)
        by_activity = self.figures(["activity"])
        by_activity.insert(2, "title", by_activity["activity"].map(
            self.project.plan.titles(self.lang)))
        self.tables["closeout_by_activity"] = Table(
            "closeout_by_activity", _sources(by_activity[["source", "activity", "title",
                                                          *FIGURES]]),
            money | {"activity": "code"}, labels={"title": t("col.activity_title")},
            period=self.period)
        yearly = by_year.groupby("year", as_index=False)[["plan", "committed", "paid"]].sum()
        by_unit = self.figures(["unit"])
        self.tables["closeout_by_unit"] = Table(
            "closeout_by_unit", _sources(by_unit[["source", "unit", *FIGURES]]), money,
            period=self.period)
        names = specifics_names()
        by_specifics = self.figures(["specifics"])
        by_specifics.insert(2, "specifics_name", by_specifics["specifics"].map(
            lambda c: names.get(c, ("", "", ""))[i18n.LANGS.index(self.lang)]))
        self.tables["closeout_by_specifics"] = Table(
            "closeout_by_specifics", _sources(by_specifics[["source", "specifics",
                                                            "specifics_name", *FIGURES]]),
            money | {"specifics": "code"}, period=self.period)
        self.charts["by_year"] = charts.plan_vs_paid(yearly.astype({"year": "str"}), by="year")
        self.charts["by_section"] = charts.plan_vs_paid(by_section, by="section", names=titles)

    def _currency(self) -> None:
        table = unicef_in_usd(self.project, self.as_of)
        self.tables["currency"] = Table(
            "currency", table, dict.fromkeys(table.columns[1:], "money") | {"activity": "code"},
            period=self.life, note=t("closeout.currency_note"))

    def _activities(self) -> None:
        """Every activity of the plan: finished on time, late (by how many days), not done."""
        project = self.project
        plan = project.plan.frame()
        status = project.status(self.as_of)
        frame = plan[["id", "period_text", "end"]].merge(status, on="id")
        frame.insert(1, "title", frame["id"].map(project.plan.titles(self.lang)))
        completed = pd.to_datetime(frame["completed_on"])
        end = pd.to_datetime(frame["end"])
        late_days = (completed - end).dt.days
        outcome = pd.Series("on_time", index=frame.index)
        outcome[late_days > 0] = "late"
        outcome[completed.isna()] = "not_done"
        outcome[completed.isna() & (frame["status"] != "overdue")] = "open"
        frame["outcome"] = outcome
        frame["days_late"] = late_days.where(late_days > 0).astype("Int64")
        frame.loc[outcome == "not_done", "days_late"] = frame.loc[outcome == "not_done",
                                                                  "days_overdue"]
        self.activities = frame
        shown = frame.assign(outcome=frame["outcome"].map(lambda o: t(f"closeout.outcome.{o}")))
        self.tables["closeout_activities"] = Table(
            "closeout_activities", shown[["id", "title", "period_text", "end", "completed_on",
                                          "outcome", "days_late"]],
            {"id": "code", "end": "date", "completed_on": "date", "days_late": "int"},
            labels={"end": t("col.planned_end")}, period=self._on_end())
        counts = frame["outcome"].value_counts()
        self.tables["closeout_outcomes"] = Table(
            "closeout_outcomes", pd.DataFrame({
                "outcome": [t(f"closeout.outcome.{o}") for o in counts.index],
                "count": counts.to_numpy()}), {"count": "int"}, period=self._on_end())
        self.charts["gantt"] = charts.gantt(
            plan.assign(title=plan["id"].map(project.plan.titles(self.lang))), status,
            charts.plan_intervals(project.plan), self.as_of, completions=status)

    def _procurement(self) -> None:
        project, as_of = self.project, self.as_of
        lots = register(project, as_of)
        self.register = lots
        outcome = lots["stage"].map(OUTCOMES).fillna("in_procedure")
        lots = lots.assign(outcome=outcome)
        self.lots = lots
        rows = []
        for (method, result), group in lots.groupby(["method", "outcome"], sort=False):
            rows.append({"method": method, "outcome": result, "count": len(group),
                         "estimate": _sum(group["estimate"]),
                         "contract_amount": _sum(group["contract_amount"]),
                         "savings": _sum(group["savings"]), "paid": _sum(group["paid"])})
        table = pd.DataFrame(rows, columns=["method", "outcome", "count", "estimate",
                                            "contract_amount", "savings", "paid"])
        table["_order"] = table["outcome"].map(OUTCOME_ORDER.index)
        table = table.sort_values(["method", "_order"], kind="stable").drop(columns="_order")
        shown = table.assign(method=table["method"].map(lambda m: t(f"method.{m}")),
                             outcome=table["outcome"].map(lambda o: t(f"closeout.lot.{o}")))
        money = dict.fromkeys(["estimate", "contract_amount", "savings", "paid"], "money")
        self.tables["closeout_methods"] = Table(
            "closeout_methods", shown, money | {"count": "int"}, period=self.life)
        durations = lots[["lot", "activity", "method", "stage", "planned_announce", "announced",
                          "needed_by", "delivered", "estimate", "contract_amount", "savings_pct",
                          "bids", "delay_days"]].copy()
        durations["method"] = durations["method"].map(lambda m: t(f"method.{m}"))
        durations["stage"] = durations["stage"].map(stage_name)
        self.tables["closeout_lots"] = Table(
            "closeout_lots", durations,
            {"lot": "code", "activity": "code", "planned_announce": "date", "announced": "date",
             "needed_by": "date", "delivered": "date", "estimate": "money",
             "contract_amount": "money", "savings_pct": "percent", "bids": "int",
             "delay_days": "int"}, period=self._on_end())
        self.kpis = procurement_kpis(project, as_of, table=self.register)
        self.tables["kpis"] = kpi_table(self.kpis)
        self.tables["kpis"].period = self.life
        self.flags = red_flags(project, as_of, table=self.register)
        self.tables["flags"] = Table("flags", flags_frame(self.flags), {"lot": "code"},
                                     period=self.life)
        self.charts["lots"] = charts.lots_by_stage(self.register)

    def _carry_over(self) -> None:
        """What ``mics-budget carry-over`` would carry when the period ends (one rule:
        :func:`.carryover.open_lots`): lots not done (closed, paid, cancelled, terminated,
        failed) and lots whose contract is not fully paid, with what each still needs: the
        unpaid part of its contract, else its estimate, and the next step."""
        lots = self.lots
        carried = open_lots(self.project, self.as_of)
        carried_ids = set(carried.index[carried["carried"]])
        self.lots = lots = lots.assign(carried=lots["lot"].isin(carried_ids))
        still_open = lots.loc[lots["carried"]].copy()
        contracted = still_open["contract_amount"].notna()
        still_open["still_needed"] = still_open["left_to_pay"].where(
            contracted, still_open["estimate"])
        still_open["next_step"] = still_open["stage"].map(
            lambda s: stage_name(NATURAL_NEXT.get(s, "closed")))
        still_open["stage"] = still_open["stage"].map(stage_name)
        self.open_lots = still_open
        self.tables["closeout_carry_over"] = Table(
            "closeout_carry_over", still_open[["lot", "activity", "title", "stage",
                                               "contract_amount", "paid", "left_to_pay",
                                               "estimate", "still_needed", "next_step"]],
            {"lot": "code", "activity": "code", "contract_amount": "money", "paid": "money",
             "left_to_pay": "money", "estimate": "money", "still_needed": "money"},
            labels={"title": t("col.lot_title")}, period=self._on_end(),
            note=t("closeout.carry_over_note"))

    # --- the summary, in sentences made from the figures ----------------------------------
    def _summary(self) -> list[str]:
        out = []
        for row in self.totals.itertuples(index=False):
            out.append(t(
                "closeout.summary_money", source=funding_name(row.source), period=self.period,
                approved=format_money(row.approved), plan=format_money(row.plan),
                paid=format_money(row.paid),
                execution=format_percent(row.execution) if pd.notna(row.execution) else "—",
                unspent=format_money(row.remaining)))
        usd = self.tables["currency"].frame
        if len(usd) and "plan_usd" in usd and "paid_usd" in usd:
            out.append(t("closeout.summary_usd", plan=i18n.format_number(
                float(usd["plan_usd"].sum()), 2), paid=i18n.format_number(
                float(usd["paid_usd"].sum()), 2)))
        acts = self.activities
        counts = acts["outcome"].value_counts()
        late = acts.loc[acts["outcome"] == "late"].sort_values("days_late", ascending=False)
        titles = self.project.plan.titles(self.lang)
        out.append(t("closeout.summary_activities", count=len(acts),
                     on_time=int(counts.get("on_time", 0)), late=int(counts.get("late", 0)),
                     not_done=int(counts.get("not_done", 0) + counts.get("open", 0))))
        if len(late):
            worst = late.iloc[0]
            out.append(t("closeout.summary_late", activity=worst["id"],
                         title=titles[worst["id"]], days=int(worst["days_late"])))
        undone = acts.loc[acts["outcome"].isin(["not_done", "open"])]
        if len(undone):
            out.append(t("closeout.summary_not_done", items="; ".join(
                f"{code} «{titles[code]}»" for code in undone["id"])))
        kpis = self.kpis.set_index("kpi")["value"]
        lots = self.lots
        # each lot counted once: carried over, else delivered, else ended, else failed
        done = ~lots["carried"]
        completed = int((done & (lots["outcome"] == "completed")).sum())
        ended = int((done & lots["outcome"].isin(["terminated", "cancelled"])).sum())
        out.append(t(
            "closeout.summary_lots", count=len(lots), completed=completed, ended=ended,
            open=len(self.open_lots),
            failed=len(lots) - completed - ended - len(self.open_lots),
            savings=format_money(kpis.get("savings")) if pd.notna(kpis.get("savings")) else "—",
            single=format_percent(kpis.get("single_source_share"))
            if pd.notna(kpis.get("single_source_share")) else "—",
            direct=int(lots["method"].isin(DIRECT_METHODS).sum()), flags=len(self.flags)))
        unpaid = self.open_lots.loc[self.open_lots["contract_amount"].notna()]
        pending = self.open_lots.loc[self.open_lots["contract_amount"].isna()]
        out.append(t("closeout.summary_carry_over", date=i18n.format_date(self.as_of),
                     unpaid=format_money(_sum(unpaid["left_to_pay"])),
                     contracts=int((unpaid["left_to_pay"] > 0).sum()),
                     lots=len(pending), estimate=format_money(_sum(pending["estimate"])))
                   if len(self.open_lots) else t("closeout.summary_nothing_open"))
        errors = sum(p.severity == "error" for p in self.project.problems)
        warnings = len(self.project.problems) - errors
        out.append(t("summary.data_problems", errors=errors, warnings=warnings)
                   if self.project.problems else t("summary.no_problems"))
        return out

    # --- output ---------------------------------------------------------------------------
    @property
    def title(self) -> str:
        return i18n.t_in(self.lang, "closeout.title", period=i18n.plan_period(
            (self.years[0], self.years[-1]), lang=self.lang))

    @_in_its_language
    def show_summary(self) -> None:
        """The page for the steering committee: the summary in sentences, then the contents."""
        sentences = "".join(f"<li>{html.escape(s)}</li>" for s in self.summary)
        contents = "".join(
            f'<li><a href="#{s}">{html.escape(t(_section_title(s)))}</a></li>'
            for s in SECTIONS)
        self._show("summary", self._heading("closeout.section.summary"),
                   f"<ul>{sentences}</ul>",
                   f'<nav aria-label="{html.escape(t("report.contents"))}">'
                   f"{self._heading('report.contents', 3)}<ol>{contents}</ol></nav>")

    @_in_its_language
    def show_execution(self) -> None:
        self._show("execution", self._heading("closeout.section.execution"),
                   self._table("closeout_totals"), self.charts["by_year"],
                   self._table("closeout_by_year"), self.charts["by_section"],
                   self._table("closeout_by_section"), self._table("closeout_by_activity"),
                   self._table("closeout_by_unit"), self._table("closeout_by_specifics"))

    @_in_its_language
    def show_currency(self) -> None:
        self._show("currency", self._heading("closeout.section.currency")
                   + self._table("currency"))

    @_in_its_language
    def show_activities(self) -> None:
        self._show("activities", self._heading("closeout.section.activities"),
                   self._table("closeout_outcomes"), self.charts["gantt"],
                   self._table("closeout_activities"))

    @_in_its_language
    def show_procurement(self) -> None:
        self._show("procurement", self._heading("closeout.section.procurement"),
                   self.charts["lots"], self._table("closeout_methods"), self._table("kpis"),
                   self._table("closeout_lots"), self._table("flags"))

    @_in_its_language
    def show_carry_over(self) -> None:
        self._show("carry_over", self._heading("closeout.section.carry_over")
                   + self._table("closeout_carry_over"))

def _approved(project: Project, as_of: date, year: int | None, by: list[str]
              ) -> pd.DataFrame:
    """The plan as first approved (the latest ``approved`` line, never an adjustment) of one
    budget year (``None``: of all), in tiyn, by ``source`` and ``by`` (``activity``,
    ``section``, ``unit`` or ``specifics``)."""
    lines = budget_lines(project, as_of, ["approved"])
    if year is not None:
        lines = lines.loc[lines["year"] == year]
    if "section" in by:
        lines = lines.assign(section=lines["activity"].map(project.sections_of))
    if "unit" in by:
        lines = lines.assign(unit=lines["activity"].map(project.first_unit))
    keys = ["source", *by]
    return lines.groupby(keys, dropna=False)["kzt_minor"].sum().rename(
        "approved").reset_index()


def _section_title(section: str) -> str:
    """The label key of a section's heading (the data problems: the monthly report's)."""
    return "report.problems" if section == "problems" else f"closeout.section.{section}"


def _source_rank(source: str) -> int:
    return SOURCES.index(source) if source in SOURCES else len(SOURCES)


def _sum(values: pd.Series) -> float:
    """KZT of the register summed exactly (through integer tiyn)."""
    minor = (values.dropna().astype("float64") * 100).round().astype("int64")
    return int(minor.sum()) / 100
