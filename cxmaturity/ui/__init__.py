"""The Streamlit user interface: the only part of cxmaturity that imports streamlit."""
