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
    shapes, dots = _map_layers(lookup, focus_test, calc, color, tooltip, inline_geometry)
    if clickable:
        shapes = (shapes.add_params(alt.selection_point(name="pick", fields=["id"], on="click", clear=False))
                  .mark_geoshape(stroke=BORDER, strokeWidth=0.4, cursor="pointer", invalid="show"))
    chart = (alt.layer(shapes, dots)
             .add_params(alt.param(name="period_label", value=""), alt.param(name="n_ranked", value=0))
             .project(type="equalEarth")
             .properties(title=_title(), height=height, width="container", autosize=AUTOSIZE)
             .configure_view(stroke=None).configure(font=FONT))
    return with_no_data_shown(chart.to_dict(validate=False))


def _map_layers(lookup: alt.LookupData, focus_test: str, calc: dict, color, tooltip, inline_geometry: bool):
    """The two layers of every map: the country shapes (static geometry, joined in the browser to the
    places file and to this call's values) and a dot for each small state. invalid="show": a country
    with no value is still drawn, coloured by the colour encoding's conditions (grey, 'no data')."""
    places = geo.places(inline_geometry)
    calc = {**calc, "name": "datum.note ? datum.name + ' (' + datum.note + ')' : datum.name"}  # merged, disputed
    shapes = (alt.Chart(geo.countries(inline=inline_geometry))
              .transform_lookup(lookup="id", from_=alt.LookupData(places, key="id",
                                                                   fields=["name", "region", "continent", "note"]))
              .transform_filter(focus_test)
              .transform_lookup(lookup="id", from_=lookup)
              .transform_calculate(**calc)
              .mark_geoshape(stroke=BORDER, strokeWidth=0.4, invalid="show")
              .encode(color=color, tooltip=tooltip))
    dots = (alt.Chart(places)
            .transform_filter(f"datum.small && ({focus_test})")
            .transform_lookup(lookup="id", from_=lookup)
            .transform_calculate(**calc)
            .mark_circle(size=34, stroke="#333333", strokeWidth=0.6, opacity=1, invalid="show")
            .encode(longitude="lon:Q", latitude="lat:Q", color=color, tooltip=tooltip))
    return shapes, dots


def with_no_data_shown(spec: Spec) -> Spec:
    """A choropleth spec whose countries without a value are drawn grey, as `choropleth` means them to be.
    Vega-Lite 6 drops marks whose colour field is null before the colour condition applies (`mark.invalid`
    defaults to "filter"), so on a sparse indicator those countries vanish instead of showing grey."""
    config = spec.get("config", {})
    return {**spec, "config": {**config, "mark": {**config.get("mark", {}), "invalid": "show"},
                               "scale": {**config.get("scale", {}), "invalid": {"color": {"value": NO_DATA}}}}}


def with_log_colours(spec: Spec, domain: tuple[float, float]) -> Spec:
    """A choropleth (built with the default linear scale) recoloured on a log scale over `domain`, clamped:
    for ratios spread over orders of magnitude, where a linear scale shows one dark outlier on a pale
    world and quantile legends crowd their labels. Values at or below the domain's low end (zero too)
    take the lightest colour. Shallow copies: the cached template is left as it was."""
    def recolour(layer: dict) -> dict:
        enc = layer["encoding"]
        cond = enc["color"]["condition"]
        scale = {**cond["scale"], "type": "log", "domain": list(domain), "clamp": True, "nice": False}
        legend = {**cond["legend"], "title": cond["legend"]["title"] + ", log scale", "format": ",.2~r",
                  "labelOverlap": "greedy"}
        return {**layer, "encoding": {**enc, "color": {**enc["color"],
                                                       "condition": {**cond, "scale": scale, "legend": legend}}}}
    return {**spec, "layer": [recolour(layer) for layer in spec["layer"]]}


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


# --- figures revised between editions -------------------------------------------------------------
REVISED_COLUMNS = ["name", "date", "value", "period", "latest", "status", "note", "source_title", "edition"]


def revised_series(points: pd.DataFrame, *, title: str, source: str, label: str, unit: str, log: bool = False,
                   height: int = 380) -> Spec:
    """Lines through each place's figures from the latest report edition (`latest` True), and figures
    from other editions as faint hollow diamonds, not dropped. Every point names its page and edition
    on hover (columns REVISED_COLUMNS: status says 'revised to …', note keeps the source's wording)."""
    data = points[REVISED_COLUMNS].reset_index(drop=True)
    return _fill(_revised_series_template(label, unit, log, height), title, source, {"revised_points": data})


@functools.lru_cache(maxsize=32)
def _revised_series_template(label, unit, log, height) -> Spec:
    fmt = fmt_value(unit)
    tooltip = [alt.Tooltip("name:N", title="Place"), alt.Tooltip("period:N", title="Year"),
               alt.Tooltip("value:Q", title=f"{label} ({unit})", format=fmt),
               alt.Tooltip("status:N", title="Figure"), alt.Tooltip("note:N", title="As reported"),
               alt.Tooltip("source_title:N", title="Source"), alt.Tooltip("edition:N", title="Edition")]
    base = alt.Chart(alt.NamedData("revised_points")).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", labelFontSize=12)),
        y=alt.Y("value:Q", title=f"{label} ({unit}){', log scale' if log else ''}",
                scale=alt.Scale(type="log") if log else alt.Scale(zero=True),
                axis=alt.Axis(format=fmt if not log else ",.3~r", labelFontSize=12, titleFontSize=12)),
        # tableau10: distinct hues (the theme's light/dark pairs would make Africa and a sub-region alike)
        color=alt.Color("name:N", title=None, scale=alt.Scale(scheme="tableau10"),
                        legend=alt.Legend(orient="bottom", columns=3, labelLimit=320, labelFontSize=12)),
        tooltip=tooltip,
    )
    latest = base.transform_filter("datum.latest")
    chart = alt.layer(
        latest.mark_line(strokeWidth=2.2),
        latest.mark_point(filled=True, size=40, opacity=1),
        base.transform_filter("!datum.latest").mark_point(shape="diamond", filled=False, size=110,
                                                          strokeWidth=1.6, opacity=0.5),
    ).properties(title=_title(), height=height, width="container", autosize=AUTOSIZE).configure(font=FONT)
    return chart.to_dict(validate=False)


# --- KaiOS page: a map for small shares, a series with milestones, a stacked area -----------------
ZERO_FILL = "#efe6d2"  # pale sand: recorded 0 or none recorded, distinct from grey "no data"


def share_choropleth(values: pd.DataFrame, *, title: str, source: str, label: str, unit: str, period: str,
                     scale_type: str = "log", domain: tuple[float, float] | None = None,
                     focus: tuple[str, str] | None = None, inline_geometry: bool = False,
                     height: int = 460) -> Spec:
    """A choropleth for shares where most places are 0 or tiny (KaiOS): zeros get their own pale colour
    instead of vanishing off a log scale or squashing a linear one; the legend says what each colour means.

    `values` as from `regions.map_values` plus `status` ('value', 'zero', 'none' = none recorded,
    'missing', 'hidden') and `note` (shown in the tooltip). `scale_type` 'log' (fixed `domain`, values
    below its floor drawn at the floor and labelled '≤'), 'quantile' (fifths of the places above 0 this
    period) or 'linear' (fixed `domain`).
    """
    keep = values[values["status"] != "missing"]
    classes = quintiles(keep["value"].where(keep["status"] == "value")) if scale_type == "quantile" else None
    data = pd.DataFrame({"id": keep["entity"].astype(str), "v": keep["value"].astype("float32"),
                         "p": keep["period"].fillna(period).astype(str).astype("category"),
                         "s": keep["status"].astype(str).astype("category"),
                         "f": keep["note"].fillna("").astype(str).astype("category"),
                         "r": keep["rank"].fillna(0).astype("int16")}).reset_index(drop=True)
    params = {"period_label": str(period),
              "n_ranked": int(keep["status"].isin(["value", "zero"]).sum())}
    if classes is not None:
        data["k"] = classes.reset_index(drop=True).astype("category")
        params["classes"] = [str(c) for c in classes.cat.categories]
    template = _share_choropleth_template(label, unit, scale_type, tuple(domain) if domain else None, focus,
                                          inline_geometry, height)
    return _fill(template, title, source, {"map_values": data}, **params)


def quintiles(values: pd.Series) -> pd.Series:
    """Fifths of the values given (NaN stays NaN) as ordered labels 'low–high' (2 significant digits)."""
    have = values.dropna()
    if have.nunique() < 2:
        labels = [f"{have.iloc[0]:.2g}"] if len(have) else []
        return pd.Categorical(values.map(lambda v: labels[0] if pd.notna(v) else None), categories=labels,
                              ordered=True).pipe(pd.Series, index=values.index)
    bins = pd.qcut(have, 5, duplicates="drop")
    labels = [f"{b.left if i else have.min():.2g}–{b.right:.2g}" for i, b in enumerate(bins.cat.categories)]
    out = pd.Series(pd.Categorical.from_codes(bins.cat.codes, labels, ordered=True), index=have.index)
    return out.reindex(values.index)


@functools.lru_cache(maxsize=64)
def _share_choropleth_template(label, unit, scale_type, domain, focus, inline_geometry, height) -> Spec:
    fields = ["v", "p", "s", "f", "r"] + (["k"] if scale_type == "quantile" else [])
    lookup = alt.LookupData(alt.NamedData("map_values"), key="id", fields=fields)
    focus_test = f"datum.{focus[0]} === {_js(focus[1])}" if focus else "true"
    calc = {
        "c": "datum.v > 0 ? datum.v : null",  # what the colour scale sees: never 0 (no log of 0)
        "shown": "isValid(datum.v) ? datum.v : null",
        "when": "datum.s === 'value' || datum.s === 'zero' ? datum.p "
                ": datum.s === 'none' ? datum.p + ': none recorded' "
                ": datum.s === 'hidden' ? 'Hidden (small sample)' : 'No data for ' + period_label",
        "rank_text": "datum.r > 0 ? datum.r + ' of ' + n_ranked : ''",
        "flag": "isValid(datum.f) ? datum.f : ''",
    }
    fmt = "~g"  # significant digits at every size: 0.0012, 0.05, 1.7
    floor = f"{domain[0]:g}" if domain else "0"
    if scale_type == "quantile":  # classes made in Python, so the legend names each range exactly
        field, kind = "k", "ordinal"
        scale = alt.Scale(domain=alt.ExprRef("classes"), scheme=alt.SchemeParams(SEQUENTIAL, count=5))
        legend = alt.Legend(title=f"{label} ({unit}), fifths of the places above 0", orient="bottom",
                            direction="horizontal", titleLimit=500, labelFontSize=11, symbolType="square",
                            symbolSize=160, columns=5, labelLimit=160)
    else:
        field, kind = "c", "quantitative"
        scale = alt.Scale(type=scale_type, scheme=SEQUENTIAL, domain=list(domain) if domain else alt.Undefined,
                          clamp=True, nice=False)
        ticks = [t for t in (0.001, 0.01, 0.1, 1, 10, 100) if domain and domain[0] <= t <= domain[1]]
        legend = alt.Legend(
            title=f"{label} ({unit}){', log scale' if scale_type == 'log' else ''}", orient="bottom",
            direction="horizontal", gradientLength=300, titleLimit=500, format=fmt,
            values=(ticks + [round(domain[1], 2)]) if scale_type == "log" and domain else alt.Undefined,
            labelExpr=(f"datum.value <= {floor} ? '≤{floor}' : format(datum.value, '{fmt}')"
                       if scale_type == "log" else alt.Undefined))
    color = {"condition": [{"test": "datum.s === 'zero' || datum.s === 'none'", "value": ZERO_FILL},
                           {"test": "!isValid(datum.c)", "value": NO_DATA}],
             "field": field, "type": kind, "scale": scale.to_dict(), "legend": legend.to_dict()}
    tooltip = [alt.Tooltip("name:N", title="Country"), alt.Tooltip("shown:Q", title=f"{label} ({unit})", format=fmt),
               alt.Tooltip("when:N", title="Month"), alt.Tooltip("rank_text:N", title="Rank"),
               alt.Tooltip("region:N", title="Region"), alt.Tooltip("flag:N", title="Note")]
    shapes, dots = _map_layers(lookup, focus_test, calc, color, tooltip, inline_geometry)
    # The two colours outside the scale, named in the chart itself (an exported image keeps them).
    keys = pd.DataFrame({"label": ["0 or none recorded", "No data"], "fill": [ZERO_FILL, NO_DATA],
                         "x": [8, 150]})
    key_base = alt.Chart(alt.InlineData(values=keys.to_dict("records")))
    key = alt.layer(
        key_base.mark_square(size=140, stroke="#999999", strokeWidth=0.5).encode(
            x=alt.X("x:Q", scale=None), y=alt.value(height - 8), fill=alt.Fill("fill:N", scale=None)),
        key_base.mark_text(align="left", dx=10, fontSize=11, color="#333333").encode(
            x=alt.X("x:Q", scale=None), y=alt.value(height - 8), text="label:N"),
    )
    chart = (alt.layer(shapes, dots, key)
             .add_params(alt.param(name="period_label", value=""), alt.param(name="n_ranked", value=0),
                         alt.param(name="classes", value=[]))
             .project(type="equalEarth")
             .properties(title=_title(), height=height, width="container", autosize=AUTOSIZE)
             .configure_view(stroke=None).configure(font=FONT))
    return chart.to_dict(validate=False)


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
    band["text"] = [f"No series data\nbefore {series_start:%b %Y}"] * len(band)
    template = _milestone_series_template(label, unit, log, height)
    return _fill(template, title, source, {"series": data, "marker": marks, "milestones": ms, "band": band})


@functools.lru_cache(maxsize=32)
def _milestone_series_template(label, unit, log, height) -> Spec:
    fmt = "~g"
    y_scale = alt.Scale(type="log") if log else alt.Scale(zero=True)
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%Y", labelFontSize=12, tickCount="year"))
    base = alt.Chart(alt.NamedData("series")).encode(
        x=x,
        y=alt.Y("value:Q", title=f"{label} ({unit}){', log scale' if log else ''}", scale=y_scale,
                axis=alt.Axis(format=fmt, labelFontSize=12, titleFontSize=12)),
        color=alt.Color("name:N", title=None, legend=alt.Legend(orient="bottom", columns=3, labelLimit=360,
                                                                labelFontSize=12)),
        tooltip=[alt.Tooltip("name:N", title="Place"), alt.Tooltip("period:N", title="Month"),
                 alt.Tooltip("value:Q", title=label, format=fmt)],
    )
    dash = alt.StrokeDash("kind:N", title=None, scale=alt.Scale(domain=["built-in", "upload"],
                                                                range=[[1, 0], [6, 3]]), legend=None)
    band = alt.Chart(alt.NamedData("band"))
    rule = alt.Chart(alt.NamedData("marker")).encode(x="date:T")
    ms = alt.Chart(alt.NamedData("milestones")).encode(
        x="date:T", tooltip=[alt.Tooltip("n:N", title="Milestone"), alt.Tooltip("when:N", title="Date"),
                             alt.Tooltip("title:N", title="What"), alt.Tooltip("source:N", title="Source")])
    chart = alt.layer(
        band.mark_rect(color="#eeeeee", opacity=0.7).encode(x="start:T", x2="end:T"),
        band.mark_text(align="left", baseline="top", dx=4, y=26, fontSize=11, color="#666666", lineHeight=13,
                       lineBreak="\n")
        .encode(x="start:T", text="text:N"),
        base.mark_line(strokeWidth=2.2).encode(strokeDash=dash),
        base.mark_point(filled=True, size=22).transform_filter("isValid(datum.value)"),
        rule.mark_rule(color="#444444", strokeDash=[4, 3]),
        rule.mark_text(align="left", dx=4, baseline="top", y=22, fontSize=12, color="#444444").encode(text="label:N"),
        ms.mark_rule(color="#b15928", strokeWidth=1.2, opacity=0.8),
        ms.mark_circle(size=260, color="#b15928", opacity=1, y=8),
        ms.mark_text(color="white", fontSize=11, fontWeight="bold", y=8).encode(text="n:N"),
    ).properties(title=_title(), height=height, width="container", autosize=AUTOSIZE).configure(font=FONT)
    return chart.to_dict(validate=False)


def stacked_area(frame: pd.DataFrame, *, title: str, source: str, label: str, unit: str, names: tuple[str, ...],
                 marker: pd.Timestamp | None = None, marker_label: str = "", height: int = 380) -> Spec:
    """Shares stacked over time (name, date, value, period, segment, order). `names` fixes colours and stack
    order (first at the bottom); a new `segment` starts after a missing period, so no area bridges a gap."""
    data = frame[["name", "date", "value", "period", "segment", "order"]].reset_index(drop=True)
    marks = pd.DataFrame({"date": [marker] if marker is not None else [],
                          "label": [marker_label] if marker is not None else []})
    template = _stacked_area_template(label, unit, tuple(names), height)
    return _fill(template, title, source, {"series": data, "marker": marks})


@functools.lru_cache(maxsize=32)
def _stacked_area_template(label, unit, names, height) -> Spec:
    fmt = fmt_value(unit)
    palette = ["#b15928", "#1f78b4", "#33a02c", "#6a3d9a", "#ff7f00", "#e31a1c", "#a6cee3", "#b2df8a",
               "#cab2d6", "#fdbf6f", "#fb9a99", "#999999", "#ffff99"]
    base = alt.Chart(alt.NamedData("series")).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", labelFontSize=12, tickCount="year")),
        y=alt.Y("value:Q", stack="zero", title=f"{label} ({unit})",
                axis=alt.Axis(format=fmt, labelFontSize=12, titleFontSize=12)),
        color=alt.Color("name:N", title=None, scale=alt.Scale(domain=list(names), range=palette[:len(names)]),
                        sort=list(names), legend=alt.Legend(orient="bottom", columns=4, labelFontSize=12)),
        order=alt.Order("order:Q", sort="ascending"),
        detail="segment:N",
        tooltip=[alt.Tooltip("name:N", title="Browser"), alt.Tooltip("period:N", title="Month"),
                 alt.Tooltip("value:Q", title=label, format=".2~f")],
    )
    rule = alt.Chart(alt.NamedData("marker")).encode(x="date:T")
    chart = alt.layer(
        base.mark_area(opacity=0.9, interpolate="linear"),
        base.mark_point(size=40, opacity=0.001, filled=True),  # hover targets for per-month tooltips
        rule.mark_rule(color="#444444", strokeDash=[4, 3]),
        rule.mark_text(align="left", dx=4, baseline="top", y=2, fontSize=12, color="#444444").encode(text="label:N"),
    ).properties(title=_title(), height=height, width="container", autosize=AUTOSIZE).configure(font=FONT)
    return chart.to_dict(validate=False)
