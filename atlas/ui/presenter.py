"""Presenter mode's Streamlit parts: the deck in the URL, the 'add this view' button, the projector look."""
from __future__ import annotations

import streamlit as st

from atlas import deck, i18n
from atlas.export import html_deck
from atlas.deck import DeckError, SlideRef
from atlas.i18n import N_, _

from atlas.params import BadValue, Param, PartlyUsable

from . import lang

DECK_KEY = "present.deck"  # the deck of this session (a list of SlideRef)


def deck_param(default: list[SlideRef]) -> Param:
    """The deck in the page's link. It is written with the page's language (`deck.encode`): the deck's
    language is the page's, so switching the page's language switches the deck's."""
    def parse(text: str) -> list[SlideRef]:
        try:
            read = deck.decode_deck(text)
        except DeckError as exc:
            raise BadValue(str(exc)) from None
        if read.notice:  # a language this app cannot show: the slides open, in the page's language
            raise PartlyUsable(read.slides, read.notice)
        return read.slides
    return Param("deck", default, parse, dump=deck.encode, label=N_("Deck"), max_chars=deck.MAX_LINK)


def follow_deck_language() -> None:
    """A deck link whose page address names no language opens in the deck's own: set it and run again
    (the sidebar is already drawn in the other one). An explicit `?lang=` wins, as the switch writes it."""
    text = st.query_params.get("deck")
    if "lang" in st.query_params or not text:
        return
    try:
        stored = deck.decode_deck(text).lang
    except DeckError:
        return  # the page's own parsing shows the notice
    if stored and stored != i18n.lang():
        lang.set_language(stored)
        st.rerun()


def add_view_button(page_url_path: str, page_title: str) -> None:
    """Sidebar button on every explorer page: add the view as it is now (its URL) to the deck."""
    if page_url_path in ("present", "data", "overview", ""):
        return

    def add() -> None:
        params = {k: st.query_params.get(k) for k in st.query_params if k != "lang"}  # the deck has one
        st.session_state.setdefault(DECK_KEY, None)
        current = st.session_state[DECK_KEY]
        if current is None:  # the presenter page has not been opened: start from an empty deck
            current = []
        st.session_state[DECK_KEY] = [*current, SlideRef(page_url_path, params)]
        st.toast(_("Added to your deck ({count} slides). Open Presenter mode to present.").format(
            count=len(st.session_state[DECK_KEY])), icon=":material/slideshow:")

    st.sidebar.button(_("Add this view to my deck"), on_click=add, icon=":material/add_to_queue:",
                      help=_("Saves the page as it is now (every setting) as a slide in Presenter mode"),
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


@st.cache_data(max_entries=8, show_spinner=False)
def _deck_page(_snap, encoded: str, start: int, notices: tuple[str, ...]) -> str:
    """The deck's page (as exported, but embedded), made once per deck and language (the encoded deck
    names its language): a Play range costs one render per period."""
    read = deck.decode_deck(encoded)
    with i18n.using(read.lang or i18n.lang()):
        return html_deck.html(_snap, read.slides, embedded=True, start=start, notices=list(notices))


def show(snap, refs: list[SlideRef], number: int, notices: list[str], on_exit) -> None:
    """Present the deck full-window from slide `number`. The deck's own page handles the keyboard, Play,
    the notes (N) and the speaker's view (S); Esc there clicks this hidden Exit button."""
    st.markdown(PROJECTOR_CSS, unsafe_allow_html=True)
    st.button(_("Exit"), shortcut="Escape", key="present-exit", on_click=on_exit)
    with st.spinner(_("Preparing the slides…")):
        page = _deck_page(snap, deck.encode(refs), number, tuple(notices))
    with st.container(key="present-deck"):
        st.iframe(page, height=720)


# Build mode: what each map slide adds (where Play starts, its animation) and the deck's exports.
TEXT = {
    "play_from": N_("Play from"),
    "play_from_help": N_("On this slide, Play (or the P key) steps from this period up to the slide's own"),
    "gif": N_("Animated GIF"), "mp4": N_("Video (MP4)"),
    "anim_help": N_("The map's Play as an animation, one frame per period, for social posts and other slide tools"),
    "export_intro": N_("**Export**, rendered here without internet: the deck as one HTML file that presents from a "
                       "USB stick (keys, Play, notes, speaker's view), as PowerPoint, one PNG per slide, or a PDF "
                       "handout with notes."),
    "html": N_("Deck as one HTML file"), "pptx": N_("PowerPoint (.pptx)"),
    "html_help": N_("Opens in any modern browser with no internet and no server: → / ← move, P plays a map, "
                    "S opens the speaker's view, N shows the notes"),
}


def text(key: str) -> str:
    return _(TEXT[key])


def map_slide_extras(snap, ref: SlideRef, on_change) -> None:
    """For a map slide: the period Play starts from (saved with the slide) and its GIF / MP4."""
    from atlas import slides
    from atlas.export import animation

    slide = slides.render(snap, html_deck.shown_ref(ref))
    if slide is None or not slide.periods or slide.period not in slide.periods:
        return
    upto = slide.periods[:slide.periods.index(slide.period) + 1]
    key = f"present.from.{ref.id}"
    saved = ref.params.get(html_deck.PLAY_FROM)
    st.session_state.setdefault(key, saved if saved in upto else upto[0])
    cols = st.columns([3, 1, 1], vertical_alignment="bottom")
    cols[0].select_slider(text("play_from"), options=upto, key=key, help=text("play_from_help"),
                          on_change=lambda: on_change({**ref.params, html_deck.PLAY_FROM: st.session_state[key]}))
    start, code = st.session_state[key], i18n.lang()
    cols[1].download_button(text("gif"), lambda: animation.gif(snap, ref, start=start, lang=code), f"{ref.page}-map.gif",
                            "image/gif", key=f"present.gif.{ref.id}", on_click="ignore", icon=":material/gif:",
                            help=text("anim_help"), width="stretch")
    cols[2].download_button(text("mp4"), lambda: animation.mp4(snap, ref, start=start, lang=code), f"{ref.page}-map.mp4",
                            "video/mp4", key=f"present.mp4.{ref.id}", on_click="ignore", icon=":material/movie:",
                            help=text("anim_help"), width="stretch")


def deck_exports(snap, refs: list[SlideRef], code: str) -> None:
    """The deck's downloads, made on click (after this run, in another thread: the language is passed)."""
    from atlas.export import pptx

    frozen = list(refs)
    st.download_button(text("html"), lambda: html_deck.file(snap, frozen, lang=code), "deck.html", "text/html",
                       icon=":material/co_present:", on_click="ignore", disabled=not refs, key="present-dl-html",
                       help=text("html_help"))
    st.download_button(text("pptx"), lambda: pptx.file(snap, frozen, lang=code), "deck.pptx",
                       "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                       icon=":material/slideshow:", on_click="ignore", disabled=not refs, key="present-dl-pptx")
