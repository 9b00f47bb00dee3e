"""The KaiOS page's StatCounter upload: the file is read in memory for this session, never written."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from atlas import kaios, safe_text, statcounter
from atlas.i18n import _
from atlas.store import Snapshot

UPLOAD_KEY = "kaios.upload"


def read_upload() -> tuple[statcounter.Export | None, str | None]:
    """(Export, None) for a good file, (None, message) for a bad one, (None, None) without a file."""
    file = st.session_state.get(UPLOAD_KEY)
    if file is None:
        return None, None
    problem = statcounter.size_problem(file.size)  # before reading anything
    if problem:
        return None, problem
    try:
        return statcounter.read_export(file.getvalue(), file.name), None
    except statcounter.ExportError as exc:
        return None, str(exc)


def statcounter_panel(snap: Snapshot, values: dict) -> dict:
    """The collapsed upload panel on every view (so a file survives switching views); returns the upload's
    series for the trend ({"upload": frame or None})."""
    export, problem = read_upload()
    options = sorted(kaios.place_codes(snap), key=snap.name)
    guess = kaios.place_for_code(snap, export.place) if export is not None else None
    with st.expander(_("Compare with your own StatCounter export"), icon=":material/upload_file:",
                     expanded=st.session_state.get(UPLOAD_KEY) is not None):
        st.markdown(_(kaios.UPLOAD_HOWTO))
        st.file_uploader(_("StatCounter CSV export"), type=["csv", "txt"], key=UPLOAD_KEY, max_upload_size=5,
                         help=_("Up to {size}").format(size=statcounter.size_text(statcounter.MAX_BYTES)))
        if problem:
            st.error(_("This file cannot be used: {problem} The built-in series are unchanged.").format(
                problem=safe_text.md(problem)),
                     icon=":material/error:")
        elif export is not None:
            st.success(safe_text.md(kaios.upload_summary(export)), icon=":material/check_circle:")  # names from the file
            for note in export.notes:
                st.info(note)
            if "KaiOS" not in export.systems:
                st.info(_("This export has no KaiOS column (StatCounter folds small systems into Other); pick the "
                          "column to draw."))
            pick = st.columns(2)
            pick[0].selectbox(_("Column to draw"), export.systems, key="kaios.upload.system",
                              index=export.systems.index(kaios.default_system(export.systems)))
            pick[1].selectbox(_("This export is for"), options, format_func=snap.name, key="kaios.upload.place",
                              index=options.index(guess) if guess in options else None,
                              placeholder=_("Which place? (not in the file name)"))
            if values["view"] != "trend":
                st.caption(_("It is drawn on the Trend view, beside the built-in series."))
    if export is None:
        return {"upload": None}
    system = st.session_state.get("kaios.upload.system")
    system = system if system in export.systems else kaios.default_system(export.systems)
    place = st.session_state.get("kaios.upload.place") or guess
    name = kaios.upload_name(system, snap.name(place) if place else None)
    return {"upload": kaios.upload_series(export.series(system), name).assign(kind="upload")}
