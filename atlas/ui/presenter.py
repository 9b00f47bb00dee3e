"""Presenter mode's Streamlit parts: the deck in the URL, the 'add this view' button, the projector look."""
from __future__ import annotations

import streamlit as st

from atlas import deck
from atlas.deck import DeckError, SlideRef

from atlas.params import BadValue, Param

DECK_KEY = "present.deck"  # the deck of this session (a list of SlideRef)


def deck_param(default: list[SlideRef]) -> Param:
    def parse(text: str) -> list[SlideRef]:
        try:
            return deck.decode(text)
        except DeckError as exc:
            raise BadValue(str(exc)) from None
    return Param("deck", default, parse, dump=deck.encode, label="Deck", max_chars=deck.MAX_LINK)


def add_view_button(page_url_path: str, page_title: str) -> None:
    """Sidebar button on every explorer page: add the view as it is now (its URL) to the deck."""
    if page_url_path in ("present", "data", "overview", ""):
        return

    def add() -> None:
        params = {k: st.query_params.get(k) for k in st.query_params}
        st.session_state.setdefault(DECK_KEY, None)
        current = st.session_state[DECK_KEY]
        if current is None:  # the presenter page has not been opened: start from an empty deck
            current = []
        st.session_state[DECK_KEY] = [*current, SlideRef(page_url_path, params)]
        st.toast(f"Added to your deck ({len(st.session_state[DECK_KEY])} slides). Open Presenter mode to present.",
                 icon=":material/slideshow:")

    st.sidebar.button("Add this view to my deck", on_click=add, icon=":material/add_to_queue:",
                      help="Saves the page as it is now (every setting) as a slide in Presenter mode",
                      key="add-to-deck")


PROJECTOR_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 1.2rem !important; max-width: 100% !important; }
.stApp { background: #ffffff; color: #111111; }
.slide-title { font-size: 2.6rem; font-weight: 700; line-height: 1.15; margin: 0 0 .4rem 0; color: #000; }
.slide-source { font-size: 1.05rem; color: #222; }
.slide-number { font-size: 1.3rem; font-weight: 600; color: #000; text-align: right; }
.slide-lines li { font-size: 1.5rem; line-height: 1.45; color: #000; }
.st-key-present-pgup, .st-key-present-pgdn { display: none; }
</style>
"""
