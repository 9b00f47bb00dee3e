"""Series: lines over time, figures revised between editions, milestones, stacked shares. Frames in,
Vega-Lite specs out, each with a description written from its data. No Streamlit here."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import numbers
from ..i18n import N_, _, per_lang
from . import palette
from .finish import AUTOSIZE, FONT, Spec, axis_format, describe_series, fill, fmt_value, template, unit_text


# --- time series ----------------------------------------------------------------------------------
def axis_title(label: str, unit: str, log: bool) -> str:
    """'Internet use (%)', ', log scale' added on a log axis (label and unit already translated)."""
    return _("{label} ({unit}), log scale").format(label=label, unit=unit) if log else f"{label} ({unit})"


def time_series(series: pd.DataFrame, *, title: str, source: str, label: str, unit: str, log: bool = False,
                marker: pd.Timestamp | None = None, marker_label: str = "", events: pd.DataFrame | None = None,
                time_unit: str = "year", height: int = 380, x_domain: tuple[int, int] | None = None,
                compact: bool = False, narrow: bool = False, focus: str | None = None) -> Spec:
    """Lines for several entities over time (name, date, value, period; `key` or `entity` for its colour,
    `atlas.charts.palette`), an optional marked period, and optional dated events (date, title, source)
    drawn as rules with a triangle. `x_domain` (first year, last year) fixes the time axis, so several charts
    can share one. `compact` is for small cards: no axis title, a two-column legend. `focus`: the chosen
    country's key, drawn in the focus colour, thicker, on top and named at its last point."""
    data = series[["name", "date", "value", "period"]].reset_index(drop=True)
    marks = pd.DataFrame({"date": [marker] if marker is not None else [], "label": [marker_label] if marker is not None else []})
    ev = (events[["date", "title", "source"]] if events is not None
          else pd.DataFrame({"date": pd.Series([], dtype="datetime64[ns]"), "title": [], "source": []}))
    cached = _time_series_template(label, unit, log, time_unit, height, x_domain, compact, narrow)
    colours = palette.scale(series, focus)
    focus_name = colours["domain"][0] if focus is not None and colours["range"][:1] == [palette.FOCUS] else ""
    return palette.coloured(fill(cached, title, source, {"series": data, "marker": marks,
                                                         "events": ev.reset_index(drop=True)},
                                 describe_series(N_("Line chart"), label, unit, data), focus=focus_name), colours)


@per_lang(64)  # templates hold words: one per language
def _time_series_template(label, unit, log, time_unit, height, x_domain=None, compact=False, narrow=False) -> Spec:
    fmt, axis_fmt = fmt_value(unit), axis_format(unit)
    label, unit = _(label), unit_text(unit)
    y_scale = alt.Scale(type="log") if log else alt.Scale(zero=unit == "%")
    time_fmt = "%Y" if time_unit == "year" else "%b %Y"
    base = alt.Chart(alt.NamedData("series")).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format=time_fmt, labelFontSize=12,
                                                    tickCount="year" if time_unit == "year" else alt.Undefined),
                # without a fixed axis, room for the first and last points (the line's ends would be cut)
                scale=alt.Scale(domain=[alt.DateTime(year=x_domain[0]), alt.DateTime(year=x_domain[1], month=12)])
                if x_domain else alt.Scale(padding=8)),
        # a small card keeps the unit only ("%", "US$ billion"): no room for the label
        y=alt.Y("value:Q", title=unit if compact else axis_title(label, unit, log),
                scale=y_scale, axis=alt.Axis(format=axis_fmt, labelFontSize=12, titleFontSize=12)),
        color=alt.Color("name:N", title=None, legend=alt.Legend(orient="bottom", columns=2 if compact else 3,
                                                                labelLimit=260, labelFontSize=12)),
        tooltip=[alt.Tooltip("name:N", title=_("Place")), alt.Tooltip("period:N", title=_("Period")),
                 alt.Tooltip("value:Q", title=_(label), format=fmt)],
    )
    rule = alt.Chart(alt.NamedData("marker")).encode(x="date:T")
    ev = alt.Chart(alt.NamedData("events")).encode(
        x="date:T", tooltip=[alt.Tooltip("title:N", title=_("Event")),
                             alt.Tooltip("date:T", title=_("Date"), format="%d %b %Y"),
                             alt.Tooltip("source:N", title=_("Source"))])
    focus = alt.param(name="focus", value="")  # the chosen country's name ('' for none), set per call
    mine = base.transform_filter("datum.name === focus")
    clip = bool(x_domain)  # a fixed time axis may start after the data; otherwise a top or end point stays whole
    chart = alt.layer(
        base.mark_line(strokeWidth=2.2, clip=clip),
        base.mark_point(filled=True, size=28, clip=clip),
        mine.mark_line(strokeWidth=3.6, clip=clip),  # the chosen country again, thicker and on top
        # its name at its last point, above the line's end (inside the plot, so it fits)
        mine.transform_filter("isValid(datum.value)").transform_window(
            last="row_number()", sort=[alt.SortField("date", "descending")])
        .transform_filter("datum.last === 1").mark_text(align="right", dx=-4, dy=-12, fontSize=12, fontWeight="bold")
        .encode(text="name:N"),
        rule.mark_rule(aria=False, color="#444444", strokeDash=[4, 3]),
        rule.mark_text(aria=False, align="left", dx=4, baseline="top", y=2, fontSize=12, color="#444444").encode(text="label:N"),
        ev.mark_rule(aria=False, color="#b15928", strokeWidth=1.2, opacity=0.8),
        ev.mark_point(aria=False, shape="triangle-down", size=110, filled=True, color="#b15928", y=0, opacity=1),
    ).add_params(focus).properties(height=height, width="container", autosize=AUTOSIZE).configure(font=FONT)
    return template(chart, narrow)


# --- figures revised between editions -------------------------------------------------------------
REVISED_COLUMNS = ["name", "date", "value", "period", "latest", "status", "note", "source_title", "edition"]


def revised_series(points: pd.DataFrame, *, title: str, source: str, label: str, unit: str, log: bool = False,
                   height: int = 380) -> Spec:
    """Lines through each place's figures from the latest report edition (`latest` True), and figures
    from other editions as faint hollow diamonds, not dropped. Every point names its page and edition
    on hover (columns REVISED_COLUMNS: status says 'revised to …', note keeps the source's wording)."""
    data = points[REVISED_COLUMNS].reset_index(drop=True)
    latest = data[data["latest"]]
    return palette.coloured(fill(
        _revised_series_template(label, unit, log, height), title, source, {"revised_points": data},
        describe_series(N_("Line chart (latest report edition)"), label, unit, latest) + " "
        + _("{count} figures from other editions shown as hollow diamonds.").format(
            count=numbers.count(len(data) - len(latest)))), palette.scale(points.sort_values("entity", kind="stable")))


@per_lang(32)  # templates hold words: one per language
def _revised_series_template(label, unit, log, height) -> Spec:
    fmt, axis_fmt = fmt_value(unit), axis_format(unit)
    label, unit = _(label), unit_text(unit)
    tooltip = [alt.Tooltip("name:N", title=_("Place")), alt.Tooltip("period:N", title=_("Year")),
               alt.Tooltip("value:Q", title=f"{label} ({unit})", format=fmt),
               alt.Tooltip("status:N", title=_("Figure")), alt.Tooltip("note:N", title=_("As reported")),
               alt.Tooltip("source_title:N", title=_("Source")), alt.Tooltip("edition:N", title=_("Edition"))]
    base = alt.Chart(alt.NamedData("revised_points")).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", labelFontSize=12, tickCount="year")),
        y=alt.Y("value:Q", title=axis_title(label, unit, log),
                scale=alt.Scale(type="log") if log else alt.Scale(zero=True),
                axis=alt.Axis(format=axis_fmt if not log else ",.3~r", labelFontSize=12, titleFontSize=12)),
        color=alt.Color("name:N", title=None,  # colours by meaning, per call (`palette.coloured`)
                        legend=alt.Legend(orient="bottom", columns=3, labelLimit=320, labelFontSize=12)),
        tooltip=tooltip,
    )
    latest = base.transform_filter("datum.latest")
    chart = alt.layer(
        latest.mark_line(strokeWidth=2.2),
        latest.mark_point(filled=True, size=40, opacity=1),
        base.transform_filter("!datum.latest").mark_point(shape="diamond", filled=False, size=110,
                                                          strokeWidth=1.6, opacity=0.5),
    ).properties(height=height, width="container", autosize=AUTOSIZE).configure(font=FONT)
    return template(chart)


def milestone_series(series: pd.DataFrame, *, title: str, source: str, label: str, unit: str,
                     milestones: pd.DataFrame, series_start: pd.Timestamp | None = None,
                     marker: pd.Timestamp | None = None, marker_label: str = "", log: bool = False,
                     height: int = 400) -> Spec:
    """Monthly lines (name, date, value, period, kind) with numbered, sourced milestones on the time axis.

    Empty values break a line (a month with no data is a gap, not a bridge). `kind` 'built-in' or
    'upload' (dashed). `milestones` (n, date, title, source, when) draw as rules with their number; the
    axis reaches back to the first of them, and the stretch before `series_start` is shaded and labelled
    as having no series data.
    """
    data = series[["name", "date", "value", "period", "kind"]].reset_index(drop=True)
    data["value"] = data["value"].astype("float64")
    marks = pd.DataFrame({"date": [marker] if marker is not None else [],
                          "label": [marker_label] if marker is not None else []})
    ms = milestones[["n", "date", "title", "source", "when"]].reset_index(drop=True)
    first = ms["date"].min() if len(ms) else None
    band = pd.DataFrame({"start": [first] if first is not None and series_start is not None and first < series_start
                         else [], "end": [series_start] if first is not None and series_start is not None
                         and first < series_start else []})
    band["text"] = [_("No series data\nbefore {month}").format(month=numbers.month(f"{series_start:%Y-%m}"))
                    if series_start is not None else ""] * len(band)
    cached = _milestone_series_template(label, unit, log, height)
    return palette.coloured(fill(
        cached, title, source, {"series": data, "marker": marks, "milestones": ms, "band": band},
        describe_series(N_("Line chart by month"), label, unit, data) + " "
        + _("{count} numbered milestones on the time axis.").format(count=numbers.count(len(ms)))),
        palette.scale(series))


@per_lang(32)  # templates hold words: one per language
def _milestone_series_template(label, unit, log, height) -> Spec:
    fmt = "~g"
    label, unit = _(label), unit_text(unit)
    y_scale = alt.Scale(type="log") if log else alt.Scale(zero=True)
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%Y", labelFontSize=12, tickCount="year"))
    base = alt.Chart(alt.NamedData("series")).encode(
        x=x,
        y=alt.Y("value:Q", title=axis_title(label, unit, log), scale=y_scale,
                axis=alt.Axis(format=fmt, labelFontSize=12, titleFontSize=12)),
        color=alt.Color("name:N", title=None, legend=alt.Legend(orient="bottom", columns=3, labelLimit=360,
                                                                labelFontSize=12)),
        tooltip=[alt.Tooltip("name:N", title=_("Place")), alt.Tooltip("period:N", title=_("Month")),
                 alt.Tooltip("value:Q", title=label, format=fmt)],
    )
    dash = alt.StrokeDash("kind:N", title=None, scale=alt.Scale(domain=["built-in", "upload"],
                                                                range=[[1, 0], [6, 3]]), legend=None)
    band = alt.Chart(alt.NamedData("band"))
    rule = alt.Chart(alt.NamedData("marker")).encode(x="date:T")
    ms = alt.Chart(alt.NamedData("milestones")).encode(
        x="date:T", tooltip=[alt.Tooltip("n:N", title=_("Milestone")), alt.Tooltip("when:N", title=_("Date")),
                             alt.Tooltip("title:N", title=_("What")), alt.Tooltip("source:N", title=_("Source"))])
    chart = alt.layer(
        band.mark_rect(aria=False, color="#eeeeee", opacity=0.7).encode(x="start:T", x2="end:T"),
        band.mark_text(aria=False, align="left", baseline="top", dx=4, y=26, fontSize=11, color="#666666", lineHeight=13,
                       lineBreak="\n")
        .encode(x="start:T", text="text:N"),
        base.mark_line(strokeWidth=2.2).encode(strokeDash=dash),
        base.mark_point(filled=True, size=22).transform_filter("isValid(datum.value)"),
        rule.mark_rule(aria=False, color="#444444", strokeDash=[4, 3]),
        rule.mark_text(aria=False, align="left", dx=4, baseline="top", y=22, fontSize=12, color="#444444").encode(text="label:N"),
        ms.mark_rule(color="#b15928", strokeWidth=1.2, opacity=0.8),
        ms.mark_circle(size=260, color="#b15928", opacity=1, y=8),
        ms.mark_text(color="white", fontSize=11, fontWeight="bold", y=8).encode(text="n:N"),
    ).properties(height=height, width="container", autosize=AUTOSIZE).configure(font=FONT)
    return template(chart)


def stacked_area(frame: pd.DataFrame, *, title: str, source: str, label: str, unit: str, names: tuple[str, ...],
                 marker: pd.Timestamp | None = None, marker_label: str = "", height: int = 380) -> Spec:
    """Shares stacked over time (name, date, value, period, segment, order). `names` fixes colours and stack
    order (first at the bottom); a new `segment` starts after a missing period, so no area bridges a gap."""
    data = frame[["name", "date", "value", "period", "segment", "order"]].reset_index(drop=True)
    marks = pd.DataFrame({"date": [marker] if marker is not None else [],
                          "label": [marker_label] if marker is not None else []})
    cached = _stacked_area_template(label, unit, tuple(names), height)
    return fill(cached, title, source, {"series": data, "marker": marks},
                describe_series(N_("Stacked area chart"), label, unit, data))


@per_lang(32)  # templates hold words: one per language
def _stacked_area_template(label, unit, names, height) -> Spec:
    fmt, axis_fmt = fmt_value(unit), axis_format(unit)
    label, unit = _(label), unit_text(unit)
    palette = ["#b15928", "#1f78b4", "#33a02c", "#6a3d9a", "#ff7f00", "#e31a1c", "#a6cee3", "#b2df8a",
               "#cab2d6", "#fdbf6f", "#fb9a99", "#999999", "#ffff99"]
    base = alt.Chart(alt.NamedData("series")).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", labelFontSize=12, tickCount="year")),
        y=alt.Y("value:Q", stack="zero", title=f"{label} ({unit})",
                axis=alt.Axis(format=axis_fmt, labelFontSize=12, titleFontSize=12)),
        color=alt.Color("name:N", title=None, scale=alt.Scale(domain=list(names), range=palette[:len(names)]),
                        sort=list(names), legend=alt.Legend(orient="bottom", columns=4, labelFontSize=12)),
        order=alt.Order("order:Q", sort="ascending"),
        detail="segment:N",
        tooltip=[alt.Tooltip("name:N", title=_("Browser")), alt.Tooltip("period:N", title=_("Month")),
                 alt.Tooltip("value:Q", title=label, format=".2~f")],
    )
    rule = alt.Chart(alt.NamedData("marker")).encode(x="date:T")
    chart = alt.layer(
        base.mark_area(opacity=0.9, interpolate="linear"),
        base.mark_point(aria=False, size=40, opacity=0.001, filled=True),  # hover targets for per-month tooltips
        rule.mark_rule(aria=False, color="#444444", strokeDash=[4, 3]),
        rule.mark_text(aria=False, align="left", dx=4, baseline="top", y=2, fontSize=12, color="#444444").encode(text="label:N"),
    ).properties(height=height, width="container", autosize=AUTOSIZE).configure(font=FONT)
    return template(chart)
