"""Presenter mode: build a deck of saved views, present it full-screen from the keyboard, export it."""
import streamlit as st

from atlas import deck, i18n, safe_text, slides
from atlas.deck import DeckError
from atlas.export import pdf
from atlas.i18n import _
from atlas.themes import example_link
from atlas.ui import lang, state
from atlas.ui.cache import store
from atlas.ui import presenter
from atlas.ui.presenter import DECK_KEY, deck_param

lang.setup()  # this run's language (`?lang=`), its notice shown on the page
presenter.follow_deck_language()  # a deck link without ?lang= opens in the deck's own language

snap = store()
view = state.View("present", [
    state.choice("mode", ["build", "show"], "build", label=i18n.N_("Mode")),
    state.Param("slide", 1, lambda t: _slide_number(t), label=i18n.N_("Slide")),
    deck_param(slides.default_deck(snap)),
])


def _slide_number(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= deck.MAX_SLIDES:
        raise state.BadValue(_("'{value}' is not a slide number").format(value=state.shown(text)))
    return int(text)


notices = view.load()
refs = st.session_state[DECK_KEY] or []
code = i18n.lang()  # the deck's language: presenting and every export use it (exports run after this run)


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
def start() -> None:
    st.session_state[view.key("mode")] = "show"
    go(1)


top[0].button(_("Present"), icon=":material/slideshow:", type="primary", disabled=not refs, key="present-start",
              on_click=start)
top[1].button(_("Load the story deck"), icon=":material/auto_stories:", key="present-default",
              help=_("The story told on the overview, one theme after another"),
              on_click=lambda: set_deck(slides.default_deck(snap)))
top[2].button(_("Empty the deck"), icon=":material/delete_sweep:", key="present-clear", on_click=lambda: set_deck([]))

st.subheader(_("Slides ({count})").format(count=len(refs)))
presenter.short_link_notice(refs)
if not refs:
    st.info(_("No slides yet. On any explorer page, use **Add this view to my deck** in the sidebar, paste a link "
              "below, or load the story deck."))


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
    setattr(new[i], field, safe_text.clean(st.session_state[key]))  # pasted control characters break PowerPoint
    set_deck(new)


for i, ref in enumerate(refs):
    with st.container(border=True):
        cols = st.columns([6, 1, 1, 1], vertical_alignment="center")
        page_title = _(slides.page_title(ref.page)) if slides.page_title(ref.page) else None
        title_key, notes_key = f"present.title.{ref.id}", f"present.notes.{ref.id}"
        st.session_state.setdefault(title_key, ref.title)
        st.session_state.setdefault(notes_key, ref.notes)
        placeholder = presenter.view_slide(snap, ref).title if page_title else ""
        cols[0].text_input(_("Slide {n} title").format(n=i + 1), key=title_key, placeholder=placeholder, max_chars=deck.MAX_TITLE,
                           on_change=edit, args=(i, "title", title_key))
        cols[1].button(_("Up"), key=f"present.up.{ref.id}", icon=":material/arrow_upward:", disabled=i == 0,
                       on_click=move, args=(i, i - 1), width="stretch")
        cols[2].button(_("Down"), key=f"present.down.{ref.id}", icon=":material/arrow_downward:",
                       disabled=i == len(refs) - 1, on_click=move, args=(i, i + 1), width="stretch")
        cols[3].button(_("Remove"), key=f"present.rm.{ref.id}", icon=":material/delete:", on_click=remove, args=(i,),
                       width="stretch")
        if page_title:
            settings = slides.settings(snap, ref) or _("default view")
            st.caption(_("{page}: {settings}").format(page=page_title, settings=safe_text.md(settings)))
        else:
            st.warning(_("This slide shows a view the app no longer has ('{page}'); it will be skipped when "
                         "presenting and exporting.").format(page=state.shown(ref.page)))
        st.text_area(_("Speaker notes"), key=notes_key, max_chars=deck.MAX_NOTES, height=68,
                     on_change=edit, args=(i, "notes", notes_key))
        presenter.map_slide_extras(snap, ref, on_change=lambda params, i=i: set_params(i, params))

with st.expander(_("Add a slide from a link"), icon=":material/add_link:"):
    link = st.text_input(_("Paste a link to a view of this app (for example …/{example})").format(example=example_link()),
                         key="present.link")
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

st.subheader(_("Share and export"))
share, export_col = st.columns(2, gap="large")
with share:
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
