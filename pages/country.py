"""Country profile: one country across every theme (each theme's section is declared in its module), with
comparisons, peers and events."""
import streamlit as st

from atlas import profile
from atlas import profile_views as views
from atlas.i18n import N_, _
from atlas.i18n.places import place
from atlas.themes import themes
from atlas.ui import lang, state
from atlas.ui.cache import store
from atlas.ui.explorer import dataframe, show

lang.setup()  # this run's language (`?lang=`), its notice shown on the page

snap = store()
labels = views.picker_labels(snap)
sections = [t for t in themes() if t.profile]
PEER_ON = {ind: label for t in sections for ind, label in t.profile.peers.items()}
WITHIN = profile.WITHIN

view = state.View("country", [
    state.choice("country", labels, profile.DEFAULT_COUNTRY, label=N_("Country")),
    state.choice("peers", PEER_ON, next(iter(PEER_ON)), label=N_("Peers by")),
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


def section(theme) -> None:
    st.subheader(_(theme.profile.title))
    for i, fig in enumerate(theme.profile.figures(snap, code)):
        show(fig, f"country.{theme.key}.{i}")


half = [t for t in sections if not t.profile.wide]
for pair in (half[i:i + 2] for i in range(0, len(half), 2)):
    for column, theme in zip(st.columns(2, gap="large"), pair):
        with column:
            section(theme)
for theme in (t for t in sections if t.profile.wide):
    section(theme)

st.subheader(_("Peers"))
c1, c2 = st.columns(2)
c1.segmented_control(_("Closest on"), list(PEER_ON), format_func=lambda k: _(PEER_ON[k]), key=view.key("peers"),
                     required=True)
c2.segmented_control(_("Within"), list(WITHIN), key=view.key("within"), required=True,
                     format_func=lambda k: _(WITHIN[k]))
peer_on = view["peers"]
near = profile.peers(snap, code, peer_on, within="region" if view["within"] == "region" else "income_group")
compared = _(PEER_ON[peer_on])
if snap.latest(peer_on, code) is None:
    st.info(_("No {indicator} figure for {country:the}, so no peers on it.").format(
        indicator=profile.lower_first(compared), country=where))
elif near.empty:
    st.info((_("No other country in its region has a {indicator} figure.") if view["within"] == "region" else
             _("No other country in its income group has a {indicator} figure.")).format(
        indicator=profile.lower_first(compared)))
else:
    columns = views.peer_columns(compared)
    dataframe(near[list(columns)], columns)  # its numbers in the page's language ("59,1", "+3,2")
    st.caption(snap.citation(peer_on))

st.subheader(_("Events"))
events = profile.events_for(snap, code)
if events.empty:
    st.caption(_("No dated events in the data concern this country."))
else:
    # A plain table, whose text wraps: a long event or source is read in full (a data grid cuts it with "…")
    st.table(events[["when", "title", "source_title"]].rename(
        columns={"when": _("Date"), "title": _("Event"), "source_title": _("Source")}), hide_index=True)

everything = profile.everything(snap, code, {i: e for t in sections for i, e in t.profile.download(snap, code).items()})
st.download_button(_("Download everything shown about this country (CSV)"), everything.to_csv(index=False).encode(),
                   f"{code}-profile.csv", "text/csv", icon=":material/download:", on_click="ignore")
view.sync()
