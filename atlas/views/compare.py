"""Compare, declared once: any two country-level indicators of the snapshot against each other, a bubble per
country, with a period slider and Play over the periods both have. A cross-theme view: the indicators come
from the catalogue (`atlas.compare.country_indicators`), no theme is named here."""
from __future__ import annotations

import math

import pandas as pd

from .. import compare as core
from .. import geo, numbers, story
from ..charts.bubbles import bubbles
from ..charts.finish import unit_text
from ..i18n import N_, _, data_
from ..params import BadValue, Param, choice, codes, shown
from ..regions import FOCUS_LABELS
from ..store import Snapshot, per_snapshot
from ..themes import themes
from ..themes.base import Column, Control, Explorer, Figure, View, fixed
from ..themes.common import AXES, REGION

SIZE_BY = "population"
VIEWS = {"bubbles": N_("Bubbles"), "table": N_("Table")}
SIZES = {"population": N_("Population"), "none": N_("None")}
COLOURS = {"region": N_("World Bank region"), "income": N_("Income group")}
GROUP_COLUMN = {"region": "region", "income": "income_group"}
DEFAULT_PLACES = ["KEN", "GHA", "IND"]  # labelled by default: mobile money ahead of the internet, and not


@per_snapshot
def indicators(snap: Snapshot) -> list[str]:
    return core.country_indicators(snap)


def default_pair(snap: Snapshot) -> tuple[str, str]:
    """The first two themes' compare indicators (the registry's order: x, then y), else the catalogue's first two."""
    ids = indicators(snap)
    offered = [i for t in themes() if t.compare for i in [t.compare(snap)] if i in ids]
    chosen = list(dict.fromkeys(offered + ids))
    return chosen[0], chosen[1]


@per_snapshot
def all_periods(snap: Snapshot) -> list[str]:
    """Every period any indicator has, and every year of a monthly one: what a link may name."""
    have = {p for i in indicators(snap) for p in core.indicator(snap, i).periods}
    return sorted(have | {p[:4] for p in have})


@per_snapshot
def zero_heavy(snap: Snapshot) -> set[str]:
    """The indicators whose country values are 0 in at least a fifth of the rows (KaiOS's shares): a pair of
    two of them sends only the bubbles away from 0, 0 (`bubbles(sparse=True)`)."""
    rows = snap.observations[snap.observations["entity"].map(snap.entities["kind"]) == "country"]
    rows = rows[rows["indicator"].isin(indicators(snap))]
    return set(rows.groupby("indicator")["value"].apply(lambda v: (v == 0).mean() >= 0.2).loc[lambda s: s].index)


@per_snapshot
def country_codes(snap: Snapshot) -> set[str]:
    return set(snap.entities.index[snap.entities["kind"] == "country"])


def any_period(snap: Snapshot) -> Param:
    """The period: any year or month of the snapshot (the settling moves it to one both indicators have);
    by default ("") the latest the pair has."""
    known = set(all_periods(snap))

    def parse(text: str) -> str:
        if text in known or text == "":  # "": the latest period the pair has
            return text
        raise BadValue(_("'{value}' is not a period of this snapshot").format(value=shown(text)))
    return Param("year", "", parse, label=N_("Period"))


def params(snap: Snapshot) -> list:
    ids = indicators(snap)
    x, y = default_pair(snap)
    return [
        choice("view", VIEWS, "bubbles", label=N_("View")),
        choice("x", ids, x, label=N_("Horizontal axis (x)")),
        choice("y", ids, y, label=N_("Vertical axis (y)")),
        any_period(snap),
        choice("size", SIZES, "population", label=N_("Bubble size")),
        choice("colour", COLOURS, "region", label=N_("Colour")),
        choice("xaxis", AXES, "linear", label=N_("x axis")),
        choice("yaxis", AXES, "linear", label=N_("y axis")),
        choice("region", FOCUS_LABELS, "world", label=N_("Region")),
        codes("places", country_codes(snap), DEFAULT_PLACES, label=N_("Places")),
    ]


def label(snap: Snapshot, ind: str) -> str:
    meta = snap.indicator(ind)
    return meta["short_label"] or meta["label"]


def settle(snap: Snapshot, v: dict) -> str | None:
    """The same indicator on both axes, a pair with no period in common or a period neither has: moved to
    something that can be drawn, with a plain notice."""
    notes = []
    x, y = v["x"], v["y"]
    if x == y:
        v["y"] = default_pair(snap)[1] if x != default_pair(snap)[1] else default_pair(snap)[0]
        notes.append(_("The same indicator was on both axes; the vertical axis shows {label} instead.").format(
            label=label(snap, v["y"])))
    if not core.common_periods(snap, v["x"], v["y"]):
        asked = (label(snap, v["x"]), label(snap, v["y"]))
        v["x"], v["y"] = default_pair(snap)
        notes.append(_("{x} and {y} have no period in common (no country has both values at any period); showing "
                       "{dx} and {dy} instead.").format(x=asked[0], y=asked[1], dx=label(snap, v["x"]),
                                                        dy=label(snap, v["y"])))
    periods = core.common_periods(snap, v["x"], v["y"])
    asked = v["year"]
    if asked not in periods:
        earlier = [p for p in periods if p <= asked] if asked else []
        v["year"] = earlier[-1] if earlier else periods[-1]
        if asked:
            notes.append(_("{x} and {y} are compared at {first}–{last}; {asked} is shown as {shown}.").format(
                x=label(snap, v["x"]), y=label(snap, v["y"]), first=periods[0], last=periods[-1], asked=asked,
                shown=v["year"]))
    return " ".join(notes) or None


def domain(snap: Snapshot, ind: str, log: bool) -> tuple[float, float]:
    """An axis fixed across periods: 0–100 for a share, else the indicator's country values' range; on a log
    axis from the power of ten below the 2nd percentile of the values above 0 (the first years' tiny internet
    shares would otherwise take half the axis; the few below it sit on its edge)."""
    unit = snap.indicators.loc[ind, "unit"]
    values = snap.rows(ind)
    values = values.loc[values["entity"].map(snap.entities["kind"]) == "country", "value"]
    if log:
        positive = values[values > 0]
        if not len(positive):
            return 0.1, 1.0
        return 10.0 ** math.floor(math.log10(float(positive.quantile(0.02)))), float(positive.max())
    if unit == "%":
        return 0.0, 100.0
    low, high = float(values.min()), float(values.max())
    return (min(low, 0.0), high) if high > low else (low - 1, high + 1)


def group_domain(snap: Snapshot, colour: str) -> tuple[str, ...]:
    """The colour groups in the run's language, in the order of their names in the source: a group's colour
    (its place in palette.CATEGORY) is the same in every language (sorted by the translated names, Sub-Saharan
    Africa was the sixth colour in English and the first in French)."""
    column = GROUP_COLUMN[colour]
    groups = snap.entities.loc[snap.entities["kind"] == "country", column].dropna().unique()
    return tuple(data_(g) for g in sorted(groups) if g)


def group_of(snap: Snapshot, colour: str) -> pd.Series:
    """Each country's colour group (its region or income group) in the run's language, by code."""
    return snap.entities[GROUP_COLUMN[colour]].map(lambda g: data_(g) if isinstance(g, str) else "")


def points(snap: Snapshot, v: dict) -> pd.DataFrame:
    size = SIZE_BY if v["size"] == "population" else None
    frame = core.compare_table(snap, v["x"], v["y"], v["year"], size, v["region"])
    frame["group"] = frame["entity"].map(group_of(snap, v["colour"]))
    frame["chosen"] = frame["entity"].isin(v["places"])
    for axis in ("x", "y"):
        if v[f"{axis}axis"] == "log":
            frame = frame[frame[axis] > 0]
    return frame.reset_index(drop=True)


def where(v: dict) -> str:
    name = FOCUS_LABELS[v["region"]]
    return _(name)


def title(snap: Snapshot, v: dict) -> str:
    return _("{y} against {x}, {period} — {where}").format(
        y=label(snap, v["y"]), x=label(snap, v["x"]), period=numbers.period(v["year"]), where=where(v))


def source(snap: Snapshot, v: dict) -> str:
    used = [v["x"], v["y"]] + ([SIZE_BY] if v["size"] == "population" else [])
    return story.indicators_line(snap, used)  # "Sources:" once, each publication once


def trail_periods(periods: list[str], shown: str) -> list[str]:
    """The periods a labelled country's trail goes through: up to the one shown (where it came from); months
    by half-year (June, December) and the month shown, so a move stays small (by quarter, the 2023 KaiOS pair's
    trails were 0.4 KB of a move over 15 KB)."""
    upto = [p for p in periods if p <= shown]
    if upto and len(upto[-1]) == 7:
        upto = [p for p in upto if p[5:] in ("06", "12") or p == shown]
    return upto


def draw_bubbles(snap: Snapshot, v: dict, extras: dict) -> Figure:
    x, y = v["x"], v["y"]
    frame = points(snap, v)
    heading = title(snap, v)
    if frame.empty:
        return Figure(heading, notice=_("No data for this choice: no country in {where} has both values at {period}.")
                      .format(where=where(v), period=numbers.period(v["year"])))
    log_x, log_y = v["xaxis"] == "log", v["yaxis"] == "log"
    xm, ym = snap.indicator(x), snap.indicator(y)
    periods = core.common_periods(snap, x, y)
    trail = core.trails(snap, x, y, v["places"], trail_periods(periods, v["year"]), v["region"])
    for axis, log in (("x", log_x), ("y", log_y)):
        if log:
            trail = trail[trail[axis] > 0]
    trail = trail.assign(group=trail["entity"].map(group_of(snap, v["colour"])))
    description = core.describe_compare(frame, label(snap, x), xm["unit"], label(snap, y), ym["unit"], v["year"],
                                        FOCUS_LABELS[v["region"]], log_x, log_y)
    sized = v["size"] == "population"
    size_max = float(snap.rows(SIZE_BY)["value"][snap.rows(SIZE_BY)["entity"].map(snap.entities["kind"]) == "country"].max()) \
        if sized else 1.0

    def spec():
        return bubbles(frame, trail, title_text=heading, source=source(snap, v), description=description,
                       x_label=label(snap, x), x_unit=xm["unit"], y_label=label(snap, y), y_unit=ym["unit"],
                       x_domain=domain(snap, x, log_x), y_domain=domain(snap, y, log_y), log_x=log_x, log_y=log_y,
                       size_label=N_("Population") if sized else None, size_max=size_max,
                       colour_label=COLOURS[v["colour"]], colours=group_domain(snap, v["colour"]),
                       sparse={x, y} <= zero_heavy(snap))
    built = spec()
    # the caption travels with every period move: what does not change with the period is in `caveats`
    missing = [c for c in v["places"] if c not in set(frame["entity"])]
    caption = " ".join(
        [description]
        + ([_("No point at {period} for: {places}.").format(period=numbers.period(v["year"]),
                                                          places=", ".join(snap.name(c) for c in missing))]
           if missing else []))
    table = csv_table(frame, v, sized)
    return Figure(heading, built, source(snap, v), table=table.reset_index(drop=True), captions=[caption],
                  export=lambda: geo.inline(built), file=f"compare-{x}-{y}-{v['year']}-{v['region']}", plays=True)


def csv_table(frame: pd.DataFrame, v: dict, sized: bool) -> pd.DataFrame:
    """The values behind the view, each column named by its indicator (machine-readable, both languages)."""
    return frame[list(column_names(v, sized))].rename(columns=column_names(v, sized)).reset_index(drop=True)


def column_names(v: dict, sized: bool, periods: bool = True) -> dict[str, str]:
    size = SIZE_BY if SIZE_BY not in (v["x"], v["y"]) else f"{SIZE_BY}_bubble"
    names = {"name": "name", "x": v["x"], "px": f"{v['x']}_period", "y": v["y"], "py": f"{v['y']}_period",
             **({"s": size, "ps": f"{size}_period"} if sized else {}), "group": GROUP_COLUMN[v["colour"]]}
    return {k: n for k, n in names.items() if periods or k != "ps"}


def draw_table(snap: Snapshot, v: dict, extras: dict) -> Figure:
    frame = points(snap, v)
    heading = title(snap, v)
    if frame.empty:
        return Figure(heading, notice=_("No data for this choice: no country in {where} has both values at {period}.")
                      .format(where=where(v), period=numbers.period(v["year"])))
    xm, ym = snap.indicator(v["x"]), snap.indicator(v["y"])
    sized = v["size"] == "population"
    names = column_names(v, sized, periods=False)
    table = frame[list(names)].rename(columns=names).reset_index(drop=True)
    shown = {"name": Column(N_("Country")),
             "x": Column(f"{label(snap, v['x'])} ({unit_text(xm['unit'])})", "%.4g"), "px": Column(N_("Period of x")),
             "y": Column(f"{label(snap, v['y'])} ({unit_text(ym['unit'])})", "%.4g"), "py": Column(N_("Period of y")),
             "s": Column(N_("Population"), "%d"), "group": Column(COLOURS[v["colour"]])}
    return Figure(heading, None, source(snap, v), table=table, columns={names[k]: shown[k] for k in names},
                  captions=[source(snap, v)], file=f"compare-{v['x']}-{v['y']}-{v['year']}-{v['region']}")


def reading(snap: Snapshot, v: dict) -> str:
    """How to read the chart for this pair: the rule each axis's values follow, bubbles, trails, log axes."""
    x, y = v["x"], v["y"]
    cx, cy = core.indicator(snap, x).calendar, core.indicator(snap, y).calendar
    periods = core.common_periods(snap, x, y)
    return " ".join(
        [_("Each bubble takes, for {x}, {rule_x}, and for {y}, {rule_y}; the tooltip names the period of each "
           "value.").format(x=label(snap, x), rule_x=core.tolerance_text(cx), y=label(snap, y),
                            rule_y=core.tolerance_text(cy))]
        + ([_("Bubble area: population (World Bank).")] if v["size"] == "population" else [])
        + ([_("Lines: the labelled countries' trails from {first} to the period shown (months by half-year).").format(
            first=numbers.period(periods[0]))] if v["places"] and periods else [])
        + ([_("Log axis: values of 0 cannot be drawn and are left out.")] if "log" in (v["xaxis"], v["yaxis"]) else []))


def caveats(snap: Snapshot, v: dict) -> tuple[list[str], list[str]]:
    return [v["x"], v["y"]] + ([SIZE_BY] if v["size"] == "population" else []), [
        reading(snap, v),
        _("Periods: yearly series take a country's latest value up to {years} years earlier; survey waves take the "
          "wave in force (never an older one); monthly series take their latest month up to {months} months earlier. "
          "A year asked of a monthly series is its latest month in that year; a month asked of a yearly series is "
          "that year's value.").format(years=core.YEAR_TOLERANCE, months=core.MONTH_TOLERANCE),
        _("The slider steps through the periods of the sparser of the two indicators where at least one country has "
          "both values; nothing is interpolated."),
    ]


def indicator_label(snap: Snapshot):
    return lambda i: f"{label(snap, i)} ({unit_text(snap.indicators.loc[i, 'unit'])})" if i in snap.indicators.index else i


def period_label(v: dict) -> str:
    return N_("Month") if len(v.get("year", "")) == 7 else N_("Year")


EXPLORER = Explorer(
    page="compare", key="compare", title=N_("Compare"),
    intro=lambda snap: _("Any two indicators against each other, one bubble per country: where mobile money is "
                         "ahead of the internet, and the other way round. Each value names the period it is from."),
    params=params,
    controls={
        "view": Control("view", N_("View"), "segmented", *fixed(VIEWS)),
        "x": Control("x", N_("Horizontal axis (x)"), "select", indicators, indicator_label),
        "y": Control("y", N_("Vertical axis (y)"), "select", indicators, indicator_label),
        "size": Control("size", N_("Bubble size"), "segmented", *fixed(SIZES)),
        "colour": Control("colour", N_("Colour"), "segmented", *fixed(COLOURS)),
        "xaxis": Control("xaxis", N_("x axis"), "segmented", *fixed(AXES)),
        "yaxis": Control("yaxis", N_("y axis"), "segmented", *fixed(AXES)),
        "region": REGION,
        "places": Control("places", N_("Countries labelled, with their trail"), "multiselect",
                          lambda snap: sorted(country_codes(snap), key=snap.name), lambda snap: snap.name),
    },
    views={"bubbles": View("bubbles", N_("Bubbles"), draw_bubbles,
                           controls=(("x", "y", "places"), ("size", "colour", "xaxis", "yaxis"))),
           "table": View("table", N_("Table"), draw_table, controls=(("x", "y"), ("colour",)))},
    top=(("region", ("bubbles", "table")),),
    period="year", periods=lambda snap, v: core.common_periods(snap, v["x"], v["y"]),
    period_label=period_label, settle=settle, caveats=caveats,
)
