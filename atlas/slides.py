"""Turn a saved view (page + its URL parameters) into one slide: a title, one chart, its source.

An explorer page's slide is drawn from its declaration (`atlas.explorers`), with the same validation as
the page (a tampered deck falls back with notices), so what a slide shows is what the page shows; a map
can inline its geometry for offline export. The country profile registers its own renderer here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from . import charts, profile, story
from .deck import SlideRef
from .explorers import EXPLORERS, Explorer
from .params import choice, parse_all
from .store import Snapshot


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


def explorer_slide(ex: Explorer) -> Renderer:
    def render_slide(snap: Snapshot, given: dict, inline: bool, period: str | None) -> Slide:
        values, notices = ex.values(snap, given)
        fig = ex.figure(snap, values, period, extras={"slide": True})
        view = ex.views[values["view"]]
        if fig.notice or fig.spec is None:
            return Slide(fig.title, None, fig.source, lines=[fig.notice or ""] if fig.notice else [], notices=notices)
        spec = fig.export() if inline and fig.export else fig.spec
        timeline = view.timeline and fig.clickable  # a map slide plays its periods
        return Slide(fig.title, spec, fig.source, periods=ex.periods(snap, values) if timeline else [],
                     period=(period if period in ex.periods(snap, values) else values[ex.period]) if timeline else None,
                     notices=notices)
    return render_slide


for _ex in EXPLORERS.values():
    register(_ex.page, _ex.title)(explorer_slide(_ex))


@register("country", "Country profile")
def _country(snap: Snapshot, given: dict, inline: bool, period: str | None) -> Slide:
    codes = list(profile.countries(snap)["code"])
    values, notices = parse_all([choice("country", codes, "KEN", label="Country")], given)
    code = values["country"]
    series = snap.series(profile.INTERNET, profile.comparators(snap, code, "wdi"))
    spec = charts.time_series(series, title=f"Internet use: {snap.name(code)} and comparators",
                              source=snap.citation(profile.INTERNET), label="Internet use", unit="%")
    return Slide(f"{snap.name(code)} at a glance", spec, snap.citation(profile.INTERNET),
                 lines=[s.text for s in profile.summary(snap, code)], notices=notices)


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
        SlideRef("kaios", {"view": "map", "month": "2019-05", "colours": "log"},
                 notes=notes["kaios_map"]),
        SlideRef("kaios", {"view": "trend", "places": "IND,TZA,NGA,WLD"},
                 notes="India's fall in 2020 may partly be user-agent classification. Triangles: milestones."),
        SlideRef("country", {"country": "KEN"}, notes="Kenya: the mobile money country."),
    ]
    return refs
