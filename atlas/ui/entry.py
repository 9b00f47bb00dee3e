"""Every page runs through app.py's navigation, even for the first visitor of a fresh server."""
import streamlit as st

from atlas import linkguard
from atlas.ui import lang
from streamlit.runtime.pages_manager import PagesManager


def through_app() -> None:
    """With a pages/ folder, Streamlit 1.67 serves a fresh server's first deep link (…/internet) in its old
    multipage mode: the page script alone, without app.py's navigation, layout or sidebar. Switch that
    mode off and run again, so app.py resolves the page. A no-op once app.py has run.
    Then set the run's language (`?lang=`, see `atlas.ui.lang`)."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
    lang.setup()
    guard_long_links()


def guard_long_links() -> None:
    """Once per session, on a run that got no parameters: a link Streamlit dropped for having too many is
    reopened as ?refused=<count> (atlas.linkguard), so the page can say it could not be used."""
    if st.query_params or st.session_state.get("_link.guarded"):
        return
    st.session_state["_link.guarded"] = True
    st.html(f"<script>{linkguard.SCRIPT}</script>", unsafe_allow_javascript=True)
