"""The quiz: questions with lettered options, progress, and the result when complete."""

from __future__ import annotations

import streamlit as st

from cxmaturity.charts import cached_spec, quiz_band_chart
from cxmaturity.i18n import capped_text, t
from cxmaturity.model import Quiz
from cxmaturity.scoring import QuizResult
from cxmaturity.services.results import quiz_result as score_quiz
from cxmaturity.ui.autosave import autosave_item
from cxmaturity.ui.components.save_status import save_status
from cxmaturity.ui.errors import guarded
from cxmaturity.ui.shell import links_follow
from cxmaturity.ui.state import UiState, get_state, to_answers, widget_key
from cxmaturity.ui.text import escape_md


def _store_choice(questionnaire_id: str, question_id: str, key: str) -> None:
    choice = st.session_state.get(key)
    choices = get_state().of(questionnaire_id).choices
    if choice is None:
        choices.pop(question_id, None)
    else:
        choices[question_id] = choice
    autosave_item(questionnaire_id, question_id)


@st.fragment
@guarded
def quiz_form(quiz: Quiz, state: UiState, lang: str) -> None:
    """Every question as a radio group fed from the state; the result once complete.

    A fragment: a click reruns the questions and the result, not the whole page.
    """
    links_follow(quiz)
    save_status(quiz, state, lang)
    qstate = state.of(quiz.id)
    previous = state.previous.get(quiz.id)  # a re-evaluation: last round's choices
    done, total = qstate.answered(quiz), len(quiz.questions)
    st.progress(done / total, text=t("answered_progress", state.lang, done=done, total=total))
    for number, question in enumerate(quiz.questions, start=1):
        key = widget_key(quiz.id, question.id, lang=lang, revision=qstate.revision)
        letters = question.letters()
        texts = {o.id: o.text.get(lang) for o in question.options}
        shown = {oid: escape_md(f"{letters[oid]}) {text}") for oid, text in texts.items()}
        chosen = qstate.choices.get(question.id)
        st.radio(
            f"**{escape_md(f'{number}. {question.text.get(lang)}')}**",
            options=list(texts),
            index=list(texts).index(chosen) if chosen in texts else None,
            format_func=lambda oid, letters=letters, texts=texts: escape_md(
                f"{letters[oid]}) {texts[oid]}"
            ),
            key=key,
            help=escape_md(question.help.get(lang)) if question.help else None,
            disabled=quiz.id in state.read_only,  # an assessment this account may only see
            on_change=_store_choice,
            args=(quiz.id, question.id, key),
        )
        earlier = previous.choice(question.id) if previous is not None else None
        if earlier in texts:
            shown = f"{letters[earlier]}) {texts[earlier]}"
            st.caption(escape_md(t("previous_choice", state.lang, choice=shown)))
    result = score_quiz(quiz, [to_answers(state, quiz, lang)])
    st.divider()
    if result.band is None:
        st.info(t("quiz_incomplete", state.lang), icon=":material/pending:")
    else:
        quiz_result(quiz, result, lang, state.lang)


def quiz_result(quiz: Quiz, result: QuizResult, lang: str, ui_lang: str) -> None:
    """Points, band label and description, and the score on the band scale."""
    band = next((b for b in quiz.bands if b.id == result.band), None)
    st.subheader(t("your_result", ui_lang), anchor=False)
    points, label = st.columns([1, 3])
    points.metric(
        t("points_label", ui_lang),
        result.points if result.points is not None else "–",
        help=t("points_of", ui_lang, low=result.min_points, high=result.max_points),
    )
    with label:
        if band is not None:
            st.markdown(f"**{escape_md(band.label.get(lang))}**")
            if band.description is not None:
                st.markdown(escape_md(band.description.get(lang)))
        if result.capped_by:
            numbers = quiz.question_numbers(result.capped_by)
            st.warning(
                escape_md(capped_text(numbers, ui_lang)), icon=":material/vertical_align_top:"
            )
        if quiz.closing is not None and result.band is not None:
            st.caption(escape_md(quiz.closing.get(lang)))
    spec = cached_spec(quiz_band_chart, quiz, result, lang)
    st.vega_lite_chart(spec=spec, width="stretch", theme=None)
