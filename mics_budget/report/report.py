"""The monthly report: its tables, charts and summary, built from the library for one month.

The notebook ``notebooks/monthly_report.ipynb`` only calls :meth:`MonthlyReport.build` and the
``show_*`` methods; the XLSX holds the same tables (:meth:`MonthlyReport.write_xlsx`). Every
section is an HTML ``<section id=…>`` (the contents link to them); every table fits an A4
landscape page and a 1366 px screen (see :data:`.presentation.TABLE_CSS`).
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from .. import i18n
from ..core.months import month_end, next_month, previous_month
from ..core.params import specifics_names
from ..errors import UserError
from ..i18n import format_money, format_percent, funding_name, stage_name, t
from ..ledger.currency_effect import unicef_in_usd
from ..ledger.face import advances, checks_frame, face_checks
from ..ledger.forecast import at_risk
from ..ledger.spending import MONEY, change_since
from ..procurement.flags import Flag, flags_frame, red_flags
from ..procurement.kpis import procurement_kpis
from ..procurement.status import register
from ..project import Project, load
from . import charts
from ._altair import alt
from .presentation import TABLE_CSS, Table, banner_html, kpi_table, problems_table, write_xlsx

MEASURES = (*MONEY, "execution")
SECTIONS = ("headline", "execution", "forecast", "currency", "procurement", "schedule",
            "problems")
SECTION_TITLES = {"headline": "report.headline", "execution": "report.execution",
                  "forecast": "report.forecast", "currency": "report.currency",
                  "procurement": "report.procurement", "schedule": "report.schedule",
                  "problems": "report.problems"}
#: the columns of the register the HTML shows (the XLSX has them all)
REGISTER_SHOWN = ["lot", "lot_title", "stage", "stage_since", "estimate", "contract_amount",
                  "savings_pct", "supplier", "paid", "left_to_pay", "delay_days"]


def _in_its_language(method):
    """Run a method of :class:`MonthlyReport` in the report's language."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with i18n.using(self.lang):
            return method(self, *args, **kwargs)
    return wrapper


class ReportPages:
    """What the monthly report and the close-out show alike: the title and the banner, each
    section as HTML, the tables under their titles, the data problems, the XLSX. A report
    gives ``project``, ``lang``, ``tables``, ``title`` and ``as_of``."""

    project: Project
    lang: str
    tables: dict[str, Table]

    @property
    def title(self) -> str:
        raise NotImplementedError

    @property
    def as_of(self) -> date:
        raise NotImplementedError

    @property
    def banner(self) -> str:
        return i18n.t_in(self.lang, "example.banner") if self.project.example_data else ""

    @_in_its_language
    def write_xlsx(self, path: str | Path) -> None:
        write_xlsx(Path(path), list(self.tables.values()), self.banner, self.title)

    def _show(self, section: str | None, *parts: object) -> None:
        from IPython.display import HTML, display

        body = "".join(part if isinstance(part, str) else charts.to_svg_html(part)
                       for part in parts)
        if section:
            body = f'<section id="{section}" lang="{self.lang}">{body}</section>'
        display(HTML(body))

    def _heading(self, key: str, level: int = 2) -> str:
        return f"<h{level}>{html.escape(t(key))}</h{level}>"

    def _table(self, key: str, columns: list[str] | None = None) -> str:
        """A table under its title, which names the period of its figures."""
        table = self.tables[key]
        return f"<h3>{html.escape(table.title)}</h3>{table.to_html(columns)}"

    @_in_its_language
    def show_title(self) -> None:
        head = (f"{TABLE_CSS}<h1>{html.escape(self.title)}</h1><p>{t('report.as_of')} "
                f"{i18n.format_date(self.as_of)}</p>")
        self._show(None, head + (banner_html(self.banner) if self.banner else ""))

    @_in_its_language
    def show_problems(self) -> None:
        self._show("problems", self._heading("report.problems")  # one heading: the section's
                   + self.tables["problems"].to_html()
                   + (banner_html(self.banner) if self.banner else ""))


@dataclass
class MonthlyReport(ReportPages):
    project: Project
    month: str
    lang: str
    tables: dict[str, Table] = field(default_factory=dict)
    charts: dict[str, alt.TopLevelMixin] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)

    @property
    def as_of(self) -> date:
        return month_end(self.month)

    @property
    def before(self) -> date:
        """The end of the previous month: what "this month" is measured against."""
        return month_end(previous_month(self.month))

    @classmethod
    def build(cls, data_dir: str | None, month: str, lang: str = "ru") -> MonthlyReport:
        """The report of ``month`` in ``lang`` (which also becomes the current language, for
        the notebook). Its texts are always rendered in ``lang``, whatever the current
        language is later."""
        i18n.set_lang(lang)
        report = cls(load(data_dir or None), month, lang)
        report._build()
        return report

    # --- content ------------------------------------------------------------------------
    def _build(self) -> None:
        project, as_of = self.project, self.as_of
        money = dict.fromkeys(MONEY, "money") | {"execution": "percent"}
        headline = project.spending(as_of)
        earlier = project.spending(self.before).set_index("source")
        self.headline_figures = headline
        self.tables["headline"] = self._headline(headline, earlier)
        whole = i18n.plan_period(project.plan.years, as_of)  # every figure names its period
        self.tables["headline"].period = whole

        titles = project.plan.titles(self.lang)
        by_activity = project.spending(as_of, by=["activity"])
        by_activity.insert(2, "title", by_activity["activity"].map(titles))
        self.tables["by_activity"] = Table(
            "by_activity", _sources(by_activity[["source", "activity", "title", *MONEY,
                                                  "execution"]]),
            money | {"activity": "code"}, labels={"title": t("col.activity_title")},
            period=whole)

        names = specifics_names()
        by_specifics = project.spending(as_of, by=["specifics"])
        by_specifics.insert(2, "specifics_name", by_specifics["specifics"].map(
            lambda c: names.get(c, ("", "", ""))[i18n.LANGS.index(self.lang)]))
        self.tables["by_specifics"] = Table("by_specifics", _sources(by_specifics[
            ["source", "specifics", "specifics_name", *MONEY, "execution"]]),
            money | {"specifics": "code"}, period=whole)

        self._forecast()
        self._currency()

        lots = register(project, as_of)
        self.register = lots
        shown = lots[["lot", "activity", "title", "method", "stage", "stage_since", "estimate",
                      "contract_amount", "savings", "savings_pct", "supplier", "paid",
                      "left_to_pay", "delay_days"]].copy()
        shown["method"] = shown["method"].map(lambda m: t(f"method.{m}"))
        shown["stage"] = shown["stage"].map(stage_name)
        shown = shown.rename(columns={"title": "lot_title"})
        self.tables["register"] = Table("register", shown, {
            "lot": "code", "activity": "code", "stage_since": "date", "estimate": "money",
            "contract_amount": "money", "savings": "money", "savings_pct": "percent",
            "paid": "money", "left_to_pay": "money", "delay_days": "int"},
            period=t("period.on", date=i18n.format_date(as_of)))
        self.kpis = procurement_kpis(project, as_of, table=lots)
        self.tables["kpis"] = kpi_table(self.kpis)
        self.tables["kpis"].period = whole
        self.flags = red_flags(project, as_of, table=lots)
        self.tables["flags"] = Table("flags", flags_frame(self.flags), {"lot": "code"},
                                     period=t("period.on", date=i18n.format_date(as_of)))

        self._schedule()
        self.tables["problems"] = problems_table(project.problems)

        self.charts["by_source"] = charts.plan_vs_paid(headline)
        by_section = project.spending(as_of, by=["section"])
        self.charts["by_section"] = charts.plan_vs_paid(
            by_section, by="section", names=project.plan.section_titles(self.lang))
        self.charts["lots"] = charts.lots_by_stage(lots)
        self.summary = self._summary(headline, earlier)

    def _headline(self, now: pd.DataFrame, earlier: pd.DataFrame) -> Table:
        """The figures by source, and the change since the end of the previous month, one row
        per figure (money, and execution in per cent)."""
        now = now.set_index("source")
        rows, labels = [], {"measure": t("col.measure")}
        for measure in MEASURES:
            row: dict[str, object] = {"measure": t(f"col.{measure}"),
                   "kind": "percent" if measure == "execution" else "money"}
            for source in [*now.index, "total"]:
                value = _figure(now, source, measure)
                change = change_since(value, _figure(earlier, source, measure), measure)
                row[source], row[f"{source}_change"] = value, change
                name = funding_name(source) if source != "total" else t("col.total")
                labels[source], labels[f"{source}_change"] = name, t("col.change_of", name=name)
            rows.append(row)
        frame = pd.DataFrame(rows)
        kinds = {c: "row" for c in frame.columns if c not in ("measure", "kind")}
        return Table("headline", frame, kinds, kind_column="kind", labels=labels)

    def _forecast(self) -> None:
        project, as_of = self.project, self.as_of
        drawn = project.cumulative(as_of)  # the chart blanks future payments itself
        cumulative = drawn.copy()
        future = cumulative["future"]
        cumulative.loc[future, ["paid", "paid_cumulative"]] = None  # not yet: blank, not 0
        forecast = project.forecast(as_of)
        self.forecast = forecast
        basis = ", ".join(sorted({t(f"basis.{b}") for b in cumulative["basis"]}))
        forecast_money = dict.fromkeys(["plan", "paid", "plan_to_date", "expected_paid",
                                        "expected_unspent"], "money")
        shown = _sources(forecast.assign(basis=forecast["basis"].map(
            lambda b: t(f"basis.{b}"))))
        self.tables["forecast"] = Table(
            "forecast", shown[["source", "plan", "paid", "plan_to_date", "expected_paid",
                               "expected_unspent", "basis"]], forecast_money,
            note=t("forecast.note"), period=i18n.year_period(as_of.year, as_of))
        risky = at_risk(project, as_of)
        risky.insert(2, "title", risky["activity"].map(project.plan.titles(self.lang)))
        self.tables["at_risk"] = Table(
            "at_risk", _sources(risky[["source", "activity", "title", "plan", "paid",
                                       "plan_to_date", "expected_unspent"]]),
            forecast_money | {"activity": "code"}, labels={"title": t("col.activity_title")},
            period=i18n.year_period(as_of.year, as_of))
        self.tables["cumulative"] = Table(
            "cumulative", _sources(cumulative[["source", "month", "plan", "plan_cumulative",
                                               "paid", "paid_cumulative"]]),
            dict.fromkeys(["plan", "plan_cumulative", "paid", "paid_cumulative"], "money")
            | {"month": "month"}, note=t("report.basis", basis=basis),
            period=i18n.year_period(as_of.year, as_of))  # the months of the as-of year
        self.charts["cumulative"] = charts.cumulative(drawn, forecast, as_of=as_of)

    def _currency(self) -> None:
        table = unicef_in_usd(self.project, self.as_of)
        nbk, unore = table.attrs.get("nbk"), table.attrs.get("unore")
        self.tables["currency"] = Table(
            "currency", table, dict.fromkeys(table.columns[1:], "money") | {"activity": "code"},
            period=i18n.plan_period(self.project.plan.years, self.as_of),
            note=t("report.currency_note",
                   nbk_date=i18n.format_date(nbk[1]) if nbk else "—",
                   nbk=i18n.format_number(float(nbk[0]), 2) if nbk else "—",
                   unore=i18n.format_number(float(unore[0]), 2) if unore else "—")
            + (" " + t("report.rate_stale", days=table.attrs["nbk_stale_days"])
               if table.attrs.get("nbk_stale_days") else ""))
        self._unicef_advances()

    def _unicef_advances(self) -> None:
        """UNICEF's advances still open and UNICEF's checks (:mod:`.ledger.face`) on the
        report's day."""
        on = t("period.on", date=i18n.format_date(self.as_of))
        open_ = advances(self.project, self.as_of)
        for column in ("amount", "accepted", "outstanding"):
            open_[column] = open_[column] / 100
        self.tables["unicef_advances"] = Table(
            "unicef_advances", open_, {"reference": "code", "activity": "code", "date": "date",
                                       "amount": "money", "accepted": "money",
                                       "outstanding": "money", "age_days": "int"},
            labels={c: t(f"face.col.{c}") for c in open_.columns}, period=on)
        try:
            found, note = face_checks(self.project, self.as_of), ""
        except UserError as exc:  # a payment the checks cannot value in dollars: said
            found, note = [], str(exc)
        checks = checks_frame(found)
        self.tables["unicef_checks"] = Table(
            "unicef_checks", checks, {"reference": "code"},
            labels={c: t(f"face.col.{c}") for c in checks.columns}, period=on, note=note)

    def _schedule(self) -> None:
        plan = self.project.plan.frame()
        plan["title"] = plan["id"].map(self.project.plan.titles(self.lang))
        status = self.project.status(self.as_of).merge(plan, on="id")
        start = pd.Timestamp(f"{self.month}-01").date()
        nxt = next_month(self.month)
        done = status.loc[status["completed_on"].map(
            lambda d: d is not None and not pd.isna(d) and start <= d <= self.as_of)]
        due = status.loc[(status["status"] != "done") & status["end"].map(
            lambda e: e.strftime("%Y-%m") == nxt)]
        overdue = status.loc[status["status"] == "overdue"]
        self.overdue_ids = list(overdue["id"])
        self.tables["done"] = Table("done", done[["id", "title", "period_text",
                                                  "completed_on"]],
                                    {"id": "code", "completed_on": "date"},
                                    period=_month_period(self.month))
        self.tables["due"] = Table("due", due[["id", "title", "period_text", "end"]],
                                   {"id": "code", "end": "date"}, period=_month_period(nxt))
        self.tables["overdue"] = Table("overdue", overdue[["id", "title", "period_text",
                                                          "days_overdue"]],
                                       {"id": "code", "days_overdue": "int"},
                                       period=t("period.on", date=i18n.format_date(self.as_of)))

    # --- the summary, in sentences made from the figures --------------------------------
    def _summary(self, headline: pd.DataFrame, earlier: pd.DataFrame) -> list[str]:
        project, as_of = self.project, self.as_of
        out = []
        for row in headline.itertuples(index=False):
            out.append(t(
                "summary.source", source=funding_name(row.source),
                period=i18n.plan_period(project.plan.years, as_of), paid=format_money(row.paid),
                plan=format_money(row.plan),
                execution=format_percent(row.execution) if pd.notna(row.execution) else "—",
                paid_change=format_money(change_since(
                    row.paid, _figure(earlier, row.source, "paid"), "paid")),
                committed=format_money(row.committed),
                committed_change=format_money(change_since(
                    row.committed, _figure(earlier, row.source, "committed"), "committed"))))
        if headline.empty:
            out.append(t("summary.no_money"))
        for row in self.forecast.itertuples(index=False):
            out.append(t("summary.unspent", source=funding_name(row.source), year=row.year,
                         unspent=format_money(row.expected_unspent),
                         plan=format_money(row.plan), paid=format_money(row.paid)))
        behind = project.forecast(as_of, by=["activity"])
        behind = behind.assign(gap=behind["plan_to_date"] - behind["paid"])
        behind = behind.loc[behind["gap"] > 0].sort_values("gap", ascending=False).head(3)
        out.append(t("summary.behind", items="; ".join(
            t("summary.behind_item", activity=r.activity, paid=format_money(r.paid),
              due=format_money(r.plan_to_date)) for r in behind.itertuples()))
            if len(behind) else t("summary.none_behind"))
        before = set(project.status(self.before).query("status == 'overdue'")["id"])
        new = [code for code in self.overdue_ids if code not in before]
        titles = project.plan.titles(self.lang)
        out.append(t("summary.overdue", items="; ".join(f"{c} «{titles[c]}»" for c in new))
                   if new else t("summary.none_overdue"))
        old = {_key(f) for f in red_flags(project, self.before)}
        fresh = [f for f in self.flags if _key(f) not in old]
        out.append(t("summary.flags", count=len(fresh), items="; ".join(
            f"{f.lot or '—'}: {f.title}" for f in fresh[:5]) + ("; …" if len(fresh) > 5
                                                                 else ""))
            if fresh else t("summary.none_flags"))
        errors = sum(p.severity == "error" for p in project.problems)
        warnings = len(project.problems) - errors
        out.append(t("summary.data_problems", errors=errors, warnings=warnings)
                   if project.problems else t("summary.no_problems"))
        return out

    # --- output -------------------------------------------------------------------------
    @property
    def title(self) -> str:
        year, number = (int(p) for p in self.month.split("-"))
        return i18n.t_in(self.lang, "report.title", month=i18n.month_name(number, self.lang),
                         year=year)

    @_in_its_language
    def show_summary(self) -> None:
        """The summary in sentences, then the contents."""
        sentences = "".join(f"<li>{html.escape(s)}</li>" for s in self.summary)
        contents = "".join(f'<li><a href="#{s}">{html.escape(t(SECTION_TITLES[s]))}</a></li>'
                           for s in SECTIONS)
        self._show("summary", self._heading("report.summary"), f"<ul>{sentences}</ul>",
                   f'<nav aria-label="{html.escape(t("report.contents"))}">'
                   f"{self._heading('report.contents', 3)}<ol>{contents}</ol></nav>")

    @_in_its_language
    def show_headline(self) -> None:
        self._show("headline", self._heading("report.headline") + self._table("headline"),
                   self.charts["by_source"])

    @_in_its_language
    def show_execution(self) -> None:
        self._show("execution", self._heading("report.execution"), self.charts["by_section"],
                   self._table("by_activity"), self._table("by_specifics"))

    @_in_its_language
    def show_cumulative(self) -> None:
        self._show("forecast", self._heading("report.forecast"), self.charts["cumulative"],
                   self._table("forecast"), self._table("at_risk"), self._table("cumulative"))

    @_in_its_language
    def show_currency(self) -> None:
        self._show("currency", self._heading("report.currency") + self._table("currency")
                   + self._table("unicef_advances") + self._table("unicef_checks"))

    @_in_its_language
    def show_procurement(self) -> None:
        self._show("procurement", self._heading("report.procurement"), self.charts["lots"],
                   self._table("register", REGISTER_SHOWN), self._table("kpis"),
                   self._table("flags"))

    @_in_its_language
    def show_schedule(self) -> None:
        self._show("schedule", self._heading("report.schedule")
                   + "".join(self._table(k) for k in ("done", "due", "overdue")))

def _figure(table: pd.DataFrame, source: str, measure: str) -> float | None:
    """A figure of a ``spending`` table indexed by source (``total``: summed; execution:
    paid ÷ plan); ``None`` where there is no such figure."""
    if source == "total":
        if table.empty:
            return None
        if measure == "execution":
            plan = table["plan"].sum()
            return float(table["paid"].sum() / plan) if plan else None
        return round(float(table[measure].sum()), 2)  # tiyn ÷ 100 added up: to the tiyn
    if source not in table.index:
        return None
    value = table.loc[source, measure]
    return None if pd.isna(value) else float(value)


def _month_period(month: str) -> str:
    """«за июнь 2025 г.» for ``2025-06``."""
    year, number = (int(p) for p in month.split("-"))
    return t("period.month", month=i18n.month_name(number), year=year)


def _key(flag: Flag) -> tuple:
    return (flag.lot, flag.code, flag.facts)


def _sources(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(source=frame["source"].map(funding_name))
