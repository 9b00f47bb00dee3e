"""Turn a saved view (page + its URL parameters) into one slide: a title, one chart, its source.

Each page that can be presented registers a renderer here. A renderer validates the parameters the
same way the page does (a tampered deck falls back with notices) and can inline the map geometry for
offline export.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from . import charts, internet, kaios, profile, story
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


def projector(spec: charts.Spec, height: int = 400) -> charts.Spec:
    """Large type for a projector, and a plot that fits a 720-pixel-high screen with its title and legend."""
    def bigger(node):
        if isinstance(node, dict):
            return {k: (round(v * 1.5) if k.lower().endswith("fontsize") and isinstance(v, (int, float)) else bigger(v))
                    for k, v in node.items()}
        if isinstance(node, list):
            return [bigger(v) for v in node]
        return node
    datasets = spec.get("datasets", {})  # data stays as it is (and may be DataFrames)
    out = bigger({k: v for k, v in spec.items() if k != "datasets"})
    out["datasets"] = datasets
    out["height"] = height
    config = out.setdefault("config", {})
    for part in ("axis", "legend"):
        config[part] = {**config.get(part, {}), "labelFontSize": 17, "titleFontSize": 17, "labelColor": "#111111",
                        "titleColor": "#111111"}
    config["title"] = {**config.get("title", {}), "subtitleColor": "#222222"}
    return out


def default_deck(snap: Snapshot) -> list[SlideRef]:
    """The overview's story, ready to present."""
    notes = story.deck_notes(snap, kaios_month="2019-05")  # figures computed from the snapshot
    refs = [
        SlideRef("internet", {"view": "trend", "places": "ITU:ITU_AFR,ITU:WLD,SSF,WLD", "year": "2024"},
                 notes=notes["internet_trend"]),
        SlideRef("internet", {"view": "map", "year": "2024", "region": "africa"},
                 notes="Press Play to step through the years."),
        SlideRef("mobile-money", {"view": "regions", "metric": "value", "gsma": "WLD,GSMA_AFRICA,GSMA_SSA"},
                 notes=notes["mobile_money_regions"]),
        SlideRef("mobile-money", {"view": "map", "measure": "mobile_money", "year": "2024", "region": "africa"},
                 notes="Share of adults with a mobile money account, Global Findex 2024. Grey: not asked."),
        SlideRef("kaios", {"view": "map", "month": "2019-05", "scale": "log"},
                 notes=notes["kaios_map"]),
        SlideRef("kaios", {"view": "trend", "places": "IND,TZA,NGA,WLD"},
                 notes="India's fall in 2020 may partly be user-agent classification. Triangles: milestones."),
        SlideRef("country", {"country": "KEN"}, notes="Kenya: the mobile money country."),
    ]
    return refs
