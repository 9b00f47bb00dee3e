"""What every chart shares: fonts, sizing, the title with its source line, the text description, and
the cached-template filling that keeps a rerun cheap. No Streamlit here.

Building and validating an Altair chart costs ~100 ms, too slow for a slider. So each builder makes its
chart once per *shape* (label, unit, scale, focus…) with named, empty datasets, caches the spec, and per
call only fills in the data, the title, the description and a few params (`fill`). Every chart carries
its source line as a subtitle, so an exported PNG/SVG is cited too, and a `description` written from its
data, which Vega renders as the SVG's accessible name (what a screen reader says for the chart).
"""
from __future__ import annotations

import textwrap

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

# Height means the plot's height; the title, legend and axes come on top (Streamlit would otherwise fit
# everything, legend included, into `height`). Width follows the container.
AUTOSIZE = alt.AutoSizeParams(type="fit-x", contains="padding")


def fmt_value(unit: str) -> str:
    """A d3 format for a unit (tooltips, axes, legends)."""
    return {"%": ".1f", "people": ",.0f", "percentage points": "+.1f"}.get(unit, ",.2~f")


def title() -> alt.Title:
    return alt.Title("", subtitle=[""], anchor="start", fontSize=16, subtitleFontSize=11, subtitleColor="#555555",
                     font=FONT, subtitleFont=FONT)


def lines(text: str, width: int) -> list[str]:
    """Vega titles do not wrap: break long titles and source lines ourselves."""
    return textwrap.wrap(text, width) or [""]


def js(text: str) -> str:
    """A string literal for a Vega expression."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fill(template: Spec, heading: str, source: str, datasets: dict[str, pd.DataFrame], description: str,
         narrow: bool = False, **params) -> Spec:
    """A copy of a cached spec with this call's data, title, description and param values (shallow where
    unchanged). `narrow` wraps the title and source line for a half-width chart."""
    spec = localise(dict(template))  # French: decimal comma, narrow no-break space, "juin 2026" in the chart
    spec["title"] = {**template["title"], "text": lines(heading, 45 if narrow else 70),
                     "subtitle": lines(source, 75 if narrow else 120)}
    spec["description"] = description
    spec["datasets"] = {**template.get("datasets", {}), **datasets}
    if params:
        spec["params"] = [{**p, "value": params[p["name"]]} if p["name"] in params else p
                          for p in template.get("params", [])]
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
