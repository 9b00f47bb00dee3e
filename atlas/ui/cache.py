"""The one place the snapshot is loaded: once per server process."""
import streamlit as st

from atlas.store import Snapshot


@st.cache_resource(show_spinner=False)
def store() -> Snapshot:
    return Snapshot.load()
