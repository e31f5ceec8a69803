"""A stored assessment brought into this session: ``?assessment=<id>`` in the address
(a reloaded tab, a link from the history) loads its answers, plan and last round."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cxmaturity.model import Questionnaire
from cxmaturity.records import Assessment

from .backend import services
from .state import PlanRow, QuestionnaireState, UiState, load_answers

ASSESSMENT_PARAM = "assessment"


def bound(state: UiState, questionnaire: Questionnaire) -> Assessment | None:
    """The assessment this session's answers to ``questionnaire`` are saved in."""
    assessment_id = state.assessment_ids.get(questionnaire.id)
    return services().assessments.assessment(assessment_id) if assessment_id else None


def restore(state: UiState, questionnaire: Questionnaire) -> None:
    """``?assessment=<id>`` in a fresh session: load its answers into the state."""
    wanted = st.query_params.get(ASSESSMENT_PARAM)
    if not wanted or not wanted.isdigit():
        return
    if state.assessment_ids.get(questionnaire.id) == int(wanted) and (
        questionnaire.id not in state.team
    ):
        return  # already loaded (a team is read again: its consensus may have changed)
    opened = services().assessments.open_round(
        int(wanted), questionnaire.id, facilitator=state.facilitator
    )
    if opened is None:
        return  # none, another questionnaire's, or a workshop's and not its facilitator
    if opened.team:
        state.team[questionnaire.id] = list(opened.team)
    elif opened.own is not None:
        state.team.pop(questionnaire.id, None)
        load_answers(state, opened.own)
    if opened.plan:
        state.plans[questionnaire.id] = [PlanRow.of(item) for item in opened.plan]
    if opened.organization is not None:
        state.organization = opened.organization.name
    state.assessment_ids[questionnaire.id] = opened.assessment.id
    if opened.previous is not None:
        state.previous[questionnaire.id] = opened.previous


def reevaluate(state: UiState, previous: Assessment, questionnaire: Questionnaire) -> Assessment:
    """A new round after ``previous`` (empty answers, last round's plan carried over);
    the session starts it afresh."""
    new = services().assessments.reevaluate(previous, questionnaire, dt.date.today())
    organization = services().assessments.organization(previous.organization_id)
    old = state.answers.get(questionnaire.id)
    state.answers[questionnaire.id] = QuestionnaireState(revision=(old.revision + 1) if old else 1)
    state.assessment_ids.pop(questionnaire.id, None)
    state.plans.pop(questionnaire.id, None)
    if organization is not None:
        state.organization = organization.name
    return new
