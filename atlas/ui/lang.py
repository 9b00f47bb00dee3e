"""The page's language on the Streamlit side: `?lang=` (parsed by `atlas.params.LANG`), remembered for the
session so that every page move keeps it, the browser's preferred language on a first visit, and the switch."""
from __future__ import annotations

import streamlit as st

from atlas import i18n
from atlas.i18n import _
from atlas.params import LANG, parse_value

KEY = "_lang"


def from_browser() -> str:
    """The browser's preferred language (Streamlit 1.67's `st.context.locale`), when we have it."""
    try:
        locale = (st.context.locale or "").lower()
    except Exception:  # no browser (AppTest), or an older Streamlit
        locale = ""
    return "fr" if locale.startswith("fr") else i18n.DEFAULT


def setup(show: bool = True) -> str:
    """Set this run's language: the link's `lang` wins, then the session's, then the browser's.
    A bad `lang` falls back with the usual plain notice (shown when `show`). Every page and fragment calls it."""
    text = st.query_params.get("lang")
    notice = None
    if text is not None:
        code, notice = parse_value(LANG, text)
        if notice and KEY in st.session_state:
            code = st.session_state[KEY]
    else:
        code = st.session_state.get(KEY) or from_browser()
    st.session_state[KEY] = code
    i18n.use(code)
    if notice and show:
        from .state import show_notices
        show_notices([notice])
    return code


def current() -> str:
    """This session's language (for fragments, which run without the page's top)."""
    code = st.session_state.get(KEY, i18n.DEFAULT)
    i18n.use(code)
    return code


def link_params(params: dict | None = None) -> dict:
    """Query parameters for a link to another page, the language kept."""
    out = dict(params or {})
    if i18n.lang() != i18n.DEFAULT:
        out["lang"] = i18n.lang()
    return out


def set_language(code: str) -> None:
    """Change the session's language from code (a loaded deck's); the next run shows it."""
    st.session_state[KEY] = code
    st.query_params["lang"] = code


def _switched() -> None:
    code = st.session_state["_lang.switch"]
    if code:
        st.session_state[KEY] = code
        st.query_params["lang"] = code


def switch(where=st.sidebar) -> None:
    """The visible language switch (English / Français)."""
    st.session_state["_lang.switch"] = i18n.lang()
    where.segmented_control(_("Language"), list(i18n.LANGS), format_func=i18n.LANGS.get, key="_lang.switch",
                            on_change=_switched, required=True)
