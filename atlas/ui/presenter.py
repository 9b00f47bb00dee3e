"""Presenter mode's Streamlit parts: the deck in the URL, the 'add this view' button, the projector look."""
from __future__ import annotations

import streamlit as st

from atlas import deck
from atlas.export import html_deck
from atlas.deck import DeckError, SlideRef

from .state import BadValue, Param

DECK_KEY = "present.deck"  # the deck of this session (a list of SlideRef)


def deck_param(default: list[SlideRef]) -> Param:
    def parse(text: str) -> list[SlideRef]:
        try:
            return deck.decode(text)
        except DeckError as exc:
            raise BadValue(str(exc)) from None
    return Param("deck", default, parse, dump=deck.encode, label="Deck")


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


# Presenting: the deck page fills the window, over Streamlit's own chrome.
PROJECTOR_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], footer, .st-key-present-exit { display: none !important; }
.st-key-present-deck iframe { position: fixed; inset: 0; width: 100vw !important; height: 100vh !important;
  border: 0; z-index: 999990; background: #ffffff; }
</style>
"""


@st.cache_data(max_entries=8, show_spinner="Preparing the slides…")
def _deck_page(_snap, encoded: str, start: int, notices: tuple[str, ...]) -> str:
    """The deck's page (as exported, but embedded), made once per deck: a Play range costs one render
    per period."""
    return html_deck.html(_snap, deck.decode(encoded), embedded=True, start=start, notices=list(notices))


def show(snap, refs: list[SlideRef], number: int, notices: list[str], on_exit) -> None:
    """Present the deck full-window from slide `number`. The deck's own page handles the keyboard, Play,
    the notes (N) and the speaker's view (S); Esc there clicks this hidden Exit button."""
    st.markdown(PROJECTOR_CSS, unsafe_allow_html=True)
    st.button("Exit", shortcut="Escape", key="present-exit", on_click=on_exit)
    page = _deck_page(snap, deck.encode(refs), number, tuple(notices))
    with st.container(key="present-deck"):
        st.iframe(page, height=720)
