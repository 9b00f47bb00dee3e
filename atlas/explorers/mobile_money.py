"""Mobile money, declared once: the headline, country maps (Findex, IMF FAS) with waves/years and Play,
country trends, a table, and GSMA's regional figures with every edition's figure kept."""
from __future__ import annotations

from .. import mobile_money as mm
from .. import numbers
from ..params import choice, codes, period
from ..regions import FOCUS_LABELS
from ..store import Snapshot
from .base import Column, Control, Explorer, Figure, Headline, View, fixed
from .common import AXIS, MAP_CLICK, PICK_PLACES, REGION, axis_param, have_value, places_control

COUNTRY_VIEWS = ("map", "trend", "table")


def params(snap: Snapshot) -> list:
    return [
        choice("view", mm.VIEWS, "map", label="View"),
        choice("measure", mm.MEASURES, "mobile_money", label="Indicator"),
        choice("slice", mm.SLICES, "all", label="Group"),
        period("year", mm.all_periods(snap), "2024", label="Year"),
        choice("region", FOCUS_LABELS, "world", label="Region"),
        codes("places", mm.place_codes(snap), mm.DEFAULT_PLACES, label="Places"),
        choice("metric", mm.GSMA_METRICS, "value", label="GSMA measure"),
        codes("gsma", mm.gsma_codes(snap), mm.DEFAULT_GSMA, label="GSMA regions"),
        axis_param(),
    ]


def settle(snap: Snapshot, v: dict) -> str | None:
    """A year the indicator has no period for (a FAS year on a Findex indicator) moves to the nearest."""
    if v["view"] == "regions":
        return None
    periods, asked = mm.measure_periods(snap, v["measure"]), v["year"]
    if asked in periods:
        return None
    v["year"] = mm.nearest_period(periods, asked)
    return mm.moved_notice(snap, v["measure"], asked, v["year"])


def chosen(snap: Snapshot, v: dict) -> tuple[str, str, str | None]:
    measure = v["measure"]
    slice_ = v["slice"] if mm.sliceable(measure) else "all"
    return measure, slice_, mm.indicator_id(snap, measure, slice_)


def no_data(snap, ind, measure, slice_, year) -> Figure:
    return Figure(mm.MEASURE_LABELS[measure], notice=mm.no_data_message(snap, ind, measure, slice_, year),
                  source=snap.citation(ind) if ind else "")


def map_caption(snap: Snapshot, values, ind: str, measure: str, year: str) -> str:
    grey = ("Grey: not asked or not published for this wave (a Findex blank is 'not measured', not zero)."
            if mm.is_findex(measure) else f"Grey: no IMF FAS value reported for {year}.")
    note = mm.scale_note(snap, ind)
    return (f"{have_value(int(values['value'].notna().sum()), len(values))} {grey}{' ' + note if note else ''} "
            f"Small states are drawn as dots. {MAP_CLICK}")


def cross_section(snap: Snapshot, v: dict):
    """(measure, slice, indicator, values) for the map and table, or a no-data Figure as `values`."""
    measure, slice_, ind = chosen(snap, v)
    values = mm.map_table(snap, ind, v["year"], v["region"]) if ind else None
    if values is None or values["value"].notna().sum() == 0:
        return measure, slice_, ind, no_data(snap, ind, measure, slice_, v["year"])
    return measure, slice_, ind, values


def draw_map(snap: Snapshot, v: dict, extras: dict) -> Figure:
    measure, slice_, ind, values = cross_section(snap, v)
    if isinstance(values, Figure):
        return values
    year, region = v["year"], v["region"]
    return Figure(mm.map_title(snap, ind, measure, year, region), mm.map_spec(snap, values, ind, measure, year, region),
                  snap.citation(ind), table=mm.table(values), captions=[map_caption(snap, values, ind, measure, year)],
                  export=lambda: mm.map_spec(snap, values, ind, measure, year, region, inline=True),
                  file=f"mobile-money-{measure}-{slice_}-{year}-{region}", clickable=True)


def draw_trend(snap: Snapshot, v: dict, extras: dict) -> Figure:
    measure, slice_, ind = chosen(snap, v)
    label, places, log = mm.MEASURE_LABELS[measure], v["places"], v["axis"] == "log"
    if not places:
        return Figure(label, notice=PICK_PLACES)
    if ind is None:
        return no_data(snap, ind, measure, slice_, v["year"])
    series = mm.trend_series(snap, ind, places, log)
    if series.empty:
        group = f", {mm.SLICES[slice_].lower()}" if slice_ != "all" else ""
        return Figure(label, source=snap.citation(ind), notice="No data for this choice: none of the chosen places "
                      f"has a value for {label.split(' · ')[0]}{group}.")
    spec = mm.trend_spec(snap, series, ind, measure, v["year"], log)
    notes = ["Findex: one point per survey wave, joined by lines; nothing is interpolated between waves."
             if mm.is_findex(measure) else "IMF FAS: yearly values as reported by central banks."]
    missing = mm.missing_places(snap, series, places)
    if missing:
        notes.append(f"No values for: {', '.join(missing)}.")
    return Figure(label, spec, snap.citation(ind), table=series[["name", "period", "value"]], captions=[" ".join(notes)],
                  export=lambda: spec, file=f"mobile-money-{measure}-{slice_}-trend")


def draw_table(snap: Snapshot, v: dict, extras: dict) -> Figure:
    measure, slice_, ind, values = cross_section(snap, v)
    if isinstance(values, Figure):
        return values
    year, region = v["year"], v["region"]
    meta = snap.indicator(ind)
    return Figure(mm.map_title(snap, ind, measure, year, region), None, snap.citation(ind), table=mm.table(values),
                  columns={"name": Column("Country"), "value": Column(f"{meta['short_label']} ({meta['unit']})", "%.1f"),
                           "period": Column("Year of value"), "rank": Column("Rank", "%d"),
                           "region": Column("Region"), "income_group": Column("Income group")},
                  captions=[snap.citation(ind)], file=f"mobile-money-{measure}-{slice_}-{year}-{region}")


def regions_caption(snap: Snapshot, points, regions: list[str]) -> list[str]:
    missing = [snap.name(c) for c in regions if c not in set(points["entity"])]
    revised = int((~points["latest"]).sum())
    notes = ["Lines join the years that have a published figure; gaps are not filled."]
    if revised:
        notes.append(f"Hollow diamonds: {numbers.plural(revised, 'figure')} from other report editions or pages; "
                     "GSMA revises its back series, the line follows the latest edition.")
    if missing:
        notes.append(f"No figure for: {', '.join(missing)}.")
    check = mm.africa_parts_check(snap)
    why = (f"for {check['period']}, GSMA's five African sub-regions, North Africa's "
           f"{numbers.usd_bn(check['north'])} included, add up to {numbers.usd_bn(check['parts'])}, its 'Africa' total"
           if check else "GSMA's 'Africa' figures include North Africa")
    return [" ".join(notes), mm.md(f"'Africa, continent-wide (as reported)' and 'Sub-Saharan Africa' are kept "
                                   f"apart: {why}. Press material often quotes the continent figure as Sub-Saharan "
                                   "Africa's.")]


def draw_regions(snap: Snapshot, v: dict, extras: dict) -> Figure:
    ind, regions = mm.GSMA_METRICS[v["metric"]], v["gsma"]
    meta = snap.indicator(ind)
    title = f"{meta['label']} by region"
    if not regions:
        return Figure(title, notice="Pick one or more regions to draw their lines.")
    points = mm.gsma_points(snap, ind, regions)
    if points.empty:
        return Figure(title, source=snap.citation(ind), notice=f"No data for this choice: GSMA publishes no "
                      f"{meta['label'].lower()} figures for the chosen regions in this snapshot.")
    spec = mm.gsma_spec(snap, ind, points, v["axis"] == "log")
    table = mm.gsma_table(points)
    return Figure(title, spec, snap.citation(ind), table=table, captions=regions_caption(snap, points, regions),
                  export=lambda: spec, file=f"mobile-money-gsma-{v['metric']}",
                  details=("Figures behind the chart, with their sources", table, {
                      "name": Column("Region"), "period": Column("Year"),
                      "value": Column(f"{meta['short_label']} ({meta['unit']})", "%.4g"), "status": Column("Figure"),
                      "note": Column("As reported"), "source_title": Column("Source"), "edition": Column("Edition"),
                      "source_url": Column("Page", "link")}))


def headline(snap: Snapshot) -> Headline:
    """The story's year and, beside it, the latest year available: every figure read from the snapshot."""
    story, latest = mm.headline(snap, mm.STORY_YEAR), mm.headline(snap, mm.latest_year(snap))
    years = [story] + ([latest] if latest.year != story.year else [])
    text = ""
    if story.world and story.africa and story.share is not None:
        text = mm.md(f"In {story.year}, mobile money moved about {numbers.usd_bn(story.world.value)} worldwide, "
                     f"{numbers.share_words(story.share)} of it ({numbers.usd_bn(story.africa.value)}) in Africa.")
    metrics, used = [], []
    for h in years:
        if h.world is None:
            metrics += [(f"Worldwide, {h.year}", "No data", None, None)]
            continue
        metrics.append((f"Worldwide, {h.year}", numbers.usd_bn(h.world.value, short=True), None, mm.md(h.world.note) or None))
        used.append(h.world.source_id)
        if h.africa is None:
            metrics.append((f"Africa, {h.year}", "No data", None, None))
            continue
        metrics.append((f"Africa, {h.year}", numbers.usd_bn(h.africa.value, short=True),
                        f"{numbers.pct(h.share)} of world", mm.md(h.africa.note) or None))
        used += [h.africa.source_id] + ([h.share_source] if h.share_source else [])
    shares = "; ".join(f"{h.year} {'as reported by GSMA' if h.share_reported else 'computed here from the two values'}"
                       for h in years if h.share is not None)
    caption = mm.md("Mobile money transaction value in the year (tn: trillion, bn: billion), GSMA State of the "
                    "Industry Report figures as published or quoted. 'Africa' is GSMA's continent-wide figure, not "
                    f"Sub-Saharan Africa. Africa's share of world value: {shares}. Sources: "
                    + "; ".join(mm.source_link(snap, s) for s in dict.fromkeys(used)) + ".")
    return Headline(text, metrics, caption)


def caveats(snap: Snapshot, v: dict) -> tuple[list[str], list[str]]:
    if v["view"] == "regions":
        shown = list(mm.GSMA_METRICS.values())
    else:
        measure, slice_, ind = chosen(snap, v)
        shown = [mm.MEASURES[measure][0]] + ([ind] if ind and slice_ != "all" else [])
    check = mm.africa_parts_check(snap)
    fas_last = mm.measure_periods(snap, "tx_value_gdp")[-1]
    return shown + ["gsma_tx_value", "gsma_share_tx_value"], [
        "Findex blanks mean 'not asked' (the mobile money question is asked only where mobile money is relevant), "
        "not zero. Waves are irregular; the slider steps through waves only.",
        f"In {mm.fieldwork_economies(snap)} economies the Findex 2021 wave was fielded in 2022; it is shown as the "
        "2021 wave, as the World Bank does, and marked '(fieldwork in 2022)' in tooltips and tables.",
        f"IMF FAS stops in {fas_last} in this snapshot (the newest global copy found). Amounts in national currency "
        "and raw counts are not comparable across countries and are not mapped: "
        + "; ".join(mm.left_out_fas(snap)) + ".",
        "GSMA revises its back series every year: the latest report edition is drawn, figures from other editions "
        "are kept as hollow markers with their page. Several pages are secondary (news sites, document mirrors).",
        mm.md("GSMA's 'Africa (as reported)' is continent-wide and distinct from Sub-Saharan Africa"
              + (f": for {check['period']} its five sub-regions, North Africa included, add up to its total."
                 if check else ".")),
    ]


def gsma_label(snap: Snapshot):
    return lambda k: f"{snap.indicator(mm.GSMA_METRICS[k])['label']} ({snap.indicator(mm.GSMA_METRICS[k])['unit']})"


EXPLORER = Explorer(
    page="mobile-money", key="mobile_money", title="Mobile money",
    intro=lambda snap: ("Who has a mobile money account (World Bank Global Findex survey), how much it is used "
                        "country by country (IMF Financial Access Survey), and how much it moves by region (GSMA)."),
    params=params,
    controls={
        "view": Control("view", "View", "segmented", *fixed(mm.VIEWS)),
        "region": REGION,
        "measure": Control("measure", "Indicator", "select", *fixed(mm.MEASURE_LABELS)),
        "slice": Control("slice", "Group (Findex)", "select", *fixed(mm.SLICES),
                         help="Findex account shares by group. The gender gap and IMF FAS series have no groups.",
                         disabled=lambda v: not mm.sliceable(v["measure"])),
        "places": places_control("places", lambda snap: sorted(mm.place_codes(snap), key=snap.name),
                                 lambda snap: snap.name),
        "axis": AXIS,
        "metric": Control("metric", "GSMA measure", "select", lambda snap: list(mm.GSMA_METRICS), gsma_label),
        "gsma": Control("gsma", "Regions", "multiselect",
                        lambda snap: sorted(mm.gsma_codes(snap), key=lambda c: (c != mm.WORLD, snap.name(c))),
                        lambda snap: snap.name),
    },
    views={"map": View("map", "Map", draw_map, controls=(("measure", "slice"),)),
           "trend": View("trend", "Trend", draw_trend, controls=(("measure", "slice"), ("places", "axis"))),
           "table": View("table", "Table", draw_table, controls=(("measure", "slice"),)),
           "regions": View("regions", "Regions (GSMA)", draw_regions, controls=(("metric", "gsma", "axis"),),
                           timeline=False)},
    top=(("region", ("map", "table")),),
    period="year", periods=lambda snap, v: mm.measure_periods(snap, v["measure"]),
    period_label=lambda v: "Findex wave" if mm.is_findex(v["measure"]) else "Year",
    settle=settle, caveats=caveats, headline=headline,
)
