"""Every page runs through app.py's navigation, even for the first visitor of a fresh server."""
import streamlit as st

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
