"""The procurement register app for ДАР (Voila): the register as of today and a form that
records the next step of a lot through :func:`.recording.record_event` (append-only).

Only the steps allowed from the lot's current stage are offered; a refused step shows its
Russian message next to the field at fault; the register refreshes after each save.

With sign-in (``user``, from :func:`.auth.current_user`), the signed-in name is who records
(shown, not editable); a viewer gets the register without the form, and a save is refused in
the kernel too, whatever the browser sends. Without (``user=None``) the OS user records.
"""

from __future__ import annotations

import getpass
import html
from datetime import date

import ipywidgets as widgets

from . import i18n
from .config import DataDir
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
        rows = []
        for name in FIELDS:
            control = getattr(self, name)
            control.description = t(f"form.{name}")
            control.style = {"description_width": "160px"}
            self.errors[name].add_class(f"mics-error-{name}")
            rows.append(widgets.HBox([control, self.errors[name]]))
        self.save.description = t("form.save")
        self.form = widgets.VBox([widgets.HTML(f"<h2>{t('form.title')}</h2>"), *rows,
                                  self.save, self.message])
        self.form.add_class("mics-form")
        self.who = widgets.HTML(_who(user, logout_url))
        self.who.add_class("mics-who")
        can_record = user is None or user.can_record
        super().__init__([self.banner, self.who,
                          widgets.HTML(f"<h1>{t('register.title')}</h1>"), self.table,
                          *([self.form] if can_record else [])])
        self.add_class("mics-register")
        self.lot.observe(self._on_lot, names="value")
        if can_record:
            self.save.on_click(self._on_save)
        self.reload()

    def reload(self) -> None:
        """Re-read the register files and refresh the table and the choices."""
        self.project = load(self.data)
        self.banner.value = banner_html(t("example.banner")) if self.project.example_data \
            else ""
        lots = register(self.project, self.today)
        shown = lots[["lot", "activity", "title", "stage", "stage_since", "estimate",
                      "contract_amount", "paid", "left_to_pay", "delay_days"]].copy()
        shown["stage"] = shown["stage"].map(_stage)
        shown = shown.rename(columns={"title": "lot_title"})
        table = Table("register", shown, {"stage_since": "date", "estimate": "money",
                                          "contract_amount": "money", "paid": "money",
                                          "left_to_pay": "money", "delay_days": "int"})
        self.table.value = TABLE_CSS + table.to_html()
        self.states = self.project.on(self.today).states
        current = self.lot.value
        options = [(f"{row.lot} — {row.title[:50]} ({_stage(row.stage)})", row.lot)
                   for row in lots.itertuples()]
        self.lot.options = options
        if current in {v for _, v in options}:
            self.lot.value = current
        elif options:  # the first lot that can still move
            open_lots = [v for _, v in options if self.choices(v)]
            self.lot.value = open_lots[0] if open_lots else options[0][1]
        self._on_lot()

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
        for error in self.errors.values():
            error.value = ""
        self.message.value = ""
        if self.user is not None and not self.user.can_record:  # whatever the browser sent
            self.message.value = (f'<span class="mics-error">{html.escape(t("auth.not_allowed"))}'
                                  "</span>")
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
            target = self.errors.get(exc.field or "", None)
            text = f'<span class="mics-error">{html.escape(str(exc))}</span>'
            if target is not None:
                target.value = text
            else:
                self.message.value = text
            return
        except Exception as exc:
            self.message.value = (f'<span class="mics-error">'
                                  f'{html.escape(t("error.internal", detail=exc))}</span>')
            return
        self.message.value = (f'<span class="mics-ok">{html.escape(t("record.done", **values))}'
                              "</span>")
        for control in (self.amount, self.bids, self.supplier, self.supplier_bin,
                        self.document, self.note):
            control.value = ""
        self.reload()


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


def _stage(stage: str) -> str:
    return t(f"stage.{stage or 'none'}")
