"""Data and sources: what the snapshot holds and where every figure comes from."""
import streamlit as st

from atlas.ui.cache import store
from atlas.ui.entry import through_app

through_app()

snap = store()
m = snap.manifest
st.title("Data and sources")
st.caption(f"Snapshot built {m['built_at']} from {len(m['raw_files'])} public source files. "
           "The app reads only this snapshot; nothing is fetched at run time.")

cols = st.columns(4)
cols[0].metric("Observations", f"{m['tables']['observations']:,}")
cols[1].metric("Indicators", m["tables"]["indicators"])
cols[2].metric("Places and groups", m["tables"]["entities"])
cols[3].metric("Cited sources", m["tables"]["sources"])

st.subheader("Indicators")
theme = st.segmented_control("Theme", ["internet", "mobile_money", "kaios"], default="internet",
                             format_func=lambda t: {"internet": "Internet use", "mobile_money": "Mobile money",
                                                    "kaios": "KaiOS and browsers"}[t], key="theme")
ind = snap.indicators
ind = ind[ind["theme"] == theme] if theme else ind
counts = ind["id"].map(m["rows_per_indicator"])
st.dataframe(ind.assign(rows=counts)[["label", "unit", "period_type", "rows", "publisher", "vintage", "licence",
                                      "definition", "caveats"]],
             hide_index=True, width="stretch")

st.subheader("Publications cited")
st.dataframe(snap.sources[["publisher", "title", "vintage", "licence", "url"]], hide_index=True, width="stretch",
             column_config={"url": st.column_config.LinkColumn("Link")})

with st.expander("Raw files and their SHA-256"):
    st.dataframe([{"file": k, **v} for k, v in m["raw_files"].items()], width="stretch")
    st.write("Not used:", m["raw_files_not_used"])
