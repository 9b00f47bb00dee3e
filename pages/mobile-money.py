"""Mobile money: the headline, country maps (Findex, IMF FAS) with waves/years and Play, country trends,
a table, and GSMA's regional figures over time with every edition's figure kept."""
import streamlit as st

from atlas import mobile_money as mm
from atlas.regions import FOCUS_LABELS
from atlas.ui import state, widgets
from atlas.ui.cache import store
from atlas.ui.entry import through_app

through_app()

snap = store()
view = state.View("mobile_money", mm.params(snap))
notices = view.load()

st.title("Mobile money")
st.caption("Who has a mobile money account (World Bank Global Findex survey), how much it is used country by "
           "country (IMF Financial Access Survey), and how much it moves by region (GSMA).")
state.show_notices(notices)


def headline_metrics(h: mm.Headline, cols) -> list[str]:
    """Two metrics for a year (world, Africa) in `cols`; returns the source ids they rest on."""
    if h.world is None:
        cols[0].metric(f"Worldwide, {h.year}", "No data")
        return []
    cols[0].metric(f"Worldwide, {h.year}", mm.usd_bn(h.world.value, short=True), help=mm.md(h.world.note) or None,
                   border=True)
    if h.africa is None:
        cols[1].metric(f"Africa, {h.year}", "No data", border=True)
        return [h.world.source_id]
    cols[1].metric(f"Africa, {h.year}", mm.usd_bn(h.africa.value, short=True), f"{h.share:.1f} % of world",
                   delta_color="off", delta_arrow="off", help=mm.md(h.africa.note) or None, border=True)
    return [h.world.source_id, h.africa.source_id] + ([h.share_source] if h.share_source else [])


def draw_headline() -> None:
    """The story's year and, beside it, the latest year available: every figure read from the snapshot."""
    story, latest = mm.headline(snap, mm.STORY_YEAR), mm.headline(snap, mm.latest_year(snap))
    years = [story] + ([latest] if latest.year != story.year else [])
    if story.world and story.africa and story.share is not None:
        st.markdown(mm.md(f"#### In {story.year}, mobile money moved about {mm.usd_bn(story.world.value)} "
                          f"worldwide, {mm.share_words(story.share)} of it ({mm.usd_bn(story.africa.value)}) "
                          "in Africa."))
    cols = st.columns(4)
    used = [s for i, h in enumerate(years) for s in headline_metrics(h, cols[2 * i:2 * i + 2])]
    shares = "; ".join(f"{h.year} {'as reported by GSMA' if h.share_reported else 'computed here from the two values'}"
                       for h in years if h.share is not None)
    st.caption(mm.md("Mobile money transaction value in the year (tn: trillion, bn: billion), GSMA State of the "
                     "Industry Report figures as published or quoted. 'Africa' is GSMA's continent-wide figure, not "
                     f"Sub-Saharan Africa. Africa's share of world value: {shares}. Sources: "
                     + "; ".join(mm.source_link(snap, s) for s in dict.fromkeys(used)) + "."))


draw_headline()

top = st.columns([3, 2], vertical_alignment="bottom")
top[0].segmented_control("View", list(mm.VIEWS), format_func=mm.VIEWS.get, key=view.key("view"), required=True)


# --- country views --------------------------------------------------------------------------------
def country_views() -> None:
    top[1].selectbox("Region", list(FOCUS_LABELS), format_func=FOCUS_LABELS.get, key=view.key("region"),
                     disabled=view["view"] == "trend")
    pick = st.columns([3, 2], vertical_alignment="bottom")
    pick[0].selectbox("Indicator", list(mm.MEASURES), format_func=mm.MEASURE_LABELS.get, key=view.key("measure"))
    measure = view["measure"]
    pick[1].selectbox("Group (Findex)", list(mm.SLICES), format_func=mm.SLICES.get, key=view.key("slice"),
                      disabled=not mm.sliceable(measure),
                      help="Findex account shares by group. The gender gap and IMF FAS series have no groups.")
    slice_ = view["slice"] if mm.sliceable(measure) else "all"
    ind = mm.indicator_id(snap, measure, slice_)
    periods = mm.measure_periods(snap, measure)
    asked = view["year"]
    if asked not in periods:  # e.g. a FAS year on a Findex indicator: move to the nearest wave, and say so
        st.session_state[view.key("year")] = mm.nearest_period(periods, asked)
        st.info(mm.moved_notice(snap, measure, asked, view["year"]), icon=":material/event:")
    region = view["region"]

    def no_data(year: str) -> None:
        st.info(mm.no_data_message(snap, ind, measure, slice_, year), icon=":material/search_off:")

    def draw_map(year: str) -> None:
        values = mm.map_table(snap, ind, year, region) if ind else None
        if values is None or values["value"].notna().sum() == 0:
            return no_data(year)
        picked = st.vega_lite_chart(mm.map_spec(snap, values, ind, measure, year, region, clickable=True),
                                    width="stretch", key="mobile_money.map", on_select="rerun",
                                    selection_mode="pick")
        widgets.open_profile_on_click(picked)
        shown = int(values["value"].notna().sum())
        grey = ("Grey: not asked or not published for this wave (a Findex blank is 'not measured', not zero)."
                if mm.is_findex(measure) else f"Grey: no IMF FAS value reported for {year}.")
        scale = mm.colour_scale(snap, ind)
        if "log_domain" in scale:
            low, high = scale["log_domain"]
            scale_note = (f" Colours on a log scale from {low:,.10g} to {high:,.10g} (the same for every year); "
                          f"values up to {low:,.10g}, zero included, share the lightest colour.")
        elif scale.get("scheme") == "purpleorange":
            scale_note = " Orange: men ahead; purple: women ahead."
        else:
            scale_note = ""
        st.caption(f"{shown} of {len(values)} countries have a value. {grey}{scale_note} Small states are drawn "
                   "as dots. Click a country to open its profile.")
        widgets.downloads(lambda: mm.map_spec(snap, values, ind, measure, year, region, inline=True),
                                   mm.table(values), snap.citation(ind),
                                   f"mobile-money-{measure}-{slice_}-{year}-{region}", key="mobile_money.map.dl")

    def draw_trend(year: str) -> None:
        places = st.multiselect("Places (type to search)", sorted(mm.place_codes(snap), key=snap.name),
                                format_func=snap.name, key=view.key("places"), max_selections=12)
        st.radio("Axis", ["linear", "log"], horizontal=True, key=view.key("scale"),
                 format_func={"linear": "Linear", "log": "Log"}.get)
        if not places:
            st.info("Pick one or more places to draw their lines.")
            return
        if ind is None:
            return no_data(year)
        log = view["scale"] == "log"
        series = mm.trend_series(snap, ind, places, log)
        missing = mm.missing_places(snap, series, places)
        if series.empty:
            st.info(f"No data for this choice: none of the chosen places has a value for "
                    f"{mm.MEASURE_LABELS[measure].split(' · ')[0]}"
                    f"{', ' + mm.SLICES[slice_].lower() if slice_ != 'all' else ''}.", icon=":material/search_off:")
            return
        spec = mm.trend_spec(snap, series, ind, measure, year, log)
        st.vega_lite_chart(spec, width="stretch", key="mobile_money.trend")
        notes = ["Findex: one point per survey wave, joined by lines; nothing is interpolated between waves."
                 if mm.is_findex(measure) else "IMF FAS: yearly values as reported by central banks."]
        if missing:
            notes.append(f"No values for: {', '.join(missing)}.")
        st.caption(" ".join(notes))
        widgets.downloads(spec, series[["name", "period", "value"]], snap.citation(ind),
                          f"mobile-money-{measure}-{slice_}-trend", key="mobile_money.trend.dl")

    def draw_table(year: str) -> None:
        values = mm.map_table(snap, ind, year, region) if ind else None
        if values is None or values["value"].notna().sum() == 0:
            return no_data(year)
        meta = snap.indicator(ind)
        tbl = mm.table(values)
        st.dataframe(tbl, hide_index=True, width="stretch", height=480, column_config={
            "name": "Country", "value": st.column_config.NumberColumn(f"{meta['short_label']} ({meta['unit']})",
                                                                      format="%.1f"),
            "period": st.column_config.TextColumn("Year of value", width="medium"),
            "rank": st.column_config.NumberColumn("Rank", format="%d"), "region": "Region",
            "income_group": "Income group"})
        st.caption(snap.citation(ind))
        widgets.downloads(None, tbl, snap.citation(ind), f"mobile-money-{measure}-{slice_}-{year}-{region}",
                          key="mobile_money.table.dl")

    draw = {"map": draw_map, "trend": draw_trend, "table": draw_table}[view["view"]]
    widgets.timeline(view, "year", periods, "Findex wave" if mm.is_findex(measure) else "Year", draw)


# --- GSMA regions ---------------------------------------------------------------------------------
def regional_view() -> None:
    pick = st.columns([3, 3, 1], vertical_alignment="bottom")
    pick[0].selectbox("GSMA measure", list(mm.GSMA_METRICS), key=view.key("metric"),
                      format_func=lambda k: f"{snap.indicator(mm.GSMA_METRICS[k])['label']} "
                                            f"({snap.indicator(mm.GSMA_METRICS[k])['unit']})")
    pick[1].multiselect("Regions", sorted(mm.gsma_codes(snap), key=lambda c: (c != mm.WORLD, snap.name(c))),
                        format_func=snap.name, key=view.key("gsma"), max_selections=12)
    pick[2].radio("Axis", ["linear", "log"], horizontal=True, key=view.key("scale"),
                  format_func={"linear": "Linear", "log": "Log"}.get)
    view.sync()  # no timeline on this view
    ind, regions = mm.GSMA_METRICS[view["metric"]], view["gsma"]
    if not regions:
        st.info("Pick one or more regions to draw their lines.")
        return
    points = mm.gsma_points(snap, ind, regions)
    if points.empty:
        st.info(f"No data for this choice: GSMA publishes no {snap.indicator(ind)['label'].lower()} figures "
                "for the chosen regions in this snapshot.", icon=":material/search_off:")
        return
    spec = mm.gsma_spec(snap, ind, points, view["scale"] == "log")
    st.vega_lite_chart(spec, width="stretch", key="mobile_money.gsma")
    missing = [snap.name(c) for c in regions if c not in set(points["entity"])]
    revised = int((~points["latest"]).sum())
    notes = ["Lines join the years that have a published figure; gaps are not filled."]
    if revised:
        notes.append(f"Hollow diamonds: {revised} figure{'s' if revised != 1 else ''} from other report editions "
                     "or pages; GSMA revises its back series, the line follows the latest edition.")
    if missing:
        notes.append(f"No figure for: {', '.join(missing)}.")
    st.caption(" ".join(notes))
    check = mm.africa_parts_check(snap)
    why = (f"for {check['period']}, GSMA's five African sub-regions, North Africa's "
           f"{mm.usd_bn(check['north'])} included, add up to {mm.usd_bn(check['parts'])}, its 'Africa' total"
           if check else "GSMA's 'Africa' figures include North Africa")
    st.caption(mm.md(f"'Africa, continent-wide (as reported)' and 'Sub-Saharan Africa' are kept apart: {why}. "
                     "Press material often quotes the continent figure as Sub-Saharan Africa's."))
    with st.expander("Figures behind the chart, with their sources"):
        st.dataframe(mm.gsma_table(points), hide_index=True, width="stretch", column_config={
            "name": "Region", "period": "Year", "value": st.column_config.NumberColumn(
                f"{snap.indicator(ind)['short_label']} ({snap.indicator(ind)['unit']})", format="%.4g"),
            "status": "Figure", "note": "As reported", "source_title": "Source", "edition": "Edition",
            "source_url": st.column_config.LinkColumn("Page")})
    widgets.downloads(spec, mm.gsma_table(points), snap.citation(ind), f"mobile-money-gsma-{view['metric']}",
                      key="mobile_money.gsma.dl")


if view["view"] == "regions":
    regional_view()
    shown = list(mm.GSMA_METRICS.values())
else:
    country_views()
    shown = [mm.MEASURES[view["measure"]][0]]
    if mm.sliceable(view["measure"]) and view["slice"] != "all":
        shown.append(mm.indicator_id(snap, view["measure"], view["slice"]) or shown[0])

check = mm.africa_parts_check(snap)
fas_last = mm.measure_periods(snap, "tx_value_gdp")[-1]
widgets.caveats(snap, shown + ["gsma_tx_value", "gsma_share_tx_value"], extra=[
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
])
