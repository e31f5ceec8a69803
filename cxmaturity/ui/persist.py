"""Autosave: every answer goes to the database as it is given; the URL names the
assessment (``?assessment=<id>``), so a reloaded tab gets everything back.

The session's answers to a questionnaire are saved under one assessment of the
organisation typed on the home page, created with the first answer. Answers of this
single-person mode are stored for the respondent "" (the workshop mode keeps one
respondent per participant).
"""

from __future__ import annotations

import datetime as dt
import functools
import os

import streamlit as st

from cxmaturity.model import Grid, Quiz, Rating
from cxmaturity.storage import ANONYMOUS, Assessment, Storage, database_url

from .state import (
    PlanRow,
    QuestionnaireState,
    UiState,
    get_state,
    load_answers,
    plan_items,
    to_answers,
)

ASSESSMENT_PARAM = "assessment"


def storage() -> Storage:
    """The database, opened (and migrated) once per server process and URL."""
    return _open(current_url())


def current_url() -> str:
    """The database URL in use (also a cache key for data read from it)."""
    env = os.environ
    return configured_url(
        env.get("CXMATURITY_DATABASE_URL", ""), env.get("CXMATURITY_DATA_DIR", "")
    )


@functools.cache
def configured_url(from_environment: str, data_folder: str) -> str:
    """``CXMATURITY_DATABASE_URL`` from the environment, else from Streamlit secrets
    (``.streamlit/secrets.toml``), else the default SQLite file (in ``data_folder``)."""
    del data_folder  # part of the cache key: database_url() depends on it
    if from_environment:
        return from_environment
    try:
        secret = st.secrets.get("CXMATURITY_DATABASE_URL")
    except Exception:  # no secrets file, or an unreadable one: fall back to the default
        secret = None
    return str(secret) if secret else database_url()


@st.cache_resource(show_spinner=False)
def _open(url: str) -> Storage:
    return Storage.open(url)


def bound(state: UiState, questionnaire: Quiz | Grid) -> Assessment | None:
    """The assessment this session's answers to ``questionnaire`` are saved in."""
    assessment_id = state.assessment_ids.get(questionnaire.id)
    return storage().assessment(assessment_id) if assessment_id is not None else None


def restore(state: UiState, questionnaire: Quiz | Grid) -> None:
    """``?assessment=<id>`` in a fresh session: load its answers into the state."""
    wanted = st.query_params.get(ASSESSMENT_PARAM)
    if not wanted or not wanted.isdigit():
        return
    if state.assessment_ids.get(questionnaire.id) == int(wanted) and (
        questionnaire.id not in state.team
    ):
        return  # already loaded (a team is read again: its consensus may have changed)
    assessment = storage().assessment(int(wanted))
    if assessment is None or assessment.questionnaire_id != questionnaire.id:
        return
    if in_workshop(assessment) and not state.facilitator:
        return  # a workshop's answers are for its facilitator (and each participant's own)
    everyone = storage().answers(assessment)
    saved = everyone.get(ANONYMOUS)
    if len(everyone) > 1 or (everyone and saved is None):  # a team: a workshop's consensus
        state.team[questionnaire.id] = list(everyone.values())
    elif saved is not None:
        state.team.pop(questionnaire.id, None)
        load_answers(state, saved)
    plan = storage().plan(assessment)
    if plan:
        state.plans[questionnaire.id] = [PlanRow.of(item) for item in plan]
    organization = storage().organization_of(assessment.organization_id)
    if organization is not None:
        state.organization = organization.name
    state.assessment_ids[questionnaire.id] = assessment.id
    if assessment.previous_id is not None:
        previous = storage().assessment(assessment.previous_id)
        earlier = storage().answers(previous).get(ANONYMOUS) if previous else None
        if earlier is not None:
            state.previous[questionnaire.id] = earlier


def in_workshop(assessment: Assessment) -> bool:
    """Whether the assessment holds a workshop's answers (live or agreed)."""
    from cxmaturity.workshops import Workshops

    return Workshops(storage()).holds(assessment)


def _ensure(state: UiState, questionnaire: Quiz | Grid, lang: str) -> Assessment | None:
    assessment = bound(state, questionnaire)
    if assessment is not None or not state.organization.strip():
        return assessment
    store = storage()
    organization = store.organization(state.organization)
    assessment = store.create_assessment(organization, questionnaire, lang, dt.date.today())
    state.assessment_ids[questionnaire.id] = assessment.id
    st.query_params[ASSESSMENT_PARAM] = str(assessment.id)
    return assessment


def autosave(questionnaire: Quiz | Grid, item_id: str, lang: str) -> None:
    """Store one answer of this session (called from the widgets' on_change)."""
    state = get_state()
    if state.participant_token is not None:
        _save_participant(state, state.participant_token, questionnaire, item_id, lang)
        return
    if questionnaire.id in state.team:
        return  # a workshop's agreed answers are not edited here
    assessment = _ensure(state, questionnaire, lang)
    if assessment is None:
        return
    value = to_answers(state, questionnaire, lang).answers.get(item_id)
    if isinstance(questionnaire, Quiz):
        storage().save_choice(
            assessment, ANONYMOUS, item_id, value if isinstance(value, str) else None
        )
    else:
        rating = value if isinstance(value, Rating) else Rating()
        storage().save_rating(assessment, ANONYMOUS, item_id, rating)


def _save_participant(
    state: UiState, token: str, questionnaire: Quiz | Grid, item_id: str, lang: str
) -> None:
    """A workshop participant's answer, through their token (their own answers only)."""
    from cxmaturity.workshops import WorkshopError, Workshops

    value = to_answers(state, questionnaire, lang).answers.get(item_id)
    rooms = Workshops(storage())
    try:
        if isinstance(questionnaire, Quiz):
            choice = value if isinstance(value, str) else None
            rooms.save_choice(token, questionnaire.id, item_id, choice)
        else:
            rating = value if isinstance(value, Rating) else Rating()
            rooms.save_rating(token, questionnaire.id, item_id, rating)
        state.workshop_notice = None
    except WorkshopError:
        found = rooms.participant(token)
        state.workshop_notice = "ws_closed" if found and not found[0].open else "ws_not_saved"


def save_all(questionnaire: Quiz | Grid, lang: str) -> None:
    """Store every answer of this session (after an upload replaced them)."""
    items = (
        [q.id for q in questionnaire.questions]
        if isinstance(questionnaire, Quiz)
        else [c.id for _, c in questionnaire.capabilities()]
    )
    for item in items:
        autosave(questionnaire, item, lang)


def autosave_item(questionnaire_id: str, item_id: str) -> None:
    """:func:`autosave` by ids (what the widgets' callbacks know)."""
    from .catalog import catalog, content_language

    questionnaire = catalog().get(questionnaire_id)
    if questionnaire is not None:
        autosave(questionnaire, item_id, content_language(questionnaire, get_state().lang))


def save_plan(grid: Grid) -> None:
    """Store the session's plan for ``grid`` (complete rows) with its assessment."""
    state = get_state()
    assessment = _ensure(state, grid, state.lang)
    items = plan_items(state, grid)
    if assessment is not None:
        storage().save_plan(assessment, items or [])


def status_caption(state: UiState, questionnaire: Quiz | Grid) -> str:
    """Where this session's answers are being saved (or why they are not)."""
    from cxmaturity.i18n import t

    assessment_id = state.assessment_ids.get(questionnaire.id)
    if assessment_id is not None:
        return t("autosave_on", state.lang, org=state.organization.strip(), id=assessment_id)
    if state.organization.strip():
        return ""
    return t("autosave_off", state.lang)


def reevaluate(state: UiState, previous: Assessment, questionnaire: Quiz | Grid) -> Assessment:
    """A new assessment from ``previous``: empty answers, last round's plan carried over."""
    store = storage()
    organization = store.organization_of(previous.organization_id)
    assert organization is not None  # an assessment's organisation (foreign key)
    new = store.create_assessment(
        organization, questionnaire, previous.language, dt.date.today(), previous
    )
    store.save_plan(new, store.plan(previous))  # the team marks what was done
    old = state.answers.get(questionnaire.id)
    state.answers[questionnaire.id] = QuestionnaireState(revision=(old.revision + 1) if old else 1)
    state.assessment_ids.pop(questionnaire.id, None)
    state.plans.pop(questionnaire.id, None)
    state.organization = organization.name
    return new
