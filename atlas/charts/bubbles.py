"""The compare view's bubble chart: one bubble per country (x, y, optional size, colour by group), the chosen
countries labelled with their trail over the periods. Frames in, a Vega-Lite spec out; no Streamlit here.

As with the maps, the chart is a cached template per shape (axes, scales, colour field); a period move
sends only the points (a few columns per country, as Arrow) and the trails. Axis domains are fixed across
periods (given by the caller), so Play compares like with like.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..i18n import _, per_lang
from .finish import AUTOSIZE, FONT, Spec, fill, fmt_value, legend_fit, js, template, unit_text
from .series import axis_title

MAX_AREA = 2400   # px² of the largest bubble


def bubbles(points: pd.DataFrame, trails: pd.DataFrame, *, title_text: str, source: str, description: str,
            x_label: str, x_unit: str, y_label: str, y_unit: str, x_domain: tuple[float, float],
            y_domain: tuple[float, float], log_x: bool = False, log_y: bool = False, size_label: str | None = None,
            size_max: float = 1.0, colour_label: str = "", colours: tuple[str, ...] = (), height: int = 420) -> Spec:
    """`points`: name, x, px, y, py, group (the colour's text, one of `colours`), optionally s, ps (the size's
    value and period) and chosen (bool: labelled); `trails`: name, period, x, y of the chosen countries."""
    # What a period move sends, kept small: no dictionary columns (each costs a dictionary batch); periods and
    # colour groups travel as small indices into two lists (params), names as one plain string column.
    periods = sorted({str(p) for c in ("px", "py", "ps") if c in points for p in points[c].dropna()}
                     | {str(p) for p in trails["period"]})
    at = {p: i for i, p in enumerate(periods)}
    group_at = {g: i for i, g in enumerate(colours)}

    def index(column: pd.Series, where: dict) -> pd.Series:
        return column.map(lambda v: where.get(v, -1) if isinstance(v, str) else -1).astype("int8")
    data = pd.DataFrame({"n": points["name"].astype(str), "x": points["x"].astype("float32"),
                         "y": points["y"].astype("float32"), "px": index(points["px"].astype(str), at),
                         "py": index(points["py"].astype(str), at), "g": index(points["group"].fillna(""), group_at),
                         "l": points.get("chosen", pd.Series(False, index=points.index)).astype(bool)})
    if size_label:
        data["s"] = points["s"].astype("float32")
        data["ps"] = index(points["ps"], at)
    names = sorted(set(trails["name"].astype(str)))
    trail = pd.DataFrame({"i": index(trails["name"].astype(str), {n: i for i, n in enumerate(names)}),
                          "t": index(trails["period"].astype(str), at),
                          "x": trails["x"].astype("float32"), "y": trails["y"].astype("float32")})
    cached = _template(x_label, x_unit, y_label, y_unit, tuple(x_domain), tuple(y_domain), log_x, log_y,
                       size_label, colour_label, tuple(colours), height)
    return fill(cached, title_text, source, {"points": data.reset_index(drop=True), "trails": trail.reset_index(drop=True)},
                description, size_max=float(size_max or 1.0), periods=periods, trail_names=names)


@per_lang(64)  # templates hold words: one per language
def _template(x_label: str, x_unit: str, y_label: str, y_unit: str, x_domain: tuple, y_domain: tuple, log_x: bool,
              log_y: bool, size_label: str | None, colour_label: str, colours: tuple[str, ...], height: int) -> Spec:
    xu, yu = unit_text(x_unit), unit_text(y_unit)
    x_title, y_title = axis_title(_(x_label), xu, log_x), axis_title(_(y_label), yu, log_y)

    def scale(log: bool, domain: tuple) -> alt.Scale:
        return alt.Scale(type="log" if log else "linear", domain=list(domain), nice=False, clamp=True,
                         zero=False)
    def ticks(unit: str, log: bool) -> str:  # whole percents on a share's axis, short numbers otherwise (10k, 1M)
        return "~g" if log else ".0f" if unit == "%" else "~s"
    x = alt.X("x:Q", title=x_title, scale=scale(log_x, x_domain),
              axis=alt.Axis(format=ticks(x_unit, log_x), labelFontSize=12, titleFontSize=13, labelOverlap="greedy"))
    y = alt.Y("y:Q", title=y_title, scale=scale(log_y, y_domain),
              axis=alt.Axis(format=ticks(y_unit, log_y), labelFontSize=12, titleFontSize=13))
    no_data = _("no data")
    calc = {"xt": f"format(datum.x, {js(fmt_value(x_unit))}) + ' (' + periods[datum.px] + ')'",
            "yt": f"format(datum.y, {js(fmt_value(y_unit))}) + ' (' + periods[datum.py] + ')'",
            "group": "groups[datum.g]"}
    tooltip = [alt.Tooltip("n:N", title=_("Country")), alt.Tooltip("xt:N", title=x_title),
               alt.Tooltip("yt:N", title=y_title)]
    if size_label:
        calc["st"] = f"isValid(datum.s) ? format(datum.s, ',.3~s') + ' (' + periods[datum.ps] + ')' : {js(no_data)}"
        tooltip.append(alt.Tooltip("st:N", title=_(size_label)))
    tooltip.append(alt.Tooltip("group:N", title=_(colour_label)))
    colour = alt.Color("group:N", title=_(colour_label), scale=alt.Scale(domain=list(colours), scheme="tableau10"),
                       legend=alt.Legend(orient="bottom", labelFontSize=12, **legend_fit(4, 220),
                                         titleFontSize=12, symbolType="circle"))
    size = (alt.Size("s:Q", legend=None, scale=alt.Scale(domain=alt.ExprRef("[0, size_max]"), range=[12, MAX_AREA],
                                                         zero=True))
            if size_label else alt.value(90))
    dots = (alt.Chart(alt.NamedData("points"))
            .transform_calculate(**calc)
            .mark_circle(opacity=0.75, stroke="#333333", strokeWidth=0.5)
            .encode(size=size, color=colour, tooltip=tooltip,
                    order=alt.Order("s:Q", sort="descending") if size_label else alt.Undefined)
            .properties(name="bubbles"))
    labels = (alt.Chart(alt.NamedData("points")).transform_filter("datum.l")
              .mark_text(align="left", dx=9, dy=-9, fontSize=13, fontWeight="bold", color="#222222")
              .encode(text="n:N"))
    trail_lines = (alt.Chart(alt.NamedData("trails")).transform_calculate(when="periods[datum.t]",
                                                                          n="trail_names[datum.i]")
                   .mark_line(color="#555555", strokeWidth=1.2, opacity=0.7, point=alt.OverlayMarkDef(size=18, color="#555555"))
                   .encode(detail="i:N", order="t:Q",
                           tooltip=[alt.Tooltip("n:N", title=_("Country")), alt.Tooltip("when:N", title=_("Period")),
                                    alt.Tooltip("x:Q", title=x_title, format=fmt_value(x_unit)),
                                    alt.Tooltip("y:Q", title=y_title, format=fmt_value(y_unit))]))
    chart = (alt.layer(trail_lines, dots, labels).encode(x=x, y=y)  # one x and one y for the three layers
             # On a phone the plot is about as tall as it is wide, not a 460 px column (issue 22: on the first screen)
             .add_params(alt.param(name="height", expr=f"min({height}, max(240, width * 0.75))"),
                         alt.param(name="size_max", value=1.0), alt.param(name="periods", value=[]),
                         alt.param(name="trail_names", value=[]),
                         alt.param(name="groups", value=list(colours)))
             .properties(height=height, width="container", autosize=AUTOSIZE)
             .configure_view(stroke=None).configure(font=FONT))
    return template(chart)
