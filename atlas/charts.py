"""Chart builders: frames in, Vega-Lite specs out (built with Altair). No Streamlit here.

Building and validating an Altair chart costs ~100 ms, too slow for a slider. So each builder makes its
chart once per *shape* (label, unit, scale, focus…) with named, empty datasets, caches the spec, and per
call only fills in the data, the title and a few params. Every chart carries its source line as a
subtitle, so an exported PNG/SVG is cited too.
"""
from __future__ import annotations

import functools
import textwrap

import altair as alt
import pandas as pd

from . import geo

NO_DATA = "#d6d6d6"
BORDER = "#ffffff"
SEQUENTIAL = "yellowgreenblue"  # ColorBrewer YlGnBu: sequential and colour-blind safe
FONT = "Source Sans Pro, Helvetica, Arial, sans-serif"
Spec = dict


def fmt_value(unit: str) -> str:
    """A d3 format for a unit (tooltips, axes, legends)."""
    return {"%": ".1f", "people": ",.0f", "percentage points": "+.1f"}.get(unit, ",.2~f")


# Height means the plot's height; the title, legend and axes come on top (Streamlit would otherwise fit
# everything, legend included, into `height`). Width follows the container.
AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")


def _title() -> alt.Title:
    return alt.Title("", subtitle=[""], anchor="start", fontSize=16, subtitleFontSize=11, subtitleColor="#555555",
                     font=FONT, subtitleFont=FONT)


def _lines(text: str, width: int) -> list[str]:
    """Vega titles do not wrap: break long titles and source lines ourselves."""
    return textwrap.wrap(text, width) or [""]


def _fill(template: Spec, title: str, source: str, datasets: dict[str, pd.DataFrame], narrow: bool = False,
          **params) -> Spec:
    """A copy of a cached spec with this call's data, title and param values (shallow where unchanged).
    `narrow` wraps the title and source line for a half-width chart."""
    spec = dict(template)
    spec["title"] = {**template["title"], "text": _lines(title, 45 if narrow else 70),
                     "subtitle": _lines(source, 75 if narrow else 120)}
    spec["datasets"] = {**template.get("datasets", {}), **datasets}
    if params:
        spec["params"] = [{**p, "value": params[p["name"]]} if p["name"] in params else p
                          for p in template.get("params", [])]
    return spec


# --- map ------------------------------------------------------------------------------------------
def choropleth(values: pd.DataFrame, *, title: str, source: str, label: str, unit: str, period: str,
               focus: tuple[str, str] | None = None, domain: tuple[float, float] | None = None,
               scale_type: str = "linear", scheme: str = SEQUENTIAL, inline_geometry: bool = False,
               height: int = 460, clickable: bool = False) -> Spec:
    """A world (or regional) choropleth joined in the browser.

    Shapes, names, regions and dot positions are static files the browser fetches once; only `values`
    (entity, value, period, earlier, rank) travels with a rerun. `focus` = (places column, value), e.g.
    ("region", "South Asia"), keeps only those shapes and the projection fits them (a zoom).
    Countries without a value are drawn grey and named so in the tooltip; small states get a dot.
    `clickable` adds a point selection named "pick" (field "id") for st.vega_lite_chart(on_select=...).
    """
    have = values[values["value"].notna()]
    # Compact types: this table is what a slider move sends (float32 is plenty for a shown value).
    data = pd.DataFrame({"id": have["entity"].astype(str), "v": have["value"].astype("float32"),
                         "p": have["period"].astype(str).astype("category"), "e": have["earlier"].astype(bool),
                         "r": have["rank"].astype("int16")}).reset_index(drop=True)
    template = _choropleth_template(label, unit, focus, domain, scale_type, scheme, inline_geometry, height,
                                    clickable)
    return _fill(template, title, source, {"map_values": data}, period_label=str(period), n_ranked=len(data))


@functools.lru_cache(maxsize=128)
def _choropleth_template(label, unit, focus, domain, scale_type, scheme, inline_geometry, height,
                         clickable=False) -> Spec:
    lookup = alt.LookupData(alt.NamedData("map_values"), key="id", fields=["v", "p", "e", "r"])
    focus_test = f"datum.{focus[0]} === {_js(focus[1])}" if focus else "true"
    fmt = fmt_value(unit)
    calc = {  # tooltip texts, computed in the browser
        "shown": "isValid(datum.v) ? datum.v : null",
        "when": "isValid(datum.v) ? (datum.e ? datum.p + ' (latest available)' : datum.p) "
                ": 'No data for ' + period_label",
        "rank_text": "isValid(datum.r) ? datum.r + ' of ' + n_ranked : ''",
    }
    if scale_type == "quantile":
        scale = alt.Scale(type="quantile", scheme=scheme)
        legend = alt.Legend(title=f"{label}, quintiles ({unit})", orient="bottom", format=fmt, titleLimit=400)
    else:
        scale = alt.Scale(type=scale_type, scheme=scheme, domain=list(domain) if domain else alt.Undefined,
                          nice=False)
        legend = alt.Legend(title=f"{label} ({unit})", orient="bottom", direction="horizontal",
                            gradientLength=260, titleLimit=400, format=".0f" if unit == "%" else "~s")
    color = alt.condition("isValid(datum.shown)", alt.Color("shown:Q", scale=scale, legend=legend),
                          alt.value(NO_DATA))
    tooltip = [alt.Tooltip("name:N", title="Country"), alt.Tooltip("shown:Q", title=f"{label} ({unit})", format=fmt),
               alt.Tooltip("when:N", title="Year of value"), alt.Tooltip("rank_text:N", title="Rank"),
               alt.Tooltip("region:N", title="Region")]
    places = geo.places(inline_geometry)
    shapes = (alt.Chart(geo.countries(inline=inline_geometry))
              .transform_lookup(lookup="id", from_=alt.LookupData(places, key="id",
                                                                   fields=["name", "region", "continent"]))
              .transform_filter(focus_test)
              .transform_lookup(lookup="id", from_=lookup)
              .transform_calculate(**calc)
              .mark_geoshape(stroke=BORDER, strokeWidth=0.4)
              .encode(color=color, tooltip=tooltip))
    dots = (alt.Chart(places)
            .transform_filter(f"datum.small && ({focus_test})")
            .transform_lookup(lookup="id", from_=lookup)
            .transform_calculate(**calc)
            .mark_circle(size=34, stroke="#333333", strokeWidth=0.6, opacity=1)
            .encode(longitude="lon:Q", latitude="lat:Q", color=color, tooltip=tooltip))
    if clickable:
        shapes = (shapes.add_params(alt.selection_point(name="pick", fields=["id"], on="click", clear=False))
                  .mark_geoshape(stroke=BORDER, strokeWidth=0.4, cursor="pointer"))
    chart = (alt.layer(shapes, dots)
             .add_params(alt.param(name="period_label", value=""), alt.param(name="n_ranked", value=0))
             .project(type="equalEarth")
             .properties(title=_title(), height=height, width="container", autosize=AUTOSIZE)
             .configure_view(stroke=None).configure(font=FONT))
    return chart.to_dict(validate=False)


def _js(text: str) -> str:
    """A string literal for a Vega expression."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


# --- time series ----------------------------------------------------------------------------------
def time_series(series: pd.DataFrame, *, title: str, source: str, label: str, unit: str, log: bool = False,
                marker: pd.Timestamp | None = None, marker_label: str = "", events: pd.DataFrame | None = None,
                time_unit: str = "year", height: int = 380, x_domain: tuple[int, int] | None = None,
                compact: bool = False, narrow: bool = False) -> Spec:
    """Lines for several entities over time (name, date, value, period), an optional marked period,
    and optional dated events (date, title, source) drawn as rules with a triangle. `x_domain`
    (first year, last year) fixes the time axis, so several charts can share one. `compact` is for small
    cards: no axis title, a two-column legend."""
    data = series[["name", "date", "value", "period"]].reset_index(drop=True)
    marks = pd.DataFrame({"date": [marker] if marker is not None else [], "label": [marker_label] if marker is not None else []})
    ev = (events[["date", "title", "source"]] if events is not None
          else pd.DataFrame({"date": pd.Series([], dtype="datetime64[ns]"), "title": [], "source": []}))
    template = _time_series_template(label, unit, log, time_unit, height, x_domain, compact)
    return _fill(template, title, source, {"series": data, "marker": marks, "events": ev.reset_index(drop=True)},
                 narrow=narrow)


@functools.lru_cache(maxsize=64)
def _time_series_template(label, unit, log, time_unit, height, x_domain=None, compact=False) -> Spec:
    fmt = fmt_value(unit)
    y_scale = alt.Scale(type="log") if log else alt.Scale(zero=unit == "%")
    time_fmt = "%Y" if time_unit == "year" else "%b %Y"
    base = alt.Chart(alt.NamedData("series")).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format=time_fmt, labelFontSize=12),
                scale=alt.Scale(domain=[alt.DateTime(year=x_domain[0]), alt.DateTime(year=x_domain[1], month=12)])
                if x_domain else alt.Undefined),
        y=alt.Y("value:Q", title=None if compact else f"{label} ({unit}){', log scale' if log else ''}",
                scale=y_scale, axis=alt.Axis(format=fmt, labelFontSize=12, titleFontSize=12)),
        color=alt.Color("name:N", title=None, legend=alt.Legend(orient="bottom", columns=2 if compact else 3,
                                                                labelLimit=260, labelFontSize=12)),
        tooltip=[alt.Tooltip("name:N", title="Place"), alt.Tooltip("period:N", title="Period"),
                 alt.Tooltip("value:Q", title=label, format=fmt)],
    )
    rule = alt.Chart(alt.NamedData("marker")).encode(x="date:T")
    ev = alt.Chart(alt.NamedData("events")).encode(
        x="date:T", tooltip=[alt.Tooltip("title:N", title="Event"),
                             alt.Tooltip("date:T", title="Date", format="%d %b %Y"),
                             alt.Tooltip("source:N", title="Source")])
    chart = alt.layer(
        base.mark_line(strokeWidth=2.2, clip=True),  # clip: a fixed time axis may start after the data
        base.mark_point(filled=True, size=28, clip=True),
        rule.mark_rule(color="#444444", strokeDash=[4, 3]),
        rule.mark_text(align="left", dx=4, baseline="top", y=2, fontSize=12, color="#444444").encode(text="label:N"),
        ev.mark_rule(color="#b15928", strokeWidth=1.2, opacity=0.8),
        ev.mark_point(shape="triangle-down", size=110, filled=True, color="#b15928", y=0, opacity=1),
    ).properties(title=_title(), height=height, width="container", autosize=AUTOSIZE).configure(font=FONT)
    return chart.to_dict(validate=False)
