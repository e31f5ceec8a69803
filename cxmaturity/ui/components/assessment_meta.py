"""An assessment's KPI values and its draft/final status, on the Results page."""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.model import Questionnaire
from cxmaturity.records import KPI_NAMES
from cxmaturity.ui.backend import services
from cxmaturity.ui.restore import bound
from cxmaturity.ui.state import UiState

LIMITS: dict[str, tuple[float, float]] = {
    "nps": (-100.0, 100.0),
    "csat": (0.0, 100.0),
    "ces": (1.0, 7.0),
    "fcr": (0.0, 100.0),
    "cost_per_contact": (0.0, 1_000_000.0),
}


def assessment_meta(state: UiState, questionnaire: Questionnaire) -> None:
    """Nothing unless this session's answers are saved in an assessment."""
    assessment = bound(state, questionnaire)
    if assessment is None:
        return
    lang = state.lang
    saved = services().assessments.kpis(assessment)
    with st.expander(t("kpi_title", lang), icon=":material/monitoring:"):
        st.caption(t("kpi_help", lang))
        with st.form(f"kpis.{assessment.id}", border=False):
            columns = st.columns(len(KPI_NAMES))
            values: dict[str, float | None] = {}
            for column, name in zip(columns, KPI_NAMES, strict=True):
                low, high = LIMITS[name]
                values[name] = column.number_input(
                    t(f"kpi_{name}", lang), min_value=low, max_value=high,
                    value=saved.get(name), placeholder="–", key=f"kpi.{assessment.id}.{name}",
                )  # fmt: skip
            final = st.checkbox(t("kpi_final", lang), value=assessment.final)
            if st.form_submit_button(t("kpi_save", lang)):
                services().assessments.save_details(assessment, values, final=final)
                st.success(t("kpi_saved", lang), icon=":material/check:")
