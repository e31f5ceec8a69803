"""Autosave: every answer of a signed-in account goes to the database as it is given;
the URL names the assessment (``?assessment=<public id>``), so a reloaded tab gets
everything back.

The answers are saved under one assessment of the organisation chosen on Home,
created with the first answer, or in the assessment of the link that opened them
(:class:`~cxmaturity.services.answers.OwnAnswers`; the service checks the account may
change them). A visitor's answers stay in the browser tab: nothing they do is stored.
A workshop participant's answers go through their token instead
(:class:`~cxmaturity.services.answers.ParticipantAnswers`); both take the one save path.
"""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t, tn
from cxmaturity.model import Grid, Questionnaire
from cxmaturity.services.access import NotFoundOrNotYours
from cxmaturity.services.answers import (
    OwnAnswers,
    ParticipantAnswers,
    Target,
    plan_changes,
    plan_fields,
    stored_fields,
    stored_plan_item,
)
from cxmaturity.services.errors import InvalidAnswer, StorageUnavailable, WorkshopError

from .auth import current_actor
from .backend import services
from .restore import ASSESSMENT_PARAM
from .state import PlanRow, UiState, get_state, to_answers


def _own(state: UiState, questionnaire: Questionnaire, lang: str) -> OwnAnswers:
    return OwnAnswers(
        current_actor(),
        questionnaire,
        lang,
        organization_id=state.organization_id,
        assessment_id=state.assessment_ids.get(questionnaire.id),
    )


def _target(state: UiState, questionnaire: Questionnaire, lang: str) -> Target:
    if state.participant_token is not None:
        return ParticipantAnswers(state.participant_token, questionnaire.id, questionnaire)
    return _own(state, questionnaire, lang)


def _not_ours(state: UiState, questionnaire: Questionnaire) -> bool:
    """A workshop's agreed answers, or an assessment this account may only see: nothing
    of it is changed from this screen (a participant's own answers always are theirs)."""
    return state.participant_token is None and (
        questionnaire.id in state.team or questionnaire.id in state.read_only
    )


def autosave(questionnaire: Questionnaire, item_id: str, lang: str) -> None:
    """Store what changed in one answer of this session (the widgets' on_change): only
    the changed fields, and only if nobody changed them since this screen read them. A
    database that fails leaves the answer marked unsaved, to be tried again."""
    state = get_state()
    if _not_ours(state, questionnaire):
        return
    if (
        state.participant_token is None
        and state.organization_id is None
        and (questionnaire.id not in state.assessment_ids)
    ):
        return  # a visitor, or nobody chose an organisation: nothing goes to the server
    qstate = state.of(questionnaire.id)
    value = to_answers(state, questionnaire, lang).answers.get(item_id)
    target = _target(state, questionnaire, lang)
    try:
        saved, theirs = services().answers.save_changes(
            target, item_id, value, qstate.base.get(item_id, {})
        )
    except StorageUnavailable:
        qstate.unsaved.add(item_id)
        return
    except WorkshopError:
        found = services().workshops.participant(state.participant_token or "")
        state.save_notice = "ws_closed" if found and not found[0].open else "ws_not_saved"
        return
    except NotFoundOrNotYours:
        state.save_notice = "not_saved_no_right"
        return
    except InvalidAnswer:  # a hand-made request: the screens offer valid answers only
        state.save_notice = "not_saved_invalid"
        return
    qstate.unsaved.discard(item_id)
    if theirs is not None:
        qstate.conflicts[item_id] = theirs
        return
    qstate.conflicts.pop(item_id, None)
    if saved is not None:
        qstate.base[item_id] = stored_fields(value)
        state.save_notice = None
        if state.participant_token is None:
            _remember(state, questionnaire, saved.public_id)


def retry_unsaved(questionnaire: Questionnaire, lang: str) -> None:
    """Try again every change of this questionnaire the database did not take."""
    for item_id in sorted(get_state().of(questionnaire.id).unsaved):
        autosave(questionnaire, item_id, lang)


def keep_mine(questionnaire: Questionnaire, item_id: str, lang: str) -> None:
    """After a conflict: store this screen's value over the other one."""
    qstate = get_state().of(questionnaire.id)
    qstate.base[item_id] = qstate.conflicts.pop(item_id, {})
    autosave(questionnaire, item_id, lang)


def save_all(questionnaire: Questionnaire, lang: str) -> None:
    """Store every answer of this session at once (after an upload replaced them)."""
    _save(questionnaire, questionnaire.item_ids(), lang)


def save_given(questionnaire: Questionnaire, lang: str) -> None:
    """Store the answers this session has given (an organisation chosen after them)."""
    given = list(to_answers(get_state(), questionnaire, lang).answers)
    if given:
        _save(questionnaire, given, lang)


def _save(questionnaire: Questionnaire, items: list[str], lang: str) -> None:
    state = get_state()
    if _not_ours(state, questionnaire):
        return
    given = to_answers(state, questionnaire, lang).answers
    values = {item: given.get(item) for item in items}
    try:
        saved = services().answers.save_all(_target(state, questionnaire, lang), values)
    except WorkshopError:
        found = services().workshops.participant(state.participant_token or "")
        state.save_notice = "ws_closed" if found and not found[0].open else "ws_not_saved"
        return
    except NotFoundOrNotYours:  # the right was taken away (or the account signed out)
        state.save_notice = "not_saved_no_right"
        return
    except InvalidAnswer:
        state.save_notice = "not_saved_invalid"
        return
    state.save_notice = None
    qstate = state.of(questionnaire.id)
    for item, value in values.items():  # the stored answers, as this screen now knows
        qstate.base[item] = stored_fields(value)
        qstate.unsaved.discard(item)
        qstate.conflicts.pop(item, None)
    if saved is not None and state.participant_token is None:
        _remember(state, questionnaire, saved.public_id)


def _remember(state: UiState, questionnaire: Questionnaire, public_id: str) -> None:
    if state.assessment_ids.get(questionnaire.id) != public_id:
        state.assessment_ids[questionnaire.id] = public_id
        st.query_params[ASSESSMENT_PARAM] = public_id
        state.links_behind = True  # see shell.links_follow


def autosave_item(questionnaire_id: str, item_id: str) -> None:
    """:func:`autosave` by ids (what the widgets' callbacks know)."""
    from .catalog import catalog, content_language

    questionnaire = catalog().get(questionnaire_id)
    if questionnaire is not None:
        autosave(questionnaire, item_id, content_language(questionnaire, get_state().lang))


def save_plan(grid: Grid) -> None:
    """Store what changed in the session's plan for ``grid`` since it was read: each
    row on its own, only its changed fields, and only if nobody changed the row
    meanwhile (rows someone else changed are kept apart, see the plan editor). Rows
    still being typed (no capability or no text) wait. The assessment is created with
    the first answer or plan edit, like answers. A database that fails leaves the plan
    marked unsaved, to be tried again."""
    state = get_state()
    if grid.id in state.read_only or grid.id in state.team:
        return
    if state.organization_id is None and grid.id not in state.assessment_ids:
        return  # a visitor, or nobody chose an organisation: nothing goes to the server
    saves = state.saves_of(grid.id)
    now = {
        row.key: item
        for row in state.plans.get(grid.id, [])
        if (item := row.item(grid)) is not None and row.key not in saves.conflicts
    }
    mine = {k: v for k, v in saves.base.items() if k not in saves.conflicts}
    changes = plan_changes(mine, now)
    if not changes:
        saves.unsaved = False
        return
    try:
        saved, theirs = services().answers.change_plan(_own(state, grid, state.lang), changes)
    except StorageUnavailable:
        saves.unsaved = True
        return
    except NotFoundOrNotYours:
        state.save_notice = "not_saved_no_right"
        return
    saves.unsaved = False
    for change in changes:
        if change.key in theirs:
            saves.conflicts[change.key] = theirs[change.key]
        elif change.fields is None:
            saves.base.pop(change.key, None)
        else:
            saves.base[change.key] = plan_fields(now[change.key])
    if saved is not None:
        _remember(state, grid, saved.public_id)


def keep_my_row(grid: Grid, key: str) -> None:
    """After a conflict on a plan row: store this screen's row over the other one (a
    row the other screen deleted is added again)."""
    saves = get_state().saves_of(grid.id)
    theirs = saves.conflicts.pop(key, {})
    if theirs:
        saves.base[key] = theirs
    else:
        saves.base.pop(key, None)
    save_plan(grid)


def take_their_row(grid: Grid, key: str) -> None:
    """After a conflict on a plan row: show the row as the other screen stored it (or
    drop it, if the other screen deleted it)."""
    state = get_state()
    saves = state.saves_of(grid.id)
    theirs = saves.conflicts.pop(key, {})
    rows = list(state.plans.get(grid.id, []))
    index = next((i for i, row in enumerate(rows) if row.key == key), None)
    if theirs:
        saves.base[key] = theirs
        row = PlanRow.of(stored_plan_item(theirs), key)
        rows = [*rows, row] if index is None else [*rows[:index], row, *rows[index + 1 :]]
    else:
        saves.base.pop(key, None)
        rows = [r for r in rows if r.key != key]
    state.set_plan(grid.id, rows)


def status_caption(state: UiState, questionnaire: Questionnaire) -> str:
    """Where this session's answers are being saved (or why they are not)."""
    unsaved = state.of(questionnaire.id).unsaved
    if unsaved:
        return tn("autosave_unsaved", len(unsaved), state.lang)
    if questionnaire.id in state.read_only:
        return t("autosave_read_only", state.lang, org=state.organization.strip())
    if questionnaire.id in state.assessment_ids:
        return t("autosave_on", state.lang, org=state.organization.strip())
    if state.organization_id is not None:
        return t("autosave_pending", state.lang, org=state.organization.strip())
    if state.account_id is None:
        return t("autosave_visitor", state.lang)
    return t("autosave_off", state.lang)
