"""Maps: one choropleth builder for every theme. Frames in, Vega-Lite specs out. No Streamlit here.

Shapes, names, regions and dot positions are static files the browser fetches once (`atlas.geo`); only
the values (a few columns per country) travel with a rerun, joined in the browser with a `lookup`.

The colour scale is declared (`ColourScale`): linear, log, quantile (fifths, labelled in Python) or
diverging (centred on 0). Two colours sit outside the scale: grey for "no data" and, for indicators where
most places are 0 or tiny (KaiOS), a separate pale class for "0 or none recorded" (`zeros=True`), named in
the chart itself so an exported image keeps the key. Every map carries a point selection "pick" on field
"id" (a click opens the country's profile) and a description written from its values.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd

from .. import geo, numbers
from ..i18n import _, data_, per_lang
from .finish import (AUTOSIZE, BORDER, DIVERGING, FONT, NO_DATA, SEQUENTIAL, ZERO_FILL, Spec, brief, extremes, fill,
                     fmt_value, js, template, unit_text)

KINDS = ("linear", "log", "quantile", "diverging", "classes")
CLASSES = 8  # a "classes" scale (a change map): eight classes made in Python, centred on 0 (`atlas.compare`)
KEY = 26  # px below a width-bound map for the zeros key (the two colours outside the scale)
KEY_Y = alt.value({"expr": "height - 8"})
KEY_FONT = "key_font"  # the zeros key's text size, a param: a projector slide sets it to its legend size


@dataclass(frozen=True)
class ColourScale:
    kind: str = "linear"                      # one of KINDS
    domain: tuple[float, float] | None = None  # fixed across periods (so Play compares like with like)
    scheme: str | None = None                 # default: sequential, or diverging for "diverging"

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown colour scale {self.kind!r}")
        if self.kind in ("log", "diverging") and self.domain is None:
            raise ValueError(f"a {self.kind} colour scale needs a domain")


def quintiles(values: pd.Series) -> pd.Series:
    """Fifths of the values given (NaN stays NaN) as ordered labels 'low–high' (2 significant digits, written
    by `atlas.numbers` in the run's language)."""
    have = values.dropna()
    if have.nunique() < 2:
        labels = [numbers.significant(have.iloc[0], 2)] if len(have) else []
        return pd.Categorical(values.map(lambda v: labels[0] if pd.notna(v) else None), categories=labels,
                              ordered=True).pipe(pd.Series, index=values.index)
    bins = pd.qcut(have, 5, duplicates="drop")
    labels = [f"{numbers.significant(b.left if i else have.min(), 2)}–{numbers.significant(b.right, 2)}"
              for i, b in enumerate(bins.cat.categories)]  # in the run's language ("0,001–0,0051")
    out = pd.Series(pd.Categorical.from_codes(bins.cat.codes, labels, ordered=True), index=have.index)
    return out.reindex(values.index)


def statuses(values: pd.DataFrame) -> pd.Series:
    """A row's status: its own `status` column (KaiOS: value, zero, none, missing, hidden), else 'value'
    where there is a value and 'missing' where there is none."""
    if "status" in values:
        return values["status"].astype(str)
    return pd.Series(np.where(values["value"].notna(), "value", "missing"), index=values.index)


def choropleth(values: pd.DataFrame, *, title_text: str, source: str, label: str, unit: str, period: str,
               where: str = "World", scale: ColourScale = ColourScale(), zeros: bool = False, notes: bool = False,
               focus: tuple[str, str] | None = None, inline_geometry: bool = False, height: int = 460,
               ends_unit: str | None = None, description: str | None = None) -> Spec:
    """A world (or regional) choropleth.

    `values`: one row per drawable country (entity, name, value, period, rank; optional `earlier` (a
    latest-earlier value) and `status`; with `notes`, a `note` shown in the tooltip), as from
    `regions.map_values`.
    `focus` = (places column, value), e.g. ("region", "South Asia"), keeps only those shapes and the
    projection fits them (a zoom). Countries without a value are drawn grey; small states get a dot.
    A change map (`ends_unit`: the unit of the values at both ends) has `a`, `pa`, `b`, `pb` (each end's
    value and period; `description` the chart's accessible name) and, with a "classes" scale, each row's class in `class` (an ordered categorical).
    """
    status = statuses(values)
    keep = values[status != "missing"]
    status = status[keep.index]
    # Compact types: this table is what a slider move sends (float32 is plenty for a shown value).
    # A zeros map (KaiOS) sends a row only for places above 0; the places recorded 0, 'none recorded' or hidden,
    # and the few with no status, travel as one string of codes per status (the largest status: the rest), and
    # notes as a few texts, each with its string of codes: a period move stays small.
    rows = keep[status == "value"] if zeros else keep
    data = pd.DataFrame({"id": rows["entity"].astype(str), "v": rows["value"].astype("float32"),
                         "r": rows["rank"].fillna(0).astype("int16")})
    earlier = "earlier" in values and not zeros  # a zeros map shows the month itself, never an earlier value
    if not zeros and not ends_unit:  # the year of each value (it may be an earlier one); a zeros map's is the period
        data["p"] = rows["period"].fillna(period).astype(str).astype("category")
    if earlier:
        data["e"] = rows["earlier"].astype(bool)
    params = {"period_label": str(period), "n_ranked": int(status.isin(["value", "zero"]).sum())}
    if zeros:
        # Most places are 'none recorded' (recent months) or recorded 0 (earlier ones): the larger of the two is
        # what a place listed nowhere is (`status_rest`), and the few places of the map with no status at all
        # (not covered by the source, or not in the table) are listed instead
        listed = {st: keep.loc[status == st, "entity"] for st in ("zero", "none", "hidden")}
        listed["missing"] = sorted({p["id"] for p in geo.place_rows() if not focus or p.get(focus[0]) == focus[1]}
                                   - set(keep["entity"].astype(str)))
        rest = "none" if len(listed["none"]) >= len(listed["zero"]) else "zero"
        listed[rest] = []
        params["status_ids"] = {st: "," + ",".join(sorted(map(str, codes))) + "," for st, codes in listed.items()}
        params["status_rest"] = rest
        params["zero_rank"] = int(keep.loc[status == "zero", "rank"].min()) if (status == "zero").any() else 0
    texts: list[str] = []
    if notes:  # each note's places as one string of codes (as the statuses), not a code -> number object
        noted = keep[keep["note"].fillna("") != ""]
        texts = sorted(noted["note"].unique())
        params["note_text"] = texts
        params["note_ids"] = ["," + ",".join(sorted(noted.loc[noted["note"] == t, "entity"].astype(str))) + ","
                              for t in texts]
    if ends_unit:  # both ends of a change, for the tooltip; each end's period as an index into a list (no
        # dictionary columns: each would cost a dictionary batch on every move)
        ends = sorted(set(rows["pa"].dropna().astype(str)) | set(rows["pb"].dropna().astype(str)))
        at = {p: i for i, p in enumerate(ends)}
        data["a"] = rows["a"].astype("float32")  # the end value is the start plus the change (computed in the browser)
        data = data.drop(columns="r")            # no rank: the description names the largest rise and fall
        for end in ("a", "b"):
            data[f"p{end}"] = rows[f"p{end}"].map(lambda p: at.get(p, -1) if isinstance(p, str) else -1).astype("int8")
        params["end_periods"] = ends
    if scale.kind in ("quantile", "classes"):
        classes = rows["class"] if scale.kind == "classes" else quintiles(rows["value"].where(status[rows.index] == "value"))
        # a change map's classes as indices into `classes` (-1: none); fifths as their labels
        data["k"] = classes.cat.codes.astype("int8") if scale.kind == "classes" else classes.astype("category")
        params["classes"] = [str(c) for c in classes.cat.categories]
    cached = _template(label, unit, scale, zeros, earlier, len(texts), focus, height, ends_unit)
    spec = fill(cached, title_text, source, {"map_values": data.reset_index(drop=True)},
                description or describe(keep, status, label, unit, period, where, zeros), **params)
    return geo.inline(spec) if inline_geometry else spec


def describe(values: pd.DataFrame, status: pd.Series, label: str, unit: str, period: str, where: str,
             zeros: bool) -> str:
    """'Map of internet use (%) in 2024, Africa: 52 countries with a value, from 11 % (Burundi) to 90 % (Morocco).'"""
    shown = values[status == "value"]
    text = _("Map of {label} ({unit}) in {period}, {where}: {countries} with a value").format(
        label=_(label), unit=unit_text(unit), period=numbers.period(str(period)), where=_(where),
        countries=numbers.plural(len(shown), 'country', 'countries'))
    text += f", {extremes(shown, unit)}" if len(shown) else ""
    if zeros:
        text += _("; {count} recorded 0 or none").format(count=numbers.count(int(status.isin(['zero', 'none']).sum())))
    return text + "."


def _log_ticks(domain: tuple[float, float]) -> list[float]:
    low, high = domain
    ticks = [10.0 ** e for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
             if low <= 10.0 ** e <= high]
    return ticks + ([round(high, 2)] if not ticks or ticks[-1] < high * 0.99 else [])


# Equal Earth (Šavrič, Patterson, Jenny 2018), as d3-geo's geoEqualEarth: only the ratio of the projected
# extent matters here, so the scale is left out.
_EE = (1.340264, -0.081106, 0.000893, 0.003796)


def _equal_earth(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a1, a2, a3, a4 = _EE
    m = math.sqrt(3) / 2
    t = np.arcsin(m * np.sin(np.radians(lat)))
    t2, t6 = t * t, t ** 6
    x = np.radians(lon) * np.cos(t) / (m * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)))
    y = t * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, y


@functools.cache
def aspect(focus: tuple[str, str] | None = None) -> float:
    """Height over width of the drawn map (shapes and dots of the places in `focus`, or the world) in the
    map's projection: what the projection fits into the view, so the view can take the same shape."""
    rows = [r for r in geo.place_rows() if focus is None or r.get(focus[0]) == focus[1]]
    ids = {r["id"] for r in rows}
    topo = geo.topology()
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    used: set[int] = set()

    def arcs_of(node):
        for a in node:
            if isinstance(a, list):
                arcs_of(a)
            else:
                used.add(a if a >= 0 else ~a)
    for g in topo["objects"][geo.FEATURE]["geometries"]:
        if str(g.get("id")) in ids:
            arcs_of(g.get("arcs", []))
    # TopoJSON arcs are quantised and delta-encoded: running sums, then the file's transform
    arcs = [np.cumsum(np.array(topo["arcs"][i], dtype=float), axis=0) for i in sorted(used)]
    shapes = np.vstack(arcs) * [sx, sy] + [tx, ty] if arcs else np.empty((0, 2))
    dots = np.array([(r["lon"], r["lat"]) for r in rows if r.get("small") and r.get("lon") is not None]).reshape(-1, 2)
    lonlat = np.vstack([shapes, dots])
    if not len(lonlat):
        return 1.0
    x, y = _equal_earth(lonlat[:, 0], lonlat[:, 1])
    return float((y.max() - y.min()) / max(x.max() - x.min(), 1e-9))


def shape_layer() -> alt.Chart:
    """Every country's shape, its geometry looked up by id in the world TopoJSON (served once as a static file,
    put inline for an export by `geo.inline`), drawn even without a value (the colour's conditions say 'no data'); a click
    picks the country (the page shows its value and a link to its profile). Every map of the atlas draws its countries
    with this layer."""
    return (alt.Chart()
            .transform_lookup(lookup="id", from_=alt.LookupData(geo.countries(), key="id"),
                              as_="geo")
            .transform_filter("isValid(datum.geo)")
            .mark_geoshape(stroke=BORDER, strokeWidth=0.4, cursor="pointer", invalid="show")
            .encode(shape=alt.Shape("geo:G"))
            .add_params(alt.selection_point(name="pick", fields=["id"], on="click", clear=False)))


FOUND = "#111111"  # the outline of the country a reader tapped or searched for


def highlight(spec: Spec, code: str | None = None) -> Spec:
    """The map with the tapped country (its "pick" selection, drawn at once in the browser) and the country found
    by the page's search (`code`) outlined in black. Only the nodes on the way to the shapes' layer are copied
    (a page draws every map through here on every rerun: a deep copy of the layers cost more than the rest of the
    drawing); the spec and its templates are never changed in place (templates are cached)."""
    out = {**spec, "params": [p for p in spec.get("params", []) if p.get("name") != "found"]
           + [{"name": "found", "value": code or ""}]}
    if "layer" in spec:
        out["layer"] = [_outlined(node) for node in spec["layer"]]
    return out


def _outlined(node: dict) -> dict:
    """`node` with its country shapes' outline conditions: a copy where something changes, else `node` itself."""
    mark = node.get("mark")
    if isinstance(mark, dict) and mark.get("type") == "geoshape" and mark.get("cursor") == "pointer":  # the shapes
        test = "datum.id === found"
        return {**node, "encoding": {
            **node.get("encoding", {}),
            "stroke": {"condition": [{"param": "pick", "empty": False, "value": FOUND}, {"test": test, "value": FOUND}],
                       "value": mark.get("stroke", BORDER)},
            "strokeWidth": {"condition": [{"param": "pick", "empty": False, "value": 2}, {"test": test, "value": 2}],
                            "value": mark.get("strokeWidth", 0.4)}}}
    if isinstance(node.get("layer"), list):
        layers = [_outlined(n) for n in node["layer"]]
        if any(a is not b for a, b in zip(layers, node["layer"])):
            return {**node, "layer": layers}
    return node


def _region_names() -> str:
    """The place's World Bank region in the run's language: the places file holds it in English (the focus
    filters compare it), so a French template names the seven regions in a small literal."""
    regions = sorted({r["region"] for r in geo.place_rows() if r.get("region")})
    shown = {r: data_(r) for r in regions if data_(r) != r}
    if not shown:
        return "datum.region"
    return "{" + ", ".join(f"{js(k)}: {js(v)}" for k, v in shown.items()) + "}[datum.region] || datum.region"


@per_lang(128)  # templates hold words: one per language
def _template(label: str, unit: str, scale: ColourScale, zeros: bool, earlier: bool, notes: int,
              focus: tuple[str, str] | None, height: int, ends_unit: str | None = None) -> Spec:
    fields = ["v"] + ([] if ends_unit else ["r"]) + ([] if zeros or ends_unit else ["p"]) + (["e"] if earlier else []) \
        + (["k"] if scale.kind in ("quantile", "classes") else []) + (["a", "pa", "pb"] if ends_unit else [])
    lookup = alt.LookupData(alt.NamedData("map_values"), key="id", fields=fields)
    focus_test = f"datum.{focus[0]} === {js(focus[1])}" if focus else None
    none_recorded, hidden, no_data_for = _(": none recorded"), _("Hidden (small sample)"), _("No data for") + " "
    latest, of = " (" + _("latest available") + ")", " " + _("of") + " "
    calc = {  # tooltip texts and the coloured value, computed in the browser
        # a place drawn with another or without a value says why (places.json's note, e.g. Somaliland)
        # the places file holds both languages' names and notes (fetched once): pick this template's
        "name": "datum.{n} ? datum.{p} + ' (' + datum.{n} + ')' : datum.{p}".format(
            p=geo.place_field("name"), n=geo.place_field("note")),
        "region_shown": _region_names(),
        **({"s": "isValid(datum.v) ? 'value' : " + " : ".join(
                f"indexof(status_ids.{st}, ',' + datum.id + ',') >= 0 ? {'null' if st == 'missing' else repr(st)}"
                for st in ("zero", "none", "hidden", "missing")) + " : status_rest", "p": "period_label"} if zeros else {}),
        "c": "datum.v > 0 ? datum.v : null" if zeros else "isValid(datum.v) ? datum.v : null",
        "shown": "datum.s === 'zero' ? 0 : isValid(datum.v) ? datum.v : null",
        "when": ("datum.s === 'value' || datum.s === 'zero' ? datum.p : datum.s === 'none' ? "
                 f"datum.p + {js(none_recorded)} : datum.s === 'hidden' ? {js(hidden)} : "
                 f"{js(no_data_for)} + period_label") if zeros else
                ("isValid(datum.v) ? " + (f"(datum.e ? datum.p + {js(latest)} : datum.p)"
                                          if earlier else "datum.p") + f" : {js(no_data_for)} + period_label"),
        "rank_text": (f"datum.s === 'zero' ? zero_rank + {js(of)} + n_ranked : " if zeros else "")
                     + f"datum.r > 0 ? datum.r + {js(of)} + n_ranked : ''",
    }
    if ends_unit:  # a change map: each end's value and the period it is from
        end_fmt = fmt_value(ends_unit) if ends_unit != "%" else ".1f"
        calc["b"] = "datum.a + datum.v" if unit == "percentage points" else "datum.a * (1 + datum.v / 100)"
        calc.pop("rank_text")
        for end in ("a", "b"):
            calc[f"{end}_text"] = (f"isValid(datum.{end}) ? format(datum.{end}, {js(end_fmt)}) + ' (' + end_periods[datum.p{end}] + ')'"
                                   f" : {js(_('No data'))}")
    if notes:  # `notes` texts, each with its string of codes
        calc["flag"] = " : ".join(f"indexof(note_ids[{i}], ',' + datum.id + ',') >= 0 ? note_text[{i}]"
                                  for i in range(notes)) + " : ''"
    fmt = "~g" if zeros or scale.kind == "log" else {"%": ".1f", "percentage points": "+.1f", "% change": "+,.0f"}.get(unit, ",.2~f")
    field, kind = "c", "quantitative"
    if scale.kind == "classes":  # a change: eight classes centred on 0, named in Python (`atlas.compare`)
        field, kind = "kl", "ordinal"
        calc["kl"] = "datum.k >= 0 ? classes[datum.k] : null"
        sc = alt.Scale(domain=alt.ExprRef("classes"), scheme=alt.SchemeParams(scale.scheme or DIVERGING, count=CLASSES))
        legend = alt.Legend(title=f"{_(label)} ({unit_text(unit)})", orient="bottom", direction="horizontal",
                            titleLimit=500, labelFontSize=11, symbolType="square", symbolSize=160, columns=CLASSES // 2,
                            labelLimit=160)
    elif scale.kind == "quantile":  # classes made in Python, so the legend names each range exactly
        field, kind = "k", "ordinal"
        above = _("above 0") if zeros else _("with a value")
        sc = alt.Scale(domain=alt.ExprRef("classes"), scheme=alt.SchemeParams(scale.scheme or SEQUENTIAL, count=5))
        legend = alt.Legend(title=_("{label} ({unit}), fifths of the places {above}").format(
                                label=_(label), unit=unit_text(unit), above=above), orient="bottom",
                            direction="horizontal", titleLimit=500, labelFontSize=11, symbolType="square",
                            symbolSize=160, columns=5, labelLimit=160)
    elif scale.kind == "log":
        floor = numbers.significant(scale.domain[0], 3)
        sc = alt.Scale(type="log", scheme=scale.scheme or SEQUENTIAL, domain=list(scale.domain), clamp=True,
                       nice=False)
        legend = alt.Legend(title=_("{label} ({unit}), log scale").format(label=_(label), unit=unit_text(unit)), orient="bottom", direction="horizontal",
                            gradientLength=300, titleLimit=500, format=",~g", values=_log_ticks(scale.domain),
                            labelOverlap="greedy",
                            # the test compares numbers (a literal Vega reads); the label is in the run's language
                            labelExpr=f"datum.value <= {float(scale.domain[0])!r} ? {js('≤' + floor)} : "
                                      "format(datum.value, ',~g')")
    else:
        diverging = scale.kind == "diverging"
        sc = alt.Scale(type="linear", scheme=scale.scheme or (DIVERGING if diverging else SEQUENTIAL),
                       domain=list(scale.domain) if scale.domain else alt.Undefined, nice=False, clamp=True,
                       domainMid=0 if diverging else alt.Undefined)
        legend = alt.Legend(title=f"{_(label)} ({unit_text(unit)})", orient="bottom", direction="horizontal", gradientLength=260,
                            titleLimit=400, format=".0f" if unit in ("%", "percentage points") else "~s")
    conditions = ([{"test": "datum.s === 'zero' || datum.s === 'none'", "value": ZERO_FILL}] if zeros else []) \
        + [{"test": f"!isValid(datum.{field})", "value": NO_DATA}]
    color = {"condition": conditions, "field": field, "type": kind, "scale": sc.to_dict(),
             "legend": legend.to_dict()}
    tooltip = [alt.Tooltip("name:N", title=_("Country")),
               alt.Tooltip("shown:Q", title=f"{_(label)} ({unit_text(unit)})", format=fmt),
               *([alt.Tooltip("a_text:N", title=_("Start")), alt.Tooltip("b_text:N", title=_("End"))] if ends_unit else
                 [alt.Tooltip("when:N", title=_("Year of value") if not zeros else _("Month"))]),
               *([] if ends_unit else [alt.Tooltip("rank_text:N", title=_("Rank"))]),
               alt.Tooltip("region_shown:N", title=_("Region"))]
    if notes:
        tooltip.append(alt.Tooltip("flag:N", title=_("Note")))
    # One data source for both layers, the places file (every shape's name, region, dot position), so the
    # values are looked up and the tooltip texts computed once (a period move resends the spec). Shapes
    # add their geometry from the world TopoJSON; small states are also drawn as a dot.
    # invalid="show": a country with no value is still drawn, coloured by the conditions (grey, 'no data').
    shapes = shape_layer().properties(name="shapes")
    dots = (alt.Chart()
            .transform_filter("datum.small")
            .mark_circle(size=34, stroke="#333333", strokeWidth=0.6, opacity=1, invalid="show")
            .encode(longitude="lon:Q", latitude="lat:Q"))
    places = alt.layer(shapes, dots, data=geo.places())
    layers = [(places.transform_filter(focus_test) if focus else places)
              .transform_lookup(lookup="id", from_=lookup).transform_calculate(**calc)
              .encode(color=color, tooltip=tooltip)]
    if zeros:  # the two colours outside the scale, named in the chart itself (an exported image keeps them)
        # placed in font sizes (`key_font`, which a projector slide enlarges): the second key starts after the
        # first one's label at any size and in any language
        first = _("0 or none recorded")
        keys = [{"label": first, "fill": ZERO_FILL, "at": 0.7},
                {"label": _("No data"), "fill": NO_DATA, "at": 0.7 + 2.5 + 0.62 * len(first)}]
        key_base = alt.Chart(alt.InlineData(values=keys)).transform_calculate(x="datum.at * key_font")
        layers.append(alt.layer(
            key_base.mark_square(size=140, stroke="#999999", strokeWidth=0.5).encode(
                x=alt.X("x:Q", scale=None), y=KEY_Y, fill=alt.Fill("fill:N", scale=None)),
            key_base.mark_text(align="left", dx=alt.ExprRef("key_font"), fontSize=alt.ExprRef("key_font"),
                               color="#333333").encode(
                x=alt.X("x:Q", scale=None), y=KEY_Y, text="label:N")))
    # The view takes the map's own shape up to `height` (a world 349 px wide is 153 px tall in a phone, not a
    # 460 px box with the world lost in its middle); a taller region keeps `height`.
    # A zeros map adds a strip for its key below the map, and the projection fits the map above it.
    shape = f"width * {aspect(focus):.4f}"
    fit = alt.param(name="height", expr=f"min({height}, {shape}{f' + {KEY}' if zeros else ''})")
    # only the params this shape of map uses: the spec travels with every rerun
    used = {"period_label": "", "n_ranked": 0, **({"classes": []} if scale.kind in ("quantile", "classes") else {}),
            **({"end_periods": []} if ends_unit else {}),
            **({"status_ids": {}, "status_rest": "none", "zero_rank": 0, KEY_FONT: 11} if zeros else {}), **({"note_text": [], "note_ids": []} if notes else {})}
    chart = (alt.layer(*layers)
             .add_params(fit, *(alt.param(name=k, value=v) for k, v in used.items()))
             .project(type="equalEarth", **({"size": alt.ExprRef(f"[width, min(height, {shape})]")} if zeros else {}))
             .properties(height=height, width="container", autosize=AUTOSIZE)
             .configure_view(stroke=None).configure(font=FONT))
    return template(chart)


# The no-data brief for tests and captions
__all__ = ["ColourScale", "KINDS", "choropleth", "quintiles", "statuses", "describe", "brief"]
