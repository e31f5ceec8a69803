"""Home: language, organisation, and a card per questionnaire (broken files listed).

A visitor's organisation is a label for their report; nothing of theirs is stored. A
signed-in account picks one of the organisations it may change (a consultant or an
admin may create one) and its answers are saved there from the first one on."""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.loader import Catalog
from cxmaturity.model import Grid, Quiz
from cxmaturity.records import Organization
from cxmaturity.services.access import Action, Actor, NotAllowed
from cxmaturity.ui.auth import current_actor, page_actor
from cxmaturity.ui.autosave import save_given
from cxmaturity.ui.backend import services
from cxmaturity.ui.catalog import catalog, content_language
from cxmaturity.ui.restore import forget
from cxmaturity.ui.shell import ANSWER, history_navigation, page_header, questionnaire_params
from cxmaturity.ui.state import UiState, get_state
from cxmaturity.ui.text import escape_md

ORG_KEY = "ui.organization"
CHOICE_KEY = "home.organization"
NEW_KEY = "home.new-organization"
NOT_SAVED = ""  # the choice "do not save"


def _on_organization() -> None:
    get_state().organization = str(st.session_state.get(ORG_KEY) or "")[:300]


def _choose(organization: Organization | None) -> None:
    """Save from now on under ``organization`` (None: do not save). Answers already
    saved stay in their organisation; answers given before choosing are saved in the
    new one."""
    state = get_state()
    if organization is not None and organization.public_id == state.organization_id:
        return
    for questionnaire_id in list(state.assessment_ids):
        forget(state, questionnaire_id)
    state.organization_id = organization.public_id if organization is not None else None
    state.organization = organization.name if organization is not None else ""
    if organization is None:
        st.query_params.pop("org", None)
        return
    st.query_params["org"] = organization.public_id  # a reload keeps the choice
    known = catalog()
    for questionnaire_id, answers in list(state.answers.items()):
        questionnaire = known.get(questionnaire_id)
        if questionnaire is not None and not answers.is_empty():
            save_given(questionnaire, content_language(questionnaire, state.lang))


def _on_choice(key: str, options: dict[str, Organization]) -> None:
    chosen = str(st.session_state.get(key) or NOT_SAVED)
    _choose(options.get(chosen))


def _create() -> None:
    """A new organisation of the signed-in consultant or admin, chosen at once."""
    name = str(st.session_state.get(NEW_KEY) or "").strip()
    if not name:
        return
    try:
        created = services().organizations.create(current_actor(), name)
    except NotAllowed:
        return
    st.session_state[NEW_KEY] = ""
    _choose(created)


def _signed_in_organization(actor: Actor, state: UiState) -> None:
    lang = state.lang
    writable = services().organizations.visible(actor, Action.WRITE)
    options = {o.public_id: o for o, _ in writable}
    if state.organization_id is not None and state.organization_id not in options:
        _choose(None)  # the right to it was taken away
    ids = [NOT_SAVED, *options]
    chosen = state.organization_id or NOT_SAVED
    key = f"{CHOICE_KEY}.{chosen}"  # a fresh widget whenever the choice changes elsewhere
    st.selectbox(
        t("home_save_in", lang),
        options=ids,
        index=ids.index(chosen),
        format_func=lambda i: options[i].name if i in options else t("home_not_saved", lang),
        key=key,
        on_change=_on_choice,
        args=(key, options),
        help=t("home_save_in_help", lang),
    )
    if actor.creates_organizations:
        with st.container(horizontal=True, vertical_alignment="bottom"):
            st.text_input(
                t("home_new_org", lang), key=NEW_KEY, max_chars=300,
                placeholder=t("organization_placeholder", lang),
            )  # fmt: skip
            st.button(t("home_create_org", lang), key="home.create", on_click=_create,
                      icon=":material/add_business:")  # fmt: skip
    elif not options:
        st.caption(t("home_no_orgs", lang))


def _visitor_organization(state: UiState) -> None:
    st.text_input(
        t("organization", state.lang),
        value=state.organization,
        key=ORG_KEY,
        on_change=_on_organization,
        max_chars=300,
        placeholder=t("organization_placeholder", state.lang),
        help=t("organization_help_visitor", state.lang),
    )
    st.caption(t("home_visitor_note", state.lang))


def _deep_link(known: Catalog, state: UiState) -> None:
    """``/?questionnaire=<id>&lang=<code>`` opens that questionnaire directly; going
    back to such an address (the browser's back button) shows Home itself instead,
    and the address becomes Home's, so that back does not bounce forward again."""
    wanted = st.query_params.get("questionnaire")
    if not wanted:
        return
    if history_navigation():
        for param in ("questionnaire", "assessment"):
            st.query_params.pop(param, None)  # in a history step: replaces the entry
        return
    if known.get(wanted) is None:
        shown = escape_md(wanted[:80])  # a URL parameter is text
        st.warning(t("unknown_questionnaire", state.lang, id=shown), icon=":material/help:")
        return
    params = questionnaire_params(wanted, state.lang)
    saved = st.query_params.get("assessment")
    if saved:
        params["assessment"] = saved[:64]  # a reload of a saved assessment keeps it
    st.switch_page(ANSWER, query_params=params)


def _card(questionnaire: Quiz | Grid, state: UiState) -> None:
    lang = content_language(questionnaire, state.lang)
    kind = questionnaire.kind
    count = questionnaire.item_count()
    done = state.of(questionnaire.id).answered(questionnaire)
    with st.container(border=True, height="stretch"):
        st.caption(t(f"kind_{kind}", state.lang).upper())
        st.subheader(escape_md(questionnaire.title.get(lang)), anchor=False)
        if questionnaire.description is not None:
            st.markdown(escape_md(questionnaire.description.get(lang)))
        facts = [t(f"items_{kind}", state.lang, n=count)]
        if questionnaire.estimated_minutes:
            facts.append(t("minutes", state.lang, n=questionnaire.estimated_minutes))
        if done:
            facts.append(t("progress_short", state.lang, done=done, total=count))
        st.caption(" · ".join(facts))
        st.page_link(
            ANSWER,
            label=t("continue" if done else "start", state.lang),
            icon=":material/arrow_forward:",
            query_params=questionnaire_params(questionnaire.id, state.lang),
        )


def render() -> None:
    state = get_state()
    known = catalog()
    page_header(t("app_title", state.lang), t("app_tagline", state.lang))
    _deep_link(known, state)
    actor = page_actor()
    if actor.account is None:
        _visitor_organization(state)
    else:
        _signed_in_organization(actor, state)
    st.subheader(t("questionnaires", state.lang), anchor=False)
    # Shortest first: the quick quizzes invite people in before the long grid.
    questionnaires = sorted(known.questionnaires.values(), key=lambda q: q.estimated_minutes or 0)
    if not questionnaires:
        st.info(t("no_questionnaires", state.lang))
    columns = st.columns(3)
    for i, questionnaire in enumerate(questionnaires):
        with columns[i % 3]:
            _card(questionnaire, state)
    if known.broken and actor.is_admin:  # the others see the questionnaires that work
        st.warning(t("broken_files", state.lang), icon=":material/warning:")
        for problems in known.broken.values():
            st.code("\n".join(str(p) for p in problems), language=None, wrap_lines=True)


render()
