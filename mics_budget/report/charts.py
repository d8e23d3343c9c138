"""Altair charts of the figures, shared by the report, the dashboard and the notebooks.

Every function takes the tidy frames the library computes and returns an ``alt.Chart``;
labels come from :mod:`.texts`. Nothing here loads anything from the internet: call
:func:`use_offline_renderer` (static SVG) in reports, and use ``alt.JupyterChart`` with
``enable_offline`` for interactive pages (see docs/stack.md).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..core.values import is_digits
from ..i18n import format_date, funding_name, get_lang, stage_name, t
from ..procurement.lifecycle import STAGES
from ..vocabulary import excerpt
from ._altair import alt

SOURCE_COLORS = {"RB": "#1f5fa8", "UNICEF": "#1cabe2"}
MEASURE_COLORS = ["#9db4cf", "#f2a541", "#2e8540"]
STATUS_COLORS = {"done": "#2e8540", "in_progress": "#1f5fa8", "paused": "#9db4cf",
                 "planned": "#c9c9c9", "overdue": "#d83933"}


#: d3-format locales of the chart axes and tooltips, the same symbols as
#: :func:`mics_budget.i18n.format_money` (CLDR; a test compares them)
NUMBER_LOCALES = {
    "ru": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0₸"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", " KZT"]},
    "kk": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0₸"]},
}


def localize(chart: alt.TopLevelMixin, apply: bool = True) -> alt.TopLevelMixin:
    """Numbers in the current language's style (``1 234 567`` in Russian and Kazakh).

    A chart meant to be combined with others (``apply=False``) is returned as it is: the
    combination is localized once, at its top level."""
    return chart.configure(locale={"number": NUMBER_LOCALES[get_lang()]}) if apply else chart


def to_svg_html(chart: alt.TopLevelMixin, title: str = "") -> str:
    """The chart as an inline, accessible SVG figure (vl-convert; no JavaScript, offline)."""
    import html

    import vl_convert

    svg = vl_convert.vegalite_to_svg(chart.to_dict())
    label = html.escape(title or str(chart.to_dict().get("title", "")), quote=True)
    return f'<figure class="mics-chart" role="img" aria-label="{label}">{svg}</figure>'


STATIC_CSS = ("<style>.jp-LabShell .mics-static-chart, .jp-NotebookShell .mics-static-chart "
              "{display: none;}</style>")


def show(chart: alt.TopLevelMixin, interactive: bool = True) -> None:
    """Show a chart in a notebook: the interactive ``JupyterChart`` (offline), and beside it a
    static SVG copy (vl-convert) that an export to HTML or PDF keeps, since an exported page
    has no kernel to draw the widget. JupyterLab hides the copy (one chart on the screen);
    ``interactive=False`` shows the copy alone."""
    from IPython.display import HTML, display

    if interactive:
        alt.JupyterChart.enable_offline(True)
        display(alt.JupyterChart(chart, embed_options={"actions": False}))
    display(HTML(f'{STATIC_CSS if interactive else ""}<div class="mics-static-chart">'
                 f"{to_svg_html(chart)}</div>"))


def use_offline_renderer(kind: str = "svg") -> None:
    """Render charts without the internet: ``svg`` (static, vl-convert) for reports and
    exports, ``jupyter`` (``alt.JupyterChart``, offline) for interactive notebooks."""
    if kind == "svg":
        alt.renderers.enable("svg")
    else:
        alt.JupyterChart.enable_offline(True)
        alt.renderers.enable("jupyter", offline=True)


Width = int | str  # pixels, or "container": as wide as the page gives (legends below)
#: a money axis: its unit written level above the axis, never across the tick labels (a
#: rotated title is placed from an estimate of the labels' width, which «200 000 000» in the
#: page's font can exceed)
MONEY_AXIS = alt.Axis(format=",.0f", titleAngle=0, titleAlign="left", titleAnchor="end",
                      titleBaseline="bottom", titleX=-4, titleY=-8)


def _legend(width: Width, narrow: str = "bottom", **kwargs) -> alt.Legend:
    """Legends on the right of a chart of fixed width; above or below (``narrow``), one
    entry under the other, on a chart that follows the page (a phone has no room beside it)."""
    if isinstance(width, int):
        return alt.Legend(orient="right", labelLimit=260, **kwargs)
    return alt.Legend(orient=narrow, direction="vertical", labelLimit=320, **kwargs)


def _title(text: str, width: Width) -> str | alt.TitleParams:
    """A chart's title; on a chart as wide as the page, in lines short enough for a phone,
    from the chart's left edge (centred over the plot, a long line would pass the right one)."""
    if isinstance(width, int):
        return text
    import textwrap

    lines = textwrap.wrap(text, 30)
    return alt.TitleParams(lines if len(lines) > 1 else text, anchor="start", frame="bounds")


def plan_vs_paid(table: pd.DataFrame, by: str = "source", width: Width = 520,
                 localized: bool = True, names: dict[str, str] | None = None,
                 pick: bool = False) -> alt.Chart:
    """Plan, committed and paid (KZT) per source or per ``by`` column, as nested bars: the
    plan widest and lightest, the payments narrowest in front (no offsets, so the chart also
    works inside a grid of charts). ``pick``: a click on a bar selects its group (the
    selection ``pick``, which the dashboard follows to drill down)."""
    measures = ["plan", "committed", "paid"]
    keep = [by, *measures]
    long = table[keep].melt(id_vars=[by], value_vars=measures, var_name="measure",
                            value_name="kzt")
    long["measure_label"] = long["measure"].map(lambda m: t(f"col.{m}"))
    if by == "source":
        long["group"] = long[by].map(funding_name)
        groups = list(dict.fromkeys(long["group"]))
    else:
        long["group"] = long[by].astype(str)
        groups = sorted(set(long["group"]), key=lambda g: [int(p) if is_digits(p) else p
                                                             for p in g.split(".")])
    named = names or {}
    long["name"] = [named.get(g, "") for g in long["group"]]
    # an axis names its groups («7. Пилотное обследование»), not bare codes; the selection
    # still picks the code (``group``)
    labels = {g: excerpt(f"{g}. {named[g]}", 34) if named.get(g) else g for g in groups}
    long["label"] = long["group"].map(labels)
    order = [t(f"col.{m}") for m in measures]
    base = alt.Chart(long).encode(
        x=alt.X("label:N", title=t(f"col.{by}"), sort=[labels[g] for g in groups],
                axis=alt.Axis(labelAngle=-40, labelLimit=200, title=None) if named  # «7. …»
                else alt.Axis(labelAngle=0)),
        y=alt.Y("kzt:Q", title=t("chart.kzt"), axis=MONEY_AXIS),
        color=alt.Color("measure_label:N", title=None, sort=order,
                        scale=alt.Scale(domain=order, range=MEASURE_COLORS),
                        legend=_legend(width)),
        tooltip=[alt.Tooltip("group:N", title=t(f"col.{by}")),
                 *([alt.Tooltip("name:N", title=" ")] if names else []),
                 alt.Tooltip("measure_label:N", title=" "),
                 alt.Tooltip("kzt:Q", title=t("chart.kzt"), format=",.2f")],
    )
    layers = [base.transform_filter(alt.datum.measure == measure).mark_bar(
        width=alt.RelativeBandSize(share), cursor="pointer" if pick else "default")
        for measure, share in zip(measures, (0.8, 0.55, 0.3), strict=True)]
    if pick:
        layers[0] = layers[0].add_params(alt.selection_point(name="pick", fields=["group"],
                                                             on="click"))
    key = "chart.plan_vs_paid_by_section" if by == "section" else "chart.plan_vs_paid"
    title = _title(t(key), width)
    chart = alt.layer(*layers).properties(width=width, height=260, title=title)
    if named and not isinstance(width, int):
        # a chart as wide as the page: the first rotated label reaches left of the plot;
        # room for it, so «4. Формирование…» keeps its «4.» on a phone
        chart = chart.properties(padding={"left": 70, "right": 5, "top": 5, "bottom": 5})
    return localize(chart, localized)


def cumulative(table: pd.DataFrame, forecast: pd.DataFrame | None = None,
               as_of: date | None = None, width: Width = 520,
               localized: bool = True) -> alt.Chart:
    """Cumulative monthly plan and payments per source (colour) and measure (the legend says
    which line is the plan, dashed, and which the payments, solid), the year-end forecast of
    payments as a diamond on December, and the as-of date as a vertical rule. Months after the
    as-of date have no payments yet: they are left blank, not drawn at zero."""
    data = table.copy()
    data["source_label"] = data["source"].map(funding_name)
    data["month_date"] = pd.to_datetime(data["month"] + "-01")
    plan_label, paid_label, forecast_label = (t("chart.plan_cumulative"),
                                              t("chart.paid_cumulative"), t("chart.forecast"))
    long = pd.concat([
        data.assign(measure=plan_label, kzt=data["plan_cumulative"]),
        data.loc[~data["future"]].assign(measure=paid_label, kzt=data["paid_cumulative"])],
        ignore_index=True)
    measures = [plan_label, paid_label]
    x = alt.X("month_date:T", title=None, axis=alt.Axis(format="%m.%Y", labelAngle=-40))
    y = alt.Y("kzt:Q", title=t("chart.kzt"), axis=MONEY_AXIS)
    dash = {"sort": measures, "scale": alt.Scale(domain=measures, range=[[6, 4], [1, 0]])}
    # the legend of the dashes comes from an invisible grey line: drawn from the coloured
    # lines themselves, its symbols would have no colour at all
    key = alt.Chart(long).mark_line(color="#333", opacity=0).encode(
        x=x, y=y, strokeDash=alt.StrokeDash("measure:N", title=None, **dash, legend=_legend(
            width, symbolType="stroke", symbolSize=400, symbolStrokeWidth=2)))
    lines = alt.Chart(long).mark_line(point=True).encode(
        x=x, y=y,
        color=alt.Color("source_label:N", title=t("col.source"),
                        legend=_legend(width, narrow="top")),
        strokeDash=alt.StrokeDash("measure:N", title=None, **dash, legend=None),
        tooltip=[alt.Tooltip("month:N", title=t("col.month")),
                 alt.Tooltip("source_label:N", title=t("col.source")),
                 alt.Tooltip("measure:N", title=" "),
                 alt.Tooltip("kzt:Q", title=t("chart.kzt"), format=",.2f")],
    )
    layers = [key, lines]
    if forecast is not None and len(forecast) and len(data):
        year = data["month"].iloc[0][:4]
        points = forecast.assign(
            source_label=forecast["source"].map(funding_name),
            month_date=pd.Timestamp(f"{year}-12-01"), measure=forecast_label)
        layers.append(alt.Chart(points).mark_point(shape="diamond", size=140, filled=True)
                      .encode(x=alt.X("month_date:T"), y=alt.Y("expected_paid:Q"),
                              color=alt.Color("source_label:N"),
                              shape=alt.Shape("measure:N", title=None,
                                              scale=alt.Scale(range=["diamond"]),
                                              legend=_legend(width, narrow="top",
                                                             symbolFillColor="#333")),
                              tooltip=[alt.Tooltip("source_label:N", title=t("col.source")),
                                       alt.Tooltip("expected_paid:Q", title=forecast_label,
                                                   format=",.2f")]))
    if as_of is not None:
        rule = pd.DataFrame({"as_of": [pd.Timestamp(as_of)],
                             "label": [t("chart.as_of", date=format_date(as_of))]})
        base = alt.Chart(rule).encode(x=alt.X("as_of:T"))
        layers += [base.mark_rule(color="#777", strokeDash=[2, 2]),
                   base.mark_text(align="left", dx=4, dy=-6, color="#555", fontSize=10)
                   .encode(y=alt.YValue(0), text=alt.Text("label:N"))]
    title = _title(t("chart.cumulative"), width)
    return localize(alt.layer(*layers).properties(width=width, height=260, title=title),
                    localized)


def lots_by_stage(register: pd.DataFrame, width: Width = 520,
                  localized: bool = True) -> alt.Chart:
    """The number of lots at each stage (whole numbers on the axis, full stage names)."""
    data = register.assign(stage_label=register["stage"].map(stage_name))
    order = [stage_name(s) for s in STAGES]
    most = int(data["stage_label"].value_counts().max()) if len(data) else 1
    return localize(alt.Chart(data, width=width, height=200).mark_bar().encode(
        y=alt.Y("stage_label:N", sort=order, title=None,
                axis=alt.Axis(labelLimit=400 if isinstance(width, int) else 180)),
        x=alt.X("count():Q", title=t("chart.lots"),
                axis=alt.Axis(format="d", tickMinStep=1, values=list(range(0, most + 1)),
                              titlePadding=8)),
        tooltip=[alt.Tooltip("stage_label:N", title=t("col.stage")),
                 alt.Tooltip("count():Q", title=t("chart.lots"))],
    ).properties(title=_title(t("chart.lots_by_stage"), width)), localized)


def gantt(plan: pd.DataFrame, status: pd.DataFrame, intervals: pd.DataFrame, as_of: date,
          width: Width = 640, localized: bool = True,
          completions: pd.DataFrame | None = None) -> alt.Chart:
    """The plan's intervals per activity, coloured by status, with a line on ``as_of``;
    with ``completions`` (``id``, ``completed_on``), a mark on each actual completion date
    (the close-out: planned against actual dates)."""
    data = intervals[["id", "start", "end_next"]].merge(status[["id", "status"]], on="id").merge(
        plan[["id", "title"]], on="id")  # only what is drawn: a date is no JSON for SVG
    data["status_label"] = data["status"].map(lambda s: t(f"status.{s}"))
    # a long title cut with «…» (as the section chart's), the code kept: labels stay unique
    data["label"] = data["id"] + " " + data["title"].map(lambda title: excerpt(title, 40))
    order = list(dict.fromkeys(data["label"]))
    # the legend names the statuses drawn (each keeps its colour): at a plan's end no
    # activity is «запланировано» and the legend does not say it
    present = [s for s in STATUS_COLORS if s in set(data["status"])] or list(STATUS_COLORS)
    domain = [t(f"status.{s}") for s in present]
    bars = alt.Chart(data).mark_bar(height=8).encode(
        x=alt.X("start:T", title=None, axis=alt.Axis(format="%m.%Y")),
        x2=alt.X2("end_next:T"),
        y=alt.Y("label:N", sort=order, title=None,
                axis=alt.Axis(labelLimit=260 if isinstance(width, int) else 150)),
        color=alt.Color("status_label:N", title=t("col.status"),
                        scale=alt.Scale(domain=domain,
                                        range=[STATUS_COLORS[s] for s in present]),
                        legend=_legend(width)),
        tooltip=[alt.Tooltip("id:N", title=t("col.id")),
                 alt.Tooltip("title:N", title=t("col.title")),
                 alt.Tooltip("status_label:N", title=t("col.status"))],
    )
    today = alt.Chart(pd.DataFrame({"as_of": [pd.Timestamp(as_of)]})).mark_rule(
        color="#d83933", strokeWidth=2).encode(x=alt.X("as_of:T"))
    layers = [bars, today]
    if completions is not None:
        done = completions[["id", "completed_on"]].dropna().merge(
            data[["id", "label"]].drop_duplicates("id"), on="id")
        done["completed_on"] = pd.to_datetime(done["completed_on"])
        layers.append(alt.Chart(done).mark_point(
            shape="diamond", filled=True, color="#111", size=40).encode(
            x=alt.X("completed_on:T"), y=alt.Y("label:N", sort=order),
            tooltip=[alt.Tooltip("id:N", title=t("col.id")),
                     alt.Tooltip("completed_on:T", title=t("col.completed_on"),
                                 format="%d.%m.%Y")]))
    return localize(alt.layer(*layers).properties(
        width=width, height=max(200, 14 * len(order)), title=_title(t("chart.gantt"), width)),
        localized)


def plan_intervals(project_plan) -> pd.DataFrame:
    """One row per interval of every activity: ``id``, ``start``, ``end_next`` (the day after
    the end, so a bar covers the whole last day)."""
    rows = [(a.id, s, e) for a in project_plan.activities for s, e in a.period.intervals]
    frame = pd.DataFrame(rows, columns=["id", "start", "end"])
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end_next"] = pd.to_datetime(frame["end"]) + pd.Timedelta(days=1)
    return frame
