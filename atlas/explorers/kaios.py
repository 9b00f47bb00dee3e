"""KaiOS and browsers, declared once: map by month with Play, trend with device milestones, the browsers
beside KaiOS, a table. (The page adds a StatCounter upload: `atlas.ui.upload`.)"""
from __future__ import annotations

import pandas as pd

from .. import kaios, numbers
from ..numbers import month as month_text
from ..params import choice, codes, period
from ..regions import FOCUS_LABELS
from ..store import Snapshot
from .base import Column, Control, Explorer, Figure, View, fixed
from .common import AXIS, MAP_CLICK, REGION, axis_param, places_control

SMALL = {"show": "Show", "hide": "Hide"}
SMOOTH = {"off": "Monthly", "3m": "3-month mean"}


def params(snap: Snapshot) -> list:
    places, months = kaios.place_codes(snap), kaios.months(snap)
    return [
        choice("view", kaios.VIEWS, "map", label="View"),
        period("month", months, months[-1], label="Month"),
        choice("measure", kaios.MEASURE_LABELS, "all", label="Measure"),
        # the map's colour scale; older links said `scale` (which now means nothing else here)
        choice("colours", kaios.COLOURS, "log", label="Colour scale", aliases=("scale",)),
        choice("region", FOCUS_LABELS, "world", label="Region"),
        choice("small", SMALL, "show", label="Small samples"),
        codes("places", places, kaios.DEFAULT_PLACES, label="Places"),
        choice("smooth", SMOOTH, "off", label="Smoothing"),
        axis_param(aliases=()),  # KaiOS's y-axis was always `axis`
        choice("context", sorted(places), "IND", label="Browsers for"),
        choice("browsers", kaios.GROUPS, "lowend", label="Browsers shown"),
    ]


def gaps(snap: Snapshot) -> list[str]:
    months = kaios.months(snap)
    return sorted(set(kaios.calendar(months[0], months[-1])) - set(months))


def flag_caption(snap: Snapshot) -> str:
    flags = kaios.small_sample_flags(snap)
    under = int(flags.str.startswith("under").sum())
    return (f"Small samples: {numbers.plural(len(flags), 'place')} are flagged, {numbers.count(under)} with under "
            f"{kaios.SMALL_POPULATION / 1e6:g} million people (World Bank population, latest year) and "
            f"{numbers.count(len(flags) - under)} with no World Bank population figure (mostly overseas territories). "
            "The snapshot has no page-view counts, so population stands in for them: few people means few page "
            "views, and shares that jump from month to month.")


def scale_caption(snap: Snapshot, measure: str, scale: str, above: int) -> str:
    domain = kaios.colour_domain(snap, measure, scale)
    if scale == "log":
        return (f"Log colour scale from ≤{numbers.significant(domain[0])} % to {numbers.significant(domain[1])} % "
                "(the highest country value of any month), the same for every month so Play compares like with like.")
    if scale == "quantile":
        return (f"Each colour holds a fifth of the {numbers.count(above)} places above 0 this month; the ranges change "
                "from month to month.")
    return (f"Linear colour scale from 0 to {numbers.significant(domain[1])} %, the same for every month: most places "
            "are squeezed into the palest colour.")


def draw_map(snap: Snapshot, v: dict, extras: dict) -> Figure:
    month, region, scale, measure = v["month"], v["region"], v["colours"], v["measure"]
    hide = v["small"] == "hide"
    values = kaios.map_table(snap, measure, month, focus=region, hide_small=hide)
    counts = values["status"].value_counts()
    title = f"{kaios.measure_label(measure)}, {month_text(month)} — {FOCUS_LABELS[region]}"
    if not counts.get("value", 0) and not counts.get("zero", 0):
        return Figure(title, notice=f"No data for this choice: caniuse has no KaiOS figures for {month_text(month)} here.")
    n = {k: int(counts.get(k, 0)) for k in ("value", "zero", "none", "missing", "hidden")}
    caption = (f"{numbers.count(n['value'])} places above 0; {numbers.count(n['zero'])} recorded 0 and "
               f"{numbers.count(n['none'])} had no KaiOS figure ('none recorded'), both drawn pale; "
               f"{numbers.count(n['missing'])} not covered by caniuse this month (grey)"
               + (f"; {numbers.count(n['hidden'])} small-sample places hidden (grey)" if hide else "")
               + f". {scale_caption(snap, measure, scale, n['value'])} Small states are drawn as dots. {MAP_CLICK}")
    table = values[values["status"] != "missing"].sort_values("rank")[
        ["name", "value", "period", "rank", "status", "note", "region"]]
    return Figure(title, kaios.map_spec(snap, values, measure, month, region, scale),
                  snap.citation(kaios.MEASURES[measure]), table=table, captions=[caption],
                  export=lambda: kaios.map_spec(snap, values, measure, month, region, scale, inline=True),
                  file=f"kaios-{measure}-{month}-{region}", clickable=True)


def milestone_list(items: pd.DataFrame) -> str:
    lines = [f"**{it.n}** · {it.when} — {it.text}. Source: " + (f"[{it.source}]({it.url})" if it.url else it.source)
             for it in items.itertuples()]
    return ("**Milestones on the time axis** (as reported; company figures are not audited; “shipped”, “running” "
            "and “active users” are different measures)\n\n" + "  \n".join(lines))


def draw_trend(snap: Snapshot, v: dict, extras: dict) -> Figure:
    month, measure = v["month"], v["measure"]
    smooth, log = v["smooth"] == "3m", v["axis"] == "log"
    series = kaios.trend(snap, measure, v["places"], smooth).assign(kind="built-in")
    upload = extras.get("upload")
    if upload is not None:
        series = pd.concat([series, upload], ignore_index=True)
    if log:
        series = kaios.positive_only(series)
    title = "KaiOS browser share and milestones"
    if series["value"].notna().sum() == 0:
        return Figure(title, notice="No data for this choice: pick one or more places (or upload a StatCounter "
                                    "export above).")
    uploaded = upload is not None
    months = kaios.months(snap)
    captions = [f"The KaiOS series starts in {month_text(months[0])} (caniuse added the KaiOS browser then); most "
                f"milestones come before it. Breaks in the lines: caniuse published no figures for "
                f"{', '.join(month_text(g) for g in gaps(snap))}, and some places have months with no KaiOS figure; "
                "nothing is interpolated. Level shifts such as India's drop in 2020 may come from changes in how "
                "browsers are classified, not only from people switching phones."]
    if log:
        captions.append("Log axis: months recorded as 0 cannot be drawn on it and are left as gaps.")
    if uploaded and measure == "all":
        captions.append("Your file is a share of mobile operating systems: the closer built-in comparison is KaiOS "
                        "share of “Mobile/tablet page views” (above).")
    on_slide = extras.get("slide", False)  # a slide has no list under it: the source line names every milestone

    def spec(spell_out: bool):
        return kaios.trend_spec(snap, series, measure, month, smooth, log, uploaded=uploaded, export=spell_out)
    return Figure(title, spec(on_slide), kaios.trend_source(snap, measure, uploaded, spell_out=True),
                  table=series[series["value"].notna()][["name", "period", "value", "kind"]], captions=captions,
                  notes=[] if on_slide else [milestone_list(kaios.milestones(snap))], export=lambda: spec(True),
                  file=f"kaios-trend-{measure}")


def draw_browsers(snap: Snapshot, v: dict, extras: dict) -> Figure:
    place, group, month = v["context"], v["browsers"], v["month"]
    mix = kaios.browser_mix(snap, place, group)
    title = f"What KaiOS competed with in {snap.name(place)}"
    if mix.empty or mix["value"].sum() == 0:
        return Figure(title, notice=f"No data for this choice: caniuse has no browser figures for {snap.name(place)}.")
    spec = kaios.browsers_spec(snap, mix, place, month, group)
    caption = (f"Stacked: each band is one browser's share of all page views (desktop included), KaiOS at the "
               f"bottom. KaiOS figures start in {month_text(kaios.months(snap)[0])}; the other browsers go back to "
               f"{month_text(mix['period'].min())}. Blank slivers are months caniuse did not publish. "
               "Opera Mini and UC Browser are what low-end phones browsed with before and beside KaiOS.")
    return Figure(title, spec, kaios.browsers_source(snap), table=mix[["name", "period", "value"]],
                  captions=[caption], export=lambda: spec, file=f"kaios-browsers-{place}")


def draw_table(snap: Snapshot, v: dict, extras: dict) -> Figure:
    month, region = v["month"], v["region"]
    table = kaios.cross_section_table(snap, month, region, v["small"] == "hide")
    title = f"KaiOS share, {month_text(month)} — {FOCUS_LABELS[region]}"
    if table.empty:
        return Figure(title, notice=f"No data for this choice: caniuse has no KaiOS figures for {month_text(month)} here.")
    source = f"{snap.citation(kaios.ALL)} {snap.citation(kaios.MOBILE)}"
    return Figure(title, None, source, table=table, file=f"kaios-{month}-{region}",
                  columns={"name": Column("Country"), "value": Column("Share of all page views (%)", "%.4f"),
                           "mobile": Column("Share of mobile/tablet page views (%)", "%.4f"),
                           "rank": Column("Rank", "%d"), "recorded": Column("Recorded"), "region": Column("Region"),
                           "note": Column("Small sample")},
                  captions=[f"Ranked by share of all page views in {month_text(month)}. {source}"])


def caveats(snap: Snapshot, v: dict) -> tuple[list[str], list[str]]:
    return [kaios.ALL, kaios.MOBILE, kaios.MOBILE_TOTAL, "browser_share_op_mini", "population"], [
        flag_caption(snap),  # the same every month: here, not under the map (a month move stays small)
        "caniuse's figures are **browser** page-view shares measured by StatCounter on sites that carry its "
        "tracker: not operating-system share and not installed base. DeviceAtlas's 2018 readings of KaiOS's share "
        "of India's mobile web traffic (in the device facts) come from other sites and another method: not "
        "comparable.",
        "'None recorded': caniuse tracked the place that month but gave no KaiOS value; it can be read as zero. "
        "The map draws it pale like a recorded 0; the trend leaves it as a gap.",
        f"Small samples are flagged by proxy (population under {numbers.count(kaios.SMALL_POPULATION)} or unknown), "
        "because the snapshot has no page-view counts. The proxy misses large places with little web traffic on "
        "StatCounter's sites (North Korea's spikes, for one); use the 3-month mean for noisy lines.",
        "Milestones are figures and events as reported by the company and the press, each with its source; "
        "'shipped', 'running' and 'active users' are different measures, and none is audited.",
        "An uploaded StatCounter export stays in this browser session's memory; it is never written to the "
        "server's disk or to the atlas's data.",
    ]


def place_control(name: str, label: str, widget: str) -> Control:
    return Control(name, label, widget, lambda snap: sorted(kaios.place_codes(snap), key=snap.name),
                   lambda snap: snap.name)


EXPLORER = Explorer(
    page="kaios", key="kaios", title="KaiOS and browsers",
    intro=lambda snap: ("How much web browsing comes from KaiOS feature phones, by country and month. **This is "
                        "browser page-view share** from caniuse.com, based on StatCounter GlobalStats: not "
                        "operating-system share and not the number of phones in use. KaiOS phones that browse "
                        "little are under-counted."),
    params=params,
    controls={
        "view": Control("view", "View", "segmented", *fixed(kaios.VIEWS)),
        "measure": Control("measure", "KaiOS share of", "segmented", *fixed(kaios.MEASURE_LABELS),
                           help="All page views includes desktop. Mobile/tablet page views is KaiOS's share among "
                                "mobile and tablet browsers (derived from caniuse's mobile agents)."),
        "region": REGION,
        "colours": Control("colours", "Colour scale", "segmented", *fixed(kaios.COLOURS),
                           help="Most places have tiny shares: a log or quantile scale shows differences among them "
                                "that a linear scale hides."),
        "small": Control("small", "Small samples", "segmented", *fixed(SMALL),
                         help=f"Hide places with under {numbers.count(kaios.SMALL_POPULATION)} people or no "
                              "population figure"),
        "places": places_control("places", lambda snap: sorted(kaios.place_codes(snap), key=snap.name),
                                 lambda snap: snap.name),
        "smooth": Control("smooth", "Smoothing", "segmented", *fixed(SMOOTH),
                          help="Mean of the months available among each month and the two before it (at least "
                               "two), for noisy small samples"),
        "axis": AXIS,
        "context": place_control("context", "Browsers for", "select"),
        "browsers": Control("browsers", "Browsers shown", "segmented", *fixed(kaios.GROUPS)),
    },
    views={"map": View("map", "Map", draw_map, controls=(("colours", "small"),)),
           "trend": View("trend", "Trend", draw_trend, controls=(("places",), ("smooth", "axis"))),
           "browsers": View("browsers", "Browsers", draw_browsers, controls=(("context", "browsers"),)),
           "table": View("table", "Table", draw_table, controls=(("small",),))},
    top=(("measure", ("map", "trend")), ("region", ("map", "table"))),
    period="month", periods=lambda snap, v: kaios.months(snap), period_label=lambda v: "Month",
    caveats=caveats,
)
