"""What every chart shares: fonts, sizing, the title with its source line, the text description, and
the cached-template filling that keeps a rerun cheap. No Streamlit here.

Building and validating an Altair chart costs ~100 ms, too slow for a slider. So each builder makes its
chart once per *shape* (label, unit, scale, focus…) with named, empty datasets, caches the spec, and per
call only fills in the data, the title, the description and a few params (`fill`). Every chart carries
its source line as a subtitle, so an exported PNG/SVG is cited too, and a `description` written from its
data, which Vega renders as the SVG's accessible name (what a screen reader says for the chart).
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from .. import numbers
from .. import i18n
from ..i18n import _, data_, localise

NO_DATA = "#d6d6d6"
ZERO_FILL = "#efe6d2"  # pale sand: recorded 0 or none recorded, distinct from grey "no data"
BORDER = "#ffffff"
SEQUENTIAL = "yellowgreenblue"  # ColorBrewer YlGnBu: sequential and colour-blind safe
DIVERGING = "purpleorange"
FONT = "Source Sans Pro, Helvetica, Arial, sans-serif"
Spec = dict

class Keep:
    """What a `walk` visitor returns for a node to put in place as it is, without descending into it."""
    __slots__ = ("node",)

    def __init__(self, node):
        self.node = node


def walk(node, visit, key: str | None = None):
    """The one walker over a Vega-Lite spec (dicts, lists, tuples), rebuilding it: `visit(key, node)` is
    called on every node first (`key`: the dict key it sits under, a list's items share their list's) and
    returns the node to put in its place, which is then walked in turn, unless wrapped in `Keep`."""
    node = visit(key, node)
    if isinstance(node, Keep):
        return node.node
    if isinstance(node, dict):
        return {k: walk(v, visit, k) for k, v in node.items()}
    if isinstance(node, (list, tuple)):
        return [walk(v, visit, key) for v in node]
    return node


# Height means the plot's height; the title, legend and axes come on top (Streamlit would otherwise fit
# everything, legend included, into `height`). Width follows the container.
AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")


def fmt_value(unit: str) -> str:
    """A d3 format for a unit (tooltips, axes, legends)."""
    return {"%": ".1f", "people": ",.0f", "percentage points": "+.1f"}.get(unit, ",.2~f")


def axis_format(unit: str) -> str:
    """A d3 format for an axis's ticks: round numbers without useless decimals ("20", not "20.0"; "0.02" kept)."""
    return "+~r" if unit == "percentage points" else ",~r"


# Text wraps in the browser, to the chart's own width: Vega cuts a title longer than the chart with "…" and
# cannot wrap it, and Python does not know how wide a phone is. Each line takes as many words as fit at a
# generous width per character: over every explorer's titles and source lines, English and French, lines of
# 20+ characters measured at most 8.5 px (bold 16 px) and 5.6 px (11 px) a character in Chromium (Helvetica/
# Arial's metrics). `CAPS` keeps desktop lines as they were (shorter for a half-width chart).
PX_PER_CHAR = {"heading": 9, "source_line": 6}
CAPS = {False: {"heading": 70, "source_line": 120}, True: {"heading": 45, "source_line": 75}}


def wrapped(param: str, cap: int) -> str:
    """A Vega expression: the text param `param` broken at spaces into lines that fit the chart's width."""
    return (f"split(trim(replace({param} + ' ', regexp('(.{{1,' + floor(clamp(width / {PX_PER_CHAR[param]}, 12, {cap}))"
            " + '}) ', 'g'), '$1\\n')), '\\n')")


def title(narrow: bool = False) -> dict:
    """The title and source line of a template: texts filled in per call (params `heading`, `source_line`),
    wrapped in the browser. `narrow` keeps the shorter desktop lines of a half-width chart.
    (The font is the config's: one copy of it per spec, since every rerun resends the spec.)"""
    caps = CAPS[narrow]
    return {"text": {"expr": wrapped("heading", caps["heading"])},
            "subtitle": {"expr": wrapped("source_line", caps["source_line"])},
            "anchor": "start", "fontSize": 16, "subtitleFontSize": 11, "subtitleColor": "#555555"}


def heading(spec: Spec) -> str:
    """The title text of a filled spec (tests, captions)."""
    return _param(spec, "heading")


def source_line(spec: Spec) -> str:
    """The source line of a filled spec."""
    return _param(spec, "source_line")


def _param(spec: Spec, name: str):
    return next(p["value"] for p in spec.get("params", []) if p["name"] == name)


def js(text: str) -> str:
    """A string literal for a Vega expression."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fill(template: Spec, heading: str, source: str, datasets: dict[str, pd.DataFrame], description: str,
         **params) -> Spec:
    """A copy of a cached spec with this call's data, title, description and param values (shallow where
    unchanged). The title and source line travel as params; the template's title wraps them."""
    # The one place a chart gets its language's d3 locale (French: decimal comma, narrow no-break space,
    # "juin 2026"): every chart is filled here, so the page, slides and exports need not add it.
    spec = localise(dict(template))
    spec["description"] = description
    spec["datasets"] = {**template.get("datasets", {}), **datasets}
    spec["params"] = [{**p, "value": params[p["name"]]} if p["name"] in params else p
                      for p in template.get("params", [])] + [{"name": "heading", "value": heading},
                                                              {"name": "source_line", "value": source}]
    return spec


def sized(spec: Spec, height: int) -> Spec:
    """The spec at a fixed plot height, for a slide or an image that sets its own size: a map's height that
    follows its width (a param named "height") gives way."""
    out = {**spec, "height": height}
    if "params" in spec:
        out["params"] = [p for p in spec["params"] if p.get("name") != "height"]
    return out


def template(chart: alt.TopLevelMixin, narrow: bool = False) -> Spec:
    """A chart as a cached template: with its wrapping title (see `title`), and without what every rerun
    would resend for nothing: Altair's default view size (the charts set their own) and small inline tables
    Altair moved to `datasets` (each would travel as its own Arrow table, ~1 KB of schema for two rows);
    they go back inline in their layer."""
    spec = chart.to_dict(validate=False)
    spec["title"] = title(narrow)
    config = {k: v for k, v in spec.get("config", {}).items() if k != "view"}
    view = {k: v for k, v in spec.get("config", {}).get("view", {}).items()
            if k not in ("continuousWidth", "continuousHeight")}
    spec["config"] = {**config, **({"view": view} if view else {})}
    small = {k: v for k, v in spec.get("datasets", {}).items() if isinstance(v, list) and len(v) <= 10}

    def inline(key, node):
        if isinstance(node, dict) and isinstance(node.get("data"), dict) and node["data"].get("name") in small:
            return {**node, "data": {"values": small[node["data"]["name"]]}}
        return node
    rest = {k: v for k, v in spec.get("datasets", {}).items() if k not in small}
    spec = walk({k: v for k, v in spec.items() if k != "datasets"}, inline)
    if rest:
        spec["datasets"] = rest
    return spec


# --- text descriptions ----------------------------------------------------------------------------
def unit_text(unit: str) -> str:
    """A unit as a reader sees it: the snapshot's units ('people', '% of GDP') are snapshot texts (`data_`),
    the few written in the code are in messages.po."""
    shown = data_(unit)
    return shown if shown != unit else _(unit)


def brief(value: float, unit: str) -> str:
    """A value for a sentence: whole numbers from 10 up, two significant digits below, with its unit."""
    text = numbers.decimal(value, 0) if abs(value) >= 10 else numbers.significant(value, 2)
    return f"{text}{numbers.PCT_SPACE[i18n.lang()]}%" if unit == "%" else f"{text} {unit_text(unit)}"


def extremes(frame: pd.DataFrame, unit: str, with_period: bool = False) -> str:
    """'from 11 % (Burundi) to 90 % (Morocco)' over rows with name, value (and period)."""
    have = frame[frame["value"].notna()]
    if have.empty:
        return _("no values")
    low, high = have.loc[have["value"].idxmin()], have.loc[have["value"].idxmax()]

    def one(row) -> str:
        when = f", {numbers.period(str(row['period']))}" if with_period else ""
        return f"{brief(row['value'], unit)} ({row['name']}{when})"
    return _("from {low} to {high}").format(low=one(low), high=one(high))


def describe_series(kind: str, label: str, unit: str, frame: pd.DataFrame) -> str:
    """'Line chart of internet use (%), 1990–2024, 4 places: from … to …'."""
    have = frame[frame["value"].notna()]
    if have.empty:
        return _("{kind} of {label} ({unit}): no values.").format(kind=_(kind), label=_(label), unit=unit_text(unit))
    periods = sorted(have["period"].astype(str))
    names = have["name"].nunique()
    span = numbers.period(periods[0]) + ("" if periods[0] == periods[-1] else f"–{numbers.period(periods[-1])}")
    return _("{kind} of {label} ({unit}), {span}, {places}: lowest and highest values {extremes}.").format(
        kind=_(kind), label=_(label), unit=unit_text(unit), span=span, places=numbers.plural(names, 'place', 'places'),
        extremes=extremes(have, unit, with_period=True))
