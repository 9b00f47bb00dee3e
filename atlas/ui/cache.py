"""The one place the snapshot is loaded: once per server process (per snapshot folder)."""
import os
from pathlib import Path

import streamlit as st

from atlas.store import DATA_DIR, Snapshot


def data_dir() -> Path:
    """The committed snapshot; tests may point ATLAS_DATA_DIR at a modified copy."""
    return Path(os.environ.get("ATLAS_DATA_DIR", DATA_DIR))


@st.cache_resource(show_spinner=False)
def _load(path: str) -> Snapshot:
    return Snapshot.load(Path(path))


def store() -> Snapshot:
    return _load(str(data_dir()))
