"""Connectivity Atlas: entry point. Page config, language, navigation (`atlas.ui.nav`), nothing else."""
import streamlit as st

from atlas.i18n import _
from atlas.ui import lang, layout, nav
from atlas.ui.presenter import add_view_button, keep_deck, restore_deck
from atlas.ui.state import guard_long_links, mark_page, one_entry_per_view

lang.setup(show=False)  # the page shows the notice for a bad ?lang=
st.set_page_config(page_title=_("Connectivity Atlas"), page_icon="static/favicon.png", layout="wide")

layout.style()  # the frame every page shares (no empty header; on a phone, the chart first; touch maps)
PAGES = nav.pages()
# Our own sidebar links instead of Streamlit's navigation menu, whose list markup (<ul> with <div>
# children) fails the accessibility checks (axe-core: list, listitem). Each link keeps the language.
page = st.navigation(PAGES, position="hidden")
# In another site's frame (?embed=true, issue 24) the page shows alone: Streamlit hides its header but not a
# sidebar the app fills, so nothing goes there (the view's language and settings are in its URL).
if not st.context.is_embedded:
    lang.switch()
    for group, pages in PAGES.items():
        st.sidebar.caption(_(group))
        for p in pages:
            st.sidebar.page_link(p, label=p.title, icon=p.icon, query_params=lang.link_params() or None)
mark_page(page.url_path)
if not st.context.is_embedded:
    one_entry_per_view()  # Back leaves a page in one step (atlas.history)
    restore_deck()  # a reload keeps the deck in the making (a cookie); keep_deck writes it when it changes
    add_view_button(page.url_path, page.title)
    keep_deck()
    guard_long_links()  # a link Streamlit dropped for its number of parameters says so (atlas.linkguard)
page.run()
