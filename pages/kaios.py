"""KaiOS and browsers: map by month with Play, trend with device milestones, the browsers beside KaiOS,
a table, and a StatCounter export a user can drop in to compare (kept in memory, never written)."""
import pandas as pd
import streamlit as st

from atlas import kaios, statcounter
from atlas.kaios import GROUPS, MEASURE_LABELS, SCALES, VIEWS, month_text
from atlas.regions import FOCUS_LABELS
from atlas.ui import state, widgets
from atlas.ui.cache import store
from atlas.ui.entry import through_app

through_app()

UPLOAD_KEY = "kaios.upload"
snap = store()
months = kaios.months(snap)
places_known = kaios.place_codes(snap)
flags = kaios.small_sample_flags(snap)
gaps = sorted(set(kaios.calendar(months[0], months[-1])) - set(months))

view = state.View("kaios", kaios.params(snap))
notices = view.load()

st.title("KaiOS and browsers")
st.caption("How much web browsing comes from KaiOS feature phones, by country and month. **This is browser "
           "page-view share** from caniuse.com, based on StatCounter GlobalStats: not operating-system share and "
           "not the number of phones in use. KaiOS phones that browse little are under-counted.")
state.show_notices(notices)

top = st.columns([3, 3, 2], vertical_alignment="bottom")
top[0].segmented_control("View", list(VIEWS), format_func=VIEWS.get, key=view.key("view"), required=True)
if view["view"] in ("map", "trend"):
    top[1].segmented_control("KaiOS share of", list(MEASURE_LABELS), format_func=MEASURE_LABELS.get,
                             key=view.key("measure"), required=True,
                             help="All page views includes desktop. Mobile/tablet page views is KaiOS's share "
                                  "among mobile and tablet browsers (derived from caniuse's mobile agents).")
if view["view"] in ("map", "table"):
    top[2].selectbox("Region", list(FOCUS_LABELS), format_func=FOCUS_LABELS.get, key=view.key("region"))
measure = view["measure"]
source = snap.citation(kaios.MEASURES[measure])


# --- an uploaded export: read before the views draw, so the trend shows it on the same run -------------
def read_upload():
    """(Export, None) for a good file, (None, message) for a bad one, (None, None) without a file."""
    file = st.session_state.get(UPLOAD_KEY)
    if file is None:
        return None, None
    if file.size > statcounter.MAX_BYTES:  # our own limit, before reading anything
        return None, (f"The file is {file.size / 1e6:.1f} MB; a StatCounter export is a few kilobytes (this page "
                      f"accepts up to {statcounter.MAX_BYTES / 1e6:.0f} MB). Is this the right file?")
    try:
        return statcounter.read_export(file.getvalue(), file.name), None
    except statcounter.ExportError as exc:
        return None, str(exc)


export, upload_problem = read_upload()
upload_place_options = sorted(places_known, key=snap.name)
upload_guess = kaios.place_for_code(snap, export.place) if export is not None else None


def uploaded_series() -> pd.DataFrame | None:
    if export is None:
        return None
    system = st.session_state.get("kaios.upload.system")
    system = system if system in export.systems else kaios.default_system(export.systems)
    place = st.session_state.get("kaios.upload.place") or upload_guess
    name = kaios.upload_name(system, snap.name(place) if place else None)
    return kaios.upload_series(export.series(system), name).assign(kind="upload")


# --- views ----------------------------------------------------------------------------------------------
def flag_caption() -> str:
    under, million = int((flags.str.startswith("under")).sum()), f"{kaios.SMALL_POPULATION / 1e6:g}"
    return (f"Small samples: {len(flags)} places are flagged, {under} with under {million} million people "
            f"(World Bank population, latest year) and {len(flags) - under} with no World Bank population figure "
            "(mostly overseas territories). The snapshot has no page-view counts, so population stands in for them: "
            "few people means few page views, and shares that jump from month to month.")


def draw_map(month: str) -> None:
    region, scale = view["region"], view["scale"]
    hide = view["small"] == "hide"
    controls = st.columns([3, 3], vertical_alignment="bottom")
    controls[0].segmented_control("Colour scale", list(SCALES), format_func=SCALES.get, key=view.key("scale"),
                                  required=True, help="Most places have tiny shares: a log or quantile scale shows "
                                                      "differences among them that a linear scale hides.")
    controls[1].segmented_control("Small samples", ["show", "hide"], key=view.key("small"), required=True,
                                  format_func={"show": "Show", "hide": "Hide"}.get,
                                  help=f"Hide places with under {kaios.SMALL_POPULATION:,} people or no population "
                                       "figure")
    values = kaios.map_table(snap, measure, month, focus=region, hide_small=hide, flags=flags)
    counts = values["status"].value_counts()
    if not counts.get("value", 0) and not counts.get("zero", 0):
        st.info(f"No data for this choice: caniuse has no KaiOS figures for {month_text(month)} here.")
        return
    domain = kaios.colour_domain(snap, measure, scale)

    def make(inline: bool):
        return kaios.map_spec(snap, values, measure, month, region, scale, inline=inline)
    st.vega_lite_chart(make(False), width="stretch", key="kaios.map")
    if scale == "log":
        scale_note = (f"Log colour scale from ≤{domain[0]:g} % to {domain[1]:.3g} % (the highest country value of "
                      "any month), the same for every month so Play compares like with like.")
    elif scale == "quantile":
        scale_note = (f"Each colour holds a fifth of the {counts.get('value', 0)} places above 0 this month; the "
                      "ranges change from month to month.")
    else:
        scale_note = (f"Linear colour scale from 0 to {domain[1]:.3g} %, the same for every month: most places "
                      "are squeezed into the palest colour.")
    st.caption(f"{counts.get('value', 0)} places above 0; {counts.get('zero', 0)} recorded 0 and "
               f"{counts.get('none', 0)} had no KaiOS figure ('none recorded'), both drawn pale; "
               f"{counts.get('missing', 0)} not covered by caniuse this month (grey)"
               + (f"; {counts.get('hidden', 0)} small-sample places hidden (grey)" if hide else "")
               + f". {scale_note} Small states are drawn as dots.")
    st.caption(flag_caption())
    table = values[values["status"] != "missing"].sort_values("rank")[
        ["name", "value", "period", "rank", "status", "note", "region"]]
    # The export spec inlines the world geometry (~1.7 s to build per scale, measure or region): only on click.
    widgets.downloads(lambda: make(True), table, source, f"kaios-{measure}-{month}-{region}",
                               key="kaios.map.dl")


def draw_trend(month: str) -> None:
    picked = st.multiselect("Places (type to search)", sorted(places_known, key=snap.name), format_func=snap.name,
                            key=view.key("places"), max_selections=12)
    controls = st.columns(2)
    controls[0].segmented_control("Smoothing", ["off", "3m"], key=view.key("smooth"), required=True,
                                  format_func={"off": "Monthly", "3m": "3-month mean"}.get,
                                  help="Mean of the months available among each month and the two before it "
                                       "(at least two), for noisy small samples")
    controls[1].segmented_control("Axis", ["linear", "log"], key=view.key("axis"), required=True,
                                  format_func={"linear": "Linear", "log": "Log"}.get)
    smooth, log = view["smooth"] == "3m", view["axis"] == "log"
    series = kaios.trend(snap, measure, picked, smooth).assign(kind="built-in")
    upload = uploaded_series()
    if upload is not None:
        series = pd.concat([series, upload], ignore_index=True)
    if log:
        series = kaios.positive_only(series)
    if series["value"].notna().sum() == 0:
        st.info("No data for this choice: pick one or more places (or upload a StatCounter export above).")
        return
    uploaded = upload is not None
    chart = kaios.trend_spec(snap, series, measure, month, smooth, log, uploaded=uploaded)
    st.vega_lite_chart(chart, width="stretch", key="kaios.trend")
    st.caption(f"The KaiOS series starts in {month_text(months[0])} (caniuse added the KaiOS browser then); most "
               f"milestones come before it. Breaks in the lines: caniuse published no figures for "
               f"{', '.join(month_text(g) for g in gaps)}, and some places have months with no KaiOS figure; "
               "nothing is interpolated. Level shifts such as India's drop in 2020 may come from changes in how "
               "browsers are classified, not only from people switching phones.")
    if log:
        st.caption("Log axis: months recorded as 0 cannot be drawn on it and are left as gaps.")
    if upload is not None and measure == "all":
        st.caption("Your file is a share of mobile operating systems: the closer built-in comparison is KaiOS "
                   "share of “Mobile/tablet page views” (above).")
    draw_milestone_list(kaios.milestones(snap))
    frame = series[series["value"].notna()][["name", "period", "value", "kind"]]
    widgets.downloads(kaios.trend_spec(snap, series, measure, month, smooth, log, uploaded=uploaded, export=True),
                      frame, kaios.trend_source(snap, measure, uploaded, spell_out=True), f"kaios-trend-{measure}",
                      key="kaios.trend.dl")


def draw_milestone_list(items: pd.DataFrame) -> None:
    st.markdown("**Milestones on the time axis** (as reported; company figures are not audited; “shipped”, "
                "“running” and “active users” are different measures)")
    lines = []
    for it in items.itertuples():
        cited = f"[{it.source}]({it.url})" if it.url else it.source
        lines.append(f"**{it.n}** · {it.when} — {it.text}. Source: {cited}")
    st.markdown("  \n".join(lines))


def draw_browsers(month: str) -> None:
    controls = st.columns([2, 3], vertical_alignment="bottom")
    controls[0].selectbox("Browsers for", sorted(places_known, key=snap.name), format_func=snap.name,
                          key=view.key("context"))
    controls[1].segmented_control("Browsers shown", list(GROUPS), format_func=GROUPS.get,
                                  key=view.key("browsers"), required=True)
    place, group = view["context"], view["browsers"]
    mix = kaios.browser_mix(snap, place, group)
    if mix.empty or mix["value"].sum() == 0:
        st.info(f"No data for this choice: caniuse has no browser figures for {snap.name(place)}.")
        return
    chart = kaios.browsers_spec(snap, mix, place, month, group)
    mix_source = kaios.browsers_source(snap)
    st.vega_lite_chart(chart, width="stretch", key="kaios.browsers")
    st.caption(f"Stacked: each band is one browser's share of all page views (desktop included), KaiOS at the "
               f"bottom. KaiOS figures start in {month_text(months[0])}; the other browsers go back to "
               f"{month_text(mix['period'].min())}. Blank slivers are months caniuse did not publish. "
               "Opera Mini and UC Browser are what low-end phones browsed with before and beside KaiOS.")
    widgets.downloads(chart, mix[["name", "period", "value"]], mix_source, f"kaios-browsers-{place}",
                      key="kaios.browsers.dl")


def draw_table(month: str) -> None:
    st.segmented_control("Small samples", ["show", "hide"], key=view.key("small"), required=True,
                         format_func={"show": "Show", "hide": "Hide"}.get)
    table = kaios.cross_section_table(snap, month, view["region"], view["small"] == "hide")
    if table.empty:
        st.info(f"No data for this choice: caniuse has no KaiOS figures for {month_text(month)} here.")
        return
    st.dataframe(table, hide_index=True, width="stretch", height=480, column_config={
        "name": "Country",
        "value": st.column_config.NumberColumn("Share of all page views (%)", format="%.4f"),
        "mobile": st.column_config.NumberColumn("Share of mobile/tablet page views (%)", format="%.4f"),
        "rank": st.column_config.NumberColumn("Rank", format="%d"), "recorded": "Recorded",
        "region": "Region", "note": "Small sample"})
    table_source = f"{snap.citation(kaios.ALL)} {snap.citation(kaios.MOBILE)}"
    st.caption(f"Ranked by share of all page views in {month_text(month)}. {table_source}")
    widgets.downloads(None, table, table_source, f"kaios-{month}-{view['region']}", key="kaios.table.dl")


# --- the upload: on every view (collapsed), so a file survives switching views; above the chart it feeds ----
with st.expander("Compare with your own StatCounter export", icon=":material/upload_file:",
                 expanded=st.session_state.get(UPLOAD_KEY) is not None):
    st.markdown("On [StatCounter Global Stats](https://gs.statcounter.com/os-market-share/mobile) choose "
                "*Mobile Operating System Market Share*, a country, and *Monthly* or *Yearly*, then "
                "*Download Data → CSV* and drop the file here. It is read in memory for this session only: "
                "nothing you upload is saved.")
    st.file_uploader("StatCounter CSV export", type=["csv", "txt"], key=UPLOAD_KEY,
                     max_upload_size=5, help=f"Up to {statcounter.MAX_BYTES / 1e6:.0f} MB")
    if upload_problem:
        st.error(f"This file cannot be used: {upload_problem} The built-in series are unchanged.",
                 icon=":material/error:")
    elif export is not None:
        st.success(f"Read {export.frame['period'].nunique()} {export.frequency}s ({export.first} to "
                   f"{export.last}), {len(export.systems)} systems: {', '.join(export.systems[:8])}"
                   f"{' …' if len(export.systems) > 8 else ''}.", icon=":material/check_circle:")
        for note in export.notes:
            st.info(note)
        if "KaiOS" not in export.systems:
            st.info("This export has no KaiOS column (StatCounter folds small systems into Other); pick the "
                    "column to draw.")
        pick = st.columns(2)
        pick[0].selectbox("Column to draw", export.systems, key="kaios.upload.system",
                          index=export.systems.index(kaios.default_system(export.systems)))
        pick[1].selectbox("This export is for", upload_place_options, format_func=snap.name,
                          key="kaios.upload.place", index=upload_place_options.index(upload_guess)
                          if upload_guess in upload_place_options else None,
                          placeholder="Which place? (not in the file name)")
        if view["view"] != "trend":
            st.caption("It is drawn on the Trend view, beside the built-in series.")

draw = {"map": draw_map, "trend": draw_trend, "browsers": draw_browsers, "table": draw_table}[view["view"]]
widgets.timeline(view, "month", months, "Month", draw)
widgets.caveats(snap, [kaios.ALL, kaios.MOBILE, kaios.MOBILE_TOTAL, "browser_share_op_mini", "population"], extra=[
    "caniuse's figures are **browser** page-view shares measured by StatCounter on sites that carry its "
    "tracker: not operating-system share and not installed base. DeviceAtlas's 2018 readings of KaiOS's share of "
    "India's mobile web traffic (in the device facts) come from other sites and another method: not comparable.",
    "'None recorded': caniuse tracked the place that month but gave no KaiOS value; it can be read as zero. The "
    "map draws it pale like a recorded 0; the trend leaves it as a gap.",
    f"Small samples are flagged by proxy (population under {kaios.SMALL_POPULATION:,} or unknown), because the "
    "snapshot has no page-view counts. The proxy misses large places with little web traffic on StatCounter's "
    "sites (North Korea's spikes, for one); use the 3-month mean for noisy lines.",
    "Milestones are figures and events as reported by the company and the press, each with its source; "
    "'shipped', 'running' and 'active users' are different measures, and none is audited.",
    "An uploaded StatCounter export stays in this browser session's memory; it is never written to the "
    "server's disk or to the atlas's data.",
])
