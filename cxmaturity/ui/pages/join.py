"""Join a workshop and answer it: a participant sees their own answers, nothing else.

``?code=<code>`` opens the join form; joining puts the participant's secret token in
the address (``?p=<token>``), so the same address brings them back to their answers.
"""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.services.errors import WorkshopError
from cxmaturity.services.workshops import ParticipantView
from cxmaturity.ui.access import client_key
from cxmaturity.ui.backend import services
from cxmaturity.ui.catalog import catalog, content_language
from cxmaturity.ui.components.forms import answer_form
from cxmaturity.ui.restore import load_stored
from cxmaturity.ui.shell import page_header
from cxmaturity.ui.state import QuestionnaireState, UiState, get_state

TOKEN_PARAM, CODE_PARAM = "p", "code"
_CODE_KEY, _NAME_KEY, _CHOICE_KEY = "join.code", "join.name", "join.questionnaire"


def _join_form(state: UiState) -> None:
    lang = state.lang
    page_header(t("ws_join_title", lang))
    st.caption(t("ws_join_intro", lang))
    with st.form("join.form", width=460):
        code = st.text_input(
            t("ws_code", lang),
            value=st.query_params.get(CODE_PARAM, "")[:40],
            max_chars=40,
            key=_CODE_KEY,
        )
        name = st.text_input(
            t("ws_your_name", lang),
            max_chars=300,
            key=_NAME_KEY,
            placeholder=t("ws_name_placeholder", lang),
        )
        submitted = st.form_submit_button(t("ws_join_button", lang), type="primary")
    if not submitted:
        return
    try:
        workshop, _, token = services().workshops.join(code, name, client_key())
    except WorkshopError as error:
        st.error(t(f"ws_join_{error.reason}", lang), icon=":material/block:")
        return
    state.participant_token = token
    state.lang = workshop.language
    st.query_params.from_dict({TOKEN_PARAM: token, "lang": workshop.language})
    st.rerun()


def _arrive(state: UiState, token: str, view: ParticipantView) -> None:
    """First view of this participant in this session: their saved answers, nothing else."""
    workshop, participant = view.workshop, view.participant
    state.participant_token = token
    earlier = state.answers  # fresh widgets for every questionnaire (new revisions)
    state.answers, state.team, state.plans = {}, {}, {}
    state.assessment_ids, state.previous = {}, {}
    state.organization, state.respondent = "", participant.name
    if st.query_params.get("lang") is None:
        state.lang = workshop.language
    own = services().workshops.own_answers(token)
    for questionnaire_id in view.questionnaire_ids:
        saved = own.get(questionnaire_id)
        old = earlier.get(questionnaire_id)
        state.answers[questionnaire_id] = QuestionnaireState(
            revision=old.revision + 1 if old else 1
        )
        if saved is not None:
            load_stored(state, saved.model_copy(update={"respondent": participant.name}))
    state.organization = ""


def _answer(state: UiState, view: ParticipantView) -> None:
    lang = state.lang
    known = catalog()
    workshop, participant, organization = view.workshop, view.participant, view.organization
    questionnaires = [q for i in view.questionnaire_ids if (q := known.get(i)) is not None]
    hello = t("ws_hello", lang, name=participant.name) if participant.name else ""
    page_header(
        t("ws_participant_title", lang, org=organization),
        "\n".join(line for line in (hello, t("ws_participant_help", lang)) if line),
    )
    if not workshop.open or state.save_notice == "ws_closed":
        st.info(t("ws_closed", lang), icon=":material/lock:")
        return
    if state.save_notice:
        st.warning(t(state.save_notice, lang), icon=":material/warning:")
    if not questionnaires:
        st.error(t("ws_no_questionnaires", lang))
        return
    by_id = {q.id: q for q in questionnaires}
    first = next(iter(by_id))
    chosen = by_id[first]
    if len(by_id) > 1:
        picked = st.segmented_control(
            t("ws_questionnaire", lang),
            options=list(by_id),
            default=first,
            format_func=lambda qid: by_id[qid].title.get(content_language(by_id[qid], lang)),
            key=_CHOICE_KEY,
            required=True,
        )
        chosen = by_id.get(str(picked), chosen)
    answer_form(chosen, state, content_language(chosen, lang))


def render() -> None:
    state = get_state()
    token = st.query_params.get(TOKEN_PARAM) or state.participant_token
    if not token:
        _join_form(state)
        return
    view = services().workshops.participant_view(token)
    if view is None:
        state.participant_token = None
        st.error(t("ws_join_unknown_link", state.lang), icon=":material/link_off:")
        _join_form(state)
        return
    if state.participant_token != token or not state.answers:
        _arrive(state, token, view)
    if st.query_params.get(TOKEN_PARAM) != token:
        st.query_params[TOKEN_PARAM] = token
    _answer(state, view)


render()
