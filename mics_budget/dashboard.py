"""The management dashboard: widget classes, wired by ``notebooks/dashboard.ipynb`` in Voila.

One :class:`Dashboard` per viewer (each Voila page has its own kernel): filters (as-of date,
funding source, section, unit, language), headline figures by source, charts (each one reused
``alt.JupyterChart``, offline) and tables. Every figure comes from the library with the same
filters as ``mics-budget summary --source … --section … --unit …``.
"""

from __future__ import annotations

import html
import time
from datetime import date

import ipywidgets as widgets
import pandas as pd

from . import charts, i18n, months
from ._altair import alt
from .flags import flags_frame, red_flags
from .i18n import format_money, format_percent, t
from .months import month_end
from .presentation import TABLE_CSS, Table, banner_html
from .project import Project, load
from .register import register
from .spending import summary_rows

ALL = "*"
MEASURES = ("plan", "committed", "paid", "remaining", "execution")
#: the language switch of the pages: (button, language, tooltip), each written in its own
#: language; Kazakh, the state language, first, as on the Kazakh government's own sites
LANGUAGE_BUTTONS = (("ҚАЗ", "kk", "Қазақша"), ("РУС", "ru", "Русский"), ("ENG", "en", "English"))


def language_switch() -> widgets.ToggleButtons:
    """ҚАЗ / РУС / ENG, on the current language (the dashboard's and the register app's)."""
    switch = widgets.ToggleButtons(options=[(label, lang) for label, lang, _ in LANGUAGE_BUTTONS],
                                   tooltips=[name for _, _, name in LANGUAGE_BUTTONS],
                                   value=i18n.get_lang(), style={"button_width": "48px"})
    switch.add_class("mics-lang")
    return switch


def in_lang(content: str) -> str:
    """HTML content marked with the current language, so that screen readers read it right
    (the Voila page itself does not say which language it is in)."""
    return f'<div lang="{i18n.get_lang()}">{content}</div>'


class Filters(widgets.HBox):
    """As-of date, funding source, section, unit and language."""

    def __init__(self, project: Project, as_of: date):
        self.project = project
        self.as_of = widgets.DatePicker(value=as_of, layout={"width": "190px"})
        self.source = widgets.ToggleButtons(options=[ALL], style={"button_width": "90px"})
        self.section = widgets.Dropdown(options=[ALL], layout={"width": "300px"})
        self.unit = widgets.Dropdown(options=[ALL], layout={"width": "260px"})
        self.relabeling = False
        self.lang = language_switch()
        self.relabel()
        super().__init__([self.as_of, self.source, self.section, self.unit, self.lang],
                         layout={"flex_flow": "row wrap"})
        self.add_class("mics-filters")

    def relabel(self) -> None:
        """Texts in the current language (the values stay; no change events meanwhile)."""
        values = (self.source.value, self.section.value, self.unit.value)
        self.relabeling = True
        try:
            self._relabel()
            self.source.value, self.section.value, self.unit.value = values
        finally:
            self.relabeling = False

    def _relabel(self) -> None:
        self.as_of.description = t("dash.as_of")
        self.source.options = [(t("dash.all"), ALL), (t("funding.RB"), "RB"),
                               (t("funding.UNICEF"), "UNICEF")]
        longest = max(len(label) for label, _ in self.source.options)  # "Republican budget"
        self.source.style.button_width = f"{max(90, 8 * longest + 20)}px"
        sections = [(f"{code}. {title[:40]}", code) for code, title in
                    self.project.plan.section_titles().items()]
        self.section.options = [(t("dash.all_sections"), ALL), *sections]
        units = [u for u in self.project.plan.units if any(
            u in a.units for a in self.project.plan.activities)]
        self.unit.options = [(t("dash.all_units"), ALL), *[(u, u) for u in units]]
        self.section.description = t("col.section")
        self.unit.description = t("col.unit")

    def selection(self) -> dict:
        sections = [] if self.section.value == ALL else [self.section.value]
        units = [] if self.unit.value == ALL else [self.unit.value]
        return {"as_of": self.as_of.value, "source": None if self.source.value == ALL
                else self.source.value, "sections": sections, "units": units}


class Headline(widgets.HTML):
    """Plan, committed, paid, remaining and execution per source, as figure cards.

    Each figure carries ``data-source``, ``data-measure`` and ``data-value`` (KZT to 0.01)
    so tests can compare it with the CLI JSON."""

    def show(self, rows: list[dict]) -> None:
        cards = []
        for row in rows:
            items = []
            for measure in MEASURES:
                value = row[measure]
                text = format_percent(value) if measure == "execution" else format_money(
                    value, decimals=0)
                raw = "" if value is None or pd.isna(value) else (
                    f"{value:.6f}" if measure == "execution" else f"{value:.2f}")
                items.append(
                    f'<div class="mics-figure" data-source="{row["source"]}" '
                    f'data-measure="{measure}" data-value="{raw}"><span>{t(f"col.{measure}")}'
                    f"</span><b>{html.escape(text)}</b></div>")
            name = t(f"funding.{row['source']}")
            cards.append(f'<div class="mics-card"><h3>{name}</h3>' + "".join(items) + "</div>")
        self.value = in_lang(CARD_CSS + '<div class="mics-cards">' + "".join(cards) + "</div>"
                             if cards else f"<p>{t('table.empty')}</p>")


CARD_CSS = """<style>
.mics-cards {display: flex; gap: 16px; flex-wrap: wrap;}
.mics-card {border: 1px solid #ccd; border-radius: 6px; padding: 8px 14px; min-width: 300px;}
.mics-card h3 {margin: 0 0 6px 0; color: #1f5fa8;}
.mics-figure {display: flex; justify-content: space-between; gap: 24px; font-size: 14px;}
.mics-figure b {font-variant-numeric: tabular-nums;}
</style>"""


class ChartPanel(widgets.VBox):
    """One ``alt.JupyterChart``, created once and given new charts (offline, fast redraw)."""

    def __init__(self, name: str):
        self.name = name
        self.chart: alt.JupyterChart | None = None
        super().__init__([])
        self.add_class(f"mics-chart-{name}")

    def show(self, chart: alt.TopLevelMixin) -> None:
        if self.chart is None:
            self.chart = alt.JupyterChart(chart)
            self.children = [self.chart]
        else:
            self.chart.chart = chart


class TablePanel(widgets.HTML):
    def show(self, table: Table) -> None:
        self.value = in_lang(f"{TABLE_CSS}<h3>{table.title}</h3>{table.to_html()}")


class Dashboard(widgets.VBox):
    """The whole page: banner, title, filters, figures, charts and tables."""

    def __init__(self, project: Project, as_of: date | None = None, lang: str | None = None):
        if lang:
            i18n.set_lang(lang)
        alt.JupyterChart.enable_offline(True)
        self.project = project
        self.title = widgets.HTML()
        self.banner = widgets.HTML()
        self.filters = Filters(project, as_of or min(date.today(), _last_day(project)))
        self.headline = Headline()
        # two chart widgets only: each JupyterChart ships about 0.9 MB of JavaScript
        self.charts = {name: ChartPanel(name) for name in ("overview", "gantt")}
        self.overdue = TablePanel()
        self.flags = TablePanel()
        self.message = widgets.HTML()
        self.last_refresh: dict[str, float] = {}
        self.rows: list[dict] = []
        super().__init__([self.banner, self.title, self.filters, self.message, self.headline,
                          self.charts["overview"], self.charts["gantt"], self.overdue,
                          self.flags])
        self.add_class("mics-dashboard")
        for control in (self.filters.as_of, self.filters.source, self.filters.section,
                        self.filters.unit):
            control.observe(self._on_change, names="value")
        self.filters.lang.observe(self._on_lang, names="value")
        self._on_change()

    @classmethod
    def from_data(cls, data_dir: str | None = None, **kwargs) -> Dashboard:
        return cls(load(data_dir or None), **kwargs)

    # --- figures: exactly the CLI's ------------------------------------------------------
    def figures(self) -> list[dict]:
        """The headline rows shown for the current filters (= ``summary --format json``)."""
        return self.rows

    def refresh(self) -> None:
        started = time.perf_counter()
        sel = self.filters.selection()
        if sel["as_of"] is None:
            return
        activities = self.project.activities_of(sel["sections"], sel["units"])
        self.title.value = in_lang(f"<h1>{t('dash.title')}</h1><p>{t('report.as_of')} "
                                   f"{i18n.format_date(sel['as_of'])}</p>")
        self.banner.value = in_lang(banner_html(t("example.banner"))) \
            if self.project.example_data else ""
        as_of, source = sel["as_of"], sel["source"]
        selected = {"source": source, "activities": activities}
        by_source = self.project.spending(as_of, **selected)
        self.rows = summary_rows(by_source)
        self.headline.show(self.rows)
        self.last_refresh["figures"] = time.perf_counter() - started
        lots = register(self.project, as_of)
        chosen = pd.Series(True, index=lots.index)
        if activities is not None:
            chosen &= lots["activity"].isin(activities)
        if source:
            chosen &= lots["activity"].map(lambda a: self.project.plan[a].funding) == source
        lots_shown = lots.loc[chosen]
        self.charts["overview"].show(charts.overview(
            (charts.plan_vs_paid(by_source, width=380, localized=False),
             charts.plan_vs_paid(self.project.spending(as_of, ["section"], **selected),
                                 by="section", width=380, localized=False)),
            (charts.cumulative(self.project.cumulative(as_of, **selected),
                               self.project.forecast(as_of, **selected), as_of=as_of,
                               width=380, localized=False),
             charts.lots_by_stage(lots_shown, width=380, localized=False))))
        plan = self.project.plan.frame()
        plan["title"] = plan["id"].map(self.project.plan.titles())
        status = self.project.status(as_of)
        keep = plan["id"].isin(activities) if activities is not None else plan["id"].notna()
        if source:
            keep &= plan["funding"] == source
        ids = set(plan.loc[keep, "id"])
        intervals = charts.plan_intervals(self.project.plan)
        self.charts["gantt"].show(charts.gantt(plan, status, intervals[intervals["id"].isin(
            ids)], as_of))
        overdue = status.merge(plan[["id", "title", "period_text"]], on="id")
        overdue = overdue.loc[(overdue["status"] == "overdue") & overdue["id"].isin(ids),
                              ["id", "title", "period_text", "days_overdue"]]
        self.overdue.show(Table("overdue", overdue, {"days_overdue": "int"}))
        shown = set(lots_shown["lot"])
        flags = [f for f in red_flags(self.project, as_of, table=lots)
                 if f.lot is None or f.lot in shown]
        self.flags.show(Table("flags", flags_frame(flags)))
        self.last_refresh["all"] = time.perf_counter() - started

    def _on_change(self, _change=None) -> None:
        if self.filters.relabeling:
            return
        try:
            self.message.value = ""
            self.refresh()
        except Exception as exc:
            text = html.escape(t("dash.error", detail=exc))
            self.message.value = f'<p class="mics-error">{text}</p>'

    def _on_lang(self, change) -> None:
        i18n.set_lang(change["new"])
        self.filters.relabel()
        self._on_change()


def _last_day(project: Project) -> date:
    """The last dated record of the data (the dashboard opens there for past data)."""
    _, last = project.dated_span()
    return month_end(months.of(last)) if last is not None else date.today()
