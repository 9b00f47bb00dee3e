"""The one Streamlit renderer for any declared explorer (`atlas.themes.base.Explorer`): opening, notices, controls,
the timeline with Play, the chart or table, the no-data notice, downloads and caveats."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

import pandas as pd
import pyarrow as pa
import streamlit as st

from atlas import i18n, regions
from atlas.charts import Spec
from atlas.themes.base import Column, Control, Explorer, Figure
from atlas.i18n import _
from atlas.store import Snapshot

from . import lang, layout, state, widgets

WIDGETS = {"segmented": st.segmented_control, "select": st.selectbox, "multiselect": st.multiselect}


def control(snap: Snapshot, view: state.View, c: Control, values: dict) -> None:
    kwargs = {"format_func": c.label_of(snap), "key": view.key(c.param), "help": (c.help() if callable(c.help) else _(c.help)) if c.help else None,
              "disabled": c.disabled(values)}
    if c.widget == "segmented":
        kwargs["required"] = True
    if c.widget == "multiselect":
        kwargs["max_selections"] = 12
    # In a wrapping row (`controls`) each control takes its own width, so a long option is never cut and
    # a row holds as many controls as fit (one row on a laptop where there were three).
    kwargs["width"] = WIDTHS[c.widget]
    if c.param == "view":  # the views read as tabs: their label only for screen readers, a row less above the chart
        kwargs["label_visibility"] = "collapsed"
    WIDGETS[c.widget](_(c.label), c.options(snap), **kwargs)


# Choices as wide as their words; selects and the places box share what is left of their row (an indicator's
# name in full), each on a row of its own where the page is narrow.
WIDTHS = {"segmented": "content", "select": "stretch", "multiselect": "stretch"}


def controls(snap: Snapshot, view: state.View, ex: Explorer, names: list[str], values: dict) -> None:
    """Controls side by side in one row that wraps where the page is narrow (issue 22: fewer rows)."""
    if not names:
        return
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):
        for name in names:
            control(snap, view, ex.controls[name], values)


def lean(spec: dict) -> dict:
    """The spec with its datasets as Arrow tables without pandas' schema metadata (column and index
    descriptions the browser never reads): about 1 KB less on every rerun, the chart unchanged; text
    columns with 32-bit offsets."""
    return {**spec, "datasets": {name: _arrow(frame) if isinstance(frame, pd.DataFrame) else frame
                                 for name, frame in spec.get("datasets", {}).items()}}


def _arrow(frame: pd.DataFrame) -> pa.Table:
    """A frame as Arrow for the browser: text with 32-bit offsets (pandas' strings become 64-bit
    `large_string`, 4 bytes more per row for nothing: ~0.7 KB on a world map's codes)."""
    table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
    small = pa.schema([f.with_type(pa.string()) if f.type == pa.large_string() else f for f in table.schema])
    return table.cast(small) if small != table.schema else table


def column_config(columns: dict[str, Column], styled: bool = False) -> dict:
    """Declared table columns (pure: heading and number format) as Streamlit's column settings. With
    `styled` (the frame comes through `table`) number columns get no `format`: a column_config format
    would override the language-aware display text (printf and Streamlit's presets write only '58.4',
    and its "localized" preset follows the browser's locale, not the page's language)."""
    first = next(iter(columns), None)
    return {name: (st.column_config.LinkColumn(_(col.label)) if col.number == "link" else
                   st.column_config.NumberColumn(_(col.label), format=None if styled else col.number)
                   if col.number else
                   # the first column names the row (a country): pinned, it stays in view when a phone scrolls
                   st.column_config.TextColumn(_(col.label), pinned=True) if name == first else _(col.label))
            for name, col in columns.items()}


def dataframe(frame: pd.DataFrame, columns: dict[str, Column], **kwargs) -> None:
    """A declared table on the page, its numbers in the page's language. English keeps Streamlit's printf
    formats (which write English): a Styler costs ~0.1-0.2 s and twice the bytes per render of a 230-row
    table (pandas renders every cell), so only a language that needs other separators pays for it."""
    styled = i18n.lang() != i18n.DEFAULT
    hidden = {"entity": None} if "entity" in frame and "entity" not in columns else {}  # the ISO code: CSV only
    st.dataframe(table(frame, columns) if styled else frame, hide_index=True, width="stretch",
                 column_config={**column_config(columns, styled=styled), **hidden}, **kwargs)


def table(frame: pd.DataFrame, columns: dict[str, Column]):
    """The frame with its numbers written in the page's language (a pandas Styler: Streamlit shows the
    Styler's display text, '58,4' in French, and keeps the numbers underneath, so a column still sorts
    by value, not alphabetically)."""
    styler = frame.style
    for name, col in columns.items():
        if col.number and col.number != "link" and name in frame.columns:
            styler = styler.format(col.text, subset=[name], na_rep="")
    return styler


def show(fig: Figure, key: str, sent: Spec | None = None) -> None:
    """A figure on the page: its chart (or table, or notice), captions, notes and downloads. `sent`: the chart's
    spec as the browser gets it (`lean`), when the caller already has it (`kept_figure`)."""
    if fig.notice:
        st.info(fig.notice, icon=":material/search_off:")
        return
    if fig.columns is not None:
        dataframe(fig.table, fig.columns, height=480)
    elif fig.spec is not None:
        sent = sent if sent is not None else lean(fig.spec)
        if fig.clickable:
            widgets.map_with_search(fig, sent, key, lambda spec: st.vega_lite_chart(
                spec, width="stretch", key=f"{key}.chart", on_select="rerun", selection_mode="pick"))
        else:
            st.vega_lite_chart(sent, width="stretch", key=f"{key}.chart")
    for caption in fig.captions:
        st.caption(caption)
    for note in fig.notes:
        st.markdown(note)
    if fig.details:
        label, frame, columns = fig.details
        with st.expander(_(label)):
            dataframe(frame, columns)
    if fig.table is not None and fig.downloads:
        widgets.downloads(None if fig.columns is not None else fig.export, fig.table, fig.source, fig.file,
                          key=f"{key}.dl")


# Figures drawn lately in this process, with their specs as sent, by view, language and snapshot: a period move is
# mostly a view someone drew a moment ago (every visitor starts at the latest period and steps back), and making
# it again (the map's table, its description, its spec and their Arrow tables) was most of a move's CPU.
# A figure is never changed once made (`show` and the downloads only read it), so visitors share it.
FIGURES_KEPT = 96  # ~70 KB each (a map, its table and Arrow copy; tracemalloc): at most ~7 MB per process


@st.cache_resource(max_entries=FIGURES_KEPT, show_spinner=False)
def _figure(_ex: Explorer, _snap: Snapshot, explorer: str, snapshot: int, lang: str, values: tuple
            ) -> tuple[Figure, Spec | None]:
    fig = _ex.figure(_snap, dict(values), extras={})
    return fig, lean(fig.spec) if fig.spec is not None else None


def kept_figure(ex: Explorer, snap: Snapshot, values: dict, extras: dict) -> tuple[Figure, Spec | None]:
    """The view's figure for these values and its spec as sent (`lean`; None: not made yet), made once per view,
    language and snapshot while it is among the `FIGURES_KEPT` last drawn. A visitor's own file (an upload in
    `extras`) is theirs alone: never kept."""
    if any(v is not None for v in extras.values()):
        return ex.figure(snap, values, extras=extras), None  # (`show` makes the spec as sent)
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in values.items()))
    return _figure(ex, snap, ex.key, id(snap), i18n.lang(), key)


def home_region(params: list[state.Param]) -> list[state.Param]:
    """The explorer's parameters, the region's default set by the browser's language (`regions.HOME`): a link
    that names a region, or a region chosen in this session, still wins."""
    home = regions.HOME.get(lang.from_browser())
    return [replace(p, default=home) if p.name == "region" and home and state.parse_value(p, home)[1] is None else p
            for p in params]


def render(ex: Explorer, snap: Snapshot, extras: Callable[[dict], dict] | None = None) -> None:
    """Draw the explorer. `extras(values)` (optional, Streamlit) may draw page-only inputs, such as an
    uploaded file, and returns what the views need from them."""
    view = state.View(ex.key, home_region(ex.params(snap)))
    notices = view.load()
    st.title(_(ex.title))
    st.caption(ex.intro(snap))
    state.show_notices(notices)
    values = view.values()
    with st.container(horizontal=True, vertical_alignment="bottom", gap="small"):  # the view and its place
        control(snap, view, ex.controls["view"], values)
        values = view.values()
        for name, shown_on in ex.top:
            if values["view"] in shown_on:
                control(snap, view, ex.controls[name], values)
    values = view.values()
    before = dict(values)
    moved = ex.settle(snap, values)
    for name, value in values.items():
        if value != before[name]:  # only a value the settling moved (its widget is not drawn yet)
            st.session_state[view.key(name)] = value
    if moved:
        st.info(moved, icon=":material/event:")
    chosen = ex.views[values["view"]]
    # The view's own settings: beside each other above the chart; on a phone below it (atlas.ui.layout).
    with st.container(key=layout.OPTIONS):
        controls(snap, view, ex, [name for row in chosen.controls for name in row], values)
    figure, links, after = st.container(key=layout.FIGURE), st.container(), st.container(key=layout.AFTER)
    with after:  # a page's own inputs (an uploaded file) under the chart they feed
        more = extras(view.values()) if extras else {}

    def draw(period: str | None = None) -> None:
        current = view.values()
        if period is not None:
            current[ex.period] = period
        fig, sent = kept_figure(ex, snap, current, more)
        show(fig, f"{ex.key}.{chosen.key}", sent)
        widgets.embed(ex.page, _(ex.title))  # after view.sync(): the URL holds this view

    with figure:
        if chosen.timeline:
            widgets.timeline(view, ex.period, ex.periods(snap, values), _(ex.period_label(values)), draw)
        else:
            view.sync()
            draw()
    with links:  # under the downloads, outside the period's fragment: the same on every move (0.4 KB a move)
        widgets.dataset_link()
    with after:
        # The headline and its sources under the chart, not above it: the chart is the answer (issue 22).
        if ex.headline:
            h = ex.headline(snap)
            st.markdown(f"#### {h.text}")
            with st.container(horizontal=True, gap="medium"):
                for label, value, delta, help_ in h.metrics:
                    st.metric(label, value, delta, help=help_, border=True, delta_color="off", delta_arrow="off",
                              width="content")
            st.markdown(h.caption)  # not st.caption: its faded tint would put the source links below 4.5:1
        indicators, notes = ex.caveats(snap, view.values())
        widgets.caveats(snap, indicators, extra=notes)
