"""Country profile: one country across internet use, mobile money and KaiOS, with comparisons and peers."""
import pandas as pd
import streamlit as st

from atlas import charts, profile
from atlas import profile_views as views
from atlas.ui import state, widgets
from atlas.ui.cache import store
from atlas.ui.entry import through_app
from atlas.ui.explorer import column_config

through_app()

snap = store()
labels = views.picker_labels(snap)
AXIS = (2000, 2026)  # one time axis for every chart on the page
PEER_ON = {"internet_users_pct": "Internet use", "findex_mobile_money": "Mobile money account",
           "findex_account": "Account ownership"}

view = state.View("country", [
    state.choice("country", labels, "KEN", label="Country"),
    state.choice("peers", PEER_ON, "internet_users_pct", label="Peers by"),
    state.choice("within", ["region", "income"], "region", label="Peers within"),
])
notices = view.load()

st.selectbox("Country (type a name in English or French)", list(labels), format_func=labels.get,
             key=view.key("country"))
state.show_notices(notices)
code = view["country"]
ent = snap.entities.loc[code]
st.title(ent["name"])
facts = [f"Region: {ent['region'] or 'not classified'}", f"income group: {ent['income_group'] or 'not classified'}"]
st.caption("; ".join(facts) + (f" (classification: {ent['region_source']})." if ent["region_source"] else "."))

st.subheader("In brief")
st.markdown("\n".join(f"- {s.text}" for s in profile.summary(snap, code)))


def trend(ind: str, entities: list[str], title: str, label: str, key: str, time_unit: str = "year",
          events: pd.DataFrame | None = None) -> pd.DataFrame:
    """One chart of the indicator for the entities, or a plain sentence when there is nothing to draw."""
    series = snap.series(ind, entities)
    if series.empty or code not in set(series["entity"]):
        st.info(f"No {snap.indicator(ind)['short_label'].lower()} figures for {ent['name']} in the snapshot.")
        return series
    spec = charts.time_series(series, title=title, source=snap.citation(ind), label=label,
                              unit=snap.indicator(ind)["unit"], time_unit=time_unit, x_domain=AXIS, height=260,
                              events=events, narrow=True)
    st.vega_lite_chart(spec, width="stretch", key=f"country.{key}")
    widgets.downloads(spec, series[["name", "period", "value"]], snap.citation(ind), f"{code}-{key}",
                      key=f"country.{key}.dl")
    return series


left, right = st.columns(2, gap="large")
with left:
    st.subheader("Internet use")
    trend("internet_users_pct", profile.comparators(snap, code, "wdi"),
          f"Internet use: {ent['name']} and comparators", "Internet use", "internet")
with right:
    st.subheader("Mobile money")
    trend("findex_mobile_money", profile.comparators(snap, code, "findex"),
          "Mobile money account, Findex waves", "Mobile money account", "findex")
    fas = views.fas_latest(snap, code)
    if len(fas):
        st.dataframe(fas, hide_index=True, width="stretch")
        st.caption(snap.citation(profile.FAS[0]))
    else:
        st.caption(f"The IMF Financial Access Survey has no mobile money series for {ent['name']} (2007–2019).")

st.subheader("KaiOS and other low-end browsers")
events = profile.events_for(snap, code)
ev = views.event_marks(events)
browsers = views.browser_series(snap, code)
if browsers.empty:
    st.info(f"caniuse records no browser shares for {ent['name']}.")
else:
    spec = charts.time_series(browsers, title=f"Browser share of all page views in {ent['name']}",
                              source=snap.citation("kaios_share_all"), label="Share of page views", unit="%",
                              time_unit="month", x_domain=AXIS, height=300, events=ev)
    st.vega_lite_chart(spec, width="stretch", key="country.browsers")
    st.caption("Browser page-view share (caniuse, based on StatCounter), not devices or operating systems. "
               "Triangles mark events that concern this country, its continent or the world: hover for the source.")
    widgets.downloads(spec, browsers[["name", "period", "value"]], snap.citation("kaios_share_all"),
                      f"{code}-browsers", key="country.browsers.dl")

st.subheader("Peers")
c1, c2 = st.columns(2)
c1.segmented_control("Closest on", list(PEER_ON), format_func=PEER_ON.get, key=view.key("peers"), required=True)
c2.segmented_control("Within", ["region", "income"], key=view.key("within"), required=True,
                     format_func={"region": "its region", "income": "its income group"}.get)
near = profile.peers(snap, code, view["peers"], within="region" if view["within"] == "region" else "income_group")
if profile.latest(snap, view["peers"], code) is None:
    st.info(f"{ent['name']} has no {PEER_ON[view['peers']].lower()} figure, so it has no peers on it.")
elif near.empty:
    st.info(f"No other country in its {view['within']} group has a {PEER_ON[view['peers']].lower()} figure.")
else:
    columns = views.peer_columns(PEER_ON[view["peers"]])
    st.dataframe(near[list(columns)], hide_index=True, width="stretch", column_config=column_config(columns))
    st.caption(snap.citation(view["peers"]))

st.subheader("Events")
if events.empty:
    st.caption("No dated events in the snapshot concern this country.")
else:
    st.dataframe(events[["date", "title", "source_title"]], hide_index=True, width="stretch",
                 column_config={"date": "Date", "title": "Event", "source_title": "Source"})

everything = profile.everything(snap, code, ["internet_users_pct", "findex_mobile_money", "findex_account",
                                             *profile.FAS, *profile.BROWSERS])
st.download_button("Download everything shown about this country (CSV)", everything.to_csv(index=False).encode(),
                   f"{code}-profile.csv", "text/csv", icon=":material/download:", on_click="ignore")
view.sync()
