"""Workshops (facilitator): create one, put the join code and QR on the projector,
follow the live dashboard, agree the consensus, download the report, close it."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cxmaturity.i18n import LANGUAGES, t
from cxmaturity.records import Workshop
from cxmaturity.ui.access import facilitator_gate, workshops
from cxmaturity.ui.catalog import catalog, content_language
from cxmaturity.ui.components.consensus import consensus_editor
from cxmaturity.ui.components.dashboard import dashboard
from cxmaturity.ui.components.join_card import join_card
from cxmaturity.ui.components.workshop_report import workshop_report_button
from cxmaturity.ui.shell import LANGUAGE_NAMES, page_header
from cxmaturity.ui.state import UiState, get_state
from cxmaturity.ui.text import escape_md

WORKSHOP_PARAM = "workshop"


def _create(state: UiState) -> None:
    lang = state.lang
    known = catalog()
    questionnaires = list(known.questionnaires.values())
    with st.form("ws.create", border=True):
        st.markdown(f"**{t('ws_new', lang)}**")
        organization = st.text_input(t("organization", lang), max_chars=300, key="ws.create.org")
        chosen = st.multiselect(
            t("ws_questionnaires", lang),
            options=[q.id for q in questionnaires],
            default=[q.id for q in questionnaires],
            format_func=lambda qid: known.get(qid).title.get(  # type: ignore[union-attr]
                content_language(known.get(qid), lang)  # type: ignore[arg-type]
            ),
            key="ws.create.questionnaires",
        )
        language = st.segmented_control(
            t("ws_language", lang),
            options=list(LANGUAGES),
            default=lang,
            format_func=LANGUAGE_NAMES.__getitem__,
            required=True,
            key="ws.create.lang",
        )
        anonymous = st.checkbox(t("ws_allow_anonymous", lang), key="ws.create.anonymous")
        submitted = st.form_submit_button(t("ws_create", lang), type="primary")
    if not submitted:
        return
    if not organization.strip():
        st.error(t("ws_need_org", lang), icon=":material/error:")
        return
    if not chosen:
        st.error(t("ws_need_questionnaire", lang), icon=":material/error:")
        return
    picked = [q for qid in chosen if (q := known.get(qid)) is not None]
    picked.sort(key=lambda q: q.has_plan)  # the quick quizzes first, as a warm-up
    workshop = workshops().create(
        organization,
        picked,
        str(language or lang),
        allow_anonymous=anonymous,
        day=dt.date.today(),
    )
    st.query_params[WORKSHOP_PARAM] = str(workshop.id)
    st.rerun()


def _chooser(state: UiState) -> Workshop | None:
    """The workshop named in the address, else the newest; a list to switch."""
    lang = state.lang
    listed = workshops().all()
    if not listed:
        return None
    by_id = {w.id: (w, o) for w, o in listed}
    wanted = st.query_params.get(WORKSHOP_PARAM, "")
    selected = int(wanted) if wanted.isdigit() and int(wanted) in by_id else listed[0][0].id

    def label(workshop_id: int) -> str:
        workshop, organization = by_id[workshop_id]
        status = t("ws_status_open" if workshop.open else "ws_status_closed", lang)
        return f"{organization.name} · {workshop.code} · {status}"

    picked = st.selectbox(
        t("ws_choose", lang),
        options=list(by_id),
        index=list(by_id).index(selected),
        format_func=label,
        key=f"ws.choose.{selected}",
    )
    if picked != selected:
        st.query_params[WORKSHOP_PARAM] = str(picked)
        st.rerun()
    if st.query_params.get(WORKSHOP_PARAM) != str(selected):
        st.query_params[WORKSHOP_PARAM] = str(selected)
    return by_id[selected][0]


def _close(workshop: Workshop, lang: str) -> None:
    if workshop.open:
        with st.popover(t("ws_close", lang), icon=":material/lock:"):
            st.caption(t("ws_close_help", lang))
            if st.button(t("ws_close_confirm", lang), type="primary", key="ws.close.go"):
                workshops().close(workshop)
                st.rerun()
    else:
        st.caption(t("ws_closed_note", lang))
        if st.button(t("ws_reopen", lang), key="ws.reopen", icon=":material/lock_open:"):
            workshops().reopen(workshop)
            st.rerun()


def render() -> None:
    state = get_state()
    lang = state.lang
    page_header(t("ws_title", lang), t("ws_intro", lang))
    if not facilitator_gate(state):
        return
    workshop = _chooser(state)
    with st.expander(t("ws_new", lang), expanded=workshop is None, icon=":material/add:"):
        _create(state)
    if workshop is None:
        return
    organization = workshops().organization_name(workshop)
    st.subheader(escape_md(organization), anchor=False)
    join_card(workshop, lang)
    _close(workshop, lang)
    st.subheader(t("ws_live", lang), anchor=False)
    with st.container(key="ws.live"):
        dashboard(workshop.id, lang)
    st.subheader(t("ws_consensus", lang), anchor=False)
    st.caption(t("ws_consensus_help", lang))
    now = workshops().live(workshop.id)
    if now is None or not now.views:
        return
    tabs = st.tabs([v.questionnaire.title.get(content_language(v.questionnaire, lang))
                    for v in now.views])  # fmt: skip
    for tab, view in zip(tabs, now.views, strict=True):
        with tab:
            consensus_editor(workshop, view, lang)
    st.subheader(t("report_section", lang), anchor=False)
    workshop_report_button(workshop, organization, lang)


render()
