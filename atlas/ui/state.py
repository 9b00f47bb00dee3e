"""View state <-> URL query parameters (the Streamlit side of `atlas.params`).

Each page declares its parameters. On every run `View.load` decides where each value comes from:
a link the user just opened (`atlas.params.is_new_link`) wins; otherwise the widgets' own state;
otherwise what the page last showed in this session; otherwise the default. Anything in the URL that
cannot be used falls back with a plain notice, never an exception.
"""
from __future__ import annotations

from typing import Any

import streamlit as st

from atlas import history, i18n, linkguard, numbers
from atlas.i18n import _

# Parsing is pure and lives in atlas.params; these names stay importable from here for pages.
from atlas.params import (BadValue, Param, PartlyUsable, choice, codes, given_text, is_new_link,  # noqa: F401
                          known_names, parse_all, parse_value, period, shown)


def guard_long_links() -> None:
    """Once per session, on a run that got no parameters: a link Streamlit dropped for having too many is
    reopened as ?refused=<count> (atlas.linkguard), so the page can say it could not be used."""
    if st.query_params or st.session_state.get("_link.guarded"):
        return
    st.session_state["_link.guarded"] = True
    # Last in the sidebar: an empty element there moves nothing on the page.
    st.sidebar.html(f"<script>{linkguard.SCRIPT}</script>", unsafe_allow_javascript=True)


def one_entry_per_view() -> None:
    """Once per session (a page load): the browser script that makes a page completing its own link one
    history entry, not two (atlas.history), so Back leaves the page in one step."""
    if st.session_state.get("_link.history"):
        return
    st.session_state["_link.history"] = True
    st.sidebar.html(f"<script>{history.HISTORY}</script>", unsafe_allow_javascript=True)


def mark_page(url_path: str) -> None:
    """Called by app.py on every full run: note whether the user has just arrived on this page (then a
    URL that differs from what we last wrote is a new link)."""
    st.session_state["_view.arrived"] = st.session_state.get("_view.page") != url_path
    st.session_state["_view.page"] = url_path


class View:
    def __init__(self, page: str, params: list[Param]):
        self.page = page
        self.params = {p.name: p for p in params}

    def key(self, name: str) -> str:
        return f"{self.page}.{name}"

    def __getitem__(self, name: str) -> Any:
        return st.session_state[self.key(name)]

    def values(self) -> dict[str, Any]:
        return {name: st.session_state[self.key(name)] for name in self.params}

    def load(self) -> list[str]:
        """Put a valid value for every parameter into session state; return plain notices."""
        everything = {k: st.query_params.get(k) for k in st.query_params}
        remembered = st.session_state.get(self.key("_values"), {})
        interacting = any(self.key(n) in st.session_state and st.session_state[self.key(n)] != v
                          for n, v in remembered.items())
        from_link = is_new_link(everything, st.session_state.get(self.key("_written")),
                                # True when a page runs without app.py (tests)
                                st.session_state.get("_view.arrived", True), interacting)
        notices: list[str] = []
        for name, p in self.params.items():
            key = self.key(name)
            text = given_text(p, everything) if from_link else None
            if text is not None:
                st.session_state[key], notice = parse_value(p, text)
                if notice:
                    notices.append(notice)
            elif key not in st.session_state:
                st.session_state[key] = remembered.get(name, p.default)
        refused = linkguard.refused_count(everything.pop(linkguard.REFUSED, None))
        if refused is not None:  # a link Streamlit dropped whole (atlas.linkguard): say so, like any bad link
            notices.append(_("This link has {count} settings, more than the {most} a link can carry, so none of "
                             "them could be used").format(count=numbers.count(refused),
                                                          most=numbers.count(linkguard.MAX_FIELDS)))
        unknown = [k for k in everything if k not in known_names(list(self.params.values())) | {"lang"}]
        if unknown and from_link:
            notices.append(_("Ignored unknown link setting(s): {names}").format(
                names=', '.join(shown(k, 16) for k in unknown[:3])))
        return notices

    def sync(self) -> None:
        """Write the current view into the URL (only when it changed) and remember it for this session."""
        values = self.values()
        dumped = {}
        for name, v in values.items():
            text = self.params[name].dump(v)
            dumped[self.params[name].url_name(text)] = text  # a deck too long for a link: ?d=<id>
        if i18n.lang() != i18n.DEFAULT or "lang" in st.query_params:
            dumped["lang"] = i18n.lang()  # the language is part of every view
        st.session_state[self.key("_values")] = values
        st.session_state[self.key("_written")] = dumped
        if {k: st.query_params.get(k) for k in st.query_params} != dumped:
            st.query_params.from_dict(dumped)


def show_notices(notices: list[str]) -> None:
    """The one notice for a link's settings that could not be used (each said plainly)."""
    if notices:
        st.warning(_("Some settings in this link could not be used, so defaults are shown instead:") + "\n\n"
                   + "\n".join(f"- {n}" for n in notices), icon=":material/link_off:")
