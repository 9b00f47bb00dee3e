"""The Streamlit side of the package: caching, view state in the URL, shared widgets."""
