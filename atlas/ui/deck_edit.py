"""Presenter mode's build view: the deck's slides as editable cards (title, order, notes, Play start), a slide
added from a link, and the deck shared as a file. The callbacks change the session's deck (`DECK_KEY`)."""
from __future__ import annotations

import streamlit as st

from atlas import deck, safe_text, slides
from atlas.deck import DeckError, SlideRef
from atlas.i18n import _
from atlas.themes import example_link

from . import lang, presenter, state
from .presenter import DECK_KEY


def slide_number(text: str) -> int:
    """`?slide=`: a slide number within what a deck may hold."""
    if not text.isdigit() or not 1 <= int(text) <= deck.MAX_SLIDES:
        raise state.BadValue(_("'{value}' is not a slide number").format(value=state.shown(text)))
    return int(text)


def set_deck(refs: list[SlideRef]) -> None:
    st.session_state[DECK_KEY] = list(refs)


def go(view: state.View, refs: list[SlideRef], n: int) -> None:
    """Show slide n (within the deck) from its own period."""
    st.session_state[view.key("slide")] = max(1, min(len(refs), n))
    st.session_state.pop(view.key("period"), None)


def start(view: state.View, refs: list[SlideRef]) -> None:
    st.session_state[view.key("mode")] = "show"
    go(view, refs, 1)


def move(refs: list[SlideRef], i: int, j: int) -> None:
    new = list(refs)
    new[i], new[j] = new[j], new[i]
    set_deck(new)


def remove(refs: list[SlideRef], i: int) -> None:
    set_deck(refs[:i] + refs[i + 1:])


def set_params(refs: list[SlideRef], i: int, params: dict) -> None:
    new = list(refs)
    new[i].params = params
    set_deck(new)


def edit(refs: list[SlideRef], i: int, field: str, key: str) -> None:
    new = list(refs)
    setattr(new[i], field, safe_text.clean(st.session_state[key]))  # pasted control characters break PowerPoint
    set_deck(new)


def card(snap, refs: list[SlideRef], i: int) -> None:
    """One slide of the deck: its title, Up/Down/Remove, what it shows, notes and a map's Play start."""
    ref = refs[i]
    with st.container(border=True):
        cols = st.columns([5, 3], vertical_alignment="bottom")
        buttons = cols[1].container(horizontal=True, gap="small")  # as wide as their words: "Remove" in full
        title = slides.page_title(ref.page)
        title_key, notes_key = f"present.title.{ref.id}", f"present.notes.{ref.id}"
        st.session_state.setdefault(title_key, ref.title)
        st.session_state.setdefault(notes_key, ref.notes)
        cols[0].text_input(_("Slide {n} title").format(n=i + 1), key=title_key, max_chars=deck.MAX_TITLE,
                           placeholder=presenter.view_slide(snap, ref).title if title else "",
                           on_change=edit, args=(refs, i, "title", title_key))
        buttons.button(_("Up"), key=f"present.up.{ref.id}", icon=":material/arrow_upward:", disabled=i == 0,
                       on_click=move, args=(refs, i, i - 1), width="content")
        buttons.button(_("Down"), key=f"present.down.{ref.id}", icon=":material/arrow_downward:",
                       disabled=i == len(refs) - 1, on_click=move, args=(refs, i, i + 1), width="content")
        buttons.button(_("Remove"), key=f"present.rm.{ref.id}", icon=":material/delete:", on_click=remove,
                       args=(refs, i), width="content")
        if title:
            settings = slides.settings(snap, ref) or _("default view")
            st.caption(_("{page}: {settings}").format(page=_(title), settings=safe_text.md(settings)))
        else:
            st.warning(_("This slide shows a view the app no longer has ('{page}'); it will be skipped when "
                         "presenting and exporting.").format(page=state.shown(ref.page)))
        st.text_area(_("Speaker notes"), key=notes_key, max_chars=deck.MAX_NOTES, height=68,
                     on_change=edit, args=(refs, i, "notes", notes_key))
        presenter.map_slide_extras(snap, ref, on_change=lambda params: set_params(refs, i, params))


def add_from_link(refs: list[SlideRef]) -> None:
    with st.expander(_("Add a slide from a link"), icon=":material/add_link:"):
        link = st.text_input(_("Paste a link to a view of this app (for example …/{example})").format(
            example=example_link()), key="present.link")
        if st.button(_("Add"), key="present.add-link") and link:
            try:
                ref = deck.from_link(link)
                if not slides.renderer(ref.page):
                    st.error(_("That link does not point to a page that can be presented ('{page}').").format(
                        page=state.shown(ref.page)))
                else:
                    set_deck(deck.add_slide(refs, ref))  # within the limits a deck is read back with
                    st.rerun()
            except DeckError as exc:
                st.error(_("That link cannot be added: {problem}.").format(problem=safe_text.md(str(exc))))


def share(refs: list[SlideRef], code: str) -> None:
    """The deck as a file to keep, and a kept file loaded back (the page follows the file's language)."""
    st.markdown(_("**Share**: copy this page's address from the browser: it carries the whole deck. Or keep the "
                  "deck as a file and load it again later."))
    st.download_button(_("Download the deck file"), deck.to_file(refs, code), "deck.json", "application/json",
                       icon=":material/download:", on_click="ignore", disabled=not refs, key="present-dl-deck")
    uploaded = st.file_uploader(_("Load a deck file"), type=["json"], key="present.upload",
                                help=_("A deck saved from this app, at most {size} KB").format(size=deck.MAX_FILE // 1024))
    if uploaded is not None and st.session_state.get("present.loaded") != uploaded.file_id:
        try:
            loaded = deck.from_file_deck(uploaded.getvalue())
        except DeckError as exc:
            st.error(_("The deck was not loaded: {problem}. Your current deck is unchanged.").format(
                problem=safe_text.md(str(exc))))
        else:
            set_deck(loaded.slides)
            st.session_state["present.loaded"] = uploaded.file_id
            if loaded.notice:
                st.session_state["present.load-notice"] = loaded.notice
            if loaded.lang and loaded.lang != code:  # the page follows the deck's language
                lang.set_language(loaded.lang)
            st.rerun()
    if "present.load-notice" in st.session_state:
        state.show_notices([st.session_state.pop("present.load-notice")])
