"""Pieces shared by the pages (the dashboard and the register app): the language switch,
content marked with its language, messages, a date field that shows the date as the page's
language writes it (never as the browser's locale would), a chart panel that keeps one chart
widget, and download links. Each is small and tested in the kernel.
"""

from __future__ import annotations

import base64
import html
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import traitlets

from .. import i18n
from ..core.months import parse_day
from ..core.values import is_digits
from ..errors import UserError
from ..i18n import LANGUAGE_BUTTONS, t
from ..report._altair import alt
from ..report.charts import NUMBER_LOCALES
from .auth import current_user, logout_url
from .users import USERS_ENV

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def language_switch() -> widgets.ToggleButtons:
    """ҚАЗ / РУС / ENG, on the current language (the dashboard's and the register app's)."""
    switch = widgets.ToggleButtons(options=[(label, lang) for label, lang, _ in LANGUAGE_BUTTONS],
                                   tooltips=[name for _, _, name in LANGUAGE_BUTTONS],
                                   value=i18n.get_lang(), style={"button_width": "48px"})
    switch.add_class("mics-lang")
    return switch


class SignedIn(widgets.HTML):
    """Who is signed in and «Выйти», in the page's language (:meth:`relabel` after a switch);
    empty when the server has no users file. The name comes from the page's request: on a
    pre-heated page (the dashboard) it is awaited in a thread, so the page never waits for it
    and the name appears as soon as the request is known."""

    def __init__(self) -> None:
        super().__init__()
        self.add_class("mics-who")
        self.user: Any = None
        self.known = threading.Event()  # set once the user is known (or cannot be)
        self.listeners: list[Callable[[Any], None]] = []
        self.lock = threading.Lock()
        self.enabled = bool(os.environ.get(USERS_ENV))
        self.relabel()
        if self.enabled:
            threading.Thread(target=self._identify, daemon=True).start()
        else:
            self.known.set()

    def on_user(self, listener: Callable[[Any], None]) -> None:
        """Call ``listener(user)`` once the user is known (at once if known already;
        ``None`` without a users file or without an identity)."""
        with self.lock:
            waiting = not self.known.is_set()
            if waiting:
                self.listeners.append(listener)
        if not waiting:
            listener(self.user)

    def _identify(self) -> None:
        try:
            self.user = current_user()
        except Exception:  # no identity: the page shows «Выйти» alone, never a guess
            self.user = None
        self.relabel()
        with self.lock:
            self.known.set()
            listeners, self.listeners = self.listeners, []
        for listener in listeners:
            listener(self.user)

    def relabel(self) -> None:
        if not self.enabled:
            self.value = ""
            return
        user, who = self.user, ""
        if user is not None:
            text = t("auth.signed_in_as", name=user.name, role=t(f"role.{user.role}"))
            who = f'<span class="mics-recording-as">{html.escape(text)}</span> · '

        self.value = in_lang(f'{who}<a class="mics-sign-out" href="{html.escape(logout_url())}">'
                             f'{html.escape(t("auth.sign_out"))}</a>')


def in_lang(content: str) -> str:
    """HTML content marked with the current language, so that screen readers read it right
    (the Voila page itself does not say which language it is in)."""
    return f'<div lang="{i18n.get_lang()}">{content}</div>'


def note(kind: str, text: str) -> str:
    """A message for people: ``kind`` is ``ok`` or ``error`` (styled, in its
    language; the text is escaped)."""
    return f'<span class="mics-{kind}" lang="{i18n.get_lang()}">{html.escape(text)}</span>'


#: the room a typed date takes in its input, «30.06.2025» with a margin, in pixels
DATE_INPUT_PX = 130


class DateField(widgets.VBox):
    """A day typed as text: ``30.06.2025`` (or ISO), shown back as the page's language writes
    dates. ``value`` is a :class:`~datetime.date` or ``None`` and can be observed like a
    ``DatePicker``'s; a day that cannot be read keeps the last good value and says why under
    the field. (The browser's date input would show the browser's locale, e.g. 06/30/2025.)"""

    value = traitlets.Any(None, allow_none=True)

    def __init__(self, value: date | None = None, width: str = "250px",
                 required: bool = False) -> None:
        self.required = required
        self.text = widgets.Text(continuous_update=False, layout={"width": width},
                                 style={"description_width": "initial"})
        self.error = widgets.HTML()
        super().__init__([self.text, self.error], value=value)
        self.add_class("mics-date")
        self._shown: date | None = None
        self.text.observe(self._on_text, names="value")
        self.observe(self._on_value, names="value")
        self.relabel()

    @property
    def style(self) -> widgets.Style:
        """The text field's style (``description_width`` lines it up with other fields)."""
        return self.text.style

    @style.setter
    def style(self, value: dict[str, str]) -> None:
        """Lining the field up with others (``description_width``) keeps its room for a whole
        date: the label's width is added to the field's, never taken from it."""
        self.text.style = value
        label = str(value.get("description_width", ""))
        if label.endswith("px") and is_digits(label[:-2]):
            self.text.layout.width = f"{int(label[:-2]) + DATE_INPUT_PX}px"

    @property
    def description(self) -> str:
        return self.text.description

    @description.setter
    def description(self, text: str) -> None:
        self.text.description = text

    def relabel(self) -> None:
        """The placeholder, and the date itself, as the current language writes them."""
        self.text.placeholder = t("date.placeholder")
        self._show(self.value)

    def _show(self, day: date | None) -> None:
        self._shown = day
        self.text.value = i18n.format_date(day) if day else ""
        self.error.value = ""

    def _on_value(self, change: dict[str, Any]) -> None:
        if change["new"] != self._shown:
            self._show(change["new"])

    def _on_text(self, change: dict[str, Any]) -> None:
        text = change["new"]
        if text == (i18n.format_date(self._shown) if self._shown else ""):
            self.error.value = ""  # back to the day in force: an earlier error is stale
            return
        if not text.strip():
            if self.required:
                self.error.value = note("error", t("date.required"))
            else:
                self._shown, self.error.value = None, ""
                self.value = None
            return
        try:
            day = parse_day(text)
        except UserError as exc:
            self.error.value = note("error", str(exc))
            return
        self._shown, self.error.value = day, ""
        self.value = day
        self.text.value = i18n.format_date(day)  # 1.7.2025 is shown back as 01.07.2025


class ChartPanel(widgets.VBox):
    """One ``alt.JupyterChart``, created once and given new charts (offline, fast redraw), or a
    sentence in words where there is nothing to draw. ``on_pick`` is called with the value of
    the chart's point selection named ``pick`` (a click on a bar) when there is one.

    A new chart of the same kind (the same selections) only replaces the Vega-Lite spec, not
    validated again: its functions are the report's, validated there and by the tests."""

    def __init__(self, name: str, on_pick: Callable[[str], None] | None = None) -> None:
        self.name = name
        self.chart: alt.JupyterChart | None = None
        self.current: alt.TopLevelMixin | None = None
        self._params: list[str] = []
        self.empty = widgets.HTML()
        self.on_pick = on_pick
        super().__init__([])
        self.add_class("mics-chart")
        self.add_class(f"mics-chart-{name}")

    def show(self, chart: alt.TopLevelMixin) -> None:
        """``chart`` drawn in the current language's number style."""
        spec = chart.to_dict(validate=False)
        spec.setdefault("config", {})["locale"] = {"number": NUMBER_LOCALES[i18n.get_lang()]}
        params = [p.get("name") for p in spec.get("params", [])]
        if self.chart is None or params != self._params:
            self.chart = alt.JupyterChart(chart, embed_options={"actions": False,
                                                               "renderer": "svg"})
            if self.on_pick is not None and "pick" in params:
                self.chart.selections.observe(self._on_pick, names=["pick"])
            self._params = params
        self.chart.spec = spec
        self.current = chart
        self.children = [self.chart]
        self.layout.display = None  # shown again after an empty filter hid it

    def spec(self) -> dict:
        """The Vega-Lite spec drawn now (empty when the panel shows words)."""
        return dict(self.chart.spec or {}) if self.chart and self.children == (self.chart,) \
            else {}

    def show_nothing(self, text: str) -> None:
        """No data for the filters: say so instead of drawing empty axes."""
        self.empty.value = in_lang(f'<p class="mics-nodata">{html.escape(text)}</p>')
        self.children = [self.empty]
        self.layout.display = None

    def _on_pick(self, change: dict[str, Any]) -> None:
        chosen = getattr(change["new"], "value", None) or []
        if chosen and self.on_pick is not None:
            self.on_pick(str(next(iter(chosen[0].values()))))


def download_link(content: bytes, name: str, text: str, kind: str = XLSX) -> str:
    """A link that saves ``content`` as the file ``name`` (a data: address: nothing is kept on
    the server and nothing else can fetch it)."""
    data = base64.b64encode(content).decode("ascii")
    return (f'<a class="mics-download" download="{html.escape(name, quote=True)}" '
            f'href="data:{kind};base64,{data}">{html.escape(text)}</a>')


def xlsx_link(tables: Sequence[Any], name: str, title: str, banner: str = "",
              text: str | None = None) -> str:
    """The tables as one XLSX (formatted like the report's sheets, with ``banner`` under each
    title), as a download link saying ``text`` (default: «файл готов: name»)."""
    from ..report.presentation import write_xlsx

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        write_xlsx(path, list(tables), banner, title=title)
        content = path.read_bytes()
    return download_link(content, name, text or t("app.export_ready", name=name))


@cache
def page_css() -> str:
    """The pages' styles as a ``<style>`` block, from the Voila template's ``mics.css`` (one
    file for the dashboard, the register app and their parts; also when a part is shown in
    JupyterLab, where the template is not)."""
    from .server import TEMPLATE_STATIC

    return f"<style>\n{(TEMPLATE_STATIC / 'mics.css').read_text('utf-8')}</style>"
