"""Overview: the story in three headline cards, every number from the snapshot, each linking to its view."""
import streamlit as st

from atlas import charts, story
from atlas.i18n import _
from atlas.ui import lang
from atlas.ui.cache import store
from atlas.ui.entry import through_app

through_app()

snap = store()
st.title(_("Connectivity Atlas"))
st.markdown(_("How emerging markets get connected: **internet use**, **mobile money** and **KaiOS**, the "
              "feature-phone system that brought web browsing to cheap phones in India and Africa. "
              "Every figure names its source; revised figures are shown beside what was reported at the time."))

cards = st.columns(3, gap="medium")
for column, h in zip(cards, story.headlines(snap)):
    with column.container(border=True, height="stretch"):
        st.subheader(h.title)
        st.markdown(f"<div style='font-size:2.4rem;font-weight:700;line-height:1.1'>{h.figure}</div>",
                    unsafe_allow_html=True)
        for line in h.lines:
            st.markdown(line)
        spec = charts.time_series(h.trend, title="", source="", label=h.trend_label, unit=h.trend_unit,
                                  time_unit="month" if h.theme == "kaios" else "year", height=140, compact=True)
        st.vega_lite_chart(spec, width="stretch", key=f"overview.{h.theme}")
        for line in h.reported:
            st.info(line, icon=":material/history:")
        st.caption(_("Sources: {sources}").format(sources=" · ".join(h.sources)))
        st.page_link(h.link_page, label=_("Open this view"), icon=":material/arrow_forward:",
                     query_params=lang.link_params(h.link_params) or None)

st.caption(_("Reported figures are kept as published; where the publisher has since revised its series, the "
             "current figure is the one computed above. See Data and sources for every file and licence."))
