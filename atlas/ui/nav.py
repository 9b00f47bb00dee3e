"""The app's pages, built from the theme registry: one page per theme (no file: the page is the explorer
renderer called with the theme), beside the files in pages/ (overview, country profile, presenter, data)."""
from __future__ import annotations

from functools import partial

import streamlit as st

from atlas.i18n import N_, _
from atlas.themes import Theme, by_page, themes

from . import lang, upload
from .cache import store
from .explorer import render


def run_theme(page: str) -> None:
    """A theme's page: its explorer, and its upload panel if it declares one."""
    lang.setup()
    theme = by_page(page)
    snap = store()
    up = theme.upload
    render(theme.explorer, snap,
           extras=(lambda values: upload.panel(snap, up, f"{theme.explorer.key}.upload", values)) if up else None)


def theme_page(theme: Theme) -> st.Page:
    """The theme's page (Streamlit tells pages apart by URL path, so this also serves st.page_link)."""
    return st.Page(partial(run_theme, theme.page), title=_(theme.title), icon=theme.icon, url_path=theme.page)


def pages() -> dict[str, list[st.Page]]:
    """The navigation: groups (catalogue messages, N_) of pages in the order the sidebar lists them."""
    return {
        N_("Explore"): [
            st.Page("pages/overview.py", title=_("Overview"), icon=":material/home:", url_path="overview",
                    default=True),
            *[theme_page(t) for t in themes()],
            st.Page("pages/compare.py", title=_("Compare"), icon=":material/bubble_chart:", url_path="compare"),
            st.Page("pages/country.py", title=_("Country profile"), icon=":material/flag:", url_path="country"),
        ],
        N_("Present"): [
            st.Page("pages/present.py", title=_("Presenter mode"), icon=":material/slideshow:", url_path="present"),
        ],
        N_("About"): [
            st.Page("pages/data.py", title=_("Data and sources"), icon=":material/dataset:", url_path="data"),
        ],
    }
