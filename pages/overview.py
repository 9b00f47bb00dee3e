"""Placeholder: this page is being built (see the issue tracker)."""
import streamlit as st

st.title("overview")
st.info("This page is being built.")
