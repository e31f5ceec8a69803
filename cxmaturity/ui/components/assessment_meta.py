"""An assessment's KPI values and its draft/final status, on the Results page."""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.model import Questionnaire
from cxmaturity.records import KPI_LIMITS, KPI_NAMES
from cxmaturity.services.access import NotFoundOrNotYours
from cxmaturity.ui.auth import current_actor, page_actor
from cxmaturity.ui.backend import services
from cxmaturity.ui.restore import bound
from cxmaturity.ui.state import UiState


def assessment_meta(state: UiState, questionnaire: Questionnaire) -> None:
    """Nothing unless this session's answers are saved in an assessment."""
    assessment = bound(state, questionnaire)
    if assessment is None:
        return
    lang = state.lang
    read_only = questionnaire.id in state.read_only
    saved = services().assessments.kpis_of(page_actor(), assessment)
    with st.expander(t("kpi_title", lang), icon=":material/monitoring:"):
        st.caption(t("kpi_help", lang))
        with st.form(f"kpis.{assessment.id}", border=False):
            columns = st.columns(len(KPI_NAMES))
            values: dict[str, float | None] = {}
            for column, name in zip(columns, KPI_NAMES, strict=True):
                low, high = KPI_LIMITS[name]
                values[name] = column.number_input(
                    t(f"kpi_{name}", lang), min_value=low, max_value=high,
                    value=saved.get(name), placeholder="–", key=f"kpi.{assessment.id}.{name}",
                    disabled=read_only,
                )  # fmt: skip
            final = st.checkbox(t("kpi_final", lang), value=assessment.final, disabled=read_only)
            if st.form_submit_button(t("kpi_save", lang), disabled=read_only):
                try:
                    services().assessments.save_details(
                        current_actor(), assessment, values, final=final
                    )
                except NotFoundOrNotYours:
                    st.error(t("not_saved_no_right", lang), icon=":material/error:")
                else:
                    st.success(t("kpi_saved", lang), icon=":material/check:")
