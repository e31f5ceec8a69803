"""The team's initiatives plan for the grid's gaps, and the PDF report download."""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.model import Grid
from cxmaturity.services.results import grid_view
from cxmaturity.ui.catalog import catalog, content_language, plan_grid
from cxmaturity.ui.components.plan_editor import plan_editor
from cxmaturity.ui.components.report_button import report_button
from cxmaturity.ui.restore import restore
from cxmaturity.ui.shell import ANSWER, page_header, questionnaire_params
from cxmaturity.ui.state import UiState, answers_of, get_state
from cxmaturity.ui.text import escape_md


def _plan_section(grid: Grid, state: UiState) -> None:
    lang = content_language(grid, state.lang)
    st.subheader(t("plan_title", state.lang), anchor=False)
    view = grid_view(grid, answers_of(state, grid, lang))
    if view.result.rated == 0:
        st.info(t("plan_need_grid", state.lang), icon=":material/pending:")
        st.page_link(
            ANSWER,
            label=escape_md(grid.title.get(lang)),
            icon=":material/edit_note:",
            query_params=questionnaire_params(grid.id, state.lang),
        )
        return
    st.caption(t("plan_intro", state.lang))
    plan_editor(grid, view.gaps, lang)


def render() -> None:
    state = get_state()
    known = catalog()
    questionnaires = list(known.questionnaires.values())
    named = known.get(st.query_params.get("questionnaire") or "")
    if named is not None and named.has_plan:  # a link or a reload names the grid
        state.last_opened = named.id
        restore(state, named)  # a link this account may not open stops here
    page_header(t("plan_and_report", state.lang))
    grid = plan_grid(state, known)
    if grid is not None:
        st.query_params.update(questionnaire_params(grid.id, state.lang))
        _plan_section(grid, state)
    st.subheader(t("report_section", state.lang), anchor=False)
    report_button(state, questionnaires, state.lang, key="report.plan-page")


render()
