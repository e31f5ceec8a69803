"""What is not stored yet, and what someone else changed meanwhile, above a form.

Changes the database did not take are tried again on every run of the form (and with
"Try again now"); until stored, the form says so, and the page never calls them saved.
A change made on a stale copy is not written: the person sees the value stored by the
other screen and keeps theirs or takes the other one.
"""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t, tn
from cxmaturity.model import Questionnaire
from cxmaturity.services.answers import stored_value
from cxmaturity.ui.autosave import keep_mine, retry_unsaved
from cxmaturity.ui.state import UiState, set_answer
from cxmaturity.ui.text import escape_md


def _shown(stored: dict[str, str | None], lang: str) -> str:
    if stored.get("choice"):
        return str(stored["choice"])
    parts = [f"{t(part, lang)} {stored.get(part) or '–'}" for part in ("current", "ideal")]
    if stored.get("note"):
        parts.append(f"{t('note', lang)}: {stored['note']}")
    return " · ".join(parts)


def _take_theirs(state: UiState, questionnaire_id: str, item_id: str) -> None:
    qstate = state.of(questionnaire_id)
    stored = qstate.conflicts.pop(item_id, {})
    qstate.base[item_id] = stored
    set_answer(qstate, item_id, stored_value(stored))
    qstate.revision += 1  # fresh widgets show the stored value


def save_status(questionnaire: Questionnaire, state: UiState, lang: str) -> None:
    """Retry what is unsaved, then say what is still unsaved or in conflict."""
    qstate = state.of(questionnaire.id)
    if qstate.unsaved:
        retry_unsaved(questionnaire, lang)
    ui = state.lang
    if qstate.unsaved:
        st.warning(tn("autosave_unsaved", len(qstate.unsaved), ui), icon=":material/sync_problem:")
        st.button(t("autosave_retry", ui), key=f"save.retry.{questionnaire.id}",
                  icon=":material/refresh:")  # fmt: skip
    names = questionnaire.item_names(lang)
    for item_id, theirs in list(qstate.conflicts.items()):
        text = t("autosave_conflict", ui, item=names.get(item_id, item_id),
                 theirs=_shown(theirs, ui))  # fmt: skip
        st.warning(escape_md(text), icon=":material/merge:")
        with st.container(horizontal=True):
            st.button(t("autosave_keep_mine", ui), key=f"save.mine.{questionnaire.id}.{item_id}",
                      on_click=keep_mine, args=(questionnaire, item_id, lang))  # fmt: skip
            st.button(t("autosave_take_theirs", ui),
                      key=f"save.theirs.{questionnaire.id}.{item_id}",
                      on_click=_take_theirs, args=(state, questionnaire.id, item_id))  # fmt: skip
