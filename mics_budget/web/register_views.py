"""The parts of the register app: the register table with its filters and export, the lot card
(timeline, payments, and for an admin: voiding an entry, amending the lot), the form adding a
lot, and the "needs attention" panel. Each is a widget class, tested in the kernel; the app
(:mod:`.register_app`) puts them together and tells them when the register changed.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Collection
from datetime import date
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..i18n import format_date, format_money, get_lang, money_text, stage_name, t
from ..ledger.plan import code_key
from ..procurement.alerts import alerts, standing_conflicts
from ..procurement.corrections import history
from ..procurement.lifecycle import TERMINAL, VOID
from ..procurement.load import METHODS, laws
from ..procurement.status import register
from ..project import Project
from ..report.presentation import TABLE_CSS, Table
from ..vocabulary import excerpt
from .ui import DateField, in_lang, page_css, xlsx_link

ALL = "*"
OPEN = "open"
#: what the register table shows, and how (the order of the columns)
SHOWN = {"lot": "text", "activity": "text", "lot_title": "text", "stage": "text",
         "stage_since": "date", "estimate": "money", "contract_amount": "money", "paid": "money",
         "left_to_pay": "money", "delay_days": "int", "recorded_by": "text",
         "entry_source": "text", "portal_conflict": "text"}
#: up to this many lots shown, the XLSX is ready with the table: one click downloads it
INLINE_EXPORT = 300


def _fold(text: str) -> str:
    return " ".join(str(text).split()).lower().replace("ё", "е")


class RegisterView(widgets.VBox):
    """The register as of today: search, filter by stage, activity and who, sort by any column,
    open lots first (closed and cancelled folded away), and an XLSX export of what is shown."""

    def __init__(self) -> None:
        whole = {"description_width": "initial"}  # a label is never cut short
        self.search = widgets.Text(continuous_update=False, layout={"width": "280px"},
                                   style=whole)
        self.stage = widgets.Dropdown(layout={"width": "300px"}, style=whole)
        self.activity = widgets.Dropdown(layout={"width": "220px"}, style=whole)
        self.who = widgets.Dropdown(layout={"width": "260px"}, style=whole)
        self.closed = widgets.Checkbox(value=False, indent=False, layout={"width": "auto"})
        self.sort = widgets.Dropdown(layout={"width": "300px"}, style=whole)
        self.descending = widgets.Checkbox(value=False, indent=False, layout={"width": "auto"})
        self.export = widgets.Button(icon="", layout={"width": "auto"})
        self.download = widgets.HTML()
        self.count = widgets.HTML()
        self.table = widgets.HTML()
        self.lots = pd.DataFrame(columns=list(SHOWN))
        self.as_of: date | None = None
        self.banner = ""
        self.relabeling = False
        controls = widgets.HBox([self.search, self.stage, self.activity, self.who],
                                layout={"flex_flow": "row wrap"})
        more = widgets.HBox([self.sort, self.descending, self.closed, self.export,
                             self.download], layout={"flex_flow": "row wrap"})
        super().__init__([controls, more, self.count, self.table])
        self.add_class("mics-register-view")
        for control in (self.search, self.stage, self.activity, self.who, self.closed,
                        self.sort, self.descending):
            control.observe(self._on_change, names="value")
        self.export.on_click(self._on_export)

    def show(self, project: Project, today: date, activities: Collection[str] | None = None,
             table: pd.DataFrame | None = None) -> None:
        """New data (after a save) or, on the dashboard, other filters: the lots of
        ``activities`` (all when ``None``) on ``today``, from ``table`` when it is the
        register of that day already; the filters and what they chose stay."""
        table = (register(project, today) if table is None else table).copy()
        self.as_of = today
        self.banner = "example" if project.example_data else ""
        known = project.on(today).events.groupby("lot")
        last = known["recorded_by"].last()
        table["recorded_by"] = table["lot"].map(last).astype("str").fillna("")
        origin = known["portal_id"].last().fillna("").astype("str").str.startswith("goszakup:")
        sources = {lot: "portal" if imported else "typed" for lot, imported in origin.items()}
        table["entry_source"] = [sources.get(lot, "") for lot in table["lot"]]
        conflicts = standing_conflicts(project, today)
        fields = {lot: ", ".join(sorted(set(group))) for lot, group in
                  conflicts.groupby("lot")["column"]}
        table["portal_conflict"] = [fields.get(lot, "") for lot in table["lot"]]
        if activities is not None:
            table = table.loc[table["activity"].isin(list(activities))]
        self.lots = table.rename(columns={"title": "lot_title"})
        self.relabel()

    def relabel(self) -> None:
        """Labels and choices in the current language (the values chosen stay)."""
        chosen = (self.stage.value, self.activity.value, self.who.value, self.sort.value)
        self.relabeling = True
        try:
            self.search.placeholder = t("app.search")
            self.search.description = t("app.search")
            self.closed.description = t("app.show_closed")
            self.descending.description = t("app.sort_desc")
            self.export.description = t("app.export")
            stages = [s for s in dict.fromkeys(self.lots["stage"])]
            self.stage.description = t("app.filter_stage")
            self.stage.options = [(t("app.open_lots"), OPEN), (t("app.all"), ALL),
                                  *[(stage_name(s), s) for s in stages]]
            self.activity.description = t("app.filter_activity")
            self.activity.options = [(t("app.all"), ALL), *[
                (a, a) for a in sorted(set(self.lots["activity"]), key=code_key)]]
            self.who.description = t("app.filter_who")
            self.who.options = [(t("app.all"), ALL), *[
                (w, w) for w in sorted(set(self.lots["recorded_by"]) - {""})]]
            self.sort.description = t("app.sort")
            self.sort.options = [(t(f"col.{c}"), c) for c in SHOWN]
            for control, value, default in zip(
                    (self.stage, self.activity, self.who, self.sort), chosen,
                    (OPEN, ALL, ALL, "lot"), strict=True):
                values = {v for _, v in control.options}
                control.value = value if value in values else default
        finally:
            self.relabeling = False
        self.render()

    def shown(self) -> pd.DataFrame:
        """The lots as the filters and the sort choose them (the table and the export)."""
        lots = self.lots
        ended = lots["stage"].isin(TERMINAL)
        if self.stage.value == OPEN:
            keep = ~ended | self.closed.value
        elif self.stage.value == ALL:
            keep = pd.Series(True, index=lots.index)
        else:
            keep = lots["stage"] == self.stage.value
        if self.activity.value not in (ALL, None):
            keep &= lots["activity"] == self.activity.value
        if self.who.value not in (ALL, None):
            keep &= lots["recorded_by"] == self.who.value
        words = _fold(self.search.value).split()
        if words:
            text = (lots["lot"] + " " + lots["lot_title"] + " " + lots["supplier"] + " "
                    + lots["activity"]).map(_fold)
            for word in words:
                keep &= text.str.contains(word, regex=False)
        chosen = lots.loc[keep]
        column = self.sort.value or "lot"
        key = chosen[column]
        if column == "activity":
            key = key.map(code_key)
        elif column == "stage":
            key = key.map(stage_name)
        order = chosen.assign(_ended=chosen["stage"].isin(TERMINAL), _key=key).sort_values(
            ["_ended", "_key"], ascending=[True, not self.descending.value],
            na_position="last", kind="stable")
        return order[list(SHOWN)]

    def render(self) -> None:
        shown = self.shown()
        self.count.value = in_lang(t("app.shown", shown=len(shown), total=len(self.lots)))
        self.table.value = in_lang(TABLE_CSS + self._table(shown).to_html())
        inline = len(shown) <= INLINE_EXPORT  # ready with the table: one click downloads
        self.export.layout.display = "none" if inline else None
        self.download.value = self._export_link(shown) if inline else ""

    def _table(self, shown: pd.DataFrame) -> Table:
        out = shown.assign(
            stage=shown["stage"].map(stage_name),
            entry_source=shown["entry_source"].map(
                lambda s: t(f"app.source_{s}") if s else ""),
            portal_conflict=shown["portal_conflict"].map(
                lambda c: t("app.conflict_in", fields=c) if c else ""))
        return Table("register", out, {c: k for c, k in SHOWN.items() if k != "text"})

    def _on_change(self, _change=None) -> None:
        if not self.relabeling:
            self.download.value = ""
            self.render()

    def _on_export(self, _button=None) -> None:
        """An XLSX of the table as shown, formatted like the report's sheets, as a link (made
        on demand only when the table is long; a short one has its link ready)."""
        self.download.value = self._export_link(self.shown())

    def _export_link(self, shown: pd.DataFrame) -> str:
        """The XLSX of ``shown``: the example banner on example data, and the date of the data
        in its title and its name."""
        day = self.as_of or date.today()
        table = self._table(shown)
        table.period = t("period.on", date=format_date(day))
        return xlsx_link([table], f"register-{day.isoformat()}.xlsx",
                         title=t("register.title"),
                         banner=t("example.banner") if self.banner else "",
                         text=t("app.export"))



class LotCard(widgets.VBox):
    """One lot: what it is, its timeline (every entry, voided ones struck through) and its
    payments; for an admin, voiding an entry and amending the lot's planning fields."""

    def __init__(self, can_admin: bool,
                 on_void: Callable[[str, str], None] | None = None,
                 on_amend: Callable[[str, dict], None] | None = None,
                 on_take_portal: Callable[[str], None] | None = None) -> None:
        self.lot = widgets.Dropdown(layout={"width": "560px"})
        self.body = widgets.HTML()
        self.conflicts = widgets.HTML()
        self.take_portal = widgets.Button(button_style="warning", layout={"width": "auto"})
        self.take_message = widgets.HTML()
        self.resolve = widgets.HBox([self.take_portal])  # shown only while there is a conflict
        self.entry = widgets.Dropdown(layout={"width": "560px"})
        self.reason = widgets.Text(layout={"width": "560px"})
        self.void = widgets.Button(button_style="warning", layout={"width": "auto"})
        self.void_message = widgets.HTML()
        self.title = widgets.Text(layout={"width": "560px"})
        self.estimate = widgets.Text()
        self.planned = DateField()
        self.needed_by = DateField()
        self.law = widgets.Dropdown()
        self.portal_number = widgets.Text(placeholder="15550001-1")
        self.portal_lot = widgets.Text(placeholder="90000001-ОК1")
        self.portal_contract = widgets.Text(placeholder="K-0001")
        self.amend = widgets.Button(button_style="primary", layout={"width": "auto"})
        self.amend_message = widgets.HTML()
        self.heading_void, self.heading_amend = widgets.HTML(), widgets.HTML()
        self.admin = widgets.VBox([
            self.resolve, self.take_message, self.heading_void, self.entry, self.reason,
            widgets.HBox([self.void, self.void_message]),
            self.heading_amend, self.title, self.estimate, self.planned, self.needed_by,
            self.law, self.portal_number, self.portal_lot, self.portal_contract,
            widgets.HBox([self.amend, self.amend_message])])
        self.admin.add_class("mics-lot-admin")
        self.can_admin = can_admin
        self.project: Project | None = None
        self.table = pd.DataFrame()
        self.today = date.today()
        super().__init__([self.lot, self.conflicts, self.body,
                          *([self.admin] if can_admin else [])])
        self.add_class("mics-lot-card")
        if can_admin and on_take_portal:
            self.take_portal.on_click(lambda _: on_take_portal(self.lot.value))
        self.lot.observe(lambda _: self.render(), names="value")
        if can_admin and on_void and on_amend:
            self.void.on_click(lambda _: on_void(self.entry.value or "", self.reason.value))
            self.amend.on_click(lambda _: on_amend(self.lot.value, self.changes()))

    def show(self, project: Project, today: date, table: pd.DataFrame | None = None) -> None:
        """New data: the lots of ``project`` on ``today``; ``table`` is the register of that
        day when the caller has it (the card's state and alerts come from it)."""
        self.project, self.today = project, today
        self.table = register(project, today) if table is None else table
        current = self.lot.value
        lots = project.valid_lots
        options = [(f"{lot} — {excerpt(title, 60)}", lot) for lot, title in lots["title"].items()]
        self.lot.options = options
        if current in lots.index:
            self.lot.value = current
        self.relabel()

    def relabel(self) -> None:
        self.lot.description = t("form.lot")
        self.heading_void.value = in_lang(f"<h4>{t('app.void')}</h4>")
        self.heading_amend.value = in_lang(f"<h4>{t('app.amend_lot')}</h4>")
        self.entry.description = t("col.event_id")
        self.reason.description = t("app.void_reason")
        self.void.description = t("app.void")
        self.take_portal.description = t("app.take_portal")
        self.title.description = t("app.field.title")
        self.estimate.description = t("app.field.estimate")
        self.planned.description = t("app.field.planned_announce")
        self.needed_by.description = t("app.field.needed_by")
        self.planned.relabel()
        self.needed_by.relabel()
        self.law.description = t("app.field.law")
        self.portal_number.description = t("app.field.portal_number")
        self.portal_lot.description = t("app.field.portal_lot")
        self.portal_contract.description = t("app.field.portal_contract")
        self.amend.description = t("form.save")
        for widget in (self.entry, self.reason, self.title, self.estimate, self.planned,
                       self.needed_by, self.law, self.portal_number, self.portal_lot,
                       self.portal_contract):
            widget.style = {"description_width": "200px"}
        self.render()

    def changes(self) -> dict:
        """What the admin changed in the planning fields (only those)."""
        if self.project is None or self.lot.value not in self.project.valid_lots.index:
            return {}
        lot = self.project.valid_lots.loc[self.lot.value]
        out: dict[str, object] = {}
        if self.title.value != lot["title"]:
            out["title"] = self.title.value
        if self.estimate.value.strip() and self.estimate.value != _plain(lot["estimate_minor"]):
            out["estimate"] = self.estimate.value
        for name, widget in (("planned_announce", self.planned),
                             ("needed_by", self.needed_by)):
            before = lot[name].date() if pd.notna(lot[name]) else None
            if widget.value is not None and widget.value != before:
                out[name] = widget.value
        if self.law.value and self.law.value != lot["law"]:
            out["law"] = self.law.value
        for name in ("portal_number", "portal_lot", "portal_contract"):
            value = getattr(self, name).value.strip()
            if value != lot[name]:
                out[name] = value
        return out

    def _state(self, project: Project, lot: str, currency: str) -> str:
        """Where the lot stands today: stage, contract in force, paid, left to pay, delay,
        supplier, portal numbers — the first lines of the card."""
        table = self.table.set_index("lot")
        if lot not in table.index:
            return ""
        row = table.loc[lot]

        def amount(column: str) -> str:
            value = row[column]
            return "—" if pd.isna(value) else money_text(round(float(value) * 100), currency)

        delay = row["delay_days"]
        parts = [(t("col.stage"), stage_name(str(row["stage"] or ""))),
                 (t("col.contract_amount"), amount("contract_amount")),
                 (t("col.paid"), amount("paid")), (t("col.left_to_pay"), amount("left_to_pay")),
                 (t("col.delay_days"), "—" if pd.isna(delay) else str(int(delay))),
                 (t("col.supplier"), str(row["supplier"] or "—"))]
        link = [str(project.valid_lots.loc[lot, c]) for c in
                ("portal_number", "portal_lot", "portal_contract")]
        if any(link):
            parts.append((t("app.portal"), " · ".join(x for x in link if x)))
        cells = "".join(f"<tr><th scope='row'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>"
                        for k, v in parts)
        return f'<table class="mics mics-lot-state"><tbody>{cells}</tbody></table>'

    def render(self) -> None:
        project = self.project
        if project is None or not self.lot.value:
            self.body.value = in_lang(f"<p>{t('app.choose_lot')}</p>")
            return
        lot = project.valid_lots.loc[self.lot.value]
        found = [a for a in alerts(project, self.today, table=self.table)
                 if a.code == "portal_conflict" and a.lot == self.lot.value]
        self.conflicts.value = in_lang(
            f'<div class="mics-error"><b>{html.escape(t("alert.portal_conflict"))}</b><ul>'
            + "".join(f"<li>{html.escape(a.detail)}</li>" for a in found) + "</ul></div>"
        ) if found else ""
        self.resolve.layout.display = "flex" if found else "none"
        events = history(project.events, self.lot.value)
        paid = project.payments.loc[project.payments["valid"]
                                    & (project.payments["contract"] == self.lot.value)]
        facts = (f"<p><b>{html.escape(self.lot.value)}</b> — {html.escape(str(lot['title']))}"
                 f"<br>{t('col.activity')}: {html.escape(str(lot['activity']))} · "
                 f"{t('col.method')}: {html.escape(t(f'method.{lot.method}'))} · "
                 f"{t('col.estimate')}: "
                 f"{html.escape(money_text(lot['estimate_minor'], str(lot['currency'])))}</p>"
                 + self._state(project, str(self.lot.value), str(lot["currency"])))
        timeline = _timeline(events)
        pays = Table("card_payments", paid.assign(amount=paid["amount_minor"] / 100,
                                                  kzt=paid["kzt_minor"] / 100)[
            ["id", "date", "amount", "currency", "kzt", "document"]].rename(
            columns={"kzt": "paid"}),
            {"date": "date", "amount": "money", "paid": "money"})
        self.body.value = in_lang(
            f"{TABLE_CSS}{page_css()}<h3>{t('app.card')}</h3>{facts}"
            f"<h4>{t('history.title', lot=html.escape(self.lot.value))}</h4>{timeline}"
            + ("" if self.can_admin else
               f"<p class='mics-note'>{html.escape(t('app.void_by_admin'))}</p>")
            + f"<h4>{t('app.card_payments')}</h4>{pays.to_html()}")
        in_force = events.loc[events["valid"]]
        entries = [(f"{e} — {stage_name(s)}, {format_date(d.date())}", e)
                   for e, s, d in zip(in_force["event_id"][::-1], in_force["status"][::-1],
                                      in_force["date"][::-1], strict=True)][:1]
        self.entry.options = entries  # only the latest entry can be voided (then the next)
        self.entry.value = entries[0][1] if entries else None
        self.title.value = str(lot["title"])
        self.estimate.value = _plain(lot["estimate_minor"])
        self.planned.value = lot["planned_announce"].date() if pd.notna(
            lot["planned_announce"]) else None
        self.needed_by.value = lot["needed_by"].date() if pd.notna(lot["needed_by"]) else None
        self.law.options = [("", ""), *[(name, name) for name in laws()]]
        self.law.value = lot["law"] if lot["law"] in laws() else ""
        self.portal_number.value = str(lot["portal_number"])
        self.portal_lot.value = str(lot["portal_lot"])
        self.portal_contract.value = str(lot["portal_contract"])


def _plain(minor: Any) -> str:
    """An amount for a field a person edits, as the page's language writes it and as the
    register reads it back: «6 500 000,00» (Russian, Kazakh), ``6500000.00`` (English: its
    thousands comma beside a decimal point would be refused as ambiguous)."""
    whole = int(minor)
    sign, whole = ("-", -whole) if whole < 0 else ("", whole)
    units, cents = divmod(whole, 100)
    if get_lang() == "en":
        return f"{sign}{units}.{cents:02d}"
    return f"{sign}{units:,}".replace(",", " ") + f",{cents:02d}"


def _source(portal_id: str, page: str) -> str:
    """Where an entry came from: typed, or the portal record (linked to its public page)."""
    if not str(portal_id or "").startswith("goszakup:"):
        return html.escape(t("app.source_typed"))
    record = html.escape(str(portal_id).removeprefix("goszakup:"))
    label = html.escape(t("app.source_portal"))
    if not page:
        return f"{label}: {record}"
    return (f'{label}: <a href="{html.escape(page)}" target="_blank" rel="noopener">'
            f"{record}</a>")


def _timeline(events: pd.DataFrame) -> str:
    """The lot's entries as a table; a voided one struck through, with who voided it and why."""
    head = "".join(f"<th>{html.escape(t(f'col.{c}'))}</th>" for c in (
        "event_id", "date", "stage", "amount", "bids", "supplier", "document", "note",
        "recorded_by", "entry_source", "void_reason"))
    rows = []
    for e in events.itertuples(index=False):
        cells = [e.event_id, format_date(e.date.date()) if pd.notna(e.date) else "",
                 stage_name(e.status) if e.status != VOID else "",
                 "" if pd.isna(e.amount) else format_money(e.amount),
                 "" if pd.isna(e.bids) else str(int(e.bids)), e.supplier, e.document, e.note,
                 e.recorded_by]
        after = [f"{e.void_reason} ({e.voided_by})" if e.voided else ""]
        css = ' class="mics-voided"' if e.voided else ""
        rows.append(f"<tr{css}>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells)
                    + f"<td>{_source(e.portal_id, e.portal_page)}</td>"
                    + "".join(f"<td>{html.escape(str(c))}</td>" for c in after) + "</tr>")
    if not rows:
        rows.append(f'<tr><td colspan="11">{t("table.empty")}</td></tr>')
    return f'<table class="mics"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}' \
           "</tbody></table>"


class LotForm(widgets.VBox):
    """Adding a lot (an admin's job): its activity (a procurement activity of the plan), method,
    estimate, planning fields and, once announced, its numbers on goszakup.gov.kz."""

    FIELDS = ("lot", "activity", "method", "estimate", "title", "currency", "planned_announce",
              "needed_by", "portal_number", "portal_lot", "portal_contract")

    def __init__(self, on_add: Callable[[dict], None]) -> None:
        self.lot = widgets.Text()
        self.activity = widgets.Dropdown()
        self.method = widgets.Dropdown()
        self.estimate = widgets.Text(placeholder="1 234 567,89")
        self.title = widgets.Text(layout={"width": "560px"})
        self.currency = widgets.Text(value="KZT")
        self.planned_announce = DateField()
        self.needed_by = DateField()
        self.portal_number = widgets.Text(placeholder="15550001-1")
        self.portal_lot = widgets.Text(placeholder="90000001-ОК1")
        self.portal_contract = widgets.Text(placeholder="K-0001")
        self.save = widgets.Button(button_style="primary", layout={"width": "auto"})
        self.message = widgets.HTML()
        self.errors = {name: widgets.HTML() for name in self.FIELDS}
        rows = [widgets.HBox([getattr(self, name), self.errors[name]]) for name in self.FIELDS]
        super().__init__([*rows, widgets.HBox([self.save, self.message])])
        self.add_class("mics-lot-form")
        self.save.on_click(lambda _: on_add(self.values()))

    def show(self, project: Project) -> None:
        current = self.activity.value
        codes = [a.id for a in project.plan.activities if a.procurement]
        self.activity.options = [(f"{c} — {excerpt(project.plan[c].title, 50)}", c) for c in codes]
        if current in codes:
            self.activity.value = current
        self.relabel()

    def relabel(self) -> None:
        method = self.method.value
        self.method.options = [(t(f"method.{m}"), m) for m in METHODS]
        self.method.value = method if method in METHODS else METHODS[0]
        for name in self.FIELDS:
            widget = getattr(self, name)
            widget.description = t(f"app.field.{name}")
            widget.style = {"description_width": "200px"}
            if isinstance(widget, DateField):
                widget.relabel()
        for name in ("lot", "activity", "method", "estimate"):
            getattr(self, name).add_class("mics-required")
        self.save.description = t("app.add_lot")

    def values(self) -> dict:
        return {"lot": self.lot.value, "activity": self.activity.value or "",
                "method": self.method.value or "", "estimate": self.estimate.value,
                "title": self.title.value, "currency": self.currency.value or "KZT",
                "planned_announce": self.planned_announce.value,
                "needed_by": self.needed_by.value, "portal_number": self.portal_number.value,
                "portal_lot": self.portal_lot.value,
                "portal_contract": self.portal_contract.value}


class Attention(widgets.HTML):
    """What needs attention today (the same facts as ``procurement alerts``)."""

    def show(self, project: Project, today: date, table: pd.DataFrame | None = None) -> None:
        """The alerts of ``today`` (from ``table`` when it is the register of that day)."""
        found = alerts(project, today, table=table)
        items = "".join(f"<li><b>{html.escape(a.lot or '')}</b> — {html.escape(a.title)}: "
                        f"{html.escape(a.detail)}</li>" for a in found)
        body = f'<ul class="mics-attention">{items}</ul>' if found else \
            f"<p>{html.escape(t('app.attention_none'))}</p>"
        self.value = in_lang(f"<h3>{html.escape(t('app.attention'))}</h3>{body}")
