"""The parts of the management dashboard, each a widget class tested in the kernel: the
filters, the figure cards (with the change over the month and the year-end forecast), the
drill-down from sections to an activity's payments and lots, and the page shown instead of the
dashboard when the data folder cannot be loaded. :mod:`.dashboard` puts them together.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..core.checks import Problem
from ..core.params import specifics_names
from ..i18n import (
    LANGS,
    format_date,
    format_money,
    format_number,
    format_percent,
    funding_name,
    get_lang,
    plan_period,
    stage_name,
    t,
    year_period,
)
from ..ledger.plan import code_key
from ..ledger.spending import change_since
from ..procurement.status import register
from ..project import Project
from ..report.presentation import TABLE_CSS, Table, problems_table
from ..vocabulary import excerpt
from .ui import DateField, in_lang, language_switch, note
from .users import USERS_ENV

ALL = "*"


MEASURES = ("plan", "committed", "paid", "remaining", "execution")
MONEY = dict.fromkeys(["plan", "committed", "paid", "remaining"], "money")


class Filters(widgets.HBox):
    """As-of date (typed, dd.mm.yyyy), funding source, section, unit and language."""

    def __init__(self, project: Project, as_of: date):
        self.project = project
        self.as_of = DateField(as_of, width="210px", required=True)
        self.source = widgets.ToggleButtons(options=[ALL], style={"button_width": "90px"})
        whole = {"description_width": "initial"}  # a label is never cut short
        self.section = widgets.Dropdown(options=[ALL], layout={"width": "400px"}, style=whole)
        self.unit = widgets.Dropdown(options=[ALL], layout={"width": "330px"}, style=whole)
        self.relabeling = False
        self.lang = language_switch()
        self.relabel()
        super().__init__([self.as_of, self.source, self.section, self.unit, self.lang])
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
        self.as_of.relabel()
        self.source.options = [(t("dash.all"), ALL), (t("funding.RB"), "RB"),
                               (t("funding.UNICEF"), "UNICEF")]
        longest = max(len(label) for label, _ in self.source.options)  # "Republican budget"
        self.source.style.button_width = f"{max(90, 8 * longest + 20)}px"
        sections = [(f"{code}. {title}", code) for code, title in
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

    def controls(self) -> list[widgets.Widget]:
        return [self.as_of, self.source, self.section, self.unit]


class Cards(widgets.HTML):
    """Per source: plan, committed, paid, remaining and execution over the whole plan to the
    as-of day, each with its change since the previous month end; then the year of the as-of
    day: its plan, what was paid in it so far, and the year-end forecast of payments and of
    the unspent plan. Each group's heading names its period («2023–2025 гг., на 30.06.2025»,
    «2025 г., на 30.06.2025»), so the whole-plan and the year figures are never confused.

    Each figure (a table row) carries ``data-source``, ``data-measure``, ``data-value`` (KZT
    to 0.01) and ``data-change``, so tests compare them with the CLI's JSON (``summary`` for
    the whole plan; ``forecast`` for ``year_plan``, ``year_paid`` and ``expected_*``)."""

    def show(self, rows: list[dict], before: list[dict], forecast: pd.DataFrame,
             as_of: date, since: date, years: tuple[int, int] | None = None) -> None:
        year = as_of.year
        earlier = {row["source"]: row for row in before}
        ahead = {row["source"]: row for row in forecast.to_dict("records")}
        whole = plan_period(years or (year, year), as_of)
        cards = []
        for row in rows:
            source = row["source"]
            head = (f'<tr><th scope="colgroup" colspan="2" class="mics-period">'
                    f'{html.escape(whole)}</th><th scope="col">'
                    f'{t("dash.change_since", date=format_date(since))}</th></tr>')
            items = []
            for measure in MEASURES:
                value = row[measure]
                change = change_since(value, earlier.get(source, {}).get(measure), measure)
                items.append(_figure(source, measure, value, change))
            expected = ahead.get(source)
            outlook = (_figure(source, "year_plan", expected["plan"],
                               label=t("dash.year_plan", year=year))
                       + _figure(source, "year_paid", expected["paid"],
                                 label=t("dash.year_paid", year=year))
                       + _figure(source, "expected_paid", expected["expected_paid"])
                       + _figure(source, "expected_unspent", expected["expected_unspent"])
                       if expected else
                       f'<tr><td class="mics-note" colspan="3">{t("dash.no_plan_year", year=year)}'
                       "</td></tr>")
            cards.append(
                f'<div class="mics-card"><h3>{funding_name(source)}</h3>'
                f'<table class="mics-card-figures"><thead>{head}</thead><tbody>'
                + "".join(items) + f'<tr class="mics-forecast-head"><th colspan="3" '
                f'scope="rowgroup" class="mics-period">'
                f'{html.escape(t("dash.forecast", year=year, period=year_period(year, as_of)))}'
                f'</th></tr>{outlook}</tbody></table></div>')
        self.value = in_lang('<div class="mics-cards">' + "".join(cards) + "</div>")


def _figure(source: str, measure: str, value: float | None, change: float | None = None,
            label: str | None = None) -> str:
    percent = measure == "execution"
    text = ("—" if value is None or pd.isna(value)  # no plan: no share, said as a dash
            else format_percent(value) if percent else format_money(value, decimals=0))
    raw = "" if value is None or pd.isna(value) else (
        f"{value:.6f}" if percent else f"{value:.2f}")
    delta, changed = "", ""
    if change is not None and not pd.isna(change):
        changed = f"{change:.6f}" if percent else f"{change:.2f}"
        shown = format_percent(change) if percent else format_money(change, decimals=0)
        delta = ("+" if round(change, 6 if percent else 2) > 0 else "") + shown
    return (f'<tr class="mics-figure" data-source="{source}" data-measure="{measure}" '
            f'data-value="{raw}" data-change="{changed}"><th scope="row">'
            f'{html.escape(label or t(f"col.{measure}"))}</th><td>{html.escape(text)}</td>'
            f'<td class="mics-change">{html.escape(delta)}</td></tr>')


class DrillDown(widgets.VBox):
    """Sections → a section's activities → an activity's payments and lots, with a way back.

    A level is opened from the list (or, through :meth:`open_section`, by a click on a
    section's bar); ``Назад`` goes one level up. The figures are those of the dashboard's
    filters (date, source, section, unit)."""

    def __init__(self, on_section: Callable[[str | None], None] | None = None) -> None:
        self.on_section = on_section  # the dashboard's cards and charts follow the section
        self.back = widgets.Button(layout={"width": "auto", "min_width": "max-content"})
        self.path = widgets.HBox(layout={"flex_flow": "row wrap", "align_items": "center"})
        self.path.add_class("mics-crumbs")
        self.pick = widgets.Dropdown(layout={"width": "100%", "max_width": "460px"})
        self.body = widgets.HTML()
        self.section: str | None = None
        self.activity: str | None = None
        self._filtered: str | None = None  # the section the dashboard's filter last had
        self.project: Project | None = None
        self.view: dict = {}
        self.choosing = False
        top = widgets.HBox([self.back, self.path],
                           layout={"align_items": "center", "flex_flow": "row wrap"})
        super().__init__([top, self.pick, self.body])
        self.add_class("mics-drill")
        self.back.on_click(lambda _button: self.up())
        self.pick.observe(self._on_pick, names="value")

    def show(self, project: Project, as_of: date, source: str | None,
             activities: Iterable[str] | None, section: str | None = None) -> None:
        """New filters: the level stays where it still makes sense; a section chosen in the
        filters opens it here too."""
        self.project = project
        allowed = None if activities is None else set(activities)
        self.view = {"as_of": as_of, "source": source, "allowed": allowed}
        if section != self._filtered:  # the section filter changed: the drill follows it
            self._filtered = section
            if section != self.section:
                self.section, self.activity = section, None
        if self.activity and not self._allowed(self.activity):
            self.activity = None
        if self.section and not self._section_activities(self.section):
            self.section = None
        self.render()

    def open_section(self, section: str | None) -> None:
        self.section, self.activity = section, None
        if self.on_section is not None:  # the filters follow: cards and charts move too
            self.on_section(section)
        self.render()

    def open_activity(self, activity: str) -> None:
        assert self.project is not None
        self.section, self.activity = self.project.plan[activity].section, activity
        self.render()

    def up(self) -> None:
        if self.activity:
            self.activity = None
            self.render()
        else:
            self.open_section(None)

    def level(self) -> str:
        return "activity" if self.activity else "section" if self.section else "sections"

    # --- what each level shows -----------------------------------------------------------
    def render(self) -> None:
        if self.project is None:
            return
        plan = self.project.plan
        crumbs: list[tuple[str, str | None]] = [(t("dash.all_sections"), None)]
        if self.section:
            crumbs.append((f"{self.section}. {plan.section_titles()[self.section]}",
                           self.section))
        if self.activity:
            crumbs.append((f"{self.activity} {plan.titles()[self.activity]}", None))
        self.path.children = self._crumbs(crumbs)
        self.back.description = "← " + t("dash.back")
        self.back.disabled = not self.section
        if self.activity:
            tables, choices = self._activity_tables(self.activity), []
        elif self.section:
            table = self._activities_table(self.section)
            tables = [table]
            listed = set(table.frame["activity"])  # only what the table shows can be opened
            choices = [(f"{a} {excerpt(plan.titles()[a], 70)}", a)
                       for a in self._section_activities(self.section) if a in listed]
        else:
            tables = [self._sections_table()]
            choices = [(f"{code}. {excerpt(title, 70)}", code)
                       for code, title in plan.section_titles().items()
                       if self._section_activities(code)]
        self.choosing = True
        try:
            prompt = t("dash.open_activity" if self.section else "dash.open_section")
            self.pick.options = [(prompt, ""), *choices]
            self.pick.value = ""
            self.pick.layout.display = "none" if self.activity else None
        finally:
            self.choosing = False
        self.body.value = in_lang(TABLE_CSS + "".join(
            f"<h4>{html.escape(table.title)}</h4>{table.to_html()}" for table in tables))

    def _crumbs(self, crumbs: list[tuple[str, str | None]]) -> list[widgets.Widget]:
        """The path as links (each opens its level) and the level shown, in words."""
        out: list[widgets.Widget] = []
        for place, (text, section) in enumerate(crumbs):
            if out:
                out.append(widgets.HTML("›"))
            if place == len(crumbs) - 1:
                here = widgets.HTML(in_lang(html.escape(text)))
                here.add_class("mics-crumb-here")
                out.append(here)
                continue
            link = widgets.Button(description=excerpt(text, 80), tooltip=text,
                                  layout={"width": "auto"})
            link.add_class("mics-crumb")
            link.on_click(lambda _button, code=section: self.open_section(code))
            out.append(link)
        return out

    def text_path(self) -> str:
        """The path as one line (what the crumbs say)."""
        return " › ".join(getattr(w, "description", "") or w.value for w in self.path.children
                          if not (isinstance(w, widgets.HTML) and w.value == "›"))

    def _allowed(self, activity: str) -> bool:
        allowed, source = self.view["allowed"], self.view["source"]
        assert self.project is not None
        return (allowed is None or activity in allowed) and (
            source is None or self.project.plan[activity].funding == source)

    def _section_activities(self, section: str) -> list[str]:
        assert self.project is not None
        return [a.id for a in self.project.plan.activities
                if a.section == section and self._allowed(a.id)]

    def _spending(self, by: str, activities: list[str] | None) -> pd.DataFrame:
        assert self.project is not None
        table = self.project.spending(self.view["as_of"], [by], source=self.view["source"],
                                      activities=activities)
        keep = ["plan", "committed", "paid", "remaining"]
        total = table.groupby(by, sort=False)[keep].sum().reset_index()
        total = total.sort_values(by, key=lambda codes: codes.map(code_key), kind="stable")
        total["execution"] = total["paid"] / total["plan"].where(total["plan"] != 0)
        return total.reset_index(drop=True)

    def _sections_table(self) -> Table:
        allowed = self.view["allowed"]
        frame = self._spending("section", None if allowed is None else sorted(allowed))
        assert self.project is not None
        frame.insert(1, "title", frame["section"].map(self.project.plan.section_titles()))
        return Table("drill_sections", frame, MONEY | {"section": "code",
                                                       "execution": "percent"},
                     labels={"title": t("col.section_title")})

    def _activities_table(self, section: str) -> Table:
        assert self.project is not None
        frame = self._spending("activity", self._section_activities(section))
        frame.insert(1, "title", frame["activity"].map(self.project.plan.titles()))
        status = self.project.status(self.view["as_of"]).set_index("id")["status"]
        frame["status"] = frame["activity"].map(status).map(lambda s: t(f"status.{s}"))
        return Table("drill_activities", frame, MONEY | {"activity": "code",
                                                         "execution": "percent"},
                     labels={"title": t("col.activity_title")})

    def _activity_tables(self, activity: str) -> list[Table]:
        assert self.project is not None
        as_of = self.view["as_of"]
        spent = self._spending("activity", [activity])
        payments = self.project.payments_on(as_of)
        payments = payments.loc[payments["activity"] == activity]
        names = specifics_names()
        column = LANGS.index(get_lang())
        shown = pd.DataFrame({
            "date": payments["date"], "amount": payments["amount"],
            "currency": payments["currency"], "kzt": payments["kzt_minor"] / 100,
            "specifics": payments["specifics"].map(  # «143 — …»: a code says little
                lambda code: f"{code} — {names[code][column]}" if code in names else code),
            "payee": payments["payee"],
            "document": payments["document"]}).sort_values("date", kind="stable")
        lots = register(self.project, as_of)
        lots = lots.loc[lots["activity"] == activity, ["lot", "title", "stage",
                                                       "contract_amount", "paid",
                                                       "left_to_pay"]]
        lots = lots.assign(stage=lots["stage"].map(stage_name))
        return [Table("drill_activity", spent.drop(columns=["activity"]),
                      MONEY | {"execution": "percent"}),
                Table("drill_payments", shown, {"date": "date", "amount": "money",
                                                "kzt": "money"}),
                Table("drill_lots", lots, {"lot": "code", "contract_amount": "money",
                                           "paid": "money", "left_to_pay": "money"},
                      labels={"title": t("col.lot_title")})]

    def _on_pick(self, change: dict) -> None:
        if self.choosing or not change["new"]:
            return
        if self.section:
            self.open_activity(change["new"])
        else:
            self.open_section(change["new"])


class ProblemsPage(widgets.HTML):
    """Shown instead of the dashboard when the data folder cannot be loaded. Everybody reads
    that the figures are unavailable and whom to ask; what is wrong, where (file, row,
    column) and the server's folder, as ``mics-budget validate`` says it, is shown to an
    administrator only (or to everybody when the server has no users file: then whoever runs
    it is the administrator). :meth:`for_user` is called once the page's user is known."""

    def __init__(self) -> None:
        super().__init__()
        self.admin = not os.environ.get(USERS_ENV)
        self.parts: tuple[str, list[Problem], str] = ("", [], "")

    def show(self, message: str, problems: list[Problem], folder: str = "") -> None:
        self.parts = (message, problems, folder)
        self.render()

    def for_user(self, user: Any) -> None:
        self.admin = (not os.environ.get(USERS_ENV)  # no users: whoever runs it administers
                      or getattr(user, "role", "") == "admin")
        self.render()

    def render(self) -> None:
        message, problems, folder = self.parts
        head = (f'{TABLE_CSS}<h1>{t("dash.title")}</h1><h2 class="mics-error-title">'
                f'{t("dash.not_loaded")}</h2>')
        if not self.admin:
            self.value = in_lang(f"{head}<p>{note('error', t('dash.ask_admin'))}</p>")
            return
        table = problems_table(problems).to_html() if problems else ""
        self.value = in_lang(
            head + (f"<p>{html.escape(t('dash.folder', folder=folder))}</p>" if folder else "")
            + f"<p>{note('error', message)}</p>{table}<p>{t('dash.fix_and_reload')}</p>")


class Advances(widgets.HTML):
    """UNICEF's advances outstanding and their age (:func:`mics_budget.ledger.face.advances`)
    for the activities shown: one line per advance, those open more than 6 months marked.
    Empty when UNICEF is not among the sources shown or the folder has no transfers. Each
    line carries ``data-reference``, ``data-outstanding`` (USD to 0.01) and ``data-age``, so
    tests compare them with ``face --check``."""

    def show(self, project: Project, as_of: date, activities: Iterable[str]) -> None:
        from ..ledger.face import OVERDUE_MONTHS, add_months, advances

        wanted = set(activities)
        if project.transfers.empty or not any(
                project.plan[a].funding == "UNICEF" for a in wanted if a in project.plan.by_id):
            self.value = ""
            return
        open_ = advances(project, as_of)
        open_ = open_.loc[open_["activity"].isin(wanted)]
        lines = []
        for row in open_.itertuples():
            old = add_months(row.date.date(), OVERDUE_MONTHS) < as_of
            lines.append(
                f'<tr class="mics-advance{" mics-overdue" if old else ""}" '
                f'data-reference="{html.escape(row.reference)}" '
                f'data-outstanding="{row.outstanding / 100:.2f}" data-age="{row.age_days}">'
                f'<th scope="row">{html.escape(row.reference)} ({html.escape(row.activity)})'
                f'</th><td>{html.escape(format_number(row.outstanding / 100))} USD</td>'
                f'<td>{html.escape(t("dash.advance_age", days=row.age_days))}'
                f'{" ⚠" if old else ""}</td></tr>')
        body = "".join(lines) or (f'<tr><td class="mics-note" colspan="3">'
                                  f'{html.escape(t("dash.no_advances"))}</td></tr>')
        self.value = in_lang(
            f'<div class="mics-advances"><h3>{html.escape(t("dash.advances"))}</h3>'
            f'<p class="mics-period">{html.escape(t("period.on", date=format_date(as_of)))}'
            f'</p><table class="mics-card-figures">{body}</table></div>')
