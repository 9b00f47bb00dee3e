"""Data and sources: what the snapshot holds and where every figure comes from."""
import streamlit as st

from atlas.store import refresh_report, source_vintages
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

st.subheader("Sources: vintage and updates")
st.dataframe(source_vintages(snap)[["publisher", "vintage", "first period", "last period", "rows", "updated"]],
             hide_index=True, width="stretch")

st.subheader("Last refresh")
report = refresh_report(snap)
if report is None:
    st.write("This snapshot has not been refreshed since it was built from the shared raw files.")
else:
    st.write(report["summary"])
    st.dataframe(report["kept"], hide_index=True, width="stretch",
                 column_config={"sha256": st.column_config.TextColumn("SHA-256 of the kept file")})
    with st.expander(f"Values revised ({len(report['revised'])} listed)"):
        st.dataframe(report["revised"], hide_index=True, width="stretch")
    with st.expander(f"Places added or gone ({len(report['places'])})"):
        st.dataframe(report["places"], hide_index=True, width="stretch")

st.subheader("Publications cited")
st.dataframe(snap.sources[["publisher", "title", "vintage", "licence", "url"]], hide_index=True, width="stretch",
             column_config={"url": st.column_config.LinkColumn("Link")})

with st.expander("Raw files and their SHA-256"):
    st.dataframe([{"file": k, **v} for k, v in m["raw_files"].items()], width="stretch")
    st.write("Not used:", m["raw_files_not_used"])
    if m.get("refreshed_files"):
        st.write("caniuse months fetched by the refresh, kept in the project (raw/caniuse-db):")
        st.dataframe([{"file": k, **v} for k, v in m["refreshed_files"].items()], width="stretch")
