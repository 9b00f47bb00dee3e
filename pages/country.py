"""Country profile: one country across internet use, mobile money and KaiOS, with comparisons and peers."""
import pandas as pd
import streamlit as st

from atlas import charts, gsma_views, profile
from atlas import profile_views as views
from atlas.i18n import N_, _
from atlas.i18n.places import place
from atlas.ui import state, widgets
from atlas.ui.cache import store
from atlas.ui.entry import through_app
from atlas.ui.explorer import column_config

through_app()

snap = store()
labels = views.picker_labels(snap)
AXIS = (2000, 2026)  # one time axis for every chart on the page
PEER_ON = {"internet_users_pct": N_("Internet use"), "findex_mobile_money": N_("Mobile money account"),
           "findex_account": N_("Account ownership")}
WITHIN = {"region": N_("its region"), "income": N_("its income group")}

view = state.View("country", [
    state.choice("country", labels, "KEN", label=N_("Country")),
    state.choice("peers", PEER_ON, "internet_users_pct", label=N_("Peers by")),
    state.choice("within", list(WITHIN), "region", label=N_("Peers within")),
])
notices = view.load()

st.selectbox(_("Country (type a name in English or French)"), list(labels), format_func=labels.get,
             key=view.key("country"))
state.show_notices(notices)
code = view["country"]
where = place(code, snap.name(code))  # the name in a sentence: "au Kenya", "de l’Inde"
st.title(snap.name(code))
st.caption(views.classification(snap, code))

st.subheader(_("In brief"))
st.markdown("\n".join(f"- {s.text}" for s in profile.summary(snap, code)))


def trend(ind: str, entities: list[str], title: str, label: str, key: str, time_unit: str = "year",
          events: pd.DataFrame | None = None) -> pd.DataFrame:
    """One chart of the indicator for the entities, or a plain sentence when there is nothing to draw."""
    series = snap.series(ind, entities)
    if series.empty or code not in set(series["entity"]):
        st.info(_("No {indicator} figures for {country:the} in the data.").format(
            indicator=views.lower_first(label), country=where))
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
    st.subheader(_("Internet use"))
    trend("internet_users_pct", profile.comparators(snap, code, "wdi"),
          _("Internet use: {country} and comparators").format(country=where), _("Internet use"), "internet")
with right:
    st.subheader(_("Mobile money"))
    trend("findex_mobile_money", profile.comparators(snap, code, "findex"),
          _("Mobile money account, Findex waves"), _("Mobile money account"), "findex")
    fas = views.fas_latest(snap, code)
    if len(fas):
        st.dataframe(fas, hide_index=True, width="stretch", column_config=column_config(views.FAS_COLUMNS))
        st.caption(snap.citation(profile.FAS[0]))
    else:
        first, last = views.fas_years(snap)
        st.caption(_("The IMF Financial Access Survey has no mobile money series for {country:the} from {first} "
                     "to {last}.").format(country=where, first=first, last=last))
    regional = gsma_views.regional_line(snap, code)  # GSMA's region of the country: labelled as regional
    if regional:
        st.markdown(regional.replace("$", "\\$"))
        st.caption(snap.citation("gsma_mm_year_value"))

st.subheader(_("KaiOS and other low-end browsers"))
events = profile.events_for(snap, code)
ev = views.event_marks(events)
browsers = views.browser_series(snap, code)
if browsers.empty:
    st.info(_("caniuse records no browser shares for {country:the}.").format(country=where))
else:
    spec = charts.time_series(browsers, title=_("Browser share of all page views {country:in}").format(country=where),
                              source=snap.citation("kaios_share_all"), label=_("Share of page views"), unit="%",
                              time_unit="month", x_domain=AXIS, height=300, events=ev)
    st.vega_lite_chart(spec, width="stretch", key="country.browsers")
    st.caption(_("Browser page-view share (caniuse, based on StatCounter), not devices or operating systems. "
                 "Triangles mark events that concern this country, its continent or the world: hover for the source."))
    widgets.downloads(spec, browsers[["name", "period", "value"]], snap.citation("kaios_share_all"),
                      f"{code}-browsers", key="country.browsers.dl")

st.subheader(_("Peers"))
c1, c2 = st.columns(2)
c1.segmented_control(_("Closest on"), list(PEER_ON), format_func=lambda k: _(PEER_ON[k]), key=view.key("peers"),
                     required=True)
c2.segmented_control(_("Within"), list(WITHIN), key=view.key("within"), required=True,
                     format_func=lambda k: _(WITHIN[k]))
peer_on = view["peers"]
near = profile.peers(snap, code, peer_on, within="region" if view["within"] == "region" else "income_group")
compared = _(PEER_ON[peer_on])
if profile.latest(snap, peer_on, code) is None:
    st.info(_("No {indicator} figure for {country:the}, so no peers on it.").format(
        indicator=views.lower_first(compared), country=where))
elif near.empty:
    st.info((_("No other country in its region has a {indicator} figure.") if view["within"] == "region" else
             _("No other country in its income group has a {indicator} figure.")).format(
        indicator=views.lower_first(compared)))
else:
    columns = views.peer_columns(compared)
    st.dataframe(near[list(columns)], hide_index=True, width="stretch", column_config=column_config(columns))
    st.caption(snap.citation(peer_on))

st.subheader(_("Events"))
if events.empty:
    st.caption(_("No dated events in the data concern this country."))
else:
    st.dataframe(events[["date", "title", "source_title"]], hide_index=True, width="stretch",
                 column_config={"date": _("Date"), "title": _("Event"), "source_title": _("Source")})

everything = profile.everything(snap, code, ["internet_users_pct", "findex_mobile_money", "findex_account",
                                             *profile.FAS, *profile.BROWSERS])
st.download_button(_("Download everything shown about this country (CSV)"), everything.to_csv(index=False).encode(),
                   f"{code}-profile.csv", "text/csv", icon=":material/download:", on_click="ignore")
view.sync()
