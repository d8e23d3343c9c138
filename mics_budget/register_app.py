"""The procurement register app for ДАР (Voila): the register as of today and a form that
records the next step of a lot through :func:`.recording.record_event` (append-only).

Only the steps allowed from the lot's current stage are offered; a refused step shows its
message next to the field at fault; the register refreshes after each save. A ҚАЗ / РУС / ENG
switch relabels the page, keeping what was typed and chosen.

With sign-in (``user``, from :func:`.auth.current_user`), the signed-in name is who records
(shown, not editable); a viewer gets the register without the form, and a save is refused in
the kernel too, whatever the browser sends. Without (``user=None``) the OS user records.
"""

from __future__ import annotations

import getpass
import html
from collections.abc import Callable
from datetime import date

import ipywidgets as widgets

from . import i18n
from .config import DataDir
from .dashboard import in_lang, language_switch
from .i18n import t
from .lifecycle import allowed
from .presentation import TABLE_CSS, Table, banner_html
from .project import load
from .recording import RecordError, record_event
from .register import register
from .users import User

FIELDS = ("lot", "status", "date", "amount", "bids", "supplier", "supplier_bin", "document",
          "note", "recorded_by")


class RegisterApp(widgets.VBox):
    def __init__(self, data: DataDir, today: date | None = None, lang: str | None = None,
                 user: User | None = None, logout_url: str = "/logout"):
        if lang:
            i18n.set_lang(lang)
        self.data = data
        self.user = user
        self.logout_url = logout_url
        self.today = today or date.today()
        self.banner = widgets.HTML()
        self.table = widgets.HTML()
        self.lot = widgets.Dropdown(layout={"width": "520px"})
        self.status = widgets.Dropdown(layout={"width": "320px"})
        self.date = widgets.DatePicker(value=self.today)
        self.amount = widgets.Text(placeholder="1 234 567,89")
        self.bids = widgets.Text()
        self.supplier = widgets.Text(layout={"width": "420px"})
        self.supplier_bin = widgets.Text(placeholder="123456789012")
        self.document = widgets.Text()
        self.note = widgets.Textarea(layout={"width": "420px"})
        self.recorded_by = widgets.Text(value=user.name if user else getpass.getuser(),
                                        disabled=user is not None)
        self.errors = {name: widgets.HTML() for name in FIELDS}
        self.save = widgets.Button(button_style="primary")
        self.message = widgets.HTML()
        # what is shown in self.message and self.errors, re-rendered in a new language
        self.shown: dict[widgets.HTML, tuple[str, Callable[[], str]]] = {}
        rows = []
        for name in FIELDS:
            control = getattr(self, name)
            control.style = {"description_width": "160px"}
            self.errors[name].add_class(f"mics-error-{name}")
            rows.append(widgets.HBox([control, self.errors[name]]))
        self.form_title = widgets.HTML()
        self.form = widgets.VBox([self.form_title, *rows, self.save, self.message])
        self.form.add_class("mics-form")
        self.who = widgets.HTML()
        self.who.add_class("mics-who")
        self.lang = language_switch()
        self.heading = widgets.HTML()
        can_record = user is None or user.can_record
        super().__init__([self.banner, widgets.HBox([self.who, self.lang],
                                                    layout={"justify_content": "space-between"}),
                          self.heading, self.table, *([self.form] if can_record else [])])
        self.add_class("mics-register")
        self.relabel()
        self.lot.observe(self._on_lot, names="value")
        self.lang.observe(self._on_lang, names="value")
        if can_record:
            self.save.on_click(self._on_save)
        self.reload()

    def relabel(self) -> None:
        """The fixed texts of the page in the current language."""
        for name in FIELDS:
            getattr(self, name).description = t(f"form.{name}")
        self.save.description = t("form.save")
        self.form_title.value = in_lang(f"<h2>{t('form.title')}</h2>")
        self.heading.value = in_lang(f"<h1>{t('register.title')}</h1>")
        self.who.value = in_lang(_who(self.user, self.logout_url)) if self.user else ""
        for target, (kind, text) in self.shown.items():
            target.value = _note(kind, text())

    def _on_lang(self, change) -> None:
        i18n.set_lang(change["new"])
        self.relabel()
        self.render()

    def _say(self, target: widgets.HTML, kind: str, text: Callable[[], str]) -> None:
        """Show ``text()`` (rendered again after a language switch) in ``target``."""
        self.shown[target] = (kind, text)
        target.value = _note(kind, text())

    def _clear(self) -> None:
        for target in (self.message, *self.errors.values()):
            target.value = ""
        self.shown.clear()

    def reload(self) -> None:
        """Re-read the register files and refresh the table and the choices."""
        self.project = load(self.data)
        self.render()

    def render(self) -> None:
        """The banner, the table and the choices in the current language (what was chosen
        stays chosen)."""
        self.banner.value = in_lang(banner_html(t("example.banner"))) \
            if self.project.example_data else ""
        lots = register(self.project, self.today)
        shown = lots[["lot", "activity", "title", "stage", "stage_since", "estimate",
                      "contract_amount", "paid", "left_to_pay", "delay_days"]].copy()
        shown["stage"] = shown["stage"].map(_stage)
        shown = shown.rename(columns={"title": "lot_title"})
        table = Table("register", shown, {"stage_since": "date", "estimate": "money",
                                          "contract_amount": "money", "paid": "money",
                                          "left_to_pay": "money", "delay_days": "int"})
        self.table.value = in_lang(TABLE_CSS + table.to_html())
        self.states = self.project.on(self.today).states
        current, step = self.lot.value, self.status.value
        options = [(f"{row.lot} — {row.title[:50]} ({_stage(row.stage)})", row.lot)
                   for row in lots.itertuples()]
        self.lot.options = options
        if current in {v for _, v in options}:
            self.lot.value = current
        elif options:  # the first lot that can still move
            open_lots = [v for _, v in options if self.choices(v)]
            self.lot.value = open_lots[0] if open_lots else options[0][1]
        self._on_lot()
        if self.lot.value == current and step in {v for _, v in self.status.options}:
            self.status.value = step

    def choices(self, lot: str) -> list[str]:
        """The steps allowed next for ``lot``."""
        lots = self.project.lots.set_index("lot")
        stage = self.states["stage"].get(lot, "") if lot in self.states.index else ""
        return allowed(stage or "", lots.loc[lot, "method"])

    def _on_lot(self, _change=None) -> None:
        if not self.lot.value:
            self.status.options = []
            return
        self.status.options = [(f"{_stage(s)} ({s})", s) for s in
                               self.choices(self.lot.value)]

    def _on_save(self, _button=None) -> None:
        self._clear()
        if self.user is not None and not self.user.can_record:  # whatever the browser sent
            self._say(self.message, "error", lambda: t("auth.not_allowed"))
            return
        by = self.user.name if self.user is not None else (self.recorded_by.value or None)
        try:
            values = record_event(
                self.data, self.lot.value, self.status.value or "", self.date.value,
                amount=self.amount.value or None, bids=self.bids.value or None,
                supplier=self.supplier.value, supplier_bin=self.supplier_bin.value,
                document=self.document.value, note=self.note.value,
                by=by, today=self.today)
        except RecordError as exc:
            self._say(self.errors.get(exc.field or "", self.message), "error", exc.__str__)
            return
        except Exception as exc:
            detail = str(exc)
            self._say(self.message, "error", lambda: t("error.internal", detail=detail))
            return
        for control in (self.amount, self.bids, self.supplier, self.supplier_bin,
                        self.document, self.note):
            control.value = ""
        self.reload()
        self._say(self.message, "ok", lambda: t("record.done", **values))


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


def _note(kind: str, text: str) -> str:
    """A message of the form: ``kind`` is ``error`` or ``ok``."""
    return (f'<span class="mics-{kind}" lang="{i18n.get_lang()}">{html.escape(text)}'
            "</span>")


def _stage(stage: str) -> str:
    return t(f"stage.{stage or 'none'}")
