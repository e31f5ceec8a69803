"""A stored assessment brought into this session: ``?assessment=<public id>`` in the
address (a reloaded tab, a link from the history) loads its answers, plan and last
round, if the signed-in account may read it. Anyone else, and any link that names
nothing, gets the same "not found or not yours" page with no data."""

from __future__ import annotations

import datetime as dt
import re

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.model import Answers, Questionnaire
from cxmaturity.records import Assessment
from cxmaturity.services.access import NotFoundOrNotYours
from cxmaturity.services.answers import plan_fields, stored_fields
from cxmaturity.services.assessments import Round

from .auth import current_actor
from .backend import services
from .errors import PageEnd
from .state import PlanRow, PlanSaves, QuestionnaireState, UiState, load_answers

ASSESSMENT_PARAM = "assessment"
PUBLIC_ID = re.compile(r"[0-9a-f]{32}")


def bound(state: UiState, questionnaire: Questionnaire) -> Assessment | None:
    """The assessment this session's answers to ``questionnaire`` are saved in, if the
    signed-in account may still read it."""
    public_id = state.assessment_ids.get(questionnaire.id)
    if public_id is None:
        return None
    try:
        return services().organizations.assessment(current_actor(), public_id)
    except NotFoundOrNotYours:
        return None


def restore(state: UiState, questionnaire: Questionnaire) -> None:
    """``?assessment=<public id>``: load its answers into the state (or, already loaded,
    check the account still may read it); without the right, the "not found or not
    yours" page, and the run stops."""
    wanted = st.query_params.get(ASSESSMENT_PARAM)
    if not wanted:
        return
    actor = current_actor()
    try:
        if not PUBLIC_ID.fullmatch(wanted):
            raise NotFoundOrNotYours()
        if state.assessment_ids.get(questionnaire.id) == wanted and (
            questionnaire.id not in state.team
        ):
            services().organizations.assessment(actor, wanted)  # still allowed
            return  # already loaded (a team is read again: its consensus may have changed)
        opened = services().assessments.open_round(actor, wanted, questionnaire.id)
    except NotFoundOrNotYours:
        forget(state, questionnaire.id)
        not_found(state.lang)
        return
    _load(state, questionnaire, opened)


def _load(state: UiState, questionnaire: Questionnaire, opened: Round) -> None:
    if opened.team:
        state.team[questionnaire.id] = list(opened.team)
    elif opened.own is not None:
        state.team.pop(questionnaire.id, None)
        load_stored(state, opened.own)
    else:  # an assessment with no answers yet
        state.team.pop(questionnaire.id, None)
        _start_afresh(state, questionnaire.id)
    # No plan stored: never edited, the suggestions.
    rows = [PlanRow.of(item, key) for key, item in opened.plan]
    state.set_plan(questionnaire.id, rows or None)
    base = {key: plan_fields(item) for key, item in opened.plan}
    state.plan_saves[questionnaire.id] = PlanSaves(base=base)
    state.organization = opened.organization.name
    state.organization_id = opened.organization.public_id
    state.assessment_ids[questionnaire.id] = opened.assessment.public_id
    if opened.writable:
        state.read_only.discard(questionnaire.id)
    else:
        state.read_only.add(questionnaire.id)
    if opened.previous is not None:
        state.previous[questionnaire.id] = opened.previous
    else:
        state.previous.pop(questionnaire.id, None)


def load_stored(state: UiState, answers: Answers) -> None:
    """Stored answers into the state, remembered as the base later changes compare to."""
    load_answers(state, answers)
    qstate = state.of(answers.questionnaire)
    qstate.base = {item: stored_fields(value) for item, value in answers.answers.items()}


def _start_afresh(state: UiState, questionnaire_id: str) -> None:
    """Empty answers, drawn by fresh widgets (a new revision)."""
    old = state.answers.get(questionnaire_id)
    state.answers[questionnaire_id] = QuestionnaireState(revision=(old.revision + 1) if old else 1)


def forget(state: UiState, questionnaire_id: str) -> None:
    """Drop what this session holds of a questionnaire's stored assessment."""
    if questionnaire_id in state.assessment_ids:
        state.assessment_ids.pop(questionnaire_id)
        _start_afresh(state, questionnaire_id)  # its answers are not this session's any more
        state.set_plan(questionnaire_id, None)
        state.plan_saves.pop(questionnaire_id, None)
    for held in (state.team, state.previous):
        held.pop(questionnaire_id, None)
    state.read_only.discard(questionnaire_id)


def not_found(lang: str) -> None:
    """The page for a link this account may not open, or that names nothing: the same
    words for both, no data, the account controls, and the way home. Ends the run."""
    from .shell import HOME, page_header

    page_header(t("not_found_title", lang))
    st.error(t("not_found_or_not_yours", lang), icon=":material/block:")
    st.page_link(HOME, label=t("go_home", lang), icon=":material/home:")
    raise PageEnd()


def reevaluate(state: UiState, previous: Assessment, questionnaire: Questionnaire) -> Assessment:
    """A new round after ``previous`` (empty answers, last round's plan carried over);
    the session starts it afresh."""
    new, organization = services().assessments.reevaluate(
        current_actor(), previous, questionnaire, dt.date.today()
    )
    forget(state, questionnaire.id)
    _start_afresh(state, questionnaire.id)
    state.organization = organization.name
    state.organization_id = organization.public_id
    return new
