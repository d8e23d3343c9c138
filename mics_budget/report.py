"""The monthly report: its tables and charts, built from the library for one month.

The notebook ``notebooks/monthly_report.ipynb`` only calls :meth:`MonthlyReport.build` and the
``show_*`` methods; the XLSX holds the same tables (:meth:`MonthlyReport.write_xlsx`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from . import charts, i18n
from ._altair import alt
from .flags import flags_frame, red_flags
from .i18n import t
from .months import month_end, next_month, previous_month
from .params import specifics_names
from .presentation import TABLE_CSS, Table, banner_html, write_xlsx
from .project import Project, load
from .register import register

MONEY = ("plan", "committed", "paid", "remaining", "uncommitted")


def _in_its_language(method):
    """Run a method of :class:`MonthlyReport` in the report's language."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with i18n.using(self.lang):
            return method(self, *args, **kwargs)
    return wrapper


@dataclass
class MonthlyReport:
    project: Project
    month: str
    lang: str
    tables: dict[str, Table] = field(default_factory=dict)
    charts: dict[str, alt.TopLevelMixin] = field(default_factory=dict)

    @property
    def as_of(self) -> date:
        return month_end(self.month)

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
        before = project.spending(month_end(previous_month(self.month)))
        previous = before.set_index("source")
        for measure in ("paid", "committed"):
            earlier = previous[measure].astype("float64").reindex(headline["source"]).fillna(0)
            headline[f"{measure}_change"] = headline[measure] - earlier.to_numpy()
        self.headline_figures = headline
        shown = headline[["source", *MONEY, "execution", "paid_change", "committed_change"]]
        shown = pd.concat([shown.assign(source=shown["source"].map(
            lambda s: t(f"funding.{s}"))), _total(shown)], ignore_index=True)
        self.tables["headline"] = Table("headline", shown, money | {
            "paid_change": "money", "committed_change": "money"})

        titles = project.plan.titles(self.lang)
        by_activity = project.spending(as_of, by=["activity"])
        by_activity.insert(2, "title", by_activity["activity"].map(titles))
        self.tables["by_activity"] = Table("by_activity", _sources(by_activity[
            ["source", "activity", "title", *MONEY, "execution"]]), money)

        names = specifics_names()
        by_specifics = project.spending(as_of, by=["specifics"])
        by_specifics.insert(2, "specifics_name", by_specifics["specifics"].map(
            lambda c: names.get(c, ("", "", ""))[i18n.LANGS.index(self.lang)]))
        self.tables["by_specifics"] = Table("by_specifics", _sources(by_specifics[
            ["source", "specifics", "specifics_name", *MONEY, "execution"]]), money)

        cumulative = project.cumulative(as_of)
        projection = project.projection(as_of)
        basis = ", ".join(sorted({t(f"basis.{b}") for b in cumulative["basis"]}))
        self.tables["cumulative"] = Table(
            "cumulative", _sources(cumulative[["source", "month", "plan", "plan_cumulative",
                                               "paid", "paid_cumulative"]]),
            dict.fromkeys(["plan", "plan_cumulative", "paid", "paid_cumulative"], "money"),
            note=t("report.basis", basis=basis))
        self.tables["projection"] = Table("projection", _sources(projection[
            ["source", "plan", "paid", "projected", "projected_unspent"]]),
            dict.fromkeys(["plan", "paid", "projected", "projected_unspent"], "money"),
            note=t("report.projection_note"))

        lots = register(project, as_of)
        self.register = lots
        shown = lots[["lot", "activity", "title", "method", "stage", "stage_since", "estimate",
                      "contract_amount", "savings", "savings_pct", "supplier", "paid",
                      "left_to_pay", "delay_days"]].copy()
        shown["method"] = shown["method"].map(lambda m: t(f"method.{m}"))
        shown["stage"] = shown["stage"].map(lambda s: t(f"stage.{s or 'none'}"))
        shown = shown.rename(columns={"title": "lot_title"})
        self.tables["register"] = Table("register", shown, {
            "stage_since": "date", "estimate": "money", "contract_amount": "money",
            "savings": "money", "savings_pct": "percent", "paid": "money",
            "left_to_pay": "money", "delay_days": "int"})
        self.flags = red_flags(project, as_of, table=lots)
        self.tables["flags"] = Table("flags", flags_frame(self.flags))

        self._schedule()
        problems = pd.DataFrame([p.as_json() for p in project.problems],
                                columns=["severity", "file", "row", "column", "value",
                                         "message"])
        problems["severity"] = problems["severity"].map(lambda s: t(f"severity.{s}"))
        self.tables["problems"] = Table("problems", problems, {"row": "int"})

        self.charts["by_source"] = charts.plan_vs_paid(headline)
        by_section = project.spending(as_of, by=["section"])
        self.charts["by_section"] = charts.plan_vs_paid(by_section, by="section")
        self.charts["cumulative"] = charts.cumulative(cumulative, projection)
        self.charts["lots"] = charts.lots_by_stage(lots)

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
        self.tables["done"] = Table("done", done[["id", "title", "period_text",
                                                  "completed_on"]], {"completed_on": "date"})
        self.tables["due"] = Table("due", due[["id", "title", "period_text", "end"]],
                                   {"end": "date"})
        self.tables["overdue"] = Table("overdue", overdue[["id", "title", "period_text",
                                                          "days_overdue"]],
                                       {"days_overdue": "int"})

    # --- output -------------------------------------------------------------------------
    @property
    def title(self) -> str:
        year, number = (int(p) for p in self.month.split("-"))
        return i18n.t_in(self.lang, "report.title", month=i18n.month_name(number, self.lang),
                         year=year)

    @property
    def banner(self) -> str:
        return i18n.t_in(self.lang, "example.banner") if self.project.example_data else ""

    @_in_its_language
    def write_xlsx(self, path: str | Path) -> None:
        write_xlsx(Path(path), list(self.tables.values()), self.banner, self.title)

    def _show(self, *parts: object) -> None:
        from IPython.display import HTML, display

        html = "".join(part if isinstance(part, str) else charts.to_svg_html(part)
                       for part in parts)
        display(HTML(html))

    def _heading(self, key: str, level: int = 2) -> str:
        return f"<h{level}>{t(key)}</h{level}>"

    @_in_its_language
    def show_title(self) -> None:
        head = f"{TABLE_CSS}<h1>{self.title}</h1><p>{t('report.as_of')} " \
               f"{i18n.format_date(self.as_of)}</p>"
        self._show(head + (banner_html(self.banner) if self.banner else ""))

    @_in_its_language
    def show_headline(self) -> None:
        self._show(self._heading("report.headline") + self.tables["headline"].to_html(),
                   self.charts["by_source"])

    @_in_its_language
    def show_execution(self) -> None:
        self._show(self._heading("report.execution"), self.charts["by_section"],
                   self._heading("table.by_activity", 3) + self.tables["by_activity"].to_html(),
                   self._heading("table.by_specifics", 3)
                   + self.tables["by_specifics"].to_html())

    @_in_its_language
    def show_cumulative(self) -> None:
        self._show(self._heading("report.cumulative"), self.charts["cumulative"],
                   self.tables["projection"].to_html(),
                   self._heading("table.cumulative", 3) + self.tables["cumulative"].to_html())

    @_in_its_language
    def show_procurement(self) -> None:
        self._show(self._heading("report.procurement"), self.charts["lots"],
                   self.tables["register"].to_html(),
                   self._heading("table.flags", 3) + self.tables["flags"].to_html())

    @_in_its_language
    def show_schedule(self) -> None:
        self._show(self._heading("report.schedule")
                   + "".join(self._heading(f"table.{k}", 3) + self.tables[k].to_html()
                             for k in ("done", "due", "overdue")))

    @_in_its_language
    def show_problems(self) -> None:
        self._show(self._heading("report.problems") + self.tables["problems"].to_html()
                   + (banner_html(self.banner) if self.banner else ""))


def _sources(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(source=frame["source"].map(lambda s: t(f"funding.{s}")))


def _total(frame: pd.DataFrame) -> pd.DataFrame:
    sums = {c: frame[c].sum() for c in frame.columns if c != "source" and c != "execution"}
    plan = sums["plan"]
    return pd.DataFrame([{"source": t("summary.total"), **sums,
                          "execution": sums["paid"] / plan if plan else None}])
