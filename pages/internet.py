"""Internet use: world map with year slider and Play, time series, table. The model explorer page."""
import pandas as pd
import streamlit as st

from atlas import charts
from atlas.regions import FOCUS_LABELS, focus_filter, map_values
from atlas.store import period_date
from atlas.ui import state, widgets
from atlas.ui.cache import store

WDI, ITU = "internet_users_pct", "itu_internet_use_rate"
TOLERANCE = 3  # years back a map may reach for a country's latest value
DEFAULT_PLACES = ["WLD", "SSF", "IND", "NGA", "KEN", "IDN"]
VIEWS = {"map": "Map", "trend": "Trend", "table": "Table"}

snap = store()
years = snap.periods(WDI)
wdi_places = set(snap.rows(WDI)["entity"])
itu_places = {f"ITU:{c}" for c in snap.rows(ITU)["entity"]}


def place_name(code: str) -> str:
    return f"{snap.name(code[4:])} — ITU estimate" if code.startswith("ITU:") else snap.name(code)


view = state.View("internet", [
    state.choice("view", VIEWS, "map", label="View"),
    state.period("year", years, "2024", label="Year"),
    state.choice("region", FOCUS_LABELS, "world", label="Region"),
    state.codes("places", wdi_places | itu_places, DEFAULT_PLACES, label="Places"),
    state.choice("scale", ["linear", "log"], "linear", label="Axis"),
])
notices = view.load()

st.title("Internet use")
st.caption(snap.indicator(WDI)["definition"])
state.show_notices(notices)

top = st.columns([3, 2], vertical_alignment="bottom")
top[0].segmented_control("View", list(VIEWS), format_func=VIEWS.get, key=view.key("view"), required=True)
top[1].selectbox("Region", list(FOCUS_LABELS), format_func=FOCUS_LABELS.get, key=view.key("region"))
source = snap.citation(WDI)
region = view["region"]


def draw_map(year: str) -> None:
    values = map_values(snap, WDI, year, focus=region, tolerance=TOLERANCE)
    title = f"Individuals using the internet, {year} — {FOCUS_LABELS[region]}"

    def make(inline: bool):
        return charts.choropleth(values, title=title, source=source, label="Internet use", unit="%", period=year,
                                 focus=focus_filter(region), domain=(0, 100), inline_geometry=inline,
                                 clickable=not inline)
    picked = st.vega_lite_chart(make(False), width="stretch", key="internet.map", on_select="rerun",
                                selection_mode="pick")
    widgets.open_profile_on_click(picked)
    shown = values["value"].notna().sum()
    earlier = int(values["earlier"].sum())
    st.caption(f"{shown} of {len(values)} countries have a value. Grey: no data within {TOLERANCE} years of "
               f"{year}. {earlier} countries show their latest earlier value (marked in the tooltip). "
               "Small states are drawn as dots. Click a country to open its profile.")
    table = values[values["value"].notna()].sort_values("rank")[
        ["name", "value", "period", "rank", "region", "income_group"]]
    widgets.downloads(make(True), table, source, f"internet-use-{year}-{region}", key="internet.map.dl")


def draw_trend(year: str) -> None:
    picked = st.multiselect("Places (type to search)", sorted(wdi_places | itu_places, key=place_name),
                            format_func=place_name, key=view.key("places"), max_selections=12)
    st.radio("Axis", ["linear", "log"], horizontal=True, key=view.key("scale"),
             format_func={"linear": "Linear", "log": "Log"}.get)
    if not picked:
        st.info("Pick one or more places to draw their lines.")
        return
    wdi = snap.series(WDI, [c for c in picked if not c.startswith("ITU:")])
    itu = snap.series(ITU, [c[4:] for c in picked if c.startswith("ITU:")])
    itu["name"] = itu["entity"].map(lambda c: place_name(f"ITU:{c}"))
    series = pd.concat([wdi, itu], ignore_index=True)
    series = series[series["value"] > 0] if view["scale"] == "log" else series
    trend_source = source + (f" {snap.citation(ITU)}" if len(itu) else "")
    chart = charts.time_series(series, title="Individuals using the internet (% of population)",
                               source=trend_source, label="Internet use", unit="%", log=view["scale"] == "log",
                               marker=period_date(pd.Series([year])).iloc[0], marker_label=year)
    st.vega_lite_chart(chart, width="stretch", key="internet.trend")
    widgets.downloads(chart, series[["name", "period", "value"]], trend_source, "internet-use-trend",
                      key="internet.trend.dl")


def draw_table(year: str) -> None:
    values = map_values(snap, WDI, year, focus=region, tolerance=TOLERANCE)
    table = values[values["value"].notna()].sort_values("rank")[
        ["name", "value", "period", "rank", "region", "income_group"]]
    st.dataframe(table, hide_index=True, width="stretch", height=480, column_config={
        "name": "Country", "value": st.column_config.NumberColumn("Internet use (%)", format="%.1f"),
        "period": "Year of value", "rank": st.column_config.NumberColumn("Rank", format="%d"),
        "region": "Region", "income_group": "Income group"})
    st.caption(source)
    widgets.downloads(None, table, source, f"internet-use-{year}-{region}", key="internet.table.dl")


draw = {"map": draw_map, "trend": draw_trend, "table": draw_table}[view["view"]]
widgets.timeline(view, "year", years, "Year", draw)
widgets.caveats(snap, [WDI, ITU], extra=[
    f"Where a country has no value for the chosen year, the map and table use its latest value from up to "
    f"{TOLERANCE} years earlier and say so; nothing is interpolated.",
    "World Bank aggregates (World, Sub-Saharan Africa…) and ITU's own regions differ in membership and release: "
    "ITU's 'Africa' is not the World Bank's Sub-Saharan Africa.",
])
