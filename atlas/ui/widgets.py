"""Pieces every explorer page shares: the source line, downloads, caveats, the timeline with Play."""
from __future__ import annotations

import time
from typing import Callable

import pandas as pd
import streamlit as st

from atlas import export, i18n
from atlas.charts import Spec
from atlas.i18n import N_, _
from atlas.store import Snapshot

from . import lang
from .state import View


def downloads(chart: Spec | Callable[[], Spec] | None, frame: pd.DataFrame, citation: str, name: str,
              key: str) -> None:
    """CSV of the values behind the view; the chart as PNG and SVG, rendered only when clicked.
    Pass a map's chart as a function: its export spec inlines the world geometry, which costs a second
    or more to build, so it is built only on a click."""
    cols = st.columns(3)
    code = i18n.lang()  # a download is made after this run, in another thread: in this run's language
    cols[0].download_button("CSV", lambda: export.csv(frame, citation, lang=code), f"{name}.csv", "text/csv",
                            key=f"{key}.csv", icon=":material/table:", on_click="ignore", width="stretch",
                            help=_(CSV_HELP[code]))
    if chart is None:
        return
    make = chart if callable(chart) else (lambda: chart)

    def drawn() -> Spec:
        with i18n.using(code):  # a chart made here is filled in the page's language ("58,4 %": charts.finish)
            return make()
    cols[1].download_button("PNG", lambda: export.png(drawn()), f"{name}.png", "image/png",
                            key=f"{key}.png", icon=":material/image:", on_click="ignore", width="stretch")
    cols[2].download_button("SVG", lambda: export.svg(drawn()), f"{name}.svg", "image/svg+xml",
                            key=f"{key}.svg", icon=":material/draw:", on_click="ignore", width="stretch")


CSV_HELP = {"en": N_("Comma-separated, decimal point, UTF-8; the last column cites the source"),
            "fr": N_("Semicolon-separated with decimal commas, as a spreadsheet set to French opens it; "
                     "the last column cites the source")}


def caveats(snap: Snapshot, indicators: list[str], extra: list[str] = ()) -> None:
    """Definitions and caveats of the indicators on the page, with their sources."""
    with st.expander(_("About this data: definitions, caveats and sources"), icon=":material/info:"):
        for note in extra:
            st.markdown(f"- {note}")
        for ind_id in dict.fromkeys(indicators):
            ind = snap.indicator(ind_id)
            st.markdown(f"**{ind['label']}** — {ind['definition']}")
            if ind["caveats"]:
                st.caption(_("Caveats: {text}").format(text=ind['caveats']))
            st.caption(f"{snap.citation(ind_id)} [{ind['source_url']}]({ind['source_url']})")


def timeline(view: View, name: str, periods: list[str], label: str, render: Callable[[str], None],
             pace: float = 1.2) -> None:
    """A period slider with Play/Pause, and what it drives. Playing reruns only this fragment, once per
    `pace` seconds, and stops by itself at the last period."""
    key, playing_key, tick_key = view.key(name), view.key(f"{name}._playing"), view.key(f"{name}._tick")
    playing = st.session_state.get(playing_key, False)

    @st.fragment(run_every=pace if playing else None)
    def _fragment() -> None:
        lang.current()  # a fragment's own run starts without the page's language
        # Step only on the timer's runs, not on a full rerun that happens to come in between.
        due = time.monotonic() - st.session_state.get(tick_key, 0.0) >= 0.9 * pace
        if st.session_state.get(playing_key) and due:
            st.session_state[tick_key] = time.monotonic()
            i = periods.index(st.session_state[key])
            if i + 1 < len(periods):
                st.session_state[key] = periods[i + 1]
            else:
                st.session_state[playing_key] = False
                st.rerun(scope="app")  # drop the timer
        left, right = st.columns([3, 17], vertical_alignment="bottom")  # room for "Lecture"
        clicked = left.button(_("Pause") if playing else _("Play"), key=f"{key}._play",
                              icon=":material/pause:" if playing else ":material/play_arrow:", width="stretch",
                              help=_("Step through the periods, one every second or so"))
        if clicked:
            if not playing and st.session_state[key] == periods[-1]:
                st.session_state[key] = periods[0]
            st.session_state[playing_key] = not playing
            st.session_state[tick_key] = time.monotonic()
            st.rerun(scope="app")
        right.select_slider(label, options=periods, key=key)
        view.sync()
        render(st.session_state[key])

    _fragment()


def open_profile_on_click(event) -> None:
    """A click on a map country (point selection "pick" on field "id") opens that country's profile."""
    picked = (event or {}).get("selection", {}).get("pick") or []
    code = picked[0].get("id") if picked and isinstance(picked[0], dict) else None
    if code:
        st.switch_page("pages/country.py", query_params=lang.link_params({"country": code}))
