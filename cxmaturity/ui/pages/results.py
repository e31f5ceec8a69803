"""Results: maturity today and ideal, categories, all capabilities, gaps and initiatives."""

from __future__ import annotations

import streamlit as st

from cxmaturity.charts import cached_spec, capability_heatmap, category_chart
from cxmaturity.i18n import decimal, number, t
from cxmaturity.model import Grid, Quiz
from cxmaturity.planning import Gap, Plan, priority_differs
from cxmaturity.scoring import GridResult
from cxmaturity.services.results import grid_view
from cxmaturity.services.results import quiz_result as score_quiz
from cxmaturity.ui.catalog import catalog, content_language, selected
from cxmaturity.ui.components.assessment_meta import assessment_meta
from cxmaturity.ui.components.quiz import quiz_result
from cxmaturity.ui.components.report_button import report_button
from cxmaturity.ui.restore import restore
from cxmaturity.ui.shell import (
    ANSWER,
    PLAN,
    page_header,
    questionnaire_missing,
    questionnaire_params,
)
from cxmaturity.ui.state import UiState, answers_of, get_state
from cxmaturity.ui.text import escape_md


def _level_label(grid: Grid, level_id: str | None, lang: str, ui_lang: str) -> str:
    level = next((lv for lv in grid.levels if lv.id == level_id), None)
    return f"{level.value} · {level.label.get(lang)}" if level else t("not_available", ui_lang)


def _summary(grid: Grid, result: GridResult, lang: str, ui_lang: str) -> None:
    overall = result.overall
    today, ideal, gap = st.columns(3)
    today.metric(t("level_today", ui_lang), decimal(overall.current, ui_lang))
    today.caption(escape_md(_level_label(grid, overall.level, lang, ui_lang)))
    ideal.metric(t("level_ideal", ui_lang), decimal(overall.ideal, ui_lang))
    ideal.caption(escape_md(_level_label(grid, overall.ideal_level, lang, ui_lang)))
    gap.metric(t("overall_gap", ui_lang), decimal(overall.gap, ui_lang))


def _gap_rows(gaps: tuple[Gap, ...], lang: str, ui_lang: str) -> list[dict[str, object]]:
    """One row per gap; a priority column only where weights make it differ."""
    weighted = priority_differs(gaps)
    rows: list[dict[str, object]] = []
    for g in gaps:
        row: dict[str, object] = {
            t("rank", ui_lang): g.rank,
            t("capability", ui_lang): g.capability.name.get(lang),
            t("category", ui_lang): g.category.name.get(lang),
            t("current", ui_lang): number(g.current, ui_lang),
            t("ideal", ui_lang): number(g.ideal, ui_lang),
            t("gap", ui_lang): number(g.gap, ui_lang),
        }
        if weighted:
            row[t("priority", ui_lang)] = number(g.priority, ui_lang)
        row[t("initiatives", ui_lang)] = " · ".join(i.title.get(lang) for i in g.initiatives)
        rows.append(row)
    return rows


def _initiative_details(gaps: tuple[Gap, ...], lang: str, ui_lang: str) -> str:
    """Every gap with its suggested initiatives and what each one means, as one escaped
    markdown text: one element, where an expander per gap drew about 150."""
    parts = []
    for gap in gaps:
        values = f"{number(gap.current, ui_lang)} → {number(gap.ideal, ui_lang)}"
        parts.append(f"**{gap.rank}. {escape_md(gap.capability.name.get(lang))}** ({values})")
        for initiative in gap.initiatives:
            line = f"- *{escape_md(initiative.title.get(lang))}*"
            if initiative.detail is not None:
                line += f": {escape_md(initiative.detail.get(lang))}"
            parts.append(line)
    return "\n\n".join(parts)


def _gaps(ranked: Plan, lang: str, ui_lang: str) -> None:
    st.subheader(t("gap_table", ui_lang), anchor=False)
    if not ranked.gaps:
        st.info(t("no_gaps", ui_lang))
    else:
        st.dataframe(_gap_rows(ranked.gaps, lang, ui_lang), hide_index=True, width="stretch")
        with st.expander(t("initiative_details", ui_lang), icon=":material/lightbulb:"):
            st.markdown(_initiative_details(ranked.gaps, lang, ui_lang))
    if ranked.negative:
        st.subheader(t("negative_title", ui_lang), anchor=False)
        st.caption(t("negative_help", ui_lang))
        rows = _gap_rows(ranked.negative, lang, ui_lang)
        for row in rows:
            row.pop(t("initiatives", ui_lang))
        st.dataframe(rows, hide_index=True, width="stretch")


def _grid_results(grid: Grid, state: UiState, lang: str) -> None:
    view = grid_view(grid, answers_of(state, grid, lang))
    result = view.result
    ui_lang = state.lang
    if result.rated == 0:
        st.info(t("no_answers_yet", ui_lang), icon=":material/pending:")
        return
    if not result.complete:
        detail = t(
            "partial_detail",
            ui_lang,
            rated=result.rated,
            total=len(result.capabilities),
            na=result.not_applicable,
        )
        st.warning(f"**{t('partial_label', ui_lang)}.** {detail}", icon=":material/warning:")
    _summary(grid, result, lang, ui_lang)
    st.subheader(t("by_category", ui_lang), anchor=False)
    spec = cached_spec(category_chart, grid, result, lang)
    st.vega_lite_chart(spec=spec, width="stretch", theme=None)
    st.subheader(t("all_capabilities", ui_lang), anchor=False)
    spec = cached_spec(capability_heatmap, grid, result, lang)
    st.vega_lite_chart(spec=spec, width="stretch", theme=None)
    _gaps(view.gaps, lang, ui_lang)


def _quiz_results(quiz: Quiz, state: UiState, lang: str) -> None:
    result = score_quiz(quiz, answers_of(state, quiz, lang))
    if result.answered == 0:
        st.info(t("no_answers_yet", state.lang), icon=":material/pending:")
        return
    if result.band is None:
        st.warning(
            f"**{t('partial_label', state.lang)}.** {t('quiz_incomplete', state.lang)}",
            icon=":material/warning:",
        )
        st.progress(
            result.answered / result.total_questions,
            text=t(
                "answered_progress", state.lang, done=result.answered, total=result.total_questions
            ),
        )
        return
    quiz_result(quiz, result, lang, state.lang)


RESULTS_BY_KIND = {"quiz": _quiz_results, "grid": _grid_results}


def render() -> None:
    state = get_state()
    known = catalog()
    questionnaire, wanted = selected(known, state)
    if questionnaire is None:
        questionnaire_missing(t("results_title", state.lang), wanted)
        return
    restore(state, questionnaire)
    lang = content_language(questionnaire, state.lang)
    page_header(f"{t('results_title', state.lang)}: {questionnaire.title.get(lang)}")
    RESULTS_BY_KIND[questionnaire.kind](questionnaire, state, lang)
    st.page_link(
        ANSWER,
        label=t("edit_answers", state.lang),
        icon=":material/edit_note:",
        query_params=questionnaire_params(questionnaire.id, state.lang),
    )
    assessment_meta(state, questionnaire)
    st.subheader(t("report_section", state.lang), anchor=False)
    report_button(state, list(known.questionnaires.values()), state.lang, key="report.results")
    st.page_link(PLAN, label=t("plan_title", state.lang), icon=":material/checklist:")


render()
