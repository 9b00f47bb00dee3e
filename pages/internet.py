"""Internet use: world map with year slider and Play, time series, table. The model explorer page."""
import streamlit as st

from atlas import internet as net
from atlas.regions import FOCUS_LABELS
from atlas.ui import state, widgets
from atlas.ui.cache import store
from atlas.ui.entry import through_app

through_app()

snap = store()
view = state.View("internet", net.params(snap))
notices = view.load()

st.title("Internet use")
st.caption(snap.indicator(net.WDI)["definition"])
state.show_notices(notices)

top = st.columns([3, 2], vertical_alignment="bottom")
top[0].segmented_control("View", list(net.VIEWS), format_func=net.VIEWS.get, key=view.key("view"), required=True)
top[1].selectbox("Region", list(FOCUS_LABELS), format_func=FOCUS_LABELS.get, key=view.key("region"))
source = snap.citation(net.WDI)
region = view["region"]


def draw_map(year: str) -> None:
    values = net.map_table(snap, year, region)
    picked = st.vega_lite_chart(net.map_spec(snap, values, year, region, clickable=True), width="stretch",
                                key="internet.map", on_select="rerun", selection_mode="pick")
    widgets.open_profile_on_click(picked)
    st.caption(f"{values['value'].notna().sum()} of {len(values)} countries have a value. Grey: no data within "
               f"{net.TOLERANCE} years of {year}. {int(values['earlier'].sum())} countries show their latest earlier "
               "value (marked in the tooltip). Small states are drawn as dots. Click a country to open its profile.")
    widgets.downloads(lambda: net.map_spec(snap, values, year, region, inline=True), net.table(values), source,
                      f"internet-use-{year}-{region}", key="internet.map.dl")


def draw_trend(year: str) -> None:
    picked = st.multiselect("Places (type to search)", sorted(net.place_codes(snap), key=lambda c: net.place_name(snap, c)),
                            format_func=lambda c: net.place_name(snap, c), key=view.key("places"), max_selections=12)
    st.radio("Axis", ["linear", "log"], horizontal=True, key=view.key("scale"),
             format_func={"linear": "Linear", "log": "Log"}.get)
    if not picked:
        st.info("Pick one or more places to draw their lines.")
        return
    log = view["scale"] == "log"
    series = net.trend_series(snap, picked, log)
    spec = net.trend_spec(snap, series, picked, year, log)
    st.vega_lite_chart(spec, width="stretch", key="internet.trend")
    widgets.downloads(spec, series[["name", "period", "value"]], net.trend_source(snap, picked),
                      "internet-use-trend", key="internet.trend.dl")


def draw_table(year: str) -> None:
    table = net.table(net.map_table(snap, year, region))
    st.dataframe(table, hide_index=True, width="stretch", height=480, column_config={
        "name": "Country", "value": st.column_config.NumberColumn("Internet use (%)", format="%.1f"),
        "period": "Year of value", "rank": st.column_config.NumberColumn("Rank", format="%d"),
        "region": "Region", "income_group": "Income group"})
    st.caption(source)
    widgets.downloads(None, table, source, f"internet-use-{year}-{region}", key="internet.table.dl")


draw = {"map": draw_map, "trend": draw_trend, "table": draw_table}[view["view"]]
widgets.timeline(view, "year", net.years(snap), "Year", draw)
widgets.caveats(snap, [net.WDI, net.ITU], extra=[
    f"Where a country has no value for the chosen year, the map and table use its latest value from up to "
    f"{net.TOLERANCE} years earlier and say so; nothing is interpolated.",
    "World Bank aggregates (World, Sub-Saharan Africa…) and ITU's own regions differ in membership and release: "
    "ITU's 'Africa' is not the World Bank's Sub-Saharan Africa.",
])
