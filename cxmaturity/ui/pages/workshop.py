"""Workshops (facilitator): create one, put the join code and QR on the projector,
follow the live dashboard, agree the consensus, download the report, close it.

The facilitator is a signed-in account that may run workshops of the organisation
(``editor``, ``owner`` or admin); the services check it on every read and change."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from cxmaturity.i18n import LANGUAGES, long_date, t
from cxmaturity.records import (
    MAX_GROUP_NAME,
    MAX_GROUPS,
    OPEN,
    Organization,
    Workshop,
    clean_groups,
)
from cxmaturity.services.access import Action, Actor, NotFoundOrNotYours, grants
from cxmaturity.team import MIN_ANONYMOUS
from cxmaturity.ui.auth import current_actor
from cxmaturity.ui.backend import services
from cxmaturity.ui.catalog import catalog, content_language
from cxmaturity.ui.components.consensus import consensus_section
from cxmaturity.ui.components.dashboard import dashboard
from cxmaturity.ui.components.discussion import discussion_section, second_vote_form
from cxmaturity.ui.components.join_card import join_card
from cxmaturity.ui.components.workshop_report import workshop_report_button
from cxmaturity.ui.shell import (
    LANGUAGE_NAMES,
    PRESENT,
    done,
    page_header,
    signed_in_or_invite,
)
from cxmaturity.ui.state import UiState, get_state
from cxmaturity.ui.text import date_input_format, escape_md

WORKSHOP_PARAM = "workshop"


# What a new workshop asks unless the facilitator picks others: the quick quiz and the
# capability grid of the mission (the other bundled quizzes are there to add).
WORKSHOP_DEFAULT = ("avaya-cx-quiz", "avaya-capability-grid")


def _create(actor: Actor, state: UiState) -> None:
    lang = state.lang
    known = catalog()
    questionnaires = list(known.questionnaires.values())
    runs = {o.public_id: o for o, _ in services().organizations.visible(actor, Action.RUN_WORKSHOP)}
    if not runs:
        st.info(t("ws_need_org_right", lang), icon=":material/info:")
        return
    with st.form("ws.create", border=True):
        st.markdown(f"**{t('ws_new', lang)}**")
        organization = st.selectbox(
            t("organization", lang), options=list(runs), format_func=lambda i: runs[i].name,
            index=list(runs).index(state.organization_id) if state.organization_id in runs else 0,
            key="ws.create.org",
        )  # fmt: skip
        chosen = st.multiselect(
            t("ws_questionnaires", lang),
            options=[q.id for q in questionnaires],
            default=[q.id for q in questionnaires if q.id in WORKSHOP_DEFAULT]
            or [q.id for q in questionnaires],
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
        anonymous = st.radio(
            t("ws_mode", lang),
            options=[False, True],
            format_func=lambda a: t("ws_mode_anonymous" if a else "ws_mode_named", lang,
                                    n=MIN_ANONYMOUS),
            key="ws.create.anonymous",
        )  # fmt: skip
        hide = st.checkbox(
            t("ws_hide_results", lang), help=t("ws_hide_results_help", lang), key="ws.create.hide"
        )
        closes_on = _closing_input(None, lang, "ws.create.closes")
        groups = st.text_input(
            t("ws_groups", lang),
            max_chars=MAX_GROUPS * (MAX_GROUP_NAME + 2),
            placeholder=t("ws_groups_placeholder", lang),
            help=t("ws_groups_help", lang, n=MAX_GROUPS),
            key="ws.create.groups",
        )
        submitted = st.form_submit_button(t("ws_create", lang), type="primary")
    if not submitted:
        return
    if not chosen:
        st.error(t("ws_need_questionnaire", lang), icon=":material/error:")
        return
    picked = [q for qid in chosen if (q := known.get(qid)) is not None]
    picked.sort(key=lambda q: q.has_plan)  # the quick quizzes first, as a warm-up
    try:
        workshop = services().workshops.create(
            current_actor(),
            runs[str(organization)],
            picked,
            str(language or lang),
            anonymous=bool(anonymous),
            hide_results=hide,
            day=dt.date.today(),
            closes_on=closes_on,
            groups=clean_groups(groups.split(",")),
        )
    except NotFoundOrNotYours:
        st.error(t("not_found_or_not_yours", lang), icon=":material/block:")
        return
    st.query_params[WORKSHOP_PARAM] = workshop.public_id
    st.rerun()


def _chooser(actor: Actor, state: UiState) -> tuple[Workshop, Organization] | None:
    """The workshop named in the address (if this account may run it), else the
    newest; a list to switch."""
    lang = state.lang
    listed = services().workshops.all(actor)
    if not listed:
        return None
    by_id = {w.public_id: (w, o) for w, o in listed}
    wanted = st.query_params.get(WORKSHOP_PARAM, "")
    selected = wanted if wanted in by_id else listed[0][0].public_id

    def label(workshop_id: str) -> str:
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
        st.query_params[WORKSHOP_PARAM] = picked
        st.rerun()
    state.workshop_id = selected  # the navigation's link comes back to it
    if wanted and wanted != selected:  # a link to one this account may not run
        st.query_params[WORKSHOP_PARAM] = selected
    return by_id[selected]


def _closing_input(current: dt.date | None, lang: str, key: str) -> dt.date | None:
    """The last day a workshop takes answers (empty: until the facilitator closes it)."""
    chosen = st.date_input(
        t("ws_closes_on", lang),
        value=current,
        min_value=dt.date.today(),
        format=date_input_format(lang),
        help=t("ws_closes_on_help", lang),
        key=key,
    )
    return chosen if isinstance(chosen, dt.date) else None


def _status(workshop: Workshop, lang: str) -> None:
    """Open until when, or closed since when."""
    day = long_date(workshop.closes_on, lang) if workshop.closes_on else ""
    if workshop.open:
        st.caption(t("ws_open_until", lang, day=day) if day else t("ws_open_until_closed", lang))
    elif workshop.past_closing and workshop.status == OPEN:
        st.caption(t("ws_closed_on_day", lang, day=day))
    else:
        st.caption(t("ws_closed_note", lang))


def _close(workshop: Workshop, lang: str) -> None:
    if workshop.open:
        with st.popover(t("ws_close", lang), icon=":material/lock:"):
            st.caption(t("ws_close_help", lang))
            if st.button(t("ws_close_confirm", lang), type="primary", key="ws.close.go"):
                services().workshops.close(current_actor(), workshop)
                st.rerun()
        with st.popover(t("ws_change_closing", lang), icon=":material/event:"):
            key = f"ws.closing.{workshop.public_id}.{workshop.closes_on}"
            chosen = _closing_input(workshop.closes_on, lang, key)
            if st.button(t("ws_closing_save", lang), type="primary", key="ws.closing.go"):
                services().workshops.set_closing(current_actor(), workshop, chosen)
                st.rerun()
    elif st.button(t("ws_reopen", lang), key="ws.reopen", icon=":material/lock_open:"):
        services().workshops.reopen(current_actor(), workshop)
        st.rerun()


def _delete(workshop: Workshop, organization: Organization, lang: str) -> None:
    """Delete the workshop (owners and admins), after a confirmation naming it."""
    name = f"{workshop.code} · {organization.name}"
    with st.popover(t("ws_delete", lang), icon=":material/delete:"):
        st.markdown(escape_md(t("ws_delete_confirm", lang, name=name)))
        if st.button(t("delete_for_good", lang), type="primary", key="ws.delete.go"):
            services().organizations.delete_workshop(current_actor(), workshop)
            st.query_params.pop(WORKSHOP_PARAM, None)
            get_state().workshop_id = None
            done(t("deleted", lang, what=escape_md(name)))


def render() -> None:
    state = get_state()
    lang = state.lang
    page_header(t("ws_title", lang), t("ws_intro", lang))
    actor = signed_in_or_invite("ws_sign_in_first")
    if actor is None:
        return
    chosen = _chooser(actor, state)
    with st.expander(t("ws_new", lang), expanded=chosen is None, icon=":material/add:"):
        _create(actor, state)
    if chosen is None:
        return
    workshop, organization = chosen
    st.subheader(escape_md(organization.name), anchor=False)
    join_card(workshop, lang)
    st.page_link(
        PRESENT,
        label=t("ws_present_open", lang),
        icon=":material/present_to_all:",
        query_params={"workshop": workshop.public_id, "lang": lang},
    )
    _status(workshop, lang)
    with st.container(horizontal=True):
        _close(workshop, lang)
        if grants(services().organizations.level(actor, organization), Action.DELETE):
            _delete(workshop, organization, lang)
    st.subheader(t("ws_live", lang), anchor=False)
    with st.container(key="ws.live"):
        dashboard(workshop, lang)
    st.subheader(t("ws_discuss", lang), anchor=False)
    st.caption(t("ws_discuss_help", lang))
    with st.container(key="ws.discuss"):
        discussion_section(workshop, lang)
    second_vote_form(workshop, lang)
    st.subheader(t("ws_consensus", lang), anchor=False)
    st.caption(t("ws_consensus_help", lang))
    with st.container(key="ws.consensus"):
        consensus_section(workshop, lang)
    st.subheader(t("report_section", lang), anchor=False)
    workshop_report_button(workshop, organization.name, lang)


render()
