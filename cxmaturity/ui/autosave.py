"""Autosave: every answer goes to the database as it is given; the URL names the
assessment (``?assessment=<id>``), so a reloaded tab gets everything back.

The session's answers to a questionnaire are saved under one assessment of the
organisation typed on the home page, created with the first answer (one transaction:
the service's :class:`~cxmaturity.services.answers.OwnAnswers`). A workshop
participant's answers go through their token instead
(:class:`~cxmaturity.services.answers.ParticipantAnswers`); both take the one save path.
"""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.model import Grid, Questionnaire
from cxmaturity.services.answers import OwnAnswers, ParticipantAnswers, Target
from cxmaturity.services.errors import WorkshopError

from .backend import services
from .restore import ASSESSMENT_PARAM
from .state import UiState, get_state, plan_items, to_answers


def _target(state: UiState, questionnaire: Questionnaire, lang: str) -> Target:
    if state.participant_token is not None:
        return ParticipantAnswers(state.participant_token, questionnaire.id)
    return OwnAnswers(
        questionnaire, state.organization, lang, state.assessment_ids.get(questionnaire.id)
    )


def autosave(questionnaire: Questionnaire, item_id: str, lang: str) -> None:
    """Store one answer of this session (called from the widgets' on_change)."""
    _save(questionnaire, [item_id], lang)


def save_all(questionnaire: Questionnaire, lang: str) -> None:
    """Store every answer of this session at once (after an upload replaced them)."""
    _save(questionnaire, questionnaire.item_ids(), lang)


def _save(questionnaire: Questionnaire, items: list[str], lang: str) -> None:
    state = get_state()
    if state.participant_token is None and questionnaire.id in state.team:
        return  # a workshop's agreed answers are not edited here
    given = to_answers(state, questionnaire, lang).answers
    values = {item: given.get(item) for item in items}
    try:
        saved = services().answers.save_all(_target(state, questionnaire, lang), values)
    except WorkshopError:
        found = services().workshops.participant(state.participant_token or "")
        state.workshop_notice = "ws_closed" if found and not found[0].open else "ws_not_saved"
        return
    state.workshop_notice = None
    if saved is not None and state.participant_token is None:
        _remember(state, questionnaire, saved.id)


def _remember(state: UiState, questionnaire: Questionnaire, assessment_id: int) -> None:
    if state.assessment_ids.get(questionnaire.id) != assessment_id:
        state.assessment_ids[questionnaire.id] = assessment_id
        st.query_params[ASSESSMENT_PARAM] = str(assessment_id)


def autosave_item(questionnaire_id: str, item_id: str) -> None:
    """:func:`autosave` by ids (what the widgets' callbacks know)."""
    from .catalog import catalog, content_language

    questionnaire = catalog().get(questionnaire_id)
    if questionnaire is not None:
        autosave(questionnaire, item_id, content_language(questionnaire, get_state().lang))


def save_plan(grid: Grid) -> None:
    """Store the session's plan for ``grid`` (complete rows) with its assessment (created
    with the first answer or plan edit, like answers)."""
    state = get_state()
    target = OwnAnswers(grid, state.organization, state.lang, state.assessment_ids.get(grid.id))
    saved = services().answers.save_plan(target, plan_items(state, grid) or [])
    if saved is not None:
        _remember(state, grid, saved.id)


def status_caption(state: UiState, questionnaire: Questionnaire) -> str:
    """Where this session's answers are being saved (or why they are not)."""
    assessment_id = state.assessment_ids.get(questionnaire.id)
    if assessment_id is not None:
        return t("autosave_on", state.lang, org=state.organization.strip(), id=assessment_id)
    if state.organization.strip():
        return ""
    return t("autosave_off", state.lang)
