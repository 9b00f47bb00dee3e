"""A theme's upload panel (`Theme.upload`): a visitor's own file, read in memory for this session, never
written, drawn beside the built-in series."""
from __future__ import annotations

import streamlit as st

from atlas import safe_text
from atlas.i18n import _
from atlas.store import Snapshot
from atlas.themes.base import Upload


def read_upload(up: Upload, key: str):
    """(export, None) for a good file, (None, message) for a bad one, (None, None) without a file."""
    file = st.session_state.get(key)
    if file is None:
        return None, None
    problem = up.size_problem(file.size)  # before reading anything
    if problem:
        return None, problem
    try:
        return up.read(file.getvalue(), file.name), None
    except up.error as exc:
        return None, str(exc)


def panel(snap: Snapshot, up: Upload, key: str, values: dict) -> dict:
    """The collapsed upload panel on every view (so a file survives switching views); returns the upload's
    series for the view that draws it ({"upload": frame or None})."""
    export, problem = read_upload(up, key)
    options = up.places(snap)
    guess = up.place_of(snap, export) if export is not None else None
    with st.expander(_(up.title), icon=":material/upload_file:", expanded=st.session_state.get(key) is not None):
        st.markdown(_(up.howto))
        st.file_uploader(_(up.label), type=list(up.types), key=key, max_upload_size=5,
                         help=_("Up to {size}").format(size=up.size_text(up.max_bytes)))
        if problem:
            st.error(_("This file cannot be used: {problem} The built-in series are unchanged.").format(
                problem=safe_text.md(problem)),
                     icon=":material/error:")
        elif export is not None:
            st.success(safe_text.md(up.summary(export)), icon=":material/check_circle:")  # names from the file
            for note in export.notes:
                st.info(note)
            missing = up.missing(export)
            if missing:
                st.info(missing)
            pick = st.columns(2)
            pick[0].selectbox(_("Column to draw"), export.systems, key=f"{key}.system",
                              index=export.systems.index(up.first_column(export.systems)))
            pick[1].selectbox(_("This export is for"), options, format_func=snap.name, key=f"{key}.place",
                              index=options.index(guess) if guess in options else None,
                              placeholder=_("Which place? (not in the file name)"))
            if values["view"] != up.view:
                st.caption(_("It is drawn on the Trend view, beside the built-in series."))
    if export is None:
        return {"upload": None}
    column = st.session_state.get(f"{key}.system")
    column = column if column in export.systems else up.first_column(export.systems)
    place = st.session_state.get(f"{key}.place") or guess
    return {"upload": up.series(export, column, snap.name(place) if place else None)}
