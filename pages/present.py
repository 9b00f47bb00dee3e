"""Presenter mode: build a deck of saved views, present it full-screen from the keyboard, export it."""
import streamlit as st

from atlas import deck, handout, slides
from atlas.deck import DeckError
from atlas.ui import state
from atlas.ui.cache import store
from atlas.ui import presenter
from atlas.ui.presenter import DECK_KEY, deck_param
from atlas.ui.entry import through_app

through_app()

snap = store()
view = state.View("present", [
    state.choice("mode", ["build", "show"], "build", label="Mode"),
    state.Param("slide", 1, lambda t: _slide_number(t), label="Slide"),
    deck_param(slides.default_deck(snap)),
])


def _slide_number(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= deck.MAX_SLIDES:
        raise state.BadValue(f"'{state.shown(text)}' is not a slide number")
    return int(text)


notices = view.load()
refs = st.session_state[DECK_KEY] or []


def set_deck(new_refs) -> None:
    st.session_state[DECK_KEY] = list(new_refs)


def go(n: int) -> None:
    st.session_state[view.key("slide")] = max(1, min(len(refs), n))
    st.session_state.pop(view.key("period"), None)


# ------------------------------------------------------------------------------------------------ show
if view["mode"] == "show" and refs:
    # The deck is drawn in the browser by the same page as the exported HTML file (keyboard, Play, notes,
    # speaker's view); Esc there presses the hidden Exit button.
    presenter.show(snap, refs, min(view["slide"], len(refs)), notices,
                   on_exit=lambda: st.session_state.update({view.key("mode"): "build"}))
    view.sync()
    st.stop()

# ------------------------------------------------------------------------------------------------ build
st.title("Presenter mode")
st.caption("Build a deck from saved views, then present it full-screen: arrow keys or Page Up / Page Down "
           "move between slides, Esc leaves. The deck lives in this page's link and in a file you can keep; "
           "nothing is stored on the server.")
state.show_notices(notices)
if view["mode"] == "show" and not refs:
    st.info("This deck has no slides to show yet.")
    st.session_state[view.key("mode")] = "build"

top = st.columns([2, 2, 2, 3])
def start() -> None:
    st.session_state[view.key("mode")] = "show"
    go(1)


top[0].button("Present", icon=":material/slideshow:", type="primary", disabled=not refs, key="present-start",
              on_click=start)
top[1].button("Load the story deck", icon=":material/auto_stories:", key="present-default",
              help="Internet use, mobile money and KaiOS, as told on the overview",
              on_click=lambda: set_deck(slides.default_deck(snap)))
top[2].button("Empty the deck", icon=":material/delete_sweep:", key="present-clear", on_click=lambda: set_deck([]))

st.subheader(f"Slides ({len(refs)})")
if not refs:
    st.info("No slides yet. On any explorer page, use **Add this view to my deck** in the sidebar, paste a link "
            "below, or load the story deck.")


def move(i: int, j: int) -> None:
    new = list(refs)
    new[i], new[j] = new[j], new[i]
    set_deck(new)


def remove(i: int) -> None:
    set_deck(refs[:i] + refs[i + 1:])


def set_params(i: int, params: dict) -> None:
    new = list(refs)
    new[i].params = params
    set_deck(new)


def edit(i: int, field: str, key: str) -> None:
    new = list(refs)
    setattr(new[i], field, st.session_state[key])
    set_deck(new)


for i, ref in enumerate(refs):
    with st.container(border=True):
        cols = st.columns([6, 1, 1, 1], vertical_alignment="center")
        page_title = slides.PAGE_TITLES.get(ref.page)
        title_key, notes_key = f"present.title.{ref.id}", f"present.notes.{ref.id}"
        st.session_state.setdefault(title_key, ref.title)
        st.session_state.setdefault(notes_key, ref.notes)
        placeholder = slides.default_title(snap, ref) if page_title else ""
        cols[0].text_input(f"Slide {i + 1} title", key=title_key, placeholder=placeholder, max_chars=deck.MAX_TITLE,
                           on_change=edit, args=(i, "title", title_key))
        cols[1].button("Up", key=f"present.up.{ref.id}", icon=":material/arrow_upward:", disabled=i == 0,
                       on_click=move, args=(i, i - 1), width="stretch")
        cols[2].button("Down", key=f"present.down.{ref.id}", icon=":material/arrow_downward:",
                       disabled=i == len(refs) - 1, on_click=move, args=(i, i + 1), width="stretch")
        cols[3].button("Remove", key=f"present.rm.{ref.id}", icon=":material/delete:", on_click=remove, args=(i,),
                       width="stretch")
        if page_title:
            settings = ", ".join(f"{k} {v}" for k, v in ref.params.items() if k != "places") or "default view"
            st.caption(f"{page_title}: {settings}")
        else:
            st.warning(f"This slide shows a view the app no longer has ('{state.shown(ref.page)}'); it will be "
                       "skipped when presenting and exporting.")
        st.text_area("Speaker notes", key=notes_key, max_chars=deck.MAX_NOTES, height=68,
                     on_change=edit, args=(i, "notes", notes_key))
        presenter.map_slide_extras(snap, ref, on_change=lambda params, i=i: set_params(i, params))

with st.expander("Add a slide from a link", icon=":material/add_link:"):
    link = st.text_input("Paste a link to a view of this app (for example …/internet?year=2019&region=africa)",
                         key="present.link")
    if st.button("Add", key="present.add-link") and link:
        try:
            ref = deck.from_link(link)
        except DeckError as exc:
            st.error(f"That link cannot be added: {exc}.")
        else:
            if ref.page in slides.RENDERERS:
                set_deck([*refs, ref])
                st.rerun()
            else:
                st.error(f"That link does not point to a page that can be presented ('{state.shown(ref.page)}').")

st.subheader("Share and export")
share, export_col = st.columns(2, gap="large")
with share:
    st.markdown("**Share**: copy this page's address from the browser: it carries the whole deck. Or keep the "
                "deck as a file and load it again later.")
    st.download_button("Download the deck file", deck.to_file(refs), "deck.json", "application/json",
                       icon=":material/download:", on_click="ignore", disabled=not refs, key="present-dl-deck")
    uploaded = st.file_uploader("Load a deck file", type=["json"], key="present.upload",
                                help=f"A deck saved from this app, at most {deck.MAX_FILE // 1024} KB")
    if uploaded is not None and st.session_state.get("present.loaded") != uploaded.file_id:
        try:
            set_deck(deck.from_file(uploaded.getvalue()))
        except DeckError as exc:
            st.error(f"The deck was not loaded: {exc}. Your current deck is unchanged.")
        else:
            st.session_state["present.loaded"] = uploaded.file_id
            st.rerun()
with export_col:
    st.markdown(presenter.TEXT["export_intro"])
    presenter.deck_exports(snap, refs)
    snapshot_refs = list(refs)
    st.download_button("Slides as PNG (zip)", lambda: handout.pngs_zip(snap, snapshot_refs), "slides.zip",
                       "application/zip", icon=":material/image:", on_click="ignore", disabled=not refs,
                       key="present-dl-png")
    st.download_button("Handout as PDF", lambda: handout.pdf(snap, snapshot_refs), "handout.pdf", "application/pdf",
                       icon=":material/picture_as_pdf:", on_click="ignore", disabled=not refs, key="present-dl-pdf")
view.sync()
