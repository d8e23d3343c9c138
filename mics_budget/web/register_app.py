"""The procurement register app for ДАР (Voila): the place ДАР works in every day.

Tabs: the register (search, filters, sort, open lots first, XLSX export), recording a step of a
lot (only the steps allowed from its stage, the first one chosen; required fields marked and
checked before saving; messages next to their field), the lot card (timeline with voided
entries, payments; an admin voids entries and amends the lot) and, for an admin, a new lot.
"Needs attention" sits above them. A ҚАЗ / РУС / ENG switch relabels everything, keeping what
was typed and chosen.

Who: with sign-in (``user``, from :func:`.auth.current_user`) the signed-in name records (shown,
not editable); a viewer sees everything but can change nothing, a recorder records steps, an
admin also adds and amends lots and voids entries. Every action checks the role in the kernel,
whatever the browser sends. Without sign-in (``user=None``) the OS user records, with every
right (as before sign-in existed).

A save re-reads only the register files (``Project.with_register``), not the whole folder.
"""

from __future__ import annotations

import getpass
import html
import os
import threading
from collections.abc import Callable
from datetime import date

import ipywidgets as widgets

from .. import i18n
from ..config import DataDir
from ..errors import ConfirmationNeeded, UserError
from ..i18n import format_date, stage_name, t
from ..procurement.lifecycle import IN_FORCE, NATURAL_NEXT, allowed
from ..procurement.recording import RecordError, add_lot, amend_lot, record_event, void_event
from ..procurement.status import register
from ..project import load
from ..report.presentation import banner_html
from ..vocabulary import excerpt
from .register_views import Attention, LotCard, LotForm, RegisterView
from .ui import DateField, in_lang, language_switch, note, page_css
from .users import User

SESSION_CHECK = 60.0  # seconds between two checks of an open page's session

FIELDS = ("lot", "status", "date", "amount", "bids", "supplier", "supplier_bin", "document",
          "note", "recorded_by")


class RegisterApp(widgets.VBox):
    def __init__(self, data: DataDir, today: date | None = None, lang: str | None = None,
                 user: User | None = None, logout_url: str = "/logout",
                 session: Callable[[], User | None] | None = None):
        if lang:
            i18n.set_lang(lang)
        self.data = data
        self.user = user
        self.logout_url = logout_url
        self.today = today or date.today()
        self.can_record = user is None or user.can_record
        self.can_admin = user is None or user.is_admin
        # the page's session, asked again before every write and every SESSION_CHECK seconds:
        # a sign-out, a new password or a removal ends what this open page may do
        self.session = session
        self.ended = False
        self.banner = widgets.HTML()
        self.style = widgets.HTML(page_css())
        # the step form (its fields are attributes of the app: tests and notebooks use them)
        self.lot = widgets.Dropdown(layout={"width": "560px"})
        self.status = widgets.Dropdown(layout={"width": "360px"})
        self.date = DateField(self.today, required=True)
        self.amount = widgets.Text(placeholder="1 234 567,89")
        self.bids = widgets.Text()
        self.supplier = widgets.Text(layout={"width": "420px"})
        self.supplier_bin = widgets.Text(placeholder="123456789012")
        self.document = widgets.Text()
        self.note = widgets.Textarea(layout={"width": "420px"})
        self.recorded_by = widgets.Text(value=user.name if user else getpass.getuser(),
                                        disabled=user is not None)
        self.errors = {name: widgets.HTML() for name in FIELDS}
        self.save = widgets.Button(button_style="primary", layout={"width": "auto"})
        # shown when a step contradicts the register: recorded only when confirmed
        self.confirm = widgets.Button(button_style="warning", layout={"display": "none",
                                                                      "width": "auto"})
        self.message = widgets.HTML()
        # what is shown in the message areas, rendered again after a language switch
        self.shown: dict[widgets.HTML, tuple[str, Callable[[], str]]] = {}
        rows = []
        for name in FIELDS:
            control = getattr(self, name)
            control.style = {"description_width": "160px"}
            self.errors[name].add_class(f"mics-error-{name}")
            rows.append(widgets.HBox([control, self.errors[name]]))
        self.form_title = widgets.HTML()
        self.form = widgets.VBox([self.form_title, *rows, widgets.HBox([self.save, self.confirm,
                                                                       self.message])])
        self.form.add_class("mics-form")
        # the other parts
        self.view = RegisterView()
        self.table = self.view.table
        self.card = LotCard(self.can_admin, self._on_void, self._on_amend,
                            self._on_take_portal)
        self.new_lot = LotForm(self._on_add_lot)
        self.attention = Attention()
        self.who = widgets.HTML()
        self.who.add_class("mics-who")
        self.lang = language_switch()
        self.heading = widgets.HTML()
        pages = [self.view, *([self.form] if self.can_record else []), self.card,
                 *([self.new_lot] if self.can_admin else [])]
        self.tabs = widgets.Tab(children=pages)
        self.tabs.add_class("mics-tabs")
        super().__init__([self.style, self.banner,
                          widgets.HBox([self.who, self.lang],
                                       layout={"justify_content": "space-between"}),
                          self.heading, self.attention, self.tabs])
        self.add_class("mics-register")
        self.lot.observe(self._on_lot, names="value")
        self.status.observe(lambda _: self._mark_required(), names="value")
        self.lang.observe(self._on_lang, names="value")
        if self.can_record:
            self.save.on_click(self._on_save)
            self.confirm.on_click(lambda _: self._on_save(confirm=True))
        self.project = load(self.data)
        self.render()
        self.relabel()
        if session is not None and user is not None:
            self._watch()

    # --- language -----------------------------------------------------------------------------
    def relabel(self) -> None:
        """The page's own fixed texts in the current language (after :meth:`render`, which
        draws the parts, each in the current language)."""
        for name in FIELDS:
            getattr(self, name).description = t(f"form.{name}")
        self._mark_required()
        self.save.description = t("form.save")
        self.confirm.description = t("app.confirm")
        self.form_title.value = in_lang(f"<h2>{t('form.title')}</h2>")
        self.heading.value = in_lang(f"<h1>{t('register.title')}</h1>")
        self.who.value = in_lang(_who(self.user, self.logout_url)) if self.user else ""
        titles = [t("app.tab.register"), *([t("app.tab.record")] if self.can_record else []),
                  t("app.tab.card"), *([t("app.tab.add")] if self.can_admin else [])]
        for index, title in enumerate(titles):
            self.tabs.set_title(index, title)
        for target, (kind, text) in self.shown.items():
            target.value = note(kind, text())

    def _on_lang(self, change) -> None:
        i18n.set_lang(change["new"])
        self.render()
        self.relabel()

    # --- data ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """After a save: the register files again (the rest of the folder is unchanged)."""
        self.project = self.project.with_register()
        self.render()

    def render(self) -> None:
        """Every part from the data, in the current language (what was chosen stays)."""
        self.banner.value = in_lang(banner_html(t("example.banner"))) \
            if self.project.example_data else ""
        self.states = self.project.on(self.today).states
        table = register(self.project, self.today)  # once: the view and the alerts share it
        self.view.show(self.project, self.today, table=table)
        self.card.show(self.project, self.today, table=table)
        self.new_lot.show(self.project)
        self.attention.show(self.project, self.today, table=table)
        current, step = self.lot.value, self.status.value
        lots = self.project.valid_lots
        options = [(f"{lot} — {excerpt(row.title, 50)} ({stage_name(self.stage_of(lot))})", lot)
                   for lot, row in zip(lots.index, lots.itertuples(), strict=True)]
        self.lot.options = options
        if current in lots.index:
            self.lot.value = current
        elif options:  # the first lot that can still move
            open_lots = [v for _, v in options if self.choices(v)]
            self.lot.value = open_lots[0] if open_lots else options[0][1]
        self._on_lot()
        if self.lot.value == current and step in {v for _, v in self.status.options}:
            self.status.value = step

    def stage_of(self, lot: str) -> str:
        return self.states["stage"].get(lot, "") if lot in self.states.index else ""

    def choices(self, lot: str) -> list[str]:
        """The steps allowed next for ``lot``."""
        return allowed(self.stage_of(lot), self.project.valid_lots.loc[lot, "method"])

    def _on_lot(self, _change=None) -> None:
        steps = self.choices(self.lot.value) if self.lot.value else []
        natural = NATURAL_NEXT.get(self.stage_of(self.lot.value)) if self.lot.value else None
        if natural in steps:  # the natural next step first, and chosen
            steps = [natural, *(s for s in steps if s != natural)]
        self.status.options = [(stage_name(s), s) for s in steps]
        self.status.value = natural if natural in steps else None
        self._mark_required()

    def _mark_required(self) -> None:
        """The amount is required for a contract or an amendment: marked with an asterisk."""
        needs = self.status.value in IN_FORCE
        self.amount.description = t("form.amount") + (" *" if needs else "")
        for name in ("lot", "status", "date"):
            getattr(self, name).description = t(f"form.{name}") + " *"
        self.date.relabel()

    # --- messages -----------------------------------------------------------------------------
    def _say(self, target: widgets.HTML, kind: str, text: Callable[[], str]) -> None:
        """Show ``text()`` (rendered again after a language switch) in ``target``."""
        self.shown[target] = (kind, text)
        target.value = note(kind, text())

    def _clear(self) -> None:
        for target in (self.message, *self.errors.values(), self.card.void_message,
                       self.card.amend_message, self.card.take_message, self.new_lot.message,
                       *self.new_lot.errors.values()):
            target.value = ""
        self.shown.clear()

    def _refused(self, exc: UserError, fields: dict[str, widgets.HTML],
                 fallback: widgets.HTML) -> None:
        field = getattr(exc, "field", None) or ""
        self._say(fields.get(field, fallback), "error", exc.__str__)

    # --- the session ------------------------------------------------------------------------------
    def may(self, need: str) -> bool:
        """Whether the page's user may still ``record`` or ``admin`` now: the session in force
        (not signed out, not removed, the same password) and the role the users file gives
        now. A session that ended locks the page."""
        if self.ended:
            return False
        if self.session is None or self.user is None:
            return self.can_admin if need == "admin" else self.can_record
        now = self.session()
        if now is None or now.name != self.user.name:
            self.end()
            return False
        return now.is_admin if need == "admin" else now.can_record

    def end(self) -> None:
        """The session is over: nothing more can be done here; the page says so and links to
        the sign-in, and the kernel stops a moment later (its memory is freed)."""
        if self.ended:
            return
        self.ended = True
        notice = widgets.HTML(in_lang(
            f'<div class="mics-banner" role="alert">{html.escape(t("auth.session_ended"))} '
            f'<a href="{html.escape(self.logout_url)}">{html.escape(t("auth.sign_in_again"))}'
            "</a></div>"))
        self.children = [self.style, notice]
        if self.session is not None and os.environ.get("VOILA_KERNEL_ID"):
            # a page Voila serves: its kernel goes too, once the notice has reached the page
            threading.Timer(3.0, os._exit, (0,)).start()

    def _watch(self) -> None:
        def check() -> None:
            if not self.ended:
                self.may("record")
            if not self.ended:
                self._timer = threading.Timer(SESSION_CHECK, check)
                self._timer.daemon = True
                self._timer.start()

        self._timer = threading.Timer(SESSION_CHECK, check)
        self._timer.daemon = True
        self._timer.start()

    def _by(self) -> str | None:
        return self.user.name if self.user is not None else (self.recorded_by.value or None)

    # --- actions (each checks the role here, whatever the browser sends) ------------------------
    def _on_save(self, _button=None, confirm: bool = False) -> None:
        self._clear()
        self.confirm.layout.display = "none"
        if not (self.can_record and self.may("record")):
            if not self.ended:
                self._say(self.message, "error", lambda: t("auth.not_allowed"))
            return
        if not self.status.value:  # no step chosen (none is chosen for the clerk after «paid»)
            self._say(self.errors["status"], "error", lambda: t("app.required"))
            return
        if self.status.value in IN_FORCE and not self.amount.value.strip():
            stage = self.status.value
            self._say(self.errors["amount"], "error",
                      lambda: t("record.amount_required", stage=stage_name(stage)))
            return
        try:
            values = record_event(
                self.data, self.lot.value, self.status.value or "", self.date.value,
                amount=self.amount.value or None, bids=self.bids.value or None,
                supplier=self.supplier.value, supplier_bin=self.supplier_bin.value,
                document=self.document.value, note=self.note.value, by=self._by(),
                today=self.today, plan=self.project.plan, confirm=confirm)
        except ConfirmationNeeded as exc:  # say what it contradicts; the clerk may confirm
            self._say(self.message, "error", exc.__str__)
            self.confirm.layout.display = "inline-flex"
            return
        except UserError as exc:
            self._refused(exc, self.errors, self.message)
            return
        for control in (self.amount, self.bids, self.supplier, self.supplier_bin,
                        self.document, self.note):
            control.value = ""
        self.reload()
        when = date.fromisoformat(values["date"])
        self._say(self.message, "ok", lambda: t(
            "record.done", lot=values["lot"], stage=stage_name(values["status"]),
            date=format_date(when), event_id=values["event_id"]))

    def _on_void(self, event_id: str, reason: str) -> None:
        self._clear()
        if not (self.can_admin and self.may("admin")):
            if not self.ended:
                self._say(self.card.void_message, "error", lambda: t("app.not_admin"))
            return
        try:
            void_event(self.data, event_id, reason, by=self._by(), today=self.today)
        except UserError as exc:
            self._refused(exc, {}, self.card.void_message)
            return
        self.card.reason.value = ""
        self.reload()
        self._say(self.card.void_message, "ok", lambda: t("record.voided", event_id=event_id))

    def _on_take_portal(self, lot: str) -> None:
        """An admin takes the portal's side of a conflict: the typed entries it contradicts
        are voided (latest first, with the portal record as the reason), then the answers
        saved in ``procurement/portal/`` are imported again, which adds the portal's steps."""
        from ..portal.facts import portal_folder
        from ..portal.importer import import_goszakup
        from ..procurement.alerts import alerts

        self._clear()
        target = self.card.take_message
        if not (self.can_admin and self.may("admin")):
            if not self.ended:
                self._say(target, "error", lambda: t("app.not_admin"))
            return
        found = [a for a in alerts(self.project, self.today)
                 if a.code == "portal_conflict" and a.lot == lot]
        records = {str(dict(a.facts)["event_id"]): str(dict(a.facts)["portal_id"])
                   for a in found}
        events = self.project.events.set_index("event_id")
        order = sorted(records, key=lambda e: (events.loc[e, "date"], events.loc[e, "_row"]),
                       reverse=True)
        try:
            for event_id in order:
                record = records[event_id]
                void_event(self.data, event_id, t("app.portal_taken_reason", record=record),
                           by=self._by(), today=self.today)
            folder = portal_folder(self.data)
            saved = folder.is_dir() and any(
                p.name not in {"facts.json", "rnu.json"} for p in folder.rglob("*.json"))
            added = len(import_goszakup(self.data, [folder], by=self._by(),
                                        today=self.today).events) if saved else None
        except UserError as exc:
            self.project = load(self.data)
            self.render()
            self._refused(exc, {}, target)
            return
        self.project = load(self.data)  # the facts beside the register changed too
        self.render()
        if added is None:
            self._say(target, "ok", lambda: t("app.portal_voided", lot=lot,
                                               count=len(order)))
        else:
            self._say(target, "ok", lambda: t("app.portal_taken", lot=lot, count=len(order),
                                               added=added))

    def _on_amend(self, lot: str, changes: dict) -> None:
        self._clear()
        if not (self.can_admin and self.may("admin")):
            if not self.ended:
                self._say(self.card.amend_message, "error", lambda: t("app.not_admin"))
            return
        try:
            amend_lot(self.data, lot, by=self._by(), **changes)
        except UserError as exc:
            self._refused(exc, {}, self.card.amend_message)
            return
        self.reload()
        self._say(self.card.amend_message, "ok", lambda: t("record.lot_amended", lot=lot))

    def _on_add_lot(self, values: dict) -> None:
        self._clear()
        form = self.new_lot
        if not (self.can_admin and self.may("admin")):
            if not self.ended:
                self._say(form.message, "error", lambda: t("app.not_admin"))
            return
        missing = [n for n in ("lot", "activity", "method", "estimate")
                   if not str(values[n] or "").strip()]
        if missing:
            for name in missing:
                self._say(form.errors[name], "error", lambda: t("app.required"))
            return
        try:
            add_lot(self.data, values["lot"], values["activity"], values["method"],
                    values["estimate"], title=values["title"], currency=values["currency"],
                    planned_announce=values["planned_announce"],
                    needed_by=values["needed_by"], by=self._by(),
                    portal_number=values.get("portal_number") or "",
                    portal_lot=values.get("portal_lot") or "",
                    portal_contract=values.get("portal_contract") or "")
        except RecordError as exc:
            self._refused(exc, form.errors, form.message)
            return
        except UserError as exc:
            self._refused(exc, {}, form.message)
            return
        for name in ("lot", "estimate", "title", "portal_number", "portal_lot",
                     "portal_contract"):
            getattr(form, name).value = ""
        self.reload()
        lot = values["lot"]
        self._say(form.message, "ok", lambda: t("record.lot_added", lot=lot))


def _who(user: User | None, logout_url: str) -> str:
    """Who records (or, for a viewer, who is looking) and the sign-out link."""
    if user is None:
        return ""
    role = t(f"role.{user.role}")
    who = (t("auth.recording_as", name=user.name) if user.can_record
           else t("auth.signed_in_as", name=user.name, role=role))
    out = (f'<span class="mics-recording-as">{html.escape(who)}</span> · '
           f'<a class="mics-sign-out" href="{html.escape(logout_url)}">'
           f'{html.escape(t("auth.sign_out"))}</a>')
    if not user.can_record:
        out += f'<p class="mics-read-only">{html.escape(t("auth.read_only", role=role))}</p>'
    return out
