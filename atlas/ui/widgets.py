"""Pieces every explorer page shares: the source line, downloads, caveats, the timeline with Play."""
from __future__ import annotations

import time
from typing import Callable

import pandas as pd
import streamlit as st

from atlas import export, i18n, numbers
from atlas.charts import Spec
from atlas.i18n import N_, _
from atlas.store import Snapshot

from . import lang
from .state import View


def downloads(chart: Spec | Callable[[], Spec] | None, frame: pd.DataFrame, citation: str, name: str,
              key: str) -> None:
    """CSV of the values behind the view; the chart as PNG and SVG, rendered only when clicked (an explorer
    draws the link to the whole dataset under them, outside the period's fragment: `dataset_link`).
    Pass a map's chart as a function: its export spec inlines the world geometry, which costs a second
    or more to build, so it is built only on a click."""
    # Buttons as wide as their words, side by side, wrapping on a phone ("Toutes les données" is never cut)
    row = st.container(horizontal=True, gap="small")
    code = i18n.lang()  # a download is made after this run, in another thread: in this run's language
    row.download_button("CSV", lambda: export.csv(frame, citation, lang=code), f"{name}.csv", "text/csv",
                        key=f"{key}.csv", icon=":material/table:", on_click="ignore", width="content",
                        help=_(CSV_HELP[code]))
    if chart is not None:
        make = chart if callable(chart) else (lambda: chart)

        def drawn() -> Spec:
            with i18n.using(code):  # a chart made here is filled in the page's language ("58,4 %": charts.finish)
                return make()
        row.download_button("PNG", lambda: export.png(drawn()), f"{name}.png", "image/png",
                            key=f"{key}.png", icon=":material/image:", on_click="ignore", width="content")
        row.download_button("SVG", lambda: export.svg(drawn()), f"{name}.svg", "image/svg+xml",
                            key=f"{key}.svg", icon=":material/draw:", on_click="ignore", width="content")


# --- sharing (issue 24): the whole dataset, and the snippet that embeds a view in another site ---------
def dataset_link(where=st) -> None:
    """A link to the whole-dataset zip (static/data, built from the snapshot by atlas.pipeline.dataset)."""
    from atlas.pipeline.dataset import URL, ZIP_NAME, published
    built = published()
    if built is None:  # static/data not built (scripts/setup.sh builds it): no link to a missing file
        return
    where.link_button(_("All data"), f"{URL.lstrip('/')}/{ZIP_NAME}", icon=":material/folder_zip:", width="content",
                      help=_("The whole snapshot in one zip ({size} MB): every table as CSV and Parquet, each "
                             "indicator's metadata in English and French, how to cite each source and its "
                             "licence").format(size=numbers.decimal(built["zip_bytes"] / 1e6, 1)))


def dataset_section() -> None:
    """The data page's part: what the whole-dataset zip holds, its link, and the per-indicator addresses."""
    from atlas.pipeline.dataset import INDEX, URL
    st.subheader(_("Download the whole dataset"))
    st.caption(_("One zip of this snapshot: every table as CSV (UTF-8) and Parquet, one metadata file per indicator "
               "(label, unit, definition, source, publisher, licence, vintage and caveats, in English and French), "
               "the manifest and a README saying how to cite each source and under which licence. Each indicator's "
               "rows and metadata also have a stable address, {csv} and {json}, listed in {index}.").format(
        csv=f"{URL}/<indicator>.csv", json=f"{URL}/<indicator>.json", index=f"{URL}/{INDEX}"))
    dataset_link()


EMBED_OPEN = "embed._open"  # the expander's state (session only, never in the URL)


def embed(page: str, title: str) -> None:
    """"Embed this view": the `<iframe>` snippet of the view as it is now (atlas.embed), to copy. Not shown
    inside an embedded view itself."""
    if st.context.is_embedded:
        return
    from atlas import embed as snippet
    # The snippet is built only once the expander is open (it reports its state and reruns): st.code pulls
    # Streamlit's syntax-highlighter chunk (441 KB compressed) and the monospace font (91 KB) into the browser,
    # and a closed expander's snippet would be sent again on every move (docs/PERFORMANCE.md, bytes).
    with st.expander(_("Embed this view"), icon=":material/code:", key=EMBED_OPEN, on_change="rerun") as box:
        if not box.open:
            return
        st.caption(_("Copy this HTML into a page of your site: it shows this view as it is now, in this language, "
                     "with its controls and sources. The atlas's operator must allow your site's address."))
        params = {k: st.query_params.get(k) for k in st.query_params}
        # Plain text: Streamlit's HTML highlighting colours fail the 4.5:1 contrast (axe-core, color-contrast).
        st.code(snippet.iframe(snippet.page_url(st.context.url, page), params,
                               _("Connectivity Atlas — {title}").format(title=title)), language=None, wrap_lines=True)


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
        # One row even on a phone (columns would stack there): the button as wide as its word ("Lecture")
        row = st.container(horizontal=True, vertical_alignment="bottom")
        clicked = row.button(_("Pause") if playing else _("Play"), key=f"{key}._play",
                             icon=":material/pause:" if playing else ":material/play_arrow:", width="content",
                             help=_("Step through the periods, one every second or so"))
        if clicked:
            if not playing and st.session_state[key] == periods[-1]:
                st.session_state[key] = periods[0]
            st.session_state[playing_key] = not playing
            st.session_state[tick_key] = time.monotonic()
            st.rerun(scope="app")
        row.select_slider(label, options=periods, key=key, format_func=numbers.period)  # 'Mar 2019', 'mars 2019'
        view.sync()
        render(st.session_state[key])

    _fragment()


def _picked(event) -> str | None:
    picked = (event or {}).get("selection", {}).get("pick") or []
    code = picked[0].get("id") if picked and isinstance(picked[0], dict) else None
    return code if isinstance(code, str) else None


def map_with_search(fig, spec: dict, key: str, draw: Callable[[dict], object]) -> None:
    """A map (`spec`, the figure's spec as sent), a country search under it, and the card of the country last
    tapped or found. A tap is outlined at once in the browser (the map's "pick" selection); a search outlines
    its country (`maps.highlight`).
    Neither is part of the view's link: the search and the card are this session's, for reading the map."""
    from atlas.charts import maps
    from atlas.profile_views import picker_labels
    from .cache import store

    snap = store()
    find, seen = f"{key}.find", f"{key}.seen"
    found = st.session_state.get(find)
    event = draw(maps.highlight(spec, found))
    tapped = _picked(event)
    if tapped != st.session_state.get(seen):  # a new tap: it is what the card shows, and the search gives way
        st.session_state[seen] = tapped
        if tapped and found:
            st.session_state[find] = None
            st.rerun()
    # The picker only once asked for: its ~200 names cost 5.6 KB on every move of the map (a GSMA map move
    # went over its 15 KB budget); a button costs 0.3 KB.
    if found or st.session_state.get(f"{key}.searching"):
        labels = picker_labels(snap)
        st.selectbox(_("Find a country"), list(labels), format_func=labels.get, index=None, key=find,
                     placeholder=_("Find a country"), label_visibility="collapsed")
    else:
        st.button(_("Find a country"), key=f"{key}.search", icon=":material/search:",
                  on_click=st.session_state.__setitem__, args=(f"{key}.searching", True))
    picked_card(found or tapped, fig)


def picked_card(code: str | None, fig) -> None:
    """A tap or click on a map country shows its value and a link to its profile, not a page change: a
    touch user has no hover, so opening the profile at once left no way to read a value on the map."""
    from atlas.profile_views import picker_labels
    from .cache import store

    snap = store()
    if not isinstance(code, str) or code not in snap.entities.index:
        return
    name = snap.name(code)
    with st.container(border=True, key="map-picked"):
        value = fig.value_of(name)
        st.markdown(f"**{name}**" + (f" — {value}" if value else ""))
        if code in picker_labels(snap):
            st.page_link("pages/country.py", label=_("Open this country's profile"), icon=":material/flag:",
                         query_params=lang.link_params({"country": code}))
