"""Home: language, organisation, and a card per questionnaire (broken files listed)."""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.loader import Catalog
from cxmaturity.model import Grid, Quiz
from cxmaturity.ui.catalog import catalog, content_language
from cxmaturity.ui.shell import ANSWER, page_header, questionnaire_params
from cxmaturity.ui.state import UiState, get_state
from cxmaturity.ui.text import escape_md

ORG_KEY = "ui.organization"


def _on_organization() -> None:
    get_state().organization = str(st.session_state.get(ORG_KEY) or "")[:300]


def _deep_link(known: Catalog, state: UiState) -> None:
    """``/?questionnaire=<id>&lang=<code>`` opens that questionnaire directly."""
    wanted = st.query_params.get("questionnaire")
    if not wanted:
        return
    if known.get(wanted) is None:
        st.warning(t("unknown_questionnaire", state.lang, id=wanted[:80]), icon=":material/help:")
        return
    params = questionnaire_params(wanted, state.lang)
    saved = st.query_params.get("assessment")
    if saved:
        params["assessment"] = saved[:20]  # a reload of a saved assessment keeps it
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
    st.text_input(
        t("organization", state.lang),
        value=state.organization,
        key=ORG_KEY,
        on_change=_on_organization,
        max_chars=300,
        placeholder=t("organization_placeholder", state.lang),
        help=t("organization_help", state.lang),
    )
    st.subheader(t("questionnaires", state.lang), anchor=False)
    # Shortest first: the quick quizzes invite people in before the long grid.
    questionnaires = sorted(known.questionnaires.values(), key=lambda q: q.estimated_minutes or 0)
    if not questionnaires:
        st.info(t("no_questionnaires", state.lang))
    columns = st.columns(3)
    for i, questionnaire in enumerate(questionnaires):
        with columns[i % 3]:
            _card(questionnaire, state)
    if known.broken:
        st.error(t("broken_files", state.lang), icon=":material/error:")
        for problems in known.broken.values():
            st.code("\n".join(str(p) for p in problems), language=None, wrap_lines=True)


render()
