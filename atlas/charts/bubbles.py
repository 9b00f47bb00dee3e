"""The compare view's bubble chart: one bubble per country (x, y, optional size, colour by group), the chosen
countries labelled with their trail over the periods. Frames in, a Vega-Lite spec out; no Streamlit here.

As with the maps, the chart is a cached template per shape (axes, scales, colour field); a period move
sends only the points (a few columns per country, as Arrow) and the trails. Axis domains are fixed across
periods (given by the caller), so Play compares like with like. A bubble travels with its country's code; its
name is looked up in the browser in the places file every map fetches once (`geo.places`).
"""
from __future__ import annotations

import re

import altair as alt
import pandas as pd

from .. import geo
from ..i18n import _, per_lang
from .finish import AUTOSIZE, FONT, Spec, fill, fmt_value, legend_fit, js, template, unit_text
from .palette import CATEGORY
from .series import axis_title

MAX_AREA = 2400   # px² of the largest bubble


def bubbles(points: pd.DataFrame, trails: pd.DataFrame, *, title_text: str, source: str, description: str,
            x_label: str, x_unit: str, y_label: str, y_unit: str, x_domain: tuple[float, float],
            y_domain: tuple[float, float], log_x: bool = False, log_y: bool = False, size_label: str | None = None,
            size_max: float = 1.0, colour_label: str = "", colours: tuple[str, ...] = (), height: int = 420,
            sparse: bool = False) -> Spec:
    """`points`: entity (the code), name, x, px, y, py, group (the colour's text, one of `colours`), optionally
    s, ps (the size's value and period) and chosen (bool: labelled); `trails`: name, period, x, y of the chosen
    countries and optionally their group. `sparse`: a pair where many countries are at 0 on both axes (KaiOS's
    shares): their values are not sent (decide it per pair, not per period: Play's frames share one template)."""
    # What a period move sends, kept small: no dictionary columns (each costs a dictionary batch); periods and
    # colour groups travel as small indices into two lists (params). A country travels as its code written as a
    # number (`code_number`: 2 bytes; its name was about 14): the browser spells the code and finds the name in
    # the places file every map fetches once; a country whose name there is not the one shown here (none is
    # today) sends its own (`other_names`). The labelled ones are a list of those numbers, not a column.
    periods = sorted({str(p) for c in ("px", "py", "ps") if c in points for p in points[c].dropna()}
                     | {str(p) for p in trails["period"]})
    at = {p: i for i, p in enumerate(periods)}
    group_at = {g: i for i, g in enumerate(colours)}

    def index(column: pd.Series, where: dict) -> pd.Series:
        return column.map(lambda v: where.get(v, -1) if isinstance(v, str) else -1).astype("int8")
    codes = points["entity"].astype(str).tolist()
    odd = sorted({c for c in codes if not _SPELLED.fullmatch(c)})  # not three capitals: numbered past the rest
    number = {c: code_number(c) if c not in odd else CODES + odd.index(c) for c in codes}
    data = pd.DataFrame({"k": pd.Series([number[c] for c in codes], index=points.index, dtype="int16"),
                         "x": points["x"].astype("float32"), "y": points["y"].astype("float32"),
                         "px": index(points["px"].astype(str), at)})
    datasets = {}
    if sparse:  # the values only where not both 0 (KaiOS: half the bubbles most months), looked up by code
        datasets["xy"] = data.loc[(data["x"] != 0) | (data["y"] != 0), ["k", "x", "y"]].reset_index(drop=True)
        data = data.drop(columns=["x", "y"])
    py = index(points["py"].astype(str), at)
    if not py.equals(data["px"]):  # the same period for both values (one calendar): sent once
        data["py"] = py
    data["g"] = index(points["group"].fillna(""), group_at)
    if size_label:
        data["s"] = points["s"].astype("float32")
        data["ps"] = index(points["ps"], at)
    chosen = points.get("chosen", pd.Series(False, index=points.index)).astype(bool)
    names = sorted(set(trails["name"].astype(str)))
    named = dict(zip(trails["name"].astype(str), trails["group"])) if "group" in trails else {}
    trail_groups = [group_at.get(named.get(n), -1) for n in names]  # a trail reads its country's colour group
    trail = pd.DataFrame({"i": index(trails["name"].astype(str), {n: i for i, n in enumerate(names)}),
                          "t": index(trails["period"].astype(str), at),
                          "x": trails["x"].astype("float32"), "y": trails["y"].astype("float32")})
    known = geo.place_names()
    other = {str(number[c]): n for c, n in zip(codes, points["name"].astype(str)) if known.get(c) != n}
    cached = _template(x_label, x_unit, y_label, y_unit, tuple(x_domain), tuple(y_domain), log_x, log_y,
                       size_label, colour_label, tuple(colours), height, sparse)
    return fill(cached, title_text, source, {"points": data.reset_index(drop=True), **datasets,
                                             "trails": trail.reset_index(drop=True)},
                description, size_max=float(size_max or 1.0), periods=periods, trail_names=names, trail_groups=trail_groups,
                other_names=other,
                labelled=[number[c] for c, on in zip(codes, chosen) if on])


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CODES = len(LETTERS) ** 3  # every three-capital code has a number below this (17,576: an int16)
_SPELLED = re.compile(f"[{LETTERS[0]}-{LETTERS[-1]}]{{3}}")


def code_number(code: str) -> int:
    """A three-capital country code as a number in base 26 ("AAA" 0, "KEN" 7,137); `SPELL` spells it back."""
    return sum(LETTERS.index(ch) * 26 ** (2 - i) for i, ch in enumerate(code))


# the code a number spells, in the browser (a Vega expression on datum.k)
SPELL = "letters[floor(datum.k / 676)] + letters[floor(datum.k / 26) % 26] + letters[datum.k % 26]"


@per_lang(64)  # templates hold words: one per language
def _template(x_label: str, x_unit: str, y_label: str, y_unit: str, x_domain: tuple, y_domain: tuple, log_x: bool,
              log_y: bool, size_label: str | None, colour_label: str, colours: tuple[str, ...], height: int,
              sparse: bool) -> Spec:
    xu, yu = unit_text(x_unit), unit_text(y_unit)
    x_title, y_title = axis_title(_(x_label), xu, log_x), axis_title(_(y_label), yu, log_y)

    def scale(log: bool, domain: tuple) -> alt.Scale:
        return alt.Scale(type="log" if log else "linear", domain=list(domain), nice=False, clamp=True,
                         zero=False)
    def ticks(unit: str, log: bool) -> str:  # whole percents on a share's axis, short numbers otherwise (10k, 1M)
        return "~g" if log else ".0f" if unit == "%" else "~s"
    x = alt.X("x:Q", title=x_title, scale=scale(log_x, x_domain),
              axis=alt.Axis(format=ticks(x_unit, log_x), labelOverlap="greedy"))
    y = alt.Y("y:Q", title=y_title, scale=scale(log_y, y_domain), axis=alt.Axis(format=ticks(y_unit, log_y)))
    no_data = _("no data")
    def shown(axis: str, unit: str, period: str) -> str:  # "12.3 (2024)": a value and the period it is from
        return f"format(datum.{axis}, {js(fmt_value(unit))}) + ' (' + periods[{period}] + ')'"
    calc = {"xt": shown("x", x_unit, "datum.px"), "yt": shown("y", y_unit, "isValid(datum.py) ? datum.py : datum.px"),
            "group": "groups[datum.g]"}
    tooltip = [alt.Tooltip("n:N", title=_("Country")), alt.Tooltip("xt:N", title=x_title),
               alt.Tooltip("yt:N", title=y_title)]
    if size_label:
        calc["st"] = f"isValid(datum.s) ? format(datum.s, ',.3~s') + ' (' + periods[datum.ps] + ')' : {js(no_data)}"
        tooltip.append(alt.Tooltip("st:N", title=_(size_label)))
    tooltip.append(alt.Tooltip("group:N", title=_(colour_label)))
    colour = alt.Color("group:N", title=_(colour_label), scale=alt.Scale(domain=alt.ExprRef("groups"), range=CATEGORY),
                       legend=alt.Legend(orient="bottom", labelFontSize=12, **legend_fit(4, 220),
                                         titleFontSize=12, symbolType="circle"))
    size = (alt.Size("s:Q", legend=None, scale=alt.Scale(domain=alt.ExprRef("[0, size_max]"), range=[12, MAX_AREA],
                                                         zero=True))
            if size_label else alt.value(90))
    dots = (alt.Chart()
            .mark_circle(opacity=0.75, stroke="#333333", strokeWidth=0.5)
            .encode(size=size, color=colour,
                    order=alt.Order("s:Q", sort="descending") if size_label else alt.Undefined))
    labels = (alt.Chart().transform_filter("indexof(labelled, datum.k) >= 0")
              .mark_text(align="left", dx=9, dy=-9, fontSize=13, fontWeight="bold", color="#222222")
              .encode(text="n:N"))
    # bubbles and labels share the points and their name lookup (one data node, one transform in the spec)
    name = geo.place_field("name")
    points = alt.layer(dots, labels, data=alt.NamedData("points"))
    if sparse:
        points = (points.transform_lookup(lookup="k", from_=alt.LookupData(alt.NamedData("xy"), key="k", fields=["x", "y"]))
                  .transform_calculate(x="datum.x || 0", y="datum.y || 0"))  # not in xy: at 0, 0
    points = (points.transform_calculate(c=SPELL)
              .transform_lookup(lookup="c", from_=alt.LookupData(geo.places(), key="id", fields=[name]))
              .transform_calculate(n=f"other_names[datum.k] || datum.{name} || datum.c", **calc))
    # a trail's point reads as a bubble does (its fields absent there, e.g. the colour group, are not shown)
    trail_lines = (alt.Chart(alt.NamedData("trails"))
                   .transform_calculate(n="trail_names[datum.i]", xt=shown("x", x_unit, "datum.t"),
                                        yt=shown("y", y_unit, "datum.t"),
                                        group="groups[trail_groups[datum.i]] || ''")
                   .mark_line(color="#555555", strokeWidth=1.2, opacity=0.7, point=alt.OverlayMarkDef(size=18, color="#555555"))
                   .encode(detail="i:N", order="t:Q"))
    # one x, one y and one tooltip for the three layers (each written once in the spec a move sends)
    chart = (alt.layer(trail_lines, points).encode(x=x, y=y, tooltip=tooltip)
             # On a phone the plot is about as tall as it is wide, not a 460 px column (issue 22: on the first screen)
             .add_params(alt.param(name="height", expr=f"min({height}, max(240, width * 0.75))"),
                         *([alt.param(name="size_max", value=1.0)] if size_label else []),
                         alt.param(name="periods", value=[]),
                         alt.param(name="trail_names", value=[]), alt.param(name="trail_groups", value=[]), alt.param(name="other_names", value={}),
                         alt.param(name="labelled", value=[]), alt.param(name="letters", value=LETTERS),
                         alt.param(name="groups", value=list(colours)))
             .properties(height=height, width="container", autosize=AUTOSIZE)
             .configure_view(stroke=None).configure(font=FONT)
             .configure_axis(labelFontSize=12, titleFontSize=13))  # both axes' sizes written once
    return template(chart)
