"""Overview: the story in one headline card per theme (`Theme.card`), every number from the snapshot, each
linking to its explorer view."""
import streamlit as st

from atlas import charts, numbers, story
from atlas.i18n import _
from atlas.themes import themes
from atlas.ui import lang, nav
from atlas.ui.cache import store

lang.setup()  # this run's language (`?lang=`), its notice shown on the page

snap = store()
st.title(_("Connectivity Atlas"))
st.markdown(_("How emerging markets get connected: {themes}. Every figure names its source; revised figures are "
              "shown beside what was reported at the time.").format(
    themes=numbers.words([_(t.blurb) for t in themes() if t.blurb])))

cards = story.cards(snap)
for column, (theme, card) in zip(st.columns(len(cards), gap="medium"), cards):
    with column.container(border=True, height="stretch"):
        st.subheader(card.title)
        st.markdown(f"<div style='font-size:2.4rem;font-weight:700;line-height:1.1'>{card.figure}</div>",
                    unsafe_allow_html=True)
        for line in card.lines:
            st.markdown(line)
        spec = charts.time_series(card.trend, title="", source="", label=card.trend_label, unit=card.trend_unit,
                                  time_unit=card.time_unit, height=140, compact=True)
        st.vega_lite_chart(spec, width="stretch", key=f"overview.{theme.key}")
        for line in card.reported:
            st.info(line, icon=":material/history:")
        st.caption(story.sources_line(card.sources))
        st.page_link(nav.theme_page(theme), label=_("Open this view"), icon=":material/arrow_forward:",
                     query_params=lang.link_params(card.link_params) or None)

st.caption(_("Reported figures are kept as published; where the publisher has since revised its series, the "
             "current figure is the one computed above. See Data and sources for every file and licence."))
