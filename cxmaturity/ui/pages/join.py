"""Join a workshop and answer it: a participant sees their own answers, nothing else.

``?code=<code>`` opens the join form; joining puts the participant's secret token in
the address (``?p=<token>``), so the same address brings them back to their answers.
"""

from __future__ import annotations

import json

import streamlit as st

from cxmaturity.i18n import long_date, t
from cxmaturity.model import Questionnaire
from cxmaturity.services.errors import WorkshopError
from cxmaturity.services.workshops import ParticipantView
from cxmaturity.team import MIN_ANONYMOUS
from cxmaturity.ui.access import client_key
from cxmaturity.ui.backend import services
from cxmaturity.ui.catalog import catalog, content_language
from cxmaturity.ui.components.forms import answer_form
from cxmaturity.ui.components.grid_steps import ITEM_PARAM, grid_steps
from cxmaturity.ui.restore import load_stored
from cxmaturity.ui.routes import PARTICIPANT_COOKIE
from cxmaturity.ui.shell import page_header
from cxmaturity.ui.state import QuestionnaireState, UiState, get_state
from cxmaturity.ui.text import escape_md

TOKEN_PARAM, CODE_PARAM, QUESTIONNAIRE_PARAM = "p", "code", "q"
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
    state.keep_token = True
    state.lang = workshop.language
    st.query_params.from_dict({TOKEN_PARAM: token, "lang": workshop.language})
    st.rerun()


def _keep_token(token: str) -> None:
    """Have the browser keep the participant's token in an HttpOnly cookie (a
    same-origin POST to the app's route): the join link or QR code opened again on
    this phone continues as this participant instead of joining a second time."""
    script = (
        "<script>fetch('/app-auth/participant', {method: 'POST', credentials: 'same-origin', "
        "headers: {'Content-Type': 'application/json'}, "
        f"body: JSON.stringify({{token: {json.dumps(token)}}})}});</script>"
    )
    st.html(script, unsafe_allow_javascript=True)


def _returning(state: UiState) -> str | None:
    """The participant this browser already is in the workshop of the address's code
    (kept in its cookie, or in this session), if any."""
    code = st.query_params.get(CODE_PARAM, "")
    kept = (st.context.cookies.get(PARTICIPANT_COOKIE) or "").split(".")  # bounded by the service
    tokens = [t for t in (*kept, state.participant_token) if t]
    return services().workshops.returning(tokens, code) if tokens else None


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
    help_key = "ws_participant_help_anonymous" if workshop.anonymous else "ws_participant_help"
    page_header(
        t("ws_participant_title", lang, org=organization),
        "\n".join(line for line in (hello, t(help_key, lang)) if line),
    )
    if not workshop.open or state.save_notice == "ws_closed":
        st.info(t("ws_closed", lang), icon=":material/lock:")
        return
    if state.save_notice:
        st.warning(t(state.save_notice, lang), icon=":material/warning:")
    mode = t("ws_is_anonymous", lang, n=MIN_ANONYMOUS) if workshop.anonymous else (
        t("ws_is_named", lang))  # fmt: skip
    if workshop.closes_on is not None:
        mode += " " + t("ws_participant_until", lang, day=long_date(workshop.closes_on, lang))
    st.info(mode, icon=":material/visibility_off:" if workshop.anonymous else ":material/badge:")
    if not questionnaires:
        st.error(t("ws_no_questionnaires", lang))
        return
    if workshop.groups and not _group(state, view):
        return  # the group first: the results are shown per group
    by_id = {q.id: q for q in questionnaires}
    first = next(iter(by_id))
    if workshop.second_vote:
        _second_vote(workshop.second_vote, by_id, lang)
    complete = {q.id: state.of(q.id).complete(q) for q in questionnaires}
    state.complete_when_drawn = complete  # a form that completes reruns this page
    if all(complete.values()):
        st.success(t("ws_finished", lang), icon=":material/task_alt:")
    chosen = _chosen(by_id, next((q for q in by_id if not complete[q]), first), lang)
    content = content_language(chosen, lang)
    if chosen.kind == "grid":
        grid_steps(chosen, state, content)
    else:
        answer_form(chosen, state, content)
    later = [q for q in questionnaires[questionnaires.index(chosen) + 1 :] if not complete[q.id]]
    if later and complete[chosen.id]:
        title = later[0].title.get(content_language(later[0], lang))
        st.button(
            escape_md(t("ws_next_questionnaire", lang, title=title)),
            key="join.next",
            type="primary",
            icon=":material/arrow_forward:",
            on_click=_open_questionnaire,
            args=(later[0].id,),
        )


def _group(state: UiState, view: ParticipantView) -> str:
    """The participant's group (chosen once, changeable while the workshop is open)."""
    lang = state.lang
    chosen = view.participant.group
    key = "join.group"
    if st.session_state.get(key) != chosen and chosen:
        st.session_state[key] = chosen
    st.segmented_control(
        t("ws_your_group", lang),
        options=list(view.workshop.groups),
        format_func=escape_md,
        key=key,
        help=t("ws_your_group_help", lang),
        width="stretch",
        on_change=_choose_group,
        args=(state.participant_token or "", key),
    )
    if not chosen:
        st.info(t("ws_pick_group_first", lang), icon=":material/groups:")
    return chosen


def _choose_group(token: str, key: str) -> None:
    group = st.session_state.get(key)
    if group:
        try:
            services().workshops.set_group(token, str(group))
        except WorkshopError as error:
            get_state().save_notice = "ws_closed" if error.reason == "closed" else "ws_not_saved"


def _second_vote(keys: tuple[str, ...], by_id: dict[str, Questionnaire], lang: str) -> None:
    """The items the facilitator opened for a second vote, each a button to it."""
    with st.container(border=True, key="join.revote"):
        st.markdown(f"**{t('ws_second_vote_banner', lang)}**")
        for n, key in enumerate(keys):
            questionnaire_id, _, item_id = key.partition(":")
            questionnaire = by_id.get(questionnaire_id)
            if questionnaire is None:
                continue
            st.button(
                escape_md(questionnaire.item_name(item_id, lang)),
                key=f"join.revote.{n}",
                icon=":material/how_to_vote:",
                on_click=_open_item,
                args=(questionnaire_id, item_id if questionnaire.kind == "grid" else None),
            )


def _open_item(questionnaire_id: str, item_id: str | None) -> None:
    _open_questionnaire(questionnaire_id)
    if item_id is not None:
        st.query_params[ITEM_PARAM] = item_id


def _chosen(by_id: dict[str, Questionnaire], start: str, lang: str) -> Questionnaire:
    """The questionnaire on screen: the one in the address (``?q=``), else ``start``
    (the first not finished: opening the join link again continues there); a switch
    when the workshop has several."""
    wanted = st.query_params.get(QUESTIONNAIRE_PARAM, "")
    current = wanted if wanted in by_id else start
    if len(by_id) > 1:
        if st.session_state.get(_CHOICE_KEY) not in by_id:
            st.session_state[_CHOICE_KEY] = current
        st.segmented_control(
            t("ws_questionnaire", lang),
            options=list(by_id),
            format_func=lambda qid: by_id[qid].title.get(content_language(by_id[qid], lang)),
            key=_CHOICE_KEY,
            required=True,
            on_change=_remember_choice,
        )
        current = str(st.session_state.get(_CHOICE_KEY) or current)
    return by_id[current]


def _remember_choice() -> None:
    """The questionnaire chosen goes into the address (a reload keeps it); each starts
    at its own first open item."""
    st.query_params[QUESTIONNAIRE_PARAM] = str(st.session_state.get(_CHOICE_KEY))
    st.query_params.pop(ITEM_PARAM, None)


def _open_questionnaire(questionnaire_id: str) -> None:
    st.session_state[_CHOICE_KEY] = questionnaire_id
    _remember_choice()


def render() -> None:
    state = get_state()
    if st.query_params.get(TOKEN_PARAM):
        token: str | None = st.query_params.get(TOKEN_PARAM)
    elif st.query_params.get(CODE_PARAM):  # a join link: as who this browser already is
        token = _returning(state)
    else:
        token = state.participant_token
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
    if st.query_params.get(TOKEN_PARAM) != token:  # a join link opened again
        st.query_params.from_dict({TOKEN_PARAM: token, "lang": state.lang})
    if state.keep_token:
        state.keep_token = False
        _keep_token(token)
    _answer(state, view)


render()
