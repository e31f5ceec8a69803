"""Entry point: ``streamlit run app.py``."""

import streamlit as st

st.set_page_config(page_title="cxmaturity", layout="wide")
st.navigation([st.Page("cxmaturity/ui/pages/catalog.py", title="cxmaturity")]).run()
