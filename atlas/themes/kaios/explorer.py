"""KaiOS and browsers, declared once: map by month with Play, trend with device milestones, the browsers
beside KaiOS, a table. (The theme adds a StatCounter upload: `THEME.upload`.)"""
from __future__ import annotations

import pandas as pd

from ... import i18n, numbers
from . import data as kaios
from ...i18n import N_, _
from ...numbers import month as month_text
from ...params import choice, codes, period
from ...regions import FOCUS_LABELS
from ...store import Snapshot, shown_groups
from .. import change
from ..base import Column, Control, Explorer, Figure, View, fixed, view_labels, views
from ..common import AXIS, MAP_CLICK, REGION, axis_param, places_control

SMALL = {"show": N_("Show"), "hide": N_("Hide")}
SMOOTH = {"off": N_("Monthly"), "3m": N_("3-month mean")}


def params(snap: Snapshot) -> list:
    places, months = kaios.place_codes(snap), kaios.months(snap)
    return [
        choice("view", view_labels(VIEWS), "map", label=N_("View")),
        period("month", months, months[-1], label=N_("Month")),
        change.from_param(months, change.default_start(months, months[-1], 24)),
        choice("measure", kaios.MEASURE_LABELS, "all", label=N_("Measure")),
        # the map's colour scale; older links said `scale` (which now means nothing else here)
        choice("colours", kaios.COLOURS, "log", label=N_("Colour scale"), aliases=("scale",)),
        choice("region", FOCUS_LABELS, "world", label=N_("Region")),
        choice("small", SMALL, "show", label=N_("Small samples")),
        codes("places", places, kaios.DEFAULT_PLACES, label=N_("Places")),
        choice("smooth", SMOOTH, "off", label=N_("Smoothing")),
        axis_param(aliases=()),  # KaiOS's y-axis was always `axis`
        choice("context", sorted(places), "IND", label=N_("Browsers for")),
        choice("browsers", kaios.GROUPS, "lowend", label=N_("Browsers shown")),
    ]


def gaps(snap: Snapshot) -> list[str]:
    months = kaios.months(snap)
    return sorted(set(kaios.calendar(months[0], months[-1])) - set(months))


def flag_caption(snap: Snapshot) -> str:
    flags = kaios.small_samples(snap)
    under = int(flags["people"].notna().sum())
    return _("Small samples: {places} are flagged, {under} with under {amount} people (World Bank population, "
             "latest year) and {unknown} with no World Bank population figure (mostly overseas territories). "
             "The snapshot has no page-view counts, so population stands in for them: few people means few page "
             "views, and shares that jump from month to month.").format(
        places=numbers.plural(len(flags), "place", "places"), under=numbers.count(under),
        amount=numbers.million(kaios.SMALL_POPULATION / 1e6), unknown=numbers.count(len(flags) - under))


def scale_caption(snap: Snapshot, measure: str, scale: str, above: int) -> str:
    domain = kaios.colour_domain(snap, measure, scale)
    if scale == "log":
        return _("Log colour scale from ≤{low} to {high} (the highest country value of any month), the same for "
                 "every month so Play compares like with like.").format(low=pct_text(domain[0]), high=pct_text(domain[1]))
    if scale == "quantile":
        return _("Each colour holds a fifth of the {count} places above 0 this month; the ranges change "
                 "from month to month.").format(count=numbers.count(above))
    return _("Linear colour scale from 0 to {high}, the same for every month: most places "
             "are squeezed into the palest colour.").format(high=pct_text(domain[1]))


def pct_text(value: float) -> str:
    """A share to three significant digits ('0.001 %', French '0,001 %')."""
    return f"{numbers.significant(value)}{numbers.PCT_SPACE[i18n.lang()]}%"


def no_kaios(month: str) -> str:
    return _("No data for this choice: caniuse has no KaiOS figures for {month} here.").format(month=month_text(month))


def draw_map(snap: Snapshot, v: dict, extras: dict) -> Figure:
    month, region, scale, measure = v["month"], v["region"], v["colours"], v["measure"]
    hide = v["small"] == "hide"
    values = kaios.map_table(snap, measure, month, focus=region, hide_small=hide)
    counts = values["status"].value_counts()
    title = f"{kaios.measure_label(measure)}, {month_text(month)} — {_(FOCUS_LABELS[region])}"
    if not counts.get("value", 0) and not counts.get("zero", 0):
        return Figure(title, notice=no_kaios(month))
    n = {k: numbers.count(int(counts.get(k, 0))) for k in ("value", "zero", "none", "missing", "hidden")}
    caption = (_("{value} places above 0; {zero} recorded 0 and {none} had no KaiOS figure ('none recorded'), both "
                 "drawn pale; {missing} not covered by caniuse this month (grey)").format(**n)
               + (_("; {hidden} small-sample places hidden (grey)").format(**n) if hide else "")
               + ". " + " ".join([scale_caption(snap, measure, scale, int(counts.get("value", 0))),
                                  _("Small states are drawn as dots."), _(MAP_CLICK)]))
    table = shown_groups(values[values["status"] != "missing"].sort_values("rank")[
        ["name", "value", "period", "rank", "status", "note", "region", "entity"]])  # entity: the ISO code, CSV only
    return Figure(title, kaios.map_spec(snap, values, measure, month, region, scale),
                  snap.citation(kaios.MEASURES[measure]), table=table, captions=[caption],
                  export=lambda: kaios.map_spec(snap, values, measure, month, region, scale, inline=True),
                  file=f"kaios-{measure}-{month}-{region}", clickable=True)


def draw_change(snap: Snapshot, v: dict, extras: dict) -> Figure:
    return change.figure(snap, kaios.MEASURES[v["measure"]], v["from"], v["month"], v["region"], kaios.months(snap),
                         f"kaios-{v['measure']}")


def milestone_list(items: pd.DataFrame) -> str:
    line = _("**{n}** · {when} — {text}. Source: {source}")
    lines = [line.format(n=it.n, when=it.when, text=it.text,
                         source=f"[{it.source}]({it.url})" if it.url else it.source) for it in items.itertuples()]
    return (_("**Milestones on the time axis** (as reported; company figures are not audited; “shipped”, “running” "
              "and “active users” are different measures)") + "\n\n" + "  \n".join(lines))


def draw_trend(snap: Snapshot, v: dict, extras: dict) -> Figure:
    month, measure = v["month"], v["measure"]
    smooth, log = v["smooth"] == "3m", v["axis"] == "log"
    series = kaios.trend(snap, measure, v["places"], smooth).assign(kind="built-in")
    upload = extras.get("upload")
    if upload is not None:
        series = pd.concat([series, upload], ignore_index=True)
    if log:
        series = kaios.positive_only(series)
    title = _("KaiOS browser share and milestones")
    if series["value"].notna().sum() == 0:
        return Figure(title, notice=_("No data for this choice: pick one or more places (or upload a StatCounter "
                                      "export above)."))
    uploaded = upload is not None
    months = kaios.months(snap)
    captions = [_("The KaiOS series starts in {first} (caniuse added the KaiOS browser then); most milestones come "
                  "before it. Breaks in the lines: caniuse published no figures for {gaps}, and some places have "
                  "months with no KaiOS figure; nothing is interpolated. Level shifts such as India's drop in 2020 "
                  "may come from changes in how browsers are classified, not only from people switching phones.")
                .format(first=month_text(months[0]), gaps=", ".join(month_text(g) for g in gaps(snap)))]
    if log:
        captions.append(_("Log axis: months recorded as 0 cannot be drawn on it and are left as gaps."))
    if uploaded and measure == "all":
        captions.append(_("Your file is a share of mobile operating systems: the closer built-in comparison is "
                          "KaiOS share of “{mobile}” (above).").format(mobile=mobile_label()))
    on_slide = extras.get("slide", False)  # a slide has no list under it: the source line names every milestone

    def spec(spell_out: bool):
        return kaios.trend_spec(snap, series, measure, month, smooth, log, uploaded=uploaded, export=spell_out)
    return Figure(title, spec(on_slide), kaios.trend_source(snap, measure, uploaded, spell_out=True, slide=on_slide),
                  source_list=kaios.milestone_sources(snap) if on_slide else "",
                  table=series[series["value"].notna()][["name", "period", "value", "kind"]], captions=captions,
                  notes=[] if on_slide else [milestone_list(kaios.milestones(snap))], export=lambda: spec(True),
                  file=f"kaios-trend-{measure}")


def mobile_label() -> str:
    label = kaios.MEASURE_LABELS["mobile"]
    return _(label)


def draw_browsers(snap: Snapshot, v: dict, extras: dict) -> Figure:
    place, group, month = v["context"], v["browsers"], v["month"]
    mix = kaios.browser_mix(snap, place, group)
    title = _("What KaiOS competed with in {place}").format(place=snap.name(place))
    if mix.empty or mix["value"].sum() == 0:
        return Figure(title, notice=_("No data for this choice: caniuse has no browser figures for {place}.")
                      .format(place=snap.name(place)))
    spec = kaios.browsers_spec(snap, mix, place, month, group)
    caption = _("Stacked: each band is one browser's share of all page views (desktop included), KaiOS at the "
                "bottom. KaiOS figures start in {kaios}; the other browsers go back to {others}. Blank slivers "
                "are months caniuse did not publish. Opera Mini and UC Browser are what low-end phones browsed "
                "with before and beside KaiOS.").format(kaios=month_text(kaios.months(snap)[0]),
                                                        others=month_text(mix["period"].min()))
    return Figure(title, spec, kaios.browsers_source(snap), table=mix[["name", "period", "value"]],
                  captions=[caption], export=lambda: spec, file=f"kaios-browsers-{place}")


def draw_table(snap: Snapshot, v: dict, extras: dict) -> Figure:
    month, region = v["month"], v["region"]
    table = kaios.cross_section_table(snap, month, region, v["small"] == "hide")
    title = f"{kaios.measure_label('all')}, {month_text(month)} — {_(FOCUS_LABELS[region])}"
    if table.empty:
        return Figure(title, notice=no_kaios(month))
    source = f"{snap.citation(kaios.ALL)} {snap.citation(kaios.MOBILE)}"
    return Figure(title, None, source, table=table, file=f"kaios-{month}-{region}",
                  columns={"name": Column(N_("Country")), "value": Column(N_("Share of all page views (%)"), "%.4f"),
                           "mobile": Column(N_("Share of mobile/tablet page views (%)"), "%.4f"),
                           "rank": Column(N_("Rank"), "%d"), "recorded": Column(N_("Recorded")),
                           "region": Column(N_("Region")), "note": Column(N_("Small sample"))},
                  captions=[_("Ranked by share of all page views in {month}.").format(month=month_text(month))
                            + f" {source}"])


def caveats(snap: Snapshot, v: dict) -> tuple[list[str], list[str]]:
    return [kaios.ALL, kaios.MOBILE, kaios.MOBILE_TOTAL, "browser_share_op_mini", "population"], [
        flag_caption(snap),  # the same every month: here, not under the map (a month move stays small)
        _("caniuse's figures are **browser** page-view shares measured by StatCounter on sites that carry its "
          "tracker: not operating-system share and not installed base. DeviceAtlas's 2018 readings of KaiOS's share "
          "of India's mobile web traffic (in the device facts) come from other sites and another method: not "
          "comparable."),
        _("'None recorded': caniuse tracked the place that month but gave no KaiOS value; it can be read as zero. "
          "The map draws it pale like a recorded 0; the trend leaves it as a gap."),
        _("Small samples are flagged by proxy (population under {people} or unknown), because the snapshot has no "
          "page-view counts. The proxy misses large places with little web traffic on StatCounter's sites (North "
          "Korea's spikes, for one); use the 3-month mean for noisy lines.").format(
            people=numbers.count(kaios.SMALL_POPULATION)),
        _("Milestones are figures and events as reported by the company and the press, each with its source; "
          "'shipped', 'running' and 'active users' are different measures, and none is audited."),
        _("An uploaded StatCounter export stays in this browser session's memory; it is never written to the "
          "server's disk or to the atlas's data."),
    ]


def place_control(name: str, label: str, widget: str) -> Control:
    return Control(name, label, widget, lambda snap: sorted(kaios.place_codes(snap), key=snap.name),
                   lambda snap: snap.name)


VIEWS = views(
    View("map", N_("Map"), draw_map, controls=(("colours", "small"),)),
    View("trend", N_("Trend"), draw_trend, controls=(("places",), ("smooth", "axis"))),
    View("browsers", N_("Browsers"), draw_browsers, controls=(("context", "browsers"),)),
    View("table", N_("Table"), draw_table, controls=(("small",),)),
    View(change.VIEW, change.LABEL, draw_change, controls=(("from",),)),
)


EXPLORER = Explorer(
    page="kaios", key="kaios", title=N_("KaiOS and browsers"),
    intro=lambda snap: _("How much web browsing comes from KaiOS feature phones, by country and month. **This is "
                         "browser page-view share** from caniuse.com, based on StatCounter GlobalStats: not "
                         "operating-system share and not the number of phones in use. KaiOS phones that browse "
                         "little are under-counted."),
    params=params,
    controls={
        "view": Control("view", N_("View"), "segmented", *fixed(view_labels(VIEWS))),
        "measure": Control("measure", N_("KaiOS share of"), "segmented", *fixed(kaios.MEASURE_LABELS),
                           help=N_("All page views includes desktop. Mobile/tablet page views is KaiOS's share among "
                                   "mobile and tablet browsers (derived from caniuse's mobile agents).")),
        "region": REGION,
        "colours": Control("colours", N_("Colour scale"), "segmented", *fixed(kaios.COLOURS),
                           help=N_("Most places have tiny shares: a log or quantile scale shows differences among "
                                   "them that a linear scale hides.")),
        "small": Control("small", N_("Small samples"), "segmented", *fixed(SMALL),
                         help=lambda: _("Hide places with under {people} people or no population figure").format(
                             people=numbers.count(kaios.SMALL_POPULATION))),
        "places": places_control("places", lambda snap: sorted(kaios.place_codes(snap), key=snap.name),
                                 lambda snap: snap.name),
        "smooth": Control("smooth", N_("Smoothing"), "segmented", *fixed(SMOOTH),
                          help=N_("Mean of the months available among each month and the two before it (at least "
                                  "two), for noisy small samples")),
        "axis": AXIS,
        "from": change.from_control(kaios.months),
        "context": place_control("context", N_("Browsers for"), "select"),
        "browsers": Control("browsers", N_("Browsers shown"), "segmented", *fixed(kaios.GROUPS)),
    },
    views=VIEWS,
    top=(("measure", ("map", "trend", change.VIEW)), ("region", ("map", "table", change.VIEW))),
    period="month", periods=lambda snap, v: kaios.months(snap), period_label=lambda v: N_("Month"),
    caveats=change.with_notes(caveats, lambda snap, v: kaios.MEASURES[v["measure"]]),
)
