"""Presenter mode's Streamlit parts: the deck in the URL, the 'add this view' button, the projector look."""
from __future__ import annotations

import copy
import time
from urllib.parse import unquote

import streamlit as st

from atlas import deck, deckstore, history, i18n, numbers, safe_text
from atlas.export import budget, html_deck
from atlas.deck import DeckError, SlideRef
from atlas.i18n import N_, _, ngettext

from atlas.params import BadValue, Param, PartlyUsable

from . import lang

DECK_KEY = "present.deck"  # the deck of this session (a list of SlideRef)


def deck_param(default: list[SlideRef]) -> Param:
    """The deck in the page's link. It is written with the page's language (`deck.encode`): the deck's
    language is the page's, so switching the page's language switches the deck's. A deck too long for a
    link is written as a short link (`?d=<id>`) to a copy in the deck store (`atlas.deckstore`)."""
    def parse(text: str) -> list[SlideRef]:
        try:
            read = read_link(text)
        except DeckError as exc:
            raise BadValue(str(exc)) from None
        if read.notice:  # a language this app cannot show: the slides open, in the page's language
            raise PartlyUsable(read.slides, read.notice)
        return read.slides
    return Param("deck", default, parse, dump=link_text, label=N_("Deck"), max_chars=deck.MAX_LINK,
                 default_text=N_("the story deck"), aliases=(SHORT,),
                 written_as=lambda text: SHORT if deckstore.is_id(text) else "deck")


SHORT = "d"  # a short link's parameter: /present?d=<id>
SAVED_KEY = "present.saved"  # deck id -> None (saved) or why it could not be
RETRY_S = 60  # a deck that could not be saved is tried again on a run this long after


def read_link(text: str) -> deck.Deck:
    """The deck a link carries: in the link itself, or saved under a short link's id."""
    return deckstore.open_deck(text) if deckstore.is_id(text) else deck.decode_deck(text)


def client_address() -> str:
    """Who is saving, for the store's rate limit: the address the front saw (the last X-Forwarded-For
    entry, which nginx adds) when the app is behind it, else the peer's own address."""
    address = st.context.ip_address or ""
    if address in ("", "127.0.0.1", "::1"):
        forwarded = (st.context.headers.get("X-Forwarded-For") or "").split(",")[-1].strip()
        address = forwarded or address
    return address or "unknown"


def saved_link(refs: list[SlideRef], most: int = deck.MAX_LINK) -> tuple[str, str | None]:
    """(the deck's link text, a problem): the encoded deck when it fits in `most` characters (a link's);
    else the id of its copy in the deck store, saved once per content (or, when it could not be saved, the
    long text and why)."""
    text = deck.encode(refs)
    if len(text) <= most:
        return text, None
    body = deck.to_file(refs)
    key = deckstore.deck_id(body)
    saved = st.session_state.setdefault(SAVED_KEY, {})  # id -> None (saved) or (why not, when)
    if key not in saved or (saved[key] is not None and time.monotonic() - saved[key][1] > RETRY_S):
        try:
            deckstore.store().save(body, deckstore.client_key(client_address()))
            saved[key] = None
        except deckstore.StoreError as exc:
            saved[key] = (str(exc), time.monotonic())
    return (key, None) if saved[key] is None else (text, saved[key][0])


def link_text(refs: list[SlideRef]) -> str:
    return saved_link(refs)[0]


def short_link_notice(refs: list[SlideRef]) -> None:
    """Say where a long deck lives: behind a short link, or (when it could not be saved) only in this
    session and in its file."""
    text, problem = saved_link(refs)
    if problem:
        st.warning(_("This deck is too long to travel in a link and could not be saved for a short link: {problem}. "
                     "Download the deck file to keep it.").format(problem=safe_text.md(problem)),
                   icon=":material/link_off:")
    elif deckstore.is_id(text):
        st.info(_("This deck is too long to travel in a link, so this page's address is a short link to a copy "
                  "saved on this server (/present?d={id}): anyone with the address can open it."
                  ).format(id=text), icon=":material/link:")


KEPT_KEY = "_deck.kept"  # the deck text this session last put in the browser's cookie
KEPT_REFS_KEY = "_deck.kept_refs"  # the deck (slides) that text was made from


def restore_deck() -> None:
    """On a session's first run (a reload, a new tab): the deck in the making from the browser's cookie
    (`atlas.history`), so that F5 does not replace it with the story deck. A cookie that cannot be read is
    ignored (a damaged or foreign value is not this presenter's deck)."""
    if DECK_KEY in st.session_state or st.session_state.get(KEPT_KEY) is not None:
        return
    st.session_state[KEPT_KEY] = ""  # looked once: the deck page's own default applies when there is none
    try:
        raw = st.context.cookies.get(history.DECK_COOKIE)
    except Exception:  # no browser (AppTest)
        raw = None
    text = unquote(raw) if isinstance(raw, str) else ""
    if not text or len(text) > history.MAX_COOKIE:
        return
    try:
        read = read_link(text)
    except DeckError:
        return
    st.session_state[DECK_KEY] = read.slides
    st.session_state[KEPT_KEY] = text


def keep_deck() -> None:
    """Put the session's deck in the browser's cookie when it changed (one small script, then nothing):
    its link text, or for a longer deck its short-link id in the deck store."""
    refs = st.session_state.get(DECK_KEY)
    if refs is None or st.session_state.get(KEPT_REFS_KEY) == refs:  # unchanged: no encoding on every run
        return
    text, problem = saved_link(refs, most=history.MAX_COOKIE)
    if problem or len(text) > history.MAX_COOKIE:  # tried again on the next run
        return
    st.session_state[KEPT_REFS_KEY] = copy.deepcopy(refs)  # a copy: the deck's slides are edited in place
    if st.session_state.get(KEPT_KEY) == text:
        return
    st.session_state[KEPT_KEY] = text
    st.sidebar.html(f'<span {history.DECK_ATTRIBUTE}="{text}" hidden></span><script>{history.DECK}</script>',
                    unsafe_allow_javascript=True)


def follow_deck_language() -> None:
    """A deck link whose page address names no language opens in the deck's own: set it and run again
    (the sidebar is already drawn in the other one). An explicit `?lang=` wins, as the switch writes it."""
    text = st.query_params.get("deck") or st.query_params.get(SHORT)
    if "lang" in st.query_params or not text:
        return
    try:
        stored = read_link(text).lang
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
        lang.current()  # a callback runs before the page sets the run's language
        params = {k: st.query_params.get(k) for k in st.query_params if k != "lang"}  # the deck has one
        st.session_state.setdefault(DECK_KEY, None)
        current = st.session_state[DECK_KEY]
        if current is None:  # the presenter page has not been opened: start from an empty deck
            current = []
        try:
            st.session_state[DECK_KEY] = deck.add_slide(current, SlideRef(page_url_path, params))
        except DeckError as exc:
            st.toast(_("This view was not added to your deck: {problem}.").format(problem=safe_text.md(str(exc))),
                     icon=":material/error:")
            return
        n = len(st.session_state[DECK_KEY])
        st.toast(ngettext("Added to your deck ({count} slide). Open Presenter mode to present.",
                          "Added to your deck ({count} slides). Open Presenter mode to present.", n).format(
            count=numbers.count(n)), icon=":material/slideshow:")

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


@st.cache_resource(max_entries=8, show_spinner=False)
def _deck_slides(_snap, encoded: str) -> tuple[list[dict], list[str]]:
    """The deck's slides as its page needs them, the heavy part (each map slide's Play frames): made once per
    deck and language (the encoded deck names its language) and shared, read only, by every session, as this
    process's one heavy export at a time (budget.Busy when another runs)."""
    read = deck.decode_deck(encoded)
    with budget.heavy(), i18n.using(read.lang or i18n.lang()):
        return html_deck.slide_data(_snap, read.slides)


@st.cache_data(max_entries=8, show_spinner=False)
def _deck_page(_snap, encoded: str, start: int, notices: tuple[str, ...]) -> str:
    """The deck's page (as exported, but embedded) around its kept slides: presenting the same deck from another
    slide, or with a notice (a damaged link's story deck), builds no frame again."""
    read = deck.decode_deck(encoded)
    made = _deck_slides(_snap, encoded)
    with i18n.using(read.lang or i18n.lang()):
        return html_deck.html(_snap, read.slides, embedded=True, start=start, notices=list(notices), slides_made=made)


def message_limit() -> int:
    """Bytes one message to the browser may hold (Streamlit's server.maxMessageSize, in MB), with room
    for the rest of the page: a larger one fails in the browser with a MessageSizeError."""
    return int(st.get_option("server.maxMessageSize") * 1_000_000 * 0.9)


def show(snap, refs: list[SlideRef], number: int, notices: list[str], on_exit) -> None:
    """Present the deck full-window from slide `number`. The deck's own page handles the keyboard, Play,
    the notes (N) and the speaker's view (S); Esc there clicks this hidden Exit button. A deck that cannot
    be made now (another heavy export is running) or is too large to send says so, before sending."""
    try:
        with st.spinner(_("Preparing the slides…")):
            page = _deck_page(snap, deck.encode(refs), number, tuple(notices))
    except budget.Busy as exc:
        problem = str(exc)
    else:
        size, most = len(page.encode("utf-8", "replace")), message_limit()
        problem = None if size <= most else _(
            "This deck is too large to present here ({size} MB; at most {most} MB can be sent at once): remove "
            "slides or shorten Play, or export it as one HTML file.").format(
            size=numbers.decimal(size / 1e6, 1), most=numbers.decimal(most / 1e6, 1))
    if problem:
        st.warning(problem, icon=":material/hourglass_empty:")
        st.button(_("Back to building the deck"), key="present-exit", on_click=on_exit)
        return
    st.markdown(PROJECTOR_CSS, unsafe_allow_html=True)
    st.button(_("Exit"), shortcut="Escape", key="present-exit", on_click=on_exit)
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


@st.cache_resource(max_entries=128, show_spinner=False)
def _view(_snap, page: str, params: tuple, code: str):
    from atlas import slides
    return slides.render(_snap, SlideRef(page, dict(params)))


def view_slide(snap, ref: SlideRef):
    """The slide a saved view draws (without its title; None for a page the app no longer has), built once
    per view and language and shared by every run and session (read only): build mode draws each of up to
    40 slides' extras on every rerun, and a deck often repeats a view."""
    shown = html_deck.shown_ref(ref)  # a change map keeps its start; other views drop Play's
    return _view(snap, shown.page, tuple(sorted(shown.params.items())), i18n.lang())


def map_slide_extras(snap, ref: SlideRef, on_change) -> None:
    """For a map slide: the period Play starts from (saved with the slide) and its GIF / MP4."""
    from atlas.export import animation

    slide = view_slide(snap, ref)
    if slide is None or not slide.periods or slide.period not in slide.periods:
        return
    upto = slide.periods[:slide.periods.index(slide.period) + 1]
    key = f"present.from.{ref.id}"
    saved = ref.params.get(html_deck.PLAY_FROM)
    st.session_state.setdefault(key, saved if saved in upto else upto[0])
    cols = st.columns([3, 1, 1], vertical_alignment="bottom")
    cols[0].select_slider(text("play_from"), options=upto, key=key, help=text("play_from_help"),
                          format_func=numbers.period,
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
    if budget.is_busy():  # a download that cannot start in time only says "failed" (Streamlit's words)
        st.caption(budget.busy_message())
    st.download_button(text("html"), lambda: html_deck.file(snap, frozen, lang=code), "deck.html", "text/html",
                       icon=":material/co_present:", on_click="ignore", disabled=not refs, key="present-dl-html",
                       help=text("html_help"))
    st.download_button(text("pptx"), lambda: pptx.file(snap, frozen, lang=code), "deck.pptx",
                       "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                       icon=":material/slideshow:", on_click="ignore", disabled=not refs, key="present-dl-pptx")
