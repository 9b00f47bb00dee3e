"""Turn a saved view (page + its URL parameters) into one slide: a title, one chart, its source.

A theme's slide is drawn from its explorer's declaration (`atlas.themes`), with the same validation as
the page (a tampered deck falls back with notices), so what a slide shows is what the page shows; a map
can inline its geometry for offline export. The country profile has its own renderer here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from . import charts, numbers, profile
from .deck import SlideRef
from .i18n import N_, _
from .params import choice, parse_all
from .store import Snapshot
from .themes import by_page, themes
from .themes.base import Explorer


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
COUNTRY = "country"  # the country profile's page


def page_title(page: str) -> str | None:
    """The title (a catalogue message, N_) of a page that can be a slide, or None."""
    theme = by_page(page)
    return theme.title if theme else (N_("Country profile") if page == COUNTRY else None)


def renderer(page: str) -> Renderer | None:
    theme = by_page(page)
    return explorer_slide(theme.explorer) if theme else (_country if page == COUNTRY else None)


def render(snap: Snapshot, ref: SlideRef, inline: bool = False, period: str | None = None) -> Slide | None:
    """The slide for a saved view in the run's language (its chart, made by `atlas.charts`, carries the
    language's number and date locale), or None when the app has no such page any more."""
    draw = renderer(ref.page)
    if draw is None:
        return None
    slide = draw(snap, ref.params, inline, period)
    if ref.title:
        slide.title = ref.title
    return slide


def default_title(snap: Snapshot, ref: SlideRef) -> str:
    slide = render(snap, ref)
    return slide.title if slide else ref.page


def settings(snap: Snapshot, ref: SlideRef, hidden: tuple[str, ...] = ("places", "from", "lang")) -> str:
    """A saved view's settings as the page's own controls write them ('Vue Carte, Année 2024, Région
    Afrique'), in the run's language; '' when there is nothing to say."""
    theme = by_page(ref.page)
    ex = theme.explorer if theme else None
    parts = []
    for name, value in ref.params.items():
        if name in hidden:
            continue
        control = ex.controls.get(name) if ex else None
        if control is not None:
            try:
                parts.append(f"{_(control.label)} {control.label_of(snap)(value)}")
                continue
            except (KeyError, ValueError, TypeError):
                pass
        if ref.page == COUNTRY and name == "country":
            parts.append(f"{_('Country')} {snap.name(value) if value in snap.entities.index else value}")
            continue
        param = next((p for p in ex.params(snap) if p.name == name), None) if ex else None
        shown = numbers.period(value) if len(value) == 7 and value[4] == "-" else value  # "mai 2019"
        parts.append(f"{_(param.label) if param and param.label else name} {shown}")
    return ", ".join(parts)


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


def _country(snap: Snapshot, given: dict, inline: bool, period: str | None) -> Slide:
    """The country at a glance: the first theme's first profile chart, every theme's sentence beside it."""
    codes = list(profile.countries(snap)["code"])
    values, notices = parse_all([choice("country", codes, "KEN", label=N_("Country"))], given)
    code = values["country"]
    first = next((f for t in themes() if t.profile for f in t.profile.figures(snap, code) if f.spec), None)
    return Slide(_("{country} at a glance").format(country=snap.name(code)), first.spec if first else None,
                 first.source if first else "", lines=[s.text for s in profile.summary(snap, code)], notices=notices)


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

    def bigger(key, node):
        if key in ("values", "datasets"):  # inline data (geometry too) stays as it is
            return charts.Keep(node)
        if not isinstance(node, dict):
            return node
        out = {}  # this dict's entries restyled; the walk then goes into each
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
                out[k] = {**v, "tickCount": {"interval": "year", "step": 1}, "labelOverlap": "greedy"}
            else:
                out[k] = v
        return out

    datasets = spec.get("datasets", {})  # data stays as it is (and may be DataFrames)
    out = charts.walk({k: v for k, v in spec.items() if k not in ("datasets", "title")}, bigger)
    out = charts.sized({**out, "datasets": datasets}, height)
    config = out.setdefault("config", {})
    for part in ("axis", "legend"):
        config[part] = {**config.get(part, {}), "labelFontSize": font, "titleFontSize": font,
                        "labelColor": "#000000", "titleColor": "#000000"}
    config["axis"].update(gridColor="#c8c8c8", domainColor="#333333", tickColor="#333333")
    config["range"] = {**config.get("range", {}), "category": PROJECTOR_CATEGORY}
    config["view"] = {**config.get("view", {}), "stroke": None}
    return out


def default_deck(snap: Snapshot) -> list[SlideRef]:
    """The overview's story, ready to present: each theme's slides, then a country at a glance; notes in
    the run's language, figures computed from the snapshot."""
    return [ref for t in themes() for ref in t.slides(snap)] + [
        SlideRef(COUNTRY, {"country": "KEN"}, notes=_("{country}: the mobile money country.").format(
            country=snap.name("KEN")))]
