"""Connectivity Atlas: entry point. Page config, navigation over pages/, nothing else."""
import streamlit as st

st.set_page_config(page_title="Connectivity Atlas", page_icon=":material/public:", layout="wide")

PAGES = [
    st.Page("pages/internet.py", title="Internet use", icon=":material/wifi:", url_path="internet"),
    st.Page("pages/data.py", title="Data and sources", icon=":material/dataset:", url_path="data", default=True),
]
st.navigation(PAGES).run()
