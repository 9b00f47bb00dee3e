"""Charts of regional aggregates: a map that paints each country with its region's figure (never a country's),
shares stacked to 100 % by category (bars for one year, areas over time) and a dot plot of groups side by side
(women and men, urban and rural). Frames in, Vega-Lite specs out, each with a description written from its
data; cached templates filled per call (`finish.fill`). No Streamlit here."""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import geo, numbers
from ..i18n import _, per_lang
from .finish import AUTOSIZE, FONT, NO_DATA, SEQUENTIAL, Spec, brief, fill, js, template, unit_text
from .maps import aspect, shape_layer

PALETTE = ["#1f78b4", "#33a02c", "#e31a1c", "#ff7f00", "#6a3d9a", "#b15928", "#a6cee3", "#b2df8a",
           "#fb9a99", "#fdbf6f", "#cab2d6", "#999999"]


# --- a map of regional figures --------------------------------------------------------------------
def regional_map(countries: pd.DataFrame, areas: pd.DataFrame, *, title_text: str, source: str, label: str,
                 unit: str, period: str, domain: tuple[float, float], inline_geometry: bool = False,
                 height: int = 460) -> Spec:
    """Each listed country (`countries`: entity, area index `a`) painted with its area's value (`areas`: name,
    value, in the order the index counts), the area named in the tooltip; every other country drawn grey as not
    covered. Only the 14-odd area values and the country-to-area index travel with a period move. A click
    selects the country ("pick" on "id", as on every map): the page opens its profile."""
    data = pd.DataFrame({"id": countries["entity"].astype(str), "a": countries["a"].astype("int8")})
    names = [str(n) for n in areas["name"]]
    values = [None if pd.isna(v) else float(v) for v in areas["value"]]
    cached = _regional_template(label, unit, tuple(float(d) for d in domain), height)
    spec = fill(cached, title_text, source, {"map_values": data.reset_index(drop=True)},
                describe_regional(areas, countries, label, unit, period),
                area_names=names, area_values=values, period_label=numbers.period(period))
    return geo.inline(spec) if inline_geometry else spec


def describe_regional(areas: pd.DataFrame, countries: pd.DataFrame, label: str, unit: str, period: str) -> str:
    have = areas[areas["value"].notna()]
    text = _("Map of {label} ({unit}) by region, {period}: each of {countries} is painted with its region's "
             "figure ({areas}), not a country figure").format(
        label=_(label), unit=unit_text(unit), period=numbers.period(period),
        countries=numbers.plural(len(countries), "country", "countries"),
        areas=numbers.plural(len(have), "region", "regions"))
    if len(have):
        low, high = have.loc[have["value"].idxmin()], have.loc[have["value"].idxmax()]
        text += "; " + _("from {low} to {high}").format(low=f"{brief(low['value'], unit)} ({low['name']})",
                                                       high=f"{brief(high['value'], unit)} ({high['name']})")
    return text + ". " + _("Other countries are not covered.")


@per_lang(16)
def _regional_template(label: str, unit: str, domain: tuple[float, float], height: int) -> Spec:
    lookup = alt.LookupData(alt.NamedData("map_values"), key="id", fields=["a"])
    not_covered = _("not covered by GSMA's list")
    calc = {
        "name": f"datum.{geo.place_field('name')}",
        "c": "isValid(datum.a) ? area_values[datum.a] : null",
        "area": f"isValid(datum.a) ? area_names[datum.a] : {js(not_covered)}",
    }
    sc = alt.Scale(type="log", scheme=SEQUENTIAL, domain=list(domain), clamp=True, nice=False)
    legend = alt.Legend(title=_("{label} ({unit}), log scale").format(label=_(label), unit=unit_text(unit)),
                        orient="bottom", direction="horizontal", gradientLength=300, titleLimit=500, format=",~g",
                        labelOverlap="greedy")
    color = {"condition": [{"test": "!isValid(datum.c)", "value": NO_DATA}], "field": "c", "type": "quantitative",
             "scale": sc.to_dict(), "legend": legend.to_dict()}
    tooltip = [alt.Tooltip("name:N", title=_("Country")), alt.Tooltip("area:N", title=_("GSMA region")),
               alt.Tooltip("c:Q", title=_("{label} of the region ({unit})").format(label=_(label), unit=unit_text(unit)),
                           format=",.3~r"),
               alt.Tooltip("period_label:N", title=_("Period"))]
    shapes = shape_layer()
    dots = (alt.Chart().transform_filter("datum.small")
            .mark_circle(size=34, stroke="#333333", strokeWidth=0.6, opacity=1, invalid="show")
            .encode(longitude="lon:Q", latitude="lat:Q"))
    layer = (alt.layer(shapes, dots, data=geo.places())
             .transform_lookup(lookup="id", from_=lookup).transform_calculate(**calc)
             .encode(color=color, tooltip=tooltip))
    fit = alt.param(name="height", expr=f"min({height}, width * {aspect(None):.4f})")
    chart = (alt.layer(layer)
             .add_params(fit, alt.param(name="area_names", value=[]), alt.param(name="area_values", value=[]),
                         alt.param(name="period_label", value=""))
             .project(type="equalEarth")
             .properties(height=height, width="container", autosize=AUTOSIZE)
             .configure_view(stroke=None).configure(font=FONT))
    return template(chart)


# --- shares stacked to 100 % ----------------------------------------------------------------------
def share_bars(frame: pd.DataFrame, *, title: str, source: str, label: str, unit: str, categories: list[str],
               height: int = 420) -> Spec:
    """One bar per place (name), split into categories (category, share in %, amount in `unit`), in the order
    given (`categories`, first at the left)."""
    data = frame[["name", "category", "share", "amount"]].reset_index(drop=True)
    cached = _share_bars_template(label, unit, tuple(categories), height)
    return fill(cached, title, source, {"shares": data}, describe_shares(N_bar(), data, label))


def N_bar() -> str:
    return _("Stacked bar chart")


def describe_shares(kind: str, data: pd.DataFrame, label: str) -> str:
    """'Stacked bar chart of … for 14 places: the largest share is P2P transfers in 9, …'."""
    if data.empty:
        return _("{kind} of {label}: no values.").format(kind=kind, label=_(label))
    top = data.loc[data.groupby("name")["share"].idxmax()]
    counts = top["category"].value_counts()
    parts = ", ".join(f"{c} {_('in')} {numbers.count(int(n))}" for c, n in counts.items())
    return _("{kind} of {label}, {places}: the largest share is {parts}.").format(
        kind=kind, label=_(label), places=numbers.plural(data["name"].nunique(), "place", "places"), parts=parts)


@per_lang(16)
def _share_bars_template(label: str, unit: str, categories: tuple[str, ...], height: int) -> Spec:
    base = alt.Chart(alt.NamedData("shares")).encode(
        y=alt.Y("name:N", title=None, sort=None, axis=alt.Axis(labelLimit=260, labelFontSize=12)),
        x=alt.X("share:Q", stack="zero", title=_("Share of {label} (%)").format(label=_(label)),
                scale=alt.Scale(domain=[0, 100]), axis=alt.Axis(format=".0f", labelFontSize=12)),
        color=_category_colour(categories), order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("name:N", title=_("Region")), alt.Tooltip("category:N", title=_("Type of transaction")),
                 alt.Tooltip("share:Q", title=_("Share (%)"), format=".1f"),
                 alt.Tooltip("amount:Q", title=f"{_(label)} ({unit_text(unit)})", format=",.3~r")],
    ).transform_calculate(order=f"indexof({js_list(categories)}, datum.category)")
    chart = base.mark_bar().properties(height=height, width="container", autosize=AUTOSIZE).configure(font=FONT)
    return template(chart)


def _category_colour(categories: tuple[str, ...]) -> alt.Color:
    """One colour per category, in the given order (legend and stack alike)."""
    return alt.Color("category:N", title=None, scale=alt.Scale(domain=list(categories), range=PALETTE[:len(categories)]),
                     sort=list(categories), legend=alt.Legend(orient="bottom", columns=4, labelFontSize=12, labelLimit=220))


def js_list(items) -> str:
    return "[" + ", ".join(js(i) for i in items) + "]"


def share_areas(frame: pd.DataFrame, *, title: str, source: str, label: str, categories: list[str],
                height: int = 380) -> Spec:
    """Categories' shares of one place's total over time (category, date, period, share), stacked to 100 %."""
    data = frame[["category", "date", "period", "share"]].reset_index(drop=True)
    cached = _share_areas_template(label, tuple(categories), height)
    have = data.assign(name=data["category"], value=data["share"])
    periods = sorted(data["period"].astype(str))
    kind = _("Stacked area chart")
    text = describe_shares(kind, data.assign(name=data["period"]).loc[data["period"] == periods[-1]], label) \
        if periods else describe_shares(kind, data.assign(name=data["category"]), label)
    span = f"{numbers.period(periods[0])}–{numbers.period(periods[-1])}" if periods else ""
    return fill(cached, title, source, {"shares": data}, f"{text} ({span})" if span else text) if len(have) else \
        fill(cached, title, source, {"shares": data}, text)


@per_lang(16)
def _share_areas_template(label: str, categories: tuple[str, ...], height: int) -> Spec:
    base = alt.Chart(alt.NamedData("shares")).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", labelFontSize=12, tickCount="year")),
        y=alt.Y("share:Q", stack="zero", title=_("Share of {label} (%)").format(label=_(label)),
                scale=alt.Scale(domain=[0, 100]), axis=alt.Axis(format=".0f", labelFontSize=12)),
        color=_category_colour(categories), order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("category:N", title=_("Type of transaction")), alt.Tooltip("period:N", title=_("Month")),
                 alt.Tooltip("share:Q", title=_("Share (%)"), format=".1f")],
    ).transform_calculate(order=f"indexof({js_list(categories)}, datum.category)")
    chart = alt.layer(base.mark_area(opacity=0.9), base.mark_point(aria=False, size=30, opacity=0.001, filled=True)) \
        .properties(height=height, width="container", autosize=AUTOSIZE).configure(font=FONT)
    return template(chart)


# --- groups side by side --------------------------------------------------------------------------
def group_dots(frame: pd.DataFrame, *, title: str, source: str, label: str, groups: list[str],
               height: int = 320) -> Spec:
    """One row per place (name), a dot per group (group, value in %) joined by a line: the gap between them."""
    data = frame[["name", "group", "value", "period"]].reset_index(drop=True)
    cached = _group_dots_template(label, tuple(groups), height)
    return fill(cached, title, source, {"groups": data}, describe_gaps(data, label, groups))


def describe_gaps(data: pd.DataFrame, label: str, groups: list[str]) -> str:
    if data.empty or len(groups) != 2:
        return _("Dot plot of {label}: no values.").format(label=_(label))
    wide = data.pivot_table(index="name", columns="group", values="value")
    gap = (wide[groups[1]] - wide[groups[0]]).dropna()
    if gap.empty:
        return _("Dot plot of {label}: no values.").format(label=_(label))
    big, small = gap.idxmax(), gap.idxmin()
    period = str(data["period"].iloc[0])
    return _("Dot plot of {label}, {period}, {places}: {second} minus {first} is largest in {big} "
             "({big_gap} points) and smallest in {small} ({small_gap} points).").format(
        label=_(label), period=period, places=numbers.plural(len(gap), "place", "places"), first=groups[0],
        second=groups[1], big=big, big_gap=numbers.decimal(gap[big], 1), small=small,
        small_gap=numbers.decimal(gap[small], 1))


@per_lang(16)
def _group_dots_template(label: str, groups: tuple[str, ...], height: int) -> Spec:
    y = alt.Y("name:N", title=None, sort=None, axis=alt.Axis(labelLimit=260, labelFontSize=12))
    x = alt.X("value:Q", title=f"{_(label)} (%)", scale=alt.Scale(domain=[0, 100]),
              axis=alt.Axis(format=".0f", labelFontSize=12))
    base = alt.Chart(alt.NamedData("groups"))
    line = base.mark_rule(aria=False, color="#999999", strokeWidth=2).encode(
        y=y, x=alt.X("min(value):Q"), x2="max(value):Q")
    dots = base.mark_point(filled=True, size=120, opacity=1).encode(
        y=y, x=x,
        color=alt.Color("group:N", title=None, scale=alt.Scale(domain=list(groups), range=["#6a3d9a", "#ff7f00"]),
                        legend=alt.Legend(orient="bottom", labelFontSize=12)),
        shape=alt.Shape("group:N", scale=alt.Scale(domain=list(groups), range=["circle", "diamond"]), legend=None),
        tooltip=[alt.Tooltip("name:N", title=_("Region")), alt.Tooltip("group:N", title=_("Group")),
                 alt.Tooltip("period:N", title=_("Year")), alt.Tooltip("value:Q", title=f"{_(label)} (%)", format=".1f")])
    chart = alt.layer(line, dots).properties(height=height, width="container", autosize=AUTOSIZE).configure(font=FONT)
    return template(chart)
