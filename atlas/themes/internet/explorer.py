"""Internet use, declared once: world or regional map with Play, trend lines, table."""
from __future__ import annotations

from . import data as net
from . import gaps
from ...i18n import N_, _
from ...params import choice, codes, period
from ...regions import FOCUS_LABELS, tolerance_caveat, tolerance_notes
from ...store import Snapshot
from .. import change
from ..base import Column, Control, Explorer, Figure, View, fixed, view_labels, views
from ..common import AXIS, MAP_CLICK, PICK_PLACES, REGION, axis_param, have_value, places_control


def params(snap: Snapshot) -> list:
    return [
        choice("view", view_labels(VIEWS), "map", label=N_("View")),
        period("year", net.years(snap), "2024", label=N_("Year")),
        change.from_param(net.years(snap), change.default_start(net.years(snap), "2024", 9)),
        choice("region", FOCUS_LABELS, "world", label=N_("Region")),
        codes("places", net.place_codes(snap), net.DEFAULT_PLACES, label=N_("Places")),
        axis_param(),
        choice("gap", gaps.GAP_CHOICES, "sex", label=N_("Gap")),
    ]


TOLERANCE = {net.WDI: 3}  # years back the map may reach for a country's latest value


def settle(snap: Snapshot, v: dict) -> str | None:
    """The gaps view shows the years ITU splits (by sex from 2019, by area from 2022): another year moves to the
    nearest, and says so."""
    if v["view"] != "gaps":
        return None
    have = gaps.gap_years(snap, v["gap"])
    if v["year"] in have:
        return None
    asked = v["year"]
    v["year"] = max([y for y in have if y <= asked] or have[:1])
    return _("ITU publishes this split for {first}–{last}; showing {year}.").format(first=have[0], last=have[-1],
                                                                                     year=v["year"])


def draw_gaps(snap: Snapshot, v: dict, extras: dict) -> Figure:
    gap, year = v["gap"], v["year"]
    data = gaps.frame(snap, gap, year)
    if data.empty:
        return Figure(gaps.title(gap, year), notice=_("No data for this choice: ITU publishes no split for {year}.")
                      .format(year=year))
    spec = gaps.spec(snap, gap, year, data)
    return Figure(gaps.title(gap, year), spec, snap.citation(f"{gaps.BASE}.{gaps.GAPS[gap][0][0]}"),
                  table=gaps.table(data), captions=[gaps.caption(gap)], export=lambda: spec,
                  file=f"internet-use-gap-{gap}-{year}")


def map_caption(values, year: str) -> str:
    return " ".join([have_value(int(values['value'].notna().sum()), len(values)),
                     *tolerance_notes(values, TOLERANCE[net.WDI], year),
                     _("Small states are drawn as dots."), _(MAP_CLICK)])


def draw_map(snap: Snapshot, v: dict, extras: dict) -> Figure:
    year, region = v["year"], v["region"]
    values = net.map_table(snap, year, region, TOLERANCE[net.WDI])
    return Figure(net.map_title(year, region), net.map_spec(snap, values, year, region),
                  snap.citation(net.WDI), table=net.table(values), captions=[map_caption(values, year)],
                  export=lambda: net.map_spec(snap, values, year, region, inline=True),
                  file=f"internet-use-{year}-{region}", clickable=True)


def draw_trend(snap: Snapshot, v: dict, extras: dict) -> Figure:
    places, log = v["places"], v["axis"] == "log"
    if not places:
        return Figure(_("Internet use over time"), notice=_(PICK_PLACES))
    series = net.trend_series(snap, places, log)
    spec = net.trend_spec(snap, series, places, v["year"], log)
    return Figure(_("Internet use over time"), spec, net.trend_source(snap, places),
                  table=series[["name", "period", "value"]], export=lambda: spec, file="internet-use-trend")


def draw_table(snap: Snapshot, v: dict, extras: dict) -> Figure:
    year, region = v["year"], v["region"]
    return Figure(net.map_title(year, region), None, snap.citation(net.WDI),
                  table=net.table(net.map_table(snap, year, region, TOLERANCE[net.WDI])), file=f"internet-use-{year}-{region}",
                  columns={"name": Column(N_("Country")), "value": Column(N_("Internet use (%)"), "%.1f"),
                           "period": Column(N_("Year of value")), "rank": Column(N_("Rank"), "%d"),
                           "region": Column(N_("Region")), "income_group": Column(N_("Income group"))},
                  captions=[snap.citation(net.WDI)])


def draw_change(snap: Snapshot, v: dict, extras: dict) -> Figure:
    return change.figure(snap, net.WDI, v["from"], v["year"], v["region"], net.years(snap), "internet-use")


def caveats(snap: Snapshot, v: dict) -> tuple[list[str], list[str]]:
    if v["view"] == "gaps":
        return [f"{gaps.BASE}.female", f"{gaps.BASE}.urban"], [
            _("ITU estimates for its own regions and the world, from ITU's November 2025 edition (the first with these "
              "splits for every region); no country figures.")]
    return [net.WDI, net.ITU], [
        *tolerance_caveat(TOLERANCE[net.WDI]),
        _("World Bank aggregates (World, Sub-Saharan Africa…) and ITU's own regions differ in membership and "
          "release: ITU's 'Africa' is not the World Bank's Sub-Saharan Africa.")]


VIEWS = views(
    View("map", N_("Map"), draw_map),
    View("trend", N_("Trend"), draw_trend, controls=(("places", "axis"),)),
    View("table", N_("Table"), draw_table),
    View("gaps", N_("Gaps (ITU)"), draw_gaps, controls=(("gap",),)),  # gaps.py
    View(change.VIEW, change.LABEL, draw_change, controls=(("from",),)),
)


EXPLORER = Explorer(
    page="internet", key="internet", title=N_("Internet use"),
    intro=lambda snap: snap.indicator(net.WDI)["definition"],
    params=params,
    controls={
        "view": Control("view", N_("View"), "segmented", *fixed(view_labels(VIEWS))),
        "gap": Control("gap", N_("Gap"), "segmented", *fixed(gaps.GAP_CHOICES)),
        "region": REGION,
        "places": places_control("places", lambda snap: sorted(net.place_codes(snap),
                                                               key=lambda c: net.place_name(snap, c)),
                                 lambda snap: lambda c: net.place_name(snap, c)),
        "axis": AXIS,
        "from": change.from_control(net.years),
    },
    views=VIEWS,
    top=(("region", ("map", "table", "trend", change.VIEW)),),
    period="year", periods=lambda snap, v: gaps.gap_years(snap, v["gap"]) if v["view"] == "gaps" else net.years(snap),
    period_label=lambda v: N_("Year"), settle=settle,
    caveats=change.with_notes(caveats, lambda snap, v: net.WDI), tolerance=TOLERANCE,
)
