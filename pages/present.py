"""Presenter mode: build a deck of saved views, present it full-screen from the keyboard, export it."""
import streamlit as st

from atlas import i18n, slides
from atlas.export import pdf
from atlas.i18n import _
from atlas.ui import deck_edit, lang, presenter, state
from atlas.ui.cache import store
from atlas.ui.presenter import DECK_KEY, deck_param

lang.setup()  # this run's language (`?lang=`), its notice shown on the page
presenter.follow_deck_language()  # a deck link without ?lang= opens in the deck's own language

snap = store()
view = state.View("present", [
    state.choice("mode", ["build", "show"], "build", label=i18n.N_("Mode")),
    state.Param("slide", 1, deck_edit.slide_number, label=i18n.N_("Slide")),
    deck_param(slides.default_deck(snap)),
])
notices = view.load()
refs = st.session_state[DECK_KEY] or []
code = i18n.lang()  # the deck's language: presenting and every export use it (exports run after this run)

# ------------------------------------------------------------------------------------------------ show
if view["mode"] == "show" and refs:
    # The deck is drawn in the browser by the same page as the exported HTML file (keyboard, Play, notes,
    # speaker's view); Esc there presses the hidden Exit button.
    presenter.show(snap, refs, min(view["slide"], len(refs)), notices,
                   on_exit=lambda: st.session_state.update({view.key("mode"): "build"}))
    view.sync()
    st.stop()

# ------------------------------------------------------------------------------------------------ build
st.title(_("Presenter mode"))
st.caption(_("Build a deck from saved views, then present it full-screen: arrow keys or Page Up / Page Down "
             "move between slides, Esc leaves. The deck lives in this page's link and in a file you can keep; "
             "only a deck too long for a link is saved on the server, behind a short link."))
st.caption(_("Deck language: {language}. Presenting and every export use it; the Language switch in the sidebar "
             "changes it.").format(language=i18n.LANGS[code]))
state.show_notices(notices)
if view["mode"] == "show" and not refs:
    st.info(_("This deck has no slides to show yet."))
    st.session_state[view.key("mode")] = "build"

top = st.columns([2, 2, 2, 3])
top[0].button(_("Present"), icon=":material/slideshow:", type="primary", disabled=not refs, key="present-start",
              on_click=deck_edit.start, args=(view, refs))
top[1].button(_("Load the story deck"), icon=":material/auto_stories:", key="present-default",
              help=_("The story told on the overview, one theme after another"),
              on_click=lambda: deck_edit.set_deck(slides.default_deck(snap)))
top[2].button(_("Empty the deck"), icon=":material/delete_sweep:", key="present-clear",
              on_click=deck_edit.set_deck, args=([],))

st.subheader(_("Slides ({count})").format(count=len(refs)))
presenter.short_link_notice(refs)
if not refs:
    st.info(_("No slides yet. On any explorer page, use **Add this view to my deck** in the sidebar, paste a link "
              "below, or load the story deck."))
for i in range(len(refs)):
    deck_edit.card(snap, refs, i)
deck_edit.add_from_link(refs)

st.subheader(_("Share and export"))
share, export_col = st.columns(2, gap="large")
with share:
    deck_edit.share(refs, code)
with export_col:
    st.markdown(presenter.text("export_intro"))
    presenter.deck_exports(snap, refs, code)
    snapshot_refs = list(refs)
    st.download_button(_("Slides as PNG (zip)"), lambda: pdf.pngs_zip(snap, snapshot_refs, lang=code), "slides.zip",
                       "application/zip", icon=":material/image:", on_click="ignore", disabled=not refs,
                       key="present-dl-png")
    st.download_button(_("Handout as PDF"), lambda: pdf.pdf(snap, snapshot_refs, lang=code), "handout.pdf",
                       "application/pdf", icon=":material/picture_as_pdf:", on_click="ignore", disabled=not refs,
                       key="present-dl-pdf")
view.sync()
