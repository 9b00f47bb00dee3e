"""Connectivity Atlas: entry point. Page config, language, navigation over pages/, nothing else."""
import streamlit as st

from atlas.i18n import N_, _
from atlas.ui import lang
from atlas.ui.presenter import add_view_button
from atlas.ui.state import mark_page

lang.setup(show=False)  # the page shows the notice for a bad ?lang=
st.set_page_config(page_title=_("Connectivity Atlas"), page_icon="static/favicon.png", layout="wide")

PAGES = {
    N_("Explore"): [
        st.Page("pages/overview.py", title=_("Overview"), icon=":material/home:", url_path="overview", default=True),
        st.Page("pages/internet.py", title=_("Internet use"), icon=":material/wifi:", url_path="internet"),
        st.Page("pages/mobile-money.py", title=_("Mobile money"), icon=":material/payments:", url_path="mobile-money"),
        st.Page("pages/kaios.py", title=_("KaiOS and browsers"), icon=":material/smartphone:", url_path="kaios"),
        st.Page("pages/compare.py", title=_("Compare"), icon=":material/bubble_chart:", url_path="compare"),
        st.Page("pages/country.py", title=_("Country profile"), icon=":material/flag:", url_path="country"),
    ],
    N_("Present"): [
        st.Page("pages/present.py", title=_("Presenter mode"), icon=":material/slideshow:", url_path="present"),
    ],
    N_("About"): [
        st.Page("pages/data.py", title=_("Data and sources"), icon=":material/dataset:", url_path="data"),
    ],
}
# Our own sidebar links instead of Streamlit's navigation menu, whose list markup (<ul> with <div>
# children) fails the accessibility checks (axe-core: list, listitem). Each link keeps the language.
page = st.navigation(PAGES, position="hidden")
lang.switch()
for group, pages in PAGES.items():
    st.sidebar.caption(_(group))
    for p in pages:
        st.sidebar.page_link(p, label=p.title, icon=p.icon, query_params=lang.link_params() or None)
mark_page(page.url_path)
add_view_button(page.url_path, page.title)
page.run()
