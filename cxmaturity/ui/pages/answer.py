"""Answer one questionnaire: the quiz or the grid, chosen by ``?questionnaire=<id>``."""

from __future__ import annotations

import streamlit as st

from cxmaturity.i18n import t
from cxmaturity.ui.autosave import status_caption
from cxmaturity.ui.catalog import catalog, content_language, selected
from cxmaturity.ui.components.answers_io import answers_io
from cxmaturity.ui.components.forms import answer_form
from cxmaturity.ui.restore import restore
from cxmaturity.ui.shell import RESULTS, page_header, questionnaire_missing, questionnaire_params
from cxmaturity.ui.state import get_state
from cxmaturity.ui.text import escape_md


def render() -> None:
    state = get_state()
    known = catalog()
    questionnaire, wanted = selected(known, state)
    if questionnaire is None:
        questionnaire_missing(t("nav_answer", state.lang), wanted)
        return
    restore(state, questionnaire)
    lang = content_language(questionnaire, state.lang)
    if lang != state.lang:
        st.caption(t("unsupported_language", state.lang, lang=state.lang, used=lang))
    lines = [questionnaire.description.get(lang)] if questionnaire.description else []
    if questionnaire.source:
        lines.append(f"{t('source', state.lang)}: {questionnaire.source}")
    page_header(questionnaire.title.get(lang), "\n".join(lines) or None)
    saving = status_caption(state, questionnaire)
    if saving:
        st.caption(escape_md(saving))
    if state.save_notice:
        st.error(t(state.save_notice, state.lang), icon=":material/error:")
    if questionnaire.id in state.team:  # a workshop's consensus: agreed, not re-answered
        st.info(t("ws_team_read_only", state.lang), icon=":material/groups:")
    else:
        answer_form(questionnaire, state, lang)
    st.page_link(
        RESULTS,
        label=t("see_results", state.lang),
        icon=":material/insights:",
        query_params=questionnaire_params(questionnaire.id, state.lang),
    )
    if questionnaire.id not in state.team and questionnaire.id not in state.read_only:
        answers_io(questionnaire, known, state, lang)


render()
