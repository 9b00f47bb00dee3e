"""Turn a saved view (page + its URL parameters) into one slide: a title, one chart, its source.

Each page that can be presented registers a renderer here. A renderer validates the parameters the
same way the page does (a tampered deck falls back with notices) and can inline the map geometry for
offline export.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from . import charts, internet, kaios, profile
from . import mobile_money as mm
from .deck import SlideRef
from .regions import FOCUS_LABELS
from .store import Snapshot
from .ui import state


@dataclass
class Slide:
    title: str
    spec: charts.Spec | None
    source: str
    lines: list[str] = field(default_factory=list)    # text shown beside or instead of a chart
    periods: list[str] = field(default_factory=list)  # a map that can play its timeline
    period: str | None = None
    notices: list[str] = field(default_factory=list)


Renderer = Callable[[Snapshot, dict, bool, "str | None"], Slide]
RENDERERS: dict[str, Renderer] = {}
PAGE_TITLES: dict[str, str] = {}


def register(page: str, title: str):
    def wrap(fn: Renderer) -> Renderer:
        RENDERERS[page], PAGE_TITLES[page] = fn, title
        return fn
    return wrap


def render(snap: Snapshot, ref: SlideRef, inline: bool = False, period: str | None = None) -> Slide | None:
    """The slide for a saved view, or None when the app has no such page any more."""
    renderer = RENDERERS.get(ref.page)
    if renderer is None:
        return None
    slide = renderer(snap, ref.params, inline, period)
    if ref.title:
        slide.title = ref.title
    return slide


def default_title(snap: Snapshot, ref: SlideRef) -> str:
    slide = render(snap, ref)
    return slide.title if slide else ref.page


@register("internet", "Internet use")
def _internet(snap: Snapshot, given: dict, inline: bool, period: str | None) -> Slide:
    values, notices = state.parse_all(internet.params(snap), given)
    year = period if period in internet.years(snap) else values["year"]
    if values["view"] == "trend":
        log = values["scale"] == "log"
        series = internet.trend_series(snap, values["places"], log)
        spec = internet.trend_spec(snap, series, values["places"], year, log)
        return Slide("Internet use over time", spec, internet.trend_source(snap, values["places"]), notices=notices)
    table = internet.map_table(snap, year, values["region"])
    spec = internet.map_spec(snap, table, year, values["region"], inline=inline)
    return Slide(f"Internet use, {year} — {FOCUS_LABELS[values['region']]}", spec, snap.citation(internet.WDI),
                 periods=internet.years(snap), period=year, notices=notices)


@register("country", "Country profile")
def _country(snap: Snapshot, given: dict, inline: bool, period: str | None) -> Slide:
    codes = list(profile.countries(snap)["code"])
    values, notices = state.parse_all([state.choice("country", codes, "KEN", label="Country")], given)
    code = values["country"]
    series = snap.series(profile.INTERNET, profile.comparators(snap, code, "wdi"))
    spec = charts.time_series(series, title=f"Internet use: {snap.name(code)} and comparators",
                              source=snap.citation(profile.INTERNET), label="Internet use", unit="%")
    return Slide(f"{snap.name(code)} at a glance", spec, snap.citation(profile.INTERNET),
                 lines=[s.text for s in profile.summary(snap, code)], notices=notices)


@register("mobile-money", "Mobile money")
def _mobile_money(snap: Snapshot, given: dict, inline: bool, period: str | None) -> Slide:
    values, notices = state.parse_all(mm.params(snap), given)
    log = values["scale"] == "log"
    if values["view"] == "regions":
        ind = mm.GSMA_METRICS[values["metric"]]
        points = mm.gsma_points(snap, ind, values["gsma"])
        title = f"{snap.indicator(ind)['label']} by region"
        if points.empty:
            return Slide(title, None, snap.citation(ind), lines=["No data for this choice."], notices=notices)
        return Slide(title, mm.gsma_spec(snap, ind, points, log), snap.citation(ind), notices=notices)
    measure = values["measure"]
    slice_ = values["slice"] if mm.sliceable(measure) else "all"
    ind = mm.indicator_id(snap, measure, slice_)
    periods = mm.measure_periods(snap, measure)
    year = period if period in periods else mm.nearest_period(periods, values["year"])
    label = mm.MEASURE_LABELS[measure]
    if ind is None:
        return Slide(label, None, "", lines=[mm.no_data_message(snap, ind, measure, slice_, year)], notices=notices)
    if values["view"] == "trend":
        series = mm.trend_series(snap, ind, values["places"], log)
        if series.empty:
            return Slide(label, None, snap.citation(ind), lines=["No data for this choice."], notices=notices)
        return Slide(label, mm.trend_spec(snap, series, ind, measure, year, log), snap.citation(ind), notices=notices)
    table = mm.map_table(snap, ind, year, values["region"])
    if table["value"].notna().sum() == 0:
        return Slide(label, None, snap.citation(ind),
                     lines=[mm.no_data_message(snap, ind, measure, slice_, year)], notices=notices)
    return Slide(mm.map_title(snap, ind, measure, year, values["region"]),
                 mm.map_spec(snap, table, ind, measure, year, values["region"], inline=inline),
                 snap.citation(ind), periods=periods, period=year, notices=notices)


@register("kaios", "KaiOS and browsers")
def _kaios(snap: Snapshot, given: dict, inline: bool, period: str | None) -> Slide:
    values, notices = state.parse_all(kaios.params(snap), given)
    months = kaios.months(snap)
    month = period if period in months else values["month"]
    measure = values["measure"]
    if values["view"] == "trend":
        smooth, log = values["smooth"] == "3m", values["axis"] == "log"
        series = kaios.trend(snap, measure, values["places"], smooth).assign(kind="built-in")
        series = kaios.positive_only(series) if log else series
        spec = kaios.trend_spec(snap, series, measure, month, smooth, log, export=True)
        return Slide("KaiOS browser share and milestones", spec, kaios.trend_source(snap, measure, False),
                     notices=notices)
    if values["view"] == "browsers":
        mix = kaios.browser_mix(snap, values["context"], values["browsers"])
        return Slide(f"What KaiOS competed with in {snap.name(values['context'])}",
                     kaios.browsers_spec(snap, mix, values["context"], month, values["browsers"]),
                     kaios.browsers_source(snap), notices=notices)
    table = kaios.map_table(snap, measure, month, focus=values["region"], hide_small=values["small"] == "hide",
                            flags=kaios.small_sample_flags(snap))
    spec = kaios.map_spec(snap, table, measure, month, values["region"], values["scale"], inline=inline)
    return Slide(f"{kaios.measure_label(measure)}, {kaios.month_text(month)}", spec,
                 snap.citation(kaios.MEASURES[measure]), periods=months, period=month, notices=notices)


# Projector palette: Okabe-Ito's colour-blind-safe hues, darkened where a washed-out projector would lose them
# (its yellow and sky blue); sequential maps start from the scheme's darker end.
PROJECTOR_CATEGORY = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8a6d00", "#56B4E9", "#E69F00", "#000000"]
PROJECTOR_FONT = 18  # axis and legend text, in pixels, on a 1080-pixel-high screen


def projector(spec: charts.Spec, height: int = 400, font: int = PROJECTOR_FONT) -> charts.Spec:
    """A chart for the room: no title of its own (the slide has one, and the source line below it), axis and
    legend text at `font` px, other text in proportion, thicker lines and a high-contrast palette.
    `height` is the plot's height; the slide sets its own size when it knows the screen."""
    ratio = font / 12  # the charts' own axis and legend text is 11-12 px
    built_for = spec.get("height") if isinstance(spec.get("height"), (int, float)) else None

    def bigger(node, key=""):
        if key in ("values", "datasets"):  # inline data (geometry too) stays as it is
            return node
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                if k in ("labelFontSize", "titleFontSize") and isinstance(v, (int, float)):
                    out[k] = max(font, round(v * ratio))
                elif k.lower().endswith("fontsize") and isinstance(v, (int, float)):
                    out[k] = round(v * ratio)
                elif k == "strokeWidth" and isinstance(v, (int, float)) and v >= 1:
                    out[k] = round(v * 1.6, 1)
                elif k in ("size", "gradientLength", "labelLimit", "titleLimit", "symbolSize") \
                        and isinstance(v, (int, float)) and key in ("mark", "legend"):
                    out[k] = round(v * ratio) if k != "symbolSize" else round(v * ratio * ratio)
                elif k == "scheme" and v == "tableau10":
                    out["range"] = PROJECTOR_CATEGORY
                elif k == "scheme" and v == charts.SEQUENTIAL:  # its palest yellow vanishes on a projector
                    out[k] = {"name": v, "extent": [0.15, 1]}
                elif k == "y" and isinstance(v, dict) and isinstance(v.get("value"), (int, float)) and built_for \
                        and 0 <= built_for - v["value"] <= 40:  # text pinned to the plot's foot follows its height
                    out[k] = {**v, "value": {"expr": f"height - {built_for - v['value']}"}}
                elif k == "axis" and isinstance(v, dict) and v.get("format") == "%Y":
                    # one tick per year at most: a year axis on a wide slide would otherwise repeat labels
                    out[k] = {**bigger(v, k), "tickCount": {"interval": "year", "step": 1}, "labelOverlap": "greedy"}
                else:
                    out[k] = bigger(v, k)
            return out
        if isinstance(node, list):
            return [bigger(v, key) for v in node]
        return node

    datasets = spec.get("datasets", {})  # data stays as it is (and may be DataFrames)
    out = bigger({k: v for k, v in spec.items() if k not in ("datasets", "title")})
    out["datasets"] = datasets
    out["height"] = height
    config = out.setdefault("config", {})
    for part in ("axis", "legend"):
        config[part] = {**config.get(part, {}), "labelFontSize": font, "titleFontSize": font,
                        "labelColor": "#000000", "titleColor": "#000000"}
    config["axis"].update(gridColor="#c8c8c8", domainColor="#333333", tickColor="#333333")
    config["range"] = {**config.get("range", {}), "category": PROJECTOR_CATEGORY}
    config["view"] = {**config.get("view", {}), "stroke": None}
    return out


def default_deck(snap: Snapshot) -> list[SlideRef]:
    """The overview's story, ready to present."""
    refs = [
        SlideRef("internet", {"view": "trend", "places": "ITU:ITU_AFR,ITU:WLD,SSF,WLD", "year": "2024"},
                 notes="Africa (ITU region) against the world. The 2024 press figure of 37 % for 2023 has since "
                       "been revised by ITU: the chart shows the current series."),
        SlideRef("internet", {"view": "map", "year": "2024", "region": "africa"},
                 notes="Press Play to step through the years."),
        SlideRef("mobile-money", {"view": "regions", "metric": "value", "gsma": "WLD,GSMA_AFRICA,GSMA_SSA"},
                 notes="About US$1.26 trillion moved in 2022, two-thirds of it in Africa (GSMA). Hollow diamonds "
                       "are earlier editions' figures, since revised."),
        SlideRef("mobile-money", {"view": "map", "measure": "mobile_money", "year": "2024", "region": "africa"},
                 notes="Share of adults with a mobile money account, Global Findex 2024. Grey: not asked."),
        SlideRef("kaios", {"view": "map", "month": "2019-05", "scale": "log"},
                 notes="May 2019: KaiOS passes 100 million devices shipped. Browser page-view share, not devices."),
        SlideRef("kaios", {"view": "trend", "places": "IND,TZA,NGA,WLD"},
                 notes="India's fall in 2020 may partly be user-agent classification. Triangles: milestones."),
        SlideRef("country", {"country": "KEN"}, notes="Kenya: the mobile money country."),
    ]
    return refs
