"""A chart for the room (presenter slides and their exports): no title of its own, larger text, thicker
lines, a high-contrast palette. Pure: a spec in, a spec out."""
from __future__ import annotations

from .finish import SEQUENTIAL, Keep, Spec, sized, walk

# Projector palette: Okabe-Ito's colour-blind-safe hues, darkened where a washed-out projector would lose them
# (its yellow and sky blue); sequential maps start from the scheme's darker end.
PROJECTOR_CATEGORY = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8a6d00", "#56B4E9", "#E69F00", "#000000"]
PROJECTOR_FONT = 18  # axis and legend text, in pixels, on a 1080-pixel-high screen


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
            elif k.lower().endswith("fontsize") and isinstance(v, (int, float)):
                out[k] = round(v * ratio)
            elif k == "strokeWidth" and isinstance(v, (int, float)) and v >= 1:
                out[k] = round(v * 1.6, 1)
            elif k in ("size", "gradientLength", "labelLimit", "titleLimit", "symbolSize") \
                    and isinstance(v, (int, float)) and key in ("mark", "legend"):
                out[k] = round(v * ratio) if k != "symbolSize" else round(v * ratio * ratio)
            elif k == "scheme" and v == "tableau10":
                out["range"] = PROJECTOR_CATEGORY
            elif k == "scheme" and v == SEQUENTIAL:  # its palest yellow vanishes on a projector
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
    out = walk({k: v for k, v in spec.items() if k not in ("datasets", "title")}, bigger)
    out = sized({**out, "datasets": datasets}, height)
    config = out.setdefault("config", {})
    for part in ("axis", "legend"):
        config[part] = {**config.get(part, {}), "labelFontSize": font, "titleFontSize": font,
                        "labelColor": "#000000", "titleColor": "#000000"}
    config["axis"].update(gridColor="#c8c8c8", domainColor="#333333", tickColor="#333333")
    config["range"] = {**config.get("range", {}), "category": PROJECTOR_CATEGORY}
    config["view"] = {**config.get("view", {}), "stroke": None}
    return out
