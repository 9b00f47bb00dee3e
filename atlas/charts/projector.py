"""A chart for the room (presenter slides and their exports): no title of its own, larger text, thicker
lines, a high-contrast palette. Pure: a spec in, a spec out."""
from __future__ import annotations

import re

from .finish import SEQUENTIAL, Keep, Spec, sized, walk
from .palette import CATEGORY

# (sequential maps start from the scheme's darker end; categories take palette.CATEGORY, as on the page)
PROJECTOR_FONT = 24  # axis and legend text, in pixels, on a 1080-pixel-high screen: legible from the back of a room


def projector(spec: Spec, height: int = 400, font: int = PROJECTOR_FONT) -> Spec:
    """A chart for the room: no title of its own (the slide has one, and the source line below it), axis and
    legend text at `font` px, other text in proportion, thicker lines and a high-contrast palette.
    `height` is the plot's height; the slide sets its own size when it knows the screen."""
    ratio = font / 12  # the charts' own axis and legend text is 11-12 px
    built_for = spec.get("height") if isinstance(spec.get("height"), (int, float)) else None

    def bigger(key, node):
        if key in ("values", "datasets"):  # inline data (geometry too) stays as it is
            return Keep(node)
        if not isinstance(node, dict):
            return node
        out = {}  # this dict's entries restyled; the walk then goes into each
        for k, v in node.items():
            if k in ("labelFontSize", "titleFontSize") and isinstance(v, (int, float)):
                out[k] = max(font, round(v * ratio))
            elif (k.lower().endswith("fontsize") or k == "lineHeight") and isinstance(v, (int, float)):
                out[k] = round(v * ratio)  # a text's lines keep their spacing
            elif k == "strokeWidth" and isinstance(v, (int, float)) and v >= 1:
                out[k] = round(v * 1.6, 1)
            elif k in ("size", "gradientLength", "labelLimit", "titleLimit", "symbolSize") \
                    and isinstance(v, (int, float)) and key in ("mark", "legend", "axis"):
                # (an axis's limits too: the gaps view's band axis names its regions in 12 px text)
                out[k] = round(v * ratio) if k != "symbolSize" else round(v * ratio * ratio)
            elif k == "labelLimit" and key == "legend" and isinstance(v, dict) and "expr" in v:
                # a width that follows the chart's (finish.legend_fit), for 12 px text: as wide again as the
                # text is larger, or a region's name ends in "…" on the slide
                out[k] = {"expr": f"({v['expr']}) * {ratio:g}"}
            elif k == "value" and node.get("name") == "key_font" and isinstance(v, (int, float)):
                out[k] = font  # a map's key of the colours outside its scale, at the legend's size
            elif k == "scheme" and v == SEQUENTIAL:  # its palest yellow vanishes on a projector
                out[k] = {"name": v, "extent": [0.15, 1]}
            elif k == "y" and isinstance(v, dict) and isinstance(v.get("value"), (int, float)) and built_for \
                    and 0 <= built_for - v["value"] <= 40:  # text pinned to the plot's foot follows its height
                out[k] = {**v, "value": {"expr": f"height - {built_for - v['value']}"}}
            elif k == "axis" and isinstance(v, dict) and v.get("format") == "%Y":
                # one tick per year at most: a year axis on a wide slide would otherwise repeat labels
                out[k] = {**v, "tickCount": {"interval": "year", "step": 1}, "labelOverlap": "greedy",
                          "labelSeparation": round(font / 2)}  # neighbours that only touch ("1990" "1992") thin out too
            else:
                out[k] = v
        return out

    datasets = spec.get("datasets", {})  # data stays as it is (and may be DataFrames)
    out = walk({k: v for k, v in spec.items() if k not in ("datasets", "title")}, bigger)
    out = sized({**out, "datasets": datasets}, height)
    config = out.setdefault("config", {})
    for part in ("axis", "legend"):
        config[part] = {**config.get(part, {}), "labelFontSize": font, "titleFontSize": font,
                        "labelColor": "#000000", "titleColor": "#000000"}
    config["legend"].setdefault("titleLimit", round(180 * ratio))  # Vega's 180 px is for 11 px titles
    config["axis"].setdefault("labelLimit", round(180 * ratio))  # and its labels' ("Arab States (ITU regi…")
    config["axis"].update(gridColor="#c8c8c8", domainColor="#333333", tickColor="#333333")
    # A value axis ticks about every 40 px by default: on a 1,800 px slide that is 50 labels of 24 px (0, 2, 4
    # … 98). One about every 160 px across and 80 px up: round steps (10, 20) a room can read.
    config["axisXQuantitative"] = {**config.get("axisXQuantitative", {}), "tickCount": {"expr": "ceil(width / 160)"}}
    config["axisYQuantitative"] = {**config.get("axisYQuantitative", {}), "tickCount": {"expr": "ceil(height / 80)"}}
    config["range"] = {**config.get("range", {}), "category": CATEGORY}
    config["view"] = {**config.get("view", {}), "stroke": None}
    return out


LEGEND_ROOM = 12  # a legend beside a map: its width, in font sizes (title, gradient, labels)


def map_aspect(spec: Spec) -> float | None:
    """A map's height over width (what its view takes when it follows its width: the "height" param that
    `projector` drops), or None for a chart."""
    if "projection" not in spec:
        return None
    for p in spec.get("params", []):
        found = p.get("name") == "height" and re.search(r"width \* ([0-9.]+)", str(p.get("expr", "")))
        if found:
            return float(found.group(1))
    return None


def map_layout(spec: Spec, aspect: float | None, width: int, height: int, font: int = PROJECTOR_FONT) -> tuple[Spec, int]:
    """A projector map (`aspect`: `map_aspect` of the map before `projector`) in a box: its legend inside the map's frame at the lower left (ocean on the world
    map), horizontal and compact; a region taller than the box (Africa on a 16:9 slide) is drawn as large
    as the height allows with its legend beside it, at its lower left (ocean off Africa's west coast), and
    the view narrows to the two (the width returned),
    so the slide centres them together instead of leaving the legend in a far corner. The HTML deck's
    engine (deck.js, `mapLayout`) does the same at the screen's size."""
    beside = aspect is not None and height / aspect + LEGEND_ROOM * font < width
    legend = ({"orient": "bottom-left", "direction": "vertical", "gradientLength": round(height * 0.3), "offset": font}
              if beside else
              {"orient": "bottom-left", "direction": "horizontal", "gradientLength": 14 * font, "offset": round(1.5 * font),
               "fillColor": "rgba(255,255,255,0.8)", "padding": round(font / 3)})

    def place(key, node):
        if key in ("datasets", "values"):
            return Keep(node)
        if key == "legend" and isinstance(node, dict):
            return Keep({**node, **legend, "columns": 1 if beside else node.get("columns", 0)})
        return node
    return walk(spec, place), (round(height / aspect + LEGEND_ROOM * font) if beside else width)
