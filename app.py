"""Entry point: ``streamlit run app.py``. Page setup and navigation, nothing else."""

import streamlit as st

from cxmaturity.ui.shell import navigation

st.set_page_config(page_title="cxmaturity", page_icon=":material/insights:", layout="wide")
navigation().run()
