"""The questionnaires (from the services' catalogue, re-read when a file changes) and
the one named by the address."""

from __future__ import annotations

import streamlit as st

from cxmaturity.loader import Catalog
from cxmaturity.model import Grid, Questionnaire, grids

from . import backend
from .state import UiState


def catalog() -> Catalog:
    """Every questionnaire, and every broken file with its problems (never raises)."""
    return backend.catalog()


def content_language(questionnaire: Questionnaire, lang: str) -> str:
    """The language to show a questionnaire in: the UI's if offered, else its default."""
    return questionnaire.language_for(lang)


def selected(known: Catalog, state: UiState) -> tuple[Questionnaire | None, str | None]:
    """The questionnaire named by ``?questionnaire=``, else the one last opened.

    Returns it (None if unknown) and the id asked for. The URL is kept pointing at
    it and at the assessment its answers are saved in (the app's navigation drops the
    parameters), so that a reload or a shared link opens the same screen.
    """
    wanted = st.query_params.get("questionnaire") or state.last_opened
    questionnaire = known.get(wanted) if wanted else None
    if questionnaire is not None:
        state.last_opened = questionnaire.id
        if st.query_params.get("questionnaire") != questionnaire.id:
            st.query_params["questionnaire"] = questionnaire.id
        saved = state.assessment_ids.get(questionnaire.id)
        if saved is not None and "assessment" not in st.query_params:
            st.query_params["assessment"] = saved  # a reload opens the same assessment
    return questionnaire, wanted


def plan_grid(state: UiState, known: Catalog) -> Grid | None:
    """The grid the plan page shows: the one last opened, else the first one with
    answers, else the first one."""
    every = grids(list(known.questionnaires.values()))
    opened = next((g for g in every if g.id == state.last_opened), None)
    answered = (
        g
        for g in every
        if g.id in state.team or (g.id in state.answers and not state.answers[g.id].is_empty())
    )
    return opened or next(answered, None) or next(iter(every), None)
