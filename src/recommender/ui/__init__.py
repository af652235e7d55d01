"""Streamlit front end: one module per page; all work is done by the library."""
