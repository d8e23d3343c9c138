"""The management dashboard: widget classes, wired by ``notebooks/dashboard.ipynb`` in Voila.

One :class:`Dashboard` per viewer (each Voila page has its own kernel): filters (as-of date,
funding source, section, unit, language), figure cards by source, charts (each one reused
``alt.JupyterChart``, offline, as wide as the page), the drill-down from sections to an
activity's payments and lots, the lot register with its XLSX export, overdue activities, red
flags and the plan's timeline. Every figure comes from the library with the same filters as
``mics-budget summary --source … --section … --unit …``.

A filter change sends the figures first, then the charts; what depends only on the date (the
register, red flags, statuses) is computed once per date, and the timeline is redrawn only
when what it shows changes.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import ipywidgets as widgets
import pandas as pd

from .. import i18n
from ..core import months
from ..core.checks import Problem
from ..core.months import month_end
from ..core.recent import Recent
from ..errors import UserError
from ..i18n import t
from ..ledger.spending import summary_rows
from ..procurement.flags import Flag, flags_frame, red_flags
from ..procurement.kpis import procurement_kpis
from ..procurement.status import register
from ..project import Project, load
from ..report import charts
from ..report._altair import alt
from ..report.presentation import TABLE_CSS, Table, banner_html, kpi_table, problems_table
from .dashboard_views import ALL, Advances, Cards, DrillDown, Filters, ProblemsPage
from .register_views import RegisterView
from .ui import ChartPanel, SignedIn, in_lang, note, page_css

__all__ = ["Dashboard"]
CHARTS = ("by_source", "by_section", "cumulative", "lots")
DAYS_KEPT = 8  # as-of dates whose register and flags are kept (a viewer goes back and forth)
DRAWN_KEPT = 48  # charts of recent selections (four a selection)
class Dashboard(widgets.VBox):
    """The whole page: banner, title, filters, figures, charts, drill-down and tables."""

    def __init__(self, project: Project, as_of: date | None = None, lang: str | None = None,
                 who: SignedIn | None = None):
        if lang:
            i18n.set_lang(lang)
        alt.JupyterChart.enable_offline(True)
        self.project = project
        self.who = who  # shown by the notebook above the page; relabelled with it
        self.title, self.banner, self.message, self.notice = (widgets.HTML() for _ in range(4))
        self.filters = Filters(project, as_of or min(date.today(), _last_day(project)))
        self.cards = Cards()
        self.advances = Advances()  # UNICEF's advances outstanding and their age
        self.drill = DrillDown(on_section=self._drill_section)
        self.charts = {name: ChartPanel(name) for name in CHARTS}
        self.charts["by_section"].on_pick = self.drill.open_section
        self.gantt = ChartPanel("gantt")
        self.lots = RegisterView()
        self.overdue, self.flags = widgets.HTML(), widgets.HTML()
        self.kpis = widgets.HTML()  # the procurement KPIs of the lots shown
        self.headings = {key: widgets.HTML() for key in ("drill", "lots", "plan")}
        grid = widgets.GridBox([self.charts[name] for name in CHARTS])
        grid.add_class("mics-charts")
        super().__init__([widgets.HTML(page_css() + TABLE_CSS), self.banner, self.title,
                          self.filters, self.message, self.notice, self.cards, self.advances,
                          grid,
                          self.headings["drill"], self.drill, self.headings["lots"], self.lots,
                          self.kpis, self.overdue, self.flags, self.headings["plan"],
                          self.gantt])
        self.add_class("mics-dashboard")
        self.last_refresh: dict[str, float] = {}
        self.rows: list[dict] = []
        self._days: Recent[dict[str, Any]] = Recent(DAYS_KEPT)
        self._drawn: Recent[Any] = Recent(DRAWN_KEPT)  # charts of recent selections
        self._gantt_key: tuple | None = None
        for control in self.filters.controls():
            control.observe(self._on_change, names="value")
        self.filters.lang.observe(self._on_lang, names="value")
        self._on_change()

    @classmethod
    def from_data(cls, data_dir: str | None = None, **kwargs: Any) -> widgets.Widget:
        """The dashboard of a data folder, or, when the folder cannot be loaded, a page that
        says why in words (never a traceback in the browser)."""
        lang, who = kwargs.get("lang"), kwargs.get("who")
        if lang:
            i18n.set_lang(lang)
        page = ProblemsPage()
        if who is not None:  # the details are an administrator's (once the user is known)
            who.on_user(page.for_user)
        try:
            return cls(load(data_dir or None), **kwargs)
        except UserError as exc:
            page.show(str(exc), list(getattr(exc, "problems", [])), str(data_dir or ""))
        except Exception as exc:  # the page says what happened, in words
            page.show(t("dash.error", detail=exc), [], str(data_dir or ""))
        return page

    # --- figures: exactly the CLI's ------------------------------------------------------
    def figures(self) -> list[dict]:
        """The headline rows shown for the current filters (= ``summary --format json``)."""
        return self.rows

    def refresh(self) -> None:
        started = time.perf_counter()
        sel = self.filters.selection()
        as_of, source = sel["as_of"], sel["source"]
        if as_of is None:
            return
        project = self.project
        activities = project.activities_of(sel["sections"], sel["units"])
        ids = [a.id for a in project.plan.activities
               if (activities is None or a.id in activities)
               and (source is None or a.funding == source)]
        self._headings(as_of)
        selected = {"source": source, "activities": activities}
        by_source = project.spending(as_of, **selected)
        rows = self.rows = summary_rows(by_source)
        if not ids:
            self._nothing()
            self.last_refresh["all"] = time.perf_counter() - started
            return
        since = _month_before(as_of)
        before = summary_rows(project.spending(since, **selected))
        forecast = project.forecast(as_of, **selected)
        if rows:
            self.cards.show(rows, before, forecast, as_of, since, project.plan.years)
        else:  # the plan's activities, but no money yet on that day
            self.cards.value = _nodata(t("dash.no_money", date=i18n.format_date(as_of)))
        self.advances.show(project, as_of, ids)
        self.last_refresh["figures"] = time.perf_counter() - started
        day = self._day(as_of)
        lots = day["register"]
        lots = lots.loc[lots["activity"].isin(ids)]
        self._charts(as_of, selected, by_source, forecast, lots)
        self._gantt(as_of, ids)  # the charts first: the tables below them come after
        self.last_refresh["charts"] = time.perf_counter() - started
        self.drill.show(project, as_of, source, ids,
                        sel["sections"][0] if sel["sections"] else None)
        self.lots.show(project, as_of, ids, table=day["register"])
        self._tables(day, ids, set(lots["lot"]))
        self.last_refresh["all"] = time.perf_counter() - started

    def _headings(self, as_of: date) -> None:
        self.title.value = in_lang(f"<h1>{t('dash.title')}</h1><p>{t('report.as_of')} "
                                   f"{i18n.format_date(as_of)}</p>")
        self.banner.value = in_lang(banner_html(t("example.banner"))) \
            if self.project.example_data else ""
        errors = [p for p in self.project.problems if p.severity == "error"]
        self.notice.value = _problems_notice(errors)
        for key, heading in self.headings.items():
            heading.value = in_lang(f"<h2>{t(f'dash.heading_{key}')}</h2>")

    def _nothing(self) -> None:
        """No activity for these filters: say once which filters exclude each other (above
        the cards, which stay, at zero), and draw no empty axes."""
        text = self._why_nothing()
        self.message.value = in_lang(f'<p class="mics-nodata">{html.escape(text)}</p>')
        as_of = self.filters.as_of.value
        funded = {a.funding for a in self.project.plan.activities}
        sources = ([self.filters.source.value] if self.filters.source.value != "*"
                   else [s for s in ("RB", "UNICEF") if s in funded])
        zero = [{"source": s, "plan": 0.0, "committed": 0.0, "paid": 0.0, "remaining": 0.0,
                 "execution": None} for s in sources]
        since = _month_before(as_of)
        self.cards.show(zero, zero, pd.DataFrame(), as_of, since, self.project.plan.years)
        self.advances.value = ""
        for panel in (*self.charts.values(), self.gantt):
            panel.show_nothing("")
            panel.layout.display = "none"  # no empty frames where charts were
        for heading in self.headings.values():
            heading.value = ""
        self._gantt_key = None
        self.drill.show(self.project, self.filters.as_of.value, None, [])
        self.lots.show(self.project, self.filters.as_of.value, [],
                       table=self._day(self.filters.as_of.value)["register"])
        self.overdue.value = self.flags.value = self.kpis.value = ""

    def _chart(self, name: str, as_of: date, selected: dict, make: Callable[[], Any]) -> Any:
        """The chart ``name`` of a date and filters in the current language: made once and
        kept for the last :data:`DRAWN_KEPT` selections (a viewer's filters go back and forth;
        the data never change once loaded, and building a chart with Altair costs more than
        the figures behind it)."""
        activities = selected.get("activities")
        key = (name, as_of, selected.get("source"),
               None if activities is None else frozenset(activities), i18n.get_lang())
        return self._drawn.get(key, make)

    def _charts(self, as_of: date, selected: dict, by_source: pd.DataFrame,
                forecast: pd.DataFrame, lots: pd.DataFrame) -> None:
        project = self.project
        wide: dict[str, Any] = {"width": "container", "localized": False}
        if by_source.empty:
            for name in ("by_source", "by_section"):
                self.charts[name].show_nothing(t("dash.no_money", date=i18n.format_date(as_of)))
        else:
            self.charts["by_source"].show(self._chart(
                "by_source", as_of, selected, lambda: charts.plan_vs_paid(by_source, **wide)))
            self.charts["by_section"].show(self._chart(
                "by_section", as_of, selected, lambda: charts.plan_vs_paid(
                    project.spending(as_of, ["section"], **selected), by="section", pick=True,
                    names=project.plan.section_titles(), **wide)))
        cumulative = project.cumulative(as_of, **selected)
        if cumulative[["plan_cumulative", "paid_cumulative"]].abs().to_numpy().sum():
            self.charts["cumulative"].show(self._chart(
                "cumulative", as_of, selected,
                lambda: charts.cumulative(cumulative, forecast, as_of=as_of, **wide)))
        else:
            self.charts["cumulative"].show_nothing(t("dash.no_year", year=as_of.year))
        if len(lots):
            self.charts["lots"].show(self._chart(
                "lots", as_of, selected, lambda: charts.lots_by_stage(lots, **wide)))
        else:
            self.charts["lots"].show_nothing(t("dash.no_lots"))

    def _tables(self, day: dict[str, Any], ids: list[str], shown_lots: set[str]) -> None:
        status = day["status"]
        plan = self.project.plan.frame()
        plan["title"] = plan["id"].map(self.project.plan.titles())
        overdue = status.merge(plan[["id", "title", "period_text"]], on="id")
        overdue = overdue.loc[(overdue["status"] == "overdue") & overdue["id"].isin(ids),
                              ["id", "title", "period_text", "days_overdue"]]
        table = Table("overdue", overdue, {"id": "code", "days_overdue": "int"})
        self.overdue.value = in_lang(f"<h2>{table.title}</h2>{table.to_html()}")
        flags: list[Flag] = [f for f in day["flags"] if f.lot is None or f.lot in shown_lots]
        table = Table("flags", flags_frame(flags), {"lot": "code"})
        self.flags.value = in_lang(f"<h2>{table.title}</h2>{table.to_html()}")
        kpis = kpi_table(procurement_kpis(self.project, day["as_of"], table=day["register"],
                                          lots=shown_lots))
        self.kpis.value = in_lang(f"<h2>{kpis.title}</h2>{kpis.to_html()}")

    def _gantt(self, as_of: date, ids: list[str]) -> None:
        key = (as_of, tuple(ids), i18n.get_lang())
        if key == self._gantt_key:
            return  # the timeline changes with the date and the activities only
        plan = self.project.plan.frame()
        plan["title"] = plan["id"].map(self.project.plan.titles())
        intervals = charts.plan_intervals(self.project.plan)
        self.gantt.show(charts.gantt(plan, self._day(as_of)["status"],
                                     intervals[intervals["id"].isin(ids)], as_of,
                                     width="container", localized=False))
        self._gantt_key = key

    def _day(self, as_of: date) -> dict[str, Any]:
        """What depends on the date alone (flags are translated only when shown)."""
        def make() -> dict[str, Any]:
            lots = register(self.project, as_of)
            return {"as_of": as_of, "register": lots, "status": self.project.status(as_of),
                    "flags": red_flags(self.project, as_of, table=lots)}

        return self._days.get(as_of, make)

    def _on_change(self, _change: object = None) -> None:
        if self.filters.relabeling:
            return
        try:
            self.message.value = ""
            self.refresh()
        except Exception as exc:  # the page stays usable and says why
            self.message.value = in_lang(f"<p>{note('error', t('dash.error', detail=exc))}</p>")

    def _drill_section(self, section: str | None) -> None:
        """The drill-down opened a section (or went back to all): the section filter follows,
        and with it the cards, the charts and the tables."""
        value = section or ALL
        if self.filters.section.value != value and value in {
                v for _, v in self.filters.section.options}:
            self.filters.section.value = value  # refreshes the page

    def _why_nothing(self) -> str:
        """Which filters leave no activity, in words: «раздел 1 «…», источник РБ»."""
        chosen = []
        if self.filters.section.value != "*":
            code = self.filters.section.value
            chosen.append(t("dash.filter_section", section=code,
                            title=self.project.plan.section_titles()[code]))
        if self.filters.unit.value != "*":
            chosen.append(t("dash.filter_unit", unit=self.filters.unit.value))
        if self.filters.source.value != "*":
            chosen.append(t("dash.filter_source",
                            source=i18n.funding_name(self.filters.source.value)))
        return t("dash.no_data", filters="; ".join(chosen))

    def _on_lang(self, change: dict[str, Any]) -> None:
        i18n.set_lang(change["new"])
        if self.who is not None:
            self.who.relabel()
        self.filters.relabel()
        self._on_change()


def _month_before(as_of: date) -> date:
    """The end of the month before ``as_of``'s: what «изменение с …» is measured from."""
    return date(as_of.year, as_of.month, 1) - timedelta(days=1)


def _nodata(text: str) -> str:
    return in_lang(f'<p class="mics-nodata">{html.escape(text)}</p>')


def _problems_notice(errors: list[Problem]) -> str:
    """Errors in the data: the figures may be incomplete; the list folded under a summary."""
    if not errors:
        return ""
    table = problems_table(errors[:200]).to_html()
    return in_lang(f'<details class="mics-problems"><summary>'
                   f"{note('error', t('dash.data_errors', count=len(errors)))}</summary>"
                   f"{table}</details>")


def _last_day(project: Project) -> date:
    """The last dated record of the data (the dashboard opens there for past data)."""
    _, last = project.dated_span()
    return month_end(months.of(last)) if last is not None else date.today()
