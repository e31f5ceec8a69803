"""The questionnaires found in ``assessments/``, read through the engine."""

from __future__ import annotations

import streamlit as st

from cxmaturity.cli import default_catalog_dir
from cxmaturity.loader import Catalog

LANG = "es"


@st.cache_resource
def _catalog() -> Catalog:
    return Catalog.from_dirs([default_catalog_dir()])


def render() -> None:
    catalog = _catalog()
    st.title("cxmaturity")
    for questionnaire in catalog.questionnaires.values():
        with st.container(border=True):
            st.subheader(questionnaire.title.get(LANG), anchor=False)
            if questionnaire.description is not None:
                st.text(questionnaire.description.get(LANG))
            st.caption(f"{questionnaire.id} · {questionnaire.item_count()} · {questionnaire.kind}")
    for path, problems in catalog.broken.items():
        st.error(path)
        st.code("\n".join(str(p) for p in problems), language=None)


render()
