"""Connectivity Atlas: entry point. Page config, navigation over pages/, nothing else."""
import streamlit as st

from atlas.ui.presenter import add_view_button
from atlas.ui.state import mark_page

st.set_page_config(page_title="Connectivity Atlas", page_icon="static/favicon.png", layout="wide")

PAGES = {
    "Explore": [
        st.Page("pages/overview.py", title="Overview", icon=":material/home:", url_path="overview", default=True),
        st.Page("pages/internet.py", title="Internet use", icon=":material/wifi:", url_path="internet"),
        st.Page("pages/mobile-money.py", title="Mobile money", icon=":material/payments:", url_path="mobile-money"),
        st.Page("pages/kaios.py", title="KaiOS and browsers", icon=":material/smartphone:", url_path="kaios"),
        st.Page("pages/country.py", title="Country profile", icon=":material/flag:", url_path="country"),
    ],
    "Present": [
        st.Page("pages/present.py", title="Presenter mode", icon=":material/slideshow:", url_path="present"),
    ],
    "About": [
        st.Page("pages/data.py", title="Data and sources", icon=":material/dataset:", url_path="data"),
    ],
}
# Our own sidebar links instead of Streamlit's navigation menu, whose list markup (<ul> with <div>
# children) fails the accessibility checks (axe-core: list, listitem).
page = st.navigation(PAGES, position="hidden")
for group, pages in PAGES.items():
    st.sidebar.caption(group)
    for p in pages:
        st.sidebar.page_link(p, label=p.title, icon=p.icon)
mark_page(page.url_path)
add_view_button(page.url_path, page.title)
page.run()
